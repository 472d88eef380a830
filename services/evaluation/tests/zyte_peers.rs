//! Conformance: our scorer reproduces the published scores of the peer extractors on the Zyte
//! article-extraction benchmark (README of scrapinghub/article-extraction-benchmark at
//! 4a3bc979f76c0df73cb95fe272e2fc1b96f9f010, copied into the data's PROVENANCE.md).
//!
//! Needs the data directory (`SAHEL_ZYTE_DIR`, else `<workspace>/../shared/data/...`); without
//! it the tests print a SKIPPED line and pass.

use sahel_evaluation::zyte;
use std::path::PathBuf;

/// Published values are rounded to 3 decimals.
const TOLERANCE: f64 = 0.0011;

/// A published row: peer file stem, F1, precision, recall, accuracy, and the published bootstrap
/// std of F1, P, R and accuracy where the table gives them.
struct Published {
    tool: &'static str,
    f1: f64,
    precision: f64,
    recall: f64,
    accuracy: f64,
    std: Option<[f64; 4]>,
}

const fn row(tool: &'static str, f1: f64, precision: f64, recall: f64, accuracy: f64, std: [f64; 4]) -> Published {
    Published {
        tool,
        f1,
        precision,
        recall,
        accuracy,
        std: Some(std),
    }
}

const fn old(tool: &'static str, f1: f64, precision: f64, recall: f64, accuracy: f64) -> Published {
    Published {
        tool,
        f1,
        precision,
        recall,
        accuracy,
        std: None,
    }
}

/// Every published row whose tool output is in `peer-outputs/`.
const PUBLISHED: &[Published] = &[
    // Latest evaluation.
    row(
        "rs_trafilatura",
        0.970,
        0.951,
        0.990,
        0.287,
        [0.004, 0.006, 0.003, 0.032],
    ),
    row(
        "go_trafilatura",
        0.960,
        0.940,
        0.980,
        0.287,
        [0.007, 0.009, 0.006, 0.033],
    ),
    row("trafilatura", 0.958, 0.938, 0.978, 0.293, [0.006, 0.009, 0.006, 0.034]),
    row(
        "go_readability_fork",
        0.947,
        0.914,
        0.982,
        0.166,
        [0.005, 0.008, 0.004, 0.027],
    ),
    row(
        "readability_js",
        0.947,
        0.914,
        0.982,
        0.166,
        [0.005, 0.008, 0.003, 0.028],
    ),
    row(
        "go_readability",
        0.934,
        0.900,
        0.971,
        0.188,
        [0.009, 0.011, 0.009, 0.029],
    ),
    row(
        "go_domdistiller",
        0.927,
        0.901,
        0.956,
        0.061,
        [0.007, 0.010, 0.010, 0.018],
    ),
    row("readability", 0.922, 0.913, 0.931, 0.315, [0.013, 0.014, 0.015, 0.034]),
    row("goose3", 0.896, 0.940, 0.856, 0.232, [0.015, 0.013, 0.020, 0.032]),
    row(
        "readable_readability",
        0.884,
        0.886,
        0.881,
        0.177,
        [0.015, 0.015, 0.020, 0.028],
    ),
    row(
        "readability_rs",
        0.873,
        0.906,
        0.843,
        0.227,
        [0.017, 0.015, 0.023, 0.031],
    ),
    row("dom_smoothie", 0.865, 0.785, 0.963, 0.055, [0.008, 0.012, 0.005, 0.018]),
    row("justext", 0.804, 0.858, 0.756, 0.088, [0.018, 0.016, 0.028, 0.021]),
    row(
        "boilerpipe_rs",
        0.739,
        0.761,
        0.717,
        0.000,
        [0.022, 0.022, 0.027, 0.000],
    ),
    row("html-text", 0.665, 0.500, 0.994, 0.000, [0.015, 0.017, 0.001, 0.000]),
    // Earlier runs still listed (newspaper4k 0.9.3.1, news_please 1.6.16).
    old("newspaper", 0.949, 0.964, 0.934, 0.326),
    old("news_please", 0.948, 0.964, 0.933, 0.326),
    // Initial evaluation, Nov 2019.
    old("AutoExtract", 0.970, 0.984, 0.956, 0.470),
    old("Diffbot", 0.951, 0.958, 0.944, 0.348),
    old("dragnet", 0.907, 0.925, 0.889, 0.221),
    old("boilerpipe", 0.860, 0.850, 0.870, 0.006),
];

/// The data directory, or `None` after printing the SKIPPED line.
fn data_dir_or_skip() -> Option<PathBuf> {
    let dir = zyte::data_dir();
    if zyte::data_available(&dir) {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: zyte benchmark data not found at {} (set {})",
            dir.display(),
            zyte::DATA_DIR_ENV
        );
        None
    }
}

#[test]
fn peer_scores_match_the_published_table() {
    let Some(dir) = data_dir_or_skip() else { return };
    let gold = zyte::load_ground_truth(&dir.join(zyte::GROUND_TRUTH_FILE)).unwrap();
    assert_eq!(gold.len(), 181);

    let mut failures = Vec::new();
    for published in PUBLISHED {
        let path = dir.join(zyte::PEER_DIR).join(format!("{}.json", published.tool));
        assert!(
            path.is_file(),
            "{} is listed in the published table but missing",
            path.display()
        );
        let predictions = zyte::load_predictions(&path).unwrap();
        let eval = zyte::evaluate(&gold, &predictions.bodies);
        let (s, d) = (eval.scores, eval.std);
        assert_eq!(s.n, 181);
        eprintln!(
            "{:<22} F1 {:.4} ± {:.4}  P {:.4} ± {:.4}  R {:.4} ± {:.4}  acc {:.4} ± {:.4}",
            published.tool, s.f1, d.f1, s.precision, d.precision, s.recall, d.recall, s.accuracy, d.accuracy
        );
        let checks = [
            ("F1", s.f1, published.f1),
            ("precision", s.precision, published.precision),
            ("recall", s.recall, published.recall),
            ("accuracy", s.accuracy, published.accuracy),
        ];
        for (metric, ours, theirs) in checks {
            if (ours - theirs).abs() > TOLERANCE {
                failures.push(format!(
                    "{} {metric}: ours {ours:.4}, published {theirs:.3}",
                    published.tool
                ));
            }
        }
        // Bootstrap std: a different RNG, so only roughly (the std of a 1000-sample std estimate is
        // about 2% of it, plus 0.0005 of rounding).
        if let Some(std) = published.std {
            for (metric, ours, theirs) in [
                ("F1 std", d.f1, std[0]),
                ("precision std", d.precision, std[1]),
                ("recall std", d.recall, std[2]),
                ("accuracy std", d.accuracy, std[3]),
            ] {
                if (ours - theirs).abs() > 0.0005 + 0.1 * theirs {
                    failures.push(format!(
                        "{} {metric}: ours {ours:.4}, published {theirs:.3}",
                        published.tool
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "scores differ from the published table:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_peer_file_has_a_published_row() {
    let Some(dir) = data_dir_or_skip() else { return };
    for path in zyte::peer_files(&dir).unwrap() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            PUBLISHED.iter().any(|p| p.tool == stem),
            "{} has no published row in this test",
            path.display()
        );
    }
}

#[test]
fn pages_load_for_every_gold_id() {
    let Some(dir) = data_dir_or_skip() else { return };
    let gold = zyte::load_ground_truth(&dir.join(zyte::GROUND_TRUTH_FILE)).unwrap();
    assert!(
        gold.values().all(|body| !zyte::tokens(body).is_empty()),
        "a gold body has no token"
    );
    for id in gold.keys() {
        let html = zyte::load_html(&dir, id).unwrap();
        assert!(html.len() > 1000, "page {id} is suspiciously short");
    }
}
