//! Hostile inputs and requests, measured: `cargo bench --bench hostile`.
//!
//! Builds, each in a process of its own so that its peak memory is its own:
//! a 5 MB document, 5,000 citations, a 50 MB document with 6,400 citations
//! (with `max_document_mb: 60`), 20,000 nested block quotes, a
//! 200,000-character line, an empty body, 5,000,000 and 20,000,000 `[`, a
//! front-matter value 100,000 brackets deep, and links to `/` and `..` in
//! the content. Each row: seconds, peak RSS, exit code and files written.
//!
//! Then `vanban serve` (under `ulimit -n 1024`), loaded on loopback: four
//! 256 MiB header lines, 520 idle connections beside a normal reader, and
//! 2,000 concurrent requests for a page; each row: what the clients saw and
//! the server's peak RSS so far.

#[path = "support/measure.rs"]
mod measure;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn fm(n: &str) -> String {
    format!("---\nnumber: {n}\ntitle: Văn bản\nissuer: Ban Thường vụ Tỉnh ủy\n---\n")
}

/// The build cases: a name, the document, and the site's `site.yaml`.
fn build_cases() -> Vec<(&'static str, String, &'static str)> {
    let sentence = "Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị về sắp xếp bộ máy. ";
    let filler = "Các cấp ủy, tổ chức đảng tiếp tục quán triệt, tổ chức thực hiện nghiêm túc các nhiệm vụ được giao. ";
    let block = filler.repeat(50_000_000 / 6_400 / filler.len());
    let fifty: String = (1..=6400)
        .map(|i| format!("{block}\n\nThực hiện Kế hoạch số {i}-KH/TU ngày 1/1/2025 của Ban Thường vụ Tỉnh ủy.\n\n"))
        .collect();
    let cites: String = (1..=5000)
        .map(|i| format!("Kế hoạch số {i}-KH/TU ngày 1/1/2025; "))
        .collect();
    vec![
        (
            "5 MB document",
            fm("1-CV/TU") + &sentence.repeat(5_000_000 / sentence.len() + 1),
            "",
        ),
        ("5,000 citations", fm("2-CV/TU") + &cites, ""),
        (
            "50 MB, 6,400 citations",
            fm("6-CV/TU") + &fifty,
            "max_document_mb: 60\n",
        ),
        (
            "20,000 nested quotes",
            fm("3-CV/TU") + &">".repeat(20_000) + " sâu\n",
            "",
        ),
        ("200,000-char line", fm("4-CV/TU") + &"ả".repeat(200_000) + "\n", ""),
        ("empty body", fm("5-CV/TU"), ""),
        ("5,000,000 [", fm("7-CV/TU") + &"[".repeat(5_000_000), ""),
        ("20,000,000 [", fm("8-CV/TU") + &"[".repeat(20_000_000), ""),
        (
            "YAML 100,000 deep",
            format!(
                "---\nnumber: 9-CV/TU\ntitle: T\nissuer: Ban Thường vụ Tỉnh ủy\ntags: {}\n---\n",
                "[".repeat(100_000)
            ),
            "",
        ),
        ("links to / and ..", fm("10-CV/TU"), ""),
    ]
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| if e.path().is_dir() { count_files(&e.path()) } else { 1 })
        .sum()
}

fn builds(vanban: &Path) {
    println!(
        "{:<24} {:>8} {:>13} {:>5} {:>7}",
        "build input", "seconds", "peak RSS MiB", "exit", "files"
    );
    for (name, text, config) in build_cases() {
        let dir = tempfile::tempdir().expect("tempdir");
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).expect("mkdir");
        std::fs::write(content.join("a.md"), text).expect("write");
        if !config.is_empty() {
            std::fs::write(dir.path().join("site.yaml"), config).expect("config");
        }
        if name.starts_with("links") {
            let _ = std::os::unix::fs::symlink("/", content.join("goc"));
            let _ = std::os::unix::fs::symlink("..", content.join("up"));
        }
        match measure::run_any(vanban, &["build", "--output", "public"], dir.path()) {
            Ok((cost, _, code)) => {
                let files = count_files(&dir.path().join("public"));
                let code = code.map_or("kill".into(), |c| c.to_string());
                println!(
                    "{name:<24} {:>8.2} {:>13.0} {code:>5} {files:>7}",
                    cost.wall, cost.rss_mib
                );
            }
            Err(why) => panic!("{name}: {why}"),
        }
    }
}

/// `vanban serve` on a small site under `ulimit -n 1024`; its address.
fn serve(vanban: &Path, dir: &Path) -> (std::process::Child, String) {
    let content = dir.join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(
        content.join("a.md"),
        fm("4029-CV/TU") + "Thực hiện Kết luận số 127-KL/TW.\n",
    )
    .expect("write");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -n 1024 && exec '{}' serve --port 0", vanban.display()))
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("serve prints its address").expect("line");
        if let Some(rest) = line.strip_prefix("Đang phục vụ tại http://") {
            break rest.split('/').next().unwrap_or("").to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

/// The status code of one request, or 0 when the connection gave none.
fn status(addr: &str, request: &[u8], wait: Duration) -> u16 {
    let Ok(mut s) = TcpStream::connect(addr) else { return 0 };
    let _ = s.set_read_timeout(Some(wait));
    if s.write_all(request).is_err() {
        // The server may have answered and closed before the rest was sent.
    }
    read_status(&mut s)
}

/// The status code at the start of an answer, or 0 when there is none.
fn read_status(s: &mut TcpStream) -> u16 {
    let mut head = [0u8; 12];
    match s.read(&mut head) {
        Ok(n) if n >= 12 => std::str::from_utf8(&head[9..12])
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(0),
        _ => 0,
    }
}

fn loads(vanban: &Path) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut child, addr) = serve(vanban, dir.path());
    let pid = child.id();
    let page = b"GET /van-ban/4029-cv-tu/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    println!("\n{:<34} {:>30} {:>14}", "serve load", "clients saw", "peak RSS MiB");
    // Four 256 MiB header lines, sent together.
    let started = Instant::now();
    let seen: Vec<u16> = (0..4)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let Ok(mut s) = TcpStream::connect(&addr) else { return 0 };
                let _ = s.set_read_timeout(Some(Duration::from_secs(20)));
                let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ");
                let chunk = vec![b'a'; 1 << 20];
                for _ in 0..256 {
                    if s.write_all(&chunk).is_err() {
                        break;
                    }
                }
                read_status(&mut s)
            })
        })
        .map(|t| t.join().unwrap_or(0))
        .collect();
    let ms = started.elapsed().as_millis();
    println!(
        "{:<34} {:>30} {:>14.0}",
        "4 x 256 MiB header",
        format!("{seen:?} in {ms} ms"),
        measure::peak_mib(pid)
    );
    // 520 idle connections, then a normal reader.
    let idle: Vec<TcpStream> = (0..520).filter_map(|_| TcpStream::connect(&addr).ok()).collect();
    let started = Instant::now();
    let code = status(&addr, page, Duration::from_secs(10));
    let ms = started.elapsed().as_millis();
    let saw = format!("{} idle; reader {code} in {ms} ms", idle.len());
    println!(
        "{:<34} {:>30} {:>14.0}",
        "520 idle + 1 reader",
        saw,
        measure::peak_mib(pid)
    );
    drop(idle);
    std::thread::sleep(Duration::from_millis(200));
    // 2,000 concurrent requests for a page: 50 clients of 40 connections.
    let started = Instant::now();
    let threads: Vec<_> = (0..50)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut socks: Vec<TcpStream> = (0..40).filter_map(|_| TcpStream::connect(&addr).ok()).collect();
                for s in &mut socks {
                    let _ = s.write_all(page);
                }
                let mut codes = Vec::new();
                for s in &mut socks {
                    let _ = s.set_read_timeout(Some(Duration::from_secs(30)));
                    codes.push(read_status(s));
                }
                codes
            })
        })
        .collect();
    let codes: Vec<u16> = threads.into_iter().flat_map(|t| t.join().unwrap_or_default()).collect();
    let ms = started.elapsed().as_millis();
    let ok = codes.iter().filter(|c| **c == 200).count();
    let busy = codes.iter().filter(|c| **c == 503).count();
    let saw = format!("{ok} x 200, {busy} x 503, {} other; {ms} ms", codes.len() - ok - busy);
    println!(
        "{:<34} {:>30} {:>14.0}",
        "2,000 concurrent requests",
        saw,
        measure::peak_mib(pid)
    );
    let _ = child.kill();
    let _ = child.wait();
}

fn main() {
    let vanban = Path::new(env!("CARGO_BIN_EXE_vanban"));
    builds(vanban);
    loads(vanban);
}
