//! Identity and URL segment of a document: number, locality for local
//! series, and the period (year) for numbers without a printed year.

use super::*;

/// The URL segment of a document's identity: the number, the locality for
/// local series, and the year where the series restarts (every number without
/// a printed year): `73-cv-tu-phu-tho-2025`, `127-kl-tw-2025`, `30-2020-nd-cp`.
pub(crate) fn identity_slug(number: &Number, locality: Option<&str>, date: Option<Date>) -> String {
    cited_slug(number, locality.filter(|_| number.is_local()), date)
}

/// The URL segment of a cited page: as [`identity_slug`], with the locality
/// whenever the page has one (a cited page has one only when its series is
/// local, by its codes or by the provincial body its mentions name:
/// `215-ttr-vp-gia-lai-2025`).
pub(super) fn cited_slug(number: &Number, locality: Option<&str>, date: Option<Date>) -> String {
    let mut s = slugify(&number.canonical);
    if let Some(l) = locality {
        s.push('-');
        s.push_str(&slugify(l));
    }
    if number.printed_year().is_none() {
        if let Some(d) = date {
            s.push_str(&format!("-{}", d.year));
        }
    }
    s
}

/// The identity of a document for duplicate detection: number, locality for
/// local series, and the period of the series (the date for Party numbers,
/// numbered per term; the year for State numbers without a printed year).
pub(super) fn identity<'a>(number: &'a Number, locality_key: Option<&'a str>, date: Option<Date>) -> Identity<'a> {
    let loc = if number.is_local() {
        locality_key.unwrap_or("")
    } else {
        ""
    };
    let period = match number.shape {
        Shape::StateYear(_) => None,
        Shape::State => date.map(|d| (d.year, 0, 0)),
        Shape::Party => date.map(|d| (d.year, d.month, d.day)),
    };
    (number.key(), loc, period)
}

/// Number key, locality key, period.
pub(super) type Identity<'a> = (&'a str, &'a str, Option<(i32, u32, u32)>);

/// A cited document's key: number key, locality key (local series), and
/// the period of its page (see [`period`]); `None` when not known.
pub(super) type ExternalKey = (String, String, Option<Option<i32>>);

/// The period a cited page stands for: the year for numbers without a
/// printed year (their URL carries it), nothing for the others.
pub(super) fn period(number: &Number, date: Option<Date>) -> Option<i32> {
    match number.printed_year() {
        Some(_) => None,
        None => date.map(|d| d.year),
    }
}

/// A period of a cited page and a date in it.
pub(super) type PeriodDate = (Option<i32>, Date);
