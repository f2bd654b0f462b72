//! Site configuration (`site.yaml`, optional).
//!
//! In: the file's text. Out: a [`Config`] with every key defaulted, and
//! diagnostics for bad values and unknown keys (warnings, with the closest
//! known key).

use crate::diag::{Code, Diagnostic};
use crate::source::{normalize, Span};
use crate::yaml::{self, Node};
use std::collections::BTreeMap;

/// The keys of `site.yaml`.
pub(crate) const KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "locality",
    "issuer_aliases",
    "issuers",
    "page_size",
    "feed_limit",
    "max_document_mb",
];

/// The site configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Site name.
    pub title: String,
    /// Where the site is published; always ends with `/`.
    pub base_url: String,
    /// UI language.
    pub language: String,
    /// Default locality.
    pub locality: Option<String>,
    /// Other spellings -> canonical issuer name, keyed by match key.
    pub issuer_aliases: BTreeMap<String, String>,
    /// The issuing bodies citations may name: the built-in table and the
    /// site's own (`issuers:`, bodies of the site's province).
    pub vocabulary: std::sync::Arc<crate::refs::issuers::Vocabulary>,
    /// Items per listing page.
    pub page_size: usize,
    /// Documents in the feed.
    pub feed_limit: usize,
    /// The size limit of one document, in bytes (`max_document_mb`, 10 MB).
    pub max_document_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Văn bản chỉ đạo".to_string(),
            base_url: "/".to_string(),
            language: "vi".to_string(),
            locality: None,
            issuer_aliases: BTreeMap::new(),
            vocabulary: crate::refs::issuers::Vocabulary::builtin(),
            page_size: 50,
            feed_limit: 30,
            max_document_bytes: crate::load::MAX_DOCUMENT_BYTES,
        }
    }
}

/// Normalises a base URL so that it ends with exactly one `/`.
pub(crate) fn normalize_base_url(s: &str) -> String {
    let t = s.trim().trim_end_matches('/');
    format!("{t}/")
}

/// A numeric key into `cfg`, or what it should have been.
fn number(cfg: &mut Config, key: &str, value: &Node) -> Result<(), &'static str> {
    let n = value.as_text().and_then(|v| v.parse::<usize>().ok());
    match key {
        "max_document_mb" => match n.filter(|n| (1..=10_000).contains(n)) {
            Some(n) => cfg.max_document_bytes = n as u64 * 1_000_000,
            None => return Err("một số nguyên từ 1 đến 10000 (MB)"),
        },
        _ => match n.filter(|n| *n > 0) {
            Some(n) if key == "page_size" => cfg.page_size = n,
            Some(n) => cfg.feed_limit = n,
            None => return Err("một số nguyên dương"),
        },
    }
    Ok(())
}

/// Parses `site.yaml` text. `file` is the path shown in diagnostics.
pub(crate) fn parse(text: &str, file: &str) -> (Config, Vec<Diagnostic>) {
    let mut cfg = Config::default();
    let mut diags = Vec::new();
    let marks = std::cell::OnceCell::new();
    let marks = || marks.get_or_init(|| yaml::Marks::read(text));
    let span_of = |key: &str| -> Span { marks().key(key).unwrap_or(0..0) };
    let value_of = |key: &str| -> Span { marks().value(text, key, "").unwrap_or(0..0) };
    let map = match yaml::parse(text) {
        Ok(Node::Map(m)) => m,
        Ok(Node::Null) => Vec::new(),
        Ok(other) => {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!(
                        "cấu hình phải là các cặp `khóa: giá trị`, không phải {}",
                        other.kind_vi()
                    ),
                )
                .at(file, 0..0)
                .hint("viết mỗi khóa trên một dòng: `title: Văn bản chỉ đạo`"),
            );
            return (cfg, diags);
        }
        Err(e) => {
            let at = e.offset.unwrap_or(0);
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("tệp cấu hình không phải YAML hợp lệ: {}", e.message),
                )
                .at(file, at..at)
                .hint("mỗi dòng là `khóa: giá trị`"),
            );
            return (cfg, diags);
        }
    };
    for (key, value) in &map {
        let bad = |what: &str| {
            Diagnostic::error(
                Code::Config,
                format!("`{key}` phải là {what}, không phải {}", value.kind_vi()),
            )
            .at(file, value_of(key))
            .hint("xem bảng cấu hình `site.yaml` trong README")
        };
        match key.as_str() {
            "title" | "base_url" | "language" | "locality" => match value.as_text() {
                Some(v) => {
                    let v = normalize(&v);
                    match key.as_str() {
                        "title" => cfg.title = v,
                        "base_url" => cfg.base_url = normalize_base_url(&v),
                        "language" => {
                            if v != "vi" {
                                diags.push(
                                    Diagnostic::warning(
                                        Code::ConfigKey,
                                        format!("ngôn ngữ `{v}` chưa có bản dịch; dùng tiếng Việt"),
                                    )
                                    .at(file, span_of(key))
                                    .hint("giao diện hiện chỉ có `vi`"),
                                );
                            }
                            cfg.language = v;
                        }
                        _ => cfg.locality = Some(v),
                    }
                }
                None if matches!(value, Node::Null) => {}
                None => diags.push(bad("một chuỗi")),
            },
            "max_document_mb" | "page_size" | "feed_limit" => {
                if let Err(what) = number(&mut cfg, key, value) {
                    diags.push(bad(what));
                }
            }
            "issuers" => {
                let extra = site_bodies(value, &bad, &mut diags);
                if !extra.is_empty() {
                    cfg.vocabulary = std::sync::Arc::new(crate::refs::issuers::Vocabulary::with(&extra));
                }
            }
            "issuer_aliases" => match value {
                Node::Map(m) => {
                    for (from, to) in m {
                        match to.as_text() {
                            Some(to) => {
                                cfg.issuer_aliases.insert(crate::source::key(from), normalize(&to));
                            }
                            None => diags.push(bad("bảng `tên khác: tên chuẩn`")),
                        }
                    }
                }
                Node::Null => {}
                _ => diags.push(bad("bảng `tên khác: tên chuẩn`")),
            },
            other => {
                let hint = crate::load::closest(other, KEYS).map_or_else(
                    || format!("các khóa: {}", KEYS.join(", ")),
                    |k| format!("có phải ý bạn là `{k}`?"),
                );
                diags.push(
                    Diagnostic::warning(
                        Code::ConfigKey,
                        format!("`{other}` không phải là khóa cấu hình; bị bỏ qua"),
                    )
                    .at(file, span_of(other))
                    .hint(hint),
                );
            }
        }
    }
    (cfg, diags)
}

/// `issuers:`: a list of names, or of `{name, forms: [...]}`.
fn site_bodies(
    value: &Node,
    bad: &dyn Fn(&str) -> Diagnostic,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<String>)> {
    let mut extra: Vec<(String, Vec<String>)> = Vec::new();
    let items: &[Node] = match value {
        Node::List(items) => items,
        Node::Null => &[],
        _ => {
            diags.push(bad("danh sách tên cơ quan (hoặc `{name, forms}`)"));
            &[]
        }
    };
    for item in items {
        match item {
            Node::Map(m) => {
                let name = m.iter().find(|(k, _)| k == "name").and_then(|(_, v)| v.as_text());
                let forms: Vec<String> = m
                    .iter()
                    .find(|(k, _)| k == "forms")
                    .map(|(_, v)| match v {
                        Node::List(l) => l.iter().filter_map(Node::as_text).map(|f| normalize(&f)).collect(),
                        other => other.as_text().map(|f| vec![normalize(&f)]).unwrap_or_default(),
                    })
                    .unwrap_or_default();
                match name {
                    Some(n) => extra.push((normalize(&n), forms)),
                    None => diags.push(bad("`{name: …, forms: […]}` có `name`")),
                }
            }
            other => match other.as_text() {
                Some(n) => extra.push((normalize(&n), Vec::new())),
                None => diags.push(bad("danh sách tên cơ quan (hoặc `{name, forms}`)")),
            },
        }
    }
    extra
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_values() {
        let (c, d) = parse("", "site.yaml");
        assert_eq!(c, Config::default());
        assert!(d.is_empty());
        let (c, d) = parse("title: Cổng\nbase_url: https://x.vn/van-ban\npage_size: 10\nlocality: Phú Thọ\nissuer_aliases:\n  Ban thường vụ Tỉnh uỷ: Ban Thường vụ Tỉnh ủy\n", "site.yaml");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.base_url, "https://x.vn/van-ban/");
        assert_eq!(c.page_size, 10);
        assert_eq!(c.locality.as_deref(), Some("Phú Thọ"));
        assert_eq!(
            c.issuer_aliases
                .get(&crate::source::key("Ban Thường vụ Tỉnh ủy"))
                .map(String::as_str),
            Some("Ban Thường vụ Tỉnh ủy")
        );
    }

    #[test]
    fn bad_values() {
        let (_, d) = parse("page_size: -1\ntitel: x\n", "site.yaml");
        assert_eq!(d.len(), 2);
        assert!(d[0].is_error());
        assert_eq!(d[1].hint.as_deref(), Some("có phải ý bạn là `title`?"));
    }

    #[test]
    fn site_bodies_join_the_vocabulary() {
        let (c, d) = parse(
            "issuers:\n  - Ban Quản lý Khu kinh tế tỉnh\n  - {name: Trường Chính trị tỉnh, forms: [Trường Chính trị Trần Phú]}\n",
            "site.yaml",
        );
        assert!(d.is_empty(), "{d:?}");
        let text = "Thực hiện Kế hoạch số 12/KH-BQL ngày 3/2/2025 của Ban Quản lý Khu kinh tế tỉnh về đầu tư.";
        let own = crate::number::parse("1/KH-UBND").expect("own");
        let with_site = crate::refs::find_with("a.md", text, 0, (&own, None), &c.vocabulary);
        assert_eq!(
            with_site.citations[0].issuers,
            vec!["Ban Quản lý Khu kinh tế tỉnh".to_string()]
        );
        let builtin = crate::refs::find("a.md", text, 0, (&own, None));
        assert!(
            builtin.citations[0].issuers.is_empty(),
            "an unknown body is not an issuer"
        );
        assert_eq!(
            c.vocabulary.whole("Trường Chính trị Trần Phú").map(|n| n.name),
            Some("Trường Chính trị tỉnh".to_string())
        );
        let (_, d) = parse("issuers: 5\n", "site.yaml");
        assert_eq!(d.len(), 1);
    }
}
