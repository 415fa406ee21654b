#!/usr/bin/env bash
# The response desk on the real PostgreSQL: the first page of a queue of 100,000 open conversations and claims, as the
# endpoints make them (without HTTP). Writes docs/benchmarks.md section "desk".
# usage: ops/bench/desk.sh [--conversations N] [--samples N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dotnet build -c Release tests/Crisis.Benchmarks -v quiet -nologo >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Marten prints a warning about the (deliberately absent) async daemon on stdout: keep the table rows only.
rows=$(dotnet tests/Crisis.Benchmarks/bin/Release/net10.0/Crisis.Benchmarks.dll desk "$@" | grep '^|')
{
  echo "## Response desk (target: first queue page under 200 ms p99, claim under 50 ms p99, 100,000 open conversations)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`ops/bench/desk.sh\` on the 2-core build machine (shared with other work), PostgreSQL 15"
  echo "on the same machine. One organisation, 10 brands, 4 languages, 3 platforms, waiting from 0 to 3 days. The queue rows are"
  echo "bulk-inserted as the inline projection writes them; the conversations claimed also have their streams. Each sample"
  echo "opens its own session. \`DeskQueue.PageAsync\` is the queue endpoint's read; \`ClaimingService.ClaimAsync\` is the claim"
  echo "endpoint's work (FetchForWriting, whose state says whose it is, the one-responder-per-author check, decide, append,"
  echo "inline queue row, commit)."
  echo "HTTP, authentication and JSON writing are not included. A filter that matches few rows walks the index further: the"
  echo "last row reads 1 conversation in 20."
  echo
  echo "| operation | open conversations | samples | p50 | p90 | p99 | max |"
  echo "|---|---|---|---|---|---|---|"
  echo "$rows"
} > "$out"
bash ops/bench/write-section.sh desk "$out"
