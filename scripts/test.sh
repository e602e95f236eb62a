#!/usr/bin/env bash
# Runs every test: unit, integration (real InfluxDB started by the test fixtures), end-to-end (the real
# host as a process) and browser tests (Debian Chromium). Installs what it needs first.
# One test project after another; TestResults/<Project>.trx holds each project's results.
# Extra arguments go to every `dotnet test` (e.g. --filter "FullyQualifiedName~Wall").
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install.sh --tests || exit 1
dotnet build CommandCenter.sln -c Release -nologo -clp:ErrorsOnly || exit 1
rm -rf TestResults
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "=== $name"
  dotnet test "$project" -c Release --no-build -nologo --results-directory TestResults \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" "$@" || status=1
done
exit $status
