//! The view types templates see: plain data, every list sorted and every
//! URL joined to `base_url`.

use serde::Serialize;

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
pub struct ItemView<'a> {
    /// URL.
    pub url: String,
    /// Số ký hiệu.
    pub number: &'a str,
    /// Type word.
    pub doc_type: &'a str,
    /// Title, or the subject known from citations.
    pub title: Option<&'a str>,
    /// `dd/mm/yyyy`, or none when unknown.
    pub date: Option<String>,
    /// ISO date.
    pub date_iso: Option<String>,
    /// Issuer names.
    pub issuers: Vec<&'a str>,
    /// Whether the full text is in the site.
    pub in_corpus: bool,
    /// "Hết hiệu lực …" when a published document is no longer in force
    /// (declared, or replaced or repealed by another published document).
    pub status: Option<&'static str>,
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

/// An outgoing reference on a document page.
#[derive(Debug, Clone, Serialize)]
pub struct RefView<'a> {
    /// URL, none when ambiguous.
    pub url: Option<String>,
    /// Số ký hiệu.
    pub number: &'a str,
    /// Type word.
    pub doc_type: &'a str,
    /// Title or subject, when known.
    pub title: Option<&'a str>,
    /// Date, when known.
    pub date: Option<String>,
    /// Whether the cited document is in the site.
    pub in_corpus: bool,
}

/// References grouped by relation, strongest first.
#[derive(Debug, Clone, Serialize)]
pub struct RefGroup<'a> {
    /// "Thực hiện", "Dẫn chiếu" ...
    pub label: &'static str,
    /// The references.
    pub items: Vec<RefView<'a>>,
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
pub struct DocView<'a> {
    /// URL.
    pub url: String,
    /// Số ký hiệu.
    pub number: &'a str,
    /// Type word.
    pub doc_type: &'a str,
    /// URL of the type listing.
    pub type_url: String,
    /// Title (trích yếu); for a cited document, its subject or empty.
    pub title: &'a str,
    /// Subject known from citations (cited documents).
    pub subject: Option<&'a str>,
    /// Issuers with their pages.
    pub issuers: Vec<LinkView>,
    /// Issuer names.
    pub issuer_names: Vec<String>,
    /// Locality.
    pub locality: Option<&'a str>,
    /// Place in the header.
    pub place: Option<&'a str>,
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
    pub tags: &'a [String],
    /// Kính gửi.
    pub recipients: &'a [String],
    /// Nơi nhận.
    pub distribution: &'a [String],
    /// Signature.
    pub signer: Option<SignerView>,
    /// Body HTML.
    pub body: String,
    /// Report source, when the text is a report.
    pub source: Option<SourceView>,
    /// Outgoing references by relation.
    pub groups: Vec<RefGroup<'a>>,
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
