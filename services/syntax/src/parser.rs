//! The labelled dependency parser: greedy arc-hybrid ([`crate::transition`]) scored by an
//! averaged perceptron over Zhang and Nivre's (2011) rich feature set, adapted to arc-hybrid
//! (the stack's top three, the buffer's first three, their leftmost and rightmost dependents,
//! distance, valency and label sets), with lemmas and morphology added. Trained with the
//! dynamic oracle and error exploration (Goldberg and Nivre 2013): after the first epoch the
//! parser follows its own moves, and learns the best move from wherever they lead.

use crate::features::{hash_str, key, WordKeys};
use crate::model::{Reader, Writer};
use crate::perceptron::{Model, Trainer};
use crate::train::Rng;
use crate::transition::{Move, State};

/// What the parser reads of a word.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseWord {
    /// Lower-cased form hash.
    pub lower: u64,
    /// UPOS (class, as a key value).
    pub upos: u64,
    /// Lemma hash.
    pub lemma: u64,
    /// FEATS hash.
    pub feats: u64,
    /// The lower-cased form's last three characters, hashed.
    pub suffix: u64,
}

impl ParseWord {
    /// A word from the tagger's keys of its form and its tags and lemma.
    pub fn new(keys: &WordKeys, upos: &str, lemma: &str, feats: &str) -> ParseWord {
        ParseWord {
            lower: keys.lower,
            upos: hash_str(upos),
            lemma: hash_str(&lemma.to_lowercase()),
            feats: hash_str(feats),
            suffix: keys.suf[2],
        }
    }
}

const NONE: u64 = 0x9999;
const ROOT_WORD: ParseWord = ParseWord {
    lower: 0x7777,
    upos: 0x7777,
    lemma: 0x7777,
    feats: 0x7777,
    suffix: 0x7777,
};
const NONE_WORD: ParseWord = ParseWord {
    lower: NONE,
    upos: NONE,
    lemma: NONE,
    feats: NONE,
    suffix: NONE,
};

/// The trained parser.
#[derive(Debug, Clone, Default)]
pub struct Parser {
    /// Relation names by label index; 0 is `root`.
    pub labels: Vec<String>,
    model: Model,
}

/// Fills `out` with the features of `state` over `words` (word `i` is `words[i - 1]`).
/// `marks[i]`: how many of words 1..=i are punctuation that separates clauses (`,` `;` `:`).
fn clause_marks(words: &[ParseWord]) -> Vec<u32> {
    let seps = [hash_str(","), hash_str(";"), hash_str(":")];
    let mut out = Vec::with_capacity(words.len() + 2);
    out.push(0);
    for w in words {
        let last = out.last().copied().unwrap_or(0);
        out.push(last + u32::from(seps.contains(&w.lower)));
    }
    out
}

fn features(state: &State, words: &[ParseWord], marks: &[u32], out: &mut Vec<u64>) {
    out.clear();
    let between = |a: Option<usize>, b: Option<usize>| -> u64 {
        match (a, b) {
            (Some(a), Some(b)) if a < b && b <= words.len() + 1 => {
                let end = (b - 1).min(words.len());
                u64::from(marks[end].saturating_sub(marks[a]).min(3))
            }
            _ => NONE,
        }
    };
    let n = state.n;
    let word = |x: Option<usize>| -> ParseWord {
        match x {
            None => NONE_WORD,
            Some(i) if i == n + 1 => ROOT_WORD,
            Some(i) => words.get(i.wrapping_sub(1)).copied().unwrap_or(NONE_WORD),
        }
    };
    let label = |x: Option<usize>| -> u64 { x.map_or(NONE, |i| u64::from(state.labels[i]) + 1) };
    let lc = |x: Option<usize>, k: usize| -> Option<usize> {
        x.and_then(|i| state.lefts[i].len().checked_sub(k + 1).map(|j| state.lefts[i][j]))
    };
    let rc = |x: Option<usize>, k: usize| -> Option<usize> {
        x.and_then(|i| state.rights[i].len().checked_sub(k + 1).map(|j| state.rights[i][j]))
    };
    let vl = |x: Option<usize>| -> u64 { x.map_or(NONE, |i| state.lefts[i].len().min(4) as u64) };
    let vr = |x: Option<usize>| -> u64 { x.map_or(NONE, |i| state.rights[i].len().min(4) as u64) };
    let lset = |x: Option<usize>| -> u64 {
        x.map_or(NONE, |i| {
            state.lefts[i].iter().fold(0x51u64, |h, &c| {
                h.wrapping_mul(31).wrapping_add(u64::from(state.labels[c]))
            })
        })
    };
    let rset = |x: Option<usize>| -> u64 {
        x.map_or(NONE, |i| {
            state.rights[i].iter().fold(0x52u64, |h, &c| {
                h.wrapping_mul(31).wrapping_add(u64::from(state.labels[c]))
            })
        })
    };
    let (s0i, s1i, s2i) = (state.s(0), state.s(1), state.s(2));
    let n0i = (state.b <= n + 1).then_some(state.b);
    let n1i = (state.b < n + 1).then_some(state.b + 1);
    let n2i = (state.b + 1 < n + 1).then_some(state.b + 2);
    let (s0, s1, s2, n0, n1, n2) = (word(s0i), word(s1i), word(s2i), word(n0i), word(n1i), word(n2i));
    let (s0l, s0l2, s0r, s0r2) = (lc(s0i, 0), lc(s0i, 1), rc(s0i, 0), rc(s0i, 1));
    let (n0l, n0l2) = (lc(n0i, 0), lc(n0i, 1));
    let (s1l, s1r) = (lc(s1i, 0), rc(s1i, 0));
    let dist = match (s0i, n0i) {
        (Some(a), Some(b)) => (b - a).min(6) as u64,
        _ => NONE,
    };
    let dist1 = match (s1i, s0i) {
        (Some(a), Some(b)) => (b - a).min(6) as u64,
        _ => NONE,
    };
    let (s0w, s0p, n0w, n0p) = (s0.lower, s0.upos, n0.lower, n0.upos);
    let mut f = |t: u32, v: &[u64]| out.push(key(300 + t, v));
    // single words
    f(0, &[s0w]);
    f(1, &[s0p]);
    f(2, &[s0w, s0p]);
    f(3, &[s0.lemma]);
    f(4, &[n0w]);
    f(5, &[n0p]);
    f(6, &[n0w, n0p]);
    f(7, &[n0.lemma]);
    f(8, &[n1.lower]);
    f(9, &[n1.upos]);
    f(10, &[n1.lower, n1.upos]);
    f(11, &[n2.lower]);
    f(12, &[n2.upos]);
    f(13, &[s1.lower]);
    f(14, &[s1.upos]);
    f(15, &[s1.lower, s1.upos]);
    f(16, &[s2.upos]);
    // pairs
    f(20, &[s0w, s0p, n0w, n0p]);
    f(21, &[s0w, s0p, n0w]);
    f(22, &[s0w, n0w, n0p]);
    f(23, &[s0w, s0p, n0p]);
    f(24, &[s0p, n0w, n0p]);
    f(25, &[s0w, n0w]);
    f(26, &[s0p, n0p]);
    f(27, &[n0p, n1.upos]);
    f(28, &[s1.upos, s0p]);
    f(29, &[s1.lower, s0w]);
    f(30, &[s1.upos, s0w]);
    f(31, &[s1.lower, s0p]);
    // triples
    f(40, &[n0p, n1.upos, n2.upos]);
    f(41, &[s0p, n0p, n1.upos]);
    f(42, &[s1.upos, s0p, n0p]);
    f(43, &[s0p, word(s0l).upos, n0p]);
    f(44, &[s0p, word(s0r).upos, n0p]);
    f(45, &[s0p, n0p, word(n0l).upos]);
    f(46, &[s1.upos, word(s1r).upos, s0p]);
    f(47, &[s1.upos, word(s1l).upos, s0p]);
    f(48, &[s2.upos, s1.upos, s0p]);
    f(49, &[s1.upos, s0p, word(s0r).upos]);
    f(50, &[s1.upos, s0p, word(s0l).upos]);
    // distance
    f(60, &[s0w, dist]);
    f(61, &[s0p, dist]);
    f(62, &[n0w, dist]);
    f(63, &[n0p, dist]);
    f(64, &[s0w, n0w, dist]);
    f(65, &[s0p, n0p, dist]);
    f(66, &[s1.upos, s0p, dist1]);
    f(67, &[s1.lower, s0w, dist1]);
    // valency
    f(70, &[s0w, vr(s0i)]);
    f(71, &[s0p, vr(s0i)]);
    f(72, &[s0w, vl(s0i)]);
    f(73, &[s0p, vl(s0i)]);
    f(74, &[n0w, vl(n0i)]);
    f(75, &[n0p, vl(n0i)]);
    // dependents: words, tags and labels of the nearest ones, tags and labels further out
    for (t, x) in [(80, s0l), (84, s0r), (88, n0l)] {
        let w = word(x);
        f(t, &[w.lower]);
        f(t + 1, &[w.upos]);
        f(t + 2, &[label(x)]);
    }
    for (t, x) in [(92, s1l), (96, s1r), (100, s0l2), (104, s0r2), (108, n0l2)] {
        f(t, &[word(x).upos, label(x)]);
    }
    f(112, &[s0p, word(s0l).upos, word(s0l2).upos]);
    f(113, &[s0p, word(s0r).upos, word(s0r2).upos]);
    f(114, &[n0p, word(n0l).upos, word(n0l2).upos]);
    // label sets
    f(120, &[s0w, rset(s0i)]);
    f(121, &[s0p, rset(s0i)]);
    f(122, &[s0w, lset(s0i)]);
    f(123, &[s0p, lset(s0i)]);
    f(124, &[n0w, lset(n0i)]);
    f(125, &[n0p, lset(n0i)]);
    f(126, &[s1.upos, rset(s1i)]);

    // lemmas and morphology
    f(130, &[s0p, s0.feats]);
    f(131, &[n0p, n0.feats]);
    f(133, &[s0.lemma, n0.lemma]);
    f(134, &[s0.lemma, n0p]);
    f(135, &[s0p, n0.lemma]);
    f(136, &[s1.lemma, s0.lemma]);
    f(137, &[s1.lemma, s0p]);
    f(139, &[s1.feats, s0.feats]);
    f(140, &[s1.upos, s1.feats, s0p]);
    // clause punctuation between the candidates
    let m0 = between(s0i, n0i);
    let m1 = between(s1i, s0i);
    f(150, &[s0p, n0p, m0]);
    f(151, &[s1.upos, s0p, m1]);
    // word endings, for words too rare to have weights of their own
    f(160, &[s0p, s0.suffix]);
    f(161, &[n0p, n0.suffix]);
}

/// Training sentence for the parser: its words and its projectivized gold tree in the state's
/// numbering.
#[derive(Debug, Clone)]
pub struct Example {
    /// The words (as the tagger saw them).
    pub words: Vec<ParseWord>,
    marks: Vec<u32>,
    heads: Vec<usize>,
    labels: Vec<u16>,
    children: Vec<Vec<usize>>,
}

impl Example {
    /// An example from a projective tree: 1-based heads (0 = root) and label indices.
    pub fn new(words: Vec<ParseWord>, heads: &[usize], labels: &[u16]) -> Example {
        let n = words.len();
        let proj = heads;
        let mut gh = vec![0; n + 2];
        let mut gl = vec![0; n + 2];
        let mut children = vec![Vec::new(); n + 2];
        for d in 1..=n {
            let h = if proj[d - 1] == 0 || proj[d - 1] > n {
                n + 1
            } else {
                proj[d - 1]
            };
            gh[d] = h;
            gl[d] = labels[d - 1];
            children[h].push(d);
        }
        Example {
            marks: clause_marks(&words),
            words,
            heads: gh,
            labels: gl,
            children,
        }
    }
}

/// The best valid move by `scores`.
fn best_valid(state: &State, scores: &[f32], labels: usize) -> Move {
    let mut best = None;
    let mut best_score = f32::NEG_INFINITY;
    let mut consider = |m: Move| {
        let s = scores.get(m.class()).copied().unwrap_or(0.0);
        if best.is_none() || s > best_score {
            best = Some(m);
            best_score = s;
        }
    };
    if state.valid(Move::Shift, 0) {
        consider(Move::Shift);
    }
    if state.valid(Move::Left(0), 0) {
        consider(Move::Left(0));
    } else if !state.stack.is_empty() && state.b <= state.n {
        for l in 1..labels as u16 {
            consider(Move::Left(l));
        }
    }
    if state.stack.len() >= 2 {
        for l in 1..labels as u16 {
            consider(Move::Right(l));
        }
    }
    best.unwrap_or(Move::Shift)
}

impl Parser {
    /// Parses the words: (heads 1-based with 0 for the root, label indices).
    pub fn parse(&self, words: &[ParseWord]) -> (Vec<usize>, Vec<u16>) {
        let mut state = State::new(words.len());
        let marks = clause_marks(words);
        let mut feats = Vec::with_capacity(170);
        let mut scores = vec![0f32; self.model.classes()];
        let labels = self.labels.len().max(1);
        while !state.terminal() {
            features(&state, words, &marks, &mut feats);
            scores.iter_mut().for_each(|s| *s = 0.0);
            self.model.score_into(&feats, &mut scores);
            let m = best_valid(&state, &scores, labels);
            state.apply(m);
        }
        state.tree()
    }

    /// Feature and weight counts.
    pub fn stats(&self) -> String {
        format!("{} features, {} weights", self.model.features(), self.model.weights())
    }

    /// The relation name of a label index.
    pub fn label(&self, l: u16) -> &str {
        self.labels.get(l as usize).map_or("dep", String::as_str)
    }

    /// Writes the parser's section.
    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.labels);
        self.model.write(w);
    }

    /// Reads the parser's section.
    pub fn read(r: &mut Reader<'_>) -> anyhow::Result<Parser> {
        let labels = r.strs()?;
        let model = Model::read(r)?;
        anyhow::ensure!(
            model.classes() == Move::classes(labels.len()),
            "parser has {} classes for {} labels",
            model.classes(),
            labels.len()
        );
        anyhow::ensure!(
            labels.first().map(String::as_str) == Some("root"),
            "label 0 must be root"
        );
        Ok(Parser { labels, model })
    }

    /// Learns from examples over `labels` (label 0 is `root`).
    pub fn train(labels: Vec<String>, examples: &[Example], opts: &crate::train::Options) -> Parser {
        let (epochs, seed) = (opts.parser_epochs, opts.seed);
        let n_labels = labels.len();
        let mut trainer = Trainer::new(Move::classes(n_labels));
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(160);
        let mut scores = Vec::new();
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let ex = &examples[k];
                let mut state = State::new(ex.words.len());
                while !state.terminal() {
                    features(&state, &ex.words, &ex.marks, &mut feats);
                    if epoch == 0 {
                        trainer.count(&feats);
                    }
                    trainer.scores(&feats, &mut scores);
                    let guess = best_valid(&state, &scores, n_labels);
                    let cost = |m: Move| state.cost(m, &ex.heads, &ex.labels, &ex.children);
                    let guess_cost = cost(guess);
                    // The best-scoring move among the cheapest.
                    let mut gold = None;
                    let mut gold_cost = usize::MAX;
                    let mut gold_score = f32::NEG_INFINITY;
                    for (c, &ms) in scores.iter().enumerate().take(Move::classes(n_labels)) {
                        let m = Move::of_class(c);
                        if !state.valid(m, 0) {
                            continue;
                        }
                        let mc = cost(m);
                        if mc < gold_cost || (mc == gold_cost && ms > gold_score) {
                            gold = Some(m);
                            gold_cost = mc;
                            gold_score = ms;
                        }
                    }
                    let gold = gold.unwrap_or(guess);
                    if guess_cost > gold_cost {
                        trainer.update(&feats, gold.class(), guess.class());
                    }
                    trainer.tick();
                    let explore = epoch > 0 && rng.next_f64() < opts.explore;
                    state.apply(if explore { guess } else { gold });
                }
            }
        }
        Parser {
            labels,
            model: trainer.finish(opts.parser_prune, opts.min_count),
        }
    }
}
