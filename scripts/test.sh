#!/usr/bin/env bash
# Runs every test: unit, integration (real InfluxDB started by the test fixtures), end-to-end (the real
# host as a process) and browser tests (Debian Chromium). Installs what it needs first.
# The per-assembly results are in the output; TestResults/*.trx hold the details.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install.sh --tests
dotnet build CommandCenter.sln -c Release -nologo -clp:ErrorsOnly
rm -rf TestResults
dotnet test CommandCenter.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory TestResults --logger "console;verbosity=normal" "$@"
