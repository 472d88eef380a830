//! Whether an act is reported speech: the complement of a verb of saying, a clause with a
//! "…, the ministry said" aside, a phrase of attribution anywhere in its clause ("according
//! to", "selon", "volgens"), or a short attribution closing the sentence ("…, zeggen
//! getuigen.").

use crate::grammar::{Grammar, Words};
use crate::tree::Tree;

/// Whether the event at `t` is reported speech: the complement of a verb of saying, a
/// clause with a "…, the ministry said" aside, or "according to".
pub fn reported(tree: &Tree, g: &Grammar, lang: &str, t: usize) -> bool {
    if closing_attribution(tree, g, lang).is_some_and(|a| t < a) {
        return true;
    }
    let speech = |w: usize| g.is(lang, Words::Speech, &tree.lemma(w).to_lowercase());
    let mut node = t;
    for _ in 0..4 {
        let aside = tree.children(node).iter().any(|&c| {
            // "…, the army said": an aside, attached as parataxis (or as ccomp after the
            // clause it reports, as the parser often does).
            (matches!(tree.base_rel(c), "parataxis" | "ccomp") && c > node && speech(c))
                // ("as the ministry said"; not an infinitive of purpose: "ont manifesté pour
                // soutenir la transition".)
                // (Nor a clause of time: "banned the BBC after they reported on a massacre".)
                || (tree.base_rel(c) == "advcl"
                    && speech(c)
                    && !(tree.has_feat(c, "VerbForm=Inf") && tree.has_child(c, &["mark"]))
                    && !crate::attach::of_context(tree, g, lang, c))
        }) || attributed(tree, g, lang, node);
        if aside {
            return true;
        }
        let Some(h) = tree.head(node) else { return false };
        // "The army claimed to have killed", "l'armée affirme avoir tué": a claim's
        // infinitive is reported as much as its that-clause.
        if matches!(tree.base_rel(node), "ccomp" | "parataxis" | "xcomp") && speech(h) {
            return true;
        }
        // ("… said soldiers had attacked the base, killing twelve": a participle clause is
        // told with its main clause.)
        let participle = tree.base_rel(node) == "advcl" && tree.is_participle(node) && tree.shares_head_clause(node);
        if !matches!(tree.base_rel(node), "conj" | "xcomp" | "ccomp") && !participle {
            return false;
        }
        node = h;
    }
    false
}

/// Where an attribution set off by a comma that ends the sentence starts: a short tail
/// opened by a word of speech (`grammar.json` "speech": "…, selon l'armée.", "…, according to
/// witnesses.", "…, zeggen getuigen.", "…, aldus het leger.", "…, a indiqué le ministère.")
/// or closed by a verb of saying ("…, local sources said."). It attributes all the sentence
/// says before it, wherever the parser hung it (on the clause of "lorsque", or with
/// "getuigen" read as a verb).
fn closing_attribution(tree: &Tree, g: &Grammar, lang: &str) -> Option<usize> {
    let end = (0..tree.len()).rev().find(|&w| tree.upos(w) != "PUNCT")?;
    let comma = (0..end).rev().find(|&w| tree.lower(w) == ",")?;
    if end - comma > 6 {
        return None;
    }
    // (Not a participle clause of what the subject did, "…, declaring their presence
    // illegal"; an inverted speaker may be read as the verb's object, "…, meldden lokale
    // bronnen".)
    let says = |w: usize| speech_word(tree, g, lang, w) && !tree.is_present_participle(w);
    let first = (comma + 1..=end).find(|&w| tree.upos(w) != "AUX")?;
    (says(first) || (tree.upos(end) == "VERB" && says(end))).then_some(comma + 1)
}

/// Whether a phrase of attribution ("according to the army", "selon des témoins") hangs on
/// clause word `v`, as its oblique or anywhere in its phrases, not inside a clause of its own
/// ("killed eight civilians in Tinzaouatene, according to the FLA": the parser made "the FLA" a
/// conjunct of the town).
fn attributed(tree: &Tree, g: &Grammar, lang: &str, v: usize) -> bool {
    let mut stack: Vec<usize> = tree.children(v).to_vec();
    while let Some(w) = stack.pop() {
        let clausal = matches!(
            tree.base_rel(w),
            "acl" | "advcl" | "ccomp" | "xcomp" | "parataxis" | "csubj"
        );
        if clausal && matches!(tree.upos(w), "VERB" | "AUX") {
            continue;
        }
        let says = |c: usize| tree.base_rel(c) == "case" && speech_word(tree, g, lang, c);
        if matches!(tree.base_rel(w), "obl" | "nmod" | "conj" | "appos") && tree.children(w).iter().any(|&c| says(c)) {
            return true;
        }
        stack.extend(tree.children(w).iter().copied());
    }
    false
}

/// Whether word `w` is a word of speech by its lemma or its form ("according", lemmatized
/// "accord"; "getuigen" read as a verb).
fn speech_word(tree: &Tree, g: &Grammar, lang: &str, w: usize) -> bool {
    g.is(lang, Words::Speech, &tree.lemma(w).to_lowercase()) || g.is(lang, Words::Speech, tree.lower(w))
}
