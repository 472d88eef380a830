//! Words that join a group noun to what qualifies it: a named armed body with a hyphen
//! ("JNIM-strijders") or any word written as one ("Tuaregrebellen", "regeringstroepen"), in a
//! language that compounds. No pattern matches them: they are one token.

use crate::doc::DocState;
use crate::grammar::Words;
use crate::lexicon::{ActorPat, Match, Resources};
use crate::nlp::Token;

/// Letters a compound needs before its group noun ("VN" is an acronym, written with a hyphen).
const MIN_PREFIX: usize = 3;

/// The sentence's actor matches with its hyphenated compounds of a named armed body and a
/// group noun ("JNIM-strijders", "Wagner-huurlingen": the body's fighters) read as that body:
/// the word is one token, so no pattern matched it.
pub(crate) fn named_compounds(
    res: &Resources,
    lang: &str,
    (toks, chars): (&[Token], &[char]),
    doc: &DocState,
    mut matches: Vec<Match>,
) -> Vec<Match> {
    let before = matches.len();
    for (i, t) in toks.iter().enumerate() {
        if !t.cap || t.punct || matches[..before].iter().any(|m| m.first <= i && i < m.last) {
            continue;
        }
        let Some((left, right)) = t.lower.split_once('-') else {
            continue;
        };
        let start = t.start as usize;
        let Some(written) = chars.get(start..start + left.chars().count()) else {
            continue;
        };
        let l = crate::nlp::tokens(&written.iter().collect::<String>());
        let body = l
            .first()
            .and_then(|t| doc.acronym(t))
            .or_else(|| res.actors(lang, &l).first().map(|m| m.target))
            // (An armed body: "RSF-strijders" are no reporters' fighters.)
            .filter(|&k| {
                matches!(res.actor_pats[k], ActorPat::Org(o) if matches!(res.orgs[o].sector.as_str(), "military" | "rebels"))
            });
        let group = res
            .actors(lang, &crate::nlp::tokens(right))
            .first()
            .is_some_and(|m| matches!(res.actor_pats[m.target], ActorPat::Group(_)));
        if let (Some(target), true) = (body, group) {
            matches.push(Match {
                first: i,
                last: i + 1,
                target,
                fixed: 1,
            });
        }
    }
    // "Tuaregrebellen", "regeringstroepen": a word written as one that ends with a group noun
    // a language compounds (`grammar.json` "compound_heads") is that group; so is a
    // hyphenated one whose first part names no one the data knows ("Toeareg-rebellen"; the
    // loop above read those that name an armed body, and "RSF-strijders" may be reporters').
    for (i, t) in toks.iter().enumerate() {
        if t.punct || matches[..before].iter().any(|m| m.first <= i && i < m.last) {
            continue;
        }
        let head = match t.lower.split_once('-') {
            // (An acronym names a body, known or not: "RSF-strijders" are its fighters.)
            Some((left, right)) => {
                let l = crate::nlp::tokens(left);
                let known = l.first().is_some_and(|t| doc.acronym(t).is_some()) || !res.actors(lang, &l).is_empty();
                let acronym = chars
                    .get(t.start as usize..t.start as usize + left.chars().count())
                    .is_some_and(|w| w.iter().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()));
                let compounded = res.grammar.is(lang, Words::CompoundHead, right);
                (!known && !acronym && compounded && left.chars().count() >= MIN_PREFIX).then_some(right)
            }
            None => res.grammar.ending(lang, Words::CompoundHead, &t.lower, MIN_PREFIX),
        };
        let group = head
            .and_then(|h| res.actors(lang, &crate::nlp::tokens(h)).first().map(|m| m.target))
            .filter(|&k| matches!(res.actor_pats[k], ActorPat::Group(_)));
        if let Some(target) = group {
            matches.push(Match {
                first: i,
                last: i + 1,
                target,
                fixed: 1,
            });
        }
    }
    if matches.len() > before {
        matches.sort_by_key(|m| m.first);
    }
    matches
}
