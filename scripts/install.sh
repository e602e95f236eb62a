#!/usr/bin/env bash
# Installs what the product and its tests need on a fresh Debian machine (idempotent; root).
#   scripts/install.sh          InfluxDB (server + CLI)
#   scripts/install.sh --multi  + Redis (Orleans cluster membership: scripts/run-multi.sh)
#   scripts/install.sh --tests  + Redis and Chromium for the tests
set -euo pipefail
need=()
command -v influxd >/dev/null || need+=(influxdb)
command -v influx >/dev/null || need+=(influxdb-client)
# Chinese text on the screens. The list is captured first: `fc-list | grep -q` under pipefail fails with 141 (SIGPIPE)
# when grep stops reading early, which looked like "fonts missing" and reinstalled them (with apt-get update) on some starts.
fonts=$(fc-list 2>/dev/null || true)
[[ ${fonts,,} == *"noto sans cjk"* ]] || need+=(fonts-noto-cjk)
if [[ "${1:-}" == "--tests" || "${1:-}" == "--multi" ]]; then
  [[ -x /usr/bin/redis-server ]] || need+=(redis-server)
fi
if [[ "${1:-}" == "--tests" ]]; then
  command -v chromium >/dev/null || need+=(chromium)
fi
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1; }
