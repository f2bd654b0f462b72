//! The page plan: every page a render makes (documents, cited documents,
//! listings with their facets and pagination, catalogs, redirects), as jobs.

use super::*;

/// Every page a render makes, by path, to render one on request.
pub(crate) struct Plan {
    pub(super) jobs: Vec<Job>,
    pub(super) by_path: std::collections::HashMap<String, usize>,
}

impl Plan {
    /// The paths of the pages, sorted.
    pub(crate) fn paths(&self) -> Vec<String> {
        let mut v: Vec<String> = self.by_path.keys().cloned().collect();
        v.sort();
        v
    }
}

pub(super) enum Job {
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
        /// How many of them have their full text in the site.
        full: usize,
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
pub(super) struct ListingSpec {
    pub(super) path: String,
    pub(super) heading: String,
    pub(super) crumbs: Vec<Crumb>,
    pub(super) nodes: Vec<Node>,
    pub(super) by_year: bool,
    pub(super) filter_label: String,
    pub(super) filters: Vec<FilterView>,
}

/// How a listing is narrowed: by year, or by type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Facet {
    Year,
    Type,
}

/// The page plan of a site: pure data from the index and the
/// configuration, without templates (what Tera renders comes after).
pub(crate) struct Planner<'a> {
    pub(super) index: &'a Index,
    pub(super) config: &'a Config,
}

impl<'a> Planner<'a> {
    /// The plan of `index` under `config`.
    pub(crate) fn new(index: &'a Index, config: &'a Config) -> Self {
        Planner { index, config }
    }

    /// A site-relative path (`/van-ban/x/`) joined to `base_url`.
    pub(crate) fn href(&self, path: &str) -> String {
        [self.config.base_url.as_str(), path.trim_start_matches('/')].concat()
    }

    /// Every page, by path.
    pub(crate) fn plan(&self) -> Plan {
        let jobs = self.jobs();
        let by_path = jobs.iter().enumerate().map(|(i, j)| (self.job_path(j), i)).collect();
        Plan { jobs, by_path }
    }
}

/// How many of `nodes` have their full text in the site.
fn full_texts(nodes: &[Node]) -> usize {
    nodes.iter().filter(|n| matches!(n, Node::Doc(_))).count()
}

/// The page numbers a pagination links: 1, the last, and two either side of
/// `current`, in order.
pub(super) fn page_window(current: usize, total: usize) -> Vec<usize> {
    let mut pages: Vec<usize> = [1, total]
        .into_iter()
        .chain(current.saturating_sub(2).max(1)..=(current + 2).min(total))
        .collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

impl Planner<'_> {
    pub(super) fn all_nodes(&self) -> Vec<Node> {
        let mut nodes: Vec<Node> = self.index.nodes().collect();
        nodes.sort_by_key(|n| self.index.newest_first(*n));
        nodes
    }

    /// Every listing (all documents, by type, by year, by issuer, and the
    /// full citing lists of much-cited documents), and the counts the home
    /// page and the catalogs show: types, years, issuers.
    pub(super) fn listings(&self) -> (Vec<ListingSpec>, Vec<CountView>, Vec<CountView>, Vec<CountView>) {
        let nodes = self.all_nodes();
        let mut specs = Vec::new();
        let docs: Vec<Node> = nodes.iter().copied().filter(|n| matches!(n, Node::Doc(_))).collect();
        let crumbs = vec![Crumb {
            name: "Văn bản".into(),
            url: None,
        }];
        self.with_filters(
            &mut specs,
            routes::DOCUMENTS,
            "Tất cả văn bản",
            crumbs,
            docs,
            true,
            Facet::Year,
        );
        let mut type_counts = self.by_type(&nodes, &mut specs);
        let year_counts = self.by_year(&nodes, &mut specs);
        let mut issuer_counts = self.by_issuer(&mut specs);
        self.citing_lists(&mut specs);
        issuer_counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        type_counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        (specs, type_counts, year_counts, issuer_counts)
    }

    /// The crumbs of a listing under a catalog ("Loại văn bản" › "Kết luận").
    fn under(&self, catalog: &str, catalog_path: &str, name: &str) -> Vec<Crumb> {
        vec![
            Crumb {
                name: catalog.into(),
                url: Some(self.href(catalog_path)),
            },
            Crumb {
                name: name.to_string(),
                url: None,
            },
        ]
    }

    /// One listing per type word (`loai/<type>/`), and their counts.
    fn by_type(&self, nodes: &[Node], specs: &mut Vec<ListingSpec>) -> Vec<CountView> {
        let mut types: BTreeMap<String, (String, Vec<Node>)> = BTreeMap::new();
        for n in nodes {
            let t = self.index.doc_type(*n).to_string();
            types.entry(slugify(&t)).or_insert_with(|| (t, Vec::new())).1.push(*n);
        }
        let mut counts = Vec::new();
        for (_, (name, list)) in types {
            let path = routes::doc_type(&name);
            counts.push(CountView {
                name: name.clone(),
                url: self.href(&path),
                count: list.len(),
                full: full_texts(&list),
                group: String::new(),
                group_start: false,
            });
            let crumbs = self.under("Loại văn bản", routes::TYPES, &name);
            self.with_filters(specs, &path, &name, crumbs, list, true, Facet::Year);
        }
        counts
    }

    /// One listing per year (`nam/<year>/`, newest first), and their counts.
    fn by_year(&self, nodes: &[Node], specs: &mut Vec<ListingSpec>) -> Vec<CountView> {
        let mut years: BTreeMap<i32, Vec<Node>> = BTreeMap::new();
        for n in nodes {
            if let Some(d) = self.index.date(*n) {
                years.entry(d.year).or_default().push(*n);
            }
        }
        let mut counts = Vec::new();
        for (year, list) in years.into_iter().rev() {
            let path = routes::year(year);
            counts.push(CountView {
                name: format!("Năm {year}"),
                url: self.href(&path),
                count: list.len(),
                full: full_texts(&list),
                group: String::new(),
                group_start: false,
            });
            let crumbs = self.under("Năm ban hành", routes::YEARS, &year.to_string());
            let heading = format!("Văn bản ban hành năm {year}");
            self.with_filters(specs, &path, &heading, crumbs, list, false, Facet::Type);
        }
        counts
    }

    /// The issuer catalog's entries grouped: central bodies, then each
    /// province, then local bodies whose province no document gives (their
    /// name alone does not say which province's they are).
    fn issuers_grouped(&self, mut entries: Vec<CountView>) -> Vec<CountView> {
        let vocabulary = crate::refs::issuers::Vocabulary::builtin();
        let localities: BTreeMap<&str, Option<&str>> = self
            .index
            .issuers
            .values()
            .map(|i| {
                let mut places = i.nodes.iter().filter_map(|n| self.index.locality(*n));
                let first = places.next();
                (i.name.as_str(), first.filter(|f| places.all(|p| p == *f)))
            })
            .collect();
        let group_of = |name: &str| -> (u8, String) {
            let named = vocabulary.whole(name);
            let scope = named.as_ref().map(|n| vocabulary.scope(n));
            match (named.as_ref().and_then(|n| n.province), scope) {
                (Some(p), _) => (1, p.to_string()),
                (None, Some(crate::refs::bodies::Scope::Central)) => (0, "Cơ quan Trung ương".into()),
                (None, _) => match localities.get(name).copied().flatten() {
                    Some(p) => (1, p.to_string()),
                    None if scope.is_some() => (2, "Chưa rõ tỉnh, thành phố (tên cơ quan không ghi địa phương)".into()),
                    None => (3, "Cơ quan khác".into()),
                },
            }
        };
        let mut keyed: Vec<((u8, String, String), CountView)> = entries
            .drain(..)
            .map(|mut e| {
                let (rank, group) = group_of(&e.name);
                e.group = group.clone();
                ((rank, crate::source::key(&group), crate::source::key(&e.name)), e)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<CountView> = Vec::with_capacity(keyed.len());
        for (_, mut e) in keyed {
            e.group_start = out.last().is_none_or(|p| p.group != e.group);
            out.push(e);
        }
        out
    }

    /// One listing per issuing body (`co-quan/<slug>/`), and their counts.
    fn by_issuer(&self, specs: &mut Vec<ListingSpec>) -> Vec<CountView> {
        let mut counts = Vec::new();
        for issuer in self.index.issuers.values() {
            let path = routes::issuer(&issuer.slug);
            counts.push(CountView {
                name: issuer.name.clone(),
                url: self.href(&path),
                count: issuer.nodes.len(),
                full: full_texts(&issuer.nodes),
                group: String::new(),
                group_start: false,
            });
            let crumbs = self.under("Cơ quan ban hành", routes::ISSUERS, &issuer.name);
            let nodes = issuer.nodes.clone();
            self.with_filters(specs, &path, &issuer.name, crumbs, nodes, true, Facet::Year);
        }
        counts
    }

    /// The full list of documents citing a much-cited document
    /// (`van-ban/<slug>/dan-chieu/`): its page shows the first ones.
    fn citing_lists(&self, specs: &mut Vec<ListingSpec>) {
        let index = self.index;
        for n in index.nodes().filter(|n| index.cited_by(*n).len() > BACKLINKS_SHOWN) {
            let (slug, list) = (index.slug(n), index.cited_by(n));
            let name = short_name(index, n);
            let mut citing: Vec<Node> = list.iter().map(|b| Node::Doc(b.doc)).collect();
            citing.sort_by_key(|c| index.newest_first(*c));
            let crumbs = vec![
                Crumb {
                    name: "Văn bản".into(),
                    url: Some(self.href(routes::DOCUMENTS)),
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
            let path = routes::citing(slug);
            let heading = format!("Văn bản dẫn chiếu đến {name}");
            self.with_filters(specs, &path, &heading, crumbs, citing, true, Facet::Year);
        }
    }

    /// The crumbs of a listing narrowed from the one at `path`.
    fn narrowed(&self, crumbs: &[Crumb], path: &str, name: &str) -> Vec<Crumb> {
        let mut out = crumbs.to_vec();
        if let Some(last) = out.last_mut() {
            last.url = Some(self.href(path));
        }
        out.push(Crumb {
            name: name.to_string(),
            url: None,
        });
        out
    }

    /// Pushes a listing and its narrowed listings (`<path>nam/<y>/` or
    /// `<path>loai/<t>/`), all carrying the same filter links.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn with_filters(
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
                    // Keyed without the trailing `/`, so that keys sort as words.
                    Some(d) => (
                        routes::year(d.year).trim_end_matches('/').to_string(),
                        d.year.to_string(),
                    ),
                    None => continue,
                },
                Facet::Type => {
                    let t = self.index.doc_type(*n);
                    (routes::doc_type(t).trim_end_matches('/').to_string(), t.to_string())
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
        // A listing mixing full texts and documents known only from
        // citations can be narrowed to the full texts.
        let full: Vec<Node> = nodes.iter().copied().filter(|n| matches!(n, Node::Doc(_))).collect();
        let mixed = !full.is_empty() && full.len() < nodes.len();
        if mixed {
            links.push(FilterView {
                name: "Chỉ văn bản có toàn văn".into(),
                url: self.href(&routes::full_text(path)),
                count: full.len(),
                current: false,
            });
        }
        let with_current = |i: usize| {
            let mut l = links.clone();
            l[i].current = true;
            l
        };
        if mixed {
            specs.push(ListingSpec {
                path: routes::full_text(path),
                heading: format!("{heading}: có toàn văn"),
                crumbs: self.narrowed(&crumbs, path, "Có toàn văn"),
                nodes: full,
                by_year,
                filter_label: format!("{label} hoặc toàn văn"),
                filters: with_current(links.len() - 1),
            });
        }
        // Filters are worth showing only when they narrow something.
        let useful = order.len() > 1 || mixed;
        specs.push(ListingSpec {
            path: path.to_string(),
            heading: heading.to_string(),
            crumbs: crumbs.clone(),
            nodes,
            by_year,
            filter_label: if mixed {
                format!("{label} hoặc toàn văn")
            } else {
                label.to_string()
            },
            filters: if useful { with_current(0) } else { Vec::new() },
        });
        if !useful {
            return;
        }
        for (k, (key, name, list)) in order.into_iter().enumerate() {
            let sub_crumbs = self.narrowed(&crumbs, path, &name);
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

    pub(super) fn jobs(&self) -> Vec<Job> {
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
                    routes::page(&path, p + 1)
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
                    full: full_texts(&nodes),
                    filter_label: filter_label.clone(),
                    filters: filters.clone(),
                });
            }
        }
        jobs.push(Job::Catalog {
            path: routes::TYPES.into(),
            heading: "Loại văn bản".into(),
            entries: types,
        });
        jobs.push(Job::Catalog {
            path: routes::YEARS.into(),
            heading: "Năm ban hành".into(),
            entries: years,
        });
        jobs.push(Job::Catalog {
            path: routes::ISSUERS.into(),
            heading: "Cơ quan ban hành".into(),
            entries: self.issuers_grouped(issuers),
        });
        jobs
    }

    pub(super) fn job_path(&self, job: &Job) -> String {
        match job {
            Job::Home { .. } => routes::HOME.to_string(),
            Job::Doc(i) => routes::index_file(&routes::document_dir(&self.index.docs[*i].slug)),
            Job::Cited(i) => routes::index_file(&routes::document_dir(&self.index.cited[*i].slug)),
            Job::Listing { path, .. } | Job::Catalog { path, .. } => routes::index_file(path),
            Job::Search => routes::index_file(routes::SEARCH),
            Job::NotFound => routes::NOT_FOUND.to_string(),
            Job::Redirect(i) => {
                let r = &self.index.redirects[*i];
                if r.from.ends_with('/') {
                    routes::index_file(&r.from)
                } else {
                    r.from.clone()
                }
            }
        }
    }

    pub(super) fn pagination(&self, base: &str, path: &str, total_items: usize) -> Pagination {
        let size = self.config.page_size.max(1);
        let total = total_items.div_ceil(size).max(1);
        let current = routes::page_number(base, path);
        let url = |n: usize| {
            if n == 1 {
                self.href(base)
            } else {
                self.href(&routes::page(base, n))
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
}

/// The template a job renders with.
pub(super) fn job_template(job: &Job) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(file: &str, fm: &str, body: &str) -> crate::load::Document {
        let text = format!("---\n{fm}\n---\n{body}\n");
        let (d, diags) = crate::load::parse_document(&text, file, file, &Default::default());
        d.unwrap_or_else(|| panic!("{file}: {diags:?}"))
    }

    #[test]
    fn the_plan_without_templates() {
        let docs = vec![
            doc(
                "a.md",
                "number: 1-CV/TU\ntitle: A\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Phú Thọ\ndate: 2025-07-18",
                "Nội dung.",
            ),
            doc(
                "b.md",
                "number: 2-KH/TU\ntitle: B\nissuer: Ban Thường vụ Tỉnh ủy\nlocality: Phú Thọ\ndate: 2024-03-01",
                "Nội dung.",
            ),
        ];
        let config = Config {
            page_size: 1,
            base_url: "/cong/".into(),
            ..Config::default()
        };
        let (index, _) = crate::graph::build(docs, &config);
        let planner = Planner::new(&index, &config);
        let paths = planner.plan().paths();
        // Exactly these pages: each document, every listing with its facets
        // (a facet only where it narrows) and pages of one document each.
        let want = [
            "404.html",
            "co-quan/ban-thuong-vu-tinh-uy-phu-tho/index.html",
            "co-quan/ban-thuong-vu-tinh-uy-phu-tho/nam/2024/index.html",
            "co-quan/ban-thuong-vu-tinh-uy-phu-tho/nam/2025/index.html",
            "co-quan/ban-thuong-vu-tinh-uy-phu-tho/trang/2/index.html",
            "co-quan/index.html",
            "index.html",
            "loai/cong-van/index.html",
            "loai/index.html",
            "loai/ke-hoach/index.html",
            "nam/2024/index.html",
            "nam/2025/index.html",
            "nam/index.html",
            "tim-kiem/index.html",
            "van-ban/1-cv-tu-phu-tho-2025/index.html",
            "van-ban/2-kh-tu-phu-tho-2024/index.html",
            "van-ban/index.html",
            "van-ban/nam/2024/index.html",
            "van-ban/nam/2025/index.html",
            "van-ban/trang/2/index.html",
        ];
        assert_eq!(paths, want);
        // Every link of the plan is joined to base_url.
        assert_eq!(planner.href("van-ban/"), "/cong/van-ban/");
        let p = planner.pagination("van-ban/", "van-ban/trang/2/", 2);
        assert_eq!((p.current, p.total), (2, 2));
        assert_eq!((p.prev.as_deref(), p.next.as_deref()), (Some("/cong/van-ban/"), None));
        let p = planner.pagination("van-ban/", "van-ban/", 2);
        assert_eq!(
            (p.current, p.prev.as_deref(), p.next.as_deref()),
            (1, None, Some("/cong/van-ban/trang/2/"))
        );
    }

    #[test]
    fn pagination_links_a_window() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(1, 200), [1, 2, 3, 200]);
        assert_eq!(page_window(100, 200), [1, 98, 99, 100, 101, 102, 200]);
        assert_eq!(page_window(200, 200), [1, 198, 199, 200]);
        assert_eq!(page_window(4, 9), [1, 2, 3, 4, 5, 6, 9]);
    }
}
