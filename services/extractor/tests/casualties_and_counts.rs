//! Who died in an event named by a noun, and when and where; counts of people the parser reads
//! as the head of their phrase; plural group nouns that name no one country; verbs the
//! lemmatizer misreads; aid named in the phrase of an amount; forces that fall into an
//! ambush, or that an attack is done by or to, are no deployment. Sentences written for these
//! tests (none from the gold or the seeds), published on Tuesday 1 October 2024.

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;

fn code(x: &Extractor, text: &str, lang: &str) -> Vec<EventMention> {
    x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2024, 10, 1))
}

/// The first mention of type `ty`.
fn first(x: &Extractor, text: &str, lang: &str, ty: &str) -> EventMention {
    let ms = code(x, text, lang);
    ms.iter()
        .find(|m| m.event_type.as_str() == ty)
        .cloned()
        .unwrap_or_else(|| panic!("no {ty} in {text}: {ms:?}"))
}

fn name(a: &Option<sahel_schemas::event::Actor>) -> Option<&str> {
    a.as_ref().map(|a| a.name.as_str())
}

#[test]
fn who_died_in_an_event_noun_is_its_target_and_the_deaths_date_and_place_are_its_own() {
    let x = Extractor::new().expect("data");
    for (lang, text, day, place) in [
        (
            "en",
            "Twenty civilians died on Saturday in an attack in Gao.",
            28,
            "Gao",
        ),
        ("fr", "Vingt civils ont péri samedi dans une attaque à Gao.", 28, "Gao"),
        (
            "nl",
            "Bij een aanval in Gao zijn zaterdag twintig burgers omgekomen.",
            28,
            "Gao",
        ),
    ] {
        let m = first(&x, text, lang, "ASSAULT");
        let date = m.date.as_ref().unwrap_or_else(|| panic!("{text}: no date"));
        assert_eq!(
            date.start,
            chrono::NaiveDate::from_ymd_opt(2024, 9, day).unwrap(),
            "{text}"
        );
        assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some(place), "{text}");
        assert_eq!(name(&m.actor2), Some("Civilians"), "{text}");
    }
    // A Dutch "twelve dead fell in a bomb attack": the deaths' day is the attack's.
    let text = "Bij een bomaanslag op een markt in Gao zijn zaterdag zeker twaalf doden gevallen.";
    let m = first(&x, text, "nl", "ASSAULT");
    assert_eq!(
        m.date.map(|d| d.start),
        chrono::NaiveDate::from_ymd_opt(2024, 9, 28),
        "{text}"
    );
    // A verb that is no death keeps its date to itself: the attack in the oblique of a
    // report is dated by nothing.
    let text = "The army reported on Saturday on an attack in Gao.";
    for m in code(&x, text, "en")
        .iter()
        .filter(|m| m.evidence.trigger.as_ref().is_some_and(|t| t.text == "attack"))
    {
        assert!(m.actor2.is_none(), "{text}: {m:?}");
    }
}

#[test]
fn more_than_a_count_of_people_is_people() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "fr",
            "Des soldats burkinabè ont exécuté plus de deux cents civils en février.",
        ),
        ("en", "Soldiers executed more than 200 civilians in February."),
        ("nl", "Soldaten hebben meer dan tweehonderd burgers geëxecuteerd."),
    ] {
        let m = first(&x, text, lang, "ASSAULT");
        assert_eq!(name(&m.actor2), Some("Civilians"), "{text}");
    }
    // Executing a plan is no killing, however many parts it has.
    let text = "Le gouvernement a exécuté plus de deux cents projets en février.";
    assert!(
        code(&x, text, "fr").iter().all(|m| m.event_type.as_str() != "ASSAULT"),
        "{text}"
    );
}

#[test]
fn herders_and_shepherds_are_civilians() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("en", "Wagner mercenaries killed dozens of shepherds near Moura."),
        (
            "fr",
            "Des mercenaires de Wagner ont tué des dizaines de bergers près de Moura.",
        ),
        ("nl", "Soldaten hebben tientallen veehoeders gedood bij Moura."),
        // ("herders", unknown to the tagger, was read as an adverb.)
        ("nl", "JNIM-strijders hebben tientallen herders gedood bij Moura."),
    ] {
        let m = first(&x, text, lang, "ASSAULT");
        assert_eq!(name(&m.actor2), Some("Civilians"), "{text}");
    }
}

#[test]
fn juntas_in_the_plural_are_no_one_countrys_junta() {
    let x = Extractor::new().expect("data");
    // In an article about Niger, "the junta" is Niger's; "juntas" are several.
    let text = "Niger's junta expelled the French ambassador. Military juntas across the region \
                have cut ties with France.";
    let ms = code(&x, text, "en");
    let cut = ms
        .iter()
        .find(|m| m.event_type.as_str() == "SANCTION" && m.evidence.sentence_index == 1)
        .unwrap_or_else(|| panic!("no SANCTION: {ms:?}"));
    let a1 = cut.actor1.as_ref().expect("actor 1");
    assert_eq!(a1.name, "Military juntas", "{cut:?}");
    assert_eq!(a1.country, None, "{cut:?}");
    for (lang, text) in [
        ("fr", "Les juntes ont rompu les liens avec la France."),
        ("nl", "De militaire junta's hebben de banden met Frankrijk verbroken."),
    ] {
        let m = first(&x, text, lang, "SANCTION");
        assert_eq!(name(&m.actor1), Some("Military juntas"), "{text}");
    }
}

#[test]
fn a_relative_clause_set_off_after_its_noun_binds_it_wherever_the_parser_hung_it() {
    let x = Extractor::new().expect("data");
    let text = "The pattern is familiar in countries run by military juntas, which have cut ties \
                with France and turned to Russia.";
    let m = first(&x, text, "en", "SANCTION");
    assert_eq!(name(&m.actor1), Some("Military juntas"), "{m:?}");
}

#[test]
fn declaring_a_diplomat_persona_non_grata_expels_and_toezeggen_promises() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "The Nigerien authorities declared the French ambassador persona non grata.",
        ),
        (
            "fr",
            "Les autorités nigériennes ont déclaré l'ambassadeur de France persona non grata.",
        ),
    ] {
        let m = first(&x, text, lang, "SANCTION");
        assert_eq!(m.event_mode.as_deref(), Some("expel"), "{text}");
        assert_eq!(name(&m.actor1), Some("Niger"), "{text}");
    }
    let text = "De Verenigde Staten hebben Niger 50 miljoen dollar aan noodhulp toegezegd.";
    let m = first(&x, text, "nl", "AGREE");
    assert_eq!(m.event_mode.as_deref(), Some("promise"), "{text}");
    assert_eq!(name(&m.actor1), Some("United States"), "{text}");
    let text = "Le gouvernement nigérien a retiré son permis d'exploitation à la société minière.";
    let m = first(&x, text, "fr", "SANCTION");
    assert_eq!(m.event_mode.as_deref(), Some("discontinue"), "{text}");
}

#[test]
fn a_verb_the_lemmatizer_misreads_has_the_lemma_the_trigger_data_gives_it() {
    let x = Extractor::new().expect("data");
    // "geland" was lemmatized "lannen", so "zijn geland" read as a passive: the soldiers
    // who landed became the visit's target.
    let text = "Russische militairen zijn in Niamey geland om het Nigerese leger te trainen.";
    let m = first(&x, text, "nl", "CONSULT");
    assert_eq!(name(&m.actor1), Some("Russia military"), "{m:?}");
    assert!(m.actor2.is_none(), "{m:?}");
}

#[test]
fn aid_named_in_the_phrase_of_an_amount_is_given_by_who_announced_the_amount() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "nl",
            "De Europese Unie heeft vrijdag 20 miljoen euro aan humanitaire hulp voor de Sahel aangekondigd.",
        ),
        (
            "fr",
            "L'Union européenne a annoncé vendredi 20 millions d'euros d'aide humanitaire pour le Sahel.",
        ),
        (
            "en",
            "The European Union announced 20 million euros of humanitarian aid for the Sahel on Friday.",
        ),
    ] {
        let m = first(&x, text, lang, "AID");
        assert_eq!(name(&m.actor1), Some("European Union"), "{text}");
        assert_eq!(
            m.date.map(|d| d.start),
            chrono::NaiveDate::from_ymd_opt(2024, 9, 27),
            "{text}"
        );
    }
}

#[test]
fn a_bare_count_and_a_controlled_infinitive_give_the_killing_its_roles() {
    let x = Extractor::new().expect("data");
    // The French parser reads "civils" after "au moins vingt" as an adjective oblique.
    let text = "Des hommes armés ont tué au moins vingt civils dimanche dans l'attaque d'un marché.";
    let m = first(&x, text, "fr", "ASSAULT");
    assert_eq!(name(&m.actor2), Some("Civilians"), "{text}");
    // "zegt … te hebben uitgeschakeld": the army that says it is the army that did it.
    let text = "Het Malinese leger zegt vorige week zo'n dertig terroristen te hebben uitgeschakeld.";
    let m = first(&x, text, "nl", "ASSAULT");
    assert_eq!(name(&m.actor1), Some("Mali military"), "{text}");
    assert_eq!(name(&m.actor2), Some("Armed groups"), "{text}");
    // "des" read as "de les": the article of the object, not a preposition.
    let text = "Human Rights Watch accuse des soldats burkinabè d'avoir tué des villageois en février.";
    let ms = code(&x, text, "fr");
    let accuse = ms
        .iter()
        .find(|m| m.event_type.as_str() == "DISAPPROVE")
        .expect("the accusation");
    assert_eq!(name(&accuse.actor2), Some("Burkina Faso military"), "{ms:?}");
    let killing = ms
        .iter()
        .find(|m| m.event_type.as_str() == "ASSAULT")
        .expect("the killing");
    assert_eq!(name(&killing.actor2), Some("Civilians"), "{ms:?}");
    // "around 20 civilians" read as a phrase, and "killed" as a modifier of the noun before
    // it: once the count is the object, the participle is the clause's verb.
    let text =
        "Malian troops and Russian mercenaries killed around 20 civilians in the village of Welingara, witnesses said.";
    let m = first(&x, text, "en", "ASSAULT");
    assert_eq!(name(&m.actor1), Some("Mali military"), "{text}");
    assert_eq!(
        m.actor2.as_ref().map(|a| a.sector.as_deref()),
        Some(Some("civilians")),
        "{text}"
    );
    // Drivers killed in an ambush are its civilian victims.
    let text = "Un convoi a été attaqué lundi près de Kayes et huit chauffeurs ont été tués.";
    let m = first(&x, text, "fr", "ASSAULT");
    assert_eq!(name(&m.actor2), Some("Civilians"), "{text}");
}

#[test]
fn who_died_when_their_vehicle_struck_a_bomb_is_the_strikes_target() {
    let x = Extractor::new().expect("data");
    let text = "Twelve soldiers died on Monday when their vehicle struck a roadside bomb near Boni.";
    let m = first(&x, text, "en", "ASSAULT");
    assert_eq!(name(&m.actor2), Some("Military"), "{text}");
    let text = "Douze soldats sont morts lundi lorsque leur véhicule a sauté sur une mine près de Boni.";
    let m = first(&x, text, "fr", "ASSAULT");
    assert_eq!(name(&m.actor2), Some("Military"), "{text}");
}

#[test]
fn a_bare_event_noun_that_says_what_kind_a_thing_is_is_no_event() {
    let x = Extractor::new().expect("data");
    let text = "La Russie a livré au Mali trois hélicoptères de combat et deux avions d'attaque.";
    let ms = code(&x, text, "fr");
    assert!(ms.iter().any(|m| m.event_type.as_str() == "AID"), "{ms:?}");
    assert!(!ms.iter().any(|m| m.event_type.as_str() == "ASSAULT"), "{ms:?}");
    // A noun that carries the act is no kind of thing: "a mediation effort" is a mediation.
    let m = first(
        &x,
        "Togo launched a mediation effort between Niger and Benin on Monday.",
        "en",
        "CONSULT",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Togo"), "{m:?}");
}

#[test]
fn a_killing_told_between_the_attack_and_its_speaker_is_the_attackers() {
    let x = Extractor::new().expect("data");
    // "killing" was read as the clause "officials said" reports, and the officials killed.
    let text = "Gunmen on motorbikes attacked a cattle market in Tillaberi region, killing at least 15 people, local officials said.";
    let m = first(&x, text, "en", "ASSAULT");
    assert_eq!(
        m.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Armed groups"),
        "{m:?}"
    );
    assert_eq!(name(&m.actor2), Some("Civilians"), "{m:?}");
}

#[test]
fn a_patrol_ambushed_is_the_target_and_no_deployment() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "fr",
            "Une patrouille de l'armée nigérienne est tombée dans une embuscade près de Tillabéri jeudi.",
        ),
        (
            "en",
            "A Nigerien army patrol fell into an ambush near Tillabéri on Thursday.",
        ),
        ("en", "A Nigerien army patrol was attacked near Tillabéri on Thursday."),
    ] {
        let ms = code(&x, text, lang);
        assert!(ms.iter().all(|m| m.event_type.as_str() != "MOBILIZE"), "{text}: {ms:?}");
        let m = first(&x, text, lang, "ASSAULT");
        assert_eq!(name(&m.actor2), Some("Niger military"), "{text}: {m:?}");
        assert_eq!(
            m.place.as_ref().map(|p| p.name.as_str()),
            Some("Tillabéri"),
            "{text}: {m:?}"
        );
    }
}

#[test]
fn a_count_of_a_countrys_people_is_its_civilians() {
    let x = Extractor::new().expect("data");
    let text = "Des milliers de Tchadiens se sont rassemblés samedi à N'Djamena.";
    let m = first(&x, text, "fr", "PROTEST");
    assert_eq!(name(&m.actor1), Some("Chad civilians"), "{m:?}");
}

#[test]
fn dutch_dying_when_attackers_stormed_is_their_attack_on_the_dead() {
    let x = Extractor::new().expect("data");
    // "om het leven" (of "om het leven komen") read as the purpose marker of the clause after.
    let text = "Zeker twintig burgers kwamen zondag om het leven toen jihadisten het dorp Bouna bestormden.";
    let ms = code(&x, text, "nl");
    let attacks: Vec<&EventMention> = ms.iter().filter(|m| m.event_type.as_str() == "ASSAULT").collect();
    assert_eq!(attacks.len(), 1, "{ms:?}");
    let m = attacks[0];
    assert_eq!(name(&m.actor1), Some("Armed groups"), "{m:?}");
    assert_eq!(name(&m.actor2), Some("Civilians"), "{m:?}");
    assert_eq!(m.modality.as_str(), "asserted", "{m:?}");
}
