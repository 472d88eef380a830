//! Sentences and surface tokens, by rule, following the written tokenization conventions of the
//! Universal Dependencies treebanks the models learn from (English EWT, French GSD and Sequoia,
//! Dutch Alpino and LassySmall): each rule copies what those treebanks write.
//!
//! A *surface token* is one UD token line or one multiword-token line: `du`, `don't`,
//! `company's` stay whole (multiword expansion splits them later), while French elisions
//! (`l'` `homme`) and inverted clitics (`dit` `-il`, `a` `-t-il`) are tokens of their own.
//!
//! * Text is cut at whitespace (no token spans any) and each chunk is scanned left to right.
//! * URLs, e-mail addresses (also `name@HOST`), `@handles` and `#hashtags` are one token.
//! * A word is letters, digits and combining marks, joined by `.` or `-` before a letter or digit
//!   (`U.S`, `3.5`, `alt.animals`), by `,` or `:` between digits (`1,000`, `12:30`), by `/`, `&`,
//!   `_`, apostrophes (`don't`, `aujourd'hui`) and, in French and Dutch, a short bracketed part
//!   (`traité(e)`, `partij(en)`). A final `.` joins a known abbreviation (`Mr.`, `M.`, `enz.`),
//!   an initial (`J.`) or dotted letters (`e.g.`, `d.w.z.`), but not at the end of the text in
//!   English and French, which write the period apart there (`etc` `.`).
//! * English: hyphens split (`self` `-` `driven`) but after a prefix (`e-mail`) and in phone-like
//!   numbers; `/` between words splits (`and` `/` `or`); a number splits from a unit (`39` `K`),
//!   not from an ordinal (`26th`); a plural possessive keeps its apostrophe (`soldiers'`).
//! * French: elided words are cut after the apostrophe (`l'`, `jusqu'`; not `aujourd'hui`,
//!   `quelqu'un`, `l'on`); inverted clitics (`-il`, `-t-on`) and `-ci`/`-là` after a noun split;
//!   `/` between words splits; times split (`20` `h` `30`).
//! * Dutch: `'t`, `'s`, `'n`, decades (`'80`), `90%`, `67°`, compounds with `-` or `/` and a
//!   dangling hyphen (`spraak-` `en`, `-proces`) are single tokens.
//! * Punctuation: a run of `.` `!` `?` is one token (`?!`), an ellipsis apart (`...` `?`); a run
//!   of one other symbol is one token (`--`, `''`); emoticons (`:-)`) are tokens; brackets single.
//!
//! A sentence ends after `.` `!` `?` `…` or an emoticon (and the closing quotes and brackets
//! after it) before a capital, a digit or opening punctuation; after `?` `!` or a period also
//! before a lower-case word; after `;` before a capital (English, French); at a line break before
//! a capital; always at a blank line. After an abbreviation (`Mr.`, `U.S.`, `M.`) only before a
//! common sentence opener (`The`, `Il`, `Het`), and then (English, French) the period is split
//! off. A sentence longer than [`MAX_SENTENCE_TOKENS`] is cut, after a `;` or `,` if it can.

use crate::{Language, Span};

/// Longest sentence handed to the tagger and parser, in surface tokens: a longer run is cut.
pub const MAX_SENTENCE_TOKENS: usize = 250;

mod lists;
use lists::*;

/// A written token with its code-point span in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surface {
    /// The token as written.
    pub text: String,
    /// Where it is in the text.
    pub span: Span,
    /// No whitespace follows it.
    pub no_space_after: bool,
}

/// A sentence's span and its surface tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSentence {
    /// Where the sentence is in the text.
    pub span: Span,
    /// Its tokens.
    pub tokens: Vec<Surface>,
}

/// Splits `text` into sentences of surface tokens (spans relative to `text`).
pub fn sentences(text: &str, lang: Language) -> Vec<RawSentence> {
    let chars: Vec<char> = text.chars().collect();
    let spans = Scanner::new(&chars, lang).run();
    let roles = roles(&chars, &spans);
    let mut out = Vec::new();
    let mut cur: Vec<(usize, usize)> = Vec::new();
    for (i, &sp) in spans.iter().enumerate() {
        cur.push(sp);
        let end = ends_sentence(&chars, &spans, &roles, i, lang);
        // an abbreviation that ends a sentence gives up its period, as EWT and GSD write it
        if let Some(k) = end.and_then(|j| cur.len().checked_sub(1 + i - j)) {
            let (s, e) = cur[k];
            if lang != Language::Nl && e - s > 1 && chars[e - 1] == '.' && chars[s].is_alphanumeric() {
                cur[k] = (s, e - 1);
                cur.insert(k + 1, (e - 1, e));
            }
        }
        if cur.len() > MAX_SENTENCE_TOKENS || cur.len() == MAX_SENTENCE_TOKENS && end.is_none() {
            let n = MAX_SENTENCE_TOKENS;
            let comma = (n / 2..n)
                .rev()
                .find(|&k| matches!(&chars[cur[k].0..cur[k].1], [';' | ',']));
            let rest = cur.split_off(comma.map_or(n, |k| k + 1));
            out.extend(sentence(&chars, &cur));
            cur = rest;
        }
        if end.is_some() {
            out.extend(sentence(&chars, &std::mem::take(&mut cur)));
        }
    }
    out.extend(sentence(&chars, &cur));
    out
}

/// The surface tokens of `text`, taken as one sentence (spans relative to `text`).
pub fn tokens(text: &str, lang: Language) -> Vec<Surface> {
    let chars: Vec<char> = text.chars().collect();
    let spans = Scanner::new(&chars, lang).run();
    spans.iter().map(|&(s, e)| surface(&chars, s, e)).collect()
}

fn span(start: usize, end: usize) -> Span {
    let (start, end) = (start as u32, end as u32);
    Span { start, end }
}

fn surface(chars: &[char], s: usize, e: usize) -> Surface {
    let no_space_after = e < chars.len() && !chars[e].is_whitespace();
    let text = chars[s..e].iter().collect();
    Surface {
        text,
        span: span(s, e),
        no_space_after,
    }
}

fn sentence(chars: &[char], spans: &[(usize, usize)]) -> Option<RawSentence> {
    let (first, last) = (spans.first()?, spans.last()?);
    let tokens = spans.iter().map(|&(s, e)| surface(chars, s, e)).collect();
    Some(RawSentence {
        span: span(first.0, last.1),
        tokens,
    })
}

/// The item for `lang` of a per-language triple (English, French, Dutch).
fn pick<T: Copy>(lang: Language, items: [T; 3]) -> T {
    match lang {
        Language::En => items[0],
        Language::Fr => items[1],
        Language::Nl => items[2],
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x483..=0x489 | 0x591..=0x5BD | 0x610..=0x61A | 0x64B..=0x65F
        | 0x900..=0x903 | 0x93A..=0x94F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | '´' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// Whether `chars[a..b]` equals `word`.
fn eq(chars: &[char], a: usize, b: usize, word: &str) -> bool {
    b >= a && b - a == word.chars().count() && word.chars().zip(&chars[a..b]).all(|(x, &y)| x == y)
}

/// Whether `chars[a..b]`, lower-cased, equals `word` (lower case, any apostrophe for `'`).
fn eq_lower(chars: &[char], a: usize, b: usize, word: &str) -> bool {
    let same = |x: char, y: char| y.to_lowercase().eq(std::iter::once(x)) || x == '\'' && is_apos(y);
    b >= a && b - a == word.chars().count() && word.chars().zip(&chars[a..b]).all(|(x, &y)| same(x, y))
}

/// Whether `chars[a..b]`, lower-cased, is one of the space-separated words of `list`.
fn listed(chars: &[char], a: usize, b: usize, list: &str) -> bool {
    list.split(' ').any(|w| !w.is_empty() && eq_lower(chars, a, b, w))
}

fn is_emoticon(chars: &[char], a: usize, b: usize) -> bool {
    matches!(chars[a], ':' | ';' | '=' | '(' | '^') && EMOTICONS.split(' ').any(|m| m != "+/-" && eq(chars, a, b, m))
}

/// Cuts one text into token spans.
struct Scanner<'a> {
    c: &'a [char],
    lang: Language,
    out: Vec<(usize, usize)>,
    /// A single quote was opened and not yet closed (so a final `'` closes it).
    squote_open: bool,
}

impl<'a> Scanner<'a> {
    fn new(c: &'a [char], lang: Language) -> Self {
        let out = Vec::with_capacity(c.len() / 5 + 1);
        Scanner {
            c,
            lang,
            out,
            squote_open: false,
        }
    }

    fn run(mut self) -> Vec<(usize, usize)> {
        let n = self.c.len();
        let mut i = 0;
        while i < n {
            if self.c[i].is_whitespace() {
                self.squote_open &= self.c[i] != '\n';
                i += 1;
                continue;
            }
            let start = i;
            while i < n && !self.c[i].is_whitespace() {
                i += 1;
            }
            let mut p = start;
            while p < i {
                let next = self.piece(p, i);
                p = if next > p {
                    next
                } else {
                    self.emit(p, self.marks(p + 1, i))
                };
            }
        }
        self.out
    }

    /// Emits `[a, b)` if it is not empty; returns `b`.
    fn emit(&mut self, a: usize, b: usize) -> usize {
        if a < b {
            self.out.push((a, b));
        }
        b
    }

    /// `e` moved past the combining marks (and joined emoji) that follow, within the chunk.
    fn marks(&self, mut e: usize, b: usize) -> usize {
        while e < b && is_mark(self.c[e]) {
            e += if self.c[e] == '\u{200D}' && e + 1 < b { 2 } else { 1 };
        }
        e
    }

    /// Emits the token(s) starting at `p` in the chunk ending at `b`; returns where it stopped.
    fn piece(&mut self, p: usize, b: usize) -> usize {
        let c = self.c;
        let ch = c[p];
        let at = |i: usize| if i < b { c[i] } else { ' ' };
        if let Some(e) = self.url(p, b) {
            return self.emit(p, e);
        }
        let nl = self.lang == Language::Nl;
        let word_start = ch.is_alphanumeric()
            || ch == '(' && self.bracketed(p, b).is_some_and(|e| at(e).is_alphanumeric())
            || nl && is_hyphen(ch) && at(p + 1).is_lowercase() && (p == 0 || c[p - 1].is_whitespace());
        if word_start {
            let e = self.word(p, b);
            self.split_word(p, e);
            return e;
        }
        if is_apos(ch) && at(p + 1).is_alphanumeric() && (p == 0 || !c[p - 1].is_alphanumeric()) {
            let w = (p + 1..b).find(|&k| !is_word(c[k])).unwrap_or(b);
            let digits = w - p >= 3 && c[p + 1..w].iter().all(|x| x.is_ascii_digit());
            let list = pick(self.lang, [EN_APOS_WORDS, "", NL_APOS_WORDS]);
            if digits || listed(c, p + 1, w, list) {
                let e = self.word(p + 1, b);
                return self.emit(p, e);
            }
        }
        if (ch == '@' || ch == '#') && (at(p + 1).is_alphabetic() || at(p + 1) == '_') {
            let handle = |k: usize| is_word(c[k]) || c[k] == '_' || c[k] == '.' && at(k + 1).is_alphanumeric();
            return self.emit(p, (p + 1..b).find(|&k| !handle(k)).unwrap_or(b));
        }
        if ch == '°' && matches!(at(p + 1), 'C' | 'F') && !at(p + 2).is_alphabetic() {
            return self.emit(p, p + 2);
        }
        let smiley =
            |m: &&str| eq(c, p, (p + m.chars().count()).min(b), m) && !at(p + m.chars().count()).is_alphanumeric();
        if let Some(m) = EMOTICONS.split(' ').find(smiley) {
            return self.emit(p, p + m.chars().count());
        }
        let run = |from: usize, f: &dyn Fn(char) -> bool| (from..b).find(|&k| !f(c[k])).unwrap_or(b);
        let e = if is_terminal(ch) {
            // `?!` is one token, an ellipsis stays apart from `?` and `!` (`...` `?`)
            let dots = |k: usize| run(k, &|x| x == '.') - k;
            if dots(p) >= 3 {
                p + dots(p)
            } else {
                (p + 1..b).find(|&k| !is_terminal(c[k]) || dots(k) >= 3).unwrap_or(b)
            }
        } else if ch == '-' || ch == '=' {
            run(p, &|x| x == '-' || x == '=')
        } else if matches!(ch, '(' | ')' | '[' | ']' | '{' | '}' | '"') || is_mark(ch) {
            p + 1
        } else {
            run(p, &|x| x == ch)
        };
        if is_apos(ch) && e == p + 1 {
            self.squote_open = p == 0 || !c[p - 1].is_alphanumeric() && e < b;
        }
        self.emit(p, self.marks(e, b))
    }

    /// The end of a URL or e-mail address starting at `p`, if one does.
    fn url(&self, p: usize, b: usize) -> Option<usize> {
        let c = self.c;
        let starts = |s: &str| eq_lower(c, p, (p + s.chars().count()).min(b), s);
        let is_url = ["http://", "https://", "ftp://", "www.", "mailto:"]
            .iter()
            .any(|s| starts(s));
        let local = |k: usize| is_word(c[k]) || matches!(c[k], '.' | '_' | '-' | '+' | '%');
        let at_sign = (p..b.min(p + 64))
            .find(|&k| !local(k))
            .filter(|&k| k > p && c[k] == '@' && c[p].is_alphanumeric());
        if !is_url && !at_sign.is_some_and(|k| k + 1 < b && c[k + 1].is_alphanumeric()) {
            return None;
        }
        let (opened, mut closed) = (
            c[p..b].iter().filter(|&&x| x == '(').count(),
            c[p..b].iter().filter(|&&x| x == ')').count(),
        );
        let mut e = b;
        while e > p + 1 {
            let x = c[e - 1];
            let strip = matches!(
                x,
                ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '»' | '”' | '’' | ']' | '}' | '>'
            ) || x == '.' && !(e >= p + 3 && c[e - 2] == '.' && c[e - 3] == '.')
                || x == ')' && closed > opened;
            if !strip {
                break;
            }
            closed -= usize::from(x == ')');
            e -= 1;
        }
        Some(e)
    }

    /// The end of a short bracketed group of letters at `p` (`(e)`, `(-vervuiling)`), if any.
    fn bracketed(&self, p: usize, b: usize) -> Option<usize> {
        let c = self.c;
        if self.lang == Language::En {
            return None; // EWT writes `one` `(` `s` `)`
        }
        let close = (p + 1..b.min(p + 16)).find(|&i| c[i] == ')')?;
        let inner = &c[p + 1..close];
        let letters = inner.iter().all(|&x| x.is_alphabetic() || is_hyphen(x));
        (letters && inner.iter().any(|x| x.is_alphabetic())).then_some(close + 1)
    }

    /// The end of the word starting at `p` in the chunk ending at `b`.
    fn word(&self, p: usize, b: usize) -> usize {
        let (c, lang) = (self.c, self.lang);
        let at = |i: usize| if i < b { c[i] } else { ' ' };
        let nl = lang == Language::Nl;
        let (mut e, mut has_dot) = (p, false);
        loop {
            e = (e..b).find(|&k| !is_word(c[k])).unwrap_or(b);
            if e >= b {
                break;
            }
            let (x, next, prev) = (c[e], at(e + 1), if e > p { c[e - 1] } else { ' ' });
            let digits = prev.is_numeric() && next.is_numeric();
            let join = match x {
                '.' => next.is_alphanumeric() || is_hyphen(next) && at(e + 2).is_alphanumeric(),
                ',' => {
                    digits && (lang != Language::En || (e + 1..b).take_while(|&k| c[k].is_ascii_digit()).count() <= 3)
                }
                ':' => digits,
                '&' | '_' => next.is_alphanumeric(),
                '/' => next.is_alphanumeric() || nl && is_hyphen(prev),
                '(' => self
                    .bracketed(e, b)
                    .is_some_and(|end| e > p || at(end).is_alphanumeric()),
                '°' if eq_lower(c, p, e, "n") => true,
                '%' | '°' => nl && prev.is_ascii_digit(),
                x if is_hyphen(x) => {
                    next.is_alphanumeric() || nl && prev.is_alphabetic() && (matches!(next, '/' | ',') || e + 1 == b)
                }
                x if is_apos(x) => next.is_alphanumeric() && e > p,
                _ => false,
            };
            if !join {
                break;
            }
            has_dot |= x == '.';
            e = match x {
                '(' => self.bracketed(e, b).unwrap_or(e + 1),
                '.' if is_hyphen(next) => e + 2,
                _ => e + 1,
            };
        }
        if e < b && is_apos(c[e]) && lang != Language::En && listed(c, p, e, "l d") {
            return e + 1; // `l'"exigence`
        }
        let possessive = lang == Language::En && matches!(c[e - 1], 's' | 'S' | 'x' | 'z') && !self.squote_open;
        if e < b && is_apos(c[e]) && possessive && !at(e + 1).is_alphanumeric() {
            return e + 1; // `soldiers'`
        }
        let final_dot = || {
            !nl && (e + 1..c.len())
                .all(|k| c[k].is_whitespace() || matches!(c[k], ')' | ']' | '"' | '\'' | '»' | '”' | '’'))
        };
        let ellipsis = at(e + 1) == '.' && at(e + 2) == '.';
        if e < b && c[e] == '.' && !ellipsis && self.abbrev(p, e, has_dot) && !final_dot() {
            return e + 1;
        }
        e
    }

    /// Whether the word `[p, e)`, followed by a period, is an abbreviation that keeps it.
    fn abbrev(&self, p: usize, e: usize, has_dot: bool) -> bool {
        let c = self.c;
        let p = c[p..e].iter().rposition(|&x| is_apos(x)).map_or(p, |k| p + k + 1);
        if has_dot {
            // dotted letters: `e.g`, `U.S`, `d.w.z`, `Ph.D`, `J.-P`
            let mut run = 0;
            return c[p..e].iter().all(|&x| {
                run = if x.is_alphabetic() { run + 1 } else { 0 };
                run <= 2 && (x.is_alphabetic() || x == '.' || is_hyphen(x))
            });
        }
        if e - p == 1 && c[p].is_uppercase() {
            return true; // an initial
        }
        let p = c[p..e].iter().rposition(|&x| is_hyphen(x)).map_or(p, |k| p + k + 1); // `D-Calif.`
        if eq(c, p, e, "No") || eq(c, p, e, "Nos") {
            return (e + 1..c.len())
                .find(|&k| !c[k].is_whitespace())
                .is_some_and(|k| c[k].is_ascii_digit());
        }
        // as listed, capitalized (`Bijv.`) or, if long, in capitals (`LTD.`)
        let upper = e - p >= 3 && c[p..e].iter().all(|x| x.is_uppercase());
        let same = |k: usize, x: char, y: char| {
            x == y || (k == 0 && x.is_lowercase() || upper) && y.to_lowercase().eq(x.to_lowercase())
        };
        let list = pick(self.lang, [EN_ABBREV, FR_ABBREV, NL_ABBREV]).split_whitespace();
        list.into_iter().any(|a| {
            a.chars().count() == e - p && a.chars().zip(&c[p..e]).enumerate().all(|(k, (x, &y))| same(k, x, y))
        })
    }

    /// Emits the word `[p, e)`, split by the language's rules.
    fn split_word(&mut self, p: usize, e: usize) {
        match self.lang {
            Language::En => self.split_en(p, e),
            Language::Fr => self.split_fr(p, e),
            Language::Nl => {
                self.emit(p, e);
            }
        }
    }

    /// Emits `[a, b)`, split between a number and a unit as English and French do (`39` `K`,
    /// `20` `h` `30`).
    fn part(&mut self, a: usize, b: usize) {
        let c = self.c;
        let k = (a + 1..b)
            .find(|&k| c[k].is_alphabetic() && c[k - 1].is_ascii_digit())
            .filter(|_| c[a].is_ascii_digit());
        if let Some(k) = k.filter(|&k| c[k..b].iter().all(|x| x.is_alphanumeric())) {
            let m = (k..b).find(|&m| !c[m].is_alphabetic()).unwrap_or(b);
            let unit = match self.lang {
                Language::En => !listed(c, k, m, NUM_SUFFIXES),
                _ => eq_lower(c, k, m, "h") && (m == b || c[m].is_ascii_digit()),
            };
            if unit {
                self.emit(a, k);
                self.emit(k, m);
                self.emit(m, b);
                return;
            }
        }
        self.emit(a, b);
    }

    /// Emits `[p, e)` cut before each separator position of `seps` (ascending), the separator
    /// itself a token when its flag says so.
    fn split_at(&mut self, p: usize, e: usize, seps: &[(usize, bool)]) {
        let mut start = p;
        for &(i, alone) in seps {
            self.part(start, i);
            start = if alone { self.emit(i, i + 1) } else { i };
        }
        self.part(start, e);
    }

    /// English: split hyphens (but after prefixes and in numbers) and slashes between words.
    fn split_en(&mut self, p: usize, e: usize) {
        let c = self.c;
        let numeric = c[p..e]
            .iter()
            .all(|&x| x.is_ascii_digit() || is_hyphen(x) || x == '/' || x == '.');
        let groups = c[p..e].iter().filter(|&&x| is_hyphen(x)).count() + 1;
        let w_slash = e > p + 2 && eq_lower(c, p, p + 2, "w/"); // `w/` `it`
        let mut seps = if w_slash { vec![(p + 2, false)] } else { Vec::new() };
        let mut seg = p;
        for i in p + 1..e.saturating_sub(1) {
            let x = c[i];
            if !(is_hyphen(x) || x == '/') || w_slash && i == p + 1 {
                continue;
            }
            let keep = if numeric {
                let right = c[i + 1..e].iter().take_while(|x| x.is_ascii_digit()).count();
                x == '/' || groups >= 3 || right >= 4 && i - seg != 4
            } else if x == '/' {
                eq_lower(c, p, e, "b/c")
            } else {
                seg == p && listed(c, seg, i, EN_PREFIXES)
            };
            if !keep {
                seps.push((i, true));
            }
            seg = i + 1;
        }
        self.split_at(p, e, &seps);
    }

    /// French: cut elisions after their apostrophe, split `/` between words, then split
    /// inverted clitics (`peut` `-on`) and `-ci`/`-là` after a noun.
    fn split_fr(&mut self, mut p: usize, e: usize) {
        let c = self.c;
        if !c[p..e].iter().any(|&x| is_apos(x) || is_hyphen(x)) {
            return self.split_slashes(p, e);
        }
        while !listed(c, p, e, FR_WHOLE) {
            let Some(k) = c[p..e].iter().position(|&x| is_apos(x)).map(|k| p + k) else {
                break;
            };
            if k + 1 >= e || !listed(c, p, k, FR_ELISIONS) {
                break;
            }
            p = self.emit(p, k + 1);
        }
        // peel clitics off the end: `allez-vous-en` → `allez` `-vous` `-en`
        let mut cuts = vec![e];
        let whole = listed(c, p, e, FR_WHOLE);
        while let Some(h) = c[p..cuts[cuts.len() - 1]]
            .iter()
            .rposition(|&x| is_hyphen(x))
            .map(|h| p + h)
        {
            let end = cuts[cuts.len() - 1];
            let seg = &c[h + 1..end];
            let cased = seg.iter().all(|x| x.is_lowercase()) || seg.iter().all(|x| x.is_uppercase());
            if whole || h == p || !cased || !listed(c, h + 1, end, FR_CLITICS) {
                break;
            }
            let t = h >= p + 3 && eq_lower(c, h - 1, h, "t") && is_hyphen(c[h - 2]); // `a` `-t-il`
            cuts.push(if t { h - 2 } else { h });
        }
        cuts.reverse();
        self.split_slashes(p, cuts[0]);
        for w in cuts.windows(2) {
            self.emit(w[0], w[1]);
        }
    }

    /// French: `et` `/` `ou`, but `1/100`.
    fn split_slashes(&mut self, p: usize, e: usize) {
        let c = self.c;
        let words = |i: usize| c[i] == '/' && !(c[i - 1].is_ascii_digit() && c[i + 1].is_ascii_digit());
        let seps: Vec<(usize, bool)> = (p + 1..e.saturating_sub(1))
            .filter(|&i| words(i))
            .map(|i| (i, true))
            .collect();
        self.split_at(p, e, &seps);
    }
}

/// What a token does to quotes and brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Other,
}

/// The role of every token: brackets and typographic quotes by their shape; straight quotes by
/// their spacing (`"x` opens, `x"` closes) or else by whether one is open.
fn roles(c: &[char], spans: &[(usize, usize)]) -> Vec<Role> {
    let (mut dq, mut sq, mut prev) = (false, false, 0);
    let mut out = Vec::with_capacity(spans.len());
    for &(s, e) in spans {
        if c[prev..s].contains(&'\n') {
            (dq, sq) = (false, false);
        }
        prev = e;
        out.push(match &c[s..e] {
            ['(' | '[' | '{' | '«' | '“' | '‘' | '„' | '‚' | '¿' | '¡'] | [',', ','] => Role::Open,
            [')' | ']' | '}' | '»' | '”' | '’'] | ['\'', '\''] => Role::Close,
            [q @ ('"' | '\'')] => {
                let open = if *q == '"' { &mut dq } else { &mut sq };
                let (left, right) = (s > 0 && !c[s - 1].is_whitespace(), e < c.len() && !c[e].is_whitespace());
                let closes = if left != right { left } else { *open };
                *open = !closes;
                [Role::Open, Role::Close][usize::from(closes)]
            }
            _ => Role::Other,
        });
    }
    out
}

/// Whether a sentence ends after token `i`: then `Some(j)`, `j` the token (at most `i`) before
/// the closing quotes and brackets that end the sentence.
fn ends_sentence(c: &[char], spans: &[(usize, usize)], roles: &[Role], i: usize, lang: Language) -> Option<usize> {
    let (&(_, end), &(ns, ne)) = (spans.get(i)?, spans.get(i + 1)?);
    let gap = &c[end..ns];
    let breaks = gap.iter().filter(|&&x| x == '\n').count();
    if breaks >= 2 {
        return Some(i);
    }
    let smiley_next = is_emoticon(c, ns, ne) && !is_emoticon(c, spans[i].0, end);
    if gap.is_empty() || roles[i + 1] == Role::Close || smiley_next {
        return None;
    }
    let next = c[ns];
    let capital = next.is_uppercase() || next.is_numeric() || roles[i + 1] == Role::Open || !next.is_alphanumeric();
    if breaks == 1 {
        return capital.then_some(i);
    }
    let mut j = i;
    while j > 0 && j + 3 > i && roles[j] == Role::Close {
        j -= 1;
    }
    if j < i && j > 0 && roles[j - 1] == Role::Open {
        return None; // `(...)`
    }
    let (s, e) = spans[j];
    let tok = &c[s..e];
    let ends = if tok.iter().all(|&x| is_terminal(x) || x == '…') {
        // before a lower-case word only right after `?`, `!` or a period after a word
        let word = j > 0 && spans[j - 1].1 - spans[j - 1].0 > 1 && c[spans[j - 1].0].is_alphabetic();
        capital || j == i && (tok == ['.'] && word || tok.iter().any(|&x| x == '?' || x == '!'))
    } else if is_emoticon(c, s, e) {
        capital
    } else if tok == [';'] && j == i {
        next.is_uppercase() && lang != Language::Nl
    } else if e - s > 1 && tok[tok.len() - 1] == '.' {
        let final_abbrev = FINAL_ABBREV.split(' ').any(|a| eq(c, s, e, a));
        capital && final_abbrev || OPENERS.split(' ').any(|w| eq(c, ns, ne, w))
    } else {
        false
    };
    ends.then_some(j)
}

#[cfg(test)]
mod tests;
