//! One table row per form of `docs/contracts/numbers-and-references.md` §4, asserting the
//! text at the span (in the original), the number, date, type, issuers and
//! relation.

use crate::date::Date;
use crate::number;
use crate::refs::{find, Relation};

fn own() -> crate::number::Number {
    number::parse("999-CV/TU").expect("own number")
}

/// (text at span, canonical number, ISO date, type word, relation, issuers)
type Row = (String, String, Option<String>, Option<String>, Relation, Vec<String>);

fn rows(text: &str) -> Vec<Row> {
    rows_of(&own(), text)
}

/// The rows of `text` as a sentence of the document numbered `n`.
fn rows_of(n: &crate::number::Number, text: &str) -> Vec<Row> {
    let f = find("t.md", text, 0, (n, Date::new(2025, 12, 1)));
    f.citations
        .iter()
        .map(|c| {
            (
                text[c.span.clone()].to_string(),
                c.number.canonical.clone(),
                c.date.map(|d| d.iso()),
                c.doc_type.clone(),
                c.relation,
                c.issuers.clone(),
            )
        })
        .collect()
}

fn row(text: &str, num: &str, date: Option<&str>, ty: Option<&str>, rel: Relation, issuers: &[&str]) -> Row {
    (
        text.to_string(),
        num.to_string(),
        date.map(str::to_string),
        ty.map(str::to_string),
        rel,
        issuers.iter().map(|s| s.to_string()).collect(),
    )
}

use Relation::*;

#[test]
fn forms_of_section_4() {
    let bct = ["Bộ Chính trị", "Ban Bí thư"];
    let cases: Vec<(&str, &str, Vec<Row>)> = vec![
        (
            "1 full",
            "Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư về triển khai nghiên cứu, Ban Thường vụ yêu cầu.",
            vec![row("Kết luận số 127-KL/TW", "127-KL/TW", Some("2025-02-28"), Some("Kết luận"), Implements, &bct)],
        ),
        (
            "2 comma before the date",
            "triển khai Kết luận số 178-KL/TW, ngày 17/7/2025 của Bộ Chính trị, Ban Bí thư về tiếp tục.",
            vec![row("Kết luận số 178-KL/TW", "178-KL/TW", Some("2025-07-17"), Some("Kết luận"), Implements, &bct)],
        ),
        (
            "3 without số",
            "theo Nghị quyết 59-NQ/TW ngày 24/1/2025 của Bộ Chính trị.",
            vec![row("Nghị quyết 59-NQ/TW", "59-NQ/TW", Some("2025-01-24"), Some("Nghị quyết"), Cites, &["Bộ Chính trị"])],
        ),
        (
            "4 dates with - . and words",
            "Chỉ thị số 05-CT/TU ngày 14-4-2025; Kế hoạch số 12-KH/TU ngày 22.12.2024; Nghị quyết số 03-NQ/TU ngày 05 tháng 3 năm 2020.",
            vec![
                row("Chỉ thị số 05-CT/TU", "05-CT/TU", Some("2025-04-14"), Some("Chỉ thị"), Cites, &[]),
                row("Kế hoạch số 12-KH/TU", "12-KH/TU", Some("2024-12-22"), Some("Kế hoạch"), Cites, &[]),
                row("Nghị quyết số 03-NQ/TU", "03-NQ/TU", Some("2020-03-05"), Some("Nghị quyết"), Cites, &[]),
            ],
        ),
        (
            "5 list sharing a trailing date and issuer",
            "theo Quy định số 253-QĐ/TW và Quy định số 255-QĐ/TW, ngày 24/01/2025 của Ban Bí thư.",
            vec![
                row("Quy định số 253-QĐ/TW", "253-QĐ/TW", Some("2025-01-24"), Some("Quy định"), Cites, &["Ban Bí thư"]),
                row("Quy định số 255-QĐ/TW", "255-QĐ/TW", Some("2025-01-24"), Some("Quy định"), Cites, &["Ban Bí thư"]),
            ],
        ),
        (
            "6 list sharing the type word (a trailing issuer never crosses `;`)",
            "các Quy định số 89-QĐ/TW; số 214-QĐ/TW; số 124-QĐ/TW của Bộ Chính trị.",
            vec![
                row("Quy định số 89-QĐ/TW", "89-QĐ/TW", None, Some("Quy định"), Cites, &[]),
                row("số 214-QĐ/TW", "214-QĐ/TW", None, Some("Quy định"), Cites, &[]),
                row("số 124-QĐ/TW", "124-QĐ/TW", None, Some("Quy định"), Cites, &["Bộ Chính trị"]),
            ],
        ),
        (
            "7 parenthetical",
            "đã báo cáo (Báo cáo số 424-BC/BTCTW, ngày 16/7/2025).",
            vec![row("Báo cáo số 424-BC/BTCTW", "424-BC/BTCTW", Some("2025-07-16"), Some("Báo cáo"), Cites, &[])],
        ),
        (
            "8 issuer and date before the mention",
            "Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW về tăng cường.",
            vec![row("Chỉ thị số 35-CT/TW", "35-CT/TW", Some("2024-06-14"), Some("Chỉ thị"), Cites, &["Bộ Chính trị"])],
        ),
        (
            "9 short form after the full symbol",
            "Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025. Các cấp quán triệt Kết luận số 127 của Bộ Chính trị.",
            vec![
                row("Kết luận số 127-KL/TW", "127-KL/TW", Some("2025-02-28"), Some("Kết luận"), Implements, &[]),
                row("Kết luận số 127", "127-KL/TW", None, Some("Kết luận"), Cites, &["Bộ Chính trị"]),
            ],
        ),
        (
            "9 alias defined in the text (the definition a mention too)",
            "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị (viết tắt là Nghị quyết 57). Căn cứ Nghị quyết 57, tỉnh làm.",
            vec![
                row("Nghị quyết số 57-NQ/TW", "57-NQ/TW", Some("2024-12-22"), Some("Nghị quyết"), Cites, &["Bộ Chính trị"]),
                row("Nghị quyết 57", "57-NQ/TW", Some("2024-12-22"), Some("Nghị quyết"), Cites, &["Bộ Chính trị"]),
                row("Nghị quyết 57", "57-NQ/TW", Some("2024-12-22"), Some("Nghị quyết"), BasedOn, &["Bộ Chính trị"]),
            ],
        ),
        (
            "10 compound type word",
            "Thông báo kết luận số 81-TB/TW ngày 02/7/2025 của Bộ Chính trị.",
            vec![row("Thông báo kết luận số 81-TB/TW", "81-TB/TW", Some("2025-07-02"), Some("Thông báo"), Cites, &["Bộ Chính trị"])],
        ),
        (
            "11 pinpoint",
            "theo điểm c khoản 3 mục II Phần I Phụ lục I Nghị định số 30/2020/NĐ-CP của Chính phủ.",
            vec![row("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", None, Some("Nghị định"), Cites, &["Chính phủ"])],
        ),
        (
            "State shapes",
            "Quyết định số 1234/QĐ-UBND ngày 3/3/2025 của Ủy ban nhân dân tỉnh và Công văn số 4079/UBND-KT.",
            vec![
                row("Quyết định số 1234/QĐ-UBND", "1234/QĐ-UBND", Some("2025-03-03"), Some("Quyết định"), Cites, &["Ủy ban nhân dân tỉnh"]),
                row("Công văn số 4079/UBND-KT", "4079/UBND-KT", None, Some("Công văn"), Cites, &[]),
            ],
        ),
        ("boundary: directly after số", "Quyết định số31-QĐ/TW.", vec![row("Quyết định số31-QĐ/TW", "31-QĐ/TW", None, Some("Quyết định"), Cites, &[])]),
        ("stray spaces", "Kết luận số 100 - KL/TW.", vec![row("Kết luận số 100 - KL/TW", "100-KL/TW", None, Some("Kết luận"), Cites, &[])]),
        ("term", "Nghị quyết số 18-NQ/TW khóa XII.", vec![row("Nghị quyết số 18-NQ/TW", "18-NQ/TW", None, Some("Nghị quyết"), Cites, &[])]),
        (
            "numbers sharing the codes of the last",
            "các Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII.",
            vec![
                row("Nghị quyết số 18", "18-NQ/TW", Some("2017-10-25"), Some("Nghị quyết"), Cites, &["Ban Chấp hành Trung ương"]),
                row("19-NQ/TW", "19-NQ/TW", Some("2017-10-25"), Some("Nghị quyết"), Cites, &["Ban Chấp hành Trung ương"]),
            ],
        ),
        (
            "issuer ends at the verb",
            "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ phê duyệt Đề án Văn hóa công vụ.",
            vec![row("Quyết định số 1847/QĐ-TTg", "1847/QĐ-TTg", Some("2018-12-27"), Some("Quyết định"), Cites, &["Thủ tướng Chính phủ"])],
        ),
        ("12 not links", "Nghị quyết Đại hội XIII, Hội nghị Trung ương 14, Kết luận này, mã CV625-TB/TW, Kế hoạch 5 năm, Mẫu 01-HS/TU, công văn số 999-CV/TU.", vec![]),
        ("code span", "xem `Kết luận số 127-KL/TW` và [Kết luận số 9-KL/TW](https://x.vn).", vec![]),
    ];
    for (name, text, want) in cases {
        assert_eq!(rows(text), want, "{name}");
    }
}

#[test]
fn relations_from_cues() {
    let cases: &[(&str, Relation)] = &[
        ("Căn cứ Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương;", BasedOn),
        (
            "1. Nghiên cứu, quán triệt Kết luận số 127-KL/TW tạo sự đồng thuận.",
            Implements,
        ),
        ("Công văn này thay thế Công văn số 12-CV/TU.", Replaces),
        ("Bãi bỏ Công văn số 5-CV/TU.", Repeals),
        ("Sửa đổi, bổ sung Công văn số 7-CV/TU.", Amends),
        // A công văn changes only another công văn.
        ("Bãi bỏ Quyết định số 5-QĐ/TU.", Cites),
        ("Hướng dẫn thực hiện Quy định số 8-QĐ/TW.", Guides),
        ("Quy định 365 thay thế Quy định số 89-QĐ/TW.", Cites),
        (
            "Ban Thường vụ yêu cầu tiếp tục thực hiện nghiêm Kết luận số 177-KL/TW.",
            Cites,
        ),
        (
            "ban hành công văn số 999-CV/TU về việc triển khai Kết luận số 178-KL/TW.",
            Implements,
        ),
        // The document's own type word acting at the start of a sentence.
        ("Công văn thay thế Công văn số 12-CV/TU ngày 3/2/2025.", Replaces),
        ("Công văn đồng thời bãi bỏ Công văn số 13-CV/TU.", Repeals),
        ("Kế hoạch thay thế Kế hoạch số 4-KH/TU.", Cites),
        // A cue after another mention's facts is that document's act.
        (
            "Công văn này thay thế Công văn số 5-CV/TU ngày 2/1/2024 của Ban Thường vụ Tỉnh ủy và Công văn số 6-CV/TU ngày 3/3/2024 của Ban Thường vụ Tỉnh ủy hướng dẫn thực hiện Quy định số 9-QĐ/TU.",
            Cites,
        ),
        (
            "Công văn này thay thế Công văn số 5-CV/TU ngày 2/1/2024 của Ban Thường vụ Tỉnh ủy và Công văn số 6-CV/TU ngày 3/3/2024.",
            Replaces,
        ),
        // What an act follows ("theo …") is not what it carries out.
        ("Thực hiện chính sách tinh giản biên chế theo Nghị định số 29/2023/NĐ-CP.", Cites),
        (
            "Thực hiện các chế độ theo Nghị định số 29/2023/NĐ-CP và Nghị định số 67/2025/NĐ-CP.",
            Cites,
        ),

        // A citation inside another document's name is that document's.
        (
            "Căn cứ Thông tư số 5/2024/TT-BNV của Bộ Nội vụ hướng dẫn thực hiện Nghị định số 29/2023/NĐ-CP;",
            Cites,
        ),
        // A body cannot change what a higher body, or the other system, issued.
        ("Bãi bỏ Nghị quyết số 35-NQ/TW.", Cites),
        ("Bãi bỏ Quyết định số 12/2020/QĐ-UBND.", Cites),
        ("Công văn này thay thế Công văn số 3-CV/TU.", Replaces),
        // A bold heading ending in a full stop ends its clause.
        ("3. **Chuyển đổi số.** Thực hiện Kế hoạch số 02-KH/BCĐTW.", Implements),
        // The item before a list item is the last item, not a citation
        // inside its subject.
        (
            "Thực hiện Chỉ thị số 23-CT/TW; Công điện số 12/CĐ-TTg về triển khai thi hành Nghị định số 168/2024/NĐ-CP; Kế hoạch số 11-KH/TU.",
            Implements,
        ),
        // The enacting formula: what the enacted instrument does.
        ("Ban hành kèm theo Công văn này Kế hoạch triển khai Kết luận số 150-KL/TW.", Implements),
        ("**Ban hành Quy chế làm việc thực hiện Quy định số 24-QĐ/TW**", Implements),
        ("Ban hành Quyết định số 7-QĐ/TU về thực hiện Quy định số 24-QĐ/TW.", Cites),
        // Another document's enacting act is not ours.
        (
            "Đồng thời gắn với Nghị quyết số 140/NQ-CP ngày 17/5/2025 của Chính phủ ban hành Công văn hướng dẫn thực hiện Kết luận số 119-KL/TW.",
            Cites,
        ),
        ("Ban Thường vụ Tỉnh ủy ban hành Công văn thực hiện Kết luận số 119-KL/TW.", Implements),
        // A subject after an issuer the vocabulary does not know is still
        // the cited document's.
        (
            "Công văn này thay thế Công văn số 58-CV/HU ngày 12/3/2015 của Ban Thường vụ Huyện ủy về thực hiện Chỉ thị số 40-CT/TW.",
            Cites,
        ),
    ];
    for (text, want) in cases {
        let got: Vec<Relation> = rows(text).into_iter().map(|r| r.4).collect();
        assert_eq!(got.last(), Some(want), "{text}");
    }
}

#[test]
fn warnings_that_help_editors() {
    let n = own();
    let cases: &[(&str, crate::diag::Code, usize)] = &[
        ("Kế hoạch số 65-CTr/TU của tỉnh.", crate::diag::Code::TypeWord, 1),
        (
            "Nghị quyết số 03-NQ/CP của Chính phủ.",
            crate::diag::Code::Miswritten,
            1,
        ),
        ("Kết luận số 127KL/TW của Bộ Chính trị.", crate::diag::Code::Hyphen, 0),
        (
            "Qu¶n lý nhµ n\u{AD}íc vÒ c«ng t¸c tæ chøc c¸n bé theo quy ®Þnh.",
            crate::diag::Code::Encoding,
            0,
        ),
    ];
    for (text, code, citations) in cases {
        let f = find("t.md", text, 0, (&n, None));
        assert!(
            f.diagnostics.iter().any(|d| d.code == *code),
            "{text}: {:?}",
            f.diagnostics
        );
        assert_eq!(f.citations.len(), *citations, "{text}");
    }
    let f = find("t.md", "Nghị quyết số 03-NQ/CP.", 0, (&n, None));
    assert_eq!(f.citations[0].number.canonical, "03/NQ-CP");
}

#[test]
fn tu_of_a_central_issuer_is_tw() {
    let r = rows("Thực hiện Nghị quyết số 15-NQ/TƯ ngày 28/7/2022 của Bộ Chính trị.");
    assert_eq!(r[0].1, "15-NQ/TW", "{r:?}");
    // Without a central issuer it stays as written.
    let r = rows("Thực hiện Nghị quyết số 15-NQ/TƯ ngày 28/7/2022.");
    assert_eq!(r[0].1, "15-NQ/TƯ", "{r:?}");
}

#[test]
fn a_bare_type_word_after_another_document_is_that_document() {
    let r = rows("Ban Tuyên giáo Tỉnh ủy ban hành Công văn số 45-CV/BTGTU về tuyên truyền. Công văn thay thế Công văn số 12-CV/TU.");
    assert_eq!(r.last().map(|x| x.4), Some(Cites), "{r:?}");
    let r = rows("Ngày 3/3, Ban Thường vụ Tỉnh ủy ban hành công văn. Công văn thay thế Công văn số 12-CV/TU.");
    assert_eq!(r.last().map(|x| x.4), Some(Replaces), "{r:?}");
}

#[test]
fn what_a_decision_changes() {
    let own = number::parse("41/2025/QĐ-UBND").expect("own");
    let cases: &[(&str, Relation)] = &[
        ("Bãi bỏ Quyết định số 5/2020/QĐ-UBND.", Repeals),
        (
            "Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số 6/2021/QĐ-UBND.",
            Amends,
        ),
        // A partial act amends: the document stays in force.
        ("Bãi bỏ khoản 3 Điều 7 Quyết định số 10/2024/QĐ-UBND.", Amends),
        ("Bãi bỏ điểm c khoản 2 Điều 4 Quyết định số 10/2024/QĐ-UBND.", Amends),
        ("Thay thế Phụ lục I ban hành kèm theo Quyết định số 1500/QĐ-UBND.", Amends),
        (
            "1. Thay thế cụm từ \"Sở Kế hoạch và Đầu tư\" bằng cụm từ \"Sở Tài chính\" tại Điều 5 Quyết định số 10/2024/QĐ-UBND.",
            Amends,
        ),
        ("Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 9/2023/QĐ-UBND.", Replaces),
        // Denied, or another act's object.
        ("Quyết định này không thay thế Quyết định số 1500/QĐ-UBND.", Cites),
        (
            "1. Bổ sung kinh phí 500 triệu đồng cho các xã để triển khai Quyết định số 10/2024/QĐ-UBND.",
            Cites,
        ),
        ("Hủy bỏ cuộc họp ngày 5/3 theo Giấy mời số 12/GM-UBND.", Cites),
        // Not what a province can change.
        ("Bãi bỏ Nghị định số 24/2010/NĐ-CP.", Cites),
        ("Bãi bỏ Chỉ thị số 5-CT/TU.", Cites),
    ];
    for (text, want) in cases {
        let got: Vec<Relation> = rows_of(&own, text).into_iter().map(|r| r.4).collect();
        assert_eq!(got.last(), Some(want), "{text}");
    }
}

#[test]
fn a_state_number_without_its_codes() {
    let r = rows(
        "Sửa đổi Quyết định số 27/2024/QĐ-UBND ngày 15/8/2024. Các nội dung khác của Quyết định số 27/2024 giữ nguyên.",
    );
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(
        (r[1].0.as_str(), r[1].1.as_str()),
        ("Quyết định số 27/2024", "27/2024/QĐ-UBND")
    );
    // Another year is another document: not linked.
    let r = rows("Sửa đổi Quyết định số 27/2024/QĐ-UBND. Quyết định số 27/2023 hết hiệu lực.");
    assert_eq!(r.len(), 1, "{r:?}");
}

#[test]
fn an_amending_law_is_named_whole() {
    let text = "Căn cứ Luật Viên chức số 58/2010/QH12 ngày 15/11/2010; Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số 52/2019/QH14 ngày 25/11/2019;";
    let r = rows(text);
    assert_eq!(
        r[1].0,
        "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số 52/2019/QH14"
    );
    assert_eq!(r[1].4, BasedOn);
}

#[test]
fn an_impossible_date_is_dropped_with_a_warning() {
    let n = own();
    for text in [
        "Thực hiện Kết luận số 9-KL/TW ngày 31/02/2025 của Bộ Chính trị.",
        "Thực hiện Kết luận số 9-KL/TW ngày 29 tháng 2 năm 2023 của Bộ Chính trị.",
    ] {
        let f = find("t.md", text, 0, (&n, None));
        assert_eq!(f.citations[0].date, None, "{text}");
        assert!(
            f.diagnostics
                .iter()
                .any(|d| d.code == crate::diag::Code::ImpossibleDate),
            "{text}: {:?}",
            f.diagnostics
        );
        // The issuer after the date is still read.
        assert_eq!(f.citations[0].issuers, vec!["Bộ Chính trị".to_string()], "{text}");
    }
    let f = find("t.md", "Thực hiện Kết luận số 9-KL/TW ngày 28/02/2025.", 0, (&n, None));
    assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics);
}

#[test]
fn a_date_the_list_shares() {
    let r = rows("Thực hiện Chỉ thị số 45-CT/TW, Kết luận số 150-KL/TW cùng ngày 14/4/2025 của Bộ Chính trị.");
    assert_eq!(r.len(), 2, "{r:?}");
    for x in &r {
        assert_eq!(x.2.as_deref(), Some("2025-04-14"), "{x:?}");
        assert_eq!(x.5, vec!["Bộ Chính trị".to_string()], "{x:?}");
    }
    // Without "cùng", a trailing date stays with its own type word.
    let r = rows("Thực hiện Chỉ thị số 45-CT/TW, Kết luận số 150-KL/TW ngày 14/4/2025.");
    assert_eq!(r[0].2, None, "{r:?}");
}

#[test]
fn items_dated_one_by_one_share_the_issuer() {
    let r = rows("Thực hiện Kết luận số 126-KL/TW ngày 14/2/2025 và Kết luận số 127-KL/TW ngày 28/2/2025 của Bộ Chính trị, Ban Bí thư.");
    for x in &r {
        assert_eq!(x.5, vec!["Bộ Chính trị".to_string(), "Ban Bí thư".to_string()], "{x:?}");
    }
    // Across a type word the issuer stays with its item.
    let r = rows(
        "Thực hiện Nghị định số 29/2023/NĐ-CP ngày 3/6/2023 và Thông tư số 1/2025/TT-BNV ngày 17/1/2025 của Bộ Nội vụ.",
    );
    assert!(r[0].5.is_empty(), "{r:?}");
}

#[test]
fn issuers_stated_before_the_mention() {
    let cases: [(&str, &str, &[&str], Option<&str>); 10] = [
        // A submission: the body of the head who submits it.
        (
            "Xét đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 88/TTr-STC ngày 02/4/2025.",
            "88/TTr-STC",
            &["Sở Tài chính"],
            Some("2025-04-02"),
        ),
        (
            "Theo đề nghị của Ban Dân vận Tỉnh ủy tại Tờ trình số 17-TTr/BDVTU,",
            "17-TTr/BDVTU",
            &["Ban Dân vận Tỉnh ủy"],
            None,
        ),
        // The Chairman is a body of his own in the vocabulary.
        (
            "Theo đề nghị của Chủ tịch Ủy ban nhân dân tỉnh tại Tờ trình số 5/TTr-UBND.",
            "5/TTr-UBND",
            &["Chủ tịch Ủy ban nhân dân tỉnh"],
            None,
        ),
        // Other issuing verbs, with and without an adverb or a date first.
        (
            "Trước đó, ngày 29/11/2024, Quốc hội đã thông qua Luật Địa chất và khoáng sản số 54/2024/QH15.",
            "54/2024/QH15",
            &["Quốc hội"],
            Some("2024-11-29"),
        ),
        (
            "Sở Y tế đã có Công văn số 410/SYT-NV đề nghị các đơn vị rà soát.",
            "410/SYT-NV",
            &["Sở Y tế"],
            None,
        ),
        (
            "Các tiêu chí được Bộ Nội vụ ban hành tại Quyết định số 12/QĐ-BNV ngày 3/1/2024.",
            "12/QĐ-BNV",
            &["Bộ Nội vụ"],
            Some("2024-01-03"),
        ),
        (
            "Tuyến tránh đã được Bộ Xây dựng chấp thuận tại Văn bản số 210/BXD-KHTC.",
            "210/BXD-KHTC",
            &["Bộ Xây dựng"],
            None,
        ),
        (
            "Trong năm 2024, Ủy ban nhân dân tỉnh đã ban hành Quyết định số 7/QĐ-UBND.",
            "7/QĐ-UBND",
            &["Ủy ban nhân dân tỉnh"],
            None,
        ),
        (
            "Theo Kết luận số 9-KL/TW ngày 2/3/2025 của Bộ trưởng Bộ Y tế.",
            "9-KL/TW",
            &["Bộ Y tế"],
            Some("2025-03-02"),
        ),
        // Words that are not a body name no issuer.
        (
            "Theo đề nghị của nhiều hộ dân tại Đơn số 12/ĐN-HD, xã đã trả lời.",
            "",
            &[],
            None,
        ),
    ];
    for (text, num, issuers, date) in cases {
        let r = rows(text);
        if num.is_empty() {
            assert!(r.iter().all(|x| x.5.is_empty()), "{text}: {r:?}");
            continue;
        }
        let x = r.iter().find(|x| x.1 == num).unwrap_or_else(|| panic!("{text}: {r:?}"));
        let want: Vec<String> = issuers.iter().map(|s| s.to_string()).collect();
        assert_eq!(x.5, want, "{text}");
        assert_eq!(x.2.as_deref(), date, "{text}");
    }
    // A sentence whose subject is not a body: no issuer from it.
    let r = rows("Đoàn kiểm tra đã có Công văn số 77/ĐKT-VP gửi các xã.");
    assert!(r[0].5.is_empty(), "{r:?}");
}

#[test]
fn short_forms_left_for_the_corpus() {
    let n = own();
    let f = find(
        "t.md",
        "Thực hiện Chỉ thị số 35 năm 2019 của Bộ Chính trị, tỉnh làm.",
        0,
        (&n, None),
    );
    assert!(f.citations.is_empty());
    assert_eq!(f.shorts.len(), 1);
    let s = &f.shorts[0];
    assert_eq!((s.seq, s.doc_type.as_str(), s.year), (35, "Chỉ thị", Some(2019)));
    assert_eq!(s.relation, Implements);
    assert_eq!(s.issuers, vec!["Bộ Chính trị".to_string()]);
}

#[test]
fn short_forms_that_type_date_and_issuer_determine() {
    let n = own();
    let cases = [
        (
            "Thực hiện Chỉ thị số 35 ngày 30/5/2019 của Bộ Chính trị, tỉnh làm.",
            "35-CT/TW",
            "2019-05-30",
        ),
        (
            "Nghị quyết số 18 ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng khóa XII về sắp xếp.",
            "18-NQ/TW",
            "2017-10-25",
        ),
        (
            "Tiếp tục quán triệt Nghị quyết số 18, ngày 25 tháng 10 năm 2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng.",
            "18-NQ/TW",
            "2017-10-25",
        ),
        ("Theo Nghị định số 30 ngày 5.3.2020 của Chính phủ về văn thư.", "30/2020/NĐ-CP", "2020-03-05"),
    ];
    for (text, number, date) in cases {
        let f = find("t.md", text, 0, (&n, None));
        let got: Vec<(String, Option<String>)> = f
            .citations
            .iter()
            .map(|c| (c.number.canonical.clone(), c.date.map(|d| d.iso())))
            .collect();
        assert_eq!(got, vec![(number.to_string(), Some(date.to_string()))], "{text}");
        assert!(f.shorts.is_empty(), "{text}");
    }
    // A Quyết định of the Prime Minister is numbered with or without its year: left alone.
    let f = find(
        "t.md",
        "Theo Quyết định số 1847 ngày 27/12/2018 của Thủ tướng Chính phủ.",
        0,
        (&n, None),
    );
    assert!(f.citations.is_empty());
}

#[test]
fn spans_point_into_the_text_as_written() {
    let n = own();
    // NFD, a look-alike Đ, an en dash and a line break inside the mention.
    let text =
        "Thư\u{0323}c hiê\u{0323}n Nghi\u{0323}\nquyê\u{0301}t sô\u{0301} 18\u{2013}NQ/TW cu\u{0309}a \u{00D0}ảng.";
    let f = find("t.md", text, 10, (&n, None));
    assert_eq!(f.citations.len(), 1);
    let c = &f.citations[0];
    assert_eq!(
        &text[c.span.start - 10..c.span.end - 10],
        "Nghi\u{0323}\nquyê\u{0301}t sô\u{0301} 18\u{2013}NQ/TW"
    );
    assert_eq!(c.number.canonical, "18-NQ/TW");
    assert_eq!(c.relation, Implements);
}

#[test]
fn own_number_is_not_a_citation_but_names_the_document() {
    let n = number::parse("73-CV/TU").expect("n");
    let text = "Ngày 18/7, Ban Thường vụ Tỉnh ủy Phú Thọ ban hành công văn số 73-CV/TU về việc triển khai Kết luận số 178-KL/TW, ngày 17/7/2025 của Bộ Chính trị, Ban Bí thư.";
    let f = find("t.md", text, 0, (&n, Date::new(2025, 7, 18)));
    let got: Vec<(&str, Relation)> = f
        .citations
        .iter()
        .map(|c| (c.number.canonical.as_str(), c.relation))
        .collect();
    assert_eq!(got, vec![("178-KL/TW", Implements)]);
}

/// The ASCII shortcuts of `lower_eq` agree with its definition (lower cases
/// equal), on every character against the letters and marks it meets.
#[test]
fn lower_eq_agrees_with_the_definition() {
    let others: Vec<char> = "aAkKiIsSốỐđĐ ,/-0\u{212A}\u{0130}ıſ".chars().collect();
    for u in 0..0x11000u32 {
        let Some(a) = char::from_u32(u) else { continue };
        for &b in &others {
            let want = a == b || a.to_lowercase().eq(b.to_lowercase());
            assert_eq!(super::text::lower_eq(a, b), want, "{a:?} {b:?}");
            assert_eq!(super::text::lower_eq(b, a), want, "{b:?} {a:?}");
        }
    }
    assert!(super::text::lower_eq('\u{212A}', 'k'));
}

proptest::proptest! {
    /// The word-at-a-time digit search finds what a byte loop finds.
    #[test]
    fn next_digit_agrees_with_a_byte_loop(s in "([a-zA-Z /:-]|[0-9]|ơ|ế|\u{00FF}|\u{0130}|\u{FF10}|\u{0660}){0,40}") {
        let b = s.as_bytes();
        for i in 0..=b.len() {
            let want = (i..b.len()).find(|&k| b[k].is_ascii_digit()).unwrap_or(b.len());
            proptest::prop_assert_eq!(super::text::next_digit(b, i), want);
        }
    }
}

/// Every byte value, alone and among others, in every lane of a word.
#[test]
fn next_digit_on_every_byte() {
    for v in 0..=255u8 {
        for lane in 0..8 {
            let mut b = vec![b'x'; 16];
            b[lane] = v;
            let want = if v.is_ascii_digit() { lane } else { 16 };
            assert_eq!(super::text::next_digit(&b, 0), want, "byte {v:#x} at {lane}");
            let mut h = vec![0xFFu8; 16];
            h[lane] = v;
            assert_eq!(super::text::next_digit(&h, 0), want, "byte {v:#x} at {lane} among 0xFF");
        }
    }
}

proptest::proptest! {
    /// The byte scan for legacy marks finds what a scan of the characters finds.
    #[test]
    fn legacy_marks_agree_with_the_characters(s in "([a-z ]|[\u{00A0}-\u{00FF}]|ơ|ư|đ|ế|\u{0100}){0,40}") {
        let want: Vec<usize> = s
            .char_indices()
            .filter(|(_, c)| !c.is_ascii() && crate::refs::words::LEGACY_MARKS.contains(c))
            .map(|(i, _)| i)
            .collect();
        proptest::prop_assert_eq!(super::text::legacy_marks(&s), want);
    }
}

#[test]
fn a_day_and_month_take_the_year_of_the_text() {
    // The tests' own document is dated 1/12/2025.
    let r = rows("Trước đó, ngày 3/11, Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 210/KH-UBND về chuyển đổi số.");
    assert_eq!(r[0].2.as_deref(), Some("2025-11-03"), "{r:?}");
    let r = rows("Các xã rà soát theo Kế hoạch số 77-KH/TU ngày 9/10 của Ban Thường vụ Tỉnh ủy.");
    assert_eq!(r[0].2.as_deref(), Some("2025-10-09"), "{r:?}");
    // A day later in the year than the text: the year before.
    let r = rows("Thực hiện Công văn số 1902-CV/TU ngày 15/12 của Ban Thường vụ Tỉnh ủy.");
    assert_eq!(r[0].2.as_deref(), Some("2024-12-15"), "{r:?}");
    // A number printed with another year keeps no date.
    let r = rows("Thực hiện Quyết định số 12/2023/QĐ-UBND ngày 2/3 của Ủy ban nhân dân tỉnh.");
    assert_eq!(r[0].2, None, "{r:?}");
}

#[test]
fn bare_items_of_a_list_share_the_issuer_after_the_last() {
    let r = rows("Quán triệt các Chỉ thị số 21-CT/TW ngày 1/2/2023, số 23-CT/TW ngày 5/3/2023 và số 25-CT/TW ngày 7/4/2023 của Ban Bí thư.");
    assert_eq!(r.len(), 3, "{r:?}");
    for x in &r {
        assert_eq!(x.5, vec!["Ban Bí thư".to_string()], "{r:?}");
    }
    assert_eq!(r[1].2.as_deref(), Some("2023-03-05"), "{r:?}");
}

#[test]
fn a_joint_circular_names_its_ministries_after_lien_tich_giua() {
    let r = rows("Căn cứ Thông tư liên tịch số 23/2015/TTLT-BYT-BNV ngày 2/9/2015 liên tịch giữa Bộ Y tế và Bộ Nội vụ quy định mã số chức danh.");
    assert_eq!(r[0].5, vec!["Bộ Y tế".to_string(), "Bộ Nội vụ".to_string()], "{r:?}");
    assert_eq!(r[0].4, BasedOn, "{r:?}");
}

#[test]
fn the_head_of_an_office_submits_for_the_office() {
    let r = rows("Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh tại Tờ trình số 88/TTr-VP ngày 3/4/2025.");
    assert_eq!(r[0].5, vec!["Văn phòng Ủy ban nhân dân tỉnh".to_string()], "{r:?}");
    let r = rows("Xét đề nghị của Trưởng ban Tổ chức Tỉnh ủy tại Tờ trình số 12-TTr/BTCTU ngày 6/5/2025.");
    assert_eq!(r[0].5, vec!["Ban Tổ chức Tỉnh ủy".to_string()], "{r:?}");
    let r = rows("Theo đề nghị của Giám đốc Sở Xây dựng tại Tờ trình số 301/TTr-SXD ngày 7/5/2025.");
    assert_eq!(r[0].5, vec!["Sở Xây dựng".to_string()], "{r:?}");
}

#[test]
fn a_city_writes_its_provincial_bodies_in_its_own_words() {
    let r = rows("Xét Tờ trình số 40-TTr/ĐU ngày 2/10/2025 của Đảng ủy Ủy ban nhân dân Thành phố.");
    assert_eq!(r[0].5, vec!["Đảng ủy Ủy ban nhân dân thành phố".to_string()], "{r:?}");
    let r = rows("Thực hiện Hướng dẫn số 07-HD/BTGTU ngày 4/8/2025 của Ban Tuyên giáo Thành ủy.");
    assert_eq!(r[0].5, vec!["Ban Tuyên giáo Thành ủy".to_string()], "{r:?}");
}

#[test]
fn tu_is_tw_for_every_mention_of_a_number_once_one_is_central() {
    let r = rows("Thực hiện Chỉ thị số 40-CT/TƯ ngày 2/3/2024 của Ban Bí thư. Các chi bộ tiếp tục quán triệt Chỉ thị số 40-CT/TƯ.");
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r.iter().all(|x| x.1 == "40-CT/TW"), "{r:?}");
}

#[test]
fn to_concretise_the_carrying_out_implements() {
    let r = rows("Để cụ thể hóa việc thực hiện Nghị quyết số 72-NQ/TW ngày 9/9/2025 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động.");
    assert_eq!(r[0].4, Implements, "{r:?}");
    // "Việc thực hiện" opening a sentence about the work is no act.
    let r = rows("Việc thực hiện Nghị quyết số 72-NQ/TW còn chậm ở một số xã.");
    assert_eq!(r[0].4, Cites, "{r:?}");
}

#[test]
fn a_cue_governs_its_list_after_an_item_without_a_number() {
    let r = rows("Căn cứ Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020; Nghị định số 08/2022/NĐ-CP ngày 10 tháng 01 năm 2022 của Chính phủ;");
    assert_eq!(r[0].4, BasedOn, "{r:?}");
}

#[test]
fn a_short_aside_keeps_the_subject_with_its_document() {
    let r = rows("Kế hoạch này thay thế Kế hoạch số 33-KH/TU ngày 2/5/2025 của Ban Thường vụ Tỉnh ủy (cũ) về thực hiện Nghị quyết số 57-NQ/TW.");
    let own_plan = crate::number::parse("14-KH/TU").expect("number");
    let r2 = rows_of(&own_plan, "Kế hoạch này thay thế Kế hoạch số 33-KH/TU ngày 2/5/2025 của Ban Thường vụ Tỉnh ủy (cũ) về thực hiện Nghị quyết số 57-NQ/TW.");
    assert_eq!(r2[0].4, Replaces, "{r2:?}");
    assert_eq!(r2[1].4, Cites, "{r2:?}");
    assert_eq!(r[1].4, Cites, "{r:?}");
}

#[test]
fn an_earlier_mention_in_the_clause_is_no_cue() {
    let guide = crate::number::parse("14-HD/BTGTU").expect("number");
    let r = rows_of(
        &guide,
        "Hướng dẫn này thay thế Hướng dẫn số 03-HD/BTGTU ngày 2/3/2024 và Hướng dẫn số 07-HD/BTGTU ngày 9/9/2024 của Ban Tuyên giáo Tỉnh ủy.",
    );
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r.iter().all(|x| x.4 == Replaces), "{r:?}");
    let r = rows("Thực hiện Kế hoạch số 40-KH/TU ngày 3/4/2025 của Ban Thường vụ Tỉnh ủy; các Hướng dẫn số 08-HD/BTGTU, số 09-HD/BTGTU ngày 30/4/2025 của Ban Tuyên giáo Tỉnh ủy.");
    assert_eq!(r.len(), 3, "{r:?}");
    assert!(r.iter().all(|x| x.4 == Implements), "{r:?}");
}

#[test]
fn lettered_items_below_the_document_naming_itself() {
    let decision = crate::number::parse("27/2025/QĐ-UBND").expect("number");
    let text = "2. Quyết định này thay thế các Quyết định sau:\n\na) Quyết định số 14/2024/QĐ-UBND ngày 20 tháng 5 năm 2024 của Ủy ban nhân dân tỉnh;\n\nb) Quyết định số 09/2023/QĐ-UBND ngày 28 tháng 3 năm 2023 của Ủy ban nhân dân tỉnh.\n";
    let r = rows_of(&decision, text);
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r.iter().all(|x| x.4 == Replaces), "{r:?}");
}

#[test]
fn a_report_says_what_the_reported_instrument_was_issued_for() {
    let rule = crate::number::parse("09-QĐ/TU").expect("number");
    let r = rows_of(
        &rule,
        "Quy định được ban hành căn cứ Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng và Quyết định số 299-QĐ/TW ngày 30/5/2025 của Ban Bí thư, đồng thời nhằm thực hiện Kết luận số 163-KL/TW ngày 6/6/2025 của Bộ Chính trị.",
    );
    assert_eq!(
        r.iter().map(|x| x.4).collect::<Vec<_>>(),
        vec![BasedOn, BasedOn, Implements],
        "{r:?}"
    );
    let r = rows("Đề án được ban hành nhằm triển khai thực hiện Nghị quyết số 08-NQ/TU ngày 16/11/2021 của Ban Chấp hành Đảng bộ tỉnh.");
    assert_eq!(r[0].4, Implements, "{r:?}");
    assert_eq!(
        r[0].5,
        vec!["Tỉnh ủy".to_string()],
        "the Party committee is its Tỉnh ủy: {r:?}"
    );
    // A document of its own issued for something: not ours.
    let r = rows("Kế hoạch số 12-KH/TU được ban hành nhằm thực hiện Nghị quyết số 08-NQ/TU.");
    assert_eq!(r[1].4, Cites, "{r:?}");
}

#[test]
fn a_joint_instrument_keeps_every_body_its_number_carries() {
    let r = rows("Căn cứ Thông tư liên tịch số 20/2016/TTLT-BYT-BNV-BTC ngày 30/6/2016 của Bộ Y tế, Bộ Nội vụ, Bộ Tài chính hướng dẫn chế độ phụ cấp.");
    assert_eq!(
        r[0].5,
        vec![
            "Bộ Y tế".to_string(),
            "Bộ Nội vụ".to_string(),
            "Bộ Tài chính".to_string()
        ],
        "{r:?}"
    );
    // Without its code in the number, a body before a verb opens a clause.
    let r = rows(
        "Thực hiện Kết luận số 150-KL/TW ngày 14/4/2025 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch.",
    );
    assert_eq!(r[0].5, vec!["Bộ Chính trị".to_string()], "{r:?}");
}

#[test]
fn central_bodies_of_elections_and_the_front() {
    let r = rows("Thực hiện Nghị quyết số 45/NQ-HĐBCQG ngày 10/9/2025 của Hội đồng Bầu cử quốc gia.");
    assert_eq!(r[0].5, vec!["Hội đồng Bầu cử quốc gia".to_string()], "{r:?}");
    let r = rows("Căn cứ Công điện số 15/CĐ-BCĐ ngày 2/9/2025 của Ban Chỉ đạo Quốc gia về phòng thủ dân sự.");
    assert_eq!(
        r[0].5,
        vec!["Ban Chỉ đạo Quốc gia về phòng thủ dân sự".to_string()],
        "{r:?}"
    );
}

#[test]
fn the_work_of_a_change_changes_nothing() {
    for text in [
        "Để tổ chức thực hiện việc thay thế Quyết định số 12/2020/QĐ-UBND ngày 3/3/2020 của Ủy ban nhân dân tỉnh, các sở rà soát.",
        "Để cụ thể hóa việc bãi bỏ Quyết định số 12/2020/QĐ-UBND ngày 3/3/2020 của Ủy ban nhân dân tỉnh, các sở rà soát.",
        "Để triển khai việc sửa đổi, bổ sung Quyết định số 12/2020/QĐ-UBND, các sở rà soát.",
    ] {
        let r = rows(text);
        assert_eq!(r[0].4, Cites, "{text}: {r:?}");
    }
}

#[test]
fn a_change_cue_does_not_reach_past_its_clause() {
    let decision = crate::number::parse("30/2025/QĐ-UBND").expect("number");
    for text in [
        "Bãi bỏ các quy định trước đây trái với Quyết định này; Quyết định số 15/2024/QĐ-UBND ngày 3/3/2024 của Ủy ban nhân dân tỉnh tiếp tục có hiệu lực.",
        "Sửa đổi tên gọi của Ban Chỉ đạo; Quyết định số 15/2024/QĐ-UBND ngày 3/3/2024 của Ủy ban nhân dân tỉnh vẫn giữ nguyên các nội dung khác.",
    ] {
        let r = rows_of(&decision, text);
        assert_eq!(r[0].4, Cites, "{text}: {r:?}");
    }
}

#[test]
fn a_day_and_month_are_not_guessed_against_the_text() {
    // A term that is not this year's.
    let r = rows("Tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15/5 của Bộ Chính trị khóa XII về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.");
    assert_eq!(r[0].2, None, "{r:?}");
    // The year written out after the day and month.
    let r = rows("Quán triệt Nghị quyết số 21-NQ/TW ngày 16/6 năm 2022 của Ban Chấp hành Trung ương.");
    assert_eq!(r[0].2.as_deref(), Some("2022-06-16"), "{r:?}");
    // A time of something else than the issue.
    let r = rows("Tính đến ngày 30/6, Ủy ban nhân dân tỉnh đã ban hành Quyết định số 1085/QĐ-UBND về sắp xếp.");
    assert_eq!(r[0].2, None, "{r:?}");
    // The same number dated in full elsewhere in the text keeps that date.
    let r = rows("Thực hiện Kế hoạch số 40-KH/TU ngày 3/4/2024 của Ban Thường vụ Tỉnh ủy. Theo Kế hoạch số 40-KH/TU ngày 3/4, các chi bộ báo cáo.");
    assert_eq!(r[1].2, None, "{r:?}");
}

#[test]
fn a_city_below_the_province_is_not_the_province() {
    let r = rows("Thực hiện Kế hoạch số 45/KH-CAT ngày 2/3/2024 của Công an thành phố Vinh.");
    assert!(r[0].5.is_empty(), "{r:?}");
    let r = rows("Thực hiện Hướng dẫn số 05-HD/BTGTU ngày 2/3/2024 của Ban Tuyên giáo Thành ủy Đà Lạt.");
    assert!(r[0].5.is_empty(), "{r:?}");
    let r = rows("Thực hiện Kế hoạch số 45/KH-UBND ngày 2/3/2024 của Ủy ban nhân dân thành phố Hà Nội.");
    assert_eq!(r[0].5, vec!["Ủy ban nhân dân thành phố Hà Nội".to_string()], "{r:?}");
}

#[test]
fn tu_is_read_as_its_issuers_code() {
    // A central body's TƯ is TW; a provincial committee's (Huế prints TƯ
    // for its own) is TU; the same printed number without a body or with
    // another date keeps what its own mention says.
    let r = rows("Thực hiện Chỉ thị số 35-CT/TƯ ngày 14/6/2024 của Bộ Chính trị. Trước đó, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 35-CT/TƯ ngày 2/1/2020 về công tác cán bộ.");
    assert_eq!(r[0].1, "35-CT/TW", "{r:?}");
    assert_eq!(r[1].1, "35-CT/TU", "{r:?}");
    let r = rows("Triển khai Kế hoạch số 28-KH/TƯ ngày 20-11-2025 của Ban Thường vụ Thành ủy; các phường bám sát Kế hoạch số 28-KH/TƯ.");
    assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("28-KH/TU", "28-KH/TU"), "{r:?}");
    let r = rows("Thực hiện Kế hoạch số 28-KH/TƯ ngày 20-11-2025.");
    assert_eq!(r[0].1, "28-KH/TƯ", "{r:?}");
}

#[test]
fn a_frame_of_time_before_the_cue() {
    let r = rows("2. Thời gian tới, tiếp tục thực hiện Kế hoạch số 08-KH/TU và Kết luận số 193-KL/TW ngày 05/9/2025 của Bộ Chính trị.");
    assert!(r.iter().all(|x| x.4 == Implements), "{r:?}");
    // Without the comma it is no frame: "Thời gian tới thực hiện …" is rare
    // and left as a citation.
    let r = rows("Thời gian tới các xã thực hiện Kế hoạch số 08-KH/TU.");
    assert_eq!(r[0].4, Cites, "{r:?}");
}

#[test]
fn a_mention_inside_another_items_description_is_no_item() {
    let r = rows("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW; Kế hoạch số 06-KH/TU ngày 20/8/2025 của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch.");
    let plan = r.iter().find(|x| x.1 == "06-KH/TU").expect("plan");
    assert_eq!(plan.4, Implements, "{r:?}");
}

#[test]
fn a_type_word_naming_the_document_is_no_cue() {
    let guide = crate::number::parse("05-HD/UBKTTU").expect("number");
    let r = rows_of(
        &guide,
        "Hướng dẫn được xây dựng trên cơ sở Hướng dẫn số 02-HD/UBKTTW ngày 18/6/2025 của Ủy ban Kiểm tra Trung ương.",
    );
    assert_eq!(r[0].4, Cites, "{r:?}");
}

#[test]
fn a_purpose_before_a_run_of_cues() {
    let r = rows("Để tiếp tục thực hiện Nghị quyết số 57-NQ/TW và Kết luận số 142-KL/TW ngày 21/3/2025 của Bộ Chính trị, Ban Bí thư, Ban Bí thư yêu cầu như sau.");
    assert!(r.iter().all(|x| x.4 == Implements), "{r:?}");
    let r = rows("Đồng thời, tiếp tục thực hiện Kế hoạch số 412/KH-UBND ngày 26/12/2025 của Ủy ban nhân dân tỉnh.");
    assert_eq!(r[0].4, Implements, "{r:?}");
    // "Để" before no cue: a plain citation.
    let r = rows("Để bảo đảm tiến độ, các sở rà soát Kế hoạch số 412/KH-UBND.");
    assert_eq!(r[0].4, Cites, "{r:?}");
}

#[test]
fn a_subject_that_speaks_for_the_document() {
    let rel = |own: &str, text: &str| {
        let n = number::parse(own).expect("own");
        rows_of(&n, text).into_iter().map(|r| r.4).collect::<Vec<_>>()
    };
    // A report's headline: the province it is about.
    assert_eq!(
        rel(
            "41-KH/TU",
            "# Tuyên Quang quán triệt Nghị quyết số 71-NQ/TW về giáo dục"
        ),
        [Implements]
    );
    assert_eq!(
        rel(
            "41-KH/TU",
            "**Tỉnh Gia Lai triển khai thực hiện Kết luận số 120-KL/TW**\n\nNgày 2/3, …"
        ),
        [Implements]
    );
    // A body whose code the document's number carries.
    assert_eq!(
        rel(
            "07-HD/UBKTTU",
            "## Ủy ban Kiểm tra Tỉnh ủy hướng dẫn thực hiện Quy định số 22-QĐ/TW"
        ),
        [Guides]
    );
    assert_eq!(
        rel("88/KH-UBND", "# UBND tỉnh tiếp tục triển khai Chỉ thị số 09/CT-TTg"),
        [Implements]
    );
    // The body that acts in a report's headline, whatever its number's code.
    assert_eq!(
        rel(
            "58-KH/ĐU",
            "**Đảng ủy Chính phủ triển khai Kết luận số 06-KL/TW về tổ chức cơ sở đảng**"
        ),
        [Implements]
    );
    // No body, a past act, someone told to act, or a body acting in running
    // text (not the document as the subject): plain citations.
    for text in [
        "# Các cấp ủy quán triệt Nghị quyết số 71-NQ/TW",
        "# Tỉnh ủy đã quán triệt Nghị quyết số 71-NQ/TW",
        "# Ban Thường vụ Tỉnh ủy yêu cầu các chi bộ quán triệt Nghị quyết số 71-NQ/TW",
        "Ban Thường vụ Tỉnh ủy tiếp tục quán triệt Nghị quyết số 71-NQ/TW.",
        "Tuyên Quang quán triệt Nghị quyết số 71-NQ/TW đến chi bộ.",
    ] {
        assert_eq!(rel("41-KH/TU", text), [Cites], "{text}");
    }
}

#[test]
fn an_attribution_stands_before_the_clause() {
    let n = number::parse("63-KH/TU").expect("own");
    let r = rows_of(
        &n,
        "Theo lãnh đạo Văn phòng Tỉnh ủy, Kế hoạch được ban hành nhằm cụ thể hóa Chỉ thị số 41-CT/TW ngày 5/5/2025.",
    );
    assert_eq!(r[0].4, Implements);
    // A document named in the frame: what the act follows.
    let r = rows_of(
        &n,
        "Theo Kế hoạch số 12-KH/TU, các xã triển khai Chỉ thị số 41-CT/TW ngày 5/5/2025.",
    );
    assert_eq!((r[0].4, r[1].4), (Cites, Cites));
}

#[test]
fn a_letter_adjusts_a_plan_but_no_decision() {
    let rel = |text: &str| rows(text).into_iter().map(|r| r.4).collect::<Vec<_>>();
    assert_eq!(
        rel("Điều chỉnh, bổ sung Kế hoạch số 31-KH/TU ngày 2/4/2025 như sau:"),
        [Amends]
    );
    assert_eq!(rel("Điều chỉnh thời gian tại Thông báo số 77-TB/TU."), [Amends]);
    assert_eq!(rel("Sửa đổi Quy định số 12-QĐi/TU về chế độ làm việc."), [Cites]);
    assert_eq!(rel("Bãi bỏ Nghị quyết số 04-NQ/TU."), [Cites]);
}

#[test]
fn a_cue_after_another_documents_own_act_is_its_business() {
    let n = number::parse("214/KH-UBND").expect("own");
    let r = rows_of(
        &n,
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai Nghị quyết số 66-NQ/TW ngày 30/4/2025 và Nghị quyết số 140/NQ-CP ngày 17/5/2025 của Chính phủ ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW.",
    );
    let rel: Vec<Relation> = r.iter().map(|r| r.4).collect();
    assert_eq!(rel, [Implements, Implements, Cites]);
}

#[test]
fn issuers_after_adverbs_a_former_province_and_a_second_subject() {
    let r = rows("Ban Thường vụ Tỉnh ủy Cao Bằng cũng đã ban hành Chương trình số 09-CTr/TU ngày 2/3/2025.");
    assert_eq!(r[0].5, ["Ban Thường vụ Tỉnh ủy Cao Bằng"]);
    let r = rows(
        "Ngày 4/3/2025, Ban Thường vụ Tỉnh ủy Hà Giang (cũ) ban hành Kế hoạch số 21-KH/TU và Ban Thường vụ Tỉnh ủy Tuyên Quang (cũ) ban hành Kế hoạch số 30-KH/TU ngày 6/3/2025.",
    );
    assert_eq!(r[0].5, ["Ban Thường vụ Tỉnh ủy Hà Giang"]);
    assert_eq!(r[1].5, ["Ban Thường vụ Tỉnh ủy Tuyên Quang"]);
    // The Youth Union's secretariat is not the Party's.
    let r = rows("Theo Kế hoạch số 15-KH/TWĐTN ngày 2/2/2025 của Ban Bí thư Trung ương Đoàn.");
    assert_eq!(r[0].5, ["Ban Bí thư Trung ương Đoàn"]);
    // A Party group of a province's People's Committee.
    let r = rows("Theo Báo cáo số 140-BC/BCS ngày 8/8/2024 của Ban cán sự đảng UBND tỉnh Nghệ An.");
    assert_eq!(r[0].5, ["Ban cán sự đảng Ủy ban nhân dân tỉnh Nghệ An"]);
}

#[test]
fn the_parties_of_a_joint_instrument_after_giua() {
    let r = rows("Thực hiện Quy chế phối hợp số 05/QCPH-UBND-MTTQ ngày 2/6/2025 giữa Ủy ban nhân dân tỉnh và Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh.");
    assert_eq!(
        r[0].5,
        [
            "Ủy ban nhân dân tỉnh",
            "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
        ]
    );
    // Not a body: nothing.
    let r = rows("Theo Kế hoạch số 7-KH/TU ngày 2/6/2025 giữa hai kỳ họp.");
    assert!(r[0].5.is_empty());
}

#[test]
fn an_item_named_through_tai_ends_a_subject() {
    let n = number::parse("07/HD-SNV").expect("own");
    let r = rows_of(
        &n,
        "Hướng dẫn nhằm triển khai Kế hoạch số 31/KH-UBND ngày 2/3/2026 của UBND tỉnh về sắp xếp biên chế năm 2026 và ý kiến chỉ đạo của Bộ Nội vụ tại Công văn số 812/BNV-TCBC ngày 9/3/2026.",
    );
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!((r[0].4, r[1].4), (Implements, Implements), "{r:?}");
    // Inside a subject without "tại <document>" it stays the subject.
    let r = rows("Thực hiện Kế hoạch số 31-KH/TU ngày 2/3/2026 về tổng kết Nghị quyết số 18-NQ/TW và đánh giá cán bộ.");
    assert_eq!((r[0].4, r[1].4), (Implements, Cites), "{r:?}");
}

#[test]
fn a_purpose_goes_on_after_a_semicolon_with_dong_thoi() {
    let n = number::parse("24-KH/ĐU").expect("own");
    let r = rows_of(
        &n,
        "Kế hoạch nhằm triển khai Kế hoạch số 95-KH/TU ngày 10/3/2026 của Ban Thường vụ Tỉnh ủy; đồng thời cụ thể hóa Hướng dẫn số 03-HD/BTGDVTU ngày 18/3/2026.",
    );
    assert_eq!((r[0].4, r[1].4), (Implements, Implements), "{r:?}");
    // After a clause that states nothing for the document, it states nothing.
    let r = rows_of(
        &n,
        "Các chi bộ học tập Kế hoạch số 95-KH/TU ngày 10/3/2026; đồng thời cụ thể hóa Hướng dẫn số 03-HD/BTGDVTU ngày 18/3/2026.",
    );
    assert_eq!((r[0].4, r[1].4), (Cites, Cites), "{r:?}");
}

#[test]
fn a_headline_about_a_commune() {
    let n = number::parse("186/KH-UBND").expect("own");
    let r = rows_of(
        &n,
        "**Phường Tân An triển khai Nghị quyết số 07-NQ/ĐU về chuyển đổi số**",
    );
    assert_eq!(r[0].4, Implements, "{r:?}");
    let r = rows_of(&n, "**Người dân phường Tân An triển khai Nghị quyết số 07-NQ/ĐU**");
    assert_eq!(r[0].4, Cites, "{r:?}");
}

#[test]
fn a_communes_body_without_its_name_is_the_citing_communes() {
    let v = crate::refs::issuers::Vocabulary::builtin();
    let own = number::parse("05/2025/QĐ-UBND").expect("own");
    let text = "Căn cứ Nghị quyết số 18/NQ-HĐND ngày 3/10/2025 của Hội đồng nhân dân xã; Kế hoạch số 4/KH-UBND ngày 2/9/2025 của UBND huyện.";
    let mut f = crate::refs::find_with("t.md", text, 0, (&own, None), &v).citations;
    crate::refs::name_places(&mut f, &["Ủy ban nhân dân xã Phú Lộc".to_string()], &v);
    assert_eq!(f[0].issuers, ["Hội đồng nhân dân xã Phú Lộc"]);
    // A district is not the commune: not known.
    assert!(f[1].issuers.is_empty(), "{:?}", f[1].issuers);
    // A provincial document does not know which commune.
    let mut f = crate::refs::find_with("t.md", text, 0, (&own, None), &v).citations;
    crate::refs::name_places(&mut f, &["Ủy ban nhân dân tỉnh".to_string()], &v);
    assert!(f[0].issuers.is_empty(), "{:?}", f[0].issuers);
}

#[test]
fn an_alias_names_the_last_mention_before_it_of_its_type() {
    let r = rows(
        "Thực hiện Công văn số 38-CV/BCĐTW ngày 10/12/2025 của Ban Chỉ đạo Trung ương về việc sơ kết Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị (sau đây viết tắt là Nghị quyết 57), tỉnh báo cáo. Các cấp ủy quán triệt Nghị quyết 57.",
    );
    let alias: Vec<&Row> = r.iter().filter(|x| x.0 == "Nghị quyết 57").collect();
    assert_eq!(alias.len(), 2, "{r:?}");
    assert!(alias.iter().all(|x| x.1 == "57-NQ/TW"), "{r:?}");
}

#[test]
fn frames_of_time_before_a_cue() {
    let n = number::parse("86-BC/TU").expect("own");
    for text in [
        "Sau hợp nhất, thực hiện Công văn số 1134-CV/BTCTW ngày 29/7/2025 của Ban Tổ chức Trung ương, Ban Thường vụ Tỉnh ủy đã chỉ đạo.",
        "Trong năm 2026, tiếp tục triển khai Công văn số 1134-CV/BTCTW ngày 29/7/2025.",
        "1. Tổ chức quán triệt Công văn số 1134-CV/BTCTW ngày 29/7/2025 đến chi bộ.",
    ] {
        assert_eq!(rows_of(&n, text)[0].4, Implements, "{text}");
    }
    // A frame that names a document is what the act follows.
    let r = rows_of(
        &n,
        "Sau Kế hoạch số 12-KH/TU, thực hiện Công văn số 1134-CV/BTCTW ngày 29/7/2025.",
    );
    assert_eq!(r[0].4, Cites, "{r:?}");
}

#[test]
fn a_documents_own_act_after_its_facts_is_no_new_actor_and_its_business() {
    // "… Thông tư số 30/… của Bộ GDĐT ban hành Quy chế …, được sửa đổi, bổ sung
    // bởi Thông tư số 24/…": grounds both; the ministry's abbreviation known.
    let n = number::parse("45/KH-SGDĐT").expect("own");
    let r = rows_of(
        &n,
        "Căn cứ Thông tư số 30/2024/TT-BGDĐT ngày 30/12/2024 của Bộ GDĐT ban hành Quy chế tuyển sinh, được sửa đổi, bổ sung bởi Thông tư số 24/2025/TT-BGDĐT ngày 20/10/2025;",
    );
    assert_eq!((r[0].4, r[1].4), (BasedOn, BasedOn), "{r:?}");
    assert_eq!(r[0].5, ["Bộ Giáo dục và Đào tạo"]);
    // A document named in what an earlier one does is that one's business.
    let r = rows(
        "Thực hiện Công văn số 2105-CV/VPTW, ngày 30/12/2025 của Văn phòng Trung ương Đảng thông báo ý kiến của Ban Bí thư về việc tổng kết Quy định số 213-QĐ/TW, ngày 02/01/2020 của Bộ Chính trị.",
    );
    assert_eq!((r[0].4, r[1].4), (Implements, Cites), "{r:?}");
}

#[test]
fn the_document_named_before_a_change_and_inside_anothers_subject() {
    let n = number::parse("1288/SGDĐT-QLT").expect("own");
    let r = rows_of(
        &n,
        "Ngày 5/5, Sở GD&ĐT có Công văn số 1288/SGDĐT-QLT điều chỉnh, bổ sung một số nội dung tại Kế hoạch số 45/KH-SGDĐT ngày 8/4/2026. Công văn cũng bổ sung đối tượng tuyển thẳng theo Thông tư số 24/2025/TT-BGDĐT; đồng thời bãi bỏ nội dung tại điểm 3 mục IV Kế hoạch số 45 về lệ phí.",
    );
    let rel: Vec<Relation> = r.iter().map(|x| x.4).collect();
    assert_eq!(rel, [Amends, Cites, Amends], "{r:?}");
    let n = number::parse("21-KH/TU").expect("own");
    let r = rows_of(
        &n,
        "Ban Thường vụ Tỉnh ủy vừa ban hành Kế hoạch số 21-KH/TU ngày 1/12/2025 về thực hiện Kết luận số 05-KL/TW ngày 26/3/2025 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 68-NQ/TW ngày 4/5/2025 của Bộ Chính trị.",
    );
    assert_eq!((r[0].4, r[1].4), (Implements, Cites), "{r:?}");
}

#[test]
fn a_news_dateline_before_the_clause() {
    let n = number::parse("97/KH-UBND").expect("own");
    let r = rows_of(&n, "(QTO) - Để tổ chức thực hiện Chỉ thị số 08/CT-TTg ngày 10/4/2025 của Thủ tướng Chính phủ, UBND tỉnh vừa ban hành Kế hoạch.");
    assert_eq!(r[0].4, Implements, "{r:?}");
}

#[test]
fn a_date_stays_with_its_own_document_before_an_issuer() {
    // The date after the Công điện is the Công điện's, not the plan's that
    // the province issued.
    let r = rows("Trước đó, thực hiện Công điện số 52/CĐ-TTg ngày 28-4-2025 của Thủ tướng Chính phủ, UBND tỉnh đã ban hành Kế hoạch số 156/KH-UBND về phòng, chống thiên tai.");
    assert_eq!(r[1].1, "156/KH-UBND");
    assert_eq!(r[1].2, None, "{r:?}");
    assert_eq!(r[1].5, ["Ủy ban nhân dân tỉnh"]);
    // Right before the body, it is the issued document's.
    let r = rows("Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW về đại hội.");
    assert_eq!(r[0].2.as_deref(), Some("2024-06-14"));
}

#[test]
fn this_type_word_points_back_to_a_document_the_paragraph_named() {
    let n = number::parse("215/HD-SNNMT").expect("own");
    let r = rows_of(
        &n,
        "Quyết định 06/2026/QĐ-UBND hạ ngưỡng phân cấp. Quyết định này cũng bãi bỏ Quyết định số 12/2022/QĐ-UBND của UBND tỉnh Thái Bình.",
    );
    assert_eq!(r.last().map(|x| x.4), Some(Cites), "{r:?}");
    // The document's own type word names the document itself.
    let n = number::parse("20/2025/QĐ-UBND").expect("own");
    let r = rows_of(
        &n,
        "Quyết định này thay thế Quyết định số 12/2022/QĐ-UBND ngày 3/3/2022.",
    );
    assert_eq!(r[0].4, Replaces, "{r:?}");
}

#[test]
fn reviews_and_passive_changes_are_not_the_documents_acts() {
    let n = number::parse("41-KH/TU").expect("own");
    let r = rows_of(
        &n,
        "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 41-KH/TU về giám sát chuyên đề việc lãnh đạo, chỉ đạo, tổ chức thực hiện Nghị quyết số 72-NQ/TW ngày 9/9/2025 của Bộ Chính trị.",
    );
    assert_eq!(r[0].4, Cites, "{r:?}");
    let n = number::parse("215/HD-SNNMT").expect("own");
    let r = rows_of(
        &n,
        "Ngày 2/3, Sở ban hành Hướng dẫn số 215/HD-SNNMT hướng dẫn thực hiện Quyết định số 47/2025/QĐ-UBND ngày 15/10/2025 của UBND tỉnh ban hành Quy định phân cấp, đã được sửa đổi, bổ sung tại Quyết định số 06/2026/QĐ-UBND ngày 10/2/2026.",
    );
    let rel: Vec<Relation> = r.iter().map(|x| x.4).collect();
    assert_eq!(rel, [Guides, Cites], "{r:?}");
}

#[test]
fn a_list_of_bodies_after_a_comma_is_no_new_actor() {
    let n = number::parse("12-CTr/TU").expect("own");
    let r = rows_of(
        &n,
        "1. Quán triệt sâu sắc, tạo sự thống nhất về nhận thức của các cấp ủy, chính quyền, Mặt trận Tổ quốc, các đoàn thể về Nghị quyết số 72-NQ/TW ngày 9/9/2025.",
    );
    assert_eq!(r[0].4, Implements, "{r:?}");
    let r = rows_of(
        &n,
        "Thực hiện Kết luận số 14-KL/TW ngày 3/3/2025, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy quán triệt Nghị quyết số 72-NQ/TW.",
    );
    assert_eq!((r[0].4, r[1].4), (Implements, Cites), "{r:?}");
}

#[test]
fn a_proposal_holds_its_own_content() {
    let n = number::parse("07/2026/NQ-HĐND").expect("own");
    let r = rows_of(
        &n,
        "Xét Tờ trình số 1450/TTr-UBND ngày 20/02/2026 của Ủy ban nhân dân tỉnh đề nghị ban hành Nghị quyết thay thế Nghị quyết số 21/2025/NQ-HĐND;",
    );
    assert_eq!(r[1].4, Cites, "{r:?}");
}

#[test]
fn a_ground_as_amended_after_its_description_or_subject() {
    let n = number::parse("09/2026/QĐ-UBND").expect("own");
    for text in [
        "Căn cứ Nghị định số 26/2019/NĐ-CP ngày 08 tháng 3 năm 2019 của Chính phủ quy định chi tiết một số điều của Luật Thủy sản, được sửa đổi, bổ sung tại Nghị định số 37/2024/NĐ-CP ngày 04 tháng 4 năm 2024 của Chính phủ;",
        "Căn cứ Nghị định số 90/2020/NĐ-CP ngày 13 tháng 8 năm 2020 của Chính phủ về đánh giá, xếp loại công chức, được sửa đổi, bổ sung bởi Nghị định số 48/2023/NĐ-CP ngày 17 tháng 7 năm 2023 của Chính phủ;",
    ] {
        let r = rows_of(&n, text);
        assert_eq!((r[0].4, r[1].4), (BasedOn, BasedOn), "{text}");
    }
}

#[test]
fn an_opener_before_the_document_acting_and_theo_after_its_cue() {
    let n = number::parse("71/KH-UBND").expect("own");
    let r = rows_of(
        &n,
        "Đồng thời, kế hoạch triển khai Chương trình hành động số 15-CTr/TU ngày 20/3/2025 của Ban Thường vụ Thành ủy.",
    );
    assert_eq!(r[0].4, Implements, "{r:?}");
    let n = number::parse("58-KH/TU").expect("own");
    let r = rows_of(&n, "Kế hoạch cũng bổ sung nhiệm vụ tuyển dụng giáo viên, thực hiện chế độ thu hút theo Nghị quyết số 19/2025/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh.");
    assert_eq!(r[0].4, Cites, "{r:?}");
}

#[test]
fn a_bare_law_number_after_another_document_is_no_laws_name() {
    let n = number::parse("12/2024/QĐ-UBND").expect("own");
    let text = "Căn cứ Hiến pháp; Luật sửa đổi Luật Đất đai và Nghị quyết số 190/2025/QH15, số 72/2025/QH15.";
    let r = rows_of(&n, text);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[1].0, "số 72/2025/QH15", "{r:?}");
}

#[test]
fn a_task_a_frame_or_an_opener_before_a_change_changes_nothing() {
    let n = number::parse("12/2024/QĐ-UBND").expect("own");
    for text in [
        "Tổ chức thay thế Quyết định số 10/2023/QĐ-UBND ngày 5/3/2023 của UBND tỉnh.",
        "Trong năm 2025, thay thế Quyết định số 10/2023/QĐ-UBND đã được Sở Tư pháp đề xuất.",
        "Đồng thời, quyết định thay thế Quyết định số 10/2023/QĐ-UBND là cần thiết.",
    ] {
        assert_eq!(rows_of(&n, text)[0].4, Cites, "{text}");
    }
    // A task before carrying out, and the document naming itself, still act.
    assert_eq!(
        rows_of(&n, "Tổ chức quán triệt Chỉ thị số 09/CT-TTg ngày 3/4/2024.")[0].4,
        Implements
    );
    assert_eq!(
        rows_of(&n, "Quyết định này thay thế Quyết định số 10/2023/QĐ-UBND.")[0].4,
        Replaces
    );
}

#[test]
fn guidance_to_an_addressee_guides() {
    let n = number::parse("145/SNV-CCVC").expect("own");
    for text in [
        "Sở Nội vụ vừa ban hành Công văn hướng dẫn các cơ quan, đơn vị triển khai thực hiện Quyết định số 21/2025/QĐ-UBND ngày 3/9/2025.",
        "Sở Nội vụ đã có Công văn số 145/SNV-CCVC hướng dẫn UBND các xã, phường thực hiện Quyết định số 21/2025/QĐ-UBND.",
    ] {
        assert_eq!(rows_of(&n, text)[0].4, Guides, "{text}");
    }
    // Guidance as a noun, or of another body, is what the act follows.
    for text in [
        "Các xã thực hiện theo hướng dẫn của Sở Tài chính thực hiện Quyết định số 21/2025/QĐ-UBND.",
        "Tiếp tục thực hiện các hướng dẫn; thực hiện Quyết định số 21/2025/QĐ-UBND đúng tiến độ.",
    ] {
        assert_ne!(rows_of(&n, text)[0].4, Guides, "{text}");
    }
}

#[test]
fn an_appendix_basis_is_the_basis_of_what_it_lists() {
    let n = number::parse("2041/QĐ-UBND").expect("own");
    let text = "Căn cứ Luật Đất đai số 31/2024/QH15;\n\nĐiều 1. Công bố thủ tục.\n\n**PHỤ LỤC I. DANH MỤC THỦ TỤC HÀNH CHÍNH**\n\n- Thời hạn: 10 ngày.\n- Căn cứ pháp lý: Nghị định số 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ.\n";
    let r = rows_of(&n, text);
    assert_eq!((r[0].4, r[1].4), (BasedOn, Cites), "{r:?}");
    // A sentence that opens with the word is no heading.
    let text =
        "Phụ lục kèm theo gồm các biểu mẫu.\n\nCăn cứ Nghị định số 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ;\n";
    assert_eq!(rows_of(&n, text)[0].4, BasedOn);
    let text = "Điều 1. Công bố.\n\n## Phụ lục\n\nCăn cứ pháp lý: Nghị định số 102/2024/NĐ-CP.\n";
    assert_eq!(rows_of(&n, text)[0].4, Cites);
}

#[test]
fn a_title_block_names_the_document() {
    // "**KẾ HOẠCH**" and "**thực hiện …**" on two lines: the title says
    // what the plan carries out; a guide's title what it guides; an
    // activity's title (propaganda) carries nothing out.
    let plan = number::parse("19-KH/TU").expect("own");
    let guide = number::parse("21-HD/BTGDVTU").expect("own");
    let title = |head: &str, rest: &str| {
        format!("**{head}**  \n**{rest} Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị về giáo dục**\n\nA.")
    };
    assert_eq!(rows_of(&plan, &title("KẾ HOẠCH", "thực hiện"))[0].4, Implements);
    assert_eq!(rows_of(&guide, &title("HƯỚNG DẪN", "thực hiện"))[0].4, Guides);
    assert_eq!(rows_of(&guide, &title("HƯỚNG DẪN", "tuyên truyền"))[0].4, Cites);
}

#[test]
fn a_purpose_after_the_own_word_and_another_bodys_plan() {
    let plan = number::parse("24-KH/TU").expect("own");
    let r = rows_of(
        &plan,
        "Kế hoạch nhằm tiếp tục triển khai Quyết định số 204-QĐ/TW ngày 29-11-2024 của Ban Bí thư.",
    );
    assert_eq!(r[0].4, Implements);
    let r = rows_of(
        &plan,
        "- Ban hành kế hoạch của UBND phường trước ngày 25/12/2025, trong đó phân công thực hiện các nhiệm vụ tại Kế hoạch số 286/KH-UBND.",
    );
    assert_eq!(r[0].4, Cites);
    // A body named as it was before the merger issues what follows.
    let r = rows_of(
        &plan,
        "Ban Thường vụ Tỉnh ủy Bắc Kạn (trước hợp nhất) đã ban hành Kế hoạch số 112-KH/TU ngày 14.02.2025.",
    );
    assert_eq!(r[0].5, vec!["Ban Thường vụ Tỉnh ủy Bắc Kạn".to_string()]);
}
