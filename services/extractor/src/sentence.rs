//! One sentence → event mentions, on its dependency tree: triggers by lemma
//! ([`crate::triggers`]), roles from syntax ([`crate::roles`]) filled with the actors found
//! on the surface ([`crate::actors`]), dates and places that modify the trigger, modality
//! from its dependents ([`crate::attach`]). Precision first: a mention needs its type and at
//! least one actor from the structure, and an event named by a noun needs its own actor,
//! date or place and must not be background.

use chrono::{Duration, NaiveDate};
use sahel_schemas::event::{EventDate, EventMention, EventType, Modality};

use crate::actors::ActorItem;
use crate::attach;
use crate::dates::DateExpr;
use crate::doc::DocState;
use crate::fill::{first_actor, Fillers};
use crate::grammar::Words;
use crate::intent;
use crate::lexicon::{ActorPat, Cue, Resources};
use crate::mention::{forward, mention, said_mention};
use crate::nlp::{self, Token};
use crate::nominal;
use crate::obligations;
use crate::places::{self, PlaceCand};
use crate::roles::{self, OfPhrase};
use crate::screen;
use crate::surface::Sent;
use crate::tree::Tree;
use crate::triggers::Pos;

/// What the sentence coder needs beyond the tree.
#[derive(Debug)]
pub struct SentenceInput<'a> {
    /// The coder's data.
    pub res: &'a Resources,
    /// Language.
    pub lang: &'a str,
    /// The sentence and its place in the article.
    pub sentence: &'a nlp::Sentence,
    /// Sentence index.
    pub index: usize,
    /// Surface tokens.
    pub toks: &'a [Token],
    /// The sentence's surface matches.
    pub surface: &'a Sent<'a>,
    /// Actors found on the surface.
    pub items: &'a [ActorItem],
    /// Date expressions.
    pub dates: &'a [DateExpr],
    /// The article so far.
    pub doc: &'a DocState,
    /// The reference date (publication, or inferred).
    pub reference: Option<NaiveDate>,
    /// Article id.
    pub article_id: &'a str,
}

/// A coded mention with what the confidence model reads.
#[derive(Debug)]
pub struct Raw {
    /// The mention (confidence, versions and event id still to fill).
    pub mention: EventMention,
    /// Whether the trigger needed dependents to match ("call for"): a strong trigger.
    pub strong: bool,
}

/// Codes one parsed sentence.
pub fn code(s: &SentenceInput<'_>, tree: &Tree) -> Vec<Raw> {
    let res = s.res;
    let g = &res.grammar;
    let demands = obligations::said_obligations(tree, g, s.lang);
    let found = screen::triggers(s, tree, &demands);
    if found.is_empty() && demands.is_empty() {
        return Vec::new();
    }
    let trig: Vec<usize> = found.iter().map(|f| f.word).collect();
    let accusations: Vec<usize> = found
        .iter()
        .filter(|f| res.triggers.entries[f.entry].mode.as_deref() == Some("accuse"))
        .map(|f| f.word)
        .collect();
    let typed: Vec<(usize, EventType)> = found
        .iter()
        .map(|f| (f.word, res.triggers.entries[f.entry].event_type))
        .collect();
    let capitals = s.surface.cues(Cue::Capital);
    let fillers = Fillers {
        heads: s
            .items
            .iter()
            .filter(|x| !x.place_only)
            .filter_map(|x| tree.head_of_tokens(s.toks, x.first, x.last).map(|h| (h, x)))
            .collect(),
        countries: s
            .surface
            .actors
            .iter()
            // "de Nigerese hoofdstad": a country word that names a capital names a place.
            .filter(|m| !capitals.iter().any(|c| places::capital_side(s.toks, m, c).is_some()))
            .filter_map(|m| match &res.actor_pats[m.target] {
                ActorPat::CountryName(c) | ActorPat::CountryAdj(c) | ActorPat::Demonym(c) => {
                    // An adjective slip ("Nigerian" for Nigerien) is read as meant.
                    let code = s.doc.country_in(&res.countries[*c].code, res, &s.surface.actors);
                    tree.head_of_tokens(s.toks, m.first, m.last).map(|h| (h, code))
                }
                _ => None,
            })
            .collect(),
        towns: s
            .surface
            .places
            .iter()
            .filter_map(|m| {
                let p = &res.places[m.target];
                let code = p.country.as_ref().filter(|_| p.precision != "country")?;
                tree.head_of_tokens(s.toks, m.first, m.last).map(|h| (h, code.clone()))
            })
            .collect(),
    };
    let date_heads: Vec<(usize, usize)> = s
        .dates
        .iter()
        .enumerate()
        .filter_map(|(k, d)| tree.head_of_tokens(s.toks, d.first, d.last).map(|h| (h, k)))
        .collect();
    let place_cands: Vec<PlaceCand> = places::places(s.surface, s.items, s.dates, s.doc);
    let place_heads: Vec<(usize, usize)> = place_cands
        .iter()
        .enumerate()
        .filter_map(|(k, p)| tree.head_of_tokens(s.toks, p.first, p.last).map(|h| (h, k)))
        .filter(|&(h, k)| match place_cands[k].idx {
            // "left the country", "withdraw from the Sahel country": the story's country only
            // where a withdrawal leaves it or a trigger names it ("in the country" says no
            // more).
            Some(_) if place_cands[k].anaphoric => {
                let within = |w: usize| places::located_in(tree, g, s.lang, w);
                // (What a withdrawal leaves, or what it moves leaves: "a retiré ses soldats du
                // pays".)
                let leaving = |w: usize| typed.iter().any(|&(x, t)| x == w && t == EventType::Retreat);
                let left = tree
                    .head(h)
                    .is_some_and(|u| leaving(u) || tree.head(u).is_some_and(leaving));
                found.iter().any(|f| f.at.contains(&h))
                    || (left
                        && !within(h)
                        && !tree.head(h).is_some_and(within)
                        && places::where_something_happened(tree, g, s.lang, &typed, h))
            }
            Some(idx) => {
                // ("talks between Mali and the rebels", "between the Sahel juntas and ECOWAS":
                // the sides, or a name compounded with one, not where.)
                let between = |w: usize| roles::case_of(tree, w).is_some_and(|c| g.is(s.lang, Words::Between, &c));
                let sides = between(h) || (tree.base_rel(h) == "compound" && tree.head(h).is_some_and(between));
                // ("Soldiers from Togo clashed": the country the subject came from, not where;
                // but "withdrew its soldiers from Niger" left there, and "les habitants de Gao"
                // are in Gao, and "de terugtrekking uit Niger" is an event's, not a person's.)
                // (Nor a town the subject came from, where the preposition says only that:
                // "Officials from Gao travelled to Bamako", not "les habitants de Gao".)
                let origin = tree.base_rel(h) == "nmod"
                    && tree.head(h).is_some_and(|n| {
                        tree.upos(n) == "NOUN" && tree.base_rel(n) == "nsubj" && !typed.iter().any(|&(w, _)| w == n)
                    })
                    && roles::case_of(tree, h).is_some_and(|c| {
                        g.is(s.lang, Words::Origin, &c) && (res.places[idx].precision == "country" || !roles::is_of(&c))
                    });
                !origin
                    && ((place_cands[k].locative && !sides)
                        // "left Mali": the country a trigger's class names.
                        || found.iter().any(|f| f.at.contains(&h))
                        || places::where_something_happened(tree, g, s.lang, &typed, h)
                        || places::town_of_target(tree, g, s.lang, &typed, h, Some(&res.places[idx])))
            }
            // A name the gazetteer lacks: the tagger must read it as one.
            None => {
                tree.upos(h) == "PROPN"
                    && (places::where_something_happened(tree, g, s.lang, &typed, h)
                        || places::town_of_target(tree, g, s.lang, &typed, h, None))
            }
        })
        .collect();

    let mut out: Vec<(Raw, usize)> = Vec::new();
    for f in &found {
        let entry = &res.triggers.entries[f.entry];
        let ty = entry.event_type;
        // "accused the army of killing 20 civilians": the act an accusation names (a
        // non-finite clause, whose subject is the accused) is an event the accuser reports,
        // done by the accused; other contents are no events.
        let content = attach::content_of(tree, &typed, f.word);
        let accusation =
            content.filter(|u| f.pos == Pos::Verb && !tree.has_feat(f.word, "VerbForm=Fin") && accusations.contains(u));
        if content.is_some() && accusation.is_none() {
            continue;
        }
        // "launched a mediation effort", "announced the opening of an investigation": the
        // carrier noun's roles are the event's.
        let carried_of = |h: usize| {
            tree.base_rel(f.word) == "nmod"
                && roles::case_of(tree, f.word).is_some_and(|c| roles::is_of(&c) || g.is(s.lang, Words::Purpose, &c))
                && g.is(s.lang, Words::Carrier, &tree.lemma(h).to_lowercase())
        };
        let role_word = match tree.head(f.word) {
            Some(h) if f.pos == Pos::Noun && (tree.base_rel(f.word) == "compound" || carried_of(h)) => h,
            _ => f.word,
        };
        // ("the training of Malian soldiers": the soldiers are trained; "the accusations of
        // Human Rights Watch" are its own.)
        let lemma = tree.lemma(f.word).to_lowercase();
        let of_source = if g.is(s.lang, Words::OfPatient, &lemma) {
            OfPhrase::Target
        } else if f.pos == Pos::Noun && g.is(s.lang, Words::Charge, &lemma) {
            OfPhrase::Source
        } else {
            OfPhrase::of_type(ty)
        };
        let mut r = roles::roles(tree, g, s.lang, role_word, f.pos, of_source);
        // "a loan for Niger", "un prêt en faveur du Niger": the state or body aid is for is
        // its target (a name, not "the population": who gets aid "for" a common noun is
        // often another than it names).
        // The amount the aid comes in is then no source: "a loan of 80 million dollars for
        // Chad" is not Chad's.
        // "handed over two gendarmes to Burkina Faso", "a livré deux gendarmes au Burkina
        // Faso": the state a suspect is handed to is the target, before the people handed.
        let handed_over = ty == EventType::Cooperate && entry.mode.as_deref() == Some("judicial");
        if ty == EventType::Aid || handed_over {
            let named: Vec<usize> = roles::beneficiaries(tree, g, s.lang, role_word)
                .into_iter()
                .filter(|&w| {
                    fillers.heads.iter().any(|&(h, x)| h == w && !x.is_group)
                        || fillers.countries.iter().any(|(h, _)| *h == w)
                })
                .collect();
            if handed_over {
                r.target.splice(0..0, named);
            } else {
                if !named.is_empty() {
                    r.source
                        .retain(|&w| !(tree.head(w) == Some(role_word) && attach::is_amount(tree, g, s.lang, w)));
                }
                r.target.extend(named);
            }
        }
        // "The Wagner Group left Mali": the country a trigger's class names is where.
        r.target.retain(|w| !f.at.contains(w));
        // "An attack on a military post killed 14 soldiers": an event noun as a verb's subject
        // names no actor; its own source does ("an attack by JNIM"), never a word of its
        // target. (Not a noun naming people by their act: "protesters".)
        let sources_named = r.source.clone();
        if f.pos == Pos::Verb {
            r.source = r
                .source
                .iter()
                .flat_map(|&w| match typed.iter().find(|&&(tw, _)| tw == w) {
                    Some(&(_, wt)) if tree.upos(w) == "NOUN" && !fillers.heads.iter().any(|&(hw, _)| hw == w) => {
                        let own = roles::roles(tree, g, s.lang, w, Pos::Noun, OfPhrase::of_type(wt)).source;
                        // (Or, without one, whose it is: "une frappe de drone de l'armée
                        // malienne".)
                        let of = || {
                            tree.children_with(w, &["nmod"])
                                .filter(|&c| roles::case_of(tree, c).is_some_and(|p| roles::is_of(&p)))
                                .collect()
                        };
                        if own.is_empty() {
                            of()
                        } else {
                            own
                        }
                    }
                    _ => vec![w],
                })
                .collect();
        }
        // "Protesters in Niamey burned French flags": people named by the act they do are its
        // source.
        if f.pos == Pos::Noun && r.source.is_empty() && fillers.heads.iter().any(|&(hw, x)| hw == f.word && x.is_group)
        {
            r.source.push(f.word);
        }
        // "20 soldiers were killed when jihadists attacked a base": an act of the same type
        // in a clause under the trigger names the source the trigger leaves out.
        if r.source.is_empty() && f.pos == Pos::Verb {
            let clause = typed.iter().find(|&&(w, t)| {
                t == ty && tree.head(w) == Some(f.word) && matches!(tree.base_rel(w), "advcl" | "ccomp")
            });
            if let Some(&(c, _)) = clause {
                r.source = crate::voice::subjects(tree, g, s.lang, c, 0);
            }
        }
        if let Some(u) = accusation {
            let accused = roles::roles(tree, g, s.lang, u, Pos::Verb, OfPhrase::Target).target;
            if !accused.is_empty() {
                r.target.retain(|w| !accused.contains(w));
                r.source = accused;
            }
        }
        // The carried event is no role of its carrier; its own phrases fill what the carrier
        // leaves ("announced the strengthening of cooperation with Moscow": the announcer
        // the source, Moscow the target).
        if role_word != f.word {
            r.source.retain(|&w| w != f.word);
            r.target.retain(|&w| w != f.word);
            let own = roles::roles(tree, g, s.lang, f.word, f.pos, of_source);
            if r.source.is_empty() {
                r.source = own.source;
            }
            r.target
                .extend(own.target.into_iter().filter(|w| !r.source.contains(w)));
        }
        let a1 = first_actor(tree, &fillers, s, &r.source);
        // (An accused the coder cannot name leaves an act of no one.)
        if accusation.is_some() && a1.is_none() {
            continue;
        }
        // "Jihadists have blocked all roads leading to the town": no protest.
        let (ty, entry) = match ty == EventType::Protest && f.pos == Pos::Verb && crate::armed::armed_group(a1.as_ref())
        {
            true => crate::armed::material_act(res, tree, s.lang, f.word).unwrap_or((ty, entry)),
            false => (ty, entry),
        };
        // "Hundreds of refugees arrived in Bassikounou": people who speak for no body do not
        // visit a place in PLOVER's sense; they move.
        let unrepresented = a1
            .as_ref()
            .and_then(|x| x.sector.as_deref())
            .is_some_and(|sector| matches!(sector, "civilians" | "refugees"));
        if ty == EventType::Consult && entry.mode.as_deref() == Some("visit") && unrepresented {
            continue;
        }
        let reading = crate::targets::Reading {
            tree,
            s,
            fillers: &fillers,
            f,
            ty,
            mode: entry.mode.as_deref(),
            roles: &r,
            typed: &typed,
        };
        let origin = reading.origin();
        let a2 = reading.target(a1.as_ref(), &origin);
        // "3 French soldiers have been deployed", "the troops were withdrawn": forces a
        // deployment or withdrawal moves, named as the passive's subject with no agent, are
        // its source.
        let (a1, a2) = match (a1, a2) {
            (None, Some(x)) if crate::fill::moved_forces(tree, f, ty, &r, &x) => (Some(x), None),
            other => other,
        };
        // "Chad has deployed several hundred soldiers to its border": the forces a
        // mobilization moves are its means, no target.
        let a2 =
            a2.filter(|x| !(ty == EventType::Mobilize && matches!(x.sector.as_deref(), Some("military" | "police"))));
        let lenders = crate::occasions::Lenders {
            tree,
            g,
            lang: s.lang,
            trig: &trig,
            typed: &typed,
        };
        let via = lenders.of(
            f,
            (ty, entry.quad_class),
            crate::occasions::Participants {
                source: &r.source,
                target: &r.target,
                named_sources: &sources_named,
            },
            |w| fillers.heads.iter().any(|&(hw, x)| hw == w && x.is_group),
        );
        // "The talks took place in Istanbul", "une manifestation est prévue samedi", "signed
        // a peace agreement in Algiers in 2015": what the verb that carries a noun says of
        // time and place is the noun's own.
        let needs: Vec<usize> = f
            .with
            .iter()
            .copied()
            .chain(
                (f.pos == Pos::Noun)
                    .then(|| attach::dating_carrier(tree, g, s.lang, f.word))
                    .flatten(),
            )
            .collect();
        let (date_k, own_date) = attach::pick(tree, g, s.lang, &trig, (f.word, &needs), &via, &date_heads);
        // "On Monday, December 4, the general who came to power received …".
        let date_k = date_k.or_else(|| {
            (f.pos == Pos::Verb && attach::framed(tree, f.word))
                .then(|| attach::opening_date(s.dates, s.toks))
                .flatten()
        });
        let on_trigger = |h: usize| {
            r.target.contains(&h)
                || tree
                    .head(h)
                    .is_some_and(|p| p == f.word || r.target.contains(&p) || typed.contains(&(p, ty)))
        };
        let places_here = places::not_done_to(res, &place_cands, &place_heads, ty, a2.as_ref(), on_trigger);
        let (place_k, own_place) = attach::pick(tree, g, s.lang, &trig, (f.word, &needs), &via, &places_here);
        let place_k = place_k
            .filter(|&k| own_place || !places::goal_of_a_stay(tree, g, s.lang, &trig, &place_heads, k))
            .filter(|&k| !place_heads.iter().any(|&(h, pk)| pk == k && origin.contains(&h)));
        // "à Agadez, où l'OIM leur fournira une assistance": a clause opened by a relative
        // adverb of place happens where the place before it is.
        let place_k = match place_k {
            Some(k) if own_place => Some(k),
            other => places::before_a_relative_where(tree, g, s.lang, f.word, &places_here).or(other),
        };
        let mut date: Option<EventDate> = date_k.map(|k| s.dates[k].date.clone());
        let old = match (&date, s.reference) {
            (Some(d), Some(r)) => r
                .checked_sub_signed(Duration::days(365))
                .is_some_and(|year_before| d.end < year_before),
            _ => false,
        };
        let mut modality = attach::modality(tree, g, s.lang, f.word, old);
        if accusation.is_some() && modality == Modality::Asserted {
            modality = Modality::Reported;
        }
        // "recalled its ambassador to protest against the downing of a drone": a protest that
        // an act of another kind is for is that act's motive, not a protest of its own.
        if ty == EventType::Protest
            && attach::aimed(tree, g, s.lang, f.word)
            && tree
                .head(f.word)
                .is_some_and(|h| typed.iter().any(|&(t, other)| t == h && other != EventType::Protest))
        {
            continue;
        }
        // "a Western diplomat said on condition of anonymity to discuss the tensions": what a
        // speaker says something for is the saying's aim, no act of its own.
        if f.pos == Pos::Verb
            && attach::aimed(tree, g, s.lang, f.word)
            && tree
                .head(f.word)
                .is_some_and(|h| g.is(s.lang, Words::Speech, &tree.lemma(h).to_lowercase()))
        {
            continue;
        }
        // "un rassemblement de combattants près de Tessalit", "a gathering of fighters": a
        // gathering of armed men is no protest.
        if ty == EventType::Protest
            && f.pos == Pos::Noun
            && (crate::armed::armed_group(a1.as_ref())
                || a1.as_ref().is_some_and(|x| x.sector.as_deref() == Some("military")))
        {
            continue;
        }
        // "turned to Russia to fight the insurgency": a material act that another is for is
        // an aim, not done; an act done by saying or showing ("gathered to demand", "marched
        // to protest") is done by the act it is the purpose of.
        // (Protests are verbal conflict, quad class 3.)
        if matches!(entry.quad_class, 2 | 4)
            && matches!(modality, Modality::Asserted | Modality::Reported)
            && attach::aimed(tree, g, s.lang, f.word)
        {
            modality = Modality::Planned;
        }
        // What has not happened yet is dated forward when its date names no direction
        // ("doivent tenir jeudi une réunion": the coming Thursday; "last week" stays); a plan's date is its own ("agreed on Friday to withdraw by
        // September").
        if own_date && intent::open_modality(modality) {
            let open = date_k.and_then(|k| s.dates[k].open);
            date = date.map(|d| match open {
                Some(recurs) => forward(d, s.reference, recurs),
                None => d,
            });
        } else if modality == Modality::Planned {
            date = None;
        }
        let has_actor = a1.is_some() || a2.is_some();
        match f.pos {
            // A verb needs a participant from the structure: a known actor, or at least a
            // noun phrase in a role ("six drivers were killed").
            Pos::Verb => {
                let participant = sources_named.iter().chain(&r.source).chain(&r.target).any(|&w| {
                    matches!(tree.upos(w), "NOUN" | "PROPN" | "NUM")
                        || (tree.upos(w) == "PRON" && !tree.has_feat(w, "PronType=Rel"))
                });
                if !has_actor && !participant {
                    continue;
                }
                // "Il convient de rappeler …": a verb whose subject is an impersonal pronoun,
                // its real subject a clause, states no act ("Il reste détenu" has a person).
                let impersonal = tree.children_labelled(f.word, "expl:subj").next().is_some()
                    && tree.has_child(f.word, &["csubj"])
                    && !tree.has_child(f.word, &["nsubj"]);
                if impersonal {
                    continue;
                }
            }
            // A noun is an event only with its own actor, date or place, and not background
            // nor another act's backdrop or target (`nominal.rs`).
            Pos::Noun => {
                let known = nominal::Known {
                    has_actor,
                    own_date,
                    own_place,
                    background: modality == Modality::Background,
                };
                let group = |w: usize| fillers.heads.iter().any(|&(hw, x)| hw == w && x.is_group);
                if !nominal::is_event(tree, g, s.lang, f.word, (&trig, &typed), group, known) {
                    continue;
                }
            }
        }
        // "Nigeria announced that it will withdraw": the stated intent is a promise or a threat.
        let stated = (intent::open_modality(modality) && !attach::hedged(tree, g, s.lang, f.word))
            .then(|| match intent::ultimatum(tree, g, s.lang, f.word) {
                true => Some(EventType::Threaten).filter(|_| ty != EventType::Threaten),
                false => intent::intent_type(ty),
            })
            .flatten()
            .filter(|_| a1.is_some() && f.pos == Pos::Verb)
            .and_then(|it| {
                let gov = intent::governor(tree, g, s.lang, f.word, r.source.first().copied(), &trig)
                    // (A future that is only possible, "zou … kunnen sluiten", states no intent.)
                    .or_else(|| {
                        (modality == Modality::Planned)
                            .then(|| intent::future_auxiliary(tree, g, s.lang, f.word))
                            .flatten()
                    })
                    .filter(|&v| !demands.iter().any(|d| d.clause == v))?;
                let idx = res
                    .triggers
                    .entry_of(it, (it == EventType::Agree).then_some("promise"))?;
                // ("will withdraw its force unless Goukouni arranges a ceasefire": the threat
                // is made against whom its condition names, when the act names no one.)
                let against = || {
                    let words = intent::condition_subjects(tree, g, s.lang, f.word);
                    first_actor(tree, &fillers, s, &words).filter(|x| a1.as_ref().is_none_or(|a| a.name != x.name))
                };
                let b2 = a2
                    .clone()
                    .or_else(|| (it == EventType::Threaten).then(against).flatten());
                Some((gov, idx, a1.clone(), b2))
            });
        let place = place_k.map(|k| {
            let c = &place_cands[k];
            match c.idx {
                Some(idx) => places::to_place(&res.places[idx]),
                None => places::unnamed_place(
                    s.sentence.text.as_str(),
                    s.toks,
                    c.first,
                    c.last,
                    s.doc.focus.as_deref(),
                ),
            }
        });
        let coded = mention(s, tree, f, entry, a1, a2, date, place, modality);
        out.push((
            Raw {
                mention: coded,
                strong: !f.with.is_empty(),
            },
            f.word,
        ));
        if let Some((gov, idx, b1, b2)) = stated {
            let m = said_mention(s, tree, &trig, &date_heads, (gov, gov, &[]), idx, b1, b2);
            out.push((
                Raw {
                    mention: m,
                    strong: false,
                },
                gov,
            ));
        }
    }
    if let Some(entry_idx) = res.triggers.entry_of(EventType::Demand, None) {
        for d in &demands {
            let subj = crate::voice::subjects(tree, g, s.lang, d.speaker, 0);
            let a1 = first_actor(tree, &fillers, s, &subj);
            let a2 = first_actor(tree, &fillers, s, &crate::voice::subjects(tree, g, s.lang, d.clause, 0))
                .filter(|x| crate::fill::other_than(res, s.lang, a1.as_ref(), x));
            if a1.is_none() || a2.is_none() {
                continue;
            }
            let m = said_mention(
                s,
                tree,
                &trig,
                &date_heads,
                (d.modal, d.speaker, &[d.speaker]),
                entry_idx,
                a1,
                a2,
            );
            out.push((
                Raw {
                    mention: m,
                    strong: true,
                },
                d.speaker,
            ));
        }
    }
    let mut kept = crate::fold::one_per_type_and_source(out, tree);
    for raw in &mut kept {
        places::host_of_a_visit(res, &mut raw.mention);
    }
    kept
}
