//! What a mention, or an event built from mentions, says about a real-world event: the
//! fields the resolver compares ([`Facts`]), taken from an [`EventMention`].

use chrono::{Duration, NaiveDate};
use sahel_schemas::event::{Actor, EventDatePrecision, EventMention, Modality, Place};
use serde::{Deserialize, Serialize};

/// How far before its article's reference date an undated report may lie: news reports what
/// happened in the last weeks; older events are dated or marked as background. Three weeks
/// (a follow-up a fortnight later still joins); at 31 days an undated report of an attack a
/// month old joined the fresh attack in the same town and bridged others to it (dev pairs
/// P 0.897 R 0.794 at 31 days, 0.899 / 0.849 at anything from 7 to 20).
pub const UNDATED_LOOKBACK_DAYS: i64 = 20;

/// How far after its article's reference date an undated plan may come about.
pub const UNDATED_LOOKAHEAD_DAYS: i64 = 92;

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First possible day.
    pub start: NaiveDate,
    /// Last possible day.
    pub end: NaiveDate,
}

impl Span {
    /// One day.
    pub fn day(d: NaiveDate) -> Span {
        Span { start: d, end: d }
    }

    /// Days in the span.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Whether the spans share a day once each is widened by `slack` days.
    pub fn overlaps(&self, other: &Span, slack: i64) -> bool {
        let widened = |d: NaiveDate| d.checked_sub_signed(Duration::days(slack)).unwrap_or(NaiveDate::MIN);
        widened(self.start) <= other.end && widened(other.start) <= self.end
    }

    /// The days both spans hold, if any.
    pub fn intersect(&self, other: &Span) -> Option<Span> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(Span { start, end })
    }

    /// Days between the spans (0 when they overlap).
    pub fn gap(&self, other: &Span) -> i64 {
        if self.overlaps(other, 0) {
            0
        } else if self.end < other.start {
            (other.start - self.end).num_days()
        } else {
            (self.start - other.end).num_days()
        }
    }
}

/// Whether a mention is of something that happened, or of something said not to have
/// happened, or that might: the three never join one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reality {
    /// Asserted, reported, planned or background.
    Real,
    /// Negated.
    Negated,
    /// Hypothetical.
    Hypothetical,
}

impl Reality {
    /// The class of a modality.
    pub fn of(m: Modality) -> Reality {
        match m {
            Modality::Negated => Reality::Negated,
            Modality::Hypothetical => Reality::Hypothetical,
            _ => Reality::Real,
        }
    }
}

/// An actor as the resolver compares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorFacts {
    /// Identity key ([`actor_key`]).
    pub key: String,
    /// Canonical name.
    pub name: String,
    /// Sector, when known.
    pub sector: Option<String>,
    /// Whether it speaks for a state (its key is then the country).
    pub state: bool,
}

/// The ISO 3166-1 alpha-3 codes of countries and territories (`data/countries.txt`, the
/// extractor's country list): an actor coded with one of them can speak for a state; other
/// codes (IGO, NGO, regions) cannot.
static COUNTRIES: &str = include_str!("../data/countries.txt");

/// Whether `code` is a country's or territory's code (the list is read once per process:
/// the writer asks for every actor of every mention).
pub fn is_country_code(code: &str) -> bool {
    static CODES: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    CODES
        .get_or_init(|| {
            COUNTRIES
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .contains(code)
}

/// Sectors that never speak for a state, even with a country.
const NON_STATE: [&str; 4] = ["civilians", "opposition", "media", "rebels"];

/// How an actor takes part in event identity: a state actor by its country (Niger's
/// government, its junta leader and its army are one side), civilians, the opposition and
/// the media by their sector, everyone else (armed groups, organisations, NGOs) by name.
pub fn actor_key(a: Option<&Actor>) -> String {
    let Some(a) = a else { return String::new() };
    let sector = a.sector.as_deref().unwrap_or("");
    match &a.country {
        _ if matches!(sector, "civilians" | "opposition" | "media") => format!("~{sector}"),
        Some(c) if !NON_STATE.contains(&sector) && is_country_code(c) => c.clone(),
        _ => a.name.clone(),
    }
}

impl ActorFacts {
    fn of(a: &Actor) -> ActorFacts {
        let key = actor_key(Some(a));
        ActorFacts {
            state: a.country.as_deref() == Some(key.as_str()),
            key,
            name: a.name.clone(),
            sector: a.sector.clone(),
        }
    }
}

/// A place as the resolver compares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceFacts {
    /// Canonical name.
    pub name: String,
    /// Country (ISO 3166 alpha-3), when known.
    pub country: Option<String>,
    /// Whether the place is a whole country (it then contains every place of that country).
    pub is_country: bool,
    /// First-level administrative division, when known (absent in facts stored before it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Whether the place is a whole first-level division (it then contains every place of it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_admin1: bool,
}

impl PlaceFacts {
    fn of(p: &Place) -> PlaceFacts {
        PlaceFacts {
            name: p.name.clone(),
            country: p.country.clone(),
            is_country: p.precision == "country",
            admin1: p.admin1.clone(),
            is_admin1: p.precision == "admin1",
        }
    }

    /// Whether `self` is a country or region that holds `other`.
    pub fn contains(&self, other: &PlaceFacts) -> bool {
        let same_country = self.country.is_some() && self.country == other.country;
        (self.is_country && same_country)
            || (self.is_admin1 && same_country && self.admin1.is_some() && self.admin1 == other.admin1)
    }

    /// Whether `self` is a town named like the first-level division it lies in and `other` lies
    /// in that division ("Kayes" and "Diéma, in the Kayes region"): reports often name a region
    /// by its eponymous town, so the two may be one place.
    pub fn names_region_of(&self, other: &PlaceFacts) -> bool {
        let same_country = self.country.is_some() && self.country == other.country;
        let Some(region) = self.admin1.as_deref() else {
            return false;
        };
        !self.is_admin1
            && !self.is_country
            && same_country
            && other.admin1.as_deref() == Some(region)
            && ascii_fold(&self.name) == ascii_fold(region)
    }

    /// The country the place lies in (itself for a country).
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }
}

/// What a report says about its event, or what an event's reports agree on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// PLOVER type.
    pub event_type: String,
    /// PLOVER mode, when given.
    pub mode: Option<String>,
    /// Happened, negated or hypothetical.
    pub reality: Reality,
    /// Source actor.
    pub actor1: Option<ActorFacts>,
    /// Target actor.
    pub actor2: Option<ActorFacts>,
    /// Where.
    pub place: Option<PlaceFacts>,
    /// The country the report is about when it names no place (the article's focus).
    pub focus_country: Option<String>,
    /// When, as the text fixes it.
    pub date: Option<Span>,
    /// When it can have happened, for an undated report: the weeks before its article's
    /// reference date. `None` when the report is dated, or when nothing bounds it.
    pub window: Option<Span>,
}

impl Facts {
    /// The facts of a mention; `focus` is its article's focus country, when known.
    pub fn of(m: &EventMention, focus: Option<&str>) -> Facts {
        let date = m.date.as_ref().map(|d| Span {
            start: d.start,
            end: match d.precision {
                EventDatePrecision::Day => d.start,
                _ => d.end,
            },
        });
        // (A reference date at the end of the calendar has no window.)
        let window = match (&date, m.modality, &m.reference_date) {
            (None, Modality::Asserted | Modality::Reported | Modality::Negated, Some(r)) => r
                .date
                .checked_sub_signed(Duration::days(UNDATED_LOOKBACK_DAYS))
                .map(|start| Span { start, end: r.date }),
            (None, Modality::Planned, Some(r)) => r
                .date
                .checked_add_signed(Duration::days(UNDATED_LOOKAHEAD_DAYS))
                .map(|end| Span { start: r.date, end }),
            _ => None,
        };
        Facts {
            event_type: m.event_type.as_str().to_owned(),
            mode: m.event_mode.clone(),
            reality: Reality::of(m.modality),
            actor1: m.actor1.as_ref().map(ActorFacts::of),
            actor2: m.actor2.as_ref().map(ActorFacts::of),
            place: m.place.as_ref().map(PlaceFacts::of),
            focus_country: focus.map(str::to_owned),
            date,
            window,
        }
    }

    /// When the event can have happened: its date, else its window.
    pub fn when(&self) -> Option<Span> {
        self.date.or(self.window)
    }

    /// The country it happened in: its place's, else the focus.
    pub fn country(&self) -> Option<&str> {
        self.place
            .as_ref()
            .and_then(PlaceFacts::country)
            .or(self.focus_country.as_deref())
    }

    /// Folds in the facts of a report found to be of this event: unknown fields are filled,
    /// the date narrows to what both allow (the most precise one they agree on), the place
    /// becomes the more precise one.
    pub fn absorb(&mut self, other: &Facts) {
        if self.mode.is_none() {
            self.mode.clone_from(&other.mode);
        }
        if self.actor1.is_none() {
            self.actor1.clone_from(&other.actor1);
        }
        if self.actor2.is_none() {
            self.actor2.clone_from(&other.actor2);
        }
        match (&self.place, &other.place) {
            (None, Some(_)) => self.place.clone_from(&other.place),
            (Some(a), Some(b)) if a.contains(b) => self.place = Some(b.clone()),
            _ => {}
        }
        if self.focus_country.is_none() {
            self.focus_country.clone_from(&other.focus_country);
        }
        self.date = match (self.date, other.date) {
            (Some(a), Some(b)) => Some(a.intersect(&b).unwrap_or(if b.days() < a.days() { b } else { a })),
            (a, b) => a.or(b),
        };
        self.window = match (self.window, other.window) {
            (Some(a), Some(b)) => Some(a.intersect(&b).unwrap_or(a)),
            (a, b) => a.or(b),
        };
    }
}

/// A name lower-cased with the Latin diacritics of the region's place names dropped
/// ("Tillabéri" and "Tillaberi" are one name).
fn ascii_fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn spans_overlap_with_slack_and_measure_gaps() {
        let a = Span::day(d("2024-03-15"));
        let march = Span {
            start: d("2024-03-01"),
            end: d("2024-03-31"),
        };
        assert!(a.overlaps(&march, 0));
        let b = Span::day(d("2024-03-16"));
        assert!(!a.overlaps(&b, 0));
        assert!(a.overlaps(&b, 1));
        assert_eq!(a.gap(&Span::day(d("2024-04-15"))), 31);
        assert_eq!(march.intersect(&a), Some(a));
    }

    #[test]
    fn spans_at_the_ends_of_the_calendar_compare_without_overflow() {
        let first = Span::day(NaiveDate::MIN);
        assert!(first.overlaps(&first, 1));
        assert!(!first.overlaps(&Span::day(d("2024-03-15")), 1));
    }

    #[test]
    fn absorbing_keeps_the_most_precise_date_both_allow() {
        let mut month = Facts {
            event_type: "PROTEST".into(),
            mode: None,
            reality: Reality::Real,
            actor1: None,
            actor2: None,
            place: None,
            focus_country: None,
            date: Some(Span {
                start: d("2024-03-01"),
                end: d("2024-03-31"),
            }),
            window: None,
        };
        let day = Facts {
            date: Some(Span::day(d("2024-03-15"))),
            ..month.clone()
        };
        month.absorb(&day);
        assert_eq!(month.date, Some(Span::day(d("2024-03-15"))));
    }
}
