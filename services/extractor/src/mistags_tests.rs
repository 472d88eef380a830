//! Tests of the repairs of mistagged words ([`super`]), each on a hand-written CoNLL-U
//! fixture as the models parse it.

use crate::tree::Tree;

#[test]
fn a_participle_modifier_with_a_subject_is_the_clauses_verb() {
    let conllu = "# text = De regering ontkende berichten dat het leger had gevochten.\n\
1\tDe\tde\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tregering\tregering\tNOUN\t_\t_\t3\tnsubj\t_\t_\n\
3\tontkende\tontkennen\tVERB\t_\tVerbForm=Part\t4\tamod\t_\t_\n\
4\tberichten\tbericht\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
5\tdat\tdat\tSCONJ\t_\t_\t10\tmark\t_\t_\n\
6\thet\thet\tDET\t_\t_\t7\tdet\t_\t_\n\
7\tleger\tleger\tNOUN\t_\t_\t10\tnsubj\t_\t_\n\
8\thad\thebben\tAUX\t_\tVerbForm=Fin\t10\taux\t_\t_\n\
9\tzwaar\tzwaar\tADV\t_\t_\t10\tadvmod\t_\t_\n\
10\tgevochten\tvechten\tVERB\t_\tVerbForm=Part\t4\tacl\t_\t_\n\
11\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.root(), Some(2));
    assert_eq!((t.head(3), t.rel(3)), (Some(2), "obj"));
    assert_eq!((t.head(1), t.rel(1)), (Some(2), "nsubj"));
    assert_eq!(t.head(9), Some(3), "the content clause stays with its noun");
    // A participle that modifies its noun, with no subject, stays.
    let conllu = "# text = Ontvoerde burgers keerden terug.\n\
1\tOntvoerde\tontvoeren\tVERB\t_\tVerbForm=Part\t2\tamod\t_\t_\n\
2\tburgers\tburger\tNOUN\t_\t_\t3\tnsubj\t_\t_\n\
3\tkeerden\tkeren\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_\n\
4\tterug\tterug\tADP\t_\t_\t3\tcompound:prt\t_\t_\n\
5\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(0), t.rel(0)), (Some(1), "amod"));
}

#[test]
fn a_finite_verb_read_as_the_subject_of_a_plural_is_the_verb() {
    let conllu = "# text = The army denied reports that it had fled.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tarmy\tarmy\tNOUN\t_\tNumber=Sing\t4\tnsubj\t_\t_\n\
3\tdenied\tdeny\tVERB\t_\tTense=Past|VerbForm=Fin\t4\tnsubj\t_\t_\n\
4\treports\treport\tVERB\t_\tNumber=Sing|Person=3|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_\n\
5\tthat\tthat\tSCONJ\t_\t_\t8\tmark\t_\t_\n\
6\tit\tit\tPRON\t_\t_\t8\tnsubj\t_\t_\n\
7\thad\thave\tAUX\t_\tVerbForm=Fin\t8\taux\t_\t_\n\
8\tfled\tflee\tVERB\t_\tTense=Past|VerbForm=Part\t4\tccomp\t_\t_\n\
9\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.root(), Some(2));
    assert_eq!((t.head(3), t.rel(3)), (Some(2), "obj"));
    assert_eq!((t.head(1), t.rel(1)), (Some(2), "nsubj"));
    assert_eq!(t.head(7), Some(3), "the clause stays with the noun");
}

#[test]
fn an_infinitive_over_the_perfects_participle_is_its_object() {
    let conllu = "# text = Rusland heeft pantservoertuigen aan Mali geleverd.\n\
1\tRusland\tRusland\tPROPN\t_\t_\t3\tnsubj\t_\t_\n\
2\theeft\thebben\tAUX\t_\tTense=Pres|VerbForm=Fin\t3\taux\t_\t_\n\
3\tpantservoertuigen\tpantservoertuigen\tVERB\t_\tVerbForm=Inf\t0\troot\t_\t_\n\
4\taan\taan\tADP\t_\t_\t5\tcase\t_\t_\n\
5\tMali\tMali\tPROPN\t_\t_\t6\tobl\t_\t_\n\
6\tgeleverd\tleveren\tVERB\t_\tVerbForm=Part\t3\txcomp\t_\t_\n\
7\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.root(), Some(5));
    assert_eq!((t.head(2), t.rel(2)), (Some(5), "obj"));
    assert_eq!((t.head(0), t.rel(0)), (Some(5), "nsubj"));
    assert_eq!((t.head(1), t.rel(1)), (Some(5), "aux"));
    // An infinitive a modal's participle completes keeps its place ("heeft willen vertrekken"
    // has no participle after).
    let conllu = "# text = Hij heeft vertrekken gewild.\n\
1\tHij\thij\tPRON\t_\t_\t3\tnsubj\t_\t_\n\
2\theeft\thebben\tAUX\t_\tTense=Pres|VerbForm=Fin\t3\taux\t_\t_\n\
3\tvertrekken\tvertrekken\tVERB\t_\tVerbForm=Inf\t0\troot\t_\t_\n\
4\tgewild\twillen\tVERB\t_\tVerbForm=Part\t3\tobj\t_\t_\n\
5\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.root(), Some(2));
}

#[test]
fn a_known_verbs_participle_read_as_an_adjective_or_a_preposition_is_a_participle() {
    let lemma = |form: &str| (form == "accused").then(|| "accuse".to_owned());
    // "are accused of killing": a predicate adjective with its copula.
    let mut t = Tree::from_rows(&[
        "Soldiers soldier NOUN 3 nsubj",
        "are be AUX 3 cop",
        "accused accused ADJ 0 root",
        "of of SCONJ 5 mark",
        "killing kill VERB|VerbForm=Ger 3 advcl",
        "civilians civilian NOUN 5 obj",
    ]);
    super::participle_read_as_an_adjective(&mut t, lemma);
    assert_eq!((t.upos(2), t.lemma(2)), ("VERB", "accuse"));
    assert!(t.has_feat(2, "Voice=Pass"));
    assert_eq!(t.rel(0), "nsubj:pass");
    assert_eq!(t.rel(1), "aux:pass");
    // "villagers accused of collaborating": a preposition with "of" fixed to it.
    let mut t = Tree::from_rows(&[
        "Gunmen gunman NOUN 2 nsubj",
        "executed execute VERB 0 root",
        "villagers villager NOUN 2 obj",
        "accused accused ADP 6 mark",
        "of of SCONJ 4 fixed",
        "collaborating collaborate VERB|VerbForm=Ger 2 advcl",
    ]);
    super::participle_read_as_an_adjective(&mut t, lemma);
    assert_eq!((t.head(3), t.rel(3), t.upos(3)), (Some(2), "acl", "VERB"));
    assert_eq!((t.head(5), t.rel(5)), (Some(3), "advcl"));
    assert_eq!((t.head(4), t.rel(4)), (Some(5), "mark"));
    // A word the trigger data does not know as a verb stays as it was.
    let mut t = Tree::from_rows(&[
        "Soldiers soldier NOUN 3 nsubj",
        "are be AUX 3 cop",
        "tired tired ADJ 0 root",
    ]);
    super::participle_read_as_an_adjective(&mut t, lemma);
    assert_eq!(t.upos(2), "ADJ");
}

#[test]
fn a_modifier_read_as_a_verb_under_a_possessive_modifies_the_noun() {
    let conllu = "# text = Paris agreed to pull its remaining soldiers from Chad by June.\n\
1\tParis\tParis\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
2\tagreed\tagree\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_\n\
3\tto\tto\tPART\t_\t_\t4\tmark\t_\t_\n\
4\tpull\tpull\tVERB\t_\tVerbForm=Inf\t2\txcomp\t_\t_\n\
5\tits\tits\tPRON\t_\tPoss=Yes|PronType=Prs\t4\tobj\t_\t_\n\
6\tremaining\tremain\tVERB\t_\tVerbForm=Ger\t5\tacl\t_\t_\n\
7\tsoldiers\tsoldier\tNOUN\t_\tNumber=Plur\t6\tobj\t_\t_\n\
8\tfrom\tfrom\tADP\t_\t_\t9\tcase\t_\t_\n\
9\tChad\tChad\tPROPN\t_\t_\t6\tobl\t_\t_\n\
10\tby\tby\tADP\t_\t_\t11\tcase\t_\t_\n\
11\tJune\tJune\tPROPN\t_\t_\t6\tobl\t_\t_\n\
12\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(6), t.rel(6)), (Some(3), "obj"), "the noun is the verb's object");
    assert_eq!((t.head(4), t.rel(4)), (Some(6), "nmod:poss"));
    assert_eq!((t.head(5), t.rel(5)), (Some(6), "amod"));
    assert_eq!((t.head(8), t.rel(8)), (Some(3), "obl"), "the obliques go with the verb");
    assert_eq!(t.head(10), Some(3));
    // A possessive pronoun the parser already hung on its noun stays.
    let conllu = "# text = Paris pulled its soldiers out.\n\
1\tParis\tParis\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
2\tpulled\tpull\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_\n\
3\tits\tits\tPRON\t_\tPoss=Yes|PronType=Prs\t4\tnmod:poss\t_\t_\n\
4\tsoldiers\tsoldier\tNOUN\t_\tNumber=Plur\t2\tobj\t_\t_\n\
5\tout\tout\tADP\t_\t_\t2\tcompound:prt\t_\t_\n\
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(2), t.rel(2)), (Some(3), "nmod:poss"));
    assert_eq!((t.head(3), t.rel(3)), (Some(1), "obj"));
}

#[test]
fn a_gerund_marked_for_the_object_read_as_a_modifier_heads_its_clause() {
    // As the parser reads "Niger accused Benin of harbouring armed groups".
    let conllu = "# text = Niger accused Benin of harbouring armed groups.\n\
1\tNiger\tNiger\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
2\taccused\taccuse\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_\n\
3\tBenin\tBenin\tPROPN\t_\t_\t7\tamod\t_\t_\n\
4\tof\tof\tADP\t_\t_\t5\tmark\t_\t_\n\
5\tharbouring\tharbour\tVERB\t_\tVerbForm=Ger\t7\tamod\t_\t_\n\
6\tarmed\tarmed\tADJ\t_\t_\t7\tamod\t_\t_\n\
7\tgroups\tgroup\tNOUN\t_\tNumber=Plur\t2\tobj\t_\t_\n\
8\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let mut t = Tree::from_conllu(conllu);
    super::gerund_read_as_a_modifier(&mut t, |w| w == "of");
    assert_eq!((t.head(2), t.rel(2)), (Some(1), "obj"));
    assert_eq!((t.head(4), t.rel(4)), (Some(2), "acl"));
    assert_eq!((t.head(6), t.rel(6)), (Some(4), "obj"));
    assert_eq!(t.head(5), Some(6), "the adjective stays with its noun");
    // A mark of no clause of the object leaves the modifier where it is.
    let mut t = Tree::from_conllu(conllu);
    super::gerund_read_as_a_modifier(&mut t, |w| w == "from");
    assert_eq!((t.head(4), t.rel(4)), (Some(6), "amod"));
}

#[test]
fn a_participle_read_as_a_noun_after_the_roots_copula_is_the_passive_verb() {
    // As the Dutch model parses "Twintig burgers zijn maandag gedood bij een aanval".
    let conllu = "# text = Twintig burgers zijn maandag gedood bij een aanval.\n\
1\tTwintig\ttwintig\tNUM\t_\t_\t2\tnummod\t_\t_\n\
2\tburgers\tburger\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
3\tzijn\tzijn\tAUX\t_\tVerbForm=Fin\t2\tcop\t_\t_\n\
4\tmaandag\tmaandag\tPROPN\t_\t_\t2\tnsubj:outer\t_\t_\n\
5\tgedood\tgedood\tNOUN\t_\t_\t4\tparataxis\t_\t_\n\
6\tbij\tbij\tADP\t_\t_\t8\tcase\t_\t_\n\
7\teen\teen\tDET\t_\t_\t8\tdet\t_\t_\n\
8\taanval\taanval\tNOUN\t_\t_\t5\tnmod\t_\t_\n\
9\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let lemma = |form: &str| (form == "gedood").then(|| "doden".to_owned());
    let mut t = Tree::from_conllu(conllu);
    super::participle_read_as_a_noun(&mut t, lemma);
    assert_eq!(t.root(), Some(4));
    assert_eq!((t.upos(4), t.lemma(4)), ("VERB", "doden"));
    assert_eq!((t.head(1), t.rel(1)), (Some(4), "nsubj:pass"));
    assert_eq!((t.head(2), t.rel(2)), (Some(4), "aux:pass"));
    assert_eq!((t.head(3), t.rel(3)), (Some(4), "obl"), "the weekday dates the verb");
    assert_eq!(t.head(7), Some(4), "the phrase after it stays its own");
    // A noun the lemmatizer reads as no participle stays a noun.
    let mut t = Tree::from_conllu(conllu);
    super::participle_read_as_a_noun(&mut t, |_: &str| None);
    assert_eq!(t.root(), Some(1));
}

#[test]
fn a_clitic_and_present_participle_read_as_an_article_and_noun_are_a_clause() {
    // As the French model parses "Le Niger a expulsé l'envoyé, l'accusant d'ingérence".
    let conllu = "# text = Le Niger a expulsé l'envoyé, l'accusant d'ingérence.\n\
1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tNiger\tNiger\tPROPN\t_\t_\t4\tnsubj\t_\t_\n\
3\ta\tavoir\tAUX\t_\tVerbForm=Fin\t4\taux:tense\t_\t_\n\
4\texpulsé\texpulser\tVERB\t_\tTense=Past|VerbForm=Part\t0\troot\t_\t_\n\
5\tl'\tle\tDET\t_\t_\t6\tdet\t_\t_\n\
6\tenvoyé\tenvoyé\tNOUN\t_\t_\t4\tobj\t_\t_\n\
7\t,\t,\tPUNCT\t_\t_\t9\tpunct\t_\t_\n\
8\tl'\tle\tDET\t_\t_\t9\tdet\t_\t_\n\
9\taccusant\taccusant\tNOUN\t_\t_\t6\tappos\t_\t_\n\
10\td'\tde\tADP\t_\t_\t11\tcase\t_\t_\n\
11\tingérence\tingérence\tNOUN\t_\t_\t9\tnmod\t_\t_\n\
12\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";
    let lemma = |form: &str| (form == "accusant").then(|| "accuser".to_owned());
    let mut t = Tree::from_conllu(conllu);
    super::clitic_participle_read_as_a_noun(&mut t, lemma);
    assert_eq!((t.upos(8), t.lemma(8)), ("VERB", "accuser"));
    assert_eq!((t.head(8), t.rel(8)), (Some(3), "advcl"));
    assert_eq!((t.upos(7), t.head(7), t.rel(7)), ("PRON", Some(8), "obj"));
    // The article of a noun the lemmatizer reads as no participle stays one.
    let mut t = Tree::from_conllu(conllu);
    super::clitic_participle_read_as_a_noun(&mut t, |_: &str| None);
    assert_eq!((t.upos(7), t.rel(7)), ("DET", "det"));
}
