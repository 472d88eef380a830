//! Sentences the parser gave a noun as the root, with the clause's verb below it: a finite
//! verb hung on the root noun by a nominal relation, or after a relative clause of it that
//! took the verb as its own ("Bola Tinubu, who chairs ECOWAS, threatened"), a past
//! participle with an object below it, and a clause made the complement of a participle on
//! it ("An army convoy escorting fuel trucks was ambushed"): the verb is the root and the
//! noun its subject. Applied among the other [`crate::repairs`].

use crate::repairs::Arcs;
use crate::tree::Tree;

/// A finite verb the parser hung on a noun it made the root, by a nominal relation
/// ("Franse militairen verlieten Niger": "verlieten" an nmod of "militairen"), is the
/// clause's verb, and the noun before it its subject; the root's other dependents after
/// the verb go with it ("eind 2023", the final stop). Only when the root noun comes first.
/// Also hung on the root's of-phrase ("Hundreds of people marched": "marched" a clause of
/// "people"), and as a conjunct with no subject or conjunction of its own right after the
/// comma that closes a name's apposition ("The head of the junta, General Tiani, met").
pub(crate) fn finite_verb_under_noun_root(tree: &Tree) -> Arcs {
    let n = tree.len();
    let Some(root) = tree.root() else {
        return Vec::new();
    };
    // (Or a count: "Honderden vrouwen marcheerden door Ouagadougou", "Honderden" the root.)
    if !matches!(tree.upos(root), "NOUN" | "PROPN" | "NUM") {
        return Vec::new();
    }
    let Some(v) = (root + 1..n).find(|&v| {
        on_root_or_its_of_phrase(tree, root, v)
            && tree.upos(v) == "VERB"
            && tree.has_feat(v, "VerbForm=Fin")
            && (matches!(
                tree.rel(v),
                "nmod" | "amod" | "appos" | "parataxis" | "acl" | "compound"
            )
                // "The head of the junta, General Tiani, met": a conjunct with no subject
                // and no conjunction of its own joins no clause.
                // (Set off by the comma that closes an apposition.)
                || (tree.rel(v) == "conj"
                    && !tree.has_child(v, &["cc", "nsubj", "nsubj:pass"])
                    && v >= 2
                    && tree.upos(v - 1) == "PUNCT"
                    && tree.upos(v - 2) == "PROPN"
                    && tree.has_child(root, &["punct"])))
    }) else {
        return Vec::new();
    };
    crate::adjuncts::apposition_over_the_clause(tree, root, v)
        .unwrap_or_else(|| verb_over_clause_noun(tree, root, v, "nsubj"))
}

/// "Malian soldiers and their Russian allies killed 20 herders": the parser made the first
/// subject the root and the verb its conjunct, with the second subject the verb's own after
/// the conjunction. A finite verb conjoined to a root noun that comes first, whose own
/// subject stands right after the conjunction that opens it (nothing of the noun's between,
/// no comma before it), is the clause's verb: both nouns are its subject, the second a conjunct of the first.
pub(crate) fn verb_conjoined_to_its_first_subject(tree: &Tree) -> Arcs {
    let Some(root) = tree.root().filter(|&r| matches!(tree.upos(r), "NOUN" | "PROPN")) else {
        return Vec::new();
    };
    let finite = |v: usize| {
        tree.upos(v) == "VERB"
            && (tree.has_feat(v, "VerbForm=Fin")
                || tree
                    .children_with(v, &["aux"])
                    .any(|a| tree.has_feat(a, "VerbForm=Fin")))
    };
    let Some(v) = tree.children_labelled(root, "conj").find(|&v| v > root && finite(v)) else {
        return Vec::new();
    };
    let Some(cc) = tree.children_labelled(v, "cc").find(|&c| c > root && c < v) else {
        return Vec::new();
    };
    // (The second subject opens right after the conjunction, and is the verb's only one.)
    let subjects: Vec<usize> = tree.children_labelled(v, "nsubj").collect();
    let [second] = subjects[..] else {
        return Vec::new();
    };
    if !(cc < second && second < v && tree.first_of(second) == cc + 1) {
        return Vec::new();
    }
    // (Nothing of the root's phrase after the conjunction, no word hung on it between; no
    // comma before it, which joins clauses: "Clashes in Gao, and the army says".)
    if (cc..v).any(|w| tree.head(w) == Some(root)) || (root..cc).any(|w| tree.upos(w) == "PUNCT") {
        return Vec::new();
    }
    let mut arcs = verb_over_clause_noun(tree, root, v, "nsubj");
    arcs.push((second, Some(root), "conj".to_owned()));
    arcs.push((cc, Some(second), "cc".to_owned()));
    arcs
}

/// Whether word `v` hangs on the root noun `root` or on its of-phrase ("Hundreds of people
/// marched").
fn on_root_or_its_of_phrase(tree: &Tree, root: usize, v: usize) -> bool {
    let of_phrase = |q: usize| {
        tree.head(q) == Some(root)
            && tree.base_rel(q) == "nmod"
            && crate::roles::case_of(tree, q).is_some_and(|c| crate::roles::is_of(&c))
    };
    tree.head(v).is_some_and(|h| h == root || of_phrase(h))
}

/// "Thousands of protesters gathered in the capital on Saturday calling for …, days after
/// Russia delivered …": finding a finite verb further on, the tagger read the first as a
/// participle modifying the root noun's phrase. The past participle of a verb without an
/// object (`unaccusative`: gather, arrive, march) hung on the root noun or its of-phrase, with
/// no object, subject or auxiliary of its own, tells what the noun did: it is the clause's
/// verb, finite, and the noun its subject. Only when the root noun comes first.
pub(crate) fn unaccusative_participle_under_noun_root(tree: &mut Tree, unaccusative: impl Fn(&str) -> bool) {
    let Some(root) = tree.root().filter(|&r| matches!(tree.upos(r), "NOUN" | "PROPN")) else {
        return;
    };
    let Some(v) = (root + 1..tree.len()).find(|&v| {
        on_root_or_its_of_phrase(tree, root, v)
            && tree.upos(v) == "VERB"
            && tree.rel(v) == "acl"
            && tree.has_feat(v, "VerbForm=Part")
            && !tree.has_child(v, &["obj", "nsubj", "aux", "cop"])
            && unaccusative(&tree.lemma(v).to_lowercase())
    }) else {
        return;
    };
    tree.retag_finite_past(v);
    let arcs = verb_over_clause_noun(tree, root, v, "nsubj");
    tree.rehead(&arcs);
}

/// Verb `v` takes the place of noun `x` (the root, or a clause of a verb of saying), and `x`
/// becomes its subject by relation `subject`; `x`'s dependents after the verb go with it.
fn verb_over_clause_noun(tree: &Tree, x: usize, v: usize, subject: &str) -> Arcs {
    let mut arcs = vec![
        (v, tree.head(x), tree.rel(x).to_owned()),
        (x, Some(v), subject.to_owned()),
    ];
    arcs.extend(
        (v + 1..tree.len())
            .filter(|&c| tree.head(c) == Some(x))
            .map(|c| (c, Some(v), tree.rel(c).to_owned())),
    );
    arcs
}

/// A past participle with an object of its own, that the parser hung below a noun it made the
/// root (or the clause a verb of saying reports), is that clause's verb (a past tense the
/// tagger read as a participle: a participle modifying a noun says what was done to it and
/// takes no object), and the noun its subject ("British aircraft using guided missiles killed
/// 4 Iraqis": "killed" a modifier of "missiles"; "The junta released 20 members of the
/// government, a spokesman said": "released" a modifier of "junta"); so is a finite verb the
/// parser hung there as a modifier ("Malian troops and Russian mercenaries executed 20
/// villagers": "executed" a modifier of "mercenaries"). Only when no verb in the noun's
/// phrase has a subject or auxiliary.
pub(crate) fn participle_with_object_under_noun_root(tree: &Tree) -> Arcs {
    let n = tree.len();
    let clause_noun = |x: usize| {
        matches!(tree.upos(x), "NOUN" | "PROPN")
            && (tree.head(x).is_none() || matches!(tree.base_rel(x), "ccomp" | "parataxis"))
            && !(0..n)
                .any(|v| tree.upos(v) == "VERB" && tree.dominates(x, v) && tree.has_child(v, &["nsubj", "aux", "cop"]))
    };
    for x in (0..n).filter(|&x| clause_noun(x)) {
        let verb = (x + 1..n).find(|&v| {
            tree.upos(v) == "VERB"
                && tree.dominates(x, v)
                && ((tree.base_rel(v) == "acl" && tree.has_feat(v, "VerbForm=Part") && tree.has_feat(v, "Tense=Past"))
                    || (tree.rel(v) == "acl" && tree.has_feat(v, "VerbForm=Fin")))
                && tree.has_child(v, &["obj"])
        });
        if let Some(v) = verb {
            return verb_over_clause_noun(tree, x, v, "nsubj");
        }
    }
    Vec::new()
}

/// "An army convoy escorting fuel trucks was ambushed": the parser made the noun before the
/// participle the root, and the passive clause after it the participle's complement, with
/// the participle's object its subject. A clause with an auxiliary that is the complement of
/// an object-less present participle modifying a root noun is the sentence's verb: the noun is
/// its subject (passive if the clause's was), and that subject the participle's object.
pub(crate) fn clause_under_a_participle_of_the_root_noun(tree: &Tree) -> Arcs {
    let Some(x) = tree.root().filter(|&x| matches!(tree.upos(x), "NOUN" | "PROPN")) else {
        return Vec::new();
    };
    for &p in tree.children(x) {
        if tree.base_rel(p) != "acl"
            || tree.upos(p) != "VERB"
            || !tree.is_present_participle(p)
            || tree.has_child(p, &["obj"])
        {
            continue;
        }
        for &v in tree.children(p) {
            if tree.base_rel(v) != "ccomp" || tree.upos(v) != "VERB" || v < p || !tree.has_child(v, &["aux"]) {
                continue;
            }
            let Some(subject) = tree.children_with(v, &["nsubj"]).find(|&c| p < c && c < v) else {
                continue;
            };
            let mut arcs = verb_over_clause_noun(tree, x, v, tree.rel(subject));
            arcs.push((subject, Some(p), "obj".to_owned()));
            return arcs;
        }
    }
    Vec::new()
}

/// "Nigeria's president Bola Tinubu, who chairs ECOWAS, threatened military action": the
/// parser made the name the root and the verb after the relative clause that clause's
/// adverbial. A finite verb (or one with a finite auxiliary) without a subject, right after
/// the comma that closes a relative clause or a participle set off by a comma on the root
/// noun (or on a name part of it), hung on that clause, is the sentence's verb and the root
/// noun its subject.
pub(crate) fn verb_after_a_relative_clause_of_the_root_noun(tree: &Tree) -> Arcs {
    let Some(x) = tree.root().filter(|&x| matches!(tree.upos(x), "NOUN" | "PROPN")) else {
        return Vec::new();
    };
    let of_root = |h: usize| h == x || (tree.head(h) == Some(x) && tree.base_rel(h) == "flat");
    // (A participle set off by a comma, "Les assaillants, venus à moto, ont été repoussés",
    // closes the same way.)
    let set_off_participle = |r: usize| {
        tree.rel(r) == "acl" && tree.is_participle(r) && r.checked_sub(1).is_some_and(|c| tree.lower(c) == ",")
    };
    let finite = |v: usize| {
        tree.has_feat(v, "VerbForm=Fin")
            || tree
                .children_with(v, &["aux"])
                .any(|a| a < v && tree.has_feat(a, "VerbForm=Fin"))
    };
    for r in 0..tree.len() {
        if !(tree.rel(r) == "acl:relcl" || set_off_participle(r)) || !tree.head(r).is_some_and(of_root) {
            continue;
        }
        let verb = tree.children(r).iter().copied().find(|&v| {
            v > r
                && tree.upos(v) == "VERB"
                && finite(v)
                && matches!(tree.base_rel(v), "advcl" | "conj" | "parataxis")
                && !tree.has_child(v, &["mark", "cc"])
                && !tree.has_any_subject(v)
                && tree
                    .children_with(v, &["aux"])
                    .filter(|&a| a < v)
                    .chain([v])
                    .min()
                    .and_then(|first| first.checked_sub(1))
                    .is_some_and(|c| tree.lower(c) == ",")
        });
        if let Some(v) = verb {
            let subject = if tree.has_child(v, &["aux:pass"]) {
                "nsubj:pass"
            } else {
                "nsubj"
            };
            return verb_over_clause_noun(tree, x, v, subject);
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_after_a_relative_clause_of_the_root_name_is_the_sentences_verb() {
        // As the English model parses it: "threatened" an adverbial of "chairs".
        let t = Tree::from_rows(&[
            "Bola Bola PROPN 0 root",
            "Tinubu Tinubu PROPN 1 flat",
            ", , PUNCT 5 punct",
            "who who PRON|PronType=Rel 5 nsubj",
            "chairs chair VERB|VerbForm=Fin 2 acl:relcl",
            "ECOWAS ECOWAS PROPN 5 obj",
            ", , PUNCT 8 punct",
            "threatened threaten VERB|VerbForm=Fin 5 advcl",
            "Niger Niger PROPN 8 obj",
            ". . PUNCT 1 punct",
        ]);
        // (The repairs run as the tree is made; once more finds nothing left to do.)
        assert!(verb_after_a_relative_clause_of_the_root_noun(&t).is_empty());
        assert_eq!(t.root(), Some(7));
        assert_eq!((t.head(0), t.rel(0)), (Some(7), "nsubj"));
        assert_eq!(t.head(4), Some(1), "the relative clause stays with the name");
        assert_eq!(t.head(9), Some(7), "the final stop goes to the verb");
        // A verb with a subject of its own, or joined by a conjunction, stays.
        let t = Tree::from_rows(&[
            "Bola Bola PROPN 0 root",
            ", , PUNCT 4 punct",
            "who who PRON|PronType=Rel 4 nsubj",
            "chairs chair VERB|VerbForm=Fin 1 acl:relcl",
            ", , PUNCT 7 punct",
            "he he PRON 7 nsubj",
            "said say VERB|VerbForm=Fin 4 parataxis",
        ]);
        assert_eq!(t.root(), Some(0));
        assert_eq!(t.head(6), Some(3));
    }

    #[test]
    fn a_passive_after_a_participle_set_off_on_the_root_noun_is_the_sentences_verb() {
        // "Les assaillants, venus à moto, ont été repoussés": the verb a conjunct of "venus".
        let t = Tree::from_rows(&[
            "Les le DET 2 det",
            "assaillants assaillant NOUN 0 root",
            ", , PUNCT 4 punct",
            "venus venir VERB|Tense=Past|VerbForm=Part 2 acl",
            "à à ADP 6 case",
            "moto moto NOUN 4 obl",
            ", , PUNCT 10 punct",
            "ont avoir AUX|VerbForm=Fin 10 aux:tense",
            "été être AUX|VerbForm=Part 10 aux:pass",
            "repoussés repousser VERB|Tense=Past|VerbForm=Part|Voice=Pass 4 conj",
            ". . PUNCT 2 punct",
        ]);
        assert_eq!(t.root(), Some(9));
        assert_eq!((t.head(1), t.rel(1)), (Some(9), "nsubj:pass"));
        assert_eq!(t.head(3), Some(1), "the participle stays with its noun");
    }

    #[test]
    fn the_participle_of_a_verb_without_an_object_on_a_root_noun_is_the_clauses_verb() {
        let conllu = "# text = Thousands of protesters gathered in Bamako calling for elections, days after Russia delivered jets.\n\
1\tThousands\tthousand\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
2\tof\tof\tADP\t_\t_\t3\tcase\t_\t_\n\
3\tprotesters\tprotester\tNOUN\t_\tNumber=Plur\t1\tnmod\t_\t_\n\
4\tgathered\tgather\tVERB\t_\tTense=Past|VerbForm=Part|Voice=Pass\t1\tacl\t_\t_\n\
5\tin\tin\tADP\t_\t_\t6\tcase\t_\t_\n\
6\tBamako\tBamako\tPROPN\t_\t_\t4\tobl\t_\t_\n\
7\tcalling\tcall\tVERB\t_\tVerbForm=Ger\t4\tadvcl\t_\t_\n\
8\tfor\tfor\tADP\t_\t_\t9\tcase\t_\t_\n\
9\telections\telection\tNOUN\t_\tNumber=Plur\t7\tobl\t_\t_\n\
10\t,\t,\tPUNCT\t_\t_\t11\tpunct\t_\t_\n\
11\tdays\tday\tNOUN\t_\tNumber=Plur\t1\tnmod\t_\t_\n\
12\tafter\tafter\tSCONJ\t_\t_\t14\tmark\t_\t_\n\
13\tRussia\tRussia\tPROPN\t_\t_\t14\tnsubj\t_\t_\n\
14\tdelivered\tdeliver\tVERB\t_\tTense=Past|VerbForm=Fin\t11\tacl\t_\t_\n\
15\tjets\tjet\tNOUN\t_\tNumber=Plur\t14\tobj\t_\t_\n\
16\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
        let unaccusative = |w: &str| matches!(w, "gather" | "march");
        let mut t = Tree::from_conllu(conllu);
        unaccusative_participle_under_noun_root(&mut t, unaccusative);
        assert_eq!(t.root(), Some(3), "the participle is the root");
        assert_eq!((t.head(0), t.rel(0)), (Some(3), "nsubj"));
        assert!(t.has_feat(3, "VerbForm=Fin"));
        assert_eq!(
            t.head(10),
            Some(3),
            "the root noun's dependents after the verb go with it"
        );
        // A verb that takes an object is no such verb: nothing moves.
        let mut t = Tree::from_conllu(&conllu.replace("\tgather\t", "\tbomb\t"));
        unaccusative_participle_under_noun_root(&mut t, unaccusative);
        assert_eq!(t.root(), Some(0));
    }

    #[test]
    fn a_verb_conjoined_after_an_apposition_without_subject_or_conjunction_is_the_verb() {
        // As the English model parses "The head of the junta, General Goïta, met a delegation
        // led by the minister in Bamako": "met" a conjunct of the root "head".
        let conllu = "# text = The head of the junta, General Goïta, met a delegation.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\thead\thead\tNOUN\t_\tNumber=Sing\t0\troot\t_\t_\n\
3\tof\tof\tADP\t_\t_\t5\tcase\t_\t_\n\
4\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tjunta\tjunta\tNOUN\t_\tNumber=Sing\t2\tnmod\t_\t_\n\
6\t,\t,\tPUNCT\t_\t_\t8\tpunct\t_\t_\n\
7\tGeneral\tgeneral\tADJ\t_\t_\t8\tamod\t_\t_\n\
8\tGoïta\tGoïta\tPROPN\t_\t_\t2\tnmod\t_\t_\n\
9\t,\t,\tPUNCT\t_\t_\t10\tpunct\t_\t_\n\
10\tmet\tmeet\tVERB\t_\tTense=Past|VerbForm=Fin\t2\tconj\t_\t_\n\
11\ta\ta\tDET\t_\t_\t12\tdet\t_\t_\n\
12\tdelegation\tdelegation\tNOUN\t_\tNumber=Sing\t10\tobj\t_\t_\n\
13\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
        let t = Tree::from_conllu(conllu);
        assert_eq!(t.root(), Some(9));
        assert_eq!(t.head(1), Some(9), "the noun is the verb's subject");
        // A conjunct with its own conjunction joins a clause: "Clashes in Gao, and the army
        // fled" keeps its arcs.
        let conllu = "# text = Clashes in Gao, and fled.\n\
1\tClashes\tclash\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
2\tin\tin\tADP\t_\t_\t3\tcase\t_\t_\n\
3\tGao\tGao\tPROPN\t_\t_\t1\tnmod\t_\t_\n\
4\t,\t,\tPUNCT\t_\t_\t6\tpunct\t_\t_\n\
5\tand\tand\tCCONJ\t_\t_\t6\tcc\t_\t_\n\
6\tfled\tflee\tVERB\t_\tTense=Past|VerbForm=Fin\t1\tconj\t_\t_\n\
7\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
        let t = Tree::from_conllu(conllu);
        assert_eq!(t.root(), Some(0));
    }
}
