#!/usr/bin/env bash
# Runs the command center in multi-process mode: InfluxDB and RabbitMQ as plain processes (data under
# .data/), two silos, ingest (with the simulator feeding it) and the dashboard, each its own process.
#   scripts/run-multi.sh        dashboard http://127.0.0.1:5080, ingest http://127.0.0.1:5081,
#                               silos http://127.0.0.1:5181 and :5182 (health only)
# Ctrl-C stops everything it started. Settings as for scripts/run.sh (environment, Section__Key), plus
# Broker__Url (amqp://guest:guest@127.0.0.1:5672/), Broker__Partitions (8; the same for every process).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export Data__Root=${Data__Root:-$root/.data}   # one data folder for every process (accounts, API keys, logs, InfluxDB, RabbitMQ)
scripts/install.sh --multi
influx_started=$(scripts/influx.sh start); echo "$influx_started"
rabbit_started=$(scripts/rabbitmq.sh start); echo "$rabbit_started"
pids=()
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ "$rabbit_started" == *"started"* ]] && scripts/rabbitmq.sh stop
  [[ "$influx_started" == *"started"* ]] && scripts/influx.sh stop
}
trap stop_all EXIT
[[ -n "${Wall__KioskToken:-}" ]] || { Wall__KioskToken=$(scripts/kiosk-token.sh); export Wall__KioskToken; }
export Influx__Url=${Influx__Url:-http://127.0.0.1:${CC_INFLUX_PORT:-8086}}
export Broker__Url=${Broker__Url:-amqp://guest:guest@127.0.0.1:${CC_RABBIT_PORT:-5672}/}
dotnet build src/Dashboard -c Release -nologo -clp:ErrorsOnly
dll=src/Dashboard/bin/Release/net10.0/CommandCenter.Dashboard.dll
start() { # name url mode [extra env...]
  local name=$1 url=$2 mode=$3; shift 3
  mkdir -p "$Data__Root/logs"
  env "$@" urls="$url" Mode="$mode" Logging__Directory="$Data__Root/logs/$name" \
    dotnet "$dll" --contentRoot "$root/src/Dashboard" >"$Data__Root/logs/$name.out" 2>&1 &
  pids+=($!); echo "$name ($mode) on $url, pid $!, output in $Data__Root/logs/$name.out"
}
start silo-1 http://127.0.0.1:5181 silo Broker__SiloId=silo-1
start silo-2 http://127.0.0.1:5182 silo Broker__SiloId=silo-2
start ingest http://127.0.0.1:5081 ingest
start dashboard "${urls:-http://127.0.0.1:5080}" dashboard Simulator__Enabled=false
echo "Wall display: ${urls:-http://127.0.0.1:5080}/wall?token=$Wall__KioskToken"
echo "Ingest API:   http://127.0.0.1:5081/api/v1/events   partitions: ${urls:-http://127.0.0.1:5080}/api/v1/partitions"
wait -n "${pids[@]}" || true
echo "a process ended; stopping the rest" >&2
