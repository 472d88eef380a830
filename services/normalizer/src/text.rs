//! The article's text once its paragraphs are known: the joined body with paragraph spans,
//! its word count, its exact-dedup key and its language. Pure functions.

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
    fn paragraph_spans_are_code_points() {
        let (text, spans) = join_paragraphs(&["Été".to_owned(), "Niamey".to_owned()]);
        assert_eq!(text, "Été\n\nNiamey");
        assert_eq!(spans, vec![(0, 3), (5, 11)]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[5..11].iter().collect::<String>(), "Niamey");
    }

    #[test]
    fn dedup_key_ignores_case_and_spacing() {
        assert_eq!(dedup_key("A  b\n\nC"), dedup_key("a b c"));
        assert_ne!(dedup_key("a b c"), dedup_key("a b d"));
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
