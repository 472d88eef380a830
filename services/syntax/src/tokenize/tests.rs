//! Tokenizer tests on sentences written for them, and its invariants on hostile input.
use super::*;

/// `lang text => tokens`, tokens separated by spaces (sentences written for these tests).
const TOKEN_CASES: &str = "\
en I don't think we've seen it, can't you? => I don't think we've seen it , can't you ?
en The workers' union met at Sam's house. => The workers' union met at Sam's house .
en 'Hello', she said to 'em. => ' Hello ' , she said to 'em .
en She cannot go; it's 3.5 km, or 1,000 m by 12:30. => She cannot go ; it's 3.5 km , or 1,000 m by 12:30 .
en Mr. Smith met Gen. Jones and J. Doe in the U.S. capital, e.g. here. => Mr. Smith met Gen. Jones and J. Doe in the U.S. capital , e.g. here .
en Mail jo.doe@example.org or see https://example.org/a?b=1. => Mail jo.doe@example.org or see https://example.org/a?b=1 .
en A self-driven, well-known co-founder (aged 39) said \"no\"... => A self - driven , well - known co-founder ( aged 39 ) said \" no \" ...
en Call 555-1234 between 2004-2005 and 10am #news @reuters => Call 555-1234 between 2004 - 2005 and 10 am #news @reuters
en The 26th and the 1990s! Really?! :-) Or...? => The 26th and the 1990s ! Really ?! :-) Or ... ?
en They sell food, drinks, etc. => They sell food , drinks , etc .
fr L'homme qu'il voit, dit-il, vient aujourd'hui. => L' homme qu' il voit , dit -il , vient aujourd'hui .
fr Jusqu’à présent, a-t-il dit, c'est-à-dire du pain. => Jusqu’ à présent , a -t-il dit , c'est-à-dire du pain .
fr Peut-être viendra-t-elle au rendez-vous ; celui-ci est prêt, allez-vous-en ! => Peut-être viendra -t-elle au rendez-vous ; celui-ci est prêt , allez -vous -en !
fr M. Dupont dit « bonjour » à 20h30 ; l'on sait qu'aujourd'hui c'est 3,5 %. => M. Dupont dit « bonjour » à 20 h 30 ; l'on sait qu' aujourd'hui c' est 3,5 % .
fr Le dosage en mg/kg et/ou 1/100 ce jour-là. => Le dosage en mg / kg et / ou 1/100 ce jour -là .
nl Hij komt 's avonds met z'n auto's en 't is 90% zeker. => Hij komt 's avonds met z'n auto's en 't is 90% zeker .
nl In de jaren '80 kwam d.w.z. de spraak- en taalzorg, bijv. in Noord-Holland. => In de jaren '80 kwam d.w.z. de spraak- en taalzorg , bijv. in Noord-Holland .
nl Hij zei: ,,Kom maar.'' Dat deed ze, enz. => Hij zei : ,, Kom maar . '' Dat deed ze , enz.
";

/// `lang text => sentence || sentence`.
const SENTENCE_CASES: &str = "\
en He left. She stayed! Did he? Yes. => He left. || She stayed! || Did he? || Yes.
en \"Go home.\" Then he left. Why? because. => \"Go home.\" || Then he left. || Why? || because.
en Mr. Smith and Gen. Jones met in the U.S. on Monday. => Mr. Smith and Gen. Jones met in the U.S. on Monday.
en J. R. Smith met U.S. President Lee. It rained. => J. R. Smith met U.S. President Lee. || It rained.
en They sold apples, etc. The rest went to the U.S. The end. => They sold apples, etc. || The rest went to the U.S. || The end.
en \"Why?\" he asked. (See below.) Fine :) Next one => \"Why?\" he asked. || (See below.) || Fine :) || Next one
en A headline\\nThe first line.\\n\\nsecond paragraph => A headline || The first line. || second paragraph
fr M. Dupont est arrivé. Il pleuvait ; Le vent soufflait. => M. Dupont est arrivé. || Il pleuvait ; || Le vent soufflait.
fr « Viens ! » dit-il. Elle vint (...) et resta. => « Viens ! » dit-il. || Elle vint (...) et resta.
nl Hij zei: ,,Kom maar.'' Dat deed ze. Dhr. Jansen kwam om 10.00 uur. => Hij zei: ,,Kom maar.'' || Dat deed ze. || Dhr. Jansen kwam om 10.00 uur.
";

fn cases(table: &str) -> impl Iterator<Item = (Language, &str, &str)> {
    table.lines().filter_map(|l| {
        let (text, want) = l.split_once(" => ")?;
        Some((Language::from_code(&text[..2])?, &text[3..], want))
    })
}

#[test]
fn tokens_follow_the_treebank_conventions() {
    assert_eq!((cases(TOKEN_CASES).count(), cases(SENTENCE_CASES).count()), (18, 10));
    for (lang, text, want) in cases(TOKEN_CASES) {
        let got: Vec<String> = tokens(text, lang).into_iter().map(|t| t.text).collect();
        assert_eq!(got.join(" "), want, "{lang}: {text}");
    }
}

#[test]
fn sentences_end_where_they_should() {
    for (lang, text, want) in cases(SENTENCE_CASES) {
        let text = text.replace("\\n", "\n");
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<String> = sentences(&text, lang)
            .iter()
            .map(|s| chars[s.span.start as usize..s.span.end as usize].iter().collect())
            .collect();
        assert_eq!(got.join(" || "), want, "{lang}: {text}");
    }
    let sents = sentences(
        "They sold apples, etc. The rest went to the U.S. The end.",
        Language::En,
    );
    let last = |k: usize| {
        sents[k]
            .tokens
            .iter()
            .rev()
            .take(2)
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        (last(0), last(1)),
        (vec![".", "etc"], vec![".", "U.S"]),
        "the period is split off"
    );
    assert_eq!(
        tokens("See the U.S.", Language::En).last().map(|t| t.text.as_str()),
        Some(".")
    );
    assert!(
        tokens("Dat weegt 5 kg.", Language::Nl).iter().any(|t| t.text == "kg."),
        "Dutch keeps it"
    );
}

/// Checks every invariant on the tokens and sentences of `text`.
fn check(text: &str, lang: Language) {
    let chars: Vec<char> = text.chars().collect();
    let sents = sentences(text, lang);
    let in_sentences: Vec<Surface> = sents.iter().flat_map(|s| s.tokens.clone()).collect();
    for toks in [tokens(text, lang), in_sentences] {
        let (mut covered, mut last) = (vec![false; chars.len()], 0);
        for t in &toks {
            let (s, e) = (t.span.start as usize, t.span.end as usize);
            assert!(last <= s && s < e && e <= chars.len(), "{text:?}: span {:?}", t.span);
            assert_eq!(t.text, chars[s..e].iter().collect::<String>(), "{text:?}");
            assert!(!chars[s..e].iter().any(|c| c.is_whitespace()), "{text:?}: {:?}", t.text);
            assert_eq!(
                t.no_space_after,
                e < chars.len() && !chars[e].is_whitespace(),
                "{text:?}"
            );
            covered[s..e].iter_mut().for_each(|k| *k = true);
            last = e;
        }
        assert!(
            chars.iter().zip(&covered).all(|(c, &k)| k || c.is_whitespace()),
            "{text:?}: lost a char"
        );
    }
    for s in &sents {
        assert!(
            !s.tokens.is_empty() && s.tokens.len() <= MAX_SENTENCE_TOKENS,
            "{} tokens",
            s.tokens.len()
        );
        let (first, last) = (&s.tokens[0], &s.tokens[s.tokens.len() - 1]);
        assert_eq!(
            s.span,
            Span {
                start: first.span.start,
                end: last.span.end
            }
        );
    }
}

#[test]
fn hostile_input_keeps_the_invariants_in_bounded_time() {
    let long = [
        "x".repeat(100_000),
        "a.".repeat(50_000),
        "l'".repeat(50_000),
        "a-le".repeat(25_000),
        "-'.,".repeat(25_000),
        "(e)".repeat(30_000),
        "1,".repeat(50_000),
        "?.".repeat(50_000),
        "🙂\u{200D}".repeat(50_000),
        "\u{301}".repeat(100_000),
        format!("http://x.org/{}", "a(".repeat(50_000)),
        "word, ".repeat(20_000),
        "Hi. ".repeat(25_000),
    ];
    let short = [
        "",
        " ",
        "\n\n\t",
        "\u{0}\u{1}\u{7f}",
        "a\u{301}\u{302}",
        "\u{301}abc",
        "\u{200D}",
        "👨‍👩‍👧 👍🏽!",
    ];
    let mixed = "Ελληνικά и русский 中文テキスト العربية עברית हिन्दी 'quote' «x» “y” ‘z’ l’été.";
    for lang in Language::ALL {
        for text in long.iter().map(String::as_str).chain(short).chain([mixed]) {
            let t0 = std::time::Instant::now();
            check(text, lang);
            assert!(t0.elapsed().as_secs() < 10, "{lang}: too slow on {:?}…", text.get(..20));
        }
    }
    assert!(sentences(&"word, ".repeat(600), Language::En)
        .iter()
        .all(|s| s.tokens.last().is_some_and(|t| t.text == ",")));
}

#[test]
fn random_input_keeps_the_invariants() {
    let parts = [
        "a", "Zé", "12", "0", ".", ",", "'", "’", "-", "/", "(", ")", "\"", " ", "\n", "@", "#", ":", ";", "!", "?",
        "\u{301}", "🙂", "\u{200D}", "%", "°", "&", "_", "«", "»", "h", "t", "s", "l", "M", "w", "=", "www.", "U.S",
        "http://", "etc", "'s", "-t-il", "qu'", ":)", "...", "e.g", "n't", "\t", "(s)", "''", ",,", "Il", "The",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..3000 {
        let text: String = (0..next(30)).map(|_| parts[next(parts.len())]).collect();
        check(&text, Language::ALL[next(3)]);
    }
}
