//! The one door to the YAML crate (`yaml_serde`, the maintained continuation
//! of serde_yaml, renamed `serde_yaml` in Cargo.toml).
//!
//! In: the text of a front matter block or of `site.yaml`. Out: a plain
//! [`Node`] tree, or a [`YamlError`] with a byte offset into that text. Also
//! the locator that finds where a key or a value stands in the text, because
//! the YAML crate keeps no positions for values and the editor must be shown
//! the line they wrote. A swap of YAML crate stays a change of this file.

use crate::source::Span;

/// A YAML value, reduced to what front matter and configuration use.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as YAML printed it back.
    Number(String),
    /// A string.
    Str(String),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// A scalar as text (numbers and booleans too), for values that are strings
    /// to the editor even when YAML reads them otherwise (`title: 2025`).
    pub(crate) fn as_text(&self) -> Option<String> {
        match self {
            Node::Str(s) | Node::Number(s) => Some(s.clone()),
            Node::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A short Vietnamese name of the node's kind, for messages.
    pub(crate) fn kind_vi(&self) -> &'static str {
        match self {
            Node::Null => "rỗng",
            Node::Bool(_) => "giá trị đúng/sai",
            Node::Number(_) => "số",
            Node::Str(_) => "chuỗi",
            Node::List(_) => "danh sách",
            Node::Map(_) => "bảng khóa",
        }
    }
}

/// YAML that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(crate) struct YamlError {
    /// The parser's message, without its own position.
    pub message: String,
    /// Byte offset into the parsed text, when the parser gave one.
    pub offset: Option<usize>,
}

/// Parses a YAML document. An empty text is `Null`.
pub(crate) fn parse(text: &str) -> Result<Node, YamlError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let offset = e.location().map(|l| offset_of(text, l.line(), l.column()));
        let full = e.to_string();
        let message = match full.find(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        YamlError {
            message: explain(&message),
            offset,
        }
    })?;
    Ok(convert(value))
}

/// The parser's message in Vietnamese, with the original kept for searching.
fn explain(message: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        (
            "mapping values are not allowed",
            "dấu `:` không được phép ở đây; giá trị có dấu `:` phải đặt trong ngoặc kép",
        ),
        (
            "did not find expected key",
            "không tìm thấy khóa như mong đợi; kiểm tra thụt lề và dấu ngoặc",
        ),
        ("did not find expected node content", "thiếu giá trị"),
        (
            "did not find expected ',' or ']'",
            "thiếu dấu `,` hoặc `]` để đóng danh sách",
        ),
        (
            "did not find expected ',' or '}'",
            "thiếu dấu `,` hoặc `}` để đóng bảng khóa",
        ),
        (
            "found character that cannot start any token",
            "ký tự này không thể mở đầu một giá trị (dấu tab, `@`, `` ` ``…)",
        ),
        ("duplicate entry", "khóa bị lặp lại"),
        (
            "found unexpected end of stream",
            "khối kết thúc bất ngờ; có dấu ngoặc hoặc ngoặc kép chưa đóng",
        ),
        (
            "block sequence entries are not allowed",
            "mục danh sách `-` không được phép ở đây; kiểm tra thụt lề",
        ),
        (
            "did not find expected '-' indicator",
            "thiếu dấu `-` của mục danh sách; kiểm tra thụt lề",
        ),
        ("found undefined alias", "bí danh YAML (`*tên`) chưa được định nghĩa"),
        (
            "found unknown escape character",
            "chuỗi trong ngoặc kép có ký tự thoát `\\` không hợp lệ",
        ),
    ];
    match KNOWN.iter().find(|(en, _)| message.contains(en)) {
        Some((_, vi)) => format!("{vi} ({message})"),
        None => message.to_string(),
    }
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

fn convert(v: serde_yaml::Value) -> Node {
    match v {
        serde_yaml::Value::Null => Node::Null,
        serde_yaml::Value::Bool(b) => Node::Bool(b),
        serde_yaml::Value::Number(n) => Node::Number(n.to_string()),
        serde_yaml::Value::String(s) => Node::Str(s),
        serde_yaml::Value::Sequence(items) => Node::List(items.into_iter().map(convert).collect()),
        serde_yaml::Value::Mapping(m) => Node::Map(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match convert(k) {
                        Node::Null => "~".to_string(),
                        other => other.as_text().unwrap_or_else(|| "?".to_string()),
                    };
                    (key, convert(v))
                })
                .collect(),
        ),
        serde_yaml::Value::Tagged(t) => convert(t.value),
    }
}

/// A string written as a YAML scalar that reads back as the same string
/// (quoted when it needs to be).
pub(crate) fn scalar(s: &str) -> String {
    serde_yaml::to_string(s)
        .map(|t| t.trim_end().to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

/// Where a top-level key stands: the span of the key name on its line.
pub(crate) fn locate_key(text: &str, key: &str) -> Option<Span> {
    top_key(text, key).or_else(|| {
        let (parent, child) = key.split_once('.')?;
        child_key(text, key_region(text, parent)?, child)
    })
}

/// A key at the start of a line (bare or quoted).
fn top_key(text: &str, key: &str) -> Option<Span> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        // The key bare, in double quotes or in single quotes.
        for quote in ["", "\"", "'"] {
            let after = bare
                .strip_prefix(quote)
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix(quote));
            if after.is_some_and(|a| a.trim_start().starts_with(':')) {
                return Some(start..start + key.len() + 2 * quote.len());
            }
        }
        start += line.len();
    }
    None
}

/// A nested key (`published` of `source: {name: …, published: …}` or of an
/// indented block) inside its parent's region: the key where it stands as a
/// key (after `{`, `,` or the indentation, before `:`), never inside a
/// quoted value.
fn child_key(text: &str, region: Span, child: &str) -> Option<Span> {
    let r = &text[region.clone()];
    let bytes = r.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !r.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let lead = r[..i].trim_end_matches([' ', '\t']);
        // Where a key may start: after `{`, `,`, a new line or `- `.
        let at_key = lead.is_empty() || lead.ends_with(['{', ',', '\n', '-']);
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if at_key => {
                // The key bare or quoted ("published", 'published').
                let q = if matches!(b, b'"' | b'\'') { &r[i..i + 1] } else { "" };
                let named = r[i + q.len()..]
                    .strip_prefix(child)
                    .and_then(|rest| rest.strip_prefix(q));
                if let Some(rest) = named {
                    if rest.trim_start_matches([' ', '\t']).starts_with(':') {
                        return Some(region.start + i..region.start + i + child.len() + 2 * q.len());
                    }
                }
                if !q.is_empty() {
                    quote = Some(b);
                }
            }
            // A value that opens with a quote (after `:` or `[`); an
            // apostrophe inside a bare value ("Báo X's") opens nothing.
            None if matches!(b, b'"' | b'\'') && lead.ends_with([':', '[']) => quote = Some(b),
            None => {}
        }
        i += 1;
    }
    None
}

/// The region of a top-level key: its line and the indented lines after it.
pub(crate) fn key_region(text: &str, key: &str) -> Option<Span> {
    let at = locate_key(text, key)?;
    let mut end = text[at.start..].find('\n').map_or(text.len(), |i| at.start + i + 1);
    while end < text.len() {
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        let line = &text[end..line_end];
        let indented = line.starts_with(' ') || line.starts_with('\t') || line.starts_with('-');
        if !(indented || line.trim().is_empty() || line.trim_start().starts_with('#')) {
            break;
        }
        end = line_end;
    }
    Some(at.start..end)
}

/// Where a value stands: its text inside the region of `key`, or after the
/// key on its line, or else the key itself. `needle` is the value as the
/// editor wrote it (before normalisation).
pub(crate) fn locate_value(text: &str, key: &str, needle: &str) -> Option<Span> {
    let region = key_region(text, key.split('.').next().unwrap_or(key))?;
    let key_end = locate_key(text, key).map_or(region.start, |s| s.end);
    let needle = needle.trim();
    if !needle.is_empty() {
        if let Some(i) = text[key_end..region.end].find(needle) {
            return Some(key_end + i..key_end + i + needle.len());
        }
    }
    // The rest of the key's line after the colon, if any.
    let line_end = text[key_end..].find('\n').map_or(text.len(), |i| key_end + i);
    let after = &text[key_end..line_end];
    if let Some(colon) = after.find(':') {
        let value = after[colon + 1..].trim();
        if !value.is_empty() {
            let s = key_end + colon + 1 + after[colon + 1..].find(value).unwrap_or(0);
            return Some(s..s + value.trim_end_matches('\r').len());
        }
    }
    locate_key(text, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_where_they_stand() {
        let at = |text: &str, key: &str| locate_key(text, key).map(|s| text[s].to_string());
        let flow = "source: {name: \"published: x\", published: 31/02/2025}\n";
        assert_eq!(at(flow, "source.published").as_deref(), Some("published"));
        assert_eq!(
            locate_key(flow, "source.published").map(|s| s.start),
            flow.rfind("published")
        );
        let quoted = "source: {name: A, \"published\": 1/1/2025}\n";
        assert_eq!(at(quoted, "source.published").as_deref(), Some("\"published\""));
        let block = "source:\n  name: Báo X's tin\n  published: 2025-01-01\n";
        assert_eq!(at(block, "source.published").as_deref(), Some("published"));
        // A top-level key with a dot is itself.
        let dotted = "title: T\nsource.published: 2025-01-01\n";
        assert_eq!(locate_key(dotted, "source.published").map(|s| s.start), Some(9));
        assert_eq!(at("source: {name: A}\n", "source.published"), None);
    }

    #[test]
    fn parses_front_matter() {
        let n = parse("number: 4029-CV/TU\nissuer: [Bộ Chính trị, Ban Bí thư]\ndraft: true\ntitle: 2025\n");
        let Ok(Node::Map(m)) = n else { panic!("{n:?}") };
        assert_eq!(m[0], ("number".into(), Node::Str("4029-CV/TU".into())));
        assert_eq!(
            m[1].1,
            Node::List(vec![Node::Str("Bộ Chính trị".into()), Node::Str("Ban Bí thư".into())])
        );
        assert_eq!(m[2].1, Node::Bool(true));
        assert_eq!(m[3].1.as_text().as_deref(), Some("2025"));
    }

    #[test]
    fn error_has_offset() {
        let text = "number: x\ntitle: [a, b\nissuer: y\n";
        let e = parse(text).expect_err("bad yaml");
        let off = e.offset.unwrap_or(0);
        assert!(off > "number: x\n".len(), "{e:?}");
        assert!(!e.message.contains(" at line "));
    }

    #[test]
    fn locates_keys_and_values() {
        let text = "number: 12\nrelations:\n  implements:\n    - 127-KL/TW\ntitle: T\n";
        assert_eq!(locate_key(text, "title"), Some(52..57));
        let v = locate_value(text, "relations", "127-KL/TW").unwrap_or(0..0);
        assert_eq!(&text[v], "127-KL/TW");
        let v = locate_value(text, "number", "").unwrap_or(0..0);
        assert_eq!(&text[v], "12");
        assert_eq!(locate_key(text, "nope"), None);
        // Quoted keys, the quotes included in the span; a longer key is not the key.
        let text = "\"number\": 12\n'title' : T\ntitles: U\n";
        assert_eq!(locate_key(text, "number"), Some(0..8));
        assert_eq!(locate_key(text, "title"), Some(13..20));
        assert_eq!(locate_key("titles: U\n", "title"), None);
        assert_eq!(locate_key("\"title': U\n", "title"), None);
    }
}
