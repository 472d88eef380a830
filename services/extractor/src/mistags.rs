//! Words the tagger read as the wrong part of speech, betrayed by the arcs the parser gave
//! them. A Dutch past tense read as a participle modifying the noun after it ("De regering
//! ontkende berichten dat …") carries a subject no modifier has; an English past tense read
//! as the subject of a plural noun read as a verb ("The government denied reports that …":
//! "denied" the subject of "reports") is a finite verb, which no subject is; an unknown Dutch
//! plural noun read as an infinitive ("heeft pantservoertuigen … geleverd") is no verb the
//! participle completes; a Dutch pronoun read as the article of a noun it cannot go with
//! ("dat het zaterdag …") is the clause's subject; a known verb's participle read as a
//! predicate adjective or a preposition ("are accused of", "villagers accused of") is one,
//! and so is one read as a noun after a root noun's copula ("burgers zijn zondag gedood"),
//! and a French present participle read as a noun after an object pronoun read as its
//! article ("…, l'accusant de partialité");
//! a modifier read as a verb under a possessive pronoun ("its remaining troops") modifies
//! the noun after it; a plural noun after a number read as an adjective complement ("a tué
//! vingt terroristes") is the verb's object; a gerund marked as a clause of the object before it ("accused Algeria of
//! supporting terrorist groups") read as a modifier of the noun after it heads that clause.

use crate::repairs::Arcs;
use crate::tree::{Tree, FINITE_PAST, PASSIVE_PARTICIPLE, PAST_PARTICIPLE, PRESENT_PARTICIPLE};

/// "De regering ontkende berichten dat …": the tagger read the past tense "ontkende" as a
/// participle modifying the noun after it, and hung the subject on it. A noun's modifier has
/// no subject: a participle with a subject before it is the clause's verb, in its head's
/// place, and the noun after it its object.
pub(crate) fn modifier_with_a_subject(tree: &Tree) -> Arcs {
    for p in 0..tree.len() {
        let Some(h) = tree.head(p) else { continue };
        if tree.base_rel(p) != "amod"
            || tree.upos(p) != "VERB"
            || h < p
            || !matches!(tree.upos(h), "NOUN" | "PROPN")
            || !tree.children_labelled(p, "nsubj").any(|s| s < p)
        {
            continue;
        }
        return vec![
            (p, tree.head(h), tree.rel(h).to_owned()),
            (h, Some(p), "obj".to_owned()),
        ];
    }
    Vec::new()
}

/// "agreed to withdraw its remaining troops from Niger": the tagger read the modifier
/// "remaining" as a verb, and the parser made the noun its object, and a possessive pronoun
/// its head or a word beside it. A possessive pronoun heads no clause and the verb before
/// takes one object: the noun after the modifier takes the
/// pronoun's place, the pronoun and the modifier go with it, and the modifier's obliques
/// ("from Niger") with the verb the pronoun hung on.
pub(crate) fn modifier_under_a_possessive(tree: &Tree) -> Arcs {
    for x in 0..tree.len().saturating_sub(2) {
        let m = x + 1;
        if tree.upos(x) != "PRON"
            || !tree.has_feat(x, "Poss=Yes")
            || tree.base_rel(x) == "nmod"
            || !(tree.head(m) == Some(x) || (tree.head(m) == tree.head(x) && tree.head(x).is_some()))
            || tree.upos(m) != "VERB"
        {
            continue;
        }
        let Some(n) = tree
            .children_with(m, &["obj"])
            .find(|&n| tree.first_of(n) == m + 1 && tree.upos(n) == "NOUN")
        else {
            continue;
        };
        let mut arcs = vec![
            (n, tree.head(x), tree.rel(x).to_owned()),
            (x, Some(n), "nmod:poss".to_owned()),
            (m, Some(n), "amod".to_owned()),
        ];
        arcs.extend(
            tree.children_with(m, &["obl"])
                .map(|c| (c, tree.head(x), tree.rel(c).to_owned())),
        );
        return arcs;
    }
    Vec::new()
}

/// "The government of Burkina Faso denied reports that its army had executed civilians": the
/// tagger read "reports" as a verb, and the parser made the finite "denied" its subject. A
/// finite verb right before a finite present verb in -s and taken as its subject is the
/// clause's verb, in that word's place, and the word its object (a plural noun); the phrases
/// before it go with the verb.
pub(crate) fn finite_verb_read_as_a_subject(tree: &Tree) -> Arcs {
    for v in 0..tree.len().saturating_sub(1) {
        let h = v + 1;
        if tree.head(v) != Some(h)
            || tree.base_rel(v) != "nsubj"
            || tree.upos(v) != "VERB"
            || !tree.has_feat(v, "VerbForm=Fin")
            || tree.upos(h) != "VERB"
            || !tree.has_feat(h, "Tense=Pres")
            || !tree.lower(h).ends_with('s')
        {
            continue;
        }
        let mut arcs = vec![
            (v, tree.head(h), tree.rel(h).to_owned()),
            (h, Some(v), "obj".to_owned()),
        ];
        arcs.extend(
            tree.children(h)
                .iter()
                .filter(|&&c| c < v)
                .map(|&c| (c, Some(v), tree.rel(c).to_owned())),
        );
        return arcs;
    }
    Vec::new()
}

/// "Mali accused Algeria of supporting terrorist groups": the parser read the gerund
/// "supporting" and the name before its "of" as modifiers of the noun after them. A verb
/// marked as a clause whose subject is the object before it (`mark`: `grammar.json`
/// "object_control", "accuse Benin of allowing") modifies no noun after it: the phrase before
/// the mark takes that noun's place (the object "Algeria"), the verb becomes that phrase's
/// clause, and the noun its object.
pub fn gerund_read_as_a_modifier(tree: &mut Tree, mark: impl Fn(&str) -> bool) {
    let arcs = gerund_arcs(tree, mark);
    tree.rehead(&arcs);
}

fn gerund_arcs(tree: &Tree, mark: impl Fn(&str) -> bool) -> Arcs {
    for v in 2..tree.len() {
        let Some(n) = tree.head(v) else { continue };
        if tree.base_rel(v) != "amod"
            || tree.upos(v) != "VERB"
            || n < v
            || tree.upos(n) != "NOUN"
            || !tree
                .children_labelled(v, "mark")
                .any(|m| m == v - 1 && mark(&tree.lemma(m).to_lowercase()))
        {
            continue;
        }
        let Some(x) = tree
            .and_ancestors(v - 2)
            .find(|&u| tree.head(u) == Some(n))
            .filter(|&x| matches!(tree.upos(x), "NOUN" | "PROPN" | "PRON"))
        else {
            continue;
        };
        return vec![
            (x, tree.head(n), tree.rel(n).to_owned()),
            (v, Some(x), "acl".to_owned()),
            (n, Some(v), "obj".to_owned()),
        ];
    }
    Vec::new()
}

/// "Rusland heeft pantservoertuigen en munitie aan Burkina Faso geleverd": the tagger read the
/// unknown plural noun as an infinitive (or, "gevechtsvoertuigen", a participle), made it the
/// verb with the finite auxiliary and the subject, and the participle its complement. Such a
/// verb without an object, under a finite auxiliary, that completes itself with a participle
/// after it is the participle's object: the participle is
/// the verb, and the subject, auxiliary and other phrases go to it.
pub(crate) fn infinitive_over_its_participle(tree: &Tree) -> Arcs {
    for w in 0..tree.len() {
        if tree.upos(w) != "VERB"
            || !(tree.has_feat(w, "VerbForm=Inf") || tree.has_feat(w, "VerbForm=Part"))
            || tree.has_child(w, &["mark", "obj"])
            || !tree
                .children_labelled(w, "aux")
                .any(|a| a < w && tree.has_feat(a, "VerbForm=Fin"))
        {
            continue;
        }
        let Some(p) = tree
            .children_with(w, &["xcomp"])
            .find(|&p| p > w && tree.upos(p) == "VERB" && tree.has_feat(p, "VerbForm=Part"))
        else {
            continue;
        };
        let mut arcs = vec![
            (p, tree.head(w), tree.rel(w).to_owned()),
            (w, Some(p), "obj".to_owned()),
        ];
        arcs.extend(
            tree.children(w)
                .iter()
                .filter(|&&c| c != p && !matches!(tree.base_rel(c), "conj" | "cc" | "nmod" | "amod" | "det"))
                .map(|&c| (c, Some(p), tree.rel(c).to_owned())),
        );
        return arcs;
    }
    Vec::new()
}

/// "Het leger zegt dat het zaterdag twintig terroristen heeft gedood": the tagger read the
/// pronoun "het" as the article of the noun after it. A word that is both a group pronoun and
/// an article (`pronoun`: `grammar.json` "pronoun_group") does not determine a noun of common
/// gender or a plural, which that article never goes with: it is the subject of the noun's
/// verb, when the verb has none.
pub fn pronoun_read_as_an_article(tree: &mut Tree, pronoun: impl Fn(&str) -> bool) {
    let mut arcs: Arcs = Vec::new();
    for d in 0..tree.len() {
        let Some(n) = tree.head(d) else { continue };
        let Some(v) = tree.head(n) else { continue };
        if tree.upos(d) != "DET"
            || !pronoun(&tree.lemma(d).to_lowercase())
            || !(tree.has_feat(n, "Gender=Com") || tree.has_feat(n, "Number=Plur"))
            || tree.upos(v) != "VERB"
            || tree.has_any_subject(v)
        {
            continue;
        }
        arcs.push((d, Some(v), "nsubj".to_owned()));
    }
    tree.rehead(&arcs);
}

/// "Malian troops are accused of killing civilians", "villagers accused of collaborating":
/// the English tagger reads the participle of a verb the trigger data knows (`verb_lemma`:
/// its lemma from the lower-cased form, when the form is an inflected one) as a predicate
/// adjective, or as a preposition with "of" fixed to it ("because of") or before a phrase
/// of its own. A predicate
/// adjective so written is the passive participle (its copula the passive auxiliary, its
/// subject the passive subject); such a preposition right after a noun is a participle
/// modifying the noun, and what it introduced is its clause or phrase.
pub fn participle_read_as_an_adjective(tree: &mut Tree, verb_lemma: impl Fn(&str) -> Option<String>) {
    for w in 0..tree.len() {
        let predicate = tree.upos(w) == "ADJ" && tree.has_child(w, &["cop"]);
        let preposition = tree.upos(w) == "ADP" && w + 1 < tree.len() && matches!(tree.upos(w + 1), "ADP" | "SCONJ");
        // (The lemmatizer only for those shapes; an inflected form: a verb's bare form is no
        // participle.)
        let Some(lemma) = (predicate || preposition)
            .then(|| verb_lemma(tree.lower(w)))
            .flatten()
            .filter(|l| l != tree.lower(w))
        else {
            continue;
        };
        let mut arcs: Arcs = Vec::new();
        if predicate {
            for c in tree.children(w).to_vec() {
                match tree.rel(c) {
                    "cop" => arcs.push((c, Some(w), "aux:pass".to_owned())),
                    "nsubj" => arcs.push((c, Some(w), "nsubj:pass".to_owned())),
                    _ => {}
                }
            }
            tree.retag_verb(w, &lemma, PASSIVE_PARTICIPLE);
        } else {
            // The word after it introduces the phrase: fixed to it ("accused of" as "because
            // of", the phrase its head), or the mark or case of a phrase of its own.
            let of = w + 1;
            let x = match tree.base_rel(of) {
                "fixed" if tree.head(of) == Some(w) => tree.head(w),
                "mark" | "case" => tree.head(of),
                _ => None,
            };
            let (Some(x), Some(n)) = (x, w.checked_sub(1)) else {
                continue;
            };
            if !matches!(tree.upos(n), "NOUN" | "PROPN") || x <= of || tree.dominates(x, n) {
                continue;
            }
            let clause = tree.upos(x) == "VERB";
            arcs.push((w, Some(n), "acl".to_owned()));
            arcs.push((of, Some(x), if clause { "mark" } else { "case" }.to_owned()));
            arcs.push((x, Some(w), if clause { "advcl" } else { "obl" }.to_owned()));
            tree.retag_verb(w, &lemma, PAST_PARTICIPLE);
        }
        tree.rehead(&arcs);
    }
}

#[cfg(test)]
#[path = "mistags_tests.rs"]
mod tests;

/// "Vijftig burgers zijn zondag gedood bij aanvallen": the Dutch tagger read the participle
/// of a verb the trigger data knows (`verb_lemma`, as in
/// [`participle_read_as_an_adjective`]) as a noun, the subject the root with the auxiliary
/// its copula. A bare noun (no article, no preposition) after the copula of a root noun,
/// that the lemmatizer reads as such a participle, is the passive verb: the root noun its
/// subject, the copula its auxiliary, the root's phrases after the copula its own.
pub fn participle_read_as_a_noun(tree: &mut Tree, verb_lemma: impl Fn(&str) -> Option<String>) {
    let Some(root) = tree.root().filter(|&r| matches!(tree.upos(r), "NOUN" | "PROPN")) else {
        return;
    };
    let Some(cop) = tree.children_labelled(root, "cop").find(|&c| c > root) else {
        return;
    };
    let Some((w, lemma)) = (cop + 1..tree.len())
        .filter(|&w| tree.upos(w) == "NOUN" && !tree.has_child(w, &["det", "case"]) && !tree.dominates(w, root))
        .find_map(|w| verb_lemma(tree.lower(w)).filter(|l| l != tree.lower(w)).map(|l| (w, l)))
    else {
        return;
    };
    let mut arcs: Arcs = vec![
        (w, None, "root".to_owned()),
        (root, Some(w), "nsubj:pass".to_owned()),
        (cop, Some(w), "aux:pass".to_owned()),
    ];
    // (A phrase the parser made the subject of the copula clause, "zondag", is an oblique.)
    let moved = |c: usize| c > cop && c != w && !tree.dominates(w, c);
    arcs.extend(tree.children(root).iter().filter(|&&c| moved(c)).map(|&c| {
        let rel = if tree.rel(c).starts_with("nsubj") {
            "obl"
        } else {
            tree.rel(c)
        };
        (c, Some(w), rel.to_owned())
    }));
    tree.retag_verb(w, &lemma, PASSIVE_PARTICIPLE);
    tree.rehead(&arcs);
}

/// "a expulsé le représentant de l'ONU, l'accusant de partialité": the French tagger read
/// the object pronoun before a present participle as an article, and the participle (of a
/// verb the trigger data knows: `verb_lemma`) as a noun in apposition. A noun in -ant after
/// a comma and an elided or plain object pronoun ("l'", "le", "la", "les") that the
/// lemmatizer reads as such a participle is that participle, an adverbial of the verb
/// above, and the pronoun its object.
pub fn clitic_participle_read_as_a_noun(tree: &mut Tree, verb_lemma: impl Fn(&str) -> Option<String>) {
    for w in 2..tree.len() {
        let p = w - 1;
        if tree.upos(w) != "NOUN"
            || !tree.lower(w).ends_with("ant")
            || tree.head(p) != Some(w)
            || !matches!(tree.lower(p), "l'" | "l’" | "le" | "la" | "les")
            || tree.lower(w - 2) != ","
        {
            continue;
        }
        let Some(v) = tree.verb_above(w) else { continue };
        let Some(lemma) = verb_lemma(tree.lower(w)).filter(|l| l != tree.lower(w)) else {
            continue;
        };
        tree.retag_verb(w, &lemma, PRESENT_PARTICIPLE);
        tree.retag_pronoun(p);
        tree.rehead(&[(w, Some(v), "advcl".to_owned()), (p, Some(w), "obj".to_owned())]);
        return;
    }
}

/// "On Sunday, clashes erupted between the army and rebels", "Fighting erupted near Kidal":
/// the tagger read the event noun that opens the clause as a verb, and the finite verb after
/// it as its complement. A verb without subject or object that the trigger data knows as an
/// event noun (`noun_lemma`: its lemma as a noun, if an event noun), followed right away by a
/// verb in the past without a subject or an auxiliary that hangs on it (read as finite or as a
/// participle), is that verb's subject: the verb, finite, takes its place and its other
/// dependents.
pub fn event_noun_read_as_a_verb(tree: &mut Tree, noun_lemma: impl Fn(&str) -> Option<String>) {
    for v in 0..tree.len().saturating_sub(1) {
        let h = v + 1;
        if tree.upos(v) != "VERB"
            || tree.has_child(v, &["nsubj", "obj", "aux", "aux:pass", "nsubj:pass"])
            || tree.upos(h) != "VERB"
            || tree.head(h) != Some(v)
            || !tree.has_feat(h, "Tense=Past")
            || tree.has_child(h, &["nsubj", "nsubj:pass", "aux", "aux:pass"])
        {
            continue;
        }
        let Some(lemma) = noun_lemma(tree.lower(v)) else {
            continue;
        };
        let mut arcs: Arcs = vec![
            (h, tree.head(v), tree.rel(v).to_owned()),
            (v, Some(h), "nsubj".to_owned()),
        ];
        arcs.extend(
            tree.children(v)
                .iter()
                .filter(|&&c| c != h)
                .map(|&c| (c, Some(h), tree.rel(c).to_owned())),
        );
        tree.retag_noun(v, &lemma);
        tree.retag_finite_past(h);
        tree.rehead(&arcs);
        return;
    }
}

/// "L'armée a tué vingt terroristes": the tagger read the plural noun after a number as an
/// adjective, and the parser made it a predicate complement of the verb. A number counts
/// nouns: an adjective a number modifies, a complement of a verb without object, is that
/// verb's object, a noun.
pub fn counted_adjective_read_as_a_complement(tree: &mut Tree) {
    for w in 0..tree.len() {
        let Some(v) = tree.head(w) else { continue };
        if tree.upos(w) != "ADJ"
            || tree.base_rel(w) != "xcomp"
            || tree.upos(v) != "VERB"
            || !tree.has_child(w, &["nummod"])
            || tree.has_child(v, &["obj"])
        {
            continue;
        }
        let lemma = tree.lemma(w).to_owned();
        tree.retag_noun(w, &lemma);
        tree.rehead(&[(w, Some(v), "obj".to_owned())]);
        return;
    }
}

/// "Betogers verbrandden Franse vlaggen en eisten het vertrek van de soldaten": the Dutch
/// tagger read the second verb's past tense (of a verb the trigger data knows: `verb_lemma`)
/// as a noun joined to the object, and the noun phrase after it as someone's subject. A
/// noun after a coordinating conjunction, joined to an object, that the lemmatizer reads as
/// such a past tense and that an article follows, is the verb's conjunct, and the phrase the
/// article opens its object.
pub fn past_tense_read_as_a_conjoined_noun(tree: &mut Tree, verb_lemma: impl Fn(&str) -> Option<String>) {
    for w in 1..tree.len().saturating_sub(1) {
        let Some(o) = tree.head(w).filter(|&o| o < w) else {
            continue;
        };
        if tree.upos(w) != "NOUN"
            || tree.rel(w) != "conj"
            || tree.base_rel(o) != "obj"
            || !tree.children_with(w, &["cc"]).any(|c| c + 1 == w)
            || tree.upos(w + 1) != "DET"
        {
            continue;
        }
        let (Some(v), Some(n)) = (tree.head(o), tree.head(w + 1)) else {
            continue;
        };
        if tree.upos(v) != "VERB" || n <= w + 1 || tree.dominates(n, w) {
            continue;
        }
        let Some(lemma) = verb_lemma(tree.lower(w)).filter(|l| l != tree.lower(w)) else {
            continue;
        };
        let arcs: Arcs = vec![(w, Some(v), "conj".to_owned()), (n, Some(w), "obj".to_owned())];
        tree.retag_verb(w, &lemma, FINITE_PAST);
        tree.rehead(&arcs);
        return;
    }
}
