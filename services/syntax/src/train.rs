//! Training a language's pipeline from its treebank split (`sahel-syntax train`). Deterministic:
//! one seed drives every shuffle, so the same sentences give the same model bytes.
//!
//! The parser learns from the tags it will see at run time, not gold ones: the training
//! sentences are cut into folds, each tagged by a tagger trained on the others (jackknifing),
//! and lemmatized by the final lemmatizer. Its trees are made projective by lifting, with the
//! lifts recorded in the labels ([`crate::projectivity`]).

use std::collections::HashMap;

use crate::features::WordKeys;
use crate::lemma::Lemmatizer;
use crate::lexicon::Lexicon;
use crate::mwt::Expander;
use crate::parser::{Example, ParseWord, Parser};
use crate::projectivity::{base, projectivize, LIFT};
use crate::tagger::Tagger;
use crate::{Language, Pipeline, Sentence};

/// A small deterministic generator (xorshift64*), for shuffles.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher-Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Tagger epochs.
    pub tagger_epochs: usize,
    /// Lemmatizer epochs.
    pub lemma_epochs: usize,
    /// Parser epochs.
    pub parser_epochs: usize,
    /// Folds for the parser's predicted tags (1: gold tags).
    pub jackknife: usize,
    /// Averaged parser weights smaller than this are dropped (model size against accuracy).
    pub parser_prune: f32,
    /// Parser features seen fewer times than this in the first epoch are dropped.
    pub min_count: u32,
    /// Probability of following the parser's own move after the first epoch.
    pub explore: f64,
    /// The seed.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tagger_epochs: 10,
            lemma_epochs: 8,
            parser_epochs: 20,
            jackknife: 5,
            parser_prune: 0.05,
            min_count: 2,
            explore: 0.9,
            seed: 20_261_201,
        }
    }
}

/// Trains every stage of `lang` on `sentences`; `log` hears of progress.
pub fn train(lang: Language, sentences: &[Sentence], opts: Options, log: &mut dyn FnMut(&str)) -> Pipeline {
    let expander = Expander::train(sentences, 5, opts.seed);
    log("multiword tokens learned");
    let lexicon = Lexicon::for_language(lang).unwrap_or_else(|e| panic!("the shipped lexicon: {e:#}"));
    let tagger = Tagger::train(sentences, &lexicon, opts.tagger_epochs, opts.seed);
    log("tagger trained");
    let mut lemmatizer = Lemmatizer::train(sentences, &|u| tagger.upos_class(u), opts.lemma_epochs, opts.seed);
    log("lemmatizer trained");

    // Tags the parser learns from: each fold tagged by a tagger that did not see it.
    let folds = opts.jackknife.max(1);
    let mut predicted: Vec<Vec<(String, String)>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(|t| (t.upos.clone(), t.feats.clone())).collect())
        .collect();
    if folds > 1 {
        for k in 0..folds {
            let rest: Vec<Sentence> = sentences
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, s)| s.clone())
                .collect();
            let tg = Tagger::train(&rest, &lexicon, opts.tagger_epochs, opts.seed + k as u64 + 1);
            for (i, s) in sentences.iter().enumerate().filter(|(i, _)| i % folds == k) {
                let keys: Vec<WordKeys> = s.tokens.iter().map(|t| WordKeys::of(&t.form)).collect();
                predicted[i] = tg
                    .tag(&keys)
                    .into_iter()
                    .map(|(u, f)| (tg.upos_name(u).to_owned(), tg.feats_name(f).to_owned()))
                    .collect();
            }
            log(&format!("fold tagger {}/{folds} trained", k + 1));
        }
    }

    // Projective training trees; a lift mark rarer than MIN_LIFTED is dropped (plain lifting).
    const MIN_LIFTED: usize = 5;
    let mut trees: Vec<(Vec<usize>, Vec<String>)> = sentences
        .iter()
        .map(|s| {
            let mut heads: Vec<usize> = s
                .tokens
                .iter()
                .map(|t| if t.head > s.tokens.len() { 0 } else { t.head })
                .collect();
            let mut labels: Vec<String> = s.tokens.iter().map(|t| t.deprel.clone()).collect();
            projectivize(&mut heads, &mut labels);
            (heads, labels)
        })
        .collect();
    let mut lifted: HashMap<String, usize> = HashMap::new();
    for (_, labels) in &trees {
        for l in labels.iter().filter(|l| l.contains(LIFT)) {
            *lifted.entry(l.clone()).or_default() += 1;
        }
    }
    let mut labels: Vec<String> = vec!["root".to_owned()];
    for (_, ls) in &mut trees {
        for l in ls.iter_mut() {
            if l.contains(LIFT) && lifted.get(l.as_str()).copied().unwrap_or(0) < MIN_LIFTED {
                *l = base(l).to_owned();
            }
            if l != "root" && !labels.contains(l) {
                labels.push(l.clone());
            }
        }
    }
    labels[1..].sort();
    let label_of = |d: &str| labels.iter().position(|l| l == d).unwrap_or(0) as u16;
    let (mut scores, mut buf) = (Vec::new(), Vec::new());
    let examples: Vec<Example> = sentences
        .iter()
        .zip(&predicted)
        .zip(&trees)
        .filter(|((s, _), _)| !s.tokens.is_empty())
        .map(|((s, tags), (heads, tree_labels))| {
            let words = s
                .tokens
                .iter()
                .zip(tags)
                .map(|(t, (upos, feats))| {
                    let keys = WordKeys::of(&t.form);
                    let uc = tagger.upos_class(upos).unwrap_or(0);
                    let lemma = lemmatizer.lemma(&t.form, &keys, uc, feats, &mut scores, &mut buf);
                    ParseWord::new(&keys, upos, &lemma, feats)
                })
                .collect();
            let ls: Vec<u16> = heads
                .iter()
                .zip(tree_labels)
                .map(|(&h, l)| if h == 0 { 0 } else { label_of(l).max(1) })
                .collect();
            Example::new(words, heads, &ls)
        })
        .collect();
    log("parser examples ready");
    let parser = Parser::train(labels, &examples, &opts);
    log("parser trained");
    // Irregular verbs from outside the treebank ("undertook"), added once the parser has
    // learned from the treebank's own lemmas, so the parser is trained as without them.
    if let Some(verb) = tagger.upos_class("VERB") {
        lemmatizer.add_words(crate::lexicon::verb_lemmas(lang), verb);
    }
    Pipeline {
        lang,
        expander,
        tagger,
        lemmatizer,
        parser,
    }
}
