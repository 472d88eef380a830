//! People as the press writes them: one person under every transliteration of a name, a
//! person named right after a place the verb took place in is still a participant, and the
//! head of a body's delegation stands for that body; people a country qualifies ("two
//! Italian nuns") are people that can be released; a military rank with no name ("a general")
//! is the military.
//! Sentences written for these tests.

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;

fn first(x: &Extractor, text: &str, lang: &str, ty: &str) -> EventMention {
    x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 9, 10))
        .into_iter()
        .find(|m| m.event_type.as_str() == ty)
        .unwrap_or_else(|| panic!("no {ty} in {text}"))
}

fn name(a: &Option<sahel_schemas::event::Actor>) -> Option<&str> {
    a.as_ref().map(|a| a.name.as_str())
}

#[test]
fn a_transliterated_name_is_the_same_person() {
    let x = Extractor::new().expect("data");
    for text in [
        "Sergey Lavrov met Mali's foreign minister in Bamako.",
        "Sergei Lavrov met Mali's foreign minister in Bamako.",
    ] {
        let m = first(&x, text, "en", "CONSULT");
        assert_eq!(name(&m.actor1), Some("Sergei Lavrov"), "{text}: {m:?}");
    }
}

#[test]
fn a_person_named_after_a_place_is_the_object() {
    let x = Extractor::new().expect("data");
    // The parser reads "Moskou Sergej Lavrov" as one name.
    let text = "De Tsjadische minister heeft dinsdag in Moskou Sergej Lavrov ontmoet.";
    let m = first(&x, text, "nl", "CONSULT");
    assert_eq!(name(&m.actor2), Some("Sergei Lavrov"), "{m:?}");
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Moscow"), "{m:?}");
}

#[test]
fn the_head_of_a_bodys_delegation_is_that_body() {
    let x = Extractor::new().expect("data");
    for (text, body) in [
        ("Mali expelled the head of the ECOWAS delegation on Friday.", "ECOWAS"),
        (
            "Niger expelled the head of the Red Cross delegation, giving him 48 hours to leave.",
            "International Committee of the Red Cross",
        ),
    ] {
        let m = first(&x, text, "en", "SANCTION");
        assert_eq!(name(&m.actor2), Some(body), "{text}: {m:?}");
    }
}

#[test]
fn people_a_country_qualifies_can_be_released() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("en", "The kidnappers released two Italian priests on Sunday."),
        (
            "en",
            "The kidnappers released the two Italian nuns near Gao after months of captivity.",
        ),
    ] {
        let m = first(&x, text, lang, "CONCEDE");
        assert_eq!(m.event_mode.as_deref(), Some("release"), "{m:?}");
        assert_eq!(name(&m.actor2), Some("Italy religious leaders"), "{m:?}");
    }
}

#[test]
fn a_military_rank_without_a_name_is_the_military() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("fr", "La junte a arrêté un colonel accusé de complot."),
        ("en", "The junta detained a colonel in Gao."),
    ] {
        let m = first(&x, text, lang, "COERCE");
        assert_eq!(
            m.actor2.as_ref().map(|a| a.name.as_str()),
            Some("Military"),
            "{text}: {m:?}"
        );
    }
    // Before a name, a rank is a title, the person the actor.
    let m = first(&x, "Soldiers arrested General Moussa Diallo.", "en", "COERCE");
    assert_ne!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Military"), "{m:?}");
}
