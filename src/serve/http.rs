//! HTTP for `vanban serve`, on hyper over tokio: request parsing, limits
//! and timeouts are the library's job; this file sets them and maps a
//! request to an [`Answer`](super::site::Answer).
//!
//! Limits: a request head over 64 KiB is refused (431) and one that takes
//! over 10 s to arrive is cut; at most [`max_connections`] connections are
//! served at once, and one more gets a short 503 and is closed; the `Host`
//! must be an IP address or a `localhost` name (a page on another site that
//! points its own name at this address, DNS rebinding, gets 403); only GET
//! and HEAD are answered (405), HEAD without a body. An accept that fails
//! (no file descriptors left) waits a moment and goes on: the listener
//! never stops.

use super::site::answer;
use super::{refuse, Shared, EVENTS, LIVE_JS, LIVE_SCRIPT};
use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{header, Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

type Body = BoxBody<Bytes, Infallible>;

/// The largest request head read (request line and headers).
const MAX_HEAD: usize = 64 * 1024;
/// How long a request head may take to arrive.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an open event stream is sent a comment (which also finds the
/// streams of closed pages).
const PING: Duration = Duration::from_secs(15);

/// How many connections are served at once: most of the file descriptors
/// the process may open, at most 1,024.
pub(super) fn max_connections() -> usize {
    let limit = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("Max open files"))
                .and_then(|l| l.split_whitespace().nth(3).and_then(|n| n.parse::<usize>().ok()))
        })
        .unwrap_or(1024);
    limit.saturating_sub(64).clamp(16, 1024)
}

/// Serves on `listener` until the server is stopped, in a thread of its own
/// that runs the tokio runtime.
pub(super) fn spawn(listener: std::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("vanban-http")
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("vanban-serve".into())
        .spawn(move || runtime.block_on(accept(listener, shared)))?;
    Ok(())
}

async fn accept(listener: std::net::TcpListener, shared: Arc<Shared>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let permits = Arc::new(Semaphore::new(max_connections()));
    let mut stop = shared.stop.subscribe();
    loop {
        let accepted = tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            a = listener.accept() => a,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was
            // taken: wait and go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => {
                let shared = Arc::clone(&shared);
                tokio::spawn(async move {
                    connection(stream, shared).await;
                    drop(permit);
                });
            }
            Err(_) => {
                tokio::spawn(busy(stream));
            }
        }
    }
}

/// One connection, with hyper's limits and timeouts.
async fn connection(stream: tokio::net::TcpStream, shared: Arc<Shared>) {
    let service = hyper::service::service_fn(move |req| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(respond(req, &shared).await) }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD)
        .title_case_headers(true)
        .serve_connection(TokioIo::new(stream), service);
    let _ = conn.await;
}

/// A connection over the limit: told so, briefly, and closed.
async fn busy(mut stream: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // Read what the client sent first (a socket closed with unread bytes is
    // reset, and the client would see the reset, not the answer).
    let mut head = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut head)).await;
    let body = "Máy chủ xem trước đang bận (quá nhiều kết nối); hãy thử lại.";
    let reply = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(reply.as_bytes())).await;
    let _ = stream.shutdown().await;
    let _ = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut head)).await;
}

fn full(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let body = body.into();
    let mut r = Response::new(Full::new(body).boxed());
    *r.status_mut() = status;
    let h = r.headers_mut();
    if let Ok(v) = header::HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    r
}

fn text(status: StatusCode, message: String) -> Response<Body> {
    full(status, "text/plain; charset=utf-8", message)
}

/// Whether the `Host` names this machine: an IP address (a DNS rebinding
/// needs a name) or `localhost`; a request without one (HTTP/1.0) too.
fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(n, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                n
            } else {
                host
            }
        }),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

async fn respond(req: Request<Incoming>, shared: &Arc<Shared>) -> Response<Body> {
    let head = req.method() == Method::HEAD;
    let response = route(&req, shared).await;
    if !head {
        return response;
    }
    // HEAD: the same head, no body.
    let (mut parts, body) = response.into_parts();
    if let Some(n) = hyper::body::Body::size_hint(&body).exact() {
        parts
            .headers
            .entry(header::CONTENT_LENGTH)
            .or_insert(header::HeaderValue::from(n));
    }
    Response::from_parts(parts, Full::new(Bytes::new()).boxed())
}

async fn route(req: &Request<Incoming>, shared: &Arc<Shared>) -> Response<Body> {
    let hosts: Vec<&str> = req
        .headers()
        .get_all(header::HOST)
        .iter()
        .map(|h| h.to_str().unwrap_or("\u{0}"))
        .collect();
    // HTTP/1.1 asks for exactly one Host (RFC 9112, 3.2).
    let one_host = match req.version() {
        hyper::Version::HTTP_10 => hosts.len() <= 1,
        _ => hosts.len() == 1,
    };
    if !one_host {
        return text(
            StatusCode::BAD_REQUEST,
            "Yêu cầu HTTP/1.1 phải có đúng một `Host`.".into(),
        );
    }
    if !host_allowed(hosts.first().copied()) {
        return text(
            StatusCode::FORBIDDEN,
            "Bản xem trước chỉ trả lời khi được gọi bằng địa chỉ IP hoặc localhost.".into(),
        );
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "Chỉ nhận GET và HEAD.".into());
        r.headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let target = req.uri().path_and_query().map_or("/", |p| p.as_str());
    if let Some(why) = refuse(target) {
        return text(StatusCode::FORBIDDEN, format!("Yêu cầu bị từ chối: {why}."));
    }
    let path = percent_encoding::percent_decode_str(req.uri().path())
        .decode_utf8_lossy()
        .into_owned();
    if path == EVENTS {
        return events(shared, req.method() == Method::HEAD);
    }
    if path == LIVE_JS {
        return full(StatusCode::OK, "text/javascript; charset=utf-8", LIVE_SCRIPT);
    }
    let (site, extra) = {
        let st = shared.lock();
        (st.site.clone(), st.extra.clone())
    };
    // Rendering is work for a blocking thread, not for the event loop.
    let found = tokio::task::spawn_blocking(move || answer(site.as_deref(), &path, &extra)).await;
    let Ok(a) = found else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "Lỗi khi tạo trang.".into());
    };
    let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let length: usize = a.body.iter().map(Bytes::len).sum();
    let pieces = a.body.into_iter().map(|b| Ok::<_, Infallible>(Frame::data(b)));
    let mut r = full(status, a.content_type, Bytes::new());
    *r.body_mut() = BoxBody::new(StreamBody::new(futures_util::stream::iter(pieces)));
    r.headers_mut()
        .insert(header::CONTENT_LENGTH, header::HeaderValue::from(length));
    if let Some(loc) = a.location.and_then(|l| header::HeaderValue::from_str(&l).ok()) {
        r.headers_mut().insert(header::LOCATION, loc);
    }
    r
}

/// Server-Sent Events: "reload" after every rebuild, a comment every
/// [`PING`]; the stream ends when the page goes (the next write fails) or
/// the server stops.
fn events(shared: &Shared, head: bool) -> Response<Body> {
    let mut r = Response::new(if head {
        Full::new(Bytes::new()).boxed()
    } else {
        let rebuilt = shared.events.subscribe();
        let stop = shared.stop.subscribe();
        let stream = futures_util::stream::unfold((rebuilt, stop, true), |(mut rebuilt, mut stop, first)| async move {
            if first {
                return Some((
                    Ok(Frame::data(Bytes::from_static(b": vanban\n\n"))),
                    (rebuilt, stop, false),
                ));
            }
            let frame = tokio::select! {
                changed = rebuilt.changed() => match changed {
                    Ok(()) => Bytes::from_static(b"data: reload\n\n"),
                    Err(_) => return None,
                },
                _ = stop.wait_for(|s| *s) => return None,
                () = tokio::time::sleep(PING) => Bytes::from_static(b": ping\n\n"),
            };
            Some((Ok(Frame::data(frame)), (rebuilt, stop, false)))
        });
        BoxBody::new(StreamBody::new(stream))
    });
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/event-stream"),
    );
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_that_name_this_machine() {
        for ok in [
            None,
            Some("127.0.0.1:1111"),
            Some("localhost:1111"),
            Some("LOCALHOST"),
            Some("preview.localhost:80"),
            Some("[::1]:1111"),
            Some("192.168.1.20:1111"),
        ] {
            assert!(host_allowed(ok), "{ok:?}");
        }
        for bad in [
            Some("evil.example"),
            Some("evil.example:1111"),
            Some("127.0.0.1.evil.example"),
            Some("\u{0}"),
        ] {
            assert!(!host_allowed(bad), "{bad:?}");
        }
    }
}
