//! Re-readings of parses that cannot be right, each kept only when the sentence stays one tree
//! ([`Tree::rehead`]): a finite verb the parser hung on a root noun, or under a participle it
//! made the root, is the clause's verb; the first of two subjects belongs to the reported
//! clause between them; a marked infinitive hung on a number belongs to the verb above it; a
//! conjunct with an auxiliary joined to an untensed modifier joins the tensed verb above; a
//! subject after its verb that disagrees with it changes places with a phrase before it that
//! agrees; a marked infinitive right after a verb without a complement completes it; a
//! possessor the parser made the head of its noun ("the delegation's arrival") is its
//! possessive; a determined noun phrase hung on a date's number is the verb's object.
//! (A relative clause read as the main clause is [`crate::relatives`].)

use crate::tree::Tree;

/// A change of arcs: (word, head, relation), `None` for the root ([`Tree::rehead`]).
type Arcs = Vec<(usize, Option<usize>, String)>;

/// Every repair, in the order applied: each reads the tree as the ones before left it.
const REPAIRS: [fn(&Tree) -> Arcs; 9] = [
    finite_verb_under_noun_root,
    infinitives_on_numbers,
    finite_verb_under_participle_root,
    subject_of_reported_clause,
    conjunct_of_the_main_clause,
    subject_that_agrees,
    infinitive_after_its_verb,
    possessor_over_its_noun,
    object_on_a_number,
];

/// Applies every repair, in order.
pub(crate) fn repair(tree: &mut Tree) {
    for find in REPAIRS {
        let arcs = find(tree);
        tree.rehead(&arcs);
    }
}

/// A noun phrase without a preposition after a date's number, that the parser hung on the
/// number, is the object of the verb the date belongs to, when that verb has none
/// ("announced on December 1 their decision to leave").
fn object_on_a_number(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in 0..tree.len() {
        let Some(h) = tree.head(c).filter(|&h| h < c && tree.upos(h) == "NUM") else {
            continue;
        };
        let Some(v) = tree.head(h).filter(|&v| tree.upos(v) == "VERB" && v < h) else {
            continue;
        };
        let determined = tree
            .children(c)
            .iter()
            .any(|&d| matches!(tree.rel(d), "det" | "nmod:poss") && d < c);
        if tree.upos(c) == "NOUN"
            && determined
            && !tree.children(c).iter().any(|&d| tree.base_rel(d) == "case")
            && !tree.children(v).iter().any(|&d| tree.base_rel(d) == "obj")
        {
            arcs.push((c, Some(v), "obj".to_owned()));
        }
    }
    arcs
}

/// "the Russian delegation's arrival" with "arrival" hung below "delegation": the noun marked
/// as a possessor ("'s") is the possessive of the noun after it, which takes its place.
fn possessor_over_its_noun(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for x in 0..tree.len() {
        let marked = tree
            .children(x)
            .iter()
            .any(|&c| c == x + 1 && tree.base_rel(c) == "case" && matches!(tree.lower(c), "'s" | "’s" | "'" | "’"));
        let Some(y) = (x + 2 < tree.len()).then_some(x + 2) else {
            continue;
        };
        if !marked
            || !matches!(tree.upos(x), "NOUN" | "PROPN")
            || tree.upos(y) != "NOUN"
            || tree.head(y) != Some(x)
            || tree.base_rel(x) == "nmod:poss"
        {
            continue;
        }
        arcs.push((y, tree.head(x), tree.rel(x).to_owned()));
        arcs.push((x, Some(y), "nmod:poss".to_owned()));
    }
    arcs
}

/// A marked infinitive right after a verb without a complement (adverbs between), that the
/// parser hung on a word further on, completes that verb ("Macron weigerde aanvankelijk te
/// vertrekken, maar ...": "vertrekken" hung on the verb of the next clause).
fn infinitive_after_its_verb(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for i in 0..tree.len() {
        let Some(h) = tree.head(i) else { continue };
        let marked = tree.children(i).iter().any(|&c| tree.rel(c) == "mark" && c < i);
        if h < i || tree.upos(i) != "VERB" || !tree.has_feat(i, "VerbForm=Inf") || !marked {
            continue;
        }
        // Back over the infinitive's own marks and adverbs to the word before them.
        let mut j = i;
        while j > 0 && (tree.head(j - 1) == Some(i) || matches!(tree.upos(j - 1), "ADV")) {
            j -= 1;
        }
        let Some(v) = j.checked_sub(1).filter(|&v| tree.upos(v) == "VERB") else {
            continue;
        };
        let complete = tree
            .children(v)
            .iter()
            .any(|&c| matches!(tree.base_rel(c), "xcomp" | "ccomp" | "obj"));
        if !complete && tree.has_feat(v, "VerbForm=Fin") {
            arcs.push((i, Some(v), "xcomp".to_owned()));
        }
    }
    arcs
}

/// A subject after its finite verb that disagrees with it in number, where a bare noun phrase
/// before the verb agrees: the two are swapped ("Franse militairen verlieten Niger": "Niger",
/// singular, read as the subject of plural "verlieten" and "militairen" as an oblique). Dutch
/// puts an object first as readily as a subject; the order is what misleads the parser.
fn subject_that_agrees(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        let Some((number, other)) = [("Number=Plur", "Number=Sing"), ("Number=Sing", "Number=Plur")]
            .into_iter()
            .find(|(n, _)| tree.has_feat(v, n) && tree.has_feat(v, "VerbForm=Fin"))
        else {
            continue;
        };
        let bare = |w: usize| {
            matches!(tree.upos(w), "NOUN" | "PROPN")
                && !tree
                    .children(w)
                    .iter()
                    .any(|&d| matches!(tree.base_rel(d), "case" | "conj"))
        };
        let Some(c) = tree
            .children(v)
            .iter()
            .copied()
            .find(|&c| c > v && tree.rel(c) == "nsubj" && bare(c) && tree.has_feat(c, other))
        else {
            continue;
        };
        let agreeing = tree
            .children(v)
            .iter()
            .copied()
            .find(|&o| o < v && matches!(tree.rel(o), "obl" | "obj") && bare(o) && tree.has_feat(o, number));
        if let Some(o) = agreeing {
            arcs.push((o, Some(v), "nsubj".to_owned()));
            arcs.push((c, Some(v), "obj".to_owned()));
        }
    }
    arcs
}

/// A conjunct with an auxiliary of its own and no subject, that the parser joined to an
/// untensed verb modifying a noun, is joined to the tensed verb above it ("The minister has
/// been indicted by the court for his alleged part in the killings and will resign": "will
/// resign" a conjunct of "alleged", not of "indicted").
fn conjunct_of_the_main_clause(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in 0..tree.len() {
        let Some(h) = tree.head(c) else { continue };
        if tree.rel(c) != "conj"
            || tree.upos(c) != "VERB"
            || !tree.children(c).iter().any(|&d| tree.base_rel(d) == "aux")
            || tree.children(c).iter().any(|&d| tree.base_rel(d).starts_with("nsubj"))
            || tree.upos(h) != "VERB"
            || tree.base_rel(h) != "acl"
            || tree.is_tensed(h)
        {
            continue;
        }
        let mut up = tree.head(h);
        for _ in 0..4 {
            match up {
                Some(u) if tree.upos(u) == "VERB" && tree.is_tensed(u) => break,
                Some(u) => up = tree.head(u),
                None => break,
            }
        }
        if let Some(m) = up.filter(|&m| tree.upos(m) == "VERB" && m < c) {
            arcs.push((c, Some(m), "conj".to_owned()));
        }
    }
    arcs
}

/// A finite verb the parser hung on a noun it made the root, by a nominal relation
/// ("Franse militairen verlieten Niger": "verlieten" an nmod of "militairen"), is the
/// clause's verb, and the noun before it its subject; the root's other dependents after
/// the verb go with it ("eind 2023", the final stop). Only when the root noun comes first.
fn finite_verb_under_noun_root(tree: &Tree) -> Arcs {
    let n = tree.len();
    let Some(root) = tree.root() else {
        return Vec::new();
    };
    if !matches!(tree.upos(root), "NOUN" | "PROPN") {
        return Vec::new();
    }
    let Some(v) = (root + 1..n).find(|&v| {
        tree.head(v) == Some(root)
            && tree.upos(v) == "VERB"
            && tree.has_feat(v, "VerbForm=Fin")
            && matches!(
                tree.rel(v),
                "nmod" | "amod" | "appos" | "parataxis" | "acl" | "compound"
            )
    }) else {
        return Vec::new();
    };
    let mut arcs = vec![(v, None, "root".to_owned()), (root, Some(v), "nsubj".to_owned())];
    arcs.extend(
        (v + 1..n)
            .filter(|&c| tree.head(c) == Some(root))
            .map(|c| (c, Some(v), tree.rel(c).to_owned())),
    );
    arcs
}

/// A participle the parser made the root, with a subject and no auxiliary, over a finite
/// verb without a subject of its own (not a conjunct, which shares the participle's), is
/// the subject's modifier, and the finite verb the clause's ("The military regime in power
/// following a coup in July, denounced the agreement": "following" the root, "denounced"
/// its adverbial clause; "Dockers affiliated with the union stopped work"). Words of the
/// participle before its subject or after the finite verb go with the finite verb.
fn finite_verb_under_participle_root(tree: &Tree) -> Arcs {
    let Some(r) = tree.root() else {
        return Vec::new();
    };
    let participle = tree.has_feat(r, "VerbForm=Ger") || tree.has_feat(r, "VerbForm=Part");
    if tree.upos(r) != "VERB"
        || !participle
        || tree
            .children(r)
            .iter()
            .any(|&c| matches!(tree.base_rel(c), "aux" | "cop"))
    {
        return Vec::new();
    }
    let Some(s) = tree
        .children(r)
        .iter()
        .copied()
        .find(|&c| tree.rel(c) == "nsubj" && c < r)
    else {
        return Vec::new();
    };
    let Some(v) = tree.children(r).iter().copied().find(|&v| {
        v > r
            && tree.upos(v) == "VERB"
            && tree.has_feat(v, "VerbForm=Fin")
            && matches!(tree.base_rel(v), "advcl" | "parataxis" | "ccomp")
            && !tree.children(v).iter().any(|&c| tree.base_rel(c).starts_with("nsubj"))
    }) else {
        return Vec::new();
    };
    let mut arcs = vec![
        (v, None, "root".to_owned()),
        (s, Some(v), "nsubj".to_owned()),
        (r, Some(s), "acl".to_owned()),
    ];
    arcs.extend(
        tree.children(r)
            .iter()
            .filter(|&&c| (c < s || c > v) && c != v)
            .map(|&c| (c, Some(v), tree.rel(c).to_owned())),
    );
    arcs
}

/// A verb the parser gave two subjects, the first before a reported clause without a
/// subject of its own: the first is that clause's ("Thousands of Kurds demonstrated in
/// Kirkuk, witnesses said": "Thousands" and "witnesses" both subjects of "said").
fn subject_of_reported_clause(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        let subjects: Vec<usize> = tree
            .children(v)
            .iter()
            .copied()
            .filter(|&c| tree.rel(c) == "nsubj")
            .collect();
        let [s, _, ..] = subjects[..] else { continue };
        let clause = tree.children(v).iter().copied().find(|&c| {
            c > s
                && c < v
                && matches!(tree.base_rel(c), "ccomp" | "parataxis")
                && tree.upos(c) == "VERB"
                // (A past participle without an auxiliary is a past tense the tagger
                // misread: "demonstrated".)
                && (tree.has_feat(c, "VerbForm=Fin")
                    || (tree.has_feat(c, "Tense=Past")
                        && !tree.children(c).iter().any(|&d| tree.base_rel(d) == "aux")))
                && !tree.children(c).iter().any(|&d| tree.base_rel(d).starts_with("nsubj"))
        });
        if let Some(c) = clause {
            arcs.push((s, Some(c), "nsubj".to_owned()));
        }
    }
    arcs
}

/// A marked infinitive the parser hung on a number, which takes no clause, belongs to the
/// verb above the number ("agreed on Friday April 19 to withdraw", "created in 2014 to
/// fight jihadist groups"): its complement, sharing its subject, unless the verb is a
/// participle or has an object of its own, when it says what the act is for.
fn infinitives_on_numbers(tree: &Tree) -> Arcs {
    let n = tree.len();
    let mut arcs = Vec::new();
    for i in 0..n {
        let Some(h) = tree.head(i).filter(|&h| tree.upos(h) == "NUM") else {
            continue;
        };
        if tree.upos(i) != "VERB"
            || !tree.has_feat(i, "VerbForm=Inf")
            || !matches!(tree.base_rel(i), "acl" | "xcomp" | "advcl")
            || !tree.children(i).iter().any(|&c| tree.rel(c) == "mark")
        {
            continue;
        }
        // Up through the number's nominal heads ("Friday April 19") to the verb.
        let mut up = tree.head(h);
        for _ in 0..3 {
            match up {
                Some(u) if matches!(tree.upos(u), "NOUN" | "PROPN" | "NUM") => up = tree.head(u),
                _ => break,
            }
        }
        let Some(v) = up.filter(|&v| tree.upos(v) == "VERB") else {
            continue;
        };
        let own_object = tree
            .children(v)
            .iter()
            .any(|&c| tree.base_rel(c) == "obj" && !tree.dominates(c, h));
        let rel = if tree.has_feat(v, "VerbForm=Part") || own_object {
            "advcl"
        } else {
            "xcomp"
        };
        arcs.push((i, Some(v), rel.to_owned()));
    }
    arcs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_of(conllu: &str) -> Tree {
        let s = sahel_syntax::conllu::parse(conllu).expect("conllu").remove(0);
        Tree::new(s)
    }

    #[test]
    fn a_finite_verb_hung_on_a_root_noun_is_the_clauses_verb() {
        let conllu = "# text = Franse militairen verlieten Niger eind 2023.\n\
1\tFranse\tFrans\tADJ\t_\t_\t2\tamod\t_\t_\n\
2\tmilitairen\tmilitair\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
3\tverlieten\tverlaten\tVERB\t_\tNumber=Plur|Tense=Past|VerbForm=Fin\t2\tnmod\t_\t_\n\
4\tNiger\tNiger\tPROPN\t_\t_\t3\tobj\t_\t_\n\
5\teind\teind\tNOUN\t_\t_\t3\tobl\t_\t_\n\
6\t2023\t2023\tNUM\t_\t_\t5\tnummod\t_\t_\n\
7\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!(t.head(2), None, "{}", t.sentence().tokens[2].deprel);
        assert_eq!((t.head(1), t.rel(1)), (Some(2), "nsubj"));
        assert_eq!(t.head(0), Some(1), "the adjective stays with its noun");
        assert_eq!(t.head(6), Some(2), "the final stop goes to the verb");
        // A root noun with a participle after it ("Thousands of protesters gathered") keeps it.
        let conllu = "# text = Nieuwe aanval op het leger.\n\
1\tNieuwe\tnieuw\tADJ\t_\t_\t2\tamod\t_\t_\n\
2\taanval\taanval\tNOUN\t_\t_\t0\troot\t_\t_\n\
3\top\top\tADP\t_\t_\t5\tcase\t_\t_\n\
4\thet\thet\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tleger\tleger\tNOUN\t_\t_\t2\tnmod\t_\t_\n\
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!(t.head(1), None, "a verbless headline keeps its noun root");
    }

    #[test]
    fn a_marked_infinitive_hung_on_a_number_belongs_to_the_verb_above_it() {
        // As the English model parses it: "4" the object, "release" a clause of the number.
        let conllu = "# text = The government agreed on Tuesday March 4 to release the prisoners.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tgovernment\tgovernment\tNOUN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
3\tagreed\tagree\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
4\ton\ton\tADP\t_\t_\t6\tcase\t_\t_\n\
5\tTuesday\tTuesday\tPROPN\t_\t_\t6\tcompound\t_\t_\n\
6\tMarch\tMarch\tPROPN\t_\t_\t7\tnmod:unmarked\t_\t_\n\
7\t4\t4\tNUM\t_\t_\t3\tobj\t_\t_\n\
8\tto\tto\tPART\t_\t_\t9\tmark\t_\t_\n\
9\trelease\trelease\tVERB\t_\tVerbForm=Inf\t7\tacl\t_\t_\n\
10\tthe\tthe\tDET\t_\t_\t11\tdet\t_\t_\n\
11\tprisoners\tprisoner\tNOUN\t_\tNumber=Plur\t9\tobj\t_\t_\n\
12\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.head(8), t.rel(8)), (Some(2), "xcomp"), "the verb's complement");
        // Of a participle, what the act is for.
        let conllu = "# text = The force was created in 2017 to fight armed groups.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tforce\tforce\tNOUN\t_\tNumber=Sing\t4\tnsubj:pass\t_\t_\n\
3\twas\tbe\tAUX\t_\tVerbForm=Fin\t4\taux:pass\t_\t_\n\
4\tcreated\tcreate\tVERB\t_\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n\
5\tin\tin\tADP\t_\t_\t6\tcase\t_\t_\n\
6\t2017\t2017\tNUM\t_\t_\t4\tobl\t_\t_\n\
7\tto\tto\tPART\t_\t_\t8\tmark\t_\t_\n\
8\tfight\tfight\tVERB\t_\tVerbForm=Inf\t6\tacl\t_\t_\n\
9\tarmed\tarm\tVERB\t_\tVerbForm=Part\t10\tamod\t_\t_\n\
10\tgroups\tgroup\tNOUN\t_\tNumber=Plur\t8\tobj\t_\t_\n\
11\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.head(7), t.rel(7)), (Some(3), "advcl"));
        // A number with no verb above it keeps its clause.
        let conllu = "# text = 2017 to fight.\n\
1\t2017\t2017\tNUM\t_\t_\t0\troot\t_\t_\n\
2\tto\tto\tPART\t_\t_\t3\tmark\t_\t_\n\
3\tfight\tfight\tVERB\t_\tVerbForm=Inf\t1\tacl\t_\t_\n\
4\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.head(2), t.rel(2)), (Some(0), "acl"));
    }

    #[test]
    fn a_finite_verb_under_a_participle_root_is_the_clauses_verb() {
        let conllu = "# text = The regime following the coup, denounced the accord.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tregime\tregime\tNOUN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
3\tfollowing\tfollow\tVERB\t_\tTense=Pres|VerbForm=Part\t0\troot\t_\t_\n\
4\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tcoup\tcoup\tNOUN\t_\tNumber=Sing\t3\tobj\t_\t_\n\
6\t,\t,\tPUNCT\t_\t_\t7\tpunct\t_\t_\n\
7\tdenounced\tdenounce\tVERB\t_\tTense=Past|VerbForm=Fin\t3\tadvcl\t_\t_\n\
8\tthe\tthe\tDET\t_\t_\t9\tdet\t_\t_\n\
9\taccord\taccord\tNOUN\t_\tNumber=Sing\t7\tobj\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!(t.head(6), None, "the finite verb is the root");
        assert_eq!((t.head(1), t.rel(1)), (Some(6), "nsubj"));
        assert_eq!(
            (t.head(2), t.rel(2)),
            (Some(1), "acl"),
            "the participle modifies the subject"
        );
        assert_eq!(t.head(4), Some(2), "the participle keeps its object");
        assert_eq!(t.head(9), Some(6), "the final stop goes to the verb");
        // A conjunct shares the participle root's subject: a mistagged finite verb stays.
        let conllu = conllu.replace("\t3\tadvcl\t", "\t3\tconj\t");
        let t = tree_of(&conllu);
        assert_eq!(t.head(2), None);
    }

    #[test]
    fn the_first_of_two_subjects_belongs_to_the_reported_clause_between_them() {
        let conllu = "# text = Hundreds of farmers marched in Tahoua, officials said.\n\
1\tHundreds\thundred\tNOUN\t_\tNumber=Plur\t9\tnsubj\t_\t_\n\
2\tof\tof\tADP\t_\t_\t3\tcase\t_\t_\n\
3\tfarmers\tfarmer\tNOUN\t_\tNumber=Plur\t1\tnmod\t_\t_\n\
4\tmarched\tmarch\tVERB\t_\tTense=Past|VerbForm=Part\t9\tccomp\t_\t_\n\
5\tin\tin\tADP\t_\t_\t6\tcase\t_\t_\n\
6\tTahoua\tTahoua\tPROPN\t_\t_\t4\tobl\t_\t_\n\
7\t,\t,\tPUNCT\t_\t_\t8\tpunct\t_\t_\n\
8\tofficials\tofficial\tNOUN\t_\tNumber=Plur\t9\tnsubj\t_\t_\n\
9\tsaid\tsay\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t9\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.head(0), t.rel(0)), (Some(3), "nsubj"));
        assert_eq!(t.head(7), Some(8), "the speaker stays");
        // One subject only: nothing moves.
        let one = conllu.replace("\t9\tnsubj\t_\t_\n2", "\t9\tobl\t_\t_\n2");
        let t = tree_of(&one);
        assert_eq!(t.head(0), Some(8));
    }

    #[test]
    fn a_tensed_conjunct_joined_to_a_modifier_joins_the_main_clause() {
        let conllu = "# text = The minister was charged by the court for his alleged role and will resign.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tminister\tminister\tNOUN\t_\tNumber=Sing\t4\tnsubj:pass\t_\t_\n\
3\twas\tbe\tAUX\t_\tVerbForm=Fin\t4\taux:pass\t_\t_\n\
4\tcharged\tcharge\tVERB\t_\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n\
5\tby\tby\tADP\t_\t_\t7\tcase\t_\t_\n\
6\tthe\tthe\tDET\t_\t_\t7\tdet\t_\t_\n\
7\tcourt\tcourt\tNOUN\t_\tNumber=Sing\t4\tobl:agent\t_\t_\n\
8\tfor\tfor\tADP\t_\t_\t10\tmark\t_\t_\n\
9\this\the\tPRON\t_\t_\t11\tnmod:poss\t_\t_\n\
10\talleged\tallege\tVERB\t_\tTense=Past|VerbForm=Part\t7\tacl\t_\t_\n\
11\trole\trole\tNOUN\t_\tNumber=Sing\t10\tobj\t_\t_\n\
12\tand\tand\tCCONJ\t_\t_\t14\tcc\t_\t_\n\
13\twill\twill\tAUX\t_\tVerbForm=Fin\t14\taux\t_\t_\n\
14\tresign\tresign\tVERB\t_\tVerbForm=Inf\t10\tconj\t_\t_\n\
15\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.head(13), t.rel(13)), (Some(3), "conj"));
        // Without an auxiliary of its own it may be the modifier's conjunct: it stays.
        let bare = conllu.replace(
            "13\twill\twill\tAUX\t_\tVerbForm=Fin\t14\taux",
            "13\twill\twill\tADV\t_\t_\t14\tadvmod",
        );
        let t = tree_of(&bare);
        assert_eq!(t.head(13), Some(9));
    }

    #[test]
    fn a_subject_after_its_verb_that_disagrees_changes_places_with_one_that_agrees() {
        let conllu = "# text = Franse soldaten verlieten Mali.\n\
1\tFranse\tFrans\tADJ\t_\t_\t2\tamod\t_\t_\n\
2\tsoldaten\tsoldaat\tNOUN\t_\tNumber=Plur\t3\tobl\t_\t_\n\
3\tverlieten\tverlaten\tVERB\t_\tNumber=Plur|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
4\tMali\tMali\tPROPN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
5\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.rel(1), t.rel(3)), ("nsubj", "obj"));
        // A subject that agrees stays.
        let t = tree_of(&conllu.replace("Number=Sing\t3\tnsubj", "Number=Plur\t3\tnsubj"));
        assert_eq!((t.rel(1), t.rel(3)), ("obl", "nsubj"));
    }

    #[test]
    fn a_marked_infinitive_right_after_a_verb_without_a_complement_completes_it() {
        let conllu = "# text = Parijs weigerde eerst te vertrekken, maar dat werd onmogelijk.\n\
1\tParijs\tParijs\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
2\tweigerde\tweigeren\tVERB\t_\tNumber=Sing|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
3\teerst\teerst\tADV\t_\t_\t5\tadvmod\t_\t_\n\
4\tte\tte\tADP\t_\t_\t5\tmark\t_\t_\n\
5\tvertrekken\tvertrekken\tVERB\t_\tVerbForm=Inf\t10\tadvcl\t_\t_\n\
6\t,\t,\tPUNCT\t_\t_\t7\tpunct\t_\t_\n\
7\tmaar\tmaar\tCCONJ\t_\t_\t10\tcc\t_\t_\n\
8\tdat\tdat\tPRON\t_\t_\t10\tnsubj\t_\t_\n\
9\twerd\tworden\tAUX\t_\tVerbForm=Fin\t10\tcop\t_\t_\n\
10\tonmogelijk\tonmogelijk\tADJ\t_\t_\t2\tconj\t_\t_\n\
11\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.head(4), t.rel(4)), (Some(1), "xcomp"));
        // A verb with a complement of its own keeps it.
        let t = tree_of(&conllu.replace(
            "1\tParijs\tParijs\tPROPN\t_\t_\t2\tnsubj",
            "1\tParijs\tParijs\tPROPN\t_\t_\t2\tobj",
        ));
        assert_eq!(t.head(4), Some(9));
    }

    #[test]
    fn a_possessor_made_the_head_of_its_noun_is_its_possessive() {
        let conllu = "# text = Before the Malian delegation's visit, talks stalled.\n\
1\tBefore\tbefore\tADP\t_\t_\t4\tcase\t_\t_\n\
2\tthe\tthe\tDET\t_\t_\t4\tdet\t_\t_\n\
3\tMalian\tMalian\tADJ\t_\t_\t4\tamod\t_\t_\n\
4\tdelegation\tdelegation\tNOUN\t_\tNumber=Sing\t9\tobl\t_\t_\n\
5\t's\t's\tPART\t_\t_\t4\tcase\t_\t_\n\
6\tvisit\tvisit\tNOUN\t_\tNumber=Sing\t4\tacl\t_\t_\n\
7\t,\t,\tPUNCT\t_\t_\t9\tpunct\t_\t_\n\
8\ttalks\ttalk\tNOUN\t_\tNumber=Plur\t9\tnsubj\t_\t_\n\
9\tstalled\tstall\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t9\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.head(5), t.rel(5)), (Some(8), "obl"));
        assert_eq!((t.head(3), t.rel(3)), (Some(5), "nmod:poss"));
    }

    #[test]
    fn a_determined_noun_phrase_hung_on_a_dates_number_is_the_verbs_object() {
        let conllu = "# text = Bamako announced on May 2 its decision to leave.\n\
1\tBamako\tBamako\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
2\tannounced\tannounce\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
3\ton\ton\tADP\t_\t_\t5\tcase\t_\t_\n\
4\tMay\tMay\tPROPN\t_\t_\t5\tnmod:unmarked\t_\t_\n\
5\t2\t2\tNUM\t_\t_\t2\tobl\t_\t_\n\
6\tits\tits\tPRON\t_\t_\t7\tnmod:poss\t_\t_\n\
7\tdecision\tdecision\tNOUN\t_\tNumber=Sing\t5\tnmod:unmarked\t_\t_\n\
8\tto\tto\tPART\t_\t_\t9\tmark\t_\t_\n\
9\tleave\tleave\tVERB\t_\tVerbForm=Inf\t7\tacl\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
        let t = tree_of(conllu);
        assert_eq!((t.head(6), t.rel(6)), (Some(1), "obj"));
        assert_eq!(t.head(8), Some(6), "the infinitive stays with its noun");
    }
}
