//! The words of the generated articles: sentence and title templates per language, and the
//! slot values they are filled with (countries, places, partners, armed groups, days, months).
//!
//! Written for this project in the style of the extractor's gold set
//! (`services/evaluation/gold/events/dev`): short news sentences whose triggers, actors, places and
//! dates the extractor's data files (`services/extractor/data/*.json`) know. Slots are written
//! `{name}`; the first letter of a filled sentence is capitalised.

/// A language of the generated press.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Dutch.
    Nl,
}

impl Lang {
    /// Every language, in a fixed order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Nl];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Nl => "nl",
        }
    }

    /// Parses an ISO 639-1 code.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    pub(crate) fn idx(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Fr => 1,
            Lang::Nl => 2,
        }
    }
}

/// A Sahel country, written in each language.
#[derive(Debug)]
pub struct Country {
    /// Name as a noun phrase (`le Niger` in French).
    pub name: [&'static str; 3],
    /// "to the country" (French `au Niger`; the name elsewhere).
    pub to: [&'static str; 3],
    /// Adjective before plural nouns (soldiers).
    pub adj_pl: [&'static str; 3],
    /// Adjective before a singular noun (government).
    pub adj_sg: [&'static str; 3],
    /// The army, as a noun phrase.
    pub army: [&'static str; 3],
    /// The head of the junta with his title.
    pub leader: [&'static str; 3],
    /// The capital.
    pub capital: &'static str,
    /// Towns the gazetteer knows.
    pub places: &'static [&'static str],
}

/// The three countries of the Alliance of Sahel States.
pub const COUNTRIES: &[Country] = &[
    Country {
        name: ["Niger", "le Niger", "Niger"],
        to: ["Niger", "au Niger", "Niger"],
        adj_pl: ["Nigerien", "nigériens", "Nigerese"],
        adj_sg: ["Nigerien", "nigérien", "Nigerese"],
        army: ["the Nigerien army", "l'armée nigérienne", "het Nigerese leger"],
        leader: [
            "General Abdourahamane Tiani",
            "le général Abdourahamane Tiani",
            "generaal Abdourahamane Tiani",
        ],
        capital: "Niamey",
        places: &["Tillabéri", "Diffa", "Agadez", "Tahoua", "Zinder", "Dosso", "Ouallam"],
    },
    Country {
        name: ["Mali", "le Mali", "Mali"],
        to: ["Mali", "au Mali", "Mali"],
        adj_pl: ["Malian", "maliens", "Malinese"],
        adj_sg: ["Malian", "malien", "Malinese"],
        army: ["the Malian army", "l'armée malienne", "het Malinese leger"],
        leader: [
            "Colonel Assimi Goïta",
            "le colonel Assimi Goïta",
            "kolonel Assimi Goïta",
        ],
        capital: "Bamako",
        places: &["Gao", "Mopti", "Ségou", "Ménaka", "Kidal", "Sikasso"],
    },
    Country {
        name: ["Burkina Faso", "le Burkina Faso", "Burkina Faso"],
        to: ["Burkina Faso", "au Burkina Faso", "Burkina Faso"],
        adj_pl: ["Burkinabe", "burkinabè", "Burkinabese"],
        adj_sg: ["Burkinabe", "burkinabè", "Burkinabese"],
        army: ["the Burkinabe army", "l'armée burkinabè", "het Burkinabese leger"],
        leader: [
            "Captain Ibrahim Traoré",
            "le capitaine Ibrahim Traoré",
            "kapitein Ibrahim Traoré",
        ],
        capital: "Ouagadougou",
        places: &["Djibo", "Dori", "Kaya", "Fada N'Gourma", "Ouahigouya", "Bobo-Dioulasso"],
    },
];

/// Partner states: the name, then "of <name>".
pub const PARTNERS: &[([&str; 3], [&str; 3])] = &[
    (
        ["Russia", "la Russie", "Rusland"],
        ["of Russia", "de la Russie", "van Rusland"],
    ),
    (
        ["Turkey", "la Turquie", "Turkije"],
        ["of Turkey", "de la Turquie", "van Turkije"],
    ),
    (["China", "la Chine", "China"], ["of China", "de la Chine", "van China"]),
    (
        ["Algeria", "l'Algérie", "Algerije"],
        ["of Algeria", "de l'Algérie", "van Algerije"],
    ),
    (["Chad", "le Tchad", "Tsjaad"], ["of Chad", "du Tchad", "van Tsjaad"]),
    (
        ["Morocco", "le Maroc", "Marokko"],
        ["of Morocco", "du Maroc", "van Marokko"],
    ),
];

/// Armed groups, as written after "fighters of".
pub const GROUPS: &[[&str; 3]] = &[
    ["JNIM", "du JNIM", "JNIM"],
    [
        "Islamic State in the Sahel",
        "de l'État islamique au Sahel",
        "Islamitische Staat in de Sahel",
    ],
];

/// Weekdays, Monday first.
pub const DAYS: [[&str; 7]; 3] = [
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ],
];

/// Months, January first.
pub const MONTHS: [[&str; 12]; 3] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
];

/// Syllables of the invented village names (each article has its own village, so stories
/// differ in their words and not only in their template choice).
pub const SYLLABLES: &[&str] = &[
    "kou", "ba", "ta", "ga", "ri", "do", "sa", "mé", "na", "bi", "lo", "ti", "ye", "zou", "fa", "ka", "wa", "di", "ré",
    "go", "bou", "sé", "har", "tan",
];

/// First names of the local officials quoted.
pub const FIRST_NAMES: &[&str] = &[
    "Moussa", "Amadou", "Aïssata", "Issoufou", "Mariam", "Boubacar", "Hadiza", "Ousmane", "Fatimata", "Salif", "Adama",
    "Rakiatou", "Harouna", "Zeinabou", "Idrissa", "Habibou",
];

/// Family names of the local officials quoted.
pub const LAST_NAMES: &[&str] = &[
    "Maïga",
    "Traoré",
    "Ouédraogo",
    "Diallo",
    "Issaka",
    "Sawadogo",
    "Coulibaly",
    "Abdou",
    "Keïta",
    "Hamani",
    "Sidibé",
    "Zongo",
    "Kaboré",
    "Cissé",
    "Garba",
    "Yacouba",
];

/// Body sentences per language (same meaning at the same index).
pub const SENTENCES: [&[&str]; 3] = [
    &[
        "Gunmen killed at least {n} {adj_pl} soldiers in an ambush near {place} on {day}, the defence ministry said.",
        "The army said it had killed {m} terrorists in air strikes near {village} the following day.",
        "Thousands of protesters gathered in {capital} on {day} to support the transition authorities.",
        "{leader} received a delegation from {partner} in {capital} on {day}.",
        "The two sides signed a military cooperation agreement, the presidency said.",
        "{partner} delivered {n} armoured vehicles to {army} on {day}, state television reported.",
        "Residents of {village} said that {n} civilians had been kidnapped by armed men.",
        "Fighters of {group} attacked a convoy on the road between {place} and {village} on {day}.",
        "The government could impose a curfew in the region of {place}, an official said.",
        "{official}, a local councillor in {village}, said the situation remained tense.",
        "Aid agencies said some {n}00 families had fled {village} for {place} since {month}.",
        "ECOWAS called on the junta to release political detainees.",
        "The {adj_sg} government expelled the French ambassador in {month} {year}.",
        "Police arrested {n} people during a demonstration in {place} on {day}.",
        "The interior ministry banned a planned rally of the opposition in {capital}.",
        "{leader} spoke by telephone with the president {partner_of} on {day}.",
        "The European Union suspended its budget support to {to} in {month} {year}.",
        "Teachers in {place} went on strike on {day} to demand unpaid salaries.",
        "The army said its troops had repelled an attack on the military post of {village}.",
        "Local sources said the market of {village} was burned by the attackers.",
        "{official}, who leads a civil society group in {place}, condemned the violence.",
        "The United Nations will send humanitarian aid to {place} next week.",
    ],
    &[
        "Au moins {n} soldats {adj_pl} ont été tués {day} dans une embuscade près de {place}, a annoncé le ministère de la Défense.",
        "{army} a affirmé avoir tué {m} terroristes lors de frappes aériennes près de {village} le lendemain.",
        "Des milliers de manifestants se sont rassemblés {day} à {capital} pour soutenir les autorités de la transition.",
        "{leader} a reçu {day} à {capital} une délégation {partner_of}.",
        "Les deux parties ont signé un accord de coopération militaire, selon un communiqué de la présidence.",
        "{partner} a livré {day} {n} véhicules blindés à {army}, a rapporté la télévision publique.",
        "Des habitants de {village} ont indiqué que {n} civils avaient été enlevés par des hommes armés.",
        "Des combattants {group} ont attaqué {day} un convoi sur la route entre {place} et {village}.",
        "Le gouvernement pourrait instaurer un couvre-feu dans la région de {place}, selon un responsable.",
        "{official}, un conseiller municipal de {village}, a déclaré que la situation restait tendue.",
        "Selon les agences humanitaires, quelque {n}00 familles ont fui {village} pour {place} depuis {month}.",
        "La CEDEAO a appelé la junte à libérer les détenus politiques.",
        "Le gouvernement {adj_sg} avait expulsé l'ambassadeur de France en {month} {year}.",
        "La police a arrêté {n} personnes lors d'une manifestation à {place} {day}.",
        "Le ministère de l'Intérieur a interdit un rassemblement de l'opposition prévu à {capital}.",
        "{leader} s'est entretenu au téléphone {day} avec le président {partner_of}.",
        "L'Union européenne a suspendu son appui budgétaire {to} en {month} {year}.",
        "Les enseignants de {place} sont en grève depuis {day} pour réclamer des arriérés de salaires.",
        "{army} a repoussé une attaque contre le poste militaire de {village}, selon un communiqué.",
        "Selon des sources locales, le marché de {village} a été incendié par les assaillants.",
        "{official}, qui dirige une association de la société civile à {place}, a condamné les violences.",
        "Les Nations unies enverront une aide humanitaire à {place} la semaine prochaine.",
    ],
    &[
        "Gewapende mannen hebben {day} bij {place} ten minste {n} {adj_pl} soldaten gedood in een hinderlaag, meldde het ministerie van Defensie.",
        "Volgens {army} werden de volgende dag bij luchtaanvallen bij {village} {m} terroristen gedood.",
        "Duizenden demonstranten kwamen {day} in {capital} bijeen om de overgangsregering te steunen.",
        "{leader} ontving {day} in {capital} een delegatie {partner_of}.",
        "De twee partijen ondertekenden een militair samenwerkingsakkoord, aldus het presidentschap.",
        "{partner} leverde {day} {n} pantservoertuigen aan {army}, meldde de staatstelevisie.",
        "Inwoners van {village} zeiden dat {n} burgers door gewapende mannen waren ontvoerd.",
        "Strijders van {group} vielen {day} een konvooi aan op de weg tussen {place} en {village}.",
        "De regering zou een avondklok kunnen instellen in de regio {place}, zei een functionaris.",
        "{official}, een gemeenteraadslid in {village}, zei dat de situatie gespannen bleef.",
        "Volgens hulporganisaties zijn sinds {month} zo'n {n}00 gezinnen uit {village} naar {place} gevlucht.",
        "ECOWAS riep de junta op politieke gevangenen vrij te laten.",
        "De {adj_sg} regering zette in {month} {year} de Franse ambassadeur het land uit.",
        "De politie arresteerde {day} {n} mensen tijdens een betoging in {place}.",
        "Het ministerie van Binnenlandse Zaken verbood een geplande bijeenkomst van de oppositie in {capital}.",
        "{leader} sprak {day} telefonisch met de president {partner_of}.",
        "De Europese Unie schortte in {month} {year} haar begrotingssteun aan {to} op.",
        "Leraren in {place} staakten {day} om achterstallige salarissen te eisen.",
        "{army} sloeg volgens een verklaring een aanval op de militaire post van {village} af.",
        "Volgens lokale bronnen werd de markt van {village} door de aanvallers in brand gestoken.",
        "{official}, die een maatschappelijke organisatie in {place} leidt, veroordeelde het geweld.",
        "De Verenigde Naties sturen volgende week humanitaire hulp naar {place}.",
    ],
];

/// Indexes of the sentences that name the article's own village or official: every article
/// has at least two of them, so no two stories share most of their word sequences.
pub const LOCAL_SENTENCES: &[usize] = &[1, 6, 9, 10, 18, 19, 20];

/// Titles per language.
pub const TITLES: [&[&str]; 3] = [
    &[
        "{n} soldiers killed in ambush near {place}",
        "Junta in {capital} signs defence pact with {partner}",
        "Protesters rally in {capital} as tensions rise",
        "Attack on {village} leaves {n} dead",
        "Thousands flee violence around {place}",
    ],
    &[
        "{n} soldats tués dans une embuscade près de {place}",
        "La junte de {capital} signe un accord de défense avec {partner}",
        "Manifestation de soutien à la transition à {capital}",
        "Attaque meurtrière contre {village}",
        "Des milliers de déplacés autour de {place}",
    ],
    &[
        "{n} soldaten gedood bij hinderlaag nabij {place}",
        "Junta in {capital} sluit defensiepact met {partner}",
        "Betoging in {capital} ter steun van de junta",
        "Dodelijke aanval op {village}",
        "Duizenden op de vlucht rond {place}",
    ],
];

/// Sentences a near-duplicate may gain (an agency credit or an update note).
pub const ADDITIONS: [&[&str]; 3] = [
    &[
        "This article was updated with new figures from the regional authorities.",
        "With reporting by our correspondent in {capital}.",
    ],
    &[
        "Cet article a été mis à jour avec les derniers chiffres des autorités régionales.",
        "Avec notre correspondant à {capital}.",
    ],
    &[
        "Dit artikel is bijgewerkt met nieuwe cijfers van de regionale autoriteiten.",
        "Met medewerking van onze correspondent in {capital}.",
    ],
];

/// Title prefixes of an updated near-duplicate.
pub const UPDATE_PREFIX: [&str; 3] = ["UPDATE: ", "Actualisé : ", "Update: "];
