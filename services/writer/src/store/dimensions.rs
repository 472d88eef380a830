//! Stage 0, before the transaction: the actors, their aliases and the places a batch's mentions
//! reference, inserted unless stored, in a statement of their own (committed at once), and the
//! keys of those known to be stored, so that later batches skip them.
//!
//! They are immutable rows whose ids derive from their values. Inserted inside the batch's
//! transaction, a new one that two batches in flight both have would make the later batch,
//! which waits for the earlier one's lock, hold what the earlier one then waits for.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Mutex;

use super::error::{AtStage as _, Stage, StageError};
use super::sql::SQL;
use crate::rows::MentionRow;

/// How many dimension keys [`Known`] remembers before it starts again.
const KNOWN_DIMENSIONS: usize = 200_000;

/// The keys ([`Dimensions::keys`]) of the actors, aliases and places known to be stored,
/// shared by one writer's batches.
#[derive(Debug, Default)]
pub(super) struct Known(Mutex<HashSet<String>>);

impl Known {
    /// Inserts the dimension rows of `mentions` not known to be stored, and remembers them.
    pub(super) async fn insert_new<'a>(
        &self,
        pool: &sqlx::PgPool,
        mentions: impl IntoIterator<Item = &'a MentionRow>,
    ) -> Result<(), StageError> {
        let dimensions = {
            let known = self.0.lock().unwrap_or_else(|e| e.into_inner());
            Dimensions::of(mentions, &known)
        };
        if dimensions.is_empty() {
            return Ok(());
        }
        dimensions.insert(pool).await.at(Stage::Dimensions)?;
        let mut known = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if known.len() > KNOWN_DIMENSIONS {
            known.clear();
        }
        known.extend(dimensions.keys());
        Ok(())
    }

    /// Forgets which rows are stored (after a refused batch: one may have been deleted since).
    pub(super) fn forget(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Actors, one array per column.
#[derive(Default)]
struct ActorColumns<'a> {
    id: Vec<&'a str>,
    name: Vec<&'a str>,
    country: Vec<Option<&'a str>>,
    sector: Vec<Option<&'a str>>,
}

/// Places, one array per column.
#[derive(Default)]
struct PlaceColumns<'a> {
    id: Vec<&'a str>,
    name: Vec<&'a str>,
    country: Vec<Option<&'a str>>,
    admin1: Vec<Option<&'a str>>,
    latitude: Vec<Option<f64>>,
    longitude: Vec<Option<f64>>,
    gazetteer_id: Vec<Option<&'a str>>,
    precision: Vec<Option<&'a str>>,
}

/// The actors, aliases (actor id, alias) and places the mentions reference, each once, in key
/// order (so concurrent writers inserting the same new rows take their locks in one order).
#[derive(Default)]
struct Dimensions<'a> {
    actors: ActorColumns<'a>,
    aliases: (Vec<&'a str>, Vec<&'a str>),
    places: PlaceColumns<'a>,
}

impl<'a> Dimensions<'a> {
    /// The dimension rows of `mentions`, but for those whose [`Dimensions::keys`] are `known`.
    fn of(mentions: impl IntoIterator<Item = &'a MentionRow>, known: &HashSet<String>) -> Self {
        let known = |key: &str| known.contains(key);
        type Actor<'a> = (&'a str, Option<&'a str>, Option<&'a str>);
        let mut actors: BTreeMap<&str, Actor<'a>> = BTreeMap::new();
        let mut aliases: BTreeSet<(&str, &str)> = BTreeSet::new();
        let mut places: BTreeMap<&str, &MentionRow> = BTreeMap::new();
        for m in mentions {
            for (id, text, name, country, sector) in [
                (
                    &m.actor1_id,
                    &m.actor1_text,
                    &m.actor1_name,
                    &m.actor1_country,
                    &m.actor1_sector,
                ),
                (
                    &m.actor2_id,
                    &m.actor2_text,
                    &m.actor2_name,
                    &m.actor2_country,
                    &m.actor2_sector,
                ),
            ] {
                let (Some(id), Some(name)) = (id, name) else { continue };
                if !actors.contains_key(id.as_str()) && !known(id) {
                    actors.insert(id.as_str(), (name.as_str(), country.as_deref(), sector.as_deref()));
                }
                if let Some(alias) = text.as_deref().filter(|a| !a.is_empty()) {
                    if !aliases.contains(&(id.as_str(), alias)) && !known(&alias_key(id, alias)) {
                        aliases.insert((id.as_str(), alias));
                    }
                }
            }
            if let (Some(id), Some(_)) = (&m.place_id, &m.place_name) {
                if !places.contains_key(id.as_str()) && !known(id) {
                    places.insert(id.as_str(), m);
                }
            }
        }
        let mut d = Dimensions::default();
        for (id, (name, country, sector)) in actors {
            d.actors.id.push(id);
            d.actors.name.push(name);
            d.actors.country.push(country);
            d.actors.sector.push(sector);
        }
        (d.aliases.0, d.aliases.1) = aliases.into_iter().unzip();
        let p = &mut d.places;
        for (id, m) in places {
            p.id.push(id);
            p.name.push(m.place_name.as_deref().unwrap_or_default());
            p.country.push(m.place_country.as_deref());
            p.admin1.push(m.place_admin1.as_deref());
            p.latitude.push(m.latitude);
            p.longitude.push(m.longitude);
            p.gazetteer_id.push(m.gazetteer_id.as_deref());
            p.precision.push(m.place_precision.as_deref());
        }
        d
    }

    fn is_empty(&self) -> bool {
        self.actors.id.is_empty() && self.aliases.0.is_empty() && self.places.id.is_empty()
    }

    /// What identifies each row: actor and place ids, and [`alias_key`]s.
    fn keys(&self) -> impl Iterator<Item = String> + '_ {
        let aliases = self
            .aliases
            .0
            .iter()
            .zip(&self.aliases.1)
            .map(|(id, a)| alias_key(id, a));
        self.actors
            .id
            .iter()
            .chain(&self.places.id)
            .map(|id| (*id).to_owned())
            .chain(aliases)
    }

    /// Inserts the rows that are not there yet (one statement).
    async fn insert<'c, E: sqlx::PgExecutor<'c>>(&self, conn: E) -> Result<(), sqlx::Error> {
        if self.is_empty() {
            return Ok(());
        }
        let (a, p) = (&self.actors, &self.places);
        sqlx::query(&SQL.dimensions)
            .bind(&a.id)
            .bind(&a.name)
            .bind(&a.country)
            .bind(&a.sector)
            .bind(&self.aliases.0)
            .bind(&self.aliases.1)
            .bind(&p.id)
            .bind(&p.name)
            .bind(&p.country)
            .bind(&p.admin1)
            .bind(&p.latitude)
            .bind(&p.longitude)
            .bind(&p.gazetteer_id)
            .bind(&p.precision)
            .execute(conn)
            .await
            .map(|_| ())
    }
}

fn alias_key(actor_id: &str, alias: &str) -> String {
    format!("{actor_id}\u{1}{alias}")
}
