//! What belongs to which event, read from the tree. A date or place counts for the event
//! whose verb or noun it modifies ([`predicate_of`]), never because it is nearest; the
//! modality of an event comes from the trigger's own dependents and the clause it stands in
//! (negation, future and modal auxiliaries, if clauses, plans, refusals, reported speech);
//! and an event named as the content of a demand, threat, rejection or accusation, or a
//! relation named as what a sanction ends, is not an event of its own ([`content_of`]).

use sahel_schemas::event::{EventType, Modality};

use crate::dates::DateExpr;
use crate::grammar::{Grammar, Words};
use crate::nlp::Token;
use crate::tree::Tree;

/// Whether word `i` heads a clause or an event: a verb, a verbal participle, or a trigger.
fn is_predicate(tree: &Tree, triggers: &[usize], i: usize) -> bool {
    triggers.contains(&i) || tree.upos(i) == "VERB" || (tree.upos(i) == "ADJ" && tree.has_feat(i, "VerbForm=Part"))
}

/// The predicate a word belongs to: the first verb or trigger above it (itself excluded).
pub fn predicate_of(tree: &Tree, triggers: &[usize], w: usize) -> Option<usize> {
    let mut node = w;
    for _ in 0..tree.len() {
        let h = tree.head(node)?;
        if is_predicate(tree, triggers, h) {
            return Some(h);
        }
        node = h;
    }
    None
}

/// The verb that carries the noun at `node` as its object, subject or oblique: a light verb
/// ("launched an attack", "the talks took place in Istanbul", "la marche s'est déroulée",
/// "de mars verliep rustig"; an entry of two lemmas is the verb and one of its dependents,
/// "take place", "avoir lieu", "vinden plaats"), or a verb of planning whose passive subject
/// it is ("une manifestation est prévue samedi"); a noun in an amount's phrase, or in the
/// phrase of a light entry's second lemma ("mis en place des patrouilles"), counts where that
/// word stands.
pub fn carrier_verb(tree: &Tree, g: &Grammar, lang: &str, node: usize) -> Option<usize> {
    if tree.upos(node) != "NOUN" {
        return None;
    }
    // "heeft 20 miljoen euro aan hulp aangekondigd", "a annoncé 20 millions d'euros d'aide":
    // an event noun in the phrase of an amount stands where the amount stands.
    let amount = |a: usize| is_amount(tree, g, lang, a);
    // "ont mis en place des patrouilles": the parser hung the noun on the second lemma of a
    // light entry of two ("mettre place"); it stands where that word stands.
    let second_of_light = |a: usize| {
        tree.head(a).is_some_and(|v| {
            tree.upos(v) == "VERB"
                && g.is(
                    lang,
                    Words::Light,
                    &format!("{} {}", tree.lemma(v).to_lowercase(), tree.lemma(a).to_lowercase()),
                )
        })
    };
    let (node, second) = match tree.head(node) {
        Some(a) if tree.base_rel(node) == "nmod" && second_of_light(a) => (a, true),
        Some(a) if tree.base_rel(node) == "nmod" && amount(a) => (a, false),
        _ => (node, false),
    };
    let h = tree.head(node)?;
    if tree.upos(h) != "VERB" {
        return None;
    }
    let lemma = tree.lemma(h).to_lowercase();
    // (A separable verb's particle joins its lemma: "kondigde … aan", "aankondigen".)
    let joined = tree
        .children_labelled(h, "compound:prt")
        .next()
        .map(|c| format!("{}{lemma}", tree.lemma(c).to_lowercase()));
    let light = second
        || g.is(lang, Words::Light, &lemma)
        || joined.is_some_and(|j| g.is(lang, Words::Light, &j))
        || tree
            .children(h)
            .iter()
            .any(|&c| c != node && g.is(lang, Words::Light, &format!("{lemma} {}", tree.lemma(c).to_lowercase())));
    let argument = matches!(tree.base_rel(node), "obj" | "nsubj" | "obl");
    let planned = tree.rel(node) == "nsubj:pass" && g.is(lang, Words::Plan, &lemma);
    // ("L'attaque a coûté la vie à 14 soldats mercredi": a verb of toll dates its event.)
    let toll = toll_verb(tree, g, lang, node).is_some();
    ((argument && light) || planned || toll).then_some(h)
}

/// Whether word `a` heads an amount: a number, a noun a number counts ("50 million euros"),
/// or a word of quantity (`grammar.json` "quantity").
pub fn is_amount(tree: &Tree, g: &Grammar, lang: &str, a: usize) -> bool {
    tree.upos(a) == "NUM"
        || tree.has_child(a, &["nummod"])
        || g.is(lang, Words::Quantity, &tree.lemma(a).to_lowercase())
}

/// The verb of toll (`grammar.json` "toll") whose subject is the noun at `node`: "the attack
/// left 14 soldiers dead", "a bomb hit a convoy". It dates the event ([`carrier_verb`]), and
/// its object or dative is the event's target ([`crate::roles`]). So is the verb of toll of a
/// relative clause on the noun whose subject is the relative pronoun ("the ambush that left
/// 15 soldiers dead", "l'embuscade qui a coûté la vie à 15 soldats").
pub fn toll_verb(tree: &Tree, g: &Grammar, lang: &str, node: usize) -> Option<usize> {
    let toll = |h: usize| g.is(lang, Words::Toll, &tree.lemma(h).to_lowercase());
    tree.head(node)
        .filter(|&h| tree.base_rel(node) == "nsubj" && toll(h))
        .or_else(|| {
            tree.children_labelled(node, "acl:relcl").find(|&h| {
                toll(h)
                    && tree
                        .children_labelled(h, "nsubj")
                        .any(|x| tree.upos(x) == "PRON" && tree.has_feat(x, "PronType=Rel"))
            })
        })
}

/// The carrying verb whose date and place are the noun at `node`'s own: [`carrier_verb`], but
/// not a verb that claims the event after the fact ("the attack was claimed on Sunday":
/// Sunday is the claim's, `grammar.json` "claim"), or else [`undergone_in`].
pub fn dating_carrier(tree: &Tree, g: &Grammar, lang: &str, node: usize) -> Option<usize> {
    carrier_verb(tree, g, lang, node)
        .filter(|&h| !g.is(lang, Words::Claim, &tree.lemma(h).to_lowercase()))
        .or_else(|| undergone_in(tree, g, lang, node))
}

/// The verb of dying or being held (`grammar.json` "undergo") whose oblique is the noun at
/// `node` ("twelve people died on Tuesday in a bomb blast in Gao", "ont péri dans
/// l'explosion", "zijn bij een aanslag om het leven gekomen"): the verb's date and place are
/// the event's, its subject the event's target ([`crate::roles`]).
///
/// Or whose adverbial clause has the noun as its object or oblique ("twelve soldiers died
/// when their convoy hit a landmine", "sont morts lorsque leur véhicule a sauté sur un
/// engin explosif"): what the clause's subject met is what they died of.
pub fn undergone_in(tree: &Tree, g: &Grammar, lang: &str, node: usize) -> Option<usize> {
    if tree.upos(node) != "NOUN" {
        return None;
    }
    let h = tree.head(node).filter(|&h| tree.upos(h) == "VERB")?;
    if tree.base_rel(node) == "obl" && crate::voice::undergoes(tree, g, lang, h) {
        return Some(h);
    }
    let met = matches!(tree.base_rel(node), "obj" | "obl") && tree.base_rel(h) == "advcl";
    let d = tree.head(h).filter(|&d| met && tree.upos(d) == "VERB")?;
    crate::voice::undergoes(tree, g, lang, d).then_some(d)
}

/// The predicates whose dates and places also count for trigger `t` when it has none of
/// its own: the light verb that carries a noun ("launched an attack on Monday"), the verb it
/// is coordinated with (sharing its subject), the verb it completes ("began to withdraw on
/// Monday"), unless that verb is itself an event (its date is its own) or tells of it after
/// the fact ("the attack was claimed on Sunday").
pub fn inherits_from(tree: &Tree, g: &Grammar, lang: &str, triggers: &[usize], t: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut node = t;
    for _ in 0..3 {
        let Some(h) = tree.head(node) else { break };
        if triggers.contains(&h) {
            // Coordinated events share what is said once for both ("attacked and looted the
            // town on Monday"); a purpose clause shares its event's ("demonstrated in Agadez
            // on 13 April to demand").
            // (Not a clause of time, "looted the shops on Monday before withdrawing": one act
            // follows the other, and the date says when the first was done.)
            let purpose =
                tree.base_rel(node) == "advcl" && tree.shares_head_clause(node) && !of_context(tree, g, lang, node);
            if (tree.rel(node) == "conj" && !tree.has_subject_before(node)) || purpose {
                out.push(h);
            }
            break;
        }
        let carried = match tree.base_rel(node) {
            // "The attack was claimed on Sunday by JNIM": the claim's date is not the attack's.
            "obj" | "nsubj" | "obl" => dating_carrier(tree, g, lang, node) == Some(h),
            "xcomp" => tree.upos(h) == "VERB",
            // "the prosecutor opened an inquiry in November, but protesters demand...": a
            // conjunct with a subject of its own is a clause of its own.
            "conj" => tree.upos(h) == "VERB" && !tree.has_subject_before(node),
            // "demonstrated on 13 April to demand": a purpose clause shares its main clause's date.
            "advcl" => tree.upos(h) == "VERB" && tree.shares_head_clause(node) && !of_context(tree, g, lang, node),
            _ => false,
        };
        if !carried {
            break;
        }
        out.push(h);
        node = h;
    }
    out
}

/// Whether the phrase headed by `w` is attached to `t` (directly, or through one of `via`),
/// and not inside a clause or noun phrase that frames the act with another ("After the coup
/// which overthrew Bazoum on July 26, the regime denounced": July 26 is the coup's, wherever
/// the parser hung the frame clause; "suspended its aid after the coup of September 2022").
pub fn attached(tree: &Tree, g: &Grammar, lang: &str, triggers: &[usize], w: usize, t: usize, via: &[usize]) -> bool {
    let p = predicate_of(tree, triggers, w);
    if !(p == Some(t) || p.is_some_and(|p| via.contains(&p))) {
        return false;
    }
    let frame = |n: usize| {
        tree.base_rel(n) == "advcl"
            && (tree.upos(n) == "VERB" || tree.has_child(n, &["nsubj"]))
            && of_context(tree, g, lang, n)
    };
    // A noun of context above the phrase ("suspended its aid after the coup of September
    // 2022": the month is the coup's).
    let context_noun = |n: usize| {
        n != w && tree.upos(n) == "NOUN" && matches!(tree.base_rel(n), "obl" | "nmod") && of_context(tree, g, lang, n)
    };
    // (The phrase's own head too: the parser may make the date the frame clause's head.)
    let mut node = Some(w);
    while let Some(n) = node.filter(|&n| Some(n) != p) {
        if frame(n) || context_noun(n) {
            return false;
        }
        node = tree.head(n);
    }
    true
}

/// The trigger whose content `t` is ("demanded the withdrawal", "threatened to attack",
/// "accused them of attacking", "put an end to the cooperation"), if any: such a trigger is not
/// an event of its own.
pub fn content_of(tree: &Tree, triggers: &[(usize, EventType)], t: usize) -> Option<usize> {
    // A relation ended ("put an end to the cooperation", "suspended its aid", "heeft het
    // militaire akkoord opgezegd") is the content of the ending, not a relation reported.
    let relation = tree.upos(t) == "NOUN"
        && triggers
            .iter()
            .any(|&(u, ty)| u == t && matches!(ty, EventType::Cooperate | EventType::Aid | EventType::Agree));
    let mut node = t;
    for _ in 0..4 {
        let h = tree.head(node)?;
        // ("accused the army of bombing a market and killing civilians": a conjunct is
        // content as much as the verb it is joined to.)
        if tree.base_rel(node) == "conj" {
            node = h;
            continue;
        }
        if let Some(&(u, ty)) = triggers.iter().find(|(u, _)| *u == h) {
            let content = matches!(
                ty,
                EventType::Demand | EventType::Threaten | EventType::Reject | EventType::Disapprove
            ) || (relation && ty == EventType::Sanction);
            let argument = matches!(
                tree.base_rel(node),
                "obj" | "obl" | "nmod" | "xcomp" | "ccomp" | "advcl" | "acl" | "nsubj"
            );
            return (content && argument).then_some(u);
        }
        if tree.upos(h) == "VERB" && !matches!(tree.base_rel(node), "obj" | "nmod" | "obl") {
            return None;
        }
        node = h;
    }
    None
}

/// Whether the phrase at `n` is introduced by a preposition or conjunction of context
/// ("after the coup", `grammar.json` "context"): a backdrop, not a circumstance.
pub(crate) fn of_context(tree: &Tree, g: &Grammar, lang: &str, n: usize) -> bool {
    has_child(tree, g, lang, n, Words::Context, &["case", "mark"])
}

/// Whether a dependent of `v` (or of its auxiliaries) is a word of `kind`.
fn has_child(tree: &Tree, g: &Grammar, lang: &str, v: usize, kind: Words, rels: &[&str]) -> bool {
    children_of(tree, g, lang, v, kind, rels).next().is_some()
}

/// The dependents of `v` by one of `rels` whose lemma is a grammar word of `kind`.
fn children_of<'t>(
    tree: &'t Tree,
    g: &'t Grammar,
    lang: &'t str,
    v: usize,
    kind: Words,
    rels: &'t [&'t str],
) -> impl Iterator<Item = usize> + 't {
    tree.children(v)
        .iter()
        .copied()
        .filter(move |&c| rels.contains(&tree.base_rel(c)) && g.is(lang, kind, &tree.lemma(c).to_lowercase()))
}

/// The clause chain above `t`: `t`, then the verbs (and adjectives: "ready to fight") it
/// completes or is coordinated with.
fn clause_chain(tree: &Tree, t: usize) -> Vec<usize> {
    let mut out = vec![t];
    let mut node = t;
    for _ in 0..4 {
        match (tree.base_rel(node), tree.head(node)) {
            ("conj", Some(h)) | ("xcomp", Some(h)) if matches!(tree.upos(h), "VERB" | "ADJ") => {
                out.push(h);
                node = h;
            }
            _ => break,
        }
    }
    out
}

/// Whether `w` is the complement (xcomp) of a word of `kind`.
fn completes(tree: &Tree, g: &Grammar, lang: &str, w: usize, kind: Words) -> bool {
    tree.base_rel(w) == "xcomp"
        && tree
            .head(w)
            .is_some_and(|h| g.is(lang, kind, &tree.lemma(h).to_lowercase()))
}

/// The clause chain of the event at `t`: a noun takes the clause of the verb that carries it
/// as its subject or object ("promised to continue military aid"); one in an oblique is the
/// clause's circumstance ("agreed to withdraw at the request of the regime").
fn event_chain(tree: &Tree, g: &Grammar, lang: &str, t: usize) -> Vec<usize> {
    let mut chain = clause_chain(tree, t);
    if tree.upos(t) == "NOUN" && matches!(tree.base_rel(t), "obj" | "nsubj") {
        if let Some(h) = tree.head(t).filter(|&h| tree.upos(h) == "VERB") {
            chain.extend(clause_chain(tree, h));
        }
    } else if let Some(h) = carrier_verb(tree, g, lang, t).filter(|&h| tree.head(t) != Some(h)) {
        // ("ont convenu de mettre en place des patrouilles": the verb of a light entry of
        // two that carries the noun below its second word.)
        chain.extend(clause_chain(tree, h));
    }
    chain
}

/// Whether a word of the chain completes a hedge verb.
fn hedges(tree: &Tree, g: &Grammar, lang: &str, chain: &[usize]) -> bool {
    chain.iter().any(|&w| completes(tree, g, lang, w, Words::Hedge))
}

/// Whether the writer judges the event at `t` rather than reports it ("the people seem ready
/// to fight"): possible at most, and no actor's own statement of intent.
pub fn hedged(tree: &Tree, g: &Grammar, lang: &str, t: usize) -> bool {
    hedges(tree, g, lang, &event_chain(tree, g, lang, t))
}

/// Whether the event at `t` is what another act is for, not an act of its own: a non-finite
/// adverbial clause with an aim mark ("turned to Russia to fight the insurgency", "créé pour
/// lutter contre", "om te vechten"), or a noun such a clause's verb carries ("here to develop
/// military cooperation"). A non-finite aim clause hung on a word that is no verb says what
/// a thing is for as well ("a force created in 2014 to fight jihadist groups", "une force pour
/// combattre"), whatever relation the parser gave it.
pub fn aimed(tree: &Tree, g: &Grammar, lang: &str, t: usize) -> bool {
    event_chain(tree, g, lang, t).iter().any(|&w| {
        let on_verb = tree.head(w).is_some_and(|h| matches!(tree.upos(h), "VERB" | "AUX"));
        (tree.base_rel(w) == "advcl" || (!on_verb && tree.upos(w) == "VERB"))
            && !tree.has_feat(w, "VerbForm=Fin")
            && has_child(tree, g, lang, w, Words::Aim, &["mark"])
    })
}

/// Whether `v` has a negating dependent: a negation word that heads no phrase of its own
/// ("plus de 200 kilos", "more than": a quantity, no negation), nor stands before a
/// preposition and a number, wherever the parser hung them ("a accueilli plus de 100 000
/// réfugiés"), nor stands between a noun and its modifier ("des individus non identifiés ont
/// abattu": the parser hung "non" on the verb; it negates "identifiés").
fn negated(tree: &Tree, g: &Grammar, lang: &str, v: usize, rels: &[&str]) -> bool {
    let counted = |c: usize| c + 2 < tree.len() && tree.upos(c + 1) == "ADP" && tree.upos(c + 2) == "NUM";
    children_of(tree, g, lang, v, Words::Negation, rels).any(|c| {
        !counted(c)
            && !negates_a_modifier(tree, c, v)
            && tree
                .children(c)
                .iter()
                .all(|&d| matches!(tree.base_rel(d), "fixed" | "punct"))
    })
}

/// Whether negation word `c`, hung on `v`, stands between a noun and a modifier of it and
/// negates that ("individus non identifiés", "groupes non étatiques").
fn negates_a_modifier(tree: &Tree, c: usize, v: usize) -> bool {
    c > 0
        && c + 1 < tree.len()
        && c + 1 != v
        && matches!(tree.upos(c - 1), "NOUN" | "PROPN")
        && (matches!(tree.upos(c + 1), "ADJ" | "NOUN") || tree.has_feat(c + 1, "VerbForm=Part"))
}

/// The modality of trigger `t`, from its dependents and its clause. `old` says whether its
/// own date puts it more than a year before the article.
pub fn modality(tree: &Tree, g: &Grammar, lang: &str, t: usize, old: bool) -> Modality {
    let chain = event_chain(tree, g, lang, t);
    // "no", "not", "never"; "without demanding", "sans attaquer", "zonder te vragen".
    let neg_rels = ["advmod", "det", "neg", "cc", "nmod", "amod", "mark", "case"];
    // Negation on the trigger itself, or a refusal verb it completes ("refused to withdraw",
    // "prevented the jihadists from attacking").
    if negated(tree, g, lang, t, &neg_rels)
        || tree.children(t).iter().any(|&c| {
            tree.has_feat(c, "Polarity=Neg") && tree.base_rel(c) == "advmod" && !negates_a_modifier(tree, c, t)
        })
    {
        return Modality::Negated;
    }
    // ("did not prevent them from killing": a refusal negated is none.)
    // ("denied reports that its army had executed civilians": the content clause of the
    // noun a refusal verb takes as its object is refused as well.)
    let refused = |w: usize| {
        let completed = tree
            .head(w)
            .filter(|_| matches!(tree.base_rel(w), "xcomp" | "obj" | "advcl" | "ccomp"));
        let content = || {
            tree.head(w)
                .filter(|&n| {
                    matches!(tree.base_rel(w), "acl" | "ccomp")
                        && tree.base_rel(n) == "obj"
                        && tree.has_child(w, &["mark"])
                })
                .and_then(|n| tree.head(n))
        };
        let refusal = |h: usize| {
            g.is(lang, Words::Refusal, &tree.lemma(h).to_lowercase()) && !negated(tree, g, lang, h, &neg_rels)
        };
        completed.is_some_and(refusal) || content().is_some_and(refusal)
    };
    // ("denied the accusations of Human Rights Watch": the charges were made all the same.)
    let charge = g.is(lang, Words::Charge, &tree.lemma(t).to_lowercase());
    if !charge && chain.iter().any(|&w| refused(w)) {
        return Modality::Negated;
    }
    // If clauses, and modal auxiliaries on the trigger's clause.
    let conditional = |w: usize| {
        tree.base_rel(w) == "advcl"
            && tree
                .children(w)
                .iter()
                .any(|&c| tree.base_rel(c) == "mark" && g.is(lang, Words::Condition, &tree.lemma(c).to_lowercase()))
    };
    // A modal verb the trigger completes: "Bamako pourrait demander", "zou kunnen vragen".
    let modal_verb = |w: usize| completes(tree, g, lang, w, Words::Modal);
    if hedges(tree, g, lang, &chain) || chain.iter().any(|&w| conditional(w) || modal_verb(w)) {
        return Modality::Hypothetical;
    }
    // "would" on the trigger: in a reported statement ("said it would investigate"), the
    // future of that statement; otherwise a possibility, as every other modal.
    let modals: Vec<usize> = children_of(tree, g, lang, t, Words::Modal, &["aux", "advmod"]).collect();
    let future_past = !modals.is_empty()
        && modals
            .iter()
            .all(|&c| g.is(lang, Words::FuturePast, &tree.lemma(c).to_lowercase()))
        && crate::attribution::reported(tree, g, lang, t);
    if !modals.is_empty() && !future_past {
        return Modality::Hypothetical;
    }
    // The future, and plans and decisions ("decided to withdraw", "plan an attack").
    let planned_by = |w: usize| {
        tree.head(w).is_some_and(|h| {
            (matches!(tree.base_rel(w), "xcomp" | "obj" | "acl" | "nmod" | "ccomp") || tree.rel(w) == "nsubj:pass")
                && g.is(lang, Words::Plan, &tree.lemma(h).to_lowercase())
        })
    };
    let future = has_child(tree, g, lang, t, Words::Future, &["aux"]) || tree.has_feat(t, "Tense=Fut");
    if future || future_past || chain.iter().any(|&w| planned_by(w)) {
        return Modality::Planned;
    }
    // "previously", "eerder"; of a noun, "previous protests", "les manifestations passées".
    if old || has_child(tree, g, lang, t, Words::Background, &["advmod", "amod"]) {
        return Modality::Background;
    }
    // ("Chad's army said it had repelled an attack by Boko Haram": a noun event that a
    // reported verb takes as its object or subject is reported with it.)
    let carrier_reported = tree.upos(t) == "NOUN"
        && matches!(tree.base_rel(t), "obj" | "nsubj")
        && tree
            .head(t)
            .is_some_and(|h| tree.upos(h) == "VERB" && crate::attribution::reported(tree, g, lang, h));
    if carrier_reported || crate::attribution::reported(tree, g, lang, t) {
        return Modality::Reported;
    }
    Modality::Asserted
}

/// The date expression or place whose head is attached to the trigger `t = (word, words it
/// needs)`, own first (on the trigger or a word it needs: "hold talks next month"), then
/// through `via`; the closest wins, one in the trigger's subject only when no other is
/// there. Returns it and whether it is the trigger's own.
pub fn pick<T: Copy>(
    tree: &Tree,
    g: &Grammar,
    lang: &str,
    trig: &[usize],
    t: (usize, &[usize]),
    via: &[usize],
    cands: &[(usize, T)],
) -> (Option<T>, bool) {
    let (t, needs) = t;
    // ("The military authorities in Bamako imposed a curfew on the Mopti region": a phrase
    // in the subject's says where the actor is; one on the act or its word wins.)
    let in_subject = |w: usize| {
        tree.and_ancestors(w)
            .take_while(|&n| n != t)
            .any(|n| tree.head(n) == Some(t) && tree.base_rel(n) == "nsubj")
    };
    let dist = |w: usize| (in_subject(w), w.abs_diff(t));
    let own = cands
        .iter()
        .filter(|(w, _)| attached(tree, g, lang, trig, *w, t, needs))
        .min_by_key(|(w, _)| dist(*w));
    if let Some(&(_, x)) = own {
        return (Some(x), true);
    }
    let inherited = cands
        .iter()
        .filter(|(w, _)| attached(tree, g, lang, trig, *w, t, via))
        .min_by_key(|(w, _)| dist(*w));
    (inherited.map(|&(_, x)| x), false)
}

/// The date expression that opens the sentence (at its first word, or after one
/// preposition) and is set off by a comma ("On Monday, December 4, …"): it frames the
/// sentence's acts that have no date of their own, however the parser hung it.
pub fn opening_date(dates: &[DateExpr], toks: &[Token]) -> Option<usize> {
    let k = dates.iter().position(|d| d.first <= 1)?;
    let d = &dates[k];
    let comma = toks.get(d.last).is_some_and(|t| t.punct && t.lower == ",");
    let lead = d.first == 0 || toks.first().is_some_and(|t| !t.cap || t.lower.len() <= 3);
    (comma && lead).then_some(k)
}

/// Whether the verb at `v` is a reduced relative of its noun telling what it was doing
/// ("women gathering fruit", "des étudiants manifestant"): a gerund or present participle
/// with neither conjunction, subject nor auxiliary, nor a name as its object (a relation
/// between places: "la route reliant Kayes à Bamako"); not a past participle ("three men
/// arrested in January": that is another act, with a time of its own).
pub fn ongoing_reduced_relative(tree: &Tree, v: usize) -> bool {
    tree.upos(v) == "VERB"
        && tree.is_present_participle(v)
        && !tree.has_child(v, &["mark", "nsubj", "nsubj:pass", "aux", "aux:pass"])
        && !tree.children_with(v, &["obj"]).any(|o| tree.upos(o) == "PROPN")
}

/// Whether the verb at `t` is one an opening date frames: not the head of a relative clause
/// that tells an act of its own ("the general who came to power"), unless the clause tells
/// what was going on then ("un convoi qui transportait des migrants").
pub fn framed(tree: &Tree, t: usize) -> bool {
    let ongoing = tree.has_feat(t, "Tense=Imp") || tree.has_feat(t, "Aspect=Prog") || tree.is_present_participle(t);
    tree.rel(t) != "acl:relcl" || ongoing
}

#[cfg(test)]
#[path = "attach_tests.rs"]
mod tests;
