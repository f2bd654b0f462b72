//! Reading a received directive into lines: plain text (copied from a PDF,
//! a Word file or a web page) or a Word `.docx` (a zip of WordprocessingML,
//! read with `zip` and `quick-xml`).
//!
//! In: the bytes of one input. Out: [`Line`]s, each with the columns it
//! holds (a two-column header or signature block flattened by copying
//! comes as one line with runs of spaces or tabs between its columns; in
//! Word the same blocks are borderless two-column tables) and its text as
//! Markdown (emphasis kept from Word).

use crate::diag::{Code, Diagnostic};
use quick_xml::events::Event;
use std::io::Read;

/// One line of the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Line {
    /// Its columns, trimmed, as plain text (an empty first column when the
    /// line stands in the right-hand column only).
    pub cells: Vec<String>,
    /// The line as Markdown, for the body.
    pub markdown: String,
    /// Whether it comes from a Word table (a table in the body is kept as one).
    pub table_row: bool,
    /// The Word table row it belongs to (its lines are one row of the
    /// table in the body), 0 outside tables.
    pub row: usize,
}

impl Line {
    /// The whole line as plain text.
    pub(crate) fn text(&self) -> String {
        self.cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether the line holds nothing.
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// The most bytes an input may have (a directive is a few hundred kB).
const MAX_INPUT: u64 = 50 * 1_000_000;

fn error(file: &str, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(Code::Import, message).in_file(file).hint(hint)
}

/// Reads an input by its extension: `.docx` as Word, anything else as text.
pub(crate) fn read(path: &std::path::Path, file: &str) -> Result<Vec<Line>, Diagnostic> {
    let size = std::fs::metadata(path)
        .map_err(|e| {
            error(
                file,
                format!("không đọc được `{file}`: {e}"),
                "kiểm tra đường dẫn và quyền đọc",
            )
        })?
        .len();
    if size > MAX_INPUT {
        return Err(error(
            file,
            format!("`{file}` quá lớn ({size} byte)"),
            "một văn bản thường dưới 1 MB; kiểm tra đúng tệp chưa",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        error(
            file,
            format!("không đọc được `{file}`: {e}"),
            "kiểm tra đường dẫn và quyền đọc",
        )
    })?;
    let ext = |e: &str| path.extension().is_some_and(|x| x.eq_ignore_ascii_case(e));
    if ext("pdf") || ext("doc") {
        return Err(error(
            file,
            format!("`{file}`: vanban chưa đọc được tệp PDF hay Word .doc cũ"),
            "mở tệp, sao chép toàn văn vào một tệp .txt rồi nhập tệp đó; với .doc, lưu lại dạng .docx",
        ));
    }
    let docx = ext("docx");
    let lines = if docx { word(&bytes, file)? } else { text(&bytes, file)? };
    if lines.iter().all(Line::is_blank) {
        return Err(error(
            file,
            format!("`{file}` không có nội dung"),
            "chọn tệp có toàn văn văn bản",
        ));
    }
    Ok(lines)
}

/// Tidies one piece of text: NFC, look-alike letters, non-breaking and
/// other odd spaces as spaces.
fn tidy(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{3000}') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
        .collect();
    crate::source::normalize(&spaced)
}

/// One line tidied, its columns' gaps (tabs, runs of spaces) kept.
fn tidy_line(l: &str) -> String {
    let l = l.trim_end_matches('\r');
    let mut out = String::with_capacity(l.len());
    let mut piece = String::new();
    for c in l.chars() {
        if c == '\t' || c == ' ' || c == '\u{a0}' || c == '\u{3000}' {
            if !piece.is_empty() {
                out.push_str(&tidy(&piece));
                piece.clear();
            }
            out.push(if c == '\t' { '\t' } else { ' ' });
        } else {
            piece.push(c);
        }
    }
    out.push_str(&tidy(&piece));
    out
}

/// Plain text: UTF-8 (a BOM and CRLF accepted), columns split at a tab or
/// three spaces or more.
fn text(bytes: &[u8], file: &str) -> Result<Vec<Line>, Diagnostic> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(error(
            file,
            format!("`{file}` là văn bản UTF-16"),
            "lưu lại tệp dưới dạng UTF-8 (Notepad: Lưu thành… > Mã hóa UTF-8)",
        ));
    }
    let s = std::str::from_utf8(bytes).map_err(|e| {
        error(
            file,
            format!("`{file}` không phải văn bản UTF-8 (byte {})", e.valid_up_to()),
            "lưu lại tệp dưới dạng UTF-8, hoặc nhập tệp Word .docx",
        )
    })?;
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if s.starts_with("---\n") || s.starts_with("---\r\n") {
        return Err(error(
            file,
            format!("`{file}` đã có front matter: đó là một văn bản của vanban, không cần nhập"),
            "chép tệp thẳng vào thư mục nội dung, hoặc bỏ phần front matter nếu muốn nhập lại từ toàn văn",
        ));
    }
    Ok(s.lines().map(|l| text_line(&tidy_line(l))).collect())
}

fn text_line(raw: &str) -> Line {
    let indented = raw.starts_with("     ") || raw.starts_with("\t\t");
    let mut cells: Vec<String> = Vec::new();
    let mut rest = raw.trim_end();
    while !rest.is_empty() {
        let trimmed = rest.trim_start();
        let cut = gap(trimmed);
        // Markdown emphasis and heading marks are not part of what a cell says.
        let cell = trimmed[..cut].replace('*', "");
        cells.push(cell.trim().trim_start_matches('#').trim().to_string());
        rest = &trimmed[cut..];
    }
    if indented && !cells.is_empty() {
        cells.insert(0, String::new());
    }
    Line {
        markdown: raw.trim().to_string(),
        cells,
        table_row: false,
        row: 0,
    }
}

/// Where the first gap between columns starts: a tab, or three spaces.
fn gap(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .find(|&i| b[i] == b'\t' || b[i..].starts_with(b"   "))
        .unwrap_or(b.len())
}

/// A Word file: its paragraphs, and each table row as one line per
/// paragraph of its tallest cell.
fn word(bytes: &[u8], file: &str) -> Result<Vec<Line>, Diagnostic> {
    let not_word = |why: String| {
        error(
            file,
            format!("`{file}` không phải tệp Word .docx đọc được ({why})"),
            "mở tệp bằng Word hoặc LibreOffice rồi lưu lại dạng .docx; tệp .doc cũ cần chuyển sang .docx",
        )
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_word(e.to_string()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| not_word(e.to_string()))?
        .take(MAX_INPUT + 1)
        .read_to_string(&mut xml)
        .map_err(|e| not_word(e.to_string()))?;
    if xml.len() as u64 > MAX_INPUT {
        return Err(not_word(format!("nội dung quá {} MB", MAX_INPUT / 1_000_000)));
    }
    let blocks = parse_document(&xml).map_err(not_word)?;
    let mut lines = Vec::new();
    for b in blocks {
        match b {
            Block::Para(p) => lines.push(Line {
                cells: vec![tidy(&p.plain).trim().to_string()],
                markdown: tidy(&p.markdown).trim().to_string(),
                table_row: false,
                row: 0,
            }),
            Block::Row(cells) => {
                let row = lines.len() + 1;
                let tallest = cells.iter().map(Vec::len).max().unwrap_or(0);
                for k in 0..tallest {
                    let pick = |c: &Vec<Para>| c.get(k).map(|p| tidy(&p.plain).trim().to_string()).unwrap_or_default();
                    let texts: Vec<String> = cells.iter().map(pick).collect();
                    let markdown = texts
                        .iter()
                        .filter(|t| !t.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" | ");
                    lines.push(Line {
                        markdown,
                        cells: texts,
                        table_row: true,
                        row,
                    });
                }
            }
            Block::TableEnd => lines.push(Line::default()),
        }
    }
    Ok(lines)
}

/// A Word paragraph: plain text and Markdown.
#[derive(Debug, Default)]
struct Para {
    plain: String,
    markdown: String,
}

enum Block {
    Para(Para),
    /// A table row: its cells' paragraphs.
    Row(Vec<Vec<Para>>),
    /// The end of a table (a blank line after it).
    TableEnd,
}

/// Where the reader stands in `word/document.xml`.
#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    /// Table depth (a nested table is read into its outer cell).
    tables: usize,
    row: Vec<Vec<Para>>,
    para: Para,
    run_bold: bool,
    run_italic: bool,
    in_text: bool,
}

impl Walk {
    fn text(&mut self, t: &str) {
        self.para.plain.push_str(t);
        let mark = match (self.run_bold, self.run_italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            _ => "",
        };
        if mark.is_empty() || t.trim().is_empty() {
            self.para.markdown.push_str(t);
        } else {
            let (lead, rest) = t.split_at(t.len() - t.trim_start().len());
            let core = rest.trim_end();
            let trail = &rest[core.len()..];
            self.para.markdown.push_str(&format!("{lead}{mark}{core}{mark}{trail}"));
        }
    }

    fn end_para(&mut self) {
        let p = std::mem::take(&mut self.para);
        if self.tables > 0 {
            if let Some(cell) = self.row.last_mut() {
                cell.push(p);
            }
        } else {
            self.blocks.push(Block::Para(p));
        }
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The paragraphs and table rows of `word/document.xml`, in order.
fn parse_document(xml: &str) -> Result<Vec<Block>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut w = Walk::default();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match local(e.name().as_ref()) {
                "tbl" => w.tables += 1,
                "tr" if w.tables == 1 => w.row.clear(),
                "tc" if w.tables == 1 => w.row.push(Vec::new()),
                "r" => (w.run_bold, w.run_italic) = (false, false),
                "t" => w.in_text = true,
                _ => {}
            },
            Event::Empty(e) => match local(e.name().as_ref()) {
                "b" => w.run_bold = !off(&e),
                "i" => w.run_italic = !off(&e),
                "tab" => w.text("\t"),
                // An empty paragraph is a blank line.
                "p" => w.end_para(),
                "br" | "cr" => w.text(" "),
                _ => {}
            },
            Event::Text(t) if w.in_text => {
                let s = t.xml10_content();
                w.text(&s);
            }
            Event::GeneralRef(r) if w.in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    w.text(c.encode_utf8(&mut [0; 4]));
                } else {
                    let c = match &*r.xml10_content() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    w.text(c);
                }
            }
            Event::End(e) => match local(e.name().as_ref()) {
                "t" => w.in_text = false,
                "p" => w.end_para(),
                "tr" if w.tables == 1 => {
                    let row = std::mem::take(&mut w.row);
                    w.blocks.push(Block::Row(row));
                }
                "tbl" => {
                    w.tables = w.tables.saturating_sub(1);
                    if w.tables == 0 {
                        w.blocks.push(Block::TableEnd);
                    }
                }
                _ => {}
            },
            Event::Eof if w.tables > 0 || w.in_text => return Err("tệp kết thúc giữa chừng".into()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(w.blocks)
}

/// Whether a `<w:b w:val="0"/>`-like property is switched off.
fn off(e: &quick_xml::events::BytesStart) -> bool {
    e.attributes()
        .flatten()
        .any(|a| local(a.key.as_ref()) == "val" && matches!(&*a.value, "0" | "false" | "none"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vanban_document_is_not_imported() {
        let e = text(b"---\nnumber: 1-CV/TU\n---\nx\n", "a.md").expect_err("refused");
        assert!(e.message.contains("front matter"), "{}", e.message);
    }

    #[test]
    fn columns_of_a_flattened_header() {
        let l = text_line("ĐẢNG BỘ TỈNH HÀ TĨNH          ĐẢNG CỘNG SẢN VIỆT NAM");
        assert_eq!(l.cells, ["ĐẢNG BỘ TỈNH HÀ TĨNH", "ĐẢNG CỘNG SẢN VIỆT NAM"]);
        let l = text_line("Số 112-CV/TU\tHà Tĩnh, ngày 05 tháng 3 năm 2025");
        assert_eq!(l.cells, ["Số 112-CV/TU", "Hà Tĩnh, ngày 05 tháng 3 năm 2025"]);
        let l = text_line("                     Hà Tĩnh, ngày 05 tháng 3 năm 2025");
        assert_eq!(l.cells, ["", "Hà Tĩnh, ngày 05 tháng 3 năm 2025"]);
        assert_eq!(
            text_line("Một câu  có hai dấu cách.").cells,
            ["Một câu  có hai dấu cách."]
        );
    }

    #[test]
    fn word_paragraphs_tables_and_emphasis() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p><w:p><w:r><w:t>TỈNH NGHỆ AN</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Điều 1.</w:t></w:r><w:r><w:t xml:space="preserve"> Ban hành &amp; thi hành</w:t></w:r></w:p>
</w:body></w:document>"#;
        let blocks = parse_document(xml).expect("parses");
        assert_eq!(blocks.len(), 3);
        match &blocks[2] {
            Block::Para(p) => {
                assert_eq!(p.plain, "Điều 1. Ban hành & thi hành");
                assert_eq!(p.markdown, "**Điều 1.** Ban hành & thi hành");
            }
            _ => panic!("a paragraph"),
        }
        match &blocks[0] {
            Block::Row(cells) => assert_eq!((cells.len(), cells[0].len()), (2, 2)),
            _ => panic!("a row"),
        }
    }
}
