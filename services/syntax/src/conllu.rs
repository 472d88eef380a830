//! CoNLL-U reading and writing (<https://universaldependencies.org/format.html>).
//!
//! Reading keeps what the tagger, the parser and the scorers use: words with their ten columns,
//! multiword-token lines, `# text` and `# sent_id`; empty nodes (`1.1`) and enhanced
//! dependencies are skipped. Spans are not in the format: when a sentence has `# text`, the
//! reader aligns each token to it, else it lays the words out with the `SpaceAfter` spacing.

use std::fmt::Write as _;

use crate::{MultiwordToken, Sentence, Span, Token};

/// A line that is not CoNLL-U.
#[derive(Debug, thiserror::Error)]
#[error("CoNLL-U line {line}: {reason}")]
pub struct Error {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// Reads every sentence of a CoNLL-U document.
pub fn parse(text: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    let mut open = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if open {
                out.push(finish(std::mem::take(&mut current)));
                open = false;
            }
            continue;
        }
        open = true;
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(t) = comment.strip_prefix("text =") {
                current.text = Some(t.trim().to_owned());
            } else if let Some(id) = comment.strip_prefix("sent_id =") {
                current.id = Some(id.trim().to_owned());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = |reason: String| Error { line: n + 1, reason };
        if cols.len() != 10 {
            return Err(err(format!("{} columns, expected 10", cols.len())));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // an empty node of the enhanced graph
        }
        let no_space_after = cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = id.split_once('-') {
            let first: usize = a.parse().map_err(|_| err(format!("bad range {id:?}")))?;
            let last: usize = b.parse().map_err(|_| err(format!("bad range {id:?}")))?;
            if first == 0 || last < first {
                return Err(err(format!("bad range {id:?}")));
            }
            current.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_owned(),
                span: Span::default(),
                no_space_after,
            });
            continue;
        }
        let index: usize = id.parse().map_err(|_| err(format!("bad id {id:?}")))?;
        if index != current.tokens.len() + 1 {
            return Err(err(format!("word {index} out of order")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| err(format!("bad head {:?}", cols[6])))?
        };
        current.tokens.push(Token {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            upos: cols[3].to_owned(),
            feats: cols[5].to_owned(),
            head,
            deprel: cols[7].to_owned(),
            span: Span::default(),
            no_space_after,
        });
    }
    if open {
        out.push(finish(current));
    }
    for s in &out {
        let n = s.tokens.len();
        if let Some(t) = s.tokens.iter().find(|t| t.head > n) {
            return Err(Error {
                line: 0,
                reason: format!("sentence {:?}: head {} past its {n} words", s.id, t.head),
            });
        }
    }
    Ok(out)
}

/// The written tokens of a sentence in order: each multiword token once, each other word once,
/// as (form, word range, index into `multiword` if it is one).
pub fn surface(s: &Sentence) -> Vec<(String, std::ops::RangeInclusive<usize>, Option<usize>)> {
    let mut out = Vec::with_capacity(s.tokens.len());
    let mut mw = s.multiword.iter().enumerate().peekable();
    let mut i = 1;
    while i <= s.tokens.len() {
        if let Some((k, m)) = mw.peek().copied() {
            if m.first == i {
                out.push((m.form.clone(), m.first..=m.last.min(s.tokens.len()), Some(k)));
                i = m.last + 1;
                mw.next();
                continue;
            }
        }
        out.push((s.tokens[i - 1].form.clone(), i..=i, None));
        i += 1;
    }
    out
}

/// Gives every word and multiword token its span: found in `# text` in order when it is there,
/// else laid out with the `SpaceAfter` spacing (and `text` set to that layout).
fn finish(mut s: Sentence) -> Sentence {
    let written = surface(&s);
    let text: Vec<char> = s.text.as_deref().unwrap_or("").chars().collect();
    let mut pos = 0usize;
    let mut layout = String::new();
    let mut spans = Vec::with_capacity(written.len());
    for (form, range, mwt) in &written {
        let f: Vec<char> = form.chars().collect();
        let found = find_from(&text, &f, pos);
        let span = match found {
            Some(start) => {
                pos = start + f.len();
                Span {
                    start: start as u32,
                    end: pos as u32,
                }
            }
            None => {
                let start = pos;
                pos += f.len();
                Span {
                    start: start as u32,
                    end: pos as u32,
                }
            }
        };
        spans.push(span);
        layout.push_str(form);
        let no_space = match mwt {
            Some(k) => s.multiword[*k].no_space_after,
            None => s.tokens[*range.start() - 1].no_space_after,
        };
        if !no_space {
            layout.push(' ');
            if found.is_none() {
                pos += 1;
            }
        }
        for w in range.clone() {
            s.tokens[w - 1].span = span;
        }
        if let Some(k) = mwt {
            s.multiword[*k].span = span;
        }
    }
    if s.text.is_none() {
        s.text = Some(layout.trim_end().to_owned());
    }
    let len = s.text.as_deref().map_or(0, |t| t.chars().count()) as u32;
    s.span = Span { start: 0, end: len };
    s
}

/// The first position at or after `from` where `needle` occurs in `hay`, skipping only
/// whitespace before it (a token is where the text continues, not anywhere later).
fn find_from(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    let mut i = from;
    while i < hay.len() && hay[i].is_whitespace() {
        i += 1;
    }
    (i + needle.len() <= hay.len() && hay[i..i + needle.len()] == *needle).then_some(i)
}

/// Writes sentences as CoNLL-U (XPOS and DEPS as `_`; `SpaceAfter=No` where it applies).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for (n, s) in sentences.iter().enumerate() {
        match &s.id {
            Some(id) => {
                let _ = writeln!(out, "# sent_id = {id}");
            }
            None => {
                let _ = writeln!(out, "# sent_id = {}", n + 1);
            }
        }
        if let Some(t) = &s.text {
            let _ = writeln!(out, "# text = {}", t.replace('\n', " "));
        }
        let mut mw = s.multiword.iter().peekable();
        for (i, t) in s.tokens.iter().enumerate() {
            let id = i + 1;
            if let Some(m) = mw.peek() {
                if m.first == id {
                    let misc = if m.no_space_after { "SpaceAfter=No" } else { "_" };
                    let _ = writeln!(
                        out,
                        "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{misc}",
                        m.first,
                        m.last,
                        clean(&m.form)
                    );
                    mw.next();
                }
            }
            let inside = s.multiword.iter().any(|m| (m.first..=m.last).contains(&id));
            let misc = if t.no_space_after && !inside {
                "SpaceAfter=No"
            } else {
                "_"
            };
            let _ = writeln!(
                out,
                "{id}\t{}\t{}\t{}\t_\t{}\t{}\t{}\t_\t{misc}",
                clean(&t.form),
                clean(&t.lemma),
                or_blank(&t.upos),
                or_blank(&t.feats),
                t.head,
                or_blank(&t.deprel),
            );
        }
        out.push('\n');
    }
    out
}

/// A field with no tabs or line breaks, and never empty.
fn clean(s: &str) -> String {
    let c: String = s
        .chars()
        .map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if c.is_empty() {
        "_".to_owned()
    } else {
        c
    }
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# sent_id = a\n# text = Il parle du pays.\n1\tIl\til\tPRON\t_\tPerson=3\t2\tnsubj\t_\t_\n2\tparle\tparler\tVERB\t_\t_\t0\troot\t_\t_\n3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_\n4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_\n5\tpays\tpays\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No\n6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_multiword_tokens_and_spans() {
        let s = parse(DOC).expect("parses");
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(s.tokens.len(), 6);
        assert_eq!(s.multiword.len(), 1);
        assert_eq!(s.multiword[0].span, Span { start: 9, end: 11 });
        assert_eq!(s.tokens[2].span, s.tokens[3].span, "the parts share the span of du");
        assert_eq!(s.tokens[4].span, Span { start: 12, end: 16 });
        assert_eq!(s.tokens[5].span, Span { start: 16, end: 17 });
        assert_eq!(s.dependents(2).collect::<Vec<_>>(), vec![1, 5, 6]);
    }

    #[test]
    fn writes_what_it_reads() {
        let s = parse(DOC).expect("parses");
        let again = parse(&write(&s)).expect("reparses");
        assert_eq!(s, again);
    }

    #[test]
    fn refuses_broken_lines() {
        assert!(parse("1\tx\n").is_err());
        assert!(parse("2\tx\tx\tX\t_\t_\t0\troot\t_\t_\n").is_err());
        assert!(parse("1\tx\tx\tX\t_\t_\t5\troot\t_\t_\n").is_err());
    }

    #[test]
    fn lays_out_text_when_there_is_none() {
        let s = parse("1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t!\t!\tPUNCT\t_\t_\t1\tpunct\t_\t_\n")
            .expect("parses");
        assert_eq!(s[0].text.as_deref(), Some("Hi!"));
        assert_eq!(s[0].tokens[1].span, Span { start: 2, end: 3 });
    }
}
