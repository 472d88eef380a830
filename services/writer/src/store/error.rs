//! The stages of a batch's write, and the error that names the one that failed: a batch
//! PostgreSQL refuses says which statement refused it (in the log, in the retry's error, and in
//! the dead letter's reason once the culprit message is isolated).

use std::fmt;

/// One statement (or step) of a batch's write, in the order [`super::write_batch`] runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// New actors, aliases and places, before the transaction (`store::dimensions`).
    Dimensions,
    /// `BEGIN`.
    Begin,
    /// The merge gate, held shared by every batch write (`aliases`).
    MergeGate,
    /// The batch's own advisory lock (`store::in_flight`).
    BatchLock,
    /// Waiting for the earlier batches in flight that share rows with this one.
    EarlierBatches,
    /// The per-article rows every writer upserts first, in article order (`article_locks`).
    ArticleLocks,
    /// `sources`.
    Sources,
    /// `articles`.
    Articles,
    /// `dead_letters`.
    DeadLetters,
    /// Each article's current extraction (`article_extractions`), superseded mentions removed.
    Extractions,
    /// The versions of extractions committed while the previous statement waited.
    CommittedVersions,
    /// Which staged mentions are stored already, and in which event.
    StoredMentions,
    /// The events of the stored mentions of the articles written.
    ArticleEvents,
    /// Fetch time and source of the stored articles of the new mentions.
    ArticleFacts,
    /// The event rows of stored mentions (inserted if missing).
    EventIdentities,
    /// The incremental merge of the new mentions into their events.
    MergeEvents,
    /// Mentions of articles whose extraction row this batch created (plain insert).
    FreshMentions,
    /// The other mentions (upsert).
    Mentions,
    /// The event rows to recompute, locked in event order.
    LockEvents,
    /// `refresh_events`: the full recompute.
    RefreshEvents,
    /// Mentions written for events absorbed since the batch was resolved, moved on
    /// (`event_aliases`).
    FollowAliases,
    /// `COMMIT`.
    Commit,
}

impl Stage {
    /// The stage's name, as errors and logs give it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Dimensions => "insert actors, aliases and places",
            Stage::Begin => "begin the transaction",
            Stage::MergeGate => "hold the merge gate",
            Stage::BatchLock => "take the batch's advisory lock",
            Stage::EarlierBatches => "wait for earlier batches in flight",
            Stage::ArticleLocks => "lock the batch's articles (article_locks)",
            Stage::Sources => "upsert sources",
            Stage::Articles => "upsert articles",
            Stage::DeadLetters => "insert dead letters",
            Stage::Extractions => "record extractions (article_extractions)",
            Stage::CommittedVersions => "read committed extraction versions",
            Stage::StoredMentions => "find stored mentions",
            Stage::ArticleEvents => "find the events of written articles",
            Stage::ArticleFacts => "read the facts of the mentions' articles",
            Stage::EventIdentities => "insert the events of stored mentions",
            Stage::MergeEvents => "merge new mentions into their events",
            Stage::FreshMentions => "insert mentions of newly extracted articles",
            Stage::Mentions => "upsert mentions",
            Stage::LockEvents => "lock the events to recompute",
            Stage::RefreshEvents => "recompute events (refresh_events)",
            Stage::FollowAliases => "move mentions of absorbed events (event_aliases)",
            Stage::Commit => "commit",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A stage of a batch's write failed. Its text names the stage and carries PostgreSQL's
/// message; [`StageError::database`] is the error itself, for classifying it
/// ([`sahel_runtime::db::is_data_error`], [`sahel_runtime::db::is_retriable`]).
#[derive(Debug)]
pub struct StageError {
    stage: Stage,
    error: sqlx::Error,
}

impl StageError {
    pub fn new(stage: Stage, error: sqlx::Error) -> Self {
        StageError { stage, error }
    }

    /// The stage that failed.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// What PostgreSQL (or the driver) said.
    pub fn database(&self) -> &sqlx::Error {
        &self.error
    }
}

impl fmt::Display for StageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The cause is part of the text (a dead letter's reason is this text alone), so it is
        // not also returned by `source`, which would print it twice in a chain.
        write!(f, "stage `{}` failed: {}", self.stage, self.error)
    }
}

impl std::error::Error for StageError {}

/// `result.at(stage)`: a database error tagged with the stage it happened in.
pub trait AtStage<T> {
    fn at(self, stage: Stage) -> Result<T, StageError>;
}

impl<T> AtStage<T> for Result<T, sqlx::Error> {
    fn at(self, stage: Stage) -> Result<T, StageError> {
        self.map_err(|e| StageError::new(stage, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_names_its_stage_and_keeps_the_database_error() {
        let e: Result<(), _> = Err(sqlx::Error::PoolTimedOut);
        let e = e.at(Stage::MergeEvents).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("merge new mentions into their events"), "{text}");
        assert!(text.contains("pool timed out"), "{text}");
        assert!(matches!(e.database(), sqlx::Error::PoolTimedOut));
        assert_eq!(e.stage(), Stage::MergeEvents);
    }
}
