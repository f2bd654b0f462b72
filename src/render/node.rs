//! The view of one node (a published or a cited document) and of its
//! listing item: facts, links, backlinks, the relation scheme.

use super::*;

impl<'a> Renderer<'a> {
    /// The listing view of a node.
    pub(crate) fn item(&self, n: Node) -> ItemView<'a> {
        let index = self.index;
        match n {
            Node::Doc(i) => {
                let d = &index.docs[i];
                ItemView {
                    url: self.href(&index.url(n)),
                    number: &d.doc.number.canonical,
                    doc_type: &d.doc.doc_type,
                    title: Some(&d.doc.title),
                    date: d.doc.date.map(|d| d.to_string()),
                    date_iso: d.doc.date.map(|d| d.iso()),
                    issuers: self.issuer_name_refs(&d.issuers).collect(),
                    in_corpus: true,
                    status: (!d.standing.report && d.standing.status != Status::InForce)
                        .then(|| d.standing.status.label_vi()),
                }
            }
            Node::Cited(i) => {
                let c = &index.cited[i];
                ItemView {
                    url: self.href(&index.url(n)),
                    number: &c.number.canonical,
                    doc_type: &c.doc_type,
                    title: c.subject.as_deref(),
                    date: c.date.map(|d| d.to_string()),
                    date_iso: c.date.map(|d| d.iso()),
                    issuers: self.issuer_name_refs(&c.issuer_keys).collect(),
                    in_corpus: false,
                    status: None,
                }
            }
        }
    }

    /// [`Renderer::item`] as a template value, made on first use and then
    /// shared (a document is listed on its issuer's, type's and year's pages,
    /// and more): see [`Renderer::listed_item`].
    pub(super) fn item_value(&self, n: Node) -> tera::Value {
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
    pub(super) fn listed_item(&self, n: Node) -> tera::Value {
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

    /// The names of the issuing bodies of these keys.
    pub(super) fn issuer_name_refs<'k>(&self, keys: &'k [String]) -> impl Iterator<Item = &'a str> + 'k
    where
        'a: 'k,
    {
        let index = self.index;
        keys.iter()
            .filter_map(move |k| index.issuers.get(k))
            .map(|i| i.name.as_str())
    }

    pub(super) fn issuer_links(&self, keys: &[String]) -> Vec<LinkView> {
        keys.iter()
            .filter_map(|k| self.index.issuers.get(k))
            .map(|i| LinkView {
                name: i.name.clone(),
                url: self.href(&routes::issuer(&i.slug)),
            })
            .collect()
    }

    pub(super) fn backlinks(&self, list: &[Backlink], target: Node, number: &str) -> Vec<BacklinkView<'a>> {
        let index: &'a Index = self.index;
        list.iter()
            .take(BACKLINKS_SHOWN)
            .map(|b| {
                let d = &index.docs[b.doc];
                BacklinkView {
                    url: self.href(&index.url(Node::Doc(b.doc))),
                    number: &d.doc.number.canonical,
                    doc_type: &d.doc.doc_type,
                    title: &d.doc.title,
                    date: d.doc.date.map(|x| x.to_string()),
                    issuers: self.issuer_name_refs(&d.issuers).collect(),
                    relation: b.relation.label_vi(),
                    sentence: d
                        .references
                        .iter()
                        .find(|r| r.target == Target::Node(target))
                        .and_then(|r| {
                            r.mentions
                                .iter()
                                .map(|m| &m.span)
                                .find(|m| m.start >= d.doc.body_offset)
                        })
                        .and_then(|m| sentence_at(d.doc.body(), m.start - d.doc.body_offset))
                        .or_else(|| citing_sentence(d.doc.body(), number)),
                }
            })
            .collect()
    }

    /// One box of the relation scheme: a document, its relation, and what
    /// tells it apart from others of the same number (locality, date).
    fn scheme_item(&self, n: Node, relation: Relation) -> SchemeItem {
        SchemeItem {
            label: short_name(self.index, n),
            url: self.href(&self.index.url(n)),
            relation: relation.label_vi(),
            strong: relation != Relation::Cites,
            about: self.place_and_date(n),
        }
    }

    /// A node's locality and date, what tells two documents of one number
    /// apart ("Phú Thọ · 18/07/2025").
    fn place_and_date(&self, n: Node) -> String {
        use std::fmt::Write;
        let mut out = self.index.locality(n).unwrap_or("").to_string();
        if let Some(d) = self.index.date(n) {
            let _ = write!(out, "{}{d}", if out.is_empty() { "" } else { " · " });
        }
        out
    }

    /// The relation scheme of a node ("Lược đồ"): what it implements or
    /// cites, and what implements or cites it, the first [`SCHEME_ROWS`] of
    /// each, each a link; none when both sides are empty.
    pub(super) fn scheme(&self, n: Node) -> Option<SchemeView> {
        let index = self.index;
        let outgoing: Vec<(Node, Relation)> = match n {
            Node::Doc(i) => index.docs[i]
                .references
                .iter()
                .filter_map(|r| match r.target {
                    Target::Node(t) => Some((t, r.relation)),
                    Target::Ambiguous(_) => None,
                })
                .collect(),
            Node::Cited(_) => Vec::new(),
        };
        let incoming = index.cited_by(n);
        if outgoing.is_empty() && incoming.is_empty() {
            return None;
        }
        let side = |list: &mut dyn Iterator<Item = (Node, Relation)>| -> Vec<SchemeItem> {
            list.take(SCHEME_ROWS).map(|(m, r)| self.scheme_item(m, r)).collect()
        };
        let this = (short_name(index, n), self.place_and_date(n));
        Some(SchemeView {
            up: side(&mut outgoing.iter().copied()),
            up_more: outgoing.len().saturating_sub(SCHEME_ROWS),
            this: this.0,
            this_about: this.1,
            down: side(&mut incoming.iter().map(|b| (Node::Doc(b.doc), b.relation))),
            down_more: incoming.len().saturating_sub(SCHEME_ROWS),
        })
    }

    /// The references of a document, grouped by relation. An ambiguous one
    /// carries the anchor its mentions lead to and its candidates.
    fn reference_groups(&self, i: usize) -> Vec<RefGroup<'a>> {
        let node = &self.index.docs[i];
        let mut unclear = 0;
        let views: Vec<(Relation, RefView)> = node
            .references
            .iter()
            .map(|r| {
                let view = match &r.target {
                    Target::Node(n) => {
                        let item = self.item(*n);
                        RefView {
                            url: Some(item.url),
                            number: item.number,
                            doc_type: item.doc_type,
                            title: item.title,
                            date: r.date.map(|x| x.to_string()),
                            in_corpus: item.in_corpus,
                            anchor: None,
                            candidates: Vec::new(),
                        }
                    }
                    Target::Ambiguous(fit) => {
                        unclear += 1;
                        RefView {
                            url: None,
                            number: &r.number,
                            doc_type: &r.doc_type,
                            title: None,
                            date: r.date.map(|x| x.to_string()),
                            in_corpus: false,
                            anchor: Some(super::views::unclear_anchor(unclear)),
                            candidates: fit.iter().map(|&j| self.candidate(j)).collect(),
                        }
                    }
                };
                (r.relation, view)
            })
            .collect();
        let mut groups: Vec<RefGroup> = Vec::new();
        for rel in Relation::ALL {
            let items: Vec<RefView> = views
                .iter()
                .filter(|(r, _)| *r == rel)
                .map(|(_, v)| v.clone())
                .collect();
            if !items.is_empty() {
                groups.push(RefGroup {
                    label: rel.label_vi(),
                    items,
                });
            }
        }
        groups
    }

    /// A document an ambiguous mention may mean, told apart by its
    /// locality, issuers and date.
    fn candidate(&self, j: usize) -> CandidateView {
        let n = Node::Doc(j);
        let d = &self.index.docs[j].doc;
        let about: Vec<String> = [
            d.locality.clone(),
            Some(
                self.issuer_name_refs(&self.index.docs[j].issuers)
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .filter(|s| !s.is_empty()),
            d.date.map(|x| format!("ngày {x}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        CandidateView {
            name: short_name(self.index, n),
            url: self.href(&self.index.url(n)),
            about: about.join(" · "),
        }
    }

    /// The page view of a published document: the facts every node has,
    /// and its text, signer, recipients, source and references.
    pub(super) fn doc_view(&self, i: usize) -> DocView<'a> {
        let index = self.index;
        let node = &index.docs[i];
        let d = &node.doc;
        let links = |list: &[usize]| self.doc_links(list.iter().copied());
        let standing = &node.standing;
        let mut view = self.node_view(
            Node::Doc(i),
            Facts {
                number: &d.number,
                title: &d.title,
                subject: None,
                jsonld_title: Some(&d.title),
                place: d.place.as_deref(),
                status: if standing.report {
                    String::new()
                } else {
                    standing.status.label_vi().to_string()
                },
                changed_by: [
                    links(&standing.replaced_by),
                    links(&standing.repealed_by),
                    links(&standing.amended_by),
                ],
                legal_force: (!standing.report).then(|| standing.status.key()),
                in_corpus: true,
            },
        );
        view.tags = &d.tags;
        view.recipients = &d.recipients;
        view.distribution = &d.distribution;
        view.signer = d.signer.as_ref().map(|s| SignerView {
            capacity: s.capacity.clone(),
            position: s.position.clone(),
            name: s.name.clone(),
        });
        let body = self.body(i);
        view.body = body.html;
        view.contents = body.contents;
        view.source = d.source_info.as_ref().map(|s| SourceView {
            name: s.name.clone(),
            url: s.url.clone(),
            author: s.author.clone(),
            published: s.published.map(|x| x.to_string()),
        });
        view.groups = self.reference_groups(i);
        view
    }

    /// Links to published documents.
    pub(super) fn doc_links(&self, list: impl Iterator<Item = usize>) -> Vec<LinkView> {
        list.map(|j| LinkView {
            name: short_name(self.index, Node::Doc(j)),
            url: self.href(&self.index.url(Node::Doc(j))),
        })
        .collect()
    }

    /// The page view of a cited document without its text: what its
    /// citations say, and what published documents say they did to it.
    pub(super) fn cited_view(&self, i: usize) -> DocView<'a> {
        let index = self.index;
        let c = &index.cited[i];
        let by = |r: Relation| self.doc_links(c.cited_by.iter().filter(|b| b.relation == r).map(|b| b.doc));
        let changed_by = [by(Relation::Replaces), by(Relation::Repeals), by(Relation::Amends)];
        let status = if !changed_by[0].is_empty() {
            Status::Replaced.label_vi()
        } else if !changed_by[1].is_empty() {
            Status::Repealed.label_vi()
        } else {
            ""
        };
        self.node_view(
            Node::Cited(i),
            Facts {
                number: &c.number,
                title: c.subject.as_deref().unwrap_or_default(),
                subject: c.subject.as_deref(),
                jsonld_title: c.subject.as_deref(),
                place: None,
                status: status.to_string(),
                changed_by,
                legal_force: None,
                in_corpus: false,
            },
        )
    }

    /// The view of any node: URL, number, type, issuers, dates, status,
    /// pictures, JSON-LD and backlinks; the text-only parts left empty.
    fn node_view(&self, n: Node, f: Facts<'a>) -> DocView<'a> {
        let index = self.index;
        let url = self.href(&index.url(n));
        let issuers = self.issuer_links(index.issuer_keys(n));
        let issuer_names: Vec<String> = issuers.iter().map(|l| l.name.clone()).collect();
        let (doc_type, date, locality) = (index.doc_type(n), index.date(n), index.locality(n));
        let cited_by = index.cited_by(n);
        let [replaced_by, repealed_by, amended_by] = f.changed_by;
        DocView {
            scheme: self.scheme(n),
            jsonld: self.jsonld(
                &f.number.canonical,
                doc_type,
                f.jsonld_title,
                date,
                &issuer_names,
                &url,
                locality,
                f.legal_force,
            ),
            url,
            number: &f.number.canonical,
            doc_type,
            type_url: self.href(&routes::doc_type(doc_type)),
            title: f.title,
            title_names_type: {
                let (t, w) = (crate::source::key(f.title), crate::source::key(doc_type));
                !w.is_empty()
                    && t.strip_prefix(&w)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            },
            subject: f.subject,
            issuers,
            issuer_names,
            locality,
            place: f.place,
            motto: motto(f.number),
            party: f.number.shape == crate::number::Shape::Party,
            date: date.map(|x| x.to_string()),
            date_iso: date.map(|x| x.iso()),
            date_long: date.map(|x| x.long_vi()),
            status: f.status,
            replaced_by,
            repealed_by,
            amended_by,
            tags: &[],
            recipients: &[],
            distribution: &[],
            signer: None,
            body: String::new(),
            contents: Vec::new(),
            source: None,
            groups: Vec::new(),
            cited_by: self.backlinks(cited_by, n, &f.number.canonical),
            cited_by_total: cited_by.len(),
            cited_by_more: (cited_by.len() > BACKLINKS_SHOWN).then(|| self.href(&routes::citing(index.slug(n)))),
            in_corpus: f.in_corpus,
        }
    }
}

/// What a node's view takes that differs between the two kinds of node.
struct Facts<'a> {
    number: &'a crate::number::Number,
    title: &'a str,
    subject: Option<&'a str>,
    jsonld_title: Option<&'a str>,
    place: Option<&'a str>,
    status: String,
    /// Published documents that replaced, repealed, amended it.
    changed_by: [Vec<LinkView>; 3],
    legal_force: Option<&'static str>,
    in_corpus: bool,
}

impl Renderer<'_> {
    pub(super) fn groups(&self, nodes: &[Node], by_year: bool) -> Vec<GroupView> {
        let mut groups: Vec<GroupView> = Vec::new();
        // Each group's key (a year or a type word); a label is written only
        // when a group starts, not for every item.
        let mut keys: Vec<(Option<i32>, &str)> = Vec::new();
        for n in nodes {
            let key = if by_year {
                (self.index.date(*n).map(|d| d.year), "")
            } else {
                (None, self.index.doc_type(*n))
            };
            match keys.iter().position(|k| *k == key) {
                Some(g) => groups[g].items.push(self.item_value(*n)),
                None => {
                    let label = match key {
                        (Some(year), _) => format!("Năm {year}"),
                        (None, _) if by_year => "Chưa rõ ngày".to_string(),
                        (None, word) => word.to_string(),
                    };
                    keys.push(key);
                    groups.push(GroupView {
                        label,
                        items: vec![self.item_value(*n)],
                        html: tera::Value::none(),
                    });
                }
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
}

/// The heading printed opposite the issuer.
pub(super) fn motto(number: &crate::number::Number) -> Vec<String> {
    match number.shape {
        crate::number::Shape::Party => vec!["ĐẢNG CỘNG SẢN VIỆT NAM".to_string()],
        _ => vec![
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string(),
            "Độc lập - Tự do - Hạnh phúc".to_string(),
        ],
    }
}

/// A document named in full, for tooltips: "Kết luận số 127-KL/TW ngày
/// 28/02/2025 của Bộ Chính trị, Ban Bí thư về ...".
pub(crate) fn full_name(index: &Index, n: Node) -> String {
    let mut s = short_name(index, n);
    if let Some(d) = index.date(n) {
        use std::fmt::Write;
        let _ = write!(s, " ngày {d}");
    }
    let keys = index.issuer_keys(n);
    let title = match n {
        Node::Doc(i) => Some(index.docs[i].doc.title.clone()),
        Node::Cited(i) => index.cited[i].subject.clone(),
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
pub(crate) fn short_name(index: &Index, n: Node) -> String {
    [index.doc_type(n), " số ", index.number(n)].concat()
}
