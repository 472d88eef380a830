//! An accusation names an act: the act is an event the accuser reports, done by the accused,
//! with its own date and place; an accused the coder cannot name, or a finite clause with a
//! subject of its own, leaves no act of the accused; rejecting the accusations answers the
//! accuser, and rejecting a proposal by someone answers them; a participle joined to a
//! passive shares its patient; a demand for an act done to someone ("the release of") is not
//! made of them, a demand that someone act is made of them; a French accusation by an object
//! pronoun and a present participle the tagger misread is one; who claims an attack named by
//! a noun ("the ambush, claimed by JNIM,"), or whom it is put down to ("imputées au JNIM"), did
//! it. Sentences
//! written for these tests.

use sahel_extractor::Extractor;
use sahel_schemas::event::{EventMention, Modality};

fn mentions(x: &Extractor, text: &str, lang: &str) -> Vec<EventMention> {
    x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(2025, 9, 10))
}

/// The first ASSAULT mention of `ms`, coded from `text`.
fn assault<'a>(ms: &'a [EventMention], text: &str) -> &'a EventMention {
    ms.iter()
        .find(|m| m.event_type.as_str() == "ASSAULT")
        .unwrap_or_else(|| panic!("{text}: {ms:?}"))
}

fn name(a: &Option<sahel_schemas::event::Actor>) -> Option<&str> {
    a.as_ref().map(|a| a.name.as_str())
}

#[test]
fn the_act_an_accusation_names_is_reported_and_done_by_the_accused() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        ("en", "Rights groups accused the army of killing 20 civilians in June."),
        (
            "fr",
            "Amnesty International accuse l'armée d'avoir tué au moins 20 civils en juin.",
        ),
    ] {
        let out = mentions(&x, text, lang);
        let accusation = out
            .iter()
            .find(|m| m.event_type.as_str() == "DISAPPROVE")
            .unwrap_or_else(|| panic!("no accusation in {text}: {out:?}"));
        assert_eq!(name(&accusation.actor2), Some("Military"), "{text}");
        let act = out
            .iter()
            .find(|m| m.event_type.as_str() == "ASSAULT")
            .unwrap_or_else(|| panic!("no accused act in {text}: {out:?}"));
        assert_eq!(name(&act.actor1), Some("Military"), "{text}");
        assert_eq!(name(&act.actor2), Some("Civilians"), "{text}");
        assert_eq!(act.modality, Modality::Reported, "{text}");
        let date = act.date.as_ref().expect("the act's own month");
        assert_eq!(date.start.to_string(), "2025-06-01", "{text}");
        // The month is the act's, not the accusation's.
        assert!(accusation.date.is_none(), "{text}: {accusation:?}");
    }
}

#[test]
fn an_accused_no_one_can_name_or_a_clause_of_its_own_leaves_no_act_of_the_accused() {
    let x = Extractor::new().expect("data");
    let out = mentions(
        &x,
        "The minister accused unnamed sponsors of financing the blockade.",
        "en",
    );
    assert!(out.iter().all(|m| m.event_type.as_str() != "AID"), "{out:?}");
    // A clause with a subject of its own is no act of the accused.
    let out = mentions(
        &x,
        "Niger blamed US officials for threatening reprisals if Niger partnered with Russia.",
        "en",
    );
    assert!(
        out.iter()
            .all(|m| !(m.event_type.as_str() == "COOPERATE" && name(&m.actor1) == Some("United States"))),
        "{out:?}"
    );
    let out = mentions(&x, "Mali demanded that France withdraw its troops.", "en");
    assert!(out.iter().all(|m| m.event_type.as_str() != "RETREAT"), "{out:?}");
}

#[test]
fn rejecting_the_accusations_answers_the_accuser() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "Mali accused Algeria of sheltering armed groups. Algeria rejected the accusations on Tuesday.",
        ),
        (
            "nl",
            "Mali beschuldigde Algerije van steun aan gewapende groepen. Algerije wees de beschuldigingen dinsdag van de hand.",
        ),
    ] {
        let out = mentions(&x, text, lang);
        let reject = out
            .iter()
            .find(|m| m.event_type.as_str() == "REJECT")
            .unwrap_or_else(|| panic!("no rejection in {text}: {out:?}"));
        assert_eq!(name(&reject.actor1), Some("Algeria"), "{text}");
        assert_eq!(name(&reject.actor2), Some("Mali"), "{text}");
    }
    // A rejection of something else answers no one.
    let out = mentions(
        &x,
        "Mali accused Algeria of sheltering armed groups. Algeria rejected the plan.",
        "en",
    );
    let reject = out
        .iter()
        .find(|m| m.event_type.as_str() == "REJECT")
        .expect("a rejection");
    assert_eq!(name(&reject.actor2), None, "{out:?}");
}

#[test]
fn people_a_participle_says_are_accused_are_its_target() {
    let x = Extractor::new().expect("data");
    let text = "Les autorités nigériennes ont arrêté trois journalistes accusés de diffuser de fausses informations.";
    let ms = mentions(&x, text, "fr");
    let accused = ms
        .iter()
        .find(|m| m.event_type.as_str() == "DISAPPROVE")
        .unwrap_or_else(|| panic!("no accusation: {ms:?}"));
    // The journalists were accused; they accused no one.
    assert_eq!(name(&accused.actor1), None, "{accused:?}");
    assert_eq!(name(&accused.actor2), Some("Media"), "{accused:?}");
}

#[test]
fn the_accused_the_parser_made_a_predicate_is_the_target() {
    // The Dutch parser reads "Algerije" as the predicate (xcomp) of "beschuldigd".
    let x = Extractor::new().expect("data");
    let out = mentions(
        &x,
        "De regering van Mali heeft Algerije beschuldigd van inmenging in binnenlandse aangelegenheden.",
        "nl",
    );
    let m = out
        .iter()
        .find(|m| m.event_type.as_str() == "DISAPPROVE")
        .unwrap_or_else(|| panic!("no accusation: {out:?}"));
    assert_eq!(
        (name(&m.actor1), name(&m.actor2)),
        (Some("Mali"), Some("Algeria")),
        "{m:?}"
    );
}

#[test]
fn a_participle_joined_to_a_passive_is_done_to_its_subject() {
    let x = Extractor::new().expect("data");
    for (lang, text, want) in [
        ("fr", "Les journalistes ont été arrêtés puis relâchés.", "Media"),
        (
            "nl",
            "De journalisten werden gearresteerd en later vrijgelaten.",
            "Media",
        ),
    ] {
        let out = mentions(&x, text, lang);
        let release = out
            .iter()
            .find(|m| m.event_type.as_str() == "CONCEDE")
            .unwrap_or_else(|| panic!("no release in {text}: {out:?}"));
        assert_eq!(
            (name(&release.actor1), name(&release.actor2)),
            (None, Some(want)),
            "{text}"
        );
    }
    // An English past the tagger reads as finite is the subject's own act.
    let out = mentions(&x, "The minister was criticised by the opposition and resigned.", "en");
    let resigned = out
        .iter()
        .find(|m| m.event_type.as_str() == "RETREAT")
        .expect("the resignation");
    assert_eq!(name(&resigned.actor1), Some("Government"), "{out:?}");
}

#[test]
fn the_pronoun_an_accusation_sharing_the_clause_names_is_the_clauses_object() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "The government of Mali expelled the head of the UN office, accusing him of bias.",
        ),
        (
            "fr",
            "Le gouvernement malien a expulsé l'ambassadeur de France et l'a accusé d'ingérence.",
        ),
        (
            "nl",
            "De regering van Mali heeft de Franse ambassadeur uitgezet en hem beschuldigd van inmenging.",
        ),
    ] {
        let ms = mentions(&x, text, lang);
        let m = ms
            .iter()
            .find(|m| m.event_type.as_str() == "DISAPPROVE")
            .unwrap_or_else(|| panic!("{text}: {ms:?}"));
        assert_eq!(name(&m.actor1), Some("Mali"), "{text}: {ms:?}");
        assert!(
            matches!(name(&m.actor2), Some("United Nations" | "France")),
            "{text}: {ms:?}"
        );
    }
}

#[test]
fn an_accused_written_as_an_adjective_still_did_the_act_reported() {
    let x = Extractor::new().expect("data");
    // The English tagger reads "accused" as a predicate adjective, or, before "of", as a
    // preposition ("because of"): the killing was asserted and of no one.
    for text in [
        "Burkinabe soldiers are accused of killing 30 herders near Djibo.",
        "Jihadists abducted five traders accused of collaborating with the army.",
    ] {
        let ms = mentions(&x, text, "en");
        assert!(
            ms.iter().any(|m| m.event_type.as_str() == "DISAPPROVE"),
            "{text}: {ms:?}"
        );
        let act = ms
            .iter()
            .find(|m| matches!(m.event_type.as_str(), "ASSAULT" | "COOPERATE") && m.modality == Modality::Reported)
            .unwrap_or_else(|| panic!("no reported act in {text}: {ms:?}"));
        assert!(act.actor1.is_some(), "{text}: {ms:?}");
    }
}

#[test]
fn a_demand_for_someones_release_is_not_made_of_them_and_a_release_is_done_to_them() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "Human Rights Watch demanded the immediate release of Mohamed Bazoum.",
        ),
        (
            "fr",
            "Human Rights Watch a réclamé la libération immédiate de Mohamed Bazoum.",
        ),
        (
            "nl",
            "Human Rights Watch eiste de onmiddellijke vrijlating van Mohamed Bazoum.",
        ),
    ] {
        let ms = mentions(&x, text, lang);
        let m = ms
            .iter()
            .find(|m| m.event_type.as_str() == "DEMAND")
            .unwrap_or_else(|| panic!("{lang}: {ms:?}"));
        assert_eq!(name(&m.actor1), Some("Human Rights Watch"), "{lang}: {ms:?}");
        assert!(m.actor2.is_none(), "{lang}: {ms:?}");
    }
    // Whose departure is demanded is whom it is demanded of.
    let ms = mentions(
        &x,
        "Protesters in Niamey demanded the departure of French troops.",
        "en",
    );
    let m = ms.iter().find(|m| m.event_type.as_str() == "DEMAND").expect("demand");
    assert_eq!(name(&m.actor2), Some("France military"), "{ms:?}");
    // "La libération de Bazoum": the one released is the target, not the source.
    let ms = mentions(
        &x,
        "La libération de Mohamed Bazoum lundi à Niamey a surpris les observateurs.",
        "fr",
    );
    let m = ms.iter().find(|m| m.event_type.as_str() == "CONCEDE").expect("release");
    assert_eq!(name(&m.actor2), Some("Mohamed Bazoum"), "{ms:?}");
    assert!(m.actor1.is_none(), "{ms:?}");
}

#[test]
fn what_a_demand_calls_for_names_whom_it_is_made_of_unless_done_to_them() {
    let x = Extractor::new().expect("data");
    // "for" alone named no one: the phrase it opens does.
    let ms = mentions(&x, "Protesters in Niamey called for the withdrawal of US troops.", "en");
    let m = ms.iter().find(|m| m.event_type.as_str() == "DEMAND").expect("demand");
    assert_eq!(name(&m.actor2), Some("United States military"), "{ms:?}");
    let ms = mentions(
        &x,
        "Amnesty International called for the release of Mohamed Bazoum.",
        "en",
    );
    let m = ms.iter().find(|m| m.event_type.as_str() == "DEMAND").expect("demand");
    assert!(m.actor2.is_none(), "{ms:?}");
}

#[test]
fn a_response_to_what_someone_proposed_answers_them() {
    let x = Extractor::new().expect("data");
    for (text, ty) in [
        ("The rebels rejected a ceasefire plan by the African Union.", "REJECT"),
        ("Chad welcomed a proposal by Qatar on Monday.", "SUPPORT"),
        (
            "The rebels rejected an appeal from the African Union to lay down their arms.",
            "REJECT",
        ),
    ] {
        let out = mentions(&x, text, "en");
        let m = out
            .iter()
            .find(|m| m.event_type.as_str() == ty)
            .unwrap_or_else(|| panic!("no {ty} in {text}: {out:?}"));
        let author = if ty == "REJECT" { "African Union" } else { "Qatar" };
        assert_eq!(name(&m.actor2), Some(author), "{text}: {m:?}");
    }
    // A date after "by" is no author.
    let out = mentions(&x, "Niger rejected the plan by June.", "en");
    assert!(out.iter().all(|m| m.actor2.is_none()), "{out:?}");
    // The agent of the act condemned, in the object's own phrase.
    for (text, lang) in [
        (
            "Mali condemned the expulsion of its ambassador by the authorities in Algiers.",
            "en",
        ),
        (
            "Le Mali a condamné l'expulsion de son ambassadeur par les autorités d'Alger.",
            "fr",
        ),
        (
            "Mali veroordeelde de uitzetting van zijn ambassadeur door de autoriteiten in Algiers.",
            "nl",
        ),
    ] {
        let out = mentions(&x, text, lang);
        let m = out
            .iter()
            .find(|m| m.event_type.as_str() == "DISAPPROVE")
            .unwrap_or_else(|| panic!("no DISAPPROVE in {text}: {out:?}"));
        assert_eq!(name(&m.actor2), Some("Algeria"), "{text}: {m:?}");
    }
}

#[test]
fn a_demand_that_someone_act_is_made_of_them() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "Algeria demanded on Monday that Mali withdraw its troops from the border.",
        ),
        ("fr", "L'Algérie exige que le Mali retire ses troupes de la frontière."),
        ("nl", "Algerije eist dat Mali zijn troepen van de grens terugtrekt."),
    ] {
        let out = mentions(&x, text, lang);
        let m = out
            .iter()
            .find(|m| m.event_type.as_str() == "DEMAND")
            .unwrap_or_else(|| panic!("no DEMAND in {text}: {out:?}"));
        assert_eq!(
            (name(&m.actor1), name(&m.actor2)),
            (Some("Algeria"), Some("Mali")),
            "{text}: {m:?}"
        );
    }
}

#[test]
fn the_accused_before_of_and_a_gerund_is_the_accused_not_a_group() {
    let x = Extractor::new().expect("data");
    // The parser reads "Ukraine" and "backing" as modifiers of "groups".
    let text = "The junta accused Ukraine of backing terrorist groups.";
    let out = mentions(&x, text, "en");
    let accusation = out
        .iter()
        .find(|m| m.event_type.as_str() == "DISAPPROVE")
        .unwrap_or_else(|| panic!("no accusation: {out:?}"));
    assert_eq!(name(&accusation.actor2), Some("Ukraine"), "{out:?}");
    let act = out
        .iter()
        .find(|m| m.event_type.as_str() == "SUPPORT")
        .unwrap_or_else(|| panic!("no accused act: {out:?}"));
    assert_eq!(name(&act.actor1), Some("Ukraine"), "{out:?}");
}

#[test]
fn a_french_accusation_by_a_clitic_and_present_participle_is_one() {
    let x = Extractor::new().expect("data");
    // The tagger reads "l'" as an article and "accusant" as a noun.
    let text = "Le Burkina Faso a expulsé le représentant de l'ONU, l'accusant de partialité.";
    let out = mentions(&x, text, "fr");
    let accusation = out
        .iter()
        .find(|m| m.event_type.as_str() == "DISAPPROVE")
        .unwrap_or_else(|| panic!("no accusation: {out:?}"));
    assert_eq!(name(&accusation.actor1), Some("Burkina Faso"), "{out:?}");
}

#[test]
fn who_claims_an_attack_named_by_a_noun_did_it() {
    let x = Extractor::new().expect("data");
    for (lang, text) in [
        (
            "en",
            "The ambush, which was claimed by JNIM, targeted a gendarmerie post near Dori.",
        ),
        (
            "en",
            "The raid on the army camp, claimed by JNIM, killed nine soldiers.",
        ),
        (
            "fr",
            "L'embuscade, revendiquée par le JNIM, a visé une patrouille près de Dori.",
        ),
    ] {
        let ms = mentions(&x, text, lang);
        let act = assault(&ms, text);
        assert_eq!(name(&act.actor1), Some("JNIM"), "{text}: {act:?}");
    }
}

#[test]
fn whom_an_attack_is_put_down_to_did_it() {
    let x = Extractor::new().expect("data");
    let text = "Au moins vingt villageois ont été tués dans des attaques imputées au JNIM.";
    let ms = mentions(&x, text, "fr");
    let act = assault(&ms, text);
    assert_eq!(name(&act.actor1), Some("JNIM"), "{act:?}");
}
