//! Reading files, directories and glob patterns into raw documents, with proper charset
//! decoding.

use std::path::{Path, PathBuf};

use sahel_runtime::charset::decode;
use sahel_schemas::envelope::now;
use sahel_schemas::raw::{RawArticle, SourceKind, SourceRef};
use sahel_schemas::ProducerInfo;

/// One scanned file.
#[derive(Debug)]
pub enum Scanned {
    /// A document to emit.
    Document(Box<RawArticle>),
    /// A file not emitted, and why (too large, as a file or as a message).
    Skipped {
        /// Path.
        location: String,
        /// Reason.
        reason: String,
    },
    /// A path that could not be read (missing, unreadable, a pattern matching nothing).
    Failed {
        /// Path or pattern.
        location: String,
        /// What went wrong.
        reason: String,
    },
}

fn is_pattern(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?', '['])
}

/// Expands the paths: glob patterns to the files they match (in name order), the rest as
/// they are. A pattern that matches nothing, or is malformed, is reported as a failure.
fn expand(paths: &[PathBuf], failures: &mut Vec<Scanned>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !is_pattern(p) {
            out.push(p.clone());
            continue;
        }
        let pattern = p.to_string_lossy().into_owned();
        match glob::glob(&pattern) {
            Ok(entries) => {
                let mut matched: Vec<PathBuf> = entries.filter_map(Result::ok).collect();
                matched.sort();
                if matched.is_empty() {
                    failures.push(Scanned::Failed {
                        location: pattern,
                        reason: "the pattern matches no file".into(),
                    });
                }
                out.extend(matched);
            }
            Err(e) => failures.push(Scanned::Failed {
                location: pattern,
                reason: format!("not a glob pattern: {e}"),
            }),
        }
    }
    out
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm" | "xhtml") => "text/html",
        Some("xml" | "rss" | "atom") => "application/xml",
        Some("json") => "application/json",
        Some("txt" | "text" | "md") | None => "text/plain",
        Some(_) => "application/octet-stream",
    }
}

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "cannot read directory");
                return;
            }
        };
        entries.sort();
        for e in entries {
            let hidden = e
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                walk(&e, out);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

/// The source kind recorded for these paths.
pub fn kind_of(paths: &[PathBuf]) -> SourceKind {
    if paths.iter().any(|p| p.is_dir() || is_pattern(p)) {
        SourceKind::Directory
    } else {
        SourceKind::File
    }
}

/// Reads every file under `paths` (files, directories, glob patterns) into a raw document,
/// or a skip or failure with its reason.
pub fn scan(paths: &[PathBuf], source_name: &str, language_hint: Option<&str>, max_bytes: u64) -> Vec<Scanned> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    for p in expand(paths, &mut out) {
        if !p.exists() {
            out.push(Scanned::Failed {
                location: p.display().to_string(),
                reason: "no such file or directory".into(),
            });
            continue;
        }
        walk(&p, &mut files);
    }
    let kind = kind_of(paths);
    out.extend(
        files
            .into_iter()
            .map(|f| read_one(&f, source_name, kind, language_hint, max_bytes)),
    );
    out
}

fn read_one(path: &Path, source_name: &str, kind: SourceKind, language_hint: Option<&str>, max_bytes: u64) -> Scanned {
    let location = path
        .canonicalize()
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    let skip = |reason: String| Scanned::Skipped {
        location: location.clone(),
        reason,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > max_bytes => {
            return skip(format!(
                "file is {} bytes, over --max-document-bytes {max_bytes}",
                m.len()
            ));
        }
        Ok(_) => {}
        Err(e) => {
            return Scanned::Failed {
                location,
                reason: format!("cannot stat: {e}"),
            }
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Scanned::Failed {
                location,
                reason: format!("cannot read: {e}"),
            }
        }
    };
    let ctype = content_type(path);
    let decoded = decode(&bytes, ctype == "text/html");
    let source = SourceRef {
        name: source_name.to_owned(),
        kind,
        location: location.clone(),
        feed_url: None,
        final_url: None,
    };
    let producer = ProducerInfo::new(crate::SERVICE, crate::VERSION);
    let hint = language_hint.map(str::to_owned);
    let doc = RawArticle::from_local(source, &bytes, decoded, ctype, now(), producer, hint);
    if let Some(reason) = over_message_limit(&doc) {
        return skip(reason);
    }
    Scanned::Document(Box::new(doc))
}

/// Why a document cannot be sent as one message, if it cannot: as JSON text (control
/// characters escaped, six bytes each) a file under the size cap can still be larger than the
/// producer's message limit, and a message that can never be delivered would be retried
/// forever, holding back every document after it.
pub fn over_message_limit(doc: &RawArticle) -> Option<String> {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(doc.id.len());
    // Writing into a counter cannot fail, and a RawArticle always serializes.
    let _ = serde_json::to_writer(&mut n, doc);
    let limit = sahel_runtime::pipeline::MAX_RECORD_BYTES;
    (n.0 > limit).then(|| {
        format!(
            "as a message the document is {} bytes, over the {limit}-byte message limit",
            n.0
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanning_is_stable_and_skips_big_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.txt"), "Protest in Niamey.")?;
        std::fs::write(dir.path().join("b.txt"), "x".repeat(100))?;
        std::fs::write(dir.path().join(".hidden"), "no")?;
        let first = scan(&[dir.path().to_path_buf()], "t", None, 50);
        let second = scan(&[dir.path().to_path_buf()], "t", None, 50);
        assert_eq!(first.len(), 2);
        let id = |s: &Scanned| match s {
            Scanned::Document(d) => Some(d.id.clone()),
            _ => None,
        };
        assert_eq!(id(&first[0]), id(&second[0]));
        assert!(id(&first[0]).is_some());
        assert!(matches!(&first[1], Scanned::Skipped { reason, .. } if reason.contains("over --max-document-bytes")));
        Ok(())
    }

    #[test]
    fn a_file_whose_message_would_be_too_large_is_skipped() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        // Control characters are escaped as \u00XX in JSON: six bytes for one.
        let n = sahel_runtime::pipeline::MAX_RECORD_BYTES / 5;
        std::fs::write(dir.path().join("controls.bin"), vec![1u8; n])?;
        std::fs::write(dir.path().join("plain.txt"), vec![b'a'; n])?;
        let got = scan(&[dir.path().to_path_buf()], "t", None, u64::MAX);
        assert!(
            matches!(&got[0], Scanned::Skipped { reason, .. } if reason.contains("message limit")),
            "{got:?}"
        );
        assert!(matches!(&got[1], Scanned::Document(_)));
        Ok(())
    }

    #[test]
    fn globs_expand_and_missing_paths_are_failures() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.html"), "<p>a</p>")?;
        std::fs::write(dir.path().join("b.html"), "<p>b</p>")?;
        std::fs::write(dir.path().join("c.txt"), "c")?;
        let pattern = dir.path().join("*.html");
        let got = scan(std::slice::from_ref(&pattern), "t", None, 1000);
        let docs: Vec<_> = got
            .iter()
            .filter_map(|s| match s {
                Scanned::Document(d) => Some(d.content_type.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(docs, vec!["text/html", "text/html"]);
        assert_eq!(kind_of(&[pattern]), SourceKind::Directory);
        let got = scan(
            &[dir.path().join("nothing-*.xml"), dir.path().join("missing.txt")],
            "t",
            None,
            1000,
        );
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|s| matches!(s, Scanned::Failed { .. })));
        Ok(())
    }
}
