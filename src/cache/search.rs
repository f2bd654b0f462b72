//! What the build cache keeps of the search index (`tim-kiem.bin`, the
//! [`Head`], and `tim-kiem-NNNN.bin`, each id's words by chunks of
//! [`CHUNK`](crate::search::CHUNK) ids), so that a warm build patches the index where an edit
//! touches it instead of making it whole (see `crate::search`'s `pieces`).
//!
//! In: the cache folder and the key of the list of pages. Out: the head
//! and the chunks as the last build kept them. A head is trusted only with
//! the list of pages (the same key, and only when that list is: the site is
//! the one they were made for), and it vouches for the chunks: it is removed
//! before any chunk is written and written again only when every chunk of
//! the build was, so a build that fails half way leaves no head, and the
//! next one makes the index whole. A list of pages is not kept when the head
//! of its build could not be ([`SearchStore::failed`]).

use super::{decode, save_as};
use crate::search::{Head, Word};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The head's file inside the cache folder.
const HEAD: &str = "tim-kiem.bin";

/// The file of chunk `k`.
fn chunk_file(k: usize) -> String {
    format!("tim-kiem-{k:04}.bin")
}

/// The search index's part of the cache.
pub(crate) struct SearchStore {
    dir: PathBuf,
    key: u64,
    /// The head of the last build, when the list of pages is trusted.
    pub(crate) head: Option<Head>,
    failed: AtomicBool,
}

impl SearchStore {
    /// The store in `dir` under `key`; its head is read when `trusted`.
    pub(crate) fn open(dir: &Path, key: u64, trusted: bool) -> SearchStore {
        let head = trusted
            .then(|| std::fs::read(dir.join(HEAD)).ok())
            .flatten()
            .and_then(|b| decode(&b, key).ok());
        SearchStore {
            dir: dir.to_path_buf(),
            key,
            head,
            failed: AtomicBool::new(false),
        }
    }

    /// The words of the ids of chunk `k`, as kept.
    pub(crate) fn words(&self, k: usize) -> Option<Vec<Vec<Word>>> {
        let bytes = std::fs::read(self.dir.join(chunk_file(k))).ok()?;
        decode(&bytes, self.key).ok()
    }

    fn note(&self, r: std::io::Result<()>) {
        if r.is_err() {
            self.failed.store(true, Ordering::Relaxed);
        }
    }

    /// Removes the head: chunks are about to be written.
    pub(crate) fn forget(&self) {
        self.note(match std::fs::remove_file(self.dir.join(HEAD)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        });
    }

    /// Keeps the words of chunk `k` (after [`SearchStore::forget`]).
    pub(crate) fn keep_words<W: serde::Serialize>(&self, k: usize, words: &[W]) {
        self.note(save_as(&self.dir, &chunk_file(k), self.key, words));
    }

    /// Keeps the head, when every chunk of this build was kept.
    pub(crate) fn keep_head(&self, head: &Head) {
        if !self.failed() {
            self.note(save_as(&self.dir, HEAD, self.key, head));
        }
    }

    /// Whether something could not be kept: the head is then not there, and
    /// the list of pages is not kept either.
    pub(crate) fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }
}
