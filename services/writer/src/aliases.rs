//! Events found later to be one (`event_aliases`, migration 0011). When a report agrees with
//! two events the resolver had kept apart, the one it joined keeps its id and absorbs the
//! other ([`apply`]): the absorbed event's mentions, links and facts move to the kept event,
//! its `events` row goes, and `event_aliases` records where it went. An id saved downstream
//! leads on (`sahel_current_event_id(id)`, the `event_merges` view, and the absorbed event's
//! last `events.current` message, `deleted` with `merged_into`).
//!
//! A batch is resolved in one transaction and written in another, so a merge can come between
//! the two: the batch would then write mentions for an event that was just absorbed. The
//! merge gate orders the two. Every batch write holds it shared for its whole transaction
//! ([`hold_gate`], its first lock); a merge takes it exclusively ([`apply`]), so it waits
//! for the batch writes in flight, and the writes that begin after it see its aliases. A
//! batch write follows the aliases of the events it wrote mentions for ([`follow`]) before
//! it commits.

use std::collections::{BTreeMap, BTreeSet};

use sahel_resolver::Choice;
use sqlx::PgConnection;

/// The merge gate's advisory lock key: a class of its own ("MRGE"), every writer the same.
const GATE: (i32, i32) = (0x4d52_4745, 0);

/// One event absorbed into another.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// The event absorbed.
    pub absorbed: String,
    /// The event it went into.
    pub kept: String,
    /// How strongly the two agreed, and on what.
    pub why: Choice,
}

/// Takes the merge gate shared for the caller's transaction: the first lock of every batch
/// write.
pub async fn hold_gate(tx: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock_shared($1, $2)")
        .bind(GATE.0)
        .bind(GATE.1)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Each absorbed event with the event it ends in, when one merge of a batch absorbs the kept
/// event of an earlier one.
pub fn final_targets(merges: &[Merge]) -> BTreeMap<String, String> {
    let direct: BTreeMap<&str, &str> = merges.iter().map(|m| (m.absorbed.as_str(), m.kept.as_str())).collect();
    direct
        .keys()
        .map(|&a| {
            let mut to = direct[a];
            // Merges never form a cycle (an absorbed event is no candidate again); the bound
            // only guards against a bug looping for ever.
            for _ in 0..direct.len() {
                match direct.get(to) {
                    Some(next) => to = next,
                    None => break,
                }
            }
            (a.to_owned(), to.to_owned())
        })
        .collect()
}

/// Applies `merges` in the caller's resolution transaction, which holds the resolution locks
/// of their types: takes the merge gate, moves the absorbed events' mentions and links to the
/// kept ones, merges their rows, moves the resolver's facts, and records the aliases (pointing
/// older aliases of an absorbed event on, so every alias is one hop).
pub async fn apply(conn: &mut PgConnection, merges: &[Merge]) -> Result<(), sqlx::Error> {
    if merges.is_empty() {
        return Ok(());
    }
    sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
        .bind(GATE.0)
        .bind(GATE.1)
        .execute(&mut *conn)
        .await?;
    let target = final_targets(merges);
    let absorbed: Vec<&str> = target.keys().map(String::as_str).collect();
    let kept: Vec<&str> = target.values().map(String::as_str).collect();
    move_mentions(conn, &absorbed, &kept).await?;
    sqlx::query(
        "UPDATE event_links l SET event_id = x.kept
         FROM unnest($1::text[], $2::text[]) AS x (absorbed, kept) WHERE l.event_id = x.absorbed",
    )
    .bind(&absorbed)
    .bind(&kept)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "WITH gone AS (DELETE FROM event_facts WHERE event_id = ANY ($1) RETURNING event_id, reports)
         UPDATE event_facts k SET reports = k.reports + g.reports, updated_at = now()
         FROM (SELECT x.kept, sum(gone.reports)::int AS reports
               FROM gone JOIN unnest($1::text[], $2::text[]) AS x (absorbed, kept) ON x.absorbed = gone.event_id
               GROUP BY x.kept) AS g
         WHERE k.event_id = g.kept",
    )
    .bind(&absorbed)
    .bind(&kept)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE event_aliases a SET kept_id = x.kept
         FROM unnest($1::text[], $2::text[]) AS x (absorbed, kept) WHERE a.kept_id = x.absorbed",
    )
    .bind(&absorbed)
    .bind(&kept)
    .execute(&mut *conn)
    .await?;
    let why: BTreeMap<&str, &Choice> = merges.iter().map(|m| (m.absorbed.as_str(), &m.why)).collect();
    let scores: Vec<f64> = absorbed.iter().map(|a| why[a].score).collect();
    let agreed: Vec<serde_json::Value> = absorbed
        .iter()
        .map(|a| serde_json::to_value(&why[a].agreed).unwrap_or_else(|_| serde_json::json!([])))
        .collect();
    sqlx::query(
        "INSERT INTO event_aliases (event_id, kept_id, score, agreed)
         SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::jsonb[])
         ON CONFLICT (event_id) DO UPDATE SET kept_id = EXCLUDED.kept_id, score = EXCLUDED.score,
             agreed = EXCLUDED.agreed, merged_at = now()",
    )
    .bind(&absorbed)
    .bind(&kept)
    .bind(&scores)
    .bind(&agreed)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Moves the mentions of each `absorbed[i]` to `kept[i]`: the absorbed event's row is merged
/// into the kept one's (which it makes when the kept event has no row yet: when both events
/// were started by batches still in flight, the absorbed one's batch can commit first), its
/// mentions follow, and its row goes.
async fn move_mentions(conn: &mut PgConnection, absorbed: &[&str], kept: &[&str]) -> Result<(), sqlx::Error> {
    let both: BTreeSet<&str> = absorbed.iter().chain(kept).copied().collect();
    let both: Vec<&str> = both.into_iter().collect();
    // Events rows first, in id order, as every write that changes events locks them.
    sqlx::query("SELECT 1 FROM events WHERE event_id = ANY ($1) ORDER BY event_id FOR UPDATE")
        .bind(&both)
        .execute(&mut *conn)
        .await?;
    // One statement per merge: two absorbed into one kept would otherwise update its row twice.
    for (a, k) in absorbed.iter().zip(kept) {
        sqlx::query(crate::store::absorb_statement())
            .bind(a)
            .bind(k)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "UPDATE event_mentions m SET event_id = x.kept
         FROM unnest($1::text[], $2::text[]) AS x (absorbed, kept) WHERE m.event_id = x.absorbed",
    )
    .bind(absorbed)
    .bind(kept)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM events WHERE event_id = ANY ($1)")
        .bind(absorbed)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// In a batch write's transaction (which holds the gate, [`hold_gate`]): the mentions it wrote
/// for events absorbed since the batch was resolved move to the kept events. Returns the
/// events changed (absorbed and kept), none when no event of `events` was absorbed.
pub async fn follow(tx: &mut PgConnection, events: &[&str]) -> Result<Vec<String>, sqlx::Error> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let moved: Vec<(String, String)> =
        sqlx::query_as("SELECT event_id, kept_id FROM event_aliases WHERE event_id = ANY ($1) ORDER BY event_id")
            .bind(events)
            .fetch_all(&mut *tx)
            .await?;
    if moved.is_empty() {
        return Ok(Vec::new());
    }
    let absorbed: Vec<&str> = moved.iter().map(|(a, _)| a.as_str()).collect();
    let kept: Vec<&str> = moved.iter().map(|(_, k)| k.as_str()).collect();
    move_mentions(tx, &absorbed, &kept).await?;
    Ok(absorbed.into_iter().chain(kept).map(str::to_owned).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(absorbed: &str, kept: &str) -> Merge {
        Merge {
            absorbed: absorbed.into(),
            kept: kept.into(),
            why: Choice {
                event_id: absorbed.into(),
                score: 3.0,
                agreed: Vec::new(),
            },
        }
    }

    #[test]
    fn chained_merges_of_one_batch_end_in_the_last_kept_event() {
        let t = final_targets(&[merge("a", "b"), merge("b", "c"), merge("x", "y")]);
        assert_eq!(t["a"], "c");
        assert_eq!(t["b"], "c");
        assert_eq!(t["x"], "y");
        assert_eq!(t.len(), 3);
    }
}
