#!/usr/bin/python3
"""Every rules file under rules/ (and every rules file a fixture names)
validates against rules/schema/rolesel-rules.schema.json, and the schema
refuses the mistakes the loader refuses. Uses Debian's python3-jsonschema."""
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator

ROOT = sys.argv[1]


def strip_comments(text):
    """Removes // and /* */ comments outside strings (rules files are JSONC)."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            end = text.index("*/", i + 2)
            out.append("\n" * text.count("\n", i, end))
            i = end + 2
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def load(path):
    with open(path) as f:
        return json.loads(strip_comments(f.read()))


schema = load(os.path.join(ROOT, "rules/schema/rolesel-rules.schema.json"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)

rules_files = set(glob.glob(os.path.join(ROOT, "rules/**/*.rules.json"), recursive=True))
for fixture in glob.glob(os.path.join(ROOT, "rules/**/*.fixtures.json"), recursive=True):
    rules_files.add(os.path.normpath(os.path.join(os.path.dirname(fixture), load(fixture)["rules"])))
assert rules_files, "no rules files found"

failures = 0
for path in sorted(rules_files):
    errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
    for error in errors:
        print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
        failures += 1
    print(f"{'FAIL' if errors else 'ok  '} {os.path.relpath(path, ROOT)}")

# The schema refuses what the loader refuses.
bad = [
    {"version": 1, "rules": [{"id": "r", "method": ["GET"], "role": "preferred"}]},
    {"version": 2},
    {"rules": []},
    {"version": 1, "rules": [{"id": "r"}]},
    {"version": 1, "deny": [{"id": "d", "role": "preferred"}]},
    {"version": 1, "settings": {"duration_seconds": 899}},
    {"version": 1, "rules": [{"id": "r", "role": "arn:aws:iam::1:role/x"}]},
    {"version": 1, "deny": [{"id": "d", "claims": {"x": {"equals": "a", "in": ["b"]}}}]},
    {"version": 1, "deny": [{"id": "d", "methods": ["get"]}]},
    {"version": 1, "settings": {"jwt": {"issuer": "https://x"}}},
]
for document in bad:
    if validator.is_valid(document):
        print(f"FAIL the schema accepts {json.dumps(document)}")
        failures += 1

print(f"{len(rules_files) + len(bad) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
