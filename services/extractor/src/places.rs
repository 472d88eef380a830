//! Places named in a sentence (gazetteer names, "the capital", a country's capital named
//! through its adjective), with whether each is where something happened (after a locative
//! preposition). Which event a place belongs to is decided on the tree
//! ([`crate::attach`]).

use sahel_schemas::event::{Actor, EventType, Place};

use crate::actors::{self, ActorItem};
use crate::dates::DateExpr;
use crate::doc::DocState;
use crate::grammar::{Grammar, Words};
use crate::lexicon::{ActorPat, Cue, PlaceEntry, Resources};
use crate::matcher::Match;
use crate::nlp::Token;
use crate::roles;
use crate::surface::Sent;
use crate::tree::Tree;

/// A place candidate in a sentence.
#[derive(Debug, Clone)]
pub struct PlaceCand {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Index into the gazetteer; `None` for a name it lacks that the text places
    /// ([`unnamed_in_gazetteer`]).
    pub idx: Option<usize>,
    /// After a locative preposition.
    pub locative: bool,
    /// A phrase that stands for the story's country ("the Sahel country", `lexicon.json` cue
    /// "country"): a place only where a withdrawal leaves it or a trigger names it.
    pub anaphoric: bool,
}

/// Rank of a place by precision (0 most precise).
pub fn place_rank(p: &PlaceEntry) -> u8 {
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
/// locative preposition, or in apposition to such a place); then the names the gazetteer
/// lacks that the text places ([`unnamed_in_gazetteer`]), never locative by their surface.
pub fn places(s: &Sent<'_>, items: &[ActorItem], dates: &[DateExpr], doc: &DocState) -> Vec<PlaceCand> {
    let mut cands = known_places(s, items, doc);
    let taken: Vec<(usize, usize)> = cands
        .iter()
        .map(|c| (c.first, c.last))
        .chain(items.iter().map(|x| (x.first, x.last)))
        .chain(dates.iter().map(|d| (d.first, d.last)))
        .chain(s.places.iter().map(|m| (m.first, m.last)))
        .collect();
    for (first, last) in unnamed_in_gazetteer(s, &taken) {
        cands.push(PlaceCand {
            first,
            last,
            idx: None,
            locative: false,
            anaphoric: false,
        });
    }
    cands
}

/// Names the gazetteer lacks where the text says they are places: a run of up to three words
/// written with a capital (not in capitals: an acronym names a body), none of them inside an
/// actor, a known place or a date (`taken`), right after a preposition that places a name
/// (`grammar.json` "named_place": "near Barsalogho", "à Moura", "près de Djibasso"), or after a
/// noun for a town or village or its of-preposition ("settlement": "the town of Moura", "la
/// localité de Barsalogho", "het dorp Tessit"). The sentence's tree decides whether the run is
/// a name and where something happened ([`where_something_happened`]); GeoNames' subset
/// stops at towns of 5,000 people, and news of the Sahel names villages.
fn unnamed_in_gazetteer(s: &Sent<'_>, taken: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let g = &s.res.grammar;
    let toks = s.toks;
    // (A month the article gives no year to is still no place: "in July".)
    let name_word =
        |t: &Token| crate::surface::written_as_a_name(t) && t.lower.chars().next().is_some_and(char::is_alphabetic);
    let is = |k: usize, w: Words| g.is(s.lang, w, &toks[k].lower);
    let mut out = Vec::new();
    let mut i = 1;
    while i < toks.len() {
        let after_cue = is(i - 1, Words::NamedPlace)
            || is(i - 1, Words::Settlement)
            || (i >= 2
                && roles::is_of(&toks[i - 1].lower)
                && (is(i - 2, Words::Settlement) || is(i - 2, Words::NamedPlace)))
            // "le camp militaire de Boulkessi": an adjective after the settlement noun.
            || (i >= 3
                && roles::is_of(&toks[i - 1].lower)
                && !toks[i - 2].cap
                && !toks[i - 2].punct
                && is(i - 3, Words::Settlement));
        if !(after_cue && name_word(&toks[i])) {
            i += 1;
            continue;
        }
        let mut last = i + 1;
        while last < toks.len() && last < i + 3 && name_word(&toks[last]) {
            last += 1;
        }
        if !taken.iter().any(|&(f, l)| f < last && i < l) {
            out.push((i, last));
        }
        i = last;
    }
    out
}

/// The gazetteer's places a sentence names (see [`places`]).
fn known_places(s: &Sent<'_>, items: &[ActorItem], doc: &DocState) -> Vec<PlaceCand> {
    let res = s.res;
    let toks = s.toks;
    let locatives = s.cues(Cue::Locative);
    let mut out: Vec<(usize, usize, usize)> = Vec::new(); // first, last, place index
    let blocked = |first: usize, last: usize| {
        items
            .iter()
            .any(|x| !x.place_only && !x.is_group && x.first < last && first < x.last && !is_country_actor(res, x))
    };
    for m in &s.places {
        // (A continent is too wide to say where something happened.)
        if !blocked(m.first, m.last) && res.places[m.target].precision != "continent" {
            out.push((m.first, m.last, m.target));
        }
    }
    // "Niger's capital", "the Nigerien capital", "la capitale nigérienne", "de Nigerese
    // hoofdstad", "the capital".
    let actor_matches = &s.actors;
    for c in s.cues(Cue::Capital) {
        let mut country = None;
        let mut first = c.first;
        let mut last = c.last;
        for m in actor_matches {
            let code = match &res.actor_pats[m.target] {
                ActorPat::CountryAdj(ci) | ActorPat::CountryName(ci) => res.countries[*ci].code.clone(),
                _ => continue,
            };
            let code = doc.country_in(&code, res, actor_matches);
            let side = capital_side(toks, m, &c);
            if side == Some(Side::Before) {
                country = Some(code);
                first = m.first;
                break;
            }
            if side == Some(Side::After) {
                country = Some(code);
                last = m.last;
                break;
            }
        }
        let country = country.or_else(|| {
            c.first
                .checked_sub(1)
                .filter(|&j| res.grammar.is(s.lang, Words::Determiner, &toks[j].lower))
                .and(doc.focus.clone())
        });
        if let Some(p) = country.and_then(|c| res.capital_place(&c)) {
            if let Some(idx) = res.places.iter().position(|x| x.id == p.id) {
                out.retain(|x| x.1 <= first || x.0 >= last);
                out.push((first, last, idx));
            }
        }
    }
    // "withdraw its soldiers from the Sahel country": the country the story is about (not
    // "the country's president", an owner), in place of the region the phrase names.
    let mut anaphoric: Vec<(usize, usize)> = Vec::new();
    for c in s.cues(Cue::Country) {
        // (Words between the article and the noun name the country's region, written as
        // names: "the West African country", not "the neighbouring country".)
        let described = (c.first + 1..c.last.saturating_sub(1)).all(|i| toks[i].cap);
        if !described || toks.get(c.last).is_some_and(|t| t.lower == "'s" || t.lower == "’s") {
            continue;
        }
        let focus = doc.focus.as_deref().and_then(|code| res.country_place(code));
        if let Some(idx) = focus.and_then(|p| res.places.iter().position(|x| x.id == p.id)) {
            out.retain(|x| x.1 <= c.first || x.0 >= c.last);
            out.push((c.first, c.last, idx));
            anaphoric.push((c.first, c.last));
        }
    }
    out.sort_by_key(|x| x.0);
    // "in Niger's Ouallam", "in Burkina Faso's Djibo": a country that owns the town named
    // after it says which town, not another place; the town stands where it stands.
    let starts: Vec<usize> = out.iter().map(|x| x.0).collect();
    let owner = |last: usize, idx: usize| {
        res.places[idx].precision == "country"
            && toks.get(last).is_some_and(|t| t.lower == "'s" || t.lower == "’s")
            && starts.contains(&(last + 1))
    };
    let mut cands: Vec<PlaceCand> = Vec::new();
    let mut prev: Option<(usize, bool)> = None; // (last, locative)
    for (first, last, idx) in out {
        let mut locative = actors::after_locative(res, s.lang, toks, &locatives, first);
        if let Some((pl, true)) = prev {
            // (After an owner country the gap is empty: its town stands where it stood.)
            let gap = &toks[pl..first];
            if gap
                .iter()
                .all(|t| t.punct || res.grammar.is(s.lang, Words::Determiner, &t.lower))
                && gap.len() <= 2
            {
                locative = true;
            }
        }
        if owner(last, idx) {
            prev = Some((last + 1, locative));
            continue;
        }
        prev = Some((last, locative));
        cands.push(PlaceCand {
            first,
            last,
            idx: Some(idx),
            locative,
            anaphoric: anaphoric.contains(&(first, last)),
        });
    }
    cands
}

/// Whether a place word says where something happened: it has a place preposition ("in
/// Niamey", "près d'Agadez"), or it names the town or region of a phrase that has one ("near
/// the town of Diéma", "in the Tillabéri region"), or it is what a visit or a withdrawal moves to or
/// from ("visited Arlit", "a quitté le Mali", "withdrew from Mali"), or the town an attack
/// strikes ("attacked Gao").
pub fn where_something_happened(tree: &Tree, g: &Grammar, lang: &str, typed: &[(usize, EventType)], h: usize) -> bool {
    let place_prep = |w: usize| roles::case_of(tree, w).is_some_and(|c| g.is(lang, Words::Place, &c));
    if place_prep(h) {
        return true;
    }
    // "marcheerden door Ouagadougou": a place in the agent phrase of an active verb is where
    // it went through.
    let through = tree.base_rel(h) == "obl"
        && roles::case_of(tree, h).is_some_and(|c| g.is(lang, Words::Agent, &c))
        && tree
            .head(h)
            .is_some_and(|v| tree.upos(v) == "VERB" && !crate::voice::is_passive(tree, g, lang, v));
    if through {
        return true;
    }
    if let Some(up) = tree.head(h) {
        // (An apposition names the place only of a noun for one: "in the border town, Tessit",
        // not "On the African side, Côte d'Ivoire will end".)
        let names_it = tree.base_rel(h) != "appos" || g.is(lang, Words::Settlement, &tree.lemma(up).to_lowercase());
        // (Nor the country a border is shared with: "near the border with Mali" is the other
        // side's neighbour, no place in Mali.)
        let neighbour = g.is(lang, Words::Border, &tree.lemma(up).to_lowercase());
        if matches!(tree.base_rel(h), "nmod" | "compound" | "flat" | "appos")
            && tree.upos(up) == "NOUN"
            && place_prep(up)
            && names_it
            && !neighbour
        {
            return true;
        }
        // "près d'Agadez", "non loin de Gao": a place adverb the parser made the head, the
        // place its de-phrase.
        if tree.upos(up) == "ADV"
            && g.is(lang, Words::Place, &tree.lemma(up).to_lowercase())
            && roles::case_of(tree, h).is_some_and(|c| roles::is_of(&c))
        {
            return true;
        }
        // Whether word `w` is a trigger of a type `kind` accepts.
        let typed_as = |w: usize, kind: fn(EventType) -> bool| typed.iter().any(|&(x, t)| x == w && kind(t));
        if typed_as(up, moves) && tree.base_rel(h) == "obj" {
            return true;
        }
        // "attacked Gao", "Djibo was besieged", "ont attaqué Gao", "vielen Gao aan": the town an
        // attack or a use of force strikes is where it happened (a country struck is its
        // target, and [`not_done_to`] drops it).
        let struck = typed_as(up, |t| matches!(t, EventType::Assault | EventType::Coerce));
        if struck && matches!(tree.rel(h), "obj" | "nsubj:pass") {
            return true;
        }
        // "se sont retirées du Mali", "trokken zich terug uit Mali", "pulled out of Mali", and
        // on what is moved, "a retiré ses soldats du Tchad", "le retrait des troupes du Niger":
        // the place a withdrawal leaves.
        let from = matches!(tree.base_rel(h), "obl" | "nmod")
            && roles::case_of(tree, h).is_some_and(|c| g.is(lang, Words::Origin, &c));
        // (Not a visit's: "a reçu l'ambassadeur de France à Conakry" is no visit to France.)
        let leaving = |w: usize| typed_as(w, |t| t == EventType::Retreat);
        let moved =
            |w: usize| (tree.base_rel(w) == "obj" || roles::of_phrase(tree, w)) && tree.head(w).is_some_and(leaving);
        if from && (leaving(up) || moved(up)) {
            return true;
        }
    }
    false
}

/// Whether the phrase headed by `w` says where something is, not where it comes from: a
/// place preposition that is no origin one ("in the village", not "from the town").
pub fn located_in(tree: &Tree, g: &Grammar, lang: &str, w: usize) -> bool {
    roles::case_of(tree, w).is_some_and(|c| g.is(lang, Words::Place, &c) && !g.is(lang, Words::Origin, &c))
}

/// Whether a place word names the town of what an event is done to: the of-phrase of the
/// object or target phrase of an event, or of a noun in such a phrase's of-phrases ("an
/// attack on the market of Ouallam", "une attaque contre le marché de Ouallam", "attacked the
/// military camp of Boulkessi", "regained control of the town of Djibo", "heroverden de stad
/// Kidal", "suspended the Ouallam market"). Only a town or
/// region counts: "the embassy of France" is not in France.
pub fn town_of_target(
    tree: &Tree,
    g: &Grammar,
    lang: &str,
    typed: &[(usize, EventType)],
    h: usize,
    place: Option<&PlaceEntry>,
) -> bool {
    // (`None`: a name the gazetteer lacks, read as a town's.)
    if place.is_some_and(|p| p.precision == "country") {
        return false;
    }
    // "heroverden de stad Kidal": a name in apposition to a settlement noun.
    // "suspended the Ouallam market": a town's name compounded before the noun (not a
    // region's, "the Liptako-Gourma Charter", nor one that names an event, "ended the
    // Algiers accord").
    let town = place.is_some_and(|p| place_rank(p) <= 1);
    let named_town = |w: usize, up: usize| {
        (tree.base_rel(w) == "appos" && g.is(lang, Words::Settlement, &tree.lemma(up).to_lowercase()))
            || (tree.base_rel(w) == "compound"
                && w < up
                && tree.upos(w) == "PROPN"
                && town
                && !typed.iter().any(|&(x, _)| x == up))
    };
    let mut cur = h;
    for hop in 0..3 {
        let Some(up) = tree.head(cur) else { return false };
        if !(roles::of_phrase(tree, cur) || (hop == 0 && named_town(cur, up))) || tree.upos(up) != "NOUN" {
            return false;
        }
        let done_to =
            tree.base_rel(up) == "obj" || roles::case_of(tree, up).is_some_and(|c| g.is(lang, Words::Target, &c));
        if done_to && tree.head(up).is_some_and(|e| typed.iter().any(|&(w, _)| w == e)) {
            return true;
        }
        // (A compounded town names the very thing done to, not one further up: "at the
        // request of the Niamey regime" is no request made in Niamey.)
        if tree.base_rel(cur) == "compound" {
            return false;
        }
        cur = up;
    }
    false
}

/// Whether an event of type `ty` moves its actor: a visit or a withdrawal, whose object is
/// where it goes or what it leaves.
fn moves(ty: EventType) -> bool {
    matches!(ty, EventType::Consult | EventType::Retreat)
}

/// The place candidates (head word, index into `cands`) that can be where an event of type
/// `ty` happens, given its target `target`: "imposed sanctions on Niger", "suspendre son aide
/// au Burkina Faso" name the country the event is done to, not where it happens. A country
/// read as the target state, in a role of the trigger or hung on the trigger's own noun
/// (`on_trigger`), is dropped as a place; a visit or a withdrawal, whose object is where it
/// goes or what it leaves, keeps it.
pub fn not_done_to(
    res: &Resources,
    cands: &[PlaceCand],
    heads: &[(usize, usize)],
    ty: EventType,
    target: Option<&Actor>,
    on_trigger: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let target_state = target.filter(|_| !moves(ty)).map(|x| x.name.as_str());
    heads
        .iter()
        .copied()
        .filter(|&(h, k)| {
            let Some(p) = cands[k].idx.map(|i| &res.places[i]) else {
                return true;
            };
            !(p.precision == "country" && target_state == Some(p.name.as_str()) && on_trigger(h))
        })
        .collect()
}

/// The mention's place for a name the gazetteer lacks (tokens `first..last` of a sentence
/// whose text is `text`): the name as written, in the article's focus country when it has one
/// (the country a village of its story is likeliest in), of precision "locality".
pub fn unnamed_place(text: &str, toks: &[Token], first: usize, last: usize, focus: Option<&str>) -> Place {
    let name: String = text
        .chars()
        .skip(toks[first].start as usize)
        .take((toks[last - 1].end - toks[first].start) as usize)
        .collect();
    Place {
        name,
        country: focus.map(str::to_owned),
        admin1: None,
        latitude: None,
        longitude: None,
        gazetteer_id: None,
        precision: "locality".to_owned(),
    }
}

/// "à Agadez, où l'OIM leur fournira une assistance", "travelled to Gao, where he met local
/// officials": the place candidate (an index of `place_heads`) a clause holding trigger `t`
/// is about, when a relative adverb of place (`grammar.json` "relative_place") opens it right
/// after that place's phrase (a comma between).
pub fn before_a_relative_where(
    tree: &Tree,
    g: &Grammar,
    lang: &str,
    t: usize,
    place_heads: &[(usize, usize)],
) -> Option<usize> {
    let relative = |w: usize| {
        matches!(tree.upos(w), "ADV" | "PRON" | "SCONJ")
            && g.is(lang, Words::RelativePlace, &tree.lemma(w).to_lowercase())
    };
    // (The trigger's clause: up through its heads, no further than the sentence's root.)
    let mut node = Some(t);
    let mut opener = None;
    for _ in 0..4 {
        let Some(n) = node else { break };
        if let Some(w) = tree.children(n).iter().copied().find(|&w| w < n && relative(w)) {
            opener = Some(w);
            break;
        }
        node = tree.head(n);
    }
    let w = opener?;
    place_heads
        .iter()
        .filter(|&&(h, _)| h < w && (h + 1..w).all(|x| tree.upos(x) == "PUNCT" || tree.dominates(h, x)))
        .max_by_key(|&&(h, _)| h)
        .map(|&(_, k)| k)
}

/// Where a country word stands to a "capital" cue it names the capital of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// "Niger's capital", "the Nigerien capital", "de Nigerese hoofdstad".
    Before,
    /// "la capitale nigérienne".
    After,
}

/// Whether the country word `m` names the capital of cue `c`, and from which side.
pub fn capital_side(toks: &[Token], m: &Match, c: &Match) -> Option<Side> {
    if m.last == c.first || (m.last + 1 == c.first && toks[m.last].lower == "'s") {
        Some(Side::Before)
    } else if m.first == c.last {
        Some(Side::After)
    } else {
        None
    }
}

/// Whether an actor is a country named as such ("Niger", "Burkina Faso"), which can be a
/// place too; an organisation coded with a bloc code ("G5 Sahel": IGO) is not, though a
/// place's name be inside its own.
fn is_country_actor(res: &Resources, x: &ActorItem) -> bool {
    x.actor.sector.as_deref() == Some("government")
        && x.last - x.first <= 3
        && x.actor.country.as_deref().is_some_and(|c| res.country(c).is_some())
}

/// The mention's place for a gazetteer entry.
pub fn to_place(p: &PlaceEntry) -> Place {
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

/// Whether place candidate `k` (at its head word in `heads`), inherited by a trigger from the
/// verb above it, is only where that verb turned: reached by a goal preposition ("to",
/// "vers", "naar", `grammar.json` "goal") of a verb that moves nobody
/// ("turned to Russia to fight the insurgency": the fight is not in Russia; "travelled to
/// Moscow to meet", `grammar.json` "motion", keeps it).
pub fn goal_of_a_stay(
    tree: &Tree,
    g: &Grammar,
    lang: &str,
    triggers: &[usize],
    heads: &[(usize, usize)],
    k: usize,
) -> bool {
    let Some(&(h, _)) = heads.iter().find(|&&(_, c)| c == k) else {
        return false;
    };
    let Some(case) = roles::case_of(tree, h) else {
        return false;
    };
    if !g.is(lang, Words::Goal, &case) {
        return false;
    }
    crate::attach::predicate_of(tree, triggers, h)
        .is_some_and(|p| !g.is(lang, Words::Motion, &tree.lemma(p).to_lowercase()))
}

/// "Zeine travelled to Beijing": a visit that names no host, to a capital, is paid to its
/// state (as the capital stands for its government), when that is not the visitor's own; a
/// visit to another town may be to a site. (After the fold, which keeps of two reports of a
/// visit the one that says most: a host so inferred says nothing of which.)
pub fn host_of_a_visit(res: &Resources, m: &mut sahel_schemas::event::EventMention) {
    if m.actor2.is_some() || m.event_type != EventType::Consult || m.event_mode.as_deref() != Some("visit") {
        return;
    }
    m.actor2 = visit_host(res, m);
}

/// The state whose capital a visit without host went to, if it is not the visitor's own.
fn visit_host(res: &Resources, m: &sahel_schemas::event::EventMention) -> Option<Actor> {
    let p = m.place.as_ref()?;
    let code = p.country.as_ref()?;
    let capital = res.capital_place(code)?;
    p.gazetteer_id.as_ref().filter(|&id| *id == capital.id)?;
    // (Troops that land there pay no visit to the state: "Russian soldiers landed in
    // Niamey".)
    let troops =
        |a: &&Actor| matches!(a.sector.as_deref(), Some("military" | "police")) && res.person(&a.name).is_none();
    let visitor = m.actor1.as_ref().filter(|a| !troops(a))?;
    visitor.country.as_ref().filter(|&c| c != code)?;
    Some(Actor {
        text: p.name.clone(),
        name: res.country_name(code),
        country: Some(code.clone()),
        sector: Some("government".to_owned()),
    })
}
