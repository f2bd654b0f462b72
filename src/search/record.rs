//! One document in the index: the record a result shows, and the words it
//! is found by.
//!
//! The snippet is the document's `summary` when it has one, else the
//! opening of the body, about [`SNIPPET`] characters.
//! A directive's first sentence names what it implements or is based on
//! ("Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị…"),
//! which is what a number query matches in the documents citing one; a word
//! found deeper in the body is found, but not shown. A snippet around each
//! match would need the whole body in the index; one opening per document
//! keeps a query's download small (see the README, "Tìm kiếm").

use super::query::{date_key, number_key};
use super::words::{compact, distinct_words, Word};
use crate::graph::{Index, Node};
use std::collections::BTreeMap;

/// Characters of body text kept as a result's snippet.
pub const SNIPPET: usize = 150;

/// A record: [number, type index, title, issuer indexes, date, year, URL
/// path, in the content (1) or cited only (0), snippet].
pub(super) type Record = (String, usize, String, Vec<usize>, String, i32, String, u8, String);

/// A document's record and its distinct words.
pub(super) type Indexed = (Record, Vec<Word>);

/// What every document of the site is indexed with.
pub(super) struct Site<'a, 'p> {
    pub(super) index: &'a Index,
    pub(super) plain: &'p (dyn Fn(usize) -> &'a str + Sync),
    pub(super) types: &'p [&'a str],
    pub(super) issuer_pos: &'p BTreeMap<&'a str, usize>,
}

/// One node's search record and the words it is found by: those of its
/// number, type, title, locality, issuers and body, and two of the index's
/// own: its number and type as one word ([`number_key`]) and its date
/// ([`date_key`]).
pub(super) fn indexed(site: &Site<'_, '_>, n: Node) -> Indexed {
    let index = site.index;
    let (title, keys, locality, body, summary) = match n {
        Node::Doc(i) => {
            let d = &index.docs[i];
            let summary = d.doc.summary.as_deref();
            (
                d.doc.title.as_str(),
                &d.issuers,
                d.doc.locality.as_deref(),
                (site.plain)(i),
                summary,
            )
        }
        Node::Cited(i) => {
            let c = &index.cited[i];
            (
                c.subject.as_deref().unwrap_or_default(),
                &c.issuer_keys,
                c.locality.as_deref(),
                "",
                None,
            )
        }
    };
    let number = index.number(n);
    let doc_type = index.doc_type(n);
    let date = index.date(n);
    let mut parts = String::with_capacity(200);
    for part in [number, doc_type, title, locality.unwrap_or_default()] {
        parts.push_str(part);
        parts.push(' ');
    }
    for name in keys.iter().filter_map(|k| index.issuers.get(k)) {
        parts.push_str(&name.name);
        parts.push(' ');
    }
    if !compact(doc_type).is_empty() {
        parts.push_str(&number_key(number, doc_type));
        parts.push(' ');
    }
    if let Some(d) = date {
        parts.push_str(&date_key(d.day, d.month, d.year));
    }
    let words = distinct_words(&parts, body);
    let record: Record = (
        number.to_string(),
        site.types.iter().position(|t| *t == doc_type).unwrap_or(0),
        title.to_string(),
        keys.iter()
            .filter_map(|k| site.issuer_pos.get(k.as_str()).copied())
            .collect(),
        date.map(|d| d.to_string()).unwrap_or_default(),
        date.map_or(0, |d| d.year),
        index.url(n).trim_start_matches('/').to_string(),
        u8::from(matches!(n, Node::Doc(_))),
        summary.map_or_else(|| snippet(body), snippet),
    );
    (record, words)
}

/// The opening of a Markdown body as plain text, cut at a word after about
/// [`SNIPPET`] characters (with `…`): paragraphs only (no headings, tables,
/// quotes or HTML), without emphasis marks, escapes or link targets.
pub(super) fn snippet(body: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for line in body.lines().map(str::trim) {
        if line.is_empty() || line.starts_with(['#', '|', '<', '>', '!']) {
            continue;
        }
        for word in line.split_whitespace() {
            let word = plain_word(word);
            if word.is_empty() {
                continue;
            }
            let len = word.chars().count();
            if chars + len > SNIPPET {
                out.push('…');
                return crate::source::normalize(&out);
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
            chars += len + 1;
        }
    }
    crate::source::normalize(&out)
}

/// A word of Markdown as read: without `*`, `_`, `` ` ``, `\` and `[`,
/// and without a link's target (`](…)`).
fn plain_word(word: &str) -> String {
    let (head, tail) = match word.find("](") {
        Some(k) => (&word[..k], word[k..].find(')').map_or("", |e| &word[k + e + 1..])),
        None => (word, ""),
    };
    head.chars()
        .chain(tail.chars())
        .filter(|c| !matches!(c, '*' | '_' | '`' | '\\' | '[' | ']'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_is_the_opening_in_plain_text() {
        let body = "# Phần I\n\nThực hiện **Kết luận** số 127-KL/TW của [Bộ Chính trị](https://x.vn/a), \
                    Ban Thường vụ yêu cầu:\n\n| a | b |\n|---|---|\n\n1\\. Ban Thường vụ các huyện";
        assert_eq!(
            snippet(body),
            "Thực hiện Kết luận số 127-KL/TW của Bộ Chính trị, Ban Thường vụ yêu cầu: 1. Ban Thường vụ các huyện"
        );
        let long = "chữ ".repeat(100);
        let s = snippet(&long);
        assert!(s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= SNIPPET + 1, "{}", s.chars().count());
        assert_eq!(snippet(""), "");
    }
}
