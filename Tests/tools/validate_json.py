#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (any draft jsonschema knows), optionally
against one of its $defs: validate_json.py SCHEMA [--def NAME] FILE...

Exit status 1, with every error and where it is on stderr, when a file does not validate."""
import json
import sys

import jsonschema

arguments = sys.argv[1:]
schema = json.load(open(arguments.pop(0), encoding="utf-8"))
if arguments and arguments[0] == "--def":
    arguments.pop(0)
    name = arguments.pop(0)
    schema = {"$schema": schema.get("$schema"), "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}

validator_class = jsonschema.validators.validator_for(schema)
validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
failed = False
for path in arguments:
    for error in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
        failed = True
        print(f"{path}: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message[:300]}", file=sys.stderr)
sys.exit(1 if failed else 0)
