//! The end of a directive: Nơi nhận and the signature block ("T/M BAN
//! THƯỜNG VỤ / PHÓ BÍ THƯ / (Đã ký) / Nguyễn Hải Trâm").
//!
//! In: the input's lines and where the text begins. Out: the signer and the
//! distribution list in the [`Draft`], and the line where the text ends.
//! Copied from a PDF or a Word table, the two blocks stand side by side:
//! Nơi nhận in the left cells, the signature in the right ones.

use super::header::item;
use super::read::Line;
use super::words::{capacity, capacity_body, is_name, is_signature_noise, is_upper, name_case, position};
use super::Draft;
use crate::source::fold;

/// How far from the end the signature and Nơi nhận are looked for.
const TAIL_LINES: usize = 40;

/// Reads the tail into `d`; returns the line the text ends at.
pub(super) fn read(lines: &[Line], from: usize, d: &mut Draft) -> usize {
    let low = from.max(lines.len().saturating_sub(TAIL_LINES));
    // Nơi nhận may open a long list: it is looked for in the whole text.
    let noi_nhan = (from..lines.len())
        .rev()
        .find(|&i| lines[i].cells.iter().any(|c| is_noi_nhan(c)));
    let signature = (low..lines.len()).find(|&i| lines[i].cells.iter().any(|c| opens_signature(c)));
    let end = match (noi_nhan, signature) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return trailing_name(lines, from, d),
    };
    let mut sig: Vec<String> = Vec::new();
    let mut dist: Vec<String> = Vec::new();
    let mut in_dist = false;
    for l in &lines[end..] {
        let cells: Vec<&String> = l.cells.iter().collect();
        let two = cells.len() >= 2 && !cells[0].is_empty();
        for (k, c) in cells.iter().enumerate() {
            if c.is_empty() {
                continue;
            }
            if is_noi_nhan(c) {
                in_dist = true;
                if let Some((_, rest)) = c.split_once(':') {
                    dist.extend(Some(item(rest)).filter(|s| !s.is_empty()));
                }
                continue;
            }
            let left = two && k == 0 || !two && in_dist && !opens_signature(c) && !signature_line(c);
            if left && in_dist {
                dist.push(item(c));
            } else {
                sig.push((*c).clone());
            }
        }
    }
    d.distribution.extend(dist.into_iter().filter(|s| !s.is_empty()));
    signer(&sig, d);
    end
}

fn is_noi_nhan(c: &str) -> bool {
    fold(c.trim_start_matches(['*', '_', ' '])).starts_with("noi nhan")
}

/// A line that opens a signature block: a capacity, or a position alone.
fn opens_signature(c: &str) -> bool {
    capacity(c).is_some() || is_upper(c) && position(c).is_some()
}

/// A line of a signature block.
fn signature_line(c: &str) -> bool {
    opens_signature(c) || is_signature_noise(c) || is_name(c) || is_upper(c) && c.chars().count() < 60
}

/// The signer from the signature block's lines.
fn signer(sig: &[String], d: &mut Draft) {
    for c in sig {
        if is_signature_noise(c) {
            continue;
        }
        if let Some((head, body)) = capacity(c) {
            // "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH": both, as printed.
            let this = format!("{head} {}", capacity_body(body));
            d.signer.capacity = Some(match d.signer.capacity.take() {
                Some(before) => format!("{before}, {this}"),
                None => this,
            });
        } else if let Some(p) = position(c) {
            if d.signer.position.is_none() {
                d.signer.position = Some(p.to_string());
            }
        } else if is_name(c) {
            d.signer.name = Some(name_case(c));
        }
    }
}

/// A text with neither signature nor Nơi nhận (a news report): a last
/// line that is a name is its byline.
fn trailing_name(lines: &[Line], from: usize, d: &mut Draft) -> usize {
    let last = (from..lines.len()).rev().find(|&i| !lines[i].is_blank());
    match last {
        Some(i) if is_name(&lines[i].text()) && lines[i].text().chars().count() < 40 => {
            d.byline = Some(name_case(&lines[i].text()));
            i
        }
        _ => lines.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[&str]) -> Line {
        Line {
            cells: cells.iter().map(|s| s.to_string()).collect(),
            markdown: cells.join(" "),
            table_row: false,
            row: 0,
        }
    }

    #[test]
    fn side_by_side_distribution_and_signature() {
        let lines = vec![
            line(&["Nội dung cuối cùng của văn bản."]),
            line(&["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"]),
            line(&["- Như Điều 3;", "KT. CHỦ TỊCH"]),
            line(&["- Thường trực Tỉnh ủy;", "PHÓ CHỦ TỊCH"]),
            line(&["- Lưu: VT, KT.", ""]),
            line(&["", "(Đã ký)"]),
            line(&["", "Trần Văn Minh"]),
        ];
        let mut d = Draft::default();
        assert_eq!(read(&lines, 1, &mut d), 1);
        assert_eq!(d.distribution, ["Như Điều 3", "Thường trực Tỉnh ủy", "Lưu: VT, KT"]);
        assert_eq!(d.signer.capacity.as_deref(), Some("TM. Ủy ban nhân dân, KT. Chủ tịch"));
        assert_eq!(d.signer.position.as_deref(), Some("Phó Chủ tịch"));
        assert_eq!(d.signer.name.as_deref(), Some("Trần Văn Minh"));
    }

    #[test]
    fn a_long_distribution_list() {
        let mut lines = vec![line(&["Văn bản."]), line(&["Nơi nhận:"])];
        lines.extend((0..45).map(|k| line(&[&format!("- Đảng ủy xã số {k};")])));
        lines.extend([line(&["T/M BAN THƯỜNG VỤ"]), line(&["BÍ THƯ"]), line(&["Lê Văn Hùng"])]);
        let mut d = Draft::default();
        assert_eq!(read(&lines, 1, &mut d), 1);
        assert_eq!(d.distribution.len(), 45);
        assert_eq!(d.signer.name.as_deref(), Some("Lê Văn Hùng"));
    }

    #[test]
    fn one_block_after_the_other() {
        let lines = vec![
            line(&["Văn bản."]),
            line(&["Nơi nhận:"]),
            line(&["- Như trên,"]),
            line(&["- Lưu Văn phòng Tỉnh ủy."]),
            line(&["T/M BAN THƯỜNG VỤ"]),
            line(&["PHÓ BÍ THƯ"]),
            line(&["Nguyễn Hải Trâm"]),
        ];
        let mut d = Draft::default();
        assert_eq!(read(&lines, 1, &mut d), 1);
        assert_eq!(d.distribution, ["Như trên", "Lưu Văn phòng Tỉnh ủy"]);
        assert_eq!(d.signer.capacity.as_deref(), Some("T/M Ban Thường vụ"));
        assert_eq!(d.signer.name.as_deref(), Some("Nguyễn Hải Trâm"));
    }
}
