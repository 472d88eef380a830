//! Where a trigger's date and place may come from when it has none of its own: the
//! predicates that lend it theirs ([`Lenders::of`]). Besides the verbs it inherits from
//! ([`attach::inherits_from`]: a light verb, a coordinated or completed verb, a purpose
//! clause's main verb), the act of a group noun that is its source ("Protesters in Niamey
//! demanded"), the verb a group noun that is itself a trigger is the subject of ("Protesters
//! set fire to a police station in Zinder"), a participle opening the sentence ("Speaking in
//! Niamey on Monday, General Tiani accused"), what a participant was doing ("abducted 50 women
//! gathering fruit near Arbinda in January"), in an act of force a trigger noun among the
//! target's words ("arrested 30 protesters in Bamako on Friday"), and a noun of the same type
//! that is the trigger's argument ("killed twelve soldiers in an ambush on Thursday").

use sahel_schemas::event::EventType;

use crate::attach;
use crate::grammar::{Grammar, Words};
use crate::roles;
use crate::tree::Tree;
use crate::triggers::{Found, Pos};

/// The sentence a trigger stands in: its tree, grammar words, language, trigger words and
/// their types.
#[derive(Debug, Clone, Copy)]
pub struct Lenders<'a> {
    /// The sentence's tree, as the coder reads it.
    pub tree: &'a Tree,
    /// The grammar words.
    pub g: &'a Grammar,
    /// The sentence's language.
    pub lang: &'a str,
    /// The trigger words.
    pub trig: &'a [usize],
    /// The trigger words with their types.
    pub typed: &'a [(usize, EventType)],
}

/// The words of a trigger's roles: its source and target phrases, and the sources named
/// before an event noun as the source took their place.
#[derive(Debug, Clone, Copy)]
pub struct Participants<'a> {
    /// The source phrases' head words.
    pub source: &'a [usize],
    /// The target phrases' head words.
    pub target: &'a [usize],
    /// The source phrases named before an event noun's own source took their place.
    pub named_sources: &'a [usize],
}

impl Lenders<'_> {
    /// The predicates whose dates and places count for trigger `f`, of type and quad class
    /// `kind`, with participants `r`, when it has none of its own; `group(w)`: whether word `w`
    /// heads a group noun ("protesters").
    pub fn of(
        &self,
        f: &Found,
        kind: (EventType, u8),
        r: Participants<'_>,
        group: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let Lenders {
            tree,
            g,
            lang,
            trig,
            typed,
        } = *self;
        let (ty, quad_class) = kind;
        let sources_named = r.named_sources;
        let mut via = attach::inherits_from(tree, g, lang, trig, f.word);
        // "Protesters in Niamey demanded": an agent noun that is itself a trigger, as the
        // source, is where its act happens.
        via.extend(
            sources_named
                .iter()
                .copied()
                .filter(|&w| w != f.word && trig.contains(&w)),
        );
        // "Protesters set fire to the embassy's gate in Ouagadougou", "Betogers trokken op 3
        // november door Niamey": people named by their act, as the subject of a verb, act
        // where and when that verb says.
        if f.pos == Pos::Noun && tree.base_rel(f.word) == "nsubj" && group(f.word) {
            via.extend(tree.head(f.word).filter(|&h| tree.upos(h) == "VERB"));
        }
        // "Speaking in Niamey on Monday, General Tiani accused France": a participle without a
        // conjunction that opens the sentence tells when and where its verb's subject acted.
        via.extend(tree.children_with(f.word, &["advcl"]).filter(|&c| {
            c < f.word
                && tree.first_of(c) == 0
                && tree.upos(c) == "VERB"
                && tree.is_participle(c)
                && !tree.has_child(c, &["mark", "nsubj", "nsubj:pass"])
                && !trig.contains(&c)
        }));
        // "abducted 50 women gathering fruit near Arbinda in January", "a convoy carrying fuel
        // near Kayes": a gerund or present participle hung on a participant tells what it was
        // doing when the act befell it, so where and when (not a relation between places:
        // "la route reliant Kayes à Bamako").
        via.extend(
            r.target
                .iter()
                .chain(r.source)
                .flat_map(|&w| tree.children_with(w, &["acl"]))
                .filter(|&c| c != f.word && attach::ongoing_reduced_relative(tree, c)),
        );
        // "arrested 30 protesters in Bamako on Friday", "killed 15 jihadists in air strikes
        // near Menaka": in a material act of force, a trigger noun among the target's words,
        // or hung on one, is where and when the act was done to it (not one of context:
        // "suspended its assistance after the coup of September 2022").
        if f.pos == Pos::Verb && quad_class == 4 {
            via.extend(trig.iter().copied().filter(|&w| {
                w != f.word
                    && tree.upos(w) == "NOUN"
                    && !roles::case_of(tree, w).is_some_and(|c| g.is(lang, Words::Context, &c))
                    && (r.target.contains(&w) || tree.head(w).is_some_and(|h| r.target.contains(&h)))
            }));
        }
        // "killed twelve soldiers in an ambush on Thursday": a noun of the same event type
        // that is an argument of the trigger shares its date and place; so does one hung on
        // an adverb of the trigger ("tués lors d'une attaque", lors as its head).
        let argument_of_trigger = |w: usize| {
            tree.head(w).is_some_and(|h| {
                h == f.word || (tree.upos(h) == "ADV" && tree.base_rel(w) == "obl" && tree.head(h) == Some(f.word))
            })
        };
        via.extend(
            typed
                .iter()
                .filter(|&&(w, t)| t == ty && w != f.word && argument_of_trigger(w))
                .map(|&(w, _)| w),
        );
        via
    }
}
