//! Pass 5: the relation each mention states, read from its clause.
//!
//! A cue types the citing document's own relation only when the document is
//! the subject (`docs/contracts/numbers-and-references.md` §4):
//! - a clause that opens with a cue ("Căn cứ …", "2. Quán triệt sâu rộng …",
//!   "Sửa đổi, bổ sung một số điều của …") governs every citation of the
//!   clause, whatever words stand between, until another actor's act starts
//!   (", Ban Thường vụ Tỉnh ủy yêu cầu …", "… đã ban hành …"); a citation
//!   inside another's "về …" subject is that document's business, not ours;
//! - a list goes on across "và", "," and ";" ("Thực hiện … số 89; số 214");
//! - the document naming itself: "Quyết định này có hiệu lực … và thay thế
//!   Quyết định số …", "Hướng dẫn này hướng dẫn thực hiện …", "công văn số
//!   73-CV/TU về việc triển khai …".
//!
//! Anything else, a third party's act included, is a plain citation.

use super::text::{
    clause_start, ends_with_word, is_connector, lower_same_len, starts_item, strip_numbering, whole_words,
};
use super::{Mention, Scan};
use crate::number::{DerivedType, Number, Shape};
use crate::refs::issuers::Vocabulary;
use crate::refs::normal::floor;
use crate::refs::words::{self, Cue, CLAUSE_BREAKS, CUES, TYPE_WORDS};
use crate::refs::Relation;
use std::ops::Range;

/// What a clause needs to know of the citing document: the type words that
/// name it, and the vocabulary of bodies.
pub(super) struct Own<'a> {
    words: Vec<&'static str>,
    vocabulary: &'a Vocabulary,
}

impl<'a> Own<'a> {
    /// The citing document of a scan.
    pub(super) fn of(scan: &Scan<'a>) -> Own<'a> {
        Own {
            words: own_words(scan.own.0),
            vocabulary: scan.vocabulary,
        }
    }
}

/// Types every mention of the scan.
pub(super) fn assign(scan: &mut Scan) {
    let t = scan.t;
    let own = Own::of(scan);
    for i in 0..scan.mentions.len() {
        let start = scan.mentions[i].range.start;
        let mut relation = of_clause(t, start, &scan.mentions[..i], &own);
        // A list after the cue: "Căn cứ Nghị quyết số X, Nghị quyết số Y".
        if relation.is_none() && i > 0 {
            let prev = &scan.mentions[i - 1];
            if prev.tail <= start && is_connector(&t[prev.tail..start]) && prev.relation != Relation::Cites {
                relation = Some(prev.relation);
            }
        }
        if relation.is_none() {
            relation = after_own_number(t, start, &scan.own_ranges, &scan.mentions[..i]);
        }
        if relation.is_none() {
            relation = listed_item(t, (start, scan.mentions[i].tail), &scan.mentions[..i], &own.words);
        }
        let relation = relation.unwrap_or(Relation::Cites);
        scan.mentions[i].relation = settle(
            t,
            start,
            &scan.mentions[..i],
            relation,
            (scan.own.0, &scan.mentions[i].number),
        );
    }
}

/// The relation a clause states for a mention at `start`, settled: a change
/// only as the document's whole act ([`as_acted`]) and only of what the
/// citing document (`numbers.0`) can change in the cited one (`numbers.1`).
pub(super) fn settle(
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
fn changes(r: Relation) -> bool {
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
fn as_acted(t: &str, start: usize, before: &[Mention], relation: Relation) -> Relation {
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
fn numeral_at(s: &str) -> bool {
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
fn may_change(own: &Number, cited: &Number) -> bool {
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

/// The relation the clause around `start` states for a mention there;
/// `before`: the mentions before it (their facts and subjects are theirs).
pub(super) fn of_clause(t: &str, start: usize, before: &[Mention], own: &Own) -> Option<Relation> {
    let cs = clause_start(t, start);
    // Only the mentions of this clause matter (mentions are in text order):
    // a clause's cost does not grow with the document.
    let split = before.partition_point(|m| m.range.start < cs);
    // A bare own type word after another document of that type in the same
    // paragraph is that document ("… ban hành Kế hoạch số 45-KH/BTGDVTU …
    // Kế hoạch thay thế …").
    let anaphora = before[..split].iter().rev().take(8).any(|m| {
        m.word.is_some_and(|w| own.words.contains(&TYPE_WORDS[w].0))
            && t.get(m.range.end..cs).is_some_and(|g| !g.contains("\n\n"))
    });
    let words: &[&str] = if anaphora { &[] } else { &own.words };
    let all_before = before;
    let before = &before[split..];
    let prefix = &t[cs..start];
    let stripped = strip_numbering(prefix);
    let offset = cs + (stripped.as_ptr() as usize - prefix.as_ptr() as usize);
    // The earlier mentions of the clause (type word, number, facts and
    // subject) are not cues: "Hướng dẫn này thay thế Hướng dẫn số 12-HD/… và
    // Hướng dẫn số 09-HD/…", "các Hướng dẫn số 08-HD/…, số 09-HD/…".
    let p = masked(lower_same_len(stripped), offset, before);
    // "Theo lãnh đạo Ban Tuyên giáo Tỉnh ủy, Kế hoạch được ban hành nhằm …":
    // who says it stands before the clause proper.
    let frame = attribution(&p);
    let (p, offset) = (&p[frame..], offset + frame);
    // Inside another mention's "về …": a third party's relation.
    if before
        .iter()
        .any(|m| m.range.start >= cs && m.subject_from < start && start < m.tail)
    {
        return None;
    }
    // A cue right after an earlier mention's facts is that document's act,
    // not ours: "… thay thế Quyết định số 35 … và Quyết định số 12 ngày …
    // của UBND tỉnh sửa đổi, bổ sung … Quyết định số 35" cites the last.
    // So is a cue after its own act ("… Nghị quyết số 140/NQ-CP … của Chính
    // phủ ban hành Chương trình hành động thực hiện Nghị quyết 66").
    let theirs = |at: usize| {
        let at = offset + at;
        before
            .iter()
            .any(|m| m.tail <= at && (t[m.tail..at].trim_matches([' ', ',']).is_empty() || its_act(&t[m.tail..at])))
    };
    // The type words, not the document's own, of documents the paragraph
    // named before the clause ("Quyết định số 06/…", "Quyết định 06").
    let para = lower_same_len(&t[t[..cs].rfind("\n\n").map_or(0, |i| i + 2)..cs]);
    let recent: Vec<&str> = TYPE_WORDS
        .iter()
        .map(|(w, _, _)| *w)
        .filter(|w| !own.words.contains(w) && named_in(&para, w))
        .collect();
    if let Some(r) = self_naming(p, words, &recent, &theirs) {
        return Some(r);
    }
    let (relation, end) = cue_run(t, (cs, offset), p, &all_before[..split], own)?;
    let reach = gaps(offset + end, start, before);
    (reaches(t, start, relation, offset + end, &reach) && carried_out(t, relation, &reach)).then_some(relation)
}

/// The run of cues the clause (`p`, lower case, from `at.1`; the clause
/// starts at `at.0`) opens with, its relation and where it ends: a cue, or
/// "đồng thời" and a cue after a `;` that goes on with the document's
/// purpose, or a headline's subject speaking for the document.
fn cue_run(
    t: &str,
    (cs, offset): (usize, usize),
    p: &str,
    earlier: &[Mention],
    own: &Own,
) -> Option<(Relation, usize)> {
    // "…; đồng thời cụ thể hóa Hướng dẫn số …": the document's purpose goes
    // on after the `;` when the clause before stated one.
    let goes_on = || {
        let (r, end) = opening(p.strip_prefix("đồng thời ")?)?;
        let semicolon = t[..cs].trim_end().strip_suffix(';')?;
        let prev_stated = earlier
            .last()
            .is_some_and(|m| m.tail <= semicolon.len() && m.relation != Relation::Cites);
        // "Công văn cũng bổ sung …; đồng thời bãi bỏ …": the document acting.
        let from = clause_start(t, semicolon.len());
        let prev = lower_same_len(strip_numbering(&t[from..semicolon.len()]));
        let own_act = own_word_acting(&prev, &own.words).is_some();
        (prev_stated || own_act).then_some((r, "đồng thời ".len() + end))
    };
    opening(p)
        .or_else(goes_on)
        .or_else(|| heading(t, cs).then(|| own_voice(p, &t[offset..], own)).flatten())
}

/// Whether a run of cues ending at `run_end` reaches the mention at `start`
/// across the stretches between (`reach`): not past another document's
/// name or act, nor past another actor's.
fn reaches(t: &str, start: usize, relation: Relation, run_end: usize, reach: &[Range<usize>]) -> bool {
    // After an earlier mention, a cue starts that document's name or act
    // ("Căn cứ Luật số 43/2024/QH15 … sửa đổi, bổ sung … của Luật Đất đai").
    // So does a passive change ("… Nghị quyết 19 đã được sửa đổi, bổ sung
    // tại Nghị quyết 07"): what follows describes the one before. Not among
    // grounds: "Căn cứ Luật … được sửa đổi, bổ sung bởi Luật số …" rests on
    // the law as amended, the amending law too.
    // A short form is not among `before`: its passive change stands
    // inside a gap ("Cụ thể hóa … tại Nghị quyết 19 đã được sửa đổi, bổ sung
    // tại Nghị quyết 07").
    let grounds = relation == Relation::BasedOn;
    let described = !grounds && reach.iter().any(|g| passive_within(&t[g.clone()]));
    let named_by_other = described
        || reach.iter().skip_while(|g| g.start == run_end).any(|g| {
            let g = &t[g.clone()];
            opens_with_cue(g) || its_act(g) || (!grounds && passive_change(g))
        });
    // "Căn cứ Nghị định số 78/… quy định chi tiết … và Nghị định số 187/…":
    // the grounds go on to the next "và <type word> số …" item.
    let next_ground = grounds && ends_with_word(t[..start].trim_end(), "và").is_some() && starts_item(&t[start..]);
    // A break word right after an earlier mention's facts is that
    // document's own act ("Thông tư số 30/… của Bộ GDĐT ban hành Quy chế …"),
    // no new actor.
    let broken = reach.iter().any(|g| breaks(&t[g.clone()], g.start != run_end));
    !(named_by_other && !next_ground) && !broken
}

/// Whether what the clause carries out or guides is the document itself:
/// not the work of a change ("Để tổ chức thực hiện việc thay thế Quyết định
/// số …"), not what an act follows ("Thực hiện chính sách … theo Nghị định
/// số …"; the words before a list item are those before its first item).
fn carried_out(t: &str, relation: Relation, reach: &[Range<usize>]) -> bool {
    if !matches!(relation, Relation::Implements | Relation::Guides) {
        return true;
    }
    let about_a_change = reach.iter().any(|g| {
        let gap = &t[g.clone()];
        gap.contains("việc") && last_cue(&lower_same_len(gap)).is_some_and(|(_, _, r)| changes(r))
    });
    let said = reach
        .iter()
        .rev()
        .map(|g| &t[g.clone()])
        .find(|g| !is_connector(g))
        .unwrap_or("");
    !about_a_change && !according_to(said)
}

/// Whether the words before a cue review the carrying out rather than carry
/// it out: a review word, then "việc" ("giám sát chuyên đề việc lãnh đạo,
/// chỉ đạo, tổ chức thực hiện …").
fn reviewed(before: &str) -> bool {
    words::REVIEWS
        .iter()
        .filter_map(|w| whole_words(before, w).last())
        .any(|i| whole_words(&before[i..], "việc").next().is_some())
}

/// Whether `para` names a document of type word `w` ("Quyết định số …",
/// "Quyết định 06").
fn named_in(para: &str, w: &str) -> bool {
    para.match_indices(w).any(|(i, _)| {
        let r = &para[i + w.len()..];
        r.strip_prefix(" số ").is_some()
            || r.strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Whether the clause starting at `cs` is a headline: a Markdown heading
/// or a line set wholly in bold.
fn heading(t: &str, cs: usize) -> bool {
    let from = t[..cs].rfind('\n').map_or(0, |i| i + 1);
    let to = t[cs..].find('\n').map_or(t.len(), |i| cs + i);
    let line = t[from..to].trim();
    line.starts_with('#') || (line.starts_with("**") && line.ends_with("**"))
}

/// An attribution before a clause ("Theo lãnh đạo Ban Tuyên giáo Tỉnh ủy,
/// …", "Theo Kế hoạch, …"): its length with the comma, or 0. Not what an
/// act follows ("Theo Kế hoạch số … , các …", "Theo hướng dẫn của …, …").
fn attribution(p: &str) -> usize {
    let Some(frame) = p.strip_prefix("theo ").and_then(|r| r.split_once(", ")).map(|(f, _)| f) else {
        return 0;
    };
    let plain = frame.split(' ').count() <= 10
        && !frame.contains(['#', ';', '.', ':', '\n'])
        && !frame.chars().any(|c| c.is_ascii_digit())
        && last_cue(frame).is_none();
    if plain {
        "theo ".len() + frame.len() + ", ".len()
    } else {
        0
    }
}

/// Whether the words right after a mention's facts are its own act, up to
/// a cue: an issuing verb ("ban hành Chương trình hành động", "phê duyệt
/// Đề án") with no break or "và" before the cue.
fn its_act(gap: &str) -> bool {
    let g = gap.trim_start();
    if g.len() > 80 {
        return false;
    }
    let g = lower_same_len(g);
    let verb = words::ISSUING_VERBS
        .iter()
        .chain(words::ISSUING_VERBS_AT)
        .chain(words::PROPOSING)
        .any(|v| g.strip_prefix(v).is_some_and(|r| r.starts_with(' ')));
    verb && g.len() <= 80 && !g.contains([',', ';', '.', '\n']) && whole_words(&g, "và").next().is_none()
}

/// `p` (the clause text from `offset`) with the mentions of `before` that
/// stand in it blanked out with `#`, byte for byte (offsets stay; a run of
/// cues stops at a mention instead of reading across it).
fn masked(p: String, offset: usize, before: &[Mention]) -> String {
    let mut bytes = p.into_bytes();
    for m in before {
        let from = m.range.start.saturating_sub(offset).min(bytes.len());
        let to = m.tail.saturating_sub(offset).min(bytes.len());
        if m.range.start >= offset {
            bytes[from..to].fill(b'#');
        }
    }
    // Whole characters were replaced by ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A headline whose subject speaks for the document, then its run of cues:
/// the place a report is about ("Lạng Sơn triển khai Chỉ thị 52 …") or the
/// body that acts ("Ủy ban Kiểm tra Tỉnh ủy hướng dẫn thực hiện …",
/// "Đảng ủy Chính phủ triển khai …"): a report's headline names what the
/// reported document does. The relation and where the run ends. Another body ("Các cấp ủy quán triệt …"), or the subject's past act
/// ("Tỉnh ủy đã …"), is a plain citation; in running text a body's act is
/// not the document's (§4: the clause opens with the cue or names the
/// document).
fn own_voice(p: &str, written: &str, own: &Own) -> Option<(Relation, usize)> {
    let v = own.vocabulary;
    let end = v
        .place_at(p)
        .or_else(|| commune_at(written))
        .or_else(|| v.list_at(p).map(|(_, end)| end))?;
    let rest = p[end..].strip_prefix(' ')?;
    let (relation, len) = opening(rest)?;
    Some((relation, p.len() - rest.len() + len))
}

/// Where a commune named at the start of `s` (as written) ends: "Phường
/// Long Châu …", "Xã Tân Phú …", "Đặc khu Phú Quốc …" (a level word of
/// [`words::COMMUNES`] and one to four capitalised words).
fn commune_at(s: &str) -> Option<usize> {
    let l = lower_same_len(&s[..floor(s, 24)]);
    let level = words::COMMUNES.iter().find(|w| l.starts_with(**w))?;
    let mut end = level.len();
    let mut words = 0;
    for w in s[end..].split(' ').take(4) {
        if !w.starts_with(char::is_uppercase) || !w.chars().all(char::is_alphabetic) {
            break;
        }
        end += w.len() + 1;
        words += 1;
    }
    (words > 0).then_some(end - 1)
}

/// Whether a passive change stands after the start of `s` (after a word).
fn passive_within(s: &str) -> bool {
    s.match_indices(" được ").any(|(i, _)| passive_change(&s[i..]))
}

/// Whether `s` (after a comma, bracket or spaces) is a passive change
/// ("được sửa đổi, bổ sung tại …", "(đã được thay thế bởi …"): it describes
/// the document before it.
fn passive_change(s: &str) -> bool {
    let s = s.trim_start_matches([',', ' ', '(']);
    let l = lower_same_len(&s[..floor(s, 64)]);
    words::PASSIVES.iter().any(|w| {
        l.strip_prefix(w)
            .and_then(|r| r.strip_prefix(' '))
            .and_then(cue_at)
            .is_some_and(|(c, _)| matches!(c, Cue::Rel(_)))
    })
}

/// Whether `s` (after a comma or spaces) starts with a relation cue, or
/// ("… và hướng dẫn tại …") a cue that makes a plain citation.
fn opens_with_cue(s: &str) -> bool {
    let s = s.trim_start_matches([',', ' ']);
    let s = lower_same_len(&s[..floor(s, 48)]);
    let plain = s
        .strip_prefix("và ")
        .and_then(cue_at)
        .is_some_and(|(c, _)| c == Cue::Plain);
    plain || cue_at(&s).is_some_and(|(c, _)| matches!(c, Cue::Rel(_)))
}

/// Whether the words before a mention say it is what an act follows: they
/// end with "theo" (not "kèm theo"), or "theo" and a few words that name the
/// document's kind ("theo Giấy mời số", "theo đúng quy định tại").
fn according_to(before: &str) -> bool {
    let b = lower_same_len(before.trim_end());
    let Some(at) = b.rfind("theo") else {
        return false;
    };
    let (lead, rest) = (&b[..at], &b[at + "theo".len()..]);
    let word = !lead.ends_with(|c: char| c.is_alphanumeric()) && !rest.starts_with(|c: char| c.is_alphanumeric());
    let near = rest.split_whitespace().count() <= 4 && !rest.contains([',', ';', '.']);
    word && near && !lead.trim_end().ends_with("kèm")
}

/// The run of cues a clause opens with: the strongest relation among them
/// and where the run ends; none when it opens otherwise, or with a cue that
/// makes a plain citation.
fn opening(p: &str) -> Option<(Relation, usize)> {
    let mut pos = 0;
    let mut best: Option<Relation> = None;
    // "Thời gian tới, tiếp tục thực hiện …", "Sau hợp nhất, thực hiện …": a
    // frame of time or reasoning before the cue.
    if let Some(o) = words::OPENERS
        .iter()
        .find_map(|o| p.strip_prefix(o).filter(|r| r.starts_with(", ")))
        .or_else(|| frame(p))
    {
        pos = p.len() - o.len();
    }
    loop {
        let rest = &p[pos..];
        let skip = rest.len() - rest.trim_start_matches([',', ' ']).len();
        let rest = &rest[skip..];
        // "và" joins two cues; "việc" names the act of the cue before it
        // ("Để cụ thể hóa việc thực hiện …").
        // Only an act of carrying out: "… việc thay thế Quyết định số …" is
        // the work of a replacement, not the document replacing one.
        let carrying_out = |r: &str| cue_at(r).is_some_and(|(c, _)| c == Cue::Rel(Relation::Implements));
        // "…; đồng thời nhằm thực hiện …" joins a purpose to another; a
        // bare "Đồng thời thực hiện …" may go on with another actor.
        let joined = rest.strip_prefix("đồng thời ").and_then(purpose_len);
        let rest_skip = if rest.starts_with("và ") {
            "và ".len()
        } else if let Some(n) = joined {
            "đồng thời ".len() + n
        } else if let Some(n) = purpose_len(rest).filter(|_| best.is_none()) {
            n
        } else if best.is_some() && rest.strip_prefix("việc ").is_some_and(carrying_out) {
            "việc ".len()
        } else {
            0
        };
        let Some((cue, len)) = cue_at(&rest[rest_skip..]) else {
            break;
        };
        pos += skip + rest_skip + len;
        match cue {
            Cue::Rel(r) => best = Some(best.map_or(r, |b| if (r.rank(), r) < (b.rank(), b) { r } else { b })),
            Cue::Filler => {}
            Cue::Plain => return None,
        }
    }
    best.map(|r| (r, pos))
}

/// A short frame opening with a word of [`words::FRAMES`] ("sau hợp nhất",
/// "trong năm 2025", "từ ngày 01/7/2025") and a comma, a cue after it: the
/// words from the comma on.
fn frame(p: &str) -> Option<&str> {
    let (head, _) = p[..floor(p, 60)].split_once(", ")?;
    let rest = &p[head.len()..];
    let starts = words::FRAMES
        .iter()
        .any(|w| head.strip_prefix(w).is_some_and(|r| r.starts_with(' ')));
    // Cheapest first: most clauses open with no frame word.
    let framed = starts
        && head.split(' ').count() <= 6
        && !head.contains(['#', ';', ':'])
        && cue_at(rest.trim_start_matches([',', ' '])).is_some()
        && last_cue(head).is_none();
    framed.then_some(rest)
}

/// "Để tiếp tục thực hiện …", "Nhằm kịp thời triển khai …": the length of a
/// purpose word ([`words::PURPOSES`]) and its space when a cue follows.
fn purpose_len(s: &str) -> Option<usize> {
    words::PURPOSES.iter().find_map(|w| {
        let r = s.strip_prefix(*w)?.strip_prefix(' ')?;
        cue_at(r).map(|_| w.len() + 1)
    })
}

/// The longest cue at the start of `s` (ending at a word boundary). A cue
/// that is also a type word names a document when "được", "này" or "số"
/// follows ("Hướng dẫn được xây dựng trên cơ sở …", "Hướng dẫn số 05/HD-SNV
/// thay thế …"): no cue.
fn cue_at(s: &str) -> Option<(Cue, usize)> {
    CUES.iter()
        .filter(|(c, _)| s.starts_with(c) && !s[c.len()..].chars().next().is_some_and(char::is_alphanumeric))
        .max_by_key(|(c, _)| c.len())
        .filter(|(c, _)| {
            let named = TYPE_WORDS.iter().any(|(w, _, _)| w == c);
            let after = &s[c.len()..];
            !(named && (after.starts_with(" được ") || after.starts_with(" này") || after.starts_with(" số ")))
        })
        .map(|(c, cue)| (*cue, c.len()))
}

/// "<type word> này …": the last relation cue after it ("Quyết định này có
/// hiệu lực thi hành kể từ ngày ký và thay thế …" replaces; "Hướng dẫn này
/// hướng dẫn thực hiện …" guides). Also the enacting formula "… ban hành
/// Thông tư sửa đổi, bổ sung …", when the type word is the document's own.
fn self_naming(p: &str, own: &[&str], recent: &[&str], theirs: &dyn Fn(usize) -> bool) -> Option<Relation> {
    let words = TYPE_WORDS.iter().filter(|(_, _, codes)| !codes.contains(&"*"));
    // "… Quyết định số 06/2026/QĐ-UBND … Quyết định này cũng bãi bỏ …" in a
    // report of a Hướng dẫn: "này" points back to that decision.
    let pointed_back = |w: &str| recent.contains(&w);
    let rest = words
        .clone()
        .filter(|(w, _, _)| !pointed_back(w))
        .find_map(|(w, _, _)| p.strip_prefix(w).and_then(this_one))
        .or_else(|| issued_to(p))
        .or_else(|| own_word_acting(p, own))
        .or_else(|| enacted(p))
        .or_else(|| {
            // "… Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện …", not
            // "Nghị quyết số 140/NQ-CP … của Chính phủ ban hành Kế hoạch …".
            p.match_indices("ban hành ")
                .filter(|(i, _)| !theirs(*i))
                .find_map(|(i, v)| {
                    let at = i + v.len();
                    own.iter()
                        .find_map(|w| p[at..].strip_prefix(w).and_then(|r| r.strip_prefix(' ')))
                })
        })?;
    let from = p.len() - rest.len();
    let (at, _, r) = last_cue(rest)?;
    // "… Quyết định số 47/… ban hành Quy định …, đã được sửa đổi, bổ sung
    // tại …": a passive change describes the document before it.
    let passive = words::PASSIVES
        .iter()
        .any(|w| ends_with_word(rest[..at].trim_end(), w).is_some());
    // "… Kế hoạch số 41-KH/TU về giám sát việc tổ chức thực hiện …".
    let reviews = reviewed(&rest[..at]);
    Some(if theirs(from + at) || passive || reviews {
        Relation::Cites
    } else {
        r
    })
}

/// " này …" after a type word, or a few words naming its kind first ("Nghị
/// quyết chuyên đề này nhằm triển khai …", "Kế hoạch liên tịch này thay
/// thế …"): the words after "này".
fn this_one(r: &str) -> Option<&str> {
    let mut rest = r.strip_prefix(' ')?;
    for _ in 0..4 {
        if let Some(after) = rest.strip_prefix("này ") {
            return Some(after);
        }
        let (word, next) = rest.split_once(' ')?;
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        rest = next;
    }
    None
}

/// "<instrument> (này) được ban hành nhằm / để / căn cứ …", as a report
/// writes of the document it reports ("Quy định được ban hành căn cứ Quy
/// định số 294-QĐ/TW …", "Đề án được ban hành nhằm triển khai thực hiện
/// Nghị quyết số 08-NQ/TU …"): the words after "được ban hành". Not "…
/// Kế hoạch số 12 được ban hành …", a document of its own.
fn issued_to(p: &str) -> Option<&str> {
    // The longest word that opens the clause.
    let rest = TYPE_WORDS
        .iter()
        .map(|(w, _, _)| *w)
        .chain(words::INSTRUMENTS.iter().copied())
        .filter_map(|w| p.strip_prefix(w))
        .min_by_key(|r| r.len())?;
    let rest = rest.strip_prefix(" này").unwrap_or(rest);
    let rest = rest.strip_prefix(" được ")?;
    ["ký ban hành ", "ban hành ", "xây dựng ", "thông qua "]
        .iter()
        .find_map(|v| rest.strip_prefix(v))
}

/// The document's own type word opening the clause and acting at once
/// ("Kế hoạch thay thế Kế hoạch số 05-KH/TU …", as a report about a plan
/// writes): the words after the type word.
fn own_word_acting<'a>(p: &'a str, own: &[&str]) -> Option<&'a str> {
    let rest = own
        .iter()
        .find_map(|w| p.strip_prefix(w).and_then(|r| r.strip_prefix(' ')))?;
    let rel = |s: &str| cue_at(s).is_some_and(|(c, _)| matches!(c, Cue::Rel(_)));
    let acting = rel(rest)
        || words::ISSUING_ADVERBS
            .iter()
            .any(|a| rest.strip_prefix(a).and_then(|r| r.strip_prefix(' ')).is_some_and(rel));
    acting.then_some(rest)
}

/// A clause opening with the enacting formula names the instrument it
/// enacts ("Ban hành kèm theo Quyết định này Kế hoạch hành động … thực hiện
/// Nghị quyết số 71-NQ/TW"): what the instrument does, the document does.
/// The words after the instrument's type word.
fn enacted(p: &str) -> Option<&str> {
    let mut rest = p.strip_prefix("ban hành ")?;
    if let Some(r) = rest.strip_prefix("kèm theo ") {
        let w = TYPE_WORDS.iter().find_map(|(w, _, _)| r.strip_prefix(w))?;
        rest = w.strip_prefix(" này ")?;
    }
    let after = TYPE_WORDS
        .iter()
        .filter(|(_, _, codes)| !codes.contains(&"*"))
        .find_map(|(w, _, _)| rest.strip_prefix(w).and_then(|r| r.strip_prefix(' ')))?;
    (!after.starts_with("số ")).then_some(after)
}

/// The type words that name a document of number `own`.
pub(super) fn own_words(own: &crate::number::Number) -> Vec<&'static str> {
    TYPE_WORDS
        .iter()
        .filter(|(_, _, codes)| !codes.contains(&"*") && crate::refs::words::word_fits(codes, own))
        .map(|(w, _, _)| *w)
        .collect()
}

/// The last relation cue of `s` that is not part of a longer one: where it
/// starts and ends, and its relation.
fn last_cue(s: &str) -> Option<(usize, usize, Relation)> {
    let mut found: Vec<(usize, usize, Relation)> = Vec::new();
    for (form, cue) in CUES {
        let Cue::Rel(r) = cue else { continue };
        found.extend(whole_words(s, form).map(|i| (i, i + form.len(), *r)));
    }
    let inside = |a: &(usize, usize, Relation)| {
        found
            .iter()
            .any(|b| b.0 <= a.0 && a.1 <= b.1 && (b.1 - b.0) > (a.1 - a.0))
    };
    found.iter().filter(|a| !inside(a)).max_by_key(|a| a.0).copied()
}

/// A list item that starts its clause with the mention: after `;` it goes
/// on with the item before it in the same paragraph; after a line ending in
/// `:` (or a run of numbered items below one) it takes the relation of the
/// clause that introduced the list ("Bãi bỏ các văn bản sau đây:").
fn listed_item(t: &str, (start, tail): (usize, usize), before: &[Mention], own: &[&str]) -> Option<Relation> {
    let cs = clause_start(t, start);
    if !strip_numbering(&t[cs..start]).is_empty() {
        return None;
    }
    let lead = t[..cs].trim_end_matches([' ', '\t']);
    if lead.ends_with(';') {
        if let Some(prev) = item_before(t, before) {
            let between = &t[prev.range.start..start];
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
                .or_else(|| self_naming(&format!("{p} "), own, &[], &|_| false));
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
fn item_ends(t: &str, tail: usize) -> bool {
    let rest = t[tail.min(t.len())..].trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with([';', '.', ',', '\n'])
}

/// The text between `from` and `to` outside the mentions before (their
/// number, facts and subject).
fn gaps(from: usize, to: usize, before: &[Mention]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = from;
    for m in before.iter().filter(|m| m.tail > from && m.range.start < to) {
        if m.range.start > pos {
            out.push(pos..m.range.start);
        }
        pos = pos.max(m.tail);
    }
    if pos < to {
        out.push(pos..to);
    }
    out
}

/// Whether a stretch of a clause starts another actor's act: ", " before a
/// capitalised word that is not a list item, or a word of
/// [`CLAUSE_BREAKS`].
fn breaks(s: &str, after_mention: bool) -> bool {
    // Not an item of a list ("… của các cấp ủy, chính quyền, Mặt trận Tổ
    // quốc, các tổ chức …"): a few words and the next separator.
    let listed = |next: &str| {
        let end = next.find([',', ';']).unwrap_or(next.len());
        let end = next[..end].find(" và ").unwrap_or(end);
        end < next.len() && next[..end].split(' ').count() <= 6
    };
    let new_subject = s.match_indices(", ").any(|(i, _)| {
        let next = &s[i + 2..];
        next.chars().next().is_some_and(char::is_uppercase) && !starts_item(next) && !listed(next)
    });
    let l = lower_same_len(s);
    new_subject
        || CLAUSE_BREAKS.iter().any(|w| {
            // "Quy định … ban hành kèm theo Quyết định số …" names the
            // instrument, no new act.
            // "Luật Ban hành văn bản quy phạm pháp luật" is a name.
            let its_own = |i: usize| after_mention && l[..i].trim().is_empty();
            whole_words(&l, w).any(|i| {
                !l[i + w.len()..].starts_with(" kèm theo") && !s[i..].starts_with(char::is_uppercase) && !its_own(i)
            })
        })
}

/// The last mention that is an item of its own, not one inside an earlier
/// mention's subject ("Công điện số 12/CĐ-TTg … về triển khai thi hành
/// Nghị định số 168/2024/NĐ-CP; Kế hoạch số 11-KH/TU …": the item before the
/// plan is the Công điện).
/// A mention that follows another only by words of its own ("… Nghị quyết số
/// 03/NQ-CP … ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW;
/// Kế hoạch số 06-KH/TU …") is part of that one's description, not an item.
fn item_before<'a>(t: &str, before: &'a [Mention]) -> Option<&'a Mention> {
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
fn after_own_number(t: &str, start: usize, own: &[Range<usize>], before: &[Mention]) -> Option<Relation> {
    let cs = clause_start(t, start);
    // Another document between is what the words speak of ("Kế hoạch số
    // 21-KH/TU … về thực hiện Kết luận số 05-KL/TW … về tiếp tục thực hiện
    // Nghị quyết số 68-NQ/TW": the plan implements the conclusion only).
    let between = |o: &Range<usize>| before.iter().any(|m| m.range.start >= o.end && m.range.start < start);
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
            if let Some((r, end)) = opening(&gap) {
                return (gap[end..].trim().is_empty() || changes(r)).then_some(r);
            }
            // "… về rà soát, sắp xếp cán bộ, nhằm cụ thể hóa Kết luận …"; not
            // "… về giám sát việc tổ chức thực hiện Nghị quyết …": a review
            // of the carrying out, not carrying it out.
            let (at, end, r) = last_cue(&gap)?;
            (gap[end..].trim().is_empty() && !reviewed(&gap[..at])).then_some(r)
        })
        .next()
}
