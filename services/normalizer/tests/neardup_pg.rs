//! Near-duplicate state in a real PostgreSQL (the harness of `tests/`: a throwaway cluster on a
//! free port): two claims of the same story at once give one original and one near duplicate,
//! every time; the state survives a new connection pool (a restart); replays return the first
//! verdict; exact dedup keeps working beside it. Batch claims (`dedup::claim_batch`, what the
//! service runs) give the verdicts of claiming the articles one by one, also against articles
//! of the same batch, and two instances claiming overlapping batches at once agree.

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use sahel_e2e::{unique, Postgres};
use sahel_normalizer::dedup::{self, Claim, Verdict};
use sahel_normalizer::neardup::{MemoryIndex, NearMatch, Params, Signature, THRESHOLD};
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

/// A short fingerprint of a text (the service uses SHA-256 of the dedup key; any function of
/// the text does here).
fn fp(text: &str) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    format!("fp-{:016x}-{}", h.finish(), text.len())
}

/// An article of a test stream: id and text.
type Item = (String, String);

fn item(id: impl Into<String>, text: impl Into<String>) -> Item {
    (id.into(), text.into())
}

/// Claims `items` as one batch.
async fn claim_items(pool: &sqlx::PgPool, items: &[Item]) -> Vec<Verdict> {
    let fps: Vec<String> = items.iter().map(|(_, t)| fp(t)).collect();
    let sigs: Vec<Option<Signature>> = items.iter().map(|(_, t)| Signature::of_text(t)).collect();
    let claims: Vec<Claim<'_>> = items
        .iter()
        .zip(&fps)
        .zip(&sigs)
        .map(|(((id, _), fp), sig)| Claim {
            article_id: id,
            fingerprint: fp,
            signature: sig.as_ref(),
        })
        .collect();
    dedup::claim_batch(pool, &claims, Params::DEFAULT, THRESHOLD)
        .await
        .expect("batch claim")
}

/// The reference: each article claimed alone, in order, against in-memory state (a map of
/// fingerprints and the in-memory near-duplicate index).
struct Serial {
    owners: HashMap<String, String>,
    index: MemoryIndex,
}

impl Serial {
    fn new() -> Self {
        Serial {
            owners: HashMap::new(),
            index: MemoryIndex::new(),
        }
    }

    fn claim(&mut self, items: &[Item]) -> Vec<Verdict> {
        items
            .iter()
            .map(|(id, text)| {
                let owner = self.owners.entry(fp(text)).or_insert_with(|| id.clone()).clone();
                if owner != *id {
                    return Verdict::ExactDuplicate { original: owner };
                }
                match Signature::of_text(text).and_then(|s| self.index.claim(id, &s)) {
                    Some(m) => Verdict::NearDuplicate(m),
                    None => Verdict::Unique,
                }
            })
            .collect()
    }
}

fn near(original: &str, similarity: f64) -> Verdict {
    Verdict::NearDuplicate(NearMatch {
        original: original.into(),
        similarity,
    })
}

fn sim(a: &str, b: &str) -> f64 {
    Signature::of_text(a)
        .expect("sig")
        .similarity(&Signature::of_text(b).expect("sig"))
}

async fn migrated(pg: &Postgres) -> sqlx::PgPool {
    let url = pg.fresh_database(&unique("neardup_")).await.expect("database");
    let pool = pool(&url).await;
    sahel_runtime::db::migrate(&pool).await.expect("migrations");
    pool
}

/// The dedup tables, as sorted text rows (to compare two databases).
async fn state(pool: &sqlx::PgPool) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT 'fp ' || text_sha256 || ' ' || article_id FROM dedup_fingerprints
         UNION ALL
         SELECT 'near ' || article_id || ' ' || coalesce(duplicate_of, '-') || ' ' || coalesce(similarity::text, '-')
           FROM near_dup_articles
         UNION ALL
         SELECT 'bands ' || article_id || ' ' || count(*) FROM near_dup_bands GROUP BY article_id
         ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .expect("state");
    rows.into_iter().map(|(r,)| r).collect()
}

#[tokio::test]
async fn a_batch_finds_copies_of_its_own_articles() {
    let pg = Postgres::start().expect("PostgreSQL for tests (deploy/local/install.sh)");
    let pool = migrated(&pg).await;
    let a = story(11, 150);
    let b = variant(&a);
    let c = format!("{b}\nRead more from our correspondents");
    let o = story(12, 150);
    let batch = [
        item("art_a", a.clone()),
        item("art_copy", a.clone()),
        item("art_b", b.clone()),
        item("art_o", o.clone()),
        item("art_c", c.clone()),
        item("art_short", "Breaking news from Bamako today"),
        item("art_copy_of_b", b.clone()),
    ];
    let got = claim_items(&pool, &batch).await;
    let want = vec![
        Verdict::Unique,
        Verdict::ExactDuplicate {
            original: "art_a".into(),
        },
        near("art_a", sim(&b, &a)),
        Verdict::Unique,
        // A variant of the variant names the original, with its similarity to the original.
        near("art_a", sim(&c, &a)),
        Verdict::Unique,
        Verdict::ExactDuplicate {
            original: "art_b".into(),
        },
    ];
    assert_eq!(got, want);
    assert!(sim(&b, &a) >= THRESHOLD && sim(&b, &a) < 1.0);
    // Exact copies are not indexed; the short text has no signature.
    let (articles, originals, bands): (i64, i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL),
                (SELECT count(DISTINCT article_id) FROM near_dup_bands) FROM near_dup_articles",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    assert_eq!((articles, originals, bands), (4, 2, 4));
    let owners: i64 = sqlx::query_scalar("SELECT count(*) FROM dedup_fingerprints")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(owners, 5, "a, b, o, c and the short text own their fingerprints");
}

#[tokio::test]
async fn a_batch_of_replays_and_new_articles_gets_the_first_verdicts() {
    let pg = Postgres::start().expect("PostgreSQL for tests (deploy/local/install.sh)");
    let pool = migrated(&pg).await;
    let a = story(21, 150);
    let b = variant(&a);
    let o = story(22, 150);
    let first = [
        item("art_a", a.clone()),
        item("art_b", b.clone()),
        item("art_x", a.clone()),
        item("art_o", o.clone()),
    ];
    let first_verdicts = claim_items(&pool, &first).await;
    assert_eq!(
        first_verdicts,
        vec![
            Verdict::Unique,
            near("art_a", sim(&b, &a)),
            Verdict::ExactDuplicate {
                original: "art_a".into()
            },
            Verdict::Unique
        ]
    );
    let before = state(&pool).await;

    // The same batch again (a consumer replaying it after a crash) changes nothing.
    assert_eq!(claim_items(&pool, &first).await, first_verdicts);
    assert_eq!(state(&pool).await, before);

    // Replays in another order, mixed with new articles that match them; art_b replayed
    // first, before its original, still gets its stored verdict.
    let n = variant(&o);
    let m = story(23, 150);
    let mixed = [
        item("art_b", b.clone()),
        item("art_n", n.clone()),
        item("art_a", a.clone()),
        item("art_m", m.clone()),
        item("art_x", a.clone()),
        item("art_o", o.clone()),
        item("art_m2", m.clone()),
    ];
    let got = claim_items(&pool, &mixed).await;
    assert_eq!(
        got,
        vec![
            first_verdicts[1].clone(),
            near("art_o", sim(&n, &o)),
            first_verdicts[0].clone(),
            Verdict::Unique,
            first_verdicts[2].clone(),
            first_verdicts[3].clone(),
            Verdict::ExactDuplicate {
                original: "art_m".into()
            },
        ]
    );
    let (articles, originals): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL) FROM near_dup_articles")
            .fetch_one(&pool)
            .await
            .expect("count");
    assert_eq!((articles, originals), (5, 3), "a, o, m originals; b, n near duplicates");
}

/// A stream of articles with every case: originals, near duplicates of earlier ones (and of
/// their near duplicates), exact copies, replays of earlier articles, and short texts.
fn mixed_stream(seed: u64, n: usize) -> Vec<Item> {
    let mut x = seed | 1;
    let mut next = |m: usize| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((x >> 33) as usize) % m
    };
    let mut items: Vec<Item> = Vec::new();
    for k in 0..n {
        let id = format!("art_{seed}_{k:03}");
        let pick = if items.is_empty() { 0 } else { next(10) };
        let earlier = if items.is_empty() { 0 } else { next(items.len()) };
        let it = match pick {
            0..=3 => item(id, story(seed * 1000 + k as u64, 90 + next(60))),
            4 | 5 => item(id, variant(&items[earlier].1) + &format!("\nupdate {k}")),
            6 => item(id, items[earlier].1.clone()),
            7 => items[earlier].clone(),
            8 => item(id, format!("Short brief number {k} from Niamey")),
            _ => {
                // A near duplicate with a larger change: another paragraph appended.
                let extra = story(seed * 7 + k as u64, 30);
                item(id, format!("{}\n{extra}", items[earlier].1))
            }
        };
        items.push(it);
    }
    items
}

#[tokio::test]
async fn one_batch_gives_the_verdicts_of_one_article_per_batch() {
    let pg = Postgres::start().expect("PostgreSQL for tests (deploy/local/install.sh)");
    let items = mixed_stream(5, 120);
    let want = Serial::new().claim(&items);
    let count = |v: &[Verdict], f: fn(&Verdict) -> bool| v.iter().filter(|x| f(x)).count();
    // The stream exercises every path.
    assert!(count(&want, |v| matches!(v, Verdict::ExactDuplicate { .. })) >= 10);
    assert!(count(&want, |v| matches!(v, Verdict::NearDuplicate(_))) >= 15);
    assert!(count(&want, |v| matches!(v, Verdict::Unique)) >= 30);

    // Everything in one batch.
    let whole = migrated(&pg).await;
    assert_eq!(claim_items(&whole, &items).await, want, "one batch");
    // Batches of 7, then one article per batch.
    let sevens = migrated(&pg).await;
    let mut got = Vec::new();
    for chunk in items.chunks(7) {
        got.extend(claim_items(&sevens, chunk).await);
    }
    assert_eq!(got, want, "batches of 7");
    let singles = migrated(&pg).await;
    let mut got = Vec::new();
    for one in items.chunks(1) {
        got.extend(claim_items(&singles, one).await);
    }
    assert_eq!(got, want, "one article per batch");
    // And the same stored state, so later batches get the same verdicts too.
    let s = state(&whole).await;
    assert_eq!(s, state(&sevens).await);
    assert_eq!(s, state(&singles).await);
    // The whole stream replayed as one batch: the first verdicts.
    assert_eq!(claim_items(&singles, &items).await, want, "replay");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_batch_claims_over_overlapping_stories_agree() {
    let pg = Postgres::start().expect("PostgreSQL for tests (deploy/local/install.sh)");
    let url = pg.fresh_database(&unique("neardup_")).await.expect("database");
    // Two instances: two pools.
    let (p1, p2) = (pool(&url).await, pool(&url).await);
    sahel_runtime::db::migrate(&p1).await.expect("migrations");
    let mut orders = [0usize; 2];
    for round in 0..25u64 {
        // Each instance gets originals the other has variants of. In odd rounds both also
        // have two exact copies (the same texts under different ids), whose fingerprints
        // alone already order the two transactions; in even rounds only the claim lock does.
        let s: Vec<String> = (0..6).map(|i| story(round * 100 + i, 120)).collect();
        let copies = round % 2 == 1;
        let shared = |k: usize, text: &str| {
            if copies {
                text.to_owned()
            } else {
                format!("{text}\nUpdated by desk {k}")
            }
        };
        let one = vec![
            item(format!("r{round}_1a"), s[0].clone()),
            item(format!("r{round}_1b"), variant(&s[1])),
            item(format!("r{round}_1c"), shared(1, &s[2])),
            item(format!("r{round}_1d"), s[3].clone()),
            item(format!("r{round}_1e"), variant(&s[4])),
            item(format!("r{round}_1f"), shared(1, &s[5])),
        ];
        let two = vec![
            item(format!("r{round}_2a"), variant(&s[0])),
            item(format!("r{round}_2b"), s[1].clone()),
            item(format!("r{round}_2c"), shared(2, &s[2])),
            item(format!("r{round}_2d"), variant(&s[3])),
            item(format!("r{round}_2e"), format!("{}\nMore on this story soon", s[4])),
            item(format!("r{round}_2f"), shared(2, &s[5])),
        ];
        let barrier = Arc::new(Barrier::new(2));
        let spawn = |pool: sqlx::PgPool, items: Vec<Item>| {
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                claim_items(&pool, &items).await
            })
        };
        let t1 = spawn(p1.clone(), one.clone());
        let t2 = spawn(p2.clone(), two.clone());
        let (g1, g2) = (t1.await.expect("task"), t2.await.expect("task"));

        // The verdicts are those of one of the two serial orders.
        let one_first = {
            let mut s = Serial::new();
            (s.claim(&one), s.claim(&two))
        };
        let two_first = {
            let mut s = Serial::new();
            let second = s.claim(&two);
            (s.claim(&one), second)
        };
        let got = (g1, g2);
        if got == one_first {
            orders[0] += 1;
        } else if got == two_first {
            orders[1] += 1;
        } else {
            panic!("round {round}: {got:?} is no serial order of the two batches");
        }
        // Every story has exactly one original.
        let all: Vec<&Verdict> = got.0.iter().chain(&got.1).collect();
        assert_eq!(
            all.iter().filter(|v| matches!(v, Verdict::Unique)).count(),
            6,
            "round {round}: one original per story"
        );
    }
    eprintln!(
        "serial orders seen: instance 1 first {} times, instance 2 first {}",
        orders[0], orders[1]
    );
    let (articles, originals): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL) FROM near_dup_articles")
            .fetch_one(&p1)
            .await
            .expect("count");
    // Per round: 12 articles and 6 originals; in odd rounds 2 exact copies are not indexed.
    assert_eq!((articles, originals), (13 * 12 + 12 * 10, 25 * 6));
}
