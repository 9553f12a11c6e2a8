#!/usr/bin/env python3
"""Writes the synthetic Lozère 2025 data set next to itself (see README.md).

Every count comes from a fixed quota: no randomness, the same bytes each run.
Identifiers are opaque sequence numbers; no row describes a real person."""
import datetime
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TERRITORIES = ["Florac", "Langogne", "Marvejols", "Mende", "Saint-Chély-d'Apcher"]


def day(text, plus=0):
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=plus)).isoformat()


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(";".join(header) + "\n")
        for row in rows:
            f.write(";".join(row) + "\n")


def territory(i):
    return TERRITORIES[i % len(TERRITORIES)]


def pmi_acts():
    rows, n = [], 0

    def act(kind, date, person, birth, provider, professional, where):
        nonlocal n
        n += 1
        rows.append([f"A{n:05d}", kind, date, person, birth, provider, professional, where])

    # EPP by the PMI in 2025: 60 women, two of them twice (62 acts).
    for w in range(60):
        act("EPP", day("2025-01-06", w * 5), f"F{w:04d}", "", "PMI", "SF", territory(w))
    for w in range(2):
        act("EPP", day("2025-09-01", w), f"F{w:04d}", "", "PMI", "SF", territory(w))
    # 10 EPP at the maternity: not the PMI's.
    for w in range(10):
        act("EPP", day("2025-02-03", w), f"F{100 + w:04d}", "", "MATERNITY", "SF", territory(w))
    # EPNP by the PMI in 2025: 30 women.
    for w in range(30):
        act("EPNP", day("2025-03-03", w * 7), f"F{200 + w:04d}", "", "PMI", "SF", territory(w))
    # Home visits to 140 children, 8 months old.
    for c in range(140):
        act("VAD_CHILD", day("2025-03-10", c), f"E{c:04d}", day("2024-07-10", c), "PMI", "PUER", territory(c))
    # Infant consultations: 200 children, 5 months old.
    for c in range(200):
        act("CONSULTATION_CHILD", day("2025-04-01", c), f"E{1000 + c:04d}", day("2024-11-01", c), "PMI", "MED",
            territory(c))
    # BSEM in the school year 2024-2025: 480 children of 46 months.
    for c in range(480):
        act("BSEM", day("2024-10-01", c // 4), f"E{2000 + c:04d}", day("2020-12-01", c // 4), "PMI", "PUER",
            territory(c))
    return rows


def ip():
    rows, n = [], 0

    def report(received, ended, where):
        nonlocal n
        n += 1
        rows.append([f"IP{n:05d}", received, ended, where])

    for i in range(80):   # received in 2025, evaluated within 3 months
        report(day("2025-02-01", i), day("2025-03-15", i), territory(i))
    for i in range(20):   # received in 2025, evaluated after 3 months
        report(day("2025-03-01", i), day("2025-07-20", i), territory(i))
    for i in range(50):   # received in 2025, still being evaluated
        report(day("2025-10-01", i), "", territory(i))
    for i in range(10):   # received in 2024, evaluated in 2025 within 3 months
        report("2024-11-15", "2025-01-20", territory(i))
    for i in range(10):   # received in 2024, evaluated in 2025 after 3 months
        report("2024-11-15", "2025-03-20", territory(i))
    return rows


def bsem_referrals():
    rows, n = [], 0

    def referral(referred, domain, outcome, closed, care, where):
        nonlocal n
        n += 1
        rows.append([f"R{n:05d}", f"E{2000 + n:04d}", referred, domain, outcome, closed, care, where])

    domains = ["VISION", "HEARING", "LANGUAGE", "DENTAL"]
    for i in range(82):   # closed in 2024-2025 with care: 41 after 30 days, 41 after 60
        referral("2024-10-01", domains[i % 4], "CARE_DONE", "2025-01-15",
                 day("2024-10-01", 30 if i % 2 == 0 else 60), territory(i))
    for i in range(10):
        referral("2024-10-15", domains[i % 4], "CARE_REFUSED", "2025-02-01", "", territory(i))
    for i in range(8):
        referral("2024-11-04", domains[i % 4], "LOST", "2025-06-30", "", territory(i))
    for i in range(15):   # referred in 2024-2025, still open
        referral("2025-03-03", domains[i % 4], "", "", "", territory(i))
    for i in range(5):    # closed in the school year before: not counted
        referral("2024-03-01", "VISION", "CARE_DONE", "2024-06-28", "2024-04-15", territory(i))
    return rows


def main():
    write("pmi_acts.csv", ["act_id", "act_type", "act_date", "person_id", "person_birth_date", "provider",
                           "professional", "territory"], pmi_acts())
    write("ip.csv", ["ip_id", "received_date", "evaluation_end_date", "territory"], ip())
    write("bsem_referrals.csv", ["referral_id", "person_id", "referral_date", "domain", "outcome", "closed_date",
                                 "care_date", "territory"], bsem_referrals())
    write("populations.csv", ["population", "period", "territory", "value", "source"], [
        ["births", "2025", "", "520", "INSEE état civil"],
        ["children_under_2", "2025", "", "1050", "INSEE état civil"],
        ["enrolled_3_4", "2024-2025", "", "560", "Éducation nationale"],
    ])


if __name__ == "__main__":
    main()
