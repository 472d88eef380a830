//! Tokenizing, tagging and parsing arbitrary text in each language with the shipped models:
//! every sentence is one tree over its words (one root, heads in range, no cycle), every word's
//! span lies inside the text, and sentences stay bounded in length.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sahel_syntax::{tokenize, Language, Pipeline};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    lang: u8,
    text: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    let lang = Language::ALL[input.lang as usize % 3];
    let pipeline = Pipeline::shared(lang).expect("the shipped model loads");
    let len = input.text.chars().count() as u32;
    for s in pipeline.parse_text(input.text) {
        let n = s.tokens.len();
        assert!(n > 0 && n <= 3 * tokenize::MAX_SENTENCE_TOKENS, "sentence of {n} words");
        if let Some(e) = s.tree_error(len) {
            panic!("not a tree: {e}");
        }
    }
});
