//! What the page benchmarks share: where their data lives, reading a stored page (gzip-compressed HTML), running this
//! project's normalizer over it in process the way the service does, and the speed figure
//! (thread CPU time per document, so it is per core even when other work shares the machine).
//!
//! Used by `sahel-zyte-score --ours` ([`crate::zyte`]) and `sahel-trafilatura-score --ours`
//! ([`crate::trafilatura_eval`]).

use crate::engines::Engine;
use anyhow::{Context, Result};
use sahel_schemas::raw::{RawArticle, SourceKind, SourceRef};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A benchmark's data directory: `$<env>` if set and non-empty, else [`shared_data_dir`].
pub fn data_dir(env: &str, name: &str) -> PathBuf {
    match std::env::var_os(env) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => shared_data_dir(name),
    }
}

/// `<workspace root>/../shared/data/<name>`.
pub fn shared_data_dir(name: &str) -> PathBuf {
    crate::shared_dir().join("data").join(name)
}

/// The decompressed bytes of a gzip file.
pub fn read_gzip(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(bytes)
}

/// Parses an engine name for `--engine` ([`Engine::name`]).
pub fn engine_name(name: &str) -> Result<Engine, String> {
    Engine::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Engine::ALL.iter().map(|e| e.name()).collect();
        format!("unknown engine {name:?}; expected one of {}", names.join(", "))
    })
}

/// Where a page came from, as the fetcher would record it.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    /// A file with this location (e.g. `zyte:<id>`) and no URL.
    File(&'a str),
    /// A page fetched from this URL (like `sahel-normalizer normalize --url URL`): the URL is the
    /// location and the final URL.
    Url(&'a str),
}

/// This project's normalizer (the library, in process) over benchmark pages.
#[derive(Debug, Clone)]
pub struct Normalizer {
    engine: Engine,
    benchmark: &'static str,
    producer: sahel_schemas::ProducerInfo,
    fetched_at: chrono::DateTime<chrono::Utc>,
}

impl Normalizer {
    /// A runner with `engine`, naming `benchmark` as the source.
    pub fn new(benchmark: &'static str, engine: Engine) -> Self {
        Self {
            engine,
            benchmark,
            producer: sahel_schemas::ProducerInfo::new(benchmark, env!("CARGO_PKG_VERSION")),
            fetched_at: sahel_schemas::envelope::now(),
        }
    }

    /// The main text of one page (empty when the normalizer refuses it) and the thread CPU time
    /// of `normalize` (parse, extract, language, fingerprint). Decoding and hashing, which the
    /// fetcher does, are not timed.
    pub fn text(&self, bytes: &[u8], origin: Origin<'_>) -> (String, Duration) {
        let (kind, location, final_url) = match origin {
            Origin::File(location) => (SourceKind::File, location, None),
            Origin::Url(url) => (SourceKind::Url, url, Some(url.to_owned())),
        };
        let source = SourceRef {
            name: self.benchmark.to_owned(),
            kind,
            location: location.to_owned(),
            feed_url: None,
            final_url,
        };
        let decoded = sahel_runtime::charset::decode(bytes, true);
        let raw = RawArticle::from_local(
            source,
            bytes,
            decoded,
            "text/html",
            self.fetched_at,
            self.producer.clone(),
            None,
        );
        let started = cpu_time::ThreadTime::now();
        let engine = self.engine;
        let text = sahel_normalizer::normalize_with(&raw, |html, url| engine.main_text(html, url))
            .map(|a| a.text)
            .unwrap_or_default();
        (text, started.elapsed())
    }
}

/// The `p` quantile (0..=1, nearest rank) of sorted durations; zero when empty.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

/// Documents per second on one core for these per-document times.
pub fn documents_per_second(times: &[Duration]) -> f64 {
    let total: Duration = times.iter().sum();
    times.len() as f64 / total.as_secs_f64().max(1e-9)
}

/// One line on the normalizer's speed over `times` (any order): median, p99 and max per
/// document and documents/s on one core.
pub fn speed_line(times: &[Duration]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort();
    format!(
        "sahel-normalizer over {} pages (thread CPU time of normalize: parse, extract, language, fingerprint): median {:.2} ms, p99 {:.2} ms, max {:.2} ms per document; {:.0} documents/s on one core",
        sorted.len(),
        percentile(&sorted, 0.5).as_secs_f64() * 1e3,
        percentile(&sorted, 0.99).as_secs_f64() * 1e3,
        sorted.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        documents_per_second(&sorted),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn percentiles_and_speed() {
        let ms = |n| Duration::from_millis(n);
        let times = [ms(1), ms(2), ms(3), ms(4), ms(10)];
        assert_eq!(percentile(&times, 0.5), ms(3));
        assert_eq!(percentile(&times, 0.99), ms(10));
        assert_eq!(percentile(&[], 0.5), Duration::ZERO);
        assert!((documents_per_second(&times) - 250.0).abs() < 1e-6);
        let line = speed_line(&[ms(10), ms(1), ms(4), ms(3), ms(2)]);
        assert!(
            line.contains("median 3.00 ms") && line.contains("250 documents/s"),
            "{line}"
        );
    }

    #[test]
    fn gzip_pages_read_back_and_engines_parse() {
        let dir = std::env::temp_dir().join(format!("sahel-pages-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("p.html.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<p>x</p>").unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        assert_eq!(read_gzip(&path).unwrap(), b"<p>x</p>");
        assert!(read_gzip(&dir.join("missing.gz")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();

        assert_eq!(engine_name("sahel"), Ok(Engine::Sahel));
        assert!(engine_name("nope").unwrap_err().contains("expected one of"));
    }

    #[test]
    fn the_normalizer_runs_on_a_page_with_or_without_url() {
        let runner = Normalizer::new("pages-test", Engine::default());
        let page = b"<html><head><title>T</title></head><body><article><h1>Marche</h1>\
            <p>Des milliers de manifestants ont defile a Bamako samedi pour reclamer le depart des troupes.</p>\
            <p>La police a disperse la foule dans l'apres-midi, selon des temoins sur place.</p></article></body></html>";
        for origin in [Origin::File("test:1"), Origin::Url("https://example.org/a")] {
            let (text, _) = runner.text(page, origin);
            assert!(text.contains("manifestants ont defile a Bamako"), "{text}");
        }
        assert_eq!(runner.text(b"", Origin::File("test:2")).0, "");
    }
}
