//! The envelope every message carries, and the checks a consumer runs before trusting one.
//!
//! Compatibility (the whole rule, with examples, is `schemas/COMPATIBILITY.md`):
//!
//! - A message's schema is `{name, version, minor}`: `version` is the **major** version, `minor`
//!   the minor one (absent on the wire when 0, so a 1.0 message is byte for byte what the
//!   builds before this rule wrote and accepted).
//! - A **minor** version only adds optional fields (`#[serde(default)]` on the consumer's
//!   side). Consumers accept every minor of the major they know: fields they do not know are
//!   ignored (no `deny_unknown_fields` on any message type), fields an older producer did not
//!   write take their default. So an old consumer reads a new producer's messages and a new
//!   consumer an old producer's backlog, and neither dead-letters them.
//! - Anything else (a field removed, renamed, retyped or made required, a new enum value, a
//!   changed meaning) is a new **major** version: a new topic, or a migration path during
//!   which producers write the old major; a consumer refuses a major it does not know
//!   ([`DecodeError::WrongSchema`]).

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Name and version of a message's schema. Consumers reject (dead-letter) a message whose
/// name is not the topic's or whose major version they do not know; every minor version of a
/// known major is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SchemaId {
    /// Topic message name, e.g. `articles.raw`.
    pub name: String,
    /// Major version; bumped on any incompatible change (see `schemas/COMPATIBILITY.md`).
    pub version: u32,
    /// Minor version: bumped when optional fields are added. Absent means 0 (and 0 is not
    /// written), so a 1.0 message reads as the builds before minor versions wrote it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub minor: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Which service (and which build of it) produced a message: lets an operator trace a bad
/// message back to the release that wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProducerInfo {
    /// Service name, e.g. `normalizer`.
    pub service: String,
    /// Service version (crate version).
    pub version: String,
}

impl ProducerInfo {
    /// Producer info for a service at a version.
    pub fn new(service: &str, version: &str) -> Self {
        Self {
            service: service.to_owned(),
            version: version.to_owned(),
        }
    }
}

/// Implemented by each topic message type.
pub trait Message: Serialize + DeserializeOwned {
    /// The schema name (equal to the topic's base name).
    const SCHEMA_NAME: &'static str;
    /// The current major schema version.
    const SCHEMA_VERSION: u32;
    /// The current minor schema version (optional fields added since the major's first).
    const SCHEMA_MINOR: u32;

    /// The message's own schema id (as found in the payload).
    fn schema(&self) -> &SchemaId;
    /// The message id, also used as the Kafka key.
    fn id(&self) -> &str;

    /// The schema id this build writes.
    fn current_schema() -> SchemaId {
        SchemaId {
            name: Self::SCHEMA_NAME.to_owned(),
            version: Self::SCHEMA_VERSION,
            minor: Self::SCHEMA_MINOR,
        }
    }
}

/// Implements [`Message`] for a type with `schema` and `id` fields:
/// `impl_message!(Type, "topic.name", major)` or `impl_message!(Type, "topic.name", major, minor)`.
#[macro_export]
macro_rules! impl_message {
    ($ty:ty, $name:literal, $version:literal) => {
        $crate::impl_message!($ty, $name, $version, 0);
    };
    ($ty:ty, $name:literal, $version:literal, $minor:literal) => {
        impl $crate::envelope::Message for $ty {
            const SCHEMA_NAME: &'static str = $name;
            const SCHEMA_VERSION: u32 = $version;
            const SCHEMA_MINOR: u32 = $minor;
            fn schema(&self) -> &$crate::envelope::SchemaId {
                &self.schema
            }
            fn id(&self) -> &str {
                &self.id
            }
        }
    };
}

/// Why a payload could not be accepted. Every variant is permanent: retrying cannot help, so
/// the message goes to the dead-letter topic with [`DecodeError::kind`] and the text.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// No payload at all (a tombstone or an empty record).
    #[error("empty payload")]
    Empty,
    /// Not JSON, or JSON that does not match the message type.
    #[error("malformed message: {0}")]
    Malformed(String),
    /// Valid JSON of another schema or of a major version this build does not understand.
    #[error("wrong schema: expected {expected} v{expected_version}, found {found} v{found_version}")]
    WrongSchema {
        /// Expected schema name.
        expected: &'static str,
        /// Expected (major) version.
        expected_version: u32,
        /// Name found in the payload.
        found: String,
        /// (Major) version found in the payload.
        found_version: u32,
    },
}

impl DecodeError {
    /// Short, bounded label for metrics and the `dlq.error.kind` header.
    pub fn kind(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty_payload",
            DecodeError::Malformed(_) => "malformed",
            DecodeError::WrongSchema { .. } => "wrong_schema",
        }
    }
}

/// Just enough of any message to read its schema id before the full decode, so a message of
/// another version gets a precise reason rather than a serde error about some field.
#[derive(Deserialize)]
struct SchemaProbe {
    schema: SchemaId,
}

/// Whether a consumer of `T` accepts a message of schema `s`: the same name and major
/// version, whatever the minor (older minors lack only optional fields, newer ones add only
/// fields this build ignores).
pub fn accepts<T: Message>(s: &SchemaId) -> bool {
    s.name == T::SCHEMA_NAME && s.version == T::SCHEMA_VERSION
}

/// Decodes a payload as `T` of its schema name and major version, any minor version: unknown
/// fields (a newer minor's) are ignored and missing optional ones (an older minor's) take their
/// default. A payload of another schema or major version is refused as such
/// ([`DecodeError::WrongSchema`]) whatever its shape.
pub fn decode<T: Message>(payload: Option<&[u8]>) -> Result<T, DecodeError> {
    let bytes = match payload {
        Some(b) if !b.is_empty() => b,
        _ => return Err(DecodeError::Empty),
    };
    // One parse for a good message; a payload that does not decode is read again for its
    // schema id only, so a message of another version gets a precise reason rather than a
    // serde error about some field.
    let wrong = |s: &SchemaId| DecodeError::WrongSchema {
        expected: T::SCHEMA_NAME,
        expected_version: T::SCHEMA_VERSION,
        found: s.name.clone(),
        found_version: s.version,
    };
    let full_error = match serde_json::from_slice::<T>(bytes) {
        Ok(m) if accepts::<T>(m.schema()) => return Ok(m),
        Ok(m) => return Err(wrong(m.schema())),
        Err(e) => e,
    };
    let probe: SchemaProbe =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::Malformed(format!("cannot read schema id: {e}")))?;
    if !accepts::<T>(&probe.schema) {
        return Err(wrong(&probe.schema));
    }
    Err(DecodeError::Malformed(full_error.to_string()))
}

/// The current time, truncated to milliseconds (the precision we promise in the schemas).
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
}
