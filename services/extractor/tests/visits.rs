//! Whom a visit is paid to: the host it names, or the state whose capital it goes to (not
//! the visitor's own, and not a town that may be a site); who goes somewhere for a mediation
//! mediates. Sentences written for these tests.

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

#[test]
fn arriving_in_a_month_is_no_visit() {
    let x = Extractor::new().expect("data");
    let types = |text: &str| -> Vec<String> {
        x.code_text("t", text, "en", chrono::NaiveDate::from_ymd_opt(2025, 9, 10))
            .into_iter()
            .map(|m| m.event_type.as_str().to_owned())
            .collect()
    };
    // The preposition a visit verb needs is not the one of a date.
    assert!(!types("The first rains arrived in June.").contains(&"CONSULT".to_owned()));
    // Nor is an agreement "on Friday" one "on" anything; "agree to" still reads.
    let m = x
        .code_text(
            "t",
            "The two governments agreed on Friday to reopen the border.",
            "en",
            chrono::NaiveDate::from_ymd_opt(2025, 9, 10),
        )
        .into_iter()
        .find(|m| m.event_type.as_str() == "AGREE")
        .expect("an agreement");
    let trigger = m.evidence.trigger.as_ref().map(|t| t.text.as_str()).unwrap_or("");
    assert!(trigger.starts_with("agreed") && trigger.ends_with(" to"), "{m:?}");
}

#[test]
fn arriving_at_a_named_place_is_a_visit_in_french() {
    let x = Extractor::new().expect("data");
    let code = |text: &str| x.code_text("t", text, "fr", chrono::NaiveDate::from_ymd_opt(2025, 9, 10));
    let visits = code("Une délégation malienne est arrivée à Niamey mardi.");
    let m = visits
        .iter()
        .find(|m| m.event_type.as_str() == "CONSULT")
        .expect("a visit");
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Niamey"), "{m:?}");
    // Arriving at an agreement, or at convincing someone, goes nowhere.
    for text in [
        "Les deux parties sont arrivées à un accord sur le cessez-le-feu.",
        "Le ministre n'est pas arrivé à convaincre ses partenaires.",
    ] {
        assert!(!code(text).iter().any(|m| m.event_type.as_str() == "CONSULT"), "{text}");
    }
}

#[test]
fn who_goes_for_a_mediation_mediates() {
    let x = Extractor::new().expect("data");
    let text = "Le ministre ghanéen des Affaires étrangères s'est rendu à Niamey pour une médiation entre le Niger et le Bénin.";
    let ms = x.code_text("t", text, "fr", chrono::NaiveDate::from_ymd_opt(2025, 9, 10));
    let sources: Vec<_> = ms
        .iter()
        .filter(|m| m.event_type.as_str() == "CONSULT")
        .map(|m| m.actor1.as_ref().map(|a| a.name.as_str()))
        .collect();
    assert!(!sources.is_empty(), "{ms:?}");
    assert!(sources.iter().all(|&s| s == Some("Ghana")), "{ms:?}");
}
