//! Bad front matter the fixtures did not foresee: the sample documents cut and
//! mutated thousands of ways (deterministically). Every variant must end in a
//! document or in at least one error, never a panic, and every diagnostic must
//! name the file and point inside the text at a character boundary.

#[path = "../benches/support/synth.rs"]
mod synth;

use synth::Rng;
use vanban::load::{parse_document, LoadOptions};

const NASTY: &[&str] = &[
    ":",
    "-",
    "[",
    "]",
    "{",
    "}",
    "\n",
    "\r\n",
    "\"",
    "'",
    "\t",
    "#",
    "&a",
    "*a",
    "!!binary ",
    "|",
    ">",
    "---",
    "...",
    "Đ",
    "\u{0301}",
    "\u{00D0}",
    "\u{feff}",
    "\u{200b}",
    "  ",
    "number: ",
    "date: 31/02/2025",
    "? ",
    "%YAML 1.2",
    "\\",
    "title:",
    "issuer: []",
    "relations: {cites: [",
    "slug: ../x",
    "aliases: [/../]",
    "draft: có",
];

fn check_one(text: &str, cases: &mut usize) {
    let (doc, diags) = parse_document(text, "t.md", "t.md", &LoadOptions::default());
    *cases += 1;
    if doc.is_none() {
        assert!(
            diags.iter().any(|d| d.is_error()),
            "rejected without an error: {text:?}"
        );
    }
    for d in &diags {
        assert_eq!(d.file.as_deref(), Some("t.md"), "{d:?}");
        if let Some(span) = &d.span {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "span out of the text: {d:?} in {text:?}"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{d:?} in {text:?}"
            );
        }
        // Rendering must not panic either.
        let mut sources = vanban::diag::Sources::new();
        sources.insert("t.md".into(), text.to_string());
        for f in [
            vanban::diag::Format::Human,
            vanban::diag::Format::Short,
            vanban::diag::Format::Json,
        ] {
            assert!(!vanban::diag::render(d, &sources, f).is_empty());
        }
    }
}

#[test]
fn mutated_documents_never_panic_and_always_explain() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = [
        std::fs::read_to_string(root.join("content/4029-cv-tu.md")).expect("seed"),
        std::fs::read_to_string(root.join("content/2025/73-cv-tu-phu-tho.md")).expect("seed"),
    ];
    let mut rng = Rng(0x5eed);
    let mut cases = 0;
    for seed in &seeds {
        let head_end = seed.match_indices("\n---").next().map_or(seed.len(), |(i, _)| i + 5);
        let head = &seed[..head_end.min(seed.len())];
        let boundaries: Vec<usize> = head.char_indices().map(|(i, _)| i).chain([head.len()]).collect();
        // Every cut of the front matter.
        for &b in &boundaries {
            check_one(&head[..b], &mut cases);
        }
        // Random edits.
        for _ in 0..3000 {
            let mut text = head.to_string();
            for _ in 0..1 + rng.below(3) {
                let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let at = bounds[rng.below(bounds.len())];
                match rng.below(3) {
                    0 => text.insert_str(at, NASTY[rng.below(NASTY.len())]),
                    1 => {
                        let end = bounds.iter().copied().find(|&e| e > at).unwrap_or(at);
                        text.replace_range(at..end, "");
                    }
                    _ => {
                        let end = bounds
                            [(bounds.iter().position(|&e| e == at).unwrap_or(0) + rng.below(20)).min(bounds.len() - 1)];
                        text.replace_range(at..end, NASTY[rng.below(NASTY.len())]);
                    }
                }
            }
            check_one(&text, &mut cases);
        }
    }
    for text in [
        "",
        "---",
        "---\n",
        "---\n---\n",
        "---\n- a\n---\n",
        "---\n:\n---\n",
        "\u{feff}",
        "---\r\n---\r\n",
    ] {
        check_one(text, &mut cases);
    }
    assert!(cases > 6000, "{cases}");
}
