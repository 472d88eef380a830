//! Topic names. Every service takes a prefix (`--topic-prefix`) so several pipelines, or
//! several tests, can share one broker without seeing each other's messages.

/// Fetched documents, keyed by document id.
pub const ARTICLES_RAW: &str = "articles.raw";
/// Normalized articles, keyed by article id.
pub const ARTICLES_CLEAN: &str = "articles.clean";
/// Event mentions, keyed by event id.
pub const EVENTS_EXTRACTED: &str = "events.extracted";

/// Every pipeline topic with its dead-letter topic, in flow order.
pub fn all_topics(prefix: &str) -> Vec<String> {
    [ARTICLES_RAW, ARTICLES_CLEAN, EVENTS_EXTRACTED]
        .iter()
        .flat_map(|t| {
            let name = format!("{prefix}{t}");
            let dlq = crate::dlq::dlq_topic(&name);
            [name, dlq]
        })
        .collect()
}
