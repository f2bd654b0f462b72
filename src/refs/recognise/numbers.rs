//! Pass 1: the numbers of a text, with the boundary rules of
//! `docs/contracts/numbers-and-references.md` §2; beside them, short-form candidates (a
//! type word and digits without a code) and numbers that lost their hyphen.

use super::text::{ends_with_ci, ends_with_word, may_end_type_word, next_digit};
use super::{Candidate, Scan};
use crate::number;
use crate::refs::words::TYPE_WORDS;

/// Finds every number of `scan.t` (into `scan.tokens`) and every short-form
/// candidate (into `scan.candidates`).
pub(super) fn find(scan: &mut Scan) {
    let t = scan.t;
    // ASCII digits never occur inside a multi-byte character, so a byte scan
    // finds every candidate at a character boundary.
    let bytes = t.as_bytes();
    let width = |cs: &[char]| cs.iter().map(|c| c.len_utf8()).sum::<usize>();
    let mut slice: Vec<char> = Vec::with_capacity(64);
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i = next_digit(bytes, i + 1);
            continue;
        }
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        // Numbers are read from at most 64 characters.
        let digits = run.min(64);
        let prev = t[..i].chars().next_back();
        let after_so = ends_with_ci(&t[..i], "số").is_some();
        let left_ok = !prev.is_some_and(|p| p.is_alphanumeric() || p == '/' || p == '-') || after_so;
        let parsed = if left_ok && number::may_start(&bytes[i..]) {
            slice.clear();
            slice.extend(t[i..].chars().take(64));
            number::parse_prefix(&slice)
        } else {
            None
        };
        match parsed {
            Some((num, used)) if !slice.get(used).is_some_and(|c| c.is_alphanumeric()) => {
                let end = i + width(&slice[..used]);
                scan.tokens.push((i..end, num));
                i = end;
            }
            _ => {
                if run <= 6 && prev == Some(' ') {
                    short_candidate(scan, i, run);
                }
                if left_ok && prev == Some(' ') {
                    lost_hyphen(scan, i, digits);
                }
                i += digits.max(1);
            }
        }
    }
}

/// A short form: a type word, maybe "số", a space, digits and no code.
fn short_candidate(scan: &mut Scan, i: usize, run: usize) {
    let t = scan.t;
    let b = t[..i].trim_end_matches(' ');
    let b = ends_with_word(b, "số").map_or(b, |p| t[..p].trim_end_matches(' '));
    let word = if may_end_type_word(b) {
        TYPE_WORDS
            .iter()
            .position(|(w, _, codes)| !codes.contains(&"*") && ends_with_word(b, w).is_some())
    } else {
        None
    };
    if let (Some(w_idx), Ok(seq)) = (word, t[i..i + run].parse::<u32>()) {
        let start = ends_with_word(b, TYPE_WORDS[w_idx].0).unwrap_or(i);
        // "Quyết định số 27/2024": a State number without its codes.
        let after = &t.as_bytes()[i + run..];
        let year = (after.len() >= 5 && after[0] == b'/' && after[1..5].iter().all(u8::is_ascii_digit))
            .then(|| (after.get(5), t[i + run + 1..i + run + 5].parse::<i32>()))
            .and_then(|(next, y)| {
                (!next.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'/' || *c == b'-')).then_some(y)
            })
            .and_then(Result::ok)
            .filter(|y| (1945..=2100).contains(y));
        scan.candidates.push(Candidate {
            start,
            end: i + run + if year.is_some() { 5 } else { 0 },
            word: w_idx,
            seq,
            year,
        });
    }
}

/// Lost hyphens: "127KL/TW", "127 KL/TW" after "số" or a type word. First
/// the cheap test: an upper-case letter after the digits (and maybe one
/// space).
fn lost_hyphen(scan: &mut Scan, i: usize, digits: usize) {
    let t = scan.t;
    let after = t[i + digits..].chars().take(64 - digits);
    let mut two = after.clone().take(2);
    let first = two.next().filter(|c| *c != ' ').or_else(|| two.next());
    if !first.is_some_and(|c| c.is_alphabetic() && c.is_uppercase()) {
        return;
    }
    let rest: String = after.take(24).collect();
    let r = rest.strip_prefix(' ').unwrap_or(&rest);
    let code: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
    let lost = !code.is_empty()
        && code.chars().next().is_some_and(|c| c.is_uppercase())
        && r[code.len()..].starts_with('/')
        && (ends_with_ci(t[..i].trim_end(), "số").is_some()
            || TYPE_WORDS
                .iter()
                .any(|(w, _, _)| ends_with_word(t[..i].trim_end(), w).is_some()));
    if lost {
        let end = i + digits + (rest.len() - r.len()) + code.len();
        let tail: String = r[code.len() + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        scan.warn(
            crate::diag::Code::Hyphen,
            i..end,
            format!("số ký hiệu có vẻ mất dấu `-`: `{}`", &t[i..end + 1 + tail.len()].trim()),
            format!(
                "viết `{}-{code}/{tail}` (có dấu `-` giữa số và mã loại)",
                &t[i..i + digits]
            ),
        );
    }
}
