//! Nothing lost, nothing outside, nothing hanging: symlinks and symlink loops
//! in the content folder, the accounting of every file, and hostile inputs
//! (a 5 MB document, 5,000 citations, 20,000 nested block quotes, a
//! 200,000-character line, an empty body) that must end in a result.
//! Their times are printed by `cargo bench --bench hostile`, not asserted.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn build(dir: &Path) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("build")
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    // The pipes are read while the build runs (a full pipe would block it);
    // a guard against hangs, not a timing assertion.
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(Duration::from_secs(300)) {
        Ok(out) => out.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("vanban did not finish");
        }
    }
}

fn fm(number: &str) -> String {
    format!("---\nnumber: {number}\ntitle: Văn bản\nissuer: Ban Thường vụ Tỉnh ủy\n---\n")
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_content_and_loops_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("sub")).expect("mkdir");
    std::fs::create_dir_all(content.join("_chung/vong")).expect("mkdir");
    std::fs::write(content.join("a.md"), fm("1-CV/TU")).expect("write");
    std::fs::write(dir.path().join("secret.md"), fm("2-CV/TU") + "Bí mật ngoài thư mục").expect("write");
    std::fs::write(content.join("_chung/3-cv-tu.md"), fm("3-CV/TU")).expect("write");
    let link = |target: &Path, at: &str| std::os::unix::fs::symlink(target, content.join(at)).expect(at);
    link(&dir.path().join("secret.md"), "link.md");
    link(Path::new("/"), "goc");
    link(Path::new(".."), "up");
    link(&content, "sub/loop");
    link(&content.join("a.md"), "inside.md");
    link(&dir.path().join("khong-co.md"), "broken.md");
    // Followed: a hidden folder's file is read through the link, once.
    link(&content.join("_chung"), "chung");
    std::os::unix::fs::symlink(content.join("_chung"), content.join("_chung/vong/lai")).expect("loop inside");
    // A second link to a followed folder, and links that double at every
    // level (2^19 ways through): each target is walked once.
    link(&content.join("_chung"), "chung-nua");
    for i in 0..19 {
        let d = content.join(format!("_d{i}"));
        std::fs::create_dir_all(&d).expect("mkdir");
        for l in ["l1", "l2"] {
            std::os::unix::fs::symlink(format!("../_d{}", i + 1), d.join(l)).expect("bomb");
        }
    }
    std::fs::create_dir_all(content.join("_d19")).expect("mkdir");
    link(&content.join("_d0"), "bom");
    let started = Instant::now();
    let out = build(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The build succeeds: the site is written, and the targets outside are not in it.
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(60), "a link to / is not walked");
    for (named, why) in [
        ("link.md", "ra ngoài"),
        ("goc", "ra ngoài"),
        ("up", "ra ngoài"),
        ("sub/loop", "vòng lặp"),
        ("inside.md", "đã được đọc"),
        ("broken.md", "bị hỏng"),
        ("chung/vong/lai", "vòng lặp"),
        ("chung-nua", "liên kết khác"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains("W-SYMLINK") && l.contains(&format!("content/{named}`")));
        assert!(line.is_some_and(|l| l.contains(why)), "{named}: {why}\n{stderr}");
    }
    // One warning per refused link: the seven above, and one of each pair of
    // the doubling links (19).
    assert_eq!(
        stderr.matches("W-SYMLINK").count(),
        8 + 19,
        "one warning per link: {stderr}"
    );
    let public = dir.path().join("public");
    assert!(
        public.join("van-ban/1-cv-tu/index.html").exists(),
        "the site was written"
    );
    assert!(
        public.join("van-ban/3-cv-tu/index.html").exists(),
        "the linked hidden folder was read"
    );
    let data = std::fs::read_to_string(public.join("api/documents.json")).expect("open data");
    assert!(!data.contains("2-CV/TU") && !data.contains("Bí mật"), "{data}");
    assert_eq!(data.matches("\"number\": \"1-CV/TU\"").count(), 1, "read once: {data}");
}

#[test]
fn every_file_is_accounted_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = dir.path().join("content");
    std::fs::create_dir_all(c.join("_notes")).expect("mkdir");
    std::fs::create_dir_all(c.join("2025")).expect("mkdir");
    std::fs::write(c.join("a.md"), fm("1-CV/TU")).expect("w");
    std::fs::write(c.join("2025/b.md"), fm("2-CV/TU")).expect("w");
    std::fs::write(
        c.join("draft.md"),
        fm("3-CV/TU").replace("---\nThân", "draft: true\n---\n").replace(
            "issuer: Ban Thường vụ Tỉnh ủy\n",
            "issuer: Ban Thường vụ Tỉnh ủy\ndraft: true\n",
        ),
    )
    .expect("w");
    std::fs::write(c.join("bad.md"), "---\nnumber: x\n---\n").expect("w");
    std::fs::write(c.join("_ghi-chu.md"), "ghi chú").expect("w");
    std::fs::write(c.join("_notes/x.md"), "x").expect("w");
    std::fs::write(c.join(".an.md"), "x").expect("w");
    std::fs::write(c.join("logo.png"), [0u8, 1, 2]).expect("w");
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("check")
        .current_dir(dir.path())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or("");
    // 8 files: 2 published, 1 draft, 4 not documents, 1 in error.
    assert!(
        last.contains("tệp: 2 xuất bản, 1 nháp, 4 không phải văn bản, 1 lỗi"),
        "{last}"
    );
}

#[test]
fn hostile_inputs_end_in_a_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = dir.path().join("content");
    std::fs::create_dir_all(&c).expect("mkdir");
    let sentence = "Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị về sắp xếp bộ máy. ";
    let big: String = sentence.repeat(5_000_000 / sentence.len() + 1);
    std::fs::write(c.join("big.md"), fm("1-CV/TU") + &big).expect("w");
    let cites: String = (1..=5000)
        .map(|i| format!("Kế hoạch số {i}-KH/TU ngày 1/1/2025; "))
        .collect();
    std::fs::write(c.join("cites.md"), fm("2-CV/TU") + &cites).expect("w");
    std::fs::write(c.join("nested.md"), fm("3-CV/TU") + &">".repeat(20_000) + " sâu\n").expect("w");
    std::fs::write(c.join("line.md"), fm("4-CV/TU") + &"ả".repeat(200_000) + "\n").expect("w");
    std::fs::write(c.join("empty.md"), fm("5-CV/TU")).expect("w");
    let out = build(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("5 văn bản"), "{stderr}");
    let json = std::fs::read_to_string(dir.path().join("public/api/documents.json")).expect("json");
    let data: serde_json::Value = serde_json::from_str(&json).expect("valid json");
    let cites_doc = data["documents"]
        .as_array()
        .and_then(|d| d.iter().find(|x| x["number"] == "2-CV/TU"))
        .expect("doc");
    assert_eq!(cites_doc["references"].as_array().map(Vec::len), Some(5000));
}

#[test]
fn oversized_and_overcomplex_inputs_are_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = dir.path().join("content");
    std::fs::create_dir_all(&c).expect("mkdir");
    // Over the 10 MB limit: refused, named, nothing else lost.
    std::fs::write(c.join("huge.md"), fm("1-CV/TU") + &"[".repeat(20_000_000)).expect("w");
    // Under it, but millions of brackets: shown as plain text, citations kept.
    let brackets = format!(
        "Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị.\n\n{}\n",
        "[".repeat(5_000_000)
    );
    std::fs::write(c.join("brackets.md"), fm("2-CV/TU") + &brackets).expect("w");
    // A front-matter value 100,000 brackets deep.
    let deep = format!(
        "---\nnumber: 3-CV/TU\ntitle: T\nissuer: Ban Thường vụ Tỉnh ủy\ntags: {}\n---\n",
        "[".repeat(100_000)
    );
    std::fs::write(c.join("deep.md"), deep).expect("w");
    std::fs::write(c.join("ok.md"), fm("4-CV/TU")).expect("w");
    let out = build(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("E-SIZE") && stderr.contains("huge.md") && stderr.contains("10 MB"),
        "{stderr}"
    );
    assert!(
        stderr.contains("W-COMPLEX") && stderr.contains("brackets.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains("deep.md:5:") && stderr.contains("lồng quá sâu"),
        "{stderr}"
    );
    // site.yaml raises the limit; the rest builds and the bracket page links its citation.
    std::fs::remove_file(c.join("deep.md")).expect("rm");
    std::fs::write(dir.path().join("site.yaml"), "max_document_mb: 30\n").expect("w");
    let out = build(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let page = std::fs::read_to_string(dir.path().join("public/van-ban/2-cv-tu/index.html")).expect("page");
    assert!(
        page.contains("class=\"cite\"") && page.contains("[[[[[[[["),
        "plain text with its link"
    );
    assert!(
        dir.path().join("public/van-ban/1-cv-tu/index.html").exists(),
        "the raised limit reads huge.md"
    );
}
