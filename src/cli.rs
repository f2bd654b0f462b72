//! The command line: arguments in, printed diagnostics and an exit code out.
//!
//! `build` and `check` as `docs/contracts/site.md` specifies. Exit codes: 0 success
//! (warnings allowed), 1 content or build errors, 2 usage errors (clap's own
//! code for bad arguments). Diagnostics and the progress bar go to stderr;
//! the bar shows only on a terminal. The last line always sums up the run.

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use vanban::diag::{self, Code, Format};
use vanban::{Options, Outcome, Progress};

/// vanban: trang web tĩnh cho văn bản chỉ đạo của Đảng và Nhà nước.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about = "vanban: trang web tĩnh cho văn bản chỉ đạo của Đảng và Nhà nước", long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Xây dựng trang web từ thư mục nội dung (build the site).
    Build(BuildArgs),
    /// Kiểm tra nội dung như khi xây dựng, không ghi gì (check only).
    Check(CheckArgs),
    /// Xem trước trực tiếp: phục vụ trang, dựng lại và tải lại khi sửa (live preview).
    Serve(ServeArgs),
    /// Tạo tệp văn bản mới với front matter điền sẵn (new document file).
    New(NewArgs),
    /// Nhập văn bản nhận được (.txt, .md, .docx) thành tệp Markdown có front matter.
    Import(ImportArgs),
}

/// `vanban import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Tệp văn bản: .txt, .md (không có front matter) hoặc .docx.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Thư mục nội dung.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Tỉnh/thành cho văn bản không ghi địa phương, ví dụ "Phú Thọ".
    #[arg(long, value_name = "NAME")]
    pub locality: Option<String>,
}

/// `vanban serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Where the site comes from.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Cổng (port); 0 chọn cổng trống.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Địa chỉ lắng nghe; mặc định chỉ máy này (127.0.0.1).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

/// `vanban new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// Thư mục nội dung.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Số ký hiệu, ví dụ 12-CV/TU.
    #[arg(long)]
    pub number: String,
    /// Cơ quan ban hành, ví dụ "Ban Thường vụ Tỉnh ủy".
    #[arg(long)]
    pub issuer: String,
    /// Trích yếu.
    #[arg(long)]
    pub title: String,
    /// Ngày ban hành, ví dụ 18/7/2025.
    #[arg(long)]
    pub date: Option<String>,
    /// Tỉnh/thành, ví dụ "Phú Thọ".
    #[arg(long)]
    pub locality: Option<String>,
    /// Tên loại, khi mã loại không đủ (Quy định).
    #[arg(long = "type", value_name = "TYPE")]
    pub doc_type: Option<String>,
}

/// Where the site comes from: shared by `build`, `check` and `serve`.
#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
    /// Thư mục nội dung (content folder).
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Tệp cấu hình (default: site.yaml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Thư mục giao diện thay cho giao diện mặc định.
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
    /// Gồm cả bản nháp (include drafts).
    #[arg(long)]
    pub drafts: bool,
}

/// Arguments shared by `build` and `check`.
#[derive(Debug, Args)]
pub(crate) struct CommonArgs {
    /// Where the site comes from.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Cách in thông báo: human, short (one line each) or json.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub message_format: Format,
}

/// `vanban build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Shared arguments.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Thư mục xuất (output folder).
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    /// Địa chỉ gốc của trang, ví dụ https://portal.gov.vn/van-ban/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Thay thế thư mục xuất dù không do vanban tạo.
    #[arg(long)]
    pub force: bool,
    /// In thời gian của từng giai đoạn (print the time of each stage).
    #[arg(long)]
    pub timings: bool,
    /// Dựng lại từ đầu, không dùng và không ghi bộ nhớ đệm `.vanban-cache/`
    /// (cold build: neither read nor write the build cache).
    #[arg(long)]
    pub no_cache: bool,
}

/// `vanban check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Shared arguments.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Liệt kê các trích dẫn tìm thấy trong tệp này (list the citations found in FILE).
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,
}

struct Bar(Option<ProgressBar>);

impl Progress for Bar {
    fn start(&self, pages: usize) {
        if let Some(b) = &self.0 {
            b.set_length(pages as u64);
            if pages >= 200 {
                b.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        }
    }
    fn tick(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

fn bar() -> Bar {
    if !std::io::stderr().is_terminal() {
        return Bar(None);
    }
    let b = ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} trang") {
        b.set_style(style.progress_chars("=> "));
    }
    b.set_prefix("Đang tạo trang");
    Bar(Some(b))
}

fn seconds(d: std::time::Duration) -> String {
    format!("{:.2}", d.as_secs_f64()).replace('.', ",")
}

fn report(outcome: &Outcome, format: Format, writing: Option<&PathBuf>) -> i32 {
    let mut err = String::new();
    for d in &outcome.diagnostics {
        err.push_str(&diag::render(d, &outcome.sources, format));
        if format == Format::Human {
            err.push('\n');
        }
    }
    let errors = outcome.diagnostics.len() - outcome.warnings();
    let c = &outcome.counts;
    let files = format!(
        "tệp: {} xuất bản, {} nháp, {} không phải văn bản, {} lỗi",
        c.published, c.drafts, c.skipped, c.errors
    );
    let line = if outcome.failed() {
        let kept = if writing.is_some() {
            "; trang cũ được giữ nguyên"
        } else {
            ""
        };
        format!(
            "Thất bại: {errors} lỗi, {} cảnh báo ({files}){kept}, {} giây",
            outcome.warnings(),
            seconds(outcome.elapsed)
        )
    } else {
        let verb = if writing.is_some() {
            "Đã xây dựng"
        } else {
            "Đã kiểm tra"
        };
        let kept = outcome.written.as_ref().map_or(0, |r| r.unchanged);
        let mut notes = Vec::new();
        if kept > 0 {
            notes.push(format!("{kept} tệp không đổi"));
        }
        if let Some(c) = outcome.cache.as_ref().filter(|c| c.reused > 0) {
            notes.push(format!("{} văn bản đọc lại, {} lấy từ bộ nhớ đệm", c.read, c.reused));
        }
        if let Some(n) = outcome.cache.as_ref().and_then(|c| c.rendered) {
            notes.push(format!("{n} trang dựng lại"));
        }
        let mut kept = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join("; "))
        };
        // The new site is in place; the old one could not be removed.
        if let Some(left) = outcome.written.as_ref().and_then(|r| r.leftover.as_ref()) {
            kept.push_str(&format!(
                "; không xóa được trang cũ ở {}, có thể xóa thư mục này",
                left.display()
            ));
        }
        let dest = writing
            .map(|p| format!(" vào {}{kept}", p.display()))
            .unwrap_or_default();
        format!(
            "{verb}: {} văn bản, {} trang ({} tệp), {} cảnh báo ({files}){dest}, {} giây",
            outcome.documents,
            outcome.pages,
            outcome.files,
            outcome.warnings(),
            seconds(outcome.elapsed)
        )
    };
    if let Some(why) = outcome.cache.as_ref().and_then(|c| c.ignored.as_ref()) {
        err.push_str(&format!("Bộ nhớ đệm bị bỏ qua ({why}); đọc lại toàn bộ nội dung.\n"));
    }
    if format == Format::Json {
        let summary = serde_json::json!({
            "summary": line, "documents": outcome.documents, "pages": outcome.pages, "files": outcome.files,
            "errors": errors, "warnings": outcome.warnings(), "seconds": outcome.elapsed.as_secs_f64(),
            "leftover": outcome.written.as_ref().and_then(|r| r.leftover.as_ref()).map(|p| p.display().to_string()),
            "cache": outcome.cache.as_ref().map(|c| serde_json::json!({"reused": c.reused, "read": c.read, "ignored": c.ignored, "rendered": c.rendered, "open_data": c.data.map(|d| d.0), "search": c.data.map(|d| d.1)})),
            "written": outcome.written.as_ref().map(|r| r.files - r.unchanged),
        });
        err.push_str(&format!("{summary}\n"));
    } else {
        err.push_str(&line);
        err.push('\n');
    }
    eprint!("{err}");
    i32::from(outcome.failed())
}

fn serve(a: ServeArgs) -> i32 {
    let options = vanban::serve::ServeOptions {
        run: Options {
            content: a.site.content,
            output: None,
            config: a.site.config,
            theme: a.site.theme,
            base_url: None,
            drafts: a.site.drafts,
            force: false,
            explain: None,
            cache: None,
        },
        bind: a.bind,
        port: a.port,
    };
    if !a.bind.is_loopback() {
        eprintln!(
            "Cảnh báo: đang mở cho máy khác truy cập ({}); chỉ dùng trong mạng tin cậy.",
            a.bind
        );
    }
    let log: vanban::serve::Log = std::sync::Arc::new(|line: String| eprintln!("{line}"));
    match vanban::serve::start(options, log) {
        Ok(handle) => {
            eprintln!("Đang phục vụ tại http://{}/ (Ctrl+C để dừng)", handle.addr);
            loop {
                std::thread::park();
            }
        }
        Err(e) => {
            eprintln!("lỗi: không mở được cổng: {e}");
            eprintln!("  = gợi ý: chọn cổng khác bằng `--port`, ví dụ `--port 1112`");
            1
        }
    }
}

/// Prints a usage error in Vietnamese (with clap's details) and returns 2;
/// help and version go to stdout with 0.
fn usage_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    let what = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            };
        }
        ErrorKind::UnknownArgument => "tùy chọn không có trong lệnh này",
        ErrorKind::InvalidSubcommand => "không có lệnh này",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "giá trị không hợp lệ",
        ErrorKind::MissingRequiredArgument => "thiếu tùy chọn bắt buộc",
        ErrorKind::MissingSubcommand => "thiếu lệnh (build, check, serve hoặc new)",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => "số giá trị không đúng",
        ErrorKind::ArgumentConflict => "hai tùy chọn không dùng cùng nhau được",
        _ => "dòng lệnh không hợp lệ",
    };
    let detail = e.render().to_string();
    let detail = detail.trim_start_matches("error: ").trim_end();
    eprintln!("lỗi: {what}");
    for line in detail.lines().filter(|l| !l.trim().is_empty()) {
        eprintln!("  | {line}");
    }
    eprintln!("  = gợi ý: xem `vanban --help` hoặc `vanban <lệnh> --help`");
    2
}

/// Runs the command line; returns the exit code.
pub(crate) fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Command::Build(a) => {
            let opts = Options {
                content: a.common.site.content,
                output: Some(a.output.clone()),
                config: a.common.site.config,
                theme: a.common.site.theme,
                base_url: a.base_url,
                drafts: a.common.site.drafts,
                force: a.force,
                explain: None,
                cache: (!a.no_cache).then(|| vanban::cache::folder_for(&a.output)),
            };
            let outcome = vanban::run(&opts, &bar());
            if a.timings {
                for (stage, d) in &outcome.timings {
                    eprintln!("  {stage:<22} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                }
                eprintln!("  mẫu chậm nhất (tổng thời gian, số trang):");
                for (name, d, n) in outcome.template_timings.iter().take(5) {
                    eprintln!("    {name:<20} {:>8.1} ms  {n:>6} trang", d.as_secs_f64() * 1000.0);
                }
            }
            report(&outcome, a.common.message_format, Some(&a.output))
        }
        Command::Serve(a) => serve(a),
        Command::New(a) => {
            let doc = vanban::scaffold::NewDocument {
                number: a.number,
                issuer: a.issuer,
                title: a.title,
                date: a.date,
                locality: a.locality,
                doc_type: a.doc_type,
            };
            match vanban::scaffold::create(&a.content, &doc) {
                Ok(path) => {
                    println!("Đã tạo {}", path.display());
                    0
                }
                Err(d) => {
                    eprint!("{}", diag::render(&d, &diag::Sources::new(), Format::Human));
                    if matches!(d.code, Code::Number | Code::Date | Code::New) {
                        2
                    } else {
                        1
                    }
                }
            }
        }
        Command::Import(a) => import(a),
        Command::Check(a) => {
            let opts = Options {
                content: a.common.site.content,
                output: None,
                config: a.common.site.config,
                theme: a.common.site.theme,
                base_url: None,
                drafts: a.common.site.drafts,
                force: false,
                explain: a.explain,
                cache: None,
            };
            let outcome = vanban::run(&opts, &vanban::Quiet);
            if let Some(text) = &outcome.explain {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all(text.as_bytes());
                let _ = stdout.flush();
            }
            report(&outcome, a.common.message_format, None)
        }
    }
}

/// `vanban import`: the path of each file written on stdout, one line per
/// input; what could not be determined and every failure on stderr. Exit 0
/// when every input was written, 1 otherwise.
fn import(a: ImportArgs) -> i32 {
    let sources = diag::Sources::new();
    let mut failed = false;
    for done in vanban::import::import(&a.files, &a.content, a.locality.as_deref()) {
        for w in &done.warnings {
            eprint!("{}", diag::render(w, &sources, Format::Human));
        }
        match done.written {
            Ok(path) => println!("{}", path.display()),
            Err(d) => {
                failed = true;
                eprint!("{}", diag::render(&d, &sources, Format::Human));
            }
        }
    }
    i32::from(failed)
}
