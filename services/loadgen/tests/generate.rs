//! Smoke tests of the load generator (bounded: a few thousand articles, no broker, no
//! database): the stream is deterministic for a seed, the language mix and duplicate shares
//! are as configured, the normalizer sees what the generator meant (language, exact and near
//! duplicates, distinct originals), and the sites serve feeds and pages over HTTP.

use std::collections::HashMap;

use chrono::{TimeZone as _, Utc};
use sahel_loadgen::gen::parse_languages;
use sahel_loadgen::{render, server, Article, Generator, Kind, Lang, Settings};
use sahel_normalizer::neardup::{MemoryIndex, Signature, THRESHOLD};
use sahel_schemas::envelope::Message as _;
use sahel_schemas::raw::{Charset, CharsetSource, SourceKind, SourceRef};
use sahel_schemas::{ids, ProducerInfo, RawArticle};

fn settings(seed: u64) -> Settings {
    Settings {
        seed,
        languages: parse_languages("fr=0.5,en=0.3,nl=0.2").expect("valid mix"),
        near_dup_share: 0.1,
        exact_dup_share: 0.05,
        sites: 4,
    }
}

fn stream(seed: u64, n: usize) -> Vec<Article> {
    let t0 = Utc.with_ymd_and_hms(2024, 6, 14, 9, 0, 0).single().expect("valid date");
    let mut g = Generator::new(settings(seed));
    (0..n)
        .map(|i| g.next_article(t0 + chrono::Duration::seconds(i as i64)))
        .collect()
}

#[test]
fn the_stream_is_deterministic_for_a_seed() {
    let a = stream(7, 300);
    let b = stream(7, 300);
    let c = stream(8, 300);
    let key = |v: &[Article]| -> Vec<(String, Vec<String>, &'static str, usize)> {
        v.iter()
            .map(|a| (a.title.clone(), a.paragraphs.clone(), a.kind.as_str(), a.site))
            .collect()
    };
    assert_eq!(key(&a), key(&b));
    assert_ne!(key(&a), key(&c));
    // Slugs are unique: every article has its own address.
    let mut slugs: Vec<&str> = a.iter().map(|x| x.slug.as_str()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(slugs.len(), a.len());
}

#[test]
fn languages_and_duplicate_shares_are_as_configured() {
    let v = stream(11, 3000);
    let n = v.len() as f64;
    let share = |f: &dyn Fn(&Article) -> bool| v.iter().filter(|a| f(a)).count() as f64 / n;
    let fr = share(&|a| a.lang == Lang::Fr);
    let en = share(&|a| a.lang == Lang::En);
    let nl = share(&|a| a.lang == Lang::Nl);
    assert!((fr - 0.5).abs() < 0.04, "fr share {fr}");
    assert!((en - 0.3).abs() < 0.04, "en share {en}");
    assert!((nl - 0.2).abs() < 0.04, "nl share {nl}");
    let near = share(&|a| matches!(a.kind, Kind::NearDuplicate { .. }));
    let exact = share(&|a| matches!(a.kind, Kind::ExactDuplicate { .. }));
    assert!((near - 0.1).abs() < 0.025, "near-duplicate share {near}");
    assert!((exact - 0.05).abs() < 0.02, "exact duplicate share {exact}");
    // A duplicate copies an earlier original, in its language, on another site.
    let by_index: HashMap<u64, &Article> = v.iter().map(|a| (a.index, a)).collect();
    for a in &v {
        if let Kind::NearDuplicate { of } | Kind::ExactDuplicate { of } = a.kind {
            let o = by_index[&of];
            assert!(of < a.index);
            assert_eq!(o.kind, Kind::Original);
            assert_eq!(o.lang, a.lang);
            assert_ne!(o.site, a.site);
        }
    }
    // Articles are news-sized: five to ten paragraphs.
    assert!(v.iter().all(|a| (5..=10).contains(&a.paragraphs.len())));
}

fn raw(location: &str, body: &str) -> RawArticle {
    let sha = ids::sha256_hex(body.as_bytes());
    RawArticle {
        schema: RawArticle::current_schema(),
        id: ids::document_id(location, &sha),
        produced_at: Utc::now(),
        producer: ProducerInfo::new("fetcher", "0"),
        source: SourceRef {
            name: "loadgen".into(),
            kind: SourceKind::Url,
            location: location.into(),
            feed_url: None,
            final_url: Some(location.into()),
        },
        fetched_at: Utc::now(),
        http: None,
        content_type: "text/html; charset=utf-8".into(),
        charset: Charset {
            name: "UTF-8".into(),
            source: CharsetSource::Utf8Valid,
            replacements: 0,
        },
        body: body.into(),
        content_sha256: sha,
        byte_length: body.len() as u64,
        language_hint: None,
        feed: None,
    }
}

#[test]
fn the_normalizer_sees_what_the_generator_meant() {
    let v = stream(3, 400);
    let mut by_index: HashMap<u64, (String, Signature)> = HashMap::new();
    let mut index = MemoryIndex::new();
    let (mut lang_ok, mut originals, mut false_near) = (0, 0, 0);
    for a in &v {
        let base = format!("http://127.0.0.{}:8080", a.site + 1);
        let page = render::html_page(&base, a);
        let clean = sahel_normalizer::normalize(&raw(&render::article_url(&base, a), &page))
            .unwrap_or_else(|e| panic!("article {} rejected: {e:?}", a.slug));
        // The site furniture is not part of the main text.
        assert!(!clean.text.contains("cookies"), "{}: {}", a.slug, clean.text);
        assert!(!clean.text.contains("WhatsApp"), "{}: {}", a.slug, clean.text);
        assert!(clean.text.contains(&a.paragraphs[0]), "{}: {}", a.slug, clean.text);
        if clean.language.code == a.lang.code() {
            lang_ok += 1;
        }
        let sig = Signature::of_text(&clean.text).expect("long enough for a signature");
        match a.kind {
            Kind::Original => {
                originals += 1;
                if index.claim(&a.slug, &sig).is_some() {
                    false_near += 1;
                }
            }
            Kind::ExactDuplicate { of } => {
                assert_eq!(by_index[&of].0, clean.fingerprints.text_sha256, "{}", a.slug);
            }
            Kind::NearDuplicate { of } => {
                assert_ne!(by_index[&of].0, clean.fingerprints.text_sha256, "{}", a.slug);
                let s = sig.similarity(&by_index[&of].1);
                assert!(s >= THRESHOLD, "{} is only {s:.2} similar to its original", a.slug);
            }
        }
        by_index.insert(a.index, (clean.fingerprints.text_sha256.clone(), sig));
    }
    assert!(
        lang_ok as f64 >= 0.97 * v.len() as f64,
        "language right for {lang_ok} of {}",
        v.len()
    );
    assert!(
        false_near as f64 <= 0.02 * originals as f64,
        "{false_near} of {originals} distinct stories look like near-duplicates"
    );
}

async fn http_get(url: &str) -> anyhow::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let rest = url.strip_prefix("http://").ok_or_else(|| anyhow::anyhow!("not http"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut s = tokio::net::TcpStream::connect(host).await?;
    s.write_all(format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes())
        .await?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await?;
    let text = String::from_utf8(buf)?;
    let status = text.get(9..12).unwrap_or("0").parse()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

#[tokio::test]
async fn sites_serve_feeds_and_pages() -> anyhow::Result<()> {
    let sites = server::start(2, 3).await?;
    let mut s = settings(5);
    s.sites = 2;
    let n = server::publish(&sites, Generator::new(s), 1000.0, 10, std::future::pending()).await?;
    assert_eq!(n, 10);
    let published = sites.published();
    assert_eq!(published.len(), 10);
    let (status, robots) = http_get(&format!("{}/robots.txt", sites.bases()[0])).await?;
    assert_eq!(status, 200);
    assert!(robots.contains("Allow: /"));
    for (k, feed_url) in sites.feed_urls().iter().enumerate() {
        let (status, feed) = http_get(feed_url).await?;
        assert_eq!(status, 200);
        let on_site: Vec<_> = published.iter().filter(|p| p.article.site == k).collect();
        // The feed lists the latest three of the site's articles, newest first.
        let items = feed.matches("<item>").count();
        assert_eq!(items, on_site.len().min(3), "{feed}");
        if let Some(last) = on_site.last() {
            let first_link = feed.split("<link>").nth(2).and_then(|l| l.split("</link>").next());
            assert_eq!(first_link, Some(last.url.as_str()));
        }
    }
    for p in &published {
        let (status, page) = http_get(&p.url).await?;
        assert_eq!(status, 200, "{}", p.url);
        assert!(page.contains(&render::escape(&p.article.title)));
    }
    let missing = format!("{}/a/nothing.html", sites.bases()[0]);
    assert_eq!(http_get(&missing).await?.0, 404);
    sites.shutdown();
    Ok(())
}
