#!/usr/bin/env bash
# The message catalogue against the sources: every file with a translatable
# string listed in po/POTFILES.in, po/fr.po valid (msgfmt --check), complete
# (nothing fuzzy, untranslated or obsolete) and up to date with the sources
# (msgcmp both ways against a freshly extracted catalogue), and no printf
# macro (G_GINT64_FORMAT...) inside _(), which xgettext cannot see through.
# Usage: i18n.sh SOURCE_DIR   (TAP on stdout)
set -uo pipefail
source_dir=$1
cd "$source_dir" || exit 1
export LC_ALL=C.UTF-8 LANGUAGE=

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Files calling _(), N_() or g_dngettext(), and the list.
grep -rlE '(^|[^A-Za-z0-9_])(N_|_|g_dngettext|ic_table_words_n) ?\(' core include --include='*.c' --include='*.h' | sort > "$tmp/marked"
grep -vE '^\s*(#|$)' po/POTFILES.in | sort > "$tmp/listed"
unlisted=$(comm -23 "$tmp/marked" "$tmp/listed")
if [ -z "$unlisted" ]; then ok "every file with a translatable string is in po/POTFILES.in"
else not_ok "files with translatable strings missing from po/POTFILES.in" $unlisted; fi
gone=$(while read -r f; do [ -f "$f" ] || echo "$f"; done < "$tmp/listed")
if [ -z "$gone" ]; then ok "every file of po/POTFILES.in exists"
else not_ok "po/POTFILES.in lists files that do not exist" $gone; fi

for po in po/*.po; do
  if out=$(msgfmt --check -o /dev/null "$po" 2>&1); then ok "$po: msgfmt --check"
  else not_ok "$po: msgfmt --check" "$out"; fi
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ')
  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ')
  obsolete=$(grep -c '^#~ msgid' "$po")
  # msgattrib prints the header entry too when it prints anything.
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  if [ "$fuzzy" -eq 0 ] && [ "$untranslated" -eq 0 ] && [ "$obsolete" -eq 0 ]; then
    ok "$po: nothing fuzzy, untranslated or obsolete"
  else
    not_ok "$po: $fuzzy fuzzy, $untranslated untranslated, $obsolete obsolete" \
      "regenerate (meson compile -C build indicore-update-po), translate, then msgattrib --no-obsolete"
  fi
done

# A catalogue extracted now, with the keywords of meson's 'glib' preset and
# po/meson.build's (ic_table_words_n: a row problem's plural).
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ic_table_words_n:2,3 --add-comments=TRANSLATORS: -f po/POTFILES.in -o "$tmp/fresh.pot" 2> "$tmp/xgettext.err"
if [ -s "$tmp/fresh.pot" ] && ! grep -q 'warning\|error' "$tmp/xgettext.err"; then ok "xgettext extracts the catalogue without warnings"
else not_ok "xgettext extracts the catalogue without warnings" "$(cat "$tmp/xgettext.err")"; fi
for po in po/*.po; do
  if out=$(msgcmp "$po" "$tmp/fresh.pot" 2>&1); then ok "$po: every message of the sources is translated"
  else not_ok "$po: messages of the sources missing (meson compile -C build indicore-update-po)" "$out"; fi
  if out=$(msgcmp --use-untranslated "$tmp/fresh.pot" "$po" 2>&1); then ok "$po: no message the sources no longer have"
  else not_ok "$po: messages the sources no longer have" "$out"; fi
done

# A macro glued to a string inside _(), N_() or g_dngettext(): xgettext
# stops at it, and the translation would lack the rest of the format.
glued=$(perl -0777 -ne '
  my $str = qr{(?:"(?:[^"\\]|\\.)*"\s*)+};
  while (/\b(?:N_|_|g_dngettext)\s*\(\s*(?:NULL\s*,\s*)?($str)([A-Z_][A-Z0-9_]*)/g) {
    print "$ARGV: $2 after " . substr($1, 0, 40) . "\n";
  }
  while (/\bg_dngettext\s*\(\s*NULL\s*,\s*$str,\s*($str)([A-Z_][A-Z0-9_]*)/g) {
    print "$ARGV: $2 after " . substr($1, 0, 40) . "\n";
  }' $(cat "$tmp/listed")) || glued="perl failed: $glued"
if [ -z "$glued" ]; then ok "no macro such as G_GINT64_FORMAT inside _()"
else not_ok "a macro inside _(): format the number apart (%lld with a cast)" "$glued"; fi

echo "1..$n"
exit $failed
