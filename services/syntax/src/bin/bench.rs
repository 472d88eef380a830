//! `sahel-syntax-bench`: speed and memory of the shipped models, on one thread.
//!
//! ```sh
//! cargo run --release -p sahel-syntax --bin sahel-syntax-bench [-- --rounds 5] [--models DIR]
//! ```
//!
//! Per language: the held-out sentences of the UD split (when `../shared/data/ud-treebanks` or
//! SAHEL_UD_DIR is there; else the crate's own fixture texts), tagged and parsed from their
//! words (tag + lemma + parse), and parsed from raw text (tokenizer included), in words per
//! second of thread CPU time; and the resident memory with all three models loaded.

use std::time::Instant;

use sahel_syntax::{treebank, Language, Pipeline, Sentence};

fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Thread CPU time in seconds (wall time where the platform gives none).
fn cpu_seconds(start: Instant) -> f64 {
    cpu_time::ThreadTime::try_now()
        .map(|t| t.as_duration().as_secs_f64())
        .unwrap_or_else(|_| start.elapsed().as_secs_f64())
}

fn fixtures(lang: Language) -> Vec<Sentence> {
    let text = match lang {
        Language::En => include_str!("../../tests/fixtures/en.txt"),
        Language::Fr => include_str!("../../tests/fixtures/fr.txt"),
        Language::Nl => include_str!("../../tests/fixtures/nl.txt"),
    };
    Pipeline::shared(lang).map(|p| p.parse_text(text)).unwrap_or_default()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .map(|r| r.parse())
        .transpose()?
        .unwrap_or(3);
    let models: Option<std::path::PathBuf> = args
        .iter()
        .position(|a| a == "--models")
        .and_then(|i| args.get(i + 1))
        .map(Into::into);
    let before = rss_kb().unwrap_or(0);
    let pipelines = Language::ALL
        .into_iter()
        .map(|lang| Pipeline::load(lang, models.as_deref()))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let after = rss_kb().unwrap_or(0);
    println!(
        "resident memory: {:.1} MB before loading, {:.1} MB with en, fr, nl loaded",
        before as f64 / 1024.0,
        after as f64 / 1024.0
    );
    let dir = treebank::default_dir();
    println!("| language | sentences | words | tag + parse, words/s | raw text to trees, words/s |");
    println!("| --- | --- | --- | --- | --- |");
    for (lang, p) in Language::ALL.into_iter().zip(&pipelines) {
        let sentences = match &dir {
            Some(d) => treebank::load(d, lang)?.held_out,
            None => fixtures(lang),
        };
        let words: usize = sentences.iter().map(|s| s.tokens.len()).sum();
        let forms: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.form.as_str()).collect())
            .collect();
        let texts: Vec<&str> = sentences.iter().filter_map(|s| s.text.as_deref()).collect();
        let wall = Instant::now();
        let t0 = cpu_seconds(wall);
        let mut parsed = 0usize;
        for _ in 0..rounds {
            for f in &forms {
                parsed += p.parse_words(f).tokens.len();
            }
        }
        let t1 = cpu_seconds(wall);
        let mut raw_words = 0usize;
        for _ in 0..rounds {
            for t in &texts {
                raw_words += p.parse_text(t).iter().map(|s| s.tokens.len()).sum::<usize>();
            }
        }
        let t2 = cpu_seconds(wall);
        println!(
            "| {lang} | {} | {words} | {:.0} | {:.0} |",
            sentences.len(),
            parsed as f64 / (t1 - t0).max(1e-9),
            raw_words as f64 / (t2 - t1).max(1e-9)
        );
    }
    Ok(())
}
