//! The `vanban` binary: everything lives in the library; see `vanban::cli`.

fn main() {
    std::process::exit(vanban::cli::main());
}
