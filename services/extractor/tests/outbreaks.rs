//! Events that break out: a protest or a fight named by a noun whose verb only says it began
//! ("Protests broke out in Agadez", "des combats ont éclaté entre l'armée et les rebelles")
//! is an event where and when that verb says, between the sides its oblique names, also when
//! the tagger read the noun as a verb ("clashes erupted"); and a separable verb's particle is
//! its own ("braken … uit" is no "breken in"); a gathering of armed men is no protest; an
//! attack that "s'est produite" took place when that verb says.
//! Sentences written for these tests.

mod support;

use sahel_extractor::Extractor;
use support::{code_on, find, name, place};

#[test]
fn protests_that_break_out_take_place_where_the_verb_says() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("en", "Protests broke out in Zinder after the arrest of a local imam."),
        (
            "fr",
            "Des manifestations ont éclaté à Zinder après l'arrestation d'un imam.",
        ),
        ("nl", "In Zinder braken protesten uit na de arrestatie van een imam."),
    ] {
        let ms = code_on(&x, text, lang, (2025, 9, 10));
        assert_eq!(place(find(&ms, "PROTEST", text)), Some("Zinder"), "{text}: {ms:?}");
        // "In Zinder" is no particle of "breken": no break-in.
        assert!(!ms.iter().any(|m| m.event_type.as_str() == "CRIME"), "{text}: {ms:?}");
    }
}

#[test]
fn fighting_that_erupts_between_two_sides_is_theirs() {
    let x = Extractor::new().expect("data");
    let text = "Heavy fighting erupted between the army and rebels near Kidal on Sunday.";
    let ms = code_on(&x, text, "en", (2025, 9, 10));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(name(&m.actor1), Some("Military"), "{m:?}");
    assert_eq!(name(&m.actor2), Some("Armed groups"), "{m:?}");
    assert_eq!(support::day(m).as_deref(), Some("2025-09-07"), "{m:?}");
}

#[test]
fn an_event_noun_read_as_a_verb_before_its_verb_is_its_subject() {
    let x = Extractor::new().expect("data");
    // The tagger reads "clashes" and "Fighting" as verbs, "erupted" as their complement.
    for text in [
        "On Sunday, clashes erupted between the army and rebels near Kidal.",
        "Fighting erupted between the army and rebels near Kidal on Sunday.",
    ] {
        let ms = code_on(&x, text, "en", (2025, 9, 10));
        let m = find(&ms, "ASSAULT", text);
        assert_eq!(name(&m.actor1), Some("Military"), "{text}: {m:?}");
        assert_eq!(name(&m.actor2), Some("Armed groups"), "{text}: {m:?}");
        assert_eq!(place(m), Some("Kidal"), "{text}: {m:?}");
        assert_eq!(support::day(m).as_deref(), Some("2025-09-07"), "{text}: {m:?}");
    }
}

#[test]
fn a_gathering_of_fighters_is_no_protest() {
    let x = Extractor::new().expect("data");
    let text = "Un drone a frappé samedi un rassemblement de combattants près de Ménaka.";
    let ms = code_on(&x, text, "fr", (2025, 6, 12));
    assert!(!ms.iter().any(|m| m.event_type.as_str() == "PROTEST"), "{ms:?}");
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(name(&m.actor2), Some("Armed groups"), "{m:?}");
}

#[test]
fn an_attack_that_happened_is_dated_by_its_verb() {
    let x = Extractor::new().expect("data");
    let text = "L'attaque s'est produite le 3 juin près de Ménaka, selon l'armée.";
    let ms = code_on(&x, text, "fr", (2025, 6, 12));
    let m = find(&ms, "ASSAULT", text);
    assert_eq!(
        m.date.as_ref().map(|d| d.start.to_string()).as_deref(),
        Some("2025-06-03"),
        "{m:?}"
    );
    assert_eq!(place(m), Some("Ménaka"), "{m:?}");
}
