//! Content types the fetcher keeps, and bytes to text with the charset the server meant.

use sahel_schemas::raw::{Charset, CharsetSource};

/// What a response is fetched for; decides which content types are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// An article page (HTML, XHTML, plain text, or a feed document itself).
    Page,
    /// A feed to read items from.
    Feed,
    /// A sitemap (XML, maybe gzip-compressed as a file).
    Sitemap,
    /// robots.txt (anything; it is parsed as text).
    Robots,
}

/// The media type without parameters, lower case (`text/html`).
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a Content-Type header.
pub fn header_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches(['"', '\'']).to_owned())
    })
}

fn is_feed_type(e: &str) -> bool {
    matches!(
        e,
        "application/rss+xml"
            | "application/atom+xml"
            | "application/feed+json"
            | "application/json"
            | "application/xml"
            | "text/xml"
            | "application/rdf+xml"
    )
}

/// Whether a media type is accepted for a purpose. An absent type is accepted (the body is
/// sniffed later); the caller records refusals as skips with the type as the reason.
pub fn accepted(purpose: Purpose, essence: &str) -> bool {
    if essence.is_empty() {
        return true;
    }
    match purpose {
        Purpose::Page => {
            matches!(essence, "text/html" | "application/xhtml+xml" | "text/plain") || is_feed_type(essence)
        }
        // Some servers label feeds as text/html or text/plain; the parser decides.
        Purpose::Feed => is_feed_type(essence) || matches!(essence, "text/html" | "text/plain"),
        Purpose::Sitemap => {
            matches!(
                essence,
                "application/xml"
                    | "text/xml"
                    | "text/plain"
                    | "application/gzip"
                    | "application/x-gzip"
                    | "application/octet-stream"
            )
        }
        Purpose::Robots => true,
    }
}

/// The media type recorded for a page: the served one, or a sniffed one when none was sent.
pub fn page_type(essence: &str, body: &[u8]) -> String {
    if !essence.is_empty() {
        return essence.to_owned();
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") {
        "text/html".into()
    } else if head.starts_with("<?xml") || head.starts_with("<rss") || head.starts_with("<feed") {
        "application/xml".into()
    } else {
        "text/plain".into()
    }
}

/// Bytes to text: a byte-order mark wins, then the header's charset, then (for HTML) a
/// `<meta charset>`, then UTF-8 when valid, else windows-1252 (the WHATWG order).
pub fn decode(bytes: &[u8], content_type_header: Option<&str>, is_html: bool) -> (String, Charset) {
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        if let Some(enc) = content_type_header
            .and_then(header_charset)
            .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        {
            // `decode` would also strip a BOM, but there is none here.
            let (text, _, had_errors) = enc.decode(bytes);
            let text = text.into_owned();
            let replacements = if had_errors {
                text.chars().filter(|c| *c == '\u{FFFD}').count() as u64
            } else {
                0
            };
            return (
                text,
                Charset {
                    name: enc.name().to_owned(),
                    source: CharsetSource::Header,
                    replacements,
                },
            );
        }
    }
    sahel_runtime::charset::decode(bytes, is_html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_filtered_by_purpose() {
        assert!(accepted(Purpose::Page, "text/html"));
        assert!(accepted(Purpose::Page, "application/xhtml+xml"));
        assert!(accepted(Purpose::Page, "text/plain"));
        assert!(accepted(Purpose::Page, "application/rss+xml"));
        assert!(!accepted(Purpose::Page, "application/pdf"));
        assert!(!accepted(Purpose::Page, "image/jpeg"));
        assert!(!accepted(Purpose::Feed, "image/jpeg"));
        assert!(accepted(Purpose::Sitemap, "application/x-gzip"));
        assert_eq!(essence("Text/HTML; charset=ISO-8859-1"), "text/html");
        assert_eq!(
            header_charset("text/html; Charset=\"windows-1252\"").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(page_type("", b"  <!DOCTYPE html><html>"), "text/html");
        assert_eq!(page_type("", b"just words"), "text/plain");
    }

    #[test]
    fn header_charset_beats_meta_and_bom_beats_header() {
        // "Les États-Unis ont été clairs" in windows-1252, with a lying meta tag.
        let body =
            b"<html><head><meta charset=\"utf-8\"></head><body>Les \xc9tats-Unis ont \xe9t\xe9 clairs</body></html>";
        let (text, cs) = decode(body, Some("text/html; charset=windows-1252"), true);
        assert!(text.contains("Les États-Unis ont été clairs"), "{text}");
        assert_eq!((cs.name.as_str(), cs.source), ("windows-1252", CharsetSource::Header));
        let (text, cs) = decode(
            b"\xef\xbb\xbf\xc3\xa9t\xc3\xa9",
            Some("text/plain; charset=windows-1252"),
            false,
        );
        assert_eq!((text.as_str(), cs.source), ("été", CharsetSource::Bom));
        let (_, cs) = decode(b"plain", Some("text/plain; charset=no-such-charset"), false);
        assert_eq!(cs.source, CharsetSource::Utf8Valid);
    }
}
