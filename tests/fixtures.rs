//! Fixture sites with golden output.
//!
//! Each folder `tests/fixtures/<case>/` holds a `content/` folder (and maybe a
//! `site.yaml`) and an `expected/` folder:
//! - `exit`: the exit code of `vanban build`;
//! - `stderr.txt`: what it printed (temporary paths and the time normalised);
//! - `files.txt`: every file of the built site, when the build succeeds;
//! - `documents.json`: the open data, when the build succeeds;
//! - `contains.txt` (written by hand, never blessed): `file :: text` lines
//!   each built file must contain (a page's words, the URLs it links).
//!
//! A missing golden fails, and so does a golden the run no longer produces.
//! `BLESS=1 cargo test --test fixtures` rewrites the goldens.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

fn normalise(stderr: &str, out: &Path) -> String {
    let s = stderr.replace(&out.display().to_string(), "<out>");
    // The last line ends with the time: "..., 0,01 giây".
    s.lines()
        .map(|l| match l.rfind(", ") {
            Some(i) if l.ends_with(" giây") => format!("{}, <t> giây", &l[..i]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn files(root: &Path) -> String {
    let mut list: Vec<String> = walk(root)
        .into_iter()
        .filter_map(|p| p.strip_prefix(root).ok().map(|r| r.display().to_string()))
        .collect();
    list.sort();
    list.join("\n") + "\n"
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Compares or blesses one golden; returns a problem, if any.
fn golden(expected: &Path, name: &str, actual: Option<&str>) -> Option<String> {
    let path = expected.join(name);
    if bless() {
        match actual {
            Some(a) => std::fs::write(&path, a).expect("write golden"),
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
        return None;
    }
    match (std::fs::read_to_string(&path).ok(), actual) {
        (None, None) => None,
        (None, Some(_)) => Some(format!("missing golden {} (run with BLESS=1)", path.display())),
        (Some(_), None) => Some(format!(
            "stale golden {}: the run no longer produces it",
            path.display()
        )),
        (Some(want), Some(got)) if want != got => {
            Some(format!("{} differs:\n--- want\n{want}\n--- got\n{got}", path.display()))
        }
        _ => None,
    }
}

/// `expected/contains.txt` (hand-written, never blessed): lines `file ::
/// text`; each built file must contain its text (what a page says, the URLs
/// it links).
fn contains(expected: &Path, out: &Path) -> Vec<String> {
    let Ok(list) = std::fs::read_to_string(expected.join("contains.txt")) else {
        return Vec::new();
    };
    list.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let Some((file, text)) = l.split_once(" :: ") else {
                return Some(format!("contains.txt: `{l}` is not `file :: text`"));
            };
            let page = std::fs::read_to_string(out.join(file.trim())).unwrap_or_default();
            (!page.contains(text)).then(|| format!("{} does not contain `{text}`", file.trim()))
        })
        .collect()
}

fn run_case(case: &Path) -> Vec<String> {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--content", "content", "--output"])
        .arg(&out)
        .current_dir(case)
        .env("NO_COLOR", "1")
        .output()
        .expect("run vanban");
    let expected = case.join("expected");
    std::fs::create_dir_all(&expected).expect("mkdir expected");
    let code = output.status.code().unwrap_or(-1);
    let stderr = normalise(&String::from_utf8_lossy(&output.stderr), &out);
    let built = code == 0;
    let documents = built.then(|| std::fs::read_to_string(out.join("api/documents.json")).unwrap_or_default());
    let file_list = built.then(|| files(&out));
    let mut problems = Vec::new();
    problems.extend(golden(&expected, "exit", Some(&format!("{code}\n"))));
    problems.extend(golden(&expected, "stderr.txt", Some(&stderr)));
    problems.extend(golden(&expected, "files.txt", file_list.as_deref()));
    problems.extend(golden(&expected, "documents.json", documents.as_deref()));
    if built {
        problems.extend(contains(&expected, &out));
    }
    // Nothing may be written beside the output folder, success or not, but
    // the build cache (`.vanban-cache/`, no staging folder left behind).
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("read tmp")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "public" && n != ".vanban-cache")
        .collect();
    if !beside.is_empty() {
        problems.push(format!("left beside the output: {beside:?}"));
    }
    if !built && out.exists() {
        problems.push("a failed build wrote the output folder".to_string());
    }
    problems
}

/// One named test per folder of `tests/fixtures/` (`cargo test --test
/// fixtures -- seeds` runs one); a folder without `content/` fails.
fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    // A misread folder must not pass as "no cases".
    let found = cases.len();
    let count = libtest_mimic::Trial::test("fixture_cases_found", move || {
        if found >= 15 {
            Ok(())
        } else {
            Err(format!("{found} fixture folders, expected at least 15").into())
        }
    });
    let trials = std::iter::once(count)
        .chain(cases.into_iter().map(|case| {
            let name = case.file_name().unwrap_or_default().to_string_lossy().into_owned();
            libtest_mimic::Trial::test(name, move || {
                if !case.join("content").is_dir() {
                    return Err(format!("{}: no content/ folder", case.display()).into());
                }
                let problems = run_case(&case);
                if problems.is_empty() {
                    Ok(())
                } else {
                    Err(problems.join("\n\n").into())
                }
            })
        }))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
