//! An approximate count the parser read as a prepositional phrase: "killed around 30
//! terrorists" with "around" the case of "terrorists", an oblique, so the act had no target.
//! Which words approximate a number is data (`grammar.json` "approximate").

use crate::tree::Tree;

/// Re-reads every noun with a number that a verb without an object took as an oblique after
/// it, by a word that approximates the number (`approximate`, lower-case forms): the noun is
/// the verb's object and the word modifies the number.
pub fn repair(tree: &mut Tree, approximate: impl Fn(&str) -> bool) {
    let mut arcs = Vec::new();
    for n in 0..tree.len() {
        if !matches!(tree.upos(n), "NOUN" | "PROPN") || tree.base_rel(n) != "obl" {
            continue;
        }
        let Some(v) = tree.head(n).filter(|&v| v < n && tree.upos(v) == "VERB") else {
            continue;
        };
        if tree.has_child(v, &["obj"]) || arcs.iter().any(|&(_, h, _)| h == Some(v)) {
            continue;
        }
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
}
