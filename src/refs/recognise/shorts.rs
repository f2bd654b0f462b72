//! Pass 6: aliases and short forms.
//!
//! An alias defined in the text ("(sau đây viết tắt là Nghị quyết 57)")
//! names the mention it follows wherever it is used afterwards. A short form
//! ("Kết luận số 127", "Nghị quyết 57") is the document the same text names
//! in full; "Nghị quyết số 18, 19-NQ/TW" takes the codes of the full number
//! after it; "Nghị quyết số 18 ngày 25/10/2017 của Ban Chấp hành Trung ương"
//! (type, number, full date and a known issuer with its code) is 18-NQ/TW.
//! What is left goes to the corpus ([`Short`]).

use super::context::read_tail;
use super::relations::{of_clause, settle, Own};
use super::text::{is_connector, lower_same_len, starts_with_word, year_alone, Taken};
use super::{Candidate, Mention, Scan, Short};
use crate::number::{self, Number, Shape};
use crate::refs::issuers::KnownBody;
use crate::refs::normal::floor;
use crate::refs::words::{self, TYPE_WORDS};
use crate::refs::Relation;
use std::collections::{BTreeMap, HashMap};

/// Resolves aliases and short forms into mentions, or leaves them to the corpus.
pub(super) fn resolve(scan: &mut Scan) {
    let mut taken = Taken::default();
    for r in scan
        .mentions
        .iter()
        .map(|m| m.range.clone())
        .chain(scan.own_ranges.iter().cloned())
    {
        taken.add(r);
    }
    let mut extra = aliases(scan, &mut taken);
    extra.extend(short_forms(scan, &mut taken));
    scan.mentions.extend(extra);
}

/// Definitions ("(viết tắt là …)") and every later use of them.
fn aliases(scan: &Scan, taken: &mut Taken) -> Vec<Mention> {
    let t = scan.t;
    // Definitions by alias text: (where the definition ends, the mention it names).
    let mut defs_by_alias: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    let mut defined: Vec<Mention> = Vec::new();
    // A parenthesis names one document: the last mention before it, not one
    // whose "về …" subject holds that mention ("Công văn số 38-CV/BCĐTW … về
    // việc sơ kết … Nghị quyết số 57-NQ/TW … (sau đây viết tắt là Nghị quyết
    // 57)"). Later mentions are read first and claim it.
    let mut claimed: Vec<usize> = Vec::new();
    for (idx, m) in scan.mentions.iter().enumerate().rev() {
        // Every introduction opens a parenthesis right after the mention.
        if !t[m.tail..].trim_start().starts_with('(') {
            continue;
        }
        let rest_l = &lower_same_len(&t[m.tail..floor(t, m.tail + 200)]);
        for intro in [
            "(viết tắt là ",
            "(sau đây viết tắt là ",
            "(gọi tắt là ",
            "(sau đây gọi tắt là ",
            "(sau đây gọi là ",
        ] {
            let Some(at) = rest_l.find(intro) else { continue };
            if !rest_l[..at].trim().is_empty() {
                continue;
            }
            let from = m.tail + at + intro.len();
            let Some(close) = t[from..floor(t, from + 120)].find(')') else {
                continue;
            };
            let alias = t[from..from + close].trim().trim_matches(['"', '“', '”', '\'']).trim();
            if alias.chars().count() < 4 || !alias.chars().any(|c| c.is_ascii_digit()) || claimed.contains(&from) {
                continue;
            }
            // An alias that starts with a type word names a document of that type.
            let alias_l = lower_same_len(alias);
            let word = TYPE_WORDS
                .iter()
                .filter(|(w, _, codes)| {
                    !codes.contains(&"*") && starts_with_word(&alias_l, &lower_same_len(w)).is_some()
                })
                .max_by_key(|(w, _, _)| w.len());
            if word.is_some_and(|(_, _, codes)| !words::word_fits(codes, &m.number)) {
                continue;
            }
            claimed.push(from);
            taken.add(from..from + close);
            // The definition is itself a mention of the document it names.
            let inner = &t[from..from + close];
            let quotes = [' ', '"', '“', '”', '\''];
            let lead = inner.len() - inner.trim_start_matches(quotes).len();
            let trail = inner.len() - inner.trim_end_matches(quotes).len();
            let mut d = m.clone();
            d.range = from + lead..from + close - trail;
            d.tail = d.range.end;
            d.subject_from = d.range.end;
            d.short = true;
            d.subject = None;
            defined.push(d);
            defs_by_alias
                .entry(lower_same_len(alias))
                .or_default()
                .push((from + close, idx));
        }
    }
    if defs_by_alias.is_empty() {
        return Vec::new();
    }
    for defs in defs_by_alias.values_mut() {
        defs.sort_unstable();
    }
    let tl = lower_same_len(t);
    let own = Own::of(scan);
    let mut extra = defined;
    for (alias_l, defs) in &defs_by_alias {
        let mut pos = defs[0].0;
        while let Some(found_at) = tl[pos..].find(alias_l.as_str()) {
            let s = pos + found_at;
            let e = s + alias_l.len();
            pos = e;
            if !t.is_char_boundary(s) || !t.is_char_boundary(e) {
                continue;
            }
            let boundary = !t[..s].chars().next_back().is_some_and(char::is_alphanumeric)
                && !t[e..].chars().next().is_some_and(char::is_alphanumeric);
            // The latest definition before this use.
            let def = defs.iter().rev().find(|(end, _)| *end <= s).map(|(_, idx)| *idx);
            if let (true, Some(idx)) = (boundary && !taken.overlaps(s..e), def) {
                let mut a = scan.mentions[idx].clone();
                a.range = s..e;
                a.tail = e;
                a.subject_from = e;
                a.short = true;
                a.subject = None;
                let before = &scan.mentions[..scan.mentions.partition_point(|m| m.range.start < s)];
                let stated = of_clause(t, s, before, &own).unwrap_or(Relation::Cites);
                a.relation = settle(t, s, before, stated, (scan.own.0, &a.number));
                taken.add(s..e);
                extra.push(a);
            }
        }
    }
    extra
}

/// Whether a short form can end here: no letter, digit or code follows.
fn ends_clean(after: &str) -> bool {
    !(after.chars().next().is_some_and(char::is_alphanumeric)
        || (after.starts_with(['-', '/', '.']) && after[1..].chars().next().is_some_and(char::is_alphanumeric)))
}

/// Words that make the digits before them a quantity ("Kế hoạch 5 năm",
/// "Quyết định 1 lần"), not a document's number.
const MEASURES: &[&str] = &[
    "năm", "lần", "tháng", "ngày", "người", "đồng", "tỷ", "triệu", "giờ", "tuần", "%",
];

/// Whether a short form the document names in full elsewhere can stand
/// here: what follows is no quantity word.
fn named_follow(after: &str) -> bool {
    let follow = after.trim_start_matches(' ');
    // "Kết luận 14 lần này yêu cầu …": the document, not a count.
    let this_time = starts_with_word(follow, "lần này").is_some();
    ends_clean(after) && (this_time || !MEASURES.iter().any(|w| starts_with_word(follow, w).is_some()))
}

/// Whether what follows a short form left to the corpus lets it be one:
/// punctuation or a word that goes with a citation.
fn clean_follow(after: &str) -> bool {
    if !ends_clean(after) {
        return false;
    }
    let follow = after.trim_start_matches(' ');
    follow.is_empty()
        || follow.starts_with([',', '.', ';', ':', ')', '(', '\n'])
        || [
            "của", "ngày", "về", "và", "khóa", "khoá", "đã", "được", "là", "thì", "nêu", "tại", "trên", "này",
        ]
        .iter()
        .any(|x| starts_with_word(follow, x).is_some())
        || starts_with_word(follow, "năm").is_some_and(|l| year_alone(follow[l..].trim_start()))
}

/// The short-form candidates: resolved in the text, or left for the corpus.
fn short_forms(scan: &mut Scan, taken: &mut Taken) -> Vec<Mention> {
    let t = scan.t;
    let mut by_seq: HashMap<u32, Vec<usize>> = HashMap::new();
    for (idx, m) in scan.mentions.iter().enumerate() {
        by_seq.entry(m.number.seq).or_default().push(idx);
    }
    let mut extra = Vec::new();
    let own = Own::of(scan);
    // (mention, type word, relation) given by a short number listed before it.
    let mut word_updates: Vec<(usize, usize, Relation)> = Vec::new();
    let candidates = std::mem::take(&mut scan.candidates);
    for c in &candidates {
        let codes = TYPE_WORDS[c.word].2;
        let fits = |n: &Number| words::word_fits(codes, n) && (c.year.is_none() || n.printed_year() == c.year);
        let named_in_text = by_seq
            .get(&c.seq)
            .is_some_and(|list| list.iter().any(|&k| fits(&scan.mentions[k].number)));
        let follows = if named_in_text {
            named_follow(&t[c.end..])
        } else {
            clean_follow(&t[c.end..])
        };
        if !follows || taken.overlaps(c.start..c.end) {
            continue;
        }
        if scan.own.0.seq == c.seq && words::word_fits(codes, scan.own.0) {
            continue;
        }
        let mut m = Mention::bare(c.start..c.end, scan.own.0.clone(), Some(c.word), true);
        read_tail(scan, &mut m);
        m.subject = None;
        let before = &scan.mentions[..scan.mentions.partition_point(|x| x.range.start < c.start)];
        m.relation = of_clause(t, c.start, before, &own).unwrap_or(Relation::Cites);
        taken.add(c.start..c.end);
        // Resolved in the document when it names the full symbol.
        let named = by_seq
            .get(&c.seq)
            .and_then(|list| list.iter().map(|&k| &scan.mentions[k]).find(|f| fits(&f.number)))
            .map(|f| (f.number.clone(), None));
        // A number with its year but no codes is only the one the text names.
        let full = named
            .or_else(|| {
                c.year
                    .is_none()
                    .then(|| listed(scan, c).map(|(n, next)| (n, Some(next))))?
            })
            .or_else(|| c.year.is_none().then(|| determined(scan, c, &m).map(|n| (n, None)))?);
        match full {
            Some((number, next)) => {
                m.number = number;
                m.short = false;
                m.relation = settle(t, c.start, before, m.relation, (scan.own.0, &m.number));
                if let Some(next_idx) = next {
                    let next = &scan.mentions[next_idx];
                    word_updates.push((next_idx, c.word, m.relation));
                    // It shares the list's date and issuer.
                    m.date = m.date.or(next.date);
                    m.year = m.year.or(next.year);
                    if m.issuers.is_empty() {
                        m.issuers = next.issuers.clone();
                        m.bodies = next.bodies.clone();
                    }
                } else if by_seq.contains_key(&c.seq) {
                    m.short = true;
                }
                extra.push(m);
            }
            None => scan.found.shorts.push(Short {
                range: c.start..c.end,
                word: c.word,
                seq: c.seq,
                date: m.date,
                year: m.year.or(c.year),
                issuers: m.issuers,
                relation: m.relation,
            }),
        }
    }
    scan.candidates = candidates;
    for (idx, w, relation) in word_updates {
        let m = &mut scan.mentions[idx];
        m.word = m.word.or(Some(w));
        if m.relation == Relation::Cites {
            m.relation = relation;
        }
    }
    extra
}

/// "Nghị quyết số 18, 19-NQ/TW": the number before a full one in a list
/// takes its codes; the full one's index.
fn listed(scan: &Scan, c: &Candidate) -> Option<(Number, usize)> {
    let t = scan.t;
    let next_idx = scan.mentions.partition_point(|f| f.range.start < c.end);
    let next = scan.mentions.get(next_idx)?;
    let gap = t[c.end..next.range.start].trim_start_matches(' ');
    let gap = gap.strip_prefix("số").unwrap_or(gap);
    if !(is_connector(&t[c.end..next.range.start]) || is_connector(gap)) || next.number.shape != Shape::Party {
        return None;
    }
    let n = number::parse(&format!(
        "{}-{}/{}",
        c.seq,
        next.number.codes[0],
        next.number.codes[1..].join("-")
    ))
    .ok()?;
    words::word_fits(TYPE_WORDS[c.word].2, &n).then_some((n, next_idx))
}

/// A short form that its type word, a full date and a known issuer with a
/// number code determine: "Nghị quyết số 18 ngày 25/10/2017 của Ban Chấp
/// hành Trung ương" is 18-NQ/TW; "Nghị định số 30 ngày 5/3/2020 của Chính
/// phủ" is 30/2020/NĐ-CP. Party numbers and the State types numbered with
/// their year (Nghị định, Thông tư) only: elsewhere the form varies.
fn determined(scan: &Scan, c: &Candidate, m: &Mention) -> Option<Number> {
    let date = m.date?;
    let bodies: Vec<&KnownBody> = m.bodies.iter().map(|&b| scan.vocabulary.body(b)).collect();
    let first = bodies.first()?;
    let type_code = TYPE_WORDS[c.word].2.first()?;
    let same = |f: &dyn Fn(&KnownBody) -> &str| bodies.iter().all(|b| f(b) == f(first)) && !f(first).is_empty();
    // The digits as printed: "Chỉ thị số 05 …" is 05-CT/TW.
    let written = &scan.t[c.start..c.end];
    let digits = &written[written.trim_end_matches(|ch: char| ch.is_ascii_digit()).len()..];
    let seq = if digits.is_empty() {
        c.seq.to_string()
    } else {
        digits.to_string()
    };
    let text = if same(&|b| b.party.as_str()) {
        format!("{seq}-{type_code}/{}", first.party)
    } else if same(&|b| b.state.as_str()) && bodies.len() == 1 && matches!(*type_code, "NĐ" | "TT") {
        format!("{seq}/{}/{type_code}-{}", date.year, first.state)
    } else {
        return None;
    };
    let n = number::parse(&text).ok()?;
    words::word_fits(TYPE_WORDS[c.word].2, &n).then_some(n)
}
