//! A relative clause the parser read as the main clause. In "On Monday, December 4, the
//! general who came to power in a coup four months ago received the minister", the parser
//! made "came" the root (its subject the relative pronoun "who") and hung "received" under
//! it, with "four months ago" its date. A clause whose subject is a relative pronoun is a
//! relative clause: the noun before the pronoun is its head, and the first finite verb after
//! it is the sentence's main verb, with that noun as its subject. The words between the
//! relative clause's verb and the main verb that the parser hung on the main verb belong to
//! the relative clause; what opens the sentence (the date frame) belongs to the main clause.
//!
//! The repair is kept only when the result is one tree; it works on the 1-based heads of
//! [`Sentence`].

use sahel_syntax::Sentence;

fn has_feat(sent: &Sentence, i: usize, feat: &str) -> bool {
    sent.tokens[i].feats.split('|').any(|f| f == feat)
}

fn head(sent: &Sentence, i: usize) -> Option<usize> {
    sent.tokens[i].head.checked_sub(1)
}

/// Whether `i` is `root` or below it (0-based).
fn dominates(sent: &Sentence, root: usize, mut i: usize) -> bool {
    for _ in 0..=sent.tokens.len() {
        if i == root {
            return true;
        }
        match head(sent, i) {
            Some(h) => i = h,
            None => return false,
        }
    }
    false
}

/// Whether verb `v` is finite, itself or through an auxiliary ("has not reacted").
fn finite(sent: &Sentence, v: usize) -> bool {
    has_feat(sent, v, "VerbForm=Fin")
        || sent
            .tokens
            .iter()
            .enumerate()
            .any(|(c, t)| head(sent, c) == Some(v) && t.deprel.starts_with("aux") && has_feat(sent, c, "VerbForm=Fin"))
}

/// The relative pronoun subject of `r`, if `r` is a verb outside a relative clause with one.
fn stray_pronoun(sent: &Sentence, r: usize) -> Option<usize> {
    let t = &sent.tokens[r];
    if t.upos != "VERB" || t.deprel.starts_with("acl") {
        return None;
    }
    (0..r).find(|&c| {
        head(sent, c) == Some(r)
            && sent.tokens[c].deprel.starts_with("nsubj")
            && sent.tokens[c].upos == "PRON"
            && has_feat(sent, c, "PronType=Rel")
    })
}

/// Re-reads every relative clause the parser took for the main clause (see the module).
pub fn repair(sent: &mut Sentence) {
    let n = sent.tokens.len();
    for r in 0..n {
        let Some(p) = stray_pronoun(sent, r) else {
            continue;
        };
        // The head noun: the word right before the pronoun, punctuation aside; a noun, a
        // name, or an adjective after a determiner ("the general who").
        let Some(a) = (0..p).rev().find(|&i| sent.tokens[i].upos != "PUNCT") else {
            continue;
        };
        let nominal = match sent.tokens[a].upos.as_str() {
            "NOUN" | "PROPN" => true,
            "ADJ" => a > 0 && sent.tokens[a - 1].upos == "DET",
            _ => false,
        };
        if !nominal || !dominates(sent, r, a) {
            continue;
        }
        // The main verb: the first finite verb after the clause's verb, below it, whose own
        // subject is not a relative pronoun, and not below the head noun.
        let Some(v) = (r + 1..n).find(|&v| {
            sent.tokens[v].upos == "VERB"
                && finite(sent, v)
                && dominates(sent, r, v)
                && !dominates(sent, a, v)
                && stray_pronoun(sent, v).is_none()
        }) else {
            continue;
        };
        let before = sent.clone();
        // What the parser hung on the main verb between the two verbs is the relative
        // clause's ("in a coup four months ago"), but for the main verb's auxiliaries and
        // bare adverbs ("has not reacted"); a subject there is an oblique of it.
        let own = |sent: &Sentence, c: usize| {
            let rel = sent.tokens[c].deprel.as_str();
            let bare = !(0..n).any(|d| head(sent, d) == Some(c));
            rel == "punct" || rel.starts_with("aux") || rel == "cop" || (rel == "advmod" && bare)
        };
        for c in r + 1..v {
            if head(sent, c) == Some(v) && !own(sent, c) {
                sent.tokens[c].head = r + 1;
                if sent.tokens[c].deprel.starts_with("nsubj") {
                    sent.tokens[c].deprel = "obl".to_owned();
                }
            }
        }
        // What opens the sentence before the head noun and hangs on the clause's verb
        // belongs to the main clause ("On Monday, December 4,").
        for c in 0..a {
            if head(sent, c) == Some(r) {
                sent.tokens[c].head = v + 1;
            }
        }
        sent.tokens[v].head = 0;
        sent.tokens[v].deprel = "root".to_owned();
        sent.tokens[a].head = v + 1;
        sent.tokens[a].deprel = "nsubj".to_owned();
        sent.tokens[r].head = a + 1;
        sent.tokens[r].deprel = "acl:relcl".to_owned();
        let len = sent.tokens.iter().map(|t| t.span.end).max().unwrap_or(0);
        if sent.tree_error(len).is_some() {
            *sent = before;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut s = sentence(
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
        repair(&mut s);
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
    fn the_main_verbs_auxiliaries_stay_with_it() {
        let mut s = sentence(
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
        repair(&mut s);
        assert_eq!(arc(&s, "reacted"), (0, "root".into()));
        assert_eq!(arc(&s, "States"), (12, "nsubj".into()));
        assert_eq!(arc(&s, "suspended"), (3, "acl:relcl".into()));
        assert_eq!(arc(&s, "has"), (12, "aux".into()));
        assert_eq!(arc(&s, "not"), (12, "advmod".into()));
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
        let mut s = sentence("The general who came back spoke.", &rows);
        let before = s.clone();
        repair(&mut s);
        assert_eq!(s, before);
    }
}
