//! An edit followed through the graph: the documents that changed in place
//! re-resolve the numbers they can change and nothing else.
//!
//! What a changed document can change: the candidates of its own number
//! (old and new), so the documents citing that number resolve again, and
//! those whose short forms name its sequence number; its own citations, so
//! the groups of cited pages they were or are in are made again, and the
//! documents of a group whose pages changed merge their references again.
//! The nodes those references leave or reach get their backlinks again,
//! the documents among them their standing; the issuers of the changed
//! nodes their listing; the undated URLs of the changed nodes their
//! redirect.
//!
//! Whatever an edit would change that is not local falls back to a whole
//! build (the caller's): files added or removed, many files, any duplicate
//! or refused URL before or after, aliases on a document that changed or a
//! slug that moves beside aliases, a cited page that appears, goes or
//! changes its slug (every later page would move), another configuration.
//! Every patch equals a whole build: `tests/graph_edits.rs` checks it on
//! random edit sequences.

use super::cited::{finish, group_key, make_group, Entry, GroupKey};
use super::facts::standing_of;
use super::identity::identity;
use super::links::{doc_issuers, patch_backlinks, relist};
use super::memory::{cited_numbers, doc_slug, owned, short_seqs, Memory, OwnedIdentity};
use super::merge::references_of;
use super::resolve::{Lookup, Resolved};
use super::urls::{redirect_to, undated_url};
use super::*;
use rustc_hash::FxHashSet;

/// At most this many documents changed for an edit to be patched.
const MOST: usize = 64;

/// The path a page takes in the URL table (`van-ban/<slug>/`).
fn page_key(slug: &str) -> String {
    crate::routes::document(slug).trim_matches('/').to_string() + "/"
}

fn insert_sorted<T: Ord>(v: &mut Vec<T>, x: T) {
    if let Err(p) = v.binary_search(&x) {
        v.insert(p, x);
    }
}

fn remove_sorted<T: Ord>(v: &mut Vec<T>, x: &T) {
    if let Ok(p) = v.binary_search(x) {
        v.remove(p);
    }
}

/// The identity of a document, owned.
fn identity_of(d: &Document) -> OwnedIdentity {
    let loc = d.locality.as_deref().map(key);
    owned(identity(&d.number, loc.as_deref(), d.date))
}

/// What an edit changes, gathered as it goes.
#[derive(Default)]
struct Dirty {
    /// Issuers whose listing or name may change.
    issuers: BTreeSet<String>,
    /// Page paths freed or taken.
    urls: BTreeSet<String>,
    /// Documents to merge again.
    remerge: BTreeSet<usize>,
    /// Cited pages whose contents changed.
    cited: Vec<usize>,
}

impl Memory {
    /// Patches the graph for `documents` (node order); `false` when the
    /// change is not one an edit can follow (the caller then builds whole;
    /// the memory is then not to be used).
    pub(crate) fn update(&mut self, documents: &[Arc<Document>], config: &Config) -> bool {
        match self.changes(documents, config) {
            None => false,
            Some(changed) if changed.is_empty() => true,
            Some(changed) => self.patch(documents, &changed, config),
        }
    }

    /// The documents that changed in place, when the change can be
    /// followed: same files in the same order, few changed, no identity or
    /// URL taken twice, no alias in the way.
    fn changes(&self, documents: &[Arc<Document>], config: &Config) -> Option<Vec<usize>> {
        let same_config = self.config.0 == config.locality && self.config.1 == config.issuer_aliases;
        if !same_config || !self.errors.is_empty() || documents.len() != self.docs.len() {
            return None;
        }
        let changed: Vec<usize> = (0..documents.len())
            .filter(|&i| !Arc::ptr_eq(&documents[i], &self.docs[i]))
            .collect();
        if changed.len() > MOST {
            return None;
        }
        let mut freed_ids: FxHashSet<OwnedIdentity> = FxHashSet::default();
        let mut freed_urls: FxHashSet<String> = FxHashSet::default();
        for &i in &changed {
            let (old, new) = (&self.docs[i], &documents[i]);
            if old.file != new.file || !old.aliases.is_empty() || !new.aliases.is_empty() {
                return None;
            }
            freed_ids.insert(identity_of(old));
            freed_urls.insert(page_key(&self.index.docs[i].slug));
        }
        let mut new_ids: FxHashSet<OwnedIdentity> = FxHashSet::default();
        let mut new_urls: FxHashSet<String> = FxHashSet::default();
        for &i in &changed {
            let new = &documents[i];
            let id = identity_of(new);
            let taken_id = self.lookups.identities.contains_key(&id) && !freed_ids.contains(&id);
            if taken_id || !new_ids.insert(id) {
                return None;
            }
            let slug = doc_slug(new);
            if slug != self.index.docs[i].slug && self.urls.aliases {
                return None;
            }
            let url = page_key(&slug);
            let taken_url = self.urls.taken.contains_key(&url) && !freed_urls.contains(&url);
            if taken_url || !new_urls.insert(url) {
                return None;
            }
        }
        Some(changed)
    }

    /// Follows the edit of the `changed` documents through the graph.
    fn patch(&mut self, documents: &[Arc<Document>], changed: &[usize], config: &Config) -> bool {
        let mut dirty = Dirty::default();
        let (numbers, seqs) = self.renode(documents, changed, config, &mut dirty);
        let again = self.resolve_again(changed, &numbers, &seqs, config);
        if !self.regroup(&again, config, &mut dirty) {
            return false;
        }
        let (touched, flipped) = self.remerge(&dirty.remerge);
        // Backlinks of the nodes references left or reach; standings of the
        // documents among them and of the changed ones.
        let citing: FxHashSet<usize> = dirty.remerge.iter().copied().collect();
        patch_backlinks(&mut self.index, &touched, &citing);
        let mut standing: BTreeSet<usize> = changed.iter().copied().collect();
        standing.extend(touched.iter().filter_map(|n| match n {
            Node::Doc(i) => Some(*i),
            Node::Cited(_) => None,
        }));
        for i in standing {
            let (s, warning) = standing_of(&self.index, i);
            if self.index.docs[i].standing != s {
                Arc::make_mut(&mut self.index.docs[i]).standing = s;
            }
            self.standing_warnings[i] = warning;
        }
        let mut nodes: Vec<Node> = changed.iter().map(|&i| Node::Doc(i)).collect();
        nodes.extend(dirty.cited.iter().map(|&j| Node::Cited(j)));
        for slug in &dirty.issuers {
            relist(&mut self.index, slug, &nodes, &self.cited_keys, config);
        }
        nodes.extend(flipped);
        self.redirect_again(&nodes, &dirty.urls);
        true
    }

    /// The changed documents' nodes, URL and look-ups; returns the number
    /// keys and sequence numbers whose documents changed.
    fn renode(
        &mut self,
        documents: &[Arc<Document>],
        changed: &[usize],
        config: &Config,
        dirty: &mut Dirty,
    ) -> (BTreeSet<String>, BTreeSet<u32>) {
        let (mut numbers, mut seqs) = (BTreeSet::new(), BTreeSet::new());
        let l = &mut self.lookups;
        for &i in changed {
            let old = &self.docs[i];
            l.identities.remove(&identity_of(old));
            let url = page_key(&self.index.docs[i].slug);
            if self.urls.taken.get(&url) == Some(&Node::Doc(i)) {
                self.urls.taken.remove(&url);
            }
            dirty.urls.insert(url);
            numbers.insert(old.number.key().to_string());
            seqs.insert(old.number.seq);
            remove_sorted(l.by_number.entry(old.number.key().to_string()).or_default(), &i);
            remove_sorted(l.by_seq.entry(old.number.seq).or_default(), &i);
            for k in cited_numbers(old) {
                remove_sorted(l.citers.entry(k).or_default(), &i);
            }
            for s in short_seqs(old) {
                remove_sorted(l.short_citers.entry(s).or_default(), &i);
            }
        }
        for &i in changed {
            let new = &documents[i];
            self.docs[i] = Arc::clone(new);
            self.locality_keys[i] = new.locality.as_deref().map(key);
            l.identities.insert(identity_of(new), i);
            numbers.insert(new.number.key().to_string());
            seqs.insert(new.number.seq);
            insert_sorted(l.by_number.entry(new.number.key().to_string()).or_default(), i);
            insert_sorted(l.by_seq.entry(new.number.seq).or_default(), i);
            for k in cited_numbers(new) {
                insert_sorted(l.citers.entry(k).or_default(), i);
            }
            for s in short_seqs(new) {
                insert_sorted(l.short_citers.entry(s).or_default(), i);
            }
            let slug = doc_slug(new);
            let url = page_key(&slug);
            self.urls.taken.insert(url.clone(), Node::Doc(i));
            dirty.urls.insert(url);
            let mut keys: Vec<String> = Vec::new();
            for (_, s) in doc_issuers(new, config) {
                if !keys.contains(&s) {
                    keys.push(s);
                }
            }
            let node = Arc::make_mut(&mut self.index.docs[i]);
            dirty.issuers.extend(node.issuers.iter().cloned());
            dirty.issuers.extend(keys.iter().cloned());
            node.doc = Arc::clone(new);
            node.slug = slug;
            node.issuers = keys;
        }
        (numbers, seqs)
    }

    /// Resolves again the changed documents and those citing their numbers
    /// (old and new) or naming their sequence numbers in a short form;
    /// returns them, with the groups each was and is in.
    fn resolve_again(
        &mut self,
        changed: &[usize],
        numbers: &BTreeSet<String>,
        seqs: &BTreeSet<u32>,
        config: &Config,
    ) -> Vec<(usize, BTreeSet<GroupKey>, BTreeSet<GroupKey>)> {
        let mut again: BTreeSet<usize> = changed.iter().copied().collect();
        for k in numbers {
            again.extend(self.lookups.citers.get(k).into_iter().flatten());
        }
        for s in seqs {
            again.extend(self.lookups.short_citers.get(s).into_iter().flatten());
        }
        let again: Vec<usize> = again.into_iter().collect();
        let lookup = Lookup {
            docs: &self.docs,
            locality_keys: &self.locality_keys,
            by_number: &self.lookups.by_number,
            by_seq: &self.lookups.by_seq,
            vocabulary: &config.vocabulary,
        };
        let fresh: Vec<Resolved> = again.par_iter().map(|&i| lookup.resolve(i)).collect();
        let mut out = Vec::with_capacity(again.len());
        for (i, mut r) in again.into_iter().zip(fresh) {
            r.pages = vec![Default::default(); r.pending.len()];
            let before: BTreeSet<GroupKey> = self.resolved[i]
                .pages
                .iter()
                .map(|p| (p.0.clone(), p.1.clone()))
                .collect();
            let after: BTreeSet<GroupKey> = r
                .pending
                .iter()
                .map(|p| group_key(&self.docs[i].citations[p.cit], p))
                .collect();
            self.resolved[i] = r;
            for g in before.difference(&after) {
                if let Some(group) = self.groups.get_mut(g) {
                    remove_sorted(&mut group.members, &i);
                }
            }
            for g in after.difference(&before) {
                insert_sorted(&mut self.groups.entry(g.clone()).or_default().members, i);
            }
            out.push((i, before, after));
        }
        out
    }

    /// Makes again the groups of cited pages the resolved documents were
    /// or are in; `false` when a page appears, goes or changes its slug.
    fn regroup(
        &mut self,
        again: &[(usize, BTreeSet<GroupKey>, BTreeSet<GroupKey>)],
        config: &Config,
        dirty: &mut Dirty,
    ) -> bool {
        let mut touched: BTreeSet<GroupKey> = BTreeSet::new();
        for (i, before, after) in again {
            dirty.remerge.insert(*i);
            touched.extend(before.iter().cloned());
            touched.extend(after.iter().cloned());
        }
        for g in touched {
            let members = self.groups.get(&g).map(|x| x.members.clone()).unwrap_or_default();
            let mut entries: Vec<Entry> = Vec::new();
            for &d in &members {
                for (at, p) in self.resolved[d].pending.iter().enumerate() {
                    let c = &self.docs[d].citations[p.cit];
                    if group_key(c, p) == g {
                        entries.push(Entry {
                            doc: d,
                            at,
                            citing: &self.docs[d],
                            citation: c,
                            pending: p,
                        });
                    }
                }
            }
            let made = make_group(&entries);
            let at: Vec<(usize, usize)> = entries.iter().map(|e| (e.doc, e.at)).collect();
            drop(entries);
            let keys: Vec<_> = made.nodes.keys().cloned().collect();
            if self.groups.get(&g).map_or(&[][..], |x| &x.keys[..]) != &keys[..] {
                return false;
            }
            if members.is_empty() {
                self.groups.remove(&g);
                continue;
            }
            for ((d, p), page) in at.into_iter().zip(made.pages) {
                if self.resolved[d].pages[p] != page {
                    dirty.remerge.insert(d);
                    self.resolved[d].pages[p] = page;
                }
            }
            for (k, mut c) in made.nodes {
                let Some(&pos) = self.positions.get(&k) else {
                    return false;
                };
                finish(&mut c, config);
                let old = &self.index.cited[pos];
                if c.slug != old.slug {
                    return false;
                }
                c.cited_by = old.cited_by.clone();
                if c != **old {
                    dirty.issuers.extend(old.issuer_keys.iter().cloned());
                    dirty.issuers.extend(c.issuer_keys.iter().cloned());
                    *Arc::make_mut(&mut self.index.cited[pos]) = c;
                    dirty.cited.push(pos);
                    dirty.remerge.extend(members.iter().copied());
                }
            }
            if let Some(group) = self.groups.get_mut(&g) {
                group.diags = made.diags;
            }
        }
        true
    }

    /// Merges again the references of `docs`; returns the nodes their
    /// references left or reach, and the nodes that began or ceased to be
    /// named only without a date.
    fn remerge(&mut self, docs: &BTreeSet<usize>) -> (BTreeSet<Node>, Vec<Node>) {
        let docs: Vec<usize> = docs.iter().copied().collect();
        let idx: &Index = &self.index;
        let made: Vec<(Vec<Reference>, Vec<Node>)> = docs
            .par_iter()
            .map(|&i| references_of(idx, &self.docs[i], &self.resolved[i], &self.positions))
            .collect();
        let mut touched: BTreeSet<Node> = BTreeSet::new();
        let mut flipped = Vec::new();
        let target = |r: &Reference| match r.target {
            Target::Node(n) => Some(n),
            Target::Ambiguous(_) => None,
        };
        for (i, (refs, undated)) in docs.into_iter().zip(made) {
            touched.extend(self.index.docs[i].references.iter().filter_map(target));
            touched.extend(refs.iter().filter_map(target));
            if refs != self.index.docs[i].references {
                Arc::make_mut(&mut self.index.docs[i]).references = refs;
            }
            let counts = &mut self.lookups.undated_count;
            for n in std::mem::replace(&mut self.undated[i], undated) {
                let c = counts.entry(n).or_default();
                *c = c.saturating_sub(1);
                if *c == 0 {
                    counts.remove(&n);
                    self.index.cited_undated.remove(&n);
                    flipped.push(n);
                }
            }
            for &n in &self.undated[i] {
                let c = counts.entry(n).or_default();
                *c += 1;
                if *c == 1 {
                    self.index.cited_undated.insert(n);
                    flipped.push(n);
                }
            }
        }
        (touched, flipped)
    }

    /// The undated URLs the `nodes` want, again, and the redirect of each
    /// URL their wish or a moved page (`urls`) concerns.
    fn redirect_again(&mut self, nodes: &[Node], urls: &BTreeSet<String>) {
        let mut froms: BTreeSet<String> = urls.clone();
        for &n in nodes {
            let old = self.lookups.want_of.get(&n).cloned();
            let new = undated_url(&self.index, n);
            if old == new {
                continue;
            }
            if let Some(f) = old {
                if let Some(list) = self.urls.wanted.get_mut(&f) {
                    list.retain(|m| *m != n);
                    if list.is_empty() {
                        self.urls.wanted.remove(&f);
                    }
                }
                self.lookups.want_of.remove(&n);
                froms.insert(f);
            }
            if let Some(f) = new {
                self.urls.wanted.entry(f.clone()).or_default().push(n);
                self.lookups.want_of.insert(n, f.clone());
                froms.insert(f);
            }
        }
        let redirects = &mut self.index.redirects;
        for from in froms {
            let at = redirects.binary_search_by(|r| r.from.as_str().cmp(&from));
            if self.urls.taken.contains_key(&from) {
                // A page's or an alias's path: an alias keeps its redirect;
                // without aliases, no redirect stays on a page.
                if let (Ok(p), false) = (at, self.urls.aliases) {
                    redirects.remove(p);
                }
                continue;
            }
            let to = self
                .urls
                .wanted
                .get(&from)
                .and_then(|l| redirect_to(l, &from, &self.urls.taken));
            match (at, to) {
                (Ok(p), Some(to)) => redirects[p].to = to,
                (Ok(p), None) => {
                    redirects.remove(p);
                }
                (Err(p), Some(to)) => redirects.insert(p, Redirect { from, to }),
                (Err(_), None) => {}
            }
        }
    }
}
