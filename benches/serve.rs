//! Live preview latency: `cargo bench --bench serve -- 1000 10000` starts the
//! dev server on a synthetic corpus, edits one document several times and
//! prints the time from the save to the reload event, and to the reloaded
//! page served with the edit (median and worst of the edits).

#[path = "support/synth.rs"]
mod synth;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn get(addr: &str, target: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    out
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000] } else { sizes };
    for n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let content = dir.path().join("content");
        synth::write_corpus(&content, n, 42).expect("corpus");
        let started = Instant::now();
        let options = vanban::serve::ServeOptions {
            run: vanban::Options {
                content: content.clone(),
                ..vanban::Options::default()
            },
            bind: "127.0.0.1".parse().expect("ip"),
            port: 0,
        };
        let handle = vanban::serve::start(options, Arc::new(|_: String| {})).expect("serve");
        let first = started.elapsed();
        let addr = handle.addr.to_string();
        // The edited document: a local one (id 500 or the last).
        let name = format!("{:06}.md", (n / 2).max(20).min(n - 1));
        let file = content.join(&name);
        let original = std::fs::read_to_string(&file).expect("read");
        // Its page URL, from the open data.
        let json = get(&addr, "/api/documents.json");
        let body = json.split_once("\r\n\r\n").map_or("", |x| x.1);
        let data: serde_json::Value = serde_json::from_str(body).expect("json");
        let url = data["documents"]
            .as_array()
            .and_then(|docs| docs.iter().find(|d| d["source"] == name.as_str()))
            .and_then(|d| d["url"].as_str())
            .expect("page of the edited file")
            .to_string();
        let mut events = TcpStream::connect(&addr).expect("connect");
        write!(events, "GET /__vanban/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("send");
        events.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        let mut reader = BufReader::new(events);
        let mut line = String::new();
        while !line.starts_with(": vanban") {
            line.clear();
            reader.read_line(&mut line).expect("stream");
        }
        let mut to_event = Vec::new();
        let mut to_page = Vec::new();
        for k in 0..7 {
            std::thread::sleep(Duration::from_millis(200));
            let marker = format!("Sửa lần {k}.");
            let saved = Instant::now();
            std::fs::write(&file, format!("{original}\n{marker}\n")).expect("edit");
            loop {
                line.clear();
                reader.read_line(&mut line).expect("reload");
                if line.starts_with("data: reload") {
                    break;
                }
            }
            to_event.push(saved.elapsed());
            let page = get(&addr, &url);
            assert!(page.contains(&marker), "the edit shows");
            to_page.push(saved.elapsed());
        }
        to_event.sort();
        to_page.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{n:>6} documents: first build {:.0} ms; save -> reload event median {:.0} ms (worst {:.0}); save -> reloaded page median {:.0} ms (worst {:.0})",
            ms(first),
            ms(to_event[3]),
            ms(to_event[6]),
            ms(to_page[3]),
            ms(to_page[6])
        );
        handle.stop();
    }
}
