//! Offline evaluation of the pipeline against public benchmarks and the project's gold sets.
//!
//! Nothing here runs on the message path: these are scorers used from tests and from
//! command-line tools, over data sets kept in `gold/` or outside the repository
//! (`/work/shared/data`).
//!
//! - [`zyte`]: the Zyte (Scrapinghub) article-extraction benchmark — 181 news and blog pages with
//!   a gold article body each, scored with 4-token shingles. It reproduces the published scores of
//!   the peer extractors (see `tests/zyte_peers.rs`), so the same scorer can rank our own
//!   extractor against them (`sahel-zyte-score --predictions FILE`).
//! - [`trafilatura_eval`]: trafilatura's evaluation set — real pages in several languages with
//!   snippets the main text must keep and must drop, scored by substring as trafilatura's own
//!   evaluation does (`sahel-trafilatura-score`; `tests/trafilatura_eval.rs` reproduces
//!   trafilatura's published figure from its predictions).
//! - [`engines`]: the HTML main-text engines compared on both page benchmarks (the service's,
//!   Readability alone, rs-trafilatura, the first block extractor).
//! - [`pages`]: what both page benchmarks share (gzip pages, our normalizer run in process with
//!   thread CPU timing).
//! - [`neardup`]: a near-duplicate test set made from the same articles (variants with other
//!   boilerplate, truncation, light edits, another URL) and its scoring (`sahel-neardup-eval`).
//! - [`events_gold`]: the extractor's event gold set (`gold/events/dev`, written while the rules
//!   were, and `gold/events/heldout`, never looked at) and its scores (`sahel-extractor-eval`,
//!   quality floors in `tests/quality.rs`, throughput with `sahel-extractor-bench`).
//! - [`plover`]: the extractor on the PLOVER gold-standard records (English newswire sentences
//!   coded by the PLOVER authors): type and actor countries per sentence (`sahel-plover-score`).
//! - [`resolution`]: event resolution on the event gold: which mentions, across articles and
//!   languages, report one real-world event (pairwise and B-cubed, in `sahel-extractor-eval`).

use std::path::{Path, PathBuf};

pub mod engines;
pub mod events_gold;
pub mod neardup;
pub mod pages;
pub mod plover;
pub mod resolution;
pub mod trafilatura_eval;
pub mod zyte;

/// `<workspace root>/../shared`, where data sets kept outside the repository live (the
/// workspace root is two levels above this crate's manifest).
pub fn shared_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // services/evaluation -> workspace root -> its parent
    let base = manifest
        .ancestors()
        .nth(3)
        .map_or_else(|| manifest.join("../../.."), Path::to_path_buf);
    base.join("shared")
}

/// `num / den`, or 1 when `den` is 0 (nothing predicted: no precision lost; nothing to find:
/// no recall lost).
pub fn ratio_or_one(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// Harmonic mean of precision and recall (0 when both are 0).
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}
