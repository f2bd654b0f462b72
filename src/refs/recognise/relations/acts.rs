//! What a change does: only the document's whole act changes a status, and
//! only what the citing document can change.

use super::*;

/// The relation a clause states for a mention at `start`, settled: a change
/// only as the document's whole act ([`as_acted`]) and only of what the
/// citing document (`numbers.0`) can change in the cited one (`numbers.1`).
pub(in crate::refs::recognise) fn settle(
    t: &str,
    start: usize,
    before: &[Mention],
    relation: Relation,
    numbers: (&Number, &Number),
) -> Relation {
    let relation = as_acted(t, start, before, relation);
    if changes(relation) && !may_change(numbers.0, numbers.1) {
        Relation::Cites
    } else {
        relation
    }
}

/// Whether a relation changes the cited document.
pub(super) fn changes(r: Relation) -> bool {
    matches!(r, Relation::Replaces | Relation::Repeals | Relation::Amends)
}

/// A change is the document's whole act only when the cue's object is the
/// document itself:
/// - the last cue before it must be the change ("Bổ sung kinh phí … để triển
///   khai Quyết định số …" changes no document) and not denied ("không thay
///   thế …");
/// - "theo" before it makes it what the act follows ("Hủy bỏ cuộc họp …
///   theo Giấy mời số …");
/// - a pinpoint between ("Bãi bỏ khoản 3 Điều 7 …", "Thay thế Phụ lục I ban
///   hành kèm theo …", "Thay thế cụm từ … tại Điều 5 …") makes it a partial
///   change: the document is amended, and stays in force.
pub(super) fn as_acted(t: &str, start: usize, before: &[Mention], relation: Relation) -> Relation {
    if !changes(relation) {
        return relation;
    }
    let cs = clause_start(t, start);
    let in_clause = &before[before.partition_point(|m| m.range.start < cs)..];
    let p = masked(lower_same_len(&t[cs..start]), cs, in_clause);
    let Some((at, end, cue)) = last_cue(&p) else {
        return relation;
    };
    let lead = p[..at].trim_end();
    if !changes(cue) || words::NEGATIONS.iter().any(|n| ends_with_word(lead, n).is_some()) {
        return Relation::Cites;
    }
    let before = &before[before.partition_point(|m| m.range.start < cs)..];
    let between: Vec<&str> = gaps(cs + end, start, before).into_iter().map(|g| &t[g]).collect();
    if between.last().is_some_and(|g| according_to(g)) {
        return Relation::Cites;
    }
    let between = lower_same_len(&between.join(" "));
    // "điều " stands before its numeral ("điều 5"); the others are words.
    let pinpoint = words::PINPOINTS.iter().any(|w| match w.strip_suffix(' ') {
        Some(head) => whole_words(&between, head).any(|i| numeral_at(&between[i + w.len()..])),
        None => whole_words(&between, w).next().is_some(),
    });
    if pinpoint {
        Relation::Amends
    } else {
        relation
    }
}

/// Whether `s` starts with a numeral of a pinpoint: digits ("5"), a Roman
/// numeral ("iii") or one letter ("c" of "điểm c").
pub(super) fn numeral_at(s: &str) -> bool {
    let word: &str = s.split([' ', ',', ';', '.', ')']).next().unwrap_or("");
    !word.is_empty()
        && (word.chars().all(|c| c.is_ascii_digit())
            || word.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
            || word.chars().count() == 1)
}

/// Whether a document numbered `own` can replace, repeal or amend one
/// numbered `cited`: never across Party and State, never a central document
/// from a local one, a law only by a law, a Government decree only by the
/// Government or a law, a công văn only what [`words::CONG_VAN_ADJUSTS`]
/// lists. "Sửa đổi Luật Nhà giáo …" in a ministry's plan is a task, not an
/// act.
pub(super) fn may_change(own: &Number, cited: &Number) -> bool {
    let party = |n: &Number| n.shape == Shape::Party;
    let government = |n: &Number| n.codes.iter().any(|c| c == "CP");
    if party(own) != party(cited) || (own.is_local() && !cited.is_local()) {
        return false;
    }
    // A công văn adjusts only what an office's letter may: another công
    // văn, a plan, a notice ("Điều chỉnh, bổ sung Kế hoạch số 118-KH/TU …"),
    // never a decision, regulation or resolution.
    let cong_van = matches!(own.derived_type(), DerivedType::One("Công văn"));
    let adjustable = matches!(cited.derived_type(), DerivedType::One(t) if words::CONG_VAN_ADJUSTS.contains(&t));
    if cong_van && !adjustable {
        return false;
    }
    let assembly = |n: &Number| n.by_national_assembly();
    if assembly(cited) && !assembly(own) {
        return false;
    }
    !(government(cited) && !government(own) && !assembly(own))
}
