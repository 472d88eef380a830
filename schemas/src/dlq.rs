//! The dead-letter convention.
//!
//! A message a consumer cannot process for a permanent reason is copied, key and payload
//! unchanged, to `<input topic>.dlq` with these headers, and only then is its offset stored.

/// Suffix appended to an input topic to name its dead-letter topic.
pub const DLQ_SUFFIX: &str = ".dlq";

/// Header: human-readable reason.
pub const HEADER_ERROR: &str = "dlq.error";
/// Header: bounded machine-readable reason class (e.g. `malformed`, `wrong_schema`).
pub const HEADER_ERROR_KIND: &str = "dlq.error.kind";
/// Header: the service that gave up (e.g. `normalizer`).
pub const HEADER_SERVICE: &str = "dlq.service";
/// Header: the service version.
pub const HEADER_SERVICE_VERSION: &str = "dlq.service.version";
/// Header: the topic the message was read from.
pub const HEADER_ORIGINAL_TOPIC: &str = "dlq.original.topic";
/// Header: its partition (decimal).
pub const HEADER_ORIGINAL_PARTITION: &str = "dlq.original.partition";
/// Header: its offset (decimal).
pub const HEADER_ORIGINAL_OFFSET: &str = "dlq.original.offset";
/// Header: when it was dead-lettered (RFC 3339).
pub const HEADER_FAILED_AT: &str = "dlq.failed_at";
/// Header, only on a dead letter too large to be produced whole (a message larger than the
/// services' message limit): the original payload's size in bytes. The dead letter then
/// carries the first bytes of the payload only, and not the original headers; the whole
/// message stays on the original topic at the partition and offset named by the headers.
pub const HEADER_PAYLOAD_TRUNCATED: &str = "dlq.payload.truncated";

/// The dead-letter topic of `topic`.
pub fn dlq_topic(topic: &str) -> String {
    format!("{topic}{DLQ_SUFFIX}")
}

/// Why a message was dead-lettered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DlqReason {
    /// Bounded class, used as a metric label and the `dlq.error.kind` header.
    pub kind: &'static str,
    /// Full, human-readable explanation.
    pub message: String,
}

impl DlqReason {
    /// A reason of a kind with a message.
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl From<crate::envelope::DecodeError> for DlqReason {
    fn from(e: crate::envelope::DecodeError) -> Self {
        DlqReason::new(e.kind(), e.to_string())
    }
}

impl std::fmt::Display for DlqReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}
