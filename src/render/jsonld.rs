//! JSON-LD for a document page, and JSON safe inside a `<script>`.

use super::*;

impl Renderer<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn jsonld(
        &self,
        number: &str,
        doc_type: &str,
        title: Option<&str>,
        date: Option<crate::date::Date>,
        issuers: &[String],
        url: &str,
        locality: Option<&str>,
        status: Option<&str>,
    ) -> String {
        /// schema.org `Legislation`, its keys in the order they have always
        /// been written (sorted).
        #[derive(Serialize)]
        struct Legislation<'a> {
            #[serde(rename = "@context")]
            context: &'a str,
            #[serde(rename = "@type")]
            kind: &'a str,
            #[serde(rename = "inLanguage")]
            language: &'a str,
            #[serde(rename = "legislationDate", skip_serializing_if = "Option::is_none")]
            date: Option<String>,
            #[serde(rename = "legislationIdentifier")]
            identifier: &'a str,
            #[serde(rename = "legislationJurisdiction")]
            jurisdiction: String,
            #[serde(rename = "legislationLegalForce", skip_serializing_if = "Option::is_none")]
            force: Option<&'a str>,
            #[serde(rename = "legislationPassedBy")]
            passed_by: Vec<Organization<'a>>,
            #[serde(rename = "legislationType")]
            legislation_type: &'a str,
            name: String,
            url: &'a str,
        }
        #[derive(Serialize)]
        struct Organization<'a> {
            #[serde(rename = "@type")]
            kind: &'a str,
            name: &'a str,
        }
        let v = Legislation {
            context: "https://schema.org",
            kind: "Legislation",
            language: "vi",
            date: date.map(|d| d.iso()),
            identifier: number,
            jurisdiction: locality.map_or_else(|| "Việt Nam".to_string(), |l| format!("{l}, Việt Nam")),
            force: status.map(|s| {
                if s == "in-force" {
                    "https://schema.org/InForce"
                } else {
                    "https://schema.org/NotInForce"
                }
            }),
            passed_by: issuers
                .iter()
                .map(|n| Organization {
                    kind: "GovernmentOrganization",
                    name: n,
                })
                .collect(),
            legislation_type: doc_type,
            name: title.map_or_else(
                || format!("{doc_type} số {number}"),
                |t| format!("{doc_type} số {number}: {t}"),
            ),
            url,
        };
        script_safe_json(&v)
    }
}

/// JSON that can stand inside `<script>`: `<`, `>` and `&` escaped.
pub(crate) fn script_safe_json(v: &impl Serialize) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    if !s.contains(['<', '>', '&']) {
        return s;
    }
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn json_for_script() {
        let v = serde_json::json!({"name": "</script><b>&"});
        let s = script_safe_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
    }
}
