//! Normalised text with a map back to the text as written.
//!
//! In: a body as written (NFD or NFC, look-alike letters, odd dashes and
//! spaces, soft hyphens, CRLF). Out: [`Normalized`]: NFC text in which
//! look-alikes are the Vietnamese letters, dashes are `-`, slashes `/`, odd
//! spaces a space, invisible characters gone, and a line break inside a
//! paragraph a space (a blank line stays `\n`, a hard boundary); and the map
//! from every offset of it back to the original, so that links and
//! diagnostics point at the text as written (`numbers-and-references.md` §1).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalised text and its offset map.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// (normalised offset, original offset) at the start of every cluster,
    /// and one final pair for the ends.
    map: Vec<(usize, usize)>,
}

fn map_char(c: char) -> Option<char> {
    Some(match c {
        '\u{00D0}' | '\u{0189}' => 'Đ',
        '\u{00F0}' => 'đ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2215}' | '\u{2044}' | '\u{FF0F}' => '/',
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\t' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' | '\r' => return None,
        c => c,
    })
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

impl Normalized {
    /// Normalises `orig`.
    pub fn new(orig: &str) -> Normalized {
        let bytes = orig.as_bytes();
        let mut text = String::with_capacity(orig.len());
        let mut map = Vec::with_capacity(orig.len());
        let mut start = 0;
        while let Some(&b) = bytes.get(start) {
            // Most characters: plain ASCII with ASCII after it (so no mark
            // follows), its own cluster, kept as it is.
            if b.is_ascii() && !matches!(b, b'\n' | b'\r' | b'\t') && bytes.get(start + 1).is_none_or(u8::is_ascii) {
                map.push((text.len(), start));
                push(&mut text, Some(char::from(b)));
                start += 1;
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
            map.push((text.len(), start));
            let next = end;
            if c.is_ascii() && c != '\n' && c != '\r' && c != '\t' && end == start + 1 {
                push(&mut text, Some(c));
                start = next;
                continue;
            }
            if c == '\n' {
                // A blank line (only spaces up to the next line end) is a paragraph break.
                let rest = &orig[end..];
                let line = rest.split('\n').next().unwrap_or("");
                let blank =
                    rest.contains('\n') && line.trim().is_empty() || (start > 0 && orig[..start].ends_with('\n'));
                if blank {
                    text.push('\n');
                } else if !text.ends_with(' ') {
                    text.push(' ');
                }
                start = next;
                continue;
            }
            if end == start + c.len_utf8() && (c < '\u{0300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)) {
                // A letter with no marks after it is its own composition.
                push(&mut text, map_char(c));
                start = next;
                continue;
            }
            for n in orig[start..end].nfc() {
                push(&mut text, map_char(n));
            }
            start = next;
        }
        map.push((text.len(), orig.len()));
        Normalized { text, map }
    }

    /// The original offset of a normalised start offset.
    pub fn start(&self, norm: usize) -> usize {
        let i = self.map.partition_point(|(n, _)| *n <= norm).saturating_sub(1);
        self.map[i].1
    }

    /// The original offset of a normalised end offset (exclusive): the end of
    /// the cluster that holds the last character before it.
    pub fn end(&self, norm: usize) -> usize {
        if norm == 0 {
            return self.map.first().map_or(0, |m| m.1);
        }
        let i = self.map.partition_point(|(n, _)| *n < norm);
        self.map
            .get(i)
            .map_or_else(|| self.map.last().map_or(0, |m| m.1), |m| m.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition (one cluster at a time) the fast paths of
    /// [`Normalized::new`] must agree with.
    fn reference(orig: &str) -> Normalized {
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
                // A blank line (only spaces up to the next line end) is a paragraph break.
                let rest = &orig[end..];
                let line = rest.split('\n').next().unwrap_or("");
                let blank =
                    rest.contains('\n') && line.trim().is_empty() || (start > 0 && orig[..start].ends_with('\n'));
                if blank {
                    text.push('\n');
                } else if !text.ends_with(' ') {
                    text.push(' ');
                }
                continue;
            }
            if end == start + c.len_utf8() && (c < '\u{0300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)) {
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
        Normalized { text, map }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn fast_paths_agree_with_the_definition(s in "([a-zA-Z0-9 ,./-]|\\n|\r|\t|\u{00A0}|\u{00AD}|\u{00D0}|\u{2013}|\u{2215}|\u{0300}|\u{0301}|\u{0323}|\u{0309}|\u{1EA0}|\u{1EC7}|ơ|đ|Ư|ế){0,40}") {
            let (fast, slow) = (Normalized::new(&s), reference(&s));
            proptest::prop_assert_eq!(&fast.text, &slow.text);
            proptest::prop_assert_eq!(&fast.map, &slow.map);
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
