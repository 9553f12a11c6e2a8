#!/usr/bin/env python3
"""Compare the peers' counts with the engine's bundle.

    bench/compare.py BUNDLE.json NAME=PEER.csv [NAME=PEER.csv ...]

A peer file holds rows `kind,indicator,territory,num,den` (bench/duckdb.mjs,
bench/sqlite.sql), in UTF-8, or else Windows-1252 (sqlite3 writes the bytes
of a Windows-1252 file as they are). For each of the six indicators, the
département total, every stratum (territory, numerator, denominator) and
every detail must be equal; a peer's fraction detail (mean, median) is
rounded to one decimal half up on the exact fraction, as the engine does.

When the bundle was made with suppression on (the default), a hidden
stratum has no counts to compare: its territory must be the peer's, and
every stratum whose peer counts are small (1 to the bundle's small_count)
must be hidden; the other strata are compared as above. Prints one table;
exit 0 when every peer agrees, 1 otherwise.
"""
import csv
import io
import json
import sys
from decimal import Decimal
from fractions import Fraction

INDICATORS = ("bsem_coverage", "consultation_child_share", "epnp_pmi_coverage", "epp_pmi_coverage",
              "ip_eval_3m_rate", "vad_child_share")
HIDDEN = "hidden"   # a suppressed stratum's counts in the engine's view


def round_half_up(f):
    """One decimal, half up, on the exact fraction."""
    tenths = f * 10
    q, r = divmod(tenths.numerator, tenths.denominator)
    if 2 * r >= tenths.denominator:
        q += 1
    return Decimal(q) / 10


def engine_view(path):
    """({indicator: total, strata, details}, small_count or None)."""
    bundle = json.load(open(path, encoding="utf-8"))
    options = bundle.get("options") or {}
    small = options.get("small_count") if options.get("suppression") else None
    out = {}
    for ind in bundle["indicators"]:
        if ind["id"] not in INDICATORS:
            continue
        details = {}
        for k, v in (ind.get("details") or {}).items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                details[k] = Decimal(str(v))
        out[ind["id"]] = {
            "total": (ind.get("numerator"), ind.get("denominator")),
            "strata": {s["territory"]: HIDDEN if s.get("suppressed") else (s["numerator"], s["denominator"])
                       for s in ind.get("strata", [])},
            "details": details,
        }
    return out, small


def peer_view(path):
    out = {i: {"total": None, "strata": {}, "details": {}} for i in INDICATORS}
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    for row in csv.reader(io.StringIO(text, newline="")):
        if not row or row[0] == "kind":
            continue
        kind, ind, territory, num, den = row
        num = int(float(num)) if num != "" else 0
        den = int(float(den)) if den != "" else None
        if kind == "total":
            out[ind]["total"] = (num, den)
        elif kind == "stratum":
            # The engine keeps a stratum only when its denominator is above 0.
            if den:
                out[ind]["strata"][territory] = (num, den)
        elif kind == "detail":
            if den == 1:
                out[ind]["details"][territory] = Decimal(num)
            elif den:
                out[ind]["details"][territory] = round_half_up(Fraction(num, den))
            else:
                out[ind]["details"][territory] = Decimal(0)
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    engine, small = engine_view(argv[1])
    peers = []
    for arg in argv[2:]:
        name, _, path = arg.partition("=")
        peers.append((name, peer_view(path)))
    ok = True
    head = "%-24s %-18s" % ("indicator", "engine num/den")
    for name, _ in peers:
        head += " %-18s" % (name + " num/den")
    head += " %13s  %s" % ("hidden/strata" if small else "strata", "agreement")
    print(head)
    for ind in INDICATORS:
        e = engine.get(ind)
        if e is None:
            print("%-24s (not in the bundle)" % ind)
            ok = False
            continue
        line = "%-24s %-18s" % (ind, "%s/%s" % e["total"])
        verdicts = []
        for name, view in peers:
            p = view[ind]
            line += " %-18s" % ("%s/%s" % p["total"] if p["total"] else "-")
            problems = []
            if p["total"] != e["total"]:
                problems.append("total")
            diff = [t for t in set(e["strata"]) | set(p["strata"])
                    if e["strata"].get(t) != p["strata"].get(t)
                    and not (e["strata"].get(t) == HIDDEN and t in p["strata"])]
            if diff:
                problems.append("%d strata differ (e.g. %s: engine %s, %s %s)"
                                % (len(diff), sorted(diff)[0], e["strata"].get(sorted(diff)[0]), name,
                                   p["strata"].get(sorted(diff)[0])))
            shown = [t for t, c in p["strata"].items()
                     if small and e["strata"].get(t) != HIDDEN and any(1 <= x <= small for x in c)]
            if shown:
                problems.append("%d small strata not hidden (e.g. %s: %s %s)"
                                % (len(shown), sorted(shown)[0], name, p["strata"][sorted(shown)[0]]))
            for k, v in e["details"].items():
                if p["details"].get(k, Decimal(0)) != v:
                    problems.append("%s: engine %s, %s %s" % (k, v, name, p["details"].get(k)))
            verdicts.append("%s %s" % (name, "agrees" if not problems else "DIFFERS: " + "; ".join(problems)))
            ok = ok and not problems
        hidden = sum(1 for c in e["strata"].values() if c == HIDDEN)
        line += " %13s  %s" % ("%d/%d" % (hidden, len(e["strata"])) if small else len(e["strata"]),
                               ", ".join(verdicts))
        print(line)
        if e["details"]:
            print("%-24s details: %s" % ("", ", ".join("%s %s" % kv for kv in sorted(e["details"].items()))))
    print("all peers agree with the engine" if ok else "DISAGREEMENT: see above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
