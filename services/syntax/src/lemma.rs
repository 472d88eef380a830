//! Lemmas from the treebanks' lemma column: every (form, UPOS) pair seen in training is looked
//! up in a lexicon; any other word gets the edit script a perceptron picks from its UPOS,
//! features and affixes. An edit script lower-cases (or not), strips characters at the start
//! and the end, and appends a string: `armées` → `armée` is (lower, 0, 1, ""), Dutch
//! `gewerkt` → `werken` is (lower, 2, 1, "en").

use std::collections::HashMap;

use crate::features::{hash_str, key, WordKeys};
use crate::model::{Reader, Writer};
use crate::perceptron::{Model, Trainer};
use crate::train::Rng;
use crate::Sentence;

/// One way to turn a form into its lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Script {
    /// Lower-case the form first.
    pub lower: bool,
    /// Characters removed at the start.
    pub strip_start: u8,
    /// Characters removed at the end.
    pub strip_end: u8,
    /// What is appended.
    pub append: String,
}

impl Script {
    /// The script that turns `form` into `lemma`: the smaller edit, lower-casing on a tie.
    pub fn between(form: &str, lemma: &str) -> Script {
        let mut lowered = Script::compute(&form.to_lowercase(), lemma);
        lowered.lower = true;
        let kept = Script::compute(form, lemma);
        // The smaller edit wins: `Les` → `le` lower-cases, `Hughes` → `Hughes` keeps the case
        // (lower-casing would make it a script of its own: replace the word by `Hughes`).
        let size = |s: &Script| usize::from(s.strip_start) + usize::from(s.strip_end) + s.append.chars().count();
        if size(&lowered) <= size(&kept) {
            lowered
        } else {
            kept
        }
    }

    fn compute(form: &str, lemma: &str) -> Script {
        let f: Vec<char> = form.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let mut best = (0usize, 0usize); // (strip_start, common)
        for pre in 0..=f.len().min(4) {
            let common = f[pre..].iter().zip(&l).take_while(|(a, b)| a == b).count();
            if common > best.1 + pre.min(1) * 2 || (pre == 0 && common >= best.1) {
                best = (pre, common);
            }
        }
        let (pre, common) = best;
        Script {
            lower: false,
            strip_start: pre.min(255) as u8,
            strip_end: (f.len() - pre - common).min(255) as u8,
            append: l[common..].iter().collect(),
        }
    }

    /// Whether it can apply to a form of `len` characters.
    pub fn fits(&self, len: usize) -> bool {
        usize::from(self.strip_start) + usize::from(self.strip_end) <= len
    }

    /// The lemma it makes of `form` (the form itself when it does not fit or makes nothing).
    pub fn apply(&self, form: &str) -> String {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_owned()
        };
        let out = apply_parts(&base, self);
        if out.is_empty() {
            form.to_owned()
        } else {
            out
        }
    }
}

fn apply_parts(base: &str, s: &Script) -> String {
    let chars: Vec<char> = base.chars().collect();
    let (a, b) = (usize::from(s.strip_start), usize::from(s.strip_end));
    if a + b > chars.len() {
        return String::new();
    }
    let mut out: String = chars[a..chars.len() - b].iter().collect();
    out.push_str(&s.append);
    out
}

/// How many words of the lexicon a script must lemmatize before an unseen word may take it.
/// A script seen for one or two words is that word's spelling, not a rule: Alpino's
/// `brengt` → `door_brengen` or EWT's `Chas` → `Charles` turned unseen `brandstof` into
/// `bdoor_brengen` and `complain` into `cCharles`.
const MIN_WORDS_FOR_RULE: usize = 3;

/// The trained lemmatizer.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    scripts: Vec<Script>,
    /// (lower-case form hash, UPOS class) → script class.
    lexicon: HashMap<(u64, u16), u32>,
    model: Model,
    /// Per script: whether an unseen word may take it ([`MIN_WORDS_FOR_RULE`]).
    rule: Vec<bool>,
}

/// Which scripts are rules: those that lemmatize at least [`MIN_WORDS_FOR_RULE`] words of the
/// lexicon, among the first `learned` (the scripts the classifier was trained on; those after
/// came with words from outside the treebank, [`Lemmatizer::add_words`]). Read from the
/// lexicon, so a model written before this rule gets it too.
fn rules_of(scripts: usize, lexicon: &HashMap<(u64, u16), u32>, learned: usize) -> Vec<bool> {
    let mut words = vec![0usize; scripts];
    for &s in lexicon.values() {
        if let Some(n) = words.get_mut(s as usize) {
            *n += 1;
        }
    }
    words
        .into_iter()
        .enumerate()
        .map(|(i, n)| i < learned && n >= MIN_WORDS_FOR_RULE)
        .collect()
}

fn features(w: &WordKeys, upos: u16, feats: u64, out: &mut Vec<u64>) {
    out.clear();
    let u = u64::from(upos);
    out.push(key(200, &[u]));
    out.push(key(201, &[u, feats]));
    for (n, s) in w.suf.iter().enumerate() {
        out.push(key(202 + n as u32, &[u, *s]));
    }
    out.push(key(207, &[u, feats, w.suf[2]]));
    out.push(key(208, &[u, w.pre[1]]));
    out.push(key(209, &[u, w.pre[2]]));
    out.push(key(210, &[u, w.shape]));
    out.push(key(211, &[w.suf[3]]));
}

impl Lemmatizer {
    /// The lemma of `form`, tagged `upos` (class) with FEATS `feats`.
    pub fn lemma(
        &self,
        form: &str,
        keys: &WordKeys,
        upos: u16,
        feats: &str,
        scores: &mut Vec<f32>,
        buf: &mut Vec<u64>,
    ) -> String {
        if let Some(&s) = self.lexicon.get(&(keys.lower, upos)) {
            return self.scripts[s as usize].apply(form);
        }
        if self.scripts.is_empty() {
            return form.to_owned();
        }
        features(keys, upos, hash_str(feats), buf);
        scores.clear();
        scores.resize(self.model.classes(), 0.0);
        self.model.score_into(buf, scores);
        let len = form.chars().count();
        let fitting = |c: &usize| self.rule.get(*c).copied().unwrap_or(false) && self.scripts[*c].fits(len);
        if !(0..self.scripts.len()).any(|c| fitting(&c)) {
            return form.to_owned();
        }
        let best = crate::perceptron::argmax_among(scores, (0..self.scripts.len()).filter(fitting));
        self.scripts
            .get(best)
            .map_or_else(|| form.to_owned(), |s| s.apply(form))
    }

    /// Adds (form, lemma) pairs of class `upos` from outside the treebank to the lexicon,
    /// where the treebank did not show the form with that class. Each takes a script of its
    /// own that replaces the whole word, so none adds to the words a learned script counts
    /// ([`MIN_WORDS_FOR_RULE`]): "forsook" sharing "took"'s script would have made it a rule,
    /// and "accuse" would have become "accake".
    pub fn add_words<'a>(&mut self, words: impl IntoIterator<Item = (&'a str, &'a str)>, upos: u16) {
        for (form, lemma) in words {
            let key = (WordKeys::of(form).lower, upos);
            if self.lexicon.contains_key(&key) {
                continue;
            }
            self.scripts.push(Script {
                lower: true,
                strip_start: 0,
                strip_end: form.chars().count().min(255) as u8,
                append: lemma.to_owned(),
            });
            self.lexicon.insert(key, (self.scripts.len() - 1) as u32);
        }
        self.rule = rules_of(self.scripts.len(), &self.lexicon, self.model.classes());
    }

    /// Writes the lemmatizer's section.
    pub fn write(&self, w: &mut Writer) {
        w.usize(self.scripts.len());
        for s in &self.scripts {
            w.usize(usize::from(s.lower));
            w.usize(usize::from(s.strip_start));
            w.usize(usize::from(s.strip_end));
            w.str(&s.append);
        }
        let mut lex: Vec<((u64, u16), u32)> = self.lexicon.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        w.usize(lex.len());
        for ((h, u), s) in lex {
            w.varint(h);
            w.usize(u as usize);
            w.usize(s as usize);
        }
        self.model.write(w);
    }

    /// Reads the lemmatizer's section.
    pub fn read(r: &mut Reader<'_>) -> anyhow::Result<Lemmatizer> {
        let n = r.usize()?;
        let mut scripts = Vec::with_capacity(n);
        for _ in 0..n {
            scripts.push(Script {
                lower: r.usize()? != 0,
                strip_start: r.usize()?.min(255) as u8,
                strip_end: r.usize()?.min(255) as u8,
                append: r.str()?,
            });
        }
        let n = r.usize()?;
        let mut lexicon = HashMap::with_capacity(n);
        for _ in 0..n {
            let h = r.varint()?;
            let u = r.usize()? as u16;
            let s = r.usize()?;
            anyhow::ensure!(s < scripts.len(), "lemma script out of range");
            lexicon.insert((h, u), s as u32);
        }
        let model = Model::read(r)?;
        let rule = rules_of(scripts.len(), &lexicon, model.classes());
        Ok(Lemmatizer {
            scripts,
            lexicon,
            model,
            rule,
        })
    }

    /// Learns from gold sentences; `upos_class` maps a UPOS name to the tagger's class.
    pub fn train(
        sentences: &[Sentence],
        upos_class: &dyn Fn(&str) -> Option<u16>,
        epochs: usize,
        seed: u64,
    ) -> Lemmatizer {
        let mut script_index: HashMap<Script, u32> = HashMap::new();
        let mut scripts = Vec::new();
        let mut counts: HashMap<(u64, u16), HashMap<u32, usize>> = HashMap::new();
        let mut data = Vec::new();
        for s in sentences {
            for t in &s.tokens {
                let Some(u) = upos_class(&t.upos) else { continue };
                if t.lemma.is_empty() || t.lemma == "_" {
                    continue;
                }
                let script = Script::between(&t.form, &t.lemma);
                let next = scripts.len() as u32;
                let id = *script_index.entry(script.clone()).or_insert_with(|| {
                    scripts.push(script);
                    next
                });
                let keys = WordKeys::of(&t.form);
                *counts.entry((keys.lower, u)).or_default().entry(id).or_default() += 1;
                data.push((keys, u, hash_str(&t.feats), id));
            }
        }
        let lexicon: HashMap<(u64, u16), u32> = counts
            .into_iter()
            .filter_map(|(k, by)| {
                by.into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(s, _)| (k, s))
            })
            .collect();
        let mut trainer = Trainer::new(scripts.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut buf = Vec::new();
        let mut scores = Vec::new();
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let (keys, u, f, gold) = &data[i];
                features(keys, *u, *f, &mut buf);
                trainer.learn(&buf, *gold as usize, &mut scores, None);
            }
        }
        let rule = rules_of(scripts.len(), &lexicon, scripts.len());
        Lemmatizer {
            scripts,
            lexicon,
            model: trainer.finish(0.01, 0),
            rule,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_turn_forms_into_lemmas() {
        for (form, lemma) in [
            ("armées", "armée"),
            ("Les", "le"),
            ("Hughes", "Hughes"),
            ("gewerkt", "werken"),
            ("went", "go"),
            ("n't", "not"),
            ("Niamey", "Niamey"),
            ("été", "être"),
        ] {
            let s = Script::between(form, lemma);
            assert_eq!(s.apply(form), lemma, "{form} -> {lemma} by {s:?}");
        }
        let s = Script::between("gewerkt", "werken");
        assert_eq!(s.strip_start, 2);
        assert_eq!(s.apply("gebouwd"), "bouwen");
        let name = Script::between("Hughes", "Hughes");
        assert_eq!(name.apply("Gao"), "Gao", "a name keeps its case: {name:?}");
        let plural = Script::between("armées", "armée");
        assert_eq!(plural.apply("forces"), "force");
        assert_eq!(plural.apply(""), "");
    }

    #[test]
    fn a_script_seen_for_one_word_is_no_rule_for_unseen_words() {
        // Three names keep their form; one name's lemma is another spelling of it.
        let text = "1\tNiamey\tNiamey\tPROPN\t_\t_\t0\troot\t_\t_\n\n\
                    1\tAgadez\tAgadez\tPROPN\t_\t_\t0\troot\t_\t_\n\n\
                    1\tDosso\tDosso\tPROPN\t_\t_\t0\troot\t_\t_\n\n\
                    1\tChas\tCharles\tPROPN\t_\t_\t0\troot\t_\t_\n\n";
        let sentences = crate::conllu::parse(text).expect("fixture");
        let lem = Lemmatizer::train(&sentences, &|u| (u == "PROPN").then_some(0), 5, 7);
        let keep = Script::between("Gao", "Gao");
        let rename = Script::between("Chas", "Charles");
        let id = |s: &Script| lem.scripts.iter().position(|x| x == s).expect("script");
        assert!(lem.rule[id(&keep)], "a script three words share is a rule");
        assert!(!lem.rule[id(&rename)], "a script one word has is no rule");
        let (mut scores, mut buf) = (Vec::new(), Vec::new());
        for form in ["Tillaberi", "Chad", "Chis"] {
            let lemma = lem.lemma(form, &WordKeys::of(form), 0, "_", &mut scores, &mut buf);
            assert_eq!(lemma, form, "an unseen name keeps its form");
        }
        // A seen word keeps its own script.
        let seen = lem.lemma("Chas", &WordKeys::of("Chas"), 0, "_", &mut scores, &mut buf);
        assert_eq!(seen, "Charles");
    }

    #[test]
    fn words_from_outside_the_treebank_are_looked_up_and_make_no_rule() {
        // Two verbs share a script, one short of a rule.
        let text = "1\ttook\ttake\tVERB\t_\t_\t0\troot\t_\t_\n\n\
                    1\tshook\tshake\tVERB\t_\t_\t0\troot\t_\t_\n\n\
                    1\twent\tgo\tVERB\t_\t_\t0\troot\t_\t_\n\n";
        let sentences = crate::conllu::parse(text).expect("fixture");
        let mut lem = Lemmatizer::train(&sentences, &|u| (u == "VERB").then_some(0), 5, 7);
        let rules_before = lem.rule.iter().filter(|&&r| r).count();
        lem.add_words(
            [("undertook", "undertake"), ("forsook", "forsake"), ("took", "tack")],
            0,
        );
        let (mut scores, mut buf) = (Vec::new(), Vec::new());
        let mut lemma = |form: &str| lem.lemma(form, &WordKeys::of(form), 0, "_", &mut scores, &mut buf);
        assert_eq!(lemma("undertook"), "undertake");
        assert_eq!(lemma("Forsook"), "forsake", "looked up lower-cased");
        assert_eq!(lemma("took"), "take", "the treebank's own word wins");
        assert_eq!(lemma("accuse"), "accuse", "no script became a rule");
        assert_eq!(lem.rule.iter().filter(|&&r| r).count(), rules_before);
    }
}
