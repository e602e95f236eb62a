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
# for the replay benchmark in REPLAY_BENCH_ARGS (e.g. "--hours 1 --play-seconds 10"; the default run takes ~4 minutes),
# for the sensor-readings benchmark in SENSORS_BENCH_ARGS (e.g. "--seconds 20"; the default run takes ~2.5 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCHMARKS=(ingest screen sensors recovery memory replay wall)
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

# One benchmark: bench/NAME/bin/Release/net10.0/NAME.Bench.dll (run from the Release output: RepoPaths picks the
# host build of the configuration it runs from), with the extra arguments in <NAME>_BENCH_ARGS, writing
# bench/results/<name>.md and recording the command that produced it.
run_bench() {
  local name=$1 project=$2
  local args_var="${name^^}_BENCH_ARGS"
  local extra=${!args_var:-}
  local mode=${3:-} out="bench/results/${4:-$name}.md"
  local dll="bench/$project/bin/Release/net10.0/$project.Bench.dll"
  # shellcheck disable=SC2086
  dotnet "$dll" $mode --out "$out" $extra --command "$invocation (runs: dotnet $dll${mode:+ $mode} --out $out${extra:+ $extra})"
  echo "== wrote $out"
}

for t in "${targets[@]}"; do
  case "$t" in
    ingest) echo "== ingest benchmark"; run_bench ingest Ingest ;;
    screen)
      echo "== screen benchmark (npm ci in bench/Screen: the official @microsoft/signalr client for Node)"
      command -v node >/dev/null || { echo "the screen benchmark needs Node.js with npm (as the dashboard's build does)" >&2; exit 1; }
      (cd bench/Screen && npm ci --no-audit --no-fund --loglevel=error)
      run_bench screen Screen ;;
    sensors)
      echo "== sensor-readings benchmark (a mode of the screen benchmark; npm ci in bench/Screen)"
      command -v node >/dev/null || { echo "the sensor-readings benchmark needs Node.js with npm" >&2; exit 1; }
      (cd bench/Screen && npm ci --no-audit --no-fund --loglevel=error)
      run_bench sensors Screen --sensors sensor-readings ;;
    recovery) echo "== recovery benchmark"; run_bench recovery Recovery ;;
    memory) echo "== memory benchmark"; run_bench memory Memory ;;
    wall) echo "== wall benchmark"; run_bench wall Wall ;;
    replay) echo "== replay benchmark"; run_bench replay Replay ;;
  esac
done
