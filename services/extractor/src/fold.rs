//! One mention per type and source in a sentence. Two triggers of one type whose sources do
//! not differ report one event ("JNIM claimed the ambush, in which 15 soldiers were killed"),
//! unless they are conjoined verbs of different modes ("burned down a church and kidnapped
//! the priest"):
//! the mention that says most is kept, then the one highest in the tree ("the army killed 15
//! jihadists who attacked a post" keeps both, their sources differ), and it takes from the
//! other what it does not say itself (or says less precisely: a town in the country it
//! names): the soldiers killed are the ambush's target, and an
//! act done for an aim of its own kind is done ("fired tear gas to disperse them"). Before
//! that, a promise or a threat with no target takes the one of the act it completes.

use sahel_schemas::event::{EventMention, EventType, Modality, Place};

use crate::sentence::Raw;
use crate::tree::Tree;

/// How many of actor 1, actor 2, date and place a mention gives.
fn says(m: &EventMention) -> usize {
    usize::from(m.actor1.is_some())
        + usize::from(m.actor2.is_some())
        + usize::from(m.date.is_some())
        + usize::from(m.place.is_some())
}

/// Fills what `kept` leaves open from `other`, a mention of the same event: actors (a target
/// that is not `kept`'s source), date, place; and, when `other`'s trigger governs `kept`'s,
/// its being done.
fn complete(kept: &mut EventMention, other: &EventMention, governs: bool) {
    if kept.actor1.is_none() {
        kept.actor1 = other
            .actor1
            .clone()
            .filter(|a| kept.actor2.as_ref().is_none_or(|b| b.name != a.name));
    }
    if kept.actor2.is_none() {
        kept.actor2 = other
            .actor2
            .clone()
            .filter(|b| kept.actor1.as_ref().is_none_or(|a| a.name != b.name));
    }
    if kept.date.is_none() {
        kept.date = other.date.clone();
    }
    // ("attacked the market in the town of Dori in northern Burkina Faso, killing 15
    // civilians": the town the other names is in the country `kept` names.)
    // (A town the gazetteer lacks has no country: it is in the one named.)
    let within = |k: &Place, o: &Place| {
        k.precision == "country" && o.precision != "country" && (o.country.is_none() || o.country == k.country)
    };
    if kept
        .place
        .as_ref()
        .is_none_or(|k| other.place.as_ref().is_some_and(|o| within(k, o)))
    {
        kept.place = other.place.clone();
    }
    // "fired tear gas to disperse the students": an act done for an aim of its own kind is
    // that act done, not only aimed at.
    if governs && kept.modality == Modality::Planned && other.modality == Modality::Asserted {
        kept.modality = Modality::Asserted;
    }
}

/// Whether trigger `aim` stands in an adverbial clause of trigger `act`, or of the verb that
/// carries it ("fired tear gas to disperse": "disperse" hangs on "fired", "gas" its object).
fn aim_of(tree: &Tree, aim: usize, act: usize) -> bool {
    tree.base_rel(aim) == "advcl" && tree.head(aim).is_some_and(|h| h == act || tree.head(act) == Some(h))
}

/// The mentions `out` (each with its trigger word) folded to one per type and source, in the
/// order of their triggers.
pub fn one_per_type_and_source(mut out: Vec<(Raw, usize)>, tree: &Tree) -> Vec<Raw> {
    promised_targets(&mut out, tree);
    let mut kept: Vec<(Raw, usize)> = Vec::new();
    for (raw, w) in out {
        let same_source = |k: &EventMention| match (&k.actor1, &raw.mention.actor1) {
            (Some(a), Some(b)) => a.name == b.name,
            _ => true,
        };
        match kept.iter_mut().find(|(k, kw)| {
            k.mention.event_type == raw.mention.event_type
                && same_source(&k.mention)
                && !distinct_acts(tree, (&k.mention, *kw), (&raw.mention, w))
        }) {
            Some(slot) => {
                let better = (says(&raw.mention), std::cmp::Reverse(tree.depth(w)))
                    > (says(&slot.0.mention), std::cmp::Reverse(tree.depth(slot.1)));
                if better {
                    let other = std::mem::replace(slot, (raw, w));
                    let governs = aim_of(tree, w, other.1);
                    complete(&mut slot.0.mention, &other.0.mention, governs);
                } else {
                    let governs = aim_of(tree, slot.1, w);
                    complete(&mut slot.0.mention, &raw.mention, governs);
                }
            }
            None => kept.push((raw, w)),
        }
    }
    kept.sort_by_key(|(_, w)| *w);
    kept.into_iter().map(|(r, _)| r).collect()
}

/// Whether two mentions of one type are two acts: conjoined verbs of different modes, each
/// with a phrase of its own ("burned down a church and kidnapped the priest").
fn distinct_acts(tree: &Tree, (a, aw): (&EventMention, usize), (b, bw): (&EventMention, usize)) -> bool {
    let conjoined = (tree.base_rel(aw) == "conj" && tree.head(aw) == Some(bw))
        || (tree.base_rel(bw) == "conj" && tree.head(bw) == Some(aw));
    // (A mode named on one side only differs too: "accused India of opening fire and
    // summoned its chargé d'affaires", an accusation and a summons.)
    let modes = a.event_mode != b.event_mode;
    conjoined
        && modes
        && [aw, bw]
            .iter()
            // (The parser may read an object as a clause: "convoqué le chargé d'affaires".)
            .all(|&w| tree.upos(w) == "VERB" && tree.has_child(w, &["obj", "obl", "xcomp"]))
}

/// "agreed to provide aid for Romania", "threatened to cut aid to Niger": a promise or a
/// threat that names no target of its own is made to whom the act it completes is done.
fn promised_targets(out: &mut [(Raw, usize)], tree: &Tree) {
    for i in 0..out.len() {
        let (m, w) = (&out[i].0.mention, out[i].1);
        if !matches!(m.event_type, EventType::Agree | EventType::Threaten) || m.actor2.is_some() {
            continue;
        }
        let source = m.actor1.as_ref().map(|a| a.name.clone());
        let target = out
            .iter()
            .find(|(r, c)| {
                tree.head(*c) == Some(w)
                    && matches!(tree.base_rel(*c), "xcomp" | "advcl")
                    && r.mention.modality == Modality::Planned
                    && r.mention.actor2.is_some()
            })
            .and_then(|(r, _)| r.mention.actor2.clone())
            .filter(|b| source.as_ref().is_none_or(|a| *a != b.name));
        out[i].0.mention.actor2 = target;
    }
}
