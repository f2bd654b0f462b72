//! Writes a synthetic corpus (every file marked synthetic) for benchmarks and
//! profiling: `cargo run --release --example corpus -- 10000 /tmp/c10k [--hugo]`.
//! The vanban site goes to `DIR/content`; with `--hugo`, its Hugo twin with
//! equivalent pages goes to `DIR/hugo`.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = args.first().and_then(|a| a.parse::<usize>().ok());
    let dir = args.get(1).map(PathBuf::from);
    let (Some(n), Some(dir)) = (n, dir) else {
        eprintln!("cách dùng: corpus SỐ_VĂN_BẢN THƯ_MỤC [--hugo]");
        return ExitCode::from(2);
    };
    if let Err(e) = synth::write_corpus(&dir.join("content"), n, 42) {
        eprintln!("lỗi: không ghi được kho văn bản vào {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    if args.iter().any(|a| a == "--hugo") {
        if let Err(e) = synth::write_hugo_site(&dir.join("hugo"), n, 42) {
            eprintln!("lỗi: không ghi được trang Hugo vào {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    println!("{n} văn bản tổng hợp trong {}", dir.display());
    ExitCode::SUCCESS
}
