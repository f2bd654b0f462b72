#![no_main]
//! The Markdown rewrite with citation links over arbitrary ranges.
use libfuzzer_sys::fuzz_target;
use vanban::markdown::{render_with_links, Link};

fuzz_target!(|input: (&str, Vec<(u16, u16)>)| {
    let (body, ranges) = input;
    let links: Vec<Link> = ranges
        .into_iter()
        .map(|(a, b)| {
            let (a, b) = (a as usize % (body.len() + 1), b as usize % (body.len() + 1));
            Link { range: a.min(b)..a.max(b), href: "/x/".into(), title: "t".into() }
        })
        .filter(|l| body.is_char_boundary(l.range.start) && body.is_char_boundary(l.range.end))
        .collect();
    let _ = render_with_links(body, &links);
});
