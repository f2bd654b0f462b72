//! Where a one-file edit spends its time before rendering:
//! `cargo run --release --example edit_timings -- CONTENT FILE` prepares the
//! site, appends a line to FILE, prepares again with the session's caches
//! (as the dev server does) and prints each stage of both runs; seven
//! edits, then the median wall time of an edit's preparation.

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(content), Some(file)) = (args.first(), args.get(1)) else {
        eprintln!("usage: edit_timings CONTENT FILE");
        std::process::exit(2);
    };
    let opts = vanban::Options {
        content: PathBuf::from(content),
        ..vanban::Options::default()
    };
    let mut session = vanban::Session::caching();
    let first = vanban::prepare(&opts, &mut session);
    print("cold", &first.outcome);
    drop(first);
    let original = std::fs::read_to_string(file).expect("read FILE");
    let mut walls = Vec::new();
    for round in 0..7 {
        std::fs::write(file, format!("{original}\nSửa lần {round}.\n")).expect("write FILE");
        session.changed(vec![PathBuf::from(file)]);
        let t = std::time::Instant::now();
        let again = vanban::prepare(&opts, &mut session);
        let wall = t.elapsed();
        print(&format!("edit {round} ({wall:.1?})"), &again.outcome);
        walls.push(wall);
        drop(again);
    }
    walls.sort();
    println!(
        "median of {} edits: {:.1} ms",
        walls.len(),
        walls[walls.len() / 2].as_secs_f64() * 1000.0
    );
    std::fs::write(file, original).expect("restore FILE");
}

fn print(label: &str, out: &vanban::Outcome) {
    let parts: Vec<String> = out
        .timings
        .iter()
        .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
        .collect();
    println!("{label}: {}", parts.join(", "));
}
