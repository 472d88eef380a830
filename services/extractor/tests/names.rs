//! Names as the press writes them: a capital stands for its government under its name in
//! the article's language ("Moscou", "Peking"), as a seat of government does ("Cotonou",
//! "Den Haag"), and a person or place is found with or
//! without the diacritics of its name; an official titled for a town is of its state; an
//! acronym names the body the article spelled out, and a compound of an armed body and a
//! group noun ("JNIM-strijders") is that body; a country adjective the treebank never saw
//! qualifies its noun, and of two coordinated ones the first names the first side; a noun
//! the actor data knows for a group of people is never read as a verb, and one before
//! another ("military instructors") gives its country to the head; "the two men" are the two
//! people the sentence before named.
//! Sentences written for these tests.

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;

fn first(x: &Extractor, text: &str, lang: &str, ty: &str) -> EventMention {
    x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 9, 10))
        .into_iter()
        .find(|m| m.event_type.as_str() == ty)
        .unwrap_or_else(|| panic!("no {ty} in {text}"))
}

fn actor1(m: &EventMention) -> Option<&str> {
    m.actor1.as_ref().map(|a| a.name.as_str())
}

#[test]
fn a_capital_named_in_the_articles_language_stands_for_its_state() {
    let x = Extractor::new().expect("data");
    for (lang, text, state) in [
        ("fr", "Moscou a critiqué la décision lundi.", "Russia"),
        ("fr", "Pékin a condamné les sanctions lundi.", "China"),
        ("nl", "Peking veroordeelde de sancties maandag.", "China"),
        ("en", "Moscow criticised the decision on Monday.", "Russia"),
        // A seat of government that is not the capital stands for its state too.
        ("fr", "Cotonou a critiqué la décision lundi.", "Benin"),
        ("nl", "Den Haag veroordeelde de sancties maandag.", "Netherlands"),
        ("en", "Abidjan condemned the sanctions on Monday.", "Côte d'Ivoire"),
    ] {
        let m = x
            .code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 9, 10))
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no mention in {text}"));
        assert_eq!(actor1(&m), Some(state), "{text}: {m:?}");
    }
}

#[test]
fn names_are_found_with_or_without_their_diacritics() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Aleksandar Vučić rejected early elections on Sunday.",
        "en",
        "REJECT",
    );
    assert!(actor1(&m).is_some_and(|a| a.starts_with("Aleksandar Vu")), "{m:?}");
    let m = first(
        &x,
        "Gunmen attacked a village near Tillaberi on Sunday.",
        "en",
        "ASSAULT",
    );
    assert!(m.place.is_some(), "{m:?}");
}

#[test]
fn an_official_titled_for_a_town_is_of_its_state() {
    let x = Extractor::new().expect("data");
    for (lang, text, state) in [
        ("en", "The mayor of Niamey banned protests on Monday.", "Niger"),
        (
            "fr",
            "Le gouverneur de Tillabéri a interdit les manifestations lundi.",
            "Niger",
        ),
        (
            "nl",
            "De burgemeester van Bamako verbood maandag de betogingen.",
            "Mali",
        ),
    ] {
        let m = first(&x, text, lang, "COERCE");
        let a = m
            .actor1
            .as_ref()
            .unwrap_or_else(|| panic!("no source in {text}: {m:?}"));
        assert_eq!(a.name, state, "{text}: {m:?}");
    }
    // A title alone names no state.
    let m = first(&x, "The governor banned protests on Monday.", "en", "COERCE");
    assert_eq!(actor1(&m), None, "{m:?}");
}

#[test]
fn an_acronym_names_the_body_the_article_spelled_out() {
    let x = Extractor::new().expect("data");
    let text = "Fighting between the army and the Rapid Support Forces has intensified. \
                On Sunday, the RSF shelled a camp near the city, killing 30 civilians.";
    let out = x.code_text("t", text, "en", chrono::NaiveDate::from_ymd_opt(2025, 10, 22));
    assert!(
        out.iter()
            .any(|m| m.event_type.as_str() == "ASSAULT" && actor1(m) == Some("Rapid Support Forces")),
        "{out:?}"
    );
    // Without the name spelled out, the acronym keeps its other reading.
    let out = x.code_text(
        "t",
        "On Sunday, RSF criticised the junta.",
        "en",
        chrono::NaiveDate::from_ymd_opt(2025, 10, 22),
    );
    assert!(out.iter().all(|m| actor1(m) != Some("Rapid Support Forces")), "{out:?}");
}

#[test]
fn the_towns_of_the_sahel_are_places() {
    let x = Extractor::new().expect("data");
    for town in ["Dori", "Téra", "Kaya", "Solenzo"] {
        let text = format!("Gunmen attacked an army post in {town} on Sunday.");
        let m = first(&x, &text, "en", "ASSAULT");
        assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some(town), "{text}: {m:?}");
    }
}

#[test]
fn a_compound_of_an_armed_body_and_a_group_noun_is_that_body() {
    let x = Extractor::new().expect("data");
    for (text, body) in [
        ("JNIM-strijders doodden zondag twintig soldaten bij Gao.", "JNIM"),
        (
            "Wagner-huurlingen doodden zondag twintig burgers bij Moura.",
            "Wagner Group",
        ),
    ] {
        let m = first(&x, text, "nl", "ASSAULT");
        assert_eq!(actor1(&m), Some(body), "{text}: {m:?}");
    }
    // A body that bears no arms has no fighters: "RSF" alone stays unread as a fighter.
    let m = first(&x, "RSF-strijders doodden zondag dertig burgers.", "nl", "ASSAULT");
    assert_eq!(actor1(&m), None, "{m:?}");
}

#[test]
fn a_sahel_adjective_qualifies_its_noun_and_the_first_of_two_is_the_source() {
    let x = Extractor::new().expect("data");
    for (lang, text, ty, source) in [
        (
            "en",
            "Malian troops killed dozens of civilians.",
            "ASSAULT",
            "Mali military",
        ),
        (
            "en",
            "Nigerien soldiers arrested the mayor of Ouallam.",
            "COERCE",
            "Niger military",
        ),
        (
            "en",
            "The Malian and Moroccan armies held a joint exercise last month.",
            "COOPERATE",
            "Mali military",
        ),
        (
            "nl",
            "Het Malinese en het Marokkaanse leger hielden vorige maand een gezamenlijke oefening.",
            "COOPERATE",
            "Mali military",
        ),
        (
            "nl",
            "Het Malinese leger heeft dinsdag een aanval uitgevoerd op een kamp van JNIM.",
            "ASSAULT",
            "Mali military",
        ),
    ] {
        assert_eq!(actor1(&first(&x, text, lang, ty)), Some(source), "{text}");
    }
    // A date without a preposition hung on a noun dates the clause, whose trigger it frees.
    let text = "Algiers wees de beschuldigingen dinsdag van de hand.";
    let m = first(&x, text, "nl", "REJECT");
    assert_eq!(actor1(&m), Some("Algeria"), "{m:?}");
    assert!(m.date.is_some(), "{m:?}");
    // A date the parser made a second passive subject frees the agent it took along.
    let m = first(
        &x,
        "De president werd vorige maand door het leger afgezet.",
        "nl",
        "COERCE",
    );
    assert_eq!(actor1(&m), Some("Military"), "{m:?}");
    assert!(m.actor2.is_none(), "{m:?}");
    // A person set off by commas after the noun for his office is who acts.
    let text = "Burkina Faso's leader, Captain Ibrahim Traore, has rejected calls for elections.";
    assert_eq!(
        actor1(&first(&x, text, "en", "REJECT")),
        Some("Ibrahim Traoré"),
        "{text}"
    );
    // A named body in the phrase of a noun for people is who they are.
    let text = "A delegation from ECOWAS arrived in Bamako on Monday for talks with the junta.";
    assert_eq!(actor1(&first(&x, text, "en", "CONSULT")), Some("ECOWAS"), "{text}");
    // "France, a former partner of Niger that withdrew its troops": France withdrew its own.
    let text = "Unlike previous protests against France, a former key partner of Niger that withdrew its troops last year, the crowd targeted the United States.";
    let m = first(&x, text, "en", "RETREAT");
    assert_eq!((actor1(&m), m.actor2.as_ref()), (Some("France"), None), "{m:?}");
}

#[test]
fn a_suicide_bomber_is_an_armed_group() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "A suicide bomber blew himself up at a checkpoint in Gao, killing six soldiers.",
        ),
        ("fr", "Un kamikaze s'est fait exploser à un poste de contrôle à Gao."),
        (
            "nl",
            "Een zelfmoordterrorist doodde zes soldaten bij een controlepost in Gao.",
        ),
    ] {
        let m = first(&x, text, lang, "ASSAULT");
        assert_eq!(actor1(&m), Some("Armed groups"), "{text}: {m:?}");
    }
}

#[test]
fn the_islamic_state_in_the_sahel_is_named_in_dutch() {
    let x = Extractor::new().expect("data");
    let text = "Islamitische Staat in de Sahel heeft de aanslag op het konvooi opgeëist.";
    let m = first(&x, text, "nl", "ASSAULT");
    assert_eq!(actor1(&m), Some("Islamic State Sahel Province"), "{m:?}");
    assert!(m.place.is_none(), "the group's name is no place: {m:?}");
}

#[test]
fn a_dutch_compound_ending_with_a_group_noun_is_that_group() {
    let x = Extractor::new().expect("data");
    for (text, ty, want) in [
        (
            "Tuaregrebellen hebben bij Kidal een helikopter van het Malinese leger neergeschoten.",
            "ASSAULT",
            "Armed groups",
        ),
        (
            "Toeareg-rebellen hebben een legerpost aangevallen.",
            "ASSAULT",
            "Armed groups",
        ),
        ("Regeringstroepen hebben de stad heroverd.", "ASSAULT", "Military"),
    ] {
        let m = first(&x, text, "nl", ty);
        assert_eq!(actor1(&m), Some(want), "{text}: {m:?}");
    }
    // An acronym before the hyphen names a body: its fighters are not any armed group.
    let m = first(&x, "RSF-strijders doodden zondag dertig burgers.", "nl", "ASSAULT");
    assert_ne!(actor1(&m), Some("Armed groups"), "{m:?}");
}

#[test]
fn armed_individuals_and_thousands_of_people_are_groups() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Des individus armés ont incendié plusieurs écoles près de Bankass.",
        "fr",
        "ASSAULT",
    );
    assert_eq!(actor1(&m), Some("Armed groups"), "{m:?}");
    let m = first(
        &x,
        "Plusieurs milliers de personnes ont manifesté à Bamako.",
        "fr",
        "PROTEST",
    );
    assert_eq!(actor1(&m), Some("Protesters"), "{m:?}");
}

#[test]
fn civilian_governments_are_governments() {
    let x = Extractor::new().expect("data");
    let text = "In these three countries, civilian governments have been overthrown by the army.";
    let m = first(&x, text, "en", "COERCE");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Government"), "{m:?}");
}

#[test]
fn a_group_noun_the_tagger_took_for_a_verb_is_still_the_target() {
    // The Dutch tagger reads "jihadisten" by its ending as a past tense; the actor data
    // knows it as a group of people, so it stays a noun and the object of "gedood".
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Het leger heeft bij luchtaanvallen in het noorden van Mali tientallen jihadisten gedood.",
        "nl",
        "ASSAULT",
    );
    assert_eq!(
        m.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Armed groups"),
        "{m:?}"
    );
}

#[test]
fn a_group_noun_before_another_gives_its_country_to_the_head() {
    // "military" modifies "instructors": the Russian instructors are Russia's, not the
    // military of the country the article is about.
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Russian military instructors arrived in Niamey on Thursday.",
        "en",
        "CONSULT",
    );
    assert_eq!(actor1(&m), Some("Russia military"), "{m:?}");
    // French writes the modifier after the head and the country after both.
    let m = first(
        &x,
        "Des instructeurs militaires russes ont tué dix civils.",
        "fr",
        "ASSAULT",
    );
    assert_eq!(actor1(&m), Some("Russia military"), "{m:?}");
}

#[test]
fn a_weekday_is_no_subordinator_and_the_subject_keeps_its_verb() {
    // The Dutch tagger read "dinsdag" as a subordinator, which split the clause in two and
    // left the attack without its source.
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Jihadisten hebben dinsdag een konvooi van het leger aangevallen bij Djibo.",
        "nl",
        "ASSAULT",
    );
    assert_eq!(actor1(&m), Some("Armed groups"), "{m:?}");
    assert_eq!(
        m.date.as_ref().map(|d| d.start.to_string()).as_deref(),
        Some("2025-09-09"),
        "{m:?}"
    );
}

#[test]
fn a_body_and_its_envoys_written_as_one_word_are_that_body() {
    let x = Extractor::new().expect("data");
    // The compound is the body, and its head is the word a trigger asks for ("ontvangen
    // delegatie").
    let m = first(&x, "Tiani heeft de ECOWAS-delegatie ontvangen.", "nl", "CONSULT");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("ECOWAS"), "{m:?}");
    let m = first(&x, "De VN-woordvoerder veroordeelde de aanval.", "nl", "DISAPPROVE");
    assert_eq!(actor1(&m), Some("United Nations"), "{m:?}");
    let m = first(
        &x,
        "Oppositieleiders werden maandag in Niamey gearresteerd door de politie.",
        "nl",
        "COERCE",
    );
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Opposition"), "{m:?}");
}

#[test]
fn a_count_between_an_owner_and_its_troops_keeps_them_its_own() {
    // "its roughly 1,000 troops" are the United States' own, no target of the withdrawal.
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "The United States has agreed to withdraw its roughly 1,000 troops from Niger by September.",
        "en",
        "RETREAT",
    );
    assert_eq!(actor1(&m), Some("United States"), "{m:?}");
    assert_eq!(m.actor2, None, "{m:?}");
}

#[test]
fn dutch_het_as_a_subject_refers_back_to_the_speaker() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Het Malinese leger zegt dat het een aanval van rebellen op Kidal heeft afgeslagen.",
        "nl",
        "ASSAULT",
    );
    assert_eq!(actor1(&m), Some("Mali military"), "{m:?}");
}

#[test]
fn the_companies_of_sahel_mining_news_are_actors_not_places() {
    let x = Extractor::new().expect("data");
    // "Orano" is also GeoNames' Italian name for Oran: a company named is no place.
    let text = "Les autorités nigériennes ont retiré la licence d'exploitation d'Orano à Arlit.";
    let m = first(&x, text, "fr", "SANCTION");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Orano"), "{m:?}");
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Arlit"), "{m:?}");
    let text = "Mali's government seized three tonnes of gold from Barrick's mine in January.";
    let m = first(&x, text, "en", "COERCE");
    assert_eq!(
        m.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Barrick Gold"),
        "{m:?}"
    );
}

#[test]
fn the_militias_and_armed_groups_of_todays_sahel_are_known() {
    let x = Extractor::new().expect("data");
    for (lang, text, source) in [
        (
            "fr",
            "Des chasseurs dozos ont attaqué un village près de Ségou.",
            "Dozo hunters",
        ),
        (
            "en",
            "The Patriotic Liberation Front claimed an attack on the oil pipeline in Niger.",
            "Patriotic Liberation Front",
        ),
        ("en", "Koglweogo militiamen attacked a village near Kaya.", "Koglweogo"),
    ] {
        let m = first(&x, text, lang, "ASSAULT");
        assert_eq!(actor1(&m), Some(source), "{text}: {m:?}");
    }
}

#[test]
fn the_two_men_are_the_two_people_named_before() {
    let x = Extractor::new().expect("data");
    for (lang, text, ty) in [
        (
            "en",
            "Guinea's leader Mamadi Doumbouya received Ibrahim Traoré in Conakry on Monday. The two men signed a defence pact.",
            "AGREE",
        ),
        (
            "fr",
            "Mamadi Doumbouya a reçu lundi Ibrahim Traoré à Conakry. Les deux hommes ont signé un pacte de défense.",
            "AGREE",
        ),
    ] {
        let ms = x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 9, 10));
        let m = ms
            .iter()
            .find(|m| m.event_type.as_str() == ty)
            .unwrap_or_else(|| panic!("no {ty} in {text}: {ms:?}"));
        let name = |a: &Option<sahel_schemas::event::Actor>| a.as_ref().map(|a| a.name.clone());
        assert_eq!(name(&m.actor1).as_deref(), Some("Mamadi Doumbouya"), "{text}: {ms:?}");
        assert_eq!(name(&m.actor2).as_deref(), Some("Ibrahim Traoré"), "{text}: {ms:?}");
    }
    // Three people named: no pair to read.
    let text =
        "Mamadi Doumbouya received Ibrahim Traoré and Assimi Goïta in Conakry. The two men signed a defence pact.";
    let ms = x.code_text("t", text, "en", chrono::NaiveDate::from_ymd_opt(2025, 9, 10));
    let agree: Vec<_> = ms.iter().filter(|m| m.event_type.as_str() == "AGREE").collect();
    assert!(!agree.is_empty() && agree.iter().all(|m| m.actor1.is_none()), "{ms:?}");
}

#[test]
fn a_longer_name_starting_inside_a_shorter_one_is_the_name_meant() {
    let x = Extractor::new().expect("data");
    // "the Islamic State" matched first, and "in the Greater Sahara" became the place.
    let text = "Fighters of the Islamic State in the Greater Sahara attacked an army post near Ansongo.";
    let m = first(&x, text, "en", "ASSAULT");
    assert_eq!(
        m.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Islamic State Sahel Province"),
        "{m:?}"
    );
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Ansongo"), "{m:?}");
}

#[test]
fn a_known_person_after_a_role_and_a_title_in_apposition_is_that_person() {
    let x = Extractor::new().expect("data");
    // "General Sadio Camara" was an unknown person of that name, titles and all.
    let text = "Vladimir Putin met the defence minister, General Sadio Camara, in Moscow.";
    let m = first(&x, text, "en", "CONSULT");
    assert_eq!(
        m.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Sadio Camara"),
        "{m:?}"
    );
    // Past two titles.
    let text = "Vladimir Putin received the Malian defence minister, Colonel General Sadio Camara, in Moscow.";
    let m = first(&x, text, "en", "CONSULT");
    assert_eq!(
        m.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Sadio Camara"),
        "{m:?}"
    );
}

#[test]
fn a_states_force_named_by_its_town_is_that_states_and_drugs_seized_are_coded() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Police in Zinder arrested six suspected smugglers on Sunday.",
        "en",
        "COERCE",
    );
    assert_eq!(
        m.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Niger police"),
        "{m:?}"
    );
    let m = first(
        &x,
        "Protesters in Zinder demanded the release of the detainees.",
        "en",
        "DEMAND",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Protesters"), "{m:?}");
    let m = first(
        &x,
        "Customs officers seized 200 kilograms of cannabis near Zinder.",
        "en",
        "COERCE",
    );
    assert_eq!(m.event_mode.as_deref(), Some("seize"), "{m:?}");
}

#[test]
fn a_capital_in_the_phrase_of_a_thing_is_a_place_not_its_government() {
    let x = Extractor::new().expect("data");
    // "the streets of Bamako" made Mali the protest's target.
    for (lang, text) in [
        ("en", "Protesters blocked the streets of Bamako on Saturday."),
        ("fr", "Des manifestants ont bloqué les rues de Bamako samedi."),
    ] {
        let m = first(&x, text, lang, "PROTEST");
        assert!(m.actor2.is_none(), "{lang}: {m:?}");
        assert_eq!(
            m.place.as_ref().map(|p| p.name.as_str()),
            Some("Bamako"),
            "{lang}: {m:?}"
        );
    }
    // "les autorités de Niamey" are its government.
    let m = first(
        &x,
        "Les autorités de Niamey ont expulsé trois diplomates français.",
        "fr",
        "SANCTION",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Niger"), "{m:?}");
}

#[test]
fn omans_foreign_minister_and_chinas_export_import_bank_are_known() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Badr Albusaidi met the Iranian foreign minister in Muscat on Sunday.",
        "en",
        "CONSULT",
    );
    assert_eq!(
        m.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Badr Albusaidi"),
        "{m:?}"
    );
    assert_eq!(
        m.actor1.as_ref().and_then(|a| a.country.as_deref()),
        Some("OMN"),
        "{m:?}"
    );
    let m = first(
        &x,
        "China's Export-Import Bank agreed to lend Chad $300 million.",
        "en",
        "AGREE",
    );
    assert_eq!(
        m.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Export-Import Bank of China"),
        "{m:?}"
    );
}
