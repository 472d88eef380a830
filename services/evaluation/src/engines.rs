//! HTML main-text engines compared on the page benchmarks (`sahel-zyte-score --ours --engine
//! NAME`, `sahel-trafilatura-score --ours --engine NAME`). Only [`Engine::Sahel`], the
//! normalizer's own reader ([`sahel_normalizer::html::main_text`]), runs in the service; the
//! others are peers and earlier attempts, kept here beside the comparisons that use them.

use sahel_normalizer::line::{clean_line, clean_lines};
use sahel_normalizer::main_text::MainText;
use scraper::{Html, Selector};

/// An HTML main-text engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// Readability with this project's rules before and after it (the service's engine).
    #[default]
    Sahel,
    /// dom_smoothie (a Rust port of Mozilla Readability) alone.
    Readability,
    /// rs-trafilatura (a Rust port of trafilatura), page type fixed to article.
    Trafilatura,
    /// This project's first extractor: block elements outside page furniture.
    Blocks,
}

impl Engine {
    /// Every engine, for comparisons.
    pub const ALL: [Engine; 4] = [Engine::Sahel, Engine::Readability, Engine::Trafilatura, Engine::Blocks];

    /// Stable name.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sahel => "sahel",
            Engine::Readability => "readability",
            Engine::Trafilatura => "trafilatura",
            Engine::Blocks => "blocks",
        }
    }

    /// Parses [`Engine::name`].
    pub fn from_name(name: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The main text of `html` (fetched from `url`, if known) by this engine.
    pub fn main_text(self, html: &str, url: Option<&str>) -> MainText {
        match self {
            Engine::Sahel => sahel_normalizer::html::main_text(html, url),
            Engine::Readability => readability(html, url),
            Engine::Trafilatura => trafilatura(html, url),
            Engine::Blocks => blocks(html),
        }
    }
}

/// dom_smoothie's Readability on the whole page, as the service configures it, one paragraph
/// per line.
fn readability(html: &str, url: Option<&str>) -> MainText {
    match sahel_normalizer::html::readability(dom_query::Document::from(html), url) {
        Some(a) => MainText {
            title: Some(clean_line(&a.title)).filter(|t| !t.is_empty()),
            canonical_url: a.url.clone(),
            paragraphs: clean_lines(&a.text_content),
            ..MainText::default()
        },
        None => MainText::default(),
    }
}

/// rs-trafilatura with the page type fixed to article.
fn trafilatura(html: &str, url: Option<&str>) -> MainText {
    let options = rs_trafilatura::Options {
        url: url.map(str::to_owned),
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        ..rs_trafilatura::Options::default()
    };
    match rs_trafilatura::extract_with_options(html, &options) {
        Ok(r) => MainText {
            title: r.metadata.title.as_deref().map(clean_line),
            canonical_url: r.metadata.url.clone(),
            paragraphs: clean_lines(&r.content_text),
            ..MainText::default()
        },
        Err(_) => MainText::default(),
    }
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// The headline, the canonical link and the text of block elements outside navigation,
/// headers, footers, asides, scripts and forms.
fn blocks(body: &str) -> MainText {
    let doc = Html::parse_document(body);
    let first_text = |sel: &str| -> Option<String> {
        let s = selector(sel)?;
        doc.select(&s)
            .map(|e| clean_line(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let first_attr = |sel: &str, attr: &str| -> Option<String> {
        let s = selector(sel)?;
        doc.select(&s)
            .filter_map(|e| e.value().attr(attr).map(clean_line))
            .find(|t| !t.is_empty())
    };
    let title = first_attr("meta[property='og:title']", "content")
        .or_else(|| first_text("h1"))
        .or_else(|| first_text("title"));
    let canonical_url =
        first_attr("link[rel='canonical']", "href").or_else(|| first_attr("meta[property='og:url']", "content"));

    let mut paragraphs = Vec::new();
    if let Some(blocks) = selector("p, h2, h3, h4, li, blockquote") {
        for e in doc.select(&blocks) {
            let in_furniture = e.ancestors().any(|a| {
                a.value().as_element().is_some_and(|el| {
                    matches!(
                        el.name(),
                        "nav" | "header" | "footer" | "aside" | "script" | "style" | "form" | "noscript"
                    )
                })
            });
            // Nested blocks (a <p> inside an <li>) are taken once, from the innermost.
            let has_block_child = e.descendants().skip(1).any(|d| {
                d.value()
                    .as_element()
                    .is_some_and(|el| matches!(el.name(), "p" | "li" | "blockquote" | "h2" | "h3" | "h4"))
            });
            if in_furniture || has_block_child {
                continue;
            }
            let t = clean_line(&e.text().collect::<String>());
            if !t.is_empty() && Some(&t) != title.as_ref() {
                paragraphs.push(t);
            }
        }
    }
    MainText {
        title,
        canonical_url,
        paragraphs,
        ..MainText::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_are_named() {
        for e in Engine::ALL {
            assert_eq!(Engine::from_name(e.name()), Some(e));
        }
        assert_eq!(Engine::from_name("nope"), None);
    }

    #[test]
    fn blocks_skips_furniture() {
        let html = r#"<html><head><title>T</title><link rel="canonical" href="https://x.example/a"></head>
            <body><nav><p>Menu</p></nav><h1>Protest in Niamey</h1><article><p>First para.</p>
            <ul><li><p>Item para.</p></li></ul></article><footer><p>Copyright</p></footer>
            <script>var p = "<p>no</p>";</script></body></html>"#;
        let e = Engine::Blocks.main_text(html, None);
        assert_eq!(e.title.as_deref(), Some("Protest in Niamey"));
        assert_eq!(e.canonical_url.as_deref(), Some("https://x.example/a"));
        assert_eq!(e.paragraphs, vec!["First para.", "Item para."]);
    }

    #[test]
    fn every_engine_reads_an_article() {
        let page = "<html><head><title>Rally</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Rally</h1>\
            <p>Thousands of people marched through the centre of Niamey on Friday to demand the departure of foreign troops from Niger.</p>\
            <p>The march, organised by a coalition of civil society groups, ended peacefully at the Place de la Concertation.</p>\
            <p>Similar rallies were held in Zinder and Maradi, according to local media, which reported no incidents.</p></article></body></html>";
        for e in Engine::ALL {
            let text = e.main_text(page, Some("https://example.org/a")).paragraphs.join("\n");
            assert!(
                text.contains("marched through the centre of Niamey"),
                "{}: {text}",
                e.name()
            );
        }
    }
}
