//! Hostile HTML ends in bounded time and memory, without a stack overflow: each document is
//! either normalized or refused with a reason (which the service sends to the DLQ). The
//! documents run on a thread with a 2 MiB stack, the size of a tokio worker's.

use sahel_normalizer::normalize;
use sahel_schemas::envelope::now;
use sahel_schemas::raw::{RawArticle, SourceKind, SourceRef};
use sahel_schemas::ProducerInfo;

fn raw(body: String) -> RawArticle {
    let source = SourceRef {
        name: "hostile".into(),
        kind: SourceKind::File,
        location: "hostile.html".into(),
        feed_url: None,
        final_url: None,
    };
    let bytes = body.into_bytes();
    let decoded = sahel_runtime::charset::decode(&bytes, true);
    RawArticle::from_local(
        source,
        &bytes,
        decoded,
        "text/html",
        now(),
        ProducerInfo::new("test", "0"),
        None,
    )
}

/// Normalizes on a small stack; returns Ok(words) or Err(kind).
fn run(body: String) -> Result<u32, String> {
    let doc = raw(body);
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || normalize(&doc).map(|a| a.word_count).map_err(|r| r.kind.to_owned()))
        .expect("spawn")
        .join()
        .expect("normalize must not panic or overflow its stack")
}

const ARTICLE: &str = "<p>Thousands of people marched through Niamey on Friday to demand the departure of foreign troops, chanting slogans in support of the ruling council and waving flags.</p>";

#[test]
fn fifty_thousand_nested_elements() {
    let body = format!(
        "<html><body>{}{ARTICLE}{}</body></html>",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    let outcome = run(body);
    match &outcome {
        Ok(words) => assert!(*words > 10, "{outcome:?}"),
        Err(kind) => assert_eq!(kind, "too_deeply_nested"),
    }
}

#[test]
fn ten_megabyte_single_line() {
    let filler = "word ".repeat(2_000_000);
    let body = format!("<html><body><p>{filler}</p>{ARTICLE}</body></html>");
    assert!(body.len() >= 10_000_000);
    let outcome = run(body);
    match &outcome {
        Ok(words) => assert!(*words > 10, "{outcome:?}"),
        Err(kind) => assert_eq!(kind, "document_too_large"),
    }
}

#[test]
fn a_hundred_thousand_links() {
    let links: String = (0..100_000)
        .map(|i| format!("<a href=\"/p/{i}\">story {i}</a> "))
        .collect();
    let body = format!("<html><body><div>{links}</div><article>{ARTICLE}{ARTICLE}</article></body></html>");
    let outcome = run(body);
    match &outcome {
        Ok(words) => assert!(*words > 10, "{outcome:?}"),
        Err(kind) => assert!(["too_many_elements", "no_main_text"].contains(&kind.as_str()), "{kind}"),
    }
}
