//! Phrase matching over surface tokens, the pattern language of the data files: lower-case
//! words separated by spaces; `word*` matches any word starting with `word` (three letters at
//! least before the star), `_` any one word, `~` up to five words, and `=word` a word written in
//! capitals (`=us` for `US`). A matcher made [`PhraseMatcher::folding`] also matches names
//! written with or without their diacritics ("Vučić" for `aleksandar vucic`, "Tillaberi" for
//! `tillabéri`), where a word of the match is written with a capital.

use std::collections::HashMap;

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::nlp::Token;

/// The text without its diacritics ("Vučić" → "Vucic"): one name however it is written.
pub fn without_diacritics(w: &str) -> String {
    folded(w).unwrap_or_else(|| w.to_owned())
}

/// The word without its diacritics ("vučić" → "vucic"), when it has any.
fn folded(w: &str) -> Option<String> {
    if w.is_ascii() {
        return None;
    }
    let f: String = w.nfd().filter(|&c| !is_combining_mark(c)).collect();
    (f != w).then_some(f)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Elem {
    Word { w: String, caps: bool },
    Prefix { w: String, caps: bool },
    Any,
    Gap(usize),
}

impl Elem {
    fn fixed(&self) -> bool {
        matches!(self, Elem::Word { .. } | Elem::Prefix { .. })
    }

    fn accepts(&self, t: &Token) -> bool {
        match self {
            Elem::Word { w, caps } => !t.punct && t.lower == *w && (!caps || t.caps),
            Elem::Prefix { w, caps } => !t.punct && t.lower.starts_with(w.as_str()) && (!caps || t.caps),
            Elem::Any => !t.punct,
            Elem::Gap(_) => true,
        }
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    elems: Vec<Elem>,
    fixed: usize,
    target: usize,
    /// Counts only where a word of the match is written with a capital (a name written
    /// without its diacritics).
    name: bool,
}

/// Longest-match phrase matcher over tokens, indexed by the first word (or the first three
/// letters of a leading prefix word).
#[derive(Debug, Default, Clone)]
pub struct PhraseMatcher {
    exact: HashMap<String, Vec<Pattern>>,
    prefix: HashMap<String, Vec<Pattern>>,
    /// Only matches with a word written with a capital count (names of places).
    need_cap: bool,
    /// Names also match written with or without their diacritics.
    fold: bool,
}

/// A match: token range and the entry it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Index of the entry.
    pub target: usize,
    /// Number of fixed words in the pattern (strength of the match).
    pub fixed: usize,
}

fn first3(s: &str) -> String {
    s.chars().take(3).collect()
}

impl PhraseMatcher {
    /// A matcher whose matches count only when a word is written with a capital (names of
    /// places).
    pub fn capitalised() -> PhraseMatcher {
        PhraseMatcher {
            need_cap: true,
            ..PhraseMatcher::default()
        }
    }

    /// This matcher, matching names also written with or without their diacritics (where a
    /// word of the match has a capital).
    pub fn folding(self) -> PhraseMatcher {
        PhraseMatcher { fold: true, ..self }
    }

    /// Adds a pattern naming `target`. Returns an error text for a pattern that cannot match.
    pub fn add(&mut self, phrase: &str, target: usize) -> Result<(), String> {
        self.add_pattern(phrase, target, false)?;
        if let Some(f) = folded(phrase).filter(|_| self.fold) {
            self.add_pattern(&f, target, true)?;
        }
        Ok(())
    }

    fn add_pattern(&mut self, phrase: &str, target: usize, name: bool) -> Result<(), String> {
        let mut elems = Vec::new();
        for raw in phrase.split_whitespace() {
            let (caps, raw) = match raw.strip_prefix('=') {
                Some(r) => (true, r),
                None => (false, raw),
            };
            if raw == "_" {
                elems.push(Elem::Any);
                continue;
            }
            if raw == "~" {
                elems.push(Elem::Gap(5));
                continue;
            }
            let (is_prefix, body) = match raw.strip_suffix('*') {
                Some(b) => (true, b),
                None => (false, raw),
            };
            // A word may tokenize into several (`l'ue` → `l'` `ue`, `niger's`).
            let toks = crate::nlp::tokens(body);
            let n = toks.len();
            for (k, t) in toks.into_iter().enumerate() {
                if is_prefix && k + 1 == n {
                    if t.lower.chars().count() < 3 {
                        return Err(format!("prefix `{raw}` is shorter than three letters"));
                    }
                    elems.push(Elem::Prefix { w: t.lower, caps });
                } else {
                    elems.push(Elem::Word { w: t.lower, caps });
                }
            }
        }
        let fixed = elems.iter().filter(|e| e.fixed()).count();
        let p = Pattern {
            elems,
            fixed,
            target,
            name,
        };
        match p.elems.first() {
            Some(Elem::Word { w, .. }) => self.exact.entry(w.clone()).or_default().push(p),
            Some(Elem::Prefix { w, .. }) => self.prefix.entry(first3(w)).or_default().push(p),
            Some(_) => return Err(format!("pattern `{phrase}` starts with a wildcard")),
            None => return Err("empty pattern".to_owned()),
        }
        Ok(())
    }

    /// Where a pattern ending starting at element `k` and token `i` ends, if it matches.
    fn match_from(elems: &[Elem], toks: &[Token], i: usize) -> Option<usize> {
        let Some((e, rest)) = elems.split_first() else {
            return Some(i);
        };
        match e {
            Elem::Gap(n) => (0..=*n).find_map(|skip| {
                if i + skip > toks.len() {
                    None
                } else {
                    Self::match_from(rest, toks, i + skip)
                }
            }),
            _ => {
                let t = toks.get(i)?;
                if e.accepts(t) {
                    Self::match_from(rest, toks, i + 1)
                } else {
                    None
                }
            }
        }
    }

    /// The best match at token `i`; in `toks_folded` (the tokens without their diacritics),
    /// or by a folded pattern, only one with a word written with a capital.
    fn best_at(&self, toks: &[Token], i: usize, toks_folded: bool) -> Option<Match> {
        let t = &toks[i];
        if t.punct {
            return None;
        }
        let mut best: Option<Match> = None;
        let candidates = self
            .exact
            .get(&t.lower)
            .into_iter()
            .flatten()
            .chain(self.prefix.get(&first3(&t.lower)).into_iter().flatten());
        for p in candidates {
            if let Some(end) = Self::match_from(&p.elems, toks, i) {
                if (self.need_cap || toks_folded || p.name) && !toks[i..end].iter().any(|t| t.cap) {
                    continue;
                }
                let m = Match {
                    first: i,
                    last: end,
                    target: p.target,
                    fixed: p.fixed,
                };
                let better = best.is_none_or(|b| (m.fixed, m.last - m.first) > (b.fixed, b.last - b.first));
                if better {
                    best = Some(m);
                }
            }
        }
        best
    }

    /// Non-overlapping matches, left to right; at each position the pattern with the most
    /// fixed words (then the longest) wins.
    pub fn find(&self, toks: &[Token]) -> Vec<Match> {
        // The tokens without their diacritics, when a capitalised word has some: which of
        // them changed, to look there only.
        let folded_toks: Option<(Vec<Token>, Vec<bool>)> = (self.fold
            && toks.iter().any(|t| t.cap && !t.lower.is_ascii()))
        .then(|| {
            let mut changed = vec![false; toks.len()];
            let mut any = false;
            let out = toks
                .iter()
                .enumerate()
                .map(|(k, t)| match t.cap.then(|| folded(&t.lower)).flatten() {
                    Some(lower) => {
                        changed[k] = true;
                        any = true;
                        Token { lower, ..t.clone() }
                    }
                    None => t.clone(),
                })
                .collect();
            any.then_some((out, changed))
        })
        .flatten();
        let best = |i: usize| {
            let plain = self.best_at(toks, i, false);
            let Some((ft, changed)) = &folded_toks else {
                return plain;
            };
            if !changed[i..toks.len().min(i + 6)].iter().any(|&c| c) {
                return plain;
            }
            match (plain, self.best_at(ft, i, true)) {
                (Some(a), Some(b)) if (b.fixed, b.last - b.first) > (a.fixed, a.last - a.first) => Some(b),
                (None, b) => b,
                (a, _) => a,
            }
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some(m) = best(i) {
                // A pattern that starts inside this match, ends after it and has more fixed
                // words is the name meant: "the Islamic State in the Sahel" is not "the
                // Islamic State" followed by "in the Sahel".
                let longer = (i + 1..m.last).find(|&j| best(j).is_some_and(|n| n.last > m.last && n.fixed > m.fixed));
                if let Some(j) = longer {
                    i = j;
                    continue;
                }
                out.push(m);
                i = m.last.max(i + 1);
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether the matcher has no pattern.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefix.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens;

    #[test]
    fn patterns_prefixes_gaps_and_capitals() {
        let mut m = PhraseMatcher::default();
        m.add("demonstrat*", 0).expect("ok");
        m.add("kwamen ~ bijeen", 1).expect("ok");
        m.add("=us", 2).expect("ok");
        m.add("denounced ~ agreements", 3).expect("ok");
        m.add("denounced", 4).expect("ok");
        let f = |s: &str| -> Vec<(usize, usize, usize)> {
            m.find(&tokens(s)).iter().map(|x| (x.first, x.last, x.target)).collect()
        };
        assert_eq!(f("they demonstrated"), vec![(1, 2, 0)]);
        assert_eq!(f("ze kwamen op 2 oktober bijeen"), vec![(1, 6, 1)]);
        assert_eq!(f("US troops told us"), vec![(0, 1, 2)]);
        assert_eq!(f("it denounced the two agreements"), vec![(1, 5, 3)]);
        assert_eq!(f("it denounced the coup"), vec![(1, 2, 4)]);
        assert!(m.add("_ x", 0).is_err());
        assert!(m.add("ab*", 0).is_err());
    }

    #[test]
    fn a_folding_matcher_reads_names_with_or_without_their_diacritics() {
        let mut plain = PhraseMatcher::default();
        let mut folding = PhraseMatcher::default().folding();
        for m in [&mut plain, &mut folding] {
            m.add("aleksandar vucic", 0).expect("ok");
            m.add("tillabéri", 1).expect("ok");
            m.add("armée", 2).expect("ok");
        }
        let f = |m: &PhraseMatcher, s: &str| -> Vec<(usize, usize, usize)> {
            m.find(&tokens(s)).iter().map(|x| (x.first, x.last, x.target)).collect()
        };
        // Diacritics in the text, none in the name, and the other way round.
        assert_eq!(f(&folding, "Aleksandar Vučić said"), vec![(0, 2, 0)]);
        assert_eq!(f(&folding, "near Tillaberi"), vec![(1, 2, 1)]);
        assert_eq!(f(&folding, "near Tillabéri"), vec![(1, 2, 1)]);
        // Only words written with a capital are read without their diacritics.
        assert_eq!(f(&folding, "l'armee"), vec![]);
        assert_eq!(f(&folding, "l'armée"), vec![(1, 2, 2)]);
        // A plain matcher reads what is written.
        assert_eq!(f(&plain, "Aleksandar Vučić said"), vec![]);
        assert_eq!(f(&plain, "near Tillaberi"), vec![]);
        assert_eq!(without_diacritics("Goïta à Tillabéri"), "Goita a Tillaberi");
    }
}
