//! The file watcher of `vanban serve`: what it looks at, and one rebuild
//! per burst of changes, telling the load cache which files changed (so a
//! file whose size and time were restored is still read again).

use super::{rebuild, Log, Shared};
use crate::{Options, Session};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Watches the content, theme and configuration; rebuilds once per burst of
/// changes (a save that writes several files is one rebuild).
/// The file watcher and what it looks at, set up before the first build so
/// that no change is missed.
pub(super) struct Watching {
    _watcher: notify::RecommendedWatcher,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    roots: Vec<PathBuf>,
    content_abs: PathBuf,
    config_abs: PathBuf,
}

pub(super) fn start_watching(run: &Options, log: &Log) -> Option<Watching> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            log(format!(
                "không theo dõi được thay đổi: {e}; hãy khởi động lại `vanban serve` sau khi sửa"
            ));
            return None;
        }
    };
    let config = run.config.clone().unwrap_or_else(|| PathBuf::from("site.yaml"));
    let mut roots: Vec<PathBuf> = Vec::new();
    for p in std::iter::once(&run.content).chain(run.theme.iter()) {
        let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        match watcher.watch(&abs, RecursiveMode::Recursive) {
            Ok(()) => roots.push(abs),
            Err(e) => log(format!("không theo dõi được `{}`: {e}", p.display())),
        }
    }
    let config_dir = config
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let config_dir = std::fs::canonicalize(&config_dir).unwrap_or(config_dir);
    let _ = watcher.watch(&config_dir, RecursiveMode::NonRecursive);
    let config_abs = config_dir.join(config.file_name().unwrap_or_default());
    Some(Watching {
        _watcher: watcher,
        rx,
        roots,
        content_abs: std::fs::canonicalize(&run.content).unwrap_or_else(|_| run.content.clone()),
        config_abs,
    })
}

/// Rebuilds once per burst of changes (a save that writes several files is
/// one rebuild).
pub(super) fn watch(w: Watching, run: Options, mut session: Session, shared: Arc<Shared>, log: Log) {
    let Watching {
        rx,
        roots,
        content_abs,
        config_abs,
        ..
    } = &w;
    let relevant = |e: &notify::Event| {
        use notify::EventKind;
        matches!(
            e.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) && e.paths.iter().any(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Editors' swap and backup files are not content.
            let noise =
                name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name.starts_with(".#");
            !noise && (p == config_abs || roots.iter().any(|r| p.starts_with(r)))
        })
    };
    loop {
        if shared.stopped() {
            return;
        }
        let first = match rx.recv_timeout(Duration::from_millis(500)) {
            Ok(Ok(e)) if relevant(&e) => e,
            Ok(_) | Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        let mut config_changed = first.paths.iter().any(|p| p == config_abs);
        let mut edits = Edits::default();
        edits.add(&first, content_abs, &run.content);
        // Debounce: wait for 10 ms without events (a save is one burst).
        while let Ok(ev) = rx.recv_timeout(Duration::from_millis(10)) {
            if let Ok(e) = ev {
                config_changed |= e.paths.iter().any(|p| p == config_abs);
                if relevant(&e) {
                    edits.add(&e, content_abs, &run.content);
                }
            }
        }
        let touched = std::mem::take(&mut edits.touched);
        if config_changed {
            session.clear();
        } else if let Some(paths) = edits.in_place() {
            session.changed(paths);
        }
        // Read again whatever the watcher saw, whatever its size and time.
        session.touched(touched);
        rebuild(&run, &mut session, &shared, &log);
    }
}

/// The content files a burst of events changed, when every event is an
/// in-place modification of a Markdown file under the content folder (the
/// common save); anything else (a file created, removed or renamed, the
/// theme) makes the next rebuild walk the folder.
#[derive(Default)]
struct Edits {
    paths: Vec<PathBuf>,
    other: bool,
    /// Every content file an event named, whatever the event.
    touched: Vec<PathBuf>,
}

impl Edits {
    fn add(&mut self, e: &notify::Event, content_abs: &Path, content: &Path) {
        use notify::event::{EventKind, ModifyKind};
        let in_place = matches!(
            e.kind,
            EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Metadata(_))
        );
        for p in &e.paths {
            if let Ok(rel) = p.strip_prefix(content_abs) {
                let path = content.join(rel);
                if !self.touched.contains(&path) {
                    self.touched.push(path);
                }
            }
            match p.strip_prefix(content_abs) {
                Ok(rel) if in_place && p.extension().is_some_and(|x| x == "md") => {
                    let path = content.join(rel);
                    if !self.paths.contains(&path) {
                        self.paths.push(path);
                    }
                }
                _ => self.other = true,
            }
        }
    }

    fn in_place(self) -> Option<Vec<PathBuf>> {
        (!self.other && !self.paths.is_empty()).then_some(self.paths)
    }
}
