//! The normalizer's HTML main text keeps its measured level on both page benchmarks (issue 20):
//! the Zyte benchmark (F1 0.976 measured) and the development half of trafilatura's evaluation
//! set (F1 0.943, P 0.950, R 0.936 measured; the target is 0.94). The floors sit just below the measurements, so a
//! change that loses on either benchmark fails here. Without the data the tests print a
//! SKIPPED line and pass.

use sahel_evaluation::engines::Engine;
use sahel_evaluation::trafilatura_eval::{self as te, Matching};
use sahel_evaluation::{pages, zyte};

#[test]
fn zyte_f1_stays_at_its_level() {
    let dir = zyte::data_dir();
    if !zyte::data_available(&dir) {
        eprintln!("SKIPPED zyte_f1_stays_at_its_level: no data at {}", dir.display());
        return;
    }
    let gold = zyte::load_ground_truth(&dir.join(zyte::GROUND_TRUTH_FILE)).unwrap();
    let runner = pages::Normalizer::new("extraction-floors", Engine::default());
    let mut ours = zyte::Bodies::new();
    for id in gold.keys() {
        let bytes = zyte::load_html_bytes(&dir, id).unwrap();
        ours.insert(id.clone(), runner.text(&bytes, pages::Origin::File(id)).0);
    }
    let s = zyte::score(&gold, &ours);
    assert!(
        s.f1 >= 0.975,
        "Zyte F1 {:.4} (P {:.4}, R {:.4})",
        s.f1,
        s.precision,
        s.recall
    );
}

#[test]
fn trafilatura_dev_f1_stays_at_its_level() {
    let dir = te::data_dir();
    if let Some(missing) = te::missing_data(&dir) {
        eprintln!(
            "SKIPPED trafilatura_dev_f1_stays_at_its_level: {} not found",
            missing.display()
        );
        return;
    }
    let pages = te::load_pages(&dir).unwrap();
    let (texts, _) = te::predict_ours(&dir, &pages, Engine::default()).unwrap();
    let c = te::score(&pages, &texts, Matching::Exact).overall;
    assert!(
        c.f1() >= 0.94 && c.precision() >= 0.945 && c.recall() >= 0.93,
        "dev F1 {:.4}, P {:.4}, R {:.4}",
        c.f1(),
        c.precision(),
        c.recall()
    );
}
