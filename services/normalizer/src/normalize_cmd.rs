//! `sahel-normalizer normalize`: normalize documents from files or stdin without Kafka or
//! PostgreSQL, printing one `articles.clean` JSON object per line (`extract`, its former name,
//! is still accepted). Users debug with it;
//! scorers and benchmarks drive it. Exact and near duplicates are detected within one invocation
//! (near duplicates with the same MinHash-LSH rule as the service, in memory: [`crate::neardup`]).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use clap::Parser;
use sahel_schemas::clean::{Dedup, DedupVerdict};
use sahel_schemas::envelope::now;
use sahel_schemas::raw::{RawArticle, SourceKind, SourceRef};
use sahel_schemas::ProducerInfo;

/// Arguments of `normalize`.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-normalizer normalize",
    about = "Normalize documents (HTML or plain text, optionally gzip-compressed) and print one articles.clean JSON object per line"
)]
pub struct NormalizeArgs {
    /// Documents to read; `-` reads standard input.
    #[arg(required = true)]
    pub inputs: Vec<String>,

    /// URL the document was fetched from (only with a single input): recorded as its location
    /// and used as the canonical URL when the page names none.
    #[arg(long)]
    pub url: Option<String>,

    /// When the document was fetched (RFC 3339), for reproducible output; default: now.
    #[arg(long)]
    pub fetched_at: Option<DateTime<Utc>>,

    /// Input format: `auto` (by file name and content), `html` or `text`.
    #[arg(long, default_value = "auto", value_parser = ["auto", "html", "text"])]
    pub format: String,

    /// Language hint (ISO 639-1), used when detection is unsure.
    #[arg(long)]
    pub language_hint: Option<String>,
}

fn read_input(input: &str) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(input)?.read_to_end(&mut bytes)?;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        // Cap decompression so a gzip bomb cannot exhaust memory (64 MiB of text is plenty).
        flate2::read::GzDecoder::new(bytes.as_slice())
            .take(64 * 1024 * 1024)
            .read_to_end(&mut out)?;
        return Ok(out);
    }
    Ok(bytes)
}

fn content_type(input: &str, format: &str, bytes: &[u8]) -> &'static str {
    match format {
        "html" => "text/html",
        "text" => "text/plain",
        _ => {
            let name = input.trim_end_matches(".gz").to_ascii_lowercase();
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
            if name.ends_with(".html") || name.ends_with(".htm") || crate::document::looks_like_html(&head) {
                "text/html"
            } else {
                "text/plain"
            }
        }
    }
}

/// Runs `normalize`, writing JSON lines to `out` and problems to `err`. Returns the process exit
/// code: 0 when every document was normalized, 1 when some could not be (each is reported
/// with its reason and the others are still printed), 2 for bad arguments.
pub fn run(args: &NormalizeArgs, out: &mut impl Write, err: &mut impl Write) -> i32 {
    if args.url.is_some() && args.inputs.len() > 1 {
        let _ = writeln!(
            err,
            "error: --url applies to a single input, {} were given",
            args.inputs.len()
        );
        return 2;
    }
    let fetched_at = args.fetched_at.unwrap_or_else(now);
    let producer = ProducerInfo::new("normalizer-cmd", crate::VERSION);
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut near = crate::neardup::MemoryIndex::new();
    let mut failed = 0;
    for input in &args.inputs {
        let bytes = match read_input(input) {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(err, "{input}: cannot read: {e}");
                failed += 1;
                continue;
            }
        };
        let ctype = content_type(input, &args.format, &bytes);
        let decoded = sahel_runtime::charset::decode(&bytes, ctype == "text/html");
        let location = args.url.clone().unwrap_or_else(|| {
            if input == "-" {
                "stdin".to_owned()
            } else {
                Path::new(input)
                    .canonicalize()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|_| input.clone())
            }
        });
        let source = SourceRef {
            name: "normalize".to_owned(),
            kind: if args.url.is_some() {
                SourceKind::Url
            } else {
                SourceKind::File
            },
            location,
            feed_url: None,
            final_url: args.url.clone(),
        };
        let hint = args.language_hint.clone();
        let raw = RawArticle::from_local(source, &bytes, decoded, ctype, fetched_at, producer.clone(), hint);
        match crate::normalize(&raw) {
            Ok(mut clean) => {
                clean.produced_at = fetched_at;
                let original = seen
                    .entry(clean.fingerprints.text_sha256.clone())
                    .or_insert_with(|| clean.id.clone());
                if *original != clean.id {
                    clean.dedup = Dedup {
                        verdict: DedupVerdict::ExactDuplicate,
                        duplicate_of: Some(original.clone()),
                        similarity: Some(1.0),
                    };
                } else if let Some(sig) = crate::neardup::Signature::of_text(&clean.text) {
                    if let Some(m) = near.claim(&clean.id, &sig) {
                        clean.dedup = Dedup {
                            verdict: DedupVerdict::NearDuplicate,
                            duplicate_of: Some(m.original),
                            similarity: Some(m.similarity),
                        };
                    }
                }
                match serde_json::to_string(&clean) {
                    Ok(line) => {
                        let _ = writeln!(out, "{line}");
                    }
                    Err(e) => {
                        let _ = writeln!(err, "{input}: cannot serialize: {e}");
                        failed += 1;
                    }
                }
            }
            Err(reason) => {
                let _ = writeln!(err, "{input}: {}: {}", reason.kind, reason.message);
                failed += 1;
            }
        }
    }
    i32::from(failed > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahel_schemas::envelope::decode;
    use sahel_schemas::CleanArticle;

    #[test]
    fn documents_become_clean_articles_one_per_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = dir.path().join("a.txt");
        std::fs::write(&text, "Sponsor: ACME\nProtesters gathered in Niamey on 16 March 2024 to demand the departure of foreign troops.\n").expect("write");
        let copy = dir.path().join("b.txt");
        std::fs::write(
            &copy,
            "Protesters gathered in Niamey on 16 March 2024 to demand the departure of foreign troops.",
        )
        .expect("write");
        let html = dir.path().join("c.html.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<html><head><title>T</title></head><body><h1>Marche</h1><p>Des milliers de manifestants ont defile a Bamako.</p></body></html>")
            .expect("gzip");
        std::fs::write(&html, gz.finish().expect("gzip")).expect("write");
        let empty = dir.path().join("d.txt");
        std::fs::write(&empty, "").expect("write");

        let args = NormalizeArgs::parse_from([
            "normalize",
            text.to_str().unwrap_or_default(),
            copy.to_str().unwrap_or_default(),
            html.to_str().unwrap_or_default(),
            empty.to_str().unwrap_or_default(),
            "--fetched-at",
            "2024-03-17T08:00:00Z",
        ]);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(&args, &mut out, &mut err);
        assert_eq!(code, 1, "the empty document is a failure");
        let err = String::from_utf8(err).expect("utf8");
        assert!(err.contains("d.txt: empty_document"), "{err}");
        let lines: Vec<CleanArticle> = String::from_utf8(out)
            .expect("utf8")
            .lines()
            .map(|l| decode::<CleanArticle>(Some(l.as_bytes())).expect("a valid articles.clean message"))
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].removed, vec!["Sponsor: ACME"]);
        assert_eq!(lines[1].dedup.duplicate_of.as_deref(), Some(lines[0].id.as_str()));
        assert_eq!(lines[2].title.as_deref(), Some("Marche"));
        assert_eq!(lines[2].text, "Des milliers de manifestants ont defile a Bamako.");
        assert_eq!(lines[0].fetched_at.to_rfc3339(), "2024-03-17T08:00:00+00:00");
    }
    #[test]
    fn near_duplicates_within_one_invocation_name_the_original() {
        let story = "Thousands of people marched through Niamey on Saturday to demand the departure of \
            foreign troops from Niger. The protesters gathered near the national assembly before walking \
            to the airport, where a foreign air base is located. Organisers said the march was peaceful \
            and that more demonstrations would follow in Zinder, Maradi and Agadez in the coming weeks.";
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.txt");
        std::fs::write(&a, story).expect("write");
        let b = dir.path().join("b.txt");
        std::fs::write(
            &b,
            format!("{}\n\nMore on this story soon.", story.replace("Saturday", "Sunday")),
        )
        .expect("write");
        let c = dir.path().join("c.txt");
        std::fs::write(
            &c,
            "The central bank of the West African states kept its main policy rate unchanged on \
            Wednesday, citing slowing inflation across the eight member countries of the monetary union.",
        )
        .expect("write");
        let args = NormalizeArgs::parse_from([
            "normalize",
            a.to_str().unwrap_or_default(),
            b.to_str().unwrap_or_default(),
            c.to_str().unwrap_or_default(),
        ]);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &mut out, &mut err), 0, "{}", String::from_utf8_lossy(&err));
        let lines: Vec<CleanArticle> = String::from_utf8(out)
            .expect("utf8")
            .lines()
            .map(|l| decode::<CleanArticle>(Some(l.as_bytes())).expect("a valid articles.clean message"))
            .collect();
        assert_eq!(lines[0].dedup.verdict, DedupVerdict::Unique);
        assert_eq!(lines[1].dedup.verdict, DedupVerdict::NearDuplicate);
        assert_eq!(lines[1].dedup.duplicate_of.as_deref(), Some(lines[0].id.as_str()));
        let sim = lines[1].dedup.similarity.expect("similarity");
        assert!((crate::neardup::THRESHOLD..1.0).contains(&sim), "{sim}");
        assert_eq!(lines[2].dedup.verdict, DedupVerdict::Unique);
    }
}
