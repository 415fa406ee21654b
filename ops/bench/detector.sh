#!/usr/bin/env bash
# Measures BuzzDetector bucket updates per second and allocations per update (BenchmarkDotNet, short job)
# and writes the 'detector' section of docs/benchmarks.md.
# usage: ops/bench/detector.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
project="$root/tests/Crisis.Benchmarks"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$project" -v quiet -nologo >/dev/null
(cd "$project" && dotnet "$project/bin/Release/net10.0/Crisis.Benchmarks.dll" --filter '*BuzzDetectorBenchmark*' \
  --job short --exporters json github --artifacts "$work/artifacts" >/dev/null)
json=$(ls "$work"/artifacts/results/*BuzzDetectorBenchmark-report-full.json 2>/dev/null || ls "$work"/artifacts/results/*BuzzDetectorBenchmark-report*.json | head -1)
md=$(ls "$work"/artifacts/results/*BuzzDetectorBenchmark-report-github.md)
section="$work/section.md"
{
  printf '## BuzzDetector hot path\n\n'
  printf 'One detector fed bucket after bucket (steady state after two weeks of history; calm buckets with a burst every 6 hours). Short BenchmarkDotNet job on the build machine, shared with other work: treat as an order of magnitude. Written by `ops/bench/detector.sh`.\n\n'
  printf '| bucket size | ns per update | updates per second | allocated per update |\n|---|---|---|---|\n'
  python3 - "$json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for b in report["Benchmarks"]:
    ns = b["Statistics"]["Mean"]
    minutes = b["Parameters"].split("=")[1]
    allocated = b.get("Memory", {}).get("BytesAllocatedPerOperation", "n/a")
    print(f"| {minutes} min | {ns:.0f} | {1000 / ns:.2f} million | {allocated} B |")
PY
  printf '\n<details><summary>BenchmarkDotNet report</summary>\n\n'
  cat "$md"
  printf '\n</details>\n'
} > "$section"
mkdir -p "$root/docs"
"$root/ops/bench/write-section.sh" detector "$section"
sed -n '3,10p' "$section"
