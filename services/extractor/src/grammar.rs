//! The function words the syntactic coder reads around a trigger (`data/grammar.json`):
//! negation, refusal, future and modal auxiliaries, conditions, plans, intent, speech verbs, light
//! verbs, the prepositions of agents, targets and places, per language, as lemmas. A
//! language is added by adding its section.

use std::collections::{HashMap, HashSet};

use crate::lexicon::DataError;

/// The grammar words file, embedded at build time.
pub const GRAMMAR_JSON: &str = include_str!("../data/grammar.json");

/// One kind of grammar word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Words {
    /// Negates its head ("not", "pas", "niet").
    Negation,
    /// A verb whose complement did not happen ("refuse to").
    Refusal,
    /// Future auxiliary.
    Future,
    /// The modal that is also the future of a past statement ("said it would investigate").
    FuturePast,
    /// Possibility, obligation or condition.
    Modal,
    /// A verb of the writer's judgement ("seem", "sembler", "lijken").
    Hedge,
    /// Conjunction of an if clause.
    Condition,
    /// Preposition of what a thing is for ("a framework for cooperation").
    Purpose,
    /// Mark of a non-finite clause that says what an act is for ("turned to Russia to fight").
    Aim,
    /// A verb that bans a kind of act ("penalize the trafficking of migrants").
    Prohibition,
    /// Conjunction of a condition that makes a stated intent a threat ("unless").
    Ultimatum,
    /// A verb whose complement is planned ("decide to").
    Plan,
    /// A word by which an actor states its own intent ("plans to", "willing to"): the intended
    /// event is also a promise or a threat.
    Intent,
    /// A verb of saying.
    Speech,
    /// The subordinator of a reported clause ("that").
    Complementizer,
    /// A participle that ties a person to a body ("affiliated with").
    Affiliation,
    /// A noun of an accusation made ("rejected the accusations"): rejecting one answers
    /// its accuser.
    Charge,
    /// A preposition of where a motion ends ("to", "vers", "naar").
    Goal,
    /// A verb that moves someone somewhere ("travelled to Moscow to meet").
    Motion,
    /// Obligation ("must"): said of another, a demand.
    Obligation,
    /// A verb that carries a nominal event ("launch an attack").
    Light,
    /// A light verb that tells of its event after the fact ("claimed the attack"): the
    /// event's roles are its, its date and place are the claim's.
    Claim,
    /// A noun that carries the event noun compounded with it ("a mediation effort").
    Carrier,
    /// Preposition that names both sides of a noun event ("cooperation between Russia and
    /// Niger").
    Between,
    /// Preposition of a passive agent.
    Agent,
    /// Prepositions of a target oblique.
    Target,
    /// Prepositions of a place.
    Place,
    /// Words that make a number approximate ("around 30"), which the parser may read as a
    /// preposition.
    Approximate,
    /// Group nouns a language writes at the end of a compound ("rebellen" in
    /// "Tuaregrebellen"): the compound is that group.
    CompoundHead,
    /// Verbs of an order given by an authority: with a noun event as object, the order is
    /// that event, done by whoever gave it ("ordered the suspension of the BBC").
    Command,
    /// Auxiliaries of the perfect of verbs without an object that, beside another verb's
    /// participle, make its passive (Dutch "zijn", French "être"; empty in English).
    BePerfect,
    /// Prepositions before which a name the gazetteer lacks is a place, read as one when the
    /// tagger calls it a name ("near Barsalogho", "à Moura", "bij Tessit").
    NamedPlace,
    /// Nouns for a town or village, whose name, after them or their of-phrase's preposition,
    /// is a place ("the town of Moura", "la localité de Barsalogho", "het dorp Tessit").
    Settlement,
    /// Nouns of a boundary between two states, whose with-phrase names the neighbour ("near
    /// the border with Libya", "près de la frontière avec le Niger", "bij de grens met
    /// Libië"): a country there says whose the border is not, and whose the people near it
    /// are not.
    Border,
    /// Nouns for a state as such ("the country would withdraw", "le pays quittera", "het land
    /// trekt zich terug"): with a definite article, in a clause a speaker reports, the
    /// speaker's country.
    CountryNoun,
    /// Relative adverbs of place ("in Gao, where he met", "à Agadez, où l'OIM fournira",
    /// "naar Gao, waar hij ontmoette"): the clause they open happens at the place before them.
    RelativePlace,
    /// Adverbs that make the with-phrase right after them a companion, on the same side as
    /// the subject ("together with Russian mercenaries", "samen met Russische huurlingen",
    /// "conjointement avec l'armée"): no target, though "with" may name one ("clashed with").
    Companion,
    /// Adjectives that say a group is of another state than the story's ("foreign troops",
    /// "des troupes étrangères", "buitenlandse troepen"): such a group takes no country by
    /// default, neither the article's focus nor the place's.
    Foreign,
    /// Prepositions after which a bare singular noun says what kind of thing the noun before
    /// is ("hélicoptères de combat"): an event noun there is no event. Only French writes
    /// such phrases; English compounds them ("attack helicopters"), Dutch writes one word.
    Classifier,
    /// Prepositions of an adversary ("against", "contre", "tegen"): whom two sides cooperate
    /// against is not the other side.
    Against,
    /// Nouns that count the phrase after them ("thousands of").
    Quantity,
    /// Nouns for people that name no group ("people", "personnes", "mensen"): what an act
    /// done only to people (`@people`) may be done to.
    Person,
    /// Articles and possessives.
    Determiner,
    /// Third-person possessive determiners ("its troops"): the group is its owner's.
    Possessive,
    /// Prepositions that make a noun event a backdrop ("after the coup").
    Context,
    /// Adverbs that put an event before the story.
    Background,
    /// Pronouns for a person.
    PronounPerson,
    /// Pronouns for a group.
    PronounGroup,
    /// Marks of a non-finite clause whose subject is its head verb's object ("stop the
    /// terrorists from killing", "accuse Benin of allowing", "empêcher les rebelles de").
    ObjectControl,
    /// Nouns of a relation between two parties ("partner", "ally", "voisin"): their
    /// of-phrase names the other party, not the one the noun stands for ("France, a former
    /// partner of Niger that withdrew its troops").
    Relational,
    /// Participles that state a stance, not an act done to their subject ("Israel is opposed
    /// to the plan"): their subject is the source, unless an agent is named.
    Stative,
    /// Verbs without an object whose past participle, alone beside a noun, tells what the noun
    /// did ("protesters gathered", "les soldats arrivés"), not what was done to it.
    Unaccusative,
    /// Auxiliaries that make a passive whatever the verb ("be", "worden"), unlike Dutch
    /// "zijn", also the perfect of verbs of motion ("is vertrokken").
    PassiveAuxiliary,
    /// The auxiliary of the perfect that is also a verb of possession, where the participle
    /// ends the clause ("heeft"): with a past participle after its object, the participle is
    /// the clause's verb ("Het leger heeft een aanval uitgevoerd op een kamp"). None in
    /// English or French ("has troops stationed in Gao").
    Perfect,
    /// Verbs whose subject undergoes the act they report ("kwamen om het leven", "ont trouvé
    /// la mort"): the subject is the target. An entry of two lemmas is the verb and one of
    /// its dependents.
    Undergo,
    /// A verb and its oblique's preposition that set the verb's object against the oblique as
    /// the two sides of the event noun that is its subject ("des affrontements ont opposé
    /// l'armée aux rebelles": "opposer à").
    Opposing,
    /// Event nouns whose of-phrase is what the act is done to, whatever their type ("the
    /// training of Malian soldiers": the soldiers are trained).
    OfPatient,
    /// Prepositions of where someone is called back or broken with from ("recalled its
    /// ambassador from Bamako", "rappelé son ambassadeur d'Alger", "riep zijn ambassadeur
    /// terug uit Algiers"): the state there is the target of such a sanction.
    Origin,
    /// Verbs whose subject is an event and whose object, or dative, its victims ("the attack
    /// left 14 soldiers dead", "l'attaque a coûté la vie à 14 soldats", "de aanval kostte
    /// veertien soldaten het leven").
    Toll,
    /// Prepositions, and the nouns of prepositions of two words, naming whom aid is for ("a
    /// loan for Niger", "un prêt en faveur du Niger", "een lening voor Niger").
    Beneficiary,
    /// Verbs whose object does what their infinitive complement says ("asked France to
    /// withdraw", "a exhorté la junte à libérer", "vroeg Frankrijk terug te trekken").
    Ask,
}

const KEYS: [(&str, Words); 61] = [
    ("negation", Words::Negation),
    ("refusal", Words::Refusal),
    ("future", Words::Future),
    ("future_past", Words::FuturePast),
    ("modal", Words::Modal),
    ("hedge", Words::Hedge),
    ("condition", Words::Condition),
    ("purpose", Words::Purpose),
    ("aim", Words::Aim),
    ("prohibition", Words::Prohibition),
    ("ultimatum", Words::Ultimatum),
    ("plan", Words::Plan),
    ("intent", Words::Intent),
    ("speech", Words::Speech),
    ("complementizer", Words::Complementizer),
    ("affiliation", Words::Affiliation),
    ("charge", Words::Charge),
    ("goal", Words::Goal),
    ("motion", Words::Motion),
    ("obligation", Words::Obligation),
    ("light", Words::Light),
    ("claim", Words::Claim),
    ("carrier", Words::Carrier),
    ("between", Words::Between),
    ("agent", Words::Agent),
    ("target", Words::Target),
    ("place", Words::Place),
    ("named_place", Words::NamedPlace),
    ("be_perfect", Words::BePerfect),
    ("command", Words::Command),
    ("compound_heads", Words::CompoundHead),
    ("approximate", Words::Approximate),
    ("settlement", Words::Settlement),
    ("border", Words::Border),
    ("foreign", Words::Foreign),
    ("companion", Words::Companion),
    ("relative_place", Words::RelativePlace),
    ("country_noun", Words::CountryNoun),
    ("classifier", Words::Classifier),
    ("against", Words::Against),
    ("quantity", Words::Quantity),
    ("person", Words::Person),
    ("determiner", Words::Determiner),
    ("possessive", Words::Possessive),
    ("context", Words::Context),
    ("background", Words::Background),
    ("pronoun_person", Words::PronounPerson),
    ("pronoun_group", Words::PronounGroup),
    ("object_control", Words::ObjectControl),
    ("relational", Words::Relational),
    ("stative", Words::Stative),
    ("unaccusative", Words::Unaccusative),
    ("passive_auxiliary", Words::PassiveAuxiliary),
    ("perfect", Words::Perfect),
    ("undergo", Words::Undergo),
    ("opposing", Words::Opposing),
    ("of_patient", Words::OfPatient),
    ("origin", Words::Origin),
    ("toll", Words::Toll),
    ("beneficiary", Words::Beneficiary),
    ("ask", Words::Ask),
];

/// The grammar words of every language.
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    /// Per language, per kind, the words (looked up without allocating the key).
    sets: HashMap<String, HashMap<Words, HashSet<String>>>,
}

impl Grammar {
    /// Loads the embedded file.
    pub fn embedded() -> Result<Grammar, DataError> {
        Grammar::from_json(GRAMMAR_JSON)
    }

    /// Loads a grammar file; every language section must have every kind.
    pub fn from_json(json: &str) -> Result<Grammar, DataError> {
        let bad = |problem: String| DataError {
            file: "grammar.json",
            problem,
        };
        let raw: HashMap<String, serde_json::Value> = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
        let mut sets: HashMap<String, HashMap<Words, HashSet<String>>> = HashMap::new();
        for (lang, v) in &raw {
            if lang == "comment" {
                continue;
            }
            let obj = v.as_object().ok_or_else(|| bad(format!("{lang}: not an object")))?;
            for (key, kind) in KEYS {
                let words = obj
                    .get(key)
                    .and_then(|x| x.as_array())
                    .ok_or_else(|| bad(format!("{lang}.{key}: missing list")))?;
                let set: HashSet<String> = words
                    .iter()
                    .map(|w| {
                        w.as_str()
                            .map(str::to_lowercase)
                            .ok_or_else(|| bad(format!("{lang}.{key}: not a string")))
                    })
                    .collect::<Result<_, _>>()?;
                sets.entry(lang.clone()).or_default().insert(kind, set);
            }
        }
        Ok(Grammar { sets })
    }

    /// The word of `kind` in `lang` that `word` (lower-cased) ends with, after at least
    /// `prefix` other letters ("tuaregrebellen" ends with "rebellen"); the longest.
    pub fn ending(&self, lang: &str, kind: Words, word: &str, prefix: usize) -> Option<&str> {
        let set = self.sets.get(lang)?.get(&kind)?;
        set.iter()
            .filter(|w| {
                word.strip_suffix(w.as_str())
                    .is_some_and(|rest| rest.chars().count() >= prefix)
            })
            .max_by_key(|w| w.len())
            .map(String::as_str)
    }

    /// Whether `lemma` (lower-cased) is a word of `kind` in `lang`. A separable verb's lemma
    /// as the Dutch model writes it ("aan_kondigen", from "kondigde … aan") is also looked up
    /// as one word ("aankondigen"), as the lists write it.
    pub fn is(&self, lang: &str, kind: Words, lemma: &str) -> bool {
        self.sets.get(lang).and_then(|k| k.get(&kind)).is_some_and(|s| {
            if s.contains(lemma) {
                return true;
            }
            let lower = lemma.to_lowercase();
            s.contains(&lower) || (lower.contains('_') && s.contains(&lower.replace('_', "")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_has_every_kind_for_every_language() {
        let g = Grammar::embedded().expect("grammar.json loads");
        for lang in crate::lexicon::LANGUAGES {
            // French writes the future of a past statement as a mood ("enquêterait"), no word;
            // only Dutch ends a clause with the perfect's participle; English labels its
            // passives.
            for (key, kind) in KEYS.into_iter().filter(|&(_, k)| {
                !(lang == "fr" && k == Words::FuturePast)
                    && (lang == "nl" || k != Words::Perfect)
                    && (lang != "en" || k != Words::BePerfect)
                    // (Only Dutch writes its group nouns at the end of compounds.)
                    && (lang == "nl" || k != Words::CompoundHead)
                    // (Only French classifies a noun by a bare one after a preposition.)
                    && (lang == "fr" || k != Words::Classifier)
            }) {
                assert!(
                    g.sets
                        .get(lang)
                        .and_then(|k| k.get(&kind))
                        .is_some_and(|s| !s.is_empty()),
                    "{lang}.{key} is empty"
                );
            }
        }
        assert!(g.is("fr", Words::Speech, "déclarer"));
        assert!(!g.is("en", Words::Speech, "attack"));
        // A Dutch separable verb as the model lemmatizes it ("kondigde … aan").
        assert!(g.is("nl", Words::Light, "aan_kondigen"));
        assert!(!g.is("nl", Words::Light, "aan_vallen"));
    }

    #[test]
    fn a_missing_kind_is_named() {
        let e = Grammar::from_json(r#"{"en": {"negation": ["not"]}}"#).expect_err("incomplete");
        assert!(e.problem.contains("en.refusal"), "{}", e.problem);
    }
}
