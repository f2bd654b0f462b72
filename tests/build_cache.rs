//! The build cache (`.vanban-cache/` beside the output): a second build reads
//! only the files that changed and makes the same site as a cold build; a
//! cache made by another configuration, a damaged or a truncated one is
//! ignored, never trusted; `--no-cache` neither reads nor writes it.

use std::path::Path;

#[path = "support/run.rs"]
mod run;
use run::{vanban, write};

/// Waits past the grain of file times: a file changed just before a build
/// is read again by the next one (a second edit could hide in that grain).
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(150));
}

/// The JSON summary of a build (its last line on stderr), once the files
/// written before it have settled.
fn build(dir: &Path, extra: &[&str]) -> serde_json::Value {
    settle();
    let mut args = vec!["build", "--message-format", "json"];
    args.extend_from_slice(extra);
    let out = vanban(dir, &args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {stderr}"))
}

/// The files of the documents' cache, sorted.
fn shards(d: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(d.join(".vanban-cache/public"))
        .expect("cache folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("tai-lieu-"))
        })
        .collect();
    v.sort();
    v
}

fn cache_counts(summary: &serde_json::Value) -> (u64, u64) {
    let c = &summary["cache"];
    (
        c["read"].as_u64().unwrap_or(u64::MAX),
        c["reused"].as_u64().unwrap_or(u64::MAX),
    )
}

/// Every file of a built site, by path, with its bytes.
fn site(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            files.insert(rel, std::fs::read(e.path()).expect("read"));
        }
    }
    files
}

/// Three documents: a conclusion, a plan implementing it, and a plan of
/// another province that cites the first plan's number.
fn corpus(dir: &Path) {
    write(
        &dir.join("content/kl-127.md"),
        "---\nnumber: 127-KL/TW\ntitle: Kết luận về sắp xếp tổ chức bộ máy\nissuer: Bộ Chính trị\ndate: 2025-02-28\n---\nBộ Chính trị kết luận như sau.\n",
    );
    write(
        &dir.join("content/gia-lai/kh-03.md"),
        "---\nnumber: 03-KH/TU\ntitle: Thực hiện Kết luận số 127-KL/TW\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Gia Lai\ndate: 2025-03-10\n---\nThực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch.\n",
    );
    write(
        &dir.join("content/lam-dong/kh-07.md"),
        "---\nnumber: 07-KH/TU\ntitle: Sơ kết\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Lâm Đồng\ndate: 2025-05-02\n---\nCăn cứ Kế hoạch số 03-KH/TU ngày 10/3/2025 của Ban Thường vụ Tỉnh ủy; căn cứ Kết luận số 127-KL/TW.\n",
    );
}

#[test]
fn a_second_build_reads_only_what_changed_and_makes_the_same_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    corpus(d);
    let first = build(d, &[]);
    assert_eq!(cache_counts(&first), (3, 0), "{first}");
    assert!(
        d.join(".vanban-cache/public").is_dir(),
        "the cache is beside the output"
    );
    let again = build(d, &[]);
    assert_eq!(cache_counts(&again), (0, 3), "{again}");

    // One file edited: only it is read; the site is what a cold build makes.
    let plan = d.join("content/gia-lai/kh-03.md");
    let text = std::fs::read_to_string(&plan).expect("read");
    write(
        &plan,
        &text.replace("ban hành Kế hoạch.", "ban hành Kế hoạch; căn cứ Quy định số 368-QĐ/TW."),
    );
    let edited = build(d, &[]);
    assert_eq!(cache_counts(&edited), (1, 2), "{edited}");
    let warm = site(&d.join("public"));
    let page = String::from_utf8_lossy(&warm["van-ban/03-kh-tu-gia-lai-2025/index.html"]).to_string();
    assert!(page.contains("368-QĐ/TW"), "the edit is on the page");
    let cold = build(d, &["--no-cache", "--output", "cold"]);
    assert!(cold["cache"].is_null(), "{cold}");
    assert!(!d.join(".vanban-cache/cold").exists(), "--no-cache writes no cache");
    assert_eq!(warm, site(&d.join("cold")), "a warm build makes the cold build's site");

    // A file added and one removed.
    std::fs::remove_file(d.join("content/lam-dong/kh-07.md")).expect("rm");
    write(
        &d.join("content/kl-128.md"),
        "---\nnumber: 128-KL/TW\ntitle: Kết luận\nissuer: Ban Bí thư\ndate: 2025-03-01\n---\nThân.\n",
    );
    let changed = build(d, &[]);
    assert_eq!(cache_counts(&changed), (1, 2), "{changed}");
    assert!(!d.join("public/van-ban/07-kh-tu-lam-dong-2025").exists());
}

#[test]
fn an_edit_that_puts_the_time_back_is_still_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    corpus(d);
    build(d, &[]);
    // Same length, same modification time: `cp -p` of an edited copy.
    let file = d.join("content/kl-127.md");
    let modified = std::fs::metadata(&file).and_then(|m| m.modified()).expect("mtime");
    let text = std::fs::read_to_string(&file).expect("read");
    write(&file, &text.replace("Kết luận về sắp", "Kết luận về xếp"));
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(modified))
        .expect("set mtime");
    let after = build(d, &[]);
    assert_eq!(cache_counts(&after), (1, 2), "{after}");
    let page = std::fs::read_to_string(d.join("public/van-ban/127-kl-tw-2025/index.html")).expect("page");
    assert!(page.contains("Kết luận về xếp"));
}

#[test]
fn a_damaged_cache_or_one_of_another_configuration_is_ignored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    corpus(d);
    build(d, &[]);
    let cold = site(&d.join("public"));
    let file = shards(d).into_iter().next().expect("a cache file");
    let good = std::fs::read(&file).expect("cache file");
    for (what, bytes) in [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("one byte changed", {
            let mut b = good.clone();
            let at = b.len() / 3;
            b[at] ^= 1;
            b
        }),
        ("not a cache", b"hello".to_vec()),
    ] {
        std::fs::write(&file, &bytes).expect("damage");
        let out = vanban(d, &["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
        assert!(stderr.contains("Bộ nhớ đệm bị bỏ qua"), "{what}: {stderr}");
        assert_eq!(site(&d.join("public")), cold, "{what}: the site is the cold build's");
        // The cache was written anew: the next build trusts it.
        assert_eq!(cache_counts(&build(d, &[])), (0, 3), "{what}");
    }
    // Another configuration: the issuer vocabulary may differ, so nothing is reused.
    write(&d.join("site.yaml"), "title: Cổng văn bản\n");
    let other = build(d, &[]);
    assert_eq!(cache_counts(&other), (3, 0), "{other}");
    assert!(other["cache"]["ignored"].is_string(), "{other}");
}

#[test]
fn a_refused_output_or_a_cache_inside_the_content_writes_no_cache() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    corpus(d);
    // A folder vanban did not make: the build is refused, nothing beside it.
    write(&d.join("notes/todo.txt"), "mine");
    let out = vanban(d, &["build", "--output", "notes"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!d.join(".vanban-cache").exists(), "a refused build writes no cache");
    // An output inside the content folder: its cache would be content.
    settle();
    let out = vanban(d, &["build", "--output", "content/site"]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!d.join("content/.vanban-cache").exists(), "{stderr}");
}

#[test]
fn a_file_with_a_warning_does_not_rewrite_the_cache() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    corpus(d);
    // A citation dated after the document citing it: a warning, every build.
    write(
        &d.join("content/warned.md"),
        "---\nnumber: 09-KH/TU\ntitle: Sơ kết\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Gia Lai\ndate: 2025-01-02\n---\nThực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị.\n",
    );
    build(d, &[]);
    let stamp = || {
        use std::os::unix::fs::MetadataExt;
        let m: Vec<_> = shards(d)
            .iter()
            .map(|f| std::fs::metadata(f).expect("cache file"))
            .collect();
        m.iter()
            .map(|m| (m.ino(), m.mtime(), m.mtime_nsec()))
            .collect::<Vec<_>>()
    };
    let before = stamp();
    assert!(!before.is_empty());
    let again = build(d, &[]);
    assert_eq!(again["warnings"].as_u64(), Some(1), "{again}");
    assert_eq!(stamp(), before, "nothing the cache keeps changed: not written");
}

/// Every file of a built site, by path, with its inode and modification time.
fn stamps(dir: &Path) -> std::collections::BTreeMap<String, (u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    let mut files = std::collections::BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_file() {
            let m = e.metadata().expect("metadata");
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            files.insert(rel, (m.ino(), m.mtime(), m.mtime_nsec()));
        }
    }
    files
}

/// Every folder of a built site (a warm build removes the ones a removed page leaves empty).
fn folders(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// A document of the larger corpus: `n` cites `cites` (numbers) in its text.
fn numbered(d: &Path, n: usize, year: u32, cites: &[usize]) {
    let mut body = format!("Ban Thường vụ Tỉnh ủy ban hành kế hoạch {n}.\n\n");
    for c in cites {
        body.push_str(&format!(
            "Thực hiện Kế hoạch số {c}-KH/TU của Ban Thường vụ Tỉnh ủy; căn cứ Kết luận số 127-KL/TW.\n\n"
        ));
    }
    write(
        &d.join(format!("content/kh-{n:02}.md")),
        &format!(
            "---\nnumber: {n}-KH/TU\ntitle: Kế hoạch số {n}\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Gia Lai\ndate: {year}-0{}-1{}\n---\n{body}",
            1 + n % 9,
            n % 10
        ),
    );
}

/// Builds warm into `public` and cold (`--no-cache`) into `cold`, and
/// checks that the two sites are the same, byte for byte and folder for
/// folder. Returns the warm build's summary.
fn warm_is_cold(d: &Path, step: &str) -> serde_json::Value {
    let warm = build(d, &[]);
    let _ = std::fs::remove_dir_all(d.join("cold"));
    build(d, &["--no-cache", "--output", "cold"]);
    let (w, c) = (site(&d.join("public")), site(&d.join("cold")));
    let differ: Vec<&String> = w.keys().chain(c.keys()).filter(|k| w.get(*k) != c.get(*k)).collect();
    assert!(
        differ.is_empty(),
        "{step}: warm and cold sites differ at {differ:?}\n{warm}"
    );
    assert_eq!(folders(&d.join("public")), folders(&d.join("cold")), "{step}: folders");
    warm
}

/// Pages rendered again by a warm build; `None` for a build that rendered all.
fn rendered(summary: &serde_json::Value) -> Option<u64> {
    summary["cache"]["rendered"].as_u64()
}

#[test]
fn a_warm_build_renders_only_what_changed_and_makes_the_cold_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    corpus(d);
    // Listings of two items a page: pagination moves when a document comes or goes.
    write(&d.join("site.yaml"), "title: Cổng thử\npage_size: 2\n");
    for n in 10..24 {
        let cites: Vec<usize> = (10..n).filter(|c| (n + c) % 4 == 0).take(3).collect();
        numbered(d, n, 2020 + (n % 3) as u32, &cites);
    }
    let first = build(d, &[]);
    assert_eq!(rendered(&first), None, "the first build is cold: {first}");
    let all = first["files"].as_u64().expect("files");
    let before = stamps(&d.join("public"));
    // Nothing changed: nothing is rendered or written.
    let same = warm_is_cold(d, "unchanged");
    assert_eq!(rendered(&same), Some(0), "{same}");
    assert_eq!(same["written"].as_u64(), Some(0), "{same}");
    assert_eq!(stamps(&d.join("public")), before, "every file kept its inode and time");

    // One body edited: its page and the pages that quote it, not the site.
    let file = d.join("content/kh-14.md");
    let text = std::fs::read_to_string(&file).expect("read");
    write(&file, &text.replace("kế hoạch 14.", "kế hoạch 14, sửa đổi."));
    let edited = warm_is_cold(d, "body edited");
    let n = rendered(&edited).expect("warm");
    assert!(n >= 1 && n * 4 < all, "{n} of {all} rendered: {edited}");
    let after = stamps(&d.join("public"));
    let touched: Vec<&String> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    let written = edited["written"].as_u64().expect("written") as usize;
    assert_eq!(touched.len(), written, "only the files written changed: {touched:?}");
    assert!(
        touched.iter().any(|p| p.starts_with("van-ban/14-kh-tu-gia-lai")),
        "{touched:?}"
    );
    assert!(written * 4 < all as usize, "{touched:?}");

    // A title edited (every listing it is on), a date moved to another year.
    let file = d.join("content/kh-15.md");
    let text = std::fs::read_to_string(&file).expect("read");
    write(&file, &text.replace("title: Kế hoạch số 15", "title: Kế hoạch mới"));
    warm_is_cold(d, "title edited");
    let file = d.join("content/kh-16.md");
    let text = std::fs::read_to_string(&file).expect("read");
    write(&file, &text.replace("date: 2021", "date: 2024"));
    warm_is_cold(d, "date moved");

    // A document added that cites others, one removed that others cite
    // (its page becomes a cited document's), a citation added.
    numbered(d, 30, 2022, &[11, 12, 13]);
    warm_is_cold(d, "added");
    std::fs::remove_file(d.join("content/kh-12.md")).expect("rm");
    warm_is_cold(d, "removed");
    numbered(d, 20, 2022, &[10, 19, 99]);
    warm_is_cold(d, "citation added");
    // A number changed: the old page goes, its folder with it.
    let file = d.join("content/kh-21.md");
    let text = std::fs::read_to_string(&file).expect("read");
    write(&file, &text.replace("number: 21-KH/TU", "number: 121-KH/TU"));
    warm_is_cold(d, "number changed");
    // Two documents of one number: an ambiguous citation.
    write(
        &d.join("content/dup/kh-10.md"),
        "---\nnumber: 10-KH/TU\ntitle: Kế hoạch khác\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Kon Tum\ndate: 2019-05-05\n---\nThân.\n",
    );
    warm_is_cold(d, "same number elsewhere");
}

#[test]
fn a_change_of_configuration_or_a_damaged_or_foreign_list_renders_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    corpus(d);
    build(d, &[]);
    // The configuration: every page is rendered, by a cold build.
    write(&d.join("site.yaml"), "title: Tên mới\n");
    let other = warm_is_cold(d, "configuration");
    assert_eq!(rendered(&other), None, "{other}");
    let page = std::fs::read_to_string(d.join("public/index.html")).expect("home");
    assert!(page.contains("Tên mới"));
    assert_eq!(rendered(&warm_is_cold(d, "after it")), Some(0));
    // A base URL on the command line is configuration too.
    let moved = build(d, &["--base-url", "https://example.org/cong/"]);
    assert_eq!(rendered(&moved), None, "{moved}");
    assert!(std::fs::read_to_string(d.join("public/index.html"))
        .expect("home")
        .contains("https://example.org/cong/"));
    build(d, &[]);
    // A damaged list of pages: ignored.
    let list = d.join(".vanban-cache/public/trang.bin");
    let mut bytes = std::fs::read(&list).expect("list");
    let at = bytes.len() / 2;
    bytes[at] ^= 4;
    std::fs::write(&list, &bytes).expect("damage");
    let damaged = warm_is_cold(d, "damaged list");
    assert_eq!(rendered(&damaged), None, "{damaged}");
    // A site written by a build without the cache: the list describes
    // another folder, so the next build is cold.
    build(d, &["--no-cache"]);
    let file = d.join("content/kl-127.md");
    let text = std::fs::read_to_string(&file).expect("read");
    write(&file, &text.replace("kết luận như sau", "kết luận"));
    let after = warm_is_cold(d, "after --no-cache");
    assert_eq!(rendered(&after), None, "{after}");
    // A page deleted by hand is not noticed by a warm build, but any
    // change to the theme makes the build cold.
    let theme = d.join("theme/templates/404.html");
    write(
        &theme,
        "{% extends \"base.html\" %}{% block main %}<p>Không có.</p>{% endblock %}",
    );
    let themed = build(d, &["--theme", "theme"]);
    assert_eq!(rendered(&themed), None, "{themed}");
    let themed = build(d, &["--theme", "theme"]);
    assert_eq!(rendered(&themed), Some(0), "{themed}");
}

/// How a build made the open data and the search index: `kept`, `patched`
/// or `whole`.
fn data_made(summary: &serde_json::Value) -> (String, String) {
    let c = &summary["cache"];
    let s = |k: &str| c[k].as_str().unwrap_or("none").to_string();
    (s("open_data"), s("search"))
}

/// Replaces `from` by `to` in a content file.
fn edit(d: &Path, file: &str, from: &str, to: &str) {
    let file = d.join("content").join(file);
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains(from), "{from:?} in {}", file.display());
    write(&file, &text.replacen(from, to, 1));
}

#[test]
fn a_warm_build_patches_the_search_index_and_keeps_the_open_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    corpus(d);
    for n in 10..24 {
        let cites: Vec<usize> = (10..n).filter(|c| (n + c) % 4 == 0).take(3).collect();
        numbered(d, n, 2020 + (n % 3) as u32, &cites);
    }
    build(d, &[]);
    let made = |s: &serde_json::Value| data_made(s);
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(made(&warm_is_cold(d, "unchanged")), pair("kept", "kept"));

    // A body edited with a word no document has: a new bucket; the open
    // data holds no body, so it is kept.
    edit(d, "kh-14.md", "kế hoạch 14.", "kế hoạch 14, zzbeta mới.");
    let s = warm_is_cold(d, "a new word");
    assert_eq!(made(&s), pair("kept", "patched"), "{s}");
    assert!(d.join("public/tim-kiem/t/zzb.json").is_file());
    let documents = stamps(&d.join("public"))["api/documents.json"];
    // The word taken out again: its bucket is emptied and goes.
    edit(d, "kh-14.md", ", zzbeta mới.", ".");
    assert_eq!(made(&warm_is_cold(d, "a word removed")), pair("kept", "patched"));
    assert!(!d.join("public/tim-kiem/t/zzb.json").exists());
    assert_eq!(
        stamps(&d.join("public"))["api/documents.json"],
        documents,
        "kept, not written"
    );

    // A title (in the records), a citation added (references and backlinks).
    edit(d, "kh-15.md", "title: Kế hoạch số 15", "title: Kế hoạch bổ sung");
    assert_eq!(made(&warm_is_cold(d, "title edited")), pair("whole", "patched"));
    numbered(d, 20, 2022, &[10, 19]);
    assert_eq!(made(&warm_is_cold(d, "citations changed")), pair("whole", "patched"));
    // One of a number not in the content: a new cited node, new ids.
    numbered(d, 20, 2022, &[10, 19, 99]);
    assert_eq!(made(&warm_is_cold(d, "a new cited number")).1, "whole");

    // An index file changed by hand that an edit touches: its bytes are not
    // the listed ones, so the index is made whole (and the file made right).
    write(&d.join("public/tim-kiem/t/lam.json"), "{\"t\":{},\"c\":{}}");
    edit(d, "kh-16.md", "kế hoạch 16.", "kế hoạch 16 ở Lâm Đồng.");
    assert_eq!(made(&warm_is_cold(d, "a listed file changed")).1, "whole");
    edit(d, "kh-16.md", " ở Lâm Đồng.", ".");
    assert_eq!(made(&warm_is_cold(d, "patched again")).1, "patched");

    // Kept words damaged, or the head gone: whole, then patched again.
    let cache = d.join(".vanban-cache/public");
    let chunk = cache.join("tim-kiem-0000.bin");
    let mut bytes = std::fs::read(&chunk).expect("a chunk of words");
    let at = bytes.len() / 2;
    bytes[at] ^= 8;
    std::fs::write(&chunk, &bytes).expect("damage");
    edit(d, "kh-17.md", "kế hoạch 17.", "kế hoạch 17 sửa.");
    assert_eq!(made(&warm_is_cold(d, "damaged words")).1, "whole");
    std::fs::remove_file(cache.join("tim-kiem.bin")).expect("head");
    edit(d, "kh-17.md", "kế hoạch 17 sửa.", "kế hoạch 17.");
    assert_eq!(made(&warm_is_cold(d, "no head")).1, "whole");
    edit(d, "kh-18.md", "kế hoạch 18.", "kế hoạch 18 sửa.");
    assert_eq!(made(&warm_is_cold(d, "after them")).1, "patched");

    // What moves ids (a date, a document added or removed): whole.
    edit(d, "kh-19.md", "date: 202", "date: 201");
    assert_eq!(made(&warm_is_cold(d, "date moved")), pair("whole", "whole"));
    numbered(d, 31, 2023, &[10]);
    assert_eq!(made(&warm_is_cold(d, "added")), pair("whole", "whole"));
    std::fs::remove_file(d.join("content/kh-13.md")).expect("rm");
    assert_eq!(made(&warm_is_cold(d, "removed")), pair("whole", "whole"));
    assert_eq!(made(&warm_is_cold(d, "unchanged at last")), pair("kept", "kept"));
}
