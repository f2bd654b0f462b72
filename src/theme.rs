//! Themes: the templates and static files pages are made with.
//!
//! In: nothing (the default theme is compiled into the binary) or a theme
//! folder given with `--theme DIR` (`DIR/templates/*.html`, `DIR/static/**`).
//! Out: a [`Theme`] whose templates are parsed by Tera 2, or diagnostics
//! naming the template file and the Tera message. A theme folder overrides
//! the default file by file, so a site can change one template and keep the
//! rest.

use crate::diag::{Code, Diagnostic};
use std::path::Path;

/// Template names every theme provides (the default one fills any gap).
pub(crate) const TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "document.html",
    "cited.html",
    "list.html",
    "catalog.html",
    "search.html",
    "404.html",
    "redirect.html",
    "partials/item.html",
    "partials/pagination.html",
    "partials/pictures.html",
    "partials/cited_by.html",
    "partials/status.html",
    "partials/banner.html",
    "partials/on_page.html",
];

macro_rules! builtin {
    ($include:ident: $($path:literal),* $(,)?) => {
        &[$(($path, $include!(concat!("../themes/default/", $path)))),*]
    };
}

const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin!(
    include_str: "templates/base.html",
    "templates/index.html",
    "templates/document.html",
    "templates/cited.html",
    "templates/list.html",
    "templates/catalog.html",
    "templates/search.html",
    "templates/404.html",
    "templates/redirect.html",
    "templates/partials/item.html",
    "templates/partials/pagination.html",
    "templates/partials/pictures.html",
    "templates/partials/cited_by.html",
    "templates/partials/status.html",
    "templates/partials/banner.html",
    "templates/partials/on_page.html",
);

const BUILTIN_STATIC: &[(&str, &[u8])] = builtin!(
    include_bytes: "static/style.css",
    "static/search.js",
    "static/fold.js",
    "static/favicon.svg",
    "static/favicon.ico",
);

/// The theme file also written at the site root, where browsers ask for an
/// icon whatever the page links to.
const ROOT_ICON: &str = "static/favicon.ico";

/// A loaded theme.
pub struct Theme {
    /// The parsed templates.
    pub tera: tera::Tera,
    /// Static files: site-relative path (`static/style.css`) and bytes;
    /// `static/favicon.ico` also as `favicon.ico`.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Every template's name and text and every static file, folded into
    /// one number: a warm build renders every page when it changed.
    pub fingerprint: u64,
}

/// Loads the default theme, overridden by `dir` when given.
pub(crate) fn load(dir: Option<&Path>) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String, String)> = BUILTIN_TEMPLATES
        .iter()
        .map(|(p, t)| {
            (
                p.trim_start_matches("templates/").to_string(),
                t.to_string(),
                format!("(giao diện mặc định)/{p}"),
            )
        })
        .collect();
    let mut statics: Vec<(String, Vec<u8>)> = BUILTIN_STATIC
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_vec()))
        .collect();
    let mut diags = Vec::new();
    if let Some(dir) = dir {
        if !dir.is_dir() {
            return Err(vec![Diagnostic::error(
                Code::Theme,
                format!("không tìm thấy thư mục giao diện `{}`", dir.display()),
            )
            .hint("`--theme` nhận một thư mục có `templates/` và `static/`")]);
        }
        overlay(dir, &mut templates, &mut statics, &mut diags);
    }
    let mut tera = tera::Tera::new();
    tera.register_filter("safe", safe);
    // Each template alone first, to name the file of a syntax error.
    for (name, text, shown) in &templates {
        let mut single = tera::Tera::new();
        if let Err(e) = single.add_raw_template(name, text) {
            if !matches!(
                e.kind(),
                tera::ErrorKind::TemplateNotFound(_) | tera::ErrorKind::MissingParent { .. }
            ) {
                diags.push(
                    Diagnostic::error(Code::Theme, format!("mẫu `{name}` có lỗi cú pháp: {}", error_chain(&e)))
                        .in_file(shown)
                        .hint("xem cú pháp Tera 2: {{ biến }}, {% if %}…{% endif %}, {% for %}…{% endfor %}"),
                );
            }
        }
    }
    if diags.is_empty() {
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str()))) {
            diags.push(
                Diagnostic::error(Code::Theme, format!("giao diện không dùng được: {}", error_chain(&e)))
                    .hint("kiểm tra `{% extends %}` và `{% include %}` trỏ đến mẫu có thật"),
            );
        }
    }
    if let Some((_, icon)) = statics.iter().find(|(p, _)| p == ROOT_ICON) {
        let icon = icon.clone();
        statics.push((crate::routes::FAVICON.to_string(), icon));
    }
    statics.sort();
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        templates.sort();
        for (name, text, _) in &templates {
            (name, text).hash(&mut h);
        }
        statics.hash(&mut h);
        h.finish()
    };
    if diags.is_empty() {
        Ok(Theme {
            tera,
            statics,
            fingerprint,
        })
    } else {
        Err(diags)
    }
}

/// A theme folder's files over the default ones, file by file: its
/// `templates/**` (name, text, path shown in diagnostics) and `static/**`.
fn overlay(
    dir: &Path,
    templates: &mut Vec<(String, String, String)>,
    statics: &mut Vec<(String, Vec<u8>)>,
    diags: &mut Vec<Diagnostic>,
) {
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let root = dir.join(sub);
        if !root.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(
                        Diagnostic::error(Code::Theme, format!("không đọc được giao diện: {e}"))
                            .hint("kiểm tra quyền đọc thư mục giao diện"),
                    );
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let shown = entry.path().display().to_string();
            if is_template {
                match std::fs::read_to_string(entry.path()) {
                    Ok(text) => {
                        templates.retain(|(name, _, _)| *name != rel);
                        templates.push((rel, text, shown));
                    }
                    Err(e) => diags.push(
                        Diagnostic::error(Code::Theme, format!("không đọc được mẫu: {e}"))
                            .in_file(&shown)
                            .hint("mẫu phải là tệp UTF-8 đọc được"),
                    ),
                }
            } else {
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        let path = format!("static/{rel}");
                        statics.retain(|(p, _)| *p != path);
                        statics.push((path, bytes));
                    }
                    Err(e) => diags.push(
                        Diagnostic::error(Code::Theme, format!("không đọc được tệp: {e}"))
                            .in_file(&shown)
                            .hint("kiểm tra quyền đọc tệp"),
                    ),
                }
            }
        }
    }
}

/// Tera's `safe`, without a copy of a string that is safe already (a page
/// body, a JSON-LD block): the string is marked, not rebuilt. Anything else
/// becomes its text, marked safe, as with Tera's own.
fn safe(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() {
        value.clone().mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// A Tera error with its sources, on one line.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        out.push_str(": ");
        out.push_str(&s.to_string());
        src = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `safe` marks what it is given, as Tera's does: strings short and long,
    /// already safe or not, and other values as their text.
    #[test]
    fn safe_marks_without_changing() {
        let mut tera = tera::Tera::new();
        tera.register_filter("safe", safe);
        let render = |tpl: &str, value: tera::Value| {
            let mut t = tera.clone();
            t.add_raw_template("t.html", tpl).unwrap_or_else(|e| panic!("{e}"));
            let mut ctx = tera::Context::new();
            ctx.insert_value("x", value);
            t.render("t.html", &ctx).unwrap_or_else(|e| panic!("{e}"))
        };
        let long = "<p>Một đoạn văn dài hơn hai mươi mốt byte & còn nữa</p>";
        assert_eq!(render("{{ x | safe }}", long.into()), long);
        assert_eq!(
            render("{{ x }}", long.into()),
            long.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
        );
        assert_eq!(render("{{ x | safe }}", "<b>".into()), "<b>");
        assert_eq!(render("{{ x | safe }}", tera::Value::safe_string(long)), long);
        assert_eq!(render("{{ x }}", tera::Value::safe_string(long)), long);
        assert_eq!(render("{{ x | safe }}", 42u64.into()), "42");
    }

    #[test]
    fn builtin_theme_parses() {
        let theme = load(None).unwrap_or_else(|d| panic!("{d:?}"));
        for name in TEMPLATES {
            assert!(theme.tera.contains_template(name), "{name}");
        }
        assert!(theme.statics.iter().any(|(p, _)| p == "static/style.css"));
        let icon = |path: &str| theme.statics.iter().find(|(p, _)| p == path).map(|(_, b)| b.clone());
        assert!(icon("favicon.ico").is_some_and(|b| b.starts_with(&[0, 0, 1, 0])));
        assert_eq!(icon("favicon.ico"), icon("static/favicon.ico"));
    }

    #[test]
    fn theme_dir_overrides_and_reports_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let t = dir.path().join("templates");
        std::fs::create_dir_all(&t).expect("mkdir");
        std::fs::write(t.join("404.html"), "{% if %}").expect("write");
        let Err(diags) = load(Some(dir.path())) else {
            panic!("bad template accepted")
        };
        assert_eq!(diags.len(), 1);
        assert!(diags[0].file.as_deref().is_some_and(|f| f.ends_with("404.html")));
        std::fs::write(t.join("404.html"), "Không thấy").expect("write");
        let theme = load(Some(dir.path())).unwrap_or_else(|d| panic!("{d:?}"));
        let out = theme.tera.render("404.html", &tera::Context::new()).unwrap_or_default();
        assert_eq!(out, "Không thấy");
    }
}
