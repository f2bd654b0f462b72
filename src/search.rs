//! The offline search index, split so that one query downloads little.
//!
//! In: the link graph. Out: the files under `/tim-kiem/` that the page's own
//! script (`static/search.js`, with the fold of `static/fold.js`) reads:
//!
//! - `meta.json`: the type words, issuers and years (for the filters), the
//!   number of documents and the shard size;
//! - `t/<key>.json`: postings of every token whose first three letters are
//!   `key` (or of the whole token when shorter): document ids, newest first,
//!   delta-encoded in base 36. A token found in more than [`COMMON`] documents
//!   keeps only the [`KEEP`] newest and its total, so that no bucket grows
//!   with the corpus; the script treats it as a ranking word, not a filter;
//! - `d/<n>.json`: the records of documents `n*SHARD .. (n+1)*SHARD`, what a
//!   result shows (number, type, title, issuers, date, URL).
//!
//! Ids run newest first, so the results a query needs first sit in few
//! shards. Tokens are the folded words (tone marks removed, `đ` -> `d`: the
//! same fold in Rust and in JavaScript, tested on one shared table) of the
//! number, type, title, issuers, locality and body, plus the number written
//! without separators (`127kltw`) for exact number matches.

use crate::config::Config;
use crate::graph::{Index, Node};
use crate::render::Page;
use crate::source::{fold, fold_into};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Records per shard file.
pub const SHARD: usize = 16;
/// Documents above which a token's postings are cut.
pub const COMMON: usize = 1000;
/// Postings kept for a common token.
pub const KEEP: usize = 200;

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
fn distinct_words(parts: &str, body: &str) -> Vec<Word> {
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

/// The token of a [`Token::key`].
fn key_text(key: u64) -> String {
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

#[derive(Serialize)]
struct Meta<'a> {
    count: usize,
    shard: usize,
    types: Vec<&'a str>,
    issuers: Vec<&'a str>,
    years: Vec<i32>,
}

#[derive(Serialize, Default)]
struct Bucket {
    /// token -> encoded postings.
    t: BTreeMap<String, String>,
    /// common token -> number of documents it is in (postings cut to the newest).
    c: BTreeMap<String, usize>,
}

/// A record: [number, type index, title, issuer indexes, date, year, URL path,
/// in the content (1) or cited only (0), compact number].
type Record = (String, usize, String, Vec<usize>, String, i32, String, u8, String);

/// A document's record and its distinct words.
type Indexed = (Record, Vec<Word>);

/// A distinct word of a document.
enum Word {
    /// A word of at most eight bytes, as its [`Token::key`].
    Short(u64),
    /// A longer word.
    Long(String),
}

/// The index files. `plain` gives a document's body (folded here, so it
/// needs no normalising first).
pub fn build<'a>(index: &'a Index, config: &Config, plain: &(dyn Fn(usize) -> &'a str + Sync)) -> Vec<Page> {
    let mut nodes: Vec<Node> = index.nodes().collect();
    nodes.sort_by_key(|n| index.newest_first(*n));
    let mut types: Vec<&str> = nodes
        .iter()
        .map(|n| index.doc_type(*n))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    types.sort_unstable();
    let issuers: Vec<&str> = index.issuers.values().map(|i| i.name.as_str()).collect();
    let issuer_pos: BTreeMap<&str, usize> = index.issuers.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let years: Vec<i32> = nodes
        .iter()
        .filter_map(|n| index.date(*n).map(|d| d.year))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .rev()
        .collect();

    // Each document's record and words, in parallel; then the postings, in id order.
    // In chunks, so that the words of the whole corpus are never held at once.
    // Ids as u32: a corpus of millions of documents fits, in half the memory.
    let mut short_postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut postings: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    let mut records: Vec<Record> = Vec::with_capacity(nodes.len());
    for (c, chunk) in nodes.chunks(2048).enumerate() {
        let per_doc: Vec<Indexed> = chunk
            .par_iter()
            .map(|n| indexed(index, *n, plain, &types, &issuer_pos))
            .collect();
        for (k, (record, words)) in per_doc.into_iter().enumerate() {
            let id = c * 2048 + k;
            for word in words {
                match word {
                    Word::Short(k) => short_postings.entry(k).or_default().push(id as u32),
                    Word::Long(w) => postings.entry(w).or_default().push(id as u32),
                }
            }
            records.push(record);
        }
    }

    let mut postings: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
    postings.extend(short_postings.into_iter().map(|(k, ids)| (key_text(k), ids)));
    postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    let mut pages = Vec::new();
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    for (token, ids) in postings {
        let b = buckets.entry(bucket(&token).to_string()).or_default();
        if ids.len() > COMMON {
            b.c.insert(token.clone(), ids.len());
            b.t.insert(token, encode(&ids[..KEEP]));
        } else {
            b.t.insert(token, encode(&ids));
        }
    }
    for (key, b) in buckets {
        pages.push(Page {
            path: crate::routes::search_bucket(&key),
            bytes: serde_json::to_vec(&b).unwrap_or_default(),
        });
    }
    for (n, chunk) in records.chunks(SHARD).enumerate() {
        pages.push(Page {
            path: crate::routes::search_shard(n),
            bytes: serde_json::to_vec(chunk).unwrap_or_default(),
        });
    }
    let meta = Meta {
        count: nodes.len(),
        shard: SHARD,
        types,
        issuers,
        years,
    };
    pages.push(Page {
        path: crate::routes::SEARCH_META.to_string(),
        bytes: serde_json::to_vec(&meta).unwrap_or_default(),
    });
    let _ = config;
    pages
}

/// One node's search record and the words it is found by.
fn indexed<'a>(
    index: &'a Index,
    n: Node,
    plain: &(dyn Fn(usize) -> &'a str + Sync),
    types: &[&str],
    issuer_pos: &BTreeMap<&str, usize>,
) -> Indexed {
    let (title, keys, locality, body) = match n {
        Node::Doc(i) => {
            let d = &index.docs[i];
            (d.doc.title.as_str(), &d.issuers, d.doc.locality.as_deref(), plain(i))
        }
        Node::Cited(i) => {
            let c = &index.cited[i];
            (
                c.subject.as_deref().unwrap_or_default(),
                &c.issuer_keys,
                c.locality.as_deref(),
                "",
            )
        }
    };
    let number = index.number(n);
    let doc_type = index.doc_type(n);
    // The parts of the record, and the number without
    // separators as one more word.
    let num_compact = compact(number);
    let mut parts = String::with_capacity(200);
    for part in [number, doc_type, title, locality.unwrap_or_default()] {
        parts.push_str(part);
        parts.push(' ');
    }
    for name in keys.iter().filter_map(|k| index.issuers.get(k)) {
        parts.push_str(&name.name);
        parts.push(' ');
    }
    parts.push_str(&num_compact);
    let words = distinct_words(&parts, body);
    let date = index.date(n);
    let record: Record = (
        number.to_string(),
        types.iter().position(|t| *t == doc_type).unwrap_or(0),
        title.to_string(),
        keys.iter()
            .filter_map(|k| issuer_pos.get(k.as_str()).copied())
            .collect(),
        date.map(|d| d.to_string()).unwrap_or_default(),
        date.map_or(0, |d| d.year),
        index.url(n).trim_start_matches('/').to_string(),
        u8::from(matches!(n, Node::Doc(_))),
        num_compact,
    );
    (record, words)
}

/// What a query costs: the files the script fetches for the first page of
/// results (the meta file, one bucket per token, and the record shards of
/// the first ten results), as the script does it, and the results in the
/// script's order. For the benchmark and tests.
pub fn query_cost(files: &BTreeMap<String, Vec<u8>>, query: &str) -> (usize, Vec<String>, Vec<usize>) {
    let q = fold(query);
    let toks: Vec<&str> = tokens(&q).collect();
    let mut fetched: Vec<String> = vec![crate::routes::SEARCH_META.to_string()];
    let mut sets: Vec<(Vec<usize>, bool)> = Vec::new();
    // As search.js ranks: the whole number written compact (127kltw), then a
    // numeric word's own numbers (127 → 127kltw, 127kl...), then the rest.
    let mut exact: Vec<usize> = Vec::new();
    let mut seq: Vec<usize> = Vec::new();
    let whole = compact(query);
    // (bucket, token, last word, is the whole query written as a number)
    let mut keys: Vec<(String, String, bool, bool)> = toks
        .iter()
        .enumerate()
        .map(|(k, t)| (bucket(t).to_string(), t.to_string(), k + 1 == toks.len(), false))
        .collect();
    if whole.len() > 3 && whole.chars().any(|c| c.is_ascii_digit()) && whole.chars().any(|c| c.is_ascii_lowercase()) {
        keys.push((bucket(&whole).to_string(), whole.clone(), false, true));
    }
    for (key, token, last, is_whole) in &keys {
        let path = crate::routes::search_bucket(key);
        if !fetched.contains(&path) {
            fetched.push(path.clone());
        }
        let Some(bytes) = files.get(&path) else {
            if !is_whole {
                sets.push((Vec::new(), false));
            }
            continue;
        };
        let b: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_default();
        let mut ids = BTreeSet::new();
        let mut common = false;
        if let Some(map) = b["t"].as_object() {
            let numeric = token.chars().all(|c| c.is_ascii_digit());
            for (t, enc) in map {
                let list = || decode(enc.as_str().unwrap_or(""));
                if *is_whole {
                    if t == token {
                        exact = list();
                    }
                    continue;
                }
                let hit = t == token || (*last && token.len() >= 3 && t.starts_with(token.as_str()));
                if hit {
                    ids.extend(list());
                    common |= b["c"].get(t).is_some();
                }
                let own_number = t.strip_prefix(token.as_str()).and_then(|r| r.chars().next());
                if numeric && own_number.is_some_and(|c| c.is_ascii_lowercase()) {
                    seq.extend(list());
                }
            }
        }
        if !is_whole {
            sets.push((ids.into_iter().collect(), common));
        }
    }
    let rare: Vec<&Vec<usize>> = sets.iter().filter(|(_, c)| !c).map(|(s, _)| s).collect();
    let base: Vec<&Vec<usize>> = if rare.is_empty() {
        sets.iter().map(|(s, _)| s).collect()
    } else {
        rare
    };
    let mut result: Vec<usize> = base.first().map(|s| s.to_vec()).unwrap_or_default();
    for s in base.iter().skip(1) {
        result.retain(|id| s.binary_search(id).is_ok());
    }
    let in_result: BTreeSet<usize> = result.iter().copied().collect();
    seq.sort_unstable();
    let mut seen = BTreeSet::new();
    let result: Vec<usize> = exact
        .into_iter()
        .chain(seq)
        .chain(result)
        .filter(|id| in_result.contains(id) && seen.insert(*id))
        .collect();
    for id in result.iter().take(10) {
        let path = crate::routes::search_shard(id / SHARD);
        if !fetched.contains(&path) {
            fetched.push(path);
        }
    }
    let bytes = fetched.iter().filter_map(|p| files.get(p)).map(Vec::len).sum();
    (bytes, fetched, result)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            serde_json::from_str(include_str!("../tests/search/fold-cases.json")).unwrap_or_default();
        assert!(table.len() >= 20);
        for (input, want) in table {
            assert_eq!(fold(&input), want, "{input:?}");
        }
    }
}
