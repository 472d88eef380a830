//! Tests of `roles.rs`: source and target phrases read off parsed sentences.

use super::*;

fn forms(tree: &Tree, ws: &[usize]) -> Vec<String> {
    ws.iter().map(|&w| tree.lower(w).to_owned()).collect()
}

fn at(tree: &Tree, w: &str) -> usize {
    (0..tree.len()).find(|&i| tree.lower(i) == w).expect("word")
}

#[test]
fn a_subject_beside_a_passive_auxiliary_is_the_patient() {
    let g = Grammar::embedded().expect("grammar");
    // "worden" makes a passive: the subject is who is held, no source.
    let t = Tree::from_rows(&[
        "Hij hij PRON 3 nsubj",
        "wordt worden AUX 3 aux:pass",
        "vastgehouden vast_houden VERB 0 root",
    ]);
    let r = roles(&t, &g, "nl", 2, Pos::Verb, OfPhrase::Target);
    assert_eq!(
        (forms(&t, &r.source), forms(&t, &r.target)),
        (vec![], vec!["hij".to_owned()])
    );
    // "zijn" is also the perfect of verbs of motion: France left.
    let t = Tree::from_rows(&[
        "Frankrijk Frankrijk PROPN 3 nsubj",
        "is zijn AUX 3 aux:pass",
        "vertrokken vertrekken VERB 0 root",
    ]);
    let r = roles(&t, &g, "nl", 2, Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["frankrijk"]);
    // Of a verb that is no verb of motion, "zijn" labelled a passive auxiliary makes one.
    let t = Tree::from_rows(&[
        "Betogers betoger NOUN 3 nsubj",
        "zijn zijn AUX 3 aux:pass",
        "gearresteerd arresteren VERB 0 root",
    ]);
    let r = roles(&t, &g, "nl", 2, Pos::Verb, OfPhrase::Target);
    assert_eq!(
        (forms(&t, &r.source), forms(&t, &r.target)),
        (vec![], vec!["betogers".to_owned()])
    );
}

#[test]
fn subjects_objects_passives_and_control() {
    let g = Grammar::embedded().expect("grammar");
    let t = Tree::parse("en", "Gunmen attacked the convoy.").expect("parse");
    let r = roles(&t, &g, "en", at(&t, "attacked"), Pos::Verb, OfPhrase::Target);
    assert_eq!(
        (forms(&t, &r.source), forms(&t, &r.target)),
        (vec!["gunmen".to_owned()], vec!["convoy".to_owned()])
    );

    let t = Tree::parse("en", "The convoy was attacked by jihadists near Gao.").expect("parse");
    let r = roles(&t, &g, "en", at(&t, "attacked"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["jihadists"]);
    assert_eq!(forms(&t, &r.target), ["convoy"]);

    let t = Tree::parse("en", "Washington agreed to withdraw its troops.").expect("parse");
    let r = roles(&t, &g, "en", at(&t, "withdraw"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["washington"]);

    // Object control: "stop X from", "prevent X from".
    let s = "The base does not stop the terrorists from killing our soldiers.";
    let t = Tree::parse("en", s).expect("parse");
    let r = roles(&t, &g, "en", at(&t, "killing"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["terrorists"]);

    // A stance stated by a participle: its subject is the source, unless an agent is named.
    let t = Tree::parse("en", "Mali is opposed to the deployment.").expect("parse");
    let r = roles(&t, &g, "en", at(&t, "opposed"), Pos::Verb, OfPhrase::Target);
    assert_eq!(
        (forms(&t, &r.source), forms(&t, &r.target)),
        (vec!["mali".to_owned()], vec!["deployment".to_owned()])
    );
    let t = Tree::parse("en", "The deployment was opposed by Mali.").expect("parse");
    let r = roles(&t, &g, "en", at(&t, "opposed"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["mali"]);
    assert_eq!(forms(&t, &r.target), ["deployment"]);

    // A past participle alone beside a noun tells what was done to it, unless its verb
    // takes no object.
    let t = Tree::parse("fr", "L'ancien président, renversé en juillet, reste détenu.").expect("parse");
    let r = roles(&t, &g, "fr", at(&t, "renversé"), Pos::Verb, OfPhrase::Target);
    assert_eq!(
        (r.source.len(), forms(&t, &r.target)),
        (0, vec!["président".to_owned()])
    );
    let t = Tree::parse("fr", "Les soldats arrivés hier ont quitté la ville.").expect("parse");
    let r = roles(&t, &g, "fr", at(&t, "arrivés"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["soldats"]);

    // A name set off by commas that the parser joined to a fronted date: the subject.
    let t = Tree::parse("en", "On Friday, Chad, along with Niger, rejected the plan.").expect("parse");
    let r = roles(&t, &g, "en", at(&t, "rejected"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["chad"], "{:?}", t.sentence());
    // A verb tensed by its auxiliary ("Chad" again a conjunct of "Monday").
    let t = Tree::parse("en", "On Monday, Chad, like Niger, will close its border.").expect("parse");
    let r = roles(&t, &g, "en", at(&t, "close"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["chad"], "{:?}", t.sentence());
}

#[test]
fn an_aim_hung_on_a_place_is_the_verbs() {
    let g = Grammar::embedded().expect("grammar");
    let s = "On April 13, thousands of people demonstrated in the Nigerien capital to demand the departure of American troops.";
    let t = Tree::parse("en", s).expect("parse");
    let r = roles(&t, &g, "en", at(&t, "demand"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["thousands"]);
}

#[test]
fn nouns_take_possessives_agents_and_light_verbs() {
    let g = Grammar::embedded().expect("grammar");
    let t = Tree::parse("en", "JNIM launched an attack on the army base.").expect("parse");
    let r = roles(&t, &g, "en", at(&t, "attack"), Pos::Noun, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["jnim"]);
    assert_eq!(forms(&t, &r.target), ["base"]);
}

#[test]
fn an_attacks_of_phrase_beside_its_target_is_the_attacker() {
    let g = Grammar::embedded().expect("grammar");
    // As the Dutch model parses "de aanval van jihadisten op een kamp": the target phrase
    // hung on the of-phrase's noun.
    let t = Tree::from_rows(&[
        "de de DET 2 det",
        "aanval aanval NOUN 0 root",
        "van van ADP 4 case",
        "jihadisten jihadist NOUN 2 nmod",
        "op op ADP 7 case",
        "een een DET 7 det",
        "kamp kamp NOUN 4 nmod",
    ]);
    let r = roles(&t, &g, "nl", 1, Pos::Noun, OfPhrase::SourceBesideTarget);
    assert_eq!(forms(&t, &r.source), ["jihadisten"]);
    assert_eq!(forms(&t, &r.target), ["kamp"]);
    // After the target phrase, it is a place's: "de aanval op het kamp … van Burkina Faso".
    let t = Tree::from_rows(&[
        "de de DET 2 det",
        "aanval aanval NOUN 0 root",
        "op op ADP 4 case",
        "kamp kamp NOUN 2 nmod",
        "van van ADP 6 case",
        "Burkina Burkina PROPN 2 nmod",
    ]);
    let r = roles(&t, &g, "nl", 1, Pos::Noun, OfPhrase::SourceBesideTarget);
    assert!(r.source.is_empty(), "{:?}", forms(&t, &r.source));
    // Alone, it is what is attacked: "de aanval van het kamp".
    let t = Tree::from_rows(&[
        "de de DET 2 det",
        "aanval aanval NOUN 0 root",
        "van van ADP 4 case",
        "kamp kamp NOUN 2 nmod",
    ]);
    let r = roles(&t, &g, "nl", 1, Pos::Noun, OfPhrase::SourceBesideTarget);
    assert_eq!(forms(&t, &r.target), ["kamp"]);
    assert!(r.source.is_empty());
}

#[test]
fn a_relative_pronoun_of_a_joined_relative_clause_stands_for_the_name_its_noun_describes() {
    let g = Grammar::embedded().expect("grammar");
    // "A power that did not colonize Africa and that trained soldiers, Russia offers …",
    // after the repair that makes "power" the apposition of "Russia".
    let t = Tree::from_rows(&[
        "A a DET 2 det",
        "power power NOUN 10 appos",
        "that that PRON|PronType=Rel 5 nsubj",
        "not not PART 5 advmod",
        "colonized colonize VERB|VerbForm=Fin 2 acl:relcl",
        "and and CCONJ 8 cc",
        "that that PRON|PronType=Rel 8 nsubj",
        "trained train VERB|VerbForm=Fin 5 conj",
        "soldiers soldier NOUN 8 obj",
        "Russia Russia PROPN 11 nsubj",
        "offers offer VERB|VerbForm=Fin 0 root",
    ]);
    let r = roles(&t, &g, "en", at(&t, "trained"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["russia"]);
    let r = roles(&t, &g, "en", at(&t, "colonized"), Pos::Verb, OfPhrase::Target);
    assert_eq!(forms(&t, &r.source), ["russia"]);
}
