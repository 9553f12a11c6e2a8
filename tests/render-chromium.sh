#!/bin/sh
# The HTML report in a real browser: Debian's chromium, headless. Renders
# the golden bundles (tests/golden: 2024 with 2023 and 2022) and the Creuse
# example computed by the engine for 2022, 2023 and 2024 (each year with the
# years before as --previous), loads each page, and checks from the DOM the
# browser built that it has the expected elements (the 95 % intervals, the
# tested changes, the trend), that the browser logged nothing from the page
# (a refused load, a parse error), and that a screenshot comes out. Then,
# with node (tests/measure-page.js drives Chromium through the DevTools
# protocol), each page at a desktop's 1 366 px and a phone's 390 px: the page
# does not scroll sideways and no chart text is drawn under 10 px. And the
# golden page printed to PDF has its page numbers and running header (with
# pdftotext, when installed). The page of the hand-written bundle of counts
# and breakdowns (tests/fixtures/bundles/) is checked as the others.
# TAP output.
#
#   render-chromium.sh INDICORE SOURCE_DIR [CHROMIUM]
#
# INDICORE is the built program: it finds the built plugins by itself. With
# IC_KEEP_SCREENSHOTS=DIR, the screenshots (also cut in parts of 1 400 px)
# and the PDF are copied there to be looked at.
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
    --disable-component-update --disable-sync --disable-quic --no-first-run --user-data-dir="$profile" \
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

# measured NAME JSON EXPRESSION: EXPRESSION (JavaScript, over the measures
# m) holds; the measures are printed when it does not.
measured () {
  node -e 'const m = JSON.parse(process.argv[1]); if (!eval(process.argv[2])) { console.log(process.argv[1]); process.exit(1); }' \
    "$2" "$3"
}

# check_widths NAME HTML: the page at a desktop's and a phone's width.
check_widths () {
  name=$1 html=$2
  for width in 1366 390; do
    if [ -z "$node" ]; then
      n=$((n + 3)); echo "ok $((n - 2)) # SKIP $name at $width px: no node"
      echo "ok $((n - 1)) # SKIP"; echo "ok $n # SKIP"; continue
    fi
    profile=$(mktemp -d "$work/profile.XXXXXX")
    measures=$(IC_SCREENSHOT_PARTS=${IC_KEEP_SCREENSHOTS:+1} timeout 120 "$node" "$source_dir/tests/measure-page.js" \
      "$chromium" "file://$html" "$width" "$work/$name-$width.png" "$profile" 2>&1)
    check "$name at $width px: measured, a screenshot" sh -c "
      test \$(wc -c <'$work/$name-$width.png' 2>/dev/null || echo 0) -gt 20000"
    check "$name at $width px: the page does not scroll sideways" measured "$name" "$measures" \
      "m.scrollWidth <= $width && m.innerWidth === $width"
    check "$name at $width px: no chart text under 10 px" measured "$name" "$measures" "m.texts > 0 && m.smallest >= 10"
  done
}

node=$(command -v node || true)
echo "1..49"
check "the golden bundles render as HTML" \
  "$indicore" render "$golden/bundle-2024.json" --previous "$golden/bundle-2023.json" \
    --previous "$golden/bundle-2022.json" --format html --out "$work/golden.html"
check_page golden "$golden/bundle-2024.json" "$work/golden.html"
# the golden page has six indicators and eight charts (test-render.c says why)
check "golden: six indicators, eight charts" sh -c "
  test \$(grep -o -F '<section class=\"indicator\"' '$work/golden.dom' | wc -l) -eq 6 &&
  test \$(grep -o -F '<svg class=\"chart\" role=\"img\"' '$work/golden.dom' | wc -l) -eq 8"

check_widths golden "$work/golden.html"

# Printed: « Page 1 sur N » at the bottom of each page, the report's name at
# the top of each page but the first.
browse --no-pdf-header-footer --print-to-pdf="$work/golden.pdf" "file://$work/golden.html" >/dev/null 2>&1
check "golden: printed to PDF" test "$(wc -c <"$work/golden.pdf" 2>/dev/null || echo 0)" -gt 20000
if command -v pdftotext >/dev/null; then
  pdftotext -layout "$work/golden.pdf" "$work/golden.txt"
  pages=$(pdfinfo "$work/golden.pdf" | sed -n 's/^Pages: *//p')
  check "golden: the PDF's pages ($pages) numbered, with the running header" sh -c "
    test $pages -ge 2 &&
    test \$(grep -c 'Page [0-9]* sur $pages' '$work/golden.txt') -eq $pages &&
    test \$(grep -c 'Indicateurs 2024 — Creuse (23)' '$work/golden.txt') -ge $((pages - 1))"
else
  n=$((n + 1)); echo "ok $n # SKIP the PDF's text: no pdftotext"
fi

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
check_widths creuse "$work/creuse.html"
intervals=$(count '"ci95": [' "$work/creuse-2024.json")
check "creuse: the 95 % interval beside each value that has one ($intervals)" sh -c "
  test $intervals -ge 1 &&
  test \$(grep -o -F '<span class=\"ci\">[<abbr title=\"intervalle de confiance à 95 %\">IC à 95 %</abbr> : ' \
    '$work/creuse.dom' | wc -l) -eq $intervals"
tests=$(grep -o -E '"significant": (true|false)' "$work/creuse-2024.json" | wc -l)
check "creuse: each tested change said significant or not at 5 % ($tests)" sh -c "
  test $tests -ge 1 &&
  test \$(grep -o -F 'significative au seuil de 5 % (p ' '$work/creuse.dom' | wc -l) -eq $tests"
check "creuse: compared with 2022 and 2023, a trend from 2022 to 2024" sh -c "
  grep -q -F 'année 2024, comparée à 2022, 2023' '$work/creuse.dom' &&
  grep -q -E 'id=\"c[0-9]+-trend-title\">[^<]*, évolution de 2022 à 2024</title>' '$work/creuse.dom'"

# A bundle of version 1.1 written by hand: counts (no % on their axes) and
# breakdowns, a table each under the territories, that fits a phone too.
kinds=$source_dir/tests/fixtures/bundles/nord-2025.json
check "the bundle of counts and breakdowns renders as HTML" \
  "$indicore" render "$kinds" --format html --out "$work/kinds.html"
check_page kinds "$kinds" "$work/kinds.html"
check "kinds: a table per breakdown (2), none in the other pages" sh -c "
  test \$(grep -o -F '<table class=\"breakdown\">' '$work/kinds.dom' | wc -l) -eq 2 &&
  ! grep -q -F 'class=\"breakdown\"' '$work/golden.dom' '$work/creuse.dom'"
check_widths kinds "$work/kinds.html"

if [ -n "${IC_KEEP_SCREENSHOTS:-}" ]; then
  mkdir -p "$IC_KEEP_SCREENSHOTS" && cp "$work"/*.png "$work"/*.pdf "$IC_KEEP_SCREENSHOTS"/
fi
exit $failed
