//! How a query is read: "chỉ thị 35 năm 2024" is the type Chỉ thị, the
//! number 35 and the year 2024, not five words to find in a text.
//!
//! In: the query as typed and the [`Vocabulary`] of the site (written into
//! `meta.json`, built here from the tables of type words and codes in
//! `refs::words` and `codes`). Out: a [`Query`]: the words to find, and the
//! number, types, year and date to rank by. `static/fold.js` (`parse`) reads
//! a query the same way; both are checked on one table of cases
//! (`tests/search/query-cases.json`).
//!
//! The steps, in order, on the folded query:
//! 1. a date `14/6/2024` (also with `-` or `.`) is taken out whole;
//! 2. a word glued to a number is cut where letters meet digits when its
//!    letters begin with a type code (`nq57`, `127kltw`); letters without a
//!    vowel that begin with a type code, beside a number, are cut after the
//!    code (`57-nqtw` -> `57 nq tw`): a Vietnamese word always has a vowel,
//!    a run of codes seldom does;
//! 3. a four-digit number from 1900 to 2099 is a year (with the `năm`
//!    before it), not a word; `ngày` before a date goes too;
//! 4. the first other number is the document's number (`số` before it goes);
//! 5. with a number, a type word anywhere (`chỉ thị`, `quy dinh`) or a type
//!    code beside a number (`nq 57`) names the types.
//!
//! Type words and codes stay words to find: the document itself and those
//! citing it both contain them.

use super::words::{compact, tokens};
use crate::source::fold;
use serde::{Deserialize, Serialize};

/// The site's type words and codes, folded, each with the indexes of the
/// types (in `meta.types`) it names.
#[derive(Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Vocabulary {
    /// Type words, longest first: `["chi thi", [2]]`.
    pub phrases: Vec<(String, Vec<usize>)>,
    /// Type codes, sorted: `["nq", [5]]`.
    pub codes: Vec<(String, Vec<usize>)>,
}

impl Vocabulary {
    /// The vocabulary for the types of a site (`types`, as shown): every
    /// form of a type word and every type code that names one of them.
    pub fn new(types: &[&str]) -> Vocabulary {
        let folded: Vec<String> = types.iter().map(|t| fold(t)).collect();
        let of = |word: &str| -> Vec<usize> {
            let w = fold(word);
            folded
                .iter()
                .enumerate()
                .filter(|(_, t)| **t == w)
                .map(|(i, _)| i)
                .collect()
        };
        let mut phrases: Vec<(String, Vec<usize>)> = Vec::new();
        let mut codes: Vec<(String, Vec<usize>)> = Vec::new();
        let add = |list: &mut Vec<(String, Vec<usize>)>, key: String, ids: Vec<usize>| {
            if key.is_empty() || ids.is_empty() {
                return;
            }
            match list.iter_mut().find(|(k, _)| *k == key) {
                Some((_, have)) => have.extend(ids),
                None => list.push((key, ids)),
            }
        };
        for t in types {
            add(&mut phrases, tokens(&fold(t)).collect::<Vec<_>>().join(" "), of(t));
        }
        for (phrase, shown, type_codes) in crate::refs::words::TYPE_WORDS {
            add(&mut phrases, fold(phrase), of(shown));
            for code in *type_codes {
                add(&mut codes, compact(code), of(shown));
            }
        }
        for (code, word) in crate::codes::PARTY_TYPES.iter().chain(crate::codes::STATE_TYPES) {
            add(&mut codes, compact(code), of(word));
        }
        for (_, ids) in phrases.iter_mut().chain(codes.iter_mut()) {
            ids.sort_unstable();
            ids.dedup();
        }
        phrases.sort_by(|a, b| b.0.split(' ').count().cmp(&a.0.split(' ').count()).then(a.0.cmp(&b.0)));
        codes.sort();
        Vocabulary { phrases, codes }
    }

    fn code(&self, t: &str) -> Option<&[usize]> {
        self.codes.iter().find(|(c, _)| c == t).map(|(_, ids)| ids.as_slice())
    }

    /// The longest code that `letters` begins with and is longer than.
    fn code_prefix(&self, letters: &str) -> Option<&str> {
        self.codes
            .iter()
            .map(|(c, _)| c.as_str())
            .filter(|c| c.len() < letters.len() && letters.starts_with(c))
            .max_by_key(|c| c.len())
    }
}

/// A query as read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The words every result contains, in the order typed.
    pub words: Vec<String>,
    /// Whether the last word may match as the beginning of a word (the
    /// reader may still be typing it).
    pub prefix: bool,
    /// The document's number, without leading zeros.
    pub number: Option<String>,
    /// The types named (indexes into `meta.types`), sorted.
    pub types: Vec<usize>,
    /// The year named.
    pub year: Option<i32>,
    /// The date named, as the index writes it (`414062024`).
    pub date: Option<String>,
}

impl Query {
    /// The index words of the documents that are this number of these
    /// types (`35chithi`), as [`number_key`] writes them.
    pub fn exact_keys(&self, types: &[String]) -> Vec<String> {
        let Some(n) = &self.number else { return Vec::new() };
        self.types
            .iter()
            .filter_map(|&i| types.get(i))
            .map(|t| number_key(n, t))
            .collect()
    }
}

/// The word a document's own number and type are found by: the number's
/// first digits without leading zeros, then the type word without spaces
/// (`35-CT/TW`, Chỉ thị -> `35chithi`); `None` without digits.
pub fn number_key(number: &str, doc_type: &str) -> String {
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return String::new();
    }
    let trimmed = digits.trim_start_matches('0');
    format!(
        "{}{}",
        if trimmed.is_empty() { "0" } else { trimmed },
        compact(doc_type)
    )
}

/// The word a document's own date is found by: the year's last digit, then
/// day, month and year (`414062024`). Postings are bucketed by a word's
/// first three characters: led by the day alone, a bucket would hold every
/// date of that day in nine months of every year (12 kB at 100,000
/// documents); led by the year's last digit, those of one day in one year
/// in ten.
pub fn date_key(day: u32, month: u32, year: i32) -> String {
    format!("{}{day:02}{month:02}{year:04}", year.rem_euclid(10))
}

fn digits(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

fn letters(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_year(t: &str) -> bool {
    t.len() == 4 && digits(t) && (t.starts_with("19") || t.starts_with("20"))
}

fn has_vowel(t: &str) -> bool {
    t.bytes().any(|b| b"aeiouy".contains(&b))
}

/// Reads a query.
pub fn parse(query: &str, voc: &Vocabulary) -> Query {
    let folded = fold(query);
    let (rest, date) = take_date(&folded);
    let raw: Vec<&str> = tokens(&rest).collect();
    let toks = split_glued(&raw, voc);
    let mut keep = vec![true; toks.len()];
    let mut q = Query::default();
    for (i, t) in toks.iter().enumerate() {
        if is_year(t) {
            q.year = q.year.or(t.parse().ok());
            keep[i] = false;
            if i > 0 && toks[i - 1] == "nam" {
                keep[i - 1] = false;
            }
        } else if date.is_some() && t == "ngay" {
            keep[i] = false;
        }
    }
    if let Some((day, month, year)) = date {
        q.year = q.year.or(Some(year));
        q.date = Some(date_key(day, month, year));
    }
    if let Some(i) = (0..toks.len()).find(|&i| keep[i] && digits(&toks[i]) && toks[i].len() <= 6) {
        let trimmed = toks[i].trim_start_matches('0');
        q.number = Some(if trimmed.is_empty() { "0" } else { trimmed }.to_string());
        if i > 0 && toks[i - 1] == "so" {
            keep[i - 1] = false;
        }
        q.types = types_named(&toks, voc);
    }
    q.words = toks
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(t, _)| t.clone())
        .collect();
    q.prefix = toks
        .last()
        .is_some_and(|t| keep[toks.len() - 1] && t.len() >= 3 && !digits(t));
    q
}

/// The types a query names: its type words, and its codes beside a number.
fn types_named(toks: &[String], voc: &Vocabulary) -> Vec<usize> {
    let mut types = Vec::new();
    for (phrase, ids) in &voc.phrases {
        let words: Vec<&str> = phrase.split(' ').collect();
        if toks
            .windows(words.len())
            .any(|w| w.iter().zip(&words).all(|(a, b)| a == b))
        {
            types.extend(ids);
        }
    }
    for (i, t) in toks.iter().enumerate() {
        let beside = |j: Option<usize>| j.and_then(|j| toks.get(j)).is_some_and(|n| digits(n));
        if let Some(ids) = voc.code(t).filter(|_| beside(i.checked_sub(1)) || beside(Some(i + 1))) {
            types.extend(ids);
        }
    }
    types.sort_unstable();
    types.dedup();
    types
}

/// Cuts the words glued to numbers and the codes glued to codes (step 2).
fn split_glued(raw: &[&str], voc: &Vocabulary) -> Vec<String> {
    let mut out = Vec::with_capacity(raw.len() + 2);
    let split_code = |l: &str, out: &mut Vec<String>| match voc.code(l).is_none() && !has_vowel(l) {
        true => match voc.code_prefix(l) {
            Some(c) => {
                out.push(c.to_string());
                out.push(l[c.len()..].to_string());
            }
            None => out.push(l.to_string()),
        },
        false => out.push(l.to_string()),
    };
    for (i, t) in raw.iter().enumerate() {
        let cut = t.find(|c: char| c.is_ascii_digit() != t.starts_with(|d: char| d.is_ascii_digit()));
        let (a, b) = cut.map_or((*t, ""), |k| t.split_at(k));
        let glued = !b.is_empty() && ((letters(a) && digits(b)) || (digits(a) && letters(b)));
        let l = if letters(a) { a } else { b };
        let coded = voc.code(l).is_some() || voc.code_prefix(l).is_some();
        if glued && coded {
            if letters(a) {
                split_code(a, &mut out);
                out.push(b.to_string());
            } else {
                out.push(a.to_string());
                split_code(b, &mut out);
            }
            continue;
        }
        let beside = |j: Option<usize>| j.and_then(|j| raw.get(j)).is_some_and(|n| digits(n));
        if letters(t) && (beside(i.checked_sub(1)) || beside(Some(i + 1))) {
            split_code(t, &mut out);
        } else {
            out.push(t.to_string());
        }
    }
    out
}

/// Takes the first date `d/m/yyyy` (or with `-`, `.`) out of folded text:
/// the text with the date made a space, and the date when it is one.
fn take_date(folded: &str) -> (String, Option<(u32, u32, i32)>) {
    let b = folded.as_bytes();
    let run = |i: usize| b[i..].iter().take_while(|x| x.is_ascii_digit()).count();
    let sep = |i: usize| b.get(i).is_some_and(|x| matches!(x, b'/' | b'-' | b'.'));
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            continue;
        }
        let d = run(i);
        if !(1..=2).contains(&d) || !sep(i + d) {
            continue;
        }
        let j = i + d + 1;
        let m = if j < b.len() { run(j) } else { 0 };
        if !(1..=2).contains(&m) || !sep(j + m) {
            continue;
        }
        let k = j + m + 1;
        if k >= b.len() || run(k) != 4 {
            continue;
        }
        let num = |from: usize, len: usize| folded[from..from + len].parse::<u32>().unwrap_or(0);
        let (day, month, year) = (num(i, d), num(j, m), num(k, 4));
        let valid = (1..=31).contains(&day) && (1..=12).contains(&month);
        let rest = format!("{} {}", &folded[..i], &folded[k + 4..]);
        return match valid {
            true => (rest, Some((day, month, year as i32))),
            false => (folded.to_string(), None),
        };
    }
    (folded.to_string(), None)
}
