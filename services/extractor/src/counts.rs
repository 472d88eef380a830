//! A count the parser read as a prepositional phrase, so the act had no target: "killed
//! around 30 terrorists" with "around" the case of "terrorists", "ont tué des dizaines de
//! bergers" with "des" read as "de les". Which words approximate a number and which nouns
//! count are data (`grammar.json` "approximate", "quantity"); a bare count the parser made an
//! oblique ("ont tué au moins vingt civils") is the object as well, and so is a phrase hung on
//! a time word of the verb ("leverde vorige maand twee helikopters"), and a name right after
//! the verb ("recaptured Kidal from the rebels").

use crate::tree::Tree;

/// The verb of oblique `n` when it has no object, nor one given by an earlier re-reading
/// (`arcs`).
fn objectless_head(tree: &Tree, n: usize, arcs: &[(usize, Option<usize>, String)]) -> Option<usize> {
    if tree.base_rel(n) != "obl" {
        return None;
    }
    let v = tree.head(n).filter(|&v| tree.upos(v) == "VERB")?;
    let taken = tree.has_child(v, &["obj"]) || arcs.iter().any(|&(_, h, _)| h == Some(v));
    (!taken).then_some(v)
}

/// [`objectless_head`], when the verb comes before the oblique.
fn objectless_verb(tree: &Tree, n: usize, arcs: &[(usize, Option<usize>, String)]) -> Option<usize> {
    objectless_head(tree, n, arcs).filter(|&v| v < n)
}

/// Re-reads as the object each noun phrase without a preposition (`phrase`) that a verb
/// without an object took as an oblique, after it, or on either side when `either_side`. A
/// span of time is no object.
fn bare_obliques_as_objects(tree: &mut Tree, phrase: impl Fn(&Tree, usize) -> bool, either_side: bool) {
    let calendar = crate::dates::Calendar::shared().ok();
    let mut arcs = Vec::new();
    for n in 0..tree.len() {
        if !phrase(tree, n)
            || tree.has_child(n, &["case", "mark"])
            || calendar.is_some_and(|c| c.is_time_word(tree.lower(n)))
        {
            continue;
        }
        let verb = match either_side {
            true => objectless_head(tree, n, &arcs),
            false => objectless_verb(tree, n, &arcs),
        };
        if let Some(v) = verb {
            arcs.push((n, Some(v), "obj".to_owned()));
        }
    }
    tree.rehead(&arcs);
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

/// Re-reads a noun the parser took for an oblique with "de les" ("ont tué des dizaines de
/// bergers", "ont tué des villageois", the article "des" read as the contraction of "de" and
/// "les"), after a verb without an object: the noun is the verb's object and "de les" its
/// article. After a verb that takes "de" (a reflexive, a passive, a verb of motion, `motion`
/// lemmas: "se sont retirés des zones") only a count (`quantity`, lemmas) is re-read.
pub fn partitive_count(tree: &mut Tree, quantity: impl Fn(&str) -> bool, motion: impl Fn(&str) -> bool) {
    let mut arcs = Vec::new();
    for n in 0..tree.len() {
        if tree.upos(n) != "NOUN" {
            continue;
        }
        let Some(v) = objectless_verb(tree, n, &arcs) else {
            continue;
        };
        // Any noun after an active verb that takes no "de" of place or origin: "ont tué des
        // villageois", "accuse des soldats"; not "se sont retirés des zones", "chassés des
        // villes", "venus des camps".
        let takes_de = tree.has_child(v, &["expl", "aux:pass"])
            || tree.children_with(v, &["obj", "iobj"]).any(|c| tree.upos(c) == "PRON")
            || motion(&tree.lemma(v).to_lowercase());
        if takes_de && !quantity(&tree.lemma(n).to_lowercase()) {
            continue;
        }
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

/// Re-reads a counted noun without a preposition that a verb without an object took as an
/// oblique after it ("ont tué au moins vingt civils", with "civils" read as an adjective and
/// an argument oblique): the noun is the object. A span of time ("a marché trois jours") is
/// no object.
pub fn bare_count(tree: &mut Tree) {
    bare_obliques_as_objects(
        tree,
        |t, n| matches!(t.upos(n), "NOUN" | "ADJ") && t.has_child(n, &["nummod"]),
        false,
    );
}

/// Re-reads a determined noun without a preposition that a verb without an object took as an
/// oblique, before or after it ("De junta heeft de Franse ambassadeur gesommeerd het land te
/// verlaten", "de Franse ambassadeur" an oblique): a bare noun phrase with an article is the
/// object. A span of time ("de hele dag", "la semaine dernière") is no object.
pub fn bare_determined_oblique(tree: &mut Tree) {
    bare_obliques_as_objects(tree, |t, n| t.upos(n) == "NOUN" && t.has_child(n, &["det"]), true);
}

/// Re-reads a name without a preposition right after a verb without an object that the
/// parser took as its oblique ("recaptured Kidal from the rebels", "Kidal" an unmarked
/// oblique): it is the object. A month or weekday is a date.
pub fn bare_name_oblique(tree: &mut Tree) {
    bare_obliques_as_objects(
        tree,
        |t, n| t.upos(n) == "PROPN" && t.head(n).is_some_and(|v| t.first_of(n) == v + 1),
        false,
    );
}

/// Re-reads a noun phrase the parser hung on a time word of the verb ("Rusland leverde vorige
/// maand twee gevechtshelikopters", "a lancé la semaine dernière une offensive", with the
/// helicopters and the offensive modifiers of "maand" and "semaine"): a counted or determined
/// noun without a preposition after the time word is the verb's object, when the verb has no
/// other, and the time word an oblique; a count hung on it with its noun below is that noun's,
/// and the noun the subject of a finite verb without one.
pub fn count_on_a_time_object(tree: &mut Tree) {
    let Ok(calendar) = crate::dates::Calendar::shared() else {
        return;
    };
    let mut arcs = Vec::new();
    for t in 0..tree.len() {
        let Some(v) = tree.head(t).filter(|&v| tree.upos(v) == "VERB") else {
            continue;
        };
        if !matches!(tree.base_rel(t), "obj" | "obl") || !calendar.is_time_word(tree.lower(t)) {
            continue;
        }
        if tree.children_with(v, &["obj"]).any(|o| o != t) {
            continue;
        }
        let counted = tree.children(t).iter().copied().find(|&n| {
            n > t
                && matches!(tree.upos(n), "NOUN" | "PROPN")
                && matches!(tree.base_rel(n), "nmod" | "appos")
                && tree.has_child(n, &["nummod", "det"])
                && !tree.has_child(n, &["case"])
        });
        if let Some(n) = counted {
            arcs.push((n, Some(v), "obj".to_owned()));
            if tree.base_rel(t) == "obj" {
                arcs.push((t, Some(v), "obl".to_owned()));
            }
            continue;
        }
        // "In Niamey gingen zaterdag duizenden mensen de straat op": a count hung on the time
        // word with the counted noun below it; that noun heads the phrase, the subject of a
        // finite verb that has none.
        let count = tree
            .children_with(t, &["nummod"])
            .find(|&n| n > t && tree.upos(n) == "NUM");
        let noun = count.and_then(|n| {
            tree.children_with(n, &["nmod"])
                .find(|&m| m == n + 1 && tree.upos(m) == "NOUN" && !tree.has_child(m, &["case"]))
                .map(|m| (n, m))
        });
        if let Some((n, m)) = noun.filter(|_| tree.has_feat(v, "VerbForm=Fin") && !tree.has_any_subject(v)) {
            arcs.push((m, Some(v), "nsubj".to_owned()));
            arcs.push((n, Some(m), "nummod".to_owned()));
        }
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
        let motion = |w: &str| w == "venir";
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
        partitive_count(&mut t, |w| w == "dizaine", motion);
        assert_eq!((t.head(5), t.rel(5)), (Some(2), "obj"));
        assert_eq!((t.head(3), t.rel(3)), (Some(5), "det"));
        // "ont tué des villageois": any noun, after a verb that takes no "de".
        let mut t = Tree::from_rows(&[
            "Ils il PRON 3 nsubj",
            "ont avoir AUX 3 aux:tense",
            "tué tuer VERB 0 root",
            "de de ADP 6 case",
            "les le DET 6 det",
            "villageois villageois NOUN 3 obl:arg",
        ]);
        partitive_count(&mut t, |w| w == "dizaine", motion);
        assert_eq!((t.head(5), t.rel(5)), (Some(2), "obj"));
        // "se sont retirés des zones", "sont venus des camps": a reflexive or a verb of motion
        // takes "de", the contraction.
        let reflexive = [
            "Ils il PRON 4 nsubj",
            "se se PRON 4 expl:pv",
            "sont être AUX 4 aux:tense",
            "retirés retirer VERB 0 root",
            "de de ADP 7 case",
            "les le DET 7 det",
            "zones zone NOUN 4 obl:arg",
        ];
        let mut t = Tree::from_rows(&reflexive);
        partitive_count(&mut t, |w| w == "dizaine", motion);
        assert_eq!(t.rel(6), "obl:arg");
        let mut t = Tree::from_rows(&[
            "Ils il PRON 3 nsubj",
            "sont être AUX 3 aux:tense",
            "venus venir VERB 0 root",
            "de de ADP 6 case",
            "les le DET 6 det",
            "camps camp NOUN 3 obl:arg",
        ]);
        partitive_count(&mut t, |w| w == "dizaine", motion);
        assert_eq!(t.rel(5), "obl:arg");
    }

    #[test]
    fn a_count_hung_on_a_time_word_read_as_the_object_is_the_object() {
        // As the Dutch model parses "Rusland leverde vorige maand twee helikopters".
        let mut t = Tree::from_rows(&[
            "Rusland Rusland PROPN 2 nsubj",
            "leverde leveren VERB 0 root",
            "vorige vorig ADJ 4 amod",
            "maand maand NOUN 2 obj",
            "twee twee NUM 6 nummod",
            "helikopters helikopter NOUN 4 nmod",
        ]);
        count_on_a_time_object(&mut t);
        assert_eq!((t.head(5), t.rel(5)), (Some(1), "obj"));
        assert_eq!((t.head(3), t.rel(3)), (Some(1), "obl"));
        // A determined noun on a time oblique: "a lancé la semaine dernière une offensive".
        let rows = [
            "armée armée NOUN 3 nsubj",
            "a avoir AUX 3 aux:tense",
            "lancé lancer VERB 0 root",
            "la le DET 5 det",
            "semaine semaine NOUN 3 obl:mod",
            "dernière dernier ADJ 5 amod",
            "une un DET 8 det",
            "offensive offensive NOUN 5 nmod",
        ];
        let mut t = Tree::from_rows(&rows);
        count_on_a_time_object(&mut t);
        assert_eq!((t.head(7), t.rel(7)), (Some(2), "obj"));
        assert_eq!(t.rel(4), "obl:mod");
        // Not when the verb has its object: "a lancé l'assaut la semaine dernière, une offensive …".
        let mut rows = rows.to_vec();
        rows.push("assaut assaut NOUN 3 obj");
        let mut t = Tree::from_rows(&rows);
        count_on_a_time_object(&mut t);
        assert_eq!(t.rel(7), "nmod");
    }

    #[test]
    fn a_bare_count_after_a_verb_is_its_object() {
        // As the French model parses "Des hommes armés ont tué au moins vingt civils dimanche".
        let rows = [
            "Des un DET 2 det",
            "hommes homme NOUN 4 nsubj",
            "ont avoir AUX 4 aux:tense",
            "tué tuer VERB 0 root",
            "au à ADP 8 advmod",
            "moins moins ADV 5 fixed",
            "vingt vingt NUM 8 nummod",
            "civils civil ADJ 4 obl:arg",
            "dimanche dimanche NOUN 8 nmod",
        ];
        let mut t = Tree::from_rows(&rows);
        bare_count(&mut t);
        assert_eq!((t.head(7), t.rel(7)), (Some(3), "obj"));
        // A span of time stays an oblique: "ils ont marché trois jours".
        let mut t = Tree::from_rows(&[
            "ils il PRON 3 nsubj",
            "ont avoir AUX 3 aux:tense",
            "marché marcher VERB 0 root",
            "trois trois NUM 5 nummod",
            "jours jour NOUN 3 obl:mod",
        ]);
        bare_count(&mut t);
        assert_eq!(t.rel(4), "obl:mod");
        // With a preposition it is a phrase, not the object: "a tué avec deux fusils".
        let mut t = Tree::from_rows(&[
            "il il PRON 3 nsubj",
            "a avoir AUX 3 aux:tense",
            "tué tuer VERB 0 root",
            "avec avec ADP 6 case",
            "deux deux NUM 6 nummod",
            "fusils fusil NOUN 3 obl:mod",
        ]);
        bare_count(&mut t);
        assert_eq!(t.rel(5), "obl:mod");
    }
}
