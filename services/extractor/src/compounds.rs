//! Words that join a group noun to what qualifies it: a named armed body with a hyphen
//! ("JNIM-strijders"), any named body with its envoys ("ECOWAS-delegatie"), or any word written as one ("Tuaregrebellen", "regeringstroepen"), in a
//! language that compounds. No pattern matches them: they are one token.

use crate::doc::DocState;
use crate::grammar::Words;
use crate::lexicon::{ActorPat, Match, Resources};
use crate::nlp::Token;

/// Letters a compound needs before its group noun ("VN" is an acronym, written with a hyphen).
const MIN_PREFIX: usize = 3;

/// The sentence's actor matches with the compounds no pattern matched, one token each: a
/// hyphenated compound of a named armed body and a group noun is that body ("JNIM-strijders",
/// "Wagner-huurlingen": the body's fighters), so is one of any named body and a noun of its
/// envoys ("ECOWAS-delegatie"), and a word that ends with a group noun its
/// language compounds (`grammar.json` "compound_heads") is that group ("Tuaregrebellen",
/// "regeringstroepen"; hyphenated, when its first part names no one the data knows and is no
/// acronym: "Toeareg-rebellen", not "RSF-strijders", which may be reporters').
pub(crate) fn named_compounds(
    res: &Resources,
    lang: &str,
    (toks, chars): (&[Token], &[char]),
    doc: &DocState,
    mut matches: Vec<Match>,
) -> Vec<Match> {
    let before = matches.len();
    for (i, t) in toks.iter().enumerate() {
        if t.punct || matches[..before].iter().any(|m| m.first <= i && i < m.last) {
            continue;
        }
        let target =
            armed_body_compound(res, lang, (t, chars), doc).or_else(|| group_compound(res, lang, (t, chars), doc));
        if let Some(target) = target {
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

/// The actor pattern of a named body whose group noun follows it after a hyphen, in a word
/// written with a capital: an armed body's fighters ("JNIM-strijders"), any body's envoys
/// ("ECOWAS-delegatie").
fn armed_body_compound(res: &Resources, lang: &str, (t, chars): (&Token, &[char]), doc: &DocState) -> Option<usize> {
    if !t.cap {
        return None;
    }
    let (left, right) = t.lower.split_once('-')?;
    let start = t.start as usize;
    let written = chars.get(start..start + left.chars().count())?;
    let l = crate::nlp::tokens(&written.iter().collect::<String>());
    let body = l
        .first()
        .and_then(|t| doc.acronym(t))
        .or_else(|| res.actors(lang, &l).first().map(|m| m.target))
        .filter(|&k| matches!(res.actor_pats[k], ActorPat::Org(_)))?;
    let ActorPat::Org(o) = res.actor_pats[body] else {
        return None;
    };
    let group = group_of(res, lang, right)?;
    // An armed body's fighters, or any body's envoys ("ECOWAS-delegatie", "VN-woordvoerder");
    // not any body's fighters ("RSF-strijders" are no reporters' fighters).
    let armed = matches!(res.orgs[o].sector.as_str(), "military" | "rebels");
    let envoys = matches!(res.actor_pats[group], ActorPat::Group(g) if res.groups[g].sector == "government");
    (armed || envoys).then_some(body)
}

/// The group pattern of a word that ends with a group noun its language compounds.
fn group_compound(res: &Resources, lang: &str, (t, chars): (&Token, &[char]), doc: &DocState) -> Option<usize> {
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
    }?;
    group_of(res, lang, head)
}

/// The group pattern a group noun alone matches.
fn group_of(res: &Resources, lang: &str, noun: &str) -> Option<usize> {
    res.actors(lang, &crate::nlp::tokens(noun))
        .first()
        .map(|m| m.target)
        .filter(|&k| matches!(res.actor_pats[k], ActorPat::Group(_)))
}
