//! Small readers of normalised text shared by the recogniser's passes:
//! case-insensitive matching at word boundaries, digits, dates in every
//! written form, clause boundaries, list connectors, and the ranges taken.

use super::super::normal::floor;
use super::super::words::{self, TYPE_WORDS};
use crate::date::Date;
use std::ops::Range;

pub(super) fn lower_eq(a: char, b: char) -> bool {
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
pub(super) fn ends_with_word(hay: &str, needle: &str) -> Option<usize> {
    let start = ends_with_ci(hay, needle)?;
    match hay[..start].chars().next_back() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(start),
    }
}

/// Where `word` stands in `hay` as a whole word (no letter or digit
/// touching either end), left to right.
pub(super) fn whole_words<'h>(hay: &'h str, word: &'h str) -> impl Iterator<Item = usize> + 'h {
    hay.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        !hay[..i].chars().next_back().is_some_and(char::is_alphanumeric)
            && !hay[i + word.len()..].chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// If `hay` starts with `needle` (case-insensitive), its byte length in `hay`.
pub(super) fn starts_with_ci(hay: &str, needle: &str) -> Option<usize> {
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
pub(super) fn starts_with_word(hay: &str, needle: &str) -> Option<usize> {
    let n = starts_with_ci(hay, needle)?;
    match hay[n..].chars().next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(n),
    }
}

pub(super) fn digits_at(s: &str, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

pub(super) fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Lower case that keeps every byte offset: a character whose lower case has
/// another length is kept as it is.
pub(super) fn lower_same_len(s: &str) -> String {
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
pub(super) fn ends_with_ci(hay: &str, needle: &str) -> Option<usize> {
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
pub(super) fn next_digit(bytes: &[u8], mut i: usize) -> usize {
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
pub(super) fn may_end_type_word(b: &str) -> bool {
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
pub(super) fn legacy_marks(t: &str) -> Vec<usize> {
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
pub(crate) type DateRead = (Option<Date>, Option<(u32, u32)>, usize);

/// A date at the start of `s`: `17/7/2025`, `14-4-2025`, `22.12.2024`,
/// `05 tháng 3 năm 2020`. Returns the date (or day and month when the year
/// is missing and `yearless` allows it) and the length read.
pub(crate) fn date_at(s: &str, yearless: bool) -> Option<DateRead> {
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
    // "ngày 16/6 năm 2022": the year written out after the day and month.
    if let Some(y_at) = starts_with_ci(r2, " năm ") {
        if let Some((y, 4)) = digits_at(&r2[y_at..], 4) {
            let len = n1 + 1 + n2 + y_at + 4;
            if !s[len..].chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return Some((Date::new(y as i32, m, d), None, len));
            }
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
pub(super) fn first_stop(s: &str, stops: &[&str]) -> usize {
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
pub(super) fn clause_start(t: &str, at: usize) -> usize {
    let bytes = t.as_bytes();
    let stop = at.saturating_sub(1000);
    let mut i = at;
    while i > stop {
        i -= 1;
        match bytes[i] {
            b';' | b':' | b'\n' => return i + 1,
            // Two lines of a bold title block, joined by the normalising
            // ("**KẾ HOẠCH** **thực hiện Nghị quyết số …**"): the second
            // line is a clause of its own.
            b' ' if i >= 2 && bytes[i - 2..i] == *b"**" && {
                let next = bytes[i..].iter().position(|&b| b != b' ').map_or(i, |k| i + k);
                bytes[next..].starts_with(b"**")
            } =>
            {
                return i + 1
            }
            // "… số." and a bold heading "**Chuyển đổi số.** Thực hiện …".
            b'.' if {
                let mut j = i + 1;
                while matches!(bytes.get(j), Some(b'*' | b'_')) && j < at {
                    j += 1;
                }
                matches!(bytes.get(j), Some(b' ' | b'\n'))
            } =>
            {
                return i + 1
            }
            _ => {}
        }
    }
    floor(t, stop)
}

/// The clause prefix without list numbering ("3.1.", "a)", "-").
pub(super) fn strip_numbering(p: &str) -> &str {
    let marks =
        |c: char| c.is_ascii_digit() || matches!(c, '.' | ')' | '-' | '+' | '*' | '•' | '\\' | ' ' | '#' | '>' | '_');
    let mut p = p.trim_start_matches(marks);
    // A news report's dateline: "(QTO) - ", "(Chinhphu.vn) – ".
    if let Some(close) = p.strip_prefix('(').and_then(|r| r[..floor(r, 24)].find(')')) {
        let after = p[close + 2..].trim_start();
        if let Some(r) = after.strip_prefix('-').or_else(|| after.strip_prefix('–')) {
            p = r.trim_start_matches(marks);
        }
    }
    let mut chars = p.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next()) {
        if c.is_alphabetic() {
            p = p[c.len_utf8() + 1..].trim_start();
        }
    }
    // Headings of articles and parts: "**Điều 3.**", "Mục 2.", "II.".
    for head in ["điều ", "mục ", "phần ", "chương ", "khoản "] {
        if let Some(l) = starts_with_ci(p, head) {
            let n = p[l..].bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
            if n > 0 && p[l + n..].starts_with(['.', ':']) {
                p = p[l + n + 1..].trim_start_matches(marks);
            }
        }
    }
    let roman = p.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X')).count();
    if roman > 0 && p[roman..].starts_with(". ") {
        p = p[roman + 1..].trim_start_matches(marks);
    }
    p.trim()
}

/// A four-digit year that is not the start of a range ("2021-2025").
pub(super) fn year_alone(s: &str) -> bool {
    digits_at(s, 4).is_some_and(|(_, n)| n == 4)
        && !s[4..].starts_with(['-', '/'])
        && !s[4..].starts_with(char::is_alphanumeric)
}

pub(super) fn is_connector(gap: &str) -> bool {
    // At most 12 characters, so at most 48 bytes: longer is no connector.
    if gap.len() > 48 {
        return false;
    }
    let g = lower(gap);
    let rest = g
        .split([',', ';', ' '])
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w, "và" | "các" | "hoặc" | "cùng"));
    rest && g.chars().count() <= 12
}

/// Ranges already read, for overlap checks in logarithmic time.
#[derive(Default)]
pub(super) struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    pub(super) fn add(&mut self, r: Range<usize>) {
        let end = self.0.entry(r.start).or_insert(r.end);
        *end = (*end).max(r.end);
    }

    /// Whether `r` overlaps a range taken (ranges taken do not nest).
    pub(super) fn overlaps(&self, r: Range<usize>) -> bool {
        self.0.range(..r.end).next_back().is_some_and(|(_, &end)| end > r.start)
    }
}

/// Whether `s` starts with a type word followed by "số" or a digit.
pub(super) fn starts_item(s: &str) -> bool {
    TYPE_WORDS.iter().any(|(w, _, codes)| {
        !codes.contains(&"*")
            && starts_with_word(s, w).is_some_and(|l| {
                let r = s[l..].trim_start();
                starts_with_word(r, "số").is_some() || r.starts_with(|c: char| c.is_ascii_digit())
            })
    })
}
