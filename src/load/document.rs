//! The typed document and its parts, as the rest of the pipeline sees them.

use super::*;

/// A document's status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    /// `in-force` (the default).
    #[default]
    #[serde(rename = "in-force")]
    InForce,
    /// `expired`.
    #[serde(rename = "expired")]
    Expired,
    /// `replaced`.
    #[serde(rename = "replaced")]
    Replaced,
    /// `repealed`.
    #[serde(rename = "repealed")]
    Repealed,
}

impl Status {
    pub(super) const ALL: [(&'static str, Status); 4] = [
        ("in-force", Status::InForce),
        ("expired", Status::Expired),
        ("replaced", Status::Replaced),
        ("repealed", Status::Repealed),
    ];

    /// The contract's spelling.
    pub fn key(self) -> &'static str {
        Status::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("in-force", |(k, _)| k)
    }

    /// Shown on the page.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::InForce => "Còn hiệu lực",
            Status::Expired => "Hết hiệu lực",
            Status::Replaced => "Hết hiệu lực (bị thay thế)",
            Status::Repealed => "Hết hiệu lực (bị bãi bỏ)",
        }
    }
}

/// Who signed, and in what capacity.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signer {
    /// Nguyễn Hải Trâm.
    pub name: Option<String>,
    /// Phó Bí thư.
    pub position: Option<String>,
    /// T/M Ban Thường vụ, K/T, T/L, TM., KT.
    pub capacity: Option<String>,
}

/// Where a reported text comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceInfo {
    /// The outlet.
    pub name: Option<String>,
    /// Its address.
    pub url: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// When it was published.
    pub published: Option<Date>,
}

/// A valid content document.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Path relative to the content folder, `/`-separated.
    pub source: String,
    /// Path as shown in diagnostics.
    pub file: String,
    /// The parsed number.
    pub number: Number,
    /// Where `number` stands.
    pub number_span: Span,
    /// Trích yếu.
    pub title: String,
    /// Issuing bodies, full names, as written (aliases applied later).
    pub issuers: Vec<String>,
    /// Type word, given or derived.
    pub doc_type: String,
    /// Province or city.
    pub locality: Option<String>,
    /// Date of issue; `None` is unknown, never invented.
    pub date: Option<Date>,
    /// Place in the header.
    pub place: Option<String>,
    /// Signature block.
    pub signer: Option<Signer>,
    /// Kính gửi.
    pub recipients: Vec<String>,
    /// Nơi nhận.
    pub distribution: Vec<String>,
    /// Citations: declared in front matter here; the references stage adds
    /// those found in the text.
    pub citations: Vec<Citation>,
    /// Short forms of the text left for the corpus (references stage).
    pub shorts: Vec<crate::refs::ShortCitation>,
    /// Status (`in-force` when front matter gives none).
    pub status: Status,
    /// Whether front matter gives the status (it then wins over the graph).
    pub status_declared: bool,
    /// Abstract for listings.
    pub summary: Option<String>,
    /// Set when the text is a report of the document.
    pub source_info: Option<SourceInfo>,
    /// Subject tags.
    pub tags: Vec<String>,
    /// URL segment override.
    pub slug: Option<(String, Span)>,
    /// Old site-relative URLs, validated (`cu/van-ban/`, or a file `a/b.html`).
    pub aliases: Vec<(String, Span)>,
    /// Draft flag.
    pub draft: bool,
    /// The whole file as written (without a BOM); the body starts at
    /// `body_offset` (see [`Document::body`]).
    #[serde(deserialize_with = "text_from_bytes")]
    pub text: String,
    /// A digest of `text` ([`text_digest`]), made once when the file is
    /// parsed and kept with it in the build cache: what a warm build
    /// compares instead of hashing every text again.
    pub text_digest: u64,
    /// A number that changes every time the file is parsed again (the dev
    /// server's caches key on it).
    pub revision: u64,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

pub(super) static REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A text read back from the build cache, checked as UTF-8 with simdutf8:
/// the standard check was a seventh of a warm build's CPU at 10,000
/// documents (their texts are most of the cache's bytes).
fn text_from_bytes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a text")
        }

        fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<String, E> {
            simdutf8::basic::from_utf8(b)
                .map(str::to_string)
                .map_err(|_| E::custom("a text that is not UTF-8"))
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<String, E> {
            Ok(s.to_string())
        }

        fn visit_string<E: serde::de::Error>(self, s: String) -> Result<String, E> {
            Ok(s)
        }
    }
    d.deserialize_bytes(Text)
}

/// The digest of a document's text (SipHash-1-3 with fixed keys: the same
/// for the same text in every run of one vanban executable, which the
/// build cache keys on).
pub fn text_digest(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// A revision number no document of this process has had.
pub fn next_revision() -> u64 {
    REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    /// The Markdown body exactly as written (spans index into the file text;
    /// the body starts at `body_offset`); normalised when rendered.
    pub fn body(&self) -> &str {
        self.text.get(self.body_offset..).unwrap_or("")
    }
}
