#!/usr/bin/env bash
# Ingestion throughput against the real PostgreSQL, with the raw COPY rate of the same rows, in two set-ups:
# the foundation path alone (parse, validate, dedup, append, commit) and the full live path (plus negativity
# scoring and the detection daemon in the same process). Writes docs/benchmarks.md section "ingestion".
# usage: ops/bench/ingestion.sh [--mentions N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash ops/start-servers.sh postgres
dotnet build -c Release tests/Crisis.Benchmarks -v quiet -nologo >/dev/null
bench="dotnet tests/Crisis.Benchmarks/bin/Release/net10.0/Crisis.Benchmarks.dll ingestion"
out=$(mktemp)
trap 'rm -f "$out" "$out".*' EXIT
$bench --no-scoring --no-detection --out "$out.foundation" "$@"
$bench --out "$out.live" "$@"
{
  echo "## Ingestion (whole process, real PostgreSQL 15 on the same 2-core machine)"
  echo
  cat "$out.foundation"
  echo
  cat "$out.live"
} > "$out"
bash ops/bench/write-section.sh ingestion "$out"
