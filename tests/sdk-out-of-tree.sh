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

echo "1..10"
prefix=$work/prefix
check "engine builds and installs into a temporary prefix" \
  sh -c "meson setup '$work/build' '$source_dir' --prefix='$prefix' --libdir=lib -Dbuildtype=plain && ninja -C '$work/build' install"
indicore=$prefix/bin/indicore
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
plugindir=$(pkg-config --variable=plugindir indicore-plugin 2>/dev/null)
check "pkg-config knows indicore-plugin and its plugin directory" test "$plugindir" = "$prefix/lib/indicore/plugins"

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

# The scaffold, from nothing to an indicator in the bundle.
check "indicore new-plugin writes a plugin folder" "$indicore" new-plugin my_indicator --dir "$work/scaffold"
check "the scaffold builds and its own test passes" sh -c "
  cd '$work/scaffold/my_indicator' && PATH='$prefix/bin':\$PATH meson setup build >/dev/null && meson test -C build"
check "the scaffold's indicator appears in a bundle" sh -c "
  mkdir '$work/p' && cp '$work/scaffold/my_indicator/build/my_indicator.so' '$work/scaffold/my_indicator/my_indicator.json' '$work/p/' &&
  '$indicore' run --data '$work/scaffold/my_indicator/data' --year 2024 --department 23 --plugins '$work/p' --out '$work/s.json';
  grep -q '\"id\": \"my_indicator\"' '$work/s.json' && grep -q '\"value\": 33.3,' '$work/s.json'"

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
  grep -q 'old_plugin.so: built for plugin ABI 0.9, while this engine has ABI 1.2: rebuild it' '$work/list.txt'"
check "and in French in a bundle, whatever the locale" sh -c "
  '$indicore' run --data '$work/scaffold/my_indicator/data' --year 2024 --department 23 --plugins '$work/old' \
    --out '$work/old.json'; test \$? -eq 1 &&
  grep -q 'construit pour l.ABI de module 0.9, alors que ce moteur a l.ABI 1.2 : à recompiler' '$work/old.json'"
exit $failed
