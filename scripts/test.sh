#!/usr/bin/env bash
# Runs every test: unit, integration (real InfluxDB started by the test fixtures), end-to-end (the real
# host as a process) and browser tests (Debian Chromium). Installs what it needs first.
# TestResults/<Project>.trx holds each project's results, TestResults/logs/<Project>.log its console output.
# The browser tests run alongside the other projects (they mostly wait on pages), the multi-process tests last and alone
# (they time a failover); CC_TEST_SERIAL=1 runs one project after another.
# Extra arguments go to every `dotnet test` (e.g. --filter "FullyQualifiedName~Wall").
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install.sh --tests || exit 1
dotnet build CommandCenter.sln -c Release -nologo -clp:ErrorsOnly || exit 1
rm -rf TestResults
mkdir -p TestResults/logs

run() { # project name → its log and exit code
  local name=$1; shift
  dotnet test "tests/$name/$name.csproj" -c Release --no-build -nologo --results-directory TestResults \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" "$@" >"TestResults/logs/$name.log" 2>&1
  echo $? >"TestResults/logs/$name.rc"
}
show() { echo "=== $1"; cat "TestResults/logs/$1.log"; }

projects=$(ls tests/*.Tests/*.Tests.csproj | xargs -n1 basename | sed 's/\.csproj$//')
parallel=(); serial=(); last=()
for name in $projects; do
  case $name in
    Browser.Tests) parallel+=("$name") ;;
    MultiProcess.Tests) last+=("$name") ;;
    *) serial+=("$name") ;;
  esac
done
if [[ ${CC_TEST_SERIAL:-} == 1 ]]; then serial=("${parallel[@]}" "${serial[@]}"); parallel=(); fi

pids=()
for name in "${parallel[@]}"; do run "$name" "$@" & pids+=($!); done
for name in "${serial[@]}"; do run "$name" "$@"; show "$name"; done
for pid in "${pids[@]}"; do wait "$pid"; done
for name in "${parallel[@]}"; do show "$name"; done
for name in "${last[@]}"; do run "$name" "$@"; show "$name"; done

status=0
for name in $projects; do
  rc=$(cat "TestResults/logs/$name.rc" 2>/dev/null || echo 1)
  [[ $rc == 0 ]] || { echo "test project $name failed (exit $rc)"; status=1; }
done
exit $status
