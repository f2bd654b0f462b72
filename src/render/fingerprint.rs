//! What each page is made from, folded into one number per page: a warm
//! build (see `crate::cache`) renders again only the pages whose number
//! changed since the build that wrote the site.
//!
//! In: the link graph and a job of the page plan. Out: a 64-bit fingerprint
//! (SipHash over everything the page's view reads). Nodes are named by
//! their slugs, never by their position in the index, so that adding or
//! removing a document does not change the fingerprint of pages that do not
//! show it.
//!
//! A node has two digests. Its *own* digest covers everything any page
//! reads about it: its file and text (the text decides the front matter,
//! the citations and the body), its slug, issuers (keys, names, slugs), its
//! references as resolved, its backlinks and its standing. Its *item*
//! digest is the listing line (the [`ItemView`]). The page of a node folds
//! its own digest with the own digests of every node it shows (references,
//! candidates, backlinks, the documents that changed it): a page shows
//! another document's number, title, issuers, date, a sentence of its text
//! or an anchor into it, all in that digest. A listing folds its plan data
//! and its items' digests. The configuration and the theme are not in these
//! numbers: they are in the cache's key, and a change of either renders
//! every page.

use super::plan::Job;
use super::*;
use std::hash::{Hash, Hasher};

/// A hasher that Debug output can be written into (`write!(h, "{x:?}")`).
pub(crate) struct Fold(std::hash::DefaultHasher);

impl Fold {
    pub(crate) fn new(tag: &str) -> Fold {
        let mut h = std::hash::DefaultHasher::new();
        tag.hash(&mut h);
        Fold(h)
    }

    pub(crate) fn str(&mut self, s: &str) -> &mut Fold {
        s.hash(&mut self.0);
        self
    }

    pub(crate) fn num(&mut self, n: u64) -> &mut Fold {
        n.hash(&mut self.0);
        self
    }

    /// Folds a value through its `Hash` (every field, in the derive's order).
    pub(crate) fn hash<T: Hash + ?Sized>(&mut self, v: &T) -> &mut Fold {
        v.hash(&mut self.0);
        self
    }

    /// Folds a value through its Debug form (every field, without naming them here).
    pub(crate) fn debug(&mut self, v: &dyn std::fmt::Debug) -> &mut Fold {
        use std::fmt::Write;
        let _ = write!(self, "{v:?}");
        // An end mark: two values never read as one.
        self.num(0xfe)
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl std::fmt::Write for Fold {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// Bytes written into a fold (a value serialized straight into it).
impl std::io::Write for Fold {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The digests of every node, by [`Node`] position (documents, then cited).
pub(crate) struct Digests {
    own: Vec<u64>,
    item: Vec<u64>,
    docs: usize,
}

impl Digests {
    fn at(&self, n: Node) -> usize {
        match n {
            Node::Doc(i) => i,
            Node::Cited(i) => self.docs + i,
        }
    }

    /// A node's own digest.
    pub(crate) fn own(&self, n: Node) -> u64 {
        self.own[self.at(n)]
    }

    fn item(&self, n: Node) -> u64 {
        self.item[self.at(n)]
    }
}

impl Renderer<'_> {
    /// Every node's digests, in parallel.
    pub(crate) fn digests(&self) -> Digests {
        let nodes: Vec<Node> = self.index.nodes().collect();
        let (own, item) = nodes
            .par_iter()
            .map(|&n| (self.own_digest(n), Fold::new("item").hash(&self.item(n)).finish()))
            .unzip();
        Digests {
            own,
            item,
            docs: self.index.docs.len(),
        }
    }

    /// Slugs of published documents, in order.
    fn fold_docs(&self, h: &mut Fold, docs: impl Iterator<Item = usize>) {
        for j in docs {
            h.str(&self.index.docs[j].slug);
        }
        h.num(0xfd);
    }

    fn fold_issuers(&self, h: &mut Fold, keys: &[String]) {
        for k in keys {
            h.str(k);
            if let Some(i) = self.index.issuers.get(k) {
                h.str(&i.name).str(&i.slug);
            }
        }
        h.num(0xfd);
    }

    fn fold_backlinks(&self, h: &mut Fold, list: &[Backlink]) {
        for b in list {
            h.str(&self.index.docs[b.doc].slug).hash(&b.relation);
        }
        h.num(list.len() as u64);
    }

    fn own_digest(&self, n: Node) -> u64 {
        let index = self.index;
        let mut h = Fold::new("own");
        match n {
            Node::Doc(i) => {
                let d = &index.docs[i];
                // The text by its digest, made when it was read.
                h.str(&d.doc.file)
                    .str(&d.doc.source)
                    .num(d.doc.text_digest)
                    .str(&d.slug);
                self.fold_issuers(&mut h, &d.issuers);
                for r in &d.references {
                    match &r.target {
                        Target::Node(t) => h.str("node").str(index.slug(*t)),
                        Target::Ambiguous(fit) => {
                            h.str("ambiguous");
                            self.fold_docs(&mut h, fit.iter().copied());
                            &mut h
                        }
                    };
                    // By `Hash`, not Debug: Debug escapes every character
                    // of Vietnamese text, and cost most of a warm build's digests.
                    h.hash(&(r.relation, &r.number, &r.text, &r.date, &r.doc_type, r.declared));
                    for m in &r.mentions {
                        h.hash(&(&m.span, m.relation)).debug(&m.origin);
                    }
                    h.num(r.mentions.len() as u64);
                }
                h.num(d.references.len() as u64);
                self.fold_backlinks(&mut h, &d.cited_by);
                let s = &d.standing;
                h.debug(&(s.status, s.report));
                for list in [&s.replaced_by, &s.repealed_by, &s.amended_by] {
                    self.fold_docs(&mut h, list.iter().copied());
                }
            }
            Node::Cited(i) => {
                let c = &index.cited[i];
                h.hash(&(
                    &c.number,
                    &c.doc_type,
                    &c.date,
                    &c.issuers,
                    &c.locality,
                    &c.subject,
                    &c.slug,
                ));
                self.fold_issuers(&mut h, &c.issuer_keys);
                self.fold_backlinks(&mut h, &c.cited_by);
            }
        }
        h.finish()
    }

    /// The nodes the page of `n` shows besides itself.
    fn shown(&self, n: Node) -> Vec<Node> {
        let index = self.index;
        let mut out: Vec<Node> = index.cited_by(n).iter().map(|b| Node::Doc(b.doc)).collect();
        if let Node::Doc(i) = n {
            let d = &index.docs[i];
            for r in &d.references {
                match &r.target {
                    Target::Node(t) => out.push(*t),
                    Target::Ambiguous(fit) => out.extend(fit.iter().map(|&j| Node::Doc(j))),
                }
            }
            let s = &d.standing;
            out.extend(
                [&s.replaced_by, &s.repealed_by, &s.amended_by]
                    .into_iter()
                    .flatten()
                    .map(|&j| Node::Doc(j)),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The fingerprint of the page a job makes.
    pub(super) fn fingerprint(&self, job: &Job, d: &Digests) -> u64 {
        let mut h = Fold::new("page");
        match job {
            Job::Doc(i) => self.fold_node(&mut h, Node::Doc(*i), d),
            Job::Cited(i) => self.fold_node(&mut h, Node::Cited(*i), d),
            Job::Home { types, issuers } => {
                h.str("home").hash(types).hash(issuers);
                let latest = self
                    .planner
                    .all_nodes()
                    .into_iter()
                    .filter(|n| matches!(n, Node::Doc(_)));
                for n in latest.take(10) {
                    h.num(d.item(n));
                }
                let index = self.index;
                h.debug(&(index.docs.len(), index.cited.len(), index.issuers.len()));
            }
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
                // By `Hash`, not Debug (which escapes every Vietnamese letter).
                h.str("list").str(path).str(base).str(heading).hash(crumbs);
                h.hash(&(by_year, total, full, filter_label, filters));
                for n in nodes {
                    h.num(d.item(*n));
                }
            }
            Job::Catalog { path, heading, entries } => {
                h.str("catalog").str(path).str(heading).hash(entries);
            }
            Job::Search => {
                h.str("search");
            }
            Job::NotFound => {
                h.str("404");
            }
            Job::Redirect(i) => {
                let r = &self.index.redirects[*i];
                h.str("redirect").str(&r.from).str(self.index.slug(r.to));
            }
        }
        h.str(job_template(job));
        h.finish()
    }

    fn fold_node(&self, h: &mut Fold, n: Node, d: &Digests) {
        h.str(match n {
            Node::Doc(_) => "doc",
            Node::Cited(_) => "cited",
        });
        h.num(d.own(n));
        let mut shown: Vec<u64> = self.shown(n).into_iter().map(|m| d.own(m)).collect();
        // As a set: the order is the node's own (in its digest).
        shown.sort_unstable();
        for s in shown {
            h.num(s);
        }
    }
}

/// The fingerprint of a file made whole (open data, search index, static
/// files): its bytes.
pub(crate) fn of_bytes(bytes: &[u8]) -> u64 {
    let mut h = Fold::new("bytes");
    h.0.write(bytes);
    h.finish()
}
