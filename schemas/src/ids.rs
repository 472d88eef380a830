//! Identities. Every id is a short, prefixed hex digest of what makes the thing itself, so
//! replaying or refetching produces the same ids and the writer's upserts stay idempotent.

use sha2::{Digest, Sha256};

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// `prefix` + the first 16 bytes (32 hex digits) of SHA-256 over the parts, each part
/// terminated by a 0x1F unit separator so `("ab","c")` and `("a","bc")` differ.
pub fn digest_id(prefix: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    let d = h.finalize();
    // encode_to_slice rather than encode: the writer computes three ids per mention, and
    // encode builds its string one char at a time.
    let mut hex = [0u8; 32];
    let mut id = String::with_capacity(prefix.len() + hex.len());
    id.push_str(prefix);
    if hex::encode_to_slice(&d[..16], &mut hex).is_ok() {
        id.push_str(std::str::from_utf8(&hex).unwrap_or_default());
    }
    id
}

/// A fetched document: the location and the hash of its bytes. The same bytes at the same
/// place are the same document; changed bytes are a new document.
pub fn document_id(location: &str, content_sha256: &str) -> String {
    digest_id("doc_", &[location, content_sha256])
}

/// An article: one per document.
pub fn article_id(document_id: &str) -> String {
    digest_id("art_", &[document_id])
}

/// A real-world event: type, the two actors' canonical names, the place and the date. Two
/// mentions that agree on these are one event.
pub fn event_id(event_type: &str, actor1: &str, actor2: &str, place: &str, date: &str) -> String {
    digest_id("evt_", &[event_type, actor1, actor2, place, date])
}

/// A mention: article, sentence, span and type.
pub fn mention_id(article_id: &str, sentence_index: u32, char_start: u32, event_type: &str) -> String {
    digest_id(
        "men_",
        &[
            article_id,
            &sentence_index.to_string(),
            &char_start.to_string(),
            event_type,
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_separated() {
        let a = document_id("/x/a.txt", "00");
        assert_eq!(a, document_id("/x/a.txt", "00"));
        assert_ne!(a, document_id("/x/a.txt", "01"));
        assert!(a.starts_with("doc_") && a.len() == 4 + 32);
        assert_ne!(
            event_id("PROTEST", "ab", "c", "", ""),
            event_id("PROTEST", "a", "bc", "", "")
        );
        assert_ne!(article_id(&a), mention_id(&a, 0, 0, "PROTEST"));
    }
}
