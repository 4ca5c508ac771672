#!/bin/sh
# After deploy/install.sh PREFIX: the installed command on a fresh database in a scratch
# folder. Creating it runs every migration from the installed package; the invite needs the
# forms and the catalogs; then the database is checked, backed up and restored.
set -eu
prefix=$(cd "${1:?usage: deploy/smoke-test.sh PREFIX}" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"  # no .env of the caller's
export WIJKBOT_DATABASE="$scratch/data/wijkbot.db"
"$prefix/bin/wijkbot" invite admin --name "Smoke Test" >/dev/null
"$prefix/bin/wijkbot" check >/dev/null
"$prefix/bin/wijkbot" backup "$scratch/copy.db" >/dev/null
"$prefix/bin/wijkbot" restore "$scratch/copy.db" >/dev/null
"$prefix/bin/wijkbot" check >/dev/null
echo "smoke test passed: $prefix"
