//! Inputs found by fuzzing the normalizer (`fuzz/fuzz_targets/html_extract.rs`, run with
//! `deploy/local/fuzz.sh`), plus hand-written nasty ones, replayed on stable in the main suite.
//! Every file in `tests/fuzz_regressions/` is read as raw bytes and normalized the way the
//! fuzz target does it (as a web page with and without a URL, and as plain text), on a 2 MiB
//! stack like a tokio worker's: each call returns a clean article that keeps its contracts or
//! a DLQ reason, and never panics.
//!
//! To keep a new crashing input: copy it from `fuzz/artifacts/html_extract/` into the folder
//! under a name that says what it is.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use sahel_normalizer::{dateline, metadata, neardup, normalize};
use sahel_schemas::raw::{RawArticle, SourceKind, SourceRef};
use sahel_schemas::ProducerInfo;

fn raw_article(bytes: &[u8], content_type: &str, url: Option<&str>) -> RawArticle {
    let decoded = sahel_runtime::charset::decode(bytes, content_type.contains("html"));
    let source = SourceRef {
        name: "fuzz".to_owned(),
        kind: if url.is_some() {
            SourceKind::Url
        } else {
            SourceKind::File
        },
        location: url.unwrap_or("fuzz-input").to_owned(),
        feed_url: None,
        final_url: url.map(str::to_owned),
    };
    let fetched_at = Utc
        .with_ymd_and_hms(2024, 3, 17, 8, 0, 0)
        .single()
        .expect("a valid date");
    RawArticle::from_local(
        source,
        bytes,
        decoded,
        content_type,
        fetched_at,
        ProducerInfo::new("fuzz", "0"),
        None,
    )
}

/// Normalizes one way and checks the outcome; returns `Ok(word count)` or `Err(DLQ kind)`.
fn check(name: &str, bytes: &[u8], content_type: &str, url: Option<&str>) -> Result<u32, String> {
    let raw = raw_article(bytes, content_type, url);
    match normalize(&raw) {
        Ok(clean) => {
            let chars: Vec<char> = clean.text.chars().collect();
            assert!(!clean.text.trim().is_empty(), "{name}: a clean article has text");
            let mut previous_end = 0;
            for p in &clean.paragraphs {
                assert!(
                    p.start < p.end && p.start >= previous_end && p.end as usize <= chars.len(),
                    "{name}: bad paragraph span {p:?} (text of {} code points)",
                    chars.len()
                );
                previous_end = p.end;
            }
            assert!((0.0..=1.0).contains(&clean.language.confidence), "{name}");
            let _ = neardup::Signature::of_text(&clean.text);
            serde_json::to_string(&clean).expect("a clean article serializes");
            Ok(clean.word_count)
        }
        Err(reason) => {
            assert!(
                !reason.kind.is_empty() && !reason.message.is_empty(),
                "{name}: a DLQ reason says why"
            );
            Err(reason.kind.to_owned())
        }
    }
}

/// Every outcome for one input: (as a page with a URL, as a page, as plain text).
type Outcomes = (Result<u32, String>, Result<u32, String>, Result<u32, String>);

fn replay(name: String, bytes: Vec<u8>) -> Outcomes {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            // The normalizer's date parsers see the page's strings too: feed them the input.
            let text = String::from_utf8_lossy(&bytes);
            let _ = metadata::parse_date(&text);
            let _ = dateline::parse_line(&text);
            let _ = metadata::date_from_url(&text);
            (
                check(
                    &name,
                    &bytes,
                    "text/html; charset=utf-8",
                    Some("https://example.org/2024/03/16/article.html"),
                ),
                check(&name, &bytes, "text/html", None),
                check(&name, &bytes, "text/plain", None),
            )
        })
        .expect("spawn")
        .join()
        .expect("normalize must not panic or overflow its stack")
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir())
        .expect("tests/fuzz_regressions exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().expect("a file name").to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).expect("readable");
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_kept_input_is_normalized_or_refused_without_panicking() {
    let files = inputs();
    assert!(
        files.len() >= 10,
        "the regression inputs are missing: {}",
        dir().display()
    );
    for (name, bytes) in files {
        let outcomes = replay(name.clone(), bytes);
        eprintln!("{name}: {outcomes:?}");
    }
}

#[test]
fn the_hand_written_inputs_end_as_expected() {
    let outcome = |name: &str| {
        let bytes = std::fs::read(dir().join(name)).expect("the input exists");
        replay(name.to_owned(), bytes)
    };
    // Nothing to read: refused with a reason, whatever the declared type.
    let (a, b, c) = outcome("empty.txt");
    assert_eq!(
        (a.unwrap_err(), b.unwrap_err(), c.unwrap_err()),
        (
            "empty_document".into(),
            "empty_document".into(),
            "empty_document".into()
        )
    );
    // Mostly control characters: binary.
    assert_eq!(outcome("controls_only.bin").2.unwrap_err(), "binary_document");
    // Invalid UTF-8 in a real sentence is decoded (Windows-1252) and kept as text.
    assert!(outcome("invalid_utf8.txt").2.expect("normalized") >= 5);
    // Nesting beyond the parser's bound is refused before parsing.
    assert_eq!(outcome("nested_5000.html").0.unwrap_err(), "too_deeply_nested");
    // Nesting within the bound is parsed on a small stack, and its text is found.
    assert!(outcome("nested_1500.html").0.expect("normalized") >= 5);
    // Impossible and out-of-range dates are ignored, not trusted and not a crash.
    assert!(outcome("impossible_dates.html").0.expect("normalized") >= 5);
}
