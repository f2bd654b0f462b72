//! The build cache: what reading and recognising found in each content file,
//! kept between builds in `.vanban-cache/` beside the output folder, so that
//! the next build reads again only the files that changed.
//!
//! In: the dev-server [`Session`] a build ran with. Out: the same session,
//! restored for the next build. A file is taken from the cache only when
//! its length, modification time, change time and inode are what they were
//! (an edit that restores the modification time, `cp -p`, still changes the
//! change time), and a file changed just before a build (100 ms, or two
//! seconds where file times have no fractions) is read again by the next:
//! its timestamps' grain could hide a second edit. Files
//! with any diagnostic are not kept: they are read again, so their warnings
//! are shown again; the cache is written only when what it keeps changed.
//!
//! The cache is trusted only when everything that decides its contents is
//! the same: its format, the vanban binary (version, length and time of the
//! executable), the configuration file's bytes, the content folder and the
//! options that change reading (drafts). Its bytes end with a CRC-32 of the
//! rest. Anything else (another version, another configuration, a damaged or
//! truncated file) and the cache is ignored and written anew: never an error,
//! never trusted. The documents are kept in 32 files (`tai-lieu-NN.bin`), a
//! content file's by its path, so that an edit rewrites a thirty-second of
//! the cache; a damaged one makes the whole cache ignored.
//!
//! Beside them, [`pages`] keeps the list of the pages of the site with the
//! fingerprint of what each was made from: with it a build is warm, and
//! renders and writes only what changed; [`search`] keeps each document's
//! words, with which a warm build patches the search index.

mod pages;
mod search;

pub(crate) use pages::{PageStore, Previous};

use crate::load::{self, Document};
use crate::Session;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The first bytes of a cache file.
const MAGIC: &[u8; 12] = b"VANBAN-CACHE";
/// The layout of the records; raised whenever [`Entry`] or what it holds changes.
const FORMAT: u32 = 3;
/// The file of the first format (one file for every document), removed
/// when the cache is written.
const OLD_FILE: &str = "tai-lieu.bin";
/// The documents are kept in this many files, a file's by its path: an
/// edit rewrites one of them (a thirty-second of the texts), not all.
const SHARDS: usize = 32;

/// The cache file of shard `k`.
fn shard_file(k: usize) -> String {
    format!("tai-lieu-{k:02}.bin")
}

/// The shard a content file's entry is kept in.
fn shard_of(path: &Path) -> usize {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    path.hash(&mut h);
    // The high bits: FxHasher's low bits spread poorly.
    (h.finish() >> 40) as usize % SHARDS
}

/// The folder of the cache for an output folder: `.vanban-cache/<name>/`
/// beside it, so that two sites built side by side keep theirs apart.
pub fn folder_for(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join(".vanban-cache")
        .join(name)
}

/// What the cache did in a build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Documents taken from the cache without reading their file.
    pub reused: usize,
    /// Documents read and recognised (new, changed, or not in the cache).
    pub read: usize,
    /// Why the cache was not used, when it was there and was not.
    pub ignored: Option<String>,
    /// Pages rendered again by a warm build (the others were left as they
    /// were); `None` when every page was rendered (a cold build).
    pub rendered: Option<usize>,
    /// How the open data and the search index were made: `kept` (nothing
    /// they hold changed), `patched` (the search index, where an edit
    /// touched it) or `whole`; `None` until the site is made.
    pub data: Option<(&'static str, &'static str)>,
}

/// One content file as the last build left it.
#[derive(Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    stamp: load::Stamp,
    document: Document,
}

/// Everything that decides what the cache holds, folded into one number.
pub(crate) fn key(content: &Path, config: Option<&Path>, drafts: bool) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    FORMAT.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    // The executable: any rebuild of vanban changes its time or length.
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    if let Ok(m) = exe {
        m.len().hash(&mut h);
        m.modified().ok().hash(&mut h);
    }
    content.hash(&mut h);
    config.map(std::fs::read).transpose().ok().flatten().hash(&mut h);
    drafts.hash(&mut h);
    h.finish()
}

/// Fills `session` from the cache in `dir` made under `key`; returns the
/// revisions of the documents it restored with the number each shard
/// gave, or why it was ignored (any shard damaged, or of another key).
pub(crate) fn restore(dir: &Path, key: u64, session: &mut Session) -> Result<(Vec<u64>, Vec<usize>), String> {
    use rayon::prelude::*;
    let shards: Vec<Result<Vec<Entry>, String>> = (0..SHARDS)
        .into_par_iter()
        .map(|k| match std::fs::read(dir.join(shard_file(k))) {
            Ok(b) => decode(&b, key),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(format!("không đọc được: {e}")),
        })
        .collect();
    let mut revisions = Vec::new();
    let mut restored = Vec::new();
    let mut counts = Vec::with_capacity(SHARDS);
    for shard in shards {
        let entries = shard?;
        counts.push(entries.len());
        for mut e in entries {
            e.document.revision = load::next_revision();
            revisions.push(e.document.revision);
            restored.push((e.path, e.stamp, Arc::new(e.document)));
        }
    }
    session.restore(restored);
    Ok((revisions, counts))
}

/// A build's cache: the session it fills, what it restored, and where it
/// goes.
pub(crate) struct CachedRun {
    /// The session the build reads with (filled from the cache).
    pub(crate) session: Session,
    /// The cache folder and the key of this run, when it has a cache.
    at: Option<(PathBuf, u64)>,
    /// The revisions of the documents the cache gave.
    restored: std::collections::HashSet<u64>,
    /// How many documents each shard gave.
    shard_counts: Vec<usize>,
    ignored: Option<String>,
    /// When the build started: a file changed just before it may change
    /// again unseen within its timestamps' grain (racy stamps), so it is
    /// read again next time rather than kept.
    started: std::time::SystemTime,
}

impl CachedRun {
    /// The cache of a run, restored into a session; none when the run has
    /// no cache, or when the cache would lie inside the content folder.
    pub(crate) fn open(opts: &crate::Options, config: Option<&Path>) -> CachedRun {
        let mut run = CachedRun {
            session: Session::default(),
            at: None,
            restored: Default::default(),
            shard_counts: vec![0; SHARDS],
            ignored: None,
            started: std::time::SystemTime::now(),
        };
        let Some(dir) = &opts.cache else { return run };
        let abs = |p: &Path| crate::write::absolute(p).ok();
        if let (Some(d), Some(c)) = (abs(dir), abs(&opts.content)) {
            if d.starts_with(&c) {
                return run;
            }
        }
        let key = key(&opts.content, config, opts.drafts);
        run.session = Session::caching();
        match restore(dir, key, &mut run.session) {
            Ok((revisions, counts)) => {
                run.restored = revisions.into_iter().collect();
                run.shard_counts = counts;
            }
            Err(why) => {
                run.session = Session::caching();
                run.ignored = Some(why);
            }
        }
        run.at = Some((dir.clone(), key));
        run
    }

    /// How many documents came from the cache and how many were read.
    pub(crate) fn report(&self, index: &crate::graph::Index) -> Option<Report> {
        self.at.as_ref()?;
        let reused = index
            .docs
            .iter()
            .filter(|d| self.restored.contains(&d.doc.revision))
            .count();
        Some(Report {
            reused,
            read: index.docs.len() - reused,
            ignored: self.ignored.clone(),
            rendered: None,
            data: None,
        })
    }

    /// The list of pages of the previous build into `output`, for a build
    /// whose theme and configuration in force fold into `render`; none
    /// without a cache. Its previous pages are dropped when the documents'
    /// cache was not trusted: nothing of that build is.
    pub(crate) fn pages(&self, output: &Path, render: u64) -> Option<PageStore> {
        let (dir, key) = self.at.as_ref()?;
        let mut store = PageStore::open(dir, output, *key, render);
        if self.ignored.is_some() {
            store.distrust();
        }
        Some(store)
    }

    /// Writes anew the shards of the cache whose entries changed (all of
    /// them when the cache was ignored); removes the shards left empty.
    pub(crate) fn save(&self) -> std::io::Result<()> {
        use rayon::prelude::*;
        let Some((dir, key)) = &self.at else {
            return Ok(());
        };
        let settled = |stamp: &load::Stamp| stamp.settled_before(self.started);
        let mut shards: Vec<Vec<EntryRef>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (path, stamp, document) in self.session.kept().filter(|(_, stamp, _)| settled(stamp)) {
            shards[shard_of(path)].push(EntryRef { path, stamp, document });
        }
        let written: std::io::Result<()> = shards.par_iter().enumerate().try_for_each(|(k, kept)| {
            let same = self.ignored.is_none()
                && kept.len() == self.shard_counts[k]
                && kept.iter().all(|e| self.restored.contains(&e.document.revision));
            match (same, kept.is_empty()) {
                (true, _) => Ok(()),
                (false, true) => match std::fs::remove_file(dir.join(shard_file(k))) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                    _ => Ok(()),
                },
                (false, false) => save_as(dir, &shard_file(k), *key, kept),
            }
        });
        written?;
        match std::fs::remove_file(dir.join(OLD_FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Writes `value` into the file `name` of the cache folder `dir`, under
/// `key`, streamed into a new file renamed over the old one.
fn save_as<T: Serialize + ?Sized>(dir: &Path, name: &str, key: u64, value: &T) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = encode(value, key, std::io::BufWriter::new(f))?;
        std::io::Write::flush(&mut w)
    });
    written
        .and_then(|()| std::fs::rename(&tmp, dir.join(name)))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// [`Entry`] as written: borrowed from the session.
#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a Path,
    stamp: &'a load::Stamp,
    document: &'a Document,
}

/// A writer that keeps the CRC-32 of what goes through it.
struct Crc<W> {
    inner: W,
    crc: crc32fast::Hasher,
}

impl<W: std::io::Write> std::io::Write for Crc<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the cache's bytes into `w`: header, records, and the CRC-32 of
/// both; gives `w` back.
fn encode<T: Serialize + ?Sized, W: std::io::Write>(entries: &T, key: u64, w: W) -> std::io::Result<W> {
    use std::io::Write;
    let mut w = Crc {
        inner: w,
        crc: crc32fast::Hasher::new(),
    };
    w.write_all(MAGIC)?;
    w.write_all(&FORMAT.to_le_bytes())?;
    w.write_all(&key.to_le_bytes())?;
    let mut w = postcard::to_io(entries, w).map_err(std::io::Error::other)?;
    let crc = w.crc.clone().finalize();
    w.inner.write_all(&crc.to_le_bytes())?;
    Ok(w.inner)
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], key: u64) -> Result<T, String> {
    let head = MAGIC.len() + 4 + 8;
    if bytes.len() < head + 4 || &bytes[..MAGIC.len()] != MAGIC {
        return Err("không phải tệp bộ nhớ đệm của vanban".into());
    }
    let (body, crc) = bytes.split_at(bytes.len() - 4);
    let crc = u32::from_le_bytes(crc.try_into().map_err(|_| "tệp hỏng".to_string())?);
    if crc32fast::hash(body) != crc {
        return Err("tệp hỏng (mã kiểm tra không khớp)".into());
    }
    let word = |at: usize, n: usize| -> u64 {
        let mut b = [0u8; 8];
        b[..n].copy_from_slice(&body[at..at + n]);
        u64::from_le_bytes(b)
    };
    if word(MAGIC.len(), 4) != u64::from(FORMAT) {
        return Err("định dạng của phiên bản vanban khác".into());
    }
    if word(MAGIC.len() + 4, 8) != key {
        return Err("do phiên bản vanban, cấu hình hoặc thư mục nội dung khác tạo ra".into());
    }
    postcard::from_bytes(&body[head..]).map_err(|e| format!("tệp hỏng ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Document {
        let opts = load::LoadOptions::default();
        let (doc, diags) = load::parse_document(text, "a.md", "content/a.md", &opts);
        doc.unwrap_or_else(|| panic!("{diags:?}"))
    }

    const TEXT: &str = "---\nnumber: 12-KH/TU\ntitle: Thực hiện Nghị quyết\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Gia Lai\ndate: 2025-03-05\n---\nThực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị.\n";

    fn bytes(key: u64) -> Vec<u8> {
        let doc = document(TEXT);
        let stamp = load::Stamp::default();
        let path = PathBuf::from("content/a.md");
        let entries: &[EntryRef] = &[EntryRef {
            path: &path,
            stamp: &stamp,
            document: &doc,
        }];
        encode(entries, key, Vec::new()).expect("encode")
    }

    #[test]
    fn a_document_comes_back_as_it_went_in() {
        let entries: Vec<Entry> = decode(&bytes(7), 7).expect("decode");
        assert_eq!(entries.len(), 1);
        let want = document(TEXT);
        let got = &entries[0].document;
        assert_eq!(got.text, want.text);
        assert_eq!(got.number, want.number);
        assert_eq!(got.date, want.date);
        assert_eq!(got.citations, want.citations);
        assert_eq!(got.issuers, want.issuers);
    }

    #[test]
    fn another_key_is_not_trusted() {
        let err = decode::<Vec<Entry>>(&bytes(7), 8).err().expect("refused");
        assert!(err.contains("cấu hình"), "{err}");
    }

    #[test]
    fn every_damaged_byte_and_every_truncation_is_refused() {
        let good = bytes(7);
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            assert!(decode::<Vec<Entry>>(&bad, 7).is_err(), "flipped byte {at} was trusted");
        }
        for len in 0..good.len() {
            assert!(
                decode::<Vec<Entry>>(&good[..len], 7).is_err(),
                "cut at {len} was trusted"
            );
        }
    }
}
