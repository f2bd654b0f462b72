//! URLs: every page URL unique, aliases never shadowing a page, and the
//! undated URL of a dated page kept as a redirect when a page could have
//! lived there.

use super::*;

/// Every page URL must be unique; aliases must not shadow a page. A dated
/// page also answers at its undated URL (`127-kl-tw` -> `127-kl-tw-2025`)
/// when a citation names it without a date (without the dated mention or
/// document, that citation alone makes the undated page, so the page really
/// moved when its date was learned) and no other page or redirect wants it.
/// A page every citation names with its date never lived at the undated URL.
/// What the URL checks leave for an edit to patch: every page's and
/// alias's path with its node, the nodes that want each undated URL, and
/// whether the site has aliases.
#[derive(Debug, Clone, Default)]
pub(super) struct Urls {
    pub(super) taken: FxHashMap<String, Node>,
    pub(super) wanted: BTreeMap<String, Vec<Node>>,
    pub(super) aliases: bool,
}

pub(super) fn check_urls(index: &mut Index, diags: &mut Vec<Diagnostic>) -> Urls {
    // Look-ups only: hashed.
    let mut owners: FxHashMap<String, Node> =
        FxHashMap::with_capacity_and_hasher(index.docs.len() + index.cited.len(), Default::default());
    for n in index.nodes() {
        let url = index.url(n);
        if let Some(&prev) = owners.get(&url) {
            let (file, span) = match n {
                Node::Doc(i) => (
                    index.docs[i].doc.file.clone(),
                    index.docs[i]
                        .doc
                        .slug
                        .as_ref()
                        .map_or(index.docs[i].doc.number_span.clone(), |s| s.1.clone()),
                ),
                Node::Cited(i) => (
                    index.docs[index.cited[i].cited_by.first().map_or(0, |b| b.doc)]
                        .doc
                        .file
                        .clone(),
                    0..0,
                ),
            };
            let prev_name = match prev {
                Node::Doc(j) => index.docs[j].doc.file.clone(),
                Node::Cited(j) => {
                    format!("văn bản được dẫn chiếu {}", index.cited[j].number.canonical)
                }
            };
            diags.push(
                Diagnostic::error(crate::diag::Code::Url, format!("địa chỉ `{url}` trùng với {prev_name}"))
                    .at(&file, span)
                    .hint("đặt `slug` khác cho một trong hai văn bản"),
            );
            continue;
        }
        owners.insert(url, n);
    }
    let mut taken: FxHashMap<String, Node> = owners
        .iter()
        .map(|(u, n)| (u.trim_matches('/').to_string() + "/", *n))
        .collect();
    place_aliases(index, &mut taken, diags);
    let aliases = !index.redirects.is_empty() || index.docs.iter().any(|d| !d.doc.aliases.is_empty());
    // Undated URLs of dated pages.
    let mut wanted: BTreeMap<String, Vec<Node>> = BTreeMap::new();
    for n in index.nodes() {
        if let Some(undated) = undated_url(index, n) {
            wanted.entry(undated).or_default().push(n);
        }
    }
    for (from, list) in &wanted {
        if let Some(to) = redirect_to(list, from, &taken) {
            index.redirects.push(Redirect { from: from.clone(), to });
        }
    }
    index.redirects.sort_by(|a, b| a.from.cmp(&b.from));
    Urls { taken, wanted, aliases }
}

/// The undated URL a node wants to answer at: a dated page whose number
/// has no printed year and whose address is its own (no `slug`), when a
/// citation names it without a date. A page moves when its date is learned:
/// only a page some citation names without a date can have been at the
/// undated URL before.
pub(super) fn undated_url(index: &Index, n: Node) -> Option<String> {
    // The locality in the URL: a document's for a local series, a cited
    // page's whenever it has one.
    let (number, locality, date, custom) = match n {
        Node::Doc(i) => {
            let d = &index.docs[i].doc;
            let local = d.locality.as_deref().filter(|_| d.number.is_local());
            (&d.number, local, d.date, d.slug.is_some())
        }
        Node::Cited(i) => {
            let c = &index.cited[i];
            (&c.number, c.locality.as_deref(), c.date, false)
        }
    };
    if custom || date.is_none() || number.printed_year().is_some() || !index.cited_undated.contains(&n) {
        return None;
    }
    Some(crate::routes::document_dir(&super::identity::cited_slug(
        number, locality, None,
    )))
}

/// Where the undated URL `from` leads: to the one node that wants it, when
/// no page or alias has it.
pub(super) fn redirect_to(wanting: &[Node], from: &str, taken: &FxHashMap<String, Node>) -> Option<Node> {
    match wanting {
        [n] if !taken.contains_key(from) => Some(*n),
        _ => None,
    }
}

/// Each document's old addresses (`aliases`) as redirects, unless one would
/// overwrite what the site writes, another page, or a page's folder.
fn place_aliases(index: &mut Index, taken: &mut FxHashMap<String, Node>, diags: &mut Vec<Diagnostic>) {
    for (i, d) in index.docs.iter().enumerate() {
        for (alias, span) in &d.doc.aliases {
            match alias_clash(alias, Node::Doc(i), taken) {
                // Its own page's address: nothing to redirect.
                Some(Clash::Own) => {}
                Some(Clash::With(message, hint)) => diags.push(
                    Diagnostic::error(crate::diag::Code::Url, format!("`aliases`: `/{alias}` {message}"))
                        .at(&d.doc.file, span.clone())
                        .hint(hint),
                ),
                None => {
                    taken.insert(alias.clone(), Node::Doc(i));
                    index.redirects.push(Redirect {
                        from: alias.clone(),
                        to: Node::Doc(i),
                    });
                }
            }
        }
    }
}

/// Why an alias cannot be written.
enum Clash {
    /// It is the address of the document's own page.
    Own,
    /// What it clashes with, and what to do.
    With(String, &'static str),
}

/// What `alias` of `owner` would overwrite: something the site writes, a
/// path inside a page's folder (`x/index.html` is the page itself,
/// `x/dan-chieu/` its list of citing documents), another page's address.
fn alias_clash(alias: &str, owner: Node, taken: &FxHashMap<String, Node>) -> Option<Clash> {
    let unused = "chọn một đường dẫn cũ chưa được dùng, ví dụ `/cu/van-ban-4029/`";
    if let Some(what) = crate::routes::reserved(alias) {
        return Some(Clash::With(
            format!("trùng với {what} mà trang web tự tạo; không ghi đè"),
            unused,
        ));
    }
    let inside = alias
        .match_indices('/')
        .map(|(k, _)| &alias[..=k])
        .find(|prefix| prefix.len() < alias.len() && taken.contains_key(*prefix));
    if let Some(page) = inside {
        return Some(Clash::With(
            format!("nằm trong địa chỉ `/{page}` của một trang khác"),
            unused,
        ));
    }
    match taken.get(alias) {
        Some(other) if *other == owner => Some(Clash::Own),
        Some(_) => Some(Clash::With("đã là địa chỉ của một trang khác".into(), unused)),
        None => None,
    }
}
