//! Hostile markup never reaches a page: the known XSS vector families in a
//! body (script tags, event handlers, URL schemes in raw HTML and in
//! Markdown, encoded and mixed-case variants, SVG and MathML, frames and
//! forms, broken markup) and in every front matter value (HTML text,
//! attributes, JSON-LD). The built site is scanned for anything executable.

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

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Everything executable a page could carry, by kind, with where it is.
fn findings(path: &str, html: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let l = lower(html);
    // Script elements: only ours.
    for (i, _) in l.match_indices("<script") {
        let tag = &l[i..l[i..].find('>').map_or(l.len(), |e| i + e + 1)];
        let ours = tag == "<script type=\"application/ld+json\">"
            || tag.starts_with("<script src=\"/static/")
            || tag.starts_with("<script src=\"/__vanban/");
        if !ours {
            bad.push(format!("{path}: foreign script {tag}"));
        }
    }
    // JSON-LD stays inside its element.
    for (i, _) in l.match_indices("<script type=\"application/ld+json\">") {
        let start = i + "<script type=\"application/ld+json\">".len();
        let end = l[start..].find("</script>").map_or(l.len(), |e| start + e);
        if l[start..end].contains('<') {
            bad.push(format!("{path}: markup inside JSON-LD"));
        }
    }
    // Tags: no event attributes, no dangerous URL schemes, no foreign elements.
    let mut rest = l.as_str();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let (attrs, used) = attributes(&after[name.len()..]);
        let tag = format!("<{name} …>");
        for (k, v) in &attrs {
            if k.starts_with("on") {
                bad.push(format!("{path}: event attribute {k} in {tag}"));
            }
            // As a browser reads a URL: entities decoded, tabs and newlines
            // dropped anywhere, leading controls and spaces dropped.
            let decoded = url_as_read(v);
            let v = decoded.as_str();
            if ["javascript:", "vbscript:", "data:"].iter().any(|s| v.starts_with(s)) && k != "content" {
                bad.push(format!("{path}: {k}={v} in {tag}"));
            }
            if k == "content" && v.contains("url=") && !v.contains("url=/van-ban/") {
                bad.push(format!("{path}: meta refresh to {v}"));
            }
        }
        let attr = |k: &str| {
            attrs
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        let ours = match name.as_str() {
            "form" => attr("action") == "/tim-kiem/",
            // Atom's `<link href>` is a link, its scheme checked above.
            "link" if path.ends_with(".xml") => true,
            "link" => attr("href").starts_with("/static/") || attr("href") == "/feed.xml" || attr("rel") == "canonical",
            "svg" => attr("class").starts_with("picture"),
            "iframe" | "object" | "embed" | "style" | "base" | "math" | "frame" | "frameset" | "applet" => false,
            _ => true,
        };
        if !ours {
            bad.push(format!("{path}: foreign element {tag} {attrs:?}"));
        }
        rest = &after[name.len() + used..];
    }
    bad
}

/// An attribute value as a browser reads it as a URL: character references
/// decoded (numeric, and the named ones that spell a scheme), ASCII tab and
/// newline removed anywhere, leading C0 controls and spaces removed.
fn url_as_read(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let r = &rest[at + 1..];
        let end = r
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(r.len());
        let name = &r[..end];
        let decoded = if let Some(n) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            u32::from_str_radix(n, 16).ok().and_then(char::from_u32)
        } else if let Some(n) = name.strip_prefix('#') {
            n.parse().ok().and_then(char::from_u32)
        } else {
            // HTML's names (`&Tab;`, `&NewLine;`); the page is scanned lower
            // case, so any case is taken: the scanner errs on the side of alarm.
            match name.to_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                "sol" => Some('/'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = r[end..].strip_prefix(';').unwrap_or(&r[end..]);
            }
            None => {
                out.push('&');
                rest = r;
            }
        }
    }
    out.push_str(rest);
    let out: String = out.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    out.trim_start_matches(|c: char| c <= ' ').to_lowercase()
}

/// The attributes of a tag (names lower case), and how far the tag goes.
fn attributes(s: &str) -> (Vec<(String, String)>, usize) {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    let bytes = |k: usize| b[..k].iter().map(|c| c.len_utf8()).sum::<usize>();
    loop {
        while i < b.len() && (b[i].is_whitespace() || b[i] == '/') {
            i += 1;
        }
        if i >= b.len() || b[i] == '>' {
            return (out, bytes((i + 1).min(b.len())));
        }
        let start = i;
        while i < b.len() && !b[i].is_whitespace() && !matches!(b[i], '=' | '>' | '/') {
            i += 1;
        }
        let name: String = b[start..i].iter().collect();
        let mut value = String::new();
        if i < b.len() && b[i] == '=' {
            i += 1;
            if i < b.len() && (b[i] == '"' || b[i] == '\'') {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q {
                    value.push(b[i]);
                    i += 1;
                }
                i += 1;
            } else {
                while i < b.len() && !b[i].is_whitespace() && b[i] != '>' {
                    value.push(b[i]);
                    i += 1;
                }
            }
        }
        if name.is_empty() {
            i += 1;
        } else {
            out.push((name, value));
        }
    }
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
    ] {
        assert!(!findings("t", html).is_empty(), "{html}");
    }
    assert!(findings(
        "t",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><a href=\"/van-ban/x/\" class=\"cite\">x</a>"
    )
    .is_empty());
}
