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
pub(super) fn check_urls(index: &mut Index, diags: &mut Vec<Diagnostic>) {
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
    // Undated URLs of dated pages.
    let mut wanted: BTreeMap<String, Vec<Node>> = BTreeMap::new();
    let all: Vec<Node> = (0..index.docs.len())
        .map(Node::Doc)
        .chain((0..index.cited.len()).map(Node::Cited))
        .collect();
    for n in all {
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
        // A page moves when its date is learned: only a page some citation
        // names without a date can have been at the undated URL before.
        let may_have_moved = index.cited_undated.contains(&n);
        if custom || date.is_none() || number.printed_year().is_some() || !may_have_moved {
            continue;
        }
        let undated = crate::routes::document_dir(&super::identity::cited_slug(number, locality, None));
        wanted.entry(undated).or_default().push(n);
    }
    for (from, list) in wanted {
        if list.len() == 1 && !taken.contains_key(&from) {
            taken.insert(from.clone(), list[0]);
            index.redirects.push(Redirect { from, to: list[0] });
        }
    }
    index.redirects.sort_by(|a, b| a.from.cmp(&b.from));
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
