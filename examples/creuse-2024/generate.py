#!/usr/bin/env python3
"""Write the synthetic Creuse 2024 example data set next to this script.

    python3 generate.py

Python 3 standard library only. The random generator has a fixed seed and
every count that matters is built by construction (quotas), not left to
chance, so the script always writes the same four files, byte for byte:

    births.csv  pmi_acts.csv  ip.csv  populations.csv

No real person is behind any row: identifiers are random opaque numbers and
every date is drawn at random. The files look like French spreadsheet exports:
`;` separator, dates DD/MM/YYYY, UTF-8 with a BOM, CRLF line ends.

What the data must reproduce (see README.md and check_figures.py):
- epp_pmi_coverage 2024: 51 women / 770 births = 6,6 %
- bsem_coverage 2023-2024: 787 children / 844 enrolled = 93,2 %
- vad_child_share 2024: 368 children / 1 560 children under 2 = 23,6 %
- ip_eval_3m_rate 2024: 25 / 179 = 14,0 %, 593 IPs received
and, for the previous year, bsem_coverage 2022-2023: 750 / 869 = 86,3 % and
ip_eval_3m_rate 2023: 20 / 213 = 9,4 %, 424 IPs received.
"""

import calendar
import datetime as dt
import os
import random

SEED = 232024
HERE = os.path.dirname(os.path.abspath(__file__))
ONE_DAY = dt.timedelta(days=1)

# Creuse's local territories (synthetic split), and their rough weight in the
# département's population, used where no exact quota is needed.
TERRITORIES = ("Guéret", "Aubusson", "La Souterraine", "Bourganeuf", "Boussac")
WEIGHTS = (38, 21, 19.5, 11, 10.5)

# Exact counts per territory ("" = rows without a territory).
BIRTHS = {
    2023: {"Guéret": 298, "Aubusson": 165, "La Souterraine": 152, "Bourganeuf": 88, "Boussac": 87},  # 790
    2024: {"Guéret": 290, "Aubusson": 160, "La Souterraine": 150, "Bourganeuf": 85, "Boussac": 85},  # 770
}
ENROLLED_3_4 = {
    "2022-2023": {"Guéret": 328, "Aubusson": 181, "La Souterraine": 170, "Bourganeuf": 96, "Boussac": 94},  # 869
    "2023-2024": {"Guéret": 318, "Aubusson": 176, "La Souterraine": 165, "Bourganeuf": 93, "Boussac": 92},  # 844
}
# Distinct women with a PMI EPP in 2024 (one Bourganeuf woman is seen again in Guéret).
EPP_PMI_2024 = {"Guéret": 20, "Aubusson": 11, "La Souterraine": 9, "Bourganeuf": 5, "Boussac": 4, "": 2}  # 51
# Distinct children aged 36..59 months with a PMI BSEM in the school year.
BSEM_IN_BAND = {
    "2022-2023": {"Guéret": 282, "Aubusson": 157, "La Souterraine": 146, "Bourganeuf": 84, "Boussac": 79, "": 2},  # 750
    "2023-2024": {"Guéret": 296, "Aubusson": 164, "La Souterraine": 154, "Bourganeuf": 87, "Boussac": 83, "": 3},  # 787
}
# Distinct children under 24 months with a PMI VAD_CHILD in 2024.
VAD_UNDER_2_2024 = {"Guéret": 132, "Aubusson": 80, "La Souterraine": 74, "Bourganeuf": 42, "Boussac": 36, "": 4}  # 368
# IPs whose evaluation concluded in the year.
IP_EVALUATED = {
    2023: {"Guéret": 80, "Aubusson": 45, "La Souterraine": 41, "Bourganeuf": 22, "Boussac": 21, "": 4},  # 213
    2024: {"Guéret": 66, "Aubusson": 38, "La Souterraine": 35, "Bourganeuf": 18, "Boussac": 18, "": 4},  # 179
}

# School periods for the BSEM (acts on Mondays, Tuesdays, Thursdays, Fridays).
SCHOOL = {
    "2022-2023": ("2022-09-05", "2023-07-07"),
    "2023-2024": ("2023-09-04", "2024-07-05"),
    "2024-2025": ("2024-09-02", "2025-03-31"),  # the export stops on 31/03/2025
}
SCHOOL_DAYS = (0, 1, 3, 4)
WORK_DAYS = (0, 1, 2, 3, 4)
# Public holidays and the school holidays of zone A (académie de Limoges),
# first and last day off: no act is dated on them.
PUBLIC_HOLIDAYS = {
    "2022-11-01", "2022-11-11", "2022-12-25",
    "2023-01-01", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-18", "2023-05-29",
    "2023-07-14", "2023-08-15", "2023-11-01", "2023-11-11", "2023-12-25",
    "2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09", "2024-05-20",
    "2024-07-14", "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25",
    "2025-01-01",
}
SCHOOL_BREAKS = [
    ("2022-10-22", "2022-11-06"), ("2022-12-17", "2023-01-02"), ("2023-02-04", "2023-02-19"),
    ("2023-04-08", "2023-04-23"), ("2023-10-21", "2023-11-05"), ("2023-12-23", "2024-01-07"),
    ("2024-02-17", "2024-03-03"), ("2024-04-13", "2024-04-28"), ("2024-10-19", "2024-11-03"),
    ("2024-12-21", "2025-01-05"), ("2025-02-22", "2025-03-09"),
]
EXPORT_END = "2025-03-31"


def day(iso):
    return dt.date.fromisoformat(iso)


def add_months(d, months):
    """Same day-of-month `months` later, clamped to the month's last day."""
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def age_months(birth, at):
    """Completed months: the largest m with add_months(birth, m) <= at."""
    m = (at.year - birth.year) * 12 + at.month - birth.month
    if add_months(birth, m) > at:
        m -= 1
    return m


def fr(d):
    return d.strftime("%d/%m/%Y") if d else ""


class Gen:
    def __init__(self):
        self.rng = random.Random(SEED)
        # Opaque person numbers, drawn once without replacement.
        self._person_numbers = self.rng.sample(range(1000, 1_000_000), 20000)
        self.acts = []
        self.ips = []
        self.births = []

    # ---- random helpers ------------------------------------------------
    def date_between(self, lo, hi):
        return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))

    def workday(self, lo, hi, days=WORK_DAYS):
        """A random working day in [lo, hi] (a school day when days is SCHOOL_DAYS)."""
        for _ in range(400):
            d = self.date_between(lo, hi)
            if d.weekday() in days and d.isoformat() not in PUBLIC_HOLIDAYS and not (
                    days is SCHOOL_DAYS and any(a <= d.isoformat() <= b for a, b in SCHOOL_BREAKS)):
                return d
        return self.date_between(lo, hi)  # a window without a working day

    def near(self, d, lo_days, hi_days, last):
        """A working day lo_days..hi_days after d, or as long before d when that passes last."""
        lo, hi = d + dt.timedelta(days=lo_days), d + dt.timedelta(days=hi_days)
        if hi > last:
            lo, hi = d - dt.timedelta(days=hi_days), d - dt.timedelta(days=lo_days)
        return self.workday(lo, hi)

    def territory(self, none_share=0.01):
        if self.rng.random() < none_share:
            return ""
        return self.rng.choices(TERRITORIES, WEIGHTS)[0]

    def slots(self, quotas):
        out = [t for t, n in quotas.items() for _ in range(n)]
        self.rng.shuffle(out)
        return out

    def person(self):
        return "P%06d" % self._person_numbers.pop()

    def spell(self, code, p=0.04):
        """Codes compare case-insensitively: a few rows are typed by hand."""
        r = self.rng.random()
        if r < p * 0.6:
            return code.lower()
        if r < p:
            return code.capitalize()
        return code

    def n_visits(self, p_more, cap):
        n = 1
        while n < cap and self.rng.random() < p_more:
            n += 1
        return n

    def window(self, birth, lo, hi, age_lo, age_hi_excl, after_birth=4):
        """Dates in [lo, hi] where the child is aged age_lo <= m < age_hi_excl."""
        start = max(lo, add_months(birth, age_lo), birth + dt.timedelta(days=after_birth))
        end = min(hi, add_months(birth, age_hi_excl) - ONE_DAY)
        return (start, end) if start <= end else None

    def visit_dates(self, win, n):
        return sorted({self.workday(*win) for _ in range(n)})

    def act(self, act_type, date, person, provider, professional, territory, birth=None):
        self.acts.append({
            "act_type": act_type, "act_date": date, "person_id": person,
            "person_birth_date": birth, "provider": provider,
            "professional": professional, "territory": territory,
        })

    def prof(self, choices, empty=0.04):
        if self.rng.random() < empty:
            return ""
        codes, weights = zip(*choices)
        return self.spell(self.rng.choices(codes, weights)[0], 0.03)

    # ---- births.csv ----------------------------------------------------
    def gen_births(self):
        for year, quotas in BIRTHS.items():
            lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
            for t in self.slots(quotas):
                self.births.append((self.date_between(lo, hi), t))
        self.births.sort()

    # ---- EPP -------------------------------------------------------------
    def gen_epp(self):
        y24 = (day("2024-01-02"), day("2024-12-31"))
        sf = [("SF", 1)]
        women = []  # [person, date, territory] of the 51 women with a PMI EPP in 2024
        for t in self.slots(EPP_PMI_2024):
            women.append([self.person(), self.workday(*y24), t])
        idx = {}
        for i, (_, _, t) in enumerate(women):
            idx.setdefault(t, []).append(i)
        extra = []  # further acts of these women: (type, date, person, provider, territory)

        # Two PMI EPPs in 2024, counted once: one Bourganeuf woman is seen
        # again in Guéret (she counts in both strata, once in the total).
        moved = idx["Bourganeuf"][0]
        twice = [moved, idx["Guéret"][0], idx["Aubusson"][0], idx["La Souterraine"][0]]
        for i in twice:
            p, d, t = women[i]
            d2 = self.near(d, 21, 60, y24[1])
            extra.append(("EPP", d2, p, "PMI", "Guéret" if i == moved else t))
        # A woman seen by the PMI in December 2023 and again in January 2024.
        i = idx["Guéret"][1]
        women[i][1] = self.workday(day("2024-01-08"), day("2024-01-31"))
        extra.append(("EPP", self.workday(day("2023-12-04"), day("2023-12-22")), women[i][0], "PMI", women[i][2]))
        # Two women also had an EPP at the maternity (only the PMI one counts).
        for i in (idx["Aubusson"][1], idx["Boussac"][0]):
            p, d, t = women[i]
            extra.append(("EPP", self.near(d, 10, 40, y24[1]), p, "MATERNITY", t))

        spellings = {idx["Guéret"][2]: ("epp", "PMI"), idx["Aubusson"][2]: ("EPP", "Pmi"),
                     idx["La Souterraine"][1]: ("Epp", "pmi")}
        for i, (p, d, t) in enumerate(women):
            a, prov = spellings.get(i, (self.spell("EPP", 0.02), self.spell("PMI", 0.02)))
            self.act(a, d, p, prov, self.prof(sf), t)
        for a, d, p, prov, t in extra:
            self.act(self.spell(a, 0.02), d, p, self.spell(prov, 0.02), self.prof(sf), t)
        self.epp_pmi_2024 = women

        # Everything else is outside the 2024 PMI numerator.
        volumes = [  # provider, first day, last day, distinct women
            ("PMI", "2023-01-02", "2023-12-29", 44),
            ("PMI", "2025-01-02", EXPORT_END, 12),
            ("MATERNITY", "2023-01-02", "2023-12-29", 265),
            ("MATERNITY", "2024-01-02", "2024-12-31", 255),
            ("MATERNITY", "2025-01-02", EXPORT_END, 62),
            ("LIBERAL", "2023-01-02", "2023-12-29", 95),
            ("LIBERAL", "2024-01-02", "2024-12-31", 108),
            ("LIBERAL", "2025-01-02", EXPORT_END, 26),
        ]
        for prov, lo, hi, n in volumes:
            for _ in range(n):
                self.act(self.spell("EPP"), self.workday(day(lo), day(hi)), self.person(),
                         self.spell(prov), self.prof(sf), self.territory())

    # ---- EPNP (future indicator: plausible volumes only) ------------------
    def gen_epnp(self):
        profs = {"PMI": [("SF", 85), ("PUER", 15)], "MATERNITY": [("SF", 1)], "LIBERAL": [("SF", 1)]}
        # 120 distinct women by the PMI in 2024; 20 of them had their EPP at the PMI earlier in the year.
        early = [w for w in self.epp_pmi_2024 if w[1] <= day("2024-06-28")][:20]
        pmi = []
        for p, d, t in early:
            pmi.append((p, self.workday(d + dt.timedelta(days=150), min(d + dt.timedelta(days=200), day("2024-12-31"))), t))
        while len(pmi) < 120:
            pmi.append((self.person(), self.workday(day("2024-01-02"), day("2024-12-31")), self.territory()))
        for k, (p, d, t) in enumerate(pmi):
            self.act(self.spell("EPNP"), d, p, self.spell("PMI"), self.prof(profs["PMI"]), t)
            if k % 20 == 7:  # a second interview, same woman
                d2 = self.near(d, 20, 50, day("2024-12-31"))
                self.act(self.spell("EPNP"), d2, p, self.spell("PMI"), self.prof(profs["PMI"]), t)
        volumes = [
            ("PMI", "2023-01-02", "2023-12-29", 104),
            ("PMI", "2025-01-02", EXPORT_END, 29),
            ("MATERNITY", "2023-01-02", "2023-12-29", 52),
            ("MATERNITY", "2024-01-02", "2024-12-31", 56),
            ("MATERNITY", "2025-01-02", EXPORT_END, 14),
            ("LIBERAL", "2023-01-02", "2023-12-29", 78),
            ("LIBERAL", "2024-01-02", "2024-12-31", 84),
            ("LIBERAL", "2025-01-02", EXPORT_END, 21),
        ]
        for prov, lo, hi, n in volumes:
            for _ in range(n):
                self.act(self.spell("EPNP"), self.workday(day(lo), day(hi)), self.person(),
                         self.spell(prov), self.prof(profs[prov]), self.territory())

    # ---- BSEM ----------------------------------------------------------------
    def bsem_child(self, year, age_lo, age_hi):
        """(birth, act date) with the child aged age_lo..age_hi completed months."""
        lo, hi = (day(x) for x in SCHOOL[year])
        while True:
            a = self.workday(lo, hi, SCHOOL_DAYS)
            m = self.rng.randint(age_lo, age_hi)
            b = add_months(a, -(m + 1)) + dt.timedelta(days=self.rng.randint(1, 31))
            if age_lo <= age_months(b, a) <= age_hi:
                return b, a

    def bsem_act(self, d, p, b, t, provider="PMI"):
        prof = [("PUER", 70), ("MED", 20), ("IDE", 10)] if provider == "PMI" else [("MED", 1)]
        self.act(self.spell("BSEM"), d, p, self.spell(provider), self.prof(prof), t, b)

    def gen_bsem(self):
        rng = self.rng
        # Explicit edge cases, placed on quota slots (their territory is the slot's).
        edges = [
            (day("2020-11-30"), day("2023-11-30")),  # exactly 36 months: in
            (day("2019-03-29"), day("2024-03-28")),  # 59 months, the day before 60: in
            (day("2020-02-29"), day("2024-03-29")),  # born on 29 February: exactly 49 months
            (day("2020-10-31"), day("2024-04-30")),  # add_months(31/10/2020, 42) = 30/04/2024: 42 months
            (day("2020-06-15"), day("2024-01-11")),  # 42 months; seen at 34 months the year before
        ]
        lo24, hi24 = (day(x) for x in SCHOOL["2023-2024"])
        children = []  # [person, birth, act date, territory]
        for k, t in enumerate(self.slots(BSEM_IN_BAND["2023-2024"])):
            b, a = edges[k] if k < len(edges) else self.bsem_child("2023-2024", 38, 57)
            children.append([self.person(), b, a, t])
        for p, b, a, t in children:
            self.bsem_act(a, p, b, t)
        # The child of the last edge case was seen too young in May 2023 (out of band in 2022-2023).
        p, b, _, t = children[4]
        self.bsem_act(day("2023-05-11"), p, b, t)
        # Twelve children seen twice (a follow-up check), counted once; one
        # Aubusson child moved and was seen again in La Souterraine.
        done = 0
        moved = False
        for p, b, a, t in children[len(edges):]:
            if done == 13:
                break
            if t == "" or (done == 12 and t != "Aubusson"):
                continue
            a2 = a + dt.timedelta(days=rng.randint(14, 90))
            if a2 > hi24 or a2.weekday() not in SCHOOL_DAYS or age_months(b, a2) >= 60 \
                    or a2.isoformat() in PUBLIC_HOLIDAYS or any(x <= a2.isoformat() <= y for x, y in SCHOOL_BREAKS):
                continue
            if done == 12:
                t, moved = "La Souterraine", True
            self.bsem_act(a2, p, b, t)
            done += 1
        assert moved
        # Out of the age band (PMI, in the school year): not in the numerator.
        out = [(day("2020-12-01"), day("2023-11-30")),  # 35 months: too young
               (day("2019-03-28"), day("2024-03-28"))]  # exactly 60 months: too old
        out += [self.bsem_child("2023-2024", 30, 35) for _ in range(6)]
        out += [self.bsem_child("2023-2024", 60, 66) for _ in range(7)]
        for b, a in out:
            self.bsem_act(a, self.person(), b, self.territory())
        # Unknown age: no birth date on the act.
        for _ in range(6):
            self.bsem_act(self.workday(lo24, hi24, SCHOOL_DAYS), self.person(), None, self.territory())
        # In the age band but not by the PMI (a health centre under agreement).
        for _ in range(10):
            b, a = self.bsem_child("2023-2024", 38, 57)
            self.bsem_act(a, self.person(), b, self.territory(0), "OTHER")

        # The previous school year, 2022-2023: 750 children in the band.
        for t in self.slots(BSEM_IN_BAND["2022-2023"]):
            b, a = self.bsem_child("2022-2023", 38, 57)
            self.bsem_act(a, self.person(), b, t)
        for _ in range(2):
            b, a = self.bsem_child("2022-2023", 60, 64)
            self.bsem_act(a, self.person(), b, self.territory())
        lo23, hi23 = (day(x) for x in SCHOOL["2022-2023"])
        for _ in range(2):
            self.bsem_act(self.workday(lo23, hi23, SCHOOL_DAYS), self.person(), None, self.territory())

        # The school year 2024-2025 so far (to the end of March 2025).
        for _ in range(470):
            b, a = self.bsem_child("2024-2025", 38, 57)
            self.bsem_act(a, self.person(), b, self.territory())
        for _ in range(4):
            b, a = self.bsem_child("2024-2025", 31, 35)
            self.bsem_act(a, self.person(), b, self.territory())

    # ---- VAD_CHILD -----------------------------------------------------------
    def birth_mix(self, recent_lo, recent_hi, old_lo, old_hi, recent_share=0.7):
        if self.rng.random() < recent_share:
            return self.date_between(day(recent_lo), day(recent_hi))
        return self.date_between(day(old_lo), day(old_hi))

    def vad(self, d, p, b, t, provider="PMI"):
        prof = [("PUER", 90), ("SF", 7), ("IDE", 3)] if provider == "PMI" else [("PUER", 60), ("IDE", 40)]
        self.act(self.spell("VAD_CHILD"), d, p, self.spell(provider), self.prof(prof), t, b)

    def gen_vad_child(self):
        rng = self.rng
        y23 = (day("2023-01-02"), day("2023-12-29"))
        y24 = (day("2024-01-02"), day("2024-12-31"))
        y25 = (day("2025-01-02"), day(EXPORT_END))
        # 368 children visited by the PMI before 24 months in 2024.
        kids = []  # (person, birth, territory)
        mixed = 0
        for k, t in enumerate(self.slots(VAD_UNDER_2_2024)):
            p = self.person()
            if k == 0:
                # Born 28/02/2022: 23 months on 27/02/2024 (counted), 24 on 05/03/2024.
                b = day("2022-02-28")
                kids.append((p, b, t))
                for d in (day("2024-02-27"), day("2024-03-05")):
                    self.vad(d, p, b, t)
                continue
            b = self.birth_mix("2023-07-01", "2024-12-15", "2022-01-20", "2023-06-30")
            kids.append((p, b, t))
            dates = self.visit_dates(self.window(b, *y24, 0, 24), self.n_visits(0.55, 7))
            if b < day("2023-12-01") and rng.random() < 0.35:
                win = self.window(b, *y23, 0, 24)
                if win:
                    dates += self.visit_dates(win, self.n_visits(0.4, 3))
            if b < day("2022-12-31") and (mixed < 3 or rng.random() < 0.15):
                win = self.window(b, *y24, 24, 36)  # a visit after the second birthday too
                if win:
                    dates.append(self.workday(*win))
                    mixed += 1
            for d in sorted(set(dates)):
                self.vad(d, p, b, t)
        self.vad_kids_2024 = kids
        # Visited in 2024 only at 24 months or more: not counted.
        edge = (day("2022-04-30"), day("2024-04-30"))  # exactly 24 months
        for k in range(25):
            p, t = self.person(), self.territory()
            if k == 0:
                b, dates = edge[0], [edge[1]]
            else:
                while True:
                    b = self.date_between(day("2021-06-01"), day("2022-11-30"))
                    win = self.window(b, *y24, 24, 36)
                    if win:
                        break
                dates = self.visit_dates(win, self.n_visits(0.3, 2))
            win = self.window(b, *y23, 0, 24)
            if win and rng.random() < 0.5:
                dates += self.visit_dates(win, self.n_visits(0.4, 3))
            for d in sorted(set(dates)):
                self.vad(d, p, b, t)
        # Unknown age: no birth date.
        for _ in range(2):
            p, t = self.person(), self.territory(0)
            for d in self.visit_dates(y24, 2):
                self.vad(d, p, None, t)
        # Not by the PMI.
        for k in range(8):
            b = self.birth_mix("2023-07-01", "2024-11-30", "2022-06-01", "2023-06-30")
            p, t = self.person(), self.territory(0)
            for d in self.visit_dates(self.window(b, *y24, 0, 24), self.n_visits(0.4, 3)):
                self.vad(d, p, b, t, "LIBERAL" if k % 2 else "OTHER")
        # Children visited in 2023 only, and the first quarter of 2025.
        for _ in range(230):
            while True:
                b = self.birth_mix("2022-07-01", "2023-12-10", "2021-03-01", "2022-06-30")
                win = self.window(b, *y23, 0, 24)
                if win:
                    break
            p, t = self.person(), self.territory()
            for d in self.visit_dates(win, self.n_visits(0.5, 6)):
                self.vad(d, p, b, t)
        followed = [k for k in kids if self.window(k[1], *y25, 0, 24)][:60]
        for _ in range(50):
            followed.append((self.person(), self.date_between(day("2024-10-01"), day("2025-03-20")), self.territory()))
        for p, b, t in followed:
            win = self.window(b, *y25, 0, 24)
            if win:
                for d in self.visit_dates(win, self.n_visits(0.4, 3)):
                    self.vad(d, p, b, t)

    # ---- CONSULTATION_CHILD (future indicator: plausible volumes only) -------
    def consult(self, d, p, b, t):
        self.act(self.spell("CONSULTATION_CHILD"), d, p, self.spell("PMI"),
                 self.prof([("MED", 85), ("PUER", 15)]), t, b)

    def gen_consultations(self):
        y23 = (day("2023-01-02"), day("2023-12-29"))
        y24 = (day("2024-01-02"), day("2024-12-31"))
        y25 = (day("2025-01-02"), day(EXPORT_END))
        # 400 distinct children under 2 at a PMI consultation in 2024, 150 of
        # them also visited at home.
        under2 = list(self.vad_kids_2024[1:151])
        while len(under2) < 400:
            b = self.birth_mix("2023-07-01", "2024-12-10", "2022-01-20", "2023-06-30")
            under2.append((self.person(), b, self.territory()))
        for p, b, t in under2:
            for d in self.visit_dates(self.window(b, *y24, 0, 24), self.n_visits(0.6, 8)):
                self.consult(d, p, b, t)
        # Children aged 2 to 6 at PMI consultations in 2024.
        for _ in range(130):
            while True:
                b = self.date_between(day("2018-06-01"), day("2022-10-31"))
                win = self.window(b, *y24, 24, 72)
                if win:
                    break
            p, t = self.person(), self.territory()
            for d in self.visit_dates(win, self.n_visits(0.25, 2)):
                self.consult(d, p, b, t)
        # 2023 and the first quarter of 2025.
        seen23 = [k for k in under2 if self.window(k[1], *y23, 0, 24)][:120]
        while len(seen23) < 380:
            while True:
                b = self.birth_mix("2022-07-01", "2023-12-10", "2021-03-01", "2022-06-30")
                if self.window(b, *y23, 0, 24):
                    break
            seen23.append((self.person(), b, self.territory()))
        for p, b, t in seen23:
            for d in self.visit_dates(self.window(b, *y23, 0, 24), self.n_visits(0.55, 7)):
                self.consult(d, p, b, t)
        seen25 = [k for k in under2 if self.window(k[1], *y25, 0, 24)][:80]
        for _ in range(50):
            seen25.append((self.person(), self.date_between(day("2024-10-01"), day("2025-03-20")), self.territory()))
        for p, b, t in seen25:
            win = self.window(b, *y25, 0, 24)
            if win:
                for d in self.visit_dates(win, self.n_visits(0.35, 3)):
                    self.consult(d, p, b, t)

    # ---- ip.csv --------------------------------------------------------------
    def ip(self, received, end, territory):
        self.ips.append((received, end, territory))

    def ip_beyond(self, r_lo, r_hi, e_lo, e_hi):
        """Received in [r_lo, r_hi], evaluated in [e_lo, e_hi] after more than 3 months."""
        while True:
            r = self.workday(r_lo, r_hi)
            lo = max(e_lo, add_months(r, 3) + ONE_DAY)
            hi = min(e_hi, add_months(r, 14))
            if lo <= hi:
                # Long delays, but most under a year.
                return r, self.workday(lo, min(hi, lo + dt.timedelta(days=self.rng.choice((60, 120, 240, 330)))))

    def ip_within(self, r_lo, r_hi, e_lo, e_hi):
        """Received in [r_lo, r_hi], evaluated in [e_lo, e_hi] within 3 months."""
        while True:
            r = self.workday(r_lo, r_hi)
            lo = max(e_lo, r + dt.timedelta(days=8))
            hi = min(e_hi, add_months(r, 3))
            if lo <= hi:
                return r, self.workday(lo, hi)

    def gen_ip(self):
        D = day
        y22 = (D("2022-01-03"), D("2022-12-30"))
        y23 = (D("2023-01-02"), D("2023-12-29"))
        y24 = (D("2024-01-02"), D("2024-12-31"))
        y25 = (D("2025-01-02"), D(EXPORT_END))

        # Evaluated in 2023 (213, 20 within 3 months): 60 received in 2022, 153 in 2023.
        slots = self.slots(IP_EVALUATED[2023])
        groups = [(2, "within", (D("2022-11-02"), D("2022-12-30")), y23),
                  (58, "beyond", y22, y23),
                  (18, "within", y23, y23),
                  (135, "beyond", y23, y23)]
        self.ip_groups(slots, groups)
        # Evaluated in 2024 (179, 25 within 3 months): 70 received in 2023, 109 in 2024.
        slots = self.slots(IP_EVALUATED[2024])
        edges = [  # month-end arithmetic, on the boundary
            (D("2023-11-30"), D("2024-02-29")),  # + 3 months = 29/02/2024: within
            (D("2024-08-31"), D("2024-11-30")),  # + 3 months = 30/11/2024: within
            (D("2024-07-31"), D("2024-10-31")),  # within, on the day
            (D("2023-11-30"), D("2024-03-01")),  # one day late
            (D("2024-08-31"), D("2024-12-02")),  # two days late
            (D("2024-02-29"), D("2024-05-30")),  # + 3 months = 29/05/2024: one day late
        ]
        for r, e in edges:
            self.ip(r, e, slots.pop())
        groups = [(5, "within", (D("2023-10-02"), D("2023-12-29")), y24),   # +1 edge = 6
                  (63, "beyond", y23, y24),                                # +1 edge = 64
                  (17, "within", y24, y24),                                # +2 edges = 19
                  (88, "beyond", y24, y24)]                                # +2 edges = 90
        self.ip_groups(slots, groups)
        # Received in 2023, never evaluated (filed, sent to the judge) or still open: 201.
        for _ in range(201):
            self.ip(self.workday(*y23), None, self.territory())
        # Received in 2024: 109 evaluated in 2024 (above), 120 in 2025, 364 not evaluated.
        for _ in range(120):
            r = self.workday(*y24)
            self.ip(r, self.workday(max(y25[0], r + dt.timedelta(days=20)), y25[1]), self.territory())
        for _ in range(364):
            self.ip(self.workday(*y24), None, self.territory())
        # The first quarter of 2025.
        for k in range(150):
            r = self.workday(*y25)
            e = None
            if k < 8 and r + dt.timedelta(days=15) <= y25[1]:
                e = self.workday(r + dt.timedelta(days=15), y25[1])
            self.ip(r, e, self.territory())
        self.ips.sort(key=lambda x: (x[0], x[1] or dt.date.max))

    def ip_groups(self, slots, groups):
        for n, kind, r_win, e_win in groups:
            for _ in range(n):
                f = self.ip_within if kind == "within" else self.ip_beyond
                r, e = f(*r_win, *e_win)
                self.ip(r, e, slots.pop())
        assert not slots

    # ---- writing -------------------------------------------------------------
    def write(self, name, header, rows):
        def cell(v):
            v = str(v)
            if any(c in v for c in ';"\r\n'):
                v = '"' + v.replace('"', '""') + '"'
            return v
        lines = [";".join(header)] + [";".join(cell(v) for v in row) for row in rows]
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
            f.write("\ufeff" + "\r\n".join(lines) + "\r\n")
        return len(rows)

    def write_all(self):
        self.write("births.csv", ["birth_id", "birth_date", "territory"],
                   [("N%06d" % (i + 1), fr(d), t) for i, (d, t) in enumerate(self.births)])

        order = {"EPP": 0, "EPNP": 1, "BSEM": 2, "VAD_CHILD": 3, "CONSULTATION_CHILD": 4}
        self.acts.sort(key=lambda a: (a["act_date"], order[a["act_type"].upper()], a["person_id"]))
        self.write("pmi_acts.csv",
                   ["act_id", "act_type", "act_date", "person_id", "person_birth_date",
                    "provider", "professional", "territory"],
                   [("A%06d" % (i + 1), a["act_type"], fr(a["act_date"]), a["person_id"],
                     fr(a["person_birth_date"]), a["provider"], a["professional"], a["territory"])
                    for i, a in enumerate(self.acts)])

        self.write("ip.csv", ["ip_id", "received_date", "evaluation_end_date", "territory"],
                   [("IP%06d" % (i + 1), fr(r), fr(e), t) for i, (r, e, t) in enumerate(self.ips)])

        # Reference counts. The under-2 count is the département's own
        # estimate (births 2023 + 2024), so it equals the count derived from
        # births.csv; the total is written with a no-break space as thousands
        # separator, as a French spreadsheet formats it.
        pops = []
        u2_source = "Estimation CD : naissances 2023 + 2024 ; INSEE état civil"
        pops.append(("births", "2024", "", str(sum(BIRTHS[2024].values())), "INSEE état civil"))
        for t in TERRITORIES:
            pops.append(("births", "2024", t, str(BIRTHS[2024][t]), "INSEE état civil"))
        u2 = {t: BIRTHS[2023][t] + BIRTHS[2024][t] for t in TERRITORIES}
        total = sum(u2.values())
        pops.append(("children_under_2", "2024", "", "{:,}".format(total).replace(",", "\u00a0"), u2_source))
        for t in TERRITORIES:
            pops.append(("children_under_2", "2024", t, str(u2[t]), u2_source))
        for period in ("2022-2023", "2023-2024"):
            pops.append(("enrolled_3_4", period, "", str(sum(ENROLLED_3_4[period].values())), "Éducation nationale"))
            for t in TERRITORIES:
                pops.append(("enrolled_3_4", period, t, str(ENROLLED_3_4[period][t]), "Éducation nationale"))
        self.write("populations.csv", ["population", "period", "territory", "value", "source"], pops)


def main():
    g = Gen()
    g.gen_births()
    g.gen_epp()
    g.gen_epnp()
    g.gen_bsem()
    g.gen_vad_child()
    g.gen_consultations()
    g.gen_ip()
    g.write_all()
    for name in ("births.csv", "pmi_acts.csv", "ip.csv", "populations.csv"):
        with open(os.path.join(HERE, name), encoding="utf-8-sig") as f:
            print("%-16s %6d rows" % (name, sum(1 for _ in f) - 1))


if __name__ == "__main__":
    main()
