//! Loading a built site's open data into a search engine, for a portal that
//! outgrows the static search: reads `api/van-ban/index.json`, checks each
//! part's record count and SHA-256, and writes the body of a bulk request.
//!
//! ```text
//! cargo run --release --example bulk_load -- public opensearch > bulk.ndjson
//! curl -H 'Content-Type: application/x-ndjson' -XPOST localhost:9200/_bulk --data-binary @bulk.ndjson
//!
//! cargo run --release --example bulk_load -- public meilisearch > docs.ndjson
//! curl -H 'Content-Type: application/x-ndjson' -XPOST \
//!   'localhost:7700/indexes/van-ban/documents?primaryKey=id' --data-binary @docs.ndjson
//! ```
//!
//! OpenSearch (and Elasticsearch) take an action line before each record,
//! with the document's URL as `_id`. Meilisearch takes the records as they
//! are, but its primary key allows only letters, digits, `-` and `_`: each
//! record gets an `id` made from its URL (`van-ban-73-cv-tu-phu-tho-2025`).
//! A part whose count or hash does not match `index.json` stops the load.

use sha2::Digest;
use std::io::Write;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(site), Some(format)) = (args.first(), args.get(1)) else {
        eprintln!("usage: bulk_load <site folder> opensearch|meilisearch");
        std::process::exit(2);
    };
    match load(Path::new(site), format) {
        Ok(n) => eprintln!("{n} records"),
        Err(why) => {
            eprintln!("bulk_load: {why}");
            std::process::exit(1);
        }
    }
}

/// Writes the bulk body of every part to stdout; the number of records.
fn load(site: &Path, format: &str) -> Result<usize, String> {
    let index: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.join("api/van-ban/index.json")).map_err(|e| format!("api/van-ban/index.json: {e}"))?,
    )
    .map_err(|e| format!("index.json: {e}"))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut total = 0;
    for part in index["parts"].as_array().ok_or("index.json has no parts")? {
        let url = part["url"].as_str().ok_or("a part without url")?;
        let bytes = std::fs::read(site.join(url.trim_start_matches('/'))).map_err(|e| format!("{url}: {e}"))?;
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if Some(sha.as_str()) != part["sha256"].as_str() {
            return Err(format!("{url}: hash differs from index.json"));
        }
        let text = std::str::from_utf8(&bytes).map_err(|e| format!("{url}: {e}"))?;
        let lines: Vec<&str> = text.lines().collect();
        if Some(lines.len() as u64) != part["count"].as_u64() {
            return Err(format!(
                "{url}: {} records, index.json says {}",
                lines.len(),
                part["count"]
            ));
        }
        for line in lines {
            let mut record: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{url}: {e}"))?;
            let id = record["url"].as_str().unwrap_or("").to_string();
            let written = match format {
                "opensearch" => {
                    let action = serde_json::json!({"index": {"_index": "van-ban", "_id": id}});
                    writeln!(out, "{action}\n{line}")
                }
                "meilisearch" => {
                    let key: String = id
                        .trim_matches('/')
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
                        .collect();
                    record["id"] = serde_json::Value::String(key);
                    writeln!(out, "{record}")
                }
                other => return Err(format!("unknown format `{other}`: opensearch or meilisearch")),
            };
            written.map_err(|e| e.to_string())?;
            total += 1;
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(total)
}
