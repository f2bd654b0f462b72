//! Markdown bodies to HTML (the only module that knows pulldown-cmark).
//!
//! In: a document body. Out: [`Rendered`]: HTML with headings shifted one
//! level down (the page's `<h1>` is the document's title, so a body `#`
//! becomes `<h2>`, keeping the heading order accessible), and the first
//! paragraph as plain text for listings.
//!
//! Raw HTML in a body never passes as it is: editors paste from Word and web
//! pages, and a published portal must not carry their scripts, so a body
//! with raw HTML goes through ammonia's allow-list ([`sanitize`]).

use crate::source::normalize_body;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The first paragraph, as plain text (empty when there is none).
    pub first_paragraph: String,
    /// The contents: parts, chapters, articles and top-level items, with
    /// their anchors (see [`crate::outline`]).
    pub contents: Vec<Entry>,
}

mod structure;

use structure::Structure;
pub use structure::{anchors, Entry};

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

/// A link to put over a range of the body (a recognised citation).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    /// Byte range in the body as written.
    pub range: Range<usize>,
    /// Where it leads.
    pub href: String,
    /// The tooltip: the cited document named in full.
    pub title: String,
    /// Whether the mention fits several documents: it then leads to the
    /// list of candidates on the page and says so in its text.
    pub ambiguous: bool,
}

/// The opening tag of a citation link.
fn open_tag(l: &Link) -> String {
    format!(
        "<a class=\"cite{}\" href=\"{}\" title=\"{}\">",
        if l.ambiguous { " ambiguous" } else { "" },
        crate::escape::attr(&l.href),
        crate::escape::attr(&l.title)
    )
}

/// The closing tag of a citation link; an ambiguous one says so in words
/// (not only in `title`, which touch screens never show).
fn close_tag(l: &Link) -> &'static str {
    if l.ambiguous {
        " <span class=\"ambiguous-note\">(chưa rõ văn bản nào)</span></a>"
    } else {
        "</a>"
    }
}

/// The most Markdown punctuation a body may hold and still be read as
/// Markdown: the marks that open inline nodes or nest (`[`, `]`, `*`, `_`,
/// `` ` ``, `~`, `<`, `>`, `\`, `!`, `&`), for each of which pulldown-cmark
/// keeps a node (about 80 bytes); a directive has a few thousand, a hostile
/// body millions. Table pipes and dashes cost little and are not counted.
pub const MAX_MARKUP: usize = 500_000;

/// Whether a body holds more Markdown punctuation than [`MAX_MARKUP`]: it is
/// then shown as plain text (paragraphs at blank lines), which costs time
/// and memory in proportion to its size, and citations are still found.
pub fn too_complex(body: &str) -> bool {
    body.len() > MAX_MARKUP
        && body
            .bytes()
            .filter(|b| {
                matches!(
                    b,
                    b'[' | b']' | b'*' | b'_' | b'`' | b'~' | b'<' | b'>' | b'\\' | b'!' | b'&'
                )
            })
            .count()
            > MAX_MARKUP
}

/// A body too complex for Markdown as plain paragraphs, with its links.
fn render_plain(body: &str, links: &[Link]) -> Rendered {
    let mut out = String::with_capacity(body.len() * 5 / 4);
    let mut first = String::new();
    let mut sorted: Vec<&Link> = links.iter().collect();
    sorted.sort_by_key(|l| l.range.start);
    // One pass over the paragraphs and one over the links.
    let mut next = 0;
    let mut at = 0;
    for para in body.split("\n\n") {
        let start = at;
        let end = start + para.len();
        at = end + 2;
        if para.trim().is_empty() {
            continue;
        }
        if first.is_empty() {
            first = crate::source::normalize(para.trim());
        }
        out.push_str("<p>");
        let mut pos = start;
        while next < sorted.len() && sorted[next].range.start < end {
            let l = sorted[next];
            next += 1;
            let fits = l.range.start >= pos && l.range.end <= end;
            if !fits || !body.is_char_boundary(l.range.start) || !body.is_char_boundary(l.range.end) {
                continue;
            }
            out.push_str(&crate::escape::text(&normalize_body(&body[pos..l.range.start])));
            out.push_str(&open_tag(l));
            out.push_str(&crate::escape::text(&normalize_body(&body[l.range.clone()])));
            out.push_str(close_tag(l));
            pos = l.range.end;
        }
        out.push_str(&crate::escape::text(&normalize_body(&body[pos..end])));
        out.push_str("</p>\n");
    }
    Rendered {
        html: out,
        first_paragraph: first,
        contents: Vec::new(),
    }
}

/// Renders a body without links.
pub fn render(body: &str) -> Rendered {
    render_with_links(body, &[])
}

/// Renders a body, turning the given ranges into links. A range is linked
/// only when it lies in plain text at one nesting level (not across an
/// emphasis, never inside code or an existing link); text is normalised
/// (NFC, look-alike letters) as it is written out.
pub fn render_with_links(body: &str, links: &[Link]) -> Rendered {
    if too_complex(body) {
        return render_plain(body, links);
    }
    let events: Vec<(Event, Range<usize>)> = merged_text(body, Parser::new_ext(body, options()).into_offset_iter());
    let top = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let valid = valid_links(body, &events, links);
    // Most bodies need no normalising: asked once, not for every piece of text.
    let unchanged = crate::source::body_unchanged(body);
    let mut structure = Structure::of(
        body,
        unchanged,
        events.iter().map(|(e, r)| (e, body.get(r.clone()).unwrap_or(""))),
    );
    let mut first = String::new();
    let mut in_para = false;
    let mut para_done = false;
    let mut out_events: Vec<Event> = Vec::with_capacity(events.len() + valid.len() * 2);
    let mut has_html = false;
    for (event, range) in events {
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
        let id = structure.open(&event, body.get(range.clone()).unwrap_or(""));
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if id.is_some() => {
                let tag = if matches!(event, Event::Start(Tag::Item)) {
                    "li"
                } else {
                    "p"
                };
                let id = crate::escape::attr(id.as_deref().unwrap_or(""));
                out_events.push(Event::Html(CowStr::from(format!("<{tag} id=\"{id}\">"))));
            }
            Event::Text(t) => match verbatim(body, &range, &t) {
                Some(b) => split_text(b, range.start, &valid, unchanged, &mut out_events),
                None => out_events.push(Event::Text(CowStr::from(normalize_body(&t).into_owned()))),
            },
            Event::Start(Tag::Heading {
                level, classes, attrs, ..
            }) => out_events.push(Event::Start(Tag::Heading {
                level: shift(level, top),
                id: id.map(CowStr::from),
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => out_events.push(Event::End(TagEnd::Heading(shift(level, top)))),
            Event::Html(raw) => {
                has_html = true;
                out_events.push(Event::Html(raw))
            }
            Event::InlineHtml(raw) => {
                has_html = true;
                out_events.push(Event::InlineHtml(raw))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => out_events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            })),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => out_events.push(Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            })),
            e => out_events.push(e),
        }
    }
    let mut out = String::with_capacity(body.len() * 5 / 4);
    html::push_html(&mut out, out_events.into_iter());
    // Without raw HTML, pulldown-cmark's output is safe by construction (text and
    // attributes escaped, link schemes checked above); with it, the whole body
    // goes through the allow-list.
    if has_html {
        out = sanitize_keeping(&out, structure.ids.clone());
    }
    Rendered {
        html: out,
        first_paragraph: crate::source::normalize(&first),
        contents: structure.contents(),
    }
}

/// The events with runs of adjacent text pieces that are their source as
/// written made one piece (pulldown-cmark gives each unmatched `[`, `*` or
/// `_` a text event of its own: a body of a million brackets was a million
/// events, 500 bytes of memory per byte of input). A piece with escapes or
/// entities resolved stays apart, as before.
fn merged_text<'b>(
    body: &'b str,
    events: impl Iterator<Item = (Event<'b>, Range<usize>)>,
) -> Vec<(Event<'b>, Range<usize>)> {
    let mut out: Vec<(Event<'b>, Range<usize>)> = Vec::new();
    let mut run: Option<Range<usize>> = None;
    let flush = |run: &mut Option<Range<usize>>, out: &mut Vec<(Event<'b>, Range<usize>)>| {
        if let Some(r) = run.take() {
            out.push((Event::Text(CowStr::Borrowed(&body[r.clone()])), r));
        }
    };
    for (event, range) in events {
        if let Event::Text(t) = &event {
            if verbatim(body, &range, t).is_some() {
                match &mut run {
                    Some(r) if r.end == range.start => r.end = range.end,
                    _ => {
                        flush(&mut run, &mut out);
                        run = Some(range);
                    }
                }
                continue;
            }
        }
        flush(&mut run, &mut out);
        out.push((event, range));
    }
    flush(&mut run, &mut out);
    out
}

/// The source of a text event when the event is that source as written (no
/// escapes or entities resolved). Plain text is borrowed from the source,
/// which answers without comparing the bytes.
fn verbatim<'b>(body: &'b str, range: &Range<usize>, text: &str) -> Option<&'b str> {
    let source = body.get(range.clone())?;
    (std::ptr::eq(source, text) || source == text).then_some(source)
}

/// The links whose ranges stand in plain text, contiguous and at one level.
fn valid_links<'l>(body: &str, events: &[(Event, Range<usize>)], links: &'l [Link]) -> Vec<&'l Link> {
    let mut depth = 0i32;
    // (range, depth, is plain text or soft break)
    let mut spans: Vec<(Range<usize>, i32, bool)> = Vec::with_capacity(events.len());
    for (e, r) in events {
        match e {
            Event::Start(_) => {
                spans.push((r.clone(), depth, false));
                depth += 1;
            }
            Event::End(_) => {
                depth -= 1;
                spans.push((r.clone(), depth, false));
            }
            Event::Text(t) => spans.push((r.clone(), depth, verbatim(body, r, t).is_some())),
            Event::SoftBreak => spans.push((r.clone(), depth, true)),
            _ => spans.push((r.clone(), depth, false)),
        }
    }
    let mut in_link = 0i32;
    let mut inside_link: Vec<bool> = Vec::with_capacity(events.len());
    for (e, _) in events {
        if let Event::Start(Tag::Link { .. } | Tag::Image { .. }) = e {
            in_link += 1;
        }
        inside_link.push(in_link > 0);
        if let Event::End(TagEnd::Link | TagEnd::Image) = e {
            in_link -= 1;
        }
    }
    // Leaf events (text, breaks, code ...) in document order: their ranges
    // do not overlap and their starts increase, so the ones a link touches
    // are found by binary search (a page's cost stays linear in its size
    // with thousands of citations).
    let leaves: Vec<usize> = (0..events.len())
        .filter(|&i| !matches!(events[i].0, Event::Start(_) | Event::End(_)))
        .collect();
    let mut sorted: Vec<&Link> = links.iter().collect();
    sorted.sort_by_key(|l| l.range.start);
    let mut out: Vec<&Link> = Vec::new();
    for l in sorted {
        if out.last().is_some_and(|p| p.range.end > l.range.start) || l.range.is_empty() {
            continue;
        }
        // Leaf events the link touches.
        let from = leaves.partition_point(|&i| spans[i].0.end <= l.range.start);
        let touched: Vec<usize> = leaves[from..]
            .iter()
            .copied()
            .take_while(|&i| spans[i].0.start < l.range.end)
            .filter(|&i| spans[i].0.start < l.range.end && l.range.start < spans[i].0.end)
            .collect();
        let Some((&first, &last)) = touched.first().zip(touched.last()) else {
            continue;
        };
        let level = spans[first].1;
        let contiguous = touched.windows(2).all(|w| w[1] == w[0] + 1);
        let plain = touched
            .iter()
            .all(|&i| spans[i].2 && spans[i].1 == level && !inside_link[i]);
        let ends_in_text = matches!(events[first].0, Event::Text(_)) && matches!(events[last].0, Event::Text(_));
        let within = spans[first].0.start <= l.range.start && l.range.end <= spans[last].0.end;
        if contiguous && plain && ends_in_text && within {
            out.push(l);
        }
    }
    out
}

/// Emits a plain text event, opening and closing the links inside it.
/// `unchanged`: the text needs no normalising (see [`crate::source::body_unchanged`]).
fn split_text<'a>(text: &'a str, at: usize, links: &[&Link], unchanged: bool, out: &mut Vec<Event<'a>>) {
    let normalize = |s: &'a str| {
        if unchanged {
            CowStr::Borrowed(s)
        } else {
            CowStr::from(normalize_body(s))
        }
    };
    let end = at + text.len();
    let mut cuts: Vec<(usize, Option<&Link>, &Link)> = Vec::new();
    // `links` are sorted and disjoint: only those ending after `at` and
    // starting before `end` can cut this text.
    let from = links.partition_point(|l| l.range.end <= at);
    for l in links[from..].iter().take_while(|l| l.range.start < end) {
        if l.range.start >= at && l.range.start < end {
            cuts.push((l.range.start, Some(l), l));
        }
        if l.range.end > at && l.range.end <= end {
            cuts.push((l.range.end, None, l));
        }
    }
    cuts.sort_by_key(|(pos, open, _)| (*pos, open.is_some()));
    let mut pos = at;
    for (cut, open, link) in cuts {
        if cut > pos && text.is_char_boundary(cut - at) && text.is_char_boundary(pos - at) {
            out.push(Event::Text(normalize(&text[pos - at..cut - at])));
            pos = cut;
        }
        let tag = match open {
            Some(l) => open_tag(l),
            None => close_tag(link).to_string(),
        };
        out.push(Event::InlineHtml(CowStr::from(tag)));
    }
    if pos < end {
        out.push(Event::Text(normalize(&text[pos - at..])));
    }
}

/// The allow-list for bodies with raw HTML (ammonia): text formatting,
/// lists, tables, headings, quotes, links (http, https, mailto and site
/// links; `class="cite"` kept for citation links), images with http(s)
/// sources. Scripts, styles, frames, forms, SVG, MathML, event attributes and
/// `javascript:`/`data:` URLs are removed, and every `id`.
pub fn sanitize(html: &str) -> String {
    sanitize_keeping(html, Default::default())
}

/// [`sanitize`], keeping the `id`s vanban gave the body's blocks (`ids`),
/// each once: an editor's pasted ids could clash with them or the page's.
fn sanitize_keeping(html: &str, ids: rustc_hash::FxHashSet<String>) -> String {
    use std::collections::HashSet;
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
    .into_iter()
    .collect();
    let mut classes = std::collections::HashMap::new();
    classes.insert("a", ["cite", "ambiguous"].into_iter().collect::<HashSet<&str>>());
    classes.insert("span", ["ambiguous-note"].into_iter().collect::<HashSet<&str>>());
    let ids_left = std::sync::Mutex::new(ids);
    ammonia::Builder::default()
        .tags(tags)
        .add_tag_attributes("a", ["title"])
        .add_generic_attributes(["id"])
        .attribute_filter(move |_, attr, value| match attr {
            "id" => ids_left
                .lock()
                .ok()
                .and_then(|mut left| left.remove(value).then(|| value.into())),
            _ => Some(value.into()),
        })
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
        .add_tag_attributes("img", ["alt", "title", "width", "height"])
        .allowed_classes(classes)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// Byte ranges of a body that citations may not be found in: code spans and
/// blocks, links and images (they already lead somewhere), and raw HTML.
pub fn masked_ranges(body: &str) -> Vec<Range<usize>> {
    // None of these can start without one of these characters, or four
    // columns of indentation (a code block, maybe inside a list item or a
    // quote: "*     code"), which takes a tab or four spaces in a row
    // somewhere: most bodies need no parse here.
    if !may_mask(body.as_bytes()) || too_complex(body) {
        return Vec::new();
    }
    let mut spaces = 0;
    let plain = body.bytes().all(|b| {
        spaces = if b == b' ' { spaces + 1 } else { 0 };
        spaces < 4 && !matches!(b, b'\t' | b'`' | b'~' | b'[' | b'<')
    });
    if plain {
        return Vec::new();
    }
    parsed_masks(body)
}

/// Whether `b` holds one of the bytes that [`masked_ranges`] looks for
/// (`` ` ``, `~`, `[`, `<`, a tab) or two spaces in a row; eight bytes at a
/// time. The zero-byte test ("Determine if a word has a zero byte", Bit
/// Twiddling Hacks) may flag a byte above a true match, never miss one: a
/// false flag only sends the body to the exact scan.
fn may_mask(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let has = |x: u64, c: u8| {
        let y = x ^ (ONES * u64::from(c));
        y.wrapping_sub(ONES) & !y & HIGH
    };
    let mut chunks = b.chunks_exact(8);
    let mut last_space = false;
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let special = has(x, b'`') | has(x, b'~') | has(x, b'[') | has(x, b'<') | has(x, b'\t');
        let spaces = has(x, b' ');
        // Byte k and byte k + 1 both spaces, within the word or across the
        // boundary with the word before.
        if special != 0 || spaces & (spaces >> 8) != 0 || (last_space && chunk[0] == b' ') {
            return true;
        }
        last_space = chunk[7] == b' ';
    }
    let rest = chunks.remainder();
    let mut previous = last_space;
    rest.iter().any(|&x| {
        let pair = previous && x == b' ';
        previous = x == b' ';
        pair || matches!(x, b'\t' | b'`' | b'~' | b'[' | b'<')
    })
}

/// [`masked_ranges`] by a full parse.
fn parsed_masks(body: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::Link { .. })
            | Event::Start(Tag::Image { .. })
            | Event::Start(Tag::HtmlBlock) => out.push(range),
            _ => {}
        }
    }
    out
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// The shortcut agrees with a full parse (a code block in a list
        /// item, "*        ]", was once missed).
        #[test]
        fn masked_ranges_shortcut_agrees(s in "([a-zđ0-9 ]|\\n|    |\t|`|~|\\[|\\]|\\(|\\)|<|>|!|\\*|#|\\^|:|/|-){0,60}") {
            proptest::prop_assert_eq!(masked_ranges(&s), parsed_masks(&s));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The eight-byte test flags every text the byte scan would send to
        /// the parse: a match in any position of a word or of the tail.
        #[test]
        fn may_mask_misses_nothing(s in "([a-zđ ]|`|~|\\[|<|\t|!|\\x01){0,40}") {
            let b = s.as_bytes();
            let pair = b.windows(2).any(|w| w == b"  ");
            let special = b.iter().any(|x| matches!(x, b'\t' | b'`' | b'~' | b'[' | b'<'));
            if pair || special {
                proptest::prop_assert!(may_mask(b), "{:?}", s);
            }
        }
    }

    #[test]
    fn may_mask_on_plain_text() {
        assert!(!may_mask(
            "Thực hiện Kết luận số 127-KL/TW, ngày 28/02/2025.\n\n| a | b |\n".as_bytes()
        ));
        assert!(may_mask("Thực hiện  Kết luận".as_bytes()));
        assert!(may_mask("1234567 [x](y)".as_bytes()));
        assert!(may_mask("abcdefg  x".as_bytes()));
    }

    #[test]
    fn headings_shift_and_first_paragraph() {
        let r = render("# Tiêu đề\n\nĐoạn một\ncòn tiếp.\n\n## Mục\n\nĐoạn hai.\n");
        assert!(
            r.html.contains("<h2 id=\"tieu-de-2\">Tiêu đề</h2>") && r.html.contains("<h3 id=\"muc\">Mục</h3>"),
            "{}",
            r.html
        );
        assert_eq!(r.first_paragraph, "Đoạn một còn tiếp.");
        let r = render("### Chỉ cấp ba\n\n#### Cấp bốn\n");
        assert!(
            r.html.contains("<h2 id=\"chi-cap-ba\">Chỉ cấp ba</h2>")
                && r.html.contains("<h3 id=\"cap-bon\">Cấp bốn</h3>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn links_over_citations() {
        let body = "Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025.\n\n**Kết luận** số 9-KL/TW và `1-KL/TW`.\n";
        let link = |s: &str, href: &str| {
            let at = body.find(s).unwrap_or(0);
            Link {
                range: at..at + s.len(),
                href: href.into(),
                title: "Kết luận \"127\"".into(),
                ambiguous: false,
            }
        };
        let links = [
            link("Kết luận số 127-KL/TW", "/van-ban/127/"),
            link("Kết luận** số 9-KL/TW", "/van-ban/9/"),
            link("1-KL/TW", "/van-ban/1/"),
        ];
        let r = render_with_links(body, &links);
        assert!(
            r.html.contains("Thực hiện <a class=\"cite\" href=\"/van-ban/127/\" title=\"Kết luận &quot;127&quot;\">Kết luận số 127-KL/TW</a> ngày"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("/van-ban/9/"), "across emphasis: {}", r.html);
        assert!(!r.html.contains("/van-ban/1/"), "inside code: {}", r.html);
    }

    #[test]
    fn output_text_is_normalised() {
        let r = render("\u{00D0}a\u{0309}ng vi\u{00EA}\u{0323}c\r\n");
        assert!(r.html.contains("Đảng việc"), "{}", r.html);
    }

    #[test]
    fn masked() {
        let body = "a `127-KL/TW` [x](http://a) b\n\n```\ncode\n```\n";
        let m = masked_ranges(body);
        assert_eq!(m.len(), 3, "{m:?}");
        assert_eq!(&body[m[0].clone()], "`127-KL/TW`");
    }

    #[test]
    fn raw_html_and_bad_urls_are_neutralised() {
        let r = render(
            "<script>alert(1)</script>\n\nxin <b onclick=x>chào</b> [a](javascript:alert(1)) [b](https://x.vn)\n",
        );
        assert!(
            !r.html.contains("<script") && !r.html.contains("alert(1)</"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<b ") && r.html.contains("<b>chào</b>"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.vn\""));
    }
}
