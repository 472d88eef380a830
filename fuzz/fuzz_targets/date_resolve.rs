//! Date resolution on arbitrary text and reference dates: the extractor's `dates` module
//! (every expression in every sentence, relative dates against the publication date and the
//! last day named, the inferred reference when there is no publication date) as the coder
//! drives it, and the normalizer's publication-date parsers (machine dates, date lines, URL
//! dates). Every date found must be a well-formed range inside the sentence that states it.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sahel_extractor::{dates, nlp};
use sahel_fuzz::FuzzDate;
use sahel_normalizer::{dateline, metadata};
use sahel_schemas::event::EventDatePrecision;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    published: Option<FuzzDate>,
    anchor: Option<FuzzDate>,
    text: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    let sentences = nlp::sentences(input.text);
    let toks: Vec<Vec<nlp::Token>> = sentences.iter().map(|s| nlp::tokens(&s.text)).collect();
    let inferred = dates::infer_reference(&toks);
    let reference = input.published.map(FuzzDate::get).or(inferred.as_ref().map(|r| r.date));
    let mut ctx = dates::DateContext {
        reference,
        reference_inferred: input.published.is_none() && reference.is_some(),
        anchor: input.anchor.map(FuzzDate::get),
        year_hint: toks.iter().filter_map(|t| dates::max_year(t)).max(),
    };
    for t in &toks {
        let found = dates::find_all(t, &ctx);
        let mut previous_last = 0;
        for e in &found {
            assert!(
                e.first < e.last && e.last <= t.len(),
                "token range {}..{} of {}",
                e.first,
                e.last,
                t.len()
            );
            assert!(e.first >= previous_last, "date expressions overlap");
            previous_last = e.last;
            assert!(e.date.start <= e.date.end, "date range backwards: {:?}", e.date);
            if e.date.precision == EventDatePrecision::Day {
                assert_eq!(e.date.start, e.date.end, "a day-precision date is one day");
            }
        }
        if let Some(last_day) = found.iter().rev().find(|e| e.date.precision == EventDatePrecision::Day) {
            ctx.anchor = Some(last_day.date.start);
        }
    }
    // The normalizer's publication dates: machine formats, a date line, a URL.
    let _ = metadata::parse_date(input.text);
    let _ = dateline::parse_line(input.text);
    let _ = metadata::date_from_url(input.text);
    for line in input.text.lines().take(64) {
        let _ = metadata::parse_date(line);
        let _ = dateline::parse_line(line);
    }
});
