//! Topic names. Every service takes a prefix (`--topic-prefix`) so several pipelines, or
//! several tests, can share one broker without seeing each other's messages.

/// Fetched documents, keyed by document id.
pub const ARTICLES_RAW: &str = "articles.raw";
/// Normalized articles, keyed by article id.
pub const ARTICLES_CLEAN: &str = "articles.clean";
/// Event mentions, keyed by event id.
pub const EVENTS_EXTRACTED: &str = "events.extracted";
/// The current state of each event, keyed by event id, compacted (the writer's output).
pub const EVENTS_CURRENT: &str = "events.current";

/// Every pipeline topic with its dead-letter topic, in flow order, then the compacted
/// output topics (no dead-letter topic: nothing consumes them here).
pub fn all_topics(prefix: &str) -> Vec<String> {
    [ARTICLES_RAW, ARTICLES_CLEAN, EVENTS_EXTRACTED]
        .iter()
        .flat_map(|t| {
            let name = format!("{prefix}{t}");
            let dlq = crate::dlq::dlq_topic(&name);
            [name, dlq]
        })
        .chain(COMPACTED.iter().map(|t| format!("{prefix}{t}")))
        .collect()
}

/// Topics that keep the last message per key (`cleanup.policy=compact`).
pub const COMPACTED: [&str; 1] = [EVENTS_CURRENT];

/// Whether `topic` (with any prefix) is compacted.
pub fn is_compacted(topic: &str) -> bool {
    COMPACTED.iter().any(|t| topic.ends_with(t))
}
