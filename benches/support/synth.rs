//! Synthetic corpora for benchmarks: N directives, clearly marked synthetic.
//!
//! In: a size and a seed. Out: Markdown files with front matter written into a
//! folder. The corpus looks like the real thing where cost is concerned:
//! bodies of 2-6 kB with headings, numbered parts and a table; 60+ issuing
//! bodies across provinces; numbers that repeat in every province; 0-5
//! citations per document, a few hub conclusions cited by many. Every title
//! says "(dữ liệu tổng hợp)" so that no one mistakes it for a real document.
//!
//! Kept out of the library: the benchmarks, the tests and `examples/corpus.rs`
//! include it with `#[path = "…/benches/support/synth.rs"] mod synth;`.

// Each including crate uses a part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

const PROVINCES: &[&str] = &[
    "Phú Thọ",
    "Hà Nội",
    "Hải Phòng",
    "Thanh Hóa",
    "Nghệ An",
    "Huế",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Đắk Lắk",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
    "Lào Cai",
    "Tuyên Quang",
    "Thái Nguyên",
    "Lạng Sơn",
    "Quảng Ninh",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Hà Tĩnh",
    "Quảng Trị",
    "Sơn La",
    "Lai Châu",
    "Điện Biên",
    "Cao Bằng",
    "Thành phố Hồ Chí Minh",
];

const LOCAL_BODIES: &[&str] = &["Ban Thường vụ Tỉnh ủy", "Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"];
const CENTRAL: &[(&str, &str)] = &[
    ("Bộ Chính trị", "KL"),
    ("Ban Bí thư", "KL"),
    ("Ban Chấp hành Trung ương", "NQ"),
    ("Ban Tổ chức Trung ương", "HD"),
];
const LOCAL_TYPES: &[&str] = &["CV", "KH", "BC", "TB", "HD", "CTr"];

/// A tiny deterministic generator (xorshift), so corpora and the tests'
/// mutations are reproducible. The seed must not be 0.
pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    /// The next number.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number below `n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// One synthetic document, as written (for the Hugo twin of the corpus).
#[derive(Debug, Clone)]
pub(crate) struct SynthDoc {
    /// File name in the content folder.
    pub(crate) file: String,
    /// Số ký hiệu.
    pub(crate) number: String,
    /// Trích yếu.
    pub(crate) title: String,
    /// Issuer, qualified by its province for local bodies.
    pub(crate) issuer: String,
    /// ISO date.
    pub(crate) date: String,
    /// Numbers it cites in its text.
    pub(crate) cites: Vec<String>,
    /// The Markdown body.
    pub(crate) body: String,
}

/// Writes `n` synthetic documents into `dir` (created if needed). Returns the
/// number of bytes written.
pub(crate) fn write_corpus(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    let docs = corpus(n, seed);
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0u64;
    for d in &docs {
        let text = vanban_file(d);
        bytes += text.len() as u64;
        std::fs::write(dir.join(&d.file), text)?;
    }
    Ok(bytes)
}

fn vanban_file(d: &SynthDoc) -> String {
    let (issuer, locality) = match d.issuer.split_once(" | ") {
        Some((i, l)) => (i.to_string(), Some(l.to_string())),
        None => (d.issuer.clone(), None),
    };
    let mut fm = format!("---\nnumber: {}\ntitle: {}\nissuer: {issuer}\n", d.number, d.title);
    if let Some(l) = locality {
        let _ = writeln!(fm, "locality: {l}");
    }
    let _ = writeln!(fm, "date: {}", d.date);
    fm.push_str("tags: [dữ liệu tổng hợp]\n---\n");
    fm + &d.body
}

/// The synthetic corpus in memory.
pub(crate) fn corpus(n: usize, seed: u64) -> Vec<SynthDoc> {
    let mut rng = Rng(seed.max(1));
    let hubs = 20usize.min(n);
    let mut docs: Vec<SynthDoc> = Vec::with_capacity(n);
    // The latest local document of each province: (number, date, body).
    let mut last_local: Vec<Option<(String, String, String, String)>> = vec![None; PROVINCES.len()];
    for i in 0..n {
        let year = 2020 + (i % 6) as i32;
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let date_vi = format!("{day:02}/{month:02}/{year}");
        let date = format!("{year}-{month:02}-{day:02}");
        let (number, issuer) = if i < hubs {
            let (body, code) = CENTRAL[i % CENTRAL.len()];
            (format!("{}-{code}/TW", 100 + i), body.to_string())
        } else {
            let p = PROVINCES[i % PROVINCES.len()];
            let body = LOCAL_BODIES[rng.below(LOCAL_BODIES.len())];
            let ty = LOCAL_TYPES[rng.below(LOCAL_TYPES.len())];
            // Numbers repeat across provinces on purpose.
            (
                format!("{:02}-{ty}/TU", 1 + (i / PROVINCES.len())),
                format!("{body} | {p}"),
            )
        };
        let mut body = String::new();
        let mut cites = Vec::new();
        if i >= hubs {
            for _ in 0..rng.below(6) {
                if rng.below(4) == 0 {
                    if let Some((num, d, who, _)) = last_local[i % PROVINCES.len()].as_ref().filter(|l| l.3 <= date) {
                        let _ = write!(body, "Tiếp tục thực hiện Kế hoạch số {num} ngày {d} của {who}. ");
                        cites.push(num.clone());
                        continue;
                    }
                }
                let h = rng.below(hubs);
                let (who, code) = CENTRAL[h % CENTRAL.len()];
                let word = if code == "KL" {
                    "Kết luận"
                } else if code == "NQ" {
                    "Nghị quyết"
                } else {
                    "Hướng dẫn"
                };
                let hub = &docs[h];
                let hub_date = hub.date.split('-').rev().collect::<Vec<_>>().join("/");
                if hub.date <= date {
                    let _ = write!(
                        body,
                        "Thực hiện {word} số {} ngày {hub_date} của {who} về sắp xếp tổ chức bộ máy. ",
                        hub.number
                    );
                    cites.push(hub.number.clone());
                }
            }
        }
        let _ = writeln!(body, "\n\n# Phần I. Mục đích, yêu cầu\n");
        let parts = 4 + rng.below(14);
        for k in 1..=parts {
            let _ = writeln!(
                body,
                "{k}\\. Các cấp ủy, tổ chức đảng, cơ quan, đơn vị tập trung lãnh đạo, chỉ đạo thực hiện nghiêm túc, hiệu quả các nhiệm vụ được giao; bảo đảm tiến độ, chất lượng, không để gián đoạn công việc, nhất là các nhiệm vụ phát triển kinh tế - xã hội, chuyển đổi số và sắp xếp tổ chức bộ máy của hệ thống chính trị.\n"
            );
        }
        body.push_str("## Phần II. Phân công thực hiện\n\n| Nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n|---|---|---|\n");
        for k in 0..4 {
            let _ = writeln!(body, "| Nhiệm vụ {k} | Văn phòng Tỉnh ủy | Quý {} |", 1 + k % 4);
        }
        if i >= hubs && number.contains("-KH/") {
            let who = issuer.split(" | ").next().unwrap_or("").to_string();
            last_local[i % PROVINCES.len()] = Some((number.clone(), date_vi.clone(), who, date.clone()));
        }
        docs.push(SynthDoc {
            file: format!("{i:06}.md"),
            number,
            title: format!("Về việc triển khai nhiệm vụ số {i} (dữ liệu tổng hợp)"),
            issuer,
            date: date_vi.clone(),
            cites,
            body,
        });
        // Keep the ISO date for ordering hub citations.
        if let Some(d) = docs.last_mut() {
            if i < hubs {
                d.date = date.clone();
            }
        }
    }
    // Hubs were kept in ISO for comparison; write them like the others.
    for d in docs.iter_mut().take(hubs) {
        d.date = d.date.split('-').rev().collect::<Vec<_>>().join("/");
    }
    docs
}

/// The same corpus as a Hugo site with the pages vanban makes of it, so that
/// the two tools do comparable work: a page per document (metadata list,
/// body, the documents it cites and the first 50 citing it), per issuing
/// body, per cited number, per type and per year (taxonomies `issuers`,
/// `cites`, `loai`, `nam`; listings paginated by 50 like vanban's), a home
/// page with the latest documents, the same style sheet, an Atom-like feed
/// (Hugo's RSS on the home page), a sitemap, and `index.json` listing every
/// document (the counterpart of `api/documents.json`). What Hugo cannot do
/// is left out: resolving a number in its citing document's context (a
/// local number cited in two provinces is one `cites` term here), the
/// search index, the SVG pictures and the redirects.
pub(crate) fn write_hugo_site(dir: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let docs = corpus(n, seed);
    let content = dir.join("content/van-ban");
    std::fs::create_dir_all(&content)?;
    std::fs::create_dir_all(dir.join("layouts/_default"))?;
    std::fs::create_dir_all(dir.join("static"))?;
    std::fs::write(
        dir.join("hugo.toml"),
        "baseURL = '/'\ntitle = 'Văn bản chỉ đạo (tổng hợp)'\nlanguageCode = 'vi'\ndisableKinds = ['robotsTXT']\n\
[pagination]\n  pagerSize = 50\n\
[taxonomies]\n  issuer = 'issuers'\n  cite = 'cites'\n  loai = 'loai'\n  nam = 'nam'\n\
[outputs]\n  home = ['HTML', 'RSS', 'JSON']\n  section = ['HTML']\n  taxonomy = ['HTML']\n  term = ['HTML']\n",
    )?;
    std::fs::write(
        dir.join("static/style.css"),
        include_str!("../../themes/default/static/style.css"),
    )?;
    let layout = |name: &str, text: &str| std::fs::write(dir.join("layouts/_default").join(name), text);
    layout(
        "baseof.html",
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{{ .Title }} · {{ site.Title }}</title><meta name=\"description\" content=\"{{ .Title }}\"><link rel=\"stylesheet\" href=\"{{ \"style.css\" | relURL }}\"></head>\
<body><a class=\"skip\" href=\"#noi-dung\">Bỏ qua, đến nội dung</a><header class=\"site\"><a href=\"{{ \"/\" | relURL }}\">{{ site.Title }}</a>\
<nav aria-label=\"Chính\"><ul><li><a href=\"{{ \"van-ban/\" | relURL }}\">Văn bản</a></li><li><a href=\"{{ \"issuers/\" | relURL }}\">Cơ quan</a></li>\
<li><a href=\"{{ \"loai/\" | relURL }}\">Loại</a></li><li><a href=\"{{ \"nam/\" | relURL }}\">Năm</a></li></ul></nav></header>\
<main id=\"noi-dung\">{{ block \"main\" . }}{{ end }}</main><footer class=\"site\"><p>{{ site.Title }}</p></footer></body></html>",
    )?;
    layout(
        "single.html",
        "{{ define \"main\" }}<nav aria-label=\"Vị trí\"><a href=\"{{ \"van-ban/\" | relURL }}\">Văn bản</a> › {{ .Params.number }}</nav>\
<article class=\"document\"><h1>{{ .Title }}</h1><dl class=\"meta\"><div><dt>Số ký hiệu</dt><dd>{{ .Params.number }}</dd></div>\
<div><dt>Loại văn bản</dt><dd>{{ range .GetTerms \"loai\" }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>{{ end }}</dd></div>\
<div><dt>Cơ quan ban hành</dt><dd>{{ range .GetTerms \"issuers\" }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>{{ end }}</dd></div>\
<div><dt>Ngày ban hành</dt><dd><time datetime=\"{{ .Date.Format \"2006-01-02\" }}\">{{ .Date.Format \"02/01/2006\" }}</time></dd></div></dl>\
<div class=\"body\">{{ .Content }}</div></article>\
<section><h2>Văn bản được dẫn chiếu</h2><ul>{{ range .GetTerms \"cites\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul></section>\
<section><h2>Văn bản dẫn chiếu đến văn bản này</h2><ul>{{ with index site.Taxonomies.cites (urlize .Params.number) }}{{ range first 50 .Pages }}\
<li><a href=\"{{ .RelPermalink }}\">{{ .Params.number }}</a> {{ .Title }} <time>{{ .Date.Format \"02/01/2006\" }}</time></li>{{ end }}{{ end }}</ul></section>{{ end }}",
    )?;
    layout(
        "list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}\
<li><a href=\"{{ .RelPermalink }}\">{{ .Params.number }}</a> {{ .Title }} <time>{{ .Date.Format \"02/01/2006\" }}</time></li>{{ end }}</ul>\
<nav aria-label=\"Trang\">{{ with $p.Prev }}<a href=\"{{ .URL }}\">Trang trước</a>{{ end }} Trang {{ $p.PageNumber }}/{{ $p.TotalPages }} \
{{ with $p.Next }}<a href=\"{{ .URL }}\">Trang sau</a>{{ end }}</nav>{{ end }}",
    )?;
    layout(
        "terms.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}",
    )?;
    std::fs::write(
        dir.join("layouts/index.html"),
        "{{ define \"main\" }}<h1>{{ site.Title }}</h1><h2>Văn bản mới</h2><ul>{{ range first 10 site.RegularPages.ByDate.Reverse }}\
<li><a href=\"{{ .RelPermalink }}\">{{ .Params.number }}</a> {{ .Title }}</li>{{ end }}</ul>{{ end }}",
    )?;
    std::fs::write(
        dir.join("layouts/index.json"),
        "{{- $docs := slice -}}{{- range site.RegularPages -}}{{- $docs = $docs | append (dict \"number\" .Params.number \"title\" .Title \
\"date\" (.Date.Format \"2006-01-02\") \"url\" .RelPermalink \"issuers\" .Params.issuers \"cites\" .Params.cites) -}}{{- end -}}\
{{- dict \"documents\" $docs | jsonify -}}",
    )?;
    for d in &docs {
        let iso = d.date.split('/').rev().collect::<Vec<_>>().join("-");
        let issuer = d.issuer.replace(" | ", " ");
        let cites: Vec<String> = d.cites.iter().map(|c| format!("\"{c}\"")).collect();
        let doc_type = match vanban::number::parse(&d.number).map(|n| n.derived_type()) {
            Ok(vanban::number::DerivedType::One(w)) => w.to_string(),
            _ => "Văn bản".to_string(),
        };
        let year = iso.get(..4).unwrap_or_default();
        let text = format!(
            "---\ntitle: \"{}\"\ndate: {iso}\nnumber: \"{}\"\nissuers: [\"{issuer}\"]\ncites: [{}]\nloai: [\"{doc_type}\"]\nnam: [\"{year}\"]\n---\n{}",
            d.title,
            d.number,
            cites.join(", "),
            d.body
        );
        std::fs::write(content.join(&d.file), text)?;
    }
    Ok(())
}
