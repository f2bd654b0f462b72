//! Issuing bodies in running text, matched against a controlled vocabulary.
//!
//! In: the text after "của" (or before "ban hành"), and a [`Vocabulary`]
//! (the built-in table of [`super::bodies`] and the site's own bodies).
//! Out: the bodies named there ([`Named`]), each the longest known name at
//! its place, qualified by the province written after it; joint issuers
//! ("Bộ Chính trị, Ban Bí thư", "Văn phòng Chính phủ và Bộ Nội vụ") split;
//! a leading "Hội nghị lần thứ sáu" skipped. What matches no known name is
//! not an issuer: the reader is told the issuer is not known rather than
//! shown words that happen to follow "của".

use super::bodies::{self, Scope, PROVINCES};
use crate::source::fold;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A body of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownBody {
    /// The name pages show.
    pub name: String,
    /// Central, provincial or below.
    pub scope: Scope,
    /// Issuer code of its Party numbers (`TW`, `TU`), or empty.
    pub party: String,
    /// Issuer code of its State numbers (`CP`, `UBND`), or empty.
    pub state: String,
}

impl KnownBody {
    /// Whether a number with these codes carries this body's code (`QH15`
    /// carries the Quốc hội's `QH`); `None` when the body has no code.
    pub fn carried_by(&self, codes: &[String]) -> Option<bool> {
        let own: Vec<&String> = [&self.party, &self.state]
            .into_iter()
            .filter(|c| !c.is_empty())
            .collect();
        let carries = |c: &String| {
            own.iter().any(|code| {
                c.strip_prefix(code.as_str())
                    .is_some_and(|rest| rest.chars().all(|x| x.is_ascii_digit()))
            })
        };
        (!own.is_empty()).then(|| codes.iter().any(carries))
    }
}

/// The bodies vanban recognises, keyed by the match key of each written form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    bodies: Vec<KnownBody>,
    /// The longest form (in words) starting with each first word: a word no
    /// form starts with is passed at once, and a name is looked up only as
    /// long as the forms it may be.
    longest_from: HashMap<String, usize>,
    /// The number codes of central bodies (`TW`, `BTCTW`, `CP`, `TTg`, `VPCP`).
    central_codes: std::collections::HashSet<String>,
    by_key: HashMap<String, usize>,
    provinces: HashMap<String, usize>,
    longest: usize,
    longest_province: usize,
}

/// A body named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Display name, with the province when the text names one.
    pub name: String,
    /// Row of the vocabulary.
    pub body: usize,
    /// The province written after the name.
    pub province: Option<&'static str>,
    /// Byte offset just after what was read (name and province).
    pub end: usize,
}

/// One word of a phrase: its byte range, match key, and whether a comma
/// follows it.
struct Word {
    start: usize,
    end: usize,
    key: String,
    comma: bool,
}

/// The words at the start of `s`, up to `max`, stopping at punctuation that
/// ends a name (`;`, `.`, `:`, brackets, quotes, a line end).
fn words(s: &str, max: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            if out.len() == max {
                break;
            }
            out.push(Word {
                start: st,
                end: i,
                key: fold(&s[st..i]),
                comma: false,
            });
        }
        match c {
            ',' => {
                if let Some(w) = out.last_mut() {
                    w.comma = true;
                }
            }
            ' ' | '-' | '\u{2013}' | '\t' => {}
            _ => break,
        }
    }
    out
}

/// Verbs whose subject is a body: after a joint issuer's last name, they
/// show it opens a new clause instead.
const ACTS: &[&str] = &[
    "đề nghị",
    "yêu cầu",
    "hướng dẫn",
    "chỉ đạo",
    "giao",
    "ban hành",
    "quyết định",
    "thông báo",
    "triển khai",
    "xây dựng",
    "đề ra",
    "chủ trì",
    "phối hợp",
    "trân trọng",
    "kính đề nghị",
    "lưu ý",
    "tổ chức",
    "được",
    "đã",
    "sẽ",
];

/// Whether `s` (after a body's name) starts with one of [`ACTS`].
fn acts(s: &str) -> bool {
    let l: String = s.trim_start().chars().take(24).flat_map(char::to_lowercase).collect();
    ACTS.iter().any(|a| {
        l.strip_prefix(a)
            .is_some_and(|r| !r.chars().next().is_some_and(char::is_alphanumeric))
    })
}

/// The match key of a phrase, word by word.
fn phrase_key(words: &[Word]) -> String {
    words.iter().map(|w| w.key.as_str()).collect::<Vec<_>>().join(" ")
}

fn key_of(s: &str) -> (String, usize) {
    let w = words(s, usize::MAX);
    (phrase_key(&w), w.len())
}

/// Whether a provincial body's name says "thành phố" or "Thành ủy".
fn city_word(name: &str) -> bool {
    name.contains("thành phố") || name.contains("Thành ủy")
}

/// A provincial body of a centrally run city is written with the city's
/// words: "Thành ủy" for "Tỉnh ủy", "thành phố" for "tỉnh" ("Đảng ủy Ủy ban
/// nhân dân Thành phố", "Ban Tuyên giáo Thành ủy"). Each provincial body the
/// table names only in the province's words gets its city twin, with its
/// forms; a twin the table has already is left as written there.
fn city_forms(rows: &[(KnownBody, Vec<String>)]) -> Vec<(KnownBody, Vec<String>)> {
    let city = |s: &str| -> String {
        let s = s.replace("Tỉnh ủy", "Thành ủy").replace("tỉnh ủy", "thành ủy");
        let words: Vec<&str> = s.split(' ').collect();
        words
            .iter()
            .map(|w| if *w == "tỉnh" { "thành phố" } else { w })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let known: std::collections::HashSet<String> = rows.iter().map(|(b, _)| key_of(&b.name).0).collect();
    let mut out: Vec<(KnownBody, Vec<String>)> = Vec::new();
    for (body, forms) in rows.iter().filter(|(b, _)| b.scope == Scope::Province) {
        let name = city(&body.name);
        if name == body.name || known.contains(&key_of(&name).0) {
            continue;
        }
        let twin = KnownBody { name, ..body.clone() };
        out.push((twin, forms.iter().map(|f| city(f)).collect()));
    }
    out
}

/// The standing committee and standing office of every Party committee
/// ("Đảng ủy các cơ quan Đảng Trung ương" -> "Ban Thường vụ Đảng ủy các cơ
/// quan Đảng Trung ương", "Thường trực Đảng ủy …"): they sign for it. A twin
/// the table has already is left as written there.
fn standing_forms(rows: &[(KnownBody, Vec<String>)]) -> Vec<(KnownBody, Vec<String>)> {
    let known: std::collections::HashSet<String> = rows.iter().map(|(b, _)| key_of(&b.name).0).collect();
    let mut out = Vec::new();
    for (body, forms) in rows.iter().filter(|(b, _)| b.name.starts_with("Đảng ủy ")) {
        for (head, short) in [("Ban Thường vụ", "btv"), ("Thường trực", "")] {
            let name = format!("{head} {}", body.name);
            if known.contains(&key_of(&name).0) {
                continue;
            }
            let mut twin_forms: Vec<String> = forms.iter().map(|f| format!("{head} {f}")).collect();
            if !short.is_empty() {
                twin_forms.extend(std::iter::once(&body.name).chain(forms).map(|f| format!("{short} {f}")));
            }
            out.push((KnownBody { name, ..body.clone() }, twin_forms));
        }
    }
    out
}

/// Every form of a body also written with its long heads short
/// ([`bodies::SHORT_HEADS`]): each head found in a form (as whole words,
/// compared on the match key) gives a form with each of its short writings;
/// forms already there are not repeated.
fn short_forms(name: &str, forms: &mut Vec<String>) {
    let mut seen: std::collections::HashSet<String> = std::iter::once(name)
        .chain(forms.iter().map(String::as_str))
        .map(|f| key_of(f).0)
        .collect();
    let mut all: Vec<String> = std::iter::once(name.to_string()).chain(forms.iter().cloned()).collect();
    for (head, shorts) in bodies::SHORT_HEADS {
        let head = key_of(head).0;
        let mut more = Vec::new();
        for form in &all {
            let key = key_of(form).0;
            let Some(at) = whole_word_at(&key, &head) else { continue };
            for short in *shorts {
                let written = format!("{}{}{}", &key[..at], key_of(short).0, &key[at + head.len()..]);
                if seen.insert(written.clone()) {
                    more.push(written);
                }
            }
        }
        all.extend(more.iter().cloned());
        forms.extend(more);
    }
}

/// Where `part` stands in `key` as whole words (both match keys).
fn whole_word_at(key: &str, part: &str) -> Option<usize> {
    key.match_indices(part).map(|(at, _)| at).find(|&at| {
        (at == 0 || key[..at].ends_with(' ')) && key[at + part.len()..].chars().next().is_none_or(|c| c == ' ')
    })
}

impl Vocabulary {
    /// The built-in vocabulary, built once.
    pub fn builtin() -> Arc<Vocabulary> {
        static BUILTIN: OnceLock<Arc<Vocabulary>> = OnceLock::new();
        Arc::clone(BUILTIN.get_or_init(|| Arc::new(Vocabulary::with(&[]))))
    }

    /// The built-in bodies and a site's own (`issuers:` in `site.yaml`): a
    /// name and its other forms, a body of the site's province.
    pub fn with(extra: &[(String, Vec<String>)]) -> Vocabulary {
        let mut v = Vocabulary {
            bodies: Vec::with_capacity(bodies::all().count() + extra.len()),
            central_codes: Default::default(),
            longest_from: HashMap::new(),
            by_key: HashMap::new(),
            provinces: HashMap::new(),
            longest: 1,
            longest_province: 1,
        };
        let rows = bodies::all()
            .map(|(name, scope, party, state, forms)| {
                (
                    KnownBody {
                        name: name.to_string(),
                        scope: *scope,
                        party: party.to_string(),
                        state: state.to_string(),
                    },
                    forms.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
                )
            })
            .chain(extra.iter().map(|(name, forms)| {
                (
                    KnownBody {
                        name: name.clone(),
                        scope: Scope::Province,
                        party: String::new(),
                        state: String::new(),
                    },
                    forms.clone(),
                )
            }));
        let mut rows: Vec<(KnownBody, Vec<String>)> = rows.collect();
        rows.extend(standing_forms(&rows));
        let derived = city_forms(&rows);
        for (body, mut forms) in rows.into_iter().chain(derived) {
            short_forms(&body.name, &mut forms);
            let row = v.bodies.len();
            for form in std::iter::once(&body.name).chain(forms.iter()) {
                let (k, n) = key_of(form);
                if !k.is_empty() {
                    // A site's own body may not shadow a built-in one.
                    let first = k.split(' ').next().unwrap_or_default().to_string();
                    let most = v.longest_from.entry(first).or_insert(0);
                    *most = (*most).max(n);
                    v.by_key.entry(k).or_insert(row);
                    v.longest = v.longest.max(n);
                }
            }
            if body.scope == Scope::Central {
                for code in [&body.party, &body.state] {
                    if !code.is_empty() {
                        v.central_codes.insert(code.clone());
                    }
                }
            }
            v.bodies.push(body);
        }
        for (row, (name, forms)) in PROVINCES.iter().enumerate() {
            for form in std::iter::once(name).chain(forms.iter()) {
                let (k, n) = key_of(form);
                v.provinces.insert(k, row);
                v.longest_province = v.longest_province.max(n);
            }
        }
        v
    }

    /// Whether a number code is a central body's (`VPCP`, `TTg`, `BTCTW`).
    pub fn is_central_code(&self, code: &str) -> bool {
        self.central_codes.contains(code)
    }

    /// A body of the vocabulary by row.
    pub fn body(&self, row: usize) -> &KnownBody {
        &self.bodies[row]
    }

    /// The province named by `s` as a whole ("Phú Thọ", "TP. Hồ Chí Minh").
    pub fn province(&self, s: &str) -> Option<&'static str> {
        let (k, _) = key_of(s);
        self.provinces.get(&k).map(|&r| PROVINCES[r].0)
    }

    /// Where a province named at the start of `s` ends ("Lạng Sơn triển
    /// khai …", "tỉnh Gia Lai …", "TP. Hồ Chí Minh …").
    pub fn place_at(&self, s: &str) -> Option<usize> {
        let w = words(s, self.longest_province + 2);
        let (_, next) = self.province_at(&w, 0, true)?;
        Some(w[next - 1].end)
    }

    /// The Party issuer code `TƯ` stands for in a number of these bodies
    /// (§2: Thừa Thiên Huế prints it for its Tỉnh ủy, others for `TW`): `TU`
    /// when one is a provincial Party committee, `TW` when one is central.
    pub fn tu_code<'b>(&self, bodies: impl IntoIterator<Item = &'b KnownBody>) -> Option<&'static str> {
        bodies.into_iter().find_map(|b| match (b.scope, b.party.as_str()) {
            (Scope::Central, "TW") => Some("TW"),
            (Scope::Province, "TU") => Some("TU"),
            _ => None,
        })
    }

    /// The commune (ward, special zone, district) a named body below the
    /// province is of, as (level word, place name): "Hội đồng nhân dân xã
    /// Hiệp Thạnh" is ("xã", "Hiệp Thạnh"). None for other bodies and for a
    /// bare name ("Ủy ban nhân dân xã").
    pub fn place_of(&self, name: &str) -> Option<(&str, String)> {
        let named = self.whole(name)?;
        let body = &self.bodies[named.body];
        if body.scope != Scope::Place {
            return None;
        }
        let level = body.name.rsplit(' ').next()?;
        let place = named.name.strip_prefix(body.name.as_str())?.trim();
        (!place.is_empty()).then(|| (level, place.to_string()))
    }

    /// Whether `name` is a body below the province written without its
    /// place ("Ủy ban nhân dân xã"), and its level word.
    pub fn bare_place(&self, name: &str) -> Option<&str> {
        let named = self.whole(name)?;
        let body = &self.bodies[named.body];
        (body.scope == Scope::Place && key_of(&named.name).0 == key_of(&body.name).0)
            .then(|| body.name.rsplit(' ').next())
            .flatten()
    }

    /// Every body of the vocabulary.
    pub fn bodies(&self) -> impl Iterator<Item = &KnownBody> {
        self.bodies.iter()
    }

    /// The scope of a named body.
    pub fn scope(&self, named: &Named) -> Scope {
        self.bodies.get(named.body).map_or(Scope::Central, |b| b.scope)
    }

    /// A name written as a whole (front matter): the body it names, when
    /// the vocabulary knows it.
    pub fn whole(&self, s: &str) -> Option<Named> {
        let w = words(s, usize::MAX);
        let (named, next) = self.one(s, &w, 0)?;
        (next == w.len()).then_some(named)
    }

    /// The bodies named at the start of `s` and how many bytes they take.
    pub fn list_at(&self, s: &str) -> Option<(Vec<Named>, usize)> {
        self.list_of(s, &[])
    }

    /// [`Vocabulary::list_at`] for the issuers of a number with these codes:
    /// a body whose code the number carries is one of its issuers even when
    /// a verb follows it ("… của Bộ Y tế, Bộ Nông nghiệp và Phát triển nông
    /// thôn, Bộ Công Thương hướng dẫn …" for `13/2014/TTLT-BYT-BNNPTNT-BCT`).
    pub fn list_of(&self, s: &str, codes: &[String]) -> Option<(Vec<Named>, usize)> {
        let w = words(s, self.longest * 4 + 8);
        let mut i = 0;
        // "Hội nghị lần thứ sáu Ban Chấp hành Trung ương": the conference is
        // the Central Committee's.
        if w.len() > 2 && w[0].key == "hoi" && w[1].key == "nghi" {
            i = 2;
            if w.len() > 5 && w[2].key == "lan" && w[3].key == "thu" {
                i = 5;
            }
        }
        let mut names: Vec<Named> = Vec::new();
        while let Some((named, next)) = self.one(s, &w, i) {
            // Bodies of different levels (a ministry and a provincial
            // department) never issue jointly: the second opens a new clause.
            let scope = self.bodies[named.body].scope;
            if names.first().is_some_and(|f| self.bodies[f.body].scope != scope) {
                break;
            }
            if !names.iter().any(|n| n.name == named.name) {
                names.push(named);
            }
            let last = &w[next - 1];
            i = match w.get(next) {
                _ if last.comma => next,
                Some(v) if v.key == "va" => next + 1,
                _ => break,
            };
        }
        // "… của Ban Tổ chức Trung ương, Ban Thường vụ Tỉnh ủy đề nghị …": a
        // body followed by a verb is the subject of the next clause.
        let coded = |n: &Named| self.bodies[n.body].carried_by(codes) == Some(true);
        if names.len() > 1 && names.last().is_some_and(|n| acts(&s[n.end..]) && !coded(n)) {
            names.pop();
        }
        let end = names.last()?.end;
        Some((names, end))
    }

    /// The longest known body at word `i`, qualified; and the next word.
    fn one(&self, s: &str, w: &[Word], i: usize) -> Option<(Named, usize)> {
        let most = self
            .longest_from
            .get(&w.get(i)?.key)?
            .min(&w.len().saturating_sub(i))
            .to_owned();
        let (row, mut next) = (1..=most)
            .rev()
            .find_map(|k| self.by_key.get(&phrase_key(&w[i..i + k])).map(|&r| (r, i + k)))?;
        let body = &self.bodies[row];
        let mut name = body.name.clone();
        let mut province = None;
        match body.scope {
            Scope::Central => {}
            Scope::Province => {
                if let Some((p, after)) = self.province_at(w, next, !w[next - 1].comma) {
                    province = Some(p);
                    name = format!("{name} {p}");
                    next = after;
                } else if city_word(&body.name) && next < w.len() && !w[next - 1].comma {
                    // "Công an thành phố Vinh", "Thành ủy Đà Lạt": a city
                    // below a province names itself; not the province's body.
                    let capital = s[w[next].start..].chars().next().is_some_and(char::is_uppercase);
                    if capital && !self.by_key.contains_key(&w[next].key) {
                        return None;
                    }
                }
            }
            Scope::Place => {
                // The place's name: capitalised words (at most four), not a
                // body. Without one ("của Ủy ban nhân dân xã"), the body of
                // the citing document's own commune, or of none: the bare
                // name, for `refs::name_places` to settle.
                let mut k = next;
                while k < w.len() && k < next + 4 && !w[k - 1].comma {
                    let capital = s[w[k].start..].chars().next().is_some_and(char::is_uppercase);
                    if !capital || self.by_key.contains_key(&w[k].key) {
                        break;
                    }
                    k += 1;
                }
                if k > next {
                    name = format!("{name} {}", &s[w[next].start..w[k - 1].end]);
                    next = k;
                    // "Đảng ủy xã Tân Phú tỉnh Đồng Nai": its province.
                    if let Some((p, after)) = self.province_at(w, next, !w[next - 1].comma) {
                        province = Some(p);
                        next = after;
                    }
                }
            }
        }
        Some((
            Named {
                name,
                body: row,
                province,
                end: w[next - 1].end,
            },
            next,
        ))
    }

    /// A province at word `i` (after "tỉnh", "thành phố" or "TP" when
    /// written), and the next word; `allowed`: no comma stands before it.
    fn province_at(&self, w: &[Word], i: usize, allowed: bool) -> Option<(&'static str, usize)> {
        if !allowed || i >= w.len() {
            return None;
        }
        let lead = match (w.get(i).map(|x| x.key.as_str()), w.get(i + 1).map(|x| x.key.as_str())) {
            (Some("tinh"), _) | (Some("tp"), _) => 1,
            (Some("thanh"), Some("pho")) => 2,
            _ => 0,
        };
        [lead, 0].into_iter().find_map(|skip| {
            let from = i + skip;
            let most = self.longest_province.min(w.len().saturating_sub(from));
            (1..=most).rev().find_map(|k| {
                // A comma inside a province's name ends it.
                if w[from..from + k - 1].iter().any(|x| x.comma) {
                    return None;
                }
                self.provinces
                    .get(&phrase_key(&w[from..from + k]))
                    .map(|&r| (PROVINCES[r].0, from + k))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> (Vec<String>, &str) {
        let v = Vocabulary::builtin();
        match v.list_at(s) {
            Some((list, end)) => (list.into_iter().map(|n| n.name).collect(), &s[end..]),
            None => (Vec::new(), s),
        }
    }

    #[test]
    fn known_names_and_what_follows() {
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "Bộ Chính trị, Ban Bí thư đến toàn thể cán bộ",
                &["Bộ Chính trị", "Ban Bí thư"],
                " đến toàn thể cán bộ",
            ),
            (
                "Ban Thường vụ Tỉnh ủy xây dựng kế hoạch",
                &["Ban Thường vụ Tỉnh ủy"],
                " xây dựng kế hoạch",
            ),
            ("Ban Bí thư Trung ương Đảng, Kế hoạch", &["Ban Bí thư"], ", Kế hoạch"),
            (
                "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII",
                &["Ban Chấp hành Trung ương"],
                " khóa XII",
            ),
            (
                "UBND tỉnh Hà Tĩnh về việc",
                &["Ủy ban nhân dân tỉnh Hà Tĩnh"],
                " về việc",
            ),
            (
                "Văn phòng Chính phủ và Bộ Nội vụ;",
                &["Văn phòng Chính phủ", "Bộ Nội vụ"],
                ";",
            ),
            (
                "Ban thường vụ Tỉnh uỷ Phú Thọ.",
                &["Ban Thường vụ Tỉnh ủy Phú Thọ"],
                ".",
            ),
            (
                "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An",
                &["Sở Văn hóa, Thể thao và Du lịch Nghệ An"],
                "",
            ),
            ("Chính phủ sửa đổi Nghị định", &["Chính phủ"], " sửa đổi Nghị định"),
            (
                "Ủy ban nhân dân xã Tân Lập, huyện",
                &["Ủy ban nhân dân xã Tân Lập"],
                ", huyện",
            ),
            // A commune's body without its name: bare, for the citing
            // document's own commune to settle (`refs::name_places`).
            ("Ủy ban nhân dân xã về việc", &["Ủy ban nhân dân xã"], " về việc"),
            ("các cơ quan, đơn vị", &[], "các cơ quan, đơn vị"),
            (
                "Tỉnh ủy, Hội đồng nhân dân tỉnh",
                &["Tỉnh ủy", "Hội đồng nhân dân tỉnh"],
                "",
            ),
            ("Thủ tướng Chính phủ phê duyệt", &["Thủ tướng Chính phủ"], " phê duyệt"),
            (
                "Ban Tổ chức Trung ương, Ban Thường vụ Tỉnh ủy đề nghị",
                &["Ban Tổ chức Trung ương"],
                ", Ban Thường vụ Tỉnh ủy đề nghị",
            ),
            (
                "Bộ Nội vụ, Sở Nội vụ được giao",
                &["Bộ Nội vụ"],
                ", Sở Nội vụ được giao",
            ),
        ];
        for (text, want, rest) in cases {
            let (got, left) = names(text);
            assert_eq!(got, want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text}");
            assert_eq!(left, *rest, "{text}");
        }
    }

    /// Every body's long heads also match written short, wherever they stand
    /// in its name, and a site's own body gets its short forms too.
    #[test]
    fn short_heads_of_every_body() {
        let v = Vocabulary::with(&[("Ban Chấp hành Hội Nông dân tỉnh".to_string(), vec![])]);
        let cases: &[(&str, &str)] = &[
            ("BTV Đảng ủy phường", "Ban Thường vụ Đảng ủy phường"),
            ("BTV Huyện ủy", "Ban Thường vụ Huyện ủy"),
            ("Đảng ủy UBND tỉnh Khánh Hòa", "Đảng ủy Ủy ban nhân dân tỉnh Khánh Hòa"),
            (
                "BTV Đảng ủy UBND tỉnh Khánh Hòa",
                "Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Khánh Hòa",
            ),
            (
                "Thường trực HĐND tỉnh Nghệ An",
                "Thường trực Hội đồng nhân dân tỉnh Nghệ An",
            ),
            ("UBKT Đảng ủy xã Tân Lập", "Ủy ban Kiểm tra Đảng ủy xã Tân Lập"),
            ("BCH Đảng bộ tỉnh Lào Cai", "Tỉnh ủy Lào Cai"),
            (
                "BCH Hội Nông dân tỉnh Hà Tĩnh",
                "Ban Chấp hành Hội Nông dân tỉnh Hà Tĩnh",
            ),
        ];
        for (written, want) in cases {
            let got = v.whole(written).map(|n| n.name);
            assert_eq!(got.as_deref(), Some(*want), "{written}");
        }
        // Short words are a body's only when they are its head: "BTVT" is not.
        assert_eq!(v.whole("BTVT Đảng ủy phường"), None);
    }

    #[test]
    fn whole_names_and_site_bodies() {
        let v = Vocabulary::with(&[(
            "Ban Quản lý Khu kinh tế tỉnh".to_string(),
            vec!["BQL KKT tỉnh".to_string()],
        )]);
        assert_eq!(
            v.whole("Ban Bí thư Trung ương Đảng").map(|n| n.name),
            Some("Ban Bí thư".to_string())
        );
        assert_eq!(
            v.whole("BQL KKT tỉnh Hà Tĩnh").map(|n| n.name),
            Some("Ban Quản lý Khu kinh tế tỉnh Hà Tĩnh".to_string())
        );
        assert_eq!(v.whole("Ban Bí thư đến"), None);
        assert_eq!(v.province("TP. Hồ Chí Minh"), Some("Hồ Chí Minh"));
        assert_eq!(Vocabulary::builtin().whole("Ban Quản lý Khu kinh tế tỉnh"), None);
    }
}
