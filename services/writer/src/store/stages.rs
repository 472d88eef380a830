//! A part of a batch written inside its transaction ([`write_part`]), as named stages, each a
//! function that runs one or two statements and returns an error naming its [`Stage`]. First,
//! every message time later than the database's clock is bounded by it ([`bound`]); then:
//!
//! 1. [`lock_articles`]: the per-article rows of every article the part writes or has mentions
//!    of, upserted (so locked) first, in article order, by every writer: an article's
//!    transaction and its mentions' transaction run one after the other, even in two writer
//!    processes, so neither misses the other's rows;
//! 2. [`upsert_rows`]: sources, articles and dead letters;
//! 3. [`decide_extractions`]: each article's current extraction, mentions of another one set
//!    aside, and which of the others are stored already;
//! 4. [`events_of_written_articles`]: events whose articles changed, to recompute;
//! 5. [`merge_new_mentions`]: the new mentions aggregated per event and merged into it;
//! 6. [`write_mentions`]: the mentions;
//! 7. [`refresh_events`]: every event the part changed otherwise, recomputed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::bind::{mention_arguments, merge_events, to_json, upsert_articles};
use super::error::{AtStage as _, Stage, StageError};
use super::sql::SQL;
use super::Written;
use crate::merge::{self, ArticleFacts};
use crate::rows::{ArticleRow, MentionRow, Part};

/// What the stages of one part pass on to the next.
#[derive(Default)]
struct Plan<'a> {
    /// Events recomputed from all their mentions at the end.
    recompute: BTreeSet<String>,
    /// Articles whose extraction row this part created: none of their mentions is stored.
    fresh: HashSet<String>,
    /// The mentions of their article's current extraction, each with whether it is new (not
    /// stored yet).
    kept: Vec<(&'a MentionRow, bool)>,
    /// The stored event of each kept mention that is stored already.
    stored_event: HashMap<String, String>,
}

/// Writes `b` in transaction `tx` (the actors, aliases and places of its mentions are stored
/// already) and brings the events it touched up to date: events that only gain new mentions
/// are merged with them; events that lost, moved or changed mentions, or whose articles
/// changed, are recomputed from all their mentions.
///
/// `now` is the database's clock (the transaction's start): a message time (`produced_at`)
/// later than it is bounded by it ([`bound`]), so that no producer's clock decides "newer"
/// beyond the present.
///
/// Every statement reads its batch from array parameters and reaches stored rows by index
/// probes (LATERAL ... LIMIT 1 where the planner could prefer a scan), so one generic plan
/// fits every batch: PostgreSQL plans each statement a few times, then reuses its plan.
pub(super) async fn write_part(
    tx: &mut sqlx::PgConnection,
    b: &Part<'_>,
    now: DateTime<Utc>,
) -> Result<Written, StageError> {
    let late_articles = late(&b.articles, now, |a| a.normalized_at, |a, t| a.normalized_at = t);
    let late_mentions = late(&b.mentions, now, |m| m.extracted_at, |m, t| m.extracted_at = t);
    if late_articles.is_empty() && late_mentions.is_empty() {
        return write_bounded(tx, b).await;
    }
    tracing::warn!(
        articles = late_articles.len(),
        mentions = late_mentions.len(),
        "messages produced later than the database's clock: taken as produced now"
    );
    write_bounded(tx, &bounded_by(b, now, &late_articles, &late_mentions)).await
}

/// How far ahead of the database's clock a producer's clock may be and still count as a clock
/// (its messages replace older rows); further ahead, it is a broken clock.
pub(super) const CLOCK_TOLERANCE: chrono::TimeDelta = chrono::TimeDelta::minutes(1);

/// A message time `t` later than the database's `now`, bounded: `now` when `t` is within
/// [`CLOCK_TOLERANCE`] of it; else `now` plus a microsecond, a time the statements take as
/// "from a broken clock": such a message is stored if its row does not exist yet, but replaces
/// no stored row (their `<= now()` conditions). So a far-future message never wins for ever,
/// and a replay of it (later, when the bound is later) changes nothing either.
pub(super) fn bound(t: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    if t <= now {
        t
    } else if t - now <= CLOCK_TOLERANCE {
        now
    } else {
        now + chrono::TimeDelta::microseconds(1)
    }
}

/// Copies of the `rows` whose message time (`get`) is after `now`, with that time bounded
/// ([`bound`], written back with `set`).
fn late<R: Clone>(
    rows: &[&R],
    now: DateTime<Utc>,
    get: fn(&R) -> DateTime<Utc>,
    set: fn(&mut R, DateTime<Utc>),
) -> Vec<R> {
    rows.iter()
        .filter(|r| get(r) > now)
        .map(|r| {
            let mut copy = (*r).clone();
            set(&mut copy, bound(get(r), now));
            copy
        })
        .collect()
}

/// `b` with the rows produced after `now` replaced by their copies in `late_articles` and
/// `late_mentions` (the same rows, in order, with their times bounded).
fn bounded_by<'p>(
    b: &Part<'p>,
    now: DateTime<Utc>,
    late_articles: &'p [ArticleRow],
    late_mentions: &'p [MentionRow],
) -> Part<'p> {
    Part {
        sources: b.sources.clone(),
        articles: substituted(&b.articles, late_articles, |a| a.normalized_at > now),
        mentions: substituted(&b.mentions, late_mentions, |m| m.extracted_at > now),
        dead_letters: b.dead_letters.clone(),
    }
}

/// `rows`, each one that `is_late` replaced by the next of `late`.
fn substituted<'p, R>(rows: &[&'p R], late: &'p [R], is_late: impl Fn(&R) -> bool) -> Vec<&'p R> {
    let mut late = late.iter();
    rows.iter()
        .map(|r| if is_late(r) { late.next().unwrap_or(r) } else { *r })
        .collect()
}

/// [`write_part`] once every message time is bounded by the database's clock.
async fn write_bounded(tx: &mut sqlx::PgConnection, b: &Part<'_>) -> Result<Written, StageError> {
    let mut w = Written::default();
    let mut plan = Plan::default();
    lock_articles(tx, b).await?;
    let articles_written = upsert_rows(tx, b, &mut w).await?;
    if !b.mentions.is_empty() {
        decide_extractions(tx, &b.mentions, &mut plan, &mut w).await?;
    }
    events_of_written_articles(tx, &articles_written, &mut plan).await?;
    if !plan.kept.is_empty() {
        merge_new_mentions(tx, &plan.kept).await?;
        write_mentions(tx, &mut plan, &mut w).await?;
    }
    if !plan.recompute.is_empty() {
        let ids: Vec<String> = std::mem::take(&mut plan.recompute).into_iter().collect();
        refresh_events(tx, &ids).await?;
    }
    Ok(w)
}

/// Stage 1: upserts the `article_locks` row of every article of the part (its articles and
/// its mentions' articles), in article id order, one statement. A transaction that writes an
/// article and one that writes mentions of it both upsert that row first, so the later one
/// waits for the earlier one's commit, and its following statements (new snapshots) see what
/// that one wrote: the mentions' transaction reads the article's fetch time and source, the
/// article's finds the mentions whose events it must recompute. Row locks live in the rows,
/// not in PostgreSQL's lock table, so a batch of any size takes them.
async fn lock_articles(tx: &mut sqlx::PgConnection, b: &Part<'_>) -> Result<(), StageError> {
    let ids: BTreeSet<&str> = b
        .articles
        .iter()
        .map(|a| a.article_id.as_str())
        .chain(b.mentions.iter().map(|m| m.article_id.as_str()))
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = ids.into_iter().collect();
    sqlx::query(&SQL.article_locks)
        .bind(&ids)
        .execute(&mut *tx)
        .await
        .at(Stage::ArticleLocks)?;
    Ok(())
}

/// Stage 2: sources, articles and dead letters; returns the ids of the articles inserted or
/// changed.
async fn upsert_rows(tx: &mut sqlx::PgConnection, b: &Part<'_>, w: &mut Written) -> Result<Vec<String>, StageError> {
    if !b.sources.is_empty() {
        let sources = to_json(&b.sources).at(Stage::Sources)?;
        sqlx::query(&SQL.sources)
            .bind(sources)
            .execute(&mut *tx)
            .await
            .at(Stage::Sources)?;
    }
    let mut articles_written: Vec<String> = Vec::new();
    if !b.articles.is_empty() {
        articles_written = upsert_articles(&mut *tx, &SQL.articles, &b.articles)
            .await
            .at(Stage::Articles)?;
        w.articles = articles_written.len() as u64;
    }
    if !b.dead_letters.is_empty() {
        let letters = to_json(&b.dead_letters).at(Stage::DeadLetters)?;
        w.dead_letters = sqlx::query(&SQL.dead_letters)
            .bind(letters)
            .execute(&mut *tx)
            .await
            .at(Stage::DeadLetters)?
            .rows_affected();
    }
    Ok(articles_written)
}

/// The newest extraction staged for each article: `(article, version, produced at)`, the
/// extraction produced last (ties: the smaller version).
pub(super) fn newest_extractions(mentions: &[&MentionRow]) -> (Vec<String>, Vec<String>, Vec<DateTime<Utc>>) {
    // (article, version) → earliest produced_at of that run, as one extraction's mentions
    // may come in several messages.
    let mut runs: BTreeMap<(&str, &str), DateTime<Utc>> = BTreeMap::new();
    for m in mentions {
        let t = runs
            .entry((m.article_id.as_str(), m.extractor_version.as_str()))
            .or_insert(m.extracted_at);
        *t = (*t).min(m.extracted_at);
    }
    let mut newest: BTreeMap<&str, (&str, DateTime<Utc>)> = BTreeMap::new();
    for ((article, version), at) in runs {
        match newest.get(article) {
            // Runs come in version order, so on equal times the first (smaller) version stays.
            Some((_, best)) if *best >= at => {}
            _ => {
                newest.insert(article, (version, at));
            }
        }
    }
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for (article, (version, at)) in newest {
        out.0.push(article.to_owned());
        out.1.push(version.to_owned());
        out.2.push(at);
    }
    out
}

/// An article's current extraction after a batch's extractions are recorded, and what the
/// batch superseded (the same on every row).
#[derive(sqlx::FromRow)]
struct Extraction {
    article_id: String,
    extractor_version: Option<String>,
    /// Its extraction row was created by this batch: none of its mentions is stored.
    fresh: bool,
    superseded: i64,
    superseded_events: Vec<String>,
}

/// Stage 3: records each article's newest staged extraction (a newer extractor version
/// replaces the article's mentions, [`Stage::Extractions`]), keeps the mentions of each
/// article's current extraction and counts the others as outdated, and finds which kept
/// mentions are stored already, and in which event ([`Stage::StoredMentions`]).
async fn decide_extractions<'a>(
    tx: &mut sqlx::PgConnection,
    staged: &[&'a MentionRow],
    plan: &mut Plan<'a>,
    w: &mut Written,
) -> Result<(), StageError> {
    let (ids, versions, times) = newest_extractions(staged);
    let current: Vec<Extraction> = sqlx::query_as(&SQL.extraction)
        .bind(&ids)
        .bind(&versions)
        .bind(&times)
        .fetch_all(&mut *tx)
        .await
        .at(Stage::Extractions)?;
    // An extraction row another transaction committed while this statement waited for it
    // is locked by the statement but outside its snapshot, so its version reads NULL; a
    // new statement sees it (READ COMMITTED), and the lock keeps it as it is.
    let unseen: Vec<&str> = current
        .iter()
        .filter(|x| x.extractor_version.is_none())
        .map(|x| x.article_id.as_str())
        .collect();
    let committed: HashMap<String, String> = if unseen.is_empty() {
        HashMap::new()
    } else {
        sqlx::query_as::<_, (String, String)>(&SQL.versions)
            .bind(&unseen)
            .fetch_all(&mut *tx)
            .await
            .at(Stage::CommittedVersions)?
            .into_iter()
            .collect()
    };
    let mut version_of: HashMap<&str, Option<&str>> = HashMap::new();
    for x in &current {
        let version = x
            .extractor_version
            .as_deref()
            .or(committed.get(&x.article_id).map(String::as_str));
        version_of.insert(x.article_id.as_str(), version);
        if x.fresh {
            plan.fresh.insert(x.article_id.clone());
        }
        // The same figures on every row.
        w.mentions_superseded = x.superseded.max(0) as u64;
        plan.recompute.extend(x.superseded_events.iter().cloned());
    }
    // Mentions of an extraction other than their article's current one are ignored.
    for m in staged {
        if version_of.get(m.article_id.as_str()).copied().flatten() == Some(m.extractor_version.as_str()) {
            plan.kept.push((m, plan.fresh.contains(&m.article_id)));
        } else {
            w.mentions_outdated += 1;
        }
    }
    // Which of the others are stored already, and in which event.
    let probe: Vec<&str> = plan
        .kept
        .iter()
        .filter(|(_, new)| !new)
        .map(|(m, _)| m.mention_id.as_str())
        .collect();
    if !probe.is_empty() {
        let found: Vec<(String, String)> = sqlx::query_as(&SQL.existing)
            .bind(&probe)
            .fetch_all(&mut *tx)
            .await
            .at(Stage::StoredMentions)?;
        plan.stored_event.extend(found);
        for (m, new) in plan.kept.iter_mut() {
            *new = !plan.stored_event.contains_key(&m.mention_id);
        }
    }
    Ok(())
}

/// Stage 4: an article written now changes the first/last seen and sources of the events its
/// stored mentions belong to: those events are recomputed.
async fn events_of_written_articles(
    tx: &mut sqlx::PgConnection,
    articles_written: &[String],
    plan: &mut Plan<'_>,
) -> Result<(), StageError> {
    let old_articles: Vec<&str> = articles_written
        .iter()
        .filter(|a| !plan.fresh.contains(*a))
        .map(String::as_str)
        .collect();
    if !old_articles.is_empty() {
        let events: Vec<String> = sqlx::query_scalar(&SQL.article_events)
            .bind(&old_articles)
            .fetch_all(&mut *tx)
            .await
            .at(Stage::ArticleEvents)?;
        plan.recompute.extend(events);
    }
    Ok(())
}

/// Stage 5: the new mentions aggregated per event ([`merge::aggregate`], with their stored
/// articles' facts, [`Stage::ArticleFacts`]) and merged into their events
/// ([`Stage::MergeEvents`]); the events of mentions stored already get their rows if missing
/// ([`Stage::EventIdentities`]): they are recomputed at the end, so only their identities are
/// needed here.
async fn merge_new_mentions(tx: &mut sqlx::PgConnection, kept: &[(&MentionRow, bool)]) -> Result<(), StageError> {
    let new: Vec<&MentionRow> = kept.iter().filter(|(_, new)| *new).map(|(m, _)| *m).collect();
    let facts: HashMap<String, ArticleFacts> = if new.is_empty() {
        HashMap::new()
    } else {
        let mut articles: Vec<&str> = new.iter().map(|m| m.article_id.as_str()).collect();
        articles.sort_unstable();
        articles.dedup();
        sqlx::query_as::<_, ArticleFacts>(&SQL.article_facts)
            .bind(&articles)
            .fetch_all(&mut *tx)
            .await
            .at(Stage::ArticleFacts)?
            .into_iter()
            .map(|a| (a.article_id.clone(), a))
            .collect()
    };
    let events = merge::aggregate(new.iter().copied(), &facts);
    let mut seen = BTreeSet::new();
    let mut ids: (Vec<&str>, Vec<&str>, Vec<&str>, Vec<i16>) = Default::default();
    for (m, _) in kept.iter().filter(|(_, new)| !new) {
        if seen.insert(m.event_id.as_str()) {
            ids.0.push(&m.event_id);
            ids.1.push(m.event_type);
            ids.2.push(&m.cameo_root);
            ids.3.push(i16::from(m.quad_class));
        }
    }
    if !ids.0.is_empty() {
        sqlx::query(&SQL.event_ids)
            .bind(&ids.0)
            .bind(&ids.1)
            .bind(&ids.2)
            .bind(&ids.3)
            .execute(&mut *tx)
            .await
            .at(Stage::EventIdentities)?;
    }
    if !events.is_empty() {
        merge_events(&mut *tx, &SQL.merge, &events)
            .await
            .at(Stage::MergeEvents)?;
    }
    Ok(())
}

/// Stage 6: the mentions. Those of fresh articles are inserted without a conflict check
/// ([`Stage::FreshMentions`]): no transaction can hold a mention of such an article, since a
/// mention needs its article's current extraction (the reference check), and this part's insert
/// of that extraction row would have waited for, then conflicted with, any other transaction's.
/// The others are upserted ([`Stage::Mentions`]); a stored mention that changed sends its
/// event, and the one it left, to the recompute, and so does a mention taken for new but found
/// stored (another writer got there first: it was merged twice).
async fn write_mentions(tx: &mut sqlx::PgConnection, plan: &mut Plan<'_>, w: &mut Written) -> Result<(), StageError> {
    let (fresh_rows, others): (Vec<&MentionRow>, Vec<&MentionRow>) = plan
        .kept
        .iter()
        .map(|(m, _)| *m)
        .partition(|m| plan.fresh.contains(&m.article_id));
    // Mentions inserted by the upsert below (the fresh ones all are).
    let mut inserted: HashSet<&str> = HashSet::new();
    if !fresh_rows.is_empty() {
        let args = mention_arguments(&fresh_rows).at(Stage::FreshMentions)?;
        sqlx::query_with(&SQL.mentions_fresh, args)
            .execute(&mut *tx)
            .await
            .at(Stage::FreshMentions)?;
        w.mentions += fresh_rows.len() as u64;
    }
    let written: Vec<(String, String, bool)> = if others.is_empty() {
        Vec::new()
    } else {
        let args = mention_arguments(&others).at(Stage::Mentions)?;
        sqlx::query_as_with(&SQL.mentions, args)
            .fetch_all(&mut *tx)
            .await
            .at(Stage::Mentions)?
    };
    w.mentions += written.len() as u64;
    for (mention, event, was_inserted) in &written {
        if *was_inserted {
            inserted.insert(mention.as_str());
        } else {
            plan.recompute.insert(event.clone());
            if let Some(old) = plan.stored_event.get(mention) {
                plan.recompute.insert(old.clone());
            }
        }
    }
    for (m, _) in plan
        .kept
        .iter()
        .filter(|(m, new)| *new && !plan.fresh.contains(&m.article_id) && !inserted.contains(m.mention_id.as_str()))
    {
        plan.recompute.insert(m.event_id.clone());
    }
    Ok(())
}

/// Stage 7: recomputes `events` from all their mentions (`refresh_events`). Their rows are
/// locked first, in a statement of their own ([`Stage::LockEvents`]): a transaction that
/// changes an event's mentions holds its row until it commits, so once the locks are granted,
/// the recompute (a new statement, a new snapshot) sees every committed mention, and none is
/// lost to a transaction that committed while this one waited.
pub async fn refresh_events(tx: &mut sqlx::PgConnection, events: &[String]) -> Result<(), StageError> {
    sqlx::query("SELECT 1 FROM events WHERE event_id = ANY ($1) ORDER BY event_id FOR UPDATE")
        .bind(events)
        .execute(&mut *tx)
        .await
        .at(Stage::LockEvents)?;
    sqlx::query("SELECT refresh_events($1)")
        .bind(events)
        .execute(&mut *tx)
        .await
        .at(Stage::RefreshEvents)?;
    Ok(())
}
