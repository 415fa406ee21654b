#!/usr/bin/env bash
# Retrains the shipped negativity model from the shared corpus and rewrites the dev report in
# docs/negativity.md. Seeds are fixed and training is single-threaded: the model file and figures it
# writes are those committed.
# usage: ops/bench/negativity-report.sh [data-dir]   (default: ../shared/data/sentiment beside the repo)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/data/sentiment}
cd "$root"
dotnet build services/Crisis.Cli -c Release --nologo -v quiet
dotnet services/Crisis.Cli/bin/Release/net10.0/crisis.dll train-negativity \
  --data "$data" \
  --out services/Crisis.Ingestion/Scoring/negativity-model.bin \
  --report docs/negativity.md
