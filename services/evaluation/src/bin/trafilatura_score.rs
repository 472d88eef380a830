//! `sahel-trafilatura-score`: scores main-text extraction against trafilatura's evaluation set
//! (the development half in `<workspace>/../shared/data/trafilatura-eval-dev`).
//!
//! ```text
//! sahel-trafilatura-score [--data DIR] [--predictions FILE ...] [--ours [--write-ours FILE] [--engine NAME]]
//!                         [--worst N] [--limit N] [--whitespace]
//! ```
//!
//! `--predictions` scores JSON-lines files, one `{"url": URL, "text": TEXT}` (or `{"file": NAME,
//! "text": TEXT}`) per page; `services/evaluation/scripts/trafilatura_predictions.py` writes
//! trafilatura's. `--ours` runs this project's normalizer (the library, in process, with the page
//! URL as `sahel-normalizer normalize --url` has it) over every page and prints its speed as thread
//! CPU time per document (run with `--release`). For each: P, R, F1 and accuracy over all pages,
//! per language and per page kind, then the `--worst N` pages (default 10) with the snippets
//! they miss and keep wrongly. Scoring is trafilatura's: see `sahel_evaluation::trafilatura_eval`.
//! Exit code 2 when the data is missing.

use anyhow::{bail, Result};
use clap::Parser;
use sahel_evaluation::pages;
use sahel_evaluation::trafilatura_eval::{self as te, Counts, Matching, PageKind, Report};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Scores main-text extraction against trafilatura's evaluation set (must-keep and must-drop
/// snippets per page).
#[derive(Debug, Parser)]
#[command(name = "sahel-trafilatura-score", version)]
struct Cli {
    /// Benchmark data directory (default: $SAHEL_TRAFILATURA_EVAL_DIR, else
    /// <workspace>/../shared/data/trafilatura-eval-dev).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Score these predictions files (JSON lines {"url"|"file": ..., "text": ...}).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    predictions: Vec<PathBuf>,
    /// Score this project's normalizer, run in process over every page.
    #[arg(long)]
    ours: bool,
    /// With --ours: also write its predictions to FILE (JSON lines {"url", "text"}).
    #[arg(long, value_name = "FILE", requires = "ours")]
    write_ours: Option<PathBuf>,
    /// With --ours: the HTML engine (sahel, readability, trafilatura, blocks); default: the service's.
    #[arg(long, value_name = "NAME", requires = "ours", value_parser = pages::engine_name)]
    engine: Option<sahel_evaluation::engines::Engine>,
    /// List the N pages that lose most snippets (0: none).
    #[arg(long, value_name = "N", default_value_t = 10)]
    worst: usize,
    /// Only the first N pages (in URL order), for a quick look.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Collapse whitespace runs before matching (trafilatura's later eval_common.py); the
    /// published figures use plain substrings.
    #[arg(long)]
    whitespace: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = cli.data.clone().unwrap_or_else(te::data_dir);
    if let Some(missing) = te::missing_data(&dir) {
        eprintln!(
            "sahel-trafilatura-score: trafilatura evaluation data not found: {} is missing\n\
             Pass --data DIR or set {} (default location: {}).",
            missing.display(),
            te::DATA_DIR_ENV,
            te::default_data_dir().display(),
        );
        return ExitCode::from(2);
    }
    if cli.predictions.is_empty() && !cli.ours {
        eprintln!("sahel-trafilatura-score: nothing to score: pass --predictions FILE ... and/or --ours");
        return ExitCode::from(2);
    }
    match run(&cli, &dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sahel-trafilatura-score: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli, dir: &Path) -> Result<()> {
    let mut pages = te::load_pages(dir)?;
    if let Some(n) = cli.limit {
        pages.truncate(n);
    }
    if pages.is_empty() {
        bail!("no page to score in {}", dir.display());
    }
    let matching = if cli.whitespace {
        Matching::Whitespace
    } else {
        Matching::Exact
    };
    let mut summary = Vec::new();
    for path in &cli.predictions {
        let predictions = te::load_predictions(path, &pages)?;
        if !predictions.unknown.is_empty() {
            eprintln!(
                "warning: {}: {} entries name no page{} (ignored)",
                path.display(),
                predictions.unknown.len(),
                if cli.limit.is_some() { " among those scored" } else { "" }
            );
        }
        let tool = path
            .file_stem()
            .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
        let report = te::score(&pages, &predictions.texts, matching);
        print_report(&tool, &report, cli.worst);
        summary.push((tool, report.overall));
    }
    if cli.ours {
        let engine = cli.engine.unwrap_or_default();
        let (texts, times) = te::predict_ours(dir, &pages, engine)?;
        if let Some(path) = &cli.write_ours {
            te::write_predictions(path, &texts)?;
        }
        let tool = format!("sahel-normalizer {} ({})", sahel_normalizer::VERSION, engine.name());
        let report = te::score(&pages, &texts, matching);
        print_report(&tool, &report, cli.worst);
        eprintln!("{}", pages::speed_line(&times));
        summary.push((tool, report.overall));
    }
    if summary.len() > 1 {
        summary.sort_by(|a, b| b.1.f1().total_cmp(&a.1.f1()).then_with(|| a.0.cmp(&b.0)));
        println!("\n== summary ({} pages) ==", pages.len());
        let width = summary.iter().map(|(t, _)| t.chars().count()).max().unwrap_or(4);
        println!("{}", header("tool", width));
        for (tool, counts) in &summary {
            println!("{}", row(tool, width, counts));
        }
    }
    if matching == Matching::Whitespace {
        println!("(whitespace-insensitive matching)");
    }
    Ok(())
}

fn header(label: &str, width: usize) -> String {
    format!(
        "{label:<width$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>8}  {:>5}  {:>5}  {:>5}  {:>5}",
        "pages", "P", "R", "F1", "accuracy", "TP", "FP", "FN", "TN"
    )
}

fn row(label: &str, width: usize, c: &Counts) -> String {
    format!(
        "{label:<width$}  {:>5}  {:.3}  {:.3}  {:.3}  {:>8.3}  {:>5}  {:>5}  {:>5}  {:>5}",
        c.pages,
        c.precision(),
        c.recall(),
        c.f1(),
        c.accuracy(),
        c.tp,
        c.fp,
        c.fn_,
        c.tn
    )
}

fn print_report(tool: &str, report: &Report, worst: usize) {
    println!("\n== {tool} ==");
    if !report.missing.is_empty() {
        println!(
            "{} pages without a prediction (scored as empty text)",
            report.missing.len()
        );
    }
    let mut rows: Vec<(String, Counts)> = vec![("all".to_owned(), report.overall)];
    rows.extend(
        report
            .languages_by_size()
            .into_iter()
            .map(|(lang, c)| (format!("language {lang}"), c)),
    );
    rows.extend(
        PageKind::ALL
            .iter()
            .filter_map(|k| report.by_kind.get(k).map(|c| (format!("kind {}", k.name()), *c))),
    );
    let width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(3);
    println!("{}", header("", width));
    for (label, counts) in &rows {
        println!("{}", row(label, width, counts));
    }
    let pages = report.worst(worst);
    if pages.is_empty() {
        return;
    }
    println!("worst {} pages (snippets lost = missed + kept wrongly):", pages.len());
    for (i, page) in pages.iter().enumerate() {
        println!(
            "{:>3}. lost {} (missed {}, kept {})  {} {}  {}{}",
            i + 1,
            page.counts.lost(),
            page.counts.fn_,
            page.counts.fp,
            page.language,
            page.kind.name(),
            page.url,
            if page.predicted { "" } else { "  [no prediction]" }
        );
        for snippet in &page.missed {
            println!("       missed: {}", shorten(snippet));
        }
        for snippet in &page.kept {
            println!("       kept:   {}", shorten(snippet));
        }
    }
}

/// A snippet on one line, at most 100 characters.
fn shorten(snippet: &str) -> String {
    let one_line = te::collapse_whitespace(snippet);
    match one_line.char_indices().nth(100) {
        Some((i, _)) => format!("{:?}…", &one_line[..i]),
        None => format!("{one_line:?}"),
    }
}
