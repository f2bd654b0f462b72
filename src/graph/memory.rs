//! The graph as a build leaves it, with what an edit needs to patch it:
//! each document's resolution, each group of cited pages, the look-ups by
//! number and sequence, who cites which number, and the URL tables.
//!
//! A whole build ([`Memory::build`]) makes all of it from the documents; the
//! dev server keeps it between edits (see [`super::update`]), and a one-shot
//! build keeps only the [`Index`]. Both paths make every piece with the same
//! functions (per document, per group, per node), so that an edit can make
//! again only the pieces it can change.

use super::cited::{finish, groups_of, make_group, GroupKey};
use super::identity::{identity, ExternalKey, Identity};
use super::links::{backlinks, issuer_listings, standings};
use super::merge::references_of;
use super::resolve::{Lookup, Resolved};
use super::urls::{check_urls, Urls};
use super::*;

/// One group of cited pages: the documents citing it (node order), the
/// keys of its pages, and the warnings of its facts.
#[derive(Debug, Clone, Default)]
pub(super) struct Group {
    pub(super) members: Vec<usize>,
    pub(super) keys: Vec<ExternalKey>,
    pub(super) diags: Vec<Diagnostic>,
}

/// An identity with its parts owned (see [`identity`]).
pub(super) type OwnedIdentity = (String, String, Option<(i32, u32, u32)>);

pub(super) fn owned(id: Identity) -> OwnedIdentity {
    (id.0.to_string(), id.1.to_string(), id.2)
}

/// The look-ups an edit needs, made only when the graph is kept.
#[derive(Debug, Clone, Default)]
pub(super) struct Lookups {
    /// Documents by number key and by sequence number, in node order.
    pub(super) by_number: FxHashMap<String, Vec<usize>>,
    pub(super) by_seq: FxHashMap<u32, Vec<usize>>,
    /// Documents citing a number key, and with a short form of a sequence.
    pub(super) citers: FxHashMap<String, Vec<usize>>,
    pub(super) short_citers: FxHashMap<u32, Vec<usize>>,
    /// Each document's identity.
    pub(super) identities: FxHashMap<OwnedIdentity, usize>,
    /// How many documents name each node only without a date.
    pub(super) undated_count: FxHashMap<Node, u32>,
    /// The undated URL each node wants.
    pub(super) want_of: FxHashMap<Node, String>,
}

/// The graph and what makes it, kept between the dev server's rebuilds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Memory {
    pub(super) index: Index,
    /// The documents in node order.
    pub(super) docs: Vec<Arc<Document>>,
    pub(super) locality_keys: Vec<Option<String>>,
    pub(super) resolved: Vec<Resolved>,
    /// The pages each document names only without a date.
    pub(super) undated: Vec<Vec<Node>>,
    pub(super) standing_warnings: Vec<Option<Diagnostic>>,
    pub(super) groups: BTreeMap<GroupKey, Group>,
    /// The key of each cited page, and the position of each key.
    pub(super) cited_keys: Vec<ExternalKey>,
    pub(super) positions: FxHashMap<ExternalKey, usize>,
    pub(super) urls: Urls,
    /// Duplicate identities and refused URLs: an edit is not patched
    /// while there are any.
    pub(super) errors: Vec<Diagnostic>,
    pub(super) lookups: Lookups,
    /// The configuration the graph was made with, as far as it decides it
    /// besides the vocabulary (which comes from the same file).
    pub(super) config: (Option<String>, BTreeMap<String, String>),
}

impl Memory {
    /// The graph of `documents` from nothing, with the documents left out
    /// as duplicates. `keep`: make the look-ups an edit needs.
    pub(crate) fn build(documents: Vec<Arc<Document>>, config: &Config, keep: bool) -> (Memory, Vec<Arc<Document>>) {
        let mut m = Memory {
            config: (config.locality.clone(), config.issuer_aliases.clone()),
            ..Memory::default()
        };
        let (dropped, identities) = m.nodes(documents, config, keep);
        m.docs = m.index.docs.iter().map(|d| Arc::clone(&d.doc)).collect();
        let mut by_number: FxHashMap<&str, Vec<usize>> =
            FxHashMap::with_capacity_and_hasher(m.docs.len(), Default::default());
        let mut by_seq: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (i, d) in m.docs.iter().enumerate() {
            by_number.entry(d.number.key()).or_default().push(i);
            by_seq.entry(d.number.seq).or_default().push(i);
        }
        let lookup = Lookup {
            docs: &m.docs,
            locality_keys: &m.locality_keys,
            by_number: &by_number,
            by_seq: &by_seq,
            vocabulary: &config.vocabulary,
        };
        m.resolved = (0..m.docs.len()).into_par_iter().map(|i| lookup.resolve(i)).collect();
        let lookups = keep.then(|| Lookups {
            by_number: by_number.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
            by_seq,
            identities,
            ..Lookups::default()
        });
        drop(by_number);
        m.cited_pages(config);
        m.link();
        if let Some(lookups) = lookups {
            m.lookups = lookups;
            m.fill_lookups();
        }
        (m, dropped)
    }

    /// Document nodes with their slugs and issuers; duplicates reported and
    /// left out. Returns them, with the identities of the documents kept.
    fn nodes(
        &mut self,
        documents: Vec<Arc<Document>>,
        config: &Config,
        keep: bool,
    ) -> (Vec<Arc<Document>>, FxHashMap<OwnedIdentity, usize>) {
        // What each document alone decides (locality key, URL segment), in
        // parallel; each distinct issuing body is qualified once per build.
        let locality_keys: Vec<Option<String>> = documents.par_iter().map(|d| d.locality.as_deref().map(key)).collect();
        let slugs: Vec<String> = documents.par_iter().map(|doc| doc_slug(doc)).collect();
        let bodies = qualified_bodies(&documents, config);
        let mut seen: FxHashMap<Identity, usize> =
            FxHashMap::with_capacity_and_hasher(documents.len(), Default::default());
        let mut kept = vec![false; documents.len()];
        for (i, doc) in documents.iter().enumerate() {
            let id = identity(&doc.number, locality_keys[i].as_deref(), doc.date);
            if let Some(&first) = seen.get(&id) {
                self.errors.push(duplicate(doc, &documents[first]));
                continue;
            }
            seen.insert(id, i);
            kept[i] = true;
        }
        // Each kept document's node, for the identities an edit checks.
        let mut identities = FxHashMap::default();
        if keep {
            let mut node_of = vec![0; kept.len()];
            let mut next = 0;
            for (i, k) in kept.iter().enumerate() {
                node_of[i] = next;
                next += usize::from(*k);
            }
            identities = seen.into_iter().map(|(id, i)| (owned(id), node_of[i])).collect();
        } else {
            drop(seen);
        }
        for ((doc, slug), (is_kept, loc)) in documents.iter().zip(slugs).zip(kept.iter().zip(locality_keys)) {
            if !is_kept {
                continue;
            }
            let pairs: Vec<(String, String)> = doc
                .issuers
                .iter()
                .filter_map(|name| {
                    bodies
                        .get(&(name.as_str(), doc.locality.as_deref(), doc.number.is_local()))
                        .cloned()
                })
                .collect();
            let issuers = self.register(pairs);
            self.locality_keys.push(loc);
            self.index.docs.push(Arc::new(DocNode {
                doc: Arc::clone(doc),
                slug,
                issuers,
                references: Vec::new(),
                cited_by: Vec::new(),
                standing: Standing::default(),
            }));
        }
        drop(bodies);
        let dropped = documents
            .into_iter()
            .zip(kept)
            .filter(|(_, k)| !k)
            .map(|(d, _)| d)
            .collect();
        (dropped, identities)
    }

    /// Issuers by (name, slug), entered in the index when new (the first
    /// name of a slug stays); their slugs, once each.
    pub(super) fn register(&mut self, pairs: Vec<(String, String)>) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for (name, slug) in pairs {
            if !self.index.issuers.contains_key(&slug) {
                self.index.issuers.insert(
                    slug.clone(),
                    Issuer {
                        name,
                        slug: slug.clone(),
                        nodes: Vec::new(),
                    },
                );
            }
            if !keys.contains(&slug) {
                keys.push(slug);
            }
        }
        keys
    }

    /// The cited pages of every group, sorted by slug into `index.cited`;
    /// each pending citation's page noted.
    fn cited_pages(&mut self, config: &Config) {
        let groups = groups_of(&self.docs, &self.resolved);
        // Each group with where its entries stand (document, pending) and what it made.
        type GroupMade = (GroupKey, Vec<(usize, usize)>, super::cited::Made);
        let made: Vec<GroupMade> = groups
            .into_par_iter()
            .map(|(k, entries)| {
                let at: Vec<(usize, usize)> = entries.iter().map(|e| (e.doc, e.at)).collect();
                (k, at, make_group(&entries))
            })
            .collect();
        for r in &mut self.resolved {
            r.pages = vec![ExternalKey::default(); r.pending.len()];
        }
        let mut all: Vec<(ExternalKey, Cited)> = Vec::new();
        for (k, at, made) in made {
            let mut members: Vec<usize> = at.iter().map(|(d, _)| *d).collect();
            members.dedup();
            for ((doc, p), page) in at.into_iter().zip(made.pages) {
                self.resolved[doc].pages[p] = page;
            }
            let keys: Vec<ExternalKey> = made.nodes.keys().cloned().collect();
            all.extend(made.nodes);
            self.groups.insert(
                k,
                Group {
                    members,
                    keys,
                    diags: made.diags,
                },
            );
        }
        for (_, c) in &mut all {
            let names = finish(c, config);
            self.register(names);
        }
        all.sort_by(|a, b| (&a.1.slug, &a.0).cmp(&(&b.1.slug, &b.0)));
        self.positions = all.iter().enumerate().map(|(pos, (k, _))| (k.clone(), pos)).collect();
        let (keys, cited): (Vec<ExternalKey>, Vec<Cited>) = all.into_iter().unzip();
        self.cited_keys = keys;
        self.index.cited = cited.into_iter().map(Arc::new).collect();
    }

    /// References, URLs, backlinks, standings and listings of the whole graph.
    fn link(&mut self) {
        let idx: &Index = &self.index;
        let made: Vec<(Vec<Reference>, Vec<Node>)> = (0..self.docs.len())
            .into_par_iter()
            .map(|i| references_of(idx, &self.docs[i], &self.resolved[i], &self.positions))
            .collect();
        for (d, (references, undated)) in self.index.docs.iter_mut().zip(made) {
            Arc::make_mut(d).references = references;
            self.index.cited_undated.extend(undated.iter().copied());
            self.undated.push(undated);
        }
        self.urls = check_urls(&mut self.index, &mut self.errors);
        backlinks(&mut self.index);
        self.standing_warnings = standings(&mut self.index);
        issuer_listings(&mut self.index);
    }

    /// Who cites which number and sequence, how many name each page only
    /// without a date, and the undated URL each node wants.
    fn fill_lookups(&mut self) {
        let l = &mut self.lookups;
        for (i, d) in self.docs.iter().enumerate() {
            for key in cited_numbers(d) {
                l.citers.entry(key).or_default().push(i);
            }
            for seq in short_seqs(d) {
                l.short_citers.entry(seq).or_default().push(i);
            }
        }
        for list in &self.undated {
            for n in list {
                *l.undated_count.entry(*n).or_default() += 1;
            }
        }
        for (from, nodes) in &self.urls.wanted {
            for n in nodes {
                l.want_of.insert(*n, from.clone());
            }
        }
    }

    /// Every diagnostic of the graph.
    pub(super) fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.errors.clone();
        for r in &self.resolved {
            all.extend(r.diags.iter().cloned());
        }
        for g in self.groups.values() {
            all.extend(g.diags.iter().cloned());
        }
        all.extend(self.standing_warnings.iter().flatten().cloned());
        all
    }
}

/// The number keys a document cites, once each.
pub(super) fn cited_numbers(d: &Document) -> Vec<String> {
    let mut keys: Vec<String> = d.citations.iter().map(|c| c.number.key().to_string()).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The sequence numbers of a document's short forms, once each.
pub(super) fn short_seqs(d: &Document) -> Vec<u32> {
    let mut seqs: Vec<u32> = d.shorts.iter().map(|s| s.seq).collect();
    seqs.sort_unstable();
    seqs.dedup();
    seqs
}

/// A document's URL segment: its `slug`, else its identity's.
pub(super) fn doc_slug(doc: &Document) -> String {
    match &doc.slug {
        Some((s, _)) => s.clone(),
        None => identity_slug(&doc.number, doc.locality.as_deref(), doc.date),
    }
}

/// The error of a document with the identity of an earlier one.
fn duplicate(doc: &Document, other: &Document) -> Diagnostic {
    Diagnostic::error(Code::Dup, format!("văn bản `{}` trùng với văn bản ở `{}`", doc.number.canonical, other.file))
        .at(&doc.file, doc.number_span.clone())
        .label("cùng số, cùng địa phương, cùng thời kỳ")
        .hint(format!(
            "mỗi văn bản chỉ một tệp: xóa một trong hai tệp `{}` và `{}`, hoặc sửa `date`/`locality` nếu đây là hai văn bản khác nhau",
            other.file, doc.file
        ))
}

/// Each distinct issuing body of the documents (name, locality, local
/// series), qualified once per build: its full name and slug.
type Bodies<'a> = FxHashMap<(&'a str, Option<&'a str>, bool), (String, String)>;

fn qualified_bodies<'a>(documents: &'a [Arc<Document>], config: &Config) -> Bodies<'a> {
    let mut bodies: Bodies = FxHashMap::default();
    for doc in documents {
        for name in &doc.issuers {
            let k = (name.as_str(), doc.locality.as_deref(), doc.number.is_local());
            bodies.entry(k).or_insert_with(|| {
                let full = super::facts::qualified_issuer(name, &doc.number, doc.locality.as_deref(), config);
                let slug = slugify(&full);
                (full, slug)
            });
        }
    }
    bodies
}
