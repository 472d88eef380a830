//! Dependency trees for the coder: the `sahel-syntax` pipeline (UD tokens, UPOS, lemmas,
//! labelled dependencies) of an article's language, loaded once per process.

use sahel_syntax::{Language, Pipeline};
pub use sahel_syntax::{Sentence, Span, Token};

/// The syntax pipeline of a language code the extractor uses (`en`, `fr`, `nl`), if one is
/// shipped and loads.
pub fn pipeline(language: &str) -> Option<&'static Pipeline> {
    Pipeline::shared(Language::from_code(language)?).ok()
}

/// Parses `text` (sentences split by the syntax tokenizer); spans are code points into
/// `text`. `None` for a language without a parser.
pub fn parse(language: &str, text: &str) -> Option<Vec<Sentence>> {
    pipeline(language).map(|p| p.parse_text(text))
}

/// Parses one sentence already cut out of an article, keeping it whole (its spans are code
/// points into `sentence`; a sentence longer than the parser's bound is cut there).
pub fn parse_sentence(language: &str, sentence: &str) -> Option<Sentence> {
    pipeline(language)?.parse_sentence(sentence)
}

/// Parses one sentence like [`parse_sentence`], but only when `wanted` accepts it once
/// tagged and lemmatized (the parser is most of the cost). `names`: where the sentence names
/// someone or somewhere the actor data knows (code points into `sentence`); the words written
/// as names there are tagged proper nouns. `verbs`: where it writes a form the trigger data
/// knows as a verb's; in a sentence the tagger leaves verbless, that word is the verb.
/// `hints.adjectives`: where it writes a country adjective the actor data knows before a
/// common noun ("Malian troops"), tagged an adjective.
pub fn parse_sentence_when(
    language: &str,
    sentence: &str,
    hints: &sahel_syntax::SpanHints<'_>,
    wanted: impl FnOnce(&Sentence) -> bool,
) -> Option<Sentence> {
    pipeline(language)?.parse_sentence_hinted(sentence, hints, wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coder_gets_subjects_and_objects() {
        let s = parse_sentence("en", "Rebels attacked the convoy.").expect("English is parsed");
        let verb = s.tokens.iter().position(|t| t.form == "attacked").expect("the verb") + 1;
        let subjects: Vec<&str> = s
            .dependents_with(verb, "nsubj")
            .map(|d| s.tokens[d - 1].form.as_str())
            .collect();
        let objects: Vec<&str> = s
            .dependents_with(verb, "obj")
            .map(|d| s.tokens[d - 1].form.as_str())
            .collect();
        assert_eq!(subjects, ["Rebels"]);
        assert_eq!(objects, ["convoy"]);
        assert!(parse("de", "Rebellen griffen an.").is_none(), "no German parser");
    }
}
