//! The site `vanban serve` answers from: rendered page by page on request
//! and kept until the next rebuild, the error overlay and the live-reload
//! script put into every page, and the answer to a path (status, type,
//! bytes), with nothing of HTTP in it.

use super::{LIVE_JS, NOT_BUILT};
use crate::diag::{Diagnostic, Sources};
use crate::graph::Node;
use crate::render::{Plan, Renderer};
use crate::Prepared;
use bytes::Bytes;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

/// A rebuilt site, rendered page by page on request.
pub(super) struct Built {
    prepared: Prepared,
    /// Document and cited pages by path: answered without the page plan.
    nodes: std::collections::HashMap<String, Node>,
    /// Every page, planned on the first request that needs it.
    plan: OnceLock<Plan>,
    data: OnceLock<BTreeMap<String, Vec<u8>>>,
    /// Pages rendered since the rebuild: each is rendered once.
    pages: Mutex<HashMap<String, Bytes>>,
}

impl Built {
    pub(super) fn new(prepared: Prepared) -> Built {
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
            pages: Mutex::new(HashMap::new()),
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
            let listed = self.plan().map(Plan::paths).unwrap_or_default();
            pages.push(crate::opendata::sitemap(listed.iter().map(String::as_str), index, cfg));
            pages.into_iter().map(|p| (p.path, p.bytes)).collect()
        })
    }

    fn render(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
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

    /// The bytes at `path`, rendered on the first request after a rebuild
    /// and kept; `None` when the site has no such file.
    pub(super) fn get(&self, path: &str) -> Option<Result<Bytes, Diagnostic>> {
        let lock = || self.pages.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(b) = lock().get(path) {
            return Some(Ok(b.clone()));
        }
        let bytes = match self.render(path)? {
            Ok(b) => Bytes::from(b),
            Err(d) => return Some(Err(d)),
        };
        lock().insert(path.to_string(), bytes.clone());
        Some(Ok(bytes))
    }

    /// The first document page (or the 404 page): rendered at once after a
    /// rebuild, so that a broken template shows before the first visit.
    pub(super) fn probe(&self) -> Option<Diagnostic> {
        let path = self
            .nodes
            .keys()
            .min()
            .cloned()
            .unwrap_or_else(|| crate::routes::NOT_FOUND.to_string());
        self.get(&path).and_then(Result::err)
    }
}

/// An answer to a path, before HTTP.
#[derive(Debug)]
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_type: &'static str,
    /// The body in pieces, sent one after the other: a page is its kept
    /// bytes cut at `</body>` around the shared extra, never copied.
    pub(super) body: Vec<Bytes>,
    /// Where a folder asked for without its slash is.
    pub(super) location: Option<String>,
}

impl Answer {
    fn html(status: u16, page: Bytes, extra: &Bytes) -> Answer {
        Answer {
            status,
            content_type: "text/html; charset=utf-8",
            body: inject(page, extra),
            location: None,
        }
    }
}

/// What goes before `</body>` of every page after a rebuild: the error
/// overlay (while there are errors) and the live-reload script.
pub(super) fn extra(errors: &[Diagnostic], sources: &Sources) -> Bytes {
    let mut extra = String::new();
    if !errors.is_empty() {
        extra.push_str(&overlay(errors, sources));
    }
    extra.push_str(&format!("<script src=\"{LIVE_JS}\"></script>"));
    Bytes::from(extra)
}

/// A page with `extra` before its last `</body>`, as slices of the two.
fn inject(page: Bytes, extra: &Bytes) -> Vec<Bytes> {
    let at = memchr::memmem::rfind(&page, b"</body>").unwrap_or(page.len());
    vec![page.slice(..at), extra.clone(), page.slice(at..)]
}

/// The answer to `path` (already checked and decoded): the page (a folder's
/// `index.html`), a redirect for a folder without its slash, the 404 page;
/// HTML pages carry `extra` (the error overlay while the content has errors,
/// and the live-reload script). Without a good build yet, a page saying so.
pub(super) fn answer(site: Option<&Built>, path: &str, extra: &Bytes) -> Answer {
    let Some(site) = site else {
        return Answer::html(503, Bytes::from_static(NOT_BUILT.as_bytes()), extra);
    };
    let rel = path.trim_start_matches('/');
    let file = if rel.is_empty() {
        crate::routes::HOME.to_string()
    } else if rel.ends_with('/') {
        crate::routes::index_file(rel)
    } else {
        rel.to_string()
    };
    match site.get(&file) {
        Some(Ok(bytes)) => {
            let content_type = content_type(&file);
            if content_type.starts_with("text/html") {
                return Answer::html(200, bytes, extra);
            }
            return Answer {
                status: 200,
                content_type,
                body: vec![bytes],
                location: None,
            };
        }
        Some(Err(d)) => {
            let page = format!(
                "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi mẫu</title></head><body><main><h1>Không tạo được trang</h1><p>{}</p></main></body></html>",
                crate::escape::text(&d.message)
            );
            return Answer::html(500, Bytes::from(page), extra);
        }
        None => {}
    }
    // A folder asked for without its slash.
    if !rel.is_empty() && !rel.ends_with('/') && site.get(&crate::routes::index_file(&format!("{rel}/"))).is_some() {
        return Answer {
            status: 301,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: Some(format!("/{rel}/")),
        };
    }
    match site.get(crate::routes::NOT_FOUND) {
        Some(Ok(b)) => Answer::html(404, b, extra),
        _ => Answer {
            status: 404,
            content_type: "text/plain; charset=utf-8",
            body: vec![Bytes::from_static(b"404")],
            location: None,
        },
    }
}

/// The type of a file the site writes, by its extension.
pub(super) fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The error overlay: every error with its file, line and message.
pub(super) fn overlay(errors: &[Diagnostic], sources: &Sources) -> String {
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
