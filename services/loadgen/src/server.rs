//! News sites on loopback addresses: each site is a host (`127.0.0.<k>`, all on one port,
//! since the fetcher keeps one request at a time per host) serving `/robots.txt`,
//! `/feed.xml` (RSS of its latest articles) and `/a/<slug>.html` (the pages). A publisher
//! task adds articles at a fixed rate.

use std::collections::{HashMap, VecDeque};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio_util::sync::CancellationToken;

use crate::gen::{Article, Generator};
use crate::render;

#[derive(Debug, Default)]
struct Site {
    /// Newest last; at most `feed_size`.
    feed: VecDeque<Arc<Article>>,
    pages: HashMap<String, Arc<Article>>,
}

/// What was published, for the benchmark's accounting.
#[derive(Debug, Clone)]
pub struct Published {
    /// The article.
    pub article: Arc<Article>,
    /// Its address.
    pub url: String,
    /// When it appeared in its site's feed.
    pub at: Instant,
}

/// The sites and their articles.
#[derive(Debug)]
pub struct Sites {
    sites: Vec<RwLock<Site>>,
    bases: Vec<String>,
    feed_size: usize,
    published: RwLock<Vec<Published>>,
    stop: CancellationToken,
}

impl Sites {
    /// The base URL of each site (`http://127.0.0.<k>:<port>`).
    pub fn bases(&self) -> &[String] {
        &self.bases
    }

    /// The feed URL of each site.
    pub fn feed_urls(&self) -> Vec<String> {
        self.bases.iter().map(|b| format!("{b}/feed.xml")).collect()
    }

    /// Everything published so far.
    pub fn published(&self) -> Vec<Published> {
        self.published.read().map(|p| p.clone()).unwrap_or_default()
    }

    /// Number of articles published so far.
    pub fn published_count(&self) -> usize {
        self.published.read().map(|p| p.len()).unwrap_or(0)
    }

    /// Adds an article to its site (page and feed).
    pub fn publish(&self, article: Article) {
        let a = Arc::new(article);
        let Some(site) = self.sites.get(a.site) else {
            return;
        };
        let url = render::article_url(&self.bases[a.site], &a);
        if let Ok(mut s) = site.write() {
            s.pages.insert(a.slug.clone(), a.clone());
            s.feed.push_back(a.clone());
            while s.feed.len() > self.feed_size {
                s.feed.pop_front();
            }
        }
        if let Ok(mut p) = self.published.write() {
            p.push(Published {
                article: a,
                url,
                at: Instant::now(),
            });
        }
    }

    /// Stops the servers.
    pub fn shutdown(&self) {
        self.stop.cancel();
    }

    fn feed(&self, site: usize) -> Option<String> {
        let s = self.sites.get(site)?.read().ok()?;
        let items: Vec<&Article> = s.feed.iter().rev().map(|a| a.as_ref()).collect();
        Some(render::rss(&self.bases[site], site, &items))
    }

    fn page(&self, site: usize, slug: &str) -> Option<String> {
        let s = self.sites.get(site)?.read().ok()?;
        let a = s.pages.get(slug)?;
        Some(render::html_page(&self.bases[site], a))
    }
}

/// Starts `n` sites on 127.0.0.1..127.0.0.n, all on one free port, each feed listing the
/// latest `feed_size` articles.
pub async fn start(n: usize, feed_size: usize) -> anyhow::Result<Arc<Sites>> {
    anyhow::ensure!((1..=250).contains(&n), "sites: between 1 and 250");
    // A port free on every address: try a few.
    let mut last_err = None;
    for _ in 0..20 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let mut listeners = Vec::new();
        let mut ok = true;
        for k in 0..n {
            let addr = SocketAddr::from((Ipv4Addr::new(127, 0, 0, (k + 1) as u8), port));
            match tokio::net::TcpListener::bind(addr).await {
                Ok(l) => listeners.push(l),
                Err(e) => {
                    last_err = Some(anyhow::Error::new(e).context(format!("binding {addr}")));
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let bases: Vec<String> = (0..n).map(|k| format!("http://127.0.0.{}:{port}", k + 1)).collect();
        let sites = Arc::new(Sites {
            sites: (0..n).map(|_| RwLock::new(Site::default())).collect(),
            bases,
            feed_size: feed_size.max(1),
            published: RwLock::new(Vec::new()),
            stop: CancellationToken::new(),
        });
        for (k, l) in listeners.into_iter().enumerate() {
            let app = Router::new()
                .route("/robots.txt", get(robots))
                .route("/feed.xml", get(feed))
                .route("/a/{slug}", get(page))
                .with_state((sites.clone(), k));
            let stop = sites.stop.clone();
            tokio::spawn(async move {
                let _ = axum::serve(l, app)
                    .with_graceful_shutdown(async move { stop.cancelled().await })
                    .await;
            });
        }
        return Ok(sites);
    }
    Err(last_err
        .unwrap_or_else(|| anyhow::anyhow!("no free port"))
        .context("starting the sites"))
}

type AppState = (Arc<Sites>, usize);

async fn robots() -> &'static str {
    "User-agent: *\nAllow: /\n"
}

async fn feed(State((sites, k)): State<AppState>) -> Response {
    match sites.feed(k) {
        Some(xml) => ([(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")], xml).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn page(State((sites, k)): State<AppState>, Path(file): Path<String>) -> Response {
    let slug = file.strip_suffix(".html").unwrap_or(&file);
    match sites.page(k, slug) {
        Some(html) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Publishes `count` articles at `rate` per second (evenly spaced; a late tick catches up),
/// then returns. Stops early when `stop` resolves.
pub async fn publish(
    sites: &Sites,
    mut gen: Generator,
    rate: f64,
    count: u64,
    stop: impl std::future::Future<Output = ()>,
) -> anyhow::Result<u64> {
    anyhow::ensure!(rate > 0.0 && rate.is_finite(), "rate: must be positive");
    tokio::pin!(stop);
    let start = tokio::time::Instant::now();
    let mut done = 0u64;
    while done < count {
        let due = start + Duration::from_secs_f64(done as f64 / rate);
        tokio::select! {
            _ = &mut stop => break,
            _ = tokio::time::sleep_until(due) => {}
        }
        // Everything due by now, in one go (keeps the rate when a tick is late).
        let now = tokio::time::Instant::now();
        let due_now = ((now - start).as_secs_f64() * rate).floor() as u64 + 1;
        let until = due_now.min(count).max(done + 1);
        while done < until {
            sites.publish(gen.next_article(chrono::Utc::now()));
            done += 1;
        }
    }
    Ok(done)
}

/// Writes `count` articles into `dir` at `rate` per second (0: as fast as possible), as
/// `.html` pages, `.txt` files, or both alternately. Files appear atomically (written under a
/// hidden name, then renamed), so a scanning fetcher never reads half a file.
pub async fn write_files(
    dir: &std::path::Path,
    mut gen: Generator,
    rate: f64,
    count: u64,
    format: FileFormat,
) -> anyhow::Result<Vec<(std::path::PathBuf, Arc<Article>)>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let start = tokio::time::Instant::now();
    let mut out = Vec::with_capacity(count as usize);
    for i in 0..count {
        if rate > 0.0 {
            tokio::time::sleep_until(start + Duration::from_secs_f64(i as f64 / rate)).await;
        }
        let a = Arc::new(gen.next_article(chrono::Utc::now()));
        let html = match format {
            FileFormat::Html => true,
            FileFormat::Text => false,
            FileFormat::Mixed => i % 2 == 0,
        };
        let (name, content) = if html {
            let base = format!("https://{}.example", a.site + 1);
            (format!("{}.html", a.slug), render::html_page(&base, &a))
        } else {
            (format!("{}.txt", a.slug), render::text_file(&a))
        };
        let tmp = dir.join(format!(".{name}.tmp"));
        let path = dir.join(&name);
        std::fs::write(&tmp, content).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("renaming to {}", path.display()))?;
        out.push((path, a));
    }
    Ok(out)
}

/// How `write_files` writes articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    /// HTML pages.
    Html,
    /// Plain text.
    Text,
    /// Alternately.
    Mixed,
}
