//! Recogniser throughput: `cargo bench --bench recognise` prints MB/s of
//! running text read by `refs::find` (normalisation, Markdown masking,
//! recognition), on the two seed bodies and on the recogniser corpus,
//! repeated to about 8 MB.

use std::time::Instant;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut base = String::new();
    for f in ["content/4029-cv-tu.md", "content/2025/73-cv-tu-phu-tho.md"] {
        let text = std::fs::read_to_string(root.join(f)).expect("seed");
        base.push_str(text.split("\n---\n").nth(1).unwrap_or(""));
        base.push_str("\n\n");
    }
    let corpus = std::fs::read_to_string(root.join("tests/corpus/citations.txt")).expect("corpus");
    for line in corpus.lines().filter(|l| !l.starts_with('#')) {
        // Drop the [[…|…]] markers: keep the text as written.
        let mut clean = String::new();
        // "{own N} " says whose sentence it is: not text.
        let mut rest = line
            .strip_prefix("{own ")
            .and_then(|r| r.split_once("} "))
            .map_or(line, |(_, r)| r);
        while let Some(open) = rest.find("[[") {
            clean.push_str(&rest[..open]);
            let close = rest[open..].find("]]").map_or(rest.len(), |c| open + c);
            clean.push_str(rest[open + 2..close].split('|').next().unwrap_or(""));
            rest = rest.get(close + 2..).unwrap_or("");
        }
        clean.push_str(rest);
        base.push_str(&clean);
        base.push_str("\n\n");
    }
    let own = vanban::number::parse("999-CV/TU").expect("own");
    println!(
        "{:>12} {:>10} {:>10} {:>12} {:>10}",
        "input", "MB", "seconds", "citations", "MB/s"
    );
    for (name, target) in [("1 document", 8_000_000usize), ("1 kB pieces", 8_000_000)] {
        let mut text = String::with_capacity(target + base.len());
        while text.len() < target {
            text.push_str(&base);
        }
        let started = Instant::now();
        let citations = if name == "1 document" {
            vanban::refs::find("b.md", &text, 0, (&own, None)).citations.len()
        } else {
            let mut n = 0;
            let mut at = 0;
            while at < text.len() {
                let mut end = (at + 1000).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                n += vanban::refs::find("b.md", &text[at..end], 0, (&own, None))
                    .citations
                    .len();
                at = end;
            }
            n
        };
        let secs = started.elapsed().as_secs_f64();
        let mb = text.len() as f64 / 1e6;
        println!("{name:>12} {mb:>10.1} {secs:>10.3} {citations:>12} {:>10.1}", mb / secs);
    }
}
