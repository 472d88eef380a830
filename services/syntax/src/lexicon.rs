//! A word-class lexicon from outside the treebank (English: WordNet 3.0, see
//! `lexicons/make_en_wordnet.py`): for each lower-case form, the classes it can have (noun,
//! plural noun, verb base, past form, -ing form...). The tagger reads a form's classes as its
//! ambiguity class when the treebank shows the form less than twice, so "confiscated" or
//! "junior", rare in web text, are known as a past form and an adjective or noun.
//!
//! The lexicon is read at training time from `lexicons/<lang>.wordnet.tsv.gz` (one
//! `form<TAB>class,class` line per form) and stored in the model, so a model always runs with
//! the lexicon it was trained with.

use std::io::Read as _;

use anyhow::Context as _;

use crate::features::hash_str;
use crate::model::{Reader, Writer};
use crate::Language;

/// Forms and their class sets, kept compact (the English one holds about 190,000 forms).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Class-set names ("A,N"), by index.
    sets: Vec<String>,
    /// The forms, sorted, each followed by a newline.
    forms: String,
    /// Each form's class set, in the order of `forms`.
    form_sets: Vec<u16>,
    /// Form hash (as [`crate::features::WordKeys::lower`]) and class-set index, sorted.
    keys: Vec<(u64, u16)>,
    /// Each class set's feature key.
    set_keys: Vec<u64>,
}

/// The lexicon file shipped for `lang`, if any.
fn shipped(lang: Language) -> Option<&'static [u8]> {
    match lang {
        Language::En => Some(include_bytes!("../lexicons/en.wordnet.tsv.gz")),
        Language::Fr | Language::Nl => None,
    }
}

/// The irregular verb forms of `lang` and their bases, from outside the treebank (English:
/// WordNet 3.0's exception list, `lexicons/en.verb-lemmas.tsv`), which the lemmatizer learns
/// beside the treebank's words: web text shows "took" but not "undertook".
pub fn verb_lemmas(lang: Language) -> Vec<(&'static str, &'static str)> {
    let text = match lang {
        Language::En => include_str!("../lexicons/en.verb-lemmas.tsv"),
        Language::Fr | Language::Nl => "",
    };
    text.lines().filter_map(|l| l.split_once('\t')).collect()
}

impl Lexicon {
    /// The lexicon a model of `lang` is trained with (empty where none ships).
    pub fn for_language(lang: Language) -> anyhow::Result<Lexicon> {
        match shipped(lang) {
            Some(gz) => {
                let mut text = String::new();
                flate2::read::GzDecoder::new(gz)
                    .read_to_string(&mut text)
                    .with_context(|| format!("uncompressing the {lang} word-class lexicon"))?;
                Lexicon::parse(&text).with_context(|| format!("reading the {lang} word-class lexicon"))
            }
            None => Ok(Lexicon::default()),
        }
    }

    /// Reads `form<TAB>classes` lines.
    pub fn parse(text: &str) -> anyhow::Result<Lexicon> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let (form, classes) = line
                .split_once('\t')
                .with_context(|| format!("line {}: expected form<TAB>classes", n + 1))?;
            anyhow::ensure!(
                !form.is_empty() && !classes.is_empty(),
                "line {}: an empty form or no classes",
                n + 1
            );
            entries.push((form.to_lowercase(), classes.to_owned()));
        }
        Ok(Lexicon::from_entries(entries))
    }

    fn from_entries(mut entries: Vec<(String, String)>) -> Lexicon {
        entries.sort_unstable();
        entries.dedup_by(|a, b| a.0 == b.0);
        let mut sets: Vec<String> = entries.iter().map(|e| e.1.clone()).collect();
        sets.sort_unstable();
        sets.dedup();
        let mut forms = String::new();
        let mut form_sets = Vec::with_capacity(entries.len());
        for (f, c) in entries {
            forms.push_str(&f);
            forms.push('\n');
            form_sets.push(sets.binary_search(&c).unwrap_or_default() as u16);
        }
        Lexicon::indexed(sets, forms, form_sets)
    }

    fn indexed(sets: Vec<String>, forms: String, form_sets: Vec<u16>) -> Lexicon {
        let set_keys = sets.iter().map(|s| hash_str(&format!("lexicon:{s}")) | 1).collect();
        let mut keys: Vec<(u64, u16)> = forms.lines().map(hash_str).zip(form_sets.iter().copied()).collect();
        keys.sort_unstable();
        Lexicon {
            sets,
            forms,
            form_sets,
            keys,
            set_keys,
        }
    }

    /// The class-set key of a form's lower-case hash.
    pub fn get(&self, lower: u64) -> Option<u64> {
        let i = self.keys.binary_search_by_key(&lower, |k| k.0).ok()?;
        Some(self.set_keys[self.keys[i].1 as usize])
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.form_sets.is_empty()
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        self.form_sets.len()
    }

    /// The lexicon without the forms `keep` refuses (the model stores only what it reads).
    pub fn retain(&self, keep: impl Fn(u64) -> bool) -> Lexicon {
        let entries = self
            .forms
            .lines()
            .zip(&self.form_sets)
            .filter(|(f, _)| keep(hash_str(f)))
            .map(|(f, &i)| (f.to_owned(), self.sets[i as usize].clone()))
            .collect();
        Lexicon::from_entries(entries)
    }

    /// Writes the lexicon (forms in order; gzip of the file makes their shared prefixes cheap).
    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.sets);
        w.usize(self.form_sets.len());
        for (f, &i) in self.forms.lines().zip(&self.form_sets) {
            w.str(f);
            w.usize(i as usize);
        }
    }

    /// Reads what [`Lexicon::write`] wrote.
    pub fn read(r: &mut Reader<'_>) -> anyhow::Result<Lexicon> {
        let sets = r.strs()?;
        let n = r.usize()?;
        let mut forms = String::new();
        let mut form_sets = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let f = r.str()?;
            anyhow::ensure!(
                !f.contains('\n') && !f.is_empty(),
                "a lexicon form empty or with a newline"
            );
            let i = r.usize()?;
            anyhow::ensure!(i < sets.len(), "lexicon class set out of range");
            forms.push_str(&f);
            forms.push('\n');
            form_sets.push(i as u16);
        }
        Ok(Lexicon::indexed(sets, forms, form_sets))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_round_trips() {
        let lex = Lexicon::parse("killed\tV-ed\njunior\tA,N\nKilled\tV-ed\n").expect("parses");
        assert_eq!(lex.len(), 2, "forms are lower-cased and unique");
        let killed = lex.get(hash_str("killed")).expect("known");
        assert_ne!(
            Some(killed),
            lex.get(hash_str("junior")),
            "different sets, different keys"
        );
        assert!(lex.get(hash_str("general")).is_none());
        let mut w = Writer::default();
        lex.write(&mut w);
        let bytes = w.into_bytes();
        let back = Lexicon::read(&mut Reader::new(&bytes)).expect("reads");
        assert_eq!(back.get(hash_str("killed")), Some(killed));
        let only = lex.retain(|h| h != hash_str("junior"));
        assert_eq!(only.len(), 1);
        assert_eq!(
            only.get(hash_str("killed")),
            Some(killed),
            "keys do not depend on the other forms"
        );
        assert!(Lexicon::parse("no tab here").is_err());
    }

    #[test]
    fn english_ships_a_lexicon() {
        let lex = Lexicon::for_language(Language::En).expect("loads");
        assert!(lex.len() > 100_000, "{} forms", lex.len());
        assert!(lex.get(hash_str("confiscated")).is_some());
        assert!(Lexicon::for_language(Language::Nl).expect("none").is_empty());
    }
}
