//! The normalizer: `articles.raw` → `articles.clean`.
//!
//! For each fetched document it decides what the article says (main text in NFC, paragraph
//! offsets, title, canonical URL, language) and whether it was seen before. Exact duplicates
//! are not dropped: they are emitted with `dedup.verdict = exact_duplicate` and `duplicate_of`,
//! so the writer records them as further reports and the extractor skips them.
//!
//! Dedup state lives in PostgreSQL (`dedup_fingerprints` and the near-duplicate tables, owned
//! by this service): the insert that wins the primary key names the original, and near
//! duplicates are claimed under one advisory lock, which is correct across restarts and across
//! several instances in one consumer group. A batch is claimed in one transaction
//! ([`dedup::claim_batch`]), with the verdicts of claiming its articles one by one.
//!
//! Layout, imports going down the list only: [`normalize`] (raw → clean without dedup) and
//! [`run`] (the service); [`normalize_cmd`] (`sahel-normalizer normalize`: files to clean
//! articles, no Kafka or PostgreSQL); [`document`] (usable or not, HTML or not); [`html`] and
//! [`plain`] (the [`main_text::MainText`] of an HTML page or a plain-text document); [`metadata`]
//! (what a page says about itself); [`furniture`] and [`dateline`] (what is not body text in
//! plain text, and the publication date among it); [`text`] (the article text: joined
//! paragraphs, word count, dedup key, language); [`line`] (one cleaned line); [`dedup`] and
//! [`neardup`] (exact and near duplicates, the PostgreSQL state).

pub mod dateline;
pub mod dedup;
pub mod document;
pub mod furniture;
pub mod html;
pub mod html_bounds;
pub mod line;
pub mod main_text;
pub mod metadata;
pub mod neardup;
pub mod normalize_cmd;
pub mod notices;
pub mod plain;
pub mod text;

use std::future::Future;

use clap::Parser;
use sahel_runtime::config::{DatabaseArgs, ServiceArgs};
use sahel_runtime::metrics::PipelineMetrics;
use sahel_runtime::pipeline::{self, handle_each, Incoming, MessageError, Outcome, Record, Retriable};
use sahel_schemas::clean::{
    DatePrecision, DateSource, Dedup, DedupVerdict, Fingerprints, Language, PublishedDate, TextSpan,
};
use sahel_schemas::dlq::DlqReason;
use sahel_schemas::envelope::{decode, now, Message};
use sahel_schemas::{ids, topics, CleanArticle, ProducerInfo, RawArticle};

/// Service name.
pub const SERVICE: &str = "normalizer";
/// Service version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Normalizer settings (flags or environment).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-normalizer",
    version,
    about = "Normalizes and deduplicates articles.raw into articles.clean"
)]
pub struct Config {
    /// Kafka, batching, HTTP and logs.
    #[command(flatten)]
    pub service: ServiceArgs,
    /// PostgreSQL (dedup state).
    #[command(flatten)]
    pub db: DatabaseArgs,
}

/// Builds the clean article for a raw document, with a `unique` verdict (dedup comes after).
pub fn normalize(raw: &RawArticle) -> Result<CleanArticle, DlqReason> {
    normalize_with(raw, html::main_text)
}

/// [`normalize`] with another reader of HTML main text (`html_main_text(page, url)`), so the
/// benchmarks can compare engines on the same pipeline (`sahel_evaluation::engines`).
pub fn normalize_with(
    raw: &RawArticle,
    html_main_text: impl Fn(&str, Option<&str>) -> main_text::MainText,
) -> Result<CleanArticle, DlqReason> {
    document::check_usable(&raw.body)
        .map_err(|u| DlqReason::new(u.kind(), format!("document {} holds no text: {}", raw.id, u.kind())))?;
    let is_html = raw.content_type.contains("html") || document::looks_like_html(&raw.body);
    if is_html {
        html::check_bounds(&raw.body)
            .map_err(|r| DlqReason::new(r.kind, format!("document {}: {}", raw.id, r.message)))?;
    }
    let mut ex = if is_html {
        html_main_text(&raw.body, raw.source.final_url.as_deref())
    } else {
        plain::main_text(&raw.body, Some(raw.fetched_at))
    };
    if ex.paragraphs.is_empty() {
        return Err(DlqReason::new(
            "no_main_text",
            format!("document {} has no paragraph of text", raw.id),
        ));
    }
    if ex.title.is_none() {
        ex.title = raw.feed.as_ref().and_then(|f| f.title.as_deref()).map(line::clean_line);
    }
    let (body, spans) = text::join_paragraphs(&ex.paragraphs);
    let (lang, confidence) = text::detect_language(&body, raw.language_hint.as_deref());
    // The page's own date first (JSON-LD, meta, <time>), then the feed item's, the URL's, and a
    // date line in plain text (see [`metadata`] and [`dateline`]).
    let feed_date = raw.feed.as_ref().and_then(|f| f.published).map(|value| PublishedDate {
        value,
        precision: DatePrecision::Time,
        found_in: DateSource::Feed,
    });
    let url = raw.source.final_url.as_deref();
    let published = if ex.published.as_ref().is_some_and(|p| p.found_in != DateSource::Text) {
        ex.published.take()
    } else {
        feed_date
            .or_else(|| url.and_then(metadata::date_from_url))
            .or_else(|| ex.published.take())
    };
    Ok(CleanArticle {
        schema: CleanArticle::current_schema(),
        id: ids::article_id(&raw.id),
        produced_at: now(),
        producer: ProducerInfo::new(SERVICE, VERSION),
        document_id: raw.id.clone(),
        source: raw.source.clone(),
        fetched_at: raw.fetched_at,
        canonical_url: ex.canonical_url.or_else(|| raw.source.final_url.clone()),
        title: ex.title,
        byline: ex.byline.take(),
        published,
        language: Language { code: lang, confidence },
        word_count: text::word_count(&body),
        fingerprints: Fingerprints {
            text_sha256: ids::sha256_hex(text::dedup_key(&body).as_bytes()),
        },
        paragraphs: spans.into_iter().map(|(start, end)| TextSpan { start, end }).collect(),
        text: body,
        dedup: Dedup {
            verdict: DedupVerdict::Unique,
            duplicate_of: None,
            similarity: None,
        },
        removed: ex.removed,
    })
}

struct NormalizerHandler {
    pool: sqlx::PgPool,
    output: String,
    metrics: PipelineMetrics,
}

impl NormalizerHandler {
    /// Handles a batch in three steps: decode and normalize every message (a bad one is
    /// dead-lettered with its reason); claim the dedup state of the good ones in one
    /// transaction ([`dedup::claim_batch`]: the verdicts of claiming them one by one in batch
    /// order); build the records in input order. A failed claim fails the whole batch, which
    /// is retried (the claims are idempotent: a replay gets its first verdict).
    /// Handles a batch with what [`prepare`] made of each of its messages, in order.
    async fn handle_batch(
        &self,
        batch: &[Incoming],
        prepared: &[Result<Prepared, DlqReason>],
    ) -> Result<Outcome, Retriable> {
        let verdicts = {
            let claims: Vec<dedup::Claim<'_>> = prepared
                .iter()
                .filter_map(|p| p.as_ref().ok())
                .map(|(clean, signature)| dedup::Claim {
                    article_id: &clean.id,
                    fingerprint: &clean.fingerprints.text_sha256,
                    signature: signature.as_ref(),
                })
                .collect();
            dedup::claim_batch(&self.pool, &claims, neardup::Params::DEFAULT, neardup::THRESHOLD)
                .await
                .map_err(|e| Retriable(anyhow::Error::new(e).context("claiming the dedup state of a batch")))?
        };
        let mut verdicts = verdicts.into_iter();
        let mut results = prepared.iter().map(|p| {
            let (clean, _) = p.as_ref().map_err(|reason| MessageError::Permanent(reason.clone()))?;
            let verdict = verdicts.next().ok_or_else(|| {
                MessageError::Retriable(anyhow::anyhow!("the dedup claim returned fewer verdicts than articles"))
            })?;
            self.record(clean.clone(), verdict)
        });
        // `handle_each` calls the closure once per message, in order, so the n-th call takes
        // the n-th result; it keeps the pipeline's rules for rejected messages (dead letters
        // with their reason, outputs over the size limit).
        handle_each(batch, |_| {
            std::future::ready(results.next().unwrap_or_else(|| {
                Err(MessageError::Retriable(anyhow::anyhow!(
                    "fewer results than messages in the batch"
                )))
            }))
        })
        .await
    }

    /// The output record for a normalized article and its dedup verdict.
    fn record(&self, mut clean: CleanArticle, verdict: dedup::Verdict) -> Result<Vec<Record>, MessageError> {
        clean.dedup = match verdict {
            dedup::Verdict::Unique => Dedup {
                verdict: DedupVerdict::Unique,
                duplicate_of: None,
                similarity: None,
            },
            dedup::Verdict::ExactDuplicate { original } => Dedup {
                verdict: DedupVerdict::ExactDuplicate,
                duplicate_of: Some(original),
                similarity: Some(1.0),
            },
            dedup::Verdict::NearDuplicate(m) => Dedup {
                verdict: DedupVerdict::NearDuplicate,
                duplicate_of: Some(m.original),
                similarity: Some(m.similarity),
            },
        };
        self.metrics.outcome(clean.dedup.verdict.as_str(), 1);
        let record = Record::json(&self.output, &clean.id, &clean)
            .map_err(|e| MessageError::Permanent(DlqReason::new("unserializable", e.to_string())))?;
        Ok(vec![record])
    }
}

/// A normalized article (verdict `unique` until claimed) and its near-duplicate signature.
type Prepared = (CleanArticle, Option<neardup::Signature>);

/// Decodes and normalizes one message; the signature is `None` for texts too short for a
/// near-duplicate verdict.
fn prepare(msg: &Incoming) -> Result<Prepared, DlqReason> {
    let raw: RawArticle = decode(msg.payload.as_deref())?;
    let clean = normalize(&raw)?;
    let signature = neardup::Signature::of_text(&clean.text);
    Ok((clean, signature))
}

impl pipeline::Handler for NormalizerHandler {
    /// Each message normalized (the CPU-heavy part), while the previous batch is handled.
    type Prepared = Vec<Result<Prepared, DlqReason>>;

    fn prepare(&self, prepared: &mut Self::Prepared, _index: usize, msg: &Incoming) {
        prepared.push(prepare(msg));
    }

    async fn handle(&self, batch: &[Incoming], prepared: &Self::Prepared) -> Result<Outcome, Retriable> {
        self.handle_batch(batch, prepared).await
    }
}

/// Starts the normalizer and runs it until `shutdown` resolves.
pub async fn run(config: Config, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    sahel_runtime::service::prepare(&config.service)?;
    config.db.validate()?;
    let shutdown = sahel_runtime::shutdown::token_from(shutdown);
    let pool = sahel_runtime::db::connect(&config.db, &shutdown).await?;
    sahel_runtime::db::migrate(&pool).await?;

    let kafka = &config.service.kafka;
    let input = kafka.topic(topics::ARTICLES_RAW);
    let output = kafka.topic(topics::ARTICLES_CLEAN);
    let started = sahel_runtime::service::start(
        SERVICE,
        VERSION,
        9102,
        &config.service,
        std::slice::from_ref(&input),
        &shutdown,
    )
    .await?;
    let handler = NormalizerHandler {
        pool,
        output,
        metrics: started.metrics,
    };
    pipeline::run(started.pipeline, &handler, shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahel_schemas::raw::{Charset, CharsetSource, SourceKind, SourceRef};

    fn raw(body: &str, content_type: &str) -> RawArticle {
        let sha = ids::sha256_hex(body.as_bytes());
        RawArticle {
            schema: RawArticle::current_schema(),
            id: ids::document_id("/tmp/x.txt", &sha),
            produced_at: now(),
            producer: ProducerInfo::new("fetcher", "0"),
            source: SourceRef {
                name: "test".into(),
                kind: SourceKind::File,
                location: "/tmp/x.txt".into(),
                feed_url: None,
                final_url: None,
            },
            fetched_at: now(),
            http: None,
            content_type: content_type.into(),
            charset: Charset {
                name: "UTF-8".into(),
                source: CharsetSource::Utf8Valid,
                replacements: 0,
            },
            body: body.into(),
            content_sha256: sha,
            byte_length: body.len() as u64,
            language_hint: None,
            feed: None,
        }
    }

    #[test]
    fn plain_text_becomes_a_clean_article() {
        let r = raw("Des manifestants se sont rassemblés à Niamey samedi pour réclamer le départ des soldats étrangers.\n\nIls étaient des milliers.", "text/plain");
        let c = normalize(&r).expect("normalizes");
        assert_eq!(c.id, ids::article_id(&r.id));
        assert_eq!(c.language.code, "fr");
        assert_eq!(c.paragraphs.len(), 2);
        let second: String = c
            .text
            .chars()
            .skip(c.paragraphs[1].start as usize)
            .take((c.paragraphs[1].end - c.paragraphs[1].start) as usize)
            .collect();
        assert_eq!(second, "Ils étaient des milliers.");
        assert_eq!(c.dedup.verdict, DedupVerdict::Unique);
    }

    #[test]
    fn empty_and_binary_documents_are_rejected_with_a_reason() {
        assert_eq!(
            normalize(&raw("   \n", "text/plain")).unwrap_err().kind,
            "empty_document"
        );
        assert_eq!(
            normalize(&raw("\u{0}\u{1}\u{2}\u{3}\u{4}", "application/octet-stream"))
                .unwrap_err()
                .kind,
            "binary_document"
        );
    }
}
