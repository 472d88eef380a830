//! Event coding: article → event mentions. Pure functions over [`Resources`].
//!
//! The article's reference date, its actors and coreference state ([`crate::actors`]) and
//! dates ([`crate::dates`]) are read sentence by sentence; each sentence is parsed
//! ([`crate::tree`]) and coded on its tree ([`crate::sentence`]); every mention gets a
//! calibrated confidence; then event identity ([`crate::identity`]).

use crate::grammar::Words;
use crate::triggers::Pos;
use chrono::NaiveDate;
use sahel_schemas::event::{EventDatePrecision, EventMention, Modality, ReferenceDate, ReferenceDateSource};
use sahel_schemas::ProducerInfo;

use crate::actors;
use crate::dates::{self, DateContext};
use crate::lexicon::{Resources, LANGUAGES};
use crate::nlp::{self, Token};
use crate::sentence::{self, SentenceInput};
use crate::surface::Sent;
use crate::tree::Tree;

/// What the coder needs to know about an article.
#[derive(Debug, Clone)]
pub struct ArticleInput<'a> {
    /// Article id.
    pub article_id: &'a str,
    /// Text (NFC, paragraphs separated by blank lines).
    pub text: &'a str,
    /// Language (ISO 639-1).
    pub language: &'a str,
    /// Publication date, for relative dates.
    pub published: Option<NaiveDate>,
}

/// The features the confidence model weighs (names match `data/calibration.json`).
pub const FEATURES: [&str; 8] = [
    "bias",
    "factual",
    "actor1",
    "actor2",
    "place",
    "date",
    "strong_trigger",
    "several_types",
];

/// Feature values of a mention.
pub fn features(m: &EventMention, strong_trigger: bool, types_in_sentence: usize) -> [f64; 8] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    [
        1.0,
        b(matches!(
            m.modality,
            Modality::Asserted | Modality::Reported | Modality::Background
        )),
        b(m.actor1.is_some()),
        b(m.actor2.is_some()),
        b(m.place.is_some()),
        b(m.date.is_some()),
        b(strong_trigger),
        // Kept for the file format, weighed 0: in-sample it punished sentences that report
        // two events, making an undated headline outrank the full report it belongs to.
        0.0 * b(types_in_sentence > 1),
    ]
}

/// The calibrated probability that a mention with these features is a correctly typed event.
pub fn confidence(res: &Resources, x: &[f64; 8]) -> f64 {
    let z: f64 = FEATURES
        .iter()
        .zip(x)
        .map(|(f, v)| res.calibration.weights.get(*f).copied().unwrap_or(0.0) * v)
        .sum();
    let p = 1.0 / (1.0 + (-z).exp());
    (p * 100.0).round() / 100.0
}

/// Internal record of a coded mention, with what identity and confidence need.
#[derive(Debug, Clone)]
pub struct Coded {
    /// The mention.
    pub mention: EventMention,
    /// Feature values (for calibration).
    pub features: [f64; 8],
}

/// Codes every sentence of an article.
pub fn code(
    res: &Resources,
    input: &ArticleInput<'_>,
    extractor_version: &str,
    producer: &ProducerInfo,
) -> Vec<EventMention> {
    code_detailed(res, input, extractor_version, producer)
        .into_iter()
        .map(|c| c.mention)
        .collect()
}

/// Codes an article, keeping the confidence features of each mention.
pub fn code_detailed(
    res: &Resources,
    input: &ArticleInput<'_>,
    extractor_version: &str,
    producer: &ProducerInfo,
) -> Vec<Coded> {
    code_traced(res, input, extractor_version, producer, &mut |_| {})
}

/// Codes an article like [`code_detailed`], handing `on_tree` every sentence tree the coder
/// reads, as it reads it (the tagger's hints and the coder's re-readings applied; sentences
/// without a trigger word are not parsed).
pub fn code_traced(
    res: &Resources,
    input: &ArticleInput<'_>,
    extractor_version: &str,
    producer: &ProducerInfo,
    on_tree: &mut dyn FnMut(&Tree),
) -> Vec<Coded> {
    let lang = if LANGUAGES.contains(&input.language) {
        input.language
    } else {
        "en"
    };
    let sents = nlp::sentences(input.text);
    let all_toks: Vec<Vec<Token>> = sents.iter().map(|s| nlp::tokens(&s.text)).collect();
    let (reference, reference_date) = match input.published {
        Some(p) => (
            Some(p),
            Some(ReferenceDate {
                date: p,
                source: ReferenceDateSource::Published,
            }),
        ),
        None => match dates::infer_reference(&all_toks) {
            Some(r) => (
                Some(r.date),
                Some(ReferenceDate {
                    date: r.date,
                    source: if r.how == "dateline" {
                        ReferenceDateSource::InferredDateline
                    } else {
                        ReferenceDateSource::InferredLatestDate
                    },
                }),
            ),
            None => (None, None),
        },
    };
    let mut dctx = DateContext {
        reference,
        reference_inferred: input.published.is_none() && reference.is_some(),
        anchor: None,
        year_hint: all_toks.iter().filter_map(|t| dates::max_year(t)).max(),
    };
    let surfaces: Vec<Sent<'_>> = all_toks.iter().map(|t| Sent::new(t, lang, res)).collect();
    let mut doc = crate::doc::prepare_in(res, &surfaces);
    doc.reference = reference;
    let focus = doc.focus.clone();
    let mut out: Vec<Coded> = Vec::new();
    for (si, (s, surface)) in sents.iter().zip(&surfaces).enumerate() {
        let toks = surface.toks;
        let date_exprs = dates::find_all(toks, &dctx);
        let before = out.len();
        let items = actors::resolve_in(surface, &s.text, &mut doc);
        doc.note_people(si, toks, &items);
        // A noun is an event only with its own actor, date or place: without any on the
        // surface, only verbs are worth a parse.
        let nominal = !items.is_empty() || !date_exprs.is_empty() || !surface.places.is_empty();
        let names = surface.name_spans();
        let verbs = surface.verb_spans();
        let adjectives = surface.adjective_spans();
        let nouns = surface.noun_spans();
        let event_nouns = surface.event_noun_spans();
        let date_spans: Vec<sahel_syntax::Span> = date_exprs
            .iter()
            .filter(|d| d.first < d.last && d.last <= toks.len())
            .map(|d| surface.span(d.first, d.last))
            .collect();
        let hints = sahel_syntax::SpanHints {
            names: &names,
            verbs: &verbs,
            adjectives: &adjectives,
            dates: &date_spans,
            nouns: &nouns,
            event_nouns: &event_nouns,
        };
        if let Some(mut tree) = Tree::parse_when(lang, &s.text, &hints, |t| worth_parsing(res, lang, t, nominal)) {
            tree.correct_verb_lemmas(|form, lemma| res.triggers.lemma_for_verb(lang, form, lemma));
            tree.reattach_purposes(
                |w| res.grammar.is(lang, crate::grammar::Words::Place, w),
                |w| res.grammar.is(lang, crate::grammar::Words::Aim, w),
            );
            // A form the lemmatizer reads as a participle (`feats`) of a trigger verb: its lemma.
            let trigger_verb = |form: &str, feats: &str| {
                let lemma = crate::syntax::pipeline(lang)?.lemma_as(form, "VERB", feats)?;
                res.triggers.is_verb_lemma(lang, &lemma).then_some(lemma)
            };
            let participle = |form: &str| trigger_verb(form, crate::tree::PAST_PARTICIPLE);
            crate::mistags::event_noun_read_as_a_verb(&mut tree, |form| {
                let pipeline = crate::syntax::pipeline(lang)?;
                [form.to_owned()]
                    .into_iter()
                    .chain(pipeline.lemma_as(form, "NOUN", "Number=Plur"))
                    .find(|l| res.triggers.is_noun_lemma(lang, l))
            });
            crate::mistags::counted_adjective_read_as_a_complement(&mut tree);
            crate::mistags::participle_read_as_an_adjective(&mut tree, participle);
            crate::mistags::participle_read_as_a_noun(&mut tree, participle);
            crate::mistags::past_tense_read_as_a_conjoined_noun(&mut tree, |form| {
                res.triggers
                    .verb_lemma(lang, form)
                    .map(str::to_owned)
                    .or_else(|| trigger_verb(form, crate::tree::FINITE_PAST))
            });
            crate::mistags::clitic_participle_read_as_a_noun(&mut tree, |form| {
                trigger_verb(form, crate::tree::PRESENT_PARTICIPLE)
            });
            crate::root_nouns::unaccusative_participle_under_noun_root(&mut tree, |w| {
                res.grammar.is(lang, crate::grammar::Words::Unaccusative, w)
            });
            crate::mistags::pronoun_read_as_an_article(&mut tree, |w| {
                res.grammar.is(lang, crate::grammar::Words::PronounGroup, w)
            });
            crate::glued::name_glued_to_an_oblique(&mut tree, &names);
            crate::off_the_object::temporal_clause_off_its_verb(&mut tree, |w| {
                res.grammar.is(lang, crate::grammar::Words::Context, w)
            });
            crate::mistags::gerund_read_as_a_modifier(&mut tree, |w| {
                res.grammar.is(lang, crate::grammar::Words::ObjectControl, w)
            });
            crate::sides::second_side_read_as_a_subject(&mut tree, |w| {
                res.grammar.is(lang, crate::grammar::Words::Between, w)
            });
            crate::perfect::repair(&mut tree, |w| res.grammar.is(lang, crate::grammar::Words::Perfect, w));
            crate::perfect::repair_subject_root(&mut tree, |w| res.grammar.is(lang, crate::grammar::Words::Perfect, w));
            crate::counts::repair(&mut tree, |w| {
                res.grammar.is(lang, crate::grammar::Words::Approximate, w)
            });
            crate::counts::partitive_count(
                &mut tree,
                |w| res.grammar.is(lang, crate::grammar::Words::Quantity, w),
                |w| res.grammar.is(lang, crate::grammar::Words::Motion, w),
            );
            crate::counts::bare_count(&mut tree);
            crate::counts::count_on_a_time_object(&mut tree);
            crate::counts::bare_determined_oblique(&mut tree);
            crate::counts::bare_name_oblique(&mut tree);
            crate::said::clause_after_a_verb_of_saying(&mut tree, |w| {
                res.grammar.is(lang, crate::grammar::Words::Speech, w)
                    || res.grammar.is(lang, crate::grammar::Words::Refusal, w)
            });
            crate::repairs::repair_with_objects(&mut tree);
            crate::adjuncts::bare_dates_on_their_verb(&mut tree, toks, &date_exprs, |w| {
                res.grammar.is(lang, crate::grammar::Words::Speech, w)
            });
            on_tree(&tree);
            let si_input = SentenceInput {
                res,
                lang,
                sentence: s,
                index: si,
                toks,
                surface,
                items: &items,
                dates: &date_exprs,
                doc: &doc,
                reference,
                article_id: input.article_id,
            };
            let raws = sentence::code(&si_input, &tree);
            doc.note_accusations(raws.iter().map(|r| &r.mention));
            let subject = crate::antecedents::clause_subject(res, lang, &tree, toks, &items, &doc, si);
            doc.note_clause_subject(si, subject);
            let types = raws.len();
            for raw in raws {
                let x = features(&raw.mention, raw.strong, types);
                out.push(Coded {
                    mention: EventMention {
                        confidence: confidence(res, &x),
                        extractor_version: extractor_version.to_owned(),
                        producer: producer.clone(),
                        reference_date: reference_date.clone(),
                        ..raw.mention
                    },
                    features: x,
                });
            }
        }
        // "the same day", "two days later" count from the last day an event was dated to; a
        // sentence without events sets it by its last day ("entrée en vigueur le 1er mars",
        // beside an undated demand, dates no event and sets none).
        let coded_here = &out[before..];
        let event_day = coded_here
            .iter()
            .rev()
            .filter_map(|c| c.mention.date.as_ref())
            .find(|d| d.precision == EventDatePrecision::Day)
            .map(|d| d.start);
        let stated_day = || {
            date_exprs
                .iter()
                .rev()
                .find(|e| e.date.precision == EventDatePrecision::Day)
                .map(|e| e.date.start)
                .filter(|_| coded_here.is_empty())
        };
        if let Some(day) = event_day.or_else(stated_day) {
            dctx.anchor = Some(day);
        }
    }
    let mut mentions: Vec<&mut EventMention> = out.iter_mut().map(|c| &mut c.mention).collect();
    crate::identity::assign_event_ids(&mut mentions, focus.as_deref());
    out
}

/// Whether a tagged sentence is worth parsing: it has a verb that may be a trigger, or a
/// noun that may be one and something on the surface a nominal event needs (`surface`: an
/// actor, a date or a place) or a verb of claiming, or a verb of saying and a word of
/// obligation.
fn worth_parsing(res: &Resources, lang: &str, t: &crate::syntax::Sentence, surface: bool) -> bool {
    let has = |k: Words| {
        t.tokens
            .iter()
            .any(|w| res.grammar.is(lang, k, &w.lemma.to_lowercase()))
    };
    // A claim tells of its act whether or not the sentence names anyone ("the attack was not
    // claimed"), so its nouns are worth a look.
    let allowed: &[Pos] = if surface || has(Words::Claim) {
        &[Pos::Verb, Pos::Noun]
    } else {
        &[Pos::Verb]
    };
    if res.triggers.may_fire(lang, t, allowed) {
        return true;
    }
    has(Words::Speech) && has(Words::Obligation)
}

#[cfg(test)]
#[path = "coder_tests.rs"]
mod tests;
