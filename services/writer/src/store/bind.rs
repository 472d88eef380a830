//! Binding a batch's rows to the statements: one array per column, in the order of each
//! statement's columns ([`super::table`], [`super::sql`]), or one `jsonb` value.

use serde::Serialize;

#[cfg(doc)]
use super::sql::{DATE_COLUMNS, EVENT_COLUMNS, EVIDENCE_COLUMNS, PLACE_COLUMNS};
#[cfg(doc)]
use super::table::{ARTICLES, MENTIONS};
use crate::merge::{self, NewEvent};
use crate::rows::{ArticleRow, MentionRow};

/// Rows as one `jsonb` array (for `jsonb_to_recordset`).
pub(super) fn to_json<T: Serialize>(rows: &[&T]) -> Result<serde_json::Value, sqlx::Error> {
    serde_json::to_value(rows).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// A column: one value per row (text as decoded: [`crate::rows`] removed any NUL).
fn col<'a, R, T>(rows: &[&'a R], f: fn(&'a R) -> T) -> Vec<T> {
    rows.iter().map(|r| f(r)).collect()
}

/// Upserts the articles, one array per column in [`ARTICLES`] order; returns the ids written.
pub(super) async fn upsert_articles(
    tx: &mut sqlx::PgConnection,
    sql: &str,
    rows: &[&ArticleRow],
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(sql)
        .bind(col(rows, |a| a.article_id.as_str()))
        .bind(col(rows, |a| a.document_id.as_str()))
        .bind(col(rows, |a| a.source_name.as_str()))
        .bind(col(rows, |a| a.url_or_path.as_str()))
        .bind(col(rows, |a| a.final_url.as_deref()))
        .bind(col(rows, |a| a.canonical_url.as_deref()))
        .bind(col(rows, |a| a.title.as_deref()))
        .bind(col(rows, |a| a.byline.as_deref()))
        .bind(col(rows, |a| a.language.as_str()))
        .bind(col(rows, |a| a.language_confidence))
        .bind(col(rows, |a| a.published_at))
        .bind(col(rows, |a| a.published_precision))
        .bind(col(rows, |a| a.published_source))
        .bind(col(rows, |a| a.main_text.as_deref()))
        .bind(col(rows, |a| a.paragraphs.as_ref().map(sqlx::types::Json)))
        .bind(col(rows, |a| i64::from(a.word_count)))
        .bind(col(rows, |a| a.text_sha256.as_str()))
        .bind(col(rows, |a| a.dedup_verdict))
        .bind(col(rows, |a| a.duplicate_of.as_deref()))
        .bind(col(rows, |a| a.similarity))
        .bind(col(rows, |a| a.fetched_at))
        .bind(col(rows, |a| a.normalizer_version.as_str()))
        .bind(col(rows, |a| a.normalized_at))
        .fetch_all(tx)
        .await
}

/// The mention arrays, one per column in [`MENTIONS`] order. Mention text is bound as decoded
/// ([`crate::rows::mention_row`] removed any NUL).
pub(super) fn mention_arguments(rows: &[&MentionRow]) -> Result<sqlx::postgres::PgArguments, sqlx::Error> {
    use sqlx::Arguments as _;
    let mut a = sqlx::postgres::PgArguments::default();
    let add = |r: Result<(), sqlx::error::BoxDynError>| r.map_err(sqlx::Error::Encode);
    add(a.add(col(rows, |m| m.mention_id.as_str())))?;
    add(a.add(col(rows, |m| m.event_id.as_str())))?;
    add(a.add(col(rows, |m| m.article_id.as_str())))?;
    add(a.add(col(rows, |m| m.event_type)))?;
    add(a.add(col(rows, |m| m.event_mode.as_deref())))?;
    add(a.add(col(rows, |m| m.cameo_root.as_str())))?;
    add(a.add(col(rows, |m| i16::from(m.quad_class))))?;
    add(a.add(col(rows, |m| m.actor1_id.as_deref())))?;
    add(a.add(col(rows, |m| m.actor1_text.as_deref())))?;
    add(a.add(col(rows, |m| m.actor1_name.as_deref())))?;
    add(a.add(col(rows, |m| m.actor1_country.as_deref())))?;
    add(a.add(col(rows, |m| m.actor1_sector.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_id.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_text.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_name.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_country.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_sector.as_deref())))?;
    add(a.add(col(rows, |m| m.date_start)))?;
    add(a.add(col(rows, |m| m.date_end)))?;
    add(a.add(col(rows, |m| m.date_precision)))?;
    add(a.add(col(rows, |m| m.date_resolution)))?;
    add(a.add(col(rows, |m| m.place_id.as_deref())))?;
    add(a.add(col(rows, |m| m.place_name.as_deref())))?;
    add(a.add(col(rows, |m| m.place_country.as_deref())))?;
    add(a.add(col(rows, |m| m.place_admin1.as_deref())))?;
    add(a.add(col(rows, |m| m.latitude)))?;
    add(a.add(col(rows, |m| m.longitude)))?;
    add(a.add(col(rows, |m| m.gazetteer_id.as_deref())))?;
    add(a.add(col(rows, |m| m.place_precision.as_deref())))?;
    add(a.add(col(rows, |m| i64::from(m.sentence_index))))?;
    add(a.add(col(rows, |m| i64::from(m.char_start))))?;
    add(a.add(col(rows, |m| i64::from(m.char_end))))?;
    add(a.add(col(rows, |m| m.quote.as_str())))?;
    add(a.add(col(rows, |m| m.quote_language.as_str())))?;
    add(a.add(col(rows, |m| m.modality)))?;
    add(a.add(col(rows, |m| m.confidence)))?;
    add(a.add(col(rows, |m| m.extractor_version.as_str())))?;
    add(a.add(col(rows, |m| m.extracted_at)))?;
    Ok(a)
}

/// Merges the aggregates of the new mentions into their events, one array per column in the
/// order of [`EVENT_COLUMNS`], [`EVIDENCE_COLUMNS`], [`DATE_COLUMNS`] and [`PLACE_COLUMNS`].
pub(super) async fn merge_events<'a>(
    tx: &mut sqlx::PgConnection,
    sql: &str,
    events: &[NewEvent<'a>],
) -> Result<(), sqlx::Error> {
    fn of<'e, 'a, T>(events: &'e [NewEvent<'a>], f: impl Fn(&'e NewEvent<'a>) -> T) -> Vec<T> {
        events.iter().map(f).collect()
    }
    // Mention text is bound as decoded ([`crate::rows::mention_row`] removed any NUL).
    sqlx::query(sql)
        .bind(of(events, |e| e.event_id))
        .bind(of(events, |e| e.event_type))
        .bind(of(events, |e| e.cameo_root))
        .bind(of(events, |e| i16::from(e.quad_class)))
        .bind(of(events, |e| i32::try_from(e.num_mentions).unwrap_or(i32::MAX)))
        .bind(of(events, |e| e.first_seen))
        .bind(of(events, |e| e.last_seen))
        .bind(of(events, |e| merge::text_array_literal(e.article_ids.iter().copied())))
        .bind(of(events, |e| {
            merge::text_array_literal(e.source_names.iter().copied())
        }))
        // The strongest evidence.
        .bind(of(events, |e| &e.evidence.quote))
        .bind(of(events, |e| &e.evidence.mention_id))
        .bind(of(events, |e| &e.evidence.article_id))
        .bind(of(events, |e| e.evidence.confidence))
        .bind(of(events, |e| e.evidence.modality))
        .bind(of(events, |e| e.evidence.event_mode.as_deref()))
        .bind(of(events, |e| e.evidence.actor1_id.as_deref()))
        .bind(of(events, |e| e.evidence.actor1_name.as_deref()))
        .bind(of(events, |e| e.evidence.actor1_country.as_deref()))
        .bind(of(events, |e| e.evidence.actor1_sector.as_deref()))
        .bind(of(events, |e| e.evidence.actor2_id.as_deref()))
        .bind(of(events, |e| e.evidence.actor2_name.as_deref()))
        .bind(of(events, |e| e.evidence.actor2_country.as_deref()))
        .bind(of(events, |e| e.evidence.actor2_sector.as_deref()))
        // The best date.
        .bind(of(events, |e| e.date.and_then(|m| m.date_start)))
        .bind(of(events, |e| e.date.and_then(|m| m.date_end)))
        .bind(of(events, |e| e.date.and_then(|m| m.date_precision)))
        .bind(of(events, |e| e.date.and_then(|m| m.date_resolution)))
        .bind(of(events, |e| e.date.map(|m| m.confidence)))
        .bind(of(events, |e| e.date.map(|m| m.mention_id.as_str())))
        // The best place.
        .bind(of(events, |e| e.place.and_then(|m| m.place_id.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.place_name.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.place_country.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.place_admin1.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.latitude)))
        .bind(of(events, |e| e.place.and_then(|m| m.longitude)))
        .bind(of(events, |e| e.place.and_then(|m| m.gazetteer_id.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.place_precision.as_deref())))
        .bind(of(events, |e| e.place.map(|m| m.confidence)))
        .bind(of(events, |e| e.place.map(|m| m.mention_id.as_str())))
        .execute(tx)
        .await?;
    Ok(())
}
