//! The walk of the content folder: documents' files in sorted order, hidden
//! and non-document files counted, links and loops reported.

use super::*;

/// What a walk of the content folder found: the documents' files (path,
/// path relative to the folder) and the accounting of the rest.
#[derive(Debug, Default, Clone)]
pub(super) struct Walk {
    pub(super) files: Vec<(PathBuf, String)>,
    pub(super) skipped: usize,
    pub(super) errors: usize,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Whether a symbolic link is on the way to some file (a change to its
    /// target is not reported under the link's path, so every load walks).
    pub(super) links: bool,
}

pub(super) fn walk(dir: &Path) -> Walk {
    walk_with(dir, &mut |_| {})
}

/// [`walk`], telling `found` of each document's file as it is found.
pub(super) fn walk_with(dir: &Path, found: &mut dyn FnMut(&(PathBuf, String))) -> Walk {
    let mut w = Walk::default();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    // Whether a symbolic link is on the way to each folder being walked, by
    // depth (the walk is depth-first), so that no file needs a look-up of
    // its folders.
    let mut linked_dirs: Vec<bool> = Vec::new();
    for entry in walker {
        // Whether a symbolic link leads here: the entry itself, or a folder above it.
        let linked = entry.as_ref().is_ok_and(|e| {
            e.path_is_symlink()
                || e.depth()
                    .checked_sub(1)
                    .and_then(|d| linked_dirs.get(d).copied())
                    .unwrap_or(false)
        });
        if let Ok(e) = &entry {
            if e.file_type().is_dir() {
                linked_dirs.truncate(e.depth());
                linked_dirs.push(linked);
            }
        }
        match entry {
            // Names starting with `_` or `.` (and everything under them) are not documents.
            Ok(e) if e.file_type().is_file() && hidden_path(dir, e.path()) => w.skipped += 1,
            Ok(e) if e.file_type().is_file() => {
                let rel = rel_path(dir, e.path());
                // A link may lead out of the content folder: its target is not published.
                w.links |= linked;
                let outside = linked && std::fs::canonicalize(e.path()).map_or(true, |t| !t.starts_with(&root));
                if outside {
                    w.diagnostics.push(
                        Diagnostic::warning(
                            crate::diag::Code::Symlink,
                            format!(
                                "`{}` là liên kết tượng trưng trỏ ra ngoài thư mục nội dung; bỏ qua",
                                e.path().display()
                            ),
                        )
                        .hint("chép tệp vào thư mục nội dung thay vì liên kết tới nơi khác"),
                    );
                    w.skipped += 1;
                } else if e.path().extension().is_some_and(|x| x == "md") {
                    let file = (e.path().to_path_buf(), rel);
                    found(&file);
                    w.files.push(file);
                } else {
                    w.skipped += 1;
                }
            }
            Ok(_) => {}
            Err(err) if err.loop_ancestor().is_some() => {
                let path = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                w.diagnostics.push(
                    Diagnostic::warning(
                        crate::diag::Code::Symlink,
                        format!("vòng lặp liên kết tượng trưng tại `{path}`; bỏ qua"),
                    )
                    .hint("xóa liên kết trỏ ngược lên thư mục cha"),
                );
                w.skipped += 1;
            }
            Err(err) => {
                let path = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                w.diagnostics.push(
                    Diagnostic::error(crate::diag::Code::Read, format!("không đọc được `{path}`: {err}"))
                        .hint("kiểm tra quyền đọc và các liên kết tượng trưng"),
                );
                w.errors += 1;
            }
        }
    }

    w
}

pub(super) fn hidden(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

pub(super) fn hidden_path(dir: &Path, path: &Path) -> bool {
    path.strip_prefix(dir)
        .map(|p| p.components().any(|c| hidden(&c.as_os_str().to_string_lossy())))
        .unwrap_or(false)
}

pub(super) fn rel_path(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
