#!/usr/bin/env bash
# The one-time command that creates the first administrator (there is no default account or password).
#   scripts/create-admin.sh USER ["DISPLAY NAME"]     password read from CC_ADMIN_PASSWORD or standard input
# Accounts are kept in the data root's users.json ($Data__Root, default .data/users.json: password hashes only, 0600);
# admins then add users in the product.
set -euo pipefail
cd "$(dirname "$0")/.."
export Data__Root=${Data__Root:-$PWD/.data}
dotnet run --project src/Dashboard -c Release -- create-admin "$@"
