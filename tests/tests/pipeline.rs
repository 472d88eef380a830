//! End to end: fixture documents → fetcher → Tansu → normalizer → extractor → writer →
//! PostgreSQL, with the four services running in-process against a real broker and a real
//! database. Each test has its own topics (a random prefix), consumer groups and database.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser as _;
use futures::FutureExt as _;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::ClientConfig;
use sahel_e2e::{caught_up, unique, wait_until, Broker, Postgres};
#[path = "common/services.rs"]
mod services;
use services::{common, Services};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pipeline")
}

async fn fetch_once(brokers: &str, prefix: &str, dir: &Path, report: &Path) -> anyhow::Result<Vec<serde_json::Value>> {
    let mut args = vec![
        "fetcher".to_owned(),
        "--once".to_owned(),
        "--path".to_owned(),
        dir.display().to_string(),
    ];
    args.extend([
        "--source-name".to_owned(),
        "fixtures".to_owned(),
        "--report".to_owned(),
        report.display().to_string(),
    ]);
    args.extend(
        common(brokers, prefix, None)
            .into_iter()
            .filter(|a| !a.starts_with("--batch") && a != "20"),
    );
    let cfg = sahel_fetcher::Config::try_parse_from(args)?;
    sahel_fetcher::run(cfg, std::future::pending()).await?;
    let text = std::fs::read_to_string(report)?;
    Ok(text.lines().map(serde_json::from_str).collect::<Result<_, _>>()?)
}

/// Every table's rows as text, in key order: equal snapshots mean no row changed.
async fn snapshot(pool: &sqlx::PgPool) -> anyhow::Result<Vec<String>> {
    sahel_e2e::snapshot(
        pool,
        &[
            ("sources", "name"),
            ("articles", "article_id"),
            ("events", "event_id"),
            ("event_mentions", "mention_id"),
            ("dead_letters", "dedup_key"),
        ],
    )
    .await
}

async fn wait_all_caught_up(brokers: &str, prefix: &str) -> anyhow::Result<()> {
    let t = |base: &str| format!("{prefix}{base}");
    let groups = [
        (format!("{prefix}normalizer"), vec![t("articles.raw")]),
        (format!("{prefix}extractor"), vec![t("articles.clean")]),
        (
            format!("{prefix}writer"),
            vec![
                t("articles.clean"),
                t("events.extracted"),
                t("articles.raw.dlq"),
                t("articles.clean.dlq"),
                t("events.extracted.dlq"),
            ],
        ),
    ];
    for (group, topics) in groups {
        let b = brokers.to_owned();
        wait_until(
            &format!("consumer group {group} to catch up"),
            Duration::from_secs(90),
            || {
                let (b, g, t) = (b.clone(), group.clone(), topics.clone());
                async move { tokio::task::spawn_blocking(move || caught_up(&b, &g, &t)).await? }
            },
        )
        .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn seeds_like_fixtures_flow_end_to_end_idempotently() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let db_url = pg.fresh_database(&unique("e2e_")).await?;
    let prefix = format!("{}.", unique("t"));
    let brokers = broker.brokers.clone();

    // The input: the fixtures plus a binary file, in a directory of this test's own.
    let input = tempfile::tempdir()?;
    for e in std::fs::read_dir(fixtures())? {
        let p = e?.path();
        std::fs::copy(&p, input.path().join(p.file_name().unwrap_or_default()))?;
    }
    std::fs::write(
        input.path().join("scan.txt"),
        (0u8..=255).cycle().take(4096).collect::<Vec<u8>>(),
    )?;
    // Hostile HTML: nested far deeper than any real page, refused before parsing.
    std::fs::write(
        input.path().join("nested.html"),
        format!(
            "<html><body>{}deep{}</body></html>",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        ),
    )?;

    let services = Services::start(&brokers, &prefix, &db_url, None);
    // Whatever happens in the checks, stop the services while the broker still runs (a
    // consumer closing against a dead broker would hang the test).
    let checks = AssertUnwindSafe(checks(&brokers, &prefix, &db_url, input.path()))
        .catch_unwind()
        .await;
    let stopped = services.stop().await;
    match checks {
        Ok(r) => r?,
        Err(panic) => std::panic::resume_unwind(panic),
    }
    stopped
}

async fn checks(brokers: &str, prefix: &str, db_url: &str, input: &Path) -> anyhow::Result<()> {
    let (brokers, prefix, db_url) = (brokers.to_owned(), prefix.to_owned(), db_url.to_owned());

    // Malformed messages on every input topic, before any good one: each must land in its
    // topic's dead-letter topic and the services must keep going.
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create()?;
    let wrong_version = r#"{"schema":{"name":"articles.raw","version":99},"id":"x"}"#;
    for (topic, payload) in [
        ("articles.raw", "this is not json"),
        ("articles.raw", wrong_version),
        (
            "articles.clean",
            "{\"schema\": {\"name\": \"articles.clean\", \"version\": 1}, \"id\": 5}",
        ),
        ("events.extracted", "[1, 2, 3]"),
    ] {
        let topic = format!("{prefix}{topic}");
        // The services create the topics at start; wait for that before producing.
        wait_until("topics to exist", Duration::from_secs(60), || {
            let (p, t) = (producer.clone(), topic.clone());
            async move {
                let rec = FutureRecord::to(&t).key("malformed").payload(payload);
                Ok(p.send(rec, Duration::from_secs(2)).await.is_ok())
            }
        })
        .await?;
    }

    let report = input.join("..").join(format!("{}.jsonl", unique("report")));
    let docs = fetch_once(&brokers, &prefix, input, &report).await?;
    let emitted: Vec<String> = docs
        .iter()
        .filter_map(|d| d["document_id"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(emitted.len(), 8, "every fixture file is emitted: {docs:?}");

    let pool = sqlx::PgPool::connect(&db_url).await?;
    // Every document is accounted for: an article row or a dead letter keyed by it.
    wait_until("every document to be accounted for", Duration::from_secs(90), || {
        let (pool, emitted) = (pool.clone(), emitted.clone());
        async move {
            let n: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM unnest($1::text[]) d(id)
                 WHERE EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)
                    OR EXISTS (SELECT 1 FROM dead_letters l WHERE l.message_key = d.id)",
            )
            .bind(&emitted)
            .fetch_one(&pool)
            .await?;
            Ok(n == emitted.len() as i64)
        }
    })
    .await?;
    wait_all_caught_up(&brokers, &prefix).await?;

    // The empty and the binary file are dead letters with their reasons.
    let reasons: Vec<(String, String)> = sqlx::query_as(
        "SELECT error_kind, original_topic FROM dead_letters WHERE message_key = ANY($1) ORDER BY error_kind",
    )
    .bind(&emitted)
    .fetch_all(&pool)
    .await?;
    assert_eq!(
        reasons,
        vec![
            ("binary_document".to_owned(), format!("{prefix}articles.raw")),
            ("empty_document".to_owned(), format!("{prefix}articles.raw")),
            ("too_deeply_nested".to_owned(), format!("{prefix}articles.raw")),
        ]
    );
    // The malformed messages: one dead letter each, from the right topic, with a reason.
    let malformed: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT original_topic, service, error_kind FROM dead_letters WHERE message_key = 'malformed' ORDER BY 1, 2, 3",
    )
    .fetch_all(&pool)
    .await?;
    let p = |t: &str| format!("{prefix}{t}");
    assert_eq!(
        malformed,
        vec![
            (p("articles.clean"), "extractor".to_owned(), "malformed".to_owned()),
            (p("articles.clean"), "writer".to_owned(), "malformed".to_owned()),
            (p("articles.raw"), "normalizer".to_owned(), "malformed".to_owned()),
            (p("articles.raw"), "normalizer".to_owned(), "wrong_schema".to_owned()),
            (p("events.extracted"), "writer".to_owned(), "malformed".to_owned()),
        ]
    );

    // Articles: three stories. The Niamey story came three times: as a text, as an exact copy
    // (a syndicated text) and as a web page with its own furniture and one more clause (a near
    // duplicate). Whichever the normalizer saw first is the original and the only copy whose
    // text is stored; the others point into the group with their verdict and similarity.
    // (id, path, language, duplicate_of, text stored, verdict, similarity)
    type ArticleRow = (String, String, String, Option<String>, bool, String, Option<f64>);
    let arts: Vec<ArticleRow> = sqlx::query_as(
        "SELECT article_id, url_or_path, language, duplicate_of, main_text IS NOT NULL, dedup_verdict, similarity
         FROM articles ORDER BY url_or_path",
    )
    .fetch_all(&pool)
    .await?;
    assert_eq!(arts.len(), 5, "{arts:?}");
    let by_file = |f: &str| arts.iter().find(|a| a.1.ends_with(f)).cloned();
    let niamey: Vec<_> = [
        "en_niamey_rally.txt",
        "en_niamey_rally_syndicated.txt",
        "en_niamey_rally_webpage.html",
    ]
    .iter()
    .map(|f| by_file(f).unwrap_or_else(|| panic!("{f} is an article: {arts:?}")))
    .collect();
    let originals: Vec<_> = niamey.iter().filter(|a| a.3.is_none()).collect();
    assert_eq!(originals.len(), 1, "one original: {niamey:?}");
    let ids: Vec<&str> = niamey.iter().map(|a| a.0.as_str()).collect();
    for a in &niamey {
        assert_eq!(a.4, a.3.is_none(), "only the original's text is stored: {a:?}");
        if let Some(of) = &a.3 {
            assert!(ids.contains(&of.as_str()), "a duplicate points into its group: {a:?}");
            assert!(a.6.is_some_and(|s| s > 0.4 && s <= 1.0), "with its similarity: {a:?}");
        }
    }
    // The text and its syndicated copy are the same article text: one of them is the exact
    // duplicate of the other, whatever the order of arrival.
    let exact: Vec<&str> = niamey
        .iter()
        .filter(|a| a.5 == "exact_duplicate")
        .map(|a| a.1.as_str())
        .collect();
    assert_eq!(exact.len(), 1, "{niamey:?}");
    assert!(exact[0].ends_with(".txt"), "{niamey:?}");
    assert!(
        niamey.iter().any(|a| a.5 == "near_duplicate"),
        "the web page and the text are near duplicates: {niamey:?}"
    );
    let langs: Vec<(&str, &str)> = arts
        .iter()
        .map(|a| (a.1.rsplit('/').next().unwrap_or(""), a.2.as_str()))
        .collect();
    assert!(langs.contains(&("fr_bamako_marche.txt", "fr")), "{langs:?}");
    assert!(langs.contains(&("nl_ouagadougou_betoging.txt", "nl")), "{langs:?}");
    assert!(langs.contains(&("en_niamey_rally.txt", "en")), "{langs:?}");

    // Events: a PROTEST in each of the three capitals, on the stated day, linked to articles.
    type EventRow = (String, String, Option<String>, Option<String>, i32, Vec<String>);
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT event_type, place_name, event_date::text, actor1_name, num_articles, article_ids
         FROM events_export WHERE event_type = 'PROTEST' ORDER BY place_name",
    )
    .fetch_all(&pool)
    .await?;
    let summary: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.1.as_str(), e.2.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Bamako", "2024-02-09"),
            ("Niamey", "2024-03-16"),
            ("Ouagadougou", "2023-10-02")
        ]
    );
    for e in &events {
        assert_eq!(e.3.as_deref(), Some("Protesters"));
        assert_eq!(e.4, 1, "a duplicate is not coded twice: {e:?}");
    }
    let orphans: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM event_mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = m.article_id AND a.duplicate_of IS NULL)",
    )
    .fetch_one(&pool)
    .await?;
    assert_eq!(orphans, 0, "every mention belongs to a stored, original article");
    let evidence_ok: bool = sqlx::query_scalar(
        "SELECT bool_and(substr(a.main_text, m.char_start + 1, m.char_end - m.char_start) = m.quote)
         FROM event_mentions m JOIN articles a USING (article_id)",
    )
    .fetch_one(&pool)
    .await?;
    assert!(evidence_ok, "every quote is the text at its span");
    // The export views have the contract's columns.
    let cols: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'articles_export' ORDER BY ordinal_position",
    )
    .fetch_all(&pool)
    .await?;
    for c in [
        "article_id",
        "source_name",
        "url_or_path",
        "title",
        "language",
        "published_at",
        "published_precision",
        "duplicate_of",
        "word_count",
        "fetched_at",
    ] {
        assert!(cols.iter().any(|x| x == c), "articles_export lacks {c}");
    }

    // Idempotence: fetching the same input again changes no row (not even its xmin).
    let before = snapshot(&pool).await?;
    let again = fetch_once(&brokers, &prefix, input, &report).await?;
    assert_eq!(again.len(), docs.len());
    // Let the replayed messages go all the way through before comparing.
    tokio::time::sleep(Duration::from_millis(500)).await;
    wait_all_caught_up(&brokers, &prefix).await?;
    let after = snapshot(&pool).await?;
    assert_eq!(before, after, "replaying the input changed rows");
    Ok(())
}

#[tokio::test]
async fn bad_configuration_stops_the_service_naming_the_setting() {
    let cfg = sahel_writer::Config::parse_from([
        "writer",
        "--database-url",
        "mysql://nope",
        "--kafka-brokers",
        "localhost:9092",
    ]);
    let err = sahel_writer::run(cfg, std::future::pending())
        .await
        .expect_err("must refuse");
    assert!(format!("{err:#}").contains("DATABASE_URL"), "{err:#}");
    let cfg = sahel_normalizer::Config::parse_from([
        "normalizer",
        "--database-url",
        "postgres://x/y",
        "--kafka-brokers",
        "nohostport",
    ]);
    let err = sahel_normalizer::run(cfg, std::future::pending())
        .await
        .expect_err("must refuse");
    assert!(format!("{err:#}").contains("KAFKA_BROKERS"), "{err:#}");
}
