#!/usr/bin/python3
"""validate-bundle.py: checks JSON files against a JSON Schema (draft 2020-12)
with Debian's python3-jsonschema, for the tests and by hand.

    validate-bundle.py SCHEMA FILE...
    validate-bundle.py --serve SCHEMA

Each problem goes to standard error as one line, FILE: JSON path: keyword:
message, and the branches of a failed anyOf or oneOf below it, indented. Exit
status 0 when every FILE is valid; 1 when one is not or cannot be read, or when
the schema itself is bad; 2 on a usage error.

With --serve, for the tests, which check many bundles: an empty line once the
schema is read, then for each file's path read on standard input, its problems
(without the FILE: in front) and an empty line, on standard output.
"""
import json
import re
import sys

import jsonschema
from jsonschema import Draft202012Validator

# Python's `$` also matches before a final newline, ECMA-262's (which JSON
# Schema specifies) only at the very end: without this, "2024\n" would pass
# "^[0-9]{4}$". Every pattern of the bundle schema ends with its `$`.
_TRAILING_DOLLAR = re.compile(r"(?<!\\)((?:\\\\)*)\$$")


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not re.search(
        _TRAILING_DOLLAR.sub(r"\1\\Z", pattern), instance
    ):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = jsonschema.validators.extend(Draft202012Validator, {"pattern": _pattern})

# A message quotes the instance it is about: an indicator's whole object for a
# failed anyOf. The start says which.
_MESSAGE_MAX = 160


def _report(error, indent, out):
    message = error.message
    if len(message) > _MESSAGE_MAX:
        message = message[:_MESSAGE_MAX] + "…"
    out.append(f"{indent}{error.json_path}: {error.validator}: {message}")
    branches = {}
    for sub in error.context or []:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    for branch, subs in sorted(branches.items()):
        out.append(f"{indent}  {error.validator} branch {branch}:")
        for sub in sorted(subs, key=lambda e: (e.json_path, e.validator)):
            _report(sub, indent + "    ", out)


def _load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _validator(schema_path):
    """The validator of the schema at @schema_path, or None when it is bad (said on stderr)."""
    try:
        schema = _load(schema_path)
        if jsonschema.validators.validator_for(schema, default=None) is not Draft202012Validator:
            raise jsonschema.SchemaError("$schema must name draft 2020-12")
        Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"{schema_path}: {getattr(e, 'message', e)}", file=sys.stderr)
        return None
    return Validator(schema)


def _problems(validator, path):
    """The lines saying what is wrong with the file at @path: none when it is valid."""
    try:
        instance = _load(path)
    except (OSError, ValueError) as e:
        return [f"not a JSON file: {e}"]
    lines = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: (e.json_path, e.validator)):
        _report(error, "", lines)
    return lines


def _serve(validator):
    """One file's path a line on stdin; its problems on stdout, then an empty line."""
    print(flush=True)
    for line in sys.stdin:
        for problem in _problems(validator, line.rstrip("\n")):
            print(problem)
        print(flush=True)
    return 0


def main(argv):
    # The messages quote the bundle's French text, whatever the locale.
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    serve = len(argv) == 3 and argv[1] == "--serve"
    if len(argv) < 3 or (argv[1].startswith("--") and not serve):
        print(f"Usage: {argv[0]} SCHEMA FILE...\n       {argv[0]} --serve SCHEMA", file=sys.stderr)
        return 2
    validator = _validator(argv[-1] if serve else argv[1])
    if validator is None:
        return 1
    if serve:
        return _serve(validator)
    status = 0
    for path in argv[2:]:
        problems = _problems(validator, path)
        if problems:
            print("\n".join(f"{path}: {p}" for p in problems), file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
