//! Event triggers by lemma (`data/triggers.json`): for each PLOVER type and mode, the verbs
//! and nouns of each language that report it, as lemmas, some with the lemmas of dependents
//! they need ("call for", "take street", "rendre se", "trekken terug"), and surface forms the
//! lemmatizer may miss ("withdrew" → "withdraw"). Found on a parsed sentence ([`Tree`]).

use std::collections::HashMap;

use sahel_schemas::event::EventType;
use serde::Deserialize;

use crate::lexicon::DataError;
use crate::tree::Tree;

/// The word classes a trigger may require as `@name`: `@country`, the head of a country's name
/// ("leave @country"), where the act is done; `@place`, the head of any place's name, a town
/// or a country ("arriver @place": arrivé à Bamako, not arrivé à un accord), where the act is
/// done; `@people`, the head of a person's name or of a noun for people ("execute @people":
/// executed civilians, not executed a plan), whom it is done to.
pub const CLASSES: &[&str] = &["country", "place", "people"];

/// The classes that name where the act is done, not whom it is done to.
const PLACE_CLASSES: &[&str] = &["@country", "@place"];

/// The trigger file, embedded at build time.
pub const TRIGGERS_JSON: &str = include_str!("../data/triggers.json");

/// One (type, mode) entry of the trigger file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// PLOVER type.
    pub event_type: EventType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO root code.
    pub cameo_root: String,
    /// Quad class (1 verbal cooperation … 4 material conflict).
    pub quad_class: u8,
}

/// Part of speech a trigger is found as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// A verb ("attacked").
    Verb,
    /// A noun ("the attack").
    Noun,
}

#[derive(Debug, Clone)]
struct Candidate {
    entry: usize,
    pos: Pos,
    requires: Vec<String>,
    /// A separable verb's split entry ("zeggen op" beside "op_zeggen"): its one required word
    /// is the verb's particle, never a preposition of a phrase on its object.
    particle: bool,
}

/// A trigger found in a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The trigger's head word.
    pub word: usize,
    /// The required dependents found ("for" of "call for").
    pub with: Vec<usize>,
    /// Those of them found by a word class (`@country` of "left Mali"): where the act is
    /// done, not whom it is done to.
    pub at: Vec<usize>,
    /// Index into [`Triggers::entries`].
    pub entry: usize,
    /// Verb or noun.
    pub pos: Pos,
}

#[derive(Debug, Deserialize)]
struct PosLists {
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct TypeEntry {
    #[serde(rename = "type")]
    event_type: String,
    mode: Option<String>,
    cameo_root: String,
    quad_class: u8,
    #[serde(flatten)]
    langs: HashMap<String, PosLists>,
}

#[derive(Debug, Deserialize)]
struct TriggerFile {
    version: String,
    types: Vec<TypeEntry>,
    #[serde(default)]
    forms: HashMap<String, HashMap<String, String>>,
    #[serde(default)]
    compounding: Vec<String>,
}

/// The trigger lexicon, indexed by (language, lemma).
#[derive(Debug, Clone, Default)]
pub struct Triggers {
    /// File version.
    pub version: String,
    /// The (type, mode) entries.
    pub entries: Vec<Entry>,
    /// Language → trigger head lemma → its entries.
    by_lemma: HashMap<String, HashMap<String, Vec<Candidate>>>,
    /// Language → lower-cased surface form → lemma.
    forms: HashMap<String, HashMap<String, String>>,
    /// Languages that write a compound noun as one word ("vredesakkoord"): a noun trigger is
    /// also found as the last part of a longer noun.
    compounding: Vec<String>,
}

impl Triggers {
    /// Loads the embedded file.
    pub fn embedded() -> Result<Triggers, DataError> {
        Triggers::from_json(TRIGGERS_JSON)
    }

    /// Loads a trigger file.
    pub fn from_json(json: &str) -> Result<Triggers, DataError> {
        let bad = |problem: String| DataError {
            file: "triggers.json",
            problem,
        };
        let f: TriggerFile = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
        let mut t = Triggers {
            version: f.version,
            compounding: f.compounding,
            ..Triggers::default()
        };
        for e in f.types {
            let event_type =
                EventType::parse(&e.event_type).ok_or_else(|| bad(format!("unknown PLOVER type {}", e.event_type)))?;
            let root_ok = e.cameo_root.len() == 2 && e.cameo_root.chars().all(|c| c.is_ascii_digit());
            if !(1..=4).contains(&e.quad_class) || !root_ok {
                return Err(bad(format!("{}: bad quad class or CAMEO root", e.event_type)));
            }
            let idx = t.entries.len();
            t.entries.push(Entry {
                event_type,
                mode: e.mode,
                cameo_root: e.cameo_root,
                quad_class: e.quad_class,
            });
            for (lang, lists) in e.langs {
                for (pos, words) in [(Pos::Verb, &lists.verbs), (Pos::Noun, &lists.nouns)] {
                    for w in words {
                        let mut parts = w.split_whitespace().map(str::to_lowercase);
                        let Some(head) = parts.next() else {
                            return Err(bad(format!("{}: empty trigger in {lang}", e.event_type)));
                        };
                        let requires: Vec<String> = parts.collect();
                        if let Some(c) = requires
                            .iter()
                            .find(|r| r.starts_with('@') && !CLASSES.contains(&&r[1..]))
                        {
                            return Err(bad(format!("{}: unknown word class {c} in \"{w}\"", e.event_type)));
                        }
                        t.by_lemma
                            .entry(lang.clone())
                            .or_default()
                            .entry(head)
                            .or_default()
                            .push(Candidate {
                                entry: idx,
                                pos,
                                requires,
                                particle: false,
                            });
                    }
                }
            }
        }
        // A split entry whose joined form is an entry too ("zeggen op", "op_zeggen").
        for heads in t.by_lemma.values_mut() {
            let joined: std::collections::HashSet<String> = heads.keys().filter(|k| k.contains('_')).cloned().collect();
            for (head, cands) in heads.iter_mut() {
                for c in cands.iter_mut() {
                    if let [r] = &c.requires[..] {
                        c.particle = c.pos == Pos::Verb && joined.contains(&format!("{r}_{head}"));
                    }
                }
            }
        }
        for (lang, forms) in f.forms {
            let table = t.forms.entry(lang).or_default();
            for (form, lemma) in forms {
                table.insert(form.to_lowercase(), lemma.to_lowercase());
            }
        }
        Ok(t)
    }

    /// The index of the entry of a type and mode (`None`: the type's entry without a mode).
    pub fn entry_of(&self, t: EventType, mode: Option<&str>) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.event_type == t && e.mode.as_deref() == mode)
    }

    /// The first entry, by the order of `types`, with a verb whose head lemma is one of
    /// `heads` and whose required words are all `present` ("steken brand" for "staken … in
    /// brand"; word classes count as absent).
    pub fn verb_entry_among(
        &self,
        lang: &str,
        heads: &[&str],
        present: impl Fn(&str) -> bool,
        types: &[EventType],
    ) -> Option<usize> {
        types.iter().find_map(|&t| {
            heads
                .iter()
                .flat_map(|h| self.candidates(lang, h))
                .find(|c| {
                    c.pos == Pos::Verb
                        && self.entries[c.entry].event_type == t
                        && c.requires.iter().all(|r| !r.starts_with('@') && present(r))
                })
                .map(|c| c.entry)
        })
    }

    /// The lemma `forms` gives a lower-cased surface form, if any.
    pub fn form_lemma(&self, lang: &str, lower: &str) -> Option<&str> {
        self.forms.get(lang)?.get(lower).map(String::as_str)
    }

    /// Whether a lower-cased surface form is one the `forms` table gives a verb trigger's
    /// lemma ("prees" → prijzen, "withdrew" → withdraw): the word is a verb.
    pub fn verb_form(&self, lang: &str, lower: &str) -> bool {
        self.verb_lemma(lang, lower).is_some()
    }

    /// Whether `lemma` (lower-cased) heads a verb trigger of `lang`.
    pub fn is_verb_lemma(&self, lang: &str, lemma: &str) -> bool {
        self.candidates(lang, lemma).iter().any(|c| c.pos == Pos::Verb)
    }

    /// Whether `lemma` (lower-cased) heads a noun trigger of `lang`.
    pub fn is_noun_lemma(&self, lang: &str, lemma: &str) -> bool {
        self.candidates(lang, lemma).iter().any(|c| c.pos == Pos::Noun)
    }

    /// The verb trigger's lemma the `forms` table gives a lower-cased surface form, if any.
    pub fn verb_lemma(&self, lang: &str, lower: &str) -> Option<&str> {
        self.form_lemma(lang, lower).filter(|l| self.is_verb_lemma(lang, l))
    }

    /// The lemma the `forms` table gives a verb's lower-cased surface form where the
    /// lemmatizer's `lemma` is no trigger ("geland" → landen, written "lannen"); a lemma
    /// that is a trigger of its own is kept. The form may also lead to a lemma no trigger
    /// uses, for the grammar words ("ontkende" → ontkennen, a verb of refusal, written
    /// "ontkenen").
    pub fn lemma_for_verb(&self, lang: &str, lower: &str, lemma: &str) -> Option<&str> {
        let known = !self.candidates(lang, &lemma.to_lowercase()).is_empty();
        let grammatical = || {
            self.form_lemma(lang, lower)
                .filter(|l| self.candidates(lang, l).is_empty())
        };
        self.verb_lemma(lang, lower)
            .or_else(grammatical)
            .filter(|l| !known && *l != lemma)
    }

    fn candidates(&self, lang: &str, key: &str) -> &[Candidate] {
        self.by_lemma
            .get(lang)
            .and_then(|m| m.get(key))
            .map_or(&[], Vec::as_slice)
    }

    /// The entries a word may trigger as `pos`: by its lemma, and by its form where the
    /// lemmatizer misses ("withdrew"); also by its form itself, where the lemmatizer took a
    /// word written as a trigger's lemma for another word ("sluiten" read as aan_sluiten, "la
    /// marche" as marché, "de mars" as mar).
    fn word_candidates<'a>(&'a self, lang: &'a str, lemma: &str, form: &str, pos: Pos) -> Vec<&'a Candidate> {
        let lemma = lemma.to_lowercase();
        let form = form.to_lowercase();
        let by_form = self.form_lemma(lang, &form).filter(|l| *l != lemma);
        let as_written = if form != lemma && by_form.is_none() {
            self.candidates(lang, &form)
        } else {
            &[]
        };
        let found: Vec<&Candidate> = self
            .candidates(lang, &lemma)
            .iter()
            .chain(by_form.into_iter().flat_map(|l| self.candidates(lang, l)))
            .chain(as_written.iter())
            .filter(|c| c.pos == pos)
            .collect();
        if !found.is_empty() || pos != Pos::Noun || !self.compounding.iter().any(|l| l == lang) {
            return found;
        }
        self.compound_head(lang, &lemma)
    }

    /// The noun entries of the longest trigger (five letters at least) that ends a compound
    /// noun after three letters at least: "vredesakkoord" is an "akkoord", "tegenaanval" an
    /// "aanval".
    fn compound_head(&self, lang: &str, lemma: &str) -> Vec<&Candidate> {
        let starts = lemma.char_indices().map(|(i, _)| i).skip(3);
        for i in starts {
            let tail = &lemma[i..];
            if tail.chars().count() < 5 {
                break;
            }
            let nouns: Vec<&Candidate> = self
                .candidates(lang, tail)
                .iter()
                .filter(|c| c.pos == Pos::Noun)
                .collect();
            if !nouns.is_empty() {
                return nouns;
            }
        }
        Vec::new()
    }

    /// Whether a tagged sentence has a word that may be a trigger (its lemma or form is a
    /// trigger head of its part of speech) of the parts of speech `allowed`: only then is it
    /// worth parsing.
    ///
    /// An entry that requires words ("hold talks", "take in refugee") may fire only when
    /// every word it names stands in the sentence, as a lemma, a form or a part of one
    /// (compounds, plurals), or a form the `forms` table leads to it: "took" and "held" alone
    /// are no reason to parse.
    pub fn may_fire(&self, lang: &str, s: &crate::syntax::Sentence, allowed: &[Pos]) -> bool {
        let words: Vec<(String, String)> = s
            .tokens
            .iter()
            .map(|t| (t.lemma.to_lowercase(), t.form.to_lowercase()))
            .collect();
        let present = |r: &str| {
            r.starts_with('@')
                || words.iter().any(|(lemma, form)| {
                    lemma.contains(r) || form.contains(r) || self.form_lemma(lang, form) == Some(r)
                })
        };
        s.tokens.iter().any(|t| {
            let participle = t.feats.split('|').any(|f| f == "VerbForm=Part");
            trigger_pos(&t.upos, participle)
                .filter(|pos| allowed.contains(pos))
                .is_some_and(|pos| {
                    self.word_candidates(lang, &t.lemma, &t.form, pos)
                        .iter()
                        .any(|c| c.requires.iter().all(|r| present(r)))
                })
        })
    }

    /// The triggers of a parsed sentence, at most one per word: the most specific entry (the
    /// one with most required dependents found, then most content words among them) wins. `carries(w)`: whether the noun at `w`
    /// carries an event noun compounded with it ("a mediation effort"). `class(w, name)`:
    /// whether word `w` is of a class a trigger names as `@name` among its required
    /// dependents ("leave @country": left Mali, not left a note).
    pub fn find(
        &self,
        lang: &str,
        tree: &Tree,
        carries: impl Fn(usize) -> bool,
        class: impl Fn(usize, &str) -> bool,
    ) -> Vec<Found> {
        let mut out = Vec::new();
        for i in 0..tree.len() {
            let Some(pos) = trigger_pos(tree.upos(i), tree.has_feat(i, "VerbForm=Part")) else {
                continue;
            };
            // A noun modifying another noun ("aid worker", "attack helicopter") names no event,
            // unless that noun only carries it ("a mediation effort").
            if pos == Pos::Noun && tree.base_rel(i) == "compound" && !tree.head(i).is_some_and(&carries) {
                continue;
            }
            // A noun with a subject or an auxiliary and no copula is a verb the tagger took for
            // a noun ("they would boycott"): its verb entries first.
            let verbal = pos == Pos::Noun && {
                let rels = || tree.children(i).iter().map(|&c| tree.base_rel(c));
                rels().any(|r| r == "nsubj" || r == "aux") && !rels().any(|r| r == "cop")
            };
            let tries: &[Pos] = if verbal { &[Pos::Verb, Pos::Noun] } else { &[pos] };
            // Most required dependents first; among as many, most words named rather than
            // classes, then most content words ("called the decision illegal on Monday" is
            // "call illegal", not "call on").
            let mut best: Option<((usize, usize, usize), Found)> = None;
            for &p in tries {
                for c in self.word_candidates(lang, tree.lemma(i), tree.lower(i), p) {
                    let compounds = self.compounding.iter().any(|l| l == lang);
                    let Some(with) = required(tree, i, c, |w| self.form_lemma(lang, tree.lower(w)), &class, compounds)
                    else {
                        continue;
                    };
                    let content = with
                        .iter()
                        .filter(|&&w| !matches!(tree.upos(w), "ADP" | "PART" | "SCONJ"))
                        .count();
                    let at = with
                        .iter()
                        .zip(&c.requires)
                        .filter(|(_, r)| PLACE_CLASSES.contains(&r.as_str()))
                        .map(|(&w, _)| w)
                        .collect();
                    // A word named beats a word class ("quitter cedeao" over "quitter @country"
                    // when a country is also there: "a quitté la CEDEAO avec le Mali").
                    let literal = c.requires.iter().filter(|r| !r.starts_with('@')).count();
                    let key = (c.requires.len(), literal, content);
                    if best.as_ref().is_none_or(|(n, _)| key > *n) {
                        best = Some((
                            key,
                            Found {
                                word: i,
                                with,
                                at,
                                entry: c.entry,
                                pos: p,
                            },
                        ));
                    }
                }
                if best.is_some() {
                    break;
                }
            }
            if let Some((_, f)) = best {
                out.push(f);
            }
        }
        // A word that completes another trigger ("sanctions" of "impose sanctions") is not a
        // trigger of its own.
        let parts: Vec<usize> = out.iter().flat_map(|f| f.with.iter().copied()).collect();
        out.retain(|f| !parts.contains(&f.word));
        out
    }
}

/// The part of speech a word may trigger as: a verb (a participle tagged as an adjective
/// too) or a noun.
fn trigger_pos(upos: &str, participle: bool) -> Option<Pos> {
    match upos {
        "VERB" => Some(Pos::Verb),
        "ADJ" if participle => Some(Pos::Verb),
        "NOUN" => Some(Pos::Noun),
        _ => None,
    }
}

/// The dependents (children or grandchildren, or the noun a participle describes) of `i`
/// that carry each required lemma, or `None` when one is missing. `form_lemma(w)`: the lemma
/// the `forms` table gives word `w`'s surface form, where the lemmatizer misses ("troops");
/// `class(w, name)`: whether `w` is of the class a requirement `@name` names.
fn required<'a>(
    tree: &Tree,
    i: usize,
    candidate: &Candidate,
    form_lemma: impl Fn(usize) -> Option<&'a str>,
    class: &impl Fn(usize, &str) -> bool,
    compounds: bool,
) -> Option<Vec<usize>> {
    let mut with = Vec::new();
    let calendar = crate::dates::Calendar::shared().ok();
    for r in &candidate.requires {
        // A class is the object or oblique itself, never a word further down ("left from
        // Washington …, who visited Niger").
        if let Some(name) = r.strip_prefix('@') {
            let hit = tree
                .children(i)
                .iter()
                .copied()
                .find(|&c| matches!(tree.base_rel(c), "obj" | "obl") && class(c, name))?;
            with.push(hit);
            continue;
        }
        // The lemma, or the form (a sentence-initial plural tagged as a name keeps its form
        // as lemma: "Protesters"), or the lemma of the form.
        let is = |w: usize| {
            let lower = tree.lower(w);
            // "ECOWAS-delegatie", "VN-delegaties": the noun after a hyphen heads the compound.
            let compound_head = lower
                .rsplit_once('-')
                .is_some_and(|(_, head)| head.starts_with(r.as_str()) && head.len() <= r.len() + 2);
            // In a language that writes compounds as one word, a noun of five letters or
            // more ends a longer one ("leveren helikopter": "gevechtshelikopters").
            // (Also a plural the lemmatizer left as it is, of a noun the tagger took for a
            // verb and the repairs made the object: "gevechtsvoertuigen".)
            let ends_compound = |word: &str| {
                ["", "en", "s"].iter().any(|plural| {
                    word.strip_suffix(plural)
                        .and_then(|x| x.strip_suffix(r.as_str()))
                        .is_some_and(|p| p.chars().count() >= 3)
                })
            };
            let closed_compound = compounds
                && (tree.upos(w) == "NOUN" || tree.base_rel(w) == "obj")
                && r.chars().count() >= 5
                && (ends_compound(&tree.lemma(w).to_lowercase()) || ends_compound(lower));
            // "The rains arrived in June" are no visit, "agreed on Friday to withdraw" no
            // agreement on anything: the case of a word of time is not the one required.
            if tree.base_rel(w) == "case"
                && tree
                    .head(w)
                    .is_some_and(|h| calendar.is_some_and(|c| c.is_time_word(tree.lower(h))))
            {
                return false;
            }
            tree.lemma(w).eq_ignore_ascii_case(r)
                || lower == r
                || closed_compound
                || (lower.starts_with(r.as_str()) && lower.len() <= r.len() + 2 && tree.upos(w) == "PROPN")
                || (compound_head && tree.upos(w) == "NOUN")
                || form_lemma(w) == Some(r.as_str())
        };
        // A separable verb has one particle: with another one of its own, a preposition is
        // none ("In Agadez braken protesten uit" is no "breken in").
        if candidate.particle
            && tree
                .children_labelled(i, "compound:prt")
                .any(|p| !tree.lemma(p).eq_ignore_ascii_case(r))
        {
            return None;
        }
        let hit = tree
            .children(i)
            .iter()
            .copied()
            .find(|&c| is(c))
            .or_else(|| {
                tree.children(i)
                    .iter()
                    .flat_map(|&c| tree.children(c).iter().copied())
                    .find(|&g| is(g))
            })
            // A word deeper inside a grandchild's name ("leave the G5 Sahel group").
            .or_else(|| {
                tree.children(i)
                    .iter()
                    .flat_map(|&c| tree.children(c).iter().copied())
                    .flat_map(|g| name_parts(tree, g))
                    .find(|&w| is(w))
            })
            // A preposition the verb needs, on a phrase the parser hung on its object
            // ("a appelé les autorités à la retenue": "à la retenue" read as of "autorités"),
            // or a phrase it needs hung on the object's last modifier ("een konvooi met
            // brandstof in brand gestoken": "in brand" read as of "brandstof").
            // (Not a separable verb's particle: "zegt een aanval op zijn basis" is no
            // "op_zeggen"; nor a name's phrase on a common noun, which says which one it is:
            // "gave the junta in Niger an ultimatum" is no "give in".)
            .or_else(|| {
                if candidate.particle {
                    return None;
                }
                let phrases = || {
                    tree.children_with(i, &["obj"])
                        .flat_map(|o| {
                            tree.children_with(o, &["nmod"])
                                .filter(move |&g| tree.upos(o) != "NOUN" || tree.upos(g) != "PROPN")
                        })
                        .flat_map(|g| std::iter::once(g).chain(tree.children_with(g, &["nmod"])))
                };
                phrases()
                    .flat_map(|g| tree.children_with(g, &["case"]))
                    .find(|&w| tree.upos(w) == "ADP" && is(w))
                    .or_else(|| phrases().find(|&g| tree.has_child(g, &["case"]) && is(g)))
            })
            // A reduced relative: "protesters gathered" read as "protesters (who) gathered".
            .or_else(|| tree.head(i).filter(|&h| tree.base_rel(i) == "acl" && is(h)))?;
        with.push(hit);
    }
    Some(with)
}

/// The words below `w` joined to it by `compound` or `flat` links, at any depth: the
/// parts of a multiword name ("G5" and "Sahel" of "the G5 Sahel group").
fn name_parts(tree: &Tree, w: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![w];
    while let Some(n) = stack.pop() {
        for &c in tree.children(n) {
            if matches!(tree.base_rel(c), "compound" | "flat") && out.len() < 8 {
                out.push(c);
                stack.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "triggers_tests.rs"]
mod tests;
