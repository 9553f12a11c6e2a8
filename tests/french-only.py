#!/usr/bin/env python3
"""french-only.py: fails on an English word in what a person reads of the
tests' bundles and renderings: the golden bundles and their renderings
(tests/golden/), the Creuse example computed for 2022, 2023 and 2024, the
bundle of counts and breakdowns of tests/fixtures/bundles/, and a
run with --lenient setting rows aside for each kind of row problem and with
a refused plugin file of each kind (tests/fixtures/refuse/, garbage, a
duplicate in one directory), each rendered as text, md, html and csv. Reports are French whatever the locale.

Usage: french-only.py INDICORE SOURCE_DIR   (TAP on standard output)

What is read: in a bundle, the strings people read (titles, sentences,
reasons, warnings, labels, refusals); in a rendering, its text (HTML without
its tags, styles and scripts). Identifiers (a token with "_" or a digit, such
as person_birth_date), file names' extensions and option names (--lenient)
are not words."""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Common English words that are not French words too (« a », « on », « an »,
# « or », « signal », « date » are left out for that reason).
ENGLISH = set("""
the is are was were be been being not no yes available unavailable absent row rows invalid missing
population children child with without from has have had of for and which that this these those
it its they their them there where when than more less into set aside only also but any every each
none all could would should will can cannot does did done plugin plugins warning warnings error
errors reason value values target met unknown birth year years count counted counts file files
directory denominator numerator above below killed stopped crashed system call refused printed
rebuild engine built newer upgrade previous change progress undecided stratum strata territory
withheld hidden small women woman visited seen home evaluation evaluations concluded received
within months days must may see
first line lines duplicate identifier field fields header expected quote closing unquoted longer bytes
dated before after ends received outcome closed care referral second same
symbol undefined untrusted writable anyone group owned user running descriptor magic wrong smaller
loadable shared object define uses neither nor through used found earlier search order
""".split())

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ_0-9]+")
# Option names, paths and file names are not words: --lenient,
# /usr/lib/.../plugins/x.so, indicore-plugin.h.
# A row problem's place, « pmi_acts.csv:7:8: territory: », names a column
# of the input format.
NOT_WORDS = re.compile(r"[\w-]+\.csv:\d+(?::\d+)?: (?:[a-z_]+: )?|"
                       r"--[a-z][a-z-]*|[\w.~-]*/[\w./~-]*|[\w-]+\.(?:h|so|c|csv|json)\b")
READ_KEYS = {"title", "text_fr", "reason", "warnings", "label", "national_objective", "rejected_reasons",
             "name", "source"}


def english_words(text):
    found = []
    for token in WORD.findall(NOT_WORDS.sub(" ", text.replace("\\_", "_"))):
        if "_" in token or any(c.isdigit() for c in token):
            continue
        if token.lower() in ENGLISH:
            found.append(token)
    return found


def bundle_texts(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from bundle_texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from bundle_texts(v, key)
    elif isinstance(node, str) and key in READ_KEYS:
        yield node


def html_text(page):
    page = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]*>", " ", page)
    return html.unescape(page)


def texts_of(path):
    with open(path, encoding="utf-8-sig") as f:
        content = f.read()
    if path.endswith(".json"):
        return list(bundle_texts(json.loads(content)))
    if path.endswith(".html"):
        return [html_text(content)]
    return [content]


# Rows --lenient sets aside, one of each kind of problem (their reasons go
# into the bundle): an impossible date, a missing value, a row short of a
# field, an identifier met twice, an unknown code, a quote in a field.
LENIENT_BIRTHS = "birth_id;birth_date;territory\r\nB-01;10/01/2024;Nord\r\nB-02;31/02/2024;Nord\r\n"
LENIENT_ACTS = ("act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory\r\n"
                "A-01;EPP;01/02/2024;W-01;;PMI;SF;Nord\r\n"
                "A-02;;01/02/2024;W-02;;PMI;SF;Nord\r\n"
                "A-03;EPP;01/02/2024;W-03;;PMI;SF\r\n"
                "A-01;EPP;02/02/2024;W-04;;PMI;SF;Nord\r\n"
                "A-05;EPP;02/02/2024;W-05;;NOBODY;SF;Nord\r\n"
                "A-06;EPP;02/02/2024;W-06;;PMI;SF;No\"rd\r\n")


def lenient_run(indicore, work, env, failures):
    """The bundle of a run with --lenient on rows of every kind of problem,
    and plugin files refused for every reason."""
    data = os.path.join(work, "lenient")
    os.mkdir(data)
    for name, content in (("births.csv", LENIENT_BIRTHS), ("pmi_acts.csv", LENIENT_ACTS)):
        with open(os.path.join(data, name), "w", encoding="utf-8") as f:
            f.write(content)
    build = os.path.dirname(os.path.abspath(indicore))
    refuse = os.path.join(build, "tests", "fixtures", "refuse")
    extra = os.path.join(work, "plugins")
    os.mkdir(extra)
    with open(os.path.join(extra, "garbage.so"), "wb") as f:
        f.write(b"\x7fELF, then nothing of a shared object")
    # Two copies in one directory: the second is refused as a duplicate (the
    # built-in one, in a later directory, is overridden: a warning, not a refusal).
    for name in ("epp_copy.so", "epp_copy_2.so"):
        shutil.copy(os.path.join(build, "plugins", "epp_pmi_coverage.so"), os.path.join(extra, name))
    out = os.path.join(work, "lenient.json")
    subprocess.run([indicore, "run", "--data", data, "--year", "2024", "--department", "23", "--lenient",
                    "--plugins", refuse, "--plugins", extra, "--out", out],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    if not os.path.exists(out):
        failures.append("the --lenient run wrote no bundle")
        return []
    with open(out, encoding="utf-8") as f:
        bundle = json.load(f)
    reasons = [r for i in bundle["inputs"] for r in i.get("rejected_reasons", [])]
    # 1 birth and 5 acts set aside, the first 5 reasons of a file kept.
    if len(reasons) != 6:
        failures.append(f"the --lenient bundle keeps {len(reasons)} reasons, not 6")
    # Every fixture of refuse/, the garbage and the second copy (the first
    # copy overrides the built-in one: a warning, not a refusal).
    expected = len([n for n in os.listdir(refuse) if n.endswith(".so")]) + 2
    if len(bundle["plugins_refused"]) != expected:
        failures.append(f"the bundle has {len(bundle['plugins_refused'])} refused plugins, not {expected}")
    return [out]


def main():
    indicore, source = sys.argv[1], sys.argv[2]
    golden = os.path.join(source, "tests", "golden")
    paths = [os.path.join(golden, name) for name in sorted(os.listdir(golden))
             if name.startswith(("bundle-", "creuse-")) and name.endswith((".json", ".txt", ".md", ".html", ".csv"))]
    failures = []
    env = dict(os.environ, SOURCE_DATE_EPOCH="1740819600", TZ="Europe/Paris")
    with tempfile.TemporaryDirectory() as work:
        previous = []
        for year in (2022, 2023, 2024):
            out = os.path.join(work, f"creuse-{year}.json")
            subprocess.run([indicore, "run", "--data", os.path.join(source, "examples", "creuse-2024"),
                            "--year", str(year), "--department", "23", "--department-name", "Creuse",
                            "--out", out] + previous, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            if not os.path.exists(out):
                failures.append(f"the Creuse example did not compute {year}")
                continue
            paths.append(out)
            for fmt in ("text", "md", "html", "csv"):
                rendering = os.path.join(work, f"creuse-{year}.{fmt}")
                subprocess.run([indicore, "render", out, "--format", fmt, "--out", rendering] + previous,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                paths.append(rendering)
            previous += ["--previous", out]
        # A bundle of version 1.1 written by hand: counts and breakdowns.
        kinds = os.path.join(source, "tests", "fixtures", "bundles", "nord-2025.json")
        paths.append(kinds)
        for fmt in ("text", "md", "html", "csv", "solen"):
            rendering = os.path.join(work, f"nord-2025.{fmt}")
            subprocess.run([indicore, "render", kinds, "--format", fmt, "--out", rendering],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            paths.append(rendering)
        for out in lenient_run(indicore, work, env, failures):
            paths.append(out)
            for fmt in ("text", "md", "html", "csv"):
                rendering = os.path.join(work, f"lenient.{fmt}")
                subprocess.run([indicore, "render", out, "--format", fmt, "--out", rendering],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                paths.append(rendering)
        print(f"1..{len(paths) + 1}")
        for n, path in enumerate(paths, 1):
            words = sorted({w for text in texts_of(path) for w in english_words(text)})
            name = os.path.relpath(path, source) if path.startswith(source) else os.path.basename(path)
            if words:
                failures.append(name)
                print(f"not ok {n} - {name}: English words: {', '.join(words)}")
                for text in texts_of(path):
                    for line in text.splitlines():
                        if english_words(line):
                            print(f"#   {line.strip()[:200]}")
            else:
                print(f"ok {n} - {name}")
    for failure in failures:
        print(f"# {failure}")
    print(f"{'not ok' if failures else 'ok'} {len(paths) + 1} - no English word in any French output")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
