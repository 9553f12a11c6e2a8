#!/usr/bin/env bash
# The national-scale benchmark: indicore against DuckDB and the sqlite3 shell,
# and against the floors (reading the bytes, hashing them, a bare tokenizer
# pass), on every shape of data (issue 16), every indicator, suppression on.
#
#   bench/run.sh                      # everything: install, build, generate, measure, report
#   bench/run.sh --shapes "base many-persons few-persons fr-cp1252 quoted wide" --sizes "2000000 8000000"
#   bench/run.sh --sizes 100000 --reps 1 --no-profile --no-markdown      # a quick look
#
# Not part of the test suite. Needs root (or sudo) the first time, to install
# sqlite3, hyperfine and GNU time with apt-get, and the network to the npm
# registry once, for @duckdb/node-api (into bench/node_modules).
#
# What it does, in order:
#  1. installs what is missing; builds the engine from a snapshot of the
#     committed tree (git HEAD) into bench/build/ (INDICORE=/path/to/indicore
#     uses that binary instead; BENCH_SOURCE=worktree builds the working tree);
#  2. generates the national data sets (101 départements x 5 territories, seed
#     1) of each shape at each size into bench/data/SHAPE-N/ (kept between
#     runs; tools/gen-data.py --shape, iso dialect but for fr-cp1252);
#  3. checks that the engine's figures are the same in every dialect (fr, iso,
#     cp1252, quoted) on a small set;
#  4. for each shape and size, REPS rounds of: engine (every indicator,
#     suppression on, as a user runs it), DuckDB, sqlite3, then the floors
#     `cat > /dev/null`, `sha256sum` and DuckDB's `SELECT count(*)` over
#     read_csv (alternated), each under /usr/bin/time (wall seconds, peak
#     resident KB, user + system CPU; the tokenizer's query time too);
#  5. compares the peers' numerators, denominators, strata and details with the
#     engine's bundle (bench/compare.py), and with a bundle made once more
#     without suppression, so that every stratum is compared; checks that the
#     shapes holding the base records (base, fr-cp1252, quoted, wide) give the
#     engine the same figures;
#  6. profiles the engine once with perf on the base shape's 2M set (else the
#     first shape, the first size; callgrind on the smallest set when perf
#     does not work);
#  7. writes bench/results/ (runs.csv, summary.md, the bundles and peer
#     outputs, the profile) and refreshes the generated section of BENCHMARKS.md.
#
# Options:
#   --shapes "S S"    data shapes (default "base"; tools/README.md: base,
#                     many-persons, few-persons, fr-cp1252, quoted, wide)
#   --sizes "N N N"   PMI acts per data set (default "500000 2000000 8000000")
#   --reps N          rounds per size (default 3)
#   --reps-big N      rounds for sizes above 4 million (default: --reps)
#   --no-profile      skip step 6
#   --no-dialects     skip step 3
#   --no-sqlite       leave sqlite3 out of the rounds (it takes 30 s at 8M)
#   --no-markdown     do not touch BENCHMARKS.md (results/summary.md only)
# Run it on a quiet machine: the figures of a loaded one say little.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data="$here/data"
results="$here/results"
sizes="500000 2000000 8000000"
shapes=base
sqlite=1
reps=3
reps_big=
profile=1
dialects=1
markdown=1
year=2024
seed=1

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --shapes) shapes=$2; shift 2 ;;
    --no-sqlite) sqlite=0; shift ;;
    --reps) reps=$2; shift 2 ;;
    --reps-big) reps_big=$2; shift 2 ;;
    --no-profile) profile=0; shift ;;
    --no-dialects) dialects=0; shift ;;
    --no-markdown) markdown=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
reps_big=${reps_big:-$reps}

say() { printf '\n== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- 1. tools
say "tools"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error)
fi
duckdb_version=$(node -p "require('$here/node_modules/@duckdb/node-api/package.json').version")

if [ -n "${INDICORE:-}" ]; then
  indicore=$INDICORE
  source_desc="binary $INDICORE"
else
  src="$here/build/src"
  obj="$here/build/obj"
  if [ "${BENCH_SOURCE:-head}" = worktree ]; then
    src=$root
    source_desc="working tree at $(git -C "$root" rev-parse --short HEAD) (with uncommitted changes: $(git -C "$root" status --porcelain -- core plugins include | wc -l) files)"
  else
    # the engine's sources: every top-level entry but the harness's own, so that a
    # commit to bench/, tools/ or BENCHMARKS.md does not rebuild the engine
    rev=$(git -C "$root" ls-tree HEAD | grep -v -P '\t(bench|tools|BENCHMARKS\.md)$' | sha256sum | cut -c1-40)
    if [ "$(cat "$here/build/src.rev" 2>/dev/null)" != "$rev" ]; then
      rm -rf "$src" "$obj"
      mkdir -p "$src"
      git -C "$root" archive HEAD | tar -x -C "$src"
      echo "$rev" > "$here/build/src.rev"
    fi
    source_desc="commit $(git -C "$root" rev-parse --short HEAD) ($(git -C "$root" log -1 --format=%s | cut -c1-70))"
  fi
  say "building the engine ($source_desc) in $obj"
  [ -f "$obj/build.ninja" ] || meson setup "$obj" "$src" >/dev/null
  # only the program and the plugins (not the tests), two jobs: the machine is shared
  ninja -C "$obj" -j 2 indicore $(ninja -C "$obj" -t targets all | sed -n 's|^\(plugins/[^/:]*\.so\): .*|\1|p') >/dev/null
  indicore="$obj/indicore"
fi
for shape in $shapes; do
  python3 "$root/tools/gen-data.py" --shape "$shape" --help > /dev/null 2>&1 \
    || { echo "bench/run.sh: unknown shape $shape (tools/README.md)" >&2; exit 2; }
done
# Every indicator, suppression on: what a user runs. The agreement check runs
# the engine once more without suppression, untimed, to compare every stratum.

mkdir -p "$data" "$results"
export SOURCE_DATE_EPOCH=1700000000

# ------------------------------------------------------------ machine
{
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores ($(lscpu | sed -n 's/^Hypervisor vendor: *//p' | sed 's/^\(.\+\)$/virtual machine, \1/'))"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "system: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "engine: $source_desc, $(meson introspect --buildoptions "${obj:-/nonexistent}" 2>/dev/null | python3 -c 'import json,sys; o={x["name"]:x["value"] for x in json.load(sys.stdin)}; print("buildtype %s (-O%s)" % (o["buildtype"], o["optimization"]))' 2>/dev/null || echo 'prebuilt'), $(cc --version | head -1)"
  echo "duckdb: @duckdb/node-api $duckdb_version, node $(node --version)"
  echo "sqlite: sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
  echo "python: $(python3 --version | cut -d' ' -f2) (generator)"
  echo "date: $(date -u +%Y-%m-%d), load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared)"
} > "$results/machine.txt"
cat "$results/machine.txt" >&2

# ------------------------------------------------------------ 2. data
generate() {   # generate DIR ARGS... (skipped when DIR holds the same arguments and generator)
  local dir=$1; shift
  local stamp
  stamp="$* $(sha256sum "$root/tools/gen-data.py" | cut -c1-16)"
  if [ "$(cat "$dir/.args" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$dir"
    python3 "$root/tools/gen-data.py" --out "$dir" "$@" --quiet
    echo "$stamp" > "$dir/.args"
  fi
}
dialect_of() { [ "$1" = fr-cp1252 ] && echo cp1252 || echo iso; }
say "data sets"
: > "$results/sizes.csv"
for shape in $shapes; do
  for n in $sizes; do
    dir="$data/$shape-$n"
    if [ "$shape" = fr-cp1252 ]; then
      generate "$dir" --acts "$n" --seed "$seed" --year "$year" --shape "$shape"
      # DuckDB reads it as latin-1, the same as Windows-1252 but from 0x80 to 0x9F
      ! LC_ALL=C grep -q -P '[\x80-\x9f]' "$dir"/*.csv \
        || echo "  $shape-$n holds bytes 0x80 to 0x9F: DuckDB's latin-1 reads them otherwise" >&2
    else
      generate "$dir" --acts "$n" --seed "$seed" --year "$year" --dialect iso --shape "$shape"
    fi
    # act ids run from A0000000001 in file order: the last is the count of rows
    # (wc -l would count the line ends inside the quoted shape's comments)
    last=$(tail -c 65536 "$dir/pmi_acts.csv" | grep -a -o '^"\{0,1\}A[0-9]\{10\}' | tail -1 | tr -dc 0-9)
    rows=$((10#$last))
    bytes=$(cat "$dir"/*.csv | wc -c)
    acts_bytes=$(wc -c < "$dir/pmi_acts.csv")
    echo "$shape,$n,$rows,$bytes,$acts_bytes" >> "$results/sizes.csv"
    awk -v s="$shape-$n" -v r="$rows" -v b="$bytes" 'BEGIN { printf "  %s: %d PMI acts, %.1f MB of CSV\n", s, r, b / 1e6 }' >&2
  done
done

# ------------------------------------------------------------ 3. dialects
if [ "$dialects" = 1 ]; then
  say "dialects (engine figures in fr, iso, cp1252, quoted)"
  : > "$results/dialects.txt"
  for d in fr iso cp1252 quoted; do
    generate "$data/dialect-$d" --acts 200000 --seed "$seed" --year "$year" --dialect "$d" --names fr
    "$indicore" run --data "$data/dialect-$d" --year "$year" --department FR \
      --out "$results/dialect-$d.json" 2>/dev/null || echo "  engine exit $? on $d" >&2
    python3 -c '
import hashlib, json, sys
b = json.load(open(sys.argv[1]))
print(sys.argv[2], hashlib.sha256(json.dumps(b["indicators"], sort_keys=True).encode()).hexdigest()[:16],
      " ".join("%s=%s/%s" % (i["id"], i["numerator"], i["denominator"]) for i in b["indicators"]))
' "$results/dialect-$d.json" "$d" >> "$results/dialects.txt"
  done
  if [ "$(cut -d' ' -f2 "$results/dialects.txt" | sort -u | wc -l)" = 1 ]; then
    echo "identical indicators (counts, strata, details) in the 4 dialects" >> "$results/dialects.txt"
  else
    echo "DIFFERENT indicators between dialects" >> "$results/dialects.txt"
  fi
  cat "$results/dialects.txt" >&2
fi

# ------------------------------------------------------------ 4. runs
measure() {   # measure SHAPE SIZE TOOL REP COMMAND...
  # (INNER_FROM: a file whose last line ends with the seconds the tool measured itself)
  local shape=$1 n=$2 tool=$3 rep=$4; shift 4
  local t="$results/.time" rc=0 inner=
  /usr/bin/time -f '%e %M %U %S' -o "$t" "$@" || rc=$?
  [ -z "${INNER_FROM:-}" ] || inner=$(tail -1 "$INNER_FROM" | cut -d, -f2)
  read -r wall kb user sys < <(tail -1 "$t")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$shape,$n,$tool,$rep,$wall,$kb,$rc,$cpu,$inner" >> "$results/runs.csv"
  printf '  %-22s %-9s rep %s: %7.2f s (cpu %6.2f s) %9d KB%s%s\n' "$shape-$n" "$tool" "$rep" "$wall" "$cpu" "$kb" \
    "${inner:+  (query $inner s)}" "$([ "$rc" = 0 ] || echo "  exit $rc")" >&2
}
bundle_totals() {   # the figures of a bundle that do not name a territory, hashed
  python3 -c '
import hashlib, json, sys
b = json.load(open(sys.argv[1]))
t = [(i["id"], i["numerator"], i["denominator"], i.get("details")) for i in b["indicators"]]
print(hashlib.sha256(json.dumps(t, sort_keys=True).encode()).hexdigest()[:16],
      " ".join("%s=%s/%s" % x[:3] for x in t))' "$1"
}
echo "shape,acts,tool,rep,wall_s,max_rss_kb,exit,cpu_s,inner_s" > "$results/runs.csv"
: > "$results/shapes.txt"
for shape in $shapes; do
  dialect=$(dialect_of "$shape")
  sep=,
  [ "$dialect" = iso ] || sep=';'
  for n in $sizes; do
    dir="$data/$shape-$n"
    tag="$shape-$n"
    r=$reps
    [ "$n" -le 4000000 ] || r=$reps_big
    say "$tag: $r rounds"
    cat "$dir"/*.csv > /dev/null     # the same warm page cache for every tool
    for rep in $(seq 1 "$r"); do
      measure "$shape" "$n" indicore "$rep" sh -c '"$@" 2> "$0"' "$results/engine-$tag.log" "$indicore" run \
        --data "$dir" --year "$year" --department FR --department-name France \
        --out "$results/engine-$tag.json"
      measure "$shape" "$n" duckdb "$rep" sh -c 'node "$1/duckdb.mjs" "$2" "$3" --dialect "$4" > "$5"' \
        sh "$here" "$dir" "$year" "$dialect" "$results/duckdb-$tag.csv"
      if [ "$sqlite" = 1 ]; then
        measure "$shape" "$n" sqlite "$rep" sh -c 'cd "$2" && sqlite3 -csv -separator "$4" -cmd ".parameter set @y $3" :memory: < "$1/sqlite.sql" > "$5"' \
          sh "$here" "$dir" "$year" "$sep" "$results/sqlite-$tag.csv"
      fi
      # the floors: the bytes read, the bytes hashed, the records tokenized
      measure "$shape" "$n" cat "$rep" sh -c 'cat "$1"/*.csv > /dev/null' sh "$dir"
      measure "$shape" "$n" sha256sum "$rep" sh -c 'sha256sum "$1"/*.csv > /dev/null' sh "$dir"
      INNER_FROM="$results/tokenize-$tag.csv" measure "$shape" "$n" tokenize "$rep" sh -c 'node "$1/duckdb.mjs" "$2" "$3" --dialect "$4" --count > "$5"' \
          sh "$here" "$dir" "$year" "$dialect" "$results/tokenize-$tag.csv"
    done
    peers=(duckdb="$results/duckdb-$tag.csv")
    [ "$sqlite" = 0 ] || peers+=(sqlite="$results/sqlite-$tag.csv")
    "$indicore" run --data "$dir" --year "$year" --department FR --department-name France --no-suppression \
      --out "$results/engine-$tag-all-strata.json" 2>/dev/null || echo "  engine exit $? without suppression" >&2
    {
      echo "as run (suppression on):"
      python3 "$here/compare.py" "$results/engine-$tag.json" "${peers[@]}" || true
      echo
      echo "every stratum (the engine once more, --no-suppression):"
      python3 "$here/compare.py" "$results/engine-$tag-all-strata.json" "${peers[@]}" || true
    } > "$results/agreement-$tag.txt"
    cat "$results/agreement-$tag.txt" >&2
    echo "$n $shape $(bundle_totals "$results/engine-$tag.json")" >> "$results/shapes.txt"
  done
done
rm -f "$results/.time"
# base, fr-cp1252, quoted and wide hold the same records: the same figures
for n in $sizes; do
  same=$(awk -v n="$n" '$1 == n && $2 ~ /^(base|fr-cp1252|quoted|wide)$/ { print $3 }' "$results/shapes.txt" | sort -u | wc -l)
  count=$(awk -v n="$n" '$1 == n && $2 ~ /^(base|fr-cp1252|quoted|wide)$/' "$results/shapes.txt" | wc -l)
  if [ "$count" -ge 2 ]; then
    [ "$same" = 1 ] && verdict="the same figures" || verdict="DIFFERENT figures"
    echo "$n: $verdict in the $count shapes of the base records" >> "$results/shapes.txt"
  fi
done
cat "$results/shapes.txt" >&2

# ------------------------------------------------------------ 6. profile
if [ "$profile" = 1 ]; then
  set -- $sizes
  pn=2000000
  case " $sizes " in *" $pn "*) ;; *) pn=$1 ;; esac
  set -- $shapes
  ps=base
  case " $shapes " in *" $ps "*) ;; *) ps=$1 ;; esac
  pdir="$data/$ps-$pn"
  say "profile ($ps-$pn)"
  echo "$ps-$pn" > "$results/profile-set.txt"
  rm -f "$results"/perf-*.txt "$results"/callgrind-*.txt
  if perf record -q -o "$results/perf.data" -- "$indicore" run --data "$pdir" --year "$year" \
       --department FR --out /dev/null 2>/dev/null \
     && perf report -i "$results/perf.data" --stdio --no-children --sort dso,symbol --percent-limit 0.3 \
          -F overhead,dso,sym -g none 2>/dev/null > "$results/perf-$pn.txt"; then
    perf report -i "$results/perf.data" --stdio --no-children --sort dso -F overhead,dso -g none \
      2>/dev/null > "$results/perf-dso-$pn.txt" || true
    # Debian's GLib has no symbol table: its static functions (SHA-256 of
    # GChecksum, GArray growth...) show as addresses; summarize.py groups them
    # by the nearest exported symbol of this file.
    glib=$(ldd "$indicore" | sed -n 's/.*libglib-2.0.so.0 => \([^ ]*\).*/\1/p')
    if [ -n "$glib" ]; then
      perf report -i "$results/perf.data" --stdio --no-children --dsos "$(basename "$(readlink -f "$glib")")" \
        --sort sym -F overhead,sym --percent-limit 0 -g none 2>/dev/null > "$results/perf-glib-$pn.txt" || true
      nm -D --defined-only "$glib" | awk '{print $1, $3}' > "$results/glib-symbols.txt" || true
    fi
    rm -f "$results/perf.data" "$results/perf.data.old"
    grep -v '^#' "$results/perf-$pn.txt" | grep -v '^$' | head -25 >&2
  elif command -v valgrind >/dev/null; then
    set -- $sizes
    pdir="$data/$ps-$1"
    valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$results/callgrind.%p" \
      "$indicore" run --data "$pdir" --year "$year" --department FR --out /dev/null 2>/dev/null
    for f in "$results"/callgrind.*; do callgrind_annotate "$f"; done > "$results/callgrind-$pn.txt"
    rm -f "$results"/callgrind.[0-9]*
    head -40 "$results/callgrind-$pn.txt" >&2
  else
    echo "neither perf nor valgrind works here: no profile" >&2
  fi
fi

# ------------------------------------------------------------ 7. report
say "summary"
md_args=()
[ "$markdown" = 1 ] && md_args=(--markdown "$root/BENCHMARKS.md")
python3 "$here/summarize.py" "$results" "${md_args[@]}"
cat "$results/summary.md"
