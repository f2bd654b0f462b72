//! `vanban check --explain FILE`: what the recogniser and the graph made of
//! one document's citations.
//!
//! In: the link graph, the source texts and the run's diagnostics. Out: a
//! text with one line per mention, in file order: `line:col`, the mention as
//! written, where it leads (or why it leads nowhere), and its relation.

use crate::diag::{Diagnostic, Sources};
use crate::graph::{Index, Node, Target};
use crate::refs::Origin;
use crate::source::line_col;
use std::path::Path;

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// The explanation for `file`, or a line saying it is not a published document.
pub(crate) fn explain(index: &Index, sources: &Sources, diags: &[Diagnostic], file: &Path) -> String {
    let Some((i, d)) = index
        .docs
        .iter()
        .enumerate()
        .find(|(_, d)| same_file(Path::new(&d.doc.file), file))
    else {
        return format!(
            "{}: không phải văn bản được xuất bản (không có trong thư mục nội dung, là bản nháp, hoặc có lỗi)\n",
            file.display()
        );
    };
    let _ = sources;
    let text = d.doc.text.as_str();
    let mut lines: Vec<(usize, String)> = Vec::new();
    for r in &d.references {
        let target = match &r.target {
            Target::Node(n @ Node::Doc(_)) => format!("→ {} (có trong hệ thống)", index.url(*n)),
            Target::Node(n @ Node::Cited(_)) => format!("→ {} (chưa có toàn văn)", index.url(*n)),
            Target::Ambiguous(_) => "→ không liên kết: khớp với nhiều văn bản".to_string(),
        };
        let date = r.date.map(|x| format!(", ngày {x}")).unwrap_or_default();
        for crate::graph::Mention { span, relation, origin } in &r.mentions {
            let (l, c) = line_col(text, span.start);
            let written = text.get(span.clone()).unwrap_or("").replace(['\n', '\r'], " ");
            let from = match origin {
                Origin::FrontMatter => " [front matter]",
                Origin::Text => "",
            };
            lines.push((
                span.start,
                format!(
                    "  {l}:{c}  «{written}»  {} số {}{date}  {target}  quan hệ: {}{from}\n",
                    r.doc_type,
                    r.number,
                    relation.label_vi().to_lowercase()
                ),
            ));
        }
    }
    for w in diags.iter().filter(|w| w.file.as_deref() == Some(d.doc.file.as_str())) {
        if let Some(span) = &w.span {
            let (l, c) = line_col(text, span.start);
            lines.push((span.start, format!("  {l}:{c}  {}: {}\n", w.code, w.message)));
        }
    }
    lines.sort_by_key(|(at, _)| *at);
    let distinct = index.docs[i].references.len();
    let mentions: usize = index.docs[i].references.iter().map(|r| r.mentions.len()).sum();
    let mut out = format!("{}: {mentions} lần dẫn chiếu đến {distinct} văn bản\n", d.doc.file);
    for (_, l) in lines {
        out.push_str(&l);
    }
    out
}
