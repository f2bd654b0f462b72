//! The structure of a directive's text: parts, chapters, sections, articles,
//! clauses and points, each with a stable anchor, and pinpoint citations
//! ("khoản 2 Điều 5 Nghị định số …") turned into those anchors.
//!
//! In: the leading text of each block of a body (heading, paragraph, list
//! item), in order. Out: an [`Anchor`] per structural block. `markdown`
//! puts the ids on the blocks and collects the contents; `render` asks
//! [`fragment`] which anchor of a published document a pinpoint names.
//!
//! Ids are built from the outermost unit inward, so that the same words
//! give the same id in the cited text and in the citing sentence:
//!
//! | written | id |
//! |---|---|
//! | `I.`, `Phần II`, `PHẦN THỨ HAI` | `phan-ii` |
//! | `Chương III` | `chuong-iii` |
//! | `Mục 2` (inside chapter III) | `chuong-iii-muc-2` |
//! | `Điều 5.` (numbered through the document) | `dieu-5` |
//! | `2.` inside article 5 | `dieu-5-khoan-2` |
//! | `a)`, `đ)` inside it | `dieu-5-khoan-2-diem-a`, `…-diem-dd` |
//! | `3.`, `3.1.` outside articles (inside part II) | `phan-ii-muc-3`, `phan-ii-muc-3-1` |
//!
//! An id already given in the document is not given again (the later block
//! has none), so ids stay unique.

use crate::source::fold;
use rustc_hash::FxHashSet;

/// A structural unit recognised at the start of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    /// `Phần II`, `II.`: a part (roman).
    Part(String),
    /// `Chương III`.
    Chapter(String),
    /// `Mục 2`: a section named with the word.
    Section(String),
    /// `Điều 5`.
    Article(String),
    /// `3.`, `3.1.`: numbered item (the numbers of its path).
    Numbered(Vec<String>),
    /// `a)`: a point.
    Point(String),
}

/// The anchor of a structural block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The id (`dieu-5-khoan-2`).
    pub id: String,
    /// Its level in the contents (1 for parts and chapters, 2 below), or
    /// none when it is too fine for the contents (clauses, points, sub-items).
    pub contents: Option<u8>,
    /// Whether it is a numbered item (`1.`) rather than a part, chapter,
    /// section or article: the contents list items only when the text has
    /// nothing larger.
    pub item: bool,
}

/// Ordinal words of `Phần thứ …`, folded, with their number.
const ORDINALS: &[(&str, u32)] = &[
    ("nhat", 1),
    ("mot", 1),
    ("hai", 2),
    ("ba", 3),
    ("tu", 4),
    ("bon", 4),
    ("nam", 5),
    ("sau", 6),
    ("bay", 7),
    ("tam", 8),
    ("chin", 9),
    ("muoi", 10),
];

/// The words that name a unit, folded, in a heading or a pinpoint.
const UNIT_WORDS: &[(&str, Kind)] = &[
    ("phan", Kind::Part),
    ("chuong", Kind::Chapter),
    ("tieu muc", Kind::Section),
    ("muc", Kind::Section),
    ("tiet", Kind::Section),
    ("dieu", Kind::Article),
    ("khoan", Kind::Clause),
    ("diem", Kind::Point),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Part,
    Chapter,
    Section,
    Article,
    Clause,
    Point,
}

/// Roman numerals up to 39, lowercase.
fn roman(n: u32) -> Option<String> {
    if n == 0 || n >= 40 {
        return None;
    }
    let tens = ["", "x", "xx", "xxx"][(n / 10) as usize];
    let ones = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][(n % 10) as usize];
    Some(format!("{tens}{ones}"))
}

/// Whether a folded word is a roman numeral up to 39.
fn is_roman(w: &str) -> bool {
    !w.is_empty() && (1..40).any(|n| roman(n).as_deref() == Some(w))
}

/// A label as written (`II`, `5`, `3.1`, `thứ hai`, `đ`), made an id piece:
/// roman numerals lowercase, dotted numbers with `-`, `đ` as `dd`.
fn label_piece(original: &str, folded: &str) -> Option<String> {
    let folded = folded.trim_end_matches(['.', ':', ')', ',']);
    if is_roman(folded) {
        return Some(folded.to_string());
    }
    let parts: Vec<&str> = folded.split('.').filter(|p| !p.is_empty()).collect();
    if !parts.is_empty()
        && parts
            .iter()
            .all(|p| p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(parts.join("-"));
    }
    let first = original.chars().next()?;
    if folded.len() == 1 && folded.as_bytes()[0].is_ascii_lowercase() {
        return Some(if matches!(first, 'đ' | 'Đ') {
            "dd".into()
        } else {
            folded.into()
        });
    }
    None
}

/// The unit a block starts with, from its first words as written (Markdown
/// marks, escapes and emphasis stripped by the caller or here).
fn unit(lead: &str, heading: bool) -> Option<Unit> {
    if !may_open_unit(lead) {
        return None;
    }
    // `1\.`, `3.1.`, `2)`: the marker alone decides, read without the rest.
    let start = lead.trim_start_matches(|c: char| matches!(c, '\\' | '*' | '_' | '#' | '>' | '`') || c.is_whitespace());
    if start.starts_with(|c: char| c.is_ascii_digit()) {
        let marker: String = start
            .chars()
            .take_while(|c| !c.is_whitespace())
            .filter(|c| !matches!(c, '\\' | '*' | '_'))
            .take(16)
            .collect();
        return numbered_start(&marker, &marker);
    }
    let clean: String = lead
        .chars()
        .filter(|c| !matches!(c, '\\' | '*' | '_' | '#' | '>' | '`'))
        .take(80)
        .collect();
    let clean = clean.trim_start();
    let words: Vec<&str> = clean.split_whitespace().take(4).collect();
    let first = *words.first()?;
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let named = |i: usize| folded.get(i).map(String::as_str).unwrap_or("");
    match named(0) {
        "phan" if named(1) == "thu" => {
            let n = ORDINALS
                .iter()
                .find(|(w, _)| named(2).trim_end_matches(['.', ':']) == *w)?
                .1;
            return roman(n).map(Unit::Part);
        }
        "phan" | "chuong" | "muc" | "dieu" => {
            let label = *words.get(1)?;
            // In a paragraph, "Điều 5." opens an article; "Điều 5 của Luật …"
            // is a sentence about one.
            let closed = label.ends_with(['.', ':']) || words.len() == 2;
            if !heading && matches!(named(0), "dieu" | "muc") && !closed {
                return None;
            }
            let piece = label_piece(label, named(1))?;
            let roman_label = is_roman(&piece);
            return Some(match named(0) {
                "phan" if roman_label => Unit::Part(piece),
                "phan" => Unit::Part(roman(piece.parse().ok()?)?),
                "chuong" => Unit::Chapter(piece),
                "muc" => Unit::Section(piece),
                _ if piece.bytes().all(|b| b.is_ascii_digit() || b == b'-') => Unit::Article(piece),
                _ => return None,
            });
        }
        _ => {}
    }
    numbered_start(first, named(0))
}

/// What kind of unit a block's first words open, for `import` to lay out
/// a received text with the same grammar: `part` (parts and chapters),
/// `section` (`Mục 2`), `article`, `numbered`, `point`.
pub(crate) fn kind_of(lead: &str) -> Option<&'static str> {
    Some(match unit(lead, false)? {
        Unit::Part(_) | Unit::Chapter(_) => "part",
        Unit::Section(_) => "section",
        Unit::Article(_) => "article",
        Unit::Numbered(_) => "numbered",
        Unit::Point(_) => "point",
    })
}

/// The first words that may open a unit, folded.
const OPENING_WORDS: &[&str] = &["phan", "chuong", "muc", "dieu"];

/// Whether a block's first word can open a unit, asked without allocating
/// for most blocks (a body has many paragraphs and few units): a number, a
/// roman numeral, a letter with `)`, or one of [`OPENING_WORDS`].
fn may_open_unit(lead: &str) -> bool {
    let start = lead.trim_start_matches(|c: char| matches!(c, '\\' | '*' | '_' | '#' | '>' | '`') || c.is_whitespace());
    let word = start.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    let Some(first) = word.chars().next() else { return false };
    if first.is_ascii_digit() || matches!(first, 'I' | 'V' | 'X' | 'L') {
        return true;
    }
    if word.chars().nth(1).is_some_and(|c| c == ')') {
        return true;
    }
    word.len() <= 12 && OPENING_WORDS.contains(&fold(word).trim_end_matches([':', '.']))
}

/// `II.`, `3.`, `3.1.`, `3.1`, `a)`: a numbered block's marker.
fn numbered_start(original: &str, folded: &str) -> Option<Unit> {
    let marker_end = folded.ends_with(['.', ')', ':']) || folded.contains('.');
    if !marker_end || folded.len() > 12 {
        return None;
    }
    let bare = folded.trim_end_matches(['.', ')', ':']);
    if original.chars().next().is_some_and(char::is_uppercase) && is_roman(bare) && !folded.ends_with(')') {
        return Some(Unit::Part(bare.to_string()));
    }
    if bare.len() == 1 && bare.as_bytes()[0].is_ascii_lowercase() && folded.ends_with(')') {
        return label_piece(original, bare).map(Unit::Point);
    }
    let parts: Vec<&str> = bare.split('.').collect();
    // `1.500` is a number with a thousands separator, not item 1.500.
    if parts.len() > 1 && parts[1..].iter().any(|p| p.len() == 3) {
        return None;
    }
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        && (folded.ends_with(['.', ')']) || parts.len() > 1)
    {
        return Some(Unit::Numbered(parts.iter().map(|p| p.to_string()).collect()));
    }
    None
}

/// Walks a body's blocks in order and gives each structural one its anchor.
#[derive(Debug, Default)]
pub struct Outliner {
    /// The part or chapter the text is in (`phan-ii`, `chuong-iii`).
    part: Option<String>,
    /// The section named with the word `Mục`.
    section: Option<String>,
    /// The article.
    article: Option<String>,
    /// The innermost numbered item (a clause inside an article).
    numbered: Option<String>,
    /// Ids given so far.
    seen: FxHashSet<String>,
    /// Runs of articles numbered from 1 in the text: a decision's own
    /// articles, then those of the Quy chế it issues, which start again.
    runs: usize,
    /// Runs seen so far, and the last article number.
    run: usize,
    last_article: Option<u32>,
}

impl Outliner {
    /// An outliner for a text with `runs` runs of articles (from a first
    /// walk, [`Outliner::runs_seen`]). The last run owns `dieu-N`: when a
    /// decision issues a Quy chế, pinpoints (`khoản 2 Điều 5 Quyết định số
    /// …`, `Điều 3 của Quy chế ban hành kèm theo …`) mean the Quy chế's
    /// articles. The decision's own are `van-ban-dieu-N`.
    pub fn with_runs(runs: usize) -> Self {
        Outliner {
            runs,
            ..Outliner::default()
        }
    }

    /// How many runs of articles the blocks so far hold.
    pub fn runs_seen(&self) -> usize {
        self.run + usize::from(self.last_article.is_some())
    }

    /// The anchor of the next block, from its first words; none when the
    /// block is not a structural unit or its id was given before.
    pub fn block(&mut self, lead: &str, heading: bool) -> Option<Anchor> {
        let u = unit(lead, heading)?;
        let item = matches!(u, Unit::Numbered(_));
        let (id, contents) = self.place(u);
        self.seen.insert(id.clone()).then_some(Anchor { id, contents, item })
    }

    /// Gives `id` to a block that is no structural unit (a heading's slug),
    /// or `id-2`, `id-3` … when it is given already.
    pub fn claim(&mut self, id: &str) -> Option<String> {
        if id.is_empty() {
            return None;
        }
        // The page's list of ambiguous mentions owns `chua-ro-N`.
        let prefixed;
        let id = if id.starts_with("chua-ro") {
            prefixed = format!("h-{id}");
            prefixed.as_str()
        } else {
            id
        };
        (1..100)
            .map(|n| if n == 1 { id.to_string() } else { format!("{id}-{n}") })
            .find(|c| self.seen.insert(c.clone()))
    }

    /// The id of a unit in the current context, and moves the context in.
    fn place(&mut self, u: Unit) -> (String, Option<u8>) {
        match u {
            Unit::Part(_) | Unit::Chapter(_) => {
                let id = match u {
                    Unit::Chapter(n) => format!("chuong-{n}"),
                    Unit::Part(n) => format!("phan-{n}"),
                    _ => String::new(),
                };
                self.part = Some(id.clone());
                (self.section, self.article, self.numbered) = (None, None, None);
                (id, Some(1))
            }
            Unit::Section(n) => {
                let id = join(self.part.as_deref(), &format!("muc-{n}"));
                self.section = Some(id.clone());
                self.article = None;
                self.numbered = None;
                (id, Some(2))
            }
            Unit::Article(n) => {
                let number: u32 = n.split('-').next().and_then(|x| x.parse().ok()).unwrap_or(0);
                if self.last_article.is_some_and(|last| number <= last) {
                    self.run += 1;
                }
                self.last_article = Some(number);
                let id = if self.run + 1 < self.runs {
                    format!("van-ban-dieu-{n}")
                } else {
                    format!("dieu-{n}")
                };
                self.article = Some(id.clone());
                self.numbered = None;
                (id, Some(2))
            }
            Unit::Numbered(path) => {
                let (id, contents) = match &self.article {
                    Some(a) => (format!("{a}-khoan-{}", path.join("-")), None),
                    None => {
                        let outer = self.section.as_deref().or(self.part.as_deref());
                        let level = if outer.is_some() { 2 } else { 1 };
                        let id = join(outer, &format!("muc-{}", path.join("-")));
                        (id, (path.len() == 1).then_some(level))
                    }
                };
                self.numbered = Some(id.clone());
                (id, contents)
            }
            Unit::Point(l) => {
                let outer = self
                    .numbered
                    .as_deref()
                    .or(self.article.as_deref())
                    .or(self.section.as_deref())
                    .or(self.part.as_deref());
                (join(outer, &format!("diem-{l}")), None)
            }
        }
    }
}

fn join(outer: Option<&str>, piece: &str) -> String {
    match outer {
        Some(o) => format!("{o}-{piece}"),
        None => piece.to_string(),
    }
}

/// A pinpoint's units, outermost first: (kind, id piece).
type Pinpoint = Vec<(Kind, String)>;

/// Words that may stand between a pinpoint and the document it points into:
/// `… Điều 3 của Quy chế ban hành kèm theo Quyết định số …`, folded, read
/// from the end.
const BRIDGES: &[&str] = &[
    "cua",
    "tai",
    "ban hanh kem theo",
    "kem theo",
    "quy che",
    "quy dinh",
    "dieu le",
    "quy trinh",
    "huong dan",
];

/// Names of the rules a decision issues (`Quy chế …`, `Quy định …`),
/// folded, as they open the words before `ban hành kèm theo`.
const RULE_NAMES: &[&str] = &[
    "quy che",
    "quy dinh",
    "dieu le",
    "quy trinh",
    "quy tac",
    "huong dan",
    "chuong trinh",
    "ke hoach",
    "de an",
];

/// Where the name of an issued rule begins among the last 40 `words` (`Quy
/// chế quản lý … tỉnh Ninh Bình` before `ban hành kèm theo`).
fn rule_name_start(words: &[(&str, String)]) -> Option<usize> {
    let from = words.len().saturating_sub(40);
    (from..words.len()).rev().find(|&i| {
        RULE_NAMES.iter().any(|name| {
            let n = name.split(' ').count();
            i + n <= words.len() && words[i..i + n].iter().map(|w| w.1.as_str()).eq(name.split(' '))
        })
    })
}

/// The pinpoint that ends `before` (the text just before a citation): the
/// units named, outermost first. `khoản 2 Điều 5 ` gives article 5, clause 2.
/// Last words of a pinpoint's bridge (`… của`, `… tại`, `… kèm theo`,
/// `Quy chế …`), in lower case, or of a label.
const LAST_WORDS: &[&str] = &["của", "tại", "theo", "chế", "định", "lệ", "trình", "dẫn", "thứ"];

/// Whether the word just before a citation can end a pinpoint: a label
/// (`5`, `II`, `2.1`, `c`, `hai`) or a bridge word. Most citations follow
/// "Thực hiện", "và", "số"… and are answered without reading further.
fn may_pinpoint(before: &str) -> bool {
    let Some(word) = before.trim_end().rsplit([' ', '\n', '\t', '(']).next() else {
        return false;
    };
    let word = word.trim_matches(['*', '_', ',']);
    if word.is_empty() || word.len() > 40 {
        return false;
    }
    let lower = word.to_lowercase();
    let label = lower == "đ" || lower.len() <= 8 && lower.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
    label || LAST_WORDS.contains(&lower.as_str()) || ORDINALS.iter().any(|(w, _)| fold(&lower) == *w)
}

/// Also whether the pinpoint points into a rule the document issues ("…
/// của Quy chế ban hành kèm theo Quyết định số …").
fn pinpoint(before: &str) -> (Pinpoint, bool) {
    // The last 400 characters, and never across a block (a heading "Điều 2"
    // before a paragraph).
    let from = before.char_indices().rev().nth(399).map_or(0, |(i, _)| i);
    let tail = before[from..].rsplit('\n').next().unwrap_or("");
    let spaced = tail.replace(',', " , ");
    let words: Vec<(&str, String)> = spaced
        .split_whitespace()
        .map(|w| {
            w.trim_matches(['*', '_'])
                .trim_start_matches(['(', '[', '"', '“', '‘', '\''])
        })
        .filter(|w| !w.is_empty())
        .map(|w| (w, fold(w)))
        .collect();
    let mut end = words.len();
    let mut via_rule = false;
    // The bridge words between the pinpoint and the citation.
    'bridges: loop {
        for b in BRIDGES {
            let n = b.split(' ').count();
            if end >= n && words[end - n..end].iter().map(|w| w.1.as_str()).eq(b.split(' ')) {
                end -= n;
                if b.ends_with("kem theo") {
                    end = rule_name_start(&words[..end]).unwrap_or(end);
                    via_rule = true;
                }
                if ["quy che", "quy dinh", "dieu le", "quy trinh"].contains(b) {
                    via_rule = true;
                }
                continue 'bridges;
            }
        }
        break;
    }
    // "… Điều 3. Quyết định số …": a sentence ended there.
    if end > 0 && words[end - 1].0.ends_with(['.', ':']) {
        return (Vec::new(), false);
    }
    let mut units: Pinpoint = Vec::new();
    while end > 0 {
        // `Phần thứ hai`.
        if end >= 3 && words[end - 2].1 == "thu" && words[end - 3].1 == "phan" {
            let ordinal = ORDINALS
                .iter()
                .find(|(w, _)| *w == words[end - 1].1)
                .and_then(|(_, n)| roman(*n));
            if let Some(r) = ordinal {
                units.push((Kind::Part, r));
                end -= 3;
                continue;
            }
        }
        // Labels (`1 , 2` keeps the first), then the unit word.
        let mut labels: Vec<String> = Vec::new();
        let mut k = end;
        while k > 0 && (words[k - 1].1 == "," || label_piece(words[k - 1].0, &words[k - 1].1).is_some()) {
            if words[k - 1].1 != "," {
                labels.push(label_piece(words[k - 1].0, &words[k - 1].1).unwrap_or_default());
            }
            k -= 1;
        }
        let Some(label) = labels.pop() else { break };
        let kind = UNIT_WORDS.iter().find_map(|(w, kind)| {
            let n = w.split(' ').count();
            (k >= n && words[k - n..k].iter().map(|x| x.1.as_str()).eq(w.split(' '))).then_some((*kind, n))
        });
        let Some((kind, n)) = kind else { break };
        units.push((kind, label));
        end = k - n;
        if end > 0 && words[end - 1].1 == "cac" {
            end -= 1;
        }
    }
    // Read from the end, the units came outermost first (Vietnamese names
    // the innermost first: `khoản 2 Điều 5`).
    (units, via_rule)
}

/// The anchors a pinpoint may mean, deepest first: `khoản 2 Điều 5` gives
/// `dieu-5-khoan-2`, then `dieu-5`.
fn candidates(units: &Pinpoint) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut outer: Option<String> = None;
    let mut article = false;
    for (kind, label) in units {
        let roman_label = is_roman(label);
        let id = match kind {
            Kind::Part => format!("phan-{}", if roman_label { label.clone() } else { roman_of(label) }),
            Kind::Chapter => format!("chuong-{label}"),
            Kind::Section if roman_label => format!("phan-{label}"),
            Kind::Article => {
                article = true;
                format!("dieu-{label}")
            }
            Kind::Clause if article => join(outer.as_deref(), &format!("khoan-{label}")),
            Kind::Point if label.len() <= 2 && !label.starts_with(|c: char| c.is_ascii_digit()) => {
                join(outer.as_deref(), &format!("diem-{label}"))
            }
            // A numbered item outside articles: a dotted label replaces its
            // parent item (`tiểu mục 2.1 mục 2` is `muc-2-1`).
            _ => join(item_parent(outer.as_deref(), label), &format!("muc-{label}")),
        };
        out.push(id.clone());
        outer = Some(id);
    }
    out.reverse();
    out
}

/// What a numbered item of a pinpoint sits in: a dotted label (`2.1`)
/// replaces the item it belongs to (`tiểu mục 2.1 mục 2 phần II` is
/// `phan-ii-muc-2-1`, not `phan-ii-muc-2-muc-2-1`).
fn item_parent<'o>(outer: Option<&'o str>, label: &str) -> Option<&'o str> {
    let o = outer?;
    if !label.contains('-') {
        return Some(o);
    }
    match o.rsplit_once("-muc-") {
        Some((part, _)) => Some(part),
        None if o.starts_with("muc-") => None,
        None => Some(o),
    }
}

fn roman_of(label: &str) -> String {
    label.parse().ok().and_then(roman).unwrap_or_else(|| label.to_string())
}

/// The anchor of the cited document that the pinpoint ending `before`
/// names, the deepest that exists; none without a pinpoint or when nothing
/// matches. `anchors` is asked only when there is a pinpoint. An article
/// named without "Quy chế … ban hành kèm theo" is the decision's own
/// (`van-ban-dieu-N`) when the decision issues a rule, else `dieu-N`.
pub fn fragment<'a>(before: &str, anchors: impl FnOnce() -> &'a FxHashSet<String>) -> Option<&'a str> {
    if !may_pinpoint(before) {
        return None;
    }
    let (units, via_rule) = pinpoint(before);
    if units.is_empty() {
        return None;
    }
    let anchors = anchors();
    candidates(&units)
        .iter()
        .flat_map(|c| {
            let own = (!via_rule && c.starts_with("dieu-")).then(|| format!("van-ban-{c}"));
            own.into_iter().chain(std::iter::once(c.clone()))
        })
        .find_map(|c| anchors.get(&c).map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(blocks: &[&str]) -> Vec<String> {
        let mut probe = Outliner::default();
        blocks.iter().for_each(|b| drop(probe.block(b, false)));
        let mut o = Outliner::with_runs(probe.runs_seen());
        blocks.iter().filter_map(|b| o.block(b, false)).map(|a| a.id).collect()
    }

    #[test]
    fn the_decisions_own_articles_and_the_rules() {
        let anchors: FxHashSet<String> = ["van-ban-dieu-2", "van-ban-dieu-3", "dieu-2", "dieu-3", "dieu-5"]
            .into_iter()
            .map(String::from)
            .collect();
        let at = |s: &str| fragment(s, || &anchors);
        assert_eq!(at("có hiệu lực theo Điều 2 "), Some("van-ban-dieu-2"));
        assert_eq!(at("Điều 3 của Quy chế ban hành kèm theo "), Some("dieu-3"));
        assert_eq!(at("khoản 1 Điều 5 "), Some("dieu-5"));
    }

    #[test]
    fn a_decision_and_the_rules_it_issues() {
        assert_eq!(
            ids(&[
                "Điều 1. Ban hành",
                "Điều 2. Hiệu lực",
                "QUY CHẾ",
                "Chương I",
                "Điều 1. Phạm vi",
                "1. Quy chế",
                "Điều 2. Đối tượng"
            ]),
            [
                "van-ban-dieu-1",
                "van-ban-dieu-2",
                "chuong-i",
                "dieu-1",
                "dieu-1-khoan-1",
                "dieu-2"
            ]
        );
    }

    #[test]
    fn party_parts_and_items() {
        assert_eq!(
            ids(&[
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Quán triệt",
                "II. NHIỆM VỤ",
                "2\\. Tổ chức",
                "2.1. Ban",
                "a) các",
                "đ) và"
            ]),
            [
                "phan-i",
                "phan-i-muc-1",
                "phan-ii",
                "phan-ii-muc-2",
                "phan-ii-muc-2-1",
                "phan-ii-muc-2-1-diem-a",
                "phan-ii-muc-2-1-diem-dd"
            ]
        );
    }

    #[test]
    fn legal_chapters_articles_clauses() {
        assert_eq!(
            ids(&[
                "Chương I",
                "QUY ĐỊNH CHUNG",
                "**Điều 1.** Phạm vi",
                "1. Quy chế này",
                "a) cơ quan",
                "Mục 2. Hồ sơ",
                "Điều 2: Đối tượng",
                "PHẦN THỨ HAI"
            ]),
            [
                "chuong-i",
                "dieu-1",
                "dieu-1-khoan-1",
                "dieu-1-khoan-1-diem-a",
                "chuong-i-muc-2",
                "dieu-2",
                "phan-ii"
            ]
        );
    }

    #[test]
    fn an_id_is_given_once_and_prose_is_not_a_unit() {
        assert_eq!(
            ids(&["1. Một", "Ngày 5. tháng", "1. Lại", "Việt Nam là", "V/v triển khai"]),
            ["muc-1"]
        );
    }

    #[test]
    fn pinpoints_name_their_anchor() {
        let anchors: FxHashSet<String> = [
            "dieu-5",
            "dieu-5-khoan-2",
            "phan-ii",
            "phan-ii-muc-3",
            "phan-ii-muc-2-1",
            "dieu-3-khoan-1-diem-b",
            "dieu-4-khoan-3",
            "dieu-6-khoan-1",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        let at = |s: &str| fragment(s, || &anchors);
        assert_eq!(at("theo quy định tại khoản 2 Điều 5 "), Some("dieu-5-khoan-2"));
        assert_eq!(at("tại khoản 4 Điều 5 của "), Some("dieu-5"));
        assert_eq!(at("nhiệm vụ tại Mục 3 Phần II "), Some("phan-ii-muc-3"));
        assert_eq!(at("tiểu mục 2.1 mục 2 phần II "), Some("phan-ii-muc-2-1"));
        assert_eq!(
            at("điểm b khoản 1 Điều 3 của Quy chế ban hành kèm theo "),
            Some("dieu-3-khoan-1-diem-b")
        );
        assert_eq!(at("khoản 3, Điều 4 "), Some("dieu-4-khoan-3"));
        assert_eq!(at("các khoản 1, 2 Điều 6 "), Some("dieu-6-khoan-1"));
        assert_eq!(at("thực hiện "), None);
        assert_eq!(at("Điều 9 "), None);
        // Across a block, or after a sentence's end, there is no pinpoint.
        assert_eq!(at("Điều 5\n\n"), None);
        assert_eq!(at("thực hiện Điều 5. "), None);
        assert_eq!(at("khoản 2 **Điều 5** "), Some("dieu-5-khoan-2"));
    }
}
