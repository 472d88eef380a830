//! Quality floors on the dev half of the event gold (`gold/events/dev`): the extractor must
//! not code worse than measured when the floors were set (see README, "Commands for documents
//! and benchmarks", for the full table:
//! `cargo run --release -p sahel-evaluation --bin sahel-extractor-eval`). The floors sit a
//! little under the measured figures so that a change in the lexicons that loses events,
//! actors, dates, places or identity fails here. The held-out half (`gold/events/heldout`),
//! when present, must load and score above loose floors on detection and type.

use sahel_evaluation::events_gold::{self, Pr, Split};
use sahel_extractor::Extractor;

fn at_least(name: &str, pr: &Pr, p: f64, r: f64) {
    assert!(
        pr.precision() >= p && pr.recall() >= r,
        "{name}: P {:.3} (floor {p}) R {:.3} (floor {r}); {pr:?}",
        pr.precision(),
        pr.recall()
    );
}

#[test]
fn gold_set_quality_does_not_drop_below_the_measured_floor() {
    let articles = events_gold::load(&Split::Dev.dir()).expect("dev gold set loads");
    let events: usize = articles.iter().map(|a| a.gold.events.len()).sum();
    assert!(events >= 80, "the gold set has {events} events");
    for lang in ["en", "fr", "nl"] {
        assert!(articles.iter().any(|a| a.gold.lang == lang), "no {lang} article");
    }
    let extractor = Extractor::new().expect("data");
    let rep = events_gold::evaluate(&extractor, &articles);
    // Measured on the syntactic coder: detection 0.956/0.810, type 0.893/0.757, actor1
    // 0.841/0.747, actor2 0.694/0.500, date 0.869/0.793, place 0.776/0.584, modality 0.864,
    // identity 0.669/0.438 once an article's fragments of one account share an id (0.786/0.312
    // before).
    at_least("detection", &rep.detection, 0.93, 0.78);
    at_least("type", &rep.event_type, 0.87, 0.73);
    at_least("actor1", &rep.actor1, 0.81, 0.72);
    at_least("actor2", &rep.actor2, 0.64, 0.44);
    at_least("date", &rep.date, 0.80, 0.72);
    at_least("place", &rep.place, 0.70, 0.52);
    at_least("modality", &rep.modality, 0.82, 0.82);
    at_least("identity", &rep.identity, 0.62, 0.40);
    // Confidence was fitted on the held-out half; here it is out of sample (Brier 0.265, ECE
    // 0.154 when set; refitted after the place and date changes of 2026-12-03: 0.240, 0.128;
    // refitted on 2026-12-06 at 13:05, when the fit before had drifted to 0.242, 0.200: 0.228, 0.168).
    assert!(rep.brier <= 0.30, "Brier {:.3}", rep.brier);
    assert!(rep.ece <= 0.20, "ECE {:.3}", rep.ece);

    // Event resolution across articles (measured: pairs 0.821 / 0.732, B-cubed F1 0.909, the
    // extractor's hash ids 0.669 / 0.438 and 0.857): better than the hash ids on both counts,
    // and never an event joining reports whose dates are weeks apart. Since dated backdrops
    // are coded ("after the July 2023 coup"), more gold pairs are among the matched mentions
    // (195 -> 212), most of them actor-less coups: pairs 0.870 / 0.660, B-cubed F1 0.899; with
    // the article's country for reports that name no place, 0.871 / 0.698 and 0.907.
    let res = sahel_evaluation::resolution::evaluate(&articles, &rep);
    at_least("same event", &res.resolved.pairs, 0.79, 0.67);
    assert!(res.resolved.b3_f1() >= 0.89, "B-cubed F1 {:.3}", res.resolved.b3_f1());
    assert!(res.resolved.b3_f1() > res.hashed.b3_f1());
    assert!(res.resolved.pairs.precision() > res.hashed.pairs.precision());
    assert_eq!(res.resolved.apart, 0, "an event joins reports weeks apart");
}

/// The held-out half is scored blind: only that it loads and scores, nothing printed but counts.
#[test]
fn heldout_gold_loads_and_scores_when_present() {
    let dir = Split::Heldout.dir();
    if !events_gold::available(&dir) {
        eprintln!(
            "SKIPPED heldout_gold_loads_and_scores_when_present: {} not found",
            dir.join("gold.json").display()
        );
        return;
    }
    let articles = match events_gold::load(&dir) {
        Ok(a) => a,
        // The error names files and event numbers only, never the text.
        Err(e) => panic!("the held-out gold does not load: {e:#}"),
    };
    let extractor = Extractor::new().expect("data");
    let rep = events_gold::evaluate(&extractor, &articles);
    let events: usize = articles.iter().map(|a| a.gold.events.len()).sum();
    assert_eq!(rep.detection.gold, events);
    // Floors only (scored, never read): detection 0.927/0.675 and type 0.769/0.560 when set.
    at_least("held-out detection", &rep.detection, 0.90, 0.62);
    at_least("held-out type", &rep.event_type, 0.74, 0.52);
    for pr in [&rep.detection, &rep.event_type, &rep.actor1, &rep.date, &rep.identity] {
        assert!((0.0..=1.0).contains(&pr.precision()) && (0.0..=1.0).contains(&pr.recall()));
    }
    assert!(rep.brier.is_finite() && rep.ece.is_finite());
}

/// The PLOVER gold-standard records (dev half, read from `../shared/data/plover-gsr-dev`, never
/// copied here), when present: the share of sentences with a mention of the gold type, and of
/// the gold type with a source of the gold country, stay at their measured level.
#[test]
fn plover_dev_records_keep_their_level_when_present() {
    let path = sahel_evaluation::plover::default_gsr_path();
    if !path.is_file() {
        eprintln!(
            "SKIPPED plover_dev_records_keep_their_level_when_present: {} not found",
            path.display()
        );
        return;
    }
    let records = sahel_evaluation::plover::load(&path).expect("the PLOVER records load");
    let x = Extractor::new().expect("data");
    let sum = sahel_evaluation::plover::evaluate(&x, &records);
    let t = sum.overall;
    // Measured: any 0.890, type 0.726, source 0.579, target 0.274 (164 sentences).
    assert!(t.sentences >= 150, "{t:?}");
    assert!(t.share(t.type_ok) >= 0.69, "type {:.3}", t.share(t.type_ok));
    assert!(t.share(t.source_ok) >= 0.54, "source {:.3}", t.share(t.source_ok));
    assert!(t.share(t.target_ok) >= 0.25, "target {:.3}", t.share(t.target_ok));
}

#[test]
fn traps_are_not_events_and_modalities_are_recorded() {
    let x = Extractor::new().expect("data");
    let p = chrono::NaiveDate::from_ymd_opt(2025, 4, 22);
    // A state is not an event.
    assert!(x
        .code_text(
            "a",
            "About 1,000 US soldiers are stationed at a drone base near Agadez.",
            "en",
            p
        )
        .is_empty());
    // A demanded act is not an event; the demand is.
    let m = x.code_text("a", "Protesters called for the withdrawal of French troops.", "en", p);
    assert_eq!(
        m.iter().map(|m| m.event_type.as_str()).collect::<Vec<_>>(),
        vec!["DEMAND"]
    );
    // "Eiste de aanval op" claims an attack; it demands nothing.
    let m = x.code_text("a", "JNIM eiste de aanval op.", "nl", p);
    assert_eq!(
        m.iter().map(|m| m.event_type.as_str()).collect::<Vec<_>>(),
        vec!["ASSAULT"]
    );
}

/// The seed articles must code without error and yield events; they are read from
/// `../shared/seeds` and never copied here.
#[test]
fn seeds_code_when_present() {
    let dir = sahel_evaluation::shared_dir().join("seeds");
    if !dir.is_dir() {
        eprintln!("SKIPPED seeds_code_when_present: {} not found", dir.display());
        return;
    }
    let x = Extractor::new().expect("data");
    let mut total = 0;
    for e in std::fs::read_dir(&dir).expect("seeds") {
        let p = e.expect("entry").path();
        let text = std::fs::read_to_string(&p).expect("utf-8 seed");
        let lang = sahel_extractor::code_cmd::detect_language(&text);
        let m = x.code_text("seed", &text, lang, None);
        for mention in &m {
            let chars: Vec<char> = text.chars().collect();
            let quote: String = chars[mention.evidence.char_start as usize..mention.evidence.char_end as usize]
                .iter()
                .collect();
            assert_eq!(quote, mention.evidence.quote);
            assert!((0.0..=1.0).contains(&mention.confidence));
        }
        total += m.len();
    }
    assert!(total >= 20, "the seeds yield {total} mentions");
}
