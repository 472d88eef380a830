//! Phrase matching over surface tokens, the pattern language of the data files: lower-case
//! words separated by spaces; `word*` matches any word starting with `word` (three letters at
//! least before the star), `_` any one word, `~` up to five words, and `=word` a word written in
//! capitals (`=us` for `US`).

use std::collections::HashMap;

use crate::nlp::Token;

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
}

/// Longest-match phrase matcher over tokens, indexed by the first word (or the first three
/// letters of a leading prefix word).
#[derive(Debug, Default, Clone)]
pub struct PhraseMatcher {
    exact: HashMap<String, Vec<Pattern>>,
    prefix: HashMap<String, Vec<Pattern>>,
    /// Only matches with a word written with a capital count (names of places).
    need_cap: bool,
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

    /// Adds a pattern naming `target`. Returns an error text for a pattern that cannot match.
    pub fn add(&mut self, phrase: &str, target: usize) -> Result<(), String> {
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
        let p = Pattern { elems, fixed, target };
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

    fn best_at(&self, toks: &[Token], i: usize) -> Option<Match> {
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
                if self.need_cap && !toks[i..end].iter().any(|t| t.cap) {
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
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some(m) = self.best_at(toks, i) {
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
}
