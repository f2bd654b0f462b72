//! `vanban import`: a received directive (plain text or Word) turned into a
//! Markdown file with its front matter, ready for the portal.
//!
//! In: input files. Out: one file per input under the content folder
//! (`<year>/<slug>.md`, or `chua-ro-ngay/` without a date, as `vanban new`),
//! or a diagnostic naming the input. The stages: [`read`] (text or `.docx`
//! to lines with their columns), [`header`] (issuer, number, place and date,
//! type word, trích yếu, Kính gửi), [`tail`] (Nơi nhận and the signature),
//! [`report`] (a news report about a document), [`body`] (the text as
//! Markdown). Numbers, dates, issuing bodies and relations are read with the
//! same grammar as the build (`number`, `refs`); a field the text does not
//! determine is left out and reported, never guessed. A file is written
//! only when it would build, and never over an existing one.

mod body;
mod header;
mod read;
mod report;
mod tail;
mod words;

use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::refs::issuers::Vocabulary;
use crate::yaml::scalar;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What an import reads from one input.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// The number as printed, and its line.
    number: Option<(String, usize)>,
    title: Option<String>,
    doc_type: Option<String>,
    /// The header's issuer lines, the parent body first.
    header_issuer: Vec<String>,
    issuer: Option<String>,
    locality: Option<String>,
    date: Option<Date>,
    place: Option<String>,
    signer: Signer,
    recipients: Vec<String>,
    distribution: Vec<String>,
    /// The input reports on the document (a news article).
    report: bool,
    /// The report's author.
    byline: Option<String>,
    /// The outlet that published the report, and when.
    outlet: Option<String>,
    published: Option<Date>,
    /// What could not be determined, by line (0-based).
    notes: Vec<(usize, String)>,
}

#[derive(Debug, Default)]
struct Signer {
    name: Option<String>,
    position: Option<String>,
    capacity: Option<String>,
}

impl Draft {
    fn note(&mut self, line: usize, message: &str) {
        self.notes.push((line, message.to_string()));
    }
}

/// One input's outcome: the file written, and the warnings about fields
/// left out; or the error.
#[derive(Debug)]
pub struct Imported {
    /// The input as given.
    pub input: PathBuf,
    /// The file written.
    pub written: Result<PathBuf, Diagnostic>,
    /// Fields the text did not determine.
    pub warnings: Vec<Diagnostic>,
}

/// Imports each input into `content`. `locality` is the province for
/// inputs whose text names none.
pub fn import(inputs: &[PathBuf], content: &Path, locality: Option<&str>) -> Vec<Imported> {
    inputs
        .iter()
        .map(|input| {
            let file = input.display().to_string();
            let mut warnings = Vec::new();
            let written = convert(input, &file, locality, &mut warnings)
                .and_then(|(rel, text)| write(content, &rel, &text, &file));
            Imported {
                input: input.clone(),
                written,
                warnings,
            }
        })
        .collect()
}

/// The path (under the content folder) and text of one input's file.
fn convert(
    input: &Path,
    file: &str,
    locality: Option<&str>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(PathBuf, String), Diagnostic> {
    let lines = read::read(input, file)?;
    let vocabulary = Vocabulary::builtin();
    let mut d = Draft::default();
    let start = header::read(&lines, &mut d);
    let report = d.number.is_none() && report::read(&lines, &vocabulary, &mut d);
    let start = if report { 0 } else { start };
    let end = tail::read(&lines, start, &mut d).max(start);
    let Some((number, _)) = d.number.clone() else {
        return Err(Diagnostic::error(Code::Import, format!("không tìm thấy số ký hiệu trong `{file}`"))
            .in_file(file)
            .hint("văn bản cần dòng `Số 112-CV/TU` hoặc `Số: 1961/QĐ-UBND` ở đầu; kiểm tra đúng tệp chưa, hoặc tạo bằng `vanban new`"));
    };
    let parsed = crate::number::parse(&number).map_err(|e| {
        Diagnostic::error(Code::Import, format!("số ký hiệu `{number}` không hợp lệ: {e}")).in_file(file)
    })?;
    let body = body::markdown(&lines[start..end], report);
    issuer(&mut d, &parsed, &vocabulary, &body);
    // A place names the province only for a local body's document: a
    // ministry signs in Hà Nội without belonging to it.
    if d.locality.is_none() && parsed.is_local() {
        d.locality = d
            .place
            .as_deref()
            .and_then(|p| vocabulary.province(p))
            .map(str::to_string)
            .or(locality.map(str::to_string));
    }
    let relations = relations(&body, &parsed, d.date);
    for (line, message) in &d.notes {
        warnings
            .push(Diagnostic::warning(Code::Undetermined, message.clone()).in_file(&format!("{file}:{}", line + 1)));
    }
    let text = front_matter(&d, &number, &relations, file, warnings) + &body;
    let slug = crate::graph::identity_slug(&parsed, d.locality.as_deref(), d.date);
    let folder = d
        .date
        .map_or_else(|| "chua-ro-ngay".to_string(), |x| x.year.to_string());
    Ok((PathBuf::from(folder).join(format!("{slug}.md")), text))
}

/// The issuing body: the header's lines (the last the body, those before it
/// its parent, which may name the province); else the body the signature's
/// capacity names, completed by the number's issuer code (`T/M BAN THƯỜNG
/// VỤ` on a `…/TU` number is the Ban Thường vụ Tỉnh ủy).
fn issuer(d: &mut Draft, number: &crate::number::Number, vocabulary: &Vocabulary, text: &str) {
    let lines = wrapped(std::mem::take(&mut d.header_issuer));
    if let Some((last, parents)) = lines.split_last() {
        d.issuer = Some(match vocabulary.whole(last) {
            // Below the province the place is part of the name ("Đảng ủy xã Mỹ Hiệp").
            Some(n) if vocabulary.scope(&n) == crate::refs::bodies::Scope::Place => {
                place_name(&n.name, &vocabulary.body(n.body).name)
            }
            Some(n) => {
                d.locality = d.locality.take().or(n.province.map(str::to_string));
                vocabulary.body(n.body).name.clone()
            }
            None => words::department(last, parents.last().map(String::as_str)),
        });
    }
    if d.locality.is_none() {
        d.locality = lines.iter().find_map(|l| province_in(l, vocabulary));
    }
    if d.issuer.is_none() {
        d.issuer = from_capacity(d, number, vocabulary, text);
    }
}

/// A body below the province with its place as pages write it: the body's
/// name as the vocabulary writes it, the place in title case (`ĐẢNG ỦY XÃ
/// GIA VIỄN` -> `Đảng ủy xã Gia Viễn`).
fn place_name(named: &str, body: &str) -> String {
    let skip = body.chars().count();
    let place: String = named.chars().skip(skip).collect();
    let place = place.trim();
    if place.is_empty() {
        return named.to_string();
    }
    let place = if words::is_upper(place) {
        words::name_case(place)
    } else {
        place.to_string()
    };
    format!("{body} {place}")
}

/// Header lines with a name wrapped over two made one again: `ỦY BAN NHÂN
/// DÂN` / `TỈNH QUẢNG TRỊ`, `BAN TUYÊN GIÁO` / `VÀ DÂN VẬN`.
fn wrapped(lines: Vec<String>) -> Vec<String> {
    const CONTINUES: &[&str] = &["va ", "tinh ", "thanh pho ", "huyen ", "xa ", "phuong ", "dac khu "];
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        let f = crate::source::fold(&l);
        let names_committee = f.split_whitespace().any(|w| w == "uy");
        match out.last_mut() {
            Some(prev)
                if CONTINUES.iter().any(|c| f.starts_with(c))
                    && !names_committee
                    && !crate::source::fold(prev).starts_with("dang bo") =>
            {
                prev.push(' ');
                prev.push_str(&l);
            }
            _ => out.push(l),
        }
    }
    out
}

/// The province a header line names (`ĐẢNG BỘ TỈNH HÀ TĨNH`).
fn province_in(line: &str, vocabulary: &Vocabulary) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    (0..words.len()).find_map(|i| vocabulary.province(&words[i..].join(" ")).map(str::to_string))
}

/// The body a signature's capacity names, made whole by the number's code;
/// when several bodies share the code (a Tỉnh ủy's and a Thành ủy's Ban
/// Thường vụ both number `…/TU`), the one the text itself names most.
fn from_capacity(d: &Draft, number: &crate::number::Number, vocabulary: &Vocabulary, text: &str) -> Option<String> {
    let capacity = d.signer.capacity.as_deref()?;
    let body = capacity.split_once(' ').map(|(_, b)| crate::source::fold(b))?;
    let code = number.codes.get(1).or(number.codes.first())?;
    let fits: Vec<String> = vocabulary
        .bodies()
        .filter(|b| &b.party == code || &b.state == code)
        .filter(|b| crate::source::fold(&b.name).starts_with(&body))
        .map(|b| b.name.clone())
        .collect();
    if fits.len() <= 1 {
        return fits.into_iter().next();
    }
    let folded = crate::source::fold(text);
    let mut counted: Vec<(usize, String)> = fits
        .into_iter()
        .map(|name| (folded.matches(&crate::source::fold(&name)).count(), name))
        .collect();
    counted.sort_by_key(|c| std::cmp::Reverse(c.0));
    (counted[0].0 > 0 && counted[0].0 > counted[1].0).then(|| counted[0].1.clone())
}

/// The document's own relations the text states (implements, based on,
/// replaces …), by relation; plain citations are left to the build.
fn relations(body: &str, number: &crate::number::Number, date: Option<Date>) -> BTreeMap<&'static str, Vec<String>> {
    let found = crate::refs::find("", body, 0, (number, date));
    let mut out: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for c in found.citations {
        if c.relation == crate::refs::Relation::Cites || c.number.canonical == number.canonical {
            continue;
        }
        let list = out.entry(c.relation.key()).or_default();
        if !list.contains(&c.number.canonical) {
            list.push(c.number.canonical);
        }
    }
    out
}

/// The front matter, with a comment for each field to check.
fn front_matter(
    d: &Draft,
    number: &str,
    relations: &BTreeMap<&'static str, Vec<String>>,
    file: &str,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let mut out = format!("---\n# Nhập từ {file} bằng `vanban import`: kiểm tra lại trước khi xuất bản.\n");
    let mut missing = |key: &str, why: &str, out: &mut String| {
        out.push_str(&format!("# {key}: {why}\n"));
        warnings.push(Diagnostic::warning(Code::Undetermined, format!("`{key}`: {why}")).in_file(file));
    };
    out.push_str(&format!("number: {}\n", scalar(number)));
    match &d.title {
        Some(t) => out.push_str(&format!("title: {}\n", scalar(t))),
        None => {
            missing("title", "không tìm thấy trích yếu; điền trước khi xây dựng", &mut out);
            out.push_str("title: \"\"\n");
        }
    }
    match &d.issuer {
        Some(i) => out.push_str(&format!("issuer: {}\n", scalar(i))),
        None => {
            missing(
                "issuer",
                "không xác định được cơ quan ban hành; điền trước khi xây dựng",
                &mut out,
            );
            out.push_str("issuer: \"\"\n");
        }
    }
    let optional = [
        ("type", d.doc_type.clone()),
        ("locality", d.locality.clone()),
        ("date", d.date.map(|x| x.iso())),
        ("place", d.place.clone()),
    ];
    for (key, value) in optional {
        match value {
            Some(v) => out.push_str(&format!("{key}: {}\n", scalar(&v))),
            // A date left blank in the header was reported at its line.
            None if key == "date" && d.notes.iter().any(|(_, m)| m.contains("`date`")) => {
                out.push_str("# date: ngày ban hành để trống trong văn bản; điền nếu biết, dạng 2025-07-18\n");
            }
            None if key == "date" => missing(
                "date",
                "văn bản không ghi ngày ban hành; điền nếu biết, dạng 2025-07-18",
                &mut out,
            ),
            None if key == "locality" => missing(
                "locality",
                "văn bản không cho biết tỉnh, thành; điền nếu biết (hoặc dùng `--locality`)",
                &mut out,
            ),
            None => {}
        }
    }
    signer_and_lists(d, &mut out);
    if !relations.is_empty() {
        out.push_str("relations:\n");
        for (key, list) in relations {
            out.push_str(&format!(
                "  {key}: [{}]\n",
                list.iter().map(|n| scalar(n)).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    if d.report {
        out.push_str("# Đây là bài tường thuật về văn bản, không phải toàn văn.\nsource:\n");
        let fields = [
            ("name", d.outlet.clone()),
            ("author", d.byline.clone()),
            ("published", d.published.map(|x| x.iso())),
        ];
        if fields.iter().all(|(_, v)| v.is_none()) {
            out.push_str("  name: \"\"\n");
        }
        for (key, value) in fields {
            if let Some(v) = value {
                out.push_str(&format!("  {key}: {}\n", scalar(&v)));
            }
        }
    }
    out.push_str("---\n");
    out
}

fn signer_and_lists(d: &Draft, out: &mut String) {
    let s = &d.signer;
    if s.name.is_some() || s.position.is_some() || s.capacity.is_some() {
        out.push_str("signer:\n");
        for (key, value) in [("name", &s.name), ("position", &s.position), ("capacity", &s.capacity)] {
            if let Some(v) = value {
                out.push_str(&format!("  {key}: {}\n", scalar(v)));
            }
        }
    }
    for (key, list) in [("recipients", &d.recipients), ("distribution", &d.distribution)] {
        if !list.is_empty() {
            out.push_str(&format!("{key}:\n"));
            for item in list {
                out.push_str(&format!("  - {}\n", scalar(item)));
            }
        }
    }
}

/// Writes a file that builds, never over an existing one, never half.
fn write(content: &Path, rel: &Path, text: &str, file: &str) -> Result<PathBuf, Diagnostic> {
    let rel_name = rel.display().to_string();
    let (_, problems) = crate::load::parse_document(text, &rel_name, &rel_name, &crate::load::LoadOptions::default());
    if let Some(p) = problems.iter().find(|p| p.is_error()) {
        return Err(Diagnostic::error(
            Code::Import,
            format!("tệp tạo từ `{file}` sẽ không xây dựng được: {}", p.message),
        )
        .in_file(file)
        .hint("văn bản thiếu trường bắt buộc; dùng `vanban new` rồi dán nội dung vào"));
    }
    let path = content.join(rel);
    if path.exists() {
        return Err(Diagnostic::error(
            Code::Exists,
            format!("`{}` đã có; không ghi đè (nhập từ `{file}`)", path.display()),
        )
        .in_file(file)
        .hint("sửa tệp đã có, hoặc xóa nó trước nếu muốn nhập lại"));
    }
    let fail = |e: std::io::Error| {
        Diagnostic::error(
            Code::Write,
            format!("không ghi được `{}` (nhập từ `{file}`): {e}", path.display()),
        )
        .in_file(file)
        .hint("kiểm tra quyền ghi và dung lượng đĩa")
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    // Written beside, then linked in place: a crash leaves no half file, and
    // a file that appeared meanwhile is not overwritten.
    let tmp = path.with_extension("md.import-tmp");
    if let Err(e) = std::fs::write(&tmp, text) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(path),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Diagnostic::error(
            Code::Exists,
            format!("`{}` đã có; không ghi đè (nhập từ `{file}`)", path.display()),
        )
        .in_file(file)),
        Err(e) => Err(fail(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer_of(lines: &[&str]) -> (Option<String>, Option<String>) {
        let mut d = Draft {
            header_issuer: lines.iter().map(|s| s.to_string()).collect(),
            ..Draft::default()
        };
        let number = crate::number::parse("1-CV/HU").expect("number");
        issuer(&mut d, &number, &Vocabulary::builtin(), "");
        (d.issuer, d.locality)
    }

    #[test]
    fn issuers_of_headers() {
        let (i, l) = issuer_of(&["ĐẢNG BỘ TỈNH NGHỆ AN", "HUYỆN ỦY QUỲNH LƯU"]);
        assert_eq!(l.as_deref(), Some("Nghệ An"), "{i:?}");
        assert!(i.as_deref().is_some_and(|i| i.starts_with("Huyện ủy")), "{i:?}");
        let (i, l) = issuer_of(&["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"]);
        assert_eq!(
            (i.as_deref(), l.as_deref()),
            (Some("Ủy ban nhân dân tỉnh"), Some("Quảng Trị"))
        );
        let (i, _) = issuer_of(&["ĐẢNG BỘ TỈNH NINH BÌNH", "ĐẢNG ỦY XÃ GIA VIỄN"]);
        assert_eq!(i.as_deref(), Some("Đảng ủy xã Gia Viễn"));
        assert_eq!(
            place_name("Đảng ủy phường PHAN ĐÌNH PHÙNG", "Đảng ủy phường"),
            "Đảng ủy phường Phan Đình Phùng"
        );
    }
}
