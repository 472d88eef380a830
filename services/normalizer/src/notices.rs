//! Notices: lines about an article rather than of it, removed by what they are
//! (`data/notices.json`), in HTML and plain text alike. Every removed line is reported by the
//! readers.
//!
//! Three kinds:
//! - a short line holding a notice cue that stands apart from the story (an island, its words
//!   not the story's, [`crate::furniture::Rules::shared_shares`]; or a template's line
//!   repeated in the text; or, sharing a little more, one of the text's first or last lines): a
//!   rights or reprint notice, a licence line, an advertising or affiliate disclosure, the
//!   consent placeholder of an embedded post, a suggested citation, a blog post's filing
//!   footer;
//! - a line whose words mix Latin letters with Cyrillic or Greek look-alikes ("Yоur" with a
//!   Cyrillic "о"), written to slip past filters: advertising;
//! - a paywall notice ("To read the full story, subscribe…", "Pour lire la suite"): the text
//!   ends there, and the pitch after it goes with it.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::Deserialize;

use crate::furniture::words_of;

/// The notice rules, embedded at build time.
pub const NOTICES_JSON: &str = include_str!("../data/notices.json");

/// The numeric limits of the rules, as the file states them.
#[derive(Debug, Clone, Copy, Deserialize)]
struct Limits {
    max_words: usize,
    edge_lines: usize,
    edge_max_shared: f64,
    max_shared: f64,
    min_lines: usize,
    mixed_script_words: usize,
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(flatten)]
    limits: Limits,
    cues: std::collections::BTreeMap<String, Vec<String>>,
    paywall: Vec<String>,
}

/// Compiled notice rules.
#[derive(Debug)]
pub struct Rules {
    limits: Limits,
    /// Cue phrases as lower-case word sequences.
    cues: Vec<Vec<String>>,
    /// The longest word of every cue, and ©, as one case-insensitive pattern: a line it does
    /// not find holds no cue, and is not split into words.
    cue_words: Regex,
    paywall: RegexSet,
}

impl Rules {
    /// Parses and compiles rules from JSON.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let f: File = serde_json::from_str(json).map_err(|e| format!("notices.json: {e}"))?;
        let mut cues: Vec<Vec<String>> = f.cues.into_values().flatten().map(|c| words_of(&c)).collect();
        cues.retain(|c| !c.is_empty());
        cues.sort();
        cues.dedup();
        let longest: Vec<String> = cues
            .iter()
            .filter_map(|c| c.iter().max_by_key(|w| w.len()))
            .map(|w| regex::escape(w))
            .chain(std::iter::once("©".to_string()))
            .collect();
        let cue_words = Regex::new(&format!("(?i){}", longest.join("|"))).map_err(|e| format!("notices.json: {e}"))?;
        let paywall =
            RegexSet::new(f.paywall.iter().map(|p| format!("(?i){p}"))).map_err(|e| format!("notices.json: {e}"))?;
        Ok(Self {
            limits: f.limits,
            cues,
            cue_words,
            paywall,
        })
    }

    /// The embedded rules, compiled once. The data file is checked by a unit test, so a broken
    /// pattern cannot reach a release; if it did, no line would be removed.
    pub fn embedded() -> &'static Rules {
        static RULES: LazyLock<Rules> = LazyLock::new(|| {
            Rules::from_json(NOTICES_JSON).unwrap_or_else(|e| {
                tracing::error!(error = %e, "notice rules do not compile; removing nothing");
                Rules {
                    limits: Limits {
                        max_words: 0,
                        edge_lines: 0,
                        edge_max_shared: 0.0,
                        max_shared: 0.0,
                        min_lines: usize::MAX,
                        mixed_script_words: usize::MAX,
                    },
                    cues: Vec::new(),
                    cue_words: Regex::new("[^\\s\\S]").expect("matches nothing"),
                    paywall: RegexSet::empty(),
                }
            })
        });
        &RULES
    }

    /// Marks in `mask` the lines that are notices, among those not yet marked.
    pub fn mark(&self, lines: &[String], mask: &mut [bool]) {
        // The paywall: from the first notice after a line of text, everything goes.
        let first_text = (0..lines.len()).find(|&i| !mask[i]);
        if let Some(cut) = first_text.and_then(|f| (f + 1..lines.len()).find(|&i| self.paywall.is_match(&lines[i]))) {
            mask[cut..].fill(true);
        }
        let body: Vec<usize> = (0..lines.len()).filter(|&i| !mask[i]).collect();
        for &i in &body {
            if self.is_obfuscated(&lines[i]) {
                mask[i] = true;
            }
        }
        if body.len() < self.limits.min_lines {
            return;
        }
        // The cheap test first: the islands only when a line is short and holds a cue.
        let candidates: Vec<usize> = body
            .iter()
            .copied()
            .filter(|&i| !mask[i] && self.holds_cue(&lines[i]))
            .collect();
        if candidates.is_empty() {
            return;
        }
        // A notice stands apart from the story: an island, or a template's line repeated in
        // it, or, sharing a little more with the story, at the text's edge.
        let text: Vec<String> = body.iter().map(|&i| lines[i].clone()).collect();
        let shares = crate::furniture::Rules::embedded().shared_shares(&text);
        let n = body.len();
        for (k, (&i, share)) in body.iter().zip(shares).enumerate() {
            if !candidates.contains(&i) {
                continue;
            }
            let at_edge = k < self.limits.edge_lines || k + self.limits.edge_lines >= n;
            let repeated = text.iter().filter(|l| **l == lines[i]).count() > 1;
            if share <= self.limits.max_shared || repeated || (at_edge && share <= self.limits.edge_max_shared) {
                mask[i] = true;
            }
        }
    }

    /// Which lines are notices ([`Rules::mark`]).
    pub fn mask(&self, lines: &[String]) -> Vec<bool> {
        let mut mask = vec![false; lines.len()];
        self.mark(lines, &mut mask);
        mask
    }

    /// Whether a short line holds a notice cue: a phrase of `cues`, or the sign © opening the
    /// line or before a year (not a © left dangling after a photo's sentence).
    fn holds_cue(&self, line: &str) -> bool {
        if !self.cue_words.is_match(line) {
            return false;
        }
        let words = words_of(line);
        !words.is_empty()
            && words.len() <= self.limits.max_words
            && (has_copyright_sign(line)
                || self
                    .cues
                    .iter()
                    .any(|cue| words.windows(cue.len()).any(|w| w == cue.as_slice())))
    }

    /// Whether at least `mixed_script_words` words of a line mix Latin letters with Cyrillic
    /// or Greek ones.
    fn is_obfuscated(&self, line: &str) -> bool {
        if line.is_ascii() {
            return false;
        }
        line.split_whitespace()
            .filter(|w| {
                let (mut latin, mut other) = (false, false);
                for c in w.chars().filter(|c| c.is_alphabetic()) {
                    match c {
                        'a'..='z' | 'A'..='Z' => latin = true,
                        '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{04FF}' => other = true,
                        _ => {}
                    }
                }
                latin && other
            })
            .nth(self.limits.mixed_script_words.saturating_sub(1))
            .is_some()
    }
}

/// Whether a line opens with © or has one before a year ("© 2031", "©2031").
fn has_copyright_sign(line: &str) -> bool {
    line.starts_with('©')
        || line.match_indices('©').any(|(i, _)| {
            let after = line[i + '©'.len_utf8()..].trim_start();
            after.len() >= 4 && after.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::from_json(NOTICES_JSON).expect("data/notices.json compiles")
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    fn kept(text: &str) -> Vec<String> {
        let lines = lines(text);
        let mask = rules().mask(&lines);
        lines
            .into_iter()
            .zip(mask)
            .filter(|(_, m)| !m)
            .map(|(l, _)| l)
            .collect()
    }

    const STORY: &str = "Farmers marched through Dakar on Monday to demand lower fuel prices, the organisers said.\n\
        Police kept the route through Dakar open while the farmers marched to the ministry.\n\
        The ministry said fuel prices would be reviewed in June after talks with the farmers.";

    #[test]
    fn rights_licence_and_disclosure_notices_go() {
        for notice in [
            "© 2031 The Morning Ledger. All rights reserved. No reprint without written permission of the publisher.",
            "This story is the copyrighted property of Example Media Group.",
            "Dieser Text steht unter der Lizenz CC BY-SA 4.0, Bilder ausgenommen.",
            "Hinweis: Dieser Beitrag enthält Werbung für einen Kaffeeröster.",
            "Some links on this page are affiliate links: we may earn a commission.",
            "Suggested citation: Doe, Jane: Weather in Wartime, Example Blog, 2031.",
        ] {
            let text = format!("{STORY}\n{notice}");
            assert_eq!(kept(&text), lines(STORY), "{notice}");
        }
    }

    #[test]
    fn a_dangling_credit_sign_is_no_notice() {
        let text = format!("The fuel queues in Dakar grew longer all week, as the photo shows. ©\n{STORY}");
        assert_eq!(kept(&text), lines(&text));
        assert!(has_copyright_sign("Text and photos ©2031 Example Media"));
        assert!(has_copyright_sign("© Example Media"));
    }

    #[test]
    fn a_story_line_about_copyright_stays() {
        // Its lines share the story's words, at the end of the text too.
        let text =
            "Musicians in Bamako protested on Friday against radio stations that play their songs without paying.\n\
                    The musicians' union said the stations owe its members two years of copyright fees.\n\
                    The stations said the fees set by the union were too high for small radio stations.\n\
                    A court in Bamako will hear the union's copyright complaint against the stations in May.";
        assert_eq!(kept(text), lines(text));
    }

    #[test]
    fn look_alike_letters_go() {
        // Cyrillic "о", "е", "а" inside Latin words.
        let text =
            format!("{STORY}\nWе оffеr thе bеst аdvеrtіѕіng расkаgеѕ in tоwn!\nПривет, мир: a Russian greeting.");
        let kept = kept(&text);
        assert_eq!(kept.len(), 4, "{kept:?}");
        assert!(kept.last().is_some_and(|l| l.starts_with("Привет")));
    }

    #[test]
    fn a_paywall_ends_the_text() {
        for wall in [
            "To read the full story, subscribe to The Morning Ledger.",
            "Pour lire la suite de cet article, abonnez-vous.",
            "Jetzt weiterlesen mit Ledger Plus",
            "Para seguir leyendo, suscríbete.",
        ] {
            let text = format!(
                "{STORY}\n{wall}\nSubscribers also get a weekly newsletter and a gift.\nAlready a subscriber? Log in."
            );
            assert_eq!(kept(&text), lines(STORY), "{wall}");
        }
        // Not the first line of text: a page that is only the pitch keeps it.
        let only = "To read the full story, subscribe to The Morning Ledger.";
        assert_eq!(kept(only), vec![only.to_string()]);
    }
}
