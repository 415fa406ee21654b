#!/usr/bin/env bash
# Benchmarks negativity scoring (mentions per second on one core, allocations per mention) with a short
# BenchmarkDotNet job and writes the "scoring" section of docs/benchmarks.md.
# usage: ops/bench/scoring.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT

dotnet run -c Release --project tests/Crisis.Benchmarks -- \
  --filter '*NegativityScoringBenchmark*' --artifacts "$artifacts" >"$artifacts/run.log" 2>&1 \
  || { tail -50 "$artifacts/run.log"; exit 1; }

report=$(find "$artifacts/results" -name '*NegativityScoringBenchmark-report-github.md' | head -1)
[ -n "$report" ] || { echo "no BenchmarkDotNet report found" >&2; tail -50 "$artifacts/run.log"; exit 1; }

# The benchmark's config runs BenchmarkDotNet's short job. The Mean column reads "1,234.5 ns" or
# "1.234 μs"; find it by its header and turn it into mentions per second.
mean=$(awk -F'|' '/\| *Mean *\|/ && !col { for (i = 1; i <= NF; i++) if ($i ~ /^ *Mean *$/) col = i; next }
  col && /score one mention/ { gsub(/^ +| +$/, "", $col); print $col; exit }' "$report")
per_second=$(echo "$mean" | awk '{ gsub(/,/, "", $1); v = $1; u = $2;
  if (u == "ns") ns = v; else if (u == "μs" || u == "us") ns = v * 1000; else if (u == "ms") ns = v * 1000000; else ns = 0;
  if (ns > 0) printf "%.0f", 1e9 / ns; else print "?" }')

section=$(mktemp)
{
  echo "## Negativity scoring"
  echo
  echo "\`ops/bench/scoring.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, process pinned to one core): one call of"
  echo "\`NegativityScorer.Score\` on a mix of short mentions in Arabic, Arabizi, French and English."
  echo
  echo "**${per_second} mentions/s on one core** (mean ${mean} per mention)."
  echo
  sed -n '/^|/,$p' "$report"
} >"$section"
"$root/ops/bench/write-section.sh" scoring "$section"
rm -f "$section"
