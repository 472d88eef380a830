//! Issue 19, item 4: rolling upgrades lose nothing (`schemas/COMPATIBILITY.md`). Over a real
//! Tansu broker and a real PostgreSQL, with the services in this process, messages written by
//! a newer producer (a higher minor version, fields this build does not know at every depth)
//! and by an older one (no `minor`, optional fields absent) are produced straight onto each
//! topic, and every one of them ends as rows: no dead letter, every consumer group caught up.
//!
//! - `articles.raw`: an older fetcher's document, and a newer fetcher's → normalizer → extractor
//!   → writer.
//! - `articles.clean`: a newer normalizer's article → extractor and writer.
//! - `events.extracted`: a newer extractor's mentions, and an older extractor's (without the
//!   later optional fields) → writer.
//!
//! The writer and the normalizer run as their own PostgreSQL roles (`sahel_writer`,
//! `sahel_normalizer`, migration 0007), the migrations applied first by the owner.
//!
//! Run: `cargo nextest run -p sahel-e2e --test compatibility`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rdkafka::producer::{FutureProducer, FutureRecord, Producer as _};
use rdkafka::ClientConfig;
use sahel_e2e::{caught_up, unique, url_as, wait_until, Broker, Postgres};
use sahel_schemas::{dlq, CleanArticle, EventMention, Message, RawArticle};
#[path = "common/messages.rs"]
mod messages;
#[path = "common/services.rs"]
mod services;
use services::Services;

fn fixture(dir: &str, name: &str) -> anyhow::Result<String> {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir)
        .join(name);
    Ok(std::fs::read_to_string(p)?)
}

/// A story as each stage makes it.
struct Story {
    raw: RawArticle,
    clean: CleanArticle,
    mentions: Vec<EventMention>,
}

fn story(extractor: &sahel_extractor::Extractor, dir: &str, name: &str) -> anyhow::Result<Story> {
    let raw = messages::text_document("compat-test", &format!("/compat/{name}"), &fixture(dir, name)?);
    let clean = sahel_normalizer::normalize(&raw).map_err(|r| anyhow::anyhow!("{r}"))?;
    let mentions = extractor.code_article(&clean);
    anyhow::ensure!(!mentions.is_empty(), "{name} codes no event");
    Ok(Story { raw, clean, mentions })
}

/// As a newer producer writes `m`: a later minor of the same major, and a field this build
/// does not know in every object, at every depth.
fn newer<T: Message>(m: &T) -> anyhow::Result<Vec<u8>> {
    fn add(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.values_mut().for_each(add);
                map.insert(
                    "from_a_later_minor".into(),
                    serde_json::json!({"list": [1, "two"], "flag": true}),
                );
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(add),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(m)?;
    add(&mut v);
    v["schema"]["minor"] = serde_json::json!(T::SCHEMA_MINOR + 3);
    Ok(serde_json::to_vec(&v)?)
}

/// As an older producer wrote `m`: no `minor`, and without the optional fields named (by JSON
/// pointer to their parent object and their name).
fn older<T: Message>(m: &T, absent: &[(&str, &str)]) -> anyhow::Result<Vec<u8>> {
    let mut v = serde_json::to_value(m)?;
    if let Some(s) = v["schema"].as_object_mut() {
        s.remove("minor");
    }
    for (parent, field) in absent {
        if let Some(o) = v.pointer_mut(parent).and_then(serde_json::Value::as_object_mut) {
            o.remove(*field);
        }
    }
    Ok(serde_json::to_vec(&v)?)
}

async fn send(producer: &FutureProducer, topic: &str, key: &str, payload: &[u8]) -> anyhow::Result<()> {
    producer
        .send(
            FutureRecord::to(topic).key(key).payload(payload),
            Duration::from_secs(30),
        )
        .await
        .map(|_| ())
        .map_err(|(e, _)| anyhow::anyhow!("producing to {topic}: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn newer_and_older_minor_versions_on_every_topic_become_rows_and_nothing_is_dead_lettered() -> anyhow::Result<()>
{
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let db_url = pg.fresh_database(&unique("compat_")).await?;
    let prefix = format!("{}.", unique("c"));
    // As deployed: the owner applies the migrations, and the services connect as their own
    // roles (issue 19, item 6), which may touch only their tables.
    sahel_runtime::db::migrate(&sqlx::PgPool::connect(&db_url).await?).await?;
    let services = Services::start_with_databases(
        &broker.brokers,
        &prefix,
        &url_as(&db_url, "sahel_writer")?,
        &url_as(&db_url, "sahel_normalizer")?,
        Some(2),
    );
    services.stop_after(checks(&broker.brokers, &prefix, &db_url)).await
}

async fn checks(brokers: &str, prefix: &str, db_url: &str) -> anyhow::Result<()> {
    let topic = |base: &str| format!("{prefix}{base}");
    let extractor = sahel_extractor::Extractor::new()?;
    let old_raw = story(&extractor, "pipeline", "en_niamey_rally.txt")?;
    let new_raw = story(&extractor, "pipeline", "fr_bamako_marche.txt")?;
    let new_clean = story(&extractor, "pipeline", "nl_ouagadougou_betoging.txt")?;
    let new_mentions = story(&extractor, "hostile", "z_good_en_gao_sit_in.txt")?;
    let old_mentions = story(&extractor, "hostile", "z_good_fr_zinder_greve.txt")?;

    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("message.timeout.ms", "30000")
        .create()?;
    // The services create their topics at start.
    wait_until("the topics to exist", Duration::from_secs(60), || {
        let (p, t) = (producer.clone(), topic("articles.raw"));
        async move {
            let md = p.client().fetch_metadata(Some(&t), Duration::from_secs(2))?;
            Ok(md.topics().iter().any(|m| !m.partitions().is_empty()))
        }
    })
    .await?;

    // articles.raw: an older fetcher (no minor; no `http`, `feed`, `language_hint`, nor the
    // source's `feed_url`/`final_url`), and a newer one.
    let absent = [
        ("", "http"),
        ("", "feed"),
        ("", "language_hint"),
        ("/source", "feed_url"),
        ("/source", "final_url"),
    ];
    let mut records = vec![
        (
            topic("articles.raw"),
            old_raw.raw.id.clone(),
            older(&old_raw.raw, &absent)?,
        ),
        (topic("articles.raw"), new_raw.raw.id.clone(), newer(&new_raw.raw)?),
        // articles.clean: a newer normalizer.
        (
            topic("articles.clean"),
            new_clean.clean.id.clone(),
            newer(&new_clean.clean)?,
        ),
    ];
    // events.extracted: a newer extractor, and an older one (without `reference_date` and
    // `evidence.trigger`, which came in later minors of events.extracted 1).
    for m in &new_mentions.mentions {
        records.push((topic("events.extracted"), m.event_id.clone(), newer(m)?));
    }
    for m in &old_mentions.mentions {
        let old = older(m, &[("", "reference_date"), ("/evidence", "trigger")])?;
        records.push((topic("events.extracted"), m.event_id.clone(), old));
    }
    for (t, key, payload) in &records {
        send(&producer, t, key, payload).await?;
    }

    // Every consumer group reads everything.
    let groups = [
        ("normalizer", vec![topic("articles.raw")]),
        ("extractor", vec![topic("articles.clean")]),
        ("writer", vec![topic("articles.clean"), topic("events.extracted")]),
    ];
    let pool = sqlx::PgPool::connect(db_url).await?;
    // Rows: the three articles that travel as articles, and every mention of the five stories.
    let articles: Vec<String> = [&old_raw, &new_raw, &new_clean]
        .iter()
        .map(|s| s.clean.id.clone())
        .collect();
    let mut mention_ids: Vec<String> = [&old_raw, &new_raw, &new_clean, &new_mentions, &old_mentions]
        .iter()
        .flat_map(|s| s.mentions.iter().map(|m| m.id.clone()))
        .collect();
    mention_ids.sort();
    mention_ids.dedup();
    wait_until(
        "every article and mention to be stored",
        Duration::from_secs(120),
        || {
            let (pool, a, m) = (pool.clone(), articles.clone(), mention_ids.clone());
            async move {
                let n_a: i64 = sqlx::query_scalar("SELECT count(*) FROM articles WHERE article_id = ANY($1)")
                    .bind(&a)
                    .fetch_one(&pool)
                    .await?;
                let n_m: i64 = sqlx::query_scalar("SELECT count(*) FROM event_mentions WHERE mention_id = ANY($1)")
                    .bind(&m)
                    .fetch_one(&pool)
                    .await?;
                Ok(n_a == a.len() as i64 && n_m == m.len() as i64)
            }
        },
    )
    .await?;
    for (service, topics) in groups {
        let group = format!("{prefix}{service}");
        wait_until(&format!("{group} to catch up"), Duration::from_secs(60), || {
            let (b, g, t) = (brokers.to_owned(), group.clone(), topics.clone());
            async move { tokio::task::spawn_blocking(move || caught_up(&b, &g, &t)).await? }
        })
        .await?;
    }
    let dead: Vec<(String, String, String)> =
        sqlx::query_as("SELECT original_topic, service, error FROM dead_letters ORDER BY 1, 2")
            .fetch_all(&pool)
            .await?;
    assert!(dead.is_empty(), "dead-lettered: {dead:#?}");
    // Nothing on the dead-letter topics either (the writer records what reaches them).
    let dlqs: Vec<String> = ["articles.raw", "articles.clean", "events.extracted"]
        .iter()
        .map(|base| dlq::dlq_topic(&topic(base)))
        .collect();
    let b = brokers.to_owned();
    let letters = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<(String, i64)>> {
        use rdkafka::consumer::{BaseConsumer, Consumer as _};
        let c: BaseConsumer = ClientConfig::new().set("bootstrap.servers", &b).create()?;
        let timeout = Duration::from_secs(5);
        let mut out = Vec::new();
        for t in dlqs {
            let md = c.fetch_metadata(Some(&t), timeout)?;
            let mut n = 0;
            for p in md.topics().iter().flat_map(|mt| mt.partitions()) {
                n += c.fetch_watermarks(&t, p.id(), timeout)?.1;
            }
            out.push((t, n));
        }
        Ok(out)
    })
    .await??;
    assert!(letters.iter().all(|(_, n)| *n == 0), "dead letters: {letters:?}");
    // What the known fields say arrived whole: the newer normalizer's article as written.
    let (title, words, lang): (Option<String>, i32, String) =
        sqlx::query_as("SELECT title, word_count, language FROM articles WHERE article_id = $1")
            .bind(&new_clean.clean.id)
            .fetch_one(&pool)
            .await?;
    assert_eq!(
        (title, words, lang),
        (
            new_clean.clean.title.clone(),
            new_clean.clean.word_count as i32,
            new_clean.clean.language.code.clone()
        )
    );
    // And the newer extractor's mentions with their quotes and types.
    for m in &new_mentions.mentions {
        let (ty, quote): (String, String) =
            sqlx::query_as("SELECT event_type, quote FROM event_mentions WHERE mention_id = $1")
                .bind(&m.id)
                .fetch_one(&pool)
                .await?;
        assert_eq!(
            (ty.as_str(), quote.as_str()),
            (m.event_type.as_str(), m.evidence.quote.as_str())
        );
    }
    Ok(())
}
