//! The UD treebanks under `../shared/data/ud-treebanks` and the fixed split every figure is
//! reported on: per language, the files in the order below (each file's sentences in file
//! order), and every tenth sentence, starting with the first (0, 10, 20, …), held out. The
//! other nine tenths train the models; the held-out tenth is only scored.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::{conllu, Language, Sentence};

/// The treebank files of a language, in split order, relative to the treebanks folder.
pub fn files(lang: Language) -> &'static [&'static str] {
    match lang {
        Language::En => &[
            "UD_English-EWT/en_ewt-ud-dev.conllu",
            "UD_English-EWT/en_ewt-ud-test.conllu",
        ],
        Language::Fr => &[
            "UD_French-GSD/fr_gsd-ud-dev.conllu",
            "UD_French-GSD/fr_gsd-ud-test.conllu",
            "UD_French-Sequoia/fr_sequoia-ud-dev.conllu",
            "UD_French-Sequoia/fr_sequoia-ud-test.conllu",
            "UD_French-Sequoia/fr_sequoia-ud-train.conllu",
        ],
        Language::Nl => &[
            "UD_Dutch-Alpino/nl_alpino-ud-dev.conllu",
            "UD_Dutch-Alpino/nl_alpino-ud-test.conllu",
            "UD_Dutch-LassySmall/nl_lassysmall-ud-dev.conllu",
            "UD_Dutch-LassySmall/nl_lassysmall-ud-test.conllu",
        ],
    }
}

/// Whether the `index`-th sentence of a language (0-based, in split order) is held out.
pub fn held_out(index: usize) -> bool {
    index.is_multiple_of(10)
}

/// The treebanks folder: `SAHEL_UD_DIR`, else `../shared/data/ud-treebanks` from the
/// workspace root or the current directory, if it exists.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SAHEL_UD_DIR") {
        return Some(PathBuf::from(d));
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        here.join("../../../shared/data/ud-treebanks"),
        PathBuf::from("../shared/data/ud-treebanks"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

/// A language's sentences, split: (training nine tenths, held-out tenth).
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// Sentences the models learn from.
    pub train: Vec<Sentence>,
    /// Sentences only scored.
    pub held_out: Vec<Sentence>,
}

/// Reads a language's treebank files from `dir` and splits them.
pub fn load(dir: &Path, lang: Language) -> anyhow::Result<Split> {
    let mut split = Split::default();
    let mut index = 0usize;
    for file in files(lang) {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let sentences = conllu::parse(&text).with_context(|| format!("parsing {}", path.display()))?;
        for s in sentences {
            if held_out(index) {
                split.held_out.push(s);
            } else {
                split.train.push(s);
            }
            index += 1;
        }
    }
    Ok(split)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tenth_from_the_first_is_held_out() {
        let held: Vec<usize> = (0..25).filter(|&i| held_out(i)).collect();
        assert_eq!(held, vec![0, 10, 20]);
    }
}
