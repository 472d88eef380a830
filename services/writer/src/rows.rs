//! Messages → rows. Pure functions: no database here.

use std::collections::BTreeMap;

use sahel_runtime::pipeline::Incoming;
use sahel_schemas::dlq::{self, DlqReason};
use sahel_schemas::envelope::decode;
use sahel_schemas::{CleanArticle, EventMention};
use serde::Serialize;

/// A source row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRow {
    pub name: String,
    pub kind: &'static str,
}

/// An article row (column names as in the `articles` table).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleRow {
    pub article_id: String,
    pub document_id: String,
    pub source_name: String,
    pub url_or_path: String,
    pub final_url: Option<String>,
    pub canonical_url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub language: String,
    pub language_confidence: f64,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub published_precision: Option<&'static str>,
    pub published_source: Option<&'static str>,
    pub main_text: Option<String>,
    pub paragraphs: Option<serde_json::Value>,
    pub word_count: u32,
    pub text_sha256: String,
    pub dedup_verdict: &'static str,
    pub duplicate_of: Option<String>,
    pub similarity: Option<f64>,
    pub fetched_at: chrono::DateTime<chrono::Utc>,
    pub normalizer_version: String,
}

/// An event identity row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventRow {
    pub event_id: String,
    pub event_type: &'static str,
    pub cameo_root: String,
    pub quad_class: u8,
}

/// An event mention row (column names as in `event_mentions`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MentionRow {
    pub mention_id: String,
    pub event_id: String,
    pub article_id: String,
    pub event_type: &'static str,
    pub event_mode: Option<String>,
    pub cameo_root: String,
    pub quad_class: u8,
    pub actor1_text: Option<String>,
    pub actor1_name: Option<String>,
    pub actor1_country: Option<String>,
    pub actor1_sector: Option<String>,
    pub actor2_text: Option<String>,
    pub actor2_name: Option<String>,
    pub actor2_country: Option<String>,
    pub actor2_sector: Option<String>,
    pub date_start: Option<chrono::NaiveDate>,
    pub date_end: Option<chrono::NaiveDate>,
    pub date_precision: Option<&'static str>,
    pub date_resolution: Option<String>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub place_admin1: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub gazetteer_id: Option<String>,
    pub place_precision: Option<String>,
    pub sentence_index: u32,
    pub char_start: u32,
    pub char_end: u32,
    pub quote: String,
    pub quote_language: String,
    pub modality: &'static str,
    pub confidence: f64,
    pub extractor_version: String,
}

/// A dead-letter row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DeadLetterRow {
    pub dedup_key: String,
    pub dlq_topic: String,
    pub dlq_partition: i32,
    pub dlq_offset: i64,
    pub original_topic: Option<String>,
    pub original_partition: Option<i32>,
    pub original_offset: Option<i64>,
    pub service: Option<String>,
    pub error_kind: Option<String>,
    pub error: Option<String>,
    pub message_key: Option<String>,
    pub payload_excerpt: Option<String>,
}

/// The rows of one batch, deduplicated by key (the last message for a key wins, so a batch
/// that holds a message and its replay writes once), with the batch index each row came from.
#[derive(Debug, Default)]
pub struct Batch {
    pub sources: BTreeMap<String, SourceRow>,
    pub articles: BTreeMap<String, (usize, ArticleRow)>,
    pub events: BTreeMap<String, EventRow>,
    pub mentions: BTreeMap<String, (usize, MentionRow)>,
    pub dead_letters: Vec<(usize, DeadLetterRow)>,
}

/// Longest payload excerpt kept for a dead letter.
const EXCERPT_CHARS: usize = 2000;

impl Batch {
    /// Decodes a batch; messages that cannot be decoded are returned as rejections.
    pub fn from_messages(
        batch: &[Incoming],
        clean_topic: &str,
        events_topic: &str,
    ) -> (Batch, Vec<(usize, DlqReason)>) {
        let mut b = Batch::default();
        let mut rejected = Vec::new();
        for (i, msg) in batch.iter().enumerate() {
            if msg.topic == clean_topic {
                match decode::<CleanArticle>(msg.payload.as_deref()) {
                    Ok(a) => b.add_article(i, &a),
                    Err(e) => rejected.push((i, e.into())),
                }
            } else if msg.topic == events_topic {
                match decode::<EventMention>(msg.payload.as_deref()) {
                    Ok(m) => b.add_mention(i, &m),
                    Err(e) => rejected.push((i, e.into())),
                }
            } else if msg.topic.ends_with(dlq::DLQ_SUFFIX) {
                b.dead_letters.push((i, dead_letter_row(msg)));
            } else {
                rejected.push((
                    i,
                    DlqReason::new("unexpected_topic", format!("no handler for topic {}", msg.topic)),
                ));
            }
        }
        (b, rejected)
    }

    /// A copy holding only the rows that came from batch index `idx`, with the sources and
    /// events those rows need.
    pub fn clone_only(&self, idx: usize) -> Batch {
        let mut b = Batch {
            articles: self
                .articles
                .iter()
                .filter(|(_, (i, _))| *i == idx)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            mentions: self
                .mentions
                .iter()
                .filter(|(_, (i, _))| *i == idx)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            dead_letters: self.dead_letters.iter().filter(|(i, _)| *i == idx).cloned().collect(),
            ..Batch::default()
        };
        for (_, a) in b.articles.values() {
            if let Some(s) = self.sources.get(&a.source_name) {
                b.sources.insert(s.name.clone(), s.clone());
            }
        }
        for (_, m) in b.mentions.values() {
            if let Some(e) = self.events.get(&m.event_id) {
                b.events.insert(e.event_id.clone(), e.clone());
            }
        }
        b
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.mentions.is_empty() && self.dead_letters.is_empty()
    }

    /// The batch indexes that contributed rows.
    pub fn indexes(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .articles
            .values()
            .map(|(i, _)| *i)
            .chain(self.mentions.values().map(|(i, _)| *i))
            .chain(self.dead_letters.iter().map(|(i, _)| *i))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    fn add_article(&mut self, i: usize, a: &CleanArticle) {
        self.sources.insert(
            a.source.name.clone(),
            SourceRow {
                name: a.source.name.clone(),
                kind: a.source.kind.as_str(),
            },
        );
        let is_dup = a.dedup.duplicate_of.is_some();
        let row = ArticleRow {
            article_id: a.id.clone(),
            document_id: a.document_id.clone(),
            source_name: a.source.name.clone(),
            url_or_path: a.source.location.clone(),
            final_url: a.source.final_url.clone(),
            canonical_url: a.canonical_url.clone(),
            title: a.title.clone(),
            byline: a.byline.clone(),
            language: a.language.code.clone(),
            language_confidence: a.language.confidence.clamp(0.0, 1.0),
            published_at: a.published.as_ref().map(|p| p.value),
            published_precision: a.published.as_ref().map(|p| p.precision.as_str()),
            published_source: a.published.as_ref().map(|p| p.found_in.as_str()),
            main_text: (!is_dup).then(|| a.text.clone()),
            paragraphs: (!is_dup).then(|| serde_json::to_value(&a.paragraphs).unwrap_or_default()),
            word_count: a.word_count,
            text_sha256: a.fingerprints.text_sha256.clone(),
            dedup_verdict: if is_dup { a.dedup.verdict.as_str() } else { "unique" },
            duplicate_of: a.dedup.duplicate_of.clone(),
            similarity: a.dedup.similarity.map(|s| s.clamp(0.0, 1.0)),
            fetched_at: a.fetched_at,
            normalizer_version: a.producer.version.clone(),
        };
        self.articles.insert(row.article_id.clone(), (i, row));
    }

    fn add_mention(&mut self, i: usize, m: &EventMention) {
        let a1 = m.actor1.as_ref();
        let a2 = m.actor2.as_ref();
        let row = MentionRow {
            mention_id: m.id.clone(),
            event_id: m.event_id.clone(),
            article_id: m.article_id.clone(),
            event_type: m.event_type.as_str(),
            event_mode: m.event_mode.clone(),
            cameo_root: m.cameo_root.clone(),
            quad_class: m.quad_class,
            actor1_text: a1.map(|a| a.text.clone()),
            actor1_name: a1.map(|a| a.name.clone()),
            actor1_country: a1.and_then(|a| a.country.clone()),
            actor1_sector: a1.and_then(|a| a.sector.clone()),
            actor2_text: a2.map(|a| a.text.clone()),
            actor2_name: a2.map(|a| a.name.clone()),
            actor2_country: a2.and_then(|a| a.country.clone()),
            actor2_sector: a2.and_then(|a| a.sector.clone()),
            date_start: m.date.as_ref().map(|d| d.start),
            date_end: m.date.as_ref().map(|d| d.end),
            date_precision: m.date.as_ref().map(|d| d.precision.as_str()),
            date_resolution: m
                .date
                .as_ref()
                .and_then(|d| serde_json::to_value(d.resolution).ok())
                .and_then(|v| v.as_str().map(str::to_owned)),
            place_name: m.place.as_ref().map(|p| p.name.clone()),
            place_country: m.place.as_ref().and_then(|p| p.country.clone()),
            place_admin1: m.place.as_ref().and_then(|p| p.admin1.clone()),
            latitude: m.place.as_ref().and_then(|p| p.latitude),
            longitude: m.place.as_ref().and_then(|p| p.longitude),
            gazetteer_id: m.place.as_ref().and_then(|p| p.gazetteer_id.clone()),
            place_precision: m.place.as_ref().map(|p| p.precision.clone()),
            sentence_index: m.evidence.sentence_index,
            char_start: m.evidence.char_start,
            char_end: m.evidence.char_end,
            quote: m.evidence.quote.clone(),
            quote_language: m.evidence.language.clone(),
            modality: m.modality.as_str(),
            confidence: m.confidence.clamp(0.0, 1.0),
            extractor_version: m.extractor_version.clone(),
        };
        self.events.insert(
            m.event_id.clone(),
            EventRow {
                event_id: m.event_id.clone(),
                event_type: m.event_type.as_str(),
                cameo_root: m.cameo_root.clone(),
                quad_class: m.quad_class,
            },
        );
        self.mentions.insert(row.mention_id.clone(), (i, row));
    }
}

fn dead_letter_row(msg: &Incoming) -> DeadLetterRow {
    let excerpt = msg.payload.as_deref().map(|p| {
        let s = String::from_utf8_lossy(p);
        // PostgreSQL text cannot hold NUL.
        s.chars().filter(|c| *c != '\0').take(EXCERPT_CHARS).collect::<String>()
    });
    let original_topic = msg.header(dlq::HEADER_ORIGINAL_TOPIC);
    let service = msg.header(dlq::HEADER_SERVICE);
    let error_kind = msg.header(dlq::HEADER_ERROR_KIND);
    let message_key = msg.key_str().map(|k| k.replace('\0', ""));
    let is_pipeline_id = message_key
        .as_deref()
        .is_some_and(|k| ["doc_", "art_", "evt_", "men_"].iter().any(|p| k.starts_with(p)));
    let dedup_key = match (&message_key, is_pipeline_id) {
        (Some(k), true) => format!(
            "{}|{}|{}|{k}",
            service.as_deref().unwrap_or(""),
            original_topic.as_deref().unwrap_or(""),
            error_kind.as_deref().unwrap_or("")
        ),
        _ => format!("{}|{}|{}", msg.topic, msg.partition, msg.offset),
    };
    DeadLetterRow {
        dedup_key,
        dlq_topic: msg.topic.clone(),
        dlq_partition: msg.partition,
        dlq_offset: msg.offset,
        original_topic,
        original_partition: msg.header(dlq::HEADER_ORIGINAL_PARTITION).and_then(|s| s.parse().ok()),
        original_offset: msg.header(dlq::HEADER_ORIGINAL_OFFSET).and_then(|s| s.parse().ok()),
        service,
        error_kind,
        error: msg.header(dlq::HEADER_ERROR),
        message_key,
        payload_excerpt: excerpt,
    }
}
