//! The fetcher against real HTTP servers on 127.0.0.1: feeds, conditional GET, robots.txt,
//! politeness (measured gaps), redirects, compression bombs, timeouts, body caps, charsets,
//! every SSRF refusal, sitemaps and retries. The crawl state is in memory here; see
//! `postgres.rs` for the durable state and the path through Kafka.

mod common;

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use common::*;
use sahel_fetcher::content::Purpose;
use sahel_fetcher::fetch::{FailClass, FetchOutcome, FetchSettings, Fetcher, Validators};
use sahel_fetcher::safety::AddressPolicy;
use sahel_fetcher::state::Store;
use sahel_schemas::raw::{CharsetSource, SourceKind};

fn html(body: impl Into<Body>) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body.into()).into_response()
}

fn gaps(hits: &[Hit]) -> Vec<Duration> {
    hits.windows(2).map(|w| w[1].at.duration_since(w[0].at)).collect()
}

#[tokio::test]
async fn a_feed_that_gains_items_emits_only_the_new_ones_and_an_unchanged_feed_costs_a_304() {
    let items = Arc::new(Mutex::new(vec![
        ("g1".to_owned(), "/a/1".to_owned(), "One".to_owned()),
        ("g2".to_owned(), "/a/2".to_owned(), "Two".to_owned()),
    ]));
    let feed_items = items.clone();
    let router = Router::new()
        .route(
            "/feed.xml",
            get(move |h: HeaderMap| {
                let items = feed_items.clone();
                async move {
                    let items = items.lock().expect("items").clone();
                    let etag = format!("\"v{}\"", items.len());
                    if h.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
                        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
                    }
                    (
                        [
                            (header::CONTENT_TYPE, "application/rss+xml".to_owned()),
                            (header::ETAG, etag),
                        ],
                        rss(&items),
                    )
                        .into_response()
                }
            }),
        )
        .route(
            "/a/{n}",
            get(|Path(n): Path<u32>| async move { html(article(&format!("Article {n}"))) }),
        );
    let server = serve(router).await;
    let (crawler, mut rx) = crawler(settings(), Store::memory());
    let source = feed_source("wire", server.url("/feed.xml"));

    let first = crawler.run_source(&source).await.expect("run 1");
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 2, "{:?}", first.summary);
    let mut titles: Vec<_> = docs
        .iter()
        .map(|d| d.feed.as_ref().and_then(|f| f.title.clone()).unwrap_or_default())
        .collect();
    titles.sort();
    assert_eq!(titles, ["One", "Two"]);
    let d = &docs[0];
    assert_eq!(d.source.kind, SourceKind::Feed);
    assert_eq!(d.source.feed_url.as_deref(), Some(server.url("/feed.xml").as_str()));
    assert_eq!(d.http.as_ref().map(|h| h.status), Some(200));
    assert!(d.body.contains("des manifestants"));
    assert_eq!(first.emitted.len(), 2);

    items
        .lock()
        .expect("items")
        .push(("g3".into(), "/a/3".into(), "Three".into()));
    let second = crawler.run_source(&source).await.expect("run 2");
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 1, "{:?}", second.summary);
    assert_eq!(docs[0].feed.as_ref().and_then(|f| f.title.as_deref()), Some("Three"));
    assert_eq!(second.summary.already_seen, 2);
    assert_eq!(server.log.count("/a/1"), 1, "a seen item is not fetched again");

    let third = crawler.run_source(&source).await.expect("run 3");
    assert!(drain(&mut rx).is_empty());
    assert_eq!(third.summary.not_modified, 1);
    let feed_hits: Vec<_> = server
        .log
        .hits()
        .into_iter()
        .filter(|h| h.path == "/feed.xml")
        .collect();
    assert_eq!(feed_hits.len(), 3);
    assert!(feed_hits[0].headers.get(header::IF_NONE_MATCH).is_none());
    assert_eq!(
        feed_hits[2]
            .headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok()),
        Some("\"v3\"")
    );
}

#[tokio::test]
async fn a_304_or_an_unchanged_body_emits_nothing() {
    let router = Router::new()
        .route(
            "/page",
            get(|h: HeaderMap| async move {
                if h.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some("\"p1\"") {
                    return StatusCode::NOT_MODIFIED.into_response();
                }
                (
                    [
                        (header::CONTENT_TYPE, "text/html"),
                        (header::ETAG, "\"p1\""),
                        (header::LAST_MODIFIED, "Fri, 19 Apr 2024 18:00:00 GMT"),
                    ],
                    article("Page"),
                )
                    .into_response()
            }),
        )
        .route("/static", get(|| async { html(article("Static")) }));
    let server = serve(router).await;
    let (crawler, mut rx) = crawler(settings(), Store::memory());
    let source = urls_source("pages", vec![server.url("/page"), server.url("/static")]);
    crawler.run_source(&source).await.expect("run 1");
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 2);
    let page = docs
        .iter()
        .find(|d| d.source.location.ends_with("/page"))
        .expect("page");
    assert_eq!(page.http.as_ref().and_then(|h| h.etag.as_deref()), Some("\"p1\""));

    let again = crawler.run_source(&source).await.expect("run 2");
    assert!(drain(&mut rx).is_empty());
    assert_eq!((again.summary.not_modified, again.summary.unchanged), (1, 1));
    let last = server.log.hits().into_iter().rfind(|h| h.path == "/page").expect("hit");
    assert_eq!(
        last.headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok()),
        Some("Fri, 19 Apr 2024 18:00:00 GMT")
    );
}

#[tokio::test]
async fn robots_txt_disallow_is_honoured_for_our_token_and_cached() {
    let router = Router::new()
        .route(
            "/robots.txt",
            get(|| async { "User-agent: *\nAllow: /\n\nUser-agent: SahelMonitor\nDisallow: /private\n" }),
        )
        .route("/private/a", get(|| async { html(article("secret")) }))
        .route("/public/b", get(|| async { html(article("public")) }))
        .route("/public/c", get(|| async { html(article("public c")) }));
    let server = serve(router).await;
    let (crawler, mut rx) = crawler(settings(), Store::memory());
    let source = urls_source(
        "r",
        vec![
            server.url("/private/a"),
            server.url("/public/b"),
            server.url("/public/c"),
        ],
    );
    let report = crawler.run_source(&source).await.expect("run");
    assert_eq!(drain(&mut rx).len(), 2);
    assert_eq!(report.summary.skipped.get("robots"), Some(&1));
    assert_eq!(
        server.log.count("/private/a"),
        0,
        "a disallowed page is never requested"
    );
    assert_eq!(server.log.count("/robots.txt"), 1, "robots.txt is cached");
}

#[tokio::test]
async fn robots_5xx_disallows_everything_and_4xx_allows_everything() {
    let down = serve(
        Router::new()
            .route("/robots.txt", get(|| async { StatusCode::SERVICE_UNAVAILABLE }))
            .route("/a", get(|| async { html(article("a")) })),
    )
    .await;
    let gone = serve(
        Router::new()
            .route("/robots.txt", get(|| async { StatusCode::GONE }))
            .route("/a", get(|| async { html(article("a")) })),
    )
    .await;
    let (crawler, mut rx) = crawler(settings(), Store::memory());
    let r = crawler
        .run_source(&urls_source("down", vec![down.url("/a")]))
        .await
        .expect("run");
    assert_eq!(r.summary.skipped.get("robots"), Some(&1), "{:?}", r.lines);
    assert!(r.lines[0].detail.as_deref().unwrap_or_default().contains("503"));
    assert_eq!(down.log.count("/a"), 0);
    let r = crawler
        .run_source(&urls_source("gone", vec![gone.url("/a")]))
        .await
        .expect("run");
    assert_eq!(r.summary.fetched, 1);
    assert_eq!(drain(&mut rx).len(), 1);
}

#[tokio::test]
async fn robots_crawl_delay_spaces_the_requests_to_a_host() {
    let router = Router::new()
        .route("/robots.txt", get(|| async { "User-agent: *\nCrawl-delay: 1\n" }))
        .route(
            "/p/{n}",
            get(|Path(n): Path<u32>| async move { html(article(&format!("p{n}"))) }),
        );
    let server = serve(router).await;
    let s = FetchSettings {
        concurrency: 8,
        ..settings()
    };
    let (crawler, mut rx) = crawler(s, Store::memory());
    let urls = (0..3).map(|n| server.url(&format!("/p/{n}"))).collect();
    crawler.run_source(&urls_source("slow", urls)).await.expect("run");
    assert_eq!(drain(&mut rx).len(), 3);
    let hits = server.log.hits();
    assert_eq!(hits.len(), 4, "robots.txt and three pages");
    for g in gaps(&hits[1..]) {
        assert!(g >= Duration::from_millis(950), "pages {g:?} apart, crawl-delay is 1 s");
    }
}

#[tokio::test]
async fn a_huge_crawl_delay_is_capped_and_requests_never_overlap_on_a_host() {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_seen = Arc::new(AtomicUsize::new(0));
    let (f, m) = (in_flight.clone(), max_seen.clone());
    let router = Router::new()
        .route("/robots.txt", get(|| async { "User-agent: *\nCrawl-delay: 3600\n" }))
        .route(
            "/p/{n}",
            get(move |Path(n): Path<u32>| {
                let (f, m) = (f.clone(), m.clone());
                async move {
                    let now = f.fetch_add(1, Ordering::SeqCst) + 1;
                    m.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(30)).await;
                    f.fetch_sub(1, Ordering::SeqCst);
                    html(article(&format!("p{n}")))
                }
            }),
        );
    let server = serve(router).await;
    let s = FetchSettings {
        concurrency: 8,
        max_crawl_delay: Duration::from_millis(300),
        ..settings()
    };
    let (crawler, mut rx) = crawler(s, Store::memory());
    let urls = (0..4).map(|n| server.url(&format!("/p/{n}"))).collect();
    let t0 = Instant::now();
    crawler.run_source(&urls_source("capped", urls)).await.expect("run");
    assert_eq!(drain(&mut rx).len(), 4);
    assert!(
        t0.elapsed() < Duration::from_secs(5),
        "the 3600 s crawl-delay was capped"
    );
    let hits = server.log.hits();
    for g in gaps(&hits[1..]) {
        assert!(
            g >= Duration::from_millis(290),
            "pages {g:?} apart, capped delay is 300 ms"
        );
    }
    assert_eq!(max_seen.load(Ordering::SeqCst), 1, "one request at a time per host");
}

#[tokio::test]
async fn the_configured_host_delay_applies_without_robots() {
    let server = serve(Router::new().route(
        "/p/{n}",
        get(|Path(n): Path<u32>| async move { html(article(&format!("p{n}"))) }),
    ))
    .await;
    let s = FetchSettings {
        host_delay: Duration::from_millis(250),
        ..settings()
    };
    let (crawler, mut rx) = crawler(s, Store::memory());
    let urls = (0..3).map(|n| server.url(&format!("/p/{n}"))).collect();
    crawler.run_source(&urls_source("d", urls)).await.expect("run");
    assert_eq!(drain(&mut rx).len(), 3);
    for g in gaps(&server.log.hits()) {
        assert!(
            g >= Duration::from_millis(240),
            "requests {g:?} apart, host delay is 250 ms"
        );
    }
}

#[tokio::test]
async fn redirect_loops_and_long_chains_fail_and_short_chains_record_the_final_url() {
    let router = Router::new()
        .route(
            "/loop/a",
            get(|| async { (StatusCode::FOUND, [(header::LOCATION, "/loop/b")]) }),
        )
        .route(
            "/loop/b",
            get(|| async { (StatusCode::FOUND, [(header::LOCATION, "/loop/a")]) }),
        )
        .route(
            "/chain/{n}",
            get(|Path(n): Path<u32>| async move {
                if n < 10 {
                    (
                        StatusCode::MOVED_PERMANENTLY,
                        [(header::LOCATION, format!("/chain/{}", n + 1))],
                    )
                        .into_response()
                } else {
                    html(article("end of the chain"))
                }
            }),
        );
    let server = serve(router).await;
    let (crawler, mut rx) = crawler(settings(), Store::memory());
    let source = urls_source(
        "redirects",
        vec![server.url("/loop/a"), server.url("/chain/0"), server.url("/chain/7")],
    );
    let r = crawler.run_source(&source).await.expect("run");
    assert_eq!(r.summary.failed.get("redirect_loop"), Some(&1), "{:?}", r.lines);
    assert_eq!(r.summary.failed.get("too_many_redirects"), Some(&1), "{:?}", r.lines);
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].source.location, server.url("/chain/7").as_str());
    assert_eq!(
        docs[0].source.final_url.as_deref(),
        Some(server.url("/chain/10").as_str())
    );
    assert_eq!(server.log.count("/chain/5"), 1);
    assert_eq!(server.log.count("/chain/6"), 0, "the sixth redirect is not followed");
    assert_eq!(server.log.count("/loop/a"), 1);
}

fn zeros_gzip(n: usize) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..n / chunk.len() {
        e.write_all(&chunk).expect("gzip");
    }
    e.finish().expect("gzip")
}

fn zeros_zlib(n: usize) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..n / chunk.len() {
        e.write_all(&chunk).expect("zlib");
    }
    e.finish().expect("zlib")
}

fn zeros_brotli(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 1, 22);
        let chunk = vec![0u8; 1 << 20];
        for _ in 0..n / chunk.len() {
            w.write_all(&chunk).expect("brotli");
        }
    }
    out
}

#[tokio::test]
async fn compression_bombs_stop_at_the_cap_and_honest_compression_decodes() {
    const BOMB: usize = 64 << 20;
    let gz = Arc::new(zeros_gzip(BOMB));
    let zl = Arc::new(zeros_zlib(BOMB));
    let br = Arc::new(zeros_brotli(BOMB));
    assert!(gz.len() < 1 << 20 && zl.len() < 1 << 20 && br.len() < 1 << 20);
    let mut honest = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    honest
        .write_all(article("Compressé honnêtement").as_bytes())
        .expect("gzip");
    let honest = Arc::new(honest.finish().expect("gzip"));
    let serve_encoded = |bytes: Arc<Vec<u8>>, encoding: &'static str| {
        get(move || {
            let bytes = bytes.clone();
            async move {
                (
                    [
                        (header::CONTENT_TYPE, "text/html"),
                        (header::CONTENT_ENCODING, encoding),
                    ],
                    bytes.as_ref().clone(),
                )
            }
        })
    };
    let router = Router::new()
        .route("/gzip-bomb", serve_encoded(gz, "gzip"))
        .route("/deflate-bomb", serve_encoded(zl, "deflate"))
        .route("/brotli-bomb", serve_encoded(br, "br"))
        .route("/honest", serve_encoded(honest, "gzip"));
    let server = serve(router).await;
    let s = FetchSettings {
        max_body_bytes: 1 << 20,
        ..settings()
    };
    let (crawler, mut rx) = crawler(s, Store::memory());
    let source = urls_source(
        "bombs",
        vec![
            server.url("/gzip-bomb"),
            server.url("/deflate-bomb"),
            server.url("/brotli-bomb"),
            server.url("/honest"),
        ],
    );
    let r = crawler.run_source(&source).await.expect("run");
    assert_eq!(r.summary.skipped.get("too_large"), Some(&3), "{:?}", r.lines);
    for l in r.lines.iter().filter(|l| l.status == "skipped") {
        assert!(
            l.detail.as_deref().unwrap_or_default().contains("after decompression"),
            "{l:?}"
        );
    }
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 1);
    assert!(docs[0].body.contains("Compressé honnêtement"));
    let accept = server.log.hits()[0].headers.get(header::ACCEPT_ENCODING).cloned();
    let accept = accept
        .and_then(|v| v.to_str().ok().map(str::to_owned))
        .unwrap_or_default();
    assert!(
        accept.contains("gzip") && accept.contains("br") && accept.contains("deflate"),
        "{accept}"
    );
}

#[tokio::test]
async fn a_slow_drip_response_hits_the_total_timeout() {
    let router = Router::new().route(
        "/drip",
        get(|| async {
            let stream = futures::stream::unfold(0u32, |n| async move {
                if n >= 100 {
                    return None;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                Some((Ok::<_, std::io::Error>(bytes_of(b"x")), n + 1))
            });
            ([(header::CONTENT_TYPE, "text/plain")], Body::from_stream(stream))
        }),
    );
    let server = serve(router).await;
    let s = FetchSettings {
        request_timeout: Duration::from_secs(1),
        max_retries: 0,
        ..settings()
    };
    let (crawler, mut rx) = crawler(s, Store::memory());
    let t0 = Instant::now();
    let r = crawler
        .run_source(&urls_source("drip", vec![server.url("/drip")]))
        .await
        .expect("run");
    let took = t0.elapsed();
    assert_eq!(r.summary.failed.get("timeout"), Some(&1), "{:?}", r.lines);
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(3),
        "{took:?}"
    );
    assert!(drain(&mut rx).is_empty());
}

fn bytes_of(b: &'static [u8]) -> axum::body::Bytes {
    axum::body::Bytes::from_static(b)
}

#[tokio::test]
async fn an_oversized_body_is_skipped_with_or_without_content_length() {
    let router = Router::new()
        .route("/big", get(|| async { html("y".repeat(300_000)) }))
        .route(
            "/big-chunked",
            get(|| async {
                let chunks = (0..10).map(|_| Ok::<_, std::io::Error>(axum::body::Bytes::from(vec![b'z'; 50_000])));
                (
                    [(header::CONTENT_TYPE, "text/plain")],
                    Body::from_stream(futures::stream::iter(chunks)),
                )
            }),
        )
        .route("/small", get(|| async { html(article("small")) }));
    let server = serve(router).await;
    let s = FetchSettings {
        max_body_bytes: 100_000,
        ..settings()
    };
    let (crawler, mut rx) = crawler(s, Store::memory());
    let r = crawler
        .run_source(&urls_source(
            "big",
            vec![server.url("/big"), server.url("/big-chunked"), server.url("/small")],
        ))
        .await
        .expect("run");
    assert_eq!(r.summary.skipped.get("too_large"), Some(&2), "{:?}", r.lines);
    let details: Vec<_> = r.lines.iter().filter_map(|l| l.detail.clone()).collect();
    assert!(
        details.iter().any(|d| d.contains("Content-Length 300000")),
        "{details:?}"
    );
    assert!(details.iter().any(|d| d.contains("after decompression")), "{details:?}");
    assert_eq!(drain(&mut rx).len(), 1);
}

#[tokio::test]
async fn a_windows_1252_french_page_comes_out_right_from_header_meta_or_guess() {
    const BODY: &[u8] = b"<p>Les \xc9tats-Unis ont accept\xe9 de retirer leurs soldats du Niger \x96 annonce \xe0 Niamey, l'\xe9t\xe9 dernier.</p></body></html>";
    let page = |head: &'static [u8]| [b"<html><head>".as_slice(), head, b"</head><body>", BODY].concat();
    let router = Router::new()
        .route(
            "/header",
            get(move || async move {
                (
                    [(header::CONTENT_TYPE, "text/html; charset=windows-1252")],
                    page(b"<title>t</title>"),
                )
            }),
        )
        .route(
            "/meta",
            get(move || async move {
                (
                    [(header::CONTENT_TYPE, "text/html")],
                    page(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"),
                )
            }),
        )
        .route(
            "/guess",
            get(move || async move { ([(header::CONTENT_TYPE, "text/html")], page(b"<title>t</title>")) }),
        );
    let server = serve(router).await;
    let (crawler, mut rx) = crawler(settings(), Store::memory());
    crawler
        .run_source(&urls_source(
            "cp1252",
            vec![server.url("/header"), server.url("/meta"), server.url("/guess")],
        ))
        .await
        .expect("run");
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 3);
    for d in &docs {
        assert!(
            d.body.contains(
                "Les États-Unis ont accepté de retirer leurs soldats du Niger – annonce à Niamey, l'été dernier."
            ),
            "{}: {}",
            d.source.location,
            d.body
        );
        assert_eq!(d.charset.name, "windows-1252");
        assert_eq!(d.charset.replacements, 0);
        let expected = if d.source.location.ends_with("/header") {
            CharsetSource::Header
        } else if d.source.location.ends_with("/meta") {
            CharsetSource::Meta
        } else {
            CharsetSource::Guessed
        };
        assert_eq!(d.charset.source, expected, "{}", d.source.location);
    }
}

#[tokio::test]
async fn every_forbidden_address_and_scheme_is_refused_directly_and_after_redirects() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let router = Router::new()
        .route("/page", get(|| async { html(article("allowed")) }))
        .route(
            "/to/{target}",
            get(move |Path(t): Path<String>| async move {
                let location = match t.as_str() {
                    "metadata" => "http://169.254.169.254/latest/meta-data/".to_owned(),
                    "loopback" => format!("http://127.0.0.2:{port}/secret"),
                    "v6" => format!("http://[::1]:{port}/"),
                    "decimal" => "http://2130706434/".to_owned(),
                    "private" => "http://10.0.0.1/admin".to_owned(),
                    "mapped" => "http://[::ffff:10.0.0.1]/".to_owned(),
                    _ => "file:///etc/passwd".to_owned(),
                };
                (StatusCode::FOUND, [(header::LOCATION, location)])
            }),
        );
    let server = serve(router).await;
    let fetcher = Fetcher::new(settings()).expect("fetcher");
    let fetch = |u: String| {
        let fetcher = &fetcher;
        async move {
            let url = url::Url::parse(&u).expect("url");
            (u, fetcher.fetch(&url, Purpose::Page, &Validators::default()).await)
        }
    };
    let forbidden = [
        format!("http://127.0.0.2:{port}/x"),
        format!("http://127.255.255.254:{port}/x"),
        // 127.0.0.2 spelled in decimal, octal and hex (127.0.0.1 itself is allowed here).
        "http://2130706434/".to_owned(),
        "http://0177.0.0.2/".to_owned(),
        "http://0x7f.0.0.2/".to_owned(),
        "http://0x7f000002/".to_owned(),
        "http://127.2/".to_owned(),
        format!("http://[::1]:{port}/"),
        format!("http://[::ffff:127.0.0.1]:{port}/"),
        "http://[::ffff:169.254.169.254]/".to_owned(),
        "http://[::127.0.0.1]/".to_owned(),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        "http://0251.0376.0251.0376/latest/meta-data/".to_owned(),
        "http://10.0.0.1/".to_owned(),
        "http://172.16.5.4/".to_owned(),
        "http://192.168.1.1/".to_owned(),
        "http://100.64.0.1/".to_owned(),
        format!("http://0.0.0.0:{port}/"),
        "http://224.0.0.1/".to_owned(),
        "http://255.255.255.255/".to_owned(),
        "http://192.0.2.1/".to_owned(),
        "http://198.51.100.1/".to_owned(),
        "http://203.0.113.1/".to_owned(),
        "http://240.0.0.1/".to_owned(),
        "http://[::]/".to_owned(),
        "http://[fc00::1]/".to_owned(),
        "http://[fd00:ec2::254]/".to_owned(),
        "http://[fe80::1]/".to_owned(),
        "http://[ff02::1]/".to_owned(),
        "http://[2001:db8::1]/".to_owned(),
    ];
    for u in forbidden {
        match fetch(u).await {
            (
                _,
                FetchOutcome::Failed {
                    class: FailClass::ForbiddenAddress,
                    detail,
                    ..
                },
            ) => assert!(detail.contains("refused"), "{detail}"),
            (u, other) => panic!("{u}: {other:?}"),
        }
    }
    for u in [
        "ftp://127.0.0.1/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/",
        "ws://127.0.0.1/",
    ] {
        let (u, out) = fetch(u.to_owned()).await;
        assert!(
            matches!(
                out,
                FetchOutcome::Failed {
                    class: FailClass::ForbiddenScheme,
                    ..
                }
            ),
            "{u}: {out:?}"
        );
    }
    for (target, class) in [
        ("metadata", FailClass::ForbiddenAddress),
        ("loopback", FailClass::ForbiddenAddress),
        ("v6", FailClass::ForbiddenAddress),
        ("decimal", FailClass::ForbiddenAddress),
        ("private", FailClass::ForbiddenAddress),
        ("mapped", FailClass::ForbiddenAddress),
        ("file", FailClass::ForbiddenScheme),
    ] {
        let (u, out) = fetch(server.url(&format!("/to/{target}")).to_string()).await;
        match out {
            FetchOutcome::Failed { class: c, detail, .. } if c == class => {
                assert!(detail.contains("after 1 redirects"), "{u}: {detail}")
            }
            other => panic!("{u}: {other:?}"),
        }
    }
    // 127.0.0.1 in any spelling is refused by a fetcher that does not allow it.
    let strict = Fetcher::new(FetchSettings {
        policy: AddressPolicy::default(),
        ..settings()
    })
    .expect("fetcher");
    for u in [
        format!("http://2130706433:{port}/"),
        format!("http://0177.0.0.1:{port}/"),
        format!("http://0x7f.0.0.1:{port}/"),
        format!("http://0x7f000001:{port}/"),
        format!("http://127.1:{port}/"),
        format!("http://017700000001:{port}/"),
        server.url("/page").to_string(),
    ] {
        let url = url::Url::parse(&u).expect("url");
        let out = strict.fetch(&url, Purpose::Page, &Validators::default()).await;
        assert!(
            matches!(
                out,
                FetchOutcome::Failed {
                    class: FailClass::ForbiddenAddress,
                    ..
                }
            ),
            "{u}: {out:?}"
        );
    }
    // The allowed server itself works.
    let (_, ok) = fetch(server.url("/page").to_string()).await;
    assert!(matches!(ok, FetchOutcome::Fetched(_)), "{ok:?}");
    assert!(!server.log.paths().iter().any(|p| p == "/secret"));
}

#[tokio::test]
async fn a_host_name_is_checked_on_its_resolved_address() {
    let server = serve(Router::new().route("/page", get(|| async { html(article("by name")) }))).await;
    let by_name = url::Url::parse(&format!("http://localhost:{}/page", server.addr.port())).expect("url");
    let strict = Fetcher::new(FetchSettings {
        policy: AddressPolicy::default(),
        ..settings()
    })
    .expect("fetcher");
    match strict.fetch(&by_name, Purpose::Page, &Validators::default()).await {
        FetchOutcome::Failed {
            class: FailClass::ForbiddenAddress,
            detail,
            ..
        } => assert!(detail.contains("localhost") && detail.contains("loopback"), "{detail}"),
        other => panic!("localhost was not refused: {other:?}"),
    }
    assert!(server.log.hits().is_empty(), "no connection was made");
    // With 127.0.0.1 allowed, the same name resolves to an allowed address and is fetched.
    let allowing = Fetcher::new(settings()).expect("fetcher");
    let out = allowing.fetch(&by_name, Purpose::Page, &Validators::default()).await;
    assert!(matches!(out, FetchOutcome::Fetched(_)), "{out:?}");
}

fn gzip_bytes(text: &str) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(text.as_bytes()).expect("gzip");
    e.finish().expect("gzip")
}

#[tokio::test]
async fn a_sitemap_index_leads_to_a_gzipped_sitemap_and_a_google_news_sitemap() {
    let server_addr = Arc::new(Mutex::new(String::new()));
    let a1 = server_addr.clone();
    let a2 = server_addr.clone();
    let a3 = server_addr.clone();
    let router = Router::new()
        .route(
            "/sitemap_index.xml",
            get(move || {
                let base = a1.lock().expect("addr").clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/xml")],
                        format!(
                            r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{base}/s/pages.xml.gz</loc></sitemap>
  <sitemap><loc>{base}/s/news.xml</loc></sitemap>
</sitemapindex>"#
                        ),
                    )
                }
            }),
        )
        .route(
            "/s/pages.xml.gz",
            get(move || {
                let base = a2.lock().expect("addr").clone();
                async move {
                    let xml = format!(
                        r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{base}/p/1</loc><lastmod>2024-04-18</lastmod></url>
  <url><loc>{base}/p/2</loc><lastmod>2024-04-19</lastmod></url>
</urlset>"#
                    );
                    ([(header::CONTENT_TYPE, "application/x-gzip")], gzip_bytes(&xml))
                }
            }),
        )
        .route(
            "/s/news.xml",
            get(move || {
                let base = a3.lock().expect("addr").clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                        format!(
                            r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>{base}/n/1</loc>
    <news:news>
      <news:publication><news:name>Le Sahel</news:name><news:language>fr</news:language></news:publication>
      <news:publication_date>2024-04-19T18:00:00Z</news:publication_date>
      <news:title>Retrait annoncé des troupes</news:title>
    </news:news>
  </url>
</urlset>"#
                        ),
                    )
                }
            }),
        )
        .route(
            "/p/{n}",
            get(|Path(n): Path<u32>| async move { html(article(&format!("page {n}"))) }),
        )
        .route(
            "/n/{n}",
            get(|Path(n): Path<u32>| async move { html(article(&format!("news {n}"))) }),
        );
    let server = serve(router).await;
    *server_addr.lock().expect("addr") = format!("http://{}", server.addr);
    let (crawler, mut rx) = crawler(settings(), Store::memory());
    let source = sitemap_source("sitemaps", server.url("/sitemap_index.xml"));
    let r = crawler.run_source(&source).await.expect("run");
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 3, "{:?}", r.lines);
    let news = docs
        .iter()
        .find(|d| d.source.location.ends_with("/n/1"))
        .expect("news page");
    assert_eq!(news.source.kind, SourceKind::Sitemap);
    assert_eq!(
        news.source.feed_url.as_deref(),
        Some(server.url("/s/news.xml").as_str())
    );
    assert_eq!(news.language_hint.as_deref(), Some("fr"));
    let meta = news.feed.as_ref().expect("news metadata");
    assert_eq!(meta.title.as_deref(), Some("Retrait annoncé des troupes"));
    assert_eq!(
        meta.published.map(|d| d.to_rfc3339()),
        Some("2024-04-19T18:00:00+00:00".into())
    );
    assert!(docs.iter().any(|d| d.source.location.ends_with("/p/2")));

    let again = crawler.run_source(&source).await.expect("run 2");
    assert!(drain(&mut rx).is_empty());
    assert_eq!(again.summary.already_seen, 3);
    assert_eq!(server.log.count("/p/1"), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_and_persistent_429s_give_up() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let router = Router::new()
        .route(
            "/flaky",
            get(move || {
                let c = c.clone();
                async move {
                    if c.fetch_add(1, Ordering::SeqCst) == 0 {
                        (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "1")]).into_response()
                    } else {
                        html(article("back"))
                    }
                }
            }),
        )
        .route(
            "/busy",
            get(|| async { (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "0")]) }),
        )
        .route(
            "/later",
            get(|| async { (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "3600")]) }),
        );
    let server = serve(router).await;
    let store = Store::memory();
    let (crawler, mut rx) = crawler(settings(), store.clone());
    let r = crawler
        .run_source(&urls_source(
            "retry",
            vec![server.url("/flaky"), server.url("/busy"), server.url("/later")],
        ))
        .await
        .expect("run");
    assert_eq!(drain(&mut rx).len(), 1, "{:?}", r.lines);
    let flaky: Vec<_> = server.log.hits().into_iter().filter(|h| h.path == "/flaky").collect();
    assert_eq!(flaky.len(), 2);
    assert!(
        flaky[1].at.duration_since(flaky[0].at) >= Duration::from_millis(950),
        "Retry-After: 1 was not honoured"
    );
    assert_eq!(server.log.count("/busy"), 3, "first attempt and two retries");
    assert_eq!(
        server.log.count("/later"),
        1,
        "a Retry-After over the cap is not waited for"
    );
    assert_eq!(r.summary.failed.get("http_429"), Some(&2));
    assert_eq!(r.retry_after, Some(Duration::from_secs(3600)));
    let later = store
        .url_state(server.url("/later").as_str())
        .await
        .expect("state")
        .expect("recorded");
    assert_eq!(later.failure_count, 1);
    assert!(later.next_due_at.expect("due") > chrono::Utc::now() + chrono::Duration::seconds(3500));
    // The next run does not knock again before the server's time.
    let r2 = crawler
        .run_source(&urls_source("retry", vec![server.url("/later")]))
        .await
        .expect("run 2");
    assert_eq!(r2.summary.deferred, 1);
    assert_eq!(server.log.count("/later"), 1);
}

#[tokio::test]
async fn content_types_outside_the_list_are_skipped_with_their_type() {
    let router = Router::new()
        .route(
            "/doc.pdf",
            get(|| async { ([(header::CONTENT_TYPE, "application/pdf")], vec![b'%'; 1000]) }),
        )
        .route(
            "/photo",
            get(|| async { ([(header::CONTENT_TYPE, "image/jpeg")], vec![0u8; 1000]) }),
        )
        .route(
            "/notes.txt",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                    "Communiqué du gouvernement.",
                )
            }),
        )
        .route(
            "/x",
            get(|| async { ([(header::CONTENT_TYPE, "application/xhtml+xml")], article("xhtml")) }),
        );
    let server = serve(router).await;
    let (crawler, mut rx) = crawler(settings(), Store::memory());
    let r = crawler
        .run_source(&urls_source(
            "types",
            vec![
                server.url("/doc.pdf"),
                server.url("/photo"),
                server.url("/notes.txt"),
                server.url("/x"),
            ],
        ))
        .await
        .expect("run");
    assert_eq!(r.summary.skipped.get("content_type"), Some(&2), "{:?}", r.lines);
    assert!(r
        .lines
        .iter()
        .any(|l| l.detail.as_deref().unwrap_or_default().contains("application/pdf")));
    let mut types: Vec<_> = drain(&mut rx).into_iter().map(|d| d.content_type).collect();
    types.sort();
    assert_eq!(types, ["application/xhtml+xml", "text/plain"]);
}

#[tokio::test]
async fn the_user_agent_names_the_crawler_and_its_contact() {
    let server = serve(Router::new().route("/a", get(|| async { html(article("ua")) }))).await;
    let s = FetchSettings {
        user_agent: "SahelMonitor/9.9 (+https://monitor.example.org/crawler)".into(),
        ..settings()
    };
    let (crawler, _rx) = crawler(s, Store::memory());
    crawler
        .run_source(&urls_source("ua", vec![server.url("/a")]))
        .await
        .expect("run");
    for h in server.log.hits() {
        assert_eq!(
            h.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()),
            Some("SahelMonitor/9.9 (+https://monitor.example.org/crawler)"),
            "{}",
            h.path
        );
    }
    assert_eq!(server.log.paths(), ["/robots.txt", "/a"]);
}

#[tokio::test]
async fn files_and_globs_are_a_source_too_and_unchanged_files_are_not_re_emitted_by_the_daemon() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("a.html"), article("fichier a")).expect("write");
    std::fs::write(dir.path().join("b.txt"), "Communiqué").expect("write");
    let source = sahel_fetcher::sources::parse(
        "[[source]]\nname = \"local\"\nkind = \"files\"\npaths = [\"*.html\", \"b.txt\"]\n",
        dir.path(),
    )
    .expect("sources")
    .remove(0);
    let (mut crawler, mut rx) = crawler(settings(), Store::memory());
    crawler.once = false;
    let r = crawler.run_source(&source).await.expect("run");
    assert_eq!(drain(&mut rx).len(), 2, "{:?}", r.lines);
    std::fs::write(dir.path().join("b.txt"), "Communiqué modifié").expect("write");
    let r = crawler.run_source(&source).await.expect("run 2");
    let docs = drain(&mut rx);
    assert_eq!(docs.len(), 1, "{:?}", r.lines);
    assert!(docs[0].body.contains("modifié"));
    assert_eq!(r.summary.unchanged, 1);
}

#[tokio::test]
async fn the_global_limit_bounds_requests_in_flight_across_hosts() {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_seen = Arc::new(AtomicUsize::new(0));
    let mut urls = Vec::new();
    for ip in ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"] {
        let (f, m) = (in_flight.clone(), max_seen.clone());
        let router = Router::new().route(
            "/p/{n}",
            get(move |Path(n): Path<u32>| {
                let (f, m) = (f.clone(), m.clone());
                async move {
                    let now = f.fetch_add(1, Ordering::SeqCst) + 1;
                    m.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    f.fetch_sub(1, Ordering::SeqCst);
                    html(article(&format!("p{n}")))
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind((ip, 0)).await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        for n in 0..3 {
            urls.push(url::Url::parse(&format!("http://{addr}/p/{n}")).expect("url"));
        }
    }
    let s = FetchSettings {
        policy: AddressPolicy::parse(&["127.0.0.0/8".to_owned()]).expect("policy"),
        concurrency: 2,
        ..settings()
    };
    let (crawler, mut rx) = crawler(s, Store::memory());
    crawler.run_source(&urls_source("many", urls)).await.expect("run");
    assert_eq!(drain(&mut rx).len(), 12);
    assert_eq!(max_seen.load(Ordering::SeqCst), 2, "at most two requests in flight");
}
