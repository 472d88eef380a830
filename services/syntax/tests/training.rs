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

#[test]
fn the_dynamic_oracle_rebuilds_the_fixture_trees() {
    use sahel_syntax::transition::{Move, State};
    for s in tiny() {
        let n = s.tokens.len();
        let mut heads: Vec<usize> = s.tokens.iter().map(|t| t.head).collect();
        let mut names: Vec<String> = s.tokens.iter().map(|t| t.deprel.clone()).collect();
        sahel_syntax::projectivity::projectivize(&mut heads, &mut names);
        let mut labels: Vec<String> = vec!["root".to_owned()];
        labels.extend(names.iter().filter(|l| *l != "root").cloned());
        let label = |l: &str| labels.iter().position(|x| x == l).unwrap_or(0) as u16;
        // The gold tree in the state's numbering: the root is n + 1.
        let mut gh = vec![0; n + 2];
        let mut gl = vec![0u16; n + 2];
        let mut children = vec![Vec::new(); n + 2];
        for d in 1..=n {
            let h = if heads[d - 1] == 0 { n + 1 } else { heads[d - 1] };
            gh[d] = h;
            gl[d] = label(&names[d - 1]);
            children[h].push(d);
        }
        let moves: Vec<Move> = (0..Move::classes(labels.len())).map(Move::of_class).collect();
        let mut state = State::new(n);
        while !state.terminal() {
            let best = moves
                .iter()
                .copied()
                .filter(|&m| state.valid(m, 0))
                .min_by_key(|&m| state.cost(m, &gh, &gl, &children))
                .expect("a valid move until the end");
            assert_eq!(state.cost(best, &gh, &gl, &children), 0, "{:?}", s.id);
            state.apply(best);
        }
        let (got_heads, got_labels) = state.tree();
        assert_eq!(got_heads, heads, "{:?}", s.id);
        let got: Vec<&str> = got_labels.iter().map(|&l| labels[l as usize].as_str()).collect();
        assert_eq!(got, names.iter().map(String::as_str).collect::<Vec<_>>());
    }
}
