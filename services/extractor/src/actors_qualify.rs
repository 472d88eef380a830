//! How a group noun is qualified by the country or body around it ("French soldiers",
//! "militaires français", "the government of Niger", "Russian military instructors",
//! "instructeurs militaires russes"): the methods of [`super::Ctx`] that read it.

use super::*;

impl Ctx<'_> {
    pub(super) fn country_of_modifier(&self, k: usize, doc: &DocState) -> Option<String> {
        match self.pat(k) {
            ActorPat::CountryAdj(c) | ActorPat::CountryName(c) | ActorPat::Capital(c) => {
                Some(self.country_code(*c, doc))
            }
            _ => None,
        }
    }

    /// The country of a country adjective coordinated before the adjective of match `k`
    /// ("Malian and" before "Moroccan"; a determiner may follow the conjunction).
    fn coordinated_adjective(&self, k: usize, doc: &DocState) -> Option<String> {
        let (a, b) = (self.matches.get(k.checked_sub(1)?)?, self.matches[k]);
        if !matches!(self.pat(k - 1), ActorPat::CountryAdj(_)) || !matches!(self.pat(k), ActorPat::CountryAdj(_)) {
            return None;
        }
        let between = self.toks.get(a.last..b.first)?;
        let joined = match between {
            [c] => is_conjunction(&c.lower),
            [c, d] => is_conjunction(&c.lower) && self.res.grammar.is(self.lang, Words::Determiner, &d.lower),
            _ => false,
        };
        joined.then(|| self.country_of_modifier(k - 1, doc)).flatten()
    }

    /// Whether lower-cased word `w` is a trigger verb's past form the lemmatizer reads off
    /// its ending ("killed", "doodden", "tués"), not the lemma itself.
    fn inflected_trigger_verb(&self, w: &str) -> bool {
        let Some(p) = crate::syntax::pipeline(self.lang) else {
            return false;
        };
        [crate::tree::FINITE_PAST, crate::tree::PAST_PARTICIPLE]
            .iter()
            .any(|feats| {
                p.lemma_as(w, "VERB", feats)
                    .map(|l| l.to_lowercase())
                    .is_some_and(|l| l != w && self.res.triggers.is_verb_lemma(self.lang, &l))
            })
    }

    /// The country a sector noun (match `k`) is qualified by, and the extended span.
    pub(super) fn qualify(&self, k: usize, doc: &DocState, used: &mut [bool]) -> Option<(String, usize, usize)> {
        let g = self.matches[k];
        // Before: "French soldiers", "Niger's new masters", "de Nigerese hoofdstad".
        if k > 0 && !used[k - 1] {
            let m = self.matches[k - 1];
            if let Some(code) = self.country_of_modifier(k - 1, doc) {
                let possessive = self.toks.get(m.last).is_some_and(|t| t.lower == "'s");
                let from = if possessive { m.last + 1 } else { m.last };
                let adjective_like = possessive
                    || matches!(self.pat(k - 1), ActorPat::CountryAdj(_))
                    || (matches!(self.pat(k - 1), ActorPat::CountryName(_)) && m.last == g.first);
                // (Never across a determiner or a verb: "Le président malien a rencontré le
                // ministre russe" has no Malian minister; nor, with more than one word between,
                // across a word that reads as an inflected trigger verb: "Chadian allies killed
                // civilians" has no Chadian civilians, "Malian armed forces" are Malian.)
                let across = |i: usize| {
                    let w = self.toks[i].lower.as_str();
                    self.res.grammar.is(self.lang, Words::Determiner, w)
                        || self.res.triggers.verb_form(self.lang, w)
                        || (g.first - from > 1 && self.inflected_trigger_verb(w))
                };
                if adjective_like
                    && from <= g.first
                    && g.first - from <= 3
                    && self.plain_between(from, g.first)
                    && !(from..g.first).any(across)
                {
                    used[k - 1] = true;
                    // "The Malian and Moroccan armies", "het Malinese en het Marokkaanse
                    // leger": the first of two coordinated adjectives names the first side.
                    if let Some(first) = self.coordinated_adjective(k - 1, doc) {
                        used[k - 2] = true;
                        return Some((first, self.matches[k - 2].first, g.last));
                    }
                    return Some((code, m.first, g.last));
                }
            }
        }
        // After: "militaires français", "forces armées maliennes". (Not an adjective written
        // with a capital: the languages that write them so put them before their noun, and
        // "Protesters burned Malian flags" are no Malian protesters.)
        if let Some(m) = self.matches.get(k + 1) {
            if matches!(self.pat(k + 1), ActorPat::CountryAdj(_))
                && !self.toks[m.first].cap
                && m.first >= g.last
                && m.first - g.last <= 1
                && self.plain_between(g.last, m.first)
            {
                let code = self.country_of_modifier(k + 1, doc)?;
                used[k + 1] = true;
                return Some((code, g.first, m.last));
            }
            // "the government of Niger", "l'armée du Mali", "de regering van Mali", "the junta
            // in Niger". (Not by "of" a group its possessive gives an owner: "le retrait de
            // ses soldats du Niger" are soldiers withdrawn from Niger; so are "ses derniers
            // soldats", one word between.)
            let possessive = |j: usize| self.res.grammar.is(self.lang, Words::Possessive, &self.toks[j].lower);
            let owned = g.first.checked_sub(1).is_some_and(possessive)
                || g.first
                    .checked_sub(2)
                    .is_some_and(|j| possessive(j) && !self.toks[j + 1].punct);
            if matches!(self.pat(k + 1), ActorPat::CountryName(_)) {
                let between: Vec<&str> = self.toks[g.last..m.first].iter().map(|t| t.lower.as_str()).collect();
                let group = &self.res.groups[match self.pat(k) {
                    ActorPat::Group(gi) => *gi,
                    _ => return None,
                }];
                let governing = group.junta || group.sector == "government";
                let linking = (!owned
                    && matches!(
                        between.as_slice(),
                        ["of"] | ["du"] | ["de"] | ["de", "la"] | ["des"] | ["van"]
                    ))
                    || (governing && matches!(between.as_slice(), ["in"] | ["au"] | ["en"]));
                if linking {
                    let code = self.country_of_modifier(k + 1, doc)?;
                    used[k + 1] = true;
                    return Some((code, g.first, m.last));
                }
            }
        }
        None
    }

    /// "instructeurs militaires russes": a group noun right after group noun `k`, itself
    /// qualified by a country after it, modifies `k`, which takes that country and the span.
    pub(super) fn qualified_modifier(
        &self,
        k: usize,
        doc: &DocState,
        used: &mut [bool],
    ) -> Option<(String, usize, usize)> {
        let next = self.group_right_after(k).filter(|_| !used[k + 1])?;
        // (Never from before `next`: what stands there is `k`, a group noun, no country word.)
        let (code, _, last) = self.qualify(k + 1, doc, used)?;
        debug_assert!(last > next.last);
        used[k + 1] = true;
        Some((code, self.matches[k].first, last))
    }

    /// The group noun right after group noun `k`, written in lower case and not ignored: the
    /// head `k` modifies ("military instructors") or a modifier of `k` ("instructeurs
    /// militaires").
    pub(super) fn group_right_after(&self, k: usize) -> Option<Match> {
        let next = *self.matches.get(k + 1)?;
        let group = matches!(self.pat(k + 1), ActorPat::Group(gi) if !self.res.groups[*gi].ignore);
        (next.first == self.matches[k].last && group && !self.toks[next.first].cap).then_some(next)
    }
}
