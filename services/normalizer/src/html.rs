//! The main text of an HTML page, the service's way: Readability (the dom_smoothie crate) with
//! rules of our own around it (`data/html_rules.json`).
//!
//! Before Readability scores the page: captions, credits, share bars, link lists, teasers and
//! the forms a reader writes into are removed from the DOM ([`Rules`]). After it: bylines,
//! photo credits, gallery controls and related-article headings are removed from the lines, and
//! so is advertising, by what it is ([`crate::furniture::Promotion`]); when Readability's text is
//! short, or holds little prose beside the page's, the page's blocks outside furniture are read
//! instead (Readability took a box beside the article, or a list below it); the article's lead
//! (standfirst), which Readability drops with the page headers, opens the text; notices about
//! the article (rights, disclosures, a paywall: [`crate::notices`]) go; and a heading left with
//! nothing under it at the end goes. Every removed line is reported.
//!
//! Before parsing, a page's size and depth are bounded ([`check_bounds`]) and its scripts and
//! styles cut out textually ([`strip_non_content`]). Other engines, for comparison, live with
//! the benchmarks in `services/evaluation` (`sahel_evaluation::engines`).

use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::Deserialize;

pub use crate::html_bounds::{check_bounds, strip_non_content, Refused, Stripped, MAX_DEPTH, MAX_HTML_BYTES};
use crate::line::{clean_line, clean_lines};
use crate::main_text::MainText;

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
    short_text_chars: usize,
    fallback_min_gain: f64,
    heading_max_words: usize,
    form_max_share: f64,
    prose_min_gain: f64,
    leads: String,
    lead_min_words: usize,
    captions: String,
    gallery_min_share: f64,
    descriptions: String,
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
    blocks: dom_query::Matcher,
    forms: dom_query::Matcher,
    text_fields: dom_query::Matcher,
    leads: dom_query::Matcher,
    lead_min_words: usize,
    form_max_share: f64,
    short_text_chars: usize,
    fallback_min_gain: f64,
    heading_max_words: usize,
    prose_min_gain: f64,
    captions: dom_query::Matcher,
    passwords: dom_query::Matcher,
    gallery_min_share: f64,
    descriptions: dom_query::Matcher,
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
            blocks: matcher(BLOCKS)?,
            short_text_chars: f.short_text_chars,
            fallback_min_gain: f.fallback_min_gain,
            heading_max_words: f.heading_max_words,
            prose_min_gain: f.prose_min_gain,
            forms: matcher("form")?,
            leads: matcher(&f.leads)?,
            lead_min_words: f.lead_min_words,
            text_fields: matcher(
                "textarea, input:not([type]), input[type=text], input[type=email], input[type=password], \
                 input[type=search], input[type=tel], input[type=url]",
            )?,
            form_max_share: f.form_max_share,
            captions: matcher(&f.captions)?,
            passwords: matcher("input[type=password]")?,
            gallery_min_share: f.gallery_min_share,
            descriptions: matcher(&f.descriptions)?,
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
        // Captions go, unless they hold most of the page's paragraphs (a gallery told in its
        // captions).
        let captions = doc.select_matcher(&self.captions);
        let caption_paragraphs: usize = captions
            .nodes()
            .iter()
            .filter(|n| !n.ancestors_it(None).any(|a| self.captions.match_element(&a)))
            .map(|n| paragraph_len(n, self))
            .sum();
        let mut page_paragraph_chars = doc.body().map_or(0, |b| paragraph_len(&b, self));
        if caption_paragraphs as f64 <= page_paragraph_chars as f64 * self.gallery_min_share {
            captions.remove();
            page_paragraph_chars -= caption_paragraphs;
        }
        // Forms the reader writes into (log-in, newsletter, contact, comment, search: a text
        // field) hold no article text, unless the page wraps its content in one (ASP.NET):
        // those shorter than `junk_max_chars` and holding less than `form_max_share` of the
        // page's text go. A form without a
        // text field (a product's options, a recipe's shopping list) may hold the article.
        let page_chars = doc.body().map_or(0, |b| text_len(&b));
        for node in doc.select_matcher(&self.forms).nodes() {
            let asks_to_write = node.descendants_it().any(|d| self.text_fields.match_element(&d));
            // A password field makes it a log-in or sign-up form whatever its length.
            let asks_password = node.descendants_it().any(|d| self.passwords.match_element(&d));
            let chars = text_len(node);
            if asks_to_write
                && (chars < self.junk_max_chars || asks_password)
                && (chars as f64) < page_chars as f64 * self.form_max_share
            {
                node.remove_from_parent();
            }
        }
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
            // Named as furniture and short, unless it holds most of the page's paragraphs (a
            // "socialicons-sticky" wrapper around a short post).
            if self.junk_attribute.is_match(&attrs)
                && text_len(node) < self.junk_max_chars
                && paragraph_len(node, self) * 2 <= page_paragraph_chars
            {
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

/// The elements whose text is a paragraph of the page for the fallback reader ([`blocks`]).
const BLOCK_NAMES: [&str; 13] = [
    "p",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];
const BLOCKS: &str = "p, li, blockquote, pre, dd, dt, td, th, h2, h3, h4, h5, h6";

/// Elements whose content is page furniture for the fallback reader.
fn is_furniture_element(name: &str) -> bool {
    matches!(name, "nav" | "header" | "footer" | "aside" | "form" | "menu" | "dialog")
}

/// The fallback reader: the text of block elements ([`BLOCKS`], the innermost of nested
/// ones) outside navigation, headers, footers, asides, forms and elements
/// whose class or id names furniture, in page order.
fn blocks(doc: &dom_query::Document, rules: &Rules) -> Vec<String> {
    let page_chars = doc.body().map_or(0, |b| text_len(&b));
    // Without Readability's scores to weigh them, blocks inside furniture go whatever the
    // furniture's size (comments): by element, or by a class or id the rules name, unless
    // that element holds most of the page (a "sticky-social" wrapper around the article). The
    // page's frame, `html`, `body`, `main`, `article`, is judged by name only: its class
    // names the page ("single-post has-comments").
    let mut verdicts: std::collections::HashMap<dom_query::NodeId, bool> = std::collections::HashMap::new();
    let mut is_furniture = |a: &dom_query::NodeRef| -> bool {
        *verdicts.entry(a.id).or_insert_with(|| {
            let Some(name) = a.node_name() else {
                return false;
            };
            if matches!(&*name, "html" | "body" | "main" | "article") {
                return false;
            }
            if is_furniture_element(&name) {
                return true;
            }
            let mut attrs = a.class().map(|c| c.to_lowercase()).unwrap_or_default();
            attrs.push(' ');
            attrs.push_str(&a.id_attr().map(|c| c.to_lowercase()).unwrap_or_default());
            rules.junk_attribute.is_match(&attrs) && text_len(a) * 2 < page_chars
        })
    };
    let mut out = Vec::new();
    for node in doc.select_matcher(&rules.blocks).nodes() {
        let has_block_inside = node
            .descendants_it()
            .any(|d| d.id != node.id && d.node_name().is_some_and(|n| BLOCK_NAMES.contains(&&*n)));
        if has_block_inside || node.ancestors_it(None).any(|a| is_furniture(&a)) {
            continue;
        }
        out.extend(clean_lines(&node.text()));
    }
    out
}

/// Whether a text already says `line`: half of the line's four-word sequences (lower case) are
/// in it (a description that restates the first paragraph with a few words more or less).
fn already_holds(paragraphs: &[String], line: &str) -> bool {
    fn shingles(text: &str) -> std::collections::HashSet<Vec<String>> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.windows(4).map(<[String]>::to_vec).collect()
    }
    let wanted = shingles(line);
    if wanted.is_empty() {
        return true;
    }
    let have: std::collections::HashSet<Vec<String>> = paragraphs.iter().flat_map(|p| shingles(p)).collect();
    wanted.iter().filter(|s| have.contains(*s)).count() * 2 >= wanted.len()
}

/// Whether a line reads as a heading: a few words, not ending a sentence.
fn is_heading(line: &str, max_words: usize) -> bool {
    (max_words == usize::MAX || line.split_whitespace().nth(max_words).is_none())
        && !line
            .trim_end_matches(['"', '\'', '”', '’', '»', ')'])
            .ends_with(['.', '!', '?', '…'])
}

/// Non-space characters of a node's text (counted in its text nodes, not copied out).
fn text_len(node: &dom_query::NodeRef) -> usize {
    std::iter::once(*node)
        .chain(node.descendants_it())
        .map(|d| {
            d.query_or(0, |t| match &t.data {
                dom_query::NodeData::Text { contents } => contents.chars().filter(|c| !c.is_whitespace()).count(),
                _ => 0,
            })
        })
        .sum()
}

/// Characters of a text's prose: its lines that are sentences (eight words or more, ending a
/// sentence; not an excerpt cut short with "…", which announces another page).
fn prose_chars(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .filter(|p| {
            p.split_whitespace().nth(7).is_some()
                && !is_heading(p, usize::MAX)
                && !p.ends_with("...")
                && !p.ends_with('…')
        })
        .map(|p| p.chars().count())
        .sum()
}

/// Whether `lines` hold nine tenths (in characters) of the lines of `text`.
fn covers(lines: &[String], text: &[String]) -> bool {
    let set: std::collections::HashSet<&str> = lines.iter().map(String::as_str).collect();
    let found: usize = text
        .iter()
        .filter(|l| set.contains(l.as_str()))
        .map(|l| l.chars().count())
        .sum();
    found * 10 >= text_chars(text) * 9
}

/// Characters of a text's paragraphs.
fn text_chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| p.chars().count()).sum()
}

/// Non-space characters of the paragraphs (`p`) under a node, the node included.
fn paragraph_len(node: &dom_query::NodeRef, rules: &Rules) -> usize {
    node.descendants_it()
        .chain(std::iter::once(*node))
        .filter(|d| rules.paragraphs.match_element(d))
        .map(|p| text_len(&p))
        .sum()
}

/// Non-space characters inside links under a node.
fn link_len(node: &dom_query::NodeRef) -> usize {
    node.descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| &*n == "a"))
        .map(|a| text_len(&a))
        .sum()
}

/// Readability (dom_smoothie, formatted text) over a parsed page; `url` is passed on when
/// absolute. The service's engine runs it after [`Rules`]; the benchmarks also run it alone.
pub fn readability(doc: dom_query::Document, url: Option<&str>) -> Option<dom_smoothie::Article> {
    // Scripts are cut out before parsing (JSON-LD is read from them then), so Readability has
    // no JSON-LD to look for.
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        disable_json_ld: true,
        ..dom_smoothie::Config::default()
    };
    // Readability wants an absolute URL (for links only); anything else is not passed on.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut r = dom_smoothie::Readability::with_document(doc, url, Some(cfg)).ok()?;
    r.parse().ok()
}

/// The main text of an HTML page; `url` (absolute) resolves its links.
pub fn main_text(html: &str, url: Option<&str>) -> MainText {
    let stripped = strip_non_content(html);
    let doc = dom_query::Document::from(stripped.html.as_str());
    // Metadata first: the furniture rules remove bylines and datelines.
    let meta = crate::metadata::from_dom(&doc, &stripped.json_ld, url);
    let rules = Rules::embedded();
    if let Some(rules) = rules {
        rules.preclean(&doc);
    }
    // Readability takes the page apart; the blocks are read from a copy.
    let page = doc.clone();
    let Some(a) = readability(doc, url) else {
        return MainText::default();
    };
    let (mut paragraphs, mut removed) = (Vec::new(), Vec::new());
    for line in clean_lines(&a.text_content) {
        if rules.is_some_and(|r| r.is_junk_line(&line)) {
            removed.push(line);
        } else {
            paragraphs.push(line);
        }
    }
    let title = meta
        .title
        .or_else(|| Some(clean_line(&a.title)).filter(|t| !t.is_empty()));
    // Advertising inside the body, by what it is (see [`crate::furniture::Promotion`]).
    let promotion = crate::furniture::Rules::embedded().promotion_mask(&paragraphs);
    let (kept, promoted) = crate::furniture::split_by(paragraphs, &promotion);
    paragraphs = kept;
    removed.extend(promoted);
    let is_title = |p: &String| Some(p) == title.as_ref() || *p == clean_line(&a.title);
    if let Some(rules) = rules {
        // A short text may be Readability's wrong choice among the page's parts (a box beside
        // the article, one of several sections): when the page's blocks outside furniture
        // hold much more text, they are the article.
        let fallback: Vec<String> = blocks(&page, rules)
            .into_iter()
            .filter(|l| !rules.is_junk_line(l) && !is_title(l))
            .collect();
        let short = text_chars(&paragraphs) < rules.short_text_chars
            && text_chars(&fallback) as f64 > text_chars(&paragraphs) as f64 * rules.fallback_min_gain;
        // Or Readability chose a part of the article with little prose (a list of names below
        // a letter): the blocks hold several times its prose and all of what it kept.
        // (Or none at all: a form's labels, a legal notice.)
        let little_prose = prose_chars(&paragraphs) as f64 * rules.prose_min_gain < prose_chars(&fallback) as f64
            && (covers(&fallback, &paragraphs) || prose_chars(&paragraphs) == 0);
        if short || little_prose {
            paragraphs = fallback;
        }
    }
    // The headline is metadata, not body text.
    if paragraphs.first().is_some_and(is_title) {
        removed.push(paragraphs.remove(0));
    }
    // The lead (standfirst) sits in the article's header, which Readability drops with the
    // page's headers: it opens the text.
    if let Some(rules) = rules {
        // The first that is a sentence of some length, not already kept (a page of teasers has
        // one per teaser).
        let lead = page
            .select_matcher(&rules.leads)
            .nodes()
            .iter()
            .map(|n| clean_line(&n.text()))
            .find(|l| l.split_whitespace().count() >= rules.lead_min_words && !is_heading(l, usize::MAX));
        if let Some(lead) = lead.filter(|l| !rules.is_junk_line(l) && !paragraphs.contains(l)) {
            paragraphs.insert(0, lead);
        }
    }
    // A page whose text holds no prose (a video, a product, a gallery told in markup we do not
    // read) says what it is about in its description (`descriptions`: the summary its
    // publisher writes): that opens the text, unless the text already says it.
    if let Some(rules) = rules.filter(|_| prose_chars(&paragraphs) == 0) {
        let description = page
            .select_matcher(&rules.descriptions)
            .nodes()
            .iter()
            .filter_map(|n| n.attr("content").map(|c| clean_line(&c)))
            .find(|d| d.split_whitespace().count() >= rules.lead_min_words);
        if let Some(d) = description.filter(|d| !is_title(d) && !already_holds(&paragraphs, d)) {
            paragraphs.insert(0, d);
        }
    }
    // Notices about the article: rights, disclosures, look-alike letters, a paywall (see
    // [`crate::notices`]).
    let notices = crate::notices::Rules::embedded().mask(&paragraphs);
    let (kept, noticed) = crate::furniture::split_by(paragraphs, &notices);
    paragraphs = kept;
    removed.extend(noticed);
    // The site speaking to its reader at the end (see [`crate::furniture::Rules::closing_mask`]).
    let closing = crate::furniture::Rules::embedded().closing_mask(&paragraphs);
    let (kept, closed) = crate::furniture::split_by(paragraphs, &closing);
    paragraphs = kept;
    removed.extend(closed);
    // A heading with nothing under it at the end, after a paragraph of text ("Related",
    // "About the author"): what it introduced was furniture and is gone. (The last lines of a
    // list are no such heading: the line before them is not a paragraph.)
    if let Some(rules) = rules {
        let n = paragraphs.len();
        if n > 1
            && is_heading(&paragraphs[n - 1], rules.heading_max_words)
            && !is_heading(&paragraphs[n - 2], rules.heading_max_words)
        {
            removed.extend(paragraphs.pop());
        }
    }
    MainText {
        title,
        canonical_url: meta.canonical_url,
        paragraphs,
        removed,
        byline: meta.byline,
        published: meta.published,
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
