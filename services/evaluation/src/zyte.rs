//! Scorer for the Zyte article-extraction benchmark
//! (<https://github.com/scrapinghub/article-extraction-benchmark>, MIT, © 2020 Scrapinghub).
//!
//! Only the `articleBody` text is scored, document by document, then averaged:
//!
//! 1. [`tokens`]: maximal runs of word characters, case kept. A word character is exactly what
//!    Python's `re` calls `\w` in a `str` pattern: general category `L*` or `N*`, or `_`
//!    ([`is_word_char`]). Combining marks (`Mn`/`Mc`, e.g. Devanagari vowel signs, Arabic
//!    harakat) split tokens, unlike Rust's `char::is_alphanumeric` or the `regex` crate's `\w`.
//! 2. [`shingles`]: the multiset of overlapping 4-token windows; 1–3 tokens give one shingle of
//!    all of them, no tokens give none.
//! 3. [`score_document`]: TP = Σ min(gold, predicted) over shingles, FP = predicted surplus,
//!    FN = gold surplus, each then divided by TP+FP+FN so that long articles do not weigh more.
//!    Accuracy: the token sequences are equal.
//! 4. [`aggregate`]: precision TP/(TP+FP) averaged over documents with TP+FP > 0, recall
//!    TP/(TP+FN) over documents with TP+FN > 0 (both 1 when FP = FN = 0); F1 is the harmonic mean
//!    of the two means (not a mean of per-document F1). Accuracy is the share of exact matches.
//! 5. [`bootstrap_std`]: sample standard deviation of each metric over resamples (with
//!    replacement) of the documents, from a seeded RNG so that reports are reproducible.
//!
//! A prediction missing for a gold id, or whose `articleBody` is `null`, is scored as empty text.
//! Predicted ids that are not in the gold set are ignored (see [`IdMismatch`]).

use anyhow::{bail, Context, Result};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Tokens per shingle.
pub const SHINGLE_SIZE: usize = 4;
/// Bootstrap resamples behind the published "±" values.
pub const BOOTSTRAP_RESAMPLES: usize = 1000;
/// Seed of the bootstrap RNG, fixed so that the same predictions always print the same "±".
pub const BOOTSTRAP_SEED: u64 = 0x5a17_e5c0_4e00_2019;
/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SAHEL_ZYTE_DIR";
/// Gold file inside the data directory.
pub const GROUND_TRUTH_FILE: &str = "ground-truth.json";
/// Directory of peer tool outputs inside the data directory.
pub const PEER_DIR: &str = "peer-outputs";
/// Directory of the gzip-compressed pages (`<id>.html.gz`) inside the data directory.
pub const HTML_DIR: &str = "html";
/// Name of the data directory under `<workspace root>/../shared/data`.
const DATA_DIR_NAME: &str = "zyte-article-extraction-benchmark";

/// Article bodies by document id.
pub type Bodies = BTreeMap<String, String>;

// ---------------------------------------------------------------------------------------------
// Tokens and shingles

/// Whether `c` is a word character in Python's `re` sense for `str` patterns (`\w`):
/// `str.isalnum()` or `_`, which is exactly general category L (Lu, Ll, Lt, Lm, Lo) or
/// N (Nd, Nl, No), or the underscore.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    )
}

/// The maximal runs of word characters of `text`, in order, case kept (Python's
/// `re.findall(r'\w+', text)`).
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The multiset of shingles of a token sequence: every window of [`SHINGLE_SIZE`] tokens with
/// its count; a sequence shorter than that is one shingle; an empty sequence has none.
pub fn shingles<'t, 's>(tokens: &'t [&'s str]) -> HashMap<&'t [&'s str], usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < SHINGLE_SIZE {
        out.insert(tokens, 1);
        return out;
    }
    for window in tokens.windows(SHINGLE_SIZE) {
        *out.entry(window).or_insert(0) += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Per-document counts

/// Raw shingle counts of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ShingleCounts {
    /// Σ min(gold count, predicted count).
    pub true_positives: usize,
    /// Σ max(0, predicted count − gold count).
    pub false_positives: usize,
    /// Σ max(0, gold count − predicted count).
    pub false_negatives: usize,
}

/// Compares the shingle multisets of two token sequences (the multisets of [`shingles`]).
///
/// This is the hot loop of a benchmark run (millions of shingles), so tokens are interned to
/// small ids, a shingle is packed into one `u128` and the maps use a cheap multiplicative hash
/// instead of SipHash; [`shingles`] is the plain definition (the tests check both agree).
pub fn shingle_counts<'s>(gold: &[&'s str], predicted: &[&'s str]) -> ShingleCounts {
    let capacity = gold.len() + predicted.len();
    let mut ids: FastMap<&'s str, u32> = FastMap::with_capacity_and_hasher(capacity, Default::default());
    let mut intern = |tokens: &[&'s str]| -> Vec<u32> {
        tokens
            .iter()
            .map(|t| {
                // Ids stay below u32::MAX, the padding of short shingles (a text would need 4
                // billion distinct tokens to reach it).
                let next = u32::try_from(ids.len()).unwrap_or(u32::MAX - 1).min(u32::MAX - 1);
                *ids.entry(*t).or_insert(next)
            })
            .collect()
    };
    let (gold, predicted) = (intern(gold), intern(predicted));

    // shingle -> [gold count, predicted count]
    let mut both: FastMap<u128, [usize; 2]> = FastMap::with_capacity_and_hasher(capacity, Default::default());
    for (side, ids) in [&gold, &predicted].into_iter().enumerate() {
        for_each_packed_shingle(ids, |key| both.entry(key).or_default()[side] += 1);
    }
    let mut counts = ShingleCounts::default();
    for [g, p] in both.into_values() {
        counts.true_positives += g.min(p);
        counts.false_negatives += g.saturating_sub(p);
        counts.false_positives += p.saturating_sub(g);
    }
    counts
}

/// Calls `f` with each shingle of interned tokens packed into a `u128` (unused slots of a short
/// text's single shingle hold `u32::MAX`, which is never an id).
fn for_each_packed_shingle(ids: &[u32], mut f: impl FnMut(u128)) {
    let pack = |window: &[u32]| {
        (0..SHINGLE_SIZE).fold(0u128, |acc, i| {
            (acc << 32) | u128::from(window.get(i).copied().unwrap_or(u32::MAX))
        })
    };
    match ids.len() {
        0 => {}
        n if n < SHINGLE_SIZE => f(pack(ids)),
        _ => ids.windows(SHINGLE_SIZE).for_each(|w| f(pack(w))),
    }
}

/// A `HashMap` with [`MixHasher`].
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<MixHasher>>;

/// A small non-cryptographic hasher (multiply and fold): the keys are benchmark text, not
/// adversarial input, and SipHash dominated the run time of a debug build.
#[derive(Debug, Default, Clone, Copy)]
struct MixHasher(u64);

impl MixHasher {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(&mut self, word: u64) {
        let product = u128::from(self.0 ^ word).wrapping_mul(u128::from(Self::K));
        self.0 = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let tail = chunks.remainder();
        let mut word = [0u8; 8];
        word[..tail.len()].copy_from_slice(tail);
        // The length keeps "a\0" and "a" apart.
        self.mix(u64::from_le_bytes(word) ^ ((tail.len() as u64) << 59));
    }

    fn write_u128(&mut self, n: u128) {
        self.mix(n as u64);
        self.mix((n >> 64) as u64);
    }
}

/// One scored document: TP, FP and FN normalised by TP+FP+FN (all 0 when both texts are
/// empty), and whether the token sequences are equal.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DocScore {
    /// Normalised true positives.
    pub tp: f64,
    /// Normalised false positives.
    pub fp: f64,
    /// Normalised false negatives.
    pub fn_: f64,
    /// The predicted token sequence equals the gold one.
    pub exact: bool,
}

impl DocScore {
    /// Normalises raw counts.
    pub fn from_counts(counts: ShingleCounts, exact: bool) -> Self {
        let total = counts.true_positives + counts.false_positives + counts.false_negatives;
        if total == 0 {
            return Self {
                exact,
                ..Self::default()
            };
        }
        let total = total as f64;
        Self {
            tp: counts.true_positives as f64 / total,
            fp: counts.false_positives as f64 / total,
            fn_: counts.false_negatives as f64 / total,
            exact,
        }
    }

    /// Precision, or `None` when the prediction has no shingle (such documents are left out of
    /// the mean).
    pub fn precision(&self) -> Option<f64> {
        if self.tp + self.fp <= 0.0 {
            None
        } else if self.fp == 0.0 && self.fn_ == 0.0 {
            Some(1.0)
        } else {
            Some(self.tp / (self.tp + self.fp))
        }
    }

    /// Recall, or `None` when the gold text has no shingle (left out of the mean).
    pub fn recall(&self) -> Option<f64> {
        if self.tp + self.fn_ <= 0.0 {
            None
        } else if self.fp == 0.0 && self.fn_ == 0.0 {
            Some(1.0)
        } else {
            Some(self.tp / (self.tp + self.fn_))
        }
    }
}

/// Scores one document.
pub fn score_document(gold: &str, predicted: &str) -> DocScore {
    let gold = tokens(gold);
    let predicted = tokens(predicted);
    DocScore::from_counts(shingle_counts(&gold, &predicted), gold == predicted)
}

/// Scores every gold document, in gold id order; a missing prediction is empty text.
pub fn score_documents(gold: &Bodies, predicted: &Bodies) -> Vec<DocScore> {
    gold.iter()
        .map(|(id, body)| score_document(body, predicted.get(id).map_or("", String::as_str)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Corpus scores

/// Corpus-level scores.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Harmonic mean of `precision` and `recall` (0 when both are 0).
    pub f1: f64,
    /// Mean per-document precision over documents with a predicted shingle (0 if none).
    pub precision: f64,
    /// Mean per-document recall over documents with a gold shingle (0 if none).
    pub recall: f64,
    /// Share of documents whose token sequences match exactly.
    pub accuracy: f64,
    /// Documents scored.
    pub n: usize,
}

/// Aggregates per-document scores (each item counts once per occurrence, so a bootstrap
/// resample can pass repeated documents).
pub fn aggregate<'a>(docs: impl IntoIterator<Item = &'a DocScore>) -> Scores {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n, mut exact, mut n) = (0.0, 0usize, 0.0, 0usize, 0usize, 0usize);
    for doc in docs {
        n += 1;
        if let Some(p) = doc.precision() {
            p_sum += p;
            p_n += 1;
        }
        if let Some(r) = doc.recall() {
            r_sum += r;
            r_n += 1;
        }
        exact += usize::from(doc.exact);
    }
    let mean = |sum: f64, count: usize| if count == 0 { 0.0 } else { sum / count as f64 };
    let precision = mean(p_sum, p_n);
    let recall = mean(r_sum, r_n);
    Scores {
        f1: crate::f1(precision, recall),
        precision,
        recall,
        accuracy: mean(exact as f64, n),
        n,
    }
}

/// Scores predictions against the gold bodies (missing predictions are empty text; predicted ids
/// absent from the gold are ignored).
pub fn score(gold: &Bodies, predicted: &Bodies) -> Scores {
    aggregate(&score_documents(gold, predicted))
}

/// Bootstrap standard deviations of the corpus scores.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScoreStd {
    /// Std of F1.
    pub f1: f64,
    /// Std of precision.
    pub precision: f64,
    /// Std of recall.
    pub recall: f64,
    /// Std of accuracy.
    pub accuracy: f64,
}

/// Sample standard deviation (n − 1) of each corpus score over `resamples` bootstrap resamples
/// of `docs` (each the size of `docs`, drawn with replacement) from an RNG seeded with `seed`.
pub fn bootstrap_std(docs: &[DocScore], resamples: usize, seed: u64) -> ScoreStd {
    if docs.is_empty() || resamples < 2 {
        return ScoreStd::default();
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let mut samples = Vec::with_capacity(resamples);
    let mut resample = Vec::with_capacity(docs.len());
    for _ in 0..resamples {
        resample.clear();
        resample.extend((0..docs.len()).map(|_| &docs[rng.random_range(0..docs.len())]));
        samples.push(aggregate(resample.iter().copied()));
    }
    let std = |metric: fn(&Scores) -> f64| {
        let mean = samples.iter().map(metric).sum::<f64>() / resamples as f64;
        let var = samples.iter().map(|s| (metric(s) - mean).powi(2)).sum::<f64>() / (resamples - 1) as f64;
        var.sqrt()
    };
    ScoreStd {
        f1: std(|s| s.f1),
        precision: std(|s| s.precision),
        recall: std(|s| s.recall),
        accuracy: std(|s| s.accuracy),
    }
}

/// Scores plus their bootstrap standard deviations.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evaluation {
    /// Corpus scores.
    pub scores: Scores,
    /// Bootstrap std ([`BOOTSTRAP_RESAMPLES`] resamples, [`BOOTSTRAP_SEED`]).
    pub std: ScoreStd,
}

/// [`score`] plus [`bootstrap_std`] with the default resamples and seed.
pub fn evaluate(gold: &Bodies, predicted: &Bodies) -> Evaluation {
    let docs = score_documents(gold, predicted);
    Evaluation {
        scores: aggregate(&docs),
        std: bootstrap_std(&docs, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED),
    }
}

/// Ids present on one side only.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdMismatch {
    /// Gold ids without a prediction (scored as empty text).
    pub missing: Vec<String>,
    /// Predicted ids not in the gold (ignored).
    pub extra: Vec<String>,
}

impl IdMismatch {
    /// Compares the id sets.
    pub fn between(gold: &Bodies, predicted: &Bodies) -> Self {
        Self {
            missing: gold.keys().filter(|id| !predicted.contains_key(*id)).cloned().collect(),
            extra: predicted.keys().filter(|id| !gold.contains_key(*id)).cloned().collect(),
        }
    }

    /// Both sides have the same ids.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

// ---------------------------------------------------------------------------------------------
// Data files

/// The data directory: `$SAHEL_ZYTE_DIR` if set and non-empty, else
/// `<workspace root>/../shared/data/zyte-article-extraction-benchmark`.
pub fn data_dir() -> PathBuf {
    crate::pages::data_dir(DATA_DIR_ENV, DATA_DIR_NAME)
}

/// `<workspace root>/../shared/data/zyte-article-extraction-benchmark`, with the workspace root
/// two levels above this crate's manifest.
pub fn default_data_dir() -> PathBuf {
    crate::pages::shared_data_dir(DATA_DIR_NAME)
}

/// Whether `dir` holds the gold file.
pub fn data_available(dir: &Path) -> bool {
    dir.join(GROUND_TRUTH_FILE).is_file()
}

/// A predictions file: the article bodies and, for the wrapped format, the tool version.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Predictions {
    /// `version` of the wrapper format; `None` for the plain format.
    pub version: Option<String>,
    /// Predicted body by id (`null` bodies as empty text).
    pub bodies: Bodies,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// `{id: {"articleBody": str|null, ...}}` → bodies; a missing or `null` body is empty text.
fn bodies_from(map: &Map<String, Value>) -> Result<Bodies> {
    map.iter()
        .map(|(id, entry)| {
            let Value::Object(fields) = entry else {
                bail!("entry {id:?} is not an object")
            };
            let body = match fields.get("articleBody") {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => bail!("articleBody of {id:?} is not a string: {other}"),
            };
            Ok((id.clone(), body))
        })
        .collect()
}

/// Parses the gold file: `{id: {"articleBody": str, "url": str}}`.
pub fn parse_ground_truth(json: &str) -> Result<Bodies> {
    let value: Value = serde_json::from_str(json).context("ground truth is not JSON")?;
    let Value::Object(map) = value else {
        bail!("ground truth is not a JSON object")
    };
    bodies_from(&map)
}

/// Loads the gold file.
pub fn load_ground_truth(path: &Path) -> Result<Bodies> {
    parse_ground_truth(&read(path)?).with_context(|| format!("in {}", path.display()))
}

/// Parses predictions in either format: `{id: {"articleBody": str}}`, or the wrapper
/// `{"version": str, "output": {id: {"articleBody": str}}}`.
pub fn parse_predictions(json: &str) -> Result<Predictions> {
    let value: Value = serde_json::from_str(json).context("predictions are not JSON")?;
    let Value::Object(map) = value else {
        bail!("predictions are not a JSON object")
    };
    match map.get("output") {
        Some(Value::Object(output)) => {
            let version = match map.get("version") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => Some(other.to_string()),
            };
            Ok(Predictions {
                version,
                bodies: bodies_from(output)?,
            })
        }
        _ => Ok(Predictions {
            version: None,
            bodies: bodies_from(&map)?,
        }),
    }
}

/// Loads a predictions file in either format.
pub fn load_predictions(path: &Path) -> Result<Predictions> {
    parse_predictions(&read(path)?).with_context(|| format!("in {}", path.display()))
}

/// The peer output files (`<data dir>/peer-outputs/*.json`), sorted by name.
pub fn peer_files(data_dir: &Path) -> Result<Vec<PathBuf>> {
    let dir = data_dir.join(PEER_DIR);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry.with_context(|| format!("listing {}", dir.display()))?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The page of document `id` (`<data dir>/html/<id>.html.gz`), decompressed, as raw bytes.
pub fn load_html_bytes(data_dir: &Path, id: &str) -> Result<Vec<u8>> {
    crate::pages::read_gzip(&data_dir.join(HTML_DIR).join(format!("{id}.html.gz")))
}

/// The page of document `id` as text (the pages are UTF-8).
pub fn load_html(data_dir: &Path, id: &str) -> Result<String> {
    String::from_utf8(load_html_bytes(data_dir, id)?).with_context(|| format!("page {id} is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(pairs: &[(&str, &str)]) -> Bodies {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn tokens_are_unicode_word_runs_with_case_kept() {
        assert_eq!(
            tokens("Hello, world!  It's 2019."),
            ["Hello", "world", "It", "s", "2019"]
        );
        assert_eq!(tokens("snake_case __x__ a-b"), ["snake_case", "__x__", "a", "b"]);
        assert_eq!(
            tokens("Ça coûte 5€ — «Niamey» Ağadez"),
            ["Ça", "coûte", "5", "Niamey", "Ağadez"]
        );
        // Letters of other scripts, other numbers (², ½) and letter numbers (Ⅻ) are word characters.
        assert_eq!(tokens("東京 x² ½ Ⅻ αβγ"), ["東京", "x²", "½", "Ⅻ", "αβγ"]);
        assert_eq!(tokens("...!?\n\t  "), Vec::<&str>::new());
        assert_eq!(tokens(""), Vec::<&str>::new());
    }

    #[test]
    fn combining_marks_split_tokens_like_python() {
        // Python: re.findall(r'\w+', 'हिंदी') == ['ह', 'द']: vowel signs and anusvara are Mn/Mc.
        assert_eq!(tokens("हिंदी"), ["ह", "द"]);
        // A decomposed é (e + U+0301) splits too, and so does an emoji variation selector.
        assert_eq!(tokens("cafe\u{301} ok\u{fe0f}go"), ["cafe", "ok", "go"]);
        assert!(!is_word_char('\u{0301}'));
        assert!(!is_word_char('Ⓐ')); // So, although Rust calls it alphabetic
        assert!('Ⓐ'.is_alphabetic());
        assert!(is_word_char('_') && is_word_char('ǅ') && is_word_char('ʰ'));
    }

    #[test]
    fn shingles_of_long_short_and_empty_texts() {
        let t = tokens("a b c d a b c d e");
        let s = shingles(&t);
        assert_eq!(s.len(), 5);
        assert_eq!(s[&["a", "b", "c", "d"][..]], 2);
        assert_eq!(s[&["d", "a", "b", "c"][..]], 1);
        assert_eq!(s.values().sum::<usize>(), 6);

        for text in ["one", "one two", "one two three"] {
            let t = tokens(text);
            let s = shingles(&t);
            assert_eq!(s.len(), 1, "{text}");
            assert_eq!(s[&t[..]], 1);
        }
        assert_eq!(shingles(&tokens("four tokens right here")).len(), 1);
        assert!(shingles(&tokens("")).is_empty());
        assert!(shingles(&tokens(" -- ")).is_empty());
    }

    #[test]
    fn empty_texts() {
        // Both empty: no shingles at all; the document counts only towards accuracy (a match).
        let both = score_document("", "...");
        assert_eq!(
            both,
            DocScore {
                tp: 0.0,
                fp: 0.0,
                fn_: 0.0,
                exact: true
            }
        );
        assert_eq!((both.precision(), both.recall()), (None, None));
        // Empty prediction: recall 0, no precision.
        let none = score_document("a b c d e", "");
        assert_eq!((none.precision(), none.recall()), (None, Some(0.0)));
        assert!(!none.exact);
        // Prediction of a document with no gold shingle: precision 0, no recall.
        let spurious = score_document("", "x y");
        assert_eq!((spurious.precision(), spurious.recall()), (Some(0.0), None));
    }

    #[test]
    fn hand_computed_precision_and_recall() {
        // Gold "a b c d e f": shingles abcd, bcde, cdef.
        // Predicted "a b c d e x y": abcd, bcde, cdex, dexy.
        // TP 2, FP 2, FN 1 -> normalised 2/5, 2/5, 1/5; P = 2/4, R = 2/3.
        let gold = tokens("a b c d e f");
        let pred = tokens("a, b. c d e x y");
        let counts = shingle_counts(&gold, &pred);
        assert_eq!(
            counts,
            ShingleCounts {
                true_positives: 2,
                false_positives: 2,
                false_negatives: 1
            }
        );
        let doc = score_document("a b c d e f", "a, b. c d e x y");
        assert!((doc.tp - 0.4).abs() < 1e-12 && (doc.fp - 0.4).abs() < 1e-12 && (doc.fn_ - 0.2).abs() < 1e-12);
        assert_eq!(doc.precision(), Some(0.5));
        assert!((doc.recall().unwrap() - 2.0 / 3.0).abs() < 1e-12);

        // Corpus: doc1 above; doc2 exact match (different punctuation) -> P = R = 1;
        // doc3 missing prediction -> no precision, recall 0.
        let gold = bodies(&[("1", "a b c d e f"), ("2", "Hello, world"), ("3", "p q r s t")]);
        let pred = bodies(&[("1", "a, b. c d e x y"), ("2", "Hello world!"), ("9", "ignored")]);
        let s = score(&gold, &pred);
        let p = (0.5 + 1.0) / 2.0;
        let r = (2.0 / 3.0 + 1.0 + 0.0) / 3.0;
        assert_eq!(s.n, 3);
        assert!((s.precision - p).abs() < 1e-12);
        assert!((s.recall - r).abs() < 1e-12);
        assert!((s.f1 - 2.0 * p * r / (p + r)).abs() < 1e-12);
        assert!((s.accuracy - 1.0 / 3.0).abs() < 1e-12);

        let ids = IdMismatch::between(&gold, &pred);
        assert_eq!(ids.missing, ["3"]);
        assert_eq!(ids.extra, ["9"]);
    }

    /// [`shingle_counts`] against the definition on the [`shingles`] multisets.
    #[test]
    fn shingle_counts_match_the_multiset_definition() {
        let reference = |gold: &[&str], pred: &[&str]| {
            let (g, p) = (shingles(gold), shingles(pred));
            let mut c = ShingleCounts::default();
            for (k, &n) in &g {
                let m = p.get(k).copied().unwrap_or(0);
                c.true_positives += n.min(m);
                c.false_negatives += n.saturating_sub(m);
            }
            for (k, &m) in &p {
                c.false_positives += m.saturating_sub(g.get(k).copied().unwrap_or(0));
            }
            c
        };
        let texts = [
            "",
            "a",
            "a b",
            "a b c",
            "a b c d",
            "b c d a",
            "a a a a a a a",
            "a b a b a b a b c",
            "the cat sat on the mat and the cat sat on the hat",
            "cat sat on the mat the cat sat",
        ];
        for gold in texts {
            for pred in texts {
                let (g, p) = (tokens(gold), tokens(pred));
                assert_eq!(
                    shingle_counts(&g, &p),
                    reference(&g, &p),
                    "gold {gold:?}, predicted {pred:?}"
                );
            }
        }
    }

    #[test]
    fn duplicated_shingles_count_as_multisets() {
        // Gold has "x x x x" twice (5 x's -> 2 windows); predicted has it once (4 x's).
        let doc = score_document("x x x x x", "x x x x");
        assert_eq!((doc.precision(), doc.recall()), (Some(1.0), Some(0.5)));
        assert!(!doc.exact);
    }

    #[test]
    fn bootstrap_is_seeded_and_zero_for_constant_scores() {
        let docs: Vec<DocScore> = ["a b c d", "a b c d e f", "x y z"]
            .iter()
            .zip(["a b c d", "a b c d q", ""])
            .map(|(g, p)| score_document(g, p))
            .collect();
        let a = bootstrap_std(&docs, 200, 7);
        assert_eq!(a, bootstrap_std(&docs, 200, 7));
        assert!(a.recall > 0.0 && a.accuracy > 0.0);
        let same = vec![score_document("a b c d", "a b c d"); 10];
        assert_eq!(bootstrap_std(&same, 100, 1), ScoreStd::default());
        assert_eq!(bootstrap_std(&[], 100, 1), ScoreStd::default());
    }

    #[test]
    fn both_prediction_formats_parse() {
        let plain =
            parse_predictions(r#"{"a": {"articleBody": "x y", "url": "u"}, "b": {"articleBody": null}}"#).unwrap();
        assert_eq!(plain.version, None);
        assert_eq!(plain.bodies, bodies(&[("a", "x y"), ("b", "")]));
        let wrapped =
            parse_predictions(r#"{"version": "1.2", "output": {"a": {"articleBody": "z"}, "b": {}}}"#).unwrap();
        assert_eq!(wrapped.version.as_deref(), Some("1.2"));
        assert_eq!(wrapped.bodies, bodies(&[("a", "z"), ("b", "")]));
        assert!(parse_predictions(r#"{"a": "not an object"}"#).is_err());
        assert!(parse_predictions(r#"{"a": {"articleBody": 3}}"#).is_err());
        assert!(parse_predictions("[]").is_err());
        assert_eq!(
            parse_ground_truth(r#"{"a": {"articleBody": "t", "url": "u"}}"#).unwrap(),
            bodies(&[("a", "t")])
        );
    }

    #[test]
    fn default_data_dir_is_beside_the_workspace() {
        let dir = default_data_dir();
        assert!(
            dir.ends_with("shared/data/zyte-article-extraction-benchmark"),
            "{}",
            dir.display()
        );
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .canonicalize()
            .unwrap();
        assert_eq!(
            Some(dir.parent().unwrap().parent().unwrap().parent().unwrap()),
            workspace.parent()
        );
    }
}
