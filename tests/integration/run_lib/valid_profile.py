# SPDX-License-Identifier: GPL-2.0-only
# valid_profile.py SCHEMA PROFILE: the profile validates against the
# runtime-spec schema (skipped, and said, without python3-jsonschema).
import json, sys
try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is missing: schema check skipped"); sys.exit(0)
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
