#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""check-json-schema.py SCHEMA FILE...: every line of each FILE (JSON Lines)
must be valid against the JSON Schema SCHEMA (docs/events.schema.json).
Prints the first failures and exits 1; exits 77 when python3-jsonschema is
missing."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (scripts/install-deps.sh)")
    sys.exit(77)


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        n = 0
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            errors = list(validator.iter_errors(json.loads(line)))
            if errors:
                bad += 1
                if bad <= 5:
                    best = jsonschema.exceptions.best_match(errors)
                    print("%s:%d: %s\n    %s" % (path, n, best.message, line.strip()[:300]))
        if n == 0:
            print("%s: no records" % path)
            bad += 1
    sys.exit(1 if bad else 0)


main()
