//! The clause a verb of saying reports, when the parser broke it up. The English tagger
//! often reads "said that soldiers killed civilians" as "said that [soldiers' killed
//! civilians]" (the conjunction as the verb's object, "killed" as an adjective, "soldiers"
//! as a possessor), "said that gunmen killed ten villagers" with "that" as an adverb over
//! the clause, and "said soldiers killed civilians" with "soldiers" as the object and
//! "killed" as a reduced relative on it. Each is re-read as the clause it is: the verb the
//! complement of the verb of saying, the conjunction its marker, the noun before it its
//! subject; so is a clause without a conjunction hung on the noun of the verb's oblique as a
//! relative clause ("said on Saturday it had repelled an attack"). A speaker's aside at the
//! end of the sentence read as a relative clause of the noun before it ("…, state television
//! reported") is the main clause's. So after a verb of denying ("denied that soldiers killed
//! civilians"). Which verbs report or deny is data (`grammar.json` "speech", "refusal").

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

/// Whether clause `f` has a relative pronoun of its own.
fn has_relative_pronoun(tree: &Tree, f: usize) -> bool {
    tree.children(f).iter().any(|&c| tree.has_feat(c, "PronType=Rel"))
}

/// "said on Saturday it had repelled an attack", "said in a statement soldiers had killed
/// …": a clause without a conjunction the parser hung on the noun of the verb's oblique as a
/// relative clause. One with a subject that is no relative pronoun and an object of its own
/// (a relative clause without a pronoun lacks one: "the statement it published") is the
/// verb's complement.
fn clause_on_an_oblique(tree: &Tree, v: usize) -> Option<Arcs> {
    let f = tree
        .children(v)
        .iter()
        .copied()
        .filter(|&n| n > v && tree.base_rel(n) == "obl")
        .flat_map(|n| tree.children_labelled(n, "acl:relcl").filter(move |&f| f > n))
        .find(|&f| {
            !has_relative_pronoun(tree, f)
                && tree.has_child(f, &["nsubj"])
                && tree.has_child(f, &["obj"])
                && tree.is_tensed(f)
        })?;
    Some(vec![(f, Some(v), "ccomp".to_owned())])
}

/// "…, state television reported.": a verb of saying with its subject after a comma at the
/// end of the sentence that the parser hung on the noun before it as a relative clause is
/// the speaker's aside on the main clause.
fn speaker_read_as_a_relative_clause(tree: &Tree, v: usize) -> Option<Arcs> {
    if tree.rel(v) != "acl:relcl" || has_relative_pronoun(tree, v) {
        return None;
    }
    let s = tree.children_labelled(v, "nsubj").find(|&s| s < v)?;
    // (The parser may hang the comma on the subject.)
    let first = (0..s)
        .find(|&w| tree.upos(w) != "PUNCT" && tree.dominates(s, w))
        .unwrap_or(s);
    let comma = first
        .checked_sub(1)
        .filter(|&c| tree.upos(c) == "PUNCT" && tree.lower(c) == ",")?;
    let last = (v + 1..tree.len()).all(|w| tree.upos(w) == "PUNCT");
    let root = tree.root()?;
    (last && comma < s && root < v).then(|| vec![(v, Some(root), "parataxis".to_owned())])
}

/// Re-reads the clause every verb of saying or denying without a complement reports, and a
/// speaker's aside read as a relative clause (see the module). `speech` tells such a verb by
/// its lemma.
pub fn clause_after_a_verb_of_saying(tree: &mut Tree, speech: impl Fn(&str) -> bool) {
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || !speech(&tree.lemma(v).to_lowercase()) {
            continue;
        }
        if let Some(arcs) = speaker_read_as_a_relative_clause(tree, v) {
            tree.rehead(&arcs);
        }
        if tree.has_child(v, &["ccomp"]) {
            continue;
        }
        if let Some(arcs) = reported_clause(tree, v).or_else(|| clause_on_an_oblique(tree, v)) {
            tree.rehead(&arcs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(w: &str) -> bool {
        w == "say"
    }

    #[test]
    fn a_clause_hung_on_the_date_of_a_verb_of_saying_is_its_complement() {
        // "The army said on Saturday it had repelled an attack", as the parser read it.
        let mut tree = Tree::from_rows(&[
            "The the DET 2 det",
            "army army NOUN 3 nsubj",
            "said say VERB|Mood=Ind|Tense=Past|VerbForm=Fin 0 root",
            "on on ADP 5 case",
            "Saturday Saturday PROPN 3 obl",
            "it it PRON|PronType=Prs 8 nsubj",
            "had have AUX|VerbForm=Fin 8 aux",
            "repelled repel VERB|Tense=Past|VerbForm=Part 5 acl:relcl",
            "an a DET 10 det",
            "attack attack NOUN 8 obj",
        ]);
        clause_after_a_verb_of_saying(&mut tree, say);
        assert_eq!((tree.head(7), tree.rel(7)), (Some(2), "ccomp"));
    }

    #[test]
    fn a_relative_clause_without_a_pronoun_stays() {
        // "The army said in the statement it published that …": "it published" has no object.
        let mut tree = Tree::from_rows(&[
            "The the DET 2 det",
            "army army NOUN 3 nsubj",
            "said say VERB|Mood=Ind|Tense=Past|VerbForm=Fin 0 root",
            "in in ADP 6 case",
            "the the DET 6 det",
            "statement statement NOUN 3 obl",
            "it it PRON|PronType=Prs 8 nsubj",
            "published publish VERB|Mood=Ind|Tense=Past|VerbForm=Fin 6 acl:relcl",
        ]);
        clause_after_a_verb_of_saying(&mut tree, say);
        assert_eq!((tree.head(7), tree.rel(7)), (Some(5), "acl:relcl"));
    }

    #[test]
    fn a_speaker_read_as_a_relative_clause_at_the_end_is_an_aside() {
        // "The junta arrested a general, state television said.", as the parser read it.
        let mut tree = Tree::from_rows(&[
            "The the DET 2 det",
            "junta junta NOUN 3 nsubj",
            "arrested arrest VERB|Mood=Ind|Tense=Past|VerbForm=Fin 0 root",
            "a a DET 5 det",
            "general general NOUN 3 obj",
            ", , PUNCT 8 punct",
            "state state NOUN 8 compound",
            "television television NOUN 9 nsubj",
            "said say VERB|Mood=Ind|Tense=Past|VerbForm=Fin 5 acl:relcl",
            ". . PUNCT 3 punct",
        ]);
        clause_after_a_verb_of_saying(&mut tree, say);
        assert_eq!((tree.head(8), tree.rel(8)), (Some(2), "parataxis"));
    }
}
