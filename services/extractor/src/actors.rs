//! Actors in a sentence, from the actor data: countries by name, capital, adjective or
//! demonym; sector nouns made into country actors by an adjective or a possessive beside them
//! ("French soldiers", "militaires français", "Franse militairen", "Niger's government");
//! organisations; people by any of their spellings; and cheap coreference across the
//! article: "the junta" (the junta of the country the article is about), "the general" (the
//! last general named), a capital standing for its government, an unknown person's surname
//! after their full name.
use sahel_schemas::event::Actor;

use crate::doc::DocState;
use crate::grammar::Words;
use crate::lexicon::{ActorPat, Cue, Match, Resources};
use crate::nlp::Token;
use crate::surface::Sent;

#[path = "actors_qualify.rs"]
mod qualify;

/// An actor found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorItem {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// The actor.
    pub actor: Actor,
    /// A country or capital named after a locative preposition: a place, not an actor.
    pub place_only: bool,
    /// A sector noun (it can also be the trigger, as "protesters" is).
    pub is_group: bool,
}

/// A coordinating conjunction of the three languages ("and", "et", "en", "or", "ou").
fn is_conjunction(w: &str) -> bool {
    matches!(w, "and" | "et" | "en" | "or" | "ou")
}

fn text_of(chars: &[char], toks: &[Token], first: usize, last: usize) -> String {
    let (s, e) = (toks[first].start as usize, toks[last - 1].end as usize);
    chars.get(s..e).map(|c| c.iter().collect()).unwrap_or_default()
}

/// Whether a locative preposition comes right before token `i` (determiners between are
/// skipped).
pub fn after_locative(res: &Resources, lang: &str, toks: &[Token], locatives: &[Match], i: usize) -> bool {
    let mut j = i;
    let mut skipped = 0;
    while j > 0 && skipped < 2 && res.grammar.is(lang, Words::Determiner, &toks[j - 1].lower) {
        j -= 1;
        skipped += 1;
    }
    locatives.iter().any(|m| m.last == j || m.last == i)
}

struct Ctx<'a> {
    res: &'a Resources,
    lang: &'a str,
    toks: &'a [Token],
    chars: Vec<char>,
    matches: Vec<Match>,
    locatives: Vec<Match>,
    capitals: Vec<Match>,
}

impl Ctx<'_> {
    /// The owner of the group noun starting at token `first`, when one stands before it:
    /// "its troops" are the troops of the last country-coded actor of `items` (the
    /// pronoun's antecedent), "the continent's soldiers" of no country. Returns the owner's
    /// country and the first token of the owned phrase, which keeps the possessive ("its
    /// troops"), so that a source's own group is no target of its event (`sentence.rs`).
    /// `None` when no owner stands there, or a possessive has no antecedent.
    fn owner_before(&self, lang: &str, first: usize, items: &[ActorItem]) -> Option<(Option<String>, usize)> {
        // (A count between does not count: "its roughly 1,000 troops".)
        let count = |i: usize| {
            let w = self.toks[i].lower.as_str();
            w.chars().any(|c| c.is_ascii_digit()) || self.res.grammar.is(lang, Words::Approximate, w)
        };
        let mut from = first;
        while from > 0 && from + 2 > first && count(from - 1) {
            from -= 1;
        }
        (from.saturating_sub(2)..first).rev().find_map(|i| {
            let w = self.toks[i].lower.as_str();
            if w == "'s" {
                Some((None, first))
            } else if self.res.grammar.is(lang, Words::Possessive, w) {
                items
                    .iter()
                    .rev()
                    .find(|it| !it.place_only && it.actor.country.is_some())
                    .map(|it| (it.actor.country.clone(), i))
            } else {
                None
            }
        })
    }

    fn pat(&self, k: usize) -> &ActorPat {
        &self.res.actor_pats[self.matches[k].target]
    }

    fn country_code(&self, ci: usize, doc: &DocState) -> String {
        doc.country_in(&self.res.countries[ci].code, self.res, &self.matches)
    }

    /// Whether an adjective of another state (`grammar.json` "foreign") stands right before
    /// tokens `first..last`, or right after them.
    fn foreign_beside(&self, first: usize, last: usize) -> bool {
        let foreign = |i: usize| {
            self.toks
                .get(i)
                .is_some_and(|t| self.res.grammar.is(self.lang, Words::Foreign, &t.lower))
        };
        first.checked_sub(1).is_some_and(foreign) || foreign(last)
    }

    /// Tokens strictly between two positions are plain lower-case words (no punctuation, no
    /// other actor).
    fn plain_between(&self, a: usize, b: usize) -> bool {
        (a..b).all(|i| {
            let t = &self.toks[i];
            !t.punct && !t.cap && t.lower != "'s"
        })
    }

    /// Whether "capital" ("Niger's capital", "Niger capital") follows token `i`: then the
    /// country names a place.
    fn capital_after(&self, i: usize) -> bool {
        let j = if self.toks.get(i).is_some_and(|t| t.lower == "'s") {
            i + 1
        } else {
            i
        };
        self.capitals.iter().any(|c| c.first == j)
    }

    /// Whether a "capital" cue ends right before token `i` (a comma between allowed): "the
    /// capital, Niamey".
    fn capital_before(&self, i: usize) -> bool {
        self.capitals
            .iter()
            .any(|c| c.last == i || (c.last + 1 == i && self.toks[c.last].lower == ","))
    }

    /// A run of capitalised, unmatched words right after token `from` (an optional comma and
    /// one more title word skipped): an unknown person's name.
    fn name_after(&self, from: usize, limit: usize) -> Option<(usize, usize)> {
        let _ = limit;
        let mut i = from;
        if self.toks.get(i).is_some_and(|t| t.lower == ",") {
            i += 1;
        } else if !self.toks.get(i).is_some_and(|t| t.cap) {
            // "Niger's Ambassador to the UN, Abdou Abary": a short phrase, then the name.
            let comma = (from..(from + 5).min(self.toks.len())).find(|&j| self.toks[j].lower == ",")?;
            i = comma + 1;
        }
        let start = i;
        while i < self.toks.len() && i - start < 4 {
            let t = &self.toks[i];
            if t.punct || !t.cap || t.caps || t.lower == "'s" {
                break;
            }
            i += 1;
        }
        (i - start >= 2).then_some((start, i))
    }
}

fn actor(text: String, name: &str, country: Option<String>, sector: &str) -> Actor {
    Actor {
        text,
        name: name.to_owned(),
        country,
        sector: Some(sector.to_owned()),
    }
}

/// The actors of one sentence, updating the document state (people named, junta country).
pub fn resolve(res: &Resources, lang: &str, toks: &[Token], sentence: &str, doc: &mut DocState) -> Vec<ActorItem> {
    resolve_in(&Sent::new(toks, lang, res), sentence, doc)
}

/// [`resolve`] over a sentence's surface already matched.
pub fn resolve_in(surface: &Sent<'_>, sentence: &str, doc: &mut DocState) -> Vec<ActorItem> {
    let (res, lang, toks) = (surface.res, surface.lang, surface.toks);
    let chars: Vec<char> = sentence.chars().collect();
    let matches = crate::compounds::named_compounds(
        res,
        lang,
        (toks, &chars),
        doc,
        crate::doc::bind_acronyms(doc, toks, &surface.actors),
    );
    let ctx = Ctx {
        res,
        lang,
        toks,
        chars,
        locatives: surface.cues(Cue::Locative),
        capitals: surface.cues(Cue::Capital),
        matches,
    };
    let n = ctx.matches.len();
    let mut used = vec![false; n];
    let mut items: Vec<ActorItem> = Vec::new();
    // The country of a group noun that modifies the next one, and where the phrase began.
    let mut carried: Option<(usize, String, usize)> = None;
    for k in 0..n {
        if used[k] {
            continue;
        }
        let m = ctx.matches[k];
        let next_start = ctx.matches.get(k + 1).map(|x| x.first).unwrap_or(toks.len());
        let text = text_of(&ctx.chars, toks, m.first, m.last);
        let locative = after_locative(res, lang, toks, &ctx.locatives, m.first);
        match ctx.pat(k).clone() {
            ActorPat::CountryName(ci) | ActorPat::Capital(ci) => {
                // Qualifying a sector noun after it ("Niger's military"): left to the noun.
                if let Some(ActorPat::Group(_)) = ctx.matches.get(k + 1).map(|x| &res.actor_pats[x.target]) {
                    let possessive = toks.get(m.last).is_some_and(|t| t.lower == "'s");
                    let g = ctx.matches[k + 1];
                    let from = if possessive { m.last + 1 } else { m.last };
                    let ignored = matches!(&res.actor_pats[g.target], ActorPat::Group(gi) if res.groups[*gi].ignore);
                    if !ignored
                        && (possessive || m.last == g.first)
                        && from <= g.first
                        && g.first - from <= 3
                        && ctx.plain_between(from, g.first)
                    {
                        continue;
                    }
                }
                let code = ctx.country_code(ci, doc);
                let name = res.country(&code).map(|c| c.name.clone()).unwrap_or_default();
                // "between Tillabéri and Niamey", "in Mali and Niger": the second is a place too.
                let chained = m.first > 1 && is_conjunction(&toks[m.first - 1].lower) && {
                    let mut j = m.first - 1;
                    while j > 0 && toks[j - 1].cap {
                        j -= 1;
                    }
                    j < m.first - 1 && after_locative(res, lang, toks, &ctx.locatives, j)
                };
                // "Niger's capital", and the capital named as one: "the capital, Niamey", "de
                // Nigerese hoofdstad Niamey".
                let capital_phrase = ctx.capital_after(m.last)
                    || (matches!(ctx.pat(k), ActorPat::Capital(_)) && ctx.capital_before(m.first));
                // "the streets of Bamako", "un pont de Belgrade": a capital in the of-phrase of
                // a common noun that names no actor is a place, not its government ("les
                // autorités de Niamey" are).
                let of_a_thing = matches!(ctx.pat(k), ActorPat::Capital(_))
                    && m.first >= 2
                    && crate::roles::is_of(&toks[m.first - 1].lower)
                    && {
                        let noun = &toks[m.first - 2];
                        !noun.cap
                            && !noun.punct
                            && !ctx
                                .matches
                                .iter()
                                .any(|x| x.first <= m.first - 2 && m.first - 2 < x.last)
                    };
                items.push(ActorItem {
                    first: m.first,
                    last: m.last,
                    actor: actor(text, &name, Some(code), "government"),
                    place_only: locative || chained || capital_phrase || of_a_thing,
                    is_group: false,
                });
            }
            ActorPat::CountryAdj(_) => {
                // Left to the noun after it, if any; an adjective alone is no actor.
            }
            ActorPat::Demonym(ci) => {
                let code = ctx.country_code(ci, doc);
                let name = res.country(&code).map(|c| c.name.clone()).unwrap_or_default();
                items.push(ActorItem {
                    first: m.first,
                    last: m.last,
                    actor: actor(text, &format!("{name} civilians"), Some(code), "civilians"),
                    place_only: false,
                    is_group: false,
                });
            }
            ActorPat::Group(gi) => {
                let g = &res.groups[gi];
                if g.ignore {
                    continue;
                }
                let qualified = match carried.take().filter(|&(at, _, _)| at == k) {
                    Some((_, code, from)) => Some((code, from, m.last)),
                    None => ctx
                        .qualify(k, doc, &mut used)
                        .or_else(|| ctx.qualified_modifier(k, doc, &mut used)),
                };
                // "Russian military instructors", "Malian army officers": a group noun right
                // before another is its modifier; the country it was given goes to the head.
                if let Some((code, from, _)) = qualified.as_ref().filter(|q| q.2 == m.last) {
                    if ctx.group_right_after(k).is_some() {
                        carried = Some((k + 1, code.clone(), *from));
                        continue;
                    }
                }
                // "a jihadist leader", "rebel officials", "student leaders": a group of no state
                // right before a government noun names who leads or speaks for that group.
                let led = qualified.is_none()
                    && !matches!(g.sector.as_str(), "government" | "military" | "police")
                    && ctx.group_right_after(k).is_some()
                    && matches!(ctx.pat(k + 1), ActorPat::Group(gi) if res.groups[*gi].sector == "government");
                if led {
                    used[k + 1] = true;
                }
                let m_last = if led { ctx.matches[k + 1].last } else { m.last };
                let (code, first, last) = match &qualified {
                    Some((c, f, l)) => (Some(c.clone()), *f, *l),
                    None => match ctx.owner_before(lang, m.first, &items) {
                        Some((owner, from)) => (owner, from, m_last),
                        None if g.only_with_country => continue,
                        // "foreign troops", "des troupes étrangères": of no country the story
                        // names.
                        None if ctx.foreign_beside(m.first, m.last) => (None, m.first, m_last),
                        None => {
                            let bare = if g.junta {
                                doc.junta_country.clone().or_else(|| doc.focus.clone())
                            } else if g.focus_when_bare {
                                doc.focus.clone()
                            } else {
                                None
                            };
                            (bare, m.first, m_last)
                        }
                    },
                };
                let text = text_of(&ctx.chars, toks, first, last);
                // A title-like noun followed by a known person ("President Macron", "the
                // defence minister, General Salifou Mody"): the person, past the titles
                // before the name ("Colonel General").
                let next_named = ctx.matches[k + 1..]
                    .iter()
                    .find(|x| !matches!(res.actor_pats[x.target], ActorPat::Title(_)));
                if let Some(p) = next_named {
                    if let ActorPat::Person(_) = res.actor_pats[p.target] {
                        let gap = &toks[last..p.first];
                        let apposition = gap.len() <= 3
                            && gap
                                .iter()
                                .all(|t| t.punct || t.cap || res.grammar.is(lang, Words::Determiner, &t.lower));
                        if apposition {
                            continue;
                        }
                    }
                }
                // A title-like noun followed by an unknown name: a person of that country.
                let head = toks[m.last - 1].lower.as_str();
                if let Some(sector) = title_sector(res, head) {
                    if let Some((s, e)) = ctx.name_after(last, next_start) {
                        let name = text_of(&ctx.chars, toks, s, e);
                        let person = actor(text_of(&ctx.chars, toks, first, e), &name, code.clone(), &sector);
                        remember(doc, &person, vec![head.to_owned()]);
                        mark_used(&ctx.matches, &mut used, k + 1, e);
                        items.push(ActorItem {
                            first,
                            last: e,
                            actor: person,
                            place_only: false,
                            is_group: false,
                        });
                        continue;
                    }
                }
                let a = if g.junta {
                    if let Some(c) = &code {
                        doc.junta_country = Some(c.clone());
                    }
                    let leader = code.as_ref().and_then(|c| res.country(c)).and_then(|c| c.junta.clone());
                    match (leader.as_ref().and_then(|l| res.person(l)), &code) {
                        (Some(p), _) => {
                            let (country, sector) = p.at(doc.reference);
                            actor(text, &p.name, country, &sector)
                        }
                        (None, Some(c)) => {
                            let name = res.country_name(c);
                            actor(text, &format!("{name} military"), Some(c.clone()), "military")
                        }
                        (None, None) => actor(text, &g.bare_name, None, &g.sector),
                    }
                } else {
                    let country = code.clone().filter(|_| g.with_country.is_some());
                    actor(text, &g.name_in(res, country.as_deref()), country, &g.sector)
                };
                items.push(ActorItem {
                    first,
                    last,
                    actor: a,
                    place_only: false,
                    is_group: qualified.is_none(),
                });
            }
            ActorPat::Org(oi) => {
                let o = &res.orgs[oi];
                // "Iraq's Al-Qaeda", "Malian JNIM fighters": a body of no state (an armed group
                // coded by a region or none; not an international or non-governmental body)
                // that a country word qualifies is that country's branch.
                let stateless = o
                    .code
                    .as_deref()
                    .is_none_or(|c| res.country(c).is_none() && !matches!(c, "IGO" | "NGO"));
                let (code, first, last) = match stateless.then(|| ctx.qualify(k, doc, &mut used)).flatten() {
                    Some((c, first, last)) => (Some(c), first, last),
                    None => (o.code.clone(), m.first, m.last),
                };
                let text = text_of(&ctx.chars, toks, first, last);
                items.push(ActorItem {
                    first,
                    last,
                    actor: actor(text, &o.name, code, &o.sector),
                    place_only: false,
                    is_group: false,
                });
            }
            ActorPat::Person(pi) => {
                let p = &res.people[pi];
                let (country, sector) = p.at(doc.reference);
                let a = actor(text, &p.name, country, &sector);
                remember(doc, &a, p.titles.clone());
                // Include a title right before the name in the span ("Gen. Tiani").
                let first = if k > 0 && ctx.matches[k - 1].last == m.first && !used[k - 1] {
                    match ctx.pat(k - 1) {
                        ActorPat::Title(_) => ctx.matches[k - 1].first,
                        _ => m.first,
                    }
                } else {
                    m.first
                };
                let a = Actor {
                    text: text_of(&ctx.chars, toks, first, m.last),
                    ..a
                };
                items.push(ActorItem {
                    first,
                    last: m.last,
                    actor: a,
                    place_only: false,
                    is_group: false,
                });
            }
            ActorPat::Reference(ri) => {
                let title = &res.references[ri].title;
                if let Some((a, _)) = doc.people.iter().rev().find(|(_, t)| t.iter().any(|x| x == title)) {
                    items.push(ActorItem {
                        first: m.first,
                        last: m.last,
                        actor: Actor { text, ..a.clone() },
                        place_only: false,
                        is_group: false,
                    });
                }
            }
            ActorPat::Title(sector) => {
                // A title before an unknown name: a person (country from an adjective right
                // before the title).
                if let Some((s, e)) = ctx.name_after(m.last, next_start) {
                    // A known actor right after the title ("Gen. Tiani") is matched on its own.
                    let known_next = ctx.matches.get(k + 1).is_some_and(|x| x.first < e);
                    if s == m.last && !known_next {
                        let country = k
                            .checked_sub(1)
                            .filter(|&j| ctx.matches[j].last == m.first && !used[j])
                            .and_then(|j| ctx.country_of_modifier(j, doc));
                        let name = text_of(&ctx.chars, toks, s, e);
                        let first = if country.is_some() {
                            ctx.matches[k - 1].first
                        } else {
                            m.first
                        };
                        let person = actor(text_of(&ctx.chars, toks, first, e), &name, country, &sector);
                        remember(doc, &person, vec![toks[m.last - 1].lower.clone()]);
                        items.push(ActorItem {
                            first,
                            last: e,
                            actor: person,
                            place_only: false,
                            is_group: false,
                        });
                        mark_used(&ctx.matches, &mut used, k + 1, e);
                    }
                }
            }
        }
    }
    // Surnames of people named earlier in the article ("Abary" after "Abdou Abary").
    if !doc.surnames.is_empty() {
        for (i, t) in toks.iter().enumerate() {
            if !t.cap || items.iter().any(|x| x.first <= i && i < x.last) {
                continue;
            }
            if let Some(&pi) = doc.surnames.get(&t.lower) {
                let a = &doc.people[pi].0;
                items.push(ActorItem {
                    first: i,
                    last: i + 1,
                    actor: Actor {
                        text: text_of(&ctx.chars, toks, i, i + 1),
                        ..a.clone()
                    },
                    place_only: false,
                    is_group: false,
                });
            }
        }
        items.sort_by_key(|x| x.first);
    }
    items
}

/// Marks the matches from `from` on that start before token `end` as consumed.
fn mark_used(matches: &[Match], used: &mut [bool], from: usize, end: usize) {
    for (m, u) in matches.iter().zip(used.iter_mut()).skip(from) {
        if m.first < end {
            *u = true;
        }
    }
}

fn title_sector(res: &Resources, word: &str) -> Option<String> {
    res.title_sector(word).map(str::to_owned)
}

fn remember(doc: &mut DocState, a: &Actor, titles: Vec<String>) {
    let idx = doc.people.len();
    if let Some(surname) = a.name.split_whitespace().last() {
        if surname.chars().count() >= 3 {
            doc.surnames.entry(surname.to_lowercase()).or_insert(idx);
        }
    }
    doc.people.push((a.clone(), titles));
}

#[cfg(test)]
#[path = "actors_tests.rs"]
mod tests;
