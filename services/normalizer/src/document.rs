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
    // This runs on whole HTML pages. Characters are the bytes that are not UTF-8 continuation
    // bytes; bad ones are C0 controls other than whitespace, C1 controls (C2 80..9F) and
    // U+FFFD (EF BF BD), which decoding leaves for undecodable bytes. A first pass counts both
    // the characters and the bytes that could open a bad one, in a form the compiler
    // vectorizes; most pages are settled by it, and only the others are looked at byte by byte.
    let b = body.as_bytes();
    let (mut total, mut suspects) = (0usize, 0usize);
    for chunk in b.chunks(255) {
        let (mut t, mut s) = (0u8, 0u8);
        for &c in chunk {
            t += u8::from((c as i8) >= -64);
            s += u8::from(
                (c < 0x20) & (c != b'\n') & (c != b'\r') & (c != b'\t') & (c != 0x0C)
                    | (c == 0x7F)
                    | (c == 0xC2)
                    | (c == 0xEF),
            );
        }
        total += usize::from(t);
        suspects += usize::from(s);
    }
    if suspects * 10 <= total {
        return Ok(());
    }
    let mut bad = 0usize;
    for (i, &c) in b.iter().enumerate() {
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
        // Long enough to cross the first pass's chunks; a few stray controls are text, C1
        // controls and replacement characters past one in ten are not.
        let text = "Des pluies abondantes à Mopti. ".repeat(40);
        assert!(check_usable(&format!("{text}\u{1}{text}\u{85}")).is_ok());
        assert_eq!(
            check_usable(&format!("{text}{}", "\u{85}\u{FFFD}".repeat(200))),
            Err(Unusable::Binary)
        );
        // Non-breaking spaces (C2 A0) are no C1 control.
        assert!(check_usable(&"a\u{A0}".repeat(500)).is_ok());
    }

    #[test]
    fn html_is_recognised_by_its_beginning() {
        assert!(looks_like_html("<!DOCTYPE html><html><body>x</body></html>"));
        assert!(!looks_like_html(
            "Troops left the base. <html> came later in the text."[..14].as_ref()
        ));
    }
}
