//! Feature hashing shared by the stages: a feature is a template number and up to four values,
//! mixed into one non-zero 64-bit key. Strings are hashed once (FNV-1a); the same word gives the
//! same key in training and at run time on every platform.

/// A string's hash (64-bit FNV-1a).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// A byte string's hash (64-bit FNV-1a).
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[inline]
fn step(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29)
}

/// The key of template `t` with values `vals`.
#[inline]
pub fn key(t: u32, vals: &[u64]) -> u64 {
    let mut h = step(0x5851_f42d_4c95_7f2d, u64::from(t) + 1);
    for &v in vals {
        h = step(h, v);
    }
    h | 1
}

/// The word's shape with runs collapsed: `Niamey` → `Xx`, `G5` → `Xd`, `2024` → `d`,
/// `U.S.` → `X.X.`.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars().take(24) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(k) || !matches!(k, 'X' | 'x' | 'd') {
            out.push(k);
        }
        last = Some(k);
    }
    out
}

/// The last `n` characters of `word` (all of it when shorter).
pub fn suffix(word: &str, n: usize) -> &str {
    match word.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &word[i..],
        _ if n == 0 => "",
        _ => word,
    }
}

/// The first `n` characters of `word` (all of it when shorter).
pub fn prefix(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// What the stages read of one word, hashed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordKeys {
    /// The lower-cased form.
    pub lower: u64,
    /// The form as written.
    pub form: u64,
    /// [`shape`].
    pub shape: u64,
    /// Suffixes of the lower-cased form, 1 to 5 characters.
    pub suf: [u64; 5],
    /// Prefixes of the lower-cased form, 1 to 3 characters.
    pub pre: [u64; 3],
    /// Length in characters, capped at 15.
    pub len: u64,
}

/// A typographic punctuation mark alone as the ASCII one the treebanks mostly write: an en
/// or em dash as "-", curly quotes as straight ones, braces as parentheses. The models rarely
/// saw the typographic marks, and read an unknown "–" as a noun, which breaks the parse
/// around it.
pub fn plain_punctuation(form: &str) -> &str {
    match form {
        "–" | "—" | "‒" | "―" | "‐" | "‑" | "−" => "-",
        "“" | "”" | "„" | "‟" => "\"",
        "‘" | "’" | "‚" | "‛" => "'",
        // Braces, which no treebank shows: "{" read as a verb made it the sentence's root.
        "{" => "(",
        "}" => ")",
        _ => form,
    }
}

impl WordKeys {
    /// The keys of `form` (typographic punctuation read as [`plain_punctuation`]).
    pub fn of(form: &str) -> WordKeys {
        let form = plain_punctuation(form);
        let lower = form.to_lowercase();
        let mut suf = [0u64; 5];
        for (n, s) in suf.iter_mut().enumerate() {
            *s = hash_str(suffix(&lower, n + 1));
        }
        let mut pre = [0u64; 3];
        for (n, p) in pre.iter_mut().enumerate() {
            *p = hash_str(prefix(&lower, n + 1));
        }
        WordKeys {
            lower: hash_str(&lower),
            form: hash_str(form),
            shape: hash_str(&shape(form)),
            suf,
            pre,
            len: lower.chars().count().min(15) as u64,
        }
    }
}

/// Keys for positions outside the sentence, so "no word" is a value of its own.
pub const PAD_LEFT: u64 = 0x1111_2222_3333_4444;
/// See [`PAD_LEFT`].
pub const PAD_RIGHT: u64 = 0x5555_6666_7777_8888;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_punctuation_reads_as_ascii() {
        assert_eq!(WordKeys::of("–").lower, WordKeys::of("-").lower);
        assert_eq!(WordKeys::of("”").form, WordKeys::of("\"").form);
        assert_eq!(plain_punctuation("l’"), "l’", "only a mark alone");
        assert_eq!(WordKeys::of("{").lower, WordKeys::of("(").lower);
    }

    #[test]
    fn affixes_and_shapes() {
        assert_eq!(suffix("armée", 2), "ée");
        assert_eq!(suffix("a", 3), "a");
        assert_eq!(suffix("abc", 0), "");
        assert_eq!(prefix("été", 2), "ét");
        assert_eq!(prefix("é", 4), "é");
        assert_eq!(shape("Niamey"), "Xx");
        assert_eq!(shape("G5"), "Xd");
        assert_eq!(shape("U.S."), "X.X.");
        assert_ne!(key(1, &[2]), key(2, &[1]));
        assert_ne!(key(1, &[2, 3]), key(1, &[3, 2]));
        assert_ne!(key(0, &[]), 0);
    }
}
