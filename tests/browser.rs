//! Browser tests: the sample site, served on loopback by a small static
//! server of this test, driven in Debian's Chromium by playwright-core
//! (`tests/browser/run.mjs`): search flows with and without diacritics, every
//! kind of page at 360 px with no horizontal scroll, print media, axe-core,
//! the relation scheme, the W3C validator (vnu-jar); Lighthouse
//! (`tests/browser/lighthouse.mjs`) on five pages; on a synthetic corpus,
//! the search page ranks as `search::query_cost` does in Rust. Also the shared fold
//! table in Node, and page weight. Long directives (`tests/browser/structure.mjs`):
//! contents, anchors, pinpoints, ambiguity, listings, screenshots.
//!
//! `.ci/run` installs Chromium and the npm packages. Elsewhere, when they are
//! missing, the test shows as `ignored` with the reason; under CI it fails.

#[path = "../benches/support/index.rs"]
mod index;
#[path = "../benches/support/synth.rs"]
mod synth;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether Chromium, node and the npm `package` of `tests/browser` are there.
fn tools_present(package: &str) -> bool {
    let chromium = std::env::var("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/usr/bin/chromium"));
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    chromium.exists() && node && root().join("tests/browser/node_modules").join(package).exists()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves `site` at `/prefix/` on a loopback port until the process ends.
fn serve(site: PathBuf, prefix: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = site.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
                        break;
                    }
                }
                let target = line.split_whitespace().nth(1).unwrap_or("/");
                let path = target.split('?').next().unwrap_or("/");
                let rel = path.strip_prefix(prefix).unwrap_or("..");
                let safe = !rel.split('/').any(|s| s == ".." || s.contains('%'));
                let mut file = site.join(rel);
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let (status, file) = if safe && file.is_file() {
                    ("200 OK", file)
                } else {
                    ("404 Not Found", site.join("404.html"))
                };
                let body = std::fs::read(&file).unwrap_or_default();
                let mut out = &stream;
                let _ = write!(
                    out,
                    "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    content_type(&file),
                    body.len()
                );
                let _ = out.write_all(&body);
            });
        }
    });
    port
}

/// Whether `node` runs.
fn node_present() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn fold_is_the_same_in_javascript() {
    let out = Command::new("node")
        .arg(root().join("tests/search/fold-check.cjs"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

/// Builds the sample site into `dir/public` with `extra` arguments.
fn build_sample(dir: &Path, extra: &[&str]) -> PathBuf {
    let out = dir.join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("build")
        .args(extra)
        .arg("--content")
        .arg(root().join("content"))
        .arg("--output")
        .arg(&out)
        .current_dir(dir)
        .output()
        .expect("build");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    out
}

fn a_document_page_with_its_css_weighs_under_100_kb() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = build_sample(dir.path(), &[]);
    let css = std::fs::metadata(out.join("static/style.css")).expect("css").len();
    for page in [
        "van-ban/73-cv-tu-phu-tho-2025/index.html",
        "van-ban/4029-cv-tu/index.html",
        "van-ban/127-kl-tw-2025/index.html",
    ] {
        let html = std::fs::metadata(out.join(page)).expect("page").len();
        println!("{page}: {html} B + CSS {css} B");
        assert!(html + css < 100_000, "{page}: {} bytes", html + css);
    }
}

fn sample_site_in_chromium() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A base URL with a path, as a portal publishes it.
    let out = build_sample(dir.path(), &["--base-url", "/van-ban-chi-dao/"]);
    let port = serve(out.clone(), "/van-ban-chi-dao/");
    let shots = root().join("target/browser-screenshots");
    let run = Command::new("node")
        .arg(root().join("tests/browser/run.mjs"))
        .arg(format!("http://127.0.0.1:{port}/van-ban-chi-dao/"))
        .arg(&out)
        .arg(&shots)
        .current_dir(root().join("tests/browser"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Lighthouse (`tests/browser/lighthouse.mjs`, mobile) on the home, a
/// document, a cited document, an issuer and the search page of the sample
/// site as `vanban build` makes it (no `base_url`), served at the root where
/// browsers ask for `/favicon.ico`: accessibility, best practices and SEO 100,
/// performance at least 95. Reports in `target/lighthouse/`.
fn lighthouse_on_the_sample_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = build_sample(dir.path(), &[]);
    let port = serve(out, "/");
    let reports = root().join("target/lighthouse");
    let run = Command::new("node")
        .arg(root().join("tests/browser/lighthouse.mjs"))
        .arg(format!("http://127.0.0.1:{port}/"))
        .arg(&reports)
        .current_dir(root().join("tests/browser"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Contents, anchors, a pinpoint landing on its clause, an ambiguous
/// mention's candidates, the relation scheme's size and the status banner,
/// on the sample site with the structured directives of
/// `tests/corpus/docs/d`; screenshots of each page kind at 390 and 1280 px
/// into `target/browser-screenshots/pages/`.
fn long_directives_in_chromium() {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    for (from, to) in [
        (root().join("content"), content.clone()),
        (root().join("tests/corpus/docs/d"), content.join("d")),
    ] {
        for e in walkdir::WalkDir::new(&from)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let name = e.path().strip_prefix(&from).expect("inside");
            if name.extension().is_some_and(|x| x == "md") {
                let target = to.join(name);
                std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
                std::fs::copy(e.path(), target).expect("copy");
            }
        }
    }
    let out = dir.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .output()
        .expect("build");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let port = serve(out.clone(), "/");
    let run = Command::new("node")
        .arg(root().join("tests/browser/structure.mjs"))
        .arg(format!("http://127.0.0.1:{port}/"))
        .arg(&out)
        .arg(root().join("target/browser-screenshots/pages"))
        .current_dir(root().join("tests/browser"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Queries a reader would type on a corpus: numbers as written, type word
/// and digits, words of titles (with and without diacritics), a prefix.
fn corpus_queries(out: &Path) -> Vec<String> {
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("api/documents.json")).expect("open data")).expect("json");
    let docs = data["documents"].as_array().cloned().unwrap_or_default();
    let mut queries = Vec::new();
    for d in docs.iter().step_by(docs.len() / 6 + 1) {
        let number = d["number"].as_str().unwrap_or("");
        queries.push(number.to_string());
        if let Some(r) = d["references"].as_array().and_then(|r| r.first()) {
            let cited = r["number"].as_str().unwrap_or("");
            queries.push(format!("so {}", cited.split('-').next().unwrap_or("")));
            queries.push(cited.to_string());
        }
        let words: Vec<&str> = d["title"].as_str().unwrap_or("").split_whitespace().collect();
        if words.len() >= 4 {
            queries.push(words[1..3].join(" "));
            let prefix: String = words[2..4].join(" ").chars().take(9).collect();
            queries.push(prefix);
        }
    }
    queries.extend(["ket luan", "chuyển đổi số", "tinh uy", "2025"].map(String::from));
    queries.sort();
    queries.dedup();
    queries.retain(|q| !q.trim().is_empty());
    queries
}

/// One ranking: on a synthetic corpus, the search page in Chromium shows
/// the count and the first results in the order `search::query_cost`
/// computes in Rust (the same index, the same algorithm in two languages).
fn search_ranks_in_the_browser_as_in_rust() {
    let dir = tempfile::tempdir().expect("tempdir");
    synth::write_corpus(&dir.path().join("content"), 400, 11).expect("corpus");
    let out = dir.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--output"])
        .arg(&out)
        .current_dir(dir.path())
        .output()
        .expect("build");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let queries = corpus_queries(&out);
    assert!(queries.len() >= 12, "{queries:?}");
    let file = dir.path().join("queries.json");
    std::fs::write(&file, serde_json::to_vec(&queries).expect("json")).expect("write");
    let port = serve(out.clone(), "/");
    let run = Command::new("node")
        .arg(root().join("tests/browser/ranks.mjs"))
        .arg(format!("http://127.0.0.1:{port}/"))
        .arg(&file)
        .current_dir(root().join("tests/browser"))
        .output()
        .expect("run node");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let seen: serde_json::Value = serde_json::from_slice(&run.stdout).expect("node prints JSON");
    let files = index::files(&out);
    let mut compared = 0;
    for q in &queries {
        let (_, _, ids) = vanban::search::query_cost(&files, q);
        let want: Vec<String> = index::urls(&files, &ids[..ids.len().min(10)])
            .iter()
            .map(|u| format!("/{u}"))
            .collect();
        let got: Vec<String> = seen[q]["urls"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|u| u.as_str().unwrap_or("").to_string())
            .collect();
        assert_eq!(seen[q]["count"].as_u64(), Some(ids.len() as u64), "{q}: count");
        assert_eq!(got, want, "{q}: order");
        compared += usize::from(got.len() > 1);
    }
    assert!(
        compared * 2 >= queries.len(),
        "most queries rank several results: {compared}"
    );
}

/// The shared table of queries, read by `static/fold.js` as by `search::parse`.
fn query_reading_is_the_same_in_javascript() {
    let out = Command::new("node")
        .arg(root().join("tests/search/query-check.cjs"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

/// The search fixture (`tests/search/content`) in Chromium
/// (`tests/browser/search.mjs`): "chỉ thị 35 năm 2024" and "nq 57" rank the
/// document first with a marked word in a snippet; facets, advice, 320 px.
fn search_answers_type_number_and_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--base-url", "/tra-cuu/", "--content"])
        .arg(root().join("tests/search/content"))
        .arg("--output")
        .arg(&out)
        .current_dir(dir.path())
        .output()
        .expect("build");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let port = serve(out, "/tra-cuu/");
    let run = Command::new("node")
        .arg(root().join("tests/browser/search.mjs"))
        .arg(format!("http://127.0.0.1:{port}/tra-cuu/"))
        .arg(root().join("target/browser-screenshots"))
        .current_dir(root().join("tests/browser"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The tests, named; those whose tools are missing show as `ignored` (with
/// the reason on stderr), and fail under CI, which must install them.
fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let ci = std::env::var_os("CI").is_some();
    let trial = |name: &'static str, needs: Option<(bool, &'static str)>, f: fn()| {
        let missing = needs.filter(|(present, _)| !present).map(|(_, why)| why);
        match missing {
            // Under CI a missing tool is the trial's failure.
            Some(why) if ci => {
                libtest_mimic::Trial::test(name, move || Err(format!("{why}: CI must install it (.ci/run)").into()))
            }
            Some(why) => {
                libtest_mimic::Trial::test(name, move || Err(format!("{why} (run .ci/run's install step)").into()))
                    .with_ignored_flag(true)
            }
            None => libtest_mimic::Trial::test(name, move || {
                f();
                Ok(())
            }),
        }
    };
    let node = node_present();
    let trials = vec![
        trial(
            "fold_is_the_same_in_javascript",
            Some((node, "node not found")),
            fold_is_the_same_in_javascript,
        ),
        trial(
            "a_document_page_with_its_css_weighs_under_100_kb",
            None,
            a_document_page_with_its_css_weighs_under_100_kb,
        ),
        trial(
            "sample_site_in_chromium",
            Some((
                tools_present("playwright-core"),
                "chromium or tests/browser/node_modules missing",
            )),
            sample_site_in_chromium,
        ),
        trial(
            "long_directives_in_chromium",
            Some((
                tools_present("playwright-core"),
                "chromium or tests/browser/node_modules missing",
            )),
            long_directives_in_chromium,
        ),
        trial(
            "search_ranks_in_the_browser_as_in_rust",
            Some((
                tools_present("playwright-core"),
                "chromium or tests/browser/node_modules missing",
            )),
            search_ranks_in_the_browser_as_in_rust,
        ),
        trial(
            "lighthouse_on_the_sample_site",
            Some((
                tools_present("lighthouse"),
                "chromium or tests/browser/node_modules/lighthouse missing",
            )),
            lighthouse_on_the_sample_site,
        ),
        trial(
            "query_reading_is_the_same_in_javascript",
            Some((node, "node not found")),
            query_reading_is_the_same_in_javascript,
        ),
        trial(
            "search_answers_type_number_and_year",
            Some((
                tools_present("playwright-core"),
                "chromium or tests/browser/node_modules missing",
            )),
            search_answers_type_number_and_year,
        ),
    ];
    libtest_mimic::run(&args, trials).exit();
}
