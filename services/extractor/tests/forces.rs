//! Units attacked and the words for attackers: a patrol an attack is aimed at is the target,
//! no deployment of its own; Dutch "pleegden een aanslag" carries the attack it names.
//! Sentences written for these tests.

mod support;

use sahel_extractor::Extractor;
use support::{code_on, find, name, place};

#[test]
fn a_patrol_an_attack_is_aimed_at_is_no_deployment() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "fr",
            "Des hommes armés ont tendu une embuscade à une patrouille de l'armée près de Ménaka lundi.",
        ),
        (
            "en",
            "Gunmen launched an attack on an army patrol near Ménaka on Monday.",
        ),
    ] {
        let ms = code_on(&x, text, lang, (2025, 9, 10));
        assert!(
            !ms.iter().any(|m| m.event_type.as_str() == "MOBILIZE"),
            "{text}: {ms:?}"
        );
        let m = find(&ms, "ASSAULT", text);
        assert_eq!(name(&m.actor1), Some("Armed groups"), "{text}: {m:?}");
    }
}

#[test]
fn dutch_attacks_committed_have_their_committers() {
    let x = Extractor::new().expect("data");
    // "pleegden" (plegen, a light verb) carries the attack; "schutters" are armed men.
    let text = "Onbekende schutters pleegden dinsdag een aanval op een markt in Gao.";
    let ms = code_on(&x, text, "nl", (2025, 9, 10));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(name(&m.actor1), Some("Armed groups"), "{m:?}");
    assert_eq!(place(m), Some("Gao"), "{m:?}");
    assert_eq!(support::day(m).as_deref(), Some("2025-09-09"), "{m:?}");
}
