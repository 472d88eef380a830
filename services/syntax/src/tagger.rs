//! Part of speech and morphology: a greedy left-to-right UPOS tagger (averaged perceptron over
//! the word, its affixes and shape, a window of two words each side and the two tags before it;
//! frequent unambiguous words are looked up in a tag dictionary; a word the treebank shows less
//! than twice reads its classes from a word-class lexicon where one ships, see
//! [`crate::lexicon`]), then a FEATS classifier per
//! word over its UPOS, affixes and neighbours, choosing among the feature bundles seen with that
//! UPOS in training. A sentence left without any verb gets the likeliest one, and one without a
//! finite verb reads a past participle after its subject as finite.

use std::collections::HashMap;

use crate::features::{hash_str, key, WordKeys, PAD_LEFT, PAD_RIGHT};
use crate::lexicon::Lexicon;
use crate::model::{Reader, Writer};
use crate::perceptron::{Model, Trainer};
use crate::train::Rng;
use crate::Sentence;

/// The trained tagger.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    /// UPOS names by class.
    pub upos_names: Vec<String>,
    /// FEATS bundles by class (`_` for none).
    pub feats_names: Vec<String>,
    upos: Model,
    feats: Model,
    /// For each UPOS class, the FEATS classes seen with it.
    feats_allowed: Vec<Vec<u16>>,
    /// Frequent unambiguous words (lower-case form hash) and their UPOS.
    tagdict: HashMap<u64, u16>,
    /// Words seen twice or more (lower-case form hash) and the set of UPOS they had, hashed:
    /// the ambiguity class, which tells the tagger about the words after the current one.
    ambiguity: HashMap<u64, u64>,
    /// Word classes from outside the treebank, the ambiguity class of a word not in
    /// `ambiguity` (stored in the model file after the parser: see [`crate::pipeline`]).
    lexicon: Lexicon,
    /// Which FEATS classes are finite verb forms, and which are past participles.
    forms: VerbForms,
}

/// The FEATS classes of finite verbs (`VerbForm=Fin`) and of past participles
/// (`Tense=Past|VerbForm=Part`), derived from the bundle names.
#[derive(Debug, Clone, Default)]
struct VerbForms {
    finite: Vec<bool>,
    past_participle: Vec<bool>,
    /// Finite past bundles (`Tense=Past` with `VerbForm=Fin`).
    finite_past: Vec<u16>,
}

impl VerbForms {
    fn of(names: &[String]) -> VerbForms {
        let has = |n: &str, f: &str| n.split('|').any(|x| x == f);
        let finite: Vec<bool> = names.iter().map(|n| has(n, "VerbForm=Fin")).collect();
        let past = |n: &str| has(n, "Tense=Past");
        VerbForms {
            past_participle: names.iter().map(|n| past(n) && has(n, "VerbForm=Part")).collect(),
            finite_past: (0..names.len())
                .filter(|&c| finite[c] && past(&names[c]))
                .map(|c| c as u16)
                .collect(),
            finite,
        }
    }
}

/// The ambiguity classes of the words (0 for a word not in the table).
fn classes(table: &HashMap<u64, u64>, words: &[WordKeys]) -> Vec<u64> {
    words
        .iter()
        .map(|w| table.get(&w.lower).copied().unwrap_or(0))
        .collect()
}

/// The words' classes: the treebank's ambiguity class of each word, and its lexicon class
/// where the treebank gives it none (0 otherwise). The lexicon class is read for the word
/// itself only, not as a neighbour's (read as a neighbour's, it made "kill" a noun before a
/// plural the lexicon knows: "Soldiers kill civilians").
struct WordClasses {
    amb: Vec<u64>,
    lex: Vec<u64>,
}

impl WordClasses {
    fn of(table: &HashMap<u64, u64>, lexicon: &Lexicon, words: &[WordKeys]) -> WordClasses {
        let amb = classes(table, words);
        let lex = words
            .iter()
            .zip(&amb)
            .map(|(w, &a)| if a == 0 { lexicon.get(w.lower).unwrap_or(0) } else { 0 })
            .collect();
        WordClasses { amb, lex }
    }
}

const NO_TAG: u64 = 0xdead_beef;

/// The shortest sentence that must have a verb ([`Tagger::one_verb`]): shorter ones are
/// headlines and captions as often as clauses.
const MIN_WORDS_FOR_A_VERB: usize = 4;

/// How far below the tag it was given a word's verb score may be for it to become the verb.
/// Chosen on the tuning ninth of the training part (`sahel-syntax train --tune --tune-out`,
/// models trained without the rule): UPOS and UAS are flat from 1 to 15 and fall from 30
/// (English UPOS 94.27 at 0, 94.31 at 3 to 8, 94.09 at 30, 93.58 unbounded).
const VERB_MARGIN: f32 = 5.0;

/// What a caller knows of a sentence's words, by word (a slice shorter than the sentence says
/// nothing of the words past its end): which are part of a name, which are forms of a verb.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// Part of a name the caller knows.
    pub names: &'a [bool],
    /// A form the caller knows as a verb's.
    pub verbs: &'a [bool],
    /// A word the caller knows as an adjective before a common noun ("Malian troops"), which
    /// the tagger, not knowing it, may read as a name.
    pub adjectives: &'a [bool],
    /// A word of a date expression the caller read ("dinsdag", "March"), which is no verb.
    pub dates: &'a [bool],
    /// A common noun the caller knows as one of a group of people ("jihadisten"), no verb.
    pub nouns: &'a [bool],
    /// A noun the caller knows as an event's where one stands ("an offensive against"): no
    /// adjective either.
    pub event_nouns: &'a [bool],
}

impl Hints<'_> {
    fn date(&self, i: usize) -> bool {
        self.dates.get(i) == Some(&true)
    }

    fn noun(&self, i: usize) -> bool {
        self.nouns.get(i) == Some(&true) || self.event_noun(i)
    }

    fn event_noun(&self, i: usize) -> bool {
        self.event_nouns.get(i) == Some(&true)
    }

    fn adjective(&self, i: usize) -> bool {
        self.adjectives.get(i) == Some(&true)
    }

    fn name(&self, i: usize) -> bool {
        self.names.get(i) == Some(&true)
    }

    fn verb(&self, i: usize) -> bool {
        self.verbs.get(i) == Some(&true)
    }
}

fn tag_key(t: Option<u16>) -> u64 {
    t.map_or(NO_TAG, u64::from)
}

/// UPOS features of word `i`, given the tags chosen for the words before it.
fn upos_features(w: &[WordKeys], c: &WordClasses, i: usize, tags: &[u16], out: &mut Vec<u64>) {
    out.clear();
    let (amb, lex) = (&c.amb, &c.lex);
    let class = |j: isize| -> u64 {
        if j < 0 {
            PAD_LEFT
        } else {
            amb.get(j as usize).copied().unwrap_or(PAD_RIGHT)
        }
    };
    let at = |j: isize| -> u64 {
        if j < 0 {
            PAD_LEFT
        } else if j as usize >= w.len() {
            PAD_RIGHT
        } else {
            w[j as usize].lower
        }
    };
    let suf3 = |j: isize| -> u64 {
        if j < 0 || j as usize >= w.len() {
            0
        } else {
            w[j as usize].suf[2]
        }
    };
    let me = &w[i];
    let ii = i as isize;
    let p1 = tag_key(i.checked_sub(1).map(|j| tags[j]));
    let p2 = tag_key(i.checked_sub(2).map(|j| tags[j]));
    out.push(key(0, &[]));
    out.push(key(1, &[me.lower]));
    out.push(key(2, &[me.form]));
    for (n, s) in me.suf.iter().enumerate() {
        out.push(key(3 + n as u32, &[*s]));
    }
    for (n, p) in me.pre.iter().enumerate() {
        out.push(key(8 + n as u32, &[*p]));
    }
    out.push(key(11, &[me.shape]));
    out.push(key(12, &[me.shape, u64::from(i == 0)]));
    out.push(key(13, &[at(ii - 1)]));
    out.push(key(14, &[at(ii - 2)]));
    out.push(key(15, &[at(ii + 1)]));
    out.push(key(16, &[at(ii + 2)]));
    out.push(key(17, &[suf3(ii - 1)]));
    out.push(key(18, &[suf3(ii + 1)]));
    out.push(key(19, &[p1]));
    out.push(key(20, &[p2]));
    out.push(key(21, &[p1, p2]));
    out.push(key(22, &[p1, me.lower]));
    out.push(key(23, &[p1, me.suf[2]]));
    out.push(key(24, &[me.lower, at(ii + 1)]));
    out.push(key(25, &[at(ii - 1), me.lower]));
    out.push(key(26, &[me.len]));
    out.push(key(27, &[p1, at(ii + 1)]));
    out.push(key(28, &[class(ii)]));
    out.push(key(29, &[class(ii + 1)]));
    out.push(key(30, &[class(ii + 2)]));
    out.push(key(31, &[p1, class(ii)]));
    out.push(key(32, &[class(ii), class(ii + 1)]));
    out.push(key(33, &[class(ii), me.suf[2]]));
    if lex[i] != 0 {
        out.push(key(34, &[lex[i]]));
        out.push(key(35, &[p1, lex[i]]));
        out.push(key(36, &[lex[i], me.suf[2]]));
    }
}

/// FEATS features of word `i`, given every word's UPOS.
fn feats_features(w: &[WordKeys], i: usize, tags: &[u16], out: &mut Vec<u64>) {
    out.clear();
    let me = &w[i];
    let t = u64::from(tags[i]);
    let prev = tag_key(i.checked_sub(1).map(|j| tags[j]));
    let next = tag_key(tags.get(i + 1).copied());
    let prev_w = i.checked_sub(1).map_or(PAD_LEFT, |j| w[j].lower);
    out.push(key(100, &[t]));
    out.push(key(101, &[t, me.lower]));
    for (n, s) in me.suf.iter().enumerate() {
        out.push(key(102 + n as u32, &[t, *s]));
    }
    out.push(key(107, &[t, prev]));
    out.push(key(108, &[t, next]));
    out.push(key(109, &[t, prev_w]));
    out.push(key(110, &[t, me.shape]));
    out.push(key(111, &[t, me.pre[1]]));
    out.push(key(112, &[t, prev, me.suf[1]]));
    let prev2 = tag_key(i.checked_sub(2).map(|j| tags[j]));
    let prev2_w = i.checked_sub(2).map_or(PAD_LEFT, |j| w[j].lower);
    let next_w = w.get(i + 1).map_or(PAD_RIGHT, |x| x.lower);
    out.push(key(113, &[t, prev2, prev]));
    out.push(key(114, &[t, prev2_w]));
    out.push(key(115, &[t, next_w]));
    out.push(key(116, &[t, prev, next]));
    out.push(key(117, &[t, me.lower, prev]));
    out.push(key(118, &[t, prev_w, me.suf[1]]));
    out.push(key(119, &[t, prev2, me.suf[2]]));
}

impl Tagger {
    /// Tags the words: (UPOS class, FEATS class) each.
    pub fn tag(&self, words: &[WordKeys]) -> Vec<(u16, u16)> {
        self.tag_hinted(words, Hints::default())
    }

    /// Tags the words, knowing what the caller knows of them ([`Hints`]). A name word the
    /// tagger reads as a word no name can be (a verb, an adverb, a preposition...) is a proper
    /// noun, and the words after it see it so; what it reads as a noun, adjective or number is
    /// left alone ("Red Cross officials" parses as the treebank writes such names), but for
    /// the last word of a name of two words or more read as a common noun, which is a proper
    /// noun, as the treebanks write a name's head ("European Community foreign ministers":
    /// "Community" a noun made the name the sentence's root). A word
    /// known as a verb form is the verb of a sentence the tagger leaves without one, whatever
    /// its score ([`Tagger::one_verb`]).
    /// The class `upos`, when some word is hinted to be of it (none to look up otherwise).
    fn hinted_class(&self, hinted: &[bool], upos: &str) -> Option<u16> {
        hinted.iter().any(|&h| h).then(|| self.upos_class(upos)).flatten()
    }

    pub fn tag_hinted(&self, words: &[WordKeys], hints: Hints<'_>) -> Vec<(u16, u16)> {
        let mut tags = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(40);
        let mut scores = Vec::new();
        let wc = WordClasses::of(&self.ambiguity, &self.lexicon, words);
        let propn = self.hinted_class(hints.names, "PROPN");
        let noun = self
            .hinted_class(hints.dates, "NOUN")
            .or_else(|| self.hinted_class(hints.nouns, "NOUN"))
            .or_else(|| self.hinted_class(hints.event_nouns, "NOUN"));
        let adj = self.hinted_class(hints.adjectives, "ADJ");
        for i in 0..words.len() {
            let mut t = match self.tagdict.get(&words[i].lower) {
                Some(&t) => t,
                None => {
                    upos_features(words, &wc, i, &tags, &mut feats);
                    self.upos.predict(&feats, &mut scores, None) as u16
                }
            };
            if let Some(p) = propn.filter(|_| hints.name(i)) {
                // The last word of a name of two words or more, read as a common noun, is
                // a proper noun ("European Community foreign ministers").
                let last_of_many = i > 0 && hints.name(i - 1) && !hints.name(i + 1) && self.upos_name(t) == "NOUN";
                // A name of one word read as an adjective is a proper noun too (Dutch "Niger
                // nationaliseert", "Niger" an adjective); in a name of several words an
                // adjective may be the treebank's own reading ("Red Cross").
                let alone = (i == 0 || !hints.name(i - 1)) && !hints.name(i + 1);
                if last_of_many
                    || (alone && self.upos_name(t) == "ADJ")
                    || !matches!(
                        self.upos_name(t),
                        "NOUN" | "PROPN" | "ADJ" | "NUM" | "X" | "SYM" | "DET"
                    )
                {
                    t = p;
                }
            }
            // "Malian troops", "Het Malinese leger": an adjective the treebank never saw,
            // read as a name or a noun; "l'armée de l'air malienne", read by its ending as a
            // verb.
            if let Some(a) =
                adj.filter(|_| hints.adjective(i) && matches!(self.upos_name(t), "PROPN" | "NOUN" | "VERB"))
            {
                t = a;
            }
            // "Het leger heeft dinsdag een aanval uitgevoerd": a weekday read as a verb.
            // "tientallen jihadisten gedood": a plural noun read by its ending as a verb.
            // ("dinsdag" read as a subordinator: no date word is one either.)
            // ("herders" read as an adverb: a group noun is none, nor an unknown word.)
            let no_noun = match self.upos_name(t) {
                "VERB" | "AUX" => hints.date(i) || hints.noun(i),
                "SCONJ" => hints.date(i),
                "ADV" | "X" | "INTJ" => hints.noun(i),
                // ("Sudanese militiamen burned": a group noun neither the treebank nor the
                // lexicon knows, read by its ending as an adjective.)
                "ADJ" => hints.event_noun(i) || (hints.noun(i) && wc.amb[i] == 0 && wc.lex[i] == 0),
                _ => false,
            };
            if let Some(n) = noun.filter(|_| no_noun) {
                t = n;
            }
            tags.push(t);
        }
        self.one_verb(words, &wc, hints, &mut tags, &mut feats, &mut scores);
        let mut out = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            feats_features(words, i, &tags, &mut feats);
            let allowed = self.feats_allowed.get(tags[i] as usize).map(Vec::as_slice);
            let f = self.feats.predict(&feats, &mut scores, allowed) as u16;
            out.push((tags[i], f));
        }
        self.one_finite_verb(words, &tags, &mut out, &mut feats, &mut scores);
        out
    }

    /// How many forms the word-class lexicon holds (0 where none ships).
    pub fn lexicon_forms(&self) -> usize {
        self.lexicon.len()
    }

    /// Writes what this version adds to the tagger's section, at the end of the model file
    /// (a model without it, from before, reads with neither table).
    pub(crate) fn write_extensions(&self, w: &mut Writer) {
        self.lexicon.write(w);
    }

    /// Reads what [`Tagger::write_extensions`] wrote.
    pub(crate) fn read_extensions(&mut self, r: &mut Reader<'_>) -> anyhow::Result<()> {
        self.lexicon = Lexicon::read(r)?;
        Ok(())
    }

    /// A sentence of [`MIN_WORDS_FOR_A_VERB`] words or more that the tagger left without any
    /// verb reads as a verb the word it was least sure was not one: Dutch puts an inflected
    /// verb the treebank never saw second in its clause ("Op 13 april demonstreerden honderden
    /// mensen", "Minister Diop prees Marokko"), where the tagger, reading its ending, took it
    /// for a noun. Only words outside the tag dictionary and outside the `names` a caller
    /// gave, tagged noun, proper noun or adjective, and only when the verb's score is within
    /// [`VERB_MARGIN`] of the tag's. A word the caller knows as a verb form goes first, at any
    /// margin.
    fn one_verb(
        &self,
        words: &[WordKeys],
        wc: &WordClasses,
        hints: Hints<'_>,
        tags: &mut [u16],
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
    ) {
        if words.len() < MIN_WORDS_FOR_A_VERB {
            return;
        }
        let (Some(verb), Some(aux)) = (self.upos_class("VERB"), self.upos_class("AUX")) else {
            return;
        };
        if tags.iter().any(|&t| t == verb || t == aux) {
            return;
        }
        let hinted = |i: usize| hints.verb(i) && !hints.name(i);
        let any_hint = (0..words.len()).any(hinted);
        let mut best: Option<(f32, usize)> = None;
        for i in 0..words.len() {
            let candidate = if any_hint {
                hinted(i)
            } else {
                !self.tagdict.contains_key(&words[i].lower)
                    && !hints.name(i)
                    && !hints.noun(i)
                    && matches!(self.upos_name(tags[i]), "NOUN" | "PROPN" | "ADJ")
            };
            if !candidate {
                continue;
            }
            upos_features(words, wc, i, tags, feats);
            scores.clear();
            scores.resize(self.upos.classes(), 0.0);
            self.upos.score_into(feats, scores);
            let margin = scores[verb as usize] - scores[tags[i] as usize];
            if (any_hint || margin > -VERB_MARGIN) && best.is_none_or(|(m, _)| margin > m) {
                best = Some((margin, i));
            }
        }
        if let Some((_, i)) = best {
            tags[i] = verb;
        }
    }

    /// A sentence with no finite verb, where a past participle could be one, reads it as the
    /// finite verb: "On 13 April, hundreds of people demonstrated in Agadez" is a clause, not
    /// a noun phrase with a participle. The candidate is the first past participle right
    /// after a noun or pronoun, adverbs aside (its subject; a participle opening the
    /// sentence, "Backed by France, …", is none); it takes the finite past bundle, among
    /// those seen with its UPOS, that scores highest.
    fn one_finite_verb(
        &self,
        words: &[WordKeys],
        tags: &[u16],
        out: &mut [(u16, u16)],
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
    ) {
        let f = &self.forms;
        if f.finite_past.is_empty() || out.iter().any(|&(_, c)| f.finite.get(c as usize) == Some(&true)) {
            return;
        }
        // The word before it, adverbs skipped ("Beirut again rejected"), is a noun or pronoun.
        let after_nominal = |i: usize| {
            out[..i]
                .iter()
                .rev()
                .find(|&&(u, _)| self.upos_name(u) != "ADV")
                .is_some_and(|&(u, _)| matches!(self.upos_name(u), "NOUN" | "PROPN" | "PRON"))
        };
        let Some(i) =
            (1..out.len()).find(|&i| f.past_participle.get(out[i].1 as usize) == Some(&true) && after_nominal(i))
        else {
            return;
        };
        let Some(allowed) = self.feats_allowed.get(out[i].0 as usize) else {
            return;
        };
        feats_features(words, i, tags, feats);
        self.feats.predict(feats, scores, Some(allowed));
        let fin = f
            .finite_past
            .iter()
            .filter(|x| allowed.contains(x))
            .max_by(|a, b| scores[**a as usize].total_cmp(&scores[**b as usize]));
        if let Some(&x) = fin {
            out[i].1 = x;
        }
    }

    /// Feature and weight counts.
    pub fn stats(&self) -> String {
        format!(
            "UPOS {} features, {} weights; FEATS {} features, {} weights; lexicon {} forms",
            self.upos.features(),
            self.upos.weights(),
            self.feats.features(),
            self.feats.weights(),
            self.lexicon.len()
        )
    }

    /// The UPOS name of a class.
    pub fn upos_name(&self, class: u16) -> &str {
        self.upos_names.get(class as usize).map_or("X", String::as_str)
    }

    /// The FEATS bundle of a class.
    pub fn feats_name(&self, class: u16) -> &str {
        self.feats_names.get(class as usize).map_or("_", String::as_str)
    }

    /// The class of a UPOS name, if known.
    pub fn upos_class(&self, name: &str) -> Option<u16> {
        self.upos_names.iter().position(|n| n == name).map(|p| p as u16)
    }

    /// Writes the tagger's section.
    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.upos_names);
        w.strs(&self.feats_names);
        self.upos.write(w);
        self.feats.write(w);
        w.usize(self.feats_allowed.len());
        for set in &self.feats_allowed {
            w.usize(set.len());
            for &c in set {
                w.usize(c as usize);
            }
        }
        let mut dict: Vec<(u64, u16)> = self.tagdict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.usize(dict.len());
        for (k, v) in dict {
            w.varint(k);
            w.usize(v as usize);
        }
        let mut amb: Vec<(u64, u64)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        w.usize(amb.len());
        for (k, v) in amb {
            w.varint(k);
            w.varint(v);
        }
    }

    /// Reads the tagger's section.
    pub fn read(r: &mut Reader<'_>) -> anyhow::Result<Tagger> {
        let upos_names = r.strs()?;
        let feats_names = r.strs()?;
        let upos = Model::read(r)?;
        let feats = Model::read(r)?;
        let n = r.usize()?;
        let mut feats_allowed = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.usize()?;
            let set = (0..len)
                .map(|_| r.usize().map(|c| c as u16))
                .collect::<anyhow::Result<Vec<u16>>>()?;
            anyhow::ensure!(
                set.iter().all(|&c| (c as usize) < feats_names.len()),
                "FEATS class out of range"
            );
            feats_allowed.push(set);
        }
        let n = r.usize()?;
        let mut tagdict = HashMap::with_capacity(n);
        for _ in 0..n {
            let k = r.varint()?;
            let v = r.usize()?;
            anyhow::ensure!(v < upos_names.len(), "UPOS class out of range");
            tagdict.insert(k, v as u16);
        }
        let n = r.usize()?;
        let mut ambiguity = HashMap::with_capacity(n);
        for _ in 0..n {
            let k = r.varint()?;
            ambiguity.insert(k, r.varint()?);
        }
        anyhow::ensure!(upos.classes() == upos_names.len(), "UPOS model and names disagree");
        Ok(Tagger {
            forms: VerbForms::of(&feats_names),
            upos_names,
            feats_names,
            upos,
            feats,
            feats_allowed,
            tagdict,
            ambiguity,
            lexicon: Lexicon::default(),
        })
    }

    /// Learns a tagger from gold sentences, with a word-class lexicon (may be empty).
    pub fn train(sentences: &[Sentence], lexicon: &Lexicon, epochs: usize, seed: u64) -> Tagger {
        let mut upos_names: Vec<String> = Vec::new();
        let mut feats_names: Vec<String> = vec!["_".to_owned()];
        let mut upos_index: HashMap<String, u16> = HashMap::new();
        let mut feats_index: HashMap<String, u16> = HashMap::from([("_".to_owned(), 0)]);
        let mut data: Vec<(Vec<WordKeys>, Vec<u16>, Vec<u16>)> = Vec::with_capacity(sentences.len());
        let mut counts: HashMap<u64, HashMap<u16, usize>> = HashMap::new();
        for s in sentences {
            let keys: Vec<WordKeys> = s.tokens.iter().map(|t| WordKeys::of(&t.form)).collect();
            let mut tags = Vec::with_capacity(s.tokens.len());
            let mut feats = Vec::with_capacity(s.tokens.len());
            for (t, k) in s.tokens.iter().zip(&keys) {
                let next = upos_index.len() as u16;
                let u = *upos_index.entry(t.upos.clone()).or_insert_with(|| {
                    upos_names.push(t.upos.clone());
                    next
                });
                let next = feats_index.len() as u16;
                let f = *feats_index.entry(t.feats.clone()).or_insert_with(|| {
                    feats_names.push(t.feats.clone());
                    next
                });
                tags.push(u);
                feats.push(f);
                *counts.entry(k.lower).or_default().entry(u).or_default() += 1;
            }
            data.push((keys, tags, feats));
        }
        let mut tagdict = HashMap::new();
        for (word, by_tag) in &counts {
            let total: usize = by_tag.values().sum();
            let mut best: Vec<(&u16, &usize)> = by_tag.iter().collect();
            best.sort_unstable_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            if let Some((&t, &n)) = best.first() {
                if total >= 20 && n as f64 / total as f64 >= 0.98 {
                    tagdict.insert(*word, t);
                }
            }
        }
        let mut ambiguity = HashMap::new();
        for (word, by_tag) in &counts {
            if by_tag.values().sum::<usize>() >= 2 {
                let mut set: Vec<u16> = by_tag.keys().copied().collect();
                set.sort_unstable();
                let h = set.iter().fold(0x77u64, |h, &t| {
                    h.wrapping_mul(0x100_0000_01b3)
                        .wrapping_add(hash_str(&upos_names[t as usize]))
                });
                ambiguity.insert(*word, h | 1);
            }
        }
        let lexicon = lexicon.retain(|w| !ambiguity.contains_key(&w));
        let mut feats_allowed = vec![Vec::new(); upos_names.len()];
        for (_, tags, feats) in &data {
            for (&u, &f) in tags.iter().zip(feats) {
                let set = &mut feats_allowed[u as usize];
                if !set.contains(&f) {
                    set.push(f);
                }
            }
        }
        for set in &mut feats_allowed {
            set.sort_unstable();
        }

        let mut upos = Trainer::new(upos_names.len());
        let mut feats_model = Trainer::new(feats_names.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::new();
        let mut scores = Vec::new();
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let (words, gold, gold_feats) = &data[k];
                let wc = WordClasses::of(&ambiguity, &lexicon, words);
                let mut tags: Vec<u16> = Vec::with_capacity(words.len());
                for i in 0..words.len() {
                    if let Some(&t) = tagdict.get(&words[i].lower) {
                        tags.push(t);
                        continue;
                    }
                    upos_features(words, &wc, i, &tags, &mut feats);
                    let guess = upos.learn(&feats, gold[i] as usize, &mut scores, None);
                    tags.push(guess as u16);
                }
                // FEATS learn from gold UPOS, so their errors do not teach the wrong bundles.
                for i in 0..words.len() {
                    feats_features(words, i, gold, &mut feats);
                    let allowed = &feats_allowed[gold[i] as usize];
                    feats_model.learn(&feats, gold_feats[i] as usize, &mut scores, Some(allowed));
                }
            }
        }
        Tagger {
            forms: VerbForms::of(&feats_names),
            upos_names,
            feats_names,
            upos: upos.finish(0.001, 0),
            feats: feats_model.finish(0.001, 0),
            feats_allowed,
            tagdict,
            ambiguity,
            lexicon,
        }
    }
}
