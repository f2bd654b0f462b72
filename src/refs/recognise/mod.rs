//! The recogniser: citations in running Vietnamese text.
//!
//! In: a normalised body ([`Normalized`]), the citing document's own number,
//! the ranges Markdown keeps out of reach (code, links, raw HTML), and the
//! vocabulary of issuing bodies. Out: [`Mention`]s with the number, the type
//! word, the date, year or term, the issuers, the subject after "về", and the
//! relation their clause states; short forms to resolve against the corpus;
//! and warnings for the editor.
//!
//! It is a sequence of named passes over one [`Scan`], each in its own file
//! and each small: [`numbers`] finds the numbers (the grammar of `number.rs`
//! with the boundary rules); [`context`] reads what stands before them (type
//! word, "số", a law's name) and after them (date, term, issuers, subject),
//! and an issuer and date stated before "ban hành"; [`lists`] shares a
//! trailing date and issuer and a leading type word across a list;
//! [`relations`] types each mention from the clause it stands in; [`shorts`]
//! resolves aliases and short forms. `docs/contracts/numbers-and-references.md` §4 lists
//! the forms; the tests have one table row per form.

mod context;
mod lists;
mod numbers;
mod relations;
mod shorts;
mod text;
pub(crate) use text::date_at;

use super::issuers::Vocabulary;
use super::normal::Normalized;
use super::Relation;
use crate::date::Date;
use crate::number::Number;
use std::ops::Range;

/// A citation found in the text (offsets into the normalised text).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// From the type word (or "số", or the number) to the end of the number.
    pub range: Range<usize>,
    /// The number (a mis-written one already corrected).
    pub number: Number,
    /// Row of [`TYPE_WORDS`] written before it, when the word fits the number.
    pub word: Option<usize>,
    /// Date given.
    pub date: Option<Date>,
    /// Year given without a full date ("năm 2025").
    pub year: Option<i32>,
    /// Day and month given without a year ("ngày 19/6").
    pub day_month: Option<(u32, u32)>,
    /// Term given ("khóa XII"): first and last year.
    pub term: Option<(i32, i32)>,
    /// Issuers named after "của" (or before "ban hành"), as shown.
    pub issuers: Vec<String>,
    /// Their rows in the vocabulary.
    pub bodies: Vec<usize>,
    /// The province named with an issuer ("của Tỉnh ủy Hà Tĩnh").
    pub locality: Option<&'static str>,
    /// The subject, from "về".
    pub subject: Option<String>,
    /// The relation the clause states.
    pub relation: Relation,
    /// A short form ("Kết luận số 127") resolved inside the document.
    pub short: bool,
    /// The date was written "cùng ngày …": the list before shares it.
    same_day: bool,
    /// Where the subject ("về …") starts, when there is one.
    subject_from: usize,
    /// End of what was read after the number (date, issuer, subject).
    tail: usize,
}

impl Mention {
    /// The issuing bodies the text names for it, and the province named with them.
    fn set_issuers(&mut self, named: Vec<super::issuers::Named>) {
        self.locality = named.iter().find_map(|n| n.province);
        self.bodies = named.iter().map(|n| n.body).collect();
        self.issuers = named.into_iter().map(|n| n.name).collect();
    }

    /// A mention of `range` with nothing read around it yet.
    fn bare(range: Range<usize>, number: Number, word: Option<usize>, short: bool) -> Mention {
        let tail = range.end;
        Mention {
            range,
            number,
            word,
            date: None,
            year: None,
            day_month: None,
            term: None,
            issuers: Vec::new(),
            bodies: Vec::new(),
            locality: None,
            subject: None,
            relation: Relation::Cites,
            short,
            same_day: false,
            subject_from: tail,
            tail,
        }
    }
}

/// A short form the document does not resolve itself ("Chỉ thị số 35 ngày
/// 30/5/2019 của Bộ Chính trị"): the corpus may.
#[derive(Debug, Clone, PartialEq)]
pub struct Short {
    /// The text range.
    pub range: Range<usize>,
    /// Row of [`TYPE_WORDS`].
    pub word: usize,
    /// The sequence number.
    pub seq: u32,
    /// Date given.
    pub date: Option<Date>,
    /// Year given.
    pub year: Option<i32>,
    /// Issuers given.
    pub issuers: Vec<String>,
    /// The relation the clause states.
    pub relation: Relation,
}

/// A warning for the editor, at a range of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// A stable code.
    pub code: crate::diag::Code,
    /// Where.
    pub range: Range<usize>,
    /// What.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// Everything found in one text.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Citations (full and resolved short forms), in text order.
    pub mentions: Vec<Mention>,
    /// Short forms left for the corpus.
    pub shorts: Vec<Short>,
    /// Warnings.
    pub warnings: Vec<Warning>,
}

/// A short form candidate: a type word, maybe "số", and digits without a code.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Where the type word starts.
    start: usize,
    /// Where the digits end.
    end: usize,
    /// Row of [`TYPE_WORDS`](super::words::TYPE_WORDS).
    word: usize,
    /// The digits.
    seq: u32,
    /// The year written after them ("Quyết định số 27/2024").
    year: Option<i32>,
}

/// The state the passes share: the text, what the citing document is, and
/// what has been found so far.
struct Scan<'a> {
    t: &'a str,
    own: (&'a Number, Option<Date>),
    vocabulary: &'a Vocabulary,
    /// Numbers found by [`numbers::find`], in text order.
    tokens: Vec<(Range<usize>, Number)>,
    /// Short-form candidates found beside them.
    candidates: Vec<Candidate>,
    /// Mentions of other documents.
    mentions: Vec<Mention>,
    /// Mentions of the document's own number.
    own_ranges: Vec<Range<usize>>,
    found: Found,
}

impl Scan<'_> {
    fn warn(&mut self, code: crate::diag::Code, range: Range<usize>, message: String, hint: impl Into<String>) {
        self.found.warnings.push(Warning {
            code,
            range,
            message,
            hint: hint.into(),
        });
    }
}

/// Finds the citations of `n.text`. `own` is the citing document's number and
/// date; `masked` holds original-text ranges that may not be linked.
pub fn recognise(
    n: &Normalized,
    own: (&Number, Option<Date>),
    masked: &[Range<usize>],
    vocabulary: &Vocabulary,
) -> Found {
    let mut scan = Scan {
        t: n.text.as_str(),
        own,
        vocabulary,
        tokens: Vec::new(),
        candidates: Vec::new(),
        mentions: Vec::new(),
        own_ranges: Vec::new(),
        found: Found::default(),
    };
    numbers::find(&mut scan);
    context::read(&mut scan);
    lists::share(&mut scan);
    context::issued_before(&mut scan);
    context::year_of_day_month(&mut scan);
    context::central_tu(&mut scan);
    relations::assign(&mut scan);
    shorts::resolve(&mut scan);
    finish(scan, n, masked)
}

/// Drops what Markdown keeps out of reach, sorts, and warns about text typed
/// in a legacy font encoding.
fn finish(scan: Scan, n: &Normalized, masked: &[Range<usize>]) -> Found {
    let Scan {
        t,
        mut mentions,
        mut found,
        ..
    } = scan;
    let in_mask = |r: &Range<usize>| {
        let (s, e) = (n.start(r.start), n.end(r.end));
        masked.iter().any(|m| s < m.end && m.start < e)
    };
    mentions.retain(|m| !in_mask(&m.range));
    found.shorts.retain(|s| !in_mask(&s.range));
    mentions.sort_by_key(|m| m.range.start);
    found.shorts.sort_by_key(|s| s.range.start);
    found.mentions = mentions;
    let odd = text::legacy_marks(t);
    if odd.len() >= 3 && odd.len() * 200 >= t.chars().filter(|c| c.is_alphabetic()).count() {
        let at = odd[0];
        let end = at + t[at..].chars().next().map_or(1, char::len_utf8);
        found.warnings.push(Warning {
            code: crate::diag::Code::Encoding,
            range: at..end,
            message: "văn bản có vẻ được gõ bằng phông chữ cũ (TCVN3/VNI), không phải Unicode".to_string(),
            hint:
                "chuyển mã sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã, TCVN3 hoặc VNI sang Unicode) rồi dán lại"
                    .to_string(),
        });
    }
    found
}

#[cfg(test)]
mod tests;
