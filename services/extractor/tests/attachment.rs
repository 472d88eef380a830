//! Where and when an act of force happened, read through the phrases of what it was done to,
//! and through the phrases the parser hung on the verb of saying after a reported clause;
//! people named by what they do, as what an act is done to, are its target and no event of
//! their own; an act of the same type in a clause under a passive names its source; an event
//! noun takes place where and when the verb it is the subject of says ("the talks took place
//! in Algiers on Monday", "une manifestation est prévue samedi"); the town in the of-phrases
//! of what an act is done to is where it happened ("regained control of the town of Djibo");
//! a body named where the target is ("protesters outside the Malian embassy") is no target;
//! of two mentions of one event, the town one names beats the country the other names; a
//! place in the subject's phrase yields to one on the act ("the authorities in Gao imposed a
//! curfew on the Menaka region").
//! Sentences written for these tests.

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;

fn first(text: &str, ty: &str) -> EventMention {
    let x = Extractor::new().expect("data");
    // Published on Tuesday 14 January 2025.
    x.code_text("t", text, "en", chrono::NaiveDate::from_ymd_opt(2025, 1, 14))
        .into_iter()
        .find(|m| m.event_type.as_str() == ty)
        .unwrap_or_else(|| panic!("no {ty} in {text}"))
}

fn first_in(lang: &str, text: &str, ty: &str) -> EventMention {
    let x = Extractor::new().expect("data");
    x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 1, 14))
        .into_iter()
        .find(|m| m.event_type.as_str() == ty)
        .unwrap_or_else(|| panic!("no {ty} in {text}"))
}

fn place(m: &EventMention) -> Option<&str> {
    m.place.as_ref().map(|p| p.name.as_str())
}

fn day(m: &EventMention) -> Option<String> {
    m.date.as_ref().map(|d| d.start.to_string())
}

#[test]
fn an_act_of_force_happens_where_and_when_its_target_was() {
    let m = first(
        "Police arrested 30 protesters in Bamako on Friday, witnesses said.",
        "COERCE",
    );
    assert_eq!(place(&m), Some("Bamako"), "{m:?}");
    assert_eq!(day(&m).as_deref(), Some("2025-01-10"), "{m:?}");
    // A noun of context is not where or when ("after the coup of September 2022").
    let m = first(
        "The United States suspended its security assistance after the coup of September 2022.",
        "SANCTION",
    );
    assert_eq!(day(&m), None, "{m:?}");
}

#[test]
fn a_reported_clause_keeps_its_phrases_before_the_speaker() {
    let m = first(
        "Gunmen killed five villagers near Dori on Sunday, a local official said.",
        "ASSAULT",
    );
    assert_eq!(day(&m).as_deref(), Some("2025-01-12"), "{m:?}");
    assert!(m.actor2.is_some(), "the villagers are its target: {m:?}");
}

#[test]
fn people_named_by_what_they_do_as_a_target_are_no_event() {
    let x = Extractor::new().expect("data");
    let out = x.code_text(
        "t",
        "Police arrested 30 protesters in Bamako on Friday.",
        "en",
        chrono::NaiveDate::from_ymd_opt(2025, 1, 14),
    );
    assert!(out.iter().all(|m| m.event_type.as_str() != "PROTEST"), "{out:?}");
    // Doing their own act, they are its source.
    let out = x.code_text(
        "t",
        "Thousands of protesters marched in Bamako on Friday.",
        "en",
        chrono::NaiveDate::from_ymd_opt(2025, 1, 14),
    );
    assert!(
        out.iter()
            .any(|m| m.event_type.as_str() == "PROTEST" && m.actor1.as_ref().is_some_and(|a| a.name == "Protesters")),
        "{out:?}"
    );
}

#[test]
fn an_act_of_the_same_type_in_a_clause_under_a_passive_names_its_source() {
    for (lang, text) in [
        (
            "en",
            "At least 20 soldiers were killed when jihadists attacked a military base on Tuesday.",
        ),
        (
            "fr",
            "Vingt soldats ont été tués lorsque des jihadistes ont attaqué une base militaire mardi.",
        ),
    ] {
        let x = Extractor::new().expect("data");
        let out = x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 1, 14));
        let m = out
            .iter()
            .find(|m| m.event_type.as_str() == "ASSAULT")
            .unwrap_or_else(|| panic!("no ASSAULT in {text}"));
        assert_eq!(
            m.actor1.as_ref().map(|a| a.name.as_str()),
            Some("Armed groups"),
            "{text}: {m:?}"
        );
        assert!(m.actor2.is_some(), "{text}: {m:?}");
    }
}

#[test]
fn a_date_on_a_word_the_trigger_needs_is_the_triggers() {
    // "talks", which "hold talks" needs, carries the month (the model tags it a verb).
    let m = first("Niger and Mali will hold talks next month.", "CONSULT");
    assert_eq!(day(&m).as_deref(), Some("2025-02-01"), "{m:?}");
}

#[test]
fn an_event_noun_takes_place_where_and_when_its_verb_says() {
    let x = Extractor::new().expect("data");
    // Published on Tuesday 14 January 2025.
    let code = |text: &str, lang: &str| x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 1, 14));
    for (lang, text, ty, at, on, modality) in [
        (
            "en",
            "The talks took place in Algiers on Monday.",
            "CONSULT",
            "Algiers",
            Some("2025-01-13"),
            "asserted",
        ),
        (
            "fr",
            "La marche s'est déroulée à Niamey samedi.",
            "PROTEST",
            "Niamey",
            Some("2025-01-11"),
            "asserted",
        ),
        (
            "fr",
            "Une nouvelle manifestation est prévue samedi prochain à Niamey.",
            "PROTEST",
            "Niamey",
            Some("2025-01-18"),
            "planned",
        ),
        // "mars" read by the lemmatizer as "mar".
        (
            "nl",
            "In Sikasso verliep de mars rustig.",
            "PROTEST",
            "Sikasso",
            None,
            "asserted",
        ),
    ] {
        let ms = code(text, lang);
        let m = ms
            .iter()
            .find(|m| m.event_type.as_str() == ty)
            .unwrap_or_else(|| panic!("no {ty} in {text}: {ms:?}"));
        assert_eq!(place(m), Some(at), "{text}");
        assert_eq!(day(m).as_deref(), on, "{text}");
        assert_eq!(m.modality.as_str(), modality, "{text}");
    }
    // A claim's date is the claim's, not the attack's.
    let ms = code("L'attaque près de Gao a été revendiquée dimanche par le JNIM.", "fr");
    let attack = ms
        .iter()
        .find(|m| m.event_type.as_str() == "ASSAULT")
        .expect("the attack");
    assert_eq!(day(attack), None);
}

#[test]
fn a_participle_the_tagger_took_for_a_finite_verb_says_what_was_done_to_its_noun() {
    let m = first(
        "Roch Kaboré, the president overthrown in January 2022, is still being held in Ouagadougou.",
        "COERCE",
    );
    assert!(m.actor1.is_none(), "{:?}", m.actor1);
    assert_eq!(m.actor2.as_ref().map(|a| a.text.as_str()), Some("Roch Kaboré"), "{m:?}");
}

fn coded(text: &str, lang: &str, ty: &str) -> EventMention {
    let x = Extractor::new().expect("data");
    x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 1, 14))
        .into_iter()
        .find(|m| m.event_type.as_str() == ty)
        .unwrap_or_else(|| panic!("no {ty} in {text}"))
}

#[test]
fn a_village_the_gazetteer_lacks_is_the_place_the_text_puts_it() {
    for (lang, text, want) in [
        (
            "en",
            "Gunmen killed 20 villagers in the village of Moura last week.",
            "Moura",
        ),
        (
            "en",
            "Jihadists attacked an army post near Boulkessi, killing 12 soldiers.",
            "Boulkessi",
        ),
        (
            "fr",
            "Plus de 200 civils ont été massacrés à Barsalogho, selon l'ONU.",
            "Barsalogho",
        ),
        (
            "nl",
            "Jihadisten hebben bij Boulkessi een legerpost aangevallen.",
            "Boulkessi",
        ),
    ] {
        let m = coded(text, lang, "ASSAULT");
        let p = m.place.as_ref().unwrap_or_else(|| panic!("no place in {text}"));
        assert_eq!(p.name, want, "{text}");
        assert_eq!(p.precision, "locality", "{text}");
        assert!(p.gazetteer_id.is_none() && p.latitude.is_none(), "{text}");
    }
    // A name after a preposition that places nothing, or a person's, is no place.
    let m = coded(
        "Soldiers attacked the camp, Moussa Diallo told reporters.",
        "en",
        "ASSAULT",
    );
    assert_eq!(place(&m), None);
    let m = coded(
        "Jihadists attacked an army post according to Boulkessi.",
        "en",
        "ASSAULT",
    );
    assert_eq!(place(&m), None);
    // Neither a month nor a continent is a village.
    let x = Extractor::new().expect("data");
    let undated = x.code_text("t", "Bazoum was arrested by his own guard in July.", "en", None);
    let m = undated
        .iter()
        .find(|m| m.event_type.as_str() == "COERCE")
        .expect("an arrest");
    assert_eq!(place(m), None, "{m:?}");
    let m = coded(
        "The junta ended the main pillar of European cooperation in Africa.",
        "en",
        "SANCTION",
    );
    assert_eq!(place(&m), None, "{m:?}");
}

#[test]
fn dutch_zijn_with_the_participle_of_a_verb_with_an_object_is_a_passive() {
    // The parser labels "zijn" a perfect's auxiliary; "gedood" takes an object, so the
    // soldiers were killed, they did not kill.
    let m = coded("Drie soldaten zijn bij de aanval gedood.", "nl", "ASSAULT");
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), None);
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Military"));
    let m = coded(
        "Meer dan tweehonderd burgers zijn in Barsalogho vermoord.",
        "nl",
        "ASSAULT",
    );
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Civilians"));
    // A verb without an object keeps its perfect: the troops left.
    let m = coded("De Franse troepen zijn uit Niger vertrokken.", "nl", "RETREAT");
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("France military"));
}

#[test]
fn an_opening_participle_says_when_and_where_its_verbs_subject_acted() {
    let m = first(
        "Speaking in Niamey on Monday, General Abdourahamane Tiani accused France of arming jihadist groups.",
        "DISAPPROVE",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Abdourahamane Tiani"));
    assert_eq!(place(&m), Some("Niamey"));
    // Published on Tuesday 14 January 2025: the Monday before.
    assert_eq!(day(&m).as_deref(), Some("2025-01-13"));
    // A conjunction makes it another time: "after meeting" is no date of the accusation.
    let m = first(
        "After meeting Putin in Moscow on Monday, General Abdourahamane Tiani accused France of arming jihadist groups.",
        "DISAPPROVE",
    );
    assert_eq!(day(&m), None);
}

#[test]
fn a_name_set_off_after_a_phrase_of_place_names_it_only_for_a_noun_of_place() {
    let m = first(
        "On the African side, Côte d'Ivoire will also end its military cooperation with Mali in 2025.",
        "SANCTION",
    );
    assert_eq!(place(&m), None, "{m:?}");
    let m = first(
        "Gunmen attacked a market in the border town, Djibo, on Saturday.",
        "ASSAULT",
    );
    assert_eq!(place(&m), Some("Djibo"), "{m:?}");
}

#[test]
fn the_town_of_what_an_act_is_done_to_is_where_it_happened() {
    // The town is an of-phrase of the object, or of a noun in the object's of-phrases.
    let m = first("The army regained control of the town of Djibo.", "ASSAULT");
    assert_eq!(place(&m), Some("Djibo"), "{m:?}");
    // A country so named is whom it was done to, not where.
    let m = first("Protesters attacked the embassy of France.", "ASSAULT");
    assert_eq!(place(&m), None, "{m:?}");
}

#[test]
fn a_camp_the_gazetteer_lacks_is_named_by_its_of_phrase() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("en", "Jihadists attacked the military camp of Boulkessi on Sunday."),
        (
            "fr",
            "Les jihadistes ont attaqué le camp militaire de Boulkessi dimanche.",
        ),
    ] {
        let m = x
            .code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 1, 14))
            .into_iter()
            .find(|m| m.event_type.as_str() == "ASSAULT")
            .unwrap_or_else(|| panic!("no attack in {text}"));
        assert_eq!(place(&m), Some("Boulkessi"), "{text}: {m:?}");
    }
}

#[test]
fn a_name_that_is_a_towns_own_is_that_town_not_one_it_was_once_an_alias_of() {
    // GeoNames lists "Islamabad" among the names of Chattogram, a bigger town.
    let m = first(
        "India summoned the Pakistani envoy in Islamabad on Monday.",
        "DISAPPROVE",
    );
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Islamabad"), "{m:?}");
    let m = first("Thousands of farmers marched in New Delhi on Monday.", "PROTEST");
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("New Delhi"), "{m:?}");
}

#[test]
fn a_withdrawal_happens_in_the_country_it_leaves_an_attack_in_the_town_it_strikes() {
    // The country left is the place, not the target, whatever the preposition or the word
    // order; a body left is the target.
    for (lang, text) in [
        ("en", "The Italian army pulled out of Niger in March."),
        (
            "en",
            "Rome agreed to withdraw its remaining soldiers from Niger by June.",
        ),
        ("fr", "L'Italie a retiré ses derniers soldats du Niger en mars."),
        ("fr", "Le retrait des soldats italiens du Niger est terminé."),
        (
            "nl",
            "De terugtrekking van de Italiaanse militairen uit Niger is voltooid.",
        ),
    ] {
        let m = first_in(lang, text, "RETREAT");
        assert_eq!(place(&m), Some("Niger"), "{text}: {m:?}");
        assert!(m.actor2.is_none(), "{text}: {m:?}");
    }
    let m = first_in("en", "Burkina Faso pulled out of ECOWAS in January.", "SANCTION");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("ECOWAS"), "{m:?}");
    // Not a visit's: the guest's country is no place.
    let m = first_in(
        "fr",
        "Le président guinéen a reçu mardi l'ambassadeur d'Espagne à Conakry.",
        "CONSULT",
    );
    assert_eq!(place(&m), Some("Conakry"), "{m:?}");
    // A visit to a town named after the date, in Dutch word order.
    let m = first_in("nl", "Een Chinese delegatie bezocht vorige week Agadez.", "CONSULT");
    assert_eq!(place(&m), Some("Agadez"), "{m:?}");
    // The town an attack strikes, in the active and the passive.
    for (lang, text) in [
        ("en", "Gunmen attacked Ménaka on Sunday."),
        ("en", "Ménaka was attacked by gunmen on Sunday."),
        ("fr", "Des hommes armés ont attaqué Ménaka dimanche."),
        ("nl", "Gewapende mannen vielen zondag Ménaka aan."),
    ] {
        let m = first_in(lang, text, "ASSAULT");
        assert_eq!(place(&m), Some("Ménaka"), "{text}: {m:?}");
    }
    // A country attacked is the target, not the place.
    let m = first_in("en", "Ethiopia attacked Eritrea on Sunday.", "ASSAULT");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Eritrea"), "{m:?}");
    assert_eq!(place(&m), None, "{m:?}");
}

#[test]
fn an_envoys_posting_names_the_state_recalled_from_not_where() {
    for (lang, text) in [
        ("en", "Morocco recalled its ambassador in Algiers for consultations."),
        ("en", "Morocco recalled its ambassador to Algeria for consultations."),
        ("fr", "Le Maroc a rappelé son ambassadeur à Alger pour consultations."),
        ("nl", "Marokko riep zijn ambassadeur in Algiers terug voor overleg."),
    ] {
        let m = first_in(lang, text, "SANCTION");
        assert_eq!(
            m.actor2.as_ref().map(|a| a.name.as_str()),
            Some("Algeria"),
            "{text}: {m:?}"
        );
        assert_eq!(place(&m), None, "{text}: {m:?}");
    }
    // An event noun's phrase after the source's own is no target.
    let text = "Spain agreed to withdraw its soldiers from Chad at the request of the Chadian government.";
    let m = first_in("en", text, "RETREAT");
    assert_eq!(m.actor2, None, "{m:?}");
}

#[test]
fn a_march_through_a_town_by_a_count_of_people_happens_there() {
    for (lang, text) in [
        (
            "nl",
            "Honderden studenten marcheerden door Niamey om betere beurzen te eisen.",
        ),
        ("fr", "Des centaines d'étudiants ont défilé par Niamey."),
    ] {
        let m = first_in(lang, text, "PROTEST");
        assert_eq!(place(&m), Some("Niamey"), "{text}: {m:?}");
        assert_eq!(m.actor2, None, "{text}: {m:?}");
        assert_eq!(
            m.actor1.as_ref().map(|a| a.name.as_str()),
            Some("Students"),
            "{text}: {m:?}"
        );
    }
    // A passive's agent stays its source.
    let m = first_in("nl", "Gao werd dinsdag aangevallen door jihadisten.", "ASSAULT");
    assert_eq!(
        m.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Armed groups"),
        "{m:?}"
    );
}

#[test]
fn an_adverb_after_a_village_the_gazetteer_lacks_leaves_it_the_place() {
    let m = first_in("en", "Gunmen stormed the village of Dan Kori overnight.", "ASSAULT");
    assert_eq!(place(&m), Some("Dan Kori"), "{m:?}");
}

#[test]
fn the_country_described_by_its_region_is_the_storys_country() {
    let text = "Chad has asked foreign forces to leave. Chadian officials said on Monday that \
                France would withdraw its last soldiers from the Central African country by March.";
    let m = first(text, "RETREAT");
    assert_eq!(place(&m), Some("Chad"), "{m:?}");
    // Not the region itself, and not a country the phrase does not describe by name.
    let text = "Chad has asked foreign forces to leave. France will withdraw its soldiers from \
                the neighbouring country.";
    let m = first(text, "RETREAT");
    assert_ne!(place(&m), Some("Chad"), "{m:?}");
}

#[test]
fn a_companion_of_the_subject_is_no_target() {
    let text = "The Nigerien army, together with Chadian troops, recaptured the town of Bosso.";
    let m = first(text, "ASSAULT");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), None, "{m:?}");
    let text = "Het Nigerese leger heeft samen met Tsjadische troepen de stad Bosso heroverd.";
    let m = first_in("nl", text, "ASSAULT");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), None, "{m:?}");
    // Two phrases side by side before a Dutch verb at the end are two, not one.
    let text = "Het Nigerese leger heeft samen met Tsjadische troepen het dorp aangevallen.";
    let m = first_in("nl", text, "ASSAULT");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), None, "{m:?}");
}

#[test]
fn a_clause_opened_by_where_happens_at_the_place_before_it() {
    let text = "The refugees were taken to Diffa, where the Red Cross will provide them with food aid.";
    let m = first(text, "AID");
    assert_eq!(place(&m), Some("Diffa"), "{m:?}");
    let text = "Les manifestants ont marché jusqu'à Zinder, où la police a tiré des gaz lacrymogènes.";
    let m = first_in("fr", text, "COERCE");
    assert_eq!(place(&m), Some("Zinder"), "{m:?}");
    let text = "De betogers trokken naar Zinder, waar de politie traangas afvuurde.";
    let m = first_in("nl", text, "COERCE");
    assert_eq!(place(&m), Some("Zinder"), "{m:?}");
}

#[test]
fn a_town_compounded_before_what_an_act_is_done_to_is_where() {
    let m = first("The army closed the Gao market on Friday.", "COERCE");
    assert_eq!(place(&m), Some("Gao"), "{m:?}");
    // Not a region's name, nor a town's that names an agreement.
    let m = first(
        "Burkina Faso and Niger signed the Liptako-Gourma charter last year.",
        "AGREE",
    );
    assert_eq!(place(&m), None, "{m:?}");
    // Nor a town compounded before a noun further up than what the act is done to.
    let text = "Paris agreed on Friday to pull out its soldiers, at the request of the Bamako regime.";
    let m = first(text, "DEMAND");
    assert_eq!(place(&m), None, "{m:?}");
}

#[test]
fn the_second_side_of_a_between_phrase_is_not_the_first() {
    let text = "Algeria hosted talks between Mali and the United States in March.";
    let x = Extractor::new().expect("data");
    let ms = x.code_text("t", text, "en", chrono::NaiveDate::from_ymd_opt(2025, 1, 14));
    let talks = ms
        .iter()
        .find(|m| m.evidence.trigger.as_ref().is_some_and(|t| t.text == "talks"))
        .unwrap_or_else(|| panic!("no talks in {ms:?}"));
    assert_eq!(
        talks.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Mali"),
        "{talks:?}"
    );
    assert_eq!(
        talks.actor2.as_ref().map(|a| a.name.as_str()),
        Some("United States"),
        "{talks:?}"
    );
}

#[test]
fn an_event_noun_that_opens_the_sentence_is_read_as_one() {
    // Written with a capital as every first word, "Talks" was read as a name.
    let text = "Talks between Chad and the European Union opened in Brussels on Monday.";
    let m = first(text, "CONSULT");
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Chad"), "{m:?}");
    assert_eq!(place(&m), Some("Brussels"), "{m:?}");
}

#[test]
fn people_in_a_town_are_not_the_country_the_town_is_in() {
    let text = "Twelve villagers were killed on Sunday by gunmen in the village of Koutougou in northern Burkina Faso.";
    let m = first(text, "ASSAULT");
    assert_eq!(
        m.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Armed groups"),
        "{m:?}"
    );
}

#[test]
fn a_region_compounded_with_a_side_of_between_is_no_place() {
    let text = "Qatar hosted talks between the Sahel governments and the rebels.";
    let m = first(text, "CONSULT");
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Qatar"), "{m:?}");
    assert_eq!(place(&m), None, "{m:?}");
}

#[test]
fn the_town_a_subject_came_from_is_not_where_it_went() {
    let text = "Officials from Ménaka travelled to Niamey on Monday.";
    let m = first(text, "CONSULT");
    assert_eq!(place(&m), Some("Niamey"), "{m:?}");
}

#[test]
fn a_body_named_where_the_target_is_is_no_target() {
    let m = first(
        "Police dispersed protesters outside the Malian embassy in Niamey.",
        "COERCE",
    );
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Protesters"), "{m:?}");
}

#[test]
fn the_town_an_act_of_the_same_event_names_beats_its_country() {
    let m = first(
        "Gunmen attacked a cattle market in the town of Ansongo in eastern Mali on Friday, killing nine traders, residents said.",
        "ASSAULT",
    );
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Ansongo"), "{m:?}");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Civilians"), "{m:?}");
}

#[test]
fn where_the_subject_is_yields_to_where_the_act_is() {
    let text = "The military authorities in Gao imposed a curfew on the Menaka region after a string of attacks.";
    let m = first(text, "COERCE");
    assert_eq!(place(&m), Some("Ménaka"), "{m:?}");
    // With no other, the subject's place is where it acted.
    let m = first("Protesters in Zinder burned tyres on Monday.", "PROTEST");
    assert_eq!(place(&m), Some("Zinder"), "{m:?}");
}
