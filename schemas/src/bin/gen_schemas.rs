//! Writes the JSON Schema of every topic message to `schemas/json/<topic>.json`.
//!
//! Run from the workspace root after changing a message type:
//! `cargo run -p sahel-schemas --bin sahel-gen-schemas`.

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("json");
    std::fs::create_dir_all(&dir)?;
    for (name, schema) in sahel_schemas::generated_schemas() {
        let path = dir.join(name);
        let mut text = serde_json::to_string_pretty(&schema).map_err(std::io::Error::other)?;
        text.push('\n');
        std::fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
