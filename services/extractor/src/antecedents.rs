//! Whom a pronoun stands for: the people an article names, where, and whether as a
//! possessive; a personal pronoun takes the person its latest sentence naming one is about.
//! A pronoun of a state or body ("it", "they") that is the subject of its sentence's main
//! clause takes the state or body the previous sentence's main clause has as its subject
//! ("Russia also offers weapons. It is also providing planes").

use sahel_schemas::event::Actor;

use crate::actors::ActorItem;
use crate::doc::DocState;
use crate::grammar::{Grammar, Words};
use crate::lexicon::Resources;
use crate::nlp::Token;
use crate::tree::Tree;

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

    /// Records the state or body the main clause of sentence `sentence` has as its subject
    /// (`None`: none, or a person or a group of people).
    pub fn note_clause_subject(&mut self, sentence: usize, subject: Option<Actor>) {
        if self.clause_subjects.len() <= sentence {
            self.clause_subjects.resize(sentence + 1, None);
        }
        self.clause_subjects[sentence] = subject;
    }

    /// The state or body the main clause of the sentence before `sentence` has as its subject.
    pub fn previous_clause_subject(&self, sentence: usize) -> Option<&Actor> {
        sentence
            .checked_sub(1)
            .and_then(|p| self.clause_subjects.get(p))
            .and_then(Option::as_ref)
    }

    /// "The two men discussed security": the two people a pair noun at `start` of sentence
    /// `sentence` stands for, in the order named: those of the latest sentence before it (no
    /// more than two sentences back) that names two people; none when a sentence after it
    /// names more than two.
    pub fn pair(&self, sentence: usize, start: u32) -> Option<(&Actor, &Actor)> {
        let before = |m: &&PersonMention| m.sentence < sentence || (m.sentence == sentence && m.start < start);
        for si in (sentence.saturating_sub(2)..=sentence).rev() {
            let mut named: Vec<&Actor> = Vec::new();
            for m in self.person_mentions.iter().filter(before).filter(|m| m.sentence == si) {
                if !named.iter().any(|a| a.name == m.actor.name) {
                    named.push(&m.actor);
                }
            }
            match named.len() {
                2 => return Some((named[0], named[1])),
                0 | 1 => continue,
                _ => return None,
            }
        }
        None
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

/// The state or body the main clause of sentence `si` has as its subject: a named one, or
/// the one a pronoun of a state or body carries on from the sentence before. None for a
/// person or a group of people ([`DocState::note_clause_subject`]).
pub fn clause_subject(
    res: &Resources,
    lang: &str,
    tree: &Tree,
    toks: &[Token],
    items: &[ActorItem],
    doc: &DocState,
    si: usize,
) -> Option<Actor> {
    let root = tree.root()?;
    if tree.upos(root) != "VERB" {
        return None;
    }
    let subjects = crate::voice::subjects(tree, &res.grammar, lang, root, 0);
    let pronoun =
        |w: usize| tree.upos(w) == "PRON" && res.grammar.is(lang, Words::PronounGroup, &tree.lemma(w).to_lowercase());
    if subjects.first().is_some_and(|&w| pronoun(w)) {
        return doc.previous_clause_subject(si).cloned();
    }
    // (The first subject that names one: "A power that did not colonize Africa, Russia offers".)
    subjects.iter().find_map(|&w| {
        let t = tree.token_of(toks, w)?;
        items
            .iter()
            .find(|it| it.first <= t && t < it.last && !it.is_group && !it.place_only)
            .filter(|it| !doc.people.iter().any(|(a, _)| a.name == it.actor.name))
            .map(|it| it.actor.clone())
    })
}

/// For a group pronoun `w`, subject of an adverbial clause: the subject words of the clause
/// it modifies ("JNIM fighters burned the school before they withdrew": the fighters), when
/// that clause has no object of the pronoun's number it could stand for ("attacked the
/// rebels after they had ambushed a patrol" stays open; joined objects are plural, "banned
/// the BBC and Voice of America after they reported"). A clause the parser made a
/// complement, opened by a conjunction that is no complementizer, is adverbial too
/// ("voordat ze zich terugtrokken"). So for the pronoun as the object of an adverbial clause
/// with a subject of its own ("Algeria recalled its ambassador after Mali accused it"); an
/// object the antecedent's possessive owns is no rival ("its ambassador").
pub fn subject_of_the_modified_clause(tree: &Tree, g: &Grammar, lang: &str, w: usize) -> Vec<usize> {
    let adverbial = |v: usize| {
        tree.base_rel(v) == "advcl"
            || (tree.base_rel(v) == "ccomp"
                && tree
                    .children_with(v, &["mark"])
                    .any(|k| !g.is(lang, Words::Complementizer, &tree.lemma(k).to_lowercase())))
    };
    let own_subject = |v: usize| {
        tree.children_labelled(v, "nsubj")
            .any(|x| x != w && tree.upos(x) != "PRON")
    };
    let Some(main) = tree
        .head(w)
        .filter(|&v| adverbial(v) && (tree.base_rel(w) == "nsubj" || (tree.base_rel(w) == "obj" && own_subject(v))))
        .and_then(|v| tree.head(v))
        .filter(|&m| tree.upos(m) == "VERB")
    else {
        return Vec::new();
    };
    let number = ["Number=Plur", "Number=Sing"].into_iter().find(|n| tree.has_feat(w, n));
    let plural = |o: usize| tree.has_feat(o, "Number=Plur") || tree.has_child(o, &["conj"]);
    let possessed = |o: usize| {
        tree.children_with(o, &["nmod:poss", "det"])
            .any(|d| tree.upos(d) == "PRON" || tree.has_feat(d, "Poss=Yes"))
    };
    let rival = tree
        .children_with(main, &["obj"])
        .filter(|&o| !possessed(o))
        .any(|o| match number {
            Some("Number=Plur") => plural(o),
            Some(n) => tree.has_feat(o, n) && !plural(o),
            None => true,
        });
    if rival {
        return Vec::new();
    }
    crate::voice::subjects(tree, g, lang, main, 0)
        .into_iter()
        .filter(|&x| x != w)
        .collect()
}

#[cfg(test)]
mod tests {
    use sahel_schemas::event::{EventMention, EventType};

    use crate::coder::{code, ArticleInput};
    use crate::lexicon::Resources;

    fn run(text: &str) -> Vec<EventMention> {
        let res = Resources::embedded().expect("data");
        let input = ArticleInput {
            article_id: "art_x",
            text,
            language: "en",
            published: None,
        };
        code(
            &res,
            &input,
            "test",
            &sahel_schemas::ProducerInfo::new("extractor", "test"),
        )
    }

    fn aid_source(m: &[EventMention]) -> Option<&str> {
        m.iter()
            .find(|m| m.event_type == EventType::Aid)
            .unwrap_or_else(|| panic!("an AID in {m:?}"))
            .actor1
            .as_ref()
            .map(|a| a.name.as_str())
    }

    #[test]
    fn it_opening_a_sentence_carries_on_the_state_the_sentence_before_had_as_subject() {
        let m = run("Algeria sent troops to the border. It also delivered food aid to Mali.");
        assert_eq!(aid_source(&m), Some("Algeria"), "{m:?}");
        // Not a person: "it" is no one's.
        let m = run("Moussa Faki visited Bamako. It also delivered food aid to Mali.");
        assert_eq!(aid_source(&m), None, "{m:?}");
        // The same pronoun as a later clause's subject carries on the same state.
        let m = run(
            "Algeria sent troops to the border. It is also training soldiers in Mali, where it promised to deliver food aid.",
        );
        assert_eq!(aid_source(&m), Some("Algeria"), "{m:?}");
    }
}
