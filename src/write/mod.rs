//! Writing: from pages to the output folder, all or nothing.
//!
//! In: the rendered [`Page`]s and the output folder. Out: a [`Report`], or a
//! [`WriteError`] with the previous site untouched.
//!
//! The site is written into a fresh folder beside the output folder and
//! swapped in by two renames only when every file was written; a failure
//! removes the half-written folder. Every page path is checked to stay inside
//! the output folder, and the output folder may not be, or contain, the
//! content folder or the working folder. A folder that vanban did not create
//! (no `.vanban-site` marker) is not replaced unless `--force` says so.

mod in_place;

pub(crate) use in_place::InPlace;

use crate::diag::{Code, Diagnostic};
use crate::render::Page;
use std::path::{Component, Path, PathBuf};

/// The marker file that says vanban made a folder.
pub(crate) const MARKER: &str = ".vanban-site";

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Files whose bytes did not change (kept as they were, with their time).
    pub unchanged: usize,
    /// The previous site, when it could not be removed after the new one was
    /// swapped in (the new site is in place; this folder may be deleted).
    pub leftover: Option<PathBuf>,
}

/// Why the site was not written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteError {
    /// A page path would leave the output folder.
    #[error("đường dẫn trang `{0}` không an toàn (ra ngoài thư mục xuất)")]
    UnsafePath(String),
    /// The output folder is the content folder, holds it, or holds the working folder.
    #[error("không thể xuất vào `{0}`: thư mục này chứa nội dung hoặc thư mục làm việc")]
    DangerousOutput(PathBuf),
    /// The output folder exists and is not a vanban site.
    #[error("thư mục `{0}` đã có và không phải do vanban tạo (không có tệp `.vanban-site`); không ghi đè")]
    NotOurs(PathBuf),
    /// `--force` was given for a folder that does not look like a built site.
    #[error("`--force` không thay thế `{0}`: {1}")]
    ForceRefused(PathBuf, String),
    /// An I/O error.
    #[error("lỗi ghi `{path}`: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl WriteError {
    /// The diagnostic for the editor.
    pub(crate) fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(Code::Write, self.to_string());
        match self {
            WriteError::NotOurs(_) => d.hint(
                "chọn một thư mục xuất khác bằng `--output` (vanban tự tạo thư mục mới), hoặc kiểm tra và tự xóa thư mục đó nếu đúng là trang cũ",
            ),
            WriteError::ForceRefused(..) => d.hint(
                "`--force` chỉ thay thế thư mục trông như một trang web đã dựng (tệp .html, .css, .js, .json, .xml, ảnh, phông chữ; không có thư mục ẩn như `.git`); hãy chọn thư mục xuất khác",
            ),
            WriteError::DangerousOutput(_) => d.hint("chọn một thư mục xuất riêng, ví dụ `--output public`"),
            WriteError::UnsafePath(_) => {
                d.hint("đây là lỗi của vanban hoặc của giao diện; hãy báo lại kèm tệp nội dung")
            }
            WriteError::Io { .. } => d.hint("kiểm tra quyền ghi và dung lượng đĩa; trang cũ vẫn được giữ nguyên"),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether a site-relative path stays inside the site.
pub(crate) fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && !path.starts_with('/')
        && path.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
}

/// An absolute, lexically clean form of a path that may not exist yet.
pub(crate) fn absolute(p: &Path) -> std::io::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks of the part that exists.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Checks that `out` may be replaced: not the content folder or an ancestor
/// of it or of the working folder, and either absent, empty, or made by vanban
/// (unless `force`).
pub(crate) fn check_output(out: &Path, content: &Path, force: bool) -> Result<(), WriteError> {
    let out_abs = absolute(out).map_err(io(out))?;
    let content_abs = absolute(content).map_err(io(content))?;
    let cwd = std::env::current_dir().map_err(io(Path::new(".")))?;
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    if out_abs.parent().is_none() || content_abs.starts_with(&out_abs) || cwd.starts_with(&out_abs) {
        return Err(WriteError::DangerousOutput(out.to_path_buf()));
    }
    if out.exists() {
        let ours = out.join(MARKER).is_file();
        let empty = std::fs::read_dir(out).map_err(io(out))?.next().is_none();
        if !ours && !empty {
            if !force {
                return Err(WriteError::NotOurs(out.to_path_buf()));
            }
            if let Some(why) = not_a_site(out, &out_abs) {
                return Err(WriteError::ForceRefused(out.to_path_buf(), why));
            }
        }
    }
    Ok(())
}

/// The files a built site is made of, by extension.
const SITE_FILES: &[&str] = &[
    "html",
    "htm",
    "css",
    "js",
    "mjs",
    "map",
    "json",
    "xml",
    "txt",
    "svg",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "avif",
    "ico",
    "woff",
    "woff2",
    "ttf",
    "otf",
    "eot",
    "pdf",
    "webmanifest",
    "gz",
    "br",
];

/// Files without a site extension that a published site may carry (hosts'
/// settings), dot entries included.
const SITE_NAMES: &[&str] = &[
    ".nojekyll",
    ".htaccess",
    ".well-known",
    "CNAME",
    "_redirects",
    "_headers",
    MARKER,
];

/// Why `--force` may not replace `out`, or `None` when it looks like a built
/// site: not the home folder, an `index.html` at its root, no `.git` or
/// other dot folder, only the files a site is made of (looked at up to 200,000 entries; beyond, it is not a
/// site this tool would replace blind).
fn not_a_site(out: &Path, out_abs: &Path) -> Option<String> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if home.is_some_and(|h| h.canonicalize().unwrap_or(h) == out_abs) {
        return Some("đây là thư mục nhà".into());
    }
    // Every generator writes a home page: a folder without one is not a site
    // (a folder of photos or papers has only "site" extensions too).
    if !out.join("index.html").is_file() {
        return Some("không có `index.html` ở gốc, nên không phải một trang web đã dựng".into());
    }
    let mut seen = 0usize;
    for entry in walkdir::WalkDir::new(out).min_depth(1).follow_links(false) {
        seen += 1;
        if seen > 200_000 {
            return Some("thư mục có hơn 200.000 mục".into());
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => return Some(format!("không đọc được: {e}")),
        };
        let name = entry.file_name().to_string_lossy();
        let shown = entry
            .path()
            .strip_prefix(out)
            .unwrap_or(entry.path())
            .display()
            .to_string();
        if SITE_NAMES.contains(&name.as_ref()) {
            continue;
        }
        if name.starts_with('.') {
            return Some(format!(
                "có mục ẩn `{shown}` (như `.git`, `.ssh`), không phải của một trang web"
            ));
        }
        if entry.file_type().is_file() {
            let ext = Path::new(name.as_ref())
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase());
            if !ext.is_some_and(|e| SITE_FILES.contains(&e.as_str())) {
                return Some(format!("có tệp `{shown}`, không phải tệp của một trang web"));
            }
        }
    }
    None
}

/// A site being written beside the output folder. Pages are put one by one
/// (from any thread) as they are rendered, so the whole site is never held in
/// memory; [`Staging::commit`] swaps it in, [`Staging::abort`] (or dropping it
/// uncommitted) removes it and leaves the previous site untouched.
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    previous: Option<PathBuf>,
    files: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicU64,
    unchanged: std::sync::atomic::AtomicUsize,
    done: bool,
    /// How a folder is removed (`remove_dir_all`; a test makes it fail).
    remove: fn(&Path) -> std::io::Result<()>,
}

impl Staging {
    /// Checks the output folder and opens a fresh folder beside it.
    pub(crate) fn begin(out: &Path, content: &Path, force: bool) -> Result<Staging, WriteError> {
        check_output(out, content, force)?;
        let out_abs = absolute(out).map_err(io(out))?;
        let parent = out_abs
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = out_abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        clean_stale(&parent, &name);
        let dir = parent.join(format!(".{name}.vanban-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.vanban-old-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let previous = out_abs.join(MARKER).is_file().then(|| out_abs.clone());
        Ok(Staging {
            out: out_abs,
            dir,
            old,
            previous,
            files: Default::default(),
            bytes: Default::default(),
            unchanged: Default::default(),
            done: false,
            remove: |p| std::fs::remove_dir_all(p),
        })
    }

    /// Writes one page. A file whose bytes did not change since the previous
    /// site is hard-linked from it: same inode, same modification time, so
    /// rsync-style deploys move only what changed.
    pub(crate) fn put(&self, page: &Page) -> Result<(), WriteError> {
        use std::sync::atomic::Ordering::Relaxed;
        if !safe_relative(&page.path) {
            return Err(WriteError::UnsafePath(page.path.clone()));
        }
        let path = self.dir.join(&page.path);
        if let Some(parent) = path.parent() {
            // Most pages are the only file of a new folder whose parent
            // exists: one `mkdir`, no look-ups first.
            match std::fs::create_dir(parent) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && parent.is_dir() => {}
                Err(_) => std::fs::create_dir_all(parent).map_err(io(parent))?,
            }
        }
        self.files.fetch_add(1, Relaxed);
        self.bytes.fetch_add(page.bytes.len() as u64, Relaxed);
        if let Some(old) = unchanged(self.previous.as_deref(), &page.path, &page.bytes) {
            if std::fs::hard_link(&old, &path).is_ok() {
                self.unchanged.fetch_add(1, Relaxed);
                return Ok(());
            }
        }
        std::fs::write(&path, &page.bytes).map_err(io(&path))
    }

    /// Marks the folder as vanban's and swaps it in.
    pub(crate) fn commit(mut self) -> Result<Report, WriteError> {
        let marker = self.dir.join(MARKER);
        std::fs::write(
            &marker,
            "Thư mục này do vanban tạo; mỗi lần build sẽ thay thế toàn bộ.\n",
        )
        .map_err(io(&marker))?;
        let leftover = swap(&self.dir, &self.out, &self.old, &self.remove)?;
        self.done = true;
        Ok(Report {
            files: self.files.load(std::sync::atomic::Ordering::Relaxed),
            bytes: self.bytes.load(std::sync::atomic::Ordering::Relaxed),
            unchanged: self.unchanged.load(std::sync::atomic::Ordering::Relaxed),
            leftover,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes the site into `out`, all or nothing (the build streams pages
/// into a [`Staging`] instead; the tests write a site at once).
#[cfg(test)]
fn write_site(out: &Path, content: &Path, pages: &[Page], force: bool) -> Result<Report, WriteError> {
    use rayon::prelude::*;
    for p in pages {
        if !safe_relative(&p.path) {
            return Err(WriteError::UnsafePath(p.path.clone()));
        }
    }
    let staging = Staging::begin(out, content, force)?;
    pages.par_iter().try_for_each(|p| staging.put(p))?;
    staging.commit()
}

/// Whether the previous site holds the same bytes at `rel`.
fn unchanged(previous: Option<&Path>, rel: &str, bytes: &[u8]) -> Option<PathBuf> {
    let old = previous?.join(rel);
    let meta = std::fs::symlink_metadata(&old).ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    (std::fs::read(&old).ok()? == bytes).then_some(old)
}

/// Swaps the staging folder in for `out`: the old site is moved aside, the
/// new one renamed in, and the old one removed (`remove`). If the rename
/// fails the old site is put back and the staging folder removed. Once the
/// new site is in place the build has succeeded: an old folder that cannot
/// be removed is returned, not an error.
/// Removes the staging and old-site folders of this output that a build
/// killed before it could clean up left behind (`.public.vanban-new-<pid>`
/// whose process is gone). Only where the system says which processes
/// run (`/proc`); a folder that cannot be removed is left as it is.
fn clean_stale(parent: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let file = e.file_name();
        let file = file.to_string_lossy();
        let pid = [".vanban-new-", ".vanban-old-"].iter().find_map(|kind| {
            file.strip_prefix(&format!(".{name}{kind}"))
                .and_then(|p| p.parse::<u32>().ok())
        });
        if let Some(pid) = pid {
            if pid != std::process::id() && !proc.join(pid.to_string()).exists() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// Swaps two folders atomically (Linux `renameat2` with `RENAME_EXCHANGE`);
/// `false` when the system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

fn swap(
    staging: &Path,
    out: &Path,
    old: &Path,
    remove: &dyn Fn(&Path) -> std::io::Result<()>,
) -> Result<Option<PathBuf>, WriteError> {
    let had_old = out.exists();
    // Where the system can, the two folders trade places in one step, so
    // the output folder never goes missing; the old site is then at the
    // staging path.
    if had_old && exchange(staging, out) {
        // The old site, now at the staging path, takes the old site's name.
        let at = if old.exists() || std::fs::rename(staging, old).is_err() {
            staging
        } else {
            old
        };
        return Ok(remove(at).is_err().then(|| at.to_path_buf()));
    }
    if had_old {
        if old.exists() {
            remove(old).map_err(io(old))?;
        }
        std::fs::rename(out, old).map_err(io(out))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(staging);
        return Err(WriteError::Io {
            path: out.to_path_buf(),
            source: e,
        });
    }
    Ok((had_old && remove(old).is_err()).then(|| old.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_swap_puts_the_old_site_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::write(out.join("index.html"), "cũ").expect("write");
        // The staging folder is gone: the rename fails after the old site was moved aside.
        let missing = dir.path().join(".public.vanban-new-0");
        let old = dir.path().join(".public.vanban-old-0");
        let r = swap(&missing, &out, &old, &|p| std::fs::remove_dir_all(p));
        assert!(r.is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).ok().as_deref(),
            Some("cũ")
        );
        assert!(!old.exists(), "the old site is back in place, not beside it");
    }

    #[test]
    fn staging_left_by_a_killed_build_is_removed_by_the_next() {
        let dir = tempfile::tempdir().expect("tempdir");
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).expect("mkdir");
        let out = dir.path().join("public");
        // A process id no process has (above the kernel's maximum), and a
        // living one (this process's parent is not ours to remove).
        let dead = dir.path().join(".public.vanban-new-4294967294");
        let dead_old = dir.path().join(".public.vanban-old-4294967294");
        let other = dir.path().join(".other.vanban-new-4294967294");
        for d in [&dead, &dead_old, &other] {
            std::fs::create_dir_all(d.join("van-ban")).expect("mkdir");
        }
        write_site(&out, &content, &[page("a.html", "a")], false).expect("written");
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists() && !dead_old.exists(), "stale staging removed");
        }
        assert!(other.exists(), "another output's folder is not touched");
    }

    #[test]
    fn an_old_site_that_cannot_be_removed_is_a_leftover_not_a_failure() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let staging = dir.path().join(".public.vanban-new-0");
        let old = dir.path().join(".public.vanban-old-0");
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::write(out.join("index.html"), "cũ").expect("write");
        std::fs::create_dir_all(&staging).expect("mkdir");
        std::fs::write(staging.join("index.html"), "mới").expect("write");
        let refuse = |_: &Path| Err(std::io::Error::other("không xóa được"));
        let r = swap(&staging, &out, &old, &refuse).expect("the new site is in place");
        assert_eq!(r.as_deref(), Some(old.as_path()));
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).ok().as_deref(),
            Some("mới")
        );
        assert!(
            old.join("index.html").is_file(),
            "the old site is left beside it, reported"
        );
        // With removal working, nothing is left.
        std::fs::remove_dir_all(&old).expect("clean");
        std::fs::create_dir_all(&staging).expect("mkdir");
        std::fs::write(staging.join("index.html"), "mới hơn").expect("write");
        let r = swap(&staging, &out, &old, &|p| std::fs::remove_dir_all(p)).expect("swap");
        assert_eq!(r, None);
        assert!(!old.exists());
    }

    fn page(p: &str, b: &str) -> Page {
        Page {
            path: p.to_string(),
            bytes: b.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_build_whose_old_site_stays_reports_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (out, content) = (dir.path().join("public"), dir.path().join("content"));
        std::fs::create_dir_all(&content).expect("mkdir");
        write_site(&out, &content, &[page("index.html", "một")], false).expect("first build");
        let mut staging = Staging::begin(&out, &content, false).expect("begin");
        staging.remove = |_| Err(std::io::Error::other("không xóa được"));
        staging.put(&page("index.html", "hai")).expect("put");
        let report = staging.commit().expect("the new site is in place");
        let left = report.leftover.expect("the old site is reported");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).ok().as_deref(),
            Some("hai")
        );
        assert_eq!(
            std::fs::read_to_string(left.join("index.html")).ok().as_deref(),
            Some("một")
        );
    }

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in ["", "/etc/x", "../x", "a/../../x", "a//b", "a\\b", "./a", "a/."] {
            assert!(!safe_relative(bad), "{bad}");
        }
        for good in ["index.html", "van-ban/x/index.html", "a.b/c"] {
            assert!(safe_relative(good), "{good}");
        }
    }

    #[test]
    fn all_or_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).expect("mkdir");
        write_site(&out, &content, &[page("index.html", "một")], false).expect("first build");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).ok().as_deref(),
            Some("một")
        );
        // Unchanged bytes keep their file (and its modification time); changed ones are new.
        let before = std::fs::metadata(out.join("index.html"))
            .and_then(|m| m.modified())
            .ok();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let r = write_site(
            &out,
            &content,
            &[page("index.html", "một"), page("b.html", "hai")],
            false,
        )
        .expect("second build");
        assert_eq!(r.unchanged, 1);
        assert_eq!(
            std::fs::metadata(out.join("index.html"))
                .and_then(|m| m.modified())
                .ok(),
            before
        );
        // A page whose folder collides with a file fails; the old site stays.
        let err = write_site(
            &out,
            &content,
            &[page("index.html", "hai"), page("index.html/x", "y")],
            false,
        );
        assert!(err.is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).ok().as_deref(),
            Some("một")
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("read")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
        // Dangerous outputs.
        assert!(matches!(
            write_site(&content, &content, &[], false),
            Err(WriteError::DangerousOutput(_))
        ));
        assert!(matches!(
            write_site(dir.path(), &content, &[], false),
            Err(WriteError::DangerousOutput(_))
        ));
        // A folder vanban did not make.
        let foreign = dir.path().join("foreign");
        std::fs::create_dir_all(&foreign).expect("mkdir");
        std::fs::write(foreign.join("keep.txt"), "x").expect("write");
        assert!(matches!(
            write_site(&foreign, &content, &[page("a.html", "a")], false),
            Err(WriteError::NotOurs(_))
        ));
        assert!(foreign.join("keep.txt").exists());
        // Without a home page it is no site, forced or not; with one, it is.
        assert!(matches!(
            write_site(&foreign, &content, &[page("a.html", "a")], true),
            Err(WriteError::ForceRefused(..))
        ));
        std::fs::write(foreign.join("index.html"), "<p>cũ</p>").expect("write");
        write_site(&foreign, &content, &[page("a.html", "a")], true).expect("forced");
        assert!(!foreign.join("keep.txt").exists());
    }
}
