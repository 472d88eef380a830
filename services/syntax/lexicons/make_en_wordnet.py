#!/usr/bin/env python3
"""Derives `en.wordnet.tsv.gz`, the English word-class lexicon the tagger reads for words the
treebank shows less than twice, and `en.verb-lemmas.tsv`, the irregular verb forms the
lemmatizer learns beside the treebank's, from WordNet 3.0 (Princeton University; licence in
`../models/licenses/WordNet-3.0.txt`).

Each line is a lower-case form and the classes it can have, sorted and comma-separated:
N (noun), N-pl (plural noun), V (verb base form), V-s (third person singular), V-ed (past or
past participle), V-ing, A (adjective), A-cmp (comparative or superlative), R (adverb).
Inflected forms come from WordNet's exception lists and from the regular English rules
(which over-generate forms such as "beautifuller" that no text uses: harmless, since the
lexicon is only looked up).

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
    python3 services/syntax/lexicons/make_en_wordnet.py /tmp/wn/usr/share/wordnet

The output is deterministic (sorted; gzip without a timestamp).
"""

import gzip
import os
import sys
from collections import defaultdict

VOWELS = set("aeiou")


def lemmas(path):
    """Single-word lower-case lemmas of a WordNet index file."""
    out = []
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            word = line.split(" ", 1)[0]
            if word.isalpha() and word.islower():
                out.append(word)
    return out


def exceptions(path):
    """(inflected, base) pairs of a WordNet exception file."""
    out = []
    with open(path, encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[0].isalpha():
                out.append((parts[0], parts[1]))
    return out


def cvc(w):
    """Ends consonant-vowel-consonant (the final consonant may double: stop, stopped)."""
    return (
        len(w) >= 3
        and w[-1] not in VOWELS
        and w[-1] not in "wxy"
        and w[-2] in VOWELS
        and w[-3] not in VOWELS
    )


def s_form(w):
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return [w + "es"]
    if w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
        return [w[:-1] + "ies"]
    return [w + "s"]


def suffixed(w, suf):
    """w + a suffix that begins with a vowel (ed, ing, er, est)."""
    if suf == "ing":
        if w.endswith("ie"):
            return [w[:-2] + "ying"]
        if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
            return [w[:-1] + "ing"]
    else:
        if w.endswith("e"):
            return [w + suf[1:]]
        if w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
            return [w[:-1] + "i" + suf]
    out = [w + suf]
    if cvc(w):
        out.append(w + w[-1] + suf)
    return out


def write_verb_lemmas(d, here):
    """`en.verb-lemmas.tsv`: the irregular verb forms of WordNet's exception list and their one
    base ("undertook", "undertake"). A form that is itself a verb ("found", "saw") or has
    two bases is left to the lemmatizer's context."""
    verbs = set(lemmas(os.path.join(d, "index.verb")))
    bases = defaultdict(set)
    for form, base in exceptions(os.path.join(d, "verb.exc")):
        if form != base and base.isalpha() and form not in verbs:
            bases[form].add(base)
    path = os.path.join(here, "en.verb-lemmas.tsv")
    with open(path, "w", encoding="utf-8") as f:
        for form in sorted(bases):
            if len(bases[form]) == 1:
                f.write(f"{form}\t{next(iter(bases[form]))}\n")
    print(f"{path}: {sum(1 for b in bases.values() if len(b) == 1)} forms")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_en_wordnet.py WORDNET_DICT_DIR (e.g. /tmp/wn/usr/share/wordnet)")
    d = sys.argv[1]
    classes = defaultdict(set)
    for n in lemmas(os.path.join(d, "index.noun")):
        classes[n].add("N")
        for f in s_form(n):
            classes[f].add("N-pl")
    for v in lemmas(os.path.join(d, "index.verb")):
        classes[v].add("V")
        for f in s_form(v):
            classes[f].add("V-s")
        for f in suffixed(v, "ed"):
            classes[f].add("V-ed")
        for f in suffixed(v, "ing"):
            classes[f].add("V-ing")
    for a in lemmas(os.path.join(d, "index.adj")):
        classes[a].add("A")
        for suf in ("er", "est"):
            for f in suffixed(a, suf):
                classes[f].add("A-cmp")
    for r in lemmas(os.path.join(d, "index.adv")):
        classes[r].add("R")
    for form, _ in exceptions(os.path.join(d, "noun.exc")):
        classes[form].add("N-pl")
    for form, _ in exceptions(os.path.join(d, "verb.exc")):
        classes[form].add("V-ing" if form.endswith("ing") else "V-ed")
    for form, _ in exceptions(os.path.join(d, "adj.exc")):
        classes[form].add("A-cmp")
    here = os.path.dirname(os.path.abspath(__file__))
    write_verb_lemmas(d, here)
    path = os.path.join(here, "en.wordnet.tsv.gz")
    lines = "".join(f"{w}\t{','.join(sorted(c))}\n" for w, c in sorted(classes.items()))
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
            f.write(lines.encode("utf-8"))
    print(f"{path}: {len(classes)} forms")


if __name__ == "__main__":
    main()
