//! Tests of the subject repairs ([`super`]) that came with sentences written for them, each on
//! rows as the models parse them (`Tree::from_rows` applies every repair).

use crate::tree::Tree;

#[test]
fn a_common_noun_phrase_set_before_a_name_is_its_apposition() {
    // "A power that trained soldiers, Russia offers weapons."
    let t = Tree::from_rows(&[
        "A a DET 2 det",
        "power power NOUN 8 nsubj",
        "that that PRON|PronType=Rel 4 nsubj",
        "trained train VERB|VerbForm=Fin 2 acl:relcl",
        "soldiers soldier NOUN 4 obj",
        ", , PUNCT 7 punct",
        "Russia Russia PROPN 8 nsubj",
        "offers offer VERB|VerbForm=Fin 0 root",
        "weapons weapon NOUN 8 obj",
    ]);
    assert_eq!((t.head(1), t.rel(1)), (Some(6), "appos"));
    assert_eq!((t.head(6), t.rel(6)), (Some(7), "nsubj"));
    // Two names stay two subjects for the other repairs to read.
    let t = Tree::from_rows(&[
        "Mali Mali PROPN 4 nsubj",
        ", , PUNCT 3 punct",
        "Russia Russia PROPN 4 nsubj",
        "signed sign VERB|VerbForm=Fin 0 root",
    ]);
    assert_ne!(t.rel(0), "appos");
}

#[test]
fn a_phrase_before_a_subjectless_finite_clause_is_its_subject() {
    // "recalled their ambassadors after a drone was shot down"
    let rows = [
        "Mali Mali PROPN 2 nsubj",
        "recalled recall VERB|VerbForm=Fin 0 root",
        "ambassadors ambassador NOUN 2 obj",
        "after after ADP 6 case",
        "a a DET 6 det",
        "drone drone NOUN 3 nmod",
        "was be AUX|VerbForm=Fin 8 aux:pass",
        "shot shoot VERB|VerbForm=Part 2 advcl",
    ];
    let t = Tree::from_rows(&rows);
    assert_eq!((t.head(5), t.rel(5)), (Some(7), "nsubj:pass"));
    assert_eq!((t.head(3), t.rel(3)), (Some(7), "mark"));
    assert!(
        !t.shares_head_clause(7),
        "a finite subordinate clause is a clause of its own"
    );
    // Without a finite auxiliary, the participle describes the noun ("a drone shot down").
    let mut rows = rows;
    rows[6] = "was be AUX|VerbForm=Part 8 aux:pass";
    let t = Tree::from_rows(&rows);
    assert_eq!(t.rel(5), "nmod");
    // A finite verb without an auxiliary: "recalled its ambassador after Bamako accused it".
    let t = Tree::from_rows(&[
        "Algeria Algeria PROPN 2 nsubj",
        "recalled recall VERB|VerbForm=Fin 0 root",
        "ambassador ambassador NOUN 2 obj",
        "after after ADP 5 case",
        "Bamako Bamako PROPN 3 nmod",
        "accused accuse VERB|VerbForm=Fin 2 advcl",
        "it it PRON 6 obj",
    ]);
    assert_eq!((t.head(4), t.rel(4)), (Some(5), "nsubj"));
    assert_eq!((t.head(3), t.rel(3)), (Some(5), "mark"));
    // An untensed verb is no clause of its own ("after talks aimed at peace").
    let t = Tree::from_rows(&[
        "Algeria Algeria PROPN 2 nsubj",
        "recalled recall VERB|VerbForm=Fin 0 root",
        "ambassador ambassador NOUN 2 obj",
        "after after ADP 5 case",
        "talks talk NOUN 3 nmod",
        "aimed aim VERB|VerbForm=Part 2 advcl",
    ]);
    assert_eq!(t.rel(4), "nmod");
    // Nor is a finite verb without an object: "kept its border with Benin closed".
    let t = Tree::from_rows(&[
        "Niger Niger PROPN 2 nsubj",
        "kept keep VERB|VerbForm=Fin 0 root",
        "border border NOUN 2 obj",
        "with with ADP 5 case",
        "Benin Benin PROPN 3 nmod",
        "closed close VERB|VerbForm=Fin 2 advcl",
    ]);
    assert_eq!(t.rel(4), "nmod");
    // A date is no subject: "… in February were expelled".
    let t = Tree::from_rows(&[
        "Mali Mali PROPN 2 nsubj",
        "recalled recall VERB|VerbForm=Fin 0 root",
        "ambassadors ambassador NOUN 2 obj",
        "in in ADP 5 case",
        "February February PROPN 2 obl",
        "were be AUX|VerbForm=Fin 7 aux:pass",
        "expelled expel VERB|VerbForm=Part 2 advcl",
    ]);
    assert_eq!(t.rel(4), "obl");
}

#[test]
fn a_noun_phrase_before_a_subjectless_conjoined_clause_is_its_subject() {
    // "Un convoi a été attaqué près de Kayes et huit chauffeurs ont été tués"
    let rows = [
        "convoi convoi NOUN 4 nsubj:pass",
        "a avoir AUX|VerbForm=Fin 4 aux:tense",
        "été être AUX|VerbForm=Part 4 aux:pass",
        "attaqué attaquer VERB|VerbForm=Part 0 root",
        "près près ADV 4 obl:arg",
        "de de ADP 7 case",
        "Kayes Kayes PROPN 5 obl:arg",
        "et et CCONJ 10 cc",
        "huit huit NUM 10 nummod",
        "chauffeurs chauffeur NOUN 7 conj",
        "ont avoir AUX|VerbForm=Fin 13 aux:tense",
        "été être AUX|VerbForm=Part 13 aux:pass",
        "tués tuer VERB|VerbForm=Part 4 conj",
    ];
    let t = Tree::from_rows(&rows);
    assert_eq!((t.head(9), t.rel(9)), (Some(12), "nsubj:pass"));
    assert_eq!((t.head(7), t.rel(7)), (Some(12), "cc"));
    // Without a finite auxiliary the verb shares the first clause's subject.
    let mut rows = rows;
    rows[10] = "ont avoir AUX|VerbForm=Part 13 aux:tense";
    let t = Tree::from_rows(&rows);
    assert_eq!(t.rel(9), "conj");
}

#[test]
fn a_subject_hung_on_a_noun_is_its_verbs() {
    // "De leiders hebben de sancties opgeheven", parsed with "leiders" the subject of
    // "sancties".
    let t = Tree::from_rows(&[
        "De de DET 2 det",
        "leiders leider NOUN 5 nsubj",
        "hebben hebben AUX|VerbForm=Fin 6 aux",
        "de de DET 5 det",
        "sancties sanctie NOUN 6 nsubj:pass",
        "opgeheven op_heffen VERB|VerbForm=Part 0 root",
    ]);
    assert_eq!((t.head(1), t.rel(1)), (Some(5), "nsubj"));
    assert_eq!((t.head(4), t.rel(4)), (Some(5), "obj"));
    // A verb with a subject of its own keeps it.
    let t = Tree::from_rows(&[
        "De de DET 2 det",
        "leiders leider NOUN 5 nsubj",
        "Niger Niger PROPN 6 nsubj",
        "heeft hebben AUX|VerbForm=Fin 6 aux",
        "sancties sanctie NOUN 6 obj",
        "opgeheven op_heffen VERB|VerbForm=Part 0 root",
    ]);
    assert_eq!(t.head(1), Some(4), "the verb keeps its own subject");
}

#[test]
fn a_noun_after_a_conjunct_with_nothing_fronted_is_its_object() {
    // "vielen het dorp binnen en doodden tientallen inwoners": "doodden" hung on the particle.
    let rows = [
        "mannen man NOUN 2 nsubj",
        "vielen vallen VERB|VerbForm=Fin 0 root",
        "dorp dorp NOUN 2 obj",
        "binnen binnen ADP 2 compound:prt",
        "en en CCONJ 6 cc",
        "doodden doden VERB|VerbForm=Fin 4 conj",
        "tientallen tiental NOUN 6 nsubj",
    ];
    let t = Tree::from_rows(&rows);
    assert_eq!((t.head(5), t.rel(5)), (Some(1), "conj"));
    assert_eq!((t.head(6), t.rel(6)), (Some(5), "obj"));
    // "en daarbij kwamen tientallen burgers om": with a phrase in front, the subject stays.
    let t = Tree::from_rows(&[
        "leger leger NOUN 2 nsubj",
        "viel vallen VERB|VerbForm=Fin 0 root",
        "kamp kamp NOUN 2 obj",
        "en en CCONJ 6 cc",
        "daarbij daarbij ADV 6 advmod",
        "kwamen komen VERB|VerbForm=Fin 2 conj",
        "burgers burger NOUN 6 nsubj",
    ]);
    assert_eq!(t.rel(6), "nsubj");
}

#[test]
fn a_counted_noun_read_as_an_oblique_of_a_subjectless_verb_is_its_subject() {
    // "zijn zaterdag twintig burgers omgekomen"
    let rows = [
        "zijn zijn AUX|VerbForm=Fin 5 aux",
        "zaterdag zaterdag PROPN 5 obl",
        "twintig twintig NUM 4 nummod",
        "burgers burger NOUN 5 obl",
        "omgekomen om_komen VERB|VerbForm=Part 0 root",
    ];
    let t = Tree::from_rows(&rows);
    assert_eq!(t.rel(3), "nsubj");
    assert_eq!(t.rel(1), "obl", "a weekday is a date");
    // "drie dagen" counts time.
    let mut rows = rows;
    rows[3] = "dagen dag NOUN 5 obl";
    let t = Tree::from_rows(&rows);
    assert_eq!(t.rel(3), "obl");
}

#[test]
fn a_phrase_glued_to_the_object_after_a_fronted_date_makes_subject_and_object() {
    // "Medio augustus arresteerde de junta drie oppositieleiders."
    let t = Tree::from_rows(&[
        "Medio Medio PROPN 3 nsubj",
        "augustus augustus PROPN 1 flat",
        "arresteerde arresteren VERB|VerbForm=Fin 0 root",
        "de de DET 5 det",
        "junta junta NOUN 3 obj",
        "drie drie NUM 7 nummod",
        "oppositieleiders oppositieleider NOUN 5 nmod",
    ]);
    assert_eq!((t.head(4), t.rel(4)), (Some(2), "nsubj"));
    assert_eq!((t.head(6), t.rel(6)), (Some(2), "obj"));
    assert_eq!(
        (t.head(0), t.rel(0)),
        (Some(2), "obl"),
        "the date is the verb's oblique"
    );
    // With a subject that is no date, the object keeps its modifier.
    let t = Tree::from_rows(&[
        "Mali Mali PROPN 2 nsubj",
        "arresteerde arresteren VERB|VerbForm=Fin 0 root",
        "de de DET 4 det",
        "junta junta NOUN 2 obj",
        "drie drie NUM 6 nummod",
        "oppositieleiders oppositieleider NOUN 4 nmod",
    ]);
    assert_eq!(t.head(5), Some(3));
}

#[test]
fn a_date_read_as_the_subject_gives_way_to_the_phrase_before_the_verb() {
    // "Last Thursday, Chadian troops clashed with Boko Haram fighters."
    let t = Tree::from_rows(&[
        "Last last ADJ 2 amod",
        "Thursday Thursday PROPN 6 nsubj",
        ", , PUNCT 5 punct",
        "Chadian Chadian ADJ 5 amod",
        "troops troops NOUN 6 obj",
        "clashed clash VERB|VerbForm=Fin 0 root",
        "with with ADP 8 case",
        "fighters fighter NOUN 6 obl",
    ]);
    assert_eq!((t.head(4), t.rel(4)), (Some(5), "nsubj"));
    assert_eq!((t.head(1), t.rel(1)), (Some(5), "obl"));
}

#[test]
fn a_dutch_weekday_read_as_the_subject_gives_way_to_the_bare_phrase_after_the_verb() {
    // "Vrijdag gingen duizenden mensen de straat op."
    let t = Tree::from_rows(&[
        "Vrijdag Vrijdag PROPN 2 nsubj",
        "gingen gaan VERB|VerbForm=Fin 0 root",
        "duizenden duizend NUM 2 obl",
        "mensen mens NOUN 3 nmod",
        "de de DET 6 det",
        "straat straat NOUN 2 obj",
        "op op ADP 2 compound:prt",
    ]);
    assert_eq!((t.head(2), t.rel(2)), (Some(1), "nsubj"));
    assert_eq!(t.rel(0), "obl");
    // A phrase with a preposition stays an oblique ("Vrijdag gingen in Niamey …").
    let t = Tree::from_rows(&[
        "Vrijdag Vrijdag PROPN 2 nsubj",
        "gingen gaan VERB|VerbForm=Fin 0 root",
        "in in ADP 4 case",
        "Niamey Niamey PROPN 2 obl",
    ]);
    assert_eq!(t.rel(3), "obl");
}

#[test]
fn a_name_set_off_after_a_fronted_phrase_is_the_subject_not_its_apposition() {
    // "On the African side, Ivory Coast will end its cooperation."
    let rows = [
        "On on ADP 3 case",
        "the the DET 3 det",
        "side side NOUN 8 obl",
        ", , PUNCT 5 punct",
        "Ivory Ivory PROPN 3 appos",
        "Coast Coast PROPN 5 flat",
        "will will AUX 8 aux",
        "end end VERB 0 root",
        "cooperation cooperation NOUN 8 obj",
    ];
    let t = Tree::from_rows(&rows);
    assert_eq!((t.head(4), t.rel(4)), (Some(7), "nsubj"));
    // Without the comma the name is the phrase's own ("in the town Kidal").
    let mut rows = rows;
    rows[3] = "of of ADP 5 case";
    let t = Tree::from_rows(&rows);
    assert_eq!(t.rel(4), "appos");
}
