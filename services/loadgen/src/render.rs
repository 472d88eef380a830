//! Articles as a news site shows them: an HTML page with the site's furniture (header, menu,
//! share bar, "most read" box, footer, cookie notice), an RSS 2.0 feed of the latest articles,
//! and a plain-text file.

use crate::gen::Article;

/// Site names, one per host (cycled when there are more hosts).
const SITES: &[&str] = &[
    "Sahel Tribune",
    "Le Courrier du Fleuve",
    "Niamey Matin",
    "Sahel Nieuwsdienst",
    "L'Écho de Gao",
    "Ouaga Hebdo",
    "West Africa Wire",
    "La Voix du Liptako",
];

/// The site's display name.
pub fn site_name(site: usize) -> String {
    let base = SITES[site % SITES.len()];
    if site < SITES.len() {
        base.to_owned()
    } else {
        format!("{base} {}", site / SITES.len() + 1)
    }
}

/// Escapes text for HTML and XML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The address of an article on its site, under `base` (`http://127.0.0.3:8080`).
pub fn article_url(base: &str, a: &Article) -> String {
    format!("{base}/a/{}.html", a.slug)
}

/// The article's page.
pub fn html_page(base: &str, a: &Article) -> String {
    let site = escape(&site_name(a.site));
    let title = escape(&a.title);
    let url = article_url(base, a);
    let published = a.published.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let date_shown = a.published.format("%d/%m/%Y %H:%M");
    let (home, menu, share, most_read, cookies, rights) = match a.lang.code() {
        "fr" => (
            "Accueil",
            ["Politique", "Sécurité", "Économie", "Société"],
            "Partager sur Facebook · X · WhatsApp",
            "Les plus lus",
            "Ce site utilise des cookies pour mesurer l'audience.",
            "Tous droits réservés.",
        ),
        "nl" => (
            "Home",
            ["Politiek", "Veiligheid", "Economie", "Samenleving"],
            "Delen via Facebook · X · WhatsApp",
            "Meest gelezen",
            "Deze site gebruikt cookies om het bezoek te meten.",
            "Alle rechten voorbehouden.",
        ),
        _ => (
            "Home",
            ["Politics", "Security", "Economy", "Society"],
            "Share on Facebook · X · WhatsApp",
            "Most read",
            "This site uses cookies to measure its audience.",
            "All rights reserved.",
        ),
    };
    let mut body = String::with_capacity(4096);
    for p in &a.paragraphs {
        body.push_str("      <p>");
        body.push_str(&escape(p));
        body.push_str("</p>\n");
    }
    let nav: String = menu
        .iter()
        .map(|m| format!("<li><a href=\"/rubrique/{}\">{m}</a></li>", m.to_lowercase()))
        .collect();
    let lang = a.lang.code();
    let author = escape(&a.author);
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>{title} | {site}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="{site}">
  <meta property="article:published_time" content="{published}">
  <link rel="canonical" href="{url}">
  <link rel="alternate" type="application/rss+xml" href="/feed.xml">
  <style>body{{font-family:sans-serif}} .share{{color:#666}}</style>
  <script>window.dataLayer=window.dataLayer||[];</script>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">{site}</a>
    <nav><ul><li><a href="/">{home}</a></li>{nav}</ul></nav>
  </header>
  <main>
    <article>
      <h1>{title}</h1>
      <div class="byline"><span class="author">{author}</span> · <time class="timestamp" datetime="{published}">{date_shown}</time></div>
{body}      <div class="share">{share}</div>
    </article>
    <aside class="sidebar">
      <h2>{most_read}</h2>
      <ul><li><a href="/rubrique/securite">{site}: {}</a></li><li><a href="/rubrique/politique">{site}: {}</a></li></ul>
    </aside>
  </main>
  <footer><p>© {} {site}. {rights}</p><p class="cookie-notice">{cookies}</p><p><a href="/contact">Contact</a> · <a href="/mentions">Mentions</a></p></footer>
</body>
</html>
"#,
        menu[1],
        menu[0],
        a.published.format("%Y"),
    )
}

/// The article as a plain-text file: the title, a blank line, then the paragraphs.
pub fn text_file(a: &Article) -> String {
    let mut s = String::with_capacity(2048);
    s.push_str(&a.title);
    s.push_str("\n\n");
    for p in &a.paragraphs {
        s.push_str(p);
        s.push_str("\n\n");
    }
    s
}

/// An RSS 2.0 feed of `items` (newest first) on the site at `base`.
pub fn rss(base: &str, site: usize, items: &[&Article]) -> String {
    let name = escape(&site_name(site));
    let mut s = String::with_capacity(256 + items.len() * 400);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n");
    s.push_str(&format!(
        "<title>{name}</title>\n<link>{base}/</link>\n<description>{name}: latest news</description>\n"
    ));
    for a in items {
        let url = article_url(base, a);
        let desc = a.paragraphs.first().map(|p| escape(p)).unwrap_or_default();
        s.push_str(&format!(
            "<item><title>{}</title><link>{url}</link><guid isPermaLink=\"true\">{url}</guid><pubDate>{}</pubDate><description>{desc}</description></item>\n",
            escape(&a.title),
            a.published.to_rfc2822(),
        ));
    }
    s.push_str("</channel>\n</rss>\n");
    s
}
