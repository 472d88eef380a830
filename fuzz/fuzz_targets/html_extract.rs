//! HTML extraction and plain-text normalization on arbitrary bytes: the normalizer's whole
//! `normalize` path (charset decoding, usability and bounds checks, the Sahel engine or the
//! plain-text splitter, metadata, dates, language), then what the service does with the result
//! (near-duplicate signature, JSON). Either a clean article that keeps its contracts, or a
//! DLQ reason; never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sahel_fuzz::{raw_article, span};
use sahel_normalizer::{neardup, normalize};

fn check(bytes: &[u8], content_type: &str, url: Option<&str>) {
    let raw = raw_article(bytes, content_type, url);
    match normalize(&raw) {
        Ok(clean) => {
            let chars: Vec<char> = clean.text.chars().collect();
            assert!(!clean.text.trim().is_empty(), "a clean article has text");
            assert!(!clean.paragraphs.is_empty(), "a clean article has paragraphs");
            let mut previous_end = 0;
            for p in &clean.paragraphs {
                assert!(p.start < p.end, "empty paragraph span {p:?}");
                assert!(p.start >= previous_end, "paragraph spans overlap or go back: {p:?}");
                assert!(p.end as usize <= chars.len(), "paragraph span {p:?} past the text");
                let para = span(&chars, p.start, p.end);
                assert_eq!(para.trim(), para, "a paragraph span starts or ends with whitespace");
                previous_end = p.end;
            }
            assert!(
                (0.0..=1.0).contains(&clean.language.confidence),
                "language confidence {}",
                clean.language.confidence
            );
            assert_eq!(clean.fingerprints.text_sha256.len(), 64);
            let _ = neardup::Signature::of_text(&clean.text);
            serde_json::to_string(&clean).expect("a clean article serializes");
        }
        Err(reason) => {
            assert!(!reason.kind.is_empty(), "a DLQ reason has a kind");
            assert!(!reason.message.is_empty(), "a DLQ reason has a message");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // The same bytes as a web page (with and without a URL, which enables URL dates and
    // canonical links) and as a plain-text file, on a 2 MiB stack like a tokio worker's, so
    // deep recursion that would overflow in the service overflows here too.
    let data = data.to_vec();
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            check(
                &data,
                "text/html; charset=utf-8",
                Some("https://example.org/2024/03/16/article.html"),
            );
            check(&data, "text/html", None);
            check(&data, "text/plain", None);
        })
        .expect("spawn")
        .join()
        .expect("normalize must not panic");
});
