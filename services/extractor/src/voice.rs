//! Who a verb's subject is, and whether it undergoes the act: the subject, inherited from the
//! verb a verb is coordinated with, from the verb that controls it ("agreed to withdraw"), or
//! from the noun its relative clause describes ("the general, who received"), and found where
//! the parser inverted or fronted it; passives (with their auxiliaries and agent phrases),
//! unaccusatives, and verbs whose subject undergoes the act ("died", "om het leven komen").

use crate::grammar::{Grammar, Words};
use crate::roles::case_of;
use crate::tree::Tree;

/// Whether `c` is an agent phrase: labelled one, or an oblique with an agent preposition
/// ("by", "par", "door").
fn agent_phrase(tree: &Tree, g: &Grammar, lang: &str, c: usize) -> bool {
    tree.rel(c) == "obl:agent"
        || (tree.base_rel(c) == "obl" && case_of(tree, c).is_some_and(|p| g.is(lang, Words::Agent, &p)))
}

/// Whether `v` is a passive: not a stance stated by a participle without an agent ("Israel
/// is opposed to the plan", `grammar.json` "stative"), whose subject acts.
pub(crate) fn is_passive(tree: &Tree, g: &Grammar, lang: &str, v: usize) -> bool {
    // (The perfect of a verb without an object, whose auxiliary the parser took for a
    // passive's: "Des milliers de personnes sont descendues dans les rues".)
    let unaccusative_perfect = unaccusative(tree, g, lang, v)
        && tree
            .children_with(v, &["aux:pass"])
            .all(|x| g.is(lang, Words::BePerfect, &tree.lemma(x).to_lowercase()));
    // (Nor a French perfect with "avoir" and no passive auxiliary, whose subject the parser
    // labelled a passive's: "Des centaines de femmes ont défilé par Ouagadougou".)
    let active_perfect =
        tree.has_child(v, &["aux:tense"]) && !tree.children(v).iter().any(|&c| tree.rel(c) == "aux:pass");
    let marked = !unaccusative_perfect
        && !active_perfect
        && tree.children(v).iter().any(|&c| {
            matches!(tree.rel(c), "nsubj:pass" | "aux:pass" | "csubj:pass") || passive_be(tree, g, lang, v, c)
        });
    let stance = || {
        g.is(lang, Words::Stative, &tree.lemma(v).to_lowercase())
            && !tree.children(v).iter().any(|&c| agent_phrase(tree, g, lang, c))
    };
    // A past participle alone beside a noun, without any auxiliary or object, tells what was
    // done to the noun ("Bazoum, renversé en juillet", "the convoy attacked near Gao"): an
    // active past is finite or has its auxiliary. Not a verb without an object's ("protesters
    // gathered", `grammar.json` "unaccusative"), nor a conjunct, which may share its head's
    // auxiliary ("has attacked and withdrawn").
    // (A verb the tagger took for a finite one, bare beside a noun by a plain `acl`, is such a
    // participle: "the president overthrown in July".)
    // (A past participle may take a clause: "journalistes accusés de diffuser de fausses
    // informations" were accused; a verb read as finite with one is an active clause.)
    let bare_participle = || {
        let past_participle =
            tree.has_feat(v, "VerbForm=Part") && tree.has_feat(v, "Tense=Past") && tree.base_rel(v) == "acl";
        tree.upos(v) == "VERB"
            && (past_participle || (tree.has_feat(v, "VerbForm=Fin") && tree.rel(v) == "acl"))
            && !unaccusative(tree, g, lang, v)
            && !tree.has_child(v, &["aux", "cop", "obj", "expl", "nsubj"])
            && (past_participle || !tree.has_child(v, &["ccomp", "xcomp"]))
    };
    // "a été arrêté puis relâché", "werden gearresteerd en vrijgelaten": a bare past
    // participle joined to a passive is one too. (Not an English past the tagger read as
    // finite: "was criticised and resigned" is the minister's resignation.)
    let passive_conjunct = || {
        tree.rel(v) == "conj"
            && tree.has_feat(v, "VerbForm=Part")
            && !tree.has_feat(v, "Tense=Pres")
            && !unaccusative(tree, g, lang, v)
            && !tree.has_child(v, &["aux", "cop", "obj", "nsubj", "ccomp", "xcomp"])
            && tree
                .head(v)
                .is_some_and(|h| tree.upos(h) == "VERB" && tree.rel(h) != "conj" && is_passive(tree, g, lang, h))
    };
    (marked || bare_participle() || passive_conjunct()) && !stance()
}

/// Whether verb `v` takes no object, its past participle alone telling what its subject did
/// (`grammar.json` "unaccusative": "protesters gathered", "Frankrijk is vertrokken").
fn unaccusative(tree: &Tree, g: &Grammar, lang: &str, v: usize) -> bool {
    g.is(lang, Words::Unaccusative, &tree.lemma(v).to_lowercase())
}

/// Whether `x`, labelled a plain `aux` of past participle `v`, is the auxiliary that makes
/// the perfect of verbs without an object and the passive of others (`grammar.json`
/// "be_perfect": Dutch "zijn", French "être"), beside a verb of the others with no object:
/// "Meer dan tweehonderd burgers zijn in Barsalogho vermoord" is a passive the parser
/// labelled as a perfect; "Frankrijk is vertrokken" stays a perfect.
fn passive_be(tree: &Tree, g: &Grammar, lang: &str, v: usize, x: usize) -> bool {
    tree.rel(x) == "aux"
        && g.is(lang, Words::BePerfect, &tree.lemma(x).to_lowercase())
        && tree.upos(v) == "VERB"
        && tree.has_feat(v, "VerbForm=Part")
        && !unaccusative(tree, g, lang, v)
        && !tree.has_child(v, &["obj", "ccomp", "xcomp", "expl"])
}

/// Whether `c`, labelled `nsubj` of `v`, is the patient of a passive the parser labelled as
/// such only by its auxiliary ("Hij wordt vastgehouden": `aux:pass` and `nsubj`, no
/// `nsubj:pass`), when the auxiliary is one that makes a passive whatever the verb
/// (`grammar.json` "passive_auxiliary": not Dutch "zijn", as in "Frankrijk is vertrokken").
pub(crate) fn patient_subject(tree: &Tree, g: &Grammar, lang: &str, v: usize, c: usize) -> bool {
    // (Dutch "zijn" the parser labels a passive auxiliary makes one too, unless the verb is
    // one whose perfect it is: "Honderden mensen zijn gearresteerd", not "zijn vertrokken".)
    let passive_aux = |x: usize| {
        (tree.rel(x) == "aux:pass"
            && (g.is(lang, Words::PassiveAuxiliary, &tree.lemma(x).to_lowercase()) || !unaccusative(tree, g, lang, v)))
            || passive_be(tree, g, lang, v, x)
    };
    tree.rel(c) == "nsubj"
        && tree.children(v).iter().any(|&x| passive_aux(x))
        && !tree.children(v).iter().any(|&x| tree.rel(x) == "nsubj:pass")
}

/// Whether verb `v` is one whose subject undergoes the act (`grammar.json` "undergo"), alone
/// or with a dependent (two levels down, as trigger entries are matched: "komen om"), not one
/// in a clause of its own ("kwamen bijeen om steun te betuigen": that "om" marks the purpose).
pub(crate) fn undergoes(tree: &Tree, g: &Grammar, lang: &str, v: usize) -> bool {
    let lemma = tree.lemma(v).to_lowercase();
    let clausal = |c: usize| matches!(tree.base_rel(c), "advcl" | "ccomp" | "acl" | "parataxis" | "conj");
    // (A separable verb's particle right after it that the parser hung elsewhere: "Twee
    // soldaten kwamen om en vijf anderen raakten gewond", "om" the marker of "raakten".)
    let particle = Some(v + 1).filter(|&p| p < tree.len() && tree.upos(p) == "ADP" && tree.head(p) != Some(v));
    g.is(lang, Words::Undergo, &lemma)
        || tree
            .children(v)
            .iter()
            .filter(|&&c| !clausal(c))
            .flat_map(|&c| std::iter::once(c).chain(tree.children(c).iter().copied()))
            .chain(particle)
            .any(|d| {
                g.is(
                    lang,
                    Words::Undergo,
                    &format!("{lemma} {}", tree.lemma(d).to_lowercase()),
                )
            })
}

/// Whether `v` is a relative pronoun's clause whose subject is the pronoun (or missing).
fn relative_subject(tree: &Tree, v: usize) -> bool {
    let subj = tree.children(v).iter().copied().find(|&c| tree.base_rel(c) == "nsubj");
    subj.is_none_or(|s| tree.upos(s) == "PRON" && tree.has_feat(s, "PronType=Rel"))
}

/// A subject after its verb that the parser took for an oblique: "Ook in Sikasso
/// demonstreerden die dag honderden handelaars", where a fronted phrase puts the subject
/// after the verb (Dutch word order). Only for a finite main or reported clause without a
/// subject, and a bare noun phrase after the verb (no preposition) that agrees with the verb
/// in number: "die dag" does not agree with "demonstreerden". When the parser did give the
/// verb a subject that cannot be one ([`Tree::is_stray_relative`]), the phrase may also be labelled
/// `obj`.
fn inverted_subject(tree: &Tree, v: usize, obj_too: bool) -> Option<usize> {
    if !tree.has_feat(v, "VerbForm=Fin") || !matches!(tree.base_rel(v), "root" | "ccomp" | "parataxis") {
        return None;
    }
    let number = ["Number=Plur", "Number=Sing"]
        .into_iter()
        .find(|n| tree.has_feat(v, n))?;
    tree.children(v).iter().copied().find(|&c| {
        c > v
            && (tree.rel(c) == "obl" || (obj_too && tree.rel(c) == "obj"))
            && matches!(tree.upos(c), "NOUN" | "PROPN")
            && tree.has_feat(c, number)
            && !tree.has_child(c, &["case"])
    })
}

/// A name set off by commas that the parser joined to a fronted oblique of a tensed verb
/// without a subject, as a conjunct or apposition of its noun: the verb's subject ("On
/// Tuesday, Niger, along with Mali, denounced": "Niger" a conjunct of "Tuesday").
fn fronted_subject(tree: &Tree, v: usize) -> Option<usize> {
    if !tree.is_tensed(v) || !matches!(tree.base_rel(v), "root" | "ccomp" | "parataxis") {
        return None;
    }
    let fronted: Vec<usize> = tree.children_with(v, &["obl"]).filter(|&o| o < v).collect();
    (0..v).find(|&c| {
        tree.upos(c) == "PROPN"
            && matches!(tree.base_rel(c), "conj" | "appos")
            && c > 0
            && tree.upos(c - 1) == "PUNCT"
            && tree.lower(c - 1) == ","
            && fronted.iter().any(|&o| o < c && tree.dominates(o, c))
    })
}

/// The noun a stray relative pronoun `c` stands for: the noun or name right before it,
/// punctuation aside ("The United States, which"). None when a noun follows it: then it is
/// a determiner ("die dag").
fn stray_antecedent(tree: &Tree, c: usize) -> Option<usize> {
    if c + 1 < tree.len() && tree.upos(c + 1) == "NOUN" {
        return None;
    }
    let before = tree.word_before(c)?;
    matches!(tree.upos(before), "NOUN" | "PROPN").then_some(before)
}

/// The noun that relative pronoun `c`, a dependent of verb `v`, stands for: the head of
/// `v`'s relative clause, `v` itself or the first of the clauses it is joined to.
fn relative_antecedent(tree: &Tree, v: usize, c: usize) -> Option<usize> {
    if tree.upos(c) != "PRON" || !tree.has_feat(c, "PronType=Rel") {
        return None;
    }
    let mut clause = v;
    while tree.base_rel(clause) == "conj" {
        clause = tree.head(clause)?;
    }
    (tree.base_rel(clause) == "acl").then(|| tree.head(clause)).flatten()
}

/// The subject words of verb `v` (its own, or inherited), passive agent included.
pub fn subjects(tree: &Tree, g: &Grammar, lang: &str, v: usize, depth: usize) -> Vec<usize> {
    if depth > 4 {
        return Vec::new();
    }
    let passive = is_passive(tree, g, lang, v);
    let mut out: Vec<usize> = Vec::new();
    for &c in tree.children(v) {
        let rel = tree.rel(c);
        // (A stance's subject, labelled as a passive's, acts: "Israel is opposed to".)
        if rel == "nsubj" || rel == "nsubj:outer" || (rel == "nsubj:pass" && !passive) {
            // A relative pronoun stands for the noun its clause describes, also in the second
            // of two joined relative clauses ("a power that did not colonize Africa and that
            // trained its soldiers"); a noun set before a name as its apposition stands for
            // the name ("A power that …, Russia offers").
            if let Some(h) = relative_antecedent(tree, v, c) {
                let named = tree
                    .head(h)
                    .filter(|&n| tree.rel(h) == "appos" && tree.upos(n) == "PROPN");
                out.push(named.unwrap_or(h));
                continue;
            }
            out.push(c);
        } else if (rel == "obl:agent" && (passive || !tree.has_child(v, &["nsubj"])))
            || (passive && agent_phrase(tree, g, lang, c))
        {
            // (An agent beside an active verb's own subject is a phrase the parser misread:
            // "Duizenden mensen trokken door de straten", through the streets.)
            out.insert(0, c);
        }
    }
    if passive {
        out.retain(|&c| tree.rel(c) != "nsubj:pass" && !patient_subject(tree, g, lang, v, c));
    }
    // "it is willing to": a pronoun the parser took for an expletive.
    if out.is_empty() {
        out.extend(
            tree.children(v)
                .iter()
                .copied()
                .filter(|&c| tree.base_rel(c) == "expl" && tree.upos(c) == "PRON"),
        );
    }
    if let [c] = out[..] {
        if !passive && tree.rel(c) == "nsubj" && tree.is_stray_relative(v, c) {
            if let Some(s) = stray_antecedent(tree, c).or_else(|| inverted_subject(tree, v, true)) {
                return vec![s];
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    if let Some(c) = inverted_subject(tree, v, false).or_else(|| fronted_subject(tree, v)) {
        return vec![c];
    }
    let Some(h) = tree.head(v) else { return out };
    // "does not stop the terrorists from killing", "accused Benin of allowing": the clause's
    // subject is the object of the verb it hangs on.
    if matches!(tree.rel(v), "xcomp" | "advcl") && !tree.has_feat(v, "VerbForm=Fin") && tree.upos(h) == "VERB" {
        // (Not a clause of time, "avant de se retirer", whose "de" is no control.)
        let marks = || tree.children_with(v, &["mark"]).map(|m| tree.lemma(m).to_lowercase());
        let marked =
            marks().any(|m| g.is(lang, Words::ObjectControl, &m)) && !marks().any(|m| g.is(lang, Words::Context, &m));
        if let Some(obj) = tree.children_with(h, &["obj"]).next().filter(|_| marked) {
            return vec![obj];
        }
        // "asked France to withdraw its troops", "urged the junta to release": an infinitive
        // completing a verb of asking (`grammar.json` "ask") that has an object before it is
        // that object's act.
        if tree.rel(v) == "xcomp" && g.is(lang, Words::Ask, &tree.lemma(h).to_lowercase()) {
            if let Some(obj) = tree.children_with(h, &["obj", "iobj"]).find(|&o| o < v) {
                return vec![obj];
            }
        }
    }
    match tree.rel(v) {
        // "attacked the convoy and killed twelve": the first verb's subject.
        // "has been indicted and will resign": an active verb joined to a passive one shares
        // its surface subject, the passive's patient, not its agent.
        "conj" if tree.upos(h) == "VERB" && is_passive(tree, g, lang, h) && !passive => {
            let patient: Vec<usize> = tree.children_with(h, &["nsubj"]).collect();
            if patient.is_empty() {
                subjects(tree, g, lang, h, depth + 1)
            } else {
                patient
            }
        }
        "conj" if tree.upos(h) == "VERB" => subjects(tree, g, lang, h, depth + 1),
        // "agreed to withdraw": the controlling verb's subject; "gathered to demand",
        // "marched, demanding": a non-finite adverbial clause's subject is the main clause's.
        "xcomp" => subjects(tree, g, lang, h, depth + 1),
        // "zegt … dertig terroristen te hebben uitgeschakeld": an untensed clausal
        // complement is controlled like an xcomp, by the subject of the verb it completes.
        // (Not a clause opened by a conjunction with a noun as its subject, which is finite
        // whatever the tagger read its auxiliary as: "zegt dat er burgers zijn gedood", "zijn"
        // tagged an infinitive.)
        "ccomp"
            if tree.finite_word(v).is_none()
                && !(tree.has_child(v, &["mark"])
                    && tree
                        .children_with(v, &["nsubj", "nsubj:pass"])
                        .any(|x| matches!(tree.upos(x), "NOUN" | "PROPN")))
                && tree.upos(h) == "VERB" =>
        {
            subjects(tree, g, lang, h, depth + 1)
        }
        "advcl" if tree.shares_head_clause(v) && tree.upos(h) == "VERB" => subjects(tree, g, lang, h, depth + 1),
        // "the general, who received", "the soldiers who attacked".
        r if r.starts_with("acl") && !passive && relative_subject(tree, v) && tree.upos(h) != "VERB" => {
            // "demonstrated in the capital to demand": an infinitive the parser hung on a
            // place phrase is the purpose of the verb the place belongs to; a place acts not.
            let place_of = tree.head(h).filter(|&hv| {
                tree.upos(hv) == "VERB"
                    && !tree.has_feat(v, "VerbForm=Fin")
                    && tree.base_rel(h) == "obl"
                    && case_of(tree, h).is_some_and(|p| g.is(lang, Words::Place, &p))
            });
            if let Some(hv) = place_of {
                return subjects(tree, g, lang, hv, depth + 1);
            }
            let mut out = vec![h];
            // "issued a declaration demanding": who issued the declaration demands.
            let carrier = tree.head(h).filter(|&hv| {
                let lemma = tree.lemma(hv).to_lowercase();
                r == "acl"
                    && tree.base_rel(h) == "obj"
                    && tree.upos(hv) == "VERB"
                    && (g.is(lang, Words::Light, &lemma) || g.is(lang, Words::Speech, &lemma))
            });
            if let Some(hv) = carrier {
                out.extend(subjects(tree, g, lang, hv, depth + 1));
            }
            out
        }
        _ => out,
    }
}
