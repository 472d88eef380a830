//! Phrases set off by commas that the parser hung on the wrong word. A participle clause
//! ("…, accusing Cotonou of allowing French soldiers on its territory") says more of what the
//! subject of the clause did, but the English model often hangs it on the last noun before
//! the comma, even a noun inside an adverbial ("since the July 2023 coup"), where it takes
//! that noun's date and reads as background. A name's apposition and the participle that
//! describes it ("Mohamed Bazoum, the president overthrown in July 2023, is still being held")
//! are read as a clause of their own, the name's verb below them. A date without a preposition
//! ("Algiers wees de beschuldigingen dinsdag van de hand") hung on a noun as its modifier
//! dates the clause, not the noun. An auxiliary takes no adjunct: a time phrase hung on it is
//! its verb's. A French partitive ("des", "du") read as a preposition after a bare time
//! adverbial ("a tué dimanche des civils") opens the verb's object, not a phrase of the date.
//! A participle clause the parser made the report of a verb of saying after it ("…, killing
//! 12 people, officials said") is its main verb's adverbial.

use crate::dates::DateExpr;
use crate::nlp::Token;
use crate::repairs::Arcs;
use crate::tree::Tree;

/// "Gunmen attacked a market, killing at least 12 people, local officials said": a gerund or
/// present participle right after a comma, without a subject or a mark, that the parser made
/// the reported clause (`ccomp`) of a verb that comes after it, itself hung on an earlier
/// verb, is an adverbial clause of that earlier verb: a verb of saying reports a finite
/// clause, and the killing is the attackers'.
pub(crate) fn participle_read_as_a_later_verbs_clause(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in 1..tree.len() {
        let Some(h) = tree.head(c) else { continue };
        let participle = tree.is_present_participle(c);
        if tree.rel(c) != "ccomp"
            || tree.upos(c) != "VERB"
            || !participle
            || tree.lower(c - 1) != ","
            || tree.has_child(c, &["nsubj", "mark"])
            || h < c
        {
            continue;
        }
        if let Some(main) = tree.head(h).filter(|&m| m < c && tree.upos(m) == "VERB") {
            arcs.push((c, Some(main), "advcl".to_owned()));
        }
    }
    arcs
}

/// A gerund or present participle right after a comma, without a subject, that the parser
/// made a modifier (`acl`) of a noun which is no verb's subject or object, belongs to the
/// nearest clause above that noun with a subject, as an adverbial clause. A participle after
/// a subject or an object stays ("The soldiers, fearing an ambush, …"), unless it has an
/// object pronoun of its own ("suspended the broadcasts of two radios, accusing them").
pub(crate) fn free_adjunct_on_a_noun(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in 1..tree.len() {
        let Some(h) = tree.head(c) else { continue };
        // A French object pronoun stands between the comma and the participle ("…, les
        // accusant"), whatever the tagger read it as.
        let clitic = tree
            .children_with(c, &["obj", "iobj"])
            .find(|&o| o + 1 == c && matches!(tree.upos(o), "PRON" | "DET"));
        let opening = clitic.unwrap_or(c);
        if tree.rel(c) != "acl"
            || tree.upos(c) != "VERB"
            || !tree.is_present_participle(c)
            || opening == 0
            || tree.lower(opening - 1) != ","
            || tree.has_child(c, &["nsubj"])
            || tree.upos(h) != "NOUN"
            || h > c
        {
            continue;
        }
        // (One with an object pronoun of its own tells what the subject did to the object:
        // "…, accusing him of bias", "…, les accusant de propagande".)
        let pronoun_object = clitic.is_some()
            || tree
                .children_with(c, &["obj"])
                .any(|o| o > c && tree.upos(o) == "PRON" && tree.has_feat(o, "PronType=Prs"));
        let argument = tree
            .head(h)
            .is_some_and(|p| tree.upos(p) == "VERB" && matches!(tree.base_rel(h), "nsubj" | "obj" | "iobj"));
        if argument && !pronoun_object {
            continue;
        }
        let mut up = tree.head(h);
        let mut clause = None;
        for _ in 0..6 {
            match up {
                Some(u) if tree.upos(u) == "VERB" && tree.has_child(u, &["nsubj"]) => {
                    clause = Some(u);
                    break;
                }
                Some(u) => up = tree.head(u),
                None => break,
            }
        }
        if let Some(u) = clause.filter(|&u| u < c) {
            arcs.push((c, Some(u), "advcl".to_owned()));
        }
    }
    arcs
}

/// A past participle between a preposition and a noun that the parser read as a clause, the
/// preposition its subordinator and the noun its object ("opened an investigation into
/// alleged war crimes": "alleged" a clause whose object is "crimes"), modifies the noun, and
/// the preposition is the noun's: a subordinate clause does not open on a bare participle
/// with an object and no auxiliary or subject.
pub(crate) fn participle_before_its_noun(tree: &Tree) -> Arcs {
    for v in 1..tree.len() {
        let Some(h) = tree.head(v) else { continue };
        if tree.upos(v) != "VERB"
            || !(tree.has_feat(v, "VerbForm=Part") && tree.has_feat(v, "Tense=Past"))
            || !matches!(tree.base_rel(v), "acl" | "advcl")
            || tree.has_child(v, &["aux", "aux:pass", "nsubj", "nsubj:pass", "cop"])
        {
            continue;
        }
        let mark = v - 1;
        if tree.head(mark) != Some(v) || tree.base_rel(mark) != "mark" {
            continue;
        }
        let Some(o) = tree.children_with(v, &["obj"]).find(|&o| tree.first_of(o) == v + 1) else {
            continue;
        };
        let rel = if matches!(tree.upos(h), "NOUN" | "PROPN" | "PRON") {
            "nmod"
        } else {
            "obl"
        };
        return vec![
            (o, Some(h), rel.to_owned()),
            (v, Some(o), "amod".to_owned()),
            (mark, Some(o), "case".to_owned()),
        ];
    }
    Vec::new()
}

/// "distributed rations to displaced families in Kaya on Saturday": a phrase the parser hung
/// on a modifier written before its noun ("displaced"), but standing after that noun, is no
/// dependent of the modifier (nothing after the noun belongs to what precedes it): it is an
/// oblique of the first verb above the noun.
pub(crate) fn phrase_after_a_prenominal_modifier(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for a in 0..tree.len() {
        let Some(n) = tree.head(a).filter(|&n| a < n && tree.base_rel(a) == "amod") else {
            continue;
        };
        let Some(v) = tree.ancestors(n).find(|&u| tree.upos(u) == "VERB") else {
            continue;
        };
        for c in tree.children_with(a, &["obl"]) {
            if c > n {
                arcs.push((c, Some(v), "obl".to_owned()));
            }
        }
    }
    arcs
}

/// "Vijftien burgers kwamen om het leven toen jihadisten het dorp bestormden": the parser
/// read "om het leven" (of "om het leven komen", to die) as the purpose marker of the clause
/// after it, which then has two markers. A preposition marking a clause that has another
/// marker after it, with a noun fixed to it, is a phrase of the verb that clause hangs on.
pub(crate) fn phrase_read_as_a_second_marker(tree: &Tree) -> Arcs {
    for m in 0..tree.len() {
        let Some(v) = tree
            .head(m)
            .filter(|_| tree.base_rel(m) == "mark" && tree.upos(m) == "ADP")
        else {
            continue;
        };
        let fixed_noun = tree.children_labelled(m, "fixed").any(|c| tree.upos(c) == "NOUN");
        let second_mark = tree.children_labelled(v, "mark").any(|k| k > m);
        if let Some(up) = tree.head(v).filter(|&up| fixed_noun && second_mark && up < m) {
            return vec![(m, Some(up), "obl".to_owned())];
        }
    }
    Vec::new()
}

/// "Mohamed Bazoum, the president overthrown in July 2023, is still being held": the verb
/// `v` hung on the root name has a subject of its own between them (the name's apposition, a
/// participle the tagger took for a finite verb describing it) and, after it, a tensed verb
/// without a subject, which is the clause's: that verb becomes the root and the name its
/// subject; the second subject the name's apposition, `v` its modifier.
pub(crate) fn apposition_over_the_clause(tree: &Tree, root: usize, v: usize) -> Option<Arcs> {
    let a = tree
        .children(v)
        .iter()
        .copied()
        .find(|&c| tree.rel(c) == "nsubj" && root < c && c < v && tree.upos(c) == "NOUN")?;
    let main = tree.children(v).iter().copied().find(|&w| {
        w > v
            && tree.upos(w) == "VERB"
            && tree.is_tensed(w)
            && matches!(tree.base_rel(w), "advcl" | "parataxis" | "conj")
            && !tree.has_child(w, &["nsubj"])
    })?;
    let mut arcs = vec![
        (main, None, "root".to_owned()),
        (root, Some(main), tree.subject_rel(main).to_owned()),
        (a, Some(root), "appos".to_owned()),
        (v, Some(a), "acl".to_owned()),
    ];
    arcs.extend(
        (main + 1..tree.len())
            .filter(|&c| tree.head(c) == Some(root))
            .map(|c| (c, Some(main), tree.rel(c).to_owned())),
    );
    Some(arcs)
}

/// Re-hangs each date phrase of `dates` (the date expressions the coder read over `toks`)
/// without a preposition that the parser made a bare modifier of a noun on the
/// nearest verb above, or a second subject or object of a verb on that verb ("De president
/// werd vorige maand door het leger afgezet": "maand" a passive subject beside "president"),
/// as an oblique, with
/// the phrases it took along ("dinsdag van de hand": "van de hand" the verb's, as the
/// trigger "wijzen van hand" needs; "door het leger" the agent).
pub fn bare_dates_on_their_verb(tree: &mut Tree, toks: &[Token], dates: &[DateExpr], speech: impl Fn(&str) -> bool) {
    // (Only dates without a preposition: "of September 2022" dates its noun.)
    let bare = |d: &DateExpr| {
        (d.first.saturating_sub(1)..d.last)
            .filter_map(|i| tree.token_of(toks, i))
            .all(|w| tree.upos(w) != "ADP" && tree.base_rel(w) != "case")
    };
    let heads: Vec<(usize, Vec<usize>)> = dates
        .iter()
        .filter(|d| bare(d))
        .filter_map(|d| {
            let h = tree.head_of_tokens(toks, d.first, d.last)?;
            let words: Vec<usize> = (d.first..d.last).filter_map(|i| tree.token_of(toks, i)).collect();
            Some((h, words))
        })
        .collect();
    let mut arcs = Vec::new();
    for (h, words) in heads {
        let Some(above) = tree.head(h) else { continue };
        if tree.has_child(h, &["case"]) {
            continue;
        }
        // "The US said last month it would withdraw": the parser read the reported clause as
        // a relative clause of the date (a contact relative, as "the day they left", but the
        // date has no article); on a verb of saying, it is the verb's complement.
        let reported: Vec<usize> = tree
            .children(h)
            .iter()
            .copied()
            .filter(|&c| {
                tree.base_rel(c) == "acl"
                    && tree.upos(c) == "VERB"
                    && tree
                        .children_with(c, &["nsubj"])
                        .any(|x| x < c && !tree.has_feat(x, "PronType=Rel"))
            })
            .collect();
        if !reported.is_empty()
            && tree.upos(above) == "VERB"
            && speech(&tree.lemma(above).to_lowercase())
            && !tree.has_child(h, &["det"])
        {
            arcs.push((h, Some(above), "obl".to_owned()));
            arcs.extend(reported.iter().map(|&c| (c, Some(above), "ccomp".to_owned())));
            continue;
        }
        // "opened its borders today": the noun the parser compounded into the date word is
        // the phrase the date stood in for (its article and possessive go with it), and the
        // date the nearest verb's oblique.
        let start = words.iter().min().copied().unwrap_or(h);
        let compounded = tree
            .children_labelled(h, "compound")
            .filter(|&c| c + 1 == start && matches!(tree.upos(c), "NOUN" | "PROPN"))
            .last();
        if let Some(c) = compounded {
            let up = tree.verb_above(h);
            arcs.push((c, tree.head(h), tree.rel(h).to_owned()));
            arcs.extend(
                tree.children(h)
                    .iter()
                    .filter(|&&k| k < c && !words.contains(&k))
                    .map(|&k| (k, Some(c), tree.rel(k).to_owned())),
            );
            if let Some(v) = up {
                arcs.push((h, Some(v), "obl".to_owned()));
                // (The phrases after the date are the verb's: "opened its borders today to
                // traders".)
                arcs.extend(
                    tree.children(h)
                        .iter()
                        .filter(|&&k| k > h && tree.base_rel(k) == "nmod" && tree.has_child(k, &["case"]))
                        .map(|&k| (k, Some(v), "obl".to_owned())),
                );
            }
            continue;
        }
        // "bezocht dinsdag Parijs", "bezocht vorige week Arlit": a name after the date that
        // the parser joined to it as one name, or as its apposition with no comma between,
        // is the phrase the date stood in for, and the date the verb's oblique.
        let end = words.iter().max().map_or(h, |&w| w.max(h));
        let glued: Vec<usize> = tree
            .children(h)
            .iter()
            .copied()
            .filter(|&c| {
                !words.contains(&c)
                    && tree.upos(c) == "PROPN"
                    && (tree.rel(c) == "flat" || (tree.rel(c) == "appos" && tree.first_of(c) == end + 1))
            })
            .collect();
        if let Some(&name) = glued.first().filter(|_| tree.upos(above) == "VERB") {
            arcs.push((name, Some(above), tree.rel(h).to_owned()));
            arcs.extend(glued[1..].iter().map(|&c| (c, Some(name), "flat".to_owned())));
            arcs.push((h, Some(above), "obl".to_owned()));
            continue;
        }
        let v = match tree.base_rel(h) {
            "nmod" if matches!(tree.upos(above), "NOUN" | "PROPN") => tree.verb_above(above),
            // (Only beside another of its relation: a date the parser made the only subject
            // may carry the real one below it, "The government today welcomed".)
            "nsubj" | "obj" | "iobj" if tree.upos(above) == "VERB" => {
                let rel = tree.rel(h);
                tree.children(above)
                    .iter()
                    .any(|&c| c != h && tree.rel(c) == rel)
                    .then_some(above)
            }
            _ => None,
        };
        let Some(v) = v else { continue };
        arcs.push((h, Some(v), "obl".to_owned()));
        arcs.extend(
            tree.children(h)
                .iter()
                .filter(|&&c| tree.base_rel(c) == "nmod" && tree.has_child(c, &["case"]))
                .map(|&c| (c, Some(v), "obl".to_owned())),
        );
    }
    tree.rehead(&arcs);
}

/// "stormed the village of Dan Issa overnight": the parser made the adverb after a name the
/// head of the name's phrase, with the name its compound. An adverb heads no phrase with a
/// preposition: the name takes its place (the preposition with it), and the adverb goes to
/// the verb above.
pub(crate) fn adverb_read_as_a_names_head(tree: &Tree) -> Arcs {
    for x in 0..tree.len() {
        if tree.upos(x) != "ADV" || !tree.has_child(x, &["case"]) {
            continue;
        }
        let Some(name) = tree
            .children_labelled(x, "compound")
            .filter(|&c| c < x && tree.upos(c) == "PROPN")
            .last()
        else {
            continue;
        };
        let up = tree.verb_above(x);
        let mut arcs = vec![(name, tree.head(x), tree.rel(x).to_owned())];
        arcs.extend(
            tree.children(x)
                .iter()
                .filter(|&&c| c != name)
                .map(|&c| (c, Some(name), tree.rel(c).to_owned())),
        );
        arcs.push((x, up, "advmod".to_owned()));
        return arcs;
    }
    Vec::new()
}

/// "protests against France, a former key partner of Niger that withdrew its troops": a common
/// noun with a determiner, set off by a comma right after a name, without a conjunction of its
/// own, that the parser made a conjunct of a word before the name, is the name's apposition
/// (what the relative clause on it says is said of the name). Lists keep their conjuncts: a
/// name's list goes on with names, and its last item has its conjunction.
pub(crate) fn apposition_read_as_a_conjunct(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in 2..tree.len() {
        if tree.base_rel(c) != "conj" || tree.upos(c) != "NOUN" || tree.has_child(c, &["cc"]) {
            continue;
        }
        let Some(start) = (0..c).find(|&w| tree.dominates(c, w) && tree.upos(w) != "PUNCT") else {
            continue;
        };
        let determined = tree.children_with(c, &["det"]).next().is_some_and(|d| d == start);
        let name = start
            .checked_sub(2)
            .filter(|&n| tree.lower(start - 1) == "," && tree.upos(n) == "PROPN");
        let Some(mut n) = name.filter(|_| determined) else {
            continue;
        };
        // The name's head word ("the United States": "States").
        while tree.base_rel(n) == "flat" {
            match tree.head(n) {
                Some(h) => n = h,
                None => break,
            }
        }
        // (Not the middle of a list: "Mali, the army and the police".)
        let listed = |h: usize| {
            tree.children_with(h, &["conj"])
                .any(|o| o > c && tree.has_child(o, &["cc"]))
        };
        if tree.head(c).is_some_and(|h| h < n && !listed(h)) {
            arcs.push((c, Some(n), "appos".to_owned()));
        }
    }
    arcs
}

/// "Burkinese soldaten hebben zondag een aanval afgeslagen": the parser hung the time phrase
/// on the auxiliary (as an oblique, an adverb, or, "hebben donderdagavond een journalist
/// gearresteerd", an indirect object). An auxiliary takes none: they are its verb's.
pub(crate) fn adjunct_on_an_auxiliary(tree: &Tree) -> Arcs {
    (0..tree.len())
        .filter(|&c| matches!(tree.base_rel(c), "obl" | "advmod" | "iobj"))
        .filter_map(|c| {
            let a = tree.head(c)?;
            let v = tree.head(a).filter(|_| tree.base_rel(a) == "aux")?;
            Some((c, Some(v), tree.rel(c).to_owned()))
        })
        .collect()
}

/// "Des jihadistes ont tué dimanche des civils", "a annoncé lundi des sanctions": the parser
/// hung the noun after a bare time adverbial on it, reading the partitive article ("des",
/// "du": "de" + "le") as a preposition. A noun whose phrase opens with that contraction,
/// right after a bare noun adverbial of a verb without an object, is the verb's object.
pub(crate) fn partitive_on_a_bare_adverbial(tree: &Tree) -> Arcs {
    let mut arcs = Vec::new();
    for c in 2..tree.len() {
        let Some(h) = tree.head(c) else { continue };
        let partitive = tree.head(c - 2) == Some(c)
            && tree.base_rel(c - 2) == "case"
            && tree.lemma(c - 2) == "de"
            && tree.head(c - 1) == Some(c)
            && tree.base_rel(c - 1) == "det"
            && tree.lemma(c - 1) == "le"
            && tree.span(c - 2) == tree.span(c - 1);
        let bare_adverbial =
            h + 1 == c - 2 && tree.upos(h) == "NOUN" && tree.base_rel(h) == "obl" && !tree.has_child(h, &["case"]);
        let Some(v) = tree.head(h).filter(|&v| tree.upos(v) == "VERB") else {
            continue;
        };
        if partitive && bare_adverbial && tree.upos(c) == "NOUN" && !tree.has_child(v, &["obj"]) {
            arcs.push((c, Some(v), "obj".to_owned()));
        }
    }
    arcs
}

/// "The army said in a statement that soldiers had killed", "said on Monday that …",
/// "a indiqué dans un communiqué que …": the parser hung the clause a verb reports on the
/// noun of the verb's oblique, as its modifier. A clause opened by a conjunction (a `mark`,
/// not a relative pronoun) with a subject of its own, under the noun of a verb's oblique, is
/// that verb's complement, when the verb has none.
pub(crate) fn complement_clause_on_an_oblique(tree: &Tree) -> Arcs {
    for c in 0..tree.len() {
        let Some(n) = tree.head(c) else { continue };
        if !matches!(tree.rel(c), "acl" | "acl:relcl")
            || !tree.has_child(c, &["mark"])
            || !tree.has_child(c, &["nsubj", "nsubj:pass"])
            || !matches!(tree.upos(n), "NOUN" | "PROPN")
            || !tree.base_rel(n).starts_with("obl")
            || n > c
        {
            continue;
        }
        let Some(v) = tree.head(n).filter(|&v| tree.upos(v) == "VERB" && v < n) else {
            continue;
        };
        if tree.has_child(v, &["ccomp"]) {
            continue;
        }
        return vec![(c, Some(v), "ccomp".to_owned())];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head_of(conllu_sentence: &str, word: &str) -> Option<String> {
        let mut tree = Tree::parse("en", conllu_sentence).expect("parses");
        let arcs = free_adjunct_on_a_noun(&tree);
        tree.rehead(&arcs);
        let w = (0..tree.len()).find(|&i| tree.lower(i) == word)?;
        tree.head(w).map(|h| tree.lower(h).to_owned())
    }

    #[test]
    fn a_determined_noun_set_off_after_a_name_is_its_apposition_not_a_conjunct() {
        let text = "Unlike previous protests against France, a former key partner of Niger that withdrew its troops, the crowd targeted the United States.";
        let tree = Tree::parse("en", text).expect("parses");
        let partner = (0..tree.len()).find(|&i| tree.lower(i) == "partner").expect("word");
        assert_eq!(
            (tree.rel(partner), tree.head(partner).map(|h| tree.lower(h))),
            ("appos", Some("france"))
        );
    }

    #[test]
    fn a_participle_after_a_comma_joins_the_clause_not_the_noun_before_it() {
        assert_eq!(
            head_of(
                "Mali has kept its embassy in Algiers shut since the drone incident, accusing Algeria of backing the rebels.",
                "accusing"
            )
            .as_deref(),
            Some("kept")
        );
        // Hung on a subject, it stays.
        let tree = Tree::parse("en", "The soldiers, fearing an ambush near the river, turned back.").expect("parses");
        assert!(free_adjunct_on_a_noun(&tree).is_empty());
    }

    #[test]
    fn a_participle_read_as_the_report_of_a_later_verb_of_saying_is_the_main_verbs() {
        let t = Tree::from_rows(&[
            "Gunmen gunman NOUN 2 nsubj",
            "attacked attack VERB 0 root",
            "a a DET 4 det",
            "market market NOUN 2 obj",
            ", , PUNCT 6 punct",
            "killing kill VERB|VerbForm=Ger 11 ccomp",
            "12 12 NUM 8 nummod",
            "people people NOUN 6 obj",
            ", , PUNCT 10 punct",
            "officials official NOUN 11 nsubj",
            "said say VERB 2 ccomp",
        ]);
        // (Tree::from_rows applies the repairs.)
        let killing = 5;
        assert_eq!((t.head(killing), t.rel(killing)), (Some(1), "advcl"));
        assert_eq!(t.head(10), Some(1), "the verb of saying stays where it was");
    }
}
