//! The recogniser: citations in running Vietnamese text.
//!
//! In: a normalised body ([`Normalized`]), the citing document's own number,
//! and the ranges Markdown keeps out of reach (code, links, raw HTML). Out:
//! [`Mention`]s with the number, the type word, the date, year or term, the
//! issuers, the subject after "về", and the relation their clause states;
//! short forms to resolve against the corpus; and warnings for the editor.
//!
//! It works in passes over the text, each small: find numbers (the grammar of
//! `number.rs`, with the boundary rules), read what stands before them (type
//! word, "số") and after them (date, term, issuer, subject), share a trailing
//! date and issuer across a list and a leading type word across a list, read
//! an issuer and date stated before "ban hành", type each mention from the
//! cue that opens its clause or from a sentence naming the document itself,
//! then find short forms and aliases. `numbers-and-references.md` §4 lists
//! the forms; the tests below have one table row per form.

use super::normal::{floor, Normalized};
use super::words::{self, CUES, ISSUER_ALIASES, NOT_BEFORE, ORGANS, TERMS, TYPE_WORDS};
use super::Relation;
use crate::date::Date;
use crate::number::{self, Number, Shape};
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
    /// Issuers named after "của" (or before "ban hành").
    pub issuers: Vec<String>,
    /// The subject, from "về".
    pub subject: Option<String>,
    /// The relation the clause states.
    pub relation: Relation,
    /// A short form ("Kết luận số 127") resolved inside the document.
    pub short: bool,
    /// End of what was read after the number (date, issuer, subject).
    tail: usize,
}

impl Mention {
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
            subject: None,
            relation: Relation::Cites,
            short,
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
    pub code: &'static str,
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

// ---------------------------------------------------------------- helpers

fn lower_eq(a: char, b: char) -> bool {
    if a == b {
        return true;
    }
    match (a.is_ascii(), b.is_ascii()) {
        (true, true) => a.eq_ignore_ascii_case(&b),
        // The one character outside ASCII whose lower case is a single ASCII
        // letter is the Kelvin sign (NFC makes it `K` anyway).
        (true, false) => b == '\u{212A}' && a.eq_ignore_ascii_case(&'k'),
        (false, true) => a == '\u{212A}' && b.eq_ignore_ascii_case(&'k'),
        (false, false) => a.to_lowercase().eq(b.to_lowercase()),
    }
}

/// If `hay` ends with `needle` (case-insensitive) at a word boundary, the
/// byte offset where it starts.
fn ends_with_word(hay: &str, needle: &str) -> Option<usize> {
    let start = ends_with_ci(hay, needle)?;
    match hay[..start].chars().next_back() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(start),
    }
}

/// If `hay` starts with `needle` (case-insensitive), its byte length in `hay`.
fn starts_with_ci(hay: &str, needle: &str) -> Option<usize> {
    let mut h = hay.char_indices();
    for n in needle.chars() {
        let (_, c) = h.next()?;
        if !lower_eq(c, n) {
            return None;
        }
    }
    Some(h.next().map_or(hay.len(), |(i, _)| i))
}

/// Like [`starts_with_ci`], and the next character is not a letter or digit.
fn starts_with_word(hay: &str, needle: &str) -> Option<usize> {
    let n = starts_with_ci(hay, needle)?;
    match hay[n..].chars().next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(n),
    }
}

fn digits_at(s: &str, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Lower case that keeps every byte offset: a character whose lower case has
/// another length is kept as it is.
fn lower_same_len(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// If `hay` ends with `needle` (case-insensitive, no boundary check), where it starts.
fn ends_with_ci(hay: &str, needle: &str) -> Option<usize> {
    let mut h = hay.char_indices().rev();
    let mut start = hay.len();
    for n in needle.chars().rev() {
        let (i, c) = h.next()?;
        if !lower_eq(c, n) {
            return None;
        }
        start = i;
    }
    Some(start)
}

/// The first ASCII digit of `bytes` at or after `i` (or the end): eight
/// bytes at a time while none of them is one.
fn next_digit(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte above 0x2F and below 0x3A ("Determine if a word has a byte
        // between m and n", Bit Twiddling Hacks); bytes from 0x80 never count.
        let low = x & (ONES * 127);
        let between = (ONES * (127 + 0x3A) - low) & !x & (low + ONES * (127 - 0x2F)) & (ONES * 128);
        if between != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && !bytes[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Whether `b` may end with a word of [`TYPE_WORDS`]: its last character
/// is (in either case) the last letter of one; most text before a number
/// ("ngày 04/11") is not, and the words need not be tried one by one.
fn may_end_type_word(b: &str) -> bool {
    static LAST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let last = LAST.get_or_init(|| {
        let mut v: Vec<char> = TYPE_WORDS
            .iter()
            .filter_map(|(w, _, _)| w.chars().next_back())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    b.chars()
        .next_back()
        .is_some_and(|c| last.iter().any(|&l| lower_eq(c, l)))
}

/// Where the characters of [`words::LEGACY_MARKS`] are in `t`, found on the
/// bytes: they are all in U+00A0 to U+00FF, two bytes led by C2 or C3.
fn legacy_marks(t: &str) -> Vec<usize> {
    static SECOND: std::sync::OnceLock<[bool; 128]> = std::sync::OnceLock::new();
    // By lead byte (C2, C3) and second byte (80 to BF).
    let second = SECOND.get_or_init(|| {
        let mut table = [false; 128];
        for c in words::LEGACY_MARKS {
            let mut buf = [0u8; 4];
            if let [lead @ (0xC2 | 0xC3), next @ 0x80..=0xBF] = c.encode_utf8(&mut buf).as_bytes() {
                table[usize::from(*lead - 0xC2) * 64 + usize::from(*next - 0x80)] = true;
            }
        }
        table
    });
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        let lead = b[i];
        if lead & 0xFE == 0xC2 {
            // The next byte continues the character: 80 to BF.
            if second[usize::from(lead - 0xC2) * 64 + usize::from(b[i + 1] & 0x3F)] {
                out.push(i);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// A date read: the full date, or day and month alone, and the length read.
type DateRead = (Option<Date>, Option<(u32, u32)>, usize);

/// A date at the start of `s`: `17/7/2025`, `14-4-2025`, `22.12.2024`,
/// `05 tháng 3 năm 2020`. Returns the date (or day and month when the year
/// is missing and `yearless` allows it) and the length read.
fn date_at(s: &str, yearless: bool) -> Option<DateRead> {
    let (d, n1) = digits_at(s, 2)?;
    let rest = &s[n1..];
    if let Some(t) = starts_with_ci(rest, " tháng ") {
        let (m, n2) = digits_at(&rest[t..], 2)?;
        let r2 = &rest[t + n2..];
        let y_at = starts_with_ci(r2, " năm ")?;
        let (y, n3) = digits_at(&r2[y_at..], 4).filter(|(_, n)| *n == 4)?;
        let len = n1 + t + n2 + y_at + n3;
        return Some((Date::new(y as i32, m, d), None, len));
    }
    let sep = rest.chars().next().filter(|c| matches!(c, '/' | '-' | '.'))?;
    let (m, n2) = digits_at(&rest[1..], 2)?;
    let r2 = &rest[1 + n2..];
    if r2.starts_with(sep) {
        if let Some((y, 4)) = digits_at(&r2[1..], 4) {
            let len = n1 + 1 + n2 + 1 + 4;
            if s[len..].chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            return Some((Date::new(y as i32, m, d), None, len));
        }
    }
    let next = r2.chars().next();
    let clean_end = !next.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '-');
    (yearless && sep == '/' && clean_end && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((
        None,
        Some((d, m)),
        n1 + 1 + n2,
    ))
}

/// The offset of the first of `stops` in `s` (or its length), in one pass:
/// every stop starts with an ASCII byte.
fn first_stop(s: &str, stops: &[&str]) -> usize {
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if b.is_ascii()
            && stops
                .iter()
                .any(|st| st.as_bytes()[0] == *b && bytes[i..].starts_with(st.as_bytes()))
        {
            return i;
        }
    }
    s.len()
}

/// The issuing bodies of a phrase after "của", and how much of it they take.
fn issuers_at(s: &str) -> Option<(Vec<String>, usize)> {
    const STOPS: &[&str] = &[
        ";",
        ".",
        ")",
        "(",
        ":",
        "\n",
        " về ",
        " ngày ",
        " năm ",
        " khóa ",
        " khoá ",
        " tại ",
        " để ",
        " nhằm ",
        " theo ",
        " đã ",
        " thì ",
        " trong ",
        " nhất là",
        " đảm bảo",
        " bảo đảm",
        " đối với",
        " cho ",
        " với ",
        " tạo ",
        " yêu cầu",
        " ban hành",
        " được ",
        " có ",
        " là ",
        " nêu ",
        " và các ",
        " và những ",
        ", ngày",
        " số ",
        " phê duyệt",
        " quy định",
        " hướng dẫn",
        " thông qua",
        " giao ",
        " chỉ đạo",
        " triển khai",
        " thực hiện",
        " tổ chức",
        " sửa đổi",
        " bổ sung",
        " kiện toàn",
        " thành lập",
        " công bố",
        " gửi ",
        " tiếp tục",
        " lãnh đạo",
    ];
    let s = &s[..floor(s, 300)];
    let limit = first_stop(s, STOPS).min(floor(s, 200));
    let phrase = &s[..limit];
    let mut names = Vec::new();
    let mut taken = 0;
    let mut pos = 0;
    while pos < phrase.len() {
        let rest = &phrase[pos..];
        let (part_len, sep_len) = match [", ", " và "]
            .iter()
            .filter_map(|sep| rest.find(sep).map(|i| (i, sep.len())))
            .min()
        {
            Some((i, l)) => (i, l),
            None => (rest.len(), 0),
        };
        let part = rest[..part_len].trim();
        let organ = ORGANS.iter().any(|o| starts_with_ci(&format!("{part} "), o).is_some());
        if part.is_empty() || !organ {
            break;
        }
        let part_l = lower(part);
        let name = ISSUER_ALIASES.iter().find(|(alias, _)| part_l == *alias).map_or_else(
            || {
                // "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng" is the Central Committee.
                if part_l.contains("ban chấp hành trung ương") {
                    "Ban Chấp hành Trung ương".to_string()
                } else {
                    part.to_string()
                }
            },
            |(_, canon)| canon.to_string(),
        );
        if !names.contains(&name) {
            names.push(name);
        }
        taken = pos + part_len;
        pos += part_len + sep_len;
        if sep_len == 0 {
            break;
        }
    }
    (!names.is_empty()).then_some((names, taken))
}

fn subject_at(s: &str) -> Option<(String, usize)> {
    let start = starts_with_ci(s, " về ")?;
    let body = &s[start..floor(s, start + 1200)];
    let mut end = first_stop(
        body,
        &[
            ";",
            ". ",
            ".\n",
            "\n",
            ")",
            ", nhất là",
            ", trong đó",
            ", đồng thời",
            ", đảm bảo",
            ", bảo đảm",
        ],
    );
    if body[..end].ends_with('.') {
        end -= 1;
    }
    // ", " followed by a capital letter starts a new clause or citation.
    for (i, _) in body.match_indices(", ") {
        if i < end && body[i + 2..].chars().next().is_some_and(char::is_uppercase) {
            end = i;
            break;
        }
    }
    let text = body[..end].trim();
    (!text.is_empty() && text.chars().count() <= 300).then(|| (format!("về {text}"), start + end))
}

/// The start of the clause holding `at`: after the last `;`, `:`, line
/// break, or `.` followed by a space, within 1,000 bytes.
fn clause_start(t: &str, at: usize) -> usize {
    let bytes = t.as_bytes();
    let stop = at.saturating_sub(1000);
    let mut i = at;
    while i > stop {
        i -= 1;
        match bytes[i] {
            b';' | b':' | b'\n' => return i + 1,
            b'.' if matches!(bytes.get(i + 1), Some(b' ' | b'\n')) => return i + 1,
            _ => {}
        }
    }
    floor(t, stop)
}

/// The clause prefix without list numbering ("3.1.", "a)", "-").
fn strip_numbering(p: &str) -> &str {
    let mut p = p.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | ')' | '-' | '+' | '*' | '•' | '\\' | ' ' | '#' | '>')
    });
    let mut chars = p.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next()) {
        if c.is_alphabetic() {
            p = p[c.len_utf8() + 1..].trim_start();
        }
    }
    p.trim()
}

/// The relation of a clause prefix made only of cue verbs ("Thực hiện",
/// "Nghiên cứu, quán triệt"), if it is one.
fn cue_relation(prefix: &str) -> Option<Relation> {
    let p = lower(strip_numbering(prefix));
    let p = p
        .strip_suffix(" các")
        .or_else(|| p.strip_suffix(" những"))
        .unwrap_or(&p)
        .to_string();
    if p.is_empty() {
        return None;
    }
    let exact = |s: &str| CUES.iter().find(|(c, _)| *c == s).map(|(_, r)| *r);
    if let Some(r) = exact(&p) {
        return r;
    }
    let mut best: Option<Relation> = None;
    for part in p.split([',', ';']).flat_map(|x| x.split(" và ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        // A part may be a cue followed by an adverb ("thực hiện nghiêm").
        let words: Vec<&str> = part.split(' ').collect();
        let mut found = None;
        for cut in (1..=words.len()).rev() {
            let head = words[..cut].join(" ");
            let tail = words[cut..].join(" ");
            if let Some(r) = exact(&head) {
                if tail.is_empty() || exact(&tail).is_some() {
                    found = Some(r);
                    break;
                }
            }
        }
        match found {
            Some(r) => {
                if let Some(r) = r {
                    best = Some(best.map_or(r, |b| if (r.rank(), r) < (b.rank(), b) { r } else { b }));
                }
            }
            None => return None,
        }
    }
    best
}

/// A four-digit year that is not the start of a range ("2021-2025").
fn year_alone(s: &str) -> bool {
    digits_at(s, 4).is_some_and(|(_, n)| n == 4)
        && !s[4..].starts_with(['-', '/'])
        && !s[4..].starts_with(char::is_alphanumeric)
}

fn is_connector(gap: &str) -> bool {
    let g = lower(gap);
    let rest = g
        .split([',', ';', ' '])
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w, "và" | "các" | "hoặc" | "cùng"));
    rest && g.chars().count() <= 12
}

/// Ranges already read, for overlap checks in logarithmic time.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    fn add(&mut self, r: Range<usize>) {
        let end = self.0.entry(r.start).or_insert(r.end);
        *end = (*end).max(r.end);
    }

    /// Whether `r` overlaps a range taken (ranges taken do not nest).
    fn overlaps(&self, r: Range<usize>) -> bool {
        self.0.range(..r.end).next_back().is_some_and(|(_, &end)| end > r.start)
    }
}

// ---------------------------------------------------------------- passes

/// Finds the citations of `n.text`. `own` is the citing document's number and
/// date; `masked` holds original-text ranges that may not be linked.
pub fn recognise(n: &Normalized, own: (&Number, Option<Date>), masked: &[Range<usize>]) -> Found {
    let t = n.text.as_str();
    let mut found = Found::default();
    let in_mask = |r: &Range<usize>| {
        let (s, e) = (n.start(r.start), n.end(r.end));
        masked.iter().any(|m| s < m.end && m.start < e)
    };

    // Pass 1: numbers.
    // ASCII digits never occur inside a multi-byte character, so a byte scan
    // finds every candidate at a character boundary.
    let bytes = t.as_bytes();
    let width = |cs: &[char]| cs.iter().map(|c| c.len_utf8()).sum::<usize>();
    let mut tokens: Vec<(Range<usize>, Number)> = Vec::new();
    let mut short_candidates: Vec<(usize, usize, usize, u32)> = Vec::new();
    let mut slice: Vec<char> = Vec::with_capacity(64);
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i = next_digit(bytes, i + 1);
            continue;
        }
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        // Numbers are read from at most 64 characters.
        let digits = run.min(64);
        let prev = t[..i].chars().next_back();
        let after_so = ends_with_ci(&t[..i], "số").is_some();
        let left_ok = !prev.is_some_and(|p| p.is_alphanumeric() || p == '/' || p == '-') || after_so;
        let parsed = if left_ok && number::may_start(&bytes[i..]) {
            slice.clear();
            slice.extend(t[i..].chars().take(64));
            number::parse_prefix(&slice)
        } else {
            None
        };
        match parsed {
            Some((num, used)) if !slice.get(used).is_some_and(|c| c.is_alphanumeric()) => {
                let end = i + width(&slice[..used]);
                tokens.push((i..end, num));
                i = end;
            }
            _ => {
                // A short form: a type word, maybe "số", a space, digits and no code.
                if run <= 6 && prev == Some(' ') {
                    let b = t[..i].trim_end_matches(' ');
                    let b = ends_with_word(b, "số").map_or(b, |p| t[..p].trim_end_matches(' '));
                    let word = if may_end_type_word(b) {
                        TYPE_WORDS
                            .iter()
                            .position(|(w, _, codes)| !codes.contains(&"*") && ends_with_word(b, w).is_some())
                    } else {
                        None
                    };
                    if let (Some(w_idx), Ok(seq)) = (word, t[i..i + run].parse::<u32>()) {
                        let s = ends_with_word(b, TYPE_WORDS[w_idx].0).unwrap_or(i);
                        short_candidates.push((s, i + run, w_idx, seq));
                    }
                }
                // Lost hyphens: "127KL/TW", "127 KL/TW" after "số" or a type word.
                // First the cheap test: a space before, and an upper-case
                // letter after the digits (and maybe one space).
                let after = t[i + digits..].chars().take(64 - digits);
                let mut two = after.clone().take(2);
                let first = two.next().filter(|c| *c != ' ').or_else(|| two.next());
                if !(left_ok && prev == Some(' ') && first.is_some_and(|c| c.is_alphabetic() && c.is_uppercase())) {
                    i += digits.max(1);
                    continue;
                }
                let rest: String = after.take(24).collect();
                let r = rest.strip_prefix(' ').unwrap_or(&rest);
                let code: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
                let lost = !code.is_empty()
                    && code.chars().next().is_some_and(|c| c.is_uppercase())
                    && r[code.len()..].starts_with('/')
                    && (ends_with_ci(t[..i].trim_end(), "số").is_some()
                        || TYPE_WORDS
                            .iter()
                            .any(|(w, _, _)| ends_with_word(t[..i].trim_end(), w).is_some()));
                if lost {
                    let end = i + digits + (rest.len() - r.len()) + code.len();
                    let tail: String = r[code.len() + 1..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric())
                        .collect();
                    found.warnings.push(Warning {
                        code: "W-HYPHEN",
                        range: i..end,
                        message: format!("số ký hiệu có vẻ mất dấu `-`: `{}`", &t[i..end + 1 + tail.len()].trim()),
                        hint: format!(
                            "viết `{}-{code}/{tail}` (có dấu `-` giữa số và mã loại)",
                            &t[i..i + digits]
                        ),
                    });
                }
                i += digits.max(1);
            }
        }
    }

    // Pass 2: what stands before and after each number.
    let own_key = own.0.key();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut own_ranges: Vec<Range<usize>> = Vec::new();
    for (range, num) in &tokens {
        let mut start = range.start;
        let mut b = t[..start].trim_end_matches(' ');
        let mut has_so = false;
        if let Some(p) = ends_with_ci(b, "số") {
            has_so = true;
            start = p;
            b = t[..p].trim_end_matches(' ');
        }
        let mut word = None;
        for (w_idx, (w, _, _)) in TYPE_WORDS.iter().enumerate() {
            if let Some(p) = ends_with_word(b, w) {
                word = Some(w_idx);
                start = p;
                break;
            }
        }
        if word.is_none() && NOT_BEFORE.iter().any(|w| ends_with_word(b, w).is_some()) {
            continue;
        }
        let _ = has_so;
        let mut number = num.clone();
        // A Party-shaped number with a State issuer is a State number written wrong.
        if number.shape == Shape::Party
            && number
                .codes
                .get(1)
                .is_some_and(|c| words::STATE_ISSUERS.contains(&c.as_str()))
        {
            let head = number.canonical.split('-').next().unwrap_or_default();
            let fixed = format!("{head}/{}-{}", number.codes[0], number.codes[1..].join("-"));
            if let Ok(f) = number::parse(&fixed) {
                found.warnings.push(Warning {
                    code: "W-MISWRITTEN",
                    range: range.clone(),
                    message: format!(
                        "`{}` viết theo dạng số của Đảng nhưng mã `{}` là của cơ quan Nhà nước; hiểu là `{}`",
                        number.canonical, number.codes[1], f.canonical
                    ),
                    hint: format!("sửa thành `{}`", f.canonical),
                });
                number = f;
            }
        }
        // After: date, year, term, issuers (in either order), then the subject.
        let mut m = Mention::bare(start..range.end, number, word, false);
        read_tail(t, &mut m);
        let own_mention = m.number.key() == own_key && (m.date.is_none() || m.date == own.1 || own.1.is_none());
        if own_mention {
            own_ranges.push(m.range.clone());
            continue;
        }
        if let Some(w) = m.word {
            if !words::word_fits(TYPE_WORDS[w].2, &m.number) {
                found.warnings.push(Warning {
                    code: "W-TYPEWORD",
                    range: m.range.clone(),
                    message: format!(
                        "tên loại `{}` không khớp với mã loại trong số `{}`",
                        &t[m.range.start..m.range.start + TYPE_WORDS[w].0.len().min(m.range.len())].trim(),
                        m.number.canonical
                    ),
                    hint: "kiểm tra lại tên loại hoặc số ký hiệu; liên kết dựa theo số ký hiệu".to_string(),
                });
                m.word = None;
            }
        }
        mentions.push(m);
    }

    // Pass 3: lists share a trailing date and issuer, and a leading type word.
    for i in (0..mentions.len().saturating_sub(1)).rev() {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        let bare = a.date.is_none() && a.year.is_none() && a.issuers.is_empty() && a.subject.is_none();
        if bare && a.tail <= b.range.start && is_connector(&t[a.tail..b.range.start]) {
            let (date, year, term, issuers) = (b.date, b.year, b.term, b.issuers.clone());
            let a = &mut mentions[i];
            a.date = date;
            a.year = year;
            a.term = term;
            a.issuers = issuers;
        }
    }
    for i in 1..mentions.len() {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        if b.word.is_none() && a.word.is_some() && a.tail <= b.range.start && is_connector(&t[a.tail..b.range.start]) {
            let w = a.word;
            if w.is_some_and(|w| words::word_fits(TYPE_WORDS[w].2, &mentions[i].number)) {
                mentions[i].word = w;
            }
        }
    }

    // Pass 4: issuer and date stated before "ban hành".
    for m in &mut mentions {
        if m.date.is_some() || !m.issuers.is_empty() {
            continue;
        }
        let cs = clause_start(t, m.range.start);
        let prefix = t[cs..m.range.start].trim_end();
        let Some(p) = ends_with_word(prefix, "ban hành") else {
            continue;
        };
        let mut inner = prefix[..p].trim_end();
        if let Some(q) = ends_with_word(inner, "đã") {
            inner = inner[..q].trim_end();
        }
        let mut body = inner.trim_start_matches([',', ' ']);
        if let Some(at) = lower_same_len(body).find("ngày ") {
            if let Some((date, _, len)) = date_at(&body[at + "ngày ".len()..], false) {
                m.date = date;
                body = body[at + "ngày ".len() + len..].trim_start_matches([',', ' ']);
            }
        }
        if let Some((names, len)) = issuers_at(body) {
            if len >= body.trim_end().len() {
                m.issuers = names;
            }
        }
    }

    // Pass 5: relations from cues.
    for i in 0..mentions.len() {
        let start = mentions[i].range.start;
        let cs = clause_start(t, start);
        let prefix = &t[cs..start];
        let mut relation = cue_relation(prefix);
        // A list after the cue: "Căn cứ Nghị quyết số X, Nghị quyết số Y".
        if relation.is_none() && i > 0 {
            let prev = &mentions[i - 1];
            if prev.tail <= start && is_connector(&t[prev.tail..start]) && prev.relation != Relation::Cites {
                relation = Some(prev.relation);
            }
        }
        // The document naming itself: "công văn số 73-CV/TU về việc triển khai Kết luận ...",
        // "Chỉ thị này thay thế ...".
        if relation.is_none() {
            for o in own_ranges.iter().filter(|o| o.end <= start && o.start >= cs) {
                let gap = lower(t[o.end..start].trim());
                let gap = gap
                    .strip_prefix("về việc")
                    .or_else(|| gap.strip_prefix("về"))
                    .unwrap_or(&gap)
                    .trim()
                    .to_string();
                if let Some(r) = CUES.iter().find(|(c, _)| *c == gap).and_then(|(_, r)| *r) {
                    relation = Some(r);
                }
            }
            let p = lower(strip_numbering(prefix));
            for (w, _, _) in TYPE_WORDS {
                let rest = p.strip_prefix(w).and_then(|r| r.strip_prefix(" này ")).map(str::trim);
                if let Some(r) = rest
                    .and_then(|r| CUES.iter().find(|(c, _)| *c == r))
                    .and_then(|(_, r)| *r)
                {
                    relation = Some(r);
                }
            }
        }
        mentions[i].relation = relation.unwrap_or(Relation::Cites);
    }

    // Pass 6: aliases ("(viết tắt là Nghị quyết 57)") and short forms.
    let mut taken = Taken::default();
    for r in mentions
        .iter()
        .map(|m| m.range.clone())
        .chain(own_ranges.iter().cloned())
    {
        taken.add(r);
    }
    let mut extra: Vec<Mention> = Vec::new();
    // Definitions by alias text: (where the definition ends, the mention it names).
    let mut aliases: std::collections::BTreeMap<String, Vec<(usize, usize)>> = std::collections::BTreeMap::new();
    for (idx, m) in mentions.iter().enumerate() {
        // Every introduction opens a parenthesis right after the mention.
        if !t[m.tail..].trim_start().starts_with('(') {
            continue;
        }
        let rest_l = &lower_same_len(&t[m.tail..floor(t, m.tail + 200)]);
        for intro in [
            "(viết tắt là ",
            "(sau đây viết tắt là ",
            "(gọi tắt là ",
            "(sau đây gọi tắt là ",
            "(sau đây gọi là ",
        ] {
            let Some(at) = rest_l.find(intro) else { continue };
            if !rest_l[..at].trim().is_empty() {
                continue;
            }
            let from = m.tail + at + intro.len();
            let Some(close) = t[from..floor(t, from + 120)].find(')') else {
                continue;
            };
            let alias = t[from..from + close].trim().trim_matches(['"', '“', '”', '\'']).trim();
            if alias.chars().count() < 4 || !alias.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            taken.add(from..from + close);
            aliases
                .entry(lower_same_len(alias))
                .or_default()
                .push((from + close, idx));
        }
    }
    let tl = if aliases.is_empty() {
        String::new()
    } else {
        lower_same_len(t)
    };
    for (alias_l, defs) in &aliases {
        let mut pos = defs[0].0;
        while let Some(found_at) = tl[pos..].find(alias_l.as_str()) {
            let s = pos + found_at;
            let e = s + alias_l.len();
            pos = e;
            if !t.is_char_boundary(s) || !t.is_char_boundary(e) {
                continue;
            }
            let boundary = !t[..s].chars().next_back().is_some_and(char::is_alphanumeric)
                && !t[e..].chars().next().is_some_and(char::is_alphanumeric);
            // The latest definition before this use.
            let def = defs.iter().rev().find(|(end, _)| *end <= s).map(|(_, idx)| *idx);
            if let (true, Some(idx)) = (boundary && !taken.overlaps(s..e), def) {
                let mut a = mentions[idx].clone();
                a.range = s..e;
                a.tail = e;
                a.short = true;
                a.subject = None;
                a.relation = cue_relation(&t[clause_start(t, s)..s]).unwrap_or(Relation::Cites);
                taken.add(s..e);
                extra.push(a);
            }
        }
    }
    let mut by_seq: std::collections::HashMap<u32, Vec<usize>> = std::collections::HashMap::new();
    for (idx, m) in mentions.iter().enumerate() {
        by_seq.entry(m.number.seq).or_default().push(idx);
    }
    // (mention, type word, relation) given by a short number listed before it.
    let mut word_updates: Vec<(usize, usize, Relation)> = Vec::new();
    for &(s, e, w_idx, seq) in &short_candidates {
        let codes = TYPE_WORDS[w_idx].2;
        {
            let after = &t[e..];
            if after.chars().next().is_some_and(char::is_alphanumeric)
                || (after.starts_with(['-', '/', '.']) && after[1..].chars().next().is_some_and(char::is_alphanumeric))
            {
                continue;
            }
            let follow = after.trim_start_matches(' ');
            let ok_follow = follow.is_empty()
                || follow.starts_with([',', '.', ';', ':', ')', '(', '\n'])
                || [
                    "của", "ngày", "về", "và", "khóa", "khoá", "đã", "được", "là", "thì", "nêu", "tại", "trên", "này",
                ]
                .iter()
                .any(|x| starts_with_word(follow, x).is_some())
                || starts_with_word(follow, "năm").is_some_and(|l| year_alone(follow[l..].trim_start()));
            if !ok_follow || taken.overlaps(s..e) {
                continue;
            }
            // Case of the first letter: a lower-case type word mid-sentence is as good.
            let mut m = Mention::bare(s..e, own.0.clone(), Some(w_idx), true);
            read_tail(t, &mut m);
            m.subject = None;
            let cs = clause_start(t, s);
            m.relation = cue_relation(&t[cs..s]).unwrap_or(Relation::Cites);
            if own.0.seq == seq && words::word_fits(codes, own.0) {
                continue;
            }
            taken.add(s..e);
            // Resolved in the document when it names the full symbol.
            let full = by_seq
                .get(&seq)
                .and_then(|list| {
                    list.iter()
                        .map(|&k| &mentions[k])
                        .find(|f| words::word_fits(codes, &f.number))
                })
                .map(|f| f.number.clone());
            // "Nghị quyết số 18, 19-NQ/TW": the number before a full one in a list takes its codes.
            let listed = || {
                let (next_idx, next) = mentions.iter().enumerate().find(|(_, f)| f.range.start >= e)?;
                let gap = t[e..next.range.start].trim_start_matches(' ');
                let gap = gap.strip_prefix("số").unwrap_or(gap);
                if !(is_connector(&t[e..next.range.start]) || is_connector(gap)) || next.number.shape != Shape::Party {
                    return None;
                }
                let n = number::parse(&format!(
                    "{seq}-{}/{}",
                    next.number.codes[0],
                    next.number.codes[1..].join("-")
                ))
                .ok()?;
                words::word_fits(codes, &n).then_some((n, (next_idx, next.clone())))
            };
            let full = full
                .map(|n| (n, None))
                .or_else(|| listed().map(|(n, next)| (n, Some(next))));
            match full {
                Some((number, next)) => {
                    m.number = number;
                    if let Some((next_idx, next)) = next {
                        word_updates.push((next_idx, w_idx, m.relation));
                        // It shares the list's date and issuer.
                        m.date = m.date.or(next.date);
                        m.year = m.year.or(next.year);
                        if m.issuers.is_empty() {
                            m.issuers = next.issuers.clone();
                        }
                        m.short = false;
                    }
                    extra.push(m);
                }
                None => found.shorts.push(Short {
                    range: s..e,
                    word: w_idx,
                    seq,
                    date: m.date,
                    year: m.year,
                    issuers: m.issuers,
                    relation: m.relation,
                }),
            }
        }
    }
    for (idx, w, relation) in word_updates {
        let m = &mut mentions[idx];
        m.word = m.word.or(Some(w));
        if m.relation == Relation::Cites {
            m.relation = relation;
        }
    }
    mentions.extend(extra);
    mentions.retain(|m| !in_mask(&m.range));
    found.shorts.retain(|s| !in_mask(&s.range));
    mentions.sort_by_key(|m| m.range.start);
    found.shorts.sort_by_key(|s| s.range.start);
    found.mentions = mentions;

    // Legacy font encodings.
    let odd = legacy_marks(t);
    if odd.len() >= 3 && odd.len() * 200 >= t.chars().filter(|c| c.is_alphabetic()).count() {
        let at = odd[0];
        let end = at + t[at..].chars().next().map_or(1, char::len_utf8);
        found.warnings.push(Warning {
            code: "W-ENCODING",
            range: at..end,
            message: "văn bản có vẻ được gõ bằng phông chữ cũ (TCVN3/VNI), không phải Unicode".to_string(),
            hint:
                "chuyển mã sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã, TCVN3 hoặc VNI sang Unicode) rồi dán lại"
                    .to_string(),
        });
    }
    found
}

/// Reads date, year, term and issuers after a mention (in any order), then
/// its subject, and records how far it read.
fn read_tail(t: &str, m: &mut Mention) {
    let mut p = m.range.end;
    for _ in 0..4 {
        let rest = &t[p..];
        let (comma, r) = match rest.strip_prefix(',') {
            Some(r) => (1, r),
            None => (0, rest),
        };
        let Some(sp) = r.strip_prefix(' ').map(|_| 1) else {
            break;
        };
        let r = &r[sp..];
        let base = p + comma + sp;
        if m.date.is_none() && m.year.is_none() && m.day_month.is_none() {
            let (ngay, rr) = match starts_with_ci(r, "ngày ") {
                Some(l) => (l, &r[l..]),
                None => (0, r),
            };
            if let Some((date, dm, len)) = date_at(rr, ngay > 0) {
                m.date = date;
                m.day_month = dm;
                p = base + ngay + len;
                continue;
            }
            if let Some(l) = starts_with_ci(r, "năm ") {
                if let Some((y, 4)) = digits_at(&r[l..], 4) {
                    if !r[l + 4..].chars().next().is_some_and(char::is_alphanumeric) {
                        m.year = Some(y as i32);
                        p = base + l + 4;
                        continue;
                    }
                }
            }
        }
        if m.term.is_none() {
            if let Some(l) = starts_with_ci(r, "khóa ").or_else(|| starts_with_ci(r, "khoá ")) {
                let roman: String = r[l..]
                    .chars()
                    .take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x'))
                    .collect();
                if let Some((_, a, b)) = TERMS.iter().find(|(k, _, _)| *k == lower(&roman)) {
                    if !r[l + roman.len()..].chars().next().is_some_and(char::is_alphanumeric) {
                        m.term = Some((*a, *b));
                        p = base + l + roman.len();
                        continue;
                    }
                }
            }
        }
        if m.issuers.is_empty() && comma == 0 {
            if let Some(l) = starts_with_ci(r, "của ") {
                if let Some((names, len)) = issuers_at(&r[l..]) {
                    m.issuers = names;
                    p = base + l + len;
                    continue;
                }
            }
        }
        break;
    }
    m.tail = p;
    if let Some((subject, len)) = subject_at(&t[p..]) {
        m.subject = Some(subject);
        m.tail = p + len;
    }
}

#[cfg(test)]
mod tests;
