//! One article's account of one event comes in fragments: the extractor proposes an id per
//! combination of type, source, place and month, so the dated sentence, the sentence that
//! names only the attacker and the one that names only the town get three ids. Within an
//! article, fragments of one type and reality that can be one event are folded together
//! ([`fold_article`]), most informative first: a fragment joins the account it agrees with
//! ([`ARTICLE_THRESHOLD`], a missing date on one side not counted against): the one it agrees
//! with best, and among equally good ones the one told nearest before it (the account "the
//! attack" refers to); it stays on its own when it conflicts with or agrees too little with
//! every account, or when two are equally near. Fragments proposed under one id are held to
//! the same bar: one id is only type, source, country and month.
//!
//! The extractor applies this to each article it codes, so every consumer of its mentions
//! (the writer, the scorers) sees one id per account, whatever batches the mentions travel in.

use std::collections::HashMap;

use crate::facts::Facts;
use crate::score::{compare, Verdict};

/// One account: the mentions of an article sharing a proposed id.
struct Account {
    facts: Facts,
    position: u32,
}

/// For each of an article's mentions, given as (proposed event id, facts, sentence index),
/// the id of the account it belongs to: its own id, or the id of the account it was folded
/// into. Mentions proposed under one id that conflict (two towns of one country, two days of
/// one month) or agree too little ([`ARTICLE_THRESHOLD`]) are two accounts: the later one
/// takes the id with `~a2` (`~a3`...) appended.
/// (The appended ids are the article's own; across articles the resolver decides.)
pub fn fold_article<'a>(mentions: impl IntoIterator<Item = (&'a str, Facts, u32)>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut accounts: Vec<Account> = Vec::new();
    // The accounts proposed under each id, in the order they were opened.
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut of_mention = Vec::new();
    for (id, facts, position) in mentions {
        let family = index.entry(id).or_default();
        // It joins the one account of its id it agrees with; fitting none, or several (the
        // fold below then picks by nearness), it opens one.
        let fits: Vec<usize> = family
            .iter()
            .copied()
            .filter(|&i| folds_into(&facts, &accounts[i].facts).is_some())
            .collect();
        let i = match fits[..] {
            [i] => i,
            _ => {
                ids.push(match family.len() {
                    0 => id.to_owned(),
                    n => format!("{id}~a{}", n + 1),
                });
                accounts.push(Account {
                    facts: facts.clone(),
                    position,
                });
                family.push(accounts.len() - 1);
                accounts.len() - 1
            }
        };
        accounts[i].position = accounts[i].position.min(position);
        if accounts[i].facts != facts {
            accounts[i].facts.absorb(&facts);
        }
        of_mention.push(i);
    }
    let head = coalesce(&accounts);
    of_mention.into_iter().map(|i| ids[head[i]].clone()).collect()
}

/// Within one article, what two accounts of one kind must agree on to be taken as one event
/// (besides having no conflict): an article that tells of an attack on the 14th in Kayes and
/// then of "the attack" by JNIM tells of one attack, unless something sets them apart.
pub const ARTICLE_THRESHOLD: f64 = 0.5;

/// How well a fragment agrees with an account of the same article, when enough to be one
/// event with it ([`ARTICLE_THRESHOLD`]; a missing date on one side is not counted against).
/// `None` when they conflict or agree too little: "Mali left the G5 Sahel" and "it suspended
/// the cooperation", neither dated nor with a source, are two acts.
fn folds_into(fragment: &Facts, account: &Facts) -> Option<f64> {
    let Verdict::Compatible { score, agreed } = compare(fragment, account) else {
        return None;
    };
    let undated = agreed.iter().any(|a| a.how == crate::score::UNDATED_HOW);
    let score = if undated {
        score + crate::score::UNDATED_MARGIN
    } else {
        score
    };
    (score >= ARTICLE_THRESHOLD).then_some(score)
}

/// How much a fragment tells: a day, a town, the actors.
fn informativeness(f: &Facts) -> u32 {
    let date = match f.date {
        Some(d) if d.days() == 1 => 3,
        Some(_) => 1,
        None => 0,
    };
    let place = match &f.place {
        Some(p) if !p.is_country => 2,
        Some(_) => 1,
        None => 0,
    };
    date + place + u32::from(f.actor1.is_some()) + u32::from(f.actor2.is_some())
}

/// For each account, the account heading its group (itself when it stands alone).
fn coalesce(raw: &[Account]) -> Vec<usize> {
    let mut head: Vec<usize> = (0..raw.len()).collect();
    let mut order: Vec<usize> = (0..raw.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(informativeness(&raw[i].facts)), i));
    // Heads formed so far: the raw report heading each, its folded facts, its members'
    // sentences.
    let mut heads: Vec<(usize, Facts, Vec<u32>)> = Vec::new();
    for i in order {
        let r = &raw[i];
        // (score, index) of every head the fragment can fold into.
        let mut fits: Vec<(f64, usize)> = Vec::new();
        for (k, (_, facts, _)) in heads.iter().enumerate() {
            if let Some(score) = folds_into(&r.facts, facts) {
                fits.push((score, k));
            }
        }
        match pick(&fits, &heads, r.position) {
            Some(k) => {
                heads[k].1.absorb(&r.facts);
                heads[k].2.push(r.position);
                head[i] = heads[k].0;
            }
            None => heads.push((i, r.facts.clone(), vec![r.position])),
        }
    }
    head
}

/// Which of the heads a fragment fits (`fits`: score, head) it folds into: the one it agrees
/// with best; among equally good ones, the account told nearest before the fragment (the
/// antecedent "the attack" refers to), else nearest after; none when two are equally near.
/// (Measured on the dev gold: letting nearness decide among scores within 0.5 or 1.0 of the
/// best does worse.)
fn pick(fits: &[(f64, usize)], heads: &[(usize, Facts, Vec<u32>)], at: u32) -> Option<usize> {
    let best = fits.iter().map(|f| f.0).fold(f64::NEG_INFINITY, f64::max);
    let near = |k: usize| {
        heads[k]
            .2
            .iter()
            .map(|&p| if p <= at { (0, at - p) } else { (1, p - at) })
            .min()
            .unwrap_or((2, 0))
    };
    let mut close: Vec<((u8, u32), usize)> = fits
        .iter()
        .filter(|f| f.0 >= best)
        .map(|&(_, k)| (near(k), k))
        .collect();
    close.sort();
    match close.as_slice() {
        [] => None,
        [(_, k)] => Some(*k),
        [(a, k), (b, _), ..] => (a != b).then_some(*k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::protest;

    #[test]
    fn an_articles_fragments_of_one_event_fold_into_one_account() {
        let dated = protest(Some("Niamey"), Some("2024-03-15"), None);
        let bare = protest(None, None, Some("2024-03-18"));
        let ids = fold_article([("p1", dated.clone(), 0), ("p2", bare.clone(), 1), ("p1", dated, 2)]);
        assert_eq!(ids, ["p1", "p1", "p1"]);
        // Alone, a fragment keeps its id.
        assert_eq!(fold_article([("p2", bare, 0)]), ["p2"]);
    }

    #[test]
    fn fragments_proposed_under_one_id_that_conflict_are_two_accounts() {
        // One id (type, source, country, month) for a march in Sikasso and barricades in
        // Bamako the same day: two towns are two events; a bare fragment told right after the
        // Bamako one is Bamako's.
        let sikasso = protest(Some("Sikasso"), Some("2026-03-06"), None);
        let bamako = protest(Some("Bamako"), None, Some("2026-03-07"));
        let bare = protest(None, None, Some("2026-03-07"));
        let ids = fold_article([("p1", sikasso, 0), ("p1", bamako, 3), ("p1", bare, 4)]);
        assert_eq!(ids, ["p1", "p1~a2", "p1~a2"]);
    }

    #[test]
    fn fragments_proposed_under_one_id_that_agree_too_little_are_two_accounts() {
        // One id (type, no source, month) for "left the G5 Sahel" and "suspended the
        // cooperation": two modes and nothing else shared are two acts, not one.
        let mut left = protest(None, None, Some("2023-12-06"));
        left.event_type = "SANCTION".into();
        left.mode = Some("withdraw".into());
        left.actor1 = None;
        let mut suspended = left.clone();
        suspended.mode = Some("discontinue".into());
        let ids = fold_article([("s1", left.clone(), 0), ("s1", suspended, 2), ("s1", left, 5)]);
        assert_eq!(ids, ["s1", "s1~a2", "s1"]);
    }

    #[test]
    fn a_fragment_belongs_to_the_account_told_before_it_and_other_types_stay_apart() {
        let niamey = protest(Some("Niamey"), Some("2024-03-15"), None);
        let zinder = protest(Some("Zinder"), Some("2024-03-15"), None);
        let bare = protest(None, None, Some("2024-03-18"));
        // Told right after the Zinder march, "the protesters" are Zinder's; the two marches
        // stay apart.
        let ids = fold_article([
            ("p1", niamey.clone(), 0),
            ("p2", zinder.clone(), 3),
            ("p3", bare.clone(), 4),
        ]);
        assert_eq!(ids, ["p1", "p2", "p2"]);
        // Told between two accounts at the same distance, they are left alone.
        let ids = fold_article([("p1", niamey, 2), ("p2", zinder, 2), ("p3", bare, 3)]);
        assert_eq!(ids, ["p1", "p2", "p3"]);
        // Another type never folds in.
        let mut demand = protest(Some("Niamey"), Some("2024-03-15"), None);
        demand.event_type = "DEMAND".into();
        let ids = fold_article([
            ("p1", protest(Some("Niamey"), Some("2024-03-15"), None), 0),
            ("p2", demand, 1),
        ]);
        assert_eq!(ids, ["p1", "p2"]);
    }
}
