//! What a build cache keeps of the search index, and the warm build that
//! patches the previous index instead of making it whole.
//!
//! In: the link graph, each node's own digest (`render::fingerprint`: all a
//! page reads of the node, so all its record and words are made from), and
//! what the last build kept: its [`Head`] (the frame, and the digest of the
//! node at each id) and each id's words, in chunks of [`CHUNK`] ids; and the
//! previous site's index files, whose bytes the caller checks against the
//! page list's fingerprints. Out: the index files that changed, the paths of
//! those kept as they are, and what to keep for the next build.
//!
//! Ids are positions in the newest-first order, so the index can be patched
//! only when that order is what it was: the *frame* folds every node's slug,
//! kind and year in id order, the type words and the issuers (keys and
//! names), and with it the ids, `meta.json` and the type and issuer
//! positions in the records are unchanged. A document added, removed or
//! dated anew changes the frame and the index is made whole (it would change
//! the ids of every older document: most buckets anyway). With the frame
//! unchanged, an id whose digest changed gets its record and words made
//! again: the tokens it lost and gained are taken out of and put into the
//! buckets they live in, read back from the previous site, and its record
//! replaces the old one in its shard. Any doubt, and [`patch`] gives `None`
//! and the caller makes the index whole: a frame or a count that differs,
//! more than a few ids changed, a chunk of words or a previous file missing
//! or unreadable, or a common token (cut to its [`KEEP`] newest ids, see
//! [`super::COMMON`]) that loses one of its kept ids or falls back under the
//! cut (its full list is not in the file).

use super::record::{indexed, Record, Site};
use super::words::Word;
use super::{bucket, decode, encode, Bucket, COMMON, KEEP, SHARD};
use crate::graph::{Index, Node};
use crate::render::{Fold, Page};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Ids per chunk of kept words: a one-document edit reads and writes one.
pub(crate) const CHUNK: usize = 512;

/// Ids changed beyond which the index is made whole (besides a fiftieth of
/// the nodes): patching is for edits, not for a new corpus.
const FEW: usize = 64;

/// What the index of the last build was made of, kept by the build cache.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    /// The frame (see the module's text).
    pub(crate) frame: u64,
    /// The own digest of the node at each id.
    pub(crate) own: Vec<u64>,
}

/// Keeps the words of the ids of one chunk, in id order.
pub(crate) type KeepWords<'a> = dyn Fn(usize, Vec<&[Word]>) + Sync + 'a;

/// What a whole build hands over to be kept.
pub(crate) struct Keeping<'a> {
    /// A node's own digest.
    pub(crate) own: &'a (dyn Fn(Node) -> u64 + Sync),
    /// Keeps the words of the ids of one chunk, in id order.
    pub(crate) words: &'a KeepWords<'a>,
}

/// What the last build left, as a warm build reads it.
pub(crate) struct Previous<'a> {
    /// Its head.
    pub(crate) head: &'a Head,
    /// The words of the ids of a chunk, in id order.
    pub(crate) words: &'a (dyn Fn(usize) -> Option<Vec<Vec<Word>>> + Sync),
    /// A file of the previous site, when its bytes are the ones listed.
    pub(crate) file: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    /// The index files of the previous site.
    pub(crate) paths: HashSet<&'a str>,
}

/// The index of a warm build.
pub(crate) struct Patched {
    /// Files made again (written when their bytes changed).
    pub(crate) pages: Vec<Page>,
    /// Files of the previous site kept as they are.
    pub(crate) kept: Vec<String>,
    /// The head to keep.
    pub(crate) head: Head,
    /// The chunks of words that changed, to keep.
    pub(crate) chunks: Vec<(usize, Vec<Vec<Word>>)>,
}

/// The frame of an index: see the module's text.
pub(super) fn frame(index: &Index, nodes: &[Node], types: &[&str]) -> u64 {
    let mut h = Fold::new("search-frame");
    h.num(nodes.len() as u64);
    for &n in nodes {
        h.str(index.slug(n))
            .num(u64::from(matches!(n, Node::Doc(_))))
            .num(index.date(n).map_or(0, |d| d.year as u64));
    }
    for t in types {
        h.str(t);
    }
    h.num(0xfd);
    for (k, x) in &index.issuers {
        h.str(k).str(&x.name);
    }
    h.finish()
}

/// A token taken out of (`false`) or put into (`true`) an id's postings.
type Edit = (String, u32, bool);

/// The previous index patched; see the module's text.
pub(super) fn patch(
    site: &Site<'_, '_>,
    nodes: &[Node],
    frame: u64,
    own: &(dyn Fn(Node) -> u64 + Sync),
    previous: &Previous<'_>,
) -> Option<Patched> {
    let head = previous.head;
    if head.frame != frame || head.own.len() != nodes.len() {
        return None;
    }
    let now: Vec<u64> = nodes.par_iter().map(|n| own(*n)).collect();
    let changed: Vec<usize> = (0..nodes.len()).filter(|&i| now[i] != head.own[i]).collect();
    if changed.len() > FEW.max(nodes.len() / 50) {
        return None;
    }
    let mut chunks = old_words(&changed, nodes.len(), previous)?;
    let fresh: Vec<(usize, Record, Vec<Word>)> = changed
        .par_iter()
        .map(|&id| {
            let (record, words) = indexed(site, nodes[id]);
            (id, record, words)
        })
        .collect();
    let mut edits: BTreeMap<String, Vec<Edit>> = BTreeMap::new();
    for (id, _, words) in &fresh {
        let slot = chunks.get_mut(&(id / CHUNK))?.get_mut(id % CHUNK)?;
        let old: BTreeSet<String> = std::mem::replace(slot, words.clone()).iter().map(Word::text).collect();
        let new: BTreeSet<String> = words.iter().map(Word::text).collect();
        let id = u32::try_from(*id).ok()?;
        let gone = old.difference(&new).map(|t| (t, false));
        for (t, add) in gone.chain(new.difference(&old).map(|t| (t, true))) {
            edits
                .entry(bucket(t).to_string())
                .or_default()
                .push((t.clone(), id, add));
        }
    }
    let mut pages = buckets(edits, previous)?;
    pages.extend(shards(fresh, previous)?);
    // Made again, or emptied (a bucket with no bytes: the site loses it).
    let made: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let kept = previous
        .paths
        .iter()
        .filter(|p| !made.contains(**p))
        .map(|p| p.to_string())
        .collect();
    pages.retain(|p| !p.bytes.is_empty());
    Some(Patched {
        kept,
        head: Head { frame, own: now },
        chunks: chunks.into_iter().collect(),
        pages,
    })
}

/// The kept words of the chunks the changed ids are in.
fn old_words(changed: &[usize], count: usize, previous: &Previous<'_>) -> Option<BTreeMap<usize, Vec<Vec<Word>>>> {
    let mut chunks = BTreeMap::new();
    for k in changed.iter().map(|id| id / CHUNK).collect::<BTreeSet<_>>() {
        let words = (previous.words)(k)?;
        if words.len() != CHUNK.min(count - k * CHUNK) {
            return None;
        }
        chunks.insert(k, words);
    }
    Some(chunks)
}

/// The buckets the edits touch, read back and edited. A bucket left with no
/// token comes back with no bytes: the site loses it.
fn buckets(edits: BTreeMap<String, Vec<Edit>>, previous: &Previous<'_>) -> Option<Vec<Page>> {
    let mut pages = Vec::with_capacity(edits.len());
    for (key, list) in edits {
        let path = crate::routes::search_bucket(&key);
        let mut b: Bucket = if previous.paths.contains(path.as_str()) {
            serde_json::from_slice(&(previous.file)(&path)?).ok()?
        } else {
            Bucket::default()
        };
        for (token, id, add) in list {
            edit(&mut b, token, id, add)?;
        }
        let bytes = if b.t.is_empty() {
            Vec::new()
        } else {
            serde_json::to_vec(&b).ok()?
        };
        pages.push(Page { path, bytes });
    }
    Some(pages)
}

/// One token's postings in a bucket, with `id` put in or taken out, cut as
/// a whole build cuts them; `None` when the file does not say enough.
fn edit(b: &mut Bucket, token: String, id: u32, add: bool) -> Option<()> {
    let mut ids: Vec<u32> = match b.t.get(&token) {
        Some(s) => decode(s)
            .into_iter()
            .map(u32::try_from)
            .collect::<Result<_, _>>()
            .ok()?,
        None => Vec::new(),
    };
    let at = ids.binary_search(&id);
    if let Some(count) = b.c.get(&token).copied() {
        // Common: the file keeps the KEEP newest ids and the count.
        if !add {
            // Under the cut again, or a kept id lost: the full list is needed.
            return (count - 1 > COMMON && at.is_err()).then(|| {
                b.c.insert(token, count - 1);
            });
        }
        let at = at.err()?;
        if at < ids.len() {
            ids.insert(at, id);
            ids.truncate(KEEP);
            b.t.insert(token.clone(), encode(&ids));
        }
        b.c.insert(token, count + 1);
        return Some(());
    }
    match (at, add) {
        (Err(at), true) => ids.insert(at, id),
        (Ok(at), false) => {
            ids.remove(at);
        }
        _ => return None,
    }
    if ids.is_empty() {
        b.t.remove(&token);
    } else if ids.len() > COMMON {
        b.c.insert(token.clone(), ids.len());
        b.t.insert(token, encode(&ids[..KEEP]));
    } else {
        b.t.insert(token, encode(&ids));
    }
    Some(())
}

/// The record shards of the changed ids, read back with their records
/// replaced.
fn shards(fresh: Vec<(usize, Record, Vec<Word>)>, previous: &Previous<'_>) -> Option<Vec<Page>> {
    let mut by_shard: BTreeMap<usize, Vec<(usize, Record)>> = BTreeMap::new();
    for (id, record, _) in fresh {
        by_shard.entry(id / SHARD).or_default().push((id % SHARD, record));
    }
    let mut pages = Vec::with_capacity(by_shard.len());
    for (n, records) in by_shard {
        let path = crate::routes::search_shard(n);
        let mut shard: Vec<Record> = serde_json::from_slice(&(previous.file)(&path)?).ok()?;
        for (at, record) in records {
            *shard.get_mut(at)? = record;
        }
        pages.push(Page {
            path,
            bytes: serde_json::to_vec(&shard).ok()?,
        });
    }
    Some(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket_of(t: &[(&str, &[u32])]) -> Bucket {
        let mut b = Bucket::default();
        for (token, ids) in t {
            if ids.len() > COMMON {
                b.c.insert(token.to_string(), ids.len());
                b.t.insert(token.to_string(), encode(&ids[..KEEP]));
            } else {
                b.t.insert(token.to_string(), encode(ids));
            }
        }
        b
    }

    fn bytes(b: &Bucket) -> Vec<u8> {
        serde_json::to_vec(b).unwrap_or_default()
    }

    /// Every edit gives the bucket a whole build makes of the new lists,
    /// or says it cannot.
    #[test]
    fn an_edited_bucket_is_the_whole_builds() {
        let many: Vec<u32> = (0..1500).map(|i| i * 2).collect();
        let edge: Vec<u32> = (0..1001).map(|i| i * 2).collect();
        // (ids before, the id, put in, ids after or `None` when not patched)
        type Case = (Vec<u32>, u32, bool, Option<Vec<u32>>);
        let cases: Vec<Case> = vec![
            (vec![1, 5], 3, true, Some(vec![1, 3, 5])),
            (vec![1, 3, 5], 3, false, Some(vec![1, 5])),
            (vec![3], 3, false, Some(vec![])),
            (vec![], 3, true, Some(vec![3])),
            (vec![1, 3], 3, true, None),
            (vec![1, 5], 3, false, None),
            (many.clone(), 1, true, Some([&[0, 1][..], &many[1..]].concat())),
            (many.clone(), 2999, true, Some([&many[..], &[2999][..]].concat())),
            (many.clone(), 2998, false, Some(many[..1499].to_vec())),
            (many.clone(), 0, false, None),
            (edge.clone(), 2000, false, None),
            (
                (0..1000).collect(),
                5000,
                true,
                Some([(0..1000).collect::<Vec<u32>>(), vec![5000]].concat()),
            ),
        ];
        for (before, id, add, after) in cases {
            let mut b = bucket_of(&[("ket", &before), ("keo", &[7])]);
            let done = edit(&mut b, "ket".to_string(), id, add);
            match after {
                None => assert!(done.is_none(), "{id} {add} on {} ids was patched", before.len()),
                Some(after) => {
                    assert!(done.is_some(), "{id} {add} on {} ids", before.len());
                    let lists: Vec<(&str, &[u32])> = if after.is_empty() {
                        vec![("keo", &[7])]
                    } else {
                        vec![("ket", &after), ("keo", &[7])]
                    };
                    assert_eq!(
                        bytes(&b),
                        bytes(&bucket_of(&lists)),
                        "{id} {add} on {} ids",
                        before.len()
                    );
                }
            }
        }
    }
}
