//! Properties of the recogniser and the Markdown rewrite over arbitrary text:
//! no panic, every span inside the text on character boundaries, every link
//! rendered around whole characters.

use proptest::prelude::*;
use vanban::markdown::{render_with_links, Link};
use vanban::refs::find;

fn fragments() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kết luận số ",
        "Nghị quyết ",
        "Quyết định số ",
        "Quy định ",
        "Thông báo kết luận số ",
        "số",
        " số ",
        "127",
        "02",
        "-KL/TW",
        "-QĐ/TW",
        "/2020/NĐ-CP",
        "/QĐ-UBND",
        "-NQ/CP",
        "-CTr/TU",
        "KL/TW",
        " - ",
        "/",
        "-",
        ", ngày ",
        "ngày ",
        "17/7/2025",
        "19/6",
        "05 tháng 3 năm 2020",
        " năm 2025",
        " khóa XII",
        " của Bộ Chính trị",
        ", Ban Bí thư",
        " và ",
        "; ",
        ". ",
        "\n",
        "\n\n",
        "`",
        "[",
        "](http://x)",
        "(viết tắt là Nghị quyết 57)",
        "Nghị quyết 57",
        "Thực hiện ",
        "Căn cứ ",
        " về việc ",
        "\u{0301}",
        "\u{0323}",
        "\u{00D0}",
        "\u{2013}",
        "\u{00A0}",
        "\u{200B}",
        "\r\n",
        "**",
        "_",
        "# ",
        "> ",
        "1\\. ",
        "Qu¶n lý nhµ",
        "<b>",
        "</b>",
        "&amp;",
        "İ",
        "ß",
        "🙂",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let own = vanban::number::parse("999-CV/TU").expect("own");
    let offset = 7;
    let found = find("p.md", text, offset, (&own, None));
    let mut links = Vec::new();
    for c in &found.citations {
        let (s, e) = (c.span.start - offset, c.span.end - offset);
        assert!(s <= e && e <= text.len(), "span {s}..{e} outside {}", text.len());
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "span {s}..{e} not on boundaries in {text:?}"
        );
        links.push(Link {
            range: s..e,
            href: "/x/".into(),
            title: c.text.clone(),
            ambiguous: c.text.len() % 2 == 0,
        });
    }
    for s in &found.shorts {
        assert!(text.is_char_boundary(s.span.start - offset) && text.is_char_boundary(s.span.end - offset));
    }
    for d in &found.diagnostics {
        let span = d.span.clone().expect("warnings have a span");
        assert!(
            text.is_char_boundary(span.start - offset) && text.is_char_boundary(span.end - offset),
            "{d:?}"
        );
    }
    let html = render_with_links(text, &links).html;
    // Every anchor opened is closed (the text's own raw `<a>`, with or
    // without `href`, included), and no more citation links than links given.
    let opened = html.matches("<a ").count() + html.matches("<a>").count();
    assert_eq!(opened, html.matches("</a>").count(), "{html}");
    assert!(html.matches("<a class=\"cite").count() <= links.len(), "{html}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn citation_like_text_never_panics(text in fragments()) {
        check(&text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        check(&text);
    }
}
