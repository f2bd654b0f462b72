//! The front-matter keys with a structure of their own: type, signer,
//! source, aliases and relations.

use super::front_matter::Fm;
use super::*;

impl Fm<'_> {
    pub(super) fn doc_type(&mut self, num: &Number, given: Option<String>) -> Option<String> {
        let derived = num.derived_type();
        match (given, derived) {
            (None, DerivedType::One(w)) => Some(w.to_string()),
            (None, DerivedType::QuyetDinhOrQuyDinh) => {
                let span = self.value_span("number", &num.canonical);
                self.warn(
                    span,
                    format!(
                        "mã `QĐ` trong `{}` có thể là Quyết định hoặc Quy định; mặc định là Quyết định",
                        num.canonical
                    ),
                    "thêm `type: Quy định` hoặc `type: Quyết định` để nói rõ",
                );
                Some("Quyết định".to_string())
            }
            (None, DerivedType::Unknown) => {
                let span = self.value_span("number", &num.canonical);
                self.error(
                    span,
                    format!("không suy ra được loại văn bản từ số `{}`", num.canonical),
                    "thêm khóa `type` (ví dụ `type: Luật`)",
                );
                None
            }
            (Some(t), derived) => {
                let allowed: Vec<&str> = match derived {
                    DerivedType::One(w) => vec![w],
                    DerivedType::QuyetDinhOrQuyDinh => vec!["Quyết định", "Quy định"],
                    DerivedType::Unknown => Vec::new(),
                };
                let fits = allowed.is_empty() || allowed.iter().any(|w| source::key(&t).starts_with(&source::key(w)));
                if !fits {
                    let span = self.value_span("type", &t);
                    self.error(
                        span,
                        format!(
                            "`type: {t}` mâu thuẫn với mã loại trong số `{}` ({})",
                            num.canonical,
                            allowed.join(" hoặc ")
                        ),
                        "sửa `type` cho khớp với số ký hiệu, hoặc bỏ `type` để vanban tự suy ra",
                    );
                    return None;
                }
                if !crate::codes::known_type_words().any(|w| source::key(w) == source::key(&t)) {
                    let span = self.value_span("type", &t);
                    self.warn(
                        span,
                        format!("`{t}` không phải tên loại văn bản quen thuộc"),
                        "kiểm tra chính tả (ví dụ `Kết luận`, `Công văn`, `Quy định`)",
                    );
                }
                Some(t)
            }
        }
    }

    pub(super) fn signer(&mut self, node: &Node) -> Option<Signer> {
        match node {
            Node::Null => None,
            Node::Map(m) => {
                let mut s = Signer::default();
                for (k, v) in m {
                    let val = self.string(&format!("signer.{k}"), v);
                    match k.as_str() {
                        "name" => s.name = val,
                        "position" => s.position = val,
                        "capacity" => s.capacity = val,
                        other => {
                            let span = self.key_span(&format!("signer.{other}"));
                            let hint = closest(other, &["name", "position", "capacity"]).map_or_else(
                                || "các khóa của `signer`: name, position, capacity".to_string(),
                                |c| format!("có phải ý bạn là `{c}`?"),
                            );
                            self.warn(span, format!("`signer.{other}` không phải là khóa; bị bỏ qua"), &hint);
                        }
                    }
                }
                Some(s)
            }
            n => self.string("signer", n).map(|name| Signer {
                name: Some(name),
                ..Signer::default()
            }),
        }
    }

    pub(super) fn source_info(&mut self, node: &Node) -> Option<SourceInfo> {
        let Node::Map(m) = node else {
            if !matches!(node, Node::Null) {
                self.wrong_kind("source", "một bảng khóa (name, url, author, published)", node);
            }
            return None;
        };
        let mut s = SourceInfo::default();
        for (k, v) in m {
            match k.as_str() {
                "name" => s.name = self.string("source.name", v),
                "url" => {
                    s.url = self.string("source.url", v).and_then(|u| {
                        if u.starts_with("https://") || u.starts_with("http://") {
                            Some(u)
                        } else {
                            let span = self.value_span("source.url", &u);
                            self.error(
                                span,
                                format!("`source.url` `{u}` không phải địa chỉ http(s)"),
                                "ghi địa chỉ đầy đủ, bắt đầu bằng https://",
                            );
                            None
                        }
                    })
                }
                "author" => s.author = self.string("source.author", v),
                "published" => s.published = self.date("source.published", v),
                other => {
                    let span = self.key_span(&format!("source.{other}"));
                    let hint = closest(other, &["name", "url", "author", "published"]).map_or_else(
                        || "các khóa của `source`: name, url, author, published".to_string(),
                        |c| format!("có phải ý bạn là `{c}`?"),
                    );
                    self.warn(span, format!("`source.{other}` không phải là khóa; bị bỏ qua"), &hint);
                }
            }
        }
        Some(s)
    }

    pub(super) fn aliases(&mut self, node: &Node) -> Vec<(String, Span)> {
        let mut out = Vec::new();
        for a in self.strings("aliases", node) {
            let span = self.value_span("aliases", &a);
            match alias_path(&a) {
                Some(p) => out.push((p, span)),
                None => self.error(
                    span,
                    format!("`aliases`: `{a}` không phải đường dẫn hợp lệ trong trang"),
                    "ghi đường dẫn tương đối từ gốc trang, bắt đầu bằng `/`, không có `..`, `%`, `\\`, mỗi phần tối đa 200 ký tự (ví dụ `/cu/van-ban-4029/`)",
                ),
            }
        }
        out
    }

    pub(super) fn relations(&mut self, node: &Node) -> Vec<Citation> {
        let Node::Map(groups) = node else {
            if !matches!(node, Node::Null) {
                self.wrong_kind("relations", "một bảng khóa (implements, cites, ...)", node);
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, items) in groups {
            let Some(relation) = Relation::from_key(key) else {
                let span = self.key_span(&format!("relations.{key}"));
                let keys: Vec<&str> = Relation::ALL.iter().map(|r| r.key()).collect();
                let hint = closest(key, &keys).map_or_else(
                    || format!("các quan hệ: {}", keys.join(", ")),
                    |c| format!("có phải ý bạn là `{c}`?"),
                );
                self.error(span, format!("`relations.{key}` không phải là quan hệ"), &hint);
                continue;
            };
            // Each item with its path (`relations.implements.0`), where its
            // errors point.
            let items: Vec<(String, &Node)> = match items {
                Node::List(l) => l
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (format!("relations.{key}.{i}"), n))
                    .collect(),
                Node::Null => Vec::new(),
                one => vec![(format!("relations.{key}"), one)],
            };
            for (path, item) in items {
                if let Some(c) = self.relation_item(relation, item, &path) {
                    out.push(c);
                }
            }
        }
        out
    }

    pub(super) fn relation_item(&mut self, relation: Relation, item: &Node, path: &str) -> Option<Citation> {
        let (raw, fields): (String, &[(String, Node)]) = match item {
            Node::Map(m) => match m.iter().find(|(k, _)| k == "number").and_then(|(_, v)| v.as_text()) {
                Some(n) => (n, m.as_slice()),
                None => {
                    let span = self.value_span(path, "");
                    self.error(
                        span,
                        "một mục của `relations` thiếu `number`".into(),
                        "viết `{number: 127-KL/TW, date: 28/02/2025}`",
                    );
                    return None;
                }
            },
            n => match n.as_text() {
                Some(s) => (s, &[]),
                None => {
                    self.wrong_kind(
                        path,
                        "một số ký hiệu hoặc bảng khóa {number, date, issuer, locality}",
                        n,
                    );
                    return None;
                }
            },
        };
        let number_path = if fields.is_empty() {
            path.to_string()
        } else {
            format!("{path}.number")
        };
        let span = self.value_span(&number_path, &raw);
        let number = self.number(&number_path, &raw, span.clone())?;
        let mut c = Citation {
            number,
            text: normalize(&raw),
            relation,
            date: None,
            year: None,
            day_month: None,
            term: None,
            issuers: Vec::new(),
            locality: None,
            doc_type: None,
            subject: None,
            span,
            origin: Origin::FrontMatter,
        };
        for (k, v) in fields {
            match k.as_str() {
                "number" => {}
                "date" => c.date = self.date(&format!("{path}.date"), v),
                "issuer" => c.issuers = self.strings(&format!("{path}.issuer"), v),
                "locality" => c.locality = self.string(&format!("{path}.locality"), v),
                "type" => c.doc_type = self.string(&format!("{path}.type"), v),
                "title" => c.subject = self.string(&format!("{path}.title"), v),
                other => {
                    let span = self.key_span(&format!("{path}.{other}"));
                    let fields = ["number", "date", "issuer", "locality", "type", "title"];
                    let hint = closest(other, &fields).map_or_else(
                        || format!("các khóa: {}", fields.join(", ")),
                        |f| format!("có phải ý bạn là `{f}`?"),
                    );
                    self.warn(
                        span,
                        format!("`{other}` không phải là khóa của một quan hệ; bị bỏ qua"),
                        &hint,
                    );
                }
            }
        }
        Some(c)
    }
}
