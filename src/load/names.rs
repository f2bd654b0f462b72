//! Names editors write: slugs, alias paths, and the closest known word for
//! a misspelt key.

/// The longest segment of a URL path (a folder or file name) a slug or an
/// alias may have: file systems stop at 255 bytes.
pub(super) const MAX_SEGMENT: usize = 200;

/// Whether a slug is only `a-z`, `0-9` and `-`, not empty, and at most
/// [`MAX_SEGMENT`] bytes.
pub fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SEGMENT
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Validates an alias and returns it relative to the site root
/// (`/cu/a/` -> `cu/a/`, `/cu/a.html` -> `cu/a.html`, `/cu/a` -> `cu/a/`).
/// Refused: not starting with `/`, empty segments, `.` or `..`, percent
/// escapes, backslashes, and any character outside `A-Za-z0-9._~-`.
pub fn alias_path(a: &str) -> Option<String> {
    let rest = a.strip_prefix('/')?;
    // A path the file system can make (whole paths stop at 4,096 bytes).
    if rest.len() > 1_000 {
        return None;
    }
    let trimmed = rest.strip_suffix('/').unwrap_or(rest);
    if trimmed.is_empty() {
        return None;
    }
    for seg in trimmed.split('/') {
        let ok_chars = seg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'));
        let too_long = seg.len() > MAX_SEGMENT;
        if seg.is_empty() || seg == "." || seg == ".." || !ok_chars || seg.starts_with('.') || too_long {
            return None;
        }
    }
    if trimmed.ends_with(".html") && !rest.ends_with('/') {
        Some(trimmed.to_string())
    } else {
        Some(format!("{trimmed}/"))
    }
}

/// The known word closest to `word`, if close enough to be a likely typo.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}
