//! The envelope every message carries, and the checks a consumer runs before trusting one.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Name and version of a message's schema. Consumers reject (dead-letter) a message whose
/// name is not the topic's or whose version they do not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchemaId {
    /// Topic message name, e.g. `articles.raw`.
    pub name: String,
    /// Major version; bumped on any incompatible change.
    pub version: u32,
}

/// Which service (and which build of it) produced a message: lets an operator trace a bad
/// message back to the release that wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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
    /// The current schema version.
    const SCHEMA_VERSION: u32;

    /// The message's own schema id (as found in the payload).
    fn schema(&self) -> &SchemaId;
    /// The message id, also used as the Kafka key.
    fn id(&self) -> &str;

    /// The schema id this build writes.
    fn current_schema() -> SchemaId {
        SchemaId {
            name: Self::SCHEMA_NAME.to_owned(),
            version: Self::SCHEMA_VERSION,
        }
    }
}

/// Implements [`Message`] for a type with `schema` and `id` fields.
#[macro_export]
macro_rules! impl_message {
    ($ty:ty, $name:literal, $version:literal) => {
        impl $crate::envelope::Message for $ty {
            const SCHEMA_NAME: &'static str = $name;
            const SCHEMA_VERSION: u32 = $version;
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
    /// Valid JSON of another schema or of a version this build does not understand.
    #[error("wrong schema: expected {expected} v{expected_version}, found {found} v{found_version}")]
    WrongSchema {
        /// Expected schema name.
        expected: &'static str,
        /// Expected version.
        expected_version: u32,
        /// Name found in the payload.
        found: String,
        /// Version found in the payload.
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

/// Decodes a payload as `T` of its schema name and version; a payload of another schema or
/// version is refused as such ([`DecodeError::WrongSchema`]) whatever its shape.
pub fn decode<T: Message>(payload: Option<&[u8]>) -> Result<T, DecodeError> {
    let bytes = match payload {
        Some(b) if !b.is_empty() => b,
        _ => return Err(DecodeError::Empty),
    };
    // One parse for a good message; a payload that does not decode is read again for its
    // schema id only, so a message of another version gets a precise reason rather than a
    // serde error about some field.
    let wrong = |name: String, version: u32| DecodeError::WrongSchema {
        expected: T::SCHEMA_NAME,
        expected_version: T::SCHEMA_VERSION,
        found: name,
        found_version: version,
    };
    let full_error = match serde_json::from_slice::<T>(bytes) {
        Ok(m) if m.schema().name == T::SCHEMA_NAME && m.schema().version == T::SCHEMA_VERSION => return Ok(m),
        Ok(m) => return Err(wrong(m.schema().name.clone(), m.schema().version)),
        Err(e) => e,
    };
    let probe: SchemaProbe =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::Malformed(format!("cannot read schema id: {e}")))?;
    if probe.schema.name != T::SCHEMA_NAME || probe.schema.version != T::SCHEMA_VERSION {
        return Err(wrong(probe.schema.name, probe.schema.version));
    }
    Err(DecodeError::Malformed(full_error.to_string()))
}

/// The current time, truncated to milliseconds (the precision we promise in the schemas).
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
}
