//! Build benchmark: generates synthetic corpora and times a cold build of each.
//!
//! `cargo bench --bench build` runs 1,000 documents; give sizes to run more:
//! `cargo bench --bench build -- 1000 10000`. It prints, per size: the corpus
//! size, wall time, documents per second, pages written, and the peak
//! resident memory of this process (Linux `VmHWM`, which only grows, so read
//! the largest size's figure as the peak of the whole run).

use std::time::Instant;

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000] } else { sizes };
    println!(
        "{:>8} {:>10} {:>9} {:>10} {:>8} {:>12}",
        "docs", "corpus MB", "build s", "docs/s", "pages", "peak RSS MiB"
    );
    for n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let content = dir.path().join("content");
        let bytes = vanban::synth::write_corpus(&content, n, 42).expect("corpus");
        let opts = vanban::Options {
            content,
            output: Some(dir.path().join("public")),
            ..vanban::Options::default()
        };
        let started = Instant::now();
        let outcome = vanban::run(&opts, &vanban::Quiet);
        let secs = started.elapsed().as_secs_f64();
        assert!(
            !outcome.failed(),
            "synthetic corpus failed to build: {:?}",
            outcome.diagnostics.first()
        );
        println!(
            "{:>8} {:>10.1} {:>9.3} {:>10.0} {:>8} {:>12}",
            n,
            bytes as f64 / 1e6,
            secs,
            n as f64 / secs,
            outcome.pages,
            peak_rss_mib().map_or("n/a".to_string(), |m| format!("{m:.0}"))
        );
    }
}
