//! The open data by year (`api/van-ban/<year>.ndjson` and its `index.json`):
//! the same records as `documents.json`, each exactly once, in the part of
//! its year, with the counts and hashes the index gives; and the bulk-load
//! example (`examples/bulk_load.rs`) turns them into an OpenSearch and a
//! Meilisearch body, refusing a part whose hash is wrong.

use sha2::Digest;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The structured set of directives: documents of several years.
fn build(dir: &Path) -> PathBuf {
    let out = dir.join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--content"])
        .arg(root().join("tests/corpus/docs/d"))
        .arg("--output")
        .arg(&out)
        .output()
        .expect("build");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    out
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

#[test]
fn the_parts_hold_the_records_of_documents_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = build(dir.path());
    let index = json(&site.join("api/van-ban/index.json"));
    let all = json(&site.join("api/documents.json"));
    let mut from_parts: Vec<serde_json::Value> = Vec::new();
    for part in index["parts"].as_array().expect("parts") {
        let url = part["url"].as_str().expect("url");
        let bytes = std::fs::read(site.join(url.trim_start_matches('/'))).expect("part");
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(Some(sha.as_str()), part["sha256"].as_str(), "{url}");
        let text = String::from_utf8(bytes).expect("utf-8");
        let records: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("one record per line"))
            .collect();
        assert_eq!(Some(records.len() as u64), part["count"].as_u64(), "{url}");
        for r in &records {
            let year = r["date"].as_str().map(|d| d[..4].to_string());
            match year {
                Some(y) => assert!(url.ends_with(&format!("/{y}.ndjson")), "{url}: {}", r["url"]),
                None => assert!(url.ends_with("/chua-ro-ngay.ndjson"), "{url}: {}", r["url"]),
            }
        }
        from_parts.extend(records);
    }
    let mut want: Vec<serde_json::Value> = all["documents"].as_array().expect("documents").clone();
    let key = |v: &serde_json::Value| v["url"].as_str().unwrap_or("").to_string();
    want.sort_by_key(key);
    from_parts.sort_by_key(key);
    assert!(want.len() >= 10);
    assert_eq!(from_parts, want, "the parts hold exactly the records of documents.json");
    assert_eq!(index["total"].as_u64(), Some(want.len() as u64));
}

/// The example built beside this test: `cargo test` builds the examples;
/// run alone (`--test open_data_parts`), the test builds it.
fn example() -> PathBuf {
    let exe = std::env::current_exe().expect("test exe");
    let deps = exe.parent().expect("deps");
    let path = deps
        .parent()
        .expect("profile")
        .join("examples")
        .join(format!("bulk_load{}", std::env::consts::EXE_SUFFIX));
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let built = Command::new(cargo)
            .args(["build", "--example", "bulk_load"])
            .current_dir(root())
            .status()
            .expect("cargo runs");
        assert!(built.success(), "cargo build --example bulk_load");
    }
    path
}

#[test]
fn the_bulk_load_example_feeds_a_search_engine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = build(dir.path());
    let total = json(&site.join("api/van-ban/index.json"))["total"]
        .as_u64()
        .expect("total") as usize;
    let run = |format: &str| {
        Command::new(example())
            .arg(&site)
            .arg(format)
            .output()
            .expect("example runs")
    };
    let open = run("opensearch");
    assert!(open.status.success(), "{}", String::from_utf8_lossy(&open.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&open.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2 * total);
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_id"], pair[1]["url"], "the action names its record");
    }
    let meili = run("meilisearch");
    assert!(meili.status.success());
    let ids: std::collections::BTreeSet<String> = String::from_utf8_lossy(&meili.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("json")["id"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), total, "ids are unique");
    assert!(ids
        .iter()
        .all(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')));
    // A part changed after the build is refused.
    let part = site.join("api/van-ban/2025.ndjson");
    let mut bytes = std::fs::read(&part).expect("part");
    bytes.extend_from_slice(b"{}\n");
    std::fs::write(&part, bytes).expect("write");
    let tampered = run("opensearch");
    assert_eq!(tampered.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&tampered.stderr).contains("hash"));
}
