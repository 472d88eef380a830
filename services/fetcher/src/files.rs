//! Reading files into raw documents, with proper charset decoding.

use std::path::{Path, PathBuf};

use sahel_schemas::envelope::{now, Message};
use sahel_schemas::raw::{Charset, CharsetSource, RawArticle, SourceKind, SourceRef};
use sahel_schemas::{ids, ProducerInfo};

/// One scanned file.
#[derive(Debug)]
pub enum Scanned {
    /// A document to emit.
    Document(Box<RawArticle>),
    /// A file not emitted, and why.
    Skipped {
        /// Path.
        location: String,
        /// Reason.
        reason: String,
    },
}

/// Decodes bytes to text: a BOM wins; then `<meta charset>` in the first 1024 bytes of
/// HTML; then UTF-8 if the bytes are valid UTF-8; else windows-1252 (what unlabeled
/// Western European pages almost always are).
pub fn decode(bytes: &[u8], is_html: bool) -> (String, Charset) {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return decode_with(enc, bytes, CharsetSource::Bom);
    }
    if is_html {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
        if let Some(label) = meta_charset(&head) {
            if let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes()) {
                return decode_with(enc, bytes, CharsetSource::Meta);
            }
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (
            s.to_owned(),
            Charset {
                name: "UTF-8".into(),
                source: CharsetSource::Utf8Valid,
                replacements: 0,
            },
        ),
        Err(_) => decode_with(encoding_rs::WINDOWS_1252, bytes, CharsetSource::Guessed),
    }
}

fn decode_with(enc: &'static encoding_rs::Encoding, bytes: &[u8], source: CharsetSource) -> (String, Charset) {
    // decode() also strips a BOM of its own encoding.
    let (text, _, had_errors) = enc.decode(bytes);
    let text = text.into_owned();
    let replacements = if had_errors {
        text.chars().filter(|c| *c == '\u{FFFD}').count() as u64
    } else {
        0
    };
    let cs = Charset {
        name: enc.name().to_owned(),
        source,
        replacements,
    };
    (text, cs)
}

fn meta_charset(head: &str) -> Option<String> {
    let i = head.find("charset=")?;
    let rest = &head[i + "charset=".len()..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    (!label.is_empty()).then_some(label)
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

/// Reads every file under `paths` into a raw document (or a skip with its reason).
pub fn scan(paths: &[PathBuf], source_name: &str, language_hint: Option<&str>, max_bytes: u64) -> Vec<Scanned> {
    let mut files = Vec::new();
    for p in paths {
        walk(p, &mut files);
    }
    let kind = if paths.iter().any(|p| p.is_dir()) {
        SourceKind::Directory
    } else {
        SourceKind::File
    };
    files
        .into_iter()
        .map(|f| read_one(&f, source_name, kind, language_hint, max_bytes))
        .collect()
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
        Err(e) => return skip(format!("cannot stat: {e}")),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return skip(format!("cannot read: {e}")),
    };
    let ctype = content_type(path);
    let (body, charset) = decode(&bytes, ctype == "text/html");
    let sha = ids::sha256_hex(&bytes);
    let fetched_at = now();
    Scanned::Document(Box::new(RawArticle {
        schema: RawArticle::current_schema(),
        id: ids::document_id(&location, &sha),
        produced_at: fetched_at,
        producer: ProducerInfo::new(crate::SERVICE, crate::VERSION),
        source: SourceRef {
            name: source_name.to_owned(),
            kind,
            location,
            feed_url: None,
            final_url: None,
        },
        fetched_at,
        http: None,
        content_type: ctype.to_owned(),
        charset,
        body,
        content_sha256: sha,
        byte_length: bytes.len() as u64,
        language_hint: language_hint.map(str::to_owned),
        feed: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_french_comes_out_right() {
        // "Né à Niamey, l'été" in windows-1252.
        let bytes = b"N\xe9 \xe0 Niamey, l'\xe9t\xe9";
        let (text, cs) = decode(bytes, false);
        assert_eq!(text, "Né à Niamey, l'été");
        assert_eq!((cs.name.as_str(), cs.source), ("windows-1252", CharsetSource::Guessed));
    }

    #[test]
    fn bom_and_meta_charset_win() {
        let (text, cs) = decode(b"\xef\xbb\xbfhello", false);
        assert_eq!((text.as_str(), cs.source), ("hello", CharsetSource::Bom));
        let html = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let (text, cs) = decode(html, true);
        assert!(text.contains("café"));
        assert_eq!(cs.source, CharsetSource::Meta);
    }

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
            Scanned::Skipped { .. } => None,
        };
        assert_eq!(id(&first[0]), id(&second[0]));
        assert!(id(&first[0]).is_some());
        assert!(matches!(&first[1], Scanned::Skipped { reason, .. } if reason.contains("over --max-document-bytes")));
        Ok(())
    }
}
