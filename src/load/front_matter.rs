//! Front matter: the block split from the body, and each key checked
//! against the contract with its position in the file.

use super::document::REVISION;
use super::*;
use std::cell::OnceCell;

/// The front matter keys of the contract.
pub const KEYS: &[&str] = &[
    "number",
    "title",
    "issuer",
    "type",
    "locality",
    "date",
    "place",
    "signer",
    "recipients",
    "distribution",
    "relations",
    "status",
    "summary",
    "source",
    "tags",
    "slug",
    "aliases",
    "draft",
];

/// Splits the text into the front matter block and the body.
/// Returns (block span, body offset) or a diagnostic.
pub(super) fn split(text: &str, file: &str) -> Result<(Span, usize), Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(crate::diag::Code::Front, "tệp trống")
            .at(file, 0..0)
            .hint("một văn bản cần front matter (`number`, `title`, `issuer`) giữa hai dòng `---`, rồi đến toàn văn; tệp ghi chú thì đặt tên bắt đầu bằng `_`"));
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        let (line, _) = source::line_at(text, 0);
        return Err(
            Diagnostic::error(crate::diag::Code::Front, "tệp không bắt đầu bằng front matter `---`")
                .at(file, 0..line.len())
                .label("dòng đầu tiên phải là `---`")
                .hint("thêm ở đầu tệp một khối:\n---\nnumber: ...\ntitle: ...\nissuer: ...\n---"),
        );
    }
    let mut at = first_end;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = text[at..end].trim_end();
        if line == "---" || line == "..." {
            return Ok((first_end..at, end));
        }
        at = end;
    }
    Err(
        Diagnostic::error(crate::diag::Code::Front, "front matter không có dòng `---` đóng")
            .at(file, 0..3)
            .label("khối mở ở đây")
            .hint("thêm một dòng `---` sau khóa cuối cùng của front matter"),
    )
}

/// Checks one file's text against the contract.
pub fn parse_document(text: &str, file: &str, rel: &str, opts: &LoadOptions) -> (Option<Document>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (block, body_offset) = match split(text, file) {
        Ok(x) => x,
        Err(d) => return (None, vec![d]),
    };
    let yaml_text = &text[block.clone()];
    let node = match yaml::parse(yaml_text) {
        Ok(n) => n,
        Err(e) => {
            // An error at the end of the block belongs to its last character, not to the closing `---`.
            let last = yaml_text.trim_end().len();
            let offset = e.offset.unwrap_or(0);
            let offset = if offset >= last && last > 0 {
                yaml_text[..last].char_indices().last().map_or(0, |(i, _)| i)
            } else {
                offset
            };
            let at = block.start + offset;
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            diags.push(
                Diagnostic::error(crate::diag::Code::Yaml, format!("front matter không phải YAML hợp lệ: {}", e.message))
                    .at(file, at..end)
                    .hint("mỗi dòng là `khóa: giá trị`; giá trị có dấu `:` hoặc bắt đầu bằng `[`, `{`, `*` thì đặt trong ngoặc kép"),
            );
            return (None, diags);
        }
    };
    let map = match node {
        Node::Map(m) => m,
        Node::Null => Vec::new(),
        other => {
            diags.push(
                Diagnostic::error(
                    crate::diag::Code::Yaml,
                    format!(
                        "front matter phải là các cặp `khóa: giá trị`, không phải {}",
                        other.kind_vi()
                    ),
                )
                .at(
                    file,
                    block.start..block.start + yaml_text.find('\n').unwrap_or(yaml_text.len()),
                )
                .hint("viết mỗi khóa trên một dòng: `number: 4029-CV/TU`"),
            );
            return (None, diags);
        }
    };
    let mut fm = Fm {
        text,
        file,
        block: block.clone(),
        diags: &mut diags,
        marks: OnceCell::new(),
    };
    let doc = fm.document(&map, rel, opts, body_offset);
    if doc.as_ref().is_some_and(|d| crate::markdown::too_complex(d.body())) {
        diags.push(
            Diagnostic::warning(
                crate::diag::Code::Complex,
                format!(
                    "thân văn bản có hơn {} ký hiệu Markdown; trang hiển thị nó như văn bản thuần",
                    crate::markdown::MAX_MARKUP
                ),
            )
            .at(file, body_offset..body_offset),
        );
    }
    let doc = doc.filter(|_| !diags.iter().any(Diagnostic::is_error));
    // A file is never dropped without saying why.
    if doc.is_none() && !diags.iter().any(Diagnostic::is_error) {
        diags.push(
            Diagnostic::error(crate::diag::Code::Key, "front matter không đủ để tạo văn bản")
                .at(file, 0..3.min(text.len()))
                .hint("cần `number`, `title` và `issuer` không trống"),
        );
    }
    (doc, diags)
}

/// The front matter checker of one file.
/// A list item YAML read as a map of one key to text ("- Các sở: Tài
/// chính, Nội vụ"): the line the editor wrote.
fn colon_line(item: &Node) -> Option<String> {
    let Node::Map(entries) = item else { return None };
    let [(k, v)] = entries.as_slice() else { return None };
    let v = v.as_text()?;
    Some(normalize(&format!("{k}: {v}")))
}

/// A number printed with `TƯ` read as its issuer's: `TU` for a provincial
/// Party committee (Huế prints `TƯ` for its Tỉnh ủy), `TW` for a central
/// body; as printed when the issuer says neither. The text's citations of
/// it are read the same way (`refs`), so both meet on one identity.
fn read_tu(number: Number, issuers: &[String]) -> Number {
    let v = crate::refs::issuers::Vocabulary::builtin();
    let bodies: Vec<_> = issuers.iter().filter_map(|i| v.whole(i)).collect();
    match v.tu_code(bodies.iter().map(|n| v.body(n.body))) {
        Some(code) => number.reading_tu(code),
        None => number,
    }
}

pub(super) struct Fm<'a> {
    text: &'a str,
    file: &'a str,
    block: Span,
    diags: &'a mut Vec<Diagnostic>,
    /// Where each key and value stands, read on the first diagnostic.
    marks: OnceCell<yaml::Marks>,
}

impl Fm<'_> {
    pub(super) fn block_text(&self) -> &str {
        &self.text[self.block.clone()]
    }

    /// Where `key` stands (`source.published` inside `source`), else its
    /// parent, else the opening `---`.
    pub(super) fn key_span(&self, key: &str) -> Span {
        let marks = self.marks();
        let found = marks
            .key(key)
            .or_else(|| key.split_once('.').and_then(|(parent, _)| marks.key(parent)));
        found.map_or(0..3, |s| self.block.start + s.start..self.block.start + s.end)
    }

    /// Where the value of `key` stands (with a `needle`, that item inside
    /// it), else the key.
    pub(super) fn value_span(&self, key: &str, needle: &str) -> Span {
        self.marks().value(self.block_text(), key, needle).map_or_else(
            || self.key_span(key),
            |s| self.block.start + s.start..self.block.start + s.end,
        )
    }

    fn marks(&self) -> &yaml::Marks {
        self.marks.get_or_init(|| yaml::Marks::read(self.block_text()))
    }

    pub(super) fn error(&mut self, span: Span, msg: String, hint: &str) {
        self.diags.push(
            Diagnostic::error(crate::diag::Code::Key, msg)
                .at(self.file, span)
                .hint(hint),
        );
    }

    pub(super) fn warn(&mut self, span: Span, msg: String, hint: &str) {
        self.diags.push(
            Diagnostic::warning(crate::diag::Code::UnknownKey, msg)
                .at(self.file, span)
                .hint(hint),
        );
    }

    pub(super) fn wrong_kind(&mut self, key: &str, want: &str, got: &Node) {
        let span = self.value_span(key, "");
        self.error(
            span,
            format!("`{key}` phải là {want}, không phải {}", got.kind_vi()),
            &format!("xem bảng khóa front matter trong README: `{key}`"),
        );
    }

    /// A string value (numbers and booleans accepted as text), normalised.
    pub(super) fn string(&mut self, key: &str, node: &Node) -> Option<String> {
        match node {
            Node::Null => None,
            Node::List(_) | Node::Map(_) => {
                self.wrong_kind(key, "một chuỗi", node);
                None
            }
            n => {
                let s = normalize(&n.as_text().unwrap_or_default());
                if s.is_empty() {
                    None
                } else {
                    Some(s)
                }
            }
        }
    }

    /// A list of strings; a single string is a list of one.
    pub(super) fn strings(&mut self, key: &str, node: &Node) -> Vec<String> {
        match node {
            Node::Null => Vec::new(),
            Node::List(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.as_text() {
                        Some(s) if !normalize(&s).is_empty() => out.push(normalize(&s)),
                        Some(_) => {}
                        // "- Các sở: Tài chính, Nội vụ": YAML reads a map of
                        // one key; the editor wrote one line of text.
                        None if colon_line(item).is_some() => {
                            let line = colon_line(item).unwrap_or_default();
                            let span = self.value_span(key, "");
                            self.warn(
                                span,
                                format!("mục «{line}» của `{key}` có dấu hai chấm nên YAML đọc thành bảng khóa; vanban đọc lại thành một dòng chữ"),
                                "đặt mục trong ngoặc kép: `  - \"Các sở: Tài chính, Nội vụ\"`",
                            );
                            out.push(line);
                        }
                        None => {
                            let span = self.value_span(key, "");
                            self.error(
                                span,
                                format!("mỗi mục của `{key}` phải là một chuỗi, có mục là {}", item.kind_vi()),
                                "viết mỗi mục trên một dòng: `  - Như trên`",
                            );
                        }
                    }
                }
                out
            }
            Node::Map(_) => {
                self.wrong_kind(key, "một danh sách", node);
                Vec::new()
            }
            n => self.string(key, n).into_iter().collect(),
        }
    }

    pub(super) fn date(&mut self, key: &str, node: &Node) -> Option<Date> {
        let raw = match node {
            Node::Null => return None,
            n => n.as_text(),
        };
        let Some(raw) = raw else {
            self.wrong_kind(key, "một ngày (2025-07-18 hoặc 18/7/2025)", node);
            return None;
        };
        match Date::parse(&normalize(&raw)) {
            Ok(d) => Some(d),
            Err(e) => {
                let span = self.value_span(key, &raw);
                self.error(
                    span,
                    e.to_string(),
                    "viết ngày theo dạng 2025-07-18 hoặc 18/7/2025; bỏ khóa nếu không rõ ngày",
                );
                None
            }
        }
    }

    pub(super) fn number(&mut self, key: &str, raw: &str, span: Span) -> Option<Number> {
        let printed = normalize(raw);
        match number::parse(&printed) {
            Ok(n) => Some(n),
            Err(e) => {
                // Point at the offending characters when the file holds the value as normalised.
                let exact = self.text[span.clone()] == printed;
                let span = if exact {
                    let start = printed.char_indices().nth(e.at).map_or(printed.len(), |(i, _)| i);
                    let end = printed[start..]
                        .char_indices()
                        .nth(e.width)
                        .map_or(printed.len(), |(i, _)| start + i);
                    span.start + start..span.start + end.max(start)
                } else {
                    span
                };
                self.error(
                    span,
                    format!("`{key}`: số ký hiệu `{printed}` không hợp lệ: {e}"),
                    "số ký hiệu viết như trên văn bản: `4029-CV/TU`, `127-KL/TW`, `30/2020/NĐ-CP`, `1234/QĐ-UBND`",
                );
                None
            }
        }
    }

    pub(super) fn document(
        &mut self,
        map: &[(String, Node)],
        rel: &str,
        opts: &LoadOptions,
        body_offset: usize,
    ) -> Option<Document> {
        let get = |k: &str| map.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        self.check_keys(map);
        let number = match get("number") {
            Some(Node::List(_) | Node::Map(_)) => {
                self.wrong_kind("number", "một chuỗi", get("number")?);
                None
            }
            Some(n) => match n.as_text() {
                Some(raw) => {
                    let span = self.value_span("number", &raw);
                    self.number("number", &raw, span.clone()).map(|num| (num, span))
                }
                None => None,
            },
            None => None,
        };
        let title = get("title").and_then(|n| self.string("title", n));
        if title.is_none() && get("title").is_some_and(|n| matches!(n, Node::Str(_))) {
            let span = self.value_span("title", "");
            self.error(span, "`title` trống".into(), "ghi trích yếu của văn bản");
        }
        let issuers = get("issuer").map(|n| self.strings("issuer", n)).unwrap_or_default();
        if get("issuer").is_some() && issuers.is_empty() && !matches!(get("issuer"), Some(Node::Null)) {
            let span = self.key_span("issuer");
            self.error(span, "`issuer` trống".into(), "ghi tên đầy đủ của cơ quan ban hành");
        }
        let locality = get("locality")
            .and_then(|n| self.string("locality", n))
            .or_else(|| opts.default_locality.clone());
        let date = get("date").and_then(|n| self.date("date", n));
        let place = get("place").and_then(|n| self.string("place", n));
        let signer = get("signer").and_then(|n| self.signer(n));
        let recipients = get("recipients")
            .map(|n| self.strings("recipients", n))
            .unwrap_or_default();
        let distribution = get("distribution")
            .map(|n| self.strings("distribution", n))
            .unwrap_or_default();
        let status_declared = get("status").is_some();
        let status = get("status").map_or(Status::InForce, |n| self.status(n));
        let summary = get("summary").and_then(|n| self.string("summary", n));
        let source_info = get("source").and_then(|n| self.source_info(n));
        let tags = get("tags").map(|n| self.strings("tags", n)).unwrap_or_default();
        let slug = get("slug").and_then(|n| self.slug(n));
        let aliases = get("aliases").map(|n| self.aliases(n)).unwrap_or_default();
        let draft = match get("draft") {
            None | Some(Node::Null) => false,
            Some(Node::Bool(b)) => *b,
            Some(other) => {
                self.wrong_kind("draft", "`true` hoặc `false`", other);
                false
            }
        };
        let doc_type = match (&number, get("type")) {
            (Some((num, _)), t) => {
                let given = t.and_then(|n| self.string("type", n));
                self.doc_type(num, given)
            }
            _ => None,
        };
        let mut citations = match get("relations") {
            Some(n) => self.relations(n),
            None => Vec::new(),
        };
        citations.sort_by_key(|c| c.span.start);
        let (number, number_span) = number?;
        let number = read_tu(number, &issuers);
        Some(Document {
            source: rel.to_string(),
            file: self.file.to_string(),
            number,
            number_span,
            title: title?,
            issuers: if issuers.is_empty() {
                return None;
            } else {
                issuers
            },
            doc_type: doc_type?,
            locality,
            date,
            place,
            signer,
            recipients,
            distribution,
            citations,
            shorts: Vec::new(),
            status,
            status_declared,
            summary,
            source_info,
            tags,
            slug,
            aliases,
            draft,
            text: self.text.to_string(),
            text_digest: super::document::text_digest(self.text),
            revision: REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            body_offset,
        })
    }

    /// Unknown keys (a warning with the closest known one) and missing
    /// required keys (an error with an example line).
    fn check_keys(&mut self, map: &[(String, Node)]) {
        let get = |k: &str| map.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        for (key, _) in map {
            if !KEYS.contains(&key.as_str()) {
                let span = self.key_span(key);
                let hint = match closest(key, KEYS) {
                    Some(k) => format!("có phải ý bạn là `{k}`?"),
                    None => format!("các khóa hợp lệ: {}", KEYS.join(", ")),
                };
                self.warn(
                    span,
                    format!("`{key}` không phải là khóa front matter; khóa này bị bỏ qua"),
                    &hint,
                );
            }
        }
        for (key, example) in [
            ("number", "number: 4029-CV/TU"),
            ("title", "title: Triển khai thực hiện ..."),
            ("issuer", "issuer: Ban Thường vụ Tỉnh ủy"),
        ] {
            if get(key).is_none_or(|n| matches!(n, Node::Null)) {
                let span = if get(key).is_some() { self.key_span(key) } else { 0..3 };
                self.error(
                    span,
                    format!("thiếu khóa bắt buộc `{key}`"),
                    &format!("thêm vào front matter một dòng `{example}`"),
                );
            }
        }
    }

    /// `status`: one of the contract's values.
    fn status(&mut self, node: &Node) -> Status {
        self.string("status", node).map_or(Status::InForce, |s| {
            Status::ALL
                .iter()
                .find(|(k, _)| *k == s)
                .map(|(_, v)| *v)
                .unwrap_or_else(|| {
                    let span = self.value_span("status", &s);
                    self.error(
                        span,
                        format!("`status` không nhận giá trị `{s}`"),
                        "dùng một trong: in-force, expired, replaced, repealed",
                    );
                    Status::InForce
                })
        })
    }

    /// `slug`: lower-case ASCII letters, digits and `-`.
    fn slug(&mut self, node: &Node) -> Option<(String, Span)> {
        self.string("slug", node).and_then(|s| {
            let span = self.value_span("slug", &s);
            if valid_slug(&s) {
                Some((s, span))
            } else {
                self.error(
                    span,
                    format!("`slug` `{s}` không hợp lệ"),
                    "chỉ dùng chữ thường không dấu a-z, chữ số 0-9 và dấu `-`, tối đa 200 ký tự (ví dụ `4029-cv-tu`)",
                );
                None
            }
        })
    }
}
