//! `sahel-syntax`: parse text or CoNLL-U into CoNLL-U, train the models, score them.
//!
//! ```sh
//! sahel-syntax parse --lang fr article.txt            # text → CoNLL-U
//! sahel-syntax parse --conllu gold.conllu             # re-annotate given words
//! sahel-syntax train                                  # ../shared/data/ud-treebanks → models/
//! sahel-syntax eval                                   # the held-out table
//! ```

use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand};
use sahel_syntax::{conllu, eval, train, treebank, Language, Pipeline};

#[derive(Debug, Parser)]
#[command(
    name = "sahel-syntax",
    about = "UD tokenizer, tagger, lemmatizer and dependency parser for en, fr, nl"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parses text (or the words of CoNLL-U) and prints CoNLL-U.
    Parse {
        /// Language: en, fr or nl (required with several files of different languages).
        #[arg(long, default_value = "en")]
        lang: String,
        /// The input is CoNLL-U: keep its sentences and words, predict the rest.
        #[arg(long)]
        conllu: bool,
        /// Files to read (`-` or none: standard input).
        files: Vec<PathBuf>,
        /// Read models from this folder instead of the ones built in.
        #[arg(long)]
        models: Option<PathBuf>,
    },
    /// Trains the models on the nine tenths of the treebanks not held out.
    Train {
        /// The UD treebanks folder (default: SAHEL_UD_DIR, else ../shared/data/ud-treebanks).
        #[arg(long)]
        ud_dir: Option<PathBuf>,
        /// Languages to train (default: all).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// Where the model files go.
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/models"))]
        out: PathBuf,
        /// Parser epochs.
        #[arg(long, default_value_t = train::Options::default().parser_epochs)]
        parser_epochs: usize,
        /// Tagger epochs.
        #[arg(long, default_value_t = train::Options::default().tagger_epochs)]
        tagger_epochs: usize,
        /// Folds for the parser's predicted tags (1: learn from gold tags).
        #[arg(long, default_value_t = train::Options::default().jackknife)]
        jackknife: usize,
        /// Parser weights dropped below this magnitude.
        #[arg(long, default_value_t = train::Options::default().parser_prune)]
        parser_prune: f32,
        /// Parser features seen fewer times than this in the first epoch are dropped.
        #[arg(long, default_value_t = train::Options::default().min_count)]
        min_count: u32,
        /// Probability of following the parser's own moves in training after the first epoch.
        #[arg(long, default_value_t = train::Options::default().explore)]
        explore: f64,
        /// Tune instead: train on eight ninths of the training part, score the ninth left
        /// (never the held-out tenth), write no model.
        #[arg(long)]
        tune: bool,
        /// With --tune: also write the tuning model and the tuning sentences (gold, and as
        /// parsed) to this folder, to look at the errors.
        #[arg(long, requires = "tune")]
        tune_out: Option<PathBuf>,
    },
    /// Scores the models on the held-out tenth, from gold tokens and from raw text.
    Eval {
        /// The UD treebanks folder (default: SAHEL_UD_DIR, else ../shared/data/ud-treebanks).
        #[arg(long)]
        ud_dir: Option<PathBuf>,
        /// Languages to score (default: all).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// Read models from this folder instead of the ones built in.
        #[arg(long)]
        models: Option<PathBuf>,
        /// Score on the gold sentences of this CoNLL-U file (one language, e.g. the tuning
        /// part `train --tune --tune-out` wrote) instead of the held-out tenth.
        #[arg(long)]
        gold: Option<PathBuf>,
    },
}

fn languages(codes: &[String]) -> anyhow::Result<Vec<Language>> {
    if codes.is_empty() {
        return Ok(Language::ALL.to_vec());
    }
    codes
        .iter()
        .map(|c| Language::from_code(c).with_context(|| format!("--lang: {c:?} is not en, fr or nl")))
        .collect()
}

fn ud_dir(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match given.or_else(treebank::default_dir) {
        Some(d) if d.is_dir() => Ok(d),
        Some(d) => bail!("--ud-dir: {} is not a folder", d.display()),
        None => bail!("--ud-dir: no UD treebanks found (set SAHEL_UD_DIR or pass --ud-dir)"),
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Parse {
            lang,
            conllu: is_conllu,
            files,
            models,
        } => {
            let lang = Language::from_code(&lang).with_context(|| format!("--lang: {lang:?} is not en, fr or nl"))?;
            let p = Pipeline::load(lang, models.as_deref())?;
            let inputs = if files.is_empty() {
                vec![PathBuf::from("-")]
            } else {
                files
            };
            let mut out = std::io::stdout().lock();
            for path in inputs {
                let mut text = String::new();
                if path.as_os_str() == "-" {
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .context("reading standard input")?;
                } else {
                    text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
                }
                let sentences = if is_conllu {
                    let mut s = conllu::parse(&text).with_context(|| format!("{}", path.display()))?;
                    s.iter_mut().for_each(|s| p.annotate(s));
                    s
                } else {
                    p.parse_text(&text)
                };
                out.write_all(conllu::write(&sentences).as_bytes())?;
            }
            Ok(())
        }
        Command::Train {
            ud_dir: dir,
            lang,
            out,
            parser_epochs,
            tagger_epochs,
            jackknife,
            tune,
            parser_prune,
            explore,
            min_count,
            tune_out,
        } => {
            let dir = ud_dir(dir)?;
            std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
            let opts = train::Options {
                parser_epochs,
                tagger_epochs,
                jackknife,
                parser_prune,
                explore,
                min_count,
                ..train::Options::default()
            };
            let mut columns = Vec::new();
            for lang in languages(&lang)? {
                let mut split = treebank::load(&dir, lang)?;
                if tune {
                    let (dev, fit): (Vec<_>, Vec<_>) =
                        split.train.into_iter().enumerate().partition(|(i, _)| i % 9 == 4);
                    split.train = fit.into_iter().map(|x| x.1).collect();
                    split.held_out = dev.into_iter().map(|x| x.1).collect();
                }
                let words: usize = split.train.iter().map(|s| s.tokens.len()).sum();
                eprintln!("{lang}: training on {} sentences ({words} words)", split.train.len());
                let start = Instant::now();
                let p = train::train(lang, &split.train, opts, &mut |m| {
                    eprintln!("{lang}: {m} ({:.0} s)", start.elapsed().as_secs_f64());
                });
                if tune {
                    // Scored as shipped: written and read back (the file quantizes weights).
                    let bytes = p.to_bytes()?;
                    let p = Pipeline::from_bytes(lang, &bytes)?;
                    columns.extend(eval::columns(&format!("{lang} tuning"), &p, &split.held_out));
                    eprintln!("{lang}: {}", p.stats());
                    if let Some(dir) = &tune_out {
                        std::fs::create_dir_all(dir)?;
                        std::fs::write(dir.join(format!("{lang}.model.gz")), &bytes)?;
                        std::fs::write(dir.join(format!("{lang}.gold.conllu")), conllu::write(&split.held_out))?;
                        let mut parsed = split.held_out.clone();
                        parsed.iter_mut().for_each(|s| p.annotate(s));
                        std::fs::write(dir.join(format!("{lang}.parsed.conllu")), conllu::write(&parsed))?;
                    }
                    continue;
                }
                let bytes = p.to_bytes()?;
                let path = out.join(format!("{}.model.gz", lang.code()));
                std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
                eprintln!(
                    "{lang}: wrote {} ({:.1} MB) in {:.0} s",
                    path.display(),
                    bytes.len() as f64 / 1e6,
                    start.elapsed().as_secs_f64()
                );
            }
            if tune {
                print!("{}", eval::table(&columns));
            }
            Ok(())
        }
        Command::Eval {
            ud_dir: dir,
            lang,
            models,
            gold,
        } => {
            let mut columns = Vec::new();
            let langs = languages(&lang)?;
            if let Some(gold) = gold {
                let [lang] = langs[..] else {
                    anyhow::bail!("--gold scores one language: name it with --lang");
                };
                let text = std::fs::read_to_string(&gold).with_context(|| format!("reading {}", gold.display()))?;
                let sentences = conllu::parse(&text).with_context(|| format!("parsing {}", gold.display()))?;
                let p = Pipeline::load(lang, models.as_deref())?;
                columns.extend(eval::columns(&format!("{lang} {}", gold.display()), &p, &sentences));
                print!("{}", eval::table(&columns));
                return Ok(());
            }
            let dir = ud_dir(dir)?;
            for lang in langs {
                let split = treebank::load(&dir, lang)?;
                let p = Pipeline::load(lang, models.as_deref())?;
                columns.extend(eval::columns(&lang.to_string(), &p, &split.held_out));
            }
            print!("{}", eval::table(&columns));
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sahel-syntax: {e:#}");
            ExitCode::FAILURE
        }
    }
}
