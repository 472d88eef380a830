//! Re-readings of parses that cannot be right, each kept only when the sentence stays one tree
//! ([`Tree::rehead`]): a name before a colon that opens a sentence is a headline's label, no
//! participant (the subject after the colon the parser made its apposition is the verb's); a
//! finite verb (or one tensed by its auxiliary) under a participle the parser made the root, or a
//! participle with an object below a reported noun, is the clause's verb (and so are the
//! verbs the parser hung below a root noun, [`crate::root_nouns`]); a
//! phrase set off after a fronted one that the parser read as its subject's apposition is the
//! subject; the first of two subjects belongs to the reported
//! clause between them, and so do the phrases the parser hung on the verb of saying between
//! that clause and the comma before the speaker, or on an inserted verb of saying after it
//! ("…, a indiqué un responsable"); a name, its apposition and a participle the parser read as
//! the clause ("X, the president overthrown in July, is held") are the subject of the verb
//! after them; a marked infinitive hung on a number or a weekday belongs to the verb above it; a
//! conjunct with an auxiliary joined to an untensed modifier joins the tensed verb above; the
//! phrase between a participle opening the sentence and the finite verb after it is that
//! verb's subject; the subjects the parser got wrong in a clause that has its verb are re-read
//! in [`crate::subjects`] (a subject after its verb that disagrees with it, a subject on an
//! auxiliary, a passive subject beside an object, a bare phrase read as an oblique name's
//! apposition, a name or counted noun read as an oblique, two subjects, a noun phrase set
//! before a name, a subject hung on a noun, a subordinate clause read as a phrase, a conjunct's
//! object read as its subject, a conjoined clause's subject read as a conjunct of a noun, a
//! date read as the subject, subject and object glued after a
//! fronted date, a coordinated adjective read as the root, a name after a fronted phrase read as its
//! apposition); a verb joined to a separable verb's
//! particle is the verb's conjunct, and so is a tensed verb the parser joined to a noun below
//! it; a marked infinitive right after a verb without a complement
//! completes it; a possessor the parser made the head of its noun ("the delegation's arrival") is its
//! possessive; a determined noun phrase hung on a date's number is the verb's object; a
//! date in an of-phrase right after a noun dates that noun; a participle clause after a comma
//! hung on a noun in an adverbial joins its clause, a determined noun set off after a name
//! that the parser made a conjunct is the name's apposition, and a past participle read as a
//! clause between a preposition and its noun modifies the noun, and a that-clause hung on
//! the noun of a verb's oblique ("said in a statement that …") is the verb's complement
//! ([`crate::adjuncts`]).
//! (A relative clause read as the main clause is [`crate::relatives`].)

use crate::tree::Tree;

/// A change of arcs: (word, head, relation), `None` for the root ([`Tree::rehead`]).
pub(crate) type Arcs = Vec<(usize, Option<usize>, String)>;

/// Every repair, in the order applied: each reads the tree as the ones before left it.
const REPAIRS: [fn(&Tree) -> Arcs; 54] = [
    headline_label,
    crate::mistags::modifier_with_a_subject,
    crate::mistags::finite_verb_read_as_a_subject,
    crate::mistags::modifier_under_a_possessive,
    crate::mistags::infinitive_over_its_participle,
    crate::root_nouns::finite_verb_under_noun_root,
    crate::root_nouns::verb_conjoined_to_its_first_subject,
    crate::root_nouns::verb_after_a_relative_clause_of_the_root_noun,
    crate::root_nouns::participle_with_object_under_noun_root,
    crate::root_nouns::clause_under_a_participle_of_the_root_noun,
    subject_set_off_after_a_fronted_phrase,
    crate::subjects::apposition_of_a_fronted_phrase,
    infinitives_on_numbers,
    finite_verb_under_participle_root,
    crate::subjects::subject_after_an_opening_participle,
    crate::said::subject_of_reported_clause,
    crate::said::phrases_of_the_reported_clause,
    crate::said::phrases_before_an_inserted_speaker,
    crate::conjuncts::conjunct_of_the_main_clause,
    crate::conjuncts::conjunct_on_a_particle,
    crate::conjuncts::conjunct_read_as_a_reported_clause,
    crate::conjuncts::participle_conjoined_to_an_object,
    crate::conjuncts::tensed_verb_conjoined_to_a_noun,
    crate::subjects::conjunct_subject_after_is_the_object,
    crate::subjects::subject_on_an_auxiliary,
    crate::adjuncts::adjunct_on_an_auxiliary,
    crate::subjects::subject_hung_on_a_noun,
    crate::subjects::subject_of_a_clause_read_as_a_phrase,
    crate::subjects::subject_of_a_conjunct_read_as_a_phrase,
    crate::subjects::passive_subject_beside_an_object,
    crate::subjects::subject_read_as_an_obliques_apposition,
    crate::subjects::bare_name_oblique_is_the_subject,
    crate::subjects::glued_subject_and_object,
    crate::subjects::subject_that_agrees,
    crate::subjects::date_read_as_the_subject,
    crate::subjects::subject_set_off_is_an_apposition,
    crate::subjects::fronted_apposition_of_the_subject,
    crate::subjects::second_subject_is_the_object,
    crate::subjects::adjective_root_before_the_subject,
    infinitive_after_its_verb,
    perfect_infinitive_under_its_object,
    possessor_over_its_noun,
    object_on_a_number,
    dated_of_phrase_on_its_noun,
    crate::adjuncts::free_adjunct_on_a_noun,
    crate::adjuncts::participle_read_as_a_later_verbs_clause,
    crate::adjuncts::participle_before_its_noun,
    crate::adjuncts::apposition_read_as_a_conjunct,
    crate::adjuncts::partitive_on_a_bare_adverbial,
    crate::adjuncts::adverb_read_as_a_names_head,
    crate::adjuncts::phrase_after_a_prenominal_modifier,
    crate::adjuncts::phrase_read_as_a_second_marker,
    crate::adjuncts::complement_clause_on_an_oblique,
    crate::off_the_object::argument_on_the_objects_participle,
];

/// Applies every repair, in order.
pub(crate) fn repair(tree: &mut Tree) {
    for find in REPAIRS {
        let arcs = find(tree);
        tree.rehead(&arcs);
    }
}

/// Applies again the repairs that read a verb's object, once the coder has found objects the
/// parser read as obliques ([`crate::counts`]: "mercenaries killed around 20 civilians", with
/// "around" the case of "civilians" until then).
pub(crate) fn repair_with_objects(tree: &mut Tree) {
    let arcs = crate::root_nouns::participle_with_object_under_noun_root(tree);
    tree.rehead(&arcs);
}

/// A date in an of-phrase right after a noun ("after the coup of September 2022", "le coup
/// d'État du 26 juillet", "de staatsgreep van juli 2023") dates that noun, wherever the
/// parser hung it: a verb takes no date with "of". Only a number-headed phrase (a year, a
/// day) moves, so that "accused the army of abuses" keeps its of-phrase.
fn dated_of_phrase_on_its_noun(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for h in 0..tree.len() {
        if tree.upos(h) != "NUM" || !tree.base_rel(h).starts_with("obl") {
            continue;
        }
        if !tree.head(h).is_some_and(|v| matches!(tree.upos(v), "VERB" | "AUX")) {
            continue;
        }
        let first = tree.first_of(h);
        let of = tree.upos(first) == "ADP" && matches!(tree.lower(first), "of" | "de" | "du" | "d'" | "van");
        if of && first > 0 && tree.upos(first - 1) == "NOUN" {
            arcs.push((h, Some(first - 1), "nmod".to_owned()));
        }
    }
    arcs
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
        if tree.upos(c) == "NOUN" && determined && !tree.has_child(c, &["case"]) && !tree.has_child(v, &["obj"]) {
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
        let marked = tree.children_labelled(i, "mark").any(|c| c < i);
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
        let complete = tree.has_child(v, &["xcomp", "ccomp", "obj"]);
        if !complete && tree.has_feat(v, "VerbForm=Fin") {
            arcs.push((i, Some(v), "xcomp".to_owned()));
        }
    }
    arcs
}

/// "Het leger zegt vijftig terroristen te hebben gedood": the parser made the object of a
/// perfect infinitive (marked, with its auxiliary) the object of the verb before it, and the
/// infinitive that noun's modifier or the verb's complement. A noun's modifier has no
/// auxiliary, and a perfect infinitive no subject its verb controls ("dwong hen te vertrekken"
/// has none): the infinitive completes the verb, and the noun is its object.
fn perfect_infinitive_under_its_object(tree: &Tree) -> Arcs {
    for p in 0..tree.len() {
        let Some(h) = tree.head(p).filter(|&h| h < p) else {
            continue;
        };
        // (Or beside it, both on the verb: "beweren twee soldaten te hebben gevangengenomen".)
        let (o, v) = match tree.base_rel(p) {
            "acl" => (h, tree.head(h)),
            "xcomp" => match tree.children_with(h, &["obj"]).filter(|&o| o < p).last() {
                Some(o) => (o, Some(h)),
                None => continue,
            },
            _ => continue,
        };
        let Some(v) = v.filter(|&v| v < o && tree.upos(v) == "VERB") else {
            continue;
        };
        if tree.upos(p) != "VERB"
            || tree.base_rel(o) != "obj"
            || tree.head(o) != Some(v)
            || !tree.children_labelled(p, "mark").any(|c| o < c && c < p)
            || !tree.children_labelled(p, "aux").any(|c| o < c && c < p)
            || tree.has_child(p, &["obj", "nsubj"])
        {
            continue;
        }
        return vec![(p, Some(v), "xcomp".to_owned()), (o, Some(p), "obj".to_owned())];
    }
    Vec::new()
}

/// A name that opens a sentence and ends at a colon ("Niger : nouvelle attaque meurtrière à
/// Ouallam", "Mali: army says ...") is a headline's label, the country or body the story is
/// about, not a participant: the parser's subject or object there becomes a loose dependent
/// of its head, and the story's subject the parser made the label's apposition its verb's
/// subject; a label the parser made the root gives that place to the story after it.
fn headline_label(tree: &Tree) -> Arcs {
    let Some(colon) = (1..tree.len().min(5)).find(|&i| tree.lower(i) == ":") else {
        return Vec::new();
    };
    if !(0..colon).all(|i| tree.upos(i) == "PROPN") {
        return Vec::new();
    }
    let Some(name) = (0..colon).find(|&i| tree.head(i).is_none_or(|h| h >= colon)) else {
        return Vec::new();
    };
    // "Burkina Faso: gunmen kill dozens": the story's subject, after the colon, that the
    // parser made the label's apposition.
    let across = |h: usize| {
        (0..colon)
            .flat_map(|l| tree.children_with(l, &["appos"]))
            .find(|&c| c > colon && c < h && matches!(tree.upos(c), "NOUN" | "PROPN"))
            .filter(|_| tree.upos(h) == "VERB" && !tree.children_with(h, &["nsubj", "nsubj:pass"]).any(|x| x > colon))
            .map(|c| (c, Some(h), "nsubj".to_owned()))
    };
    match tree.head(name) {
        Some(h) if matches!(tree.base_rel(name), "nsubj" | "obj" | "obl" | "nmod" | "appos" | "iobj") => {
            let mut arcs = vec![(name, Some(h), "dep".to_owned())];
            arcs.extend(across(h));
            arcs
        }
        Some(h) if tree.base_rel(name) == "dep" => across(h).into_iter().collect(),
        // The label made the root, the story its dependent: the story is the root.
        None => {
            let Some(story) = tree
                .children(name)
                .iter()
                .copied()
                .find(|&c| c > colon && tree.upos(c) != "PUNCT")
            else {
                return Vec::new();
            };
            let mut arcs = vec![(story, None, "root".to_owned()), (name, Some(story), "dep".to_owned())];
            arcs.extend(
                tree.children(name)
                    .iter()
                    .filter(|&&c| c != story && c > colon)
                    .map(|&c| (c, Some(story), tree.rel(c).to_owned())),
            );
            arcs
        }
        _ => Vec::new(),
    }
}

/// A main verb cannot have a subordinator: a preposition the parser made the root verb's
/// marker, before its subject, introduces a fronted phrase, and the phrase set off by a comma
/// that the parser hung on that "subject" as an apposition is the real subject ("With the
/// signing of a memorandum, the Sudanese government and the SPLM have agreed": "signing" read
/// as the subject, "government" as its apposition).
fn subject_set_off_after_a_fronted_phrase(tree: &Tree) -> Arcs {
    let Some(r) = tree.root() else {
        return Vec::new();
    };
    if tree.upos(r) != "VERB" {
        return Vec::new();
    }
    let kids = tree.children(r);
    let Some(&subj) = kids.iter().find(|&&c| tree.base_rel(c) == "nsubj" && c < r) else {
        return Vec::new();
    };
    let Some(&mark) = kids.iter().find(|&&c| tree.base_rel(c) == "mark" && c < subj) else {
        return Vec::new();
    };
    let Some(&real) = tree.children(subj).iter().find(|&&a| {
        tree.base_rel(a) == "appos" && a < r && (subj..a).any(|i| tree.lower(i) == "," && tree.upos(i) == "PUNCT")
    }) else {
        return Vec::new();
    };
    vec![
        (mark, Some(subj), "case".to_owned()),
        (subj, Some(r), "obl".to_owned()),
        (real, Some(r), tree.subject_rel(r).to_owned()),
    ]
}

/// A participle the parser made the root, with a subject and no auxiliary, over a finite
/// verb without a subject of its own (not a conjunct, which shares the participle's), is
/// the subject's modifier, and the finite verb the clause's ("The military regime in power
/// following a coup in July, denounced the agreement": "following" the root, "denounced"
/// its adverbial clause; "Dockers affiliated with the union stopped work"). Words of the
/// participle before its subject or after the finite verb go with the finite verb. A verb
/// tensed by its auxiliary counts as finite, and a noun it took as subject between the two is
/// a present participle's object ("Un convoi transportant des médicaments a été attaqué").
fn finite_verb_under_participle_root(tree: &Tree) -> Arcs {
    let Some(r) = tree.root() else {
        return Vec::new();
    };
    if tree.upos(r) != "VERB" || !tree.is_participle(r) || tree.has_child(r, &["aux", "cop"]) {
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
    // ("Un convoi transportant des médicaments a été attaqué": the participle's object read
    // as the subject of the verb, tensed by its auxiliary, is the participle's again.)
    let taken = |v: usize| {
        let subjects: Vec<usize> = tree.children_with(v, &["nsubj"]).collect();
        match subjects[..] {
            [] => Some(None),
            [n] if r < n
                && n < v
                && tree.upos(n) == "NOUN"
                && tree.has_feat(r, "Tense=Pres")
                && !tree.has_child(r, &["obj"]) =>
            {
                Some(Some(n))
            }
            _ => None,
        }
    };
    let Some((v, object)) = tree.children(r).iter().copied().find_map(|v| {
        (v > r
            && tree.upos(v) == "VERB"
            && tree.is_tensed(v)
            && matches!(tree.base_rel(v), "advcl" | "parataxis" | "ccomp"))
        .then(|| taken(v).map(|o| (v, o)))
        .flatten()
    }) else {
        return Vec::new();
    };
    let mut arcs = vec![
        (v, None, "root".to_owned()),
        (s, Some(v), tree.subject_rel(v).to_owned()),
        (r, Some(s), "acl".to_owned()),
    ];
    arcs.extend(object.map(|n| (n, Some(r), "obj".to_owned())));
    arcs.extend(
        tree.children(r)
            .iter()
            .filter(|&&c| (c < s || c > v) && c != v)
            .map(|&c| (c, Some(v), tree.rel(c).to_owned())),
    );
    arcs
}

/// A marked infinitive the parser hung on a number, or on a bare noun of time (a weekday),
/// which take no clause, belongs to the verb above them ("agreed on Friday April 19 to
/// withdraw", "created in 2014 to fight jihadist groups", "ont convenu vendredi de
/// rouvrir"): its complement, sharing its subject, unless the verb is a participle or has an
/// object of its own, when it says what the act is for.
fn infinitives_on_numbers(tree: &Tree) -> Arcs {
    let n = tree.len();
    // (A noun of time is a bare temporal oblique: "vendredi", labelled as one.)
    let of_time = |h: usize| {
        tree.upos(h) == "NOUN"
            && matches!(tree.rel(h), "obl:mod" | "obl:tmod" | "nmod:tmod")
            && !tree.has_child(h, &["case", "det"])
    };
    let mut arcs = Vec::new();
    for i in 0..n {
        let Some(h) = tree.head(i).filter(|&h| tree.upos(h) == "NUM" || of_time(h)) else {
            continue;
        };
        if tree.upos(i) != "VERB"
            || !tree.has_feat(i, "VerbForm=Inf")
            || !matches!(tree.base_rel(i), "acl" | "xcomp" | "advcl")
            || tree.children_labelled(i, "mark").next().is_none()
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
        // (A participle with the auxiliary of a tense is a clause's verb: "ont convenu
        // vendredi de rouvrir", "has agreed on Friday to withdraw".)
        let perfect = tree
            .children(v)
            .iter()
            .any(|&a| matches!(tree.rel(a), "aux" | "aux:tense"));
        let rel = if (tree.has_feat(v, "VerbForm=Part") && !perfect) || own_object {
            "advcl"
        } else {
            "xcomp"
        };
        arcs.push((i, Some(v), rel.to_owned()));
    }
    arcs
}

#[cfg(test)]
#[path = "repairs_tests.rs"]
mod tests;
