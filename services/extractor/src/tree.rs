//! A parsed sentence as the coder reads it: the dependency tree of `sahel-syntax` with
//! 0-based word indices, children lists, and the bridge from the coder's surface tokens
//! ([`crate::nlp::Token`], whose spans are code points of the same sentence) to tree words.

use crate::nlp::Token;
use crate::syntax::Sentence;

/// A dependency tree over one sentence.
#[derive(Debug, Clone)]
pub struct Tree {
    sent: Sentence,
    children: Vec<Vec<usize>>,
    lower: Vec<String>,
}

/// Each word's dependents, in order (0-based; the root's are nobody's).
fn children_lists(sent: &Sentence) -> Vec<Vec<usize>> {
    let n = sent.tokens.len();
    let mut children = vec![Vec::new(); n];
    for (i, t) in sent.tokens.iter().enumerate() {
        if t.head > 0 && t.head <= n {
            children[t.head - 1].push(i);
        }
    }
    children
}

impl Tree {
    /// Parses `text` (one sentence) in `language`; `None` without a parser for it.
    pub fn parse(language: &str, text: &str) -> Option<Tree> {
        crate::syntax::parse_sentence(language, text).map(Tree::new)
    }

    /// Parses `text` only when `wanted` accepts its tagged, lemmatized words; `names` are the
    /// spans of names the actor data knows, `verbs` of the verb forms the trigger data knows
    /// ([`crate::syntax::parse_sentence_when`]).
    pub fn parse_when(
        language: &str,
        text: &str,
        names: &[crate::syntax::Span],
        verbs: &[crate::syntax::Span],
        wanted: impl FnOnce(&Sentence) -> bool,
    ) -> Option<Tree> {
        crate::syntax::parse_sentence_when(language, text, names, verbs, wanted).map(Tree::new)
    }

    /// Wraps a parsed sentence, a relative clause the parser read as the main clause read
    /// again as one ([`crate::relatives`]), a finite verb hung on a root noun read as the
    /// clause's verb ([`Tree::finite_verb_under_noun_root`]), a marked infinitive hung on a
    /// number read as its verb's ([`Tree::infinitives_on_numbers`]), a finite verb under a
    /// participle root read as the clause's ([`Tree::finite_verb_under_participle_root`]), the
    /// first of two subjects given to the reported clause between them
    /// ([`Tree::subject_of_reported_clause`]). An
    /// infinitive the parser hung on a predicate adjective as an adverbial clause, without a
    /// subject of its own, is read as the adjective's complement, as UD writes it ("is due to
    /// travel", "is ready to fight"): it shares the subject and the plan the adjective states.
    pub fn new(sent: Sentence) -> Tree {
        let children = children_lists(&sent);
        let lower = sent.tokens.iter().map(|t| t.form.to_lowercase()).collect();
        let mut tree = Tree { sent, children, lower };
        crate::relatives::repair(&mut tree);
        tree.finite_verb_under_noun_root();
        tree.infinitives_on_numbers();
        tree.finite_verb_under_participle_root();
        tree.subject_of_reported_clause();
        let complements: Vec<usize> = (0..tree.len())
            .filter(|&i| {
                tree.rel(i) == "advcl"
                    && tree.head(i).is_some_and(|h| tree.upos(h) == "ADJ")
                    && tree.has_feat(i, "VerbForm=Inf")
                    && !tree.children(i).iter().any(|&c| tree.rel(c).starts_with("nsubj"))
            })
            .collect();
        for i in complements {
            tree.sent.tokens[i].deprel = "xcomp".to_owned();
        }
        tree
    }

    /// Sets the arcs `(word, head, relation)` together (`None` for the root), keeping them
    /// only when the sentence stays one tree; the children lists follow. Whether they were
    /// kept.
    pub(crate) fn rehead(&mut self, arcs: &[(usize, Option<usize>, String)]) -> bool {
        let old: Vec<(usize, String)> = arcs
            .iter()
            .map(|&(w, _, _)| (self.sent.tokens[w].head, self.sent.tokens[w].deprel.clone()))
            .collect();
        for (w, h, rel) in arcs {
            let t = &mut self.sent.tokens[*w];
            t.head = h.map_or(0, |h| h + 1);
            t.deprel.clone_from(rel);
        }
        let len = self.sent.tokens.iter().map(|t| t.span.end).max().unwrap_or(0);
        if self.sent.tree_error(len).is_some() {
            for (&(w, _, _), (h, rel)) in arcs.iter().zip(old).rev() {
                self.sent.tokens[w].head = h;
                self.sent.tokens[w].deprel = rel;
            }
            return false;
        }
        self.children = children_lists(&self.sent);
        true
    }

    /// A finite verb the parser hung on a noun it made the root, by a nominal relation
    /// ("Franse militairen verlieten Niger": "verlieten" an nmod of "militairen"), is the
    /// clause's verb, and the noun before it its subject; the root's other dependents after
    /// the verb go with it ("eind 2023", the final stop). Only when the root noun comes first.
    fn finite_verb_under_noun_root(&mut self) {
        let n = self.len();
        let Some(root) = (0..n).find(|&i| self.sent.tokens[i].head == 0) else {
            return;
        };
        if !matches!(self.upos(root), "NOUN" | "PROPN") {
            return;
        }
        let Some(v) = (root + 1..n).find(|&v| {
            self.head(v) == Some(root)
                && self.upos(v) == "VERB"
                && self.has_feat(v, "VerbForm=Fin")
                && matches!(
                    self.rel(v),
                    "nmod" | "amod" | "appos" | "parataxis" | "acl" | "compound"
                )
        }) else {
            return;
        };
        let mut arcs = vec![(v, None, "root".to_owned()), (root, Some(v), "nsubj".to_owned())];
        arcs.extend(
            (v + 1..n)
                .filter(|&c| self.head(c) == Some(root))
                .map(|c| (c, Some(v), self.rel(c).to_owned())),
        );
        self.rehead(&arcs);
    }

    /// A participle the parser made the root, with a subject and no auxiliary, over a finite
    /// verb without a subject of its own (not a conjunct, which shares the participle's), is
    /// the subject's modifier, and the finite verb the clause's ("The military regime in power
    /// following a coup in July, denounced the agreement": "following" the root, "denounced"
    /// its adverbial clause; "Dockers affiliated with the union stopped work"). Words of the
    /// participle before its subject or after the finite verb go with the finite verb.
    fn finite_verb_under_participle_root(&mut self) {
        let n = self.len();
        let Some(r) = (0..n).find(|&i| self.sent.tokens[i].head == 0) else {
            return;
        };
        let participle = self.has_feat(r, "VerbForm=Ger") || self.has_feat(r, "VerbForm=Part");
        if self.upos(r) != "VERB"
            || !participle
            || self
                .children(r)
                .iter()
                .any(|&c| matches!(self.base_rel(c), "aux" | "cop"))
        {
            return;
        }
        let Some(s) = self
            .children(r)
            .iter()
            .copied()
            .find(|&c| self.rel(c) == "nsubj" && c < r)
        else {
            return;
        };
        let Some(v) = self.children(r).iter().copied().find(|&v| {
            v > r
                && self.upos(v) == "VERB"
                && self.has_feat(v, "VerbForm=Fin")
                && matches!(self.base_rel(v), "advcl" | "parataxis" | "ccomp")
                && !self.children(v).iter().any(|&c| self.base_rel(c).starts_with("nsubj"))
        }) else {
            return;
        };
        let mut arcs = vec![
            (v, None, "root".to_owned()),
            (s, Some(v), "nsubj".to_owned()),
            (r, Some(s), "acl".to_owned()),
        ];
        arcs.extend(
            self.children(r)
                .iter()
                .filter(|&&c| (c < s || c > v) && c != v)
                .map(|&c| (c, Some(v), self.rel(c).to_owned())),
        );
        self.rehead(&arcs);
    }

    /// A verb the parser gave two subjects, the first before a reported clause without a
    /// subject of its own: the first is that clause's ("Thousands of Kurds demonstrated in
    /// Kirkuk, witnesses said": "Thousands" and "witnesses" both subjects of "said").
    fn subject_of_reported_clause(&mut self) {
        let mut arcs = Vec::new();
        for v in 0..self.len() {
            let subjects: Vec<usize> = self
                .children(v)
                .iter()
                .copied()
                .filter(|&c| self.rel(c) == "nsubj")
                .collect();
            let [s, _, ..] = subjects[..] else { continue };
            let clause = self.children(v).iter().copied().find(|&c| {
                c > s
                    && c < v
                    && matches!(self.base_rel(c), "ccomp" | "parataxis")
                    && self.upos(c) == "VERB"
                    // (A past participle without an auxiliary is a past tense the tagger
                    // misread: "demonstrated".)
                    && (self.has_feat(c, "VerbForm=Fin")
                        || (self.has_feat(c, "Tense=Past")
                            && !self.children(c).iter().any(|&d| self.base_rel(d) == "aux")))
                    && !self.children(c).iter().any(|&d| self.base_rel(d).starts_with("nsubj"))
            });
            if let Some(c) = clause {
                arcs.push((s, Some(c), "nsubj".to_owned()));
            }
        }
        if !arcs.is_empty() {
            self.rehead(&arcs);
        }
    }

    /// A marked infinitive the parser hung on a number, which takes no clause, belongs to the
    /// verb above the number ("agreed on Friday April 19 to withdraw", "created in 2014 to
    /// fight jihadist groups"): its complement, sharing its subject, unless the verb is a
    /// participle or has an object of its own, when it says what the act is for.
    fn infinitives_on_numbers(&mut self) {
        let n = self.len();
        let mut arcs = Vec::new();
        for i in 0..n {
            let Some(h) = self.head(i).filter(|&h| self.upos(h) == "NUM") else {
                continue;
            };
            if self.upos(i) != "VERB"
                || !self.has_feat(i, "VerbForm=Inf")
                || !matches!(self.base_rel(i), "acl" | "xcomp" | "advcl")
                || !self.children(i).iter().any(|&c| self.rel(c) == "mark")
            {
                continue;
            }
            // Up through the number's nominal heads ("Friday April 19") to the verb.
            let mut up = self.head(h);
            for _ in 0..3 {
                match up {
                    Some(u) if matches!(self.upos(u), "NOUN" | "PROPN" | "NUM") => up = self.head(u),
                    _ => break,
                }
            }
            let Some(v) = up.filter(|&v| self.upos(v) == "VERB") else {
                continue;
            };
            let own_object = self
                .children(v)
                .iter()
                .any(|&c| self.base_rel(c) == "obj" && !self.dominates(c, h));
            let rel = if self.has_feat(v, "VerbForm=Part") || own_object {
                "advcl"
            } else {
                "xcomp"
            };
            arcs.push((i, Some(v), rel.to_owned()));
        }
        if !arcs.is_empty() {
            self.rehead(&arcs);
        }
    }

    /// Whether `c`, a subject of verb `v`, is a relative pronoun outside a relative clause:
    /// the parser lost the clause's attachment ("The United States, which suspended its
    /// assistance, has not reacted", with "suspended" the root) or took a determiner for the
    /// pronoun ("Ook in Sikasso demonstreerden die dag honderden handelaars").
    pub fn is_stray_relative(&self, v: usize, c: usize) -> bool {
        self.upos(c) == "PRON" && self.has_feat(c, "PronType=Rel") && !self.base_rel(v).starts_with("acl")
    }

    /// The word before `i`, punctuation aside ("The United States, which").
    pub fn word_before(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&w| self.upos(w) != "PUNCT")
    }

    /// "demonstrated in the capital to demand the departure": an infinitive of purpose the
    /// parser hung on the noun of a place oblique (its preposition one `place` accepts) is the
    /// verb's adverbial clause, sharing its subject and date.
    pub fn reattach_purposes(&mut self, place: impl Fn(&str) -> bool) {
        let n = self.len();
        let toks = &self.sent.tokens;
        let purposes: Vec<(usize, usize)> = (0..n)
            .filter_map(|i| {
                let t = &toks[i];
                let h = t.head.checked_sub(1).filter(|&h| h < n)?;
                let g = toks[h].head.checked_sub(1).filter(|&g| g < n)?;
                let marked = |w: usize, rel: &str| self.children[w].iter().any(|&c| toks[c].deprel == rel);
                let place_case = self.children[h]
                    .iter()
                    .any(|&c| toks[c].deprel == "case" && place(&toks[c].lemma.to_lowercase()));
                (t.deprel == "acl"
                    && t.feats.split('|').any(|f| f == "VerbForm=Inf")
                    && marked(i, "mark")
                    && toks[h].deprel.starts_with("obl")
                    && place_case
                    && toks[g].upos == "VERB")
                    .then_some((i, g))
            })
            .collect();
        if purposes.is_empty() {
            return;
        }
        for &(i, g) in &purposes {
            self.sent.tokens[i].head = g + 1;
            self.sent.tokens[i].deprel = "advcl".to_owned();
        }
        self.children = children_lists(&self.sent);
    }

    /// The parsed sentence (after the coder's re-readings), as CoNLL-U writes it.
    pub fn sentence(&self) -> &Sentence {
        &self.sent
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.sent.tokens.len()
    }

    /// Whether the sentence has no words.
    pub fn is_empty(&self) -> bool {
        self.sent.tokens.is_empty()
    }

    /// The head of word `i` (`None` for the root).
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.sent.tokens[i].head;
        (h > 0 && h <= self.len()).then(|| h - 1)
    }

    /// The full relation of word `i` to its head (`nsubj:pass`).
    pub fn rel(&self, i: usize) -> &str {
        &self.sent.tokens[i].deprel
    }

    /// The relation without its subtype (`nsubj`).
    pub fn base_rel(&self, i: usize) -> &str {
        let r = self.rel(i);
        r.split(':').next().unwrap_or(r)
    }

    /// Lemma (lower-cased as the treebanks write them; proper nouns keep their case).
    pub fn lemma(&self, i: usize) -> &str {
        &self.sent.tokens[i].lemma
    }

    /// Form, lower-cased.
    pub fn lower(&self, i: usize) -> &str {
        &self.lower[i]
    }

    /// Universal part of speech.
    pub fn upos(&self, i: usize) -> &str {
        &self.sent.tokens[i].upos
    }

    /// Whether word `i`'s features include `feat` (`Tense=Fut`).
    pub fn has_feat(&self, i: usize, feat: &str) -> bool {
        self.sent.tokens[i].feats.split('|').any(|f| f == feat)
    }

    /// Whether word `i` is a non-finite verb whose clause shares its head's subject and time:
    /// an infinitive, a gerund or a present participle ("gathered to demand", "marched,
    /// demanding"); not a bare past participle, which says what was done to someone ("the head
    /// of the delegation, accused of collusion").
    pub fn shares_head_clause(&self, i: usize) -> bool {
        let bare_past_participle = self.has_feat(i, "VerbForm=Part")
            && !self.has_feat(i, "Tense=Pres")
            && !self.children(i).iter().any(|&c| self.base_rel(c) == "aux");
        !self.has_feat(i, "VerbForm=Fin") && !bare_past_participle
    }

    /// Whether word `i` has a subject of its own before it ("but protesters demand"): one after
    /// the verb of a conjunct ("en doodden zes burgers") is as often its object misread.
    pub fn has_subject_before(&self, i: usize) -> bool {
        self.children(i).iter().any(|&c| c < i && self.base_rel(c) == "nsubj")
    }

    /// Word `i`'s span, in code points of the sentence.
    pub fn span(&self, i: usize) -> (u32, u32) {
        let s = self.sent.tokens[i].span;
        (s.start, s.end)
    }

    /// Word `i`'s dependents, in order.
    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Dependents of `i` whose base relation is one of `rels`.
    pub fn children_with<'a>(&'a self, i: usize, rels: &'a [&'a str]) -> impl Iterator<Item = usize> + 'a {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.base_rel(c)))
    }

    /// Whether `i` is `root` or below it.
    pub fn dominates(&self, root: usize, mut i: usize) -> bool {
        for _ in 0..=self.len() {
            if i == root {
                return true;
            }
            match self.head(i) {
                Some(h) => i = h,
                None => return false,
            }
        }
        false
    }

    /// The number of arcs from `i` up to the root.
    pub fn depth(&self, mut i: usize) -> usize {
        let mut d = 0;
        while let Some(h) = self.head(i) {
            d += 1;
            i = h;
            if d > self.len() {
                break;
            }
        }
        d
    }

    /// The words whose span overlaps the code points `[start, end)`.
    pub fn words_in(&self, start: u32, end: u32) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&i| {
            let (s, e) = self.span(i);
            s < end && start < e
        })
    }

    /// The topmost word among those overlapping `[start, end)` (a phrase's head).
    pub fn head_of(&self, start: u32, end: u32) -> Option<usize> {
        self.words_in(start, end).min_by_key(|&i| (self.depth(i), i))
    }

    /// The head word of the surface tokens `toks[first..last]`.
    pub fn head_of_tokens(&self, toks: &[Token], first: usize, last: usize) -> Option<usize> {
        if first >= last || last > toks.len() {
            return None;
        }
        self.head_of(toks[first].start, toks[last - 1].end)
    }

    /// The surface token covering word `i`'s start.
    pub fn token_of(&self, toks: &[Token], i: usize) -> Option<usize> {
        let (s, e) = self.span(i);
        toks.iter().position(|t| t.start < e && s < t.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_heads_and_dominance() {
        let text = "The army of Mali attacked the convoy near Gao.";
        let t = Tree::parse("en", text).expect("English parses");
        let toks = crate::nlp::tokens(text);
        let army = (0..t.len()).find(|&i| t.lower(i) == "army").expect("army");
        let verb = (0..t.len()).find(|&i| t.lower(i) == "attacked").expect("verb");
        assert_eq!(t.head_of_tokens(&toks, 0, 4), Some(army));
        assert_eq!(t.head(army), Some(verb));
        assert!(t.dominates(verb, army));
        assert!(!t.dominates(army, verb));
        assert_eq!(t.base_rel(army), "nsubj");
        let gao = (0..t.len()).find(|&i| t.lower(i) == "gao").expect("gao");
        assert_eq!(t.token_of(&toks, gao).map(|k| toks[k].lower.as_str()), Some("gao"));
    }

    fn tree_of(conllu: &str) -> Tree {
        Tree::new(sahel_syntax::conllu::parse(conllu).expect("fixture").remove(0))
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
}
