//! The synthetic corpus of the benchmarks loads without errors and its Hugo
//! twin has every document.

#[path = "../benches/support/synth.rs"]
mod synth;

#[test]
fn corpus_loads_without_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    synth::write_corpus(dir.path(), 300, 7).expect("write");
    let opts = vanban::Options {
        content: dir.path().to_path_buf(),
        ..vanban::Options::default()
    };
    let p = vanban::prepare(&opts, &mut vanban::Session::default());
    let errors: Vec<_> = p.outcome.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(p.index.docs.len(), 300);
    assert!(
        p.index.docs.iter().any(|d| d.cited_by.len() > 10),
        "hubs are cited by many"
    );
    let cited_local = p
        .index
        .docs
        .iter()
        .filter(|d| d.doc.number.is_local() && !d.cited_by.is_empty())
        .count();
    assert!(cited_local > 0, "local plans are cited within their province");
    let warnings: Vec<_> = p.outcome.diagnostics.iter().filter(|d| !d.is_error()).collect();
    assert!(warnings.is_empty(), "{:?}", warnings.first());
}

#[test]
fn hugo_twin_has_every_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    synth::write_hugo_site(dir.path(), 50, 7).expect("write");
    let files = std::fs::read_dir(dir.path().join("content/van-ban"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(files, 50);
    for layout in [
        "_default/single.html",
        "_default/list.html",
        "_default/terms.html",
        "index.json",
    ] {
        assert!(dir.path().join("layouts").join(layout).exists(), "{layout}");
    }
    let config = std::fs::read_to_string(dir.path().join("hugo.toml")).unwrap_or_default();
    assert!(config.contains("loai = 'loai'") && config.contains("pagerSize = 50"));
    let first = std::fs::read_to_string(dir.path().join("content/van-ban/000030.md")).unwrap_or_default();
    assert!(first.contains("loai: [\"") && first.contains("nam: [\"20"), "{first}");
}
