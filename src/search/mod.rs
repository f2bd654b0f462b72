//! The offline search index, split so that one query downloads little.
//!
//! In: the link graph. Out: the files under `/tim-kiem/` that the page's own
//! script (`static/search.js`, with the fold and the query reading of
//! `static/fold.js`) reads:
//!
//! - `meta.json`: the type words, issuers and years (for the facets), the
//!   type words and codes as a query names them ([`Vocabulary`]), the
//!   number of documents and the shard size;
//! - `t/<key>.json`: postings of every token whose first three letters are
//!   `key` (or of the whole token when shorter): document ids, newest first,
//!   delta-encoded in base 36. A token found in more than [`COMMON`] documents
//!   keeps only the [`KEEP`] newest and its total, so that no bucket grows
//!   with the corpus; the script treats it as a ranking word, not a filter;
//! - `d/<n>.json`: the records of documents `n*SHARD .. (n+1)*SHARD`, what a
//!   result shows (number, type, title, issuers, date, URL, a snippet).
//!
//! Ids run newest first, so the results a query needs first sit in few
//! shards, and a year's documents are one run of ids (`meta.years`): the
//! year facet and a year query need no file. Tokens are the folded words
//! (tone marks removed, `đ` -> `d`: the same fold in Rust and in JavaScript,
//! tested on one shared table) of the number, type, title, issuers,
//! locality and body, plus two words of the index's own: the number and
//! type (`35chithi`) and the date (`414062024`), by which a query that names
//! them ranks the document itself first ([`query`], [`cost`]).
//!
//! The steps are files: [`words`] (tokens, postings), [`record`] (one
//! document), [`query`] (reading a query), [`cost`] (the ranking, as the
//! script does it), [`pieces`] (what a build cache keeps of the index, and
//! the warm build that patches the previous index instead of making it whole).

mod cost;
mod pieces;
mod query;
mod record;
mod words;

pub(crate) use pieces::{Head, Keeping, Patched, Previous, CHUNK};
pub(crate) use words::Word;

pub use cost::query_cost;
pub use query::{date_key, number_key, parse, Query, Vocabulary};
pub use record::SNIPPET;
pub use words::{bucket, compact, decode, encode, tokens};

use crate::config::Config;
use crate::graph::{Index, Node};
use crate::render::Page;
use rayon::prelude::*;
use record::{indexed, Indexed, Record, Site};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use words::key_text;

/// Records per shard file: few, so that the ten shown, scattered over
/// the years, download little.
pub const SHARD: usize = 4;
/// Documents above which a token's postings are cut.
pub const COMMON: usize = 1000;
/// Postings kept for a common token.
pub const KEEP: usize = 200;

#[derive(Serialize)]
struct Meta<'a> {
    count: usize,
    shard: usize,
    types: Vec<&'a str>,
    issuers: Vec<&'a str>,
    /// `[year, first id, end id]`, newest first.
    years: Vec<(i32, usize, usize)>,
    #[serde(flatten)]
    vocabulary: Vocabulary,
}

#[derive(Serialize, serde::Deserialize, Default)]
struct Bucket {
    /// token -> encoded postings.
    t: BTreeMap<String, String>,
    /// common token -> number of documents it is in (postings cut to the newest).
    c: BTreeMap<String, usize>,
}

/// The index files. `plain` gives a document's body (folded here, so it
/// needs no normalising first).
pub fn build<'a>(index: &'a Index, config: &Config, plain: &(dyn Fn(usize) -> &'a str + Sync)) -> Vec<Page> {
    let _ = config;
    build_with(index, plain, None).0
}

/// The nodes in id order (newest first) and the type words.
fn ordered(index: &Index) -> (Vec<Node>, Vec<&str>) {
    let mut nodes: Vec<Node> = index.nodes().collect();
    nodes.sort_by_key(|n| index.newest_first(*n));
    let types: Vec<&str> = nodes
        .iter()
        .map(|n| index.doc_type(*n))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    (nodes, types)
}

/// The index files made whole; with `keeping`, each id's words are handed
/// over as they are made, and the [`Head`] of the index comes back.
pub(crate) fn build_with<'a>(
    index: &'a Index,
    plain: &(dyn Fn(usize) -> &'a str + Sync),
    keeping: Option<&Keeping<'_>>,
) -> (Vec<Page>, Option<Head>) {
    let (nodes, types) = ordered(index);
    let issuers: Vec<&str> = index.issuers.values().map(|i| i.name.as_str()).collect();
    let issuer_pos = issuer_positions(index);
    let site = Site {
        index,
        plain,
        types: &types,
        issuer_pos: &issuer_pos,
    };
    let (records, postings) = records_and_postings(&site, &nodes, keeping.map(|k| k.words));
    let mut pages = buckets(postings);
    for (n, chunk) in records.chunks(SHARD).enumerate() {
        pages.push(Page {
            path: crate::routes::search_shard(n),
            bytes: serde_json::to_vec(chunk).unwrap_or_default(),
        });
    }
    let meta = Meta {
        count: nodes.len(),
        shard: SHARD,
        vocabulary: Vocabulary::new(&types),
        years: year_runs(&records),
        types,
        issuers,
    };
    pages.push(Page {
        path: crate::routes::SEARCH_META.to_string(),
        bytes: serde_json::to_vec(&meta).unwrap_or_default(),
    });
    let head = keeping.map(|k| Head {
        frame: pieces::frame(index, &nodes, &meta.types),
        own: nodes.par_iter().map(|n| (k.own)(*n)).collect(),
    });
    (pages, head)
}

/// Each issuer's position in the index's list of issuers, by key.
fn issuer_positions(index: &Index) -> BTreeMap<&str, usize> {
    index.issuers.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect()
}

/// The index files of a warm build: the previous index patched where the
/// documents whose digest changed touch it; `None` when it cannot be
/// (see [`pieces`]), and the index is then made whole.
pub(crate) fn patch<'a>(
    index: &'a Index,
    plain: &(dyn Fn(usize) -> &'a str + Sync),
    own: &(dyn Fn(Node) -> u64 + Sync),
    previous: &Previous<'_>,
) -> Option<Patched> {
    let (nodes, types) = ordered(index);
    let issuer_pos = issuer_positions(index);
    let site = Site {
        index,
        plain,
        types: &types,
        issuer_pos: &issuer_pos,
    };
    let frame = pieces::frame(index, &nodes, &types);
    pieces::patch(&site, &nodes, frame, own, previous)
}

/// Each document's record and words, in parallel; then the postings, in id
/// order. In chunks, so that the words of the whole corpus are never held
/// at once. Ids as u32: a corpus of millions of documents fits, in half the
/// memory. The postings come sorted by token.
fn records_and_postings(
    site: &Site<'_, '_>,
    nodes: &[Node],
    keep: Option<&pieces::KeepWords<'_>>,
) -> (Vec<Record>, Vec<(String, Vec<u32>)>) {
    const BATCH: usize = 2048;
    const _: () = assert!(BATCH.is_multiple_of(CHUNK));
    let mut short_postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut postings: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    let mut records: Vec<Record> = Vec::with_capacity(nodes.len());
    for (c, chunk) in nodes.chunks(BATCH).enumerate() {
        let per_doc: Vec<Indexed> = chunk.par_iter().map(|n| indexed(site, *n)).collect();
        if let Some(keep) = keep {
            for (j, part) in per_doc.chunks(CHUNK).enumerate() {
                keep(
                    c * (BATCH / CHUNK) + j,
                    part.iter().map(|(_, w)| w.as_slice()).collect(),
                );
            }
        }
        for (k, (record, words)) in per_doc.into_iter().enumerate() {
            let id = c * BATCH + k;
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
    (records, postings)
}

/// The bucket files of sorted postings.
fn buckets(postings: Vec<(String, Vec<u32>)>) -> Vec<Page> {
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
    buckets
        .into_iter()
        .map(|(key, b)| Page {
            path: crate::routes::search_bucket(&key),
            bytes: serde_json::to_vec(&b).unwrap_or_default(),
        })
        .collect()
}

/// The run of ids of each year, newest first (records in id order, so
/// sorted by date; undated ones last and in no run).
fn year_runs(records: &[Record]) -> Vec<(i32, usize, usize)> {
    let mut runs: Vec<(i32, usize, usize)> = Vec::new();
    for (id, r) in records.iter().enumerate().filter(|(_, r)| r.5 != 0) {
        match runs.last_mut() {
            Some((y, _, end)) if *y == r.5 && *end == id => *end = id + 1,
            _ => runs.push((r.5, id, id + 1)),
        }
    }
    runs
}

#[cfg(test)]
mod tests;
