#!/usr/bin/env python3
"""Compare the peers' counts with the engine's bundle.

    bench/compare.py BUNDLE.json NAME=PEER.csv [NAME=PEER.csv ...]

A peer file holds rows `kind,indicator,territory,num,den` (bench/duckdb.mjs,
bench/sqlite.sql). For each of the four indicators, the département total,
every stratum (territory, numerator, denominator) and every detail must be
equal; a peer's fraction detail (mean, median) is rounded to one decimal half
up on the exact fraction, as the engine does. Prints one table; exit 0 when
every peer agrees, 1 otherwise.
"""
import csv
import json
import sys
from decimal import Decimal
from fractions import Fraction

INDICATORS = ("bsem_coverage", "epp_pmi_coverage", "ip_eval_3m_rate", "vad_child_share")


def round_half_up(f):
    """One decimal, half up, on the exact fraction."""
    tenths = f * 10
    q, r = divmod(tenths.numerator, tenths.denominator)
    if 2 * r >= tenths.denominator:
        q += 1
    return Decimal(q) / 10


def engine_view(path):
    bundle = json.load(open(path, encoding="utf-8"))
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
            "strata": {s["territory"]: (s["numerator"], s["denominator"]) for s in ind.get("strata", [])},
            "details": details,
        }
    return out


def peer_view(path):
    out = {i: {"total": None, "strata": {}, "details": {}} for i in INDICATORS}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
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
    engine = engine_view(argv[1])
    peers = []
    for arg in argv[2:]:
        name, _, path = arg.partition("=")
        peers.append((name, peer_view(path)))
    ok = True
    head = "%-18s %-18s" % ("indicator", "engine num/den")
    for name, _ in peers:
        head += " %-18s" % (name + " num/den")
    head += " %7s  %s" % ("strata", "agreement")
    print(head)
    for ind in INDICATORS:
        e = engine.get(ind)
        if e is None:
            print("%-18s (not in the bundle)" % ind)
            ok = False
            continue
        line = "%-18s %-18s" % (ind, "%s/%s" % e["total"])
        verdicts = []
        for name, view in peers:
            p = view[ind]
            line += " %-18s" % ("%s/%s" % p["total"] if p["total"] else "-")
            problems = []
            if p["total"] != e["total"]:
                problems.append("total")
            diff = [t for t in set(e["strata"]) | set(p["strata"]) if e["strata"].get(t) != p["strata"].get(t)]
            if diff:
                problems.append("%d strata differ (e.g. %s: engine %s, %s %s)"
                                % (len(diff), sorted(diff)[0], e["strata"].get(sorted(diff)[0]), name,
                                   p["strata"].get(sorted(diff)[0])))
            for k, v in e["details"].items():
                if p["details"].get(k, Decimal(0)) != v:
                    problems.append("%s: engine %s, %s %s" % (k, v, name, p["details"].get(k)))
            verdicts.append("%s %s" % (name, "agrees" if not problems else "DIFFERS: " + "; ".join(problems)))
            ok = ok and not problems
        line += " %7d  %s" % (len(e["strata"]), ", ".join(verdicts))
        print(line)
        if e["details"]:
            print("%-18s details: %s" % ("", ", ".join("%s %s" % kv for kv in sorted(e["details"].items()))))
    print("all peers agree with the engine" if ok else "DISAGREEMENT: see above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
