//! The main text of an HTML page, the service's way: Readability (the dom_smoothie crate) with
//! rules of our own around it (`data/html_rules.json`).
//!
//! Before Readability scores the page: captions, credits, share bars, link lists, teasers and
//! the forms a reader writes into are removed from the DOM ([`Rules`]). After it: bylines,
//! photo credits, gallery controls and related-article headings are removed from the lines, and
//! so is advertising, by what it is ([`crate::furniture::Promotion`]); when Readability's text is
//! short, or holds little prose beside the page's, the page's blocks outside furniture are read
//! instead (Readability took a box beside the article, or a list below it); the article's lead
//! (standfirst), which Readability drops with the page headers, opens the text; and a heading
//! left with nothing under it at the end goes. Every removed line is reported.
//!
//! Before parsing, a page's size and depth are bounded ([`check_bounds`]) and its scripts and
//! styles cut out textually ([`strip_non_content`]). Other engines, for comparison, live with
//! the benchmarks in `services/evaluation` (`sahel_evaluation::engines`).

use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::Deserialize;

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
        // Forms the reader writes into (log-in, newsletter, contact, comment, search: a text
        // field) hold no article text, unless the page wraps its content in one (ASP.NET):
        // those shorter than `junk_max_chars` and holding less than `form_max_share` of the
        // page's text go. A form without a
        // text field (a product's options, a recipe's shopping list) may hold the article.
        let page_chars = doc.select("body").nodes().first().map_or(0, text_len);
        for node in doc.select_matcher(&self.forms).nodes() {
            let asks_to_write = node.descendants_it().any(|d| self.text_fields.match_element(&d));
            let chars = text_len(node);
            if asks_to_write && chars < self.junk_max_chars && (chars as f64) < page_chars as f64 * self.form_max_share
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
    let page_chars = doc.select("body").nodes().first().map_or(0, text_len);
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

/// Whether a line reads as a heading: a few words, not ending a sentence.
fn is_heading(line: &str, max_words: usize) -> bool {
    line.split_whitespace().count() <= max_words
        && !line
            .trim_end_matches(['"', '\'', '”', '’', '»', ')'])
            .ends_with(['.', '!', '?', '…'])
}

/// Non-space characters of a node's text.
fn text_len(node: &dom_query::NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Characters of a text's prose: its lines that are sentences (eight words or more, ending a
/// sentence; not an excerpt cut short with "…", which announces another page).
fn prose_chars(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .filter(|p| {
            p.split_whitespace().count() >= 8 && !is_heading(p, usize::MAX) && !p.ends_with("...") && !p.ends_with('…')
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
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
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
        let little_prose = prose_chars(&paragraphs) as f64 * rules.prose_min_gain < prose_chars(&fallback) as f64
            && covers(&fallback, &paragraphs);
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
        let ex = main_text(PAGE, Some("https://example.org/niamey"));
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
    fn a_heading_left_at_the_end_goes_but_a_closing_list_stays() {
        let article = "<p>Thousands of people marched through the centre of Niamey on Friday to demand the departure of foreign troops from Niger, chanting slogans in support of the ruling council.</p>\
            <p>The march, organised by a coalition of civil society groups, ended peacefully at the Place de la Concertation, where speakers addressed the crowd for two hours.</p>\
            <p>Similar rallies were held in Zinder and Maradi, according to local media, which reported no incidents, and organisers promised more marches in the coming weeks.</p>";
        let page =
            format!("<html><body><article><h1>Rally</h1>{article}<h3>More on this topic</h3></article></body></html>");
        let ex = main_text(&page, None);
        assert!(
            ex.removed.iter().any(|r| r == "More on this topic"),
            "{:?}",
            ex.paragraphs
        );
        let page = format!(
            "<html><body><article><h1>Rally</h1>{article}<p>The organisers listed their demands:</p>\
             <ul><li>Departure of the troops</li><li>Release of the prisoners</li></ul></article></body></html>"
        );
        let ex = main_text(&page, None);
        assert!(
            ex.paragraphs.iter().any(|p| p == "Release of the prisoners"),
            "{:?}",
            ex.paragraphs
        );
        for (line, heading) in [
            ("Related articles", true),
            ("About the author:", true),
            ("The talks continue.", false),
            ("Why did the talks fail?", false),
        ] {
            assert_eq!(is_heading(line, 6), heading, "{line}");
        }
    }

    #[test]
    fn advertising_inside_the_article_goes() {
        let page = r#"<html><body><article><h1>Gao market</h1>
            <p>Traders in Gao reopened the central market on Wednesday, three months after a fire destroyed most of its stalls, the town hall said.</p>
            <p>More than two hundred stalls were rebuilt with money collected by the traders and a grant from the regional council of Gao.</p>
            <p>Get unlimited access to our premium newsletters with a free trial, cancel anytime.</p>
            <p>The town hall promised to build a fire station at the entrance of the market before the end of the year.</p>
            <p>"We start again from nothing," said a cloth seller in the market of Gao.</p>
            </article></body></html>"#;
        let ex = main_text(page, None);
        let ad = "Get unlimited access to our premium newsletters with a free trial, cancel anytime.";
        assert!(ex.removed.iter().any(|r| r == ad), "{:?}", ex.removed);
        assert_eq!(ex.paragraphs.len(), 4, "{:?}", ex.paragraphs);
    }

    #[test]
    fn the_fallback_reader_takes_blocks_outside_furniture() {
        let rules = Rules::embedded().expect("rules");
        let doc = dom_query::Document::from(
            r#"<html><body class="single has-comments"><nav><ul><li>Home</li></ul></nav>
            <div class="sticky-social"><div class="entry">
              <p>First paragraph of the article, long enough to be most of the page's text in this test of the fallback reader.</p>
              <ul><li><p>An item</p></li><li>Another item</li></ul>
              <table><tr><td>250 g flour</td><td>2 eggs</td></tr></table>
            </div></div>
            <div class="comments"><p>A reader's comment.</p></div>
            <footer><p>Imprint</p></footer></body></html>"#,
        );
        assert_eq!(
            blocks(&doc, rules),
            vec![
                "First paragraph of the article, long enough to be most of the page's text in this test of the fallback reader.",
                "An item",
                "Another item",
                "250 g flour",
                "2 eggs"
            ]
        );
    }

    #[test]
    fn forms_the_reader_writes_into_go_but_a_shop_form_stays() {
        let story = "<p>Traders in Gao reopened the central market on Wednesday, three months after a fire destroyed most of its stalls, the town hall said.</p>\
            <p>More than two hundred stalls were rebuilt with money collected by the traders and a grant from the regional council.</p>\
            <p>The town hall promised to build a fire station at the entrance of the market before the end of the year.</p>";
        let page = format!(
            "<html><body><article><h1>Gao market</h1>{story}\
             <form><p>Enter your e-mail address to receive our news every morning in your inbox.</p><input type=email><button>OK</button></form>\
             </article></body></html>"
        );
        let text = main_text(&page, None).paragraphs.join("\n");
        assert!(
            text.contains("fire station") && !text.contains("e-mail address"),
            "{text}"
        );
        let rules = Rules::embedded().expect("rules");
        let doc = dom_query::Document::from(format!(
            "<html><body>{story}<form><ul><li>250 g flour, sifted twice</li><li>2 eggs</li></ul>\
             <input type=checkbox><button>Add to list</button></form></body></html>"
        ));
        rules.preclean(&doc);
        assert!(doc.text().contains("250 g flour"), "a form without a text field stays");
    }

    #[test]
    fn the_lead_in_the_article_header_opens_the_text() {
        let page = r#"<html><body><article><header><h1>Gao market</h1>
            <p class="lead">Three months after the fire, the traders of Gao have rebuilt their market with their own money.</p></header>
            <p>Traders in Gao reopened the central market on Wednesday, three months after a fire destroyed most of its stalls, the town hall said.</p>
            <p>More than two hundred stalls were rebuilt with money collected by the traders and a grant from the regional council.</p>
            <p>The town hall promised to build a fire station at the entrance of the market before the end of the year.</p>
            </article></body></html>"#;
        let ex = main_text(page, None);
        assert_eq!(
            ex.paragraphs.first().map(String::as_str),
            Some("Three months after the fire, the traders of Gao have rebuilt their market with their own money."),
            "{:?}",
            ex.paragraphs
        );
        assert_eq!(
            ex.paragraphs.iter().filter(|p| p.starts_with("Three months")).count(),
            1
        );
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
