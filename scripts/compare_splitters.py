#!/usr/bin/env python3
"""Sentence-boundary comparison of French splitters, in one run.

Runs pySBD (language "fr") and sentencex (language "fr") over the running
text of each evaluation corpus, paragraph block by paragraph block (blocks are
separated by blank lines, as Coquille's Document cuts them), writes their
sentences one a line, then lets `examples/eval_split.rs` align and score them
with exactly the same code that scores Coquille and plain UAX #29, and prints
one table. `coquille-cli` is the output of `coquille split --format json`,
aligned like the others: it must equal `coquille` (the library call).

    pip install pysbd sentencex
    python3 scripts/compare_splitters.py [EVAL_DIR] [--wrap N]   # default ../shared/eval

`--wrap N` first fills every line of the running texts at N columns (greedy,
at spaces, as `eval_split --wrap N` does), as a hard-wrapped plain-text file
or e-mail would be, and gives every splitter that text.

Exit status 1 when Coquille does not beat every other splitter on F1.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

CORPORA = [("sequoia", "sequoia-fulldocs"), ("pud", "ud-fr-pud")]


def blocks(text):
    """Paragraph blocks: runs of non-blank lines (Coquille's split_blocks)."""
    return [b.strip() for b in re.split(r"\n[ \t\r\f\v]*\n", text) if b.strip()]


def one_line(s):
    return " ".join(s.split())


def run_pysbd(block_list):
    import pysbd

    seg = pysbd.Segmenter(language="fr", clean=False)
    out = []
    for b in block_list:
        out.extend(seg.segment(b))
    return out


def run_sentencex(block_list):
    from sentencex import segment

    out = []
    for b in block_list:
        out.extend(segment("fr", b))
    return out


def hard_wrap(text, width):
    """Greedy fill of each line at `width` columns, like eval_split's."""
    out = []
    for line in text.split("\n"):
        lines, cur, col = [], [], 0
        for word in line.split():
            if cur and col + 1 + len(word) > width:
                lines.append(" ".join(cur))
                cur, col = [], 0
            col += len(word) + (1 if cur else 0)
            cur.append(word)
        lines.append(" ".join(cur))
        out.append("\n".join(lines))
    return "\n".join(out)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = sys.argv[1:]
    wrap = None
    if "--wrap" in args:
        k = args.index("--wrap")
        wrap = int(args[k + 1])
        del args[k:k + 2]
    eval_dir = os.path.abspath(args[0] if args else os.path.join(root, "..", "shared", "eval"))
    systems = {"pysbd": run_pysbd, "sentencex": run_sentencex}
    tmp = tempfile.mkdtemp(prefix="coquille-split-")
    if wrap:
        # Wrapped copies of the running texts; the gold sentences are the same.
        wrapped_dir = os.path.join(tmp, "eval")
        os.makedirs(wrapped_dir)
        for _, stem in CORPORA:
            with open(os.path.join(eval_dir, stem + ".running.txt"), encoding="utf-8") as f:
                text = hard_wrap(f.read(), wrap)
            with open(os.path.join(wrapped_dir, stem + ".running.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            os.symlink(os.path.join(eval_dir, stem + ".sents.txt"),
                       os.path.join(wrapped_dir, stem + ".sents.txt"))
        eval_dir = wrapped_dir
    speed = {}
    for name, fn in systems.items():
        os.makedirs(os.path.join(tmp, name), exist_ok=True)
        for key, stem in CORPORA:
            with open(os.path.join(eval_dir, stem + ".running.txt"), encoding="utf-8") as f:
                text = f.read()
            t0 = time.perf_counter()
            sents = fn(blocks(text))
            dt = time.perf_counter() - t0
            if key == "sequoia":
                speed[name] = len(text.encode("utf-8")) / dt / 1e6
            with open(os.path.join(tmp, name, key + ".txt"), "w", encoding="utf-8") as f:
                for s in sents:
                    s = one_line(s)
                    if s:
                        f.write(s + "\n")
    # What the CLI prints, to show that `coquille split` is what is scored.
    os.makedirs(os.path.join(tmp, "coquille-cli"), exist_ok=True)
    for key, stem in CORPORA:
        res = subprocess.run(
            ["cargo", "run", "--quiet", "--release", "--", "split", "--format", "json",
             os.path.join(eval_dir, stem + ".running.txt")],
            cwd=root, check=True, capture_output=True, text=True)
        with open(os.path.join(tmp, "coquille-cli", key + ".txt"), "w", encoding="utf-8") as f:
            for s in json.loads(res.stdout):
                f.write(one_line(s["text"]) + "\n")
    cmd = ["cargo", "run", "--quiet", "--release", "--example", "eval_split", "--", eval_dir, "--json"]
    if wrap:
        # Filling again at the same width changes nothing; it names the error files.
        cmd += ["--wrap", str(wrap)]
    for name in list(systems) + ["coquille-cli"]:
        cmd += ["--system", f"{name}={os.path.join(tmp, name)}"]
    res = subprocess.run(cmd, cwd=root, check=True, capture_output=True, text=True)
    data = json.loads(res.stdout)

    print("Inner sentence boundaries (inside paragraph blocks); `all` also counts block ends."
          + (f" Running texts hard-wrapped at {wrap} columns." if wrap else ""))
    print(f"{'corpus':<8} {'system':<12} {'P':>7} {'R':>7} {'F1':>7} {'FP':>5} {'FN':>5} {'F1 all':>7}")
    ok = True
    for c in data["corpora"]:
        best_other = 0.0
        for name, r in c["systems"].items():
            i, a = r["inner"], r["all"]
            note = f"  ({r['unaligned']} sentences unaligned)" if r["unaligned"] else ""
            print(
                f"{c['corpus']:<8} {name:<12} {i['precision']:>7.4f} {i['recall']:>7.4f} "
                f"{i['f1']:>7.4f} {i['fp']:>5} {i['fn']:>5} {a['f1']:>7.4f}{note}"
            )
            # "+semicolons" is an ablation of Coquille, not a peer.
            if not name.startswith(("coquille", "+")):
                best_other = max(best_other, i["f1"])
        coq = c["systems"]["coquille"]["inner"]["f1"]
        if coq <= best_other:
            ok = False
        print(f"{c['corpus']:<8} coquille beats every other splitter: {'yes' if coq > best_other else 'NO'}")
    print("Python splitters' speed on Sequoia (MB/s, this machine): "
          + ", ".join(f"{k} {v:.2f}" for k, v in speed.items()))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
