//! A sentence's surface as the coder reads it: its tokens with the actor, place and cue
//! matches of the data's phrase matchers, each computed once per sentence and shared by the
//! document scan, the actor finder, the place finder and the sentence coder.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::lexicon::{ActorPat, Cue, Match, Resources};
use crate::nlp::Token;

/// A sentence's surface tokens with their matches.
#[derive(Debug)]
pub struct Sent<'a> {
    /// Surface tokens.
    pub toks: &'a [Token],
    /// Language.
    pub lang: &'a str,
    /// The coder's data.
    pub res: &'a Resources,
    /// Actor pattern matches.
    pub actors: Vec<Match>,
    /// Place (gazetteer) matches.
    pub places: Vec<Match>,
    /// Cue matches, computed when first asked for.
    cues: RefCell<HashMap<Cue, Vec<Match>>>,
}

impl<'a> Sent<'a> {
    /// Matches a sentence's tokens against the actor and place data.
    pub fn new(toks: &'a [Token], lang: &'a str, res: &'a Resources) -> Self {
        let places = res.places(toks);
        Self {
            toks,
            lang,
            res,
            actors: res.actors_and_capitals(lang, toks, &places),
            places,
            cues: RefCell::default(),
        }
    }

    /// Where the sentence names a country, capital, organisation or person the actor data
    /// knows, or a place of several words the gazetteer knows: code-point spans into the
    /// sentence, for the tagger to read the words written as names there as proper nouns
    /// ("Italy announced", which it took for an adverb; "Côte d'Ivoire will end", where it
    /// took "d'Ivoire" for a verb). One-word places are left out: a town can be named like a
    /// word ("Say").
    pub fn name_spans(&self) -> Vec<sahel_syntax::Span> {
        let named = self.actors.iter().filter(|m| {
            matches!(
                self.res.actor_pats[m.target],
                ActorPat::CountryName(_) | ActorPat::Capital(_) | ActorPat::Org(_) | ActorPat::Person(_)
            )
        });
        let places = self.places.iter().filter(|m| m.last - m.first >= 2);
        named
            .chain(places)
            .filter(|m| m.first < m.last && m.last <= self.toks.len())
            .map(|m| self.span(m.first, m.last))
            .collect()
    }

    /// Where the sentence writes a country adjective the actor data knows right before a
    /// word in lower case ("Malian troops", "het Malinese leger"): code-point spans, for the
    /// tagger to read as adjectives what it would take for names.
    pub fn adjective_spans(&self) -> Vec<sahel_syntax::Span> {
        self.actors
            .iter()
            .filter(|m| matches!(self.res.actor_pats[m.target], ActorPat::CountryAdj(_)))
            .filter(|m| m.first < m.last && self.toks.get(m.last).is_some_and(|t| !t.punct && !t.cap))
            .map(|m| self.span(m.first, m.last))
            .collect()
    }

    /// Where the sentence writes a form the trigger data knows as a verb's ("prees" →
    /// prijzen): code-point spans, for the tagger to take such a word as the verb of a
    /// sentence it would leave verbless.
    pub fn verb_spans(&self) -> Vec<sahel_syntax::Span> {
        (0..self.toks.len())
            .filter(|&i| !self.toks[i].punct && self.res.triggers.verb_form(self.lang, &self.toks[i].lower))
            .map(|i| self.span(i, i + 1))
            .collect()
    }

    /// The code-point span of tokens `first..last` (non-empty, in range).
    pub fn span(&self, first: usize, last: usize) -> sahel_syntax::Span {
        sahel_syntax::Span {
            start: self.toks[first].start,
            end: self.toks[last - 1].end,
        }
    }

    /// Cue matches of one kind.
    pub fn cues(&self, c: Cue) -> Vec<Match> {
        self.cues
            .borrow_mut()
            .entry(c)
            .or_insert_with(|| self.res.cues(self.lang, c, self.toks))
            .clone()
    }
}
