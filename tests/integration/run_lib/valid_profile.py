# SPDX-License-Identifier: GPL-2.0-only
# valid_profile.py SCHEMA PROFILE: the profile validates against SCHEMA
# (docs/seccomp-profile.schema.json) and, where the runtime-spec's own
# schema files are installed (Debian golang-github-opencontainers-specs-dev),
# as the linux.seccomp object of config-linux.json. Each check missing here
# (python3-jsonschema, the runtime-spec schema) is skipped, and said.
import json, os, sys, warnings
warnings.simplefilter("ignore", DeprecationWarning)  # RefResolver, the API Debian 12's jsonschema has
try:
    import jsonschema
except ImportError:
    print("note: python3-jsonschema is missing: schema check skipped"); sys.exit(0)
profile = json.load(open(sys.argv[2]))
jsonschema.validate(profile, json.load(open(sys.argv[1])))
spec = "/usr/share/gocode/src/github.com/opencontainers/runtime-spec/schema"
if not os.path.exists(os.path.join(spec, "config-linux.json")):
    print("note: no runtime-spec schema (golang-github-opencontainers-specs-dev): checked against %s only" % sys.argv[1])
    sys.exit(0)
linux = json.load(open(os.path.join(spec, "config-linux.json")))
seccomp = linux["linux"]["properties"]["seccomp"]
resolver = jsonschema.RefResolver("file://" + spec + "/config-linux.json", linux)
jsonschema.Draft4Validator(seccomp, resolver=resolver).validate(profile)
