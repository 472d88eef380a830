//! Removal of site and aggregator furniture from plain text (banners, sponsor lines, the
//! aggregator's dates, "Read more …" links, subscription pitches, share and comment prompts),
//! driven by `data/furniture.json`. Every removed line is reported, so nothing disappears
//! silently.
//!
//! Two kinds of rule: line patterns, for furniture whose wording is fixed ("Read more …",
//! "Comments are closed"), and [`Promotion`], for advertising whose wording is not: a short
//! line that shares nothing with the story around it and speaks the language of sales or of a
//! call to action.

use std::sync::LazyLock;

use regex::RegexSet;
use serde::Deserialize;

/// The furniture rules, embedded at build time.
pub const FURNITURE_JSON: &str = include_str!("../data/furniture.json");

#[derive(Debug, Deserialize)]
struct File {
    line_patterns: std::collections::BTreeMap<String, Vec<String>>,
    head_block: HeadBlock,
    promotion: PromotionFile,
    closing: ClosingFile,
}

#[derive(Debug, Deserialize)]
struct ClosingFile {
    last_lines: usize,
    max_words: usize,
    reader_words: std::collections::BTreeMap<String, Vec<String>>,
    reader_words_capitalised: Vec<String>,
}

/// Closing furniture (see `closing` in `data/furniture.json`): among the last lines of an
/// article, a short island (its content words are not the story's) that speaks to the reader
/// ("If you enjoyed this post…", "Klicken Sie…", "Suscríbete…") or carries a cue of promotion
/// is the site talking, not the story.
#[derive(Debug, Default)]
struct Closing {
    last_lines: usize,
    max_words: usize,
    /// Second-person words, lower case, matched in any case.
    reader_words: std::collections::HashSet<String>,
    /// Second-person words that are so only capitalised and not opening the line (German
    /// "Sie", "Ihr").
    reader_words_capitalised: std::collections::HashSet<String>,
}

impl Closing {
    fn from_file(f: ClosingFile) -> Self {
        Self {
            last_lines: f.last_lines,
            max_words: f.max_words,
            reader_words: f
                .reader_words
                .into_values()
                .flatten()
                .map(|w| w.to_lowercase())
                .collect(),
            reader_words_capitalised: f.reader_words_capitalised.into_iter().collect(),
        }
    }

    /// Whether a line speaks to the reader.
    fn addresses_reader(&self, line: &str) -> bool {
        line.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .enumerate()
            .any(|(i, w)| {
                self.reader_words.contains(&w.to_lowercase()) || (i > 0 && self.reader_words_capitalised.contains(w))
            })
    }
}

#[derive(Debug, Deserialize)]
struct PromotionFile {
    max_words: usize,
    min_word_chars: usize,
    max_shared: f64,
    min_body_lines: usize,
    min_cues: usize,
    cues: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct HeadBlock {
    min_paragraph_words: usize,
    max_words: usize,
}

/// The group of `line_patterns` that announces another article ("Read more …").
const TEASERS: &str = "teasers";
/// The group of `line_patterns` that asks the reader to act ("Try for free", "Abonnez-vous").
const CALLS_TO_ACTION: &str = "calls_to_action";

/// Advertising inside the body, by what it is (see `promotion` in `data/furniture.json`): a
/// short line, an island in the article (its content words are not the story's), with cues
/// of promotion (sales wording; a call to action next to it).
#[derive(Debug)]
pub struct Promotion {
    max_words: usize,
    min_word_chars: usize,
    max_shared: f64,
    min_body_lines: usize,
    min_cues: usize,
    /// Cue phrases as lower-case word sequences.
    cues: Vec<Vec<String>>,
}

/// Lower-case words of a line (letters, digits, apostrophes and hyphens inside a word).
pub fn words_of(line: &str) -> Vec<String> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(['\'', '’', '-']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Promotion {
    fn from_file(f: PromotionFile) -> Self {
        let mut cues: Vec<Vec<String>> = f.cues.into_values().flatten().map(|c| words_of(&c)).collect();
        cues.retain(|c| !c.is_empty());
        cues.sort();
        cues.dedup();
        Self {
            max_words: f.max_words,
            min_word_chars: f.min_word_chars,
            max_shared: f.max_shared,
            min_body_lines: f.min_body_lines,
            min_cues: f.min_cues,
            cues,
        }
    }

    const NONE: Promotion = Promotion {
        max_words: 0,
        min_word_chars: 0,
        max_shared: 0.0,
        min_body_lines: usize::MAX,
        min_cues: usize::MAX,
        cues: Vec::new(),
    };

    /// How many distinct cue phrases the words hold.
    fn cues_in(&self, words: &[String]) -> usize {
        // The cues are sorted: those that open with a word are a run found by binary search.
        let mut found: Vec<usize> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let from = self.cues.partition_point(|c| c[0] < *word);
            for (k, cue) in self.cues[from..].iter().enumerate().take_while(|(_, c)| c[0] == *word) {
                if words[i..].starts_with(cue) && !found.contains(&(from + k)) {
                    found.push(from + k);
                }
            }
        }
        found.len()
    }

    /// The content words of a line: words of at least `min_word_chars` letters.
    fn content_words<'a>(&self, words: &'a [String]) -> impl Iterator<Item = &'a String> {
        let min = self.min_word_chars;
        words
            .iter()
            .filter(move |w| w.chars().filter(|c| c.is_alphabetic()).count() >= min)
    }

    /// Which of the lines `among` are islands among them: at most `max_shared` of their
    /// content words appear in another of those lines (a line without content words is one).
    /// `words`: every line's words; lines not in `among` are no island.
    fn islands(&self, words: &[Vec<String>], among: &[usize]) -> Vec<bool> {
        let mut out = vec![false; words.len()];
        for (&i, &(shared, content)) in among.iter().zip(&self.shared_counts(words, among)) {
            out[i] = shared as f64 <= self.max_shared * content as f64;
        }
        out
    }

    /// For each of the lines `among`, in that order: how many of its content words appear in
    /// another of those lines, and how many content words it has. `words`: every line's words.
    fn shared_counts(&self, words: &[Vec<String>], among: &[usize]) -> Vec<(usize, usize)> {
        let content = |i: usize| {
            let mut c: Vec<&str> = self.content_words(&words[i]).map(String::as_str).collect();
            c.sort_unstable();
            c.dedup();
            c
        };
        let mut lines_with: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for &i in among {
            for w in content(i) {
                *lines_with.entry(w).or_default() += 1;
            }
        }
        among
            .iter()
            .map(|&i| {
                let c = content(i);
                let shared = c
                    .iter()
                    .filter(|w| lines_with.get(*w).copied().unwrap_or(0) > 1)
                    .count();
                (shared, c.len())
            })
            .collect()
    }

    /// Marks in `mask` the lines that are promotion, among those not yet marked; `is_call`
    /// names the calls to action (a cue for the lines next to them).
    fn mark(&self, lines: &[String], mask: &mut [bool], is_call: impl Fn(&str) -> bool) {
        let body: Vec<usize> = (0..lines.len()).filter(|&i| !mask[i]).collect();
        if body.len() <= self.min_body_lines {
            return;
        }
        // The cheap tests first: short lines with cues of promotion. A line with more than
        // `max_words` tokens holding a letter or digit has more words than that, and is not
        // split into words unless the islands are needed.
        let mut words: Vec<Vec<String>> = vec![Vec::new(); lines.len()];
        for &i in &body {
            let mut tokens = lines[i]
                .split_whitespace()
                .filter(|t| t.chars().any(char::is_alphanumeric));
            if tokens.nth(self.max_words).is_none() {
                words[i] = words_of(&lines[i]);
            }
        }
        let candidates: Vec<usize> = body
            .iter()
            .copied()
            .filter(|&i| {
                let w = &words[i];
                if w.is_empty() || w.len() > self.max_words {
                    return false;
                }
                let cues = self.cues_in(w);
                cues >= self.min_cues
                    || (cues + 1 >= self.min_cues
                        && [i.checked_sub(1), Some(i + 1)]
                            .into_iter()
                            .flatten()
                            .filter_map(|j| lines.get(j))
                            .any(|l| is_call(l)))
            })
            .collect();
        if candidates.is_empty() {
            return;
        }
        for &i in &body {
            if words[i].is_empty() {
                words[i] = words_of(&lines[i]);
            }
        }
        // Islands among the body lines: their words are not the story's.
        let island = self.islands(&words, &body);
        for i in candidates {
            mask[i] = island[i];
        }
    }
}

/// Compiled rules.
#[derive(Debug)]
pub struct Rules {
    lines: RegexSet,
    teasers: RegexSet,
    calls: RegexSet,
    head_min_paragraph_words: usize,
    head_max_words: usize,
    promotion: Promotion,
    closing: Closing,
}

impl Rules {
    /// Parses and compiles rules from JSON.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let f: File = serde_json::from_str(json).map_err(|e| format!("furniture.json: {e}"))?;
        // The patterns of some groups (all of them with `None`), case-insensitive, as one set.
        let set = |group: Option<&str>| {
            let patterns = f
                .line_patterns
                .iter()
                .filter(|(name, _)| group.is_none_or(|g| g == name.as_str()))
                .flat_map(|(_, patterns)| patterns)
                .map(|p| format!("(?i){p}"));
            RegexSet::new(patterns).map_err(|e| format!("furniture.json: {e}"))
        };
        let (lines, teasers, calls) = (set(None)?, set(Some(TEASERS))?, set(Some(CALLS_TO_ACTION))?);
        Ok(Self {
            lines,
            teasers,
            calls,
            head_min_paragraph_words: f.head_block.min_paragraph_words,
            head_max_words: f.head_block.max_words,
            promotion: Promotion::from_file(f.promotion),
            closing: Closing::from_file(f.closing),
        })
    }

    /// The embedded rules. They are compiled once; the data file is checked by a unit test,
    /// so a broken pattern cannot reach a release, and if it did, no line would be removed.
    pub fn embedded() -> &'static Rules {
        static RULES: LazyLock<Rules> = LazyLock::new(|| {
            Rules::from_json(FURNITURE_JSON).unwrap_or_else(|e| {
                tracing::error!(error = %e, "furniture rules do not compile; removing nothing");
                Rules {
                    lines: RegexSet::empty(),
                    teasers: RegexSet::empty(),
                    calls: RegexSet::empty(),
                    head_min_paragraph_words: usize::MAX,
                    head_max_words: 0,
                    promotion: Promotion::NONE,
                    closing: Closing::default(),
                }
            })
        });
        &RULES
    }

    /// Whether a line announces another article ("Read more …", "Lire aussi …", "Lees ook …").
    pub fn is_teaser(&self, line: &str) -> bool {
        self.teasers.is_match(line)
    }

    /// Splits cleaned lines into kept paragraphs and removed furniture.
    pub fn split(&self, lines: Vec<String>) -> (Vec<String>, Vec<String>) {
        let mask = self.mask(&lines, |_| false);
        split_by(lines, &mask)
    }

    /// Which cleaned lines are furniture: those the patterns or `is_furniture` name (date
    /// lines, which [`crate::dateline`] recognises), short lines of the head block, and
    /// promotion ([`Promotion`]) among the rest.
    pub fn mask(&self, lines: &[String], is_furniture: impl Fn(&str) -> bool) -> Vec<bool> {
        let mut mask = self.pattern_mask(lines, is_furniture);
        self.promotion.mark(lines, &mut mask, |l| self.calls.is_match(l));
        mask
    }

    /// Which lines of an article body (all of them text so far) are promotion
    /// ([`Promotion`]); the HTML reader asks this of the lines Readability keeps.
    pub fn promotion_mask(&self, lines: &[String]) -> Vec<bool> {
        let mut mask = vec![false; lines.len()];
        self.promotion.mark(lines, &mut mask, |l| self.calls.is_match(l));
        mask
    }

    /// Which of the last lines of an article body are closing furniture ([`Closing`]): short
    /// islands that speak to the reader or carry a cue of promotion. The HTML reader asks this
    /// of its text.
    pub fn closing_mask(&self, lines: &[String]) -> Vec<bool> {
        let mut mask = vec![false; lines.len()];
        let c = &self.closing;
        if lines.len() <= self.promotion.min_body_lines {
            return mask;
        }
        // The cheap tests first: the islands (every line's content words) only when a last
        // line is short and speaks to the reader or carries a cue.
        let candidates: Vec<usize> = (lines.len().saturating_sub(c.last_lines)..lines.len())
            .filter(|&i| {
                let words = words_of(&lines[i]);
                !words.is_empty()
                    && words.len() <= c.max_words
                    && (c.addresses_reader(&lines[i]) || self.promotion.cues_in(&words) > 0)
            })
            .collect();
        if candidates.is_empty() {
            return mask;
        }
        let words: Vec<Vec<String>> = lines.iter().map(|l| words_of(l)).collect();
        let all: Vec<usize> = (0..lines.len()).collect();
        let islands = self.promotion.islands(&words, &all);
        for i in candidates {
            mask[i] = islands[i];
        }
        mask
    }

    /// For every line of a text, the share of its content words (as for [`Promotion`]) that
    /// appear in another line: near 0 for an island, a line whose words are not the story's.
    pub fn shared_shares(&self, lines: &[String]) -> Vec<f64> {
        let words: Vec<Vec<String>> = lines.iter().map(|l| words_of(l)).collect();
        let all: Vec<usize> = (0..lines.len()).collect();
        self.promotion
            .shared_counts(&words, &all)
            .into_iter()
            .map(|(shared, content)| {
                if content == 0 {
                    0.0
                } else {
                    shared as f64 / content as f64
                }
            })
            .collect()
    }

    /// The lines the patterns, `is_furniture` and the head block name.
    fn pattern_mask(&self, lines: &[String], is_furniture: impl Fn(&str) -> bool) -> Vec<bool> {
        let mut in_head = true;
        lines
            .iter()
            .map(|line| {
                if self.lines.is_match(line) || is_furniture(line) {
                    return true;
                }
                // The head block ends at the first long line that is not itself furniture (a
                // long sponsor line does not end it).
                let words = line.split_whitespace().count();
                if in_head && words >= self.head_min_paragraph_words {
                    in_head = false;
                }
                in_head && words <= self.head_max_words
            })
            .collect()
    }
}

/// Kept paragraphs and removed furniture, by a [`Rules::mask`] of the lines.
pub fn split_by(lines: Vec<String>, mask: &[bool]) -> (Vec<String>, Vec<String>) {
    let (mut kept, mut removed) = (Vec::with_capacity(lines.len()), Vec::new());
    for (i, line) in lines.into_iter().enumerate() {
        if mask.get(i).copied().unwrap_or(false) {
            removed.push(line);
        } else {
            kept.push(line);
        }
    }
    (kept, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (Vec<String>, Vec<String>) {
        let lines = text
            .lines()
            .map(crate::line::clean_line)
            .filter(|l| !l.is_empty())
            .collect();
        Rules::from_json(FURNITURE_JSON).expect("rules compile").split(lines)
    }

    #[test]
    fn aggregator_header_and_footer_go_sentences_stay() {
        let text = "DAILY WIRE DIGEST\nMar 3, 2024 |\n| Dakar, SN\nSponsor: ACME tyres, the best tyres for every road in the whole of West Africa and beyond\nback\nworld\nLe Soleil\n4 March 2024\n\
                    Photos Le Soleil.sn\nFarmers marched through Dakar on Monday to demand lower fuel prices, the organisers said.\n\
                    Police kept the route open.\nRead more Subscribers only: the fuel subsidy explained\nTry for free\n\
                    Comments are closed.\nTranslation of an original article published in French on example.sn.";
        let (kept, removed) = split(text);
        assert_eq!(
            kept,
            vec![
                "Farmers marched through Dakar on Monday to demand lower fuel prices, the organisers said.",
                "Police kept the route open."
            ]
        );
        assert_eq!(removed.len(), 13, "{removed:?}");
    }

    #[test]
    fn french_and_dutch_furniture() {
        let (kept, removed) = split(
            "Publié le 12 avril 2024\nTemps de lecture : 2 min\nDes milliers de personnes ont manifesté à Niamey samedi contre la présence étrangère.\n\
             Lire aussi : Le Niger et la Russie\nLes commentaires sont fermés.\nLeestijd 3 minuten\nLees ook: Mali en Rusland\n\
             Duizenden mensen betoogden zaterdag in Niamey tegen de buitenlandse aanwezigheid.\nReacties zijn gesloten",
        );
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert_eq!(removed.len(), 7, "{removed:?}");
    }

    #[test]
    fn teasers_are_named() {
        let rules = Rules::from_json(FURNITURE_JSON).expect("rules compile");
        for line in [
            "Read more: Mali and Russia",
            "Lire aussi : Le Niger et la Russie",
            "Lees ook",
        ] {
            assert!(rules.is_teaser(line), "{line}");
        }
        assert!(!rules.is_teaser("Sponsor: ACME"));
        assert!(!rules.is_teaser("Farmers read more newspapers than they did ten years ago."));
    }

    #[test]
    fn a_headline_and_subheadings_are_kept() {
        let (kept, removed) = split(
            "Rally in Niamey against foreign bases\nSeveral thousand protesters gathered in Niamey on 16 March 2024 to demand the departure of troops.\n\
             Security problem\nThe talks continue.",
        );
        assert_eq!(kept.len(), 4, "{removed:?}");
    }
}
