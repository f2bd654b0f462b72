//! Pass 2 and pass 4: what stands around each number.
//!
//! Before a number: "số", a type word (`Kết luận`, `Thông báo kết luận`), or
//! the name of a law ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
//! never the "luật" of "pháp luật"); a form or table word ("Mẫu số") makes
//! it no citation. After it, in any order: a date, a year or a term, and the
//! issuing bodies after "của" (known names only, [`crate::refs::issuers`]);
//! then the subject after "về". A State number that carries its year takes
//! only a date of that year. Pass 4 reads an issuer and a date stated before
//! "ban hành" ("Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW").

use super::text::{
    clause_start, date_at, digits_at, ends_with_ci, ends_with_word, first_stop, lower, lower_same_len, starts_item,
    starts_with_ci,
};
use super::{Mention, Scan};
use crate::diag::Code;
use crate::number::{self, Number, Shape};
use crate::refs::normal::floor;
use crate::refs::words::{self, NOT_BEFORE, TERMS, TYPE_WORDS};
use crate::refs::Date;
use std::ops::Range;

/// Pass 2: a mention for each number that is not the document's own.
pub(super) fn read(scan: &mut Scan) {
    let own_key = scan.own.0.key();
    let tokens = std::mem::take(&mut scan.tokens);
    for (range, num) in &tokens {
        let Some((start, word)) = before(scan.t, range.start, num) else {
            continue;
        };
        let number = corrected(scan, range, num);
        let mut m = Mention::bare(start..range.end, number, word, false);
        read_tail(scan, &mut m);
        let own = scan.own;
        if m.number.key() == own_key && (m.date.is_none() || m.date == own.1 || own.1.is_none()) {
            scan.own_ranges.push(m.range.clone());
            continue;
        }
        if let Some(w) = m.word {
            if !words::word_fits(TYPE_WORDS[w].2, &m.number) {
                let t = scan.t;
                scan.warn(
                    crate::diag::Code::TypeWord,
                    m.range.clone(),
                    format!(
                        "tên loại `{}` không khớp với mã loại trong số `{}`",
                        &t[m.range.start..m.range.start + TYPE_WORDS[w].0.len().min(m.range.len())].trim(),
                        m.number.canonical
                    ),
                    "kiểm tra lại tên loại hoặc số ký hiệu; liên kết dựa theo số ký hiệu",
                );
                m.word = None;
            }
        }
        scan.mentions.push(m);
    }
    scan.tokens = tokens;
}

/// Where the mention of the number at `at` starts, and its type word; none
/// when a form or table word stands before it.
fn before(t: &str, at: usize, num: &Number) -> Option<(usize, Option<usize>)> {
    let mut start = at;
    let mut b = t[..start].trim_end_matches(' ');
    if let Some(p) = ends_with_ci(b, "số") {
        start = p;
        b = t[..p].trim_end_matches(' ');
    }
    let mut word = None;
    for (w_idx, (w, _, _)) in TYPE_WORDS.iter().enumerate() {
        if let Some(p) = ends_with_word(b, w) {
            // "… quy phạm pháp luật số …": the law's name started earlier.
            if *w == "luật" && ends_with_word(t[..p].trim_end(), "pháp").is_some() {
                break;
            }
            word = Some(w_idx);
            start = p;
            break;
        }
    }
    if word.is_none() && NOT_BEFORE.iter().any(|w| ends_with_word(b, w).is_some()) {
        return None;
    }
    if word.is_none() && num.is_law() {
        if let Some((p, w_idx)) = law_name(t, start) {
            return Some((p, Some(w_idx)));
        }
    }
    Some((start, word))
}

/// The start of a law's name written before its number ("Luật Tổ chức chính
/// quyền địa phương số …"): the last capitalised "Luật", "Bộ luật" or "Pháp
/// lệnh" of the clause, and its row of [`TYPE_WORDS`].
fn law_name(t: &str, at: usize) -> Option<(usize, usize)> {
    let cs = clause_start(t, at);
    let clause = &t[cs..at];
    ["Bộ luật ", "Luật ", "Pháp lệnh "]
        .iter()
        .filter_map(|head| {
            let mut i = clause.rfind(head)?;
            // "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức
            // và Luật Viên chức số 52/2019/QH14": the amending law's name.
            if let Some(j) = clause[..i].rfind("Luật sửa đổi") {
                if !clause[j..i].bytes().any(|b| b.is_ascii_digit()) {
                    i = j;
                }
            }
            // A name holds no other number: "Luật sửa đổi Luật Đất đai và
            // Nghị quyết số 190/2025/QH15, số 72/2025/QH15" names 72 no law
            // (the mention would start before the one between, out of order).
            let boundary = !clause[..i].chars().next_back().is_some_and(char::is_alphanumeric);
            let bare = !clause[i..].contains(['(', ')']) && !clause[i..].bytes().any(|b| b.is_ascii_digit());
            (boundary && bare).then_some((cs + i, head.trim_end()))
        })
        .max_by_key(|(p, _)| *p)
        .and_then(|(p, head)| {
            let row = TYPE_WORDS.iter().position(|(w, _, _)| *w == lower(head))?;
            Some((p, row))
        })
}

/// The number, a Party-shaped one with a State issuer (`03-NQ/CP`) read as
/// the State number it stands for, with a warning.
fn corrected(scan: &mut Scan, range: &Range<usize>, num: &Number) -> Number {
    let state_issuer = num
        .codes
        .get(1)
        .is_some_and(|c| words::STATE_ISSUERS.contains(&c.as_str()));
    if num.shape != Shape::Party || !state_issuer {
        return num.clone();
    }
    let head = num.canonical.split('-').next().unwrap_or_default();
    let fixed = format!("{head}/{}-{}", num.codes[0], num.codes[1..].join("-"));
    match number::parse(&fixed) {
        Ok(f) => {
            scan.warn(
                crate::diag::Code::Miswritten,
                range.clone(),
                format!(
                    "`{}` viết theo dạng số của Đảng nhưng mã `{}` là của cơ quan Nhà nước; hiểu là `{}`",
                    num.canonical, num.codes[1], f.canonical
                ),
                format!("sửa thành `{}`", f.canonical),
            );
            f
        }
        Err(_) => num.clone(),
    }
}

/// Reads date, year, term and issuers after a mention (in any order), then
/// its subject, and records how far it read.
pub(super) fn read_tail(scan: &mut Scan, m: &mut Mention) {
    let t = scan.t;
    let mut p = m.range.end;
    for _ in 0..4 {
        let rest = &t[p..];
        let (comma, r) = match rest.strip_prefix(',') {
            Some(r) => (1, r),
            None => (0, rest),
        };
        let Some(sp) = r.strip_prefix(' ').map(|_| 1) else {
            break;
        };
        let r = &r[sp..];
        let base = p + comma + sp;
        if m.date.is_none() && m.year.is_none() && m.day_month.is_none() {
            if let Some(len) = date_after(r, m) {
                // Read as a full date, but no such day ("ngày 31/02/2025").
                if m.date.is_none() && m.day_month.is_none() && m.year.is_none() {
                    scan.warn(
                        Code::ImpossibleDate,
                        base..base + len,
                        format!("`{}` không phải là ngày có thật; bỏ qua ngày này", r[..len].trim()),
                        "kiểm tra lại ngày, tháng của văn bản được dẫn chiếu",
                    );
                }
                p = base + len;
                continue;
            }
        }
        if m.term.is_none() {
            if let Some(len) = term_after(r, m) {
                p = base + len;
                continue;
            }
        }
        if m.issuers.is_empty() && comma == 0 {
            // "của Bộ Nội vụ"; a joint instrument's "liên tịch giữa Bộ Tài
            // chính và Bộ Tư pháp".
            let of = words::ISSUER_INTROS.iter().find_map(|w| starts_with_ci(r, w));
            if let Some(l) = of {
                // "của Bộ trưởng Bộ Nội vụ": the head's office is the body.
                let head = words::head_title(&r[l..]).unwrap_or(0);
                let codes = &m.number.codes;
                let named = scan.vocabulary.list_of(&r[l..], codes).or_else(|| {
                    scan.vocabulary
                        .list_of(&r[l + head..], codes)
                        .map(|(n, len)| (n, head + len))
                });
                if let Some((named, len)) = named {
                    m.set_issuers(named);
                    p = base + l + len;
                    continue;
                }
            }
        }
        break;
    }
    m.tail = p;
    // "của Ban Thường vụ Huyện ủy về thực hiện …" with a body the
    // vocabulary does not know: no issuer, but the subject is still the
    // cited document's.
    if m.issuers.is_empty() {
        if let Some(l) = starts_with_ci(&t[p..], " của ") {
            let near = &t[p + l..floor(t, (p + l + 120).min(t.len()))];
            let stop = near.find(['.', ';', ':', '\n', '(', ',']).unwrap_or(near.len());
            if let Some(v) = lower_same_len(&near[..stop]).find(" về ") {
                p += l + v;
            }
        }
    }
    // "… của Tỉnh ủy Ninh Bình (trước hợp nhất) về thực hiện …": a short
    // aside without numbers stands between the facts and the subject.
    if let Some(aside) = t[p..].strip_prefix(" (") {
        let close = aside[..floor(aside, 48)].find(')');
        if let Some(c) = close.filter(|&c| !aside[..c].contains(|ch: char| ch.is_ascii_digit())) {
            if about_at(&aside[c + 1..]).is_some() {
                p += " (".len() + c + 1;
            }
        }
    }
    m.subject_from = p;
    if let Some((subject, len)) = subject_at(&t[p..]) {
        m.subject = Some(subject);
        m.tail = p + len;
    }
    year_check(scan, m);
}

/// A date ("ngày 17/7/2025", "17-7-2025", "ngày 19/6") or a year ("năm
/// 2024") at the start of `r`: recorded in `m`, and its length.
fn date_after(r: &str, m: &mut Mention) -> Option<usize> {
    let same = starts_with_ci(r, "cùng ngày ").map(|l| l - "ngày ".len());
    let r0 = same.unwrap_or(0);
    let (ngay, rr) = match starts_with_ci(&r[r0..], "ngày ") {
        Some(l) => (r0 + l, &r[r0 + l..]),
        None => (0, r),
    };
    if let Some((date, dm, len)) = date_at(rr, ngay > 0) {
        m.date = date;
        m.day_month = dm;
        m.same_day = same.is_some() && date.is_some();
        return Some(ngay + len);
    }
    let l = starts_with_ci(r, "năm ")?;
    let (y, n) = digits_at(&r[l..], 4)?;
    if n != 4 || r[l + 4..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    m.year = Some(y as i32);
    Some(l + 4)
}

/// A term ("khóa XII") at the start of `r`: recorded in `m`, and its length.
fn term_after(r: &str, m: &mut Mention) -> Option<usize> {
    let l = starts_with_ci(r, "khóa ").or_else(|| starts_with_ci(r, "khoá "))?;
    let roman: String = r[l..]
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x'))
        .collect();
    let (_, a, b) = TERMS.iter().find(|(k, _, _)| *k == lower(&roman))?;
    if r[l + roman.len()..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    m.term = Some((*a, *b));
    Some(l + roman.len())
}

/// A State number that carries its year (`35/2019/QĐ-UBND`) is dated in
/// that year: another date or year given to it is dropped, with a warning.
pub(super) fn year_check(scan: &mut Scan, m: &mut Mention) {
    let Some(y) = m.number.printed_year() else {
        return;
    };
    let given = m.date.map(|d| d.year).or(m.year);
    if let Some(g) = given.filter(|g| *g != y) {
        m.date = None;
        m.year = None;
        scan.warn(
            crate::diag::Code::DateYear,
            m.range.clone(),
            format!(
                "`{}` mang năm {y} trong số nhưng ngày (năm) ghi kèm là năm {g}; bỏ qua ngày này",
                m.number.canonical
            ),
            "kiểm tra lại ngày ban hành hoặc số ký hiệu của văn bản được dẫn chiếu",
        );
    }
}

/// The length of " về " (or " cùng về ", " đều về ", [`words::ABOUT`]) at
/// the start of `s`: a subject follows.
fn about_at(s: &str) -> Option<usize> {
    words::ABOUT.iter().find_map(|w| starts_with_ci(s, w))
}

/// "ý kiến của Bộ Tài chính tại Công văn số …" after "và": an item that
/// names its document through "tại" a few words on, not more of a subject.
fn named_at(next: &str) -> bool {
    let near = &next[..floor(next, 90)];
    let Some(at) = lower_same_len(near).find(" tại ") else {
        return false;
    };
    let words = near[..at].split(' ').count();
    words <= 8 && !near[..at].contains([',', ';', '.']) && starts_item(&next[at + " tại ".len()..])
}

/// The subject after "về", up to the end of its clause or the next item of
/// a list ("… về … và Nghị quyết số 72-NQ/TW").
fn subject_at(s: &str) -> Option<(String, usize)> {
    let start = about_at(s)?;
    let body = &s[start..floor(s, start + 1200)];
    let mut end = first_stop(
        body,
        &[
            ";",
            ". ",
            ".\n",
            "\n",
            ")",
            " (",
            ", nhất là",
            ", trong đó",
            ", đồng thời",
            ", đảm bảo",
            ", bảo đảm",
            // "… về đánh giá cán bộ, được sửa đổi, bổ sung bởi Nghị định số
            // 48/…": the amendment of the document, not its subject.
            ", được sửa đổi",
            ", đã được sửa đổi",
            ", được bổ sung",
            ", được thay thế",
        ],
    );
    if body[..end].ends_with('.') {
        end -= 1;
    }
    // ", " followed by a capital letter starts a new clause or citation;
    // ", " or " và " followed by a type word and its number, a new item.
    for (i, sep) in body.match_indices(", ").chain(body.match_indices(" và ")) {
        if i >= end {
            continue;
        }
        let next = &body[i + sep.len()..];
        if (sep == ", " && next.chars().next().is_some_and(char::is_uppercase)) || starts_item(next) || named_at(next) {
            end = i;
        }
    }
    let text = body[..end].trim();
    (!text.is_empty() && text.chars().count() <= 300).then(|| (format!("về {text}"), start + end))
}

/// Pass 4: an issuer (and a date) stated before a mention that names none
/// after it: "Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số …", "Quốc
/// hội đã thông qua Luật … số …", "theo đề nghị của Giám đốc Sở Nội vụ tại
/// Tờ trình số …". The words between the clause's start (or "của") and the
/// verb must be known bodies and nothing else.
pub(super) fn issued_before(scan: &mut Scan) {
    let t = scan.t;
    for m in &mut scan.mentions {
        if !m.issuers.is_empty() {
            continue;
        }
        // The cheap test first: the words just before end with a verb or "tại".
        let near = t[floor(t, m.range.start.saturating_sub(40))..m.range.start].trim_end();
        let verb = |v: &&str| ends_with_word(near, v).is_some();
        if !(words::ISSUING_VERBS.iter().any(verb) || verb(&"tại")) {
            continue;
        }
        let cs = clause_start(t, m.range.start);
        let prefix = t[cs..m.range.start].trim_end();
        let (bodies, date, day_month) = if let Some(body) = issuing_subject(prefix) {
            let (body, date, day_month) = date_first(body);
            // "Trong quý I/2025, UBND tỉnh đã ban hành …": the words after
            // the last comma when the whole is not a body.
            let after_comma = body.rfind(", ").map_or(body, |c| &body[c + 2..]);
            // "… Tỉnh ủy Yên Bái ban hành Kế hoạch số 215-KH/TU và Ban
            // Thường vụ Tỉnh ủy Lào Cai ban hành …": the second subject.
            let after_and = after_comma.rfind(" và ").map_or(after_comma, |c| &after_comma[c + 5..]);
            ([body, after_comma, after_and], date, day_month)
        } else if let Some([a, b]) = submitted_by(prefix) {
            ([a, b, b], None, None)
        } else {
            continue;
        };
        // The words must be known bodies and nothing else; "Chủ tịch Ủy ban
        // nhân dân tỉnh" is one, "Giám đốc Sở Nội vụ" is its Sở's.
        let named = bodies.iter().enumerate().find_map(|(k, body)| {
            let (named, len) = scan.vocabulary.list_at(body)?;
            (len >= body.trim_end().len()).then_some((k, named))
        });
        if let Some((k, named)) = named {
            m.set_issuers(named);
            // The date is the subject's only when the body follows it
            // ("Ngày 14/6/2024, Bộ Chính trị ban hành …"), not when other
            // words stand between ("… ngày 28-4-2026 của Thủ tướng Chính phủ,
            // UBND tỉnh đã ban hành …": that date is another document's).
            if k == 0 && m.date.is_none() && m.day_month.is_none() {
                m.date = date;
                m.day_month = day_month;
            }
        }
    }
    let mut mentions = std::mem::take(&mut scan.mentions);
    for m in &mut mentions {
        year_check(scan, m);
    }
    scan.mentions = mentions;
}

/// The words before an issuing verb ("… Bộ Chính trị đã ban hành").
/// "tại" may follow the verb, and a passive "được" start the subject.
fn issuing_subject(prefix: &str) -> Option<&str> {
    let at = ends_with_word(prefix, "tại");
    let prefix = at.map_or(prefix, |p| prefix[..p].trim_end());
    let verbs = words::ISSUING_VERBS
        .iter()
        .chain(at.map_or(&[][..], |_| words::ISSUING_VERBS_AT));
    let p = verbs.into_iter().find_map(|v| ends_with_word(prefix, v))?;
    let mut inner = prefix[..p].trim_end();
    // "… Tỉnh ủy Lạng Sơn cũng đã ban hành": a run of adverbs.
    for _ in 0..3 {
        let Some(q) = words::ISSUING_ADVERBS.iter().find_map(|a| ends_with_word(inner, a)) else {
            break;
        };
        inner = inner[..q].trim_end();
    }
    // "Ban Thường vụ Tỉnh ủy Lào Cai (cũ)": the province before a merger.
    inner = words::FORMER
        .iter()
        .find_map(|f| inner.strip_suffix(f))
        .map_or(inner, str::trim_end);
    if let Some(by) = lower_same_len(inner).rfind(" được ") {
        inner = &inner[by + " được ".len()..];
    }
    // "… được ban hành sau khi Ban Bí thư có Kết luận số …": the subject
    // of the clause after "khi".
    // "Theo ông Sỹ, trước đó Sở Y tế đã có Công văn số …": a time adverb
    // before the subject.
    if let Some(after) = inner.rfind(", ").map(|c| inner[c + 2..].trim_start()) {
        if let Some(rest) = words::THEN
            .iter()
            .find_map(|w| after.strip_prefix(w).and_then(|r| r.strip_prefix(' ')))
        {
            inner = rest;
        }
    }
    // "… sau khi nghe Ban Tổ chức Trung ương báo cáo tại Tờ trình số …".
    if let Some(when) = lower_same_len(inner).rfind(" khi ") {
        inner = &inner[when + " khi ".len()..];
        inner = inner.strip_prefix("nghe ").unwrap_or(inner);
    }
    Some(inner.trim_start_matches([',', ' ']))
}

/// "Ngày …," taken off the subject ("Trên cơ sở đó, ngày 14/6/2024, Bộ
/// Chính trị"), and the date it gives (or its day and month: "ngày 14/5").
type DayMonth = Option<(u32, u32)>;
fn date_first(body: &str) -> (&str, Option<Date>, DayMonth) {
    let lower = lower_same_len(body);
    let Some(at) = lower.find("ngày ") else {
        return (body, None, None);
    };
    // "Tính đến ngày 30/6, …", "Từ ngày 1/7, …": a time of something else,
    // not the day the document was issued.
    let before = lower[..at].trim_end_matches([' ', ',']);
    if words::NOT_ISSUE_DAY.iter().any(|w| ends_with_word(before, w).is_some()) {
        return (body, None, None);
    }
    let at = at + "ngày ".len();
    // After "ngày" a day and month alone are a date of an unknown year.
    match date_at(&body[at..], true) {
        Some((date, dm, len)) => (body[at + len..].trim_start_matches([',', ' ']), date, dm),
        None => (body, None, None),
    }
}

/// The body of "… của [Giám đốc] Sở Nội vụ tại", with and without the
/// title of its head.
fn submitted_by(prefix: &str) -> Option<[&str; 2]> {
    let p = ends_with_word(prefix, "tại")?;
    let inner = prefix[..p].trim_end();
    let of = lower_same_len(inner).rfind("của ")?;
    let body = &inner[of + "của ".len()..];
    let headless = words::head_title(body).map_or(body, |n| &body[n..]);
    Some([body, headless])
}

/// "15-NQ/TƯ … của Bộ Chính trị": `TƯ` printed for `TW`; "28-KH/TƯ … của Ban
/// Thường vụ Thành ủy": printed for `TU` (Thừa Thiên Huế, now Huế, prints it
/// for its Tỉnh ủy). With such an issuer named, the number is read as its
/// issuer's: one page with 15-NQ/TW. So is every other mention of that
/// printed number in the same text that names no other body and no other
/// date ("… điều chỉnh một số nội dung tại Chỉ thị số 35-CT/TƯ", after "Chỉ
/// thị số 35-CT/TƯ … của Bộ Chính trị"); "Chỉ thị số 35-CT/TƯ ngày 2/1/2020
/// của Ban Thường vụ Tỉnh ủy" in the same text is the province's.
pub(super) fn central_tu(scan: &mut Scan) {
    let vocabulary = scan.vocabulary;
    let tu = |m: &super::Mention| m.number.shape == Shape::Party && m.number.codes.get(1).is_some_and(|c| c == "TƯ");
    if !scan.mentions.iter().any(tu) {
        return;
    }
    let read = |m: &super::Mention| vocabulary.tu_code(m.bodies.iter().map(|&b| vocabulary.body(b)));
    // The printed number, the code its issuer reads it as, and the date.
    let named: Vec<(String, &'static str, Option<Date>)> = scan
        .mentions
        .iter()
        .filter(|m| tu(m))
        .filter_map(|m| read(m).map(|code| (m.number.canonical.clone(), code, m.date)))
        .collect();
    for m in &mut scan.mentions {
        if !tu(m) {
            continue;
        }
        let code = read(m).or_else(|| {
            let bare = m.bodies.is_empty();
            named
                .iter()
                .find(|(n, _, d)| bare && *n == m.number.canonical && (m.date.is_none() || d.is_none() || m.date == *d))
                .map(|(_, code, _)| *code)
        });
        if let Some(code) = code {
            m.number = m.number.clone().reading_tu(code);
        }
    }
}

/// "ngày 20/2" without a year, in a text dated 12/3/2025 (a news report, a
/// plan written weeks after what it cites): the last such day not after the
/// text's own date, 20/2/2025 (the seeds' report dates "Ngày 18/7" so). A
/// text without a date, or a number whose printed year disagrees, keeps the
/// day and month only.
pub(super) fn year_of_day_month(scan: &mut Scan) {
    let Some(own) = scan.own.1 else { return };
    if !scan.mentions.iter().any(|m| m.day_month.is_some() && m.date.is_none()) {
        return;
    }
    // A number the text also dates in full keeps that date (the graph
    // chooses among a document's mentions).
    let dated: std::collections::HashSet<String> = scan
        .mentions
        .iter()
        .filter(|m| m.date.is_some())
        .map(|m| m.number.canonical.clone())
        .collect();
    for m in &mut scan.mentions {
        let Some((day, month)) = m.day_month.filter(|_| m.date.is_none() && m.year.is_none()) else {
            continue;
        };
        // "ngày 15/5 … khóa XII": the term says the year is not this one.
        if m.term.is_some() || dated.contains(&m.number.canonical) {
            continue;
        }
        let year = if (month, day) <= (own.month, own.day) {
            own.year
        } else {
            own.year - 1
        };
        if m.number.printed_year().is_some_and(|y| y != year) {
            continue;
        }
        if let Some(date) = crate::date::Date::new(year, month, day) {
            m.date = Some(date);
        }
    }
}
