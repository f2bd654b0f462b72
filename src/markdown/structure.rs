//! The structure of a body as it is rendered: the anchors `outline` gives
//! its blocks (headings, paragraphs, list items), the contents list, and
//! the anchors alone for pinpoint citations into it.

use super::{options, too_complex};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// An entry of a body's contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// The anchor (`dieu-5`).
    pub id: String,
    /// The block's first line as plain text, cut at about 90 characters.
    pub label: String,
    /// 1 for parts and chapters, 2 below.
    pub level: u8,
}

/// The first line of a block as plain text for the contents: Markdown marks
/// and escapes dropped, cut at a word near 90 characters.
fn entry_label(source: &str) -> String {
    let line = source.lines().next().unwrap_or("");
    let plain: String = plain_line(line)
        .chars()
        .filter(|c| !matches!(c, '\\' | '*' | '_' | '#' | '>' | '`'))
        .collect();
    let mut out = String::new();
    // Characters in `out`, kept as it grows rather than counted again per word.
    let mut chars = 0;
    for w in plain.split_whitespace() {
        let n = w.chars().count();
        if chars + n > 90 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += n;
    }
    crate::source::normalize(&out)
}

/// A line of Markdown source as the reader sees it: a link's text without
/// its address, no raw HTML tags, the common entities decoded.
fn plain_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        if rest.starts_with("](") {
            if let Some(end) = rest.find(')') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        if c != '[' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    if !out.contains('&') {
        return out;
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The anchors and contents of a body as it is rendered.
pub(super) struct Structure {
    outliner: crate::outline::Outliner,
    /// Contents entries, their labels made at the end ([`Structure::contents`]):
    /// the id, the block's first words, the level, and whether it is a
    /// numbered item.
    pending: Vec<(String, String, u8, bool)>,
    /// Every id given.
    pub(super) ids: rustc_hash::FxHashSet<String>,
    /// List items open.
    items: usize,
    /// Whether the next paragraph is a list item's first (its own text, not
    /// a block of its own; a later one, `a)` under `1.`, is).
    item_text: bool,
}

/// Ids the page around a body uses (the theme's templates): a body's
/// headings never take them.
const PAGE_IDS: &[&str] = &[
    "noi-dung",
    "tieu-de",
    "tren-trang",
    "toan-van",
    "dan-chieu",
    "duoc-dan-chieu",
    "hinh",
];

/// Whether a body says "Điều 1" (or "ĐIỀU 1") at least twice. `memmem`,
/// stopping at the second: counting both forms with `str::matches` over the
/// whole body was a tenth of the time of rendering it.
fn restarts_twice(body: &str) -> bool {
    let b = body.as_bytes();
    let mut seen = 0;
    for form in ["Điều 1", "ĐIỀU 1"] {
        seen += memchr::memmem::find_iter(b, form.as_bytes()).take(2 - seen).count();
        if seen >= 2 {
            return true;
        }
    }
    false
}

impl Structure {
    /// The structure of a body whose block-opening events are `events`
    /// (walked once first to count its runs of articles); `unchanged`:
    /// [`crate::source::body_unchanged`] of the body, which its caller needs
    /// too.
    pub(super) fn of<'e>(
        body: &str,
        unchanged: bool,
        events: impl Iterator<Item = (&'e Event<'e>, &'e str)> + Clone,
    ) -> Self {
        // A second run of articles starts again at "Điều 1": without two of
        // them there is one run at most, and no walk is needed.
        let articles = restarts_twice(body) || !unchanged;
        if !articles {
            return Structure::new(1);
        }
        let mut probe = Structure::new(1);
        for (e, source) in events {
            probe.open(e, source);
        }
        Structure::new(probe.outliner.runs_seen())
    }

    fn new(runs: usize) -> Self {
        let mut outliner = crate::outline::Outliner::with_runs(runs);
        for id in PAGE_IDS {
            outliner.claim(id);
        }
        Structure {
            outliner,
            pending: Vec::new(),
            ids: Default::default(),
            items: 0,
            item_text: false,
        }
    }

    /// The id of a block whose source is `source`; headings always have
    /// one (a slug of their words when they are no structural unit).
    fn id(&mut self, source: &str, heading: bool) -> Option<String> {
        // A block's first line is all that names it: a paragraph may be long.
        let first = source.split('\n').next().unwrap_or("");
        let cut = (300..first.len())
            .find(|&i| first.is_char_boundary(i))
            .unwrap_or(first.len());
        let lead = first[..cut].trim_start_matches(['#', ' ']);
        let anchor = self.outliner.block(lead, heading);
        let (id, level, item) = match anchor {
            Some(a) => {
                let level = a.contents.or(heading.then_some(2));
                (a.id, level, a.item && !heading)
            }
            None if heading => {
                let words: Vec<String> = entry_label(lead)
                    .split_whitespace()
                    .take(8)
                    .map(str::to_owned)
                    .collect();
                (
                    self.outliner.claim(&crate::source::slugify(&words.join(" ")))?,
                    Some(2),
                    false,
                )
            }
            None => return None,
        };
        self.ids.insert(id.clone());
        if let Some(level) = level {
            self.pending.push((id.clone(), lead.to_string(), level, item));
        }
        Some(id)
    }

    /// The contents: parts, chapters, sections, articles and headings; the
    /// numbered items (`1.`, `2.`) only when the text has nothing larger
    /// (a công văn's points), so that a long plan lists its parts, not its
    /// every item.
    pub(super) fn contents(self) -> Vec<Entry> {
        let larger = self.pending.iter().any(|(_, _, _, item)| !item);
        self.pending
            .into_iter()
            .filter(|(_, _, _, item)| !(larger && *item))
            .map(|(id, lead, level, item)| Entry {
                label: entry_label(&lead),
                level: if item { 1 } else { level },
                id,
            })
            .collect()
    }

    /// The id of the block an event opens, if it is a structural one:
    /// headings, paragraphs outside list items, and list items.
    pub(super) fn open(&mut self, event: &Event, source: &str) -> Option<String> {
        match event {
            Event::Start(Tag::Heading { .. }) => self.id(source, true),
            Event::Start(Tag::Paragraph) if self.items > 0 && std::mem::take(&mut self.item_text) => None,
            Event::Start(Tag::Paragraph) => self.id(source, false),
            Event::Start(Tag::Item) => {
                self.items += 1;
                self.item_text = true;
                self.id(source, false)
            }
            Event::End(TagEnd::Item) => {
                self.items = self.items.saturating_sub(1);
                None
            }
            _ => None,
        }
    }
}

/// Every anchor of a body (clauses and points too), for pinpoint citations
/// into it: the same walk as [`super::render_with_links`] gives its blocks.
pub fn anchors(body: &str) -> rustc_hash::FxHashSet<String> {
    if too_complex(body) {
        return Default::default();
    }
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let blocks = || events.iter().map(|(e, r)| (e, body.get(r.clone()).unwrap_or("")));
    let mut structure = Structure::of(body, crate::source::body_unchanged(body), blocks());
    blocks().filter_map(|(e, source)| structure.open(e, source)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    #[test]
    fn contents_labels_are_what_the_reader_sees() {
        assert_eq!(
            entry_label("## Điều 5. Theo [Nghị định 30](https://x.vn/a) &amp; <br>khác"),
            "Điều 5. Theo Nghị định 30 & khác"
        );
        let r = render("<p id=\"toan-van\">x</p>\n\n## Điều 2. A\n\n<div id=\"dieu-2\">y</div>\n\n## Chưa rõ 1\n");
        assert_eq!(r.html.matches("id=\"dieu-2\"").count(), 1, "{}", r.html);
        assert!(
            !r.html.contains("id=\"toan-van\"") && !r.html.contains("id=\"chua-ro-1\""),
            "{}",
            r.html
        );
    }
}
