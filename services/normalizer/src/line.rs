//! One line of text, cleaned: the helper every other module uses on what it reads. Imports
//! nothing from the crate.

use unicode_normalization::UnicodeNormalization;

/// Invisible characters that are no text: the soft hyphen (a possible line break), the zero
/// width space and the byte-order mark (a zero width no-break space).
const INVISIBLE: [char; 3] = ['\u{AD}', '\u{200B}', '\u{FEFF}'];

/// NFC, every run of whitespace (including no-break spaces) collapsed to one space, trimmed;
/// control characters that are not whitespace (a stray NUL, C1 controls) and invisible
/// characters ([`INVISIBLE`]: "Ver\u{AD}ein" is "Verein") dropped: they are no text, and
/// PostgreSQL cannot store a NUL.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Most text is NFC already (the quick check says so without normalizing): it is read as
    // it is, in one pass.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        collapse_into(s.chars(), &mut out);
    } else {
        collapse_into(s.nfc(), &mut out);
    }
    out
}

/// Pushes `chars` to `out` without control and invisible characters, every run of whitespace
/// one space, none at either end.
fn collapse_into(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut space = false;
    for c in chars {
        if c.is_whitespace() {
            space = true;
        } else if !c.is_control() && !INVISIBLE.contains(&c) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
}

/// The cleaned, non-empty lines of a text.
pub fn clean_lines(text: &str) -> Vec<String> {
    text.lines().map(clean_line).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_nfc_and_collapsed() {
        // "e" + combining acute becomes "é"; tabs and no-break spaces collapse.
        assert_eq!(
            clean_line("  Re\u{301}sistance\t\u{a0} au  Niger "),
            "Résistance au Niger"
        );
        // Control characters are no text (and PostgreSQL refuses a NUL).
        assert_eq!(clean_line("Dori\0 on 7\u{1b} June\u{85}"), "Dori on 7 June");
        assert_eq!(clean_lines(" a \n\n\t\nb  c\r\n"), vec!["a", "b c"]);
        // Soft hyphens, zero width spaces and byte-order marks are invisible.
        assert_eq!(
            clean_line("\u{FEFF}Ver\u{AD}eins\u{200B}vorsitzender"),
            "Vereinsvorsitzender"
        );
    }
}
