//! Shared test helpers: real HTTP servers on 127.0.0.1 that log every request, and a crawler
//! wired to a channel so tests see exactly what would be emitted.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::HeaderMap;
use axum::middleware::Next;
use sahel_fetcher::crawler::{ChannelSink, Crawler};
use sahel_fetcher::fetch::{FetchSettings, Fetcher};
use sahel_fetcher::metrics::FetchMetrics;
use sahel_fetcher::safety::AddressPolicy;
use sahel_fetcher::schedule::Schedule;
use sahel_fetcher::sources::{Source, SourceKind};
use sahel_fetcher::state::Store;
use sahel_schemas::raw::RawArticle;
use tokio::sync::mpsc::UnboundedReceiver;

/// One request the server saw.
#[derive(Debug, Clone)]
pub struct Hit {
    pub at: Instant,
    pub path: String,
    pub headers: HeaderMap,
}

/// Requests seen by a server, in arrival order.
#[derive(Debug, Clone, Default)]
pub struct Log(Arc<Mutex<Vec<Hit>>>);

impl Log {
    pub fn hits(&self) -> Vec<Hit> {
        self.0.lock().expect("log").clone()
    }
    pub fn paths(&self) -> Vec<String> {
        self.hits().into_iter().map(|h| h.path).collect()
    }
    pub fn count(&self, path: &str) -> usize {
        self.hits().iter().filter(|h| h.path == path).count()
    }
}

/// A running server.
#[derive(Debug, Clone)]
pub struct Server {
    pub addr: SocketAddr,
    pub log: Log,
}

impl Server {
    pub fn url(&self, path: &str) -> url::Url {
        url::Url::parse(&format!("http://{}{path}", self.addr)).expect("url")
    }
}

/// Serves `router` on a free port of 127.0.0.1, logging every request (path and query).
pub async fn serve(router: axum::Router) -> Server {
    let log = Log::default();
    let l = log.clone();
    let app = router.layer(axum::middleware::from_fn(move |req: Request, next: Next| {
        let l = l.clone();
        async move {
            let path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default();
            l.0.lock().expect("log").push(Hit {
                at: Instant::now(),
                path,
                headers: req.headers().clone(),
            });
            next.run(req).await
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Server { addr, log }
}

/// Settings for tests: 127.0.0.1 allowed (and nothing else private), no host delay, short
/// timeouts and retries.
pub fn settings() -> FetchSettings {
    FetchSettings {
        policy: AddressPolicy::parse(&["127.0.0.1".to_owned()]).expect("policy"),
        host_delay: Duration::ZERO,
        request_timeout: Duration::from_secs(3),
        connect_timeout: Duration::from_secs(2),
        retry_base: Duration::from_millis(50),
        retry_max: Duration::from_secs(3),
        max_retries: 2,
        ..FetchSettings::default()
    }
}

/// A crawler over `store` with `settings`, emitting into the returned channel.
pub fn crawler(settings: FetchSettings, store: Store) -> (Crawler, UnboundedReceiver<RawArticle>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let fetcher = Arc::new(Fetcher::new(settings).expect("fetcher"));
    let c = Crawler::new(fetcher, store, Arc::new(ChannelSink(tx)), FetchMetrics::unregistered());
    (c, rx)
}

/// Everything emitted so far.
pub fn drain(rx: &mut UnboundedReceiver<RawArticle>) -> Vec<RawArticle> {
    let mut out = Vec::new();
    while let Ok(d) = rx.try_recv() {
        out.push(d);
    }
    out
}

fn source(name: &str, kind: SourceKind) -> Source {
    Source {
        name: name.to_owned(),
        kind,
        schedule: Schedule::every("1h").expect("schedule"),
        language: None,
        tags: Vec::new(),
        max_items: 200,
        always_due: false,
    }
}

pub fn urls_source(name: &str, urls: Vec<url::Url>) -> Source {
    source(name, SourceKind::Urls { urls })
}

pub fn feed_source(name: &str, url: url::Url) -> Source {
    source(name, SourceKind::Feed { urls: vec![url] })
}

pub fn sitemap_source(name: &str, url: url::Url) -> Source {
    source(name, SourceKind::Sitemap { urls: vec![url] })
}

/// An RSS document with the given (guid, path, title) items, links relative to the server.
pub fn rss(items: &[(String, String, String)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Test wire</title>",
    );
    for (guid, path, title) in items {
        s.push_str(&format!(
            "<item><title>{title}</title><link>{path}</link><guid isPermaLink=\"false\">{guid}</guid>\
             <pubDate>Fri, 19 Apr 2024 18:00:00 GMT</pubDate><description>About {title}</description></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

/// A small HTML article.
pub fn article(title: &str) -> String {
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><article><p>{title}: des manifestants se sont rassemblés à Niamey.</p></article></body></html>")
}
