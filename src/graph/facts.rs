//! Facts about documents: the issuer's full name, a cited document's type,
//! date and issuers from its most certain mention, and each published
//! document's standing (replaced, repealed, amended).

use super::*;

/// Document `i`'s standing from the documents of the site that replace,
/// repeal or amend it in their own voice (its backlinks). A status in front
/// matter wins; a contradiction with the graph is a warning. A news report
/// has none.
pub(super) fn standing_of(index: &Index, i: usize) -> (Standing, Option<Diagnostic>) {
    use crate::load::Status;
    let by = |r: Relation| -> Vec<usize> {
        index.docs[i]
            .cited_by
            .iter()
            .filter(|b| b.relation == r && b.doc != i)
            .map(|b| b.doc)
            .collect()
    };
    let (replaced_by, repealed_by, amended_by) = (by(Relation::Replaces), by(Relation::Repeals), by(Relation::Amends));
    let doc = &index.docs[i].doc;
    let graph = if !replaced_by.is_empty() {
        Status::Replaced
    } else if !repealed_by.is_empty() {
        Status::Repealed
    } else {
        Status::InForce
    };
    let status = if doc.status_declared { doc.status } else { graph };
    let mut warning = None;
    if doc.status_declared && graph != Status::InForce && doc.status == Status::InForce {
        warning = Some(
            Diagnostic::warning(
                crate::diag::Code::Status,
                format!(
                    "`status: in-force`, nhưng văn bản `{}` {} văn bản này",
                    index.docs[replaced_by.first().or(repealed_by.first()).copied().unwrap_or(i)]
                        .doc
                        .number
                        .canonical,
                    if graph == Status::Replaced {
                        "thay thế"
                    } else {
                        "bãi bỏ"
                    }
                ),
            )
            .at(&doc.file, doc.number_span.clone())
            .hint("sửa `status` (replaced hoặc repealed) hoặc bỏ khóa này để vanban tự xác định"),
        );
    }
    let standing = Standing {
        status,
        report: doc.source_info.is_some(),
        replaced_by,
        repealed_by,
        amended_by,
    };
    (standing, warning)
}

/// The issuer's full name after `issuer_aliases` and the vocabulary's
/// forms (`Ban Bí thư Trung ương Đảng` -> Ban Bí thư), qualified by the
/// locality for a local series ("Ban Thường vụ Tỉnh ủy" -> "Ban Thường vụ
/// Tỉnh ủy Phú Thọ").
/// A body the vocabulary knows is qualified by its scope (a central body
/// never, a provincial one always); another by the number's series.
pub(super) fn qualified_issuer(name: &str, number: &Number, locality: Option<&str>, config: &Config) -> String {
    let known = config.vocabulary.whole(name);
    let local = known.as_ref().map_or_else(
        || number.is_local(),
        |n| n.province.is_none() && config.vocabulary.body(n.body).scope != Scope::Central,
    );
    let name = config
        .issuer_aliases
        .get(&key(name))
        .cloned()
        .unwrap_or_else(|| known.map_or_else(|| name.to_string(), |n| n.name));
    match locality {
        Some(l) if local && !key(&name).contains(&key(l)) => format!("{name} {l}"),
        _ => name,
    }
}

/// The type word of a cited number when no mention says it: `QĐ` falls
/// back to Quyết định, an unknown code to the neutral "Văn bản".
pub(super) fn type_from_code(number: &Number) -> String {
    match number.derived_type() {
        DerivedType::One(w) => w.to_string(),
        DerivedType::QuyetDinhOrQuyDinh => "Quyết định".to_string(),
        DerivedType::Unknown => "Văn bản".to_string(),
    }
}

/// What one mention says of a cited document, and how sure it is.
pub(super) struct Fact {
    /// 0: declared in front matter; 1: a mention with its own date and
    /// issuer; 2: any other mention.
    pub(super) certainty: u8,
    pub(super) date: Option<Date>,
    pub(super) issuers: Vec<String>,
    pub(super) file: String,
    pub(super) span: Span,
}

pub(super) fn certainty(c: &Citation) -> u8 {
    match (c.origin, c.date.is_some() && !c.issuers.is_empty()) {
        (crate::refs::Origin::FrontMatter, _) => 0,
        (_, true) => 1,
        _ => 2,
    }
}

/// A cited page's date and issuers from the most certain mention (front
/// matter, then a mention with its own date and issuer, then the earliest);
/// mentions that disagree are warnings naming each file and line, never
/// errors: they are inferred from running text.
pub(super) fn choose_facts(node: &mut Cited, facts: &mut [Fact], diags: &mut Vec<Diagnostic>) {
    facts.sort_by_key(|f| (f.certainty, f.date.is_none(), f.date));
    node.date = facts.iter().find_map(|f| f.date);
    node.issuers = facts
        .iter()
        .find(|f| !f.issuers.is_empty())
        .map(|f| f.issuers.clone())
        .unwrap_or_default();
    let Some(chosen) = node.date else { return };
    for f in facts.iter().filter(|f| f.date.is_some_and(|d| d != chosen)) {
        diags.push(
            Diagnostic::warning(
                crate::diag::Code::Conflict,
                format!(
                    "`{}` được ghi ngày {}, nơi khác ghi ngày {chosen}; trang của văn bản dùng ngày {chosen}",
                    node.number.canonical,
                    f.date.map(|d| d.to_string()).unwrap_or_default()
                ),
            )
            .at(&f.file, f.span.clone())
            .hint("kiểm tra lại ngày của văn bản được dẫn chiếu; ghi `relations` trong front matter để chỉ rõ"),
        );
    }
}
