//! Loading: from the content folder to typed documents.
//!
//! In: a content folder. Out: [`Loaded`]: every document that is valid, the
//! text of every file read (for diagnostics), every diagnostic, and the count
//! of every file found (published, draft, not a document, in error), so that
//! nothing is lost silently.
//!
//! The walk is sorted; files are read and checked in parallel and collected in
//! walk order, so the result does not depend on thread count. Each file's
//! front matter is checked against the contract (`front-matter.md`) key by
//! key, and every problem of every file is collected: one run tells the editor
//! everything. Positions point into the file as written.

use crate::date::Date;
use crate::diag::{Diagnostic, Sources};
use crate::number::{self, DerivedType, Number};
use crate::refs::{Citation, Origin, Relation};
use crate::source::{self, normalize, Span};
use crate::yaml::{self, Node};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The front matter keys of the contract.
pub const KEYS: &[&str] = &[
    "number",
    "title",
    "issuer",
    "type",
    "locality",
    "date",
    "place",
    "signer",
    "recipients",
    "distribution",
    "relations",
    "status",
    "summary",
    "source",
    "tags",
    "slug",
    "aliases",
    "draft",
];

/// A document's status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// `in-force` (the default).
    #[default]
    #[serde(rename = "in-force")]
    InForce,
    /// `expired`.
    #[serde(rename = "expired")]
    Expired,
    /// `replaced`.
    #[serde(rename = "replaced")]
    Replaced,
    /// `repealed`.
    #[serde(rename = "repealed")]
    Repealed,
}

impl Status {
    const ALL: [(&'static str, Status); 4] = [
        ("in-force", Status::InForce),
        ("expired", Status::Expired),
        ("replaced", Status::Replaced),
        ("repealed", Status::Repealed),
    ];

    /// The contract's spelling.
    pub fn key(self) -> &'static str {
        Status::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("in-force", |(k, _)| k)
    }

    /// Shown on the page.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::InForce => "Còn hiệu lực",
            Status::Expired => "Hết hiệu lực",
            Status::Replaced => "Hết hiệu lực (bị thay thế)",
            Status::Repealed => "Hết hiệu lực (bị bãi bỏ)",
        }
    }
}

/// Who signed, and in what capacity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signer {
    /// Nguyễn Hải Trâm.
    pub name: Option<String>,
    /// Phó Bí thư.
    pub position: Option<String>,
    /// T/M Ban Thường vụ, K/T, T/L, TM., KT.
    pub capacity: Option<String>,
}

/// Where a reported text comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceInfo {
    /// The outlet.
    pub name: Option<String>,
    /// Its address.
    pub url: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// When it was published.
    pub published: Option<Date>,
}

/// A valid content document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the content folder, `/`-separated.
    pub source: String,
    /// Path as shown in diagnostics.
    pub file: String,
    /// The parsed number.
    pub number: Number,
    /// Where `number` stands.
    pub number_span: Span,
    /// Trích yếu.
    pub title: String,
    /// Issuing bodies, full names, as written (aliases applied later).
    pub issuers: Vec<String>,
    /// Type word, given or derived.
    pub doc_type: String,
    /// Province or city.
    pub locality: Option<String>,
    /// Date of issue; `None` is unknown, never invented.
    pub date: Option<Date>,
    /// Place in the header.
    pub place: Option<String>,
    /// Signature block.
    pub signer: Option<Signer>,
    /// Kính gửi.
    pub recipients: Vec<String>,
    /// Nơi nhận.
    pub distribution: Vec<String>,
    /// Citations: declared in front matter here; the references stage adds
    /// those found in the text.
    pub citations: Vec<Citation>,
    /// Short forms of the text left for the corpus (references stage).
    pub shorts: Vec<crate::refs::ShortCitation>,
    /// Status (`in-force` when front matter gives none).
    pub status: Status,
    /// Whether front matter gives the status (it then wins over the graph).
    pub status_declared: bool,
    /// Abstract for listings.
    pub summary: Option<String>,
    /// Set when the text is a report of the document.
    pub source_info: Option<SourceInfo>,
    /// Subject tags.
    pub tags: Vec<String>,
    /// URL segment override.
    pub slug: Option<(String, Span)>,
    /// Old site-relative URLs, validated (`cu/van-ban/`, or a file `a/b.html`).
    pub aliases: Vec<(String, Span)>,
    /// Draft flag.
    pub draft: bool,
    /// The whole file as written (without a BOM); the body starts at
    /// `body_offset` (see [`Document::body`]).
    pub text: String,
    /// A number that changes every time the file is parsed again (the dev
    /// server's caches key on it).
    pub revision: u64,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

static REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Document {
    /// The Markdown body exactly as written (spans index into the file text;
    /// the body starts at `body_offset`); normalised when rendered.
    pub fn body(&self) -> &str {
        self.text.get(self.body_offset..).unwrap_or("")
    }
}

/// How loading behaves.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include drafts in the result.
    pub drafts: bool,
    /// Locality for documents that give none.
    pub default_locality: Option<String>,
}

/// What was found under the content folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents that will be published.
    pub published: usize,
    /// Drafts left out (checked all the same).
    pub drafts: usize,
    /// Files that are not documents (`_notes.md`, images, ...).
    pub skipped: usize,
    /// Documents with errors.
    pub errors: usize,
}

/// The result of loading.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Valid documents in walk order (drafts only with `drafts`), shared
    /// with the cache so that an unchanged file costs no copy.
    pub documents: Vec<Arc<Document>>,
    /// Text of every file read, by shown path.
    pub sources: Sources,
    /// Everything worth telling.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of files.
    pub counts: Counts,
}

/// Loads every document under `dir`.
pub fn load(dir: &Path, opts: &LoadOptions) -> Loaded {
    load_cached(dir, opts, &mut Cache::default())
}

/// What a walk of the content folder found: the documents' files (path,
/// path relative to the folder) and the accounting of the rest.
#[derive(Debug, Default, Clone)]
struct Walk {
    files: Vec<(PathBuf, String)>,
    skipped: usize,
    errors: usize,
    diagnostics: Vec<Diagnostic>,
    /// Whether a symbolic link is on the way to some file (a change to its
    /// target is not reported under the link's path, so every load walks).
    links: bool,
}

fn walk(dir: &Path) -> Walk {
    walk_with(dir, &mut |_| {})
}

/// [`walk`], telling `found` of each document's file as it is found.
fn walk_with(dir: &Path, found: &mut dyn FnMut(&(PathBuf, String))) -> Walk {
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
                            "W-SYMLINK",
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
                        "W-SYMLINK",
                        format!("vòng lặp liên kết tượng trưng tại `{path}`; bỏ qua"),
                    )
                    .hint("xóa liên kết trỏ ngược lên thư mục cha"),
                );
                w.skipped += 1;
            }
            Err(err) => {
                let path = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                w.diagnostics.push(
                    Diagnostic::error("E-READ", format!("không đọc được `{path}`: {err}"))
                        .hint("kiểm tra quyền đọc và các liên kết tượng trưng"),
                );
                w.errors += 1;
            }
        }
    }

    w
}

/// Loads every document under `dir`, reusing `cache` for unchanged files.
pub fn load_cached(dir: &Path, opts: &LoadOptions, cache: &mut Cache) -> Loaded {
    let mut out = Loaded::default();
    if !dir.is_dir() {
        out.diagnostics.push(
            Diagnostic::error(
                "E-CONTENT",
                format!("không tìm thấy thư mục nội dung `{}`", dir.display()),
            )
            .hint("tạo thư mục đó, hoặc chỉ ra thư mục khác bằng `--content THƯ_MỤC`"),
        );
        return out;
    }
    // A change the dev server saw to known files only needs no walk: the
    // list of files is the last one, and only those files are looked at.
    let hint = cache.changed.take();
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
                if let (Some(changed), Some((s, r))) = (&changed, old.get(path)) {
                    if !changed.contains(path) {
                        return (path.clone(), *s, r.clone());
                    }
                }
                let st = stamp(path);
                match old.get(path) {
                    Some((s, r)) if *s == st && st.0.is_some() => (path.clone(), st, r.clone()),
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
fn walk_and_load(dir: &Path, opts: &LoadOptions) -> (Walk, Vec<(PathBuf, Stamp, FileResult)>) {
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
    (w, loaded.into_iter().map(|(_, path, r)| (path, (None, 0), r)).collect())
}

fn hidden(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

fn hidden_path(dir: &Path, path: &Path) -> bool {
    path.strip_prefix(dir)
        .map(|p| p.components().any(|c| hidden(&c.as_os_str().to_string_lossy())))
        .unwrap_or(false)
}

fn rel_path(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(Debug, Clone)]
struct FileResult {
    file: String,
    text: Option<String>,
    document: Option<Arc<Document>>,
    diagnostics: Vec<Diagnostic>,
}

/// What a file looked like when it was read: modification time and length.
type Stamp = (Option<std::time::SystemTime>, u64);

/// Results of earlier loads, reused for files that did not change (the dev
/// server keeps one across rebuilds).
#[derive(Debug, Default)]
pub struct Cache {
    files: std::collections::HashMap<PathBuf, (Stamp, FileResult)>,
    /// The last walk of the content folder.
    walk: Option<Walk>,
    /// Files known to have changed since the last load, and nothing else
    /// (the dev server's watcher says so); taken by the next load.
    pub changed: Option<Vec<PathBuf>>,
    /// Whether to keep results for the next load (a one-shot build does not).
    pub keep: bool,
}

fn stamp(path: &Path) -> Stamp {
    match std::fs::metadata(path) {
        Ok(m) => (m.modified().ok(), m.len()),
        Err(_) => (None, 0),
    }
}

/// Loads one file. Public so that tests and the dev server can check one file.
fn load_file(path: &Path, rel: &str, opts: &LoadOptions) -> FileResult {
    let file = path.display().to_string();
    let mut r = FileResult {
        file: file.clone(),
        text: None,
        document: None,
        diagnostics: Vec::new(),
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            r.diagnostics.push(
                Diagnostic::error("E-READ", format!("không đọc được tệp: {e}"))
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
                Diagnostic::error("E-UTF8", format!("tệp không phải UTF-8 (byte lạ ở vị trí {at})"))
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

/// Splits the text into the front matter block and the body.
/// Returns (block span, body offset) or a diagnostic.
fn split(text: &str, file: &str) -> Result<(Span, usize), Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("E-FRONT", "tệp trống")
            .at(file, 0..0)
            .hint("một văn bản cần front matter (`number`, `title`, `issuer`) giữa hai dòng `---`, rồi đến toàn văn; tệp ghi chú thì đặt tên bắt đầu bằng `_`"));
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        let (line, _) = source::line_at(text, 0);
        return Err(
            Diagnostic::error("E-FRONT", "tệp không bắt đầu bằng front matter `---`")
                .at(file, 0..line.len())
                .label("dòng đầu tiên phải là `---`")
                .hint("thêm ở đầu tệp một khối:\n---\nnumber: ...\ntitle: ...\nissuer: ...\n---"),
        );
    }
    let mut at = first_end;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = text[at..end].trim_end();
        if line == "---" || line == "..." {
            return Ok((first_end..at, end));
        }
        at = end;
    }
    Err(Diagnostic::error("E-FRONT", "front matter không có dòng `---` đóng")
        .at(file, 0..3)
        .label("khối mở ở đây")
        .hint("thêm một dòng `---` sau khóa cuối cùng của front matter"))
}

/// Checks one file's text against the contract.
pub fn parse_document(text: &str, file: &str, rel: &str, opts: &LoadOptions) -> (Option<Document>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (block, body_offset) = match split(text, file) {
        Ok(x) => x,
        Err(d) => return (None, vec![d]),
    };
    let yaml_text = &text[block.clone()];
    let node = match yaml::parse(yaml_text) {
        Ok(n) => n,
        Err(e) => {
            // An error at the end of the block belongs to its last character, not to the closing `---`.
            let last = yaml_text.trim_end().len();
            let offset = e.offset.unwrap_or(0);
            let offset = if offset >= last && last > 0 {
                yaml_text[..last].char_indices().last().map_or(0, |(i, _)| i)
            } else {
                offset
            };
            let at = block.start + offset;
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            diags.push(
                Diagnostic::error("E-YAML", format!("front matter không phải YAML hợp lệ: {}", e.message))
                    .at(file, at..end)
                    .hint("mỗi dòng là `khóa: giá trị`; giá trị có dấu `:` hoặc bắt đầu bằng `[`, `{`, `*` thì đặt trong ngoặc kép"),
            );
            return (None, diags);
        }
    };
    let map = match node {
        Node::Map(m) => m,
        Node::Null => Vec::new(),
        other => {
            diags.push(
                Diagnostic::error(
                    "E-YAML",
                    format!(
                        "front matter phải là các cặp `khóa: giá trị`, không phải {}",
                        other.kind_vi()
                    ),
                )
                .at(
                    file,
                    block.start..block.start + yaml_text.find('\n').unwrap_or(yaml_text.len()),
                )
                .hint("viết mỗi khóa trên một dòng: `number: 4029-CV/TU`"),
            );
            return (None, diags);
        }
    };
    let mut fm = Fm {
        text,
        file,
        block: block.clone(),
        diags: &mut diags,
    };
    let doc = fm.document(&map, rel, opts, body_offset);
    let doc = doc.filter(|_| !diags.iter().any(Diagnostic::is_error));
    // A file is never dropped without saying why.
    if doc.is_none() && !diags.iter().any(Diagnostic::is_error) {
        diags.push(
            Diagnostic::error("E-KEY", "front matter không đủ để tạo văn bản")
                .at(file, 0..3.min(text.len()))
                .hint("cần `number`, `title` và `issuer` không trống"),
        );
    }
    (doc, diags)
}

/// The front matter checker of one file.
struct Fm<'a> {
    text: &'a str,
    file: &'a str,
    block: Span,
    diags: &'a mut Vec<Diagnostic>,
}

impl Fm<'_> {
    fn block_text(&self) -> &str {
        &self.text[self.block.clone()]
    }

    fn key_span(&self, key: &str) -> Span {
        yaml::locate_key(self.block_text(), key).map_or(0..3, |s| self.block.start + s.start..self.block.start + s.end)
    }

    fn value_span(&self, key: &str, needle: &str) -> Span {
        yaml::locate_value(self.block_text(), key, needle).map_or_else(
            || self.key_span(key),
            |s| self.block.start + s.start..self.block.start + s.end,
        )
    }

    fn error(&mut self, span: Span, msg: String, hint: &str) {
        self.diags
            .push(Diagnostic::error("E-KEY", msg).at(self.file, span).hint(hint));
    }

    fn warn(&mut self, span: Span, msg: String, hint: &str) {
        self.diags
            .push(Diagnostic::warning("W-KEY", msg).at(self.file, span).hint(hint));
    }

    fn wrong_kind(&mut self, key: &str, want: &str, got: &Node) {
        let span = self.value_span(key, "");
        self.error(
            span,
            format!("`{key}` phải là {want}, không phải {}", got.kind_vi()),
            &format!("xem bảng khóa front matter trong README: `{key}`"),
        );
    }

    /// A string value (numbers and booleans accepted as text), normalised.
    fn string(&mut self, key: &str, node: &Node) -> Option<String> {
        match node {
            Node::Null => None,
            Node::List(_) | Node::Map(_) => {
                self.wrong_kind(key, "một chuỗi", node);
                None
            }
            n => {
                let s = normalize(&n.as_text().unwrap_or_default());
                if s.is_empty() {
                    None
                } else {
                    Some(s)
                }
            }
        }
    }

    /// A list of strings; a single string is a list of one.
    fn strings(&mut self, key: &str, node: &Node) -> Vec<String> {
        match node {
            Node::Null => Vec::new(),
            Node::List(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.as_text() {
                        Some(s) if !normalize(&s).is_empty() => out.push(normalize(&s)),
                        Some(_) => {}
                        None => {
                            let span = self.value_span(key, "");
                            self.error(
                                span,
                                format!("mỗi mục của `{key}` phải là một chuỗi, có mục là {}", item.kind_vi()),
                                "viết mỗi mục trên một dòng: `  - Như trên`",
                            );
                        }
                    }
                }
                out
            }
            Node::Map(_) => {
                self.wrong_kind(key, "một danh sách", node);
                Vec::new()
            }
            n => self.string(key, n).into_iter().collect(),
        }
    }

    fn date(&mut self, key: &str, node: &Node) -> Option<Date> {
        let raw = match node {
            Node::Null => return None,
            n => n.as_text(),
        };
        let Some(raw) = raw else {
            self.wrong_kind(key, "một ngày (2025-07-18 hoặc 18/7/2025)", node);
            return None;
        };
        match Date::parse(&normalize(&raw)) {
            Ok(d) => Some(d),
            Err(e) => {
                let span = self.value_span(key, &raw);
                self.error(
                    span,
                    e.to_string(),
                    "viết ngày theo dạng 2025-07-18 hoặc 18/7/2025; bỏ khóa nếu không rõ ngày",
                );
                None
            }
        }
    }

    fn number(&mut self, key: &str, raw: &str, span: Span) -> Option<Number> {
        let printed = normalize(raw);
        match number::parse(&printed) {
            Ok(n) => Some(n),
            Err(e) => {
                // Point at the offending characters when the file holds the value as normalised.
                let exact = self.text[span.clone()] == printed;
                let span = if exact {
                    let start = printed.char_indices().nth(e.at).map_or(printed.len(), |(i, _)| i);
                    let end = printed[start..]
                        .char_indices()
                        .nth(e.width)
                        .map_or(printed.len(), |(i, _)| start + i);
                    span.start + start..span.start + end.max(start)
                } else {
                    span
                };
                self.error(
                    span,
                    format!("`{key}`: số ký hiệu `{printed}` không hợp lệ: {e}"),
                    "số ký hiệu viết như trên văn bản: `4029-CV/TU`, `127-KL/TW`, `30/2020/NĐ-CP`, `1234/QĐ-UBND`",
                );
                None
            }
        }
    }

    fn document(
        &mut self,
        map: &[(String, Node)],
        rel: &str,
        opts: &LoadOptions,
        body_offset: usize,
    ) -> Option<Document> {
        let get = |k: &str| map.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        for (key, _) in map {
            if !KEYS.contains(&key.as_str()) {
                let span = self.key_span(key);
                let hint = match closest(key, KEYS) {
                    Some(k) => format!("có phải ý bạn là `{k}`?"),
                    None => format!("các khóa hợp lệ: {}", KEYS.join(", ")),
                };
                self.warn(
                    span,
                    format!("`{key}` không phải là khóa front matter; khóa này bị bỏ qua"),
                    &hint,
                );
            }
        }
        for (key, example) in [
            ("number", "number: 4029-CV/TU"),
            ("title", "title: Triển khai thực hiện ..."),
            ("issuer", "issuer: Ban Thường vụ Tỉnh ủy"),
        ] {
            if get(key).is_none_or(|n| matches!(n, Node::Null)) {
                let span = if get(key).is_some() { self.key_span(key) } else { 0..3 };
                self.error(
                    span,
                    format!("thiếu khóa bắt buộc `{key}`"),
                    &format!("thêm vào front matter một dòng `{example}`"),
                );
            }
        }
        let number = match get("number") {
            Some(Node::List(_) | Node::Map(_)) => {
                self.wrong_kind("number", "một chuỗi", get("number")?);
                None
            }
            Some(n) => match n.as_text() {
                Some(raw) => {
                    let span = self.value_span("number", &raw);
                    self.number("number", &raw, span.clone()).map(|num| (num, span))
                }
                None => None,
            },
            None => None,
        };
        let title = get("title").and_then(|n| self.string("title", n));
        if title.is_none() && get("title").is_some_and(|n| matches!(n, Node::Str(_))) {
            let span = self.value_span("title", "");
            self.error(span, "`title` trống".into(), "ghi trích yếu của văn bản");
        }
        let issuers = get("issuer").map(|n| self.strings("issuer", n)).unwrap_or_default();
        if get("issuer").is_some() && issuers.is_empty() && !matches!(get("issuer"), Some(Node::Null)) {
            let span = self.key_span("issuer");
            self.error(span, "`issuer` trống".into(), "ghi tên đầy đủ của cơ quan ban hành");
        }
        let locality = get("locality")
            .and_then(|n| self.string("locality", n))
            .or_else(|| opts.default_locality.clone());
        let date = get("date").and_then(|n| self.date("date", n));
        let place = get("place").and_then(|n| self.string("place", n));
        let signer = get("signer").and_then(|n| self.signer(n));
        let recipients = get("recipients")
            .map(|n| self.strings("recipients", n))
            .unwrap_or_default();
        let distribution = get("distribution")
            .map(|n| self.strings("distribution", n))
            .unwrap_or_default();
        let status_declared = get("status").is_some();
        let status = get("status")
            .and_then(|n| self.string("status", n))
            .map_or(Status::InForce, |s| {
                Status::ALL
                    .iter()
                    .find(|(k, _)| *k == s)
                    .map(|(_, v)| *v)
                    .unwrap_or_else(|| {
                        let span = self.value_span("status", &s);
                        self.error(
                            span,
                            format!("`status` không nhận giá trị `{s}`"),
                            "dùng một trong: in-force, expired, replaced, repealed",
                        );
                        Status::InForce
                    })
            });
        let summary = get("summary").and_then(|n| self.string("summary", n));
        let source_info = get("source").and_then(|n| self.source_info(n));
        let tags = get("tags").map(|n| self.strings("tags", n)).unwrap_or_default();
        let slug = get("slug").and_then(|n| self.string("slug", n)).and_then(|s| {
            let span = self.value_span("slug", &s);
            if valid_slug(&s) {
                Some((s, span))
            } else {
                self.error(
                    span,
                    format!("`slug` `{s}` không hợp lệ"),
                    "chỉ dùng chữ thường không dấu a-z, chữ số 0-9 và dấu `-` (ví dụ `4029-cv-tu`)",
                );
                None
            }
        });
        let aliases = get("aliases").map(|n| self.aliases(n)).unwrap_or_default();
        let draft = match get("draft") {
            None | Some(Node::Null) => false,
            Some(Node::Bool(b)) => *b,
            Some(other) => {
                self.wrong_kind("draft", "`true` hoặc `false`", other);
                false
            }
        };
        let doc_type = match (&number, get("type")) {
            (Some((num, _)), t) => {
                let given = t.and_then(|n| self.string("type", n));
                self.doc_type(num, given)
            }
            _ => None,
        };
        let mut citations = match get("relations") {
            Some(n) => self.relations(n),
            None => Vec::new(),
        };
        citations.sort_by_key(|c| c.span.start);
        let (number, number_span) = number?;
        Some(Document {
            source: rel.to_string(),
            file: self.file.to_string(),
            number,
            number_span,
            title: title?,
            issuers: if issuers.is_empty() {
                return None;
            } else {
                issuers
            },
            doc_type: doc_type?,
            locality,
            date,
            place,
            signer,
            recipients,
            distribution,
            citations,
            shorts: Vec::new(),
            status,
            status_declared,
            summary,
            source_info,
            tags,
            slug,
            aliases,
            draft,
            text: self.text.to_string(),
            revision: REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            body_offset,
        })
    }

    fn doc_type(&mut self, num: &Number, given: Option<String>) -> Option<String> {
        let derived = num.derived_type();
        match (given, derived) {
            (None, DerivedType::One(w)) => Some(w.to_string()),
            (None, DerivedType::QuyetDinhOrQuyDinh) => {
                let span = self.value_span("number", &num.canonical);
                self.warn(
                    span,
                    format!(
                        "mã `QĐ` trong `{}` có thể là Quyết định hoặc Quy định; mặc định là Quyết định",
                        num.canonical
                    ),
                    "thêm `type: Quy định` hoặc `type: Quyết định` để nói rõ",
                );
                Some("Quyết định".to_string())
            }
            (None, DerivedType::Unknown) => {
                let span = self.value_span("number", &num.canonical);
                self.error(
                    span,
                    format!("không suy ra được loại văn bản từ số `{}`", num.canonical),
                    "thêm khóa `type` (ví dụ `type: Luật`)",
                );
                None
            }
            (Some(t), derived) => {
                let allowed: Vec<&str> = match derived {
                    DerivedType::One(w) => vec![w],
                    DerivedType::QuyetDinhOrQuyDinh => vec!["Quyết định", "Quy định"],
                    DerivedType::Unknown => Vec::new(),
                };
                let fits = allowed.is_empty() || allowed.iter().any(|w| source::key(&t).starts_with(&source::key(w)));
                if !fits {
                    let span = self.value_span("type", &t);
                    self.error(
                        span,
                        format!(
                            "`type: {t}` mâu thuẫn với mã loại trong số `{}` ({})",
                            num.canonical,
                            allowed.join(" hoặc ")
                        ),
                        "sửa `type` cho khớp với số ký hiệu, hoặc bỏ `type` để vanban tự suy ra",
                    );
                    return None;
                }
                if !crate::codes::known_type_words().any(|w| source::key(w) == source::key(&t)) {
                    let span = self.value_span("type", &t);
                    self.warn(
                        span,
                        format!("`{t}` không phải tên loại văn bản quen thuộc"),
                        "kiểm tra chính tả (ví dụ `Kết luận`, `Công văn`, `Quy định`)",
                    );
                }
                Some(t)
            }
        }
    }

    fn signer(&mut self, node: &Node) -> Option<Signer> {
        match node {
            Node::Null => None,
            Node::Map(m) => {
                let mut s = Signer::default();
                for (k, v) in m {
                    let val = self.string("signer", v);
                    match k.as_str() {
                        "name" => s.name = val,
                        "position" => s.position = val,
                        "capacity" => s.capacity = val,
                        other => {
                            let span = self.value_span("signer", other);
                            let hint = closest(other, &["name", "position", "capacity"]).map_or_else(
                                || "các khóa của `signer`: name, position, capacity".to_string(),
                                |c| format!("có phải ý bạn là `{c}`?"),
                            );
                            self.warn(span, format!("`signer.{other}` không phải là khóa; bị bỏ qua"), &hint);
                        }
                    }
                }
                Some(s)
            }
            n => self.string("signer", n).map(|name| Signer {
                name: Some(name),
                ..Signer::default()
            }),
        }
    }

    fn source_info(&mut self, node: &Node) -> Option<SourceInfo> {
        let Node::Map(m) = node else {
            if !matches!(node, Node::Null) {
                self.wrong_kind("source", "một bảng khóa (name, url, author, published)", node);
            }
            return None;
        };
        let mut s = SourceInfo::default();
        for (k, v) in m {
            match k.as_str() {
                "name" => s.name = self.string("source", v),
                "url" => {
                    s.url = self.string("source", v).and_then(|u| {
                        if u.starts_with("https://") || u.starts_with("http://") {
                            Some(u)
                        } else {
                            let span = self.value_span("source", &u);
                            self.error(
                                span,
                                format!("`source.url` `{u}` không phải địa chỉ http(s)"),
                                "ghi địa chỉ đầy đủ, bắt đầu bằng https://",
                            );
                            None
                        }
                    })
                }
                "author" => s.author = self.string("source", v),
                "published" => s.published = self.date("source", v),
                other => {
                    let span = self.value_span("source", other);
                    let hint = closest(other, &["name", "url", "author", "published"]).map_or_else(
                        || "các khóa của `source`: name, url, author, published".to_string(),
                        |c| format!("có phải ý bạn là `{c}`?"),
                    );
                    self.warn(span, format!("`source.{other}` không phải là khóa; bị bỏ qua"), &hint);
                }
            }
        }
        Some(s)
    }

    fn aliases(&mut self, node: &Node) -> Vec<(String, Span)> {
        let mut out = Vec::new();
        for a in self.strings("aliases", node) {
            let span = self.value_span("aliases", &a);
            match alias_path(&a) {
                Some(p) => out.push((p, span)),
                None => self.error(
                    span,
                    format!("`aliases`: `{a}` không phải đường dẫn hợp lệ trong trang"),
                    "ghi đường dẫn tương đối từ gốc trang, bắt đầu bằng `/`, không có `..`, `%`, `\\` (ví dụ `/cu/van-ban-4029/`)",
                ),
            }
        }
        out
    }

    fn relations(&mut self, node: &Node) -> Vec<Citation> {
        let Node::Map(groups) = node else {
            if !matches!(node, Node::Null) {
                self.wrong_kind("relations", "một bảng khóa (implements, cites, ...)", node);
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, items) in groups {
            let Some(relation) = Relation::from_key(key) else {
                let span = self.value_span("relations", key);
                let keys: Vec<&str> = Relation::ALL.iter().map(|r| r.key()).collect();
                let hint = closest(key, &keys).map_or_else(
                    || format!("các quan hệ: {}", keys.join(", ")),
                    |c| format!("có phải ý bạn là `{c}`?"),
                );
                self.error(span, format!("`relations.{key}` không phải là quan hệ"), &hint);
                continue;
            };
            let items: Vec<&Node> = match items {
                Node::List(l) => l.iter().collect(),
                Node::Null => Vec::new(),
                one => vec![one],
            };
            for item in items {
                if let Some(c) = self.relation_item(relation, item) {
                    out.push(c);
                }
            }
        }
        out
    }

    fn relation_item(&mut self, relation: Relation, item: &Node) -> Option<Citation> {
        let (raw, fields): (String, &[(String, Node)]) = match item {
            Node::Map(m) => match m.iter().find(|(k, _)| k == "number").and_then(|(_, v)| v.as_text()) {
                Some(n) => (n, m.as_slice()),
                None => {
                    let span = self.key_span("relations");
                    self.error(
                        span,
                        "một mục của `relations` thiếu `number`".into(),
                        "viết `{number: 127-KL/TW, date: 28/02/2025}`",
                    );
                    return None;
                }
            },
            n => match n.as_text() {
                Some(s) => (s, &[]),
                None => {
                    self.wrong_kind(
                        "relations",
                        "một số ký hiệu hoặc bảng khóa {number, date, issuer, locality}",
                        n,
                    );
                    return None;
                }
            },
        };
        let span = self.value_span("relations", &raw);
        let number = self.number("relations", &raw, span.clone())?;
        let mut c = Citation {
            number,
            text: normalize(&raw),
            relation,
            date: None,
            year: None,
            day_month: None,
            term: None,
            issuers: Vec::new(),
            locality: None,
            doc_type: None,
            subject: None,
            span,
            origin: Origin::FrontMatter,
        };
        for (k, v) in fields {
            match k.as_str() {
                "number" => {}
                "date" => c.date = self.date("relations", v),
                "issuer" => c.issuers = self.strings("relations", v),
                "locality" => c.locality = self.string("relations", v),
                "type" => c.doc_type = self.string("relations", v),
                "title" => c.subject = self.string("relations", v),
                other => {
                    let span = self.value_span("relations", other);
                    let fields = ["number", "date", "issuer", "locality", "type", "title"];
                    let hint = closest(other, &fields).map_or_else(
                        || format!("các khóa: {}", fields.join(", ")),
                        |f| format!("có phải ý bạn là `{f}`?"),
                    );
                    self.warn(
                        span,
                        format!("`{other}` không phải là khóa của một quan hệ; bị bỏ qua"),
                        &hint,
                    );
                }
            }
        }
        Some(c)
    }
}

/// Whether a slug is only `a-z`, `0-9` and `-`, and not empty.
pub fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Validates an alias and returns it relative to the site root
/// (`/cu/a/` -> `cu/a/`, `/cu/a.html` -> `cu/a.html`, `/cu/a` -> `cu/a/`).
/// Refused: not starting with `/`, empty segments, `.` or `..`, percent
/// escapes, backslashes, and any character outside `A-Za-z0-9._~-`.
pub fn alias_path(a: &str) -> Option<String> {
    let rest = a.strip_prefix('/')?;
    let trimmed = rest.strip_suffix('/').unwrap_or(rest);
    if trimmed.is_empty() {
        return None;
    }
    for seg in trimmed.split('/') {
        let ok_chars = seg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'));
        if seg.is_empty() || seg == "." || seg == ".." || !ok_chars || seg.starts_with('.') {
            return None;
        }
    }
    if trimmed.ends_with(".html") && !rest.ends_with('/') {
        Some(trimmed.to_string())
    } else {
        Some(format!("{trimmed}/"))
    }
}

/// The known word closest to `word`, if close enough to be a likely typo.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        parse_document(text, "t.md", "t.md", &LoadOptions::default())
    }

    fn write_doc(dir: &Path, name: &str, title: &str) -> PathBuf {
        let path = dir.join(name);
        let text =
            format!("---\nnumber: 1-KL/TW\ntitle: {title}\nissuer: Bộ Chính trị\ndate: 01/02/2025\n---\nNội dung.\n");
        std::fs::write(&path, text).unwrap_or_default();
        path
    }

    #[test]
    fn a_known_edit_skips_the_walk_and_anything_else_walks() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        let a = write_doc(dir, "a.md", "Một");
        let mut cache = Cache {
            keep: true,
            ..Cache::default()
        };
        let first = load_cached(dir, &LoadOptions::default(), &mut cache);
        assert_eq!(first.documents.len(), 1);

        // An edit in place, announced: the new text is read.
        std::fs::write(
            &a,
            std::fs::read_to_string(&a).unwrap_or_default().replace("Một", "Hai"),
        )
        .unwrap_or_default();
        cache.changed = Some(vec![a.clone()]);
        let second = load_cached(dir, &LoadOptions::default(), &mut cache);
        assert_eq!(second.documents[0].title, "Hai");
        assert!(cache.changed.is_none(), "the hint is used once");

        // A file the last walk did not know: the folder is walked again.
        let b = write_doc(dir, "b.md", "Ba");
        cache.changed = Some(vec![b]);
        let third = load_cached(dir, &LoadOptions::default(), &mut cache);
        let titles: Vec<&str> = third.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Hai", "Ba"]);
        assert_eq!(third.counts.published, 2);

        // Files whose stamp did not change keep their parsed document (the
        // same allocation), announced or not.
        cache.changed = Some(vec![a]);
        let fourth = load_cached(dir, &LoadOptions::default(), &mut cache);
        assert!(Arc::ptr_eq(&third.documents[0], &fourth.documents[0]));
        assert!(Arc::ptr_eq(&third.documents[1], &fourth.documents[1]));
    }

    fn pos(text: &str, d: &Diagnostic) -> (usize, usize) {
        source::line_col(text, d.span.clone().map_or(0, |s| s.start))
    }

    #[test]
    fn minimal_document() {
        let (doc, diags) = check("---\nnumber: 4029-CV/TU\ntitle: T\nissuer: Ban Thường vụ Tỉnh ủy\n---\nThân\n");
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.expect("valid");
        assert_eq!(doc.doc_type, "Công văn");
        assert_eq!(doc.date, None);
        assert_eq!(doc.body(), "Thân\n");
    }

    #[test]
    fn errors_point_into_the_file() {
        // case, text, expected code, line, column
        let cases = [
            ("missing title", "---\nnumber: 1-KL/TW\nissuer: X\n---\n", "E-KEY", 1, 1),
            (
                "bad number",
                "---\nnumber: 12-kl/TW\ntitle: T\nissuer: X\n---\n",
                "E-KEY",
                2,
                12,
            ),
            (
                "impossible date",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\ndate: 31/02/2025\n---\n",
                "E-KEY",
                5,
                7,
            ),
            (
                "bad yaml",
                "---\nnumber: 1-KL/TW\ntitle: [T\nissuer: X\n---\n",
                "E-YAML",
                4,
                7,
            ),
            ("no closing", "---\nnumber: 1-KL/TW\n", "E-FRONT", 1, 1),
            ("no front matter", "Xin chào\n", "E-FRONT", 1, 1),
            (
                "type contradicts",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\ntype: Công văn\n---\n",
                "E-KEY",
                5,
                7,
            ),
            (
                "bad slug",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\nslug: ../x\n---\n",
                "E-KEY",
                5,
                7,
            ),
            (
                "alias traversal",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\naliases: [/a/../../b/]\n---\n",
                "E-KEY",
                5,
                11,
            ),
            (
                "wrong kind",
                "---\nnumber: 1-KL/TW\ntitle: [a, b]\nissuer: X\n---\n",
                "E-KEY",
                3,
                8,
            ),
            (
                "bad relation",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\nrelations:\n  implement: [2-KL/TW]\n---\n",
                "E-KEY",
                6,
                3,
            ),
            (
                "bad status",
                "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\nstatus: old\n---\n",
                "E-KEY",
                5,
                9,
            ),
        ];
        for (name, text, code, line, col) in cases {
            let (doc, diags) = check(text);
            assert!(doc.is_none(), "{name}: accepted");
            let d = diags
                .iter()
                .find(|d| d.is_error())
                .unwrap_or_else(|| panic!("{name}: no error"));
            assert_eq!((d.code, pos(text, d)), (code, (line, col)), "{name}: {d:?}");
        }
    }

    #[test]
    fn every_error_of_a_file_is_reported() {
        let text = "---\nnumber: x\ndate: 40/1/2025\n---\n";
        let (_, diags) = check(text);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        assert_eq!(errors, 4, "{diags:?}"); // title, issuer, number, date
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let (doc, diags) = check("---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\nisuer: Y\n---\n");
        assert!(doc.is_some());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].hint.as_deref(), Some("có phải ý bạn là `issuer`?"));
    }

    #[test]
    fn qd_is_ambiguous_without_type() {
        let (doc, diags) = check("---\nnumber: 253-QĐ/TW\ntitle: T\nissuer: Ban Bí thư\n---\n");
        assert_eq!(doc.map(|d| d.doc_type).as_deref(), Some("Quyết định"));
        assert_eq!(diags.len(), 1);
        let (doc, diags) = check("---\nnumber: 253-QĐ/TW\ntitle: T\nissuer: Ban Bí thư\ntype: Quy định\n---\n");
        assert_eq!(doc.map(|d| d.doc_type).as_deref(), Some("Quy định"));
        assert!(diags.is_empty());
    }

    #[test]
    fn crlf_nfd_and_lookalikes() {
        let text =
            "---\r\nnumber: 1-KL/TW\r\ntitle: \u{00D0}a\u{0323}i ho\u{0302}\u{0323}i\r\nissuer: X\r\n---\r\nA\r\nB\r\n";
        let (doc, diags) = check(text);
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.expect("valid");
        assert_eq!(doc.title, "Đại hội");
        assert_eq!(doc.body(), "A\r\nB\r\n");
    }

    #[test]
    fn aliases() {
        assert_eq!(alias_path("/cu/a/").as_deref(), Some("cu/a/"));
        assert_eq!(alias_path("/cu/a").as_deref(), Some("cu/a/"));
        assert_eq!(alias_path("/cu/a.html").as_deref(), Some("cu/a.html"));
        for bad in [
            "cu/a",
            "/",
            "/a/../b",
            "/a/./b",
            "/%2e%2e/x",
            "/a\\b",
            "//x",
            "/.git/x",
            "/a b/",
        ] {
            assert_eq!(alias_path(bad), None, "{bad}");
        }
    }
}
