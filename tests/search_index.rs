//! The search index of the sample site answers the queries, with the
//! same algorithm as `static/search.js` (`search::query_cost`), and one query
//! downloads little.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn site() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--content"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .arg("--output")
        .arg(&out)
        .current_dir(dir.path())
        .output()
        .expect("build");
    assert!(build.status.success());
    let mut files = BTreeMap::new();
    for sub in ["t", "d"] {
        for e in std::fs::read_dir(out.join("tim-kiem").join(sub))
            .expect("index")
            .flatten()
        {
            files.insert(
                format!("tim-kiem/{sub}/{}", e.file_name().to_string_lossy()),
                std::fs::read(e.path()).expect("read"),
            );
        }
    }
    files.insert(
        "tim-kiem/meta.json".into(),
        std::fs::read(out.join("tim-kiem/meta.json")).expect("meta"),
    );
    (dir, files)
}

fn urls(files: &BTreeMap<String, Vec<u8>>, ids: &[usize]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let shard: serde_json::Value =
                serde_json::from_slice(&files[&format!("tim-kiem/d/{}.json", id / vanban::search::SHARD)])
                    .expect("shard");
            shard[id % vanban::search::SHARD][6].as_str().unwrap_or("").to_string()
        })
        .collect()
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
        let (bytes, _, ids) = vanban::search::query_cost(&files, q);
        let got = urls(&files, &ids);
        assert!(got.iter().any(|u| u == want), "{q}: {got:?}");
        assert!(bytes < 50_000, "{q}: {bytes} bytes");
    }
    // Exact number matches come first.
    let (_, _, ids) = vanban::search::query_cost(&files, "ket luan 127");
    assert_eq!(urls(&files, &ids[..1]), ["van-ban/127-kl-tw-2025/"]);
    let (_, _, ids) = vanban::search::query_cost(&files, "khongcogiday");
    assert!(ids.is_empty());
}
