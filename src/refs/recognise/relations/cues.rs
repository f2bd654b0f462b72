//! The cue table read at a clause's start: runs of cues, frames and purposes
//! before them, and what makes a plain citation.

use super::*;

/// Whether `s` (after a comma or spaces) starts with a relation cue, or
/// ("… và hướng dẫn tại …") a cue that makes a plain citation.
pub(super) fn opens_with_cue(s: &str) -> bool {
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
pub(super) fn according_to(before: &str) -> bool {
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
pub(super) fn opening(p: &str) -> Option<(Relation, usize)> {
    let mut pos = 0;
    let mut best: Option<Relation> = None;
    // "Thời gian tới, tiếp tục thực hiện …", "Sau hợp nhất, thực hiện …": a
    // frame of time or reasoning before the cue.
    let opener = words::OPENERS
        .iter()
        .find_map(|o| p.strip_prefix(o).filter(|r| r.starts_with(", ")));
    // A frame of time or a task before a change reports or plans it ("Trong
    // năm 2025, thay thế Quyết định số … đã được Sở Tư pháp đề xuất"): the
    // document itself changes nothing.
    let mut reported = false;
    if let Some(o) = opener.or_else(|| frame(p).inspect(|_| reported = true)) {
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
            Cue::Task => reported = true,
            Cue::Plain => return None,
        }
    }
    best.filter(|r| !(reported && changes(*r))).map(|r| (r, pos))
}

/// A short frame opening with a word of [`words::FRAMES`] ("sau hợp nhất",
/// "trong năm 2025", "từ ngày 01/7/2025") and a comma, a cue after it: the
/// words from the comma on.
pub(super) fn frame(p: &str) -> Option<&str> {
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
pub(super) fn purpose_len(s: &str) -> Option<usize> {
    words::PURPOSES.iter().find_map(|w| {
        let r = s.strip_prefix(*w)?.strip_prefix(' ')?;
        cue_at(r).map(|_| w.len() + 1)
    })
}

/// The longest cue at the start of `s` (ending at a word boundary). A cue
/// that is also a type word names a document when "được", "này" or "số"
/// follows ("Hướng dẫn được xây dựng trên cơ sở …", "Hướng dẫn số 05/HD-SNV
/// thay thế …"): no cue.
pub(super) fn cue_at(s: &str) -> Option<(Cue, usize)> {
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

/// The last relation cue of `s` that is not part of a longer one: where it
/// starts and ends, and its relation.
pub(super) fn last_cue(s: &str) -> Option<(usize, usize, Relation)> {
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
    let last = found.iter().filter(|a| !inside(a)).max_by_key(|a| a.0).copied()?;
    Some(guided(s, &found, last).unwrap_or(last))
}

/// "… hướng dẫn Ủy ban nhân dân các xã, phường thực hiện Quyết định số …":
/// guidance to an addressee to carry a document out guides it. The cue of
/// guidance a few words before the carrying out, with only the addressee
/// between (no clause break, no "của", so not the noun "hướng dẫn của Bộ"),
/// and no "theo", "tại" or "các" before it (the noun again).
fn guided(
    s: &str,
    found: &[(usize, usize, Relation)],
    last: (usize, usize, Relation),
) -> Option<(usize, usize, Relation)> {
    if last.2 != Relation::Implements {
        return None;
    }
    let guide = found
        .iter()
        .filter(|g| g.2 == Relation::Guides && g.1 < last.0)
        .max_by_key(|g| g.0)?;
    let between = &s[guide.1..last.0];
    let lead = s[..guide.0].trim_end();
    let addressee = !between.contains(['.', ';', ':', '(', ')'])
        && whole_words(between, "của").next().is_none()
        && between.split_whitespace().count() <= 8;
    let noun = words::GUIDANCE_NOUN_BEFORE
        .iter()
        .any(|w| ends_with_word(lead, w).is_some());
    (addressee && !noun).then_some((guide.0, last.1, Relation::Guides))
}
