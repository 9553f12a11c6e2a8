#!/usr/bin/env bash
# The user-facing reference against the program: bash completion (sourced in
# bash, a few completions checked), docs/fr (every column and code of the
# schema, every indicator, valid examples) and the manual pages (built, and
# naming every command and option that `indicore COMMAND --help` lists).
# Usage: docs.sh INDICORE SOURCE_DIR [MAN_PAGE...]   (TAP on stdout)
set -uo pipefail
indicore=$1
source_dir=$2
shift 2
man_pages=("$@")
export LC_ALL=C.UTF-8 LANGUAGE= INDICORE_PLUGIN_PATH=

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }
check () { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got:      $3"; fi
}

# The commands of `indicore --help`, and the options of `indicore CMD --help`
# (long options only; -h, --help is every command's).
commands=$("$indicore" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' | sort | tr '\n' ' ')
options_of () { { "$indicore" "$1" --help | grep -oE '^  --[a-z-]+'; echo --help; } | tr -d ' ' | sort | tr '\n' ' '; }

# Completes the words given, the last one being completed; prints the
# candidates sorted, space-separated.
source "$source_dir/contrib/bash-completion/indicore"
complete_words () {
  COMP_WORDS=("$indicore" "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _indicore
  printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' '
}

check "completion: commands are those of --help" \
  "$(echo "$commands --help --version" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')" "$(complete_words '')"
check "completion: 're' completes to render" "render " "$(complete_words re)"
for cmd in run validate render describe list new-plugin; do
  check "completion: options of $cmd are those of its --help" "$(options_of "$cmd")" "$(complete_words "$cmd" --)"
done
check "completion: run --no- gives both --no- options" "--no-isolation --no-suppression " "$(complete_words run --no-)"
check "completion: render --format gives the five formats" "csv html md solen text " "$(complete_words render x.json --format '')"
check "completion: render --format=h gives html" "html " "$(complete_words render --format = h)"
check "completion: describe's ids come from indicore list" "bsem_coverage bsem_followup_rate " "$(complete_words describe bsem)"
check "completion: run --only completes the last id of a list" \
  "epp_pmi_coverage,vad_child_share " "$(complete_words run --only epp_pmi_coverage,vad)"

# docs/fr against the code: every file, column and code of the schemas
# (tables/*.json and plugins/tables/*.json) named in the data format, every indicator described, and
# the example files of the data format valid.
format=$source_dir/docs/fr/format-des-donnees.md
schema=$source_dir/tables
missing=""
schema_words() {
  python3 -c 'import json, sys
for path in sorted(sys.argv[2:]):
    t = json.load(open(path))
    if sys.argv[1] == "files": print(t["file"])
    for c in t["columns"]:
        if sys.argv[1] == "columns": print(c["name"])
        if sys.argv[1] == "codes": print("\n".join(c.get("codes", [])))' "$1" "$schema"/*.json "$source_dir"/plugins/tables/*.json
}
files=$(schema_words files)
columns=$(schema_words columns | sort -u)
codes=$(schema_words codes | sort -u)
[ "$(echo $files | wc -w)" -ge 5 ] && [ "$(echo $columns | wc -w)" -ge 20 ] && [ "$(echo $codes | wc -w)" -ge 16 ] \
  || not_ok "docs/fr: the schema's files, columns and codes are found in $schema"
for word in $files $columns $codes; do
  grep -qF "\`$word\`" "$format" || missing+="$word "
done
check "docs/fr: the data format names every file, column and code of the schema" "" "$missing"
missing=""
for definition in "$source_dir"/indicators/*.json; do
  id=$(basename "$definition" .json)
  grep -qF "(\`$id\`)" "$source_dir/docs/fr/indicateurs.md" || missing+="$id "
done
check "docs/fr: every indicator of indicators/ is described" "" "$missing"
examples=$(mktemp -d)
trap 'rm -rf "$examples"' EXIT
# Each fenced block without a language whose first line is a header of the
# schema becomes that file.
awk -v dir="$examples" '
  /^```/ { if (inside) { inside = 0; out = "" } else { inside = 1; first = 1 } next }
  inside && first { first = 0; split($0, f, ";")
    file = f[1] == "birth_id" ? "births.csv" : f[1] == "act_id" ? "pmi_acts.csv" : f[1] == "ip_id" ? "ip.csv" : f[1] == "population" ? "populations.csv" : f[1] == "referral_id" ? "bsem_referrals.csv" : ""
    out = file == "" ? "" : dir "/" file }
  inside && out != "" { print > out }' "$format"
validation=$("$indicore" validate --data "$examples" 2>&1; echo "exit $?")
check "docs/fr: the five example files of the data format are valid" \
  "births.csv bsem_referrals.csv ip.csv pmi_acts.csv populations.csv exit 0" \
  "$(ls "$examples" | tr '\n' ' ')$(echo "$validation" | grep -v absent | tail -n 1)"

if [ ${#man_pages[@]} -eq 0 ]; then
  n=$((n + 1)); echo "ok $n - manual pages # SKIP not built (scdoc not found)"
else
  for page in "${man_pages[@]}"; do
    name=${page#"$PWD/"}
    if [ -s "$page" ] && grep -q '^\.TH "indicore" "1"' "$page"; then ok "$name: built"; else not_ok "$name: built"; fi
    left=$(grep -o '@[a-z_]*@' "$page" | sort -u | tr '\n' ' ')
    check "$name: every @variable@ filled in" "" "$left"
    missing=""
    for cmd in $commands; do
      [ "$cmd" = help ] && continue
      grep -q "fB$cmd\\\\fR" "$page" || missing+="$cmd "
      for option in $(options_of "$cmd"); do
        grep -q -- "fB$option\\\\fR" "$page" || missing+="$cmd:$option "
      done
    done
    check "$name: names every command and option of --help" "" "$missing"
    if command -v groff >/dev/null; then
      warnings=$(groff -man -ww -z -K utf8 "$page" 2>&1)
      check "$name: groff reads it without warnings" "" "$warnings"
    fi
  done
fi

echo "1..$n"
exit $failed
