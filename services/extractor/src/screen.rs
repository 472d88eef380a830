//! Which of the trigger words the matcher finds in a sentence's tree stand as events of
//! their own ([`triggers`]): not a word inside a multiword name, nor one whose required word
//! a negating preposition governs, nor the content of a demand a speaker states, nor an order
//! of an act a noun names, nor a light verb that only carries an event noun of another type.
//! The word classes a trigger may require ([`word_class`]) are read here too.

use sahel_schemas::event::EventType;

use crate::attach;
use crate::grammar::Words;
use crate::obligations::SaidObligation;
use crate::sentence::SentenceInput;
use crate::tree::Tree;
use crate::triggers::{Found, Pos};

/// Whether word `w` is of a class a trigger requires (`@country`: the head of a country's
/// name; `@place`: the head of a place's name, a town or a country; `@people`: the head of a person's name or of a noun for people, "civilians",
/// "the former minister", "500 people" (`grammar.json` "person"), not a country or a body).
/// Whether item `x` is a sector noun a country qualifies ("Italian nuns", "soldats
/// maliens"): a country's actor with a sector, not the country itself.
fn qualified_group(x: &crate::actors::ActorItem) -> bool {
    !x.is_group && x.actor.sector.is_some() && x.actor.country.is_some()
}

pub(crate) fn word_class(s: &SentenceInput<'_>, tree: &Tree, w: usize, class: &str) -> bool {
    match class {
        "country" | "place" => s.surface.places.iter().any(|m| {
            (class == "place" || s.res.places[m.target].precision == "country")
                && tree.head_of_tokens(s.toks, m.first, m.last) == Some(w)
        }),
        "people" => {
            let people = |v: usize| {
                s.res.grammar.is(s.lang, Words::Person, &tree.lemma(v).to_lowercase())
                    || s.items.iter().any(|x| {
                        (x.is_group
                            || s.res.person(&x.actor.name).is_some()
                            || (qualified_group(x) && tree.has_feat(v, "Number=Plur")))
                            && tree.head_of_tokens(s.toks, x.first, x.last) == Some(v)
                    })
            };
            // "executed dozens of civilians", "ont exécuté plus de deux cents civils": a count
            // of people, two counts deep.
            let count = |v: usize| {
                tree.upos(v) == "NUM" || s.res.grammar.is(s.lang, Words::Quantity, &tree.lemma(v).to_lowercase())
            };
            let counted = |v: usize| tree.children_with(v, &["nmod", "obl", "amod"]).collect::<Vec<_>>();
            people(w)
                || (count(w)
                    && counted(w)
                        .into_iter()
                        .any(|v| people(v) || (count(v) && counted(v).into_iter().any(people))))
        }
        _ => false,
    }
}

/// The trigger words of the sentence that stand as events ([`crate::triggers::Triggers::find`],
/// screened); `demands` are the obligations its speakers state.
pub(crate) fn triggers(s: &SentenceInput<'_>, tree: &Tree, demands: &[SaidObligation]) -> Vec<Found> {
    let res = s.res;
    let g = &res.grammar;
    let found: Vec<Found> = res
        .triggers
        .find(
            s.lang,
            tree,
            |w| g.is(s.lang, Words::Carrier, &tree.lemma(w).to_lowercase()),
            |w, class| word_class(s, tree, w, class),
        )
        .into_iter()
        .filter(|f| !inside_name(tree, s, f.word))
        // "The summit ended without an agreement" ends no agreement: a word the trigger
        // requires, in a phrase of a negating preposition, is not there.
        .filter(|f| {
            !f.with.iter().any(|&w| {
                tree.children_labelled(w, "case")
                    .any(|c| g.is(s.lang, Words::Negation, &tree.lemma(c).to_lowercase()))
            })
        })
        // What a speaker says another must do is the content of a demand, not an event.
        .filter(|f| {
            !demands
                .iter()
                .any(|d| d.clause == f.word || tree.head(f.word) == Some(d.clause) && tree.base_rel(f.word) == "xcomp")
        })
        .collect();
    let type_of = |f: &Found| res.triggers.entries[f.entry].event_type;
    let nouns: Vec<(usize, EventType)> = found
        .iter()
        .filter(|f| f.pos == Pos::Noun)
        .map(|f| (f.word, type_of(f)))
        .collect();
    // "The junta ordered the suspension of the BBC", "a ordonné l'arrestation": an order
    // (`grammar.json` "command") of an act named by a noun is that act, done by whoever
    // ordered it (the verb carries the noun as a light verb does), not a demand.
    let order_of_an_act = |f: &Found| {
        type_of(f) == EventType::Demand
            && g.is(s.lang, Words::Command, &tree.lemma(f.word).to_lowercase())
            && tree
                .children_with(f.word, &["obj"])
                .any(|o| nouns.iter().any(|&(n, _)| n == o))
    };
    // "Le FMI a approuvé un prêt", "approved a loan": a light verb (`grammar.json` "light")
    // whose object is an event noun of another type carries that event; the verb says no
    // event of its own. (Of the same type, "ondertekenden een akkoord", the verb says more;
    // and the verb is light by the lemma its form is read as: "opgezegd" is "opzeggen",
    // which ends the agreement, though the lemmatizer says "opleggen".)
    let light = |v: usize| {
        let lemma = tree.lemma(v).to_lowercase();
        let read = res.triggers.form_lemma(s.lang, tree.lower(v)).unwrap_or(&lemma);
        g.is(s.lang, Words::Light, read)
    };
    let carrier_of_another_type = |f: &Found| {
        f.pos == Pos::Verb
            && f.with.is_empty()
            && light(f.word)
            && nouns.iter().any(|&(n, t)| {
                t != type_of(f) && tree.base_rel(n) == "obj" && attach::carrier_verb(tree, g, s.lang, n) == Some(f.word)
            })
    };
    found
        .into_iter()
        .filter(|f| !order_of_an_act(f) && !carrier_of_another_type(f))
        .collect()
}

/// A trigger word inside a multiword name ("Operation Barkhane", "Alliance of Sahel States").
fn inside_name(tree: &Tree, s: &SentenceInput<'_>, w: usize) -> bool {
    let Some(k) = tree.token_of(s.toks, w) else {
        return false;
    };
    s.items
        .iter()
        .any(|x| !x.is_group && x.first <= k && k < x.last && x.last - x.first > 1)
}
