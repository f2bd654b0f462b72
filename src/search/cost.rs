//! The ranking of `static/search.js`, in Rust: what a query finds, in what
//! order, and what it downloads. For the benchmark and the tests, which
//! check that the page ranks as this does.
//!
//! A result contains every word of the query (the last one may be the
//! beginning of a word). Words in more than [`super::COMMON`] documents only
//! rank when rarer ones filter. A query without words (`năm 2024`,
//! `14/6/2024`) lists the documents of that year or date. The order: the
//! documents that are the number and type asked for (`chỉ thị 35`: the
//! Chỉ thị itself, in the content or cited only), then those of the date
//! asked for, then those of the year, then the newest.

use super::query::{parse, Vocabulary};
use super::words::{bucket, decode};
use super::SHARD;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The parts of `meta.json` a query reads.
#[derive(Deserialize, Default)]
struct Meta {
    #[serde(default)]
    types: Vec<String>,
    /// `[year, first id, end id]`: ids run newest first, so a year's
    /// documents are one run of ids.
    #[serde(default)]
    years: Vec<(i32, usize, usize)>,
    #[serde(flatten)]
    vocabulary: Vocabulary,
}

/// The files one query reads, in the order it reads them.
struct Reader<'f> {
    files: &'f BTreeMap<String, Vec<u8>>,
    fetched: Vec<String>,
}

impl Reader<'_> {
    fn get(&mut self, path: String) -> Option<&[u8]> {
        if !self.fetched.contains(&path) {
            self.fetched.push(path.clone());
        }
        self.files.get(&path).map(Vec::as_slice)
    }

    /// The bucket `token` lives in.
    fn bucket(&mut self, token: &str) -> serde_json::Value {
        self.get(crate::routes::search_bucket(bucket(token)))
            .and_then(|b| serde_json::from_slice(b).ok())
            .unwrap_or_default()
    }

    /// The documents containing `token` (or a word it begins, with
    /// `prefix`), and whether one of those words is common.
    fn postings(&mut self, token: &str, prefix: bool) -> (BTreeSet<usize>, bool) {
        let b = self.bucket(token);
        let mut ids = BTreeSet::new();
        let mut common = false;
        for (t, enc) in b["t"].as_object().into_iter().flatten() {
            if t == token || (prefix && t.starts_with(token)) {
                ids.extend(decode(enc.as_str().unwrap_or("")));
                common |= b["c"].get(t).is_some();
            }
        }
        (ids, common)
    }
}

/// What a query costs: the files the script fetches for the first page of
/// results (the meta file, one bucket per word and per index word of the
/// number and the date, and the record shards of the first ten results),
/// their bytes, and the results in the script's order.
pub fn query_cost(files: &BTreeMap<String, Vec<u8>>, query: &str) -> (usize, Vec<String>, Vec<usize>) {
    let mut r = Reader {
        files,
        fetched: Vec::new(),
    };
    let meta: Meta = r
        .get(crate::routes::SEARCH_META.to_string())
        .and_then(|b| serde_json::from_slice(b).ok())
        .unwrap_or_default();
    let q = parse(query, &meta.vocabulary);
    let mut sets = Vec::new();
    for (k, w) in q.words.iter().enumerate() {
        sets.push(r.postings(w, q.prefix && k + 1 == q.words.len()));
    }
    let mut exact = BTreeSet::new();
    for key in q.exact_keys(&meta.types) {
        exact.extend(r.postings(&key, false).0);
    }
    let dated = q.date.as_ref().map(|d| r.postings(d, false).0);
    let year = q.year.map(|y| {
        meta.years
            .iter()
            .find(|(v, _, _)| *v == y)
            .map_or(0..0, |(_, s, e)| *s..*e)
    });
    let found: BTreeSet<usize> = if !sets.is_empty() {
        let rare: Vec<&BTreeSet<usize>> = sets.iter().filter(|(_, c)| !c).map(|(s, _)| s).collect();
        let base = if rare.is_empty() {
            sets.iter().map(|(s, _)| s).collect()
        } else {
            rare
        };
        let mut all: BTreeSet<usize> = base[0]
            .iter()
            .copied()
            .filter(|id| base[1..].iter().all(|s| s.contains(id)))
            .collect();
        all.extend(&exact);
        all
    } else if let Some(d) = &dated {
        d.clone()
    } else if let Some(y) = &year {
        y.clone().collect()
    } else {
        BTreeSet::new()
    };
    let mut order: Vec<usize> = found.into_iter().collect();
    order.sort_by_key(|id| {
        (
            !exact.contains(id),
            dated.as_ref().is_some_and(|d| !d.contains(id)),
            year.as_ref().is_some_and(|y| !y.contains(id)),
            *id,
        )
    });
    for id in order.iter().take(10) {
        r.get(crate::routes::search_shard(id / SHARD));
    }
    let bytes = r.fetched.iter().filter_map(|p| files.get(p)).map(Vec::len).sum();
    (bytes, r.fetched, order)
}
