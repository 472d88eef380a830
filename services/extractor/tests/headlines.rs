//! Headlines: a name before a colon that opens one is the story's label, no participant,
//! and the subject after the colon that the parser made the label's apposition is the
//! verb's. Sentences written for these tests.

mod support;

use sahel_extractor::Extractor;
use support::{code_on, find, name, place};

#[test]
fn the_subject_after_a_headlines_label_is_the_verbs() {
    let x = Extractor::new().expect("data");
    let text = "Burkina Faso: gunmen kill dozens in attack on army convoy near Djibo";
    let ms = code_on(&x, text, "en", (2025, 3, 4));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(name(&m.actor1), Some("Armed groups"), "{m:?}");
    assert_eq!(place(m), Some("Djibo"), "{m:?}");
}

#[test]
fn a_headlines_label_is_no_participant() {
    let x = Extractor::new().expect("data");
    let text = "Mali : des jihadistes attaquent une base de l'armée à Boulkessi";
    let ms = code_on(&x, text, "fr", (2025, 3, 4));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(name(&m.actor1), Some("Armed groups"), "{m:?}");
    assert_ne!(name(&m.actor2), Some("Mali"), "{m:?}");
}
