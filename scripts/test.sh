#!/usr/bin/env bash
# Runs every test: unit, integration (real InfluxDB started by the test fixtures), end-to-end (the real
# host as a process) and browser tests (Debian Chromium). Installs what it needs first.
# TestResults/<Project>.trx holds each project's results, TestResults/logs/<Project>.log its console output.
# The browser tests run alongside the other projects (split in two runs, see below), the multi-process tests last and
# alone (they time a failover); CC_TEST_SERIAL=1 runs one after another.
# Extra arguments go to every `dotnet test` (e.g. --filter "FullyQualifiedName~Wall").
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install.sh --tests || exit 1
dotnet build CommandCenter.sln -c Release -nologo -clp:ErrorsOnly || exit 1
rm -rf TestResults
mkdir -p TestResults/logs

run() { # label project [dotnet test arguments…] → TestResults/<label>.trx, logs/<label>.log and logs/<label>.rc
  local label=$1 name=$2; shift 2
  dotnet test "tests/$name/$name.csproj" -c Release --no-build -nologo --results-directory TestResults \
    --logger "trx;LogFileName=$label.trx" --logger "console;verbosity=normal" "$@" >"TestResults/logs/$label.log" 2>&1
  echo $? >"TestResults/logs/$label.rc"
}
show() { echo "=== $1"; cat "TestResults/logs/$1.log"; }

# Two streams at once, about equally long on 2 cores (scripts/test-times.sh shows where the time goes):
#   alongside: the browser tests but LayoutTests and the long flows below, then Shared and Silo (short);
#   serial:    EndToEnd (its classes two at a time), Ingest and any other project, then the browser LayoutTests (every
#              page at two sizes in two languages) and the browser's long flows, each in a run of their own;
# then the multi-process tests alone (they time a failover). With extra arguments (e.g. a --filter) the browser
# tests run whole. CC_TEST_SERIAL=1 runs one run after another. A new browser test class runs alongside.
browser_flows=(SupplyFlowTests PlanFlowTests)
flows_in=$(printf 'FullyQualifiedName~.%s.|' "${browser_flows[@]}"); flows_in=${flows_in%|}
flows_out=$(printf '&FullyQualifiedName!~.%s.' "${browser_flows[@]}")
projects=$(ls tests/*.Tests/*.Tests.csproj | xargs -n1 basename | sed 's/\.csproj$//')
alongside=(); serial=(); last=()
split_browser=$([[ $# -eq 0 ]] && echo 1 || echo 0)
for name in $projects; do
  case $name in
    Browser.Tests)
      if [[ $split_browser == 1 ]]; then alongside+=("Browser.Tests;Browser.Tests;--filter;FullyQualifiedName!~.LayoutTests.$flows_out")
      else alongside+=("Browser.Tests;Browser.Tests"); fi ;;
    Shared.Tests|Silo.Tests) alongside+=("$name;$name") ;;
    MultiProcess.Tests) last+=("$name;$name") ;;
    *) serial+=("$name;$name") ;;
  esac
done
if [[ $split_browser == 1 ]]; then
  serial+=("Browser.Tests.Layout;Browser.Tests;--filter;FullyQualifiedName~.LayoutTests.")
  serial+=("Browser.Tests.Flows;Browser.Tests;--filter;$flows_in")
fi

runs() { # entries "label;project;arg;arg…", one after another, each log shown when done (or not: $1 = show|quiet)
  local mode=$1 entry; shift
  for entry in "$@"; do
    IFS=';' read -r -a part <<<"$entry"
    run "${part[@]}" "${extra[@]}"
    [[ $mode == show ]] && show "${part[0]}"
  done
}
extra=("$@")
labels=()
for entry in "${alongside[@]}" "${serial[@]}" "${last[@]}"; do labels+=("${entry%%;*}"); done

if [[ ${CC_TEST_SERIAL:-} == 1 ]]; then
  runs show "${alongside[@]}" "${serial[@]}"
else
  runs quiet "${alongside[@]}" &
  pid=$!
  runs show "${serial[@]}"
  wait "$pid"
  for entry in "${alongside[@]}"; do show "${entry%%;*}"; done
fi
runs show "${last[@]}"

status=0
for label in "${labels[@]}"; do
  rc=$(cat "TestResults/logs/$label.rc" 2>/dev/null || echo 1)
  [[ $rc == 0 ]] || { echo "test run $label failed (exit $rc)"; status=1; }
done
exit $status
