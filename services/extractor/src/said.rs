//! The clause a verb of saying reports, when the parser broke it up. The English tagger
//! often reads "said that soldiers killed civilians" as "said that [soldiers' killed
//! civilians]" (the conjunction as the verb's object, "killed" as an adjective, "soldiers"
//! as a possessor), "said that gunmen killed ten villagers" with "that" as an adverb over
//! the clause, and "said soldiers killed civilians" with "soldiers" as the object and
//! "killed" as a reduced relative on it. Each is re-read as the clause it is: the verb the
//! complement of the verb of saying, the conjunction its marker, the noun before it its
//! subject. So after a verb of denying ("denied that soldiers killed civilians"). Which verbs
//! report or deny is data (`grammar.json` "speech", "refusal").

use crate::repairs::Arcs;
use crate::tree::Tree;

/// Whether `f` can be the verb of a clause of its own: tensed, or a past form without an
/// auxiliary (the tagger's participle for "killed").
fn clause_verb(tree: &Tree, f: usize) -> bool {
    tree.upos(f) == "VERB"
        && (tree.has_feat(f, "VerbForm=Fin") || tree.has_feat(f, "Tense=Past"))
        && !tree.has_child(f, &["aux"])
}

/// The arcs that re-read the clause after verb of saying `v` (see the module), if it is one
/// of the three broken readings.
fn reported_clause(tree: &Tree, v: usize) -> Option<Arcs> {
    // "said that …": a conjunction the parser hung on the verb as anything but a marker.
    if let Some(c) = tree
        .children(v)
        .iter()
        .copied()
        .find(|&c| c == v + 1 && tree.upos(c) == "SCONJ" && tree.base_rel(c) != "mark")
    {
        // The clause's verb under the conjunction, with its subject: "that gunmen killed".
        if let Some(f) = tree
            .children(c)
            .iter()
            .copied()
            .find(|&f| f > c && clause_verb(tree, f) && tree.has_child(f, &["nsubj"]))
        {
            let mut arcs = vec![(f, Some(v), "ccomp".to_owned()), (c, Some(f), "mark".to_owned())];
            arcs.extend(
                tree.children(c)
                    .iter()
                    .filter(|&&d| d != f)
                    .map(|&d| (d, Some(f), tree.rel(d).to_owned())),
            );
            return Some(arcs);
        }
        let n2 = tree
            .children(c)
            .iter()
            .copied()
            .find(|&n| n > c && matches!(tree.upos(n), "NOUN" | "PROPN"))?;
        // The subject the conjunction's object, the verb its reduced relative: "that soldiers
        // killed civilians in Djibo".
        if let Some(f) = reduced_relative_with_an_object(tree, n2) {
            return Some(vec![
                (f, Some(v), "ccomp".to_owned()),
                (c, Some(f), "mark".to_owned()),
                (n2, Some(f), "nsubj".to_owned()),
            ]);
        }
        // Subject, verb and object glued into one phrase: "that soldiers killed civilians".
        let f = tree
            .children(n2)
            .iter()
            .copied()
            .find(|&f| f < n2 && clause_verb(tree, f) && matches!(tree.base_rel(f), "amod" | "acl"))?;
        let n1 = tree
            .children(n2)
            .iter()
            .copied()
            .find(|&n| n > c && n < f && matches!(tree.upos(n), "NOUN" | "PROPN"))?;
        return Some(vec![
            (f, Some(v), "ccomp".to_owned()),
            (c, Some(f), "mark".to_owned()),
            (n1, Some(f), "nsubj".to_owned()),
            (n2, Some(f), "obj".to_owned()),
        ]);
    }
    // "said soldiers killed civilians": the subject read as the verb's object, the clause's
    // verb, with an object of its own, as its reduced relative.
    let n = tree
        .children_labelled(v, "obj")
        .find(|&n| n > v && matches!(tree.upos(n), "NOUN" | "PROPN"))?;
    let f = reduced_relative_with_an_object(tree, n)?;
    Some(vec![(f, Some(v), "ccomp".to_owned()), (n, Some(f), "nsubj".to_owned())])
}

/// A verb hung on noun `n` as its reduced relative that has an object of its own and no
/// subject, so a clause's verb ("soldiers killed civilians").
fn reduced_relative_with_an_object(tree: &Tree, n: usize) -> Option<usize> {
    tree.children_labelled(n, "acl")
        .find(|&f| f > n && clause_verb(tree, f) && tree.has_child(f, &["obj"]) && !tree.has_child(f, &["nsubj"]))
}

/// Re-reads the clause every verb of saying or denying without a complement reports (see
/// the module). `speech` tells such a verb by its lemma.
pub fn clause_after_a_verb_of_saying(tree: &mut Tree, speech: impl Fn(&str) -> bool) {
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || tree.has_child(v, &["ccomp"]) || !speech(&tree.lemma(v).to_lowercase()) {
            continue;
        }
        if let Some(arcs) = reported_clause(tree, v) {
            tree.rehead(&arcs);
        }
    }
}
