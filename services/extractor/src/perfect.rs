//! A perfect tense the parser read as possession. In "Het leger heeft een aanval uitgevoerd op
//! een kamp" the Dutch model makes "heeft" the verb, "aanval" its object and the participle a
//! clause of its own (or a modifier of the object) whenever a phrase follows the participle.
//! (It may also make the participle the auxiliary's particle.)
//! The participle is the clause's verb and "heeft" its auxiliary; what the parser hung on the
//! auxiliary is the participle's. Which verbs are the perfect's auxiliary is data
//! (`grammar.json` "perfect"), as in the coder's other language-bound re-readings.

use crate::tree::Tree;

/// Re-reads every perfect auxiliary the parser made the verb (see the module); `perfect`
/// tells a perfect auxiliary's lemma.
pub fn repair(tree: &mut Tree, perfect: impl Fn(&str) -> bool) {
    for a in 0..tree.len() {
        if tree.upos(a) != "VERB" || !perfect(&tree.lemma(a).to_lowercase()) {
            continue;
        }
        let Some(p) = participle_of(tree, a) else { continue };
        let mut arcs: Vec<(usize, Option<usize>, String)> = vec![
            (p, tree.head(a), tree.rel(a).to_owned()),
            (a, Some(p), "aux".to_owned()),
        ];
        arcs.extend(auxiliarys_dependents(tree, a, p));
        // "Volgens het FLA heeft een drone … acht burgers gedood": with no subject, the
        // auxiliary's object is the subject (it comes first, after the fronted phrase) and
        // the participle's passive subject its object (a perfect is no passive).
        if let Some((o, s)) = misread_passive(tree, a, p) {
            arcs.push((o, Some(p), "nsubj".to_owned()));
            arcs.push((s, Some(p), "obj".to_owned()));
        }
        tree.rehead(&arcs);
    }
}

/// Re-reads a clause whose subject the parser made the root, with the perfect auxiliary as the
/// subject's dependent and the participle somewhere below ("Algerije heeft Mali beschuldigd
/// van …": "Algerije" the root, "Mali" a second subject, "beschuldigd" a clause of "Mali").
/// The participle is the verb, the root its subject, the auxiliary its auxiliary, and the
/// first bare noun phrase the root had after the auxiliary its object.
pub fn repair_subject_root(tree: &mut Tree, perfect: impl Fn(&str) -> bool) {
    let Some(r) = tree.root() else { return };
    if !matches!(tree.upos(r), "NOUN" | "PROPN") {
        return;
    }
    let Some(a) = tree
        .children_with(r, &["aux"])
        .find(|&a| a > r && perfect(&tree.lemma(a).to_lowercase()))
    else {
        return;
    };
    let Some(p) = (a + 1..tree.len()).find(|&p| bare_participle(tree, p, false) && tree.dominates(r, p)) else {
        return;
    };
    let mut arcs: Vec<(usize, Option<usize>, String)> = vec![
        (p, None, "root".to_owned()),
        (r, Some(p), "nsubj".to_owned()),
        (a, Some(p), "aux".to_owned()),
    ];
    let bare = |c: usize| matches!(tree.upos(c), "NOUN" | "PROPN") && !tree.has_child(c, &["case"]);
    let mut object = !tree.has_child(p, &["obj"]);
    for &c in tree.children(r).iter().filter(|&&c| c > a && c != p) {
        if object && bare(c) {
            arcs.push((c, Some(p), "obj".to_owned()));
            object = false;
        } else {
            arcs.push((c, Some(p), tree.rel(c).to_owned()));
        }
    }
    arcs.extend(auxiliarys_dependents(tree, a, p));
    tree.rehead(&arcs);
}

/// What the parser hung on the perfect auxiliary `a` goes to its participle `p`.
fn auxiliarys_dependents(tree: &Tree, a: usize, p: usize) -> impl Iterator<Item = (usize, Option<usize>, String)> + '_ {
    tree.children(a)
        .iter()
        .filter(move |&&c| c != p)
        .map(move |&c| (c, Some(p), tree.rel(c).to_owned()))
}

/// A past participle without a subject or an auxiliary of its own: one a perfect auxiliary
/// can complete; with `passive`, but for the one passive subject the parser gave it
/// ([`misread_passive`]).
fn bare_participle(tree: &Tree, p: usize, passive: bool) -> bool {
    tree.upos(p) == "VERB"
        && tree.has_feat(p, "VerbForm=Part")
        && !tree.has_feat(p, "Tense=Pres")
        && !tree.has_child(p, &["aux", "aux:pass", "cop", "mark"])
        && tree.children_labelled(p, "nsubj").next().is_none()
        && tree.children_labelled(p, "nsubj:pass").count() == usize::from(passive)
}

/// For perfect auxiliary `a` read as the verb, without a subject, and its participle `p`,
/// a clause of `a` with a passive subject: `a`'s object and that passive subject, the
/// object first.
fn misread_passive(tree: &Tree, a: usize, p: usize) -> Option<(usize, usize)> {
    if tree.head(p) != Some(a) || tree.has_any_subject(a) {
        return None;
    }
    let o = tree.children_labelled(a, "obj").next()?;
    let s = tree.children_labelled(p, "nsubj:pass").next().filter(|&s| s > o)?;
    Some((o, s))
}

/// The past participle after `a` that completes it: a clause of `a` or a modifier after `a`'s
/// object, without a subject or an auxiliary of its own (but for a passive subject that is
/// the object, [`misread_passive`]).
fn participle_of(tree: &Tree, a: usize) -> Option<usize> {
    let object = tree.children_with(a, &["obj"]).next();
    (a + 1..tree.len()).find(|&p| {
        if misread_passive(tree, a, p).is_some() {
            return bare_participle(tree, p, true);
        }
        let hung = match tree.head(p) {
            // (or its particle: "hebben … een aanbod afgewezen", "afgewezen" read as the
            // particle of "hebben").
            Some(h) if h == a => {
                matches!(
                    tree.base_rel(p),
                    "xcomp" | "conj" | "advcl" | "ccomp" | "acl" | "parataxis"
                ) || tree.rel(p) == "compound:prt"
            }
            // (or a clause of its object, or of a phrase of it set off by commas: "heeft een
            // honderdtal mensen, onder wie journalisten, opgeroepen".)
            Some(h) => {
                let phrase = Some(h) == object
                    || (tree.head(h) == Some(a) && tree.base_rel(h) == "obl" && object.is_some_and(|o| o < h));
                phrase && h < p && matches!(tree.base_rel(p), "acl" | "nmod")
            }
            None => false,
        };
        bare_participle(tree, p, false) && hung
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn perfect(l: &str) -> bool {
        l == "hebben"
    }

    #[test]
    fn a_participle_read_as_the_auxiliarys_particle_is_the_verb() {
        // As the Dutch model parses "De leiders hebben woensdag een aanbod afgewezen".
        let mut t = Tree::from_rows(&[
            "De de DET 2 det",
            "leiders leider NOUN 3 nsubj",
            "hebben hebben VERB|VerbForm=Fin 0 root",
            "woensdag woensdag PROPN 3 obl",
            "een een DET 6 det",
            "aanbod aanbod NOUN 3 obj",
            "afgewezen af_wijzen VERB|VerbForm=Part 3 compound:prt",
        ]);
        repair(&mut t, perfect);
        assert_eq!((t.head(6), t.rel(6)), (None, "root"));
        assert_eq!((t.head(2), t.rel(2)), (Some(6), "aux"));
        assert_eq!((t.head(5), t.rel(5)), (Some(6), "obj"));
        assert_eq!((t.head(1), t.rel(1)), (Some(6), "nsubj"));
    }

    #[test]
    fn a_participle_after_the_object_of_a_perfect_auxiliary_is_the_verb() {
        // As the Dutch model parses it: the participle a conjunct of "heeft".
        let mut t = Tree::from_rows(&[
            "Het het DET 2 det",
            "leger leger NOUN 3 nsubj",
            "heeft hebben VERB 0 root",
            "een een DET 5 det",
            "aanval aanval NOUN 3 obj",
            "uitgevoerd uit_voeren VERB|VerbForm=Part 3 conj",
            "op op ADP 8 case",
            "kamp kamp NOUN 6 obl",
        ]);
        repair(&mut t, perfect);
        assert_eq!(t.root(), Some(5));
        assert_eq!((t.head(2), t.rel(2)), (Some(5), "aux"));
        assert_eq!((t.head(1), t.rel(1)), (Some(5), "nsubj"));
        assert_eq!((t.head(4), t.rel(4)), (Some(5), "obj"));
        // Hung on the object as a modifier, the same.
        let mut t = Tree::from_rows(&[
            "Rusland rusland PROPN 2 nsubj",
            "heeft hebben VERB 0 root",
            "een een DET 4 det",
            "overeenkomst overeenkomst NOUN 2 obj",
            "gesloten sluiten VERB|VerbForm=Part 4 nmod",
            "met met ADP 7 case",
            "Niger niger PROPN 5 obl",
        ]);
        repair(&mut t, perfect);
        assert_eq!((t.root(), t.head(3)), (Some(4), Some(4)));
        // Possession stays possession: no participle, and a participle before its noun (an
        // adjective) completes nothing.
        let mut t = Tree::from_rows(&[
            "Het het DET 2 det",
            "leger leger NOUN 3 nsubj",
            "heeft hebben VERB 0 root",
            "een een DET 6 det",
            "verwoeste verwoesten VERB|VerbForm=Part 6 acl",
            "basis basis NOUN 3 obj",
        ]);
        repair(&mut t, perfect);
        assert_eq!(t.root(), Some(2));
    }

    #[test]
    fn a_subject_made_the_root_over_the_perfect_gives_way_to_the_participle() {
        // As the Dutch model parses "Algerije heeft Mali beschuldigd van schendingen".
        let mut t = Tree::from_rows(&[
            "Algerije algerije PROPN 0 root",
            "heeft hebben AUX 1 aux",
            "Mali mali PROPN 1 nsubj:outer",
            "beschuldigd beschuldigen VERB|VerbForm=Part 3 acl",
            "van van ADP 6 case",
            "schendingen schending NOUN 4 obl:arg",
        ]);
        repair_subject_root(&mut t, perfect);
        assert_eq!(t.root(), Some(3));
        assert_eq!((t.head(0), t.rel(0)), (Some(3), "nsubj"));
        assert_eq!((t.head(1), t.rel(1)), (Some(3), "aux"));
        assert_eq!((t.head(2), t.rel(2)), (Some(3), "obj"));
        // A noun root with no participle below keeps its parse (a headline).
        let mut t = Tree::from_rows(&["Algerije algerije PROPN 0 root", "heeft hebben AUX 1 aux"]);
        repair_subject_root(&mut t, perfect);
        assert_eq!(t.root(), Some(0));
    }
}
