//! Reading queries, on the table shared with `static/fold.js`.

use super::*;

/// The shared table: a site's types, the vocabulary made of them (written
/// here so that the JavaScript check reads the same), and queries as read.
#[derive(serde::Deserialize, serde::Serialize)]
struct Table {
    types: Vec<String>,
    vocabulary: Option<Vocabulary>,
    cases: Vec<Case>,
}

#[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
struct Case {
    q: String,
    words: Vec<String>,
    prefix: bool,
    number: Option<String>,
    types: Vec<String>,
    year: Option<i32>,
    date: Option<String>,
}

const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/query-cases.json");

/// Every case reads as written; the table's vocabulary is the one vanban
/// makes of its types (`BLESS=1` rewrites it).
#[test]
fn shared_query_table() {
    let text = std::fs::read_to_string(TABLE).unwrap_or_default();
    let mut table: Table = serde_json::from_str(&text).expect("query-cases.json");
    let types: Vec<&str> = table.types.iter().map(String::as_str).collect();
    let voc = Vocabulary::new(&types);
    if std::env::var_os("BLESS").is_some() {
        table.vocabulary = Some(Vocabulary::new(&types));
        let out = serde_json::to_string_pretty(&table).expect("json");
        std::fs::write(TABLE, out + "\n").expect("write the table");
    }
    assert_eq!(table.vocabulary.as_ref(), Some(&voc), "run with BLESS=1 to rewrite it");
    assert!(table.cases.len() >= 20);
    for case in &table.cases {
        let q = parse(&case.q, &voc);
        let got = Case {
            q: case.q.clone(),
            words: q.words,
            prefix: q.prefix,
            number: q.number,
            types: q.types.iter().map(|&i| table.types[i].clone()).collect(),
            year: q.year,
            date: q.date,
        };
        assert_eq!(&got, case);
    }
}

#[test]
fn the_vocabulary_knows_every_form() {
    let voc = Vocabulary::new(&["Chỉ thị", "Quy định", "Quyết định", "Thông báo"]);
    let phrase = |p: &str| voc.phrases.iter().find(|(k, _)| k == p).map(|(_, v)| v.clone());
    assert_eq!(phrase("chi thi"), Some(vec![0]));
    // "Thông báo kết luận" is shown as a Thông báo.
    assert_eq!(phrase("thong bao ket luan"), Some(vec![3]));
    assert_eq!(voc.phrases[0].0, "thong bao ket luan", "longest first");
    let code = |c: &str| voc.codes.iter().find(|(k, _)| k == c).map(|(_, v)| v.clone());
    assert_eq!(code("qd"), Some(vec![1, 2]));
    assert_eq!(code("qyd"), Some(vec![1]));
    assert_eq!(code("ct"), Some(vec![0]));
    // Types the site does not have are not named.
    assert_eq!(code("nq"), None);
}

#[test]
fn keys_of_numbers_and_dates() {
    assert_eq!(number_key("35-CT/TW", "Chỉ thị"), "35chithi");
    assert_eq!(number_key("02-KH/TU", "Kế hoạch"), "2kehoach");
    assert_eq!(number_key("00-KH/TU", "Kế hoạch"), "0kehoach");
    assert_eq!(number_key("30/2020/NĐ-CP", "Nghị định"), "30nghidinh");
    assert_eq!(number_key("CV/TU", "Công văn"), "");
    assert_eq!(date_key(4, 6, 2024), "404062024");
    assert_eq!(date_key(30, 5, 2019), "930052019");
    let voc = Vocabulary::new(&["Chỉ thị"]);
    let q = parse("ct 35", &voc);
    assert_eq!(q.exact_keys(&["Chỉ thị".to_string()]), ["35chithi"]);
}
