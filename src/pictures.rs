//! Pictures drawn into the pages as inline SVG: the timeline of the
//! documents that implement or cite a document, and a small graph of its
//! relations.
//!
//! In: plain rows (date, document, issuer, locality, relation). Out: SVG
//! markup with `role="img"`, a `<title>` and a `<desc>` that say what the
//! picture shows in words; the page carries the same rows as a table, the
//! picture's text alternative. The SVG holds no links and no script: it is a
//! picture, and the table is where a reader (or a screen reader) follows the
//! links. Sizes are in a `viewBox`, so the picture scales down to a phone.

use crate::date::Date;
use crate::escape::Attr;
use std::fmt::Write;

/// One row of a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// Date, when known.
    pub date: Option<Date>,
    /// "Công văn số 73-CV/TU".
    pub label: String,
    /// Issuer names.
    pub issuer: String,
    /// Locality.
    pub locality: Option<String>,
    /// "Thực hiện", "Dẫn chiếu" ...
    pub relation: String,
    /// Whether this row is the document the page is about.
    pub this: bool,
}

/// At most `n` characters of `s`, the last one `…` when it was cut.
fn cut(s: &str, n: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(n) {
        None => s.into(),
        Some(_) => {
            let end = s.char_indices().nth(n - 1).map_or(s.len(), |(i, _)| i);
            format!("{}…", &s[..end]).into()
        }
    }
}

/// A row's caption in `buf` (reused from row to row): the label without
/// "số", `between`, the relation in lower case, `after`.
fn caption<'b>(buf: &'b mut String, label: &str, between: &str, relation: &str, after: &str) -> &'b str {
    buf.clear();
    let mut parts = label.split(" số ");
    if let Some(first) = parts.next() {
        buf.push_str(first);
    }
    for part in parts {
        buf.push(' ');
        buf.push_str(part);
    }
    buf.push_str(between);
    buf.push_str(&relation.to_lowercase());
    buf.push_str(after);
    buf
}

/// A vertical timeline, oldest first; undated rows come last.
pub(crate) fn timeline(id: &str, subject: &str, rows: &[Row], total: usize) -> String {
    let mut rows: Vec<&Row> = rows.iter().collect();
    rows.sort_by_key(|r| (r.date.is_none(), r.date));
    let step = 46;
    let shown = rows.iter().filter(|r| !r.this).count();
    let more = total.saturating_sub(shown);
    let height = 30 + step * rows.len().max(1) + if more > 0 { 30 } else { 0 };
    let dated: Vec<Date> = rows.iter().filter_map(|r| r.date).collect();
    let span = match (dated.first(), dated.last()) {
        (Some(a), Some(b)) if a != b => format!(" từ {a} đến {b}"),
        (Some(a), _) => format!(" ngày {a}"),
        _ => String::new(),
    };
    let others = total;
    let mut out = String::with_capacity(1024 + 300 * rows.len());
    let _ = write!(
        out,
        "<svg class=\"picture timeline\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 400 {height}\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-t\">Dòng thời gian: {}</title>\
<desc id=\"{id}-d\">{} văn bản thực hiện hoặc dẫn chiếu{span}; bảng bên dưới có cùng dữ liệu.</desc>\
<line x1=\"24\" y1=\"20\" x2=\"24\" y2=\"{}\" class=\"axis\"/>",
        Attr(subject),
        others,
        height - 10
    );
    let mut buf = String::new();
    for (k, r) in rows.iter().enumerate() {
        let y = 34 + step * k;
        let date = r.date.map_or_else(|| "chưa rõ ngày".to_string(), |d| d.to_string());
        let who = match &r.locality {
            Some(l) if !r.issuer.contains(l.as_str()) => format!("{} ({l})", r.issuer),
            _ => r.issuer.clone(),
        };
        let class = if r.this { "dot this" } else { "dot" };
        let _ = write!(
            out,
            "<circle cx=\"24\" cy=\"{y}\" r=\"7\" class=\"{class}\"/>\
<text x=\"44\" y=\"{}\" class=\"when\">{} · {}</text>\
<text x=\"44\" y=\"{}\" class=\"who\">{}</text>",
            y - 4,
            Attr(&date),
            Attr(&cut(caption(&mut buf, &r.label, " (", &r.relation, ")"), 36)),
            y + 14,
            Attr(&cut(&who, 42)),
        );
    }
    if more > 0 {
        let _ = write!(
            out,
            "<text x=\"44\" y=\"{}\" class=\"who\">… và {more} văn bản khác (xem danh sách đầy đủ)</text>",
            height - 14
        );
    }
    out.push_str("</svg>");
    out
}

/// A small graph, drawn top to bottom so that it reads on a phone: what the
/// document implements or cites, the document, what implements or cites it.
pub(crate) fn relations(id: &str, center: &str, outgoing: (&[Row], usize), incoming: (&[Row], usize)) -> String {
    const MAX: usize = 6;
    let step = 38;
    let (outgoing, out_total) = outgoing;
    let (incoming, in_total) = incoming;
    let lines = |total: usize| total.min(MAX) + usize::from(total > MAX);
    let height = 40 + 26 * 2 + step * (lines(out_total) + lines(in_total)) + 60 + 24;
    let mut out = String::with_capacity(2048);
    let _ = write!(
        out,
        "<svg class=\"picture graph\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 400 {height}\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-t\">Sơ đồ quan hệ: {}</title>\
<desc id=\"{id}-d\">Phía trên {} văn bản mà văn bản này thực hiện hoặc dẫn chiếu; phía dưới {} văn bản thực hiện hoặc dẫn chiếu văn bản này; bảng bên dưới có cùng dữ liệu.</desc>",
        Attr(center),
        out_total,
        in_total
    );
    let mut y = 20;
    let mut spine: Vec<usize> = Vec::new();
    let column =
        |list: &[Row], total: usize, heading: &str, y: &mut usize, spine: &mut Vec<usize>, out: &mut String| {
            let _ = write!(
                out,
                "<text x=\"10\" y=\"{}\" class=\"who\">{}</text>",
                *y + 14,
                Attr(heading)
            );
            *y += 26;
            if list.is_empty() {
                let _ = write!(out, "<text x=\"50\" y=\"{}\" class=\"who\">(không có)</text>", *y + 10);
                *y += 20;
            }
            let mut buf = String::new();
            for r in list.iter().take(MAX) {
                let class = if r.relation == "Dẫn chiếu" {
                    "edge cites"
                } else {
                    "edge strong"
                };
                let _ = write!(
                    out,
                    "<line x1=\"30\" y1=\"{m}\" x2=\"50\" y2=\"{m}\" class=\"{class}\"/>\
<rect x=\"50\" y=\"{}\" width=\"340\" height=\"30\" rx=\"4\" class=\"node\"/>\
<text x=\"58\" y=\"{}\" class=\"label\">{}</text>",
                    *y,
                    *y + 20,
                    Attr(&cut(caption(&mut buf, &r.label, " · ", &r.relation, ""), 38)),
                    m = *y + 15,
                );
                spine.push(*y + 15);
                *y += step;
            }
            if total > MAX {
                let _ = write!(
                    out,
                    "<text x=\"58\" y=\"{}\" class=\"label more\">và {} văn bản khác</text>",
                    *y + 18,
                    total - MAX
                );
                *y += step;
            }
        };
    column(
        outgoing,
        out_total,
        "Văn bản này thực hiện, dẫn chiếu:",
        &mut y,
        &mut spine,
        &mut out,
    );
    let center_y = y + 8;
    spine.push(center_y + 18);
    let _ = write!(
        out,
        "<rect x=\"10\" y=\"{center_y}\" width=\"380\" height=\"36\" rx=\"6\" class=\"node this\"/>\
<text x=\"200\" y=\"{}\" class=\"label center\" text-anchor=\"middle\">{}</text>",
        center_y + 24,
        Attr(&cut(center, 40))
    );
    y = center_y + 52;
    column(
        incoming,
        in_total,
        "Được thực hiện, dẫn chiếu bởi:",
        &mut y,
        &mut spine,
        &mut out,
    );
    if let (Some(a), Some(b)) = (spine.iter().min(), spine.iter().max()) {
        let _ = write!(out, "<line x1=\"30\" y1=\"{a}\" x2=\"30\" y2=\"{b}\" class=\"axis\"/>");
    }
    let _ = write!(
        out,
        "<text x=\"10\" y=\"{}\" class=\"legend\">Nét liền: thực hiện, căn cứ, thay thế…; nét đứt: dẫn chiếu</text></svg>",
        y + 14
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(d: Option<(i32, u32, u32)>, label: &str, this: bool) -> Row {
        Row {
            date: d.and_then(|(y, m, dd)| Date::new(y, m, dd)),
            label: label.into(),
            issuer: "Ban Thường vụ Tỉnh ủy <Phú Thọ>".into(),
            locality: Some("Phú Thọ".into()),
            relation: "Thực hiện".into(),
            this,
        }
    }

    #[test]
    fn timeline_is_a_described_picture() {
        let svg = timeline(
            "tl",
            "Kết luận số 127-KL/TW",
            &[
                row(None, "Công văn số 4029-CV/TU", false),
                row(Some((2025, 2, 28)), "Kết luận số 127-KL/TW", true),
            ],
            1,
        );
        assert!(svg.starts_with("<svg class=\"picture timeline\" role=\"img\" aria-labelledby=\"tl-t tl-d\""));
        assert!(svg.contains("<title id=\"tl-t\">Dòng thời gian: Kết luận số 127-KL/TW</title>"));
        assert!(svg.contains("1 văn bản thực hiện hoặc dẫn chiếu ngày 28/02/2025"));
        assert!(svg.contains("&lt;Phú Thọ&gt;") && !svg.contains("<Phú"));
        assert!(!svg.contains("văn bản khác"));
        // More citing documents than rows: the picture says how many are left out.
        let more = timeline("tl", "X", &[row(None, "A", false)], 40);
        assert!(more.contains("… và 39 văn bản khác"));
        // Oldest first, undated last.
        assert!(svg.find("28/02/2025").unwrap_or(usize::MAX) < svg.find("chưa rõ ngày").unwrap_or(0));
    }

    proptest::proptest! {
        /// Escaping as it writes, and cutting, give what the plain
        /// definitions give.
        #[test]
        fn esc_and_cut_agree_with_their_definitions(s in "([a-zđ &<>\"']|…|ế){0,50}", n in 1usize..45) {
            let esc = s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
            proptest::prop_assert_eq!(Attr(&s).to_string(), esc);
            let want = if s.chars().count() <= n {
                s.clone()
            } else {
                format!("{}…", s.chars().take(n - 1).collect::<String>())
            };
            proptest::prop_assert_eq!(cut(&s, n).into_owned(), want);
            let mut buf = String::new();
            let label = format!("{s} số {s}số số  số");
            proptest::prop_assert_eq!(
                caption(&mut buf, &label, " (", &s, ")"),
                format!("{} ({})", label.replace(" số ", " "), s.to_lowercase())
            );
        }
    }

    #[test]
    fn graph_caps_each_side() {
        let many: Vec<Row> = (0..9)
            .map(|k| row(Some((2025, 1, 1 + k)), &format!("Văn bản {k}"), false))
            .collect();
        let svg = relations("g", "Kết luận số 127-KL/TW", (&[], 0), (&many, many.len()));
        assert!(svg.contains("và 3 văn bản khác"));
        assert_eq!(svg.matches("class=\"node\"").count(), 6);
        assert!(svg.contains("Phía trên 0 văn bản") && svg.contains("phía dưới 9 văn bản"));
    }
}
