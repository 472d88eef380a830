//! `sahel-extractor-bench`: articles coded per second on one core (this process codes on one
//! thread), over the dev gold articles and, when present, the seed articles.
//!
//! ```sh
//! cargo run --release -p sahel-evaluation --bin sahel-extractor-bench -- [--seconds 5]
//! ```

use std::time::{Duration, Instant};

use clap::Parser;
use sahel_evaluation::events_gold::{self, Split};
use sahel_extractor::{code_cmd, Extractor};

#[derive(Debug, Parser)]
#[command(name = "sahel-extractor-bench", about = "Measure extractor throughput on one core")]
struct Args {
    /// How long to measure.
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let t0 = Instant::now();
    let extractor = Extractor::new()?;
    println!("data loaded in {:.1} ms", t0.elapsed().as_secs_f64() * 1000.0);
    let mut docs: Vec<(String, String, String)> = events_gold::load(&Split::Dev.dir())?
        .into_iter()
        .map(|a| (a.gold.file, a.gold.lang, a.text))
        .collect();
    let seeds = sahel_evaluation::shared_dir().join("seeds");
    if seeds.is_dir() {
        for e in std::fs::read_dir(&seeds)? {
            let p = e?.path();
            let text = std::fs::read_to_string(&p)?;
            let lang = code_cmd::detect_language(&text).to_owned();
            docs.push((p.display().to_string(), lang, text));
        }
    } else {
        eprintln!("sahel-extractor-bench: ../shared/seeds not found; measuring the gold articles only");
    }
    let n_gold = docs.len() - docs.iter().filter(|d| d.0.contains("seeds")).count();
    let (gold_docs, seed_docs) = docs.split_at(n_gold);
    measure("gold articles", gold_docs, &extractor, args.seconds / 2.0);
    if !seed_docs.is_empty() {
        measure("seed articles", seed_docs, &extractor, args.seconds / 2.0);
    }
    Ok(())
}

fn measure(label: &str, docs: &[(String, String, String)], extractor: &Extractor, seconds: f64) {
    let words: usize = docs.iter().map(|d| d.2.split_whitespace().count()).sum();
    let mut times = Vec::new();
    let mut mentions = 0usize;
    let start = Instant::now();
    let budget = Duration::from_secs_f64(seconds);
    while start.elapsed() < budget {
        for (id, lang, text) in docs {
            let t = Instant::now();
            mentions += extractor.code_text(id, text, lang, None).len();
            times.push(t.elapsed());
        }
    }
    let total = start.elapsed().as_secs_f64();
    times.sort();
    let pct = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0;
    let rounds = times.len() as f64 / docs.len() as f64;
    println!(
        "{label}: {} articles of {} words on average; {} coded in {:.2} s on one thread: {:.0} articles/s, {:.0} words/s; per article median {:.2} ms, p99 {:.2} ms; {} mentions per round",
        docs.len(),
        words / docs.len().max(1),
        times.len(),
        total,
        times.len() as f64 / total,
        rounds * words as f64 / total,
        pct(0.5),
        pct(0.99),
        (mentions as f64 / rounds).round()
    );
}
