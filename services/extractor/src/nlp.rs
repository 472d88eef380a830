//! Sentences and tokens with code-point offsets, for English, French and Dutch. Pure functions.

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

/// A word (or one of the punctuation marks `,` `;` `:` that bound clauses), lower-cased, with
/// its code-point span in the sentence and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased text (apostrophes normalised to `'`).
    pub lower: String,
    /// Start (code points, relative to the sentence).
    pub start: u32,
    /// End (exclusive).
    pub end: u32,
    /// Written with an upper-case first letter.
    pub cap: bool,
    /// Written in capitals (two letters or more), like `US` or `EU`.
    pub caps: bool,
    /// A clause punctuation mark rather than a word.
    pub punct: bool,
}

/// Abbreviations after which a period does not end a sentence (lower-case, without the final
/// dot), in English, French and Dutch.
const ABBREVIATIONS: &[&str] = &[
    "gen", "col", "lt", "capt", "cpt", "maj", "sgt", "adm", "cmdr", "mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr",
    "sr", "rev", "sen", "rep", "gov", "pres", "min", "amb", "m", "mme", "mmes", "mlle", "mgr", "me", "pr", "cdt",
    "gén", "lieut", "dhr", "mevr", "ir", "drs", "ing", "mr", "bijv", "o.a", "d.w.z", "u.s", "u.n", "u.k", "e.g", "i.e",
    "etc", "no", "nr", "vs", "approx", "ca", "cf", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "okt", "nov", "dec", "janv", "févr", "avr", "juil", "déc", "inc", "ltd", "co", "corp", "art",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '‘' | '\'' | '(' | '[' | '„')
}

/// The length of a news dateline that opens a sentence ("BAMAKO - ", "NIAMEY, March 4
/// (Sahel Wire) - ", "OUAGADOUGOU — "), spaces after its dash included, or 0: a place written
/// in capitals (three letters or more, no lower case), then at most 60 characters after a
/// comma, then a dash between spaces. It names where the story was filed, not a participant,
/// and the parser reads it as the clause's subject.
fn dateline_len(chars: &[char]) -> usize {
    // Words in capitals, one after another.
    let (mut place, mut k) = (0, 0);
    loop {
        let end = (k..chars.len())
            .find(|&j| matches!(chars[j], ' ' | ','))
            .unwrap_or(chars.len());
        let word = &chars[k..end];
        if word.is_empty() || !word.iter().any(|c| c.is_uppercase()) || word.iter().any(|c| c.is_lowercase()) {
            break;
        }
        place = end;
        if chars.get(end) != Some(&' ') {
            break;
        }
        k = end + 1;
    }
    if chars[..place].iter().filter(|c| c.is_uppercase()).count() < 3 {
        return 0;
    }
    let mut i = place;
    if chars.get(i) == Some(&',') {
        let limit = (i + 60).min(chars.len());
        i = match (i..limit).find(|&k| chars[k] == ' ' && matches!(chars.get(k + 1), Some('-' | '–' | '—'))) {
            Some(k) => k,
            None => return 0,
        };
    }
    if !(chars.get(i) == Some(&' ')
        && matches!(chars.get(i + 1), Some('-' | '–' | '—'))
        && chars.get(i + 2) == Some(&' '))
    {
        return 0;
    }
    let mut end = i + 3;
    while chars.get(end).is_some_and(|c| c.is_whitespace()) {
        end += 1;
    }
    if end >= chars.len() {
        return 0;
    }
    end
}

/// Splits a text into sentences. Line breaks always end a sentence; `.`, `!`, `?`, `…` (with
/// closing quotes after them) end one when followed by a space and an upper-case letter, a
/// digit or an opening quote, unless the word before the period is a known abbreviation or a
/// single letter (an initial). A closing quote followed by a lower-case word (`"…," he said`,
/// `« Partez ! » crièrent-ils`) does not end the sentence.
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
        s += dateline_len(&chars[s..e]);
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
        } else if matches!(c, '.' | '!' | '?' | '…') {
            let mut end = i + 1;
            while end < chars.len()
                && (is_closer(chars[end]) || matches!(chars[end], '.' | '!' | '?' | '…' | '\u{a0}' | '\u{202f}'))
            {
                end += 1;
            }
            // Trailing non-breaking spaces belong to the French « … ! » style, not the end.
            while end > i + 1 && matches!(chars[end - 1], '\u{a0}' | '\u{202f}') {
                end -= 1;
            }
            let next_is_space = end < chars.len() && matches!(chars[end], ' ' | '\u{a0}');
            let mut j = end;
            while j < chars.len() && matches!(chars[j], ' ' | '\u{a0}') {
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
                (word.chars().count() == 1 && chars[k].is_uppercase()) || ABBREVIATIONS.contains(&word.as_str())
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

/// French elisions split off as words of their own (`l'armée` → `l'` `armée`).
const ELISIONS: &[&str] = &[
    "l", "d", "qu", "n", "s", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Words of a sentence: runs of letters and digits, with inner apostrophes, hyphens and
/// periods between digits (`sit-in`, `Yunus-bek`, `2024-04-13`), plus the clause marks `,`
/// `;` `:`. French elisions (`l'`, `d'`, `qu'`) and the English possessive (`'s`) are words of
/// their own. Apostrophes are normalised to `'`.
pub fn tokens(sentence: &str) -> Vec<Token> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 5);
    let mut i = 0usize;
    let push = |out: &mut Vec<Token>, s: usize, e: usize, punct: bool| {
        let lower: String = chars[s..e]
            .iter()
            .map(|c| if is_apostrophe(*c) { '\'' } else { *c })
            .flat_map(char::to_lowercase)
            .collect();
        let letters = chars[s..e].iter().filter(|c| c.is_alphabetic());
        let cap = chars[s].is_uppercase();
        let caps = letters.clone().count() >= 2 && letters.clone().all(|c| c.is_uppercase());
        out.push(Token {
            lower,
            start: u32::try_from(s).unwrap_or(u32::MAX),
            end: u32::try_from(e).unwrap_or(u32::MAX),
            cap,
            caps,
            punct,
        });
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            let s = i;
            while i < chars.len() {
                let ch = chars[i];
                if ch.is_alphanumeric() {
                    i += 1;
                    continue;
                }
                let next_alnum = i + 1 < chars.len() && chars[i + 1].is_alphanumeric();
                if is_apostrophe(ch) && next_alnum {
                    let word: String = chars[s..i].iter().collect::<String>().to_lowercase();
                    if ELISIONS.contains(&word.as_str()) {
                        // `l'` ends here; the word after it starts a token of its own.
                        i += 1;
                        break;
                    }
                    let rest_is_s =
                        matches!(chars[i + 1], 's' | 'S') && (i + 2 >= chars.len() || !chars[i + 2].is_alphanumeric());
                    if rest_is_s {
                        break;
                    }
                    i += 1;
                } else if (ch == '-' && next_alnum)
                    || (matches!(ch, '.' | ',')
                        && next_alnum
                        && chars[i - 1].is_ascii_digit()
                        && chars[i + 1].is_ascii_digit())
                {
                    // Inner hyphen ("sit-in"), or a digit group ("1,500", "2.5").
                    i += 1;
                } else {
                    break;
                }
            }
            push(&mut out, s, i, false);
        } else if is_apostrophe(c)
            && i + 1 < chars.len()
            && matches!(chars[i + 1], 's' | 'S')
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && (i + 2 >= chars.len() || !chars[i + 2].is_alphanumeric())
        {
            push(&mut out, i, i + 2, false);
            i += 2;
        } else if matches!(c, ',' | ';' | ':') {
            push(&mut out, i, i + 1, true);
            i += 1;
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

    fn words(t: &str) -> Vec<String> {
        tokens(t).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn a_dateline_is_no_part_of_the_sentence() {
        assert_eq!(
            texts("BAMAKO - Malinese soldaten hebben burgers gedood."),
            vec!["Malinese soldaten hebben burgers gedood."]
        );
        assert_eq!(
            texts("NIAMEY, March 4 (Sahel Wire) - Gunmen killed 12 soldiers."),
            vec!["Gunmen killed 12 soldiers."]
        );
        assert_eq!(
            texts("N'DJAMENA — Le Tchad a rappelé son ambassadeur."),
            vec!["Le Tchad a rappelé son ambassadeur."]
        );
        // Not a name in capitals alone, nor a dash that ends nothing.
        assert_eq!(
            texts("ECOWAS leaders met - again."),
            vec!["ECOWAS leaders met - again."]
        );
        assert_eq!(texts("UN - the mission left."), vec!["UN - the mission left."]);
        // Offsets stay the article's.
        let s = &sentences("GAO - Gunmen attacked.")[0];
        assert_eq!(s.start, 6);
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
        assert_eq!(
            texts("Dr. Diallo spoke to Mr. Sall. Dhr. Jansen en mevr. De Vries waren er."),
            vec![
                "Dr. Diallo spoke to Mr. Sall.",
                "Dhr. Jansen en mevr. De Vries waren er."
            ]
        );
        assert_eq!(
            texts("He visited St. Petersburg in Sept. 2023. Then he left."),
            vec!["He visited St. Petersburg in Sept. 2023.", "Then he left."]
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
        assert_eq!(
            texts("“We need partners.” said another protester. “They will leave.” The crowd cheered."),
            vec![
                "“We need partners.” said another protester.",
                "“They will leave.”",
                "The crowd cheered."
            ]
        );
    }

    #[test]
    fn tokens_keep_inner_apostrophes_and_hyphens_and_split_elisions() {
        assert_eq!(
            words("L’UE et le sit-in, Yunus-bek."),
            vec!["l'", "ue", "et", "le", "sit-in", ",", "yunus-bek"]
        );
        assert_eq!(words("Niger’s capital"), vec!["niger", "'s", "capital"]);
        assert_eq!(
            words("coup d'état à Jama'at"),
            vec!["coup", "d'", "état", "à", "jama'at"]
        );
        assert_eq!(
            words("le 2024-04-13, 1,500 soldiers"),
            vec!["le", "2024-04-13", ",", "1,500", "soldiers"]
        );
        let t = tokens("US troops and us");
        assert!(t[0].caps && t[0].cap && !t[3].caps && !t[3].cap);
    }
}
