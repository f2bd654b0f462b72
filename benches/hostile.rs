//! Hostile inputs, timed: `cargo bench --bench hostile` builds, one at a time,
//! a 5 MB document, a document with 5,000 citations, a 50 MB document with
//! 6,400 citations, 20,000 nested block
//! quotes, a 200,000-character line and an empty body, and prints the time
//! and peak memory of each build, each in a process of its own (each must
//! stay under 10 s).

#[path = "support/measure.rs"]
mod measure;

fn main() {
    let fm = |n: &str| format!("---\nnumber: {n}\ntitle: Văn bản\nissuer: Ban Thường vụ Tỉnh ủy\n---\n");
    let sentence = "Thực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị về sắp xếp bộ máy. ";
    let cases: Vec<(&str, String)> = vec![
        (
            "5 MB document",
            fm("1-CV/TU") + &sentence.repeat(5_000_000 / sentence.len() + 1),
        ),
        (
            "5,000 citations",
            fm("2-CV/TU")
                + &(1..=5000)
                    .map(|i| format!("Kế hoạch số {i}-KH/TU ngày 1/1/2025; "))
                    .collect::<String>(),
        ),
        (
            "50 MB, 6,400 citations",
            fm("6-CV/TU")
                + &{
                    let filler = "Các cấp ủy, tổ chức đảng tiếp tục quán triệt, tổ chức thực hiện nghiêm túc các nhiệm vụ được giao. ";
                    let block = filler.repeat(50_000_000 / 6_400 / filler.len());
                    (1..=6400)
                    .map(|i| format!("{block}\n\nThực hiện Kế hoạch số {i}-KH/TU ngày 1/1/2025 của Ban Thường vụ Tỉnh ủy.\n\n"))
                    .collect::<String>()
                },
        ),
        ("20,000 nested quotes", fm("3-CV/TU") + &">".repeat(20_000) + " sâu\n"),
        ("200,000-char line", fm("4-CV/TU") + &"ả".repeat(200_000) + "\n"),
        ("empty body", fm("5-CV/TU")),
    ];
    println!("{:<22} {:>9} {:>14}", "input", "seconds", "peak RSS MiB");
    let vanban = std::path::Path::new(env!("CARGO_BIN_EXE_vanban"));
    for (name, text) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).expect("mkdir");
        std::fs::write(content.join("a.md"), text).expect("write");
        // Each build its own process: its peak memory is its own.
        match measure::run(vanban, &["build", "--output", "public"], dir.path()) {
            Ok((cost, _)) => println!("{name:<22} {:>9.2} {:>14.0}", cost.wall, cost.rss_mib),
            Err(why) => panic!("{name}: {why}"),
        }
    }
}
