#!/usr/bin/env python3
"""Independent checker for the Creuse 2024 example data set.

    python3 check_figures.py [--data DIR] [--year Y]

Python 3 standard library only; shares no code with the engine nor with
generate.py. It reads the CSV files the way spec/data.md describes them and
computes the four indicators the way spec/indicators.md defines them, then
prints every indicator's numerator, denominator and value, its strata and its
details, and compares them with the figures Creuse published.

Exit status: 0 when every published figure is reproduced, 1 when one is not,
2 when an input file is invalid (strict mode: nothing is computed).
"""

import argparse
import calendar
import csv
import datetime as dt
import io
import os
import re
import sys
from fractions import Fraction

# Creuse's published figures (2024 execution report of the contrat
# départemental de prévention et de protection de l'enfance): indicator ->
# (numerator, denominator or None when the report gives none, value or None).
PUBLISHED = {
    2024: {
        "epp_pmi_coverage": (51, 770, "6.6"),
        "bsem_coverage": (787, 844, "93.2"),
        "ip_eval_3m_rate": (25, 179, "14.0"),
        "vad_child_share": (368, None, None),
        "ip_eval_3m_rate/received": (593, None, None),
    },
    2023: {
        "bsem_coverage": (750, 869, None),
        "ip_eval_3m_rate": (20, 213, "9.4"),
        "ip_eval_3m_rate/received": (424, None, None),
    },
}

KNOWN_ACT_TYPES = {"EPP", "EPNP", "BSEM", "VAD_PRENATAL", "VAD_POSTNATAL", "VAD_CHILD", "CONSULTATION_CHILD"}
CHILD_ACT_TYPES = {"BSEM", "VAD_CHILD", "CONSULTATION_CHILD"}

# Column types: text (trimmed), code (trimmed, compared case-insensitively),
# date, count (integer >= 0, spaces as thousands separators).
TABLES = {
    "births": ("births.csv", {"birth_id": ("text", True), "birth_date": ("date", True),
                              "territory": ("text", False)}, "birth_id"),
    "pmi_acts": ("pmi_acts.csv", {"act_id": ("text", True), "act_type": ("code", True),
                                  "act_date": ("date", True), "person_id": ("text", True),
                                  "person_birth_date": ("date", False), "provider": ("code", True),
                                  "professional": ("code", False), "territory": ("text", False)}, "act_id"),
    "ip": ("ip.csv", {"ip_id": ("text", True), "received_date": ("date", True),
                      "evaluation_end_date": ("date", False), "territory": ("text", False)}, "ip_id"),
    "populations": ("populations.csv", {"population": ("code", True), "period": ("text", True),
                                        "territory": ("text", False), "value": ("count", True),
                                        "source": ("text", False)}, None),
}


# ---- dates ------------------------------------------------------------------

ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
FRENCH = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def parse_date(s):
    m = ISO.match(s)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = FRENCH.match(s)
        if not m:
            raise ValueError("not a date (YYYY-MM-DD or DD/MM/YYYY): %r" % s)
        d, mo, y = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError("impossible date: %r" % s) from None


def add_months(d, n):
    """Same day-of-month n months later, clamped to the end of the target month."""
    months = d.year * 12 + (d.month - 1) + n
    y, m = months // 12, months % 12 + 1
    last = calendar.monthrange(y, m)[1]
    return dt.date(y, m, d.day if d.day <= last else last)


def completed_months(birth, at):
    """The largest m with add_months(birth, m) <= at (at >= birth)."""
    m = 0
    # add_months is monotone in m: step up by years, then by months.
    while add_months(birth, m + 12) <= at:
        m += 12
    while add_months(birth, m + 1) <= at:
        m += 1
    return m


# ---- numbers ----------------------------------------------------------------

COUNT = re.compile(r"^(\d+|\d{1,3}([ \u00a0\u202f]\d{3})+)$")


def parse_count(s):
    if not COUNT.match(s):
        raise ValueError("not a count: %r" % s)
    return int(re.sub(r"[ \u00a0\u202f]", "", s))


def round1(q):
    """One decimal, half up, on the exact fraction; returned as text '6.6'."""
    tenths = (q * 10 + Fraction(1, 2)).__floor__()
    return "%d.%d" % (tenths // 10, tenths % 10)


def pct(num, den):
    return round1(Fraction(100 * num, den))


def fr_number(s):
    return s.replace(".", ",")


# ---- reading ----------------------------------------------------------------

class Problems(Exception):
    pass


def read_table(data_dir, table):
    fname, columns, id_col = TABLES[table]
    path = os.path.join(data_dir, fname)
    if not os.path.exists(path):
        return None
    raw = open(path, "rb").read()
    try:
        text, encoding = raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        text, encoding = raw.decode("cp1252"), "Windows-1252"
    if text.startswith("\ufeff"):
        text, encoding = text[1:], "UTF-8 with BOM"
    header_line = next((l for l in text.splitlines() if l.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    sep = ";" if unquoted.count(";") >= unquoted.count(",") and ";" in unquoted else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=True)

    problems, rows, header, seen = [], [], None, {}
    last_line = 0
    for record in reader:
        line, last_line = last_line + 1, reader.line_num
        if not any(f.strip() for f in record):
            continue
        if header is None:
            header = {h.strip().lower(): i for i, h in enumerate(record)}
            for col, (_, required) in columns.items():
                if required and col not in header:
                    problems.append("%s:%d: missing column %s" % (fname, line, col))
            if problems:
                break
            continue
        row = {"_line": line}
        for col, (kind, required) in columns.items():
            i = header.get(col)
            value = record[i].strip() if i is not None and i < len(record) else ""
            if value == "":
                if required:
                    problems.append("%s:%d: %s: missing value" % (fname, line, col))
                row[col] = None
                continue
            try:
                if kind == "date":
                    value = parse_date(value)
                elif kind == "count":
                    value = parse_count(value)
                elif kind == "code":
                    row["written_" + col] = value
                    value = value.upper()
            except ValueError as e:
                problems.append("%s:%d: %s: %s" % (fname, line, col, e))
                value = None
            row[col] = value
        if id_col and row[id_col] is not None:
            if row[id_col] in seen:
                problems.append("%s:%d: %s: duplicate of line %d" % (fname, line, id_col, seen[row[id_col]]))
            seen[row[id_col]] = line
        if table == "ip" and row["received_date"] and row["evaluation_end_date"] \
                and row["evaluation_end_date"] < row["received_date"]:
            problems.append("%s:%d: evaluation_end_date: before received_date" % (fname, line))
        if table == "pmi_acts" and row["act_type"] in CHILD_ACT_TYPES and row["person_birth_date"] \
                and row["act_date"] and row["act_date"] < row["person_birth_date"]:
            problems.append("%s:%d: act_date: before person_birth_date" % (fname, line))
        if table == "populations":
            key = (row["population"], row["period"], row["territory"])
            if key in seen:
                problems.append("%s:%d: same population, period and territory as line %d" % (fname, line, seen[key]))
            seen[key] = line
        rows.append(row)
    if problems:
        raise Problems(problems)
    return {"file": fname, "rows": rows, "separator": sep, "encoding": encoding,
            "line_ends": "CRLF" if b"\r\n" in raw else "LF"}


# ---- populations ------------------------------------------------------------

class Populations:
    def __init__(self, pops, births):
        self.pops = pops["rows"] if pops else []
        self.births = births["rows"] if births else []
        self.warnings = []

    def derive(self, population, period, territory):
        rows = self.births if territory is None else [b for b in self.births if b["territory"] == territory]
        if not re.fullmatch(r"\d{4}", period) or not self.births:
            return None
        y = int(period)
        if population == "births":
            return sum(1 for b in rows if b["birth_date"].year == y)
        if population == "children_under_2":
            years = [b["birth_date"].year for b in rows]
            if (y - 1) in years and y in years:
                return sum(1 for v in years if v in (y - 1, y))
        return None

    def resolve(self, population, period, territory=None):
        """(value, origin, source) or None; reference rows win over derivation."""
        derived = self.derive(population, period, territory)
        for r in self.pops:
            if r["population"] == population.upper() and r["period"] == period and r["territory"] == territory:
                if derived is not None and derived != r["value"]:
                    self.warnings.append("%s %s %s: populations.csv says %d, births.csv gives %d; the reference row is used"
                                         % (population, period, territory or "(total)", r["value"], derived))
                return r["value"], "populations.csv", r["source"], derived
        if derived is not None:
            return derived, "births.csv", None, derived
        return None

    def territories(self, population, period, derived_total):
        out = {r["territory"] for r in self.pops
               if r["population"] == population.upper() and r["period"] == period and r["territory"]}
        if derived_total:
            out |= {b["territory"] for b in self.births if b["territory"]}
        return out


# ---- indicators -------------------------------------------------------------

def distinct_by_territory(rows):
    """Distinct persons in total and per territory, from (person, territory) pairs."""
    total, per = set(), {}
    for person, territory in rows:
        total.add(person)
        if territory:
            per.setdefault(territory, set()).add(person)
    return total, per


def population_result(pops, population, period, num_total, num_per):
    den = pops.resolve(population, period)
    res = {"numerator": len(num_total), "denominator": None, "value": None, "strata": [],
           "denominator_source": None}
    if den is None:
        res["reason"] = "population %s for %s not available" % (population, period)
        return res
    value, origin, source, derived = den
    res["denominator"] = value
    res["denominator_source"] = "%s %s from %s%s%s" % (
        population, period, origin, " (%s)" % source if source else "",
        "; derived from births.csv: %d" % derived if origin == "populations.csv" and derived is not None else "")
    if value == 0:
        res["reason"] = "denominator is 0"
        return res
    res["value"] = pct(len(num_total), value)
    for t in sorted(set(num_per) | pops.territories(population, period, origin == "births.csv")):
        d = pops.resolve(population, period, t)
        if d is None or d[0] == 0:
            continue
        n = len(num_per.get(t, ()))
        res["strata"].append((t, n, d[0], pct(n, d[0])))
    return res


def in_year(d, y):
    return d.year == y


def epp_pmi_coverage(acts, pops, y):
    rows = [(a["person_id"], a["territory"]) for a in acts
            if a["act_type"] == "EPP" and a["provider"] == "PMI" and in_year(a["act_date"], y)]
    total, per = distinct_by_territory(rows)
    res = population_result(pops, "births", str(y), total, per)
    res["details"] = {"acts": len(rows)}
    res["text_fr"] = "{num} femmes ont bénéficié d'un EPP réalisé par la PMI en {y} sur {den} naissances, soit {v} %"
    return res


def bsem_coverage(acts, pops, y):
    start, end = dt.date(y - 1, 9, 1), dt.date(y, 8, 31)
    period = "%d-%d" % (y - 1, y)
    children = {}
    for a in acts:
        if a["act_type"] == "BSEM" and a["provider"] == "PMI" and start <= a["act_date"] <= end:
            children.setdefault(a["person_id"], []).append(a)
    in_band, out_band, unknown, ambiguous = [], set(), set(), set()
    for person, rows in children.items():
        ages = [completed_months(a["person_birth_date"], a["act_date"]) if a["person_birth_date"] else None
                for a in rows]
        good = [a for a, m in zip(rows, ages) if m is not None and 36 <= m < 60]
        in_band += [(person, a["territory"]) for a in good]
        if not good:
            (out_band if any(m is not None for m in ages) else unknown).add(person)
        elif len(good) < len(rows):
            ambiguous.add(person)
    total, per = distinct_by_territory(in_band)
    res = population_result(pops, "enrolled_3_4", period, total, per)
    res["period"] = period
    res["details"] = {"out_of_age_band": len(out_band), "unknown_age": len(unknown),
                      "acts_in_school_year": sum(len(r) for r in children.values()),
                      "check: children both in and out of the band (must be 0)": len(ambiguous)}
    res["text_fr"] = ("{num} enfants de 3-4 ans ont bénéficié du BSEM réalisé par la PMI en {period} "
                      "sur {den} enfants scolarisés, soit {v} %")
    return res


def under_2_children(acts, act_type, y, provider="PMI"):
    """Children with an act of act_type by provider in year y: (pairs under 24 months, unknown age, 24+ only)."""
    children = {}
    for a in acts:
        if a["act_type"] == act_type and a["provider"] == provider and in_year(a["act_date"], y):
            children.setdefault(a["person_id"], []).append(a)
    pairs, unknown, older = [], set(), set()
    for person, rows in children.items():
        good = [a for a in rows if a["person_birth_date"]
                and completed_months(a["person_birth_date"], a["act_date"]) < 24]
        pairs += [(person, a["territory"]) for a in good]
        if not good:
            (older if any(a["person_birth_date"] for a in rows) else unknown).add(person)
    return pairs, unknown, older, sum(len(r) for r in children.values())


def vad_child_share(acts, pops, y):
    pairs, unknown, older, n_acts = under_2_children(acts, "VAD_CHILD", y)
    total, per = distinct_by_territory(pairs)
    res = population_result(pops, "children_under_2", str(y), total, per)
    res["details"] = {"unknown_age": len(unknown),
                      "checker only: children visited only at 24 months or more": len(older),
                      "checker only: PMI VAD_CHILD acts in the year": n_acts}
    res["text_fr"] = ("{num} enfants de moins de 2 ans ont bénéficié d'une visite à domicile de la PMI "
                      "en {y} sur {den} enfants de moins de 2 ans, soit {v} %")
    return res


def ip_eval_3m_rate(ips, y):
    evaluated = [r for r in ips if r["evaluation_end_date"] and in_year(r["evaluation_end_date"], y)]
    within = [r for r in evaluated if r["evaluation_end_date"] <= add_months(r["received_date"], 3)]
    res = {"numerator": len(within), "denominator": len(evaluated), "value": None, "strata": [],
           "denominator_source": "ip.csv: IPs whose evaluation_end_date is in %d" % y}
    if evaluated:
        res["value"] = pct(len(within), len(evaluated))
    for t in sorted({r["territory"] for r in evaluated if r["territory"]}):
        d = sum(1 for r in evaluated if r["territory"] == t)
        n = sum(1 for r in within if r["territory"] == t)
        res["strata"].append((t, n, d, pct(n, d)))
    delays = sorted((r["evaluation_end_date"] - r["received_date"]).days for r in evaluated)
    k = len(delays)
    details = {"received": sum(1 for r in ips if in_year(r["received_date"], y))}
    if k:
        median = Fraction(delays[k // 2]) if k % 2 else Fraction(delays[k // 2 - 1] + delays[k // 2], 2)
        details["mean_delay_days"] = round1(Fraction(sum(delays), k))
        details["median_delay_days"] = round1(median)
    details["checker only: evaluated in %d, received in %d" % (y, y - 1)] = \
        sum(1 for r in evaluated if r["received_date"].year == y - 1)
    details["checker only: received in %d, evaluation_end_date empty" % y] = \
        sum(1 for r in ips if in_year(r["received_date"], y) and not r["evaluation_end_date"])
    details["checker only: received in %d, evaluated in %d" % (y, y + 1)] = \
        sum(1 for r in ips if in_year(r["received_date"], y) and r["evaluation_end_date"]
            and r["evaluation_end_date"].year == y + 1)
    res["details"] = details
    res["text_fr"] = "{num} IP évaluées dans les 3 mois suivant leur réception sur {den} IP évaluées en {y}, soit {v} %"
    return res


# ---- printing ---------------------------------------------------------------

def show(name, res, y, published):
    num, den, v = res["numerator"], res["denominator"], res["value"]
    head = "%s  %d / %s = %s" % (name, num, den if den is not None else "-", (v + " %") if v else "not available")
    ok = True
    pub = published.get(name)
    if pub:
        p_num, p_den, p_val = pub
        ok = num == p_num and (p_den is None or den == p_den) and (p_val is None or v == p_val)
        shown = "%d%s%s" % (p_num, " / %d" % p_den if p_den else "", " = %s %%" % fr_number(p_val) if p_val else "")
        head += "    [published: %s: %s]" % (shown, "reproduced" if ok else "NOT REPRODUCED")
    print(head)
    if res.get("reason"):
        print("  reason: %s" % res["reason"])
    print("  denominator: %s" % (res["denominator_source"] or "not available"))
    if v:
        print("  text_fr: « %s »" % res["text_fr"].format(num=num, den=den, y=y, v=fr_number(v),
                                                         period=res.get("period")))
    if res["strata"]:
        print("  strata:")
        for t, n, d, sv in res["strata"]:
            print("    %-16s %4d / %4d = %5s %%" % (t, n, d, sv))
    print("  details:")
    for key, value in res["details"].items():
        pub_ok = ""
        pub = published.get("%s/%s" % (name, key))
        if pub:
            good = value == pub[0]
            ok = ok and good
            pub_ok = "    [published: %d: %s]" % (pub[0], "reproduced" if good else "NOT REPRODUCED")
        print("    %s: %s%s" % (key, value, pub_ok))
    print()
    return ok


def activity(acts, pops, y):
    """Plausible volumes for two future indicators (no published target)."""
    print("activity (future indicators, no published figure)")
    for prov in ("PMI", "MATERNITY", "LIBERAL", "OTHER"):
        rows = [a for a in acts if a["act_type"] == "EPNP" and a["provider"] == prov and in_year(a["act_date"], y)]
        if rows:
            print("  EPNP %d, provider %-9s %4d distinct women, %4d acts"
                  % (y, prov, len({a["person_id"] for a in rows}), len(rows)))
    pairs, unknown, older, n_acts = under_2_children(acts, "CONSULTATION_CHILD", y)
    n = len({p for p, _ in pairs})
    den = pops.resolve("children_under_2", str(y))
    share = " (%s %% of children_under_2 = %d)" % (fr_number(pct(n, den[0])), den[0]) if den and den[0] else ""
    print("  CONSULTATION_CHILD %d, PMI: %d distinct children under 24 months%s;" % (y, n, share))
    print("    %d children seen only at 24 months or more, %d without birth date; %d acts"
          % (len(older), len(unknown), n_acts))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--year", type=int, default=2024)
    args = ap.parse_args()
    y = args.year

    tables, problems = {}, []
    for t in TABLES:
        try:
            tables[t] = read_table(args.data, t)
        except Problems as e:
            problems += e.args[0]
    if problems:
        for p in problems[:20]:
            print(p, file=sys.stderr)
        if len(problems) > 20:
            print("... and %d more problems" % (len(problems) - 20), file=sys.stderr)
        return 2

    print("check_figures.py: year %d, data %s" % (y, os.path.relpath(args.data)))
    print("inputs (all valid; strict reading):")
    for t, tab in tables.items():
        if tab is None:
            print("  %-16s absent" % TABLES[t][0])
            continue
        print("  %-16s %5d rows  separator %r  %s  %s" % (
            tab["file"], len(tab["rows"]), tab["separator"], tab["encoding"], tab["line_ends"]))
    acts = tables["pmi_acts"]["rows"] if tables["pmi_acts"] else []
    ips = tables["ip"]["rows"] if tables["ip"] else []
    if acts:
        for col in ("act_type", "provider"):
            print("  %s as written: %s" % (col, ", ".join(sorted({a["written_" + col] for a in acts}))))
        other = sorted({a["act_type"] for a in acts} - KNOWN_ACT_TYPES)
        print("  other act codes: %s" % (", ".join(other) or "none"))
    print()

    pops = Populations(tables["populations"], tables["births"])
    published = {}
    for k, v in PUBLISHED.get(y, {}).items():
        published[k] = v
    ok = True
    results = [
        ("bsem_coverage", bsem_coverage(acts, pops, y)),
        ("epp_pmi_coverage", epp_pmi_coverage(acts, pops, y)),
        ("ip_eval_3m_rate", ip_eval_3m_rate(ips, y)),
        ("vad_child_share", vad_child_share(acts, pops, y)),
    ]
    for name, res in results:
        ok = show(name, res, y, published) and ok
    activity(acts, pops, y)
    print("population warnings: %s" % ("; ".join(pops.warnings) if pops.warnings else "none"))
    print("published figures for %d: %s" % (y, "all reproduced" if ok else "NOT ALL REPRODUCED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
