#!/usr/bin/env bash
# Starts Redis (Debian redis-server 7.0) as a plain process with its data under the project (.data/redis), unless one
# already answers on the port: the Orleans cluster's membership store in multi-silo mode. Loopback only, no persistence
# (membership is rebuilt by the silos; --save ""), no password (nothing but this machine can reach it).
# Usage: scripts/redis.sh [start|stop]; port CC_REDIS_PORT (6379), data CC_REDIS_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${CC_REDIS_PORT:-6379}
dir=${CC_REDIS_DIR:-${Data__Root:-$root/.data}/redis}
pidfile=$dir/redis.pid

ping() { [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; }

case "${1:-start}" in
  start)
    if ping; then echo "Redis already answering on 127.0.0.1:$port"; exit 0; fi
    command -v redis-server >/dev/null || { echo "redis-server is missing: run scripts/install.sh --multi" >&2; exit 1; }
    mkdir -p "$dir"
    nohup redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" --daemonize no \
      >"$dir/redis.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do ping && { echo "Redis started on 127.0.0.1:$port (data in $dir)"; exit 0; }; sleep 0.1; done
    echo "Redis did not start; see $dir/redis.log" >&2; tail -5 "$dir/redis.log" >&2; exit 1 ;;
  stop)
    if [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null; then
      for _ in $(seq 1 50); do ping || break; sleep 0.1; done
      rm -f "$pidfile"; echo "Redis stopped"
    fi ;;
esac
