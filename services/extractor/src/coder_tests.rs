//! Tests of the article coder ([`super`]).

use super::*;
use sahel_schemas::event::EventType;

fn run(text: &str, lang: &str, published: Option<NaiveDate>) -> Vec<EventMention> {
    let res = Resources::embedded().expect("data");
    let input = ArticleInput {
        article_id: "art_x",
        text,
        language: lang,
        published,
    };
    code(&res, &input, "test", &ProducerInfo::new("extractor", "test"))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The first mention of type `t`, or a panic listing them all.
fn of_type(m: &[EventMention], t: EventType) -> &EventMention {
    m.iter()
        .find(|m| m.event_type == t)
        .unwrap_or_else(|| panic!("a {t:?} in {m:?}"))
}

#[test]
fn protest_with_actor_place_date_and_evidence_span() {
    let text = "Background line.\n\nThousands of protesters gathered in Niamey on 13 April 2024 to demand the departure of US troops.";
    let m = run(text, "en", None);
    let p = m
        .iter()
        .find(|m| m.event_type == EventType::Protest)
        .expect("a PROTEST");
    assert_eq!(p.actor1.as_ref().map(|a| a.name.as_str()), Some("Protesters"));
    assert_eq!(p.place.as_ref().map(|p| p.name.as_str()), Some("Niamey"));
    assert_eq!(
        p.date.as_ref().map(|d| d.start.to_string()),
        Some("2024-04-13".to_owned())
    );
    let chars: Vec<char> = text.chars().collect();
    let quoted: String = chars[p.evidence.char_start as usize..p.evidence.char_end as usize]
        .iter()
        .collect();
    assert_eq!(quoted, p.evidence.quote);
    let t = p.evidence.trigger.as_ref().expect("trigger");
    let trig: String = chars[t.char_start as usize..t.char_end as usize].iter().collect();
    assert_eq!(trig, t.text);
    assert_eq!(p.evidence.sentence_index, 1);
    assert_eq!(p.modality, Modality::Asserted);
    // The demanded departure is not a RETREAT; the demand is a DEMAND, by the protesters
    // (the subject of the clause it completes) of the troops.
    assert!(!m.iter().any(|m| m.event_type == EventType::Retreat), "{m:?}");
    let d = m.iter().find(|m| m.event_type == EventType::Demand).expect("a DEMAND");
    assert_eq!(d.actor1.as_ref().map(|a| a.name.as_str()), Some("Protesters"));
    assert_eq!(
        d.actor2.as_ref().map(|a| a.name.as_str()),
        Some("United States military")
    );
}

#[test]
fn an_apposition_stands_for_the_person_beside_it() {
    let text = "Mohamed Bazoum, the elected president of Niger who was imprisoned by his own presidential guard in July, is still held in Niamey.";
    let m = run(text, "en", ymd(2023, 12, 6));
    let c = m.iter().find(|m| m.event_type == EventType::Coerce).expect("a COERCE");
    assert_eq!(
        c.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Mohamed Bazoum"),
        "{c:?}"
    );
}

#[test]
fn a_pronoun_stands_for_a_person_named_before_it_whom_the_sentence_is_about() {
    let actors = |m: &EventMention| {
        (
            m.actor1.as_ref().map(|a| a.name.clone()),
            m.actor2.as_ref().map(|a| a.name.clone()),
        )
    };
    // Not the person named after the pronoun.
    let text = "General Abdourahamane Tiani arrived in Moscow on Sunday. He met Vladimir Putin on Monday.";
    let m = run(text, "en", ymd(2024, 4, 20));
    let c = m.iter().find(|m| m.evidence.sentence_index == 1).expect("the meeting");
    assert_eq!(
        actors(c),
        (
            Some("Abdourahamane Tiani".to_owned()),
            Some("Vladimir Putin".to_owned())
        ),
        "{c:?}"
    );
    // Not the person named last, as a possessive, in the sentence before.
    let text = "Mohamed Bazoum had set himself up as Emmanuel Macron's spokesman. He condemned the coup.";
    let m = run(text, "en", ymd(2023, 8, 1));
    let d = of_type(&m, EventType::Disapprove);
    assert_eq!(actors(d).0.as_deref(), Some("Mohamed Bazoum"), "{d:?}");
}

#[test]
fn a_verb_form_the_trigger_data_knows_makes_a_clause_of_a_verbless_sentence() {
    // The tagger alone reads the irregular past "prees" (praised) as a noun.
    let text = "De Senegalese premier Ousmane Sonko prees gisteren Marokko voor zijn steun.";
    let m = run(text, "nl", ymd(2025, 7, 1));
    let s = of_type(&m, EventType::Support);
    assert_eq!(s.actor2.as_ref().map(|a| a.name.as_str()), Some("Morocco"), "{s:?}");
    assert_eq!(s.date.as_ref().map(|d| d.start), ymd(2025, 6, 30));
}

#[test]
fn a_purpose_hung_on_a_place_shares_the_date_of_the_verb() {
    let text = "On May 2, hundreds of students marched in the capital to demand the release of their teachers.";
    let m = run(text, "en", ymd(2025, 5, 10));
    let d = of_type(&m, EventType::Demand);
    assert_eq!(d.date.as_ref().map(|d| d.start), ymd(2025, 5, 2), "{d:?}");
    assert_eq!(d.actor1.as_ref().map(|a| a.name.as_str()), Some("Students"), "{d:?}");
}

#[test]
fn a_material_act_another_is_for_is_planned_a_demand_is_made() {
    let text = "On May 2, the juntas cut ties with France and turned to Russia to fight the insurgents.";
    let m = run(text, "en", ymd(2025, 5, 10));
    let a = of_type(&m, EventType::Assault);
    assert_eq!(a.modality, Modality::Planned, "{a:?}");
    let text = "On May 2, hundreds of students marched in the capital to demand the release of their teachers.";
    let m = run(text, "en", ymd(2025, 5, 10));
    assert_eq!(of_type(&m, EventType::Demand).modality, Modality::Asserted);
}

#[test]
fn a_kind_of_act_a_law_bans_is_no_act() {
    let text = "In November, the authorities repealed a law that penalized the trafficking of migrants.";
    let m = run(text, "en", ymd(2023, 12, 6));
    assert!(!m.iter().any(|m| m.event_type == EventType::Crime), "{m:?}");
    let text = "Le gouvernement a interdit les manifestations à Niamey.";
    let m = run(text, "fr", ymd(2023, 12, 6));
    assert!(!m.iter().any(|m| m.event_type == EventType::Protest), "{m:?}");
}

#[test]
fn a_noun_event_between_two_sides_names_both() {
    let text = "On Monday, military cooperation between Russia and Niger resumed.";
    let m = run(text, "en", ymd(2023, 12, 6));
    let c = of_type(&m, EventType::Cooperate);
    assert_eq!(c.actor1.as_ref().map(|a| a.name.as_str()), Some("Russia"), "{c:?}");
    assert_eq!(c.actor2.as_ref().map(|a| a.name.as_str()), Some("Niger"), "{c:?}");
    // Who launched the mediation is its source; the two sides its targets.
    let m = run(
        "Qatar launched a mediation effort between Chad and Sudan.",
        "en",
        ymd(2023, 12, 6),
    );
    let c = of_type(&m, EventType::Consult);
    assert_eq!(c.actor1.as_ref().map(|a| a.name.as_str()), Some("Qatar"), "{c:?}");
    assert_eq!(c.actor2.as_ref().map(|a| a.name.as_str()), Some("Chad"), "{c:?}");
}

#[test]
fn a_capital_named_as_one_is_a_place_not_its_government() {
    let text = "Het was daar, aan de rand van de Malinese hoofdstad Bamako, dat begin maart duizenden demonstranten bijeenkwamen.";
    let m = run(text, "nl", ymd(2023, 12, 6));
    assert!(!m.is_empty());
    assert!(m.iter().all(|p| p.actor1.is_none()), "{m:?}");
}

#[test]
fn a_backdrop_its_own_date_fixes_is_a_background_event() {
    let text = "The junta expelled the French ambassador on Monday, after the coup of September 2022.";
    let m = run(text, "en", ymd(2023, 12, 6));
    let c = of_type(&m, EventType::Coerce);
    assert_eq!(c.modality, Modality::Background, "{c:?}");
    assert_eq!(c.date.as_ref().map(|d| d.start), ymd(2022, 9, 1), "{c:?}");
    let text = "The junta expelled the French ambassador on Monday, after the coup.";
    let m = run(text, "en", ymd(2023, 12, 6));
    assert!(!m.iter().any(|m| m.event_type == EventType::Coerce), "{m:?}");
}

#[test]
fn the_opening_of_an_event_carries_its_roles() {
    let text = "The Nigerien army announced on Monday the opening of an investigation.";
    let m = run(text, "en", ymd(2025, 7, 10));
    let i = of_type(&m, EventType::Investigate);
    assert_eq!(
        i.actor1.as_ref().and_then(|a| a.country.as_deref()),
        Some("NER"),
        "{i:?}"
    );
}

#[test]
fn the_second_side_of_a_mutual_act_is_its_other_party() {
    let text = "Niger and China signed an agreement in Niamey on Monday.";
    let m = run(text, "en", ymd(2025, 11, 5));
    let a = of_type(&m, EventType::Agree);
    assert_eq!(a.actor1.as_ref().map(|a| a.name.as_str()), Some("Niger"), "{a:?}");
    assert_eq!(a.actor2.as_ref().map(|a| a.name.as_str()), Some("China"), "{a:?}");
}

#[test]
fn what_a_thing_is_for_is_no_event() {
    let text = "Moscow called the AES an ideal framework for cooperation between Russia and the Sahel states.";
    let m = run(text, "en", ymd(2023, 12, 6));
    assert!(!m.iter().any(|m| m.event_type == EventType::Cooperate), "{m:?}");
}

#[test]
fn french_and_dutch_protests() {
    let fr = run(
        "Des milliers de manifestants ont défilé samedi à Niamey contre la présence française.",
        "fr",
        ymd(2024, 4, 15),
    );
    let p = fr
        .iter()
        .find(|m| m.event_type == EventType::Protest)
        .expect("fr protest");
    assert_eq!(p.place.as_ref().map(|p| p.name.as_str()), Some("Niamey"));
    assert_eq!(p.date.as_ref().map(|d| d.start), ymd(2024, 4, 13));
    let nl = run(
        "In Niamey demonstreerden duizenden mensen tegen de Franse militairen.",
        "nl",
        None,
    );
    let p = nl
        .iter()
        .find(|m| m.event_type == EventType::Protest)
        .expect("nl protest");
    assert_eq!(p.actor2.as_ref().map(|a| a.name.as_str()), Some("France military"));
}

#[test]
fn an_undated_headline_joins_the_dated_event_of_its_article() {
    let m = run(
        "Protesters rally in Niamey\n\nProtesters gathered in Niamey on 16 March 2024.",
        "en",
        None,
    );
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(m[0].event_id, m[1].event_id);
    assert!(m[0].date.is_none() && m[1].date.is_some());
}

#[test]
fn modality_negated_reported_planned_background_hypothetical() {
    let p = ymd(2024, 4, 20);
    // (The act itself, not the promise its future tense also states.)
    let modal = |s: &str, lang: &str| {
        run(s, lang, p)
            .iter()
            .find(|m| m.event_mode.as_deref() != Some("promise"))
            .map(|m| m.modality)
    };
    assert_eq!(
        modal("The opposition did not protest in Niamey.", "en"),
        Some(Modality::Negated)
    );
    assert_eq!(
        modal("La police n'a procédé à aucune arrestation.", "fr"),
        Some(Modality::Negated)
    );
    assert!(modal("President Macron refused to withdraw the troops.", "en").is_some());
    assert_eq!(
        modal("De Amerikaanse troepen zullen het land verlaten.", "nl"),
        Some(Modality::Planned)
    );
    assert_eq!(
        modal("The US will withdraw its troops by September.", "en"),
        Some(Modality::Planned)
    );
    assert_eq!(
        modal("Niger and Russia signed a military agreement in 2016.", "en"),
        Some(Modality::Background)
    );
    assert_eq!(
        modal("ECOWAS could impose sanctions on Niger.", "en"),
        Some(Modality::Hypothetical)
    );
    assert_eq!(
        modal("Gunmen attacked a convoy near Gao, the army said.", "en"),
        Some(Modality::Reported)
    );
    // A refused act is no event; the refusal is.
    let refused = run("President Macron refused to withdraw the troops.", "en", p);
    assert!(
        !refused.iter().any(|m| m.event_type == EventType::Retreat),
        "{refused:?}"
    );
    let r = refused
        .iter()
        .find(|m| m.event_type == EventType::Reject)
        .expect("a REJECT");
    assert_eq!(r.actor1.as_ref().map(|a| a.name.as_str()), Some("Emmanuel Macron"));
}

#[test]
fn dates_without_publication_use_an_inferred_reference_and_say_so() {
    let m = run(
        "After the coup of July 26, 2023, ties frayed. The United States agreed on Friday April 19 to withdraw its soldiers. On April 13, thousands demonstrated in Niamey.",
        "en",
        None,
    );
    let p = m.iter().find(|m| m.event_type == EventType::Protest).expect("protest");
    assert_eq!(
        p.date.as_ref().map(|d| (d.start, d.resolution)),
        Some((
            ymd(2024, 4, 13).unwrap_or_default(),
            sahel_schemas::event::DateResolution::Inferred
        ))
    );
    assert_eq!(
        p.reference_date.as_ref().map(|r| r.source),
        Some(ReferenceDateSource::InferredLatestDate)
    );
}

#[test]
fn same_event_across_articles_and_languages_shares_an_event_id() {
    let a = run(
        "Thousands of protesters gathered in Niamey on 13 April 2024 against US troops.",
        "en",
        None,
    );
    let b = run(
        "Le 13 avril 2024, des milliers de manifestants ont défilé à Niamey contre les troupes américaines.",
        "fr",
        None,
    );
    let c = run(
        "Duizenden demonstranten protesteerden op 13 april 2024 in Niamey tegen de Amerikaanse troepen.",
        "nl",
        None,
    );
    let id = |m: &[EventMention]| {
        m.iter()
            .find(|m| m.event_type == EventType::Protest)
            .map(|m| m.event_id.clone())
    };
    assert!(id(&a).is_some());
    assert_eq!(id(&a), id(&b));
    assert_eq!(id(&a), id(&c));
    // A more precise later report (day vs month) of the same event keeps its identity.
    let d = run(
        "Protesters gathered in Niamey in April 2024 against US troops.",
        "en",
        None,
    );
    assert_eq!(id(&a), id(&d));
    // Another month, another event.
    let e = run(
        "Thousands of protesters gathered in Niamey on 13 May 2024 against US troops.",
        "en",
        None,
    );
    assert_ne!(id(&a), id(&e));
}

#[test]
fn speakers_obligations_and_country_words_fill_roles() {
    let p = ymd(2024, 4, 20);
    let find = |text: &str, ty: EventType| {
        run(text, "en", p)
            .into_iter()
            .find(|m| m.event_type == ty)
            .unwrap_or_else(|| panic!("no {ty:?} in {text}"))
    };
    let name = |a: &Option<sahel_schemas::event::Actor>| a.as_ref().map(|a| a.name.clone());
    // What a speaker says another must do is a demand by the speaker.
    let d = find(
        "Russia said on Tuesday that Sudan must return the helicopter.",
        EventType::Demand,
    );
    assert_eq!(
        (name(&d.actor1), name(&d.actor2)),
        (Some("Russia".into()), Some("Sudan".into()))
    );
    // A pronoun subject is the speaker; "willing to" plans, it does not do.
    let r = find("Syria says it is willing to withdraw its troops.", EventType::Retreat);
    assert_eq!(name(&r.actor1), Some("Syria".into()));
    assert_eq!(r.modality, Modality::Planned);
    // The source each phrase names: a country word in the subject phrase gives its country
    // ("Taiwan's Vice Foreign Minister"); a sector noun takes the country its phrase names;
    // a named group before a sector noun is the group ("JNIM fighters"), however placed;
    // "rebel" and the named group read as two subjects: the one that says whose it is.
    for (text, ty, source) in [
        (
            "Taiwan's Vice Foreign Minister visited Russia today.",
            EventType::Consult,
            "Taiwan",
        ),
        (
            "Rebels in Mali rejected the peace agreement on Tuesday.",
            EventType::Reject,
            "Mali rebels",
        ),
        (
            "JNIM fighters in Mali attacked a convoy on Tuesday.",
            EventType::Assault,
            "JNIM",
        ),
        (
            "The rebel Hezbollah movement issued a statement demanding that Israel withdraw its troops.",
            EventType::Demand,
            "Hezbollah",
        ),
    ] {
        assert_eq!(name(&find(text, ty).actor1), Some(source.into()), "{text}");
    }
    // A planned event's weekday points forward from the article's date (a Wednesday).
    let m = run(
        "Niger's foreign minister will visit Bamako on Friday.",
        "en",
        ymd(2025, 9, 17),
    );
    let v = m.iter().find(|m| m.event_type == EventType::Consult).expect("a visit");
    assert_eq!(v.modality, Modality::Planned);
    assert_eq!(v.date.as_ref().map(|d| d.start), ymd(2025, 9, 19));
    // So does a day of a month without a year, to the coming year; a date that says its
    // direction ("last week") stays where it says.
    let m = run(
        "The ministers will meet in Bamako on 3 January.",
        "en",
        ymd(2025, 9, 17),
    );
    let v = m
        .iter()
        .find(|m| m.event_type == EventType::Consult)
        .expect("a meeting");
    assert_eq!(v.date.as_ref().map(|d| d.start), ymd(2026, 1, 3));
    let m = run("Morocco offered military support last week.", "en", ymd(2025, 9, 17));
    let v = m.iter().find(|m| m.event_type == EventType::Support).expect("support");
    assert_eq!(v.modality, Modality::Planned);
    // ("last week" dates the offer, not the support it promises; never a week ahead.)
    assert!(
        v.date.as_ref().is_none_or(|d| d.end < ymd(2025, 9, 17).unwrap()),
        "{v:?}"
    );
    // A noun event that is the backdrop of another is context, not a row.
    let m = run("After the coup in Niger, ECOWAS imposed sanctions on Niamey.", "en", p);
    assert!(!m.iter().any(|m| m.event_type == EventType::Coerce), "{m:?}");
    assert!(m.iter().any(|m| m.event_type == EventType::Sanction), "{m:?}");
    // A promise is an agreement; the promised act is planned.
    let m = run("Britain has promised to send military aid to Mozambique.", "en", p);
    assert!(m.iter().any(|m| m.event_type == EventType::Agree), "{m:?}");
}
