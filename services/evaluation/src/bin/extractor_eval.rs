//! `sahel-extractor-eval`: scores the extractor on its event gold (precision and recall for
//! detection, type, each actor, date, place, modality and event identity), one table per half
//! (`--split dev|heldout|both`, default both), optionally refits the confidence model on the
//! held-out half (`--calibrate`), and codes the seed articles into an event table (`--seeds DIR`,
//! default `../shared/seeds` when present).
//!
//! ```sh
//! cargo run --release -p sahel-evaluation --bin sahel-extractor-eval -- \
//!     [--split dev|heldout|both] [--gold DIR] [--lang en|fr|nl] [--verbose] [--verbose-heldout] [--calibrate] [--seeds DIR]
//! ```
//!
//! `--verbose` lists every mention and missed gold event of the dev half only; the held-out
//! half prints its numbers alone unless `--verbose-heldout` is given, so it can be scored
//! without being read. `--gold DIR` scores another gold set: a directory with `gold.json` is
//! scored alone (as one table, detail with `--verbose`), one holding `dev/` and `heldout/` is
//! split as the default root is. `--lang` scores one language's articles alone.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, ValueEnum};
use sahel_evaluation::events_gold::{self, Pr, Report, Split};
use sahel_evaluation::resolution::{self, ClusterScores, Resolution};
use sahel_extractor::Extractor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SplitArg {
    Dev,
    Heldout,
    Both,
}

impl SplitArg {
    fn splits(self) -> &'static [Split] {
        match self {
            SplitArg::Dev => &[Split::Dev],
            SplitArg::Heldout => &[Split::Heldout],
            SplitArg::Both => &Split::ALL,
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "sahel-extractor-eval",
    about = "Score the extractor on its event gold (dev and held-out halves); code the seeds"
)]
struct Args {
    /// Which half of the gold to score.
    #[arg(long, value_enum, default_value_t = SplitArg::Both)]
    split: SplitArg,
    /// Another gold set: a directory with gold.json and the texts (scored alone), or one
    /// holding dev/ and heldout/ (default: services/evaluation/gold/events).
    #[arg(long, value_name = "DIR")]
    gold: Option<PathBuf>,
    /// Print every mention with its match, and every missed gold event (dev half only).
    #[arg(long)]
    verbose: bool,
    /// Print the same detail for the held-out half (reading it spoils it as a test).
    #[arg(long)]
    verbose_heldout: bool,
    /// Refit the confidence model on the held-out half and write it (prints only the weights
    /// and a summary).
    #[arg(long)]
    calibrate: bool,
    /// Where --calibrate writes (default: services/extractor/data/calibration.json).
    #[arg(long, value_name = "FILE", requires = "calibrate")]
    calibration_out: Option<PathBuf>,
    /// Code the texts in this directory (one article per file) and print their events.
    #[arg(long)]
    seeds: Option<PathBuf>,
    /// Do not code the seeds even when ../shared/seeds exists.
    #[arg(long)]
    no_seeds: bool,
    /// Score only the articles in this language (`en`, `fr`, `nl`): the mention scores per
    /// language; resolution then sees only that language's reports.
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

/// A gold set to score: its heading, where it is, and whether its detail may be printed.
struct Set {
    label: String,
    dir: PathBuf,
    split: Option<Split>,
    detail: bool,
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

fn table(rep: &Report) {
    row("detection", &rep.detection);
    row("type", &rep.event_type);
    row("actor1", &rep.actor1);
    row("actor2", &rep.actor2);
    row("date", &rep.date);
    row("place", &rep.place);
    row("modality", &rep.modality);
    row("identity", &rep.identity);
    println!("confidence   Brier {:.3}  ECE {:.3}", rep.brier, rep.ece);
}

fn resolution_row(name: &str, c: &ClusterScores) {
    println!(
        "{name:<12} pairs P {:.3}  R {:.3}   B3 P {:.3}  R {:.3}  F1 {:.3}   weeks apart {}   ({} same-event pairs predicted / {} gold, {} mentions)",
        c.pairs.precision(),
        c.pairs.recall(),
        c.b3_precision,
        c.b3_recall,
        c.b3_f1(),
        c.apart,
        c.pairs.predicted,
        c.pairs.gold,
        c.mentions
    );
}

fn resolution_table(r: &Resolution) {
    resolution_row("same: hash", &r.hashed);
    resolution_row("same: resolv", &r.resolved);
    println!(
        "resolver     {} events, {} reports joined another article's event",
        r.events, r.joins
    );
}

fn details(rep: &Report) {
    println!("\nmentions (✓ type-correct match, ~ matched with another type, ✗ no gold event):");
    for s in &rep.scored {
        let m = &s.coded.mention;
        let mark = match (s.gold, s.type_ok) {
            (Some(_), true) => "✓",
            (Some(_), false) => "~",
            (None, _) => "✗",
        };
        println!(
            "{mark} {:<28} {:<11} a1={:<24} a2={:<24} date={:<23} place={:<14} {:<12} {:.2} {} | {}{}",
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
            if s.wrong.is_empty() {
                String::new()
            } else {
                format!("  gold: {}", s.wrong)
            },
        );
    }
    println!("\nmissed gold events:");
    for (f, q, t) in &rep.missed {
        println!("  {f}: {t}: {q}");
    }
}

/// The sets to score, in order.
fn sets(args: &Args) -> Vec<Set> {
    let detail = |split: Split| match split {
        Split::Dev => args.verbose,
        Split::Heldout => args.verbose_heldout,
    };
    if let Some(dir) = args.gold.as_ref().filter(|d| events_gold::available(d)) {
        if args.split != SplitArg::Both {
            eprintln!(
                "sahel-extractor-eval: --split ignored: {} is a single gold set",
                dir.display()
            );
        }
        return vec![Set {
            label: format!("gold set {}", dir.display()),
            dir: dir.clone(),
            split: None,
            detail: args.verbose,
        }];
    }
    let root = args.gold.clone().unwrap_or_else(events_gold::gold_root);
    args.split
        .splits()
        .iter()
        .map(|&s| Set {
            label: s.label().to_owned(),
            dir: s.dir_under(&root),
            split: Some(s),
            detail: detail(s),
        })
        .collect()
}

fn score(extractor: &Extractor, set: &Set, lang: Option<&str>) -> anyhow::Result<Report> {
    let mut articles = events_gold::load(&set.dir).with_context(|| format!("loading {}", set.label))?;
    if let Some(lang) = lang {
        articles.retain(|a| a.gold.lang == lang);
        anyhow::ensure!(
            !articles.is_empty(),
            "--lang {lang}: {} has no article in that language",
            set.label
        );
    }
    let n_events: usize = articles.iter().map(|a| a.gold.events.len()).sum();
    let rep = events_gold::evaluate(extractor, &articles);
    println!(
        "\n== {}: {} articles, {} annotated events ({})",
        set.label,
        articles.len(),
        n_events,
        set.dir.display()
    );
    table(&rep);
    let res = resolution::evaluate(&articles, &rep);
    resolution_table(&res);
    if set.detail {
        println!("\nresolution errors (pairs across articles):");
        for e in &res.errors {
            println!("  {e}");
        }
        details(&rep);
    }
    Ok(rep)
}

/// Fits the confidence model on `rep` (the held-out half) and writes it to `path`.
fn calibrate(rep: &Report, from: &str, path: &Path) -> anyhow::Result<()> {
    let weights = events_gold::fit_calibration(&rep.scored);
    let fully = rep.scored.iter().filter(|s| s.all_ok).count();
    println!(
        "\ncalibration fitted on {from}: {} mentions, {fully} fully correct",
        rep.scored.len()
    );
    for f in sahel_extractor::coder::FEATURES {
        println!("  {f:<16} {:+.3}", weights.get(f).copied().unwrap_or(0.0));
    }
    let cal = sahel_extractor::lexicon::Calibration {
        comment: format!(
            "Logistic model of P(mention is a correctly coded real event: type, actor 1, date and place right), fitted by `sahel-extractor-eval --calibrate` on the {from} ({} mentions, {fully} fully correct).",
            rep.scored.len(),
        ),
        weights,
    };
    std::fs::write(path, serde_json::to_string_pretty(&cal)? + "\n")
        .with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {} (rebuild to embed it)", path.display());
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let extractor = Extractor::new()?;
    println!("extractor {}", extractor.version());
    let mut heldout: Option<Report> = None;
    let mut single: Option<Report> = None;
    for set in sets(&args) {
        if set.split == Some(Split::Heldout) && !events_gold::available(&set.dir) {
            let msg = format!(
                "{}: no gold set at {} (gold.json not found)",
                set.label,
                set.dir.display()
            );
            anyhow::ensure!(args.split == SplitArg::Both, "{msg}");
            eprintln!("\nsahel-extractor-eval: {msg}; not scored");
            continue;
        }
        let rep = score(&extractor, &set, args.lang.as_deref())?;
        match set.split {
            Some(Split::Heldout) => heldout = Some(rep),
            Some(Split::Dev) => {}
            None => single = Some(rep),
        }
    }
    if args.calibrate {
        anyhow::ensure!(args.lang.is_none(), "--calibrate fits on every language: drop --lang");
        let out = args
            .calibration_out
            .clone()
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../extractor/data/calibration.json"));
        match (single, heldout) {
            (Some(rep), _) => calibrate(&rep, "gold set given with --gold", &out)?,
            (None, Some(rep)) => calibrate(&rep, "held-out gold", &out)?,
            (None, None) => {
                // Not scored above (--split dev): score it quietly, numbers only.
                let root = args.gold.clone().unwrap_or_else(events_gold::gold_root);
                let dir = Split::Heldout.dir_under(&root);
                anyhow::ensure!(
                    events_gold::available(&dir),
                    "--calibrate fits on the held-out gold, and there is none at {} (gold.json not found)",
                    dir.display()
                );
                let articles = events_gold::load(&dir).context("loading the held-out gold")?;
                calibrate(&events_gold::evaluate(&extractor, &articles), "held-out gold", &out)?;
            }
        }
    }
    seeds(&args, &extractor)
}

fn seeds(args: &Args, extractor: &Extractor) -> anyhow::Result<()> {
    let seeds = args.seeds.clone().or_else(|| {
        let d = sahel_evaluation::shared_dir().join("seeds");
        (!args.no_seeds && d.is_dir()).then_some(d)
    });
    let Some(dir) = seeds else {
        if !args.no_seeds {
            eprintln!("sahel-extractor-eval: ../shared/seeds not found; seeds not coded (pass --seeds DIR)");
        }
        return Ok(());
    };
    println!("\nseeds ({}):", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut coded = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
        let lang = sahel_extractor::code_cmd::detect_language(&text);
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mentions = extractor.code_text(&name, &text, lang, None);
        coded.push((name, lang, mentions));
    }
    // Resolved as a stream would bring them: articles by reference date, then name.
    let mut order: Vec<usize> = (0..coded.len()).collect();
    order.sort_by_key(|&i| {
        let r = coded[i]
            .2
            .iter()
            .find_map(|m| m.reference_date.as_ref().map(|r| r.date));
        (r, coded[i].0.clone())
    });
    let mut resolver = sahel_resolver::Resolver::new();
    // Per article, each mention's link.
    let mut resolved: Vec<Vec<sahel_resolver::Link>> = vec![Vec::new(); coded.len()];
    for &i in &order {
        let (reports, of) = sahel_resolver::reports_of(coded[i].2.iter().map(|m| {
            (
                m.article_id.as_str(),
                m.event_id.as_str(),
                sahel_resolver::Facts::of(m, None),
            )
        }));
        let links: Vec<_> = reports
            .into_iter()
            .map(|r| resolver.resolve(&r.proposed, r.facts))
            .collect();
        resolved[i] = of.into_iter().map(|k| links[k].clone()).collect();
    }
    for (i, (name, lang, mentions)) in coded.iter().enumerate() {
        println!("== {name} ({lang}, {} mentions)", mentions.len());
        for (k, m) in mentions.iter().enumerate() {
            let link = &resolved[i][k];
            let joined = if link.joined.is_some() { "+" } else { " " };
            println!(
                "  {:<11} {:<15} a1={:<24} a2={:<24} date={:<23} place={:<12} {:<12} {:.2} evt={}{joined} | {}",
                m.event_type.as_str(),
                m.event_mode.as_deref().unwrap_or("-"),
                short(m.actor1.as_ref().map(|a| a.name.as_str()).unwrap_or("-"), 24),
                short(m.actor2.as_ref().map(|a| a.name.as_str()).unwrap_or("-"), 24),
                m.date
                    .as_ref()
                    .map(|d| format!("{}..{} {}", d.start, d.end, &resolution_str(d)[..3]))
                    .unwrap_or_else(|| "-".into()),
                short(m.place.as_ref().map(|p| p.name.as_str()).unwrap_or("-"), 12),
                m.modality.as_str(),
                m.confidence,
                short_id(resolver.current(&link.event_id)),
                short(&m.evidence.quote, 90),
            );
        }
    }
    println!(
        "\n{} events after resolution; evt=…+ marks a report that joined an event of an earlier article",
        resolver.len()
    );
    Ok(())
}

/// An event id as the table shows it: eight hex digits, and the suffix the resolver gives a
/// second event proposed under a taken id (`~2`).
fn short_id(id: &str) -> String {
    let (base, suffix) = id.split_once('~').map_or((id, ""), |(b, s)| (b, s));
    let short = base.get(4..12).unwrap_or(base);
    if suffix.is_empty() {
        short.to_owned()
    } else {
        format!("{short}~{suffix}")
    }
}

fn resolution_str(d: &sahel_schemas::event::EventDate) -> &'static str {
    use sahel_schemas::event::DateResolution::*;
    match d.resolution {
        Stated => "stated",
        RelativeToPublication => "rel_pub",
        RelativeToText => "rel_text",
        Inferred => "inferred",
    }
}
