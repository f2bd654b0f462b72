//! The citing sentence a backlink quotes.

/// The sentence of a Markdown body that names `number`, as plain text, at
/// most about 400 characters, or none when the text does not name it.
pub(crate) fn citing_sentence(body: &str, number: &str) -> Option<String> {
    sentence_at(body, body.find(number)?)
}

/// How far before and after a mention its sentence is looked for (bytes).
pub(super) const SENTENCE_WINDOW: usize = 4096;

/// The sentence of a Markdown body around byte offset `at`, as plain text.
pub(crate) fn sentence_at(body: &str, at: usize) -> Option<String> {
    if at > body.len() || !body.is_char_boundary(at) {
        return None;
    }
    // Only a window around the mention is searched, so that a page's cost
    // does not grow with the size of the citing text.
    let window = crate::refs::normal::floor(body, at.saturating_sub(SENTENCE_WINDOW));
    let before = &body[window..at];
    let start = window
        + [before.rfind(". "), before.rfind('\n'), before.rfind("; ")]
            .into_iter()
            .flatten()
            .max()
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let after = &body[at..crate::refs::normal::floor(body, at + SENTENCE_WINDOW)];
    let end = [after.find(". "), after.find(".\n"), after.find('\n')]
        .into_iter()
        .flatten()
        .min()
        .map_or(at + after.len(), |i| at + i + 1);
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
}
