//! The issuing bodies vanban knows, as data: every Party and State body that
//! issues directives, with its other written forms and the codes its numbers
//! carry, and the provinces that qualify local bodies.
//!
//! An issuer is never taken from free text: a phrase after "của" (or before
//! "ban hành") is an issuer only when it starts with a name of this table
//! ([`super::issuers`] matches it), so "Ban Bí thư đến toàn thể cán bộ" gives
//! Ban Bí thư and "Ban Thường vụ Tỉnh ủy xây dựng kế hoạch" gives Ban Thường
//! vụ Tỉnh ủy. A site adds its own bodies with `issuers:` in `site.yaml`.
//! Forms are compared on their match key (case, marks and tone placement
//! folded, punctuation ignored), so "Ban thường vụ Tỉnh uỷ", "BAN BÍ THƯ" and
//! "Ủy ban nhân dân tỉnh" written with a comma all match.

/// Where a body sits, which says how its name is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A central body: its name alone is unique.
    Central,
    /// A body of a province: qualified by the province (named after it in
    /// the text, else the citing document's locality).
    Province,
    /// A body below the province (district, commune): its name is followed
    /// by the place's name ("Ủy ban nhân dân xã Tân Lập"); without it, the
    /// body is not known.
    Place,
}

/// One body: canonical name, scope, the issuer code of its Party numbers,
/// the issuer code of its State numbers, other written forms.
pub type Body = (&'static str, Scope, &'static str, &'static str, &'static [&'static str]);

/// The short forms a body's name is written with, wherever the long words
/// stand in it: every form of every body also matches with each long head
/// written short ("BTV Đảng ủy phường" is "Ban Thường vụ Đảng ủy phường",
/// "Đảng ủy UBND tỉnh" is "Đảng ủy Ủy ban nhân dân tỉnh"). Longer heads
/// first, so the one inside another is written short after it.
pub const SHORT_HEADS: &[(&str, &[&str])] = &[
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        &["Ủy ban MTTQ Việt Nam", "UBMTTQ Việt Nam", "UBMTTQVN"],
    ),
    ("Ủy ban Mặt trận Tổ quốc", &["Ủy ban MTTQ", "UBMTTQ"]),
    ("Ban Thường vụ", &["BTV"]),
    ("Ban Chấp hành", &["BCH"]),
    ("Ủy ban nhân dân", &["UBND"]),
    ("Hội đồng nhân dân", &["HĐND"]),
    ("Ủy ban Kiểm tra", &["UBKT"]),
    ("Ban Tuyên giáo và Dân vận", &["Ban TG&DV", "Ban TGDV"]),
];

mod central;
mod places;
mod provincial;
pub use places::{CITIES, MERGED, PROVINCES};

/// The bodies. Canonical names are the ones pages show; forms are matched
/// besides the name (abbreviations, older names, the long official forms).
/// Central bodies first, then a province's, then those below it.
pub fn all() -> impl Iterator<Item = &'static Body> + Clone {
    central::CENTRAL
        .iter()
        .chain(provincial::PROVINCIAL)
        .chain(provincial::BELOW)
}
