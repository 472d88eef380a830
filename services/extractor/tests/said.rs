//! What a speaker says happened is reported, however the parser broke the clause up after
//! the verb of saying ("said that soldiers killed civilians", "said gunmen burned a
//! market"); what a speaker denies is negated; a negation that qualifies a noun's modifier
//! ("des individus non identifiés") negates no act; a tensed conjunct the parser joined to an
//! infinitive is the main clause's ("a accusé X de soutenir … et a rompu …"); a clause hung on
//! the speaker's date ("said on Sunday it had repelled") is what was said, and a speaker after a
//! comma at the end ("…, state radio reported") an aside. Sentences
//! written for these tests.

mod support;

use sahel_extractor::Extractor;
use sahel_schemas::event::Modality;
use support::{code_on, find, name, place};

#[test]
fn a_clause_after_a_verb_of_saying_is_reported() {
    let x = Extractor::new().expect("data");
    for text in [
        "The governor said that soldiers killed civilians near Gao.",
        "The ministry said that gunmen killed ten herders near Gao.",
        "The police said soldiers killed herders near Gao.",
        "The army said that soldiers killed civilians in Gao.",
    ] {
        let ms = code_on(&x, text, "en", (2025, 3, 10));
        let m = find(&ms, "ASSAULT", text);
        assert_eq!(m.modality, Modality::Reported, "{text}: {m:?}");
        assert_eq!(place(m), Some("Gao"), "{text}: {m:?}");
        assert!(name(&m.actor1).is_some(), "{text}: {m:?}");
    }
}

#[test]
fn a_clause_a_speaker_denies_is_negated() {
    let x = Extractor::new().expect("data");
    let text = "The police denied that soldiers killed civilians.";
    let ms = code_on(&x, text, "en", (2025, 3, 10));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(m.modality, Modality::Negated, "{m:?}");
    assert_eq!(name(&m.actor2), Some("Civilians"), "{m:?}");
}

#[test]
fn a_negated_modifier_negates_no_act() {
    let x = Extractor::new().expect("data");
    let text = "Des individus non identifiés ont abattu trois bergers près de Gao.";
    let ms = code_on(&x, text, "fr", (2025, 3, 10));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(m.modality, Modality::Asserted, "{m:?}");
    let text = "Des hommes armés n'ont pas tué les bergers.";
    let ms = code_on(&x, text, "fr", (2025, 3, 10));
    assert_eq!(find(&ms, "ASSAULT", text).modality, Modality::Negated);
}

#[test]
fn a_tensed_conjunct_after_an_infinitive_is_the_main_clauses() {
    let x = Extractor::new().expect("data");
    let text = "Le Niger a accusé le Bénin d'abriter des bases terroristes et a rompu ses relations avec le Bénin.";
    let ms = code_on(&x, text, "fr", (2025, 3, 10));
    let m = find(&ms, "SANCTION", text);
    assert_eq!(name(&m.actor1), Some("Niger"), "{m:?}");
}

#[test]
fn a_clause_hung_on_the_speakers_date_is_what_the_speaker_said() {
    let x = Extractor::new().expect("data");
    let text = "The Burkinabe army said on Friday it had repelled an attack on its base in Djibo, killing dozens of assailants.";
    let ms = code_on(&x, text, "en", (2025, 3, 10));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(m.modality, Modality::Reported, "{m:?}");
    assert_eq!(name(&m.actor1), Some("Burkina Faso military"), "{m:?}");
}

#[test]
fn a_speaker_after_a_comma_at_the_end_is_an_aside() {
    let x = Extractor::new().expect("data");
    let text = "The junta detained a colonel suspected of plotting a coup, state radio reported.";
    let ms = code_on(&x, text, "en", (2025, 3, 10));
    let m = find(&ms, "COERCE", text);
    assert_eq!(m.modality, Modality::Reported, "{m:?}");
}
