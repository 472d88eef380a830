//! `articles.raw`: a document as fetched, before any interpretation.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envelope::{ProducerInfo, SchemaId};

/// One fetched document. Keyed by `id` (the document id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawArticle {
    /// `{"name": "articles.raw", "version": 1}`: major version 1, minor 0 (a `minor` appears when
    /// optional fields are added; `schemas/COMPATIBILITY.md`).
    pub schema: SchemaId,
    /// Document id: derived from the location and the content hash
    /// ([`crate::ids::document_id`]), so fetching the same bytes again yields the same id.
    pub id: String,
    /// When this message was produced.
    pub produced_at: DateTime<Utc>,
    /// Which service produced it.
    pub producer: ProducerInfo,
    /// Where the document came from.
    pub source: SourceRef,
    /// When the bytes were read.
    pub fetched_at: DateTime<Utc>,
    /// HTTP exchange details; absent for files.
    pub http: Option<HttpMeta>,
    /// Media type as served or guessed from the file name, e.g. `text/html`, `text/plain`.
    pub content_type: String,
    /// Charset the body was decoded from (e.g. `UTF-8`, `windows-1252`) and how it was found.
    pub charset: Charset,
    /// The body decoded to text (UTF-8). Undecodable bytes are replaced with U+FFFD and
    /// counted in `charset.replacements`.
    pub body: String,
    /// Hex SHA-256 of the raw bytes as fetched (before decoding).
    pub content_sha256: String,
    /// Size of the raw bytes.
    pub byte_length: u64,
    /// Language hint from the source configuration (ISO 639-1), when one was given.
    pub language_hint: Option<String>,
    /// What a feed said about the item, when the document was found through a feed.
    pub feed: Option<FeedMeta>,
}

crate::impl_message!(RawArticle, "articles.raw", 1);

impl RawArticle {
    /// A document read from local bytes (a file, stdin) with no HTTP exchange: the id derives
    /// from `source.location` and the hash of `bytes`, so reading the same bytes again gives
    /// the same document.
    pub fn from_local(
        source: SourceRef,
        bytes: &[u8],
        (body, charset): (String, Charset),
        content_type: &str,
        fetched_at: DateTime<Utc>,
        producer: ProducerInfo,
        language_hint: Option<String>,
    ) -> Self {
        let sha = crate::ids::sha256_hex(bytes);
        Self {
            schema: <Self as crate::envelope::Message>::current_schema(),
            id: crate::ids::document_id(&source.location, &sha),
            produced_at: fetched_at,
            producer,
            source,
            fetched_at,
            http: None,
            content_type: content_type.to_owned(),
            charset,
            body,
            content_sha256: sha,
            byte_length: bytes.len() as u64,
            language_hint,
            feed: None,
        }
    }
}

/// Kind of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A single file.
    File,
    /// A directory of files.
    Directory,
    /// A list of URLs.
    Url,
    /// An RSS, Atom or JSON feed.
    Feed,
    /// A sitemap or sitemap index.
    Sitemap,
}

impl SourceKind {
    /// The snake_case name, as stored in PostgreSQL.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::File => "file",
            SourceKind::Directory => "directory",
            SourceKind::Url => "url",
            SourceKind::Feed => "feed",
            SourceKind::Sitemap => "sitemap",
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceRef {
    /// Configured source name (e.g. `seeds`); dashboards group by it.
    pub name: String,
    /// Kind of source.
    pub kind: SourceKind,
    /// The file path or the URL requested.
    pub location: String,
    /// The feed or sitemap the location was listed in.
    pub feed_url: Option<String>,
    /// The URL after redirects, when it differs from `location`.
    pub final_url: Option<String>,
}

/// HTTP response details kept for conditional requests and diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HttpMeta {
    /// Response status code.
    pub status: u16,
    /// `ETag` validator.
    pub etag: Option<String>,
    /// `Last-Modified` validator, as sent.
    pub last_modified: Option<String>,
}

/// How the body was decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Charset {
    /// WHATWG encoding name, e.g. `UTF-8`.
    pub name: String,
    /// Where the charset came from.
    pub source: CharsetSource,
    /// Number of byte sequences that could not be decoded and were replaced.
    pub replacements: u64,
}

/// Where a charset was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CharsetSource {
    /// A byte-order mark.
    Bom,
    /// The HTTP `Content-Type` header.
    Header,
    /// A `<meta charset>` or `http-equiv` tag.
    Meta,
    /// The bytes were valid UTF-8.
    Utf8Valid,
    /// A guess (fallback to windows-1252 for non-UTF-8 bytes).
    Guessed,
}

/// What a feed said about an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FeedMeta {
    /// Item title.
    pub title: Option<String>,
    /// Item publication date as given by the feed.
    pub published: Option<DateTime<Utc>>,
    /// Item summary.
    pub summary: Option<String>,
}
