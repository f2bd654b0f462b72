//! Open data and machine-readable files: `api/documents.json`, the search
//! index, `sitemap.xml`, `feed.xml` and `robots.txt`.
//!
//! In: the [`Index`] and the configuration. Out: [`Page`]s. The JSON follows
//! `docs/contracts/site.md` exactly: URLs site-relative (before `base_url`), dates ISO or
//! null, lists sorted. Nothing here reads the clock: the feed's dates come
//! from the documents, so two builds give the same bytes.

use crate::config::Config;
use crate::graph::{Index, Node, Target};
use crate::render::Page;
use crate::routes;
use serde::Serialize;

#[derive(Serialize, Hash)]
struct Reference<'a> {
    number: &'a str,
    relation: crate::refs::Relation,
    date: Option<String>,
    url: Option<String>,
    in_corpus: bool,
    text: &'a str,
    #[serde(rename = "type")]
    doc_type: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ambiguous: bool,
}

#[derive(Serialize, Hash)]
struct DocumentEntry<'a> {
    number: &'a str,
    #[serde(rename = "type")]
    doc_type: &'a str,
    title: &'a str,
    issuers: &'a [String],
    locality: Option<&'a str>,
    date: Option<String>,
    url: String,
    source: &'a str,
    status: &'a str,
    references: Vec<Reference<'a>>,
    cited_by: Vec<String>,
}

#[derive(Serialize, Hash)]
struct CitedEntry<'a> {
    number: &'a str,
    #[serde(rename = "type")]
    doc_type: &'a str,
    issuers: Vec<String>,
    locality: Option<&'a str>,
    date: Option<String>,
    subject: Option<&'a str>,
    url: String,
    cited_by: Vec<String>,
}

#[derive(Serialize, Hash)]
struct IssuerEntry<'a> {
    name: &'a str,
    url: String,
    documents: Vec<String>,
}

#[derive(Serialize, Hash)]
struct OpenData<'a> {
    documents: Vec<DocumentEntry<'a>>,
    cited: Vec<CitedEntry<'a>>,
    issuers: Vec<IssuerEntry<'a>>,
}

fn urls(index: &Index, list: &[crate::graph::Backlink]) -> Vec<String> {
    list.iter().map(|b| index.url(Node::Doc(b.doc))).collect()
}

/// The record of document `i`.
fn document_entry(index: &Index, i: usize) -> DocumentEntry<'_> {
    let d = &index.docs[i];
    DocumentEntry {
        number: &d.doc.number.canonical,
        doc_type: &d.doc.doc_type,
        title: &d.doc.title,
        issuers: &d.doc.issuers,
        locality: d.doc.locality.as_deref(),
        date: d.doc.date.map(|x| x.iso()),
        url: index.url(Node::Doc(i)),
        source: &d.doc.source,
        status: d.standing.status.key(),
        references: d
            .references
            .iter()
            .map(|r| {
                let node = match r.target {
                    Target::Node(n) => Some(n),
                    Target::Ambiguous(_) => None,
                };
                Reference {
                    number: node.map_or(&r.number, |n| index.number(n)),
                    relation: r.relation,
                    date: r.date.map(|x| x.iso()),
                    url: node.map(|n| index.url(n)),
                    in_corpus: matches!(node, Some(Node::Doc(_))),
                    text: &r.text,
                    doc_type: node.map_or(r.doc_type.as_str(), |n| index.doc_type(n)),
                    ambiguous: node.is_none(),
                }
            })
            .collect(),
        cited_by: urls(index, &d.cited_by),
    }
}

/// The document records of the open data, sorted by URL.
fn document_entries(index: &Index) -> Vec<DocumentEntry<'_>> {
    use rayon::prelude::*;
    let mut documents: Vec<DocumentEntry> = (0..index.docs.len())
        .into_par_iter()
        .map(|i| document_entry(index, i))
        .collect();
    documents.par_sort_by(|a, b| a.url.cmp(&b.url));
    documents
}

/// The record of cited document `i`.
fn cited_entry(index: &Index, i: usize) -> CitedEntry<'_> {
    let c = &index.cited[i];
    CitedEntry {
        number: &c.number.canonical,
        doc_type: &c.doc_type,
        issuers: c
            .issuer_keys
            .iter()
            .filter_map(|k| index.issuers.get(k))
            .map(|x| x.name.clone())
            .collect(),
        locality: c.locality.as_deref(),
        date: c.date.map(|x| x.iso()),
        subject: c.subject.as_deref(),
        url: index.url(Node::Cited(i)),
        cited_by: urls(index, &c.cited_by),
    }
}

/// The record of an issuer.
fn issuer_entry<'a>(index: &'a Index, x: &'a crate::graph::Issuer) -> IssuerEntry<'a> {
    let mut documents: Vec<String> = x.nodes.iter().map(|n| index.url(*n)).collect();
    documents.sort();
    IssuerEntry {
        name: &x.name,
        url: format!("/co-quan/{}/", x.slug),
        documents,
    }
}

/// One part of the NDJSON open data, as `index.json` lists it.
#[derive(Serialize)]
struct Part {
    /// The year, none for undated documents.
    year: Option<i32>,
    /// Site-relative URL.
    url: String,
    /// Records (lines).
    count: usize,
    /// SHA-256 of the file's bytes, hex.
    sha256: String,
    /// Bytes.
    bytes: usize,
}

/// The document records as newline-delimited JSON, one file per year
/// (`api/van-ban/<year>.ndjson`, undated ones in `chua-ro-ngay.ndjson`),
/// and `api/van-ban/index.json` listing the parts with their counts and
/// hashes: the same records as `documents.json`, in a form no size makes
/// too big to load, and the bulk input of a search engine.
fn ndjson_parts(documents: &[DocumentEntry]) -> Vec<Page> {
    use sha2::Digest;
    let mut by_year: std::collections::BTreeMap<Option<i32>, Vec<u8>> = std::collections::BTreeMap::new();
    let mut counts: std::collections::BTreeMap<Option<i32>, usize> = std::collections::BTreeMap::new();
    for entry in documents {
        let year = entry
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        let out = by_year.entry(year).or_default();
        if serde_json::to_writer(&mut *out, entry).is_ok() {
            out.push(b'\n');
            *counts.entry(year).or_default() += 1;
        }
    }
    let mut pages = Vec::new();
    let mut parts = Vec::new();
    for (year, bytes) in by_year {
        let path = routes::open_data_part(year);
        parts.push(Part {
            year,
            url: format!("/{path}"),
            count: counts.get(&year).copied().unwrap_or(0),
            sha256: sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
            bytes: bytes.len(),
        });
        pages.push(Page { path, bytes });
    }
    #[derive(Serialize)]
    struct Parts {
        total: usize,
        parts: Vec<Part>,
    }
    let list = Parts {
        total: parts.iter().map(|p| p.count).sum(),
        parts,
    };
    let mut bytes = serde_json::to_vec_pretty(&list).unwrap_or_default();
    bytes.push(b'\n');
    pages.push(Page {
        path: routes::OPEN_DATA_PARTS.to_string(),
        bytes,
    });
    pages
}

/// Everything `api/documents.json` holds.
fn open_data_of(index: &Index) -> OpenData<'_> {
    OpenData {
        documents: document_entries(index),
        cited: (0..index.cited.len()).map(|i| cited_entry(index, i)).collect(),
        issuers: index.issuers.values().map(|x| issuer_entry(index, x)).collect(),
    }
}

/// `api/documents.json` and the NDJSON parts by year, from one list of
/// document records.
pub(crate) fn open_data(index: &Index) -> Vec<Page> {
    let data = open_data_of(index);
    let mut bytes = serde_json::to_vec_pretty(&data).unwrap_or_default();
    bytes.push(b'\n');
    let mut pages = ndjson_parts(&data.documents);
    pages.push(Page {
        path: crate::routes::OPEN_DATA.to_string(),
        bytes,
    });
    pages
}

/// A digest of everything the open data holds: each record made and
/// hashed (never serialized, never all held), in parallel, folded in the
/// order of the index. The same digest, the same records in that order, so
/// the same files (sorted by URL): a warm build whose records did not
/// change makes none of them.
pub(crate) fn digest(index: &Index) -> u64 {
    use rayon::prelude::*;
    fn one<T: std::hash::Hash>(tag: &str, entry: T) -> u64 {
        let mut h = crate::render::Fold::new(tag);
        h.hash(&entry);
        h.finish()
    }
    let documents: Vec<u64> = (0..index.docs.len())
        .into_par_iter()
        .map(|i| one("document", document_entry(index, i)))
        .collect();
    let cited: Vec<u64> = (0..index.cited.len())
        .into_par_iter()
        .map(|i| one("cited", cited_entry(index, i)))
        .collect();
    let issuers: Vec<&crate::graph::Issuer> = index.issuers.values().collect();
    let issuers: Vec<u64> = issuers
        .par_iter()
        .map(|x| one("issuer", issuer_entry(index, x)))
        .collect();
    let mut h = crate::render::Fold::new("open-data");
    h.hash(&(documents, cited, issuers));
    h.finish()
}

/// `sitemap.xml`: every HTML page but the redirects (`index.redirects`).
pub(crate) fn sitemap<'p>(paths: impl IntoIterator<Item = &'p str>, index: &Index, config: &Config) -> Page {
    let redirects: std::collections::BTreeSet<String> = index
        .redirects
        .iter()
        .map(|r| {
            if r.from.ends_with('/') {
                format!("{}index.html", r.from)
            } else {
                r.from.clone()
            }
        })
        .collect();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        if !p.ends_with("index.html") || redirects.contains(p) {
            continue;
        }
        let path = p.trim_end_matches("index.html");
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::escape::xml(&format!("{}{path}", config.base_url))
        ));
    }
    out.push_str("</urlset>\n");
    Page {
        path: crate::routes::SITEMAP.to_string(),
        bytes: out.into_bytes(),
    }
}

/// `feed.xml`: the newest documents, by date; undated documents come after
/// the dated ones and carry the newest date of the site as their `updated`.
pub(crate) fn feed(index: &Index, config: &Config, first_paragraph: &dyn Fn(usize) -> String) -> Page {
    let mut docs: Vec<usize> = (0..index.docs.len()).collect();
    docs.sort_by_key(|i| index.newest_first(Node::Doc(*i)));
    docs.truncate(config.feed_limit);
    let newest = index.docs.iter().filter_map(|d| d.doc.date).max();
    let stamp = |d: Option<crate::date::Date>| {
        format!(
            "{}T00:00:00Z",
            d.or(newest).map_or_else(|| "1970-01-01".to_string(), |d| d.iso())
        )
    };
    let abs = |path: &str| format!("{}{}", config.base_url, path.trim_start_matches('/'));
    let id = |path: &str| {
        if config.base_url.starts_with("http") {
            abs(path)
        } else {
            format!("urn:vanban:{}", path.trim_matches('/').replace('/', ":"))
        }
    };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n",
    );
    out.push_str(&format!("  <title>{}</title>\n", crate::escape::xml(&config.title)));
    out.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        crate::escape::xml(&abs("feed.xml"))
    ));
    out.push_str(&format!(
        "  <link href=\"{}\"/>\n",
        crate::escape::xml(&config.base_url)
    ));
    out.push_str(&format!("  <id>{}</id>\n", crate::escape::xml(&id("/"))));
    out.push_str(&format!("  <updated>{}</updated>\n", stamp(newest)));
    for i in docs {
        let d = &index.docs[i];
        let url = index.url(Node::Doc(i));
        let summary = d.doc.summary.clone().unwrap_or_else(|| first_paragraph(i));
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title>{}</title>\n",
            crate::escape::xml(&format!(
                "{} số {}: {}",
                d.doc.doc_type, d.doc.number.canonical, d.doc.title
            ))
        ));
        out.push_str(&format!("    <link href=\"{}\"/>\n", crate::escape::xml(&abs(&url))));
        out.push_str(&format!("    <id>{}</id>\n", crate::escape::xml(&id(&url))));
        out.push_str(&format!("    <updated>{}</updated>\n", stamp(d.doc.date)));
        for k in &d.issuers {
            if let Some(x) = index.issuers.get(k) {
                out.push_str(&format!(
                    "    <author><name>{}</name></author>\n",
                    crate::escape::xml(&x.name)
                ));
            }
        }
        if d.issuers.is_empty() {
            out.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                crate::escape::xml(&config.title)
            ));
        }
        if !summary.is_empty() {
            out.push_str(&format!("    <summary>{}</summary>\n", crate::escape::xml(&summary)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Page {
        path: crate::routes::FEED.to_string(),
        bytes: out.into_bytes(),
    }
}

/// `robots.txt`: everything may be crawled; the sitemap is named when the
/// base URL is absolute (the protocol needs an absolute address).
pub(crate) fn robots(config: &Config) -> Page {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if config.base_url.starts_with("http") {
        out.push_str(&format!("Sitemap: {}sitemap.xml\n", config.base_url));
    }
    Page {
        path: crate::routes::ROBOTS.to_string(),
        bytes: out.into_bytes(),
    }
}
