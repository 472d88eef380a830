//! `sahel-neardup-eval`: precision and recall of near-duplicate detection on variants of the Zyte
//! benchmark's articles (see `sahel_evaluation::neardup`), MinHash-LSH against SimHash, at
//! several thresholds, with the time per document.
//!
//! ```sh
//! cargo run --release -p sahel-evaluation --bin sahel-neardup-eval
//! ```

use std::time::Instant;

use anyhow::{bail, Result};
use clap::Parser;
use sahel_evaluation::neardup::{self, Variant};
use sahel_evaluation::zyte;
use sahel_normalizer::neardup::{MemoryIndex, Params, Signature, THRESHOLD};

#[derive(Debug, Parser)]
#[command(
    name = "sahel-neardup-eval",
    about = "Near-duplicate detection: precision and recall on Zyte variants"
)]
struct Args {
    /// Benchmark directory (default: SAHEL_ZYTE_DIR or ../shared/data/zyte-article-extraction-benchmark).
    #[arg(long)]
    data: Option<std::path::PathBuf>,
    /// Seed of the variant generator.
    #[arg(long, default_value_t = neardup::SEED)]
    seed: u64,
}

const THRESHOLDS: [f64; 8] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() -> Result<()> {
    let args = Args::parse();
    let dir = args.data.unwrap_or_else(zyte::data_dir);
    if !zyte::data_available(&dir) {
        bail!(
            "benchmark data not found in {} (set --data or SAHEL_ZYTE_DIR)",
            dir.display()
        );
    }
    let bodies = zyte::load_ground_truth(&dir.join(zyte::GROUND_TRUTH_FILE))?;
    let docs = neardup::build(&bodies, args.seed);
    let pairs = neardup::pairs(&docs);
    let positives = pairs.iter().filter(|p| p.2).count();
    println!(
        "test set: {} articles, {} documents ({} variants each), {} positive pairs, {} negative pairs",
        bodies.len(),
        docs.len(),
        Variant::DERIVED.len(),
        positives,
        pairs.len() - positives
    );

    // MinHash-LSH: pair precision/recall for several shingle sizes and bandings.
    println!("\nMinHash-LSH, pairs (flagged = shares a band and estimate >= threshold)");
    println!(
        "{:<24} {}",
        "scheme",
        THRESHOLDS.map(|t| format!("  t={t:<4} P/R     ")).join("")
    );
    let configs = [
        Params {
            shingle_words: 3,
            bands: 32,
            rows: 4,
        },
        Params {
            shingle_words: 5,
            bands: 32,
            rows: 4,
        },
        Params {
            shingle_words: 7,
            bands: 32,
            rows: 4,
        },
        Params {
            shingle_words: 5,
            bands: 16,
            rows: 8,
        },
        Params {
            shingle_words: 5,
            bands: 64,
            rows: 2,
        },
    ];
    for params in configs {
        let sigs = neardup::minhash_signatures(&docs, params);
        let facts = neardup::minhash_pairs(&sigs, &pairs);
        let row: Vec<String> = THRESHOLDS
            .iter()
            .map(|&t| {
                let c = neardup::minhash_counts(&facts, &pairs, t);
                format!("  {:.3}/{:.3}    ", c.precision(), c.recall())
            })
            .collect();
        let max_negative = facts
            .iter()
            .zip(&pairs)
            .filter(|(_, p)| !p.2)
            .filter_map(|(f, _)| f.map(|f| f.estimate))
            .fold(0.0f64, f64::max);
        let mark = if params == Params::DEFAULT { " *" } else { "" };
        println!(
            "{:<24} {}  highest negative estimate {max_negative:.3}",
            format!("{}{mark}", params.scheme()),
            row.join("")
        );
    }

    // SimHash over the same 5-word shingles, every pair compared (no index).
    println!("\nSimHash (64 bits, 5-word shingles), pairs, all compared (flagged = Hamming distance <= d)");
    let hashes: Vec<Option<u64>> = docs
        .iter()
        .map(|d| {
            let sh = sahel_normalizer::neardup::shingles(&d.text, 5);
            (sahel_normalizer::neardup::words(&d.text).len() >= sahel_normalizer::neardup::MIN_WORDS)
                .then(|| neardup::simhash(&sh))
        })
        .collect();
    for d in [0u32, 3, 6, 9, 12, 15, 18, 21, 24] {
        let c = neardup::simhash_counts(&hashes, &pairs, d);
        println!(
            "  d <= {d:>2}: P {:.3}  R {:.3}  F1 {:.3}",
            c.precision(),
            c.recall(),
            c.f1()
        );
    }

    // The service's scheme, as a stream (exact check, then the LSH index), in a shuffled order.
    let params = Params::DEFAULT;
    let sigs = neardup::minhash_signatures(&docs, params);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    neardup::Rng::new(args.seed ^ 0x5354_5245_414d).shuffle(&mut order);
    println!(
        "\nStream ({}; documents in shuffled order; exact dedup first, then MinHash-LSH)",
        params.scheme()
    );
    for &t in &THRESHOLDS {
        let (c, per) = neardup::stream(&docs, &sigs, params, t, &order);
        let per: Vec<String> = Variant::DERIVED
            .iter()
            .chain([&Variant::Original])
            .map(|v| {
                let (ok, expected) = per.get(v).copied().unwrap_or_default();
                format!("{} {ok}/{expected}", v.as_str())
            })
            .collect();
        let mark = if t == THRESHOLD { "  <- chosen" } else { "" };
        println!(
            "  t={t:<4}: P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})  [{}]{mark}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_,
            per.join(", ")
        );
    }

    println!("\nHardest negatives (distinct articles with the highest true Jaccard of 5-word shingles):");
    for (a, b, j) in neardup::hardest_negatives(&docs, params, 5) {
        let est = match (&sigs[a], &sigs[b]) {
            (Some((x, _)), Some((y, _))) => x.similarity(y),
            _ => f64::NAN,
        };
        println!("  jaccard {j:.3}  estimate {est:.3}  {} vs {}", docs[a].id, docs[b].id);
    }

    // Time per document: signature (words, shingles, 128 minima, band keys) and the in-memory
    // claim, over every document, best of 3 rounds.
    let mut sig_times = Vec::new();
    let mut claim_times = Vec::new();
    for round in 0..3 {
        let mut index = MemoryIndex::new();
        for (i, d) in docs.iter().enumerate() {
            let t0 = Instant::now();
            let sig = Signature::of_text(&d.text);
            let keys = sig.as_ref().map(|s| s.band_keys(params));
            let t1 = Instant::now();
            if let Some(s) = &sig {
                std::hint::black_box(index.claim(&i.to_string(), s));
            }
            let t2 = Instant::now();
            std::hint::black_box(keys);
            if round == 0 {
                sig_times.push((t1 - t0).as_secs_f64() * 1e3);
                claim_times.push((t2 - t1).as_secs_f64() * 1e3);
            } else {
                sig_times[i] = sig_times[i].min((t1 - t0).as_secs_f64() * 1e3);
                claim_times[i] = claim_times[i].min((t2 - t1).as_secs_f64() * 1e3);
            }
        }
    }
    let words: f64 = docs
        .iter()
        .map(|d| d.text.split_whitespace().count() as f64)
        .sum::<f64>()
        / docs.len() as f64;
    sig_times.sort_by(f64::total_cmp);
    claim_times.sort_by(f64::total_cmp);
    println!(
        "\nTime per document ({} documents, {:.0} words on average): signature median {:.3} ms, p99 {:.3} ms; \
         in-memory claim median {:.4} ms, p99 {:.4} ms",
        docs.len(),
        words,
        percentile(&sig_times, 0.5),
        percentile(&sig_times, 0.99),
        percentile(&claim_times, 0.5),
        percentile(&claim_times, 0.99)
    );
    let (c, _) = neardup::stream(&docs, &sigs, params, THRESHOLD, &order);
    println!(
        "\nchosen: {} at threshold {THRESHOLD}: stream precision {:.3}, recall {:.3}",
        params.scheme(),
        c.precision(),
        c.recall()
    );
    Ok(())
}
