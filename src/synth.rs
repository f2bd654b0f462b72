//! Synthetic corpora for benchmarks: N directives, clearly marked synthetic.
//!
//! In: a size and a seed. Out: Markdown files with front matter written into a
//! folder. The corpus looks like the real thing where cost is concerned:
//! bodies of 2-6 kB with headings, numbered parts and a table; 60+ issuing
//! bodies across provinces; numbers that repeat in every province; 0-5
//! citations per document, a few hub conclusions cited by many. Every title
//! says "(dữ liệu tổng hợp)" so that no one mistakes it for a real document.

use std::fmt::Write as _;
use std::path::Path;

const PROVINCES: &[&str] = &[
    "Phú Thọ",
    "Hà Nội",
    "Hải Phòng",
    "Thanh Hóa",
    "Nghệ An",
    "Huế",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Đắk Lắk",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
    "Lào Cai",
    "Tuyên Quang",
    "Thái Nguyên",
    "Lạng Sơn",
    "Quảng Ninh",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Hà Tĩnh",
    "Quảng Trị",
    "Sơn La",
    "Lai Châu",
    "Điện Biên",
    "Cao Bằng",
    "Thành phố Hồ Chí Minh",
];

const LOCAL_BODIES: &[&str] = &["Ban Thường vụ Tỉnh ủy", "Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"];
const CENTRAL: &[(&str, &str)] = &[
    ("Bộ Chính trị", "KL"),
    ("Ban Bí thư", "KL"),
    ("Ban Chấp hành Trung ương", "NQ"),
    ("Ban Tổ chức Trung ương", "HD"),
];
const LOCAL_TYPES: &[&str] = &["CV", "KH", "BC", "TB", "HD", "CTr"];

/// A tiny deterministic generator (xorshift), so corpora are reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Writes `n` synthetic documents into `dir` (created if needed). Returns the
/// number of bytes written.
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(seed.max(1));
    let hubs = 20usize;
    let mut bytes = 0u64;
    for i in 0..n {
        let mut fm = String::from("---\n");
        let year = 2020 + (i % 6) as i32;
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let (number, issuer, locality) = if i < hubs {
            let (body, code) = CENTRAL[i % CENTRAL.len()];
            (format!("{}-{code}/TW", 100 + i), body.to_string(), None)
        } else {
            let p = PROVINCES[i % PROVINCES.len()];
            let body = LOCAL_BODIES[rng.below(LOCAL_BODIES.len())];
            let ty = LOCAL_TYPES[rng.below(LOCAL_TYPES.len())];
            // Numbers repeat across provinces on purpose.
            (
                format!("{:02}-{ty}/TU", 1 + (i / PROVINCES.len())),
                body.to_string(),
                Some(p),
            )
        };
        let _ = writeln!(fm, "number: {number}");
        let _ = writeln!(fm, "title: Về việc triển khai nhiệm vụ số {i} (dữ liệu tổng hợp)");
        let _ = writeln!(fm, "issuer: {issuer}");
        if let Some(p) = locality {
            let _ = writeln!(fm, "locality: {p}");
        }
        let _ = writeln!(fm, "date: {day}/{month}/{year}");
        let cites = if i < hubs { 0 } else { rng.below(6) };
        let mut body = String::new();
        if cites > 0 {
            fm.push_str("relations:\n  cites:\n");
            for _ in 0..cites {
                let h = rng.below(hubs.min(i.max(1)));
                let (_, code) = CENTRAL[h % CENTRAL.len()];
                let _ = writeln!(fm, "    - {}-{code}/TW", 100 + h);
                let _ = write!(body, "Thực hiện văn bản số {}-{code}/TW của Trung ương. ", 100 + h);
            }
        }
        fm.push_str("tags: [dữ liệu tổng hợp]\n---\n");
        let _ = writeln!(body, "\n\n# Phần I. Mục đích, yêu cầu\n");
        let parts = 3 + rng.below(6);
        for k in 1..=parts {
            let _ = writeln!(
                body,
                "{k}\\. Các cấp ủy, tổ chức đảng, cơ quan, đơn vị tập trung lãnh đạo, chỉ đạo thực hiện nghiêm túc, hiệu quả các nhiệm vụ được giao; bảo đảm tiến độ, chất lượng, không để gián đoạn công việc, nhất là các nhiệm vụ phát triển kinh tế - xã hội, chuyển đổi số và sắp xếp tổ chức bộ máy của hệ thống chính trị.\n"
            );
        }
        body.push_str("| Nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n|---|---|---|\n");
        for k in 0..4 {
            let _ = writeln!(body, "| Nhiệm vụ {k} | Văn phòng Tỉnh ủy | Quý {} |", 1 + k % 4);
        }
        let path = dir.join(format!("{i:06}.md"));
        let text = format!("{fm}{body}");
        bytes += text.len() as u64;
        std::fs::write(path, text)?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_loads_without_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_corpus(dir.path(), 120, 7).expect("write");
        let loaded = crate::load::load(dir.path(), &crate::load::LoadOptions::default());
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(loaded.documents.len(), 120);
        let (index, diags) = crate::graph::build(loaded.documents, &crate::config::Config::default());
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        assert!(
            index.docs.iter().any(|d| d.cited_by.len() > 5),
            "hubs are cited by many"
        );
    }
}
