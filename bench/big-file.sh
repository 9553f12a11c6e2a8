#!/usr/bin/env bash
# A well-formed file over 2 GiB is read like a small one (issue 5): no
# 32-bit overflow in offsets, line numbers or counts. Writes about 3.2 GB
# into bench/data/big/ (or $1), then checks what the engine says of it.
# Not in the test suite: it takes a minute and the disk space.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-bench/data/big}
rows=${ROWS:-56000000}
mkdir -p "$dir"
scripts/build build

if [ ! -f "$dir/pmi_acts.csv" ] || [ "$(wc -l <"$dir/pmi_acts.csv")" -ne $((rows + 1)) ]; then
  echo "writing $rows PMI acts into $dir/pmi_acts.csv"
  # Each act of woman W(i mod 1000000), on 1 February 2024, by the PMI;
  # padded so that the file passes 2 GiB.
  awk -v n="$rows" 'BEGIN {
      print "act_id;act_type;act_date;person_id;person_birth_date;provider;professional;territory";
      for (i = 1; i <= n; i++)
        printf "ACT-%012d;EPP;01/02/2024;WOMAN-%07d;;PMI;SF;T%d\n", i, i % 1000000, i % 5;
    }' >"$dir/pmi_acts.csv"
  printf 'population;period;territory;value;source\nbirths;2024;;4000000;test\n' >"$dir/populations.csv"
fi
size=$(stat -c %s "$dir/pmi_acts.csv")
echo "pmi_acts.csv: $size bytes ($((size / 1024 / 1024)) MiB), $rows rows"
[ "$size" -gt 2147483648 ] || { echo "the file is not over 2 GiB"; exit 1; }

out=$(mktemp)
/usr/bin/time -f '%e s, peak %M KB' ./build/indicore validate --data "$dir" | tee "$out"
grep -q "pmi_acts.csv     valid, $rows rows" "$out"
/usr/bin/time -f '%e s, peak %M KB' ./build/indicore run --data "$dir" --year 2024 --department 99 \
  --only epp_pmi_coverage --out "$out"
# 1 000 000 distinct women over 4 000 000 births: 25.0 %.
grep -q '"numerator": 1000000,' "$out"
grep -q '"denominator": 4000000,' "$out"
grep -q "\"rows\": $rows," "$out"
rm -f "$out"
echo "big file: read like a small one"
