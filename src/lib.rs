//! vanban: a static site generator for published Vietnamese Party and State
//! directives.
//!
//! The pipeline is a chain of plain data; each stage is a module and a
//! function, and nothing is shared or mutated behind a stage's back:
//!
//! ```text
//!  content/*.md ──load──▶ Vec<Document> ──refs::find──▶ citations ──graph::link (build, or patch)──▶ Index
//!   (source, yaml,          (number)        (normal,                                   │
//!    date, codes)                            recognise, words)                          ▼
//!  public/ ◀──write── Vec<Page> ◀──render (theme, markdown)──┘
//!                        ▲
//!                        └── opendata (documents.json, search index, feed, sitemap)
//! ```
//!
//! Diagnostics from every stage are collected ([`diag`]); errors fail the run
//! before anything is written, warnings are listed. The library never prints:
//! the command line (`src/cli.rs`, in the binary) does.

// A `Diagnostic` is the error type of several stages; it is large, but it
// travels only on the cold path of a failed file or page.
#![allow(clippy::result_large_err)]

pub mod cache;
mod codes;
mod config;
mod data;
pub mod date;
pub mod diag;
mod escape;
mod explain;
mod graph;
pub mod import;
pub mod load;
pub mod markdown;
pub mod number;
mod opendata;
pub mod outline;
pub mod refs;
mod render;
mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
mod theme;
mod write;
mod yaml;

pub use config::Config;
pub use render::Page;
pub use theme::Theme;
pub use write::Report;

use diag::{Diagnostic, Sources};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a run does.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The content folder.
    pub content: PathBuf,
    /// Where to write; `None` checks only.
    pub output: Option<PathBuf>,
    /// `--config FILE`; else `site.yaml` when present.
    pub config: Option<PathBuf>,
    /// `--theme DIR`; else the built-in theme.
    pub theme: Option<PathBuf>,
    /// `--base-url`, over the configuration's.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Replace an output folder vanban did not create.
    pub force: bool,
    /// `check --explain FILE`: list the citations found in this file.
    pub explain: Option<PathBuf>,
    /// The build cache's folder (`.vanban-cache/<output>/`); `None` builds
    /// from nothing and keeps nothing (`--no-cache`, `check`).
    pub cache: Option<PathBuf>,
}

/// Hooks for a progress indication; the library calls, the CLI shows.
pub trait Progress: Sync {
    /// Rendering starts with this many pages.
    fn start(&self, _pages: usize) {}
    /// One page done.
    fn tick(&self) {}
    /// Rendering done.
    fn finish(&self) {}
}

/// No progress indication.
pub struct Quiet;
impl Progress for Quiet {}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Texts the diagnostics point into.
    pub sources: Sources,
    /// Files found under the content folder.
    pub counts: load::Counts,
    /// Documents published.
    pub documents: usize,
    /// HTML pages made.
    pub pages: usize,
    /// Files of the site (pages, data, index, assets).
    pub files: usize,
    /// What was written, when the run writes and succeeded.
    pub written: Option<write::Report>,
    /// Wall time.
    pub elapsed: Duration,
    /// The citations of the `--explain` file, one line each.
    pub explain: Option<String>,
    /// Time spent in each stage, in order (for `--timings`).
    pub timings: Vec<(&'static str, Duration)>,
    /// Time spent per template, slowest first: (template, total, pages).
    pub template_timings: Vec<(&'static str, Duration, u64)>,
    /// What the build cache did, when the run had one.
    pub cache: Option<cache::Report>,
}

impl Outcome {
    /// Whether any error was reported.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count()
    }
}

/// The configuration file of a run: `--config`, else `site.yaml` when present.
pub(crate) fn config_path(opts: &Options) -> Option<PathBuf> {
    match &opts.config {
        Some(p) => Some(p.clone()),
        None => Some(PathBuf::from("site.yaml")).filter(|p| p.is_file()),
    }
}

fn read_config(opts: &Options, out: &mut Outcome) -> config::Config {
    let mut cfg = match config_path(opts) {
        None => config::Config::default(),
        Some(p) => {
            let shown = p.display().to_string();
            match std::fs::read(&p)
                .map_err(|e| e.to_string())
                .and_then(|b| source::decode(b).map_err(|e| e.to_string()))
            {
                Ok(text) => {
                    let (cfg, diags) = config::parse(&text, &shown);
                    out.sources.insert(shown, text);
                    out.diagnostics.extend(diags);
                    cfg
                }
                Err(e) => {
                    out.diagnostics.push(
                        Diagnostic::error(crate::diag::Code::Config, format!("không đọc được tệp cấu hình: {e}"))
                            .in_file(&shown)
                            .hint("kiểm tra đường dẫn `--config`, hoặc bỏ tùy chọn này để dùng mặc định"),
                    );
                    config::Config::default()
                }
            }
        }
    };
    if let Some(b) = &opts.base_url {
        cfg.base_url = config::normalize_base_url(b);
    }
    cfg
}

/// Caches kept between runs of one session (the dev server's rebuilds):
/// parsed files, citations found in unchanged texts.
#[derive(Default)]
pub struct Session {
    load: load::Cache,
    /// Documents completed with the citations of their text, by file.
    refs: std::collections::HashMap<String, (Arc<load::Document>, Vec<Diagnostic>)>,
    /// The last link graph with what an edit needs to patch it.
    graph: Option<graph::Memory>,
    /// How many runs patched the last graph rather than building it.
    patches: u64,
    keep: bool,
    /// Whether the link graph is kept for the next run (the dev server's;
    /// a build with a cache keeps documents, not the graph).
    keep_graph: bool,
}

impl Session {
    /// A session that keeps its caches between runs (the dev server's).
    pub fn caching() -> Session {
        let mut s = Session {
            keep: true,
            keep_graph: true,
            ..Session::default()
        };
        s.load.keep = true;
        s
    }

    /// Tells the next run that only these content files changed since the
    /// last one (they were modified in place): it then looks at those files
    /// only, not the whole folder. Paths are as the content folder option
    /// spells them (`content/2025/a.md`).
    pub fn changed(&mut self, paths: Vec<PathBuf>) {
        self.load.changed = Some(paths);
    }

    /// Files to read again on the next load even when their size and time
    /// are what they were (an edit whose time was restored: `cp -p`).
    pub fn touched(&mut self, paths: Vec<PathBuf>) {
        self.load.forced.extend(paths);
    }

    /// Documents a build cache kept, completed with their citations: read
    /// as if this session had read them (see [`cache`]).
    pub(crate) fn restore(&mut self, documents: Vec<(PathBuf, load::Stamp, Arc<load::Document>)>) {
        for (_, _, doc) in &documents {
            self.refs.insert(doc.file.clone(), (Arc::clone(doc), Vec::new()));
        }
        self.load.restore(documents);
    }

    /// The documents read and completed with no diagnostic, with their
    /// paths and stamps: what a build cache keeps.
    pub(crate) fn kept(&self) -> impl Iterator<Item = (&std::path::Path, &load::Stamp, &load::Document)> {
        self.load
            .clean()
            .filter_map(|(path, stamp, read)| match self.refs.get(&read.file) {
                Some((doc, diags)) if diags.is_empty() && doc.revision == read.revision => Some((path, stamp, &**doc)),
                _ => None,
            })
    }

    /// How many runs of this session patched the link graph of the run
    /// before (an edit followed through the numbers it can change) rather
    /// than building it whole.
    pub fn graph_patches(&self) -> u64 {
        self.patches
    }

    /// Forgets everything (after a change of configuration).
    pub fn clear(&mut self) {
        *self = if self.keep {
            Session::caching()
        } else {
            Session::default()
        };
    }
}

/// The site before rendering: configuration, link graph, theme, and what the
/// run has to say so far.
pub struct Prepared {
    /// The configuration in force.
    pub config: config::Config,
    /// The link graph.
    pub index: graph::Index,
    /// The theme, when it loaded.
    pub theme: Option<theme::Theme>,
    /// Diagnostics, sources, counts so far.
    pub outcome: Outcome,
}

/// Loads, finds references and links: everything before rendering.
pub fn prepare(opts: &Options, session: &mut Session) -> Prepared {
    let started = Instant::now();
    let mut out = Outcome::default();
    let cfg = read_config(opts, &mut out);
    if let Some(dir) = &opts.output {
        if let Err(e) = write::check_output(dir, &opts.content, opts.force) {
            out.diagnostics.push(e.diagnostic());
        }
    }
    let load_opts = load::LoadOptions {
        drafts: opts.drafts,
        default_locality: cfg.locality.clone(),
        max_bytes: cfg.max_document_bytes,
    };
    let mut clock = Instant::now();
    let mut lap = |out: &mut Outcome, name: &'static str| {
        out.timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    lap(&mut out, "cấu hình");
    let loaded = load::load_cached(&opts.content, &load_opts, &mut session.load);
    out.sources.extend(loaded.sources);
    out.diagnostics.extend(loaded.diagnostics);
    out.counts = loaded.counts;
    let documents = loaded.documents;
    lap(&mut out, "đọc nội dung");
    // The citations of a text: found again only when the file was parsed
    // again (its revision changed); else the document as completed last time.
    let cache = &session.refs;
    let found: Vec<(Arc<load::Document>, Vec<Diagnostic>)> = documents
        .into_par_iter()
        .map(|mut d| match cache.get(&d.file) {
            Some((doc, diags)) if doc.revision == d.revision => (Arc::clone(doc), diags.clone()),
            _ => {
                let f = refs::find_with(&d.file, d.body(), d.body_offset, (&d.number, d.date), &cfg.vocabulary);
                // Unshared in a one-shot build; else copied once, for this change.
                let doc = Arc::make_mut(&mut d);
                let mut citations = f.citations;
                refs::keep_changes_at_home(&mut citations, doc.locality.as_deref(), &cfg.vocabulary);
                refs::name_places(&mut citations, &doc.issuers, &cfg.vocabulary);
                doc.citations.extend(citations);
                doc.shorts = f.shorts;
                (d, f.diagnostics)
            }
        })
        .collect();
    // Kept in place: only the documents completed anew are entered (an
    // edit costs no copy of the whole table), the files gone are let go.
    let mut documents = Vec::with_capacity(found.len());
    let mut anew = Vec::new();
    for (doc, diags) in found {
        out.diagnostics.extend(diags.iter().cloned());
        if session.keep {
            let known = matches!(session.refs.get(&doc.file), Some((d, _)) if Arc::ptr_eq(d, &doc));
            if !known {
                session.refs.insert(doc.file.clone(), (Arc::clone(&doc), diags));
                anew.push(Arc::clone(&doc));
            }
        }
        documents.push(doc);
    }
    if !session.keep {
        session.refs.clear();
    } else if session.refs.len() > documents.len() {
        let present: std::collections::HashSet<&str> = documents.iter().map(|d| d.file.as_str()).collect();
        session.refs.retain(|file, _| present.contains(file.as_str()));
    }
    if session.keep && !anew.is_empty() {
        session.load.complete(anew.iter());
    }
    lap(&mut out, "tìm trích dẫn");
    let (index, diags, dropped) = if session.keep_graph {
        let (index, diags, dropped, patched) = graph::link(documents, &cfg, &mut session.graph);
        session.patches += u64::from(patched);
        (index, diags, dropped)
    } else {
        graph::build_keeping_duplicates(documents, &cfg)
    };
    lap(&mut out, "liên kết");
    // A document dropped as a duplicate is a file in error, not a published one.
    let duplicates = diags.iter().filter(|d| d.code == crate::diag::Code::Dup).count();
    out.counts.published -= duplicates.min(out.counts.published);
    out.counts.errors += duplicates;
    out.diagnostics.extend(diags);
    out.documents = index.docs.len();
    if let Some(file) = &opts.explain {
        out.explain = Some(explain::explain(&index, &out.sources, &out.diagnostics, file));
    }
    let theme = match theme::load(opts.theme.as_deref()) {
        Ok(t) => Some(t),
        Err(d) => {
            out.diagnostics.extend(d);
            None
        }
    };
    // The texts diagnostics point into: failed files kept theirs; documents
    // lend theirs.
    let wanted: std::collections::BTreeSet<&str> = out.diagnostics.iter().filter_map(|d| d.file.as_deref()).collect();
    for d in index.docs.iter().map(|n| &n.doc).chain(dropped.iter()) {
        if wanted.contains(d.file.as_str()) && !out.sources.contains_key(&d.file) {
            out.sources.insert(d.file.clone(), d.text.clone());
        }
    }
    out.elapsed = started.elapsed();
    Prepared {
        config: cfg,
        index,
        theme,
        outcome: out,
    }
}

/// The files that are not rendered from templates: open data, search index,
/// feed, robots.txt. (The sitemap needs the page list: see [`sitemap`].)
pub fn data_pages(
    index: &graph::Index,
    cfg: &config::Config,
    first_paragraph: &dyn Fn(usize) -> String,
) -> Vec<render::Page> {
    let mut pages = opendata::open_data(index);
    pages.extend(search::build(index, cfg, &|i| index.docs[i].doc.body()));
    pages.push(opendata::feed(index, cfg, first_paragraph));
    pages.push(opendata::robots(cfg));
    pages
}

/// Runs the pipeline: load, link, render, and write when `output` is set.
/// Pages are written as they are rendered, into a folder beside the output
/// that replaces it only when everything succeeded. With a build cache
/// (`opts.cache`), files unchanged since the last build are not read again,
/// and the cache is written anew beside the pages; when the cache also
/// lists the pages of the site in place, the build is warm: it renders only
/// the pages whose inputs changed and writes only the files whose bytes
/// changed, in place (see [`cache`]).
pub fn run(opts: &Options, progress: &dyn Progress) -> Outcome {
    let started = Instant::now();
    let mut cached = cache::CachedRun::open(opts, config_path(opts).as_deref());
    // One run: no graph to patch after it.
    cached.session.keep_graph = false;
    let Prepared {
        config: cfg,
        index,
        theme,
        outcome: mut out,
    } = prepare(opts, &mut cached.session);
    out.cache = cached.report(&index);
    // Nothing is written beside an output folder the checks refused.
    let refused = out.diagnostics.iter().any(|d| d.code == diag::Code::Write);
    let store = match (&opts.output, &theme, refused) {
        (Some(dir), Some(t), false) => cached.pages(dir, render_key(t, &cfg)),
        _ => None,
    };
    std::thread::scope(|s| {
        let saver = s.spawn(|| if refused { Ok(()) } else { cached.save() });
        if let (Some(theme), false) = (&theme, out.failed()) {
            publish(opts, progress, &index, &cfg, theme, store.as_ref(), &mut out);
        }
        // A cache that cannot be written costs the next build time, not this
        // one its site: a warning.
        if let Ok(Err(e)) = saver.join() {
            out.diagnostics.push(
                Diagnostic::warning(crate::diag::Code::Write, format!("không ghi được bộ nhớ đệm: {e}"))
                    .hint("kiểm tra quyền ghi bên cạnh thư mục xuất, hoặc dùng `--no-cache`"),
            );
        }
    });
    drop_elsewhere(cached.session);
    drop_elsewhere(index);
    diag::sort(&mut out.diagnostics);
    out.elapsed = started.elapsed();
    out
}

/// What decides every page besides the content: the theme and the
/// configuration in force (`--base-url` over the file's). The vocabulary
/// is not folded (its maps print in no fixed order): it comes from the
/// configuration file and the executable, both in the cache's key.
fn render_key(theme: &theme::Theme, cfg: &config::Config) -> u64 {
    let mut h = render::Fold::new("render");
    h.num(theme.fingerprint)
        .str(&cfg.title)
        .str(&cfg.base_url)
        .str(&cfg.language);
    h.debug(&(&cfg.locality, &cfg.issuer_aliases, cfg.page_size, cfg.feed_limit));
    h.num(cfg.max_document_bytes);
    h.finish()
}

/// Where a build writes: a new folder swapped in whole (cold), the site in
/// place (warm), or nowhere (`check`).
enum Target {
    Staging(write::Staging),
    InPlace(write::InPlace),
    Nowhere,
}

impl Target {
    fn put(&self, page: &render::Page) -> Result<(), Diagnostic> {
        match self {
            Target::Staging(s) => s.put(page).map_err(|e| e.diagnostic()),
            Target::InPlace(w) => w.put(page).map_err(|e| e.diagnostic()),
            Target::Nowhere => Ok(()),
        }
    }
}

/// Opens where the build writes: in place when the previous build's pages
/// are known and few documents changed, else a new folder. A warm build
/// forgets the list of pages first (a build that dies half way leaves the
/// next one cold).
fn target(opts: &Options, store: Option<&cache::PageStore>, out: &mut Outcome) -> Option<(Target, bool)> {
    let Some(dir) = &opts.output else {
        return Some((Target::Nowhere, false));
    };
    let few = out.cache.as_ref().is_some_and(|c| c.read <= (c.read + c.reused) / 2);
    if let Some(store) = store.filter(|s| s.previous.is_some() && few) {
        let opened = store
            .forget()
            .map_err(|e| write::WriteError::Io {
                path: dir.clone(),
                source: e,
            })
            .and_then(|()| write::InPlace::begin(dir, &opts.content));
        match opened {
            Ok(w) => return Some((Target::InPlace(w), true)),
            Err(e) => {
                out.diagnostics.push(e.diagnostic());
                return None;
            }
        }
    }
    match write::Staging::begin(dir, &opts.content, opts.force) {
        Ok(s) => Some((Target::Staging(s), false)),
        Err(e) => {
            out.diagnostics.push(e.diagnostic());
            None
        }
    }
}

/// Renders the site and writes it (when `opts.output` is set), with the
/// open data and search index beside the pages. With the previous build's
/// pages in `store`, renders only the pages whose fingerprint changed.
fn publish(
    opts: &Options,
    progress: &dyn Progress,
    index: &graph::Index,
    cfg: &config::Config,
    theme: &theme::Theme,
    store: Option<&cache::PageStore>,
    out: &mut Outcome,
) {
    let mut clock = Instant::now();
    let mut lap = |out: &mut Outcome, name: &'static str| {
        out.timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let Some((target, warm)) = target(opts, store, out) else {
        return;
    };
    let previous = store.and_then(|s| s.previous.as_ref()).filter(|_| warm);
    let keep = |path: &str, fp: u64| previous.is_some_and(|p| p.pages.get(path) == Some(&fp));
    let sink = |page: render::Page| target.put(&page);
    let renderer = render::Renderer::new(index, cfg, theme);
    lap(out, "Markdown");
    let digests = renderer.digests();
    let before = match (previous, &opts.output) {
        (Some(p), Some(dir)) => Some(data::Before {
            pages: &p.pages,
            output: dir,
        }),
        _ => None,
    };
    lap(out, "vân tay");
    // The pages, and beside them the open data and search index (which
    // do not need the pages): the serial parts of each fill the other's
    // idle time.
    let (rendered, (data, data_failed, data_time, how)) = rayon::join(
        || renderer.render_each(&digests, &|n| progress.start(n), &|| progress.tick(), &sink, &keep),
        || {
            let t = Instant::now();
            let own = |n: graph::Node| digests.own(n);
            let made = data::made(
                index,
                cfg,
                &|i| renderer.first_paragraph(i),
                &own,
                store,
                before.as_ref(),
            );
            let (mut data, failed) = put_whole(made.pages, &keep, &sink);
            let listed = |p: &String| previous.and_then(|x| x.pages.get(p)).map(|fp| (p.clone(), *fp));
            data.extend(made.kept.iter().filter_map(listed));
            (data, failed, t.elapsed(), made.how)
        },
    );
    progress.finish();
    lap(out, "trang");
    out.timings.push((" ↳ dữ liệu, tìm kiếm", data_time));
    out.template_timings = renderer.template_times();
    match rendered {
        Ok((mut paths, made)) => {
            let sitemap = opendata::sitemap(paths.iter().map(|(p, _)| p.as_str()), index, cfg);
            let fp = render::of_bytes(&sitemap.bytes);
            let mut failed = data_failed;
            failed.extend(put_whole(vec![(sitemap, fp)], &keep, &sink).1);
            paths.extend(data);
            lap(out, "sơ đồ trang");
            out.files = paths.len() + 1;
            out.pages = paths.iter().filter(|(p, _)| p.ends_with(".html")).count();
            if let Some(c) = out.cache.as_mut() {
                c.rendered = warm.then_some(made);
                c.data = Some(how);
            }
            if failed.is_empty() {
                finish(target, previous, paths, store, out);
            } else {
                out.diagnostics.extend(failed);
            }
            lap(out, "ghi");
        }
        Err(d) => out.diagnostics.extend(d),
    }
    drop_elsewhere(renderer.into_items());
}

/// Files made whole (open data, search index, sitemap), with their
/// fingerprints: each handed to `sink` unless `keep` knows it. Returns
/// their paths with their fingerprints, and the errors.
fn put_whole(
    pages: Vec<(render::Page, u64)>,
    keep: &(dyn Fn(&str, u64) -> bool + Sync),
    sink: &(dyn Fn(render::Page) -> Result<(), Diagnostic> + Sync),
) -> (Vec<(String, u64)>, Vec<Diagnostic>) {
    let done: Vec<(String, u64, Result<(), Diagnostic>)> = pages
        .into_par_iter()
        .map(|(p, fp)| {
            let path = p.path.clone();
            let r = if keep(&path, fp) { Ok(()) } else { sink(p) };
            (path, fp, r)
        })
        .collect();
    let mut paths = Vec::with_capacity(done.len());
    let mut failed = Vec::new();
    for (path, fp, r) in done {
        paths.push((path, fp));
        failed.extend(r.err());
    }
    (paths, failed)
}

/// Completes the site: a new folder swapped in, or in place the files the
/// site lost removed; then the list of its pages kept for the next build.
fn finish(
    target: Target,
    previous: Option<&cache::Previous>,
    mut paths: Vec<(String, u64)>,
    store: Option<&cache::PageStore>,
    out: &mut Outcome,
) {
    paths.sort();
    let files = paths.len();
    let written = match target {
        Target::Nowhere => return,
        Target::Staging(s) => s.commit().map_err(|e| e.diagnostic()),
        Target::InPlace(w) => {
            let now: std::collections::HashSet<&str> = paths.iter().map(|(p, _)| p.as_str()).collect();
            let mut gone: Vec<&str> = previous
                .map(|p| {
                    p.pages
                        .keys()
                        .map(String::as_str)
                        .filter(|p| !now.contains(p))
                        .collect()
                })
                .unwrap_or_default();
            gone.sort_unstable();
            w.remove(&gone).map(|()| w.finish(files)).map_err(|e| e.diagnostic())
        }
    };
    match written {
        Ok(r) => out.written = Some(r),
        Err(d) => return out.diagnostics.push(d),
    }
    // The search index's pieces could not all be kept: no list either (the
    // next build is cold rather than patching from pieces it does not have).
    let saved = store.map(|s| match s.search.failed() {
        true => s.forget(),
        false => s.save(paths),
    });
    if let Some(Err(e)) = saved {
        out.diagnostics.push(
            Diagnostic::warning(crate::diag::Code::Write, format!("không ghi được danh sách trang: {e}"))
                .hint("lần xây dựng sau sẽ dựng lại mọi trang"),
        );
    }
}

/// Frees `value` on a thread of its own: the build's result does not wait
/// for a whole site's memory to be given back (about 30 ms at 10,000
/// documents), and a process that exits first never waits for it at all.
pub(crate) fn drop_elsewhere<T: Send + 'static>(value: T) {
    // Should the thread not start, the value comes back and is dropped here.
    let _ = std::thread::Builder::new()
        .name("vanban-free".to_string())
        .spawn(move || drop(value));
}
