//! Dead letters replayed once their cause is removed (issue 19, item 5), with a real Tansu
//! broker, a real PostgreSQL and the writer as a process: a constraint refuses two of three
//! articles, which the writer dead-letters; the constraint is dropped; `sahel-writer
//! replay-dead-letters` produces them again to `articles.clean`, and they come back as rows,
//! once: a second run replays nothing.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use clap::Parser as _;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::ClientConfig;
use sahel_e2e::{create_topics, free_port, unique, wait_until, writer_binary, Broker, Postgres};
use sahel_writer::dead_letters::{self, DeadLetterReplayConfig};
use serde_json::json;

struct Writer(Child);

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn article(id: &str, title: &str) -> serde_json::Value {
    let text = format!("Report {id}: protesters marched in Niamey.");
    json!({
        "schema": {"name": "articles.clean", "version": 1},
        "id": id,
        "produced_at": "2024-03-20T10:00:00Z",
        "producer": {"service": "normalizer", "version": "0.1.0"},
        "document_id": id.replace("art_", "doc_"),
        "source": {"name": "wire", "kind": "directory", "location": format!("/in/{id}.txt"),
                   "feed_url": null, "final_url": null},
        "fetched_at": "2024-03-20T10:00:00Z",
        "canonical_url": null, "title": title, "byline": null, "published": null,
        "language": {"code": "en", "confidence": 0.98},
        "text": text,
        "paragraphs": [{"start": 0, "end": text.chars().count()}],
        "word_count": text.split_whitespace().count(),
        "fingerprints": {"text_sha256": sahel_schemas::ids::sha256_hex(text.as_bytes())},
        "dedup": {"verdict": "unique", "duplicate_of": null, "similarity": null},
        "removed": []
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dead_letters_come_back_as_rows_once_their_cause_is_removed() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let db = pg.fresh_database(&unique("dlr_")).await?;
    let prefix = format!("{}.", unique("t"));
    let topic = |t: &str| format!("{prefix}{t}");
    let inputs: Vec<String> = [
        "articles.clean",
        "events.extracted",
        "articles.raw.dlq",
        "articles.clean.dlq",
        "events.extracted.dlq",
    ]
    .iter()
    .map(|t| topic(t))
    .collect();
    create_topics(&broker.brokers, &inputs, 1).await?;
    let pool = sqlx::PgPool::connect(&db).await?;
    sahel_runtime::db::migrate(&pool).await?;
    // The cause: a rule the data breaks, as a bad migration or a too strict check would.
    sqlx::query("ALTER TABLE articles ADD CONSTRAINT no_poison CHECK (title IS DISTINCT FROM 'Poison')")
        .execute(&pool)
        .await?;

    let dir = tempfile::tempdir()?;
    let log = dir.path().join("writer.log");
    let _writer = Writer(
        Command::new(writer_binary()?)
            .args(["--kafka-brokers", &broker.brokers, "--topic-prefix", &prefix])
            .args(["--database-url", &db])
            .args(["--http-addr", &format!("127.0.0.1:{}", free_port()?)])
            .args(["--batch-size", "8", "--batch-linger-ms", "5"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(&log)?))
            .spawn()?,
    );
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &broker.brokers).create()?;
    for (id, title) in [("art_a", "Poison"), ("art_b", "Fine"), ("art_c", "Poison")] {
        let payload = serde_json::to_vec(&article(id, title))?;
        producer
            .send(
                FutureRecord::to(&topic("articles.clean"))
                    .key(id)
                    .payload(payload.as_slice()),
                Duration::from_secs(30),
            )
            .await
            .map_err(|(e, _)| e)?;
    }
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move { Ok::<i64, anyhow::Error>(sqlx::query_scalar(sql).fetch_one(&pool).await?) }
    };
    let logs = || std::fs::read_to_string(&log).unwrap_or_default();
    let dead = wait_until("two dead letters and one row", Duration::from_secs(90), || async {
        Ok(
            count("SELECT count(*) FROM dead_letters WHERE error_kind = 'rejected_by_database'").await? == 2
                && count("SELECT count(*) FROM articles").await? == 1,
        )
    })
    .await;
    if let Err(e) = dead {
        panic!("{e:#}\nwriter log:\n{}", logs());
    }

    // Listing chooses them; the cause is removed; the replay brings them back.
    let config = |extra: &[&str]| {
        let mut args = vec![
            "replay-dead-letters".to_owned(),
            "--kafka-brokers".to_owned(),
            broker.brokers.clone(),
            "--database-url".to_owned(),
            db.clone(),
            "--topic".to_owned(),
            topic("articles.clean"),
            "--kind".to_owned(),
            "rejected_by_database".to_owned(),
        ];
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        DeadLetterReplayConfig::parse_from(args)
    };
    let listed = dead_letters::run(config(&["--list"])).await?;
    assert_eq!((listed.chosen, listed.replayed), (2, 0));
    sqlx::query("ALTER TABLE articles DROP CONSTRAINT no_poison")
        .execute(&pool)
        .await?;
    let first = dead_letters::run(config(&[])).await?;
    assert_eq!((first.chosen, first.replayed), (2, 2));
    let back = wait_until("the replayed articles as rows", Duration::from_secs(90), || async {
        Ok(count("SELECT count(*) FROM articles").await? == 3)
    })
    .await;
    if let Err(e) = back {
        panic!("{e:#}\nwriter log:\n{}", logs());
    }
    // Once: a second run chooses nothing, and the replays are recorded.
    let second = dead_letters::run(config(&[])).await?;
    assert_eq!((second.chosen, second.replayed), (0, 0));
    assert_eq!(
        count("SELECT count(*) FROM dead_letter_replays WHERE times = 1").await?,
        2
    );
    assert_eq!(count("SELECT count(*) FROM articles WHERE title = 'Poison'").await?, 2);
    Ok(())
}
