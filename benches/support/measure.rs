//! Runs a program and measures it from Rust, without an external `time`:
//! wall time, and the child's own peak memory and CPU time read from
//! `/proc/<pid>/` every 5 ms while it runs (the peak, `VmHWM`, only grows,
//! so the last reading misses at most the last 5 ms; CPU time likewise).
//! Each run reports its own figures, never the bench process's.
#![allow(dead_code)] // each bench uses its part

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run cost.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cost {
    /// Seconds of wall time.
    pub(crate) wall: f64,
    /// Seconds of user and system CPU time (0 where `/proc` is missing).
    pub(crate) cpu: f64,
    /// Peak resident memory of the child, MiB (0 where `/proc` is missing).
    pub(crate) rss_mib: f64,
}

/// The child's peak memory (MiB) and CPU seconds so far.
fn sample(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some((hwm / 1024.0, ticks / 100.0))
}

/// Runs `program args` in `dir`; the cost and the child's stderr, or why it
/// could not run or failed.
pub(crate) fn run(program: &Path, args: &[&str], dir: &Path) -> Result<(Cost, String), String> {
    let (cost, stderr, code) = run_any(program, args, dir)?;
    if code != Some(0) {
        return Err(format!(
            "{} failed:\n{}",
            program.display(),
            &stderr[stderr.len().saturating_sub(2000)..]
        ));
    }
    Ok((cost, stderr))
}

/// [`run`], whatever the exit: the cost, the stderr and the exit code.
pub(crate) fn run_any(program: &Path, args: &[&str], dir: &Path) -> Result<(Cost, String, Option<i32>), String> {
    let log = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let err = log.reopen().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::from(err))
        .spawn()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let mut cost = Cost::default();
    let status = loop {
        if let Some((rss, cpu)) = sample(child.id()) {
            cost.rss_mib = cost.rss_mib.max(rss);
            cost.cpu = cost.cpu.max(cpu);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(e.to_string()),
        }
    };
    cost.wall = started.elapsed().as_secs_f64();
    let stderr = std::fs::read_to_string(log.path()).unwrap_or_default();
    Ok((cost, stderr, status.code()))
}

/// The peak resident memory (MiB) of a running process so far.
pub(crate) fn peak_mib(pid: u32) -> f64 {
    sample(pid).map_or(0.0, |(rss, _)| rss)
}
