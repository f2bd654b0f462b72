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
///
/// Symbolic links: a link is followed only when its target lies inside the
/// content folder in a place the walk would not read otherwise (under a
/// hidden `_` or `.` folder); a link out of the folder, to what is read at
/// its own path anyway (`up -> ..`, `self -> .`, a sibling), a loop or a
/// broken link is a warning naming the link, never walked.
pub(super) fn walk_with(dir: &Path, found: &mut dyn FnMut(&(PathBuf, String))) -> Walk {
    let mut w = Walk::default();
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let refused: std::cell::RefCell<Vec<Diagnostic>> = Default::default();
    // The targets already followed: a second link to one is not walked
    // again (links doubling at every level would be walked 2^n times).
    let followed: std::cell::RefCell<std::collections::HashSet<PathBuf>> = Default::default();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 || !e.path_is_symlink() {
                return true;
            }
            // A link in a hidden folder is not a document's way: not followed.
            if hidden_path(dir, e.path()) {
                return false;
            }
            let refusal = link_refusal(e.path(), &root, &mut followed.borrow_mut());
            refusal.map(|d| refused.borrow_mut().push(d)).is_none()
        });
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
                w.links |= linked;
                if e.path().extension().is_some_and(|x| x == "md") {
                    let file = (e.path().to_path_buf(), rel_path(dir, e.path()));
                    found(&file);
                    w.files.push(file);
                } else {
                    w.skipped += 1;
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                let is_link = err
                    .path()
                    .is_some_and(|p| p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()));
                let in_hidden = err.path().is_some_and(|p| hidden_path(dir, p));
                if in_hidden && (is_link || err.loop_ancestor().is_some()) {
                    // A link in a hidden folder is not a document's way.
                    w.skipped += 1;
                } else if err.loop_ancestor().is_some() {
                    w.diagnostics.push(link_warning(format!(
                        "vòng lặp liên kết tượng trưng tại `{path}`; bỏ qua"
                    )));
                    w.skipped += 1;
                } else if is_link {
                    w.diagnostics.push(link_warning(format!(
                        "liên kết tượng trưng `{path}` bị hỏng (đích không tồn tại hoặc không đọc được); bỏ qua"
                    )));
                    w.skipped += 1;
                } else {
                    w.diagnostics.push(
                        Diagnostic::error(crate::diag::Code::Read, format!("không đọc được `{path}`: {err}"))
                            .hint("kiểm tra quyền đọc của tệp và thư mục"),
                    );
                    w.errors += 1;
                }
            }
        }
    }
    let refused = refused.into_inner();
    w.skipped += refused.len();
    w.diagnostics.extend(refused);
    w
}

/// Why a symbolic link is not followed, or `None` when it is: its target
/// lies inside the content folder where the walk would not read it anyway.
fn link_refusal(link: &Path, root: &Path, followed: &mut std::collections::HashSet<PathBuf>) -> Option<Diagnostic> {
    let shown = link.display();
    let message = match std::fs::canonicalize(link) {
        // Broken links come to the walk as errors; nothing to decide here.
        Err(_) => return None,
        Ok(target) if !target.starts_with(root) => {
            format!(
                "`{shown}` là liên kết tượng trưng trỏ ra ngoài thư mục nội dung (`{}`); bỏ qua",
                target.display()
            )
        }
        Ok(target) if !hidden_path(root, &target) => format!(
            "`{shown}` là liên kết tượng trưng tới `{}`, nơi đã được đọc ở đường dẫn thật; bỏ qua để không đọc hai lần",
            target.display()
        ),
        Ok(target) if followed.contains(&target) => format!(
            "`{shown}` là liên kết tượng trưng tới `{}`, nơi đã được đọc qua một liên kết khác; bỏ qua để không đọc hai lần",
            target.display()
        ),
        Ok(target) => {
            followed.insert(target);
            return None;
        }
    };
    Some(link_warning(message))
}

fn link_warning(message: String) -> Diagnostic {
    Diagnostic::warning(crate::diag::Code::Symlink, message)
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
