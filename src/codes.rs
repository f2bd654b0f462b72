//! The tables of type and issuer codes in số ký hiệu.
//!
//! In: a code as printed in a number (`KL`, `QĐ`, `TW`, `UBND`). Out: the
//! document type it stands for, and whether a series is local (repeats in
//! every province). These are data, not code paths: the codes change when
//! bodies and provinces merge (2025: 63 to 34 provinces, BTGTW -> BTGDVTW), so
//! an update is an edit of a table below. Sources: Hướng dẫn 36-HD/VPTW (Party)
//! and Nghị định 30/2020/NĐ-CP, Phụ lục III (State).

/// Party type codes (Hướng dẫn 36-HD/VPTW). `QĐ` is shared by Quyết định and
/// Quy định (one counter); only the word tells them apart.
pub(crate) const PARTY_TYPES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("QĐi", "Quy định"),
    ("CT", "Chỉ thị"),
    ("KL", "Kết luận"),
    ("QC", "Quy chế"),
    ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"),
    ("BC", "Báo cáo"),
    ("KH", "Kế hoạch"),
    ("CTr", "Chương trình"),
    ("ĐA", "Đề án"),
    ("CV", "Công văn"),
    ("BS", "Bản sao"),
    ("TT", "Thông tri"),
    ("TTr", "Tờ trình"),
];

/// State type codes (NĐ 30/2020, Phụ lục III) and the legal normative codes.
/// A State number whose first code is none of these is a công văn.
pub(crate) const STATE_TYPES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("CĐ", "Công điện"),
    ("BGN", "Bản ghi nhớ"),
    ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"),
    ("PG", "Phiếu gửi"),
    ("PC", "Phiếu chuyển"),
    ("PB", "Phiếu báo"),
    ("SY", "Bản sao y"),
    ("TrS", "Bản trích sao"),
    ("SL", "Bản sao lục"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
];

/// Type words that the codes do not produce but editors may write in `type`.
pub(crate) const OTHER_TYPES: &[&str] = &["Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp", "Thông báo kết luận"];

/// State issuer codes of local bodies; any `S...` code (a Sở) is local too.
pub(crate) const STATE_LOCAL_ISSUERS: &[&str] = &["UBND", "HĐND", "VPUBND", "VPHĐND", "BCĐ", "CAT", "BCHQS"];

/// Party issuer codes that belong to the centre although they do not end in `TW`.
/// `TƯ` is printed for TW by many (and for Tỉnh ủy by Thừa Thiên Huế alone):
/// it is read as central unless a locality is given.
pub(crate) const PARTY_CENTRAL_ISSUERS: &[&str] = &["TƯ"];

/// The word for a Party type code.
pub(crate) fn party_type(code: &str) -> Option<&'static str> {
    lookup(PARTY_TYPES, code)
}

/// The word for a State type code.
pub(crate) fn state_type(code: &str) -> Option<&'static str> {
    lookup(STATE_TYPES, code)
}

/// The word for a code as printed, else for the one code of the table it
/// names in another case (`Ctr`, `CTR` for `CTr`; offices print compound
/// codes every way).
fn lookup(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    if let Some((_, w)) = table.iter().find(|(c, _)| *c == code) {
        return Some(w);
    }
    let lower = code.to_lowercase();
    let mut same = table.iter().filter(|(c, _)| c.to_lowercase() == lower);
    match (same.next(), same.next()) {
        (Some((_, w)), None) => Some(w),
        _ => None,
    }
}

/// Whether a Party issuer code names a local committee (`TU`, `HU`, `ĐU`,
/// `BTCTU` ...): every code not of the centre (`TW`, `VPTW`, `BTCTW` ...).
pub(crate) fn party_issuer_is_local(code: &str) -> bool {
    !(code.ends_with("TW") || PARTY_CENTRAL_ISSUERS.contains(&code))
}

/// Whether a State issuer code names a local body (`UBND`, `HĐND`, a Sở).
pub(crate) fn state_issuer_is_local(code: &str) -> bool {
    if STATE_LOCAL_ISSUERS.contains(&code) {
        return true;
    }
    let mut chars = code.chars();
    chars.next() == Some('S') && code.chars().count() >= 2 && chars.all(|c| c.is_uppercase())
}

/// Every type word vanban knows, for validating `type` and for listings.
pub(crate) fn known_type_words() -> impl Iterator<Item = &'static str> {
    PARTY_TYPES
        .iter()
        .chain(STATE_TYPES.iter())
        .map(|(_, w)| *w)
        .chain(OTHER_TYPES.iter().copied())
        .chain(std::iter::once("Công văn"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        assert_eq!(party_type("KL"), Some("Kết luận"));
        assert_eq!(party_type("QĐi"), Some("Quy định"));
        assert_eq!(state_type("QyĐ"), Some("Quy định"));
        assert_eq!(state_type("UBND"), None);
        assert_eq!(party_type("Ctr"), Some("Chương trình"));
        assert_eq!(party_type("CTR"), Some("Chương trình"));
        assert_eq!(state_type("ttr"), Some("Tờ trình"));
        assert_eq!(party_type("Kl"), Some("Kết luận"));
        assert!(party_issuer_is_local("TU"));
        assert!(party_issuer_is_local("BTCTU"));
        assert!(!party_issuer_is_local("TW"));
        assert!(!party_issuer_is_local("BCĐTW"));
        assert!(!party_issuer_is_local("TƯ"));
        assert!(state_issuer_is_local("UBND"));
        assert!(state_issuer_is_local("SNV"));
        assert!(!state_issuer_is_local("CP"));
        assert!(!state_issuer_is_local("TTg"));
        assert!(known_type_words().any(|w| w == "Luật"));
    }
}
