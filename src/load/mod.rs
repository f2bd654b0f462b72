//! Loading: from the content folder to typed documents.
//!
//! In: a content folder. Out: [`Loaded`]: every document that is valid, the
//! text of every file read (for diagnostics), every diagnostic, and the count
//! of every file found (published, draft, not a document, in error), so that
//! nothing is lost silently.
//!
//! The walk is sorted; files are read and checked in parallel and collected in
//! walk order, so the result does not depend on thread count. Each file's
//! front matter is checked against the contract (`docs/contracts/front-matter.md`) key by
//! key, and every problem of every file is collected: one run tells the editor
//! everything. Positions point into the file as written.

mod cache;
mod document;
mod fields;
mod front_matter;
mod names;
mod walk;

pub(crate) use cache::stamp;
pub use cache::{load_cached, Cache, Stamp};
pub use document::{next_revision, text_digest};
pub use document::{Document, Signer, SourceInfo, Status};
pub use front_matter::{parse_document, KEYS};
pub use names::{alias_path, closest, valid_slug};

use crate::date::Date;
use crate::diag::{Diagnostic, Sources};
use crate::number::{self, DerivedType, Number};
use crate::refs::{Citation, Origin, Relation};
use crate::source::{self, normalize, Span};
use crate::yaml::{self, Node};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How loading behaves.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Include drafts in the result.
    pub drafts: bool,
    /// Locality for documents that give none.
    pub default_locality: Option<String>,
    /// A document over this many bytes is an error (`max_document_mb`).
    pub max_bytes: u64,
}

/// The default size limit of one document: 10 MB.
pub const MAX_DOCUMENT_BYTES: u64 = 10 * 1_000_000;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            drafts: false,
            default_locality: None,
            max_bytes: MAX_DOCUMENT_BYTES,
        }
    }
}

/// What was found under the content folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents that will be published.
    pub published: usize,
    /// Drafts left out (checked all the same).
    pub drafts: usize,
    /// Files that are not documents (`_notes.md`, images, ...).
    pub skipped: usize,
    /// Documents with errors.
    pub errors: usize,
}

/// The result of loading.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Valid documents in walk order (drafts only with `drafts`), shared
    /// with the cache so that an unchanged file costs no copy.
    pub documents: Vec<Arc<Document>>,
    /// Text of every file read, by shown path.
    pub sources: Sources,
    /// Everything worth telling.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of files.
    pub counts: Counts,
}

/// Loads every document under `dir`.
pub fn load(dir: &Path, opts: &LoadOptions) -> Loaded {
    load_cached(dir, opts, &mut Cache::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        parse_document(text, "t.md", "t.md", &LoadOptions::default())
    }

    fn write_doc(dir: &Path, name: &str, title: &str) -> PathBuf {
        let path = dir.join(name);
        let text =
            format!("---\nnumber: 1-KL/TW\ntitle: {title}\nissuer: Bộ Chính trị\ndate: 01/02/2025\n---\nNội dung.\n");
        std::fs::write(&path, text).unwrap_or_default();
        path
    }

    #[test]
    fn a_known_edit_skips_the_walk_and_anything_else_walks() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        let a = write_doc(dir, "a.md", "Một");
        let mut cache = Cache {
            keep: true,
            ..Cache::default()
        };
        let first = load_cached(dir, &LoadOptions::default(), &mut cache);
        assert_eq!(first.documents.len(), 1);

        // An edit in place, announced: the new text is read.
        std::fs::write(
            &a,
            std::fs::read_to_string(&a).unwrap_or_default().replace("Một", "Hai"),
        )
        .unwrap_or_default();
        cache.changed = Some(vec![a.clone()]);
        let second = load_cached(dir, &LoadOptions::default(), &mut cache);
        assert_eq!(second.documents[0].title, "Hai");
        assert!(cache.changed.is_none(), "the hint is used once");

        // A file the last walk did not know: the folder is walked again.
        let b = write_doc(dir, "b.md", "Ba");
        cache.changed = Some(vec![b]);
        let third = load_cached(dir, &LoadOptions::default(), &mut cache);
        let titles: Vec<&str> = third.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Hai", "Ba"]);
        assert_eq!(third.counts.published, 2);

        // Files whose stamp did not change keep their parsed document (the
        // same allocation), announced or not.
        cache.changed = Some(vec![a]);
        let fourth = load_cached(dir, &LoadOptions::default(), &mut cache);
        assert!(Arc::ptr_eq(&third.documents[0], &fourth.documents[0]));
        assert!(Arc::ptr_eq(&third.documents[1], &fourth.documents[1]));
    }

    fn pos(text: &str, d: &Diagnostic) -> (usize, usize) {
        source::line_col(text, d.span.clone().map_or(0, |s| s.start))
    }

    #[test]
    fn minimal_document() {
        let (doc, diags) = check("---\nnumber: 4029-CV/TU\ntitle: T\nissuer: Ban Thường vụ Tỉnh ủy\n---\nThân\n");
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.expect("valid");
        assert_eq!(doc.doc_type, "Công văn");
        assert_eq!(doc.date, None);
        assert_eq!(doc.body(), "Thân\n");
    }

    #[test]
    fn errors_point_into_the_file() {
        // case, text, expected code, line, column
        let cases = [
            (
                "missing title",
                "---\nnumber: 1-KL/TW\nissuer: X\n---\n",
                crate::diag::Code::Key,
                1,
                1,
            ),
            (
                "bad number",
                "---\nnumber: 12-kl/TW\ntitle: T\nissuer: X\n---\n",
                crate::diag::Code::Key,
                2,
                12,
            ),
            (
                "impossible date",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\ndate: 31/02/2025\n---\n",
                crate::diag::Code::Key,
                5,
                7,
            ),
            (
                "bad yaml",
                "---\nnumber: 1-KL/TW\ntitle: [T\nissuer: X\n---\n",
                crate::diag::Code::Yaml,
                4,
                7,
            ),
            ("no closing", "---\nnumber: 1-KL/TW\n", crate::diag::Code::Front, 1, 1),
            ("no front matter", "Xin chào\n", crate::diag::Code::Front, 1, 1),
            (
                "type contradicts",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\ntype: Công văn\n---\n",
                crate::diag::Code::Key,
                5,
                7,
            ),
            (
                "bad slug",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\nslug: ../x\n---\n",
                crate::diag::Code::Key,
                5,
                7,
            ),
            (
                "alias traversal",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\naliases: [/a/../../b/]\n---\n",
                crate::diag::Code::Key,
                5,
                11,
            ),
            (
                "wrong kind",
                "---\nnumber: 1-KL/TW\ntitle: [a, b]\nissuer: X\n---\n",
                crate::diag::Code::Key,
                3,
                8,
            ),
            (
                "bad relation",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\nrelations:\n  implement: [2-KL/TW]\n---\n",
                crate::diag::Code::Key,
                6,
                3,
            ),
            (
                "bad status",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\nstatus: old\n---\n",
                crate::diag::Code::Key,
                5,
                9,
            ),
        ];
        for (name, text, code, line, col) in cases {
            let (doc, diags) = check(text);
            assert!(doc.is_none(), "{name}: accepted");
            let d = diags
                .iter()
                .find(|d| d.is_error())
                .unwrap_or_else(|| panic!("{name}: no error"));
            assert_eq!((d.code, pos(text, d)), (code, (line, col)), "{name}: {d:?}");
        }
    }

    #[test]
    fn a_nested_key_error_points_at_its_value() {
        // Flow style: the bad date is the second "31/02/2025", after `published:`.
        let text = "---\nnumber: 73-CV/TU\ntitle: T\nissuer: Ban Thường vụ Tỉnh ủy\nsource: {name: \"Báo ngày 31/02/2025\", published: 31/02/2025}\n---\nThân.\n";
        let (_, diags) = check(text);
        let d = diags
            .iter()
            .find(|d| d.is_error())
            .expect("an error for source.published");
        let at = text.find("published: ").expect("key") + "published: ".len();
        assert_eq!(d.span.as_ref().map(|s| s.start), Some(at), "{d:?}");
        assert!(d.message.contains("31") || d.message.contains("ngày"), "{}", d.message);
        // Block style, with the same text in another key first.
        let text = "---\nnumber: 73-CV/TU\ntitle: T\nissuer: X\nsource:\n  name: Báo 31/02/2025\n  author: published\n  published: 31/02/2025\n---\nThân.\n";
        let (_, diags) = check(text);
        let d = diags
            .iter()
            .find(|d| d.is_error())
            .expect("an error for source.published");
        let at = text.rfind("31/02/2025").expect("value");
        assert_eq!(d.span.as_ref().map(|s| s.start), Some(at), "{d:?}");
        // An unknown nested key is pointed at, not its parent.
        let text = "---\nnumber: 73-CV/TU\ntitle: T\nissuer: X\nsigner: {name: A, postion: B}\n---\nThân.\n";
        let (_, diags) = check(text);
        let d = diags.iter().find(|d| d.message.contains("postion")).expect("a warning");
        assert_eq!(d.span.as_ref().map(|s| s.start), text.find("postion"), "{d:?}");
        // An item of `relations`: its own date, not the same text in its title
        // or in another item; a tab after a colon does not lose the place.
        let text = "---\nnumber: 73-CV/TU\ntitle: T\nissuer: X\ntype:\tCông văn\nrelations:\n  implements: [{number: 1-KL/TW, title: \"31/02/2025\"}, {number: 127-KL/TW, title: \"Kết luận 31/02/2025\", date: 31/02/2025}]\n---\nThân.\n";
        let (_, diags) = check(text);
        let d = diags.iter().find(|d| d.is_error()).expect("an error for the date");
        assert_eq!(d.span.as_ref().map(|s| s.start), text.rfind("31/02/2025"), "{d:?}");
    }

    #[test]
    fn every_error_of_a_file_is_reported() {
        let text = "---\nnumber: x\ndate: 40/1/2025\n---\n";
        let (_, diags) = check(text);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        assert_eq!(errors, 4, "{diags:?}"); // title, issuer, number, date
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let (doc, diags) = check("---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\nisuer: Y\n---\n");
        assert!(doc.is_some());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].hint.as_deref(), Some("có phải ý bạn là `issuer`?"));
    }

    #[test]
    fn qd_is_ambiguous_without_type() {
        let (doc, diags) = check("---\nnumber: 253-QĐ/TW\ntitle: T\nissuer: Ban Bí thư\n---\n");
        assert_eq!(doc.map(|d| d.doc_type).as_deref(), Some("Quyết định"));
        assert_eq!(diags.len(), 1);
        let (doc, diags) = check("---\nnumber: 253-QĐ/TW\ntitle: T\nissuer: Ban Bí thư\ntype: Quy định\n---\n");
        assert_eq!(doc.map(|d| d.doc_type).as_deref(), Some("Quy định"));
        assert!(diags.is_empty());
    }

    #[test]
    fn crlf_nfd_and_lookalikes() {
        let text =
            "---\r\nnumber: 1-KL/TW\r\ntitle: \u{00D0}a\u{0323}i ho\u{0302}\u{0323}i\r\nissuer: X\r\n---\r\nA\r\nB\r\n";
        let (doc, diags) = check(text);
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.expect("valid");
        assert_eq!(doc.title, "Đại hội");
        assert_eq!(doc.body(), "A\r\nB\r\n");
    }

    #[test]
    fn aliases() {
        assert_eq!(alias_path("/cu/a/").as_deref(), Some("cu/a/"));
        assert_eq!(alias_path("/cu/a").as_deref(), Some("cu/a/"));
        assert_eq!(alias_path("/cu/a.html").as_deref(), Some("cu/a.html"));
        for bad in [
            "cu/a",
            "/",
            "/a/../b",
            "/a/./b",
            "/%2e%2e/x",
            "/a\\b",
            "//x",
            "/.git/x",
            "/a b/",
        ] {
            assert_eq!(alias_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn tu_is_read_as_the_issuers_code_and_a_colon_item_as_text() {
        let doc = |number: &str, issuer: &str| {
            let text = format!(
                "---\nnumber: {number}\ntitle: T\nissuer: {issuer}\nlocality: Huế\ndate: 20/11/2025\nrecipients:\n  - Các sở: Tài chính, Nội vụ\n---\nNội dung.\n"
            );
            check(&text)
        };
        let (d, diags) = doc("28-KH/TƯ", "Ban Thường vụ Thành ủy");
        let d = d.expect("a document");
        assert_eq!(d.number.canonical, "28-KH/TU");
        assert_eq!(d.recipients, ["Các sở: Tài chính, Nội vụ"]);
        assert!(
            diags
                .iter()
                .any(|x| x.code == crate::diag::Code::UnknownKey && x.message.contains("Các sở")),
            "{diags:?}"
        );
        assert_eq!(
            doc("15-NQ/TƯ", "Bộ Chính trị").0.expect("doc").number.canonical,
            "15-NQ/TW"
        );
        assert_eq!(
            doc("15-NQ/TƯ", "Hội đồng ABC").0.expect("doc").number.canonical,
            "15-NQ/TƯ"
        );
    }
}
