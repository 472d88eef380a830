//! `sahel-zyte-score`: scores article bodies against the Zyte article-extraction benchmark.
//!
//! ```text
//! sahel-zyte-score [--data DIR] [--peers] [--predictions FILE ...] [--ours [--write-ours FILE]]
//! ```
//!
//! `--ours` runs this project's normalizer (the library, in process) over every page, scores
//! it with the others, and prints the time per document (parse and extract; run with
//! `--release` for meaningful figures).
//!
//! `--peers` scores every file in `<data>/peer-outputs`; `--predictions` scores JSON files in
//! either format (`{id: {"articleBody": text}}` or `{"version": v, "output": {...}}`). With
//! neither, `--peers` is assumed. All rows go into one table sorted by F1, with the bootstrap
//! standard deviation after each "±". Exit code 2 when the data directory is missing.

use anyhow::Result;
use clap::Parser;
use sahel_evaluation::pages;
use sahel_evaluation::zyte::{self, Evaluation, IdMismatch};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Scores article extraction against the Zyte article-extraction benchmark (181 pages).
#[derive(Debug, Parser)]
#[command(name = "sahel-zyte-score", version)]
struct Cli {
    /// Benchmark data directory (default: $SAHEL_ZYTE_DIR, else
    /// <workspace>/../shared/data/zyte-article-extraction-benchmark).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Score every peer tool output in <DIR>/peer-outputs.
    #[arg(long)]
    peers: bool,
    /// Score these predictions files ({id: {"articleBody": text}} or the versioned wrapper).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    predictions: Vec<PathBuf>,
    /// Score this project's normalizer, run in process over every page.
    #[arg(long)]
    ours: bool,
    /// With --ours: also write its predictions to FILE ({id: {"articleBody": text}}).
    #[arg(long, value_name = "FILE", requires = "ours")]
    write_ours: Option<PathBuf>,
    /// With --ours: the HTML engine (sahel, readability, trafilatura, blocks); default: the service's.
    #[arg(long, value_name = "NAME", requires = "ours", value_parser = pages::engine_name)]
    engine: Option<sahel_evaluation::engines::Engine>,
}

/// Runs the normalizer over every benchmark page; returns the bodies and the time each took,
/// as thread CPU time (so the figure is per core even when other work shares the machine).
fn run_ours(
    dir: &Path,
    gold: &zyte::Bodies,
    engine: sahel_evaluation::engines::Engine,
) -> Result<(zyte::Bodies, Vec<std::time::Duration>)> {
    let runner = pages::Normalizer::new("zyte-score", engine);
    let mut bodies = zyte::Bodies::new();
    let mut times = Vec::with_capacity(gold.len());
    for id in gold.keys() {
        let bytes = zyte::load_html_bytes(dir, id)?;
        let (text, time) = runner.text(&bytes, pages::Origin::File(&format!("zyte:{id}")));
        times.push(time);
        bodies.insert(id.clone(), text);
    }
    Ok((bodies, times))
}

#[derive(Debug)]
struct Row {
    tool: String,
    version: String,
    eval: Evaluation,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = cli.data.clone().unwrap_or_else(zyte::data_dir);
    if !zyte::data_available(&dir) {
        eprintln!(
            "sahel-zyte-score: zyte benchmark data not found: expected {} in {}\n\
             Pass --data DIR or set {} (default location: {}).",
            zyte::GROUND_TRUTH_FILE,
            dir.display(),
            zyte::DATA_DIR_ENV,
            zyte::default_data_dir().display(),
        );
        return ExitCode::from(2);
    }
    match run(&cli, &dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sahel-zyte-score: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli, dir: &Path) -> Result<()> {
    let gold = zyte::load_ground_truth(&dir.join(zyte::GROUND_TRUTH_FILE))?;
    let mut files = Vec::new();
    if cli.peers || (cli.predictions.is_empty() && !cli.ours) {
        files.extend(zyte::peer_files(dir)?);
    }
    files.extend(cli.predictions.iter().cloned());

    let mut rows = Vec::with_capacity(files.len());
    for path in &files {
        let predictions = zyte::load_predictions(path)?;
        let tool = path
            .file_stem()
            .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
        let ids = IdMismatch::between(&gold, &predictions.bodies);
        if !ids.is_empty() {
            eprintln!(
                "warning: {}: {} gold ids without a prediction (scored as empty), {} ids not in the gold (ignored)",
                path.display(),
                ids.missing.len(),
                ids.extra.len()
            );
        }
        rows.push(Row {
            tool,
            version: predictions.version.unwrap_or_else(|| "-".to_owned()),
            eval: zyte::evaluate(&gold, &predictions.bodies),
        });
    }
    if cli.ours {
        let (bodies, times) = run_ours(dir, &gold, cli.engine.unwrap_or_default())?;
        if let Some(path) = &cli.write_ours {
            let json: serde_json::Map<String, serde_json::Value> = bodies
                .iter()
                .map(|(id, text)| (id.clone(), serde_json::json!({ "articleBody": text })))
                .collect();
            std::fs::write(path, serde_json::to_vec_pretty(&json)?)?;
        }
        eprintln!("{}", pages::speed_line(&times));
        rows.push(Row {
            tool: format!("sahel-normalizer ({})", cli.engine.unwrap_or_default().name()),
            version: sahel_normalizer::VERSION.to_owned(),
            eval: zyte::evaluate(&gold, &bodies),
        });
    }
    rows.sort_by(|a, b| {
        b.eval
            .scores
            .f1
            .total_cmp(&a.eval.scores.f1)
            .then_with(|| a.tool.cmp(&b.tool))
    });
    print_table(&rows, gold.len());
    Ok(())
}

fn print_table(rows: &[Row], n: usize) {
    let tool_w = rows
        .iter()
        .map(|r| r.tool.chars().count())
        .chain([4])
        .max()
        .unwrap_or(4);
    let version_w = rows
        .iter()
        .map(|r| r.version.chars().count())
        .chain([7])
        .max()
        .unwrap_or(7);
    println!(
        "{:<tool_w$}  {:<version_w$}  {:<13}  {:<13}  {:<13}  accuracy",
        "tool", "version", "F1", "precision", "recall"
    );
    for row in rows {
        let (s, d) = (&row.eval.scores, &row.eval.std);
        println!(
            "{:<tool_w$}  {:<version_w$}  {:.3} ± {:.3}  {:.3} ± {:.3}  {:.3} ± {:.3}  {:.3} ± {:.3}",
            row.tool, row.version, s.f1, d.f1, s.precision, d.precision, s.recall, d.recall, s.accuracy, d.accuracy
        );
    }
    println!(
        "{n} documents; ± is the standard deviation over {} bootstrap resamples (seed {:#x}).",
        zyte::BOOTSTRAP_RESAMPLES,
        zyte::BOOTSTRAP_SEED
    );
}
