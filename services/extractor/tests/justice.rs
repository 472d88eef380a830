//! Suspects handed from one state to another: "handed over", "a livré", "overgedragen" people
//! is judicial cooperation, and the state they are handed to is its target, before the people
//! handed. Sentences written for these tests.

mod support;

use sahel_extractor::Extractor;
use support::{code_on, find, name};

#[test]
fn the_state_suspects_are_handed_to_is_the_target() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("fr", "Le Togo a livré trois militants au Bénin mardi."),
        ("nl", "Togo heeft drie militanten overgedragen aan Benin."),
    ] {
        let ms = code_on(&x, text, lang, (2025, 6, 12));
        let m = find(&ms, "COOPERATE", text);
        assert_eq!(m.event_mode.as_deref(), Some("judicial"), "{text}: {m:?}");
        assert_eq!(name(&m.actor1), Some("Togo"), "{text}: {m:?}");
        assert_eq!(name(&m.actor2), Some("Benin"), "{text}: {m:?}");
    }
}

#[test]
fn goods_delivered_are_no_handover() {
    let x = Extractor::new().expect("data");
    let text = "Le Togo a livré du carburant au Niger.";
    let ms = code_on(&x, text, "fr", (2025, 6, 12));
    assert!(!ms.iter().any(|m| m.event_type.as_str() == "COOPERATE"), "{ms:?}");
}
