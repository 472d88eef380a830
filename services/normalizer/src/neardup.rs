//! Near-duplicate detection: MinHash signatures over word shingles, LSH band keys, and the
//! estimated Jaccard similarity. Pure functions; the durable state is in [`crate::dedup`].
//!
//! **Why MinHash-LSH and not SimHash** (measured with `sahel-neardup-eval` on variants of the
//! 181 Zyte benchmark articles; figures in README "Commands for documents and benchmarks"):
//! a story cut to 70 % or wrapped in other boilerplate keeps a Jaccard similarity of about
//! 0.5-0.9, which MinHash estimates without bias, so one threshold separates such variants
//! from distinct articles (the most similar distinct pair estimates 0.20): at 0.4, precision
//! 1.000 and recall 0.947 over pairs. SimHash's Hamming distance grows quickly once a quarter
//! of the shingles differ: even comparing every pair (no index) it peaks at F1 0.930 (P 0.936,
//! R 0.924 at distance 18), and its usual index (exact match on one of a few bit blocks) only
//! finds distances of a few bits, where its recall is below 0.35.
//!
//! Everything is deterministic across processes and versions: the hashes are written here
//! (FNV-1a for words, SplitMix64 for mixing, multiply-shift for the permutations), with fixed
//! seeds. Changing [`Params`] or a hash makes stored signatures incomparable, so the scheme
//! name ([`Params::scheme`]) is stored with every signature and only equal schemes are compared.

use std::collections::HashMap;

/// Shingle size, permutations and banding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Words per shingle.
    pub shingle_words: usize,
    /// LSH bands.
    pub bands: usize,
    /// Signature values per band.
    pub rows: usize,
}

impl Params {
    /// The parameters the service uses (chosen with `sahel-neardup-eval`): 5-word shingles,
    /// 128 permutations in 32 bands of 4. A pair with Jaccard 0.4 shares a band with
    /// probability 0.56, at 0.5 with 0.87, at 0.6 with 0.99; at 0.2 with 0.05 and at 0.01
    /// with 3e-7, so unrelated articles are almost never fetched to be compared. Fewer, wider
    /// bands (16 of 8) lose a third of the variants; narrower ones (64 of 2) fetch far more
    /// candidates per article for 3 points of recall.
    pub const DEFAULT: Params = Params {
        shingle_words: 5,
        bands: 32,
        rows: 4,
    };

    /// Number of MinHash values in a signature.
    pub const fn hashes(&self) -> usize {
        self.bands * self.rows
    }

    /// A name for this scheme, stored with signatures.
    pub fn scheme(&self) -> String {
        format!("minhash-v1-k{}-b{}r{}", self.shingle_words, self.bands, self.rows)
    }
}

impl Default for Params {
    fn default() -> Self {
        Params::DEFAULT
    }
}

/// Estimated Jaccard similarity at or above which an article is a near-duplicate of an earlier
/// one. Chosen with `sahel-neardup-eval` (README): at 0.4 no distinct pair of the test set is
/// flagged (the most similar distinct articles estimate 0.20) and 95 % of the variants are found;
/// 0.5 loses most "boilerplate + truncation + edits" variants, 0.3 gains little and comes
/// closer to distinct stories that share wire paragraphs.
pub const THRESHOLD: f64 = 0.4;

/// Texts with fewer words than this get no near-duplicate verdict (exact dedup still applies):
/// a few shared words say little about two short texts being the same story.
pub const MIN_WORDS: usize = 15;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(FNV_OFFSET, |h, b| (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME))
}

/// SplitMix64's finalizer: a bijective 64-bit mixer.
pub const fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Lower-cased words: maximal runs of letters and digits (punctuation, spacing and case do not
/// matter).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The distinct hashes of the `k`-word shingles of `text`, sorted. A text shorter than `k`
/// words is one shingle; an empty text has none.
pub fn shingles(text: &str, k: usize) -> Vec<u64> {
    let word_hashes: Vec<u64> = words(text).iter().map(|w| fnv1a(w.as_bytes())).collect();
    if word_hashes.is_empty() {
        return Vec::new();
    }
    let k = k.clamp(1, word_hashes.len());
    let mut out: Vec<u64> = word_hashes
        .windows(k)
        .map(|w| w.iter().fold(0x5348_494e_474c_4531_u64, |h, x| mix64(h ^ x)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of two sorted, distinct hash sets (for evaluation).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    both as f64 / union as f64
}

/// The `i`-th permutation's multiplier and offset (odd multiplier: multiply-shift hashing).
fn permutation(i: usize) -> (u64, u64) {
    let i = i as u64;
    (mix64(0xa076_1d64_78bd_642f ^ i) | 1, mix64(0xe703_7ed1_a0b4_28db ^ i))
}

/// A MinHash signature: one 32-bit minimum per permutation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The minima, `Params::hashes()` of them.
    pub values: Vec<u32>,
}

impl Signature {
    /// The signature of a set of shingle hashes (`None` when it is empty).
    pub fn from_shingles(shingles: &[u64], params: Params) -> Option<Signature> {
        if shingles.is_empty() {
            return None;
        }
        let perms: Vec<(u64, u64)> = (0..params.hashes()).map(permutation).collect();
        let mut values = vec![u32::MAX; perms.len()];
        for &s in shingles {
            for (v, (a, b)) in values.iter_mut().zip(&perms) {
                // The top 32 bits of a*x+b (mod 2^64) are a good universal hash of x.
                let h = (a.wrapping_mul(s).wrapping_add(*b) >> 32) as u32;
                if h < *v {
                    *v = h;
                }
            }
        }
        Some(Signature { values })
    }

    /// The signature of a text, with the service's parameters; `None` for texts shorter than
    /// [`MIN_WORDS`] words.
    pub fn of_text(text: &str) -> Option<Signature> {
        Self::of_text_with(text, Params::DEFAULT)
    }

    /// [`Signature::of_text`] with chosen parameters (evaluation).
    pub fn of_text_with(text: &str, params: Params) -> Option<Signature> {
        if words(text).len() < MIN_WORDS {
            return None;
        }
        Self::from_shingles(&shingles(text, params.shingle_words), params)
    }

    /// Estimated Jaccard similarity: the share of equal minima (0 when the lengths differ).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.values.len() != other.values.len() || self.values.is_empty() {
            return 0.0;
        }
        let equal = self.values.iter().zip(&other.values).filter(|(a, b)| a == b).count();
        equal as f64 / self.values.len() as f64
    }

    /// LSH band keys: one per band, a hash of the band's index and values. Two signatures that
    /// agree on every value of some band share that band's key. Returned as `i64` (PostgreSQL
    /// `bigint`), sorted and distinct.
    pub fn band_keys(&self, params: Params) -> Vec<i64> {
        let mut keys: Vec<i64> = self
            .values
            .chunks(params.rows.max(1))
            .enumerate()
            .map(|(band, vals)| {
                let h = vals
                    .iter()
                    .fold(mix64(0x4241_4e44 ^ band as u64), |h, v| mix64(h ^ u64::from(*v)));
                i64::from_le_bytes(h.to_le_bytes())
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`] output (`None` when the length is not a multiple of 4).
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if !bytes.len().is_multiple_of(4) {
            return None;
        }
        let values = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Some(Signature { values })
    }
}

/// A near-duplicate verdict: the original and the estimated similarity.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMatch {
    /// The earlier article this one nearly duplicates.
    pub original: String,
    /// Estimated Jaccard similarity to it.
    pub similarity: f64,
}

/// The best candidate at or above `threshold`: the most similar, ties broken by the smallest
/// id, so every process picks the same one from the same candidates.
pub fn best_match<'a>(
    signature: &Signature,
    candidates: impl IntoIterator<Item = (&'a str, &'a Signature)>,
    threshold: f64,
) -> Option<NearMatch> {
    let mut best: Option<(f64, &str)> = None;
    for (id, sig) in candidates {
        let s = signature.similarity(sig);
        if s < threshold {
            continue;
        }
        let better = match best {
            None => true,
            Some((bs, bid)) => s > bs || (s == bs && id < bid),
        };
        if better {
            best = Some((s, id));
        }
    }
    best.map(|(similarity, id)| NearMatch {
        original: id.to_owned(),
        similarity,
    })
}

/// Resolves a match on `matched` (the most similar earlier article) to the original it points
/// to: `matched` itself when it was an original, else its own original, whose signature is
/// `root`. The similarity reported is the one to that original (it may fall below the threshold
/// when the match was made through a variant), so `duplicate_of` always names an article that
/// was itself unique and chains never form.
pub fn resolve(signature: &Signature, matched: NearMatch, root: Option<(&str, &Signature)>) -> NearMatch {
    match root {
        Some((id, sig)) => NearMatch {
            original: id.to_owned(),
            similarity: signature.similarity(sig),
        },
        None => matched,
    }
}

#[derive(Debug)]
struct Entry {
    id: String,
    signature: Signature,
    /// Index of its original when it is a near duplicate.
    root: Option<usize>,
}

/// An in-memory near-duplicate index (the `extract` command, evaluation), with the same rule
/// as the PostgreSQL state: every article is indexed; a match names the original of the most
/// similar earlier article ([`resolve`]); a replayed id returns its first verdict.
///
/// It is also how [`crate::dedup::claim_batch`] decides a batch: the index is seeded with the
/// stored articles that share a band with the batch ([`MemoryIndex::add_claimed`]) and the
/// stored verdicts of replayed ones ([`MemoryIndex::remember`]), then the batch is claimed in
/// order, so an article is compared with the stored ones and with the batch's earlier ones.
#[derive(Debug, Default)]
pub struct MemoryIndex {
    params: Params,
    threshold: f64,
    bands: HashMap<i64, Vec<usize>>,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    verdicts: HashMap<String, Option<NearMatch>>,
}

impl MemoryIndex {
    /// An empty index with the service's parameters and threshold.
    pub fn new() -> Self {
        Self::with(Params::DEFAULT, THRESHOLD)
    }

    /// An empty index with chosen parameters and threshold.
    pub fn with(params: Params, threshold: f64) -> Self {
        MemoryIndex {
            params,
            threshold,
            ..Default::default()
        }
    }

    /// Indexed articles.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an article claimed earlier (stored state): indexed under `band_keys` (the keys it
    /// is stored under, which decide what it is compared with), with its original and
    /// similarity when it is a near duplicate (`root`: the original's id and signature; a
    /// match on this article names that original) and its first verdict (`verdict`), which a
    /// later [`MemoryIndex::claim`] of the same id returns. Adding an id twice adds its keys.
    pub fn add_claimed(
        &mut self,
        id: &str,
        signature: Signature,
        band_keys: &[i64],
        root: Option<(&str, Signature)>,
        verdict: Option<NearMatch>,
    ) {
        let root = root.map(|(rid, rsig)| self.entry(rid, rsig));
        let i = self.entry(id, signature);
        if root.is_some_and(|r| r != i) {
            self.entries[i].root = root;
        }
        for k in band_keys {
            let members = self.bands.entry(*k).or_default();
            if !members.contains(&i) {
                members.push(i);
            }
        }
        self.verdicts.insert(id.to_owned(), verdict);
    }

    /// Records the verdict `id` got when it was first claimed: a later [`MemoryIndex::claim`]
    /// of `id` returns it (a replay), whatever its signature.
    pub fn remember(&mut self, id: &str, verdict: Option<NearMatch>) {
        self.verdicts.insert(id.to_owned(), verdict);
    }

    /// The entry for `id` (added, not indexed under any band, when it is new).
    fn entry(&mut self, id: &str, signature: Signature) -> usize {
        if let Some(&i) = self.by_id.get(id) {
            return i;
        }
        let n = self.entries.len();
        self.entries.push(Entry {
            id: id.to_owned(),
            signature,
            root: None,
        });
        self.by_id.insert(id.to_owned(), n);
        n
    }

    /// Claims `id`: its near-duplicate verdict against everything claimed before (`None`:
    /// it is an original).
    pub fn claim(&mut self, id: &str, signature: &Signature) -> Option<NearMatch> {
        if let Some(v) = self.verdicts.get(id) {
            return v.clone();
        }
        let keys = signature.band_keys(self.params);
        let mut idx: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.bands.get(k))
            .flatten()
            .copied()
            .collect();
        idx.sort_unstable();
        idx.dedup();
        let found = best_match(
            signature,
            idx.iter()
                .map(|&i| (self.entries[i].id.as_str(), &self.entries[i].signature)),
            self.threshold,
        );
        let (found, root) = match found {
            None => (None, None),
            Some(m) => {
                let matched = self.by_id.get(&m.original).copied();
                let root = matched.and_then(|i| self.entries[i].root);
                let resolved = resolve(
                    signature,
                    m,
                    root.map(|r| (self.entries[r].id.as_str(), &self.entries[r].signature)),
                );
                (Some(resolved), root.or(matched))
            }
        };
        let n = self.entries.len();
        for k in keys {
            self.bands.entry(k).or_default().push(n);
        }
        self.entries.push(Entry {
            id: id.to_owned(),
            signature: signature.clone(),
            root,
        });
        self.by_id.insert(id.to_owned(), n);
        self.verdicts.insert(id.to_owned(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Thousands of people marched through Niamey on Saturday to demand the departure of \
        foreign troops from Niger. The protesters gathered near the national assembly before walking \
        to the airport, where a foreign air base is located. Organisers said the march was peaceful \
        and that more demonstrations would follow in Zinder, Maradi and Agadez in the coming weeks. \
        The military government has asked several partners to leave and has signed new agreements \
        with other countries. Residents interviewed by reporters said they hoped the change would \
        bring security to the border regions, where armed groups have attacked villages and army \
        posts for years.";

    const OTHER: &str = "The central bank of the West African states kept its main policy rate \
        unchanged on Wednesday, citing slowing inflation across the eight member countries of the \
        monetary union. The governor told reporters in Dakar that food prices had eased after a \
        good harvest, but warned that fuel subsidies and security spending were weighing on public \
        finances in several countries. Analysts had expected the decision and said a cut could come \
        later in the year if inflation keeps falling.";

    #[test]
    fn hashes_are_stable_across_versions() {
        // Values fixed once: a change here makes every stored signature incomparable.
        assert_eq!(fnv1a(b""), FNV_OFFSET);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix64(0), 0xe220_a839_7b1d_cdaf);
        let sig = Signature::of_text(STORY).expect("long enough");
        assert_eq!(sig.values.len(), 128);
        assert_eq!(
            (sig.values[0], sig.values[127], sig.band_keys(Params::DEFAULT)[0]),
            (92_039_972, 18_909_009, -8_760_875_068_676_416_837)
        );
        assert_eq!(Signature::of_text(STORY), Some(sig));
    }

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(
            words("Niamey, le 16 MARS — «Paix»!"),
            ["niamey", "le", "16", "mars", "paix"]
        );
        assert_eq!(shingles("a b c", 5).len(), 1);
        assert!(shingles(" ,; ", 5).is_empty());
        assert_eq!(shingles("a b c d e f", 5).len(), 2);
    }

    #[test]
    fn estimate_follows_exact_jaccard() {
        let p = Params::DEFAULT;
        let full = shingles(STORY, p.shingle_words);
        let cut: String = STORY.split(' ').take(60).collect::<Vec<_>>().join(" ");
        let part = shingles(&cut, p.shingle_words);
        let exact = jaccard(&full, &part);
        assert!(exact > 0.4 && exact < 0.9, "{exact}");
        let est = Signature::from_shingles(&full, p)
            .expect("sig")
            .similarity(&Signature::from_shingles(&part, p).expect("sig"));
        assert!((est - exact).abs() < 0.15, "estimate {est} vs exact {exact}");
        let other = Signature::of_text(OTHER).expect("sig");
        assert!(Signature::of_text(STORY).expect("sig").similarity(&other) < 0.1);
    }

    #[test]
    fn signatures_round_trip_through_bytes() {
        let sig = Signature::of_text(STORY).expect("sig");
        assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig.clone()));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
        assert_eq!(sig.band_keys(Params::DEFAULT).len(), 32);
    }

    #[test]
    fn short_texts_get_no_signature() {
        assert_eq!(Signature::of_text("Breaking news from Bamako today"), None);
    }

    #[test]
    fn memory_index_finds_variants_and_not_other_stories() {
        let mut index = MemoryIndex::new();
        let story = Signature::of_text(STORY).expect("sig");
        assert_eq!(index.claim("art_a", &story), None);
        // Boilerplate around the story, and a word changed.
        let wrapped = format!(
            "Subscribe to our newsletter for the latest news.\n{}\nShare this article on Facebook and X.",
            STORY.replace("Saturday", "Sunday")
        );
        let m = index
            .claim("art_b", &Signature::of_text(&wrapped).expect("sig"))
            .expect("a near duplicate");
        assert_eq!(m.original, "art_a");
        assert!(m.similarity >= THRESHOLD && m.similarity < 1.0, "{}", m.similarity);
        assert_eq!(index.claim("art_c", &Signature::of_text(OTHER).expect("sig")), None);
        // A replay gives the first verdict.
        assert_eq!(
            index
                .claim("art_b", &Signature::of_text(OTHER).expect("sig"))
                .map(|m| m.original),
            Some("art_a".into())
        );
        // A variant of the variant names the original, with its similarity to the original.
        let again = format!("{wrapped}\nRead more stories from the Sahel on our site every day.");
        let m = index
            .claim("art_d", &Signature::of_text(&again).expect("sig"))
            .expect("a near duplicate");
        assert_eq!(m.original, "art_a");
        assert!((m.similarity - story.similarity(&Signature::of_text(&again).expect("sig"))).abs() < 1e-12);
        assert_eq!(index.len(), 4);
    }

    #[test]
    fn a_seeded_index_compares_with_stored_articles_under_their_stored_keys() {
        let story = Signature::of_text(STORY).expect("sig");
        let wrapped = Signature::of_text(&format!("{STORY}\nShare this article.")).expect("sig");
        let again = Signature::of_text(&format!("{STORY}\nShare this article.\nRead more.")).expect("sig");
        let keys = |s: &Signature| s.band_keys(Params::DEFAULT);

        // Stored: the original, and a near duplicate of it indexed under its keys.
        let mut index = MemoryIndex::new();
        index.add_claimed("art_a", story.clone(), &[], None, None);
        let dup = NearMatch {
            original: "art_a".into(),
            similarity: wrapped.similarity(&story),
        };
        index.add_claimed(
            "art_b",
            wrapped.clone(),
            &keys(&wrapped),
            Some(("art_a", story.clone())),
            Some(dup.clone()),
        );
        // A match on the stored duplicate names its original, with the similarity to it.
        let m = index.claim("art_c", &again).expect("a near duplicate");
        assert_eq!(m.original, "art_a");
        assert_eq!(m.similarity, again.similarity(&story));
        // A stored article is not claimed again: its stored verdict comes back.
        assert_eq!(index.claim("art_b", &story), Some(dup));
        // Stored articles are found only under the keys given: unrelated keys find nothing.
        let mut blind = MemoryIndex::new();
        blind.add_claimed("art_a", story.clone(), &[1, 2, 3], None, None);
        assert_eq!(blind.claim("art_c", &again), None);
        // A remembered verdict is returned whatever the signature.
        blind.remember("art_z", None);
        assert_eq!(blind.claim("art_z", &story), None);
        assert_eq!(blind.claim("art_y", &story).map(|m| m.original), Some("art_c".into()));
    }

    #[test]
    fn best_match_is_deterministic() {
        let s = Signature {
            values: vec![1, 2, 3, 4],
        };
        let a = Signature {
            values: vec![1, 2, 3, 9],
        };
        let b = Signature {
            values: vec![1, 2, 9, 4],
        };
        let c = Signature {
            values: vec![9, 9, 9, 4],
        };
        let m = best_match(&s, [("art_z", &a), ("art_y", &b), ("art_x", &c)], 0.5).expect("match");
        assert_eq!((m.original.as_str(), m.similarity), ("art_y", 0.75));
        assert_eq!(best_match(&s, [("art_x", &c)], 0.5), None);
    }
}
