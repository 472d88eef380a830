//! `sahel-plover-score`: codes the PLOVER gold-standard records with the extractor and prints,
//! overall and per gold type, the share of sentences with any mention, with a mention of the
//! gold type, and with the source and target countries right (the rule: `sahel_evaluation::plover`).
//!
//! ```sh
//! cargo run --release -q -p sahel-evaluation --bin sahel-plover-score -- [--gsr FILE] [--verbose]
//! ```
//!
//! The default file is the dev half, `../shared/data/plover-gsr-dev/PLOVER_GSR_dev.json` beside
//! the repository; when it is missing the command fails naming it. Each record is coded as
//! published on its `date`.

use std::path::PathBuf;

use clap::Parser;
use sahel_evaluation::plover::{self, SentenceScore, Tally};
use sahel_extractor::Extractor;

#[derive(Debug, Parser)]
#[command(
    name = "sahel-plover-score",
    about = "Score the extractor on the PLOVER gold-standard records (type, source and target country per sentence)"
)]
struct Args {
    /// The records (a JSON array; default: ../shared/data/plover-gsr-dev/PLOVER_GSR_dev.json).
    #[arg(long, value_name = "FILE")]
    gsr: Option<PathBuf>,
    /// List every sentence with its gold and predicted codes.
    #[arg(long)]
    verbose: bool,
}

fn row(name: &str, t: &Tally) {
    println!(
        "{name:<12} {:>4}  {:.3}  {:.3}  {:.3}   {:.3}   ({} / {} / {} / {}; gold source {}, target {})",
        t.sentences,
        t.share(t.any),
        t.share(t.type_ok),
        t.share(t.source_ok),
        t.share(t.target_ok),
        t.any,
        t.type_ok,
        t.source_ok,
        t.target_ok,
        t.with_source,
        t.with_target
    );
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "✓"
    } else {
        "✗"
    }
}

fn detail(s: &SentenceScore, text: &str) {
    let predicted: Vec<String> = s
        .predicted
        .iter()
        .map(|p| {
            format!(
                "{}({}→{})",
                p.event_type,
                p.actor1_country.as_deref().unwrap_or("-"),
                p.actor2_country.as_deref().unwrap_or("-")
            )
        })
        .collect();
    println!(
        "{} type{} src{} tgt{}  {:<28} gold {}({}→{})  predicted {}",
        mark(s.any),
        mark(s.type_ok),
        mark(s.source_ok),
        mark(s.target_ok),
        s.id,
        s.gold_event,
        s.source_codes.join(","),
        s.target_codes.join(","),
        if predicted.is_empty() {
            "-".to_owned()
        } else {
            predicted.join(" ")
        }
    );
    println!("    {text}");
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let path = args.gsr.clone().unwrap_or_else(plover::default_gsr_path);
    let records = plover::load(&path)?;
    let extractor = Extractor::new()?;
    let sum = plover::evaluate(&extractor, &records);
    println!(
        "PLOVER gold-standard records: {} read, {} sentences scored ({})",
        sum.records,
        sum.overall.sentences,
        path.display()
    );
    println!("extractor {}", extractor.version());
    println!("share of sentences with: any mention; a mention of the gold type (FIGHT = ASSAULT); of the gold type with actor 1 / actor 2 of a gold source / target country (first three letters)");
    println!("gold type       n    any   type  source  target");
    row("overall", &sum.overall);
    for (t, tally) in &sum.by_type {
        row(t, tally);
    }
    if args.verbose {
        println!("\nsentences (any, type, source, target; gold TYPE(source→target), predicted TYPE(actor1→actor2)):");
        let texts: std::collections::HashMap<&str, &str> = records
            .iter()
            .map(|r| (r.id.as_str(), r.text.as_deref().unwrap_or_default()))
            .collect();
        for s in &sum.sentences {
            detail(s, texts.get(s.id.as_str()).copied().unwrap_or_default());
        }
    }
    Ok(())
}
