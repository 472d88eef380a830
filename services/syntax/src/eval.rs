//! Scoring against gold trees, as the CoNLL 2018 shared task scores: from gold tokens (the
//! words given, everything else predicted; every figure is an accuracy) and from raw text (our
//! tokenizer and multiword expansion on each sentence's `# text`; system words are aligned to
//! gold words by their span, and the parts of a multiword token by their order in it; every
//! figure is an F1 of correct aligned words against gold and system word counts).

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::{Pipeline, Sentence, Token};

/// The relations reported one by one (`obl` counts its subtypes, `obl:agent` among them).
pub const RELATIONS: [&str; 14] = [
    "nsubj",
    "nsubj:pass",
    "obj",
    "iobj",
    "obl",
    "obl:agent",
    "ccomp",
    "xcomp",
    "advcl",
    "acl:relcl",
    "conj",
    "advmod",
    "nmod",
    "appos",
];

fn in_relation(rel: &str, deprel: &str) -> bool {
    if rel == "obl" {
        deprel == "obl" || deprel.starts_with("obl:")
    } else {
        deprel == rel
    }
}

/// Counts over a set of sentences.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Gold words.
    pub gold_words: usize,
    /// System words.
    pub system_words: usize,
    /// Words aligned (same span and place in it).
    pub aligned: usize,
    /// Gold surface tokens, system surface tokens, and those with the same span.
    pub tokens: (usize, usize, usize),
    /// Aligned words with the right UPOS.
    pub upos: usize,
    /// … the right FEATS.
    pub feats: usize,
    /// … the right lemma.
    pub lemma: usize,
    /// … the right head.
    pub uas: usize,
    /// … the right head and relation.
    pub las: usize,
    /// Per relation of [`RELATIONS`]: (gold, system, correct head and relation).
    pub relations: HashMap<&'static str, (usize, usize, usize)>,
}

/// F1 in percent of `correct` items against `gold` and `system` counts (0 when both are 0).
fn f1_percent(gold: usize, system: usize, correct: usize) -> f64 {
    if gold + system == 0 {
        0.0
    } else {
        200.0 * correct as f64 / (gold + system) as f64
    }
}

impl Scores {
    fn f1(&self, correct: usize) -> f64 {
        f1_percent(self.gold_words, self.system_words, correct)
    }

    /// UPOS F1 (accuracy from gold tokens), in percent.
    pub fn upos(&self) -> f64 {
        self.f1(self.upos)
    }

    /// FEATS F1, in percent.
    pub fn feats(&self) -> f64 {
        self.f1(self.feats)
    }

    /// Lemma F1, in percent.
    pub fn lemma(&self) -> f64 {
        self.f1(self.lemma)
    }

    /// UAS, in percent.
    pub fn uas(&self) -> f64 {
        self.f1(self.uas)
    }

    /// LAS, in percent.
    pub fn las(&self) -> f64 {
        self.f1(self.las)
    }

    /// Word segmentation F1, in percent.
    pub fn words(&self) -> f64 {
        self.f1(self.aligned)
    }

    /// Surface token F1, in percent.
    pub fn tokens(&self) -> f64 {
        let (g, s, c) = self.tokens;
        f1_percent(g, s, c)
    }

    /// F1 of a relation (head and label right), in percent.
    pub fn relation(&self, rel: &str) -> f64 {
        let (g, s, c) = self.relations.get(rel).copied().unwrap_or_default();
        f1_percent(g, s, c)
    }

    /// How many gold words have relation `rel`.
    pub fn relation_support(&self, rel: &str) -> usize {
        self.relations.get(rel).map_or(0, |r| r.0)
    }

    /// Adds one sentence: `align[i]` is the system word aligned with gold word `i + 1`.
    fn add(&mut self, gold: &[Token], sys: &[Token], align: &[Option<usize>]) {
        self.gold_words += gold.len();
        self.system_words += sys.len();
        // The gold word each system word is aligned with, to check heads.
        let mut back = vec![None; sys.len() + 1];
        for (g, a) in align.iter().enumerate() {
            if let Some(s) = a {
                back[*s] = Some(g + 1);
            }
        }
        for rel in RELATIONS {
            let e = self.relations.entry(rel).or_default();
            e.0 += gold.iter().filter(|t| in_relation(rel, &t.deprel)).count();
            e.1 += sys.iter().filter(|t| in_relation(rel, &t.deprel)).count();
        }
        for (gi, a) in align.iter().enumerate() {
            let Some(si) = *a else { continue };
            let (g, s) = (&gold[gi], &sys[si - 1]);
            self.aligned += 1;
            self.upos += usize::from(g.upos == s.upos);
            self.feats += usize::from(g.feats == s.feats);
            self.lemma += usize::from(g.lemma == s.lemma);
            let head_ok = if s.head == 0 {
                g.head == 0
            } else {
                back[s.head] == Some(g.head) && g.head != 0
            };
            if head_ok {
                self.uas += 1;
                self.las += usize::from(g.deprel == s.deprel);
                for rel in RELATIONS {
                    if in_relation(rel, &g.deprel) && in_relation(rel, &s.deprel) {
                        self.relations.entry(rel).or_default().2 += 1;
                    }
                }
            }
        }
    }
}

/// Scores the pipeline on gold sentences given their gold words.
pub fn from_gold_tokens(p: &Pipeline, gold: &[Sentence]) -> Scores {
    let mut scores = Scores::default();
    for g in gold {
        let mut s = g.clone();
        for t in &mut s.tokens {
            *t = Token {
                form: t.form.clone(),
                span: t.span,
                no_space_after: t.no_space_after,
                ..Token::default()
            };
        }
        p.annotate(&mut s);
        let align: Vec<Option<usize>> = (1..=g.tokens.len()).map(Some).collect();
        let tokens = crate::conllu::surface(g).len();
        scores.tokens.0 += tokens;
        scores.tokens.1 += tokens;
        scores.tokens.2 += tokens;
        scores.add(&g.tokens, &s.tokens, &align);
    }
    scores
}

/// Each word's alignment key: its span and its place among the words sharing that span.
fn keys(tokens: &[Token]) -> Vec<(u32, u32, usize)> {
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let nth = if i > 0 && tokens[i - 1].span == t.span {
            out.last().map_or(0, |k: &(u32, u32, usize)| k.2 + 1)
        } else {
            0
        };
        out.push((t.span.start, t.span.end, nth));
    }
    out
}

/// Scores the pipeline on gold sentences from their raw text.
pub fn from_raw_text(p: &Pipeline, gold: &[Sentence]) -> Scores {
    let mut scores = Scores::default();
    for g in gold {
        let text = g.text.clone().unwrap_or_default();
        let parsed = p.parse_text(&text);
        // One system sentence of all the sentences the text was split into.
        let mut sys: Vec<Token> = Vec::new();
        let mut sys_surface = Vec::new();
        for s in parsed {
            let offset = sys.len();
            for mut t in s.tokens.clone() {
                if t.head != 0 {
                    t.head += offset;
                }
                sys.push(t);
            }
            for (_, range, _) in crate::conllu::surface(&s) {
                sys_surface.push(s.tokens[*range.start() - 1].span);
            }
        }
        let gold_surface: Vec<crate::Span> = crate::conllu::surface(g)
            .into_iter()
            .map(|(_, range, _)| g.tokens[*range.start() - 1].span)
            .collect();
        let set: std::collections::HashSet<crate::Span> = gold_surface.iter().copied().collect();
        scores.tokens.0 += gold_surface.len();
        scores.tokens.1 += sys_surface.len();
        scores.tokens.2 += sys_surface.iter().filter(|s| set.contains(s)).count();
        let sys_keys: HashMap<(u32, u32, usize), usize> =
            keys(&sys).into_iter().enumerate().map(|(i, k)| (k, i + 1)).collect();
        let align: Vec<Option<usize>> = keys(&g.tokens).into_iter().map(|k| sys_keys.get(&k).copied()).collect();
        scores.add(&g.tokens, &sys, &align);
    }
    scores
}

/// The two columns of a language in the table: from gold tokens and from raw text, named
/// `"{name} gold tokens (N)"` and `"{name} raw text (N)"`.
pub fn columns(name: &str, p: &Pipeline, gold: &[Sentence]) -> [(String, Scores); 2] {
    let n = gold.len();
    [
        (format!("{name} gold tokens ({n})"), from_gold_tokens(p, gold)),
        (format!("{name} raw text ({n})"), from_raw_text(p, gold)),
    ]
}

/// The table `sahel-syntax eval` prints: one column per (language, mode).
pub fn table(columns: &[(String, Scores)]) -> String {
    let mut out = String::new();
    let _ = write!(out, "| |");
    for (name, _) in columns {
        let _ = write!(out, " {name} |");
    }
    out.push('\n');
    let _ = write!(out, "| --- |");
    for _ in columns {
        out.push_str(" --- |");
    }
    out.push('\n');
    let mut row = |name: &str, f: &dyn Fn(&Scores) -> String| {
        let _ = write!(out, "| {name} |");
        for (_, s) in columns {
            let _ = write!(out, " {} |", f(s));
        }
        out.push('\n');
    };
    row("gold words", &|s| s.gold_words.to_string());
    row("tokens F1", &|s| format!("{:.1}", s.tokens()));
    row("words F1", &|s| format!("{:.1}", s.words()));
    row("UPOS", &|s| format!("{:.1}", s.upos()));
    row("FEATS", &|s| format!("{:.1}", s.feats()));
    row("lemma", &|s| format!("{:.1}", s.lemma()));
    row("UAS", &|s| format!("{:.1}", s.uas()));
    row("LAS", &|s| format!("{:.1}", s.las()));
    for rel in RELATIONS {
        row(&format!("`{rel}` F1"), &|s| {
            format!("{:.1} ({})", s.relation(rel), s.relation_support(rel))
        });
    }
    out
}
