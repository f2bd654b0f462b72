//! The search index of a built site read back as the browser fetches it
//! (`tim-kiem/meta.json`, `tim-kiem/t/*.json`, `tim-kiem/d/*.json`), for
//! `vanban::search::query_cost` in the search bench and the tests.
#![allow(dead_code)] // each includer uses its part

use std::collections::BTreeMap;
use std::path::Path;

/// Every file of the index, by its path under the site.
pub(crate) fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for sub in ["t", "d"] {
        for e in std::fs::read_dir(out.join("tim-kiem").join(sub))
            .expect("index")
            .flatten()
        {
            let name = format!("tim-kiem/{sub}/{}", e.file_name().to_string_lossy());
            files.insert(name, std::fs::read(e.path()).expect("read"));
        }
    }
    let meta = std::fs::read(out.join("tim-kiem/meta.json")).expect("meta");
    files.insert("tim-kiem/meta.json".into(), meta);
    files
}

/// The page URL of each record (as written in the index, without the
/// leading `/`), in the order of `ids`.
pub(crate) fn urls(files: &BTreeMap<String, Vec<u8>>, ids: &[usize]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let shard = &files[&format!("tim-kiem/d/{}.json", id / vanban::search::SHARD)];
            let shard: serde_json::Value = serde_json::from_slice(shard).expect("shard");
            shard[id % vanban::search::SHARD][6].as_str().unwrap_or("").to_string()
        })
        .collect()
}

/// The snippet of each record, in the order of `ids`.
pub(crate) fn snippets(files: &BTreeMap<String, Vec<u8>>, ids: &[usize]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let shard = &files[&format!("tim-kiem/d/{}.json", id / vanban::search::SHARD)];
            let shard: serde_json::Value = serde_json::from_slice(shard).expect("shard");
            shard[id % vanban::search::SHARD][8].as_str().unwrap_or("").to_string()
        })
        .collect()
}
