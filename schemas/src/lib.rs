//! Message contracts shared by every Sahel Monitor service.
//!
//! Layout:
//! - [`envelope`]: the fields every message carries (`schema`, `id`, `produced_at`, `producer`)
//!   and the decoding rules consumers apply before they trust a payload, including the
//!   compatibility rule (`schemas/COMPATIBILITY.md`): a minor version only adds optional
//!   fields and every consumer of the major accepts it (unknown fields are ignored, missing
//!   optional ones take their default); anything else is a new major version.
//! - [`raw`], [`clean`], [`event`], [`current`]: one type per topic message (`articles.raw`,
//!   `articles.clean`, `events.extracted`, and `events.current`, the compacted topic of each
//!   event's current state).
//! - [`dlq`]: the dead-letter convention (`<topic>.dlq` and its headers).
//! - [`ids`]: how document, article, event and mention identities are derived.
//! - [`topics`]: topic names and the key each topic is partitioned by.
//! - `migrations/`: the PostgreSQL migrations, embedded by `sahel_runtime::db::MIGRATOR`.
//!
//! The JSON Schema files under `schemas/json/` are generated from these types by
//! `cargo run -p sahel-schemas --bin sahel-gen-schemas`; a test fails when they drift.

pub mod clean;
pub mod current;
pub mod dlq;
pub mod envelope;
pub mod event;
pub mod ids;
pub mod raw;
pub mod topics;

pub use clean::CleanArticle;
pub use current::CurrentEvent;
pub use envelope::{DecodeError, Message, ProducerInfo, SchemaId};
pub use event::EventMention;
pub use raw::RawArticle;

/// The JSON Schema of every topic message, as generated from the Rust types:
/// `(file name under schemas/json, schema)`.
pub fn generated_schemas() -> Vec<(&'static str, serde_json::Value)> {
    fn gen<T: schemars::JsonSchema>() -> serde_json::Value {
        let settings = schemars::generate::SchemaSettings::draft2020_12();
        let schema = settings.into_generator().into_root_schema_for::<T>();
        serde_json::to_value(schema).unwrap_or_default()
    }
    vec![
        ("articles.raw.json", gen::<RawArticle>()),
        ("articles.clean.json", gen::<CleanArticle>()),
        ("events.extracted.json", gen::<EventMention>()),
        ("events.current.json", gen::<CurrentEvent>()),
    ]
}
