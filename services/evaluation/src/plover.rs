//! The extractor on the PLOVER gold-standard records (GSR): English newswire sentences, each
//! coded by the PLOVER authors with an event type and the source and target actors' CAMEO-style
//! country codes. The dev half is read from `../shared/data/plover-gsr-dev/PLOVER_GSR_dev.json`
//! (never copied into the repository; its `PROVENANCE.md` gives the format and the rule).
//!
//! Each record's `text` is coded as one English document (published on the record's `date`
//! when it parses); the `DOCUMENT` record and records without text are skipped. Per sentence:
//! - any: some mention was produced;
//! - type: some mention has the gold type (version 0.5b1's `FIGHT` counts as `ASSAULT`, as
//!   PLOVER 2021 merged them);
//! - source: some mention of the gold type has an actor 1 whose country (the first three
//!   letters of the extractor's `country`, organisation codes included) equals the first three
//!   letters of one of the gold `source` codes;
//! - target: the same with actor 2 and the gold `target`.
//!
//! The gold writes a few countries with the older CAMEO (KEDS) codes, not ISO 3166:
//! Italy `ITL`, Japan `JAP`; they are read as `ITA` and `JPN` ([`LEGACY_CODES`]).
//!
//! Figures are shares of all scored sentences, overall and per gold type as written.
//!
//! ```sh
//! cargo run --release -q -p sahel-evaluation --bin sahel-plover-score -- [--gsr FILE] [--verbose]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;
use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;
use serde::Deserialize;

/// The dev half: `<workspace root>/../shared/data/plover-gsr-dev/PLOVER_GSR_dev.json`.
pub fn default_gsr_path() -> PathBuf {
    crate::shared_dir()
        .join("data")
        .join("plover-gsr-dev")
        .join("PLOVER_GSR_dev.json")
}

/// One gold-standard record (only the fields scored; the others are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct GsrRecord {
    /// Record id (`PLOVER-GSR01-AGREE-0004`).
    pub id: String,
    /// PLOVER event type as coded (`AGREE`, …, `FIGHT`; `DOCUMENT` for the documentation record).
    pub event: String,
    /// The sentence (absent on the `DOCUMENT` record).
    #[serde(default)]
    pub text: Option<String>,
    /// Date of the story, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Source actors.
    #[serde(default)]
    pub source: Option<GsrActors>,
    /// Target actors.
    #[serde(default)]
    pub target: Option<GsrActors>,
}

/// The `source` or `target` field: a list of actors, or a string (empty when there is none).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum GsrActors {
    /// Coded actors.
    List(Vec<GsrActor>),
    /// A bare string: empty for "no actor", else taken as a code.
    Text(String),
}

/// One coded actor.
#[derive(Debug, Clone, Deserialize)]
pub struct GsrActor {
    /// The actor as written.
    #[serde(rename = "actorText", default)]
    pub actor_text: Option<String>,
    /// Country code (`USA`, `IGO`, …).
    #[serde(default)]
    pub code: Option<String>,
}

/// The first three letters of a code, upper-case; `None` for an empty one.
pub fn country3(code: &str) -> Option<String> {
    let c: String = code.trim().chars().take(3).collect::<String>().to_uppercase();
    (!c.is_empty()).then_some(c)
}

/// Older CAMEO (KEDS) country codes the gold writes, and their ISO 3166 alpha-3 codes.
pub const LEGACY_CODES: &[(&str, &str)] = &[("ITL", "ITA"), ("JAP", "JPN")];

/// A gold code's first three letters, a legacy country code read as ISO.
fn gold_country3(code: &str) -> Option<String> {
    let c = country3(code)?;
    Some(
        LEGACY_CODES
            .iter()
            .find(|(old, _)| *old == c)
            .map_or(c, |(_, iso)| (*iso).to_owned()),
    )
}

fn codes(actors: Option<&GsrActors>) -> Vec<String> {
    match actors {
        None => Vec::new(),
        Some(GsrActors::Text(s)) => gold_country3(s).into_iter().collect(),
        Some(GsrActors::List(list)) => list
            .iter()
            .filter_map(|a| a.code.as_deref().and_then(gold_country3))
            .collect(),
    }
}

impl GsrRecord {
    /// Whether this record is a sentence to score (not the `DOCUMENT` record, has text).
    pub fn is_sentence(&self) -> bool {
        self.event != "DOCUMENT" && self.text.as_deref().is_some_and(|t| !t.trim().is_empty())
    }

    /// The gold type in the extractor's vocabulary (`FIGHT` → `ASSAULT`).
    pub fn gold_type(&self) -> &str {
        if self.event == "FIGHT" {
            "ASSAULT"
        } else {
            &self.event
        }
    }

    /// The source codes' first three letters.
    pub fn source_codes(&self) -> Vec<String> {
        codes(self.source.as_ref())
    }

    /// The target codes' first three letters.
    pub fn target_codes(&self) -> Vec<String> {
        codes(self.target.as_ref())
    }

    /// The record's date, when it parses.
    pub fn published(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.date.as_deref()?.trim(), "%Y-%m-%d").ok()
    }
}

/// Reads the records (a JSON array); a missing file is an error that names it.
pub fn load(path: &Path) -> anyhow::Result<Vec<GsrRecord>> {
    anyhow::ensure!(
        path.is_file(),
        "PLOVER gold-standard records not found: {} (the dev half is read from ../shared/data/plover-gsr-dev/ beside the repository; pass --gsr FILE)",
        path.display()
    );
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// What scoring needs of a predicted mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicted {
    /// PLOVER type (`ASSAULT`).
    pub event_type: String,
    /// Actor 1's country as the extractor gives it (ISO alpha-3 or an organisation code).
    pub actor1_country: Option<String>,
    /// Actor 2's country.
    pub actor2_country: Option<String>,
}

impl From<&EventMention> for Predicted {
    fn from(m: &EventMention) -> Self {
        Self {
            event_type: m.event_type.as_str().to_owned(),
            actor1_country: m.actor1.as_ref().and_then(|a| a.country.clone()),
            actor2_country: m.actor2.as_ref().and_then(|a| a.country.clone()),
        }
    }
}

/// Codes a record's text with the extractor, as English, published on the record's date.
pub fn code(extractor: &Extractor, record: &GsrRecord) -> Vec<Predicted> {
    let text = record.text.as_deref().unwrap_or_default();
    extractor
        .code_text(&record.id, text, "en", record.published())
        .iter()
        .map(Predicted::from)
        .collect()
}

/// One sentence's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceScore {
    /// Record id.
    pub id: String,
    /// Gold type as written in the record (`FIGHT` stays `FIGHT`).
    pub gold_event: String,
    /// Gold source codes (first three letters).
    pub source_codes: Vec<String>,
    /// Gold target codes (first three letters).
    pub target_codes: Vec<String>,
    /// What the extractor produced.
    pub predicted: Vec<Predicted>,
    /// Some mention produced.
    pub any: bool,
    /// Some mention of the gold type.
    pub type_ok: bool,
    /// Some mention of the gold type with actor 1 of a gold source country.
    pub source_ok: bool,
    /// Some mention of the gold type with actor 2 of a gold target country.
    pub target_ok: bool,
}

fn country_in(country: Option<&String>, gold: &[String]) -> bool {
    country.and_then(|c| country3(c)).is_some_and(|c| gold.contains(&c))
}

/// Scores one record against the mentions predicted for its text.
pub fn score_record(record: &GsrRecord, predicted: Vec<Predicted>) -> SentenceScore {
    let gold_type = record.gold_type();
    let source_codes = record.source_codes();
    let target_codes = record.target_codes();
    let typed: Vec<&Predicted> = predicted.iter().filter(|p| p.event_type == gold_type).collect();
    SentenceScore {
        id: record.id.clone(),
        gold_event: record.event.clone(),
        any: !predicted.is_empty(),
        type_ok: !typed.is_empty(),
        source_ok: typed
            .iter()
            .any(|p| country_in(p.actor1_country.as_ref(), &source_codes)),
        target_ok: typed
            .iter()
            .any(|p| country_in(p.actor2_country.as_ref(), &target_codes)),
        source_codes,
        target_codes,
        predicted,
    }
}

/// Counts over a set of sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Sentences.
    pub sentences: usize,
    /// With some mention.
    pub any: usize,
    /// With a mention of the gold type.
    pub type_ok: usize,
    /// With the source country right.
    pub source_ok: usize,
    /// With the target country right.
    pub target_ok: usize,
    /// Whose gold has a source code (the most `source_ok` can reach).
    pub with_source: usize,
    /// Whose gold has a target code.
    pub with_target: usize,
}

impl Tally {
    /// Adds one sentence.
    pub fn add(&mut self, s: &SentenceScore) {
        self.sentences += 1;
        self.any += usize::from(s.any);
        self.type_ok += usize::from(s.type_ok);
        self.source_ok += usize::from(s.source_ok);
        self.target_ok += usize::from(s.target_ok);
        self.with_source += usize::from(!s.source_codes.is_empty());
        self.with_target += usize::from(!s.target_codes.is_empty());
    }

    /// `count` as a share of the sentences (0 when there are none).
    pub fn share(&self, count: usize) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            count as f64 / self.sentences as f64
        }
    }
}

/// Scores of a set of records.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Records read, the `DOCUMENT` record included.
    pub records: usize,
    /// Every sentence.
    pub overall: Tally,
    /// Per gold type as written.
    pub by_type: BTreeMap<String, Tally>,
    /// Each sentence, in file order.
    pub sentences: Vec<SentenceScore>,
}

/// Scores every sentence record, with `predict` giving the mentions of one record.
pub fn score_all(records: &[GsrRecord], mut predict: impl FnMut(&GsrRecord) -> Vec<Predicted>) -> Summary {
    let mut sum = Summary {
        records: records.len(),
        ..Summary::default()
    };
    for r in records.iter().filter(|r| r.is_sentence()) {
        let s = score_record(r, predict(r));
        sum.overall.add(&s);
        sum.by_type.entry(s.gold_event.clone()).or_default().add(&s);
        sum.sentences.push(s);
    }
    sum
}

/// Scores every sentence record with the extractor.
pub fn evaluate(extractor: &Extractor, records: &[GsrRecord]) -> Summary {
    score_all(records, |r| code(extractor, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Records in the GSR format, with sentences written for this test.
    const FIXTURE: &str = r#"[
      {"id": "T-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "documentation", "version": "0.5b1"},
      {"id": "T-AGREE-0001", "date": "2000-01-01", "event": "AGREE", "language": "en",
       "text": "Ruritania and Freedonia signed a water accord on Monday.",
       "source": [{"actorText": "Ruritania", "code": "RUR", "sector": "GOV"}, {"actorText": "Freedonia", "code": "FRE"}],
       "target": ""},
      {"id": "T-FIGHT-0001", "date": "2000-01-01", "event": "FIGHT",
       "text": "Ruritanian troops shelled Freedonian positions.",
       "source": [{"actorText": "Ruritanian troops", "code": "RURMIL"}],
       "target": [{"actorText": "Freedonian positions", "code": "FRE"}]},
      {"id": "T-PROTEST-0001", "date": "not a date", "event": "PROTEST",
       "text": "Students marched in the capital.", "source": null},
      {"id": "T-DEMAND-0001", "event": "DEMAND", "text": "The union demanded higher pay.",
       "source": "IGO", "target": [{"actorText": "the ministry", "code": "RUR", "sector": null}]}
    ]"#;

    fn p(t: &str, a1: Option<&str>, a2: Option<&str>) -> Predicted {
        Predicted {
            event_type: t.into(),
            actor1_country: a1.map(Into::into),
            actor2_country: a2.map(Into::into),
        }
    }

    fn records() -> Vec<GsrRecord> {
        serde_json::from_str(FIXTURE).expect("fixture parses")
    }

    #[test]
    fn fields_are_read_in_every_shape() {
        let r = records();
        assert_eq!(r.len(), 5);
        assert!(!r[0].is_sentence());
        assert_eq!(r[1].source_codes(), vec!["RUR", "FRE"]);
        assert!(r[1].target_codes().is_empty());
        assert_eq!(r[2].source_codes(), vec!["RUR"]);
        assert_eq!(r[2].gold_type(), "ASSAULT");
        assert_eq!(r[1].published(), NaiveDate::from_ymd_opt(2000, 1, 1));
        assert_eq!(r[3].published(), None);
        assert!(r[3].source_codes().is_empty() && r[3].target_codes().is_empty());
        assert_eq!(r[4].source_codes(), vec!["IGO"]);
        assert_eq!(r[4].target_codes(), vec!["RUR"]);
    }

    #[test]
    fn legacy_country_codes_read_as_iso() {
        assert_eq!(gold_country3("ITL").as_deref(), Some("ITA"));
        assert_eq!(gold_country3("JAPGOV").as_deref(), Some("JPN"));
        assert_eq!(gold_country3("usa").as_deref(), Some("USA"));
        assert_eq!(gold_country3(" "), None);
    }

    #[test]
    fn counts_follow_the_rule() {
        let r = records();
        let sum = score_all(&r, |rec| match rec.id.as_str() {
            // Type right, actor 1 from a second gold source; no target in gold.
            "T-AGREE-0001" => vec![
                p("AGREE", Some("FRA"), None),
                p("AGREE", Some("FREEDONIA"), Some("RUR")),
            ],
            // FIGHT is ASSAULT; source right, target wrong.
            "T-FIGHT-0001" => vec![p("ASSAULT", Some("RUR"), Some("RUR"))],
            // A mention, of another type.
            "T-PROTEST-0001" => vec![p("DEMAND", None, None)],
            // Actor countries right but the type wrong: neither counts.
            "T-DEMAND-0001" => vec![p("PROTEST", Some("IGO"), Some("RUR"))],
            other => panic!("scored {other}"),
        });
        assert_eq!(sum.records, 5);
        let want = Tally {
            sentences: 4,
            any: 4,
            type_ok: 2,
            source_ok: 2,
            target_ok: 0,
            with_source: 3,
            with_target: 2,
        };
        assert_eq!(sum.overall, want);
        assert_eq!(sum.by_type.len(), 4);
        assert_eq!(sum.by_type["FIGHT"].source_ok, 1);
        assert_eq!(sum.by_type["FIGHT"].target_ok, 0);
        assert_eq!(sum.by_type["DEMAND"].type_ok, 0);
        assert_eq!(sum.overall.share(sum.overall.type_ok), 0.5);
    }

    #[test]
    fn target_country_and_empty_predictions() {
        let r = records();
        let s = score_record(&r[2], vec![p("ASSAULT", None, Some("fre"))]);
        assert!(s.any && s.type_ok && !s.source_ok && s.target_ok);
        let s = score_record(&r[4], vec![p("DEMAND", Some("IGOxyz"), Some("RURMIL"))]);
        assert!(s.source_ok && s.target_ok);
        let s = score_record(&r[1], Vec::new());
        assert!(!s.any && !s.type_ok && !s.source_ok && !s.target_ok);
        assert_eq!(Tally::default().share(0), 0.0);
    }

    #[test]
    fn a_missing_file_is_named() {
        let e = load(Path::new("/nonexistent/PLOVER_GSR_dev.json")).expect_err("missing");
        assert!(e.to_string().contains("/nonexistent/PLOVER_GSR_dev.json"), "{e}");
    }
}
