//! The text of a directive as Markdown: one paragraph per paragraph of the
//! input (lines a PDF copy broke in mid-sentence joined again), parts and
//! articles as headings, numbered items kept as written (`1\.`, `3.1.`, so
//! that Markdown does not renumber them), Word tables as tables.

use super::read::Line;

/// The Markdown body of `lines`; a report's headline (`headline`) becomes
/// its first heading.
pub(super) fn markdown(lines: &[Line], headline: bool) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut table: Vec<&Line> = Vec::new();
    let mut open: Option<String> = None;
    for l in lines {
        if l.table_row && !l.is_blank() {
            flush(&mut open, &mut paras);
            table.push(l);
            continue;
        }
        if !table.is_empty() {
            paras.push(markdown_table(&table));
            table.clear();
        }
        if l.is_blank() {
            flush(&mut open, &mut paras);
            continue;
        }
        let text = l.markdown.trim().to_string();
        match open.take() {
            Some(prev) if continues(&prev, &text) => open = Some(format!("{prev} {text}")),
            Some(prev) => {
                paras.push(prev);
                open = Some(text);
            }
            None => open = Some(text),
        }
    }
    if !table.is_empty() {
        paras.push(markdown_table(&table));
    }
    flush(&mut open, &mut paras);
    let mut out: Vec<String> = paras.into_iter().map(|p| block(&p)).collect();
    if headline {
        if let Some(first) = out.first_mut() {
            *first = format!("## {}", first.trim_start_matches('#').trim());
        }
    }
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

fn flush(open: &mut Option<String>, paras: &mut Vec<String>) {
    if let Some(p) = open.take() {
        paras.push(p);
    }
}

/// Whether a line goes on the paragraph before it (a PDF copy breaks lines
/// in mid-sentence): the paragraph ends without closing punctuation, and
/// the line opens no unit or list item; it starts in lower case, or the
/// paragraph is a full-width line that a wrap cut.
fn continues(prev: &str, next: &str) -> bool {
    let closed = prev.trim_end().ends_with(['.', ':', ';', '!', '?', '"', '”', ')']);
    let item = crate::outline::kind_of(next).is_some() || next.starts_with(['-', '+', '•', '*']);
    let wrapped = prev.chars().count() >= 60 && !prev.starts_with('#');
    !closed && !item && (next.chars().next().is_some_and(char::is_lowercase) || wrapped)
}

/// One paragraph as a Markdown block: a part or chapter as a heading, an
/// article's heading line as a smaller one (the same grammar as the site's
/// anchors, `outline`), a numbered item with its number escaped, the rest
/// as it is.
fn block(p: &str) -> String {
    let plain = p.replace("**", "");
    let short = plain.chars().count() <= 140;
    match crate::outline::kind_of(&plain) {
        Some("part" | "section") if short => format!("## {}", plain.trim()),
        Some("article") if short && !plain.trim_end().ends_with(['.', ';', ',']) => format!("### {}", plain.trim()),
        _ => escape_number(p),
    }
}

/// `1. Nội dung` as `1\. Nội dung` (and `1) …` as `1\) …`): the number as
/// the document prints it, not a Markdown list that renumbers.
fn escape_number(p: &str) -> String {
    let digits = p.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && digits <= 3
        && matches!(p.as_bytes().get(digits), Some(b'.' | b')'))
        && p[digits + 1..].starts_with(' ')
    {
        return format!("{}\\{}", &p[..digits], &p[digits..]);
    }
    if p.starts_with(['+', '*']) && p[1..].starts_with(' ') {
        return format!("-{}", &p[1..]);
    }
    p.to_string()
}

/// Lines of a Word table as a Markdown table (its first row the head):
/// the lines of one row (a cell's paragraphs) make one row again.
fn markdown_table(lines: &[&Line]) -> String {
    let width = lines.iter().map(|r| r.cells.len()).max().unwrap_or(1);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for l in lines {
        if rows.last().is_none_or(|(id, _)| *id != l.row) {
            rows.push((l.row, vec![String::new(); width]));
        }
        if let Some((_, cells)) = rows.last_mut() {
            for (k, c) in l.cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                let cell = &mut cells[k];
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&c.replace('|', "\\|"));
            }
        }
    }
    let row = |cells: &[String]| format!("| {} |", cells.join(" | "));
    let mut out = vec![row(&rows[0].1), format!("|{}", " --- |".repeat(width))];
    out.extend(rows[1..].iter().map(|(_, c)| row(c)));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<Line> {
        s.lines()
            .map(|l| Line {
                cells: vec![l.trim().to_string()],
                markdown: l.trim().to_string(),
                table_row: false,
                row: 0,
            })
            .map(|mut l| {
                if l.markdown.is_empty() {
                    l.cells.clear();
                }
                l
            })
            .collect()
    }

    #[test]
    fn paragraphs_headings_and_numbers() {
        let md = markdown(
            &lines("I. MỤC ĐÍCH, YÊU CẦU\n1. Quán triệt sâu rộng nội dung\ncủa Kết luận.\n2) Bảo đảm\na) Một ý\n\nĐiều 1. Phạm vi điều chỉnh\nChương II\n+ một ý\nPhần lớn các đơn vị đã xong.\nChương trình công tác năm"),
            false,
        );
        assert_eq!(
            md,
            "## I. MỤC ĐÍCH, YÊU CẦU\n\n1\\. Quán triệt sâu rộng nội dung của Kết luận.\n\n2\\) Bảo đảm\n\na) Một ý\n\n### Điều 1. Phạm vi điều chỉnh\n\n## Chương II\n\n- một ý\n\nPhần lớn các đơn vị đã xong.\n\nChương trình công tác năm\n"
        );
    }
}
