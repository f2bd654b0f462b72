//! A news report about a directive rather than its text ("Ngày 18/7, Ban
//! Thường vụ Tỉnh ủy Phú Thọ ban hành công văn số 73-CV/TU về việc …"):
//! the number, issuer, date and trích yếu come from the sentence that
//! reports the issuing, and the page will say it is a report.
//!
//! In: the lines of an input whose header gives no number. Out: those
//! fields and `source` in the [`Draft`]; the headline stays the body's
//! first heading.

use super::read::Line;
use super::Draft;
use crate::refs::issuers::Vocabulary;
use crate::source::fold;

/// A number no text holds, for the finder's "own number" of a report.
const NO_NUMBER: &str = "999999-ZZQ/ZZQ";

/// How many paragraphs from the top the reporting sentence is looked for in.
const LOOK: usize = 6;

/// Reads a report's facts into `d`; whether the input is one.
pub(super) fn read(lines: &[Line], vocabulary: &Vocabulary, d: &mut Draft) -> bool {
    for (i, l) in lines.iter().enumerate().filter(|(_, l)| !l.is_blank()).take(LOOK) {
        let text = l.text();
        let f = fold(&text);
        let Some(at) = f.find(" ban hanh ") else { continue };
        // Byte offsets of the fold match the text's only in ASCII: count characters.
        let issued_at = [" ban hành ", " Ban hành ", " BAN HÀNH "]
            .iter()
            .filter_map(|w| text.find(w))
            .min()
            .unwrap_or_else(|| {
                text.char_indices()
                    .nth(f[..at].chars().count())
                    .map_or(text.len(), |(b, _)| b)
            });
        // A report is no document yet: it has no number of its own, so the
        // citation finder is given one no text can hold.
        let Ok(none) = crate::number::parse(NO_NUMBER) else {
            return false;
        };
        let found = crate::refs::find("", &text, 0, (&none, None));
        // "ban hành [công văn] số 73-CV/TU": the number right after the verb
        // (at most a type word between), not one the sentence cites later.
        let right_after = |c: &&crate::refs::Citation| {
            c.span.start > issued_at
                && text
                    .get(issued_at..c.span.start)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 4)
        };
        let Some(c) = found.citations.iter().find(right_after) else {
            continue;
        };
        d.number = Some((c.number.canonical.clone(), i));
        d.report = true;
        issuer_before(&text[..issued_at], vocabulary, d);
        outlet(lines, d);
        d.date = reported_date(&text[..issued_at], d.published);
        d.title = subject_after(
            &text[c.span.end..],
            found.citations.iter().map(|x| x.span.end.saturating_sub(c.span.end)),
        );
        return true;
    }
    false
}

/// The body that issued it: the last name of the vocabulary that ends just
/// before "ban hành".
fn issuer_before(before: &str, vocabulary: &Vocabulary, d: &mut Draft) {
    let trimmed = before.trim_end();
    for (i, _) in trimmed
        .char_indices()
        .filter(|(i, _)| *i == 0 || trimmed[..*i].ends_with(' '))
    {
        if let Some((names, len)) = vocabulary.list_at(&trimmed[i..]) {
            if trimmed[i + len..].trim().is_empty() {
                if let Some(n) = names.first() {
                    d.issuer = Some(vocabulary.body(n.body).name.clone());
                    d.locality = n.province.map(str::to_string);
                }
                return;
            }
        }
    }
}

/// `Ngày 18/7/2025, …` before "ban hành": the date. A date without its
/// year (`Ngày 12/3`) takes the year of the report's own date when that
/// comes after it in the same year; without one it is not a date.
fn reported_date(before: &str, published: Option<crate::date::Date>) -> Option<crate::date::Date> {
    // The date closest to the verb: an earlier one belongs to a cited document.
    let f = fold(before);
    let at = f.rfind("ngay ")?;
    let chars = f[..at + 5].chars().count();
    let original: String = before.chars().skip(chars).collect();
    match crate::refs::recognise::date_at(&original, true)? {
        (Some(date), _, _) => Some(date),
        (None, Some((day, month)), _) => {
            let p = published?;
            crate::date::Date::new(p.year, month, day).filter(|d| *d <= p)
        }
        _ => None,
    }
}

/// The outlet line (`Báo Đắk Lắk`) and the dated line under it (`Thứ
/// Sáu, 14/03/2025 - 16:20`) among the report's first lines.
fn outlet(lines: &[Line], d: &mut Draft) {
    const OUTLETS: &[&str] = &[
        "bao ",
        "tap chi ",
        "cong thong tin",
        "dai phat thanh",
        "truyen hinh",
        "thong tan xa",
    ];
    for l in lines.iter().filter(|l| !l.is_blank()).take(5) {
        let t = l.text();
        let f = fold(&t);
        if d.outlet.is_none() && t.chars().count() <= 60 && OUTLETS.iter().any(|o| f.starts_with(o)) {
            d.outlet = Some(t.trim().to_string());
            continue;
        }
        if d.published.is_none() && t.chars().count() <= 60 {
            d.published = t
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .find_map(|(i, _)| crate::refs::recognise::date_at(&t[i..], false).and_then(|(x, _, _)| x));
        }
    }
}

/// The trích yếu a report gives after the number: "về việc triển khai Kết
/// luận số 178-KL/TW, ngày 17/7/2025 của Bộ Chính trị, Ban Bí thư" (the
/// date of the cited document left out), up to the next "về" or the end of
/// the sentence.
fn subject_after(after: &str, cited_ends: impl Iterator<Item = usize>) -> Option<String> {
    let t = after.trim_start_matches([',', ' ']);
    let skipped = after.len() - t.len();
    if t.is_empty() {
        return None;
    }
    let first_cited_end = cited_ends
        .filter(|&e| e > skipped)
        .map(|e| e - skipped)
        .find(|&e| e <= t.len());
    let search_from = first_cited_end.unwrap_or(3);
    let stop_rel = [" về ", ". ", "; "]
        .iter()
        .filter_map(|s| t.get(search_from..).and_then(|r| r.find(s)))
        .min()
        .map_or(t.len(), |p| search_from + p);
    let mut subject = t[..stop_rel].trim_end_matches(['.', ',', ' ']).to_string();
    // ", ngày 17/7/2025" of the cited document.
    if let Some(p) = subject.find(", ngày ") {
        let rest = &subject[p + ", ngày ".len()..];
        if let Some((_, _, len)) = crate::refs::recognise::date_at(rest, true) {
            subject = format!("{}{}", &subject[..p], &rest[len..]);
        }
    }
    let mut chars = subject.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_of_number_one() {
        let line = |s: &str| Line {
            cells: vec![s.to_string()],
            markdown: s.to_string(),
            table_row: false,
            row: 0,
        };
        let lines = vec![line("Ngày 2/3/2025, Ban Thường vụ Tỉnh ủy Nghệ An ban hành Công văn số 1-CV/TU về việc triển khai nhiệm vụ năm 2025.")];
        let mut d = Draft::default();
        assert!(crate::number::parse(NO_NUMBER).is_ok());
        assert!(read(&lines, &Vocabulary::builtin(), &mut d));
        assert_eq!(d.number.as_ref().map(|n| n.0.as_str()), Some("1-CV/TU"));
        assert_eq!(d.date.map(|x| x.iso()).as_deref(), Some("2025-03-02"));
    }

    #[test]
    fn the_seed_report() {
        let line = |s: &str| Line {
            cells: vec![s.to_string()],
            markdown: s.to_string(),
            table_row: false,
            row: 0,
        };
        let lines = vec![
            line("Triển khai thực hiện Kết luận số 178-KL/TW của Bộ Chính trị, Ban Bí thư"),
            line(""),
            line("Ngày 18/7, Ban Thường vụ Tỉnh ủy Phú Thọ ban hành công văn số 73-CV/TU về việc triển khai Kết luận số 178-KL/TW, ngày 17/7/2025 của Bộ Chính trị, Ban Bí thư về tiếp tục triển khai các nhiệm vụ."),
        ];
        let mut d = Draft::default();
        assert!(read(&lines, &Vocabulary::builtin(), &mut d));
        assert_eq!(d.number.as_ref().map(|n| n.0.as_str()), Some("73-CV/TU"));
        assert_eq!(d.issuer.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
        assert_eq!(d.locality.as_deref(), Some("Phú Thọ"));
        assert!(d.date.is_none());
        assert_eq!(
            d.title.as_deref(),
            Some("Về việc triển khai Kết luận số 178-KL/TW của Bộ Chính trị, Ban Bí thư")
        );
    }
}
