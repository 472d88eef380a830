//! The normalizer's modules import one way: each module's code names only modules below it in
//! [`LAYERS`] (doc comments may point anywhere). A module added to `src/` must be placed here.

use std::collections::BTreeSet;

/// Modules from the bottom up, and the files holding each.
const LAYERS: [(&str, &[&str]); 14] = [
    ("line", &["line.rs"]),
    ("main_text", &["main_text.rs"]),
    ("dateline", &["dateline.rs", "dateline_tests.rs"]),
    ("furniture", &["furniture.rs"]),
    ("notices", &["notices.rs"]),
    ("text", &["text.rs"]),
    ("neardup", &["neardup.rs"]),
    ("dedup", &["dedup.rs"]),
    ("document", &["document.rs"]),
    ("metadata", &["metadata.rs"]),
    ("plain", &["plain.rs"]),
    ("html_bounds", &["html_bounds.rs"]),
    ("html", &["html.rs", "html_tests.rs"]),
    ("normalize_cmd", &["normalize_cmd.rs"]),
];

/// The crate modules a file's code (not its comments) names: `crate::NAME`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
        for (i, _) in line.match_indices("crate::") {
            let name: String = line[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

#[test]
fn modules_import_one_way() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: BTreeSet<String> = std::fs::read_dir(&src)
        .expect("src")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".rs"))
        .collect();
    for f in ["lib.rs", "main.rs"] {
        files.remove(f);
    }
    let names: Vec<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    for (level, (module, module_files)) in LAYERS.iter().enumerate() {
        for file in *module_files {
            assert!(files.remove(*file), "{file} is listed but not in src/");
            let code = std::fs::read_to_string(src.join(file)).expect("read");
            for used in named_modules(&code) {
                match names.iter().position(|n| *n == used) {
                    Some(l) => assert!(l < level, "{file} ({module}) uses crate::{used}, which is above it"),
                    // Items of the crate root (`crate::normalize`, `crate::VERSION`): only the
                    // command on top may use them.
                    None => assert_eq!(*module, "normalize_cmd", "{file} uses crate::{used} of the crate root"),
                }
            }
        }
    }
    assert!(files.is_empty(), "modules not placed in LAYERS: {files:?}");
}
