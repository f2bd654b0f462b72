//! The top of a directive: the issuing body and its parent, the number, the
//! place and date, the type word and the trích yếu, and Kính gửi.
//!
//! In: the input's lines. Out: those fields in the [`Draft`], and the line
//! where the text begins. The two columns of the printed header come as the
//! cells of a line (or one column after the other); the mottos of the right
//! column are recognised and left out.

use super::read::Line;
use super::words::{is_motto, is_upper, sentence};
use super::Draft;
use crate::source::fold;

/// How many lines the header may take.
const HEADER_LINES: usize = 40;

/// Reads the header into `d`; returns the line the text starts at.
pub(super) fn read(lines: &[Line], d: &mut Draft) -> usize {
    let mut issuer_lines: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    let mut title_from: Option<usize> = None;
    // The last line that held something of the header.
    let mut last = 0;
    while i < lines.len().min(HEADER_LINES) {
        let l = &lines[i];
        if opens_text(l) || (d.number.is_some() && l.cells.len() == 1 && l.text().chars().count() > 160) {
            break;
        }
        // A centred left column comes indented: its first cell is the one
        // that counts as the left, whatever its place.
        let mut seen = 0;
        for cell in merged_cells(l).iter() {
            if cell.is_empty() {
                continue;
            }
            let k = seen;
            seen += 1;
            if is_motto(cell) {
                last = i;
                continue;
            }
            if d.number.is_none() {
                if let Some(n) = number_in(cell) {
                    d.number = Some((n, i));
                    last = i;
                    continue;
                }
            }
            if d.date.is_none() && d.place.is_none() && place_date(cell, i, d) {
                last = i;
                continue;
            }
            if let Some(t) = type_word(cell) {
                d.doc_type = Some(t.to_string());
                title_from = Some(i + 1);
                continue;
            }
            if let Some(rest) = strip_vv(cell) {
                d.title = Some(rest.to_string());
                title_from = Some(i + 1);
                continue;
            }
            if k == 0 && d.number.is_none() && d.doc_type.is_none() && is_upper(cell) {
                issuer_lines.push((i, cell.clone()));
                last = i;
            }
        }
        i += 1;
        if title_from.is_some() {
            break;
        }
    }
    d.header_issuer = issuer_lines.into_iter().map(|(_, s)| s).collect();
    let at = match title_from {
        Some(from) => title_lines(lines, from, d),
        None if d.number.is_some() => untyped_title(lines, last + 1, d),
        None => i,
    };
    let at = rest_of_header(lines, at, d);
    recipients(lines, at, d)
}

/// The right-hand column copied after the trích yếu (mottos, then the place
/// and date): read, and left out of the text.
fn rest_of_header(lines: &[Line], from: usize, d: &mut Draft) -> usize {
    let mut i = from;
    let mut last = from;
    while i < lines.len() && i < from + 8 {
        let l = &lines[i];
        let cells = merged_cells(l);
        let header = !l.is_blank()
            && cells
                .iter()
                .filter(|c| !c.is_empty())
                .all(|c| is_motto(c) || (d.date.is_none() && d.place.is_none() && place_date(c, i, d)));
        if header {
            last = i + 1;
        } else if !l.is_blank() {
            break;
        }
        i += 1;
    }
    last
}

/// A line's cells, with a place-and-date line whose blank day split it in
/// two (`Lạng Sơn, ngày` / `tháng 4 năm 2025`) made one again.
fn merged_cells(l: &Line) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &l.cells {
        match out.last_mut() {
            Some(prev) if fold(prev).ends_with("ngay") && fold(c).starts_with("thang") => {
                prev.push_str("    ");
                prev.push_str(c);
            }
            _ => out.push(c.clone()),
        }
    }
    out
}

/// Whether a line opens the text (nothing of the header after it):
/// Kính gửi, a preamble (`Căn cứ …`), or a long sentence opening with the
/// words that open texts (a trích yếu may open with them too, but is short).
fn opens_text(l: &Line) -> bool {
    let t = fold(l.text().trim_start_matches(['-', '*', '+', ' ']));
    let long = t.chars().count() > 160;
    ["kinh gui", "can cu "].iter().any(|w| t.starts_with(w))
        || long
            && ["thuc hien ", "trien khai ", "de ", "nham "]
                .iter()
                .any(|w| t.starts_with(w))
}

/// The number on a `Số 112-CV/TU` or `Số: 1961/QĐ-UBND` line.
fn number_in(cell: &str) -> Option<String> {
    let f = fold(cell);
    if !f.starts_with("so") {
        return None;
    }
    let rest = cell.char_indices().nth(2).map(|(i, _)| &cell[i..])?;
    let rest = rest.trim_start_matches([':', '.', ' ']);
    let token = rest.split_whitespace().next()?.trim_end_matches(['.', ',', ';']);
    let printed = crate::source::normalize(token);
    crate::number::parse(&printed).ok().map(|_| printed)
}

/// The place and date line: `Hà Tĩnh, ngày 05 tháng 3 năm 2025`. A date
/// left blank (`ngày    tháng 3 năm 2025`) is noted, never guessed.
fn place_date(cell: &str, line: usize, d: &mut Draft) -> bool {
    let f = fold(cell);
    let Some(at) = f.find("ngay") else { return false };
    let numeric = f[at..]
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| w.contains('/') || w.contains('.') || w.contains('-'));
    if !(f.contains("thang") && f.contains("nam") || numeric) || cell.chars().count() > 90 {
        return false;
    }
    // The word in the text as written (NFC after reading); folding may drop
    // characters, so its offset is not the folded one.
    let original_at = ["ngày", "Ngày", "NGÀY"]
        .iter()
        .filter_map(|w| cell.find(w))
        .min()
        .unwrap_or_else(|| cell.char_indices().nth(f[..at].chars().count()).map_or(0, |(i, _)| i));
    let before = cell[..original_at].trim().trim_end_matches(',').trim();
    if !before.is_empty() {
        d.place = Some(before.to_string());
    }
    let after = cell[original_at..].split_once(' ').map_or("", |x| x.1).trim();
    match crate::refs::recognise::date_at(after, false) {
        Some((Some(date), _, _)) => d.date = Some(date),
        _ => d.note(line, "ngày ban hành để trống hoặc không đọc được; không điền `date`"),
    }
    true
}

/// A type word standing alone in capitals (`QUYẾT ĐỊNH`, `KẾ HOẠCH`).
fn type_word(cell: &str) -> Option<&'static str> {
    if !is_upper(cell) {
        return None;
    }
    let f = fold(cell.trim());
    crate::codes::known_type_words().find(|w| fold(w) == f)
}

/// The trích yếu after `V/v` (công văn).
fn strip_vv(cell: &str) -> Option<&str> {
    let t = cell.trim_start();
    // The length of `V/v` as written (its letters may carry marks).
    let after = t.char_indices().nth(3).map_or(t.len(), |(i, _)| i);
    fold(&t[..after])
        .eq("v/v")
        .then(|| t[after..].trim_start_matches(['.', ':', ' ']))
}

/// The trích yếu's lines after the type word or `V/v`: up to a blank line
/// (after at least one), Kính gửi or the text's first words.
fn title_lines(lines: &[Line], from: usize, d: &mut Draft) -> usize {
    let mut parts: Vec<String> = d.title.take().into_iter().collect();
    let mut i = from;
    while i < lines.len() {
        let l = &lines[i];
        if l.is_blank() {
            if !parts.is_empty() {
                break;
            }
            i += 1;
            continue;
        }
        let text = l.cells.iter().find(|c| !c.is_empty()).cloned().unwrap_or_default();
        if opens_text(l)
            || is_motto(&text) && !parts.is_empty()
            || parts.len() >= 4
            || !parts.is_empty() && opens_body(&text)
        {
            break;
        }
        if !is_motto(&text) {
            parts.push(text);
        }
        i += 1;
    }
    if !parts.is_empty() {
        d.title = Some(first_capital(&parts.join(" ")));
    }
    i
}

/// Whether a line opens the text rather than continuing a trích yếu (Word
/// files have no blank line after it): a unit (`1.`, `I.`, `Điều 1.`), the
/// words that open texts, a sentence that ends, or a long line.
fn opens_body(text: &str) -> bool {
    let f = fold(text);
    // A trích yếu wrapped onto the next line goes on in lower case.
    let capital = text.trim_start().starts_with(char::is_uppercase);
    crate::outline::kind_of(text).is_some()
        || capital
            && ["thuc hien ", "can cu ", "de ", "nham ", "trien khai ", "theo ", "ngay "]
                .iter()
                .any(|w| f.starts_with(w))
        || text.trim_end().ends_with(['.', ':', ';'])
        || text.chars().count() > 160
}

/// A trích yếu with no type word or `V/v` before it (a công văn copied
/// without its header): the short paragraph between the number and Kính gửi.
fn untyped_title(lines: &[Line], from: usize, d: &mut Draft) -> usize {
    let mut i = from;
    while i < lines.len() && lines[i].is_blank() {
        i += 1;
    }
    let start = i;
    let mut parts = Vec::new();
    while i < lines.len() && !lines[i].is_blank() && !opens_text(&lines[i]) {
        parts.push(lines[i].text());
        i += 1;
    }
    let mut next = i;
    while next < lines.len() && lines[next].is_blank() {
        next += 1;
    }
    let before_recipients = next < lines.len() && is_recipients(&lines[next]);
    let short = parts.join(" ").chars().count() <= 250;
    if d.number.is_some() && !parts.is_empty() && before_recipients && short {
        d.title = Some(first_capital(&parts.join(" ")));
        next
    } else {
        start
    }
}

fn first_capital(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => s,
    }
}

fn is_recipients(l: &Line) -> bool {
    l.cells
        .iter()
        .any(|c| fold(c.trim_start_matches(['-', '*', '+', ' '])).starts_with("kinh gui"))
}

/// Kính gửi and its list, when the text starts with it; returns the line
/// after it.
fn recipients(lines: &[Line], from: usize, d: &mut Draft) -> usize {
    let mut i = from;
    while i < lines.len() && lines[i].is_blank() {
        i += 1;
    }
    let Some(l) = lines.get(i).filter(|l| is_recipients(l)) else {
        return from;
    };
    let cell = l
        .cells
        .iter()
        .find(|c| fold(c.trim_start_matches(['-', '*', '+', ' '])).starts_with("kinh gui"));
    if let Some(rest) = cell.and_then(|c| c.split_once(':')).map(|(_, r)| r) {
        d.recipients.extend(rest.split(';').map(item).filter(|s| !s.is_empty()));
    }
    i += 1;
    let mut last_line = i;
    while i < lines.len() {
        let l = &lines[i];
        if l.is_blank() {
            i += 1;
            continue;
        }
        let t = l.text();
        // A recipient wrapped onto the next line ("… cơ sở đảng trực" /
        // "thuộc Huyện ủy.") goes on with it.
        if t.starts_with(char::is_lowercase) {
            if let Some(last) = d.recipients.last_mut() {
                *last = item(&format!("{last} {t}"));
                i += 1;
                last_line = i;
                continue;
            }
        }
        let listed = t.starts_with(['-', '+', '•', '–']);
        let trailing = t.ends_with([',', ';']) && t.chars().count() < 160;
        if !(listed || trailing || d.recipients.is_empty() && t.chars().count() < 120) {
            break;
        }
        d.recipients.push(item(&t));
        i += 1;
        last_line = i;
    }
    last_line
}

/// A list item without its marker and trailing punctuation.
pub(super) fn item(s: &str) -> String {
    let t = s.trim().trim_start_matches(['-', '+', '•', '–', '*', ' ']).trim();
    let t = t.trim_end_matches([',', ';', '.', '*', ' ']).trim();
    sentence_keep(t)
}

/// Keeps an item's own capitals; only a first letter in lower case is raised.
fn sentence_keep(t: &str) -> String {
    if is_upper(t) {
        return sentence(t);
    }
    first_capital(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_of_a_header() {
        assert_eq!(number_in("Số 112-CV/TU").as_deref(), Some("112-CV/TU"));
        assert_eq!(number_in("Số: 1961/QĐ-UBND").as_deref(), Some("1961/QĐ-UBND"));
        assert_eq!(number_in("Sở Y tế"), None);
        let mut d = Draft::default();
        assert!(place_date("Hà Tĩnh, ngày 05 tháng 3 năm 2025", 3, &mut d));
        assert_eq!(
            (d.place.as_deref(), d.date.map(|x| x.iso())),
            (Some("Hà Tĩnh"), Some("2025-03-05".to_string()))
        );
        let mut d = Draft::default();
        assert!(place_date("Vinh, ngày     tháng 3 năm 2025", 3, &mut d));
        assert!(d.date.is_none() && d.notes.len() == 1);
        assert_eq!(type_word("QUYẾT ĐỊNH"), Some("Quyết định"));
        assert_eq!(type_word("Quyết định"), None);
        assert_eq!(item("- Các sở, ban, ngành tỉnh,"), "Các sở, ban, ngành tỉnh");
        assert_eq!(strip_vv("V/ṽ thử"), Some("thử"));
        assert_eq!(strip_vv("V/v: triển khai"), Some("triển khai"));
        assert!(
            opens_body("Thực hiện Quy định số 296-QĐ/TW")
                && opens_body("1. Phạm vi áp dụng")
                && !opens_body("công tác phòng cháy")
        );
    }
}
