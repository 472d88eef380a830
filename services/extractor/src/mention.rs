//! The event mention a trigger yields: its record with evidence and trigger span
//! ([`mention`]), the mention said by a word that is no trigger of its own
//! ([`said_mention`]: a stated intent, a demand's modal), and a plan's date pointed forward
//! ([`forward`]).

use chrono::{Duration, NaiveDate};
use sahel_schemas::envelope::{now, Message};
use sahel_schemas::event::{Actor, EventDate, EventMention, Evidence, Modality, TriggerSpan};
use sahel_schemas::{ids, ProducerInfo};

use crate::attach;
use crate::dates::Recurs;
use crate::sentence::SentenceInput;
use crate::tree::Tree;
use crate::triggers::{Found, Pos};

/// A planned or possible event's date said without a year or a direction points forward:
/// "will meet on Thursday" is the coming Thursday, "will meet in September" or "on 3
/// January" the coming one. `recurs` is how often the expression names a date again
/// ([`crate::dates::DateExpr::open`]).
pub(crate) fn forward(d: EventDate, reference: Option<NaiveDate>, recurs: Recurs) -> EventDate {
    use sahel_schemas::event::DateResolution;
    let Some(r) = reference else { return d };
    let relative = matches!(
        d.resolution,
        DateResolution::RelativeToPublication | DateResolution::Inferred
    );
    if !relative || d.end >= r {
        return d;
    }
    let shifted = match recurs {
        Recurs::Weekly => d
            .start
            .checked_add_signed(Duration::days(7))
            .zip(d.end.checked_add_signed(Duration::days(7))),
        Recurs::Yearly => d
            .start
            .checked_add_months(chrono::Months::new(12))
            .zip(d.end.checked_add_months(chrono::Months::new(12))),
    };
    match shifted {
        Some((start, end)) if end >= r => EventDate { start, end, ..d },
        _ => d,
    }
}

/// A mention said by a word that is no trigger of its own (the verb stating an intent, the
/// modal of a demand): asserted, without a place, its date the one attached to `anchor`
/// (then through `via`). `at` is (the mention's word, anchor, via).
#[allow(clippy::too_many_arguments)]
pub(crate) fn said_mention(
    s: &SentenceInput<'_>,
    tree: &Tree,
    trig: &[usize],
    date_heads: &[(usize, usize)],
    at: (usize, usize, &[usize]),
    entry: usize,
    actor1: Option<Actor>,
    actor2: Option<Actor>,
) -> EventMention {
    let (word, anchor, via) = at;
    let f = Found {
        word,
        with: Vec::new(),
        at: Vec::new(),
        entry,
        pos: Pos::Verb,
    };
    let (date_k, _) = attach::pick(tree, &s.res.grammar, s.lang, trig, (anchor, &[]), via, date_heads);
    let date = date_k.map(|k| s.dates[k].date.clone());
    let e = &s.res.triggers.entries[entry];
    mention(s, tree, &f, e, actor1, actor2, date, None, Modality::Asserted)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn mention(
    s: &SentenceInput<'_>,
    tree: &Tree,
    f: &Found,
    entry: &crate::triggers::Entry,
    actor1: Option<Actor>,
    actor2: Option<Actor>,
    date: Option<EventDate>,
    place: Option<sahel_schemas::event::Place>,
    modality: Modality,
) -> EventMention {
    let sentence = s.sentence;
    let (ts, te) = tree.span(f.word);
    let (ts, te) = f
        .with
        .iter()
        .map(|&w| tree.span(w))
        .filter(|&(a, _)| a >= ts && a.saturating_sub(te) <= 12)
        .fold((ts, te), |(a, b), (c, d)| (a.min(c), b.max(d)));
    let chars: Vec<char> = sentence.text.chars().collect();
    let trigger = TriggerSpan {
        text: chars
            .get(ts as usize..te as usize)
            .map(|c| c.iter().collect())
            .unwrap_or_default(),
        char_start: sentence.start + ts,
        char_end: sentence.start + te,
    };
    let ty = entry.event_type;
    EventMention {
        schema: EventMention::current_schema(),
        id: ids::mention_id(s.article_id, s.index as u32, sentence.start, ty.as_str()),
        produced_at: now(),
        producer: ProducerInfo::new("extractor", ""),
        event_id: String::new(),
        article_id: s.article_id.to_owned(),
        event_type: ty,
        event_mode: entry.mode.clone(),
        cameo_root: entry.cameo_root.clone(),
        quad_class: entry.quad_class,
        actor1,
        actor2,
        date,
        place,
        evidence: Evidence {
            article_id: s.article_id.to_owned(),
            sentence_index: s.index as u32,
            char_start: sentence.start,
            char_end: sentence.end,
            quote: sentence.text.clone(),
            language: s.lang.to_owned(),
            trigger: Some(trigger),
        },
        modality,
        confidence: 0.0,
        extractor_version: String::new(),
        reference_date: None,
    }
}
