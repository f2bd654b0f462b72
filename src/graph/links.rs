//! What follows from the references: each node's backlinks, each
//! document's standing, each issuer's listing. Made whole by a build, and
//! patched for the nodes an edit touched.

use super::facts::{qualified_issuer, standing_of};
use super::identity::ExternalKey;
use super::*;
use rustc_hash::FxHashSet;

/// The order of a node's backlinks: by the citing document's date
/// (undated last), then number, then node.
fn backlink_order(index: &Index, list: &mut Vec<Backlink>) {
    list.sort_by_key(|b| {
        let d = &index.docs[b.doc].doc;
        (d.date.is_none(), d.date, d.number.key(), b.doc)
    });
    list.dedup_by_key(|b| b.doc);
}

/// The nodes a document's references lead to, with their relation.
fn targets(d: &DocNode) -> impl Iterator<Item = (Node, Relation)> + '_ {
    d.references.iter().filter_map(|r| match r.target {
        Target::Node(n) => Some((n, r.relation)),
        Target::Ambiguous(_) => None,
    })
}

/// Each document's and cited document's backlinks: the documents citing
/// it, with their relation, sorted by date then number, one per document.
pub(super) fn backlinks(index: &mut Index) {
    let mut doc_lists: Vec<Vec<Backlink>> = vec![Vec::new(); index.docs.len()];
    let mut cited_lists: Vec<Vec<Backlink>> = vec![Vec::new(); index.cited.len()];
    for (i, d) in index.docs.iter().enumerate() {
        for (n, relation) in targets(d) {
            match n {
                Node::Doc(j) => doc_lists[j].push(Backlink { doc: i, relation }),
                Node::Cited(j) => cited_lists[j].push(Backlink { doc: i, relation }),
            }
        }
    }
    // Sorted in parallel against the index, then put in.
    let idx: &Index = index;
    doc_lists
        .par_iter_mut()
        .chain(cited_lists.par_iter_mut())
        .for_each(|list| backlink_order(idx, list));
    for (d, list) in index.docs.iter_mut().zip(doc_lists) {
        Arc::make_mut(d).cited_by = list;
    }
    for (c, list) in index.cited.iter_mut().zip(cited_lists) {
        Arc::make_mut(c).cited_by = list;
    }
}

/// The backlinks of the `touched` nodes again, after the documents
/// `citing` changed (theirs taken out, their references' put in); returns
/// the nodes whose backlinks changed.
pub(super) fn patch_backlinks(index: &mut Index, touched: &BTreeSet<Node>, citing: &FxHashSet<usize>) -> Vec<Node> {
    let mut fresh: FxHashMap<Node, Vec<Backlink>> = FxHashMap::default();
    for &i in citing {
        for (n, relation) in targets(&index.docs[i]) {
            fresh.entry(n).or_default().push(Backlink { doc: i, relation });
        }
    }
    let mut changed = Vec::new();
    for &n in touched {
        let mut list: Vec<Backlink> = index
            .cited_by(n)
            .iter()
            .filter(|b| !citing.contains(&b.doc))
            .copied()
            .collect();
        list.extend(fresh.remove(&n).unwrap_or_default());
        backlink_order(index, &mut list);
        if list != index.cited_by(n) {
            match n {
                Node::Doc(j) => Arc::make_mut(&mut index.docs[j]).cited_by = list,
                Node::Cited(j) => Arc::make_mut(&mut index.cited[j]).cited_by = list,
            }
            changed.push(n);
        }
    }
    changed
}

/// Every document's standing; the warnings of contradicted statuses, by node.
pub(super) fn standings(index: &mut Index) -> Vec<Option<Diagnostic>> {
    let made: Vec<(Standing, Option<Diagnostic>)> = (0..index.docs.len()).map(|i| standing_of(index, i)).collect();
    let mut warnings = Vec::with_capacity(made.len());
    for (d, (standing, warning)) in index.docs.iter_mut().zip(made) {
        if d.standing != standing {
            Arc::make_mut(d).standing = standing;
        }
        warnings.push(warning);
    }
    warnings
}

/// Each issuer's documents and cited documents, newest first.
pub(super) fn issuer_listings(index: &mut Index) {
    let mut listing: BTreeMap<String, Vec<Node>> = BTreeMap::new();
    for n in index.nodes() {
        for k in index.issuer_keys(n) {
            listing.entry(k.clone()).or_default().push(n);
        }
    }
    let mut listing: Vec<(String, Vec<Node>)> = listing.into_iter().collect();
    listing
        .par_iter_mut()
        .for_each(|(_, nodes)| nodes.sort_by_key(|n| (index.newest_first(*n), *n)));
    for (k, nodes) in listing {
        if let Some(issuer) = index.issuers.get_mut(&k) {
            issuer.nodes = nodes;
        }
    }
}

/// The issuers of a document: each name qualified, with its slug, in order.
pub(super) fn doc_issuers(doc: &Document, config: &Config) -> Vec<(String, String)> {
    doc.issuers
        .iter()
        .map(|name| {
            let full = qualified_issuer(name, &doc.number, doc.locality.as_deref(), config);
            let slug = slugify(&full);
            (full, slug)
        })
        .collect()
}

/// The issuer `slug` again after an edit: its nodes (those it had that
/// still name it, and the `changed` nodes that now do), newest first, and
/// its name as a whole build gives it (from its first document in node
/// order, else from its cited document of the smallest key); gone when no
/// node names it.
pub(super) fn relist(index: &mut Index, slug: &str, changed: &[Node], cited_keys: &[ExternalKey], config: &Config) {
    let has = |index: &Index, n: Node| index.issuer_keys(n).iter().any(|k| k == slug);
    let mut nodes: Vec<Node> = index
        .issuers
        .get(slug)
        .map(|i| i.nodes.iter().copied().filter(|&n| has(index, n)).collect())
        .unwrap_or_default();
    for &n in changed {
        if has(index, n) && !nodes.contains(&n) {
            nodes.push(n);
        }
    }
    nodes.sort_by_key(|n| (index.newest_first(*n), *n));
    let first_doc = nodes.iter().filter_map(|n| match n {
        Node::Doc(i) => Some(*i),
        Node::Cited(_) => None,
    });
    let name = match first_doc.min() {
        Some(i) => doc_issuers(&index.docs[i].doc, config)
            .into_iter()
            .find(|(_, s)| s == slug),
        None => nodes
            .iter()
            .filter_map(|n| match n {
                Node::Cited(j) => Some(*j),
                Node::Doc(_) => None,
            })
            .min_by_key(|&j| &cited_keys[j])
            .and_then(|j| {
                let c = &index.cited[j];
                c.issuers
                    .iter()
                    .map(|n| qualified_issuer(n, &c.number, c.locality.as_deref(), config))
                    .find(|name| slugify(name) == slug)
                    .map(|name| (name, slug.to_string()))
            }),
    };
    match name {
        Some((name, _)) if !nodes.is_empty() => {
            index.issuers.insert(
                slug.to_string(),
                Issuer {
                    name,
                    slug: slug.to_string(),
                    nodes,
                },
            );
        }
        _ => {
            index.issuers.remove(slug);
        }
    }
}
