//! What a participant was doing when an act befell it: a gerund or present participle hung
//! on the target or source tells where and when the act happened; a past participle is
//! another act, with its own time; a participle relating places ("the road linking A to B")
//! places nothing; people named by their act ("protesters", "betogers") act where and when
//! the verb they are the subject of says. Sentences written for these tests.

mod support;

use sahel_extractor::Extractor;
use support::{code_on, day, find, name, place};

#[test]
fn what_the_victims_were_doing_places_and_dates_the_act() {
    let x = Extractor::new().expect("data");
    for text in [
        "Soldiers shot dead two herders grazing their cattle near Dori on Thursday.",
        "Gunmen kidnapped twenty farmers working their fields near Dori on Thursday.",
    ] {
        let ms = code_on(&x, text, "en", (2025, 3, 10));
        let m = find(&ms, "ASSAULT", text);
        assert_eq!(place(m), Some("Dori"), "{m:?}");
        assert_eq!(day(m).as_deref(), Some("2025-03-06"), "{m:?}");
    }
}

#[test]
fn a_past_participle_is_an_act_of_its_own() {
    let x = Extractor::new().expect("data");
    let text = "The army freed twelve traders abducted near Dori in January.";
    let ms = code_on(&x, text, "en", (2025, 3, 10));
    let m = find(&ms, "CONCEDE", text);
    assert_eq!(m.date, None, "{m:?}");
}

#[test]
fn a_road_linking_two_towns_places_nothing() {
    let x = Extractor::new().expect("data");
    let text = "Des hommes armés ont attaqué lundi un bus sur la route reliant Dori à Djibo.";
    let ms = code_on(&x, text, "fr", (2025, 3, 10));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(name(&m.actor1), Some("Armed groups"), "{m:?}");
    assert_eq!(place(m), None, "{m:?}");
}

#[test]
fn protesters_protest_where_their_verb_says() {
    let x = Extractor::new().expect("data");
    for (lang, text, when) in [
        ("nl", "Betogers trokken op 3 maart door Zinder.", Some("2025-03-03")),
        ("en", "Protesters set fire to a police station in Zinder.", None),
    ] {
        let ms = code_on(&x, text, lang, (2025, 3, 10));
        let m = find(&ms, "PROTEST", text);
        assert_eq!(place(m), Some("Zinder"), "{text}: {m:?}");
        assert_eq!(day(m).as_deref(), when, "{text}: {m:?}");
    }
}
