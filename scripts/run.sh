#!/usr/bin/env bash
# Runs the command center in single-process mode (silo + ingest + dashboard + simulator) with InfluxDB.
#   scripts/run.sh                    http://127.0.0.1:5080
# Settings through the environment, e.g. Simulator__EventsPerSecond=500, Simulator__Enabled=false,
# urls=http://0.0.0.0:5080, Influx__Url=..., Ingest__Sources__0__Name=hotline Ingest__Sources__0__Key=...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export Data__Root=${Data__Root:-$root/.data}   # one data folder: accounts, API keys, logs, imports, InfluxDB, kiosk token
scripts/install.sh
started=$(scripts/influx.sh start)
echo "$started"
stop_influx() { [[ "$started" == *"started"* ]] && scripts/influx.sh stop; }
trap stop_influx EXIT
# The wall's read-only kiosk token: from the environment, or made once and kept in the data root, 0600 (never committed).
[[ -n "${Wall__KioskToken:-}" ]] || { Wall__KioskToken=$(scripts/kiosk-token.sh); export Wall__KioskToken; }
echo "Wall display: ${urls:-http://127.0.0.1:5080}/wall?token=$Wall__KioskToken"
export Influx__Url=${Influx__Url:-http://127.0.0.1:${CC_INFLUX_PORT:-8086}}
dotnet run --project src/Dashboard -c Release
