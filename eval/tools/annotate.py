#!/usr/bin/env python3
"""Print the UTF-8 byte offsets of a string in a file.

usage: annotate.py FILE TEXT [N]     offsets of the N-th occurrence (1-based, default 1)
       annotate.py FILE --all TEXT   offsets of every occurrence

TEXT may use \\t and \\n for a tab and a newline. Prints `start<TAB>end<TAB>text`
ready to paste into an .ann.tsv row.
"""
import sys


def unescape(s):
    return s.replace("\\t", "\t").replace("\\n", "\n")


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    data = open(argv[1], "rb").read()
    every = argv[2] == "--all"
    needle = unescape(argv[3] if every else argv[2]).encode("utf-8")
    nth = 1 if every or len(argv) < 4 else int(argv[3])
    pos, found = -1, 0
    while True:
        pos = data.find(needle, pos + 1)
        if pos < 0:
            break
        found += 1
        if every or found == nth:
            print(f"{pos}\t{pos + len(needle)}\t{escape(needle.decode('utf-8'))}")
            if not every:
                return 0
    if found == 0 or (not every and found < nth):
        sys.exit(f"annotate: {needle.decode('utf-8')!r} found {found} time(s) in {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
