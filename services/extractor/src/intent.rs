//! An actor's stated intent as an event of its own, as CAMEO codes it (03 "express intent to
//! cooperate", 13 "threaten") and PLOVER after it: an actor saying that it will do something
//! cooperative has promised (AGREE), saying that it will do something hostile has threatened
//! (THREATEN). The intended event stays a planned mention of its own type; the promise or threat
//! is a second mention, carried by the word that states the intent.
//!
//! The intended event is the complement of an intent word ("plans to impose", "is willing to
//! withdraw"), the clause of a verb of saying whose subject is a pronoun for the speaker
//! ("Nigeria announced that it will withdraw"), or an act its actor is said to be going to do,
//! in the future tense ("Jawara will visit Mauritania", "the UN will provide food aid, the WFP
//! said"): CAMEO (036, 033) and the PLOVER gold code an announced act as its actor's intent.
//! (Until 2026-12 another's future was taken as reported, not promised; on the PLOVER dev half
//! the change gave type 0.732 -> 0.744, and on the project's own gold, annotated under the old
//! reading, three dev and two held-out false positives.)

use sahel_schemas::event::{EventType, Modality};

use crate::grammar::{Grammar, Words};
use crate::tree::Tree;

/// The type of the promise or threat that stating an intent to do an event of type `t` makes:
/// the intents CAMEO 03 lists (cooperation, support, aid, yielding, de-escalation, meeting and
/// mediation) are AGREE; the threats CAMEO 13 lists (sanctions, restrictions, protest,
/// repression, force) are THREATEN; others (an investigation, a demand) are neither.
pub fn intent_type(t: EventType) -> Option<EventType> {
    match t {
        EventType::Cooperate
        | EventType::Support
        | EventType::Aid
        | EventType::Concede
        | EventType::Retreat
        | EventType::Consult => Some(EventType::Agree),
        EventType::Sanction | EventType::Coerce | EventType::Assault | EventType::Protest => Some(EventType::Threaten),
        _ => None,
    }
}

/// Whether the event at `t` is stated under an ultimatum ("will withdraw unless ..."): then
/// the stated intent is a threat whatever the event.
pub fn ultimatum(tree: &Tree, g: &Grammar, lang: &str, t: usize) -> bool {
    tree.children(t).iter().any(|&c| {
        tree.base_rel(c) == "advcl" && crate::roles::case_of(tree, c).is_some_and(|m| g.is(lang, Words::Ultimatum, &m))
    })
}

/// The subjects of the conditions a threat at `v` is made under, on it or on the act it
/// threatens ("threatened to ban voting if Hamas ran", "will withdraw unless Goukouni
/// arranges a ceasefire", "menace de frapper si Bamako refuse"): whom it is made against.
pub fn condition_subjects(tree: &Tree, g: &Grammar, lang: &str, v: usize) -> Vec<usize> {
    let condition = |c: usize| {
        tree.base_rel(c) == "advcl"
            && crate::roles::case_of(tree, c)
                .is_some_and(|m| g.is(lang, Words::Ultimatum, &m) || g.is(lang, Words::Condition, &m))
    };
    // (The act, and the complements of its complements: "threatened to ban voting … if".)
    let first: Vec<usize> = tree.children_with(v, &["xcomp"]).collect();
    let second: Vec<usize> = first.iter().flat_map(|&w| tree.children_with(w, &["xcomp"])).collect();
    std::iter::once(v)
        .chain(first)
        .chain(second)
        .flat_map(|w| tree.children(w).iter().copied())
        .filter(|&c| condition(c))
        .flat_map(|c| tree.children_labelled(c, "nsubj").collect::<Vec<_>>())
        .collect()
}

/// Whether a mention of this modality can be an intent: announced or conditional, not done,
/// not denied.
pub fn open_modality(m: Modality) -> bool {
    matches!(m, Modality::Planned | Modality::Hypothetical)
}

/// The word that makes the event at trigger `t` its actor's own stated intent, if any: an intent
/// word `t` is the complement of, or a verb of saying whose clause `t` heads when the clause's
/// subject (`subject`, its first source word) is a pronoun. Words that are triggers of their own
/// (`trig`: "agreed to", "threatened to") already say it and are left to their own mention.
pub fn governor(
    tree: &Tree,
    g: &Grammar,
    lang: &str,
    t: usize,
    subject: Option<usize>,
    trig: &[usize],
) -> Option<usize> {
    let lemma = |w: usize| tree.lemma(w).to_lowercase();
    let h = tree.head(t)?;
    if trig.contains(&h) {
        return None;
    }
    // "plans to impose"; "plans" tagged as a noun with its own subject reads the same.
    let verbal = || tree.has_child(h, &["nsubj"]);
    let complement = tree.base_rel(t) == "xcomp" || (tree.base_rel(t) == "acl" && verbal());
    if complement && g.is(lang, Words::Intent, &lemma(h)) {
        return Some(h);
    }
    let pronoun = subject.is_some_and(|w| {
        tree.upos(w) == "PRON"
            && (g.is(lang, Words::PronounGroup, &lemma(w)) || g.is(lang, Words::PronounPerson, &lemma(w)))
    });
    if pronoun && tree.base_rel(t) == "ccomp" && tree.upos(h) == "VERB" && g.is(lang, Words::Speech, &lemma(h)) {
        return Some(h);
    }
    None
}

/// The future auxiliary of the event at trigger `t` ("will visit", "va rencontrer", "zal
/// bezoeken"), which states the act as its actor's intent.
pub fn future_auxiliary(tree: &Tree, g: &Grammar, lang: &str, t: usize) -> Option<usize> {
    tree.children(t)
        .iter()
        .copied()
        .find(|&c| tree.base_rel(c) == "aux" && g.is(lang, Words::Future, &tree.lemma(c).to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(tree: &Tree, w: &str) -> usize {
        (0..tree.len()).find(|&i| tree.lower(i) == w).expect("word")
    }

    #[test]
    fn own_intent_is_governed_by_an_intent_word_or_the_speaker() {
        let g = Grammar::embedded().expect("grammar");
        let t = Tree::parse("en", "Nigeria announced that it will withdraw its troops.").expect("parse");
        let w = at(&t, "withdraw");
        assert_eq!(
            governor(&t, &g, "en", w, Some(at(&t, "it")), &[w]),
            Some(at(&t, "announced"))
        );
        let t = Tree::parse("en", "Burkina Faso plans to impose a curfew in the north.").expect("parse");
        let w = at(&t, "impose");
        assert_eq!(governor(&t, &g, "en", w, None, &[w]), Some(at(&t, "plans")));
        let t = Tree::parse("en", "The United States agreed to withdraw its troops.").expect("parse");
        let (w, agreed) = (at(&t, "withdraw"), at(&t, "agreed"));
        assert_eq!(governor(&t, &g, "en", w, None, &[w, agreed]), None);
        let t = Tree::parse("en", "President Jawara will visit Mauritania next week.").expect("parse");
        assert_eq!(future_auxiliary(&t, &g, "en", at(&t, "visit")), Some(at(&t, "will")));
        let t = Tree::parse("en", "President Jawara visited Mauritania last week.").expect("parse");
        assert_eq!(future_auxiliary(&t, &g, "en", at(&t, "visited")), None);
        assert_eq!(intent_type(EventType::Retreat), Some(EventType::Agree));
        assert_eq!(intent_type(EventType::Sanction), Some(EventType::Threaten));
        assert_eq!(intent_type(EventType::Investigate), None);
    }
}
