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

mod acts;
mod cues;
mod items;
pub(super) use acts::settle;
use acts::*;
use cues::*;
use items::*;

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
    let appendix = appendix_start(t);
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
        // An appendix's "Căn cứ pháp lý: …" is the basis of what it lists.
        let relation = match relation.unwrap_or(Relation::Cites) {
            Relation::BasedOn if appendix.is_some_and(|a| start >= a) => Relation::Cites,
            r => r,
        };
        scan.mentions[i].relation = settle(
            t,
            start,
            &scan.mentions[..i],
            relation,
            (scan.own.0, &scan.mentions[i].number),
        );
    }
}

/// Where the document's appendix starts: the first line that is an
/// appendix heading ([`words::APPENDIX_HEADINGS`], bold or a Markdown
/// heading or bare), alone or with a numeral and an upper-case title
/// ("**PHỤ LỤC II. DANH MỤC THỦ TỤC …**"); not a sentence that opens with
/// the word ("Phụ lục kèm theo gồm …").
fn appendix_start(t: &str) -> Option<usize> {
    let mut at = 0;
    for line in t.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let bare = line.trim_start_matches(['#', '*', '_', ' ', '\t']);
        let Some(rest) = words::APPENDIX_HEADINGS.iter().find_map(|h| bare.strip_prefix(h)) else {
            continue;
        };
        let rest = rest.trim_end_matches(['*', '_', ' ', '\r', '\n']);
        let boundary = rest.is_empty() || rest.starts_with([' ', '.', ':']);
        let title = rest.trim_start_matches(|c: char| c.is_ascii_digit() || " IVXL.:-–".contains(c));
        if boundary && !title.chars().any(char::is_lowercase) {
            return Some(start);
        }
    }
    None
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
    // A type word, not the document's own, of a document the paragraph
    // named before the clause ("Quyết định số 06/…", "Quyết định 06"); read
    // only when a clause opens with "<type word> … này", within 2 kB.
    let pointed_back = |w: &str| {
        let lo = floor(t, cs.saturating_sub(2000));
        let para = &t[lo..cs];
        let para = para.rfind("\n\n").map_or(para, |i| &para[i + 2..]);
        !own.words.contains(&w) && named_in(&lower_same_len(para), w)
    };
    if let Some(r) = self_naming(p, words, &pointed_back, &theirs) {
        return Some(r);
    }
    let (relation, end) = cue_run(t, (cs, offset), p, &all_before[..split], own)?;
    // "**HƯỚNG DẪN** **thực hiện Quy định số …**": a guide's title says
    // what it guides the carrying out of.
    let guide_title = t[..cs]
        .trim_end_matches([' ', '*', '#'])
        .ends_with(words::GUIDE_HEADING);
    let relation = match relation {
        Relation::Implements if guide_title => Relation::Guides,
        r => r,
    };
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
    // So does "…, được sửa đổi, bổ sung tại Nghị định số 37/…" after a ground's
    // description: the law as amended.
    let amended_ground = reach.last().is_some_and(|g| passive_within(&t[g.clone()]));
    let next_ground = grounds
        && ((ends_with_word(t[..start].trim_end(), "và").is_some() && starts_item(&t[start..])) || amended_ground);
    // A break word right after an earlier mention's facts is that
    // document's own act ("Thông tư số 30/… của Bộ GDĐT ban hành Quy chế …"),
    // no new actor.
    let broken = reach.iter().any(|g| breaks(&t[g.clone()], g.start != run_end));
    (!named_by_other || next_ground) && !broken
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
    // A headline is one short line: looked for within 400 bytes each way.
    let lo = floor(t, cs.saturating_sub(400));
    let Some(from) = t[lo..cs].rfind('\n').map(|i| lo + i + 1).or((lo == 0).then_some(0)) else {
        return false;
    };
    let hi = floor(t, (cs + 400).min(t.len()));
    let to = t[cs..hi].find('\n').map_or(hi, |i| cs + i);
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

/// "<type word> này …": the last relation cue after it ("Quyết định này có
/// hiệu lực thi hành kể từ ngày ký và thay thế …" replaces; "Hướng dẫn này
/// hướng dẫn thực hiện …" guides). Also the enacting formula "… ban hành
/// Thông tư sửa đổi, bổ sung …", when the type word is the document's own.
fn self_naming(
    p: &str,
    own: &[&str],
    pointed_back: &dyn Fn(&str) -> bool,
    theirs: &dyn Fn(usize) -> bool,
) -> Option<Relation> {
    let words = TYPE_WORDS.iter().filter(|(_, _, codes)| !codes.contains(&"*"));
    // "Đồng thời, kế hoạch triển khai …": an opener before the document.
    let opener = words::OPENERS
        .iter()
        .find_map(|o| p.strip_prefix(o).and_then(|r| r.strip_prefix(", ")));
    let (p, skip) = opener.map_or((p, 0), |r| (r, p.len() - r.len()));
    let theirs = |at: usize| theirs(skip + at);
    // "… Quyết định số 06/2026/QĐ-UBND … Quyết định này cũng bãi bỏ …" in a
    // report of a Hướng dẫn: "này" points back to that decision.
    let rest = words
        .clone()
        .find_map(|(w, _, _)| p.strip_prefix(w).and_then(this_one).filter(|_| !pointed_back(w)))
        .or_else(|| issued_to(p))
        // After an opener the type word may be a verb ("Đồng thời, quyết
        // định thay thế …"): the document acting, but changing nothing.
        .or_else(|| own_word_acting(p, own).filter(|r| skip == 0 || !last_cue(r).is_some_and(|(_, _, c)| changes(c))))
        .or_else(|| enacted(p))
        .or_else(|| {
            // "… Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện …", not
            // "Nghị quyết số 140/NQ-CP … của Chính phủ ban hành Kế hoạch …".
            p.match_indices("ban hành ")
                .filter(|(i, _)| !theirs(*i))
                .find_map(|(i, v)| {
                    let at = i + v.len();
                    // Not "Ban hành kế hoạch của UBND phường …", another body's.
                    own.iter()
                        .find_map(|w| p[at..].strip_prefix(w).and_then(|r| r.strip_prefix(' ')))
                        .filter(|r| !r.starts_with("của "))
                })
        })?;
    let from = p.len() - rest.len();
    let (at, end, r) = last_cue(rest)?;
    // "… Quyết định số 47/… ban hành Quy định …, đã được sửa đổi, bổ sung
    // tại …": a passive change describes the document before it.
    let passive = words::PASSIVES
        .iter()
        .any(|w| ends_with_word(rest[..at].trim_end(), w).is_some());
    // "… Kế hoạch số 41-KH/TU về giám sát việc tổ chức thực hiện …".
    let reviews = reviewed(&rest[..at]);
    // "… bổ sung nhiệm vụ …, thực hiện chế độ thu hút theo Nghị quyết số …":
    // what the act follows.
    let follows = matches!(r, Relation::Implements | Relation::Guides) && according_to(&rest[end..]);
    Some(if theirs(from + at) || passive || reviews || follows {
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
    // "Kế hoạch nhằm tiếp tục triển khai …": a purpose before the cue.
    let purposed = purpose_len(rest).is_some_and(|n| rel(&rest[n..]));
    let acting = rel(rest)
        || purposed
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
    // Not "Ban hành kế hoạch của UBND phường …": a task, another body's.
    (!after.starts_with("số ") && !after.starts_with("của ")).then_some(after)
}

/// The type words that name a document of number `own`.
pub(super) fn own_words(own: &crate::number::Number) -> Vec<&'static str> {
    TYPE_WORDS
        .iter()
        .filter(|(_, _, codes)| !codes.contains(&"*") && crate::refs::words::word_fits(codes, own))
        .map(|(w, _, _)| *w)
        .collect()
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
