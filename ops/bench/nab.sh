#!/usr/bin/env bash
# Scores the default detector on the NAB realTweets series (standard, reward_low_FP, reward_low_FN, per-file
# detail) and writes the 'nab' section of docs/benchmarks.md. The data is never part of the repository: it is
# read from $root/../shared/data/nab-realtweets (or $CRISIS_NAB_DATA) and the run is skipped when absent.
# usage: ops/bench/nab.sh [--config <json>] [--loo]
#   --loo adds a grid over the threshold calibration (PeakQuantile x PeakFactor x PeakHistoryDays) and a
#   leave-one-out check: for each series, the combination best on the other four, scored on that series.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${CRISIS_NAB_DATA:-$root/../shared/data/nab-realtweets}
if [ ! -d "$data" ]; then
  echo "NAB realTweets data not found at $data: skipping the NAB benchmark (set CRISIS_NAB_DATA to point at it)."
  exit 0
fi
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --config) args+=(--config "$2"); shift 2 ;;
    --loo) args+=(--grid PeakQuantile=0.8,0.85,0.9 --grid PeakFactor=0.9,1,1.1 --grid PeakHistoryDays=14,21,28 --loo); shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
dotnet build -c Release "$root/tests/Crisis.Benchmarks" -v quiet -nologo >/dev/null
out=$(mktemp --suffix=.md)
trap 'rm -f "$out"' EXIT
dotnet "$root/tests/Crisis.Benchmarks/bin/Release/net10.0/Crisis.Benchmarks.dll" nab "$data" --out "$out" "${args[@]}" >/dev/null
{ printf '## NAB realTweets (spike detector)\n\n'; cat "$out"; } > "$out.section"
mkdir -p "$root/docs"
"$root/ops/bench/write-section.sh" nab "$out.section"
rm -f "$out.section"
grep -E '^\| (standard|reward)' "$out"
