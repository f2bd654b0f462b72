//! Hostile markup never reaches a page: the known XSS vector families in a
//! body (script tags, event handlers, URL schemes in raw HTML and in
//! Markdown, encoded and mixed-case variants, SVG and MathML, frames and
//! forms, broken markup) and in every front matter value (HTML text,
//! attributes, JSON-LD). The built site is scanned for anything executable, read by html5ever's
//! tokenizer as a browser reads it (references decoded, raw-text elements).

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::cell::{Cell, RefCell};
use std::path::Path;
use std::process::Command;

const BODY: &str = r#"
Văn bản có mã độc dán từ web.

<script>alert(1)</script>
<SCRIPT SRC=//evil.example/x.js></SCRIPT>
<img src=x onerror=alert(1)>
<img src="javascript:alert(1)">
<a href="javascript:alert(1)">a</a> <a href="JaVaScRiPt:alert(1)">b</a> <a href="jav&#x09;ascript:alert(1)">c</a>
<a href=" javascript:alert(1)">d</a> <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">e</a> <a href="vbscript:msgbox(1)">f</a>
<svg onload=alert(1)><script>alert(1)</script></svg>
<math><mtext><script>alert(1)</script></mtext></math>
<iframe src="https://evil.example"></iframe><object data=x></object><embed src=x>
<form action="https://evil.example"><input name=q><button formaction="javascript:alert(1)">g</button></form>
<style>body{background:url(javascript:alert(1))}</style><link rel=stylesheet href=//evil.example/x.css>
<meta http-equiv=refresh content="0;url=javascript:alert(1)"><base href="//evil.example/">
<scr<script>ipt>alert(1)</script>
<img src=x onerror=alert(1)//
<div onmouseover="alert(1)">h</div>
<<script>alert(1);//<</script>
<details open ontoggle=alert(1)>i</details>
<p style="background:url(javascript:alert(1))">j</p>
<a href="https://x.vn" onclick="alert(1)">k</a>

[md](javascript:alert(1)) [MD](JAVASCRIPT:alert(1)) ![img](javascript:alert(1)) <javascript:alert(1)>
[data](data:text/html,<script>alert(1)</script>) [tab](java	script:alert(1))

Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, <b>vẫn giữ chữ đậm</b>.
"#;

fn front_matter() -> String {
    [
        "---",
        "number: 4029-CV/TU",
        "title: '</title><script>alert(1)</script><img src=x onerror=alert(1)>'",
        "issuer: ['<img src=x onerror=alert(1)>', 'Bộ Chính trị\"><script>alert(1)</script>']",
        "summary: '</script><script>alert(1)</script>'",
        "tags: ['\"><svg onload=alert(1)>']",
        "place: '<iframe src=javascript:alert(1)>'",
        "signer: {name: '<svg/onload=alert(1)>', position: '\"onmouseover=\"alert(1)', capacity: '</p><script>alert(1)</script>'}",
        "recipients: ['<a href=javascript:alert(1)>x</a>']",
        "distribution: ['</li><script>alert(1)</script>']",
        "source: {name: '<script>alert(1)</script>', url: 'https://x.vn/\"><script>alert(1)</script>', author: '<b onclick=alert(1)>'}",
        "aliases: [/cu/van-ban-4029/]",
        "---",
    ]
    .join("\n")
}

/// A tag as a browser's tokenizer reads it: name lower case, attribute
/// values with character references decoded.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// What html5ever's tokenizer saw: start tags, and the text of each script
/// element (read as script data, as a browser does).
#[derive(Default)]
struct Seen {
    tags: RefCell<Vec<Tag>>,
    scripts: RefCell<Vec<(Tag, String)>>,
    in_script: Cell<bool>,
    /// Inside `<svg>` or `<math>`, where `title` and `style` hold markup.
    foreign: Cell<usize>,
    /// Read as a browser with scripting on (`noscript` is raw text) or off.
    scripting: bool,
}

impl TokenSink for Seen {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(t) if t.kind == TagKind::StartTag => {
                let tag = Tag {
                    name: t.name.to_string(),
                    attrs: t
                        .attrs
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect(),
                };
                // The states a browser's tree builder switches the tokenizer
                // to (in SVG and MathML only `script` changes the reading).
                let foreign = self.foreign.get() > 0;
                let raw = match tag.name.as_str() {
                    "script" => Some(RawKind::ScriptData),
                    "noscript" if self.scripting && !foreign => Some(RawKind::Rawtext),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" if !foreign => Some(RawKind::Rawtext),
                    "title" | "textarea" if !foreign => Some(RawKind::Rcdata),
                    _ => None,
                };
                if matches!(tag.name.as_str(), "svg" | "math") && !t.self_closing {
                    self.foreign.set(self.foreign.get() + 1);
                }
                if tag.name == "script" {
                    self.in_script.set(true);
                    let copy = Tag {
                        name: tag.name.clone(),
                        attrs: tag.attrs.clone(),
                    };
                    self.scripts.borrow_mut().push((copy, String::new()));
                }
                self.tags.borrow_mut().push(tag);
                if let Some(kind) = raw {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::TagToken(t) => {
                self.in_script.set(false);
                if matches!(&*t.name, "svg" | "math") {
                    self.foreign.set(self.foreign.get().saturating_sub(1));
                }
            }
            Token::CharacterTokens(text) if self.in_script.get() => {
                if let Some((_, body)) = self.scripts.borrow_mut().last_mut() {
                    body.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(html: &str, scripting: bool) -> Seen {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let sink = Seen {
        scripting,
        ..Seen::default()
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

/// Everything executable a page could carry, by kind, with where it is,
/// read as a browser with scripting on and as one with it off.
fn findings(path: &str, html: &str) -> Vec<String> {
    let mut bad = findings_as(path, html, true);
    for f in findings_as(path, html, false) {
        if !bad.contains(&f) {
            bad.push(f);
        }
    }
    bad
}

fn findings_as(path: &str, html: &str, scripting: bool) -> Vec<String> {
    let mut bad = Vec::new();
    let seen = tokenize(html, scripting);
    // Script elements: only ours; JSON-LD stays inside its element.
    for (tag, body) in seen.scripts.borrow().iter() {
        let attrs: Vec<(&str, &str)> = tag.attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let json_ld = attrs == [("type", "application/ld+json")];
        let ours_src = attrs
            .iter()
            .any(|(k, v)| *k == "src" && (v.starts_with("/static/") || v.starts_with("/__vanban/")))
            && attrs
                .iter()
                .all(|(k, _)| matches!(*k, "src" | "defer" | "data-root" | "data-base"));
        if !(json_ld || ours_src) {
            bad.push(format!("{path}: foreign script {attrs:?}"));
        }
        if json_ld && body.contains('<') {
            bad.push(format!("{path}: markup inside JSON-LD"));
        }
    }
    // Tags: no event attributes, no dangerous URL schemes, no foreign elements.
    for Tag { name, attrs } in seen.tags.borrow().iter() {
        let tag = format!("<{name} …>");
        for (k, v) in attrs {
            if k.starts_with("on") {
                bad.push(format!("{path}: event attribute {k} in {tag}"));
            }
            let v = url_as_read(v);
            if ["javascript:", "vbscript:", "data:"].iter().any(|s| v.starts_with(s)) && k != "content" {
                bad.push(format!("{path}: {k}={v} in {tag}"));
            }
            if k == "content" && v.contains("url=") && !v.contains("url=/van-ban/") {
                bad.push(format!("{path}: meta refresh to {v}"));
            }
        }
        let attr = |k: &str| attrs.iter().find(|(n, _)| n == k).map_or("", |(_, v)| v.as_str());
        let ours = match name.as_str() {
            "form" => attr("action") == "/tim-kiem/",
            // Atom's `<link href>` is a link, its scheme checked above.
            "link" if path.ends_with(".xml") => true,
            "link" => {
                attr("href").starts_with("/static/")
                    || ["/feed.xml", "/favicon.ico"].contains(&attr("href"))
                    || attr("rel") == "canonical"
            }
            "svg" => attr("class").starts_with("picture"),
            "iframe" | "object" | "embed" | "style" | "base" | "math" | "frame" | "frameset" | "applet" => false,
            _ => true,
        };
        if !ours {
            bad.push(format!("{path}: foreign element {tag} {attrs:?}"));
        }
    }
    bad
}

/// An attribute value (references already decoded by the tokenizer) as a
/// browser reads it as a URL: ASCII tab and newline removed anywhere,
/// leading C0 controls and spaces removed, the scheme in any case.
fn url_as_read(v: &str) -> String {
    let out: String = v.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    out.trim_start_matches(|c: char| c <= ' ').to_lowercase()
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "html" || x == "xml") {
            out.push(p);
        }
    }
}

#[test]
fn no_xss_vector_survives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(content.join("a.md"), format!("{}\n{BODY}", front_matter())).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("build")
        .current_dir(dir.path())
        .output()
        .expect("build");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files = Vec::new();
    walk(&dir.path().join("public"), &mut files);
    assert!(files.len() > 10);
    let mut bad = Vec::new();
    for f in &files {
        let html = std::fs::read_to_string(f).expect("read");
        bad.extend(findings(&f.display().to_string(), &html));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The page still says what the editor wrote, as text, and keeps harmless markup.
    let page = std::fs::read_to_string(dir.path().join("public/van-ban/4029-cv-tu/index.html")).expect("page");
    assert!(
        page.contains("&lt;&#x2F;title&gt;&lt;script&gt;") || page.contains("&lt;/title&gt;&lt;script&gt;"),
        "title shown as text"
    );
    assert!(page.contains("<b>vẫn giữ chữ đậm</b>"));
    assert!(page.contains("class=\"cite\""), "citations still linked");
    // The open data carries the values as data.
    let json = std::fs::read_to_string(dir.path().join("public/api/documents.json")).expect("json");
    assert!(json.contains("</title><script>alert(1)</script>"));
}

#[test]
fn the_scanner_sees_what_it_looks_for() {
    // A check that cannot fail is no check: the scanner must flag each family.
    for html in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=javascript:alert(1)>x</a>",
        "<iframe src=x></iframe>",
        "<svg onload=alert(1)>",
        "<math></math>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<script type=\"application/ld+json\">{\"a\":\"</b>\"}</script>",
        // Encoded as a browser still reads them.
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"&#x20;&#x0E;javascript:alert(1)\">x</a>",
        "<a href=\"java\nscript:alert(1)\">x</a>",
        "<a href=\"jav&Tab;ascript:alert(1)\">x</a>",
        "<a href=\"javascript&NewLine;:alert(1)\">x</a>",
        "<img src=\"DaTa:text/html,x\">",
        // References a browser decodes without their `;` or with leading zeros.
        "<a href=\"&#106avascript:alert(1)\">x</a>",
        "<a href=\"&#0000106;avascript:alert(1)\">x</a>",
        "<a href=javascript&#58alert(1)>x</a>",
        // Attribute names split the way the tokenizer splits them.
        "<img src=x/onerror=alert(1) / onerror=alert(1)>",
        "<svg class=\"picture\"><a xlink:href=\"javascript:alert(1)\"></a></svg>",
        // Markup a browser reads where a text-only scan would not.
        "<svg class=\"picture\"><title><img src=x onerror=alert(1)></title></svg>",
        "<svg class=\"picture\"><style><a href=\"javascript:alert(1)\">x</a></style></svg>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></p></noscript>",
        "<SCRIPT\n>alert(1)</SCRIPT>",
        "<script src=\"/static/x.js\" onload=\"alert(1)\"></script>",
    ] {
        assert!(!findings("t", html).is_empty(), "{html}");
    }
    assert!(findings(
        "t",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><a href=\"/van-ban/x/\" class=\"cite\">x</a>"
    )
    .is_empty());
    // Our own pictures with their titles are clean.
    assert!(findings(
        "t",
        "<svg class=\"picture\"><title>Kết luận &lt;b&gt;</title><a href=\"/van-ban/x/\"><text>x</text></a></svg>"
    )
    .is_empty());
}
