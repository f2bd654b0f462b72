#![no_main]
//! The loader on arbitrary files: a document or errors, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (doc, diags) = vanban::load::parse_document(text, "f.md", "f.md", &vanban::load::LoadOptions::default());
        assert!(doc.is_some() || diags.iter().any(|d| d.is_error()));
        for d in &diags {
            if let Some(s) = &d.span {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
});
