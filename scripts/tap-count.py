#!/usr/bin/env python3
"""Counts the TAP subtests of a meson test log (testlog.json) and prints
"N passed, N failed". A test program that failed without a failing subtest
(a crash, a timeout, a plan cut short) counts as one failure."""
import json
import re
import sys

passed = failed = 0
for line in open(sys.argv[1], encoding="utf-8"):
    entry = json.loads(line)
    oks = not_oks = 0
    for out in (entry.get("stdout") or "").splitlines():
        if re.match(r"^not ok\b", out):
            not_oks += 1
        elif re.match(r"^ok\b", out):
            oks += 1
    if entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and not_oks == 0:
        not_oks = 1
        print(f"tap-count: {entry.get('name')}: {entry.get('result')}", file=sys.stderr)
    passed += oks
    failed += not_oks
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
