//! Whom one works with: the with-phrase after the particle of a Dutch verb of cooperation
//! ("werkt samen met Rusland") is the partner, the target; the same adverb standing free
//! before a with-phrase makes a companion on the subject's side; a state that sells weapons
//! cooperates militarily with the buyer (CAMEO 062). Sentences written for these tests.

mod support;

use sahel_extractor::Extractor;
use support::{code_on, find, name};

#[test]
fn the_partner_after_a_particle_is_the_target() {
    let x = Extractor::new().expect("data");
    let text = "Sinds de staatsgreep werkt de junta in Niamey nauw samen met Rusland.";
    let ms = code_on(&x, text, "nl", (2025, 3, 10));
    let m = find(&ms, "COOPERATE", text);
    assert_eq!(name(&m.actor2), Some("Russia"), "{m:?}");
}

#[test]
fn a_companion_is_no_target() {
    let x = Extractor::new().expect("data");
    let text = "Het leger heeft samen met Russische huurlingen het dorp Hombori aangevallen.";
    let ms = code_on(&x, text, "nl", (2025, 3, 10));
    let m = find(&ms, "ASSAULT", text);
    assert_ne!(name(&m.actor2), Some("Russia armed groups"), "{m:?}");
    assert_ne!(name(&m.actor2), Some("Russia"), "{m:?}");
}

#[test]
fn a_sale_of_weapons_is_military_cooperation() {
    let x = Extractor::new().expect("data");
    for (lang, text, buyer) in [
        ("en", "Turkey sold armed drones to Chad last year.", Some("Chad")),
        (
            "nl",
            "Turkije verkocht vorig jaar gewapende drones aan Tsjaad.",
            Some("Chad"),
        ),
        ("fr", "La Turquie a vendu des drones armés au Tchad l'an dernier.", None),
    ] {
        let ms = code_on(&x, text, lang, (2025, 3, 10));
        let m = find(&ms, "COOPERATE", text);
        assert_eq!(name(&m.actor1), Some("Turkey"), "{m:?}");
        if buyer.is_some() {
            assert_eq!(name(&m.actor2), buyer, "{m:?}");
        }
    }
}
