//! Sitemaps (sitemaps.org), sitemap indexes and Google News sitemaps, parsed with quick-xml.
//! Namespace prefixes are ignored (`news:title` and `title` inside `<news:news>` alike), since
//! real sitemaps are loose about them.

use std::io::Read as _;

use chrono::{DateTime, Utc};
use quick_xml::events::Event;

/// One page listed in a sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapUrl {
    /// `<loc>`.
    pub loc: String,
    /// `<lastmod>` as written.
    pub lastmod: Option<String>,
    /// `<news:title>`.
    pub news_title: Option<String>,
    /// `<news:publication_date>`.
    pub news_published: Option<DateTime<Utc>>,
    /// `<news:language>` (ISO 639 code).
    pub news_language: Option<String>,
}

/// A parsed sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    /// `<sitemapindex>`: the child sitemaps' URLs.
    Index(Vec<String>),
    /// `<urlset>`: pages.
    UrlSet(Vec<SitemapUrl>),
}

/// Gunzips a sitemap delivered as a `.gz` file (not as Content-Encoding), capped at `cap`
/// bytes after decompression.
pub fn maybe_gunzip(body: Vec<u8>, cap: u64) -> Result<Vec<u8>, String> {
    if body.len() < 2 || body[..2] != [0x1f, 0x8b] {
        return Ok(body);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body.as_slice())
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("gzip: {e}"))?;
    if out.len() as u64 > cap {
        return Err(format!("over the {cap}-byte cap after decompression"));
    }
    Ok(out)
}

/// Parses sitemap XML.
pub fn parse(xml: &[u8]) -> Result<Sitemap, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut root: Option<String> = None;
    let mut index = Vec::new();
    let mut urls = Vec::new();
    let mut cur: Option<SitemapUrl> = None;
    let mut text = String::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = local(e.name().as_ref());
                if root.is_none() {
                    root = Some(name.clone());
                }
                if name == "url" && root.as_deref() == Some("urlset") {
                    cur = Some(SitemapUrl {
                        loc: String::new(),
                        lastmod: None,
                        news_title: None,
                        news_published: None,
                        news_language: None,
                    });
                }
                path.push(name);
                text.clear();
            }
            Ok(Event::Text(t)) => {
                text.push_str(&t.xml10_content());
            }
            Ok(Event::CData(t)) => text.push_str(&t.into_inner()),
            Ok(Event::GeneralRef(r)) => {
                // Entity references (&amp; ...) come as their own events.
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r.xml10_content()) {
                    text.push_str(s);
                }
            }
            Ok(Event::End(_)) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map(String::as_str).unwrap_or_default();
                let value = text.trim().to_owned();
                match (root.as_deref(), parent, name.as_str()) {
                    (Some("sitemapindex"), "sitemap", "loc") if !value.is_empty() => index.push(value),
                    (Some("urlset"), "url", "loc") => {
                        if let Some(c) = cur.as_mut() {
                            c.loc = value;
                        }
                    }
                    (Some("urlset"), "url", "lastmod") => {
                        if let Some(c) = cur.as_mut() {
                            c.lastmod = Some(value).filter(|v| !v.is_empty());
                        }
                    }
                    (Some("urlset"), "news", "title") => {
                        if let Some(c) = cur.as_mut() {
                            c.news_title = Some(value).filter(|v| !v.is_empty());
                        }
                    }
                    (Some("urlset"), "news", "publication_date") => {
                        if let Some(c) = cur.as_mut() {
                            c.news_published = parse_date(&value);
                        }
                    }
                    (Some("urlset"), "publication", "language") => {
                        if let Some(c) = cur.as_mut() {
                            c.news_language = Some(value.to_ascii_lowercase()).filter(|v| !v.is_empty());
                        }
                    }
                    (Some("urlset"), _, "url") => {
                        if let Some(c) = cur.take().filter(|c| !c.loc.is_empty()) {
                            urls.push(c);
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("XML at byte {}: {e}", reader.buffer_position())),
        }
        buf.clear();
    }
    match root.as_deref() {
        Some("sitemapindex") => Ok(Sitemap::Index(index)),
        Some("urlset") => Ok(Sitemap::UrlSet(urls)),
        Some(other) => Err(format!("root element <{other}> is neither <urlset> nor <sitemapindex>")),
        None => Err("no XML element".into()),
    }
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or_default().to_ascii_lowercase()
}

/// W3C datetime as used by sitemaps: a full timestamp, or a date alone.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    }
    // "2024-04-19T18:00+01:00" (minutes only) is allowed by W3C datetime.
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z")
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_urlset_and_news_sitemaps_parse() {
        let index = br#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.org/s1.xml</loc><lastmod>2024-04-19</lastmod></sitemap>
  <sitemap><loc>https://example.org/s2.xml.gz</loc></sitemap>
</sitemapindex>"#;
        assert_eq!(
            parse(index),
            Ok(Sitemap::Index(vec![
                "https://example.org/s1.xml".into(),
                "https://example.org/s2.xml.gz".into()
            ]))
        );
        let news = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://example.org/a?x=1&amp;y=2</loc>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>fr</news:language></news:publication>
      <news:publication_date>2024-04-19T18:00:00+01:00</news:publication_date>
      <news:title><![CDATA[Retrait annoncé]]></news:title>
    </news:news>
  </url>
  <url><loc>https://example.org/b</loc><lastmod>2024-04-18</lastmod></url>
</urlset>"#;
        let Ok(Sitemap::UrlSet(urls)) = parse(news.as_bytes()) else {
            panic!("not a urlset")
        };
        assert_eq!(urls.len(), 2);
        assert_eq!(urls[0].loc, "https://example.org/a?x=1&y=2");
        assert_eq!(urls[0].news_title.as_deref(), Some("Retrait annoncé"));
        assert_eq!(urls[0].news_language.as_deref(), Some("fr"));
        assert_eq!(
            urls[0].news_published.map(|d| d.to_rfc3339()),
            Some("2024-04-19T17:00:00+00:00".into())
        );
        assert_eq!(urls[1].lastmod.as_deref(), Some("2024-04-18"));
        assert!(parse(b"<html><body/></html>").unwrap_err().contains("neither"));
        assert!(parse(b"<urlset><url><loc>x</url>").is_err());
    }

    #[test]
    fn gzip_sitemaps_are_inflated_with_a_cap() {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&[b' '; 10_000]).expect("write");
        let bytes = gz.finish().expect("finish");
        assert_eq!(maybe_gunzip(bytes.clone(), 20_000).map(|b| b.len()), Ok(10_000));
        assert!(maybe_gunzip(bytes, 5_000).unwrap_err().contains("cap"));
        assert_eq!(maybe_gunzip(b"<urlset/>".to_vec(), 10), Ok(b"<urlset/>".to_vec()));
    }
}
