//! RSS, Atom and JSON feeds (feed-rs) to the items the crawler fetches.

use chrono::{DateTime, Utc};
use url::Url;

/// One feed entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// What identifies the entry across fetches: its id/guid, else its link.
    pub key: String,
    /// The page the entry links to (absolute).
    pub link: Option<Url>,
    /// Title.
    pub title: Option<String>,
    /// Publication (or, failing that, update) time.
    pub published: Option<DateTime<Utc>>,
    /// Summary (text or HTML as the feed gave it).
    pub summary: Option<String>,
}

/// Parses a feed; relative links are resolved against `feed_url`.
pub fn parse(body: &[u8], feed_url: &Url) -> Result<Vec<FeedItem>, String> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(feed_url.as_str()))
        .build()
        .parse(body)
        .map_err(|e| format!("not a feed: {e}"))?;
    let mut out = Vec::with_capacity(feed.entries.len());
    for e in feed.entries {
        // The entry's page: an alternate link, else the first link.
        let href = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| e.links.first())
            .map(|l| l.href.trim().to_owned());
        let link = href.as_deref().and_then(|h| feed_url.join(h).ok());
        let key = if !e.id.trim().is_empty() {
            e.id.trim().to_owned()
        } else if let Some(l) = &link {
            l.to_string()
        } else {
            continue;
        };
        out.push(FeedItem {
            key,
            link,
            title: e.title.map(|t| t.content.trim().to_owned()).filter(|t| !t.is_empty()),
            published: e.published.or(e.updated),
            summary: e.summary.map(|t| t.content.trim().to_owned()).filter(|t| !t.is_empty()),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_atom_and_json_feeds_give_items() {
        let base = Url::parse("https://example.org/feeds/rss.xml").expect("url");
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
            <item><title>Niamey: manifestation</title><link>/2024/04/a.html</link>
              <guid>a-1</guid><pubDate>Fri, 19 Apr 2024 18:00:00 GMT</pubDate>
              <description>Des milliers de personnes.</description></item>
            <item><title>Sans guid</title><link>https://example.org/b.html</link></item>
        </channel></rss>"#;
        let items = parse(rss, &base).expect("rss");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].key, "a-1");
        assert_eq!(
            items[0].link.as_ref().map(Url::as_str),
            Some("https://example.org/2024/04/a.html")
        );
        assert_eq!(items[0].title.as_deref(), Some("Niamey: manifestation"));
        assert_eq!(
            items[0].published.map(|d| d.to_rfc3339()),
            Some("2024-04-19T18:00:00+00:00".into())
        );
        assert_eq!(items[0].summary.as_deref(), Some("Des milliers de personnes."));
        assert!(!items[1].key.is_empty());

        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id><updated>2024-04-19T18:00:00Z</updated>
            <entry><id>urn:e1</id><title>Entry</title><updated>2024-04-19T18:00:00Z</updated>
              <link rel="alternate" href="https://example.org/e1"/></entry></feed>"#;
        let items = parse(atom, &base).expect("atom");
        assert_eq!(items[0].key, "urn:e1");
        assert_eq!(items[0].link.as_ref().map(Url::as_str), Some("https://example.org/e1"));

        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"t",
            "items":[{"id":"j1","url":"https://example.org/j1","title":"J","date_published":"2024-04-19T18:00:00Z"}]}"#;
        let items = parse(json, &base).expect("json feed");
        assert_eq!((items[0].key.as_str(), items[0].title.as_deref()), ("j1", Some("J")));

        assert!(parse(b"<html><body>no feed</body></html>", &base).is_err());
    }
}
