//! The extractor's event gold set and how the extractor is scored on it.
//!
//! The gold lives in two halves under `gold/events/` (articles written for this project, and
//! each half's `gold.json`, their annotated events):
//! - [`Split::Dev`] (`gold/events/dev`): the rules were written looking at it, so its figures
//!   are in-sample;
//! - [`Split::Heldout`] (`gold/events/heldout`): never looked at while writing rules; the
//!   confidence model is calibrated on it. Tools print only its numbers unless asked, and
//!   errors about it never quote its text.
//!
//! A gold event is matched to a predicted mention of the same article whose quote contains
//! the gold `quote` (a distinctive part of the sentence), preferring one of the same type
//! (every gold event that has one first, then the others);
//! each mention matches at most one gold event. Scores:
//! - detection: precision = matched mentions / mentions, recall = matched gold / gold;
//! - type: the same with the type required to agree;
//! - actor 1, actor 2, date, place, modality: over matched pairs, precision = correct /
//!   pairs where the extractor gave a value, recall = correct / pairs where the gold has one;
//! - identity: over pairs of type-correct matches (across articles), precision = pairs the
//!   extractor puts in one event that the gold does too / pairs the extractor puts in one
//!   event, recall the other way round.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sahel_extractor::coder::{self, ArticleInput, Coded};
use sahel_extractor::Extractor;
use sahel_schemas::event::{EventDate, EventMention};
use serde::Deserialize;

/// A half of the event gold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Split {
    /// Written alongside the rules: in-sample.
    Dev,
    /// Never looked at: out-of-sample, and what confidence is calibrated on.
    Heldout,
}

impl Split {
    /// Both halves, dev first.
    pub const ALL: [Split; 2] = [Split::Dev, Split::Heldout];

    /// Directory name under the gold root (`dev`, `heldout`).
    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Heldout => "heldout",
        }
    }

    /// How tables label it.
    pub fn label(self) -> &'static str {
        match self {
            Split::Dev => "dev (rules were written looking at it)",
            Split::Heldout => "held-out (never looked at)",
        }
    }

    /// This half's directory in the source tree.
    pub fn dir(self) -> PathBuf {
        self.dir_under(&gold_root())
    }

    /// This half's directory under a gold root holding `dev/` and `heldout/`.
    pub fn dir_under(self, root: &Path) -> PathBuf {
        root.join(self.name())
    }
}

/// The event gold's root in the source tree (`gold/events`, holding `dev/` and `heldout/`).
pub fn gold_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("gold/events")
}

/// Whether `dir` holds a gold set (its `gold.json`).
pub fn available(dir: &Path) -> bool {
    dir.join("gold.json").is_file()
}

/// One annotated event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEvent {
    /// A distinctive part of the sentence that reports it.
    pub quote: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Canonical actor 1.
    pub actor1: Option<String>,
    /// Canonical actor 2.
    pub actor2: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `YYYY-MM-DD..YYYY-MM-DD`.
    pub date: Option<String>,
    /// Canonical place name.
    pub place: Option<String>,
    /// Modality (snake_case).
    pub modality: String,
    /// The real-world event (shared by its mentions across articles).
    pub event: String,
    /// Why this one is here (a trap, a relative date, ...).
    #[serde(default)]
    pub note: Option<String>,
}

/// One annotated article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldArticle {
    /// File name under the gold directory.
    pub file: String,
    /// Language.
    pub lang: String,
    /// Publication date, when the article has one.
    pub published: Option<NaiveDate>,
    /// Annotated events.
    pub events: Vec<GoldEvent>,
}

#[derive(Debug, Deserialize)]
struct GoldFile {
    articles: Vec<GoldArticle>,
}

/// An article with its text.
#[derive(Debug, Clone)]
pub struct LoadedArticle {
    /// Annotation.
    pub gold: GoldArticle,
    /// Text.
    pub text: String,
}

/// Loads a gold set from a directory (`gold.json` and the texts it names). Errors name files
/// and event numbers, never the text, so that loading the held-out half reveals nothing.
pub fn load(dir: &Path) -> anyhow::Result<Vec<LoadedArticle>> {
    use anyhow::Context as _;
    let path = dir.join("gold.json");
    anyhow::ensure!(
        path.is_file(),
        "no gold set at {}: {} not found",
        dir.display(),
        path.display()
    );
    let g: GoldFile =
        serde_json::from_str(&std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?)
            .with_context(|| format!("parsing {}", path.display()))?;
    g.articles
        .into_iter()
        .map(|a| {
            let p = dir.join(&a.file);
            let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
            for (i, e) in a.events.iter().enumerate() {
                anyhow::ensure!(
                    text.contains(&e.quote),
                    "{}: the quote of event {} ({}, counting from 0) is not in the text",
                    a.file,
                    i,
                    e.event_type
                );
            }
            Ok(LoadedArticle { gold: a, text })
        })
        .collect()
}

/// Precision and recall with their counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Pr {
    /// Correct.
    pub correct: usize,
    /// Predicted (denominator of precision).
    pub predicted: usize,
    /// Gold (denominator of recall).
    pub gold: usize,
}

impl Pr {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        crate::ratio_or_one(self.correct, self.predicted)
    }
    /// Recall (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        crate::ratio_or_one(self.correct, self.gold)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        crate::f1(self.precision(), self.recall())
    }
}

/// A predicted mention with its gold match, if any.
#[derive(Debug, Clone)]
pub struct Scored {
    /// Article file.
    pub file: String,
    /// The coded mention.
    pub coded: Coded,
    /// Index of the matched gold event in its article.
    pub gold: Option<usize>,
    /// Whether the type agrees with the matched gold event.
    pub type_ok: bool,
    /// Whether the mention is a correctly coded real event: type, actor 1, date and place
    /// all agree with the gold event (absent where the gold has none). What confidence
    /// estimates.
    pub all_ok: bool,
    /// The gold values of the fields the mention got wrong ("date=2024-03 place=Gao"),
    /// empty when all agree or there is no matched gold event.
    pub wrong: String,
}

/// Scores on the gold set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Mentions found at all.
    pub detection: Pr,
    /// With the right type.
    pub event_type: Pr,
    /// Actor 1 (canonical name).
    pub actor1: Pr,
    /// Actor 2.
    pub actor2: Pr,
    /// Date (start and end).
    pub date: Pr,
    /// Place (canonical name).
    pub place: Pr,
    /// Modality.
    pub modality: Pr,
    /// Event identity (pairs).
    pub identity: Pr,
    /// Every mention with its match.
    pub scored: Vec<Scored>,
    /// Gold events not found: (file, quote, type).
    pub missed: Vec<(String, String, String)>,
    /// Brier score of the confidences against [`Scored::all_ok`].
    pub brier: f64,
    /// Expected calibration error (5 bins).
    pub ece: f64,
}

/// The gold date as a (start, end) range.
pub fn gold_range(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some((a, b)) = s.split_once("..") {
        return Some((
            NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?,
            NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?,
        ));
    }
    match s.len() {
        10 => {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
            Some((d, d))
        }
        7 => {
            use chrono::Datelike as _;
            let d = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok()?;
            let next = if d.month() == 12 {
                NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)?
            };
            Some((d, next - chrono::Duration::days(1)))
        }
        4 => {
            let y: i32 = s.parse().ok()?;
            Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?))
        }
        _ => None,
    }
}

fn date_eq(pred: Option<&EventDate>, gold: Option<&String>) -> bool {
    match (pred, gold.and_then(|g| gold_range(g))) {
        (Some(p), Some((s, e))) => p.start == s && p.end == e,
        _ => false,
    }
}

fn tally(pr: &mut Pr, pred: bool, gold: bool, correct: bool) {
    pr.predicted += usize::from(pred);
    pr.gold += usize::from(gold);
    pr.correct += usize::from(correct && pred && gold);
}

/// The gold event (index into `gold`) each predicted mention matches, as (quote, type) pairs:
/// a mention whose quote contains the gold quote, of the gold's own type where one is left
/// (every gold event that has one first: an earlier gold event must not take the mention of a
/// later one's type, "since the July 2023 coup, accusing Cotonou …"), else any left.
pub fn match_gold(gold: &[(&str, &str)], predicted: &[(&str, &str)]) -> Vec<Option<usize>> {
    let mut gold_of: Vec<Option<usize>> = vec![None; predicted.len()];
    let mut matched = vec![false; gold.len()];
    for same_type in [true, false] {
        for (gi, &(quote, ty)) in gold.iter().enumerate() {
            if matched[gi] {
                continue;
            }
            let pick = (0..predicted.len()).find(|&i| {
                gold_of[i].is_none() && predicted[i].0.contains(quote) && (!same_type || predicted[i].1 == ty)
            });
            if let Some(i) = pick {
                gold_of[i] = Some(gi);
                matched[gi] = true;
            }
        }
    }
    gold_of
}

/// Codes the gold articles with `extractor` and scores the result.
pub fn evaluate(extractor: &Extractor, articles: &[LoadedArticle]) -> Report {
    let mut rep = Report::default();
    let mut type_ok_pairs: Vec<(String, String)> = Vec::new(); // (gold event key, predicted event id)
    for a in articles {
        let article_id = format!("gold:{}", a.gold.file);
        let input = ArticleInput {
            article_id: &article_id,
            text: &a.text,
            language: &a.gold.lang,
            published: a.gold.published,
        };
        let coded = coder::code_detailed(extractor.resources(), &input, extractor.version(), extractor.producer());
        let gold: Vec<(&str, &str)> = a
            .gold
            .events
            .iter()
            .map(|g| (g.quote.as_str(), g.event_type.as_str()))
            .collect();
        let predicted: Vec<(&str, &str)> = coded
            .iter()
            .map(|c| (c.mention.evidence.quote.as_str(), c.mention.event_type.as_str()))
            .collect();
        let gold_of = match_gold(&gold, &predicted);
        let mut matched = vec![false; a.gold.events.len()];
        for gi in gold_of.iter().flatten() {
            matched[*gi] = true;
        }
        for (g, _) in a.gold.events.iter().zip(&matched).filter(|(_, &m)| !m) {
            rep.missed
                .push((a.gold.file.clone(), g.quote.clone(), g.event_type.clone()));
        }
        rep.detection.gold += a.gold.events.len();
        rep.event_type.gold += a.gold.events.len();
        for (i, c) in coded.into_iter().enumerate() {
            let m: &EventMention = &c.mention;
            rep.detection.predicted += 1;
            rep.event_type.predicted += 1;
            let mut type_ok = false;
            let mut all_ok = false;
            let mut wrong = String::new();
            if let Some(gi) = gold_of[i] {
                let g = &a.gold.events[gi];
                rep.detection.correct += 1;
                type_ok = m.event_type.as_str() == g.event_type;
                rep.event_type.correct += usize::from(type_ok);
                // A name is right however its diacritics are written ("Vucic" for "Vučić").
                let fold = |x: Option<&str>| x.map(sahel_extractor::matcher::without_diacritics);
                let a1 = fold(m.actor1.as_ref().map(|x| x.name.as_str()));
                let a2 = fold(m.actor2.as_ref().map(|x| x.name.as_str()));
                let g_a1 = fold(g.actor1.as_deref());
                let g_a2 = fold(g.actor2.as_deref());
                let g_place = fold(g.place.as_deref());
                tally(&mut rep.actor1, a1.is_some(), g.actor1.is_some(), a1 == g_a1);
                tally(&mut rep.actor2, a2.is_some(), g.actor2.is_some(), a2 == g_a2);
                tally(
                    &mut rep.date,
                    m.date.is_some(),
                    g.date.is_some(),
                    date_eq(m.date.as_ref(), g.date.as_ref()),
                );
                let p = fold(m.place.as_ref().map(|x| x.name.as_str()));
                tally(&mut rep.place, p.is_some(), g.place.is_some(), p == g_place);
                tally(&mut rep.modality, true, true, m.modality.as_str() == g.modality);
                let date_ok = match (&m.date, &g.date) {
                    (None, None) => true,
                    (p, g) => date_eq(p.as_ref(), g.as_ref()),
                };
                all_ok = type_ok && a1 == g_a1 && date_ok && p == g_place;
                let fields = [
                    ("type", !type_ok, Some(g.event_type.as_str())),
                    ("a1", a1 != g_a1, g.actor1.as_deref()),
                    ("a2", a2 != g_a2, g.actor2.as_deref()),
                    ("date", !date_ok, g.date.as_deref()),
                    ("place", p != g_place, g.place.as_deref()),
                ];
                wrong = fields
                    .iter()
                    .filter(|(_, bad, _)| *bad)
                    .map(|(k, _, v)| format!("{k}={}", v.unwrap_or("-")))
                    .collect::<Vec<_>>()
                    .join(" ");
                if type_ok {
                    type_ok_pairs.push((g.event.clone(), m.event_id.clone()));
                }
            }
            rep.scored.push(Scored {
                file: a.gold.file.clone(),
                coded: c,
                gold: gold_of[i],
                type_ok,
                all_ok,
                wrong,
            });
        }
    }
    for i in 0..type_ok_pairs.len() {
        for j in i + 1..type_ok_pairs.len() {
            let same_gold = type_ok_pairs[i].0 == type_ok_pairs[j].0;
            let same_pred = type_ok_pairs[i].1 == type_ok_pairs[j].1;
            tally(&mut rep.identity, same_pred, same_gold, same_gold && same_pred);
        }
    }
    let n = rep.scored.len().max(1) as f64;
    rep.brier = rep
        .scored
        .iter()
        .map(|s| {
            let y = if s.all_ok { 1.0 } else { 0.0 };
            (s.coded.mention.confidence - y).powi(2)
        })
        .sum::<f64>()
        / n;
    let mut bins: HashMap<usize, (f64, f64, usize)> = HashMap::new();
    for s in &rep.scored {
        let c = s.coded.mention.confidence;
        let b = ((c * 5.0) as usize).min(4);
        let e = bins.entry(b).or_default();
        e.0 += c;
        e.1 += if s.all_ok { 1.0 } else { 0.0 };
        e.2 += 1;
    }
    rep.ece = bins
        .values()
        .map(|(c, y, k)| (*k as f64 / n) * ((c - y) / *k as f64).abs())
        .sum();
    rep
}

/// Fits the confidence model (L2-regularised logistic regression over
/// [`coder::FEATURES`]) to the scored mentions: the label is "a correctly coded real event"
/// ([`Scored::all_ok`]).
pub fn fit_calibration(scored: &[Scored]) -> HashMap<String, f64> {
    let xs: Vec<([f64; 8], f64)> = scored
        .iter()
        .map(|s| (s.coded.features, if s.all_ok { 1.0 } else { 0.0 }))
        .collect();
    let mut w = [0.0f64; 8];
    let lambda = 0.5;
    let n = xs.len().max(1) as f64;
    for _ in 0..5000 {
        let mut grad = [0.0f64; 8];
        for (x, y) in &xs {
            let z: f64 = w.iter().zip(x).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for k in 0..8 {
                grad[k] += (p - y) * x[k];
            }
        }
        for k in 0..8 {
            let reg = if k == 0 { 0.0 } else { lambda * w[k] };
            w[k] -= 0.5 * (grad[k] + reg) / n;
        }
    }
    coder::FEATURES
        .iter()
        .zip(w)
        .map(|(f, v)| (f.to_string(), (v * 1000.0).round() / 1000.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::match_gold;

    #[test]
    fn a_gold_event_of_another_type_does_not_take_the_mention_of_its_own_type() {
        let quote = "shut since the coup, blaming its neighbour for the raids";
        let gold = [("since the coup", "COERCE"), ("blaming its neighbour", "DISAPPROVE")];
        // Only the accusation was coded: it is the second gold event's, not the first's.
        assert_eq!(match_gold(&gold, &[(quote, "DISAPPROVE")]), [Some(1)]);
        // A mention of no gold event's type still matches the first gold event left.
        assert_eq!(match_gold(&gold, &[(quote, "ASSAULT")]), [Some(0)]);
        // Each mention matches one gold event at most; a quote elsewhere matches none.
        assert_eq!(
            match_gold(&gold, &[(quote, "COERCE"), (quote, "COERCE"), ("other", "DISAPPROVE")]),
            [Some(0), Some(1), None]
        );
    }
}
