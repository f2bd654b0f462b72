//! `vanban serve`: a live preview for editors.
//!
//! In: the run options and an address (loopback by default). Out: an HTTP
//! server that serves the site from memory (nothing is written to disk),
//! rebuilds when the content, the theme or the configuration changes, and
//! tells open pages to reload over Server-Sent Events. While the content has
//! errors, the last good site stays up and every page shows the errors in an
//! overlay (file, line, message); the terminal shows them too.
//!
//! Rebuilds reuse what did not change: parsed files and the citations of
//! unchanged texts (the [`Session`] caches). Pages are rendered when asked
//! for (a document's page without planning the listings), so a rebuild does
//! not render the whole site. Requests are answered from the rendered site only: a path
//! with `..` (plain or percent-encoded), a backslash or an absolute URL is
//! refused before anything is looked up.
//!
//! The server's threads share one `Mutex` of state and a `Condvar` that wakes
//! the event streams; that sharing is confined to this module.

use crate::diag::{self, Diagnostic, Format, Sources};
use crate::graph::Node;
use crate::render::{Page, Plan, Renderer};
use crate::{prepare, Options, Prepared, Session};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The event stream path and the script that listens to it.
const EVENTS: &str = "/__vanban/events";
const LIVE_JS: &str = "/__vanban/live.js";
const LIVE_SCRIPT: &str = "(function(){var es=new EventSource(\"/__vanban/events\");\
es.onmessage=function(e){if(e.data===\"reload\"){location.reload();}};})();";

/// A rebuilt site, rendered page by page on request.
struct Built {
    prepared: Prepared,
    /// Document and cited pages by path: answered without the page plan.
    nodes: std::collections::HashMap<String, Node>,
    /// Every page, planned on the first request that needs it.
    plan: OnceLock<Plan>,
    data: OnceLock<BTreeMap<String, Vec<u8>>>,
}

impl Built {
    fn new(prepared: Prepared) -> Built {
        let index = &prepared.index;
        let mut nodes = std::collections::HashMap::with_capacity(index.docs.len() + index.cited.len());
        for n in index.nodes() {
            nodes.insert(
                crate::routes::index_file(&crate::routes::document_dir(index.slug(n))),
                n,
            );
        }
        Built {
            prepared,
            nodes,
            plan: OnceLock::new(),
            data: OnceLock::new(),
        }
    }

    /// A renderer whose bodies render with their page.
    fn renderer(&self) -> Option<Renderer<'_>> {
        let theme = self.prepared.theme.as_ref()?;
        Some(Renderer::new(&self.prepared.index, &self.prepared.config, theme))
    }

    fn plan(&self) -> Option<&Plan> {
        let r = self.renderer()?;
        Some(self.plan.get_or_init(|| r.plan()))
    }

    /// The open data, search index, feed, robots.txt and sitemap, made on
    /// first request after a rebuild.
    fn data(&self) -> &BTreeMap<String, Vec<u8>> {
        self.data.get_or_init(|| {
            let index = &self.prepared.index;
            let cfg = &self.prepared.config;
            let first = |i: usize| self.renderer().map(|r| r.first_paragraph(i)).unwrap_or_default();
            let mut pages = crate::data_pages(index, cfg, &first);
            let listed: Vec<Page> = self
                .plan()
                .map(Plan::paths)
                .unwrap_or_default()
                .into_iter()
                .map(|path| Page {
                    path,
                    bytes: Vec::new(),
                })
                .collect();
            pages.push(crate::opendata::sitemap(&listed, index, cfg));
            pages.into_iter().map(|p| (p.path, p.bytes)).collect()
        })
    }

    fn get(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        if let Some(theme) = &self.prepared.theme {
            if let Some((_, bytes)) = theme.statics.iter().find(|(p, _)| p == path) {
                return Some(Ok(bytes.clone()));
            }
        }
        let data_path = crate::routes::is_data(path);
        if data_path {
            return self.data().get(path).map(|b| Ok(b.clone()));
        }
        let r = self.renderer()?;
        if let Some(&n) = self.nodes.get(path) {
            return Some(r.render_node(n).map(|p| p.bytes));
        }
        r.render_path(self.plan()?, path).map(|res| res.map(|p| p.bytes))
    }
}

#[derive(Default)]
struct State {
    generation: u64,
    site: Option<Arc<Built>>,
    errors: Vec<Diagnostic>,
    sources: Sources,
    stopped: bool,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The run options (content, config, theme, drafts); `output` is ignored.
    pub run: Options,
    /// Address to bind.
    pub bind: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
}

/// A running server.
pub struct Handle {
    /// Where it listens.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Handle {
    /// The number of completed rebuilds (good or bad).
    pub fn generation(&self) -> u64 {
        self.shared.lock().generation
    }

    /// Stops watching and rebuilding; open connections end on their own.
    pub fn stop(&self) {
        self.shared.lock().stopped = true;
        self.shared.changed.notify_all();
    }
}

/// Messages for the terminal.
pub type Log = Arc<dyn Fn(String) + Send + Sync>;

/// Builds the site, then serves it and rebuilds on change. Returns once
/// the server is listening.
pub fn start(options: ServeOptions, log: Log) -> std::io::Result<Handle> {
    let listener = TcpListener::bind((options.bind, options.port))?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        changed: Condvar::new(),
    });
    let mut run = options.run.clone();
    run.output = None;
    if run.base_url.is_none() {
        run.base_url = Some("/".to_string());
    }
    let watching = start_watching(&run, &log);
    let mut session = Session::caching();
    rebuild(&run, &mut session, &shared, &log);
    if let Some(w) = watching {
        let shared = Arc::clone(&shared);
        let log = Arc::clone(&log);
        std::thread::spawn(move || watch(w, run, session, shared, log));
    }
    {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = handle(stream, &shared);
                });
            }
        });
    }
    Ok(Handle { addr, shared })
}

/// One rebuild: prepare, and on success replace the served site.
fn rebuild(run: &Options, session: &mut Session, shared: &Shared, log: &Log) {
    let started = Instant::now();
    let prepared = prepare(run, session);
    let mut errors: Vec<Diagnostic> = prepared
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let warnings = prepared.outcome.warnings();
    let sources = prepared.outcome.sources.clone();
    let documents = prepared.outcome.documents;
    let mut built = None;
    if errors.is_empty() && prepared.theme.is_some() {
        built = Some(Built::new(prepared));
    }
    // Render one page now: a broken template shows at once, not on the first visit.
    if let Some(b) = &built {
        let probe = b
            .nodes
            .keys()
            .min()
            .cloned()
            .unwrap_or_else(|| crate::routes::NOT_FOUND.to_string());
        if let Some(Err(d)) = b.get(&probe) {
            errors.push(d);
            built = None;
        }
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut text = String::new();
    let mut sorted = errors.clone();
    diag::sort(&mut sorted);
    for d in &sorted {
        text.push_str(&diag::render(d, &sources, Format::Human));
    }
    let line = if errors.is_empty() {
        format!("Đã dựng lại: {documents} văn bản, {warnings} cảnh báo, {ms:.0} ms")
    } else {
        format!(
            "Nội dung có {} lỗi; vẫn phục vụ bản dựng tốt gần nhất ({ms:.0} ms)",
            errors.len()
        )
    };
    log(format!("{text}{line}"));
    let mut st = shared.lock();
    let old = match built {
        Some(b) => st.site.replace(Arc::new(b)),
        None => None,
    };
    st.errors = sorted;
    st.sources = sources;
    st.generation += 1;
    drop(st);
    shared.changed.notify_all();
    // Freeing the last site (the whole link graph) takes a while at scale: not
    // on the way of the reload.
    if let Some(old) = old {
        crate::drop_elsewhere(old);
    }
}

/// Watches the content, theme and configuration; rebuilds once per burst of
/// changes (a save that writes several files is one rebuild).
/// The file watcher and what it looks at, set up before the first build so
/// that no change is missed.
struct Watching {
    _watcher: notify::RecommendedWatcher,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    roots: Vec<PathBuf>,
    content_abs: PathBuf,
    config_abs: PathBuf,
}

fn start_watching(run: &Options, log: &Log) -> Option<Watching> {
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
fn watch(w: Watching, run: Options, mut session: Session, shared: Arc<Shared>, log: Log) {
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
        if shared.lock().stopped {
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
        if config_changed {
            session.clear();
        } else if let Some(paths) = edits.in_place() {
            session.changed(paths);
        }
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
}

impl Edits {
    fn add(&mut self, e: &notify::Event, content_abs: &Path, content: &Path) {
        use notify::event::{EventKind, ModifyKind};
        let in_place = matches!(
            e.kind,
            EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Metadata(_))
        );
        for p in &e.paths {
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

/// Why a request path is refused, if it is.
pub fn refuse(target: &str) -> Option<&'static str> {
    if !target.starts_with('/') || target.starts_with("//") {
        return Some("chỉ nhận đường dẫn trong trang");
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Some("mã hóa % không hợp lệ");
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return Some("ký tự không được phép");
    }
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return Some("không được ra ngoài trang");
    }
    None
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The error overlay: every error with its file, line and message.
fn overlay(errors: &[Diagnostic], sources: &Sources) -> String {
    let mut items = String::new();
    for d in errors {
        let place = match (&d.file, &d.span) {
            (Some(f), Some(s)) => {
                let (l, c) = sources.get(f).map_or((0, 0), |t| crate::source::line_col(t, s.start));
                format!("{f}:{l}:{c}")
            }
            (Some(f), None) => f.clone(),
            _ => String::new(),
        };
        let hint = d
            .hint
            .as_deref()
            .map(|h| format!("<br><small>Gợi ý: {}</small>", crate::escape::text(h)))
            .unwrap_or_default();
        items.push_str(&format!(
            "<li><code>{}</code> {}{hint}</li>",
            crate::escape::text(&place),
            crate::escape::text(&d.message)
        ));
    }
    format!(
        "<div id=\"vanban-loi\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;\
background:#fff4f4;color:#3b0000;border-top:4px solid #b00020;padding:1rem;font:15px/1.5 sans-serif;z-index:99999\">\
<strong>Nội dung đang có {} lỗi.</strong> Trang dưới đây là bản dựng tốt gần nhất; sửa xong, trang tự tải lại.<ul>{items}</ul></div>",
        errors.len()
    )
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    head: bool,
    extra: &str,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("");
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            "Chỉ nhận GET.".as_bytes(),
            false,
            "Allow: GET, HEAD\r\n",
        );
    }
    if let Some(why) = refuse(target) {
        let body = format!("Yêu cầu bị từ chối: {why}.");
        return respond(
            &mut stream,
            "403 Forbidden",
            "text/plain; charset=utf-8",
            body.as_bytes(),
            head,
            "",
        );
    }
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/")).unwrap_or_default();
    if path == EVENTS {
        return events(stream, shared);
    }
    if path == LIVE_JS {
        return respond(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            LIVE_SCRIPT.as_bytes(),
            head,
            "",
        );
    }
    let (site, errors, sources) = {
        let st = shared.lock();
        (st.site.clone(), st.errors.clone(), st.sources.clone())
    };
    let inject = |html: Vec<u8>| -> Vec<u8> {
        let mut html = String::from_utf8_lossy(&html).into_owned();
        let mut extra = String::new();
        if !errors.is_empty() {
            extra.push_str(&overlay(&errors, &sources));
        }
        extra.push_str(&format!("<script src=\"{LIVE_JS}\"></script>"));
        match html.rfind("</body>") {
            Some(i) => html.insert_str(i, &extra),
            None => html.push_str(&extra),
        }
        html.into_bytes()
    };
    let Some(site) = site else {
        // No good build yet: a page that shows the errors and waits for a fix.
        let page = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đang chờ sửa lỗi</title></head>\
<body><main><h1>Chưa dựng được trang</h1><p>Nội dung đang có lỗi, xem bên dưới và ở cửa sổ dòng lệnh.</p></main></body></html>";
        return respond(
            &mut stream,
            "503 Service Unavailable",
            "text/html; charset=utf-8",
            &inject(page.as_bytes().to_vec()),
            head,
            "",
        );
    };
    serve_path(&mut stream, &site, &path, head, &inject)
}

/// A page of the built site at `path` (a folder's `index.html`, a redirect
/// for a folder asked for without its slash), or the 404 page.
fn serve_path(
    stream: &mut TcpStream,
    site: &Built,
    path: &str,
    head: bool,
    inject: &dyn Fn(Vec<u8>) -> Vec<u8>,
) -> std::io::Result<()> {
    let rel = path.trim_start_matches('/');
    let candidates = if rel.is_empty() {
        vec![crate::routes::HOME.to_string()]
    } else if rel.ends_with('/') {
        vec![crate::routes::index_file(rel)]
    } else {
        vec![rel.to_string()]
    };
    for c in &candidates {
        match site.get(c) {
            Some(Ok(bytes)) => {
                let ctype = content_type(c);
                let bytes = if ctype.starts_with("text/html") {
                    inject(bytes)
                } else {
                    bytes
                };
                return respond(stream, "200 OK", ctype, &bytes, head, "");
            }
            Some(Err(d)) => {
                let page = format!(
                    "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi mẫu</title></head><body><main><h1>Không tạo được trang</h1><p>{}</p></main></body></html>",
                    crate::escape::text(&d.message)
                );
                return respond(
                    stream,
                    "500 Internal Server Error",
                    "text/html; charset=utf-8",
                    &inject(page.into_bytes()),
                    head,
                    "",
                );
            }
            None => {}
        }
    }
    // A folder asked for without its slash.
    if !rel.is_empty() && !rel.ends_with('/') && site.get(&crate::routes::index_file(&format!("{rel}/"))).is_some() {
        let location = format!("Location: /{rel}/\r\n");
        return respond(
            stream,
            "301 Moved Permanently",
            "text/plain; charset=utf-8",
            b"",
            head,
            &location,
        );
    }
    let body = match site.get("404.html") {
        Some(Ok(b)) => inject(b),
        _ => b"404".to_vec(),
    };
    respond(stream, "404 Not Found", "text/html; charset=utf-8", &body, head, "")
}

/// Server-Sent Events: "reload" after every rebuild; a comment every 15 s
/// finds closed connections.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: vanban\n\n"
    )?;
    stream.flush()?;
    let mut seen = shared.lock().generation;
    loop {
        let st = shared.lock();
        let (st, _) = shared
            .changed
            .wait_timeout_while(st, Duration::from_secs(15), |s| s.generation == seen && !s.stopped)
            .unwrap_or_else(|p| p.into_inner());
        if st.stopped {
            return Ok(());
        }
        let now = st.generation;
        drop(st);
        if now != seen {
            seen = now;
            stream.write_all(b"data: reload\n\n")?;
        } else {
            stream.write_all(b": ping\n\n")?;
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_targets() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/van-ban/..%2f..%2fCargo.toml",
            "/a/./b",
            "/a\\b",
            "//evil.example/x",
            "http://127.0.0.1/",
            "/%zz",
            "/%00",
            "",
        ] {
            assert!(refuse(bad).is_some(), "{bad}");
        }
        for good in [
            "/",
            "/van-ban/4029-cv-tu/",
            "/tim-kiem/?q=k%E1%BA%BFt%20lu%E1%BA%ADn",
            "/static/style.css",
        ] {
            assert_eq!(refuse(good), None, "{good}");
        }
    }

    #[test]
    fn overlay_names_file_line_and_message() {
        let mut sources = Sources::new();
        sources.insert("content/a.md".into(), "---\nnumber: x\n---\n".into());
        let d = Diagnostic::error(crate::diag::Code::Key, "số <sai>")
            .at("content/a.md", 12..13)
            .hint("sửa");
        let html = overlay(&[d], &sources);
        assert!(
            html.contains("content/a.md:2:9") && html.contains("số &lt;sai&gt;") && html.contains("role=\"alert\""),
            "{html}"
        );
    }
}
