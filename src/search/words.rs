//! The words of the index: how folded text is cut into tokens, a
//! document's distinct words (found fast in long bodies), the bucket a token
//! lives in, and the delta encoding of postings.

use crate::source::{fold, fold_into};
use rustc_hash::FxHashSet;

/// A distinct word of a document (kept between builds by the build cache,
/// see [`super::pieces`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Word {
    /// A word of at most eight bytes, as its [`Token::key`].
    Short(u64),
    /// A longer word.
    Long(String),
}

/// Splits folded text into tokens: runs of `a-z0-9`, at most 30 long.
pub fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    tokens_at(folded).map(|t| t.text)
}

/// A token of folded text, or a raw word of a body.
struct Token<'a> {
    text: &'a str,
    /// A token of at most eight bytes as one number: its bytes, zero-padded
    /// (a token holds no zero byte, so no two tokens share a key); none for
    /// a longer one.
    key: Option<u64>,
}

/// The [`tokens`] of `folded` with their keys.
fn tokens_at(folded: &str) -> impl Iterator<Item = Token<'_>> {
    runs(folded, |x| x.is_ascii_lowercase() || x.is_ascii_digit()).filter(|t| t.text.len() <= 30)
}

/// The runs of bytes of `text` that `word` accepts, with their keys. On the
/// bytes: `word` must accept all or none of the bytes from 0x80 (those of
/// the characters outside ASCII), so that no character is split, and must
/// not accept the zero byte.
fn runs(text: &str, word: impl Fn(u8) -> bool) -> impl Iterator<Item = Token<'_>> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !word(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        let mut key = 0u64;
        while i < b.len() && word(b[i]) {
            if i - start < 8 {
                key |= u64::from(b[i]) << (8 * (i - start));
            }
            i += 1;
        }
        text.get(start..i).map(|t| Token {
            text: t,
            key: (i - start <= 8).then_some(key),
        })
    })
}

/// The distinct words of a document: the [`tokens`] of the [`fold`] of its
/// record's `parts` and of its `body`, each once, in no particular order.
///
/// The body is not folded whole. Its raw words (runs of ASCII letters and
/// digits and of characters outside ASCII) are deduplicated first, and each
/// distinct one is folded: a body says each of its words about seven times.
/// Between two raw words stands ASCII other than a letter or digit, which
/// folding keeps as it is, never a letter, and which starts no composition
/// that could give one: so the tokens of the body are the tokens of its raw
/// words (a property test checks this against the fold of the whole).
pub(super) fn distinct_words(parts: &str, body: &str) -> Vec<Word> {
    let mut short: FxHashSet<u64> = FxHashSet::with_capacity_and_hasher(body.len() / 32, Default::default());
    let mut long: FxHashSet<String> = FxHashSet::default();
    let mut words: Vec<Word> = Vec::with_capacity(body.len() / 32);
    let mut add = |folded: &str| {
        for t in tokens_at(folded) {
            match t.key {
                Some(k) => {
                    if short.insert(k) {
                        words.push(Word::Short(k));
                    }
                }
                None => {
                    if !long.contains(t.text) {
                        long.insert(t.text.to_string());
                        words.push(Word::Long(t.text.to_string()));
                    }
                }
            }
        }
    };
    add(&fold(parts));
    let mut raw_short: FxHashSet<u64> = FxHashSet::with_capacity_and_hasher(body.len() / 32, Default::default());
    let mut raw_long: FxHashSet<&str> = FxHashSet::default();
    let mut folded = String::new();
    // The last short raw word seen in each of 256 slots: most repeats are
    // found here without a look-up in the set.
    let mut recent = [0u64; 256];
    for raw in runs(body, |x| x.is_ascii_alphanumeric() || x >= 0x80) {
        let fresh = match raw.key {
            Some(k) => {
                let slot = &mut recent[(k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize];
                *slot != k && {
                    *slot = k;
                    raw_short.insert(k)
                }
            }
            None => raw_long.insert(raw.text),
        };
        if fresh {
            folded.clear();
            fold_into(raw.text, &mut folded);
            add(&folded);
        }
    }
    words
}

impl Word {
    /// The token as text.
    pub(super) fn text(&self) -> String {
        match self {
            Word::Short(k) => key_text(*k),
            Word::Long(s) => s.clone(),
        }
    }
}

/// The token of a [`Token::key`].
pub(super) fn key_text(key: u64) -> String {
    let bytes = key.to_le_bytes();
    let len = bytes.iter().position(|b| *b == 0).unwrap_or(8);
    String::from_utf8_lossy(&bytes[..len]).into_owned()
}

/// A number without separators: `127-KL/TW` -> `127kltw`.
pub fn compact(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .collect()
}

/// The bucket a token lives in.
pub fn bucket(token: &str) -> &str {
    let end = token.char_indices().nth(3).map_or(token.len(), |(i, _)| i);
    &token[..end]
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Delta-encodes sorted ids: `3,1,a` for 3, 4, 14.
pub fn encode<T: Copy + Into<u64>>(ids: &[T]) -> String {
    let mut prev = 0u64;
    let mut out = Vec::with_capacity(ids.len());
    for (k, &id) in ids.iter().enumerate() {
        let id: u64 = id.into();
        out.push(base36((if k == 0 { id } else { id - prev }) as usize));
        prev = id;
    }
    out.join(",")
}

/// Decodes [`encode`]'s output.
pub fn decode(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut acc = 0;
    for (k, part) in s.split(',').filter(|p| !p.is_empty()).enumerate() {
        let v = usize::from_str_radix(part, 36).unwrap_or(0);
        acc = if k == 0 { v } else { acc + v };
        out.push(acc);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn encoding_round_trips() {
        let ids: Vec<u32> = vec![0, 3, 4, 14, 1000, 1001, 99_999];
        assert_eq!(
            decode(&encode(&ids)),
            ids.iter().map(|&i| i as usize).collect::<Vec<_>>()
        );
        assert_eq!(encode(&[3u32, 4, 14]), "3,1,a");
        assert!(decode("").is_empty());
    }

    proptest::proptest! {
        /// A short token's key gives the token back; a long one has none.
        #[test]
        fn token_keys_round_trip(s in "[a-z0-9 .đ]{0,60}") {
            for t in tokens_at(&s) {
                match t.key {
                    Some(k) => proptest::prop_assert_eq!(key_text(k), t.text),
                    None => proptest::prop_assert!(t.text.len() > 8),
                }
            }
        }
    }

    /// The distinct words as text, checked to be distinct.
    fn word_set(parts: &str, body: &str) -> BTreeSet<String> {
        let words = distinct_words(parts, body);
        let n = words.len();
        let set: BTreeSet<String> = words
            .into_iter()
            .map(|w| match w {
                Word::Short(k) => key_text(k),
                Word::Long(s) => s,
            })
            .collect();
        assert_eq!(set.len(), n, "a word twice");
        set
    }

    /// The definition: the tokens of the fold of the whole text.
    fn folded_whole(parts: &str, body: &str) -> BTreeSet<String> {
        tokens(&fold(&format!("{parts} {body}"))).map(str::to_string).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Folding each distinct raw word gives the tokens of folding the
        /// whole body: on any text, and on Vietnamese with the characters
        /// that folding treats apart (marks written apart, look-alikes, odd
        /// spaces and dashes, invisible characters, `=` with a slash mark).
        #[test]
        fn distinct_words_are_the_tokens_of_the_whole(
            parts in "\\PC{0,20}",
            body in "\\PC{0,80}",
        ) {
            proptest::prop_assert_eq!(word_set(&parts, &body), folded_whole(&parts, &body));
        }

        #[test]
        fn distinct_words_on_vietnamese(
            body in "([a-zA-Z0-9ăâđêôơưĂÂĐÊÔƠƯạảãàáệỆếỳỹ]|\u{0300}|\u{0301}|\u{0323}|\u{0338}|\u{00A0}|\u{00AD}|\u{00D0}|\u{200B}|\u{2013}|\u{FEFF}|\u{FB01}|[ .,;:=<>/()-]){0,80}",
        ) {
            proptest::prop_assert_eq!(word_set("", &body), folded_whole("", &body));
        }
    }

    #[test]
    fn distinct_words_of_a_body() {
        let words = word_set(
            "127-KL/TW Kết luận",
            "Thực hiện Kết luận số 127-KL/TW, thực hiện chuyển đổi số; xaydungnenhanhchinhhiendai",
        );
        let expected: BTreeSet<String> = [
            "127",
            "kl",
            "tw",
            "ket",
            "luan",
            "thuc",
            "hien",
            "so",
            "chuyen",
            "doi",
            "xaydungnenhanhchinhhiendai",
        ]
        .into_iter()
        .map(str::to_string)
        .collect();
        assert_eq!(words, expected);
    }

    #[test]
    fn tokens_and_buckets() {
        let folded = fold("Kết luận số 127-KL/TW, ngày 28/02/2025");
        let t: Vec<&str> = tokens(&folded).collect();
        assert_eq!(t, ["ket", "luan", "so", "127", "kl", "tw", "ngay", "28", "02", "2025"]);
        assert_eq!(compact("127-KL/TW"), "127kltw");
        assert_eq!(compact("204-QĐ/TW"), "204qdtw");
        assert_eq!(bucket("quyet"), "quy");
        assert_eq!(bucket("kl"), "kl");
    }

    /// The fold table shared with the JavaScript fold (`static/fold.js`).
    #[test]
    fn shared_fold_table() {
        let table: Vec<(String, String)> =
            serde_json::from_str(include_str!("../../tests/search/fold-cases.json")).unwrap_or_default();
        assert!(table.len() >= 20);
        for (input, want) in table {
            assert_eq!(fold(&input), want, "{input:?}");
        }
    }
}
