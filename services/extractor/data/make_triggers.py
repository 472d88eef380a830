#!/usr/bin/env python3
"""Builds services/extractor/data/triggers.json: PLOVER event triggers by lemma, per language.

Sources
  - The CAMEO verb dictionary of PETRARCH2 (`CAMEO.2.0.txt`, MIT, Copyright (c) 2014 Open Event
    Data; github.com/openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf), read
    from the shared data folder: English verbs, verb + particle phrases, and irregular verb forms.
  - `sources/triggers_hand.json` (written for this project, same shape as the output): English
    nouns, French and Dutch verbs and nouns, English verbs CAMEO lacks or codes badly, extra
    surface forms, and the CAMEO root and quad class of every (type, mode).

Usage (from the repository root; deterministic, Python 3 standard library only):
    python3 services/extractor/data/make_triggers.py [PATH/TO/CAMEO.2.0.txt] [-o OUT]
The default dictionary is ../shared/data/phoenix-dictionaries/CAMEO.2.0.txt beside the repository,
the default output services/extractor/data/triggers.json. A summary goes to stderr.

What it takes from CAMEO
  1. Verbs. A verb line `WORD {FORMS} [code]` in a `--- NAME [code] ---` block has its own code
     or the block's. Verbs of uncoded blocks (`[---]`) get the plurality code of the patterns whose
     comment names them, when at least two patterns agree and they are at least 40 % of them
     (REJECT: 36 of 45 patterns are 12x; DEPLOY: 7 of 14 are 15x).
  2. Phrases: multi-word verbs (`+CALL_OFF [160]`, `+PULL_OUT`) and patterns that are just the
     verb and one particle or preposition (`- * (FOR) [020] # CALL` -> "call for").
  3. Forms: the `{ }` forms of every kept English head verb that are not regular inflections.
  Dutch verb heads get their regular (weak) forms generated (dutch_weak_forms), French -er verb
  heads their imperfect, past historic, future and conditional (french_er_forms); the hand
  file's forms win over all.
  The CAMEO code is mapped to a PLOVER type and mode by CODE_MAP below (the CAMEO -> PLOVER
  correspondence of the PLOVER manual). CAMEO's synonym sets come from WordNet and are noisy
  (MUSE, CLAP, RAG, RING...), and many verbs are far too general to be a trigger alone (take, give,
  hold, fire, release...). So a CAMEO verb or phrase is kept only when it is listed in KEEP, the
  reviewed list: kept alone only when, in news, it nearly always reports that event; otherwise
  the hand file has it with its particle or object ("hold talk", "open fire", "sign agreement").
  KEEP can also retype a verb CAMEO codes badly for news (RALLY is 150 in CAMEO, a protest in
  news; EXPEL is 174, SANCTION expel in this project). Every KEEP key must be a CAMEO candidate.
  The hand file wins over CAMEO for a string both have.

Dutch separable verbs: the UD Dutch treebanks (and so our lemmatizer) write the lemma of a
separable verb joined with `_` ("aan_vallen" for aangevallen, aan te vallen, and often for the
split "viel ... aan"); when the lemmatizer gives the bare verb, the particle is a compound:prt
dependent. The hand file writes the joined lemma ("aan_vallen"); this script adds the split entry
("vallen aan": head "vallen" with a dependent "aan").
"""

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_CAMEO = REPO.parent / "shared" / "data" / "phoenix-dictionaries" / "CAMEO.2.0.txt"
HAND = HERE / "sources" / "triggers_hand.json"
OUT = HERE / "triggers.json"

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE", "DEMAND",
         "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT"]
LANGS = ["en", "fr", "nl"]
POS = ["verbs", "nouns"]

# CAMEO code prefix -> (PLOVER type, mode). The longest matching prefix wins; None drops it.
CODE_MAP = {
    "01": None,  # make public statement: statements are not events
    "02": ("DEMAND", "appeal"),
    # 03 express intent to cooperate: AGREE (promise), as the PLOVER manual's CAMEO2PLOVER table has
    # it; the intended event itself stays a planned mention of its own type.
    "03": ("AGREE", "promise"),
    "04": ("CONSULT", None), "041": ("CONSULT", "phone"), "042": ("CONSULT", "visit"),
    "043": ("CONSULT", "host"), "044": ("CONSULT", "meet"), "045": ("CONSULT", "mediate"),
    "046": ("CONSULT", "meet"),
    # 05 diplomatic cooperation: SUPPORT (praise, defend verbally, recognise, apologise, forgive), as
    # CAMEO2PLOVER has it; material cooperation (06) is COOPERATE; 057 signing stays AGREE.
    "05": ("SUPPORT", None), "057": ("AGREE", "sign-agreement"),
    "06": None, "061": ("COOPERATE", "economic"), "062": ("COOPERATE", "military"),
    "063": ("COOPERATE", "judicial"), "064": ("COOPERATE", "intelligence"),
    "07": ("AID", None), "071": ("AID", "economic"), "072": ("AID", "military"),
    "073": ("AID", "humanitarian"), "074": ("AID", "military"), "075": ("AID", "asylum"),
    # 08 yield: CONCEDE (releasing people and easing restrictions included, as the project's gold
    # events code them), except 087 de-escalate militarily: RETREAT.
    "08": ("CONCEDE", None), "081": ("CONCEDE", "ease"), "084": ("CONCEDE", "release"),
    "0841": ("CONCEDE", "release"), "0842": ("CONCEDE", "release"), "085": ("CONCEDE", "ease"),
    "087": ("RETREAT", "withdraw"), "0871": ("RETREAT", "ceasefire"), "0872": ("RETREAT", "withdraw"),
    "0873": ("RETREAT", "withdraw"), "0874": ("RETREAT", "withdraw"),
    "09": ("INVESTIGATE", None),
    "10": ("DEMAND", None),
    "11": ("DISAPPROVE", None), "111": ("DISAPPROVE", "criticize"), "112": ("DISAPPROVE", "accuse"),
    "12": ("REJECT", None),
    "13": ("THREATEN", None),
    "14": ("PROTEST", "demonstrate"), "142": ("PROTEST", "strike"), "143": ("PROTEST", "strike"),
    "145": ("PROTEST", "riot"),
    "15": ("MOBILIZE", "troops"), "151": ("MOBILIZE", "police"), "153": ("MOBILIZE", "police"),
    "16": ("SANCTION", "discontinue"), "161": ("SANCTION", "withdraw"), "162": ("SANCTION", "restrict"),
    "163": ("SANCTION", "restrict"), "166": ("SANCTION", "expel"),
    "17": ("COERCE", None), "171": ("COERCE", "seize"), "1712": ("COERCE", "destroy"),
    "172": ("COERCE", "ban"), "173": ("COERCE", "arrest"), "174": ("COERCE", "deport"),
    "175": ("COERCE", "repress"),
    "18": ("ASSAULT", None), "181": ("ASSAULT", "abduct"), "182": ("ASSAULT", "beat"),
    "1821": ("ASSAULT", "sexual"), "1822": ("ASSAULT", "torture"), "183": ("ASSAULT", "explosives"),
    "185": ("ASSAULT", "assassinate"), "186": ("ASSAULT", "assassinate"),
    "19": ("ASSAULT", "fight"), "193": ("ASSAULT", "firearms"), "195": ("ASSAULT", "aerial"),
    "20": ("ASSAULT", "massacre"),
}

# The reviewed CAMEO verbs and phrases that are kept: value None keeps CAMEO's type and mode,
# a (type, mode) pair retypes it. Anything not listed is dropped (too general, ambiguous in
# news, or a WordNet synonym nobody writes in news).
KEEP = {
    # 02 appeal
    "implore": None, "petition": None, "request": None, "ask for": None, "call for": None,
    "call on": None, "call upon": None, "lobby for": None,
    # 03 intent to cooperate (AGREE, promise)
    "accept": ("AGREE", None), "guarantee": None, "volunteer": None,
    # 04 consult
    "meet": ("CONSULT", "meet"), "meet with": ("CONSULT", "meet"), "confer": ("CONSULT", None),
    "consult": ("CONSULT", None), "convene": ("CONSULT", "meet"), "huddle with": ("CONSULT", "meet"),
    "negotiate": ("CONSULT", "meet"), "negotiate with": ("CONSULT", "meet"),
    "mediate": ("CONSULT", "mediate"), "visit": None, "host": None, "phone": None, "telephone": None,
    # 05 diplomatic cooperation, support, agreement
    "agree": ("AGREE", None), "ally": ("COOPERATE", None), "collaborate": ("COOPERATE", None),
    "cooperate": ("COOPERATE", None),
    "apologise": None, "apologize": None, "forgive": None,
    "support": ("SUPPORT", None), "back": ("SUPPORT", None), "endorse": None, "side with": ("SUPPORT", None),
    "stand by": None, "praise": None, "hail": None, "commend": None, "laud": None, "applaud": None,
    "congratulate": None, "salute": None, "welcome": None, "acclaim": None, "recognise": None,
    "recognize": None, "extol": ("SUPPORT", None), "compliment": ("SUPPORT", None),
    # 06 material cooperation
    "extradite": None, "invest": None, "purchase": None, "fund": ("AID", "economic"),
    "finance": ("AID", "economic"), "bankroll": ("AID", "economic"), "donate": ("AID", None), "lend": ("AID", "economic"),
    "loan": ("AID", "economic"),
    # 07 aid
    "airlift": None, "evacuate": ("AID", "humanitarian"), "rescue": None,
    # 08 yield
    "capitulate": None, "cede": None, "concede": None, "relinquish": None,
    # A leader giving up office: the PLOVER gold-standard records code it RETREAT.
    "resign": ("RETREAT", None), "step down": ("RETREAT", None), "back down": None, "give in": None, "comply": ("CONCEDE", None),
    "pardon": None, "ratify": ("AGREE", None), "surrender": ("RETREAT", "withdraw"),
    "withdraw": ("RETREAT", "withdraw"), "retreat": ("RETREAT", "withdraw"),
    "retreat from": ("RETREAT", "withdraw"), "pull out": ("RETREAT", "withdraw"),
    "pull back": ("RETREAT", "withdraw"), "draw back": ("RETREAT", "withdraw"),
    "disengage": ("RETREAT", "withdraw"), "disarm": ("RETREAT", "withdraw"),
    "free": ("CONCEDE", "release"), "set free": ("CONCEDE", "release"),
    "allow": ("CONCEDE", None), "permit": ("CONCEDE", None),
    # 09 investigate
    "investigate": None, "probe": None, "probe into": None, "inspect": None, "audit": None,
    "interrogate": None,
    # 10 demand
    "demand": None, "exhort": ("DEMAND", "appeal"), "order": None,
    # 11 disapprove
    "accuse": None, "blame": None, "fault": None, "allege": ("DISAPPROVE", "accuse"),
    "condemn": None, "criticize": None, "criticise": None, "denounce": None, "deplore": None,
    "decry": None, "censure": None, "castigate": None, "lambaste": None, "berate": None,
    "rebuke": None, "reprimand": None, "admonish": None, "chastise": None, "slam": ("DISAPPROVE", "criticize"),
    "lash out": None, "disapprove": None, "oppose": None, "complain": None, "regret": None,
    "sue": ("DISAPPROVE", None), "campaign against": None,
    # 12 reject
    "reject": None, "refuse": ("REJECT", None), "defy": None, "overrule": None, 
    "veto": ("REJECT", None), "rebuff": ("REJECT", None), "spurn": ("REJECT", None),
    "object": None, "vote down": None, "vote against": ("REJECT", None),
    # 13 threaten
    "threaten": None, "warn": None,
    # 14 protest
    "demonstrate": None, "march": None, "march against": None, "protest": None, "riot": None,
    "rally": ("PROTEST", "demonstrate"), "rally against": ("PROTEST", "demonstrate"),
    # 15 mobilize
    "deploy": None, "mobilise": None, "mobilize": None,
    "patrol": None, "call up": None, "muster": ("MOBILIZE", "troops"),
    # 16 reduce relations
    "call off": None, "cancel": ("SANCTION", "discontinue"), "scrap": ("SANCTION", "discontinue"),
    "rescind": None, "walk out": ("SANCTION", "discontinue"), "blacklist": ("SANCTION", "restrict"),
    "embargo": ("SANCTION", "restrict"), "expel": ("SANCTION", "expel"), "secede": ("SANCTION", "withdraw"),
    # 17 coerce
    "arrest": None, "apprehend": None, "detain": None, "imprison": None, "jail": None,
    "incarcerate": ("COERCE", "arrest"), "nab": ("COERCE", "arrest"),
    "re-arrest": None, "rearrest": None, "prosecute": None, "indict": None,
    "convict": ("COERCE", "arrest"), "sentence": ("COERCE", "arrest"),
    "seize": None, "confiscate": None, "annex": None, "nationalise": None, "nationalize": None,
    "commandeer": None, "ban": None, "prohibit": None, "outlaw": None, "forbid": None, "proscribe": None,
    "censor": None, "criminalise": None, "criminalize": None, "deport": None, "banish": None,
    "evict": None, "exile": None, "kick out": ("SANCTION", "expel"), "oust": ("COERCE", "coup"),
    "overthrow": ("COERCE", "coup"), "crack down": ("COERCE", "repress"), "repress": ("COERCE", "repress"),
    "suppress": ("COERCE", "repress"), "quell": ("COERCE", "repress"), "clamp down": ("COERCE", "repress"),
    "demolish": None, "steal": ("CRIME", None), "hijack": ("CRIME", None), "loot": ("CRIME", None),
    "pillage": ("CRIME", None), "plunder": ("CRIME", None), "ransack": ("CRIME", None),
    "vandalise": ("CRIME", None), "vandalize": ("CRIME", None),
    # 18 unconventional violence
    "abduct": None, "kidnap": None, "assassinate": None, "torture": None, "rape": None, "stab": None,
    "flog": ("ASSAULT", "beat"), "wound": ("ASSAULT", None), "terrorize": None,
    "explode": None, "detonate": ("ASSAULT", "explosives"), "blow up": ("ASSAULT", "explosives"),
    "dynamite": ("ASSAULT", "explosives"),
    # 19 fight
    "attack": None, "assault": None, "assail": None, "ambush": None, "raid": None, "storm": None,
    "strike": None, "fight": None, "battle": None, "battle with": None, "clash": None, "clash with": None,
    "skirmish": None, "wage war": None, "besiege": None, "invade": None, "overrun": None,
    "recapture": None, "raze": None, "torch": None, "pound": None, "retaliate": None, "repel": None,
    "repulse": None, "kill": None, "murder": None, "slay": None, "behead": None, "decapitate": None,
    "bombard": None, "shell": None, "bomb": ("ASSAULT", "aerial"), "shoot": ("ASSAULT", "firearms"),
    "gun down": ("ASSAULT", "firearms"), "snipe": ("ASSAULT", "firearms"), "shoot down": None,
    "fire at": None, "fire against": None,
    # 20 mass violence
    "massacre": None, "slaughter": None,
}

# '{ }' forms CAMEO lists that are no inflection of the verb (LAY lists LIE and LAIN, the forms of
# "to lie"): left out so that "lie" does not read as "lay".
NOT_FORMS = {"lie", "lain"}

VERSION = "1.8.51"
COMMENT = (
    'PLOVER event triggers by lemma, for the coder that reads the sahel-syntax dependency parse (UD: '
    'UPOS, lemma, head, deprel). Generated by make_triggers.py; edit sources/triggers_hand.json or the '
    'script, not this file. types: one entry per PLOVER type and mode, with its CAMEO root code and quad '
    'class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict), and '
    'per language (en, fr, nl) the verbs and nouns that report it. An entry string is lower-case lemmas '
    "separated by spaces: first the trigger head's lemma as our lemmatizer and the UD treebanks write it "
    '(English base form, French infinitive or singular noun, Dutch infinitive or singular noun; French '
    "reflexive se/s' is lemma soi; a Dutch separable verb appears twice, as the joined treebank lemma "
    'aan_vallen and as vallen aan), then lemmas that must be found, each on its own token, among the '
    "head's dependents or their dependents (two levels): particles, prepositions, the reflexive, a fixed "
    'object or subject (call for, take street, hold talk, open fire, rendre soi, trekken terug). Order '
    'after the head does not matter; no wildcards, but a word class: @country is the head of a '
    "country's name (leave @country: left Mali, not left a note), where the act is done; @people the head "
    "of a person's name or of a noun for people (execute @people: executed civilians, not executed a "
    "plan), whom it is done to; a word named beats a class. When several entries match at one "
    'token, the one with '
    'most dependents wins (strike deal over strike). Verbs are meant for VERB tokens and nouns for NOUN '
    'tokens; the tagger errs (withdrew as NOUN, talks as VERB), so a token may try the other list. forms: '
    'lower-cased surface forms our lemmatizer gets wrong, mapped to the lemma: accept a token when its '
    'lemma or forms[its lower-cased form] matches (this includes dependents); the coder also tells the '
    'tagger that a form here of a verb entry is a verb, which a sentence it left verbless then takes as '
    'its verb. Dutch forms include the regular present, past and participle of every single-word verb '
    '(demonstreerden), French forms the imperfect, past historic plural, future and conditional of every '
    'single-word -er verb (massacrait), generated. Sources: English verbs, '
    'verb + particle phrases and irregular forms from the CAMEO verb dictionary of PETRARCH2 '
    '(CAMEO.2.0.txt, MIT licence, Copyright (c) 2014 Open Event Data, github.com/openeventdata/petrarch2 '
    'commit 676801cd9cb2924bbbad09f86d15c9323e7097bf), mapped from CAMEO codes to PLOVER types and '
    'reviewed; everything else written for this project (sources/triggers_hand.json), forms checked '
    'against the parser. compounding: the languages that write a compound noun as one word '
    '(vredesakkoord, tegenaanval): a noun entry of five letters or more is also found as the end of a '
    'longer noun, after three letters at least, when the whole noun is no entry.'
)

PARTICLES = {"FOR", "ON", "UPON", "OFF", "OUT", "UP", "DOWN", "AWAY", "BACK", "IN", "INTO", "AGAINST", "WITH",
             "TO", "OVER", "AT", "FROM", "ABOUT", "THROUGH", "BY", "AROUND", "ACROSS", "ALONG", "APART",
             "ASIDE", "FORWARD"}


def die(msg):
    sys.exit(f"make_triggers: {msg}")


def map_code(code):
    """CAMEO code ('0841', '190') -> (type, mode) or None."""
    for n in range(len(code), 1, -1):
        if code[:n] in CODE_MAP:
            return CODE_MAP[code[:n]]
    return None


def first_code(text):
    """The first CAMEO code in a '[...]' field ('042:043' -> '042', ':110' -> '110'); None for '---'."""
    m = re.match(r"\s*:?(\d{2,4})", text)
    return m.group(1) if m else None


def read_cameo(path):
    """Blocks of the verb section: {'name', 'code', 'verbs': [(word, forms, code)], 'pats': [(tokens, code, verbs)]}."""
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("####### VERB PATTERNS"))
    except StopIteration:
        die(f"{path}: no VERB PATTERNS section")
    blocks, cur = [], None
    for raw in lines[start + 1:]:
        body, _, comment = raw.partition("#")
        s = body.strip()
        if not s or s.startswith("~"):
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", s)
        if m:
            cur = {"name": m.group(1), "code": first_code(m.group(2)), "verbs": [], "pats": []}
            blocks.append(cur)
            continue
        if cur is None:
            continue
        if s.startswith("-"):
            if "[" not in s:
                continue
            pat = s[1:s.index("[")]
            code = first_code(s[s.index("[") + 1:])
            toks = [t for t in re.sub(r"[()]", " ", pat).split() if t not in ("$", "+", "^")]
            names = [c.split()[0] for c in comment.split(",") if c.split()]
            cur["pats"].append((toks, code, names))
            continue
        forms = re.search(r"\{([^}]*)\}", s)
        cm = re.search(r"\[([^\]]*)\]", s)
        word = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", s).split()[0]
        code = (first_code(cm.group(1)) or "---") if cm else None
        cur["verbs"].append((word, forms.group(1).replace(",", " ").split() if forms else [], code))
    return blocks


DUTCH_VOWELS = set("aeiouy")
DUTCH_PREFIXES = ("be", "ge", "ver", "ont", "her", "er")


def dutch_weak_forms(inf):
    """The regular forms of a Dutch weak verb from its infinitive (demonstreren -> demonstreert,
    demonstreerde, demonstreerden, gedemonstreerd): the stem loses -en, a doubled consonant is
    single, the long vowel of an open syllable is written double, v and z are f and s; the past
    takes -te(n) after a voiceless consonant ('t kofschip) and -de(n) otherwise, the participle
    ge- unless an unstressed prefix stands first. A separable verb (neer_halen) gets its
    participle only (neergehaald); infinitives not in -en give none; a strong verb gets forms
    no one writes, which match nothing."""
    if "_" in inf:
        # A separable verb (neer_halen) writes its participle as one word, the particle
        # first (neergehaald); its other forms split and the parser joins them.
        particle, base = inf.split("_", 1)
        forms = dutch_weak_forms(base)
        return [particle + f for f in forms[3::4]] if particle.isalpha() else []
    if not inf.endswith("en") or len(inf) < 5 or not inf.isalpha():
        return []
    r = inf[:-2]
    last = r[-1]
    if last in DUTCH_VOWELS:
        return []
    if len(r) >= 2 and r[-2] == last:
        r = r[:-1]
    elif len(r) >= 3 and r[-2] in "aeou" and r[-3] not in DUTCH_VOWELS:
        # An e after another syllable may be a schwa, not doubled (leveren: levert, veroveren:
        # veroverd), or stressed and doubled (demonstreren: demonstreert); spelling does not
        # tell, so both are written (a form no one writes matches nothing).
        if r[-2] == "e" and any(c in DUTCH_VOWELS for c in r[:-3]):
            return dutch_weak_forms_of_stem(inf, r) + dutch_weak_forms_of_stem(inf, r[:-1] + r[-2] + last)
        r = r[:-1] + r[-2] + last
    return dutch_weak_forms_of_stem(inf, r)


def dutch_weak_forms_of_stem(inf, r):
    """The present, past, plural past and participle of weak verb `inf` from its written stem
    `r` (vowel already doubled where it is long)."""
    last = r[-1]
    voiceless = last in "tkfscpx" or r.endswith("ch")
    stem = r[:-1] + {"v": "f", "z": "s"}.get(r[-1], r[-1])
    past = stem + ("te" if voiceless else "de")
    present = stem if stem.endswith("t") else stem + "t"
    ending = "" if stem[-1] in "td" else ("t" if voiceless else "d")
    if inf.startswith(DUTCH_PREFIXES):
        participle = stem + ending
    else:
        # ge- before a vowel that would join it takes a diaeresis (geëist, geïnformeerd).
        joined = {"e": "ë", "i": "ï", "u": "ü"}.get(stem[0])
        participle = "ge" + (joined + stem[1:] if joined else stem) + ending
    return [present, past, past + "n", participle]


def french_er_forms(inf):
    """The imperfect (-ait, -aient), past historic plural (-èrent), future (-era, -eront) and
    conditional (-erait, -eraient) of a French -er verb (massacrer -> massacrait ...); c is ç
    and g is ge before a; no present participle, which is often a noun (dirigeant,
    manifestant). Other infinitives give none."""
    if not inf.endswith("er") or len(inf) < 4 or not inf.isalpha() or inf == "aller":
        return []
    r = inf[:-2]
    before_a = r[:-1] + "ç" if r.endswith("c") else (r + "e" if r.endswith("g") else r)
    return [before_a + "ait", before_a + "aient", r + "èrent", inf + "a", inf + "ont", inf + "ait", inf + "aient"]


def regular_forms(v):
    """Regular English inflections of verb v (over-generating is fine: they only filter forms)."""
    out = {v, v + "s", v + "es", v + "ed", v + "d", v + "ing"}
    if v.endswith("e"):
        out |= {v[:-1] + "ing", v[:-1] + "ed"}
    if v.endswith("y"):
        out |= {v[:-1] + "ies", v[:-1] + "ied"}
    if len(v) > 2 and v[-1] not in "aeiouwxy":
        out |= {v + v[-1] + "ed", v + v[-1] + "ing"}
    if v.endswith("ie"):
        out.add(v[:-2] + "ying")
    return out


def cameo_candidates(blocks):
    """{entry string: (code, why)} for CAMEO verbs and phrases, and {form: verb} of '{ }' forms."""
    # forms index: surface word -> base verb (for comments naming a past form, and for 'forms')
    form_of = {}
    for b in blocks:
        for word, forms, _ in b["verbs"]:
            if word.startswith("+"):
                base = word[1:].split("_")[0].lower()
                for f in forms:
                    w = f.lstrip("+").split("_")[0].lower()
                    if w and w != base:
                        form_of.setdefault(w, set()).add(base)
            else:
                for f in forms:
                    if f.lower() != word.lower():
                        form_of.setdefault(f.lower(), set()).add(word.lower())
    # pattern codes per verb named in a comment
    pat_codes = defaultdict(Counter)
    for b in blocks:
        names = {w for w, _, _ in b["verbs"]}
        for _, code, vs in b["pats"]:
            if code:
                for v in vs:
                    if v in names:
                        pat_codes[v][code] += 1
    cand = {}

    def add(key, code, why):
        if key not in cand:
            cand[key] = (code, why)

    for b in blocks:
        for word, _, own in b["verbs"]:
            code = own if own is not None else b["code"]
            if code == "---":
                code = None
            why = "verb" if code else None
            if code is None and not word.startswith("+") and pat_codes[word]:
                roots = Counter()
                for c, n in pat_codes[word].items():
                    roots[c[:2]] += n
                (top, n), total = roots.most_common(1)[0], sum(roots.values())
                tied = [r for r, k in roots.items() if k == n]
                if n >= 2 and n / total >= 0.4 and len(tied) == 1:
                    codes = sorted((-k, c) for c, k in pat_codes[word].items() if c[:2] == top)
                    code, why = codes[0][1], f"patterns {n}/{total}"
            if not code:
                continue
            if word.startswith("+"):
                parts = word[1:].lower().split("_")
                if "and" in parts or "or" in parts or len(parts) < 2 or parts[0] in ("is", "re"):
                    continue
                add(" ".join(parts), code, "phrase")
            elif re.fullmatch(r"[A-Z][A-Z-]*", word):
                add(word.lower(), code, why)
        for toks, code, vs in b["pats"]:
            if not code or len(toks) != 2 or toks[0] != "*" or toks[1] not in PARTICLES:
                continue
            for v in vs:
                if "_" in v:
                    continue
                base = v.lower()
                if base in form_of and len(form_of[base]) == 1:
                    base = next(iter(form_of[base]))
                add(f"{base} {toks[1].lower()}", code, "particle pattern")
    return cand, form_of


def load_hand():
    try:
        hand = json.loads(HAND.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        die(f"{HAND}: {e}")
    return hand


def check_string(s, where):
    if s != s.lower() or s != s.strip() or "  " in s or not s:
        die(f"{where}: '{s}' must be lower-case words separated by one space")
    if any(c in s for c in "*~=") :
        die(f"{where}: '{s}' has a wildcard character")


def split_separable(s):
    """'aan_vallen zich' -> 'vallen aan zich' (Dutch separable verb written by its parts)."""
    head, *deps = s.split(" ")
    if "_" not in head:
        return None
    *prts, verb = head.split("_")
    return " ".join([verb] + prts + deps)


def main(argv):
    args = list(argv)
    out = OUT
    if "-o" in args:
        i = args.index("-o")
        out = Path(args[i + 1])
        del args[i:i + 2]
    cameo_path = Path(args[0]) if args else DEFAULT_CAMEO
    if not cameo_path.is_file():
        die(f"no CAMEO dictionary at {cameo_path} (pass its path)")
    blocks = read_cameo(cameo_path)
    cand, form_of = cameo_candidates(blocks)
    hand = load_hand()

    # (type, mode) table from the hand file, in the order of TYPES then the hand file's order
    index = {}
    for e in hand["types"]:
        key = (e["type"], e["mode"])
        if e["type"] not in TYPES or key in index:
            die(f"hand file: unknown or repeated (type, mode) {key}")
        if not (isinstance(e["cameo_root"], str) and re.fullmatch(r"\d\d", e["cameo_root"])
                and e["quad_class"] in (1, 2, 3, 4)):
            die(f"hand file: {key}: bad cameo_root or quad_class")
        index[key] = e
    for t in TYPES:
        if not any(k[0] == t for k in index):
            die(f"hand file: no entry for {t}")
    position = {(e["type"], e["mode"]): i for i, e in enumerate(hand["types"])}
    order = sorted(index, key=lambda k: (TYPES.index(k[0]), position[k]))

    # every (lang, pos, string) -> (type, mode); the hand file first
    owner = {}
    for key in order:
        e = index[key]
        for lang in LANGS:
            for pos in POS:
                for s in e.get(lang, {}).get(pos, []):
                    check_string(s, f"hand {key} {lang}.{pos}")
                    strings = [s]
                    if lang == "nl" and pos == "verbs":
                        sp = split_separable(s)
                        if sp:
                            strings.append(sp)
                    for x in strings:
                        prev = owner.get((lang, pos, x))
                        if prev and prev != key:
                            die(f"hand file: {lang}.{pos} '{x}' is in {prev} and {key}")
                        owner[(lang, pos, x)] = key

    # CAMEO, reviewed
    unknown = sorted(k for k in KEEP if k not in cand)
    if unknown:
        die(f"KEEP lists strings that are no CAMEO candidates: {unknown}")
    stats = Counter()
    for s in sorted(cand):
        code, why = cand[s]
        mapped = map_code(code)
        if s not in KEEP:
            stats["dropped (not in KEEP)" if mapped else "dropped (statement/intent or no code)"] += 1
            continue
        target = KEEP[s] or mapped
        if target is None:
            die(f"KEEP '{s}': CAMEO code {code} maps to no type; give a type")
        if target not in index:
            die(f"KEEP '{s}' -> {target}: no such (type, mode) in the hand file")
        prev = owner.get(("en", "verbs", s))
        if prev:
            stats["kept, already in hand file" if prev == target else "kept, hand file retypes"] += 1
            continue
        owner[("en", "verbs", s)] = target
        stats["kept, retyped" if KEEP[s] else "kept as CAMEO codes it"] += 1

    # forms: CAMEO irregular forms of English head verbs, then the hand file's (which win)
    heads = defaultdict(set)
    for (lang, pos, s) in owner:
        heads[lang].add(s.split(" ")[0])
    forms = {lang: {} for lang in LANGS}
    for f in sorted(form_of):
        bases = sorted(b for b in form_of[f] if b in heads["en"])
        if len(bases) != 1 or f in heads["en"] or f in NOT_FORMS or not re.fullmatch(r"[a-z]+", f):
            continue
        if f in regular_forms(bases[0]):
            continue
        forms["en"][f] = bases[0]
    # Dutch: the regular (weak) past, present and participle of every single-word verb head,
    # which the tagger, reading an unseen ending, takes for a noun ("demonstreerden").
    nl_verb_heads = sorted({s.split(" ")[0] for (l, p, s) in owner if l == "nl" and p == "verbs"})
    for v in nl_verb_heads:
        for f in dutch_weak_forms(v):
            if f != v and f not in heads["nl"]:
                forms["nl"].setdefault(f, v)
    # French: the imperfect, past historic plural, future and conditional of every single-word
    # -er verb head, whose endings the lemmatizer strips wrongly ("massacrait" -> massacr,
    # "livrait" -> livoir).
    fr_verb_heads = sorted({s.split(" ")[0] for (l, p, s) in owner if l == "fr" and p == "verbs"})
    for v in fr_verb_heads:
        for f in french_er_forms(v):
            if f != v and f not in heads["fr"]:
                forms["fr"].setdefault(f, v)
    for lang in LANGS:
        for f, lemma in sorted(hand.get("forms", {}).get(lang, {}).items()):
            check_string(f, f"hand forms {lang}")
            check_string(lemma, f"hand forms {lang}")
            forms[lang][f] = lemma
    for lang in LANGS:
        for f, lemma in forms[lang].items():
            if lemma not in heads[lang] and not any(lemma in s.split(" ") for (l, _, s) in owner if l == lang):
                stats[f"{lang} forms to a lemma no entry uses (kept)"] += 1

    # assemble
    result = []
    for key in order:
        e = index[key]
        item = {"type": key[0], "mode": key[1], "cameo_root": e["cameo_root"], "quad_class": e["quad_class"]}
        for lang in LANGS:
            item[lang] = {pos: sorted(s for (l, p, s), k in owner.items() if l == lang and p == pos and k == key)
                          for pos in POS}
        result.append(item)
    doc = {"version": VERSION, "comment": COMMENT, "compounding": sorted(hand.get("compounding", [])),
           "types": result, "forms": {lang: dict(sorted(forms[lang].items())) for lang in LANGS}}
    text = dump(doc)
    out.write_text(text, encoding="utf-8")

    for k, v in sorted(stats.items()):
        print(f"{k}: {v}", file=sys.stderr)
    for lang in LANGS:
        nv = sum(len(x[lang]["verbs"]) for x in result)
        nn = sum(len(x[lang]["nouns"]) for x in result)
        print(f"{lang}: {nv} verb entries, {nn} noun entries, {len(forms[lang])} forms", file=sys.stderr)
    print(f"wrote {out}", file=sys.stderr)


def dump(doc):
    """JSON with one line per short list, long lists wrapped; stable bytes."""
    def js(x):
        return json.dumps(x, ensure_ascii=False)

    def wrap(items, indent, width=110):
        lines, cur = [], ""
        for it in items:
            piece = it + ", "
            if cur and len(indent) + len(cur) + len(piece) > width:
                lines.append(cur.rstrip())
                cur = ""
            cur += piece
        if cur:
            lines.append(cur.rstrip().rstrip(","))
        return lines

    def lst(xs, indent):
        if not xs:
            return "[]"
        parts = wrap([js(x) for x in xs], indent + "  ")
        if len(parts) == 1 and len(indent) + len(parts[0]) < 100:
            return "[" + parts[0] + "]"
        return "[\n" + "\n".join(indent + "  " + p for p in parts) + "\n" + indent + "]"

    out = ["{", f'  "version": {js(doc["version"])},', f'  "comment": {js(doc["comment"])},',
           f'  "compounding": {js(doc["compounding"])},', '  "types": [']
    for i, e in enumerate(doc["types"]):
        out.append(f'    {{"type": {js(e["type"])}, "mode": {js(e["mode"])}, "cameo_root": {js(e["cameo_root"])}, '
                   f'"quad_class": {e["quad_class"]},')
        for j, lang in enumerate(LANGS):
            ind = "      "
            out.append(f'{ind}{js(lang)}: {{')
            out.append(f'{ind}  "verbs": {lst(e[lang]["verbs"], ind + "  ")},')
            out.append(f'{ind}  "nouns": {lst(e[lang]["nouns"], ind + "  ")}')
            out.append(ind + "}" + ("," if j < len(LANGS) - 1 else ""))
        out.append("    }" + ("," if i < len(doc["types"]) - 1 else ""))
    out.append("  ],")
    out.append('  "forms": {')
    for j, lang in enumerate(LANGS):
        pairs = [f"{js(k)}: {js(v)}" for k, v in doc["forms"][lang].items()]
        body = wrap(pairs, "      ")
        sep = "," if j < len(LANGS) - 1 else ""
        if not body:
            out.append(f'    {js(lang)}: {{}}{sep}')
        else:
            out.append(f'    {js(lang)}: {{')
            out.extend("      " + p for p in body)
            out.append("    }" + sep)
    out.append("  }")
    out.append("}")
    text = "\n".join(out) + "\n"
    json.loads(text)  # must stay valid JSON
    return text


if __name__ == "__main__":
    main(sys.argv[1:])
