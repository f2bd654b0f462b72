//! Loading with a cache: a file whose length, modification time, change
//! time and inode are unchanged is not read again, and a known edit skips
//! the walk.

use super::walk::{walk, walk_with, Walk};
use super::*;

/// Loads every document under `dir`, reusing `cache` for unchanged files.
pub fn load_cached(dir: &Path, opts: &LoadOptions, cache: &mut Cache) -> Loaded {
    let mut out = Loaded::default();
    if !dir.is_dir() {
        out.diagnostics.push(
            Diagnostic::error(
                crate::diag::Code::Content,
                format!("không tìm thấy thư mục nội dung `{}`", dir.display()),
            )
            .hint("tạo thư mục đó, hoặc chỉ ra thư mục khác bằng `--content THƯ_MỤC`"),
        );
        return out;
    }
    // A change the dev server saw to known files only needs no walk: the
    // list of files is the last one, and only those files are looked at.
    let hint = cache.changed.take();
    let forced: std::collections::HashSet<PathBuf> = std::mem::take(&mut cache.forced).into_iter().collect();
    let old = std::mem::take(&mut cache.files);
    let (w, results) = if !cache.keep {
        // A one-shot build has nothing to compare with: files are read as
        // the walk finds them.
        walk_and_load(dir, opts)
    } else {
        let (w, changed) = match (cache.walk.take(), hint) {
            (Some(w), Some(changed)) if !w.links && changed.iter().all(|p| w.files.iter().any(|(f, _)| f == p)) => {
                (w, Some(changed))
            }
            _ => (walk(dir), None),
        };
        let results: Vec<(PathBuf, Stamp, FileResult)> = w
            .files
            .par_iter()
            .map(|(path, rel)| {
                let is_forced = forced.contains(path);
                if let (Some(changed), Some((s, r))) = (&changed, old.get(path)) {
                    if !changed.contains(path) && !is_forced {
                        return (path.clone(), *s, r.clone());
                    }
                }
                let st = stamp(path);
                match old.get(path) {
                    Some((s, r)) if *s == st && st.known() && !is_forced => (path.clone(), st, r.clone()),
                    _ => (path.clone(), st, load_file(path, rel, opts)),
                }
            })
            .collect();
        (w, results)
    };
    out.counts.skipped += w.skipped;
    out.counts.errors += w.errors;
    out.diagnostics.extend(w.diagnostics.iter().cloned());
    if cache.keep {
        for (path, st, r) in &results {
            cache.files.insert(path.clone(), (*st, r.clone()));
        }
        cache.walk = Some(w);
    }
    for (_, _, r) in results {
        // A document keeps its own text; a file that failed keeps it here,
        // for its diagnostics.
        if let (Some(text), None) = (r.text, &r.document) {
            out.sources.insert(r.file.clone(), text);
        }
        let failed = r.diagnostics.iter().any(Diagnostic::is_error);
        out.diagnostics.extend(r.diagnostics);
        match r.document {
            Some(doc) if !failed => {
                if doc.draft && !opts.drafts {
                    out.counts.drafts += 1;
                } else {
                    out.counts.published += 1;
                    out.documents.push(doc);
                }
            }
            _ => out.counts.errors += 1,
        }
    }
    out
}

/// The walk, with the files it finds read and parsed on the thread pool in
/// batches while it goes on; the results in the walk's order.
pub(super) fn walk_and_load(dir: &Path, opts: &LoadOptions) -> (Walk, Vec<(PathBuf, Stamp, FileResult)>) {
    const BATCH: usize = 64;
    type Loaded = (usize, PathBuf, FileResult);
    let done: std::sync::Mutex<Vec<Loaded>> = std::sync::Mutex::new(Vec::new());
    let w = rayon::scope(|s| {
        let done = &done;
        let send = |batch: Vec<(usize, PathBuf, String)>| {
            s.spawn(move |_| {
                let loaded: Vec<Loaded> = batch
                    .into_iter()
                    .map(|(k, path, rel)| {
                        let r = load_file(&path, &rel, opts);
                        (k, path, r)
                    })
                    .collect();
                done.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(loaded);
            });
        };
        let mut batch = Vec::with_capacity(BATCH);
        let mut count = 0;
        let w = walk_with(dir, &mut |(path, rel)| {
            batch.push((count, path.clone(), rel.clone()));
            count += 1;
            if batch.len() == BATCH {
                send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
            }
        });
        if !batch.is_empty() {
            send(batch);
        }
        w
    });
    let mut loaded = done.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    loaded.sort_unstable_by_key(|(k, _, _)| *k);
    (
        w,
        loaded
            .into_iter()
            .map(|(_, path, r)| (path, Stamp::default(), r))
            .collect(),
    )
}

#[derive(Debug, Clone)]
pub(super) struct FileResult {
    file: String,
    text: Option<String>,
    document: Option<Arc<Document>>,
    diagnostics: Vec<Diagnostic>,
}

/// What a file looked like when it was read: length, modification time,
/// and where the system says so, change time and inode (an edit that puts
/// the modification time back, `cp -p`, still changes the change time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    changed: Option<(i64, i64)>,
    inode: u64,
}

impl Stamp {
    /// Whether the file could be looked at (a stamp that says nothing
    /// never vouches for a file).
    fn known(&self) -> bool {
        self.modified.is_some()
    }

    /// Whether the file was last changed (modified, and where known its
    /// change time) long enough before `t` that a later change cannot hide
    /// within the timestamps' grain: 100 ms where they carry fractions of a
    /// second (the kernel's clock for file times ticks in milliseconds), two
    /// seconds where they do not (FAT, some network file systems).
    pub fn settled_before(&self, t: std::time::SystemTime) -> bool {
        let fine = self
            .modified
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .is_some_and(|d| d.subsec_nanos() != 0);
        let grain = if fine {
            std::time::Duration::from_millis(100)
        } else {
            std::time::Duration::from_secs(2)
        };
        let Some(limit) = t.checked_sub(grain) else {
            return false;
        };
        let changed = self.changed.map(|(s, ns)| {
            std::time::UNIX_EPOCH + std::time::Duration::new(s.max(0) as u64, ns.clamp(0, 999_999_999) as u32)
        });
        self.modified.is_some_and(|m| m < limit) && changed.is_none_or(|c| c < limit)
    }
}

/// Results of earlier loads, reused for files that did not change (the dev
/// server keeps one across rebuilds).
#[derive(Debug, Default)]
pub struct Cache {
    pub(super) files: std::collections::HashMap<PathBuf, (Stamp, FileResult)>,
    /// The last walk of the content folder.
    pub(super) walk: Option<Walk>,
    /// Files known to have changed since the last load, and nothing else
    /// (the dev server's watcher says so); taken by the next load.
    pub changed: Option<Vec<PathBuf>>,
    /// Files read again whatever their stamp (the watcher saw them change).
    pub forced: Vec<PathBuf>,
    /// Whether to keep results for the next load (a one-shot build does not).
    pub keep: bool,
}

impl Cache {
    /// Documents a build cache kept (completed by the references stage), as
    /// if this cache had read them: a file with the same stamp is not read.
    pub fn restore(&mut self, documents: Vec<(PathBuf, Stamp, Arc<Document>)>) {
        for (path, stamp, doc) in documents {
            let r = FileResult {
                file: doc.file.clone(),
                text: None,
                document: Some(doc),
                diagnostics: Vec::new(),
            };
            self.files.insert(path, (stamp, r));
        }
    }

    /// Takes the documents completed by the references stage in place of
    /// the ones read (same file, same revision), so that the two stages
    /// share one copy of each text instead of holding two.
    pub fn complete<'a>(&mut self, documents: impl Iterator<Item = &'a Arc<Document>>) {
        let by_file: std::collections::HashMap<&str, &Arc<Document>> =
            documents.map(|d| (d.file.as_str(), d)).collect();
        for (_, r) in self.files.values_mut() {
            let done = r.document.as_ref().and_then(|read| {
                by_file
                    .get(read.file.as_str())
                    .filter(|d| d.revision == read.revision && !Arc::ptr_eq(d, read))
            });
            if let Some(d) = done {
                r.document = Some(Arc::clone(d));
            }
        }
    }

    /// The documents read with no diagnostic, with their paths and stamps.
    pub fn clean(&self) -> impl Iterator<Item = (&Path, &Stamp, &Arc<Document>)> {
        self.files.iter().filter_map(|(path, (stamp, r))| match &r.document {
            Some(doc) if stamp.known() && r.diagnostics.is_empty() => Some((path.as_path(), stamp, doc)),
            _ => None,
        })
    }
}

pub(crate) fn stamp(path: &Path) -> Stamp {
    let Ok(m) = std::fs::metadata(path) else {
        return Stamp::default();
    };
    #[cfg(unix)]
    let (changed, inode) = {
        use std::os::unix::fs::MetadataExt;
        (Some((m.ctime(), m.ctime_nsec())), m.ino())
    };
    #[cfg(not(unix))]
    let (changed, inode) = (None, 0);
    Stamp {
        len: m.len(),
        modified: m.modified().ok(),
        changed,
        inode,
    }
}

/// Loads one file. Public so that tests and the dev server can check one file.
/// The bytes of a file, or `None` when it holds more than `max` (read no
/// further than that, so a file that grows while read is bounded too).
fn read_at_most(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let hint = file.metadata().map_or(0, |m| m.len());
    if hint > max {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

pub(super) fn load_file(path: &Path, rel: &str, opts: &LoadOptions) -> FileResult {
    let file = path.display().to_string();
    let mut r = FileResult {
        file: file.clone(),
        text: None,
        document: None,
        diagnostics: Vec::new(),
    };
    let bytes = match read_at_most(path, opts.max_bytes) {
        Ok(Some(b)) => b,
        Ok(None) => {
            r.diagnostics.push(
                Diagnostic::error(
                    crate::diag::Code::TooBig,
                    format!(
                        "tệp lớn hơn giới hạn {} MB cho một văn bản; không đọc",
                        opts.max_bytes.div_ceil(1_000_000)
                    ),
                )
                .in_file(&file),
            );
            return r;
        }
        Err(e) => {
            r.diagnostics.push(
                Diagnostic::error(crate::diag::Code::Read, format!("không đọc được tệp: {e}"))
                    .in_file(&file)
                    .hint("kiểm tra quyền đọc tệp"),
            );
            return r;
        }
    };
    let text = match source::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let ok = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            r.diagnostics.push(
                Diagnostic::error(
                    crate::diag::Code::Utf8,
                    format!("tệp không phải UTF-8 (byte lạ ở vị trí {at})"),
                )
                .at(&file, ok.len()..ok.len())
                .hint("lưu lại tệp với bảng mã UTF-8 (trong Word: Lưu thành > Văn bản thuần > Unicode UTF-8)"),
            );
            r.text = Some(ok);
            return r;
        }
    };
    let (doc, diags) = parse_document(&text, &file, rel, opts);
    // A document keeps its text itself; a file that failed keeps it here.
    if doc.is_none() {
        r.text = Some(text);
    }
    r.document = doc.map(Arc::new);
    r.diagnostics = diags;
    r
}
