//! `sahel-fetch-bench`: pages per second through the whole fetch path (safety checks, robots,
//! per-host politeness, HTTP, decompression, charset decoding, document building, crawl state
//! in memory) against a local server, at several concurrency settings.
//!
//! ```sh
//! cargo run --release -p sahel-fetcher --bin sahel-fetch-bench
//! cargo run --release -p sahel-fetcher --bin sahel-fetch-bench -- --pages 4000 --hosts 32 --concurrency 1,8,32,128
//! ```
//!
//! The server listens on 127.0.0.1..127.0.0.N (one "host" each, since the fetcher makes one
//! request at a time per host), serves an empty robots.txt and gzip-compressed HTML pages.
//! The host delay is 0 here; in production it is 1 s per host, which is what bounds a real
//! crawl, not the numbers printed here.

use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use clap::Parser;
use futures::future::BoxFuture;
use sahel_fetcher::crawler::{Crawler, Sink};
use sahel_fetcher::fetch::{FetchSettings, Fetcher};
use sahel_fetcher::safety::AddressPolicy;
use sahel_fetcher::schedule::Schedule;
use sahel_fetcher::sources::{Source, SourceKind};
use sahel_fetcher::state::Store;
use sahel_schemas::raw::RawArticle;

#[derive(Debug, Parser)]
#[command(name = "sahel-fetch-bench", about = "Pages per second against a local server")]
struct Args {
    /// Pages fetched per setting.
    #[arg(long, default_value_t = 2000)]
    pages: usize,
    /// Distinct hosts (loopback addresses 127.0.0.1..N).
    #[arg(long, default_value_t = 16)]
    hosts: u8,
    /// Concurrency settings to measure (requests in flight across hosts).
    #[arg(long, value_delimiter = ',', default_value = "1,4,16,64")]
    concurrency: Vec<usize>,
    /// Size of each page (uncompressed HTML).
    #[arg(long, default_value_t = 16 * 1024)]
    page_bytes: usize,
    /// Gzip the pages (Content-Encoding).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    gzip: bool,
}

#[derive(Debug, Default)]
struct CountingSink(AtomicU64);

impl Sink for CountingSink {
    fn emit<'a>(&'a self, _doc: &'a RawArticle) -> BoxFuture<'a, anyhow::Result<()>> {
        self.0.fetch_add(1, Ordering::Relaxed);
        Box::pin(async { Ok(()) })
    }
}

fn page(n: usize, size: usize) -> String {
    let mut body = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Page {n}</title></head><body><article><h1>Niamey, page {n}</h1>"
    );
    let para = "<p>Les autorités de transition ont annoncé mardi un nouveau calendrier, \
                tandis que des manifestants se rassemblaient devant la base aérienne.</p>";
    while body.len() < size {
        body.push_str(para);
    }
    body.push_str("</article></body></html>");
    body
}

async fn serve(ip: Ipv4Addr, size: usize, gzip: bool) -> anyhow::Result<SocketAddr> {
    let app = axum::Router::new()
        .route("/robots.txt", get(|| async { "User-agent: *\nAllow: /\n" }))
        .route(
            "/p/{n}",
            get(move |Path(n): Path<usize>| async move {
                let html = page(n, size);
                if gzip {
                    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                    let _ = enc.write_all(html.as_bytes());
                    let bytes = enc.finish().unwrap_or_default();
                    (
                        [
                            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                            (header::CONTENT_ENCODING, "gzip"),
                        ],
                        bytes,
                    )
                        .into_response()
                } else {
                    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((ip, 0)))
        .await
        .with_context(|| format!("binding {ip}"))?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(addr)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut hosts = Vec::new();
    for i in 1..=args.hosts.max(1) {
        hosts.push(serve(Ipv4Addr::new(127, 0, 0, i), args.page_bytes, args.gzip).await?);
    }
    println!(
        "{} pages of {} bytes{} over {} local hosts; host delay 0; crawl state in memory",
        args.pages,
        args.page_bytes,
        if args.gzip { " (gzip)" } else { "" },
        hosts.len()
    );
    println!(
        "{:>12} {:>10} {:>10} {:>12}",
        "concurrency", "pages", "seconds", "pages/s"
    );
    for (round, &c) in args.concurrency.iter().enumerate() {
        let settings = FetchSettings {
            policy: AddressPolicy::parse(&["127.0.0.0/8".to_owned()]).map_err(anyhow::Error::msg)?,
            concurrency: c,
            host_delay: Duration::ZERO,
            ..FetchSettings::default()
        };
        let fetcher = Arc::new(Fetcher::new(settings)?);
        let sink = Arc::new(CountingSink::default());
        let crawler = Crawler::new(
            fetcher,
            Store::memory(),
            sink.clone(),
            sahel_fetcher::metrics::FetchMetrics::unregistered(),
        );
        let urls = (0..args.pages)
            .map(|n| {
                let h = hosts[n % hosts.len()];
                url::Url::parse(&format!("http://{h}/p/{}", round * args.pages + n))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let source = Source {
            name: "bench".into(),
            kind: SourceKind::Urls { urls },
            schedule: Schedule::every("1h").map_err(anyhow::Error::msg)?,
            language: None,
            tags: Vec::new(),
            max_items: args.pages,
            always_due: false,
        };
        let t0 = Instant::now();
        let report = crawler.run_source(&source).await?;
        let secs = t0.elapsed().as_secs_f64();
        let n = sink.0.load(Ordering::Relaxed);
        anyhow::ensure!(
            n as usize == args.pages,
            "only {n} of {} pages fetched: {}",
            args.pages,
            report.summary.line()
        );
        println!("{c:>12} {n:>10} {secs:>10.2} {:>12.0}", n as f64 / secs);
    }
    Ok(())
}
