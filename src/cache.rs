//! The build cache: what reading and recognising found in each content file,
//! kept between builds in `.vanban-cache/` beside the output folder, so that
//! the next build reads again only the files that changed.
//!
//! In: the dev-server [`Session`] a build ran with. Out: the same session,
//! restored for the next build. A file is taken from the cache only when
//! its length, modification time, change time and inode are what they were
//! (an edit that restores the modification time, `cp -p`, still changes the
//! change time). Files with any diagnostic are not kept: they are read again,
//! so their warnings are shown again.
//!
//! The cache is trusted only when everything that decides its contents is
//! the same: its format, the vanban binary (version, length and time of the
//! executable), the configuration file's bytes, the content folder and the
//! options that change reading (drafts). Its bytes end with a CRC-32 of the
//! rest. Anything else (another version, another configuration, a damaged or
//! truncated file) and the cache is ignored and written anew: never an error,
//! never trusted.

use crate::load::{self, Document};
use crate::Session;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The first bytes of a cache file.
const MAGIC: &[u8; 12] = b"VANBAN-CACHE";
/// The layout of the records; raised whenever [`Entry`] or what it holds changes.
const FORMAT: u32 = 1;
/// The file inside the cache folder.
const FILE: &str = "tai-lieu.bin";

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
/// revisions of the documents it restored, or why it was ignored.
pub(crate) fn restore(dir: &Path, key: u64, session: &mut Session) -> Result<Vec<u64>, String> {
    let bytes = match std::fs::read(dir.join(FILE)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("không đọc được: {e}")),
    };
    let entries = decode(&bytes, key)?;
    let mut revisions = Vec::with_capacity(entries.len());
    let mut restored = Vec::with_capacity(entries.len());
    for mut e in entries {
        e.document.revision = load::next_revision();
        revisions.push(e.document.revision);
        restored.push((e.path, e.stamp, Arc::new(e.document)));
    }
    session.restore(restored);
    Ok(revisions)
}

/// Writes what `session` knows of the content files into the cache in `dir`
/// (a new file renamed over the old one: a build that dies leaves the old
/// cache or none, never half of one).
pub(crate) fn save(dir: &Path, key: u64, session: &Session) -> std::io::Result<()> {
    let entries: Vec<EntryRef> = session
        .kept()
        .map(|(path, stamp, document)| EntryRef { path, stamp, document })
        .collect();
    let bytes = encode(&entries, key).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{FILE}.{}", std::process::id()));
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, dir.join(FILE)).inspect_err(|_| {
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

fn encode(entries: &[EntryRef], key: u64) -> Result<Vec<u8>, postcard::Error> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&key.to_le_bytes());
    let bytes = postcard::to_extend(entries, bytes)?;
    let mut bytes = bytes;
    let crc = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
    Ok(bytes)
}

fn decode(bytes: &[u8], key: u64) -> Result<Vec<Entry>, String> {
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
        encode(
            &[EntryRef {
                path: &path,
                stamp: &stamp,
                document: &doc,
            }],
            key,
        )
        .expect("encode")
    }

    #[test]
    fn a_document_comes_back_as_it_went_in() {
        let entries = decode(&bytes(7), 7).expect("decode");
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
        let err = decode(&bytes(7), 8).err().expect("refused");
        assert!(err.contains("cấu hình"), "{err}");
    }

    #[test]
    fn every_damaged_byte_and_every_truncation_is_refused() {
        let good = bytes(7);
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            assert!(decode(&bad, 7).is_err(), "flipped byte {at} was trusted");
        }
        for len in 0..good.len() {
            assert!(decode(&good[..len], 7).is_err(), "cut at {len} was trusted");
        }
    }
}
