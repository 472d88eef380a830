//! A parsed sentence as the coder reads it: the dependency tree of `sahel-syntax` with
//! 0-based word indices, children lists, and the bridge from the coder's surface tokens
//! ([`crate::nlp::Token`], whose spans are code points of the same sentence) to tree words.

use crate::nlp::Token;
use crate::syntax::Sentence;

/// The features of a past participle, as the taggers write them.
pub(crate) const PAST_PARTICIPLE: &str = "Tense=Past|VerbForm=Part";
/// The features of a past participle in a passive.
pub(crate) const PASSIVE_PARTICIPLE: &str = "Tense=Past|VerbForm=Part|Voice=Pass";
/// The features of a present participle.
pub(crate) const PRESENT_PARTICIPLE: &str = "Tense=Pres|VerbForm=Part";
/// The features of a finite verb in the past.
pub(crate) const FINITE_PAST: &str = "Mood=Ind|Tense=Past|VerbForm=Fin";

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

    /// Parses `text` only when `wanted` accepts its tagged, lemmatized words; `hints` are the
    /// spans of names and country adjectives the actor data knows and of the verb forms the
    /// trigger data knows ([`crate::syntax::parse_sentence_when`]).
    pub fn parse_when(
        language: &str,
        text: &str,
        hints: &sahel_syntax::SpanHints<'_>,
        wanted: impl FnOnce(&Sentence) -> bool,
    ) -> Option<Tree> {
        crate::syntax::parse_sentence_when(language, text, hints, wanted).map(Tree::new)
    }

    /// Wraps a parsed sentence, a relative clause the parser read as the main clause read
    /// again as one ([`crate::relatives`]) and the other parses that cannot be right re-read
    /// ([`crate::repairs`]). An infinitive the parser hung on a predicate adjective as an
    /// adverbial clause, without a subject of its own, is read as the adjective's complement,
    /// as UD writes it ("is due to travel", "is ready to fight"): it shares the subject and the
    /// plan the adjective states.
    pub fn new(sent: Sentence) -> Tree {
        let children = children_lists(&sent);
        let lower = sent.tokens.iter().map(|t| t.form.to_lowercase()).collect();
        let mut tree = Tree { sent, children, lower };
        crate::relatives::repair(&mut tree);
        crate::repairs::repair(&mut tree);
        let complements: Vec<usize> = (0..tree.len())
            .filter(|&i| {
                tree.rel(i) == "advcl"
                    && tree.head(i).is_some_and(|h| tree.upos(h) == "ADJ")
                    && tree.has_feat(i, "VerbForm=Inf")
                    && !tree.has_child(i, &["nsubj"])
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
        if arcs.is_empty() {
            return true;
        }
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

    /// Gives every verb the lemma `lemma_of(lower-cased form, lemma)` names, where the
    /// trigger data knows its form better than the lemmatizer ("geland" read as "lannen"),
    /// so that the grammar words read the lemma the triggers do.
    pub fn correct_verb_lemmas<'a>(&mut self, lemma_of: impl Fn(&str, &str) -> Option<&'a str>) {
        for i in 0..self.len() {
            if self.upos(i) != "VERB" {
                continue;
            }
            if let Some(l) = lemma_of(&self.lower[i], &self.sent.tokens[i].lemma) {
                self.sent.tokens[i].lemma = l.to_owned();
            }
        }
    }

    /// Reads word `i` as a form of the verb `lemma` with features `feats` (a participle
    /// tagged an adjective, a preposition or a noun: [`PAST_PARTICIPLE`],
    /// [`PASSIVE_PARTICIPLE`], [`PRESENT_PARTICIPLE`]); the arcs are the caller's to change.
    pub(crate) fn retag_verb(&mut self, i: usize, lemma: &str, feats: &str) {
        let t = &mut self.sent.tokens[i];
        t.upos = "VERB".to_owned();
        t.lemma = lemma.to_owned();
        t.feats = feats.to_owned();
    }

    /// Reads word `i` as a common noun with lemma `lemma` ("clashes" tagged a verb).
    pub(crate) fn retag_noun(&mut self, i: usize, lemma: &str) {
        let t = &mut self.sent.tokens[i];
        t.upos = "NOUN".to_owned();
        t.lemma = lemma.to_owned();
        t.feats = String::new();
    }

    /// Reads word `i` as a personal pronoun ("l'" tagged an article).
    pub(crate) fn retag_pronoun(&mut self, i: usize) {
        let t = &mut self.sent.tokens[i];
        t.upos = "PRON".to_owned();
        t.feats = "Person=3|PronType=Prs".to_owned();
    }

    /// Reads verb `i` as finite, in the past ("gathered" tagged a participle).
    pub(crate) fn retag_finite_past(&mut self, i: usize) {
        self.sent.tokens[i].feats = FINITE_PAST.to_owned();
    }

    /// "demonstrated in the capital to demand the departure": an infinitive of purpose the
    /// parser hung on the noun of a place oblique (its preposition one `place` accepts) is the
    /// verb's adverbial clause, sharing its subject and date. So is one on any oblique when
    /// it opens with a word of aim (`aim`) beside its infinitive marker ("liepen door de
    /// straten om … te eisen", "afin d'exiger").
    pub fn reattach_purposes(&mut self, place: impl Fn(&str) -> bool, aim: impl Fn(&str) -> bool) {
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
                let marks: Vec<&str> = self.children[i]
                    .iter()
                    .filter(|&&c| toks[c].deprel == "mark")
                    .map(|&c| toks[c].lemma.as_str())
                    .collect();
                let aimed = marks.len() >= 2 && marks.iter().any(|m| aim(&m.to_lowercase()));
                (t.deprel == "acl"
                    && t.feats.split('|').any(|f| f == "VerbForm=Inf")
                    && marked(i, "mark")
                    && toks[h].deprel.starts_with("obl")
                    && (place_case || aimed)
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

    /// A tree from a CoNLL-U sentence, for tests.
    #[cfg(test)]
    pub(crate) fn from_conllu(conllu: &str) -> Tree {
        Tree::new(sahel_syntax::conllu::parse(conllu).expect("conllu").remove(0))
    }

    /// A tree from CoNLL-U rows "form lemma upos head deprel" (one per word), for tests.
    #[cfg(test)]
    pub(crate) fn from_rows(rows: &[&str]) -> Tree {
        let lines: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let c: Vec<&str> = r.split(' ').collect();
                // "VERB|VerbForm=Part": the part of speech and its features.
                let (upos, feats) = c[2].split_once('|').unwrap_or((c[2], "_"));
                format!(
                    "{}\t{}\t{}\t{upos}\t_\t{feats}\t{}\t{}\t_\t_",
                    i + 1,
                    c[0],
                    c[1],
                    c[3],
                    c[4]
                )
            })
            .collect();
        Tree::from_conllu(&format!("# text = x\n{}\n\n", lines.join("\n")))
    }

    /// The root word, if the sentence has words.
    pub fn root(&self) -> Option<usize> {
        (0..self.len()).find(|&i| self.head(i).is_none())
    }

    /// The relation a subject of verb `v` takes: `nsubj:pass` beside a passive auxiliary ("is
    /// being held"), else `nsubj`.
    pub fn subject_rel(&self, v: usize) -> &'static str {
        if self.children(v).iter().any(|&c| self.rel(c) == "aux:pass") {
            "nsubj:pass"
        } else {
            "nsubj"
        }
    }

    /// Whether verb `v` carries tense: finite, or with an auxiliary ("will end").
    pub fn is_tensed(&self, v: usize) -> bool {
        self.has_feat(v, "VerbForm=Fin") || self.has_child(v, &["aux"])
    }

    /// Whether word `i`'s features include `feat` (`Tense=Fut`).
    pub fn has_feat(&self, i: usize, feat: &str) -> bool {
        self.sent.tokens[i].feats.split('|').any(|f| f == feat)
    }

    /// Whether word `i` is a participle or a gerund.
    pub fn is_participle(&self, i: usize) -> bool {
        self.has_feat(i, "VerbForm=Part") || self.has_feat(i, "VerbForm=Ger")
    }

    /// Whether word `i` is a gerund or a present participle ("gathering", "manifestant"):
    /// a form that tells of something going on.
    pub fn is_present_participle(&self, i: usize) -> bool {
        self.has_feat(i, "VerbForm=Ger") || (self.has_feat(i, "VerbForm=Part") && self.has_feat(i, "Tense=Pres"))
    }

    /// Whether word `i` is a non-finite verb whose clause shares its head's subject and time:
    /// an infinitive, a gerund or a present participle ("gathered to demand", "marched,
    /// demanding"); not a bare past participle, which says what was done to someone ("the head
    /// of the delegation, accused of collusion"), nor a subordinate clause made finite by its
    /// auxiliary ("after a drone was shot down"; a clause without its conjunction, "n'a pas
    /// imposé", is as often the main verb or a conjunct misread).
    pub fn shares_head_clause(&self, i: usize) -> bool {
        let bare_past_participle =
            self.has_feat(i, "VerbForm=Part") && !self.has_feat(i, "Tense=Pres") && !self.has_child(i, &["aux"]);
        // (Not finite itself, so a finite word is an auxiliary.)
        let subordinate = self.finite_word(i).is_some() && self.has_child(i, &["mark"]);
        !self.has_feat(i, "VerbForm=Fin") && !bare_past_participle && !subordinate
    }

    /// The word that makes verb `v` finite: itself, or else one of its auxiliaries ("has not
    /// reacted", "hebben … gedood").
    pub fn finite_word(&self, v: usize) -> Option<usize> {
        std::iter::once(v)
            .chain(self.children_with(v, &["aux"]))
            .find(|&w| self.has_feat(w, "VerbForm=Fin"))
    }

    /// Whether nothing of word `c`'s own stands before it but its conjunction and punctuation
    /// ("… en doodden tientallen inwoners"): a conjunct that shares its head's subject.
    pub fn opens_on_its_conjunction(&self, c: usize) -> bool {
        self.children(c)
            .iter()
            .all(|&d| d > c || matches!(self.base_rel(d), "cc" | "punct"))
    }

    /// Whether verb `v` has a subject of any kind (nsubj, csubj, passive or not).
    pub fn has_any_subject(&self, v: usize) -> bool {
        self.children(v).iter().any(|&c| self.base_rel(c).ends_with("subj"))
    }

    /// The first auxiliary of verb `v`, when it opens the verb's clause and the auxiliaries
    /// before the verb make it finite ("… and eight drivers *were* killed").
    pub fn opening_finite_auxiliary(&self, v: usize) -> Option<usize> {
        let mut before = self.children_with(v, &["aux"]).filter(|&a| a < v).peekable();
        let first = *before.peek()?;
        let finite = before.any(|a| self.has_feat(a, "VerbForm=Fin"));
        (finite && self.first_of(v) == first).then_some(first)
    }

    /// The relation of a subject given to verb `v`: `nsubj:pass` beside a passive auxiliary.
    pub fn subject_label(&self, v: usize) -> String {
        match self.children_labelled(v, "aux:pass").next() {
            Some(_) => "nsubj:pass".to_owned(),
            None => "nsubj".to_owned(),
        }
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

    /// Dependents of `i` whose relation is one of `rels`: its base relation for a name without a
    /// subtype ("nsubj" also finds "nsubj:pass"), the exact label for one with ("aux:pass").
    pub fn children_with<'a>(&'a self, i: usize, rels: &'a [&'a str]) -> impl Iterator<Item = usize> + 'a {
        self.children[i].iter().copied().filter(move |&c| {
            rels.iter().any(|r| {
                if r.contains(':') {
                    self.rel(c) == *r
                } else {
                    self.base_rel(c) == *r
                }
            })
        })
    }

    /// Dependents of `i` whose relation is exactly `rel`: "nsubj" without "nsubj:pass", which
    /// [`Tree::children_with`] includes.
    pub fn children_labelled<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[i].iter().copied().filter(move |&c| self.rel(c) == rel)
    }

    /// Whether word `i` has a dependent whose relation is one of `rels` (as [`Tree::children_with`]).
    pub fn has_child(&self, i: usize, rels: &[&str]) -> bool {
        self.children_with(i, rels).next().is_some()
    }

    /// The first word of the phrase `i` heads.
    pub fn first_of(&self, i: usize) -> usize {
        (0..i).find(|&w| self.dominates(i, w)).unwrap_or(i)
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

    /// Word `i`, then the words above it ([`Tree::ancestors`]).
    pub fn and_ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(i).chain(self.ancestors(i))
    }

    /// The words above word `i`, nearest first: its head, that head's, … up to the root (no
    /// more than the sentence's length, should the arcs ever loop).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.head(i), move |&u| self.head(u)).take(self.len())
    }

    /// The nearest verb above word `i` (its head, or that head's, …), if any.
    pub fn verb_above(&self, i: usize) -> Option<usize> {
        self.ancestors(i).find(|&u| self.upos(u) == "VERB")
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

    /// The topmost word among those overlapping `[start, end)` (a phrase's head); of words
    /// equally high, the first that is no article, preposition or punctuation ("the Sahel",
    /// the parser hanging both words on the noun they qualify: "Sahel").
    pub fn head_of(&self, start: u32, end: u32) -> Option<usize> {
        let function = |i: usize| matches!(self.upos(i), "DET" | "ADP" | "PUNCT");
        self.words_in(start, end)
            .min_by_key(|&i| (self.depth(i), function(i), i))
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

    #[test]
    fn of_words_equally_high_the_head_is_no_article() {
        // "the" and "Sahel" both hang on "juntas": the phrase "the Sahel" is headed by "Sahel".
        let t = Tree::from_conllu(
            "# text = Talks between the Sahel juntas\n\
1\tTalks\ttalk\tNOUN\t_\t_\t0\troot\t_\t_\n\
2\tbetween\tbetween\tADP\t_\t_\t5\tcase\t_\t_\n\
3\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_\n\
4\tSahel\tSahel\tPROPN\t_\t_\t5\tcompound\t_\t_\n\
5\tjuntas\tjunta\tNOUN\t_\t_\t1\tnmod\t_\t_\n",
        );
        let (start, _) = t.span(2);
        let (_, end) = t.span(3);
        assert_eq!(t.head_of(start, end), Some(3));
    }
}
