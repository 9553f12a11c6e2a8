#!/usr/bin/env python3
"""Summarise bench/results/ into results/summary.md (and BENCHMARKS.md).

    bench/summarize.py RESULTS_DIR [--markdown BENCHMARKS.md]

Reads runs.csv, sizes.csv, machine.txt, agreement-N.txt, dialects.txt and the
profile; writes summary.md: machine, data sets, medians and ratios, growth,
memory per act, the acceptance targets of issue 4, agreement, profile top.
With --markdown, replaces the part of that file between the two marker lines
with the same text.
"""
import csv
import glob
import os
import re
import statistics
import sys

BEGIN = "<!-- bench/run.sh: generated section, begin -->"
END = "<!-- bench/run.sh: generated section, end -->"
TOOLS = ("indicore", "duckdb", "sqlite")


def mb(kb):
    """/usr/bin/time's KB are KiB; MB here are 10^6 bytes, like the file sizes."""
    return kb * 1024 / 1e6


def by_percent(report):
    """The lines of a perf report, highest overhead first, trailing blanks cut."""
    lines = [re.sub(r"(\s+-)+\s*$", "", ln.rstrip()) for ln in open(report).read().splitlines()
             if re.match(r"\s*[\d.]+%", ln)]
    return sorted(lines, key=lambda ln: -float(ln.split("%")[0]))


def glib_groups(report, symbols):
    """[(name, percent)] of a perf report of GLib alone, unnamed addresses
    attributed to 'after SYMBOL' (the nearest exported symbol below them)."""
    import bisect
    syms = []
    for line in open(symbols):
        parts = line.split()
        if len(parts) == 2:
            syms.append((int(parts[0], 16), parts[1]))
    syms.sort()
    addrs = [a for a, _ in syms]
    groups = {}
    for line in open(report):
        m = re.match(r"\s*([\d.]+)%\s+\[\.\]\s+(\S+)", line)
        if not m:
            continue
        pct, name = float(m.group(1)), m.group(2)
        if name.startswith("0x"):
            i = bisect.bisect_right(addrs, int(name, 16)) - 1
            name = "(static code after %s)" % (syms[i][1] if i >= 0 else "?")
        groups[name] = groups.get(name, 0.0) + pct
    return sorted(groups.items(), key=lambda kv: -kv[1])


def main(argv):
    res = argv[1]
    markdown = argv[argv.index("--markdown") + 1] if "--markdown" in argv else None
    runs = {}
    failed = []
    with open(os.path.join(res, "runs.csv")) as f:
        for row in csv.DictReader(f):
            n = int(row["acts"])
            if row["exit"] != "0":
                failed.append("%s on %s acts, round %s: exit %s" % (row["tool"], n, row["rep"], row["exit"]))
            runs.setdefault(n, {}).setdefault(row["tool"], []).append(
                (int(row["rep"]), float(row["wall_s"]), int(row["max_rss_kb"]),
                 float(row.get("cpu_s") or "nan")))
    sizes = {}
    with open(os.path.join(res, "sizes.csv")) as f:
        for n, rows, total_bytes, acts_bytes in csv.reader(f):
            sizes[int(n)] = (int(rows), int(total_bytes), int(acts_bytes))
    ns = sorted(runs)
    out = []
    w = out.append

    w("### Machine\n")
    w("```")
    w(open(os.path.join(res, "machine.txt")).read().rstrip())
    w("```\n")

    w("### Data sets\n")
    w("`tools/gen-data.py --acts N --seed 1 --year 2024 --dialect iso`: 101 départements × 5 territories,"
      " births of 2023 and 2024, PMI acts and IPs of 2023 and 2024.\n")
    w("| set | PMI act rows | all four CSV files | pmi_acts.csv |")
    w("|---|---:|---:|---:|")
    for n in ns:
        rows, tb, ab = sizes[n]
        w("| acts-%d | %s | %.1f MB | %.1f MB |" % (n, format(rows, ","), tb / 1e6, ab / 1e6))
    w("")

    med = {}
    for n in ns:
        for t in TOOLS:
            xs = runs[n].get(t, [])
            if xs:
                med[n, t] = (statistics.median(x[1] for x in xs), statistics.median(x[2] for x in xs), len(xs),
                             statistics.median(x[3] for x in xs))

    w("### Wall time and peak memory (medians)\n")
    w("Each round runs indicore, DuckDB, then sqlite3 on the same files (warm page cache);"
      " the ratios divide the peers' medians by indicore's, all from this one run.\n")
    w("| set | rounds | indicore | DuckDB | sqlite3 | DuckDB ÷ indicore | sqlite3 ÷ indicore |"
      " indicore peak | DuckDB peak | sqlite3 peak |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in ns:
        e, d, s = med.get((n, "indicore")), med.get((n, "duckdb")), med.get((n, "sqlite"))

        def cell(x, i, unit):
            return ("%.2f s" % x[i]) if (x and unit == "s") else (("%.0f MB" % mb(x[i])) if x else "-")
        w("| acts-%d | %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            n, e[2] if e else 0, cell(e, 0, "s"), cell(d, 0, "s"), cell(s, 0, "s"),
            ("%.2f×" % (d[0] / e[0])) if e and d else "-", ("%.1f×" % (s[0] / e[0])) if e and s else "-",
            cell(e, 1, "MB"), cell(d, 1, "MB"), cell(s, 1, "MB")))
    w("")
    w("CPU time (user + system, medians; indicore and DuckDB use both cores, sqlite3 one):"
      " less sensitive than wall time to other work on a shared machine.\n")
    w("| set | indicore CPU | DuckDB CPU | sqlite3 CPU | DuckDB ÷ indicore | sqlite3 ÷ indicore |")
    w("|---|---:|---:|---:|---:|---:|")
    for n in ns:
        e, d, s_ = med.get((n, "indicore")), med.get((n, "duckdb")), med.get((n, "sqlite"))
        w("| acts-%d | %s | %s | %s | %s | %s |" % (
            n, *("%.2f s" % x[3] if x else "-" for x in (e, d, s_)),
            ("%.2f×" % (d[3] / e[3])) if e and d else "-", ("%.1f×" % (s_[3] / e[3])) if e and s_ else "-"))
    w("")
    w("Per round (wall s / peak MB):\n")
    w("| set | round | indicore | DuckDB | sqlite3 |")
    w("|---|---:|---:|---:|---:|")
    for n in ns:
        for rep in sorted({x[0] for t in TOOLS for x in runs[n].get(t, [])}):
            cells = []
            for t in TOOLS:
                x = [y for y in runs[n].get(t, []) if y[0] == rep]
                cells.append("%.2f / %.0f" % (x[0][1], mb(x[0][2])) if x else "-")
            w("| acts-%d | %d | %s |" % (n, rep, " | ".join(cells)))
    w("")
    if failed:
        w("Failed runs: " + "; ".join(failed) + "\n")

    w("### Growth and memory per act\n")
    w("| set | indicore s per million acts | DuckDB | sqlite3 | indicore peak bytes per act row |"
      " indicore peak ÷ input size |")
    w("|---|---:|---:|---:|---:|---:|")
    for n in ns:
        rows, tb, _ = sizes[n]
        e = med.get((n, "indicore"))
        per = []
        for t in TOOLS:
            x = med.get((n, t))
            per.append("%.3f" % (x[0] / (rows / 1e6)) if x else "-")
        w("| acts-%d | %s | %s | %s | %s | %s |" % (
            n, per[0], per[1], per[2], ("%.0f" % (e[1] * 1024 / rows)) if e else "-",
            ("%.2f" % (e[1] * 1024 / tb)) if e else "-"))
    if len(ns) >= 2 and (ns[0], "indicore") in med and (ns[-1], "indicore") in med:
        a, b = ns[0], ns[-1]
        ra, rb = sizes[a][0], sizes[b][0]
        ea, eb = med[a, "indicore"], med[b, "indicore"]
        w("")
        w("From acts-%d to acts-%d (%.1f× the rows): indicore time × %.2f, peak memory × %.2f;"
          " marginal memory %.0f bytes per added act row (includes the other files, which grow"
          " in proportion)." % (a, b, rb / ra, eb[0] / ea[0], eb[1] / ea[1],
                                 (eb[1] - ea[1]) * 1024 / (rb - ra)))
        for t in ("duckdb", "sqlite"):
            if (a, t) in med and (b, t) in med:
                w("%s: time × %.2f, peak memory × %.2f." % (
                    "DuckDB" if t == "duckdb" else "sqlite3", med[b, t][0] / med[a, t][0], med[b, t][1] / med[a, t][1]))
    w("")

    w("### Acceptance targets of issue 4\n")
    checks = []
    two = min(ns, key=lambda n: abs(n - 2_000_000))
    e, d, s = med.get((two, "indicore")), med.get((two, "duckdb")), med.get((two, "sqlite"))
    if e and d:
        checks.append(("acts-%d: indicore wall ≤ ⅓ of DuckDB's" % two, e[0] <= d[0] / 3,
                       "%.2f s vs %.2f s (DuckDB ÷ indicore = %.2f, needs ≥ 3)" % (e[0], d[0], d[0] / e[0])))
        checks.append(("acts-%d: indicore peak memory < DuckDB's" % two, e[1] < d[1],
                       "%.0f MB vs %.0f MB" % (mb(e[1]), mb(d[1]))))
    if e and s:
        checks.append(("acts-%d: indicore ≥ 10× faster than sqlite3" % two, s[0] >= 10 * e[0],
                       "sqlite3 ÷ indicore = %.1f" % (s[0] / e[0])))
    if len(ns) >= 2 and all((n, "indicore") in med for n in ns):
        # Linear growth: each added act costs the same, whatever the size.
        # Time per act would also count a run's fixed cost (start, plugins
        # loaded, processes forked: some 0.03 s) against the smallest set.
        per = [med[n, "indicore"][0] / sizes[n][0] for n in ns]
        marginal = [(med[b, "indicore"][0] - med[a, "indicore"][0]) / (sizes[b][0] - sizes[a][0])
                    for a, b in zip(ns, ns[1:])]
        spread = max(marginal) / min(marginal) if min(marginal) > 0 else float("inf")
        checks.append(("time grows linearly (the time an added act costs, between consecutive sizes, within ±25 %% from acts-%d to acts-%d)" % (ns[0], ns[-1]),
                       spread <= 1.25,
                       "µs per added act: " + ", ".join("%.3f" % (m * 1e6) for m in marginal)
                       + "; µs per act: " + ", ".join("%.3f" % (p * 1e6) for p in per)))
    for n in ns:
        e, d = med.get((n, "indicore")), med.get((n, "duckdb"))
        if e and d:
            checks.append(("acts-%d: peak memory below DuckDB's" % n, e[1] < d[1],
                           "%.0f MB vs %.0f MB" % (mb(e[1]), mb(d[1]))))
        if e:
            tb = sizes[n][1]
            checks.append(("acts-%d: peak memory well below the input size (< ½)" % n, e[1] * 1024 < tb / 2,
                           "%.0f MB for %.0f MB of CSV" % (mb(e[1]), tb / 1e6)))
    w("| target | met | measured |")
    w("|---|---|---|")
    for name, ok, detail in checks:
        w("| %s | %s | %s |" % (name, "yes" if ok else "**no**", detail))
    w("")

    w("### Agreement of the peers with the engine\n")
    w("Numerators, denominators, every stratum (505 territories) and the details"
      " (`bench/compare.py`; the engine runs with `--no-suppression` so that no stratum is hidden).\n")
    for n in ns:
        p = os.path.join(res, "agreement-%d.txt" % n)
        if os.path.exists(p):
            w("acts-%d:\n" % n)
            w("```")
            w(open(p).read().rstrip())
            w("```\n")
    p = os.path.join(res, "dialects.txt")
    if os.path.exists(p):
        w("Engine figures in each dialect (200 000 acts, `--names fr`, same seed):\n")
        w("```")
        w(open(p).read().rstrip())
        w("```\n")

    prof = sorted(glob.glob(os.path.join(res, "perf-[0-9]*.txt")))
    if prof:
        w("### Profile (perf, self time, top entries)\n")
        w("`%s`; full report in `bench/results/`.\n" % os.path.basename(prof[0]))
        w("```")
        w("\n".join(by_percent(prof[0])[:25]))
        w("```\n")
        glib_txt = prof[0].replace("perf-", "perf-glib-")
        syms_txt = os.path.join(res, "glib-symbols.txt")
        if os.path.exists(glib_txt) and os.path.exists(syms_txt):
            w("GLib's time, its unnamed addresses grouped by the nearest exported symbol before them"
              " (Debian's GLib has no symbol table; SHA-256 of GChecksum lies between"
              " `g_get_language_names` and `g_checksum_type_get_length`):\n")
            w("```")
            w("\n".join("%6.2f%%  %s" % (p, n) for n, p in glib_groups(glib_txt, syms_txt)[:8]))
            w("```\n")
        dso = prof[0].replace("perf-", "perf-dso-")
        if os.path.exists(dso):
            w("By shared object:\n")
            w("```")
            w("\n".join(by_percent(dso)))
            w("```\n")
    cg = sorted(glob.glob(os.path.join(res, "callgrind-*.txt")))
    if cg and not prof:
        w("### Profile (callgrind)\n")
        w("```")
        w("\n".join(open(cg[0]).read().splitlines()[:40]))
        w("```\n")

    text = "\n".join(out).rstrip() + "\n"
    with open(os.path.join(res, "summary.md"), "w") as f:
        f.write(text)
    if markdown:
        old = open(markdown).read() if os.path.exists(markdown) else "# Benchmarks\n\n%s\n%s\n" % (BEGIN, END)
        if BEGIN not in old or END not in old:
            old = old.rstrip() + "\n\n%s\n%s\n" % (BEGIN, END)
        head, rest = old.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(markdown, "w") as f:
            f.write(head + BEGIN + "\n\n" + text + "\n" + END + tail)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
