//! The averaged perceptron every model here is: a sparse weight row per feature (a 64-bit hash),
//! one weight per class the feature was ever updated for.
//!
//! [`Trainer`] learns with lazy averaging (each weight keeps its running total and the step it
//! last changed at); [`Trainer::finish`] averages, drops weights too small to change a decision
//! and freezes the rest into a [`Model`]: an open-addressing table of feature keys pointing into
//! flat arrays of (class, weight), which is what scoring reads; the rows with weights for a
//! quarter of the classes or more (the most frequent features) are also decoded into dense
//! rows, added a whole row at a time. Training is deterministic: no
//! iteration over hash-map order reaches the result, and ties go to the lowest class.

use std::collections::HashMap;

use crate::model::{Reader, Writer};

/// A trained, frozen classifier. Its weights are one byte each ([`LogCodec`]), in memory as
/// in the file, so what is scored in training is what ships.
#[derive(Debug, Clone, Default)]
pub struct Model {
    classes: usize,
    /// Open-addressing table of folded feature keys ([`fold`]); key 0 is an empty slot.
    slots: Vec<Slot>,
    mask: usize,
    /// Each weight as `class << 8 | code`: one load per weight.
    entries: Vec<u32>,
    /// The rows that have a weight for at least a [`DENSE_SHARE`]th of the classes, also
    /// decoded, one weight per class: the most frequent features have such rows, and adding
    /// a whole row at once (vectorized) beats adding its weights one by one, each waiting for
    /// the last one of the same class.
    dense: Vec<f32>,
    /// Where each dense row's weights are in [`Model::entries`] (start, length), for writing
    /// the model back.
    dense_rows: Vec<(u32, u32)>,
    /// The weight of each code.
    lut: Vec<f32>,
    /// The codec's range.
    range: (f32, f32),
}

/// A row with weights for at least this share of the classes (one in N) is also kept dense.
const DENSE_SHARE: usize = 4;

/// [`Slot::row`]'s low byte for a row kept dense.
const DENSE_MARK: u32 = 0xff;

/// A feature's place in the table: its key and its row, in eight bytes (the table is larger
/// than the caches, so its size is what a lookup costs). `row` is `start << 8 | len` for a
/// sparse row of `len` (< 255) weights in [`Model::entries`] from `start` (< 2^24), else
/// `index << 8 |` [`DENSE_MARK`] for the row's index in [`Model::dense`]: a row the eight
/// bytes cannot address is kept dense whatever its share.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    row: u32,
}

impl Slot {
    /// The row's index in [`Model::dense`], when it is kept dense.
    #[inline]
    fn dense(self) -> Option<usize> {
        (self.row & 0xff == DENSE_MARK).then_some((self.row >> 8) as usize)
    }

    /// A sparse row's place in [`Model::entries`] (start, length); meaningless for a dense one.
    #[inline]
    fn sparse(self) -> (usize, usize) {
        ((self.row >> 8) as usize, (self.row & 0xff) as usize)
    }
}

impl Model {
    /// How many classes it scores.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// How many weights there are.
    pub fn weights(&self) -> usize {
        self.entries.len()
    }

    /// Where the weights of `slot`'s row are in [`Model::entries`] (start, length).
    fn sparse_row(&self, slot: Slot) -> (usize, usize) {
        match slot.dense() {
            Some(d) => {
                let (start, len) = self.dense_rows[d];
                (start as usize, len as usize)
            }
            None => slot.sparse(),
        }
    }

    /// How many features have weights.
    pub fn features(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Adds the weights of `feats` into `scores` (one per class; not cleared first).
    #[inline]
    pub fn score_into(&self, feats: &[u64], scores: &mut [f32]) {
        if self.slots.is_empty() {
            return;
        }
        // First every feature's home slot, as independent loads the processor overlaps (the
        // table is larger than the caches: waiting for each miss in turn is most of the time).
        const CHUNK: usize = 32;
        let mut home = [Slot::default(); CHUNK];
        let mut at = [0usize; CHUNK];
        let mut rows = [(0usize, 0usize); CHUNK];
        let mut first = [0u32; CHUNK];
        let mut dense = [0usize; CHUNK];
        const LANE: usize = 256;
        let two_lanes = self.classes <= LANE;
        let mut lanes = [0f32; 2 * LANE];
        for part in feats.chunks(CHUNK) {
            for (j, &f) in part.iter().enumerate() {
                let i = (mix(u64::from(fold(f))) as usize) & self.mask;
                at[j] = i;
                home[j] = self.slots[i];
            }
            // Then each found row's first weight, again as independent loads.
            let (mut found, mut found_dense) = (0, 0);
            for (j, &f) in part.iter().enumerate() {
                let f = fold(f);
                let (mut i, mut slot) = (at[j], home[j]);
                while slot.key != f && slot.key != 0 {
                    i = (i + 1) & self.mask;
                    slot = self.slots[i];
                }
                if slot.key != f {
                    continue;
                }
                if let Some(d) = slot.dense() {
                    dense[found_dense] = d * self.classes;
                    found_dense += 1;
                } else if let (start, len @ 1..) = slot.sparse() {
                    rows[found] = (start, start + len);
                    first[found] = self.entries[start];
                    found += 1;
                }
            }
            for &d in &dense[..found_dense] {
                for (s, w) in scores.iter_mut().zip(&self.dense[d..d + self.classes]) {
                    *s += w;
                }
            }
            // Rows often share classes (every parser row has a weight for SHIFT): adding them
            // into one array makes each add wait for the previous one; two lanes halve that.
            let (even, odd) = lanes.split_at_mut(LANE);
            for (k, (&(start, end), &head)) in rows[..found].iter().zip(&first[..found]).enumerate() {
                let lane: &mut [f32] = if !two_lanes {
                    &mut *scores
                } else if k % 2 == 0 {
                    &mut *even
                } else {
                    &mut *odd
                };
                lane[(head >> 8) as usize] += self.lut[(head & 0xff) as usize];
                for &e in &self.entries[start + 1..end] {
                    lane[(e >> 8) as usize] += self.lut[(e & 0xff) as usize];
                }
            }
        }
        if two_lanes {
            for (c, s) in scores.iter_mut().enumerate().take(self.classes) {
                *s += lanes[c] + lanes[LANE + c];
            }
        }
    }

    /// The best class among `allowed` (all when `None`), and the scores.
    pub fn predict(&self, feats: &[u64], scores: &mut Vec<f32>, allowed: Option<&[u16]>) -> usize {
        scores.clear();
        scores.resize(self.classes, 0.0);
        self.score_into(feats, scores);
        best_allowed(scores, self.classes, allowed)
    }

    /// Freezes rows keyed by folded keys (rows whose keys fold alike are added together).
    fn from_rows(classes: usize, rows: Vec<(u32, Vec<(u16, f32)>)>) -> Model {
        let mut merged: std::collections::BTreeMap<u32, Vec<(u16, f32)>> = std::collections::BTreeMap::new();
        for (k, row) in rows {
            let into = merged.entry(k.max(1)).or_default();
            for (c, w) in row {
                match into.iter_mut().find(|e| e.0 == c) {
                    Some(e) => e.1 += w,
                    None => into.push((c, w)),
                }
            }
        }
        let mags = merged
            .values()
            .flat_map(|r| r.iter().map(|e| e.1.abs()))
            .filter(|m| *m > 0.0);
        let (lo, hi) = mags.fold((f32::MAX, 0f32), |(lo, hi), m| (lo.min(m), hi.max(m)));
        let (lo, hi) = if hi > 0.0 { (lo.max(hi * 1e-6), hi) } else { (1.0, 1.0) };
        let codec = LogCodec::new(lo, hi);
        let (mut keys, mut lens, mut cls, mut codes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (k, mut row) in merged {
            row.sort_unstable_by_key(|e| e.0);
            keys.push(k);
            lens.push(row.len());
            for (c, w) in row {
                cls.push(c);
                codes.push(codec.encode(w));
            }
        }
        Model::from_columns(classes, &keys, &lens, cls, codes, (lo, hi))
    }

    /// The table over columns: keys (unique, non-zero), row lengths, and the rows' classes and
    /// weight codes one after the other.
    fn from_columns(
        classes: usize,
        keys: &[u32],
        lens: &[usize],
        entry_class: Vec<u16>,
        entry_code: Vec<u8>,
        range: (f32, f32),
    ) -> Model {
        let entries: Vec<u32> = entry_class
            .iter()
            .zip(&entry_code)
            .map(|(&c, &b)| u32::from(c) << 8 | u32::from(b))
            .collect();
        let cap = (keys.len() + keys.len() / 3 + 1).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mask = cap - 1;
        let codec = LogCodec::new(range.0, range.1);
        let lut: Vec<f32> = (0..=255u8).map(|b| codec.decode(b)).collect();
        let (mut dense, mut dense_rows) = (Vec::new(), Vec::new());
        let mut start = 0usize;
        for (&key, &len) in keys.iter().zip(lens) {
            let mut row = (start as u32) << 8 | len as u32;
            if (len > 1 && len * DENSE_SHARE >= classes) || len >= DENSE_MARK as usize || start >= 1 << 24 {
                row = (dense_rows.len() as u32) << 8 | DENSE_MARK;
                dense_rows.push((start as u32, len as u32));
                let at = dense.len();
                dense.resize(at + classes, 0.0);
                for &e in &entries[start..start + len] {
                    dense[at + (e >> 8) as usize] += lut[(e & 0xff) as usize];
                }
            }
            let mut i = (mix(u64::from(key)) as usize) & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = Slot { key, row };
            start += len;
        }
        Model {
            classes,
            slots,
            mask,
            entries,
            dense,
            dense_rows,
            lut,
            range,
        }
    }

    /// Writes the model in columns (key deltas, row lengths, classes, weight codes), which
    /// compress far better than rows. A weight is one byte: a sign and a step on a log scale
    /// between the smallest and the largest magnitude (at most 3.7 % off for a spread up to 10^4).
    pub fn write(&self, w: &mut Writer) {
        let mut rows: Vec<Slot> = self.slots.iter().copied().filter(|s| s.key != 0).collect();
        rows.sort_unstable_by_key(|s| s.key);
        w.usize(self.classes);
        w.usize(rows.len());
        w.f32(self.range.0);
        w.f32(self.range.1);
        let mut prev = 0u32;
        for s in &rows {
            w.varint(u64::from(s.key - prev));
            prev = s.key;
        }
        for s in &rows {
            w.usize(self.sparse_row(*s).1);
        }
        for s in &rows {
            let (start, len) = self.sparse_row(*s);
            for e in start..start + len {
                w.usize((self.entries[e] >> 8) as usize);
            }
        }
        for s in &rows {
            let (start, len) = self.sparse_row(*s);
            for e in start..start + len {
                w.byte((self.entries[e] & 0xff) as u8);
            }
        }
    }

    /// Reads a model written by [`Model::write`].
    pub fn read(r: &mut Reader<'_>) -> anyhow::Result<Model> {
        let classes = r.usize()?;
        let n = r.usize()?;
        let (lo, hi) = (r.f32()?, r.f32()?);
        anyhow::ensure!(lo > 0.0 && hi >= lo && hi.is_finite(), "bad weight range {lo}..{hi}");
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            let delta = u32::try_from(r.varint()?).map_err(|_| anyhow::anyhow!("feature key out of range"))?;
            anyhow::ensure!(delta > 0, "feature keys not increasing");
            prev = prev
                .checked_add(delta)
                .ok_or_else(|| anyhow::anyhow!("feature keys out of range"))?;
            keys.push(prev);
        }
        let lens = (0..n).map(|_| r.usize()).collect::<anyhow::Result<Vec<usize>>>()?;
        let total: usize = lens.iter().sum();
        anyhow::ensure!(total < (1 << 31), "too many weights");
        let mut entry_class = Vec::with_capacity(total);
        for _ in 0..total {
            let c = r.usize()?;
            anyhow::ensure!(c < classes, "class {c} out of {classes}");
            entry_class.push(c as u16);
        }
        let entry_code = (0..total).map(|_| r.byte()).collect::<anyhow::Result<Vec<u8>>>()?;
        Ok(Model::from_columns(
            classes,
            &keys,
            &lens,
            entry_class,
            entry_code,
            (lo, hi),
        ))
    }
}

/// One-byte weights: bit 7 the sign, bits 0..=6 a step between `ln lo` and `ln hi`.
#[derive(Debug, Clone, Copy)]
struct LogCodec {
    ln_lo: f32,
    step: f32,
}

impl LogCodec {
    fn new(lo: f32, hi: f32) -> LogCodec {
        let (ln_lo, ln_hi) = (lo.ln(), hi.ln());
        LogCodec {
            ln_lo,
            step: ((ln_hi - ln_lo) / 127.0).max(1e-6),
        }
    }

    fn encode(self, w: f32) -> u8 {
        let q = ((w.abs().max(1e-30).ln() - self.ln_lo) / self.step)
            .round()
            .clamp(0.0, 127.0) as u8;
        if w < 0.0 {
            q | 0x80
        } else {
            q
        }
    }

    fn decode(self, b: u8) -> f32 {
        let m = (self.ln_lo + f32::from(b & 0x7f) * self.step).exp();
        if b & 0x80 != 0 {
            -m
        } else {
            m
        }
    }
}

/// The best of `classes` scores among `allowed` (all when `None` or empty).
fn best_allowed(scores: &[f32], classes: usize, allowed: Option<&[u16]>) -> usize {
    match allowed {
        Some(set) if !set.is_empty() => argmax_among(scores, set.iter().map(|&c| c as usize)),
        _ => argmax_among(scores, 0..classes),
    }
}

/// The index of the highest score among `candidates`; ties go to the first.
pub fn argmax_among(scores: &[f32], candidates: impl Iterator<Item = usize>) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for c in candidates {
        if c < scores.len() && (best == usize::MAX || scores[c] > best_score) {
            best = c;
            best_score = scores[c];
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

#[derive(Debug, Clone, Copy)]
struct Weight {
    class: u16,
    value: f32,
    total: f64,
    stamp: u64,
}

/// Learns a [`Model`].
#[derive(Debug)]
pub struct Trainer {
    classes: usize,
    rows: HashMap<u64, Vec<Weight>>,
    step: u64,
    /// How often each feature occurred where [`Trainer::count`] was called.
    seen: HashMap<u64, u32>,
}

impl Trainer {
    /// A trainer for `classes` classes.
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            rows: HashMap::new(),
            step: 1,
            seen: HashMap::new(),
        }
    }

    /// How many classes it scores.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Grows the class count (labels found later).
    pub fn set_classes(&mut self, classes: usize) {
        self.classes = self.classes.max(classes);
    }

    /// The current (not averaged) scores of `feats`.
    pub fn scores(&self, feats: &[u64], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.classes, 0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for w in row {
                    scores[w.class as usize] += w.value;
                }
            }
        }
    }

    /// The best class among `allowed` (all when `None`) under the current weights.
    pub fn predict(&self, feats: &[u64], scores: &mut Vec<f32>, allowed: Option<&[u16]>) -> usize {
        self.scores(feats, scores);
        best_allowed(scores, self.classes, allowed)
    }

    /// One online step: predicts among `allowed`, learns from `gold`, moves the averaging
    /// clock; returns the prediction.
    pub fn learn(&mut self, feats: &[u64], gold: usize, scores: &mut Vec<f32>, allowed: Option<&[u16]>) -> usize {
        let guess = self.predict(feats, scores, allowed);
        self.update(feats, gold, guess);
        self.tick();
        guess
    }

    /// Counts the occurrence of `feats`, for [`Trainer::finish`]'s frequency cut-off.
    pub fn count(&mut self, feats: &[u64]) {
        for &f in feats {
            *self.seen.entry(f.max(1)).or_default() += 1;
        }
    }

    /// One training instance seen: moves the averaging clock.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Rewards `gold` and penalizes `guess` on `feats` (nothing when they are equal).
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        for &f in feats {
            let row = self.rows.entry(f.max(1)).or_default();
            for (class, delta) in [(gold, 1.0f32), (guess, -1.0f32)] {
                let class = class as u16;
                let now = self.step;
                match row.iter_mut().find(|w| w.class == class) {
                    Some(w) => {
                        w.total += f64::from(w.value) * (now - w.stamp) as f64;
                        w.stamp = now;
                        w.value += delta;
                    }
                    None => row.push(Weight {
                        class,
                        value: delta,
                        total: 0.0,
                        stamp: now,
                    }),
                }
            }
        }
    }

    /// Averages the weights, drops those whose magnitude is below `min_weight` and, when
    /// occurrences were counted, the features counted fewer than `min_count` times; freezes.
    pub fn finish(self, min_weight: f32, min_count: u32) -> Model {
        let now = self.step;
        let counted = !self.seen.is_empty();
        let seen = self.seen;
        let rows: Vec<(u32, Vec<(u16, f32)>)> = self
            .rows
            .into_iter()
            .filter(|(key, _)| !counted || seen.get(key).copied().unwrap_or(0) >= min_count)
            .filter_map(|(key, row)| {
                let mut kept: Vec<(u16, f32)> = row
                    .into_iter()
                    .filter_map(|w| {
                        let total = w.total + f64::from(w.value) * (now - w.stamp) as f64;
                        let avg = (total / now as f64) as f32;
                        (avg.abs() >= min_weight && avg.is_finite()).then_some((w.class, avg))
                    })
                    .collect();
                kept.sort_unstable_by_key(|e| e.0);
                (!kept.is_empty()).then_some((fold(key), kept))
            })
            .collect();
        Model::from_rows(self.classes, rows)
    }
}

/// A feature key folded to the 32 bits a frozen model stores (never 0).
#[inline]
fn fold(k: u64) -> u32 {
    ((k ^ (k >> 32)) as u32).max(1)
}

/// Spreads a key's bits for the table index.
#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let data: Vec<(Vec<u64>, usize)> = vec![(vec![1, 10], 0), (vec![2, 10], 1), (vec![3, 10], 2), (vec![1, 11], 0)];
        let mut t = Trainer::new(3);
        let mut scores = Vec::new();
        for _ in 0..5 {
            for (f, gold) in &data {
                t.learn(f, *gold, &mut scores, None);
            }
        }
        let m = t.finish(0.0, 0);
        for (f, gold) in &data {
            assert_eq!(m.predict(f, &mut scores, None), *gold);
        }
        let mut w = Writer::default();
        m.write(&mut w);
        let bytes = w.into_bytes();
        let again = Model::read(&mut Reader::new(&bytes)).expect("reads");
        for (f, gold) in &data {
            assert_eq!(again.predict(f, &mut scores, None), *gold);
        }
        let constrained = again.predict(&[1, 10], &mut scores, Some(&[1, 2]));
        assert!(
            constrained == 1 || constrained == 2,
            "a class outside the allowed set: {constrained}"
        );
        let codec = LogCodec::new(0.05, 500.0);
        for w in [0.05f32, -0.05, 1.0, -3.7, 499.0, 500.0] {
            let back = codec.decode(codec.encode(w));
            assert!((back - w).abs() <= 0.04 * w.abs(), "{w} came back as {back}");
        }
    }

    #[test]
    fn dense_rows_score_and_write_as_their_sparse_weights() {
        // Eight classes: a row with weights for four of them is kept dense, one with a single
        // weight is not. Scores must be the decoded weights summed, and the model must write
        // back to the same bytes it was read from.
        let rows = vec![
            (7u32, vec![(0u16, 1.5f32), (2, -0.5), (5, 2.0), (7, 0.25)]),
            (9u32, vec![(3u16, 4.0f32)]),
        ];
        let m = Model::from_rows(8, rows);
        assert_eq!(
            m.dense_rows,
            vec![(0, 4)],
            "the four-weight row is dense, the other not"
        );
        assert_eq!(m.weights(), 5);
        // Feature keys fold to themselves when their high half is zero.
        let mut scores = vec![0f32; 8];
        m.score_into(&[7, 9, 12345], &mut scores);
        for (c, want) in [(0, 1.5f32), (2, -0.5), (3, 4.0), (5, 2.0), (7, 0.25), (1, 0.0)] {
            assert!(
                (scores[c] - want).abs() <= 0.04 * want.abs(),
                "class {c}: {} for {want}",
                scores[c]
            );
        }
        let mut w = Writer::default();
        m.write(&mut w);
        let bytes = w.into_bytes();
        let again = Model::read(&mut Reader::new(&bytes)).expect("reads");
        let mut w2 = Writer::default();
        again.write(&mut w2);
        assert_eq!(bytes, w2.into_bytes());
        let mut again_scores = vec![0f32; 8];
        again.score_into(&[7, 9], &mut again_scores);
        assert_eq!(scores, again_scores);
    }
}
