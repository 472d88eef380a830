//! The extractor: `articles.clean` → `events.extracted`.
//!
//! Each sentence is read on the surface for actors, places and dates (dictionaries and a
//! gazetteer, data files under `data/` embedded at build time) and, when it holds a trigger
//! lemma, parsed (`sahel-syntax`): the tree says which verb or noun is the event, who is its
//! source and target, which date and place modify it and whether it is negated, planned,
//! hypothetical, reported or background. Every event found becomes one mention with its
//! evidence (sentence index, code-point span, quote, trigger span) and a calibrated
//! confidence. Articles marked as duplicates are not coded again.
//!
//! Layout: [`nlp`] (sentences, surface tokens), [`lexicon`] (actor, place and cue data),
//! [`matcher`] (phrase matching), [`triggers`] (triggers by lemma), [`grammar`] (function words by
//! language), [`tree`] (parsed sentences), [`roles`] (source and target from the tree),
//! [`attach`] (dates, places and modality through the tree), [`sentence`] (one sentence →
//! mentions), [`dates`], [`actors`] (actors and coreference), [`places`], [`surface`] (a sentence's matches, computed once), [`identity`]
//! (event ids), [`coder`] (article → mentions), [`code_cmd`] (the `code` subcommand),
//! [`syntax`] (the parser), [`run`] (the service). The gold sets and their scores live in
//! `services/evaluation` (crate `sahel-evaluation`).

pub mod actors;
pub mod adjuncts;
pub mod antecedents;
pub mod armed;
pub mod attach;
pub mod attribution;
pub mod code_cmd;
pub mod coder;
pub mod compounds;
pub mod conjuncts;
pub mod counts;
pub mod dates;
pub mod doc;
pub mod fill;
pub mod fold;
pub mod glued;
pub mod grammar;
pub mod identity;
pub mod intent;
pub mod lexicon;
pub mod matcher;
pub mod mention;
pub mod mistags;
pub mod nlp;
pub mod nominal;
pub mod obligations;
pub mod occasions;
pub mod off_the_object;
pub mod perfect;
pub mod places;
pub mod relatives;
pub mod repairs;
pub mod roles;
pub mod root_nouns;
pub mod said;
pub mod screen;
pub mod sentence;
pub mod sides;
pub mod subjects;
pub mod surface;
pub mod syntax;
pub mod targets;
pub mod tree;
pub mod triggers;
pub mod voice;

use std::future::Future;
use std::sync::Arc;

use clap::Parser;
use sahel_runtime::config::ServiceArgs;
use sahel_runtime::metrics::PipelineMetrics;
use sahel_runtime::pipeline::{self, handle_each, Incoming, MessageError, Outcome, Record, Retriable};
use sahel_schemas::dlq::DlqReason;
use sahel_schemas::envelope::decode;
use sahel_schemas::{topics, CleanArticle, EventMention, ProducerInfo};

/// Service name.
pub const SERVICE: &str = "extractor";
/// Service (code) version; the extractor version in messages adds the lexicon version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Extractor settings (flags or environment).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-extractor",
    version,
    about = "Codes events from articles.clean into events.extracted"
)]
pub struct Config {
    /// Kafka, batching, HTTP and logs.
    #[command(flatten)]
    pub service: ServiceArgs,
}

/// The coder with its data, ready to code articles.
#[derive(Debug)]
pub struct Extractor {
    resources: lexicon::Resources,
    version: String,
    producer: ProducerInfo,
}

impl Extractor {
    /// Loads the embedded data files.
    pub fn new() -> Result<Self, lexicon::DataError> {
        let resources = lexicon::Resources::embedded()?;
        let version = format!("{VERSION}+lexicon.{}", resources.lexicon_version);
        Ok(Self {
            resources,
            version,
            producer: ProducerInfo::new(SERVICE, VERSION),
        })
    }

    /// The extractor version written into every mention.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The coder's data.
    pub fn resources(&self) -> &lexicon::Resources {
        &self.resources
    }

    /// The producer written into every mention.
    pub fn producer(&self) -> &ProducerInfo {
        &self.producer
    }

    /// The mentions of a plain text (the `code` command, evaluation and benchmarks).
    pub fn code_text(
        &self,
        article_id: &str,
        text: &str,
        language: &str,
        published: Option<chrono::NaiveDate>,
    ) -> Vec<EventMention> {
        let input = coder::ArticleInput {
            article_id,
            text,
            language,
            published,
        };
        coder::code(&self.resources, &input, &self.version, &self.producer)
    }

    /// The sentences of a plain text as the coder parses them (CoNLL-U), with the hints the
    /// actor and trigger data give the tagger; what `sahel-syntax parse` prints without them.
    pub fn trees_of_text(&self, text: &str, language: &str, published: Option<chrono::NaiveDate>) -> String {
        let input = coder::ArticleInput {
            article_id: "trees",
            text,
            language,
            published,
        };
        let mut sentences = Vec::new();
        coder::code_traced(&self.resources, &input, &self.version, &self.producer, &mut |t| {
            sentences.push(t.sentence().clone());
        });
        sahel_syntax::conllu::write(&sentences)
    }

    /// The mentions of a clean article (none for duplicates).
    pub fn code_article(&self, a: &CleanArticle) -> Vec<EventMention> {
        if a.dedup.duplicate_of.is_some() {
            return Vec::new();
        }
        let input = coder::ArticleInput {
            article_id: &a.id,
            text: &a.text,
            language: &a.language.code,
            published: a.published.as_ref().map(|p| p.value.date_naive()),
        };
        coder::code(&self.resources, &input, &self.version, &self.producer)
    }
}

struct ExtractorHandler {
    extractor: Arc<Extractor>,
    output: String,
    metrics: PipelineMetrics,
}

impl ExtractorHandler {
    /// Codes one message into its output records (the CPU-heavy part: parsing).
    fn one(&self, msg: &Incoming) -> Result<Vec<Record>, DlqReason> {
        let article: CleanArticle = decode(msg.payload.as_deref()).map_err(|e| match MessageError::from(e) {
            MessageError::Permanent(r) => r,
            MessageError::Retriable(e) => DlqReason::new("undecodable", e.to_string()),
        })?;
        let mentions = self.extractor.code_article(&article);
        mentions
            .iter()
            .map(|m| {
                self.metrics.outcome(m.event_type.as_str(), 1);
                Record::json(&self.output, &m.event_id, m).map_err(|e| DlqReason::new("unserializable", e.to_string()))
            })
            .collect()
    }
}

impl pipeline::Handler for ExtractorHandler {
    /// Each article coded as it is read, while the previous batch's mentions are delivered.
    type Prepared = Vec<Result<Vec<Record>, DlqReason>>;

    fn prepare(&self, prepared: &mut Self::Prepared, _index: usize, msg: &Incoming) {
        prepared.push(self.one(msg));
    }

    async fn handle(&self, batch: &[Incoming], prepared: &Self::Prepared) -> Result<Outcome, Retriable> {
        let mut coded = prepared.iter();
        handle_each(batch, |m| {
            // Prepared in read order, one per message; a batch handled again after a retry
            // comes with the same prepared results.
            let r = match coded.next() {
                Some(r) => r.clone().map_err(MessageError::Permanent),
                None => self.one(m).map_err(MessageError::Permanent),
            };
            std::future::ready(r)
        })
        .await
    }
}

/// Starts the extractor and runs it until `shutdown` resolves.
pub async fn run(config: Config, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    sahel_runtime::service::prepare(&config.service)?;
    let extractor = Arc::new(Extractor::new()?);
    tracing::info!(version = extractor.version(), "extractor data loaded");
    let shutdown = sahel_runtime::shutdown::token_from(shutdown);

    let kafka = &config.service.kafka;
    let input = kafka.topic(topics::ARTICLES_CLEAN);
    let output = kafka.topic(topics::EVENTS_EXTRACTED);
    let started = sahel_runtime::service::start(
        SERVICE,
        VERSION,
        9103,
        &config.service,
        std::slice::from_ref(&input),
        &shutdown,
    )
    .await?;
    let handler = ExtractorHandler {
        extractor,
        output,
        metrics: started.metrics,
    };
    pipeline::run(started.pipeline, &handler, shutdown).await
}
