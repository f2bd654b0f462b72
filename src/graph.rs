//! The link graph: documents, cited documents, issuing bodies, and the edges.
//!
//! In: loaded documents and the site configuration. Out: an [`Index`] in
//! which every document has its URL, its issuing bodies (a local body
//! qualified by its locality), its outgoing references resolved in context,
//! and its backlinks; every cited document that is not in the content is a
//! node of its own ([`Cited`]) with the URL it will keep once it is added.
//!
//! Resolution follows `numbers-and-references.md` section 3: the number, then
//! the date the mention gives, the citing document's locality for local
//! series, and no citing a document issued later; one candidate is linked,
//! several are reported as ambiguous and never linked to a guess. Nodes are
//! keys into vectors; all lists are sorted, so output is deterministic.

use crate::config::Config;
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::load::Document;
use crate::number::{DerivedType, Number, Shape};
use crate::refs::bodies::Scope;
use crate::refs::{Citation, Relation};
use crate::source::{key, slugify, Span};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
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
    /// Several documents fit; not linked.
    Ambiguous,
}

/// One distinct document cited by a document.
#[derive(Debug, Clone)]
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
    pub mentions: Vec<(Span, Relation, crate::refs::Origin)>,
    /// Whether front matter declares it (its relation then wins).
    pub declared: bool,
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
    pub cited_by: Vec<(usize, Relation)>,
    /// Its legal standing, from the graph and front matter.
    pub standing: Standing,
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
#[derive(Debug, Clone)]
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
    pub cited_by: Vec<(usize, Relation)>,
}

/// An issuing body.
#[derive(Debug, Clone)]
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

/// The whole graph.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Content documents, in content walk order.
    pub docs: Vec<DocNode>,
    /// Cited documents not in the content, sorted by slug.
    pub cited: Vec<Cited>,
    /// Issuing bodies by slug.
    pub issuers: BTreeMap<String, Issuer>,
    /// Redirects: aliases, and the undated URL of dated pages.
    pub redirects: Vec<Redirect>,
    /// Documents some citation names without a date: their page may have
    /// lived at the undated URL before their date was known.
    pub cited_undated: std::collections::BTreeSet<Node>,
}

/// The URL segment of a document's identity: the number, the locality for
/// local series, and the year where the series restarts (every number without
/// a printed year): `73-cv-tu-phu-tho-2025`, `127-kl-tw-2025`, `30-2020-nd-cp`.
pub fn identity_slug(number: &Number, locality: Option<&str>, date: Option<Date>) -> String {
    let mut s = slugify(&number.canonical);
    if number.is_local() {
        if let Some(l) = locality {
            s.push('-');
            s.push_str(&slugify(l));
        }
    }
    if number.printed_year().is_none() {
        if let Some(d) = date {
            s.push_str(&format!("-{}", d.year));
        }
    }
    s
}

/// The identity of a document for duplicate detection: number, locality for
/// local series, and the period of the series (the date for Party numbers,
/// numbered per term; the year for State numbers without a printed year).
fn identity<'a>(number: &'a Number, locality_key: Option<&'a str>, date: Option<Date>) -> Identity<'a> {
    let loc = if number.is_local() {
        locality_key.unwrap_or("")
    } else {
        ""
    };
    let period = match number.shape {
        Shape::StateYear(_) => None,
        Shape::State => date.map(|d| (d.year, 0, 0)),
        Shape::Party => date.map(|d| (d.year, d.month, d.day)),
    };
    (number.key(), loc, period)
}

/// Number key, locality key, period.
type Identity<'a> = (&'a str, &'a str, Option<(i32, u32, u32)>);

impl Index {
    /// The URL path (site-relative, with leading and trailing `/`) of a node.
    pub fn url(&self, node: Node) -> String {
        let slug = match node {
            Node::Doc(i) => &self.docs[i].slug,
            Node::Cited(i) => &self.cited[i].slug,
        };
        ["/van-ban/", slug, "/"].concat()
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

/// Builds the graph. Errors (duplicate identity, URL collisions) and
/// warnings (ambiguous references) are returned beside it.
pub fn build(documents: Vec<Document>, config: &Config) -> (Index, Vec<Diagnostic>) {
    let (index, diags, _) = build_keeping_duplicates(documents.into_iter().map(Arc::new).collect(), config);
    (index, diags)
}

/// [`build`], also returning the documents left out as duplicates (their
/// text is what the duplicate errors point into).
pub fn build_keeping_duplicates(
    documents: Vec<Arc<Document>>,
    config: &Config,
) -> (Index, Vec<Diagnostic>, Vec<Arc<Document>>) {
    let mut diags = Vec::new();
    let mut index = Index::default();
    let mut dropped = Vec::new();

    // What each document alone decides (locality key, URL segment), in
    // parallel; each distinct issuing body is qualified once per build.
    let locality_keys: Vec<Option<String>> = documents.par_iter().map(|d| d.locality.as_deref().map(key)).collect();
    let slugs: Vec<String> = documents
        .par_iter()
        .map(|doc| match &doc.slug {
            Some((s, _)) => s.clone(),
            None => identity_slug(&doc.number, doc.locality.as_deref(), doc.date),
        })
        .collect();
    let mut bodies: FxHashMap<(&str, Option<&str>, bool), (String, String)> = FxHashMap::default();
    for doc in &documents {
        for name in &doc.issuers {
            let k = (name.as_str(), doc.locality.as_deref(), doc.number.is_local());
            bodies.entry(k).or_insert_with(|| {
                let full = qualified_issuer(name, &doc.number, doc.locality.as_deref(), config);
                let slug = slugify(&full);
                (full, slug)
            });
        }
    }

    // Duplicate identities; document nodes with their slugs and issuers.
    let mut seen: FxHashMap<Identity, usize> = FxHashMap::with_capacity_and_hasher(documents.len(), Default::default());
    let mut kept: Vec<(usize, String)> = Vec::with_capacity(documents.len());
    for (i, (doc, slug)) in documents.iter().zip(slugs).enumerate() {
        let id = identity(&doc.number, locality_keys[i].as_deref(), doc.date);
        if let Some(&first) = seen.get(&id) {
            let other: &Document = &documents[first];
            diags.push(
                Diagnostic::error("E-DUP", format!("văn bản `{}` trùng với văn bản ở `{}`", doc.number.canonical, other.file))
                    .at(&doc.file, doc.number_span.clone())
                    .label("cùng số, cùng địa phương, cùng thời kỳ")
                    .hint(format!(
                        "mỗi văn bản chỉ một tệp: xóa một trong hai tệp `{}` và `{}`, hoặc sửa `date`/`locality` nếu đây là hai văn bản khác nhau",
                        other.file, doc.file
                    )),
            );
            dropped.push(i);
            continue;
        }
        seen.insert(id, i);
        kept.push((i, slug));
    }
    let dropped_set: std::collections::HashSet<usize> = dropped.iter().copied().collect();
    let mut nodes_of: Vec<Vec<(String, String)>> = Vec::with_capacity(kept.len());
    for (i, _) in &kept {
        let doc = &documents[*i];
        nodes_of.push(
            doc.issuers
                .iter()
                .filter_map(|name| {
                    bodies
                        .get(&(name.as_str(), doc.locality.as_deref(), doc.number.is_local()))
                        .cloned()
                })
                .collect(),
        );
    }
    drop(seen);
    drop(bodies);
    // The locality keys of the kept documents, in node order, for resolving.
    let mut locality_keys = locality_keys;
    let node_locality_keys: Vec<Option<String>> = kept
        .iter()
        .map(|(i, _)| std::mem::take(&mut locality_keys[*i]))
        .collect();
    let mut dropped_docs = Vec::new();
    let mut kept = kept.into_iter().zip(nodes_of);
    for (i, doc) in documents.into_iter().enumerate() {
        if dropped_set.contains(&i) {
            dropped_docs.push(doc);
            continue;
        }
        let Some(((_, slug), issuers)) = kept.next() else { break };
        let mut keys: Vec<String> = Vec::new();
        for (name, slug) in issuers {
            if !index.issuers.contains_key(&slug) {
                index.issuers.insert(
                    slug.clone(),
                    Issuer {
                        name,
                        slug: slug.clone(),
                        nodes: Vec::new(),
                    },
                );
            }
            if !keys.contains(&slug) {
                keys.push(slug);
            }
        }
        index.docs.push(DocNode {
            doc,
            slug,
            issuers: keys,
            references: Vec::new(),
            cited_by: Vec::new(),
            standing: Standing::default(),
        });
    }

    resolve(&mut index, &node_locality_keys, config, &mut diags);
    check_urls(&mut index, &mut diags);

    // Backlinks and issuer listings, sorted.
    for i in 0..index.docs.len() {
        let targets: Vec<(Node, Relation)> = index.docs[i]
            .references
            .iter()
            .filter_map(|r| match r.target {
                Target::Node(n) => Some((n, r.relation)),
                Target::Ambiguous => None,
            })
            .collect();
        for (n, relation) in targets {
            match n {
                Node::Doc(j) => index.docs[j].cited_by.push((i, relation)),
                Node::Cited(j) => index.cited[j].cited_by.push((i, relation)),
            }
        }
    }
    let order = |index: &Index, list: &mut Vec<(usize, Relation)>| {
        list.sort_by_key(|(i, _)| {
            let d = &index.docs[*i].doc;
            (d.date.is_none(), d.date, d.number.key(), *i)
        });
        list.dedup_by_key(|(i, _)| *i);
    };
    // Taken out, sorted in parallel against the index, put back.
    let mut doc_lists: Vec<Vec<(usize, Relation)>> =
        index.docs.iter_mut().map(|d| std::mem::take(&mut d.cited_by)).collect();
    let mut cited_lists: Vec<Vec<(usize, Relation)>> = index
        .cited
        .iter_mut()
        .map(|c| std::mem::take(&mut c.cited_by))
        .collect();
    doc_lists
        .par_iter_mut()
        .chain(cited_lists.par_iter_mut())
        .for_each(|list| order(&index, list));
    for (d, list) in index.docs.iter_mut().zip(doc_lists) {
        d.cited_by = list;
    }
    for (c, list) in index.cited.iter_mut().zip(cited_lists) {
        c.cited_by = list;
    }
    standings(&mut index, &mut diags);
    let mut listing: BTreeMap<String, Vec<Node>> = BTreeMap::new();
    for (i, d) in index.docs.iter().enumerate() {
        for k in &d.issuers {
            listing.entry(k.clone()).or_default().push(Node::Doc(i));
        }
    }
    for (i, c) in index.cited.iter().enumerate() {
        for k in &c.issuer_keys {
            listing.entry(k.clone()).or_default().push(Node::Cited(i));
        }
    }
    let mut listing: Vec<(String, Vec<Node>)> = listing.into_iter().collect();
    listing
        .par_iter_mut()
        .for_each(|(_, nodes)| nodes.sort_by_key(|n| index.newest_first(*n)));
    for (k, nodes) in listing {
        if let Some(issuer) = index.issuers.get_mut(&k) {
            issuer.nodes = nodes;
        }
    }
    (index, diags, dropped_docs)
}

/// Each document's standing from the documents of the site that replace,
/// repeal or amend it in their own voice. A status in front matter wins; a
/// contradiction with the graph is a warning. A news report has none.
fn standings(index: &mut Index, diags: &mut Vec<Diagnostic>) {
    use crate::load::Status;
    for i in 0..index.docs.len() {
        let by = |r: Relation| -> Vec<usize> {
            index.docs[i]
                .cited_by
                .iter()
                .filter(|(j, rel)| *rel == r && *j != i)
                .map(|(j, _)| *j)
                .collect()
        };
        let (replaced_by, repealed_by, amended_by) =
            (by(Relation::Replaces), by(Relation::Repeals), by(Relation::Amends));
        let doc = &index.docs[i].doc;
        let graph = if !replaced_by.is_empty() {
            Status::Replaced
        } else if !repealed_by.is_empty() {
            Status::Repealed
        } else {
            Status::InForce
        };
        let status = if doc.status_declared { doc.status } else { graph };
        if doc.status_declared && graph != Status::InForce && doc.status == Status::InForce {
            diags.push(
                Diagnostic::warning(
                    "W-STATUS",
                    format!(
                        "`status: in-force`, nhưng văn bản `{}` {} văn bản này",
                        index.docs[replaced_by.first().or(repealed_by.first()).copied().unwrap_or(i)]
                            .doc
                            .number
                            .canonical,
                        if graph == Status::Replaced {
                            "thay thế"
                        } else {
                            "bãi bỏ"
                        }
                    ),
                )
                .at(&doc.file, doc.number_span.clone())
                .hint("sửa `status` (replaced hoặc repealed) hoặc bỏ khóa này để vanban tự xác định"),
            );
        }
        index.docs[i].standing = Standing {
            status,
            report: doc.source_info.is_some(),
            replaced_by,
            repealed_by,
            amended_by,
        };
    }
}

/// The issuer's full name after `issuer_aliases` and the vocabulary's
/// forms (`Ban Bí thư Trung ương Đảng` -> Ban Bí thư), qualified by the
/// locality for a local series ("Ban Thường vụ Tỉnh ủy" -> "Ban Thường vụ
/// Tỉnh ủy Phú Thọ").
/// A body the vocabulary knows is qualified by its scope (a central body
/// never, a provincial one always); another by the number's series.
fn qualified_issuer(name: &str, number: &Number, locality: Option<&str>, config: &Config) -> String {
    let known = config.vocabulary.whole(name);
    let local = known.as_ref().map_or_else(
        || number.is_local(),
        |n| n.province.is_none() && config.vocabulary.body(n.body).scope != Scope::Central,
    );
    let name = config
        .issuer_aliases
        .get(&key(name))
        .cloned()
        .unwrap_or_else(|| known.map_or_else(|| name.to_string(), |n| n.name));
    match locality {
        Some(l) if local && !key(&name).contains(&key(l)) => format!("{name} {l}"),
        _ => name,
    }
}

/// The type word of a cited number when no mention says it: `QĐ` falls
/// back to Quyết định, an unknown code to the neutral "Văn bản".
fn type_from_code(number: &Number) -> String {
    match number.derived_type() {
        DerivedType::One(w) => w.to_string(),
        DerivedType::QuyetDinhOrQuyDinh => "Quyết định".to_string(),
        DerivedType::Unknown => "Văn bản".to_string(),
    }
}

/// A cited document's key: number key, locality key (local series), and
/// the period of its page (see [`period`]); `None` when not known.
type ExternalKey = (String, String, Option<Option<i32>>);

/// The period a cited page stands for: the year for numbers without a
/// printed year (their URL carries it), nothing for the others.
fn period(number: &Number, date: Option<Date>) -> Option<i32> {
    match number.printed_year() {
        Some(_) => None,
        None => date.map(|d| d.year),
    }
}

/// A period of a cited page and a date in it.
type PeriodDate = (Option<i32>, Date);

/// What one mention says of a cited document, and how sure it is.
struct Fact {
    /// 0: declared in front matter; 1: a mention with its own date and
    /// issuer; 2: any other mention.
    certainty: u8,
    date: Option<Date>,
    issuers: Vec<String>,
    file: String,
    span: Span,
}

fn certainty(c: &Citation) -> u8 {
    match (c.origin, c.date.is_some() && !c.issuers.is_empty()) {
        (crate::refs::Origin::FrontMatter, _) => 0,
        (_, true) => 1,
        _ => 2,
    }
}

/// A cited page's date and issuers from the most certain mention (front
/// matter, then a mention with its own date and issuer, then the earliest);
/// mentions that disagree are warnings naming each file and line, never
/// errors: they are inferred from running text.
fn choose_facts(node: &mut Cited, facts: &mut [Fact], diags: &mut Vec<Diagnostic>) {
    facts.sort_by_key(|f| (f.certainty, f.date.is_none(), f.date));
    node.date = facts.iter().find_map(|f| f.date);
    node.issuers = facts
        .iter()
        .find(|f| !f.issuers.is_empty())
        .map(|f| f.issuers.clone())
        .unwrap_or_default();
    let Some(chosen) = node.date else { return };
    for f in facts.iter().filter(|f| f.date.is_some_and(|d| d != chosen)) {
        diags.push(
            Diagnostic::warning(
                "W-CONFLICT",
                format!(
                    "`{}` được ghi ngày {}, nơi khác ghi ngày {chosen}; trang của văn bản dùng ngày {chosen}",
                    node.number.canonical,
                    f.date.map(|d| d.to_string()).unwrap_or_default()
                ),
            )
            .at(&f.file, f.span.clone())
            .hint("kiểm tra lại ngày của văn bản được dẫn chiếu; ghi `relations` trong front matter để chỉ rõ"),
        );
    }
}

/// One citation to resolve, with its citing document.
struct Pending<'a> {
    doc: usize,
    citation: &'a Citation,
    locality: Option<String>,
}

/// `locality_keys`: each document node's locality key.
fn resolve(index: &mut Index, locality_keys: &[Option<String>], config: &Config, diags: &mut Vec<Diagnostic>) {
    // The documents, held apart from the index being filled in, so that
    // citations are borrowed rather than copied.
    let docs: Vec<Arc<Document>> = index.docs.iter().map(|d| Arc::clone(&d.doc)).collect();
    // Candidates by number key.
    let mut by_number: FxHashMap<&str, Vec<usize>> =
        FxHashMap::with_capacity_and_hasher(docs.len(), Default::default());
    for (i, d) in docs.iter().enumerate() {
        by_number.entry(d.number.key()).or_default().push(i);
    }
    // Each citing document on its own, in parallel; gathered in order.
    type Found<'a> = (Vec<(Cow<'a, Citation>, Target)>, Vec<Pending<'a>>, Vec<Diagnostic>);
    let per_doc: Vec<Found> = (0..docs.len())
        .into_par_iter()
        .map(|i| {
            let citing = &docs[i];
            let (mut slot, mut external_i, mut diags_i) = (Vec::new(), Vec::new(), Vec::new());
            for c in &citing.citations {
                let locality = c.locality.clone().or_else(|| {
                    if c.number.is_local() {
                        citing.locality.clone()
                    } else {
                        None
                    }
                });
                let candidates: &[usize] = by_number.get(c.number.key()).map_or(&[], |v| v.as_slice());
                if candidates.contains(&i) && c.date.is_none_or(|d| Some(d) == citing.date) {
                    diags_i.push(
                        Diagnostic::warning(
                            "W-SELF",
                            format!("văn bản dẫn chiếu chính nó (`{}`); bỏ qua", c.number.canonical),
                        )
                        .at(&citing.file, c.span.clone())
                        .hint("xóa mục này khỏi `relations`"),
                    );
                    continue;
                }
                let locality_key = locality.as_deref().map(key);
                let mut fit: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&j| j != i)
                    .filter(|&j| !c.number.is_local() || locality.is_none() || locality_keys[j] == locality_key)
                    .collect();
                if let Some(date) = c.date {
                    let exact: Vec<usize> = fit.iter().copied().filter(|&j| docs[j].date == Some(date)).collect();
                    // Another date of the same period names the same page: the
                    // document's own date wins, and the editor is told.
                    let same_period: Vec<usize> = fit
                        .iter()
                        .copied()
                        .filter(|&j| {
                            docs[j]
                                .date
                                .is_some_and(|d| period(&c.number, Some(d)) == period(&c.number, Some(date)))
                        })
                        .collect();
                    fit = if !exact.is_empty() {
                        exact
                    } else if same_period.len() == 1 {
                        let other = &docs[same_period[0]];
                        diags_i.push(
                            Diagnostic::warning(
                                "W-CONFLICT",
                                format!(
                                    "`{}` được ghi ngày {date}, nhưng văn bản `{}` ghi ngày {}; dùng ngày của văn bản",
                                    c.number.canonical,
                                    other.file,
                                    other.date.map(|d| d.to_string()).unwrap_or_default()
                                ),
                            )
                            .at(&citing.file, c.span.clone())
                            .hint("kiểm tra lại ngày ghi trong câu dẫn chiếu"),
                        );
                        same_period
                    } else {
                        fit.into_iter().filter(|&j| docs[j].date.is_none()).collect()
                    };
                    if let Some(cd) = citing.date {
                        if date > cd {
                            diags_i.push(
                                Diagnostic::warning(
                                    "W-FUTURE",
                                    format!(
                                        "`{}` ngày {date} ban hành sau văn bản dẫn chiếu nó ({cd})",
                                        c.number.canonical
                                    ),
                                )
                                .at(&citing.file, c.span.clone())
                                .hint("kiểm tra lại ngày của hai văn bản"),
                            );
                        }
                    }
                } else {
                    // A year, a term, or a day and month narrow the candidates.
                    let keep = |j: &usize, f: &dyn Fn(Date) -> bool| docs[*j].date.is_some_and(f);
                    if let Some(y) = c.year {
                        fit.retain(|j| keep(j, &|d| d.year == y));
                    }
                    if let Some((a, b)) = c.term {
                        fit.retain(|j| keep(j, &|d| d.year >= a && d.year <= b));
                    }
                    if let Some((day, month)) = c.day_month {
                        fit.retain(|j| keep(j, &|d| d.day == day && d.month == month));
                    }
                    if let Some(cd) = citing.date {
                        fit.retain(|&j| docs[j].date.is_none_or(|d| d <= cd));
                    }
                }
                match fit.len() {
                    0 => external_i.push(Pending {
                        doc: i,
                        citation: c,
                        locality,
                    }),
                    1 => slot.push((Cow::Borrowed(c), Target::Node(Node::Doc(fit[0])))),
                    _ => {
                        let files: Vec<String> = fit.iter().map(|&j| docs[j].file.clone()).collect();
                        diags_i.push(
                            Diagnostic::warning(
                                "W-AMBIGUOUS",
                                format!(
                                    "`{}` khớp với {} văn bản; không tạo liên kết",
                                    c.number.canonical,
                                    fit.len()
                                ),
                            )
                            .at(&citing.file, c.span.clone())
                            .label("không rõ văn bản nào")
                            .hint(format!(
                                "ghi rõ `date` hoặc `locality` của văn bản được dẫn chiếu; các ứng viên: {}",
                                files.join(", ")
                            )),
                        );
                        slot.push((Cow::Borrowed(c), Target::Ambiguous));
                    }
                }
            }
            (slot, external_i, diags_i)
        })
        .collect();
    let mut external: Vec<Pending> = Vec::new();
    let mut resolved: Vec<Vec<(Cow<Citation>, Target)>> = Vec::with_capacity(docs.len());
    for (slot, ext, d) in per_doc {
        resolved.push(slot);
        external.extend(ext);
        diags.extend(d);
    }

    // Short forms: a unique document of the corpus with that type and number,
    // narrowed by the date, year and issuers the mention gives.
    for (i, slot) in resolved.iter_mut().enumerate() {
        let citing = &index.docs[i];
        for s in &citing.doc.shorts {
            let fit: Vec<usize> = (0..index.docs.len())
                .filter(|&j| j != i)
                .filter(|&j| {
                    let d = &index.docs[j].doc;
                    d.number.seq == s.seq
                        && crate::refs::words::word_fits(s.codes, &d.number)
                        && s.date.is_none_or(|x| d.date == Some(x))
                        && s.year.is_none_or(|y| d.date.is_some_and(|x| x.year == y))
                        && citing.doc.date.is_none_or(|cd| d.date.is_none_or(|x| x <= cd))
                        && (s.issuers.is_empty()
                            || s.issuers
                                .iter()
                                .any(|n| d.issuers.iter().any(|m| key(m).contains(&key(n)))))
                })
                .collect();
            // Type and number alone are not enough: a date, year or issuer must pin it.
            let pinned = s.date.is_some() || s.year.is_some() || !s.issuers.is_empty();
            if let ([j], true) = (&fit[..], pinned) {
                let j = *j;
                let other = &index.docs[j].doc;
                let c = Citation {
                    number: other.number.clone(),
                    text: s.text.clone(),
                    relation: s.relation,
                    date: s.date,
                    year: s.year,
                    day_month: None,
                    term: None,
                    issuers: s.issuers.clone(),
                    locality: None,
                    doc_type: Some(s.doc_type.clone()),
                    subject: None,
                    span: s.span.clone(),
                    origin: crate::refs::Origin::Text,
                };
                slot.push((Cow::Owned(c), Target::Node(Node::Doc(j))));
            } else {
                let why = if fit.is_empty() {
                    "không tìm thấy văn bản nào khớp trong hệ thống".to_string()
                } else if !pinned {
                    "không có ngày hay cơ quan ban hành để xác định văn bản".to_string()
                } else {
                    format!("khớp với {} văn bản", fit.len())
                };
                diags.push(
                    Diagnostic::warning("W-SHORT", format!("`{}` viết tắt, không có số ký hiệu đầy đủ: {why}; không tạo liên kết", s.text))
                        .at(&citing.doc.file, s.span.clone())
                        .hint("ghi số ký hiệu đầy đủ (ví dụ `Kết luận số 127-KL/TW`) ở lần nhắc đầu tiên, hoặc thêm ngày và cơ quan ban hành"),
                );
            }
        }
    }

    // External nodes: one per page, that is per (number, locality, period):
    // the year for numbers without a printed year, nothing else for those
    // with one. An undated mention joins the one dated node of its number
    // when there is exactly one that is not later than the citing document.
    let ext_key = |p: &Pending| {
        (
            p.citation.number.key().to_string(),
            if p.citation.number.is_local() {
                p.locality.as_deref().map(key).unwrap_or_default()
            } else {
                String::new()
            },
        )
    };
    // (number key, locality key) -> each period seen, with a date of it.
    let mut dated: BTreeMap<(String, String), Vec<PeriodDate>> = BTreeMap::new();
    for p in &external {
        if let Some(d) = p.citation.date {
            let list = dated.entry(ext_key(p)).or_default();
            let per = period(&p.citation.number, Some(d));
            if !list.iter().any(|(q, _)| *q == per) {
                list.push((per, d));
            }
        }
    }
    let mut nodes: BTreeMap<ExternalKey, Cited> = BTreeMap::new();
    // Every fact each node's mentions give, with its certainty, to choose from.
    let mut facts: BTreeMap<ExternalKey, Vec<Fact>> = BTreeMap::new();
    let mut assignments: Vec<(usize, &Citation, ExternalKey)> = Vec::new();
    for p in external {
        let (k, loc) = ext_key(&p);
        let citing_date = index.docs[p.doc].doc.date;
        let per = match p.citation.date {
            Some(d) => Some(period(&p.citation.number, Some(d))),
            None => {
                let options: Vec<Option<i32>> = dated
                    .get(&(k.clone(), loc.clone()))
                    .map(|v| {
                        v.iter()
                            .filter(|(_, d)| citing_date.is_none_or(|cd| *d <= cd))
                            .map(|(q, _)| *q)
                            .collect()
                    })
                    .unwrap_or_default();
                (options.len() == 1).then(|| options[0])
            }
        };
        let node_key = (k, loc, per);
        let c = &p.citation;
        let entry = nodes.entry(node_key.clone()).or_insert_with(|| Cited {
            number: c.number.clone(),
            doc_type: String::new(),
            date: None,
            issuers: Vec::new(),
            locality: if c.number.is_local() { p.locality.clone() } else { None },
            subject: None,
            slug: String::new(),
            issuer_keys: Vec::new(),
            cited_by: Vec::new(),
        });
        if entry.doc_type.is_empty() {
            entry.doc_type = c.doc_type.clone().unwrap_or_default();
        }
        if entry.subject.is_none() {
            entry.subject = c.subject.clone();
        }
        facts.entry(node_key.clone()).or_default().push(Fact {
            certainty: certainty(c),
            date: c.date,
            issuers: c.issuers.clone(),
            file: index.docs[p.doc].doc.file.clone(),
            span: c.span.clone(),
        });
        assignments.push((p.doc, p.citation, node_key));
    }
    for (node_key, list) in &mut facts {
        if let Some(node) = nodes.get_mut(node_key) {
            choose_facts(node, list, diags);
        }
    }
    let keys: Vec<_> = nodes.keys().cloned().collect();
    let mut cited: Vec<Cited> = nodes.into_values().collect();
    for c in &mut cited {
        if c.doc_type.is_empty() {
            c.doc_type = type_from_code(&c.number);
        }
        c.slug = identity_slug(&c.number, c.locality.as_deref(), c.date);
        let names: Vec<String> = c
            .issuers
            .iter()
            .map(|n| qualified_issuer(n, &c.number, c.locality.as_deref(), config))
            .collect();
        for name in names {
            let slug = slugify(&name);
            index.issuers.entry(slug.clone()).or_insert_with(|| Issuer {
                name,
                slug: slug.clone(),
                nodes: Vec::new(),
            });
            if !c.issuer_keys.contains(&slug) {
                c.issuer_keys.push(slug);
            }
        }
    }
    // Sort cited nodes by slug, keeping the key -> position map.
    let mut order: Vec<usize> = (0..cited.len()).collect();
    order.sort_by(|a, b| (&cited[*a].slug, &keys[*a]).cmp(&(&cited[*b].slug, &keys[*b])));
    let mut position = vec![0; cited.len()];
    for (pos, &old) in order.iter().enumerate() {
        position[old] = pos;
    }
    let key_pos: BTreeMap<_, usize> = keys
        .into_iter()
        .enumerate()
        .map(|(old, k)| (k, position[old]))
        .collect();
    let mut sorted: Vec<Option<Cited>> = cited.into_iter().map(Some).collect();
    index.cited = order.iter().filter_map(|&old| sorted[old].take()).collect();
    for (doc, citation, node_key) in assignments {
        if let Some(&pos) = key_pos.get(&node_key) {
            resolved[doc].push((Cow::Borrowed(citation), Target::Node(Node::Cited(pos))));
        }
    }

    // One reference per distinct target, strongest relation, first mention's
    // text; each citing document on its own, in parallel.
    for list in &mut resolved {
        list.sort_by_key(|(c, _)| c.span.start);
        for (c, t) in list.iter() {
            if let (Target::Node(n), None) = (t, c.date) {
                index.cited_undated.insert(*n);
            }
        }
    }
    let idx: &Index = index;
    let references: Vec<Vec<Reference>> = resolved.into_par_iter().map(|list| merge_mentions(idx, list)).collect();
    for (d, refs) in index.docs.iter_mut().zip(references) {
        d.references = refs;
    }
}

/// A citing document's mentions, in order, merged into one reference per
/// distinct target.
fn merge_mentions(index: &Index, list: Vec<(Cow<Citation>, Target)>) -> Vec<Reference> {
    let mut refs: Vec<Reference> = Vec::new();
    for (c, target) in list {
        let same = refs.iter_mut().find(|r| match (&r.target, &target) {
            (Target::Ambiguous, Target::Ambiguous) => r.number == c.number.canonical,
            (a, b) => a == b,
        });
        match same {
            Some(r) => {
                // A relation declared in front matter wins over what the text suggests.
                let declared = c.origin == crate::refs::Origin::FrontMatter;
                let stronger = (c.relation.rank(), c.relation) < (r.relation.rank(), r.relation);
                if (declared && !r.declared) || (stronger && declared == r.declared) {
                    r.relation = c.relation;
                }
                r.declared |= declared;
                r.date = r.date.or(c.date);
                r.mentions.push((c.span.clone(), c.relation, c.origin));
            }
            None => refs.push(Reference {
                declared: c.origin == crate::refs::Origin::FrontMatter,
                target,
                relation: c.relation,
                number: c.number.canonical.clone(),
                text: c.text.clone(),
                date: c.date,
                doc_type: c.doc_type.clone().unwrap_or_else(|| type_from_code(&c.number)),
                mentions: vec![(c.span.clone(), c.relation, c.origin)],
            }),
        }
    }
    for r in &mut refs {
        if let Target::Node(n) = r.target {
            r.date = r.date.or(index.date(n));
        }
    }
    refs
}

/// Every page URL must be unique; aliases must not shadow a page. Dated pages
/// also answer at their undated URL (`127-kl-tw` -> `127-kl-tw-2025`) when no
/// other page or redirect wants it, so that a cited page keeps its first URL
/// once its date is learned.
fn check_urls(index: &mut Index, diags: &mut Vec<Diagnostic>) {
    // Look-ups only: hashed.
    let mut owners: FxHashMap<String, Node> =
        FxHashMap::with_capacity_and_hasher(index.docs.len() + index.cited.len(), Default::default());
    let mut nodes: Vec<Node> = (0..index.docs.len()).map(Node::Doc).collect();
    nodes.extend((0..index.cited.len()).map(Node::Cited));
    for n in nodes {
        let url = index.url(n);
        if let Some(&prev) = owners.get(&url) {
            let (file, span) = match n {
                Node::Doc(i) => (
                    index.docs[i].doc.file.clone(),
                    index.docs[i]
                        .doc
                        .slug
                        .as_ref()
                        .map_or(index.docs[i].doc.number_span.clone(), |s| s.1.clone()),
                ),
                Node::Cited(i) => (
                    index.docs[index.cited[i].cited_by.first().map_or(0, |x| x.0)]
                        .doc
                        .file
                        .clone(),
                    0..0,
                ),
            };
            let prev_name = match prev {
                Node::Doc(j) => index.docs[j].doc.file.clone(),
                Node::Cited(j) => {
                    format!("văn bản được dẫn chiếu {}", index.cited[j].number.canonical)
                }
            };
            diags.push(
                Diagnostic::error("E-URL", format!("địa chỉ `{url}` trùng với {prev_name}"))
                    .at(&file, span)
                    .hint("đặt `slug` khác cho một trong hai văn bản"),
            );
            continue;
        }
        owners.insert(url, n);
    }
    let mut taken: FxHashMap<String, Node> = owners
        .iter()
        .map(|(u, n)| (u.trim_matches('/').to_string() + "/", *n))
        .collect();
    for (i, d) in index.docs.iter().enumerate() {
        for (alias, span) in &d.doc.aliases {
            if let Some(other) = taken.get(alias) {
                if *other != Node::Doc(i) {
                    diags.push(
                        Diagnostic::error(
                            "E-URL",
                            format!("`aliases`: `/{alias}` đã là địa chỉ của một trang khác"),
                        )
                        .at(&d.doc.file, span.clone())
                        .hint("chọn một đường dẫn cũ chưa được dùng"),
                    );
                }
                continue;
            }
            taken.insert(alias.clone(), Node::Doc(i));
            index.redirects.push(Redirect {
                from: alias.clone(),
                to: Node::Doc(i),
            });
        }
    }
    // Undated URLs of dated pages.
    let mut wanted: BTreeMap<String, Vec<Node>> = BTreeMap::new();
    let all: Vec<Node> = (0..index.docs.len())
        .map(Node::Doc)
        .chain((0..index.cited.len()).map(Node::Cited))
        .collect();
    for n in all {
        let (number, locality, date, custom) = match n {
            Node::Doc(i) => {
                let d = &index.docs[i].doc;
                (&d.number, d.locality.as_deref(), d.date, d.slug.is_some())
            }
            Node::Cited(i) => {
                let c = &index.cited[i];
                (&c.number, c.locality.as_deref(), c.date, false)
            }
        };
        // Cited pages may move when their date is learned; a document's page
        // only if a citation once named it without a date.
        let may_have_moved = matches!(n, Node::Cited(_)) || index.cited_undated.contains(&n);
        if custom || date.is_none() || number.printed_year().is_some() || !may_have_moved {
            continue;
        }
        let undated = format!("van-ban/{}/", identity_slug(number, locality, None));
        wanted.entry(undated).or_default().push(n);
    }
    for (from, list) in wanted {
        if list.len() == 1 && !taken.contains_key(&from) {
            taken.insert(from.clone(), list[0]);
            index.redirects.push(Redirect { from, to: list[0] });
        }
    }
    index.redirects.sort_by(|a, b| a.from.cmp(&b.from));
}

#[cfg(test)]
mod tests {
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
        assert_eq!(index.docs[0].cited_by, vec![(2, Relation::Implements)]);
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
        assert_eq!(index.docs[2].references[0].target, Target::Ambiguous);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "W-AMBIGUOUS");
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
            vec![(0, Relation::Cites), (1, Relation::Implements)]
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
