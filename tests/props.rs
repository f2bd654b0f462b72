//! Properties of the loader and the number parser over arbitrary Unicode:
//! no panic; every diagnostic inside the text on character boundaries; a
//! parsed number's canonical form parses to the same number.

use proptest::prelude::*;
use vanban::load::{parse_document, LoadOptions};

fn front_matter_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "---\n",
        "number: ",
        "4029-CV/TU",
        "title: ",
        "issuer: ",
        "date: ",
        "31/02/2025",
        "18/7/2025",
        "[",
        "]",
        "{",
        "}",
        ":",
        "- ",
        "\n",
        "\r\n",
        "  ",
        "\t",
        "'",
        "\"",
        "#",
        "&a",
        "*a",
        "!!str ",
        "relations:\n  implements: [",
        "127-KL/TW",
        "slug: ",
        "../",
        "aliases: [",
        "/a/",
        "draft: ",
        "yes",
        "\u{feff}",
        "\u{00D0}",
        "ệ",
        "e\u{0302}\u{0323}",
        "🙂",
        "\u{0}",
    ]);
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let (doc, diags) = parse_document(text, "p.md", "p.md", &LoadOptions::default());
    if doc.is_none() {
        assert!(
            diags.iter().any(|d| d.is_error()),
            "rejected without an error: {text:?}"
        );
    }
    for d in &diags {
        if let Some(s) = &d.span {
            assert!(s.start <= s.end && s.end <= text.len(), "{d:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{d:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn loader_never_panics_on_front_matter_like_text(text in front_matter_like()) {
        check(&text);
    }

    #[test]
    fn loader_never_panics_on_arbitrary_text(body in any::<String>()) {
        check(&format!("---\nnumber: 1-CV/TU\ntitle: T\nissuer: X\n---\n{body}"));
        check(&body);
    }

    #[test]
    fn numbers_parse_or_say_where(s in "[0-9A-Za-zĐđƯư/ \\-]{0,24}") {
        match vanban::number::parse(&s) {
            Ok(n) => {
                let again = vanban::number::parse(&n.canonical).expect("canonical form parses");
                prop_assert_eq!(again.key(), n.key());
            }
            Err(e) => prop_assert!(e.at <= s.chars().count() && e.width >= 1),
        }
    }

    #[test]
    fn numbers_never_panic_on_anything(s in any::<String>()) {
        let _ = vanban::number::parse(&s);
        let chars: Vec<char> = s.chars().collect();
        if let Some((_, used)) = vanban::number::parse_prefix(&chars) {
            prop_assert!(used <= chars.len());
        }
    }
}
