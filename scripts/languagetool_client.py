#!/usr/bin/env python3
"""Drives `coquille serve`'s LanguageTool-compatible API with a real
LanguageTool client library (PyPI `language-tool-python`, remote-server mode)
and checks that every match lands on the right characters of a text with
emoji (4-byte characters count as 2 UTF-16 code units).

    pip install language-tool-python
    coquille serve --addr 127.0.0.1:8080 &
    python3 scripts/languagetool_client.py http://127.0.0.1:8080/

Prints each match and `OK <n> matches`; exits 1 on a wrong offset, 2 when the
package is missing. Sends traffic only to the URL given (use 127.0.0.1).
"""

import json
import sys
import urllib.parse
import urllib.request

try:
    import language_tool_python
except ImportError:
    print("SKIP: language-tool-python is not installed", file=sys.stderr)
    sys.exit(2)

TEXT = (
    "Bravo 🎉🎉 pour la victoire.. Les supporters 👍 ont fêté ça , , "
    "puis sont rentrés.\n\nLe maire 🏛️ a parlé.. Fin.\n"
)
EXPECTED = ["..", ", ,", ".."]


def utf16_slice(text, offset, length):
    units = text.encode("utf-16-le")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le")


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/"
    host = urllib.parse.urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("refusing to send traffic outside this machine: " + url)

    # 1. The client library, as an editor plug-in would use it.
    tool = language_tool_python.LanguageTool("fr-FR", remote_server=url)
    # Only one rule, so the expected matches do not change as rules are added
    # (this also exercises enabledRules/enabledOnly).
    tool.enabled_rules = {"duplicate-punctuation"}
    tool.enabled_rules_only = True
    matches = tool.check(TEXT)
    tool.close()
    found = []
    for m in matches:
        # The library turns LanguageTool's UTF-16 offsets into Python
        # (code point) offsets; the flagged text must be there.
        flagged = TEXT[m.offset : m.offset + m.error_length]
        # The context offset stays in UTF-16 units (the library converts only
        # `offset`), so it is sliced as UTF-16.
        ctx = utf16_slice(m.context, m.offset_in_context, m.error_length)
        print(f"offset={m.offset} length={m.error_length} rule={m.rule_id} "
              f"category={m.category} type={m.rule_issue_type} text={flagged!r} "
              f"message={m.message!r} replacements={m.replacements}")
        if flagged != ctx:
            sys.exit(f"context disagrees: {flagged!r} vs {ctx!r}")
        found.append(flagged)
    if found != EXPECTED:
        sys.exit(f"expected {EXPECTED}, got {found}")

    # 2. The raw answer: offsets in UTF-16 code units.
    data = urllib.parse.urlencode({"language": "fr", "text": TEXT,
                                   "enabledRules": "duplicate-punctuation", "enabledOnly": "true"}).encode()
    with urllib.request.urlopen(urllib.parse.urljoin(url, "v2/check"), data, timeout=10) as r:
        raw = json.load(r)
    for m, want in zip(raw["matches"], EXPECTED):
        got = utf16_slice(TEXT, m["offset"], m["length"])
        if got != want:
            sys.exit(f"UTF-16 offset {m['offset']} gives {got!r}, expected {want!r}")
    last = raw["matches"][-1]["offset"]
    print(f"last match: UTF-16 offset {last}, code point offset {matches[-1].offset}")
    print(f"OK {len(found)} matches")


if __name__ == "__main__":
    main()
