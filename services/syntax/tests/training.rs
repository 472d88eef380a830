//! Training on a small treebank written for the test (`fixtures/tiny.conllu`): the same data
//! gives the same model bytes, the model learns its sentences, and it survives a round trip
//! through its file.

use sahel_syntax::{conllu, train, Language, Pipeline};

fn tiny() -> Vec<sahel_syntax::Sentence> {
    conllu::parse(include_str!("fixtures/tiny.conllu")).expect("the fixture is CoNLL-U")
}

fn options() -> train::Options {
    train::Options {
        tagger_epochs: 8,
        lemma_epochs: 8,
        parser_epochs: 12,
        jackknife: 1,
        parser_prune: 0.0,
        min_count: 1,
        ..train::Options::default()
    }
}

#[test]
fn training_is_deterministic() {
    let a = train::train(Language::En, &tiny(), options(), &mut |_| {})
        .to_bytes()
        .expect("writes");
    let b = train::train(Language::En, &tiny(), options(), &mut |_| {})
        .to_bytes()
        .expect("writes");
    assert_eq!(a, b, "same data, same seed, same bytes");
    let other = train::Options { seed: 1, ..options() };
    let c = train::train(Language::En, &tiny(), other, &mut |_| {})
        .to_bytes()
        .expect("writes");
    assert_ne!(a, c, "the seed is used");
}

#[test]
fn a_model_learns_its_training_sentences_and_round_trips() {
    let gold = tiny();
    let p = train::train(Language::En, &gold, options(), &mut |_| {});
    let bytes = p.to_bytes().expect("writes");
    let p = Pipeline::from_bytes(Language::En, &bytes).expect("reads back");
    assert!(
        Pipeline::from_bytes(Language::Fr, &bytes).is_err(),
        "a model refuses another language"
    );
    for g in &gold {
        let text = g.text.clone().expect("fixture sentences have text");
        let parsed = p.parse_text(&text);
        assert_eq!(parsed.len(), 1, "{text}");
        let s = &parsed[0];
        let forms: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let gold_forms: Vec<&str> = g.tokens.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, gold_forms, "tokens and multiword parts of {text:?}");
        for (t, gt) in s.tokens.iter().zip(&g.tokens) {
            assert_eq!(
                (t.head, t.deprel.as_str(), t.upos.as_str()),
                (gt.head, gt.deprel.as_str(), gt.upos.as_str()),
                "{} in {text:?}",
                t.form
            );
            assert_eq!(t.lemma, gt.lemma, "lemma of {}", t.form);
        }
        assert_eq!(s.multiword.len(), g.multiword.len());
    }
}
