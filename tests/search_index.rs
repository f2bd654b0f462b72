//! The search index of the sample site and of the search fixture
//! (`tests/search/content`) answers the queries, with the same
//! algorithm and ranking as `static/search.js` (`search::query_cost`), and,
//! on a corpus, one query downloads little.

#[path = "../benches/support/index.rs"]
mod index;
#[path = "../benches/support/synth.rs"]
mod synth;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn site() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    built(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
}

/// The search index of a site built from `content`, as files by path.
fn built(content: &Path) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--content"])
        .arg(content)
        .arg("--output")
        .arg(&out)
        .current_dir(dir.path())
        .output()
        .expect("build");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let files = index::files(&out);
    (dir, files)
}

/// The first results of a query, as page paths.
fn first(files: &BTreeMap<String, Vec<u8>>, q: &str, n: usize) -> Vec<String> {
    let (_, _, ids) = vanban::search::query_cost(files, q);
    index::urls(files, &ids[..n.min(ids.len())])
}

/// The queries: the document that is the type and number asked for
/// first (in the content or cited only), before the newer documents that
/// cite it or share its number; the year and the date searchable; compact
/// and mistyped numbers.
#[test]
fn type_number_year_and_date_rank_the_document_first() {
    let (_dir, files) = built(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/content"));
    let ct2024 = "van-ban/35-ct-tw-2024/";
    let ct2019 = "van-ban/35-ct-tw-2019/";
    for q in [
        "chỉ thị 35 năm 2024",
        "chi thi 35 nam 2024",
        "Chỉ thị số 35 ngày 14/6/2024",
        "ct 35 2024",
        "35-CT/TW 2024",
    ] {
        assert_eq!(first(&files, q, 2), [ct2024, ct2019], "{q}");
    }
    // Without a year: both Chỉ thị 35, newest first, then those citing it
    // (a newer Công văn numbered 35 among them).
    let got = first(&files, "chi thi 35", 4);
    assert_eq!(got[..2], [ct2024, ct2019], "{got:?}");
    assert!(got.iter().any(|u| u == "van-ban/35-cv-tu-phu-tho-2025/"), "{got:?}");
    assert_eq!(first(&files, "chỉ thị 35 năm 2019", 1), [ct2019]);
    // Nghị quyết 57 is cited only: its page comes first, before the newer
    // Công văn 57 that cites it and the page that says "NQ57".
    for q in [
        "nq 57",
        "NQ57",
        "nq57",
        "57 nq tw",
        "57-nqtw",
        "57/NQ-TW",
        "nghị quyết 57",
        "Nghị quyết số 57-NQ/TW",
    ] {
        let got = first(&files, q, 3);
        assert_eq!(got[0], "van-ban/57-nq-tw-2024/", "{q}: {got:?}");
        assert!(got.len() >= 2, "{q}: the documents citing it are found too: {got:?}");
    }
    // Quy định 89 and its citer, not Quyết định 89.
    assert_eq!(first(&files, "quy dinh 89", 1), ["van-ban/89-qd-tw-2017/"]);
    // A date or a year alone lists that day's or year's documents.
    assert_eq!(first(&files, "14/6/2024", 5), [ct2024]);
    assert_eq!(first(&files, "ngày 30-05-2019", 5), [ct2019]);
    let y2024 = first(&files, "năm 2024", 10);
    assert!(
        y2024.contains(&ct2024.to_string()) && !y2024.contains(&ct2019.to_string()),
        "{y2024:?}"
    );
    assert!(first(&files, "khongcogiday", 1).is_empty());
}

/// A result's record carries a snippet: the opening of the body, where a
/// citing document names what it implements.
#[test]
fn records_carry_a_snippet() {
    let (_dir, files) = built(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/content"));
    let (_, _, ids) = vanban::search::query_cost(&files, "57-NQ/TW");
    let snippets = index::snippets(&files, &ids);
    assert!(
        snippets
            .iter()
            .any(|s| s.starts_with("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024")),
        "{snippets:?}"
    );
    assert!(snippets
        .iter()
        .all(|s| s.chars().count() <= vanban::search::SNIPPET + 1));
}

#[test]
fn sample_queries_find_the_right_documents() {
    let (_dir, files) = site();
    let cases = [
        ("ket luan 127", "van-ban/127-kl-tw-2025/"),
        ("Kết luận 127", "van-ban/127-kl-tw-2025/"),
        ("127-KL/TW", "van-ban/127-kl-tw-2025/"),
        ("quyet dinh 204", "van-ban/204-qd-tw-2024/"),
        ("dinh", "van-ban/204-qd-tw-2024/"),
        ("dinh", "van-ban/255-qd-tw-2025/"),
        ("ban thuong vu tinh uy phu tho", "van-ban/73-cv-tu-phu-tho-2025/"),
        ("doanh nghiep", "van-ban/73-cv-tu-phu-tho-2025/"),
    ];
    for (q, want) in cases {
        let (_, _, ids) = vanban::search::query_cost(&files, q);
        let got = index::urls(&files, &ids);
        assert!(got.iter().any(|u| u == want), "{q}: {got:?}");
    }
    // The number's own document first, ahead of the newer ones citing it.
    for (q, want) in [
        ("ket luan 127", "van-ban/127-kl-tw-2025/"),
        ("127-KL/TW", "van-ban/127-kl-tw-2025/"),
        ("ket luan 178", "van-ban/178-kl-tw-2025/"),
    ] {
        let (_, _, ids) = vanban::search::query_cost(&files, q);
        assert_eq!(index::urls(&files, &ids[..1.min(ids.len())]), [want], "{q}");
    }
    let (_, _, ids) = vanban::search::query_cost(&files, "khongcogiday");
    assert!(ids.is_empty());
}

/// The index of a site built from `content`, as files by path.
#[test]
fn on_a_corpus_the_document_itself_comes_first_and_a_query_fetches_little() {
    let dir = tempfile::tempdir().expect("tempdir");
    synth::write_corpus(&dir.path().join("content"), 1500, 7).expect("corpus");
    let out = dir.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--output"])
        .arg(&out)
        .current_dir(dir.path())
        .output()
        .expect("build");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let files = index::files(&out);
    let total: usize = files.values().map(Vec::len).sum();
    // The much-cited documents: each is cited by newer documents that also
    // carry its number, and must still come first for its own number.
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("api/documents.json")).expect("open data")).expect("json");
    let mut cited: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for d in data["documents"].as_array().into_iter().flatten() {
        for r in d["references"].as_array().into_iter().flatten() {
            if let (Some(n), Some(u)) = (r["number"].as_str(), r["url"].as_str()) {
                let e = cited.entry(n.to_string()).or_insert((0, u.to_string()));
                e.0 += 1;
            }
        }
    }
    // Central numbers: one document each (a local number repeats in every province).
    let hubs: Vec<(&String, &(usize, String))> = cited
        .iter()
        .filter(|(k, (n, _))| *n >= 5 && k.ends_with("/TW"))
        .take(5)
        .collect();
    assert!(
        hubs.len() >= 3,
        "the corpus should hold much-cited documents: {}",
        cited.len()
    );
    for (number, (_, url)) in hubs {
        // The number as written, and as a reader types it: type word and digits.
        let seq = number.split('-').next().unwrap_or("");
        let word = if number.contains("-KL/") {
            "ket luan"
        } else if number.contains("-NQ/") {
            "nghi quyet"
        } else {
            "huong dan"
        };
        for q in [number.clone(), format!("{word} {seq}")] {
            let (bytes, _, ids) = vanban::search::query_cost(&files, &q);
            assert!(ids.len() > 1, "{q}: the citing documents are found too");
            assert_eq!(index::urls(&files, &ids[..1]), [url.trim_start_matches('/')], "{q}");
            // One query fetches a small part of the index.
            assert!(bytes * 10 < total, "{q}: {bytes} of {total} bytes");
        }
    }
}
