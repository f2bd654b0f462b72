//! The files made beside the pages (open data, search index, feed,
//! `robots.txt`) in a build that writes a site, each with the fingerprint
//! the list of pages keeps.
//!
//! In: the link graph, each node's own digest, the build cache's store and,
//! in a warm build, the previous site (its list of pages and its folder).
//! Out: the files made, and the paths of the previous site's files kept as
//! they are. A warm build makes again only what changed: the open data only
//! when the digest of its records changed (`api/documents.json`'s
//! fingerprint is that digest, so an unchanged one is never serialized), and
//! the search index patched where the documents whose digest changed touch
//! it (`search`'s `pieces`; the previous index files are read back only when
//! their bytes are the ones listed). Anything that cannot be patched is made
//! whole, as a cold build makes it.

use crate::cache::PageStore;
use crate::config::Config;
use crate::graph::{Index, Node};
use crate::render::{of_bytes, Page};
use crate::{opendata, routes, search};
use std::collections::HashMap;
use std::path::Path;

/// The data files of a build.
#[derive(Default)]
pub(crate) struct Made {
    /// Files made, with their fingerprints.
    pub(crate) pages: Vec<(Page, u64)>,
    /// Files of the previous site kept as they are.
    pub(crate) kept: Vec<String>,
    /// How the open data and the search index were made: `kept`,
    /// `patched` or `whole`.
    pub(crate) how: (&'static str, &'static str),
}

/// The previous site of a warm build.
pub(crate) struct Before<'a> {
    /// Its files with their fingerprints.
    pub(crate) pages: &'a HashMap<String, u64>,
    /// Its folder.
    pub(crate) output: &'a Path,
}

impl Before<'_> {
    /// A file of the previous site, when its bytes are the ones listed.
    fn file(&self, path: &str) -> Option<Vec<u8>> {
        let listed = self.pages.get(path)?;
        let bytes = std::fs::read(self.output.join(path)).ok()?;
        (of_bytes(&bytes) == *listed).then_some(bytes)
    }

    fn paths(&self, of: fn(&str) -> bool) -> impl Iterator<Item = &str> {
        self.pages.keys().map(String::as_str).filter(move |p| of(p))
    }
}

/// The data files: see the module's text. Without a `store` (no cache),
/// everything is made whole.
pub(crate) fn made(
    index: &Index,
    cfg: &Config,
    first_paragraph: &dyn Fn(usize) -> String,
    own: &(dyn Fn(Node) -> u64 + Sync),
    store: Option<&PageStore>,
    before: Option<&Before<'_>>,
) -> Made {
    let mut out = Made::default();
    open_data(index, store.is_some(), before, &mut out);
    search_index(index, own, store, before, &mut out);
    for p in [opendata::feed(index, cfg, first_paragraph), opendata::robots(cfg)] {
        let fp = of_bytes(&p.bytes);
        out.pages.push((p, fp));
    }
    out
}

fn by_bytes(pages: Vec<Page>) -> impl Iterator<Item = (Page, u64)> {
    pages.into_iter().map(|p| {
        let fp = of_bytes(&p.bytes);
        (p, fp)
    })
}

/// The open data: kept when its records' digest is the listed one, else
/// made whole (fingerprinted by that digest when a cache keeps it).
fn open_data(index: &Index, cached: bool, before: Option<&Before<'_>>, out: &mut Made) {
    let digest = cached.then(|| opendata::digest(index));
    if let Some(b) = before.filter(|b| digest.is_some() && b.pages.get(routes::OPEN_DATA) == digest.as_ref()) {
        out.kept.extend(b.paths(routes::is_open_data).map(str::to_string));
        out.how.0 = "kept";
        return;
    }
    out.how.0 = "whole";
    for (p, fp) in by_bytes(opendata::open_data(index)) {
        let fp = match digest {
            Some(d) if p.path == routes::OPEN_DATA => d,
            _ => fp,
        };
        out.pages.push((p, fp));
    }
}

/// The search index: patched when the previous one and its pieces allow,
/// else made whole (its pieces kept when there is a cache).
fn search_index(
    index: &Index,
    own: &(dyn Fn(Node) -> u64 + Sync),
    store: Option<&PageStore>,
    before: Option<&Before<'_>>,
    out: &mut Made,
) {
    let plain = |i: usize| index.docs[i].doc.body();
    out.how.1 = "whole";
    let Some(kept) = store.map(|s| &s.search) else {
        out.pages.extend(by_bytes(search::build_with(index, &plain, None).0));
        return;
    };
    if let (Some(b), Some(head)) = (before, kept.head.as_ref()) {
        let file = |path: &str| b.file(path);
        let words = |k: usize| kept.words(k);
        let previous = search::Previous {
            head,
            words: &words,
            file: &file,
            paths: b.paths(routes::is_search_data).collect(),
        };
        if let Some(p) = search::patch(index, &plain, own, &previous) {
            out.how.1 = "kept";
            if !p.chunks.is_empty() {
                out.how.1 = "patched";
                kept.forget();
                for (k, words) in &p.chunks {
                    kept.keep_words(*k, words);
                }
                kept.keep_head(&p.head);
            }
            out.pages.extend(by_bytes(p.pages));
            out.kept.extend(p.kept);
            return;
        }
    }
    kept.forget();
    let words = |k: usize, words: Vec<&[search::Word]>| kept.keep_words(k, &words);
    let keeping = search::Keeping { own, words: &words };
    let (pages, head) = search::build_with(index, &plain, Some(&keeping));
    if let Some(head) = head {
        kept.keep_head(&head);
    }
    out.pages.extend(by_bytes(pages));
}
