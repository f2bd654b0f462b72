//! The command line as users run it: exit codes, `check`, safe writing,
//! `base_url`, drafts and themes.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::Path;
use std::process::Command;

#[path = "support/run.rs"]
mod run;
use run::{vanban, write};

const GOOD: &str = "---\nnumber: 4029-CV/TU\ntitle: Triển khai\nissuer: Ban Thường vụ Tỉnh ủy\n---\nThân.\n";

#[test]
fn failed_build_keeps_old_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("content/a.md"), GOOD);
    let ok = vanban(dir.path(), &["build"]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let page = dir.path().join("public/van-ban/4029-cv-tu/index.html");
    let before = std::fs::read_to_string(&page).expect("page built");
    // Break the content: the build fails and the old site stays as it was.
    write(
        &dir.path().join("content/a.md"),
        "---\nnumber: 4029-CV/TU\ntitle: [\n---\n",
    );
    write(
        &dir.path().join("content/b.md"),
        "---\nnumber: 1-KL/TW\ntitle: Mới\nissuer: Bộ Chính trị\n---\n",
    );
    let bad = vanban(dir.path(), &["build"]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("content/a.md:3:"), "{stderr}");
    assert!(stderr.contains("trang cũ được giữ nguyên"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&page).ok(), Some(before));
    assert!(!dir.path().join("public/van-ban/1-kl-tw").exists());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into())
        .collect();
    // No staging folder left (`.public.vanban-new-<pid>`); the build cache
    // beside the output is the only other thing a build keeps there.
    assert!(
        names.iter().all(|n| !n.contains("vanban-") || n == ".vanban-cache"),
        "{names:?}"
    );
}

#[test]
fn check_writes_nothing_and_reports_every_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        &dir.path().join("content/a.md"),
        "---\nnumber: 12-kl/TW\ntitle: T\nissuer: X\n---\n",
    );
    write(
        &dir.path().join("content/b.md"),
        "---\nnumber: 1-KL/TW\ntitle: T\nissuer: X\ndate: 30/2/2024\n---\n",
    );
    write(&dir.path().join("content/c.md"), GOOD);
    let out = vanban(dir.path(), &["check", "--message-format", "short"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/a.md:2:12: lỗi: `number`"), "{stderr}");
    assert!(
        stderr.contains("content/b.md:5:7: lỗi: ngày `30/2/2024` không tồn tại"),
        "{stderr}"
    );
    assert!(
        stderr.lines().last().is_some_and(|l| l.starts_with("Thất bại: 2 lỗi")),
        "{stderr}"
    );
    assert!(!dir.path().join("public").exists());
    // A clean check exits 0 and writes nothing either.
    std::fs::remove_file(dir.path().join("content/a.md")).expect("rm");
    std::fs::remove_file(dir.path().join("content/b.md")).expect("rm");
    let out = vanban(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("Đã kiểm tra: 1 văn bản"));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn json_messages_are_one_object_per_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        &dir.path().join("content/a.md"),
        "---\nnumber: 1-KL/TW\ntitle: T\n---\n",
    );
    let out = vanban(dir.path(), &["check", "--message-format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(lines[0]["file"], "content/a.md");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[1]["errors"], 1);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = vanban(dir.path(), &["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("lỗi: tùy chọn không có") && stderr.contains("--no-such-flag") && stderr.contains("gợi ý"),
        "{stderr}"
    );
    assert_eq!(vanban(dir.path(), &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        vanban(dir.path(), &["check", "--message-format", "xml"]).status.code(),
        Some(2)
    );
}

#[test]
fn missing_content_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = vanban(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không tìm thấy thư mục nội dung"));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("content/a.md"), GOOD);
    write(&dir.path().join("site/keep.txt"), "của người khác");
    write(&dir.path().join("site/index.html"), "<p>trang cũ của công cụ khác</p>");
    let out = vanban(dir.path(), &["build", "--output", "site"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(dir.path().join("site/keep.txt").exists());
    for target in [".", "content", ".."] {
        let out = vanban(dir.path(), &["build", "--output", target, "--force"]);
        assert_eq!(out.status.code(), Some(1), "{target}");
        assert!(dir.path().join("content/a.md").exists());
    }
    let out = vanban(dir.path(), &["build", "--output", "site", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.path().join("site/keep.txt").exists());
    assert!(dir.path().join("site/.vanban-site").exists());
}

#[test]
fn force_replaces_only_a_folder_that_looks_like_a_built_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("content/a.md"), GOOD);
    // Not a site: a repository, hidden folders, documents, the home folder.
    let cases: [(&str, &str, &str); 6] = [
        ("repo", ".git/HEAD", ".git"),
        ("dotfiles", "x/.ssh/id_ed25519", ".ssh"),
        ("papers", "van-ban/bao-cao.docx", "bao-cao.docx"),
        ("home", "index.html", "thư mục nhà"),
        // Photos and PDFs have "site" extensions, but no home page.
        ("Pictures", "2024/IMG_1.jpg", "index.html"),
        ("Documents", "thue.pdf", "index.html"),
    ];
    for (folder, file, named) in cases {
        write(&dir.path().join(folder).join(file), "giữ");
        if !matches!(folder, "Pictures" | "Documents") {
            write(&dir.path().join(folder).join("index.html"), "<p>cũ</p>");
        }
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
        cmd.args(["build", "--output", folder, "--force"])
            .current_dir(dir.path());
        if folder == "home" {
            cmd.env("HOME", dir.path().join("home"));
        }
        let out = cmd.output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{folder}: {err}");
        assert!(err.contains(named), "{folder}: the reason names {named}: {err}");
        assert!(dir.path().join(folder).join(file).exists(), "{folder} kept");
        // Without --force the refusal does not suggest the flag.
        let out = vanban(dir.path(), &["build", "--output", folder]);
        assert!(!String::from_utf8_lossy(&out.stderr).contains("--force"), "{folder}");
    }
    // Another generator's site (pages, styles, pictures, fonts) is replaced.
    for file in [
        "index.html",
        "css/site.css",
        "img/a.png",
        "fonts/x.woff2",
        "sitemap.xml",
        ".nojekyll",
    ] {
        write(&dir.path().join("hugo").join(file), "x");
    }
    let out = vanban(dir.path(), &["build", "--output", "hugo", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.path().join("hugo/img/a.png").exists());
    assert!(dir.path().join("hugo/.vanban-site").exists());
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("content/a.md"), GOOD);
    let out = vanban(
        dir.path(),
        &["build", "--base-url", "https://portal.gov.vn/van-ban-chi-dao"],
    );
    assert_eq!(out.status.code(), Some(0));
    let base = "https://portal.gov.vn/van-ban-chi-dao/";
    let mut checked = 0;
    for entry in walk(&dir.path().join("public")) {
        if entry.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&entry).expect("read");
            for attr in ["href=\"", "src=\""] {
                for part in html.split(attr).skip(1) {
                    let url = part.split('"').next().unwrap_or("");
                    assert!(
                        url.starts_with(base) || url.starts_with('#') || url.starts_with("https://schema.org"),
                        "{}: {url}",
                        entry.display()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} links checked");
    let robots = std::fs::read_to_string(dir.path().join("public/robots.txt")).expect("robots");
    assert!(robots.contains("Sitemap: https://portal.gov.vn/van-ban-chi-dao/sitemap.xml"));
}

/// A canonical link must be absolute: with a site-relative `base_url` (the
/// default `/`, or a path) pages have none, redirects included; with an
/// absolute one every document page has its own.
#[test]
fn canonical_links_only_with_an_absolute_base_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let aliased = GOOD.replace("issuer:", "aliases: [/cu/mot/]\nissuer:");
    write(&dir.path().join("content/a.md"), &aliased);
    let canonicals = |args: &[&str]| {
        let out = vanban(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let mut links = Vec::new();
        for entry in walk(&dir.path().join("public")) {
            let html = std::fs::read_to_string(&entry).unwrap_or_default();
            for part in html.split("<link rel=\"canonical\" href=\"").skip(1) {
                links.push(part.split('"').next().unwrap_or("").to_string());
            }
        }
        assert!(dir.path().join("public/cu/mot/index.html").exists());
        links
    };
    assert_eq!(canonicals(&["build"]), Vec::<String>::new());
    assert_eq!(
        canonicals(&["build", "--base-url", "/van-ban-chi-dao/"]),
        Vec::<String>::new()
    );
    let links = canonicals(&["build", "--base-url", "https://portal.gov.vn/vb"]);
    assert!(
        links.contains(&"https://portal.gov.vn/vb/van-ban/4029-cv-tu/".to_string()),
        "{links:?}"
    );
    assert!(
        links.iter().all(|l| l.starts_with("https://portal.gov.vn/vb/van-ban/")),
        "{links:?}"
    );
}

#[test]
fn drafts_only_with_the_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        &dir.path().join("content/a.md"),
        "---\nnumber: 1-CV/TU\ntitle: Nháp\nissuer: X\ndraft: true\n---\n",
    );
    assert_eq!(vanban(dir.path(), &["build"]).status.code(), Some(0));
    assert!(!dir.path().join("public/van-ban/1-cv-tu").exists());
    assert_eq!(vanban(dir.path(), &["build", "--drafts"]).status.code(), Some(0));
    assert!(dir.path().join("public/van-ban/1-cv-tu/index.html").exists());
}

#[test]
fn theme_folder_replaces_templates() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("content/a.md"), GOOD);
    write(&dir.path().join("theme/templates/404.html"), "<p>Riêng của tỉnh</p>");
    write(&dir.path().join("theme/static/logo.svg"), "<svg/>");
    write(&dir.path().join("theme/static/favicon.ico"), "icon of the province");
    let out = vanban(dir.path(), &["build", "--theme", "theme"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("public/404.html"))
            .ok()
            .as_deref(),
        Some("<p>Riêng của tỉnh</p>")
    );
    assert!(dir.path().join("public/static/logo.svg").exists());
    assert!(dir.path().join("public/static/style.css").exists());
    // The theme's icon is also the one at the root, where browsers ask.
    for icon in ["public/favicon.ico", "public/static/favicon.ico"] {
        let bytes = std::fs::read(dir.path().join(icon)).unwrap_or_default();
        assert_eq!(bytes, b"icon of the province", "{icon}");
    }
    let stderr = theme_build_fails(dir.path(), "document.html", "{{ doc.no_such_field }}");
    assert!(
        stderr.contains("van-ban/4029-cv-tu/index.html") && stderr.contains("document.html"),
        "{stderr}"
    );
}

/// Writes `text` as the theme's `template`, builds with the theme, checks
/// that the build fails, and gives its error output.
fn theme_build_fails(dir: &Path, template: &str, text: &str) -> String {
    write(&dir.join("theme/templates").join(template), text);
    let out = vanban(dir, &["build", "--theme", "theme"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A listing shows each item as the theme's `partials/item.html` renders it
/// (made once per document); an error in that partial names the partial.
#[test]
fn listings_use_the_theme_item_partial() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("content/a.md"), GOOD);
    write(
        &dir.path().join("theme/templates/partials/item.html"),
        "<li class=\"rieng\">{{ item.number }} · {{ site.title }}</li>",
    );
    let out = vanban(dir.path(), &["build", "--theme", "theme"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for page in ["public/van-ban/index.html", "public/loai/cong-van/index.html"] {
        let html = std::fs::read_to_string(dir.path().join(page)).expect(page);
        assert!(html.contains("<li class=\"rieng\">4029-CV/TU · "), "{page}: {html}");
    }
    let stderr = theme_build_fails(dir.path(), "partials/item.html", "<li>{{ item.no_such_field }}</li>");
    assert!(
        stderr.contains("list.html") && stderr.contains("no_such_field"),
        "{stderr}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The sample site, and a synthetic corpus with citations across provinces.
    let synthetic = dir.path().join("synthetic");
    synth::write_corpus(&synthetic, 300, 7).expect("corpus");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for (name, content) in [("sample", sample.as_path()), ("synthetic", synthetic.as_path())] {
        let build = |out: &str, threads: &str| {
            Command::new(env!("CARGO_BIN_EXE_vanban"))
                .args(["build", "--output", out, "--content"])
                .arg(content)
                .env("RAYON_NUM_THREADS", threads)
                .current_dir(dir.path())
                .output()
                .expect("run")
        };
        let (a, b) = (format!("{name}-a"), format!("{name}-b"));
        assert!(build(&a, "1").status.success() && build(&b, "4").status.success());
        let files_a = walk(&dir.path().join(&a));
        let files_b = walk(&dir.path().join(&b));
        assert!(files_a.len() > 20);
        assert_eq!(files_a.len(), files_b.len(), "{name}");
        for f in files_a {
            let rel = f.strip_prefix(dir.path().join(&a)).expect("rel");
            assert_eq!(
                std::fs::read(&f).ok(),
                std::fs::read(dir.path().join(&b).join(rel)).ok(),
                "{name}: {}",
                rel.display()
            );
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn explain_lists_each_citation_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        &dir.path().join("content/a.md"),
        "---\nnumber: 4029-CV/TU\ntitle: T\nissuer: Ban Thường vụ Tỉnh ủy\n---\nThực hiện Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị.\n\nTheo Nghị quyết số 18-NQ/TW và Chỉ thị số 35.\n",
    );
    let out = vanban(dir.path(), &["check", "--explain", "content/a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "content/a.md: 2 lần dẫn chiếu đến 2 văn bản", "{stdout}");
    assert!(
        lines[1].starts_with("  6:11  «Kết luận số 127-KL/TW»")
            && lines[1].contains("/van-ban/127-kl-tw-2025/")
            && lines[1].ends_with("quan hệ: thực hiện"),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with("  8:6  «Nghị quyết số 18-NQ/TW»") && lines[2].contains("quan hệ: dẫn chiếu"),
        "{stdout}"
    );
    assert!(lines[3].starts_with("  8:32  W-SHORT"), "{stdout}");
    let out = vanban(dir.path(), &["check", "--explain", "content/none.md"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("không phải văn bản được xuất bản"));
}

#[test]
fn timings_name_the_stages_and_the_slowest_templates() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("content/a.md"), GOOD);
    let out = vanban(dir.path(), &["build", "--timings"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for stage in [
        "đọc nội dung",
        "tìm trích dẫn",
        "liên kết",
        "trang",
        "ghi",
        "mẫu chậm nhất",
        "document.html",
    ] {
        assert!(stderr.contains(stage), "{stage}: {stderr}");
    }
}

#[test]
fn a_long_listing_links_a_window_of_its_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    synth::write_corpus(&dir.path().join("content"), 200, 3).expect("corpus");
    write(&dir.path().join("site.yaml"), "page_size: 5\n");
    let out = vanban(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(dir.path().join("public/van-ban/trang/20/index.html")).unwrap_or_default();
    let nav = page.split("class=\"pagination\"").nth(1).unwrap_or_default();
    let nav = nav.split("</nav>").next().unwrap_or_default();
    // The first, the last, two either side of page 20, and a gap marker each side.
    for linked in [
        "href=\"/van-ban/\"",
        "/van-ban/trang/18/",
        "/van-ban/trang/19/",
        "/van-ban/trang/21/",
        "/van-ban/trang/22/",
    ] {
        assert!(nav.contains(linked), "{linked} in {nav}");
    }
    assert!(nav.contains("aria-current=\"page\">Trang 20<"), "{nav}");
    assert_eq!(nav.matches('…').count(), 2, "{nav}");
    assert!(
        !nav.contains("/van-ban/trang/10/"),
        "pages far away are not linked: {nav}"
    );
    let numbers: Vec<usize> = nav
        .split("/van-ban/trang/")
        .skip(1)
        .filter_map(|rest| rest.split('/').next()?.parse().ok())
        .collect();
    assert!(numbers.iter().any(|n| *n >= 40), "the last page is linked: {numbers:?}");
    assert!(numbers.len() <= 8, "a handful of links, not one per page: {numbers:?}");
}

#[test]
fn aliases_and_slugs_never_overwrite_what_the_site_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clashes = [
        "/index.html",
        "/404.html",
        "/robots.txt",
        "/sitemap.xml",
        "/favicon.ico",
        "/static/style.css",
        "/api/",
        "/co-quan/ban-thuong-vu-tinh-uy/",
        "/tim-kiem/",
        "/van-ban/",
        "/van-ban/trang/2/",
        "/van-ban/4029-cv-tu/index.html",
        "/van-ban/4029-cv-tu/dan-chieu/",
    ];
    let text = format!(
        "---\nnumber: 4029-CV/TU\ntitle: Triển khai\nissuer: Ban Thường vụ Tỉnh ủy\naliases: [{}, /cu/van-ban-4029/]\n---\nThân.\n",
        clashes.join(", ")
    );
    write(&dir.path().join("content/a.md"), &text);
    let out = vanban(dir.path(), &["build", "--message-format", "short"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for alias in clashes {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("`{}", alias.trim_end_matches('/'))));
        assert!(
            line.is_some_and(
                |l| l.starts_with("content/a.md:5:") && (l.contains("trùng với") || l.contains("nằm trong"))
            ),
            "{alias}: {err}"
        );
    }
    assert!(!err.contains("/cu/van-ban-4029/"), "a free old address is fine: {err}");
    // Names too long for a file system: the editor's line, no bare OS error.
    let long = "a".repeat(250);
    write(
        &dir.path().join("content/a.md"),
        &format!(
            "---\nnumber: 4029-CV/TU\ntitle: T\nissuer: Ban Thường vụ Tỉnh ủy\naliases: [/cu/{long}/]\n---\nThân.\n"
        ),
    );
    write(
        &dir.path().join("content/b.md"),
        &format!("---\nnumber: 12-CV/TU\ntitle: Khác\nissuer: Ban Thường vụ Tỉnh ủy\nslug: {long}\n---\nThân.\n"),
    );
    let out = vanban(dir.path(), &["build", "--message-format", "short"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("content/a.md:5:") && l.contains(&long)),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("content/b.md:5:") && l.contains("slug")),
        "{err}"
    );
    assert!(!err.contains("os error"), "no bare OS error: {err}");
}

#[test]
fn a_file_name_cannot_forge_a_diagnostic_or_colour_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "a\nlỗi: giả mạo\u{1b}[2J.md";
    write(
        &dir.path().join("content").join(name),
        "---\nnumber: 1-CV/TU\ntitle: T\n---\n",
    );
    for format in ["short", "human"] {
        let out = vanban(dir.path(), &["build", "--message-format", format]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            !err.lines().any(|l| l.starts_with("lỗi: giả mạo")),
            "{format}: a forged line\n{err}"
        );
        assert!(!err.contains('\u{1b}'), "{format}: a raw escape\n{err}");
        assert!(
            err.contains("a\\nlỗi: giả mạo\\u{1b}[2J.md"),
            "{format}: the name shown escaped\n{err}"
        );
    }
}

#[test]
fn a_heading_says_the_type_word_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        &dir.path().join("content/hd.md"),
        "---\nnumber: 12-HD/TU\ntitle: Hướng dẫn thực hiện Quy định số 89-QĐ/TW\nissuer: Ban Thường vụ Tỉnh ủy\n---\nThân.\n",
    );
    write(&dir.path().join("content/cv.md"), GOOD);
    let out = vanban(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let h1 = |page: &str| {
        let html =
            std::fs::read_to_string(dir.path().join("public/van-ban").join(page).join("index.html")).expect("page");
        let start = html.find("<h1").unwrap_or(0);
        let end = html[start..].find("</h1>").map_or(html.len(), |e| start + e);
        html[start..end].to_string()
    };
    let hd = h1("12-hd-tu");
    assert_eq!(
        hd.matches("Hướng dẫn").count() + hd.matches("HƯỚNG DẪN").count(),
        1,
        "{hd}"
    );
    // A title that does not begin with it keeps the type word above it.
    let cv = h1("4029-cv-tu");
    assert!(cv.contains("doc-type") && cv.contains("Triển khai"), "{cv}");
}

/// A number without local codes cited with a provincial body is that
/// province's ("Tờ trình số 215/TTr-VP … của Chánh Văn phòng Ủy ban nhân dân
/// tỉnh" in two provinces: two pages with two addresses); a number with a
/// central body's code stays one page whatever body a mention names; a bare
/// list item takes no issuer whose code its number does not carry. None of
/// it may fail the build.
#[test]
fn inferred_series_and_issuers_never_fail_a_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = |number: &str, locality: &str, body: &str| {
        format!(
            "---\nnumber: {number}\ntitle: Về công tác cán bộ\nissuer: Ủy ban nhân dân tỉnh\nlocality: {locality}\ndate: 2025-07-20\n---\n{body}\n"
        )
    };
    let submission = "Xét đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh tại Tờ trình số 215/TTr-VP ngày 3/7/2025.";
    write(
        &dir.path().join("content/a.md"),
        &doc("1201/QĐ-UBND", "Gia Lai", submission),
    );
    write(
        &dir.path().join("content/b.md"),
        &doc("1202/QĐ-UBND", "Nghệ An", submission),
    );
    write(
        &dir.path().join("content/c.md"),
        &doc(
            "1203/QĐ-UBND",
            "Gia Lai",
            "Căn cứ Thông báo số 15/TB-VPCP ngày 3/7/2025 của Văn phòng Ủy ban nhân dân tỉnh; thực hiện Quyết định số 759/QĐ-TTg ngày 14/6/2025, số 1085/QĐ-UBND ngày 3/7/2025 của Ủy ban nhân dân tỉnh.",
        ),
    );
    write(
        &dir.path().join("content/d.md"),
        &doc(
            "1204/QĐ-UBND",
            "Nghệ An",
            "Căn cứ Thông báo số 15/TB-VPCP ngày 3/7/2025 của Văn phòng Chính phủ.",
        ),
    );
    let out = vanban(dir.path(), &["build", "--message-format", "short"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let page = |slug: &str| dir.path().join("public/van-ban").join(slug).join("index.html");
    assert!(page("215-ttr-vp-gia-lai-2025").is_file(), "{stderr}");
    assert!(page("215-ttr-vp-nghe-an-2025").is_file(), "{stderr}");
    assert!(page("15-tb-vpcp-2025").is_file(), "{stderr}");
    let ttg = std::fs::read_to_string(page("759-qd-ttg-2025")).expect("the Prime Minister's decision");
    // Its issuer is not known: the province's Ủy ban is 1085's alone.
    assert!(ttg.contains("Chưa rõ"), "759/QĐ-TTg is not the province's");
    let ubnd = std::fs::read_to_string(page("1085-qd-ubnd-gia-lai-2025")).expect("the province's decision");
    assert!(ubnd.contains("Ủy ban nhân dân tỉnh Gia Lai"));
}
