//! Lists: the items of a list take the relation of the clause or line that
//! introduced them; the document naming itself before a mention.

use super::*;

/// A list item that starts its clause with the mention: after `;` it goes
/// on with the item before it in the same paragraph; after a line ending in
/// `:` (or a run of numbered items below one) it takes the relation of the
/// clause that introduced the list ("Bãi bỏ các văn bản sau đây:").
pub(super) fn listed_item(
    t: &str,
    (start, tail): (usize, usize),
    before: &[Mention],
    own: &[&str],
) -> Option<Relation> {
    let cs = clause_start(t, start);
    if !strip_numbering(&t[cs..start]).is_empty() {
        return None;
    }
    let lead = t[..cs].trim_end_matches([' ', '\t']);
    if lead.ends_with(';') {
        if let Some(prev) = item_before(t, before) {
            let between = t.get(prev.range.start..start).unwrap_or("\n\n");
            if !between.contains("\n\n") && !between.contains(". ") {
                return Some(prev.relation);
            }
        }
        // No mention before it in the sentence: the items before were not
        // documents of a number ("Căn cứ Luật Thống kê ngày …; Luật số …"),
        // and the cue that opened the sentence governs the list.
        let line = t[..cs].rfind('\n').map_or(0, |i| i + 1);
        let sentence = &t[line..cs];
        if sentence.contains(". ") || before.last().is_some_and(|m| m.range.start >= line) {
            return None;
        }
        // Only a cue that lists what the document rests on ("Căn cứ Luật
        // … ngày …; Luật số … sửa đổi, bổ sung …", a preamble of names) or
        // carries out, and then only an item that ends with its facts: a
        // change cue never reaches past the `;` ("Bãi bỏ …; Quyết định số
        // 15/2024/QĐ-UBND … tiếp tục có hiệu lực").
        match opening(&lower_same_len(strip_numbering(sentence))) {
            Some((Relation::BasedOn, _)) => return Some(Relation::BasedOn),
            Some((Relation::Implements, _)) if item_ends(t, tail) => return Some(Relation::Implements),
            _ => {}
        }
        // Else an item of a list below a line that introduces it ("a) …;").
    }
    // Up over the numbered items above, to the line that introduces them.
    let mut at = cs;
    for _ in 0..50 {
        let above = t[..at].trim_end();
        // "Bãi bỏ các văn bản sau:", also set as a bold heading without
        // its colon ("**Điều 1. Bãi bỏ toàn bộ các nghị quyết sau**").
        let bare = above.trim_end_matches(['*', '_']).trim_end();
        let ends_list = |w: &str| ends_with_word(bare, w).is_some();
        let intro = bare
            .strip_suffix(':')
            .or_else(|| (ends_list("sau") || ends_list("sau đây")).then_some(bare));
        if let Some(intro) = intro {
            let from = clause_start(t, intro.len());
            let p = lower_same_len(strip_numbering(&t[from..intro.len()]));
            // "Bãi bỏ các văn bản sau đây:", and the document naming itself:
            // "Quyết định này thay thế các Quyết định sau:".
            return opening(&p)
                .map(|(r, _)| r)
                .or_else(|| self_naming(&format!("{p} "), own, &|_| false, &|_| false));
        }
        let line_start = above.rfind('\n').map_or(0, |i| i + 1);
        let line = &above[line_start..];
        // "1.", "2.3.", "a)", "đ)", "-", "+": a list item (a heading is not).
        let item = line.trim_start();
        let mut chars = item.chars();
        let numbered = item.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '*'))
            || matches!((chars.next(), chars.next()), (Some(c), Some(')')) if c.is_alphabetic());
        if line_start == 0 || !numbered {
            return None;
        }
        at = line_start;
    }
    None
}

/// Whether a list item ends with its mention's facts: `;`, `.`, `,` or the
/// line's end right after them.
pub(super) fn item_ends(t: &str, tail: usize) -> bool {
    let rest = t[tail.min(t.len())..].trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with([';', '.', ',', '\n'])
}

/// The last mention that is an item of its own, not one inside an earlier
/// mention's subject ("Công điện số 12/CĐ-TTg … về triển khai thi hành
/// Nghị định số 168/2024/NĐ-CP; Kế hoạch số 11-KH/TU …": the item before the
/// plan is the Công điện).
/// A mention that follows another only by words of its own ("… Nghị quyết số
/// 03/NQ-CP … ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW;
/// Kế hoạch số 06-KH/TU …") is part of that one's description, not an item.
pub(super) fn item_before<'a>(t: &str, before: &'a [Mention]) -> Option<&'a Mention> {
    let n = before.len();
    (n.saturating_sub(8)..n).rev().find_map(|j| {
        let m = &before[j];
        let inside = before[n.saturating_sub(16)..n]
            .iter()
            .any(|o| o.range.start < m.range.start && o.subject_from <= m.range.start && m.range.start < o.tail);
        let described = j > 0 && {
            let p = &before[j - 1];
            p.tail <= m.range.start
                && !t[p.tail..m.range.start].contains(['\n', ';', '.'])
                && !is_connector(&t[p.tail..m.range.start])
                && clause_start(t, m.range.start) <= p.range.start
        };
        (!inside && !described).then_some(m)
    })
}

/// The document naming itself before the mention, in the same clause:
/// "công văn số 73-CV/TU về việc triển khai Kết luận …".
pub(super) fn after_own_number(t: &str, start: usize, own: &[Range<usize>], before: &[Mention]) -> Option<Relation> {
    let cs = clause_start(t, start);
    // Another document between is what the words speak of ("Kế hoạch số
    // 21-KH/TU … về thực hiện Kết luận số 05-KL/TW … về tiếp tục thực hiện
    // Nghị quyết số 68-NQ/TW": the plan implements the conclusion only).
    let between = |o: &Range<usize>| {
        let after = before.partition_point(|m| m.range.start < o.end);
        before.get(after).is_some_and(|m| m.range.start < start)
    };
    own.iter()
        .rev()
        .filter(|o| o.end <= start && o.start >= cs && !between(o))
        .filter_map(|o| {
            let gap = lower_same_len(t[o.end..start].trim());
            let gap = gap
                .strip_prefix("về việc")
                .or_else(|| gap.strip_prefix("về"))
                .unwrap_or(&gap)
                .trim()
                .to_string();
            // A change may name what it changes first ("… có Công văn số
            // 1288/… điều chỉnh, bổ sung một số nội dung tại Kế hoạch số …"):
            // the pinpoint rule of `as_acted` then reads it.
            if let Some((r, _)) = opening(&gap).filter(|(r, end)| gap[*end..].trim().is_empty() || changes(*r)) {
                return Some(r);
            }
            // "… về rà soát, sắp xếp cán bộ, nhằm cụ thể hóa Kết luận …"; not
            // "… về giám sát việc tổ chức thực hiện Nghị quyết …": a review
            // of the carrying out, not carrying it out.
            let (at, end, r) = last_cue(&gap)?;
            (gap[end..].trim().is_empty() && !reviewed(&gap[..at])).then_some(r)
        })
        .next()
}
