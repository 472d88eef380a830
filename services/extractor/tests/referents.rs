//! Whom a word stands for, found coding sentences written for this purpose (none from the
//! gold or the seeds): one soldier, one jihadist or one herder in French and Dutch, as the
//! plural and the English singular are; a "military" convoy or post (while a military base or
//! military aid is nobody); a couple released by its kidnappers; a state named by a pronoun
//! as the object of an adverbial clause; the victims of an ambush named in a relative clause
//! on it; and the police students clash with ("se heurter à"). Published on Tuesday 1
//! October 2024.

mod support;

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;
use support::{find, name};

fn code(x: &Extractor, text: &str, lang: &str) -> Vec<EventMention> {
    support::code_on(x, text, lang, (2024, 10, 1))
}

#[test]
fn one_soldier_or_one_jihadist_is_the_military_or_an_armed_group() {
    let x = Extractor::new().expect("data");
    for (lang, text, target) in [
        (
            "fr",
            "Des djihadistes ont tué un soldat près de Tessit lundi.",
            "Military",
        ),
        (
            "fr",
            "Un militaire a abattu un djihadiste près de Tessit lundi.",
            "Armed groups",
        ),
        (
            "fr",
            "Des hommes armés ont enlevé un éleveur près de Tessit lundi.",
            "Civilians",
        ),
        (
            "nl",
            "Jihadisten hebben maandag bij Tessit een soldaat gedood.",
            "Military",
        ),
        (
            "nl",
            "Jihadisten hebben maandag bij Tessit een herder ontvoerd.",
            "Civilians",
        ),
        (
            "fr",
            "Le JNIM a revendiqué l'attaque contre un convoi militaire près de Tessit.",
            "Military",
        ),
    ] {
        let ms = code(&x, text, lang);
        assert_eq!(name(&find(&ms, "ASSAULT", text).actor2), Some(target), "{text}: {ms:?}");
    }
    // (Military aid is nobody.)
    let text = "La Russie a promis une aide militaire au Mali.";
    let ms = code(&x, text, "fr");
    assert!(!ms.is_empty());
    assert!(
        ms.iter()
            .all(|m| name(&m.actor1) != Some("Military") && name(&m.actor2) != Some("Military")),
        "{ms:?}"
    );
}

#[test]
fn kidnappers_who_release_a_couple_concede() {
    let x = Extractor::new().expect("data");
    let text = "The kidnappers released the Italian couple after two years in captivity.";
    let ms = code(&x, text, "en");
    assert_eq!(name(&find(&ms, "CONCEDE", text).actor2), Some("Italy"), "{ms:?}");
}

#[test]
fn a_pronoun_object_of_an_adverbial_clause_is_the_main_subject() {
    let x = Extractor::new().expect("data");
    let text = "Algeria recalled its ambassador from Bamako after Mali accused it of shooting down a drone.";
    let ms = code(&x, text, "en");
    let accusation = find(&ms, "DISAPPROVE", text);
    assert_eq!(
        (name(&accusation.actor1), name(&accusation.actor2)),
        (Some("Mali"), Some("Algeria")),
        "{ms:?}"
    );
    // (An object that could be what the pronoun stands for keeps it open.)
    let text = "Mali expelled a French diplomat after Algeria accused it of spying.";
    let ms = code(&x, text, "en");
    assert_ne!(name(&find(&ms, "DISAPPROVE", text).actor2), Some("Mali"), "{ms:?}");
}

#[test]
fn the_victims_of_a_relative_clause_of_toll_are_the_target() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "fr",
            "L'État islamique a revendiqué l'embuscade qui a coûté la vie à douze soldats nigériens.",
        ),
        (
            "en",
            "The Islamic State claimed the ambush that left twelve Nigerien soldiers dead.",
        ),
    ] {
        let ms = code(&x, text, lang);
        let attack = find(&ms, "ASSAULT", text);
        assert_eq!(
            (name(&attack.actor1), name(&attack.actor2)),
            (Some("Islamic State"), Some("Niger military")),
            "{ms:?}"
        );
    }
}

#[test]
fn students_who_clash_with_the_police_fight() {
    let x = Extractor::new().expect("data");
    let text = "Des étudiants se sont heurtés à la police lundi à Niamey.";
    let ms = code(&x, text, "fr");
    assert_eq!(name(&find(&ms, "ASSAULT", text).actor2), Some("Niger police"), "{ms:?}");
}
