//! The recogniser on a corpus of sentences written for it
//! (`tests/corpus/citations.txt`), covering every form of
//! `docs/contracts/numbers-and-references.md` §4 and the things that are not citations.
//! Prints precision and recall; a false citation or a wrong date or relation
//! fails the test, and so does recall under 0.98.

use vanban::refs::{find, Relation};

struct Expected {
    text: String,
    number: String,
    date: Option<String>,
    relation: String,
}

fn parse_line(line: &str) -> (String, Vec<Expected>) {
    let mut text = String::new();
    let mut expected = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let close = rest[open..].find("]]").map(|c| open + c).expect("closing ]]");
        let parts: Vec<&str> = rest[open + 2..close].split('|').collect();
        assert_eq!(parts.len(), 4, "{line}");
        text.push_str(parts[0]);
        expected.push(Expected {
            text: parts[0].to_string(),
            number: parts[1].to_string(),
            date: (parts[2] != "-").then(|| parts[2].to_string()),
            relation: parts[3].to_string(),
        });
        rest = &rest[close + 2..];
    }
    text.push_str(rest);
    (text, expected)
}

fn relation_key(r: Relation) -> String {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn precision_and_recall_on_the_corpus() {
    let corpus = include_str!("corpus/citations.txt");
    let party = vanban::number::parse("999-CV/TU").expect("own");
    let own_date = vanban::date::Date::new(2025, 12, 1);
    let (mut tp, mut fp, mut fn_, mut wrong) = (0usize, 0usize, 0usize, Vec::new());
    for line in corpus.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        // "{own 41/2025/QĐ-UBND} …": a sentence of a document with that number
        // (what a document can replace, repeal or amend depends on its issuer).
        let (own, line) = match line.strip_prefix("{own ").and_then(|r| r.split_once("} ")) {
            Some((n, rest)) => (vanban::number::parse(n).expect("own number"), rest),
            None => (party.clone(), line),
        };
        let (text, expected) = parse_line(line);
        let found = find("c.md", &text, 0, (&own, own_date));
        let got: Vec<(String, String, Option<String>, String)> = found
            .citations
            .iter()
            .map(|c| {
                (
                    text[c.span.clone()].to_string(),
                    c.number.canonical.clone(),
                    c.date.map(|d| d.iso()),
                    relation_key(c.relation),
                )
            })
            .collect();
        // Each expected citation takes the first found one with its text and
        // number not taken yet (a text may cite the same words twice).
        let mut used = vec![false; got.len()];
        for e in &expected {
            let hit = (0..got.len()).find(|&k| !used[k] && got[k].0 == e.text && got[k].1 == e.number);
            if let Some(k) = hit {
                used[k] = true;
            }
            match hit.map(|k| &got[k]) {
                Some(g) => {
                    tp += 1;
                    if g.2 != e.date || g.3 != e.relation {
                        wrong.push(format!(
                            "{}: got date {:?} relation {}, want {:?} {}",
                            e.text, g.2, g.3, e.date, e.relation
                        ));
                    }
                }
                None => {
                    fn_ += 1;
                    wrong.push(format!("missed «{}» in: {text}", e.text));
                }
            }
        }
        for g in &got {
            if !expected.iter().any(|e| g.0 == e.text && g.1 == e.number) {
                fp += 1;
                wrong.push(format!("false citation «{}» ({}) in: {text}", g.0, g.1));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("recogniser corpus: {tp} found, {fp} false, {fn_} missed; precision {precision:.3}, recall {recall:.3}");
    assert!(tp >= 50, "the corpus should hold at least 50 citations, found {tp}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        precision == 1.0 && recall >= 0.98,
        "precision {precision}, recall {recall}"
    );
}
