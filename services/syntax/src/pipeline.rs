//! A language's whole pipeline: text → sentences of parsed words, and the model file that holds
//! its stages. [`Pipeline::shared`] loads the embedded model of a language once per process.

use std::sync::OnceLock;

use crate::features::WordKeys;
use crate::lemma::Lemmatizer;
use crate::model::{Reader, Writer};
use crate::mwt::Expander;
use crate::parser::{ParseWord, Parser};
use crate::tagger::{Hints, Tagger};
use crate::tokenize::{self, RawSentence};
use crate::{Language, MultiwordToken, Sentence, Span, Token};

/// The models shipped with the crate (written by `sahel-syntax train`).
fn embedded(lang: Language) -> &'static [u8] {
    match lang {
        Language::En => include_bytes!("../models/en.model.gz"),
        Language::Fr => include_bytes!("../models/fr.model.gz"),
        Language::Nl => include_bytes!("../models/nl.model.gz"),
    }
}

/// Tokenizer, multiword expander, tagger, lemmatizer and parser for one language.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// The language.
    pub lang: Language,
    /// Multiword tokens.
    pub expander: Expander,
    /// UPOS and FEATS.
    pub tagger: Tagger,
    /// Lemmas.
    pub lemmatizer: Lemmatizer,
    /// Dependencies.
    pub parser: Parser,
}

impl Pipeline {
    /// The shipped pipeline of `lang`, loaded on first use and kept for the process.
    pub fn shared(lang: Language) -> Result<&'static Pipeline, &'static str> {
        static CELLS: [OnceLock<Result<Pipeline, String>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let i = Language::ALL.iter().position(|&l| l == lang).unwrap_or(0);
        CELLS[i]
            .get_or_init(|| {
                Pipeline::from_bytes(lang, embedded(lang)).map_err(|e| format!("{lang} syntax model: {e:#}"))
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// The pipeline of `lang` from `dir/<lang>.model.gz`, or the shipped one (shared, not
    /// copied) when there is no `dir`.
    pub fn load(lang: Language, dir: Option<&std::path::Path>) -> anyhow::Result<std::borrow::Cow<'static, Pipeline>> {
        use anyhow::Context as _;
        match dir {
            Some(dir) => {
                let path = dir.join(format!("{}.model.gz", lang.code()));
                let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
                let p = Pipeline::from_bytes(lang, &bytes).with_context(|| format!("loading {}", path.display()))?;
                Ok(std::borrow::Cow::Owned(p))
            }
            None => Pipeline::shared(lang)
                .map(std::borrow::Cow::Borrowed)
                .map_err(|e| anyhow::anyhow!("{e}")),
        }
    }

    /// A pipeline from a model file's bytes.
    pub fn from_bytes(lang: Language, bytes: &[u8]) -> anyhow::Result<Pipeline> {
        let raw = Reader::open_file(bytes)?;
        let mut r = Reader::new(&raw);
        let code = r.str()?;
        anyhow::ensure!(code == lang.code(), "the model is for {code:?}, not {lang}");
        let expander = Expander::read(&mut r)?;
        let mut tagger = Tagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let parser = Parser::read(&mut r)?;
        if !r.at_end() {
            anyhow::Context::context(tagger.read_extensions(&mut r), "reading the tagger's extensions")?;
        }
        anyhow::ensure!(r.at_end(), "trailing bytes after the tagger's extensions");
        Ok(Pipeline {
            lang,
            expander,
            tagger,
            lemmatizer,
            parser,
        })
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> anyhow::Result<Vec<u8>> {
        let mut w = Writer::default();
        w.str(self.lang.code());
        self.expander.write(&mut w);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.parser.write(&mut w);
        self.tagger.write_extensions(&mut w);
        w.into_file()
    }

    /// Model sizes, for the training log.
    pub fn stats(&self) -> String {
        format!("parser {}, tagger {}", self.parser.stats(), self.tagger.stats())
    }

    /// Splits `text` into sentences and parses each. Spans are code points into `text`.
    pub fn parse_text(&self, text: &str) -> Vec<Sentence> {
        let chars: Vec<char> = text.chars().collect();
        tokenize::sentences(text, self.lang)
            .iter()
            .map(|raw| self.parse_raw(raw, &chars))
            .collect()
    }

    /// Parses `text` as one sentence (no sentence splitting), as far as the parser's bound of
    /// [`tokenize::MAX_SENTENCE_TOKENS`] surface tokens; spans are code points into `text`.
    /// `None` when it has no token.
    pub fn parse_sentence(&self, text: &str) -> Option<Sentence> {
        let mut tokens = tokenize::tokens(text, self.lang);
        tokens.truncate(tokenize::MAX_SENTENCE_TOKENS);
        let span = Span {
            start: tokens.first()?.span.start,
            end: tokens.last()?.span.end,
        };
        let chars: Vec<char> = text.chars().collect();
        Some(self.parse_raw(&RawSentence { span, tokens }, &chars))
    }

    /// Parses one sentence of surface tokens; `chars` is the text their spans point into.
    pub fn parse_raw(&self, raw: &RawSentence, chars: &[char]) -> Sentence {
        let mut s = self.expand(raw);
        let (a, b) = (raw.span.start as usize, raw.span.end as usize);
        s.text = chars.get(a..b.min(chars.len())).map(|c| c.iter().collect());
        s.span = raw.span;
        self.annotate(&mut s);
        s
    }

    /// The words of a sentence of surface tokens, multiword tokens expanded (not yet tagged).
    pub fn expand(&self, raw: &RawSentence) -> Sentence {
        let mut s = Sentence::default();
        let (mut buf, mut scores) = (Vec::new(), Vec::new());
        for (i, tok) in raw.tokens.iter().enumerate() {
            let prev = i.checked_sub(1).map_or("", |j| raw.tokens[j].text.as_str());
            let next = raw.tokens.get(i + 1).map_or("", |t| t.text.as_str());
            let word = |form: String, no_space: bool| Token {
                form,
                span: tok.span,
                no_space_after: no_space,
                ..Token::default()
            };
            match self.expander.expand(prev, &tok.text, next, &mut buf, &mut scores) {
                Some(parts) if parts.len() > 1 => {
                    let first = s.tokens.len() + 1;
                    for p in parts {
                        s.tokens.push(word(p, true));
                    }
                    if let Some(last) = s.tokens.last_mut() {
                        last.no_space_after = tok.no_space_after;
                    }
                    s.multiword.push(MultiwordToken {
                        first,
                        last: s.tokens.len(),
                        form: tok.text.clone(),
                        span: tok.span,
                        no_space_after: tok.no_space_after,
                    });
                }
                _ => s.tokens.push(word(tok.text.clone(), tok.no_space_after)),
            }
        }
        s
    }

    /// The lemma of `form` read as part of speech `upos` with FEATS `feats` ("accused" as a
    /// past participle: "accuse"), for a caller that re-reads a word the tagger got wrong;
    /// `None` for a part of speech the tagger does not know.
    pub fn lemma_as(&self, form: &str, upos: &str, feats: &str) -> Option<String> {
        let u = self.tagger.upos_class(upos)?;
        let (mut scores, mut buf) = (Vec::new(), Vec::new());
        Some(
            self.lemmatizer
                .lemma(form, &WordKeys::of(form), u, feats, &mut scores, &mut buf),
        )
    }

    /// Tags, lemmatizes and parses the words of `s` (their forms are read; everything else is
    /// overwritten).
    pub fn annotate(&self, s: &mut Sentence) {
        let words = self.tag(s, &SpanHints::default());
        self.attach(s, &words);
    }

    /// Tags and lemmatizes the words of `s`; what the parser reads of each word. A word inside
    /// one of `names` (spans of proper names the caller knows) that is written as a name
    /// ([`written_as_name`]) is read as part of a name, a word inside one of `verbs` as a verb
    /// form ([`Tagger::tag_hinted`]).
    fn tag(&self, s: &mut Sentence, hints: &SpanHints<'_>) -> Vec<ParseWord> {
        if s.tokens.is_empty() {
            return Vec::new();
        }
        let keys: Vec<WordKeys> = s.tokens.iter().map(|t| WordKeys::of(&t.form)).collect();
        let inside = |spans: &[Span], keep: &dyn Fn(&Token) -> bool| -> Vec<bool> {
            if spans.is_empty() {
                return Vec::new();
            }
            s.tokens
                .iter()
                .map(|t| keep(t) && spans.iter().any(|n| n.start <= t.span.start && t.span.end <= n.end))
                .collect()
        };
        let in_names = inside(hints.names, &|t| written_as_name(&t.form));
        let in_verbs = inside(hints.verbs, &|_| true);
        let in_adjectives = inside(hints.adjectives, &|_| true);
        let in_dates = inside(hints.dates, &|_| true);
        let in_nouns = inside(hints.nouns, &|t| !written_as_name(&t.form));
        // (The sentence's first word is written with a capital whatever it is: "Talks between
        // Niger and the EU opened".)
        let first = s.tokens.first().map(|t| t.span.start);
        let in_event_nouns = inside(hints.event_nouns, &|t| {
            !written_as_name(&t.form) || Some(t.span.start) == first
        });
        let tags = self.tagger.tag_hinted(
            &keys,
            Hints {
                names: &in_names,
                verbs: &in_verbs,
                adjectives: &in_adjectives,
                dates: &in_dates,
                nouns: &in_nouns,
                event_nouns: &in_event_nouns,
            },
        );
        let (mut scores, mut buf) = (Vec::new(), Vec::new());
        let mut words = Vec::with_capacity(s.tokens.len());
        for ((t, k), &(u, f)) in s.tokens.iter_mut().zip(&keys).zip(&tags) {
            t.upos = self.tagger.upos_name(u).to_owned();
            t.feats = self.tagger.feats_name(f).to_owned();
            t.lemma = self.lemmatizer.lemma(&t.form, k, u, &t.feats, &mut scores, &mut buf);
            words.push(ParseWord::new(k, &t.upos, &t.lemma, &t.feats));
        }
        words
    }

    /// Parses tagged words: heads and relations.
    fn attach(&self, s: &mut Sentence, words: &[ParseWord]) {
        if words.is_empty() {
            return;
        }
        let (mut heads, labels) = self.parser.parse(words);
        let mut labels: Vec<String> = labels.into_iter().map(|l| self.parser.label(l).to_owned()).collect();
        if labels.iter().any(|l| l.contains(crate::projectivity::LIFT)) {
            crate::projectivity::deprojectivize(&mut heads, &mut labels);
        }
        for ((t, h), l) in s.tokens.iter_mut().zip(heads).zip(labels) {
            t.head = h;
            t.deprel = l;
        }
    }

    /// Like [`Pipeline::parse_sentence`], but parses only when `wanted` says so after
    /// tagging and lemmatizing (the parser is most of the cost): a caller looking for some
    /// lemmas skips the sentences without them. `None` when there is no token or it is not
    /// wanted.
    pub fn parse_sentence_when(&self, text: &str, wanted: impl FnOnce(&Sentence) -> bool) -> Option<Sentence> {
        self.parse_sentence_with_hints(text, &[], &[], wanted)
    }

    /// Like [`Pipeline::parse_sentence_when`], knowing where `text` names someone or
    /// somewhere (`names`) and where it writes a form the caller knows as a verb's (`verbs`;
    /// both code-point spans into `text`): a word written as a name there is not read as a
    /// verb, adverb or other word no name can be ("Côte d'Ivoire will end", where the tagger
    /// read "d'Ivoire" as a verb; "Italy announced", as an adverb), and in a sentence the
    /// tagger leaves without a verb a known verb form is the verb ("Minister Diop prees
    /// Marokko", an irregular past the treebank never saw).
    pub fn parse_sentence_with_hints(
        &self,
        text: &str,
        names: &[Span],
        verbs: &[Span],
        wanted: impl FnOnce(&Sentence) -> bool,
    ) -> Option<Sentence> {
        let hints = SpanHints {
            names,
            verbs,
            ..SpanHints::default()
        };
        self.parse_sentence_hinted(text, &hints, wanted)
    }

    /// Like [`Pipeline::parse_sentence_with_hints`], also knowing where `text` writes an
    /// adjective the caller knows before a common noun (`hints.adjectives`: "Malian troops",
    /// "het Malinese leger"), which the tagger reads as an adjective where it took it for a
    /// name or a noun (an adjective of a country the treebank never saw), and where it writes
    /// a date (`hints.dates`), none of whose words is a verb ("heeft dinsdag een aanval
    /// uitgevoerd", "dinsdag" read as the verb).
    pub fn parse_sentence_hinted(
        &self,
        text: &str,
        hints: &SpanHints<'_>,
        wanted: impl FnOnce(&Sentence) -> bool,
    ) -> Option<Sentence> {
        let mut tokens = tokenize::tokens(text, self.lang);
        tokens.truncate(tokenize::MAX_SENTENCE_TOKENS);
        let span = Span {
            start: tokens.first()?.span.start,
            end: tokens.last()?.span.end,
        };
        let raw = RawSentence { span, tokens };
        let mut s = self.expand(&raw);
        s.span = span;
        let words = self.tag(&mut s, hints);
        if !wanted(&s) {
            return None;
        }
        let chars: Vec<char> = text.chars().collect();
        s.text = chars
            .get(span.start as usize..(span.end as usize).min(chars.len()))
            .map(|c| c.iter().collect());
        self.attach(&mut s, &words);
        Some(s)
    }

    /// Parses pre-tokenized words (forms only), as one sentence.
    pub fn parse_words(&self, forms: &[&str]) -> Sentence {
        let mut s = Sentence {
            tokens: forms
                .iter()
                .map(|f| Token {
                    form: (*f).to_owned(),
                    ..Token::default()
                })
                .collect(),
            ..Sentence::default()
        };
        let mut pos = 0u32;
        for t in &mut s.tokens {
            let len = t.form.chars().count() as u32;
            t.span = Span {
                start: pos,
                end: pos + len,
            };
            pos += len + 1;
        }
        s.text = Some(forms.join(" "));
        s.span = Span {
            start: 0,
            end: pos.saturating_sub(1),
        };
        self.annotate(&mut s);
        s
    }
}

/// What a caller knows of a sentence's words, as code-point spans into its text
/// ([`Pipeline::parse_sentence_hinted`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct SpanHints<'a> {
    /// Where the text names someone or somewhere.
    pub names: &'a [Span],
    /// Where it writes a form of a verb.
    pub verbs: &'a [Span],
    /// Where it writes an adjective before a common noun.
    pub adjectives: &'a [Span],
    /// Where it writes a date ("dinsdag", "on 3 March"): none of its words is a verb.
    pub dates: &'a [Span],
    /// Where it writes a common noun the caller knows as one of a group of people
    /// ("jihadisten", "terroristes"): no verb.
    pub nouns: &'a [Span],
    /// Where it writes a noun the caller knows as one of an event, between an article and a
    /// preposition ("an offensive against"), or as the sentence's first word ("Talks
    /// between"): a noun, where the tagger took it for an adjective, a verb or a name.
    pub event_nouns: &'a [Span],
}

/// Whether a word is written as a name: it begins with a capital letter, or an elided particle
/// comes before the capital ("d'Ivoire", "N'Djamena" is the first case).
pub fn written_as_name(form: &str) -> bool {
    let mut chars = form.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_alphabetic() => {
            let rest: Vec<char> = chars.collect();
            rest.iter()
                .position(|&c| c == '\'' || c == '\u{2019}')
                .is_some_and(|i| i <= 2 && rest.get(i + 1).is_some_and(|c| c.is_uppercase()))
        }
        _ => false,
    }
}
