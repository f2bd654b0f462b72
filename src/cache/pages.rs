//! The pages of the last build: every file of the site with the
//! fingerprint of what it was made from (`trang.bin` beside the documents),
//! so that a warm build renders and writes only the pages whose inputs
//! changed, in place, and removes the files the site no longer has.
//!
//! In: the output folder, the run's key, the theme's and the
//! configuration's fingerprints. Out: the previous pages, when they can be
//! trusted. They are trusted only when the key is the same (the vanban
//! executable, the configuration file, the content folder, drafts, plus the
//! theme, the configuration in force with `--base-url`, and the output
//! folder), the file's CRC-32 holds, and the output folder is still the one
//! that build left: its marker file (`.vanban-site`) has the same inode,
//! length and times. A cold build (`--no-cache`, or any build that writes
//! a new folder) makes a new marker, so a list of pages never outlives the
//! site it describes. The file is removed before a warm build writes its
//! first page and written again only when the site is complete: a build
//! that dies half way leaves no list, and the next build is cold.

use super::search::SearchStore;
use super::{decode, save_as};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file inside the cache folder.
const FILE: &str = "trang.bin";

/// What is kept: the output folder's marker as the build left it, and
/// every file of the site with its fingerprint.
#[derive(Serialize, Deserialize)]
struct Kept {
    marker: crate::load::Stamp,
    pages: Vec<(String, u64)>,
}

/// The pages of the previous build, by path.
pub(crate) struct Previous {
    pub(crate) pages: HashMap<String, u64>,
}

/// The list of pages of an output folder's cache.
pub(crate) struct PageStore {
    dir: PathBuf,
    marker: PathBuf,
    key: u64,
    /// The pages of the previous build, when they can be trusted.
    pub(crate) previous: Option<Previous>,
    /// What the previous build kept of its search index.
    pub(crate) search: SearchStore,
}

impl PageStore {
    /// The store of `output` in the cache folder `dir`; `base` is the load
    /// cache's key, `render` the fingerprint of the theme and the
    /// configuration in force.
    pub(crate) fn open(dir: &Path, output: &Path, base: u64, render: u64) -> PageStore {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        (FILE, base, render).hash(&mut h);
        crate::write::absolute(output).ok().hash(&mut h);
        let marker = output.join(crate::write::MARKER);
        let key = h.finish();
        let mut store = PageStore {
            dir: dir.to_path_buf(),
            marker,
            key,
            previous: None,
            search: SearchStore::open(dir, key, false),
        };
        store.previous = store.read();
        store.search = SearchStore::open(dir, key, store.previous.is_some());
        store
    }

    /// Forgets the previous build (its pages and its search index): none of
    /// it is to be trusted.
    pub(crate) fn distrust(&mut self) {
        self.previous = None;
        self.search.head = None;
    }

    fn read(&self) -> Option<Previous> {
        let bytes = std::fs::read(self.dir.join(FILE)).ok()?;
        let kept: Kept = decode(&bytes, self.key).ok()?;
        let now = crate::load::stamp(&self.marker);
        if now == crate::load::Stamp::default() || now != kept.marker {
            return None;
        }
        Some(Previous {
            pages: kept.pages.into_iter().collect(),
        })
    }

    /// Forgets the list before the site is changed in place.
    pub(crate) fn forget(&self) -> std::io::Result<()> {
        match std::fs::remove_file(self.dir.join(FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Keeps the pages of the site just written (sorted by path).
    pub(crate) fn save(&self, pages: Vec<(String, u64)>) -> std::io::Result<()> {
        let marker = crate::load::stamp(&self.marker);
        if marker == crate::load::Stamp::default() {
            return self.forget();
        }
        save_as(&self.dir, FILE, self.key, &Kept { marker, pages })
    }
}
