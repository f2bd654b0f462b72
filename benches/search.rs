//! Search index benchmark: `cargo bench --bench search` (100,000 documents;
//! other sizes as arguments: `-- 10000 100000`) builds synthetic corpora and
//! prints the size of the index and the bytes one query downloads (the meta
//! file, one postings bucket per word and per index word of the number and
//! the date, and the record shards of the first ten results, as
//! `static/search.js` fetches them). A figure, not a timed test: the budget
//! is 30 kB per query at 100,000 documents.

#[path = "support/index.rs"]
mod index;
#[path = "support/synth.rs"]
mod synth;

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100_000] } else { sizes };
    // The synthetic corpus: hub conclusions and resolutions 100-KL/TW ..
    // 119-..., cited by local documents whose numbers repeat per province.
    let queries = [
        "ket luan 101",
        "Kết luận 101",
        "101-KL/TW",
        "kl101",
        "nghi quyet 102",
        "nghị quyết 102 năm 2020",
        "102-nqtw",
        "nq 102",
        "ke hoach",
        "kế hoạch 2 năm 2024",
        "phu tho",
        "chuyen doi so",
        "02-KH/TU",
        "ngày 14/6/2024",
        "năm 2024",
        "dinh",
    ];
    for n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let content = dir.path().join("content");
        synth::write_corpus(&content, n, 42).expect("corpus");
        let out = dir.path().join("public");
        let opts = vanban::Options {
            content,
            output: Some(out.clone()),
            ..vanban::Options::default()
        };
        let outcome = vanban::run(&opts, &vanban::Quiet);
        assert!(!outcome.failed(), "{:?}", outcome.diagnostics.first());
        let files = index::files(&out);
        let total: usize = files.values().map(Vec::len).sum();
        let buckets: Vec<usize> = files
            .iter()
            .filter(|(k, _)| k.starts_with("tim-kiem/t/"))
            .map(|(_, v)| v.len())
            .collect();
        let shards = files.keys().filter(|k| k.starts_with("tim-kiem/d/")).count();
        println!(
            "{n} documents: index {:.1} MB in {} files ({} buckets, largest {:.1} kB; {} record shards); meta {:.1} kB",
            total as f64 / 1e6,
            files.len(),
            buckets.len(),
            buckets.iter().max().copied().unwrap_or(0) as f64 / 1e3,
            shards,
            files["tim-kiem/meta.json"].len() as f64 / 1e3
        );
        let mut worst = 0;
        for q in queries {
            let (bytes, fetched, results) = vanban::search::query_cost(&files, q);
            worst = worst.max(bytes);
            println!(
                "  {q:<26} {:>7.1} kB in {:>2} files, {} results",
                bytes as f64 / 1e3,
                fetched.len(),
                results.len()
            );
        }
        println!(
            "  largest query download: {:.1} kB (budget 30 kB at 100,000 documents)",
            worst as f64 / 1e3
        );
    }
}
