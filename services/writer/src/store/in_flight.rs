//! The in-flight protocol: the batches one writer process has in flight at once, and how a
//! batch writes the rows it shares with an earlier one after that one ([`write_batch`]).
//!
//! Across writer processes, the per-article rows every transaction locks first
//! ([`super::stages`], stage 1) order an article's transaction and its mentions'; this module
//! only orders one process's batches among themselves.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::dimensions::Known;
use super::error::{AtStage as _, Stage, StageError};
use super::stages::write_part;
use super::{committed, Written};
use crate::rows::{Batch, Keys};

/// The batches one writer has in flight (the consumer loop hands it up to
/// `--batches-in-flight` at once, each in its own transaction on its own connection), with
/// the rows each may write, and the actors, aliases and places known to be stored. A batch
/// writes the rows it shares with a batch started before it and still in flight last
/// ([`Batch::split`]), and only once that batch has committed (or failed): before them, in the
/// same transaction, it takes the earlier transaction's advisory lock in shared mode, so it
/// reads what that one wrote as if the two had run one after the other. The wait is
/// PostgreSQL's, so a cycle through rows neither batch named (an event both recompute) is a
/// detected deadlock: one transaction is aborted and its batch retried.
#[derive(Debug)]
pub struct InFlight {
    /// The first key of this writer's advisory locks (the second is the batch's number).
    class: i32,
    next: AtomicU64,
    batches: Mutex<Vec<Entered>>,
    /// The actors, aliases and places known to be stored.
    dimensions: Known,
    /// Test-only: how long each transaction stays open before its commit (`fault.rs`).
    hold_before_commit: Option<std::time::Duration>,
}

/// A batch in flight as later batches see it.
#[derive(Debug, Clone)]
struct Entered {
    id: u64,
    keys: Arc<Keys>,
    /// True once its transaction holds its advisory lock; closed when it is done.
    locked: tokio::sync::watch::Receiver<bool>,
}

impl Default for InFlight {
    fn default() -> Self {
        InFlight {
            // Random, so that two writers' batch numbers do not meet.
            class: std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), std::process::id())
                as i32,
            next: AtomicU64::new(0),
            batches: Mutex::new(Vec::new()),
            dimensions: Known::default(),
            hold_before_commit: None,
        }
    }
}

/// A batch's place in [`InFlight`], given up when dropped.
#[derive(Debug)]
pub struct Entry<'a> {
    set: &'a InFlight,
    id: u64,
    locked: tokio::sync::watch::Sender<bool>,
    earlier: Vec<Entered>,
}

impl InFlight {
    /// Enters a batch that may write `keys`; the entry knows the batches entered before it
    /// and still in flight.
    pub fn enter(&self, keys: Keys) -> Entry<'_> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (locked, rx) = tokio::sync::watch::channel(false);
        let mut batches = self.batches.lock().unwrap_or_else(|e| e.into_inner());
        let earlier = batches.clone();
        batches.push(Entered {
            id,
            keys: Arc::new(keys),
            locked: rx,
        });
        Entry {
            set: self,
            id,
            locked,
            earlier,
        }
    }

    /// Holds each transaction open `hold` before its commit (test-only fault injection,
    /// `SAHEL_WRITER_FAULT=hold_before_commit:MS`).
    pub fn holding_before_commit(mut self, hold: Option<std::time::Duration>) -> Self {
        self.hold_before_commit = hold;
        self
    }

    /// Forgets which dimension rows are stored (after a refused batch: one may have been
    /// deleted since).
    pub fn forget_dimensions(&self) {
        self.dimensions.forget();
    }

    /// The advisory lock key of batch `id`.
    fn lock_key(&self, id: u64) -> (i32, i32) {
        (self.class, id as u32 as i32)
    }
}

impl Entry<'_> {
    /// The keys of the batches in flight that were entered before this one.
    pub fn contended(&self) -> Vec<&Keys> {
        self.earlier.iter().map(|e| &*e.keys).collect()
    }
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        let mut batches = self.set.batches.lock().unwrap_or_else(|e| e.into_inner());
        batches.retain(|e| e.id != self.id);
    }
}

/// Writes a batch while others may be in flight ([`InFlight`]): in one transaction, the rows
/// no earlier batch in flight shares first, then, once those batches are done, the others.
pub async fn write_batch(pool: &sqlx::PgPool, in_flight: &InFlight, b: &Batch) -> Result<Written, StageError> {
    if b.is_empty() {
        return Ok(Written::default());
    }
    // Actors, aliases and places first, in a statement of their own (committed at once,
    // [`super::dimensions`]).
    in_flight
        .dimensions
        .insert_new(pool, b.mentions.values().map(|(_, m)| m))
        .await?;
    let entry = in_flight.enter(b.keys());
    let (first, last) = b.split(&entry.contended());
    // The batch's lock, and the database's clock, which bounds every message time the batch
    // writes ([`write_part`]).
    let lock = "SELECT now() FROM (SELECT pg_advisory_xact_lock($1, $2)) AS l";
    let wait = "SELECT pg_advisory_xact_lock_shared($1, $2)";
    // The earlier batches' advisory locks are waited for below; first make sure they are
    // taken (each batch takes its own as its transaction's first statement), so that a wait
    // cannot pass before the batch has begun. No lock of this batch is held meanwhile.
    if !last.is_empty() {
        for e in &entry.earlier {
            let mut locked = e.locked.clone();
            // Err: that batch is done (committed or failed).
            let _ = locked.wait_for(|l| *l).await;
        }
    }
    let mut tx = pool.begin().await.at(Stage::Begin)?;
    // The merge gate first: a merge of events waits for this write, or this write for it
    // (`crate::aliases`).
    crate::aliases::hold_gate(&mut tx).await.at(Stage::MergeGate)?;
    let (class, id) = in_flight.lock_key(entry.id);
    let now: chrono::DateTime<chrono::Utc> = sqlx::query_scalar(lock)
        .bind(class)
        .bind(id)
        .fetch_one(&mut *tx)
        .await
        .at(Stage::BatchLock)?;
    entry.locked.send_replace(true);
    let mut w = write_part(&mut tx, &first, now).await?;
    if !last.is_empty() {
        for e in &entry.earlier {
            let (class, id) = in_flight.lock_key(e.id);
            sqlx::query(wait)
                .bind(class)
                .bind(id)
                .execute(&mut *tx)
                .await
                .at(Stage::EarlierBatches)?;
        }
        let x = write_part(&mut tx, &last, now).await?;
        w.add(&x);
    }
    // Mentions written for an event absorbed after the batch was resolved go to the kept one.
    let events: BTreeSet<&str> = b.mentions.values().map(|(_, m)| m.event_id.as_str()).collect();
    let events: Vec<&str> = events.into_iter().collect();
    crate::aliases::follow(&mut tx, &events)
        .await
        .at(Stage::FollowAliases)?;
    if let Some(hold) = in_flight.hold_before_commit {
        tokio::time::sleep(hold).await;
    }
    tx.commit().await.at(Stage::Commit)?;
    committed(b, &w);
    Ok(w)
}
