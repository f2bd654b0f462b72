//! Cited pages: documents known only from citations. The citations left
//! unresolved fall into groups by number and locality (local series); each
//! group makes its pages on its own, one per period, with the facts of the
//! most certain mention, so that an edit makes again only the groups its
//! citations were or are in. The pages of all groups are sorted by slug.

use super::facts::{certainty, choose_facts, qualified_issuer, type_from_code, Fact};
use super::identity::{cited_slug, period, ExternalKey, PeriodDate};
use super::resolve::{Pending, Resolved};
use super::*;

/// A group of cited pages: number key, and locality key for local series.
pub(super) type GroupKey = (String, String);

/// The group of a pending citation.
pub(super) fn group_key(c: &Citation, p: &Pending) -> GroupKey {
    (
        c.number.key().to_string(),
        if p.local {
            p.locality.as_deref().map(key).unwrap_or_default()
        } else {
            String::new()
        },
    )
}

/// One pending citation of a group: the citing document's node and
/// document, the citation, and how it is read.
pub(super) struct Entry<'a> {
    pub(super) doc: usize,
    /// Which of the document's pending citations.
    pub(super) at: usize,
    pub(super) citing: &'a Document,
    pub(super) citation: &'a Citation,
    pub(super) pending: &'a Pending,
}

/// What a group makes: its pages by key (not yet finished: see
/// [`finish`]), the page of each entry, and the warnings of its facts.
#[derive(Debug, Clone, Default)]
pub(super) struct Made {
    pub(super) nodes: BTreeMap<ExternalKey, Cited>,
    pub(super) pages: Vec<ExternalKey>,
    pub(super) diags: Vec<Diagnostic>,
}

/// The pages of one group, from its entries in node order then citation
/// order: one per period (the year for numbers without a printed year,
/// nothing else for those with one). An undated mention joins the one
/// dated page of its group that is not later than the citing document.
pub(super) fn make_group(entries: &[Entry]) -> Made {
    // Each period seen, with a date of it.
    let mut dated: Vec<PeriodDate> = Vec::new();
    for e in entries {
        if let Some(d) = e.citation.date {
            let per = period(&e.citation.number, Some(d));
            if !dated.iter().any(|(q, _)| *q == per) {
                dated.push((per, d));
            }
        }
    }
    let mut made = Made::default();
    // Every fact each page's mentions give, with its certainty, to choose from.
    let mut facts: BTreeMap<ExternalKey, Vec<Fact>> = BTreeMap::new();
    for e in entries {
        let c = e.citation;
        let (k, loc) = group_key(c, e.pending);
        let citing_date = e.citing.date;
        let per = match c.date {
            Some(d) => Some(period(&c.number, Some(d))),
            None => {
                let options: Vec<Option<i32>> = dated
                    .iter()
                    .filter(|(_, d)| citing_date.is_none_or(|cd| *d <= cd))
                    .map(|(q, _)| *q)
                    .collect();
                (options.len() == 1).then(|| options[0])
            }
        };
        let node_key = (k, loc, per);
        let entry = made.nodes.entry(node_key.clone()).or_insert_with(|| Cited {
            number: c.number.clone(),
            doc_type: String::new(),
            date: None,
            issuers: Vec::new(),
            locality: if e.pending.local {
                e.pending.locality.clone()
            } else {
                None
            },
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
            file: e.citing.file.clone(),
            span: c.span.clone(),
        });
        made.pages.push(node_key);
    }
    for (node_key, list) in &mut facts {
        if let Some(node) = made.nodes.get_mut(node_key) {
            choose_facts(node, list, &mut made.diags);
        }
    }
    made
}

/// A page made by its group, finished: its type word, slug and issuers
/// qualified (name and slug of each, in order).
pub(super) fn finish(c: &mut Cited, config: &Config) -> Vec<(String, String)> {
    if c.doc_type.is_empty() {
        c.doc_type = type_from_code(&c.number);
    }
    c.slug = cited_slug(&c.number, c.locality.as_deref(), c.date);
    let names: Vec<(String, String)> = c
        .issuers
        .iter()
        .map(|n| {
            let name = qualified_issuer(n, &c.number, c.locality.as_deref(), config);
            let slug = slugify(&name);
            (name, slug)
        })
        .collect();
    c.issuer_keys.clear();
    for (_, slug) in &names {
        if !c.issuer_keys.contains(slug) {
            c.issuer_keys.push(slug.clone());
        }
    }
    names
}

/// The pending citations of every document, by group, in node order.
pub(super) fn groups_of<'a>(docs: &'a [Arc<Document>], resolved: &'a [Resolved]) -> BTreeMap<GroupKey, Vec<Entry<'a>>> {
    let mut groups: BTreeMap<GroupKey, Vec<Entry>> = BTreeMap::new();
    for (i, r) in resolved.iter().enumerate() {
        for (at, p) in r.pending.iter().enumerate() {
            let c = &docs[i].citations[p.cit];
            groups.entry(group_key(c, p)).or_default().push(Entry {
                doc: i,
                at,
                citing: &docs[i],
                citation: c,
                pending: p,
            });
        }
    }
    groups
}
