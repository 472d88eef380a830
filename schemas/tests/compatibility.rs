//! The compatibility rule of `schemas/COMPATIBILITY.md`, on the three topic types: a consumer
//! accepts every minor version of its major (a newer producer's unknown fields ignored, an
//! older producer's missing optional fields defaulted), a 1.0 message is written as the builds
//! before the rule wrote it, and another major is still refused.

use std::path::{Path, PathBuf};

use sahel_schemas::envelope::decode;
use sahel_schemas::{CleanArticle, EventMention, Message, RawArticle, SchemaId};
use serde::{Deserialize, Serialize};

fn examples(topic: &str) -> Vec<(String, serde_json::Value)> {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("examples dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|f| f.to_str()).unwrap_or_default().to_owned();
        if name.starts_with(&format!("{topic}.")) && !name.contains(".invalid.") {
            let text = std::fs::read_to_string(&path).expect("example");
            out.push((name, serde_json::from_str(&text).expect("example JSON")));
        }
    }
    assert!(!out.is_empty(), "no examples for {topic}");
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn bytes(v: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("json")
}

/// Adds a field this build does not know to every object of `v`, at every depth.
fn add_unknown_fields(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for child in map.values_mut() {
                add_unknown_fields(child);
            }
            map.insert(
                "added_in_a_later_minor".to_owned(),
                serde_json::json!({"nested": [1, "two", {"three": null}], "flag": true}),
            );
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(add_unknown_fields),
        _ => {}
    }
}

/// A message as a newer minor of this build's major writes it: one more optional field, and
/// the minor bumped. As a consumer type, it is a newer consumer reading older producers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound = "T: Message")]
struct NextMinor<T> {
    #[serde(flatten)]
    base: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retrieval: Option<Retrieval>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Retrieval {
    proxy: String,
    attempts: u32,
}

impl<T: Message> Message for NextMinor<T> {
    const SCHEMA_NAME: &'static str = T::SCHEMA_NAME;
    const SCHEMA_VERSION: u32 = T::SCHEMA_VERSION;
    const SCHEMA_MINOR: u32 = T::SCHEMA_MINOR + 1;
    fn schema(&self) -> &SchemaId {
        self.base.schema()
    }
    fn id(&self) -> &str {
        self.base.id()
    }
}

/// The schema id of the builds before minor versions: `{name, version}`, nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read by serde only
struct StrictSchemaId {
    name: String,
    version: u32,
}

fn set_minor<T: Message>(m: &mut T, minor: u32) -> serde_json::Value {
    let mut v = serde_json::to_value(&*m).expect("serialize");
    v["schema"]["minor"] = serde_json::json!(minor);
    *m = serde_json::from_value(v.clone()).expect("decode");
    v
}

/// New producer, old consumer: a message of a later minor, with fields this build does not know
/// at every depth, decodes to exactly the message without them. Before the rule, every one of
/// them was dead-lettered as `malformed` (unknown field).
fn newer_minor_is_accepted<T: Message + PartialEq + std::fmt::Debug>(topic: &str) {
    for (name, original) in examples(topic) {
        let expected: T = decode(Some(&bytes(&original))).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut newer = original.clone();
        add_unknown_fields(&mut newer);
        let later = T::SCHEMA_MINOR + 7;
        newer["schema"]["minor"] = serde_json::json!(later);
        let got: T = decode(Some(&bytes(&newer))).unwrap_or_else(|e| panic!("{name} at a later minor: {e}"));
        assert_eq!(got.schema().minor, later, "{name}");
        let mut expected = expected;
        set_minor(&mut expected, later);
        assert_eq!(got, expected, "{name}: a known field was lost or changed");
    }
}

/// Both directions with a real next minor: the newer producer's field reaches a newer
/// consumer, an older consumer reads the same bytes without it, and a newer consumer reads an
/// older producer's message with the field absent.
fn both_directions<T: Message + PartialEq + std::fmt::Debug + Clone>(topic: &str) {
    for (name, original) in examples(topic) {
        let old: T = decode(Some(&bytes(&original))).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Old producer → new consumer.
        let old_bytes = serde_json::to_vec(&old).expect("serialize");
        let read: NextMinor<T> = decode(Some(&old_bytes)).unwrap_or_else(|e| panic!("{name}, old → new: {e}"));
        assert_eq!(read.base, old, "{name}, old → new");
        assert_eq!(read.retrieval, None, "{name}, old → new");

        // New producer → old consumer, and → new consumer.
        let mut base = old.clone();
        set_minor(&mut base, NextMinor::<T>::SCHEMA_MINOR);
        let new = NextMinor {
            base,
            retrieval: Some(Retrieval {
                proxy: "none".into(),
                attempts: 2,
            }),
        };
        let new_bytes = serde_json::to_vec(&new).expect("serialize");
        let wire: serde_json::Value = serde_json::from_slice(&new_bytes).expect("json");
        assert_eq!(wire["schema"]["minor"], serde_json::json!(NextMinor::<T>::SCHEMA_MINOR));
        assert_eq!(wire["retrieval"]["attempts"], serde_json::json!(2));
        let by_old: T = decode(Some(&new_bytes)).unwrap_or_else(|e| panic!("{name}, new → old: {e}"));
        assert_eq!(by_old, new.base, "{name}, new → old: a known field was lost");
        let by_new: NextMinor<T> = decode(Some(&new_bytes)).unwrap_or_else(|e| panic!("{name}, new → new: {e}"));
        assert_eq!(by_new, new, "{name}, new → new");
    }
}

#[test]
fn a_newer_minor_with_unknown_fields_is_accepted_and_nothing_known_is_lost() {
    newer_minor_is_accepted::<RawArticle>("articles.raw");
    newer_minor_is_accepted::<CleanArticle>("articles.clean");
    newer_minor_is_accepted::<EventMention>("events.extracted");
}

#[test]
fn old_producer_new_consumer_and_new_producer_old_consumer() {
    both_directions::<RawArticle>("articles.raw");
    both_directions::<CleanArticle>("articles.clean");
    both_directions::<EventMention>("events.extracted");
}

/// The fields `events.extracted` gained after its first release (`reference_date`,
/// `evidence.trigger`) are optional: an older extractor's mention, without them, decodes.
#[test]
fn an_older_producer_without_the_later_optional_fields_is_accepted() {
    for (name, mut v) in examples("events.extracted") {
        if let Some(o) = v.as_object_mut() {
            o.remove("reference_date");
        }
        if let Some(o) = v["evidence"].as_object_mut() {
            o.remove("trigger");
        }
        let m: EventMention = decode(Some(&bytes(&v))).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((m.reference_date, m.evidence.trigger), (None, None), "{name}");
    }
}

/// Minor 0 is written as the builds before minor versions wrote it, so they accept what this
/// build writes: `schema` is `{name, version}` and nothing else.
#[test]
fn minor_zero_is_written_as_the_builds_before_the_rule_read_it() {
    fn check<T: Message>(topic: &str) {
        let id = serde_json::to_value(T::current_schema()).expect("json");
        if T::SCHEMA_MINOR == 0 {
            assert_eq!(id, serde_json::json!({"name": topic, "version": T::SCHEMA_VERSION}));
        }
        for (name, v) in examples(topic) {
            let m: T = decode(Some(&bytes(&v))).unwrap_or_else(|e| panic!("{name}: {e}"));
            if m.schema().minor == 0 {
                let wire = serde_json::to_value(&m).expect("json");
                serde_json::from_value::<StrictSchemaId>(wire["schema"].clone())
                    .unwrap_or_else(|e| panic!("{name}: a 1.0 message's schema id is not the old one: {e}"));
            }
        }
    }
    check::<RawArticle>("articles.raw");
    check::<CleanArticle>("articles.clean");
    check::<EventMention>("events.extracted");
    // And an absent minor reads as 0.
    let s: SchemaId = serde_json::from_str(r#"{"name":"articles.raw","version":1}"#).expect("json");
    assert_eq!(s.minor, 0);
}

/// Another major version, or a schema id that cannot be read, is still refused, whatever the
/// minor.
#[test]
fn another_major_is_refused_whatever_the_minor() {
    let (_, good) = examples("articles.clean").remove(0);
    for (version, minor) in [(2, 0), (2, 3), (0, 1), (RawArticle::SCHEMA_VERSION + 1, 0)] {
        let mut v = good.clone();
        v["schema"] = serde_json::json!({"name": "articles.clean", "version": version, "minor": minor});
        let e = decode::<CleanArticle>(Some(&bytes(&v))).unwrap_err();
        assert_eq!(e.kind(), "wrong_schema", "v{version}.{minor}: {e}");
    }
    let mut v = good.clone();
    v["schema"]["minor"] = serde_json::json!("three");
    let e = decode::<CleanArticle>(Some(&bytes(&v))).unwrap_err();
    assert_eq!(e.kind(), "malformed", "{e}");
    let mut v = good;
    v["schema"]["name"] = serde_json::json!("articles.raw");
    let e = decode::<CleanArticle>(Some(&bytes(&v))).unwrap_err();
    assert_eq!(e.kind(), "wrong_schema", "{e}");
}

/// The committed JSON Schemas say what consumers do: unknown properties are allowed at every
/// level (a validator of the old contract would refuse newer minors).
#[test]
fn the_json_schemas_allow_unknown_fields() {
    fn walk(v: &serde_json::Value, path: &str, found: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if m.get("additionalProperties") == Some(&serde_json::Value::Bool(false)) {
                    found.push(path.to_owned());
                }
                for (k, c) in m {
                    walk(c, &format!("{path}/{k}"), found);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    walk(c, &format!("{path}/{i}"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for (name, schema) in sahel_schemas::generated_schemas() {
        walk(&schema, name, &mut found);
    }
    assert!(found.is_empty(), "additionalProperties: false at {found:?}");
}
