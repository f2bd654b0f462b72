//! The view types templates see: plain data, every list sorted and every
//! URL joined to `base_url`.

use serde::Serialize;

/// Site-wide values every template sees as `site`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    /// Site name.
    pub(crate) title: String,
    /// `base_url`, ending with `/`; every link starts with it.
    pub(crate) base: String,
    /// UI language.
    pub(crate) language: String,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkView {
    /// Shown text.
    pub(crate) name: String,
    /// Full URL (with `base_url`).
    pub(crate) url: String,
}

/// A breadcrumb; the last has no URL.
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct Crumb {
    /// Shown text.
    pub(crate) name: String,
    /// URL, or none for the current page.
    pub(crate) url: Option<String>,
}

/// A document or cited document in a listing.
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct ItemView<'a> {
    /// URL.
    pub(crate) url: String,
    /// Số ký hiệu.
    pub(crate) number: &'a str,
    /// Type word.
    pub(crate) doc_type: &'a str,
    /// Title, or the subject known from citations.
    pub(crate) title: Option<&'a str>,
    /// `dd/mm/yyyy`, or none when unknown.
    pub(crate) date: Option<String>,
    /// ISO date.
    pub(crate) date_iso: Option<String>,
    /// Issuer names.
    pub(crate) issuers: Vec<&'a str>,
    /// Whether the full text is in the site.
    pub(crate) in_corpus: bool,
    /// "Hết hiệu lực …" when a published document is no longer in force
    /// (declared, or replaced or repealed by another published document).
    pub(crate) status: Option<&'static str>,
}

/// A group of items under a heading (a year, a type).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupView {
    /// Heading.
    pub(crate) label: String,
    /// Items, sorted.
    /// Each an [`ItemView`], made once per node and shared by every listing.
    pub(crate) items: Vec<tera::Value>,
    /// The items' `html` one after the other (safe HTML), or none when an
    /// item has none (its partial failed).
    pub(crate) html: tera::Value,
}

/// One page link in a pagination bar.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    /// Page number, from 1.
    pub(crate) number: usize,
    /// URL.
    pub(crate) url: String,
    /// Whether it is the page shown.
    pub(crate) current: bool,
    /// Whether pages were left out before this one (show "…").
    pub(crate) gap: bool,
}

/// Pagination of a listing.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pagination {
    /// Current page, from 1.
    pub(crate) current: usize,
    /// Number of pages.
    pub(crate) total: usize,
    /// Previous page URL.
    pub(crate) prev: Option<String>,
    /// Next page URL.
    pub(crate) next: Option<String>,
    /// The pages linked: the first, the last and two either side of the
    /// current one (a listing of 2,000 pages does not link all of them on
    /// every page).
    pub(crate) pages: Vec<PageLink>,
}

/// An outgoing reference on a document page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RefView<'a> {
    /// URL, none when ambiguous.
    pub(crate) url: Option<String>,
    /// Số ký hiệu.
    pub(crate) number: &'a str,
    /// Type word.
    pub(crate) doc_type: &'a str,
    /// Title or subject, when known.
    pub(crate) title: Option<&'a str>,
    /// Date, when known.
    pub(crate) date: Option<String>,
    /// Whether the cited document is in the site.
    pub(crate) in_corpus: bool,
    /// For an ambiguous one: the id its mentions in the text lead to.
    pub(crate) anchor: Option<String>,
    /// For an ambiguous one: the documents it may mean.
    pub(crate) candidates: Vec<CandidateView>,
}

/// A document an ambiguous mention may mean.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CandidateView {
    /// "Kế hoạch số 02-KH/TU".
    pub(crate) name: String,
    /// URL.
    pub(crate) url: String,
    /// Locality, issuers and date, as one line ("Phú Thọ · Ban Thường vụ Tỉnh ủy · 12/3/2025").
    pub(crate) about: String,
}

/// The id of the `n`-th (from 1) ambiguous reference of a document, which
/// its mentions in the text lead to.
pub(crate) fn unclear_anchor(n: usize) -> String {
    format!("chua-ro-{n}")
}

/// References grouped by relation, strongest first.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RefGroup<'a> {
    /// "Thực hiện", "Dẫn chiếu" ...
    pub(crate) label: &'static str,
    /// The references.
    pub(crate) items: Vec<RefView<'a>>,
}

/// A document citing the page's document.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BacklinkView<'a> {
    /// URL of the citing document.
    pub(crate) url: String,
    /// Its number.
    pub(crate) number: &'a str,
    /// Its type word.
    pub(crate) doc_type: &'a str,
    /// Its title.
    pub(crate) title: &'a str,
    /// Its date.
    pub(crate) date: Option<String>,
    /// Its issuers.
    pub(crate) issuers: Vec<&'a str>,
    /// The relation, in Vietnamese.
    pub(crate) relation: &'static str,
    /// The sentence of its text that cites, when the text names the number.
    pub(crate) sentence: Option<String>,
}

/// The signature block.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SignerView {
    /// T/M Ban Thường vụ.
    pub(crate) capacity: Option<String>,
    /// Phó Bí thư.
    pub(crate) position: Option<String>,
    /// Nguyễn Hải Trâm.
    pub(crate) name: Option<String>,
}

/// Where a reported text comes from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SourceView {
    /// Outlet.
    pub(crate) name: Option<String>,
    /// Address.
    pub(crate) url: Option<String>,
    /// Byline.
    pub(crate) author: Option<String>,
    /// Publication date.
    pub(crate) published: Option<String>,
}

/// A document page (`doc` in `document.html`; the cited page uses the same
/// view with `in_corpus` false and no body).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocView<'a> {
    /// URL.
    pub(crate) url: String,
    /// Số ký hiệu.
    pub(crate) number: &'a str,
    /// Type word.
    pub(crate) doc_type: &'a str,
    /// URL of the type listing.
    pub(crate) type_url: String,
    /// Title (trích yếu); for a cited document, its subject or empty.
    pub(crate) title: &'a str,
    /// Whether the title begins with the type word ("Hướng dẫn thực hiện
    /// …" of a Hướng dẫn): the heading then says it once.
    pub(crate) title_names_type: bool,
    /// Subject known from citations (cited documents).
    pub(crate) subject: Option<&'a str>,
    /// Issuers with their pages.
    pub(crate) issuers: Vec<LinkView>,
    /// Issuer names.
    pub(crate) issuer_names: Vec<String>,
    /// Locality.
    pub(crate) locality: Option<&'a str>,
    /// Place in the header.
    pub(crate) place: Option<&'a str>,
    /// The heading opposite the issuer, as printed: "ĐẢNG CỘNG SẢN VIỆT NAM"
    /// on Party documents, the national motto on State ones.
    pub(crate) motto: Vec<String>,
    /// Whether the document is a Party one (the issuer block ends with `*`).
    pub(crate) party: bool,
    /// `dd/mm/yyyy`.
    pub(crate) date: Option<String>,
    /// ISO date.
    pub(crate) date_iso: Option<String>,
    /// `ngày 18 tháng 07 năm 2025`.
    pub(crate) date_long: Option<String>,
    /// Status label.
    pub(crate) status: String,
    /// Documents that replace this one.
    pub(crate) replaced_by: Vec<LinkView>,
    /// Documents of the site that repeal it.
    pub(crate) repealed_by: Vec<LinkView>,
    /// Documents of the site that amend it.
    pub(crate) amended_by: Vec<LinkView>,
    /// Tags.
    pub(crate) tags: &'a [String],
    /// Kính gửi.
    pub(crate) recipients: &'a [String],
    /// Nơi nhận.
    pub(crate) distribution: &'a [String],
    /// Signature.
    pub(crate) signer: Option<SignerView>,
    /// Body HTML.
    pub(crate) body: String,
    /// The contents of the body: its parts, chapters, articles and items.
    pub(crate) contents: Vec<crate::markdown::Entry>,
    /// Report source, when the text is a report.
    pub(crate) source: Option<SourceView>,
    /// Outgoing references by relation.
    pub(crate) groups: Vec<RefGroup<'a>>,
    /// Documents citing this one, by date (the first [`BACKLINKS_SHOWN`]).
    pub(crate) cited_by: Vec<BacklinkView<'a>>,
    /// How many documents cite this one.
    pub(crate) cited_by_total: usize,
    /// The listing of all of them, when the page shows only the first.
    pub(crate) cited_by_more: Option<String>,
    /// schema.org JSON-LD, escaped for a `<script>` element.
    pub(crate) jsonld: String,
    /// The relation scheme, none when nothing relates to it.
    pub(crate) scheme: Option<SchemeView>,
    /// Whether the full text is in the site.
    pub(crate) in_corpus: bool,
}

/// The relation scheme of a document's page ("Lược đồ"): HTML boxes at
/// the text's size, each a link, drawn by the stylesheet.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SchemeView {
    /// What the document implements, is based on or cites (the first few).
    pub(crate) up: Vec<SchemeItem>,
    /// How many more there are (all are in the references list).
    pub(crate) up_more: usize,
    /// The document itself, named.
    pub(crate) this: String,
    /// Its locality and date.
    pub(crate) this_about: String,
    /// What implements or cites it (the first few, by date).
    pub(crate) down: Vec<SchemeItem>,
    /// How many more there are.
    pub(crate) down_more: usize,
}

/// A box of the relation scheme.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SchemeItem {
    /// "Kế hoạch số 02-KH/TU".
    pub(crate) label: String,
    /// Its page.
    pub(crate) url: String,
    /// "Thực hiện", "Dẫn chiếu" ...
    pub(crate) relation: &'static str,
    /// Whether the relation is stronger than a citation (a solid line).
    pub(crate) strong: bool,
    /// Locality and date, what tells two documents of one number apart.
    pub(crate) about: String,
}

/// A name with a count and a URL (home page and catalogues).
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct CountView {
    /// Name.
    pub(crate) name: String,
    /// URL.
    pub(crate) url: String,
    /// How many documents.
    pub(crate) count: usize,
    /// How many of them have their full text in the site (the rest are
    /// known from citations only).
    pub(crate) full: usize,
    /// The group it is listed under in a catalog (issuers: "Trung ương",
    /// a province, or not known), shown as a heading where it starts.
    pub(crate) group: String,
    /// Whether it is the first of its group.
    pub(crate) group_start: bool,
}

/// A filter link on a listing page.
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct FilterView {
    /// "2025", "Kết luận", or "Tất cả".
    pub(crate) name: String,
    /// URL.
    pub(crate) url: String,
    /// Documents behind it.
    pub(crate) count: usize,
    /// Whether it is the listing shown.
    pub(crate) current: bool,
}
