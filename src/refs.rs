//! References: what a document says it cites, and how.
//!
//! In: a loaded document's declared `relations` (front matter). Out: the
//! [`Citation`]s the link graph resolves, one per mention, with the relation
//! and whatever the mention tells about the cited document (date, issuer,
//! locality, type, subject). Recognising citations in the running text
//! (issue 3) will add its findings here, as more `Citation`s of the same type,
//! so that the graph does not care where a citation came from.

use crate::date::Date;
use crate::number::Number;
use crate::source::Span;
use serde::Serialize;

/// How a document relates to one it cites. Declared order is strength order:
/// replaces, repeals, amends > implements > based on, guides > cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Thay thế.
    Replaces,
    /// Bãi bỏ.
    Repeals,
    /// Sửa đổi, bổ sung.
    Amends,
    /// Thực hiện, triển khai, quán triệt.
    Implements,
    /// Căn cứ.
    BasedOn,
    /// Hướng dẫn.
    Guides,
    /// Any other mention.
    Cites,
}

impl Relation {
    /// Every relation, strongest first.
    pub const ALL: [Relation; 7] = [
        Relation::Replaces,
        Relation::Repeals,
        Relation::Amends,
        Relation::Implements,
        Relation::BasedOn,
        Relation::Guides,
        Relation::Cites,
    ];

    /// The front matter key (`implements`, `based_on` ...).
    pub fn key(self) -> &'static str {
        match self {
            Relation::Replaces => "replaces",
            Relation::Repeals => "repeals",
            Relation::Amends => "amends",
            Relation::Implements => "implements",
            Relation::BasedOn => "based_on",
            Relation::Guides => "guides",
            Relation::Cites => "cites",
        }
    }

    /// From a front matter key.
    pub fn from_key(key: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Strength rank: lower is stronger. Replaces, repeals and amends share
    /// the top rank, based on and guides the third.
    pub fn rank(self) -> u8 {
        match self {
            Relation::Replaces | Relation::Repeals | Relation::Amends => 0,
            Relation::Implements => 1,
            Relation::BasedOn | Relation::Guides => 2,
            Relation::Cites => 3,
        }
    }

    /// The heading of the group on the citing document's page.
    pub fn label_vi(self) -> &'static str {
        match self {
            Relation::Replaces => "Thay thế",
            Relation::Repeals => "Bãi bỏ",
            Relation::Amends => "Sửa đổi, bổ sung",
            Relation::Implements => "Thực hiện",
            Relation::BasedOn => "Căn cứ",
            Relation::Guides => "Hướng dẫn",
            Relation::Cites => "Dẫn chiếu",
        }
    }
}

/// Where a citation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Declared in front matter `relations`.
    FrontMatter,
}

/// One mention of another document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The number as parsed.
    pub number: Number,
    /// The mention as written (`Kết luận số 178-KL/TW`, or the number alone).
    pub text: String,
    /// The relation the mention states.
    pub relation: Relation,
    /// The cited document's date, when the mention gives it.
    pub date: Option<Date>,
    /// The cited document's issuers, when the mention gives them.
    pub issuers: Vec<String>,
    /// The cited document's locality, when given (else the citing one's applies
    /// to local series).
    pub locality: Option<String>,
    /// The type word, when given (`Quy định` for `253-QĐ/TW`).
    pub doc_type: Option<String>,
    /// The subject (what follows "về"), when given.
    pub subject: Option<String>,
    /// Where in the citing file.
    pub span: Span,
    /// Where it came from.
    pub origin: Origin,
}
