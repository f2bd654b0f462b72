//! Số ký hiệu: the grammar of a document number.
//!
//! In: a number as printed, after value normalisation (`4029-CV/TU`,
//! `30/2020/NĐ-CP`, `1234/QĐ-UBND`, `4079/UBND-KT`). Out: a [`Number`] with its
//! shape, sequence, codes and canonical form, or a [`NumberError`] that says
//! where (character offset and width) and what was expected.
//!
//! The grammar is section 2 of `docs/contracts/numbers-and-references.md`:
//!
//! ```text
//! NUM    = [0-9]{1,6}[a-z]?
//! CODE   = [A-ZĐƯ][A-Za-zĐđƯư0-9]*
//! PARTY  = NUM - TYPE / ISSUER(-CODE)*
//! STATEY = NUM / YEAR / CODE(-CODE)*
//! STATE  = NUM / A - B(-CODE)*
//! ```
//!
//! One stray space around `-` and `/` is tolerated; the canonical form has
//! none. Leading zeros are kept for display and ignored for comparison.
//! Codes typed without Vietnamese letters (`QD`, `ND`, `BCDTW`) are read as
//! `QĐ`, `NĐ`, `BCĐTW` only when the ASCII code is not itself a known code.

use crate::codes;

/// How a number is built, which decides its numbering series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Shape {
    /// `NUM-TYPE/ISSUER`: numbered per type and per term of the committee.
    Party,
    /// `NUM/YEAR/CODE-...`: a legal normative document, numbered per year.
    StateYear(i32),
    /// `NUM/A-B`: numbered per agency per calendar year.
    State,
}

/// A parsed document number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Number {
    /// The canonical printed form: no stray spaces, ASCII codes restored,
    /// leading zeros kept (`02-KH/TU`).
    pub canonical: String,
    /// The sequence number, compared numerically (`02` == `2`).
    pub seq: u32,
    /// A letter after the sequence (`30c`), if any.
    pub letter: Option<char>,
    /// The shape.
    pub shape: Shape,
    /// Party: `[TYPE, ISSUER, ...]`; State: the codes after the year or slash.
    pub codes: Vec<String>,
    /// The comparison key, computed once (see [`Number::key`]).
    key: String,
}

/// What went wrong, with the character offset and width in the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct NumberError {
    /// What was expected.
    pub kind: NumberErrorKind,
    /// Character offset into the input.
    pub at: usize,
    /// Width in characters of the offending text (at least 1).
    pub width: usize,
}

/// The kinds of number errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberErrorKind {
    /// Nothing to parse.
    #[error("số ký hiệu trống")]
    Empty,
    /// The number must start with its sequence.
    #[error("số ký hiệu phải bắt đầu bằng chữ số (ví dụ `4029-CV/TU`)")]
    ExpectedDigits,
    /// More than six digits.
    #[error("phần số có quá 6 chữ số")]
    TooManyDigits,
    /// `-` or `/` expected.
    #[error("thiếu dấu `-` hoặc `/` sau phần số")]
    ExpectedSeparator,
    /// A specific separator expected.
    #[error("cần dấu `{0}` ở đây")]
    Expected(char),
    /// A code must start with a capital letter.
    #[error("cần một mã viết hoa (như `KL`, `TW`, `UBND`) ở đây")]
    ExpectedCode,
    /// Something after the number.
    #[error("có ký tự thừa sau số ký hiệu")]
    Trailing,
}

struct Cursor<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn err(&self, kind: NumberErrorKind) -> NumberError {
        NumberError {
            kind,
            at: self.pos,
            width: 1,
        }
    }

    /// A separator with at most one space either side.
    fn sep(&mut self) -> Option<char> {
        let start = self.pos;
        if self.peek() == Some(' ') {
            self.pos += 1;
        }
        match self.peek() {
            Some(c @ ('-' | '/')) => {
                self.pos += 1;
                if self.peek() == Some(' ') {
                    self.pos += 1;
                }
                Some(c)
            }
            _ => {
                self.pos = start;
                None
            }
        }
    }

    fn expect_sep(&mut self, want: char) -> Result<(), NumberError> {
        let start = self.pos;
        match self.sep() {
            Some(c) if c == want => Ok(()),
            _ => {
                self.pos = start;
                Err(self.err(NumberErrorKind::Expected(want)))
            }
        }
    }

    fn digits(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn code(&mut self) -> Result<String, NumberError> {
        match self.peek() {
            Some(c) if c.is_ascii_uppercase() || c == 'Đ' || c == 'Ư' => {}
            _ => return Err(self.err(NumberErrorKind::ExpectedCode)),
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, 'Đ' | 'đ' | 'Ư' | 'ư'))
        {
            self.pos += 1;
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }
}

fn make_key(seq: u32, letter: Option<char>, shape: Shape, codes: &[String]) -> String {
    let letter = letter.map(String::from).unwrap_or_default();
    let codes = codes.join("-").to_uppercase();
    match shape {
        Shape::Party => format!("P:{seq}{letter}:{codes}"),
        Shape::StateYear(y) => format!("Y:{seq}{letter}:{y}:{codes}"),
        Shape::State => format!("S:{seq}{letter}:{codes}"),
    }
}

/// Parses a number as printed.
pub fn parse(input: &str) -> Result<Number, NumberError> {
    let chars: Vec<char> = input.chars().collect();
    let (number, used) = parse_chars(&chars)?;
    if used < chars.len() {
        return Err(NumberError {
            kind: NumberErrorKind::Trailing,
            at: used,
            width: chars.len() - used,
        });
    }
    Ok(number)
}

/// Parses the longest number at the start of `chars`; returns it and the
/// number of characters it takes. Used to find numbers in running text.
pub fn parse_prefix(chars: &[char]) -> Option<(Number, usize)> {
    parse_chars(chars).ok()
}

/// Whether [`parse_prefix`] may find a number at the start of `bytes`, on
/// the bytes alone: one to six ASCII digits, maybe a lower-case letter,
/// maybe a space, then `-` or `/`. Running text has many more runs of
/// digits (dates, numbered parts) than numbers; only these are read.
pub fn may_start(bytes: &[u8]) -> bool {
    let run = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if run == 0 || run > 6 {
        return false;
    }
    let mut j = run;
    if bytes.get(j).is_some_and(u8::is_ascii_lowercase) {
        j += 1;
    }
    if bytes.get(j) == Some(&b' ') {
        j += 1;
    }
    matches!(bytes.get(j), Some(b'-' | b'/'))
}

fn parse_chars(chars: &[char]) -> Result<(Number, usize), NumberError> {
    let mut c = Cursor { chars, pos: 0 };
    if c.chars.is_empty() {
        return Err(c.err(NumberErrorKind::Empty));
    }
    let digits = c.digits();
    if digits.is_empty() {
        return Err(NumberError {
            kind: NumberErrorKind::ExpectedDigits,
            at: 0,
            width: 1,
        });
    }
    if digits.len() > 6 {
        return Err(NumberError {
            kind: NumberErrorKind::TooManyDigits,
            at: 0,
            width: digits.len(),
        });
    }
    let seq: u32 = digits.parse().map_err(|_| c.err(NumberErrorKind::ExpectedDigits))?;
    let letter = match c.peek() {
        Some(l) if l.is_ascii_lowercase() => {
            c.pos += 1;
            Some(l)
        }
        _ => None,
    };
    let (shape, codes) = match c.sep() {
        Some('-') => {
            let ty = fix_code(c.code()?, |k| codes::party_type(k).is_some());
            c.expect_sep('/')?;
            let issuer = fix_code(c.code()?, known_party_issuer);
            let mut codes = vec![ty, issuer];
            codes.extend(rest_codes(&mut c)?);
            (Shape::Party, codes)
        }
        Some(_) => {
            let save = c.pos;
            let year = c.digits();
            if year.len() == 4 && c.sep() == Some('/') {
                let year: i32 = year.parse().map_err(|_| c.err(NumberErrorKind::ExpectedDigits))?;
                let first = fix_code(c.code()?, known_state_code);
                let mut codes = vec![first];
                codes.extend(rest_codes(&mut c)?);
                (Shape::StateYear(year), codes)
            } else {
                c.pos = save;
                let a = fix_code(c.code()?, known_state_code);
                c.expect_sep('-')?;
                let b = fix_code(c.code()?, known_state_code);
                let mut codes = vec![a, b];
                codes.extend(rest_codes(&mut c)?);
                (Shape::State, codes)
            }
        }
        None => return Err(c.err(NumberErrorKind::ExpectedSeparator)),
    };
    let head = format!("{digits}{}", letter.map(String::from).unwrap_or_default());
    let canonical = match shape {
        Shape::Party => format!("{head}-{}/{}", codes[0], codes[1..].join("-")),
        Shape::StateYear(y) => format!("{head}/{y}/{}", codes.join("-")),
        Shape::State => format!("{head}/{}", codes.join("-")),
    };
    let key = make_key(seq, letter, shape, &codes);
    Ok((
        Number {
            canonical,
            seq,
            letter,
            shape,
            codes,
            key,
        },
        c.pos,
    ))
}

fn rest_codes(c: &mut Cursor) -> Result<Vec<String>, NumberError> {
    let mut out = Vec::new();
    loop {
        let save = c.pos;
        if c.sep() == Some('-') {
            if let Ok(code) = c.code() {
                out.push(fix_code(code, known_state_code));
                continue;
            }
        }
        c.pos = save;
        return Ok(out);
    }
}

/// Restores `Đ` in a code typed without Vietnamese letters when the ASCII
/// code is unknown and exactly the restored one is known.
fn fix_code(code: String, known: impl Fn(&str) -> bool) -> String {
    if known(&code) || !code.contains('D') {
        return code;
    }
    let fixed = code.replace('D', "Đ");
    if known(&fixed) {
        return fixed;
    }
    // One D at a time (`HDND` -> `HĐND`).
    for (i, _) in code.match_indices('D') {
        let candidate = format!("{}Đ{}", &code[..i], &code[i + 1..]);
        if known(&candidate) {
            return candidate;
        }
    }
    code
}

fn known_party_issuer(code: &str) -> bool {
    matches!(
        code,
        "TW" | "TU" | "HU" | "ĐU" | "BCĐTW" | "VPTW" | "BTCTW" | "UBKTTW" | "BTGTW" | "BTGDVTW"
    ) || code.starts_with("ĐU")
        || code.ends_with("TU")
}

fn known_state_code(code: &str) -> bool {
    codes::state_type(code).is_some() || codes::STATE_LOCAL_ISSUERS.contains(&code)
}

/// The type a number's code gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerivedType {
    /// One type word.
    One(&'static str),
    /// Party `QĐ`: Quyết định or Quy định; the word must tell.
    QuyetDinhOrQuyDinh,
    /// The code names no type (`45/2019/QH14`): `type` must say.
    Unknown,
}

impl Number {
    /// A comparison key: sequence numeric, codes upper-cased.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The number with `TƯ` read as `code` (`TW` or `TU`), when it prints
    /// `TƯ` as its Party issuer; else itself.
    pub fn reading_tu(self, code: &str) -> Number {
        if self.shape != Shape::Party || self.codes.get(1).map(String::as_str) != Some("TƯ") {
            return self;
        }
        parse(&self.canonical.replace("/TƯ", &format!("/{code}"))).unwrap_or(self)
    }

    /// The type word(s) the code gives.
    pub fn derived_type(&self) -> DerivedType {
        let first = self.codes.first().map(String::as_str).unwrap_or("");
        match self.shape {
            Shape::Party if first == "QĐ" => DerivedType::QuyetDinhOrQuyDinh,
            Shape::Party => codes::party_type(first).map_or(DerivedType::Unknown, DerivedType::One),
            Shape::StateYear(_) => codes::state_type(first).map_or(DerivedType::Unknown, DerivedType::One),
            Shape::State => DerivedType::One(codes::state_type(first).unwrap_or("Công văn")),
        }
    }

    /// Whether the series repeats in every province (`/TU`, `-UBND`, `-S..`).
    pub fn is_local(&self) -> bool {
        match self.shape {
            Shape::Party => self.codes.get(1).is_some_and(|c| codes::party_issuer_is_local(c)),
            Shape::StateYear(_) | Shape::State => self.codes.iter().any(|c| codes::state_issuer_is_local(c)),
        }
    }

    /// Whether it is a law's or an ordinance's (`45/2019/QH14`, `…/UBTVQH15`).
    pub fn is_law(&self) -> bool {
        self.codes
            .first()
            .is_some_and(|c| c.starts_with("QH") || c.starts_with("UBTVQH"))
    }

    /// Whether the National Assembly or its Standing Committee issued it (a
    /// law, or a resolution `…/NQ-UBTVQH15`).
    pub fn by_national_assembly(&self) -> bool {
        self.codes
            .iter()
            .any(|c| c.starts_with("QH") || c.starts_with("UBTVQH"))
    }

    /// The year printed in the number (`30/2020/NĐ-CP`).
    pub fn printed_year(&self) -> Option<i32> {
        match self.shape {
            Shape::StateYear(y) => Some(y),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte test never turns away a number `parse_prefix` would read.
        #[test]
        fn may_start_keeps_every_number(s in "[0-9]{1,8}[a-c]?( )?[-/ ]?( )?(KL|NQ|QĐ|TW|CP|TU|HD|2025|a|Đ)?[-/]?(TW|CP|UBND|x)?") {
            let chars: Vec<char> = s.chars().collect();
            if parse_prefix(&chars).is_some() {
                proptest::prop_assert!(may_start(s.as_bytes()), "{}", s);
            }
        }
    }

    #[test]
    fn valid_numbers() {
        // input, canonical, shape, codes, local
        let table: &[(&str, &str, Shape, &[&str], bool)] = &[
            ("4029-CV/TU", "4029-CV/TU", Shape::Party, &["CV", "TU"], true),
            ("127-KL/TW", "127-KL/TW", Shape::Party, &["KL", "TW"], false),
            ("02-KH/BCĐTW", "02-KH/BCĐTW", Shape::Party, &["KH", "BCĐTW"], false),
            ("9068-CV/BTCTW", "9068-CV/BTCTW", Shape::Party, &["CV", "BTCTW"], false),
            ("100 - KL/TW", "100-KL/TW", Shape::Party, &["KL", "TW"], false),
            ("68- NQ/TW", "68-NQ/TW", Shape::Party, &["NQ", "TW"], false),
            ("35-CT/ TW", "35-CT/TW", Shape::Party, &["CT", "TW"], false),
            ("12-QD/TW", "12-QĐ/TW", Shape::Party, &["QĐ", "TW"], false),
            ("5-KH/BCDTW", "5-KH/BCĐTW", Shape::Party, &["KH", "BCĐTW"], false),
            ("7-QĐi/TW", "7-QĐi/TW", Shape::Party, &["QĐi", "TW"], false),
            (
                "30/2020/NĐ-CP",
                "30/2020/NĐ-CP",
                Shape::StateYear(2020),
                &["NĐ", "CP"],
                false,
            ),
            (
                "30/2020/ND-CP",
                "30/2020/NĐ-CP",
                Shape::StateYear(2020),
                &["NĐ", "CP"],
                false,
            ),
            (
                "02/2011/TTLT-VPCP-BNV",
                "02/2011/TTLT-VPCP-BNV",
                Shape::StateYear(2011),
                &["TTLT", "VPCP", "BNV"],
                false,
            ),
            ("45/2019/QH14", "45/2019/QH14", Shape::StateYear(2019), &["QH14"], false),
            ("1234/QĐ-UBND", "1234/QĐ-UBND", Shape::State, &["QĐ", "UBND"], true),
            ("98 /QĐ-SKHCN", "98/QĐ-SKHCN", Shape::State, &["QĐ", "SKHCN"], true),
            ("16/CT-TTg", "16/CT-TTg", Shape::State, &["CT", "TTg"], false),
            ("4079/UBND-KT", "4079/UBND-KT", Shape::State, &["UBND", "KT"], true),
            ("656/VPCP-TCCV", "656/VPCP-TCCV", Shape::State, &["VPCP", "TCCV"], false),
            ("12/DA-UBND", "12/DA-UBND", Shape::State, &["DA", "UBND"], true),
            ("30c/QĐ-TTg", "30c/QĐ-TTg", Shape::State, &["QĐ", "TTg"], false),
        ];
        for (input, canonical, shape, codes, local) in table {
            let n = parse(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            assert_eq!(n.canonical, *canonical, "{input}");
            assert_eq!(n.shape, *shape, "{input}");
            assert_eq!(
                n.codes,
                codes.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{input}"
            );
            assert_eq!(n.is_local(), *local, "{input}");
        }
    }

    #[test]
    fn invalid_numbers_with_positions() {
        use NumberErrorKind::*;
        // input, kind, char offset, width
        let table: &[(&str, NumberErrorKind, usize, usize)] = &[
            ("", Empty, 0, 1),
            ("KL/TW", ExpectedDigits, 0, 1),
            ("1234567-KL/TW", TooManyDigits, 0, 7),
            ("127", ExpectedSeparator, 3, 1),
            ("127 KL/TW", ExpectedSeparator, 3, 1),
            ("127-kl/TW", ExpectedCode, 4, 1),
            ("127-KL", Expected('/'), 6, 1),
            ("127-KL-TW", Expected('/'), 6, 1),
            ("127-KL/", ExpectedCode, 7, 1),
            ("1234/QĐ", Expected('-'), 7, 1),
            ("4029-CV/TU ngày", Trailing, 10, 5),
            ("Đ-KL/TW", ExpectedDigits, 0, 1),
            ("127--KL/TW", ExpectedCode, 4, 1),
        ];
        for (input, kind, at, width) in table {
            let e = parse(input).expect_err(input);
            assert_eq!((&e.kind, e.at, e.width), (kind, *at, *width), "{input}");
        }
    }

    #[test]
    fn keys_and_types() {
        let a = parse("02-KH/TU").expect("02-KH/TU");
        let b = parse("2-KH/TU").expect("2-KH/TU");
        assert_eq!(a.key(), b.key());
        assert_ne!(a.key(), parse("2-KH/HU").expect("2-KH/HU").key());
        let t = |s: &str| parse(s).map(|n| n.derived_type()).ok();
        assert_eq!(t("127-KL/TW"), Some(DerivedType::One("Kết luận")));
        assert_eq!(t("204-QĐ/TW"), Some(DerivedType::QuyetDinhOrQuyDinh));
        assert_eq!(t("1234/QĐ-UBND"), Some(DerivedType::One("Quyết định")));
        assert_eq!(t("4079/UBND-KT"), Some(DerivedType::One("Công văn")));
        assert_eq!(t("30/2020/NĐ-CP"), Some(DerivedType::One("Nghị định")));
        assert_eq!(t("45/2019/QH14"), Some(DerivedType::Unknown));
        assert_eq!(t("1-XY/TW"), Some(DerivedType::Unknown));
    }
}
