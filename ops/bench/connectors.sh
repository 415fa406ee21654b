#!/usr/bin/env bash
# Benchmarks a Bluesky connector's filtering (read one Jetstream event, match it against 1,000 brand queries) on one
# core with a short BenchmarkDotNet job, and writes the "connectors" section of docs/benchmarks.md.
# usage: ops/bench/connectors.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
load_before=$(cut -d' ' -f1 /proc/loadavg)
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT

dotnet run -c Release --project tests/Crisis.Benchmarks -- \
  --filter '*JetstreamFilteringBenchmark*' --artifacts "$artifacts" >"$artifacts/run.log" 2>&1 \
  || { tail -50 "$artifacts/run.log"; exit 1; }

report=$(find "$artifacts/results" -name '*JetstreamFilteringBenchmark-report-github.md' | head -1)
[ -n "$report" ] || { echo "no BenchmarkDotNet report found" >&2; tail -50 "$artifacts/run.log"; exit 1; }

# The Mean column reads "1,234.5 ns" or "1.234 μs"; find it by its header and turn it into events per second.
mean=$(awk -F'|' '/\| *Mean *\|/ && !col { for (i = 1; i <= NF; i++) if ($i ~ /^ *Mean *$/) col = i; next }
  col && /read and match one Jetstream event/ { gsub(/^ +| +$/, "", $col); print $col; exit }' "$report")
per_second=$(echo "$mean" | awk '{ gsub(/,/, "", $1); v = $1; u = $2;
  if (u == "ns") ns = v; else if (u == "μs" || u == "us") ns = v * 1000; else if (u == "ms") ns = v * 1000000; else ns = 0;
  if (ns > 0) printf "%.0f", 1e9 / ns; else print "?" }')

section=$(mktemp)
{
  echo "## Bluesky connector filtering (target: the Jetstream's full rate against 1,000 brand queries on one core)"
  echo
  echo "\`ops/bench/connectors.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, process pinned to one core, load average $load_before before the run): per Jetstream event,"
  echo "\`JetstreamSource.Read\` (JSON frame to post) then \`BrandMatcher.Match\` against 1,000 brand queries (name, phrase,"
  echo "#tag, @handle, two exclusions, lang: on one in five). 20,000 generated events: 90 % posts of 8 to 40 words from a"
  echo "5,000-word vocabulary, 1 % of them naming a brand, 10 % likes. The WebSocket read and the intake's commit are not"
  echo "included (the intake's figures are in the ingestion section)."
  echo
  echo "**${per_second} events/s on one core** (mean ${mean} per event)."
  echo
  sed -n '/^|/,$p' "$report"
} >"$section"
"$root/ops/bench/write-section.sh" connectors "$section"
rm -f "$section"
