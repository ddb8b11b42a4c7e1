#!/usr/bin/env python3
"""The library's module import graph, and its cycles.

Reads every `crate::…` path in crates/coquille/src outside comments and
outside `#[cfg(test)]` modules, maps crate-root re-exports (`crate::Document`)
to the module that defines them, and prints one line per edge between
top-level modules. Exits 1 when the graph has a cycle, or when the library's
Cargo.toml names a workspace crate that sits on top of it (CLI, server, eval,
bindings).

    python3 scripts/import-graph.py            # edges, then "no cycle"
    python3 scripts/import-graph.py --quiet    # only problems
"""

import collections
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SRC = os.path.join(ROOT, "crates", "coquille", "src")
MANIFEST = os.path.join(ROOT, "crates", "coquille", "Cargo.toml")
UPPER_CRATES = ("coquille-cli", "coquille-server", "coquille-eval", "coquille-fr", "coquille-python")


def reexports():
    """Names re-exported at the crate root (`pub use module::{A, B}`) -> module."""
    names = {}
    text = open(os.path.join(SRC, "lib.rs"), encoding="utf-8").read()
    for m in re.finditer(r"pub use (\w+)::(\{[^}]*\}|\w+);", text):
        module, items = m.group(1), m.group(2).strip("{}")
        for item in items.split(","):
            item = item.strip().split(" as ")[-1].strip()
            if item:
                names[item] = module
    for m in re.finditer(r"macro_rules!\s*(\w+)", text):
        names.setdefault(m.group(1), "lib")
    return names


def production_lines(path):
    """Lines of code, without comments and without `#[cfg(test)]` items."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, skip_depth, pending_test = [], None, False
    depth = 0
    for number, line in enumerate(lines, 1):
        code = line.split("//", 1)[0]
        if skip_depth is None and code.strip() == "#[cfg(test)]":
            pending_test = True
            continue
        opens, closes = code.count("{"), code.count("}")
        if pending_test and opens:
            skip_depth, pending_test = depth, False
        if skip_depth is None:
            out.append((number, code))
        depth += opens - closes
        if skip_depth is not None and depth <= skip_depth:
            skip_depth = None
    return out


def main():
    quiet = "--quiet" in sys.argv
    alias = reexports()
    edges = collections.defaultdict(lambda: collections.defaultdict(list))
    for root, _, files in os.walk(SRC):
        for name in sorted(files):
            if not name.endswith(".rs"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, SRC)
            top = rel.split(os.sep)[0].removesuffix(".rs")
            if top == "lib":
                continue
            for number, code in production_lines(path):
                for m in re.finditer(r"crate::(\w+)", code):
                    target = alias.get(m.group(1), m.group(1))
                    if target not in (top, "lib"):
                        edges[top][target].append(f"{rel}:{number}")
    if not quiet:
        for source in sorted(edges):
            for target in sorted(edges[source]):
                where = edges[source][target]
                print(f"{source} -> {target}  ({len(where)}: {where[0]})")

    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in list(edges):
        if v not in index:
            visit(v)

    status = 0
    for cycle in cycles:
        status = 1
        print("cycle: " + " <-> ".join(cycle))
        for a in cycle:
            for b in cycle:
                if b in edges.get(a, {}):
                    print(f"  {a} -> {b} at {edges[a][b][0]}")
    manifest = open(MANIFEST, encoding="utf-8").read()
    for crate in UPPER_CRATES:
        if re.search(rf"^\s*{re.escape(crate)}\s*=", manifest, re.M):
            status = 1
            print(f"the library depends on {crate}")
    if status == 0 and not quiet:
        print("no cycle; the library depends on no crate above it")
    return status


if __name__ == "__main__":
    sys.exit(main())
