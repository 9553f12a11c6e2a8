#!/usr/bin/env python3
"""Counts the TAP subtests of meson test logs (testlog.json files) and of
plain TAP files (after --tap), and prints "N passed, N failed". A meson test
that failed without a failing subtest (a crash, a timeout, a plan cut short)
counts as one failure; a meson test that is not TAP counts as one."""
import json
import re
import sys


def count_tap(text):
    oks = not_oks = 0
    for line in text.splitlines():
        if re.match(r"^not ok\b", line):
            not_oks += 1
        elif re.match(r"^ok\b", line):
            oks += 1
    return oks, not_oks


passed = failed = 0
args = sys.argv[1:]
tap_files = []
if "--tap" in args:
    i = args.index("--tap")
    tap_files = args[i + 1:]
    args = args[:i]
for log in args:
    for line in open(log, encoding="utf-8"):
        entry = json.loads(line)
        oks, not_oks = count_tap(entry.get("stdout") or "")
        good = entry.get("result") in ("OK", "EXPECTEDFAIL")
        if not good and not_oks == 0:
            not_oks = 1
            print(f"tap-count: {log}: {entry.get('name')}: {entry.get('result')}", file=sys.stderr)
        if good and oks == 0 and not_oks == 0:
            oks = 1
        passed += oks
        failed += not_oks
for path in tap_files:
    oks, not_oks = count_tap(open(path, encoding="utf-8").read())
    passed += oks
    failed += not_oks
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
