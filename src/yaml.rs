//! The one door to the YAML crate (`yaml_serde`, the maintained continuation
//! of serde_yaml, renamed `serde_yaml` in Cargo.toml).
//!
//! In: the text of a front matter block or of `site.yaml`. Out: a plain
//! [`Node`] tree, or a [`YamlError`] with a byte offset into that text. Also
//! where a key or a value stands in the text ([`Marks`]), from the marks of
//! a second parser that keeps them (`saphyr-parser`; `yaml_serde` keeps none
//! in its values), read in one pass on a file's first diagnostic, because
//! the editor must be shown the line they wrote. A swap of YAML crate stays
//! a change of this file.

use crate::source::Span;
use std::collections::HashMap;

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

/// How deep flow collections (`[`, `{`) may nest. Front matter needs two or
/// three; the YAML parser's time grows with the square of the depth (100,000
/// levels took a minute), so deeper text is refused before it is parsed.
const MAX_NESTING: usize = 100;

/// The first `[` or `{` deeper than [`MAX_NESTING`], counting every bracket
/// outside quoted scalars and comments (a tag or an anchor before a bracket,
/// `!t [` or `&a [`, changes nothing; more than a hundred unclosed brackets
/// in plain text are refused too, which no front matter has).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut comment = false;
    // The byte before, and the last one that was not blank.
    let (mut prev, mut before) = (b'\n', b'\n');
    for (i, b) in text.bytes().enumerate() {
        match (quote, b) {
            (None, b'\n') => comment = false,
            _ if comment => {}
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            // A quoted scalar opens where a value starts (an apostrophe
            // inside plain text opens nothing).
            (None, b'"' | b'\'') if matches!(before, b':' | b'-' | b',' | b'[' | b'{' | b'\n' | b'?') => {
                quote = Some(b)
            }
            (None, b'#') if matches!(prev, b' ' | b'\t' | b'\n') => comment = true,
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !matches!(b, b' ' | b'\t') {
            before = b;
        }
        prev = b;
    }
    None
}

/// Parses a YAML document. An empty text is `Null`.
pub(crate) fn parse(text: &str) -> Result<Node, YamlError> {
    if let Some(at) = too_deep(text) {
        return Err(YamlError {
            message: format!("giá trị lồng quá sâu (hơn {MAX_NESTING} cấp ngoặc `[` hoặc `{{`)"),
            offset: Some(at),
        });
    }
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

/// Where every key and value of a YAML text stands, read in one pass of a
/// parser that keeps marks (`saphyr-parser`; `yaml_serde` keeps none in its
/// values). Paths join keys with `.`: `source.published` is `published`
/// inside `source`, `relations.implements.0` the first item of that list (a
/// top-level key spelt with the dot is tried too). Paths are a tree of ids,
/// so memory stays in proportion to the text however long its keys. Built
/// only when a diagnostic needs a position.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    /// (parent id, key or item number) → id; the root is 0.
    ids: HashMap<(u32, Box<str>), u32>,
    keys: HashMap<u32, Span>,
    values: HashMap<u32, Span>,
}

impl Marks {
    /// Reads the marks of `text`, up to the first error of the marking
    /// parser (the marks read before it are kept).
    pub(crate) fn read(text: &str) -> Marks {
        // The marking parser is stricter than yaml_serde about a few
        // characters (a tab after `:`, U+FEFF inside a value, U+0085 and
        // U+2028 as line breaks); they are replaced by the same number of
        // bytes it reads the same way, so every offset stays the text's.
        let lenient = lenient(text);
        let mut reader = MarkReader {
            text: &lenient,
            marks: Marks::default(),
            stack: Vec::new(),
            next: 1,
        };
        let chars = CharIndex::new(&lenient);
        let mut parser = saphyr_parser::Parser::new_from_str(&lenient);
        while let Some(Ok((event, span))) = parser.next_event() {
            let at = chars.span(span);
            reader.event(&event, trimmed(&lenient, at.start, at.end));
        }
        reader.marks
    }

    /// The ids `path` may name: the whole path as one top-level key, then
    /// the path split at its dots.
    fn ids(&self, path: &str) -> impl Iterator<Item = u32> + '_ {
        let whole = self.ids.get(&(0, path.into())).copied();
        let split = path
            .split('.')
            .try_fold(0u32, |id, step| self.ids.get(&(id, step.into())).copied());
        whole.into_iter().chain(split.filter(|s| Some(*s) != whole))
    }

    /// The span of the key at `path`, its quotes included.
    pub(crate) fn key(&self, path: &str) -> Option<Span> {
        self.ids(path).find_map(|id| self.keys.get(&id).cloned())
    }

    /// The span of the value at `path`; with a `needle` (an item as the
    /// editor wrote it, before normalisation), that item inside the value,
    /// and `None` when no value at the path holds it.
    pub(crate) fn value(&self, text: &str, path: &str, needle: &str) -> Option<Span> {
        let needle = needle.trim();
        self.ids(path).find_map(|id| {
            let whole = self.values.get(&id)?.clone();
            if needle.is_empty() {
                return Some(whole);
            }
            let i = text.get(whole.clone())?.find(needle)?;
            Some(whole.start + i..whole.start + i + needle.len())
        })
    }
}

/// `text` with what only the marking parser refuses replaced byte for byte.
fn lenient(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\t', '\u{feff}', '\u{85}', '\u{2028}', '\u{2029}']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            '\u{feff}' => out.push_str("   "),
            '\u{85}' => out.push_str(" \n"),
            '\u{2028}' | '\u{2029}' => out.push_str("  \n"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The state of one pass over the parser's events.
struct MarkReader<'t> {
    text: &'t str,
    marks: Marks,
    /// The open collections.
    stack: Vec<Open>,
    next: u32,
}

struct Open {
    /// The collection's own id (0 for the root).
    id: u32,
    start: usize,
    /// `None` for a sequence; for a mapping, the id of the key read and
    /// waiting for its value.
    key: Option<Option<u32>>,
    items: usize,
    /// A collection standing as a mapping's key (`? [a, b]`).
    as_key: bool,
}

impl MarkReader<'_> {
    fn event(&mut self, event: &saphyr_parser::Event<'_>, span: Span) {
        use saphyr_parser::Event;
        let wants_key = matches!(self.stack.last(), Some(Open { key: Some(None), .. }));
        match event {
            Event::Scalar(text, ..) if wants_key => self.key(text, span),
            // An alias or a collection as a key names nothing a path can say.
            Event::Alias(_) if wants_key => self.key("*", span),
            Event::Scalar(..) | Event::Alias(_) => self.value(span),
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let id = if wants_key { self.child("?") } else { self.next_id() };
                let key = matches!(event, Event::MappingStart(..)).then_some(None);
                self.stack.push(Open {
                    id,
                    start: span.start,
                    key,
                    items: 0,
                    as_key: wants_key,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(open) = self.stack.pop() {
                    let whole = trimmed(self.text, open.start, span.end.max(open.start));
                    if open.as_key {
                        self.key("?", whole);
                    } else {
                        // The parent still waits with this collection's id.
                        self.value(whole);
                    }
                }
            }
            _ => {}
        }
    }

    /// The id of `step` under the innermost open collection.
    fn child(&mut self, step: &str) -> u32 {
        let parent = self.stack.last().map_or(0, |o| o.id);
        let next = &mut self.next;
        *self.marks.ids.entry((parent, step.into())).or_insert_with(|| {
            *next += 1;
            *next - 1
        })
    }

    /// A key read: recorded, and its mapping waits for the value.
    fn key(&mut self, text: &str, span: Span) {
        let id = self.child(text);
        self.marks.keys.entry(id).or_insert(span);
        if let Some(open) = self.stack.last_mut() {
            open.key = Some(Some(id));
        }
    }

    /// The id the next value takes: the waiting key's, or the next item's.
    fn next_id(&mut self) -> u32 {
        match self.stack.last() {
            Some(Open { key: Some(Some(k)), .. }) => *k,
            Some(Open { items, .. }) => {
                let step = items.to_string();
                self.child(&step)
            }
            None => 0,
        }
    }

    /// A value read whole: recorded at its id, and the mapping above it
    /// waits for its next key.
    fn value(&mut self, span: Span) {
        let id = self.next_id();
        self.marks.values.entry(id).or_insert(span);
        match self.stack.last_mut() {
            Some(Open { key: Some(key), .. }) => *key = None,
            Some(open) => open.items += 1,
            None => {}
        }
    }
}

/// A span without the blank space the parser's end mark may include (a
/// block collection's end stands at the next key).
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let body = text.get(start..end).unwrap_or("");
    start..start + body.trim_end().len()
}

/// Character index (the parser's marks) to byte offset.
struct CharIndex(Vec<usize>);

impl CharIndex {
    fn new(text: &str) -> Self {
        CharIndex(text.char_indices().map(|(i, _)| i).chain([text.len()]).collect())
    }
    fn span(&self, s: saphyr_parser::Span) -> Span {
        let at = |c: usize| self.0.get(c).or(self.0.last()).copied().unwrap_or(0);
        at(s.start.index())..at(s.end.index())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate_key(text: &str, key: &str) -> Option<Span> {
        Marks::read(text).key(key)
    }

    fn locate_value(text: &str, key: &str, needle: &str) -> Option<Span> {
        Marks::read(text).value(text, key, needle)
    }

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
    fn positions_come_from_the_parser() {
        let at = |text: &str, key: &str, needle: &str| {
            locate_value(text, key, needle).map(|s| (s.start, text[s].to_string()))
        };
        // The key's name in a comment, in a block scalar and as another
        // key's value is not the key.
        let text = "# published: nay\nnote: |\n  published: mai\nsource:\n  author: published\n  published: 31/02/2025 # sai\n";
        let want = text.rfind("31/02/2025");
        assert_eq!(at(text, "source.published", ""), want.map(|w| (w, "31/02/2025".into())));
        // A flow mapping over several lines, the key quoted.
        let text = "source: {name: \"a, published: b\",\n  'published': \"2025-13-01\"}\n";
        let v = at(text, "source.published", "");
        assert_eq!(v.map(|v| v.1).as_deref(), Some("\"2025-13-01\""));
        let k = locate_key(text, "source.published").map(|s| &text[s]);
        assert_eq!(k, Some("'published'"));
        // An item of a list is found inside its value, not before it.
        let text = "title: 127-KL/TW\nrelations:\n  implements: [127-KL/TW]\n";
        assert_eq!(
            at(text, "relations.implements", "127-KL/TW").map(|v| v.0),
            text.rfind("127-KL/TW")
        );
        // Nowhere to point: not a key, or a key after YAML that does not parse.
        assert_eq!(locate_value("a: 1\n", "b", ""), None);
        assert_eq!(locate_key("a: [1\nb: 2\n", "b"), None);
        assert_eq!(locate_key("a: [1\nb: 2\n", "a"), Some(0..1));
    }

    #[test]
    fn marks_past_what_only_the_marking_parser_refuses() {
        // A tab after a colon, U+FEFF in a value, U+2028 as a line break.
        let text = "type:\tCông văn\nnote: a\u{feff}b\u{2028}source: {published:\t31/02/2025}\n";
        let v = locate_value(text, "source.published", "");
        assert_eq!(v.map(|v| &text[v]), Some("31/02/2025"));
        // An alias and a collection as keys do not shift the keys after them.
        let text = "x: &k published\nsource:\n  *k : 1\n  ? [a, b]\n  : c\n  published: 31/02/2025\n";
        assert_eq!(
            locate_value(text, "source.published", "").map(|v| &text[v]),
            Some("31/02/2025")
        );
        // A top-level key spelt with the dot and a nested key: the one that
        // holds what is looked for.
        let text = "source.published: 1\nsource: {published: 31/02/2025}\n";
        assert_eq!(
            locate_value(text, "source.published", "31/02/2025").map(|v| v.start),
            text.rfind("31/02/2025")
        );
        assert_eq!(locate_value(text, "source.published", "").map(|v| v.start), Some(18));
        // Items of a list by number.
        let text = "relations:\n  implements:\n    - {number: 1-KL/TW, title: \"31/02/2025\", date: 31/02/2025}\n";
        let d = locate_value(text, "relations.implements.0.date", "31/02/2025");
        assert_eq!(d.map(|d| d.start), text.rfind("31/02/2025"));
    }

    #[test]
    fn long_keys_cost_memory_once() {
        // A 200,000-character key over 20,000 items: ids, not paths.
        let text = format!("? {}\n: [{}1]\n", "K".repeat(200_000), "1,".repeat(20_000));
        let started = std::time::Instant::now();
        let marks = Marks::read(&text);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let stored: usize = marks.ids.keys().map(|(_, k)| k.len()).sum();
        assert!(stored < 400_000, "{stored}");
    }

    #[test]
    fn deep_nesting_is_refused_before_the_parser_sees_it() {
        let deep = format!("title: {}\n", "[".repeat(100_000));
        let started = std::time::Instant::now();
        let e = parse(&deep).expect_err("too deep");
        assert_eq!(e.offset, Some("title: ".len() + MAX_NESTING));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        // Brackets inside a quoted value or a comment are text; closed ones
        // in plain text too.
        let text = format!(
            "title: Kế hoạch {}\nnote: \"{}\" # {}\nlist: [[a], {{b: [c]}}]\nq: 'x\n  {}'\n",
            "[x] ".repeat(200),
            "{".repeat(200),
            "[".repeat(200),
            "[".repeat(200)
        );
        assert!(parse(&text).is_ok(), "{:?}", parse(&text));
        assert!(parse(&format!("a: {}1{}\n", "[".repeat(100), "]".repeat(100))).is_ok());
        // A tag or an anchor before each bracket does not hide them.
        for prop in ["!t [", "&a [", "!!seq ["] {
            let e = parse(&format!("tags: {}\n", prop.repeat(100_000))).expect_err(prop);
            assert!(e.message.contains("lồng quá sâu"), "{prop}: {e:?}");
        }
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
