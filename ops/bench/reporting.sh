#!/usr/bin/env bash
# KPIs and post-mortem page of one incident from facts already read (no store): curves of 1, 7 and 31 days of
# 1-minute buckets. Writes docs/benchmarks.md section "reporting".
# usage: ops/bench/reporting.sh [--repeat N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dotnet build -c Release tests/Crisis.Benchmarks -v quiet -nologo >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rows=$(dotnet tests/Crisis.Benchmarks/bin/Release/net10.0/Crisis.Benchmarks.dll reporting "$@")
{
  echo "## KPIs and post-mortem page (target: a 31-day incident under 1 s)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`ops/bench/reporting.sh\` on the 2-core build machine (shared with other work)."
  echo "One incident: a 3-hour buzz, 500 incident events of which 20 public responses (each with its before/after"
  echo "windows), the brand's curve in 1-minute buckets (31 days is the longest a series read covers). Median of the runs."
  echo "\`IncidentMeasurement.Measure\` computes every KPI; \`PostMortemReport.Render\` writes the whole HTML page (inline"
  echo "SVG merges the curve to at most 480 bars)."
  echo
  echo "| curve | buckets | incident events | KPIs | HTML page | page size |"
  echo "|---|---|---|---|---|---|"
  echo "$rows"
  echo
  echo "Not measured here: reading the facts (the incident and buzz streams, and \`BrandSeries\`' SQL over the brand's"
  echo "hour streams), which the integration specs run on the real PostgreSQL."
} > "$out"
bash ops/bench/write-section.sh reporting "$out"
