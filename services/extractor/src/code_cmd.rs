//! `sahel-extractor code`: code plain texts without Kafka or PostgreSQL, printing one
//! `events.extracted` JSON object per event mention per line. Users debug with it; scorers
//! drive it. With `--lines`, each input line is a document of its own.

use std::io::{Read, Write};

use chrono::NaiveDate;
use clap::Parser;
use sahel_schemas::ids;

use crate::Extractor;

/// Arguments of `code`.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-extractor code",
    about = "Code plain texts into events: one events.extracted JSON object per mention per line"
)]
pub struct CodeArgs {
    /// Text files to read; `-` reads standard input.
    #[arg(required = true)]
    pub inputs: Vec<String>,

    /// Publication date of the texts (YYYY-MM-DD, or an RFC 3339 timestamp), for relative
    /// dates; without it the extractor infers a reference date from the text and says so.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<NaiveDate>,

    /// Language of the texts (en, fr, nl); detected from each text when absent.
    #[arg(long, value_parser = ["en", "fr", "nl"])]
    pub lang: Option<String>,

    /// Code each input line as a document of its own.
    #[arg(long)]
    pub lines: bool,

    /// Print the dependency trees the coder reads (CoNLL-U, with the tagger's hints from the
    /// actor and trigger data) instead of the mentions; sentences without a trigger word are
    /// not parsed.
    #[arg(long)]
    pub trees: bool,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::DateTime::parse_from_rfc3339(s).map(|d| d.date_naive()))
        .map_err(|_| format!("`{s}` is not a date (YYYY-MM-DD or RFC 3339)"))
}

/// The language of a text among those the extractor knows (English when unsure).
pub fn detect_language(text: &str) -> &'static str {
    match whatlang::detect(text).map(|i| i.lang()) {
        Some(whatlang::Lang::Fra) => "fr",
        Some(whatlang::Lang::Nld) => "nl",
        _ => "en",
    }
}

fn read_input(input: &str) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(input)?.read_to_end(&mut bytes)?;
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Runs `code`: JSON lines to `out`, problems to `err`. Returns the exit code: 0 when every
/// input was read, 1 when some could not be (each reported).
pub fn run(args: &CodeArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let extractor = match Extractor::new() {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(err, "sahel-extractor code: {e}");
            return 1;
        }
    };
    let mut status = 0;
    for input in &args.inputs {
        let text = match read_input(input) {
            Ok(t) => t,
            Err(e) => {
                let _ = writeln!(err, "sahel-extractor code: {input}: {e}");
                status = 1;
                continue;
            }
        };
        let location = if input == "-" { "stdin" } else { input.as_str() };
        let docs: Vec<(String, &str)> = if args.lines {
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| (format!("{location}#L{}", i + 1), l))
                .collect()
        } else {
            vec![(location.to_owned(), text.as_str())]
        };
        for (loc, doc) in docs {
            let article_id = ids::article_id(&ids::document_id(&loc, &ids::sha256_hex(doc.as_bytes())));
            let lang = args.lang.as_deref().unwrap_or_else(|| detect_language(doc));
            if args.trees {
                if write!(out, "{}", extractor.trees_of_text(doc, lang, args.published)).is_err() {
                    return 1;
                }
                continue;
            }
            for m in extractor.code_text(&article_id, doc, lang, args.published) {
                match serde_json::to_string(&m) {
                    Ok(line) => {
                        if writeln!(out, "{line}").is_err() {
                            return 1;
                        }
                    }
                    Err(e) => {
                        let _ = writeln!(err, "sahel-extractor code: {loc}: {e}");
                        status = 1;
                    }
                }
            }
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_documents_and_dates_parse() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("t.txt");
        std::fs::write(
            &p,
            "Protesters rallied in Niamey on Saturday.\n\nDes manifestants ont défilé samedi à Bamako.\n",
        )
        .expect("write");
        let args = CodeArgs::parse_from([
            "code",
            "--lines",
            "--published",
            "2024-04-15",
            p.to_str().expect("utf-8 path"),
        ]);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &mut out, &mut err), 0);
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .expect("utf-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_ne!(lines[0]["article_id"], lines[1]["article_id"]);
        for l in &lines {
            assert_eq!(l["event_type"], "PROTEST");
            assert_eq!(l["date"]["start"], "2024-04-13");
        }
        assert_eq!(lines[1]["evidence"]["language"], "fr");
        assert!(parse_date("yesterday").is_err());
        assert_eq!(
            parse_date("2024-04-15T10:00:00Z").ok(),
            NaiveDate::from_ymd_opt(2024, 4, 15)
        );
    }

    #[test]
    fn trees_are_what_the_coder_reads() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("t.txt");
        // A verb form the tagger never saw: the trigger data tells it the word is a verb.
        std::fs::write(&p, "Ook in Sikasso demonstreerden die dag honderden handelaars.\n").expect("write");
        let args = CodeArgs::parse_from(["code", "--trees", "--lang", "nl", p.to_str().expect("utf-8 path")]);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &mut out, &mut err), 0);
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.starts_with("# sent_id"), "{text}");
        let verb = text
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .find(|c| c.get(1) == Some(&"demonstreerden"))
            .unwrap_or_else(|| panic!("no row for the verb in {text}"));
        assert_eq!((verb[2], verb[3]), ("demonstreren", "VERB"), "{text}");
    }

    #[test]
    fn unreadable_inputs_are_reported() {
        let args = CodeArgs::parse_from(["code", "/nonexistent/file.txt"]);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &mut out, &mut err), 1);
        assert!(String::from_utf8_lossy(&err).contains("/nonexistent/file.txt"));
    }
}
