//! Two names side by side that the parser read as one: "heeft in Moskou Sergej Lavrov
//! ontmoet", with the person a flat part of the city's name. The surface knows where each
//! name begins and ends (its name spans, the hints the parser was given); a flat word that
//! opens another name than its head's, right after it, heads a phrase of its own. After an
//! oblique (which has its preposition) it cannot share that preposition: it is the object of
//! the verb, when the verb has none.

use sahel_syntax::Span;

use crate::repairs::Arcs;
use crate::tree::Tree;

/// Re-reads a name glued to the oblique name before it as the verb's object.
pub fn name_glued_to_an_oblique(tree: &mut Tree, names: &[Span]) {
    let arcs = glued_arcs(tree, names);
    tree.rehead(&arcs);
}

fn glued_arcs(tree: &Tree, names: &[Span]) -> Arcs {
    let name_of = |i: usize| {
        let (a, b) = tree.span(i);
        names.iter().position(|s| a < s.end && s.start < b)
    };
    for w in 1..tree.len() {
        let Some(h) = tree.head(w).filter(|&h| h < w) else {
            continue;
        };
        if tree.base_rel(w) != "flat" || !tree.has_child(h, &["case"]) {
            continue;
        }
        let (Some(a), Some(b)) = (name_of(w - 1), name_of(w)) else {
            continue;
        };
        if a == b || name_of(h) != Some(a) || names[b].start != tree.span(w).0 {
            continue;
        }
        let Some(v) = tree
            .head(h)
            .filter(|&v| tree.upos(v) == "VERB" && !tree.has_child(v, &["obj"]))
        else {
            continue;
        };
        let mut arcs = vec![(w, Some(v), "obj".to_owned())];
        arcs.extend(
            tree.children(h)
                .iter()
                .filter(|&&x| x > w && name_of(x) == Some(b))
                .map(|&x| (x, Some(w), "flat".to_owned())),
        );
        return arcs;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(t: &Tree, first: usize, last: usize) -> Span {
        Span {
            start: t.span(first).0,
            end: t.span(last).1,
        }
    }

    #[test]
    fn a_person_glued_to_a_city_is_the_object() {
        let conllu = "# text = Hij heeft in Parijs Jean Dupont ontmoet.\n\
1\tHij\thij\tPRON\t_\t_\t7\tnsubj\t_\t_\n\
2\theeft\thebben\tAUX\t_\t_\t7\taux\t_\t_\n\
3\tin\tin\tADP\t_\t_\t4\tcase\t_\t_\n\
4\tParijs\tParijs\tPROPN\t_\t_\t7\tobl\t_\t_\n\
5\tJean\tJean\tPROPN\t_\t_\t4\tflat\t_\t_\n\
6\tDupont\tDupont\tPROPN\t_\t_\t4\tflat\t_\t_\n\
7\tontmoet\tontmoeten\tVERB\t_\t_\t0\troot\t_\t_\n\
8\t.\t.\tPUNCT\t_\t_\t7\tpunct\t_\t_\n";
        let mut t = Tree::from_conllu(conllu);
        let names = [span_of(&t, 3, 3), span_of(&t, 4, 5)];
        name_glued_to_an_oblique(&mut t, &names);
        assert_eq!((t.head(4), t.rel(4)), (Some(6), "obj"));
        assert_eq!((t.head(5), t.rel(5)), (Some(4), "flat"));
        assert_eq!(t.head(3), Some(6), "the city stays the oblique");
        // One name, one phrase: "in Nieuw Amsterdam" stays whole.
        let mut t = Tree::from_conllu(conllu);
        let names = [span_of(&t, 3, 5)];
        name_glued_to_an_oblique(&mut t, &names);
        assert_eq!((t.head(4), t.rel(4)), (Some(3), "flat"));
    }
}
