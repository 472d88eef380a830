//! Event resolution scored on the event gold: which of the extractor's mentions, across
//! articles and languages, are reports of one real-world event.
//!
//! The gold's `event` field names the real-world event of each annotated mention. The
//! extractor codes every article of a half ([`crate::events_gold::evaluate`]); the mentions
//! are then resolved in the order a stream would bring them (articles by reference date, then
//! file name), as the writer resolves them: one article's mentions sharing an `event_id` form
//! one report, and each report joins the best compatible event so far or starts one
//! ([`sahel_resolver::Resolver`]). Every predicted mention takes part; the scores count the
//! mentions matched to a gold event with the right type:
//!
//! - pairwise: precision = pairs put in one event that the gold puts in one / pairs put in
//!   one event; recall the other way round;
//! - B-cubed: per mention, the share of its predicted event that is in its gold event
//!   (precision) and the share of its gold event that is in its predicted event (recall),
//!   averaged;
//! - apart: predicted events joining reports whose gold dates are known to the day (or
//!   month) and lie 14 days or more apart, which must never happen.
//!
//! The same scores for the extractor's hash ids (`event_id` as coded, before resolution) are
//! the baseline.

use std::collections::{BTreeMap, HashMap};

use sahel_resolver::{reports_of, Facts, Resolver};

use crate::events_gold::{gold_range, LoadedArticle, Pr, Report};

/// Scores of one clustering.
#[derive(Debug, Clone, Default)]
pub struct ClusterScores {
    /// Same-event pairs.
    pub pairs: Pr,
    /// B-cubed precision.
    pub b3_precision: f64,
    /// B-cubed recall.
    pub b3_recall: f64,
    /// Predicted events joining reports whose gold dates are 14 days or more apart.
    pub apart: usize,
    /// Mentions scored.
    pub mentions: usize,
}

impl ClusterScores {
    /// B-cubed F1.
    pub fn b3_f1(&self) -> f64 {
        crate::f1(self.b3_precision, self.b3_recall)
    }
}

/// Resolution on one half: the extractor's hash ids and the resolver's events.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Event ids as the extractor coded them.
    pub hashed: ClusterScores,
    /// Events after resolution.
    pub resolved: ClusterScores,
    /// Predicted events after resolution.
    pub events: usize,
    /// Reports that joined an event of another article.
    pub joins: usize,
    /// What went wrong, pair by pair (for a half whose detail may be read): same-event
    /// reports kept apart, with the verdict between them, and different events joined.
    pub errors: Vec<String>,
}

/// One scored mention: its gold event, its gold date range, and its predicted events.
struct Item {
    gold: String,
    facts: Option<Facts>,
    label: String,
    gold_date: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    hashed: String,
    resolved: String,
}

fn score(items: &[Item], pred: impl Fn(&Item) -> &str) -> ClusterScores {
    let mut s = ClusterScores {
        mentions: items.len(),
        ..ClusterScores::default()
    };
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let same_gold = items[i].gold == items[j].gold;
            let same_pred = pred(&items[i]) == pred(&items[j]);
            s.pairs.predicted += usize::from(same_pred);
            s.pairs.gold += usize::from(same_gold);
            s.pairs.correct += usize::from(same_pred && same_gold);
        }
    }
    let mut by_pred: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_gold: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        by_pred.entry(pred(it)).or_default().push(i);
        by_gold.entry(it.gold.as_str()).or_default().push(i);
    }
    let n = items.len().max(1) as f64;
    for it in items {
        let p = &by_pred[pred(it)];
        let g = &by_gold[it.gold.as_str()];
        let both = p.iter().filter(|&&k| items[k].gold == it.gold).count() as f64;
        s.b3_precision += both / p.len() as f64 / n;
        s.b3_recall += both / g.len() as f64 / n;
    }
    if items.is_empty() {
        s.b3_precision = 1.0;
        s.b3_recall = 1.0;
    }
    for members in by_pred.values() {
        let spans: Vec<_> = members
            .iter()
            .filter_map(|&k| items[k].gold_date)
            .filter(|(a, b)| (*b - *a).num_days() <= 31)
            .collect();
        let far = spans.iter().any(|x| {
            spans
                .iter()
                .any(|y| (y.0 - x.1).num_days() >= 14 || (x.0 - y.1).num_days() >= 14)
        });
        s.apart += usize::from(far);
    }
    s
}

/// Resolves the mentions of an evaluated half and scores both clusterings.
pub fn evaluate(articles: &[LoadedArticle], report: &Report) -> Resolution {
    // Mentions by article, in coding order.
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in report.scored.iter().enumerate() {
        by_file.entry(s.file.as_str()).or_default().push(i);
    }
    let article_of: HashMap<&str, &LoadedArticle> = articles.iter().map(|a| (a.gold.file.as_str(), a)).collect();
    let reference = |file: &str| {
        by_file
            .get(file)
            .and_then(|ms| ms.first())
            .and_then(|&i| report.scored[i].coded.mention.reference_date.as_ref())
            .map(|r| r.date)
            .or_else(|| article_of.get(file).and_then(|a| a.gold.published))
    };
    let mut order: Vec<&str> = by_file.keys().copied().collect();
    order.sort_by_key(|f| (reference(f), *f));

    let mut resolver = Resolver::new();
    let mut resolved_of: HashMap<usize, String> = HashMap::new();
    let mut facts_of: HashMap<usize, Facts> = HashMap::new();
    let mut joins = 0;
    for file in order {
        // One report per event id within the article, as the writer groups them.
        let members = &by_file[file];
        let (reports, of) = reports_of(members.iter().map(|&i| {
            let m = &report.scored[i].coded.mention;
            (m.article_id.as_str(), m.event_id.as_str(), Facts::of(m, None))
        }));
        let mut links = Vec::with_capacity(reports.len());
        for r in reports {
            let link = resolver.resolve(&r.proposed, r.facts.clone());
            joins += usize::from(link.joined.is_some());
            links.push((link.event_id, r.facts));
        }
        for (&k, &ri) in members.iter().zip(&of) {
            resolved_of.insert(k, links[ri].0.clone());
            facts_of.insert(k, links[ri].1.clone());
        }
    }

    let items: Vec<Item> = report
        .scored
        .iter()
        .enumerate()
        .filter(|(_, s)| s.type_ok)
        .filter_map(|(i, s)| {
            let g = &article_of.get(s.file.as_str())?.gold.events[s.gold?];
            let m = &s.coded.mention;
            Some(Item {
                gold: g.event.clone(),
                facts: facts_of.get(&i).cloned(),
                label: format!(
                    "{} {} a1={} a2={} date={} place={}",
                    s.file,
                    m.event_type.as_str(),
                    m.actor1.as_ref().map_or("-", |a| a.name.as_str()),
                    m.actor2.as_ref().map_or("-", |a| a.name.as_str()),
                    m.date
                        .as_ref()
                        .map_or("-".to_owned(), |d| format!("{}..{}", d.start, d.end)),
                    m.place.as_ref().map_or("-", |p| p.name.as_str()),
                ),
                gold_date: g.date.as_deref().and_then(gold_range),
                hashed: s.coded.mention.event_id.clone(),
                resolved: resolver.current(resolved_of.get(&i)?).to_owned(),
            })
        })
        .collect();
    let mut errors = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let (a, b) = (&items[i], &items[j]);
            let same_gold = a.gold == b.gold;
            let one_article = a.label.split(' ').next() == b.label.split(' ').next();
            // Within an article only different events joined are shown: they are one report
            // by their event id, which is the extractor's doing, not the resolver's.
            if same_gold == (a.resolved == b.resolved) || (one_article && same_gold) {
                continue;
            }
            let verdict = match (&a.facts, &b.facts) {
                (Some(x), Some(y)) => format!("{:?}", sahel_resolver::compare(x, y)),
                _ => String::new(),
            };
            let what = match (same_gold, one_article) {
                (true, _) => "kept apart",
                (false, false) => "joined",
                (false, true) => "joined in one article",
            };
            errors.push(format!(
                "{what} [{}]: {}\n    | {}\n    = {verdict}",
                a.gold, a.label, b.label
            ));
        }
    }
    Resolution {
        errors,
        hashed: score(&items, |it| it.hashed.as_str()),
        resolved: score(&items, |it| it.resolved.as_str()),
        events: resolver.len(),
        joins,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(gold: &str, pred: &str, date: Option<&str>) -> Item {
        Item {
            gold: gold.into(),
            facts: None,
            label: String::new(),
            gold_date: date.and_then(gold_range),
            hashed: pred.into(),
            resolved: pred.into(),
        }
    }

    #[test]
    fn pairwise_and_bcubed_count_what_they_say() {
        // Gold: {a1, a2, a3}, {b1}. Predicted: {a1, a2}, {a3, b1}.
        let items = vec![
            item("a", "x", Some("2024-03-15")),
            item("a", "x", Some("2024-03-15")),
            item("a", "y", Some("2024-03-15")),
            item("b", "y", Some("2024-05-01")),
        ];
        let s = score(&items, |it| it.resolved.as_str());
        assert_eq!((s.pairs.correct, s.pairs.predicted, s.pairs.gold), (1, 2, 3));
        // B-cubed precision: a1 1, a2 1, a3 1/2, b1 1/2 -> 0.75.
        assert!((s.b3_precision - 0.75).abs() < 1e-9);
        // B-cubed recall: a1 2/3, a2 2/3, a3 1/3, b1 1 -> 2/3.
        assert!((s.b3_recall - 2.0 / 3.0).abs() < 1e-9);
        // {a3, b1} joins dates six weeks apart.
        assert_eq!(s.apart, 1);
    }
}
