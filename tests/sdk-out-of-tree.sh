#!/bin/sh
# The plugin SDK as an outside author uses it: the engine installed into a
# temporary prefix, then plugins built against the installed header and
# pkg-config file only, in folders outside the source tree. TAP output.
set -u
source_dir=$1
# The messages checked below are the English ones, whatever the machine's language.
export LC_ALL=C.UTF-8 LANGUAGE=
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check () { desc=$1; shift; if "$@" >"$work/last.log" 2>&1; then ok "$desc"; else not_ok "$desc"; sed 's/^/# /' "$work/last.log"; fi; }
header=$source_dir/include/indicore/indicore-plugin.h
abi="$(sed -n 's/^#define IC_ABI_MAJOR //p' "$header").$(sed -n 's/^#define IC_ABI_MINOR //p' "$header")"

echo "1..18"
prefix=$work/prefix
# The libdir of the platform (lib/x86_64-linux-gnu on Debian), as an outside
# author installs it; the guide says how to find its pkgconfig folder.
check "engine builds and installs into a temporary prefix" \
  sh -c "meson setup '$work/build' '$source_dir' --prefix='$prefix' -Dbuildtype=plain && ninja -C '$work/build' install"
indicore=$prefix/bin/indicore
# The core closed to change: nothing below may alter the installed engine.
sha256sum "$indicore" > "$work/engine.sha256"
# The guide's recipe (docs/writing-a-plugin.md, quick start).
PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name indicore-plugin.pc)")
PATH=$prefix/bin:$PATH
export PKG_CONFIG_PATH PATH
plugindir=$(pkg-config --variable=plugindir indicore-plugin 2>/dev/null)
check "pkg-config knows indicore-plugin and its plugin directory" \
  sh -c "case '$plugindir' in '$prefix'/lib/*indicore/plugins) test -d '$plugindir';; *) false;; esac"

# The two new indicators, as they were first developed: out of the tree.
rm -f "$plugindir/epnp_pmi_coverage.so" "$plugindir/consultation_child_share.so"
mkdir -p "$work/outside"
for id in epnp_pmi_coverage consultation_child_share; do
  cp -r "$source_dir/plugins/$id" "$source_dir/plugins/common" "$work/outside/"
  cp "$source_dir/indicators/$id.json" "$work/outside/"
done
check "the two new indicators build with cc and pkg-config alone" sh -c "
  cd '$work/outside' &&
  cc -std=c11 -Wall -Wextra -Wpedantic -Werror -shared -fPIC -o epnp_pmi_coverage.so epnp_pmi_coverage/epnp_pmi_coverage.c \$(pkg-config --cflags --libs indicore-plugin) &&
  cc -std=c11 -Wall -Wextra -Wpedantic -Werror -shared -fPIC -o consultation_child_share.so consultation_child_share/consultation_child_share.c \$(pkg-config --cflags --libs indicore-plugin)"
# Creuse 2024 (examples/creuse-2024/README.md): 120 women with an EPNP by the
# PMI over 770 births = 15.58 -> 15.6; 400 children under two at a PMI
# consultation over 1560 = 25.64 -> 25.6.
check "the installed engine computes them from outside the tree" sh -c "
  '$indicore' run --data '$source_dir/examples/creuse-2024' --year 2024 --department 23 \
    --plugins '$work/outside' --out '$work/creuse.json' &&
  grep -A 20 '\"id\": \"epnp_pmi_coverage\"' '$work/creuse.json' | grep -q '\"value\": 15.6,' &&
  grep -A 20 '\"id\": \"consultation_child_share\"' '$work/creuse.json' | grep -q '\"value\": 25.6,'"

# The scaffold, from nothing to an indicator in the bundle: the guide's
# quick start, the engine finding the definition in build/.
check "indicore new-plugin writes a plugin folder" "$indicore" new-plugin my_indicator --dir "$work/scaffold"
check "the scaffold builds and its own test passes" sh -c "
  cd '$work/scaffold/my_indicator' && meson setup build >/dev/null && meson test -C build"
check "the scaffold's indicator appears in a bundle, run with --plugins build" sh -c "
  cd '$work/scaffold/my_indicator' &&
  '$indicore' run --data data --year 2024 --department 23 --plugins build --out '$work/s.json' &&
  grep -q '\"id\": \"my_indicator\"' '$work/s.json' && grep -q '\"value\": 33.3,' '$work/s.json'"
# A call without its declaration, a symbol nothing defines: the scaffold's
# build refuses both (-Werror=implicit-function-declaration, -Wl,-z,defs).
# $1 appended to the scaffold's source must fail its build with $2 in the log.
build_fails_with () {
  { cat good.c; echo "$1"; } > my_indicator.c
  if ninja -C build > build.log 2>&1; then echo "built with: $1"; return 1; fi
  grep -q "$2" build.log || { cat build.log; return 1; }
}
strict_build () (
  cp -r "$work/scaffold/my_indicator" "$work/strict" && cd "$work/strict" && rm -rf build &&
  meson setup build && cp my_indicator.c good.c &&
  build_fails_with 'int f (void) { return undeclared (); }' 'implicit declaration of function .undeclared' &&
  build_fails_with 'extern int undefined_here (void); int f (void) { return undefined_here (); }' \
    'undefined reference to .undefined_here' &&
  cp good.c my_indicator.c && ninja -C build
)
check "the scaffold's build refuses an undeclared function and an undefined symbol" strict_build
# Installed, then a development copy given with --plugins: it is the one
# used, a warning names both, and the exit status stays 0.
check "a development copy overrides the installed plugin, with a warning" sh -c "
  cd '$work/scaffold/my_indicator' && meson install -C build >/dev/null &&
  test -f '$plugindir/my_indicator.so' && test -f '$plugindir/my_indicator.json' &&
  '$indicore' run --data data --year 2024 --department 23 --plugins build --only my_indicator \
    --out '$work/dev.json' 2> '$work/dev.err' &&
  grep -q 'build/my_indicator.so overrides $plugindir/my_indicator.so, of the same id \"my_indicator\"' '$work/dev.err' &&
  grep -q '\"plugins_refused\": \[\]' '$work/dev.json'"

# A plugin with its own table, scaffolded: tables/NAME.json, data/NAME.csv,
# a rate its test checks (3/5 = 60.0 %, worked out in test-my_rate.sh).
check "indicore new-plugin --table writes a plugin with its own table" sh -c "
  '$indicore' new-plugin my_rate --table visits --dir '$work/scaffold' &&
  test -f '$work/scaffold/my_rate/tables/visits.json' && test -f '$work/scaffold/my_rate/data/visits.csv'"
check "the --table scaffold builds and its own test passes" sh -c "
  cd '$work/scaffold/my_rate' && meson setup build >/dev/null && meson test -C build"

# A plugin built against an older ABI major: refused, with the reason.
cat > "$work/old.c" <<'SRC'
#include <indicore/indicore-plugin.h>
static gboolean compute (const IcApi *api, IcContext *ctx, GError **error)
{ (void) api; (void) ctx; (void) error; return TRUE; }
static const char *const tables[] = { "pmi_acts", NULL };
IC_PLUGIN_EXPORT const IcPluginDescriptor ic_plugin_descriptor = {
  IC_PLUGIN_MAGIC, sizeof (IcPluginDescriptor), 0, 9, "old_plugin", "0.1", tables, NULL, compute
};
SRC
mkdir "$work/old"
check "a plugin of an older ABI major builds" sh -c "cc -shared -fPIC -o '$work/old/old_plugin.so' '$work/old.c' \$(pkg-config --cflags --libs indicore-plugin)"
check "and is refused with a clear reason, in the terminal's language" sh -c "
  '$indicore' list --plugins '$work/old' > '$work/list.txt'; test \$? -eq 1 &&
  grep -q 'old_plugin.so: built for plugin ABI 0.9, while this engine has ABI $abi: rebuild it' '$work/list.txt'"
check "and in French in a bundle, whatever the locale" sh -c "
  '$indicore' run --data '$work/scaffold/my_indicator/data' --year 2024 --department 23 --plugins '$work/old' \
    --out '$work/old.json'; test \$? -eq 1 &&
  grep -q 'construit pour l.ABI de module 0.9, alors que ce moteur a l.ABI $abi : à recompiler' '$work/old.json'"

# The core closed to change: a plugin package bringing a table the engine has
# never seen, built with the installed SDK only, outside the tree.
pkg=$work/vaccinations-package
mkdir -p "$pkg/tables" "$work/vaccinations-data"
cat > "$pkg/tables/vaccinations.json" <<'JSON'
{
  "name": "vaccinations",
  "file": "vaccinations.csv",
  "words": "les vaccinations",
  "dated_by": "vaccination_date",
  "columns": [
    {"name": "vaccination_id", "kind": "row_id", "required": true},
    {"name": "vaccination_date", "kind": "date", "required": true},
    {"name": "child_id", "kind": "person_id", "required": true},
    {"name": "vaccine", "kind": "code", "required": true, "codes": ["DTP", "ROR", "HEXA"]},
    {"name": "territory", "kind": "territory"}
  ]
}
JSON
cat > "$pkg/ror_share.json" <<'JSON'
{
  "id": "ror_share",
  "version": "1.0.0",
  "title": "Part des enfants vaccinés dans l'année qui ont reçu le ROR",
  "period": "calendar_year",
  "unit": "%",
  "target": null,
  "numerator": "les enfants distincts ayant reçu le ROR dans l'année",
  "denominator": "les enfants distincts ayant reçu un vaccin dans l'année",
  "text_fr": "{num} {num:enfant a|enfants ont} reçu le ROR en {Y} sur {den} {den:enfant vacciné|enfants vaccinés}, soit {value} %"
}
JSON
cat > "$pkg/ror_share.c" <<'SRC'
/* ror_share: distinct children given the ROR vaccine in the year, over the
 * distinct children given any vaccine in the year (vaccinations.csv). */
#include <indicore/indicore-plugin.h>

static gboolean
compute (const IcApi *api, IcContext *ctx, GError **error)
{
  const char *t = "vaccinations";
  gint64 n = api->table_rows (ctx, t);
  const gint32 *date = api->dates (ctx, t, "vaccination_date");
  const guint16 *vaccine = api->codes (ctx, t, "vaccine");
  const guint16 *territory = api->territories (ctx, t);
  guint32 n_children;
  const guint32 *child = api->ids (ctx, t, "child_id", &n_children);
  int ror = api->code_lookup (ctx, t, "vaccine", "ROR");
  IcDistinct *vaccinated, *given_ror;
  gint32 first, last;

  if (!date || !vaccine || !territory || !child)
    {
      g_set_error_literal (error, g_quark_from_static_string ("ror_share"), 1, "colonne absente");
      return FALSE;
    }
  vaccinated = api->distinct_new (ctx, n_children);
  given_ror = api->distinct_new (ctx, n_children);
  api->period (ctx, &first, &last);
  for (gint64 i = 0; i < n; i++)
    if (date[i] >= first && date[i] <= last)
      {
        api->distinct_add (vaccinated, child[i], territory[i]);
        if (vaccine[i] == ror)
          api->distinct_add (given_ror, child[i], territory[i]);
      }
  api->set_counts (ctx, (gint64) api->distinct_total (given_ror), (gint64) api->distinct_total (vaccinated));
  return TRUE;
}

static const char *const tables[] = { "vaccinations", NULL };

IC_PLUGIN_DEFINE ("ror_share", "1.0.0", tables, NULL, compute)
SRC
# 2024: children C1 (DTP, ROR), C2 (DTP twice: once), C3 (ROR on 31
# December), C6 (HEXA, no territory: in the total), C7 (ROR twice: once) =
# 5 vaccinated; C1, C3, C7 given the ROR = 3. C4 (1 January 2025) and C5
# (12 December 2023) are outside 2024. 3/5 = 60.0 %.
cat > "$work/vaccinations-data/vaccinations.csv" <<'CSV'
vaccination_id;vaccination_date;child_id;vaccine;territory
V1;15/01/2024;C1;DTP;Nord
V2;20/02/2024;C1;ROR;Nord
V3;01/03/2024;C2;DTP;Sud
V4;31/12/2024;C3;ROR;Sud
V5;01/01/2025;C4;ROR;Nord
V6;10/05/2024;C2;DTP;Sud
V7;12/12/2023;C5;ROR;Nord
V8;02/07/2024;C6;HEXA;
V9;03/03/2024;C7;ROR;Nord
V10;04/04/2024;C7;ROR;Nord
CSV
check "a plugin package with a table of its own builds with cc and pkg-config alone" sh -c "
  cd '$pkg' && cc -std=c11 -Wall -Wextra -Wpedantic -Werror -Werror=implicit-function-declaration -Wl,-z,defs \
    -shared -fPIC -o ror_share.so ror_share.c \$(pkg-config --cflags --libs indicore-plugin)"
check "validate reads the unseen table from the package's schema" sh -c "
  INDICORE_PLUGIN_PATH='$pkg' '$indicore' validate --data '$work/vaccinations-data' > '$work/validate.txt' &&
  grep -q 'vaccinations.csv' '$work/validate.txt'"
check "the installed engine computes the indicator over it: 3/5 = 60.0 %" sh -c "
  '$indicore' run --data '$work/vaccinations-data' --year 2024 --department 23 --plugins '$pkg' \
    --only ror_share --out '$work/vaccinations.json' &&
  grep -A 30 '\"id\": \"ror_share\"' '$work/vaccinations.json' > '$work/ror.txt' &&
  grep -q '\"status\": \"ok\"' '$work/ror.txt' && grep -q '\"numerator\": 3,' '$work/ror.txt' &&
  grep -q '\"denominator\": 5,' '$work/ror.txt' && grep -q '\"value\": 60,' '$work/ror.txt' &&
  grep -q '\"file\": \"vaccinations.csv\"' '$work/vaccinations.json'"
check "the installed engine binary is unchanged (sha256)" sha256sum -c "$work/engine.sha256"
exit $failed
