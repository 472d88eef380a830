//! Syntax for every sentence: tokenization consistent with Universal Dependencies, a
//! part-of-speech and morphology tagger, a lemmatizer and a labelled transition-based dependency
//! parser for English, French and Dutch, trained on the UD treebanks.
//!
//! ```text
//! text ─▶ tokenize (sentences, surface tokens with code-point spans)
//!      ─▶ multiword expansion (du = de + le, don't = do + n't)
//!      ─▶ tagger (UPOS, then FEATS) ─▶ lemmatizer (lexicon, else edit scripts)
//!      ─▶ parser (arc-hybrid, greedy, averaged perceptron) ─▶ Sentence
//! ```
//!
//! Models are data files under `models/` (`sahel-syntax train` writes them), embedded in the
//! library at build time, so a fresh clone parses without a training run. They are derived
//! from the UD treebanks and ship under their licences (see `models/README.md`).
//!
//! Everything here is pure: no I/O but reading model bytes, no global state but the models
//! loaded once per process ([`Pipeline::shared`]).

pub mod conllu;
pub mod eval;
pub mod features;
pub mod lemma;
pub mod lexicon;
pub mod model;
pub mod mwt;
pub mod parser;
pub mod perceptron;
pub mod pipeline;
pub mod projectivity;
pub mod tagger;
pub mod tokenize;
pub mod train;
pub mod transition;
pub mod treebank;

pub use pipeline::{written_as_name, Pipeline, SpanHints};

/// A language the syntax models cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// English.
    En,
    /// French.
    Fr,
    /// Dutch.
    Nl,
}

impl Language {
    /// Every language, in a fixed order.
    pub const ALL: [Language; 3] = [Language::En, Language::Fr, Language::Nl];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Nl => "nl",
        }
    }

    /// The language of an ISO 639-1 code (`en`, `fr`, `nl`, any case), if covered.
    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Some(Language::En),
            "fr" | "fra" | "fre" | "french" => Some(Language::Fr),
            "nl" | "nld" | "dut" | "dutch" => Some(Language::Nl),
            _ => None,
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A span of code points `[start, end)` in the text that was parsed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
}

/// A syntactic word: one node of the dependency tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Token {
    /// The word as written (for a part of a multiword token, the part: `le` of `du`).
    pub form: String,
    /// Its lemma.
    pub lemma: String,
    /// Universal part of speech (`NOUN`, `VERB`, …).
    pub upos: String,
    /// Morphological features, UD style (`Number=Sing|Person=3`), or `_`.
    pub feats: String,
    /// The head's index in the sentence, 1-based; 0 is the root.
    pub head: usize,
    /// The relation to the head (`nsubj`, `obl:agent`, …).
    pub deprel: String,
    /// Where the word is in the original text; the parts of a multiword token share its span.
    pub span: Span,
    /// No space follows it in the text (UD's `SpaceAfter=No`).
    pub no_space_after: bool,
}

/// A multiword token: one written token that is several syntactic words (`du` = `de` `le`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    /// The first word's index, 1-based.
    pub first: usize,
    /// The last word's index, 1-based, inclusive.
    pub last: usize,
    /// The token as written.
    pub form: String,
    /// Where it is in the original text.
    pub span: Span,
    /// No space follows it in the text.
    pub no_space_after: bool,
}

/// A sentence: its words (the tree's nodes, in order) and its multiword tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The words; `tokens[i]` is word `i + 1`.
    pub tokens: Vec<Token>,
    /// The multiword tokens, in order.
    pub multiword: Vec<MultiwordToken>,
    /// The sentence's span in the original text.
    pub span: Span,
    /// The sentence's text (UD's `# text`), when known.
    pub text: Option<String>,
    /// The sentence id (UD's `# sent_id`), when known.
    pub id: Option<String>,
}

impl Sentence {
    /// The word `id` (1-based), if there is one.
    pub fn word(&self, id: usize) -> Option<&Token> {
        id.checked_sub(1).and_then(|i| self.tokens.get(i))
    }

    /// The 1-based ids of the dependents of word `id` (0 for the root's), in order.
    pub fn dependents(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.head == id)
            .map(|(i, _)| i + 1)
    }

    /// What keeps the sentence from being one dependency tree over its words (heads in range,
    /// one root, no cycle, words with a non-empty span before `text_len`), if anything.
    pub fn tree_error(&self, text_len: u32) -> Option<String> {
        let n = self.tokens.len();
        let roots = self.tokens.iter().filter(|t| t.head == 0).count();
        if n > 0 && roots != 1 {
            return Some(format!("{roots} roots"));
        }
        for (i, t) in self.tokens.iter().enumerate() {
            if t.head > n || t.head == i + 1 {
                return Some(format!("word {} has head {}", i + 1, t.head));
            }
            if t.span.start >= t.span.end || t.span.end > text_len {
                return Some(format!("word {} has span {:?} in a text of {text_len}", i + 1, t.span));
            }
            let mut x = i + 1;
            for _ in 0..=n {
                if x == 0 {
                    break;
                }
                x = self.tokens[x - 1].head;
            }
            if x != 0 {
                return Some(format!("a cycle through word {}", i + 1));
            }
        }
        None
    }

    /// The 1-based ids of the dependents of word `id` whose relation is `deprel` or one of its
    /// subtypes (`obl` matches `obl:agent`).
    pub fn dependents_with<'a>(&'a self, id: usize, deprel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.dependents(id).filter(move |&d| {
            let rel = self.tokens[d - 1].deprel.as_str();
            rel == deprel || rel.strip_prefix(deprel).is_some_and(|rest| rest.starts_with(':'))
        })
    }
}
