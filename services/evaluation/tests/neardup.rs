//! Near-duplicate detection on variants of the Zyte benchmark articles: precision and recall at
//! the service's threshold stay above the floors measured with `sahel-neardup-eval` (P 1.000,
//! R 0.949 in the stream; the floors leave a little room for parameter tuning, not for
//! regressions). Needs the data directory (`SAHEL_ZYTE_DIR`, else
//! `<workspace>/../shared/data/...`); without it the test prints a SKIPPED line and passes.

use sahel_evaluation::neardup::{self, Variant};
use sahel_evaluation::zyte;
use sahel_normalizer::neardup::{Params, THRESHOLD};

const PRECISION_FLOOR: f64 = 0.99;
const RECALL_FLOOR: f64 = 0.93;

#[test]
fn precision_and_recall_stay_above_the_measured_floor() {
    let dir = zyte::data_dir();
    if !zyte::data_available(&dir) {
        eprintln!(
            "SKIPPED: near-duplicate evaluation needs the Zyte benchmark in {} (set {})",
            dir.display(),
            zyte::DATA_DIR_ENV
        );
        return;
    }
    let bodies = zyte::load_ground_truth(&dir.join(zyte::GROUND_TRUTH_FILE)).expect("ground truth");
    let docs = neardup::build(&bodies, neardup::SEED);
    assert_eq!(docs.len(), bodies.len() * (1 + Variant::DERIVED.len()));
    let params = Params::DEFAULT;
    let sigs = neardup::minhash_signatures(&docs, params);

    // Pairs: every variant against its original; every cross-article pair as a negative.
    let pairs = neardup::pairs(&docs);
    let facts = neardup::minhash_pairs(&sigs, &pairs);
    let c = neardup::minhash_counts(&facts, &pairs, THRESHOLD);
    eprintln!("pairs at {THRESHOLD}: P {:.3} R {:.3} {c:?}", c.precision(), c.recall());
    assert!(c.precision() >= PRECISION_FLOOR, "pair precision {c:?}");
    assert!(c.recall() >= RECALL_FLOOR, "pair recall {c:?}");

    // As the service sees it: shuffled arrival, exact check, then the LSH index.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    neardup::Rng::new(neardup::SEED ^ 0x5354_5245_414d).shuffle(&mut order);
    let (s, per) = neardup::stream(&docs, &sigs, params, THRESHOLD, &order);
    eprintln!(
        "stream at {THRESHOLD}: P {:.3} R {:.3} {s:?} {per:?}",
        s.precision(),
        s.recall()
    );
    assert!(s.precision() >= PRECISION_FLOOR, "stream precision {s:?}");
    assert!(s.recall() >= RECALL_FLOOR, "stream recall {s:?}");
    // Every kind of variant is mostly found, the identical copy always.
    for v in Variant::DERIVED {
        let (found, expected) = per[&v];
        let floor = if v == Variant::OtherUrl { 1.0 } else { 0.75 };
        assert!(found as f64 >= floor * expected as f64, "{v:?}: {found}/{expected}");
    }
}
