//! The PLOVER scorer on the real dev half of the gold-standard records, read from
//! `../shared/data/plover-gsr-dev/` beside the repository. Without it the test prints a
//! SKIPPED line saying why and passes; only sanity is asserted (the figures are printed by
//! `sahel-plover-score`).

use sahel_evaluation::plover;
use sahel_extractor::Extractor;

#[test]
fn dev_records_score_when_present() {
    let path = plover::default_gsr_path();
    if !path.is_file() {
        eprintln!(
            "SKIPPED dev_records_score_when_present: {} not found (the PLOVER GSR dev half lives in ../shared/data/plover-gsr-dev/ beside the repository)",
            path.display()
        );
        return;
    }
    let records = plover::load(&path).expect("the GSR dev file parses");
    assert_eq!(records.len(), 165, "records read");
    let extractor = Extractor::new().expect("data");
    let sum = plover::evaluate(&extractor, &records);
    assert_eq!(sum.records, 165);
    assert_eq!(sum.overall.sentences, 164, "every record but DOCUMENT is a sentence");
    let t = &sum.overall;
    for (name, count) in [
        ("any", t.any),
        ("type", t.type_ok),
        ("source", t.source_ok),
        ("target", t.target_ok),
    ] {
        let share = t.share(count);
        assert!((0.0..=1.0).contains(&share), "{name}: {share}");
    }
    assert!(t.type_ok <= t.any && t.source_ok <= t.type_ok && t.target_ok <= t.type_ok);
    // Floors just under what was measured on 2026-12-03 (0.915, 0.756, 0.604, 0.317; the
    // issue's target for the type is 0.75): a change that loses here loses on outside gold.
    for (name, count, floor) in [
        ("any", t.any, 0.90),
        ("type", t.type_ok, 0.75),
        ("source", t.source_ok, 0.59),
        ("target", t.target_ok, 0.30),
    ] {
        assert!(
            t.share(count) >= floor,
            "{name}: {} below its floor {floor}",
            t.share(count)
        );
    }
    assert_eq!(
        sum.by_type.values().map(|t| t.sentences).sum::<usize>(),
        164,
        "per-type rows add up"
    );
}
