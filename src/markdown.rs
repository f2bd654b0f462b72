//! Markdown bodies to HTML (the only module that knows pulldown-cmark).
//!
//! In: a document body. Out: [`Rendered`]: HTML with headings shifted one
//! level down (the page's `<h1>` is the document's title, so a body `#`
//! becomes `<h2>`, keeping the heading order accessible), and the first
//! paragraph as plain text for listings.
//!
//! Raw HTML in a body is shown as text, never passed through: editors paste
//! from Word and web pages, and a published portal must not carry their
//! scripts. (An allow-list sanitiser is planned with the security issue.)

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The first paragraph, as plain text (empty when there is none).
    pub first_paragraph: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Moves a heading so that the body's highest level becomes `<h2>`.
fn shift(level: HeadingLevel, top: usize) -> HeadingLevel {
    match (level as usize + 2).saturating_sub(top) {
        0..=2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders a body.
pub fn render(body: &str) -> Rendered {
    let mut first = String::new();
    let mut in_para = false;
    let mut para_done = false;
    let top = Parser::new_ext(body, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let events = Parser::new_ext(body, options()).map(|event| {
        match &event {
            Event::Start(Tag::Paragraph) if !para_done => in_para = true,
            Event::End(TagEnd::Paragraph) if in_para => {
                in_para = false;
                para_done = true;
            }
            Event::Text(t) | Event::Code(t) if in_para => first.push_str(t),
            Event::SoftBreak | Event::HardBreak if in_para => first.push(' '),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shift(level, top),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level, top))),
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            e => e,
        }
    });
    let mut out = String::with_capacity(body.len() * 5 / 4);
    html::push_html(&mut out, events);
    Rendered {
        html: out,
        first_paragraph: crate::source::normalize(&first),
    }
}

/// Drops URLs with a scheme other than http, https and mailto.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| !s.contains('/'));
    match scheme {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => CowStr::Borrowed("#"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_shift_and_first_paragraph() {
        let r = render("# Tiêu đề\n\nĐoạn một\ncòn tiếp.\n\n## Mục\n\nĐoạn hai.\n");
        assert!(
            r.html.contains("<h2>Tiêu đề</h2>") && r.html.contains("<h3>Mục</h3>"),
            "{}",
            r.html
        );
        assert_eq!(r.first_paragraph, "Đoạn một còn tiếp.");
        let r = render("### Chỉ cấp ba\n\n#### Cấp bốn\n");
        assert!(
            r.html.contains("<h2>Chỉ cấp ba</h2>") && r.html.contains("<h3>Cấp bốn</h3>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_and_bad_urls_are_neutralised() {
        let r = render(
            "<script>alert(1)</script>\n\nxin <b onclick=x>chào</b> [a](javascript:alert(1)) [b](https://x.vn)\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<b "), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.vn\""));
    }
}
