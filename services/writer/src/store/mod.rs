//! The SQL: one transaction per batch, written in named stages.
//!
//! - `dimensions` (stage 0, before the transaction): actors, their aliases and places, each
//!   once, in a statement of their own, remembered once stored;
//! - `in_flight`: the batches one process writes at once ([`InFlight`], [`write_batch`]):
//!   the rows a batch shares with an earlier batch in flight go through the stages a second
//!   time, after that batch's commit;
//! - `stages`: a part of a batch inside the transaction, stage by stage (message times
//!   bounded by the database's clock; the per-article locks that order writers across
//!   processes; sources, articles and dead letters; each
//!   article's current extraction; the incremental merge of new mentions into their events;
//!   the mentions; the full recompute of the events changed otherwise);
//! - `sql`: the statement list, built once; `table`: the builder of the `INSERT`
//!   statements; `bind`: rows to array parameters;
//! - `error`: the [`Stage`] each statement belongs to, named by the [`StageError`] a failed
//!   write returns.
//!
//! The offsets of a batch are stored by the runtime loop only after `COMMIT` returned, and
//! those of every earlier batch.

mod bind;
mod dimensions;
mod error;
mod in_flight;
mod sql;
mod stages;
mod table;

use sahel_runtime::db::is_data_error;
use sahel_runtime::metrics::PipelineMetrics;
use sahel_runtime::pipeline::{Outcome, Retriable};
use sahel_schemas::dlq::DlqReason;

pub use error::{Stage, StageError};
pub use in_flight::{write_batch, Entry, InFlight};
pub use stages::refresh_events;

/// The statement that merges an absorbed event's row into the kept event's (`$1` absorbed,
/// `$2` kept), by the same merge a batch's new mentions go through.
pub(crate) fn absorb_statement() -> &'static str {
    &sql::SQL.absorb
}

use crate::rows::Batch;

/// What a committed batch changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Articles inserted or updated.
    pub articles: u64,
    /// Mentions inserted or updated.
    pub mentions: u64,
    /// Mentions removed because a newer extraction of their article replaced them.
    pub mentions_superseded: u64,
    /// Mentions ignored because their article has a newer extraction.
    pub mentions_outdated: u64,
    /// Dead letters recorded.
    pub dead_letters: u64,
}

impl Written {
    /// Adds what another part of the same batch wrote.
    fn add(&mut self, x: &Written) {
        self.articles += x.articles;
        self.mentions += x.mentions;
        self.mentions_superseded += x.mentions_superseded;
        self.mentions_outdated += x.mentions_outdated;
        self.dead_letters += x.dead_letters;
    }
}

/// Writes a batch with no other in flight: [`write_batch`], the service's path.
pub async fn write(pool: &sqlx::PgPool, b: &Batch) -> Result<Written, StageError> {
    write_batch(pool, &InFlight::default(), b).await
}

fn committed(b: &Batch, w: &Written) {
    tracing::debug!(
        articles = w.articles,
        mentions_staged = b.mentions.len(),
        mentions = w.mentions,
        superseded = w.mentions_superseded,
        outdated = w.mentions_outdated,
        dead_letters = w.dead_letters,
        "batch committed"
    );
}

fn count(metrics: &PipelineMetrics, w: &Written) {
    metrics.outcome("articles_written", w.articles);
    metrics.outcome("mentions_written", w.mentions);
    metrics.outcome("mentions_superseded", w.mentions_superseded);
    metrics.outcome("mentions_outdated", w.mentions_outdated);
    metrics.outcome("dead_letters_written", w.dead_letters);
}

/// Writes a batch ([`write_batch`]). When PostgreSQL refuses the data itself (SQLSTATE class
/// 22 or 23, [`is_data_error`]), writes message by message to find the culprits and
/// dead-letters only them. Any other error (connection, read-only database, permissions,
/// timeouts, disk, a schema being migrated) is retriable: the whole batch is retried later,
/// its offsets stay, and the service reports itself unhealthy meanwhile.
pub async fn write_isolating(
    pool: &sqlx::PgPool,
    in_flight: &InFlight,
    batch: &Batch,
    mut rejected: Vec<(usize, DlqReason)>,
    metrics: &PipelineMetrics,
) -> Result<(Outcome, bool), Retriable> {
    let mut wrote = false;
    match write_batch(pool, in_flight, batch).await {
        Ok(w) => {
            count(metrics, &w);
            let outcome = Outcome {
                records: Vec::new(),
                rejected,
            };
            return Ok((outcome, !batch.is_empty()));
        }
        Err(e) if !is_data_error(e.database()) => {
            return Err(Retriable(anyhow::Error::new(e).context("writing a batch")))
        }
        Err(e) => {
            in_flight.forget_dimensions();
            tracing::warn!(error = %e, "batch refused by PostgreSQL; writing message by message")
        }
    }
    for idx in batch.indexes() {
        let one = batch.clone_only(idx);
        match write_batch(pool, in_flight, &one).await {
            Ok(w) => {
                count(metrics, &w);
                wrote = true;
            }
            Err(e) if !is_data_error(e.database()) => {
                return Err(Retriable(anyhow::Error::new(e).context("writing one message")));
            }
            Err(e) => rejected.push((idx, DlqReason::new("rejected_by_database", e.to_string()))),
        }
    }
    Ok((
        Outcome {
            records: Vec::new(),
            rejected,
        },
        wrote,
    ))
}
