#!/usr/bin/env bash
# Runs the command center as an Orleans cluster of three identical hosts on this machine: InfluxDB and Redis (membership)
# as plain processes with their data under .data/, then three hosts, each a silo with the grains, ingest and the screens.
#   scripts/run-multi.sh        http://127.0.0.1:5080, :5081 and :5082 (any serves the screens and ingest);
#                               the simulator runs in the first only
# Ctrl-C stops everything it started. Settings as for scripts/run.sh (environment, Section__Key), plus CC_REDIS_PORT (6379).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export Data__Root=${Data__Root:-$root/.data}   # one data folder for every host (accounts, API keys, logs, InfluxDB, Redis)
scripts/install.sh --multi
influx_started=$(scripts/influx.sh start); echo "$influx_started"
redis_started=$(scripts/redis.sh start); echo "$redis_started"
pids=()
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ "$redis_started" == *"started"* ]] && scripts/redis.sh stop
  [[ "$influx_started" == *"started"* ]] && scripts/influx.sh stop
}
trap stop_all EXIT
[[ -n "${Wall__KioskToken:-}" ]] || { Wall__KioskToken=$(scripts/kiosk-token.sh); export Wall__KioskToken; }
export Influx__Url=${Influx__Url:-http://127.0.0.1:${CC_INFLUX_PORT:-8086}}
export Cluster__Redis=${Cluster__Redis:-127.0.0.1:${CC_REDIS_PORT:-6379}}
export Cluster__ClusterId=${Cluster__ClusterId:-commandcenter}
# the three silos load the county once all three are up, so the grids are spread over them (docs/decisions.md)
export Cluster__WaitForSilos=${Cluster__WaitForSilos:-3}
dotnet build src/Dashboard -c Release -nologo -clp:ErrorsOnly
dll=src/Dashboard/bin/Release/net10.0/CommandCenter.Dashboard.dll
start() { # name url silo-port gateway-port [extra env...]
  local name=$1 url=$2 silo=$3 gateway=$4; shift 4
  mkdir -p "$Data__Root/logs"
  env "$@" urls="$url" Cluster__SiloPort="$silo" Cluster__GatewayPort="$gateway" Logging__Directory="$Data__Root/logs/$name" \
    dotnet "$dll" --contentRoot "$root/src/Dashboard" >"$Data__Root/logs/$name.out" 2>&1 &
  pids+=($!); echo "$name on $url (silo port $silo), pid $!, output in $Data__Root/logs/$name.out"
}
start silo-1 http://127.0.0.1:5080 11111 30000
start silo-2 http://127.0.0.1:5081 11112 30001 Simulator__Enabled=false
start silo-3 http://127.0.0.1:5082 11113 30002 Simulator__Enabled=false
echo "Wall display: http://127.0.0.1:5080/wall?token=$Wall__KioskToken (and :5081, :5082)"
wait -n "${pids[@]}" || true
echo "a host ended; stopping the rest" >&2
