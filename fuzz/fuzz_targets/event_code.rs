//! Event coding on arbitrary text, language and publication date: the extractor's whole
//! coder (sentences, tokens, lexicon and actor matching, coreference, places, modality,
//! dates, confidence, event identity). Every mention must point at its own sentence and
//! trigger in the text, with a finite confidence in [0, 1], and serialize.
#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sahel_extractor::Extractor;
use sahel_fuzz::{span, FuzzDate};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().expect("embedded data loads"));

#[derive(Debug, Arbitrary)]
enum Lang<'a> {
    En,
    Fr,
    Nl,
    Other(&'a str),
}

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    language: Lang<'a>,
    published: Option<FuzzDate>,
    text: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    let language = match input.language {
        Lang::En => "en",
        Lang::Fr => "fr",
        Lang::Nl => "nl",
        Lang::Other(s) => s,
    };
    let mentions = EXTRACTOR.code_text("art_fuzz", input.text, language, input.published.map(FuzzDate::get));
    if mentions.is_empty() {
        return;
    }
    let chars: Vec<char> = input.text.chars().collect();
    for m in &mentions {
        let ev = &m.evidence;
        assert!(ev.char_start < ev.char_end, "empty evidence {ev:?}");
        assert!(ev.char_end as usize <= chars.len(), "evidence past the text");
        assert_eq!(
            span(&chars, ev.char_start, ev.char_end),
            ev.quote,
            "the quote is the evidence span"
        );
        if let Some(t) = &ev.trigger {
            assert!(
                ev.char_start <= t.char_start && t.char_start < t.char_end && t.char_end <= ev.char_end,
                "trigger {t:?} outside its sentence {}..{}",
                ev.char_start,
                ev.char_end
            );
        }
        assert!(
            m.confidence.is_finite() && (0.0..=1.0).contains(&m.confidence),
            "confidence {}",
            m.confidence
        );
        if let Some(d) = &m.date {
            assert!(d.start <= d.end, "date range backwards: {d:?}");
        }
        serde_json::to_string(m).expect("a mention serializes");
    }
});
