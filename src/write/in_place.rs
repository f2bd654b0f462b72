//! Writing a warm build into the site in place: only the files whose bytes
//! changed are written, each into a new file renamed over the old one (a
//! reader never sees half a page), and the files the site no longer has
//! are removed with the folders they leave empty. Every other file keeps its
//! inode and modification time.
//!
//! In: the pages a warm build rendered again and the paths the site lost.
//! Out: a [`Report`]. Unlike a cold build (a new folder swapped in whole),
//! a write that fails half way leaves some pages new and some old; the
//! build then fails, its list of pages was already forgotten (see
//! `crate::cache`), and the next build is cold and writes the whole site.

use super::{check_output, io, safe_relative, Report, WriteError, MARKER};
use crate::render::Page;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};

/// A site changed in place.
pub(crate) struct InPlace {
    out: PathBuf,
    written: AtomicUsize,
    bytes: AtomicU64,
}

impl InPlace {
    /// Opens the site in `out` (which must be a site vanban made) for writing in place.
    pub(crate) fn begin(out: &Path, content: &Path) -> Result<InPlace, WriteError> {
        check_output(out, content, false)?;
        if !out.join(MARKER).is_file() {
            return Err(WriteError::NotOurs(out.to_path_buf()));
        }
        Ok(InPlace {
            out: out.to_path_buf(),
            written: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        })
    }

    /// Writes one page unless the site holds its bytes already.
    pub(crate) fn put(&self, page: &Page) -> Result<(), WriteError> {
        if !safe_relative(&page.path) {
            return Err(WriteError::UnsafePath(page.path.clone()));
        }
        let path = self.out.join(&page.path);
        let same = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() == page.bytes.len() as u64)
            && std::fs::read(&path).is_ok_and(|b| b == page.bytes);
        if same {
            return Ok(());
        }
        let parent = path.parent().unwrap_or(&self.out);
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = parent.join(format!(".{name}.vanban-{}", std::process::id()));
        std::fs::write(&tmp, &page.bytes)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                WriteError::Io {
                    path: path.clone(),
                    source: e,
                }
            })?;
        self.written.fetch_add(1, Relaxed);
        self.bytes.fetch_add(page.bytes.len() as u64, Relaxed);
        Ok(())
    }

    /// Removes the files at `gone` (site-relative) and the folders they
    /// leave empty.
    pub(crate) fn remove(&self, gone: &[&str]) -> Result<(), WriteError> {
        for rel in gone {
            if !safe_relative(rel) {
                return Err(WriteError::UnsafePath(rel.to_string()));
            }
            let path = self.out.join(rel);
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&path)(e)),
                _ => {}
            }
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != self.out && d.starts_with(&self.out)) {
                // Fails, as it should, on a folder that still holds something.
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        Ok(())
    }

    /// What was written, for a site of `files` files.
    pub(crate) fn finish(self, files: usize) -> Report {
        let written = self.written.into_inner();
        Report {
            files,
            bytes: self.bytes.into_inner(),
            unchanged: files.saturating_sub(written),
            leftover: None,
        }
    }
}
