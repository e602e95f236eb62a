#!/usr/bin/env bash
# Starts InfluxDB as a plain process with its data under the project (.data/influxdb), unless one
# already answers on the port. Prints nothing else on success. Usage: scripts/influx.sh [start|stop]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${CC_INFLUX_PORT:-8086}
rpc=${CC_INFLUX_RPC_PORT:-8088}
dir=${CC_INFLUX_DIR:-${Data__Root:-$root/.data}/influxdb}
pidfile=$dir/influxd.pid

ping() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping" 2>/dev/null | grep -q 204; }

case "${1:-start}" in
  start)
    if ping; then echo "InfluxDB already answering on 127.0.0.1:$port"; exit 0; fi
    mkdir -p "$dir/meta" "$dir/data" "$dir/wal"
    INFLUXDB_META_DIR=$dir/meta INFLUXDB_DATA_DIR=$dir/data INFLUXDB_DATA_WAL_DIR=$dir/wal \
    INFLUXDB_HTTP_BIND_ADDRESS=127.0.0.1:$port INFLUXDB_BIND_ADDRESS=127.0.0.1:$rpc \
    INFLUXDB_REPORTING_DISABLED=true INFLUXDB_HTTP_LOG_ENABLED=false \
      nohup influxd -config /dev/null >"$dir/influxd.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do ping && { echo "InfluxDB started on 127.0.0.1:$port (data in $dir)"; exit 0; }; sleep 0.1; done
    echo "InfluxDB did not start; see $dir/influxd.log" >&2; tail -5 "$dir/influxd.log" >&2; exit 1 ;;
  stop)
    [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null && rm -f "$pidfile" && echo "InfluxDB stopped" || true ;;
esac
