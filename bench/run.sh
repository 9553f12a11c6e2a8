#!/usr/bin/env bash
# The national-scale benchmark: indicore against DuckDB and the sqlite3 shell.
#
#   bench/run.sh                      # everything: install, build, generate, measure, report
#   bench/run.sh --sizes 500000 --reps 1 --no-profile     # a quick look
#
# Not part of the test suite. Needs root (or sudo) the first time, to install
# sqlite3, hyperfine and GNU time with apt-get, and the network to the npm
# registry once, for @duckdb/node-api (into bench/node_modules).
#
# What it does, in order:
#  1. installs what is missing; builds the engine from a snapshot of the
#     committed tree (git HEAD) into bench/build/ (INDICORE=/path/to/indicore
#     uses that binary instead; BENCH_SOURCE=worktree builds the working tree);
#  2. generates the national data sets (101 départements x 5 territories, iso
#     dialect, seed 1) at each size into bench/data/ (kept between runs);
#  3. checks that the engine's figures are the same in every dialect (fr, iso,
#     cp1252, quoted) on a small set;
#  4. for each size, REPS rounds of: engine, DuckDB, sqlite3 (alternated), each
#     under /usr/bin/time (wall seconds, peak resident KB, user + system CPU);
#  5. compares the peers' numerators, denominators, strata and details with the
#     engine's bundle (bench/compare.py);
#  6. profiles the engine once with perf on the 2M set (callgrind on the
#     smallest set when perf does not work);
#  7. writes bench/results/ (runs.csv, summary.md, the bundles and peer
#     outputs, the profile) and refreshes the generated section of BENCHMARKS.md.
#
# Options:
#   --sizes "N N N"   PMI acts per data set (default "500000 2000000 8000000")
#   --reps N          rounds per size (default 3)
#   --reps-big N      rounds for sizes above 4 million (default: --reps)
#   --no-profile      skip step 6
#   --no-dialects     skip step 3
#   --no-markdown     do not touch BENCHMARKS.md (results/summary.md only)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data="$here/data"
results="$here/results"
sizes="500000 2000000 8000000"
reps=3
reps_big=
profile=1
dialects=1
markdown=1
year=2024
seed=1
only=epp_pmi_coverage,bsem_coverage,vad_child_share,ip_eval_3m_rate

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
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
    rev=$(git -C "$root" rev-parse HEAD)
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
opts=(--only "$only")
if "$indicore" run --help 2>&1 | grep -q -- --no-suppression; then
  opts+=(--no-suppression)     # small-count suppression would hide the strata we compare
fi

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
say "data sets"
: > "$results/sizes.csv"
for n in $sizes; do
  generate "$data/acts-$n" --acts "$n" --seed "$seed" --year "$year" --dialect iso
  rows=$(($(wc -l < "$data/acts-$n/pmi_acts.csv") - 1))
  bytes=$(cat "$data/acts-$n"/*.csv | wc -c)
  acts_bytes=$(wc -c < "$data/acts-$n/pmi_acts.csv")
  echo "$n,$rows,$bytes,$acts_bytes" >> "$results/sizes.csv"
  awk -v n="$n" -v r="$rows" -v b="$bytes" 'BEGIN { printf "  acts-%s: %d PMI acts, %.1f MB of CSV\n", n, r, b / 1e6 }' >&2
done

# ------------------------------------------------------------ 3. dialects
if [ "$dialects" = 1 ]; then
  say "dialects (engine figures in fr, iso, cp1252, quoted)"
  : > "$results/dialects.txt"
  for d in fr iso cp1252 quoted; do
    generate "$data/dialect-$d" --acts 200000 --seed "$seed" --year "$year" --dialect "$d" --names fr
    "$indicore" run --data "$data/dialect-$d" --year "$year" --department FR "${opts[@]}" \
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
measure() {   # measure SIZE TOOL REP COMMAND...
  local n=$1 tool=$2 rep=$3; shift 3
  local t="$results/.time" rc=0
  /usr/bin/time -f '%e %M %U %S' -o "$t" "$@" || rc=$?
  read -r wall kb user sys < <(tail -1 "$t")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$n,$tool,$rep,$wall,$kb,$rc,$cpu" >> "$results/runs.csv"
  printf '  %-8s %-7s rep %s: %7.2f s (cpu %6.2f s) %9d KB%s\n' "$n" "$tool" "$rep" "$wall" "$cpu" "$kb" \
    "$([ "$rc" = 0 ] || echo "  exit $rc")" >&2
}
echo "acts,tool,rep,wall_s,max_rss_kb,exit,cpu_s" > "$results/runs.csv"
for n in $sizes; do
  dir="$data/acts-$n"
  r=$reps
  [ "$n" -le 4000000 ] || r=$reps_big
  say "acts-$n: $r rounds"
  cat "$dir"/*.csv > /dev/null     # the same warm page cache for every tool
  for rep in $(seq 1 "$r"); do
    measure "$n" indicore "$rep" sh -c '"$@" 2> "$0"' "$results/engine-$n.log" "$indicore" run --data "$dir" \
      --year "$year" --department FR --department-name France "${opts[@]}" --out "$results/engine-$n.json"
    measure "$n" duckdb "$rep" sh -c 'node "$1/duckdb.mjs" "$2" "$3" > "$4"' sh "$here" "$dir" "$year" "$results/duckdb-$n.csv"
    measure "$n" sqlite "$rep" sh -c 'cd "$2" && sqlite3 -cmd ".parameter set @y $3" :memory: < "$1/sqlite.sql" > "$4"' \
      sh "$here" "$dir" "$year" "$results/sqlite-$n.csv"
  done
  python3 "$here/compare.py" "$results/engine-$n.json" duckdb="$results/duckdb-$n.csv" \
    sqlite="$results/sqlite-$n.csv" > "$results/agreement-$n.txt" || true
  cat "$results/agreement-$n.txt" >&2
done
rm -f "$results/.time"

# ------------------------------------------------------------ 6. profile
if [ "$profile" = 1 ]; then
  set -- $sizes
  pn=2000000
  [ -d "$data/acts-$pn" ] || pn=$1
  say "profile (acts-$pn)"
  rm -f "$results"/perf-*.txt "$results"/callgrind-*.txt
  if perf record -q -o "$results/perf.data" -- "$indicore" run --data "$data/acts-$pn" --year "$year" \
       --department FR "${opts[@]}" --out /dev/null 2>/dev/null \
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
    pn=$1
    valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$results/callgrind.%p" \
      "$indicore" run --data "$data/acts-$pn" --year "$year" --department FR "${opts[@]}" --out /dev/null 2>/dev/null
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
