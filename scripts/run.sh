#!/usr/bin/env bash
# Runs the command center in single-process mode (silo + ingest + dashboard + simulator) with InfluxDB.
#   scripts/run.sh                    http://127.0.0.1:5080
# Settings through the environment, e.g. Simulator__EventsPerSecond=500, Simulator__Enabled=false,
# urls=http://0.0.0.0:5080, Influx__Url=..., Ingest__Sources__0__Name=hotline Ingest__Sources__0__Key=...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install.sh
started=$(scripts/influx.sh start)
echo "$started"
stop_influx() { [[ "$started" == *"started"* ]] && scripts/influx.sh stop; }
trap stop_influx EXIT
export Influx__Url=${Influx__Url:-http://127.0.0.1:${CC_INFLUX_PORT:-8086}}
dotnet run --project src/Dashboard -c Release
