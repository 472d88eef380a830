//! The JSON Schema files under `schemas/json/` agree with the Rust types, and the example
//! messages under `schemas/examples/` validate against them and decode into the types.

use std::path::{Path, PathBuf};

use sahel_schemas::envelope::decode;
use sahel_schemas::{CleanArticle, EventMention, Message, RawArticle};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read_json(p: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", p.display()))
}

#[test]
fn schema_files_match_the_rust_types() {
    for (name, generated) in sahel_schemas::generated_schemas() {
        let committed = read_json(&root().join("json").join(name));
        assert_eq!(
            committed, generated,
            "schemas/json/{name} is out of date: run `cargo run -p sahel-schemas --bin sahel-gen-schemas`"
        );
    }
}

fn check_examples<T: Message>(topic: &str) {
    let schema = read_json(&root().join("json").join(format!("{topic}.json")));
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let dir = root().join("examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("examples dir") {
        let path = entry.expect("entry").path();
        let fname = path.file_name().and_then(|f| f.to_str()).unwrap_or_default().to_owned();
        if !fname.starts_with(&format!("{topic}.")) {
            continue;
        }
        let value = read_json(&path);
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        let bytes = serde_json::to_vec(&value).expect("serialize");
        if fname.contains(".invalid.") {
            assert!(
                !errors.is_empty() || decode::<T>(Some(&bytes)).is_err(),
                "{fname} should be rejected"
            );
        } else {
            assert!(errors.is_empty(), "{fname} does not validate: {errors:?}");
            let typed: T = decode(Some(&bytes)).unwrap_or_else(|e| panic!("{fname} does not decode: {e}"));
            // And what the type writes validates too.
            let back = serde_json::to_value(&typed).expect("serialize");
            assert!(
                validator.is_valid(&back),
                "{fname}: re-serialized message does not validate"
            );
        }
        n += 1;
    }
    assert!(n >= 1, "no examples for {topic}");
}

#[test]
fn examples_validate_and_decode() {
    check_examples::<RawArticle>("articles.raw");
    check_examples::<CleanArticle>("articles.clean");
    check_examples::<EventMention>("events.extracted");
    check_examples::<sahel_schemas::CurrentEvent>("events.current");
}

#[test]
fn wrong_versions_and_garbage_are_refused_with_a_kind() {
    let e = decode::<RawArticle>(Some(br#"{"schema":{"name":"articles.raw","version":2}}"#)).unwrap_err();
    assert_eq!(e.kind(), "wrong_schema");
    assert_eq!(decode::<RawArticle>(Some(b"nope")).unwrap_err().kind(), "malformed");
    assert_eq!(decode::<RawArticle>(None).unwrap_err().kind(), "empty_payload");
}

/// A message that decodes into the type is still refused when its schema id is another one,
/// and a message of the right schema that does not decode is malformed, with serde's reason.
#[test]
fn the_schema_id_decides_whatever_the_shape() {
    let example = root().join("examples").join("events.extracted.protest.json");
    let good = read_json(&example);
    let bytes = |v: &serde_json::Value| serde_json::to_vec(v).expect("json");
    assert!(decode::<EventMention>(Some(&bytes(&good))).is_ok());

    for (name, version) in [("events.extracted", 2), ("articles.clean", 1)] {
        let mut other = good.clone();
        other["schema"] = serde_json::json!({"name": name, "version": version});
        let e = decode::<EventMention>(Some(&bytes(&other))).unwrap_err();
        assert_eq!(e.kind(), "wrong_schema", "{name} v{version}: {e}");
        assert!(e.to_string().contains(&format!("found {name} v{version}")), "{e}");
    }
    let mut broken = good.clone();
    broken["confidence"] = serde_json::json!("high");
    let e = decode::<EventMention>(Some(&bytes(&broken))).unwrap_err();
    assert_eq!(e.kind(), "malformed");
    assert!(e.to_string().contains("invalid type"), "{e}");
}

#[test]
fn date_resolution_names_are_the_serialized_ones() {
    use sahel_schemas::event::DateResolution::*;
    for r in [Stated, RelativeToPublication, RelativeToText, Inferred] {
        assert_eq!(serde_json::to_value(r).ok(), Some(serde_json::json!(r.as_str())));
    }
}
