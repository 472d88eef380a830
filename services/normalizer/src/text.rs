//! Text normalization: plain text and HTML to paragraphs of NFC text. Pure functions.

use chrono::{DateTime, Utc};
use scraper::{Html, Selector};
use unicode_normalization::UnicodeNormalization;

/// The text of an article, split into paragraphs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    /// Headline, if one was found.
    pub title: Option<String>,
    /// Canonical URL from the page, if any.
    pub canonical_url: Option<String>,
    /// Paragraphs, each NFC with whitespace collapsed, none empty.
    pub paragraphs: Vec<String>,
    /// Lines dropped as furniture (kept for audit).
    pub removed: Vec<String>,
    /// Author line, if one was found.
    pub byline: Option<String>,
    /// Publication date with its provenance, if one was found.
    pub published: Option<sahel_schemas::clean::PublishedDate>,
}

/// Why a document holds no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Nothing but whitespace.
    Empty,
    /// Looks like binary data (control characters or undecodable bytes).
    Binary,
}

impl Unusable {
    /// Bounded label (DLQ kind).
    pub fn kind(&self) -> &'static str {
        match self {
            Unusable::Empty => "empty_document",
            Unusable::Binary => "binary_document",
        }
    }
}

/// NFC, every run of whitespace (including no-break spaces) collapsed to one space, trimmed;
/// control characters that are not whitespace (a stray NUL, C1 controls) dropped: they are
/// no text, and PostgreSQL cannot store a NUL.
pub fn clean_line(s: &str) -> String {
    let nfc: String = s.nfc().filter(|c| !c.is_control() || c.is_whitespace()).collect();
    let mut out = String::with_capacity(nfc.len());
    for w in nfc.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether a document's beginning (its first 512 characters) shows an HTML page, whatever
/// its declared type.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(512).collect::<String>().to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

/// Rejects bodies that are empty or binary.
pub fn check_usable(body: &str) -> Result<(), Unusable> {
    if body.trim().is_empty() {
        return Err(Unusable::Empty);
    }
    // One pass over the bytes (this runs on whole HTML pages): characters are the bytes that
    // are not UTF-8 continuation bytes; bad ones are C0 controls other than whitespace, C1
    // controls (C2 80..9F) and U+FFFD (EF BF BD), which decoding leaves for undecodable bytes.
    let b = body.as_bytes();
    let (mut total, mut bad) = (0usize, 0usize);
    for (i, &c) in b.iter().enumerate() {
        total += usize::from(c & 0xC0 != 0x80);
        bad += usize::from(
            (c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0C))
                || c == 0x7F
                || (c == 0xC2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
                || (c == 0xEF && b.get(i + 1) == Some(&0xBF) && b.get(i + 2) == Some(&0xBD)),
        );
    }
    // A few stray control characters happen in real text; one in ten is not text.
    if bad * 10 > total {
        return Err(Unusable::Binary);
    }
    Ok(())
}

/// Plain text: one paragraph per non-empty line (news text files put one paragraph per line,
/// with or without blank lines between), minus site and aggregator furniture
/// ([`crate::furniture`]) and date lines, whose date is the publication date
/// ([`crate::dateline`]; `fetched_at` bounds it).
pub fn from_plain(body: &str, fetched_at: Option<DateTime<Utc>>) -> Extracted {
    let lines: Vec<String> = body.lines().map(clean_line).filter(|l| !l.is_empty()).collect();
    let rules = crate::furniture::Rules::embedded();
    let furniture = rules.mask(&lines, crate::dateline::is_date_line);
    let published = crate::dateline::publication_date(&lines, &furniture, fetched_at, |l| rules.is_teaser(l));
    let (paragraphs, removed) = crate::furniture::split_by(lines, &furniture);
    Extracted {
        published,
        paragraphs,
        removed,
        ..Extracted::default()
    }
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// HTML: the headline, the canonical link and the text of block elements outside
/// navigation, headers, footers, asides, scripts and forms.
pub fn from_html(body: &str) -> Extracted {
    let doc = Html::parse_document(body);
    let first_text = |sel: &str| -> Option<String> {
        let s = selector(sel)?;
        doc.select(&s)
            .map(|e| clean_line(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let first_attr = |sel: &str, attr: &str| -> Option<String> {
        let s = selector(sel)?;
        doc.select(&s)
            .filter_map(|e| e.value().attr(attr).map(clean_line))
            .find(|t| !t.is_empty())
    };
    let title = first_attr("meta[property='og:title']", "content")
        .or_else(|| first_text("h1"))
        .or_else(|| first_text("title"));
    let canonical_url =
        first_attr("link[rel='canonical']", "href").or_else(|| first_attr("meta[property='og:url']", "content"));

    let mut paragraphs = Vec::new();
    if let Some(blocks) = selector("p, h2, h3, h4, li, blockquote") {
        for e in doc.select(&blocks) {
            let in_furniture = e.ancestors().any(|a| {
                a.value().as_element().is_some_and(|el| {
                    matches!(
                        el.name(),
                        "nav" | "header" | "footer" | "aside" | "script" | "style" | "form" | "noscript"
                    )
                })
            });
            // Nested blocks (a <p> inside an <li>) are taken once, from the innermost.
            let has_block_child = e.descendants().skip(1).any(|d| {
                d.value()
                    .as_element()
                    .is_some_and(|el| matches!(el.name(), "p" | "li" | "blockquote" | "h2" | "h3" | "h4"))
            });
            if in_furniture || has_block_child {
                continue;
            }
            let t = clean_line(&e.text().collect::<String>());
            if !t.is_empty() && Some(&t) != title.as_ref() {
                paragraphs.push(t);
            }
        }
    }
    Extracted {
        title,
        canonical_url,
        paragraphs,
        ..Extracted::default()
    }
}

/// Joins paragraphs with a blank line and returns the text with each paragraph's code-point
/// span.
pub fn join_paragraphs(paragraphs: &[String]) -> (String, Vec<(u32, u32)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(paragraphs.len());
    let mut pos: u32 = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            pos += 2;
        }
        let len = u32::try_from(p.chars().count()).unwrap_or(u32::MAX);
        text.push_str(p);
        spans.push((pos, pos.saturating_add(len)));
        pos = pos.saturating_add(len);
    }
    (text, spans)
}

/// The exact-dedup key: lower-cased words joined by single spaces, so case, spacing and line
/// breaks do not make two copies of one text look different.
pub fn dedup_key(text: &str) -> String {
    let lower = text.to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words in a text.
pub fn word_count(text: &str) -> u32 {
    u32::try_from(
        text.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count(),
    )
    .unwrap_or(u32::MAX)
}

/// Language (ISO 639-1) and confidence, with an optional hint used when detection is not
/// reliable. Returns `und` with confidence 0 when nothing can be said.
pub fn detect_language(text: &str, hint: Option<&str>) -> (String, f64) {
    // whatlang is as sure on a sample as on the whole text; 4,000 characters is plenty.
    let sample = text.char_indices().nth(4_000).map_or(text, |(i, _)| &text[..i]);
    match whatlang::detect(sample) {
        Some(info) => {
            let code = iso639_1(info.lang());
            match (info.is_reliable(), hint) {
                (false, Some(h)) if !h.is_empty() => (h.to_owned(), 0.5),
                _ => (code.to_owned(), info.confidence()),
            }
        }
        None => match hint {
            Some(h) if !h.is_empty() => (h.to_owned(), 0.5),
            _ => ("und".to_owned(), 0.0),
        },
    }
}

/// ISO 639-1 for the languages the monitor meets most; other languages keep whatlang's
/// ISO 639-3 code (still unambiguous, just longer).
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    match lang.code() {
        "eng" => "en",
        "fra" => "fr",
        "nld" => "nl",
        "deu" => "de",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ara" => "ar",
        "rus" => "ru",
        "ukr" => "uk",
        "tur" => "tr",
        "hau" => "ha",
        "yor" => "yo",
        "swe" => "sv",
        "dan" => "da",
        "pol" => "pl",
        "cmn" => "zh",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_nfc_and_collapsed() {
        // "e" + combining acute becomes "é"; tabs and no-break spaces collapse.
        assert_eq!(
            clean_line("  Re\u{301}sistance\t\u{a0} au  Niger "),
            "Résistance au Niger"
        );
        // Control characters are no text (and PostgreSQL refuses a NUL).
        assert_eq!(clean_line("Dori\0 on 7\u{1b} June\u{85}"), "Dori on 7 June");
    }

    #[test]
    fn plain_text_keeps_every_article_line() {
        let e = from_plain(
            "Troops leave the base in Ouallam\r\n\r\nThe last soldiers left the base on Friday, according to the army.\n|  0 |\nSecond  paragraph here.\n",
            None,
        );
        assert_eq!(
            e.paragraphs,
            vec![
                "Troops leave the base in Ouallam",
                "The last soldiers left the base on Friday, according to the army.",
                "Second paragraph here."
            ]
        );
        assert_eq!(e.removed, vec!["| 0 |"]);
    }

    #[test]
    fn paragraph_spans_are_code_points() {
        let (text, spans) = join_paragraphs(&["Été".to_owned(), "Niamey".to_owned()]);
        assert_eq!(text, "Été\n\nNiamey");
        assert_eq!(spans, vec![(0, 3), (5, 11)]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[5..11].iter().collect::<String>(), "Niamey");
    }

    #[test]
    fn html_skips_furniture() {
        let html = r#"<html><head><title>T</title><link rel="canonical" href="https://x.example/a"></head>
            <body><nav><p>Menu</p></nav><h1>Protest in Niamey</h1><article><p>First para.</p>
            <ul><li><p>Item para.</p></li></ul></article><footer><p>Copyright</p></footer>
            <script>var p = "<p>no</p>";</script></body></html>"#;
        let e = from_html(html);
        assert_eq!(e.title.as_deref(), Some("Protest in Niamey"));
        assert_eq!(e.canonical_url.as_deref(), Some("https://x.example/a"));
        assert_eq!(e.paragraphs, vec!["First para.", "Item para."]);
    }

    #[test]
    fn dedup_key_ignores_case_and_spacing() {
        assert_eq!(dedup_key("A  b\n\nC"), dedup_key("a b c"));
        assert_ne!(dedup_key("a b c"), dedup_key("a b d"));
    }

    #[test]
    fn unusable_documents_are_named() {
        assert_eq!(check_usable("  \n "), Err(Unusable::Empty));
        assert_eq!(check_usable("\u{0}\u{1}\u{2}\u{FFFD}abc"), Err(Unusable::Binary));
        assert!(check_usable("Gewone tekst.").is_ok());
    }

    #[test]
    fn languages_of_the_region() {
        let (en, _) = detect_language(
            "Thousands of protesters gathered in the capital on Saturday to demand the departure of foreign troops.",
            None,
        );
        let (fr, _) = detect_language("Des milliers de manifestants se sont rassemblés samedi dans la capitale pour exiger le départ des troupes étrangères.", None);
        let (nl, _) = detect_language("Duizenden demonstranten kwamen zaterdag bijeen in de hoofdstad om het vertrek van de buitenlandse troepen te eisen.", None);
        assert_eq!((en.as_str(), fr.as_str(), nl.as_str()), ("en", "fr", "nl"));
        assert_eq!(detect_language("", None).0, "und");
    }
}
