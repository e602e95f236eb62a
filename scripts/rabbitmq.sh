#!/usr/bin/env bash
# Starts RabbitMQ (Debian rabbitmq-server 3.10) as a plain process with its data under the project
# (.data/rabbitmq), unless it already answers. Usage: scripts/rabbitmq.sh [start|stop]
# Ports below 32768 (the ephemeral range was seen taken): AMQP CC_RABBIT_PORT (5672), Erlang distribution
# CC_RABBIT_DIST_PORT (25672), epmd CC_RABBIT_EPMD_PORT (4369). epmd outlives `rabbitmqctl stop`: stopped by its PID.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${CC_RABBIT_PORT:-5672}
dist=${CC_RABBIT_DIST_PORT:-25672}
epmd=${CC_RABBIT_EPMD_PORT:-4369}
dir=${CC_RABBIT_DIR:-${Data__Root:-$root/.data}/rabbitmq}
node=${CC_RABBIT_NODE:-cc$port@localhost}
bin=/usr/lib/rabbitmq/bin
export HOME=$dir RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log RABBITMQ_NODENAME=$node \
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$dist ERL_EPMD_PORT=$epmd \
  ERL_CRASH_DUMP=$dir/erl_crash.dump RABBITMQ_PID_FILE=$dir/rmq.pid RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins RABBITMQ_FEATURE_FLAGS_FILE=$dir/feature_flags

mkdir -p "$dir"
running() { "$bin/rabbitmq-diagnostics" -q check_running >/dev/null 2>&1; }

case "${1:-start}" in
  start)
    if running; then echo "RabbitMQ already running as $node"; exit 0; fi
    mkdir -p "$dir/mnesia" "$dir/log"
    [[ -f $dir/enabled_plugins ]] || echo "[]." >"$dir/enabled_plugins"
    nohup "$bin/rabbitmq-server" >"$dir/server.log" 2>&1 &
    for _ in $(seq 1 120); do running && { echo "RabbitMQ started on 127.0.0.1:$port (data in $dir)"; exit 0; }; sleep 0.5; done
    echo "RabbitMQ did not start; see $dir/server.log and $dir/log" >&2; tail -20 "$dir/server.log" >&2; exit 1 ;;
  stop)
    "$bin/rabbitmqctl" -q stop >/dev/null 2>&1 || true
    # epmd survives the stop: end the one listening on our port, by its PID
    pid=$(ss -ltnpH "sport = :$epmd" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    echo "RabbitMQ stopped" ;;
esac
