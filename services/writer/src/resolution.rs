//! Event resolution in the writer's transaction: each report (one article's mentions that the
//! extractor gave one proposed event id) joins the event it is compatible with
//! ([`sahel_resolver::choose`]), or starts one, and its mentions take that event's id.
//!
//! - A report already linked (`event_links`) keeps its event: replaying a topic, or retrying a
//!   batch, gives the same events.
//! - Candidates are the resolved events of the same type and reality whose time can overlap
//!   the report's (`event_facts`), read in the transaction after a transaction-scoped advisory
//!   lock on each type the batch resolves, taken in a fixed order: two writer processes never
//!   resolve reports of one type at once, so two reports of one event cannot both start it.
//! - A report that joins nothing starts an event with the extractor's proposed id, or, when
//!   that id already names an event it is not compatible with, an id derived from the
//!   proposed id and the article.
//! - Every link records its score and the fields that agreed (`event_resolution` view).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use sahel_resolver::{absorbable, choose, Facts, Reality};
pub use sahel_resolver::{reports_of, Report};
use sahel_schemas::event::EventMention;
use sqlx::PgConnection;

use crate::aliases::{self, Merge};
use crate::rows::MentionRow;

/// The first key of the writer's per-type resolution locks (the second is the type's
/// number): fixed, so every writer process takes the same locks.
const LOCK_CLASS: i32 = 0x5245_534c; // "RESL"

/// How many recent candidates a report with no time bound is compared with.
const UNBOUNDED_CANDIDATES: i64 = 200;

/// The facts the resolver reads from a mention (the writer knows no focus country).
pub fn facts_of(m: &EventMention) -> Facts {
    Facts::of(m, None)
}

/// Resolves a batch's mentions in a transaction of its own, committed before the batch is
/// written, and gives each mention its event's id. A batch retried after this commit finds
/// its reports linked and gets the same ids; so does a replay. `facts` holds each mention's
/// facts by mention id (taken when the message was decoded); mentions without are left as
/// they are.
pub async fn resolve_rows(
    pool: &sqlx::PgPool,
    facts: &HashMap<String, Facts>,
    mentions: &mut BTreeMap<String, (usize, MentionRow)>,
) -> Result<Resolved, sqlx::Error> {
    let rows: Vec<&mut MentionRow> = mentions
        .values_mut()
        .map(|(_, m)| m)
        .filter(|m| facts.contains_key(&m.mention_id))
        .collect();
    if rows.is_empty() {
        return Ok(Resolved::default());
    }
    let (reports, of) = reports_of(
        rows.iter()
            .map(|m| (m.article_id.as_str(), m.event_id.as_str(), facts[&m.mention_id].clone())),
    );
    let mut tx = pool.begin().await?;
    let (ids, stats) = resolve(&mut tx, &reports).await?;
    tx.commit().await?;
    for (m, i) in rows.into_iter().zip(of) {
        m.event_id.clone_from(&ids[i]);
    }
    Ok(stats)
}

fn reality_name(r: Reality) -> &'static str {
    match r {
        Reality::Real => "real",
        Reality::Negated => "negated",
        Reality::Hypothetical => "hypothetical",
    }
}

/// A stable number for a type (its lock key).
fn type_lock(event_type: &str) -> i32 {
    event_type
        .bytes()
        .fold(17i32, |h, b| h.wrapping_mul(31).wrapping_add(i32::from(b)))
}

/// What resolution did to a batch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    /// Reports already linked before this batch.
    pub known: usize,
    /// Reports that joined an existing event.
    pub joined: usize,
    /// Reports that started an event.
    pub started: usize,
    /// Events found to be one with the event a report joined, and absorbed into it.
    pub merges: Vec<Merge>,
}

/// Resolves `reports` in the caller's transaction; returns the event id of each report, in
/// order, and what happened.
pub async fn resolve(conn: &mut PgConnection, reports: &[Report]) -> Result<(Vec<String>, Resolved), sqlx::Error> {
    let mut out = vec![String::new(); reports.len()];
    let mut stats = Resolved::default();
    if reports.is_empty() {
        return Ok((out, stats));
    }
    // Serialize resolution per type across writer processes (fixed order: no deadlock).
    let locks: BTreeSet<i32> = reports.iter().map(|r| type_lock(&r.facts.event_type)).collect();
    for key in locks {
        sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind(LOCK_CLASS)
            .bind(key)
            .execute(&mut *conn)
            .await?;
    }
    // Reports already linked keep their event.
    let articles: Vec<&str> = reports.iter().map(|r| r.article_id.as_str()).collect();
    let proposed: Vec<&str> = reports.iter().map(|r| r.proposed.as_str()).collect();
    let known: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT l.article_id, l.proposed_event_id, l.event_id
         FROM unnest($1::text[], $2::text[]) AS r (article_id, proposed_event_id)
         JOIN event_links l USING (article_id, proposed_event_id)",
    )
    .bind(&articles)
    .bind(&proposed)
    .fetch_all(&mut *conn)
    .await?;
    let known: HashMap<(String, String), String> = known.into_iter().map(|(a, p, e)| ((a, p), e)).collect();

    // Proposed ids that already name an event (of any kind), or once did: an absorbed id
    // leads to the event that absorbed it, so a new event may not take it (a later merge of
    // the two would make the alias point at itself).
    let stored_ids: std::collections::HashSet<String> = sqlx::query_scalar(
        "SELECT event_id FROM event_facts WHERE event_id = ANY ($1)
         UNION SELECT event_id FROM event_aliases WHERE event_id = ANY ($1)",
    )
    .bind(&proposed)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    // Candidates by (type, reality), read once for the batch's time range of that kind.
    let mut pool: HashMap<(String, Reality), Vec<(String, Facts)>> = HashMap::new();
    let mut loaded: BTreeSet<(String, Reality)> = BTreeSet::new();
    let mut changed: Vec<(String, Facts, bool)> = Vec::new(); // (event, facts, new)
    let mut links: Vec<(usize, Option<sahel_resolver::Choice>)> = Vec::new();
    // Events without a row in `events`: started in this batch, or by a batch still being
    // written. Stored mentions cannot move to them.
    let mut fresh: HashSet<String> = HashSet::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(e) = known.get(&(r.article_id.clone(), r.proposed.clone())) {
            out[i] = e.clone();
            stats.known += 1;
            continue;
        }
        let kind = (r.facts.event_type.clone(), r.facts.reality);
        if loaded.insert(kind.clone()) {
            let cands = candidates(conn, reports, &kind).await?;
            // An event without its row yet is kept only when no stored event is at hand.
            fresh.extend(cands.iter().filter(|c| !c.2).map(|c| c.0.clone()));
            pool.entry(kind.clone())
                .or_default()
                .extend(cands.into_iter().map(|(id, f, _)| (id, f)));
        }
        let events = pool.entry(kind.clone()).or_default();
        let choice = choose(&r.facts, events.iter().map(|(id, f)| (id.as_str(), f)));
        match choice {
            Some(c) => {
                let k = events
                    .iter()
                    .position(|(id, _)| *id == c.event_id)
                    .expect("the chosen event is a candidate");
                events[k].1.absorb(&r.facts);
                let (kept, merges) = absorb_bridged(events, k, &fresh);
                stats.merges.extend(merges);
                let e = events
                    .iter()
                    .find(|(id, _)| *id == kept)
                    .expect("the kept event stays a candidate");
                changed.push((e.0.clone(), e.1.clone(), false));
                out[i] = kept;
                stats.joined += 1;
                links.push((i, Some(c)));
            }
            None => {
                let taken = events.iter().any(|(id, _)| *id == r.proposed)
                    || stored_ids.contains(&r.proposed)
                    || stats.merges.iter().any(|m| m.absorbed == r.proposed);
                let id = if taken {
                    sahel_schemas::ids::event_id(&r.proposed, &r.article_id, "", "", "")
                } else {
                    r.proposed.clone()
                };
                events.push((id.clone(), r.facts.clone()));
                fresh.insert(id.clone());
                changed.push((id.clone(), r.facts.clone(), true));
                out[i] = id;
                stats.started += 1;
                links.push((i, None));
            }
        }
    }
    // A report linked earlier in the batch to an event absorbed since goes to the kept one.
    let target = aliases::final_targets(&stats.merges);
    for id in &mut out {
        if let Some(kept) = target.get(id.as_str()) {
            id.clone_from(kept);
        }
    }
    store_facts(conn, &changed).await?;
    store_links(conn, reports, &out, &links).await?;
    aliases::apply(conn, &stats.merges).await?;
    Ok((out, stats))
}

/// Absorbs into candidate `k` (just grown by a report) every other candidate it is now
/// compatible with, until none is left; the absorbed leave the candidates. Returns the event
/// kept and the merges. An event without its row in `events` (`fresh`: started in this batch,
/// or by a batch still being written) cannot take stored mentions: when it meets a stored
/// event, the stored one is kept and the fresh one absorbed (it has no mentions to move).
fn absorb_bridged(events: &mut Vec<(String, Facts)>, k: usize, fresh: &HashSet<String>) -> (String, Vec<Merge>) {
    let mut kept = events[k].0.clone();
    let mut merges = Vec::new();
    loop {
        let (id, facts) = events
            .iter()
            .find(|(id, _)| *id == kept)
            .expect("the kept event stays a candidate");
        let found = absorbable(id, facts, events.iter().map(|(id, f)| (id.as_str(), f)));
        if found.is_empty() {
            return (kept, merges);
        }
        for c in found {
            if !events.iter().any(|(id, _)| *id == c.event_id) {
                continue;
            }
            let (absorbed, into) = if fresh.contains(&kept) && !fresh.contains(&c.event_id) {
                (kept.clone(), c.event_id.clone())
            } else {
                (c.event_id.clone(), kept.clone())
            };
            let Some(from) = events.iter().position(|(id, _)| *id == absorbed) else {
                continue;
            };
            let (_, other) = events.remove(from);
            if let Some(e) = events.iter_mut().find(|(id, _)| *id == into) {
                e.1.absorb(&other);
            }
            merges.push(Merge {
                absorbed,
                kept: into.clone(),
                why: c,
            });
            kept = into;
        }
    }
}

/// The resolved events of one kind whose time can overlap any of the batch's reports of that
/// kind (all the kind's recent events, bounded, when a report has no time bound), each with
/// whether it has its row in `events` (not yet, when the batch that started it is still being
/// written).
async fn candidates(
    conn: &mut PgConnection,
    reports: &[Report],
    kind: &(String, Reality),
) -> Result<Vec<(String, Facts, bool)>, sqlx::Error> {
    let spans: Vec<_> = reports
        .iter()
        .filter(|r| r.facts.event_type == kind.0 && r.facts.reality == kind.1)
        .map(|r| r.facts.when())
        .collect();
    let bounded = spans.iter().all(Option::is_some);
    let lo = spans.iter().flatten().map(|s| s.start).min();
    let hi = spans.iter().flatten().map(|s| s.end).max();
    let rows: Vec<(String, serde_json::Value, bool)> = if bounded {
        sqlx::query_as(
            "SELECT f.event_id, f.facts, EXISTS (SELECT 1 FROM events e WHERE e.event_id = f.event_id)
             FROM event_facts f
             WHERE f.event_type = $1 AND f.reality = $2
               AND (f.hi IS NULL OR f.hi >= $3::date - 1) AND (f.lo IS NULL OR f.lo <= $4::date + 1)",
        )
        .bind(&kind.0)
        .bind(reality_name(kind.1))
        .bind(lo)
        .bind(hi)
        .fetch_all(&mut *conn)
        .await?
    } else {
        sqlx::query_as(
            "SELECT f.event_id, f.facts, EXISTS (SELECT 1 FROM events e WHERE e.event_id = f.event_id)
             FROM event_facts f WHERE f.event_type = $1 AND f.reality = $2
             ORDER BY f.updated_at DESC LIMIT $3",
        )
        .bind(&kind.0)
        .bind(reality_name(kind.1))
        .bind(UNBOUNDED_CANDIDATES)
        .fetch_all(&mut *conn)
        .await?
    };
    Ok(rows
        .into_iter()
        .filter_map(|(id, v, row)| serde_json::from_value(v).ok().map(|f| (id, f, row)))
        .collect())
}

async fn store_facts(conn: &mut PgConnection, changed: &[(String, Facts, bool)]) -> Result<(), sqlx::Error> {
    // The last state of each event wins (an event can change several times in a batch).
    let mut last: BTreeMap<&str, (&Facts, i32)> = BTreeMap::new();
    for (id, f, new) in changed {
        let e = last.entry(id.as_str()).or_insert((f, 0));
        e.0 = f;
        e.1 += i32::from(!*new);
    }
    if last.is_empty() {
        return Ok(());
    }
    let mut ids = Vec::with_capacity(last.len());
    let (mut types, mut realities, mut los, mut his, mut facts, mut joins) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, (f, joined)) in last {
        let when = f.when();
        ids.push(id);
        types.push(f.event_type.as_str());
        realities.push(reality_name(f.reality));
        los.push(when.map(|s| s.start));
        his.push(when.map(|s| s.end));
        facts.push(serde_json::to_value(f).unwrap_or_default());
        joins.push(joined);
    }
    sqlx::query(
        "INSERT INTO event_facts (event_id, event_type, reality, lo, hi, facts)
         SELECT id, t, r, lo, hi, f
         FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::jsonb[], $7::int[])
              AS x (id, t, r, lo, hi, f, joined)
         ON CONFLICT (event_id) DO UPDATE SET lo = EXCLUDED.lo, hi = EXCLUDED.hi, facts = EXCLUDED.facts,
             reports = event_facts.reports
                       + (SELECT x.joined FROM unnest($1::text[], $7::int[]) AS x (id, joined)
                          WHERE x.id = EXCLUDED.event_id),
             updated_at = now()",
    )
    .bind(&ids)
    .bind(&types)
    .bind(&realities)
    .bind(&los)
    .bind(&his)
    .bind(&facts)
    .bind(&joins)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn store_links(
    conn: &mut PgConnection,
    reports: &[Report],
    ids: &[String],
    links: &[(usize, Option<sahel_resolver::Choice>)],
) -> Result<(), sqlx::Error> {
    if links.is_empty() {
        return Ok(());
    }
    let mut articles = Vec::with_capacity(links.len());
    let (mut proposed, mut events, mut scores, mut agreed) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, choice) in links {
        articles.push(reports[*i].article_id.as_str());
        proposed.push(reports[*i].proposed.as_str());
        events.push(ids[*i].as_str());
        scores.push(choice.as_ref().map(|c| c.score));
        agreed.push(
            choice
                .as_ref()
                .and_then(|c| serde_json::to_value(&c.agreed).ok())
                .unwrap_or_else(|| serde_json::json!([])),
        );
    }
    sqlx::query(
        "INSERT INTO event_links (article_id, proposed_event_id, event_id, score, agreed)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::jsonb[])
         ON CONFLICT (article_id, proposed_event_id) DO NOTHING",
    )
    .bind(&articles)
    .bind(&proposed)
    .bind(&events)
    .bind(&scores)
    .bind(&agreed)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
