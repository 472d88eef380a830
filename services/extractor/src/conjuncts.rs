//! Conjuncts the parser joined to the wrong word: a tensed conjunct without a subject hung
//! on a modifier ("… for his alleged part in the killings and will resign") or on an
//! infinitive ("accused Kyiv of supporting terrorists and has cut ties"), a verb joined to
//! a separable verb's particle, and a clause opened by a coordinating conjunction that the
//! parser made the complement of a verb of saying after it ("Benin opened its borders, but
//! was still refusing admittance to Ghanaians, police said"), and a participle joined to the
//! object of the verb it is coordinated with ("ont brûlé des drapeaux et réclamé le départ").

use crate::repairs::Arcs;
use crate::tree::Tree;

/// A conjunct with an auxiliary of its own and no subject, that the parser joined to an
/// untensed verb modifying a noun, is joined to the tensed verb above it ("The minister has
/// been indicted by the court for his alleged part in the killings and will resign": "will
/// resign" a conjunct of "alleged", not of "indicted").
pub(crate) fn conjunct_of_the_main_clause(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in 0..tree.len() {
        let Some(h) = tree.head(c) else { continue };
        // Or joined to an infinitive a verb takes, with an auxiliary that is tensed ("a accusé
        // l'Ukraine de soutenir des groupes terroristes et a rompu ses relations": "a rompu"
        // the conjunct of "accusé").
        let finite_aux = tree
            .children(c)
            .iter()
            .any(|&a| tree.base_rel(a) == "aux" && tree.has_feat(a, "VerbForm=Fin"));
        // (A perfect infinitive too: "a accusé l'Inde d'avoir ouvert le feu et a convoqué".)
        let infinitive = |v: usize| {
            tree.has_feat(v, "VerbForm=Inf")
                || tree
                    .children_with(v, &["aux"])
                    .any(|a| a < v && tree.has_feat(a, "VerbForm=Inf"))
        };
        let under_infinitive = tree.base_rel(h) == "xcomp" && infinitive(h) && finite_aux;
        if tree.rel(c) != "conj"
            || tree.upos(c) != "VERB"
            || !tree.has_child(c, &["aux"])
            || tree.has_child(c, &["nsubj"])
            || tree.upos(h) != "VERB"
            || !(tree.base_rel(h) == "acl" || under_infinitive)
            || (tree.is_tensed(h) && !under_infinitive)
        {
            continue;
        }
        let mut up = tree.head(h);
        for _ in 0..4 {
            match up {
                Some(u) if tree.upos(u) == "VERB" && tree.is_tensed(u) => break,
                Some(u) => up = tree.head(u),
                None => break,
            }
        }
        if let Some(m) = up.filter(|&m| tree.upos(m) == "VERB" && m < c) {
            arcs.push((c, Some(m), "conj".to_owned()));
        }
    }
    arcs
}

/// "vielen het dorp binnen en doodden tientallen inwoners": a verb the parser joined to a
/// separable verb's particle is the verb's conjunct.
pub(crate) fn conjunct_on_a_particle(tree: &Tree) -> Arcs {
    (0..tree.len())
        .filter(|&c| tree.rel(c) == "conj" && tree.upos(c) == "VERB")
        .filter_map(|c| {
            let p = tree.head(c).filter(|&p| tree.rel(p) == "compound:prt")?;
            let v = tree.head(p)?;
            Some((c, Some(v), "conj".to_owned()))
        })
        .collect()
}

/// "des manifestants ont brûlé des drapeaux et réclamé le départ des soldats": a participle
/// with an object of its own, that the parser joined to the object or an oblique of a verb
/// in a compound tense, is that verb's conjunct (a noun's conjunct is no verb taking an
/// object).
pub(crate) fn participle_conjoined_to_an_object(tree: &Tree) -> Arcs {
    (0..tree.len())
        .filter(|&c| {
            tree.rel(c) == "conj"
                && tree.upos(c) == "VERB"
                && tree.has_feat(c, "VerbForm=Part")
                && tree.has_child(c, &["obj"])
                && !tree.has_child(c, &["nsubj", "aux"])
        })
        .filter_map(|c| {
            let o = tree
                .head(c)
                .filter(|&o| o < c && tree.upos(o) == "NOUN" && matches!(tree.base_rel(o), "obj" | "obl"))?;
            let v = tree.head(o).filter(|&v| {
                tree.upos(v) == "VERB" && tree.has_feat(v, "VerbForm=Part") && tree.has_child(v, &["aux"])
            })?;
            Some((c, Some(v), "conj".to_owned()))
        })
        .collect()
}

/// "bestormden 's nachts het dorp en doodden tientallen inwoners": a tensed verb after a
/// conjunction, with nothing of its own before it, that the parser joined to a noun below a
/// tensed verb before it (here the village, read as of "'s nachts") is that verb's conjunct;
/// a noun cannot be joined to a clause.
pub(crate) fn tensed_verb_conjoined_to_a_noun(tree: &Tree) -> Arcs {
    (0..tree.len())
        .filter(|&c| {
            tree.rel(c) == "conj"
                && tree.upos(c) == "VERB"
                && tree.has_feat(c, "VerbForm=Fin")
                && tree.children_labelled(c, "cc").any(|k| k < c)
                && tree.opens_on_its_conjunction(c)
        })
        .filter_map(|c| {
            let mut o = tree.head(c).filter(|&o| o < c && tree.upos(o) == "NOUN")?;
            for _ in 0..4 {
                let up = tree.head(o)?;
                if tree.upos(up) == "VERB" {
                    let tensed = tree.has_feat(up, "VerbForm=Fin") && up < c;
                    return tensed.then(|| (c, Some(up), "conj".to_owned()));
                }
                if !matches!(tree.base_rel(o), "obj" | "obl" | "nmod" | "appos") {
                    return None;
                }
                o = up;
            }
            None
        })
        .collect()
}

/// "Benin opened its borders to most West Africans, but was still refusing admittance to
/// Ghanaians, police said": a clause that opens with a coordinating conjunction (its
/// auxiliaries and adverbs after it) is no complement; hung on a later verb, it is the
/// conjunct of the verb that verb hangs on.
pub(crate) fn conjunct_read_as_a_reported_clause(tree: &Tree) -> Arcs {
    for c in 0..tree.len() {
        let Some(h) = tree.head(c).filter(|&h| h > c) else {
            continue;
        };
        if tree.upos(c) != "VERB" || tree.base_rel(c) != "ccomp" || tree.has_child(c, &["nsubj", "nsubj:pass"]) {
            continue;
        }
        let opens = tree.children_labelled(c, "cc").any(|k| {
            k < c && (k + 1..c).all(|w| tree.head(w) == Some(c) && matches!(tree.base_rel(w), "aux" | "advmod"))
        });
        let Some(m) = tree.head(h).filter(|&m| m < c && tree.upos(m) == "VERB") else {
            continue;
        };
        if opens {
            return vec![(c, Some(m), "conj".to_owned())];
        }
    }
    Vec::new()
}
