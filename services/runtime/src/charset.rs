//! Decoding fetched bytes to text with the right charset (encoding_rs): shared by the
//! fetcher, which decodes what it fetches, and the normalizer's `extract` command, which
//! reads documents from disk.

use sahel_schemas::raw::{Charset, CharsetSource};

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
}
