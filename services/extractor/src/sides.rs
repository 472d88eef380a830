//! The second side of "between" read as a clause's subject. In "Des affrontements entre
//! l'armée et le JNIM ont fait des dizaines de morts", the parser closed the phrase of
//! "entre" after "l'armée" and read "et le JNIM ont fait …" as a clause conjoined to the
//! noun, "le JNIM" its subject: the clashes had one side, and the verb no event as subject.
//! Which preposition names the two sides is data (`grammar.json` "between").

use crate::tree::Tree;

/// Re-reads the first such clause (see the module): the subject after the conjunction is
/// the second side, a conjunct of the first, and the noun the verb's subject, the verb in its
/// place. `between` tells the preposition of two sides.
pub fn second_side_read_as_a_subject(tree: &mut Tree, between: impl Fn(&str) -> bool) {
    for v in 0..tree.len() {
        let Some(n) = tree.head(v) else { continue };
        if tree.base_rel(v) != "conj" || tree.upos(v) != "VERB" || tree.upos(n) != "NOUN" {
            continue;
        }
        // The first side: a phrase of "between" on the noun, before the verb.
        let Some(first) = tree.children(n).iter().copied().find(|&m| {
            m < v
                && matches!(tree.base_rel(m), "nmod" | "obl")
                && tree
                    .children_labelled(m, "case")
                    .any(|c| between(&tree.lemma(c).to_lowercase()))
        }) else {
            continue;
        };
        // The second: the verb's subject, right after its conjunction, after the first.
        let Some(cc) = tree.children_labelled(v, "cc").find(|&c| c > first) else {
            continue;
        };
        let Some(second) = tree.children_labelled(v, "nsubj").find(|&s| s > cc && s < v) else {
            continue;
        };
        let arcs = vec![
            (v, tree.head(n), tree.rel(n).to_owned()),
            (n, Some(v), "nsubj".to_owned()),
            (second, Some(first), "conj".to_owned()),
            (cc, Some(second), "cc".to_owned()),
        ];
        tree.rehead(&arcs);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Des affrontements <prep> l'armée et le JNIM ont fait des morts", as the parser read it.
    fn misread(prep: &str) -> Tree {
        let case = format!("{prep} {prep} ADP 4 case");
        Tree::from_rows(&[
            "affrontements affrontement NOUN 0 root",
            &case,
            "l' le DET 4 det",
            "armée armée NOUN 1 nmod",
            "et et CCONJ 9 cc",
            "le le DET 7 det",
            "JNIM JNIM NOUN 9 nsubj",
            "ont avoir AUX 9 aux:tense",
            "fait faire VERB 1 conj",
            "morts mort NOUN 9 obj",
        ])
    }

    #[test]
    fn the_second_side_of_between_is_a_conjunct_of_the_first() {
        let mut tree = misread("entre");
        second_side_read_as_a_subject(&mut tree, |w| w == "entre");
        let at = |w: &str| (0..tree.len()).find(|&i| tree.lower(i) == w).expect("word");
        assert_eq!(tree.root(), Some(at("fait")));
        assert_eq!(
            (tree.head(at("affrontements")), tree.rel(at("affrontements"))),
            (Some(at("fait")), "nsubj")
        );
        assert_eq!(
            (tree.head(at("jnim")), tree.rel(at("jnim"))),
            (Some(at("armée")), "conj")
        );
        // Without the preposition of two sides, the clause stays.
        let mut tree = misread("à");
        second_side_read_as_a_subject(&mut tree, |w| w == "entre");
        assert_eq!(tree.root(), Some(0));
    }
}
