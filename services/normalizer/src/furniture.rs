//! Removal of site and aggregator furniture from plain text (banners, sponsor lines, the
//! aggregator's dates, "Read more …" links, subscription pitches, share and comment prompts),
//! driven by `data/furniture.json`. Every removed line is reported, so nothing disappears
//! silently.

use std::sync::LazyLock;

use regex::RegexSet;
use serde::Deserialize;

/// The furniture rules, embedded at build time.
pub const FURNITURE_JSON: &str = include_str!("../data/furniture.json");

#[derive(Debug, Deserialize)]
struct File {
    line_patterns: std::collections::BTreeMap<String, Vec<String>>,
    head_block: HeadBlock,
}

#[derive(Debug, Deserialize)]
struct HeadBlock {
    min_paragraph_words: usize,
    max_words: usize,
}

/// The group of `line_patterns` that announces another article ("Read more …").
const TEASERS: &str = "teasers";

/// Compiled rules.
#[derive(Debug)]
pub struct Rules {
    lines: RegexSet,
    teasers: RegexSet,
    head_min_paragraph_words: usize,
    head_max_words: usize,
}

impl Rules {
    /// Parses and compiles rules from JSON.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let f: File = serde_json::from_str(json).map_err(|e| format!("furniture.json: {e}"))?;
        let patterns: Vec<String> = f.line_patterns.values().flatten().map(|p| format!("(?i){p}")).collect();
        let lines = RegexSet::new(&patterns).map_err(|e| format!("furniture.json: {e}"))?;
        let teasers = f
            .line_patterns
            .get(TEASERS)
            .into_iter()
            .flatten()
            .map(|p| format!("(?i){p}"));
        let teasers = RegexSet::new(teasers).map_err(|e| format!("furniture.json: {e}"))?;
        Ok(Self {
            lines,
            teasers,
            head_min_paragraph_words: f.head_block.min_paragraph_words,
            head_max_words: f.head_block.max_words,
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
                    head_min_paragraph_words: usize::MAX,
                    head_max_words: 0,
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
    /// lines, which [`crate::dateline`] recognises), and short lines of the head block.
    pub fn mask(&self, lines: &[String], is_furniture: impl Fn(&str) -> bool) -> Vec<bool> {
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
            .map(crate::text::clean_line)
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
