//! The article generator: a seeded stream of stories in several languages, with a share of
//! near-duplicates (the same story on another site, lightly edited) and exact duplicates (the
//! same text on another site or at another address).
//!
//! The same seed and settings give the same articles in the same order, whatever the rate or
//! the clock; only the publication time is the caller's.

use chrono::{DateTime, Datelike as _, Utc};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom as _, SliceRandom as _};
use rand::{Rng as _, SeedableRng as _};

use crate::templates::{
    Lang, ADDITIONS, COUNTRIES, DAYS, FIRST_NAMES, GROUPS, LAST_NAMES, LOCAL_SENTENCES, MONTHS, PARTNERS, SENTENCES,
    SYLLABLES, TITLES, UPDATE_PREFIX,
};

/// What an article is relative to the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A new story.
    Original,
    /// The story of article `of` (an original), lightly edited, on another site.
    NearDuplicate {
        /// Index of the original.
        of: u64,
    },
    /// The text of article `of` (an original), unchanged, at another address.
    ExactDuplicate {
        /// Index of the original.
        of: u64,
    },
}

impl Kind {
    /// Short name: `original`, `near_duplicate`, `exact_duplicate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Original => "original",
            Kind::NearDuplicate { .. } => "near_duplicate",
            Kind::ExactDuplicate { .. } => "exact_duplicate",
        }
    }
}

/// One generated article.
#[derive(Debug, Clone)]
pub struct Article {
    /// Position in the stream (0-based).
    pub index: u64,
    /// Unique address part: `<lang>-<index>-<slug of the title>`.
    pub slug: String,
    /// Language.
    pub lang: Lang,
    /// Original or duplicate.
    pub kind: Kind,
    /// The site (host) that publishes it.
    pub site: usize,
    /// Headline.
    pub title: String,
    /// Byline.
    pub author: String,
    /// Paragraphs of the body (one sentence each, as in the gold set).
    pub paragraphs: Vec<String>,
    /// Publication time.
    pub published: DateTime<Utc>,
}

impl Article {
    /// Word count of the body.
    pub fn words(&self) -> usize {
        self.paragraphs.iter().map(|p| p.split_whitespace().count()).sum()
    }
}

/// Generator settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Seed of the stream.
    pub seed: u64,
    /// Languages with their weights (need not sum to 1).
    pub languages: Vec<(Lang, f64)>,
    /// Share of near-duplicates, 0..1.
    pub near_dup_share: f64,
    /// Share of exact duplicates, 0..1.
    pub exact_dup_share: f64,
    /// Number of sites (hosts) articles are spread over.
    pub sites: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            seed: 1,
            languages: vec![(Lang::Fr, 0.5), (Lang::En, 0.35), (Lang::Nl, 0.15)],
            near_dup_share: 0.1,
            exact_dup_share: 0.05,
            sites: 8,
        }
    }
}

impl Settings {
    /// Checks the settings; the message names the setting.
    pub fn validate(&self) -> Result<(), String> {
        if self.languages.is_empty() || self.languages.iter().any(|(_, w)| !(*w >= 0.0 && w.is_finite())) {
            return Err("--langs: give at least one language with a non-negative weight".into());
        }
        if self.languages.iter().map(|(_, w)| w).sum::<f64>() <= 0.0 {
            return Err("--langs: the weights sum to zero".into());
        }
        for (name, v) in [
            ("--near-dup-share", self.near_dup_share),
            ("--exact-dup-share", self.exact_dup_share),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("{name}: must be between 0 and 1"));
            }
        }
        if self.near_dup_share + self.exact_dup_share > 0.9 {
            return Err("--near-dup-share + --exact-dup-share: must be at most 0.9".into());
        }
        if self.sites == 0 || self.sites > 250 {
            return Err("--sites: must be between 1 and 250".into());
        }
        Ok(())
    }
}

/// Parses `fr=0.5,en=0.35,nl=0.15` (weights) or `fr,en` (equal weights).
pub fn parse_languages(s: &str) -> Result<Vec<(Lang, f64)>, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (code, w) = match part.split_once('=') {
            Some((c, w)) => (c.trim(), w.trim().parse::<f64>().map_err(|e| format!("`{part}`: {e}"))?),
            None => (part, 1.0),
        };
        let lang = Lang::parse(code).ok_or_else(|| format!("`{code}` is not one of en, fr, nl"))?;
        out.push((lang, w));
    }
    Ok(out)
}

/// The originals a duplicate may copy: the most recent ones.
const RECENT: usize = 512;

/// A seeded stream of articles.
#[derive(Debug)]
pub struct Generator {
    settings: Settings,
    rng: StdRng,
    next: u64,
    recent: std::collections::VecDeque<Article>,
}

impl Generator {
    /// A new stream.
    pub fn new(settings: Settings) -> Self {
        let rng = StdRng::seed_from_u64(settings.seed);
        Self {
            settings,
            rng,
            next: 0,
            recent: std::collections::VecDeque::new(),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The next article, published at `published`.
    pub fn next_article(&mut self, published: DateTime<Utc>) -> Article {
        let index = self.next;
        self.next += 1;
        let r: f64 = self.rng.random();
        let s = &self.settings;
        if r < s.exact_dup_share && !self.recent.is_empty() {
            let of = self.pick_recent();
            self.exact_copy(of, index, published)
        } else if r < s.exact_dup_share + s.near_dup_share && !self.recent.is_empty() {
            let of = self.pick_recent();
            self.near_copy(of, index, published)
        } else {
            let a = self.original(index, published);
            if self.recent.len() == RECENT {
                self.recent.pop_front();
            }
            self.recent.push_back(a.clone());
            a
        }
    }

    fn pick_recent(&mut self) -> Article {
        let i = self.rng.random_range(0..self.recent.len());
        self.recent[i].clone()
    }

    fn other_site(&mut self, site: usize) -> usize {
        let n = self.settings.sites;
        if n == 1 {
            return site;
        }
        (site + self.rng.random_range(1..n)) % n
    }

    fn exact_copy(&mut self, of: Article, index: u64, published: DateTime<Utc>) -> Article {
        let site = self.other_site(of.site);
        let author = self.author();
        Article {
            index,
            slug: slug(of.lang, index, &of.title),
            kind: Kind::ExactDuplicate { of: of.index },
            site,
            author,
            published,
            ..of
        }
    }

    fn near_copy(&mut self, of: Article, index: u64, published: DateTime<Utc>) -> Article {
        let site = self.other_site(of.site);
        let lang = of.lang;
        let mut paragraphs = of.paragraphs.clone();
        // Light edits: drop a paragraph (not the lead), add a credit or update line, and
        // perhaps change the headline.
        if paragraphs.len() > 5 {
            let i = self.rng.random_range(1..paragraphs.len());
            paragraphs.remove(i);
        }
        let capital = COUNTRIES
            .iter()
            .find(|c| of.paragraphs.iter().any(|p| p.contains(c.capital)))
            .map_or("Niamey", |c| c.capital);
        let add = ADDITIONS[lang.idx()]
            .choose(&mut self.rng)
            .copied()
            .unwrap_or_default()
            .replace("{capital}", capital);
        paragraphs.push(add);
        let title = if self.rng.random_bool(0.5) {
            format!("{}{}", UPDATE_PREFIX[lang.idx()], of.title)
        } else {
            of.title.clone()
        };
        let author = self.author();
        Article {
            index,
            slug: slug(lang, index, &title),
            lang,
            kind: Kind::NearDuplicate { of: of.index },
            site,
            title,
            author,
            paragraphs,
            published,
        }
    }

    fn author(&mut self) -> String {
        let f = FIRST_NAMES.choose(&mut self.rng).copied().unwrap_or("Moussa");
        let l = LAST_NAMES.choose(&mut self.rng).copied().unwrap_or("Maïga");
        format!("{f} {l}")
    }

    fn language(&mut self) -> Lang {
        let total: f64 = self.settings.languages.iter().map(|(_, w)| w).sum();
        let mut x = self.rng.random::<f64>() * total;
        for (l, w) in &self.settings.languages {
            if x < *w {
                return *l;
            }
            x -= w;
        }
        self.settings.languages.last().map_or(Lang::En, |(l, _)| *l)
    }

    fn village(&mut self) -> String {
        let n = self.rng.random_range(2..=3);
        let mut v: String = (0..n)
            .map(|_| SYLLABLES.choose(&mut self.rng).copied().unwrap_or("ba"))
            .collect();
        if let Some(first) = v.chars().next() {
            let upper: String = first.to_uppercase().collect();
            v.replace_range(..first.len_utf8(), &upper);
        }
        v
    }

    fn original(&mut self, index: u64, published: DateTime<Utc>) -> Article {
        let lang = self.language();
        let li = lang.idx();
        let country = COUNTRIES.choose(&mut self.rng).unwrap_or(&COUNTRIES[0]);
        let place = country.places.choose(&mut self.rng).copied().unwrap_or(country.capital);
        let partner = PARTNERS.choose(&mut self.rng).unwrap_or(&PARTNERS[0]);
        let group = GROUPS.choose(&mut self.rng).unwrap_or(&GROUPS[0]);
        let village = self.village();
        let official = self.author();
        let n = self.rng.random_range(3..60).to_string();
        let m = self.rng.random_range(5..90).to_string();
        // Days and months of the recent past, so relative dates resolve near the publication.
        let back = self.rng.random_range(1..6) as i64;
        let day_idx = (published - chrono::Duration::days(back))
            .weekday()
            .num_days_from_monday() as usize;
        let month_idx = self.rng.random_range(0..12usize);
        let year = published.year() - self.rng.random_range(1..3);
        let fill = |t: &str| -> String {
            let s = t
                .replace("{adj_pl}", country.adj_pl[li])
                .replace("{adj_sg}", country.adj_sg[li])
                .replace("{army}", country.army[li])
                .replace("{leader}", country.leader[li])
                .replace("{capital}", country.capital)
                .replace("{country}", country.name[li])
                .replace("{to}", country.to[li])
                .replace("{place}", place)
                .replace("{village}", &village)
                .replace("{official}", &official)
                .replace("{partner_of}", partner.1[li])
                .replace("{partner}", partner.0[li])
                .replace("{group}", group[li])
                .replace("{day}", DAYS[li][day_idx])
                .replace("{month}", MONTHS[li][month_idx])
                .replace("{year}", &year.to_string())
                .replace("{n}", &n)
                .replace("{m}", &m);
            capitalise(&s)
        };
        let sentences = SENTENCES[li];
        // Two sentences about the village or the official, then four to seven others.
        let mut picked: Vec<usize> = LOCAL_SENTENCES.choose_multiple(&mut self.rng, 2).copied().collect();
        let mut rest: Vec<usize> = (0..sentences.len()).filter(|i| !picked.contains(i)).collect();
        rest.shuffle(&mut self.rng);
        let extra = self.rng.random_range(4..=7);
        picked.extend(rest.into_iter().take(extra));
        picked.shuffle(&mut self.rng);
        let paragraphs: Vec<String> = picked.iter().map(|&i| fill(sentences[i])).collect();
        let title = fill(TITLES[li].choose(&mut self.rng).copied().unwrap_or("{place}"));
        let author = self.author();
        let site = self.rng.random_range(0..self.settings.sites);
        Article {
            index,
            slug: slug(lang, index, &title),
            lang,
            kind: Kind::Original,
            site,
            title,
            author,
            paragraphs,
            published,
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `<lang>-<index>-<ascii words of the title>`, at most 60 characters of title.
pub fn slug(lang: Lang, index: u64, title: &str) -> String {
    let mut words = String::new();
    for ch in title.chars() {
        let c = match ch {
            'a'..='z' | '0'..='9' => ch,
            'A'..='Z' => ch.to_ascii_lowercase(),
            'é' | 'è' | 'ê' | 'É' => 'e',
            'à' | 'â' => 'a',
            'ï' | 'î' => 'i',
            'ô' => 'o',
            'û' | 'ù' => 'u',
            'ç' => 'c',
            _ => '-',
        };
        if c == '-' && (words.is_empty() || words.ends_with('-')) {
            continue;
        }
        words.push(c);
        if words.len() >= 60 {
            break;
        }
    }
    let words = words.trim_end_matches('-');
    format!("{}-{index:07}-{words}", lang.code())
}
