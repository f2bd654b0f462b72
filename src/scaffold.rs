//! `vanban new`: a new document file with its front matter filled in.
//!
//! In: number, issuer, title, and optionally date, locality and type. Out: a
//! file in the content folder, at `<year>/<slug>.md` (or `chua-ro-ngay/` when
//! the date is unknown), with the keys given and commented hints for the
//! optional ones; or a diagnostic. The number is parsed with the grammar, the
//! date validated, and an existing file is never overwritten.

use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::graph::identity_slug;
use crate::yaml;
use std::path::{Path, PathBuf};

/// What `new` is given.
#[derive(Debug, Clone, Default)]
pub struct NewDocument {
    /// Số ký hiệu.
    pub number: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// Trích yếu.
    pub title: String,
    /// Ngày ban hành, as the front matter accepts it.
    pub date: Option<String>,
    /// Tỉnh/thành.
    pub locality: Option<String>,
    /// Tên loại.
    pub doc_type: Option<String>,
}

/// The path the file goes to, relative to the content folder.
pub fn target(doc: &NewDocument) -> Result<PathBuf, Diagnostic> {
    let printed = crate::source::normalize(&doc.number);
    let number = crate::number::parse(&printed).map_err(|e| {
        Diagnostic::error(
            Code::Number,
            format!("số ký hiệu `{printed}` không hợp lệ: {e} (ký tự thứ {})", e.at + 1),
        )
        .hint("viết như trên văn bản: `4029-CV/TU`, `127-KL/TW`, `30/2020/NĐ-CP`, `1234/QĐ-UBND`")
    })?;
    let date = match &doc.date {
        Some(d) => Some(Date::parse(d).map_err(|e| {
            Diagnostic::error(Code::Date, e.to_string())
                .hint("viết ngày theo dạng 2025-07-18 hoặc 18/7/2025; bỏ `--date` nếu chưa rõ")
        })?),
        None => None,
    };
    let slug = identity_slug(&number, doc.locality.as_deref(), date);
    let folder = date.map_or_else(|| "chua-ro-ngay".to_string(), |d| d.year.to_string());
    Ok(PathBuf::from(folder).join(format!("{slug}.md")))
}

/// The file's text.
pub fn text(doc: &NewDocument) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!(
        "number: {}\n",
        yaml::scalar(&crate::source::normalize(&doc.number))
    ));
    out.push_str(&format!("title: {}\n", yaml::scalar(&doc.title)));
    out.push_str(&format!("issuer: {}\n", yaml::scalar(&doc.issuer)));
    match &doc.date {
        Some(d) => out.push_str(&format!("date: {}\n", yaml::scalar(d))),
        None => out.push_str("# date: 18/7/2025            # ngày ban hành; bỏ trống nếu chưa rõ, không đoán\n"),
    }
    match &doc.locality {
        Some(l) => out.push_str(&format!("locality: {}\n", yaml::scalar(l))),
        None => {
            out.push_str("# locality: Phú Thọ          # tỉnh/thành của cơ quan ban hành (cần cho số như 02-KH/TU)\n")
        }
    }
    match &doc.doc_type {
        Some(t) => out.push_str(&format!("type: {}\n", yaml::scalar(t))),
        None => out
            .push_str("# type: Quy định             # chỉ cần khi mã loại không đủ (QĐ là Quyết định hay Quy định)\n"),
    }
    out.push_str(
        "# place: Việt Trì            # địa danh ở đầu văn bản\n\
# signer: {name: Nguyễn Văn A, position: Phó Bí thư, capacity: T/M Ban Thường vụ}\n\
# recipients: [Các huyện ủy, thành ủy]        # Kính gửi\n\
# distribution: [Như trên, Lưu Văn phòng]     # Nơi nhận\n\
# relations: {implements: [127-KL/TW]}       # chỉ khi toàn văn không ghi rõ văn bản được dẫn\n\
# tags: [sắp xếp bộ máy]\n\
# source: {name: Báo ..., url: https://..., author: ...}   # khi nội dung là bài tường thuật\n\
# draft: true                 # bản nháp: không xuất bản\n\
---\n\
Toàn văn văn bản viết ở đây (Markdown).\n",
    );
    out
}

/// Writes the new document under `content`; refuses to overwrite.
pub fn create(content: &Path, doc: &NewDocument) -> Result<PathBuf, Diagnostic> {
    if doc.title.trim().is_empty() || doc.issuer.trim().is_empty() {
        return Err(Diagnostic::error(Code::New, "cần `--title` và `--issuer` không trống")
            .hint("ví dụ: --issuer \"Ban Thường vụ Tỉnh ủy\" --title \"Về việc ...\""));
    }
    let rel = target(doc)?;
    let path = content.join(&rel);
    if path.exists() {
        return Err(
            Diagnostic::error(Code::Exists, format!("tệp `{}` đã có; không ghi đè", path.display()))
                .hint("sửa tệp đó, hoặc xóa nó trước nếu muốn tạo lại"),
        );
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error(
                Code::Write,
                format!("không tạo được thư mục `{}`: {e}", parent.display()),
            )
            .hint("kiểm tra quyền ghi và dung lượng đĩa")
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            Diagnostic::error(Code::Write, format!("không tạo được tệp `{}`: {e}", path.display()))
                .hint("kiểm tra quyền ghi và dung lượng đĩa")
        })?;
    std::io::Write::write_all(&mut file, text(doc).as_bytes()).map_err(|e| {
        Diagnostic::error(Code::Write, format!("không ghi được `{}`: {e}", path.display()))
            .hint("kiểm tra quyền ghi và dung lượng đĩa")
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> NewDocument {
        NewDocument {
            number: "12-CV/TU".into(),
            issuer: "Ban Thường vụ Tỉnh ủy".into(),
            title: "Về việc: triển khai [Kết luận] số 127".into(),
            date: Some("18/7/2025".into()),
            locality: Some("Phú Thọ".into()),
            doc_type: None,
        }
    }

    #[test]
    fn new_file_round_trips_through_the_loader() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = create(dir.path(), &doc()).expect("created");
        assert!(path.ends_with("2025/12-cv-tu-phu-tho-2025.md"), "{}", path.display());
        let text = std::fs::read_to_string(&path).expect("read");
        let (d, diags) = crate::load::parse_document(&text, "n.md", "n.md", &crate::load::LoadOptions::default());
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.expect("valid");
        assert_eq!(d.title, "Về việc: triển khai [Kết luận] số 127");
        assert_eq!(d.date.map(|x| x.iso()).as_deref(), Some("2025-07-18"));
        // Never overwrite.
        let again = create(dir.path(), &doc()).expect_err("exists");
        assert_eq!(again.code, Code::Exists);
    }

    #[test]
    fn bad_number_and_date() {
        let mut d = doc();
        d.number = "12 CV/TU".into();
        assert_eq!(target(&d).expect_err("bad number").code, Code::Number);
        let mut d = doc();
        d.date = Some("31/02/2025".into());
        assert_eq!(target(&d).expect_err("bad date").code, Code::Date);
        let mut d = doc();
        d.date = None;
        assert_eq!(target(&d).ok(), Some(PathBuf::from("chua-ro-ngay/12-cv-tu-phu-tho.md")));
    }
}
