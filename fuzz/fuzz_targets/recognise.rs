#![no_main]
//! The citation recogniser on arbitrary text: spans on character boundaries.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let own = vanban::number::parse("999-CV/TU").expect("own");
    let found = vanban::refs::find("f.md", s, 0, (&own, None));
    for c in &found.citations {
        assert!(s.is_char_boundary(c.span.start) && s.is_char_boundary(c.span.end));
    }
});
