//! Tests of trigger lookup ([`super`]).

use super::*;

const FILE: &str = r#"{"version": "t", "types": [
  {"type": "DEMAND", "mode": null, "cameo_root": "10", "quad_class": 3,
   "en": {"verbs": ["call for", "demand"], "nouns": ["demand"]}},
  {"type": "CONSULT", "mode": "phone", "cameo_root": "04", "quad_class": 1,
   "en": {"verbs": ["call"]}},
  {"type": "RETREAT", "mode": null, "cameo_root": "08", "quad_class": 2,
   "en": {"verbs": ["withdraw"], "nouns": ["withdrawal"]}}],
  "forms": {"en": {"withdrew": "withdraw"}}}"#;

fn types(sentence: &str) -> Vec<(String, EventType)> {
    let t = Triggers::from_json(FILE).expect("loads");
    let tree = Tree::parse("en", sentence).expect("parses");
    t.find("en", &tree, |_| false, |_, _| false)
        .into_iter()
        .map(|f| (tree.lower(f.word).to_owned(), t.entries[f.entry].event_type))
        .collect()
}

#[test]
fn verb_forms_include_the_generated_dutch_inflections_of_verb_entries() {
    let t = Triggers::embedded().expect("the shipped triggers load");
    // Regular forms of Dutch verb entries (demonstreren, arresteren, eisen), generated;
    // an irregular past from the hand file; not a noun entry's plural, nor another language.
    for form in [
        "demonstreerden",
        "gedemonstreerd",
        "arresteerde",
        "eist",
        "geëist",
        "prees",
    ] {
        assert!(t.verb_form("nl", form), "{form}");
    }
    assert!(!t.verb_form("nl", "betogingen"));
    assert!(!t.verb_form("en", "demonstreerden"));
    assert!(t.verb_form("en", "withdrew"));
}

#[test]
fn the_most_specific_entry_wins_and_forms_fill_lemmatizer_gaps() {
    assert_eq!(
        types("Protesters called for the withdrawal of the troops."),
        [
            ("called".to_owned(), EventType::Demand),
            ("withdrawal".to_owned(), EventType::Retreat)
        ]
    );
    assert_eq!(
        types("Macron called Tinubu on Monday."),
        [("called".to_owned(), EventType::Consult)]
    );
    assert_eq!(
        types("The army withdrew its troops."),
        [("withdrew".to_owned(), EventType::Retreat)]
    );
}

#[test]
fn a_separable_verbs_particle_is_no_preposition_on_its_object() {
    let t = Triggers::from_json(
        r#"{"version": "t", "types": [
          {"type": "SANCTION", "mode": "discontinue", "cameo_root": "16", "quad_class": 4,
           "nl": {"verbs": ["op_zeggen", "zeggen op"]}}]}"#,
    )
    .expect("loads");
    let found = |rows: &[&str]| {
        let tree = Tree::from_rows(rows);
        t.find("nl", &tree, |_| false, |_, _| false).len()
    };
    // "De junta zegt het akkoord op": the particle.
    assert_eq!(
        found(&[
            "junta junta NOUN 2 nsubj",
            "zegt zeggen VERB 0 root",
            "akkoord akkoord NOUN 2 obj",
            "op op ADP 2 compound:prt"
        ]),
        1
    );
    // "Het leger zegt een aanval op zijn basis …": a preposition on the object's phrase.
    assert_eq!(
        found(&[
            "leger leger NOUN 2 nsubj",
            "zegt zeggen VERB 0 root",
            "aanval aanval NOUN 2 obj",
            "op op ADP 5 case",
            "basis basis NOUN 3 nmod",
        ]),
        0
    );
}

#[test]
fn bad_files_say_what_is_wrong() {
    let e = Triggers::from_json(
        r#"{"version": "t", "types": [{"type": "PARTY", "mode": null, "cameo_root": "01", "quad_class": 1}]}"#,
    )
    .expect_err("unknown type");
    assert!(e.problem.contains("PARTY"), "{}", e.problem);
    let e = Triggers::from_json(
        r#"{"version": "t", "types": [{"type": "RETREAT", "mode": null, "cameo_root": "08", "quad_class": 2,
           "en": {"verbs": ["leave @town"]}}]}"#,
    )
    .expect_err("unknown class");
    assert!(e.problem.contains("@town"), "{}", e.problem);
}

#[test]
fn an_entry_that_names_words_fires_only_when_they_stand_in_the_sentence() {
    let t = Triggers::from_json(
        r#"{"version": "t", "types": [
  {"type": "AID", "mode": "humanitarian", "cameo_root": "07", "quad_class": 2,
   "en": {"verbs": ["take in refugee"]}}]}"#,
    )
    .expect("loads");
    let may = |text: &str| {
        let s = crate::syntax::parse("en", text).expect("parses").remove(0);
        t.may_fire("en", &s, &[Pos::Verb])
    };
    assert!(may("Chad took in thousands of Sudanese refugees."));
    assert!(!may("Chad took the town of Bol."));
}
