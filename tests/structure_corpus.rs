//! Anchors and pinpoints on directives written by someone who did not read
//! vanban's code (`tests/corpus/docs/d`, see its README.txt): every part,
//! chapter, article, clause and point has the id `_expected.txt` gives, in
//! order; every pinpoint citation leads to the anchor it names (or to the
//! document alone when the unit does not exist or the document is not
//! published); an ambiguous mention is marked and lists its candidates; a
//! number that repeats in two provinces resolves by the citing document's
//! context.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn set() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/docs/d")
}

/// The ids of a page that name structure (parts, chapters, articles ...).
fn structural_ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| {
            ["phan-", "chuong-", "muc-", "dieu-", "van-ban-dieu-"].iter().any(|p| {
                id.strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || "ivx".contains(c)))
            })
        })
        .map(str::to_string)
        .collect()
}

/// A page's text with its citation links: the text without tags, and for
/// each citation link where its text starts, its `href` and its class.
fn text_and_links(html: &str) -> (String, Vec<(usize, String, String)>) {
    let mut text = String::new();
    let mut links = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&decode(&rest[..open]));
        let close = open + rest[open..].find('>').expect("tag closes");
        let tag = &rest[open..=close];
        if tag.starts_with("<a class=\"cite") {
            let attr = |name: &str| {
                tag.split(&format!(" {name}=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .unwrap_or("")
                    .to_string()
            };
            links.push((text.len(), decode(&attr("href")), attr("class")));
        }
        rest = &rest[close + 1..];
    }
    text.push_str(&decode(rest));
    (text, links)
}

fn decode(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn anchors_pinpoints_and_ambiguity_on_an_independent_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let opts = vanban::Options {
        content: set(),
        output: Some(out.clone()),
        ..vanban::Options::default()
    };
    let outcome = vanban::run(&opts, &vanban::Quiet);
    let errors: Vec<String> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("api/documents.json")).expect("documents.json"))
            .expect("json");
    let url_of: BTreeMap<String, String> = data["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            (
                d["source"].as_str().unwrap_or("").to_string(),
                d["url"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let page = |file: &str| {
        let url = url_of.get(file).unwrap_or_else(|| panic!("{file} not built"));
        std::fs::read_to_string(out.join(url.trim_start_matches('/')).join("index.html")).expect("page")
    };
    let expected = std::fs::read_to_string(set().join("_expected.txt")).expect("_expected.txt");
    let (mut anchors_ok, mut pinpoints_ok, mut failures) = (0, 0, Vec::new());
    for line in expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (kind, rest) = line.split_once(' ').expect("kind");
        match kind {
            "anchors" => {
                let mut words = rest.split_whitespace();
                let file = words.next().expect("file");
                let want: Vec<String> = words.map(str::to_string).collect();
                let got = structural_ids(&page(file));
                if got == want {
                    anchors_ok += 1;
                } else {
                    failures.push(format!("{file}: ids\n  want {want:?}\n  got  {got:?}"));
                }
            }
            "pinpoint" | "ambiguous" | "resolves" => {
                let f: Vec<&str> = rest.split(" | ").map(str::trim).collect();
                // The text of the document (not its contents list or lists of references).
                let html = page(f[0]);
                let body = html
                    .split("id=\"toan-van\"")
                    .nth(1)
                    .and_then(|b| b.split("</article>").next())
                    .unwrap_or("");
                let (text, links) = text_and_links(body.split_once('>').map_or(body, |(_, b)| b));
                let text_squashed = squash(&text);
                let (phrase, number) = match kind {
                    "pinpoint" => (f[1], f[2]),
                    _ => (f[1], f[1]),
                };
                // The citation link that follows the phrase (or carries the number).
                let Some(at) = text_squashed.find(&squash(phrase)) else {
                    failures.push(format!("{}: `{phrase}` not in the page's text", f[0]));
                    continue;
                };
                // Offsets in the squashed text: map link starts through the same squash.
                let starts: Vec<(usize, &String, &String)> = links
                    .iter()
                    .map(|(pos, href, class)| (squash(&format!("{}x", &text[..*pos])).len() - 1, href, class))
                    .collect();
                // A pinpoint's link starts inside the phrase; the number of
                // an ambiguous or resolved mention is in its link's text.
                let end = at + squash(phrase).len();
                let link_text = |pos: usize| {
                    let stop = (pos + 80).min(text_squashed.len());
                    let stop = (stop..=text_squashed.len())
                        .find(|&i| text_squashed.is_char_boundary(i))
                        .unwrap_or(stop);
                    &text_squashed[pos..stop]
                };
                let link = match kind {
                    "pinpoint" => starts
                        .iter()
                        .filter(|(pos, ..)| *pos >= at && *pos < end)
                        .find(|(pos, ..)| text_squashed[*pos..end].contains(number)),
                    _ => starts.iter().find(|(pos, ..)| link_text(*pos).contains(number)),
                };
                let verdict = match (kind, link) {
                    ("pinpoint", Some((_, href, class))) => {
                        // An ambiguous mention leads to its candidates on the page, into no document.
                        let into_document = !class.contains("ambiguous");
                        let got = href.split_once('#').filter(|_| into_document).map_or("-", |(_, f)| f);
                        (got == f[3])
                            .then_some(())
                            .ok_or(format!("fragment `{got}`, want `{}`", f[3]))
                    }
                    ("ambiguous", Some((_, href, class))) => (class.contains("ambiguous")
                        && href.starts_with("#chua-ro-"))
                    .then_some(())
                    .ok_or(format!("not marked ambiguous: {href} {class}")),
                    ("resolves", Some((_, href, _))) => {
                        let want = &url_of[f[2]];
                        (href.split('#').next() == Some(want.as_str()))
                            .then_some(())
                            .ok_or(format!("leads to {href}, want {want}"))
                    }
                    (_, None) => Err("no citation link".to_string()),
                    _ => unreachable!(),
                };
                match verdict {
                    Ok(()) if kind == "pinpoint" => pinpoints_ok += 1,
                    Ok(()) => {}
                    Err(why) => failures.push(format!("{} | {phrase}: {why}", f[0])),
                }
            }
            other => panic!("unknown line kind {other}"),
        }
    }
    println!(
        "anchors: {anchors_ok} documents right; pinpoints: {pinpoints_ok} right; {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        anchors_ok >= 10 && pinpoints_ok >= 40,
        "the set shrank: {anchors_ok} anchors lines, {pinpoints_ok} pinpoints"
    );
}
