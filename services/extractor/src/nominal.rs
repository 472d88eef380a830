//! Whether a noun trigger is an event reported in its sentence, or only named there: a noun is
//! an event only with its own actor, date or place (or a claim that tells it happened), and
//! not when it is the backdrop of another act ("after the coup"), what a thing is for ("a
//! framework for cooperation"), a kind of act a prohibition bans, people named by what they do
//! as what another act is done to ("arrested 30 protesters"), or what a protest, a criticism
//! or a rejection is against ("against ECOWAS sanctions"), or what a sanction ends or a
//! concession lifts ("the end of the defence accord"); a background noun counts only when
//! its own date fixes it.

use sahel_schemas::event::EventType;

use crate::grammar::{Grammar, Words};
use crate::roles;
use crate::tree::Tree;

/// What the coder found for the noun's mention.
#[derive(Debug, Clone, Copy)]
pub struct Known {
    /// A source or target from the structure.
    pub has_actor: bool,
    /// A date on the noun or a word it needs.
    pub own_date: bool,
    /// A place on the noun or a word it needs.
    pub own_place: bool,
    /// Its modality is background.
    pub background: bool,
}

/// Whether the noun trigger at `w` is an event of its own. `triggers`: the sentence's trigger
/// words, and each with its type; `group(w)`: whether word `w` heads a sector noun
/// ("protesters").
pub fn is_event(
    tree: &Tree,
    g: &Grammar,
    lang: &str,
    w: usize,
    triggers: (&[usize], &[(usize, EventType)]),
    group: impl Fn(usize) -> bool,
    known: Known,
) -> bool {
    let (trig, typed) = triggers;
    let Known {
        has_actor,
        own_date,
        own_place,
        background,
    } = known;
    let case = roles::case_of(tree, w);
    let lemma_is = |h: usize, kind: Words| g.is(lang, kind, &tree.lemma(h).to_lowercase());
    // ("after the July 2023 coup": a backdrop its own date fixes is an event of its own, in
    // the background.)
    let backdrop = (case.as_deref().is_some_and(|c| g.is(lang, Words::Context, c)) && !own_date)
        // "a framework for political and military cooperation with Chad": what a thing is for
        // is no event.
        || (tree.base_rel(w) == "nmod"
            && case.as_deref().is_some_and(|c| g.is(lang, Words::Purpose, c))
            && tree
                .head(w)
                .is_some_and(|h| tree.upos(h) == "NOUN" && !trig.contains(&h) && !lemma_is(h, Words::Carrier)))
        // "a law that penalized the trafficking of migrants": a kind of act banned is no act
        // done.
        || (tree.base_rel(w) == "obj" && tree.head(w).is_some_and(|h| lemma_is(h, Words::Prohibition)))
        // "deux hélicoptères de combat": a bare noun in the singular
        // that says what kind of thing another noun is, is no act.
        || classifier(tree, w, trig, |h| lemma_is(h, Words::Carrier), |c| g.is(lang, Words::Classifier, c));
    // "L'attaque n'a pas été revendiquée", "no group has claimed responsibility for the
    // attack": a claim, made or not, tells that the act happened.
    let claimed = [tree.head(w), tree.head(w).and_then(|h| tree.head(h))]
        .into_iter()
        .flatten()
        .any(|h| tree.upos(h) == "VERB" && lemma_is(h, Words::Claim));
    // "Police arrested 30 protesters", "ont ouvert le feu sur les manifestants": people named
    // by what they do, as what another act is done to, are its target, not an event of their
    // own; so are they in the phrase of the trigger's object ("opened fire on protesters").
    let on_trigger = |h: usize| trig.contains(&h);
    let patient = group(w)
        && match tree.head(w) {
            Some(h) if on_trigger(h) => matches!(tree.rel(w), "obj" | "nsubj:pass") || tree.base_rel(w) == "obl",
            Some(h) => tree.base_rel(w) == "nmod" && tree.base_rel(h) == "obj" && tree.head(h).is_some_and(on_trigger),
            None => false,
        };
    // Whether the word the noun hangs on is a trigger of one of `types`.
    let under = |types: &[EventType]| {
        tree.head(w)
            .is_some_and(|h| typed.iter().any(|&(t, ty)| t == h && types.contains(&ty)))
    };
    // "Thousands rally in Niamey against ECOWAS sanctions": what a protest, a criticism or a
    // rejection is against is its target, not an act reported here, unless its own date fixes
    // it.
    let opposed = !own_date
        && case.as_deref().is_some_and(|c| g.is(lang, Words::Target, c))
        && under(&[EventType::Protest, EventType::Disapprove, EventType::Reject]);
    // "a annoncé la fin de l'accord de coopération", "heeft het akkoord opgezegd", "lifted
    // the sanctions against Niger": what a sanction ends or a concession lifts is the thing
    // ended, not an act reported here, unless its own date fixes it.
    let ended = !own_date
        && (tree.rel(w) == "obj" || tree.base_rel(w) == "nmod")
        && under(&[EventType::Sanction, EventType::Concede]);
    // "A Malian patrol was ambushed", "An army patrol killed three jihadists": a deployment
    // noun that an act of force is done by or to names the force, no deployment reported.
    let own_type = typed.iter().find(|&&(t, _)| t == w).map(|&(_, ty)| ty);
    // ("Une patrouille est tombée dans une embuscade": or the subject of a verb of undergoing.)
    let undergoing = matches!(tree.rel(w), "nsubj" | "nsubj:pass")
        && tree.head(w).is_some_and(|h| crate::voice::undergoes(tree, g, lang, h));
    // (Or its phrase of target: "ont tendu une embuscade à une patrouille", "an attack on a
    // patrol".)
    let aimed_at =
        matches!(tree.base_rel(w), "obl" | "nmod") && case.as_deref().is_some_and(|c| g.is(lang, Words::Target, c));
    let unit = own_type == Some(EventType::Mobilize)
        && (((matches!(tree.rel(w), "nsubj" | "nsubj:pass" | "obj") || aimed_at)
            && under(&[EventType::Assault, EventType::Coerce]))
            || undergoing);
    !(backdrop
        || patient
        || unit
        || opposed
        || ended
        || (background && !own_date)
        || !(has_actor || own_date || own_place || claimed))
}

/// Whether the noun trigger `w` only classifies the thing its head names: a bare singular
/// after a `classifier` preposition (`kind_of`: "hélicoptères de combat", "avions d'attaque"; the compound "attack
/// helicopters" is no trigger at all, `Triggers::find`), under a common noun that is no
/// trigger itself ("a wave of attacks" is plural, "the threat of an attack" has its article,
/// "the end of fighting" hangs on a trigger) nor one that carries the act (`carrier`: "une
/// mission de médiation").
fn classifier(
    tree: &Tree,
    w: usize,
    trig: &[usize],
    carrier: impl Fn(usize) -> bool,
    kind_of: impl Fn(&str) -> bool,
) -> bool {
    let on_a_thing = tree
        .head(w)
        .is_some_and(|h| tree.upos(h) == "NOUN" && !trig.contains(&h) && !carrier(h));
    // (Phrases after it the parser may have hung on it: "hélicoptères de combat aux forces
    // maliennes".)
    let bare = !tree.has_child(w, &["det", "nummod", "amod", "acl"]) && tree.lower(w) == tree.lemma(w).to_lowercase();
    on_a_thing && bare && tree.base_rel(w) == "nmod" && roles::case_of(tree, w).is_some_and(|c| kind_of(&c))
}
