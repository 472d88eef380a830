//! The crawl state in a real PostgreSQL survives a restart, and the service (`run`, as the
//! binary runs it) fetches a feed and files into a real Kafka-protocol broker (Tansu), with
//! schedules and conditional GET across runs. Both use the harness of `tests/` (crate
//! `sahel-e2e`): a throwaway PostgreSQL cluster and a Tansu broker on free ports.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use clap::Parser as _;
use common::*;
use rdkafka::consumer::{Consumer as _, StreamConsumer};
use rdkafka::{ClientConfig, Message as _};
use sahel_e2e::{unique, Broker, Postgres};
use sahel_fetcher::fetch::FetchSettings;
use sahel_fetcher::state::Store;
use sahel_runtime::config::DatabaseArgs;
use sahel_schemas::raw::RawArticle;

type Items = Arc<Mutex<Vec<(String, String, String)>>>;

/// A news site: `/feed.xml` (RSS with an ETag that changes with the items, 304 when it
/// matches), `/a/{n}` articles, and `/broken` (always 500).
async fn news_site(items: Items) -> Server {
    let router = Router::new()
        .route(
            "/feed.xml",
            get(move |h: HeaderMap| {
                let items = items.clone();
                async move {
                    let items = items.lock().expect("items").clone();
                    let etag = format!("\"v{}\"", items.len());
                    if h.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
                        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
                    }
                    (
                        [
                            (header::CONTENT_TYPE, "application/rss+xml".to_owned()),
                            (header::ETAG, etag),
                        ],
                        rss(&items),
                    )
                        .into_response()
                }
            }),
        )
        .route(
            "/a/{n}",
            get(|Path(n): Path<u32>| async move {
                (
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    article(&format!("Article {n}")),
                )
            }),
        )
        .route("/broken", get(|| async { StatusCode::INTERNAL_SERVER_ERROR }));
    serve(router).await
}

fn items(n: u32) -> Items {
    Arc::new(Mutex::new(
        (1..=n)
            .map(|i| (format!("g{i}"), format!("/a/{i}"), format!("Title {i}")))
            .collect(),
    ))
}

async fn pool(url: &str) -> anyhow::Result<sqlx::PgPool> {
    let args = DatabaseArgs {
        database_url: url.to_owned(),
        database_max_connections: 2,
    };
    let pool = sahel_runtime::db::connect(&args, &sahel_runtime::CancellationToken::new()).await?;
    sahel_runtime::db::migrate(&pool).await?;
    Ok(pool)
}

#[tokio::test]
async fn the_crawl_state_survives_a_restart() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let db = pg.fresh_database(&unique("fetch_state_")).await?;
    let list = items(2);
    let site = news_site(list.clone()).await;
    let feed = feed_source("wire", site.url("/feed.xml"));
    let broken = urls_source("fragile", vec![site.url("/broken")]);
    let s = || FetchSettings {
        max_retries: 0,
        ..settings()
    };

    // First process.
    {
        let p = pool(&db).await?;
        let (crawler, mut rx) = crawler(s(), Store::postgres(p.clone()));
        let r = crawler.run_source(&feed).await?;
        assert_eq!(drain(&mut rx).len(), 2, "{:?}", r.lines);
        let r = crawler.run_source(&broken).await?;
        assert_eq!(r.summary.failed.get("http_5xx"), Some(&1));

        let (etag, fetched): (Option<String>, Option<chrono::DateTime<chrono::Utc>>) =
            sqlx::query_as("SELECT etag, fetched_at FROM crawl_urls WHERE url = $1")
                .bind(site.url("/feed.xml").as_str())
                .fetch_one(&p)
                .await?;
        assert_eq!(etag.as_deref(), Some("\"v2\""));
        assert!(fetched.is_some());
        let seen: i64 = sqlx::query_scalar("SELECT count(*) FROM crawl_seen_items WHERE source_name = 'wire'")
            .fetch_one(&p)
            .await?;
        assert_eq!(seen, 2);
        let (failures, class): (i32, Option<String>) =
            sqlx::query_as("SELECT failure_count, last_error_class FROM crawl_urls WHERE url = $1")
                .bind(site.url("/broken").as_str())
                .fetch_one(&p)
                .await?;
        assert_eq!((failures, class.as_deref()), (1, Some("http_5xx")));
        p.close().await;
    }

    // Second process: same database, new everything else.
    let p = pool(&db).await?;
    let (crawler, mut rx) = crawler(s(), Store::postgres(p.clone()));
    let due = crawler.due(&feed, false).await?;
    assert!(due.is_err(), "the feed ran a moment ago and is due in an hour: {due:?}");
    let r = crawler.run_source(&feed).await?;
    assert!(drain(&mut rx).is_empty(), "{:?}", r.lines);
    assert_eq!(r.summary.not_modified, 1);
    let last = site
        .log
        .hits()
        .into_iter()
        .rfind(|h| h.path == "/feed.xml")
        .expect("feed hit");
    assert_eq!(
        last.headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()),
        Some("\"v2\""),
        "the validators came back from PostgreSQL"
    );
    list.lock()
        .expect("items")
        .push(("g3".into(), "/a/3".into(), "Title 3".into()));
    let r = crawler.run_source(&feed).await?;
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 1, "{:?}", r.lines);
    assert_eq!(docs[0].feed.as_ref().and_then(|f| f.title.as_deref()), Some("Title 3"));
    assert_eq!(
        site.log.count("/a/1"),
        1,
        "an item seen before the restart is not fetched again"
    );

    // The failing URL waits out its backoff across the restart.
    let r = crawler.run_source(&broken).await?;
    assert_eq!(r.summary.deferred, 1, "{:?}", r.lines);
    assert_eq!(site.log.count("/broken"), 1);
    Ok(())
}

async fn read_topic(brokers: &str, topic: &str, at_least: usize) -> anyhow::Result<Vec<RawArticle>> {
    let c: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", unique("fetch-test-"))
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        .create()?;
    c.subscribe(&[topic])?;
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        // Once the expected count is there, wait a little longer for anything extra.
        let wait = if out.len() >= at_least {
            Duration::from_secs(3)
        } else {
            deadline.saturating_duration_since(tokio::time::Instant::now())
        };
        match tokio::time::timeout(wait, c.recv()).await {
            Ok(Ok(m)) => {
                let doc: RawArticle = serde_json::from_slice(m.payload().unwrap_or_default())?;
                assert_eq!(m.key(), Some(doc.id.as_bytes()), "keyed by document id");
                out.push(doc);
            }
            // The topic may not exist yet (the service creates it at start).
            Ok(Err(e)) if tokio::time::Instant::now() < deadline => {
                tracing_free_log(&e);
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Ok(Err(e)) => return Err(e.into()),
            Err(_) => return Ok(out),
        }
    }
}

fn tracing_free_log(e: &rdkafka::error::KafkaError) {
    eprintln!("consumer (retrying): {e}");
}

#[tokio::test]
async fn the_service_fetches_a_feed_and_files_into_kafka_and_remembers_across_runs() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let db = pg.fresh_database(&unique("fetch_e2e_")).await?;
    let prefix = format!("{}.", unique("f"));
    let site = news_site(items(2)).await;
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("docs"))?;
    std::fs::write(
        dir.path().join("docs/communique.txt"),
        "Communiqué du gouvernement de transition.",
    )?;
    let sources = dir.path().join("sources.toml");
    std::fs::write(
        &sources,
        format!(
            r#"
[[source]]
name = "wire"
kind = "feed"
url = "{}"
every = "1h"
language = "fr"
tags = ["test"]

[[source]]
name = "local"
kind = "files"
paths = ["docs"]
every = "1d"
"#,
            site.url("/feed.xml")
        ),
    )?;
    let report = dir.path().join("report.jsonl");
    let report = &report;
    let run = |extra: &[&str]| {
        let mut args: Vec<String> = [
            "sahel-fetcher",
            "--once",
            "--sources",
            &sources.display().to_string(),
            "--database-url",
            &db,
            "--kafka-brokers",
            &broker.brokers,
            "--topic-prefix",
            &prefix,
            "--topic-partitions",
            "1",
            "--allow-net",
            "127.0.0.1",
            "--host-delay-ms",
            "0",
            "--http-addr",
            "127.0.0.1:0",
            "--report",
            &report.display().to_string(),
            "--log-filter",
            "warn",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.extend(extra.iter().map(|s| s.to_string()));
        async move {
            let cfg = sahel_fetcher::Config::try_parse_from(args)?;
            sahel_fetcher::run(cfg, std::future::pending()).await?;
            let text = std::fs::read_to_string(report)?;
            let lines: Vec<serde_json::Value> = text.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
            anyhow::Ok(lines)
        }
    };

    let lines = run(&[]).await?;
    let emitted = lines.iter().filter(|l| l["status"] == "emitted").count();
    assert_eq!(emitted, 3, "two feed items and one file: {lines:?}");
    let topic = format!("{prefix}articles.raw");
    let docs = read_topic(&broker.brokers, &topic, 3).await?;
    assert_eq!(docs.len(), 3);
    let from_feed: Vec<_> = docs.iter().filter(|d| d.source.name == "wire").collect();
    assert_eq!(from_feed.len(), 2);
    for d in &from_feed {
        assert_eq!(d.language_hint.as_deref(), Some("fr"));
        assert!(d
            .feed
            .as_ref()
            .and_then(|f| f.title.as_deref())
            .is_some_and(|t| t.starts_with("Title")));
    }
    let file = docs.iter().find(|d| d.source.name == "local").expect("the file");
    assert!(file.body.contains("Communiqué"));

    // Nothing is due an instant later: nothing is fetched.
    let lines = run(&[]).await?;
    assert!(lines.is_empty(), "{lines:?}");
    assert_eq!(site.log.count("/feed.xml"), 1);

    // Forced: the feed answers 304 and emits nothing; the file is sent again (same id).
    let lines = run(&["--force"]).await?;
    assert!(
        lines
            .iter()
            .any(|l| l["source"] == "wire" && l["status"] == "not_modified"),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l["source"] == "wire" && l["status"] == "emitted"));
    let docs_after = read_topic(&broker.brokers, &topic, 4).await?;
    assert_eq!(docs_after.iter().filter(|d| d.source.name == "wire").count(), 2);
    assert_eq!(
        docs_after.iter().filter(|d| d.id == file.id).count(),
        2,
        "same file, same id"
    );

    let p = pool(&db).await?;
    let due: Vec<(String, i32)> = sqlx::query_as("SELECT name, consecutive_failures FROM crawl_sources ORDER BY name")
        .fetch_all(&p)
        .await?;
    assert_eq!(due, vec![("local".to_owned(), 0), ("wire".to_owned(), 0)]);
    Ok(())
}

#[tokio::test]
async fn the_daemon_runs_each_source_on_its_schedule_and_stops_on_the_signal() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let db = pg.fresh_database(&unique("fetch_daemon_")).await?;
    let prefix = format!("{}.", unique("d"));
    let list = items(1);
    let site = news_site(list.clone()).await;
    let dir = tempfile::tempdir()?;
    let sources = dir.path().join("sources.toml");
    std::fs::write(
        &sources,
        format!(
            "[[source]]\nname = \"wire\"\nkind = \"feed\"\nurl = \"{}\"\nevery = \"1s\"\n",
            site.url("/feed.xml")
        ),
    )?;
    let args: Vec<String> = [
        "sahel-fetcher",
        "--sources",
        &sources.display().to_string(),
        "--database-url",
        &db,
        "--kafka-brokers",
        &broker.brokers,
        "--topic-prefix",
        &prefix,
        "--topic-partitions",
        "1",
        "--allow-net",
        "127.0.0.1",
        "--host-delay-ms",
        "0",
        "--http-addr",
        "127.0.0.1:0",
        "--log-filter",
        "warn",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let cfg = sahel_fetcher::Config::try_parse_from(args)?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let daemon = tokio::spawn(sahel_fetcher::run(cfg, async move {
        let _ = stopped.await;
    }));
    let topic = format!("{prefix}articles.raw");
    let first = read_topic(&broker.brokers, &topic, 1).await?;
    assert_eq!(first.len(), 1);
    list.lock()
        .expect("items")
        .push(("g2".into(), "/a/2".into(), "Title 2".into()));
    let both = read_topic(&broker.brokers, &topic, 2).await?;
    assert_eq!(both.len(), 2, "the new item arrives on the next scheduled run, once");
    // Every run after the change is a conditional GET answered with 304.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let feed_hits: Vec<_> = site.log.hits().into_iter().filter(|h| h.path == "/feed.xml").collect();
    assert!(
        feed_hits.len() >= 3,
        "the feed is polled every second: {}",
        feed_hits.len()
    );
    assert!(feed_hits
        .last()
        .is_some_and(|h| h.headers.contains_key(header::IF_NONE_MATCH)));
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(30), daemon).await???;
    assert_eq!(site.log.count("/a/1"), 1);
    Ok(())
}
