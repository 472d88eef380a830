//! What a speaker says another must do ("Russia said that Sudan must return the
//! helicopter", "Bamako estime que Paris doit rendre"): a demand by the speaker of the one
//! who must, found on the tree; the clause itself is the demand's content, not an event.

use crate::grammar::{Grammar, Words};
use crate::tree::Tree;

/// "X said that Y must do Z": a demand by X of Y.
#[derive(Debug, Clone, Copy)]
pub struct SaidObligation {
    /// The verb of saying.
    pub speaker: usize,
    /// The head of the complement clause.
    pub clause: usize,
    /// The word of obligation.
    pub modal: usize,
}

/// Every "X said that Y must do Z" of a sentence.
pub fn said_obligations(tree: &Tree, g: &Grammar, lang: &str) -> Vec<SaidObligation> {
    let is = |w: usize, k: Words| g.is(lang, k, &tree.lemma(w).to_lowercase());
    let mut out = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || !is(v, Words::Speech) {
            continue;
        }
        for &c in tree.children(v) {
            if tree.base_rel(c) != "ccomp" {
                continue;
            }
            // "must return" (an auxiliary), or "doit rendre" (a verb with its complement).
            let aux = tree
                .children(c)
                .iter()
                .copied()
                .find(|&a| tree.base_rel(a) == "aux" && is(a, Words::Obligation));
            let verb = (is(c, Words::Obligation) && tree.has_child(c, &["xcomp"])).then_some(c);
            if let Some(modal) = aux.or(verb) {
                out.push(SaidObligation {
                    speaker: v,
                    clause: c,
                    modal,
                });
            }
        }
    }
    out
}
