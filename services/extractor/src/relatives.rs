//! A relative clause the parser read as the main clause. In "On Monday, December 4, the
//! general who came to power in a coup four months ago received the minister", the parser
//! made "came" the root (its subject the relative pronoun "who") and hung "received" under
//! it, with "four months ago" its date. A clause whose subject is a relative pronoun is a
//! relative clause: the noun before the pronoun is its head, and the first finite verb after
//! it is the sentence's main verb, with that noun as its subject. The words between the
//! relative clause's verb and the main verb that the parser hung on the main verb belong to
//! the relative clause; what opens the sentence (the date frame) belongs to the main clause.
//!
//! A relative clause the parser hung on another verb beside it ("countries run by military
//! juntas, which have cut ties", "cut" a parataxis of "run") is the clause of the noun before
//! the comma, when the two agree in number.
//!
//! A reduced relative clause the parser read as the clause ("workers kidnapped in February
//! were freed", "kidnapped" the verb and "freed" under it) is the noun's, and the clause after
//! it the sentence's.
//!
//! The repair is kept only when the result is one tree ([`Tree::rehead`]).

use crate::tree::Tree;

/// The relative pronoun before verb `r` that opens its clause, if `r` is outside a relative
/// clause: its subject ("the general who came"), or another dependent of the verb or of its
/// subject, before that subject ("La CEDEAO, dont le Niger est sorti en janvier, n'a pas
/// réagi").
fn stray_pronoun(tree: &Tree, r: usize) -> Option<usize> {
    if tree.upos(r) != "VERB" {
        return None;
    }
    let subject = |s: usize| s < r && tree.head(s) == Some(r) && tree.rel(s).starts_with("nsubj");
    (0..r).find(|&c| {
        tree.is_stray_relative(r, c)
            && match tree.head(c) {
                // Its subject, or a dependent of the verb before the clause's subject.
                Some(h) if h == r => subject(c) || (c + 1..r).any(subject),
                // A dependent of the clause's subject after it ("dont le Niger").
                Some(h) => h > c && subject(h),
                None => false,
            }
    })
}

/// Re-reads every relative clause the parser took for the main clause (see the module).
pub fn repair(tree: &mut Tree) {
    let n = tree.len();
    for r in 0..n {
        let Some(p) = stray_pronoun(tree, r) else {
            continue;
        };
        // The head noun: the word right before the pronoun; a noun, a name, or an adjective
        // after a determiner ("the general who").
        let Some(a) = tree.word_before(p) else {
            continue;
        };
        let nominal = match tree.upos(a) {
            "NOUN" | "PROPN" => true,
            "ADJ" => a > 0 && tree.upos(a - 1) == "DET",
            _ => false,
        };
        if !nominal || !tree.dominates(r, a) {
            continue;
        }
        // The main verb: the first finite verb after the clause's verb, below it, whose own
        // subject is not a relative pronoun, and not below the head noun.
        let Some(v) = (r + 1..n).find(|&v| {
            tree.upos(v) == "VERB"
                && tree.finite_word(v).is_some()
                && tree.dominates(r, v)
                && !tree.dominates(a, v)
                && stray_pronoun(tree, v).is_none()
        }) else {
            continue;
        };
        // What the parser hung on the main verb between the two verbs is the relative
        // clause's ("in a coup four months ago"), but for the main verb's auxiliaries and
        // bare adverbs ("has not reacted"); a subject there is an oblique of it.
        let own = |c: usize| {
            let rel = tree.rel(c);
            rel == "punct" || rel.starts_with("aux") || rel == "cop" || (rel == "advmod" && tree.children(c).is_empty())
        };
        let mut arcs: Vec<(usize, Option<usize>, String)> = (r + 1..v)
            .filter(|&c| tree.head(c) == Some(v) && !own(c))
            .map(|c| {
                let rel = if tree.rel(c).starts_with("nsubj") {
                    "obl"
                } else {
                    tree.rel(c)
                };
                (c, Some(r), rel.to_owned())
            })
            .collect();
        // What opens the sentence before the head noun and hangs on the clause's verb
        // belongs to the main clause ("On Monday, December 4,").
        arcs.extend(
            (0..a)
                .filter(|&c| tree.head(c) == Some(r))
                .map(|c| (c, Some(v), tree.rel(c).to_owned())),
        );
        arcs.push((v, None, "root".to_owned()));
        arcs.push((a, Some(v), "nsubj".to_owned()));
        arcs.push((r, Some(a), "acl:relcl".to_owned()));
        tree.rehead(&arcs);
    }
    hung_relatives(tree);
    reduced_relatives(tree);
}

/// "Two aid workers kidnapped in February were freed on Sunday", parsed with "kidnapped" the
/// verb of "workers" and "freed" a subjectless adverbial clause under it: a past participle
/// right after its subject, with no auxiliary, above a clause that opens with a finite
/// auxiliary and has no subject, is a reduced relative clause. The clause is the sentence's
/// verb in the participle's place, with the noun as its subject; the participle describes
/// the noun, and keeps what stands between it and the clause.
fn reduced_relatives(tree: &mut Tree) {
    for p in 0..tree.len() {
        if tree.upos(p) != "VERB" || !tree.has_feat(p, "VerbForm=Part") || tree.has_child(p, &["aux", "cop"]) {
            continue;
        }
        let Some(s) = p
            .checked_sub(1)
            .filter(|&s| tree.head(s) == Some(p) && tree.rel(s) == "nsubj")
        else {
            continue;
        };
        let clause = tree.children(p).iter().copied().find(|&v| {
            v > p
                && tree.upos(v) == "VERB"
                && matches!(tree.base_rel(v), "advcl" | "conj" | "parataxis")
                && !tree.has_any_subject(v)
                && tree.opening_finite_auxiliary(v).is_some()
        });
        let Some(v) = clause else { continue };
        let mut arcs = vec![
            (v, tree.head(p), tree.rel(p).to_owned()),
            (s, Some(v), tree.subject_label(v)),
            (p, Some(s), "acl".to_owned()),
        ];
        arcs.extend(
            tree.children(p)
                .iter()
                .filter(|&&c| c > v)
                .map(|&c| (c, Some(v), tree.rel(c).to_owned())),
        );
        tree.rehead(&arcs);
    }
}

/// A relative clause the parser hung on another verb beside it ("countries run by military
/// juntas, which have cut ties with the West", with "cut" a parataxis of "run"): a clause whose
/// subject is a relative pronoun right after a noun and a comma, and that is not above that
/// noun, is that noun's relative clause, when the noun and the clause's finite verb do not
/// disagree in number.
fn hung_relatives(tree: &mut Tree) {
    for r in 0..tree.len() {
        if tree.upos(r) != "VERB" || tree.finite_word(r).is_none() {
            continue;
        }
        let Some(p) = (0..r)
            .find(|&c| tree.head(c) == Some(r) && tree.rel(c).starts_with("nsubj") && tree.is_stray_relative(r, c))
        else {
            continue;
        };
        let Some(a) = tree.word_before(p) else {
            continue;
        };
        let set_off = p > 0 && tree.upos(p - 1) == "PUNCT" && a < p - 1;
        if !set_off || !matches!(tree.upos(a), "NOUN" | "PROPN") || tree.dominates(r, a) {
            continue;
        }
        let number = |w: usize| ["Number=Sing", "Number=Plur"].into_iter().find(|f| tree.has_feat(w, f));
        let finite_word = tree.finite_word(r);
        let disagree = matches!((finite_word.and_then(number), number(a)), (Some(x), Some(y)) if x != y);
        if !disagree {
            tree.rehead(&[(r, Some(a), "acl:relcl".to_owned())]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahel_syntax::Sentence;

    fn sentence(text: &str, rows: &[(&str, &str, &str, usize, &str)]) -> Sentence {
        let mut conllu = format!("# text = {text}\n");
        for (i, (form, upos, feats, head, rel)) in rows.iter().enumerate() {
            conllu.push_str(&format!(
                "{}\t{form}\t{form}\t{upos}\t_\t{feats}\t{head}\t{rel}\t_\t_\n",
                i + 1
            ));
        }
        sahel_syntax::conllu::parse(&conllu).expect("fixture parses").remove(0)
    }

    fn arc(s: &Sentence, form: &str) -> (usize, String) {
        let t = s.tokens.iter().find(|t| t.form == form).expect("word");
        (t.head, t.deprel.clone())
    }

    #[test]
    fn a_relative_clause_read_as_the_main_clause_is_read_again() {
        let s = sentence(
            "On Monday, the general who came to power in a coup four months ago received the minister.",
            &[
                ("On", "ADP", "_", 2, "case"),
                ("Monday", "PROPN", "_", 7, "obl"),
                (",", "PUNCT", "_", 5, "punct"),
                ("the", "DET", "_", 5, "det"),
                ("general", "ADJ", "_", 7, "advcl"),
                ("who", "PRON", "PronType=Rel", 7, "nsubj"),
                ("came", "VERB", "VerbForm=Fin", 0, "root"),
                ("to", "ADP", "_", 9, "case"),
                ("power", "NOUN", "_", 7, "obl"),
                ("in", "ADP", "_", 16, "mark"),
                ("a", "DET", "_", 12, "det"),
                ("coup", "NOUN", "_", 16, "nsubj"),
                ("four", "NUM", "_", 14, "nummod"),
                ("months", "NOUN", "_", 15, "obl:unmarked"),
                ("ago", "ADV", "_", 16, "advmod"),
                ("received", "VERB", "VerbForm=Fin", 7, "advcl"),
                ("the", "DET", "_", 18, "det"),
                ("minister", "NOUN", "_", 16, "obj"),
                (".", "PUNCT", "_", 7, "punct"),
            ],
        );
        let s = Tree::new(s).sentence().clone();
        assert_eq!(arc(&s, "received"), (0, "root".into()));
        assert_eq!(arc(&s, "general"), (16, "nsubj".into()));
        assert_eq!(arc(&s, "came"), (5, "acl:relcl".into()));
        assert_eq!(
            arc(&s, "Monday"),
            (16, "obl".into()),
            "the opening date frames the main clause"
        );
        assert_eq!(
            arc(&s, "ago"),
            (7, "advmod".into()),
            "'four months ago' is the relative clause's"
        );
        assert_eq!(arc(&s, "coup"), (7, "obl".into()));
        assert_eq!(arc(&s, "minister"), (16, "obj".into()));
        assert!(s.tree_error(200).is_none());
    }

    #[test]
    fn a_relative_pronoun_that_is_no_subject_opens_a_relative_clause_too() {
        // As the French model parses it: "dont" below the clause's subject, the antecedent a
        // second subject of "sorti", the main verb its adverbial clause.
        let rows = [
            ("La", "DET", "_", 2, "det"),
            ("CEDEAO", "PROPN", "_", 8, "nsubj"),
            (",", "PUNCT", "_", 2, "punct"),
            ("dont", "PRON", "PronType=Rel", 6, "nmod"),
            ("le", "DET", "_", 6, "det"),
            ("Niger", "PROPN", "_", 8, "nsubj"),
            ("est", "AUX", "VerbForm=Fin", 8, "aux:tense"),
            ("sorti", "VERB", "VerbForm=Part", 0, "root"),
            ("en", "ADP", "_", 10, "case"),
            ("janvier", "NOUN", "_", 8, "obl:mod"),
            (",", "PUNCT", "_", 15, "punct"),
            ("n'", "ADV", "_", 15, "advmod"),
            ("a", "AUX", "VerbForm=Fin", 15, "aux:tense"),
            ("pas", "ADV", "_", 15, "advmod"),
            ("réagi", "VERB", "VerbForm=Part", 8, "advcl"),
            (".", "PUNCT", "_", 8, "punct"),
        ];
        let text = "La CEDEAO, dont le Niger est sorti en janvier, n'a pas réagi.";
        let s = Tree::new(sentence(text, &rows)).sentence().clone();
        assert_eq!(arc(&s, "réagi"), (0, "root".into()));
        assert_eq!(arc(&s, "CEDEAO"), (15, "nsubj".into()));
        assert_eq!(arc(&s, "sorti"), (2, "acl:relcl".into()));
        assert_eq!(
            arc(&s, "Niger"),
            (8, "nsubj".into()),
            "the relative clause keeps its subject"
        );
        // Without the pronoun, two subjects are no relative clause.
        let mut plain = rows;
        plain[3] = ("donc", "ADV", "_", 8, "advmod");
        let s = Tree::new(sentence(text, &plain)).sentence().clone();
        assert_eq!(arc(&s, "sorti"), (0, "root".into()));
    }

    #[test]
    fn the_main_verbs_auxiliaries_stay_with_it() {
        let s = sentence(
            "The United States, which suspended its aid, has not reacted.",
            &[
                ("The", "DET", "_", 3, "det"),
                ("United", "ADJ", "_", 3, "amod"),
                ("States", "PROPN", "_", 6, "obl"),
                (",", "PUNCT", "_", 3, "punct"),
                ("which", "PRON", "PronType=Rel", 6, "nsubj"),
                ("suspended", "VERB", "VerbForm=Fin", 0, "root"),
                ("its", "PRON", "_", 8, "nmod:poss"),
                ("aid", "NOUN", "_", 6, "obj"),
                (",", "PUNCT", "_", 12, "punct"),
                ("has", "AUX", "VerbForm=Fin", 12, "aux"),
                ("not", "PART", "_", 12, "advmod"),
                ("reacted", "VERB", "VerbForm=Part", 6, "parataxis"),
                (".", "PUNCT", "_", 6, "punct"),
            ],
        );
        let s = Tree::new(s).sentence().clone();
        assert_eq!(arc(&s, "reacted"), (0, "root".into()));
        assert_eq!(arc(&s, "States"), (12, "nsubj".into()));
        assert_eq!(arc(&s, "suspended"), (3, "acl:relcl".into()));
        assert_eq!(arc(&s, "has"), (12, "aux".into()));
        assert_eq!(arc(&s, "not"), (12, "advmod".into()));
    }

    #[test]
    fn a_relative_clause_hung_on_a_verb_beside_it_is_its_nouns() {
        // As the English model parses it: "cut" a parataxis of "run".
        let rows = [
            ("countries", "NOUN", "Number=Plur", 0, "root"),
            ("run", "VERB", "VerbForm=Part", 1, "acl"),
            ("by", "ADP", "_", 4, "case"),
            ("juntas", "NOUN", "Number=Plur", 2, "obl:agent"),
            (",", "PUNCT", "_", 7, "punct"),
            ("which", "PRON", "PronType=Rel", 7, "nsubj"),
            ("cut", "VERB", "VerbForm=Fin|Number=Plur", 2, "parataxis"),
            ("ties", "NOUN", "Number=Plur", 7, "obj"),
        ];
        let text = "countries run by juntas, which cut ties";
        let s = Tree::new(sentence(text, &rows)).sentence().clone();
        assert_eq!(arc(&s, "cut"), (4, "acl:relcl".into()));
        // A verb that disagrees in number with the noun before is no relative clause of it.
        let mut sing = rows;
        sing[6] = ("cut", "VERB", "VerbForm=Fin|Number=Sing", 2, "parataxis");
        let s = Tree::new(sentence(text, &sing)).sentence().clone();
        assert_eq!(arc(&s, "cut"), (2, "parataxis".into()));
    }

    #[test]
    fn a_reduced_relative_read_as_the_clause_is_its_nouns() {
        // As the English model parses "Aid workers kidnapped in February were freed on Sunday".
        let rows = [
            ("Aid", "NOUN", "Number=Sing", 2, "compound"),
            ("workers", "NOUN", "Number=Plur", 3, "nsubj"),
            ("kidnapped", "VERB", "Tense=Past|VerbForm=Part", 0, "root"),
            ("in", "ADP", "_", 5, "case"),
            ("February", "PROPN", "Number=Sing", 3, "obl"),
            ("were", "AUX", "Mood=Ind|Tense=Past|VerbForm=Fin", 7, "aux:pass"),
            ("freed", "VERB", "Tense=Past|VerbForm=Part", 3, "advcl"),
            ("on", "ADP", "_", 9, "case"),
            ("Sunday", "PROPN", "Number=Sing", 7, "obl"),
        ];
        let text = "Aid workers kidnapped in February were freed on Sunday";
        let s = Tree::new(sentence(text, &rows)).sentence().clone();
        assert_eq!(arc(&s, "freed"), (0, "root".into()));
        assert_eq!(arc(&s, "workers"), (7, "nsubj:pass".into()));
        assert_eq!(arc(&s, "kidnapped"), (2, "acl".into()));
        assert_eq!(
            arc(&s, "February"),
            (3, "obl".into()),
            "the date stays the kidnapping's"
        );
        // A participle with an auxiliary of its own is a clause: "Gunmen have kidnapped two
        // workers and were seen fleeing" keeps its verb.
        let rows = [
            ("Gunmen", "NOUN", "Number=Plur", 3, "nsubj"),
            ("have", "AUX", "VerbForm=Fin", 3, "aux"),
            ("kidnapped", "VERB", "Tense=Past|VerbForm=Part", 0, "root"),
            ("workers", "NOUN", "Number=Plur", 3, "obj"),
            ("were", "AUX", "Mood=Ind|Tense=Past|VerbForm=Fin", 6, "aux:pass"),
            ("seen", "VERB", "Tense=Past|VerbForm=Part", 3, "conj"),
        ];
        let s = Tree::new(sentence("Gunmen have kidnapped workers were seen", &rows))
            .sentence()
            .clone();
        assert_eq!(arc(&s, "kidnapped"), (0, "root".into()));
    }

    #[test]
    fn a_relative_clause_parsed_right_is_left_alone() {
        let rows = [
            ("The", "DET", "_", 2, "det"),
            ("general", "NOUN", "_", 6, "nsubj"),
            ("who", "PRON", "PronType=Rel", 4, "nsubj"),
            ("came", "VERB", "VerbForm=Fin", 2, "acl:relcl"),
            ("back", "ADV", "_", 4, "advmod"),
            ("spoke", "VERB", "VerbForm=Fin", 0, "root"),
            (".", "PUNCT", "_", 6, "punct"),
        ];
        let s = sentence("The general who came back spoke.", &rows);
        let before = s.clone();
        let s = Tree::new(s).sentence().clone();
        assert_eq!(s, before);
    }
}
