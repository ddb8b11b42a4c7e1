#!/usr/bin/env bash
# Folder walking and parallel checking, as a CI job sees them (issue 14,
# "Must show" 2): a git repository of 2,000 articles with a .gitignore, ignored
# files beside them, and a symlink loop; checked on 1 and 2 threads.
#
# Usage: scripts/bench-walk.sh [COQUILLE_BINARY] [DIR] [RUNS]
#   COQUILLE_BINARY  default target/release/coquille
#   DIR              where the repository is built (default /tmp/bench-repo;
#                    rebuilt from scratch)
#   RUNS             runs per thread count (default 3)
#
# The articles are made from the clean fixtures and the bundled sample
# (paragraphs in turn, as .txt, .md and .html); one in four gets a doubled
# full stop. Prints wall and CPU time per run, what the report holds, and
# whether the two thread counts gave the same bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(realpath "${1:-$root/target/release/coquille}")"
dir="${2:-/tmp/bench-repo}"
runs="${3:-3}"

rm -rf "$dir"
mkdir -p "$dir"
python3 - "$root" "$dir" <<'EOF'
import os, sys, pathlib
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
sources = sorted((root / "crates/coquille/tests/fixtures/clean").glob("*.txt"))
sources.append(root / "data/samples/allinfo-poutine-bielorussie.txt")
paras = [p.strip() for s in sources for p in s.read_text().split("\n\n") if len(p.strip()) > 80]
assert len(paras) > 20, "too few paragraphs to build the corpus"
def article(i):
    body = [paras[(i * 7 + k) % len(paras)] for k in range(4)]
    if i % 4 == 0:
        body[1] = body[1].rstrip(".") + ". ."
    return body
for i in range(2000):
    folder = out / "content" / f"{i % 40:02}"
    folder.mkdir(parents=True, exist_ok=True)
    body = article(i)
    kind = ("txt", "md", "html")[i % 3]
    if kind == "html":
        text = "".join(f"<p>{p}</p>\n" for p in body)
    elif kind == "md":
        text = f"# Article {i}\n\n" + "\n\n".join(body) + "\n"
    else:
        text = "\n\n".join(body) + "\n"
    (folder / f"article-{i:04}.{kind}").write_text(text)
for i in range(100):
    (out / "content" / f"{i % 40:02}" / f"note-{i:03}.draft.txt").write_text("Brouillon.. à revoir\n")
(out / "build").mkdir()
for i in range(500):
    (out / "build" / f"page-{i:03}.html").write_text("<p>Généré.. par le site</p>\n")
(out / ".gitignore").write_text("build/\n*.draft.txt\n")
EOF
ln -s .. "$dir/content/00/loop"
git -C "$dir" init -q
git -C "$dir" add -A
git -C "$dir" -c user.name=bench -c user.email=bench@example.invalid commit -qm "bench corpus"

cd "$dir"
echo "corpus: $(find content -name 'article-*' | wc -l) articles, $(find content -name 'article-*' -printf '%s\n' | awk '{s+=$1} END {print s}') bytes," \
    "$(find content -name '*.draft.txt' | wc -l) ignored drafts, $(find build -type f | wc -l) ignored build files"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
for jobs in 1 2; do
    for run in $(seq "$runs"); do
        /usr/bin/time -f "jobs=$jobs run=$run wall=%e s user=%U s sys=%S s maxrss=%M KB" \
            "$bin" check --jobs "$jobs" --format json content > "/tmp/bench-walk-$jobs.json" 2> "/tmp/bench-walk-$jobs.err" || true
        grep "^jobs=" "/tmp/bench-walk-$jobs.err"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "standard error (jobs=2), time lines left out:"
grep -v -e "^jobs=" -e "^Command exited" /tmp/bench-walk-2.err
python3 - <<'EOF'
import json
r = json.load(open("/tmp/bench-walk-2.json"))
paths = [d["path"] for d in r["documents"]]
print(f"documents: {len(paths)}, findings: {sum(d['stats']['findings'] for d in r['documents'])}, "
      f"errors: {r['errors']}")
print(f"ignored files in the report: {sum('build/' in p or p.endswith('.draft.txt') for p in paths)}")
print(f"paths through the loop: {sum('/loop/' in p for p in paths)}")
EOF
if cmp -s /tmp/bench-walk-1.json /tmp/bench-walk-2.json; then
    echo "jobs=1 and jobs=2 reports: identical"
else
    echo "jobs=1 and jobs=2 reports: DIFFERENT"
fi
