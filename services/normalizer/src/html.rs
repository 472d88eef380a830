//! Main text from HTML. Several engines, chosen by measurement on the Zyte benchmark
//! (`sahel-zyte-score --ours --engine NAME`); [`Engine::default`] is the one the service uses.
//!
//! The default, [`Engine::Sahel`], is Readability (the dom_smoothie crate) with rules of our own
//! around it (`data/html_rules.json`): captions, credits, share bars, link lists and teasers are
//! removed from the DOM before Readability scores it, and bylines, photo credits and gallery
//! controls are removed from the lines after. Every removed line is reported.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::Deserialize;

use crate::text::{clean_line, Extracted};

/// An HTML main-text extractor.
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
}

/// The rules file, embedded at build time.
pub const HTML_RULES_JSON: &str = include_str!("../data/html_rules.json");

#[derive(Debug, Deserialize)]
struct RulesFile {
    remove_elements: String,
    junk_attribute: String,
    junk_max_chars: usize,
    link_list_ratio: f64,
    link_paragraph_max_chars: usize,
    line_max_chars: usize,
    line_patterns: std::collections::BTreeMap<String, Vec<String>>,
}

/// Compiled HTML rules.
#[derive(Debug)]
pub struct Rules {
    remove_elements: dom_query::Matcher,
    with_attributes: dom_query::Matcher,
    lists: dom_query::Matcher,
    paragraphs: dom_query::Matcher,
    junk_attribute: Regex,
    junk_max_chars: usize,
    link_list_ratio: f64,
    link_paragraph_max_chars: usize,
    line_max_chars: usize,
    lines: RegexSet,
}

impl Rules {
    /// Parses and compiles rules from JSON.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let f: RulesFile = serde_json::from_str(json).map_err(|e| format!("html_rules.json: {e}"))?;
        let matcher = |sel: &str| {
            dom_query::Matcher::new(sel).map_err(|e| format!("html_rules.json: {sel:?} is not a CSS selector: {e:?}"))
        };
        let patterns: Vec<String> = f.line_patterns.values().flatten().map(|p| format!("(?i){p}")).collect();
        Ok(Self {
            junk_attribute: Regex::new(&f.junk_attribute).map_err(|e| format!("html_rules.json: {e}"))?,
            lines: RegexSet::new(&patterns).map_err(|e| format!("html_rules.json: {e}"))?,
            remove_elements: matcher(&f.remove_elements)?,
            with_attributes: matcher("[class], [id]")?,
            lists: matcher("ul, ol")?,
            paragraphs: matcher("p")?,
            junk_max_chars: f.junk_max_chars,
            link_list_ratio: f.link_list_ratio,
            link_paragraph_max_chars: f.link_paragraph_max_chars,
            line_max_chars: f.line_max_chars,
        })
    }

    /// The embedded rules, compiled once. A unit test checks the data file, so a broken
    /// pattern cannot reach a release; if it did, Readability alone would run.
    pub fn embedded() -> Option<&'static Rules> {
        static RULES: LazyLock<Option<Rules>> = LazyLock::new(|| {
            Rules::from_json(HTML_RULES_JSON)
                .inspect_err(|e| tracing::error!(error = %e, "html rules do not compile; using Readability alone"))
                .ok()
        });
        RULES.as_ref()
    }

    /// Removes furniture from the DOM before Readability sees it.
    fn preclean(&self, doc: &dom_query::Document) {
        doc.select_matcher(&self.remove_elements).remove();
        for node in doc.select_matcher(&self.with_attributes).nodes() {
            if node
                .node_name()
                .is_some_and(|n| matches!(&*n, "html" | "body" | "article" | "main"))
            {
                continue;
            }
            let mut attrs = node.class().map(|c| c.to_lowercase()).unwrap_or_default();
            attrs.push(' ');
            attrs.push_str(&node.id_attr().map(|c| c.to_lowercase()).unwrap_or_default());
            if self.junk_attribute.is_match(&attrs) && text_len(node) < self.junk_max_chars {
                node.remove_from_parent();
            }
        }
        for node in doc.select_matcher(&self.lists).nodes() {
            let t = text_len(node);
            if t > 0 && link_len(node) as f64 > t as f64 * self.link_list_ratio {
                node.remove_from_parent();
            }
        }
        for node in doc.select_matcher(&self.paragraphs).nodes() {
            let t = text_len(node);
            if t > 0 && t < self.link_paragraph_max_chars && link_len(node) == t {
                node.remove_from_parent();
            }
        }
    }

    /// Whether an extracted line is furniture.
    pub fn is_junk_line(&self, line: &str) -> bool {
        line.chars().count() < self.line_max_chars && self.lines.is_match(line)
    }
}

/// Non-space characters of a node's text.
fn text_len(node: &dom_query::NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Non-space characters inside links under a node.
fn link_len(node: &dom_query::NodeRef) -> usize {
    node.descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| &*n == "a"))
        .map(|a| text_len(&a))
        .sum()
}

fn paragraphs_of(text: &str) -> Vec<String> {
    text.lines().map(clean_line).filter(|l| !l.is_empty()).collect()
}

fn readability(doc: dom_query::Document, url: Option<&str>) -> Option<dom_smoothie::Article> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    // Readability wants an absolute URL (for links only); anything else is not passed on.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut r = dom_smoothie::Readability::with_document(doc, url, Some(cfg)).ok()?;
    r.parse().ok()
}

/// Extracts the main text of `html` with `engine`.
pub fn extract(engine: Engine, html: &str, url: Option<&str>) -> Extracted {
    match engine {
        Engine::Blocks => crate::text::from_html(html),
        Engine::Sahel => {
            let stripped = strip_non_content(html);
            let doc = dom_query::Document::from(stripped.html.as_str());
            // Metadata first: the furniture rules remove bylines and datelines.
            let meta = crate::metadata::from_dom(&doc, &stripped.json_ld, url);
            let rules = Rules::embedded();
            if let Some(rules) = rules {
                rules.preclean(&doc);
            }
            let Some(a) = readability(doc, url) else {
                return Extracted::default();
            };
            let (mut paragraphs, mut removed) = (Vec::new(), Vec::new());
            for line in paragraphs_of(&a.text_content) {
                if rules.is_some_and(|r| r.is_junk_line(&line)) {
                    removed.push(line);
                } else {
                    paragraphs.push(line);
                }
            }
            let title = meta
                .title
                .or_else(|| Some(clean_line(&a.title)).filter(|t| !t.is_empty()));
            // The headline is metadata, not body text.
            if paragraphs
                .first()
                .is_some_and(|p| Some(p) == title.as_ref() || *p == clean_line(&a.title))
            {
                removed.push(paragraphs.remove(0));
            }
            Extracted {
                title,
                canonical_url: meta.canonical_url,
                paragraphs,
                removed,
                byline: meta.byline,
                published: meta.published,
            }
        }
        Engine::Readability => match readability(dom_query::Document::from(html), url) {
            Some(a) => Extracted {
                title: Some(clean_line(&a.title)).filter(|t| !t.is_empty()),
                canonical_url: a.url.clone(),
                paragraphs: paragraphs_of(&a.text_content),
                ..Extracted::default()
            },
            None => Extracted::default(),
        },
        Engine::Trafilatura => {
            let options = rs_trafilatura::Options {
                url: url.map(str::to_owned),
                page_type: Some(rs_trafilatura::page_type::PageType::Article),
                ..rs_trafilatura::Options::default()
            };
            match rs_trafilatura::extract_with_options(html, &options) {
                Ok(r) => Extracted {
                    title: r.metadata.title.as_deref().map(clean_line),
                    canonical_url: r.metadata.url.clone(),
                    paragraphs: paragraphs_of(&r.content_text),
                    ..Extracted::default()
                },
                Err(_) => Extracted::default(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_file_compiles() {
        Rules::from_json(HTML_RULES_JSON).expect("data/html_rules.json compiles");
        assert!(Rules::embedded().is_some());
    }

    #[test]
    fn bylines_and_credits_are_junk_but_sentences_are_not() {
        let r = Rules::embedded().expect("rules");
        for junk in [
            "By Justine Coleman - 11/18/19 11:04 PM EST",
            "Par Moussa Diallo",
            "Door Jan de Vries en Piet Jansen",
            "Photo: Damian Dovarganes, AP",
            "Image 1 of 5",
            "Updated 1:39 am EST, Wednesday, November 20, 2019",
            "Lire aussi : Au Mali, la junte suspend les partis",
        ] {
            assert!(r.is_junk_line(junk), "{junk}");
        }
        for keep in [
            "By Tuesday, the soldiers had withdrawn from Ménaka.",
            "Par ailleurs, la CEDEAO a levé ses sanctions.",
            "Door de droogte trokken herders naar het zuiden.",
            "Home to two million people, Niamey is the capital of Niger.",
        ] {
            assert!(!r.is_junk_line(keep), "{keep}");
        }
    }

    const PAGE: &str = r##"<html><head><title>Protest in Niamey</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article>
        <h1>Thousands rally in Niamey</h1>
        <div class="byline">By Amina Issoufou</div>
        <figure><img src="x.jpg"><figcaption>Protesters in Niamey on Friday. Photo: AFP</figcaption></figure>
        <p>Thousands of people marched through the centre of Niamey on Friday to demand the departure of foreign troops from Niger, chanting slogans in support of the ruling council.</p>
        <p>The march, organised by a coalition of civil society groups, ended peacefully at the Place de la Concertation, where speakers addressed the crowd for two hours.</p>
        <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
        <p>Similar rallies were held in Zinder and Maradi, according to local media, which reported no incidents.</p>
        <p><a href="/other">Mali: junta extends transition</a></p>
        <ul class="list"><li><a href="/a">Burkina: new attack near Djibo</a></li><li><a href="/b">ECOWAS summit ends</a></li></ul>
      </article>
      <aside class="sidebar"><h3>Most read</h3><p>Unrelated story about football results in Europe.</p></aside>
      <footer>Copyright 2026</footer></body></html>"##;

    #[test]
    fn sahel_engine_keeps_the_article_and_drops_furniture() {
        let ex = extract(Engine::Sahel, PAGE, Some("https://example.org/niamey"));
        let text = ex.paragraphs.join("\n");
        assert!(text.contains("Thousands of people marched"), "{text}");
        assert!(text.contains("Similar rallies were held in Zinder"), "{text}");
        for junk in [
            "Photo: AFP",
            "Share on Facebook",
            "junta extends",
            "Djibo",
            "Most read",
            "Copyright",
            "Amina",
        ] {
            assert!(!text.contains(junk), "{junk} kept in {text}");
        }
    }

    #[test]
    fn bounds() {
        assert_eq!(check_bounds(PAGE), Ok(()));
        let deep = format!("{}x{}", "<div>".repeat(MAX_DEPTH + 1), "</div>".repeat(MAX_DEPTH + 1));
        assert_eq!(check_bounds(&deep).map_err(|r| r.kind), Err("too_deeply_nested"));
        // Unclosed paragraphs, void elements, self-closing tags and script text do not nest.
        let flat = format!(
            "{}<script>{}</script>",
            "<p>a<br><img src=x><span/>".repeat(MAX_DEPTH * 2),
            "if (a<b) { s = '<div>'; }".repeat(MAX_DEPTH * 2)
        );
        assert_eq!(check_bounds(&flat), Ok(()));
        let siblings = "<div>x</div>".repeat(MAX_DEPTH * 2);
        assert_eq!(check_bounds(&siblings), Ok(()));
        let big = "a".repeat(MAX_HTML_BYTES + 1);
        assert_eq!(check_bounds(&big).map_err(|r| r.kind), Err("document_too_large"));
    }

    #[test]
    fn engines_are_named() {
        for e in Engine::ALL {
            assert_eq!(Engine::from_name(e.name()), Some(e));
        }
        assert_eq!(Engine::from_name("nope"), None);
    }
}

/// Elements whose content is never article text, dropped before parsing: script and style
/// text is a large share of a news page, and html5ever tokenizes all of it.
const STRIPPED: [&str; 5] = ["script", "style", "svg", "noscript", "template"];

/// An HTML page with [`STRIPPED`] elements cut out textually, and the JSON-LD blocks they held.
#[derive(Debug, Default)]
pub struct Stripped {
    /// The page without them.
    pub html: String,
    /// Contents of `<script type="application/ld+json">` elements, in page order.
    pub json_ld: Vec<String>,
}

/// Cuts [`STRIPPED`] elements (tag and contents) out of `html` in one linear pass, keeping the
/// JSON-LD blocks. An element left open runs to the end of the page, as in a browser.
pub fn strip_non_content(html: &str) -> Stripped {
    let bytes = html.as_bytes();
    let mut out = Stripped {
        html: String::with_capacity(html.len()),
        json_ld: Vec::new(),
    };
    let mut pos = 0;
    let mut search = 0;
    while let Some(rel) = html[search..].find('<') {
        let start = search + rel;
        let name = STRIPPED.iter().find(|n| {
            let end = start + 1 + n.len();
            bytes.len() > end
                && bytes[start + 1..end].eq_ignore_ascii_case(n.as_bytes())
                && matches!(bytes[end], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        });
        let Some(name) = name else {
            search = start + 1;
            continue;
        };
        out.html.push_str(&html[pos..start]);
        let open_end = html[start..].find('>').map_or(html.len(), |g| start + g + 1);
        let close = find_ascii_ci(&html[open_end..], &format!("</{name}")).map(|c| open_end + c);
        if *name == "script" && find_ascii_ci(&html[start..open_end], "ld+json").is_some() {
            out.json_ld.push(html[open_end..close.unwrap_or(html.len())].to_owned());
        }
        pos = close.map_or(html.len(), |c| html[c..].find('>').map_or(html.len(), |g| c + g + 1));
        search = pos;
    }
    out.html.push_str(&html[pos..]);
    out
}

/// Largest HTML document the normalizer parses; the fetcher caps bodies well below this.
pub const MAX_HTML_BYTES: usize = 16 * 1024 * 1024;
/// Deepest element nesting the normalizer parses. Real pages stay under a few hundred; the
/// HTML tree builder's scope checks are linear in the depth, so a page nested tens of
/// thousands deep would take minutes.
pub const MAX_DEPTH: usize = 2_000;

/// Elements that have no end tag, or whose end tag may be left out (the parser closes them).
const NOT_NESTING: [&str; 35] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup",
    "caption", "html", "head", "body", "!doctype",
];

/// Why an HTML document is refused before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Bounded label (DLQ kind): `document_too_large` or `too_deeply_nested`.
    pub kind: &'static str,
    /// Explanation with the measured figure.
    pub message: String,
}

/// Checks, in one linear pass over the tags, that a page is small and shallow enough to
/// parse in bounded time and memory. Script and style contents are skipped.
pub fn check_bounds(html: &str) -> Result<(), Refused> {
    if html.len() > MAX_HTML_BYTES {
        return Err(Refused {
            kind: "document_too_large",
            message: format!("HTML of {} bytes is over the limit of {MAX_HTML_BYTES}", html.len()),
        });
    }
    let b = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut pos = 0;
    while let Some(rel) = html[pos..].find('<') {
        let start = pos + rel + 1;
        let closing = b.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = b[name_start.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!' || **c == b'-')
            .count();
        pos = name_start + name_len;
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..pos].to_ascii_lowercase();
        let tag_end = html[pos..].find('>').map_or(html.len(), |g| pos + g);
        if !closing && (name == "script" || name == "style") {
            pos = find_ascii_ci(&html[tag_end..], &format!("</{name}")).map_or(html.len(), |c| tag_end + c + 2);
            continue;
        }
        if NOT_NESTING.contains(&name.as_str()) || name.starts_with("!--") {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !html[..tag_end].ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > MAX_DEPTH {
                return Err(Refused {
                    kind: "too_deeply_nested",
                    message: format!("elements nest more than {MAX_DEPTH} deep (at byte {})", start - 1),
                });
            }
        }
    }
    Ok(())
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` (ASCII) in `hay`.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = n.first()?.to_ascii_lowercase();
    let mut i = 0;
    while i + n.len() <= h.len() {
        if h[i].to_ascii_lowercase() == first && h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}
