//! A mention's target (its actor 2) from the structure: the readings tried in order, each
//! naming another than the source before the next is tried. The trigger's target roles
//! first; then the second of two sides named together; the target of an act the trigger's
//! complement is; the side an attack or seizure takes from; the state or body a recall or a
//! break is from; the body the trigger's
//! required word names; the accuser a rejection of an accusation answers. Then people an
//! attack is done to, named by a noun for people, are civilians ([`crate::fill`]).

use sahel_schemas::event::{Actor, EventType};

use crate::fill::{first_actor, Fillers};
use crate::grammar::Words;
use crate::roles::{self, OfPhrase, RoleWords};
use crate::sentence::SentenceInput;
use crate::tree::Tree;
use crate::triggers::{Found, Pos};

/// What the target readings of one trigger read.
pub(crate) struct Reading<'a, 's, 'f> {
    pub tree: &'a Tree,
    pub s: &'a SentenceInput<'s>,
    pub fillers: &'a Fillers<'f>,
    /// The trigger found.
    pub f: &'a Found,
    pub ty: EventType,
    /// The trigger entry's mode.
    pub mode: Option<&'a str>,
    /// The trigger's role words.
    pub roles: &'a RoleWords,
    /// Every trigger of the sentence, with its type.
    pub typed: &'a [(usize, EventType)],
}

impl Reading<'_, '_, '_> {
    /// "recalled its ambassador from Bamako", "riep zijn ambassadeur terug uit Algiers": the
    /// phrases (`grammar.json` "origin") a recall or a break (SANCTION withdraw) is from, on the
    /// trigger or a word it requires; and the phrase of a word it requires ("recalled its
    /// ambassador to Mali", "son ambassadeur au Mali", "severed ties with Kyiv"), or right after
    /// it ("recalled its ambassador in Bamako"). They name
    /// the target, and no place of the act.
    pub(crate) fn origin(&self) -> Vec<usize> {
        let tree = self.tree;
        if self.ty != EventType::Sanction || self.mode != Some("withdraw") {
            return Vec::new();
        }
        let from = std::iter::once(self.f.word)
            .chain(self.f.with.iter().copied())
            .flat_map(|w| tree.children(w).iter().copied())
            .filter(|&c| matches!(tree.base_rel(c), "obl" | "nmod") && self.of_origin(c));
        let of_required = self
            .f
            .with
            .iter()
            .filter(|&&w| w != self.f.word && tree.upos(w) == "NOUN")
            .flat_map(|&w| tree.children_labelled(w, "nmod"))
            .filter(|&c| roles::case_of(tree, c).is_some());
        // "recalled its ambassador in Bamako", "riep zijn ambassadeur in Bamako terug": the
        // phrase right after a required noun that the parser hung on the verb is the posting.
        let posted = self
            .f
            .with
            .iter()
            .filter(|&&w| w != self.f.word && tree.upos(w) == "NOUN")
            .flat_map(|&w| {
                tree.children_with(self.f.word, &["obl"])
                    .filter(move |&c| tree.first_of(c) == w + 1 && roles::case_of(tree, c).is_some())
            });
        let mut out: Vec<usize> = from.collect();
        for c in of_required.chain(posted) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The target, given the source `a1` and the [`Self::origin`] phrases.
    pub(crate) fn target(&self, a1: Option<&Actor>, origin: &[usize]) -> Option<Actor> {
        let (tree, s, fillers, r) = (self.tree, self.s, self.fillers, self.roles);
        let actor = |words: &[usize]| first_actor(tree, fillers, s, words);
        // (Each reading must name another than the source: "Le président burkinabè a reçu à
        // Ouagadougou une délégation de l'Union africaine" is received from the Union.)
        let other = |x: &Actor| crate::fill::other_than(s.res, s.lang, a1, x);
        // ("Two of its soldiers were killed": with no source, a passive's subject is what
        // the act was done to, whoever owns it.)
        let undergone = a1.is_none() && r.target.first().is_some_and(|&w| tree.rel(w) == "nsubj:pass");
        // "called for the release of Bazoum": the one a demanded act is done to ("of_patient")
        // is not whom the demand is made of.
        let g = &s.res.grammar;
        // "Niger and Mali launched a joint operation against jihadist groups": whom two sides
        // cooperate against is their common adversary, not the other side.
        let adversary = |w: usize| {
            self.ty == EventType::Cooperate
                && tree.base_rel(w) != "obj"
                && roles::case_of(tree, w).is_some_and(|c| g.is(s.lang, Words::Against, &c))
        };
        let asked: Vec<usize> = r
            .target
            .iter()
            .copied()
            .filter(|&w| !self.done_to(w) && !adversary(w))
            .collect();
        // ("recalled its ambassador to Mali", "offered its troops to Lebanon": past a phrase
        // that names the source's own, the next that names another; not an event noun's
        // phrase, "withdraw its soldiers at the request of the Niamey regime".)
        let found = actor(&asked)
            .filter(|x| undergone || other(x))
            .or_else(|| {
                asked
                    .iter()
                    .skip(1)
                    .filter(|&&w| !self.typed.iter().any(|&(t, _)| t == w))
                    .find_map(|&w| actor(&[w]).filter(other))
            })
            .or_else(|| self.second_side().filter(other))
            .or_else(|| self.complement_target().filter(other))
            .or_else(|| self.addressee().filter(other))
            .or_else(|| self.threatened().filter(other))
            .or_else(|| self.taken_from().filter(other))
            .or_else(|| self.named_at(origin).or_else(|| actor(origin)).filter(other))
            .or_else(|| self.required_target().filter(other))
            .or_else(|| self.answered(a1).filter(other))
            .or_else(|| self.author().filter(other));
        match self.ty {
            EventType::Assault => crate::fill::people_attacked(tree, fillers, s, &r.target, found),
            _ => found,
        }
    }

    /// Whether word `w` names an act a demand asks be done to someone ("the release of
    /// Bazoum", `grammar.json` "of_patient"): its of-phrase is not whom the demand is made of.
    fn done_to(&self, w: usize) -> bool {
        let g = &self.s.res.grammar;
        self.ty == EventType::Demand && g.is(self.s.lang, Words::OfPatient, &self.tree.lemma(w).to_lowercase())
    }

    /// The actor named right at one of `words`, a place's name included ("recalled its
    /// ambassador to Mali": "to Mali" reads as a place, and the phrase above it is the
    /// source's own ambassador).
    fn named_at(&self, words: &[usize]) -> Option<Actor> {
        words.iter().find_map(|&w| {
            self.s
                .items
                .iter()
                .find(|x| !x.is_group && self.tree.head_of_tokens(self.s.toks, x.first, x.last) == Some(w))
                .map(|x| x.actor.clone())
        })
    }

    /// "Niger and China signed an agreement": in an act of two sides, the second side named
    /// with the first is the other party.
    fn second_side(&self) -> Option<Actor> {
        let first = self
            .roles
            .source
            .first()
            .copied()
            .filter(|_| sahel_resolver::score::symmetric(self.ty.as_str()))?;
        // ("The two men discussed security": the second of the two.)
        if let Some((_, second)) = crate::fill::pair_named(self.tree, self.s, first) {
            return Some(second);
        }
        let conjuncts: Vec<usize> = self.tree.children_with(first, &["conj"]).collect();
        first_actor(self.tree, self.fillers, self.s, &conjuncts)
    }

    /// "agreed to provide aid for Romania", "threatened to impose sanctions on Iraq": a verb
    /// whose complement is an event of its own has that event's target as its own (PLOVER
    /// codes the promise's or threat's target as the one the act is for).
    fn complement_target(&self) -> Option<Actor> {
        let (tree, f) = (self.tree, self.f);
        if f.pos != Pos::Verb {
            return None;
        }
        let (c, ct) = self
            .typed
            .iter()
            .copied()
            .find(|&(w, _)| tree.head(w) == Some(f.word) && tree.base_rel(w) == "xcomp")?;
        let cr = roles::roles(
            tree,
            &self.s.res.grammar,
            self.s.lang,
            c,
            Pos::Verb,
            OfPhrase::of_type(ct),
        );
        first_actor(tree, self.fillers, self.s, &cr.target)
    }

    /// "demanded that the United States cancel the sale", "exige que le gouvernement annule",
    /// "eiste dat de regering … intrekt": a demand is made of the subject of the clause that
    /// says what is demanded (as PLOVER and the event gold code it).
    fn addressee(&self) -> Option<Actor> {
        let (tree, f) = (self.tree, self.f);
        if self.ty != EventType::Demand || f.pos != Pos::Verb {
            return None;
        }
        let subjects: Vec<usize> = tree
            .children_with(f.word, &["ccomp"])
            .filter(|&c| c > f.word && tree.upos(c) == "VERB")
            .flat_map(|c| tree.children_labelled(c, "nsubj").collect::<Vec<_>>())
            .collect();
        first_actor(tree, self.fillers, self.s, &subjects)
    }

    /// "Israel threatened to ban voting if Hamas ran": a threat is made against the subject
    /// of its condition ([`crate::intent::condition_subjects`]).
    fn threatened(&self) -> Option<Actor> {
        if self.ty != EventType::Threaten || self.f.pos != Pos::Verb {
            return None;
        }
        let words = crate::intent::condition_subjects(self.tree, &self.s.res.grammar, self.s.lang, self.f.word);
        first_actor(self.tree, self.fillers, self.s, &words)
    }

    /// "withdrew from ECOWAS", "leave the G5 Sahel group": the dependent a trigger needs names
    /// the body the act is done to; not a protest's, which says how it was held ("ont marché
    /// dans les rues de Bamako", "blocked roads in Niamey"), against whom its own preposition
    /// says.
    fn required_target(&self) -> Option<Actor> {
        if self.ty == EventType::Protest {
            return None;
        }
        // (A preposition required, "call for", stands for the phrase it opens: "called for the
        // withdrawal of US troops".)
        let with: Vec<usize> = self
            .f
            .with
            .iter()
            .map(|&w| match self.tree.head(w) {
                Some(h) if self.tree.rel(w) == "case" && h != self.f.word => h,
                _ => w,
            })
            .filter(|&w| {
                !self.roles.source.contains(&w) && !self.f.at.contains(&w) && !self.done_to(w) && !self.country_left(w)
            })
            .collect();
        first_actor(self.tree, self.fillers, self.s, &with)
    }

    /// Whether phrase `c` opens with a preposition of origin (`grammar.json` "origin").
    fn of_origin(&self, c: usize) -> bool {
        let g = &self.s.res.grammar;
        roles::case_of(self.tree, c).is_some_and(|p| g.is(self.s.lang, Words::Origin, &p))
    }

    /// "recaptured Kidal from the rebels", "seized weapons from the jihadists": the side an
    /// attack or a seizure takes something from, named in a phrase of origin (`grammar.json`
    /// "origin") on the verb; not a place ("attacked the convoy from Mali" says where from).
    fn taken_from(&self) -> Option<Actor> {
        let (tree, s) = (self.tree, self.s);
        if !matches!(self.ty, EventType::Assault | EventType::Coerce) || self.f.pos != Pos::Verb {
            return None;
        }
        let from: Vec<usize> = tree
            .children_with(self.f.word, &["obl"])
            .filter(|&c| self.of_origin(c) && !crate::screen::word_class(s, tree, c, "place"))
            .collect();
        first_actor(tree, self.fillers, s, &from)
    }

    /// "pulled out of Mali": the country a withdrawal leaves is where it happens
    /// ([`crate::places::where_something_happened`]), not whom it is done to, as the
    /// country a trigger's class names ("left Mali"); a body left ("withdrew from ECOWAS") is.
    fn country_left(&self, w: usize) -> bool {
        let (s, tree) = (self.s, self.tree);
        self.ty == EventType::Retreat
            && s.surface.places.iter().any(|m| {
                s.res.places[m.target].precision == "country" && tree.head_of_tokens(s.toks, m.first, m.last) == Some(w)
            })
    }

    /// "The junta rejected a proposal by ECOWAS", "dismissed an appeal from the president": an
    /// agent phrase, or an origin phrase right after the object, that the parser hung on an
    /// active verb of response (a rejection, support or criticism) is its object's, and names
    /// whom the response answers; so does an agent phrase in the object's own phrase
    /// ("condemned the expulsion of its ambassador by the authorities").
    fn author(&self) -> Option<Actor> {
        let (tree, f, g, lang) = (self.tree, self.f, &self.s.res.grammar, self.s.lang);
        if !matches!(self.ty, EventType::Reject | EventType::Support | EventType::Disapprove)
            || f.pos != Pos::Verb
            || crate::voice::is_passive(tree, g, lang, f.word)
            || !tree.has_child(f.word, &["obj"])
        {
            return None;
        }
        // (Or a from-phrase right after the object: "dismissed an appeal from the president".)
        let objects: Vec<usize> = tree.children_with(f.word, &["obj"]).collect();
        let agents: Vec<usize> = tree
            .children_with(f.word, &["obl"])
            .filter(|&c| {
                roles::case_of(tree, c).is_some_and(|p| {
                    g.is(lang, Words::Agent, &p)
                        || (g.is(lang, Words::Origin, &p) && objects.iter().any(|&o| tree.first_of(c) == o + 1))
                })
            })
            .collect();
        // "condemned the expulsion of its ambassador by the authorities": the agent phrase
        // inside the object's phrase (on it or on its of-phrase, where the parser may hang it).
        let agent = |w: usize| {
            tree.base_rel(w) == "nmod" && roles::case_of(tree, w).is_some_and(|p| g.is(lang, Words::Agent, &p))
        };
        let within: Vec<usize> = objects
            .iter()
            .flat_map(|&o| tree.children_with(o, &["nmod"]))
            .flat_map(|n| std::iter::once(n).chain(tree.children_with(n, &["nmod"])))
            .filter(|&w| agent(w))
            .collect();
        first_actor(tree, self.fillers, self.s, &agents).or_else(|| first_actor(tree, self.fillers, self.s, &within))
    }

    /// "Chad rejected the accusations": a rejection of an accusation answers its accuser.
    fn answered(&self, a1: Option<&Actor>) -> Option<Actor> {
        let (tree, f, g, lang) = (self.tree, self.f, &self.s.res.grammar, self.s.lang);
        // (Its object, or the object the parser hung on a complement of it.)
        let charge = std::iter::once(f.word)
            .chain(tree.children_with(f.word, &["xcomp"]))
            .flat_map(|v| tree.children_with(v, &["obj"]))
            .find(|&o| g.is(lang, Words::Charge, &tree.lemma(o).to_lowercase()))
            .filter(|_| self.ty == EventType::Reject)?;
        // "rejected the accusations made by Human Rights Watch": the agent of the participle
        // that describes them (or that the parser hung on the verb right after them) names
        // the accuser.
        let agents: Vec<usize> = tree
            .children_with(charge, &["acl"])
            .chain(tree.children_with(f.word, &["acl"]).filter(|&p| p == charge + 1))
            .flat_map(|p| tree.children(p).iter().copied())
            .filter(|&w| roles::case_of(tree, w).is_some_and(|c| g.is(lang, Words::Agent, &c)))
            .collect();
        first_actor(tree, self.fillers, self.s, &agents).or_else(|| self.s.doc.accuser_of(a1).cloned())
    }
}
