//! The URL scheme of the site, in one place. Every page path vanban writes,
//! links or serves is made here; the renderer, the graph, open data, search
//! and the preview server call it.
//!
//! Paths are site-relative without a leading `/` (`van-ban/4029-cv-tu/`),
//! except [`document`], the `/`-rooted form open data and links use; a
//! folder's page is its `index.html`.

use crate::source::slugify;

/// All documents.
pub(crate) const DOCUMENTS: &str = "van-ban/";
/// The catalog of issuing bodies.
pub(crate) const ISSUERS: &str = "co-quan/";
/// The catalog of type words.
pub(crate) const TYPES: &str = "loai/";
/// The catalog of years.
pub(crate) const YEARS: &str = "nam/";
/// The search page.
pub(crate) const SEARCH: &str = "tim-kiem/";
/// The home page.
pub(crate) const HOME: &str = "index.html";
/// The page of a missing path.
pub(crate) const NOT_FOUND: &str = "404.html";

/// The open data.
pub(crate) const OPEN_DATA: &str = "api/documents.json";
/// The list of the open data's parts by year.
pub(crate) const OPEN_DATA_PARTS: &str = "api/van-ban/index.json";

/// One year's part of the open data as NDJSON: `api/van-ban/<year>.ndjson`,
/// undated documents in `api/van-ban/chua-ro-ngay.ndjson`.
pub(crate) fn open_data_part(year: Option<i32>) -> String {
    match year {
        Some(y) => format!("api/van-ban/{y}.ndjson"),
        None => "api/van-ban/chua-ro-ngay.ndjson".to_string(),
    }
}
/// The sitemap.
pub(crate) const SITEMAP: &str = "sitemap.xml";
/// The Atom feed.
pub(crate) const FEED: &str = "feed.xml";
/// The robots file.
pub(crate) const ROBOTS: &str = "robots.txt";
/// The site icon, at the root where browsers ask for it (a copy of the
/// theme's `static/favicon.ico`).
pub(crate) const FAVICON: &str = "favicon.ico";
/// The search index's metadata.
pub(crate) const SEARCH_META: &str = "tim-kiem/meta.json";

/// A bucket of the search index's postings: `tim-kiem/t/<key>.json`.
pub(crate) fn search_bucket(key: &str) -> String {
    format!("{SEARCH}t/{key}.json")
}

/// A shard of the search index's records: `tim-kiem/d/<n>.json`.
pub(crate) fn search_shard(n: usize) -> String {
    format!("{SEARCH}d/{n}.json")
}

/// Whether `path` is a file of the search index (not its page).
pub(crate) fn is_search_data(path: &str) -> bool {
    path.starts_with(SEARCH) && path.ends_with(".json")
}

/// Whether `path` is a file of the open data (`documents.json`, the parts
/// by year and their index).
pub(crate) fn is_open_data(path: &str) -> bool {
    path == OPEN_DATA || path.starts_with("api/van-ban/")
}

/// Whether `path` is data rather than a page (served as written).
pub(crate) fn is_data(path: &str) -> bool {
    matches!(path, OPEN_DATA | FEED | ROBOTS | SITEMAP) || path.starts_with(SEARCH) && path.ends_with(".json")
}

/// A document's (or cited document's) page, `/`-rooted: `/van-ban/<slug>/`.
pub(crate) fn document(slug: &str) -> String {
    ["/", DOCUMENTS, slug, "/"].concat()
}

/// A document's page folder: `van-ban/<slug>/`.
pub(crate) fn document_dir(slug: &str) -> String {
    [DOCUMENTS, slug, "/"].concat()
}

/// The full list of documents citing one: `van-ban/<slug>/dan-chieu/`.
pub(crate) fn citing(slug: &str) -> String {
    [DOCUMENTS, slug, "/dan-chieu/"].concat()
}

/// An issuing body's listing: `co-quan/<slug>/`.
pub(crate) fn issuer(slug: &str) -> String {
    [ISSUERS, slug, "/"].concat()
}

/// A type word's listing: `loai/<slug of the word>/`.
pub(crate) fn doc_type(word: &str) -> String {
    [TYPES, &slugify(word), "/"].concat()
}

/// A year's listing: `nam/<year>/`.
pub(crate) fn year(y: i32) -> String {
    format!("{YEARS}{y}/")
}

/// A listing narrowed to the documents whose full text is in the site:
/// `<base>toan-van/`.
pub(crate) fn full_text(base: &str) -> String {
    format!("{base}toan-van/")
}

/// Page `n` (from 2) of a listing at `base`: `<base>trang/<n>/`.
pub(crate) fn page(base: &str, n: usize) -> String {
    format!("{base}trang/{n}/")
}

/// The page number of `path` under the listing at `base` (1 for `base`).
pub(crate) fn page_number(base: &str, path: &str) -> usize {
    path.strip_prefix(base)
        .and_then(|r| r.strip_prefix("trang/"))
        .and_then(|n| n.trim_end_matches('/').parse().ok())
        .unwrap_or(1)
}

/// What an old address (an alias, `cu/van-ban/` or `cu/a.html`) would
/// overwrite if it were written: a page, listing, data file or folder the
/// site writes itself, named for the editor; `None` when it is free (a
/// document's own page is checked against the graph).
pub(crate) fn reserved(alias: &str) -> Option<&'static str> {
    let file = if alias.ends_with('/') {
        index_file(alias)
    } else {
        alias.to_string()
    };
    let exact: [(&str, &'static str); 9] = [
        (HOME, "trang chủ"),
        (FAVICON, "biểu tượng của trang"),
        (NOT_FOUND, "trang 404"),
        (SITEMAP, "sơ đồ trang"),
        (FEED, "nguồn tin Atom"),
        (ROBOTS, "robots.txt"),
        ("van-ban/index.html", "danh sách văn bản"),
        (crate::write::MARKER, "tệp đánh dấu của vanban"),
        ("index.xml", "nguồn tin"),
    ];
    let under: [(&str, &'static str); 8] = [
        (ISSUERS, "danh sách theo cơ quan"),
        (TYPES, "danh sách theo loại"),
        (YEARS, "danh sách theo năm"),
        (SEARCH, "trang và chỉ mục tìm kiếm"),
        ("api/", "dữ liệu mở"),
        ("static/", "tệp tĩnh (giao diện, ảnh)"),
        ("van-ban/trang/", "các trang của danh sách văn bản"),
        ("__vanban/", "địa chỉ của bản xem trước"),
    ];
    // A folder of the same name as a file the site writes (`robots.txt/`)
    // cannot be made either.
    let folder = alias.trim_end_matches('/');
    exact
        .iter()
        .find(|(p, _)| file == *p || folder == *p)
        .or_else(|| {
            under
                .iter()
                .find(|(p, _)| file.starts_with(p) || folder == p.trim_end_matches('/'))
        })
        .map(|(_, what)| *what)
}

/// The file a folder path is written to.
pub(crate) fn index_file(folder: &str) -> String {
    [folder, "index.html"].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme() {
        assert_eq!(document("127-kl-tw-2025"), "/van-ban/127-kl-tw-2025/");
        assert_eq!(document_dir("x"), "van-ban/x/");
        assert_eq!(citing("x"), "van-ban/x/dan-chieu/");
        assert_eq!(issuer("bo-chinh-tri"), "co-quan/bo-chinh-tri/");
        assert_eq!(doc_type("Kết luận"), "loai/ket-luan/");
        assert_eq!(year(2025), "nam/2025/");
        assert_eq!(page("nam/2025/", 3), "nam/2025/trang/3/");
        assert_eq!(page_number("nam/2025/", "nam/2025/trang/3/"), 3);
        assert_eq!(page_number("nam/2025/", "nam/2025/"), 1);
        assert_eq!(index_file("loai/"), "loai/index.html");
    }
}
