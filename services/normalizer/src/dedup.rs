//! Dedup state in PostgreSQL, owned by the normalizer: exact fingerprints
//! (`dedup_fingerprints`, migration 0001) and near-duplicate signatures and LSH bands
//! (`near_dup_articles`, `near_dup_bands`, migration 0004).

use crate::neardup::{best_match, resolve, NearMatch, Params, Signature};

/// Claims `fingerprint` for `article_id` and returns the article that owns it: `article_id`
/// itself when it is the first (or when this is a replay of the first), otherwise the
/// original. Atomic under concurrency: two instances claiming at once get the same answer.
pub async fn claim(pool: &sqlx::PgPool, fingerprint: &str, article_id: &str) -> Result<String, sqlx::Error> {
    // INSERT ... ON CONFLICT DO NOTHING returns no row when another article holds the key;
    // the SELECT in the same statement cannot see a row inserted concurrently, so on a lost
    // race the follow-up query reads the committed winner.
    let won: Option<(String,)> = sqlx::query_as(
        "INSERT INTO dedup_fingerprints (text_sha256, article_id) VALUES ($1, $2)
         ON CONFLICT (text_sha256) DO NOTHING RETURNING article_id",
    )
    .bind(fingerprint)
    .bind(article_id)
    .fetch_optional(pool)
    .await?;
    if let Some((id,)) = won {
        return Ok(id);
    }
    let (owner,): (String,) = sqlx::query_as("SELECT article_id FROM dedup_fingerprints WHERE text_sha256 = $1")
        .bind(fingerprint)
        .fetch_one(pool)
        .await?;
    Ok(owner)
}

/// Claims `signature` for `article_id` against every article claimed before and returns the
/// near-duplicate verdict: `None` when it is an original, else the original and the estimated
/// similarity to it. Every article is indexed under its band keys; a match on a near duplicate
/// names that article's original ([`crate::neardup::resolve`]). A replay returns the first
/// verdict.
///
/// Correct with several instances: the claim holds transaction-scoped advisory locks on its
/// band keys, taken in ascending order (no deadlock), so two claims that could match each
/// other (they share a band key) run one after the other, and the second, whose statements
/// start after the first committed, sees the first. Claims that share no band cannot match.
pub async fn claim_near(
    pool: &sqlx::PgPool,
    article_id: &str,
    signature: &Signature,
    params: Params,
    threshold: f64,
) -> Result<Option<NearMatch>, sqlx::Error> {
    let scheme = params.scheme();
    // Sorted and distinct; unnest() yields them in array order. One lock per band (32): well
    // within PostgreSQL's max_locks_per_transaction (64 by default).
    let keys = signature.band_keys(params);
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k")
        .bind(&keys)
        .execute(&mut *tx)
        .await?;

    let before: Option<(Option<String>, Option<f64>)> =
        sqlx::query_as("SELECT duplicate_of, similarity FROM near_dup_articles WHERE article_id = $1")
            .bind(article_id)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some((duplicate_of, similarity)) = before {
        tx.commit().await?;
        return Ok(duplicate_of.map(|original| NearMatch {
            original,
            similarity: similarity.unwrap_or(0.0),
        }));
    }

    // Candidates sharing a band, with their original's signature when they are duplicates.
    type Row = (String, Vec<u8>, Option<String>, Option<Vec<u8>>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.article_id, a.signature, a.duplicate_of, r.signature
           FROM near_dup_articles a LEFT JOIN near_dup_articles r ON r.article_id = a.duplicate_of
          WHERE a.scheme = $2
            AND a.article_id IN (SELECT article_id FROM near_dup_bands WHERE band_key = ANY($1))",
    )
    .bind(&keys)
    .bind(&scheme)
    .fetch_all(&mut *tx)
    .await?;
    type Candidate = (String, Signature, Option<(String, Signature)>);
    let candidates: Vec<Candidate> = rows
        .into_iter()
        .filter_map(|(id, bytes, root, root_bytes)| {
            let sig = Signature::from_bytes(&bytes)?;
            let root = root.zip(root_bytes.as_deref().and_then(Signature::from_bytes));
            Some((id, sig, root))
        })
        .collect();
    let found = best_match(
        signature,
        candidates.iter().map(|(id, s, _)| (id.as_str(), s)),
        threshold,
    )
    .map(|m| {
        let root = candidates
            .iter()
            .find(|(id, _, _)| *id == m.original)
            .and_then(|(_, _, r)| r.as_ref())
            .map(|(id, s)| (id.as_str(), s));
        resolve(signature, m, root)
    });

    sqlx::query(
        "INSERT INTO near_dup_articles (article_id, scheme, signature, duplicate_of, similarity)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(article_id)
    .bind(&scheme)
    .bind(signature.to_bytes())
    .bind(found.as_ref().map(|m| m.original.as_str()))
    .bind(found.as_ref().map(|m| m.similarity))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO near_dup_bands (band_key, article_id)
         SELECT k, $2 FROM unnest($1::bigint[]) AS k ON CONFLICT DO NOTHING",
    )
    .bind(&keys)
    .bind(article_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(found)
}
