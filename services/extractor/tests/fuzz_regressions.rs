//! Inputs found by fuzzing the extractor (`fuzz/fuzz_targets/{date_resolve,event_code}.rs`,
//! run with `deploy/local/fuzz.sh`), plus hand-written nasty ones, replayed on stable in the
//! main suite. Each file in `tests/fuzz_regressions/` is a few header lines, a line `---`, then
//! the article text (the rest of the file, verbatim):
//!
//! ```text
//! language: fr            (optional; default en; any string, as on the topic)
//! published: 2024-03-16   (optional; a date, `min` or `max`: the extremes chrono allows)
//! anchor: 2024-03-10      (optional; the last day named before, for the date resolver)
//! ---
//! Hier, des manifestants ont défilé à Niamey.
//! ```
//!
//! Every file runs through the date resolver the way the coder drives it and through the whole
//! coder (`Extractor::code_text`); each must return, without panicking, results that keep
//! their contracts. To keep a new crashing input, print it with `cargo +nightly fuzz fmt
//! <target> <artifact>` and write it in this form.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::NaiveDate;
use sahel_extractor::{dates, nlp, Extractor};
use sahel_schemas::event::{EventDate, EventDatePrecision};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().expect("embedded data loads"));

#[derive(Debug)]
struct Case {
    name: String,
    language: String,
    published: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
    text: String,
}

fn date(name: &str, v: &str) -> NaiveDate {
    match v {
        "min" => NaiveDate::MIN,
        "max" => NaiveDate::MAX,
        _ => v.parse().unwrap_or_else(|e| panic!("{name}: bad date {v:?}: {e}")),
    }
}

fn parse(name: String, content: &str) -> Case {
    let (head, text) = content
        .split_once("---\n")
        .unwrap_or_else(|| panic!("{name}: no '---' line between the header and the text"));
    let mut case = Case {
        name,
        language: "en".to_owned(),
        published: None,
        anchor: None,
        text: text.to_owned(),
    };
    for line in head.lines().filter(|l| !l.trim().is_empty()) {
        let (k, v) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{}: bad header line {line:?}", case.name));
        let v = v.trim();
        match k.trim() {
            "language" => case.language = v.to_owned(),
            "published" => case.published = Some(date(&case.name, v)),
            "anchor" => case.anchor = Some(date(&case.name, v)),
            other => panic!("{}: unknown header {other:?}", case.name),
        }
    }
    case
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

fn cases() -> Vec<Case> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/fuzz_regressions exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().expect("a file name").to_string_lossy().into_owned();
            let content = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            parse(name, &content)
        })
        .collect()
}

/// The date resolver as the coder drives it (as `fuzz/fuzz_targets/date_resolve.rs` does);
/// returns the dates it found.
fn resolve_dates(c: &Case) -> Vec<EventDate> {
    let sentences = nlp::sentences(&c.text);
    let toks: Vec<Vec<nlp::Token>> = sentences.iter().map(|s| nlp::tokens(&s.text)).collect();
    let inferred = dates::infer_reference(&toks);
    let reference = c.published.or(inferred.map(|r| r.date));
    let mut ctx = dates::DateContext {
        reference,
        reference_inferred: c.published.is_none() && reference.is_some(),
        anchor: c.anchor,
        year_hint: toks.iter().filter_map(|t| dates::max_year(t)).max(),
    };
    let mut all = Vec::new();
    for t in &toks {
        let found = dates::find_all(t, &ctx);
        for e in &found {
            assert!(e.first < e.last && e.last <= t.len(), "{}: token range", c.name);
            assert!(e.date.start <= e.date.end, "{}: backwards date {:?}", c.name, e.date);
            if e.date.precision == EventDatePrecision::Day {
                assert_eq!(e.date.start, e.date.end, "{}: a day is one day", c.name);
            }
        }
        if let Some(d) = found.iter().rev().find(|e| e.date.precision == EventDatePrecision::Day) {
            ctx.anchor = Some(d.date.start);
        }
        all.extend(found.into_iter().map(|e| e.date));
    }
    all
}

/// The whole coder; returns how many mentions it found.
fn code(c: &Case) -> usize {
    let mentions = EXTRACTOR.code_text("art_fuzz", &c.text, &c.language, c.published);
    let chars: Vec<char> = c.text.chars().collect();
    for m in &mentions {
        let ev = &m.evidence;
        assert!(
            ev.char_start < ev.char_end && ev.char_end as usize <= chars.len(),
            "{}: evidence span",
            c.name
        );
        let quote: String = chars[ev.char_start as usize..ev.char_end as usize].iter().collect();
        assert_eq!(quote, ev.quote, "{}: the quote is the evidence span", c.name);
        assert!(
            m.confidence.is_finite() && (0.0..=1.0).contains(&m.confidence),
            "{}",
            c.name
        );
        if let Some(d) = &m.date {
            assert!(d.start <= d.end, "{}: backwards date {d:?}", c.name);
        }
        serde_json::to_string(m).expect("a mention serializes");
    }
    mentions.len()
}

#[test]
fn every_kept_input_is_coded_without_panicking() {
    let cases = cases();
    assert!(
        cases.len() >= 8,
        "the regression inputs are missing: {}",
        dir().display()
    );
    for c in &cases {
        let found = (resolve_dates(c).len(), code(c));
        eprintln!("{}: {} date expressions, {} mentions", c.name, found.0, found.1);
    }
}

#[test]
fn the_hand_written_inputs_end_as_expected() {
    let by_name = |n: &str| {
        cases()
            .into_iter()
            .find(|c| c.name == n)
            .unwrap_or_else(|| panic!("{n} is missing"))
    };
    assert_eq!(code(&by_name("empty.txt")), 0);
    // 31 February and a year out of range are no days (at most their month is read); the real
    // day in the text still is one.
    let c = by_name("impossible_dates.txt");
    let days: Vec<NaiveDate> = resolve_dates(&c)
        .into_iter()
        .filter(|d| d.precision == EventDatePrecision::Day)
        .map(|d| d.start)
        .collect();
    assert_eq!(days, [date("", "2024-04-13")], "in {:?}", c.text);
    // An event is still coded when the publication date is at the edge of what chrono allows.
    assert!(code(&by_name("relative_dates_published_max.txt")) >= 1);
    assert!(code(&by_name("relative_dates_published_min.txt")) >= 1);
}
