//! Who gives aid and whom it is for: the light verb that carries an aid noun ("approved a
//! loan") gives its subject, and a phrase of benefit ("for Niger", "en faveur du Niger") its
//! target; a state that lends a sum ("va prêter 400 millions de dollars au Niger", "gaat
//! Niger 400 miljoen dollar lenen") gives aid. Sentences written for these tests.

mod support;

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;
use support::{find, name};

fn code(x: &Extractor, lang: &str, text: &str) -> Vec<EventMention> {
    support::code_on(x, text, lang, (2025, 9, 10))
}

#[test]
fn a_loan_approved_is_aid_from_the_approver_for_the_state_named() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "The World Bank approved a loan of 80 million dollars for Chad on Monday.",
        ),
        (
            "fr",
            "La Banque mondiale a approuvé lundi un prêt de 80 millions de dollars en faveur du Tchad.",
        ),
    ] {
        let ms = code(&x, lang, text);
        // The verb of approval says no event of its own beside the aid it carries.
        assert_eq!(ms.len(), 1, "{text}: {ms:?}");
        let m = &ms[0];
        assert_eq!(m.event_type.as_str(), "AID", "{text}");
        assert_eq!(name(&m.actor1), Some("World Bank"), "{text}: {m:?}");
        assert_eq!(name(&m.actor2), Some("Chad"), "{text}: {m:?}");
    }
}

#[test]
fn aid_for_a_common_noun_names_no_target() {
    let x = Extractor::new().expect("data");
    let ms = code(
        &x,
        "en",
        "The World Bank approved a loan for the reconstruction of schools.",
    );
    let m = find(&ms, "AID", "a loan for reconstruction");
    assert_eq!(name(&m.actor2), None, "{m:?}");
}

#[test]
fn a_light_verb_of_the_same_type_keeps_its_own_reading() {
    let x = Extractor::new().expect("data");
    // "ondertekenen" carries "akkoord" but says more of it: a signed agreement.
    let ms = code(
        &x,
        "nl",
        "Mali en Marokko ondertekenden dinsdag een akkoord over de handel.",
    );
    let m = ms
        .iter()
        .find(|m| m.event_type.as_str() == "AGREE")
        .expect("an agreement");
    assert_eq!(m.event_mode.as_deref(), Some("sign-agreement"), "{m:?}");
}

#[test]
fn rations_handed_out_are_aid_dated_past_a_modifier_before_its_noun() {
    let x = Extractor::new().expect("data");
    // "on Saturday", hung by the parser on "displaced" (written before "families"), dates
    // the distribution.
    let text = "The Red Cross distributed rations to displaced families in Kaya on Saturday.";
    let ms = code(&x, "en", text);
    let m = find(&ms, "AID", text);
    assert_eq!(support::day(m).as_deref(), Some("2025-09-06"), "{m:?}");
    let text = "Volunteers handed out food to displaced families in Kaya.";
    let ms = code(&x, "en", text);
    assert_eq!(find(&ms, "AID", text).event_mode.as_deref(), Some("humanitarian"));
    let text = "Des ONG ont distribué des rations alimentaires aux déplacés de Djibo samedi.";
    let ms = code(&x, "fr", text);
    assert_eq!(find(&ms, "AID", text).event_mode.as_deref(), Some("humanitarian"));
}

#[test]
fn a_state_that_lends_a_sum_gives_aid() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "fr",
            "La Chine va prêter 300 millions de dollars au Tchad pour achever la route.",
        ),
        (
            "nl",
            "China leent Tsjaad 300 miljoen dollar voor de aanleg van een weg.",
        ),
        ("en", "China will lend Chad 300 million dollars to finish the road."),
    ] {
        let ms = code(&x, lang, text);
        let aid = find(&ms, "AID", text);
        assert_eq!(
            (name(&aid.actor1), name(&aid.actor2)),
            (Some("China"), Some("Chad")),
            "{ms:?}"
        );
    }
}
