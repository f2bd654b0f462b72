//! Running the built binary in a folder, and writing content files for it:
//! shared by the command-line tests.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `vanban ARGS` in `dir`.
pub(crate) fn vanban(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run vanban")
}

/// Writes `text` to `path`, making its folders.
pub(crate) fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}
