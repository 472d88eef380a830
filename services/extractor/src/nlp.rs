//! Sentences and tokens with code-point offsets. Pure functions.

/// A sentence: its code-point span in the article text and the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// The text.
    pub text: String,
}

/// A word: lower-cased form and its code-point span in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased text.
    pub lower: String,
    /// Start (code points, relative to the sentence).
    pub start: u32,
    /// End (exclusive).
    pub end: u32,
}

/// Abbreviations after which a period does not end a sentence (lower-case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "gen", "col", "lt", "capt", "cpt", "maj", "sgt", "adm", "mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr",
    "m", "mme", "mlle", "mgr", "dhr", "mevr", "ir", "drs", "gén", "u.s", "u.n", "u.k", "e.g", "i.e", "etc", "no", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "gov", "pres",
    "min",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '‘' | '\'' | '(' | '[')
}

/// Splits a text into sentences. Paragraph breaks (`\n`) always end a sentence; `.`, `!`, `?`
/// (with closing quotes after them) end one when followed by space and an upper-case letter,
/// digit or opening quote, unless the word before the period is a known abbreviation or a
/// single letter (an initial).
pub fn sentences(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize| {
        let mut s = s;
        let mut e = e;
        while s < e && chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if e > s {
            out.push(Sentence {
                start: u32::try_from(s).unwrap_or(u32::MAX),
                end: u32::try_from(e).unwrap_or(u32::MAX),
                text: chars[s..e].iter().collect(),
            });
        }
    };
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            push(&mut out, start, i);
            start = i + 1;
        } else if matches!(c, '.' | '!' | '?') {
            let mut end = i + 1;
            while end < chars.len() && (is_closer(chars[end]) || matches!(chars[end], '.' | '!' | '?')) {
                end += 1;
            }
            let next_is_space = end < chars.len() && chars[end] == ' ';
            let mut j = end;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let next_starts =
                j < chars.len() && (chars[j].is_uppercase() || chars[j].is_ascii_digit() || is_opener(chars[j]));
            let abbreviation = c == '.' && {
                let mut k = i;
                while k > 0 && (chars[k - 1].is_alphabetic() || chars[k - 1] == '.') {
                    k -= 1;
                }
                let word: String = chars[k..i].iter().collect::<String>().to_lowercase();
                word.chars().count() == 1 || ABBREVIATIONS.contains(&word.as_str())
            };
            if (next_is_space && next_starts && !abbreviation) || end == chars.len() {
                push(&mut out, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, chars.len());
    out
}

/// Words of a sentence: runs of letters and digits, with inner apostrophes and hyphens
/// (`l'ue`, `sit-in`, `Yunus-bek`). Apostrophes are normalised to `'`.
pub fn tokens(sentence: &str) -> Vec<Token> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < chars.len() {
        if chars[i].is_alphanumeric() {
            let s = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || (matches!(chars[i], '\'' | '’' | '-') && i + 1 < chars.len() && chars[i + 1].is_alphanumeric()))
            {
                i += 1;
            }
            let lower: String = chars[s..i]
                .iter()
                .map(|c| if *c == '’' { '\'' } else { *c })
                .collect::<String>()
                .to_lowercase();
            out.push(Token {
                lower,
                start: u32::try_from(s).unwrap_or(u32::MAX),
                end: u32::try_from(i).unwrap_or(u32::MAX),
            });
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        sentences(t).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            texts("Gen. Tiani met Col. Goïta in the U.S. embassy. M. Macron left. It rained."),
            vec![
                "Gen. Tiani met Col. Goïta in the U.S. embassy.",
                "M. Macron left.",
                "It rained."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences_and_offsets_are_code_points() {
        let t = "« Partez ! » crièrent-ils. Ensuite, calme.\n\nÉté à Niamey.";
        let s = sentences(t);
        assert_eq!(s.len(), 3, "{s:?}");
        let chars: Vec<char> = t.chars().collect();
        for x in &s {
            assert_eq!(
                chars[x.start as usize..x.end as usize].iter().collect::<String>(),
                x.text
            );
        }
        assert_eq!(s[2].text, "Été à Niamey.");
    }

    #[test]
    fn tokens_keep_inner_apostrophes_and_hyphens() {
        let t: Vec<String> = tokens("L’UE et le sit-in, Yunus-bek.")
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(t, vec!["l'ue", "et", "le", "sit-in", "yunus-bek"]);
    }
}
