//! Who did what to whom, read from the tree: the words that head a trigger's source and
//! target phrases. Source = subject, or the agent of a passive; target = object, the subject
//! of a passive, or an oblique with a target preposition ("attack on", "manifestation
//! contre"). A verb's subject, and whether it is passive, come from [`crate::voice`]. A noun takes its source from a possessive, an adjective
//! ("French strikes"), an agent phrase ("attack by JNIM") or the light verb that carries it
//! ("JNIM launched an attack"); with a possessive determiner, its of-phrase is no source
//! ("leur retrait du Niger").

use sahel_schemas::event::EventType;

use crate::grammar::{Grammar, Words};
use crate::tree::Tree;
use crate::triggers::Pos;
use crate::voice::{is_passive, patient_subject, subjects, undergoes};

/// Relations that open a clause of their own: a phrase below one belongs to that clause.
pub const CLAUSAL: [&str; 7] = ["acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "list"];

/// The head words of a trigger's source and target phrases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleWords {
    /// Source candidates, best first.
    pub source: Vec<usize>,
    /// Target candidates, best first.
    pub target: Vec<usize>,
}

/// The preposition (`case` dependent) of word `w`, lower-cased lemma. A preposition right
/// before the phrase that the parser hung on the phrase's head as a clause marker is the
/// phrase's ("After the coup in Niger, ECOWAS imposed": "After" as `mark` of "imposed").
pub fn case_of(tree: &Tree, w: usize) -> Option<String> {
    let own = tree
        .children(w)
        .iter()
        .copied()
        .find(|&c| tree.base_rel(c) == "case" || tree.base_rel(c) == "mark");
    let stray = || {
        let first = tree.first_of(w);
        let before = first.checked_sub(1)?;
        (tree.head(w).is_some()
            && tree.head(before) == tree.head(w)
            && tree.base_rel(before) == "mark"
            && matches!(tree.upos(before), "ADP" | "SCONJ"))
        .then_some(before)
    };
    own.or_else(stray).map(|c| tree.lemma(c).to_lowercase())
}

/// Whether preposition `p` is the "of" that links a noun to its argument ("the arrest of
/// Bazoum", "l'ouverture d'une enquête", "de terugtrekking van de troepen").
pub fn is_of(p: &str) -> bool {
    matches!(p, "of" | "de" | "d'" | "du" | "des" | "van")
}

/// Whether `n` is a noun's of-phrase ("the head of the delegation", "le chef de la
/// délégation").
pub fn of_phrase(tree: &Tree, n: usize) -> bool {
    tree.base_rel(n) == "nmod" && case_of(tree, n).is_some_and(|p| is_of(&p))
}

/// Source and target phrases of the trigger at `t`.
/// What a noun trigger's "of" phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfPhrase {
    /// Its source ("the withdrawal of French troops").
    Source,
    /// Its target ("the arrest of Bazoum").
    Target,
    /// Its target, unless a phrase names the target beside it ("the attack of the camp";
    /// "de aanval van jihadisten op een kamp").
    SourceBesideTarget,
}

impl OfPhrase {
    /// What the "of" phrase of a noun of type `t` names: the source for some types ("the
    /// withdrawal of French troops" = the troops withdraw), the target for the others ("the
    /// arrest of Bazoum"), but an attack's source beside a phrase naming its target.
    pub fn of_type(t: EventType) -> OfPhrase {
        match t {
            EventType::Assault => OfPhrase::SourceBesideTarget,
            EventType::Retreat
            | EventType::Protest
            | EventType::Mobilize
            | EventType::Consult
            | EventType::Aid
            | EventType::Agree
            | EventType::Cooperate
            | EventType::Demand
            | EventType::Concede => OfPhrase::Source,
            _ => OfPhrase::Target,
        }
    }
}

/// Whether the phrase headed by `c` is a companion of the subject: an adverb of company
/// (`grammar.json` "companion") opens it or stands right before it ("together with Russian
/// mercenaries", "samen met Russische huurlingen"); not a verb's particle ("werkt samen met
/// Rusland": Russia is the partner).
pub(crate) fn companion(tree: &Tree, g: &Grammar, lang: &str, c: usize) -> bool {
    let f = tree.first_of(c);
    [f.checked_sub(1), Some(f)].into_iter().flatten().any(|w| {
        tree.upos(w) == "ADV"
            && tree.base_rel(w) != "compound"
            && g.is(lang, Words::Companion, &tree.lemma(w).to_lowercase())
    })
}

/// Whom the aid named at `t` is for (`grammar.json` "beneficiary"): its phrase "for Niger",
/// "voor Niger", or the of-phrase of "en faveur de", "au profit de"; also such a phrase of
/// the amount it comes in ("a loan of 120 million dollars for Niger").
pub fn beneficiaries(tree: &Tree, g: &Grammar, lang: &str, t: usize) -> Vec<usize> {
    let phrases = |n: usize| tree.children_with(n, &["nmod", "obl"]).collect::<Vec<_>>();
    // (The amount may be read as the noun's object: "a loan of 120 million dollars".)
    let amount = |c: usize| crate::attach::is_amount(tree, g, lang, c);
    let mut around = vec![t];
    around.extend(
        phrases(t)
            .into_iter()
            .chain(tree.children_with(t, &["obj"]))
            .filter(|&c| amount(c)),
    );
    let amounts: Vec<usize> = around.iter().skip(1).copied().collect();
    for a in amounts {
        around.extend(phrases(a).into_iter().filter(|&c| amount(c)));
    }
    let mut out = Vec::new();
    for n in around {
        for c in phrases(n) {
            let Some(p) = case_of(tree, c) else { continue };
            if g.is(lang, Words::Beneficiary, &p) {
                out.push(c);
            } else if g.is(lang, Words::Beneficiary, &tree.lemma(c).to_lowercase()) {
                out.extend(
                    phrases(c)
                        .into_iter()
                        .filter(|&o| case_of(tree, o).is_some_and(|q| is_of(&q))),
                );
            }
        }
    }
    out
}

pub fn roles(tree: &Tree, g: &Grammar, lang: &str, t: usize, pos: Pos, of: OfPhrase) -> RoleWords {
    let mut r = RoleWords::default();
    match pos {
        Pos::Verb => {
            let passive = is_passive(tree, g, lang, t);
            r.source = subjects(tree, g, lang, t, 0);
            for &c in tree.children(t) {
                match tree.rel(c) {
                    "obj" | "iobj" => r.target.push(c),
                    // "heeft Algerije beschuldigd": a bare noun the parser made the
                    // predicate of a trigger without an object is its object.
                    "xcomp"
                        if matches!(tree.upos(c), "NOUN" | "PROPN")
                            && !tree.has_child(c, &["cop", "case", "mark"])
                            && !tree.has_child(t, &["obj"]) =>
                    {
                        r.target.push(c)
                    }
                    "nsubj:pass" if passive => r.target.insert(0, c),
                    "nsubj" if patient_subject(tree, g, lang, t, c) => r.target.insert(0, c),
                    rel if rel.starts_with("obl") && rel != "obl:agent" => {
                        let prep = case_of(tree, c);
                        let agent = passive && prep.as_deref().is_some_and(|p| g.is(lang, Words::Agent, p));
                        if !agent
                            && !companion(tree, g, lang, c)
                            && prep.as_deref().is_some_and(|p| g.is(lang, Words::Target, p))
                        {
                            r.target.push(c);
                        }
                        // "des combats ont éclaté entre l'armée et les rebelles": the sides
                        // of the act, the first its source after what the subject names.
                        if prep.as_deref().is_some_and(|p| g.is(lang, Words::Between, p)) {
                            r.source.push(c);
                            r.target.extend(tree.children_with(c, &["conj"]));
                        }
                    }
                    _ => {}
                }
            }
            // "a été arrêté puis relâché": a passive conjunct's patient is its head's.
            if passive && r.target.is_empty() && tree.rel(t) == "conj" {
                if let Some(h) = tree.head(t) {
                    r.target.extend(tree.children_labelled(h, "nsubj:pass"));
                }
            }
            // "Twintig burgers kwamen om het leven": who undergoes it is the target.
            if undergoes(tree, g, lang, t) {
                let undergoing = std::mem::take(&mut r.source);
                r.target.splice(0..0, undergoing);
            }
            // "Douze soldats sont morts lorsque leur véhicule a sauté sur une mine": who died
            // of the act an adverbial clause tells is its target.
            if let Some(d) = tree
                .head(t)
                .filter(|&d| tree.base_rel(t) == "advcl" && tree.upos(d) == "VERB" && undergoes(tree, g, lang, d))
            {
                let undergoing: Vec<usize> = subjects(tree, g, lang, d, 0).into_iter().collect();
                r.target.splice(0..0, undergoing);
            }
            // A passive participle describing a noun: "the convoy attacked near Gao". (Not
            // the perfect of a relative clause with an object of its own: "a journalist who
            // had criticised Russia" criticised Russia.)
            let perfect = tree.has_child(t, &["aux"]) && tree.has_child(t, &["obj"]);
            if tree.base_rel(t) == "acl"
                && (passive || (tree.has_feat(t, "VerbForm=Part") && tree.has_feat(t, "Tense=Past") && !perfect))
            {
                if let Some(h) = tree.head(t) {
                    r.target.insert(0, h);
                }
            }
        }
        Pos::Noun => {
            // "Teachers are on strike", "Les enseignants sont en grève": the subject of a
            // noun predicate with a preposition is its source.
            // (Of a type whose of-phrase names its source: "is under attack" is done to it.)
            if of == OfPhrase::Source && tree.has_child(t, &["cop"]) && tree.has_child(t, &["case"]) {
                r.source.extend(tree.children_labelled(t, "nsubj"));
            }
            // Adjectives and compounds ("French strikes") come after the possessive, the agent
            // phrase and the light verb's subject.
            let mut modifiers = Vec::new();
            let mut sides = Vec::new();
            // "de aanval van jihadisten op een kamp", "l'attaque des jihadistes contre le
            // camp": before a phrase that names the target, an attack's of-phrase names the
            // source; the parser may hang that phrase on the of-phrase's noun. (After it, it
            // is more often a place: "een aanval op het dorp … in het westen van Burkina
            // Faso".)
            let target_phrase = |n: usize| {
                tree.children(n).iter().copied().find(|&c| {
                    tree.rel(c).starts_with("nmod") && case_of(tree, c).is_some_and(|p| g.is(lang, Words::Target, &p))
                })
            };
            let of_is_source = of == OfPhrase::Source
                || of == OfPhrase::SourceBesideTarget
                    && tree.children(t).iter().any(|&c| {
                        tree.rel(c).starts_with("nmod")
                            && case_of(tree, c).is_some_and(|p| is_of(&p))
                            && (target_phrase(t).is_some_and(|p| c < p) || target_phrase(c).is_some())
                    });
            let possessed = tree.children_labelled(t, "det").any(|d| tree.has_feat(d, "Poss=Yes"));
            for &c in tree.children(t) {
                let prep = case_of(tree, c);
                match tree.rel(c) {
                    "nmod:poss" => r.source.push(c),
                    // "The attack, which was claimed by JNIM,", "l'attaque, revendiquée par
                    // le JNIM,", "attacks attributed to JNIM": who claims the act, or whom it is
                    // put down to, did it; and "The drone strike, carried out by the Malian air
                    // force,", "l'opération, menée par l'armée,": so did the agent of a light
                    // verb's participle on the act.
                    rel if rel.starts_with("acl")
                        && (g.is(lang, Words::Claim, &tree.lemma(c).to_lowercase())
                            || g.is(lang, Words::Light, &tree.lemma(c).to_lowercase())) =>
                    {
                        // (Only a claim's to-phrase names a doer.)
                        let claim = g.is(lang, Words::Claim, &tree.lemma(c).to_lowercase());
                        r.source.extend(tree.children(c).iter().copied().filter(|&a| {
                            tree.rel(a) == "obl:agent"
                                || (tree.base_rel(a) == "obl"
                                    && case_of(tree, a).is_some_and(|p| {
                                        g.is(lang, Words::Agent, &p) || (claim && g.is(lang, Words::Target, &p))
                                    }))
                        }));
                    }
                    "amod" | "compound" | "flat" => modifiers.push(c),
                    rel if rel.starts_with("nmod") => {
                        let p = prep.unwrap_or_default();
                        if g.is(lang, Words::Agent, &p) {
                            r.source.insert(0, c);
                        } else if g.is(lang, Words::Between, &p) {
                            sides.push(c);
                            sides.extend(tree.children_with(c, &["conj"]));
                        } else if is_of(&p) {
                            // ("leur retrait du Niger": a noun its possessive determiner owns
                            // has its source; its of-phrase is no second one.)
                            if of_is_source && possessed {
                                continue;
                            }
                            if of_is_source {
                                r.source.push(c);
                                r.target.extend(target_phrase(c));
                            } else {
                                r.target.push(c);
                            }
                        } else if g.is(lang, Words::Target, &p) {
                            r.target.push(c);
                        }
                    }
                    _ => {}
                }
            }
            // "JNIM launched an attack": the light verb's subject is the source.
            if let Some(h) = crate::attach::carrier_verb(tree, g, lang, t) {
                let subj = subjects(tree, g, lang, h, 0);
                r.source.extend(subj.into_iter().filter(|&s| s != t));
                // "imposed sanctions on Niger": the light verb's target oblique; "fighting
                // erupted between the army and rebels": its sides, as a verb's.
                for &c in tree.children(h) {
                    let case = case_of(tree, c);
                    if tree.base_rel(c) == "obl" && case.as_deref().is_some_and(|p| g.is(lang, Words::Target, p)) {
                        r.target.push(c);
                    }
                    if tree.base_rel(c) == "obl" && case.as_deref().is_some_and(|p| g.is(lang, Words::Between, p)) {
                        r.source.push(c);
                        r.target.extend(tree.children_with(c, &["conj"]));
                    }
                }
            }
            // "Twelve people died in a bomb blast": who died is the target of the event named
            // in the oblique of a verb of dying.
            // They come first: "died in an attack on the village of Solenzo" was done to them,
            // the village is where.
            if let Some(h) = crate::attach::undergone_in(tree, g, lang, t) {
                let undergoing: Vec<usize> = subjects(tree, g, lang, h, 0).into_iter().filter(|&s| s != t).collect();
                r.target.splice(0..0, undergoing);
            }
            // "The attack left 14 soldiers dead", "a bomb hit a convoy": the victims a verb of
            // toll takes, as its object or dative, are its subject event's target (an oblique
            // only with a preposition of target: "on the road near Gao" is where).
            if let Some(h) = crate::attach::toll_verb(tree, g, lang, t) {
                r.target
                    .extend(tree.children(h).iter().copied().filter(|&c| match tree.base_rel(c) {
                        "obj" | "iobj" => true,
                        "obl" => case_of(tree, c).is_some_and(|p| g.is(lang, Words::Target, &p)),
                        _ => false,
                    }));
            }
            // "Morocco offered Mali military support", "ECOWAS threatened sanctions": a noun
            // without a source of its own, the object of a verb of planning, is planned by
            // that verb's subject, for the one its indirect object names.
            if let Some(h) = tree.head(t).filter(|&h| {
                r.source.is_empty()
                    && tree.base_rel(t) == "obj"
                    && tree.upos(h) == "VERB"
                    && g.is(lang, Words::Plan, &tree.lemma(h).to_lowercase())
            }) {
                r.source
                    .extend(subjects(tree, g, lang, h, 0).into_iter().filter(|&s| s != t));
                r.target.extend(tree.children_with(h, &["iobj"]));
            }
            // "Des affrontements ont opposé l'armée aux rebelles": the verb sets its object
            // against its oblique as the noun's two sides.
            if let Some(h) = tree
                .head(t)
                .filter(|&h| r.source.is_empty() && tree.base_rel(t) == "nsubj" && tree.upos(h) == "VERB")
            {
                let lemma = tree.lemma(h).to_lowercase();
                let against = tree.children(h).iter().copied().find(|&c| {
                    tree.base_rel(c) == "obl"
                        && case_of(tree, c).is_some_and(|p| g.is(lang, Words::Opposing, &format!("{lemma} {p}")))
                });
                if let Some(a) = against {
                    r.source.extend(tree.children_with(h, &["obj"]));
                    r.target.push(a);
                }
            }
            // "s'est rendu à Bamako pour une médiation entre le Mali et l'Algérie",
            // "travelled to Doha for talks": who goes for an act does it (`grammar.json`
            // "purpose", "motion").
            let going = tree.head(t).filter(|&h| {
                tree.upos(h) == "VERB"
                    && tree.base_rel(t).starts_with("obl")
                    && case_of(tree, t).is_some_and(|p| g.is(lang, Words::Purpose, &p))
                    && g.is(lang, Words::Motion, &tree.lemma(h).to_lowercase())
            });
            if let Some(h) = going.filter(|_| r.source.is_empty()) {
                r.source.extend(subjects(tree, g, lang, h, 0));
            }
            // "cooperation between Russia and Niger": one side each; "a mediation effort
            // between Chad and Sudan" that Qatar launched: both sides are its targets.
            if let Some((&first, rest)) = sides.split_first() {
                if r.source.is_empty() {
                    r.source.push(first);
                    r.target.extend(rest);
                } else {
                    r.target.extend(&sides);
                }
            }
            r.source.extend(modifiers);
        }
    }
    r
}

#[cfg(test)]
#[path = "roles_tests.rs"]
mod tests;
