//! `articles.clean`: what an article says, in the original language, with its dedup verdict.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envelope::{ProducerInfo, SchemaId};
use crate::raw::SourceRef;

/// One normalized article. Keyed by `id` (the article id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CleanArticle {
    /// `{"name": "articles.clean", "version": 1}`: major version 1, minor 0 (a `minor` appears when
    /// optional fields are added; `schemas/COMPATIBILITY.md`).
    pub schema: SchemaId,
    /// Article id ([`crate::ids::article_id`]): one article per fetched document.
    pub id: String,
    /// When this message was produced.
    pub produced_at: DateTime<Utc>,
    /// Which service produced it.
    pub producer: ProducerInfo,
    /// The `articles.raw` document this article was made from.
    pub document_id: String,
    /// Where the document came from (copied from the raw message so the writer needs no lookup).
    pub source: SourceRef,
    /// When the document was fetched.
    pub fetched_at: DateTime<Utc>,
    /// Canonical URL (from `<link rel=canonical>`, `og:url`, or the final URL).
    pub canonical_url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Publication date, where one was found.
    pub published: Option<PublishedDate>,
    /// Detected language.
    pub language: Language,
    /// Main text in Unicode NFC, paragraphs separated by a blank line (`"\n\n"`).
    pub text: String,
    /// Paragraph boundaries as Unicode code-point offsets into `text`, half-open.
    pub paragraphs: Vec<TextSpan>,
    /// Number of words in `text`.
    pub word_count: u32,
    /// Fingerprints used for deduplication.
    pub fingerprints: Fingerprints,
    /// Whether this article was seen before.
    pub dedup: Dedup,
    /// What the normalizer removed (boilerplate lines and the like), for audit.
    pub removed: Vec<String>,
}

crate::impl_message!(CleanArticle, "articles.clean", 1);

/// A half-open range `[start, end)` of Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TextSpan {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
}

/// Precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// Exact to the second (a timestamp).
    Time,
    /// Exact to the day.
    Day,
    /// Known to the month.
    Month,
    /// Known to the year.
    Year,
}

impl DatePrecision {
    /// snake_case name, as stored in PostgreSQL.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Time => "time",
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// Where a publication date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A `<meta>` tag (`article:published_time` and the like).
    MetaTag,
    /// JSON-LD `datePublished`.
    JsonLd,
    /// A `<time datetime>` element.
    TimeElement,
    /// A date pattern in the URL.
    Url,
    /// The feed item's date.
    Feed,
    /// A dateline or date in the text.
    Text,
    /// Inferred (for example from the fetch time).
    Inferred,
}

impl DateSource {
    /// snake_case name, as stored in PostgreSQL.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::MetaTag => "meta_tag",
            DateSource::JsonLd => "json_ld",
            DateSource::TimeElement => "time_element",
            DateSource::Url => "url",
            DateSource::Feed => "feed",
            DateSource::Text => "text",
            DateSource::Inferred => "inferred",
        }
    }
}

/// A publication date with its precision and provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PublishedDate {
    /// The instant (midnight UTC of the first day when the precision is coarser than time).
    pub value: DateTime<Utc>,
    /// How precise `value` is.
    pub precision: DatePrecision,
    /// Where it was found.
    pub found_in: DateSource,
}

/// A detected language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Language {
    /// ISO 639-1 code (`en`, `fr`, `nl`, ...), or `und` when undetermined.
    pub code: String,
    /// Detector confidence in 0..1.
    pub confidence: f64,
}

/// Fingerprints of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Fingerprints {
    /// Hex SHA-256 of the text after case folding and whitespace collapsing (exact dedup).
    pub text_sha256: String,
}

/// Dedup verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DedupVerdict {
    /// First time this text is seen.
    Unique,
    /// Same normalized text as `duplicate_of`.
    ExactDuplicate,
    /// Nearly the same text as `duplicate_of`, with `similarity`.
    NearDuplicate,
}

impl DedupVerdict {
    /// snake_case name, as stored in PostgreSQL.
    pub fn as_str(self) -> &'static str {
        match self {
            DedupVerdict::Unique => "unique",
            DedupVerdict::ExactDuplicate => "exact_duplicate",
            DedupVerdict::NearDuplicate => "near_duplicate",
        }
    }
}

/// Whether the article was seen before, and as what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dedup {
    /// The verdict.
    pub verdict: DedupVerdict,
    /// The article this one duplicates (absent when unique).
    pub duplicate_of: Option<String>,
    /// Similarity to `duplicate_of` in 0..1 (1 for exact duplicates).
    pub similarity: Option<f64>,
}
