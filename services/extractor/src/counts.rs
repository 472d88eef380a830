//! A count the parser read as a prepositional phrase, so the act had no target: "killed
//! around 30 terrorists" with "around" the case of "terrorists", "ont tué des dizaines de
//! bergers" with "des" read as "de les". Which words approximate a number and which nouns
//! count are data (`grammar.json` "approximate", "quantity").

use crate::tree::Tree;

/// The verb before oblique `n` that has no object, nor one given by an earlier re-reading
/// (`arcs`).
fn objectless_verb(tree: &Tree, n: usize, arcs: &[(usize, Option<usize>, String)]) -> Option<usize> {
    if tree.base_rel(n) != "obl" {
        return None;
    }
    let v = tree.head(n).filter(|&v| v < n && tree.upos(v) == "VERB")?;
    let taken = tree.has_child(v, &["obj"]) || arcs.iter().any(|&(_, h, _)| h == Some(v));
    (!taken).then_some(v)
}

/// Re-reads every noun with a number that a verb without an object took as an oblique after
/// it, by a word that approximates the number (`approximate`, lower-case forms): the noun is
/// the verb's object and the word modifies the number.
pub fn repair(tree: &mut Tree, approximate: impl Fn(&str) -> bool) {
    let mut arcs = Vec::new();
    for n in 0..tree.len() {
        if !matches!(tree.upos(n), "NOUN" | "PROPN") {
            continue;
        }
        let Some(v) = objectless_verb(tree, n, &arcs) else {
            continue;
        };
        let Some(c) = tree.children_with(n, &["case"]).find(|&c| approximate(tree.lower(c))) else {
            continue;
        };
        let Some(number) = tree.children_with(n, &["nummod"]).find(|&m| m > c) else {
            continue;
        };
        arcs.push((n, Some(v), "obj".to_owned()));
        arcs.push((c, Some(number), "advmod".to_owned()));
    }
    tree.rehead(&arcs);
}

/// Re-reads a count the parser took for an oblique with "de les" ("ont tué des dizaines de
/// bergers", the article "des" read as the contraction of "de" and "les"), after a verb
/// without an object: the count is the verb's object and "de les" its article. Only a count
/// (`quantity`, lemmas), since "des" after a verb that takes "de" is the contraction
/// ("se sont retirés des zones").
pub fn partitive_count(tree: &mut Tree, quantity: impl Fn(&str) -> bool) {
    let mut arcs = Vec::new();
    for n in 0..tree.len() {
        if tree.upos(n) != "NOUN" || !quantity(&tree.lemma(n).to_lowercase()) {
            continue;
        }
        let Some(v) = objectless_verb(tree, n, &arcs) else {
            continue;
        };
        let Some(de) = tree.children_with(n, &["case"]).find(|&c| tree.lower(c) == "de") else {
            continue;
        };
        let les = de + 1;
        if les >= n || tree.lower(les) != "les" || tree.head(les) != Some(n) {
            continue;
        }
        arcs.push((n, Some(v), "obj".to_owned()));
        arcs.push((de, Some(n), "det".to_owned()));
    }
    tree.rehead(&arcs);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approximate_count_after_a_verb_is_its_object() {
        // As the English model parses "Troops killed around 30 terrorists in an operation".
        let rows = [
            "Troops troop NOUN 2 nsubj",
            "killed kill VERB 0 root",
            "around around ADP 5 case",
            "30 30 NUM 5 nummod",
            "terrorists terrorist NOUN 2 obl",
            "in in ADP 8 case",
            "an a DET 8 det",
            "operation operation NOUN 2 obl",
        ];
        let mut t = Tree::from_rows(&rows);
        repair(&mut t, |w| w == "around");
        assert_eq!((t.head(4), t.rel(4)), (Some(1), "obj"));
        assert_eq!((t.head(2), t.rel(2)), (Some(3), "advmod"));
        assert_eq!(t.rel(7), "obl", "a phrase of place stays one");
        // A place, not a count: "lives around Gao" keeps its oblique.
        let mut t = Tree::from_rows(&[
            "He he PRON 2 nsubj",
            "lives live VERB 0 root",
            "around around ADP 4 case",
            "Gao Gao PROPN 2 obl",
        ]);
        repair(&mut t, |w| w == "around");
        assert_eq!(t.rel(3), "obl");
    }

    #[test]
    fn a_count_after_des_read_as_de_les_is_the_object() {
        // As the French model parses "Ils ont tué des dizaines de bergers".
        let rows = [
            "Ils il PRON 3 nsubj",
            "ont avoir AUX 3 aux:tense",
            "tué tuer VERB 0 root",
            "de de ADP 6 case",
            "les le DET 6 det",
            "dizaines dizaine NOUN 3 obl:arg",
            "de de ADP 8 case",
            "bergers berger NOUN 6 nmod",
        ];
        let mut t = Tree::from_rows(&rows);
        partitive_count(&mut t, |w| w == "dizaine");
        assert_eq!((t.head(5), t.rel(5)), (Some(2), "obj"));
        assert_eq!((t.head(3), t.rel(3)), (Some(5), "det"));
        // "se sont retirés des zones": a contraction before a noun that counts nothing.
        let mut rows = rows;
        rows[5] = "zones zone NOUN 3 obl:arg";
        let mut t = Tree::from_rows(&rows);
        partitive_count(&mut t, |w| w == "dizaine");
        assert_eq!(t.rel(5), "obl:arg");
    }
}
