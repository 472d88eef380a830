//! Event resolution: which real-world event a report (one article's mentions of one event)
//! belongs to, decided by compatibility rather than by equal hashes.
//!
//! - [`facts`]: what a report says (type, modality, actors, place, date or, when undated, the
//!   weeks before its article's reference date);
//! - [`fragments`]: an article's fragments of one account folded into one (applied by the
//!   extractor);
//! - [`score`]: hard conflicts (another type or modality, dates known to differ, two towns,
//!   two sources) and weighted agreements, each named so a link can be audited;
//! - [`resolve`]: an article's mentions grouped into reports, the best compatible candidate
//!   above the threshold, and an in-memory resolver over a stream of reports.
//!
//! Pure logic over plain types: no Kafka, no PostgreSQL.

pub mod facts;
pub mod fragments;
pub mod resolve;
pub mod score;
#[cfg(test)]
mod testing;

pub use facts::{actor_key, Facts, Reality, Span};
pub use fragments::fold_article;
pub use resolve::{absorbable, choose, reports_of, Choice, Link, Report, Resolver};
pub use score::{compare, Agreement, Verdict, THRESHOLD};
