//! The sources file (TOML): what to fetch, how often, and what to say about it.
//!
//! ```toml
//! [defaults]            # optional: applies to every source that does not say otherwise
//! every = "1h"
//!
//! [[source]]
//! name = "seeds"        # recorded with every document; a metric label, so keep the set small
//! kind = "files"        # files | urls | feed | sitemap
//! paths = ["../../shared/seeds", "inbox/*.html"]   # files, directories, globs; relative to this file
//! every = "1d"          # or: cron = "0 */2 * * *" (UTC)
//! language = "en"       # optional hint for language detection
//! tags = ["seed"]
//!
//! [[source]]
//! name = "rfi-afrique"
//! kind = "feed"         # RSS, Atom or JSON Feed; the items' pages are fetched
//! url = "https://www.rfi.fr/fr/afrique/rss"
//! every = "20m"
//! ```
//!
//! `urls` sources take `urls = [...]` and/or `urls_file = "list.txt"` (one URL per line, `#`
//! comments); `feed` and `sitemap` sources take `url` or `urls`. A sitemap may be a sitemap
//! index, a gzip-compressed sitemap or a Google News sitemap. `max_items` caps the new items
//! (feed entries, sitemap URLs) fetched per run; the rest wait for the next run.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::schedule::Schedule;

/// What a source is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// Files, directories and glob patterns on the local file system.
    Files {
        /// Paths and patterns, made absolute.
        paths: Vec<PathBuf>,
    },
    /// A fixed list of page URLs.
    Urls {
        /// The URLs.
        urls: Vec<url::Url>,
    },
    /// RSS, Atom or JSON feeds whose items link to pages.
    Feed {
        /// Feed URLs.
        urls: Vec<url::Url>,
    },
    /// Sitemaps (or sitemap indexes, or Google News sitemaps) listing pages.
    Sitemap {
        /// Sitemap URLs.
        urls: Vec<url::Url>,
    },
}

impl SourceKind {
    /// The kind as recorded in `articles.raw` (`source.kind`).
    pub fn raw_kind(&self) -> sahel_schemas::raw::SourceKind {
        use sahel_schemas::raw::SourceKind as K;
        match self {
            SourceKind::Files { paths } => {
                if paths.iter().any(|p| p.is_dir()) {
                    K::Directory
                } else {
                    K::File
                }
            }
            SourceKind::Urls { .. } => K::Url,
            SourceKind::Feed { .. } => K::Feed,
            SourceKind::Sitemap { .. } => K::Sitemap,
        }
    }

    /// Short name, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            SourceKind::Files { .. } => "files",
            SourceKind::Urls { .. } => "urls",
            SourceKind::Feed { .. } => "feed",
            SourceKind::Sitemap { .. } => "sitemap",
        }
    }

    /// Whether the source is fetched over HTTP.
    pub fn is_http(&self) -> bool {
        !matches!(self, SourceKind::Files { .. })
    }
}

/// One configured source.
#[derive(Debug, Clone)]
pub struct Source {
    /// Name (unique; `[a-z0-9._-]`, at most 64 characters): dashboards and metrics use it.
    pub name: String,
    /// What to fetch.
    pub kind: SourceKind,
    /// When it is due.
    pub schedule: Schedule,
    /// Language hint (ISO 639-1) passed on with every document.
    pub language: Option<String>,
    /// Free tags, for operators (logged with the source).
    pub tags: Vec<String>,
    /// Most new items (feed entries, sitemap URLs) fetched per run.
    pub max_items: usize,
    /// Always due in one-shot mode (the `--path` shorthand source).
    pub always_due: bool,
}

/// Default `max_items`.
pub const DEFAULT_MAX_ITEMS: usize = 200;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    #[serde(default)]
    defaults: Defaults,
    #[serde(default)]
    source: Vec<RawSource>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Defaults {
    every: Option<String>,
    cron: Option<String>,
    language: Option<String>,
    max_items: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: String,
    kind: String,
    #[serde(default)]
    paths: Vec<String>,
    url: Option<String>,
    #[serde(default)]
    urls: Vec<String>,
    urls_file: Option<String>,
    every: Option<String>,
    cron: Option<String>,
    language: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    max_items: Option<usize>,
    #[serde(default = "yes")]
    enabled: bool,
}

fn yes() -> bool {
    true
}

/// Reads and checks a sources file. Errors name the source and the field.
pub fn load(path: &Path) -> Result<Vec<Source>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let base = path
        .canonicalize()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    parse(&text, &base).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses a sources file's text; relative paths are taken from `base`.
pub fn parse(text: &str, base: &Path) -> Result<Vec<Source>, String> {
    let doc: FileDoc = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out: Vec<Source> = Vec::new();
    for raw in doc.source {
        if !raw.enabled {
            continue;
        }
        let name = raw.name.clone();
        let s = build(raw, &doc.defaults, base).map_err(|e| format!("source `{name}`: {e}"))?;
        if out.iter().any(|o| o.name == s.name) {
            return Err(format!("source `{}` is defined twice", s.name));
        }
        out.push(s);
    }
    Ok(out)
}

/// Checks a source name: it becomes a metric label and a database key.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "name `{name}` must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-'"
        ))
    }
}

fn parse_url(s: &str) -> Result<url::Url, String> {
    let u = url::Url::parse(s.trim()).map_err(|e| format!("`{s}` is not a URL: {e}"))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(format!("`{s}`: only http and https URLs can be fetched"));
    }
    Ok(u)
}

fn build(raw: RawSource, d: &Defaults, base: &Path) -> Result<Source, String> {
    check_name(&raw.name)?;
    let schedule = match (
        raw.every.as_deref(),
        raw.cron.as_deref(),
        d.every.as_deref(),
        d.cron.as_deref(),
    ) {
        (Some(_), Some(_), _, _) => return Err("give either `every` or `cron`, not both".into()),
        (Some(e), None, _, _) => Schedule::every(e).map_err(|e| format!("every: {e}"))?,
        (None, Some(c), _, _) => Schedule::cron(c).map_err(|e| format!("cron: {e}"))?,
        (None, None, Some(e), _) => Schedule::every(e).map_err(|e| format!("defaults.every: {e}"))?,
        (None, None, None, Some(c)) => Schedule::cron(c).map_err(|e| format!("defaults.cron: {e}"))?,
        (None, None, None, None) => Schedule::every("1h").map_err(|e| format!("every: {e}"))?,
    };
    let language = raw.language.or_else(|| d.language.clone());
    if let Some(l) = &language {
        if l.len() != 2 || !l.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(format!("language `{l}` must be a two-letter ISO 639-1 code such as fr"));
        }
    }
    let mut urls: Vec<url::Url> = Vec::new();
    if let Some(u) = &raw.url {
        urls.push(parse_url(u).map_err(|e| format!("url: {e}"))?);
    }
    for u in &raw.urls {
        urls.push(parse_url(u).map_err(|e| format!("urls: {e}"))?);
    }
    if let Some(f) = &raw.urls_file {
        let p = base.join(f);
        let text = std::fs::read_to_string(&p).map_err(|e| format!("urls_file: cannot read {}: {e}", p.display()))?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            urls.push(parse_url(line).map_err(|e| format!("urls_file {} line {}: {e}", p.display(), i + 1))?);
        }
    }
    let need_urls = |kind: &str| -> Result<(), String> {
        if urls.is_empty() {
            return Err(format!("a `{kind}` source needs `url` or `urls`"));
        }
        if !raw.paths.is_empty() {
            return Err(format!("a `{kind}` source takes no `paths`"));
        }
        Ok(())
    };
    let kind = match raw.kind.as_str() {
        "files" => {
            if raw.paths.is_empty() {
                return Err("a `files` source needs `paths`".into());
            }
            if !urls.is_empty() {
                return Err("a `files` source takes `paths`, not URLs".into());
            }
            let paths = raw.paths.iter().map(|p| base.join(p)).collect();
            SourceKind::Files { paths }
        }
        "urls" => {
            need_urls("urls")?;
            SourceKind::Urls { urls }
        }
        "feed" => {
            need_urls("feed")?;
            SourceKind::Feed { urls }
        }
        "sitemap" => {
            need_urls("sitemap")?;
            SourceKind::Sitemap { urls }
        }
        other => return Err(format!("kind `{other}` is not one of files, urls, feed, sitemap")),
    };
    let max_items = raw.max_items.or(d.max_items).unwrap_or(DEFAULT_MAX_ITEMS);
    if max_items == 0 {
        return Err("max_items must be at least 1".into());
    }
    Ok(Source {
        name: raw.name,
        kind,
        schedule,
        language,
        tags: raw.tags,
        max_items,
        always_due: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sources_file_with_every_kind_parses() {
        let text = r#"
            [defaults]
            every = "2h"
            language = "fr"

            [[source]]
            name = "seeds"
            kind = "files"
            paths = ["seeds", "inbox/*.html"]
            every = "1d"
            language = "en"
            tags = ["seed"]

            [[source]]
            name = "rfi-afrique"
            kind = "feed"
            url = "https://www.rfi.fr/fr/afrique/rss"
            cron = "*/20 * * * *"

            [[source]]
            name = "news-sitemap"
            kind = "sitemap"
            urls = ["https://example.org/news-sitemap.xml"]
            max_items = 50

            [[source]]
            name = "pages"
            kind = "urls"
            urls = ["https://example.org/a", "http://example.org/b"]

            [[source]]
            name = "off"
            kind = "urls"
            urls = ["https://example.org/c"]
            enabled = false
        "#;
        let s = parse(text, Path::new("/etc/sahel")).expect("parses");
        assert_eq!(s.len(), 4);
        assert_eq!(
            s[0].kind,
            SourceKind::Files {
                paths: vec![
                    PathBuf::from("/etc/sahel/seeds"),
                    PathBuf::from("/etc/sahel/inbox/*.html")
                ]
            }
        );
        assert_eq!(s[0].language.as_deref(), Some("en"));
        assert_eq!(s[1].language.as_deref(), Some("fr"));
        assert!(matches!(s[1].schedule, Schedule::Cron(_)));
        assert!(matches!(s[2].schedule, Schedule::Every(d) if d.as_secs() == 7200));
        assert_eq!(s[2].max_items, 50);
        assert!(matches!(&s[3].kind, SourceKind::Urls { urls } if urls.len() == 2));
    }

    #[test]
    fn mistakes_name_the_source_and_the_field() {
        let err = |t: &str| parse(t, Path::new("/")).unwrap_err();
        let e = err("[[source]]\nname = \"x\"\nkind = \"feed\"\n");
        assert!(e.contains("source `x`") && e.contains("needs `url`"), "{e}");
        let e = err("[[source]]\nname = \"x\"\nkind = \"feed\"\nurl = \"ftp://a/\"\n");
        assert!(e.contains("only http and https"), "{e}");
        let e = err("[[source]]\nname = \"X Y\"\nkind = \"urls\"\nurls = [\"https://a/\"]\n");
        assert!(e.contains("a-z"), "{e}");
        let e = err("[[source]]\nname = \"x\"\nkind = \"urls\"\nurls = [\"https://a/\"]\nevery = \"soon\"\n");
        assert!(e.contains("every"), "{e}");
        let e = err("[[source]]\nname = \"x\"\nkind = \"urls\"\nurls = [\"https://a/\"]\nschedule = \"1h\"\n");
        assert!(e.contains("schedule"), "{e}");
        let e = err("[[source]]\nname = \"x\"\nkind = \"blog\"\nurls = [\"https://a/\"]\n");
        assert!(e.contains("kind `blog`"), "{e}");
        let twice = "[[source]]\nname = \"x\"\nkind = \"urls\"\nurls = [\"https://a/\"]\n";
        let e = err(&format!("{twice}{twice}"));
        assert!(e.contains("twice"), "{e}");
    }

    #[test]
    fn urls_files_are_read_relative_to_the_sources_file() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(
            dir.path().join("list.txt"),
            "# wires\nhttps://example.org/1\n\nhttps://example.org/2\n",
        )?;
        let s = parse(
            "[[source]]\nname = \"l\"\nkind = \"urls\"\nurls_file = \"list.txt\"\n",
            dir.path(),
        )
        .expect("parses");
        assert!(matches!(&s[0].kind, SourceKind::Urls { urls } if urls.len() == 2));
        Ok(())
    }
}
