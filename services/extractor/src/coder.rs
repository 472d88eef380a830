//! Event coding: article → event mentions. Pure functions over [`Resources`].
//!
//! For each sentence: triggers (PLOVER type and mode), actors ([`crate::actors`]), places
//! (gazetteer names after a locative preposition, "the capital"), dates ([`crate::dates`]),
//! modality from cue words, a confidence from the calibrated model, and the evidence span.
//! Then event identity ([`identity_key`]): mentions of one real-world event share an
//! `event_id` within and across articles.

use chrono::{Duration, NaiveDate};
use sahel_schemas::envelope::{now, Message};
use sahel_schemas::event::{
    Actor, EventDate, EventDatePrecision, EventMention, EventType, Evidence, Modality, Place, ReferenceDate,
    ReferenceDateSource, TriggerSpan,
};
use sahel_schemas::{ids, ProducerInfo};

use crate::actors::{self, ActorItem, DocState};
use crate::dates::{self, DateContext, DateExpr};
use crate::lexicon::{ActorPat, Cue, Match, PlaceEntry, Resources, LANGUAGES};
use crate::nlp::{self, Token};

/// What the coder needs to know about an article.
#[derive(Debug, Clone)]
pub struct ArticleInput<'a> {
    /// Article id.
    pub article_id: &'a str,
    /// Text (NFC, paragraphs separated by blank lines).
    pub text: &'a str,
    /// Language (ISO 639-1).
    pub language: &'a str,
    /// Publication date, for relative dates.
    pub published: Option<NaiveDate>,
}

/// The features the confidence model weighs (names match `data/calibration.json`).
pub const FEATURES: [&str; 8] = [
    "bias",
    "factual",
    "actor1",
    "actor2",
    "place",
    "date",
    "strong_trigger",
    "several_types",
];

/// Feature values of a mention.
pub fn features(m: &EventMention, trigger_fixed: usize, types_in_sentence: usize) -> [f64; 8] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    [
        1.0,
        b(matches!(
            m.modality,
            Modality::Asserted | Modality::Reported | Modality::Background
        )),
        b(m.actor1.is_some()),
        b(m.actor2.is_some()),
        b(m.place.is_some()),
        b(m.date.is_some()),
        b(trigger_fixed >= 2),
        // Kept for the file format, weighed 0: in-sample it punished sentences that report
        // two events, making an undated headline outrank the full report it belongs to.
        0.0 * b(types_in_sentence > 1),
    ]
}

/// The calibrated probability that a mention with these features is a correctly typed event.
pub fn confidence(res: &Resources, x: &[f64; 8]) -> f64 {
    let z: f64 = FEATURES
        .iter()
        .zip(x)
        .map(|(f, v)| res.calibration.weights.get(*f).copied().unwrap_or(0.0) * v)
        .sum();
    let p = 1.0 / (1.0 + (-z).exp());
    (p * 100.0).round() / 100.0
}

fn has_before(cues: &[Match], at: usize, window: usize) -> bool {
    cues.iter().any(|m| m.last <= at && at - m.last <= window)
}

struct Sent<'a> {
    toks: &'a [Token],
    lang: &'a str,
    res: &'a Resources,
    /// Cue matches, computed once per sentence.
    cues: std::cell::RefCell<std::collections::HashMap<Cue, Vec<Match>>>,
}

impl<'a> Sent<'a> {
    fn new(toks: &'a [Token], lang: &'a str, res: &'a Resources) -> Self {
        Self {
            toks,
            lang,
            res,
            cues: Default::default(),
        }
    }

    fn cues(&self, c: Cue) -> Vec<Match> {
        self.cues
            .borrow_mut()
            .entry(c)
            .or_insert_with(|| self.res.cues(self.lang, c, self.toks))
            .clone()
    }
}

/// Modality of the trigger `t` of type `ty`.
fn modality(
    s: &Sent<'_>,
    t: &Match,
    ty: EventType,
    date: Option<&EventDate>,
    reference: Option<NaiveDate>,
) -> Modality {
    let neg_before = has_before(&s.cues(Cue::Negation), t.first, 4);
    let neg_after = s
        .cues(Cue::NegationAfter)
        .iter()
        .any(|m| m.first >= t.last && m.first - t.last <= 2);
    let refused = has_before(&s.cues(Cue::Refusal), t.first, 3);
    if neg_before || neg_after || refused {
        return Modality::Negated;
    }
    if has_before(&s.cues(Cue::Hypothetical), t.first, 4) {
        return Modality::Hypothetical;
    }
    let speech = matches!(
        ty,
        EventType::Demand | EventType::Disapprove | EventType::Reject | EventType::Threaten | EventType::Agree
    );
    let trigger_word = s.toks[t.first].lower.as_str();
    let infinitive = !speech
        && s.cues(Cue::Infinitive).iter().any(|m| m.last == t.first)
        && (s.lang != "fr" || ["er", "ir", "re"].iter().any(|e| trigger_word.ends_with(e)));
    let planned_cue = has_before(&s.cues(Cue::Planned), t.first, 3)
        && !(trigger_word.ends_with("ed") && s.lang == "en" && !s.toks[..t.first].iter().any(|x| x.lower == "will"));
    if infinitive || (planned_cue && !speech) {
        return Modality::Planned;
    }
    let old = match (date, reference) {
        // Checked: a publication date near chrono's limits must not panic (tests/fuzz_regressions).
        (Some(d), Some(r)) => r
            .checked_sub_signed(Duration::days(365))
            .is_some_and(|year_before| d.end < year_before),
        _ => false,
    };
    if old || !s.cues(Cue::Background).is_empty() {
        return Modality::Background;
    }
    if !s.cues(Cue::Reported).is_empty() {
        return Modality::Reported;
    }
    Modality::Asserted
}

const DETS_EN: &[&str] = &["the", "a", "an", "its", "their", "his", "her"];
const DETS_FR: &[&str] = &[
    "le", "la", "les", "l'", "un", "une", "des", "son", "sa", "ses", "leur", "leurs",
];
const DETS_NL: &[&str] = &["de", "het", "een", "zijn", "haar", "hun"];
const PREPS_EN: &[&str] = &[
    "of",
    "in",
    "at",
    "with",
    "for",
    "to",
    "from",
    "by",
    "on",
    "against",
    "about",
    "between",
    "according",
    "among",
    "near",
];
const PREPS_FR: &[&str] = &[
    "de", "d'", "du", "à", "au", "aux", "avec", "pour", "par", "contre", "sur", "chez", "en", "entre", "selon", "près",
];
const PREPS_NL: &[&str] = &[
    "van", "met", "voor", "in", "op", "bij", "tegen", "door", "naar", "aan", "uit", "over", "tussen", "volgens", "om",
];
/// Words that open a clause of their own.
const SUBORDINATORS: &[&str] = &[
    "after", "while", "when", "which", "who", "whose", "because", "since", "but", "although", "whereas", "après",
    "alors", "qui", "lorsque", "tandis", "mais", "parce", "puisque", "nadat", "terwijl", "toen", "die", "maar",
    "omdat", "hoewel", "waar",
];

/// Determiners of every language (for skipping before places).
const DETS: &[&str] = &[
    "the", "a", "an", "its", "their", "le", "la", "les", "l'", "un", "une", "het", "een", "de", "d'", "his", "her",
];

fn dets(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => DETS_FR,
        "nl" => DETS_NL,
        _ => DETS_EN,
    }
}

fn preps(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => PREPS_FR,
        "nl" => PREPS_NL,
        _ => PREPS_EN,
    }
}

/// The preposition before an actor, if any (determiners skipped).
fn preposition_before<'t>(toks: &'t [Token], first: usize, lang: &str) -> Option<&'t str> {
    let mut j = first;
    while j > 0 && dets(lang).contains(&toks[j - 1].lower.as_str()) {
        j -= 1;
    }
    let prep = j
        .checked_sub(1)
        .map(|i| toks[i].lower.as_str())
        .filter(|w| preps(lang).contains(w))?;
    // "thousands of protesters", "des milliers de manifestants": a quantity, not a phrase.
    let quantity = j >= 2 && {
        let q = toks[j - 2].lower.as_str();
        matches!(prep, "of" | "de" | "d'" | "van")
            && (q.chars().all(|c| c.is_ascii_digit() || c == ',')
                || matches!(
                    q,
                    "thousands"
                        | "hundreds"
                        | "dozens"
                        | "scores"
                        | "milliers"
                        | "centaines"
                        | "dizaines"
                        | "duizenden"
                        | "honderden"
                        | "tientallen"
                        | "millions"
                        | "group"
                        | "groupe"
                        | "groep"
                ))
    };
    (!quantity).then_some(prep)
}

/// A place candidate in a sentence.
#[derive(Debug, Clone)]
struct PlaceCand {
    first: usize,
    idx: usize,
    locative: bool,
}

fn place_rank(p: &PlaceEntry) -> u8 {
    match p.precision.as_str() {
        "point" => 0,
        "city" => 1,
        "admin2" => 2,
        "admin1" => 3,
        "region" | "river" | "lake" => 4,
        _ => 5,
    }
}

/// Places named in a sentence, with whether each is where something happened (after a
/// locative preposition, or in apposition to such a place).
fn places(s: &Sent<'_>, items: &[ActorItem], doc: &DocState) -> Vec<PlaceCand> {
    let res = s.res;
    let toks = s.toks;
    let locatives = s.cues(Cue::Locative);
    let mut out: Vec<(usize, usize, usize)> = Vec::new(); // first, last, place index
    let blocked = |first: usize, last: usize| {
        items
            .iter()
            .any(|x| !x.place_only && !x.is_group && x.first < last && first < x.last && !is_country_actor(x))
    };
    for m in res.places(toks) {
        if !blocked(m.first, m.last) {
            out.push((m.first, m.last, m.target));
        }
    }
    // "Niger's capital", "the Nigerien capital", "la capitale nigérienne", "de Nigerese
    // hoofdstad", "the capital".
    let actor_matches = res.actors(s.lang, toks);
    for c in s.cues(Cue::Capital) {
        let mut country = None;
        let mut first = c.first;
        let mut last = c.last;
        for m in &actor_matches {
            let code = match &res.actor_pats[m.target] {
                ActorPat::CountryAdj(ci) | ActorPat::CountryName(ci) => res.countries[*ci].code.clone(),
                _ => continue,
            };
            let code = if code == "NGA" && doc.nigerian_means_niger {
                "NER".to_owned()
            } else {
                code
            };
            let before = m.last == c.first || (m.last + 1 == c.first && toks[m.last].lower == "'s");
            let after = m.first == c.last;
            if before {
                country = Some(code);
                first = m.first;
                break;
            }
            if after {
                country = Some(code);
                last = m.last;
                break;
            }
        }
        let country = country.or_else(|| {
            c.first
                .checked_sub(1)
                .filter(|&j| DETS.contains(&toks[j].lower.as_str()))
                .and(doc.focus.clone())
        });
        if let Some(p) = country.and_then(|c| res.capital_place(&c)) {
            if let Some(idx) = res.places.iter().position(|x| x.id == p.id) {
                out.retain(|x| x.1 <= first || x.0 >= last);
                out.push((first, last, idx));
            }
        }
    }
    out.sort_by_key(|x| x.0);
    let mut cands: Vec<PlaceCand> = Vec::new();
    let mut prev: Option<(usize, bool)> = None; // (last, locative)
    for (first, last, idx) in out {
        let mut locative = actors::after_locative(res, s.lang, toks, &locatives, first);
        if let Some((pl, true)) = prev {
            let gap = &toks[pl..first];
            if gap.iter().all(|t| t.punct || DETS.contains(&t.lower.as_str())) && gap.len() <= 2 {
                locative = true;
            }
        }
        prev = Some((last, locative));
        cands.push(PlaceCand { first, idx, locative });
    }
    cands
}

fn is_country_actor(x: &ActorItem) -> bool {
    x.actor.sector.as_deref() == Some("government") && x.last - x.first <= 3 && x.actor.country.is_some()
}

fn to_place(p: &PlaceEntry) -> Place {
    Place {
        name: p.name.clone(),
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        latitude: Some(p.lat),
        longitude: Some(p.lon),
        gazetteer_id: Some(p.id.clone()),
        precision: p.precision.clone(),
    }
}

/// Internal record of a coded mention, with what identity and confidence need.
#[derive(Debug, Clone)]
pub struct Coded {
    /// The mention.
    pub mention: EventMention,
    /// Feature values (for calibration).
    pub features: [f64; 8],
}

/// Codes every sentence of an article.
pub fn code(
    res: &Resources,
    input: &ArticleInput<'_>,
    extractor_version: &str,
    producer: &ProducerInfo,
) -> Vec<EventMention> {
    code_detailed(res, input, extractor_version, producer)
        .into_iter()
        .map(|c| c.mention)
        .collect()
}

/// Codes an article, keeping the confidence features of each mention.
pub fn code_detailed(
    res: &Resources,
    input: &ArticleInput<'_>,
    extractor_version: &str,
    producer: &ProducerInfo,
) -> Vec<Coded> {
    let lang = if LANGUAGES.contains(&input.language) {
        input.language
    } else {
        "en"
    };
    let sents = nlp::sentences(input.text);
    let all_toks: Vec<Vec<Token>> = sents.iter().map(|s| nlp::tokens(&s.text)).collect();
    let (reference, reference_date) = match input.published {
        Some(p) => (
            Some(p),
            Some(ReferenceDate {
                date: p,
                source: ReferenceDateSource::Published,
            }),
        ),
        None => match dates::infer_reference(&all_toks) {
            Some(r) => (
                Some(r.date),
                Some(ReferenceDate {
                    date: r.date,
                    source: if r.how == "dateline" {
                        ReferenceDateSource::InferredDateline
                    } else {
                        ReferenceDateSource::InferredLatestDate
                    },
                }),
            ),
            None => (None, None),
        },
    };
    let mut dctx = DateContext {
        reference,
        reference_inferred: input.published.is_none() && reference.is_some(),
        anchor: None,
        year_hint: all_toks.iter().filter_map(|t| dates::max_year(t)).max(),
    };
    let mut doc = actors::prepare(res, lang, &all_toks);
    let focus = doc.focus.clone();
    let mut out: Vec<Coded> = Vec::new();
    for (si, (s, toks)) in sents.iter().zip(&all_toks).enumerate() {
        let date_exprs = dates::find_all(toks, &dctx);
        let items = actors::resolve(res, lang, toks, &s.text, &mut doc);
        let sent = Sent::new(toks, lang, res);
        let triggers = res.triggers(lang, toks);
        if !triggers.is_empty() {
            let coded = code_sentence(&sent, s, si, &triggers, &items, &date_exprs, &doc, &dctx, input, lang);
            for (mention, fixed, types) in coded {
                let x = features(&mention, fixed, types);
                out.push(Coded {
                    mention: EventMention {
                        confidence: confidence(res, &x),
                        extractor_version: extractor_version.to_owned(),
                        producer: producer.clone(),
                        reference_date: reference_date.clone(),
                        ..mention
                    },
                    features: x,
                });
            }
        }
        if let Some(last_day) = date_exprs
            .iter()
            .rev()
            .find(|e| e.date.precision == EventDatePrecision::Day)
        {
            dctx.anchor = Some(last_day.date.start);
        }
    }
    assign_event_ids(&mut out, focus.as_deref());
    out
}

#[allow(clippy::too_many_arguments)]
fn code_sentence(
    s: &Sent<'_>,
    sentence: &nlp::Sentence,
    si: usize,
    triggers: &[Match],
    items: &[ActorItem],
    date_exprs: &[DateExpr],
    doc: &DocState,
    dctx: &DateContext,
    input: &ArticleInput<'_>,
    lang: &str,
) -> Vec<(EventMention, usize, usize)> {
    let res = s.res;
    let toks = s.toks;
    let demand = s.cues(Cue::Demand);
    let passive = s.cues(Cue::Passive);
    let agent = s.cues(Cue::Agent);
    let actors_here: Vec<&ActorItem> = items.iter().filter(|x| !x.place_only).collect();
    let place_cands = places(s, items, doc);
    let chars: Vec<char> = sentence.text.chars().collect();
    let mut chosen: Vec<(Match, EventType)> = Vec::new();
    // A trigger that is only an actor noun ("the protesters") counts when nothing else in the
    // sentence is an event: "The protesters also called on ..." reports a demand.
    let noun_only = |t: &Match| {
        t.fixed == 1
            && items
                .iter()
                .any(|x| x.is_group && x.first <= t.first && t.last <= x.last)
    };
    let others = triggers.iter().any(|t| !noun_only(t));
    for t in triggers {
        let (ty, entry) = &res.events[t.target];
        if noun_only(t) && others {
            continue;
        }
        // A trigger inside a name (an organisation, a person, a country) is no trigger.
        if items
            .iter()
            .any(|x| !x.is_group && x.first <= t.first && t.last <= x.last && x.last - x.first > t.last - t.first)
        {
            continue;
        }
        // The act demanded ("calling for the withdrawal") is not an event; the demand is.
        if *ty != EventType::Demand && has_before(&demand, t.first, 6) {
            continue;
        }
        // One mention per type, unless a second one of another mode is in another clause
        // ("overthrown in July 2023, is still being held").
        if let Some((prev, _)) = chosen.iter().rev().find(|(_, x)| x == ty) {
            let other_mode = res.events[prev.target].1.mode != entry.mode;
            let new_clause = toks[prev.last..t.first].iter().any(|x| x.punct);
            if !(other_mode && new_clause) {
                continue;
            }
        }
        chosen.push((*t, *ty));
    }
    let types = chosen.len();
    let mut out = Vec::new();
    for (t, ty) in chosen {
        let entry = &res.events[t.target].1;
        // Actor 1: the actor noun that is the trigger ("protesters"), else the closest actor
        // before the trigger that is not inside a prepositional phrase; actor 2: the first
        // other actor after the trigger. A passive ("was detained by") swaps them.
        let is_passive = has_before(&passive, t.first, 4);
        let own = actors_here
            .iter()
            .find(|a| {
                a.is_group && ((a.first <= t.first && t.last <= a.last) || (t.first <= a.first && a.last <= t.last))
            })
            .copied();
        let before: Vec<&ActorItem> = actors_here.iter().filter(|a| a.last <= t.first).copied().collect();
        // The subject: the first actor of the trigger's clause that is not in a
        // prepositional phrase.
        // The clause: from the last punctuation mark or subordinating word before the
        // trigger ("… just days after Russia delivered"); when it holds no subject, the
        // sentence's first (an apposition: "Gen. Tiani, head of the junta, received").
        let clause_start = toks[..t.first]
            .iter()
            .rposition(|x| x.punct || SUBORDINATORS.contains(&x.lower.as_str()))
            .map_or(0, |i| i + 1);
        let subject_from = |from: usize| {
            before
                .iter()
                .find(|a| a.first >= from && preposition_before(toks, a.first, s.lang).is_none())
                .copied()
        };
        let mut subject = subject_from(clause_start).or_else(|| subject_from(0));
        // Coordinated subjects ("Mali, Burkina Faso and Niger signed"): the first of them.
        while let Some(sub) = subject {
            let prev = before.iter().rev().find(|a| a.last <= sub.first).copied();
            let linked = prev.is_some_and(|p| {
                let gap: Vec<&str> = toks[p.last..sub.first].iter().map(|t| t.lower.as_str()).collect();
                matches!(gap.as_slice(), [","] | ["and"] | ["et"] | ["en"] | [",", "and"])
            });
            if linked {
                subject = prev;
            } else {
                break;
            }
        }
        // Actor 2 comes after the trigger (or inside it: "ordered the troops to leave"),
        // before any attribution ("…, the ministry said").
        let attribution = s
            .cues(Cue::Reported)
            .iter()
            .map(|m| m.first)
            .find(|&f| f >= t.last)
            .unwrap_or(toks.len());
        let after = |skip: Option<&ActorItem>| {
            actors_here
                .iter()
                .find(|a| {
                    a.first > t.first
                        && a.first < attribution
                        && skip.is_none_or(|s| s.actor.name != a.actor.name && s.first != a.first)
                })
                .copied()
        };
        let (a1, a2) = if is_passive {
            let by = agent.iter().find(|m| m.first >= t.last).map(|m| m.last);
            let agent_actor = by.and_then(|b| actors_here.iter().find(|a| a.first >= b && a.first <= b + 2).copied());
            (agent_actor, subject.or_else(|| before.last().copied()))
        } else {
            // Verb-second and inverted order ("In Niamey demonstreerden duizenden mensen",
            // "« Partez ! » ont crié les manifestants"): with no subject before the trigger,
            // an actor right after it is the subject.
            let inverted = || {
                actors_here
                    .iter()
                    .find(|a| {
                        a.first >= t.last
                            && a.first <= t.last + 1
                            && preposition_before(toks, a.first, s.lang).is_none()
                    })
                    .copied()
            };
            let a1 = own.or(subject).or_else(inverted);
            // Verb-final Dutch clauses: the object stands between the subject and the verb.
            let between = || {
                if s.lang != "nl" {
                    return None;
                }
                let a1 = a1?;
                before
                    .iter()
                    .find(|a| a.first >= a1.last && a.actor.name != a1.actor.name)
                    .copied()
            };
            (a1, after(a1).or_else(between))
        };
        let a1 = a1.map(|a| a.actor.clone());
        let a2 = a2
            .map(|a| a.actor.clone())
            .filter(|x| a1.as_ref().is_none_or(|y| y.name != x.name));
        // Place: the most precise place where something happened; ties: closest.
        let place = place_cands
            .iter()
            .filter(|p| p.locative)
            .min_by_key(|p| (place_rank(&res.places[p.idx]), p.first.abs_diff(t.first)))
            .map(|p| to_place(&res.places[p.idx]));
        // Date: the closest date expression.
        let date = date_exprs
            .iter()
            .min_by_key(|e| {
                if e.last <= t.first {
                    t.first - e.last
                } else {
                    e.first.saturating_sub(t.last)
                }
            })
            .map(|e| e.date.clone());
        let mut modality = modality(s, &t, ty, date.as_ref(), dctx.reference);
        let mut date = date;
        if modality == Modality::Planned {
            // A plan's date is after its verb ("agreed on Friday to withdraw by September":
            // Friday is the agreement's).
            date = date_exprs.iter().find(|e| e.first >= t.last).map(|e| e.date.clone());
            if date.is_none() {
                modality = Modality::Planned;
            }
        }
        let (ts, te) = (toks[t.first].start as usize, toks[t.last - 1].end as usize);
        let trigger = TriggerSpan {
            text: chars.get(ts..te).map(|c| c.iter().collect()).unwrap_or_default(),
            char_start: sentence.start + ts as u32,
            char_end: sentence.start + te as u32,
        };
        let mention = EventMention {
            schema: EventMention::current_schema(),
            id: ids::mention_id(input.article_id, si as u32, sentence.start, ty.as_str()),
            produced_at: now(),
            producer: ProducerInfo::new("extractor", ""),
            event_id: String::new(),
            article_id: input.article_id.to_owned(),
            event_type: ty,
            event_mode: entry.mode.clone(),
            cameo_root: entry.cameo_root.clone(),
            quad_class: entry.quad_class,
            actor1: a1,
            actor2: a2,
            date,
            place,
            evidence: Evidence {
                article_id: input.article_id.to_owned(),
                sentence_index: si as u32,
                char_start: sentence.start,
                char_end: sentence.end,
                quote: sentence.text.clone(),
                language: lang.to_owned(),
                trigger: Some(trigger),
            },
            modality,
            confidence: 0.0,
            extractor_version: String::new(),
            reference_date: None,
        };
        out.push((mention, t.fixed, types));
    }
    out
}

/// How an actor takes part in event identity: a state actor by its country (Niger's
/// government, its junta leader and its army are one side), a named armed group or an
/// organisation by its name, civilians and other non-state sectors by their sector.
pub fn actor_key(a: Option<&Actor>) -> String {
    let Some(a) = a else { return String::new() };
    let sector = a.sector.as_deref().unwrap_or("");
    match (&a.country, sector) {
        (None, "rebels") => a.name.clone(),
        (_, "civilians" | "opposition" | "media") => format!("~{sector}"),
        (Some(c), _) => c.clone(),
        (None, _) => a.name.clone(),
    }
}

/// The identity of the event a mention reports: type, actor 1's key, where (the place's
/// country, or the article's focus country when the sentence names no place) and when (the
/// month, so a later mention with a more precise day in the same month refines the same
/// event; the year for year-precision dates). Actor 2 is left out: reports of one event
/// name its target differently or not at all (measured on the gold set: identity recall
/// doubles, precision holds). A mention with neither actor 1 nor date is identified within
/// its article only. Negated and hypothetical mentions are kept apart from real events.
pub fn identity_key(m: &EventMention, focus: Option<&str>) -> [String; 5] {
    let place = m
        .place
        .as_ref()
        .map(|p| p.country.clone().unwrap_or_else(|| p.name.clone()))
        .or_else(|| focus.map(str::to_owned))
        .unwrap_or_default();
    let date = match &m.date {
        None => String::new(),
        Some(d) if d.precision == EventDatePrecision::Year => d.start.format("%Y").to_string(),
        Some(d) => d.start.format("%Y-%m").to_string(),
    };
    let mut ty = m.event_type.as_str().to_owned();
    match m.modality {
        Modality::Negated => ty.push_str("/negated"),
        Modality::Hypothetical => ty.push_str("/hypothetical"),
        _ => {}
    }
    let actor1 = actor_key(m.actor1.as_ref());
    // Without an actor and a date nothing identifies the event beyond its article.
    let scope = if actor1.is_empty() && date.is_empty() {
        m.article_id.clone()
    } else {
        String::new()
    };
    [ty, actor1, scope, place, date]
}

fn compatible(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || a == b
}

/// Event ids: from the identity key; within one article, a mention that leaves out what
/// another mention of the same type says (a headline without date, a later reference
/// without place) and agrees on everything else joins that mention's event.
fn assign_event_ids(out: &mut [Coded], focus: Option<&str>) {
    let keys: Vec<[String; 5]> = out.iter().map(|c| identity_key(&c.mention, focus)).collect();
    let filled = |k: &[String; 5]| [1, 3, 4].iter().filter(|&&f| !k[f].is_empty()).count();
    for i in 0..out.len() {
        let mut key = keys[i].clone();
        let best = (0..out.len())
            .filter(|&j| j != i && keys[j][0] == keys[i][0] && filled(&keys[j]) > filled(&keys[i]))
            .filter(|&j| {
                (1..5).all(|f| {
                    compatible(&keys[i][f], &keys[j][f]) || (f == 2 && keys[i][2] == out[j].mention.article_id)
                })
            })
            // ... and shares something besides the type (an actor, a place or a date).
            .filter(|&j| {
                let (a, b) = (&out[i].mention, &out[j].mention);
                let same = |x: Option<&String>, y: Option<&String>| x.is_some() && x == y;
                same(a.actor1.as_ref().map(|x| &x.name), b.actor1.as_ref().map(|x| &x.name))
                    || same(a.actor2.as_ref().map(|x| &x.name), b.actor2.as_ref().map(|x| &x.name))
                    || same(a.place.as_ref().map(|x| &x.name), b.place.as_ref().map(|x| &x.name))
            })
            // Only an undated mention joins another (dates that differ are different events).
            .filter(|&j| keys[i][4].is_empty() || keys[i][4] == keys[j][4])
            .max_by_key(|&j| (filled(&keys[j]), std::cmp::Reverse(j)));
        if let Some(j) = best {
            key = keys[j].clone();
        }
        out[i].mention.event_id = ids::event_id(&key[0], &key[1], &key[2], &key[3], &key[4]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn protest_with_actor_place_date_and_evidence_span() {
        let text = "Background line.\n\nThousands of protesters gathered in Niamey on 13 April 2024 to demand the departure of US troops.";
        let m = run(text, "en", None);
        let p = m
            .iter()
            .find(|m| m.event_type == EventType::Protest)
            .expect("a PROTEST");
        assert_eq!(p.actor1.as_ref().map(|a| a.name.as_str()), Some("Protesters"));
        assert_eq!(
            p.actor2.as_ref().map(|a| a.name.as_str()),
            Some("United States military")
        );
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
        // The demanded departure is not a RETREAT; the demand is a DEMAND.
        assert!(!m.iter().any(|m| m.event_type == EventType::Retreat), "{m:?}");
        assert!(m.iter().any(|m| m.event_type == EventType::Demand));
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
            "Rally in Niamey\n\nProtesters gathered in Niamey on 16 March 2024.",
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
        let modal = |s: &str, lang: &str| run(s, lang, p).first().map(|m| m.modality);
        assert_eq!(
            modal("The opposition did not protest in Niamey.", "en"),
            Some(Modality::Negated)
        );
        assert_eq!(
            modal("Le gouvernement a démenti toute arrestation.", "fr"),
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
        let refused = run("President Macron refused to withdraw the troops.", "en", p);
        let r = refused
            .iter()
            .find(|m| m.event_type == EventType::Retreat)
            .expect("retreat");
        assert_eq!(r.modality, Modality::Negated);
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
            "Op 13 april 2024 demonstreerden duizenden demonstranten in Niamey tegen de Amerikaanse troepen.",
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
}
