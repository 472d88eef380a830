//! A verb's type from what it is done to: suspending a rise one imposed eases it (CONCEDE),
//! suspending a market or a broadcast bans it (COERCE), suspending cooperation sanctions
//! (SANCTION), in English, French and Dutch; leaving a country withdraws from it, keeping a
//! border closed sanctions, swapping prisoners releases them; the side a town or arms are
//! taken from is the target ("recaptured Aguelhok from the rebels"); two conjoined acts of one
//! type and different modes are two events. Sentences written for
//! these tests.

use sahel_extractor::Extractor;
use sahel_schemas::event::EventMention;

/// The mentions of one text, published on 10 September 2025.
fn code(x: &Extractor, text: &str, lang: &str) -> Vec<EventMention> {
    x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 9, 10))
}

fn types(x: &Extractor, text: &str, lang: &str) -> Vec<String> {
    code(x, text, lang)
        .into_iter()
        .map(|m| m.event_type.as_str().to_owned())
        .collect()
}

/// The first mention of type `ty`.
fn first(x: &Extractor, text: &str, lang: &str, ty: &str) -> EventMention {
    let ms = code(x, text, lang);
    ms.iter()
        .find(|m| m.event_type.as_str() == ty)
        .cloned()
        .unwrap_or_else(|| panic!("no {ty} in {text}: {ms:?}"))
}

#[test]
fn what_is_suspended_gives_the_type() {
    let x = Extractor::new().expect("data");
    for (lang, text, want) in [
        (
            "en",
            "The government suspended the fuel price increase on Monday.",
            "CONCEDE",
        ),
        (
            "fr",
            "Le gouvernement a suspendu la hausse du prix du carburant lundi.",
            "CONCEDE",
        ),
        (
            "nl",
            "De regering heeft maandag de verhoging van de brandstofprijs opgeschort.",
            "CONCEDE",
        ),
        (
            "en",
            "The governor suspended the weekly market in Gao on Monday.",
            "COERCE",
        ),
        (
            "fr",
            "Le gouvernement a suspendu le marché de bétail de Gao lundi.",
            "COERCE",
        ),
        (
            "en",
            "Mali suspended its military cooperation with France on Monday.",
            "SANCTION",
        ),
    ] {
        let got = types(&x, text, lang);
        assert_eq!(got.first().map(String::as_str), Some(want), "{text}: {got:?}");
    }
}

#[test]
fn leaving_a_country_is_a_withdrawal_from_where_it_was() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "The mercenaries left Chad in March after the contract ended.",
        "en",
        "RETREAT",
    );
    // The country left is where, not whom the act is done to.
    assert!(m.actor2.is_none(), "{:?}", m.actor2);
    assert_eq!(
        m.place.as_ref().and_then(|p| p.country.as_deref()),
        Some("TCD"),
        "{:?}",
        m.place
    );
    // Leaving a thing, or leaving a city for a trip, is no withdrawal; nor is a country
    // further down the sentence.
    for text in [
        "The minister left a message for the ambassador on Monday.",
        "The envoy left from Lagos and the commander, who visited Chad last month, joined him.",
    ] {
        let got = types(&x, text, "en");
        assert!(!got.iter().any(|t| t == "RETREAT"), "{text}: {got:?}");
    }
    // The same in French and Dutch.
    for (lang, text) in [
        ("fr", "Les mercenaires ont quitté le Tchad en mars."),
        ("nl", "De huurlingen verlieten Tsjaad in maart."),
    ] {
        let m = first(&x, text, lang, "RETREAT");
        assert!(m.actor2.is_none(), "{text}: {:?}", m.actor2);
        assert_eq!(
            m.place.as_ref().and_then(|p| p.country.as_deref()),
            Some("TCD"),
            "{text}"
        );
    }
    // A body named beats a class: leaving ECOWAS with two countries is leaving ECOWAS.
    let text = "Le pays a quitté la CEDEAO en janvier avec le Mali et le Niger.";
    assert_eq!(types(&x, text, "fr"), vec!["SANCTION"], "{text}");
}

#[test]
fn keeping_a_border_closed_sanctions_and_swapping_prisoners_releases_them() {
    let x = Extractor::new().expect("data");
    for (lang, text, want) in [
        (
            "en",
            "Chad has kept its border with Sudan closed since the spring.",
            "SANCTION",
        ),
        (
            "fr",
            "Le Tchad maintient sa frontière avec le Soudan fermée depuis le printemps.",
            "SANCTION",
        ),
        (
            "nl",
            "Tsjaad houdt de grens met Soedan sinds het voorjaar dicht.",
            "SANCTION",
        ),
        // A Dutch plural the lemmatizer cuts short ("krijgsgevangenen" → "krijgsgevangen").
        (
            "nl",
            "Armenië en Azerbeidzjan wisselen 30 krijgsgevangenen uit.",
            "CONCEDE",
        ),
    ] {
        let got = types(&x, text, lang);
        assert!(got.iter().any(|t| t == want), "{text}: {got:?}");
    }
    // Keeping a border open is no sanction.
    let got = types(&x, "Chad has kept its border with Sudan open since the spring.", "en");
    assert!(!got.iter().any(|t| t == "SANCTION"), "{got:?}");
}

#[test]
fn a_preposition_the_verb_needs_counts_where_the_parser_hung_it_on_the_object() {
    let x = Extractor::new().expect("data");
    // "à la retenue" read as a modifier of "autorités": still "appeler à", a demand.
    let got = types(
        &x,
        "L'Union africaine a appelé les autorités maliennes à la retenue et au dialogue.",
        "fr",
    );
    assert!(got.iter().any(|t| t == "DEMAND"), "{got:?}");
    // "in brand" read as a modifier of the object's own modifier: still "in brand steken".
    let text = "Jihadisten hebben in Mali een konvooi met brandstof in brand gestoken.";
    assert_eq!(types(&x, text, "nl"), vec!["ASSAULT"], "{text}");
}

#[test]
fn who_provides_an_aid_noun_is_its_source() {
    let x = Extractor::new().expect("data");
    for (lang, text, source) in [
        (
            "fr",
            "À Agadez, l'Organisation internationale pour les migrations leur fournira une assistance.",
            "International Organization for Migration",
        ),
        (
            "nl",
            "Japan verleende de vluchtelingen in Tsjaad humanitaire bijstand.",
            "Japan",
        ),
        (
            "en",
            "Turkey provided humanitarian assistance to the refugees in Chad.",
            "Turkey",
        ),
    ] {
        let aid = first(&x, text, lang, "AID");
        assert_eq!(aid.actor1.as_ref().map(|a| a.name.as_str()), Some(source), "{text}");
    }
}

#[test]
fn what_a_verb_of_planning_takes_as_object_is_its_subjects_plan() {
    let x = Extractor::new().expect("data");
    for (lang, text, target) in [
        ("en", "Morocco offered Mali military support last week.", Some("Mali")),
        ("nl", "Marokko bood Mali vorige week militaire steun aan.", Some("Mali")),
        ("fr", "Le Maroc a offert un soutien militaire.", None),
    ] {
        let support = first(&x, text, lang, "SUPPORT");
        assert_eq!(
            support.actor1.as_ref().map(|a| a.name.as_str()),
            Some("Morocco"),
            "{text}"
        );
        assert_eq!(support.actor2.as_ref().map(|a| a.name.as_str()), target, "{text}");
        assert_eq!(support.modality.as_str(), "planned", "{text}");
    }
}

#[test]
fn who_loses_their_life_or_stays_detained_is_the_target() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Bij een drone-aanval kwamen zeker twintig burgers om het leven.",
        "nl",
        "ASSAULT",
    );
    assert_eq!(m.actor1, None, "{m:?}");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Civilians"));
    // So is who stays in detention.
    for (lang, text) in [
        ("fr", "Bazoum reste détenu avec son épouse à Niamey."),
        ("nl", "Bazoum zit nog altijd vast in Niamey."),
    ] {
        let m = first(&x, text, lang, "COERCE");
        assert_eq!(m.actor1, None, "{m:?}");
        assert_eq!(
            m.actor2.as_ref().map(|a| a.name.as_str()),
            Some("Mohamed Bazoum"),
            "{text}"
        );
    }
    // A purpose clause's "om" is no "komen om": the demonstrators gathered.
    let text = "Duizenden demonstranten kwamen op 2 oktober bijeen in Ouagadougou om steun te betuigen aan de junta.";
    let m = first(&x, text, "nl", "PROTEST");
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Protesters"), "{m:?}");
    // A verb of killing keeps its subject as the source.
    let m = first(&x, "Jihadisten doodden zaterdag twintig burgers.", "nl", "ASSAULT");
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Armed groups"));
}

#[test]
fn protesters_fired_on_are_the_target_not_a_protest() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("fr", "Les soldats ont ouvert le feu sur les manifestants."),
        ("en", "Soldiers opened fire on protesters in Niamey."),
    ] {
        assert_eq!(types(&x, text, lang), vec!["ASSAULT"], "{text}");
        let m = first(&x, text, lang, "ASSAULT");
        assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Protesters"), "{text}");
    }
    let text = "Des milliers de manifestants se sont rassemblés samedi à Niamey.";
    assert_eq!(types(&x, text, "fr"), vec!["PROTEST"]);
    // People named by the act they do, doing something else, are its source.
    let m = first(
        &x,
        "Protesters in Niamey burned French flags on Friday.",
        "en",
        "PROTEST",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Protesters"), "{m:?}");
}

#[test]
fn what_is_done_to_people_needs_people() {
    let x = Extractor::new().expect("data");
    for (lang, text, want) in [
        ("en", "Soldiers executed dozens of civilians near Mopti.", "ASSAULT"),
        (
            "fr",
            "Des soldats ont exécuté une dizaine de civils près de Mopti.",
            "ASSAULT",
        ),
        (
            "en",
            "Niger released the former foreign minister after a year in detention.",
            "CONCEDE",
        ),
    ] {
        assert_eq!(types(&x, text, lang), vec![want], "{text}");
    }
    for text in ["The army executed its plan.", "Niger released the report on Monday."] {
        assert!(types(&x, text, "en").is_empty(), "{text}");
    }
}

#[test]
fn clashes_that_set_one_side_against_another_have_both() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Des affrontements ont opposé l'armée aux rebelles du FLA près de Kidal.",
        "fr",
        "ASSAULT",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Military"), "{m:?}");
    // ("rebelles du FLA": the named group in the phrase of the noun for them.)
    assert_eq!(
        m.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Azawad Liberation Front"),
        "{m:?}"
    );
}

#[test]
fn a_quantity_with_plus_is_no_negation() {
    let x = Extractor::new().expect("data");
    let text = "La douane a annoncé la saisie de plus de 200 kilos de résine de cannabis à Agadez.";
    assert_eq!(first(&x, text, "fr", "COERCE").modality.as_str(), "asserted");
    let text = "L'armée n'attaque plus les camps de Gao.";
    assert_eq!(first(&x, text, "fr", "ASSAULT").modality.as_str(), "negated");
}

#[test]
fn an_infinitive_the_lemmatizer_misreads_still_triggers_and_a_possible_future_threatens_no_one() {
    let x = Extractor::new().expect("data");
    // The Dutch lemmatizer reads "sluiten" after "zal"/"zou" as aan_sluiten.
    let ms = code(
        &x,
        "Niger zou de grens met Benin kunnen sluiten als de spanningen toenemen.",
        "nl",
    );
    let got: Vec<(&str, &str)> = ms
        .iter()
        .map(|m| (m.event_type.as_str(), m.modality.as_str()))
        .collect();
    assert_eq!(got, [("SANCTION", "hypothetical")], "{got:?}");
    // A plain future is the actor's stated intent: a threat.
    let got = types(&x, "Niger zal de grens met Benin sluiten.", "nl");
    assert!(
        got.iter().any(|t| t == "SANCTION") && got.iter().any(|t| t == "THREATEN"),
        "{got:?}"
    );
}

#[test]
fn a_dutch_compound_noun_is_the_trigger_it_ends_with() {
    let x = Extractor::new().expect("data");
    // "tegenaanval" is no entry; "aanval" is.
    let got = types(&x, "Het leger lanceerde zondag een tegenaanval bij Menaka.", "nl");
    assert_eq!(got, ["ASSAULT"], "{got:?}");
    // English writes no such compounds: its nouns are not split.
    let got = types(&x, "The army launched a counterattack near Menaka on Sunday.", "en");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn what_a_protest_is_against_is_its_target_not_an_event() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "Hundreds of traders marched in Bamako on Friday against the sanctions of the AES.",
        ),
        (
            "fr",
            "Des centaines de commerçants ont manifesté vendredi à Bamako contre les sanctions de l'UEMOA.",
        ),
    ] {
        let got = types(&x, text, lang);
        assert!(got.iter().any(|t| t == "PROTEST"), "{text}: {got:?}");
        assert!(!got.iter().any(|t| t == "SANCTION"), "{text}: {got:?}");
    }
    // Sanctions with a date of their own are an event reported here.
    let got = types(
        &x,
        "Traders protested in Bamako on Friday against the sanctions imposed by the AES in March 2024.",
        "en",
    );
    assert!(got.iter().any(|t| t == "SANCTION"), "{got:?}");
}

#[test]
fn who_reimposes_sanctions_imposes_them() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "The African Union reimposed sanctions on Guinea last month.",
        "en",
        "SANCTION",
    );
    assert_eq!(
        m.actor1.as_ref().map(|a| a.name.as_str()),
        Some("African Union"),
        "{m:?}"
    );
}

#[test]
fn marching_through_the_streets_is_a_protest_by_the_marchers_against_no_town() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("fr", "Des milliers de personnes ont marché dans les rues de Bamako."),
        // "sont descendues": the perfect of a verb without an object, which the parser
        // labels a passive.
        (
            "fr",
            "Des milliers de personnes sont descendues dans les rues de Niamey.",
        ),
        // "door de straten" read as a passive's agent beside the verb's own subject.
        ("nl", "Duizenden mensen trokken door de straten van Bamako."),
    ] {
        let m = first(&x, text, lang, "PROTEST");
        assert_eq!(
            m.actor1.as_ref().map(|a| a.name.as_str()),
            Some("Protesters"),
            "{text}: {m:?}"
        );
        assert_eq!(m.actor2, None, "{text}: {m:?}");
    }
    // Walking somewhere is no protest.
    assert!(!types(&x, "Les soldats ont marché pendant trois jours vers Kidal.", "fr").contains(&"PROTEST".to_owned()));
}

#[test]
fn holding_people_is_a_detention_holding_a_date_is_not() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Les autorités détiennent plusieurs journalistes depuis mars.",
        "fr",
        "COERCE",
    );
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Media"), "{m:?}");
    assert!(types(&x, "La junte retient la date du 15 mars.", "fr").is_empty());
}

#[test]
fn an_order_of_an_act_is_the_act_of_whoever_gave_it() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("en", "The junta ordered the arrest of three journalists."),
        ("fr", "La junte a ordonné l'arrestation de trois journalistes."),
    ] {
        let m = first(&x, text, lang, "COERCE");
        assert_eq!(
            m.actor1.as_ref().map(|a| a.name.as_str()),
            Some("Military junta"),
            "{text}"
        );
        assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Media"), "{text}");
        assert!(!types(&x, text, lang).contains(&"DEMAND".to_owned()), "{text}");
    }
    // Ordering someone to act is still a demand of them.
    let m = first(
        &x,
        "The court ordered the government to release Bazoum.",
        "en",
        "DEMAND",
    );
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Government"));
}

#[test]
fn closing_an_embassy_cuts_relations_and_uitzetten_expels() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("en", "France closed its embassy in Niamey."),
        ("fr", "La France a fermé son ambassade à Niamey."),
        ("nl", "Frankrijk heeft zijn ambassade in Niamey gesloten."),
    ] {
        let m = first(&x, text, lang, "SANCTION");
        assert_eq!(m.event_mode.as_deref(), Some("withdraw"), "{text}");
        assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("France"), "{text}");
    }
    let m = first(
        &x,
        "De junta heeft de Franse ambassadeur het land uitgezet.",
        "nl",
        "SANCTION",
    );
    assert_eq!(m.event_mode.as_deref(), Some("expel"));
}

#[test]
fn the_end_of_an_agreement_regaining_control_and_dissolving_councils() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Chad announced the end of its military cooperation agreement with France.",
        "en",
        "SANCTION",
    );
    assert_eq!(m.event_mode.as_deref(), Some("discontinue"));
    assert!(!types(
        &x,
        "Chad announced the end of its military cooperation agreement with France.",
        "en"
    )
    .contains(&"AGREE".to_owned()));
    first(
        &x,
        "Malian armed forces regained control of Kidal in November.",
        "en",
        "ASSAULT",
    );
    first(
        &x,
        "Niger's junta dissolved all municipal councils on Tuesday.",
        "en",
        "COERCE",
    );
}

#[test]
fn a_dutch_separable_participle_written_as_one_word_is_its_verb() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "De Algerijnse luchtmacht heeft een Malinese drone neergehaald bij de grens.",
        "nl",
        "ASSAULT",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Algeria military"));
    let m = first(
        &x,
        "Burkina Faso schorste de uitzendingen van de BBC voor twee weken.",
        "nl",
        "COERCE",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Burkina Faso"));
}

#[test]
fn what_hits_gives_the_type() {
    // "treffen" and "hit" are an air strike when a drone or an aircraft hits; a meeting or a
    // blow otherwise.
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Een drone van het leger heeft een bruiloft in de regio Mopti getroffen.",
        "nl",
        "ASSAULT",
    );
    assert_eq!(m.event_mode.as_deref(), Some("aerial"), "{m:?}");
    let m = first(&x, "An army drone hit a wedding in Mopti.", "en", "ASSAULT");
    assert_eq!(m.event_mode.as_deref(), Some("aerial"), "{m:?}");
    assert!(types(&x, "De ministers troffen elkaar in Bamako.", "nl")
        .iter()
        .all(|t| t != "ASSAULT"));
}

#[test]
fn suspending_support_sanctions_and_the_support_is_no_event() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "nl",
            "De Europese Unie heeft de steun aan Niger opgeschort na de staatsgreep.",
        ),
        ("fr", "La France a suspendu son soutien budgétaire au Burkina Faso."),
        ("en", "The European Union froze its funding to Niger."),
    ] {
        assert_eq!(types(&x, text, lang), vec!["SANCTION".to_owned()], "{text}");
    }
}

#[test]
fn a_march_for_a_cause_is_a_protest_and_strikes_are_air_strikes() {
    let x = Extractor::new().expect("data");
    let m = first(
        &x,
        "Des centaines de femmes ont marché à Bamako pour réclamer la libération de leurs maris.",
        "fr",
        "PROTEST",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Civilians"), "{m:?}");
    let m = first(
        &x,
        "Honderden vrouwen marcheerden in Bamako om de vrijlating van hun echtgenoten te eisen.",
        "nl",
        "PROTEST",
    );
    assert_eq!(m.actor1.as_ref().map(|a| a.name.as_str()), Some("Civilians"), "{m:?}");
    let m = first(
        &x,
        "Les forces armées maliennes ont mené des frappes près de Tinzaouatène.",
        "fr",
        "ASSAULT",
    );
    assert_eq!(m.event_mode.as_deref(), Some("aerial"), "{m:?}");
}

#[test]
fn the_side_a_town_or_arms_are_taken_from_is_the_target() {
    let x = Extractor::new().expect("data");
    let text = "The army recaptured Aguelhok from the rebels on Monday.";
    let m = first(&x, text, "en", "ASSAULT");
    assert_eq!(
        m.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Armed groups"),
        "{m:?}"
    );
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Aguelhok"), "{m:?}");
    // (The name right after the verb read as an unmarked oblique.)
    let text = "The Malian army and its Russian allies recaptured Aguelhok from the rebels in November.";
    let m = first(&x, text, "en", "ASSAULT");
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Aguelhok"), "{m:?}");
    let text = "Gendarmes seized rifles from the bandits near Dori.";
    let m = first(&x, text, "en", "COERCE");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Criminals"), "{m:?}");
    // A country an attack comes from is no side.
    let text = "Jihadists attacked a police post from Mali.";
    let m = first(&x, text, "en", "ASSAULT");
    assert_eq!(m.actor2.as_ref().map(|a| a.name.as_str()), Some("Police"), "{m:?}");
}

#[test]
fn two_conjoined_acts_of_one_type_and_different_modes_are_two_events() {
    let x = Extractor::new().expect("data");
    let text = "Gunmen burned down a mosque in the village of Gorom and kidnapped the imam.";
    let ms = code(&x, text, "en");
    let modes: Vec<_> = ms
        .iter()
        .filter(|m| m.event_type.as_str() == "ASSAULT")
        .filter_map(|m| m.event_mode.as_deref())
        .collect();
    assert_eq!(modes, vec!["fight", "abduct"], "{ms:?}");
    // One act told by two verbs stays one event.
    let text = "Gunmen attacked the village and killed twelve herders.";
    let ms = code(&x, text, "en");
    assert_eq!(
        ms.iter().filter(|m| m.event_type.as_str() == "ASSAULT").count(),
        1,
        "{ms:?}"
    );
}
