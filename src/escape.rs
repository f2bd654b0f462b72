//! Escaping for the markup vanban writes itself (the templates escape
//! through Tera): one rule, three sets of characters.
//!
//! - [`text`]: HTML text (`&`, `<`, `>`);
//! - [`Attr`] / [`attr`]: attribute values and SVG text (and `"`);
//! - [`xml`]: XML, the feed and the sitemap (and `'`).

use std::fmt;

/// `s` with each character of `set` written as its entity.
struct Escaped<'a> {
    s: &'a str,
    set: &'static [char],
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.s;
        while let Some(at) = rest.find(self.set) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&apos;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

const TEXT: &[char] = &['&', '<', '>'];
const ATTR: &[char] = &['&', '<', '>', '"'];
const XML: &[char] = &['&', '<', '>', '"', '\''];

/// HTML text.
pub(crate) fn text(s: &str) -> String {
    Escaped { s, set: TEXT }.to_string()
}

/// An attribute value or SVG text, written with `write!` without a copy.
pub(crate) struct Attr<'a>(pub &'a str);

impl fmt::Display for Attr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Escaped { s: self.0, set: ATTR }.fmt(f)
    }
}

/// An attribute value.
pub(crate) fn attr(s: &str) -> String {
    Attr(s).to_string()
}

/// XML text or attribute.
pub(crate) fn xml(s: &str) -> String {
    Escaped { s, set: XML }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_set_as_its_definition() {
        let s = "a & b < c > d \"e\" 'f' ế";
        assert_eq!(
            text(s),
            s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
        );
        assert_eq!(attr(s), text(s).replace('"', "&quot;"));
        assert_eq!(xml(s), attr(s).replace('\'', "&apos;"));
        assert_eq!(text("không có gì"), "không có gì");
    }
}
