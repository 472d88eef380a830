//! Article metadata with provenance: title, byline, canonical URL and publication date.
//!
//! Dates are taken in order of trust: JSON-LD `datePublished`, publication meta tags, a
//! `<time>` element, then (in [`crate::normalize`]) the feed item's date, a date in the URL,
//! and a date line in plain text ([`crate::dateline`]). Script code never supplies a date
//! (scripts are cut out before parsing, JSON-LD blocks aside).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use regex::Regex;
use sahel_schemas::clean::{DatePrecision, DateSource, PublishedDate};
use std::sync::LazyLock;

use crate::line::clean_line;

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Canonical URL (absolute).
    pub canonical_url: Option<String>,
    /// Publication date and where it came from.
    pub published: Option<PublishedDate>,
}

/// Selectors of the `meta` and `link` elements metadata is read from, compiled once.
struct Heads {
    title: dom_query::Matcher,
    author: dom_query::Matcher,
    canonical: dom_query::Matcher,
    og_url: dom_query::Matcher,
    published: dom_query::Matcher,
}

static HEADS: LazyLock<Heads> = LazyLock::new(|| {
    let m = |sel: &str| dom_query::Matcher::new(sel).expect("static selector");
    Heads {
        title: m("meta[property='og:title'], meta[name='twitter:title']"),
        author: m("meta[name='author'], meta[property='article:author']"),
        canonical: m("link[rel='canonical']"),
        og_url: m("meta[property='og:url']"),
        published: m(
            "meta[property='article:published_time'], meta[property='og:published_time'], \
             meta[name='pubdate'], meta[name='publishdate'], meta[name='publish-date'], \
             meta[name='date'], meta[name='dc.date.issued'], meta[name='DC.date.issued'], \
             meta[name='sailthru.date'], meta[name='parsely-pub-date'], meta[itemprop='datePublished']",
        ),
    }
});

/// The first non-empty `attr` of the elements `matcher` (a selector of `meta` or `link`
/// elements) matches among `heads`, the page's `meta` and `link` elements in page order,
/// collected in one pass over the page.
fn attr_of(heads: &[dom_query::NodeRef], matcher: &dom_query::Matcher, attr: &str) -> Option<String> {
    heads
        .iter()
        .filter(|n| matcher.match_element(*n))
        .filter_map(|n| n.attr(attr).map(|v| clean_line(&v)))
        .find(|v| !v.is_empty())
}

fn text_of(doc: &dom_query::Document, sel: &str) -> Option<String> {
    doc.select(sel)
        .nodes()
        .iter()
        .map(|n| clean_line(&n.text()))
        .find(|v| !v.is_empty())
}

/// Metadata from a parsed page and its JSON-LD blocks. `url` resolves relative links.
pub fn from_dom(doc: &dom_query::Document, json_ld: &[String], url: Option<&str>) -> Metadata {
    let ld = json_ld_article(json_ld);
    let heads = doc.select("meta, link").nodes().to_vec();
    let title = attr_of(&heads, &HEADS.title, "content")
        .or_else(|| ld.as_ref().and_then(|a| a.headline.clone()))
        .or_else(|| text_of(doc, "h1"))
        .or_else(|| text_of(doc, "title"));
    let byline = ld
        .as_ref()
        .and_then(|a| a.author.clone())
        .or_else(|| attr_of(&heads, &HEADS.author, "content"))
        .filter(|a| !a.starts_with("http"))
        .or_else(|| text_of(doc, "[rel='author'], [itemprop='author'], .byline, .author-name"))
        .map(|b| strip_by(&b))
        .filter(|b| !b.is_empty() && b.chars().count() <= 120);
    let canonical_url = attr_of(&heads, &HEADS.canonical, "href")
        .or_else(|| attr_of(&heads, &HEADS.og_url, "content"))
        .or_else(|| ld.as_ref().and_then(|a| a.url.clone()))
        .and_then(|c| absolute(&c, url));
    let published = ld
        .as_ref()
        .and_then(|a| a.date_published.as_deref())
        .and_then(parse_date)
        .map(|(value, precision)| PublishedDate {
            value,
            precision,
            found_in: DateSource::JsonLd,
        })
        .or_else(|| {
            attr_of(&heads, &HEADS.published, "content")
                .and_then(|d| parse_date(&d))
                .map(|(value, precision)| PublishedDate {
                    value,
                    precision,
                    found_in: DateSource::MetaTag,
                })
        })
        .or_else(|| {
            let sel = "time[itemprop='datePublished'], time[pubdate], article time[datetime], header time[datetime], time[datetime]";
            doc.select(sel)
                .nodes()
                .iter()
                .filter_map(|n| n.attr("datetime").map(|v| clean_line(&v)))
                .find(|v| !v.is_empty())
                .and_then(|d| parse_date(&d))
                .map(|(value, precision)| PublishedDate {
                    value,
                    precision,
                    found_in: DateSource::TimeElement,
                })
        });
    Metadata {
        title,
        byline,
        canonical_url,
        published,
    }
}

fn strip_by(byline: &str) -> String {
    static BY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(by|par|door)\s+").expect("static regex"));
    BY.replace(byline.trim(), "").into_owned()
}

fn absolute(link: &str, base: Option<&str>) -> Option<String> {
    if link.starts_with("http://") || link.starts_with("https://") {
        return Some(link.to_owned());
    }
    let base = url::Url::parse(base?).ok()?;
    base.join(link).ok().map(|u| u.to_string())
}

#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    author: Option<String>,
    date_published: Option<String>,
    url: Option<String>,
}

fn ld_str(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(clean_line(s)).filter(|s| !s.is_empty()),
        serde_json::Value::Object(o) => o.get("name").and_then(ld_str).or_else(|| o.get("@id").and_then(ld_str)),
        serde_json::Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_str).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// The first article-like object in the JSON-LD blocks (top level, arrays and `@graph`).
fn json_ld_article(blocks: &[String]) -> Option<LdArticle> {
    fn is_article(o: &serde_json::Map<String, serde_json::Value>) -> bool {
        let t = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
        ["Article", "BlogPosting", "Report", "WebPage"]
            .iter()
            .any(|k| t.contains(k))
    }
    fn walk<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Map<String, serde_json::Value>>) {
        match v {
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => {
                if is_article(o) {
                    out.push(o);
                }
                if let Some(g) = o.get("@graph") {
                    walk(g, out);
                }
            }
            _ => {}
        }
    }
    for block in blocks {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(block.trim()) else {
            continue;
        };
        let mut found = Vec::new();
        walk(&v, &mut found);
        // A NewsArticle beats the WebPage that wraps it.
        found.sort_by_key(|o| !o.get("@type").is_some_and(|t| t.to_string().contains("Article")));
        if let Some(o) = found.first() {
            return Some(LdArticle {
                headline: o.get("headline").and_then(ld_str),
                author: o.get("author").and_then(ld_str),
                date_published: o.get("datePublished").and_then(ld_str),
                url: o.get("url").and_then(ld_str),
            });
        }
    }
    None
}

/// Parses machine dates: RFC 3339, ISO 8601 without zone (taken as UTC), a bare ISO date,
/// and RFC 2822. Dates before 1990 or more than two days in the future are refused.
pub fn parse_date(s: &str) -> Option<(DateTime<Utc>, DatePrecision)> {
    let s = s.trim();
    let parsed = DateTime::parse_from_rfc3339(s)
        .map(|d| (d.with_timezone(&Utc), DatePrecision::Time))
        .or_else(|_| {
            DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z").map(|d| (d.with_timezone(&Utc), DatePrecision::Time))
        })
        .or_else(|_| {
            DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z").map(|d| (d.with_timezone(&Utc), DatePrecision::Time))
        })
        .or_else(|_| DateTime::parse_from_rfc2822(s).map(|d| (d.with_timezone(&Utc), DatePrecision::Time)))
        .ok()
        .or_else(|| {
            [
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map(|n| (Utc.from_utc_datetime(&n), DatePrecision::Time))
        })
        .or_else(|| {
            let day = s.get(..10)?;
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|n| (Utc.from_utc_datetime(&n), DatePrecision::Day))
        })?;
    plausible(parsed)
}

fn plausible(d: (DateTime<Utc>, DatePrecision)) -> Option<(DateTime<Utc>, DatePrecision)> {
    let earliest = Utc.with_ymd_and_hms(1990, 1, 1, 0, 0, 0).single()?;
    (d.0 >= earliest && d.0 <= Utc::now() + chrono::Duration::days(2)).then_some(d)
}

/// A date in the URL path: `/2024/03/16/` or `2024-03-16` (day), `/2024/03/` (month).
pub fn date_from_url(url: &str) -> Option<PublishedDate> {
    static DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[/_-]((?:19|20)\d{2})[/_-](0[1-9]|1[0-2])[/_-](0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
            .expect("static regex")
    });
    static MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/").expect("static regex"));
    let num = |c: &regex::Captures, i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (date, precision) = if let Some(c) = DAY.captures(url) {
        (
            NaiveDate::from_ymd_opt(num(&c, 1)? as i32, num(&c, 2)?, num(&c, 3)?)?,
            DatePrecision::Day,
        )
    } else {
        let c = MONTH.captures(url)?;
        (
            NaiveDate::from_ymd_opt(num(&c, 1)? as i32, num(&c, 2)?, 1)?,
            DatePrecision::Month,
        )
    };
    let (value, precision) = plausible((Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?), precision))?;
    Some(PublishedDate {
        value,
        precision,
        found_in: DateSource::Url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(p: &PublishedDate) -> String {
        p.value.format("%Y-%m-%d").to_string()
    }

    #[test]
    fn json_ld_beats_meta_and_time() {
        let html = r#"<html><head><meta property="article:published_time" content="2024-03-17T10:00:00Z">
          <meta name="author" content="Meta Author"><link rel="canonical" href="/niger/rally">
          <title>Rally | Site</title></head><body><h1>Rally in Niamey</h1><time datetime="2024-03-18">x</time></body></html>"#;
        let ld = vec![
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2020-01-01"},
            {"@type":"NewsArticle","headline":"Thousands rally in Niamey","datePublished":"2024-03-16T09:30:00+01:00",
             "author":[{"@type":"Person","name":"Amina Issoufou"}]}]}"#
                .to_owned(),
        ];
        let doc = dom_query::Document::from(html);
        let m = from_dom(&doc, &ld, Some("https://news.example/2024/03/16/x"));
        let p = m.published.expect("date");
        assert_eq!((p.found_in, p.precision), (DateSource::JsonLd, DatePrecision::Time));
        assert_eq!(p.value.to_rfc3339(), "2024-03-16T08:30:00+00:00");
        assert_eq!(m.byline.as_deref(), Some("Amina Issoufou"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://news.example/niger/rally"));
        assert_eq!(m.title.as_deref(), Some("Thousands rally in Niamey"));

        let m = from_dom(&doc, &[], None);
        let p = m.published.expect("meta date");
        assert_eq!((p.found_in, day(&p)), (DateSource::MetaTag, "2024-03-17".to_owned()));
        assert_eq!(m.byline.as_deref(), Some("Meta Author"));
        assert_eq!(m.title.as_deref(), Some("Rally in Niamey"));

        let doc = dom_query::Document::from("<p>x</p><time datetime='2024-03-18'>18 March</time>");
        let p = from_dom(&doc, &[], None).published.expect("time date");
        assert_eq!(
            (p.found_in, p.precision, day(&p)),
            (DateSource::TimeElement, DatePrecision::Day, "2024-03-18".to_owned())
        );
    }

    #[test]
    fn url_dates() {
        let p = date_from_url("https://x.example/afrique/2023/12/06/niger-russie_123.html").expect("day");
        assert_eq!((day(&p), p.precision), ("2023-12-06".to_owned(), DatePrecision::Day));
        let p = date_from_url("https://x.example/2024/04/niger").expect("month");
        assert_eq!((day(&p), p.precision), ("2024-04-01".to_owned(), DatePrecision::Month));
        assert!(date_from_url("https://x.example/article/123456").is_none());
        assert!(date_from_url("https://x.example/1850/01/01/old").is_none());
    }

    #[test]
    fn machine_dates() {
        assert!(parse_date("2024-03-16T09:30:00Z").is_some());
        assert!(parse_date("2024-03-16T09:30:00+0100").is_some());
        assert!(parse_date("Sat, 16 Mar 2024 09:30:00 GMT").is_some());
        assert_eq!(parse_date("2024-03-16").map(|d| d.1), Some(DatePrecision::Day));
        assert!(parse_date("not a date").is_none());
        assert!(parse_date("2999-01-01").is_none());
    }
}
