//! Multiword tokens: written tokens that are several syntactic words, learned from the
//! treebanks' `3-4 du` lines. A table gives each known token's parts (`du` → `de le`, `don't` →
//! `do n't`, `auxquels` → `à lesquels`); a token written both ways in training (French `des`:
//! `de les` or the article `des`; English `its`) is decided by a perceptron over its
//! neighbours; an unknown token that ends with a clitic the table splits off as a suffix
//! (`n't`, `'re`) is split the same way (`shouldn't` → `should n't`).

use std::collections::{HashMap, HashSet};

use crate::features::{hash_str, key, suffix};
use crate::model::{Reader, Writer};
use crate::perceptron::{Model, Trainer};
use crate::train::Rng;
use crate::Sentence;

/// The trained expander.
#[derive(Debug, Clone, Default)]
pub struct Expander {
    /// Lower-case token → its parts (lower-case).
    table: HashMap<String, Vec<String>>,
    /// Tokens also written as one word: split only when the model says so.
    ambiguous: HashSet<String>,
    /// Clitic suffixes split off unknown tokens (lower-case, as written in the parts).
    suffixes: Vec<String>,
    model: Model,
}

fn features(prev: &str, tok: &str, next: &str, out: &mut Vec<u64>) {
    out.clear();
    let (p, t, n) = (hash_str(prev), hash_str(tok), hash_str(next));
    out.push(key(400, &[t]));
    out.push(key(401, &[t, p]));
    out.push(key(402, &[t, n]));
    out.push(key(403, &[t, hash_str(suffix(prev, 2))]));
    out.push(key(404, &[t, hash_str(suffix(next, 2))]));
    out.push(key(405, &[t, p, n]));
    out.push(key(406, &[t, hash_str(suffix(prev, 3))]));
}

/// Gives `part` the capitals of `written`: all capitals when it is, else a capital first
/// letter on the first part when it has one.
fn recase(part: &str, written: &str, first: bool) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return part.to_uppercase();
    }
    if first && written.chars().next().is_some_and(char::is_uppercase) {
        let mut c = part.chars();
        return match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        };
    }
    part.to_owned()
}

/// A token written as one word more than this many times as often as split is never split.
const RARE_SPLIT: usize = 20;

/// Whether splitting `tok` into `parts` would read a clitic whose apostrophe was left out
/// ("its" as "it" "s", "dont" as "do" "nt"), given the clitic `suffixes` written with one: the
/// web treebank splits such typos, but edited text writes the clitic with its apostrophe, and
/// the word without one is a word of its own (the possessive "its").
fn apostrophe_dropped(tok: &str, parts: &[String], suffixes: &[String]) -> bool {
    !tok.contains('\'')
        && parts
            .iter()
            .skip(1)
            .any(|p| suffixes.iter().any(|s| s.contains('\'') && s.replace('\'', "") == *p))
}

impl Expander {
    /// The parts of token `tok` between `prev` and `next` (written tokens), or `None` when it
    /// is one word.
    pub fn expand(
        &self,
        prev: &str,
        tok: &str,
        next: &str,
        buf: &mut Vec<u64>,
        scores: &mut Vec<f32>,
    ) -> Option<Vec<String>> {
        // Typographic apostrophes are looked up as straight ones and written back as they were.
        let curly = tok.contains('\u{2019}');
        let lower = tok.to_lowercase().replace('\u{2019}', "'");
        let back = |p: String| if curly { p.replace('\'', "\u{2019}") } else { p };
        if let Some(parts) = self.table.get(&lower) {
            if self.ambiguous.contains(&lower) {
                features(&prev.to_lowercase(), &lower, &next.to_lowercase(), buf);
                if self.model.predict(buf, scores, None) != 1 {
                    return None;
                }
            }
            return Some(
                parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| back(recase(p, tok, i == 0)))
                    .collect(),
            );
        }
        for suf in &self.suffixes {
            if let Some(stem) = lower.strip_suffix(suf.as_str()) {
                if stem.chars().count() >= 2 && stem.chars().all(char::is_alphabetic) {
                    let cut = tok.chars().count() - suf.chars().count();
                    let head: String = tok.chars().take(cut).collect();
                    let tail: String = tok.chars().skip(cut).collect();
                    return Some(vec![head, tail]);
                }
            }
        }
        None
    }

    /// Writes the expander's section.
    pub fn write(&self, w: &mut Writer) {
        let mut table: Vec<(&String, &Vec<String>)> = self.table.iter().collect();
        table.sort();
        w.usize(table.len());
        for (k, parts) in table {
            w.str(k);
            w.strs(parts);
            w.usize(usize::from(self.ambiguous.contains(k)));
        }
        w.strs(&self.suffixes);
        self.model.write(w);
    }

    /// Reads the expander's section.
    pub fn read(r: &mut Reader<'_>) -> anyhow::Result<Expander> {
        let n = r.usize()?;
        let mut table = HashMap::with_capacity(n);
        let mut ambiguous = HashSet::new();
        for _ in 0..n {
            let k = r.str()?;
            let parts = r.strs()?;
            if r.usize()? != 0 {
                ambiguous.insert(k.clone());
            }
            table.insert(k, parts);
        }
        let suffixes = r.strs()?;
        table.retain(|k, parts| !apostrophe_dropped(k, parts, &suffixes));
        let model = Model::read(r)?;
        Ok(Expander {
            table,
            ambiguous,
            suffixes,
            model,
        })
    }

    /// Learns from gold sentences.
    pub fn train(sentences: &[Sentence], epochs: usize, seed: u64) -> Expander {
        // (token, parts) counts, and how often each token is written as one word.
        let mut as_mwt: HashMap<String, HashMap<Vec<String>, usize>> = HashMap::new();
        let mut as_word: HashMap<String, usize> = HashMap::new();
        let mut tokens: Vec<Vec<(String, bool)>> = Vec::with_capacity(sentences.len());
        for s in sentences {
            let mut seq = Vec::new();
            for (form, range, mwt) in crate::conllu::surface(s) {
                let lower = form.to_lowercase();
                if mwt.is_some() {
                    let parts: Vec<String> = range.map(|i| s.tokens[i - 1].form.to_lowercase()).collect();
                    *as_mwt.entry(lower.clone()).or_default().entry(parts).or_default() += 1;
                    seq.push((lower, true));
                } else {
                    *as_word.entry(lower.clone()).or_default() += 1;
                    seq.push((lower, false));
                }
            }
            tokens.push(seq);
        }
        let mut table = HashMap::new();
        let mut suffix_counts: HashMap<String, usize> = HashMap::new();
        for (tok, by_parts) in &as_mwt {
            let Some((parts, _)) = by_parts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
                continue;
            };
            // A word split only by the odd typo ("its" for "it's") stays one word.
            let split: usize = by_parts.values().sum();
            if as_word.get(tok).copied().unwrap_or(0) > RARE_SPLIT * split {
                continue;
            }
            if parts.len() == 2
                && parts.concat() == *tok
                && parts[1].chars().count() <= 3
                && parts[1].chars().any(|c| !c.is_alphanumeric())
            {
                *suffix_counts.entry(parts[1].clone()).or_default() += by_parts.values().sum::<usize>();
            }
            table.insert(tok.clone(), parts.clone());
        }
        let mut suffixes: Vec<String> = suffix_counts
            .into_iter()
            .filter(|(_, n)| *n >= 5)
            .map(|(s, _)| s)
            .collect();
        suffixes.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        table.retain(|k, parts| !apostrophe_dropped(k, parts, &suffixes));
        let ambiguous: HashSet<String> = table
            .keys()
            .filter(|k| as_word.get(*k).copied().unwrap_or(0) > 0)
            .cloned()
            .collect();

        let mut data = Vec::new();
        for seq in &tokens {
            for i in 0..seq.len() {
                if ambiguous.contains(&seq[i].0) {
                    let prev = if i > 0 { seq[i - 1].0.as_str() } else { "" };
                    let next = seq.get(i + 1).map_or("", |t| t.0.as_str());
                    let mut f = Vec::new();
                    features(prev, &seq[i].0, next, &mut f);
                    data.push((f, usize::from(seq[i].1)));
                }
            }
        }
        let mut trainer = Trainer::new(2);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut scores = Vec::new();
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let (f, gold) = &data[i];
                trainer.learn(f, *gold, &mut scores, None);
            }
        }
        Expander {
            table,
            ambiguous,
            suffixes,
            model: trainer.finish(0.001, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recases_parts_like_the_token() {
        assert_eq!(recase("de", "Du", true), "De");
        assert_eq!(recase("le", "Du", false), "le");
        assert_eq!(recase("n't", "DON'T", false), "N'T");
    }

    #[test]
    fn a_clitic_without_its_apostrophe_is_no_split() {
        let suffixes: Vec<String> = ["n't", "'s", "'re"].map(String::from).to_vec();
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(apostrophe_dropped("its", &parts(&["it", "s"]), &suffixes));
        assert!(apostrophe_dropped("dont", &parts(&["do", "nt"]), &suffixes));
        assert!(!apostrophe_dropped("it's", &parts(&["it", "'s"]), &suffixes));
        assert!(!apostrophe_dropped("cannot", &parts(&["can", "not"]), &suffixes));
        assert!(!apostrophe_dropped("gonna", &parts(&["gon", "na"]), &suffixes));
        assert!(!apostrophe_dropped("du", &parts(&["de", "le"]), &suffixes));
    }
}
