//! `events.current`: the current state of each event, for consumers that should not poll
//! PostgreSQL. The writer produces one message per event its batch changed, after the batch's
//! commit, keyed by event id on a compacted topic: the last message of a key is the event as
//! `events_export` shows it. An event that lost its last mention (a re-extraction) is sent once
//! more with `deleted: true`; one found to be another event and absorbed into it, with
//! `deleted: true` and `merged_into` naming the event it went into.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envelope::{ProducerInfo, SchemaId};
use crate::event::Actor;

/// The current state of one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CurrentEvent {
    /// Always `{"name": "events.current", "version": 1, "minor": 1}`.
    pub schema: SchemaId,
    /// The event id (also the key).
    pub id: String,
    /// When the writer read this state (after its commit).
    pub produced_at: DateTime<Utc>,
    /// The writer and its version.
    pub producer: ProducerInfo,
    /// The event no longer exists: its mentions are gone (to `merged_into`, when set).
    #[serde(default)]
    pub deleted: bool,
    /// The event this one was found to be and absorbed into (since minor 1): its mentions
    /// and reports are there now, and a consumer that saved this id follows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// PLOVER type.
    pub event_type: String,
    /// PLOVER mode.
    pub event_mode: Option<String>,
    /// Modality of the strongest evidence.
    pub modality: Option<String>,
    /// Source actor.
    pub actor1: Option<Actor>,
    /// Target actor.
    pub actor2: Option<Actor>,
    /// First possible day.
    pub date_start: Option<NaiveDate>,
    /// Last possible day.
    pub date_end: Option<NaiveDate>,
    /// `day`, `month` or `year`.
    pub date_precision: Option<String>,
    /// Place name.
    pub place_name: Option<String>,
    /// Place country (ISO 3166 alpha-3).
    pub place_country: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Mentions reporting it.
    pub num_mentions: i32,
    /// Articles reporting it.
    pub num_articles: i32,
    /// Sources reporting it.
    pub num_sources: i32,
    /// When it was first reported.
    pub first_seen: Option<DateTime<Utc>>,
    /// When it was last reported.
    pub last_seen: Option<DateTime<Utc>>,
    /// The reporting articles.
    #[serde(default)]
    pub article_ids: Vec<String>,
    /// The reporting sources.
    #[serde(default)]
    pub source_names: Vec<String>,
    /// The strongest quote.
    pub evidence: Option<String>,
    /// Its confidence.
    pub confidence: Option<f64>,
}

crate::impl_message!(CurrentEvent, "events.current", 1, 1);
