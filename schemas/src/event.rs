//! `events.extracted`: one message per event mention (see the event model in DESIGN.md).

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envelope::{ProducerInfo, SchemaId};

/// One mention of an event in one article. Keyed by `event_id`, so every mention of one
/// real-world event lands in one partition, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventMention {
    /// `{"name": "events.extracted", "version": 1}`: major version 1, minor 0 (a `minor` appears when
    /// optional fields are added; `schemas/COMPATIBILITY.md`).
    pub schema: SchemaId,
    /// Mention id ([`crate::ids::mention_id`]): stable for the same article, sentence, span
    /// and event type, so re-extraction replaces rather than adds.
    pub id: String,
    /// When this message was produced.
    pub produced_at: DateTime<Utc>,
    /// Which service produced it.
    pub producer: ProducerInfo,
    /// Identity of the real-world event ([`crate::ids::event_id`]).
    pub event_id: String,
    /// The article the mention is in.
    pub article_id: String,
    /// PLOVER event type.
    pub event_type: EventType,
    /// PLOVER mode where one fits (e.g. `demonstrate`, `coup`, `withdraw-troops`).
    pub event_mode: Option<String>,
    /// CAMEO root code (two digits, e.g. `14` for PROTEST).
    pub cameo_root: String,
    /// CAMEO quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad_class: u8,
    /// Who acted.
    pub actor1: Option<Actor>,
    /// Who was acted upon.
    pub actor2: Option<Actor>,
    /// When it happened; absent when the text does not allow knowing.
    pub date: Option<EventDate>,
    /// Where it happened.
    pub place: Option<Place>,
    /// The sentence that says so.
    pub evidence: Evidence,
    /// Whether the text asserts the event, reports it, plans it, and so on.
    pub modality: Modality,
    /// Confidence in 0..1 that this mention is a correctly coded real event.
    pub confidence: f64,
    /// Version of the extractor (code and lexicons) that coded it.
    pub extractor_version: String,
    /// The date relative dates ("last Tuesday") were resolved against, and where it came
    /// from: the publication date, or a date inferred from the text when the article has
    /// none (then the mention says so here, and such dates are `inferred`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<ReferenceDate>,
}

/// The date an article's relative dates are resolved against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReferenceDate {
    /// The day.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: ReferenceDateSource,
}

/// Where a reference date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceDateSource {
    /// The article's publication date.
    Published,
    /// Inferred: a dateline (a line holding only a date) before the article body.
    InferredDateline,
    /// Inferred: the latest day the text names.
    InferredLatestDate,
}

/// The words that triggered a mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TriggerSpan {
    /// The trigger as written.
    pub text: String,
    /// Start, as a Unicode code-point offset into `articles.clean.text`.
    pub char_start: u32,
    /// End (exclusive).
    pub char_end: u32,
}

crate::impl_message!(EventMention, "events.extracted", 1);

/// PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Investigate,
    Demand,
    Disapprove,
    Reject,
    Threaten,
    Sanction,
    Protest,
    Crime,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    /// Every type, in PLOVER order.
    pub const ALL: [EventType; 18] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Investigate,
        EventType::Demand,
        EventType::Disapprove,
        EventType::Reject,
        EventType::Threaten,
        EventType::Sanction,
        EventType::Protest,
        EventType::Crime,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    /// Upper-case PLOVER name, as stored in PostgreSQL.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Investigate => "INVESTIGATE",
            EventType::Demand => "DEMAND",
            EventType::Disapprove => "DISAPPROVE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Sanction => "SANCTION",
            EventType::Protest => "PROTEST",
            EventType::Crime => "CRIME",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// Parses the upper-case PLOVER name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// An actor as written and as resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// The text as written in the article.
    pub text: String,
    /// Canonical name ("Abdourahamane Tiani" for "Tchiani" or "the junta" in Niger).
    pub name: String,
    /// ISO 3166 alpha-3 country, or an organisation code (EUR, ECOWAS, G5S, AES, UNO, ...).
    pub country: Option<String>,
    /// Sector: government, military, police, civilians, opposition, rebels, media, ...
    pub sector: Option<String>,
}

/// Precision of an event date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventDatePrecision {
    /// A day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
}

impl EventDatePrecision {
    /// snake_case name, as stored in PostgreSQL.
    pub fn as_str(self) -> &'static str {
        match self {
            EventDatePrecision::Day => "day",
            EventDatePrecision::Month => "month",
            EventDatePrecision::Year => "year",
        }
    }
}

/// How a date was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateResolution {
    /// Stated in full in the text.
    Stated,
    /// Relative to the publication date ("last Tuesday", "begin september").
    RelativeToPublication,
    /// Relative to another date in the text ("two days later").
    RelativeToText,
    /// Inferred (for example the year fixed by a weekday).
    Inferred,
}

impl DateResolution {
    /// snake_case name, as serialized and stored in PostgreSQL.
    pub fn as_str(self) -> &'static str {
        match self {
            DateResolution::Stated => "stated",
            DateResolution::RelativeToPublication => "relative_to_publication",
            DateResolution::RelativeToText => "relative_to_text",
            DateResolution::Inferred => "inferred",
        }
    }
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventDate {
    /// First possible day.
    pub start: NaiveDate,
    /// Last possible day (equal to `start` for day precision).
    pub end: NaiveDate,
    /// Precision.
    pub precision: EventDatePrecision,
    /// How it was resolved.
    pub resolution: DateResolution,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    /// Place name (canonical gazetteer name).
    pub name: String,
    /// ISO 3166 alpha-3 country.
    pub country: Option<String>,
    /// First-level administrative division.
    pub admin1: Option<String>,
    /// Latitude in degrees.
    pub latitude: Option<f64>,
    /// Longitude in degrees.
    pub longitude: Option<f64>,
    /// Gazetteer id (e.g. `geonames:2440485`).
    pub gazetteer_id: Option<String>,
    /// Precision: `city`, `admin1`, `country`, ...
    pub precision: String,
}

/// The text that proves a mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// The article.
    pub article_id: String,
    /// Sentence index in the article text (0-based).
    pub sentence_index: u32,
    /// Start of the quote, as a Unicode code-point offset into `articles.clean.text`.
    pub char_start: u32,
    /// End of the quote (exclusive).
    pub char_end: u32,
    /// The sentence, in the original language.
    pub quote: String,
    /// Language of the quote (ISO 639-1).
    pub language: String,
    /// The trigger words inside the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<TriggerSpan>,
}

/// Modality of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as fact by the article.
    Asserted,
    /// Attributed to a source ("according to", "said").
    Reported,
    /// Announced or planned, not yet happened.
    Planned,
    /// Conditional or hypothetical.
    Hypothetical,
    /// Said not to have happened.
    Negated,
    /// Background: happened well before the article's news.
    Background,
}

impl Modality {
    /// snake_case name, as stored in PostgreSQL.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
            Modality::Background => "background",
        }
    }
}
