//! Pass 3: lists. A trailing date and issuer shared by a list
//! ("Quy định số 253-QĐ/TW và Quy định số 255-QĐ/TW, ngày 24/01/2025 của Ban
//! Bí thư") go back to the earlier items that give none, and a leading type
//! word ("các Quy định số 89-QĐ/TW; số 214-QĐ/TW") goes forward to the items
//! that have none.
//!
//! Trailing facts stay with their item: they never cross a `;`, never pass to
//! an item of another type word ("Thông tư liên tịch số 5/2011/… và Quyết
//! định số 60/2021/… ngày 26/8/2021": only the Quyết định is dated), and a
//! number that carries its year takes only a date of that year. "cùng
//! ngày …" ("Chỉ thị số 45-CT/TW, Kết luận số 150-KL/TW cùng ngày 14/4/2025")
//! says the date is the whole list's, whatever the type words. Items of one
//! type word that each give their date share the issuer named after the last.

use super::text::is_connector;
use super::Scan;
use crate::refs::words::{self, TYPE_WORDS};

/// Shares trailing facts backwards and the leading type word forwards.
pub(super) fn share(scan: &mut Scan) {
    trailing_facts(scan);
    leading_type_word(scan);
}

/// Whether the bodies named for `b` may have issued `number`: each body's
/// number code, when the vocabulary gives one, is the number's issuer code
/// ("Quyết định số 759/QĐ-TTg, số 1085/QĐ-UBND … của Ủy ban nhân dân tỉnh":
/// the Ủy ban's `UBND` is not 759's `TTg`).
fn issued_by(vocabulary: &crate::refs::issuers::Vocabulary, number: &crate::number::Number, bodies: &[usize]) -> bool {
    bodies
        .iter()
        .all(|&row| vocabulary.body(row).carried_by(&number.codes) != Some(false))
}

fn trailing_facts(scan: &mut Scan) {
    let t = scan.t;
    let vocabulary = scan.vocabulary;
    let mentions = &mut scan.mentions;
    for i in (0..mentions.len().saturating_sub(1)).rev() {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        let bare = a.date.is_none() && a.year.is_none() && a.issuers.is_empty() && a.subject.is_none();
        if a.tail > b.range.start {
            continue;
        }
        if !issued_by(vocabulary, &a.number, &b.bodies) {
            continue;
        }
        if !bare {
            dated_item_issuers(t, mentions, i);
            continue;
        }
        let gap = &t[a.tail..b.range.start];
        let same_kind = match (a.word, b.word) {
            (Some(x), Some(y)) => TYPE_WORDS[x].1 == TYPE_WORDS[y].1,
            _ => true,
        } || b.same_day;
        if !is_connector(gap) || gap.contains(';') || !same_kind {
            continue;
        }
        let year = a.number.printed_year();
        let fits = |y: Option<i32>| year.is_none() || y.is_none() || y == year;
        let (date, day_month, by_year, term) = (b.date, b.day_month, b.year, b.term);
        let (issuers, bodies, locality) = (b.issuers.clone(), b.bodies.clone(), b.locality);
        let a = &mut mentions[i];
        if fits(date.map(|d| d.year)) && fits(by_year) {
            a.date = date;
            a.day_month = day_month;
            a.year = by_year;
        }
        a.term = term;
        a.issuers = issuers;
        a.bodies = bodies;
        a.locality = locality;
    }
}

/// "Kết luận số 127-KL/TW ngày 28/02/2025 và Kết luận số 137-KL/TW ngày
/// 28/3/2025 của Bộ Chính trị, Ban Bí thư": items of one type word, each with
/// its own date, share the issuer named after the last; so do the bare items
/// of a list under one type word ("các Nghị quyết số 57-NQ/TW ngày …, số
/// 59-NQ/TW ngày … và số 68-NQ/TW ngày … của Bộ Chính trị").
fn dated_item_issuers(t: &str, mentions: &mut [super::Mention], i: usize) {
    let (a, b) = (&mentions[i], &mentions[i + 1]);
    let same_word = match (a.word, b.word) {
        (Some(x), Some(y)) => TYPE_WORDS[x].1 == TYPE_WORDS[y].1,
        // A bare "số …" item goes on with the list before it.
        (_, None) => true,
        (None, Some(_)) => false,
    };
    let gap = &t[a.tail..b.range.start];
    if !same_word || !a.issuers.is_empty() || a.subject.is_some() || b.issuers.is_empty() {
        return;
    }
    if !is_connector(gap) || gap.contains(';') {
        return;
    }
    let (issuers, bodies, locality) = (b.issuers.clone(), b.bodies.clone(), b.locality);
    let a = &mut mentions[i];
    a.issuers = issuers;
    a.bodies = bodies;
    a.locality = locality;
}

fn leading_type_word(scan: &mut Scan) {
    let t = scan.t;
    let mentions = &mut scan.mentions;
    for i in 1..mentions.len() {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        if b.word.is_none() && a.word.is_some() && a.tail <= b.range.start && is_connector(&t[a.tail..b.range.start]) {
            let w = a.word;
            if w.is_some_and(|w| words::word_fits(TYPE_WORDS[w].2, &mentions[i].number)) {
                mentions[i].word = w;
            }
        }
    }
}
