//! `vanban serve` over real HTTP on loopback: pages, content types, the 404
//! page, refused traversal, live reload on an edit, the error overlay that
//! appears and goes, and `new` followed by `check`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--port", "0"])
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let Some(stderr) = child.stderr.take() else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("no stderr");
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve prints its address");
        if let Some(rest) = line.strip_prefix("Đang phục vụ tại http://") {
            let addr = rest.split('/').next().unwrap_or("").to_string();
            return Server { child, addr };
        }
    }
}

/// A raw request, so that the path is sent exactly as written.
fn get(addr: &str, target: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(
        content.join("a.md"),
        "---\nnumber: 4029-CV/TU\ntitle: Triển khai Kết luận\nissuer: Ban Thường vụ Tỉnh ủy\n---\nThực hiện Kết luận số 127-KL/TW ngày 28/02/2025.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("secret.txt"), "không được lộ").expect("write");
    dir
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_pages_with_types_404_and_refuses_traversal() {
    let dir = site();
    let server = start(dir.path());
    assert!(
        server.addr.starts_with("127.0.0.1:"),
        "loopback by default: {}",
        server.addr
    );
    let (status, head, body) = get(&server.addr, "/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(body.contains("/__vanban/live.js"), "the page reloads itself");
    let (status, head, _) = get(&server.addr, "/static/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"));
    let (status, head, _) = get(&server.addr, "/favicon.ico");
    assert_eq!((status, head.contains("image/x-icon")), (200, true), "{head}");
    let (status, head, _) = get(&server.addr, "/api/documents.json");
    assert_eq!((status, head.contains("application/json")), (200, true));
    let (status, _, body) = get(&server.addr, "/van-ban/4029-cv-tu/");
    assert_eq!(status, 200);
    assert!(body.contains("class=\"cite\""), "citations linked");
    let (status, _, body) = get(&server.addr, "/khong-co-trang-nay/");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy trang"));
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "http://127.0.0.1/secret.txt",
        "//secret.txt",
    ] {
        let (status, _, body) = get(&server.addr, target);
        assert!(status == 403 || status == 404, "{target}: {status}");
        assert!(!body.contains("không được lộ"), "{target} leaked a file");
    }
}

#[test]
fn an_edit_reloads_and_errors_show_in_the_overlay_until_fixed() {
    let dir = site();
    let server = start(dir.path());
    let file = dir.path().join("content/a.md");
    // Listen for reloads.
    let mut events = TcpStream::connect(&server.addr).expect("connect");
    write!(events, "GET /__vanban/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("send");
    events.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut reader = BufReader::new(events);
    let mut line = String::new();
    while !line.starts_with(": vanban") {
        line.clear();
        reader.read_line(&mut line).expect("stream opens");
    }
    // An edit: the stream says reload, and the page has the new text.
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("Thực hiện", "Tiếp tục thực hiện")).expect("edit");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "no reload event within 30 s");
        line.clear();
        reader.read_line(&mut line).expect("reload event");
        if line.starts_with("data: reload") {
            break;
        }
    }
    let (_, _, body) = get(&server.addr, "/van-ban/4029-cv-tu/");
    assert!(body.contains("Tiếp tục thực hiện"), "the edit shows");
    // A broken file: the last good page stays, with the error over it.
    std::fs::write(
        &file,
        "---\nnumber: 4029-CV/TU\ntitle: Triển khai\nissuer: Ban Thường vụ Tỉnh ủy\ndate: 31/02/2025\n---\nThân.\n",
    )
    .expect("break");
    wait_for("the overlay", || {
        get(&server.addr, "/van-ban/4029-cv-tu/").2.contains("vanban-loi")
    });
    let (status, _, body) = get(&server.addr, "/van-ban/4029-cv-tu/");
    assert_eq!(status, 200);
    assert!(
        body.contains("a.md:5:7") && body.contains("31/02/2025"),
        "file, line and message in the overlay"
    );
    assert!(
        body.contains("Tiếp tục thực hiện"),
        "the last good site stays underneath"
    );
    // Fixed: the overlay goes.
    std::fs::write(&file, text).expect("fix");
    wait_for("the overlay to go", || {
        !get(&server.addr, "/van-ban/4029-cv-tu/").2.contains("vanban-loi")
    });
}

#[test]
fn new_then_check() {
    let dir = site();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run")
    };
    let out = run(&[
        "new",
        "--number",
        "12-CV/TU",
        "--issuer",
        "Ban Thường vụ Tỉnh ủy",
        "--title",
        "Về việc: kiểm tra",
        "--date",
        "18/7/2025",
        "--locality",
        "Phú Thọ",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("content/2025/12-cv-tu-phu-tho-2025.md"));
    let check = run(&["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stderr).starts_with("Đã kiểm tra: 2 văn bản"));
    // Never overwrite; a bad number is a usage error with a hint.
    let again = run(&[
        "new",
        "--number",
        "12-CV/TU",
        "--issuer",
        "X",
        "--title",
        "Y",
        "--date",
        "18/7/2025",
        "--locality",
        "Phú Thọ",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("không ghi đè"));
    let bad = run(&["new", "--number", "12/CV", "--issuer", "X", "--title", "Y"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("gợi ý"));
}

#[test]
fn files_added_edited_and_removed_are_all_seen() {
    let dir = site();
    let server = start(dir.path());
    let b = dir.path().join("content/b.md");
    let (_, _, a) = get(&server.addr, "/van-ban/4029-cv-tu/");
    assert!(
        a.contains("chưa có toàn văn"),
        "before: the conclusion is known only as cited"
    );
    // Added: the conclusion a.md cites gets its page, and a.md's page now
    // links to it (the graph is rebuilt, not only the new file read).
    std::fs::write(
        &b,
        "---\nnumber: 127-KL/TW\ntitle: Về sắp xếp bộ máy\nissuer: Bộ Chính trị\ndate: 28/02/2025\n---\nNội dung kết luận.\n",
    )
    .expect("add");
    wait_for("the added document's page", || {
        get(&server.addr, "/van-ban/127-kl-tw-2025/")
            .2
            .contains("Nội dung kết luận")
    });
    let (_, _, a) = get(&server.addr, "/van-ban/4029-cv-tu/");
    assert!(
        a.contains("/van-ban/127-kl-tw-2025/") && !a.contains("chưa có toàn văn"),
        "the citing page links to the document itself now"
    );
    // Edited in place (no folder walk): the edit shows on its page.
    std::fs::write(
        &b,
        "---\nnumber: 127-KL/TW\ntitle: Về sắp xếp bộ máy\nissuer: Bộ Chính trị\ndate: 28/02/2025\n---\nNội dung đã sửa.\n",
    )
    .expect("edit");
    wait_for("the edit", || {
        get(&server.addr, "/van-ban/127-kl-tw-2025/")
            .2
            .contains("Nội dung đã sửa")
    });
    // Removed: its page goes back to being a cited-only page.
    std::fs::remove_file(&b).expect("remove");
    wait_for("the removal", || {
        !get(&server.addr, "/van-ban/127-kl-tw-2025/")
            .2
            .contains("Nội dung đã sửa")
    });
    let (_, _, a) = get(&server.addr, "/van-ban/4029-cv-tu/");
    assert!(
        a.contains("127-KL/TW") && a.contains("chưa có toàn văn"),
        "the mention stays, to the cited-only page again"
    );
}

/// A raw exchange: what the server answers to `bytes` (its status line), or
/// "closed" when it closes without answering, within `wait`.
fn exchange(addr: &str, bytes: &[u8], wait: Duration) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(wait)).expect("timeout");
    let _ = s.write_all(bytes);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    text.lines().next().map_or_else(|| "closed".to_string(), str::to_string)
}

#[test]
fn hostile_requests_get_bounded_answers() {
    let dir = site();
    let server = start(dir.path());
    let addr = server.addr.clone();
    let second = Duration::from_secs(5);
    let ask = |target: &str, host: &str, method: &str| {
        exchange(
            &addr,
            format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
            second,
        )
    };
    // Another site's name for this address (DNS rebinding): refused.
    assert!(ask("/", "evil.example", "GET").contains(" 403 "));
    assert!(ask("/", "localhost:1111", "GET").contains(" 200 "));
    assert!(exchange(&addr, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", second).contains(" 400 "));
    let two = b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
    assert!(exchange(&addr, two, second).contains(" 400 "));
    // Malformed and unsupported requests: 400 / 505 / 405, never a page.
    assert!(exchange(&addr, b"\x00\x01garbage\r\n\r\n", second).contains(" 400 "));
    let v = exchange(&addr, b"GET / HTTP/9.9\r\nHost: localhost\r\n\r\n", second);
    assert!(v.contains(" 505 ") || v.contains(" 400 "), "{v}");
    assert!(ask("/", "localhost", "DELETE").contains(" 405 "));
    assert!(exchange(&addr, b"GET /\xff\xfe HTTP/1.1\r\nHost: localhost\r\n\r\n", second).contains(" 400 "));
    // A head that never ends or is too big: cut, not read forever.
    let big = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-A: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let r = exchange(&addr, big.as_bytes(), second);
    assert!(r.contains(" 431 ") || r == "closed", "{r}");
    let started = Instant::now();
    let r = exchange(
        &addr,
        b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1",
        Duration::from_secs(20),
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "an unfinished head is cut: {r}"
    );
    // HEAD of the event stream: the head only, at once.
    let started = Instant::now();
    let r = exchange(
        &addr,
        b"HEAD /__vanban/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        second,
    );
    assert!(r.contains(" 200 ") && started.elapsed() < Duration::from_secs(2), "{r}");
    // Many idle connections do not keep a normal reader out.
    let idle: Vec<TcpStream> = (0..300).filter_map(|_| TcpStream::connect(&addr).ok()).collect();
    let started = Instant::now();
    assert!(ask("/van-ban/4029-cv-tu/", "localhost", "GET").contains(" 200 "));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "answered within a second beside {} idle",
        idle.len()
    );
    drop(idle);
}

#[test]
fn an_edit_with_its_time_restored_is_still_seen() {
    let dir = site();
    let server = start(dir.path());
    let file = dir.path().join("content/a.md");
    let before = std::fs::metadata(&file).and_then(|m| m.modified()).expect("mtime");
    let text = std::fs::read_to_string(&file).expect("read");
    // Same length, other words, the old modification time put back (cp -p).
    let word = "Thực hiện";
    let edited = text.replacen(word, &format!("{:<w$}", "Thuc hien", w = word.len()), 1);
    assert_eq!(edited.len(), text.len());
    std::fs::write(&file, &edited).expect("edit");
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(before))
        .expect("restore time");
    wait_for("the edit", || {
        get(&server.addr, "/van-ban/4029-cv-tu/").2.contains("Thuc hien")
    });
}
