//! Dedup state in PostgreSQL, owned by the normalizer: exact fingerprints
//! (`dedup_fingerprints`, migration 0001) and near-duplicate signatures and LSH bands
//! (`near_dup_articles`, `near_dup_bands`, migration 0004).
//!
//! The service claims a whole batch at once ([`claim_batch`]): one transaction and at most
//! nine statements whatever the batch's size (begin, lock, fingerprint insert, owner lookup,
//! replay lookup, candidate query, signature insert, band insert, commit), with the verdicts
//! the articles would get claimed one by one in batch order. [`claim`] and [`claim_near`] claim
//! one article through the same code.

use std::collections::{HashMap, HashSet};

use crate::neardup::{MemoryIndex, NearMatch, Params, Signature};

/// One article to claim.
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    /// Article id.
    pub article_id: &'a str,
    /// Exact fingerprint (`text_sha256`).
    pub fingerprint: &'a str,
    /// MinHash signature, when the text is long enough for a near-duplicate verdict.
    pub signature: Option<&'a Signature>,
}

/// What a claim decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The first of its text (exactly and nearly).
    Unique,
    /// The same text as `original`, claimed before.
    ExactDuplicate {
        /// The article that owns the fingerprint.
        original: String,
    },
    /// Nearly the same text as an earlier original.
    NearDuplicate(NearMatch),
}

/// The one advisory lock every near-duplicate claim holds for its transaction (the bytes of
/// "sahel:dd"; far from the keys sqlx derives for its migration lock).
///
/// Why one lock and not one per band key: two claims that could match each other (they share
/// a band key) must run one after the other, so the second sees the first. A batch of 500
/// articles has 16,000 band keys; locking them all would overflow PostgreSQL's shared lock
/// table (`max_locks_per_transaction` × `max_connections`, 64 × 100 by default). Hashing them
/// into a bounded number of slots does not help either: 16,000 keys cover every slot of a
/// table of 1,024, so two batches would almost always conflict anyway, at the cost of a
/// thousand locks each. One lock serialises the claims of all instances; each claim is a
/// handful of statements for a whole batch (tens of milliseconds), so instances scale by
/// claiming larger batches, and the claims are exactly equivalent to a serial order.
const CLAIM_LOCK_KEY: i64 = i64::from_be_bytes(*b"sahel:dd");

/// Claims a batch: the verdict of each article, in order, as if each had been claimed alone
/// in batch order (an article can duplicate an earlier one of the same batch). An exact
/// duplicate gets no near-duplicate verdict and is not indexed; an article without signature
/// gets only the exact check. A replay (an article id claimed before, in an earlier batch or
/// earlier in this one) gets its first verdict.
///
/// One transaction, holding [`CLAIM_LOCK_KEY`] from its first statement: claims from several
/// instances run one after the other, so two instances claiming overlapping batches agree
/// (the verdicts are those of some serial order of the batches). The fingerprints are also
/// guarded by their primary key, as in [`claim`].
pub async fn claim_batch(
    pool: &sqlx::PgPool,
    claims: &[Claim<'_>],
    params: Params,
    threshold: f64,
) -> Result<Vec<Verdict>, sqlx::Error> {
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let mut tx = pool.begin().await?;
    lock(&mut tx).await?;
    let exact: Vec<(&str, &str)> = claims.iter().map(|c| (c.fingerprint, c.article_id)).collect();
    let owners = claim_exact_in(&mut tx, &exact).await?;
    // Only the owner of its text is compared with the others (as when claimed one by one).
    let near: Vec<(&str, &Signature)> = claims
        .iter()
        .zip(&owners)
        .filter(|(c, owner)| c.article_id == owner.as_str())
        .filter_map(|(c, _)| c.signature.map(|s| (c.article_id, s)))
        .collect();
    let mut near_verdicts = claim_near_in(&mut tx, &near, params, threshold).await?.into_iter();
    tx.commit().await?;
    Ok(claims
        .iter()
        .zip(owners)
        .map(|(c, owner)| {
            if owner != c.article_id {
                Verdict::ExactDuplicate { original: owner }
            } else if c.signature.is_some() {
                // One verdict per signed owner, in the same order as `near`.
                match near_verdicts.next().flatten() {
                    Some(m) => Verdict::NearDuplicate(m),
                    None => Verdict::Unique,
                }
            } else {
                Verdict::Unique
            }
        })
        .collect())
}

/// Claims `fingerprint` for `article_id` and returns the article that owns it: `article_id`
/// itself when it is the first (or when this is a replay of the first), otherwise the
/// original. Atomic under concurrency: two instances claiming at once get the same answer.
pub async fn claim(pool: &sqlx::PgPool, fingerprint: &str, article_id: &str) -> Result<String, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let owner = claim_exact_in(&mut tx, &[(fingerprint, article_id)]).await?;
    tx.commit().await?;
    owner.into_iter().next().ok_or(sqlx::Error::RowNotFound)
}

/// Claims `signature` for `article_id` against every article claimed before and returns the
/// near-duplicate verdict: `None` when it is an original, else the original and the estimated
/// similarity to it. Every article is indexed under its band keys; a match on a near duplicate
/// names that article's original ([`crate::neardup::resolve`]). A replay returns the first
/// verdict. Holds the claim lock like [`claim_batch`].
pub async fn claim_near(
    pool: &sqlx::PgPool,
    article_id: &str,
    signature: &Signature,
    params: Params,
    threshold: f64,
) -> Result<Option<NearMatch>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    lock(&mut tx).await?;
    let verdict = claim_near_in(&mut tx, &[(article_id, signature)], params, threshold).await?;
    tx.commit().await?;
    Ok(verdict.into_iter().next().flatten())
}

/// Takes the claim lock until the transaction ends.
async fn lock(tx: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(CLAIM_LOCK_KEY)
        .execute(tx)
        .await
        .map(drop)
}

/// The owner of each `(fingerprint, article_id)`, in order: one insert of every fingerprint
/// not already owned, then one lookup of the owners of those that were taken. Within the
/// list, the first article with a fingerprint owns it.
async fn claim_exact_in(tx: &mut sqlx::PgConnection, items: &[(&str, &str)]) -> Result<Vec<String>, sqlx::Error> {
    let mut first: HashMap<&str, &str> = HashMap::with_capacity(items.len());
    for &(fp, id) in items {
        first.entry(fp).or_insert(id);
    }
    // Sorted, so two transactions inserting overlapping fingerprints wait for each other in
    // the same order (no deadlock), whether or not they hold the claim lock.
    let mut wanted: Vec<(&str, &str)> = first.into_iter().collect();
    wanted.sort_unstable();
    let (fps, ids): (Vec<&str>, Vec<&str>) = wanted.iter().copied().unzip();
    // ON CONFLICT DO NOTHING returns no row for a key another article holds. A key inserted
    // by a concurrent transaction makes this one wait for it; when it commits, the row is
    // skipped here and the lookup below (a new statement, a new snapshot) reads the winner.
    let won: Vec<(String, String)> = sqlx::query_as(
        "INSERT INTO dedup_fingerprints (text_sha256, article_id)
         SELECT fp, id FROM unnest($1::text[], $2::text[]) AS t(fp, id) ORDER BY fp
         ON CONFLICT (text_sha256) DO NOTHING RETURNING text_sha256, article_id",
    )
    .bind(&fps)
    .bind(&ids)
    .fetch_all(&mut *tx)
    .await?;
    let mut owners: HashMap<String, String> = won.into_iter().collect();
    let taken: Vec<&str> = fps.iter().copied().filter(|fp| !owners.contains_key(*fp)).collect();
    if !taken.is_empty() {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT text_sha256, article_id FROM dedup_fingerprints WHERE text_sha256 = ANY($1)")
                .bind(&taken)
                .fetch_all(&mut *tx)
                .await?;
        owners.extend(rows);
    }
    items
        .iter()
        .map(|(fp, _)| owners.get(*fp).cloned().ok_or(sqlx::Error::RowNotFound))
        .collect()
}

/// The near-duplicate verdict of each `(article_id, signature)`, in order, as if claimed one by
/// one. The caller holds the claim lock. Statements: the replay lookup, one candidate query
/// for every band key of the new articles, one insert of their signatures and one of their
/// bands; the decisions are made in memory ([`MemoryIndex`]) in list order.
async fn claim_near_in(
    tx: &mut sqlx::PgConnection,
    items: &[(&str, &Signature)],
    params: Params,
    threshold: f64,
) -> Result<Vec<Option<NearMatch>>, sqlx::Error> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let scheme = params.scheme();
    let mut index = MemoryIndex::with(params, threshold);

    let ids: Vec<&str> = items.iter().map(|(id, _)| *id).collect();
    let replays: Vec<(String, Option<String>, Option<f64>)> =
        sqlx::query_as("SELECT article_id, duplicate_of, similarity FROM near_dup_articles WHERE article_id = ANY($1)")
            .bind(&ids)
            .fetch_all(&mut *tx)
            .await?;
    let mut known: HashSet<String> = HashSet::with_capacity(replays.len());
    for (id, duplicate_of, similarity) in replays {
        index.remember(&id, verdict_of(duplicate_of, similarity));
        known.insert(id);
    }

    // The new articles (first occurrence of each id), whose rows this claim inserts.
    let mut fresh: Vec<usize> = Vec::new();
    for (i, (id, _)) in items.iter().enumerate() {
        if !known.contains(*id) {
            known.insert((*id).to_owned());
            fresh.push(i);
        }
    }
    if fresh.is_empty() {
        return Ok(items.iter().map(|(id, sig)| index.claim(id, sig)).collect());
    }
    let keys_of: Vec<Vec<i64>> = fresh.iter().map(|&i| items[i].1.band_keys(params)).collect();
    let mut keys: Vec<i64> = keys_of.iter().flatten().copied().collect();
    keys.sort_unstable();
    keys.dedup();

    // Every stored article sharing a band with the batch, with the keys it shares (they decide
    // which of the batch's articles it is compared with), its verdict, and its original's
    // signature when it is a near duplicate.
    type Row = (String, Vec<u8>, Option<String>, Option<f64>, Option<Vec<u8>>, Vec<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.article_id, a.signature, a.duplicate_of, a.similarity, r.signature, h.keys
           FROM (SELECT article_id, array_agg(band_key) AS keys
                   FROM near_dup_bands WHERE band_key = ANY($1) GROUP BY article_id) h
           JOIN near_dup_articles a ON a.article_id = h.article_id
           LEFT JOIN near_dup_articles r ON r.article_id = a.duplicate_of
          WHERE a.scheme = $2",
    )
    .bind(&keys)
    .bind(&scheme)
    .fetch_all(&mut *tx)
    .await?;
    for (id, bytes, duplicate_of, similarity, root_bytes, shared) in rows {
        let Some(sig) = Signature::from_bytes(&bytes) else {
            continue;
        };
        let root_sig = root_bytes.as_deref().and_then(Signature::from_bytes);
        let root = duplicate_of.as_deref().zip(root_sig);
        let verdict = verdict_of(duplicate_of.clone(), similarity);
        index.add_claimed(&id, sig, &shared, root, verdict);
    }

    let verdicts: Vec<Option<NearMatch>> = items.iter().map(|(id, sig)| index.claim(id, sig)).collect();

    let (mut new_ids, mut sigs, mut originals, mut sims) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut band_keys, mut band_ids) = (Vec::new(), Vec::new());
    for (&i, keys) in fresh.iter().zip(keys_of) {
        let (id, sig) = items[i];
        let verdict = verdicts[i].as_ref();
        new_ids.push(id);
        sigs.push(sig.to_bytes());
        originals.push(verdict.map(|m| m.original.as_str()));
        sims.push(verdict.map(|m| m.similarity));
        band_ids.extend(std::iter::repeat_n(id, keys.len()));
        band_keys.extend(keys);
    }
    sqlx::query(
        "INSERT INTO near_dup_articles (article_id, scheme, signature, duplicate_of, similarity)
         SELECT id, $2, sig, dup, sim FROM unnest($1::text[], $3::bytea[], $4::text[], $5::float8[])
                AS t(id, sig, dup, sim)",
    )
    .bind(&new_ids)
    .bind(&scheme)
    .bind(&sigs)
    .bind(&originals)
    .bind(&sims)
    .execute(&mut *tx)
    .await?;
    // No ON CONFLICT (it costs an extra index search per row, a quarter of this statement):
    // a band row needs its article row (foreign key), and these articles had none when looked
    // up under the claim lock. Should a row exist anyway (a claimer that does not take the
    // lock), the batch fails and is retried, and its articles are replays then.
    sqlx::query(
        "INSERT INTO near_dup_bands (band_key, article_id)
         SELECT k, id FROM unnest($1::bigint[], $2::text[]) AS t(k, id) ORDER BY k, id",
    )
    .bind(&band_keys)
    .bind(&band_ids)
    .execute(&mut *tx)
    .await?;
    Ok(verdicts)
}

/// A stored verdict.
fn verdict_of(duplicate_of: Option<String>, similarity: Option<f64>) -> Option<NearMatch> {
    duplicate_of.map(|original| NearMatch {
        original,
        similarity: similarity.unwrap_or(0.0),
    })
}
