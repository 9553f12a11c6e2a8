#!/bin/sh
# contrib/indicore.service as systemd rates it: exposure below 2.0, and its
# paths the ones contrib/indicore.conf names. TAP.
#   contrib-security.sh SOURCE_DIR SYSTEMD_ANALYZE
set -u
src=$1
analyze=$2
service=$src/contrib/indicore.service
conf=$src/contrib/indicore.conf
echo "1..3"

report=$("$analyze" security --offline=yes "$service" 2>&1)
exposure=$(printf '%s\n' "$report" | sed -n 's/.*Overall exposure level for indicore.service: \([0-9.]*\).*/\1/p')
if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e < 2.0) }'; then
  echo "ok 1 - exposure $exposure is below 2.0"
else
  echo "not ok 1 - exposure '$exposure' is not below 2.0"
  printf '%s\n' "$report" | grep '✗' | sed 's/^/# /'
fi

data=$(sed -n 's/^data=//p' "$conf")
if grep -q "^ReadOnlyPaths=$data\$" "$service"; then
  echo "ok 2 - the service reads the exports where indicore.conf puts them ($data)"
else
  echo "not ok 2 - indicore.conf's data=$data is not the service's ReadOnlyPaths="
fi

output=$(sed -n 's/^output=//p' "$conf")
if [ "$output" = /var/lib/indicore/bundles ] && grep -q '^StateDirectory=.*indicore/bundles' "$service"; then
  echo "ok 3 - the bundles go to the service's state directory ($output)"
else
  echo "not ok 3 - indicore.conf's output=$output is not the service's StateDirectory="
fi
