//! Resolution of one citing document: each citation to one document of the
//! site, to several (ambiguous, warned), or left for a cited page (see
//! [`super::cited`]); short forms to a unique document. Each document on its
//! own, against look-ups by number and by sequence, so that an edit
//! resolves again only the documents whose numbers it can change.

use super::identity::{period, ExternalKey};
use super::*;

/// A citation left for a cited page: which of its document's citations,
/// the locality it is read in, and whether its series is local.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pending {
    pub(super) cit: usize,
    pub(super) locality: Option<String>,
    pub(super) local: bool,
}

/// What resolving one citing document gave, kept between edits.
#[derive(Debug, Clone, Default)]
pub(super) struct Resolved {
    /// Citations linked to a document or ambiguous: (index into the
    /// document's citations, target).
    pub(super) found: Vec<(usize, Target)>,
    /// Short forms linked: the citation made for each, with its target.
    pub(super) shorts: Vec<(Citation, Target)>,
    /// Citations left for cited pages.
    pub(super) pending: Vec<Pending>,
    /// The page of each pending citation, once the cited pages are made.
    pub(super) pages: Vec<ExternalKey>,
    /// Its warnings: resolution and short forms.
    pub(super) diags: Vec<Diagnostic>,
}

/// What resolving needs of the whole site: the documents in node order,
/// each one's locality key, and the documents of each number key and of
/// each sequence number, in node order.
pub(super) struct Lookup<'a, K> {
    pub(super) docs: &'a [Arc<Document>],
    pub(super) locality_keys: &'a [Option<String>],
    pub(super) by_number: &'a FxHashMap<K, Vec<usize>>,
    pub(super) by_seq: &'a FxHashMap<u32, Vec<usize>>,
    pub(super) vocabulary: &'a crate::refs::issuers::Vocabulary,
}

impl<K: std::borrow::Borrow<str> + std::hash::Hash + Eq> Lookup<'_, K> {
    /// Resolves document `i`: its citations, then its short forms.
    pub(super) fn resolve(&self, i: usize) -> Resolved {
        let mut r = self.citations(i);
        self.shorts(i, &mut r);
        r
    }

    /// The citations of document `i`: each to one document of the site, to
    /// several (ambiguous, warned), or left for a cited page.
    fn citations(&self, i: usize) -> Resolved {
        let docs = self.docs;
        let citing = &docs[i];
        let mut out = Resolved::default();
        for (k, c) in citing.citations.iter().enumerate() {
            let local = local_series(c, self.vocabulary);
            let locality = c.locality.clone().or_else(|| {
                if local && !issuer_elsewhere(c, citing.locality.as_deref(), citing.date) {
                    citing.locality.clone()
                } else {
                    None
                }
            });
            let candidates: &[usize] = self.by_number.get(c.number.key()).map_or(&[], |v| v.as_slice());
            if candidates.contains(&i) && c.date.is_none_or(|d| Some(d) == citing.date) {
                out.diags.push(
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
                .filter(|&j| !local || locality.is_none() || self.locality_keys[j] == locality_key)
                .collect();
            let fit = match c.date {
                Some(date) => narrow_by_date(c, date, fit, docs, citing, &mut out.diags),
                None => narrow_undated(c, fit, docs, citing),
            };
            match fit.len() {
                0 => out.pending.push(Pending {
                    cit: k,
                    locality,
                    local,
                }),
                1 => out.found.push((k, Target::Node(Node::Doc(fit[0])))),
                _ => {
                    out.diags.push(ambiguous(c, &fit, docs, citing));
                    out.found.push((k, Target::Ambiguous(fit)));
                }
            }
        }
        out
    }

    /// Short forms of document `i`: a unique document of the corpus with
    /// that type and number, narrowed by the date, year and issuers the
    /// mention gives; else a warning.
    fn shorts(&self, i: usize, out: &mut Resolved) {
        let citing = &self.docs[i];
        for s in &citing.shorts {
            let same_seq: &[usize] = self.by_seq.get(&s.seq).map_or(&[], |v| v.as_slice());
            let fit: Vec<usize> = same_seq
                .iter()
                .copied()
                .filter(|&j| j != i)
                .filter(|&j| {
                    let d = &self.docs[j];
                    d.number.seq == s.seq
                        && crate::refs::words::word_fits(s.codes, &d.number)
                        && s.date.is_none_or(|x| d.date == Some(x))
                        && s.year.is_none_or(|y| d.date.is_some_and(|x| x.year == y))
                        && citing.date.is_none_or(|cd| d.date.is_none_or(|x| x <= cd))
                        && (s.issuers.is_empty()
                            || s.issuers
                                .iter()
                                .any(|n| d.issuers.iter().any(|m| key(m).contains(&key(n)))))
                })
                .collect();
            // Type and number alone are not enough: a date, year or issuer must pin it.
            let pinned = s.date.is_some() || s.year.is_some() || !s.issuers.is_empty();
            if let ([j], true) = (&fit[..], pinned) {
                let other = &self.docs[*j];
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
                out.shorts.push((c, Target::Node(Node::Doc(*j))));
            } else {
                let why = if fit.is_empty() {
                    "không tìm thấy văn bản nào khớp trong hệ thống".to_string()
                } else if !pinned {
                    "không có ngày hay cơ quan ban hành để xác định văn bản".to_string()
                } else {
                    format!("khớp với {} văn bản", fit.len())
                };
                out.diags.push(
                    Diagnostic::warning(crate::diag::Code::Short, format!("`{}` viết tắt, không có số ký hiệu đầy đủ: {why}; không tạo liên kết", s.text))
                        .at(&citing.file, s.span.clone())
                        .hint("ghi số ký hiệu đầy đủ (ví dụ `Kết luận số 127-KL/TW`) ở lần nhắc đầu tiên, hoặc thêm ngày và cơ quan ban hành"),
                );
            }
        }
    }
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
