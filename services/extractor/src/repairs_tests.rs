//! Tests of the parse repairs ([`super`]), each on a hand-written CoNLL-U fixture.

use super::*;

#[test]
fn a_finite_verb_hung_on_a_root_noun_is_the_clauses_verb() {
    let conllu = "# text = Franse militairen verlieten Niger eind 2023.\n\
1\tFranse\tFrans\tADJ\t_\t_\t2\tamod\t_\t_\n\
2\tmilitairen\tmilitair\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
3\tverlieten\tverlaten\tVERB\t_\tNumber=Plur|Tense=Past|VerbForm=Fin\t2\tnmod\t_\t_\n\
4\tNiger\tNiger\tPROPN\t_\t_\t3\tobj\t_\t_\n\
5\teind\teind\tNOUN\t_\t_\t3\tobl\t_\t_\n\
6\t2023\t2023\tNUM\t_\t_\t5\tnummod\t_\t_\n\
7\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(2), None, "{}", t.sentence().tokens[2].deprel);
    assert_eq!((t.head(1), t.rel(1)), (Some(2), "nsubj"));
    assert_eq!(t.head(0), Some(1), "the adjective stays with its noun");
    assert_eq!(t.head(6), Some(2), "the final stop goes to the verb");
    // A root noun with a participle after it ("Thousands of protesters gathered") keeps it.
    let conllu = "# text = Nieuwe aanval op het leger.\n\
1\tNieuwe\tnieuw\tADJ\t_\t_\t2\tamod\t_\t_\n\
2\taanval\taanval\tNOUN\t_\t_\t0\troot\t_\t_\n\
3\top\top\tADP\t_\t_\t5\tcase\t_\t_\n\
4\thet\thet\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tleger\tleger\tNOUN\t_\t_\t2\tnmod\t_\t_\n\
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(1), None, "a verbless headline keeps its noun root");
}

#[test]
fn a_marked_infinitive_hung_on_a_number_belongs_to_the_verb_above_it() {
    // As the English model parses it: "4" the object, "release" a clause of the number.
    let conllu = "# text = The government agreed on Tuesday March 4 to release the prisoners.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tgovernment\tgovernment\tNOUN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
3\tagreed\tagree\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
4\ton\ton\tADP\t_\t_\t6\tcase\t_\t_\n\
5\tTuesday\tTuesday\tPROPN\t_\t_\t6\tcompound\t_\t_\n\
6\tMarch\tMarch\tPROPN\t_\t_\t7\tnmod:unmarked\t_\t_\n\
7\t4\t4\tNUM\t_\t_\t3\tobj\t_\t_\n\
8\tto\tto\tPART\t_\t_\t9\tmark\t_\t_\n\
9\trelease\trelease\tVERB\t_\tVerbForm=Inf\t7\tacl\t_\t_\n\
10\tthe\tthe\tDET\t_\t_\t11\tdet\t_\t_\n\
11\tprisoners\tprisoner\tNOUN\t_\tNumber=Plur\t9\tobj\t_\t_\n\
12\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(8), t.rel(8)), (Some(2), "xcomp"), "the verb's complement");
    // Of a participle, what the act is for.
    let conllu = "# text = The force was created in 2017 to fight armed groups.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tforce\tforce\tNOUN\t_\tNumber=Sing\t4\tnsubj:pass\t_\t_\n\
3\twas\tbe\tAUX\t_\tVerbForm=Fin\t4\taux:pass\t_\t_\n\
4\tcreated\tcreate\tVERB\t_\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n\
5\tin\tin\tADP\t_\t_\t6\tcase\t_\t_\n\
6\t2017\t2017\tNUM\t_\t_\t4\tobl\t_\t_\n\
7\tto\tto\tPART\t_\t_\t8\tmark\t_\t_\n\
8\tfight\tfight\tVERB\t_\tVerbForm=Inf\t6\tacl\t_\t_\n\
9\tarmed\tarm\tVERB\t_\tVerbForm=Part\t10\tamod\t_\t_\n\
10\tgroups\tgroup\tNOUN\t_\tNumber=Plur\t8\tobj\t_\t_\n\
11\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(7), t.rel(7)), (Some(3), "advcl"));
    // A number with no verb above it keeps its clause.
    let conllu = "# text = 2017 to fight.\n\
1\t2017\t2017\tNUM\t_\t_\t0\troot\t_\t_\n\
2\tto\tto\tPART\t_\t_\t3\tmark\t_\t_\n\
3\tfight\tfight\tVERB\t_\tVerbForm=Inf\t1\tacl\t_\t_\n\
4\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(2), t.rel(2)), (Some(0), "acl"));
    // A bare weekday takes no clause either, and a participle with the auxiliary of its
    // tense is the clause's verb, which the infinitive completes.
    let conllu = "# text = Le Tchad et le Togo ont convenu lundi de rouvrir la frontière.\n\
1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tTchad\tTchad\tPROPN\t_\t_\t7\tnsubj\t_\t_\n\
3\tet\tet\tCCONJ\t_\t_\t5\tcc\t_\t_\n\
4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tTogo\tTogo\tPROPN\t_\t_\t2\tconj\t_\t_\n\
6\tont\tavoir\tAUX\t_\tVerbForm=Fin\t7\taux:tense\t_\t_\n\
7\tconvenu\tconvenir\tVERB\t_\tTense=Past|VerbForm=Part\t0\troot\t_\t_\n\
8\tlundi\tlundi\tNOUN\t_\t_\t7\tobl:mod\t_\t_\n\
9\tde\tde\tADP\t_\t_\t10\tmark\t_\t_\n\
10\trouvrir\trouvrir\tVERB\t_\tVerbForm=Inf\t8\tacl\t_\t_\n\
11\tla\tle\tDET\t_\t_\t12\tdet\t_\t_\n\
12\tfrontière\tfrontière\tNOUN\t_\t_\t10\tobj\t_\t_\n\
13\t.\t.\tPUNCT\t_\t_\t7\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(9), t.rel(9)), (Some(6), "xcomp"));
}

#[test]
fn a_finite_verb_under_a_participle_root_is_the_clauses_verb() {
    let conllu = "# text = The regime following the coup, denounced the accord.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tregime\tregime\tNOUN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
3\tfollowing\tfollow\tVERB\t_\tTense=Pres|VerbForm=Part\t0\troot\t_\t_\n\
4\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tcoup\tcoup\tNOUN\t_\tNumber=Sing\t3\tobj\t_\t_\n\
6\t,\t,\tPUNCT\t_\t_\t7\tpunct\t_\t_\n\
7\tdenounced\tdenounce\tVERB\t_\tTense=Past|VerbForm=Fin\t3\tadvcl\t_\t_\n\
8\tthe\tthe\tDET\t_\t_\t9\tdet\t_\t_\n\
9\taccord\taccord\tNOUN\t_\tNumber=Sing\t7\tobj\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(6), None, "the finite verb is the root");
    assert_eq!((t.head(1), t.rel(1)), (Some(6), "nsubj"));
    assert_eq!(
        (t.head(2), t.rel(2)),
        (Some(1), "acl"),
        "the participle modifies the subject"
    );
    assert_eq!(t.head(4), Some(2), "the participle keeps its object");
    assert_eq!(t.head(9), Some(6), "the final stop goes to the verb");
    // A conjunct shares the participle root's subject: a mistagged finite verb stays.
    let conllu = conllu.replace("\t3\tadvcl\t", "\t3\tconj\t");
    let t = Tree::from_conllu(&conllu);
    assert_eq!(t.head(2), None);
}

#[test]
fn the_first_of_two_subjects_belongs_to_the_reported_clause_between_them() {
    let conllu = "# text = Hundreds of farmers marched in Tahoua, officials said.\n\
1\tHundreds\thundred\tNOUN\t_\tNumber=Plur\t9\tnsubj\t_\t_\n\
2\tof\tof\tADP\t_\t_\t3\tcase\t_\t_\n\
3\tfarmers\tfarmer\tNOUN\t_\tNumber=Plur\t1\tnmod\t_\t_\n\
4\tmarched\tmarch\tVERB\t_\tTense=Past|VerbForm=Part\t9\tccomp\t_\t_\n\
5\tin\tin\tADP\t_\t_\t6\tcase\t_\t_\n\
6\tTahoua\tTahoua\tPROPN\t_\t_\t4\tobl\t_\t_\n\
7\t,\t,\tPUNCT\t_\t_\t8\tpunct\t_\t_\n\
8\tofficials\tofficial\tNOUN\t_\tNumber=Plur\t9\tnsubj\t_\t_\n\
9\tsaid\tsay\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t9\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(0), t.rel(0)), (Some(3), "nsubj"));
    assert_eq!(t.head(7), Some(8), "the speaker stays");
    // One subject only: nothing moves.
    let one = conllu.replace("\t9\tnsubj\t_\t_\n2", "\t9\tobl\t_\t_\n2");
    let t = Tree::from_conllu(&one);
    assert_eq!(t.head(0), Some(8));
}

#[test]
fn a_tensed_conjunct_joined_to_a_modifier_joins_the_main_clause() {
    let conllu = "# text = The minister was charged by the court for his alleged role and will resign.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tminister\tminister\tNOUN\t_\tNumber=Sing\t4\tnsubj:pass\t_\t_\n\
3\twas\tbe\tAUX\t_\tVerbForm=Fin\t4\taux:pass\t_\t_\n\
4\tcharged\tcharge\tVERB\t_\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n\
5\tby\tby\tADP\t_\t_\t7\tcase\t_\t_\n\
6\tthe\tthe\tDET\t_\t_\t7\tdet\t_\t_\n\
7\tcourt\tcourt\tNOUN\t_\tNumber=Sing\t4\tobl:agent\t_\t_\n\
8\tfor\tfor\tADP\t_\t_\t10\tmark\t_\t_\n\
9\this\the\tPRON\t_\t_\t11\tnmod:poss\t_\t_\n\
10\talleged\tallege\tVERB\t_\tTense=Past|VerbForm=Part\t7\tacl\t_\t_\n\
11\trole\trole\tNOUN\t_\tNumber=Sing\t10\tobj\t_\t_\n\
12\tand\tand\tCCONJ\t_\t_\t14\tcc\t_\t_\n\
13\twill\twill\tAUX\t_\tVerbForm=Fin\t14\taux\t_\t_\n\
14\tresign\tresign\tVERB\t_\tVerbForm=Inf\t10\tconj\t_\t_\n\
15\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(13), t.rel(13)), (Some(3), "conj"));
    // Without an auxiliary of its own it may be the modifier's conjunct: it stays.
    let bare = conllu.replace(
        "13\twill\twill\tAUX\t_\tVerbForm=Fin\t14\taux",
        "13\twill\twill\tADV\t_\t_\t14\tadvmod",
    );
    let t = Tree::from_conllu(&bare);
    assert_eq!(t.head(13), Some(9));
}

#[test]
fn a_subject_after_its_verb_that_disagrees_changes_places_with_one_that_agrees() {
    let conllu = "# text = Franse soldaten verlieten Mali.\n\
1\tFranse\tFrans\tADJ\t_\t_\t2\tamod\t_\t_\n\
2\tsoldaten\tsoldaat\tNOUN\t_\tNumber=Plur\t3\tobl\t_\t_\n\
3\tverlieten\tverlaten\tVERB\t_\tNumber=Plur|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
4\tMali\tMali\tPROPN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
5\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.rel(1), t.rel(3)), ("nsubj", "obj"));
    // A subject that agrees stays.
    let t = Tree::from_conllu(&conllu.replace("Number=Sing\t3\tnsubj", "Number=Plur\t3\tnsubj"));
    assert_eq!((t.rel(1), t.rel(3)), ("obl", "nsubj"));
}

#[test]
fn of_two_subjects_of_one_verb_the_later_is_its_object() {
    let conllu = "# text = De premier beschuldigde Frankrijk van steun.\n\
1\tDe\tde\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tpremier\tpremier\tNOUN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
3\tbeschuldigde\tbeschuldigen\tVERB\t_\tNumber=Sing|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
4\tFrankrijk\tFrankrijk\tPROPN\t_\tNumber=Sing\t3\tnsubj\t_\t_\n\
5\tvan\tvan\tADP\t_\t_\t6\tcase\t_\t_\n\
6\tsteun\tsteun\tNOUN\t_\t_\t3\tobl:arg\t_\t_\n\
7\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.rel(1), t.rel(3)), ("nsubj", "obj"));
    // A verb with an object already keeps its two subjects as parsed.
    let t = Tree::from_conllu(&conllu.replace("6\tcase", "6\tdet").replace("3\tobl:arg", "3\tobj"));
    assert_eq!(t.rel(3), "nsubj");
}

#[test]
fn an_adjective_root_before_the_subjects_adjective_is_its_conjunct() {
    let conllu = "# text = Het Malinese en het Marokkaanse leger hielden een oefening.\n\
1\tHet\thet\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tMalinese\tMalinees\tADJ\t_\t_\t0\troot\t_\t_\n\
3\ten\ten\tCCONJ\t_\t_\t7\tcc\t_\t_\n\
4\thet\thet\tDET\t_\t_\t6\tdet\t_\t_\n\
5\tMarokkaanse\tMarokkaans\tADJ\t_\t_\t6\tamod\t_\t_\n\
6\tleger\tleger\tNOUN\t_\t_\t7\tnsubj\t_\t_\n\
7\thielden\thouden\tVERB\t_\tVerbForm=Fin\t2\tconj\t_\t_\n\
8\teen\teen\tDET\t_\t_\t9\tdet\t_\t_\n\
9\toefening\toefening\tNOUN\t_\t_\t7\tobj\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.root(), Some(6));
    assert_eq!((t.head(1), t.rel(1)), (Some(4), "conj"));
    assert_eq!((t.head(2), t.rel(2)), (Some(4), "cc"));
    assert_eq!(t.head(9), Some(6), "the final stop goes to the verb");
}

#[test]
fn a_subject_hung_on_an_auxiliary_is_its_verbs() {
    let conllu = "# text = Rusland en Niger hebben een overeenkomst gesloten.\n\
1\tRusland\tRusland\tPROPN\t_\t_\t4\tnsubj\t_\t_\n\
2\ten\ten\tCCONJ\t_\t_\t3\tcc\t_\t_\n\
3\tNiger\tNiger\tPROPN\t_\t_\t1\tconj\t_\t_\n\
4\thebben\thebben\tVERB\t_\tVerbForm=Fin\t7\taux\t_\t_\n\
5\teen\teen\tDET\t_\t_\t6\tdet\t_\t_\n\
6\tovereenkomst\tovereenkomst\tNOUN\t_\t_\t7\tobj\t_\t_\n\
7\tgesloten\tsluiten\tVERB\t_\tVerbForm=Part\t0\troot\t_\t_\n\
8\t.\t.\tPUNCT\t_\t_\t7\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(0), t.rel(0)), (Some(6), "nsubj"));
}

#[test]
fn a_marked_infinitive_right_after_a_verb_without_a_complement_completes_it() {
    let conllu = "# text = Parijs weigerde eerst te vertrekken, maar dat werd onmogelijk.\n\
1\tParijs\tParijs\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
2\tweigerde\tweigeren\tVERB\t_\tNumber=Sing|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
3\teerst\teerst\tADV\t_\t_\t5\tadvmod\t_\t_\n\
4\tte\tte\tADP\t_\t_\t5\tmark\t_\t_\n\
5\tvertrekken\tvertrekken\tVERB\t_\tVerbForm=Inf\t10\tadvcl\t_\t_\n\
6\t,\t,\tPUNCT\t_\t_\t7\tpunct\t_\t_\n\
7\tmaar\tmaar\tCCONJ\t_\t_\t10\tcc\t_\t_\n\
8\tdat\tdat\tPRON\t_\t_\t10\tnsubj\t_\t_\n\
9\twerd\tworden\tAUX\t_\tVerbForm=Fin\t10\tcop\t_\t_\n\
10\tonmogelijk\tonmogelijk\tADJ\t_\t_\t2\tconj\t_\t_\n\
11\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(4), t.rel(4)), (Some(1), "xcomp"));
    // A verb with a complement of its own keeps it.
    let t = Tree::from_conllu(&conllu.replace(
        "1\tParijs\tParijs\tPROPN\t_\t_\t2\tnsubj",
        "1\tParijs\tParijs\tPROPN\t_\t_\t2\tobj",
    ));
    assert_eq!(t.head(4), Some(9));
}

#[test]
fn a_possessor_made_the_head_of_its_noun_is_its_possessive() {
    let conllu = "# text = Before the Malian delegation's visit, talks stalled.\n\
1\tBefore\tbefore\tADP\t_\t_\t4\tcase\t_\t_\n\
2\tthe\tthe\tDET\t_\t_\t4\tdet\t_\t_\n\
3\tMalian\tMalian\tADJ\t_\t_\t4\tamod\t_\t_\n\
4\tdelegation\tdelegation\tNOUN\t_\tNumber=Sing\t9\tobl\t_\t_\n\
5\t's\t's\tPART\t_\t_\t4\tcase\t_\t_\n\
6\tvisit\tvisit\tNOUN\t_\tNumber=Sing\t4\tacl\t_\t_\n\
7\t,\t,\tPUNCT\t_\t_\t9\tpunct\t_\t_\n\
8\ttalks\ttalk\tNOUN\t_\tNumber=Plur\t9\tnsubj\t_\t_\n\
9\tstalled\tstall\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t9\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(5), t.rel(5)), (Some(8), "obl"));
    assert_eq!((t.head(3), t.rel(3)), (Some(5), "nmod:poss"));
}

#[test]
fn a_determined_noun_phrase_hung_on_a_dates_number_is_the_verbs_object() {
    let conllu = "# text = Bamako announced on May 2 its decision to leave.\n\
1\tBamako\tBamako\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
2\tannounced\tannounce\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
3\ton\ton\tADP\t_\t_\t5\tcase\t_\t_\n\
4\tMay\tMay\tPROPN\t_\t_\t5\tnmod:unmarked\t_\t_\n\
5\t2\t2\tNUM\t_\t_\t2\tobl\t_\t_\n\
6\tits\tits\tPRON\t_\t_\t7\tnmod:poss\t_\t_\n\
7\tdecision\tdecision\tNOUN\t_\tNumber=Sing\t5\tnmod:unmarked\t_\t_\n\
8\tto\tto\tPART\t_\t_\t9\tmark\t_\t_\n\
9\tleave\tleave\tVERB\t_\tVerbForm=Inf\t7\tacl\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(6), t.rel(6)), (Some(1), "obj"));
    assert_eq!(t.head(8), Some(6), "the infinitive stays with its noun");
}

#[test]
fn a_participle_with_an_object_below_a_root_noun_is_the_clauses_verb() {
    let conllu = "# text = British aircraft using missiles killed 4 Iraqis in Basra.\n\
1\tBritish\tBritish\tADJ\t_\t_\t2\tamod\t_\t_\n\
2\taircraft\taircraft\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
3\tusing\tuse\tVERB\t_\tTense=Pres|VerbForm=Part\t2\tacl\t_\t_\n\
4\tmissiles\tmissile\tNOUN\t_\tNumber=Plur\t3\tobj\t_\t_\n\
5\tkilled\tkill\tVERB\t_\tTense=Past|VerbForm=Part|Voice=Pass\t4\tacl\t_\t_\n\
6\t4\t4\tNUM\t_\t_\t5\tobj\t_\t_\n\
7\tIraqis\tIraqi\tPROPN\t_\tNumber=Plur\t6\tnmod\t_\t_\n\
8\tin\tin\tADP\t_\t_\t9\tcase\t_\t_\n\
9\tBasra\tBasra\tPROPN\t_\t_\t5\tobl\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.root(), Some(4));
    assert_eq!((t.head(1), t.rel(1)), (Some(4), "nsubj"));
    assert_eq!(t.head(9), Some(4), "the final stop goes with the verb");
    // Without an object the participle says what was done to the missiles: nothing moves.
    let passive = conllu.replace("\t5\tobj\t_\t_\n7", "\t5\tobl\t_\t_\n7");
    assert_eq!(Tree::from_conllu(&passive).root(), Some(1));
}

#[test]
fn a_participle_with_an_object_below_a_reported_noun_is_that_clauses_verb() {
    let conllu = "# text = The junta released ten prisoners, a spokesman said.\n\
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n\
2\tjunta\tjunta\tNOUN\t_\tNumber=Sing\t9\tccomp\t_\t_\n\
3\treleased\trelease\tVERB\t_\tTense=Past|VerbForm=Part|Voice=Pass\t2\tacl\t_\t_\n\
4\tten\tten\tNUM\t_\t_\t5\tnummod\t_\t_\n\
5\tprisoners\tprisoner\tNOUN\t_\tNumber=Plur\t3\tobj\t_\t_\n\
6\t,\t,\tPUNCT\t_\t_\t9\tpunct\t_\t_\n\
7\ta\ta\tDET\t_\t_\t8\tdet\t_\t_\n\
8\tspokesman\tspokesman\tNOUN\t_\tNumber=Sing\t9\tnsubj\t_\t_\n\
9\tsaid\tsay\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t9\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(
        (t.head(2), t.rel(2)),
        (Some(8), "ccomp"),
        "the verb takes the noun's place"
    );
    assert_eq!((t.head(1), t.rel(1)), (Some(2), "nsubj"));
    assert_eq!(t.root(), Some(8), "the verb of saying stays the root");
}

#[test]
fn a_passive_subject_beside_an_object_without_a_passive_auxiliary_is_the_subject() {
    let conllu = "# text = Hebben jihadisten twintig burgers gedood?\n\
1\tHebben\thebben\tAUX\t_\tVerbForm=Fin\t5\taux\t_\t_\n\
2\tjihadisten\tjihadist\tNOUN\t_\tNumber=Plur\t5\tnsubj:pass\t_\t_\n\
3\ttwintig\ttwintig\tNUM\t_\t_\t4\tnummod\t_\t_\n\
4\tburgers\tburger\tNOUN\t_\tNumber=Plur\t5\tobj\t_\t_\n\
5\tgedood\tdoden\tVERB\t_\tVerbForm=Part\t0\troot\t_\t_\n\
6\t?\t?\tPUNCT\t_\t_\t5\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(1), t.rel(1)), (Some(4), "nsubj"));
    // With a passive auxiliary the label stands ("werd een maand gegeven").
    let passive = conllu.replace("aux\t_", "aux:pass\t_");
    assert_eq!(Tree::from_conllu(&passive).rel(1), "nsubj:pass");
}

#[test]
fn a_subject_read_as_the_apposition_of_an_oblique_name_is_the_subject() {
    let conllu = "# text = Zaterdag gingen in Niamey duizenden mensen de straat op.\n\
1\tZaterdag\tzaterdag\tPROPN\t_\t_\t2\tobl\t_\t_\n\
2\tgingen\tgaan\tVERB\t_\tNumber=Plur|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
3\tin\tin\tADP\t_\t_\t4\tcase\t_\t_\n\
4\tNiamey\tNiamey\tPROPN\t_\t_\t2\tobl\t_\t_\n\
5\tduizenden\tduizend\tNUM\t_\t_\t4\tappos\t_\t_\n\
6\tmensen\tmens\tNOUN\t_\tNumber=Plur\t5\tnmod\t_\t_\n\
7\tde\tde\tDET\t_\t_\t8\tdet\t_\t_\n\
8\tstraat\tstraat\tNOUN\t_\t_\t2\tobj\t_\t_\n\
9\top\top\tADP\t_\t_\t2\tcompound:prt\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(4), t.rel(4)), (Some(1), "nsubj"));
    // A verb with a subject of its own keeps the apposition where it is.
    let with_subject = conllu.replace("\t2\tobl\t_\t_\n2", "\t2\tnsubj\t_\t_\n2");
    assert_eq!(Tree::from_conllu(&with_subject).rel(4), "appos");
}

#[test]
fn a_phrase_set_off_after_a_fronted_one_is_the_subject() {
    let conllu = "# text = With the signing, the government and the rebels have agreed.\n\
1\tWith\twith\tSCONJ\t_\t_\t10\tmark\t_\t_\n\
2\tthe\tthe\tDET\t_\t_\t3\tdet\t_\t_\n\
3\tsigning\tsigning\tNOUN\t_\tNumber=Sing\t10\tnsubj:pass\t_\t_\n\
4\t,\t,\tPUNCT\t_\t_\t6\tpunct\t_\t_\n\
5\tthe\tthe\tDET\t_\t_\t6\tdet\t_\t_\n\
6\tgovernment\tgovernment\tNOUN\t_\tNumber=Sing\t3\tappos\t_\t_\n\
7\tand\tand\tCCONJ\t_\t_\t8\tcc\t_\t_\n\
8\trebels\trebel\tNOUN\t_\tNumber=Plur\t6\tconj\t_\t_\n\
9\thave\thave\tAUX\t_\tVerbForm=Fin\t10\taux\t_\t_\n\
10\tagreed\tagree\tVERB\t_\tTense=Past|VerbForm=Part\t0\troot\t_\t_\n\
11\t.\t.\tPUNCT\t_\t_\t10\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(5), t.rel(5)), (Some(9), "nsubj"));
    assert_eq!((t.head(2), t.rel(2)), (Some(9), "obl"));
    assert_eq!((t.head(0), t.rel(0)), (Some(2), "case"));
    // Without the marker the apposition stays ("The deal, a first, was signed").
    let plain = conllu.replace(
        "1\tWith\twith\tSCONJ\t_\t_\t10\tmark",
        "1\tWith\twith\tADV\t_\t_\t10\tadvmod",
    );
    assert_eq!(Tree::from_conllu(&plain).head(5), Some(2));
}

#[test]
fn a_name_before_an_opening_colon_is_a_label_not_a_participant() {
    let conllu = "# text = Niger : nouvelle attaque à Ouallam\n\
1\tNiger\tNiger\tPROPN\t_\t_\t4\tnsubj\t_\t_\n\
2\t:\t:\tPUNCT\t_\t_\t4\tpunct\t_\t_\n\
3\tnouvelle\tnouveau\tADJ\t_\t_\t4\tamod\t_\t_\n\
4\tattaque\tattaque\tNOUN\t_\t_\t0\troot\t_\t_\n\
5\tà\tà\tADP\t_\t_\t6\tcase\t_\t_\n\
6\tOuallam\tOuallam\tPROPN\t_\t_\t4\tnmod\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(0), t.rel(0)), (Some(3), "dep"));
    // A subject followed later by a colon is still the subject ("Niger said: ...").
    let said = "# text = Niger a dit : non\n\
1\tNiger\tNiger\tPROPN\t_\t_\t3\tnsubj\t_\t_\n\
2\ta\tavoir\tAUX\t_\t_\t3\taux\t_\t_\n\
3\tdit\tdire\tVERB\t_\t_\t0\troot\t_\t_\n\
4\t:\t:\tPUNCT\t_\t_\t5\tpunct\t_\t_\n\
5\tnon\tnon\tADV\t_\t_\t3\tccomp\t_\t_\n";
    assert_eq!(Tree::from_conllu(said).rel(0), "nsubj");
}

#[test]
fn a_label_made_the_root_gives_way_to_the_story() {
    let conllu = "# text = Niger : nouvelle attaque à Ouallam\n\
1\tNiger\tNiger\tPROPN\t_\t_\t0\troot\t_\t_\n\
2\t:\t:\tPUNCT\t_\t_\t4\tpunct\t_\t_\n\
3\tnouvelle\tnouveau\tADJ\t_\t_\t4\tamod\t_\t_\n\
4\tattaque\tattaquer\tVERB\t_\tVerbForm=Fin\t1\tparataxis\t_\t_\n\
5\tà\tà\tADP\t_\t_\t6\tcase\t_\t_\n\
6\tOuallam\tOuallam\tPROPN\t_\t_\t4\tobl\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.root(), Some(3));
    assert_eq!(
        (t.head(0), t.rel(0)),
        (Some(3), "dep"),
        "not made the verb's subject after all"
    );
}

#[test]
fn a_dated_of_phrase_after_a_noun_dates_that_noun() {
    let conllu = "# text = It suspended aid after the coup of September 2022.\n\
1\tIt\tit\tPRON\t_\t_\t2\tnsubj\t_\t_\n\
2\tsuspended\tsuspend\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_\n\
3\taid\taid\tNOUN\t_\t_\t2\tobj\t_\t_\n\
4\tafter\tafter\tADP\t_\t_\t6\tcase\t_\t_\n\
5\tthe\tthe\tDET\t_\t_\t6\tdet\t_\t_\n\
6\tcoup\tcoup\tNOUN\t_\t_\t2\tobl\t_\t_\n\
7\tof\tof\tADP\t_\t_\t8\tcase\t_\t_\n\
8\tSeptember\tSeptember\tPROPN\t_\t_\t9\tnmod\t_\t_\n\
9\t2022\t2022\tNUM\t_\t_\t2\tobl:unmarked\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(8), t.rel(8)), (Some(5), "nmod"));
    // "in September 2022" is the verb's.
    let own = conllu.replace("7\tof\tof", "7\tin\tin");
    assert_eq!(Tree::from_conllu(&own).head(8), Some(1));
}

#[test]
fn the_phrases_between_a_reported_clause_and_its_speaker_are_the_clauses() {
    // As the English model parses it: "villagers" and "Dori" hung on "said".
    let conllu = "# text = Gunmen killed five villagers near Dori on Sunday, a local official said.\n\
1\tGunmen\tGunmen\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
2\tkilled\tkill\tVERB\t_\tTense=Past|VerbForm=Fin\t13\tccomp\t_\t_\n\
3\tfive\tfive\tNUM\t_\t_\t4\tnummod\t_\t_\n\
4\tvillagers\tvillager\tNOUN\t_\tNumber=Plur\t13\tccomp\t_\t_\n\
5\tnear\tnear\tADV\t_\t_\t6\tadvmod\t_\t_\n\
6\tDori\tDori\tPROPN\t_\t_\t13\tccomp\t_\t_\n\
7\ton\ton\tADP\t_\t_\t8\tcase\t_\t_\n\
8\tSunday\tSunday\tPROPN\t_\t_\t6\tnmod\t_\t_\n\
9\t,\t,\tPUNCT\t_\t_\t12\tpunct\t_\t_\n\
10\ta\ta\tDET\t_\t_\t12\tdet\t_\t_\n\
11\tlocal\tlocal\tADJ\t_\t_\t12\tamod\t_\t_\n\
12\tofficial\tofficial\tNOUN\t_\t_\t13\tnsubj\t_\t_\n\
13\tsaid\tsay\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
14\t.\t.\tPUNCT\t_\t_\t13\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(
        (t.head(3), t.rel(3)),
        (Some(1), "obj"),
        "the bare noun is the clause's object"
    );
    assert_eq!(
        (t.head(5), t.rel(5)),
        (Some(1), "obl"),
        "the place after an adverb an oblique"
    );
    assert_eq!((t.head(11), t.rel(11)), (Some(12), "nsubj"), "the speaker stays");
    // A passive subject of the verb of saying before the clause is the clause's subject.
    let conllu = "# text = Soldiers killed 20 militants, officials said.\n\
1\tSoldiers\tsoldier\tNOUN\t_\tNumber=Plur\t7\tnsubj:pass\t_\t_\n\
2\tkilled\tkill\tVERB\t_\tTense=Past|VerbForm=Fin\t7\tccomp\t_\t_\n\
3\t20\t20\tNUM\t_\t_\t4\tnummod\t_\t_\n\
4\tmilitants\tmilitant\tNOUN\t_\tNumber=Plur\t7\tccomp\t_\t_\n\
5\t,\t,\tPUNCT\t_\t_\t6\tpunct\t_\t_\n\
6\tofficials\tofficial\tNOUN\t_\tNumber=Plur\t7\tnsubj\t_\t_\n\
7\tsaid\tsay\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
8\t.\t.\tPUNCT\t_\t_\t7\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(0), t.rel(0)), (Some(1), "nsubj"));
    assert_eq!((t.head(3), t.rel(3)), (Some(1), "obj"));
}

#[test]
fn the_phrases_before_an_inserted_speaker_are_the_reported_clauses() {
    // As the French model parses it: "près de Dori dimanche" hung on "indiqué".
    let conllu = "# text = Des hommes armés ont tué cinq villageois près de Dori dimanche, a indiqué un responsable.\n\
1\tDes\tun\tDET\t_\t_\t2\tdet\t_\t_\n\
2\thommes\thomme\tNOUN\t_\t_\t5\tnsubj\t_\t_\n\
3\tarmés\tarmer\tVERB\t_\t_\t2\tacl\t_\t_\n\
4\tont\tavoir\tAUX\t_\t_\t5\taux:tense\t_\t_\n\
5\ttué\ttuer\tVERB\t_\tVerbForm=Part\t0\troot\t_\t_\n\
6\tcinq\tcinq\tNUM\t_\t_\t7\tnummod\t_\t_\n\
7\tvillageois\tvillageois\tNOUN\t_\t_\t5\tobj\t_\t_\n\
8\tprès\tprès\tADV\t_\t_\t14\tadvmod\t_\t_\n\
9\tde\tde\tADP\t_\t_\t10\tcase\t_\t_\n\
10\tDori\tDori\tPROPN\t_\t_\t8\tobl:arg\t_\t_\n\
11\tdimanche\tdimanche\tNOUN\t_\t_\t8\tobl:arg\t_\t_\n\
12\t,\t,\tPUNCT\t_\t_\t8\tpunct\t_\t_\n\
13\ta\tavoir\tAUX\t_\t_\t14\taux:tense\t_\t_\n\
14\tindiqué\tindiquer\tVERB\t_\tVerbForm=Part\t5\tparataxis:insert\t_\t_\n\
15\tun\tun\tDET\t_\t_\t16\tdet\t_\t_\n\
16\tresponsable\tresponsable\tNOUN\t_\t_\t14\tobj\t_\t_\n\
17\t.\t.\tPUNCT\t_\t_\t5\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(
        (t.head(7), t.rel(7)),
        (Some(4), "advmod"),
        "the place phrase joins the killing"
    );
    assert_eq!(t.head(15), Some(13), "the speaker stays with the verb of saying");
}

#[test]
fn a_name_with_an_apposition_and_its_participle_is_the_subject_of_the_verb_after_them() {
    // The shape the English model gives: the name the root, the participle (tagged finite) its
    // parataxis with the apposition as subject, the clause's verb below the participle.
    let conllu = "# text = Ahmed Sow, the minister dismissed in May, is still being questioned.\n\
1\tAhmed\tAhmed\tPROPN\t_\tNumber=Sing\t0\troot\t_\t_\n\
2\tSow\tSow\tPROPN\t_\tNumber=Sing\t1\tflat\t_\t_\n\
3\t,\t,\tPUNCT\t_\t_\t6\tpunct\t_\t_\n\
4\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tminister\tminister\tNOUN\t_\tNumber=Sing\t6\tnsubj\t_\t_\n\
6\tdismissed\tdismiss\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t1\tparataxis\t_\t_\n\
7\tin\tin\tADP\t_\t_\t8\tcase\t_\t_\n\
8\tMay\tMay\tPROPN\t_\t_\t6\tobl\t_\t_\n\
9\t,\t,\tPUNCT\t_\t_\t13\tpunct\t_\t_\n\
10\tis\tbe\tAUX\t_\tVerbForm=Fin\t13\taux:pass\t_\t_\n\
11\tstill\tstill\tADV\t_\t_\t13\tadvmod\t_\t_\n\
12\tbeing\tbe\tAUX\t_\tVerbForm=Part\t13\taux:pass\t_\t_\n\
13\tquestioned\tquestion\tVERB\t_\tTense=Past|VerbForm=Part|Voice=Pass\t6\tadvcl\t_\t_\n\
14\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(12), None, "the clause's verb is the root");
    assert_eq!((t.head(0), t.rel(0)), (Some(12), "nsubj:pass"));
    assert_eq!((t.head(4), t.rel(4)), (Some(0), "appos"));
    assert_eq!((t.head(5), t.rel(5)), (Some(4), "acl"));
    assert_eq!(t.head(13), Some(12), "the final stop goes to the verb");
}

#[test]
fn the_phrase_after_an_opening_participle_is_the_subject_of_the_verb_after_it() {
    // As the English model parses it: "Speaking" the root, "Tiani" an apposition of "Monday",
    // "accused" a parataxis.
    let conllu = "# text = Speaking in Niamey on Monday, General Tiani accused France.\n\
1\tSpeaking\tspeak\tVERB\t_\tTense=Pres|VerbForm=Part\t0\troot\t_\t_\n\
2\tin\tin\tADP\t_\t_\t3\tcase\t_\t_\n\
3\tNiamey\tNiamey\tPROPN\t_\tNumber=Sing\t1\tobl\t_\t_\n\
4\ton\ton\tADP\t_\t_\t5\tcase\t_\t_\n\
5\tMonday\tMonday\tPROPN\t_\tNumber=Sing\t1\tobl\t_\t_\n\
6\t,\t,\tPUNCT\t_\t_\t8\tpunct\t_\t_\n\
7\tGeneral\tgeneral\tADJ\t_\t_\t8\tamod\t_\t_\n\
8\tTiani\tTiani\tPROPN\t_\tNumber=Sing\t5\tappos\t_\t_\n\
9\taccused\taccuse\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t1\tparataxis\t_\t_\n\
10\tFrance\tFrance\tPROPN\t_\tNumber=Sing\t9\tobj\t_\t_\n\
11\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(8), None, "the finite verb is the root");
    assert_eq!((t.head(7), t.rel(7)), (Some(8), "nsubj"));
    assert_eq!((t.head(0), t.rel(0)), (Some(8), "advcl"));
    assert_eq!(t.head(10), Some(8), "the final stop goes to the verb");
    // Without a comma, an opening gerund is the verb's subject.
    let conllu = "# text = Fighting between rebels left ten soldiers dead.\n\
1\tFighting\tfight\tVERB\t_\tVerbForm=Ger\t0\troot\t_\t_\n\
2\tbetween\tbetween\tADP\t_\t_\t3\tcase\t_\t_\n\
3\trebels\trebel\tNOUN\t_\tNumber=Plur\t1\tobl\t_\t_\n\
4\tleft\tleave\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t1\tadvcl\t_\t_\n\
5\tten\tten\tNUM\t_\t_\t6\tnummod\t_\t_\n\
6\tsoldiers\tsoldier\tNOUN\t_\tNumber=Plur\t4\tobj\t_\t_\n\
7\tdead\tdead\tADJ\t_\t_\t4\txcomp\t_\t_\n\
8\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(3), None);
    assert_eq!((t.head(0), t.rel(0)), (Some(3), "csubj"));
    // A participle with a subject of its own before the verb keeps the parse's other repairs.
    let conllu = "# text = Backed by France, the army attacked.\n\
1\tBacked\tback\tVERB\t_\tTense=Past|VerbForm=Part\t0\troot\t_\t_\n\
2\tby\tby\tADP\t_\t_\t3\tcase\t_\t_\n\
3\tFrance\tFrance\tPROPN\t_\t_\t1\tobl:agent\t_\t_\n\
4\t,\t,\tPUNCT\t_\t_\t7\tpunct\t_\t_\n\
5\tthe\tthe\tDET\t_\t_\t6\tdet\t_\t_\n\
6\tarmy\tarmy\tNOUN\t_\tNumber=Sing\t7\tnsubj\t_\t_\n\
7\tattacked\tattack\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t1\tparataxis\t_\t_\n\
8\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(6), None);
    assert_eq!((t.head(5), t.rel(5)), (Some(6), "nsubj"));
    assert_eq!((t.head(0), t.rel(0)), (Some(6), "advcl"));
}

#[test]
fn a_bare_name_oblique_of_a_verb_without_a_subject_is_its_subject() {
    // As the Dutch model parses "… nu Frankrijk is vertrokken".
    let conllu = "# text = Nu Frankrijk is vertrokken.\n\
1\tNu\tnu\tADV\t_\t_\t4\tadvmod\t_\t_\n\
2\tFrankrijk\tFrankrijk\tPROPN\t_\t_\t4\tobl\t_\t_\n\
3\tis\tzijn\tAUX\t_\t_\t4\taux\t_\t_\n\
4\tvertrokken\tvertrekken\tVERB\t_\tVerbForm=Part\t0\troot\t_\t_\n\
5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!((t.head(1), t.rel(1)), (Some(3), "nsubj"));
    // A weekday written with a capital stays a date.
    let conllu = "# text = Maandag vertrokken de troepen.\n\
1\tMaandag\tmaandag\tPROPN\t_\t_\t2\tobl\t_\t_\n\
2\tvertrokken\tvertrekken\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_\n\
3\tde\tde\tDET\t_\t_\t4\tdet\t_\t_\n\
4\ttroepen\ttroep\tNOUN\t_\t_\t2\tobj\t_\t_\n\
5\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.rel(0), "obl");
}

#[test]
fn a_verb_conjoined_to_its_first_subject_has_both_as_its_subject() {
    // As the English model parsed it: "soldiers" the root, "killed" its conjunct with "allies"
    // its own subject.
    let conllu = "# text = Malian soldiers and their Russian allies killed 20 herders.\n\
1\tMalian\tMalian\tADJ\t_\t_\t2\tamod\t_\t_\n\
2\tsoldiers\tsoldier\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
3\tand\tand\tCCONJ\t_\t_\t7\tcc\t_\t_\n\
4\ttheir\ttheir\tPRON\t_\t_\t6\tnmod:poss\t_\t_\n\
5\tRussian\tRussian\tADJ\t_\t_\t6\tamod\t_\t_\n\
6\tallies\tally\tNOUN\t_\tNumber=Plur\t7\tnsubj\t_\t_\n\
7\tkilled\tkill\tVERB\t_\tTense=Past|VerbForm=Fin\t2\tconj\t_\t_\n\
8\t20\t20\tNUM\t_\t_\t9\tnummod\t_\t_\n\
9\therders\therder\tNOUN\t_\tNumber=Plur\t7\tobj\t_\t_\n\
10\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(6), None, "the verb is the root");
    assert_eq!((t.head(1), t.rel(1)), (Some(6), "nsubj"));
    assert_eq!((t.head(5), t.rel(5)), (Some(1), "conj"));
    assert_eq!((t.head(2), t.rel(2)), (Some(5), "cc"));
    assert_eq!(t.head(9), Some(6), "the final stop goes to the verb");
    // A verb conjoined to a verbless headline after a comma keeps it: its subject does not
    // open right after the conjunction.
    let conllu = "# text = Clashes in Gao, and the army says it won.\n\
1\tClashes\tclash\tNOUN\t_\tNumber=Plur\t0\troot\t_\t_\n\
2\tin\tin\tADP\t_\t_\t3\tcase\t_\t_\n\
3\tGao\tGao\tPROPN\t_\t_\t1\tnmod\t_\t_\n\
4\t,\t,\tPUNCT\t_\t_\t8\tpunct\t_\t_\n\
5\tand\tand\tCCONJ\t_\t_\t8\tcc\t_\t_\n\
6\tthe\tthe\tDET\t_\t_\t7\tdet\t_\t_\n\
7\tarmy\tarmy\tNOUN\t_\t_\t8\tnsubj\t_\t_\n\
8\tsays\tsay\tVERB\t_\tTense=Pres|VerbForm=Fin\t1\tconj\t_\t_\n\
9\tit\tit\tPRON\t_\t_\t10\tnsubj\t_\t_\n\
10\twon\twin\tVERB\t_\tTense=Past|VerbForm=Fin\t8\tccomp\t_\t_\n\
11\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n";
    let t = Tree::from_conllu(conllu);
    assert_eq!(t.head(0), None, "the headline keeps its noun root");
}
