#!/usr/bin/env python3
"""Writes the translations of one script from a .po file as the JSON (Jed 1.x)
file WordPress loads with wp_set_script_translations():
languages/<domain>-<locale>-<handle>.json, beside the .po.

Usage: po2json.py LANG.po SCRIPT_PATH HANDLE
Only entries whose `#:` references name SCRIPT_PATH are written."""
import json
import re
import sys
from pathlib import Path


def unquote(s):
    return json.loads(s)  # a .po string literal is a valid JSON string


def entries(text):
    entry, key = {}, None
    for line in text.splitlines() + [""]:
        if not line.strip():
            if entry:
                yield entry
            entry, key = {}, None
            continue
        if line.startswith("#:"):
            entry.setdefault("refs", []).extend(r.rsplit(":", 1)[0] for r in line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += unquote(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = unquote(value)


def main():
    po, script, handle = sys.argv[1:4]
    text = Path(po).read_text(encoding="utf-8")
    header, messages = {}, {}
    for e in entries(text):
        if e.get("msgid") == "":
            header = dict(l.split(": ", 1) for l in e.get("msgstr", "").splitlines() if ": " in l)
            continue
        if script not in e.get("refs", []):
            continue
        forms = [e[k] for k in sorted(k for k in e if k.startswith("msgstr"))]
        if not any(forms):
            continue  # untranslated: the script shows the English
        key = e["msgid"] if "msgctxt" not in e else e["msgctxt"] + "\u0004" + e["msgid"]
        messages[key] = forms
    lang = header.get("Language", "")
    if not lang:
        sys.exit(f"{po}: no Language header")
    messages[""] = {"domain": "messages", "lang": lang,
                    "plural-forms": header.get("Plural-Forms", "nplurals=2; plural=(n != 1);")}
    domain = re.sub(r"-[a-z]{2,3}(_[A-Z]{2})?$", "", Path(po).stem)
    out = Path(po).with_name(f"{domain}-{lang}-{handle}.json")
    data = {"domain": "messages", "source": script,
            "locale_data": {"messages": dict(sorted(messages.items()))}}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(messages) - 1} strings")


main()
