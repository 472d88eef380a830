//! `sahel-loadgen`: realistic Sahel news for the pipeline.
//!
//! ```sh
//! # Eight news sites on 127.0.0.1..8 with RSS feeds, 50 articles/s, 3000 articles:
//! sahel-loadgen serve --rate 50 --count 3000
//! # 5000 files (HTML and text alternately) into a directory, as fast as possible:
//! sahel-loadgen files --out /tmp/articles --count 5000 --format mixed
//! ```

use std::time::Duration;

use clap::{Parser, Subcommand};
use sahel_loadgen::server::{self, FileFormat};
use sahel_loadgen::{sources_toml, GenArgs, Generator};

#[derive(Debug, Parser)]
#[command(
    name = "sahel-loadgen",
    version,
    about = "Generates realistic Sahel news articles: HTML pages and RSS feeds on local sites, or plain files"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve news sites on 127.0.0.1..N (one port) and publish articles into their feeds.
    Serve {
        #[command(flatten)]
        gen: GenArgs,
        /// Articles per second.
        #[arg(long, default_value_t = 50.0)]
        rate: f64,
        /// Articles in all.
        #[arg(long, default_value_t = 1000)]
        count: u64,
        /// Items listed in each site's feed (the latest).
        #[arg(long, default_value_t = 500)]
        feed_size: usize,
        /// Seconds to keep serving after the last article (so a fetcher can catch up).
        #[arg(long, default_value_t = 60)]
        linger_secs: u64,
        /// Write a fetcher sources file (TOML) with one feed source per site here.
        #[arg(long)]
        sources_file: Option<std::path::PathBuf>,
    },
    /// Write articles as files into a directory.
    Files {
        #[command(flatten)]
        gen: GenArgs,
        /// The directory.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Articles per second (0: as fast as possible).
        #[arg(long, default_value_t = 0.0)]
        rate: f64,
        /// Articles in all.
        #[arg(long, default_value_t = 1000)]
        count: u64,
        /// html, text or mixed.
        #[arg(long, value_enum, default_value_t = FileFormat::Mixed)]
        format: FileFormat,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Serve {
            gen,
            rate,
            count,
            feed_size,
            linger_secs,
            sources_file,
        } => {
            let settings = gen.settings()?;
            let sites = server::start(settings.sites, feed_size).await?;
            for b in sites.bases() {
                println!("site {b}/feed.xml");
            }
            if let Some(p) = sources_file {
                std::fs::write(&p, sources_toml(&sites.feed_urls(), feed_size))?;
                println!("sources file {}", p.display());
            }
            let ctrl_c = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            let n = server::publish(&sites, Generator::new(settings), rate, count, ctrl_c).await?;
            println!("published {n} articles; serving {linger_secs} s more");
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(linger_secs)) => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            sites.shutdown();
        }
        Command::Files {
            gen,
            out,
            rate,
            count,
            format,
        } => {
            let settings = gen.settings()?;
            let files = server::write_files(&out, Generator::new(settings), rate, count, format).await?;
            let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
            for (_, a) in &files {
                *kinds.entry(a.kind.as_str()).or_default() += 1;
            }
            println!("wrote {} files into {}: {kinds:?}", files.len(), out.display());
        }
    }
    Ok(())
}
