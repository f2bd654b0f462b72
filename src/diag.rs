//! Diagnostics: what every stage reports, and how it is shown.
//!
//! In: the typed errors of each stage, turned into [`Diagnostic`]s at one
//! boundary (each stage's `diagnostic()`), and the source texts. Out: text in
//! rustc style (the file, line and column counted in characters, the source
//! line, a caret under the span, a hint in Vietnamese), a one-line
//! `path:line:col: message` form, or JSON lines for tools.
//!
//! Written by hand rather than with a reporting crate: the output is small,
//! must line up under Vietnamese text (wide and combining characters are
//! measured with `unicode-width`), and is part of the golden test output.

use crate::source::{line_at, line_col, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

/// Error or warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the run.
    Error,
    /// Listed; the run succeeds.
    Warning,
}

/// A diagnostic's stable code (`E-YAML`, `W-KEY` …), for tools and the
/// documentation; `E-` codes are errors, `W-` codes warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// `E-KEY`: a front-matter key is missing or wrong.
    Key,
    /// `E-THEME`: the theme cannot be read or has a template error.
    Theme,
    /// `E-FRONT`: the front matter block is missing or not closed.
    Front,
    /// `E-WRITE`: the output cannot be written.
    Write,
    /// `E-CONFIG`: `site.yaml` is not valid.
    Config,
    /// `W-SYMLINK`: a symbolic link is skipped.
    Symlink,
    /// `E-YAML`: the front matter is not valid YAML.
    Yaml,
    /// `E-NUMBER`: a number (số ký hiệu) is not valid.
    Number,
    /// `E-DUP`: two files are one document.
    Dup,
    /// `E-DATE`: a date is not valid.
    Date,
    /// `W-TYPEWORD`: the type word contradicts the number's code.
    TypeWord,
    /// `W-MISWRITTEN`: a Party-shaped number with a State issuer.
    Miswritten,
    /// `W-HYPHEN`: a number that lost its hyphen.
    Hyphen,
    /// `W-ENCODING`: text typed in a legacy font encoding.
    Encoding,
    /// `W-CONFLICT`: mentions disagree about a cited document's facts.
    Conflict,
    /// `W-CONFIG`: an unknown or unsupported `site.yaml` value.
    ConfigKey,
    /// `W-AMBIGUOUS`: a citation fits several documents.
    Ambiguous,
    /// `E-URL`: two pages want one URL.
    Url,
    /// `E-READ`: a file cannot be read.
    Read,
    /// `E-NEW`: `vanban new` cannot make the file.
    New,
    /// `E-EXISTS`: a file would be overwritten.
    Exists,
    /// `E-IMPORT`: `vanban import` cannot read or understand an input.
    Import,
    /// `W-IMPORT`: a field `vanban import` could not determine (left out).
    Undetermined,
    /// `W-STATUS`: a declared status contradicts the graph.
    Status,
    /// `W-SHORT`: a short form that links to nothing.
    Short,
    /// `W-SELF`: a document cites itself.
    SelfCitation,
    /// `W-KEY`: an unknown front-matter key.
    UnknownKey,
    /// `W-FUTURE`: a cited document dated after the citing one.
    Future,
    /// `W-DATE-YEAR`: a date outside the year its number carries.
    DateYear,
    /// `E-RENDER`: a page cannot be rendered.
    Render,
    /// `E-NUM`: a number given on the command line is not valid.
    Num,
    /// `E-CONTENT`: the content folder cannot be used.
    Content,
    /// `E-UTF8`: a file is not UTF-8.
    Utf8,
    /// `W-DATE-IMPOSSIBLE`: a date in running text names no real day.
    ImpossibleDate,
    /// `E-SIZE`: a document is over the size limit, or nested too deep.
    TooBig,
    /// `W-COMPLEX`: a body with too much Markdown punctuation, shown as plain text.
    Complex,
}

impl Code {
    /// The printed code.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Key => "E-KEY",
            Code::Theme => "E-THEME",
            Code::Front => "E-FRONT",
            Code::Write => "E-WRITE",
            Code::Config => "E-CONFIG",
            Code::Symlink => "W-SYMLINK",
            Code::Yaml => "E-YAML",
            Code::Number => "E-NUMBER",
            Code::Dup => "E-DUP",
            Code::Date => "E-DATE",
            Code::TypeWord => "W-TYPEWORD",
            Code::Miswritten => "W-MISWRITTEN",
            Code::Hyphen => "W-HYPHEN",
            Code::Encoding => "W-ENCODING",
            Code::Conflict => "W-CONFLICT",
            Code::ConfigKey => "W-CONFIG",
            Code::Ambiguous => "W-AMBIGUOUS",
            Code::Url => "E-URL",
            Code::Read => "E-READ",
            Code::TooBig => "E-SIZE",
            Code::Complex => "W-COMPLEX",
            Code::New => "E-NEW",
            Code::Exists => "E-EXISTS",
            Code::Import => "E-IMPORT",
            Code::Undetermined => "W-IMPORT",
            Code::Status => "W-STATUS",
            Code::Short => "W-SHORT",
            Code::SelfCitation => "W-SELF",
            Code::UnknownKey => "W-KEY",
            Code::Future => "W-FUTURE",
            Code::DateYear => "W-DATE-YEAR",
            Code::Render => "E-RENDER",
            Code::Num => "E-NUM",
            Code::Content => "E-CONTENT",
            Code::Utf8 => "E-UTF8",
            Code::ImpossibleDate => "W-DATE-IMPOSSIBLE",
        }
    }

    /// What to do, when the diagnostic says nothing more particular.
    pub fn default_hint(self) -> &'static str {
        match self {
            Code::Key => "xem bảng khóa front matter trong README",
            Code::Theme => "kiểm tra thư mục giao diện (`--theme`) và cú pháp mẫu Tera",
            Code::Front => "mở đầu tệp bằng `---`, các dòng `khóa: giá trị`, rồi một dòng `---`",
            Code::Write => "kiểm tra thư mục xuất, quyền ghi và dung lượng đĩa",
            Code::Config => "xem bảng cấu hình `site.yaml` trong README",
            Code::Symlink => "đặt tệp thật vào thư mục nội dung thay cho liên kết",
            Code::Yaml => "kiểm tra dấu `:`, dấu ngoặc kép và thụt lề của dòng được chỉ",
            Code::Number => "viết số ký hiệu như trên văn bản, ví dụ `4029-CV/TU` hoặc `30/2020/NĐ-CP`",
            Code::Dup => "mỗi văn bản chỉ một tệp; sửa `date`/`locality` nếu là hai văn bản khác nhau",
            Code::Date => "viết ngày theo dạng 2025-07-18 hoặc 18/7/2025",
            Code::TypeWord => "kiểm tra lại tên loại hoặc số ký hiệu",
            Code::Miswritten => "viết số văn bản nhà nước theo dạng `03/NQ-CP`",
            Code::Hyphen => "thêm dấu `-` giữa số và ký hiệu, ví dụ `127-KL/TW`",
            Code::Encoding => "chuyển văn bản sang Unicode (NFC) trước khi đưa vào",
            Code::Conflict => "kiểm tra lại ngày hoặc cơ quan ban hành ghi trong các câu dẫn chiếu",
            Code::ConfigKey => "xem bảng cấu hình `site.yaml` trong README",
            Code::Ambiguous => "ghi rõ ngày hoặc địa phương của văn bản được dẫn chiếu",
            Code::Url => "đổi `slug` hoặc `aliases` để mỗi trang một địa chỉ",
            Code::Read => "kiểm tra quyền đọc tệp",
            Code::Complex => "văn bản có hàng trăm nghìn ký hiệu `[`, `*`, `_`, `>`…; kiểm tra xem tệp có bị dán nhầm không, hoặc chia văn bản thành nhiều tệp",
            Code::TooBig => "chia văn bản thành nhiều tệp, hoặc nâng `max_document_mb` trong `site.yaml` nếu văn bản thật sự lớn như vậy",
            Code::New => "kiểm tra số ký hiệu, ngày và thư mục nội dung",
            Code::Exists => "sửa tệp đó, hoặc xóa nó trước nếu muốn tạo lại",
            Code::Import => "kiểm tra tệp: cần toàn văn văn bản (.txt, .md hoặc .docx) có dòng số ký hiệu",
            Code::Undetermined => "điền khóa này trong tệp đã tạo nếu văn bản có ghi",
            Code::Status => "sửa `status` hoặc bỏ khóa này để vanban tự xác định",
            Code::Short => "ghi số ký hiệu đầy đủ ở lần nhắc đầu tiên",
            Code::SelfCitation => "xóa mục dẫn chiếu chính văn bản này",
            Code::UnknownKey => "kiểm tra chính tả tên khóa",
            Code::Future => "kiểm tra lại ngày của hai văn bản",
            Code::DateYear => "kiểm tra lại ngày hoặc năm trong số ký hiệu",
            Code::Render => "kiểm tra mẫu giao diện được nêu",
            Code::Num => "viết số ký hiệu như trên văn bản, ví dụ `4029-CV/TU`",
            Code::Content => "kiểm tra đường dẫn `--content`",
            Code::Utf8 => "lưu tệp với bảng mã UTF-8",
            Code::ImpossibleDate => "kiểm tra lại ngày, tháng của văn bản được dẫn chiếu",
        }
    }

    /// Error or warning, as the code says.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with("E-") {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One message for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Its stable code.
    pub code: Code,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// The file (as shown to the user), if the message is about one.
    pub file: Option<String>,
    /// Where in the file.
    pub span: Option<Span>,
    /// A label under the caret.
    pub label: Option<String>,
    /// What to do, in Vietnamese.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `code`, its severity and default hint the code's
    /// ([`Diagnostic::hint`] says something more particular).
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            file: None,
            span: None,
            label: None,
            hint: Some(code.default_hint().to_string()),
        }
    }

    /// An error (`code` must be an `E-` code).
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        debug_assert_eq!(code.severity(), Severity::Error, "{code}");
        Diagnostic::new(code, message)
    }

    /// A warning (`code` must be a `W-` code).
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        debug_assert_eq!(code.severity(), Severity::Warning, "{code}");
        Diagnostic::new(code, message)
    }

    /// Attaches a file and a span in it.
    pub fn at(mut self, file: &str, span: Span) -> Self {
        self.file = Some(file.to_string());
        self.span = Some(span);
        self
    }

    /// Attaches a file without a position.
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_string());
        self
    }

    /// Adds a label shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The texts of the files diagnostics point into, by their shown path.
pub type Sources = BTreeMap<String, String>;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// rustc style with the source line and a caret.
    #[default]
    Human,
    /// `path:line:col: severity: message`.
    Short,
    /// One JSON object per line.
    Json,
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "lỗi",
        Severity::Warning => "cảnh báo",
    }
}

/// Renders one diagnostic.
pub fn render(d: &Diagnostic, sources: &Sources, format: Format) -> String {
    let text = d.file.as_ref().and_then(|f| sources.get(f));
    let pos = match (text, &d.span) {
        (Some(t), Some(s)) => Some(line_col(t, s.start)),
        _ => None,
    };
    match format {
        Format::Short => {
            let place = match (d.file.as_deref().map(printable), pos) {
                (Some(f), Some((l, c))) => format!("{f}:{l}:{c}: "),
                (Some(f), None) => format!("{f}: "),
                _ => String::new(),
            };
            format!("{place}{}: {}\n", severity_word(d.severity), printable(&d.message))
        }
        Format::Json => {
            #[derive(Serialize)]
            struct J<'a> {
                severity: Severity,
                code: &'a str,
                message: &'a str,
                file: Option<&'a str>,
                line: Option<usize>,
                column: Option<usize>,
                hint: Option<&'a str>,
            }
            let j = J {
                severity: d.severity,
                code: d.code.as_str(),
                message: &d.message,
                file: d.file.as_deref(),
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
                hint: d.hint.as_deref(),
            };
            format!("{}\n", serde_json::to_string(&j).unwrap_or_default())
        }
        Format::Human => render_human(d, text, pos),
    }
}

fn render_human(d: &Diagnostic, text: Option<&String>, pos: Option<(usize, usize)>) -> String {
    let mut out = format!("{}[{}]: {}\n", severity_word(d.severity), d.code, printable(&d.message));
    let gutter_width = pos.map_or(1, |(l, _)| l.to_string().len());
    let pad = " ".repeat(gutter_width);
    if let Some(f) = d.file.as_deref().map(printable) {
        match pos {
            Some((l, c)) => out.push_str(&format!("{pad}--> {f}:{l}:{c}\n")),
            None => out.push_str(&format!("{pad}--> {f}\n")),
        }
    }
    if let (Some(t), Some(span), Some((l, _))) = (text, &d.span, pos) {
        let (line, line_start) = line_at(t, span.start);
        let start = span.start.clamp(line_start, line_start + line.len()) - line_start;
        let end = span.end.clamp(start + line_start, line_start + line.len()) - line_start;
        let (before, marked, after) = window(line, start, end);
        let lead = before.width();
        let under = marked.width().max(1);
        out.push_str(&format!(
            "{pad} |\n{l} | {before}{marked}{after}\n{pad} | {}{}",
            " ".repeat(lead),
            "^".repeat(under)
        ));
        if let Some(label) = &d.label {
            out.push(' ');
            out.push_str(&printable(label));
        }
        out.push('\n');
    }
    if let Some(h) = &d.hint {
        // A hint may name files: each of its lines escaped.
        let h: Vec<_> = h.split('\n').map(printable).collect();
        let h = h.join(&format!("\n{pad}           "));
        out.push_str(&format!("{pad} = gợi ý: {h}\n"));
    }
    out
}

/// A source line longer than this many characters is cut around its span.
const SHOWN: usize = 240;

/// The part of `line` shown before the span, the span, and after it, with
/// control characters escaped: a line over [`SHOWN`] characters is cut to
/// about 80 characters either side of the span, the cuts marked `…` (a 20 MB
/// line of one document is not printed whole).
fn window(line: &str, start: usize, end: usize) -> (String, String, String) {
    if line.chars().nth(SHOWN).is_none() {
        let p = |r: std::ops::Range<usize>| printable(&line[r]).into_owned();
        return (p(0..start), p(start..end), p(end..line.len()));
    }
    let cut_before = line[..start].char_indices().rev().nth(80).map(|(i, _)| i);
    let marked_end = line[start..end].char_indices().nth(160).map_or(end, |(i, _)| start + i);
    let cut_after = line[marked_end..].char_indices().nth(80).map(|(i, _)| marked_end + i);
    let before = match cut_before {
        Some(i) => format!("…{}", printable(&line[i..start])),
        None => printable(&line[..start]).into_owned(),
    };
    let after = match cut_after {
        Some(i) => format!("{}…", printable(&line[marked_end..i])),
        None => printable(&line[marked_end..]).into_owned(),
    };
    (before, printable(&line[start..marked_end]).into_owned(), after)
}

/// Text with control characters escaped (`\u{1b}`), so that a file name or
/// a line cannot move the cursor, colour the terminal or forge a line.
pub(crate) fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Sorts diagnostics for stable output: by file, position, then message.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.span.as_ref().map(|s| s.start), a.severity, &a.message).cmp(&(
            &b.file,
            b.span.as_ref().map(|s| s.start),
            b.severity,
            &b.message,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_say_their_severity() {
        let all = [
            Code::Key,
            Code::Theme,
            Code::Front,
            Code::Write,
            Code::Config,
            Code::Symlink,
            Code::Yaml,
            Code::Number,
            Code::Dup,
            Code::Date,
            Code::TypeWord,
            Code::Miswritten,
            Code::Hyphen,
            Code::Encoding,
            Code::Conflict,
            Code::ConfigKey,
            Code::Ambiguous,
            Code::Url,
            Code::Read,
            Code::New,
            Code::Exists,
            Code::Import,
            Code::Undetermined,
            Code::Status,
            Code::Short,
            Code::SelfCitation,
            Code::UnknownKey,
            Code::Future,
            Code::DateYear,
            Code::Render,
            Code::Num,
            Code::Content,
            Code::Utf8,
            Code::ImpossibleDate,
        ];
        let names: std::collections::BTreeSet<&str> = all.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), all.len());
        for c in all {
            let want = if c.as_str().starts_with("E-") {
                Severity::Error
            } else {
                Severity::Warning
            };
            assert_eq!(c.severity(), want, "{c}");
            assert!(!c.default_hint().is_empty(), "{c}");
            assert!(c.as_str().starts_with("E-") || c.as_str().starts_with("W-"), "{c}");
        }
    }

    #[test]
    fn long_lines_are_cut_and_control_characters_escaped() {
        let long = format!("{}127-KL/TW{}", "[".repeat(10_000), "]".repeat(10_000));
        let at = long.find("127").unwrap_or(0);
        let d = Diagnostic::warning(Code::Short, "x").at("a\u{1b}[2J.md", at..at + 9);
        let mut sources = Sources::new();
        sources.insert("a\u{1b}[2J.md".into(), long);
        let out = render(&d, &sources, Format::Human);
        assert!(out.len() < 1_500, "{}", out.len());
        assert!(
            out.contains("…[[[") && out.contains("127-KL/TW]]]") && out.contains("]]…"),
            "{out}"
        );
        assert!(!out.contains('\u{1b}') && out.contains("a\\u{1b}[2J.md"), "{out}");
        // The caret still stands under the span.
        let lines: Vec<&str> = out.lines().collect();
        let (src, caret) = (lines[3], lines[4]);
        let col = caret.chars().position(|c| c == '^').unwrap_or(0);
        let from: String = src.chars().skip(col).take(9).collect();
        assert_eq!(from, "127-KL/TW", "{src}\n{caret}");
        let short = render(&d, &sources, Format::Short);
        assert!(!short.contains('\u{1b}'), "{short}");
        // A hint that names a file.
        let d = d.hint("xem `b\u{1b}[31m\rlỗi.md`\ndòng hai");
        let out = render(&d, &sources, Format::Human);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\r') && out.contains("dòng hai"),
            "{out}"
        );
    }

    #[test]
    fn human_caret_under_vietnamese() {
        let mut sources = Sources::new();
        sources.insert("a.md".into(), "---\ntiêu đề: x\nnumber: 12\n---\n".into());
        let start = "---\ntiêu đề: x\n".len();
        let d = Diagnostic::error(Code::Num, "sai")
            .at("a.md", start + 8..start + 10)
            .label("đây")
            .hint("sửa đi");
        let out = render(&d, &sources, Format::Human);
        assert_eq!(
            out,
            "lỗi[E-NUM]: sai\n --> a.md:3:9\n  |\n3 | number: 12\n  |         ^^ đây\n  = gợi ý: sửa đi\n"
        );
        assert_eq!(render(&d, &sources, Format::Short), "a.md:3:9: lỗi: sai\n");
        let json = render(&d, &sources, Format::Json);
        assert!(json.contains("\"line\":3") && json.contains("\"column\":9"), "{json}");
    }

    #[test]
    fn caret_width_counts_display_columns() {
        let mut sources = Sources::new();
        sources.insert("b.md".into(), "ủy ban: x".into());
        let d = Diagnostic::warning(Code::UnknownKey, "m").at("b.md", 0.."ủy ban".len());
        let out = render(&d, &sources, Format::Human);
        assert!(out.contains("1 | ủy ban: x\n  | ^^^^^^\n"), "{out}");
    }
}
