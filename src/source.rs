//! Source files and text normalisation.
//!
//! In: the bytes of a content file. Out: a [`SourceFile`] that keeps the text
//! exactly as written (minus a UTF-8 BOM), so that every span a later stage
//! records can be shown to the editor at the right line and column, and the
//! helpers that normalise *values* (NFC, look-alike letters, odd dashes and
//! spaces, see `docs/contracts/numbers-and-references.md` section 1) and fold Vietnamese for
//! match keys and URLs.
//!
//! Why values and not the whole file: normalising the file first would move
//! columns, and the editor must be shown the text they typed. Spans are byte
//! ranges; line and column are counted in characters only when shown.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// A byte range into a [`SourceFile`]'s text.
pub type Span = Range<usize>;

/// One content file as it was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content folder, with `/` separators (`2025/73-cv-tu.md`).
    pub rel: String,
    /// Path as given on the command line, for diagnostics.
    pub display: String,
    /// The text with a leading BOM removed; CRLF kept.
    pub text: String,
}

impl SourceFile {
    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// One-based line and column (in characters) of a byte offset in `text`.
/// Offsets past the end or inside a character are clamped.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// The full line (without its line end) that contains `offset`, and its start offset.
pub fn line_at(text: &str, offset: usize) -> (&str, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (text[start..end].trim_end_matches('\r'), start)
}

/// Decodes file bytes: UTF-8 required, a BOM is dropped.
pub fn decode(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    // The check with SIMD (several times faster than the standard one on
    // Vietnamese, where a third of the bytes are not ASCII), then a copy,
    // which costs less than the check saved; the standard check gives the
    // error when there is one.
    let text = match simdutf8::basic::from_utf8(&bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').unwrap_or(s).to_string(),
        Err(_) => String::from_utf8(bytes)?,
    };
    Ok(text)
}

/// Normalises a value for storage and display: NFC, look-alike letters to
/// Vietnamese ones, dashes to `-`, slashes to `/`, odd spaces to a space,
/// invisible characters dropped, runs of white space (line breaks included)
/// folded into one space, and the ends trimmed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    // Most text is NFC already: skip the composition pass when it is.
    let nfc: Box<dyn Iterator<Item = char>> = if is_nfc(s) {
        Box::new(s.chars())
    } else {
        Box::new(s.nfc())
    };
    for c in nfc {
        let Some(c) = tidy(c) else { continue };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Look-alike letters to the Vietnamese ones, dashes to `-`, slashes to
/// `/`, odd spaces to a space; invisible characters to nothing.
#[inline]
pub(crate) fn tidy(c: char) -> Option<char> {
    Some(match c {
        '\u{00D0}' | '\u{0189}' => 'Đ',
        '\u{00F0}' => 'đ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2215}' | '\u{2044}' | '\u{FF0F}' => '/',
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => return None,
        c => c,
    })
}

/// Normalises Markdown body text: like [`normalize`] for letters, dashes and
/// invisible characters, but keeps line structure, which Markdown needs.
pub fn normalize_body(s: &str) -> std::borrow::Cow<'_, str> {
    if body_unchanged(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    if !is_nfc(s) {
        return s.nfc().filter_map(body_char).collect::<String>().into();
    }
    if !has_body_specials(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars().filter_map(body_char).collect::<String>().into()
}

/// Whether `c` is in the fast set of [`is_nfc`] (ASCII, U+0080 to U+02FF,
/// U+1E00 to U+1EFF): NFC on its own, and composing with nothing before it.
/// [`composed_len`] is the same test on the UTF-8 bytes.
#[inline(always)]
pub(crate) fn composes_alone(c: char) -> bool {
    c < '\u{0300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The byte length of the character at `i` of `b` when it is in the fast
/// set of [`is_nfc`] (ASCII, U+0080 to U+02FF, U+1E00 to U+1EFF): NFC on its
/// own, and composing with nothing before it. None otherwise, or at the end.
#[inline(always)]
pub(crate) fn composed_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        x if *x < 0x80 => Some(1),
        0xC2..=0xCB => Some(2),
        0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => Some(3),
        _ => None,
    }
}

/// Whether the character at `i` of `b` is one of the two-byte characters
/// [`tidy`] changes (U+00A0, U+00AD, U+00D0, U+00F0, U+0189), on its bytes.
#[inline(always)]
pub(crate) fn tidied_two_byte(b: &[u8], i: usize) -> bool {
    matches!(
        (b.get(i), b.get(i + 1)),
        (Some(0xC2), Some(0xA0 | 0xAD)) | (Some(0xC3), Some(0x90 | 0xB0)) | (Some(0xC6), Some(0x89))
    )
}

/// Whether [`normalize_body`] leaves `s` as it is, answered on the UTF-8
/// bytes in one pass for the common case: the fast path of [`is_nfc`] and no
/// character [`body_char`] changes. False when unsure (the full path then
/// decides). A text for which this holds holds it for every part of it.
pub fn body_unchanged(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        i += match x {
            b'\r' => return false,
            0x00..=0x7F => 1,
            0xC2 | 0xC3 | 0xC6 if tidied_two_byte(b, i) => return false,
            _ => match composed_len(b, i) {
                Some(n) => n,
                None => return false,
            },
        };
    }
    true
}

/// Whether `s` holds a character [`body_char`] changes, looked for on the
/// UTF-8 bytes (the lead bytes of those characters are rare in Vietnamese).
fn has_body_specials(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, x)| {
        let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
        match x {
            b'\r' => true,
            0xC2 | 0xC3 | 0xC6 => tidied_two_byte(b, i),
            0xE2 => next(1) == 0x80 && matches!(next(2), 0x87 | 0x89 | 0x8B..=0x8D | 0xAF),
            0xEF => next(1) == 0xBB && next(2) == 0xBF,
            _ => false,
        }
    })
}

/// The character a body keeps for `c` (none for invisible ones).
fn body_char(c: char) -> Option<char> {
    match c {
        '\u{00D0}' | '\u{0189}' => Some('Đ'),
        '\u{00F0}' => Some('đ'),
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => None,
        '\r' => None,
        c => Some(c),
    }
}

/// Whether `s` is in NFC, answered quickly for the common case: ASCII, Latin
/// letters below the combining marks (U+0300) and the precomposed Vietnamese
/// letters (U+1E00–U+1EFF) are NFC on their own and start no composition
/// with what precedes them; anything else goes to the full quick check.
pub fn is_nfc(s: &str) -> bool {
    // On the UTF-8 bytes (see `composed_len`); anything else goes to the full check.
    let b = s.as_bytes();
    let mut i = 0;
    let fast = loop {
        match b.get(i) {
            None => break true,
            Some(x) if *x < 0x80 => i += 1,
            Some(_) => match composed_len(b, i) {
                Some(n) => i += n,
                None => break false,
            },
        }
    };
    fast || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
}

/// Folds Vietnamese to ASCII lower case: tone and vowel marks removed, `đ`
/// to `d` (U+0111 has no decomposition, so it is mapped explicitly).
pub fn fold(s: &str) -> String {
    // One pass: the same tidying as `normalize`, then each character to its
    // letters without marks. Text not in NFC is composed first, which puts
    // any remaining marks in canonical order; whether it is, is asked only
    // when a character outside the fast set of `is_nfc` shows up.
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends [`fold`] of `s` to `out`, after a space when both are not empty:
/// the words of the fold of texts joined by spaces, without joining them
/// first.
pub fn fold_into(s: &str, out: &mut String) {
    let mark = out.len();
    if !fold_composed(s, true, out) {
        out.truncate(mark);
        fold_composed(&s.nfc().collect::<String>(), false, out);
    }
}

/// Appends [`fold`] of a text in NFC to `out` (after a space when both are
/// not empty). With `check`: false, with `out` half-written, when the text
/// is not in NFC (asked of `is_nfc` at the first character that it cannot
/// answer for on its fast path).
fn fold_composed(s: &str, mut check: bool, out: &mut String) -> bool {
    let table = fold_table();
    out.reserve(s.len() + 1);
    // A space is pending before the first letter when `out` has some already.
    let (mut space, mut started) = (!out.is_empty(), false);
    for c in s.chars() {
        if check && !composes_alone(c) {
            if !is_nfc(s) {
                return false;
            }
            check = false;
        }
        let code = table.get(c as usize).copied().unwrap_or(FOLD_SLOW);
        let c = match code {
            FOLD_SKIP => continue,
            FOLD_SPACE => {
                space |= started;
                continue;
            }
            FOLD_SLOW => match tidy(c) {
                None => continue,
                Some(t) if t.is_whitespace() => {
                    space |= started;
                    continue;
                }
                Some(t) => t,
            },
            _ => c,
        };
        if space {
            out.push(' ');
            space = false;
        }
        started = true;
        match code {
            FOLD_DROP => {}
            FOLD_SLOW => fold_slow(c, out),
            b => out.push(char::from(b)),
        }
    }
    true
}

/// `fold` of one character the long way: its canonical decomposition, marks
/// dropped, the rest lower-cased.
fn fold_slow(c: char, out: &mut String) {
    let mut push = |d: char| {
        if !('\u{0300}'..='\u{036F}').contains(&d) {
            match d {
                'đ' | 'Đ' => out.push('d'),
                d => out.extend(d.to_lowercase()),
            }
        }
    };
    unicode_normalization::char::decompose_canonical(c, &mut push);
}

/// In the fold table: the character folds to nothing (a combining mark),
/// though it ends a run of white space.
const FOLD_DROP: u8 = 0xFF;
/// In the fold table: an invisible character, skipped altogether.
const FOLD_SKIP: u8 = 0xFE;
/// In the fold table: white space (after tidying).
const FOLD_SPACE: u8 = 0xFD;
/// In the fold table: a character folded the long way ([`fold_slow`]).
const FOLD_SLOW: u8 = 0;

/// For every character below U+2000 (ASCII, the Latin blocks, the combining
/// marks, the precomposed Vietnamese letters), what `fold` does with it after
/// [`tidy`]: the ASCII byte it folds to, or one of the `FOLD_` codes.
fn fold_table() -> &'static [u8; 0x2000] {
    static TABLE: std::sync::OnceLock<[u8; 0x2000]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [FOLD_SLOW; 0x2000];
        for (i, slot) in table.iter_mut().enumerate() {
            let Some(c) = char::from_u32(i as u32) else { continue };
            let Some(c) = tidy(c) else {
                *slot = FOLD_SKIP;
                continue;
            };
            if c.is_whitespace() {
                *slot = FOLD_SPACE;
                continue;
            }
            let mut folded = String::new();
            fold_slow(c, &mut folded);
            *slot = match folded.as_bytes() {
                [] => FOLD_DROP,
                [b] if b.is_ascii() && *b != 0 => *b,
                _ => FOLD_SLOW,
            };
        }
        table
    })
}

/// A URL segment: folded, every run of other characters becomes one `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    // A file name has at most 255 bytes: a longer slug (a body named in
    // three hundred characters) keeps its first 160 and a hash of the whole,
    // so two long names that share a beginning stay apart.
    if out.len() > 180 {
        let hash = out.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        out.truncate(160);
        while out.ends_with('-') {
            out.pop();
        }
        out.push_str(&format!("-{:08x}", hash as u32));
    }
    out
}

/// A match key: folded case and one tone placement (`uỷ`/`ủy`, `khoá`/`khóa`),
/// obtained by dropping the marks entirely; white space folded.
pub fn key(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_slugs_fit_a_file_name_and_stay_apart() {
        let a = slugify(&"Ban Chỉ đạo ".repeat(40));
        let b = slugify(&("Ban Chỉ đạo ".repeat(40) + "khác"));
        assert!(a.len() <= 180 && b.len() <= 180, "{a}");
        assert_ne!(a, b);
        assert_eq!(slugify("Ban Thường vụ Tỉnh ủy"), "ban-thuong-vu-tinh-uy");
    }

    #[test]
    fn normalize_table() {
        let cases = [
            ("\u{00D0}ại hội", "Đại hội"),
            ("Nghi\u{0323}\n quyết", "Nghị quyết"),
            ("127\u{2013}KL\u{2215}TW", "127-KL/TW"),
            ("a\u{00A0}\u{200B}b", "a b"),
            ("  x  ", "x"),
            ("so\u{00AD}ft", "soft"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn fold_and_slug() {
        assert_eq!(fold("Đảng ủy Ứng Hòa"), "dang uy ung hoa");
        assert_eq!(
            slugify("Ban Thường vụ Tỉnh ủy Phú Thọ"),
            "ban-thuong-vu-tinh-uy-phu-tho"
        );
        assert_eq!(slugify("30/2020/NĐ-CP"), "30-2020-nd-cp");
        assert_eq!(key("Ban thường vụ Tỉnh uỷ"), key("Ban Thường vụ  Tỉnh ủy"));
    }

    /// The definition `fold` must agree with: normalise, then decompose
    /// each character and drop the marks.
    fn fold_reference(s: &str) -> String {
        let mut out = String::new();
        for c in normalize(s).chars() {
            fold_slow(c, &mut out);
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The byte scan finds exactly the characters the body mapping changes.
        #[test]
        fn body_specials_by_bytes(s in "([a-zđơư ]|\r|\n|\u{00A0}|\u{00AD}|\u{00D0}|\u{00F0}|\u{0189}|\u{202F}|\u{2007}|\u{2009}|\u{200B}|\u{200C}|\u{200D}|\u{FEFF}|\u{00C0}-\u{00FF}|\u{2000}-\u{2030}|\u{FEF0}-\u{FEFF}){0,20}") {
            let changes = s.chars().any(|c| body_char(c) != Some(c));
            proptest::prop_assert_eq!(has_body_specials(&s), changes);
        }

        /// `body_unchanged` says yes only when normalising changes nothing,
        /// and yes to Vietnamese text.
        #[test]
        fn body_unchanged_by_bytes(s in "([a-zđơư ạ-ỹ]|\r|\n|\u{00A0}|\u{00AD}|\u{00D0}|\u{00F0}|\u{0189}|\u{0301}|\u{0323}|\u{202F}|\u{2007}|\u{2009}|\u{200B}|\u{FEFF}|\u{00C0}-\u{00FF}|\u{2000}-\u{2030}|\u{FEF0}-\u{FEFF}){0,20}") {
            if body_unchanged(&s) {
                let slow: String = s.nfc().filter_map(body_char).collect();
                proptest::prop_assert_eq!(slow, s.clone());
            }
            let plain: String = s.chars().filter(|c| c.is_alphabetic() && (*c as u32) < 0x300 || ('\u{1E00}'..='\u{1EFF}').contains(c) || *c == ' ').filter(|c| body_char(*c) == Some(*c)).collect();
            proptest::prop_assert!(body_unchanged(&plain), "{:?}", plain);
        }

        #[test]
        /// `is_nfc` may say no when unsure (the slow path is then taken), never
        /// yes wrongly; and it says yes to ASCII and Vietnamese letters.
        fn is_nfc_never_wrongly_yes(s in "[a-z \u{00C0}-\u{024F}\u{0300}-\u{0323}\u{1E00}-\u{1EFF}\u{2000}-\u{2126}\u{0340}-\u{0345}]{0,20}") {
            let standard = unicode_normalization::is_nfc(&s);
            proptest::prop_assert!(!is_nfc(&s) || standard);
            let composed: String = s.nfc().filter(|c| composes_alone(*c)).collect();
            proptest::prop_assert!(is_nfc(&composed));
        }

        #[test]
        fn fold_agrees_with_its_definition(s in "[a-zA-Z0-9 \\-/\u{00C0}-\u{024F}\u{0300}-\u{0323}\u{1E00}-\u{1EFF}\u{2000}-\u{2044}\u{00A0}\u{00AD}\u{FEFF}\u{2126}\u{212B}\u{FB00}-\u{FB06}\n\t]{0,40}") {
            proptest::prop_assert_eq!(fold(&s), fold_reference(&s));
        }

        #[test]
        fn fold_agrees_on_any_text(s in "\\PC{0,40}") {
            proptest::prop_assert_eq!(fold(&s), fold_reference(&s));
        }

        /// Folding parts one after the other is folding them joined by
        /// spaces, word for word (a part that is only a combining mark adds
        /// a space to `fold`, not to `fold_into`).
        #[test]
        fn fold_into_is_fold_of_the_joined_parts(
            parts in proptest::collection::vec("([a-zA-Zđ ]|\u{0301}|\u{00A0}|\u{200B}|\u{1EA0}|A\u{0323})*", 0..5)
        ) {
            let mut out = String::new();
            for p in &parts {
                fold_into(p, &mut out);
            }
            let words = |s: &str| s.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect::<Vec<_>>();
            proptest::prop_assert_eq!(words(&out), words(&fold(&parts.join(" "))));
        }
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nđây là x\n";
        let x = text.find('x').unwrap_or(0);
        assert_eq!(line_col(text, x), (2, 8));
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_at(text, x).0, "đây là x");
    }
}
