//! The word lists the tokenizer's rules read: abbreviations, sentence openers, prefixes,
//! clitics and elisions per language, written from the treebanks' training part.

/// English abbreviations written with their period (the lists are space-separated words).
pub(super) const EN_ABBREV: &str =
    "Mr Mrs Ms Messrs Dr Drs Prof Gen Col Lt Sgt Capt Maj Cmdr Adm Gov Sen Rep Rev Hon Pres St \
    Sts Mt Ft Jr Sr Inc Corp Ltd Co Bros Pvt Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu \
    Thurs Fri Sat Sun etc ect vs viz approx dept Dept fig Fig Vol vol pp Ave Blvd Rd Ste ca cf al Univ Assn ext PS \
    Ala Ariz Ark Calif Colo Conn Fla Ga Ill Kan Ky Md Mass Mich Minn Mo Neb Nev Okla Ore Pa Tenn Tex Va Vt Wis Wyo Ont";
/// French abbreviations written with their period.
pub(super) const FR_ABBREV: &str =
    "M MM Mme Mmes Mlle Mlles Dr Pr Me Mgr St Ste etc cf ex av apr p pp t vol Vol éd env art chap \
    fig hab Cie bd boul tél Mr coll dir trad op cit ibid sq vs Jr janv févr oct nov déc";
/// Dutch abbreviations written with their period.
pub(super) const NL_ABBREV: &str =
    "mr dr drs ir ing prof mgr ds dhr mevr mw St blz bijv bv ca cf enz etc evt excl incl jl jr sr \
    kg km max min nr resp vnl vgl vs zgn zg ong art afd mm v p jan feb mrt apr jun jul aug sept okt nov dec Chr rk sp \
    mln mld mrd";
/// Abbreviations after which a sentence may end before any capital (`… and so on, etc. The`).
pub(super) const FINAL_ABBREV: &str = "etc. enz.";
/// Capitalized words that open sentences and are hardly ever names: after an abbreviation they
/// show that its period also ended the sentence.
pub(super) const OPENERS: &str =
    "The He She It They We I But This That These There His Her Its Their Our And If When After \
    While Il Elle Ils Elles On Je Nous Mais Ce Cette Ces Son Sa Ses Les Une Dans Pour Selon Het Een Hij Zij Ze Maar \
    Dit Dat Deze Er Ik Wij Volgens Ook";
/// English prefixes that keep their hyphen in EWT (`e-mail`, `co-founder`); other hyphens split.
pub(super) const EN_PREFIXES: &str =
    "e pre post non anti co counter vice mid over ex re un multi semi pro inter intra sub super \
    ultra neo pseudo quasi trans cross";
/// Suffixes that stay on a number (ordinals, decades, multiples).
pub(super) const NUM_SUFFIXES: &str = "st nd rd th s x e er re ère ème eme de ste";
/// Words written with a leading apostrophe, in English (`'em`) and in Dutch (`'t`, `'s avonds`).
pub(super) const EN_APOS_WORDS: &str = "em cause til n s m re ve ll d tis twas";
pub(super) const NL_APOS_WORDS: &str = "t s n k r m em ns";
/// French elided words, cut after their apostrophe.
pub(super) const FR_ELISIONS: &str = "l d j qu n s c m t jusqu lorsqu puisqu quoiqu presqu ç";
/// French clitic pronouns split off an inverted verb (`dit-il`, `allez-vous-en`), and `-ci`/`-là`.
pub(super) const FR_CLITICS: &str = "il ils elle elles on je tu nous vous ce moi toi lui le la les y en leur eux ci là";
/// French words that look like an inversion or an elision and stay whole.
pub(super) const FR_WHOLE: &str =
    "rendez-vous jusque-là c'est-à-dire l'on celui-ci celle-ci ceux-ci celles-ci celui-là \
    celle-là ceux-là celles-là";
/// Emoticons kept as one token (and `+/-`).
pub(super) const EMOTICONS: &str = ":-) :-( :-D :-P ;-) :) :( :D :P :p ;) ;D :o :O =) (: ^^ :/ +/-";
