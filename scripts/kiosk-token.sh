#!/usr/bin/env bash
# Prints the wall's read-only kiosk token, made once and kept in the data root ($Data__Root, default the repository's
# .data) as kiosk-token: the file 0600 in a 0700 folder (fixed if an older version left them readable by others).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${Data__Root:-$root/.data}
umask 077
mkdir -p "$data"
chmod 700 "$data"
file=$data/kiosk-token
[[ -s $file ]] || head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$file"
chmod 600 "$file"
cat "$file"
