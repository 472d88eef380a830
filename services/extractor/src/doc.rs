//! What the coder knows about an article as a whole ([`DocState`]): the country it is
//! mostly about, the country adjectives it writes for another country's, and what the
//! sentences read so far have named (people, juntas, clause subjects), filled by one scan
//! before coding ([`prepare_in`]) and by the sentences as they are coded.

use std::collections::HashMap;

use sahel_schemas::event::{Actor, EventMention, EventType};

use crate::lexicon::{ActorPat, Match, Resources};
use crate::nlp::Token;
use crate::surface::Sent;

/// What the coder knows about the article as a whole.
#[derive(Debug, Clone, Default)]
pub struct DocState {
    /// The country the article is mostly about (most named, and clearly so).
    pub focus: Option<String>,
    /// Country adjectives the article writes for another country's (a report about Niger
    /// that says "Nigerian" and never names Nigeria): country code → the code meant. From the
    /// countries' `adjective_slip_for` in the data.
    pub slips: HashMap<String, String>,
    /// People named so far, most recent last: actor, titles.
    pub people: Vec<(Actor, Vec<String>)>,
    /// Surname (lower-case) → index into `people`, for people the data does not know.
    pub surnames: HashMap<String, usize>,
    /// The last country whose junta was named.
    pub junta_country: Option<String>,
    /// The article's reference date: it picks each person's role.
    pub reference: Option<chrono::NaiveDate>,
    /// Every naming of a person so far, in text order, for pronouns.
    pub person_mentions: Vec<crate::antecedents::PersonMention>,
    /// Per sentence so far, the state or body its main clause's subject names, if any: what
    /// "it" or "they" opening the next sentence stands for.
    pub clause_subjects: Vec<Option<Actor>>,
    /// The accusations coded so far, in text order: accuser, accused.
    pub accusations: Vec<(Actor, Option<Actor>)>,
    /// Acronyms the article defines after a body's name ("the Rapid Support Forces (RSF)"):
    /// lower-case acronym → the actor pattern of that body, which the acronym names
    /// throughout the article whatever else it may stand for.
    pub acronyms: HashMap<String, usize>,
}

impl DocState {
    /// Records the accusations among a sentence's mentions (DISAPPROVE, mode `accuse`, with
    /// an accuser).
    pub fn note_accusations<'m>(&mut self, mentions: impl IntoIterator<Item = &'m EventMention>) {
        for m in mentions {
            if m.event_type == EventType::Disapprove && m.event_mode.as_deref() == Some("accuse") {
                if let Some(a1) = &m.actor1 {
                    self.accusations.push((a1.clone(), m.actor2.clone()));
                }
            }
        }
    }

    /// The actor pattern of the body an acronym written in capitals names in this article.
    pub fn acronym(&self, t: &Token) -> Option<usize> {
        t.caps.then(|| self.acronyms.get(&t.lower).copied()).flatten()
    }

    /// Who made the latest accusation that `rejecter` can be answering ("Chad rejected the
    /// accusations"): one not made by the rejecter itself nor against another party.
    pub fn accuser_of(&self, rejecter: Option<&Actor>) -> Option<&Actor> {
        let same = |a: &Actor, b: &Actor| a.name == b.name || (a.country.is_some() && a.country == b.country);
        self.accusations
            .iter()
            .rev()
            .find(|(accuser, accused)| match rejecter {
                Some(r) => !same(accuser, r) && accused.as_ref().is_none_or(|x| same(x, r)),
                None => true,
            })
            .map(|(accuser, _)| accuser)
    }

    /// The country a code found in this article stands for (itself, or the one its
    /// adjective was written for by mistake).
    pub fn country(&self, code: &str) -> String {
        self.slips.get(code).cloned().unwrap_or_else(|| code.to_owned())
    }

    /// [`DocState::country`] for a code found in a sentence whose actor matches are
    /// `sentence`: an adjective is no slip where the same sentence names the country it would
    /// slip to by its name, since the writer tells the two apart there ("Nigerian junior
    /// foreign minister Dubem Oniya summoned Niger's ambassador").
    pub fn country_in(&self, code: &str, res: &Resources, sentence: &[Match]) -> String {
        let meant = self.country(code);
        let named =
            |m: &Match| matches!(res.actor_pats[m.target], ActorPat::CountryName(c) if res.countries[c].code == meant);
        if meant != code && sentence.iter().any(named) {
            code.to_owned()
        } else {
            meant
        }
    }
}

/// Scans an article once to fill the document state (focus country, adjective slips).
pub fn prepare(res: &Resources, lang: &str, sentences: &[Vec<Token>]) -> DocState {
    let surfaces: Vec<Sent<'_>> = sentences.iter().map(|t| Sent::new(t, lang, res)).collect();
    prepare_in(res, &surfaces)
}

/// [`prepare`] over the sentences' surfaces already matched.
pub fn prepare_in(res: &Resources, sentences: &[Sent<'_>]) -> DocState {
    let mut counts: HashMap<String, usize> = HashMap::new();
    // Countries mentioned at all, and named by more than an adjective.
    let mut mentioned: std::collections::HashSet<String> = Default::default();
    let mut named: std::collections::HashSet<String> = Default::default();
    let slipping: Vec<&crate::lexicon::Country> = res
        .countries
        .iter()
        .filter(|c| c.adjective_slip_for.is_some())
        .collect();
    for surface in sentences {
        let toks = surface.toks;
        for m in &surface.actors {
            let code = match &res.actor_pats[m.target] {
                ActorPat::CountryName(c) | ActorPat::CountryAdj(c) | ActorPat::Capital(c) | ActorPat::Demonym(c) => {
                    let code = &res.countries[*c].code;
                    mentioned.insert(code.clone());
                    if !matches!(res.actor_pats[m.target], ActorPat::CountryAdj(_)) {
                        named.insert(code.clone());
                    }
                    Some(code.clone())
                }
                ActorPat::Person(p) => res.people[*p].country.clone().filter(|c| res.country(c).is_some()),
                _ => None,
            };
            if let Some(c) = code {
                *counts.entry(c).or_default() += 1;
            }
        }
        for m in &surface.places {
            let p = &res.places[m.target];
            if p.precision != "country" {
                if let Some(c) = &p.country {
                    *counts.entry(c.clone()).or_default() += 1;
                }
            }
        }
        for c in &slipping {
            if toks
                .iter()
                .any(|t| c.capital.as_deref() == Some(t.lower.as_str()) || c.major_cities.contains(&t.lower))
            {
                named.insert(c.code.clone());
            }
        }
    }
    let mut slips = HashMap::new();
    for c in slipping {
        if let Some(to) = &c.adjective_slip_for {
            if mentioned.contains(to) && !named.contains(&c.code) {
                slips.insert(c.code.clone(), to.clone());
                if let Some(n) = counts.remove(&c.code) {
                    *counts.entry(to.clone()).or_default() += n;
                }
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let focus = match ranked.as_slice() {
        [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(_, m)| n > m) => Some(c.clone()),
        _ => None,
    };
    DocState {
        focus,
        slips,
        acronyms: sentences.iter().flat_map(|s| defined_acronyms(res, s)).collect(),
        ..DocState::default()
    }
}

/// The acronyms a sentence defines for a body it names in several words: one in brackets
/// after the name ("Front de libération de l'Azawad (FLA)"), and the initials of the name's
/// capitalised words ("Rapid Support Forces": RSF).
fn defined_acronyms(res: &Resources, s: &Sent<'_>) -> Vec<(String, usize)> {
    let toks = s.toks;
    let mut out = Vec::new();
    for m in s
        .actors
        .iter()
        .filter(|m| matches!(res.actor_pats[m.target], ActorPat::Org(_)) && m.last - m.first >= 2)
    {
        if let Some([open, acronym, close]) = toks.get(m.last..m.last + 3) {
            if open.lower == "(" && acronym.caps && close.lower == ")" {
                out.push((acronym.lower.clone(), m.target));
            }
        }
        let initials: String = toks[m.first..m.last]
            .iter()
            .filter(|t| t.cap)
            .filter_map(|t| t.lower.chars().next())
            .collect();
        if initials.chars().count() >= 2 {
            out.push((initials, m.target));
        }
    }
    out
}

/// The actor matches of a sentence with the article's acronyms bound: an acronym matched as
/// another body, or not at all, names the body the article defined it for.
pub fn bind_acronyms(doc: &DocState, toks: &[Token], matches: &[Match]) -> Vec<Match> {
    if doc.acronyms.is_empty() {
        return matches.to_vec();
    }
    let mut out: Vec<Match> = Vec::with_capacity(matches.len());
    let bound = |i: usize| doc.acronym(&toks[i]);
    let mut k = 0;
    for i in 0..toks.len() {
        while k < matches.len() && matches[k].last <= i {
            if matches[k].first + 1 != matches[k].last || bound(matches[k].first).is_none() {
                out.push(matches[k]);
            }
            k += 1;
        }
        let Some(target) = bound(i) else { continue };
        let inside_longer = matches.get(k).is_some_and(|m| m.first <= i && m.last - m.first > 1);
        if !inside_longer {
            out.push(Match {
                first: i,
                last: i + 1,
                target,
                fixed: 1,
            });
        }
    }
    out.extend(matches[k..].iter().copied());
    out
}
