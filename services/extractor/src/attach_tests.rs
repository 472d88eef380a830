//! Tests of what belongs to which event ([`super`]).

use super::*;

fn at(tree: &Tree, w: &str) -> usize {
    (0..tree.len()).find(|&i| tree.lower(i) == w).expect("word")
}

#[test]
fn a_date_belongs_to_the_clause_it_modifies() {
    let t = Tree::parse(
        "en",
        "On Monday, the general who took power four months ago received the Russian deputy defence minister.",
    )
    .expect("parse");
    let received = at(&t, "received");
    let took = at(&t, "took");
    let triggers = [received];
    assert_eq!(predicate_of(&t, &triggers, at(&t, "monday")), Some(received));
    assert_eq!(predicate_of(&t, &triggers, at(&t, "ago")), Some(took));
}

#[test]
fn a_date_in_a_frame_clause_is_not_the_acts() {
    let g = Grammar::embedded().expect("grammar");
    // Rows "form upos head deprel", the lemma the form.
    let tree = |rows: &[&str]| {
        let rows: Vec<String> = rows
            .iter()
            .map(|r| {
                let form = r.split(' ').next().unwrap_or_default();
                format!("{form} {r}")
            })
            .collect();
        Tree::from_rows(&rows.iter().map(String::as_str).collect::<Vec<_>>())
    };
    // As the parser hung it: the frame clause headed by the day, the coup its subject.
    let t = tree(&[
        "After SCONJ 6 mark",
        "the DET 3 det",
        "coup NOUN 6 nsubj",
        "on ADP 5 case",
        "July PROPN 6 nmod:unmarked",
        "26 NUM 10 advcl",
        ", PUNCT 10 punct",
        "the DET 9 det",
        "junta NOUN 10 nsubj",
        "denounced VERB 0 root",
        "the DET 12 det",
        "accord NOUN 10 obj",
        ". PUNCT 10 punct",
    ]);
    assert!(!attached(&t, &g, "en", &[9], 5, 9, &[]), "the day is the coup's");
    assert!(!attached(&t, &g, "en", &[9], 4, 9, &[]));
    let t = tree(&[
        "The DET 2 det",
        "junta NOUN 3 nsubj",
        "denounced VERB 0 root",
        "the DET 5 det",
        "accord NOUN 3 obj",
        "on ADP 7 case",
        "July PROPN 3 obl",
        "26 NUM 7 nummod",
        ". PUNCT 3 punct",
    ]);
    assert!(attached(&t, &g, "en", &[2], 6, 2, &[]));
    // Below a noun of context: the month is the coup's.
    let t = tree(&[
        "Washington PROPN 2 nsubj",
        "suspended VERB 0 root",
        "aid NOUN 2 obj",
        "after ADP 6 case",
        "the DET 6 det",
        "coup NOUN 2 obl",
        "of ADP 8 case",
        "September PROPN 6 nmod",
        "2022 NUM 8 nummod",
        ". PUNCT 2 punct",
    ]);
    assert!(!attached(&t, &g, "en", &[1], 7, 1, &[]));
}

#[test]
fn what_an_act_is_for_is_an_aim() {
    let g = Grammar::embedded().expect("grammar");
    let aim = |lang: &str, s: &str, w: &str| {
        let t = Tree::parse(lang, s).expect("parse");
        aimed(&t, &g, lang, at(&t, w))
    };
    assert!(aim(
        "en",
        "The juntas turned to Russia to fight the insurgency.",
        "fight"
    ));
    assert!(aim(
        "en",
        "We came here to develop military cooperation.",
        "cooperation"
    ));
    assert!(aim(
        "fr",
        "Le Niger a acheté des drones pour combattre les jihadistes.",
        "combattre"
    ));
    assert!(aim(
        "nl",
        "Het leger stuurde soldaten om de rebellen te bestrijden.",
        "bestrijden"
    ));
    assert!(!aim("en", "The army fought the insurgents to the north.", "fought"));
    assert!(!aim("en", "The army agreed to withdraw its troops.", "withdraw"));
    // What a thing is for: an infinitive hung on a noun.
    assert!(aim("en", "Mali set up a force to fight the jihadists.", "fight"));
}

#[test]
fn modality_from_the_trigger_and_its_clause() {
    let g = Grammar::embedded().expect("grammar");
    let m = |s: &str, w: &str, lang: &str| {
        let t = Tree::parse(lang, s).expect("parse");
        modality(&t, &g, lang, at(&t, w), false)
    };
    assert_eq!(
        m("The police did not arrest anyone.", "arrest", "en"),
        Modality::Negated
    );
    assert_eq!(
        m("Macron refused to withdraw the troops.", "withdraw", "en"),
        Modality::Negated
    );
    assert_eq!(
        m("ECOWAS could impose sanctions.", "impose", "en"),
        Modality::Hypothetical
    );
    assert_eq!(
        m("The US will withdraw its troops.", "withdraw", "en"),
        Modality::Planned
    );
    assert_eq!(
        m("Niger decided to expel the ambassador.", "expel", "en"),
        Modality::Planned
    );
    // "would" in a reported statement is that statement's future; alone, a possibility.
    assert_eq!(
        m("The UN said it would investigate the shelling.", "investigate", "en"),
        Modality::Planned
    );
    assert_eq!(
        m("Such a move would isolate the junta.", "isolate", "en"),
        Modality::Hypothetical
    );
    assert_eq!(
        m("Gunmen attacked a convoy, the army said.", "attacked", "en"),
        Modality::Reported
    );
    // An event noun an adjective puts before the news ("previous protests").
    assert_eq!(
        m(
            "Unlike previous protests, the march was aimed at the United States.",
            "protests",
            "en"
        ),
        Modality::Background
    );
    assert_eq!(
        m(
            "Les manifestations précédentes visaient la France.",
            "manifestations",
            "fr"
        ),
        Modality::Background
    );
    assert_eq!(
        m("L'armée n'a pas attaqué le village.", "attaqué", "fr"),
        Modality::Negated
    );
    assert_eq!(
        m("De troepen zullen het land verlaten.", "verlaten", "nl"),
        Modality::Planned
    );
    assert_eq!(
        m(
            "Russia offers weapons without demanding accountability.",
            "demanding",
            "en"
        ),
        Modality::Negated
    );
    // What was prevented did not happen, unless the prevention is denied.
    let s = "The army prevented the jihadists from attacking the convoy.";
    assert_eq!(m(s, "attacking", "en"), Modality::Negated);
    let s = "The base did not prevent the jihadists from attacking the convoy.";
    assert_eq!(m(s, "attacking", "en"), Modality::Asserted);
    // The writer's judgement: possible, not stated by the actor.
    let s = "In any case, the people of Niger seem ready to fight with France.";
    assert_eq!(m(s, "fight", "en"), Modality::Hypothetical);
    let t = Tree::parse("en", s).expect("parse");
    assert!(hedged(&t, &g, "en", at(&t, "fight")));
    // A modal verb the trigger completes; "devoir" + infinitive is what is scheduled.
    assert_eq!(
        m("Bamako pourrait demander des armes à la Russie.", "demander", "fr"),
        Modality::Hypothetical
    );
    assert_eq!(
        m("Dakar et Bamako doivent tenir jeudi une réunion.", "réunion", "fr"),
        Modality::Planned
    );
    // A plan's object is planned; a noun in its oblique is the plan's circumstance.
    let s = "The army agreed to withdraw its troops at the request of the government.";
    assert_eq!(m(s, "request", "en"), Modality::Asserted);
    assert_eq!(m(s, "withdraw", "en"), Modality::Planned);
}

#[test]
fn the_content_of_a_demand_is_not_an_event() {
    let t = Tree::parse("en", "Protesters demanded the withdrawal of French troops.").expect("parse");
    let d = at(&t, "demanded");
    let w = at(&t, "withdrawal");
    let triggers = [(d, EventType::Demand), (w, EventType::Retreat)];
    assert_eq!(content_of(&t, &triggers, w), Some(d));
    assert_eq!(content_of(&t, &triggers, d), None);
    // A relation ended is the ending's content; a relation begun is an event.
    for (lang, text, verb, noun) in [
        (
            "en",
            "Niger suspended its military cooperation with France.",
            "suspended",
            "cooperation",
        ),
        (
            "nl",
            "Niger maakte een einde aan de militaire samenwerking.",
            "maakte",
            "samenwerking",
        ),
    ] {
        let t = Tree::parse(lang, text).expect("parse");
        let (v, n) = (at(&t, verb), at(&t, noun));
        let ended = [(v, EventType::Sanction), (n, EventType::Cooperate)];
        assert_eq!(content_of(&t, &ended, n), Some(v), "{text}");
        let begun = [(v, EventType::Agree), (n, EventType::Cooperate)];
        assert_eq!(content_of(&t, &begun, n), None, "{text}");
    }
}

#[test]
fn what_the_dead_met_in_a_when_clause_is_what_they_died_of() {
    let g = crate::grammar::Grammar::embedded().expect("grammar");
    // "Twelve soldiers died when their convoy hit a landmine", parsed right.
    let t = Tree::from_rows(&[
        "Twelve twelve NUM 2 nummod",
        "soldiers soldier NOUN 3 nsubj",
        "died die VERB|VerbForm=Fin 0 root",
        "when when SCONJ 7 mark",
        "their their PRON 6 nmod:poss",
        "convoy convoy NOUN 7 nsubj",
        "hit hit VERB|VerbForm=Fin 3 advcl",
        "a a DET 9 det",
        "landmine landmine NOUN 7 obj",
    ]);
    assert_eq!(undergone_in(&t, &g, "en", 8), Some(2));
    // Not when the main verb is no dying: "soldiers waited when their convoy hit a landmine".
    let t = Tree::from_rows(&[
        "soldiers soldier NOUN 2 nsubj",
        "waited wait VERB|VerbForm=Fin 0 root",
        "when when SCONJ 5 mark",
        "convoy convoy NOUN 5 nsubj",
        "hit hit VERB|VerbForm=Fin 2 advcl",
        "landmine landmine NOUN 5 obj",
    ]);
    assert_eq!(undergone_in(&t, &g, "en", 5), None);
}
