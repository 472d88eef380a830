//! Conformance of the trafilatura-benchmark scorer: from trafilatura 2.3.1's own output on the
//! development half it reproduces the figure the data's PROVENANCE.md publishes (F1 0.928,
//! P 0.909, R 0.949), and our normalizer scores in range through the same path.
//!
//! Needs the data directory (`SAHEL_TRAFILATURA_EVAL_DIR`, else
//! `<workspace>/../shared/data/trafilatura-eval-dev`). The peer predictions are page text, which
//! may not be copied into this repository (the pages belong to their publishers), so they are
//! read from the file named by `SAHEL_TRAFILATURA_PREDICTIONS`; write it with
//! `services/evaluation/scripts/trafilatura_predictions.py`. Without either, the tests print a
//! SKIPPED line and pass.

use sahel_evaluation::trafilatura_eval::{self as te, Matching};
use std::path::PathBuf;
use std::process::Command;

/// Published values are rounded to 3 decimals.
const TOLERANCE: f64 = 0.0006;

/// The data directory, or `None` after printing the SKIPPED line.
fn data_dir_or_skip(test: &str) -> Option<PathBuf> {
    let dir = te::data_dir();
    match te::missing_data(&dir) {
        None => Some(dir),
        Some(missing) => {
            eprintln!(
                "SKIPPED {test}: because the trafilatura evaluation data is missing ({} not found; set {})",
                missing.display(),
                te::DATA_DIR_ENV
            );
            None
        }
    }
}

#[test]
fn trafilatura_predictions_reproduce_the_published_dev_figure() {
    let test = "trafilatura_predictions_reproduce_the_published_dev_figure";
    let Some(dir) = data_dir_or_skip(test) else { return };
    let path = match std::env::var_os(te::PREDICTIONS_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => {
            eprintln!(
                "SKIPPED {test}: because {} is not set: trafilatura's predictions are page text and stay \
                 outside the repository (write them with services/evaluation/scripts/trafilatura_predictions.py)",
                te::PREDICTIONS_ENV
            );
            return;
        }
    };
    let pages = te::load_pages(&dir).unwrap();
    assert_eq!(pages.len(), 435);
    let predictions = te::load_predictions(&path, &pages).unwrap();
    assert!(predictions.unknown.is_empty(), "{:?}", predictions.unknown);
    let report = te::score(&pages, &predictions.texts, Matching::Exact);
    assert!(
        report.missing.is_empty(),
        "pages without a prediction: {:?}",
        report.missing
    );
    let c = report.overall;
    eprintln!(
        "trafilatura 2.3.1: F1 {:.4}  P {:.4}  R {:.4}  accuracy {:.4}  (TP {} FP {} FN {} TN {})",
        c.f1(),
        c.precision(),
        c.recall(),
        c.accuracy(),
        c.tp,
        c.fp,
        c.fn_,
        c.tn
    );
    assert_eq!(
        (c.tp + c.fn_, c.fp + c.tn),
        (1306, 1294),
        "snippet totals of the dev half"
    );
    for (metric, ours, published) in [
        ("F1", c.f1(), 0.928),
        ("precision", c.precision(), 0.909),
        ("recall", c.recall(), 0.949),
    ] {
        assert!(
            (ours - published).abs() < TOLERANCE,
            "{metric}: ours {ours:.4}, published {published:.3}"
        );
    }
    // The groups partition the pages.
    let sum = |groups: Vec<te::Counts>| {
        groups.into_iter().fold(te::Counts::default(), |mut acc, c| {
            acc.add(c);
            acc
        })
    };
    assert_eq!(sum(report.by_language.values().copied().collect()), c);
    assert_eq!(sum(report.by_kind.values().copied().collect()), c);
}

#[test]
fn pages_load_with_snippets_language_and_kind() {
    let Some(dir) = data_dir_or_skip("pages_load_with_snippets_language_and_kind") else {
        return;
    };
    let pages = te::load_pages(&dir).unwrap();
    assert_eq!(pages.len(), 435);
    let with: usize = pages.iter().map(|p| p.with.len()).sum();
    let without: usize = pages.iter().map(|p| p.without.len()).sum();
    assert_eq!((with, without), (1306, 1294));
    // Mostly German, then English (README of the data: German, English, French and others).
    let count = |lang: &str| pages.iter().filter(|p| p.language == lang).count();
    assert!(
        count("de") > 200 && count("en") > 50,
        "de {}, en {}",
        count("de"),
        count("en")
    );
    assert!(count(te::UNDETERMINED) < 10);
    for kind in te::PageKind::ALL {
        assert!(pages.iter().any(|p| p.kind == kind), "no page of kind {}", kind.name());
    }
}

#[test]
fn ours_scores_in_range_on_five_pages() {
    let Some(dir) = data_dir_or_skip("ours_scores_in_range_on_five_pages") else {
        return;
    };
    let mut pages = te::load_pages(&dir).unwrap();
    pages.truncate(5);
    let (texts, times) = te::predict_ours(&dir, &pages, sahel_evaluation::engines::Engine::default()).unwrap();
    assert_eq!((texts.len(), times.len()), (5, 5));
    let report = te::score(&pages, &texts, Matching::Exact);
    let c = report.overall;
    assert_eq!(c.pages, 5);
    for (metric, value) in [
        ("precision", c.precision()),
        ("recall", c.recall()),
        ("F1", c.f1()),
        ("accuracy", c.accuracy()),
    ] {
        assert!((0.0..=1.0).contains(&value), "{metric} {value}");
    }
    // Our normalizer finds most of what it must keep, even on five pages.
    assert!(c.tp > 0, "{c:?}");
}

#[test]
fn the_command_scores_ours_and_names_missing_data() {
    let bin = env!("CARGO_BIN_EXE_sahel-trafilatura-score");
    let missing = std::env::temp_dir().join("sahel-no-such-trafilatura-data");
    let out = Command::new(bin)
        .arg("--data")
        .arg(&missing)
        .arg("--ours")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");

    let Some(dir) = data_dir_or_skip("the_command_scores_ours_and_names_missing_data (the --ours run)") else {
        return;
    };
    let out = Command::new(bin)
        .arg("--data")
        .arg(&dir)
        .args(["--ours", "--limit", "5", "--worst", "3"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("\nall ") && stdout.contains("language ") && stdout.contains("kind "),
        "{stdout}"
    );
    assert!(stderr.contains("documents/s on one core"), "{stderr}");
}
