//! Whom a personal pronoun stands for: the people an article names, where, and whether as a
//! possessive; a pronoun takes the person its latest sentence naming one is about.

use sahel_schemas::event::Actor;

use crate::actors::{ActorItem, DocState};
use crate::nlp::Token;

/// One naming of a person: where it stands and whether it is a possessive ("Macron's").
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMention {
    /// The person.
    pub actor: Actor,
    /// Sentence index.
    pub sentence: usize,
    /// Start of the name (code points, relative to its sentence).
    pub start: u32,
    /// The name is followed by a possessive marker.
    pub possessive: bool,
}

impl DocState {
    /// Records the people among a sentence's actors (those named as people so far).
    pub fn note_people(&mut self, sentence: usize, toks: &[Token], items: &[ActorItem]) {
        for it in items.iter().filter(|x| !x.place_only && !x.is_group) {
            if !self.people.iter().any(|(a, _)| a.name == it.actor.name) {
                continue;
            }
            let possessive = toks.get(it.last).is_some_and(|t| t.lower == "'s" || t.lower == "'");
            self.person_mentions.push(PersonMention {
                actor: it.actor.clone(),
                sentence,
                start: toks.get(it.first).map_or(0, |t| t.start),
                possessive,
            });
        }
    }

    /// The person a personal pronoun at `start` of sentence `sentence` stands for: among the
    /// people named before it, those of the latest sentence that names one; of these the
    /// first not named as a possessive (the one the sentence is about: "Bazoum had set
    /// himself up as Macron's spokesman. He condemned ..."), else the first.
    pub fn antecedent(&self, sentence: usize, start: u32) -> Option<&Actor> {
        let before: Vec<&PersonMention> = self
            .person_mentions
            .iter()
            .filter(|m| m.sentence < sentence || (m.sentence == sentence && m.start < start))
            .collect();
        let latest = before.last()?.sentence;
        let group: Vec<&&PersonMention> = before.iter().filter(|m| m.sentence == latest).collect();
        group
            .iter()
            .find(|m| !m.possessive)
            .or_else(|| group.first())
            .map(|m| &m.actor)
    }
}
