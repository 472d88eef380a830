//! Load for the Sahel Monitor pipeline, and the end-to-end benchmark that drives it.
//!
//! - [`templates`]: the words: sentence and title templates in English, French and Dutch, with
//!   the actors, places, days and event verbs the extractor knows.
//! - [`gen`]: a seeded stream of articles with a configurable language mix and shares of
//!   near-duplicates and exact duplicates.
//! - [`render`]: articles as HTML pages with site furniture, RSS feeds and plain-text files.
//! - [`server`]: news sites on loopback addresses (pages, feeds, robots.txt), a publisher at a
//!   fixed rate, and a writer of plain files.
//!
//! The binaries: `sahel-loadgen` (serve sites or write files) and `sahel-e2e-bench` (the whole
//! stack, measured; see BENCHMARKS.md).

pub mod gen;
pub mod render;
pub mod server;
pub mod templates;

pub use gen::{Article, Generator, Kind, Settings};
pub use templates::Lang;

/// Generator settings from the command line (shared by both binaries).
#[derive(Debug, Clone, clap::Args)]
pub struct GenArgs {
    /// Seed: the same seed and settings give the same articles in the same order.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Language mix as code=weight pairs (en, fr, nl).
    #[arg(long, default_value = "fr=0.5,en=0.35,nl=0.15")]
    pub langs: String,
    /// Share of near-duplicates (the same story on another site, lightly edited), 0..1.
    #[arg(long, default_value_t = 0.1)]
    pub near_dup_share: f64,
    /// Share of exact duplicates (the same text at another address), 0..1.
    #[arg(long, default_value_t = 0.05)]
    pub exact_dup_share: f64,
    /// Number of sites (hosts 127.0.0.1..N when serving).
    #[arg(long, default_value_t = 8)]
    pub sites: usize,
}

impl GenArgs {
    /// The generator settings, checked; the error names the setting.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let s = Settings {
            seed: self.seed,
            languages: gen::parse_languages(&self.langs).map_err(|e| anyhow::anyhow!("--langs: {e}"))?,
            near_dup_share: self.near_dup_share,
            exact_dup_share: self.exact_dup_share,
            sites: self.sites,
        };
        s.validate()
            .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
        Ok(s)
    }
}

/// A fetcher sources file with one feed source per site, polled every second, taking up to
/// `max_items` new entries per run.
pub fn sources_toml(feeds: &[String], max_items: usize) -> String {
    let mut s = String::from("# Written by sahel-loadgen: one feed source per generated site.\n");
    for (i, f) in feeds.iter().enumerate() {
        s.push_str(&format!(
            "\n[[source]]\nname = \"loadgen-{i}\"\nkind = \"feed\"\nurl = \"{f}\"\nevery = \"1s\"\nmax_items = {max_items}\ntags = [\"loadgen\"]\n"
        ));
    }
    s
}
