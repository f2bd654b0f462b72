//! Resolution: each citation to one document of the site, to a cited
//! document's page, or to nothing (ambiguous), in the citing document's
//! context; short forms; merged references.

use super::facts::{certainty, choose_facts, type_from_code, Fact};
use super::identity::{cited_slug, period, ExternalKey, PeriodDate};
use super::*;
use rustc_hash::FxHashSet;

/// One citation to resolve, with its citing document.
pub(super) struct Pending<'a> {
    pub(super) doc: usize,
    pub(super) citation: &'a Citation,
    pub(super) locality: Option<String>,
    /// Of a local series: its number repeats in every province.
    pub(super) local: bool,
}

/// Whether a citation's number is of a local series: by its codes (`/TU`,
/// `-UBND`, `-S…`), or because the body the mention names is a province's
/// or below ("Tờ trình số 215/TTr-VPUB … của Văn phòng Ủy ban nhân dân
/// tỉnh": every province's office numbers its own), unless the number
/// carries a central body's code.
fn local_series(c: &Citation, vocabulary: &crate::refs::issuers::Vocabulary) -> bool {
    // The issuer code a number carries (after its type code): a central
    // body's (`15/TB-VPCP`, `05-CV/BTCTW`) is never made local by a body
    // the mention names.
    let central = c
        .number
        .codes
        .iter()
        .skip(1)
        .any(|code| vocabulary.is_central_code(code));
    c.number.is_local()
        || (!central
            && !c.issuers.is_empty()
            && c.issuers.iter().all(|n| {
                vocabulary
                    .whole(n)
                    .is_some_and(|k| vocabulary.body(k.body).scope != Scope::Central)
            }))
}

/// What resolving one citing document gives: its resolved mentions, the
/// citations left for cited pages, and its warnings.
type Found<'a> = (Vec<(Cow<'a, Citation>, Target)>, Vec<Pending<'a>>, Vec<Diagnostic>);

/// `locality_keys`: each document node's locality key.
pub(super) fn resolve(
    index: &mut Index,
    locality_keys: &[Option<String>],
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) {
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
    let per_doc: Vec<Found> = (0..docs.len())
        .into_par_iter()
        .map(|i| resolve_document(i, &docs, &by_number, locality_keys, &config.vocabulary))
        .collect();
    let mut external: Vec<Pending> = Vec::new();
    let mut resolved: Vec<Vec<(Cow<Citation>, Target)>> = Vec::with_capacity(docs.len());
    for (slot, ext, d) in per_doc {
        resolved.push(slot);
        external.extend(ext);
        diags.extend(d);
    }
    resolve_shorts(index, &mut resolved, diags);
    let assignments = cited_nodes(index, external, config, diags);
    for (doc, citation, pos) in assignments {
        resolved[doc].push((Cow::Borrowed(citation), Target::Node(Node::Cited(pos))));
    }
    merge_references(index, resolved);
}

/// The citations of document `i`: each to one document of the site, to
/// several (ambiguous, warned), or left for a cited page.
fn resolve_document<'a>(
    i: usize,
    docs: &'a [Arc<Document>],
    by_number: &FxHashMap<&str, Vec<usize>>,
    locality_keys: &[Option<String>],
    vocabulary: &crate::refs::issuers::Vocabulary,
) -> Found<'a> {
    let citing = &docs[i];
    let (mut slot, mut external_i, mut diags_i) = (Vec::new(), Vec::new(), Vec::new());
    for c in &citing.citations {
        let local = local_series(c, vocabulary);
        let locality = c.locality.clone().or_else(|| {
            if local && !issuer_elsewhere(c, citing.locality.as_deref(), citing.date) {
                citing.locality.clone()
            } else {
                None
            }
        });
        let candidates: &[usize] = by_number.get(c.number.key()).map_or(&[], |v| v.as_slice());
        if candidates.contains(&i) && c.date.is_none_or(|d| Some(d) == citing.date) {
            diags_i.push(
                Diagnostic::warning(
                    crate::diag::Code::SelfCitation,
                    format!("văn bản dẫn chiếu chính nó (`{}`); bỏ qua", c.number.canonical),
                )
                .at(&citing.file, c.span.clone())
                .hint("xóa mục này khỏi `relations`"),
            );
            continue;
        }
        let locality_key = locality.as_deref().map(key);
        let fit: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&j| j != i)
            .filter(|&j| !local || locality.is_none() || locality_keys[j] == locality_key)
            .collect();
        let fit = match c.date {
            Some(date) => narrow_by_date(c, date, fit, docs, citing, &mut diags_i),
            None => narrow_undated(c, fit, docs, citing),
        };
        match fit.len() {
            0 => external_i.push(Pending {
                doc: i,
                citation: c,
                locality,
                local,
            }),
            1 => slot.push((Cow::Borrowed(c), Target::Node(Node::Doc(fit[0])))),
            _ => {
                diags_i.push(ambiguous(c, &fit, docs, citing));
                slot.push((Cow::Borrowed(c), Target::Ambiguous(fit)));
            }
        }
    }
    (slot, external_i, diags_i)
}

/// Whether the issuer a citation names cannot be of the citing document's
/// locality: a provincial body (`Tỉnh ủy`, `Ủy ban nhân dân tỉnh`) named in
/// a document of a centrally run city. Its number is then not the city's.
fn issuer_elsewhere(c: &Citation, locality: Option<&str>, date: Option<Date>) -> bool {
    let Some(locality) = locality.map(key) else {
        return false;
    };
    // An undated document of a city that once was a province may be of then.
    let city = crate::refs::bodies::CITIES
        .iter()
        .any(|(x, since)| key(x) == locality && (*since == 0 || date.is_some_and(|d| d.year >= *since)));
    city && c.issuers.iter().any(|i| {
        let folded = crate::source::fold(i);
        folded
            .split(|ch: char| !ch.is_ascii_alphanumeric())
            .any(|w| w == "tinh")
            && !folded.contains(&crate::source::fold(&locality))
    })
}

/// The candidates a dated citation names: the one of that date; else the
/// one of that period (its own date wins, with a warning); else undated ones.
fn narrow_by_date(
    c: &Citation,
    date: Date,
    fit: Vec<usize>,
    docs: &[Arc<Document>],
    citing: &Document,
    diags_i: &mut Vec<Diagnostic>,
) -> Vec<usize> {
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
    let fit = if !exact.is_empty() {
        exact
    } else if same_period.len() == 1 {
        let other = &docs[same_period[0]];
        diags_i.push(
            Diagnostic::warning(
                crate::diag::Code::Conflict,
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
                    crate::diag::Code::Future,
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
    fit
}

/// The candidates an undated citation names: a year, a term, or a day and
/// month narrow them, and none is issued after the citing document.
fn narrow_undated(c: &Citation, mut fit: Vec<usize>, docs: &[Arc<Document>], citing: &Document) -> Vec<usize> {
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
    fit
}

/// The warning for a citation that fits several documents.
fn ambiguous(c: &Citation, fit: &[usize], docs: &[Arc<Document>], citing: &Document) -> Diagnostic {
    let files: Vec<String> = fit.iter().map(|&j| docs[j].file.clone()).collect();
    Diagnostic::warning(
        crate::diag::Code::Ambiguous,
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
    ))
}

/// Short forms: a unique document of the corpus with that type and number,
/// narrowed by the date, year and issuers the mention gives; else a warning.
fn resolve_shorts(index: &Index, resolved: &mut [Vec<(Cow<Citation>, Target)>], diags: &mut Vec<Diagnostic>) {
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
                    Diagnostic::warning(crate::diag::Code::Short, format!("`{}` viết tắt, không có số ký hiệu đầy đủ: {why}; không tạo liên kết", s.text))
                        .at(&citing.doc.file, s.span.clone())
                        .hint("ghi số ký hiệu đầy đủ (ví dụ `Kết luận số 127-KL/TW`) ở lần nhắc đầu tiên, hoặc thêm ngày và cơ quan ban hành"),
                );
            }
        }
    }
}

/// The cited pages: one per (number, locality, period), with the facts of
/// its most certain mention and its issuers qualified; sorted by slug into
/// `index.cited`. Returns each pending citation with its page's position.
fn cited_nodes<'a>(
    index: &mut Index,
    external: Vec<Pending<'a>>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(usize, &'a Citation, usize)> {
    // External nodes: one per page, that is per (number, locality, period):
    // the year for numbers without a printed year, nothing else for those
    // with one. An undated mention joins the one dated node of its number
    // when there is exactly one that is not later than the citing document.
    let ext_key = |p: &Pending| {
        (
            p.citation.number.key().to_string(),
            if p.local {
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
            locality: if p.local { p.locality.clone() } else { None },
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
    let key_pos = place_cited(index, nodes, config);
    assignments
        .into_iter()
        .filter_map(|(doc, citation, node_key)| key_pos.get(&node_key).map(|&pos| (doc, citation, pos)))
        .collect()
}

/// The cited pages with their type, slug and qualified issuers, sorted by
/// slug into `index.cited`; where each node key went.
fn place_cited(
    index: &mut Index,
    nodes: BTreeMap<ExternalKey, Cited>,
    config: &Config,
) -> BTreeMap<ExternalKey, usize> {
    let keys: Vec<_> = nodes.keys().cloned().collect();
    let mut cited: Vec<Cited> = nodes.into_values().collect();
    for c in &mut cited {
        if c.doc_type.is_empty() {
            c.doc_type = type_from_code(&c.number);
        }
        c.slug = cited_slug(&c.number, c.locality.as_deref(), c.date);
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
    key_pos
}

/// One reference per distinct target, strongest relation, first mention's
/// text; each citing document on its own, in parallel.
fn merge_references(index: &mut Index, mut resolved: Vec<Vec<(Cow<Citation>, Target)>>) {
    for list in &mut resolved {
        list.sort_by_key(|(c, _)| c.span.start);
        note_undated(&mut index.cited_undated, list);
    }
    let idx: &Index = index;
    let references: Vec<Vec<Reference>> = resolved.into_par_iter().map(|list| merge_mentions(idx, list)).collect();
    for (d, refs) in index.docs.iter_mut().zip(references) {
        d.references = refs;
    }
}

/// Notes the pages this citing document names only without a date (a
/// relation in front matter `cites: [127-KL/TW]`, "Kết luận số 127-KL/TW" in
/// the text) in `undated`. A page the same document also names with its date
/// is not noted: wherever this document is, the date is known, so the page
/// never lived at its undated URL because of it.
fn note_undated(undated: &mut std::collections::BTreeSet<Node>, list: &[(Cow<Citation>, Target)]) {
    let dated: FxHashSet<Node> = list
        .iter()
        .filter_map(|(c, t)| match t {
            Target::Node(n) if c.date.is_some() => Some(*n),
            _ => None,
        })
        .collect();
    for (c, t) in list {
        if let (Target::Node(n), None) = (t, c.date) {
            if !dated.contains(n) {
                undated.insert(*n);
            }
        }
    }
}

/// A citing document's mentions, in order, merged into one reference per
/// distinct target.
pub(super) fn merge_mentions(index: &Index, list: Vec<(Cow<Citation>, Target)>) -> Vec<Reference> {
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
