//! The citing sentence a backlink quotes.

/// The sentence of a Markdown body that names `number`, as plain text, at
/// most about 400 characters, or none when the text does not name it.
pub(crate) fn citing_sentence(body: &str, number: &str) -> Option<String> {
    sentence_at(body, memchr::memmem::find(body.as_bytes(), number.as_bytes())?)
}

/// How far before and after a mention its sentence is looked for (bytes).
pub(super) const SENTENCE_WINDOW: usize = 4096;

/// Where the last sentence before a mention ends: the last `\n`, `. ` or
/// `; ` of `b` (the position of its first byte), in one pass from the end.
fn last_break(b: &[u8]) -> Option<usize> {
    memchr::memrchr3_iter(b'.', b'\n', b';', b).find(|&i| b[i] == b'\n' || b.get(i + 1) == Some(&b' '))
}

/// Where the sentence of a mention ends: the first `\n`, `. ` or `.\n` of
/// `b` (the position of its first byte), in one pass.
fn first_end(b: &[u8]) -> Option<usize> {
    memchr::memchr2_iter(b'.', b'\n', b).find(|&i| b[i] == b'\n' || matches!(b.get(i + 1), Some(b' ' | b'\n')))
}

/// The sentence of a Markdown body around byte offset `at`, as plain text.
pub(crate) fn sentence_at(body: &str, at: usize) -> Option<String> {
    if at > body.len() || !body.is_char_boundary(at) {
        return None;
    }
    // Only a window around the mention is searched, so that a page's cost
    // does not grow with the size of the citing text.
    let window = crate::refs::normal::floor(body, at.saturating_sub(SENTENCE_WINDOW));
    let before = &body[window..at];
    let start = window + last_break(before.as_bytes()).map_or(0, |i| i + 1);
    let after = &body[at..crate::refs::normal::floor(body, at + SENTENCE_WINDOW)];
    let end = first_end(after.as_bytes()).map_or(at + after.len(), |i| at + i + 1);
    let raw = &body[start..end.min(body.len())];
    let clean = |s: &str| -> String {
        let t: String = s
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '#' | '\\' | '`'))
            .collect();
        crate::source::normalize(&t)
    };
    let text = clean(raw);
    let text = text.trim_start_matches(['.', ';', ' ']).to_string();
    if text.chars().count() <= 320 {
        return Some(text);
    }
    // A long sentence: a window around the mention.
    let lead: Vec<char> = clean(&body[start..at]).chars().collect();
    let tail: Vec<char> = clean(&body[at..end.min(body.len())]).chars().collect();
    let from = lead.len().saturating_sub(120);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&lead[from..]);
    if !lead.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    out.extend(tail.iter().take(200));
    if tail.len() > 200 {
        out.push('…');
    }
    Some(out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn sentence_around_a_number() {
        let body = "Mở đầu. Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư. Câu sau.\n";
        assert_eq!(
            citing_sentence(body, "127-KL/TW").as_deref(),
            Some("Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư.")
        );
        assert_eq!(citing_sentence(body, "9-KL/TW"), None);
    }

    proptest::proptest! {
        /// The one-pass scans find what the six string searches they
        /// replace found (the nearest break of each kind, the closest one).
        #[test]
        fn breaks_as_the_string_searches_found_them(s in "[a. ;\n\u{1ea1}]{0,40}") {
            let before = [s.rfind(". "), s.rfind('\n'), s.rfind("; ")].into_iter().flatten().max();
            proptest::prop_assert_eq!(last_break(s.as_bytes()), before);
            let after = [s.find(". "), s.find(".\n"), s.find('\n')].into_iter().flatten().min();
            proptest::prop_assert_eq!(first_end(s.as_bytes()), after);
        }
    }
}
