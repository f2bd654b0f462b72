//! Rendering: from the link graph to the pages of the site.
//!
//! In: the [`Index`], the configuration and a [`Theme`]. Out: every page as
//! a [`Page`] (a site-relative path and its bytes), sorted by path, or the
//! diagnostics of the pages that failed, each naming the page and the
//! template.
//!
//! Templates only see the documented view structs of `views.rs`, with every list
//! already sorted and every URL already joined to `base_url`, so a theme never
//! reaches into the graph. Pages render in parallel; each page is a pure
//! function of the index, so the output does not depend on thread count.

mod fingerprint;
mod jsonld;
mod node;
mod plan;
mod sentence;
mod views;

pub(crate) use fingerprint::{of_bytes, Digests, Fold};
pub(crate) use node::{full_name, short_name};
pub(crate) use plan::{Plan, Planner};
pub(crate) use sentence::{citing_sentence, sentence_at};
pub(crate) use views::*;

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::graph::{Backlink, Index, Node, Target};
use crate::load::Status;
use crate::markdown;
use crate::refs::Relation;
use crate::routes;
use crate::source::slugify;
use crate::theme::{error_chain, Theme};
use plan::{job_template, Job};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Backlinks shown on a page; the rest are on its `dan-chieu/` listing.
pub(crate) const BACKLINKS_SHOWN: usize = 50;

/// Documents on each side of the relation scheme.
pub(crate) const SCHEME_ROWS: usize = 6;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Site-relative path with `/` separators (`van-ban/127-kl-tw-2025/index.html`).
    pub path: String,
    /// The bytes to write.
    pub bytes: Vec<u8>,
}

/// What [`Renderer::render_each`] made: every page's path with its
/// fingerprint (sorted), and how many pages were rendered.
pub(crate) type Rendered = (Vec<(String, u64)>, usize);

/// The shared helpers of one render.
pub(crate) struct Renderer<'a> {
    index: &'a Index,
    theme: &'a Theme,
    /// The page plan.
    planner: Planner<'a>,
    site: SiteView,
    /// `site` as a template value, made once.
    site_value: tera::Value,
    /// Listing items by node (documents, then cited documents), made on first use.
    items: Vec<std::sync::OnceLock<tera::Value>>,
    /// The anchors of each document's text, made when a pinpoint first
    /// points into it.
    anchors: Vec<std::sync::OnceLock<rustc_hash::FxHashSet<String>>>,
    /// Time spent per template (views and Tera), in nanoseconds, and pages.
    spent: [(std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64); TEMPLATE_COUNT],
}

const TEMPLATE_COUNT: usize = crate::theme::TEMPLATES.len();

/// The partial a listing item is rendered with.
const ITEM_PARTIAL: &str = "partials/item.html";

impl<'a> Renderer<'a> {
    /// Prepares a render. Bodies are rendered with their page: a full build
    /// never holds every body in memory at once.
    pub(crate) fn new(index: &'a Index, config: &'a Config, theme: &'a Theme) -> Self {
        let site = SiteView {
            title: config.title.clone(),
            base: config.base_url.clone(),
            language: config.language.clone(),
        };
        Renderer {
            index,
            theme,
            planner: Planner::new(index, config),
            site_value: tera::Value::from_serializable(&site),
            site,
            items: (0..index.docs.len() + index.cited.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            anchors: (0..index.docs.len()).map(|_| std::sync::OnceLock::new()).collect(),
            spent: std::array::from_fn(|_| Default::default()),
        }
    }

    /// The rendered body of document `i`, with its citations linked.
    fn body(&self, i: usize) -> markdown::Rendered {
        let d = &self.index.docs[i];
        markdown::render_with_links(d.doc.body(), &self.links(d))
    }

    /// The citation links of a document's body. A citation after a
    /// pinpoint (`khoản 2 Điều 5 Nghị định số …`) of a published document
    /// leads to that article's anchor when the document has it.
    fn links(&self, d: &crate::graph::DocNode) -> Vec<markdown::Link> {
        let body = d.doc.body();
        let mut out = Vec::new();
        let mut unclear = 0;
        for r in &d.references {
            let mentions = r
                .mentions
                .iter()
                .map(|m| &m.span)
                .filter(|m| m.start >= d.doc.body_offset);
            let ranges = mentions.map(|m| m.start - d.doc.body_offset..m.end - d.doc.body_offset);
            let n = match &r.target {
                Target::Node(n) => *n,
                Target::Ambiguous(_) => {
                    unclear += 1;
                    out.extend(ranges.map(|range| markdown::Link {
                        range,
                        href: format!("#{}", views::unclear_anchor(unclear)),
                        title: format!(
                            "{} số {}: nhiều văn bản cùng số; xem các khả năng",
                            r.doc_type, r.number
                        ),
                        ambiguous: true,
                    }));
                    continue;
                }
            };
            let href = self.href(&self.index.url(n));
            let title = full_name(self.index, n);
            for range in ranges {
                let fragment = match n {
                    Node::Doc(j) => body.get(..range.start).and_then(|before| {
                        crate::outline::fragment(before, || {
                            self.anchors[j].get_or_init(|| markdown::anchors(self.index.docs[j].doc.body()))
                        })
                    }),
                    Node::Cited(_) => None,
                };
                out.push(markdown::Link {
                    range,
                    href: match fragment {
                        Some(f) => format!("{href}#{f}"),
                        None => href.clone(),
                    },
                    title: title.clone(),
                    ambiguous: false,
                });
            }
        }
        out
    }

    /// Every page this render would make, for rendering one page at a time.
    pub(crate) fn plan(&self) -> Plan {
        self.planner.plan()
    }

    /// Renders the page of a document or cited document.
    pub(crate) fn render_node(&self, n: Node) -> Result<Page, Diagnostic> {
        match n {
            Node::Doc(i) => self.render_job(&Job::Doc(i)),
            Node::Cited(i) => self.render_job(&Job::Cited(i)),
        }
    }

    /// Renders the page at `path` (`van-ban/x/index.html`), if the plan has it.
    pub(crate) fn render_path(&self, plan: &Plan, path: &str) -> Option<Result<Page, Diagnostic>> {
        plan.by_path.get(path).map(|&i| self.render_job(&plan.jobs[i]))
    }

    /// A site-relative path (`/van-ban/x/`) joined to `base_url`.
    pub(crate) fn href(&self, path: &str) -> String {
        [self.site.base.as_str(), path.trim_start_matches('/')].concat()
    }

    /// The first paragraph of a document, for summaries.
    pub(crate) fn first_paragraph(&self, doc: usize) -> String {
        self.body(doc).first_paragraph
    }

    /// Renders every page and hands each to `sink` as soon as it is made (in
    /// parallel), so that the site is never held in memory whole; a page
    /// whose path and fingerprint `keep` accepts (a warm build's unchanged
    /// page, still on disk) is neither rendered nor handed on. Returns every
    /// page's path with its fingerprint, sorted, and how many were rendered;
    /// or every error.
    pub(crate) fn render_each(
        &self,
        digests: &Digests,
        start: &dyn Fn(usize),
        tick: &(dyn Fn() + Sync),
        sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync),
        keep: &(dyn Fn(&str, u64) -> bool + Sync),
    ) -> Result<Rendered, Vec<Diagnostic>> {
        let jobs = self.planner.jobs();
        start(jobs.len());
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<Result<(String, u64), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let (path, fp) = (self.planner.job_path(job), self.fingerprint(job, digests));
                let r = if keep(&path, fp) {
                    Ok((path, fp))
                } else {
                    rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    self.render_job(job).and_then(|page| sink(page).map(|()| (path, fp)))
                };
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
            let fp = of_bytes(bytes);
            if keep(path, fp) {
                paths.push((path.clone(), fp));
                continue;
            }
            let page = Page {
                path: path.clone(),
                bytes: bytes.clone(),
            };
            match sink(page) {
                Ok(()) => paths.push((path.clone(), fp)),
                Err(d) => diags.push(d),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        paths.sort();
        Ok((paths, rendered.into_inner()))
    }

    /// The listing items made for this render, to be freed elsewhere (they
    /// outlive the renderer, which borrows the index).
    pub(crate) fn into_items(self) -> Vec<std::sync::OnceLock<tera::Value>> {
        self.items
    }

    /// Time spent per template, slowest first: (template, total, pages).
    pub(crate) fn template_times(&self) -> Vec<(&'static str, std::time::Duration, u64)> {
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

    /// A node's page: its view as `doc`, under "Văn bản".
    fn insert_node(&self, ctx: &mut tera::Context, view: DocView<'_>) {
        let crumbs = vec![
            Crumb {
                name: "Văn bản".into(),
                url: Some(self.href(routes::DOCUMENTS)),
            },
            Crumb {
                name: [view.doc_type, " số ", view.number].concat(),
                url: None,
            },
        ];
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert("doc", &view);
    }

    fn render_job_untimed(&self, job: &Job) -> Result<Page, Diagnostic> {
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("breadcrumbs", &Vec::<Crumb>::new());
        match job {
            Job::Home { types, issuers } => {
                let nodes: Vec<Node> = self
                    .planner
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
            Job::Doc(i) => self.insert_node(&mut ctx, self.doc_view(*i)),
            Job::Cited(i) => self.insert_node(&mut ctx, self.cited_view(*i)),
            Job::Listing {
                path,
                base,
                heading,
                crumbs,
                nodes,
                by_year,
                total,
                full,
                filter_label,
                filters,
            } => {
                ctx.insert("filter_label", filter_label);
                ctx.insert("filters", filters);
                ctx.insert("heading", heading);
                ctx.insert("breadcrumbs", crumbs);
                ctx.insert("total", total);
                ctx.insert("full", full);
                ctx.insert("groups", &self.groups(nodes, *by_year));
                ctx.insert("pagination", &self.planner.pagination(base, path, *total));
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
        let (path, template) = (self.planner.job_path(job), job_template(job));
        // Straight into bytes: the templates and values are UTF-8 already.
        let mut bytes = Vec::with_capacity(32 * 1024);
        match self.theme.tera.render_to(template, &ctx, &mut bytes) {
            Ok(()) => Ok(Page { path, bytes }),
            Err(e) => Err(Diagnostic::error(
                Code::Render,
                format!("không tạo được trang `{path}` từ mẫu `{template}`: {}", error_chain(&e)),
            )
            .hint("kiểm tra các biến mà mẫu dùng; danh sách biến có trong README (mục Giao diện)")),
        }
    }
}
