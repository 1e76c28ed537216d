#!/usr/bin/env bash
# The main job on the bundled fixtures (README): every fixture input, forms to out/forms.jsonl, findings summary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-packages.sh
dotnet run --project src/PerformanceEval.Cli -c Release -- extract fixtures/*/input.* --out out/forms.jsonl --summary "$@"
