#!/usr/bin/env python3
"""Synthetic record-level data for indicore: one département or the whole country.

    tools/gen-data.py --out DIR [--seed N] [--year Y] [--departments 1|101]
                      [--department CODE] [--scale F | --acts N]
                      [--dialect fr|iso|cp1252|quoted] [--names codes|fr]
                      [--shape base|many-persons|few-persons|fr-cp1252|quoted|wide]

Writes births.csv, pmi_acts.csv, ip.csv and populations.csv into DIR, shaped as
../shared/spec/data.md says. Python 3 standard library only. The same arguments
always write the same bytes (the seed drives everything; each département has
its own random stream, derived from the seed and its code). The dialect changes
the bytes only, never the records: the same seed gives the same figures in
every dialect (with the same --names). So do the shapes fr-cp1252, quoted and
wide (their extra columns draw from streams of their own); many-persons and
few-persons change who the acts are of, not how many there are.

No row describes a real person: identifiers are scrambled counters and every
date is drawn at random. See tools/README.md for the volumes and the shapes.
"""

import argparse
import bisect
import datetime as dt
import math
import os
import random
import sys
import time

# --------------------------------------------------------------------------
# The 101 départements: code, name, population (thousands, rounded, about
# 2021) and a birth-rate factor (1 = the national rate). Only the relative
# sizes matter: the births are scaled to the national total.
DEPARTMENTS = [
    ("01", "Ain", 657), ("02", "Aisne", 529), ("03", "Allier", 335),
    ("04", "Alpes-de-Haute-Provence", 165), ("05", "Hautes-Alpes", 141),
    ("06", "Alpes-Maritimes", 1098), ("07", "Ardèche", 329), ("08", "Ardennes", 270),
    ("09", "Ariège", 155), ("10", "Aube", 310), ("11", "Aude", 375), ("12", "Aveyron", 280),
    ("13", "Bouches-du-Rhône", 2056), ("14", "Calvados", 698), ("15", "Cantal", 144),
    ("16", "Charente", 352), ("17", "Charente-Maritime", 661), ("18", "Cher", 298),
    ("19", "Corrèze", 240), ("2A", "Corse-du-Sud", 160), ("2B", "Haute-Corse", 182),
    ("21", "Côte-d'Or", 534), ("22", "Côtes-d'Armor", 602), ("23", "Creuse", 116),
    ("24", "Dordogne", 414), ("25", "Doubs", 546), ("26", "Drôme", 519), ("27", "Eure", 600),
    ("28", "Eure-et-Loir", 431), ("29", "Finistère", 917), ("30", "Gard", 752),
    ("31", "Haute-Garonne", 1434), ("32", "Gers", 192), ("33", "Gironde", 1654),
    ("34", "Hérault", 1202), ("35", "Ille-et-Vilaine", 1100), ("36", "Indre", 218),
    ("37", "Indre-et-Loire", 612), ("38", "Isère", 1275), ("39", "Jura", 259),
    ("40", "Landes", 418), ("41", "Loir-et-Cher", 329), ("42", "Loire", 766),
    ("43", "Haute-Loire", 228), ("44", "Loire-Atlantique", 1446), ("45", "Loiret", 683),
    ("46", "Lot", 174), ("47", "Lot-et-Garonne", 332), ("48", "Lozère", 76),
    ("49", "Maine-et-Loire", 820), ("50", "Manche", 491), ("51", "Marne", 564),
    ("52", "Haute-Marne", 170), ("53", "Mayenne", 307), ("54", "Meurthe-et-Moselle", 731),
    ("55", "Meuse", 181), ("56", "Morbihan", 763), ("57", "Moselle", 1046),
    ("58", "Nièvre", 201), ("59", "Nord", 2611), ("60", "Oise", 830), ("61", "Orne", 278),
    ("62", "Pas-de-Calais", 1458), ("63", "Puy-de-Dôme", 663),
    ("64", "Pyrénées-Atlantiques", 688), ("65", "Hautes-Pyrénées", 229),
    ("66", "Pyrénées-Orientales", 483), ("67", "Bas-Rhin", 1149), ("68", "Haut-Rhin", 769),
    ("69", "Rhône", 1890), ("70", "Haute-Saône", 234), ("71", "Saône-et-Loire", 550),
    ("72", "Sarthe", 564), ("73", "Savoie", 439), ("74", "Haute-Savoie", 837),
    ("75", "Paris", 2133), ("76", "Seine-Maritime", 1255), ("77", "Seine-et-Marne", 1435),
    ("78", "Yvelines", 1451), ("79", "Deux-Sèvres", 375), ("80", "Somme", 568),
    ("81", "Tarn", 391), ("82", "Tarn-et-Garonne", 262), ("83", "Var", 1090),
    ("84", "Vaucluse", 562), ("85", "Vendée", 690), ("86", "Vienne", 440),
    ("87", "Haute-Vienne", 372), ("88", "Vosges", 361), ("89", "Yonne", 333),
    ("90", "Territoire de Belfort", 138), ("91", "Essonne", 1306),
    ("92", "Hauts-de-Seine", 1627), ("93", "Seine-Saint-Denis", 1655),
    ("94", "Val-de-Marne", 1410), ("95", "Val-d'Oise", 1250), ("971", "Guadeloupe", 384),
    ("972", "Martinique", 361), ("973", "Guyane", 286), ("974", "La Réunion", 868),
    ("976", "Mayotte", 280),
]
BIRTH_RATE = {"93": 1.45, "95": 1.25, "973": 2.6, "976": 3.6, "974": 1.3, "971": 0.95,
              "972": 0.75, "23": 0.65, "15": 0.7, "48": 0.7, "58": 0.75, "75": 1.05}
assert len(DEPARTMENTS) == 101

NATIONAL_BIRTHS = 700_000      # births a year at --scale 1
ACTS_PER_BIRTH = 10            # PMI acts over the generated years, per birth of those years
IPS_PER_ACT = 0.1              # informations préoccupantes: a tenth of the acts
PREVIOUS_YEAR_BIRTHS = 0.985   # births of Y-1 relative to Y (births go down a little every year)

# Acts per birth of the years generated, by type (CONSULTATION_CHILD takes the
# rest up to ACTS_PER_BIRTH; BSEM comes from the enrolled cohorts instead).
RATES = {"EPP": 0.55, "EPNP": 0.35, "VAD_PRENATAL": 0.40, "VAD_POSTNATAL": 0.60,
         "VAD_CHILD": 1.00, "OTHER_CODE": 0.004}
UNKNOWN_CODES = ("BILAN_6ANS", "CPEF", "VACCINATION")
WOMEN_TYPES = ("EPP", "EPNP", "VAD_PRENATAL", "VAD_POSTNATAL")

# Provider and professional mixes (percent), per act type.
PROVIDERS = {
    "EPP": (("PMI", 12), ("MATERNITY", 58), ("LIBERAL", 25), ("OTHER", 5)),
    "EPNP": (("PMI", 35), ("MATERNITY", 40), ("LIBERAL", 22), ("OTHER", 3)),
    "VAD_PRENATAL": (("PMI", 85), ("LIBERAL", 12), ("OTHER", 3)),
    "VAD_POSTNATAL": (("PMI", 85), ("LIBERAL", 12), ("OTHER", 3)),
    "BSEM": (("PMI", 93), ("OTHER", 7)),
    "VAD_CHILD": (("PMI", 95), ("LIBERAL", 3), ("OTHER", 2)),
    "CONSULTATION_CHILD": (("PMI", 88), ("LIBERAL", 7), ("OTHER", 5)),
    "OTHER_CODE": (("PMI", 100),),
}
PROFESSIONALS = {
    "women": (("SF", 80), ("MED", 10), ("OTHER", 5), ("", 5)),
    "BSEM": (("PUER", 60), ("IDE", 25), ("MED", 10), ("", 5)),
    "VAD_CHILD": (("PUER", 90), ("IDE", 5), ("", 5)),
    "CONSULTATION_CHILD": (("MED", 70), ("PUER", 25), ("", 5)),
    "OTHER_CODE": (("MED", 50), ("OTHER", 50)),
}
MIXED_CASE = 0.03        # share of codes written in lower or title case
NO_TERRITORY = 0.01      # acts and IPs without a territory
OTHER_TERRITORY = 0.005  # acts recorded in another territory of the département
NO_BIRTH_DATE = 0.01     # child acts without person_birth_date
WOMAN_BIRTH_DATE = 0.3   # women's acts that carry the woman's birth date
TERRITORY_WEIGHTS = (32, 24, 18, 15, 11)

DIALECTS = {
    #          sep  date format  line end  encoding     BOM    quote all  names
    "fr":     (";", "dmy", "\r\n", "utf-8", True, False, "codes"),
    "iso":    (",", "ymd", "\n", "utf-8", False, False, "codes"),
    "cp1252": (";", "dmy", "\r\n", "cp1252", False, False, "fr"),
    "quoted": (",", "ymd", "\n", "utf-8", False, True, "codes"),
}
TABLE_TABLE = 10_000     # resolution of the precomputed choice tables


class Shape:
    """What a shape changes (tools/README.md, « Shapes »): the persons' pools,
    per birth of the years generated, and how many checks a BSEM child has;
    the persons' identifiers; extra columns of pmi_acts.csv; the dialect."""

    def __init__(self, women=1.1, young=0.8, vad=0.30, bsem_checks=0, ids="P", extra=None, dialect=None):
        self.women, self.young, self.vad = women, young, vad
        self.bsem_checks = bsem_checks   # 0: one check, 3 % of children two (today's)
        self.ids, self.extra, self.dialect = ids, extra, dialect


SHAPES = {
    "base": Shape(),
    # Pools of about 0.9 draws each: about 0.6 distinct persons per act (1.16
    # million persons for 2 million acts in the national export of issue 16).
    "many-persons": Shape(women=1.7, young=5.7, vad=0.9, ids="W"),
    # Some 40 acts a person: a few women and children seen very often.
    "few-persons": Shape(women=0.04, young=0.15, vad=0.03, bsem_checks=12),
    "fr-cp1252": Shape(dialect="cp1252"),
    "quoted": Shape(extra="comment"),
    "wide": Shape(extra="wide"),
}

# The comment column of the quoted shape: free text with the separators, quotes
# and line ends that a text column of an export holds. 35 % of acts have none.
COMMENT_PARTS = (
    "Vu avec la mère", "RDV reporté", "famille absente", "appel de la maternité",
    "poids et taille OK", "orientation vers le médecin traitant", "à revoir dans 15 jours",
    "courrier envoyé", "interprète présent", "père présent", "suivi rapproché",
    "enfant « très calme »", 'dit "ça va mieux"', "pas de difficulté signalée",
)
NO_COMMENT = 0.35

# The wide shape: 30 columns no indicator reads, in three groups of ten (after
# act_id, after person_birth_date, at the end of the line).
WIDE_COLUMNS = (
    ("site", "site_label", "agent_id", "agent_role", "created_at", "updated_at", "source_system",
     "record_status", "appointment_id", "duration_min"),
    ("place", "motive", "followup", "referral", "language", "interpreter", "postal_code",
     "commune_insee", "iris_code", "qpv"),
    ("family_situation", "siblings", "insurance", "mutual", "gestational_weeks", "weight_g",
     "height_cm", "vaccination_ok", "batch", "export_date"),
)
EXTRA_TABLE = 4096       # precomputed values of the extra columns (one draw per act)

SCRAMBLE = 387_420_489   # 3^18: coprime with 10^9, so i -> i*SCRAMBLE mod 10^9 is a bijection


def scrambled(prefix, i):
    return "%s%09d" % (prefix, (i * SCRAMBLE + 7) % 1_000_000_000)


def person_ids(shape, acts):
    """The person identifier of counter i: today's P + 9 scrambled digits, or
    W + a scrambled number without padding (W116739), wide enough for twice
    the acts (every person has an act or was drawn for one)."""
    if shape.ids == "P":
        return lambda i: scrambled("P", i)
    modulus = 10 ** max(7, len(str(2 * int(acts) + 100)))
    return lambda i: "W%d" % ((i * SCRAMBLE + 7) % modulus)


def extra_columns(shape, dialect, day_strings, seed):
    """The shape's extra columns of pmi_acts.csv, or None: (headers, table).
    headers: three lists of names, the columns after act_id, after
    person_birth_date and at the end of the line; table: EXTRA_TABLE triples
    of the same three groups of values, escaped for the dialect, each value
    begun by its separator. Drawn from a stream of their own, so that the
    records (and the figures) are the base shape's."""
    if shape.extra is None:
        return None
    sep, _, _, _, _, quote_all, _ = DIALECTS[dialect]
    rnd = random.Random("%d/extra-columns/%s" % (seed, shape.extra))

    def group(values):
        return "".join(sep + ('"' + v.replace('"', '""') + '"'
                              if quote_all or any(c in v for c in (sep, '"', "\n", "\r")) else v)
                       for v in values)

    if shape.extra == "comment":
        joins = (", ", " ; ", ".\n", " - ", "\r\n")
        table = []
        for _ in range(EXTRA_TABLE):
            text = ""
            if rnd.random() >= NO_COMMENT:
                parts = rnd.sample(COMMENT_PARTS, 1 + int(rnd.random() * 3))
                text = parts[0]
                for part in parts[1:]:
                    text += joins[int(rnd.random() * len(joins))] + part
            table.append(("", group([text]), ""))
        return ([], ["comment"], []), table

    def pick(*values):
        return values[int(rnd.random() * len(values))]

    def number(fmt, lo, n):
        return lambda: fmt % (lo + int(rnd.random() * n))

    def recent_day():
        return day_strings[len(day_strings) - 1500 + int(rnd.random() * 600)]

    makers = {
        "site": number("S%03d", 0, 400),
        "site_label": lambda: pick("PMI centre", "PMI annexe", "Domicile", "École", "Maternité"),
        "agent_id": number("AG%05d", 0, 20000),
        "agent_role": lambda: pick("PUER", "SF", "MED", "IDE", "ADM"),
        "created_at": recent_day,
        "updated_at": recent_day,
        "source_system": lambda: pick("HORUS", "PMI-PLUS", "SOLIS", ""),
        "record_status": lambda: pick("VALIDE", "VALIDE", "A_COMPLETER", "ARCHIVE"),
        "appointment_id": number("RDV%08d", 0, 10 ** 8),
        "duration_min": number("%d", 15, 60),
        "place": lambda: pick("CENTRE", "DOMICILE", "ECOLE", "HOPITAL"),
        "motive": lambda: pick("SUIVI", "PREMIER_CONTACT", "URGENCE", ""),
        "followup": lambda: pick("OUI", "NON", ""),
        "referral": lambda: pick("", "", "MEDECIN", "CAMSP", "HOPITAL"),
        "language": lambda: pick("fr", "fr", "fr", "ar", "en", "pt", "ro", "tr"),
        "interpreter": lambda: pick("0", "0", "0", "1"),
        "postal_code": number("%05d", 1000, 94000),
        "commune_insee": number("%05d", 1000, 94000),
        "iris_code": number("%09d", 0, 10 ** 9),
        "qpv": lambda: pick("0", "0", "0", "1"),
        "family_situation": lambda: pick("COUPLE", "MONOPARENTAL", "AUTRE", ""),
        "siblings": number("%d", 0, 5),
        "insurance": lambda: pick("CPAM", "MSA", "CSS", "AME", ""),
        "mutual": lambda: pick("OUI", "NON", ""),
        "gestational_weeks": lambda: pick("", "%d" % (24 + int(rnd.random() * 18))),
        "weight_g": number("%d", 2500, 12000),
        "height_cm": number("%d", 45, 60),
        "vaccination_ok": lambda: pick("OUI", "NON", "INCONNU"),
        "batch": number("L%04d", 0, 10000),
        "export_date": lambda: day_strings[-640],
    }
    table = [tuple(group([makers[c]() for c in cols]) for cols in WIDE_COLUMNS) for _ in range(EXTRA_TABLE)]
    return tuple(list(cols) for cols in WIDE_COLUMNS), table


def choice_table(pairs, case_variants=True):
    """A list of TABLE_TABLE strings drawn from (value, percent) pairs; codes
    come in mixed case MIXED_CASE of the time when case_variants."""
    table = []
    total = sum(p for _, p in pairs)
    for value, percent in pairs:
        n = round(TABLE_TABLE * percent / total)
        if case_variants and value:
            k = round(n * MIXED_CASE / 2)
            table += [value.lower()] * k + [value.title()] * k
            n -= 2 * k
        table += [value] * n
    table = (table + table[-1:] * TABLE_TABLE)[:TABLE_TABLE]
    return table


def split(total, weights):
    """Integers proportional to weights, summing to total (largest remainder)."""
    s = float(sum(weights))
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (out[i] - raw[i], i))
    for i in order[:rest]:
        out[i] += 1
    return out


def days_between(lo, hi, weekdays):
    return [o for o in range(lo, hi + 1) if dt.date.fromordinal(o).weekday() in weekdays]


class Writer:
    """Buffered CSV writer for one dialect."""

    def __init__(self, path, dialect):
        sep, _, eol, encoding, bom, quote_all, _ = DIALECTS[dialect]
        self.sep, self.eol, self.quote_all = sep, eol, quote_all
        self.f = open(path, "w", encoding=encoding, newline="", buffering=1 << 22)
        if bom:
            self.f.write("\ufeff")
        self.rows = 0

    def field(self, value):
        value = str(value)
        if self.quote_all or any(c in value for c in (self.sep, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    def row(self, fields):
        self.f.write(self.sep.join(self.field(v) for v in fields) + self.eol)

    def lines(self, lines):
        """Rows already joined (no field needs quoting unless quote_all)."""
        if not lines:
            return
        if self.quote_all:
            lines = ['"' + line.replace(self.sep, '"' + self.sep + '"') + '"' for line in lines]
        self.f.write(self.eol.join(lines))
        self.f.write(self.eol)
        self.rows += len(lines)

    def escaped_lines(self, lines):
        """Rows already joined, every field already quoted where it must be."""
        if lines:
            self.f.write(self.eol.join(lines) + self.eol)
            self.rows += len(lines)

    def close(self):
        self.f.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2024, help="the year Y of the run (data covers Y-1 and Y)")
    ap.add_argument("--departments", type=int, default=101, help="1 (with --department) or up to 101 (first N)")
    ap.add_argument("--department", default="23", help="the département when --departments 1 (default 23)")
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--scale", type=float, help="1 = national volumes (700 000 births a year)")
    size.add_argument("--acts", type=int, help="about this many PMI acts in all (sets the scale)")
    ap.add_argument("--dialect", choices=sorted(DIALECTS),
                    help="fr (the default), iso, cp1252 or quoted; the shape fr-cp1252 is cp1252")
    ap.add_argument("--names", choices=("codes", "fr"),
                    help="territory names: codes (D23-T1) or fr ('23 Creuse pôle 1'); default by dialect")
    ap.add_argument("--shape", choices=list(SHAPES), default="base",
                    help="who the acts are of, and the extra columns (tools/README.md); default base")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    shape = SHAPES[args.shape]
    if shape.dialect and args.dialect not in (None, shape.dialect):
        ap.error("--shape %s is written in the %s dialect" % (args.shape, shape.dialect))
    args.dialect = shape.dialect or args.dialect or "fr"

    t0 = time.monotonic()
    Y = args.year
    sep, datefmt, eol, encoding, bom, quote_all, default_names = DIALECTS[args.dialect]
    names = args.names or default_names

    if args.departments == 1:
        deps = [d for d in DEPARTMENTS if d[0] == args.department.upper()]
        if not deps:
            ap.error("--department: unknown code %r" % args.department)
    elif 1 <= args.departments <= 101:
        deps = DEPARTMENTS[:args.departments]
    else:
        ap.error("--departments: 1 to 101")

    weight = {c: pop * BIRTH_RATE.get(c, 1.0) for c, _, pop in DEPARTMENTS}
    national_weight = sum(weight.values())
    selected_weight = sum(weight[c] for c, _, _ in deps)
    if args.acts is not None:
        scale = args.acts / (ACTS_PER_BIRTH * (1 + PREVIOUS_YEAR_BIRTHS) * NATIONAL_BIRTHS
                             * selected_weight / national_weight)
    else:
        scale = args.scale if args.scale is not None else 1.0
    if scale <= 0:
        ap.error("the scale must be above 0")
    person_id = person_ids(shape, ACTS_PER_BIRTH * (1 + PREVIOUS_YEAR_BIRTHS) * NATIONAL_BIRTHS * scale
                           * selected_weight / national_weight)

    # Dates as ordinals; strings precomputed once for the whole range used.
    base = dt.date(Y - 50, 1, 1).toordinal()
    top = dt.date(Y + 2, 12, 31).toordinal()
    fmt = "%d/%m/%Y" if datefmt == "dmy" else "%Y-%m-%d"
    DS = [dt.date.fromordinal(o).strftime(fmt) for o in range(base, top + 1)]

    def o(y, m, d):
        return dt.date(y, m, d).toordinal()

    start, end = o(Y - 1, 1, 1), o(Y, 12, 31)
    export = o(Y + 1, 3, 31)
    workdays = days_between(start, end, (0, 1, 2, 3, 4))
    # BSEM: school days (Mon, Tue, Thu, Fri) from September to June, per school year.
    school_periods = []
    for sy in (Y - 1, Y, Y + 1):   # school year ending in sy
        lo, hi = max(o(sy - 1, 9, 2), start), min(o(sy, 6, 30), end)
        if lo <= hi:
            school_periods.append(("%d-%d" % (sy - 1, sy), days_between(lo, hi, (0, 1, 3, 4)),
                                   (min(hi, o(sy, 6, 30)) - lo + 1) / 302.0))

    type_tables = {t: choice_table(((t, 100),)) for t in list(PROVIDERS) if t != "OTHER_CODE"}
    type_tables["OTHER_CODE"] = choice_table(tuple((c, 1) for c in UNKNOWN_CODES), case_variants=False)
    prov_tables = {t: choice_table(p) for t, p in PROVIDERS.items()}
    prof_tables = {t: choice_table(p) for t, p in PROFESSIONALS.items()}

    os.makedirs(args.out, exist_ok=True)
    births_w = Writer(os.path.join(args.out, "births.csv"), args.dialect)
    acts_w = Writer(os.path.join(args.out, "pmi_acts.csv"), args.dialect)
    ip_w = Writer(os.path.join(args.out, "ip.csv"), args.dialect)
    births_w.row(("birth_id", "birth_date", "territory"))
    extra = extra_columns(shape, args.dialect, DS, args.seed)
    if extra is None:
        acts_w.row(("act_id", "act_type", "act_date", "person_id", "person_birth_date", "provider",
                    "professional", "territory"))
    else:
        after_id, after_birth, at_end = extra[0]
        acts_w.row(["act_id"] + after_id + ["act_type", "act_date", "person_id", "person_birth_date"]
                   + after_birth + ["provider", "professional", "territory"] + at_end)
    ip_w.row(("ip_id", "received_date", "evaluation_end_date", "territory"))
    pop_rows = []   # (population, period, territory, value, source)
    totals = {}

    person = 0      # global person counter (women and children share one id space)
    n_births = n_acts = n_ips = 0

    for code, dname, _ in deps:
        acts_before, ips_before = n_acts, n_ips
        rnd = random.Random("%d/%s" % (args.seed, code))
        r = rnd.random
        births_year = NATIONAL_BIRTHS * scale * weight[code] / national_weight
        tw = list(TERRITORY_WEIGHTS)
        rnd.shuffle(tw)
        tw = [w * (0.8 + 0.4 * r()) for w in tw]
        if names == "codes":
            terr = ["D%s-T%d" % (code, k + 1) for k in range(5)]
        else:
            terr = ["%s %s pôle %d" % (code, dname, k + 1) for k in range(5)]
        nt = len(terr)

        # ---- births (Y-1 and Y), per territory
        births = {}
        lines = []
        for y in (Y - 1, Y):
            b = split(round(births_year * (PREVIOUS_YEAR_BIRTHS if y == Y - 1 else 1.0)), tw)
            births[y] = b
            lo, n_days = o(y, 1, 1), o(y, 12, 31) - o(y, 1, 1) + 1
            recs = []
            for t in range(nt):
                recs += [(lo + int(r() * n_days), t) for _ in range(b[t])]
            recs.sort()
            for day, t in recs:
                n_births += 1
                lines.append(scrambled("N", n_births) + sep + DS[day - base] + sep + terr[t])
        births_w.lines(lines)
        bt = [births[Y - 1][t] + births[Y][t] for t in range(nt)]    # births of the years generated
        for y in (Y - 1, Y):
            pop_rows.append(("births", str(y), "", sum(births[y]), "INSEE état civil"))
            pop_rows += [("births", str(y), terr[t], births[y][t], "INSEE état civil") for t in range(nt)]
        u2_source = "Estimation CD : naissances %d + %d ; INSEE état civil" % (Y - 1, Y)
        pop_rows.append(("children_under_2", str(Y), "", sum(bt), u2_source))
        pop_rows += [("children_under_2", str(Y), terr[t], bt[t], u2_source) for t in range(nt)]

        acts = []   # (date ordinal, type, person, birth date string, provider, professional, territory)
        append = acts.append

        def territory_of(t):
            u = r()
            if u < NO_TERRITORY:
                return ""
            if u < NO_TERRITORY + OTHER_TERRITORY:
                return terr[int(r() * nt)]
            return terr[t]

        # ---- women's acts: EPP, EPNP, VAD_PRENATAL, VAD_POSTNATAL
        for t in range(nt):
            n_women = max(1, round(shape.women * bt[t]))
            women = [(person_id(person + i + 1),
                      DS[o(Y - 45, 1, 1) + int(r() * 9500) - base]) for i in range(n_women)]
            person += n_women
            nw, nwd = len(women), len(workdays)
            for typ in WOMEN_TYPES:
                ttab, ptab, qtab = type_tables[typ], prov_tables[typ], prof_tables["women"]
                for _ in range(round(RATES[typ] * bt[t])):
                    pid, wbirth = women[int(r() * nw)]
                    append((workdays[int(r() * nwd)], ttab[int(r() * TABLE_TABLE)], pid,
                            wbirth if r() < WOMAN_BIRTH_DATE else "",
                            ptab[int(r() * TABLE_TABLE)], qtab[int(r() * TABLE_TABLE)], territory_of(t)))

        # ---- BSEM: the enrolled 3-4 cohort of each school year, coverage by département
        coverage = 0.55 + 0.4 * r()
        n_bsem = [0] * nt
        for label, days, part in school_periods:
            sy_end = int(label[-4:])
            cohort = births_year * (1.02 + 0.025 * (Y - sy_end))      # births were higher a few years ago
            enrolled = [round(cohort * tw[t] / sum(tw)) for t in range(nt)]
            if sy_end in (Y - 1, Y):
                pop_rows.append(("enrolled_3_4", label, "", sum(enrolled), "Éducation nationale"))
                pop_rows += [("enrolled_3_4", label, terr[t], enrolled[t], "Éducation nationale")
                             for t in range(nt)]
            ttab, ptab, qtab = type_tables["BSEM"], prov_tables["BSEM"], prof_tables["BSEM"]
            nd = len(days)
            for t in range(nt):
                # few-persons: fewer children, each checked bsem_checks times
                n_children = round(enrolled[t] * coverage * min(part, 1.0) / max(1, shape.bsem_checks))
                for _ in range(n_children):
                    person += 1
                    pid = person_id(person)
                    day = days[int(r() * nd)]
                    u = r()
                    if u < 0.015:
                        months = 30 + int(r() * 6)      # too young
                    elif u < 0.03:
                        months = 60 + int(r() * 5)      # too old
                    else:
                        months = 37 + int(r() * 22)     # in the band (36 to 59 months)
                    b = day - int(months * 30.44) - int(r() * 28)
                    bs = DS[b - base]
                    checks = 2 if r() < 0.03 else 1    # a few children checked twice
                    for k in range(shape.bsem_checks or checks):
                        d2 = day if k == 0 else min(days[-1], day + 7 + int(r() * 60))
                        n_bsem[t] += 1
                        append((d2, ttab[int(r() * TABLE_TABLE)], pid, "" if r() < NO_BIRTH_DATE else bs,
                                ptab[int(r() * TABLE_TABLE)], qtab[int(r() * TABLE_TABLE)], territory_of(t)))

        # ---- young children (born Y-3 to Y): VAD_CHILD, CONSULTATION_CHILD, unknown codes
        young_lo, young_days = o(Y - 3, 1, 1), end - o(Y - 3, 1, 1) + 1
        vad_cut = o(Y - 2, 6, 1)
        for t in range(nt):
            n_young = max(1, round(shape.young * bt[t]))     # the children the PMI follows
            young = []
            for i in range(n_young):
                b = young_lo + int(r() * young_days)
                young.append((person_id(person + i + 1), b, DS[b - base]))
            person += n_young
            vad_pool = [c for c in young if c[1] >= vad_cut][:max(1, round(shape.vad * bt[t]))] or young
            n_base = round(ACTS_PER_BIRTH * bt[t]) - n_bsem[t]   # consultations take the rest
            n_vad = round(RATES["VAD_CHILD"] * bt[t])
            n_other = round(RATES["OTHER_CODE"] * bt[t])
            n_women_acts = sum(round(RATES[x] * bt[t]) for x in WOMEN_TYPES)
            n_consult = max(0, n_base - n_women_acts - n_vad - n_other)
            for typ, n, pool, span in (("VAD_CHILD", n_vad, vad_pool, 800),
                                       ("CONSULTATION_CHILD", n_consult, young, 3000),
                                       ("OTHER_CODE", n_other, young, 3000)):
                ttab, ptab, qtab = type_tables[typ], prov_tables[typ], prof_tables[typ]
                npool = len(pool)
                for _ in range(n):
                    pid, b, bs = pool[int(r() * npool)]
                    i0 = bisect.bisect_left(workdays, b if b > start else start)
                    i1 = bisect.bisect_right(workdays, b + span)
                    day = workdays[i0 + int(r() * (i1 - i0))] if i1 > i0 else max(b, start)
                    append((day, ttab[int(r() * TABLE_TABLE)], pid, "" if r() < NO_BIRTH_DATE else bs,
                            ptab[int(r() * TABLE_TABLE)], qtab[int(r() * TABLE_TABLE)], territory_of(t)))

        acts.sort(key=lambda a: a[0])
        lines = []
        if extra is None:
            for day, typ, pid, bs, prov, prof, tr in acts:
                n_acts += 1
                lines.append(sep.join(("A%010d" % n_acts, typ, DS[day - base], pid, bs, prov, prof, tr)))
            acts_w.lines(lines)
        else:
            # The extra values come escaped; the others need quotes only when
            # the dialect quotes every field.
            q = (lambda v: '"' + v + '"') if quote_all else (lambda v: v)
            table, pick = extra[1], random.Random("%d/%s/extra" % (args.seed, code)).random
            for day, typ, pid, bs, prov, prof, tr in acts:
                n_acts += 1
                at_id, at_birth, at_end = table[int(pick() * EXTRA_TABLE)]
                lines.append(q("A%010d" % n_acts) + at_id + sep + sep.join(map(q, (typ, DS[day - base], pid, bs)))
                             + at_birth + sep + sep.join(map(q, (prov, prof, tr))) + at_end)
            acts_w.escaped_lines(lines)
        del acts, lines

        # ---- informations préoccupantes received in Y-1 and Y
        recs = []
        nwd = len(workdays)
        for t in range(nt):
            for _ in range(round(IPS_PER_ACT * ACTS_PER_BIRTH * bt[t])):
                rec = workdays[int(r() * nwd)]
                u = r()
                if u < 0.22:
                    ended = ""                                 # not evaluated (classée, judge)
                else:
                    delay = max(1, int(88 * math.exp(0.45 * rnd.gauss(0, 1))))
                    e = rec + delay
                    ended = DS[e - base] if e <= export else ""  # still being evaluated
                tr = "" if r() < NO_TERRITORY else terr[t]
                recs.append((rec, ended, tr))
        recs.sort(key=lambda x: x[0])
        lines = []
        for rec, ended, tr in recs:
            n_ips += 1
            lines.append(sep.join((scrambled("IP", n_ips), DS[rec - base], ended, tr)))
        ip_w.lines(lines)
        if not args.quiet:
            print("  %-4s %-26s births %7d/yr  acts %9d  ips %8d  %6.1f s"
                  % (code, dname, round(births_year), n_acts - acts_before, n_ips - ips_before,
                     time.monotonic() - t0),
                  file=sys.stderr)

    for w in (births_w, acts_w, ip_w):
        w.close()

    # ---- populations.csv: per territory and total; with several départements the
    # total rows are the sum over all of them (the run's "département" is the country).
    pw = Writer(os.path.join(args.out, "populations.csv"), args.dialect)
    pw.row(("population", "period", "territory", "value", "source"))
    merged = {}
    order = []
    for pop, period, tr, value, source in pop_rows:
        key = (pop, period, tr)
        if key not in merged:
            order.append(key)
            merged[key] = [0, source]
        merged[key][0] += value
    for key in order:
        value, source = merged[key]
        text = "{:,}".format(value).replace(",", "\u00a0") if args.dialect in ("fr", "cp1252") else str(value)
        pw.row((key[0], key[1], key[2], text, source))
    pw.close()

    summary = {"births.csv": n_births, "pmi_acts.csv": n_acts, "ip.csv": n_ips, "populations.csv": len(order)}
    total_bytes = 0
    for name, rows in summary.items():
        size_b = os.path.getsize(os.path.join(args.out, name))
        total_bytes += size_b
        if not args.quiet:
            print("%-16s %10d rows %10.1f MB" % (name, rows, size_b / 1e6))
    if not args.quiet:
        print("%-16s %10s      %10.1f MB   scale %.4f, %d département(s), dialect %s, shape %s, %.1f s"
              % ("total", "", total_bytes / 1e6, scale, len(deps), args.dialect, args.shape,
                 time.monotonic() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
