//! The link graph: documents, cited documents, issuing bodies, and the edges.
//!
//! In: loaded documents and the site configuration. Out: an [`Index`] in
//! which every document has its URL, its issuing bodies (a local body
//! qualified by its locality), its outgoing references resolved in context,
//! and its backlinks; every cited document that is not in the content is a
//! node of its own ([`Cited`]) with the URL it will keep once it is added.
//!
//! Resolution follows `docs/contracts/numbers-and-references.md` section 3: the number, then
//! the date the mention gives, the citing document's locality for local
//! series, and no citing a document issued later; one candidate is linked,
//! several are reported as ambiguous and never linked to a guess. Nodes are
//! keys into vectors; all lists are sorted, so output is deterministic.

mod cited;
mod facts;
mod identity;
mod links;
mod memory;
mod merge;
mod resolve;
mod update;
mod urls;

pub(crate) use identity::identity_slug;
pub(crate) use memory::Memory;

use crate::config::Config;
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::load::Document;
use crate::number::{DerivedType, Number, Shape};
use crate::refs::bodies::Scope;
use crate::refs::{Citation, Relation};
use crate::source::{key, slugify, Span};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A node a reference can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// A content document, by index into [`Index::docs`].
    Doc(usize),
    /// A cited document not in the content, by index into [`Index::cited`].
    Cited(usize),
}

/// Where a reference leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Resolved.
    Node(Node),
    /// Several documents fit (indices into [`Index::docs`]); not linked
    /// to any, but shown with them as candidates.
    Ambiguous(Vec<usize>),
}

/// One distinct document cited by a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Where it leads.
    pub target: Target,
    /// The strongest relation among the mentions.
    pub relation: Relation,
    /// The number as the first mention wrote it (canonical form).
    pub number: String,
    /// The first mention as written.
    pub text: String,
    /// The date the mentions give.
    pub date: Option<Date>,
    /// The type word the mentions give, else the one the code gives.
    pub doc_type: String,
    /// The mentions: where they stand in the citing file, the relation each
    /// states, and where it came from.
    pub mentions: Vec<Mention>,
    /// Whether front matter declares it (its relation then wins).
    pub declared: bool,
}

/// A document citing a node, with the relation it states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlink {
    /// The citing document (an index into [`Index::docs`]).
    pub doc: usize,
    /// Its strongest relation to the node.
    pub relation: Relation,
}

/// One mention of a reference in the citing file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Where it stands in the citing file.
    pub span: Span,
    /// The relation it states.
    pub relation: Relation,
    /// Front matter or the running text.
    pub origin: crate::refs::Origin,
}

/// A content document with its place in the graph.
#[derive(Debug, Clone)]
pub struct DocNode {
    /// The document (shared with the dev server's caches).
    pub doc: Arc<Document>,
    /// URL segment.
    pub slug: String,
    /// Issuing bodies, by key into [`Index::issuers`].
    pub issuers: Vec<String>,
    /// Outgoing references, in order of first mention.
    pub references: Vec<Reference>,
    /// Documents citing it, with their relation, sorted by date then number.
    pub cited_by: Vec<Backlink>,
    /// Its legal standing, from the graph and front matter.
    pub standing: Standing,
}

/// The same node: the same document (file and text) in the same place.
impl PartialEq for DocNode {
    fn eq(&self, other: &DocNode) -> bool {
        let same_doc =
            Arc::ptr_eq(&self.doc, &other.doc) || (self.doc.file == other.doc.file && self.doc.text == other.doc.text);
        same_doc
            && self.slug == other.slug
            && self.issuers == other.issuers
            && self.references == other.references
            && self.cited_by == other.cited_by
            && self.standing == other.standing
    }
}

/// A document's legal standing: replaced, repealed or amended by documents
/// of the site (in their own voice), and the status that follows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// The status shown: front matter's when it gives one, else the graph's.
    pub status: crate::load::Status,
    /// A news report: no legal status of its own.
    pub report: bool,
    /// Documents that replace it.
    pub replaced_by: Vec<usize>,
    /// Documents that repeal it.
    pub repealed_by: Vec<usize>,
    /// Documents that amend it.
    pub amended_by: Vec<usize>,
}

/// A document known only from citations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// The number.
    pub number: Number,
    /// Type word: from the mentions, else from the code.
    pub doc_type: String,
    /// Date, when a mention gives it.
    pub date: Option<Date>,
    /// Issuers, when a mention gives them.
    pub issuers: Vec<String>,
    /// Locality, for local series.
    pub locality: Option<String>,
    /// Subject, when a mention gives it.
    pub subject: Option<String>,
    /// URL segment.
    pub slug: String,
    /// Issuing bodies, by key into [`Index::issuers`].
    pub issuer_keys: Vec<String>,
    /// Documents citing it, sorted by date then number.
    pub cited_by: Vec<Backlink>,
}

/// An issuing body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// Full name, qualified by locality for local bodies.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Its documents and cited documents, newest first.
    pub nodes: Vec<Node>,
}

/// A redirect page: old URL path (site-relative, no leading `/`) to a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Path of the page to write (`cu/a/` or `cu/a.html`).
    pub from: String,
    /// Where it leads.
    pub to: Node,
}

/// The whole graph. Its nodes are shared (cloning it copies pointers), so
/// that the dev server can keep one graph while an edit patches the next.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index {
    /// Content documents, in content walk order.
    pub docs: Vec<Arc<DocNode>>,
    /// Cited documents not in the content, sorted by slug.
    pub cited: Vec<Arc<Cited>>,
    /// Issuing bodies by slug.
    pub issuers: BTreeMap<String, Issuer>,
    /// Redirects: aliases, and the undated URL of dated pages.
    pub redirects: Vec<Redirect>,
    /// Pages (documents and cited documents) some citation names without a
    /// date: their page may have
    /// lived at the undated URL before their date was known.
    pub cited_undated: BTreeSet<Node>,
}

impl Index {
    /// The URL path (site-relative, with leading and trailing `/`) of a node.
    pub fn url(&self, node: Node) -> String {
        crate::routes::document(self.slug(node))
    }

    /// Every node: the documents, then the cited documents.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        (0..self.docs.len())
            .map(Node::Doc)
            .chain((0..self.cited.len()).map(Node::Cited))
    }

    /// The URL segment of a node.
    pub fn slug(&self, node: Node) -> &str {
        match node {
            Node::Doc(i) => &self.docs[i].slug,
            Node::Cited(i) => &self.cited[i].slug,
        }
    }

    /// The documents citing a node, with their relation.
    pub fn cited_by(&self, node: Node) -> &[Backlink] {
        match node {
            Node::Doc(i) => &self.docs[i].cited_by,
            Node::Cited(i) => &self.cited[i].cited_by,
        }
    }

    /// The keys (slugs) of a node's issuing bodies.
    pub fn issuer_keys(&self, node: Node) -> &[String] {
        match node {
            Node::Doc(i) => &self.docs[i].issuers,
            Node::Cited(i) => &self.cited[i].issuer_keys,
        }
    }

    /// The locality of a node, when known.
    pub fn locality(&self, node: Node) -> Option<&str> {
        match node {
            Node::Doc(i) => self.docs[i].doc.locality.as_deref(),
            Node::Cited(i) => self.cited[i].locality.as_deref(),
        }
    }

    /// The date of a node.
    pub fn date(&self, node: Node) -> Option<Date> {
        match node {
            Node::Doc(i) => self.docs[i].doc.date,
            Node::Cited(i) => self.cited[i].date,
        }
    }

    /// The type word of a node.
    pub fn doc_type(&self, node: Node) -> &str {
        match node {
            Node::Doc(i) => &self.docs[i].doc.doc_type,
            Node::Cited(i) => &self.cited[i].doc_type,
        }
    }

    /// The canonical number of a node.
    pub fn number(&self, node: Node) -> &str {
        match node {
            Node::Doc(i) => &self.docs[i].doc.number.canonical,
            Node::Cited(i) => &self.cited[i].number.canonical,
        }
    }

    /// Sort key: newest first, undated last, then by number.
    pub fn newest_first(&self, node: Node) -> (std::cmp::Reverse<Option<Date>>, bool, &str) {
        let d = self.date(node);
        (std::cmp::Reverse(d), d.is_none(), self.number(node))
    }
}

/// Builds the graph of documents with no duplicates to keep (tests).
#[cfg(test)]
pub(crate) fn build(documents: Vec<Document>, config: &Config) -> (Index, Vec<Diagnostic>) {
    let (index, diags, _) = build_keeping_duplicates(documents.into_iter().map(Arc::new).collect(), config);
    (index, diags)
}

/// Builds the graph. Errors (duplicate identity, URL collisions) and
/// warnings (ambiguous references) are returned beside it, with the
/// documents left out as duplicates (their text is what the duplicate
/// errors point into).
pub(crate) fn build_keeping_duplicates(
    documents: Vec<Arc<Document>>,
    config: &Config,
) -> (Index, Vec<Diagnostic>, Vec<Arc<Document>>) {
    let (memory, dropped) = Memory::build(documents, config, false);
    let diags = memory.diagnostics();
    (memory.index, diags, dropped)
}

/// Builds the graph, or patches the one `kept` holds when the documents
/// changed only where an edit can be followed (see [`update`]); keeps the
/// result in `kept`. Returns what [`build_keeping_duplicates`] returns, and
/// whether the graph was patched rather than built.
pub(crate) fn link(
    documents: Vec<Arc<Document>>,
    config: &Config,
    kept: &mut Option<Memory>,
) -> (Index, Vec<Diagnostic>, Vec<Arc<Document>>, bool) {
    if let Some(memory) = kept.as_mut() {
        if memory.update(&documents, config) {
            return (memory.index.clone(), memory.diagnostics(), Vec::new(), true);
        }
    }
    // A memory an update gave up on is half patched: built anew.
    *kept = None;
    let (memory, dropped) = Memory::build(documents, config, true);
    let out = (memory.index.clone(), memory.diagnostics(), dropped, false);
    *kept = Some(memory);
    out
}

#[cfg(test)]
mod tests {
    use super::facts::qualified_issuer;
    use super::*;
    use crate::load::{parse_document, LoadOptions};

    fn doc(file: &str, fm: &str) -> Document {
        let text = format!("---\n{fm}\n---\nThân.\n");
        let (d, diags) = parse_document(&text, file, file, &LoadOptions::default());
        d.unwrap_or_else(|| panic!("{file}: {diags:?}"))
    }

    #[test]
    fn slugs() {
        let n = |s: &str| crate::number::parse(s).expect("number");
        let d = Date::new(2025, 7, 18);
        assert_eq!(
            identity_slug(&n("73-CV/TU"), Some("Phú Thọ"), d),
            "73-cv-tu-phu-tho-2025"
        );
        assert_eq!(identity_slug(&n("127-KL/TW"), Some("Phú Thọ"), d), "127-kl-tw-2025");
        assert_eq!(identity_slug(&n("30/2020/NĐ-CP"), None, d), "30-2020-nd-cp");
        assert_eq!(identity_slug(&n("4029-CV/TU"), None, None), "4029-cv-tu");
    }

    #[test]
    fn issuers_qualified_by_their_scope() {
        let cfg = Config::default();
        let n = |s: &str| crate::number::parse(s).expect("number");
        let q = |name: &str, num: &str| qualified_issuer(name, &n(num), Some("Hà Tĩnh"), &cfg);
        // A provincial body is the province's whatever its number says.
        assert_eq!(q("Sở Nội vụ", "412/SNV-CCHC"), "Sở Nội vụ Hà Tĩnh");
        assert_eq!(q("Ban Thường vụ Tỉnh ủy", "5-CV/BCĐ"), "Ban Thường vụ Tỉnh ủy Hà Tĩnh");
        // A central one never, even on a local series.
        assert_eq!(q("Bộ Nội vụ", "12/QĐ-UBND"), "Bộ Nội vụ");
        assert_eq!(q("Ban Bí thư Trung ương Đảng", "4-KH/TU"), "Ban Bí thư");
        // Named with its province already: unchanged.
        assert_eq!(
            q("Ủy ban nhân dân tỉnh Nghệ An", "7/QĐ-UBND"),
            "Ủy ban nhân dân tỉnh Nghệ An"
        );
        // Unknown to the vocabulary: the number's series decides.
        assert_eq!(q("Hội Nông dân Việt Nam", "9-CV/TW"), "Hội Nông dân Việt Nam");
        assert_eq!(q("Hội Nông dân tỉnh", "9-KH/TU"), "Hội Nông dân tỉnh Hà Tĩnh");
    }

    #[test]
    fn same_number_two_provinces_resolves_by_locality() {
        let docs = vec![
            doc("a.md", "number: 02-KH/TU\ntitle: A\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Phú Thọ\ndate: 15/7/2025"),
            doc("b.md", "number: 02-KH/TU\ntitle: B\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Hà Nội\ndate: 15/7/2025"),
            doc("c.md", "number: 73-CV/TU\ntitle: C\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Phú Thọ\ndate: 18/7/2025\nrelations:\n  implements: [02-KH/TU]"),
        ];
        let (index, diags) = build(docs, &Config::default());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(index.docs[2].references[0].target, Target::Node(Node::Doc(0)));
        assert_eq!(
            index.docs[0].cited_by,
            vec![Backlink {
                doc: 2,
                relation: Relation::Implements
            }]
        );
        assert!(index.docs[1].cited_by.is_empty());
        assert!(index.issuers.contains_key("ban-thuong-vu-tinh-uy-phu-tho"));
        assert!(index.issuers.contains_key("ban-thuong-vu-tinh-uy-ha-noi"));
    }

    #[test]
    fn ambiguous_is_not_linked_and_future_excluded() {
        let docs = vec![
            doc(
                "a.md",
                "number: 35-CT/TW\ntitle: A\nissuer: Bộ Chính trị\ndate: 30/5/2019",
            ),
            doc(
                "b.md",
                "number: 35-CT/TW\ntitle: B\nissuer: Bộ Chính trị\ndate: 14/6/2024",
            ),
            doc(
                "c.md",
                "number: 1-KH/TU\ntitle: C\nissuer: X\nrelations:\n  cites: [35-CT/TW]",
            ),
            doc(
                "d.md",
                "number: 2-KH/TU\ntitle: D\nissuer: X\ndate: 1/1/2020\nrelations:\n  cites: [35-CT/TW]",
            ),
        ];
        let (index, diags) = build(docs, &Config::default());
        assert!(
            matches!(&index.docs[2].references[0].target, Target::Ambiguous(c) if c.len() == 2),
            "{:?}",
            index.docs[2].references[0].target
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::Ambiguous);
        // A 2020 plan citing 35-CT/TW means the 2019 one.
        assert_eq!(index.docs[3].references[0].target, Target::Node(Node::Doc(0)));
    }

    #[test]
    fn cited_nodes_merge_and_redirect() {
        let docs = vec![
            doc("a.md", "number: 1-CV/TU\ntitle: A\nissuer: X\nrelations:\n  cites: [{number: 127-KL/TW, date: 28/02/2025, issuer: [Bộ Chính trị, Ban Bí thư]}]"),
            doc("b.md", "number: 2-CV/TU\ntitle: B\nissuer: X\nrelations:\n  implements: [127-KL/TW]\n  cites: [127-KL/TW]"),
        ];
        let (index, diags) = build(docs, &Config::default());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(index.cited.len(), 1);
        assert_eq!(index.cited[0].slug, "127-kl-tw-2025");
        assert_eq!(
            index.cited[0].cited_by,
            vec![
                Backlink {
                    doc: 0,
                    relation: Relation::Cites
                },
                Backlink {
                    doc: 1,
                    relation: Relation::Implements
                }
            ]
        );
        assert_eq!(index.docs[1].references.len(), 1);
        assert_eq!(index.docs[1].references[0].relation, Relation::Implements);
        assert_eq!(
            index.redirects,
            vec![Redirect {
                from: "van-ban/127-kl-tw/".into(),
                to: Node::Cited(0)
            }]
        );
        assert!(index.issuers.contains_key("bo-chinh-tri"));
    }

    #[test]
    fn only_pages_that_moved_are_redirected() {
        let docs = vec![
            // Named with its date only: never at `/van-ban/127-kl-tw/`.
            doc("a.md", "number: 1-CV/TU\ntitle: A\nissuer: X\ndate: 1/3/2025\nrelations:\n  cites: [{number: 127-KL/TW, date: 28/02/2025}]"),
            // Undated in the relation, dated in the same document: the date is
            // known wherever this document is.
            doc("b.md", "number: 2-CV/TU\ntitle: B\nissuer: X\ndate: 1/3/2025\nrelations:\n  cites: [128-KL/TW, {number: 128-KL/TW, date: 28/02/2025}]"),
            doc("c.md", "number: 3-CV/TU\ntitle: C\nissuer: X\ndate: 1/3/2025\nrelations:\n  cites: [{number: 129-KL/TW, date: 28/02/2025}]"),
            // Named only without a date: alone, it puts 129-KL/TW at its
            // undated URL, so that page moved.
            doc("d.md", "number: 4-CV/TU\ntitle: D\nissuer: X\ndate: 2/3/2025\nrelations:\n  cites: [129-KL/TW]"),
        ];
        let (index, diags) = build(docs, &Config::default());
        assert!(diags.is_empty(), "{diags:?}");
        let slugs: Vec<&str> = index.cited.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["127-kl-tw-2025", "128-kl-tw-2025", "129-kl-tw-2025"]);
        assert_eq!(
            index.redirects,
            vec![Redirect {
                from: "van-ban/129-kl-tw/".into(),
                to: Node::Cited(2)
            }]
        );
    }

    #[test]
    fn duplicate_identity_names_both_files() {
        let docs = vec![
            doc("a.md", "number: 4029-CV/TU\ntitle: A\nissuer: X"),
            doc("b.md", "number: 4029-CV/TU\ntitle: B\nissuer: X"),
        ];
        let (index, diags) = build(docs, &Config::default());
        assert_eq!(index.docs.len(), 1);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].is_error());
        assert!(diags[0].message.contains("a.md") && diags[0].file.as_deref() == Some("b.md"));
    }
}
