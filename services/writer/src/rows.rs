//! Messages → rows. Pure functions: no database here.
//!
//! A batch is decoded into one map per table, keyed by the row's natural key. When a batch
//! holds two messages for one key (a message and its replay, or two extractions of one
//! mention), the one produced last wins, whatever order the partitions delivered them in.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use sahel_runtime::pipeline::Incoming;
use sahel_schemas::dlq::{self, DlqReason};
use sahel_schemas::envelope::decode;
use sahel_schemas::event::{Actor, Place};
use sahel_schemas::ids::digest_id;
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
    pub published_at: Option<DateTime<Utc>>,
    pub published_precision: Option<&'static str>,
    pub published_source: Option<&'static str>,
    pub main_text: Option<String>,
    pub paragraphs: Option<serde_json::Value>,
    pub word_count: u32,
    pub text_sha256: String,
    pub dedup_verdict: &'static str,
    pub duplicate_of: Option<String>,
    pub similarity: Option<f64>,
    pub fetched_at: DateTime<Utc>,
    pub normalizer_version: String,
    /// When the normalizer produced the message: a newer normalization replaces an older one,
    /// never the reverse.
    pub normalized_at: DateTime<Utc>,
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
    pub actor1_id: Option<String>,
    pub actor1_text: Option<String>,
    pub actor1_name: Option<String>,
    pub actor1_country: Option<String>,
    pub actor1_sector: Option<String>,
    pub actor2_id: Option<String>,
    pub actor2_text: Option<String>,
    pub actor2_name: Option<String>,
    pub actor2_country: Option<String>,
    pub actor2_sector: Option<String>,
    pub date_start: Option<chrono::NaiveDate>,
    pub date_end: Option<chrono::NaiveDate>,
    pub date_precision: Option<&'static str>,
    pub date_resolution: Option<&'static str>,
    pub place_id: Option<String>,
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
    /// The message's `produced_at`: orders extractions of one article.
    pub extracted_at: DateTime<Utc>,
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

/// The rows of one batch, deduplicated by key, each with the batch index it came from (so a
/// row the database refuses can be traced to its message and dead-lettered).
#[derive(Debug, Default, Clone)]
pub struct Batch {
    pub sources: BTreeMap<String, SourceRow>,
    pub articles: BTreeMap<String, (usize, ArticleRow)>,
    pub mentions: BTreeMap<String, (usize, MentionRow)>,
    pub dead_letters: Vec<(usize, DeadLetterRow)>,
    /// What each mention says about its event, by mention id, for event resolution
    /// ([`crate::resolution`]); taken when the message is decoded.
    pub facts: std::collections::HashMap<String, sahel_resolver::Facts>,
}

/// Longest payload excerpt kept for a dead letter.
const EXCERPT_CHARS: usize = 2000;

/// The id of an actor as coded (`act_` + 32 hex digits), computed like the database's
/// `sahel_actor_id(name, country, sector)`; a check constraint proves the two agree.
pub fn actor_id(name: &str, country: Option<&str>, sector: Option<&str>) -> String {
    digest_id("act_", &[name, country.unwrap_or(""), sector.unwrap_or("")])
}

/// The id of a place as coded (`plc_` + 32 hex digits), computed like the database's
/// `sahel_place_id(...)`, which hashes coordinates as PostgreSQL prints a `double precision`.
pub fn place_id(p: &Place) -> String {
    let lat = p.latitude.map(pg_float).unwrap_or_default();
    let lon = p.longitude.map(pg_float).unwrap_or_default();
    digest_id(
        "plc_",
        &[
            &p.name,
            p.country.as_deref().unwrap_or(""),
            p.admin1.as_deref().unwrap_or(""),
            p.gazetteer_id.as_deref().unwrap_or(""),
            &p.precision,
            &lat,
            &lon,
        ],
    )
}

/// A float as PostgreSQL's `float8out` writes it: the shortest text that reads back exactly
/// (as Rust's `Display`), but in exponent form (`1e-05`, `1.5e+20`) when the decimal exponent
/// is below -4 or at least 15.
fn pg_float(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if x != 0.0 && !(-4..15).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
    } else {
        format!("{x}")
    }
}

/// Text as PostgreSQL can hold it: without NUL (everything else is kept). Applied as messages
/// are decoded, so ids are computed over the text the database stores.
pub fn without_nul(s: String) -> String {
    if s.contains('\0') {
        s.replace('\0', "")
    } else {
        s
    }
}

fn pg_opt(s: Option<String>) -> Option<String> {
    s.map(without_nul)
}

/// Inserts `row` under `key` unless the map holds a row produced later.
fn keep_newest<R>(
    map: &mut BTreeMap<String, (usize, R)>,
    key: String,
    i: usize,
    row: R,
    produced: impl Fn(&R) -> DateTime<Utc>,
) {
    match map.get(&key) {
        Some((_, old)) if produced(old) > produced(&row) => {}
        _ => {
            map.insert(key, (i, row));
        }
    }
}

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
            if let Err(reason) = b.add_message(i, msg, clean_topic, events_topic) {
                rejected.push((i, reason));
            }
        }
        (b, rejected)
    }

    /// Decodes message `i` of a batch into its row; the reason when it cannot be.
    pub fn add_message(
        &mut self,
        i: usize,
        msg: &Incoming,
        clean_topic: &str,
        events_topic: &str,
    ) -> Result<(), DlqReason> {
        if msg.topic == clean_topic {
            let a = decode::<CleanArticle>(msg.payload.as_deref())?;
            self.add_article(i, &a);
        } else if msg.topic == events_topic {
            let m = decode::<EventMention>(msg.payload.as_deref())?;
            self.add_mention(i, m);
        } else if msg.topic.ends_with(dlq::DLQ_SUFFIX) {
            self.dead_letters.push((i, dead_letter_row(msg)));
        } else {
            return Err(DlqReason::new(
                "unexpected_topic",
                format!("no handler for topic {}", msg.topic),
            ));
        }
        Ok(())
    }

    /// A copy holding only the rows that came from batch index `idx`, with the sources those
    /// rows need.
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

    /// Adds an article (and its source).
    pub fn add_article(&mut self, i: usize, a: &CleanArticle) {
        self.sources.insert(
            a.source.name.clone(),
            SourceRow {
                name: a.source.name.clone(),
                kind: a.source.kind.as_str(),
            },
        );
        let row = article_row(a);
        keep_newest(&mut self.articles, row.article_id.clone(), i, row, |r| r.normalized_at);
    }

    /// Adds a mention.
    pub fn add_mention(&mut self, i: usize, m: EventMention) {
        self.facts.insert(m.id.clone(), crate::resolution::facts_of(&m));
        let row = mention_row(m);
        keep_newest(&mut self.mentions, row.mention_id.clone(), i, row, |r| r.extracted_at);
    }

    /// The rows another transaction writing this batch would lock: its events, its articles
    /// (of mentions and of articles) and its articles' sources.
    pub fn keys(&self) -> Keys {
        let mut k = Keys::default();
        for (_, m) in self.mentions.values() {
            k.events.insert(m.event_id.clone());
            k.articles.insert(m.article_id.clone());
        }
        for (_, a) in self.articles.values() {
            k.articles.insert(a.article_id.clone());
            k.sources.insert(a.source_name.clone());
        }
        k
    }

    /// The batch in two parts: the rows that touch none of `contended` (the keys of the
    /// batches in flight before this one, [`InFlight`](crate::store::InFlight)), then the rest, to be written last in the same
    /// transaction so that it waits for those batches, if at all, once everything else is
    /// done. A mention goes last when its event or its article is contended, an article when
    /// it or its source is; each part carries the sources its articles need; dead letters
    /// contend for nothing.
    pub fn split(&self, contended: &[&Keys]) -> (Part<'_>, Part<'_>) {
        let (mut first, mut last) = (Part::default(), Part::default());
        for (_, m) in self.mentions.values() {
            let later = contended
                .iter()
                .any(|k| k.events.contains(&m.event_id) || k.articles.contains(&m.article_id));
            if later { &mut last } else { &mut first }.mentions.push(m);
        }
        for (_, a) in self.articles.values() {
            let later = contended
                .iter()
                .any(|k| k.articles.contains(&a.article_id) || k.sources.contains(&a.source_name));
            let part = if later { &mut last } else { &mut first };
            part.articles.push(a);
            if let Some(s) = self.sources.get(&a.source_name) {
                if !part.sources.iter().any(|x| x.name == s.name) {
                    part.sources.push(s);
                }
            }
        }
        first.dead_letters = self.dead_letters.iter().map(|(_, d)| d).collect();
        (first, last)
    }
}

/// What a batch writes that a concurrent transaction may also lock (see [`Batch::keys`]).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Keys {
    pub events: HashSet<String>,
    pub articles: HashSet<String>,
    pub sources: HashSet<String>,
}

/// Rows of a batch to write together (borrowed from it): one side of [`Batch::split`].
#[derive(Debug, Default)]
pub struct Part<'a> {
    pub sources: Vec<&'a SourceRow>,
    pub articles: Vec<&'a ArticleRow>,
    pub mentions: Vec<&'a MentionRow>,
    pub dead_letters: Vec<&'a DeadLetterRow>,
}

impl Part<'_> {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.mentions.is_empty() && self.dead_letters.is_empty()
    }
}

/// The `articles` row of a clean article, its text without NUL. Duplicates are stored without a second copy of the
/// text; only duplicates carry a similarity.
pub fn article_row(a: &CleanArticle) -> ArticleRow {
    let is_dup = a.dedup.duplicate_of.is_some();
    ArticleRow {
        article_id: without_nul(a.id.clone()),
        document_id: without_nul(a.document_id.clone()),
        source_name: without_nul(a.source.name.clone()),
        url_or_path: without_nul(a.source.location.clone()),
        final_url: pg_opt(a.source.final_url.clone()),
        canonical_url: pg_opt(a.canonical_url.clone()),
        title: pg_opt(a.title.clone()),
        byline: pg_opt(a.byline.clone()),
        language: without_nul(a.language.code.clone()),
        language_confidence: a.language.confidence.clamp(0.0, 1.0),
        published_at: a.published.as_ref().map(|p| p.value),
        published_precision: a.published.as_ref().map(|p| p.precision.as_str()),
        published_source: a.published.as_ref().map(|p| p.found_in.as_str()),
        main_text: (!is_dup).then(|| without_nul(a.text.clone())),
        paragraphs: (!is_dup).then(|| serde_json::to_value(&a.paragraphs).unwrap_or_default()),
        word_count: a.word_count,
        text_sha256: without_nul(a.fingerprints.text_sha256.clone()),
        dedup_verdict: if is_dup { a.dedup.verdict.as_str() } else { "unique" },
        duplicate_of: pg_opt(a.dedup.duplicate_of.clone()),
        similarity: if is_dup {
            a.dedup.similarity.map(|s| s.clamp(0.0, 1.0))
        } else {
            None
        },
        fetched_at: a.fetched_at,
        normalizer_version: without_nul(a.producer.version.clone()),
        normalized_at: a.produced_at,
    }
}

/// An actor's columns in a mention row: id, text as written, name, country, sector.
type ActorColumns = [Option<String>; 5];

fn actor_parts(a: Option<Actor>) -> ActorColumns {
    match a {
        None => Default::default(),
        Some(a) => {
            let (name, country, sector) = (without_nul(a.name), pg_opt(a.country), pg_opt(a.sector));
            [
                Some(actor_id(&name, country.as_deref(), sector.as_deref())),
                Some(without_nul(a.text)),
                Some(name),
                country,
                sector,
            ]
        }
    }
}

/// The `event_mentions` row of a mention, with its actor and place ids; the mention's text is
/// moved into the row, without NUL.
pub fn mention_row(m: EventMention) -> MentionRow {
    let [actor1_id, actor1_text, actor1_name, actor1_country, actor1_sector] = actor_parts(m.actor1);
    let [actor2_id, actor2_text, actor2_name, actor2_country, actor2_sector] = actor_parts(m.actor2);
    let place = m.place.map(|p| Place {
        name: without_nul(p.name),
        country: pg_opt(p.country),
        admin1: pg_opt(p.admin1),
        gazetteer_id: pg_opt(p.gazetteer_id),
        precision: without_nul(p.precision),
        ..p
    });
    let place_id = place.as_ref().map(place_id);
    let (place_name, place_country, place_admin1, latitude, longitude, gazetteer_id, place_precision) = match place {
        Some(p) => (
            Some(p.name),
            p.country,
            p.admin1,
            p.latitude,
            p.longitude,
            p.gazetteer_id,
            Some(p.precision),
        ),
        None => Default::default(),
    };
    MentionRow {
        mention_id: without_nul(m.id),
        event_id: without_nul(m.event_id),
        article_id: without_nul(m.article_id),
        event_type: m.event_type.as_str(),
        event_mode: pg_opt(m.event_mode),
        cameo_root: without_nul(m.cameo_root),
        quad_class: m.quad_class,
        actor1_id,
        actor1_text,
        actor1_name,
        actor1_country,
        actor1_sector,
        actor2_id,
        actor2_text,
        actor2_name,
        actor2_country,
        actor2_sector,
        date_start: m.date.as_ref().map(|d| d.start),
        date_end: m.date.as_ref().map(|d| d.end),
        date_precision: m.date.as_ref().map(|d| d.precision.as_str()),
        date_resolution: m.date.as_ref().map(|d| d.resolution.as_str()),
        place_id,
        place_name,
        place_country,
        place_admin1,
        latitude,
        longitude,
        gazetteer_id,
        place_precision,
        sentence_index: m.evidence.sentence_index,
        char_start: m.evidence.char_start,
        char_end: m.evidence.char_end,
        quote: without_nul(m.evidence.quote),
        quote_language: without_nul(m.evidence.language),
        modality: m.modality.as_str(),
        confidence: m.confidence.clamp(0.0, 1.0),
        extractor_version: without_nul(m.extractor_version),
        extracted_at: m.produced_at,
    }
}

fn dead_letter_row(msg: &Incoming) -> DeadLetterRow {
    let excerpt = msg.payload.as_deref().map(|p| {
        let s = String::from_utf8_lossy(p);
        // PostgreSQL text cannot hold NUL.
        s.chars().filter(|c| *c != '\0').take(EXCERPT_CHARS).collect::<String>()
    });
    // Headers are whatever a producer wrote: PostgreSQL text (and jsonb) cannot hold NUL.
    let header = |name: &str| pg_opt(msg.header(name));
    let original_topic = header(dlq::HEADER_ORIGINAL_TOPIC);
    let service = header(dlq::HEADER_SERVICE);
    let error_kind = header(dlq::HEADER_ERROR_KIND);
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
        dlq_topic: without_nul(msg.topic.clone()),
        dlq_partition: msg.partition,
        dlq_offset: msg.offset,
        original_topic,
        original_partition: header(dlq::HEADER_ORIGINAL_PARTITION).and_then(|s| s.parse().ok()),
        original_offset: header(dlq::HEADER_ORIGINAL_OFFSET).and_then(|s| s.parse().ok()),
        service,
        error_kind,
        error: header(dlq::HEADER_ERROR),
        message_key,
        payload_excerpt: excerpt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention_json(id: &str, produced_at: &str, confidence: f64) -> serde_json::Value {
        serde_json::json!({
            "schema": {"name": "events.extracted", "version": 1},
            "id": id,
            "produced_at": produced_at,
            "producer": {"service": "extractor", "version": "0.1.0"},
            "event_id": "evt_fedcba9876543210fedcba9876543210",
            "article_id": "art_1f2e3d4c5b6a79801f2e3d4c5b6a7980",
            "event_type": "PROTEST",
            "event_mode": "demonstrate",
            "cameo_root": "14",
            "quad_class": 3,
            "actor1": {"text": "protesters", "name": "Protesters", "country": null, "sector": "civilians"},
            "actor2": null,
            "date": {"start": "2024-03-16", "end": "2024-03-16", "precision": "day", "resolution": "stated"},
            "place": {"name": "Niamey", "country": "NER", "admin1": "Niamey", "latitude": 13.51, "longitude": 2.11,
                      "gazetteer_id": "sahel:niamey", "precision": "city"},
            "evidence": {"article_id": "art_1f2e3d4c5b6a79801f2e3d4c5b6a7980", "sentence_index": 0, "char_start": 0,
                         "char_end": 10, "quote": "Protesters", "language": "en"},
            "modality": "asserted",
            "confidence": confidence,
            "extractor_version": "0.1.0+lexicon.0.1.0"
        })
    }

    fn incoming(topic: &str, payload: &serde_json::Value) -> Incoming {
        Incoming {
            topic: topic.to_owned(),
            partition: 0,
            offset: 0,
            key: None,
            payload: Some(serde_json::to_vec(payload).unwrap()),
            headers: Vec::new(),
        }
    }

    /// Mention `id` of `event` in `article`.
    fn mention_of(id: &str, event: &str, article: &str) -> serde_json::Value {
        let mut m = mention_json(id, "2024-03-17T08:00:00Z", 0.5);
        m["event_id"] = event.into();
        m["article_id"] = article.into();
        m["evidence"]["article_id"] = article.into();
        m
    }

    #[test]
    fn a_split_writes_last_the_rows_an_earlier_batch_shares_and_loses_none() {
        let (e1, e2) = (
            "evt_00000000000000000000000000000001",
            "evt_00000000000000000000000000000002",
        );
        let (a1, a2) = (
            "art_00000000000000000000000000000001",
            "art_00000000000000000000000000000002",
        );
        let earlier_msgs = [incoming("e", &mention_of("men_1", e1, a1))];
        let (earlier, _) = Batch::from_messages(&earlier_msgs, "c", "e");
        let keys = earlier.keys();
        assert!(keys.events.contains(e1) && keys.articles.contains(a1) && keys.sources.is_empty());
        let msgs = [
            incoming("e", &mention_of("men_2", e1, a2)), // shares the event
            incoming("e", &mention_of("men_3", e2, a1)), // shares the article
            incoming("e", &mention_of("men_4", e2, a2)), // shares nothing
        ];
        let (b, rejected) = Batch::from_messages(&msgs, "c", "e");
        assert!(rejected.is_empty(), "{rejected:?}");
        let ids = |p: &Part<'_>| p.mentions.iter().map(|m| m.mention_id.clone()).collect::<Vec<_>>();
        let (first, last) = b.split(&[&keys]);
        assert_eq!(ids(&first), ["men_4"]);
        assert_eq!(ids(&last), ["men_2", "men_3"]);
        // Nothing in flight before it: all of it first.
        let (all, none) = b.split(&[]);
        assert_eq!((all.mentions.len(), none.is_empty()), (3, true));
    }

    #[test]
    fn ids_match_the_database_functions() {
        // Values computed by PostgreSQL with sahel_actor_id / sahel_place_id (migration 0003).
        assert_eq!(
            actor_id("Protesters", None, Some("civilians")),
            "act_59f2c1426bdc1b5e07c6eb209fc25485"
        );
        let niamey: Place = serde_json::from_value(serde_json::json!({
            "name": "Niamey", "country": "NER", "admin1": "Niamey", "latitude": 13.51, "longitude": 2.11,
            "gazetteer_id": "sahel:niamey", "precision": "city"
        }))
        .unwrap();
        assert_eq!(place_id(&niamey), "plc_df9c58192865bd76641cdf9333849c18");
        assert_ne!(
            actor_id("Protesters", None, None),
            actor_id("Protesters", Some("NER"), None)
        );
        assert_eq!(pg_float(2.0), "2");
        assert_eq!(pg_float(-8.0), "-8");
        assert_eq!(pg_float(0.5), "0.5");
        assert_eq!(pg_float(-0.0), "-0");
        assert_eq!(pg_float(0.00001), "1e-05");
        assert_eq!(pg_float(0.0001), "0.0001");
        assert_eq!(pg_float(1.5e20), "1.5e+20");
        assert_eq!(pg_float(123456789012345.0), "123456789012345");
    }

    #[test]
    fn mention_rows_hold_no_nul_and_their_ids_are_of_the_text_stored() {
        let id = "men_0123456789abcdef0123456789abcdef";
        let mut json = mention_json(id, "2024-03-17T08:00:00Z", 0.5);
        json["actor1"]["name"] = "Protest\u{0}ers".into();
        json["place"]["name"] = "Nia\u{0}mey".into();
        json["evidence"]["quote"] = "Protest\u{0}ers".into();
        let (b, rejected) = Batch::from_messages(&[incoming("e", &json)], "c", "e");
        assert!(rejected.is_empty());
        let (_, row) = &b.mentions[id];
        assert_eq!(row.actor1_name.as_deref(), Some("Protesters"));
        assert_eq!(row.place_name.as_deref(), Some("Niamey"));
        assert_eq!(row.quote, "Protesters");
        // The ids are those of the clean text, as the database computes them from its rows.
        let clean = mention_json(id, "2024-03-17T08:00:00Z", 0.5);
        let (c, _) = Batch::from_messages(&[incoming("e", &clean)], "c", "e");
        let (_, clean_row) = &c.mentions[id];
        assert_eq!(row.actor1_id, clean_row.actor1_id);
        assert_eq!(row.place_id, clean_row.place_id);
        assert_eq!(row.date_resolution, Some("stated"));
    }

    #[test]
    fn the_mention_produced_last_wins_whatever_the_order() {
        let id = "men_0123456789abcdef0123456789abcdef";
        let old = mention_json(id, "2024-03-17T08:00:00Z", 0.5);
        let new = mention_json(id, "2024-03-18T08:00:00Z", 0.9);
        for order in [[&old, &new], [&new, &old]] {
            let msgs: Vec<Incoming> = order.iter().map(|p| incoming("e", p)).collect();
            let (b, rejected) = Batch::from_messages(&msgs, "c", "e");
            assert!(rejected.is_empty());
            assert_eq!(b.mentions.len(), 1);
            let (_, row) = &b.mentions[id];
            assert_eq!(row.confidence, 0.9);
            assert_eq!(row.extracted_at.to_rfc3339(), "2024-03-18T08:00:00+00:00");
            assert_eq!(row.actor1_id.as_deref(), Some("act_59f2c1426bdc1b5e07c6eb209fc25485"));
            assert!(row.actor2_id.is_none());
            assert!(row.place_id.is_some());
        }
    }

    #[test]
    fn undecodable_messages_are_rejected_with_a_reason_and_the_rest_kept() {
        let good = mention_json("men_0123456789abcdef0123456789abcdef", "2024-03-17T08:00:00Z", 0.9);
        let mut bad = good.clone();
        bad["event_type"] = serde_json::json!("PICNIC");
        let msgs = vec![
            incoming("e", &bad),
            incoming("e", &good),
            incoming("x", &good),
            Incoming {
                payload: None,
                ..incoming("c", &good)
            },
        ];
        let (b, rejected) = Batch::from_messages(&msgs, "c", "e");
        assert_eq!(b.mentions.len(), 1);
        assert_eq!(b.indexes(), vec![1]);
        let kinds: Vec<(usize, &str)> = rejected.iter().map(|(i, r)| (*i, r.kind)).collect();
        assert_eq!(
            kinds,
            vec![(0, "malformed"), (2, "unexpected_topic"), (3, "empty_payload")]
        );
    }

    #[test]
    fn unique_articles_carry_no_similarity_and_duplicates_no_text() {
        let example = include_str!("../../../schemas/examples/articles.clean.unique.json");
        let mut a: CleanArticle = serde_json::from_str(example).unwrap();
        a.dedup.similarity = Some(0.3);
        let row = article_row(&a);
        assert_eq!(row.similarity, None);
        assert!(row.main_text.is_some());
        let dup = include_str!("../../../schemas/examples/articles.clean.duplicate.json");
        let d: CleanArticle = serde_json::from_str(dup).unwrap();
        let row = article_row(&d);
        assert!(row.main_text.is_none() && row.paragraphs.is_none());
        assert!(row.duplicate_of.is_some());
        assert_eq!(row.normalized_at, d.produced_at);
    }
}
