#!/usr/bin/env python3
"""Summarise bench/results/ into results/summary.md (and BENCHMARKS.md).

    bench/summarize.py RESULTS_DIR [--markdown BENCHMARKS.md]

Reads runs.csv, sizes.csv, machine.txt, agreement-SHAPE-N.txt, shapes.txt,
dialects.txt and the profile; writes summary.md: machine, data sets, per shape
and size the medians of indicore, DuckDB, sqlite3 and the floors (cat,
sha256sum, the tokenizer) with indicore's ratios to DuckDB and to the floor,
the targets of issue 16, CPU times, growth, memory per act, agreement,
profile top.
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


def median_of(rows, i):
    return statistics.median(x[i] for x in rows) if rows else None


def ratio(a, b, fmt="%.2f"):
    return (fmt % (a / b)) if a is not None and b else "-"


def secs(x):
    return "%.2f s" % x if x is not None else "-"


def main(argv):
    res = argv[1]
    markdown = argv[argv.index("--markdown") + 1] if "--markdown" in argv else None
    runs = {}     # (shape, acts) -> tool -> [(rep, wall, kb, cpu, inner)]
    failed = []
    with open(os.path.join(res, "runs.csv")) as f:
        for row in csv.DictReader(f):
            key = (row["shape"], int(row["acts"]))
            if row["exit"] != "0":
                failed.append("%s on %s-%s, round %s: exit %s" % (row["tool"], key[0], key[1], row["rep"], row["exit"]))
            inner = float(row["inner_s"]) if row.get("inner_s") else None
            runs.setdefault(key, {}).setdefault(row["tool"], []).append(
                (int(row["rep"]), float(row["wall_s"]), int(row["max_rss_kb"]), float(row.get("cpu_s") or "nan"), inner))
    sizes = {}
    with open(os.path.join(res, "sizes.csv")) as f:
        for shape, n, rows, total_bytes, acts_bytes in csv.reader(f):
            sizes[shape, int(n)] = (int(rows), int(total_bytes), int(acts_bytes))
    order = []
    for shape, n in runs:
        if shape not in order:
            order.append(shape)
    keys = sorted(runs, key=lambda k: (order.index(k[0]), k[1]))
    out = []
    w = out.append
    machine = open(os.path.join(res, "machine.txt")).read().rstrip()
    engine = ([ln[len("engine: "):] for ln in machine.splitlines() if ln.startswith("engine: ")] or ["?"])[0]

    w("### Machine\n")
    w("```")
    w(machine)
    w("```\n")

    w("### Data sets\n")
    w("`tools/gen-data.py --acts N --seed 1 --year 2024 --shape SHAPE` (`--dialect iso` but for fr-cp1252):"
      " 101 départements × 5 territories, births of 2023 and 2024, PMI acts and IPs of 2023 and 2024;"
      " the shapes in `tools/README.md`.\n")
    w("| shape | acts | PMI act rows | all four CSV files | pmi_acts.csv |")
    w("|---|---:|---:|---:|---:|")
    for k in keys:
        if k in sizes:
            rows, tb, ab = sizes[k]
            w("| %s | %d | %s | %.1f MB | %.1f MB |" % (k[0], k[1], format(rows, ","), tb / 1e6, ab / 1e6))
    w("")

    med = {}
    for k in keys:
        for t, xs in runs[k].items():
            med[k, t] = {"wall": median_of(xs, 1), "kb": median_of(xs, 2), "n": len(xs), "cpu": median_of(xs, 3),
                         "inner": median_of([x for x in xs if x[4] is not None], 4)}

    def m(k, t, what):
        x = med.get((k, t))
        return x[what] if x else None

    w("### Against DuckDB and the floors (medians)\n")
    w("Engine: %s. Every indicator, suppression on (`indicore run` as a user runs it); DuckDB and"
      " sqlite3 compute the same six indicators. Each round runs indicore, DuckDB, sqlite3, then the"
      " floors on the same files (warm page cache): `cat > /dev/null`, `sha256sum`, and the tokenizer"
      " (DuckDB's `SELECT count(*)` over `read_csv` of the four files, every column as text; the time"
      " of the query alone, without node's start). All ratios from this one run.\n" % engine)
    w("| shape | acts | rounds | indicore | DuckDB | sqlite3 | cat | sha256sum | tokenizer |"
      " indicore ÷ DuckDB | indicore ÷ tokenizer | indicore peak | DuckDB peak | peak ÷ DuckDB's |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in keys:
        e, d = m(k, "indicore", "wall"), m(k, "duckdb", "wall")
        tok = m(k, "tokenize", "inner")
        ek, dk = m(k, "indicore", "kb"), m(k, "duckdb", "kb")
        w("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            k[0], k[1], m(k, "indicore", "n") or 0, secs(e), secs(d), secs(m(k, "sqlite", "wall")),
            secs(m(k, "cat", "wall")), secs(m(k, "sha256sum", "wall")), secs(tok),
            ratio(e, d), ratio(e, tok), "%.0f MB" % mb(ek) if ek else "-", "%.0f MB" % mb(dk) if dk else "-",
            ratio(ek, dk)))
    w("")
    if failed:
        w("Failed runs: " + "; ".join(failed) + "\n")

    w("### Targets of issue 16\n")
    w("Wall time at most 0.2 × DuckDB's and at most 2 × the tokenizer floor; peak memory at most"
      " 0.5 × DuckDB's. Each cell: met or not, and the ratio measured.\n")
    w("| shape | acts | wall ≤ 0.2 × DuckDB | wall ≤ 2 × tokenizer | peak ≤ 0.5 × DuckDB |")
    w("|---|---:|---|---|---|")

    def target(a, b, limit):
        if a is None or not b:
            return "-"
        return "%s (%.2f)" % ("yes" if a / b <= limit else "**no**", a / b)
    for k in keys:
        w("| %s | %d | %s | %s | %s |" % (
            k[0], k[1], target(m(k, "indicore", "wall"), m(k, "duckdb", "wall"), 0.2),
            target(m(k, "indicore", "wall"), m(k, "tokenize", "inner"), 2.0),
            target(m(k, "indicore", "kb"), m(k, "duckdb", "kb"), 0.5)))
    w("")

    w("### CPU time (user + system, medians)\n")
    w("Less sensitive than wall time to other work on a shared machine; indicore and DuckDB use both"
      " cores, sqlite3 one.\n")
    w("| shape | acts | indicore | DuckDB | sqlite3 | DuckDB ÷ indicore |")
    w("|---|---:|---:|---:|---:|---:|")
    for k in keys:
        e, d = m(k, "indicore", "cpu"), m(k, "duckdb", "cpu")
        w("| %s | %d | %s | %s | %s | %s |" % (k[0], k[1], secs(e), secs(d), secs(m(k, "sqlite", "cpu")),
                                               ratio(d, e)))
    w("")

    w("Per round (wall s / peak MB; the tokenizer: the query's time / the process's wall):\n")
    tools = ("indicore", "duckdb", "sqlite", "cat", "sha256sum", "tokenize")
    w("| shape | acts | round | indicore | DuckDB | sqlite3 | cat | sha256sum | tokenizer |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in keys:
        for rep in sorted({x[0] for t in tools for x in runs[k].get(t, [])}):
            cells = []
            for t in tools:
                x = [y for y in runs[k].get(t, []) if y[0] == rep]
                if not x:
                    cells.append("-")
                elif t == "tokenize":
                    cells.append("%.2f / %.2f" % (x[0][4] or float("nan"), x[0][1]))
                else:
                    cells.append("%.2f / %.0f" % (x[0][1], mb(x[0][2])))
            w("| %s | %d | %d | %s |" % (k[0], k[1], rep, " | ".join(cells)))
    w("")

    w("### Growth and memory per act\n")
    w("| shape | acts | indicore µs per act | µs per added act (from the size before) |"
      " indicore peak bytes per act row | indicore peak ÷ input size |")
    w("|---|---:|---:|---:|---:|---:|")
    prev = {}
    for k in keys:
        e, ek = m(k, "indicore", "wall"), m(k, "indicore", "kb")
        rows, tb, _ = sizes.get(k, (0, 0, 0))
        added = "-"
        if k[0] in prev and e is not None and rows > prev[k[0]][0]:
            added = "%.3f" % ((e - prev[k[0]][1]) / (rows - prev[k[0]][0]) * 1e6)
        w("| %s | %d | %s | %s | %s | %s |" % (
            k[0], k[1], "%.3f" % (e / rows * 1e6) if e and rows else "-", added,
            "%.0f" % (ek * 1024 / rows) if ek and rows else "-", "%.2f" % (ek * 1024 / tb) if ek and tb else "-"))
        if e is not None:
            prev[k[0]] = (rows, e)
    w("")

    w("### Agreement of the peers with the engine\n")
    w("Numerators, denominators, every stratum (505 territories) and the details (`bench/compare.py`):"
      " against the bundle as run (suppression on: a hidden stratum must be one the peers have, and"
      " every small one must be hidden), and against a bundle of the engine run once more with"
      " `--no-suppression`, every stratum compared.\n")
    for k in keys:
        p = os.path.join(res, "agreement-%s-%d.txt" % k)
        if os.path.exists(p):
            w("%s-%d:\n" % k)
            w("```")
            w(open(p).read().rstrip())
            w("```\n")
    p = os.path.join(res, "shapes.txt")
    if os.path.exists(p):
        w("Engine figures by shape (totals and details; base, fr-cp1252, quoted and wide hold the same"
          " records):\n")
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
        pset = os.path.join(res, "profile-set.txt")
        w("`%s`%s; full report in `bench/results/`.\n" % (
            os.path.basename(prof[0]), " (%s)" % open(pset).read().strip() if os.path.exists(pset) else ""))
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
