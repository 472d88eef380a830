//! What the parser hung on the verb's object that belongs to the verb: an untensed clause of
//! time, hung on the object or on its own conjunction read as an adverb ("looted the shops
//! before withdrawing", "avant de se retirer"), and an indirect object hung on a participle
//! that describes the object ("des véhicules blindés aux forces armées").

use crate::repairs::Arcs;
use crate::tree::Tree;

/// "looted the shops before withdrawing from the town", "ont incendié l'école avant de se
/// retirer": an untensed clause opened by a conjunction of time (`grammar.json` "context":
/// before, after, avant) is an adverbial clause of the verb, however the parser hung it: as
/// a modifier of the verb's object ("shops … before withdrawing") or as the complement of
/// the conjunction read as an adverb ("avant" over "de se retirer"). Without this, the clause
/// had no subject to share.
pub fn temporal_clause_off_its_verb(tree: &mut Tree, time: impl Fn(&str) -> bool) {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        let Some(h) = tree.head(v).filter(|&h| h < v) else {
            continue;
        };
        if tree.upos(v) != "VERB" || tree.finite_word(v).is_some() || tree.has_any_subject(v) {
            continue;
        }
        let Some(main) = tree.head(h).filter(|&m| tree.upos(m) == "VERB") else {
            continue;
        };
        let marked = tree
            .children_with(v, &["mark"])
            .any(|m| m < v && time(&tree.lemma(m).to_lowercase()));
        if tree.base_rel(v) == "acl" && matches!(tree.upos(h), "NOUN" | "PROPN") && marked {
            arcs.push((v, Some(main), "advcl".to_owned()));
        } else if tree.base_rel(v) == "xcomp"
            && matches!(tree.upos(h), "ADV" | "ADP")
            && matches!(tree.base_rel(h), "advmod" | "case" | "mark")
            && time(&tree.lemma(h).to_lowercase())
        {
            arcs.push((v, Some(main), "advcl".to_owned()));
            arcs.push((h, Some(v), "mark".to_owned()));
        }
    }
    tree.rehead(&arcs);
}

/// "a livré des véhicules blindés aux forces armées": an indirect object (`obl:arg`) the
/// parser hung on a bare participle describing the verb's object ("blindés") is the verb's;
/// a participle used as an adjective takes none, and the forces are whom the vehicles went to.
pub(crate) fn argument_on_the_objects_participle(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for a in 0..tree.len() {
        let Some(p) = tree.head(a).filter(|&p| p < a) else {
            continue;
        };
        if tree.rel(a) != "obl:arg"
            || tree.upos(p) != "VERB"
            || tree.base_rel(p) != "acl"
            || !tree.has_feat(p, "VerbForm=Part")
            || tree.has_child(p, &["aux", "obj", "nsubj", "mark"])
        {
            continue;
        }
        // The noun it describes, an object or a conjunct of one.
        let Some(mut n) = tree.head(p) else { continue };
        if tree.base_rel(n) == "conj" {
            n = tree.head(n).unwrap_or(n);
        }
        if let Some(v) = tree
            .head(n)
            .filter(|&v| tree.base_rel(n) == "obj" && tree.upos(v) == "VERB")
        {
            arcs.push((a, Some(v), "obl:arg".to_owned()));
        }
    }
    arcs
}
