//! What a fetched document is before any text is taken from it: usable text or not (empty,
//! binary), HTML or plain text.

/// Why a document holds no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Nothing but whitespace.
    Empty,
    /// Looks like binary data (control characters or undecodable bytes).
    Binary,
}

impl Unusable {
    /// Bounded label (DLQ kind).
    pub fn kind(&self) -> &'static str {
        match self {
            Unusable::Empty => "empty_document",
            Unusable::Binary => "binary_document",
        }
    }
}

/// Whether a document's beginning (its first 512 characters) shows an HTML page, whatever
/// its declared type.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(512).collect::<String>().to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

/// Rejects bodies that are empty or binary.
pub fn check_usable(body: &str) -> Result<(), Unusable> {
    if body.trim().is_empty() {
        return Err(Unusable::Empty);
    }
    // One pass over the bytes (this runs on whole HTML pages): characters are the bytes that
    // are not UTF-8 continuation bytes; bad ones are C0 controls other than whitespace, C1
    // controls (C2 80..9F) and U+FFFD (EF BF BD), which decoding leaves for undecodable bytes.
    let b = body.as_bytes();
    let (mut total, mut bad) = (0usize, 0usize);
    for (i, &c) in b.iter().enumerate() {
        total += usize::from(c & 0xC0 != 0x80);
        bad += usize::from(
            (c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0C))
                || c == 0x7F
                || (c == 0xC2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
                || (c == 0xEF && b.get(i + 1) == Some(&0xBF) && b.get(i + 2) == Some(&0xBD)),
        );
    }
    // A few stray control characters happen in real text; one in ten is not text.
    if bad * 10 > total {
        return Err(Unusable::Binary);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_documents_are_named() {
        assert_eq!(check_usable("  \n "), Err(Unusable::Empty));
        assert_eq!(check_usable("\u{0}\u{1}\u{2}\u{FFFD}abc"), Err(Unusable::Binary));
        assert!(check_usable("Gewone tekst.").is_ok());
    }

    #[test]
    fn html_is_recognised_by_its_beginning() {
        assert!(looks_like_html("<!DOCTYPE html><html><body>x</body></html>"));
        assert!(!looks_like_html(
            "Troops left the base. <html> came later in the text."[..14].as_ref()
        ));
    }
}
