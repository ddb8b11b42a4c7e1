#!/usr/bin/env python3
"""Builds the inputs of the speed measures (notes/issue-19-speed.md) in DIR:

    python3 scripts/perf/make-inputs.py DIR

- files5k/: 5,000 files of about 2 kB, whole paragraphs of eval/mt, eval/clean-web,
  PUD and Sequoia in turn;
- big-paras.txt, big-line.txt, big.html: 62.6 MB of the same paragraphs (each
  numbered, so that not every sentence repeats), as paragraphs, as one line,
  and as HTML paragraphs;
- p100.txt, n100.txt: 100 bytes of prose, and 100 bytes with a date, a price
  and a percentage.
Run from the repository root, with ../shared beside it.
"""
import glob, html, os, sys

if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
    # No option is an output folder (`--help` once wrote 200 MB into `./--help`).
    sys.exit(__doc__.strip() + "\n\nusage: python3 scripts/perf/make-inputs.py OUT_DIR")
out = sys.argv[1]
os.makedirs(os.path.join(out, "files5k"), exist_ok=True)
sources = sorted(glob.glob("eval/mt/*.txt")) + sorted(glob.glob("eval/clean-web/*.txt"))
sources += ["../shared/eval/ud-fr-pud.running.txt", "../shared/eval/sequoia-fulldocs.running.txt"]
data = "".join(open(p, encoding="utf-8").read() for p in sources)
paras = [p.strip() for p in data.split("\n\n") if p.strip()]
cur, i, n = "", 0, 0
while n < 5000:
    cur += paras[i % len(paras)] + "\n\n"
    i += 1
    if len(cur.encode()) >= 2000:
        open(os.path.join(out, "files5k", f"f{n:05d}.txt"), "w", encoding="utf-8").write(cur)
        n, cur = n + 1, ""
big, size, i = [], 0, 0
while size < 63_500_000:
    p = paras[i % len(paras)] + f" ({i})"
    i += 1
    big.append(p)
    size += len(p.encode()) + 9
w = lambda name, text: open(os.path.join(out, name), "w", encoding="utf-8").write(text)
w("big-paras.txt", "\n\n".join(big) + "\n")
w("big-line.txt", " ".join(x.replace("\n", " ") for x in big) + "\n")
w("big.html", "<!doctype html><html><body>\n" + "\n".join(
    "<p>" + html.escape(x, quote=False) + "</p>" for x in big) + "\n</body></html>\n")
w("p100.txt", "Le chat dort sur le tapis. Il fait beau aujourd’hui, et nous irons au parc cet après-midi, ici !\n")
w("n100.txt", "Le 5 mai 2024, le prix est passé à 12,50 € pour 3 kg : une hausse de 7 % en un an, dit Pauline.\n")
