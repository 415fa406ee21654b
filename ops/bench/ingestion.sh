#!/usr/bin/env bash
# Ingestion throughput against the real PostgreSQL, and the raw COPY rate of the same rows, written to
# docs/benchmarks.md (section "ingestion").
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash ops/start-servers.sh postgres
out=$(mktemp)
dotnet run -c Release --project tests/Crisis.Benchmarks -- ingestion --out "$out" "$@"
bash ops/bench/write-section.sh ingestion "$out"
rm -f "$out"
