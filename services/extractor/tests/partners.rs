//! Whom one works with: the with-phrase after the particle of a Dutch verb of cooperation
//! ("werkt samen met Rusland") is the partner, the target; the same adverb standing free
//! before a with-phrase makes a companion on the subject's side. Sentences written for these
//! tests.

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
