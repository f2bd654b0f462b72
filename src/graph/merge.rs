//! A citing document's references: its resolved mentions (documents,
//! ambiguous numbers, short forms, cited pages) in the order of the text,
//! merged into one reference per distinct target; and the pages it names
//! only without a date.

use super::facts::type_from_code;
use super::resolve::Resolved;
use super::*;
use rustc_hash::FxHashSet;

/// Document `i`'s references and the pages it names only without a date.
/// `position`: where each cited page is in `index.cited`.
pub(super) fn references_of(
    index: &Index,
    doc: &Document,
    r: &Resolved,
    position: &FxHashMap<super::identity::ExternalKey, usize>,
) -> (Vec<Reference>, Vec<Node>) {
    let mut list: Vec<(Cow<Citation>, Target)> = Vec::with_capacity(r.found.len() + r.shorts.len() + r.pending.len());
    for (k, t) in &r.found {
        list.push((Cow::Borrowed(&doc.citations[*k]), t.clone()));
    }
    for (c, t) in &r.shorts {
        list.push((Cow::Borrowed(c), t.clone()));
    }
    for (p, page) in r.pending.iter().zip(&r.pages) {
        if let Some(&pos) = position.get(page) {
            list.push((Cow::Borrowed(&doc.citations[p.cit]), Target::Node(Node::Cited(pos))));
        }
    }
    list.sort_by_key(|(c, _)| c.span.start);
    let undated = note_undated(&list);
    (merge_mentions(index, list), undated)
}

/// The pages this citing document names only without a date (a relation
/// in front matter `cites: [127-KL/TW]`, "Kết luận số 127-KL/TW" in the
/// text), once each. A page the same document also names with its date is
/// not noted: wherever this document is, the date is known, so the page
/// never lived at its undated URL because of it.
fn note_undated(list: &[(Cow<Citation>, Target)]) -> Vec<Node> {
    let dated: FxHashSet<Node> = list
        .iter()
        .filter_map(|(c, t)| match t {
            Target::Node(n) if c.date.is_some() => Some(*n),
            _ => None,
        })
        .collect();
    let mut undated = Vec::new();
    for (c, t) in list {
        if let (Target::Node(n), None) = (t, c.date) {
            if !dated.contains(n) && !undated.contains(n) {
                undated.push(*n);
            }
        }
    }
    undated
}

/// A citing document's mentions, in order, merged into one reference per
/// distinct target.
fn merge_mentions(index: &Index, list: Vec<(Cow<Citation>, Target)>) -> Vec<Reference> {
    let mut refs: Vec<Reference> = Vec::new();
    for (c, target) in list {
        let same = refs.iter_mut().find(|r| match (&r.target, &target) {
            (Target::Ambiguous(_), Target::Ambiguous(_)) => r.number == c.number.canonical,
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
                r.mentions.push(Mention {
                    span: c.span.clone(),
                    relation: c.relation,
                    origin: c.origin,
                });
            }
            None => refs.push(Reference {
                declared: c.origin == crate::refs::Origin::FrontMatter,
                target,
                relation: c.relation,
                number: c.number.canonical.clone(),
                text: c.text.clone(),
                date: c.date,
                doc_type: c.doc_type.clone().unwrap_or_else(|| type_from_code(&c.number)),
                mentions: vec![Mention {
                    span: c.span.clone(),
                    relation: c.relation,
                    origin: c.origin,
                }],
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
