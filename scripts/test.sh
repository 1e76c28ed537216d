#!/usr/bin/env bash
# The test command (README, .ci/run): system packages, chromium and playwright-core for the review page's browser
# test, a throwaway PostgreSQL on loopback for the store tests, then every test; the golden tests print their accuracy tables.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-packages.sh
source scripts/ensure-browser.sh
source scripts/start-test-postgres.sh
dotnet test PerformanceEval.sln -c Release --logger "console;verbosity=detailed"
