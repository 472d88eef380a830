//! Offline evaluation of the pipeline against public benchmarks.
//!
//! Nothing here runs on the message path: these are scorers used from tests and from
//! command-line tools, over data sets kept outside the repository (`/work/shared/data`).
//!
//! - [`zyte`]: the Zyte (Scrapinghub) article-extraction benchmark — 181 news and blog pages with
//!   a gold article body each, scored with 4-token shingles. It reproduces the published scores of
//!   the peer extractors (see `tests/zyte_peers.rs`), so the same scorer can rank our own
//!   extractor against them (`sahel-zyte-score --predictions FILE`).
//! - [`neardup`]: a near-duplicate test set made from the same articles (variants with other
//!   boilerplate, truncation, light edits, another URL) and its scoring (`sahel-neardup-eval`).

pub mod neardup;
pub mod zyte;
