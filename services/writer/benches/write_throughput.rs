//! Writer throughput: event mentions per second into PostgreSQL, through the writer's own
//! handler path (decode the messages of a batch, then one transaction: extraction state,
//! actors, places, events, mentions, event refresh), with the next batch decoded while
//! batches are written and up to `--in-flight` batches (default 2, the service's
//! `--batches-in-flight`) written at once on their own connections, as the service's consumer
//! loop does.
//!
//! ```sh
//! cargo bench -p sahel-writer --bench write_throughput                 # throwaway local cluster
//! DATABASE_URL=postgres://user@host/db cargo bench -p sahel-writer --bench write_throughput
//! cargo bench -p sahel-writer --bench write_throughput -- --mentions 200000 --batch 500
//! cargo bench -p sahel-writer --bench write_throughput -- --spread   # mentions join stored events
//! cargo bench -p sahel-writer --bench write_throughput -- --in-flight 1  # one transaction at a time
//! ```
//!
//! Without `DATABASE_URL` it starts a throwaway cluster with the test harness (initdb/pg_ctl,
//! `fsync=off`, `synchronous_commit=off`); with it, it creates a fresh database on that server
//! (the URL's user must be allowed to) and leaves the server's settings alone. It prints the
//! server's durability settings with the figures, so they are never read without them.

use std::sync::Arc;
use std::time::Instant;

use futures::stream::{FuturesOrdered, StreamExt as _};
use sahel_runtime::pipeline::Incoming;
use sahel_writer::rows::Batch;
use sahel_writer::store::InFlight;
use serde_json::json;

struct Args {
    mentions: usize,
    batch: usize,
    /// Batches written at once (the service's `--batches-in-flight`).
    in_flight: usize,
    /// Spread each event's mentions over the stream (event = mention mod events) instead of
    /// three in a row, so most mentions join an event stored by an earlier batch.
    spread: bool,
}

fn args() -> Args {
    let mut a = Args {
        mentions: 100_000,
        batch: 1000,
        in_flight: 2,
        spread: false,
    };
    let argv: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < argv.len() {
        let value = argv.get(i + 1).and_then(|v| v.parse().ok());
        if argv[i] == "--spread" {
            a.spread = true;
            i += 1;
            continue;
        }
        match (argv[i].as_str(), value) {
            ("--mentions", Some(v)) => a.mentions = v,
            ("--batch", Some(v)) => a.batch = v,
            ("--in-flight", Some(v)) => a.in_flight = v,
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    a.batch = a.batch.max(1);
    a.in_flight = a.in_flight.max(1);
    a
}

const ACTORS: &[(&str, Option<&str>, &str)] = &[
    ("Abdourahamane Tiani", Some("NER"), "military"),
    ("Niger", Some("NER"), "government"),
    ("Mali", Some("MLI"), "government"),
    ("Burkina Faso", Some("BFA"), "government"),
    ("France", Some("FRA"), "government"),
    ("Russia", Some("RUS"), "government"),
    ("ECOWAS", Some("ECOWAS"), "government"),
    ("Protesters", None, "civilians"),
    ("JNIM", None, "rebels"),
    ("United States military", Some("USA"), "military"),
];
const PLACES: &[(&str, &str, f64, f64, &str)] = &[
    ("Niamey", "NER", 13.5137, 2.1098, "city"),
    ("Bamako", "MLI", 12.6392, -8.0029, "city"),
    ("Ouagadougou", "BFA", 12.3714, -1.5197, "city"),
    ("Agadez", "NER", 16.9733, 7.9911, "city"),
    ("Gao", "MLI", 16.2666, -0.0400, "city"),
    ("Niger", "NER", 17.61, 8.08, "country"),
];
const TYPES: &[(&str, &str, u8)] = &[
    ("PROTEST", "14", 3),
    ("ASSAULT", "19", 4),
    ("CONSULT", "04", 1),
    ("COOPERATE", "06", 2),
    ("DISAPPROVE", "11", 3),
];

/// `n` mentions: about three per event and four per article, with a few actors and places, as
/// messages on the events topic. `spread`: an event's mentions are `n / 3` apart.
fn messages(n: usize, spread: bool) -> Vec<Incoming> {
    let events = n.div_ceil(3).max(1);
    let quote = "Several thousand people gathered in the capital on Saturday to support the junta.";
    let qlen = quote.chars().count() as u32;
    (0..n)
        .map(|i| {
            let event = if spread { i % events } else { i / 3 };
            let article = i / 4;
            let (ty, cameo, quad) = TYPES[event % TYPES.len()];
            let a1 = ACTORS[event % ACTORS.len()];
            let a2 = ACTORS[(event / 3 + 1) % ACTORS.len()];
            let p = PLACES[event % PLACES.len()];
            let art = format!("art_{article:032x}");
            let evt = format!("evt_{event:032x}");
            let sentence = (i % 4) as u32;
            let start = sentence * 200;
            let id = sahel_schemas::ids::mention_id(&art, sentence, start, ty);
            let payload = json!({
                "schema": {"name": "events.extracted", "version": 1},
                "id": id,
                "produced_at": "2024-03-17T08:00:00Z",
                "producer": {"service": "extractor", "version": "0.1.0"},
                "event_id": evt,
                "article_id": art,
                "event_type": ty,
                "event_mode": null,
                "cameo_root": cameo,
                "quad_class": quad,
                "actor1": {"text": a1.0.to_lowercase(), "name": a1.0, "country": a1.1, "sector": a1.2},
                "actor2": {"text": a2.0.to_lowercase(), "name": a2.0, "country": a2.1, "sector": a2.2},
                "date": {"start": "2024-03-16", "end": "2024-03-16", "precision": "day", "resolution": "stated"},
                "place": {"name": p.0, "country": p.1, "admin1": null, "latitude": p.2, "longitude": p.3,
                          "gazetteer_id": format!("sahel:{}", p.0.to_lowercase()), "precision": p.4},
                "evidence": {"article_id": art, "sentence_index": sentence, "char_start": start,
                             "char_end": start + qlen, "quote": quote, "language": "en"},
                "modality": if i % 5 == 0 { "reported" } else { "asserted" },
                "confidence": 0.5 + (i % 50) as f64 / 100.0,
                "extractor_version": "0.1.0+lexicon.bench"
            });
            Incoming {
                topic: "events.extracted".into(),
                partition: (event % 3) as i32,
                offset: i as i64,
                key: Some(evt.into_bytes()),
                payload: serde_json::to_vec(&payload).ok(),
                headers: Vec::new(),
            }
        })
        .collect()
}

/// CPU seconds (user + system) used so far by process `pid`, when /proc can tell.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

struct Pass {
    wall: f64,
    /// CPU seconds of the PostgreSQL backends and of this process, when measurable.
    cpu: Option<(f64, f64)>,
    written: u64,
}

/// Decodes batch `range` of `msgs` as the service does, message by message.
fn decode(msgs: &[Incoming], range: std::ops::Range<usize>) -> anyhow::Result<Batch> {
    let (b, rejected) = Batch::from_messages(&msgs[range], "articles.clean", "events.extracted");
    anyhow::ensure!(rejected.is_empty(), "rejected: {rejected:?}");
    Ok(b)
}

/// Transactions retried after an error PostgreSQL says a retry may pass (a deadlock).
static RETRIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Writes batch `b` as the service's handler does ([`InFlight`]: rows shared with a batch
/// started earlier and still in flight are written last; a retriable error is retried, at
/// once here), then frees it on a blocking thread, as the service's loop does.
async fn write(pool: &sqlx::PgPool, in_flight: &InFlight, b: Batch) -> anyhow::Result<u64> {
    let w = loop {
        match sahel_writer::store::write_batch(pool, in_flight, &b).await {
            Ok(w) => break w,
            Err(e)
                if sahel_runtime::db::is_retriable(e.database())
                    && RETRIES.load(std::sync::atomic::Ordering::Relaxed) < 100 =>
            {
                RETRIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(e) => return Err(e.into()),
        }
    };
    tokio::task::spawn_blocking(move || drop(b));
    Ok(w.mentions)
}

/// Writes `msgs` in batches as the service's loop does: the next batch is decoded while
/// batches are written (on another thread here, between the transactions' round trips in the
/// service), and a batch starts once decoded and fewer than `in_flight` are being written.
async fn pass(
    pool: &sqlx::PgPool,
    backends: &[u32],
    msgs: &Arc<Vec<Incoming>>,
    batch: usize,
    in_flight: usize,
) -> anyhow::Result<Pass> {
    let cpu = || {
        if backends.is_empty() {
            return None;
        }
        let db = backends.iter().map(|p| cpu_seconds(*p)).sum::<Option<f64>>()?;
        Some((db, cpu_seconds(std::process::id())?))
    };
    let (cpu0, started) = (cpu(), Instant::now());
    let mut written = 0;
    let ranges: Vec<std::ops::Range<usize>> = (0..msgs.len())
        .step_by(batch)
        .map(|s| s..(s + batch).min(msgs.len()))
        .collect();
    let registry = InFlight::default();
    let mut writing = FuturesOrdered::new();
    let mut current = ranges.first().map(|r| decode(msgs, r.clone())).transpose()?;
    for next in ranges.iter().skip(1).map(Some).chain([None]) {
        let ahead = next.map(|r| {
            let (msgs, r) = (Arc::clone(msgs), r.clone());
            tokio::task::spawn_blocking(move || decode(&msgs, r))
        });
        if let Some(b) = current.take() {
            while writing.len() >= in_flight {
                if let Some(n) = writing.next().await {
                    written += n?;
                }
            }
            writing.push_back(write(pool, &registry, b));
        }
        if let Some(h) = ahead {
            // Batches in flight progress while the next one is decoded.
            let mut h = std::pin::pin!(h);
            current = loop {
                tokio::select! {
                    biased;
                    Some(n) = writing.next(), if !writing.is_empty() => written += n?,
                    decoded = &mut h => break Some(decoded??),
                }
            };
        }
    }
    while let Some(n) = writing.next().await {
        written += n?;
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = match (cpu0, cpu()) {
        (Some((b0, c0)), Some((b1, c1))) => Some((b1 - b0, c1 - c0)),
        _ => None,
    };
    Ok(Pass { wall, cpu, written })
}

fn report(what: &str, n: usize, p: &Pass) {
    let rate = n as f64 / p.wall;
    let retries = RETRIES.swap(0, std::sync::atomic::Ordering::Relaxed);
    if retries > 0 {
        println!("{what}: {retries} transaction(s) retried (deadlock detected, as the service retries them)");
    }
    match p.cpu {
        Some((db, client)) => println!(
            "{what}: {:.2} s wall, {rate:.0} mentions/s; CPU: PostgreSQL backends {db:.2} s ({:.0} mentions per backend CPU-second), writer {client:.2} s",
            p.wall,
            n as f64 / db.max(0.01),
        ),
        None => println!("{what}: {:.2} s wall, {rate:.0} mentions/s", p.wall),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args();
    let _cluster;
    let admin = match std::env::var("DATABASE_URL") {
        Ok(url) => url,
        Err(_) => {
            let pg = sahel_e2e::Postgres::start()?;
            let url = pg.admin_url.clone();
            _cluster = pg;
            url
        }
    };
    let db = sahel_e2e::unique("bench_");
    {
        use sqlx::Connection as _;
        let mut c = sqlx::PgConnection::connect(&admin).await?;
        sqlx::query(&format!("CREATE DATABASE \"{db}\""))
            .execute(&mut c)
            .await?;
    }
    let url = match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{db}"),
        None => anyhow::bail!("DATABASE_URL has no database name"),
    };
    // One connection per batch in flight, like the writer; kept open, so that their backends'
    // CPU time can be read.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(args.in_flight as u32)
        .min_connections(args.in_flight as u32)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect(&url)
        .await?;
    sahel_runtime::db::migrate(&pool).await?;
    let settings: Vec<(String, String)> = sqlx::query_as(
        "SELECT name::text, setting::text FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version') ORDER BY name",
    )
    .fetch_all(&pool)
    .await?;
    let msgs = Arc::new(messages(args.mentions, args.spread));
    println!(
        "writer benchmark: {} mentions in batches of {}, {} in flight{} (about {} events, {} articles); PostgreSQL {:?}",
        args.mentions,
        args.batch,
        args.in_flight,
        if args.spread {
            ", each event's mentions spread over the stream"
        } else {
            ""
        },
        args.mentions / 3,
        args.mentions / 4,
        settings
    );
    // The backends' CPU time is readable when the server runs on this machine.
    let mut conns = Vec::new();
    for _ in 0..args.in_flight {
        conns.push(pool.acquire().await?);
    }
    let mut backends = Vec::new();
    for c in &mut conns {
        let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
            .fetch_one(&mut **c)
            .await?;
        backends.extend(u32::try_from(pid).ok().filter(|p| cpu_seconds(*p).is_some()));
    }
    drop(conns);
    if backends.len() < args.in_flight {
        backends.clear();
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average before: {}",
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    let first = pass(&pool, &backends, &msgs, args.batch, args.in_flight).await?;
    anyhow::ensure!(
        first.written as usize == args.mentions,
        "wrote {} of {} mentions",
        first.written,
        args.mentions
    );
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events_export")
        .fetch_one(&pool)
        .await?;
    anyhow::ensure!(events as usize == args.mentions.div_ceil(3), "{events} events");
    report(&format!("first write ({events} events)"), args.mentions, &first);
    let replay = pass(&pool, &backends, &msgs, args.batch, args.in_flight).await?;
    anyhow::ensure!(replay.written == 0, "a replay wrote {} mentions", replay.written);
    report("replay (no row changes)", args.mentions, &replay);
    Ok(())
}
