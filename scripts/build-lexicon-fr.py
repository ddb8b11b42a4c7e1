#!/usr/bin/env python3
"""Writes data/lexicon-fr.tsv: every inflected form of the Grammalecte French
dictionary (the Dicollecte lexicon, MPL-2.0) with its word classes.

usage: apt-get install python3-grammalecte && python3 scripts/build-lexicon-fr.py [OUT]

Reads Debian's python3-grammalecte dictionary `fr-allvars.json` (classic and
reformed spellings) and writes one form a line, sorted, as
`form<TAB>classes`, where classes is a space-separated set of:

  N noun  A adjective  V finite verb  Y infinitive  Q participle  W adverb
  D determiner  R preposition  O pronoun  C conjunction  G other grammatical word
  P place name  F first name  S surname  M other proper name  J interjection
  B number  T title  U unit or symbol  X other
  h  an aspirated h or other word that takes no elision (`le héros`, `le onze`)
  e  a word starting with h that takes elision (`l'homme`)
"""
import sys

sys.path.insert(0, "/usr/lib/python3/dist-packages")
from grammalecte.graphspell.ibdawg import IBDAWG  # noqa: E402


def classes_of(tags):
    out = set()
    for tag in tags.split("/")[0].split(" "):
        fields = tag.split(":")[1:]
        if not fields:
            continue
        head = fields[0]
        if ";é" in tag:
            out.add("h")
        if ";É" in tag:
            out.add("e")
        if ";U" in tag or ";S" in tag:
            out.add("U")
        h = head.lstrip("É")
        if h.startswith("V"):
            rest = fields[1:]
            if "Y" in rest:
                out.add("Y")
            if "Q" in rest:
                out.add("Q")
            if any(r[:1] in "ISKE" and r not in ("", ) for r in rest if r not in ("Y", "Q")):
                out.add("V")
        elif h.startswith("N"):
            out.add("N")
        elif h.startswith("A"):
            out.add("A")
        elif h.startswith("W"):
            out.add("W")
        elif h.startswith("MP"):
            out.add("P")
        elif h.startswith("M1"):
            out.add("F")
        elif h.startswith("M2"):
            out.add("S")
        elif h.startswith("M"):
            out.add("M")
        elif h.startswith("G"):
            sub = (fields[1] if len(fields) > 1 else "").lstrip("É")
            out.add({"D": "D", "R": "R", "O": "O", "C": "C"}.get(sub[:1], "G"))
        elif h.startswith("J"):
            out.add("J")
        elif h.startswith("B"):
            out.add("B")
        elif h.startswith("T"):
            out.add("T")
        elif h.startswith("@") or h.startswith("Z"):
            out.add("U")
        else:
            out.add("X")
    return out


def main(argv):
    out_path = argv[1] if len(argv) > 1 else "data/lexicon-fr.tsv"
    dic = IBDAWG("fr-allvars.json")
    forms = {}
    for form, _lemma, tags in dic.select():
        forms.setdefault(form, set()).update(classes_of(tags))
    order = "NAVYQWDROCGPFSMJBTUXhe"
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("# Inflected French forms with their word classes (see scripts/build-lexicon-fr.py).\n")
        fh.write("# From the Grammalecte/Dicollecte French dictionary by Olivier R. and contributors,\n")
        fh.write("# MPL-2.0 (https://grammalecte.net), as packaged by Debian python3-grammalecte.\n")
        for form in sorted(forms):
            if "\t" in form or "\n" in form or not form.strip():
                continue
            cls = forms[form] or {"X"}
            fh.write(f"{form}\t{' '.join(c for c in order if c in cls)}\n")
    print(f"{len(forms)} forms -> {out_path}")


if __name__ == "__main__":
    main(sys.argv)
