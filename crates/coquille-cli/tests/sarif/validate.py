#!/usr/bin/env python3
"""Validates a SARIF log against the SARIF 2.1.0 JSON schema.

Usage: validate.py SCHEMA.json LOG.sarif
Exit 0 when valid; 1 with every error listed when not; 3 when the
`jsonschema` package is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3 package `jsonschema` is missing: apt-get install python3-jsonschema "
          "or pip install jsonschema", file=sys.stderr)
    sys.exit(3)

schema_path, log_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
with open(log_path, encoding="utf-8") as f:
    log = json.load(f)
validator = jsonschema.Draft4Validator(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
for e in errors:
    where = "/".join(str(p) for p in e.absolute_path)
    print(f"{where}: {e.message}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"valid: {len(log['runs'][0]['results'])} results")
