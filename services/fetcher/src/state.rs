//! Crawl state: what was fetched, with which validators, when each source and URL is due,
//! how often each failed, and which feed or sitemap items were already seen.
//!
//! Durable in PostgreSQL (tables `crawl_sources`, `crawl_urls`, `crawl_seen_items` from
//! `schemas/migrations/0002_crawl_state.sql`, owned by the fetcher), or kept in memory when
//! no database is configured (one-shot runs over files, tests).
//!
//! Queries are built at run time (no compile-time checked macros: there is no database when
//! the workspace is built).
//!
//! Ordering rule: state is recorded only after the documents a fetch produced are confirmed
//! by the broker. A crash in between fetches again and re-emits the same document ids, which
//! the pipeline absorbs (at least once, idempotent).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use sqlx::{PgPool, Row as _};

/// What is known about one URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlState {
    /// `ETag` of the last 200.
    pub etag: Option<String>,
    /// `Last-Modified` of the last 200.
    pub last_modified: Option<String>,
    /// SHA-256 of the last body (to tell "200 but unchanged").
    pub content_sha256: Option<String>,
    /// Last successful fetch.
    pub fetched_at: Option<DateTime<Utc>>,
    /// Not to be fetched before this time (set after failures and Retry-After).
    pub next_due_at: Option<DateTime<Utc>>,
    /// Consecutive failures.
    pub failure_count: i32,
}

/// A successful fetch to record.
#[derive(Debug, Clone)]
pub struct UrlSuccess<'a> {
    /// The URL requested.
    pub url: &'a str,
    /// Source name.
    pub source: &'a str,
    /// The URL after redirects.
    pub final_url: &'a str,
    /// Status (200 or 304).
    pub status: u16,
    /// `ETag`.
    pub etag: Option<&'a str>,
    /// `Last-Modified`.
    pub last_modified: Option<&'a str>,
    /// SHA-256 of the body (kept from before on a 304).
    pub content_sha256: Option<&'a str>,
    /// The document emitted, if any.
    pub document_id: Option<&'a str>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A failed fetch to record.
#[derive(Debug, Clone)]
pub struct UrlFailure<'a> {
    /// The URL requested.
    pub url: &'a str,
    /// Source name.
    pub source: &'a str,
    /// Class (fixed set).
    pub class: &'a str,
    /// Details.
    pub detail: &'a str,
    /// Not before this time again.
    pub next_due_at: DateTime<Utc>,
}

/// A source's run, to record.
#[derive(Debug, Clone)]
pub struct SourceRun<'a> {
    /// Source name.
    pub name: &'a str,
    /// Kind (for operators).
    pub kind: &'a str,
    /// When the run ended.
    pub at: DateTime<Utc>,
    /// When it is due again.
    pub next_due_at: DateTime<Utc>,
    /// Whether the run failed as a whole (its feed or sitemap could not be read).
    pub failed: bool,
    /// The run's summary, as JSON.
    pub summary: serde_json::Value,
}

#[derive(Debug, Default)]
/// The in-memory state.
pub struct MemoryState {
    urls: HashMap<String, UrlState>,
    seen: HashSet<(String, String)>,
    sources: HashMap<String, (DateTime<Utc>, i32)>,
}

/// The crawl state.
#[derive(Debug, Clone)]
pub enum Store {
    /// Kept in memory for the life of the process.
    Memory(Arc<Mutex<MemoryState>>),
    /// Kept in PostgreSQL, with the feed items known to be seen remembered in memory.
    Postgres(PgPool, Arc<SeenCache>),
}

/// Feed and sitemap items known to be seen, per source: a list is polled again and again and
/// mostly repeats what it listed before, so only the items not known here are looked up in
/// PostgreSQL. Seen is for good (nothing un-sees an item), so a remembered key never goes
/// stale; the oldest are forgotten past [`SeenCache::PER_SOURCE`] keys per source and are
/// looked up again if listed again.
#[derive(Debug, Default)]
pub struct SeenCache {
    sources: Mutex<HashMap<String, SeenKeys>>,
}

#[derive(Debug, Default)]
struct SeenKeys {
    keys: HashSet<String>,
    order: std::collections::VecDeque<String>,
}

impl SeenCache {
    /// Keys remembered per source (a feed of 500 items polled every second needs 500).
    pub const PER_SOURCE: usize = 5000;

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, SeenKeys>> {
        self.sources.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The keys among `keys` not known to be seen, in the given order.
    fn unknown(&self, source: &str, keys: &[String]) -> Vec<String> {
        let g = self.lock();
        match g.get(source) {
            Some(s) => keys.iter().filter(|k| !s.keys.contains(*k)).cloned().collect(),
            None => keys.to_vec(),
        }
    }

    fn remember<'a>(&self, source: &str, keys: impl IntoIterator<Item = &'a str>) {
        let mut g = self.lock();
        let s = g.entry(source.to_owned()).or_default();
        for k in keys {
            if s.keys.insert(k.to_owned()) {
                s.order.push_back(k.to_owned());
            }
        }
        while s.order.len() > Self::PER_SOURCE {
            if let Some(old) = s.order.pop_front() {
                s.keys.remove(&old);
            }
        }
    }
}

impl Store {
    /// An empty in-memory store.
    pub fn memory() -> Self {
        Store::Memory(Arc::default())
    }

    /// A store in PostgreSQL (migrated already).
    pub fn postgres(pool: PgPool) -> Self {
        Store::Postgres(pool, Arc::default())
    }

    /// Whether the state survives a restart.
    pub fn is_durable(&self) -> bool {
        matches!(self, Store::Postgres(..))
    }

    fn mem(m: &Arc<Mutex<MemoryState>>) -> std::sync::MutexGuard<'_, MemoryState> {
        m.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// What is known about a URL.
    pub async fn url_state(&self, url: &str) -> anyhow::Result<Option<UrlState>> {
        match self {
            Store::Memory(m) => Ok(Self::mem(m).urls.get(url).cloned()),
            Store::Postgres(pool, _) => {
                let row = sqlx::query(
                    "SELECT etag, last_modified, content_sha256, fetched_at, next_due_at, failure_count
                     FROM crawl_urls WHERE url = $1",
                )
                .bind(url)
                .fetch_optional(pool)
                .await
                .context("reading crawl_urls")?;
                Ok(row.map(|r| UrlState {
                    etag: r.get("etag"),
                    last_modified: r.get("last_modified"),
                    content_sha256: r.get("content_sha256"),
                    fetched_at: r.get("fetched_at"),
                    next_due_at: r.get("next_due_at"),
                    failure_count: r.get("failure_count"),
                }))
            }
        }
    }

    /// Records a 200 or 304: validators, body hash, time; the failure count is reset.
    pub async fn record_success(&self, s: &UrlSuccess<'_>) -> anyhow::Result<()> {
        match self {
            Store::Memory(m) => {
                let mut g = Self::mem(m);
                let e = g.urls.entry(s.url.to_owned()).or_default();
                e.etag = s.etag.map(str::to_owned);
                e.last_modified = s.last_modified.map(str::to_owned);
                if let Some(sha) = s.content_sha256 {
                    e.content_sha256 = Some(sha.to_owned());
                }
                e.fetched_at = Some(s.at);
                e.next_due_at = None;
                e.failure_count = 0;
                Ok(())
            }
            Store::Postgres(pool, _) => {
                sqlx::query(
                    "INSERT INTO crawl_urls (url, source_name, final_url, http_status, etag, last_modified,
                                             content_sha256, document_id, fetched_at, next_due_at,
                                             failure_count, last_error_class, last_error, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, 0, NULL, NULL, now())
                     ON CONFLICT (url) DO UPDATE SET
                         source_name = EXCLUDED.source_name,
                         final_url = EXCLUDED.final_url,
                         http_status = EXCLUDED.http_status,
                         etag = EXCLUDED.etag,
                         last_modified = EXCLUDED.last_modified,
                         content_sha256 = coalesce(EXCLUDED.content_sha256, crawl_urls.content_sha256),
                         document_id = coalesce(EXCLUDED.document_id, crawl_urls.document_id),
                         fetched_at = EXCLUDED.fetched_at,
                         next_due_at = NULL,
                         failure_count = 0,
                         last_error_class = NULL,
                         last_error = NULL,
                         updated_at = now()",
                )
                .bind(s.url)
                .bind(s.source)
                .bind(s.final_url)
                .bind(i16::try_from(s.status).unwrap_or(i16::MAX))
                .bind(s.etag)
                .bind(s.last_modified)
                .bind(s.content_sha256)
                .bind(s.document_id)
                .bind(s.at)
                .execute(pool)
                .await
                .context("writing crawl_urls")?;
                Ok(())
            }
        }
    }

    /// Records a failure: the count goes up and the URL waits until `next_due_at`.
    /// Returns the new failure count.
    pub async fn record_failure(&self, f: &UrlFailure<'_>) -> anyhow::Result<i32> {
        match self {
            Store::Memory(m) => {
                let mut g = Self::mem(m);
                let e = g.urls.entry(f.url.to_owned()).or_default();
                e.failure_count += 1;
                e.next_due_at = Some(f.next_due_at);
                Ok(e.failure_count)
            }
            Store::Postgres(pool, _) => {
                let n: i32 = sqlx::query_scalar(
                    "INSERT INTO crawl_urls (url, source_name, failure_count, next_due_at, last_error_class,
                                             last_error, updated_at)
                     VALUES ($1, $2, 1, $3, $4, $5, now())
                     ON CONFLICT (url) DO UPDATE SET
                         failure_count = crawl_urls.failure_count + 1,
                         next_due_at = EXCLUDED.next_due_at,
                         last_error_class = EXCLUDED.last_error_class,
                         last_error = EXCLUDED.last_error,
                         updated_at = now()
                     RETURNING failure_count",
                )
                .bind(f.url)
                .bind(f.source)
                .bind(f.next_due_at)
                .bind(f.class)
                .bind(f.detail)
                .fetch_one(pool)
                .await
                .context("writing crawl_urls")?;
                Ok(n)
            }
        }
    }

    /// The keys among `keys` not yet seen for `source`, in the given order.
    pub async fn unseen(&self, source: &str, keys: &[String]) -> anyhow::Result<Vec<String>> {
        match self {
            Store::Memory(m) => {
                let g = Self::mem(m);
                Ok(keys
                    .iter()
                    .filter(|k| !g.seen.contains(&(source.to_owned(), (*k).clone())))
                    .cloned()
                    .collect())
            }
            Store::Postgres(pool, cache) => {
                let unknown = cache.unknown(source, keys);
                if unknown.is_empty() {
                    return Ok(unknown);
                }
                let seen: Vec<String> = sqlx::query_scalar(
                    "SELECT item_key FROM crawl_seen_items WHERE source_name = $1 AND item_key = ANY($2)",
                )
                .bind(source)
                .bind(&unknown)
                .fetch_all(pool)
                .await
                .context("reading crawl_seen_items")?;
                cache.remember(source, seen.iter().map(String::as_str));
                let seen: HashSet<String> = seen.into_iter().collect();
                Ok(unknown.into_iter().filter(|k| !seen.contains(k)).collect())
            }
        }
    }

    /// Marks an item seen (after its document was delivered, or it was given up for good).
    pub async fn mark_seen(&self, source: &str, key: &str, url: Option<&str>, outcome: &str) -> anyhow::Result<()> {
        match self {
            Store::Memory(m) => {
                Self::mem(m).seen.insert((source.to_owned(), key.to_owned()));
                Ok(())
            }
            Store::Postgres(pool, cache) => {
                sqlx::query(
                    "INSERT INTO crawl_seen_items (source_name, item_key, url, outcome)
                     VALUES ($1, $2, $3, $4) ON CONFLICT (source_name, item_key) DO NOTHING",
                )
                .bind(source)
                .bind(key)
                .bind(url)
                .bind(outcome)
                .execute(pool)
                .await
                .context("writing crawl_seen_items")?;
                cache.remember(source, [key]);
                Ok(())
            }
        }
    }

    /// When a source is due (`None`: never run, so due now).
    pub async fn source_due(&self, name: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
        match self {
            Store::Memory(m) => Ok(Self::mem(m).sources.get(name).map(|(d, _)| *d)),
            Store::Postgres(pool, _) => {
                let due: Option<Option<DateTime<Utc>>> =
                    sqlx::query_scalar("SELECT next_due_at FROM crawl_sources WHERE name = $1")
                        .bind(name)
                        .fetch_optional(pool)
                        .await
                        .context("reading crawl_sources")?;
                Ok(due.flatten())
            }
        }
    }

    /// Records a source's run and when it is due next; returns its consecutive failures.
    pub async fn record_source_run(&self, r: &SourceRun<'_>) -> anyhow::Result<i32> {
        match self {
            Store::Memory(m) => {
                let mut g = Self::mem(m);
                let e = g.sources.entry(r.name.to_owned()).or_insert((r.next_due_at, 0));
                e.0 = r.next_due_at;
                e.1 = if r.failed { e.1 + 1 } else { 0 };
                Ok(e.1)
            }
            Store::Postgres(pool, _) => {
                let n: i32 = sqlx::query_scalar(
                    "INSERT INTO crawl_sources (name, kind, last_run_at, next_due_at, consecutive_failures,
                                                last_summary, updated_at)
                     VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN 1 ELSE 0 END, $6, now())
                     ON CONFLICT (name) DO UPDATE SET
                         kind = EXCLUDED.kind,
                         last_run_at = EXCLUDED.last_run_at,
                         next_due_at = EXCLUDED.next_due_at,
                         consecutive_failures = CASE WHEN $5 THEN crawl_sources.consecutive_failures + 1 ELSE 0 END,
                         last_summary = EXCLUDED.last_summary,
                         updated_at = now()
                     RETURNING consecutive_failures",
                )
                .bind(r.name)
                .bind(r.kind)
                .bind(r.at)
                .bind(r.next_due_at)
                .bind(r.failed)
                .bind(&r.summary)
                .fetch_one(pool)
                .await
                .context("writing crawl_sources")?;
                Ok(n)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &[&str]) -> Vec<String> {
        v.iter().map(|k| (*k).to_owned()).collect()
    }

    #[test]
    fn the_seen_cache_remembers_per_source_and_forgets_the_oldest_past_its_bound() {
        let c = SeenCache::default();
        c.remember("a", ["k1", "k2"]);
        assert_eq!(c.unknown("a", &keys(&["k1", "k3", "k2"])), keys(&["k3"]));
        assert_eq!(
            c.unknown("b", &keys(&["k1"])),
            keys(&["k1"]),
            "another source knows nothing"
        );
        let many: Vec<String> = (0..SeenCache::PER_SOURCE).map(|i| format!("x{i}")).collect();
        c.remember("a", many.iter().map(String::as_str));
        // k1 and k2 were the oldest: forgotten, so looked up again; the rest is remembered.
        assert_eq!(c.unknown("a", &keys(&["k1", "k2", "x0"])), keys(&["k1", "k2"]));
        let last = format!("x{}", SeenCache::PER_SOURCE - 1);
        assert!(c.unknown("a", &[last]).is_empty());
    }
}
