//! Filling roles with actors: the actor a role phrase names, from the actors found on the
//! surface and the country words (names, adjectives, demonyms) at their head words in the tree;
//! a pronoun stands for the speaker of its clause or the person named before it whom its sentence is about;
//! a target that is the source's own is none, and forces a passive moves are the source.

use sahel_schemas::event::{Actor, EventType};

use crate::actors::ActorItem;
use crate::grammar::Words;
use crate::lexicon::Resources;
use crate::roles::{self, CLAUSAL};
use crate::sentence::SentenceInput;
use crate::tree::Tree;
use crate::triggers::{Found, Pos};

/// What the sentence offers for filling roles: actors found on the surface and country
/// words (names, adjectives, demonyms), each at its head word in the tree.
#[derive(Debug)]
pub struct Fillers<'a> {
    /// Actors found on the surface, at their head words.
    pub heads: Vec<(usize, &'a ActorItem)>,
    /// Country words, at their head words, with the country's code.
    pub countries: Vec<(usize, String)>,
    /// Towns and regions (places below a country), at their head words, with their country.
    pub towns: Vec<(usize, String)>,
}

/// How far `hw` is inside `w`'s phrase: the steps from `hw` up to `w` (no clause boundary
/// between, but those `through` lets pass); or, when the parser split a name ("Taiwan's
/// Vice Foreign Minister"), its place in the run of nominal words around `w` on the surface.
fn steps_below(tree: &Tree, w: usize, hw: usize, through: &dyn Fn(usize) -> bool) -> Option<usize> {
    let mut node = hw;
    let mut steps = 0;
    while node != w {
        if CLAUSAL.contains(&tree.base_rel(node)) && !through(node) {
            return surface_run(tree, w, hw);
        }
        match tree.head(node) {
            Some(h) => node = h,
            None => return surface_run(tree, w, hw),
        }
        steps += 1;
    }
    Some(steps)
}

/// Whether `hw` is below `w` through a conjunct (`w`'s or one of its words').
fn conjoined_below(tree: &Tree, w: usize, hw: usize) -> bool {
    tree.and_ancestors(hw)
        .take_while(|&n| n != w)
        .any(|n| tree.base_rel(n) == "conj" && tree.dominates(w, n))
}

/// Whether word `w` is a pronoun: so tagged, or a determiner standing as a subject ("Het leger
/// zegt dat het …", the second "het" tagged as an article).
fn pronoun(tree: &Tree, w: usize) -> bool {
    tree.upos(w) == "PRON" || (tree.upos(w) == "DET" && tree.base_rel(w) == "nsubj") || clitic_object(tree, w)
}

/// Whether word `w` is an object pronoun the tagger read as an article: a determiner that is
/// the object of the verb right after it ("…, les accusant de propager").
fn clitic_object(tree: &Tree, w: usize) -> bool {
    tree.upos(w) == "DET"
        && matches!(tree.base_rel(w), "obj" | "iobj")
        && tree.head(w) == Some(w + 1)
        && tree.upos(w + 1) == "VERB"
}

/// `hw`'s distance from `w` when both are in one unbroken run of nominal words (names,
/// nouns, adjectives, determiners, possessive markers).
fn surface_run(tree: &Tree, w: usize, hw: usize) -> Option<usize> {
    if pronoun(tree, w) {
        return None;
    }
    let nominal = |i: usize| matches!(tree.upos(i), "PROPN" | "NOUN" | "ADJ" | "DET" | "PART" | "NUM");
    let (a, b) = (w.min(hw), w.max(hw));
    // (An article after a noun opens another phrase: "samen met Russische huurlingen het dorp
    // aangevallen", two phrases side by side before a verb at the end.)
    let new_phrase = |i: usize| tree.upos(i) == "DET" && i > a && matches!(tree.upos(i - 1), "NOUN" | "PROPN");
    ((a..=b).all(nominal) && !(a..=b).any(new_phrase) && b - a <= 5).then_some(4 + b - a)
}

/// The actor a role phrase headed by `w` names: the actor whose head is `w` or closest below
/// it, not inside a clause of its own; else a country word in the phrase makes a country actor
/// of the phrase's sector ("Serbian President Vojislav Kostunica", "Swiss doctors"); a
/// pronoun stands for the speaker of the clause it is in ("Syria says it will withdraw"), or
/// for the person named before it, or, as a main clause's subject, for the state or body the
/// sentence before had as its subject ([`crate::antecedents`]).
pub fn actor_at(tree: &Tree, f: &Fillers<'_>, s: &SentenceInput<'_>, w: usize, depth: usize) -> Option<Actor> {
    // "The two men discussed security": the first of the two people named before.
    if let Some((first, _)) = pair_named(tree, s, w) {
        return Some(first);
    }
    // "Mohamed Bazoum, the elected president of Niger who was imprisoned": the apposition
    // stands for the one it is beside, not for the country in it.
    if tree.base_rel(w) == "appos" {
        let named = tree
            .head(w)
            .and_then(|h| f.heads.iter().find(|&&(hw, item)| hw == h && !item.is_group));
        if let Some((_, item)) = named {
            return Some(item.actor.clone());
        }
    }
    // "Burkina Faso's leader, Captain Ibrahim Traoré,": the person an apposition names is
    // who the noun is.
    // (Or a name the parser hung on it without a preposition: "le ministre russe des Affaires
    // étrangères Sergueï Lavrov", "Sergueï" a bare nmod of "ministre".)
    let bare_name =
        |a: usize| tree.base_rel(a) == "nmod" && tree.upos(a) == "PROPN" && a > w && !tree.has_child(a, &["case"]);
    // (And one hung on the noun of its of-phrase: "le chef de la diplomatie russe Sergueï
    // Lavrov".)
    let of_phrase = tree
        .children_with(w, &["nmod"])
        .filter(|&n| tree.upos(w) == "NOUN" && n > w && roles::of_phrase(tree, n));
    let named_beside = tree
        .children(w)
        .iter()
        .copied()
        .chain(of_phrase.flat_map(|n| tree.children(n).iter().copied()))
        .filter(|&a| tree.base_rel(a) == "appos" || bare_name(a));
    let person = named_beside.into_iter().find_map(|a| {
        f.heads
            .iter()
            .find(|&&(hw, item)| hw == a && !item.is_group && s.res.person(&item.actor.name).is_some())
    });
    if let Some((_, item)) = person {
        return Some(item.actor.clone());
    }
    // "a former partner of Niger": the relation's other side is not who the noun is.
    let other_side = other_side_of(tree, s, w);
    // "talks between Iran and the United States", "entre l'Inde et le Pakistan": the second
    // side, a conjunct of the first, is not who the first is.
    let sides = roles::case_of(tree, w).is_some_and(|c| s.res.grammar.is(s.lang, Words::Between, &c));
    let second_side = |hw: usize| sides && conjoined_below(tree, w, hw);
    // "dispersed a demonstration outside the French embassy": a body named in a phrase of
    // place below the noun says where, not who (not one a phrase of origin or of target
    // names: "a delegation from ECOWAS", "opened fire on protesters").
    let placed = |hw: usize| {
        let g = &s.res.grammar;
        tree.and_ancestors(hw).take_while(|&n| n != w).any(|n| {
            roles::case_of(tree, n).is_some_and(|p| {
                g.is(s.lang, Words::Place, &p)
                    && !g.is(s.lang, Words::Origin, &p)
                    && !(tree.head(n) == Some(w) && g.is(s.lang, Words::Target, &p))
            })
        })
    };
    let below: Vec<(usize, usize, &ActorItem)> = f
        .heads
        .iter()
        .filter(|&&(hw, _)| !other_side(hw) && !second_side(hw) && !placed(hw))
        .filter_map(|&(hw, item)| steps_below(tree, w, hw, &|_| false).map(|d| (d, hw, item)))
        .collect();
    let best_item = below
        .iter()
        .min_by_key(|&&(d, hw, _)| (d, hw))
        .map(|&(_, _, item)| item);
    // "European Community foreign ministers", "Red Cross officials", "JNIM fighters", "a
    // delegation from ECOWAS": a sector noun premodified by a named body (not a country word),
    // or with one in its phrase, is that body.
    if best_item.is_some_and(|item| item.is_group) {
        let named = below
            .iter()
            .filter(|&&(d, hw, item)| {
                // Before the noun, or in its phrase: "a delegation from ECOWAS"; or before
                // the noun of its phrase: "the head of the ECOWAS delegation". (Not in that
                // noun's own phrase: "dozens of soldiers [and members] of the VDP", misread.)
                let in_phrase = |v: usize| tree.head(v) == Some(w) && tree.base_rel(v) == "nmod";
                // (Or in the of-phrase of that noun: "le chef de la délégation de la
                // Croix-Rouge", "het hoofd van de delegatie van het Rode Kruis".)
                let placed = hw <= w
                    || in_phrase(hw)
                    || tree.head(hw).is_some_and(|n| {
                        // (Not the phrase of joined nouns, which the parser may hang on the first:
                        // "soldiers and members of the VDP".)
                        (hw < n || (roles::of_phrase(tree, hw) && !tree.has_child(n, &["cc", "conj"]))) && in_phrase(n)
                    });
                d <= 2 && placed && !item.is_group && !f.countries.iter().any(|(c, _)| *c == hw)
            })
            .min_by_key(|&&(d, hw, _)| (d, std::cmp::Reverse(hw)));
        if let Some((_, _, item)) = named {
            return Some(item.actor.clone());
        }
    }
    let best = best_item.map(|item| item.actor.clone());
    // A sector noun without a country ("rebels", "protesters") takes the country a word in its
    // phrase names ("Rebels in the Ivory Coast"); a named group keeps its name.
    let sector_only = best_item.is_some_and(|item| item.is_group && item.actor.country.is_none());
    if best.is_some() && !sector_only {
        return best;
    }
    // "workers affiliated with the Serbian union": a participle that ties the noun to a body
    // lets that body's country through.
    let affiliation = |v: usize| {
        tree.base_rel(v) == "acl"
            && s.res
                .grammar
                .is(s.lang, Words::Affiliation, &tree.lemma(v).to_lowercase())
    };
    // "a jihadist camp near the Malian border": a country adjective on a noun of place (a
    // phrase of "near", "in" …) below the noun says where, not whose; but a town's is its
    // people's ("the wounded from the Bosnian town of Gorazde"), and a body one is tied to
    // ("affiliés au syndicat nigérien") is no place.
    let placed_adjective = |hw: usize| {
        tree.upos(hw) == "ADJ"
            && tree.head(hw).is_some_and(|n| {
                n != w
                    && !s
                        .res
                        .grammar
                        .is(s.lang, Words::Settlement, &tree.lemma(n).to_lowercase())
                    && !tree.head(n).is_some_and(affiliation)
                    && crate::roles::case_of(tree, n).is_some_and(|p| s.res.grammar.is(s.lang, Words::Place, &p))
            })
    };
    // "jihadists near the border with Burkina Faso": the country a border is shared with
    // is the neighbour's, not the people's near it.
    let neighbour = |hw: usize| {
        tree.head(hw)
            .is_some_and(|n| n != w && s.res.grammar.is(s.lang, Words::Border, &tree.lemma(n).to_lowercase()))
    };
    // "gunmen in the village of Djiguel in northern Burkina Faso": a country below the noun of
    // a town the people are in says where the town is, not whose the people are.
    // (Not people from a town: "the wounded from the Bosnian town of Gorazde" are its own.)
    let town = |n: usize| {
        s.res
            .grammar
            .is(s.lang, Words::Settlement, &tree.lemma(n).to_lowercase())
            && crate::places::located_in(tree, &s.res.grammar, s.lang, n)
    };
    let beyond_a_town = |hw: usize| {
        tree.ancestors(hw)
            .take_while(|&n| n != w)
            .any(|n| town(n) && !tree.dominates(n, w))
    };
    let country = f
        .countries
        .iter()
        .filter(|(hw, _)| !other_side(*hw) && !placed_adjective(*hw) && !neighbour(*hw) && !beyond_a_town(*hw))
        .filter_map(|(hw, code)| {
            steps_below(tree, w, *hw, &affiliation)
                .filter(|&d| d <= 3)
                .map(|d| (d, code))
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, code)| code.clone());
    if let Some(code) = country {
        let sector = best
            .as_ref()
            .and_then(|a| a.sector.clone())
            .or_else(|| s.res.title_sector(tree.lower(w)).map(str::to_owned))
            // "Des milliers de Maliens": a count of a country's people is its civilians, as
            // "Thousands of Malians" are.
            .or_else(|| {
                s.res
                    .grammar
                    .is(s.lang, Words::Quantity, &tree.lemma(w).to_lowercase())
                    .then(|| "civilians".to_owned())
            })
            .unwrap_or_else(|| "government".to_owned());
        return Some(country_actor(s, tree, w, &code, &sector));
    }
    // The country of a town in the noun's phrase ("the mayor of Niamey", "police in Agadez").
    let town = || {
        f.towns
            .iter()
            .filter_map(|(hw, code)| {
                steps_below(tree, w, *hw, &|_| false)
                    .filter(|&d| d <= 2)
                    .map(|d| (d, code))
            })
            .min_by_key(|&(d, _)| d)
            .map(|(_, code)| code)
    };
    // "Police in Agadez seized …": police or an office named by its town is that state's,
    // which alone acts there. (Not soldiers, who serve abroad too: "a military convoy near
    // Gao" may be anyone's; nor people: "protesters in Niamey" stay protesters, as the gold
    // codes them.)
    let state_sector = best
        .as_ref()
        .and_then(|a| a.sector.as_deref())
        .filter(|sector| matches!(*sector, "police" | "government" | "judiciary"));
    if let (Some(sector), true) = (state_sector, sector_only) {
        if let Some(code) = town() {
            return Some(country_actor(s, tree, w, code, sector));
        }
    }
    if best.is_some() {
        return best;
    }
    // "le gouverneur de Tillabéri", "the mayor of Niamey": an official titled for a town or
    // region is of its state.
    if let Some(sector) = s.res.title_sector(tree.lower(w)) {
        if let Some(code) = town() {
            return Some(country_actor(s, tree, w, code, sector));
        }
    }
    // "expelled the head of the UN division, accusing him of bias", "a expulsé
    // l'ambassadeur et l'a accusé": the personal pronoun object of a clause that shares its
    // subject with the clause before is that clause's object (a reflexive would be the subject).
    let personal = (pronoun(tree, w) && tree.has_feat(w, "PronType=Prs") && !tree.has_feat(w, "Reflex=Yes"))
        || clitic_object(tree, w);
    if let Some(o) = shared_clause_object(tree, w).filter(|_| personal && depth < 2) {
        if let Some(a) = actor_at(tree, f, s, o, depth + 1) {
            return Some(a);
        }
    }
    let lemma = tree.lemma(w).to_lowercase();
    let g = &s.res.grammar;
    // "Mali's government announced that the country would withdraw": in a reported clause,
    // "the country" is the speaker's.
    let the_country = g.is(s.lang, Words::CountryNoun, &lemma)
        && tree
            .children_with(w, &["det"])
            .any(|d| tree.has_feat(d, "Definite=Def"))
        && !tree.has_child(w, &["nmod", "amod", "nmod:poss"]);
    if the_country && depth < 2 {
        if let Some(speaker) = speaker_of(tree, s, w) {
            let subj = crate::voice::subjects(tree, g, s.lang, speaker, 0);
            let country = subj
                .iter()
                .find_map(|&x| (x != w).then(|| actor_at(tree, f, s, x, depth + 1)).flatten())
                .and_then(|a| a.country);
            if let Some(code) = country.filter(|c| s.res.country(c).is_some()) {
                return Some(country_actor(s, tree, w, &code, "government"));
            }
        }
    }
    let person = g.is(s.lang, Words::PronounPerson, &lemma);
    if pronoun(tree, w) && (person || g.is(s.lang, Words::PronounGroup, &lemma)) {
        // (Who says, or denies: "Ukraine denied that it supports the rebels".)
        if let Some(speaker) = complement_head(tree, s, w, &[Words::Speech, Words::Refusal]) {
            if depth < 2 {
                let subj = crate::voice::subjects(tree, g, s.lang, speaker, 0);
                if let Some(a) = subj
                    .iter()
                    .find_map(|&x| (x != w).then(|| actor_at(tree, f, s, x, depth + 1)).flatten())
                {
                    return Some(a);
                }
            }
        }
        // "JNIM fighters burned the school before they withdrew".
        if !person && depth < 2 {
            let subject = crate::antecedents::subject_of_the_modified_clause(tree, g, s.lang, w)
                .into_iter()
                .find_map(|x| actor_at(tree, f, s, x, depth + 1));
            if subject.is_some() {
                return subject;
            }
        }
        if person {
            return s.doc.antecedent(s.index, tree.span(w).0).cloned();
        }
        // "Russia also offers weapons. It is also providing planes": the main clause's subject
        // carries on the state or body the sentence before had as its subject; so does the
        // same pronoun as a later clause's subject ("It is providing planes to Mali, where it
        // also pledges to build").
        let root_subject = |x: usize| tree.head(x).is_some_and(|h| tree.head(h).is_none());
        let same_as_main = || {
            tree.root()
                .and_then(|r| tree.children_with(r, &["nsubj"]).next())
                .is_some_and(|x| x < w && tree.upos(x) == "PRON" && tree.lemma(x).to_lowercase() == lemma)
        };
        let main_subject = tree.base_rel(w) == "nsubj" && (root_subject(w) || same_as_main());
        if main_subject {
            return s.doc.previous_clause_subject(s.index).cloned();
        }
    }
    // "arrested a general accused of plotting", "a tué un colonel": a military rank as a
    // common noun, with no name and no state, is the military.
    if tree.upos(w) == "NOUN" && s.res.title_sector(tree.lower(w)) == Some("military") {
        return Some(Actor {
            text: span_text(s, tree, w),
            name: "Military".to_owned(),
            country: None,
            sector: Some("military".to_owned()),
        });
    }
    None
}

/// "The two men", "les deux présidents", "de twee leiders": a noun for people or a title,
/// counted two and with no name of its own, stands for the two people named before it
/// ([`crate::doc::DocState::pair`]), in the order named.
pub(crate) fn pair_named(tree: &Tree, s: &SentenceInput<'_>, w: usize) -> Option<(Actor, Actor)> {
    if tree.upos(w) != "NOUN" {
        return None;
    }
    let lemma = tree.lemma(w).to_lowercase();
    let people = s.res.grammar.is(s.lang, Words::Person, &lemma)
        || s.res.title_sector(&lemma).is_some()
        || s.res.title_sector(tree.lower(w)).is_some();
    let calendar = crate::dates::Calendar::shared().ok()?;
    let two = tree
        .children_labelled(w, "nummod")
        .any(|c| calendar.number(tree.lower(c)) == Some(2));
    if !(people && two)
        || s.items
            .iter()
            .any(|x| tree.head_of_tokens(s.toks, x.first, x.last) == Some(w))
    {
        return None;
    }
    let (a, b) = s.doc.pair(s.index, tree.span(w).0)?;
    Some((a.clone(), b.clone()))
}

/// For a pronoun object `w` of a participle clause or a conjunct that has no subject of its
/// own: the object of the clause it depends on.
fn shared_clause_object(tree: &Tree, w: usize) -> Option<usize> {
    if !matches!(tree.base_rel(w), "obj" | "iobj") {
        return None;
    }
    let v = tree.head(w)?;
    let sharing = match tree.base_rel(v) {
        "advcl" => tree.shares_head_clause(v),
        "conj" => !tree.has_subject_before(v) && !tree.has_any_subject(v),
        _ => false,
    };
    let h = tree.head(v).filter(|&h| sharing && tree.upos(h) == "VERB")?;
    tree.children_with(h, &["obj"]).find(|&o| !pronoun(tree, o))
}

/// For a noun of a relation ("partner", "allié"): whether a word lies in its of-phrase or
/// possessive, which names the relation's other side. Always false for other nouns.
fn other_side_of<'t>(tree: &'t Tree, s: &SentenceInput<'_>, w: usize) -> impl Fn(usize) -> bool + 't {
    let relational = s
        .res
        .grammar
        .is(s.lang, Words::Relational, &tree.lemma(w).to_lowercase());
    let sides: Vec<usize> = if relational {
        tree.children(w)
            .iter()
            .copied()
            .filter(|&c| tree.rel(c) == "nmod:poss" || roles::of_phrase(tree, c))
            .collect()
    } else {
        Vec::new()
    };
    move |hw: usize| sides.iter().any(|&c| tree.dominates(c, hw))
}

/// The verb of saying whose complement holds word `w`, if any (a clause introduced by a
/// complementizer counts, though the parser hung it as an adverbial: "announced that they
/// are willing").
pub fn speaker_of(tree: &Tree, s: &SentenceInput<'_>, w: usize) -> Option<usize> {
    complement_head(tree, s, w, &[Words::Speech])
}

/// The verb of one of the word classes `of` whose complement holds word `w`, as
/// [`speaker_of`] finds a verb of saying.
fn complement_head(tree: &Tree, s: &SentenceInput<'_>, w: usize, of: &[Words]) -> Option<usize> {
    let g = &s.res.grammar;
    let mut node = w;
    for _ in 0..6 {
        let h = tree.head(node)?;
        let complement = match tree.base_rel(node) {
            "ccomp" | "parataxis" => true,
            "advcl" => tree
                .children_with(node, &["mark"])
                .any(|m| g.is(s.lang, Words::Complementizer, &tree.lemma(m).to_lowercase())),
            _ => false,
        };
        if complement && of.iter().any(|&k| g.is(s.lang, k, &tree.lemma(h).to_lowercase())) {
            return Some(h);
        }
        node = h;
    }
    None
}

/// The text of word `w`.
fn span_text(s: &SentenceInput<'_>, tree: &Tree, w: usize) -> String {
    let (a, b) = tree.span(w);
    s.sentence
        .text
        .chars()
        .skip(a as usize)
        .take((b - a) as usize)
        .collect()
}

/// A country actor of a sector, named as the actor finder names them ("Niger",
/// "France military", "Mali police", "Burkina Faso civilians").
fn country_actor(s: &SentenceInput<'_>, tree: &Tree, w: usize, code: &str, sector: &str) -> Actor {
    let cname = s.res.country_name(code);
    let name = match sector {
        "government" => cname,
        other => format!("{cname} {other}"),
    };
    Actor {
        text: span_text(s, tree, w),
        name,
        country: Some(code.to_owned()),
        sector: Some(sector.to_owned()),
    }
}

/// The actor of the first role phrase that names one; but when that actor is a sector alone
/// ("rebel", "soldiers") and a later phrase names an actor of the same sector with its country
/// ("the rebel Kurdistan Workers' Party", read as two subjects), the one that says whose it is.
pub fn first_actor(tree: &Tree, f: &Fillers<'_>, s: &SentenceInput<'_>, words: &[usize]) -> Option<Actor> {
    let mut found = words.iter().filter_map(|&w| actor_at(tree, f, s, w, 0));
    let first = found.next()?;
    if first.country.is_some() || first.sector.is_none() {
        return Some(first);
    }
    Some(
        found
            .find(|a| a.country.is_some() && a.sector == first.sector)
            .unwrap_or(first),
    )
}
/// Whether actor `x`, the target of trigger `f` of type `ty`, is forces that the event moves
/// and the passive names as moved: a deployment or withdrawal of soldiers or police whose
/// subject they are, with no agent.
pub(crate) fn moved_forces(tree: &Tree, f: &Found, ty: EventType, r: &roles::RoleWords, x: &Actor) -> bool {
    matches!(ty, EventType::Mobilize | EventType::Retreat)
        && f.pos == Pos::Verb
        && r.source.is_empty()
        && matches!(x.sector.as_deref(), Some("military" | "police"))
        && r.target
            .first()
            .is_some_and(|&w| tree.rel(w) == "nsubj:pass" || tree.rel(w) == "nsubj")
}

/// Whether `target` can be the target of an event whose source is `source`: not the source
/// itself, nor a group named by a possessive pronoun, the source's own ("Syria offered its
/// troops": the troops are what it offers, the target is elsewhere).
pub(crate) fn other_than(res: &Resources, lang: &str, source: Option<&Actor>, target: &Actor) -> bool {
    let owned = target
        .text
        .split_whitespace()
        .next()
        .is_some_and(|w| res.grammar.is(lang, Words::Possessive, &w.to_lowercase()))
        && target.country.is_some();
    // Without a source, "its troops" are the unknown source's own as likely as not.
    let Some(source) = source else {
        return !owned;
    };
    // With one, "its troops" are the source's own, whatever country the pronoun was read
    // for ("France, a former partner of Niger that withdrew its troops": not Niger's).
    source.name != target.name && !owned
}

/// "killed 20 people", "a exécuté plus de 500 personnes", "doodden twintig mensen": people
/// an attack is done to, named by a noun for people that names no group (`grammar.json`
/// "person"; the noun itself or the phrase a count heads), are civilians, not the protesters
/// such a noun names as the source of a march, nor no one. `targets`: the target words;
/// `found`: the target actor found so far.
pub fn people_attacked(
    tree: &Tree,
    f: &Fillers<'_>,
    s: &SentenceInput<'_>,
    targets: &[usize],
    found: Option<Actor>,
) -> Option<Actor> {
    let res = s.res;
    let person = |v: usize| res.grammar.is(s.lang, Words::Person, &tree.lemma(v).to_lowercase());
    let counted = |w: usize| std::iter::once(w).chain(tree.children_with(w, &["nmod", "obl"]).filter(move |&v| v > w));
    let Some(w) = targets.iter().flat_map(|&w| counted(w)).find(|&v| person(v)) else {
        return found;
    };
    let g = res.groups.iter().find(|g| g.group == "civilians")?;
    let country = match found {
        // (A group the noun itself names, "Malian people", keeps its country.)
        Some(x) if f.heads.iter().any(|&(hw, it)| hw == w && it.actor.name == x.name) => {
            if x.sector.as_deref() != Some(g.sector.as_str()) {
                return Some(x);
            }
            x.country
        }
        Some(x) => return Some(x),
        None => None,
    };
    Some(Actor {
        text: tree.lower(w).to_owned(),
        name: g.name_in(res, country.as_deref()),
        country,
        sector: Some(g.sector.clone()),
    })
}
