//! `sahel-extractor-eval`: scores the extractor on its gold set (precision and recall for
//! detection, type, each actor, date, place, modality and event identity), optionally refits
//! the confidence model (`--calibrate`), and codes the seed articles into an event table
//! (`--seeds DIR`, default `../shared/seeds` when present).
//!
//! ```sh
//! cargo run --release -p sahel-extractor --bin sahel-extractor-eval -- [--verbose] [--calibrate] [--seeds DIR]
//! ```

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;
use sahel_extractor::gold::{self, Pr};
use sahel_extractor::Extractor;

#[derive(Debug, Parser)]
#[command(
    name = "sahel-extractor-eval",
    about = "Score the extractor on its gold set; code the seeds"
)]
struct Args {
    /// Gold set directory (gold.json and the texts).
    #[arg(long)]
    gold: Option<PathBuf>,
    /// Print every mention with its match, and every missed gold event.
    #[arg(long)]
    verbose: bool,
    /// Refit the confidence model on the gold set and write data/calibration.json.
    #[arg(long)]
    calibrate: bool,
    /// Code the texts in this directory (one article per file) and print their events.
    #[arg(long)]
    seeds: Option<PathBuf>,
    /// Do not code the seeds even when ../shared/seeds exists.
    #[arg(long)]
    no_seeds: bool,
}

fn row(name: &str, pr: &Pr) {
    println!(
        "{name:<12} P {:.3}  R {:.3}  F1 {:.3}   ({} correct / {} predicted / {} gold)",
        pr.precision(),
        pr.recall(),
        pr.f1(),
        pr.correct,
        pr.predicted,
        pr.gold
    );
}

fn short(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        format!("{t}…")
    } else {
        t
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let extractor = Extractor::new()?;
    let dir = args.gold.clone().unwrap_or_else(gold::gold_dir);
    let articles = gold::load(&dir)?;
    let n_events: usize = articles.iter().map(|a| a.gold.events.len()).sum();
    let rep = gold::evaluate(&extractor, &articles);
    println!(
        "gold set: {} articles, {} annotated events ({})",
        articles.len(),
        n_events,
        dir.display()
    );
    println!("extractor {}", extractor.version());
    row("detection", &rep.detection);
    row("type", &rep.event_type);
    row("actor1", &rep.actor1);
    row("actor2", &rep.actor2);
    row("date", &rep.date);
    row("place", &rep.place);
    row("modality", &rep.modality);
    row("identity", &rep.identity);
    println!("confidence   Brier {:.3}  ECE {:.3}", rep.brier, rep.ece);
    if args.verbose {
        println!("\nmentions (✓ type-correct match, ~ matched with another type, ✗ no gold event):");
        for s in &rep.scored {
            let m = &s.coded.mention;
            let mark = match (s.gold, s.type_ok) {
                (Some(_), true) => "✓",
                (Some(_), false) => "~",
                (None, _) => "✗",
            };
            println!(
                "{mark} {:<28} {:<11} a1={:<24} a2={:<24} date={:<23} place={:<14} {:<12} {:.2} {} | {}",
                short(&s.file, 28),
                m.event_type.as_str(),
                short(m.actor1.as_ref().map(|a| a.name.as_str()).unwrap_or("-"), 24),
                short(m.actor2.as_ref().map(|a| a.name.as_str()).unwrap_or("-"), 24),
                m.date
                    .as_ref()
                    .map(|d| format!("{}..{}", d.start, d.end))
                    .unwrap_or_else(|| "-".into()),
                short(m.place.as_ref().map(|p| p.name.as_str()).unwrap_or("-"), 14),
                m.modality.as_str(),
                m.confidence,
                &m.event_id[4..10],
                short(
                    &m.evidence.trigger.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
                    30
                ),
            );
        }
        println!("\nmissed gold events:");
        for (f, q, t) in &rep.missed {
            println!("  {f}: {t}: {q}");
        }
    }
    if args.calibrate {
        let weights = gold::fit_calibration(&rep.scored);
        let cal = sahel_extractor::lexicon::Calibration {
            comment: format!(
                "Logistic model of P(mention is a correctly coded real event: type, actor 1, date and place right), fitted by `sahel-extractor-eval --calibrate` on the gold set ({} mentions, {} fully correct).",
                rep.scored.len(),
                rep.scored.iter().filter(|s| s.all_ok).count()
            ),
            weights,
        };
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/calibration.json");
        std::fs::write(&path, serde_json::to_string_pretty(&cal)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {} (rebuild to embed it)", path.display());
    }
    let seeds = args.seeds.clone().or_else(|| {
        let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
        (!args.no_seeds && d.is_dir()).then_some(d)
    });
    if let Some(dir) = seeds {
        println!("\nseeds ({}):", dir.display());
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            let lang = sahel_extractor::code_cmd::detect_language(&text);
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mentions = extractor.code_text(&name, &text, lang, None);
            println!("== {name} ({lang}, {} mentions)", mentions.len());
            for m in mentions {
                println!(
                    "  {:<11} {:<15} a1={:<24} a2={:<24} date={:<23} place={:<12} {:<12} {:.2} evt={} | {}",
                    m.event_type.as_str(),
                    m.event_mode.as_deref().unwrap_or("-"),
                    short(m.actor1.as_ref().map(|a| a.name.as_str()).unwrap_or("-"), 24),
                    short(m.actor2.as_ref().map(|a| a.name.as_str()).unwrap_or("-"), 24),
                    m.date
                        .as_ref()
                        .map(|d| format!("{}..{} {}", d.start, d.end, &d.resolution_str()[..3]))
                        .unwrap_or_else(|| "-".into()),
                    short(m.place.as_ref().map(|p| p.name.as_str()).unwrap_or("-"), 12),
                    m.modality.as_str(),
                    m.confidence,
                    &m.event_id[4..12],
                    short(&m.evidence.quote, 90),
                );
            }
        }
    } else if !args.no_seeds {
        eprintln!("sahel-extractor-eval: ../shared/seeds not found; seeds not coded (pass --seeds DIR)");
    }
    Ok(())
}

trait ResolutionStr {
    fn resolution_str(&self) -> &'static str;
}

impl ResolutionStr for sahel_schemas::event::EventDate {
    fn resolution_str(&self) -> &'static str {
        use sahel_schemas::event::DateResolution::*;
        match self.resolution {
            Stated => "stated",
            RelativeToPublication => "rel_pub",
            RelativeToText => "rel_text",
            Inferred => "inferred",
        }
    }
}
