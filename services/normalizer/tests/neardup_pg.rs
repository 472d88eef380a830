//! Near-duplicate state in a real PostgreSQL (the harness of `tests/`: a throwaway cluster on a
//! free port): two claims of the same story at once give one original and one near duplicate,
//! every time; the state survives a new connection pool (a restart); replays return the first
//! verdict; exact dedup keeps working beside it.

use std::sync::Arc;

use sahel_e2e::{unique, Postgres};
use sahel_normalizer::dedup;
use sahel_normalizer::neardup::{Params, Signature, THRESHOLD};
use sqlx::postgres::PgPoolOptions;
use tokio::sync::Barrier;

/// A story of `n` words drawn from a large vocabulary with a small LCG: two stories with
/// different seeds share almost no 5-word shingle.
fn story(seed: u64, n: usize) -> String {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let words: Vec<String> = (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            format!("w{}", (x >> 33) % 5000)
        })
        .collect();
    words.join(" ")
}

/// The story with a few words changed and a boilerplate line added.
fn variant(text: &str) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    for i in [3, 40, 77] {
        if i < words.len() {
            words[i] = "changed";
        }
    }
    format!("{}\nShare this article on social media", words.join(" "))
}

async fn pool(url: &str) -> sqlx::PgPool {
    PgPoolOptions::new()
        .max_connections(8)
        .connect(url)
        .await
        .expect("connect")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_claims_of_one_story_give_one_original() {
    let pg = Postgres::start().expect("PostgreSQL for tests (deploy/local/install.sh)");
    let url = pg.fresh_database(&unique("neardup_")).await.expect("database");
    let pool = pool(&url).await;
    sahel_runtime::db::migrate(&pool).await.expect("migrations");
    let params = Params::DEFAULT;

    for round in 0..60u64 {
        let a_text = story(round, 120);
        let b_text = variant(&a_text);
        let (a_id, b_id) = (format!("art_{round}_a"), format!("art_{round}_b"));
        let barrier = Arc::new(Barrier::new(4));
        let spawn_near = |id: String, text: String| {
            let (pool, barrier) = (pool.clone(), barrier.clone());
            tokio::spawn(async move {
                let sig = Signature::of_text(&text).expect("long enough");
                barrier.wait().await;
                dedup::claim_near(&pool, &id, &sig, params, THRESHOLD)
                    .await
                    .expect("claim")
            })
        };
        // The exact path too: the same text twice at once has one owner.
        let spawn_exact = |id: String| {
            let (pool, barrier) = (pool.clone(), barrier.clone());
            let fp = format!("fp-{round}");
            tokio::spawn(async move {
                barrier.wait().await;
                dedup::claim(&pool, &fp, &id).await.expect("claim")
            })
        };
        let ta = spawn_near(a_id.clone(), a_text);
        let tb = spawn_near(b_id.clone(), b_text);
        let ea = spawn_exact(a_id.clone());
        let eb = spawn_exact(b_id.clone());
        let (ra, rb) = (ta.await.expect("task"), tb.await.expect("task"));
        let (oa, ob) = (ea.await.expect("task"), eb.await.expect("task"));
        assert_eq!(oa, ob, "round {round}: one owner of the fingerprint");
        match (&ra, &rb) {
            (None, Some(m)) => assert_eq!(m.original, a_id, "round {round}"),
            (Some(m), None) => assert_eq!(m.original, b_id, "round {round}"),
            other => panic!("round {round}: expected one original and one near duplicate, got {other:?}"),
        }
        let m = ra.as_ref().or(rb.as_ref()).expect("a match");
        assert!(m.similarity >= THRESHOLD && m.similarity < 1.0, "{}", m.similarity);
    }
    let (articles, originals): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL) FROM near_dup_articles")
            .fetch_one(&pool)
            .await
            .expect("count");
    assert_eq!((articles, originals), (120, 60));
}

#[tokio::test]
async fn state_survives_restarts_and_replays_keep_their_verdict() {
    let pg = Postgres::start().expect("PostgreSQL for tests (deploy/local/install.sh)");
    let url = pg.fresh_database(&unique("neardup_")).await.expect("database");
    let params = Params::DEFAULT;
    let a = story(1001, 200);
    let b = variant(&a);
    let other = story(2002, 200);
    {
        let pool = pool(&url).await;
        sahel_runtime::db::migrate(&pool).await.expect("migrations");
        let sig = |t: &str| Signature::of_text(t).expect("sig");
        assert_eq!(
            dedup::claim_near(&pool, "art_a", &sig(&a), params, THRESHOLD)
                .await
                .expect("claim"),
            None
        );
        assert_eq!(
            dedup::claim_near(&pool, "art_o", &sig(&other), params, THRESHOLD)
                .await
                .expect("claim"),
            None
        );
        let m = dedup::claim_near(&pool, "art_b", &sig(&b), params, THRESHOLD)
            .await
            .expect("claim")
            .expect("near duplicate");
        assert_eq!(m.original, "art_a");
        pool.close().await;
    }
    // A new process: new pool, and the server restarted.
    pg.restart().expect("restart");
    let pool = pool(&url).await;
    sahel_runtime::db::migrate(&pool)
        .await
        .expect("migrations are idempotent");
    let sig = |t: &str| Signature::of_text(t).expect("sig");
    // Replay of b: the first verdict, whatever the signature says now.
    let replay = dedup::claim_near(&pool, "art_b", &sig(&other), params, THRESHOLD)
        .await
        .expect("claim")
        .expect("still a near duplicate");
    assert_eq!(replay.original, "art_a");
    // A variant of the variant names the original, with its similarity to the original.
    let c = format!("{b}\nRead more from our correspondents");
    let m = dedup::claim_near(&pool, "art_c", &sig(&c), params, THRESHOLD)
        .await
        .expect("claim")
        .expect("near duplicate");
    assert_eq!(m.original, "art_a");
    assert!((m.similarity - sig(&c).similarity(&sig(&a))).abs() < 1e-12);
    // A replayed original stays an original; a distinct story is unique.
    assert_eq!(
        dedup::claim_near(&pool, "art_a", &sig(&a), params, THRESHOLD)
            .await
            .expect("claim"),
        None
    );
    assert_eq!(
        dedup::claim_near(&pool, "art_x", &sig(&story(3003, 200)), params, THRESHOLD)
            .await
            .expect("claim"),
        None
    );
}
