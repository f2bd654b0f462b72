//! References: what a document cites, and how.
//!
//! In: a document's declared `relations` (front matter, read by `load`) and
//! its body. Out: the [`Citation`]s the link graph resolves, one per mention,
//! with the relation and whatever the mention tells about the cited document
//! (date, year or term, issuer, locality, type, subject); short forms the
//! document does not resolve itself ([`ShortCitation`]); and warnings. The
//! graph does not care where a citation came from.
//!
//! The body is normalised once ([`normal`]) with a map back to the text as
//! written, so spans point at what the editor typed; [`recognise`] reads the
//! citations; [`words`] holds the vocabulary as data.

pub mod bodies;
pub mod issuers;
pub mod normal;
pub mod recognise;
pub mod words;

use crate::date::Date;
use crate::number::Number;
use crate::source::Span;
use serde::Serialize;

/// How a document relates to one it cites. Declared order is strength order:
/// replaces, repeals, amends > implements > based on, guides > cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Thay thế.
    Replaces,
    /// Bãi bỏ.
    Repeals,
    /// Sửa đổi, bổ sung.
    Amends,
    /// Thực hiện, triển khai, quán triệt.
    Implements,
    /// Căn cứ.
    BasedOn,
    /// Hướng dẫn.
    Guides,
    /// Any other mention.
    Cites,
}

impl Relation {
    /// Every relation, strongest first.
    pub const ALL: [Relation; 7] = [
        Relation::Replaces,
        Relation::Repeals,
        Relation::Amends,
        Relation::Implements,
        Relation::BasedOn,
        Relation::Guides,
        Relation::Cites,
    ];

    /// The front matter key (`implements`, `based_on` ...).
    pub fn key(self) -> &'static str {
        match self {
            Relation::Replaces => "replaces",
            Relation::Repeals => "repeals",
            Relation::Amends => "amends",
            Relation::Implements => "implements",
            Relation::BasedOn => "based_on",
            Relation::Guides => "guides",
            Relation::Cites => "cites",
        }
    }

    /// From a front matter key.
    pub fn from_key(key: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Strength rank: lower is stronger. Replaces, repeals and amends share
    /// the top rank, based on and guides the third.
    pub fn rank(self) -> u8 {
        match self {
            Relation::Replaces | Relation::Repeals | Relation::Amends => 0,
            Relation::Implements => 1,
            Relation::BasedOn | Relation::Guides => 2,
            Relation::Cites => 3,
        }
    }

    /// The heading of the group on the citing document's page.
    pub fn label_vi(self) -> &'static str {
        match self {
            Relation::Replaces => "Thay thế",
            Relation::Repeals => "Bãi bỏ",
            Relation::Amends => "Sửa đổi, bổ sung",
            Relation::Implements => "Thực hiện",
            Relation::BasedOn => "Căn cứ",
            Relation::Guides => "Hướng dẫn",
            Relation::Cites => "Dẫn chiếu",
        }
    }
}

/// Where a citation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Declared in front matter `relations`.
    FrontMatter,
    /// Found in the running text.
    Text,
}

/// One mention of another document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Citation {
    /// The number as parsed.
    pub number: Number,
    /// The mention as written (`Kết luận số 178-KL/TW`, or the number alone).
    pub text: String,
    /// The relation the mention states.
    pub relation: Relation,
    /// The cited document's date, when the mention gives it.
    pub date: Option<Date>,
    /// The year, when the mention gives only that ("năm 2025").
    pub year: Option<i32>,
    /// Day and month, when the mention gives no year ("ngày 19/6").
    pub day_month: Option<(u32, u32)>,
    /// The term's first and last year ("khóa XII").
    pub term: Option<(i32, i32)>,
    /// The cited document's issuers, when the mention gives them.
    pub issuers: Vec<String>,
    /// The cited document's locality, when given (else the citing one's applies
    /// to local series).
    pub locality: Option<String>,
    /// The type word, when given (`Quy định` for `253-QĐ/TW`).
    pub doc_type: Option<String>,
    /// The subject (what follows "về"), when given.
    pub subject: Option<String>,
    /// Where in the citing file.
    pub span: Span,
    /// Where it came from.
    pub origin: Origin,
}

/// A short form ("Chỉ thị số 35 ngày 30/5/2019 của Bộ Chính trị") the document
/// does not resolve itself; the graph looks for a unique match in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ShortCitation {
    /// The mention as written.
    pub text: String,
    /// The type shown for the word ("Chỉ thị").
    pub doc_type: String,
    /// The codes the word fits (`CT`).
    #[serde(with = "words::static_codes")]
    pub codes: &'static [&'static str],
    /// The sequence number.
    pub seq: u32,
    /// Date given.
    pub date: Option<Date>,
    /// Year given.
    pub year: Option<i32>,
    /// Issuers given.
    pub issuers: Vec<String>,
    /// The relation.
    pub relation: Relation,
    /// Where in the file.
    pub span: Span,
}

/// What the text of one document cites.
#[derive(Debug, Clone, Default)]
pub struct TextRefs {
    /// Citations found, in text order, spans in file coordinates.
    pub citations: Vec<Citation>,
    /// Short forms for the corpus to resolve.
    pub shorts: Vec<ShortCitation>,
    /// Warnings for the editor.
    pub diagnostics: Vec<crate::diag::Diagnostic>,
}

/// Finds the citations in a document body. `body_offset` is where the body
/// starts in the file; `own` is the document's number and date.
pub fn find(file: &str, body: &str, body_offset: usize, own: (&Number, Option<Date>)) -> TextRefs {
    find_with(file, body, body_offset, own, &issuers::Vocabulary::builtin())
}

/// [`find`] with a site's vocabulary of issuing bodies.
pub fn find_with(
    file: &str,
    body: &str,
    body_offset: usize,
    own: (&Number, Option<Date>),
    vocabulary: &issuers::Vocabulary,
) -> TextRefs {
    let norm = normal::Normalized::new(body);
    let masked = crate::markdown::masked_ranges(body);
    let found = recognise::recognise(&norm, own, &masked, vocabulary);
    let span = |r: &std::ops::Range<usize>| body_offset + norm.start(r.start)..body_offset + norm.end(r.end);
    let citations = found
        .mentions
        .iter()
        .map(|m| {
            let doc_type = m
                .word
                .map(|w| words::TYPE_WORDS[w].1)
                .filter(|w| !w.is_empty())
                .map(str::to_string);
            Citation {
                number: m.number.clone(),
                text: norm.text[m.range.clone()].to_string(),
                relation: m.relation,
                date: m.date,
                year: m.year,
                day_month: m.day_month,
                term: m.term,
                issuers: m.issuers.clone(),
                locality: m.locality.map(str::to_string),
                doc_type,
                subject: m.subject.clone(),
                span: span(&m.range),
                origin: Origin::Text,
            }
        })
        .collect();
    let shorts = found
        .shorts
        .iter()
        .map(|s| ShortCitation {
            text: norm.text[s.range.clone()].to_string(),
            doc_type: words::TYPE_WORDS[s.word].1.to_string(),
            codes: words::TYPE_WORDS[s.word].2,
            seq: s.seq,
            date: s.date,
            year: s.year,
            issuers: s.issuers.clone(),
            relation: s.relation,
            span: span(&s.range),
        })
        .collect();
    let diagnostics = found
        .warnings
        .iter()
        .map(|w| {
            crate::diag::Diagnostic::warning(w.code, w.message.clone())
                .at(file, span(&w.range))
                .hint(w.hint.clone())
        })
        .collect();
    TextRefs {
        citations,
        shorts,
        diagnostics,
    }
}

/// A body below the province written without its place ("… của Ủy ban
/// nhân dân xã", "của Ban Thường vụ Đảng ủy phường") is the one of the citing
/// document's own commune when that document is a body of the same level
/// there (a decision of "Ủy ban nhân dân xã Hiệp Thạnh" citing "Nghị quyết
/// số 18/NQ-HĐND … của Hội đồng nhân dân xã" means Hiệp Thạnh's council). In
/// any other document the commune is not known: no issuer.
pub fn name_places(citations: &mut [Citation], own_issuers: &[String], vocabulary: &issuers::Vocabulary) {
    let home: Vec<(&str, String)> = own_issuers.iter().filter_map(|i| vocabulary.place_of(i)).collect();
    for c in citations.iter_mut() {
        c.issuers.retain_mut(|i| {
            let Some(level) = vocabulary.bare_place(i) else {
                return true;
            };
            let place = home.iter().find(|(l, _)| *l == level).map(|(_, p)| p);
            if let Some(place) = place {
                *i = format!("{i} {place}");
            }
            place.is_some()
        });
    }
}

/// A local document replaces, repeals or amends only documents of its own
/// province: a change to a document the text places in another province
/// ("… thay thế Quyết định số 10/2024/QĐ-UBND của Ủy ban nhân dân tỉnh Hà
/// Tĩnh" in a decision of Nghệ An) is a plain citation.
pub fn keep_changes_at_home(citations: &mut [Citation], home: Option<&str>, vocabulary: &issuers::Vocabulary) {
    let Some(home) = home else { return };
    let canonical = |l: &str| {
        vocabulary
            .province(l)
            .map_or_else(|| crate::source::key(l), crate::source::key)
    };
    let home = canonical(home);
    // A province merged into this one in 2025 is home too: the new
    // province's documents replace the old one's.
    let merged_here = |l: &str| {
        let l = canonical(l);
        bodies::MERGED
            .iter()
            .any(|(old, new)| crate::source::key(old) == l && crate::source::key(new) == home)
    };
    for c in citations.iter_mut() {
        let changes = matches!(c.relation, Relation::Replaces | Relation::Repeals | Relation::Amends);
        let elsewhere = c
            .locality
            .as_deref()
            .is_some_and(|l| canonical(l) != home && !merged_here(l));
        if changes && elsewhere && c.number.is_local() {
            c.relation = Relation::Cites;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_stay_in_their_province() {
        let v = issuers::Vocabulary::builtin();
        let own = crate::number::parse("25/2025/QĐ-UBND").expect("own");
        let text = "Quyết định này thay thế Quyết định số 10/2024/QĐ-UBND ngày 2/4/2024 của Ủy ban nhân dân tỉnh Hà Tĩnh và Quyết định số 11/2024/QĐ-UBND ngày 3/4/2024 của Ủy ban nhân dân tỉnh Thừa Thiên Huế.";
        let mut f = find_with("t.md", text, 0, (&own, None), &v).citations;
        keep_changes_at_home(&mut f, Some("Nghệ An"), &v);
        assert_eq!(f[0].relation, Relation::Cites);
        assert_eq!(f[1].relation, Relation::Cites);
        // A province merged into the citing one in 2025 is home.
        let merged =
            "Quyết định này thay thế Quyết định số 09/2024/QĐ-UBND ngày 2/4/2024 của Ủy ban nhân dân tỉnh Đắk Nông.";
        let mut m = find_with("t.md", merged, 0, (&own, None), &v).citations;
        keep_changes_at_home(&mut m, Some("Lâm Đồng"), &v);
        assert_eq!(m[0].relation, Relation::Replaces);
        let mut m = find_with("t.md", merged, 0, (&own, None), &v).citations;
        keep_changes_at_home(&mut m, Some("Gia Lai"), &v);
        assert_eq!(m[0].relation, Relation::Cites);
        let mut f = find_with("t.md", text, 0, (&own, None), &v).citations;
        keep_changes_at_home(&mut f, Some("Huế"), &v);
        assert_eq!((f[0].relation, f[1].relation), (Relation::Cites, Relation::Replaces));
    }
}
