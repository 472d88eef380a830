//! Subjects the parser got wrong in a clause that has its verb: one after the verb that
//! disagrees with it, a second subject beside the first (or a noun phrase set before a name,
//! its apposition), a passive subject beside an object, a subject read as the apposition of
//! an oblique name before it, a subject hung on a noun, a subordinate clause's subject read as
//! a prepositional phrase, a noun after a conjunct verb read as its subject (its object), a
//! date read as the subject, subject and object read as one phrase after a fronted date, a
//! name after a fronted phrase read as that phrase's apposition, and the first of two
//! coordinated adjectives of the subject read as the root.

use crate::repairs::Arcs;
use crate::tree::Tree;

/// A subject after its finite verb that disagrees with it in number, where a bare noun phrase
/// before the verb agrees: the two are swapped ("Franse militairen verlieten Niger": "Niger",
/// singular, read as the subject of plural "verlieten" and "militairen" as an oblique). Dutch
/// puts an object first as readily as a subject; the order is what misleads the parser.
pub(crate) fn subject_that_agrees(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        let Some((number, other)) = [("Number=Plur", "Number=Sing"), ("Number=Sing", "Number=Plur")]
            .into_iter()
            .find(|(n, _)| tree.has_feat(v, n) && tree.has_feat(v, "VerbForm=Fin"))
        else {
            continue;
        };
        let bare = |w: usize| matches!(tree.upos(w), "NOUN" | "PROPN") && !tree.has_child(w, &["case", "conj"]);
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

/// "Burkina Faso's leader, Captain Ibrahim Traoré, has rejected": a second subject of a verb
/// set off by commas right after the first is the first's apposition.
pub(crate) fn subject_set_off_is_an_apposition(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        let subjects: Vec<usize> = tree.children_with(v, &["nsubj"]).collect();
        let [first, second] = subjects[..] else { continue };
        let start = (first + 1..=second)
            .find(|&w| tree.upos(w) != "PUNCT" && tree.dominates(second, w))
            .unwrap_or(second);
        let end = (second..v)
            .filter(|&w| tree.upos(w) != "PUNCT" && tree.dominates(second, w))
            .max()
            .unwrap_or(second);
        let comma = |w: usize| tree.lower(w) == ",";
        let right_after = start > first && (first + 1..start - 1).all(|w| tree.dominates(first, w));
        if start > 0 && comma(start - 1) && right_after && end + 1 < v && comma(end + 1) {
            arcs.push((second, Some(first), "appos".to_owned()));
        }
    }
    arcs
}

/// "A power that never colonized Africa, Russia offers weapons": a common noun phrase that
/// opens the clause, set off by a comma right before a name, and the name both read as the
/// verb's subjects: the phrase is the name's apposition.
pub(crate) fn fronted_apposition_of_the_subject(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        let subjects: Vec<usize> = tree.children_with(v, &["nsubj"]).collect();
        let [first, second] = subjects[..] else { continue };
        if tree.upos(first) != "NOUN" || tree.upos(second) != "PROPN" || tree.has_child(first, &["case"]) {
            continue;
        }
        let start = (tree.first_of(second)..second)
            .find(|&w| tree.upos(w) != "PUNCT")
            .unwrap_or(second);
        let in_first = |w: usize| tree.dominates(first, w) || tree.upos(w) == "PUNCT";
        let phrase_ends_at_comma =
            start > first + 1 && tree.lower(start - 1) == "," && (first + 1..start - 1).all(in_first);
        let opens = (0..tree.first_of(first)).all(|w| matches!(tree.upos(w), "PUNCT" | "CCONJ"));
        if phrase_ends_at_comma && opens {
            arcs.push((first, Some(second), "appos".to_owned()));
        }
    }
    arcs
}

/// Two plain subjects of one verb, neither a conjunct of the other and no clause or relative
/// pronoun between them: the later one is the verb's object ("De premier beschuldigde Frankrijk van steun":
/// "Frankrijk" read as a second subject). A verb has one subject; when the parser gives it
/// two, it has missed the object, which in these languages comes after the subject. A verb
/// that already has an object, and a passive, keep what they have.
pub(crate) fn second_subject_is_the_object(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || tree.has_child(v, &["obj", "nsubj:pass", "aux:pass", "expl:pass"]) {
            continue;
        }
        let plain = |c: usize| {
            tree.rel(c) == "nsubj" && matches!(tree.upos(c), "NOUN" | "PROPN") && !tree.has_child(c, &["case", "mark"])
        };
        let subjects: Vec<usize> = tree.children(v).iter().copied().filter(|&c| plain(c)).collect();
        let [first, second] = subjects[..] else { continue };
        let clause_between = (first + 1..second).any(|c| {
            tree.has_feat(c, "PronType=Rel")
                || tree.head(c) == Some(v)
                    && matches!(tree.base_rel(c), "ccomp" | "parataxis" | "advcl" | "xcomp" | "csubj")
        });
        if !clause_between {
            arcs.push((second, Some(v), "obj".to_owned()));
        }
    }
    arcs
}

/// "Het Malinese en het Marokkaanse leger hielden een oefening": the parser made the first
/// adjective the root and the verb its conjunct. An adjective root whose conjunct is a verb
/// with a subject, that subject modified by an adjective after the root, is that adjective's
/// conjunct, and the verb the root; the root's other dependents after the verb go with it.
pub(crate) fn adjective_root_before_the_subject(tree: &Tree) -> Arcs {
    let Some(root) = tree.root().filter(|&r| tree.upos(r) == "ADJ") else {
        return Vec::new();
    };
    let verb = tree
        .children_with(root, &["conj"])
        .find(|&v| tree.upos(v) == "VERB" && tree.has_child(v, &["nsubj"]));
    let Some(v) = verb else { return Vec::new() };
    let other = tree
        .children_with(v, &["nsubj"])
        .flat_map(|s| tree.children_with(s, &["amod"]).collect::<Vec<_>>())
        .find(|&a| a > root && a < v);
    let Some(a) = other else { return Vec::new() };
    let mut arcs = vec![(v, None, "root".to_owned()), (root, Some(a), "conj".to_owned())];
    arcs.extend(
        tree.children(root)
            .iter()
            .filter(|&&c| c > v && c != v)
            .map(|&c| (c, Some(v), tree.rel(c).to_owned())),
    );
    // The conjunction and the second determiner stay with the adjective they join.
    arcs.extend(
        tree.children_with(v, &["cc"])
            .filter(|&c| c < a && c > root)
            .map(|c| (c, Some(a), "cc".to_owned())),
    );
    arcs
}

/// "Rusland en Niger hebben een overeenkomst gesloten": the parser hung the subject on the
/// auxiliary. A subject of a word attached as an auxiliary or copula is its head's. So it is
/// when the head has a passive subject after it but no passive auxiliary, which is then its
/// object ("Wagner-huurlingen hebben volgens getuigen burgers gemarteld": "burgers" read as
/// the passive subject of a perfect).
pub(crate) fn subject_on_an_auxiliary(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in (0..tree.len()).filter(|&c| tree.base_rel(c) == "nsubj") {
        let Some(a) = tree.head(c) else { continue };
        let Some(v) = tree.head(a).filter(|_| matches!(tree.base_rel(a), "aux" | "cop")) else {
            continue;
        };
        if !tree.has_child(v, &["nsubj", "nsubj:pass"]) {
            arcs.push((c, Some(v), tree.rel(c).to_owned()));
            continue;
        }
        let misread = tree.children_with(v, &["nsubj:pass"]).find(|&p| p > c);
        if let Some(p) = misread.filter(|_| {
            tree.children_labelled(v, "nsubj").next().is_none()
                && !tree.has_child(v, &["aux:pass", "obj"])
                && tree.base_rel(a) == "aux"
        }) {
            arcs.push((c, Some(v), "nsubj".to_owned()));
            arcs.push((p, Some(v), "obj".to_owned()));
        }
    }
    arcs
}

/// A participle opening the sentence that the parser made the root, over the finite verb
/// after it: the verb is the root. Set off by a comma, the participle is the verb's
/// adverbial clause, and the phrase between the last comma and the verb, when the parser hung
/// it anywhere but on the verb, its subject ("Speaking in Niamey on Monday, General Tiani
/// accused France": "Speaking" the root, "Tiani" an apposition of "Monday", "accused" a
/// parataxis; "Backed by Russian instructors, the army launched"). Without a comma a gerund
/// is the verb's subject ("Fighting between the army and JNIM left 15 soldiers dead"). Words
/// of the participle after the verb go with the verb.
pub(crate) fn subject_after_an_opening_participle(tree: &Tree) -> Arcs {
    let Some(r) = tree.root() else {
        return Vec::new();
    };
    if tree.upos(r) != "VERB"
        || !tree.is_participle(r)
        || tree.first_of(r) != 0
        || tree.has_child(r, &["aux", "cop", "nsubj"])
    {
        return Vec::new();
    }
    let Some(v) = tree.children(r).iter().copied().find(|&v| {
        v > r
            && tree.upos(v) == "VERB"
            && tree.has_feat(v, "VerbForm=Fin")
            && matches!(tree.base_rel(v), "advcl" | "parataxis" | "ccomp" | "conj")
    }) else {
        return Vec::new();
    };
    let has_subject = tree.has_child(v, &["nsubj", "nsubj:pass", "csubj"]);
    let mut arcs = vec![(v, None, "root".to_owned())];
    match (r + 1..v).rev().find(|&w| tree.lower(w) == ",") {
        Some(comma) => {
            arcs.push((r, Some(v), "advcl".to_owned()));
            arcs.push((comma, Some(r), "punct".to_owned()));
            if !has_subject {
                // The phrase between the comma and the verb: one word whose head is outside it.
                let outside = |w: usize| tree.head(w).is_none_or(|h| h <= comma || h >= v);
                let heads: Vec<usize> = (comma + 1..v).filter(|&w| outside(w)).collect();
                let [s] = heads[..] else {
                    return Vec::new();
                };
                if !matches!(tree.upos(s), "NOUN" | "PROPN" | "PRON") || tree.has_child(s, &["case"]) {
                    return Vec::new();
                }
                arcs.push((s, Some(v), "nsubj".to_owned()));
            }
        }
        None if !has_subject && (tree.has_feat(r, "VerbForm=Ger") || tree.has_feat(r, "Tense=Pres")) => {
            arcs.push((r, Some(v), "csubj".to_owned()))
        }
        None => return Vec::new(),
    }
    arcs.extend(
        tree.children(r)
            .iter()
            .filter(|&&c| c > v)
            .map(|&c| (c, Some(v), tree.rel(c).to_owned())),
    );
    arcs
}

/// A name or a counted noun without a preposition that the parser made an oblique of a verb
/// with no subject is its subject ("zeker nu Frankrijk is vertrokken": "Frankrijk" an
/// oblique, so the departure had no source; "zijn twintig burgers omgekomen"). A month or
/// weekday written with a capital is a date, not a name, and "drie dagen" counts time.
pub(crate) fn bare_name_oblique_is_the_subject(tree: &Tree) -> Arcs {
    let calendar = crate::dates::Calendar::shared().ok();
    let mut arcs = Vec::new();
    for n in 0..tree.len() {
        // A name, or a counted noun ("zijn zaterdag twintig burgers omgekomen").
        let counted = tree.upos(n) == "NOUN" && tree.has_child(n, &["nummod"]);
        if !(tree.upos(n) == "PROPN" || counted) || tree.rel(n) != "obl" || tree.has_child(n, &["case", "mark"]) {
            continue;
        }
        if calendar.is_some_and(|c| c.is_time_word(tree.lower(n))) {
            continue;
        }
        let Some(v) = tree.head(n).filter(|&v| tree.upos(v) == "VERB") else {
            continue;
        };
        let subject = tree
            .children(v)
            .iter()
            .any(|&c| tree.base_rel(c).starts_with("nsubj") || tree.base_rel(c).starts_with("csubj"));
        if subject
            || tree
                .children_with(v, &["obl"])
                .filter(|&o| tree.upos(o) == "PROPN")
                .count()
                > 1
        {
            continue;
        }
        arcs.push((n, Some(v), tree.subject_label(v)));
    }
    arcs
}

/// A passive subject beside an object, on a verb without a passive auxiliary, is the active
/// clause's subject ("hebben jihadisten zaterdag twintig burgers gedood": the parser took the
/// perfect's participle for a passive). A passive with an object has its auxiliary ("was
/// given a month").
pub(crate) fn passive_subject_beside_an_object(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || !tree.has_child(v, &["obj"]) {
            continue;
        }
        if tree.children_labelled(v, "aux:pass").next().is_some() {
            continue;
        }
        arcs.extend(
            tree.children_labelled(v, "nsubj:pass")
                .map(|c| (c, Some(v), "nsubj".to_owned())),
        );
    }
    arcs
}

/// A bare common noun phrase the parser made the apposition of an oblique name right before
/// it, in a clause whose finite verb has no subject, is that subject ("Zaterdag gingen in
/// Niamey duizenden mensen de straat op": Dutch puts the subject after a fronted phrase and
/// an oblique; the parser hung "duizenden mensen" on "Niamey"). A name's real apposition is a
/// name or set off by a comma.
pub(crate) fn subject_read_as_an_obliques_apposition(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || !tree.has_feat(v, "VerbForm=Fin") || tree.has_child(v, &["nsubj", "csubj"]) {
            continue;
        }
        let found = tree
            .children_with(v, &["obl"])
            .flat_map(|o| tree.children_with(o, &["appos"]).map(move |a| (o, a)))
            .find(|&(o, a)| {
                a == o + 1
                    && matches!(tree.upos(a), "NOUN" | "NUM")
                    && !tree.has_child(a, &["case", "punct"])
                    && tree.upos(o) == "PROPN"
            });
        if let Some((_, a)) = found {
            arcs.push((a, Some(v), "nsubj".to_owned()));
        }
    }
    arcs
}

/// "recalled their ambassadors after a drone was shot down", "after Bamako accused it": an
/// adverbial clause with a finite auxiliary, or a finite verb of its own and an object, but
/// no subject, right after a noun phrase the parser hung elsewhere by a
/// preposition, is a subordinate clause: the phrase is its subject and the preposition its
/// conjunction ("after", "before", "until" are both). Without this, the clause took the main
/// verb's subject.
pub(crate) fn subject_of_a_clause_read_as_a_phrase(tree: &Tree) -> Arcs {
    let calendar = crate::dates::Calendar::shared().ok();
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || tree.base_rel(v) != "advcl" || tree.has_any_subject(v) {
            continue;
        }
        // The clause's first word: its first auxiliary, or the verb itself when it has none;
        // a verb alone takes an object ("with Benin closed" is a participle read as finite).
        let has_auxiliary = tree.children_with(v, &["aux"]).any(|a| a < v);
        let first = if has_auxiliary {
            tree.opening_finite_auxiliary(v)
        } else {
            let object = tree.children(v).iter().any(|&c| c > v && tree.base_rel(c) == "obj");
            (tree.has_feat(v, "VerbForm=Fin") && object && tree.first_of(v) == v).then_some(v)
        };
        let Some(first) = first else { continue };
        let Some(n) = first.checked_sub(1) else { continue };
        if !matches!(tree.upos(n), "NOUN" | "PROPN") || tree.dominates(v, n) || tree.dominates(n, v) {
            continue;
        }
        // "kidnapped in February were freed": a date is no subject.
        if calendar.is_some_and(|c| c.is_time_word(tree.lower(n))) {
            continue;
        }
        let Some(case) = tree.children_with(n, &["case"]).find(|&c| c == tree.first_of(n)) else {
            continue;
        };
        arcs.push((n, Some(v), tree.subject_label(v)));
        arcs.push((case, Some(v), "mark".to_owned()));
    }
    arcs
}

/// "Un convoi a été attaqué près de Kayes et huit chauffeurs ont été tués": a conjoined
/// verb with a finite auxiliary but no subject, right after a noun phrase the parser joined
/// to a noun before it, is a clause of its own with that phrase as its subject (and the
/// conjunction its own). Without this, the drivers were a place and the killing the convoy's.
pub(crate) fn subject_of_a_conjunct_read_as_a_phrase(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || tree.base_rel(v) != "conj" || tree.has_any_subject(v) {
            continue;
        }
        let Some(n) = tree.opening_finite_auxiliary(v).and_then(|a| a.checked_sub(1)) else {
            continue;
        };
        if !matches!(tree.upos(n), "NOUN" | "PROPN") || tree.base_rel(n) != "conj" || tree.dominates(n, v) {
            continue;
        }
        let Some(cc) = tree.children_with(n, &["cc"]).find(|&c| c == tree.first_of(n)) else {
            continue;
        };
        arcs.push((n, Some(v), tree.subject_label(v)));
        arcs.push((cc, Some(v), "cc".to_owned()));
    }
    arcs
}

/// "De leiders van de ECOWAS hebben … de sancties opgeheven", parsed with "leiders" the
/// subject of "sancties" and "sancties" the passive subject of "opgeheven": a subject hung on
/// a noun that is no predicate (no copula) is the subject of the verb the noun depends on,
/// and that noun, read as a passive subject of a verb without a passive auxiliary, its object.
pub(crate) fn subject_hung_on_a_noun(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for n in 0..tree.len() {
        if tree.upos(n) != "NOUN" || tree.has_child(n, &["cop"]) {
            continue;
        }
        let Some(v) = tree.head(n).filter(|&v| tree.upos(v) == "VERB") else {
            continue;
        };
        let Some(s) = tree.children_labelled(n, "nsubj").find(|&s| s < n) else {
            continue;
        };
        if tree.children(v).iter().any(|&c| tree.rel(c) == "nsubj") {
            continue;
        }
        arcs.push((s, Some(v), "nsubj".to_owned()));
        if tree.rel(n) == "nsubj:pass" && tree.children_labelled(v, "aux:pass").next().is_none() {
            arcs.push((n, Some(v), "obj".to_owned()));
        }
    }
    arcs
}

/// "vielen het dorp binnen en doodden tientallen inwoners": a conjunct verb with nothing put
/// before it but the conjunction shares its head's subject, so a noun after it that the parser
/// read as its subject is its object (with a phrase in front, "en daarbij kwamen tientallen
/// burgers om", the subject may follow its verb, and stays).
pub(crate) fn conjunct_subject_after_is_the_object(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in 0..tree.len() {
        if tree.rel(c) != "conj" || tree.upos(c) != "VERB" || tree.has_child(c, &["obj"]) {
            continue;
        }
        if !tree
            .head(c)
            .is_some_and(|h| tree.upos(h) == "VERB" && tree.has_subject_before(h))
        {
            continue;
        }
        let nothing_fronted = tree.opens_on_its_conjunction(c);
        let subject = tree
            .children_labelled(c, "nsubj")
            .find(|&s| s > c && tree.upos(s) == "NOUN");
        if let Some(s) = subject.filter(|_| nothing_fronted && tree.children_labelled(c, "aux:pass").next().is_none()) {
            arcs.push((s, Some(c), "obj".to_owned()));
        }
    }
    arcs
}

/// "Begin november heroverden het Malinese leger de stad Kidal", "Sinds januari hebben
/// Burkinese troepen honderden burgers gedood": after a fronted date, a Dutch finite verb's
/// subject follows it,
/// and the parser read subject and object as one phrase, the object a bare modifier of the
/// subject (starting with an article or a number) and the subject the verb's object. The
/// first phrase is the subject, the second the object, and a date read as the subject is
/// the verb's oblique.
pub(crate) fn glued_subject_and_object(tree: &Tree) -> Arcs {
    let calendar = crate::dates::Calendar::shared().ok();
    let dated = |w: usize| {
        calendar.is_some_and(|c| (0..tree.len()).any(|d| tree.dominates(w, d) && c.is_time_word(tree.lower(d))))
    };
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" {
            continue;
        }
        let subjects: Vec<usize> = tree
            .children(v)
            .iter()
            .copied()
            .filter(|&c| tree.base_rel(c) == "nsubj")
            .collect();
        if subjects.iter().any(|&c| !dated(c)) {
            continue;
        }
        // The finite verb, or its auxiliary, before the phrases ("hebben Burkinese troepen
        // honderden burgers gedood").
        let finite = tree.finite_word(v);
        let Some(o) = tree.children_labelled(v, "obj").find(|&o| {
            finite.is_some_and(|f| f < o) && matches!(tree.upos(o), "NOUN" | "PROPN") && !tree.has_child(o, &["case"])
        }) else {
            continue;
        };
        let glued = tree.children(o).iter().copied().find(|&y| {
            y > o
                && matches!(tree.base_rel(y), "nmod" | "appos")
                && matches!(tree.upos(y), "NOUN" | "NUM")
                && !tree.has_child(y, &["case"])
                && matches!(tree.upos(tree.first_of(y)), "DET" | "NUM")
                && tree.upos(tree.first_of(y) - 1) != "PUNCT"
        });
        let Some(y) = glued else { continue };
        arcs.push((o, Some(v), "nsubj".to_owned()));
        arcs.push((y, Some(v), "obj".to_owned()));
        arcs.extend(subjects.into_iter().map(|d| (d, Some(v), "obl".to_owned())));
    }
    arcs
}

/// "Last Thursday, Chadian troops clashed with Boko Haram": a date read as the subject, beside
/// the real subject, or with the subject between it and the verb read as the verb's object,
/// or right after it read as an oblique:
/// the phrase is the subject, the date an oblique (an object does not stand before its verb).
pub(crate) fn date_read_as_the_subject(tree: &Tree) -> Arcs {
    let Ok(calendar) = crate::dates::Calendar::shared() else {
        return Vec::new();
    };
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" {
            continue;
        }
        let (dates, others): (Vec<usize>, Vec<usize>) = tree
            .children(v)
            .iter()
            .copied()
            .filter(|&c| tree.base_rel(c) == "nsubj")
            // (A span of time beside a passive's subject is left to the repairs of two
            // subjects, which also find the agent the parser hung on it: "werd vorige maand
            // door het leger afgezet".)
            .partition(|&c| {
                calendar.is_date_word(tree.lower(c))
                    || (calendar.is_time_word(tree.lower(c)) && tree.children_labelled(v, "aux:pass").next().is_none())
            });
        let Some(&d) = dates.first().filter(|&&d| d < v) else {
            continue;
        };
        let bare = |o: usize| matches!(tree.upos(o), "NOUN" | "PROPN" | "NUM") && !tree.has_child(o, &["case"]);
        let phrase = match others[..] {
            [o] => Some(o),
            // Before the verb, read as its object; or, after a Dutch verb in second place, a
            // bare phrase right after it read as an oblique ("Vrijdag gingen duizenden
            // mensen de straat op").
            [] => tree
                .children_labelled(v, "obj")
                .find(|&o| d < o && o < v && bare(o))
                .or_else(|| {
                    tree.children_labelled(v, "obl")
                        .find(|&o| tree.first_of(o) == v + 1 && bare(o))
                }),
            _ => None,
        };
        if let Some(o) = phrase {
            arcs.push((o, Some(v), "nsubj".to_owned()));
            arcs.extend(dates.iter().map(|&d| (d, Some(v), "obl".to_owned())));
        }
    }
    arcs
}

/// "On the African side, Côte d'Ivoire will also end its cooperation": a name set off by a
/// comma after a fronted phrase, right before a verb without a subject, that the parser hung
/// on the phrase as its apposition, is the verb's subject.
pub(crate) fn apposition_of_a_fronted_phrase(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for v in 0..tree.len() {
        if tree.upos(v) != "VERB" || tree.has_any_subject(v) {
            continue;
        }
        let fronted = tree
            .children_with(v, &["obl"])
            .filter(|&o| o < v && tree.has_child(o, &["case"]));
        let name = fronted
            .flat_map(|o| tree.children_labelled(o, "appos").map(move |a| (o, a)))
            .find(|&(o, a)| {
                let last = (a..v).filter(|&w| tree.dominates(a, w)).max().unwrap_or(a);
                let set_off = (o..a).any(|w| tree.lower(w) == ",");
                let before_verb = (last + 1..v)
                    .all(|w| tree.head(w) == Some(v) && matches!(tree.base_rel(w), "aux" | "advmod" | "punct"));
                a < v && tree.upos(a) == "PROPN" && set_off && before_verb
            });
        if let Some((_, a)) = name {
            arcs.push((a, Some(v), tree.subject_rel(v).to_owned()));
        }
    }
    arcs
}

#[cfg(test)]
#[path = "subjects_tests.rs"]
mod tests;
