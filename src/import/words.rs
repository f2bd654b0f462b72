//! The words of a directive's header and signature block, as data: the
//! mottos, the signing capacities, the positions, and what a copy leaves
//! around a signature. Folded (no tone marks, `đ` as `d`) for matching.

use crate::source::fold;

/// Lines of the header's right-hand column (and their underlines): not the
/// issuer, not the text.
pub(crate) const MOTTOS: &[&str] = &[
    "dang cong san viet nam",
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap tu do hanh phuc",
];

/// Signing capacities as printed, folded and without dots or slashes:
/// `T/M`, `TM.`, `K/T`, `KT.`, `T/L`, `TL.`, `Q.`, `TUQ.`
pub(crate) const CAPACITIES: &[&str] = &["tm", "kt", "tl", "tuq", "q"];

/// Positions of signers, with how pages write them.
pub(crate) const POSITIONS: &[(&str, &str)] = &[
    ("pho bi thu thuong truc", "Phó Bí thư Thường trực"),
    ("pho bi thu", "Phó Bí thư"),
    ("bi thu", "Bí thư"),
    ("pho chu tich thuong truc", "Phó Chủ tịch Thường trực"),
    ("pho chu tich", "Phó Chủ tịch"),
    ("chu tich", "Chủ tịch"),
    ("pho chanh van phong", "Phó Chánh Văn phòng"),
    ("chanh van phong", "Chánh Văn phòng"),
    ("pho giam doc", "Phó Giám đốc"),
    ("giam doc", "Giám đốc"),
    ("pho truong ban thuong truc", "Phó Trưởng ban Thường trực"),
    ("pho truong ban", "Phó Trưởng ban"),
    ("truong ban", "Trưởng ban"),
    ("thu truong", "Thứ trưởng"),
    ("bo truong", "Bộ trưởng"),
    ("pho thu tuong", "Phó Thủ tướng"),
    ("thu tuong", "Thủ tướng"),
    ("tong bi thu", "Tổng Bí thư"),
    ("uy vien", "Ủy viên"),
    ("pho chu nhiem", "Phó Chủ nhiệm"),
    ("chu nhiem", "Chủ nhiệm"),
    ("pho vu truong", "Phó Vụ trưởng"),
    ("vu truong", "Vụ trưởng"),
    ("pho cuc truong", "Phó Cục trưởng"),
    ("cuc truong", "Cục trưởng"),
    ("pho truong phong", "Phó Trưởng phòng"),
    ("truong phong", "Trưởng phòng"),
    ("chanh thanh tra", "Chánh Thanh tra"),
    ("pho chanh thanh tra", "Phó Chánh Thanh tra"),
];

/// Bodies a capacity names (`T/M BAN THƯỜNG VỤ`), with how pages write them.
pub(crate) const CAPACITY_BODIES: &[(&str, &str)] = &[
    ("ban thuong vu", "Ban Thường vụ"),
    ("ban chap hanh", "Ban Chấp hành"),
    ("ban bi thu", "Ban Bí thư"),
    ("bo chinh tri", "Bộ Chính trị"),
    ("tinh uy", "Tỉnh ủy"),
    ("thanh uy", "Thành ủy"),
    ("huyen uy", "Huyện ủy"),
    ("dang uy", "Đảng ủy"),
    ("uy ban nhan dan", "Ủy ban nhân dân"),
    ("hoi dong nhan dan", "Hội đồng nhân dân"),
    ("thuong truc hoi dong nhan dan", "Thường trực Hội đồng nhân dân"),
    ("chinh phu", "Chính phủ"),
    ("ban chi dao", "Ban Chỉ đạo"),
    ("ban to chuc", "Ban Tổ chức"),
    ("ban tuyen giao va dan van", "Ban Tuyên giáo và Dân vận"),
    ("ban tuyen giao", "Ban Tuyên giáo"),
    ("ban dan van", "Ban Dân vận"),
    ("ban noi chinh", "Ban Nội chính"),
    ("ban kinh te", "Ban Kinh tế"),
    ("uy ban kiem tra", "Ủy ban Kiểm tra"),
    ("ban quan ly", "Ban Quản lý"),
    ("van phong", "Văn phòng"),
];

/// What a copy leaves in a signature block besides the signer.
pub(crate) const SIGNATURE_NOISE: &[&str] = &[
    "da ky",
    "(da ky)",
    "[da ky]",
    "ky ten, dong dau",
    "(ky ten, dong dau)",
    "(ky, ghi ro ho ten)",
];

/// Whether a line is a motto, its underline or a lone `*`.
pub(crate) fn is_motto(s: &str) -> bool {
    let f = fold(s);
    let f = f.trim();
    f.is_empty() || s.chars().all(|c| !c.is_alphanumeric()) || MOTTOS.iter().any(|m| squash(f) == squash(m))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// The capacity a line opens with (`T/M`, `KT.` …) as printed, and the rest.
pub(crate) fn capacity(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let end = s.find(' ')?;
    let head = &s[..end];
    let bare: String = fold(head).chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let shaped = head.contains('/') || head.ends_with('.');
    (shaped && CAPACITIES.contains(&bare.as_str())).then(|| (head, s[end..].trim()))
}

/// A position as pages write it (`PHÓ BÍ THƯ` -> `Phó Bí thư`).
pub(crate) fn position(s: &str) -> Option<&'static str> {
    let f = fold(s.trim().trim_end_matches(['.', ',']));
    POSITIONS.iter().find(|(k, _)| f == *k).map(|(_, v)| *v)
}

/// A capacity's body as pages write it; else the words in sentence case.
pub(crate) fn capacity_body(s: &str) -> String {
    if let Some(p) = position(s) {
        return p.to_string();
    }
    let f = fold(s.trim());
    if let Some((_, v)) = CAPACITY_BODIES.iter().find(|(k, _)| f == *k) {
        return (*v).to_string();
    }
    // "ỦY BAN NHÂN DÂN TỈNH", "BAN THƯỜNG VỤ TỈNH ỦY": the longest known
    // body at the start, the rest in lower case.
    let best = CAPACITY_BODIES
        .iter()
        .filter(|(k, _)| f.starts_with(k) && f[k.len()..].starts_with(' '))
        .max_by_key(|(k, _)| k.len());
    match best {
        Some((k, v)) => {
            let rest: String = s.trim().chars().skip(k.chars().count()).collect();
            let rest = capacity_body(rest.trim());
            format!("{v} {}", if rest.is_empty() { rest } else { lower_first(&rest) })
                .trim()
                .to_string()
        }
        None => sentence(s),
    }
}

fn lower_first(s: &str) -> String {
    // A known body keeps its capitals ("Tỉnh ủy").
    if CAPACITY_BODIES.iter().any(|(_, v)| s.starts_with(v)) {
        return s.to_string();
    }
    s.to_lowercase()
}

/// Heads of a body's name after which the field is named with a capital
/// (`Sở Y tế`, `Bộ Tài chính`, `Cục Thuế`), folded.
const HEADS: &[&str] = &[
    "so",
    "bo",
    "cuc",
    "vu",
    "phong",
    "chi cuc",
    "trung tam",
    "ban",
    "hoi",
    "uy ban",
];

/// Party committees a department belongs to, folded, with how pages write
/// them: `ỦY BAN KIỂM TRA` under `TỈNH ỦY CAO BẰNG` is the Ủy ban Kiểm tra Tỉnh ủy.
const COMMITTEES: &[(&str, &str)] = &[
    ("tinh uy", "Tỉnh ủy"),
    ("thanh uy", "Thành ủy"),
    ("huyen uy", "Huyện ủy"),
    ("dang uy", "Đảng ủy"),
];

/// The name of a body the vocabulary does not know, as pages write it: the
/// known bodies' forms, else the head word and the field in capitals (`SỞ
/// Y TẾ` -> `Sở Y tế`, `SỞ KHOA HỌC VÀ CÔNG NGHỆ` -> `Sở Khoa học và Công
/// nghệ`); a Party department takes its committee from the parent line.
pub(crate) fn department(upper: &str, parent: Option<&str>) -> String {
    let f = fold(upper.trim());
    let known = CAPACITY_BODIES.iter().any(|(k, _)| f.starts_with(k));
    let mut name = if known { capacity_body(upper) } else { fielded(upper) };
    let party_department = ["ban ", "uy ban kiem tra", "van phong"]
        .iter()
        .any(|h| f.starts_with(h));
    if party_department && !f.contains(" uy") {
        let parent = parent.map(fold).unwrap_or_default();
        if let Some((_, c)) = COMMITTEES
            .iter()
            .find(|(k, _)| parent.starts_with(k) || parent.contains(&format!(" {k}")))
        {
            name = format!("{name} {c}");
        }
    }
    name
}

/// `SỞ KHOA HỌC VÀ CÔNG NGHỆ` -> `Sở Khoa học và Công nghệ`: the head in
/// sentence case, each field (after the head, `và`, `-` or `,`) with a capital.
fn fielded(upper: &str) -> String {
    let lower = upper.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let head = HEADS
        .iter()
        .filter(|h| {
            fold(
                &words
                    .iter()
                    .take(h.split(' ').count())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            ) == **h
        })
        .map(|h| h.split(' ').count())
        .max()
        .unwrap_or(1);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let after_break =
            i == head || i > 0 && matches!(words[i - 1], "và" | "-" | "–") || i > 0 && words[i - 1].ends_with(',');
        out.push(if i == 0 || after_break {
            sentence(w)
        } else {
            (*w).to_string()
        });
    }
    out.join(" ")
}

/// Whether a line is what a copy leaves in a signature (`(Đã ký)`).
pub(crate) fn is_signature_noise(s: &str) -> bool {
    let f = fold(s.trim());
    SIGNATURE_NOISE.contains(&f.as_str()) || (f.starts_with('(') && f.ends_with(')') && f.len() < 30)
}

/// Words in sentence case: the first letter capital, the rest lower.
pub(crate) fn sentence(s: &str) -> String {
    let lower = s.trim().to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person's name in title case (`NGUYỄN HẢI TRÂM` -> `Nguyễn Hải Trâm`).
pub(crate) fn name_case(s: &str) -> String {
    s.split_whitespace().map(sentence).collect::<Vec<_>>().join(" ")
}

/// Whether a line reads as a person's name: two to five words, each
/// beginning with a capital letter, no digits.
pub(crate) fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

/// Whether a text is written in capitals (its letters all upper case).
pub(crate) fn is_upper(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_words() {
        assert_eq!(capacity("T/M BAN THƯỜNG VỤ"), Some(("T/M", "BAN THƯỜNG VỤ")));
        assert_eq!(capacity("KT. CHỦ TỊCH"), Some(("KT.", "CHỦ TỊCH")));
        assert_eq!(capacity("TM. ỦY BAN NHÂN DÂN"), Some(("TM.", "ỦY BAN NHÂN DÂN")));
        assert_eq!(capacity("Tm thế nào"), None);
        assert_eq!(position("PHÓ BÍ THƯ"), Some("Phó Bí thư"));
        assert_eq!(position("CHÁNH VĂN PHÒNG"), Some("Chánh Văn phòng"));
        assert_eq!(capacity_body("BAN THƯỜNG VỤ"), "Ban Thường vụ");
        assert_eq!(capacity_body("BAN THƯỜNG VỤ TỈNH ỦY"), "Ban Thường vụ Tỉnh ủy");
        assert_eq!(capacity_body("ỦY BAN NHÂN DÂN TỈNH"), "Ủy ban nhân dân tỉnh");
        assert_eq!(capacity_body("CHÁNH VĂN PHÒNG"), "Chánh Văn phòng");
        assert_eq!(department("SỞ Y TẾ", Some("UBND TỈNH KHÁNH HÒA")), "Sở Y tế");
        assert_eq!(department("SỞ KHOA HỌC VÀ CÔNG NGHỆ", None), "Sở Khoa học và Công nghệ");
        assert_eq!(
            department("ỦY BAN KIỂM TRA", Some("TỈNH ỦY CAO BẰNG")),
            "Ủy ban Kiểm tra Tỉnh ủy"
        );
        assert_eq!(
            department("BAN TUYÊN GIÁO VÀ DÂN VẬN", Some("TỈNH ỦY THÁI NGUYÊN")),
            "Ban Tuyên giáo và Dân vận Tỉnh ủy"
        );
        assert_eq!(department("BỘ TÀI CHÍNH", None), "Bộ Tài chính");
        assert_eq!(name_case("NGUYỄN HẢI TRÂM"), "Nguyễn Hải Trâm");
        assert!(is_name("Nguyễn Hải Trâm") && !is_name("Nơi nhận:") && !is_name("Lưu VT, 2025"));
        assert!(is_motto("Độc lập - Tự do - Hạnh phúc") && is_motto("---------------") && is_motto("*"));
        assert!(is_signature_noise("(Đã ký)") && is_signature_noise("Đã ký"));
    }
}
