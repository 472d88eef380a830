//! Tests of the actor finder ([`super`]).

use super::*;
use crate::doc::prepare;
use crate::nlp::tokens;

fn names(lang: &str, text: &str, doc: &mut DocState) -> Vec<(String, Option<String>, bool)> {
    let res = Resources::embedded().expect("data");
    resolve(&res, lang, &tokens(text), text, doc)
        .into_iter()
        .map(|i| (i.actor.name, i.actor.country, i.place_only))
        .collect()
}

fn one(lang: &str, text: &str) -> Vec<String> {
    names(lang, text, &mut DocState::default())
        .into_iter()
        .filter(|x| !x.2)
        .map(|x| x.0)
        .collect()
}

#[test]
fn country_adjectives_make_country_actors_in_three_languages() {
    assert_eq!(one("en", "French soldiers left"), vec!["France military"]);
    assert_eq!(
        one("fr", "les militaires français sont partis"),
        vec!["France military"]
    );
    assert_eq!(one("nl", "de Franse militairen vertrokken"), vec!["France military"]);
    assert_eq!(one("en", "Niger's government spokesman"), vec!["Niger"]);
    assert_eq!(one("en", "the Nigerien authorities"), vec!["Niger"]);
    assert_eq!(one("fr", "les autorités nigériennes"), vec!["Niger"]);
    assert_eq!(one("en", "the government of Mali"), vec!["Mali"]);
    assert_eq!(one("en", "US troops in Niger"), vec!["United States military"]);
    assert_eq!(
        one("en", "the Russian deputy defense minister"),
        vec!["Russia military"]
    );
    // Not across a verb: the adjective qualifies the noun before the verb, not the object.
    assert_eq!(one("en", "Chadian allies killed civilians"), vec!["Civilians"]);
    assert_eq!(one("nl", "Tsjadische bondgenoten doodden burgers"), vec!["Civilians"]);
    assert_eq!(one("en", "Malian armed forces"), vec!["Mali military"]);
}

#[test]
fn a_leader_of_a_group_of_no_state_is_that_group() {
    assert_eq!(one("en", "a jihadist leader was killed"), vec!["Armed groups"]);
    assert_eq!(one("en", "two rebel officials were arrested"), vec!["Armed groups"]);
    // A state's own stay its government's.
    assert_eq!(one("en", "Malian officials said"), vec!["Mali"]);
}

#[test]
fn people_spellings_titles_and_unknown_names() {
    assert_eq!(
        one("en", "Gen. Abdourahmane Tchiani spoke"),
        vec!["Abdourahamane Tiani"]
    );
    assert_eq!(one("fr", "le général Tiani a parlé"), vec!["Abdourahamane Tiani"]);
    assert_eq!(one("en", "President Macron refused"), vec!["Emmanuel Macron"]);
    let mut doc = DocState::default();
    let n = names("en", "Niger's Ambassador to the UN, Abdou Abary, spoke.", &mut doc);
    assert_eq!(n[0].0, "Abdou Abary");
    assert_eq!(n[0].1.as_deref(), Some("NER"));
    // Later, his surname alone.
    let n = names("en", "Abary then specified the position.", &mut doc);
    assert_eq!(n.first().map(|x| x.0.as_str()), Some("Abdou Abary"));
}

#[test]
fn coreference_junta_general_and_capital() {
    let mut doc = DocState {
        focus: Some("NER".to_owned()),
        ..DocState::default()
    };
    assert_eq!(names("en", "the junta announced", &mut doc)[0].0, "Abdourahamane Tiani");
    assert_eq!(
        names("nl", "de nieuwe machthebbers", &mut doc)[0].0,
        "Abdourahamane Tiani"
    );
    // "the general" is the last general named.
    let _ = names("en", "Gen. Salifou Mody arrived.", &mut doc);
    assert_eq!(names("en", "the general received him", &mut doc)[0].0, "Salifou Mody");
    // A capital as the subject is its government; after "in" it is a place.
    let n = names("en", "Niamey and Ouagadougou announced", &mut doc);
    assert_eq!(
        n.iter().map(|x| (x.0.as_str(), x.2)).collect::<Vec<_>>(),
        vec![("Niger", false), ("Burkina Faso", false)]
    );
    let n = names("en", "protesters in Niamey", &mut doc);
    assert!(n.iter().any(|x| x.0 == "Niger" && x.2), "{n:?}");
    // Bare "protesters" stay unqualified.
    assert_eq!(names("en", "protesters gathered", &mut doc)[0].0, "Protesters");
}

#[test]
fn an_adjective_slip_is_read_as_the_country_the_article_is_about() {
    let res = Resources::embedded().expect("data");
    let sents = ["Niger and Russia signed.", "The Nigerian authorities said so."].map(tokens);
    let mut doc = prepare(&res, "en", &sents);
    assert_eq!(doc.country("NGA"), "NER");
    assert_eq!(doc.focus.as_deref(), Some("NER"));
    let s = "The Nigerian authorities said so.";
    let items = resolve(&res, "en", &tokens(s), s, &mut doc);
    assert_eq!(items[0].actor.country.as_deref(), Some("NER"));
    let sents = ["Nigeria and Niger met in Abuja.", "The Nigerian army said."].map(tokens);
    assert_eq!(prepare(&res, "en", &sents).country("NGA"), "NGA");
    let sents = ["Niger and Russia met in Lagos.", "The Nigerian army said."].map(tokens);
    assert_eq!(
        prepare(&res, "en", &sents).country("NGA"),
        "NGA",
        "a major city names the country"
    );
    // In a sentence that names Niger beside the adjective, the adjective is Nigeria's.
    let sents = [
        "Niger and Russia signed.",
        "The Nigerian minister summoned Niger's ambassador.",
    ]
    .map(tokens);
    let mut doc = prepare(&res, "en", &sents);
    let s = "The Nigerian minister summoned Niger's ambassador.";
    let items = resolve(&res, "en", &tokens(s), s, &mut doc);
    let countries: Vec<Option<&str>> = items.iter().map(|i| i.actor.country.as_deref()).collect();
    assert_eq!(countries, [Some("NGA"), Some("NER")]);
}

#[test]
fn a_body_of_no_state_qualified_by_a_country_is_its_branch() {
    let res = Resources::embedded().expect("data");
    let country_of = |s: &str, name: &str| {
        let mut doc = DocState::default();
        resolve(&res, "en", &tokens(s), s, &mut doc)
            .into_iter()
            .find(|i| i.actor.name == name)
            .and_then(|i| i.actor.country)
    };
    assert_eq!(
        country_of("Iraq's Al-Qaeda claimed the attack.", "Al-Qaeda").as_deref(),
        Some("IRQ")
    );
    // An international body stays one.
    assert_eq!(
        country_of("Niger's African Union partners met.", "African Union").as_deref(),
        Some("IGO")
    );
}

#[test]
fn a_group_of_another_state_takes_no_country_by_default() {
    let focused = || DocState {
        focus: Some("NER".to_owned()),
        ..DocState::default()
    };
    let of = |lang: &str, text: &str| {
        names(lang, text, &mut focused())
            .into_iter()
            .map(|x| x.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of("en", "the troops left"),
        vec!["Niger military"],
        "the focus country's by default"
    );
    assert_eq!(of("en", "the foreign troops left"), vec!["Military"]);
    assert_eq!(of("fr", "les troupes étrangères sont parties"), vec!["Military"]);
    assert_eq!(of("nl", "de buitenlandse troepen vertrokken"), vec!["Military"]);
}

#[test]
fn a_states_body_named_as_its_sector_group_has_the_groups_spelling() {
    // "US military" is a body in the Phoenix data and "US troops" a group: one name for both.
    assert_eq!(
        one("en", "the withdrawal of US military personnel"),
        vec!["United States military"]
    );
    assert_eq!(one("en", "US troops in Niger"), vec!["United States military"]);
}
