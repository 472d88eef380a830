//! Sentences written for this purpose (none from the gold, the seeds or PLOVER) in which the
//! tagger gave a word the wrong part of speech or the parser hung a phrase on the wrong word,
//! each for a reason other sentences share: a past tense read as the subject of a plural noun
//! read as a verb; an unknown Dutch plural noun read as an infinitive or a participle; a time
//! phrase hung on an auxiliary; a French partitive after a weekday read as a preposition; a Dutch purpose clause hung
//! on a noun; a country adjective read across a verb for another's noun; a place taken for
//! the other side; a plural noun after a number read as an adjective complement; a Dutch
//! passive auxiliary read as an infinitive in a that-clause with a subject of its own.
//! Published on Wednesday 1 May 2024.

mod support;

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;
use support::{day, find, name};

fn code(x: &Extractor, text: &str, lang: &str) -> Vec<EventMention> {
    support::code_on(x, text, lang, (2024, 5, 1))
}

#[test]
fn a_denied_report_of_an_act_negates_the_act() {
    let x = Extractor::new().expect("data");
    // "denied" was the subject of "reports", tagged as a verb.
    let text = "The government of Chad denied reports that its soldiers had executed villagers near Bol.";
    let ms = code(&x, text, "en");
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(m.modality.as_str(), "negated", "{ms:?}");
    assert_eq!(name(&m.actor1), Some("Chad military"), "{ms:?}");
}

#[test]
fn an_unknown_dutch_plural_read_as_an_infinitive_is_the_participles_object() {
    let x = Extractor::new().expect("data");
    let text = "Turkije heeft gevechtsvoertuigen aan Niger geleverd, meldt het ministerie.";
    let ms = code(&x, text, "nl");
    let m = find(&ms, "AID", text);
    assert_eq!(name(&m.actor1), Some("Turkey"), "{ms:?}");
}

#[test]
fn a_time_phrase_hung_on_the_auxiliary_dates_its_verb() {
    let x = Extractor::new().expect("data");
    let text = "Nigerese soldaten hebben zondag een aanval op hun kamp bij Diffa afgeslagen, zo meldt het leger.";
    let ms = code(&x, text, "nl");
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(day(m), Some("2024-04-28".to_owned()), "{ms:?}");
}

#[test]
fn a_dutch_purpose_clause_on_a_noun_shares_the_verbs_subject() {
    let x = Extractor::new().expect("data");
    let text =
        "Honderden studenten trokken vrijdag door de straten van Niamey om de vrijlating van hun leiders te eisen.";
    let ms = code(&x, text, "nl");
    let m = find(&ms, "DEMAND", text);
    assert!(m.actor1.is_some(), "{ms:?}");
    assert_eq!(day(m), Some("2024-04-26".to_owned()), "{ms:?}");
}

#[test]
fn a_country_adjective_does_not_reach_across_a_verb() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "fr",
            "Le président tchadien a rencontré le ministre turc des Affaires étrangères.",
        ),
        ("en", "The Chadian president met the Turkish foreign minister."),
    ] {
        let ms = code(&x, text, lang);
        let m = find(&ms, "CONSULT", text);
        assert_eq!(name(&m.actor1), Some("Chad"), "{text}: {ms:?}");
        assert_eq!(name(&m.actor2), Some("Turkey"), "{text}: {ms:?}");
    }
}

#[test]
fn a_place_of_the_source_gives_way_to_the_other_side() {
    let x = Extractor::new().expect("data");
    // "à N'Djamena" read as the target named Chad, the host itself.
    let text = "Le président tchadien a reçu mardi à N'Djamena une délégation de l'Union africaine.";
    let ms = code(&x, text, "fr");
    let m = find(&ms, "CONSULT", text);
    assert_eq!(name(&m.actor2), Some("African Union"), "{ms:?}");
}

#[test]
fn an_attribution_hung_deep_in_a_phrase_still_reports_the_act() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "An airstrike by the Nigerien army killed six herders, including two boys, near Tahoua, according to the Red Cross.",
        ),
        (
            "fr",
            "Une frappe de l'armée nigérienne a tué six éleveurs dont deux garçons près de Tahoua, selon la Croix-Rouge.",
        ),
    ] {
        let ms = code(&x, text, lang);
        assert_eq!(find(&ms, "ASSAULT", text).modality.as_str(), "reported", "{text}: {ms:?}");
    }
}

#[test]
fn more_than_a_number_is_a_quantity_not_a_negation() {
    let x = Extractor::new().expect("data");
    // "plus" hung on the verb, not on the number it counts.
    let text = "Le Tchad a accueilli plus de 200 000 réfugiés soudanais depuis avril.";
    let ms = code(&x, text, "fr");
    let m = find(&ms, "AID", text);
    assert_eq!(m.modality.as_str(), "asserted", "{ms:?}");
    assert_eq!(name(&m.actor1), Some("Chad"), "{ms:?}");
}

#[test]
fn a_dutch_perfect_read_as_possession_keeps_its_subject_first() {
    let x = Extractor::new().expect("data");
    // "heeft" read as the verb, "een helikopter" its object, "twaalf herders" the passive
    // subject of "gedood".
    let text = "Volgens de Rode Kruis heeft een helikopter van het Tsjadische leger bij Bol twaalf herders gedood.";
    let ms = code(&x, text, "nl");
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(name(&m.actor1), Some("Chad military"), "{ms:?}");
    assert_eq!(m.modality.as_str(), "reported", "{ms:?}");
    // The participle hung on a phrase set off by commas after the object.
    let text = "De Tsjadische regering heeft een honderdtal mensen, onder wie studenten, opgeroepen om tegen Boko Haram te vechten.";
    let ms = code(&x, text, "nl");
    assert_eq!(name(&find(&ms, "DEMAND", text).actor1), Some("Chad"), "{ms:?}");
}

#[test]
fn a_split_dutch_light_verb_carries_its_noun() {
    let x = Extractor::new().expect("data");
    let text = "De Tsjadische junta kondigde vrijdag de ontbinding van alle vakbonden aan.";
    let ms = code(&x, text, "nl");
    let m = find(&ms, "COERCE", text);
    assert_eq!(day(m), Some("2024-04-26".to_owned()), "{ms:?}");
}

#[test]
fn a_time_word_read_as_an_auxiliarys_indirect_object_dates_its_verb() {
    let x = Extractor::new().expect("data");
    let text = "Soldaten hebben dinsdagavond een journalist in zijn huis in Niamey gearresteerd.";
    let ms = code(&x, text, "nl");
    let m = find(&ms, "COERCE", text);
    assert_eq!(day(m), Some("2024-04-30".to_owned()), "{ms:?}");
}

#[test]
fn a_partitive_after_a_bare_weekday_opens_the_verbs_object() {
    let x = Extractor::new().expect("data");
    // "des civils" was a phrase of "dimanche": no target.
    let text = "Des jihadistes ont tué dimanche des civils près de Djibo.";
    let ms = code(&x, text, "fr");
    assert_eq!(name(&find(&ms, "ASSAULT", text).actor2), Some("Civilians"), "{ms:?}");
    // "des sanctions" hung on "lundi": no source, no date.
    let text = "La Cedeao a annoncé lundi des sanctions contre le Niger.";
    let ms = code(&x, text, "fr");
    let m = find(&ms, "SANCTION", text);
    assert_eq!(name(&m.actor1), Some("ECOWAS"), "{ms:?}");
    assert_eq!(day(m), Some("2024-04-29".to_owned()), "{ms:?}");
}

#[test]
fn a_french_country_adjective_read_as_a_verb_stays_an_adjective() {
    let x = Extractor::new().expect("data");
    // "nigérienne" was read as a form of a verb, and the date after it was its own.
    let text = "La Turquie a livré des drones à l'armée de l'air nigérienne la semaine dernière.";
    let ms = code(&x, text, "fr");
    let m = find(&ms, "AID", text);
    let date = m.date.as_ref().expect("dated");
    assert_eq!(date.start.to_string(), "2024-04-22", "{ms:?}");
    assert_eq!(name(&m.actor2), Some("Niger military"), "{ms:?}");
}

#[test]
fn a_counted_noun_read_as_an_adjective_is_the_object() {
    let x = Extractor::new().expect("data");
    // "terroristes" was tagged an adjective, the verb's predicate complement.
    let text = "L'armée a tué douze terroristes près de Boni.";
    let ms = code(&x, text, "fr");
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(name(&m.actor2), Some("Armed groups"), "{ms:?}");
}

#[test]
fn a_that_clause_with_its_own_subject_takes_not_the_speakers() {
    let x = Extractor::new().expect("data");
    // "zijn" was tagged an infinitive, and the clause read as one the speaker controls.
    for text in [
        "Het leger zegt dat er burgers zijn gedood.",
        "Het Malinese leger ontkent dat er burgers zijn omgekomen.",
    ] {
        let ms = code(&x, text, "nl");
        let m = find(&ms, "ASSAULT", text);
        assert_eq!(name(&m.actor1), None, "{text}: {m:?}");
        assert_eq!(name(&m.actor2), Some("Civilians"), "{text}: {m:?}");
    }
}
