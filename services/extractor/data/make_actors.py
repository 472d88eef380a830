#!/usr/bin/env python3
"""Builds services/extractor/data/actors.json: the hand-written actors plus derived breadth.

Sources (see services/extractor/data/README.md for the licences):
  - sources/actors_hand.json: written by hand (the Sahel and the world of today). It wins over
    everything derived: same country code, same organisation or person name, same pattern.
  - Phoenix / PETRARCH2 coding dictionaries (MIT, Copyright (c) 2014 Open Event Data, commit
    676801cd9cb2924bbbad09f86d15c9323e7097bf), read from ../shared/data/phoenix-dictionaries
    (or $PHOENIX_DIR): English country synonyms and adjectives, CAMEO codes, organisations,
    armed groups, agent nouns, people with dated roles.
  - Unicode CLDR (Unicode licence), read from the Debian package unicode-cldr-core
    (/usr/share/unicode/cldr/common, or $CLDR_DIR): ISO 3166-1 codes and the English, French and
    Dutch names of every country and territory.
  - gazetteer.json beside this file (GeoNames, CC BY 4.0): the capital of each country.
  - The tables at the end of this file, written for this project: French and Dutch adjectives
    and demonyms, extra names, the ambiguity rules, the organisations kept and their French
    and Dutch names, the new sector groups.

Usage:
    apt-get install -y unicode-cldr-core
    python3 services/extractor/data/make_actors.py

The output is deterministic (sorted, no time stamps): running it twice gives the same bytes.
"""

import calendar
import datetime
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
HAND = HERE / "sources" / "actors_hand.json"
OUT = HERE / "actors.json"
GAZETTEER = HERE / "gazetteer.json"
PHOENIX = Path(os.environ.get("PHOENIX_DIR", REPO.parent / "shared" / "data" / "phoenix-dictionaries"))
CLDR = Path(os.environ.get("CLDR_DIR", "/usr/share/unicode/cldr/common"))
VERSION = "0.3.27"
CLDR_SOURCE = "CLDR 41 (Debian package unicode-cldr-core 41-0.1)"
LANGS = ("en", "fr", "nl")
KINDS = ("any",) + LANGS

# People: a role must end on or after this day (or be open-ended) for the person to be kept.
PEOPLE_CUTOFF = datetime.date(1995, 1, 1)
PEOPLE_MAX = 7800

# ---------------------------------------------------------------------------------------------
# Text and patterns

ELISIONS = {"l", "d", "qu", "n", "s", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu"}


def tokens(s):
    """The words of a pattern as services/extractor/src/nlp.rs cuts them (lower-case)."""
    out = []
    chars = s.replace("\u2019", "'").replace("\u2018", "'")
    i, n = 0, len(chars)
    while i < n:
        c = chars[i]
        if c.isalnum():
            st = i
            while i < n:
                ch = chars[i]
                if ch.isalnum():
                    i += 1
                    continue
                nxt = i + 1 < n and chars[i + 1].isalnum()
                if ch == "'" and nxt:
                    if chars[st:i].lower() in ELISIONS:
                        i += 1
                        break
                    if chars[i + 1] in "sS" and (i + 2 >= n or not chars[i + 2].isalnum()):
                        break
                    i += 1
                elif (ch == "-" and nxt) or (ch in ".," and nxt and chars[i - 1].isdigit() and chars[i + 1].isdigit()):
                    i += 1
                else:
                    break
            out.append(chars[st:i].lower())
        elif c == "'" and i + 1 < n and chars[i + 1] in "sS" and i > 0 and chars[i - 1].isalnum() and (
            i + 2 >= n or not chars[i + 2].isalnum()
        ):
            out.append("'s")
            i += 2
        elif c in ",;:":
            out.append(c)
            i += 1
        else:
            i += 1
    return out


def clean(s):
    """Lower-case, straight apostrophes, no zero-width characters, single spaces."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Cf")
    return " ".join(s.lower().split())


def fold(s):
    """Without accents (ASCII letters where possible)."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def key(p):
    """Identity of a pattern: its words and which must be capitals."""
    out = []
    for raw in p.split():
        caps = raw.startswith("=")
        body = raw[1:] if caps else raw
        for t in tokens(body):
            out.append(("=" if caps else "") + t)
    return tuple(out)


def valid(p):
    """A pattern the loader accepts and that can match: lower-case, words, no clause marks."""
    if not p or p != p.strip() or "  " in p:
        return False
    if p != p.lower():
        return False
    for raw in p.split():
        body = raw[1:] if raw.startswith("=") else raw
        if body.endswith("*"):
            stem = body[:-1]
            if len([c for c in stem if c.isalpha()]) < 3:
                return False
        ts = tokens(body.rstrip("*"))
        if not ts or any(t in ",;:" for t in ts):
            return False
    return True


def uniq(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def phoenix_phrase(s):
    """`BENJAMIN_NETANYAHU_` -> `benjamin netanyahu`; None for phrases a pattern cannot hold."""
    s = s.strip().strip("_").replace("_", " ")
    s = re.sub(r"\s+", " ", s).strip()
    if not s or any(c in s for c in "()[]{}/+!,;:&\""):
        return None
    if re.search(r"\d", s):
        return None
    s = clean(s)
    # Dotted abbreviations: "u.n. security council" -> "u n security council".
    s = re.sub(r"\b((?:[a-z]\.){2,})", lambda m: " ".join(m.group(1).replace(".", " ").split()) + " ", s)
    s = s.replace(".", " ")
    s = " ".join(s.split())
    if not s or not tokens(s):
        return None
    return s


def title_name(phrase):
    """A display name from a lower-case Phoenix phrase: `bashar al-assad` -> `Bashar al-Assad`."""
    small = {"de", "da", "di", "do", "dos", "das", "du", "del", "della", "van", "von", "der", "den", "bin", "ibn",
             "al", "el", "le", "la", "y", "e", "ben", "ter", "ould", "of", "the", "for", "and", "in", "on", "at", "to",
             "a", "an", "des", "et", "s"}
    phrase = re.sub(r"\s*-{2,}\s*", " - ", phrase)
    phrase = re.sub(r"^u s ", "us ", phrase)
    acronyms = {"us", "un", "eu", "uk", "usa"}
    words = phrase.split()
    out = []
    for i, w in enumerate(words):
        parts = re.split(r"([-'])", w)
        cap = []
        for j, p in enumerate(parts):
            if p in "-'" or not p:
                cap.append(p)
                continue
            if j > 0 and parts[j - 1] == "'" and p == "s":
                cap.append(p)
                continue
            first_of_name = i == 0 and j == 0
            if not first_of_name and (p in small and (j == 0 or parts[j - 1] == "-")) and (
                len(parts) == 1 or j + 1 < len(parts)
            ):
                cap.append(p)
            elif p in acronyms and len(parts) == 1:
                cap.append(p.upper())
            elif re.fullmatch(r"[ivx]+", p) and i > 0:
                cap.append(p.upper())
            elif p.startswith("mc") and len(p) > 2:
                cap.append("Mc" + p[2].upper() + p[3:])
            else:
                cap.append(p[:1].upper() + p[1:])
        out.append("".join(cap))
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Phoenix dictionaries

CODE_RE = re.compile(r"\[([^\]]*)\]")


def read_phoenix(name):
    """Entries of a Phoenix .actors file: names (header and `+` synonyms), codes, comment, line."""
    entries, cur = [], None
    path = PHOENIX / name
    with open(path, encoding="utf-8", errors="replace") as f:
        for ln, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            comment = ""
            if "#" in line:
                i = line.index("#")
                comment, line = line[i + 1 :].strip(), line[:i]
            codes = CODE_RE.findall(line)
            body = CODE_RE.sub(" ", line)
            if line.startswith("+"):
                if cur is not None:
                    nm = body[1:].strip()
                    if nm:
                        cur["names"].append(nm)
                    cur["codes"] += codes
            elif line[:1] in (" ", "\t"):
                if cur is not None:
                    cur["codes"] += codes
            else:
                nm = body.strip()
                cur = {"names": [nm] if nm else [], "codes": list(codes), "comment": comment, "line": ln}
                entries.append(cur)
    return entries


def phoenix_date(s):
    """yymmdd (00-30 -> 20xx, else 19xx) or yyyymmdd; None when malformed."""
    s = s.strip()
    if len(s) == 10 and s[:2] in ("19", "20"):
        s = s[2:]
    if not s.isdigit():
        return None
    if len(s) == 6:
        y = int(s[:2])
        y = 2000 + y if y <= 30 else 1900 + y
        m, d = int(s[2:4]), int(s[4:6])
    elif len(s) == 8:
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        return None
    if not 1 <= m <= 12 or d < 1:
        return None
    return datetime.date(y, m, min(d, calendar.monthrange(y, m)[1]))


def phoenix_roles(codes):
    """(code, from, until, dated) for each code of an entry; malformed dates are dropped."""
    out = []
    for c in codes:
        parts = c.split(None, 1)
        if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
            continue
        code = parts[0]
        spec = parts[1].replace(" ", "") if len(parts) > 1 else ""
        f = u = None
        if not spec:
            out.append((code, None, None, False))
            continue
        if spec.startswith(">"):
            f = phoenix_date(spec[1:])
            if f is None:
                continue
        elif spec.startswith("<"):
            u = phoenix_date(spec[1:])
            if u is None:
                continue
        elif "-" in spec:
            a, b = spec.split("-", 1)
            f, u = phoenix_date(a), phoenix_date(b)
            if f is None or u is None:
                continue
        else:
            f = phoenix_date(spec)
            if f is None:
                continue
        out.append((code, f, u, True))
    return out


# ---------------------------------------------------------------------------------------------
# CLDR

def cldr_territories(lang):
    tree = ET.parse(CLDR / "main" / f"{lang}.xml")
    out = {}
    for el in tree.iter("territory"):
        out.setdefault(el.get("type"), []).append((el.get("alt"), el.text or ""))
    return out


def cldr_regular_regions():
    tree = ET.parse(CLDR / "validity" / "region.xml")
    text = ""
    for el in tree.iter("id"):
        if el.get("type") == "region" and el.get("idStatus") == "regular":
            text = el.text or ""
    codes = []
    for tok in text.split():
        if "~" in tok:
            a, b = tok.split("~")
            codes += [a[0] + chr(c) for c in range(ord(a[1]), ord(b) + 1)]
        else:
            codes.append(tok)
    return codes


def cldr_alpha3():
    tree = ET.parse(CLDR / "supplemental" / "supplementalData.xml")
    return {el.get("type"): el.get("alpha3") for el in tree.iter("territoryCodes") if el.get("alpha3")}



# =============================================================================================
# Tables written for this project
# =============================================================================================

# Country words: ISO alpha-3 | English adjectives | English demonyms (plural) | French
# adjectives (masculine singular; the feminine and plural forms are derived; `!` before a
# list gives every form) | Dutch adjectives (the -e form; the -s form is derived) | Dutch
# demonyms. `-` for none. Words that are also the country's name in that language, or the name
# of another country, are left out (the name wins).
COUNTRY_WORDS = """
ABW | aruban | arubans | arubais | arubaanse | arubanen
AFG | afghan | afghans | afghan | afghaanse | afghanen
AGO | angolan | angolans | angolais | angolese | angolezen
AIA | anguillan | anguillans | anguillais | - | -
ALB | albanian | albanians | albanais | albanese | albanezen
AND | andorran | andorrans | andorran | andorrese | andorranen
ARE | emirati | emiratis | émirien, émirati | emiraatse | -
ARG | argentine, argentinian | argentines, argentinians | argentin | argentijnse | argentijnen
ARM | armenian | armenians | arménien | armeense | armeniërs
ASM | american samoan | american samoans | - | - | -
ATG | antiguan | antiguans | antiguais | antiguaanse | -
AUS | australian | australians | australien | australische | australiërs
AUT | austrian | austrians | autrichien | oostenrijkse | oostenrijkers
AZE | azerbaijani, azeri | azerbaijanis, azeris | azerbaïdjanais, azéri | azerbeidzjaanse, azerische | azerbeidzjanen
BDI | burundian | burundians | burundais | burundese | burundezen
BEL | belgian | belgians | belge | belgische | belgen
BEN | beninese | - | béninois | beninse | beninezen
BFA | burkinabe, burkinabè | burkinabes | !burkinabè, burkinabé, burkinabe, burkinabès | burkinese, burkinabese | burkinezen
BGD | bangladeshi | bangladeshis | bangladais | bengaalse | bengalezen
BGR | bulgarian | bulgarians | bulgare | bulgaarse | bulgaren
BHR | bahraini | bahrainis | bahreïni, bahreïnien | bahreinse | bahreiners
BHS | bahamian | bahamians | bahaméen | bahamaanse | -
BIH | bosnian | bosnians | bosnien | bosnische | bosniërs
BLR | belarusian, belarussian | belarusians | biélorusse, bélarusse | wit-russische, belarussische | wit-russen
BLZ | belizean | belizeans | bélizien | belizaanse | -
BMU | bermudian | bermudians | bermudien | bermudaanse | -
BOL | bolivian | bolivians | bolivien | boliviaanse | bolivianen
BRA | brazilian | brazilians | brésilien | braziliaanse | brazilianen
BRB | barbadian | barbadians | barbadien | barbadiaanse | -
BRN | bruneian | bruneians | brunéien | bruneise | -
BTN | bhutanese | - | bhoutanais | bhutaanse | bhutanezen
BWA | botswanan | batswana | botswanais | botswaanse | -
CAF | central african | central africans | centrafricain | centraal-afrikaanse | -
CAN | canadian | canadians | canadien | canadese | canadezen
CHE | swiss | - | suisse | zwitserse | -
CHL | chilean | chileans | chilien | chileense | chilenen
CHN | chinese | - | chinois | chinese | chinezen
CIV | ivorian | ivorians | ivoirien | ivoriaanse | ivorianen
CMR | cameroonian | cameroonians | camerounais | kameroense | kameroeners
COD | congolese | - | congolais | congolese | congolezen
COL | colombian | colombians | colombien | colombiaanse | colombianen
COM | comorian, comoran | comorians | comorien | comorese | -
CPV | cape verdean, cabo verdean | cape verdeans | cap-verdien | kaapverdische | kaapverdianen
CRI | costa rican | costa ricans | costaricien, costaricain | costa ricaanse, costaricaanse | costaricanen
CUB | cuban | cubans | cubain | cubaanse | cubanen
CYM | caymanian | caymanians | caïmanien | - | -
CYP | cypriot | cypriots | chypriote | cypriotische | cyprioten
CZE | czech | czechs | tchèque | tsjechische | tsjechen
DEU | german | germans | allemand | duitse | duitsers
DJI | djiboutian | djiboutians | djiboutien | djiboutiaanse | djiboutianen
DNK | danish | danes | danois | deense | denen
DOM | dominican | dominicans | dominicain | dominicaanse | dominicanen
DZA | algerian | algerians | algérien | algerijnse | algerijnen
ECU | ecuadorian, ecuadorean | ecuadorians | équatorien | ecuadoraanse | ecuadoranen
EGY | egyptian | egyptians | égyptien | egyptische | egyptenaren
ERI | eritrean | eritreans | érythréen | eritrese | eritreeërs
ESH | sahrawi, sahraoui | sahrawis | sahraoui | sahrawische | -
ESP | spanish | spaniards | espagnol | spaanse | spanjaarden
EST | estonian | estonians | estonien | estse, estlandse | esten
ETH | ethiopian | ethiopians | éthiopien | ethiopische | ethiopiërs
FIN | finnish | finns | finlandais | finse | finnen
FJI | fijian | fijians | fidjien | fijische | fijiërs
FRA | french | - | français | franse | fransen
FRO | faroese | - | féroïen | faeröerse | -
FSM | micronesian | micronesians | micronésien | micronesische | -
GAB | gabonese | - | gabonais | gabonese | gabonezen
GBR | british | britons, brits | britannique | britse | britten
GEO | georgian | georgians | géorgien | georgische | georgiërs
GHA | ghanaian | ghanaians | ghanéen | ghanese | ghanezen
GIB | gibraltarian | gibraltarians | gibraltarien | gibraltarese | -
GIN | guinean | guineans | guinéen | guinese | guineeërs
GLP | guadeloupean | - | guadeloupéen | guadeloupse | -
GMB | gambian | gambians | gambien | gambiaanse | gambianen
GNB | bissau-guinean | bissau-guineans | bissau-guinéen | guinee-bissause | -
GNQ | equatoguinean, equatorial guinean | equatorial guineans | équato-guinéen | equatoriaal-guinese | -
GRC | greek | greeks | !grec, grecque, grecs, grecques | griekse | grieken
GRD | grenadian | grenadians | grenadien | grenadiaanse | -
GRL | greenlandic | greenlanders | groenlandais | groenlandse | groenlanders
GTM | guatemalan | guatemalans | guatémaltèque | guatemalteekse | guatemalteken
GUM | guamanian | guamanians | guamien | - | -
GUY | guyanese | - | guyanien | guyaanse | guyanezen
HKG | - | hongkongers | hongkongais | hongkongse | hongkongers
HND | honduran | hondurans | hondurien | hondurese | hondurezen
HRV | croatian | croatians, croats | croate | kroatische | kroaten
HTI | haitian | haitians | haïtien | haïtiaanse | haïtianen
HUN | hungarian | hungarians | hongrois | hongaarse | hongaren
IDN | indonesian | indonesians | indonésien | indonesische | indonesiërs
IND | indian | indians | indien | indiase | indiërs
IRL | irish | - | irlandais | ierse | ieren
IRN | iranian | iranians | iranien | iraanse | iraniërs
IRQ | iraqi | iraqis | irakien | iraakse | irakezen
ISL | icelandic | icelanders | islandais | ijslandse | ijslanders
ISR | israeli | israelis | israélien | israëlische, israelische | israëliërs
ITA | italian | italians | italien | italiaanse | italianen
JAM | jamaican | jamaicans | jamaïcain | jamaicaanse | jamaicanen
JOR | jordanian | jordanians | jordanien | jordaanse | jordaniërs
JPN | japanese | - | japonais | japanse | japanners
KAZ | kazakh, kazakhstani | kazakhs, kazakhstanis | kazakh, kazakhstanais | kazachse, kazachstaanse | kazachen
KEN | kenyan | kenyans | kényan | keniaanse | kenianen
KGZ | kyrgyz, kirghiz | - | !kirghiz, kirghize, kirghizes | kirgizische | kirgiezen
KHM | cambodian | cambodians | cambodgien | cambodjaanse | cambodjanen
KIR | - | - | kiribatien | kiribatische | -
KNA | kittitian | kittitians | - | - | -
KOR | south korean, korean | south koreans, koreans | sud-coréen, coréen | zuid-koreaanse, koreaanse | zuid-koreanen, koreanen
KWT | kuwaiti | kuwaitis | koweïtien | koeweitse | koeweiters
LAO | laotian, lao | laotians | laotien | laotiaanse | laotianen
LBN | lebanese | - | libanais | libanese | libanezen
LBR | liberian | liberians | libérien | liberiaanse | liberianen
LBY | libyan | libyans | libyen | libische | libiërs
LCA | saint lucian | saint lucians | saint-lucien | - | -
LIE | liechtensteiner | liechtensteiners | liechtensteinois | liechtensteinse | liechtensteiners
LKA | sri lankan | sri lankans | sri-lankais | sri lankaanse, srilankaanse | srilankanen
LSO | basotho | basotho | lésothien | lesothaanse | -
LTU | lithuanian | lithuanians | lituanien | litouwse | litouwers
LUX | luxembourgish | luxembourgers | luxembourgeois | luxemburgse | luxemburgers
LVA | latvian | latvians | !letton, lettone, lettons, lettones, lettonne, lettonnes | letse, letlandse | letten
MAC | macanese | - | macanais | macause | -
MAR | moroccan | moroccans | marocain | marokkaanse | marokkanen
MCO | monegasque | monegasques | monégasque | monegaskische | monegasken
MDA | moldovan | moldovans | moldave | moldavische | moldaviërs
MDG | malagasy | - | malgache | malagassische | malagassiërs
MDV | maldivian | maldivians | maldivien | maldivische | maldiviërs
MEX | mexican | mexicans | mexicain | mexicaanse | mexicanen
MHL | marshallese | - | marshallais | marshallese | -
MKD | macedonian, north macedonian | macedonians | macédonien | macedonische, noord-macedonische | macedoniërs
MLI | malian | malians | malien | malinese, malische | malinezen
MLT | maltese | - | maltais | maltese | maltezen
MMR | burmese | - | birman | birmese, myanmarese | birmezen
MNE | montenegrin | montenegrins | monténégrin | montenegrijnse | montenegrijnen
MNG | mongolian | mongolians | mongol | mongoolse | mongolen
MOZ | mozambican | mozambicans | mozambicain | mozambikaanse | mozambikanen
MRT | mauritanian | mauritanians | mauritanien | mauritaanse | mauritaniërs
MSR | montserratian | - | montserratien | - | -
MTQ | martinican | - | martiniquais | martinikaanse | -
MUS | mauritian | mauritians | mauricien | mauritiaanse | mauritianen
MWI | malawian | malawians | malawite, malawien | malawische | malawiërs
MYS | malaysian | malaysians | malaisien | maleisische | maleisiërs
MYT | mahoran | - | mahorais | - | -
NAM | namibian | namibians | namibien | namibische | namibiërs
NCL | new caledonian | - | néo-calédonien | nieuw-caledonische | -
NER | nigerien | nigeriens | nigérien | nigerese | nigerezen
NGA | nigerian | nigerians | nigérian | nigeriaanse | nigerianen
NIC | nicaraguan | nicaraguans | nicaraguayen | nicaraguaanse | nicaraguanen
NLD | dutch | - | néerlandais | nederlandse | nederlanders
NOR | norwegian | norwegians | norvégien | noorse | noren
NPL | nepalese, nepali | nepalis | népalais | nepalese | nepalezen
NRU | nauruan | nauruans | nauruan | nauruaanse | -
NZL | - | new zealanders | néo-zélandais | nieuw-zeelandse | nieuw-zeelanders
OMN | omani | omanis | omanais | omaanse | omanieten
PAK | pakistani | pakistanis | pakistanais | pakistaanse | pakistanen
PAN | panamanian | panamanians | panaméen | panamese | panamezen
PER | peruvian | peruvians | péruvien | peruaanse | peruanen
PHL | filipino, philippine | filipinos | philippin | filipijnse | -
PLW | palauan | palauans | palaois | palause | -
PNG | papua new guinean | papua new guineans | papouan-néo-guinéen | papoea-nieuw-guinese | -
POL | polish | poles | polonais | poolse | -
PRI | puerto rican | puerto ricans | portoricain | puerto ricaanse | puerto ricanen
PRK | north korean | north koreans | nord-coréen | noord-koreaanse | noord-koreanen
PRT | portuguese | - | portugais | portugese | portugezen
PRY | paraguayan | paraguayans | paraguayen | paraguayaanse | paraguayanen
PSE | palestinian | palestinians | palestinien | palestijnse | palestijnen
PYF | french polynesian | - | polynésien | frans-polynesische | -
QAT | qatari | qataris | qatari, qatarien | qatarese | qatarezen
REU | - | - | réunionnais | - | -
ROU | romanian | romanians | roumain | roemeense | roemenen
RUS | russian | russians | russe | russische | russen
RWA | rwandan | rwandans | rwandais | rwandese | rwandezen
SAU | saudi, saudi arabian | saudis | saoudien | saoedische, saoedi-arabische | saoediërs
SDN | sudanese | - | soudanais | soedanese | soedanezen
SEN | senegalese | - | sénégalais | senegalese | senegalezen
SGP | singaporean | singaporeans | singapourien | singaporese | singaporezen
SLE | sierra leonean | sierra leoneans | sierra-léonais | sierra leoonse | sierra leonezen
SLV | salvadoran, salvadorean | salvadorans | salvadorien | salvadoraanse | salvadoranen
SMR | sammarinese | - | saint-marinais | - | -
SOM | somali | somalis | somalien | somalische | somaliërs
SRB | serbian, serb | serbians, serbs | serbe | servische | serviërs, serven
SSD | south sudanese | - | sud-soudanais | zuid-soedanese | zuid-soedanezen
STP | santomean | - | santoméen | - | -
SUR | surinamese | - | surinamais | surinaamse | surinamers
SVK | slovak, slovakian | slovaks | slovaque | slowaakse | slowaken
SVN | slovenian, slovene | slovenians, slovenes | slovène | sloveense | slovenen
SWE | swedish | swedes | suédois | zweedse | -
SWZ | swazi | swazis | swazi | swazische | -
SYC | seychellois | - | seychellois | seychelse | -
SYR | syrian | syrians | syrien | syrische | syriërs
TCD | chadian | chadians | tchadien | tsjadische | tsjadiërs
TGO | togolese | - | togolais | togolese | togolezen
THA | thai | thais | thaïlandais | thaise | -
TJK | tajik, tajikistani | tajiks | !tadjik, tadjike, tadjiks, tadjikes | tadzjiekse | tadzjieken
TKM | turkmen | turkmens | turkmène | turkmeense | turkmenen
TLS | east timorese, timorese | - | est-timorais, timorais | oost-timorese | oost-timorezen
TON | tongan | tongans | tongien | tongaanse | -
TTO | trinidadian | trinidadians | trinidadien | trinidadiaanse | -
TUN | tunisian | tunisians | tunisien | tunesische | tunesiërs
TUR | turkish | turks | !turc, turque, turcs, turques | turkse | turken
TUV | tuvaluan | tuvaluans | tuvaluan | tuvaluaanse | -
TWN | taiwanese | - | taïwanais | taiwanese | taiwanezen
TZA | tanzanian | tanzanians | tanzanien | tanzaniaanse | tanzanianen
UGA | ugandan | ugandans | ougandais | oegandese | oegandezen
UKR | ukrainian | ukrainians | ukrainien | oekraïense | oekraïners
URY | uruguayan | uruguayans | uruguayen | uruguayaanse | uruguayanen
USA | american | americans | américain | amerikaanse | amerikanen
UZB | uzbek, uzbekistani | uzbeks | !ouzbek, ouzbèke, ouzbeks, ouzbèkes | oezbeekse | oezbeken
VAT | - | - | - | vaticaanse | -
VCT | vincentian | vincentians | vincentais | - | -
VEN | venezuelan | venezuelans | vénézuélien | venezolaanse | venezolanen
VNM | vietnamese | - | vietnamien | vietnamese | vietnamezen
VUT | vanuatuan | - | vanuatais | vanuatuaanse | -
WSM | samoan | samoans | samoan | samoaanse | -
XKX | kosovar, kosovan | kosovars | !kosovar, kosovare, kosovars, kosovares | kosovaarse | kosovaren
YEM | yemeni | yemenis | yéménite | jemenitische | jemenieten
ZAF | south african | south africans | sud-africain | zuid-afrikaanse | zuid-afrikanen
ZMB | zambian | zambians | zambien | zambiaanse | zambianen
ZWE | zimbabwean | zimbabweans | zimbabwéen | zimbabwaanse | zimbabwanen
"""

# Display names where CLDR's English name is not the common short one.
NAME_FIX = {
    "AG": "Antigua and Barbuda", "BA": "Bosnia and Herzegovina", "BL": "Saint Barthélemy",
    "CC": "Cocos (Keeling) Islands", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "CI": "Côte d'Ivoire", "FK": "Falkland Islands", "GB": "United Kingdom", "GS": "South Georgia and the South Sandwich Islands",
    "HK": "Hong Kong", "HM": "Heard and McDonald Islands", "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia",
    "MF": "Saint Martin", "MM": "Myanmar", "MO": "Macao", "PM": "Saint Pierre and Miquelon", "PS": "Palestine",
    "SH": "Saint Helena", "SJ": "Svalbard and Jan Mayen", "ST": "São Tomé and Príncipe", "TC": "Turks and Caicos Islands",
    "TT": "Trinidad and Tobago", "UM": "United States Minor Outlying Islands", "US": "United States",
    "VC": "Saint Vincent and the Grenadines", "VI": "United States Virgin Islands", "WF": "Wallis and Futuna",
}

# CLDR names left out: abbreviations with full stops, "SAR" forms, and names another country
# or a common word would claim (see AMBIGUOUS).
CLDR_SKIP = {"r.-u.", "é.-u.", "r.a.s. chinoise de hong kong", "r.a.s. chinoise de macao", "hong kong sar china",
             "macao sar china", "hongkong sar van china", "macau sar van china", "congo (drc)", "congo (rdc)",
             "congo (republic)", "congo (republiek)", "congo - kinshasa", "congo - brazzaville"}

# Names CLDR lacks (per language; "any" for all three). Lower-case patterns.
EXTRA_NAMES = {
    "ARE": {"en": ["=uae", "the emirates"], "fr": ["=eau"], "nl": ["=vae"]},
    "BIH": {"en": ["bosnia-herzegovina"], "fr": ["bosnie"], "nl": ["bosnië", "bosnië-herzegovina"]},
    "BLR": {"fr": ["bélarus"], "nl": ["wit-rusland"]},
    "CHN": {"en": ["=prc", "people's republic of china", "mainland china"], "fr": ["république populaire de chine"],
            "nl": ["volksrepubliek china"]},
    "COD": {"en": ["democratic republic of the congo", "democratic republic of congo", "dr congo", "=drc", "congo-kinshasa",
                   "congo"],
            "fr": ["république démocratique du congo", "=rdc", "rd congo", "congo-kinshasa"],
            "nl": ["democratische republiek congo", "dr congo", "congo-kinshasa", "congo"]},
    "COG": {"en": ["republic of the congo", "republic of congo", "congo-brazzaville", "congo brazzaville"],
            "fr": ["république du congo", "congo-brazzaville", "congo"], "nl": ["republiek congo", "congo-brazzaville"]},
    "CZE": {"nl": ["tsjechische republiek"]},
    "ESH": {"en": ["sahrawi arab democratic republic"], "fr": ["république arabe sahraouie démocratique"]},
    "GBR": {"en": ["northern ireland", "scotland", "wales", "england"], "fr": ["irlande du nord", "écosse", "angleterre",
            "pays de galles"], "nl": ["noord-ierland", "schotland", "engeland", "wales"]},
    "GIN": {"en": ["guinea-conakry", "guinea conakry"], "fr": ["guinée-conakry"], "nl": ["guinee-conakry"]},
    "IRN": {"en": ["islamic republic of iran"], "fr": ["république islamique d'iran"], "nl": ["islamitische republiek iran"]},
    "KGZ": {"nl": ["kirgizstan"]},
    "KOR": {"en": ["republic of korea"], "fr": ["république de corée"]},
    "MDA": {"en": ["republic of moldova"]},
    "MKD": {"en": ["macedonia", "=fyrom"], "fr": ["macédoine"], "nl": ["macedonië"]},
    "MMR": {"en": ["burma"], "fr": ["birmanie"], "nl": ["birma"]},
    "NLD": {"en": ["holland", "the netherlands"], "nl": ["holland"]},
    "PRK": {"en": ["democratic people's republic of korea", "=dprk"], "fr": ["république populaire démocratique de corée",
            "=rpdc"], "nl": ["democratische volksrepubliek korea"]},
    "PSE": {"en": ["palestinian territories", "occupied palestinian territories", "west bank", "gaza strip", "gaza"],
            "fr": ["territoires palestiniens", "cisjordanie", "bande de gaza", "gaza"],
            "nl": ["palestijnse gebieden", "westelijke jordaanoever", "gazastrook", "gaza"]},
    "SXM": {"fr": ["sint-maarten", "sint maarten"]},
    "SYR": {"en": ["syrian arab republic"]},
    "TUR": {"any": ["türkiye", "turkiye"]},
    "USA": {"fr": ["=usa"], "nl": ["=usa"]},
    "VAT": {"en": ["holy see", "vatican"], "fr": ["saint-siège", "vatican"], "nl": ["heilige stoel", "vaticaan"]},
}

# Extra adjectives (per language) beyond COUNTRY_WORDS.
EXTRA_ADJECTIVES = {
    "GBR": {"en": ["scottish", "welsh"], "fr": ["écossais", "écossaise", "écossaises"], "nl": ["schotse"]},
}

# English single words of Phoenix's country blocks kept as adjectives or demonyms; the others
# are misspellings or cities ("ISREALI", "AFGANISTAN", "KABUL").
PHOENIX_WORDS_OK = {
    "ARG": ["argentinean"], "ISL": ["icelander"], "LUX": ["luxembourger"], "NLD": ["netherlander"],
    "SOM": ["somalian"], "TUR": ["turk"], "YEM": ["yemenite"],
}

# Capitals (lower-case) where the gazetteer has none, has the constitutional rather than the
# working one, or where its name is a common word or first name (None: no capital pattern).
CAPITAL_FIX = {
    "AIA": None, "BGR": None, "BMU": None, "BOL": "la paz", "BRA": "brasilia", "CCK": None, "CHL": None,
    "COL": "bogota", "CRI": None, "CYM": None, "DMA": None, "FLK": None, "GNQ": "malabo", "GUF": None, "GUY": None,
    "IMN": None, "ISL": "reykjavik", "JEY": None, "KAZ": "astana", "MDV": None, "MNG": "ulaanbaatar", "MSR": None,
    "NFK": None, "PRI": None, "PRY": "asuncion", "PSE": "ramallah", "REU": None, "SGS": None, "SHN": None, "SPM": None,
    "SYC": None, "TCA": None, "VGB": None, "ESH": None,
}

# Words a bare pattern must not be, per language: a common lower-case word there (or a first
# name written alone) that would match outside the country sense. Value: the safer patterns
# used instead (multiword, or `=` for capitals), or [] to drop. Names whose country sense
# dominates in news ("turkey", "china", "chad", "jordan", "georgia", "guinea") stay bare.
AMBIGUOUS = {
    "en": {
        "jersey": ["bailiwick of jersey", "island of jersey"], "guernsey": ["bailiwick of guernsey", "island of guernsey"],
        "man island": [], "reunion": ["reunion island"], "réunion": ["réunion island"],
        "poles": [],
    },
    "fr": {
        "maurice": ["île maurice", "l'île maurice", "république de maurice"], "grenade": ["île de la grenade"],
        "dominique": ["île de la dominique", "commonwealth de la dominique"],
        "la réunion": ["île de la réunion", "l'île de la réunion"], "réunion": [], "salvador": ["el salvador", "le salvador"],
        "jersey": ["île de jersey"], "guernesey": ["île de guernesey"], "man": [],
    },
    "nl": {
        "man": [], "jersey": ["eiland jersey"], "guernsey": ["eiland guernsey"], "letten": [], "noren": [],
    },
}

# Words that may stand beside a country's own name in a Phoenix synonym kept as a name
# ("islamic republic of afghanistan", "republic of belarus").
NAME_GENERIC = set("""the of and republic kingdom state states federal federation democratic people's peoples popular islamic
arab socialist united commonwealth principality grand duchy union sultanate emirate emirates independent sovereign
islands island isles north south east west northern southern eastern western central new great plurinational
bolivarian hashemite cooperative co-operative revolutionary libyan jamahiriya oriental argentine lao""".split())

# Dutch uninflected adjective forms left out (a common word, or the name of the people).
NL_UNINFLECTED_SKIP = set()

NOT_ISO = {"AC", "CP", "DG", "EA", "IC", "TA"}  # CLDR regions ISO 3166-1 does not assign


def fr_forms(word):
    """French adjective forms from the masculine singular (`!a, b` lists them all)."""
    if word.startswith("!"):
        return [w.strip() for w in word[1:].split(",") if w.strip()]
    w = word.strip()
    if w.endswith("e") and not w.endswith("é"):
        return [w, w + "s"]
    if w.endswith(("ien", "éen")):
        return [w, w + "ne", w + "s", w + "nes"]
    if w.endswith(("s", "x", "z")):
        return [w, w + "e", w + "es"]
    return [w, w + "e", w + "s", w + "es"]


def nl_uninflected(word):
    """Dutch adjective without -e: franse -> frans, chinese -> chinees, russische -> russisch."""
    if word.endswith("ese") and not word.endswith("eese"):
        return word[:-3] + "ees"
    if word.endswith("e"):
        return word[:-1]
    return None


def split_list(cell):
    cell = cell.strip()
    if cell in ("", "-"):
        return []
    if cell.startswith("!"):
        return [cell]
    return [w.strip() for w in cell.split(",") if w.strip()]


def country_words():
    out = {}
    for line in COUNTRY_WORDS.strip().splitlines():
        cells = [c.strip() for c in line.split("|")]
        code, en_adj, en_dem, fr_adj, nl_adj, nl_dem = cells
        fr = []
        for w in split_list(fr_adj):
            fr += fr_forms(w)
        nl = []
        for w in split_list(nl_adj):
            nl.append(w)
            u = nl_uninflected(w)
            if u and u not in NL_UNINFLECTED_SKIP:
                nl.append(u)
        out[code] = {
            "adjectives": {"en": split_list(en_adj), "fr": uniq(fr), "nl": uniq(nl)},
            "demonyms": {"en": split_list(en_dem), "fr": [], "nl": split_list(nl_dem)},
        }
    return out


def name_variants(p, lang):
    """A name as CLDR writes it -> patterns: `&`, `St.`, parentheses, hyphens, accents."""
    if re.fullmatch(r"[A-Z]{2,5}", p.strip()):
        return ["=" + p.strip().lower()]
    p = clean(p)
    if p in CLDR_SKIP:
        return []
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", p)
    if m:
        p = m.group(1).strip()
    p = p.replace(" & ", " and " if lang == "en" else (" et " if lang == "fr" else " en "))
    p = re.sub(r"\b((?:[a-z]\.){2,})", lambda mm: " ".join(mm.group(1).replace(".", " ").split()) + " ", p)
    p = " ".join(p.split())
    out = [p]
    if lang == "en" and p.startswith("st. "):
        out = ["saint " + p[4:], "st " + p[4:]]
    more = []
    for q in out:
        if "-" in q and all(len(x) >= 2 for x in re.split(r"[- ]", q)):
            more.append(q.replace("-", " "))
    return uniq(out + more)


def with_folds(patterns):
    out = []
    for p in patterns:
        out.append(p)
        f = fold(p)
        if f != p:
            out.append(f)
    return uniq(out)


def phoenix_country_blocks(iso3_names):
    """Phoenix country blocks -> ISO alpha-3: (cameo code, synonyms)."""
    out = {}
    by_name = {}
    for iso3, names in iso3_names.items():
        for n in names:
            by_name.setdefault(n, set()).add(iso3)
    for e in read_phoenix("Phoenix.Countries.actors.txt"):
        roles = phoenix_roles(e["codes"])
        if not roles or not e["names"]:
            continue
        # The code now in force: undated, open-ended, or the latest.
        open_codes = [r[0] for r in roles if not r[3] or r[2] is None]
        code = (open_codes or [roles[-1][0]])[-1]
        if not (re.fullmatch(r"[A-Z]{3}", code) or re.fullmatch(r"[A-Z]{6}", code)):
            continue
        phrases = [phoenix_phrase(n) for n in e["names"]]
        phrases = [p for p in phrases if p]
        if not phrases:
            continue
        cands = set()
        for p in phrases:
            cands |= by_name.get(p, set())
        target = None
        tri = code[3:] if len(code) == 6 else code
        if tri in cands:
            target = tri
        elif len(cands) == 1 and phrases[0] in by_name:
            target = next(iter(cands))
        if target is None:
            continue
        slot = out.setdefault(target, {"cameo": code, "phrases": []})
        slot["phrases"] += phrases
    return out


def build_countries():
    regions = [c for c in cldr_regular_regions() if c not in NOT_ISO]
    a3 = cldr_alpha3()
    a3["XK"] = "XKX"
    terr = {lang: cldr_territories(lang) for lang in LANGS}
    words = country_words()
    gaz = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    places = {p["id"]: p for p in gaz["places"]}
    capitals = {}
    for p in gaz["places"]:
        if p["precision"] == "country" and p.get("country") and p.get("capital") in places:
            capitals.setdefault(p["country"], clean(places[p["capital"]]["name"]))
    names = {}
    for c2 in regions:
        iso3 = a3[c2]
        per = {}
        for lang in LANGS:
            pats = []
            for _alt, text in terr[lang].get(c2, []):
                pats += name_variants(text, lang)
            per[lang] = pats
        names[iso3] = (c2, per)
    iso3_en = {iso3: set(per["en"]) | set(EXTRA_NAMES.get(iso3, {}).get("en", [])) for iso3, (_c2, per) in names.items()}
    phx = phoenix_country_blocks(iso3_en)
    countries = {}
    for iso3, (c2, per) in sorted(names.items()):
        w = words.get(iso3, {"adjectives": {}, "demonyms": {}})
        display = NAME_FIX.get(c2) or terr["en"][c2][0][1].replace(" & ", " and ")
        entry = {"code": iso3, "name": display}
        block = phx.get(iso3)
        if block and block["cameo"] != iso3:
            entry["cameo"] = block["cameo"]
        cap = CAPITAL_FIX.get(iso3, capitals.get(iso3))
        if cap:
            entry["capital"] = cap
        nm = {lang: list(per[lang]) for lang in LANGS}
        for lang, extra in EXTRA_NAMES.get(iso3, {}).items():
            for lg in (LANGS if lang == "any" else (lang,)):
                nm[lg] += extra
        adj = {lang: list(w["adjectives"].get(lang, [])) for lang in LANGS}
        dem = {lang: list(w["demonyms"].get(lang, [])) for lang in LANGS}
        for lang, extra in EXTRA_ADJECTIVES.get(iso3, {}).items():
            adj[lang] += extra
        if block:
            name_tokens = set()
            for p in nm["en"] + adj["en"]:
                name_tokens |= {t for t in tokens(p) if t not in NAME_GENERIC}
            for p in block["phrases"]:
                ts = tokens(p)
                if p in adj["en"] or p in dem["en"]:
                    continue
                if len(ts) >= 2 and any(t in name_tokens for t in ts) and all(
                    t in name_tokens or t in NAME_GENERIC for t in ts
                ):
                    nm["en"].append(p)
                elif len(ts) == 1 and p in PHOENIX_WORDS_OK.get(iso3, []):
                    (dem if p.endswith("s") and not p.endswith("ss") else adj)["en"].append(p)
        entry["names"] = {lang: with_folds(nm[lang]) for lang in LANGS}
        entry["adjectives"] = {lang: with_folds(adj[lang]) for lang in LANGS}
        entry["demonyms"] = {lang: with_folds(dem[lang]) for lang in LANGS}
        countries[iso3] = entry
    return countries

# ---------------------------------------------------------------------------------------------
# Organisations a news reader meets. Each: canonical name, CAMEO code (its first three letters
# are the `code`; taken from Phoenix where Phoenix has the organisation), sector, the Phoenix
# headers whose names become English aliases, and aliases written here (per language, "any"
# for all). International bodies are coded "IGO", non-governmental ones "NGO", as the PLOVER
# gold codes them (it codes the Red Cross and Red Crescent "IGO", so this table does too).
ORGS = [
    # The United Nations and its agencies, courts and missions
    ("United Nations", "IGOUNO", "government",
     ["the united nations", "united nations", "the un", "un", "u n", "secretariat of the united nations",
      "secretariat of the un", "united nations secretariat", "un secretariat", "un general assembly", "un security council",
      "u n security council", "the security council", "unsc", "un secretary general", "u n monitor", "united nations monitor"],
     {"en": ["=un", "u n", "the un", "un general assembly", "united nations general assembly", "un secretary-general",
             "united nations secretary-general"],
      "fr": ["assemblée générale des nations unies", "assemblée générale de l'onu", "secrétaire général de l'onu",
             "secrétaire général des nations unies", "conseil de sécurité de l'onu", "conseil de sécurité des nations unies"],
      "nl": ["vn-veiligheidsraad", "algemene vergadering van de vn", "algemene vergadering van de verenigde naties",
             "secretaris-generaal van de vn", "vn-chef"]}),
    ("UNHCR", "IGOUNOREFHCR", "government",
     ["unhcr", "un high commission for refugees", "united nations commission for refugees"],
     {"en": ["unhcr", "un refugee agency", "un high commissioner for refugees", "united nations high commissioner for refugees",
             "un refugee agency unhcr"],
      "fr": ["unhcr", "=hcr", "haut-commissariat des nations unies pour les réfugiés", "haut-commissariat aux réfugiés",
             "agence des nations unies pour les réfugiés", "agence de l'onu pour les réfugiés"],
      "nl": ["unhcr", "vn-vluchtelingenorganisatie", "vluchtelingenorganisatie van de vn", "hoge commissaris voor de vluchtelingen",
             "vluchtelingenorganisatie unhcr"]}),
    ("World Food Programme", "IGOUNOWFP", "government", ["world food program"],
     {"en": ["wfp", "world food programme", "world food program", "un food agency"],
      "fr": ["programme alimentaire mondial", "=pam"], "nl": ["wereldvoedselprogramma", "voedselprogramma van de vn", "wfp"]}),
    ("UNICEF", "IGOUNOKID", "government", ["unicef", "united nations children's fund"],
     {"any": ["unicef"], "en": ["un children's fund", "un children's agency"],
      "fr": ["fonds des nations unies pour l'enfance"], "nl": ["kinderfonds van de vn", "vn-kinderfonds"]}),
    ("World Health Organization", "IGOUNOHLHWHO", "health", ["world health organization", "world health assembly"],
     {"en": ["=who", "world health organisation"], "fr": ["organisation mondiale de la santé", "=oms"],
      "nl": ["wereldgezondheidsorganisatie", "=who"]}),
    ("International Monetary Fund", "IGOBUSIMF", "government", ["imf"],
     {"en": ["imf", "international monetary fund"], "fr": ["fonds monétaire international", "=fmi"],
      "nl": ["internationaal monetair fonds", "imf"]}),
    ("World Bank", "IGOUNODEVWBK", "government", ["world bank"],
     {"en": ["world bank", "world bank group"], "fr": ["banque mondiale"], "nl": ["wereldbank"]}),
    ("UNDP", "IGOUNODEV", "government", ["undp"],
     {"any": ["undp"], "en": ["united nations development programme", "un development programme"],
      "fr": ["programme des nations unies pour le développement", "=pnud"], "nl": ["ontwikkelingsprogramma van de vn"]}),
    ("UNESCO", "IGOUNODEV", "government", ["unesco"], {"any": ["unesco"]}),
    ("Food and Agriculture Organization", "IGOUNOAGRFAO", "government",
     ["united nations food and agriculture organization", "food and agriculture organization"],
     {"any": ["=fao"], "en": ["food and agriculture organisation", "un food and agriculture organization"],
      "fr": ["organisation des nations unies pour l'alimentation et l'agriculture"],
      "nl": ["voedsel- en landbouworganisatie van de verenigde naties"]}),
    ("International Atomic Energy Agency", "IGOUNOIAE", "government", ["iaea", "international atomic energy agency"],
     {"en": ["iaea", "un nuclear watchdog"], "fr": ["agence internationale de l'énergie atomique", "=aiea"],
      "nl": ["internationaal atoomenergieagentschap", "iaea"]}),
    ("International Court of Justice", "IGOUNOJUDICJ", "judiciary", ["icj", "international court of justice"],
     {"en": ["=icj", "world court"], "fr": ["cour internationale de justice", "=cij"], "nl": ["internationaal gerechtshof"]}),
    ("International Criminal Court", "IGOJUDICC", "judiciary", [],
     {"en": ["=icc", "international criminal court"], "fr": ["cour pénale internationale", "=cpi"],
      "nl": ["internationaal strafhof"]}),
    ("International Criminal Tribunal for the former Yugoslavia", "IGOUNOJUDWCT", "judiciary",
     ["international war crimes tribunal"],
     {"en": ["international criminal tribunal for the former yugoslavia", "=icty", "un war crimes tribunal",
             "u n war crimes court", "un war crimes court", "yugoslav war crimes tribunal"],
      "fr": ["tribunal pénal international pour l'ex-yougoslavie", "=tpiy"], "nl": ["joegoslavië-tribunaal"]}),
    ("OHCHR", "IGOUNOHRIHCH", "government",
     ["ohchr", "un high commission for human rights", "united nations commission for human rights"],
     {"en": ["ohchr", "un human rights office", "office of the high commissioner for human rights",
             "un high commissioner for human rights", "un human rights chief", "un rights office", "un rights chief"],
      "fr": ["haut-commissariat des nations unies aux droits de l'homme", "haut-commissariat aux droits de l'homme",
             "haut-commissaire de l'onu aux droits de l'homme"],
      "nl": ["vn-mensenrechtenbureau", "hoge commissaris voor de mensenrechten", "vn-mensenrechtencommissaris"]}),
    ("UN Human Rights Council", "IGOUNOHRI", "government", [],
     {"en": ["un human rights council", "human rights council", "unhrc"], "fr": ["conseil des droits de l'homme"],
      "nl": ["vn-mensenrechtenraad", "mensenrechtenraad"]}),
    ("OCHA", "IGOUNO", "government", [],
     {"en": ["ocha", "un office for the coordination of humanitarian affairs", "un humanitarian office",
             "un humanitarian agency", "un humanitarian affairs office"],
      "fr": ["ocha", "bureau de la coordination des affaires humanitaires", "=bcah"],
      "nl": ["ocha", "vn-bureau voor humanitaire hulp"]}),
    ("International Organization for Migration", "IGOUNO", "government", [],
     {"en": ["=iom", "international organisation for migration", "international organization for migration",
             "un migration agency"],
      "fr": ["organisation internationale pour les migrations", "=oim"], "nl": ["internationale organisatie voor migratie",
                                                                                "=iom"]}),
    ("UNRWA", "IGOUNOREF", "government", [],
     {"any": ["unrwa"], "en": ["un relief and works agency", "un agency for palestinian refugees"],
      "fr": ["office de secours et de travaux des nations unies"], "nl": ["vn-hulporganisatie voor palestijnse vluchtelingen"]}),
    ("UNFPA", "IGOUNOHLH", "government", [],
     {"any": ["unfpa"], "en": ["un population fund", "united nations population fund"],
      "fr": ["fonds des nations unies pour la population", "=fnuap"], "nl": ["bevolkingsfonds van de vn"]}),
    ("UNODC", "IGOUNO", "government", [],
     {"any": ["unodc"], "en": ["un office on drugs and crime"], "fr": ["office des nations unies contre la drogue et le crime",
                                                                      "=onudc"]}),
    ("UN Environment Programme", "IGOUNOENV", "government", [],
     {"en": ["unep", "un environment programme", "united nations environment programme"],
      "fr": ["programme des nations unies pour l'environnement", "=pnue"]}),
    ("UN Women", "IGOUNO", "government", [], {"en": ["un women"], "fr": ["onu femmes"], "nl": ["vn-vrouwen"]}),
    ("International Labour Organization", "IGOUNOLABILO", "government",
     ["international labor organization", "international labour organization"],
     {"en": ["=ilo", "international labour office", "international labor office"],
      "fr": ["organisation internationale du travail", "=oit", "bureau international du travail"],
      "nl": ["internationale arbeidsorganisatie"]}),
    ("International Civil Aviation Organization", "IGOUNOBUS", "government", ["international civil aviation organization"],
     {"en": ["icao"], "fr": ["organisation de l'aviation civile internationale", "=oaci"]}),
    ("International Maritime Organization", "IGO", "government", ["international maritime organization"], {}),
    ("International Telecommunication Union", "IGOUNOMED", "government", ["international telecommunications union"],
     {"en": ["international telecommunication union", "=itu"]}),
    ("IPCC", "IGOUNOENV", "government", ["intergovernmental panel on climate change", "inter governmental panel on climate change"],
     {"en": ["ipcc", "un climate panel"], "fr": ["groupe d'experts intergouvernemental sur l'évolution du climat", "=giec"],
      "nl": ["vn-klimaatpanel", "klimaatpanel van de vn", "ipcc"]}),
    ("UNIFIL", "IGOUNO", "military", [],
     {"any": ["unifil"], "en": ["un interim force in lebanon"], "fr": ["finul", "force intérimaire des nations unies au liban"]}),
    ("MONUSCO", "IGOUNO", "military", ["monuc"], {"any": ["monusco", "monuc"], "en": ["un mission in congo"]}),
    ("UNMISS", "IGOUNO", "military", [], {"any": ["unmiss"], "en": ["un mission in south sudan"]}),
    ("MINUSCA", "IGOUNO", "military", [], {"any": ["minusca"]}),
    ("UNAMID", "IGOUNO", "military", [], {"any": ["unamid"]}),
    ("UNAMA", "IGOUNO", "government", [], {"any": ["unama"]}),
    ("UNSMIL", "IGOUNO", "government", [],
     {"any": ["unsmil"], "en": ["un support mission in libya"], "fr": ["mission d'appui des nations unies en libye"]}),
    ("World Trade Organization", "IGOBUSWTO", "government", [],
     {"en": ["world trade organization", "world trade organisation", "=wto"], "fr": ["organisation mondiale du commerce", "=omc"],
      "nl": ["wereldhandelsorganisatie", "=wto"]}),
    ("OPCW", "IGO", "government", ["organization for the prohibition of chemical weapons"],
     {"en": ["opcw", "chemical weapons watchdog"], "fr": ["organisation pour l'interdiction des armes chimiques", "=oiac"],
      "nl": ["organisatie voor het verbod op chemische wapens", "opcw"]}),
    ("International Energy Agency", "IGOUNOAIE", "government", ["international energy agency"],
     {"en": ["=iea"], "fr": ["agence internationale de l'énergie", "=aie"]}),
    ("World Meteorological Organization", "IGOUNO", "government", [],
     {"en": ["world meteorological organization"], "fr": ["organisation météorologique mondiale", "=omm"]}),
    ("UNCTAD", "IGOUNODEV", "government", [], {"any": ["unctad"], "fr": ["cnuced"]}),
    ("UNAIDS", "IGOUNOHLH", "government", [], {"any": ["unaids"], "fr": ["onusida"]}),
    ("IFAD", "IGOUNOAGR", "government", [],
     {"any": ["ifad"], "en": ["international fund for agricultural development"],
      "fr": ["fonds international de développement agricole", "=fida"]}),
    # Police
    ("Interpol", "IGOCOPITP", "police", ["international criminal police organization", "interpol"], {"any": ["interpol"]}),
    ("Europol", "IGOEURCOP", "police", [], {"any": ["europol"]}),
    ("Frontex", "IGOEURCOP", "police", [], {"any": ["frontex"], "en": ["european border and coast guard agency"]}),
    # Europe
    ("European Union", "IGOEUREEC", "government", ["the european union", "european commission", "eu high representative"],
     {"en": ["the european union", "european union commission", "eu commission", "european community",
             "european communities", "european economic community", "=eec", "european common market"],
      "fr": ["commission de l'union européenne", "communauté européenne", "communauté économique européenne", "=cee"],
      "nl": ["eu-commissie", "europese gemeenschap", "europese economische gemeenschap", "=eeg"]}),
    ("European Parliament", "IGOEUREEC", "legislature", ["european parliament"],
     {"fr": ["parlement européen"], "nl": ["europees parlement", "europarlement"]}),
    ("Council of the European Union", "IGOEUREEC", "government", [],
     {"en": ["european council", "council of the european union", "council of the eu"],
      "fr": ["conseil européen", "conseil de l'union européenne", "conseil de l'ue"],
      "nl": ["europese raad", "raad van de europese unie", "raad van de eu"]}),
    ("European Central Bank", "IGOEURBUS", "government", [],
     {"en": ["european central bank", "=ecb"], "fr": ["banque centrale européenne", "=bce"], "nl": ["europese centrale bank",
                                                                                                   "=ecb"]}),
    ("Council of Europe", "IGOEURCOE", "government", ["council of europe"],
     {"fr": ["conseil de l'europe"], "nl": ["raad van europa"]}),
    ("European Court of Human Rights", "IGOEURJUD", "judiciary", [],
     {"en": ["european court of human rights", "=echr"], "fr": ["cour européenne des droits de l'homme", "=cedh"],
      "nl": ["europees hof voor de rechten van de mens", "=ehrm"]}),
    ("Court of Justice of the European Union", "IGOEURJUD", "judiciary", [],
     {"en": ["european court of justice", "court of justice of the european union", "=ecj"],
      "fr": ["cour de justice de l'union européenne", "=cjue"],
      "nl": ["europees hof van justitie", "hof van justitie van de europese unie"]}),
    ("OSCE", "IGO", "government",
     ["organisation for security and co-operation in europe", "organisation for security and cooperation in europe",
      "organization for security and co-operation in europe", "organization for security and cooperation in europe"],
     {"en": ["osce"], "fr": ["osce", "organisation pour la sécurité et la coopération en europe"],
      "nl": ["=ovse", "organisatie voor veiligheid en samenwerking in europa"]}),
    ("OECD", "IGOWSTBUS", "government",
     ["organisation for economic cooperation and development", "organization for economic cooperation and development"],
     {"en": ["oecd", "organisation for economic co-operation and development"],
      "fr": ["=ocde", "organisation de coopération et de développement économiques"],
      "nl": ["=oeso", "organisatie voor economische samenwerking en ontwikkeling"]}),
    ("NATO", "IGOWSTNAT", "military", ["nato"],
     {"en": ["north atlantic treaty organisation", "atlantic alliance"], "fr": ["organisation du traité de l'atlantique nord",
                                                                               "alliance atlantique"],
      "nl": ["=navo", "noord-atlantische verdragsorganisatie"]}),
    ("EUFOR", "IGOEUR", "military", [], {"any": ["eufor"], "en": ["eufor althea"]}),
    ("EULEX", "IGOEUR", "police", [], {"any": ["eulex"]}),
    ("KFOR", "IGOWSTNAT", "military", [], {"any": ["kfor"], "en": ["kosovo force"]}),
    ("ISAF", "IGOWSTNAT", "military", [], {"any": ["isaf"], "en": ["international security assistance force"]}),
    ("EUNAVFOR", "IGOEUR", "military", [], {"any": ["eunavfor", "eu navfor"], "en": ["operation atalanta"],
                                            "fr": ["opération atalante"]}),
    ("Takuba Task Force", "IGOEUR", "military", [],
     {"en": ["takuba task force", "task force takuba"], "fr": ["force takuba", "task force takuba"], "nl": ["takuba"]}),
    # Africa
    ("African Union", "IGOAFRAFU", "government", ["aupsc", "pscau"],
     {"en": ["african union commission", "au commission", "au peace and security council",
             "african union peace and security council"],
      "fr": ["commission de l'union africaine", "conseil de paix et de sécurité de l'union africaine"],
      "nl": ["commissie van de afrikaanse unie"]}),
    ("Organization of African Unity", "IGOAFROAU", "government", ["oau", "organization of african unity"],
     {"en": ["=oau", "organisation of african unity"], "fr": ["organisation de l'unité africaine", "=oua"]}),
    ("ECOWAS", "IGOWAFBUSWAS", "government", ["ecowas", "economic community of west african states"], {}),
    ("ECOMOG", "IGOWAF", "military", [], {"any": ["ecomog"]}),
    ("ECOWAS Court of Justice", "IGOWAFJUD", "judiciary", [],
     {"en": ["ecowas court of justice", "ecowas court"], "fr": ["cour de justice de la cedeao"]}),
    ("WAEMU", "IGOWAFDEVWAM", "government", ["west africa monetary and economic union"],
     {"any": ["uemoa"], "en": ["waemu", "west african economic and monetary union"],
      "fr": ["union économique et monétaire ouest-africaine"]}),
    ("BCEAO", "IGOWAF", "government", [],
     {"any": ["bceao"], "en": ["central bank of west african states"], "fr": ["banque centrale des états de l'afrique de l'ouest"]}),
    ("West African Development Bank", "IGOWAFWAD", "government", ["west african development bank", "west africa development bank"],
     {"any": ["=boad"], "fr": ["banque ouest-africaine de développement"]}),
    ("ECCAS", "IGOCAFECA", "government", ["economic community of central african states"],
     {"en": ["eccas"], "fr": ["=ceeac", "communauté économique des états de l'afrique centrale"]}),
    ("CEMAC", "IGOCAFCEM", "government", ["cemac", "monetary and economic community of central africa"],
     {"any": ["cemac"], "fr": ["communauté économique et monétaire de l'afrique centrale"]}),
    ("BEAC", "IGOAFRBCA", "government", ["beac", "bank of central african states"],
     {"any": ["beac"], "fr": ["banque des états de l'afrique centrale"]}),
    ("CEN-SAD", "IGONAFCSS", "government",
     ["censad", "cen sad", "community of sahel saharan states", "community of sahel states", "sahel saharan states"],
     {"any": ["cen-sad", "censad"], "en": ["community of sahel-saharan states"],
      "fr": ["communauté des états sahélo-sahariens"]}),
    ("IGAD", "IGOEAFDEVIAD", "government", ["igad", "intergovernmental authority on development"],
     {"any": ["igad"], "fr": ["autorité intergouvernementale pour le développement"]}),
    ("East African Community", "IGOEAFEAC", "government", ["east african community"],
     {"en": ["=eac"], "fr": ["communauté d'afrique de l'est"], "nl": ["oost-afrikaanse gemeenschap"]}),
    ("SADC", "IGOSAFDEVSAD", "government", ["sadc", "southern african development community"],
     {"any": ["sadc"], "fr": ["communauté de développement d'afrique australe"]}),
    ("COMESA", "IGOAFRBUSCES", "government", ["common market for eastern and southern africa"], {"any": ["comesa"]}),
    ("African Development Bank", "IGOAFRDEVAFB", "government", ["african development bank"],
     {"en": ["=afdb"], "fr": ["banque africaine de développement", "=bad"], "nl": ["afrikaanse ontwikkelingsbank"]}),
    ("Lake Chad Basin Commission", "IGOAFR", "government", [],
     {"en": ["lake chad basin commission", "=lcbc"], "fr": ["commission du bassin du lac tchad", "=cblt"]}),
    ("Multinational Joint Task Force", "IGOAFR", "military", [],
     {"en": ["multinational joint task force", "=mnjtf"], "fr": ["force multinationale mixte", "=fmm"],
      "nl": ["multinationale gezamenlijke taskforce"]}),
    ("Liptako-Gourma Authority", "IGOWAF", "government", [],
     {"en": ["liptako-gourma authority"], "fr": ["autorité du liptako-gourma",
                                                 "autorité de développement intégré de la région du liptako-gourma"]}),
    ("Accra Initiative", "IGOWAF", "government", [], {"en": ["accra initiative"], "fr": ["initiative d'accra"]}),
    ("G5 Sahel Joint Force", "IGOAFR", "military", [],
     {"en": ["g5 sahel joint force", "joint force of the g5 sahel"], "fr": ["force conjointe du g5 sahel",
                                                                          "force conjointe du g5-sahel"]}),
    ("AMISOM", "IGOAFR", "military", [],
     {"any": ["amisom", "atmis"], "en": ["african union mission in somalia", "african union transition mission in somalia"]}),
    ("African Court on Human and Peoples' Rights", "IGOAFRJUD", "judiciary", [],
     {"en": ["african court on human and peoples' rights"], "fr": ["cour africaine des droits de l'homme et des peuples"]}),
    ("Indian Ocean Commission", "IGOAFR", "government", ["indian ocean commission"],
     {"fr": ["commission de l'océan indien"]}),
    # Arab and Muslim world, Asia, Americas
    ("Arab League", "IGOMEAARL", "government", ["arab league"],
     {"en": ["league of arab states"], "fr": ["ligue arabe", "ligue des états arabes"], "nl": ["arabische liga"]}),
    ("Gulf Cooperation Council", "IGOMEA", "government", [],
     {"en": ["gulf cooperation council", "=gcc", "cooperation council for the arab states of the gulf"],
      "fr": ["conseil de coopération du golfe", "=ccg"], "nl": ["samenwerkingsraad van de golf"]}),
    ("Organisation of Islamic Cooperation", "IGOMOSOIC", "government",
     ["oic", "organization of the islamic conference", "organization of islamic conferences"],
     {"en": ["=oic", "organisation of islamic cooperation", "organization of islamic cooperation"],
      "fr": ["organisation de la coopération islamique", "=oci"], "nl": ["organisatie voor islamitische samenwerking"]}),
    ("Arab Maghreb Union", "IGOMEAAMU", "government", ["arab maghreb union"],
     {"fr": ["union du maghreb arabe"]}),
    ("OPEC", "IGOOPC", "government", ["organization of petroleum exporting countries"],
     {"en": ["opec", "organization of the petroleum exporting countries"],
      "fr": ["opep", "organisation des pays exportateurs de pétrole"], "nl": ["opec"]}),
    ("OAPEC", "IGOARBBUSAPE", "government", ["oapec", "organization of arab petroleum exporting countries"], {"any": ["oapec"]}),
    ("ASEAN", "IGOSEAASN", "government",
     ["asean", "association of southeast asian nations", "association of south east asian nations",
      "association of southeast asia nations"],
     {"any": ["asean"], "fr": ["association des nations de l'asie du sud-est"], "nl": ["associatie van zuidoost-aziatische staten"]}),
    ("SAARC", "IGOSASSAA", "government", ["saarc", "south asian association"], {"any": ["saarc"]}),
    ("Shanghai Cooperation Organisation", "IGOCAS", "government", ["shanghai cooperation organization"],
     {"en": ["shanghai cooperation organisation", "=sco"], "fr": ["organisation de coopération de shanghai", "=ocs"],
      "nl": ["shanghai samenwerkingsorganisatie"]}),
    ("Commonwealth of Independent States", "IGOCASCIS", "government", ["commonwealth of independent states"],
     {"fr": ["communauté des états indépendants", "=cei"], "nl": ["gemenebest van onafhankelijke staten", "=gos"]}),
    ("Collective Security Treaty Organization", "IGOCAS", "military", [],
     {"en": ["collective security treaty organization", "collective security treaty organisation", "=csto"],
      "fr": ["organisation du traité de sécurité collective", "=otsc"]}),
    ("Eurasian Economic Union", "IGOCAS", "government", [],
     {"en": ["eurasian economic union"], "fr": ["union économique eurasiatique"]}),
    ("BRICS", "IGO", "government", [], {"any": ["=brics", "brics"]}),
    ("G7", "IGOBUSGOS", "government", ["group of seven"], {"any": ["g7", "g-7"]}),
    ("G20", "IGO", "government", [], {"any": ["g20", "g-20"], "en": ["group of twenty"]}),
    ("G8", "IGOBUSGOE", "government", ["group of eight"], {"any": ["g8", "g-8"]}),
    ("Group of 77", "IGOBUSGSS", "government", ["group of seventy seven"], {"any": ["g77", "g-77"]}),
    ("Non-Aligned Movement", "IGONON", "government", ["organization of non aligned countries"],
     {"en": ["non-aligned movement", "non aligned movement"], "fr": ["mouvement des non-alignés"]}),
    ("Commonwealth of Nations", "IGOCWN", "government", ["commonwealth of nations"],
     {"en": ["the commonwealth", "commonwealth secretariat"]}),
    ("Organisation internationale de la Francophonie", "IGO", "government", ["la francophonie"],
     {"en": ["international organisation of la francophonie", "francophonie"],
      "fr": ["organisation internationale de la francophonie", "francophonie", "=oif"], "nl": ["francofonie"]}),
    ("Organization of American States", "IGOOAS", "government", ["organization of american states"],
     {"en": ["=oas"], "fr": ["organisation des états américains", "=oea"], "nl": ["organisatie van amerikaanse staten"]}),
    ("Mercosur", "IGOSAM", "government", [], {"any": ["mercosur", "mercosul"]}),
    ("CARICOM", "IGOCRB", "government", ["caribbean community"], {"any": ["caricom"]}),
    ("UNASUR", "IGOSAM", "government", ["union of south american nations"], {"any": ["unasur"]}),
    ("Andean Community", "IGOSAM", "government", ["andean community"], {"fr": ["communauté andine"]}),
    ("Inter-American Development Bank", "IGONAMDEV", "government", ["inter american development bank"],
     {"en": ["inter-american development bank", "=idb"], "fr": ["banque interaméricaine de développement"]}),
    ("Asian Development Bank", "IGOASADEVADB", "government", ["asian development bank"], {"en": ["=adb"]}),
    ("EBRD", "IGOEURDEVEBR", "government", ["european bank for reconstruction and development"],
     {"en": ["ebrd"], "fr": ["=berd", "banque européenne pour la reconstruction et le développement"]}),
    ("Islamic Development Bank", "IGOMOSDEVIDB", "government", ["islamic development bank"],
     {"en": ["=isdb"], "fr": ["banque islamique de développement"]}),
    ("Bank for International Settlements", "IGOBUSBIS", "government", ["bank for international settlements"],
     {"fr": ["banque des règlements internationaux"]}),
    ("Nordic Council", "IGOSCN", "government", ["nordic council"], {}),
    ("Pacific Islands Forum", "IGO", "government", [], {"en": ["pacific islands forum"]}),
    ("Nuclear Suppliers Group", "IGOBUS", "government", ["nuclear suppliers group"], {}),
    # Humanitarian and rights organisations
    ("International Committee of the Red Cross", "NGOHLHIRC", "ngo",
     ["international committee of the red cross", "red cross"],
     {"en": ["icrc"], "fr": ["comité international de la croix-rouge", "=cicr", "croix-rouge"],
      "nl": ["internationaal comité van het rode kruis", "rode kruis"]}),
    ("International Federation of Red Cross and Red Crescent Societies", "NGOHLHIRC", "ngo",
     ["international federation of red cross and red crescent", "red crescent"],
     {"en": ["=ifrc", "international federation of red cross and red crescent societies"],
      "fr": ["fédération internationale des sociétés de la croix-rouge et du croissant-rouge", "croissant-rouge", "=ficr"],
      "nl": ["rode halve maan"]}),
    ("Médecins Sans Frontières", "NGOHLHMSF", "health", ["doctors without borders", "medecins sans frontieres"],
     {"any": ["=msf", "médecins sans frontières"], "nl": ["artsen zonder grenzen"]}),
    ("Médecins du Monde", "NGOHLH", "health", ["medecins du monde"],
     {"any": ["médecins du monde"], "en": ["doctors of the world"], "nl": ["dokters van de wereld"]}),
    ("Amnesty International", "NGOHRIAMN", "ngo", ["amnesty international"], {"any": ["amnesty international"]}),
    ("Human Rights Watch", "NGOHRI", "ngo", ["human rights watch"], {"any": ["human rights watch", "=hrw"]}),
    ("International Crisis Group", "NGOICG", "ngo", ["international crisis group"],
     {"any": ["international crisis group"], "en": ["crisis group"]}),
    ("Reporters Without Borders", "NGOHRIMED", "ngo", ["reporters sans frontieres", "reporters without borders"],
     {"any": ["=rsf"], "fr": ["reporters sans frontières"], "nl": ["verslaggevers zonder grenzen"]}),
    ("Committee to Protect Journalists", "NGOHRIMED", "ngo", ["committee to protect journalists"],
     {"any": ["=cpj"], "fr": ["comité pour la protection des journalistes"], "nl": ["comité ter bescherming van journalisten"]}),
    ("International Federation of Journalists", "NGOMED", "ngo", ["international federation of journalists"],
     {"en": ["=ifj"], "fr": ["fédération internationale des journalistes", "=fij"]}),
    ("Oxfam", "NGOXFM", "ngo", ["oxfam"], {"any": ["oxfam", "oxfam international"]}),
    ("Save the Children", "NGODEV", "ngo", ["save the children fund", "save the children international"],
     {"any": ["save the children"], "nl": ["red de kinderen"]}),
    ("CARE International", "NGODEV", "ngo", ["care international"], {"any": ["care international"]}),
    ("World Vision", "NGOCHRDEV", "ngo", ["world vision"], {"any": ["world vision"]}),
    ("Caritas", "NGOCHRCTH", "ngo", ["caritas", "caritas internationalis"], {"any": ["caritas", "caritas internationalis"]}),
    ("Islamic Relief", "NGOMOSDEV", "ngo", ["islamic relief"], {"any": ["islamic relief", "islamic relief worldwide"]}),
    ("Norwegian Refugee Council", "NGONORREF", "ngo", ["norwegian refugee council"],
     {"en": ["=nrc"], "fr": ["conseil norvégien pour les réfugiés"], "nl": ["noorse vluchtelingenraad"]}),
    ("Danish Refugee Council", "NGODNKREF", "ngo", ["danish refugee council"], {"fr": ["conseil danois pour les réfugiés"]}),
    ("International Rescue Committee", "NGOUSA", "ngo", ["international rescue committee"],
     {"en": ["=irc"], "fr": ["comité international de secours"]}),
    ("Action Against Hunger", "NGOHLH", "ngo", ["action against hunger", "action contre la faim"],
     {"fr": ["action contre la faim"], "nl": ["actie tegen honger"]}),
    ("Mercy Corps", "NGO", "ngo", [], {"any": ["mercy corps"]}),
    ("ALIMA", "NGOHLH", "health", [], {"any": ["=alima"]}),
    ("Greenpeace", "NGOENV", "ngo", ["greenpeace"], {"any": ["greenpeace"]}),
    ("Transparency International", "NGODEV", "ngo", ["transparency international"], {"any": ["transparency international"]}),
    ("Freedom House", "NGOUSAHRI", "ngo", ["freedom house", "washington based freedom house"], {"any": ["freedom house"]}),
    ("FIDH", "NGOHRIFID", "ngo", ["international federation of human rights"],
     {"any": ["fidh"], "en": ["international federation for human rights"],
      "fr": ["fédération internationale pour les droits humains", "fédération internationale des ligues des droits de l'homme"]}),
    ("World Economic Forum", "NGOBUSWEF", "business", ["world economic forum"],
     {"fr": ["forum économique mondial"], "nl": ["wereld economisch forum"]}),
    ("Bill and Melinda Gates Foundation", "NGOUSA", "ngo", ["bill and melinda gates foundation", "gates foundation"], {}),
    ("Aga Khan Foundation", "NGOMOSSHI", "ngo", ["aga khan foundation"], {}),
]

# The Red Cross and Red Crescent are NGOs in Phoenix but "IGO" in the PLOVER gold.
ORG_CODE_OVERRIDE = {
    "International Committee of the Red Cross": "IGO",
    "International Federation of Red Cross and Red Crescent Societies": "IGO",
}

# Single words of Phoenix.MilNonState.actors.txt kept as aliases (pattern to use); the others
# are common words, people's single names or too short to be safe.
MILNONSTATE_SINGLE = {
    "al-badr": "al-badr", "al-qaeda": "al-qaeda", "al-qa'ida": "al-qa'ida", "al-qaida": "al-qaida", "al-qa'eda": "al-qa'eda",
    "al-qassam": "al-qassam", "al-shabaab": "al-shabaab", "al-shabab": "al-shabab", "ash-shabaab": "ash-shabaab",
    "shabaab": "shabaab", "al-muhajiroun": "al-muhajiroun", "ansaru": "ansaru", "aqap": "=aqap", "auc": "=auc",
    "eta": "=eta", "ezln": "ezln", "farc": "farc", "farc-ep": "farc-ep", "fateh": "fateh", "al-fatah": "al-fatah",
    "fdlr": "fdlr", "flnc": "flnc", "hamas": "hamas", "hezbollah": "hezbollah", "hizballah": "hizballah",
    "hizbollah": "hizbollah", "hizbullah": "hizbullah", "hezballah": "hezballah", "hizb-e-islami": "hizb-e-islami",
    "hizb-i-islami": "hizb-i-islami", "interahamwe": "interahamwe", "kach": "kach", "kadek": "kadek",
    "kongra-gel": "kongra-gel", "kla": "=kla", "lashkar-e-taiba": "lashkar-e-taiba", "lashkar-e-toiba": "lashkar-e-toiba",
    "mai-mai": "mai-mai", "mayi-mayi": "mayi-mayi", "mnlf": "mnlf", "montoneros": "montoneros", "naxalites": "naxalites",
    "pflp": "pflp", "pflp-gc": "pflp-gc", "pkk": "pkk", "plo": "=plo", "puk": "=puk", "rira": "=rira", "ruf": "=ruf",
    "taliban": "taliban", "taleban": "taleban", "tupamaros": "tupamaros", "uda": "=uda", "unita": "unita",
    "aiai": "=aiai", "grapo": "grapo", "jklf": "jklf", "hpg": "=hpg", "iju": "=iju", "mlf": "=mlf", "prepak": "prepak",
    "chukakuha": "chukakuha", "emgann": "emgann", "iparretarrak": "iparretarrak", "lautaros": "lautaros",
    "macheteros": "macheteros", "jaish-ul-muslimin": "jaish-ul-muslimin", "jamiat-ul-ansar": "jamiat-ul-ansar",
    "jeish-e-mahammed": "jeish-e-mahammed", "lashkar-e-omar": "lashkar-e-omar", "lashkar-i-omar": "lashkar-i-omar",
    "hikmat-ul-jihad": "hikmat-ul-jihad", "dukhtaran-e-millat": "dukhtaran-e-millat", "riyadh-as-saliheen": "riyadh-as-saliheen",
    "saif-ul-muslimeen": "saif-ul-muslimeen", "al-arifeen": "al-arifeen", "al-asifa": "al-asifa", "al-borkan": "al-borkan",
    "al-faran": "al-faran", "al-fuqra": "al-fuqra", "al-mansoorain": "al-mansoorain", "al-saiqa": "al-saiqa",
    "al-zulfikar": "al-zulfikar", "kakh": "kakh", "ms-13": "ms-13", "isis": "=isis", "isil": "=isil", "daesh": "daesh",
    "da'esh": "da'esh", "aqi": "=aqi", "ansf": "=ansf",
}

# Multiword Phoenix aliases of armed groups that are common phrases or name another actor.
MILNONSTATE_REJECT = {
    "direct action", "black star", "revolutionary left", "islamic jihad", "the base", "party of god", "the organization",
    "revolutionary justice organization", "the islamic resistance", "popular resistance", "red brigades", "army of god",
    "burning path", "the movement", "al-aqsa foundation", "martyrs of democracy", "revolutionary cells", "black september",
    "the islamic state", "islamic state", "al qaeda", "al-qaeda", "the new people's army", "islamic army", "new world liberation front",
    "armed resistance unit", "unification and jihad", "monotheism and holy struggle", "ansar al-sharia", "ansar al-shariah",
    "islamic resistance movement", "mujahideen shura council", "tawhid and jihad",
}

# Phoenix entries of the Countries file that are national institutions (not people): words
# that mark them, single words kept (pattern), and aliases too general to name one country's.
INSTITUTION_WORDS = set("""army forces force ministry department council assembly parliament congress senate court
committee commission agency bureau service services directorate office party front movement brigade brigades
guard guards corps police intelligence government regime administration cabinet authority palace house navy
union league federation network group groups organization organisation institute foundation bank university
rifles division regiment militia staff chancellery presidency duma knesset bundestag kremlin republic state
team cell community collective""".split())
INSTITUTION_SINGLE = {
    "knesset": "knesset", "mossad": "mossad", "idf": "=idf", "pla": "=pla", "kremlin": "kremlin", "duma": "duma",
    "bundestag": "bundestag", "bundesrat": "bundesrat", "bundesregierung": "bundesregierung", "peshmerga": "peshmerga",
    "basij": "basij", "gchq": "gchq", "mi6": "mi6", "mi5": "mi5", "cia": "=cia", "fbi": "fbi", "usaid": "usaid",
    "fema": "fema", "nasa": "nasa", "krg": "=krg", "fsb": "=fsb", "dgse": "=dgse", "dcri": "=dcri", "ansf": "=ansf",
    "shabak": "shabak", "scotus": "scotus", "usda": "=usda", "doj": "=doj", "nsc": "=nsc", "dea": "=dea",
    "ergenekon": "ergenekon", "stasi": "stasi", "shin bet": "shin bet", "federal reserve": "federal reserve",
    "pussy riot": "pussy riot", "national coalition": "national coalition", "west point": "west point",
}
# Words that mark a Phoenix entry of the Countries file as not a person.
NON_PERSON_WORDS = {"military", "reserve", "coalition", "observatory", "command", "riot", "islands", "island", "antilles",
                    "human", "rights", "national", "declaration", "federal", "united", "states", "forces", "republic",
                    "kingdom", "territory", "province", "city", "islamic", "revolutionary", "syrian", "free"}


def is_institution(header):
    ts = tokens(header)
    return header in INSTITUTION_SINGLE or any(t in INSTITUTION_WORDS or t in NON_PERSON_WORDS for t in ts)
INSTITUTION_REJECT = {
    "intelligence community", "federal law enforcement", "supreme court justices", "national security council",
    "national security council staff", "national security staff", "federal assembly", "federation council",
    "senate", "bureau of labor statistics", "bureau of land management", "fish and wildlife service", "west wing",
    "state department official", "white house official", "white house spokesman", "special frontier force",
    "general secretary of the socialist unity party", "number downing street", "westminster palace",
}
# Entries that name a post, not a body ("president of the united states"): left to the people.
POST_WORDS = {"president", "secretary", "minister", "ambassador", "representative", "director", "chancellor",
              "vice-president", "attorney", "spokesman", "prime", "bundeskanzler", "premier"}

# CAMEO role codes -> sector.
ROLE_SECTOR = {
    "GOV": "government", "LEG": "legislature", "ELI": "elites", "MIL": "military", "COP": "police",
    "SPY": "intelligence", "JUD": "judiciary", "REB": "rebels", "INS": "rebels", "UAF": "rebels", "IMG": "rebels",
    "OPP": "opposition", "PTY": "parties", "CVL": "civilians", "MED": "media", "EDU": "education", "BUS": "business",
    "MNC": "business", "LAB": "labour", "HLH": "health", "REF": "refugees", "REL": "religion", "CHR": "religion",
    "MUS": "religion", "JEW": "religion", "BUD": "religion", "HIN": "religion", "CRM": "criminals", "AGR": "civilians",
    "HRI": "ngo", "DEV": "ngo", "ENV": "ngo", "NGO": "ngo", "IGO": "government",
}

# Phoenix agent codes -> the group their nouns join.
AGENT_GROUP = {
    "MIL": "military", "COP": "police", "GOV": "government", "LEG": "legislature", "JUD": "judiciary",
    "REB": "rebels", "UAF": "rebels", "INS": "rebels", "OPP": "opposition", "CVL": "civilians", "AGR": "civilians",
    "MED": "media", "BUS": "business", "EDU": "education", "REF": "refugees", "HLH": "health", "REL": "religion",
    "CHR": "religion", "MUS": "religion", "JEW": "religion", "BUD": "religion", "HIN": "religion", "LAB": "labour",
    "CRM": "criminals", "SPY": "intelligence", "NGO": "aid", "HRI": "aid",
}
# Agent nouns that go to another group than their code says, or nowhere (None).
AGENT_OVERRIDE = {
    "rioter": "protesters", "rioters": "protesters", "picketer": "protesters", "picketers": "protesters",
    "protest group": "protesters", "protest groups": "protesters", "protest leader": "protesters",
    "protest leaders": "protesters", "opposition demonstrator": "protesters", "opposition demonstrators": "protesters",
    "security force": "police", "security forces": "police", "demonstrator": "protesters",
}
# Words that make an agent noun a thing (weapon, vehicle, place) or too vague to be an actor.
AGENT_STOP_WORDS = set("""aircraft airliner airliners plane planes jet jets jetliner jetliners helicopter helicopters gunship
gunships drone drones uav uavs missile missiles ship ships vessel vessels boat boats destroyer destroyers frigate frigates
corvette corvettes cruiser cruisers carrier carriers submarine submarines battleship battleships battlewagon battlewagons
tank tanks bomber bombers apache harrier mirage kfir mig sukhoi raptor raptors hornet hornets falcon falcons osprey orion
poseidon reaper predator tomcat tomahawk typhoon eurofighter nighthawk chinook hmmwv humvee humvees scud phalanx echelon
dragonfly artillery mortar machine machines gun guns vehicle vehicles base bases barracks facility facilities position
positions presence storage craft warplane warplanes warship warships weapons transport system systems stealth privateer
privateers fire firefighter firefighters meteorological tourism aviation building buildings consulate consulates embassy
embassies website websites site sites blog blogs tabloid tabloids magazine magazines gazette gazettes publication
publications station stations telecom company's prison prisons jail jails village villages settlement settlements
neighborhood neighborhoods neighbourhood neighbourhoods town towns city cities internet leading a an the kingdom
kingdoms governance bureaucracy crusader crusaders turncoat turncoats recreant recreants objector objectors exile exiles
native natives customer customers mother mothers girl girls infant infants child tenant tenants constituent constituents
hiker hikers sightseer sightseers excursionist excursionists tourer tourers backpacker backpackers athlete athletes
adoption naturalized repatriate repatriates rabble onlooker onlookers mourner mourners victim victims uprising uprisings
revolt revolts rebellion rebellions insurgence insurgency insurgencies looter looters pillager pillagers plunderer
plunderers raider raiders chancery consistory judicatory judicature conveyancer conveyancers pleader pleaders stipendiary
stipendiaries""".split())
AGENT_STOP_SINGLE = set("""general generals major majors private privates captain colonel lieutenant commander commandant
admiral corporal sergeant ensign deputy deputies chief chiefs head heads leader member members king kings queen queens
emperor empress prince princes governor mayor chancellor consul envoy secretary director authority administration
cabinet community communities boss bosses woman man men person persons people writer writers publisher publishers
commentator commentators counsel counsels counselor counselors counsellor counsellors advocate advocates attorney
attorneys engineer engineers scientist scientists hunter hunters traveler travelers traveller travellers passenger
passengers tourist tourists colonist colonists immigrant immigrants elector electors voter voters electorate mob
landholder landholders landowner landowners shopkeeper shopkeepers exiled defector reformer reformers reformist
reformists dissenter dissenters campaigner campaigners detainee detainees mutineer deserter deserters legate legates
emissary emissaries dictator despot despots autocrat autocrats bureaucrat junior staff staffs echelons naval military
national federal international""".split())

# New sector groups (nouns written for this project; Phoenix adds English agent nouns).
NEW_GROUPS = [
    {"group": "legislature", "sector": "legislature", "focus_when_bare": True, "bare_name": "Legislature",
     "with_country": "{country} legislature",
     "nouns": {"en": ["parliament", "parliaments", "lawmakers", "legislators", "mps", "members of parliament", "senators",
                      "senate", "national assembly", "congress", "house of representatives", "lower house", "upper house",
                      "parliamentarians", "legislature", "transitional legislative council"],
               "fr": ["parlement", "parlementaires", "députés", "sénateurs", "sénat", "assemblée nationale",
                      "conseil national de la transition", "conseil national de transition", "conseil national de la refondation",
                      "assemblée législative de transition", "conseil législatif"],
               "nl": ["parlement", "parlementariërs", "parlementsleden", "kamerleden", "senaat", "senatoren",
                      "nationale assemblee", "nationale vergadering", "volksvertegenwoordiging", "tweede kamer", "eerste kamer"]}},
    {"group": "judiciary", "sector": "judiciary", "focus_when_bare": True, "bare_name": "Judiciary",
     "with_country": "{country} judiciary",
     "nouns": {"en": ["judges", "judge", "court", "courts", "supreme court", "constitutional court", "high court",
                      "appeals court", "court of appeal", "tribunal", "military court", "military tribunal", "prosecutors",
                      "prosecutor", "public prosecutor", "magistrates", "magistrate", "judiciary", "judicial authorities",
                      "lawyers", "lawyer"],
               "fr": ["juges", "juge", "tribunal", "tribunaux", "cour", "cour suprême", "cour constitutionnelle",
                      "cour d'appel", "conseil constitutionnel", "tribunal militaire", "procureur", "procureurs", "parquet",
                      "ministère public", "magistrats", "magistrat", "autorités judiciaires", "avocats", "avocat",
                      "pôle judiciaire spécialisé"],
               "nl": ["rechters", "rechter", "rechtbank", "rechtbanken", "hooggerechtshof", "grondwettelijk hof",
                      "constitutioneel hof", "hof van beroep", "militaire rechtbank", "aanklager", "aanklagers",
                      "openbaar ministerie", "officier van justitie", "justitie", "advocaten", "advocaat"]}},
    {"group": "business", "sector": "business", "bare_name": "Business", "with_country": "{country} business",
     "nouns": {"en": ["companies", "company", "firms", "firm", "businesses", "businessmen", "business leaders", "investors",
                      "corporations", "multinationals", "mining company", "mining companies", "oil companies", "oil company",
                      "banks", "bankers", "employers"],
               "fr": ["entreprises", "entreprise", "sociétés", "compagnies", "compagnie", "firmes", "hommes d'affaires",
                      "investisseurs", "patronat", "multinationales", "sociétés minières", "société minière",
                      "compagnie minière", "compagnies pétrolières", "banques", "opérateurs économiques"],
               "nl": ["bedrijven", "bedrijf", "ondernemingen", "onderneming", "zakenlieden", "investeerders",
                      "multinationals", "mijnbouwbedrijven", "mijnbouwbedrijf", "oliemaatschappijen", "oliemaatschappij",
                      "banken", "werkgevers"]}},
    {"group": "education", "sector": "education", "bare_name": "Students", "with_country": "{country} students",
     "nouns": {"en": ["students", "student", "pupils", "schoolchildren", "teachers", "teacher", "university",
                      "universities", "lecturers", "academics", "professors"],
               "fr": ["étudiants", "étudiant", "élèves", "enseignants", "enseignant", "professeurs", "universitaires",
                      "université", "universités", "lycéens", "écoliers"],
               "nl": ["studenten", "student", "scholieren", "leerlingen", "leraren", "docenten", "universiteit",
                      "universiteiten", "academici", "hoogleraren"]}},
    {"group": "refugees", "sector": "refugees", "bare_name": "Refugees", "with_country": "{country} refugees",
     "nouns": {"en": ["refugees", "refugee", "displaced people", "displaced persons", "internally displaced people",
                      "internally displaced persons", "idps", "asylum seekers", "asylum-seekers", "returnees", "evacuees"],
               "fr": ["réfugiés", "réfugié", "déplacés", "personnes déplacées", "déplacés internes", "demandeurs d'asile",
                      "rapatriés"],
               "nl": ["vluchtelingen", "vluchteling", "ontheemden", "intern ontheemden", "asielzoekers", "ontheemde mensen"]}},
    {"group": "health", "sector": "health", "bare_name": "Health workers", "with_country": "{country} health workers",
     "nouns": {"en": ["doctors", "doctor", "nurses", "nurse", "health workers", "medics", "medical staff", "paramedics",
                      "hospital", "hospitals", "health officials", "health authorities"],
               "fr": ["médecins", "médecin", "infirmiers", "infirmières", "agents de santé", "personnel soignant",
                      "personnel médical", "soignants", "hôpital", "hôpitaux", "autorités sanitaires"],
               "nl": ["artsen", "arts", "dokters", "verpleegkundigen", "zorgverleners", "medisch personeel",
                      "gezondheidswerkers", "ziekenhuis", "ziekenhuizen", "gezondheidsautoriteiten"]}},
    {"group": "religion", "sector": "religion", "bare_name": "Religious leaders", "with_country": "{country} religious leaders",
     "nouns": {"en": ["religious leaders", "clerics", "cleric", "imams", "imam", "priests", "priest", "bishops", "bishop",
                      "clergy", "pastors", "pastor", "monks", "rabbis", "muslim leaders", "christian leaders", "ulema", "marabouts",
                      "church", "churches", "nuns", "nun", "missionaries", "missionary"],
               "fr": ["chefs religieux", "leaders religieux", "autorités religieuses", "imams", "imam", "prêtres", "prêtre",
                      "évêques", "évêque", "clergé", "pasteurs", "pasteur", "oulémas", "marabouts", "église catholique",
                      "religieuses", "missionnaires", "missionnaire"],
               "nl": ["religieuze leiders", "geestelijken", "geestelijke", "imams", "imam", "priesters", "priester",
                      "bisschoppen", "bisschop", "dominees", "dominee", "predikanten", "predikant", "katholieke kerk", "nonnen", "zendelingen",
                      "zendeling", "missionarissen", "missionaris"]}},
    {"group": "labour", "sector": "labour", "bare_name": "Trade unions", "with_country": "{country} trade unions",
     "nouns": {"en": ["trade unions", "trade union", "unions", "labor unions", "labour unions", "labor union",
                      "labour union", "union leaders", "workers", "strikers", "dockworkers", "miners"],
               "fr": ["syndicats", "syndicat", "centrales syndicales", "syndicalistes", "travailleurs", "ouvriers",
                      "grévistes", "salariés"],
               "nl": ["vakbonden", "vakbond", "vakbondsleiders", "arbeiders", "werknemers", "stakers", "mijnwerkers"]}},
    {"group": "criminals", "sector": "criminals", "bare_name": "Criminals", "with_country": "{country} criminals",
     "nouns": {"en": ["bandits", "bandit", "armed bandits", "criminals", "criminal gangs", "gangs", "gang members",
                      "smugglers", "traffickers", "drug traffickers", "kidnappers", "pirates", "robbers", "cattle rustlers",
                      "rustlers", "poachers"],
               "fr": ["bandits", "bandits armés", "criminels", "gangs", "trafiquants", "trafiquants de drogue",
                      "contrebandiers", "ravisseurs", "pirates", "coupeurs de route", "braqueurs", "voleurs de bétail"],
               "nl": ["bandieten", "criminelen", "bendes", "smokkelaars", "drugssmokkelaars", "mensensmokkelaars",
                      "ontvoerders", "piraten", "overvallers", "veedieven"]}},
    {"group": "intelligence", "sector": "intelligence", "focus_when_bare": True, "bare_name": "Intelligence services",
     "with_country": "{country} intelligence services",
     "nouns": {"en": ["intelligence services", "intelligence service", "intelligence agency", "intelligence agencies",
                      "spy agency", "secret service", "secret services", "intelligence officials", "intelligence officers",
                      "spies"],
               "fr": ["services de renseignement", "service de renseignement", "services secrets", "agents de renseignement",
                      "espions"],
               "nl": ["inlichtingendiensten", "inlichtingendienst", "geheime dienst", "geheime diensten", "spionnen"]}},
    {"group": "aid", "sector": "ngo", "bare_name": "Aid organisations", "with_country": "{country} aid organisations",
     "nouns": {"en": ["aid groups", "aid group", "aid agencies", "aid agency", "aid organisations", "aid organizations",
                      "humanitarian organisations", "humanitarian organizations", "humanitarian agencies",
                      "humanitarian workers", "humanitarian worker", "aid workers", "aid worker", "ngo workers",
                      "ngo worker", "ngos", "charities", "non-governmental organisations",
                      "non-governmental organizations", "rights groups", "rights group", "human rights groups",
                      "human rights group", "human rights organisations", "human rights organizations", "humanitarians"],
               "fr": ["=ong", "organisations humanitaires", "humanitaires", "travailleurs humanitaires", "travailleur humanitaire",
                      "agences humanitaires",
                      "organisations non gouvernementales", "organisations de défense des droits de l'homme",
                      "organisations de défense des droits humains", "associations de défense des droits humains"],
               "nl": ["ngo's", "=ngo", "hulporganisaties", "hulporganisatie", "hulpverleners", "hulpverlener", "humanitaire organisaties",
                      "mensenrechtenorganisaties", "mensenrechtenorganisatie", "mensenrechtengroepen"]}},
    # Not actors: geographic phrases with a country's name inside ("Lake Chad", "New Mexico") and
    # common phrases with a country's name as a common word ("guinea pig"). They are matched so
    # that the country inside is not.
    {"group": "not_countries", "sector": "none", "ignore": True, "bare_name": "-",
     "nouns": {"en": ["new mexico", "new guinea", "gulf of guinea", "lake chad", "lake chad basin", "niger delta",
                      "niger river", "river niger", "congo river", "congo basin", "senegal river", "gambia river",
                      "benin city", "guinea pig", "guinea pigs", "guinea fowl", "guinea worm", "new jersey",
                      "new south wales", "south china sea", "east china sea", "fine china", "jordan river", "river jordan",
                      "jordan valley", "roast turkey", "turkey meat", "cold turkey", "georgia state", "state of georgia"],
               "fr": ["lac tchad", "bassin du lac tchad", "delta du niger", "fleuve niger", "golfe de guinée",
                      "nouvelle-guinée", "nouveau-mexique", "mer de chine", "mer de chine méridionale", "fleuve congo",
                      "bassin du congo", "fleuve sénégal", "cochon d'inde", "cochons d'inde", "vallée du jourdain"],
               "nl": ["golf van guinee", "nieuw-guinea", "new mexico", "zuid-chinese zee", "oost-chinese zee",
                      "congobekken", "meer van tsjaad", "jordaanvallei"]}},
]

# Titles that may start a Phoenix person alias (longest first when stripping). The English
# ones become the person's `titles`.
PERSON_TITLES = sorted(set("""prime minister|deputy prime minister|foreign minister|defense minister|defence minister
|interior minister|finance minister|minister of defense|minister of defence|minister of foreign affairs|vice president
|vice-president|president|premier|chancellor|minister|secretary of state|secretary-general|secretary general|secretary
|general|gen|lieutenant general|lt gen|major general|maj gen|brigadier general|brig gen|colonel|col|admiral|field marshal
|marshal|commander|king|queen|crown prince|prince|princess|emir|sheikh|sheik|shaikh|sultan|grand ayatollah|ayatollah
|cardinal|pope|mr|mrs|ms|dr|sir|lord|lady|baroness|baron|senator|sen|governor|mayor|chairman|ambassador|speaker
|supreme leader|opposition leader|leader|judge|justice|imam|rabbi|bishop|archbishop|mullah|maulana|sayyid|sayyed|seyyed
|sayed|hajji|haji|comrade|former president|former prime minister|ousted president|interim president|acting president
|chief|chief of staff|army chief|spokesman|foreign secretary|home secretary|defense secretary|defence secretary""".replace("\n", "").split("|")),
                       key=lambda t: (-len(t.split()), t))
PERSON_STOP_WORDS = INSTITUTION_WORDS | {"'s", "forces", "officials", "official", "spokesman", "supporters", "loyalists",
                                         "government", "regime", "the", "of", "and", "linked", "led", "backed", "based"}
# Person aliases too close to common phrases.
PERSON_ALIAS_DROP = {"in tam", "west point", "central command", "pacific command"}
# People's words that are not names (aliases with them are dropped).
NAME_PARTICLES = {"al", "el", "bin", "ibn", "ben", "abu", "de", "da", "di", "do", "dos", "das", "du", "del", "van", "von",
                  "der", "den", "la", "le", "ould", "y", "e"}


def cameo_country(code3, iso3s):
    if code3 in iso3s:
        return code3
    return {"KSV": "XKX", "ANG": "AGO"}.get(code3, code3)  # ANG: a Phoenix typo for Angola


def split_cameo(code, iso3s):
    """`TURGOV` -> (TUR, GOV); `GBRVGBGOV` -> (VGB, GOV) for a territory; `IGOUNO` -> (IGO, UNO)."""
    c3, rest = code[:3], code[3:]
    if len(rest) >= 3 and rest[:3] in iso3s and rest[:3] not in ROLE_SECTOR:
        c3, rest = rest[:3], rest[3:]
    return cameo_country(c3, iso3s), rest


def sector_of(rest, default="government"):
    for i in range(0, len(rest), 3):
        s = ROLE_SECTOR.get(rest[i : i + 3])
        if s:
            return s
    return default


def org_sector(cameo):
    """Sector of an organisation from its CAMEO code (after the IGO/NGO/country prefix)."""
    rest = cameo[3:]
    roles = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    for r in roles:
        if r in ("MIL", "JUD", "COP", "HLH", "MED"):
            return ROLE_SECTOR[r]
    if cameo.startswith("NGO"):
        for r in roles:
            if r in ("EDU", "BUS", "LAB", "REL", "CHR", "MUS", "JEW", "REF"):
                return ROLE_SECTOR[r]
        return "ngo"
    return "government"


def strip_parens(name):
    return re.sub(r"\([^)]*\)", " ", name)


def phoenix_org_aliases(names, single_ok):
    out = []
    for n in names:
        p = phoenix_phrase(strip_parens(n))
        if not p:
            continue
        if len(tokens(p)) >= 2:
            out.append(p)
        elif p in single_ok:
            out.append(single_ok[p])
    return out


def build_orgs(iso3s, adjective_country):
    """Organisations: the curated international ones, armed groups, national institutions.
    `adjective_country`: each country's English adjectives, to its code."""
    intl = read_phoenix("Phoenix.International.actors.txt")
    by_header = {}
    for e in intl:
        if e["names"]:
            h = phoenix_phrase(e["names"][0])
            if h:
                by_header.setdefault(h, []).append(e)
    orgs = []
    for name, cameo, sector, keys, aliases in ORGS:
        en = []
        for k in keys:
            ents = by_header.get(k)
            if not ents:
                sys.stderr.write(f"make_actors: no Phoenix entry `{k}` for {name}\n")
                continue
            for e in ents:
                en += phoenix_org_aliases(e["names"], {})
        al = {lang: list(aliases.get(lang, [])) for lang in KINDS}
        al["en"] += en
        code = ORG_CODE_OVERRIDE.get(name, cameo[:3])
        orgs.append({"name": name, "code": code, "cameo": cameo, "sector": sector, "aliases": al, "kind": "international"})

    # Armed non-state groups.
    mil = read_phoenix("Phoenix.MilNonState.actors.txt")
    groups = {}
    for e in mil:
        roles = phoenix_roles(e["codes"])
        if not roles or not e["names"]:
            continue
        code = roles[0][0]
        header = phoenix_phrase(strip_parens(e["names"][0]))
        if not header:
            continue
        ts = tokens(header)
        if not any(t in GROUP_WORDS or t.startswith(("al-", "jama", "harak", "hizb", "lashk", "jaish", "tanz")) for t in ts) \
                and header not in MILNONSTATE_SINGLE and header not in HAND_ORG_LINK:
            continue  # a person (the KEDS list of militants) or a name too vague
        als = [a for a in phoenix_org_aliases(e["names"], MILNONSTATE_SINGLE) if a not in MILNONSTATE_REJECT]
        als = [a for a in als if not person_like(a)]
        if not als:
            continue
        c3, rest = split_cameo(code, iso3s)
        if c3 not in iso3s:
            # A region's code ("MEA") for a group whose name starts with a country's
            # adjective ("Palestinian Islamic Jihad"): the name says the country.
            c3 = next((adjective_country[" ".join(ts[:n])] for n in (2, 1)
                       if " ".join(ts[:n]) in adjective_country), c3)
        slot = groups.setdefault(header, {"name": title_name(header), "code": c3, "cameo": code, "sector": "rebels",
                                          "aliases": {k: [] for k in KINDS}, "kind": "armed group"})
        slot["aliases"]["any"] += als
    orgs += [groups[k] for k in sorted(groups)]

    # National institutions of the Countries file (undated, not CountryInfo people).
    for e in read_phoenix("Phoenix.Countries.actors.txt"):
        roles = phoenix_roles(e["codes"])
        if not roles or "CountryInfo" in e["comment"] or not e["names"]:
            continue
        code = roles[-1][0]
        if len(code) < 6 or (any(r[3] for r in roles) and not code.startswith("IMG")):
            continue
        c3, rest = split_cameo(code, iso3s)
        if not rest or rest[:3] not in ROLE_SECTOR:
            continue  # a territory
        header = phoenix_phrase(strip_parens(e["names"][0]))
        if not header:
            continue
        ts = tokens(header)
        if any(t in POST_WORDS for t in ts):
            continue
        if not is_institution(header):
            continue  # a person: see build_people
        als = [a for a in phoenix_org_aliases(e["names"], INSTITUTION_SINGLE) if a not in INSTITUTION_REJECT]
        als = [a for a in als if not any(t in POST_WORDS for t in tokens(a)) and not person_like(a)]
        if not als:
            continue
        display = header.upper() if INSTITUTION_SINGLE.get(header, "").startswith("=") else title_name(header)
        orgs.append({"name": display, "code": c3, "cameo": code,
                     "sector": "rebels" if c3 == "IMG" else sector_of(rest),
                     "aliases": {"any": [], "en": als, "fr": [], "nl": []}, "kind": "national"})
    return orgs


GROUP_WORDS = set("""army armies front fronts brigade brigades movement movements organization organisation organizations
party parties group groups cells cell council forces force liberation jihad mujahideen mujahidin mujahedin mujahedeen
committee committees union federation league network squad squads battalion battalions nuclei nucleus command commandos
commando resistance revolutionary guerrilla guerrillas guerrillas militia militias rebels fighters brotherhood sons martyrs
legion unit units association alliance coalition faction wing action struggle attack combat youth guard guards
insurgents mujahideen shabaab taliban hezbollah hizbollah hizballah hamas unita farc eta kach fedayeen tigers
partisans patriots defenders vanguard believers jund ansar ansaru boko haram irish islamic""".split())


def person_like(phrase):
    """An alias that is a known person's, or a title and a known surname ("sheikh nasrallah"):
    a leader listed under a group's names, left to the people."""
    if phrase in PERSON_NAMES_SEEN:
        return True
    ts = tokens(phrase)
    return len(ts) <= 4 and ts[-1] in PERSON_SURNAMES and not any(t in GROUP_WORDS for t in ts)


PERSON_NAMES_SEEN = set()  # filled by main before build_orgs runs
PERSON_SURNAMES = set()


def strip_person_titles(phrase, adjectives_en):
    """Leading country adjectives and titles off a Phoenix alias: (titles, rest words)."""
    words = phrase.split()
    titles = []
    changed = True
    while changed and words:
        changed = False
        for n in (3, 2, 1):
            head = " ".join(words[:n])
            if len(words) > n and head in adjectives_en:
                words = words[n:]
                changed = True
                break
        for t in PERSON_TITLES:
            tw = t.split()
            if len(words) > len(tw) and words[: len(tw)] == tw:
                titles.append(t)
                words = words[len(tw):]
                changed = True
                break
    return titles, words


def iso(d):
    return d.isoformat() if d else None


def build_people(iso3s, adjectives_en):
    """People with dated roles from Phoenix (Countries and International files)."""
    people = {}
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for e in read_phoenix(fname):
            roles = phoenix_roles(e["codes"])
            if not roles or not e["names"]:
                continue
            header = phoenix_phrase(strip_parens(e["names"][0]))
            if not header or is_institution(header):
                continue
            titles, words = strip_person_titles(header, adjectives_en)
            if not 2 <= len(words) <= 6:
                continue
            if any(w in PERSON_STOP_WORDS or w in POST_WORDS for w in words):
                continue
            if all(w in NAME_PARTICLES for w in words[:-1]) and len(words) == 2:
                continue
            dated = [r for r in roles if r[3]]
            if fname.endswith("International.actors.txt") and not dated:
                continue  # undated IGO/NGO entries are mostly staff, not leaders
            if not dated and "CountryInfo" in e["comment"]:
                continue
            use = dated or roles
            parsed = []
            for code, f, u, _d in use:
                if len(code) <= 3:
                    continue
                c3, rest = split_cameo(code, iso3s)
                if not rest:
                    continue
                parsed.append({"country": c3, "sector": sector_of(rest), "role": rest, "from": f, "until": u})
            if not parsed:
                continue
            if dated and not any(
                (r["until"] is None and r["from"] is not None) or (r["until"] and r["until"] >= PEOPLE_CUTOFF) for r in parsed
            ):
                continue
            name = title_name(" ".join(words))
            k = fold(name).lower().replace("-", " ").replace("'", "").replace(".", "")
            slot = people.setdefault(k, {"name": name, "roles": [], "aliases": [], "titles": [], "synonyms": 0})
            slot["roles"] += parsed
            slot["synonyms"] += len(e["names"]) - 1
            for n in e["names"]:
                p = phoenix_phrase(strip_parens(n))
                if not p:
                    continue
                t, w = strip_person_titles(p, adjectives_en)
                if any(x in PERSON_STOP_WORDS or x in POST_WORDS for x in w):
                    continue
                if len(w) >= 2:
                    slot["aliases"].append(" ".join(w))
                elif len(w) == 1 and t and w[0] not in NAME_PARTICLES:
                    slot["aliases"].append(t[-1] + " " + w[0])
                slot["titles"] += [x for x in t if x not in ("mr", "mrs", "ms", "dr")]
    out = []
    for k in sorted(people):
        p = people[k]
        seen, roles = set(), []
        for r in sorted(p["roles"], key=lambda r: (r["from"] or datetime.date.min, r["until"] or datetime.date.max,
                                                    r["country"], r["role"])):
            rk = (r["country"], r["role"], r["from"], r["until"])
            if rk not in seen:
                seen.add(rk)
                roles.append(r)
        latest = max(roles, key=lambda r: (r["until"] or datetime.date.max, r["from"] or datetime.date.min))
        aliases = uniq([a for a in p["aliases"] if valid(a) and len(tokens(a)) >= 2 and a not in PERSON_ALIAS_DROP
                        and not is_institution(a)])
        if not aliases:
            continue
        out.append({
            "name": p["name"], "country": latest["country"], "role": latest["role"], "sector": latest["sector"],
            "titles": uniq(p["titles"]), "aliases": aliases,
            "roles": [{"country": r["country"], "sector": r["sector"], "role": r["role"], "from": iso(r["from"]),
                       "until": iso(r["until"])} for r in roles],
            "_rank": person_rank(roles, p["synonyms"]),
        })
    return out


def person_rank(roles, synonyms):
    """Who matters most in news: leaders first (Phoenix gives heads of state and government an
    elite role around their time in office, and titled synonyms), then security posts and
    ministers; recent first."""
    leader = 1 if synonyms or any(r["role"].startswith("ELI") for r in roles) else 0
    best, recent = 0, 0
    for r in roles:
        active = (r["until"] is None) or r["until"] >= PEOPLE_CUTOFF
        if not active:
            continue
        rest = r["role"]
        if rest in ("GOV", "MIL", "OPP", "REB", "COP", "SPY", "JUD", "LEG") or rest[3:] in ("MIL", "SPY", "COP"):
            imp = 3
        elif rest.startswith(("GOV", "MIL", "OPP", "REB", "LEG", "JUD")):
            imp = 2
        else:
            imp = 1
        best = max(best, imp)
        year = (r["until"] or datetime.date(2016, 12, 31)).year
        recent = max(recent, year)
    return (leader, best, recent)


def read_agents():
    """Phoenix.agents.txt: (noun, code) with plurals; macros !PERSON! and !MINIST! expanded."""
    macros = {}
    out = []
    with open(PHOENIX / "Phoenix.agents.txt", encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    for line in lines:
        m = re.match(r"^\s*(![A-Z]+!)\s*=\s*(.*)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
    for line in lines:
        line = line.split("#", 1)[0].rstrip()
        if not line.strip() or "=" in line:
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[(~?[A-Z]+~?)\]\s*$", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip("~")
        forms = [(phrase, plural)]
        for mac, subs in macros.items():
            if mac in phrase:
                forms = [(phrase.replace(mac, s), "{}") for s in subs if s != "PERSON"]
        for ph, pl in forms:
            p = phoenix_phrase(ph)
            if not p:
                continue
            out.append((p, code, p))
            if pl is None:
                q = english_plural(p)
                if q:
                    out.append((q, code, p))
            elif pl.strip("{} "):
                q = phoenix_phrase(pl.strip("{} "))
                if q:
                    out.append((q, code, p))
    return out


def english_plural(p):
    """Regular English plural of a phrase's last word; None for plurals and mass nouns."""
    words = p.split()
    w = words[-1]
    if (w.endswith("s") and not w.endswith("ss")) or w.endswith(("men", "people", "children", "ren")) or w in AGENT_MASS:
        return None
    if w.endswith("man"):
        w = w[:-3] + "men"
    elif w == "child":
        w = "children"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        w = w[:-1] + "ies"
    elif w.endswith(("s", "sh", "ch", "x", "z")):
        w = w + "es"
    elif w.endswith("fe"):
        w = w[:-2] + "ves"
    else:
        w = w + "s"
    return " ".join(words[:-1] + [w])


AGENT_MASS = set("""personnel police intelligence information media clergy crime labor labour press staff military artillery
infantry cavalry soldiery leadership electorate enforcement security aid business industry aerospace agrobusiness tv
television judiciary gendarmerie gendarmery gangdom mafia maffia population opposition government administration
authority bureaucracy governance presidency chancellery secretariat""".split())

# Agent nouns left out after review: abbreviations, misspellings, things and places, and words
# that are mostly something else in news text.
AGENT_DROP = set("""adm adms capt capts col cols gen gens ens enses lt lts maj majs cmdr cmdrs brigaider brigaiders
gendermarie gendermaries navals militaries kfir kfirs mig migs hmmwv hmmwvs jetfighter jetfighters phalanx phalanxes
fireman firemen firewoman firewomen fireperson governances polity polities sovereign sovereigns state-owned semi-official
semi-officials monarches secretariate secretariates bureaucracies premier premiers emperors empresses
childs agriculturalist agriculturist cropper croppers granger grangers husbandman husbandmen husbandwoman husbandwomen
naturalized mobs electorates demonstrator cyberdissidents insurgences filmaker filmakers telecoms televisions tvs
spokesmen spokeswomen assemblage assemblages chamber chambers congresses delegate delegates promulgator promulgators
lawgiver lawgivers representatives chanceries consistories judicatories judicatures judiciaries counsellor-at-law
aerospace airway airways bargainer bargainers cabinetmaker cabinetmakers containership containerships freighter
freighters jumbojet jumbojets manafacture manafactures monger mongers oiler oilers supertanker supertankers tanker
tankers waiter waiters waitress waitresses landlord landlords producer producers enterpreneur enterpreneurs
agrobusiness business industry industries businessperson businesspersons college colleges conservatory conservatories
educatee educatees kindergarden kindergardens kindergarten kindergartens kindergartner kindergartners preschool
preschools school schools schoolhouse schoolhouses doc foster-nurse foster-nurses infirmary infirmaries sanatarium
sanatariums sanatorium sanatoriums sanitarium sanitariums nanny nannies nursemaid nursemaids midwive tinginist
tinginists opthamologist opthamologists caseworker caseworkers buddhist buddhists christian christians hindu hindus
jew jews jewish jewishes muslim muslims moslem moslems islamic islamics islamist islamists hebrew hebrews sunni sunnis
anglican anglicans maronite maronites unitarian unitarians hasid hasids hasidim hasidims believer believers pilgrim
pilgrims worshiper worshipers worshipper religion religions monastery monasteries kanidurgu kanidurgus branokker
branokkers gangdom gangland ganglands gaolbird gaolbirds jailbird jailbirds cutpurse cutpurses larcener larceners
larcenist larcenists malefactor malefactors snitcher snitchers traffiker traffikers kidnaper kidnapers maffia maffias
mafioso mafiosos perpetrator perpetrators culprit culprits killer killers intelligence intelligences muhabarat
muhabarats mukabarat mukabarats mukhabarats operative operatives tyrant tyrants potentate potentates praesidium
praesidiums presidium presidiums regulator regulators ruler rulers dictators insurrectionist insurrectionists
gunslinger gunslingers triggerman marauder marauders janjaweeds""".split()) | {
    "national council", "national councils", "left wing coalition", "left wing coalitions", "right wing coalition",
    "right wing coalitions", "majority party", "majority parties", "intelligence information", "intelligence operation",
    "intelligence operations", "intelligence activity", "intelligence activities", "muslim hospital", "muslim hospitals",
    "savings and loan", "savings and loans", "prisoner of war", "prisoners of war", "weekend warrior", "weekend warriors",
    "soldiers and their families", "soldiers with their families", "soldiers along with their families",
    "court supreme", "court supremes", "mental institution", "mental institutions", "oil tanker", "oil tankers",
    "religious person", "religious persons", "holy person", "holy persons", "sea rover", "sea rovers",
}


def build_groups(hand_groups):
    """Hand groups (English nouns extended from Phoenix) and the new sector groups."""
    groups = [json.loads(json.dumps(g)) for g in hand_groups]
    for g in NEW_GROUPS:
        g = json.loads(json.dumps(g))
        groups.append(g)
    by_name = {g["group"]: g for g in groups}
    added = {g["group"]: [] for g in groups}
    for noun, code, base in read_agents():
        ts = tokens(noun)
        if not ts or ts[-1] in ("in", "to", "at", "for", "of", "and", "on"):
            continue
        if any(t in AGENT_STOP_WORDS for t in ts + tokens(base)):
            continue
        if len(ts) == 1 and (ts[0] in AGENT_STOP_SINGLE or base in AGENT_STOP_SINGLE):
            continue
        if noun in AGENT_DROP or base in AGENT_DROP:
            continue
        target = AGENT_OVERRIDE.get(noun, AGENT_GROUP.get(code[:3]))
        if target is None or target not in by_name:
            continue
        added[target].append(noun)
    for g in groups:
        if g.get("junta") or g.get("ignore"):
            continue
        g.setdefault("nouns", {})
        g["_derived_en"] = uniq(added[g["group"]])
    return groups


# Armed groups and institutions of Phoenix that are hand-written organisations.
HAND_ORG_LINK = {
    "al qa'ida": "Al-Qaeda", "the islamic state": "Islamic State", "islamic state of iraq and the levant": "Islamic State",
    "al-qaeda organization in the islamic maghreb": "AQIM", "boko haram": "Boko Haram",
}


# ---------------------------------------------------------------------------------------------
# Merging, conflicts, output

PRIORITY = {"country": 0, "group": 1, "international": 2, "national": 3, "armed group": 4, "person": 5}
PREFER = {"saint-martin": "MAF", "saint martin": "MAF"}


def perlang(d):
    d = d or {}
    return {k: list(d.get(k, [])) for k in KINDS}


def effective(pl, lang):
    return [p for p in pl.get("any", [])] + [p for p in pl.get(lang, [])]


def combine(hand_pl, derived_by_lang):
    """Hand lists as written, then the derived patterns the hand lacks ("any" when in all three)."""
    hand_pl = perlang(hand_pl)
    adds = {}
    for lang in LANGS:
        have = {key(p) for p in effective(hand_pl, lang)}
        adds[lang] = [p for p in uniq(derived_by_lang.get(lang, [])) if key(p) not in have]
    common = [p for p in adds["en"] if p in adds["fr"] and p in adds["nl"]]
    out = {}
    for k in KINDS:
        extra = common if k == "any" else [p for p in adds[k] if p not in common]
        lst = uniq(hand_pl[k] + extra)
        if lst:
            out[k] = lst
    return out


def expand(pl):
    """Per-language lists of a PerLang dict ("any" copied into each language)."""
    pl = perlang(pl)
    return {lang: uniq(pl["any"] + pl[lang]) for lang in LANGS}


def name_key(name):
    return re.sub(r"[^a-z0-9 ]", "", fold(name).lower().replace("-", " ")).strip()


def one_edit_apart(a, b):
    """Whether two words differ by at most one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def hand_spelling(p, hand_people):
    """The hand-written name of the person a derived entry spells another way ("Sergey
    Lavrov" for "Sergei Lavrov"): same country, same number of words, the same surname and
    first names one letter apart (a transliteration), each at least five letters long."""
    ts = name_key(p["name"]).split()
    for h in hand_people:
        hs = name_key(h["name"]).split()
        if h.get("country") != p.get("country") or len(hs) != len(ts) or len(ts) < 2 or hs == ts:
            continue
        if hs[-1] == ts[-1] and all(
            x == y or (min(len(x), len(y)) >= 5 and one_edit_apart(x, y)) for x, y in zip(hs[:-1], ts[:-1])
        ):
            return h["name"]
    return None


def resolve_conflicts(entities):
    """Each (language, pattern) names one actor. Hand patterns keep their owner; a derived
    pattern claimed by several actors goes to the one of highest priority (countries, groups,
    international bodies, national institutions, armed groups, people), and is dropped when
    actors of the same priority claim it."""
    hand_owner = {}
    claims = {}
    for ent in entities:
        for field in ent["fields"]:
            for lang in LANGS:
                for p in ent["hand"][field][lang]:
                    hand_owner.setdefault((lang, key(p)), ent["id"])
                for p in ent["derived"][field][lang]:
                    claims.setdefault((lang, key(p)), set()).add(ent["id"])
    prio = {ent["id"]: PRIORITY[ent["kind"]] for ent in entities}
    winner = {}
    for k, ids in claims.items():
        if k in hand_owner:
            winner[k] = hand_owner[k]
            continue
        pref = PREFER.get(" ".join(k[1]))
        if pref in ids:
            winner[k] = pref
            continue
        best = min(prio[i] for i in ids)
        top = [i for i in ids if prio[i] == best]
        winner[k] = top[0] if len(top) == 1 else None
    # An actor that loses a pattern in one language loses it in all (aliases stay the same
    # across languages); patterns only one language has (fr "congo") are not affected.
    lost = set()
    for ent in entities:
        for field in ent["fields"]:
            for lang in LANGS:
                for p in ent["derived"][field][lang]:
                    if winner.get((lang, key(p))) != ent["id"]:
                        lost.add((ent["id"], key(p)))
    dropped = 0
    for ent in entities:
        for field in ent["fields"]:
            for lang in LANGS:
                keep = []
                for p in ent["derived"][field][lang]:
                    if (ent["id"], key(p)) in lost:
                        dropped += 1
                    else:
                        keep.append(p)
                ent["derived"][field][lang] = keep
    return dropped


def apply_ambiguity(by_lang):
    out = {}
    for lang in LANGS:
        rule = AMBIGUOUS.get(lang, {})
        folded = {fold(k) for k in rule}
        lst = []
        for p in by_lang.get(lang, []):
            if p in rule:
                lst += with_folds(rule[p])
            elif p in folded:
                continue  # the folded twin of a word the rule replaces
            else:
                lst.append(p)
        out[lang] = uniq(lst)
    return out


def main():
    if not (CLDR / "main" / "en.xml").exists():
        sys.exit(f"make_actors: no CLDR data at {CLDR}: apt-get install -y unicode-cldr-core (or set CLDR_DIR)")
    if not (PHOENIX / "Phoenix.Countries.actors.txt").exists():
        sys.exit(f"make_actors: no Phoenix dictionaries at {PHOENIX} (set PHOENIX_DIR)")
    hand = json.loads(HAND.read_text(encoding="utf-8"))
    countries = build_countries()
    iso3s = set(countries)

    adjectives_en = {"us", "u s", "un", "u n", "eu", "former", "then", "new", "late", "the"}
    for c in list(countries.values()) + hand["countries"]:
        for p in expand(c.get("adjectives"))["en"]:
            adjectives_en.add(p)

    people = build_people(iso3s, adjectives_en)
    people.sort(key=lambda p: (-p["_rank"][0], -p["_rank"][1], -p["_rank"][2], p["name"]))
    # One spelling per person: a derived entry that transliterates a hand-written name
    # merges with it (its aliases kept, as every derived person's are).
    for p in people:
        spelled = hand_spelling(p, hand["people"])
        if spelled:
            p["aliases"] = uniq(p["aliases"] + [name_key(p["name"])])
            p["name"] = spelled
    hand_people_keys = {name_key(p["name"]) for p in hand["people"]}
    people = [p for p in people if name_key(p["name"]) not in hand_people_keys][:PEOPLE_MAX] + \
        [p for p in people if name_key(p["name"]) in hand_people_keys]
    for p in people + hand["people"]:
        PERSON_NAMES_SEEN.update(p["aliases"])
        for a in p["aliases"]:
            ts = tokens(a.lstrip("="))
            if len(ts) >= 2 and len(ts[-1]) >= 4:
                PERSON_SURNAMES.add(ts[-1])
    adjective_country = {}
    for code, c in sorted(countries.items()):
        for p in expand(c.get("adjectives"))["en"]:
            adjective_country.setdefault(p, code)
    orgs = build_orgs(iso3s, adjective_country)
    groups = build_groups(hand["groups"])

    # Entities for conflict resolution: hand patterns and derived patterns per field.
    entities = []

    def add_entity(eid, kind, fields, hand_src, derived_src):
        ent = {"id": eid, "kind": kind, "fields": fields, "hand": {}, "derived": {}}
        for f in fields:
            ent["hand"][f] = expand(hand_src.get(f)) if hand_src else {lang: [] for lang in LANGS}
            der = {lang: [p for p in derived_src.get(f, {}).get(lang, []) if valid(p)] for lang in LANGS}
            ent["derived"][f] = der
        entities.append(ent)
        return ent

    # Countries
    hand_c = {c["code"]: c for c in hand["countries"]}
    country_ents = {}
    for code in sorted(iso3s | set(hand_c)):
        d = countries.get(code, {"code": code, "names": {}, "adjectives": {}, "demonyms": {}})
        der = {}
        for f in ("names", "adjectives", "demonyms"):
            der[f] = apply_ambiguity(d.get(f, {}))
        # A derived adjective or demonym that is also a name of the country stays a name only.
        for lang in LANGS:
            names = {key(p) for p in der["names"][lang] + expand(hand_c.get(code, {}).get("names"))[lang]}
            der["adjectives"][lang] = [p for p in der["adjectives"][lang] if key(p) not in names]
            adjs = {key(p) for p in der["adjectives"][lang] + expand(hand_c.get(code, {}).get("adjectives"))[lang]}
            der["demonyms"][lang] = [p for p in der["demonyms"][lang] if key(p) not in names and key(p) not in adjs]
        country_ents[code] = add_entity(code, "country", ("names", "adjectives", "demonyms"), hand_c.get(code), der)

    # Groups
    group_ents = {}
    for g in groups:
        hand_src = next((h for h in hand["groups"] if h["group"] == g["group"]), None)
        if hand_src is None:
            hand_src = {"nouns": g["nouns"]}  # the new groups are written here: they count as hand
        der = {"nouns": {"en": g.get("_derived_en", []), "fr": [], "nl": []}}
        group_ents[g["group"]] = add_entity("group:" + g["group"], "group", ("nouns",), hand_src, der)

    # Organisations
    hand_o = {o["name"]: o for o in hand["organisations"]}

    def group_spelling(o):
        """A state's body named as the coder names that country's sector group ("United
        States Military" is "United States military"): the group's spelling, so one actor
        has one name in the event table."""
        code, sector = o.get("code"), o.get("sector")
        cname = (hand_c.get(code) or countries.get(code) or {}).get("name") if code else None
        for g in hand["groups"]:
            tmpl = g.get("with_country")
            if cname and tmpl and g["sector"] == sector:
                want = tmpl.replace("{country}", cname)
                if want.lower() == o["name"].lower():
                    return want
        return None

    merged_orgs = {}
    for o in orgs:
        target = group_spelling(o) or o["name"]
        hk = HAND_ORG_LINK.get(clean(o["name"]).replace("'", "'"))
        if hk is None:
            hk = HAND_ORG_LINK.get(phoenix_phrase(o["name"]) or "")
        if hk:
            target = hk
        slot = merged_orgs.get(target)
        if slot is None:
            merged_orgs[target] = dict(o, name=target)
        else:
            for k in KINDS:
                slot["aliases"][k] = slot["aliases"].get(k, []) + o["aliases"].get(k, [])
            if slot.get("code") is None:
                slot["code"] = o["code"]
    org_ents = {}
    for name in sorted(set(merged_orgs) | set(hand_o), key=lambda n: (n.lower(), n)):
        d = merged_orgs.get(name, {"aliases": {}})
        der = {"aliases": expand(d.get("aliases"))}
        kind = d.get("kind", "international")
        org_ents[name] = add_entity("org:" + name, kind, ("aliases",), hand_o.get(name), der)

    # People (aliases are one list, for every language)
    hand_p = {name_key(p["name"]): p for p in hand["people"]}
    derived_p = {name_key(p["name"]): p for p in people}
    person_ents = {}
    for k in sorted(set(hand_p) | set(derived_p)):
        hp, dp = hand_p.get(k), derived_p.get(k)
        hand_src = {"aliases": {"any": hp["aliases"]}} if hp else None
        der = {"aliases": {lang: (dp["aliases"] if dp else []) for lang in LANGS}}
        person_ents[k] = add_entity("person:" + k, "person", ("aliases",), hand_src, der)

    dropped = resolve_conflicts(entities)

    # Assemble countries
    out_countries = []
    for code in sorted(country_ents):
        ent = country_ents[code]
        h = hand_c.get(code)
        d = countries.get(code, {})
        c = {"code": code, "name": (h or d)["name"]}
        if d.get("cameo"):
            c["cameo"] = d["cameo"]
        cap = (h or {}).get("capital", d.get("capital"))
        if cap:
            c["capital"] = cap
        if h and h.get("junta"):
            c["junta"] = h["junta"]
        for f in ("names", "adjectives", "demonyms"):
            c[f] = combine(h.get(f) if h else None, ent["derived"][f])
        if h:
            for k2, v in h.items():
                if k2 not in c:
                    c[k2] = v
        out_countries.append(c)

    # Groups
    out_groups = []
    for g in groups:
        ent = group_ents[g["group"]]
        gg = {k2: v for k2, v in g.items() if not k2.startswith("_")}
        if not (g.get("junta") or g.get("ignore")):
            gg["nouns"] = combine(g.get("nouns"), ent["derived"]["nouns"])
        out_groups.append(gg)

    # Organisations
    out_orgs = []
    for name, ent in org_ents.items():
        h = hand_o.get(name)
        d = merged_orgs.get(name, {})
        if h:
            o = dict(h)
            if o.get("code") is None and d.get("code"):
                o["code"] = d["code"]
            if d.get("cameo") and "cameo" not in o:
                o["cameo"] = d["cameo"]
            o["aliases"] = combine(h.get("aliases"), ent["derived"]["aliases"])
        else:
            al = combine(None, ent["derived"]["aliases"])
            if not al:
                continue
            o = {"name": name, "code": d.get("code"), "cameo": d.get("cameo"), "sector": d.get("sector"), "aliases": al}
            if d.get("kind") in ("armed group", "national"):
                o["kind"] = d["kind"]
        out_orgs.append(o)

    # People
    out_people = []
    for k, ent in person_ents.items():
        hp, dp = hand_p.get(k), derived_p.get(k)
        als = uniq(ent["derived"]["aliases"]["en"])
        if hp:
            p = dict(hp)
            p["aliases"] = uniq(hp["aliases"] + [a for a in als if a not in hp["aliases"]])
            if "roles" not in hp and dp:
                p["roles"] = dp["roles"]
        else:
            if not als:
                continue
            p = {kk: vv for kk, vv in dp.items() if not kk.startswith("_")}
            p["aliases"] = als
        out_people.append(p)
    out_people.sort(key=lambda p: (name_key(p["name"]), p["name"]))

    doc = {
        "version": VERSION,
        "comment": COMMENT,
        "countries": out_countries,
        "groups": out_groups,
        "organisations": out_orgs,
        "people": out_people,
        "references": hand["references"],
        "titles": hand["titles"],
    }
    OUT.write_text(dump(doc), encoding="utf-8")
    sys.stderr.write(
        f"make_actors: {len(out_countries)} countries, {len(out_groups)} groups, {len(out_orgs)} organisations, "
        f"{len(out_people)} people; {dropped} derived patterns dropped as conflicting\n")


def dump(doc):
    """One entry per line, keys in order: stable, diffable output."""
    def one(x):
        return json.dumps(x, ensure_ascii=False, separators=(", ", ": "))
    parts = ["{"]
    keys = list(doc)
    for i, k in enumerate(keys):
        v = doc[k]
        end = "," if i + 1 < len(keys) else ""
        if isinstance(v, list):
            parts.append(f'  "{k}": [')
            for j, item in enumerate(v):
                parts.append("    " + one(item) + ("," if j + 1 < len(v) else ""))
            parts.append("  ]" + end)
        elif isinstance(v, dict):
            parts.append(f'  "{k}": {{')
            ks = list(v)
            for j, kk in enumerate(ks):
                parts.append(f"    {one(kk)}: {one(v[kk])}" + ("," if j + 1 < len(ks) else ""))
            parts.append("  }" + end)
        else:
            parts.append(f"  {one(k)}: {one(v)}{end}")
    parts.append("}")
    return "\n".join(parts) + "\n"


COMMENT = (
    "Actors. GENERATED by make_actors.py (python3 services/extractor/data/make_actors.py): edit sources/actors_hand.json "
    "or the generator's tables, not this file. "
    "Patterns are lower-case and use the lexicon's pattern language (word* prefix, =word must be capitals). "
    "countries: every ISO 3166-1 country and territory plus Kosovo (XKX); code is ISO alpha-3, cameo the CAMEO code "
    "where Phoenix uses another (KSV, GBRFLK, FRA for Mayotte...); names, adjectives and demonyms per language, the "
    "capital (which may stand for the government) and the leader a 'junta' refers to. groups: nouns for a sector; with a "
    "country adjective or name beside them they make a country actor ('French soldiers', 'militaires francais', 'Franse "
    "militairen'), alone they are resolved to the article's focus country when focus_when_bare is set, and are no actor "
    "at all when only_with_country is set (equipment: 'Russian aircraft' is Russia's military, 'drones' alone no one); not_actors and "
    "not_countries are matched only to be ignored. organisations: code is the first three letters of the CAMEO code as "
    "the PLOVER gold scores it (IGO for the UN, EU, AU, ECOWAS, NATO, the Red Cross; NGO; a country for national bodies "
    "and most armed groups; IMG for international militarized groups), cameo the full CAMEO code, kind 'armed group' "
    "or 'national' for those taken from Phoenix's armed-group and country files. people: aliases are whole names "
    "(two words or more, or a title and a surname) for people derived from Phoenix, bare surnames only for hand-written "
    "people; roles lists dated roles (country, sector, CAMEO role, from, until: ISO dates, year-month or year where only "
    "that is known, null when open), sorted by start; country, sector and role are the latest role's. references: "
    "cheap coreference phrases. titles: words before a personal name, giving the sector of an unknown person. "
    "Ambiguity rule: a bare one-word name, adjective or demonym that is also a common lower-case word of that language "
    "(English 'reunion', 'poles', 'jersey'; French 'maurice', 'grenade', 'dominique', 'reunion'; Dutch 'letten', "
    "'noren') is replaced by a safer multiword form or dropped; acronyms that are words or shorter than three letters "
    "are written =x (capitals only: =us, =un, =eu, =who, =ua); words whose country sense dominates news text (turkey, "
    "china, chad, jordan, georgia, guinea, chile, polish) stay bare, and common phrases containing them (guinea pig, Lake "
    "Chad, New Mexico) are matched by the ignored group not_countries. A pattern names one actor per language: the "
    "hand-written one when hand-written, else countries before groups, international bodies, national bodies, armed "
    "groups and people; derived patterns claimed by two actors of the same kind are dropped. "
    "Sources: sources/actors_hand.json (hand-written, wins on any conflict); Phoenix/PETRARCH2 dictionaries "
    "(Phoenix.Countries, Phoenix.International, Phoenix.MilNonState, Phoenix.agents; MIT licence, Copyright (c) 2014 "
    "Open Event Data; petrarch2 commit 676801cd9cb2924bbbad09f86d15c9323e7097bf; licences/PHOENIX-MIT.txt); Unicode "
    + CLDR_SOURCE + " territory names (Unicode licence, licences/CLDR-UNICODE.txt); capitals from gazetteer.json "
    "(GeoNames, CC BY 4.0); French and Dutch adjectives, demonyms and aliases written for this project. See README.md."
)


if __name__ == "__main__":
    main()
