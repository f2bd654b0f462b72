//! Rendering: from the link graph to the pages of the site.
//!
//! In: the [`Index`], the configuration and a [`Theme`]. Out: every page as
//! a [`Page`] (a site-relative path and its bytes), sorted by path, or the
//! diagnostics of the pages that failed, each naming the page and the
//! template.
//!
//! Templates only see the documented view structs below, with every list
//! already sorted and every URL already joined to `base_url`, so a theme never
//! reaches into the graph. Pages render in parallel; each page is a pure
//! function of the index, so the output does not depend on thread count.

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::graph::{Index, Node, Target};
use crate::load::Status;
use crate::markdown;
use crate::refs::Relation;
use crate::source::slugify;
use crate::theme::{error_chain, Theme};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Backlinks shown on a page; the rest are on its `dan-chieu/` listing.
pub const BACKLINKS_SHOWN: usize = 50;
/// Rows of the timeline picture.
pub const TIMELINE_ROWS: usize = 30;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Site-relative path with `/` separators (`van-ban/127-kl-tw-2025/index.html`).
    pub path: String,
    /// The bytes to write.
    pub bytes: Vec<u8>,
}

/// Site-wide values every template sees as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site name.
    pub title: String,
    /// `base_url`, ending with `/`; every link starts with it.
    pub base: String,
    /// UI language.
    pub language: String,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Shown text.
    pub name: String,
    /// Full URL (with `base_url`).
    pub url: String,
}

/// A breadcrumb; the last has no URL.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// Shown text.
    pub name: String,
    /// URL, or none for the current page.
    pub url: Option<String>,
}

/// A document or cited document in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// URL.
    pub url: String,
    /// Số ký hiệu.
    pub number: String,
    /// Type word.
    pub doc_type: String,
    /// Title, or the subject known from citations.
    pub title: Option<String>,
    /// `dd/mm/yyyy`, or none when unknown.
    pub date: Option<String>,
    /// ISO date.
    pub date_iso: Option<String>,
    /// Issuer names.
    pub issuers: Vec<String>,
    /// Whether the full text is in the site.
    pub in_corpus: bool,
    /// "Hết hiệu lực …" when a published document is no longer in force
    /// (declared, or replaced or repealed by another published document).
    pub status: Option<String>,
}

/// A group of items under a heading (a year, a type).
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// Heading.
    pub label: String,
    /// Items, sorted.
    /// Each an [`ItemView`], made once per node and shared by every listing.
    pub items: Vec<tera::Value>,
    /// The items' `html` one after the other (safe HTML), or none when an
    /// item has none (its partial failed).
    pub html: tera::Value,
}

/// One page link in a pagination bar.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Page number, from 1.
    pub number: usize,
    /// URL.
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
    /// Whether pages were left out before this one (show "…").
    pub gap: bool,
}

/// Pagination of a listing.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// Current page, from 1.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page URL.
    pub prev: Option<String>,
    /// Next page URL.
    pub next: Option<String>,
    /// The pages linked: the first, the last and two either side of the
    /// current one (a listing of 2,000 pages does not link all of them on
    /// every page).
    pub pages: Vec<PageLink>,
}

/// The page numbers a pagination links: 1, the last, and two either side of
/// `current`, in order.
fn page_window(current: usize, total: usize) -> Vec<usize> {
    let mut pages: Vec<usize> = [1, total]
        .into_iter()
        .chain(current.saturating_sub(2).max(1)..=(current + 2).min(total))
        .collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

/// An outgoing reference on a document page.
#[derive(Debug, Clone, Serialize)]
pub struct RefView {
    /// URL, none when ambiguous.
    pub url: Option<String>,
    /// Số ký hiệu.
    pub number: String,
    /// Type word.
    pub doc_type: String,
    /// Title or subject, when known.
    pub title: Option<String>,
    /// Date, when known.
    pub date: Option<String>,
    /// Whether the cited document is in the site.
    pub in_corpus: bool,
}

/// References grouped by relation, strongest first.
#[derive(Debug, Clone, Serialize)]
pub struct RefGroup {
    /// "Thực hiện", "Dẫn chiếu" ...
    pub label: String,
    /// The references.
    pub items: Vec<RefView>,
}

/// A document citing the page's document.
#[derive(Debug, Clone, Serialize)]
pub struct BacklinkView {
    /// URL of the citing document.
    pub url: String,
    /// Its number.
    pub number: String,
    /// Its type word.
    pub doc_type: String,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Option<String>,
    /// Its issuers.
    pub issuers: Vec<String>,
    /// The relation, in Vietnamese.
    pub relation: String,
    /// The sentence of its text that cites, when the text names the number.
    pub sentence: Option<String>,
}

/// The signature block.
#[derive(Debug, Clone, Serialize)]
pub struct SignerView {
    /// T/M Ban Thường vụ.
    pub capacity: Option<String>,
    /// Phó Bí thư.
    pub position: Option<String>,
    /// Nguyễn Hải Trâm.
    pub name: Option<String>,
}

/// Where a reported text comes from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Outlet.
    pub name: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publication date.
    pub published: Option<String>,
}

/// A document page (`doc` in `document.html`; the cited page uses the same
/// view with `in_corpus` false and no body).
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    /// URL.
    pub url: String,
    /// Số ký hiệu.
    pub number: String,
    /// Type word.
    pub doc_type: String,
    /// URL of the type listing.
    pub type_url: String,
    /// Title (trích yếu); for a cited document, its subject or empty.
    pub title: String,
    /// Subject known from citations (cited documents).
    pub subject: Option<String>,
    /// Issuers with their pages.
    pub issuers: Vec<LinkView>,
    /// Issuer names.
    pub issuer_names: Vec<String>,
    /// Locality.
    pub locality: Option<String>,
    /// Place in the header.
    pub place: Option<String>,
    /// The heading opposite the issuer, as printed: "ĐẢNG CỘNG SẢN VIỆT NAM"
    /// on Party documents, the national motto on State ones.
    pub motto: Vec<String>,
    /// Whether the document is a Party one (the issuer block ends with `*`).
    pub party: bool,
    /// `dd/mm/yyyy`.
    pub date: Option<String>,
    /// ISO date.
    pub date_iso: Option<String>,
    /// `ngày 18 tháng 07 năm 2025`.
    pub date_long: Option<String>,
    /// Status label.
    pub status: String,
    /// Documents that replace this one.
    pub replaced_by: Vec<LinkView>,
    /// Documents of the site that repeal it.
    pub repealed_by: Vec<LinkView>,
    /// Documents of the site that amend it.
    pub amended_by: Vec<LinkView>,
    /// Tags.
    pub tags: Vec<String>,
    /// Kính gửi.
    pub recipients: Vec<String>,
    /// Nơi nhận.
    pub distribution: Vec<String>,
    /// Signature.
    pub signer: Option<SignerView>,
    /// Body HTML.
    pub body: String,
    /// Report source, when the text is a report.
    pub source: Option<SourceView>,
    /// Outgoing references by relation.
    pub groups: Vec<RefGroup>,
    /// Documents citing this one, by date (the first [`BACKLINKS_SHOWN`]).
    pub cited_by: Vec<BacklinkView>,
    /// How many documents cite this one.
    pub cited_by_total: usize,
    /// The listing of all of them, when the page shows only the first.
    pub cited_by_more: Option<String>,
    /// schema.org JSON-LD, escaped for a `<script>` element.
    pub jsonld: String,
    /// Inline SVG: the timeline of the documents implementing or citing it.
    pub timeline: String,
    /// Inline SVG: what it implements or cites, and what implements or cites it.
    pub graph: String,
    /// The pictures' data, as the table alternative.
    pub picture_rows: Vec<PictureRowView>,
    /// Whether the full text is in the site.
    pub in_corpus: bool,
}

/// A row of the pictures' table alternative.
#[derive(Debug, Clone, Serialize)]
pub struct PictureRowView {
    /// "Văn bản này", "Được dẫn chiếu bởi", "Dẫn chiếu đến".
    pub direction: String,
    /// `dd/mm/yyyy` or empty.
    pub date: String,
    /// "Công văn số 73-CV/TU".
    pub label: String,
    /// Its URL.
    pub url: String,
    /// Issuers.
    pub issuer: String,
    /// Locality.
    pub locality: String,
    /// Relation label.
    pub relation: String,
}

/// A name with a count and a URL (home page and catalogues).
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    /// Name.
    pub name: String,
    /// URL.
    pub url: String,
    /// How many documents.
    pub count: usize,
}

/// The shared helpers of one render.
pub struct Renderer<'a> {
    index: &'a Index,
    config: &'a Config,
    theme: &'a Theme,
    site: SiteView,
    /// `site` as a template value, made once.
    site_value: tera::Value,
    /// Listing items by node (documents, then cited documents), made on first use.
    items: Vec<std::sync::OnceLock<tera::Value>>,
    /// Time spent per template (views and Tera), in nanoseconds, and pages.
    spent: [(std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64); TEMPLATE_COUNT],
}

const TEMPLATE_COUNT: usize = crate::theme::TEMPLATES.len();

/// The partial a listing item is rendered with.
const ITEM_PARTIAL: &str = "partials/item.html";

/// Every page a render makes, by path, to render one on request.
pub struct Plan {
    jobs: Vec<Job>,
    by_path: std::collections::HashMap<String, usize>,
}

impl Plan {
    /// The paths of the pages, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut v: Vec<String> = self.by_path.keys().cloned().collect();
        v.sort();
        v
    }
}

enum Job {
    Home {
        types: Vec<CountView>,
        issuers: Vec<CountView>,
    },
    Doc(usize),
    Cited(usize),
    Listing {
        path: String,
        base: String,
        heading: String,
        crumbs: Vec<Crumb>,
        nodes: Vec<Node>,
        by_year: bool,
        total: usize,
        filter_label: String,
        filters: Vec<FilterView>,
    },
    Catalog {
        path: String,
        heading: String,
        entries: Vec<CountView>,
    },
    Search,
    NotFound,
    Redirect(usize),
}

/// A listing page set (before pagination).
struct ListingSpec {
    path: String,
    heading: String,
    crumbs: Vec<Crumb>,
    nodes: Vec<Node>,
    by_year: bool,
    filter_label: String,
    filters: Vec<FilterView>,
}

/// How a listing is narrowed: by year, or by type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Year,
    Type,
}

/// A filter link on a listing page.
#[derive(Debug, Clone, Serialize)]
pub struct FilterView {
    /// "2025", "Kết luận", or "Tất cả".
    pub name: String,
    /// URL.
    pub url: String,
    /// Documents behind it.
    pub count: usize,
    /// Whether it is the listing shown.
    pub current: bool,
}

impl<'a> Renderer<'a> {
    /// Prepares a render. Bodies are rendered with their page: a full build
    /// never holds every body in memory at once.
    pub fn new(index: &'a Index, config: &'a Config, theme: &'a Theme) -> Self {
        let site = SiteView {
            title: config.title.clone(),
            base: config.base_url.clone(),
            language: config.language.clone(),
        };
        Renderer {
            index,
            config,
            theme,
            site_value: tera::Value::from_serializable(&site),
            site,
            items: (0..index.docs.len() + index.cited.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            spent: std::array::from_fn(|_| Default::default()),
        }
    }

    /// The rendered body of document `i`, with its citations linked.
    fn body(&self, i: usize) -> markdown::Rendered {
        let d = &self.index.docs[i];
        markdown::render_with_links(d.doc.body(), &links(self.index, self.config, d))
    }

    /// Every page this render would make, for rendering one page at a time.
    pub fn plan(&self) -> Plan {
        let jobs = self.jobs();
        let by_path = jobs.iter().enumerate().map(|(i, j)| (self.job_path(j), i)).collect();
        Plan { jobs, by_path }
    }

    /// Renders the page of a document or cited document.
    pub fn render_node(&self, n: Node) -> Result<Page, Diagnostic> {
        match n {
            Node::Doc(i) => self.render_job(&Job::Doc(i)),
            Node::Cited(i) => self.render_job(&Job::Cited(i)),
        }
    }

    /// Renders the page at `path` (`van-ban/x/index.html`), if the plan has it.
    pub fn render_path(&self, plan: &Plan, path: &str) -> Option<Result<Page, Diagnostic>> {
        plan.by_path.get(path).map(|&i| self.render_job(&plan.jobs[i]))
    }

    /// A site-relative path (`/van-ban/x/`) joined to `base_url`.
    pub fn href(&self, path: &str) -> String {
        [self.site.base.as_str(), path.trim_start_matches('/')].concat()
    }

    /// The first paragraph of a document, for summaries.
    pub fn first_paragraph(&self, doc: usize) -> String {
        self.body(doc).first_paragraph
    }

    /// Renders every page. `tick` is called once per page done.
    pub fn render_all(&self, start: &dyn Fn(usize), tick: &(dyn Fn() + Sync)) -> Result<Vec<Page>, Vec<Diagnostic>> {
        let jobs = self.jobs();
        start(jobs.len());
        let results: Vec<Result<Page, Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let r = self.render_job(job);
                tick();
                r
            })
            .collect();
        let mut pages = Vec::with_capacity(results.len() + self.theme.statics.len());
        let mut diags = Vec::new();
        for r in results {
            match r {
                Ok(p) => pages.push(p),
                Err(d) => diags.push(d),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        for (path, bytes) in &self.theme.statics {
            pages.push(Page {
                path: path.clone(),
                bytes: bytes.clone(),
            });
        }
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(pages)
    }

    /// Renders every page and hands each to `sink` as soon as it is made (in
    /// parallel), so that the site is never held in memory whole. Returns the
    /// paths made, sorted, or every error.
    pub fn render_each(
        &self,
        start: &dyn Fn(usize),
        tick: &(dyn Fn() + Sync),
        sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync),
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        let jobs = self.jobs();
        start(jobs.len());
        let results: Vec<Result<String, Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let r = self.render_job(job).and_then(|page| {
                    let path = page.path.clone();
                    sink(page).map(|()| path)
                });
                tick();
                r
            })
            .collect();
        let mut paths = Vec::with_capacity(results.len() + self.theme.statics.len());
        let mut diags = Vec::new();
        for r in results {
            match r {
                Ok(p) => paths.push(p),
                Err(d) => diags.push(d),
            }
        }
        for (path, bytes) in &self.theme.statics {
            match sink(Page {
                path: path.clone(),
                bytes: bytes.clone(),
            }) {
                Ok(()) => paths.push(path.clone()),
                Err(d) => diags.push(d),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        paths.sort();
        Ok(paths)
    }

    fn all_nodes(&self) -> Vec<Node> {
        let mut nodes: Vec<Node> = (0..self.index.docs.len()).map(Node::Doc).collect();
        nodes.extend((0..self.index.cited.len()).map(Node::Cited));
        nodes.sort_by_key(|n| self.index.newest_first(*n));
        nodes
    }

    fn listings(&self) -> (Vec<ListingSpec>, Vec<CountView>, Vec<CountView>, Vec<CountView>) {
        let index = self.index;
        let nodes = self.all_nodes();
        let mut specs = Vec::new();
        // All content documents.
        let docs: Vec<Node> = nodes.iter().copied().filter(|n| matches!(n, Node::Doc(_))).collect();
        let crumbs = vec![Crumb {
            name: "Văn bản".into(),
            url: None,
        }];
        self.with_filters(
            &mut specs,
            "van-ban/",
            "Tất cả văn bản",
            crumbs,
            docs,
            true,
            Facet::Year,
        );
        // By type.
        let mut types: BTreeMap<String, (String, Vec<Node>)> = BTreeMap::new();
        for n in &nodes {
            let t = index.doc_type(*n).to_string();
            types.entry(slugify(&t)).or_insert_with(|| (t, Vec::new())).1.push(*n);
        }
        let mut type_counts = Vec::new();
        for (slug, (name, list)) in types {
            let path = format!("loai/{slug}/");
            type_counts.push(CountView {
                name: name.clone(),
                url: self.href(&path),
                count: list.len(),
            });
            let crumbs = vec![
                Crumb {
                    name: "Loại văn bản".into(),
                    url: Some(self.href("loai/")),
                },
                Crumb {
                    name: name.clone(),
                    url: None,
                },
            ];
            self.with_filters(&mut specs, &path, &name, crumbs, list, true, Facet::Year);
        }
        // By year.
        let mut years: BTreeMap<i32, Vec<Node>> = BTreeMap::new();
        for n in &nodes {
            if let Some(d) = index.date(*n) {
                years.entry(d.year).or_default().push(*n);
            }
        }
        let mut year_counts = Vec::new();
        for (year, list) in years.into_iter().rev() {
            let path = format!("nam/{year}/");
            year_counts.push(CountView {
                name: format!("Năm {year}"),
                url: self.href(&path),
                count: list.len(),
            });
            let crumbs = vec![
                Crumb {
                    name: "Năm ban hành".into(),
                    url: Some(self.href("nam/")),
                },
                Crumb {
                    name: year.to_string(),
                    url: None,
                },
            ];
            self.with_filters(
                &mut specs,
                &path,
                &format!("Văn bản ban hành năm {year}"),
                crumbs,
                list,
                false,
                Facet::Type,
            );
        }
        // By issuer.
        let mut issuer_counts = Vec::new();
        for issuer in index.issuers.values() {
            let path = format!("co-quan/{}/", issuer.slug);
            issuer_counts.push(CountView {
                name: issuer.name.clone(),
                url: self.href(&path),
                count: issuer.nodes.len(),
            });
            let crumbs = vec![
                Crumb {
                    name: "Cơ quan ban hành".into(),
                    url: Some(self.href("co-quan/")),
                },
                Crumb {
                    name: issuer.name.clone(),
                    url: None,
                },
            ];
            self.with_filters(
                &mut specs,
                &path,
                &issuer.name,
                crumbs,
                issuer.nodes.clone(),
                true,
                Facet::Year,
            );
        }
        // The full list of documents citing a much-cited document.
        let long: Vec<(Node, &Vec<(usize, Relation)>)> = (0..index.docs.len())
            .map(|i| (Node::Doc(i), &index.docs[i].cited_by))
            .chain((0..index.cited.len()).map(|i| (Node::Cited(i), &index.cited[i].cited_by)))
            .filter(|(_, l)| l.len() > BACKLINKS_SHOWN)
            .collect();
        for (n, list) in long {
            let slug = match n {
                Node::Doc(i) => &index.docs[i].slug,
                Node::Cited(i) => &index.cited[i].slug,
            };
            let name = short_name(index, n);
            let mut citing: Vec<Node> = list.iter().map(|(j, _)| Node::Doc(*j)).collect();
            citing.sort_by_key(|c| index.newest_first(*c));
            let crumbs = vec![
                Crumb {
                    name: "Văn bản".into(),
                    url: Some(self.href("van-ban/")),
                },
                Crumb {
                    name: name.clone(),
                    url: Some(self.href(&index.url(n))),
                },
                Crumb {
                    name: "Văn bản dẫn chiếu".into(),
                    url: None,
                },
            ];
            self.with_filters(
                &mut specs,
                &format!("van-ban/{slug}/dan-chieu/"),
                &format!("Văn bản dẫn chiếu đến {name}"),
                crumbs,
                citing,
                true,
                Facet::Year,
            );
        }
        issuer_counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        type_counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        (specs, type_counts, year_counts, issuer_counts)
    }

    /// Pushes a listing and its narrowed listings (`<path>nam/<y>/` or
    /// `<path>loai/<t>/`), all carrying the same filter links.
    #[allow(clippy::too_many_arguments)]
    fn with_filters(
        &self,
        specs: &mut Vec<ListingSpec>,
        path: &str,
        heading: &str,
        crumbs: Vec<Crumb>,
        nodes: Vec<Node>,
        by_year: bool,
        facet: Facet,
    ) {
        let mut groups: BTreeMap<String, (String, Vec<Node>)> = BTreeMap::new();
        for n in &nodes {
            let (key, name) = match facet {
                Facet::Year => match self.index.date(*n) {
                    Some(d) => (format!("nam/{}", d.year), d.year.to_string()),
                    None => continue,
                },
                Facet::Type => {
                    let t = self.index.doc_type(*n);
                    (format!("loai/{}", slugify(t)), t.to_string())
                }
            };
            groups.entry(key).or_insert_with(|| (name, Vec::new())).1.push(*n);
        }
        let mut order: Vec<(String, String, Vec<Node>)> = groups.into_iter().map(|(k, (n, l))| (k, n, l)).collect();
        if facet == Facet::Year {
            order.reverse();
        }
        let label = match facet {
            Facet::Year => "Lọc theo năm",
            Facet::Type => "Lọc theo loại",
        };
        let mut links = vec![FilterView {
            name: "Tất cả".into(),
            url: self.href(path),
            count: nodes.len(),
            current: false,
        }];
        links.extend(order.iter().map(|(k, name, list)| FilterView {
            name: name.clone(),
            url: self.href(&format!("{path}{k}/")),
            count: list.len(),
            current: false,
        }));
        let with_current = |i: usize| {
            let mut l = links.clone();
            l[i].current = true;
            l
        };
        // Filters are worth showing only when they narrow something.
        let useful = order.len() > 1;
        specs.push(ListingSpec {
            path: path.to_string(),
            heading: heading.to_string(),
            crumbs: crumbs.clone(),
            nodes,
            by_year,
            filter_label: label.to_string(),
            filters: if useful { with_current(0) } else { Vec::new() },
        });
        if !useful {
            return;
        }
        for (k, (key, name, list)) in order.into_iter().enumerate() {
            let mut sub_crumbs = crumbs.clone();
            if let Some(last) = sub_crumbs.last_mut() {
                last.url = Some(self.href(path));
            }
            sub_crumbs.push(Crumb {
                name: name.clone(),
                url: None,
            });
            let sub_heading = match facet {
                Facet::Year => format!("{heading}: năm {name}"),
                Facet::Type => format!("{heading}: {name}"),
            };
            specs.push(ListingSpec {
                path: format!("{path}{key}/"),
                heading: sub_heading,
                crumbs: sub_crumbs,
                nodes: list,
                by_year: facet == Facet::Type && by_year,
                filter_label: label.to_string(),
                filters: with_current(k + 1),
            });
        }
    }

    fn jobs(&self) -> Vec<Job> {
        let (specs, types, years, issuers) = self.listings();
        let mut jobs = vec![
            Job::Home {
                types: types.clone(),
                issuers: issuers.clone(),
            },
            Job::Search,
            Job::NotFound,
        ];
        jobs.extend((0..self.index.docs.len()).map(Job::Doc));
        jobs.extend((0..self.index.cited.len()).map(Job::Cited));
        jobs.extend((0..self.index.redirects.len()).map(Job::Redirect));
        for ListingSpec {
            path,
            heading,
            crumbs,
            nodes,
            by_year,
            filter_label,
            filters,
        } in specs
        {
            let size = self.config.page_size.max(1);
            let pages = nodes.len().div_ceil(size).max(1);
            for p in 0..pages {
                let page_path = if p == 0 {
                    path.clone()
                } else {
                    format!("{path}trang/{}/", p + 1)
                };
                let slice = nodes.iter().copied().skip(p * size).take(size).collect();
                jobs.push(Job::Listing {
                    path: page_path,
                    base: path.clone(),
                    heading: heading.clone(),
                    crumbs: crumbs.clone(),
                    nodes: slice,
                    by_year,
                    total: nodes.len(),
                    filter_label: filter_label.clone(),
                    filters: filters.clone(),
                });
            }
        }
        jobs.push(Job::Catalog {
            path: "loai/".into(),
            heading: "Loại văn bản".into(),
            entries: types,
        });
        jobs.push(Job::Catalog {
            path: "nam/".into(),
            heading: "Năm ban hành".into(),
            entries: years,
        });
        jobs.push(Job::Catalog {
            path: "co-quan/".into(),
            heading: "Cơ quan ban hành".into(),
            entries: issuers,
        });
        jobs
    }

    fn job_path(&self, job: &Job) -> String {
        match job {
            Job::Home { .. } => "index.html".to_string(),
            Job::Doc(i) => ["van-ban/", &self.index.docs[*i].slug, "/index.html"].concat(),
            Job::Cited(i) => ["van-ban/", &self.index.cited[*i].slug, "/index.html"].concat(),
            Job::Listing { path, .. } | Job::Catalog { path, .. } => [path, "index.html"].concat(),
            Job::Search => "tim-kiem/index.html".to_string(),
            Job::NotFound => "404.html".to_string(),
            Job::Redirect(i) => {
                let r = &self.index.redirects[*i];
                if r.from.ends_with('/') {
                    format!("{}index.html", r.from)
                } else {
                    r.from.clone()
                }
            }
        }
    }

    /// The listing items made for this render, to be freed elsewhere (they
    /// outlive the renderer, which borrows the index).
    pub fn into_items(self) -> Vec<std::sync::OnceLock<tera::Value>> {
        self.items
    }

    /// Time spent per template, slowest first: (template, total, pages).
    pub fn template_times(&self) -> Vec<(&'static str, std::time::Duration, u64)> {
        use std::sync::atomic::Ordering::Relaxed;
        let mut v: Vec<(&'static str, std::time::Duration, u64)> = crate::theme::TEMPLATES
            .iter()
            .zip(&self.spent)
            .map(|(name, (ns, n))| {
                (
                    *name,
                    std::time::Duration::from_nanos(ns.load(Relaxed)),
                    n.load(Relaxed),
                )
            })
            .filter(|(_, _, n)| *n > 0)
            .collect();
        v.sort_by_key(|t| std::cmp::Reverse(t.1));
        v
    }

    fn render_job(&self, job: &Job) -> Result<Page, Diagnostic> {
        let started = std::time::Instant::now();
        let result = self.render_job_untimed(job);
        if let Some(t) = crate::theme::TEMPLATES.iter().position(|t| *t == job_template(job)) {
            use std::sync::atomic::Ordering::Relaxed;
            self.spent[t].0.fetch_add(started.elapsed().as_nanos() as u64, Relaxed);
            self.spent[t].1.fetch_add(1, Relaxed);
        }
        result
    }

    fn render_job_untimed(&self, job: &Job) -> Result<Page, Diagnostic> {
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("breadcrumbs", &Vec::<Crumb>::new());
        match job {
            Job::Home { types, issuers } => {
                let nodes: Vec<Node> = self
                    .all_nodes()
                    .into_iter()
                    .filter(|n| matches!(n, Node::Doc(_)))
                    .take(10)
                    .collect();
                ctx.insert("latest", &nodes.iter().map(|n| self.item(*n)).collect::<Vec<_>>());
                ctx.insert("types", types);
                ctx.insert("issuers", issuers);
                #[derive(Serialize)]
                struct Counts {
                    documents: usize,
                    cited: usize,
                    issuers: usize,
                }
                ctx.insert(
                    "counts",
                    &Counts {
                        documents: self.index.docs.len(),
                        cited: self.index.cited.len(),
                        issuers: self.index.issuers.len(),
                    },
                );
            }
            Job::Doc(i) => {
                let view = self.doc_view(*i);
                let crumbs = vec![
                    Crumb {
                        name: "Văn bản".into(),
                        url: Some(self.href("van-ban/")),
                    },
                    Crumb {
                        name: [view.doc_type.as_str(), " số ", &view.number].concat(),
                        url: None,
                    },
                ];
                ctx.insert("breadcrumbs", &crumbs);
                ctx.insert("doc", &view);
            }
            Job::Cited(i) => {
                let view = self.cited_view(*i);
                let crumbs = vec![
                    Crumb {
                        name: "Văn bản".into(),
                        url: Some(self.href("van-ban/")),
                    },
                    Crumb {
                        name: [view.doc_type.as_str(), " số ", &view.number].concat(),
                        url: None,
                    },
                ];
                ctx.insert("breadcrumbs", &crumbs);
                ctx.insert("doc", &view);
            }
            Job::Listing {
                path,
                base,
                heading,
                crumbs,
                nodes,
                by_year,
                total,
                filter_label,
                filters,
            } => {
                ctx.insert("filter_label", filter_label);
                ctx.insert("filters", filters);
                ctx.insert("heading", heading);
                ctx.insert("breadcrumbs", crumbs);
                ctx.insert("total", total);
                ctx.insert("groups", &self.groups(nodes, *by_year));
                ctx.insert("pagination", &self.pagination(base, path, *total));
            }
            Job::Catalog { heading, entries, .. } => {
                ctx.insert("heading", heading);
                ctx.insert(
                    "breadcrumbs",
                    &vec![Crumb {
                        name: heading.clone(),
                        url: None,
                    }],
                );
                ctx.insert("entries", entries);
            }
            Job::Search => {
                ctx.insert(
                    "breadcrumbs",
                    &vec![Crumb {
                        name: "Tìm kiếm".into(),
                        url: None,
                    }],
                );
            }
            Job::NotFound => {}
            Job::Redirect(i) => {
                let r = &self.index.redirects[*i];
                ctx.insert("target", &self.href(&self.index.url(r.to)));
            }
        }
        let (path, template) = (self.job_path(job), job_template(job));
        // Straight into bytes: the templates and values are UTF-8 already.
        let mut bytes = Vec::with_capacity(32 * 1024);
        match self.theme.tera.render_to(template, &ctx, &mut bytes) {
            Ok(()) => Ok(Page { path, bytes }),
            Err(e) => Err(Diagnostic::error(
                "E-RENDER",
                format!("không tạo được trang `{path}` từ mẫu `{template}`: {}", error_chain(&e)),
            )
            .hint("kiểm tra các biến mà mẫu dùng; danh sách biến có trong README (mục Giao diện)")),
        }
    }

    fn pagination(&self, base: &str, path: &str, total_items: usize) -> Pagination {
        let size = self.config.page_size.max(1);
        let total = total_items.div_ceil(size).max(1);
        let current = path
            .strip_prefix(base)
            .and_then(|r| r.strip_prefix("trang/"))
            .and_then(|n| n.trim_end_matches('/').parse().ok())
            .unwrap_or(1);
        let url = |n: usize| {
            if n == 1 {
                self.href(base)
            } else {
                self.href(&format!("{base}trang/{n}/"))
            }
        };
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: page_window(current, total)
                .into_iter()
                .scan(0, |last, n| {
                    let gap = n > *last + 1;
                    *last = n;
                    Some(PageLink {
                        number: n,
                        url: url(n),
                        current: n == current,
                        gap,
                    })
                })
                .collect(),
        }
    }

    fn groups(&self, nodes: &[Node], by_year: bool) -> Vec<GroupView> {
        let mut groups: Vec<GroupView> = Vec::new();
        for n in nodes {
            let label = if by_year {
                self.index
                    .date(*n)
                    .map_or_else(|| "Chưa rõ ngày".to_string(), |d| format!("Năm {}", d.year))
            } else {
                self.index.doc_type(*n).to_string()
            };
            match groups.iter_mut().find(|g| g.label == label) {
                Some(g) => g.items.push(self.item_value(*n)),
                None => groups.push(GroupView {
                    label,
                    items: vec![self.item_value(*n)],
                    html: tera::Value::none(),
                }),
            }
        }
        // The group's items printed once here: a template loop over 50
        // shared item values, three look-ups each, cost as much as the rest
        // of the page.
        for g in &mut groups {
            let mut html = String::new();
            let whole = g
                .items
                .iter()
                .all(|item| match item.get_from_path("html").and_then(tera::Value::as_str) {
                    Some(h) => {
                        html.push_str(h);
                        true
                    }
                    None => false,
                });
            if whole {
                g.html = tera::Value::safe_string(&html);
            }
        }
        groups
    }

    /// The listing view of a node.
    pub fn item(&self, n: Node) -> ItemView {
        let index = self.index;
        match n {
            Node::Doc(i) => {
                let d = &index.docs[i];
                ItemView {
                    url: self.href(&index.url(n)),
                    number: d.doc.number.canonical.clone(),
                    doc_type: d.doc.doc_type.clone(),
                    title: Some(d.doc.title.clone()),
                    date: d.doc.date.map(|d| d.to_string()),
                    date_iso: d.doc.date.map(|d| d.iso()),
                    issuers: self.issuer_names(&d.issuers),
                    in_corpus: true,
                    status: (!d.standing.report && d.standing.status != Status::InForce)
                        .then(|| d.standing.status.label_vi().to_string()),
                }
            }
            Node::Cited(i) => {
                let c = &index.cited[i];
                ItemView {
                    url: self.href(&index.url(n)),
                    number: c.number.canonical.clone(),
                    doc_type: c.doc_type.clone(),
                    title: c.subject.clone(),
                    date: c.date.map(|d| d.to_string()),
                    date_iso: c.date.map(|d| d.iso()),
                    issuers: self.issuer_names(&c.issuer_keys),
                    in_corpus: false,
                    status: None,
                }
            }
        }
    }

    /// [`Renderer::item`] as a template value, made on first use and then
    /// shared (a document is listed on its issuer's, type's and year's pages,
    /// and more): see [`Renderer::listed_item`].
    fn item_value(&self, n: Node) -> tera::Value {
        let slot = match n {
            Node::Doc(i) => self.items.get(i),
            Node::Cited(i) => self.items.get(self.index.docs.len() + i),
        };
        match slot {
            Some(cell) => cell.get_or_init(|| self.listed_item(n)).clone(),
            None => self.listed_item(n),
        }
    }

    /// A listing item: [`Renderer::item`], and as `html` the item as
    /// `partials/item.html` renders it (with `item` and `site`), so that a
    /// listing does not render the partial again for every page it is on.
    /// When the partial fails, `html` is left out: a listing that falls back
    /// to including the partial then reports the error.
    fn listed_item(&self, n: Node) -> tera::Value {
        let value = tera::Value::from_serializable(&self.item(n));
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("item", value.clone());
        let html = self.theme.tera.render(ITEM_PARTIAL, &ctx);
        drop(ctx);
        match (html, value.into_map()) {
            (Ok(html), Some(mut map)) => {
                map.insert("html".into(), tera::Value::safe_string(&html));
                tera::Value::from(map)
            }
            (_, Some(map)) => tera::Value::from(map),
            (_, None) => tera::Value::none(),
        }
    }

    fn issuer_names(&self, keys: &[String]) -> Vec<String> {
        self.issuer_name_refs(keys).map(str::to_string).collect()
    }

    /// The names of the issuing bodies of these keys.
    fn issuer_name_refs<'k>(&'k self, keys: &'k [String]) -> impl Iterator<Item = &'k str> {
        keys.iter()
            .filter_map(|k| self.index.issuers.get(k))
            .map(|i| i.name.as_str())
    }

    fn issuer_links(&self, keys: &[String]) -> Vec<LinkView> {
        keys.iter()
            .filter_map(|k| self.index.issuers.get(k))
            .map(|i| LinkView {
                name: i.name.clone(),
                url: self.href(&["co-quan/", &i.slug, "/"].concat()),
            })
            .collect()
    }

    fn backlinks(&self, list: &[(usize, Relation)], target: Node, number: &str) -> Vec<BacklinkView> {
        list.iter()
            .take(BACKLINKS_SHOWN)
            .map(|(j, rel)| {
                let d = &self.index.docs[*j];
                BacklinkView {
                    url: self.href(&self.index.url(Node::Doc(*j))),
                    number: d.doc.number.canonical.clone(),
                    doc_type: d.doc.doc_type.clone(),
                    title: d.doc.title.clone(),
                    date: d.doc.date.map(|x| x.to_string()),
                    issuers: self.issuer_names(&d.issuers),
                    relation: rel.label_vi().to_string(),
                    sentence: d
                        .references
                        .iter()
                        .find(|r| r.target == Target::Node(target))
                        .and_then(|r| r.mentions.iter().map(|m| &m.0).find(|m| m.start >= d.doc.body_offset))
                        .and_then(|m| sentence_at(d.doc.body(), m.start - d.doc.body_offset))
                        .or_else(|| citing_sentence(d.doc.body(), number)),
                }
            })
            .collect()
    }

    fn picture_row(&self, n: Node, relation: &str, this: bool) -> crate::pictures::Row {
        let index = self.index;
        let (keys, locality) = match n {
            Node::Doc(i) => (&index.docs[i].issuers, index.docs[i].doc.locality.clone()),
            Node::Cited(i) => (&index.cited[i].issuer_keys, index.cited[i].locality.clone()),
        };
        crate::pictures::Row {
            date: index.date(n),
            label: short_name(index, n),
            issuer: self.issuer_name_refs(keys).collect::<Vec<_>>().join(", "),
            locality,
            relation: relation.to_string(),
            this,
        }
    }

    /// The timeline, the relation graph and their table, for a node.
    fn pictures(&self, n: Node) -> (String, String, Vec<PictureRowView>) {
        let index = self.index;
        let cited_by = match n {
            Node::Doc(i) => &index.docs[i].cited_by,
            Node::Cited(i) => &index.cited[i].cited_by,
        };
        let incoming: Vec<(Node, Relation)> = cited_by.iter().map(|(j, r)| (Node::Doc(*j), *r)).collect();
        let outgoing: Vec<(Node, Relation)> = match n {
            Node::Doc(i) => index.docs[i]
                .references
                .iter()
                .filter_map(|r| match r.target {
                    Target::Node(t) => Some((t, r.relation)),
                    Target::Ambiguous => None,
                })
                .collect(),
            Node::Cited(_) => Vec::new(),
        };
        let this = self.picture_row(n, "Văn bản này", true);
        let name = this.label.clone();
        let in_total = incoming.len();
        let incoming: Vec<(Node, Relation)> = incoming.into_iter().take(BACKLINKS_SHOWN).collect();
        let ins: Vec<crate::pictures::Row> = incoming
            .iter()
            .map(|(m, r)| self.picture_row(*m, r.label_vi(), false))
            .collect();
        let mut timeline_rows = vec![this];
        timeline_rows.extend(ins.iter().take(TIMELINE_ROWS).cloned());
        let outs: Vec<crate::pictures::Row> = outgoing
            .iter()
            .map(|(m, r)| self.picture_row(*m, r.label_vi(), false))
            .collect();
        let slug = match n {
            Node::Doc(i) => &index.docs[i].slug,
            Node::Cited(i) => &index.cited[i].slug,
        };
        let timeline = crate::pictures::timeline(&format!("dtg-{slug}"), &name, &timeline_rows, in_total);
        let graph = crate::pictures::relations(&format!("sdqh-{slug}"), &name, (&outs, outs.len()), (&ins, in_total));
        let mut rows = Vec::new();
        let mut push = |direction: &str, m: Node, r: &crate::pictures::Row| {
            rows.push(PictureRowView {
                direction: direction.to_string(),
                date: r.date.map(|d| d.to_string()).unwrap_or_default(),
                label: r.label.clone(),
                url: self.href(&index.url(m)),
                issuer: r.issuer.clone(),
                locality: r.locality.clone().unwrap_or_default(),
                relation: r.relation.clone(),
            });
        };
        for ((m, _), r) in outgoing.iter().zip(&outs) {
            push("Văn bản này dẫn chiếu đến", *m, r);
        }
        for ((m, _), r) in incoming.iter().zip(&ins) {
            push("Dẫn chiếu đến văn bản này", *m, r);
        }
        (timeline, graph, rows)
    }

    fn doc_view(&self, i: usize) -> DocView {
        let index = self.index;
        let node = &index.docs[i];
        let d = &node.doc;
        let url = self.href(&index.url(Node::Doc(i)));
        let mut groups: Vec<RefGroup> = Vec::new();
        for rel in Relation::ALL {
            let items: Vec<RefView> = node
                .references
                .iter()
                .filter(|r| r.relation == rel)
                .map(|r| match r.target {
                    Target::Node(n) => {
                        let item = self.item(n);
                        RefView {
                            url: Some(item.url),
                            number: item.number,
                            doc_type: item.doc_type,
                            title: item.title,
                            date: r.date.map(|x| x.to_string()),
                            in_corpus: item.in_corpus,
                        }
                    }
                    Target::Ambiguous => RefView {
                        url: None,
                        number: r.number.clone(),
                        doc_type: r.doc_type.clone(),
                        title: None,
                        date: r.date.map(|x| x.to_string()),
                        in_corpus: false,
                    },
                })
                .collect();
            if !items.is_empty() {
                groups.push(RefGroup {
                    label: rel.label_vi().to_string(),
                    items,
                });
            }
        }
        let links = |list: &[usize]| self.doc_links(list.iter().copied());
        let standing = &node.standing;
        let replaced_by = links(&standing.replaced_by);
        let repealed_by = links(&standing.repealed_by);
        let amended_by = links(&standing.amended_by);
        let status = if standing.report {
            String::new()
        } else {
            standing.status.label_vi().to_string()
        };
        let issuers = self.issuer_links(&node.issuers);
        let issuer_names: Vec<String> = issuers.iter().map(|l| l.name.clone()).collect();
        let (timeline, graph, picture_rows) = self.pictures(Node::Doc(i));
        DocView {
            timeline,
            graph,
            picture_rows,
            jsonld: self.jsonld(
                &d.number.canonical,
                &d.doc_type,
                Some(&d.title),
                d.date,
                &issuer_names,
                &url,
                d.locality.as_deref(),
                (!standing.report).then(|| standing.status.key()),
            ),
            url,
            number: d.number.canonical.clone(),
            doc_type: d.doc_type.clone(),
            type_url: self.href(&["loai/", &slugify(&d.doc_type), "/"].concat()),
            title: d.title.clone(),
            subject: None,
            issuers,
            issuer_names,
            locality: d.locality.clone(),
            place: d.place.clone(),
            motto: motto(&d.number),
            party: d.number.shape == crate::number::Shape::Party,
            date: d.date.map(|x| x.to_string()),
            date_iso: d.date.map(|x| x.iso()),
            date_long: d.date.map(|x| x.long_vi()),
            status,
            replaced_by,
            repealed_by,
            amended_by,
            tags: d.tags.clone(),
            recipients: d.recipients.clone(),
            distribution: d.distribution.clone(),
            signer: d.signer.as_ref().map(|s| SignerView {
                capacity: s.capacity.clone(),
                position: s.position.clone(),
                name: s.name.clone(),
            }),
            body: self.body(i).html,
            source: d.source_info.as_ref().map(|s| SourceView {
                name: s.name.clone(),
                url: s.url.clone(),
                author: s.author.clone(),
                published: s.published.map(|x| x.to_string()),
            }),
            groups,
            cited_by: self.backlinks(&node.cited_by, Node::Doc(i), &d.number.canonical),
            cited_by_total: node.cited_by.len(),
            cited_by_more: (node.cited_by.len() > BACKLINKS_SHOWN)
                .then(|| self.href(&["van-ban/", &node.slug, "/dan-chieu/"].concat())),
            in_corpus: true,
        }
    }

    /// Links to published documents.
    fn doc_links(&self, list: impl Iterator<Item = usize>) -> Vec<LinkView> {
        list.map(|j| LinkView {
            name: short_name(self.index, Node::Doc(j)),
            url: self.href(&self.index.url(Node::Doc(j))),
        })
        .collect()
    }

    fn cited_view(&self, i: usize) -> DocView {
        let c = &self.index.cited[i];
        // What published documents say they did to it.
        let by = |r: Relation| self.doc_links(c.cited_by.iter().filter(|(_, x)| *x == r).map(|(j, _)| *j));
        let (replaced_by, repealed_by, amended_by) =
            (by(Relation::Replaces), by(Relation::Repeals), by(Relation::Amends));
        let status = if !replaced_by.is_empty() {
            Status::Replaced.label_vi()
        } else if !repealed_by.is_empty() {
            Status::Repealed.label_vi()
        } else {
            ""
        };
        let url = self.href(&self.index.url(Node::Cited(i)));
        let issuers = self.issuer_links(&c.issuer_keys);
        let issuer_names: Vec<String> = issuers.iter().map(|l| l.name.clone()).collect();
        let (timeline, graph, picture_rows) = self.pictures(Node::Cited(i));
        DocView {
            timeline,
            graph,
            picture_rows,
            jsonld: self.jsonld(
                &c.number.canonical,
                &c.doc_type,
                c.subject.as_deref(),
                c.date,
                &issuer_names,
                &url,
                c.locality.as_deref(),
                None,
            ),
            url,
            number: c.number.canonical.clone(),
            doc_type: c.doc_type.clone(),
            type_url: self.href(&["loai/", &slugify(&c.doc_type), "/"].concat()),
            title: c.subject.clone().unwrap_or_default(),
            subject: c.subject.clone(),
            issuers,
            issuer_names,
            locality: c.locality.clone(),
            place: None,
            motto: motto(&c.number),
            party: c.number.shape == crate::number::Shape::Party,
            date: c.date.map(|x| x.to_string()),
            date_iso: c.date.map(|x| x.iso()),
            date_long: c.date.map(|x| x.long_vi()),
            status: status.to_string(),
            replaced_by,
            repealed_by,
            amended_by,
            tags: Vec::new(),
            recipients: Vec::new(),
            distribution: Vec::new(),
            signer: None,
            body: String::new(),
            source: None,
            groups: Vec::new(),
            cited_by: self.backlinks(&c.cited_by, Node::Cited(i), &c.number.canonical),
            cited_by_total: c.cited_by.len(),
            cited_by_more: (c.cited_by.len() > BACKLINKS_SHOWN)
                .then(|| self.href(&["van-ban/", &c.slug, "/dan-chieu/"].concat())),
            in_corpus: false,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn jsonld(
        &self,
        number: &str,
        doc_type: &str,
        title: Option<&str>,
        date: Option<crate::date::Date>,
        issuers: &[String],
        url: &str,
        locality: Option<&str>,
        status: Option<&str>,
    ) -> String {
        /// schema.org `Legislation`, its keys in the order they have always
        /// been written (sorted).
        #[derive(Serialize)]
        struct Legislation<'a> {
            #[serde(rename = "@context")]
            context: &'a str,
            #[serde(rename = "@type")]
            kind: &'a str,
            #[serde(rename = "inLanguage")]
            language: &'a str,
            #[serde(rename = "legislationDate", skip_serializing_if = "Option::is_none")]
            date: Option<String>,
            #[serde(rename = "legislationIdentifier")]
            identifier: &'a str,
            #[serde(rename = "legislationJurisdiction")]
            jurisdiction: String,
            #[serde(rename = "legislationLegalForce", skip_serializing_if = "Option::is_none")]
            force: Option<&'a str>,
            #[serde(rename = "legislationPassedBy")]
            passed_by: Vec<Organization<'a>>,
            #[serde(rename = "legislationType")]
            legislation_type: &'a str,
            name: String,
            url: &'a str,
        }
        #[derive(Serialize)]
        struct Organization<'a> {
            #[serde(rename = "@type")]
            kind: &'a str,
            name: &'a str,
        }
        let v = Legislation {
            context: "https://schema.org",
            kind: "Legislation",
            language: "vi",
            date: date.map(|d| d.iso()),
            identifier: number,
            jurisdiction: locality.map_or_else(|| "Việt Nam".to_string(), |l| format!("{l}, Việt Nam")),
            force: status.map(|s| {
                if s == "in-force" {
                    "https://schema.org/InForce"
                } else {
                    "https://schema.org/NotInForce"
                }
            }),
            passed_by: issuers
                .iter()
                .map(|n| Organization {
                    kind: "GovernmentOrganization",
                    name: n,
                })
                .collect(),
            legislation_type: doc_type,
            name: title.map_or_else(
                || format!("{doc_type} số {number}"),
                |t| format!("{doc_type} số {number}: {t}"),
            ),
            url,
        };
        script_safe_json(&v)
    }
}

/// The heading printed opposite the issuer.
fn motto(number: &crate::number::Number) -> Vec<String> {
    match number.shape {
        crate::number::Shape::Party => vec!["ĐẢNG CỘNG SẢN VIỆT NAM".to_string()],
        _ => vec![
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string(),
            "Độc lập - Tự do - Hạnh phúc".to_string(),
        ],
    }
}

/// The citation links of a document's body.
fn links(index: &Index, config: &Config, d: &crate::graph::DocNode) -> Vec<markdown::Link> {
    d.references
        .iter()
        .filter_map(|r| match r.target {
            Target::Node(n) => Some((r, n)),
            Target::Ambiguous => None,
        })
        .flat_map(|(r, n)| {
            let href = format!("{}{}", config.base_url, index.url(n).trim_start_matches('/'));
            let title = full_name(index, n);
            r.mentions
                .iter()
                .map(|m| &m.0)
                .filter(|m| m.start >= d.doc.body_offset)
                .map(move |m| markdown::Link {
                    range: m.start - d.doc.body_offset..m.end - d.doc.body_offset,
                    href: href.clone(),
                    title: title.clone(),
                })
        })
        .collect()
}

/// The template a job renders with.
fn job_template(job: &Job) -> &'static str {
    match job {
        Job::Home { .. } => "index.html",
        Job::Doc(_) => "document.html",
        Job::Cited(_) => "cited.html",
        Job::Listing { .. } => "list.html",
        Job::Catalog { .. } => "catalog.html",
        Job::Search => "search.html",
        Job::NotFound => "404.html",
        Job::Redirect(_) => "redirect.html",
    }
}

/// A document named in full, for tooltips: "Kết luận số 127-KL/TW ngày
/// 28/02/2025 của Bộ Chính trị, Ban Bí thư về ...".
pub fn full_name(index: &Index, n: Node) -> String {
    let mut s = short_name(index, n);
    if let Some(d) = index.date(n) {
        use std::fmt::Write;
        let _ = write!(s, " ngày {d}");
    }
    let (keys, title) = match n {
        Node::Doc(i) => (&index.docs[i].issuers, Some(index.docs[i].doc.title.clone())),
        Node::Cited(i) => (&index.cited[i].issuer_keys, index.cited[i].subject.clone()),
    };
    let names: Vec<&str> = keys
        .iter()
        .filter_map(|k| index.issuers.get(k))
        .map(|x| x.name.as_str())
        .collect();
    for (k, name) in names.iter().enumerate() {
        s.push_str(if k == 0 { " của " } else { ", " });
        s.push_str(name);
    }
    match title {
        Some(t) if t.starts_with("về ") || t.starts_with("Về ") => {
            s.push(' ');
            s.push_str(&t);
        }
        Some(t) if !t.is_empty() => {
            s.push_str(": ");
            s.push_str(&t);
        }
        _ => {}
    }
    s
}

/// "Kết luận số 127-KL/TW": a node's type word and number. Built with
/// `concat`, at its exact size (`format!` guesses the size and grows the
/// string, on paths taken for every listing line and picture row).
pub fn short_name(index: &Index, n: Node) -> String {
    [index.doc_type(n), " số ", index.number(n)].concat()
}

/// JSON that can stand inside `<script>`: `<`, `>` and `&` escaped.
pub fn script_safe_json(v: &impl Serialize) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    if !s.contains(['<', '>', '&']) {
        return s;
    }
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The sentence of a Markdown body that names `number`, as plain text, at
/// most about 400 characters, or none when the text does not name it.
pub fn citing_sentence(body: &str, number: &str) -> Option<String> {
    sentence_at(body, body.find(number)?)
}

/// How far before and after a mention its sentence is looked for (bytes).
const SENTENCE_WINDOW: usize = 4096;

/// The sentence of a Markdown body around byte offset `at`, as plain text.
pub fn sentence_at(body: &str, at: usize) -> Option<String> {
    if at > body.len() || !body.is_char_boundary(at) {
        return None;
    }
    // Only a window around the mention is searched, so that a page's cost
    // does not grow with the size of the citing text.
    let window = crate::refs::normal::floor(body, at.saturating_sub(SENTENCE_WINDOW));
    let before = &body[window..at];
    let start = window
        + [before.rfind(". "), before.rfind('\n'), before.rfind("; ")]
            .into_iter()
            .flatten()
            .max()
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let after = &body[at..crate::refs::normal::floor(body, at + SENTENCE_WINDOW)];
    let end = [after.find(". "), after.find(".\n"), after.find('\n')]
        .into_iter()
        .flatten()
        .min()
        .map_or(at + after.len(), |i| at + i + 1);
    let raw = &body[start..end.min(body.len())];
    let clean = |s: &str| -> String {
        let t: String = s
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '#' | '\\' | '`'))
            .collect();
        crate::source::normalize(&t)
    };
    let text = clean(raw);
    let text = text.trim_start_matches(['.', ';', ' ']).to_string();
    if text.chars().count() <= 320 {
        return Some(text);
    }
    // A long sentence: a window around the mention.
    let lead: Vec<char> = clean(&body[start..at]).chars().collect();
    let tail: Vec<char> = clean(&body[at..end.min(body.len())]).chars().collect();
    let from = lead.len().saturating_sub(120);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&lead[from..]);
    if !lead.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    out.extend(tail.iter().take(200));
    if tail.len() > 200 {
        out.push('…');
    }
    Some(out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_links_a_window() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(1, 200), [1, 2, 3, 200]);
        assert_eq!(page_window(100, 200), [1, 98, 99, 100, 101, 102, 200]);
        assert_eq!(page_window(200, 200), [1, 198, 199, 200]);
        assert_eq!(page_window(4, 9), [1, 2, 3, 4, 5, 6, 9]);
    }

    #[test]
    fn sentence_around_a_number() {
        let body = "Mở đầu. Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư. Câu sau.\n";
        assert_eq!(
            citing_sentence(body, "127-KL/TW").as_deref(),
            Some("Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư.")
        );
        assert_eq!(citing_sentence(body, "9-KL/TW"), None);
    }

    #[test]
    fn json_for_script() {
        let v = serde_json::json!({"name": "</script><b>&"});
        let s = script_safe_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
    }
}
