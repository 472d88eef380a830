//! Exact-duplicate state in PostgreSQL (table `dedup_fingerprints`, owned by the normalizer).

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
