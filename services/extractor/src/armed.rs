//! What an armed group's act is when the lexicon reads its verb as a protest: "Jihadists
//! have blocked all roads leading to the town" is a blockade, "Jihadisten staken tankwagens
//! in brand" an attack; armed groups do not protest.

use sahel_schemas::event::{Actor, EventType};

use crate::lexicon::Resources;
use crate::tree::Tree;
use crate::triggers::Entry;

/// Whether an actor is an armed group (rebels, jihadists, militias).
pub fn armed_group(x: Option<&Actor>) -> bool {
    x.is_some_and(|x| x.sector.as_deref() == Some("rebels"))
}

/// The material conflict the lexicon reads with the same verb as trigger `t` and the words
/// below it (an attack, "ont incendié des pneus et des camions"), else a restriction (a
/// blockade): its type and entry.
pub fn material_act<'r>(res: &'r Resources, tree: &Tree, lang: &str, t: usize) -> Option<(EventType, &'r Entry)> {
    let lemma = tree.lemma(t).to_lowercase();
    let heads: Vec<&str> = std::iter::once(lemma.as_str())
        .chain(res.triggers.form_lemma(lang, tree.lower(t)))
        .collect();
    // (Any word below it: the parser may hang "in brand" deep in the object.)
    let below: Vec<String> = (0..tree.len())
        .filter(|&w| w != t && tree.dominates(t, w))
        .map(|w| tree.lemma(w).to_lowercase())
        .collect();
    let present = |r: &str| below.iter().any(|l| l == r);
    let idx = res
        .triggers
        .verb_entry_among(lang, &heads, present, &[EventType::Coerce, EventType::Assault])
        .or_else(|| res.triggers.entry_of(EventType::Coerce, Some("restrict")))?;
    let entry = &res.triggers.entries[idx];
    Some((entry.event_type, entry))
}
