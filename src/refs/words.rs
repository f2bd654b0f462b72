//! The words of citations, as data: type words and the codes they go with,
//! relation cues and the words that end their reach, terms of the Party
//! Central Committee, and State issuer codes (for numbers written in the
//! Party shape by mistake). Lower case, NFC.

use crate::refs::Relation;

/// A type word and the type codes it may stand before. The first column is
/// matched (longest first), the second is the type shown.
pub const TYPE_WORDS: &[(&str, &str, &[&str])] = &[
    ("thông báo kết luận", "Thông báo", &["TB"]),
    ("thông tư liên tịch", "Thông tư liên tịch", &["TTLT"]),
    ("nghị quyết liên tịch", "Nghị quyết liên tịch", &["NQLT"]),
    ("chương trình hành động", "Chương trình", &["CTr"]),
    ("kết luận", "Kết luận", &["KL"]),
    ("nghị quyết", "Nghị quyết", &["NQ"]),
    ("quyết định", "Quyết định", &["QĐ"]),
    ("quy định", "Quy định", &["QĐ", "QĐi", "QyĐ"]),
    ("chỉ thị", "Chỉ thị", &["CT"]),
    ("kế hoạch", "Kế hoạch", &["KH"]),
    ("công văn", "Công văn", &["CV", ""]),
    ("hướng dẫn", "Hướng dẫn", &["HD"]),
    ("thông báo", "Thông báo", &["TB"]),
    ("báo cáo", "Báo cáo", &["BC"]),
    ("chương trình", "Chương trình", &["CTr"]),
    ("đề án", "Đề án", &["ĐA"]),
    ("dự án", "Dự án", &["DA"]),
    ("tờ trình", "Tờ trình", &["TTr"]),
    ("thông tri", "Thông tri", &["TT"]),
    ("quy chế", "Quy chế", &["QC"]),
    ("nghị định", "Nghị định", &["NĐ"]),
    ("thông tư", "Thông tư", &["TT"]),
    ("công điện", "Công điện", &["CĐ"]),
    ("phương án", "Phương án", &["PA"]),
    ("thông cáo", "Thông cáo", &["TC"]),
    ("bộ luật", "Bộ luật", &["QH"]),
    ("luật", "Luật", &["QH"]),
    ("pháp lệnh", "Pháp lệnh", &["UBTVQH"]),
    ("văn bản", "", &["*"]),
];

/// What a cue does when it opens a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// The citing document's own relation to what the clause cites.
    Rel(Relation),
    /// A word that may stand in the opening run but types nothing
    /// ("Nghiên cứu, quán triệt …", "Tiếp tục quán triệt …").
    Filler,
    /// A filler of a task ("Tổ chức quán triệt …", "Lãnh đạo, chỉ đạo triển
    /// khai …"): before an act of carrying out, not before a change ("Tổ chức
    /// thay thế Quyết định số …" is a task, no change made by the document).
    Task,
    /// Makes the clause a plain citation, though it starts like a cue
    /// ("Thực hiện theo điểm c khoản 3 …" acts according to, not implements).
    Plain,
}

/// The cues, every Vietnamese form of each (lower case, NFC, both tone
/// placements where they differ). The longest form at a place wins, so
/// "thực hiện theo" is read before "thực hiện".
pub const CUES: &[(&str, Cue)] = &[
    // implements
    ("thực hiện", Cue::Rel(Relation::Implements)),
    ("triển khai", Cue::Rel(Relation::Implements)),
    ("triển khai thực hiện", Cue::Rel(Relation::Implements)),
    ("tổ chức thực hiện", Cue::Rel(Relation::Implements)),
    ("tổ chức triển khai", Cue::Rel(Relation::Implements)),
    ("tổ chức triển khai thực hiện", Cue::Rel(Relation::Implements)),
    ("tiếp tục thực hiện", Cue::Rel(Relation::Implements)),
    ("tiếp tục triển khai", Cue::Rel(Relation::Implements)),
    ("tiếp tục triển khai thực hiện", Cue::Rel(Relation::Implements)),
    ("quán triệt", Cue::Rel(Relation::Implements)),
    ("quán triệt thực hiện", Cue::Rel(Relation::Implements)),
    ("cụ thể hóa", Cue::Rel(Relation::Implements)),
    ("cụ thể hoá", Cue::Rel(Relation::Implements)),
    ("thể chế hóa", Cue::Rel(Relation::Implements)),
    ("thể chế hoá", Cue::Rel(Relation::Implements)),
    ("thi hành", Cue::Rel(Relation::Implements)),
    ("để thi hành", Cue::Rel(Relation::Implements)),
    ("để thực hiện", Cue::Rel(Relation::Implements)),
    ("để triển khai", Cue::Rel(Relation::Implements)),
    ("nhằm thực hiện", Cue::Rel(Relation::Implements)),
    ("nhằm triển khai", Cue::Rel(Relation::Implements)),
    ("nhằm cụ thể hóa", Cue::Rel(Relation::Implements)),
    ("nhằm cụ thể hoá", Cue::Rel(Relation::Implements)),
    // based on
    ("căn cứ", Cue::Rel(Relation::BasedOn)),
    ("căn cứ vào", Cue::Rel(Relation::BasedOn)),
    ("căn cứ theo", Cue::Rel(Relation::BasedOn)),
    // replaces
    ("thay thế", Cue::Rel(Relation::Replaces)),
    // amends
    ("sửa đổi, bổ sung", Cue::Rel(Relation::Amends)),
    ("sửa đổi bổ sung", Cue::Rel(Relation::Amends)),
    ("sửa đổi", Cue::Rel(Relation::Amends)),
    ("bổ sung", Cue::Rel(Relation::Amends)),
    ("điều chỉnh, bổ sung", Cue::Rel(Relation::Amends)),
    ("điều chỉnh", Cue::Rel(Relation::Amends)),
    ("đính chính", Cue::Rel(Relation::Amends)),
    // repeals
    ("bãi bỏ", Cue::Rel(Relation::Repeals)),
    ("hủy bỏ", Cue::Rel(Relation::Repeals)),
    ("huỷ bỏ", Cue::Rel(Relation::Repeals)),
    // guides
    ("hướng dẫn", Cue::Rel(Relation::Guides)),
    ("hướng dẫn thực hiện", Cue::Rel(Relation::Guides)),
    ("hướng dẫn thi hành", Cue::Rel(Relation::Guides)),
    ("quy định chi tiết", Cue::Rel(Relation::Guides)),
    // fillers
    ("nghiên cứu", Cue::Filler),
    ("học tập", Cue::Filler),
    ("tuyên truyền", Cue::Filler),
    ("phổ biến", Cue::Filler),
    ("tiếp tục", Cue::Filler),
    // "Tổ chức quán triệt …", "Lãnh đạo, chỉ đạo triển khai thực hiện …".
    ("tổ chức", Cue::Task),
    ("lãnh đạo", Cue::Task),
    ("chỉ đạo", Cue::Task),
    ("kịp thời", Cue::Filler),
    ("nghiêm túc", Cue::Filler),
    ("tốt", Cue::Filler),
    ("nghiêm", Cue::Filler),
    ("hiệu quả", Cue::Filler),
    ("các", Cue::Filler),
    ("những", Cue::Filler),
    // plain citations
    ("thực hiện theo", Cue::Plain),
    // The guidance in a document, a noun: "… và hướng dẫn tại Văn bản số …".
    ("hướng dẫn tại", Cue::Plain),
    ("triển khai theo", Cue::Plain),
    ("theo", Cue::Plain),
];

/// Frames of time or of reasoning a clause may open with before its cue
/// ("Thời gian tới, tiếp tục thực hiện …", "Trên cơ sở đó, triển khai …"),
/// followed by a comma.
pub const OPENERS: &[&str] = &[
    "thời gian tới",
    "thời gian qua",
    "trong thời gian tới",
    "trong thời gian qua",
    "những năm qua",
    "thời gian còn lại",
    "từ nay đến cuối năm",
    "năm tới",
    "trên cơ sở đó",
    "theo đó",
    "bên cạnh đó",
    "ngoài ra",
    "đồng thời",
];

/// Words a short frame of time opens with, before a comma and a cue ("Sau
/// hợp nhất, thực hiện …", "Trong năm 2026, tiếp tục triển khai …", "Từ ngày
/// 01/7/2025, thực hiện …").
pub const FRAMES: &[&str] = &[
    "sau",
    "trong",
    "từ",
    "trước",
    "đến",
    "hằng năm",
    "hàng năm",
    "định kỳ",
    "năm",
    "quý",
];

/// Words of purpose that may stand before a clause's run of cues ("Để tiếp
/// tục thực hiện …", "Nhằm kịp thời triển khai …").
pub const PURPOSES: &[&str] = &["để", "nhằm"];

/// Instruments a document issues besides the type words: a report's "Đề
/// án được ban hành nhằm …" speaks of what the reported decision approves.
pub const INSTRUMENTS: &[&str] = &[
    "đề án",
    "quy chế",
    "chương trình",
    "phương án",
    "dự án",
    "kế hoạch hành động",
];

/// Words that, inside a clause opened by a cue, start another actor's act:
/// the cue does not reach past them ("Thực hiện …, tỉnh đã ban hành Kế
/// hoạch số …").
pub const CLAUSE_BREAKS: &[&str] = &["ban hành", "yêu cầu", "đề nghị"];

/// Verbs by which a body named before a document issues it ("Bộ Chính trị
/// ban hành Chỉ thị số …", "Quốc hội đã thông qua Luật … số …"), longest
/// first; the body before them is the document's issuer ("UBND tỉnh đã có
/// Công văn số …"; passive: "được Bộ Nội vụ ban hành tại Quyết định số …").
pub const ISSUING_VERBS: &[&str] = &["ký ban hành", "ban hành", "thông qua", "ký", "ra", "có"];

/// Words before "hướng dẫn" that make it the noun, guidance, not the act of
/// guiding: "theo hướng dẫn …", "tại hướng dẫn …", "các hướng dẫn …".
pub const GUIDANCE_NOUN_BEFORE: &[&str] = &["theo", "tại", "các", "những", "sự", "có"];

/// The heading of a guide's title block ("**HƯỚNG DẪN** **thực hiện Quy
/// định số …**"): its title's carrying out is guidance.
pub const GUIDE_HEADING: &str = "HƯỚNG DẪN";

/// Headings that open a document's appendix ("**PHỤ LỤC**", "## Phụ lục
/// II"): what it lists under "Căn cứ pháp lý" is the legal basis of each
/// procedure or item there, not of the document.
pub const APPENDIX_HEADINGS: &[&str] = &["PHỤ LỤC", "Phụ lục"];

/// Verbs that issue a document only with "tại" after them: "(đã được) Bộ
/// Giao thông vận tải chấp thuận tại Văn bản số …", "Thủ tướng Chính phủ
/// phê duyệt tại Quyết định số …".
pub const ISSUING_VERBS_AT: &[&str] = &[
    "báo cáo",
    "đề xuất",
    "phê duyệt",
    "chấp thuận",
    "quy định",
    "hướng dẫn",
    "giao",
    "chỉ đạo",
    "thông báo",
];

/// Words that may stand between the body and its issuing verb.
pub const ISSUING_ADVERBS: &[&str] = &[
    "đã",
    "vừa",
    "mới",
    "chính thức",
    "cũng",
    "đã chính thức",
    "vừa mới",
    "đồng thời",
    "sẽ",
];

/// What a công văn may change (the type of the cited number): an office's
/// letter adjusts another letter, a plan or a notice ("Điều chỉnh, bổ sung
/// Kế hoạch số 118-KH/TU …"), never a decision, regulation or resolution.
pub const CONG_VAN_ADJUSTS: &[&str] = &["Công văn", "Kế hoạch", "Thông báo", "Giấy mời"];

/// What introduces a cited document's subject after its facts: "về", and
/// "cùng về" / "đều về" after a list ("… Kế hoạch số 152-KH/TU và Kế hoạch
/// số 237-KH/TU cùng về thực hiện Chỉ thị số 34-CT/TW").
pub const ABOUT: &[&str] = &[" về ", " cùng về ", " đều về "];

/// The level words of the units below a province, before their names ("xã
/// Tân Phú", "phường Long Châu", "đặc khu Phú Quốc").
pub const COMMUNES: &[&str] = &["xã ", "phường ", "đặc khu ", "thị trấn "];

/// What follows a body's or province's name before its 2025 merger ("Ban
/// Thường vụ Tỉnh ủy Lào Cai (cũ)", "Đảng ủy Khối các cơ quan tỉnh (trước
/// hợp nhất)").
pub const FORMER: &[&str] = &[
    "(cũ)",
    "(trước hợp nhất)",
    "(trước khi hợp nhất)",
    "(trước sắp xếp)",
    "(trước khi sắp xếp)",
    "(trước sáp nhập)",
    "(trước khi sáp nhập)",
];

/// Words before a cue that make it passive: what follows describes the
/// document named before ("Luật số 64/2025/QH15 …, được sửa đổi, bổ sung
/// một số điều theo Luật số 87/2025/QH15"), not the citing document's act.
pub const PASSIVES: &[&str] = &["được", "đã được"];

/// Verbs of a proposal or submission after a document's facts: what follows
/// is its content ("Tờ trình số … của Ủy ban nhân dân tỉnh đề nghị ban hành
/// Nghị quyết thay thế …").
pub const PROPOSING: &[&str] = &["đề nghị", "đề xuất", "trình", "kiến nghị"];

/// Reviews of how something is carried out ("giám sát việc tổ chức thực hiện
/// …", "sơ kết … thực hiện …"): a document about the carrying out, not one
/// carrying it out.
pub const REVIEWS: &[&str] = &["giám sát", "kiểm tra", "sơ kết", "tổng kết", "đánh giá", "khảo sát"];

/// Time adverbs that may stand before an issuing body ("trước đó Sở Y tế
/// đã có Công văn số …").
pub const THEN: &[&str] = &[
    "trước đó",
    "sau đó",
    "mới đây",
    "gần đây",
    "vừa qua",
    "hiện nay",
    "trước đây",
];

/// Words that deny the act of the cue after them ("Quyết định này không
/// thay thế …").
pub const NEGATIONS: &[&str] = &["không", "chưa", "không được", "không phải"];

/// What a partial act names before the document it changes ("Bãi bỏ khoản
/// 3 Điều 7 Quyết định số …", "Thay thế Phụ lục I ban hành kèm theo …",
/// "Thay thế cụm từ … tại Điều 5 …"): such a change amends the document and
/// leaves it in force. A word ending in a space stands before a number or
/// a numeral (`điều 5`, `chương iii`); the others stand alone.
pub const PINPOINTS: &[&str] = &[
    "điều ",
    "khoản ",
    "điểm ",
    "chương ",
    "mục ",
    "phần ",
    "tiết ",
    "phụ lục",
    "cụm từ",
    "một số điều",
    "nội dung",
    "danh mục",
    "biểu mẫu",
    "thủ tục",
    "số thứ tự",
    "tên gọi",
    "tiêu đề",
];

/// Titles of the head of a body, before the body's name: "theo đề nghị của
/// Giám đốc Sở Nội vụ tại Tờ trình số …" is a submission of Sở Nội vụ.
pub const HEAD_TITLES: &[&str] = &[
    "phó giám đốc",
    "giám đốc",
    "tổng giám đốc",
    "phó trưởng |ban",
    "trưởng |ban",
    "phó chủ tịch",
    "chủ tịch",
    // The head of an office named by the office's word: the body keeps it
    // ("Chánh Văn phòng Ủy ban nhân dân tỉnh" heads the Văn phòng, "Trưởng
    // ban Tổ chức Tỉnh ủy" the Ban Tổ chức). `|` marks where the body starts.
    "chánh |văn phòng",
    "chánh |thanh tra",
    "phó chánh |văn phòng",
    "phó chánh |thanh tra",
    "bộ trưởng",
    "thứ trưởng",
    "thủ trưởng",
    "cục trưởng",
    "vụ trưởng",
    "viện trưởng",
    "trưởng",
    "đồng chí",
];

/// The bytes a head's title takes at the start of `s`, before the body it
/// heads: "Giám đốc Sở Nội vụ" → "Giám đốc ", "Chánh Văn phòng Ủy ban nhân
/// dân tỉnh" → "Chánh " (the Văn phòng is the body); case is ignored.
pub fn head_title(s: &str) -> Option<usize> {
    HEAD_TITLES.iter().find_map(|entry| {
        let (head, body) = entry.split_once('|').unwrap_or((entry, ""));
        let whole = s.get(..head.len() + body.len())?;
        let same = whole
            .chars()
            .flat_map(char::to_lowercase)
            .eq(head.chars().chain(body.chars()));
        let boundary = !s[whole.len()..].starts_with(|c: char| c.is_alphanumeric());
        (same && boundary).then(|| {
            let skip = if body.is_empty() { whole.len() } else { head.len() };
            skip + s[skip..].len() - s[skip..].trim_start().len()
        })
    })
}

/// Words before "ngày" that make it the day of something else than an issue
/// ("Tính đến ngày 30/6, …", "Từ ngày 1/7, …").
pub const NOT_ISSUE_DAY: &[&str] = &[
    "đến",
    "từ",
    "trước",
    "sau",
    "tới",
    "kể từ",
    "tính đến",
    "cho đến",
    "trong",
];

/// Words after a mention (and its date) that introduce its issuers; "giữa"
/// names the parties of a joint instrument ("Quy chế phối hợp số … giữa
/// Ủy ban nhân dân tỉnh và Ban Thường trực Ủy ban Mặt trận …").
pub const ISSUER_INTROS: &[&str] = &["của ", "liên tịch giữa ", "liên tịch của ", "giữa "];

/// Words after which a number is a form or table code, not a document.
pub const NOT_BEFORE: &[&str] = &["mẫu", "mẫu số", "biểu", "biểu số", "phụ lục", "mã", "mã số", "ký hiệu"];

/// Terms (khóa) of the Party Central Committee and their years.
pub const TERMS: &[(&str, i32, i32)] = &[
    ("viii", 1996, 2001),
    ("ix", 2001, 2006),
    ("x", 2006, 2011),
    ("xi", 2011, 2016),
    ("xii", 2016, 2021),
    ("xiii", 2021, 2026),
    ("xiv", 2026, 2031),
];

/// State issuer codes: a Party-shaped number with one of these (`03-NQ/CP`)
/// is a mis-written State number (`03/NQ-CP`).
pub const STATE_ISSUERS: &[&str] = &[
    "CP", "TTg", "VPCP", "BNV", "BTC", "BCA", "BQP", "BNG", "BTP", "BGDĐT", "BYT", "BCT", "BXD", "BTNMT", "BGTVT",
    "BKHĐT", "BLĐTBXH", "BVHTTDL", "BNNPTNT", "BKHCN", "BTTTT", "NHNN", "TTCP", "KTNN", "TANDTC", "VKSNDTC", "UBND",
    "HĐND", "QH",
];

/// Letters that Vietnamese never uses but legacy font encodings (TCVN3,
/// VNI) produce when their text is read as Unicode.
pub const LEGACY_MARKS: &[char] = &[
    'ä', 'ë', 'ï', 'ö', 'ü', 'ø', 'å', 'æ', 'ç', 'ñ', 'ß', '¸', 'µ', '¶', '·', '¹', '¨', '«', '¬', '®', '¯', '±', '²',
    '³', '´', '½', '¾', 'Æ', 'Ç', 'Ë', 'Î', 'Ï', 'Ñ', '×', 'Ø', 'Ü', 'Þ', 'þ', 'ÿ', 'Ä', 'Ö', '¼', '¤', '¦',
];

/// The type word of a code, for short forms and contradictions: whether
/// `word` (a row of [`TYPE_WORDS`]) fits a number's codes.
pub fn word_fits(codes: &[&str], number: &crate::number::Number) -> bool {
    use crate::number::Shape;
    if codes.contains(&"*") {
        return true;
    }
    let first = number.codes.first().map(String::as_str).unwrap_or("");
    match number.shape {
        Shape::Party => codes.contains(&first),
        Shape::StateYear(_) => {
            codes.contains(&first)
                || (codes.contains(&"QH") && (first.starts_with("QH") || first.starts_with("UBTVQH")))
                || (codes.contains(&"NQ") && number.codes.iter().any(|c| c.starts_with("QH")))
        }
        Shape::State => codes.contains(&first) || (codes.contains(&"") && crate::codes::state_type(first).is_none()),
    }
}

/// A short form's codes in the build cache: written as their strings, read
/// back as the row of [`TYPE_WORDS`] they came from (codes no row has are
/// an error, and the cache is then not used).
pub(crate) mod static_codes {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(codes: &&'static [&'static str], s: S) -> Result<S::Ok, S::Error> {
        codes.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static [&'static str], D::Error> {
        let read: Vec<String> = Vec::deserialize(d)?;
        super::TYPE_WORDS
            .iter()
            .map(|row| row.2)
            .find(|codes| codes.len() == read.len() && codes.iter().zip(&read).all(|(a, b)| a == b))
            .ok_or_else(|| serde::de::Error::custom("mã loại văn bản không có trong bảng"))
    }
}
