//! Whom a visit is paid to: the host it names, or the state whose capital it goes to (not
//! the visitor's own, and not a town that may be a site). Sentences written for these tests.

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;

fn visit(x: &Extractor, text: &str) -> EventMention {
    x.code_text("t", text, "en", chrono::NaiveDate::from_ymd_opt(2025, 9, 10))
        .into_iter()
        .find(|m| m.event_type.as_str() == "CONSULT")
        .unwrap_or_else(|| panic!("no visit in {text}"))
}

fn target(m: &EventMention) -> Option<&str> {
    m.actor2.as_ref().map(|a| a.name.as_str())
}

#[test]
fn a_visit_to_a_capital_is_paid_to_its_state() {
    let x = Extractor::new().expect("data");
    let m = visit(&x, "President Mahamat Déby arrived in Abuja on Tuesday.");
    assert_eq!(target(&m), Some("Nigeria"), "{m:?}");
    // Not to the visitor's own state.
    let m = visit(&x, "President Mahamat Déby arrived in N'Djamena on Tuesday.");
    assert_eq!(target(&m), None, "{m:?}");
}

#[test]
fn troops_that_land_in_a_capital_visit_no_state() {
    let x = Extractor::new().expect("data");
    let m = visit(&x, "Russian soldiers arrived in Ouagadougou on Tuesday.");
    assert_eq!(target(&m), None, "{m:?}");
}
