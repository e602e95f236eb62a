#!/usr/bin/env bash
# Runs the benchmarks and writes their figures to bench/results/*.md.
#   bench/run.sh            all benchmarks (≈75 minutes on the 2-core dev machine)
#   bench/run.sh ingest     only the named ones (known: see BENCHMARKS below)
# Starts nothing you have to start yourself: each benchmark starts its own influxd (and host) and stops them.
# Extra arguments for the ingest benchmark can be given in INGEST_BENCH_ARGS (e.g. "--seconds 5"),
# for the wall benchmark in WALL_BENCH_ARGS (e.g. "--minutes 2"; the default run takes ~32 minutes),
# for the screen benchmark in SCREEN_BENCH_ARGS (e.g. "--seconds 10"; the default run takes ~5 minutes),
# for the recovery benchmark in RECOVERY_BENCH_ARGS (e.g. "--hours 2"; the default run takes ~4 minutes),
# for the memory benchmark in MEMORY_BENCH_ARGS (e.g. "--minutes 2"; the default, 10 minutes per county, takes ~22 minutes),
# for the replay benchmark in REPLAY_BENCH_ARGS (e.g. "--hours 1 --play-seconds 10"; the default run takes ~4 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCHMARKS=(ingest screen recovery memory replay wall)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${BENCHMARKS[@]}")
for t in "${targets[@]}"; do
  [[ " ${BENCHMARKS[*]} " == *" $t "* ]] || { echo "unknown benchmark '$t' (known: ${BENCHMARKS[*]})" >&2; exit 2; }
done

# Release build of everything: the benchmarks run the host from src/Dashboard/bin/Release/net10.0.
echo "== dotnet build CommandCenter.sln -c Release"
dotnet build CommandCenter.sln -c Release -nologo -v q
mkdir -p bench/results

invocation="bench/run.sh${*:+ $*}"
for t in "${targets[@]}"; do
  case "$t" in
    ingest)
      echo "== ingest benchmark"
      # Run from the Release output: RepoPaths picks the host build of the configuration it runs from.
      # shellcheck disable=SC2086
      dotnet bench/Ingest/bin/Release/net10.0/Ingest.Bench.dll --out bench/results/ingest.md ${INGEST_BENCH_ARGS:-} \
        --command "$invocation (runs: dotnet bench/Ingest/bin/Release/net10.0/Ingest.Bench.dll --out bench/results/ingest.md${INGEST_BENCH_ARGS:+ $INGEST_BENCH_ARGS})"
      echo "== wrote bench/results/ingest.md"
      ;;
    screen)
      echo "== screen benchmark (npm ci in bench/Screen: the official @microsoft/signalr client for Node)"
      command -v node >/dev/null || { echo "the screen benchmark needs Node.js with npm (as the dashboard's build does)" >&2; exit 1; }
      (cd bench/Screen && npm ci --no-audit --no-fund --loglevel=error)
      # shellcheck disable=SC2086
      dotnet bench/Screen/bin/Release/net10.0/Screen.Bench.dll --out bench/results/screen.md ${SCREEN_BENCH_ARGS:-} \
        --command "$invocation (runs: dotnet bench/Screen/bin/Release/net10.0/Screen.Bench.dll --out bench/results/screen.md${SCREEN_BENCH_ARGS:+ $SCREEN_BENCH_ARGS})"
      echo "== wrote bench/results/screen.md"
      ;;
    recovery)
      echo "== recovery benchmark"
      # shellcheck disable=SC2086
      dotnet bench/Recovery/bin/Release/net10.0/Recovery.Bench.dll --out bench/results/recovery.md ${RECOVERY_BENCH_ARGS:-} \
        --command "$invocation (runs: dotnet bench/Recovery/bin/Release/net10.0/Recovery.Bench.dll --out bench/results/recovery.md${RECOVERY_BENCH_ARGS:+ $RECOVERY_BENCH_ARGS})"
      echo "== wrote bench/results/recovery.md"
      ;;
    memory)
      echo "== memory benchmark"
      # shellcheck disable=SC2086
      dotnet bench/Memory/bin/Release/net10.0/Memory.Bench.dll --out bench/results/memory.md ${MEMORY_BENCH_ARGS:-} \
        --command "$invocation (runs: dotnet bench/Memory/bin/Release/net10.0/Memory.Bench.dll --out bench/results/memory.md${MEMORY_BENCH_ARGS:+ $MEMORY_BENCH_ARGS})"
      echo "== wrote bench/results/memory.md"
      ;;
    wall)
      echo "== wall benchmark"
      # shellcheck disable=SC2086
      dotnet bench/Wall/bin/Release/net10.0/Wall.Bench.dll --out bench/results/wall.md ${WALL_BENCH_ARGS:-} \
        --command "$invocation (runs: dotnet bench/Wall/bin/Release/net10.0/Wall.Bench.dll --out bench/results/wall.md${WALL_BENCH_ARGS:+ $WALL_BENCH_ARGS})"
      echo "== wrote bench/results/wall.md"
      ;;
    replay)
      echo "== replay benchmark"
      # shellcheck disable=SC2086
      dotnet bench/Replay/bin/Release/net10.0/Replay.Bench.dll --out bench/results/replay.md ${REPLAY_BENCH_ARGS:-} \
        --command "$invocation (runs: dotnet bench/Replay/bin/Release/net10.0/Replay.Bench.dll --out bench/results/replay.md${REPLAY_BENCH_ARGS:+ $REPLAY_BENCH_ARGS})"
      echo "== wrote bench/results/replay.md"
      ;;
  esac
done
