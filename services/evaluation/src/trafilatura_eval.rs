//! Scorer for trafilatura's evaluation set (<https://github.com/adbar/trafilatura>,
//! `tests/evaldata.json` and `tests/eval/`; the development half lives in
//! `<workspace>/../shared/data/trafilatura-eval-dev`, see its PROVENANCE.md).
//!
//! Each page comes with a few snippets a main-text extractor must keep (`with`) and a few it must
//! drop (`without`). Scoring follows trafilatura's evaluation (`tests/comparison_small.py`):
//!
//! 1. [`score_page`]: a `with` snippet found in the predicted text is a true positive, missing a
//!    false negative; a `without` snippet found is a false positive, absent a true negative.
//!    "Found" is a plain substring test ([`Matching::Exact`], Python's `snippet in text`), which
//!    reproduces the published dev figure of trafilatura 2.3.1 (F1 0.928, P 0.909, R 0.949).
//!    [`Matching::Whitespace`] first collapses every run of whitespace to one space on both
//!    sides, as trafilatura's later `tests/eval_common.py` does (`norm`); it is an option only.
//!    A page without a prediction (or with `null` text) counts all its `with` snippets as false
//!    negatives and its `without` snippets as true negatives, like an empty text.
//! 2. [`Report`]: the counts summed over all pages, then P = TP/(TP+FP), R = TP/(TP+FN),
//!    F1 = their harmonic mean (= 2TP/(2TP+FP+FN)) and accuracy = (TP+TN)/(TP+FP+FN+TN); the same
//!    per language and per page kind. An empty denominator gives 1 ([`crate::ratio_or_one`]),
//!    where trafilatura's script prints 0; no real run meets the case.
//! 3. [`Report::worst`]: the pages that lose most (false negatives plus false positives).
//!
//! The data gives neither a language nor a page kind, so both are read off each page
//! ([`describe`]): the language of the gold text (title, description, `with` snippets) as the
//! normalizer's detector sees it, with the page's `<html lang>` as the hint when detection is
//! unsure (about one page in seven declares a language its text is not in, mostly German pages
//! saying `en`); the labels are the normalizer's (ISO 639-1 for the languages it names, else
//! whatlang's ISO 639-3); the kind from the page's own markup (schema.org type, `og:type`, generator), see
//! [`PageKind`].
//!
//! Predictions files are JSON lines, one object per page: `{"url": URL, "text": TEXT}` or
//! `{"file": NAME, "text": TEXT}` with NAME the page's `file` in the evaluation data or its stored
//! page (`html/<id>.html.gz`, or just `<id>`); TEXT may be `null` (no output). trafilatura's own
//! tooling scores in process and writes no predictions, so this format is ours
//! (`scripts/trafilatura_predictions.py` writes it for trafilatura).

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SAHEL_TRAFILATURA_EVAL_DIR";
/// Environment variable naming a predictions file of trafilatura 2.3.1 on the dev half (used by
/// `tests/trafilatura_eval.rs`).
pub const PREDICTIONS_ENV: &str = "SAHEL_TRAFILATURA_PREDICTIONS";
/// Gold snippets inside the data directory.
pub const EVALDATA_FILE: &str = "evaldata-dev.json";
/// URL → stored page inside the data directory.
pub const FILE_MAP_FILE: &str = "file-map.json";
/// Name of the data directory under `<workspace root>/../shared/data`.
const DATA_DIR_NAME: &str = "trafilatura-eval-dev";
/// Language label when neither the text nor the page says.
pub const UNDETERMINED: &str = "und";

// ---------------------------------------------------------------------------------------------
// Pages

/// What a page's own markup says it is (the evaluation data has no kind). The first that
/// applies, in this order:
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum PageKind {
    /// A schema.org type ending in `NewsArticle` (NewsArticle, ReportageNewsArticle, …).
    News,
    /// A schema.org `BlogPosting` or `Blog`, or a blog engine as the page's generator
    /// (WordPress, Blogger, Ghost).
    Blog,
    /// Another schema.org type ending in `Article`, or `og:type` `article`.
    Article,
    /// Anything else (`og:type` website, products, recipes, pages without such markup).
    #[default]
    Other,
}

impl PageKind {
    /// Every kind, in report order.
    pub const ALL: [PageKind; 4] = [PageKind::News, PageKind::Blog, PageKind::Article, PageKind::Other];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::News => "news",
            PageKind::Blog => "blog",
            PageKind::Article => "article",
            PageKind::Other => "other",
        }
    }
}

/// One evaluation page with its gold snippets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The page's URL (the key of the evaluation data).
    pub url: String,
    /// Its file name in trafilatura's repository (`file`).
    pub file: String,
    /// The stored page, relative to the data directory (`html/<id>.html.gz`).
    pub html: String,
    /// Title in the evaluation data (may be empty).
    pub title: String,
    /// Description in the evaluation data (may be empty).
    pub description: String,
    /// Snippets the main text must contain.
    pub with: Vec<String>,
    /// Snippets the main text must not contain.
    pub without: Vec<String>,
    /// Language ([`describe`]; [`UNDETERMINED`] until then).
    pub language: String,
    /// Page kind ([`describe`]).
    pub kind: PageKind,
}

#[derive(Debug, Deserialize)]
struct GoldEntry {
    file: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    with: Vec<String>,
    without: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct MapEntry {
    html: String,
}

/// Parses `evaldata-dev.json` (`{url: {"file", "with", "without", …}}`) and `file-map.json`
/// (`{url: {"html": path}}`) into pages sorted by URL, not yet [`describe`]d. Every page needs a
/// stored file, at least one `with` or `without` snippet, and no empty snippet (an empty snippet
/// is found in every text).
pub fn parse_pages(evaldata: &str, file_map: &str) -> Result<Vec<Page>> {
    let gold: BTreeMap<String, GoldEntry> = serde_json::from_str(evaldata).context("evaluation data")?;
    let map: HashMap<String, MapEntry> = serde_json::from_str(file_map).context("file map")?;
    gold.into_iter()
        .map(|(url, entry)| {
            let Some(stored) = map.get(&url) else {
                bail!("{url}: not in the file map")
            };
            if entry.with.is_empty() && entry.without.is_empty() {
                bail!("{url}: no snippet to score");
            }
            if entry.with.iter().chain(&entry.without).any(|s| s.trim().is_empty()) {
                bail!("{url}: empty snippet");
            }
            Ok(Page {
                url,
                file: entry.file,
                html: stored.html.clone(),
                title: entry.title.unwrap_or_default(),
                description: entry.description.unwrap_or_default(),
                with: entry.with,
                without: entry.without,
                language: UNDETERMINED.to_owned(),
                kind: PageKind::Other,
            })
        })
        .collect()
}

/// Sets the page's language and kind from its HTML (see the module documentation).
pub fn describe(page: &mut Page, html: &str) {
    let doc = scraper::Html::parse_document(html);
    let declared = selector("html")
        .and_then(|s| doc.select(&s).next())
        .and_then(|e| e.value().attr("lang").or_else(|| e.value().attr("xml:lang")))
        .map(|lang| {
            lang.split(['-', '_'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|lang| !lang.is_empty());
    let gold_text = [page.title.as_str(), page.description.as_str()]
        .into_iter()
        .chain(page.with.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    page.language = sahel_normalizer::text::detect_language(&gold_text, declared.as_deref()).0;

    let mut types = Vec::new();
    if let Some(s) = selector(r#"script[type="application/ld+json"]"#) {
        for script in doc.select(&s) {
            types.extend(schema_types(&script.text().collect::<String>()));
        }
    }
    let meta = |name: &str| {
        selector(&format!(r#"meta[property="{name}"], meta[name="{name}"]"#))
            .and_then(|s| {
                doc.select(&s)
                    .find_map(|e| e.value().attr("content").map(str::to_owned))
            })
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    };
    page.kind = kind_from_markup(&types, &meta("og:type"), &meta("generator"));
}

fn selector(css: &str) -> Option<scraper::Selector> {
    scraper::Selector::parse(css).ok()
}

/// The page kind from schema.org types, `og:type` and the generator (lower-case).
pub fn kind_from_markup(schema_types: &[String], og_type: &str, generator: &str) -> PageKind {
    let has = |pred: &dyn Fn(&str) -> bool| schema_types.iter().any(|t| pred(t));
    if has(&|t| t.ends_with("NewsArticle")) {
        PageKind::News
    } else if has(&|t| t == "BlogPosting" || t == "Blog")
        || ["wordpress", "blogger", "ghost"]
            .iter()
            .any(|g| generator.starts_with(g))
    {
        PageKind::Blog
    } else if has(&|t| t.ends_with("Article")) || og_type == "article" {
        PageKind::Article
    } else {
        PageKind::Other
    }
}

/// Every `"@type"` value in a JSON-LD text (a string or an array of strings, anywhere), read
/// lexically so that a page's malformed JSON-LD still counts; `schema:`/URL prefixes dropped.
pub fn schema_types(json_ld: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = json_ld;
    while let Some(at) = rest.find("\"@type\"") {
        rest = rest[at + "\"@type\"".len()..].trim_start();
        let Some(after_colon) = rest.strip_prefix(':') else {
            continue;
        };
        let value = after_colon.trim_start();
        let (list, single) = match value.strip_prefix('[') {
            Some(inner) => (inner.split(']').next().unwrap_or_default(), false),
            None => (value, true),
        };
        for quoted in list.split(',') {
            let quoted = quoted.trim();
            let Some(name) = quoted.strip_prefix('"').and_then(|q| q.split('"').next()) else {
                break;
            };
            let name = name.rsplit(['/', ':']).next().unwrap_or(name);
            if !name.is_empty() {
                out.push(name.to_owned());
            }
            if single {
                break;
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Data files

/// The data directory: `$SAHEL_TRAFILATURA_EVAL_DIR` if set and non-empty, else
/// `<workspace root>/../shared/data/trafilatura-eval-dev`.
pub fn data_dir() -> PathBuf {
    crate::pages::data_dir(DATA_DIR_ENV, DATA_DIR_NAME)
}

/// `<workspace root>/../shared/data/trafilatura-eval-dev`.
pub fn default_data_dir() -> PathBuf {
    crate::pages::shared_data_dir(DATA_DIR_NAME)
}

/// The first file the scorer needs that is missing from `dir` (`None` when the data is there).
pub fn missing_data(dir: &Path) -> Option<PathBuf> {
    [dir.to_path_buf(), dir.join(EVALDATA_FILE), dir.join(FILE_MAP_FILE)]
        .into_iter()
        .find(|p| !p.exists())
}

/// The stored page of `page`, decompressed, as raw bytes.
pub fn load_html_bytes(dir: &Path, page: &Page) -> Result<Vec<u8>> {
    crate::pages::read_gzip(&dir.join(&page.html))
}

/// Loads and [`describe`]s every page of the data directory.
pub fn load_pages(dir: &Path) -> Result<Vec<Page>> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    let mut pages =
        parse_pages(&read(EVALDATA_FILE)?, &read(FILE_MAP_FILE)?).with_context(|| format!("in {}", dir.display()))?;
    for page in &mut pages {
        let bytes = load_html_bytes(dir, page)?;
        let (html, _) = sahel_runtime::charset::decode(&bytes, true);
        describe(page, &html);
    }
    Ok(pages)
}

// ---------------------------------------------------------------------------------------------
// Predictions

/// Predicted text by page URL (`None`: the tool gave no output).
pub type Texts = BTreeMap<String, Option<String>>;

/// A predictions file: the texts and the keys that name no page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Predictions {
    /// Text by URL.
    pub texts: Texts,
    /// Keys of the file that name no page (ignored).
    pub unknown: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PredictionLine {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    file: Option<String>,
    text: Option<String>,
}

/// Parses JSON-lines predictions (see the module documentation) for `pages`; blank lines are
/// skipped, a page predicted twice is an error.
pub fn parse_predictions(jsonl: &str, pages: &[Page]) -> Result<Predictions> {
    let mut by_file: HashMap<&str, &str> = HashMap::new();
    for page in pages {
        let stored = page.html.rsplit('/').next().unwrap_or(&page.html);
        for name in [
            page.file.as_str(),
            page.html.as_str(),
            stored,
            stored.trim_end_matches(".html.gz"),
        ] {
            by_file.insert(name, &page.url);
        }
    }
    let known: std::collections::HashSet<&str> = pages.iter().map(|p| p.url.as_str()).collect();
    let mut out = Predictions::default();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let entry: PredictionLine =
            serde_json::from_str(line).with_context(|| format!("line {}: not a prediction object", i + 1))?;
        let url = match (&entry.url, &entry.file) {
            (Some(url), _) if known.contains(url.as_str()) => Some(url.clone()),
            (_, Some(file)) => by_file.get(file.as_str()).map(|u| (*u).to_owned()),
            (Some(_), None) => None,
            (None, None) => bail!("line {}: neither \"url\" nor \"file\"", i + 1),
        };
        let Some(url) = url else {
            out.unknown.push(entry.url.or(entry.file).unwrap_or_default());
            continue;
        };
        if out.texts.insert(url.clone(), entry.text).is_some() {
            bail!("line {}: {url} is predicted twice", i + 1);
        }
    }
    Ok(out)
}

/// Loads a predictions file.
pub fn load_predictions(path: &Path, pages: &[Page]) -> Result<Predictions> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    parse_predictions(&text, pages).with_context(|| format!("in {}", path.display()))
}

/// Writes predictions as JSON lines `{"url", "text"}`, in URL order.
pub fn write_predictions(path: &Path, texts: &Texts) -> Result<()> {
    let mut out = String::new();
    for (url, text) in texts {
        out.push_str(&serde_json::to_string(
            &serde_json::json!({ "url": url, "text": text }),
        )?);
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// Scoring

/// How a snippet is looked for in the predicted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matching {
    /// Plain substring (the published figures).
    #[default]
    Exact,
    /// Substring after collapsing whitespace runs to one space and trimming, on both sides.
    Whitespace,
}

/// Whitespace in the sense of Python's `\s` on `str` (Unicode White_Space plus the separators
/// U+001C..U+001F, which `str.isspace` counts).
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Every whitespace run as one space, trimmed (Python's `re.sub(r"\s+", " ", t).strip()`).
pub fn collapse_whitespace(text: &str) -> String {
    text.split(is_python_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Summed snippet counts over some pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Pages counted.
    pub pages: usize,
    /// `with` snippets found.
    pub tp: usize,
    /// `without` snippets found.
    pub fp: usize,
    /// `with` snippets missing.
    pub fn_: usize,
    /// `without` snippets absent.
    pub tn: usize,
}

impl Counts {
    /// Adds another tally.
    pub fn add(&mut self, other: Counts) {
        self.pages += other.pages;
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }

    /// TP / (TP + FP).
    pub fn precision(&self) -> f64 {
        crate::ratio_or_one(self.tp, self.tp + self.fp)
    }

    /// TP / (TP + FN).
    pub fn recall(&self) -> f64 {
        crate::ratio_or_one(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        crate::f1(self.precision(), self.recall())
    }

    /// (TP + TN) / all snippets.
    pub fn accuracy(&self) -> f64 {
        crate::ratio_or_one(self.tp + self.tn, self.tp + self.fp + self.fn_ + self.tn)
    }

    /// Snippets scored wrongly (FN + FP).
    pub fn lost(&self) -> usize {
        self.fn_ + self.fp
    }
}

/// One scored page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageScore {
    /// The page's URL.
    pub url: String,
    /// Its language.
    pub language: String,
    /// Its kind.
    pub kind: PageKind,
    /// Its counts (`pages` = 1).
    pub counts: Counts,
    /// `with` snippets not found.
    pub missed: Vec<String>,
    /// `without` snippets found.
    pub kept: Vec<String>,
    /// Whether there was a text to score (`false`: missing or `null`).
    pub predicted: bool,
}

/// Scores one page's predicted text (`None`: no output, scored as an empty text).
pub fn score_page(page: &Page, text: Option<&str>, matching: Matching) -> PageScore {
    let collapsed;
    let haystack = match (text, matching) {
        (None, _) => "",
        (Some(t), Matching::Exact) => t,
        (Some(t), Matching::Whitespace) => {
            collapsed = collapse_whitespace(t);
            collapsed.as_str()
        }
    };
    let found = |snippet: &String| match matching {
        Matching::Exact => haystack.contains(snippet.as_str()),
        Matching::Whitespace => haystack.contains(collapse_whitespace(snippet).as_str()),
    };
    let missed: Vec<String> = page.with.iter().filter(|s| !found(s)).cloned().collect();
    let kept: Vec<String> = page.without.iter().filter(|s| found(s)).cloned().collect();
    PageScore {
        url: page.url.clone(),
        language: page.language.clone(),
        kind: page.kind,
        counts: Counts {
            pages: 1,
            tp: page.with.len() - missed.len(),
            fp: kept.len(),
            fn_: missed.len(),
            tn: page.without.len() - kept.len(),
        },
        missed,
        kept,
        predicted: text.is_some(),
    }
}

/// Scores of a set of predictions over the pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// All pages together.
    pub overall: Counts,
    /// By language.
    pub by_language: BTreeMap<String, Counts>,
    /// By page kind.
    pub by_kind: BTreeMap<PageKind, Counts>,
    /// Every page, in page order.
    pub pages: Vec<PageScore>,
    /// URLs of the pages with no prediction (scored as empty text).
    pub missing: Vec<String>,
}

impl Report {
    /// The `n` pages that lose most snippets (FN + FP), most first; ties by more missed
    /// snippets, then by URL.
    pub fn worst(&self, n: usize) -> Vec<&PageScore> {
        let mut pages: Vec<&PageScore> = self.pages.iter().filter(|p| p.counts.lost() > 0).collect();
        pages.sort_by(|a, b| {
            b.counts
                .lost()
                .cmp(&a.counts.lost())
                .then(b.counts.fn_.cmp(&a.counts.fn_))
                .then_with(|| a.url.cmp(&b.url))
        });
        pages.truncate(n);
        pages
    }

    /// Languages by number of pages, most first (ties by code).
    pub fn languages_by_size(&self) -> Vec<(&str, Counts)> {
        let mut langs: Vec<(&str, Counts)> = self.by_language.iter().map(|(l, c)| (l.as_str(), *c)).collect();
        langs.sort_by(|a, b| b.1.pages.cmp(&a.1.pages).then(a.0.cmp(b.0)));
        langs
    }
}

/// Scores predicted texts (by URL) over every page.
pub fn score(pages: &[Page], texts: &Texts, matching: Matching) -> Report {
    let mut report = Report::default();
    for page in pages {
        let text = match texts.get(&page.url) {
            Some(text) => text.as_deref(),
            None => {
                report.missing.push(page.url.clone());
                None
            }
        };
        let scored = score_page(page, text, matching);
        report.overall.add(scored.counts);
        report
            .by_language
            .entry(scored.language.clone())
            .or_default()
            .add(scored.counts);
        report.by_kind.entry(scored.kind).or_default().add(scored.counts);
        report.pages.push(scored);
    }
    report
}

// ---------------------------------------------------------------------------------------------
// This project's normalizer

/// Runs this project's normalizer in process over `pages` (as `sahel-normalizer normalize --url
/// URL page.html` does; a page keyed by a name rather than a URL goes without one): the texts
/// by URL and the thread CPU time of each page.
pub fn predict_ours(
    dir: &Path,
    pages: &[Page],
    engine: crate::engines::Engine,
) -> Result<(Texts, Vec<std::time::Duration>)> {
    let runner = crate::pages::Normalizer::new("trafilatura-score", engine);
    let mut texts = BTreeMap::new();
    let mut times = Vec::with_capacity(pages.len());
    for page in pages {
        let bytes = load_html_bytes(dir, page)?;
        // A few keys of the data are names (`hard::site-page.html`), not URLs.
        let origin = if page.url.starts_with("http://") || page.url.starts_with("https://") {
            crate::pages::Origin::Url(&page.url)
        } else {
            crate::pages::Origin::File(&page.url)
        };
        let (text, time) = runner.text(&bytes, origin);
        times.push(time);
        texts.insert(page.url.clone(), Some(text));
    }
    Ok((texts, times))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, with: &[&str], without: &[&str]) -> Page {
        Page {
            url: url.to_owned(),
            file: format!("{url}.html"),
            html: format!("html/{url}.html.gz"),
            with: with.iter().map(|s| (*s).to_owned()).collect(),
            without: without.iter().map(|s| (*s).to_owned()).collect(),
            language: "en".to_owned(),
            ..Page::default()
        }
    }

    fn texts(pairs: &[(&str, Option<&str>)]) -> Texts {
        pairs
            .iter()
            .map(|(u, t)| ((*u).to_owned(), t.map(str::to_owned)))
            .collect()
    }

    #[test]
    fn snippets_are_true_and_false_positives_and_negatives() {
        let p = page(
            "a",
            &["Troops left Ouallam", "on Friday", "the army said"],
            &["Subscribe now", "Read more", "Cookie settings"],
        );
        let text = "Troops left Ouallam on Friday.\nSubscribe now to our newsletter! Read more";
        let s = score_page(&p, Some(text), Matching::Exact);
        assert_eq!(
            s.counts,
            Counts {
                pages: 1,
                tp: 2,
                fp: 2,
                fn_: 1,
                tn: 1
            }
        );
        assert_eq!(s.missed, ["the army said"]);
        assert_eq!(s.kept, ["Subscribe now", "Read more"]);
        assert!(s.predicted);

        // Case and spacing matter in exact matching.
        let s = score_page(&p, Some("troops left Ouallam  on Friday"), Matching::Exact);
        assert_eq!((s.counts.tp, s.counts.fn_), (1, 2));

        // No output: every `with` snippet missed, every `without` snippet absent.
        for none in [None, Some("")] {
            let s = score_page(&p, none, Matching::Exact);
            assert_eq!(
                s.counts,
                Counts {
                    pages: 1,
                    tp: 0,
                    fp: 0,
                    fn_: 3,
                    tn: 3
                }
            );
            assert_eq!(s.predicted, none.is_some());
        }
    }

    #[test]
    fn whitespace_matching_collapses_both_sides() {
        let p = page("a", &["left the\nbase", "on  Friday"], &["Read\tmore"]);
        let text = "They left the base\non Friday.\u{a0}Read more";
        let exact = score_page(&p, Some(text), Matching::Exact);
        assert_eq!((exact.counts.tp, exact.counts.fp), (0, 0));
        let ws = score_page(&p, Some(text), Matching::Whitespace);
        assert_eq!((ws.counts.tp, ws.counts.fp), (2, 1));
        assert_eq!(collapse_whitespace("  a\u{1f}b \u{2003}\r\nc  "), "a b c");
    }

    #[test]
    fn corpus_scores_come_from_summed_counts() {
        let mut pages = vec![
            page("a", &["alpha one", "alpha two"], &["menu a"]),
            page("b", &["beta one", "beta two", "beta three"], &["menu b", "footer b"]),
            page("c", &["gamma"], &["menu c"]),
        ];
        pages[1].language = "de".to_owned();
        pages[1].kind = PageKind::News;
        let preds = texts(&[
            ("a", Some("alpha one alpha two menu a")),
            ("b", Some("beta one, beta three")),
            ("zzz", Some("not a page")),
        ]);
        let r = score(&pages, &preds, Matching::Exact);
        // a: TP 2 FP 1 FN 0 TN 0; b: TP 2 FP 0 FN 1 TN 2; c (missing): FN 1 TN 1.
        assert_eq!(
            r.overall,
            Counts {
                pages: 3,
                tp: 4,
                fp: 1,
                fn_: 2,
                tn: 3
            }
        );
        assert!((r.overall.precision() - 4.0 / 5.0).abs() < 1e-12);
        assert!((r.overall.recall() - 4.0 / 6.0).abs() < 1e-12);
        // The harmonic mean equals trafilatura's 2TP / (2TP + FP + FN).
        assert!((r.overall.f1() - 8.0 / 11.0).abs() < 1e-12);
        assert!((r.overall.accuracy() - 7.0 / 10.0).abs() < 1e-12);
        assert_eq!(r.missing, ["c"]);

        assert_eq!(r.by_language["en"].pages, 2);
        assert_eq!(r.by_language["de"].tp, 2);
        assert_eq!(r.by_kind[&PageKind::News].fn_, 1);
        assert_eq!(r.by_kind[&PageKind::Other].pages, 2);
        assert_eq!(r.languages_by_size()[0].0, "en");
        let total = r.by_kind.values().fold(Counts::default(), |mut acc, c| {
            acc.add(*c);
            acc
        });
        assert_eq!(total, r.overall);

        // Worst: a and b and c each lose one snippet; more misses first, then URL.
        let worst: Vec<&str> = r.worst(10).iter().map(|p| p.url.as_str()).collect();
        assert_eq!(worst, ["b", "c", "a"]);
        assert_eq!(r.worst(1).len(), 1);

        // Empty denominators: nothing predicted, nothing to find.
        let none = Counts::default();
        assert_eq!((none.precision(), none.recall(), none.accuracy()), (1.0, 1.0, 1.0));
        let only_misses = Counts {
            pages: 1,
            fn_: 2,
            ..Counts::default()
        };
        assert_eq!(
            (only_misses.precision(), only_misses.recall(), only_misses.f1()),
            (1.0, 0.0, 0.0)
        );
    }

    #[test]
    fn evaluation_files_parse_and_are_checked() {
        let evaldata = r#"{
            "https://b.example/x": {"file": "b.x.html", "title": "B", "with": ["kept"], "without": ["dropped"], "region": "DE"},
            "https://a.example/y": {"file": "a.y.html", "with": ["k1", "k2"], "without": [], "description": null}
        }"#;
        let map = r#"{"https://a.example/y": {"html": "html/11.html.gz", "original_path": "tests/eval/a.y.html"},
                      "https://b.example/x": {"html": "html/22.html.gz"}}"#;
        let pages = parse_pages(evaldata, map).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].url, "https://a.example/y");
        assert_eq!(pages[0].with, ["k1", "k2"]);
        assert_eq!(pages[1].title, "B");
        assert_eq!(pages[1].html, "html/22.html.gz");
        assert_eq!(pages[1].language, UNDETERMINED);

        assert!(parse_pages(evaldata, r#"{"https://a.example/y": {"html": "h"}}"#).is_err());
        let empty = r#"{"u": {"file": "f", "with": ["ok", " "], "without": []}}"#;
        assert!(parse_pages(empty, r#"{"u": {"html": "h"}}"#).is_err());
        let nothing = r#"{"u": {"file": "f", "with": [], "without": []}}"#;
        assert!(parse_pages(nothing, r#"{"u": {"html": "h"}}"#).is_err());
    }

    #[test]
    fn predictions_name_pages_by_url_or_file() {
        let pages = vec![
            page("u1", &["x"], &["y"]),
            page("u2", &["x"], &["y"]),
            page("u3", &["x"], &["y"]),
        ];
        let jsonl = "{\"url\": \"u1\", \"text\": \"one\"}\n\n\
                     {\"file\": \"u2.html\", \"text\": null}\n\
                     {\"file\": \"u3\", \"text\": \"three\"}\n\
                     {\"url\": \"elsewhere\", \"text\": \"?\"}\n";
        let p = parse_predictions(jsonl, &pages).unwrap();
        assert_eq!(
            p.texts,
            texts(&[("u1", Some("one")), ("u2", None), ("u3", Some("three"))])
        );
        assert_eq!(p.unknown, ["elsewhere"]);
        // By stored page too.
        let p = parse_predictions("{\"file\": \"html/u1.html.gz\", \"text\": \"t\"}", &pages).unwrap();
        assert_eq!(p.texts, texts(&[("u1", Some("t"))]));

        assert!(parse_predictions(
            "{\"url\": \"u1\", \"text\": \"a\"}\n{\"file\": \"u1.html\", \"text\": \"b\"}",
            &pages
        )
        .is_err());
        assert!(parse_predictions("{\"text\": \"a\"}", &pages).is_err());
        assert!(parse_predictions("{\"url\": \"u1\", \"body\": \"a\"}", &pages).is_err());
        assert!(parse_predictions("not json", &pages).is_err());
    }

    #[test]
    fn predictions_round_trip_through_a_file() {
        let pages = vec![page("u1", &["x"], &["y"]), page("u2", &["x"], &["y"])];
        let t = texts(&[("u1", Some("line one\nline \"two\"")), ("u2", None)]);
        let path = std::env::temp_dir().join(format!("sahel-traf-preds-{}.jsonl", std::process::id()));
        write_predictions(&path, &t).unwrap();
        let back = load_predictions(&path, &pages).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(back.texts, t);
    }

    #[test]
    fn schema_types_are_read_lexically() {
        let ld = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
            {"@type" : ["NewsArticle", "schema:Report"], "author": {"@type":"Person"}},
            {"@type": "http://schema.org/BlogPosting"}, {"@type": 3}, {"@type":"" }]"#;
        assert_eq!(
            schema_types(ld),
            ["WebPage", "NewsArticle", "Report", "Person", "BlogPosting"]
        );
        assert!(schema_types("no types here").is_empty());
        assert!(schema_types(r#"{"@type""#).is_empty());
    }

    #[test]
    fn page_kinds_from_markup() {
        let t = |names: &[&str]| names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            kind_from_markup(&t(&["WebPage", "NewsArticle"]), "article", "wordpress 6"),
            PageKind::News
        );
        assert_eq!(kind_from_markup(&t(&["ReportageNewsArticle"]), "", ""), PageKind::News);
        assert_eq!(kind_from_markup(&t(&["BlogPosting"]), "article", ""), PageKind::Blog);
        assert_eq!(
            kind_from_markup(&t(&["WebPage"]), "article", "wordpress 6.4"),
            PageKind::Blog
        );
        assert_eq!(
            kind_from_markup(&t(&["Article"]), "website", "typo3 cms"),
            PageKind::Article
        );
        assert_eq!(kind_from_markup(&[], "article", ""), PageKind::Article);
        assert_eq!(
            kind_from_markup(&t(&["Recipe"]), "website", "drupal 9"),
            PageKind::Other
        );
        assert_eq!(kind_from_markup(&[], "", ""), PageKind::Other);
        let names: Vec<&str> = PageKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, ["news", "blog", "article", "other"]);
    }

    #[test]
    fn pages_are_described_from_their_html() {
        let mut p = page(
            "u",
            &[
                "Die Bundesregierung hat am Mittwoch neue Regeln für die Förderung beschlossen.",
                "Der Minister sagte, die Mittel würden noch in diesem Jahr ausgezahlt werden.",
            ],
            &["Impressum"],
        );
        p.title = "Neue Regeln für die Förderung von Vereinen und Initiativen".to_owned();
        p.language = UNDETERMINED.to_owned();
        let html = r#"<!doctype html><html lang="en-GB"><head>
            <meta property="og:type" content="Article">
            <script type="application/ld+json">{"@type": "NewsArticle"}</script></head><body></body></html>"#;
        describe(&mut p, html);
        // The gold text is German whatever the page declares; the markup says news.
        assert_eq!(p.language, "de");
        assert_eq!(p.kind, PageKind::News);

        // Too little text to detect: the declared language; og:type alone: an article.
        let mut q = page("v", &["ok"], &["no"]);
        describe(
            &mut q,
            r#"<html lang="fr_FR"><head><meta content="article" property="og:type"></head></html>"#,
        );
        assert_eq!((q.language.as_str(), q.kind), ("fr", PageKind::Article));
        let mut r = page("w", &["ok"], &["no"]);
        describe(&mut r, "<html><body>x</body></html>");
        assert_eq!(r.kind, PageKind::Other);
    }

    #[test]
    fn default_data_dir_is_beside_the_workspace() {
        assert!(default_data_dir().ends_with("shared/data/trafilatura-eval-dev"));
        let nowhere = Path::new("/nonexistent/sahel-trafilatura-eval");
        assert_eq!(missing_data(nowhere).as_deref(), Some(nowhere));
    }
}
