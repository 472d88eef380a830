//! A sentence's surface as the coder reads it: its tokens with the actor, place and cue
//! matches of the data's phrase matchers, each computed once per sentence and shared by the
//! document scan, the actor finder, the place finder and the sentence coder.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::grammar::Words;
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
    /// Longer names that begin with a place's ("the New York Times"): token ranges.
    longer_names: Vec<(usize, usize)>,
    /// Cue matches, computed when first asked for.
    cues: RefCell<HashMap<Cue, Vec<Match>>>,
}

/// Whether a word is written as part of a name: with a capital, not in capitals (an acronym
/// names a body of its own), and no month or weekday (a date, whatever its capital).
pub fn written_as_a_name(t: &Token) -> bool {
    t.cap && !t.caps && !t.punct && !crate::dates::Calendar::shared().is_ok_and(|c| c.is_date_word(&t.lower))
}

impl<'a> Sent<'a> {
    /// Matches a sentence's tokens against the actor and place data.
    pub fn new(toks: &'a [Token], lang: &'a str, res: &'a Resources) -> Self {
        let mut places = res.places(toks);
        let actors = res.actors(lang, toks);
        // "the New York Times", "the Washington Post", "Niger Delta Avengers": a place right
        // before a word written with a capital that begins no name, place or date of its own
        // is the start of a longer name, neither a place nor a capital standing for its
        // country.
        let starts: Vec<usize> = actors.iter().chain(&places).map(|m| m.first).collect();
        let name_word = |i: usize| {
            toks.get(i)
                .is_some_and(|t| written_as_a_name(t) && !starts.contains(&i))
        };
        let mut longer_names = Vec::new();
        let mut begins_a_longer_name = |m: &Match| {
            if !name_word(m.last) {
                return false;
            }
            let mut last = m.last + 1;
            while name_word(last) {
                last += 1;
            }
            longer_names.push((m.first, last));
            true
        };
        places.retain(|p| !begins_a_longer_name(p));
        let mut actors = actors;
        actors.retain(|m| !(matches!(res.actor_pats[m.target], ActorPat::Capital(_)) && begins_a_longer_name(m)));
        Self {
            toks,
            lang,
            res,
            actors: res.with_capitals(actors, &places),
            places,
            longer_names,
            cues: RefCell::default(),
        }
    }

    /// Where the sentence names a country, capital, organisation or person the actor data
    /// knows, a place of several words the gazetteer knows, or a longer name that begins with a
    /// place's ("the New York Times"): code-point spans into the
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
            .map(|m| (m.first, m.last))
            .chain(self.longer_names.iter().copied())
            .filter(|&(first, last)| first < last && last <= self.toks.len())
            .map(|(first, last)| self.span(first, last))
            .collect()
    }

    /// Where the sentence writes a country adjective the actor data knows right before a
    /// word in lower case ("Malian troops", "het Malinese leger"), or itself in lower case
    /// ("l'armée de l'air malienne"): code-point spans, for the tagger to read as adjectives
    /// what it would take for names, or for verbs ("malienne" read as a form of a verb in
    /// -enir, which then took the sentence's date).
    pub fn adjective_spans(&self) -> Vec<sahel_syntax::Span> {
        self.actors
            .iter()
            .filter(|m| matches!(self.res.actor_pats[m.target], ActorPat::CountryAdj(_)))
            .filter(|m| {
                m.first < m.last
                    && (self.toks.get(m.last).is_some_and(|t| !t.punct && !t.cap)
                        || self.toks[m.first..m.last].iter().all(|t| !t.cap))
            })
            .map(|m| self.span(m.first, m.last))
            .collect()
    }

    /// Where the sentence writes, in lower case, a noun the actor data knows for a group of
    /// people ("jihadisten", "terroristes"), alone or as the last word of a group's name
    /// ("Sudanese militiamen"): code-point spans of that word, for the tagger not to read as a
    /// verb or an adjective what its ending made it guess was one ("tientallen jihadisten
    /// gedood").
    pub fn noun_spans(&self) -> Vec<sahel_syntax::Span> {
        self.actors
            .iter()
            .filter(|m| matches!(self.res.actor_pats[m.target], ActorPat::Group(_)))
            .filter(|m| m.last > m.first && self.toks.get(m.last - 1).is_some_and(|t| !t.cap))
            .map(|m| self.span(m.last - 1, m.last))
            .collect()
    }

    /// Where the sentence writes an event noun of the trigger data between an article and a
    /// preposition of a target or a place, or "of" ("launched an offensive against Boko
    /// Haram"), or opens with one before such a preposition ("Talks between Niger and …"):
    /// code-point spans, for the tagger not to read it as an adjective of the name after, nor
    /// as a name.
    pub fn event_noun_spans(&self) -> Vec<sahel_syntax::Span> {
        let g = &self.res.grammar;
        let preposition =
            |w: &str| crate::roles::is_of(w) || g.is(self.lang, Words::Target, w) || g.is(self.lang, Words::Place, w);
        // "Talks between Niger and the EU opened", "Clashes between the army and …": the
        // first word of the sentence, written with a capital as every first word is, when it
        // is an event noun (or the plural of one) before a preposition.
        let opening = self.toks.first().filter(|t| {
            t.cap
                && !t.caps
                && self
                    .toks
                    .get(1)
                    .is_some_and(|n| preposition(&n.lower) || g.is(self.lang, Words::Between, &n.lower))
                && (self.res.triggers.is_noun_lemma(self.lang, &t.lower)
                    || crate::syntax::pipeline(self.lang)
                        .and_then(|p| p.lemma_as(&t.lower, "NOUN", "Number=Plur"))
                        .is_some_and(|l| l != t.lower && self.res.triggers.is_noun_lemma(self.lang, &l.to_lowercase())))
        });
        opening
            .map(|_| 0)
            .into_iter()
            .chain((1..self.toks.len().saturating_sub(1)).filter(|&i| {
                let t = &self.toks[i];
                !t.cap
                    && g.is(self.lang, Words::Determiner, &self.toks[i - 1].lower)
                    && preposition(&self.toks[i + 1].lower)
                    && self.res.triggers.is_noun_lemma(self.lang, &t.lower)
            }))
            .map(|i| self.span(i, i + 1))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens;

    fn place_names(res: &Resources, text: &str) -> Vec<String> {
        let toks = tokens(text);
        let s = Sent::new(&toks, "en", res);
        s.places.iter().map(|m| res.places[m.target].name.clone()).collect()
    }

    #[test]
    fn a_place_that_begins_a_longer_name_is_no_place() {
        let res = Resources::embedded().expect("data");
        // A newspaper, a club: the name goes on after the town's.
        assert!(place_names(&res, "The aid was cut, the New York Times reported.").is_empty());
        let toks = tokens("The Washington Post reported it.");
        let s = Sent::new(&toks, "en", &res);
        assert!(s.places.is_empty() && s.actors.is_empty(), "{:?}", s.actors);
        // ...but a date, a name or a lower-case word after it ends the place.
        assert_eq!(place_names(&res, "Talks opened in New York Monday."), ["New York City"]);
        assert_eq!(
            place_names(&res, "Talks opened in New York and Geneva."),
            ["New York City", "Geneva"]
        );
    }

    #[test]
    fn a_country_is_named_before_a_town_written_alike() {
        let res = Resources::embedded().expect("data");
        // GeoNames also calls Benin City "Bénin".
        let toks = tokens("Des soldats ont été tués au Bénin.");
        let s = Sent::new(&toks, "fr", &res);
        let names: Vec<&str> = s.places.iter().map(|m| res.places[m.target].name.as_str()).collect();
        assert_eq!(names, ["Benin"]);
    }
}
