#!/bin/sh
# The HTML report in a real browser: Debian's chromium, headless. Renders
# the golden bundles (tests/golden: 2024 with 2023 and 2022) and the Creuse
# example computed by the engine for 2022, 2023 and 2024 (each year with the
# years before as --previous), loads each page, and checks from the DOM the
# browser built that it has the expected elements (the 95 % intervals, the
# tested changes, the trend), that the browser logged nothing from the page
# (a refused load, a parse error), and that a screenshot comes out. TAP
# output.
#
#   render-chromium.sh INDICORE SOURCE_DIR [CHROMIUM]
#
# INDICORE is the built program: it finds the built plugins by itself. With
# IC_KEEP_SCREENSHOTS=DIR, the screenshots are copied there to be looked at.
set -u
indicore=$1
source_dir=$2
chromium=${3:-chromium}
golden=$source_dir/tests/golden
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check () { desc=$1; shift; if "$@" >"$work/last.log" 2>&1; then ok "$desc"; else not_ok "$desc"; sed 's/^/# /' "$work/last.log"; fi; }

# One headless browser run: no network service, no profile, no sandbox (the
# tests may run as root in a container).
browse () {
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@"
}

# count PATTERN FILE: occurrences (not lines) of a fixed string.
count () { grep -o -F -- "$1" "$2" | wc -l; }

# check_page NAME BUNDLE HTML: loads HTML and checks its DOM against BUNDLE.
check_page () {
  name=$1 bundle=$2 html=$3
  indicators=$(count '"text_fr":' "$bundle")
  browse --dump-dom "file://$html" >"$work/$name.dom" 2>"$work/$name.log"
  check "$name: chromium loads the page" test -s "$work/$name.dom"
  check "$name: lang=fr and the title" sh -c "
    grep -q -F '<html lang=\"fr\">' '$work/$name.dom' &&
    grep -q -F '<title>Indicateurs ' '$work/$name.dom'"
  check "$name: one section per indicator ($indicators)" \
    test "$(count '<section class="indicator"' "$work/$name.dom")" -eq "$indicators"
  svgs=$(count '<svg class="chart" role="img"' "$work/$name.dom")
  check "$name: charts in SVG ($svgs), each with its title and description" sh -c "
    test $svgs -ge 1 &&
    test \$(grep -o -F -- '<title id=\"' '$work/$name.dom' | wc -l) -eq $svgs &&
    test \$(grep -o -F -- '<desc id=\"' '$work/$name.dom' | wc -l) -eq $svgs &&
    test \$(grep -o -F -- '<table class=\"visually-hidden\">' '$work/$name.dom' | wc -l) -eq $svgs"
  # The page logs nothing: no script, no refused load, no error.
  check "$name: nothing logged by the page" sh -c "! grep -E 'CONSOLE|Refused to|Uncaught' '$work/$name.log'"
  browse --screenshot="$work/$name.png" --window-size=1200,2400 "file://$html" >/dev/null 2>&1
  check "$name: a screenshot" test "$(wc -c <"$work/$name.png" 2>/dev/null || echo 0)" -gt 20000
}

echo "1..21"
check "the golden bundles render as HTML" \
  "$indicore" render "$golden/bundle-2024.json" --previous "$golden/bundle-2023.json" \
    --previous "$golden/bundle-2022.json" --format html --out "$work/golden.html"
check_page golden "$golden/bundle-2024.json" "$work/golden.html"
# the golden page has six indicators and eight charts (test-render.c says why)
check "golden: six indicators, eight charts" sh -c "
  test \$(grep -o -F '<section class=\"indicator\"' '$work/golden.dom' | wc -l) -eq 6 &&
  test \$(grep -o -F '<svg class=\"chart\" role=\"img\"' '$work/golden.dom' | wc -l) -eq 8"

# The example has data for 2023 and part of 2022 (every indicator of 2022
# is not available): 2024 compared with both.
run_creuse () {
  year=$1; shift
  "$indicore" run --data "$source_dir/examples/creuse-2024" --year "$year" --department 23 \
    --department-name Creuse --out "$work/creuse-$year.json" "$@" >/dev/null
}
check "the Creuse example computes 2022" run_creuse 2022
check "the Creuse example computes 2023 with 2022" run_creuse 2023 --previous "$work/creuse-2022.json"
check "the Creuse example computes 2024 with 2023 and 2022" \
  run_creuse 2024 --previous "$work/creuse-2023.json" --previous "$work/creuse-2022.json"
# render refuses earlier bundles that contradict the bundle's own trend
check "Creuse 2024 renders as HTML with 2023 and 2022" \
  "$indicore" render "$work/creuse-2024.json" --previous "$work/creuse-2023.json" \
    --previous "$work/creuse-2022.json" --format html --out "$work/creuse.html"
check_page creuse "$work/creuse-2024.json" "$work/creuse.html"
intervals=$(count '"ci95": [' "$work/creuse-2024.json")
check "creuse: the 95 % interval beside each value that has one ($intervals)" sh -c "
  test $intervals -ge 1 &&
  test \$(grep -o -F '<span class=\"ci\">[<abbr title=\"intervalle de confiance à 95 %\">IC 95 %</abbr> : ' \
    '$work/creuse.dom' | wc -l) -eq $intervals"
tests=$(grep -o -E '"significant": (true|false)' "$work/creuse-2024.json" | wc -l)
check "creuse: each tested change said significant or not at 5 % ($tests)" sh -c "
  test $tests -ge 1 &&
  test \$(grep -o -F 'significative au seuil de 5 % (p ' '$work/creuse.dom' | wc -l) -eq $tests"
check "creuse: compared with 2022 and 2023, a trend from 2022 to 2024" sh -c "
  grep -q -F 'année 2024, comparée à 2022, 2023' '$work/creuse.dom' &&
  grep -q -E 'id=\"c[0-9]+-trend-title\">[^<]*, évolution de 2022 à 2024</title>' '$work/creuse.dom'"

if [ -n "${IC_KEEP_SCREENSHOTS:-}" ]; then
  mkdir -p "$IC_KEEP_SCREENSHOTS" && cp "$work"/*.png "$IC_KEEP_SCREENSHOTS"/
fi
exit $failed
