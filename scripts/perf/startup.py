#!/usr/bin/env python3
"""Start-up of `coquille check` on 100 bytes: median of 30 runs, binaries alternated.

    python3 scripts/perf/startup.py DIR BINARY [BINARY...]

DIR holds p100.txt and n100.txt (scripts/perf/make-inputs.py); `--version` is the floor.
"""
import statistics, subprocess, sys, time

work, bins = sys.argv[1], sys.argv[2:]
cases = {"prose 100 B": ["check", "--no-config", f"{work}/p100.txt"],
         "numbers 100 B": ["check", "--no-config", f"{work}/n100.txt"],
         "--version": ["--version"]}
times = {(b, c): [] for b in bins for c in cases}
for _ in range(30):
    for b in bins:
        for c, args in cases.items():
            t = time.perf_counter()
            subprocess.run([b] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[(b, c)].append(time.perf_counter() - t)
for (b, c), v in times.items():
    print(f"{b}  {c:14} median {statistics.median(v)*1e3:6.1f} ms  min {min(v)*1e3:6.1f}  max {max(v)*1e3:6.1f}")
