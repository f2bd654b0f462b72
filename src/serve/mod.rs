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
//! for (a document's page without planning the listings) and kept until the
//! next rebuild, so a rebuild does not render the whole site. Requests are
//! answered from the rendered site only: a path with `..` (plain or
//! percent-encoded), a backslash or an absolute URL is refused before
//! anything is looked up.
//!
//! Files: `mod.rs` (start, the shared state, one rebuild), `watch.rs` (the
//! file watcher), `site.rs` (the site in memory and the answer to a path),
//! `http.rs` (hyper on tokio, with its limits). The state is one `Mutex`
//! shared by the watcher's thread and the server's tasks, and two `watch`
//! channels (rebuilt, stopped); that sharing is confined to this module.

mod http;
mod site;
mod watch;

use crate::diag::{self, Diagnostic, Format};
use crate::{prepare, Options, Session};
use site::Built;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The event stream path and the script that listens to it.
const EVENTS: &str = "/__vanban/events";
const LIVE_JS: &str = "/__vanban/live.js";
const LIVE_SCRIPT: &str = "(function(){var es=new EventSource(\"/__vanban/events\");\
es.onmessage=function(e){if(e.data===\"reload\"){location.reload();}};})();";
/// The page shown before the first good build.
const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đang chờ sửa lỗi</title></head>\
<body><main><h1>Chưa dựng được trang</h1><p>Nội dung đang có lỗi, xem bên dưới và ở cửa sổ dòng lệnh.</p></main></body></html>";

#[derive(Default)]
struct State {
    generation: u64,
    site: Option<Arc<Built>>,
    /// What goes before `</body>` of every page: the error overlay while the
    /// content has errors, and the live-reload script. Made once per
    /// rebuild, shared by every answer.
    extra: bytes::Bytes,
}

struct Shared {
    state: Mutex<State>,
    /// The number of rebuilds: event streams wait for it to change.
    events: tokio::sync::watch::Sender<u64>,
    /// Set once, when the server stops.
    stop: tokio::sync::watch::Sender<bool>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn stopped(&self) -> bool {
        *self.stop.borrow()
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

    /// Stops serving, watching and rebuilding; open event streams end.
    pub fn stop(&self) {
        self.shared.stop.send_replace(true);
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
        events: tokio::sync::watch::Sender::new(0),
        stop: tokio::sync::watch::Sender::new(false),
    });
    let mut run = options.run.clone();
    run.output = None;
    if run.base_url.is_none() {
        run.base_url = Some("/".to_string());
    }
    let watching = watch::start_watching(&run, &log);
    let mut session = Session::caching();
    rebuild(&run, &mut session, &shared, &log);
    if let Some(w) = watching {
        let shared = Arc::clone(&shared);
        let log = Arc::clone(&log);
        std::thread::Builder::new()
            .name("vanban-watch".into())
            .spawn(move || watch::watch(w, run, session, shared, log))?;
    }
    http::spawn(listener, Arc::clone(&shared))?;
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
    if let Some(d) = built.as_ref().and_then(Built::probe) {
        errors.push(d);
        built = None;
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
    st.extra = site::extra(&sorted, &sources);
    st.generation += 1;
    let generation = st.generation;
    drop(st);
    shared.events.send_replace(generation);
    // Freeing the last site (the whole link graph) takes a while at scale: not
    // on the way of the reload.
    if let Some(old) = old {
        crate::drop_elsewhere(old);
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

/// `%XX` decoded; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let malformed = bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'%' && !(s.get(i + 1..i + 3)).is_some_and(|h| h.bytes().all(|c| c.is_ascii_hexdigit())));
    if malformed {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sources;

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
        let html = site::overlay(&[d], &sources);
        assert!(
            html.contains("content/a.md:2:9") && html.contains("số &lt;sai&gt;") && html.contains("role=\"alert\""),
            "{html}"
        );
    }
}
