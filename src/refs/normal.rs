//! Normalised text with a map back to the text as written.
//!
//! In: a body as written (NFD or NFC, look-alike letters, odd dashes and
//! spaces, soft hyphens, CRLF). Out: [`Normalized`]: NFC text in which
//! look-alikes are the Vietnamese letters, dashes are `-`, slashes `/`, odd
//! spaces a space, invisible characters gone, and a line break inside a
//! paragraph a space (a blank line stays `\n`, a hard boundary); and the map
//! from every offset of it back to the original, so that links and
//! diagnostics point at the text as written (`docs/contracts/numbers-and-references.md` §1).

use crate::source::composes_alone;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalised text and its offset map.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// The offset map, run-length coded: see [`Segment`].
    map: Vec<Segment>,
}

/// Where a stretch of the normalised text starts (`norm`) and where the
/// text as written it comes from starts (`orig`). A `run` is a stretch of
/// clusters that are one character each, kept at the same byte length, so
/// that every offset inside maps by the same shift; any other cluster (marks
/// composed, a character dropped, a dash made `-`, spaces folded) is a
/// segment of its own. One final segment marks the ends. Most text is one
/// or a few runs, where a pair per cluster cost 16 bytes per character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    norm: usize,
    orig: usize,
    run: bool,
}

/// [`crate::source::tidy`], and a tab is a space, a carriage return nothing.
fn map_char(c: char) -> Option<char> {
    match c {
        '\t' => Some(' '),
        '\r' => None,
        c => crate::source::tidy(c),
    }
}

/// Appends a normalised character (none for an invisible one); runs of
/// spaces fold into one.
fn push(text: &mut String, c: Option<char>) {
    match c {
        Some(' ') if text.ends_with(' ') => {}
        Some(m) => text.push(m),
        None => {}
    }
}

/// Appends what the line end at `start..end` of `orig` becomes: `\n` when it
/// opens or closes a blank line (only spaces up to the next line end), a
/// paragraph break; else a space, folded into a space before it.
fn push_line_break(text: &mut String, orig: &str, start: usize, end: usize) {
    // One search, on the bytes: a `char` pattern compares the encoded
    // character with a call to `memcmp` at every match.
    let rest = &orig[end..];
    let line_end = memchr::memchr(b'\n', rest.as_bytes());
    let line = rest.get(..line_end.unwrap_or(rest.len())).unwrap_or("");
    let blank = line_end.is_some() && line.trim().is_empty() || (start > 0 && orig.as_bytes()[start - 1] == b'\n');
    if blank {
        text.push('\n');
    } else if !text.ends_with(' ') {
        text.push(' ');
    }
}

/// An ASCII byte that normalising keeps as it is (line ends and tabs change).
fn plain(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\n' | b'\r' | b'\t')
}

/// Whether a combining mark may start at `at`: its lead byte is U+0300 or
/// above, outside the Latin Extended Additional block (U+1E00 to U+1EFF,
/// the precomposed Vietnamese letters). This is `source::composed_len` being
/// none, written out for the hottest loop of the citation stage (the call
/// measured 1% more instructions for the whole build).
fn mark_may_start(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        None => false,
        Some(&b) if b < 0xCC => false,
        Some(0xE1) => !matches!(bytes.get(at + 1), Some(0xB8..=0xBB)),
        Some(_) => true,
    }
}

/// The byte length of the character at `at` when it may be a cluster of
/// its own that normalising keeps as it is (plain ASCII, a letter below
/// U+0300 or of U+1E00 to U+1EFF that [`map_char`] keeps), not looking at
/// what follows it; else 0. None of these starts a combining mark.
#[inline(always)]
fn keepable_len(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        b if b < 0x80 => usize::from(plain(b)),
        // U+0080 to U+02FF, but for the characters `map_char` changes.
        0xC2..=0xCB if crate::source::tidied_two_byte(bytes, at) => 0,
        0xC2..=0xCB => 2,
        0xE1 if matches!(bytes.get(at + 1), Some(0xB8..=0xBB)) => 3,
        _ => 0,
    }
}

/// The end of the run of characters from `start` that are clusters of
/// their own and kept as they are: [`keepable_len`] characters, the last
/// one only when no combining mark may follow it (one inside the run is
/// followed by another keepable character, which starts no mark), and no
/// second space in a row (spaces fold), counting the one before `start`
/// when `after_space`. Most of any Vietnamese text is such runs, copied
/// whole.
fn regular_run(bytes: &[u8], start: usize, after_space: bool) -> usize {
    let (mut end, mut last) = (start, start);
    let mut space = after_space;
    while end < bytes.len() {
        let b = bytes[end];
        let n = keepable_len(bytes, end);
        if n == 0 || (b == b' ' && space) || end + n > bytes.len() {
            break;
        }
        space = b == b' ';
        last = end;
        end += n;
    }
    if end > start && mark_may_start(bytes, end) {
        last
    } else {
        end
    }
}

/// Builds the run-length map one cluster at a time.
struct MapBuilder {
    map: Vec<Segment>,
    in_run: bool,
}

impl MapBuilder {
    /// A cluster at (`norm`, `orig`); `same` when it is one character kept
    /// at the same byte length.
    fn cluster(&mut self, norm: usize, orig: usize, same: bool) {
        if !(same && self.in_run) {
            self.map.push(Segment { norm, orig, run: same });
        }
        self.in_run = same;
    }
}

/// The largest char boundary of `s` not above `i`.
pub(crate) fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` not below `i` (or `i` past the end).
fn ceil(s: &str, i: usize) -> usize {
    let mut i = i;
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl Normalized {
    /// Normalises `orig`.
    pub fn new(orig: &str) -> Normalized {
        let bytes = orig.as_bytes();
        let mut text = String::with_capacity(orig.len());
        let mut map = MapBuilder {
            map: Vec::new(),
            in_run: false,
        };
        let mut start = 0;
        while let Some(&b) = bytes.get(start) {
            // Most text: characters that are clusters of their own and kept
            // as they are, copied as one run (see `regular_run`).
            let end = regular_run(bytes, start, b == b' ' && text.ends_with(' '));
            if end > start {
                map.cluster(text.len(), start, true);
                text.push_str(&orig[start..end]);
                start = end;
                continue;
            }
            // A cluster: a character and the combining marks after it.
            let mut chars = orig[start..].chars();
            let Some(c) = chars.next() else { break };
            let mut end = start + c.len_utf8();
            for m in chars {
                if m < '\u{0300}' || !is_combining_mark(m) {
                    break;
                }
                end += m.len_utf8();
            }
            let from = text.len();
            let one = end == start + c.len_utf8();
            if c == '\n' {
                push_line_break(&mut text, orig, start, end);
            } else if one && composes_alone(c) {
                // A letter with no marks after it is its own composition.
                push(&mut text, map_char(c));
            } else {
                for n in orig[start..end].nfc() {
                    push(&mut text, map_char(n));
                }
            }
            map.cluster(from, start, one && text.len() - from == end - start);
            start = end;
        }
        map.cluster(text.len(), orig.len(), false);
        Normalized { text, map: map.map }
    }

    /// The original offset of a normalised start offset.
    pub fn start(&self, norm: usize) -> usize {
        let i = self.map.partition_point(|s| s.norm <= norm).saturating_sub(1);
        let s = self.map[i];
        if s.run {
            s.orig + (floor(&self.text, norm) - s.norm)
        } else {
            s.orig
        }
    }

    /// The original offset of a normalised end offset (exclusive): the end of
    /// the cluster that holds the last character before it.
    pub fn end(&self, norm: usize) -> usize {
        if norm == 0 {
            return self.map.first().map_or(0, |m| m.orig);
        }
        let i = self.map.partition_point(|s| s.norm < norm);
        if let Some(p) = i.checked_sub(1).map(|p| self.map[p]).filter(|p| p.run) {
            let c = ceil(&self.text, norm);
            if self.map.get(i).is_some_and(|next| c < next.norm) {
                return p.orig + (c - p.norm);
            }
        }
        self.map
            .get(i)
            .map_or_else(|| self.map.last().map_or(0, |m| m.orig), |m| m.orig)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition (one cluster at a time, a pair of offsets per
    /// cluster) that the fast paths and the run-length map of
    /// [`Normalized::new`] must agree with.
    fn reference(orig: &str) -> (String, Vec<(usize, usize)>) {
        let mut text = String::with_capacity(orig.len());
        let mut map = Vec::with_capacity(orig.len() / 2);
        let mut iter = orig.char_indices().peekable();
        while let Some((start, c)) = iter.next() {
            // A cluster: a character and the combining marks after it.
            let mut end = start + c.len_utf8();
            while let Some(&(i, m)) = iter.peek() {
                if m < '\u{0300}' || !is_combining_mark(m) {
                    break;
                }
                end = i + m.len_utf8();
                iter.next();
            }
            map.push((text.len(), start));
            if c.is_ascii() && c != '\n' && c != '\r' && c != '\t' && end == start + 1 {
                if c != ' ' || !text.ends_with(' ') {
                    text.push(c);
                }
                continue;
            }
            if c == '\n' {
                push_line_break(&mut text, orig, start, end);
                continue;
            }
            if end == start + c.len_utf8() && composes_alone(c) {
                // A letter with no marks after it is its own composition.
                match map_char(c) {
                    Some(' ') if text.ends_with(' ') => {}
                    Some(m) => text.push(m),
                    None => {}
                }
                continue;
            }
            for n in orig[start..end].nfc() {
                match map_char(n) {
                    // Runs of spaces fold into one.
                    Some(' ') if text.ends_with(' ') => {}
                    Some(m) => text.push(m),
                    None => {}
                }
            }
        }
        map.push((text.len(), orig.len()));
        (text, map)
    }

    /// `Normalized::start` on the reference map.
    fn reference_start(map: &[(usize, usize)], norm: usize) -> usize {
        let i = map.partition_point(|(n, _)| *n <= norm).saturating_sub(1);
        map[i].1
    }

    /// `Normalized::end` on the reference map.
    fn reference_end(map: &[(usize, usize)], norm: usize) -> usize {
        if norm == 0 {
            return map.first().map_or(0, |m| m.1);
        }
        let i = map.partition_point(|(n, _)| *n < norm);
        map.get(i).map_or_else(|| map.last().map_or(0, |m| m.1), |m| m.1)
    }

    /// `Normalized::new` gives the reference text, and the same original
    /// offset as the reference map for every offset.
    fn agrees(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let (fast, (text, map)) = (Normalized::new(s), reference(s));
        proptest::prop_assert_eq!(&fast.text, &text);
        // Every offset, inside characters and past the end too.
        for norm in 0..=text.len() + 1 {
            proptest::prop_assert_eq!(fast.start(norm), reference_start(&map, norm), "start({})", norm);
            proptest::prop_assert_eq!(fast.end(norm), reference_end(&map, norm), "end({})", norm);
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn fast_paths_agree_with_the_definition(s in "([a-zA-Z0-9 ,./-]|\\n|\r|\t|\u{00A0}|\u{00AD}|\u{00D0}|\u{2013}|\u{2215}|\u{0300}|\u{0301}|\u{0323}|\u{0309}|\u{1EA0}|\u{1EC7}|\u{00C0}|\u{00F0}|\u{0189}|\u{02FF}|\u{1DC0}|\u{1AB0}|\u{1E00}|\u{1EFF}|\u{212B}|中|ơ|đ|Ư|ế){0,40}") {
            agrees(&s)?;
        }

        #[test]
        fn fast_paths_agree_on_any_text(s in "\\PC{0,40}") {
            agrees(&s)?;
        }
    }

    #[test]
    fn maps_back_through_nfd_and_lookalikes() {
        let orig = "Nghi\u{0323}\r\nquyê\u{0301}t 18\u{2013}NQ\u{2215}TW, \u{00D0}a\u{0309}ng\n\nmới";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "Nghị quyết 18-NQ/TW, Đảng\n\nmới");
        let s = n.text.find("18-NQ/TW").unwrap_or(0);
        let e = s + "18-NQ/TW".len();
        assert_eq!(&orig[n.start(s)..n.end(e)], "18\u{2013}NQ\u{2215}TW");
        let s = n.text.find("quyết").unwrap_or(0);
        assert_eq!(&orig[n.start(s)..n.end(s + "quyết".len())], "quyê\u{0301}t");
        let s = n.text.find("Đảng").unwrap_or(0);
        assert_eq!(&orig[n.start(s)..n.end(s + "Đảng".len())], "\u{00D0}a\u{0309}ng");
    }

    #[test]
    fn invisible_characters_and_ends() {
        let orig = "a\u{00AD}b\u{200B}c";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "abc");
        assert_eq!(n.end(n.text.len()), orig.len());
        assert_eq!(n.start(0), 0);
    }
}
