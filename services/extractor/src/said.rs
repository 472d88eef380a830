//! The clause a verb of saying reports, when the parser broke it up. The English tagger
//! often reads "said that soldiers killed civilians" as "said that [soldiers' killed
//! civilians]" (the conjunction as the verb's object, "killed" as an adjective, "soldiers"
//! as a possessor), "said that gunmen killed ten villagers" with "that" as an adverb over
//! the clause, and "said soldiers killed civilians" with "soldiers" as the object and
//! "killed" as a reduced relative on it. Each is re-read as the clause it is: the verb the
//! complement of the verb of saying, the conjunction its marker, the noun before it its
//! subject; so is a clause without a conjunction hung on the noun of the verb's oblique as a
//! relative clause ("said on Saturday it had repelled an attack"). A speaker's aside at the
//! end of the sentence read as a relative clause of the noun before it ("…, state television
//! reported") is the main clause's. So after a verb of denying ("denied that soldiers killed
//! civilians"). Which verbs report or deny is data (`grammar.json` "speech", "refusal").
//!
//! Also the repairs ([`crate::repairs`]) of a reported clause whose subject or phrases the
//! parser gave the verb of saying: the first of two subjects, and the phrases between the
//! clause and the speaker.

use crate::repairs::Arcs;
use crate::tree::Tree;

/// Whether `f` can be the verb of a clause of its own: tensed, or a past form without an
/// auxiliary (the tagger's participle for "killed").
fn clause_verb(tree: &Tree, f: usize) -> bool {
    tree.upos(f) == "VERB"
        && (tree.has_feat(f, "VerbForm=Fin") || tree.has_feat(f, "Tense=Past"))
        && !tree.has_child(f, &["aux"])
}

/// The arcs that re-read the clause after verb of saying `v` (see the module), if it is one
/// of the three broken readings.
fn reported_clause(tree: &Tree, v: usize) -> Option<Arcs> {
    // "said that …": a conjunction the parser hung on the verb as anything but a marker.
    if let Some(c) = tree
        .children(v)
        .iter()
        .copied()
        .find(|&c| c == v + 1 && tree.upos(c) == "SCONJ" && tree.base_rel(c) != "mark")
    {
        // The clause's verb under the conjunction, with its subject: "that gunmen killed".
        if let Some(f) = tree
            .children(c)
            .iter()
            .copied()
            .find(|&f| f > c && clause_verb(tree, f) && tree.has_child(f, &["nsubj"]))
        {
            let mut arcs = vec![(f, Some(v), "ccomp".to_owned()), (c, Some(f), "mark".to_owned())];
            arcs.extend(
                tree.children(c)
                    .iter()
                    .filter(|&&d| d != f)
                    .map(|&d| (d, Some(f), tree.rel(d).to_owned())),
            );
            return Some(arcs);
        }
        let n2 = tree
            .children(c)
            .iter()
            .copied()
            .find(|&n| n > c && matches!(tree.upos(n), "NOUN" | "PROPN"))?;
        // The subject the conjunction's object, the verb its reduced relative: "that soldiers
        // killed civilians in Djibo".
        if let Some(f) = reduced_relative_with_an_object(tree, n2) {
            return Some(vec![
                (f, Some(v), "ccomp".to_owned()),
                (c, Some(f), "mark".to_owned()),
                (n2, Some(f), "nsubj".to_owned()),
            ]);
        }
        // Subject, verb and object glued into one phrase: "that soldiers killed civilians".
        let f = tree
            .children(n2)
            .iter()
            .copied()
            .find(|&f| f < n2 && clause_verb(tree, f) && matches!(tree.base_rel(f), "amod" | "acl"))?;
        let n1 = tree
            .children(n2)
            .iter()
            .copied()
            .find(|&n| n > c && n < f && matches!(tree.upos(n), "NOUN" | "PROPN"))?;
        return Some(vec![
            (f, Some(v), "ccomp".to_owned()),
            (c, Some(f), "mark".to_owned()),
            (n1, Some(f), "nsubj".to_owned()),
            (n2, Some(f), "obj".to_owned()),
        ]);
    }
    // "said soldiers killed civilians": the subject read as the verb's object, the clause's
    // verb, with an object of its own, as its reduced relative.
    let n = tree
        .children_labelled(v, "obj")
        .find(|&n| n > v && matches!(tree.upos(n), "NOUN" | "PROPN"))?;
    let f = reduced_relative_with_an_object(tree, n)?;
    Some(vec![(f, Some(v), "ccomp".to_owned()), (n, Some(f), "nsubj".to_owned())])
}

/// A verb hung on noun `n` as its reduced relative that has an object of its own and no
/// subject, so a clause's verb ("soldiers killed civilians").
fn reduced_relative_with_an_object(tree: &Tree, n: usize) -> Option<usize> {
    tree.children_labelled(n, "acl")
        .find(|&f| f > n && clause_verb(tree, f) && tree.has_child(f, &["obj"]) && !tree.has_child(f, &["nsubj"]))
}

/// Whether clause `f` has a relative pronoun of its own.
fn has_relative_pronoun(tree: &Tree, f: usize) -> bool {
    tree.children(f).iter().any(|&c| tree.has_feat(c, "PronType=Rel"))
}

/// "said on Saturday it had repelled an attack", "said in a statement soldiers had killed
/// …": a clause without a conjunction the parser hung on the noun of the verb's oblique as a
/// relative clause. One with a subject that is no relative pronoun and an object of its own
/// (a relative clause without a pronoun lacks one: "the statement it published") is the
/// verb's complement.
fn clause_on_an_oblique(tree: &Tree, v: usize) -> Option<Arcs> {
    let f = tree
        .children(v)
        .iter()
        .copied()
        .filter(|&n| n > v && tree.base_rel(n) == "obl")
        .flat_map(|n| tree.children_labelled(n, "acl:relcl").filter(move |&f| f > n))
        .find(|&f| {
            !has_relative_pronoun(tree, f)
                && tree.has_child(f, &["nsubj"])
                && tree.has_child(f, &["obj"])
                && tree.is_tensed(f)
        })?;
    Some(vec![(f, Some(v), "ccomp".to_owned())])
}

/// "…, state television reported.": a verb of saying with its subject after a comma at the
/// end of the sentence that the parser hung on the noun before it as a relative clause is
/// the speaker's aside on the main clause.
fn speaker_read_as_a_relative_clause(tree: &Tree, v: usize) -> Option<Arcs> {
    if tree.rel(v) != "acl:relcl" || has_relative_pronoun(tree, v) {
        return None;
    }
    let s = tree.children_labelled(v, "nsubj").find(|&s| s < v)?;
    // (The parser may hang the comma on the subject.)
    let first = (0..s)
        .find(|&w| tree.upos(w) != "PUNCT" && tree.dominates(s, w))
        .unwrap_or(s);
    let comma = first
        .checked_sub(1)
        .filter(|&c| tree.upos(c) == "PUNCT" && tree.lower(c) == ",")?;
    let last = (v + 1..tree.len()).all(|w| tree.upos(w) == "PUNCT");
    let root = tree.root()?;
    (last && comma < s && root < v).then(|| vec![(v, Some(root), "parataxis".to_owned())])
}

/// Re-reads the clause every verb of saying or denying without a complement reports, and a
/// speaker's aside read as a relative clause (see the module). `speech` tells such a verb by
/// its lemma.
pub fn clause_after_a_verb_of_saying(tree: &mut Tree, speech: impl Fn(&str) -> bool) {
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || !speech(&tree.lemma(v).to_lowercase()) {
            continue;
        }
        if let Some(arcs) = speaker_read_as_a_relative_clause(tree, v) {
            tree.rehead(&arcs);
        }
        if tree.has_child(v, &["ccomp"]) {
            continue;
        }
        if let Some(arcs) = reported_clause(tree, v).or_else(|| clause_on_an_oblique(tree, v)) {
            tree.rehead(&arcs);
        }
    }
}

/// A verb the parser gave two subjects, the first before a reported clause without a
/// subject of its own: the first is that clause's ("Thousands of Kurds demonstrated in
/// Kirkuk, witnesses said": "Thousands" and "witnesses" both subjects of "said"). So is a
/// noun the parser hung on the verb as a clause of its own, which a noun without a copula
/// cannot be ("Unidentified assailants set fire to a school, officials said": "assailants"
/// and "set" both clauses of "said").
pub(crate) fn subject_of_reported_clause(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        let subjects: Vec<usize> = tree.children_labelled(v, "nsubj").collect();
        let nominal_clause = tree.children(v).iter().copied().find(|&x| {
            x < v
                && matches!(tree.upos(x), "NOUN" | "PROPN")
                && matches!(tree.base_rel(x), "ccomp" | "parataxis")
                && !tree.has_child(x, &["cop", "nsubj"])
        });
        let s = match (&subjects[..], nominal_clause) {
            ([s, _, ..], _) => *s,
            (_, Some(x)) => x,
            _ => continue,
        };
        let clause = tree.children(v).iter().copied().find(|&c| {
            c > s
                && c < v
                && matches!(tree.base_rel(c), "ccomp" | "parataxis")
                && tree.upos(c) == "VERB"
                // (A past participle without an auxiliary is a past tense the tagger
                // misread: "demonstrated".)
                && (tree.has_feat(c, "VerbForm=Fin")
                    || (tree.has_feat(c, "Tense=Past")
                        && !tree.has_child(c, &["aux"])))
                && !tree.has_child(c, &["nsubj"])
        });
        if let Some(c) = clause {
            arcs.push((s, Some(c), "nsubj".to_owned()));
            continue;
        }
        // ("The Malian army and Wagner fighters executed around 500 people in Moura, the UN
        // said": the clause's verb hung on the first subject, or on its conjunct, as a
        // reduced relative with a phrase after it; it is the reported clause.)
        if subjects.len() < 2 {
            continue;
        }
        let reduced = std::iter::once(s)
            .chain(tree.children_labelled(s, "conj"))
            .flat_map(|n| tree.children_labelled(n, "acl").collect::<Vec<_>>())
            .find(|&c| {
                c < v
                    && tree.upos(c) == "VERB"
                    && tree.has_feat(c, "Tense=Past")
                    // (Its object may still be read as an oblique: "around 500 people".)
                    && tree.children(c).iter().any(|&o| o > c && matches!(tree.base_rel(o), "obj" | "obl"))
                    && !tree.has_child(c, &["aux", "aux:pass", "nsubj", "mark"])
            });
        if let Some(c) = reduced {
            arcs.push((c, Some(v), "ccomp".to_owned()));
            arcs.push((s, Some(c), "nsubj".to_owned()));
        }
    }
    arcs
}

/// A clause reported before its speaker ("Gunmen killed five villagers near Dori on Sunday,
/// a local official said"): the phrases the parser hung on the verb of saying between the
/// clause and the comma before the speaker are the clause's own, and a passive subject of the
/// verb of saying before the clause is the clause's subject. A bare noun is the clause's
/// object while it has none; one with a preposition or adverb before it ("near Dori") an
/// oblique.
pub(crate) fn phrases_of_the_reported_clause(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" {
            continue;
        }
        let kids = tree.children(v);
        let Some(c) = kids
            .iter()
            .copied()
            .find(|&c| c < v && matches!(tree.base_rel(c), "ccomp" | "parataxis") && tree.upos(c) == "VERB")
        else {
            continue;
        };
        // The speaker after the clause, and the comma that opens its phrase.
        let Some(speaker) = kids.iter().copied().find(|&s| s > c && s < v && tree.rel(s) == "nsubj") else {
            continue;
        };
        let start = tree.first_of(speaker);
        let comma = start.checked_sub(1).filter(|&p| tree.upos(p) == "PUNCT");
        let Some(boundary) = comma.or_else(|| (tree.upos(start) == "PUNCT").then_some(start)) else {
            continue;
        };
        let mut has_object = tree.has_child(c, &["obj"]);
        let mut has_subject = tree.has_child(c, &["nsubj", "nsubj:pass"]);
        for &x in kids {
            if x == c || x == speaker || tree.upos(x) == "PUNCT" {
                continue;
            }
            if x < c && tree.rel(x) == "nsubj:pass" && !has_subject {
                arcs.push((x, Some(c), "nsubj".to_owned()));
                has_subject = true;
            } else if x > c && x < boundary && matches!(tree.upos(x), "NOUN" | "PROPN" | "NUM") {
                // (Or the phrase opens on the preposition of a name or noun further down: "in
                // March 2022"; not "at least 15 people".)
                let first = tree.first_of(x);
                let marked = tree
                    .children(x)
                    .iter()
                    .any(|&m| m < x && matches!(tree.base_rel(m), "case" | "advmod" | "mark"))
                    || (tree.upos(first) == "ADP"
                        && tree
                            .head(first)
                            .is_some_and(|n| n != x && matches!(tree.upos(n), "NOUN" | "PROPN")));
                let rel = if marked || has_object { "obl" } else { "obj" };
                has_object |= rel == "obj";
                arcs.push((x, Some(c), rel.to_owned()));
            }
        }
    }
    arcs
}

/// A verb of saying inserted after the clause it reports, its speaker after it ("Des hommes
/// armés ont tué cinq villageois près de Dori dimanche, a indiqué un responsable local"):
/// the phrases the parser hung on it before the comma that opens it are the clause's.
pub(crate) fn phrases_before_an_inserted_speaker(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for p in 0..tree.len() {
        let Some(r) = tree.head(p).filter(|&r| r < p && tree.upos(r) == "VERB") else {
            continue;
        };
        if tree.base_rel(p) != "parataxis" || tree.upos(p) != "VERB" {
            continue;
        }
        // The speaker after the verb, and the comma right before the verb's first word.
        if !tree
            .children(p)
            .iter()
            .any(|&c| c > p && matches!(tree.base_rel(c), "nsubj" | "obj"))
        {
            continue;
        }
        let opening = tree
            .children(p)
            .iter()
            .copied()
            .filter(|&c| c < p && tree.base_rel(c) == "aux")
            .min()
            .unwrap_or(p);
        let Some(comma) = opening.checked_sub(1).filter(|&c| tree.upos(c) == "PUNCT") else {
            continue;
        };
        let mut has_object = tree.has_child(r, &["obj"]);
        for &x in tree.children(p) {
            if x > comma || !(r..comma).contains(&x) {
                continue;
            }
            let rel = match tree.base_rel(x) {
                "advmod" => "advmod",
                "obl" | "nmod" => "obl",
                "obj" if !has_object => "obj",
                "obj" => "obl",
                _ => continue,
            };
            has_object |= rel == "obj";
            arcs.push((x, Some(r), rel.to_owned()));
        }
    }
    arcs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(w: &str) -> bool {
        w == "say"
    }

    #[test]
    fn a_clause_hung_on_the_date_of_a_verb_of_saying_is_its_complement() {
        // "The army said on Saturday it had repelled an attack", as the parser read it.
        let mut tree = Tree::from_rows(&[
            "The the DET 2 det",
            "army army NOUN 3 nsubj",
            "said say VERB|Mood=Ind|Tense=Past|VerbForm=Fin 0 root",
            "on on ADP 5 case",
            "Saturday Saturday PROPN 3 obl",
            "it it PRON|PronType=Prs 8 nsubj",
            "had have AUX|VerbForm=Fin 8 aux",
            "repelled repel VERB|Tense=Past|VerbForm=Part 5 acl:relcl",
            "an a DET 10 det",
            "attack attack NOUN 8 obj",
        ]);
        clause_after_a_verb_of_saying(&mut tree, say);
        assert_eq!((tree.head(7), tree.rel(7)), (Some(2), "ccomp"));
    }

    #[test]
    fn a_relative_clause_without_a_pronoun_stays() {
        // "The army said in the statement it published that …": "it published" has no object.
        let mut tree = Tree::from_rows(&[
            "The the DET 2 det",
            "army army NOUN 3 nsubj",
            "said say VERB|Mood=Ind|Tense=Past|VerbForm=Fin 0 root",
            "in in ADP 6 case",
            "the the DET 6 det",
            "statement statement NOUN 3 obl",
            "it it PRON|PronType=Prs 8 nsubj",
            "published publish VERB|Mood=Ind|Tense=Past|VerbForm=Fin 6 acl:relcl",
        ]);
        clause_after_a_verb_of_saying(&mut tree, say);
        assert_eq!((tree.head(7), tree.rel(7)), (Some(5), "acl:relcl"));
    }

    #[test]
    fn a_speaker_read_as_a_relative_clause_at_the_end_is_an_aside() {
        // "The junta arrested a general, state television said.", as the parser read it.
        let mut tree = Tree::from_rows(&[
            "The the DET 2 det",
            "junta junta NOUN 3 nsubj",
            "arrested arrest VERB|Mood=Ind|Tense=Past|VerbForm=Fin 0 root",
            "a a DET 5 det",
            "general general NOUN 3 obj",
            ", , PUNCT 8 punct",
            "state state NOUN 8 compound",
            "television television NOUN 9 nsubj",
            "said say VERB|Mood=Ind|Tense=Past|VerbForm=Fin 5 acl:relcl",
            ". . PUNCT 3 punct",
        ]);
        clause_after_a_verb_of_saying(&mut tree, say);
        assert_eq!((tree.head(8), tree.rel(8)), (Some(2), "parataxis"));
    }
}
