#!/usr/bin/env bash
# Latency of the crisis cell's first notification: a real Crisis.Host on PostgreSQL and RabbitMQ, a loopback
# webhook receiver, N BuzzEscalated pages for distinct brands published one after the other, each timed from the
# publish to the receiver seeing the level-1 page. Writes docs/benchmarks.md section "notify".
# The bus uses $CRISIS_BENCH_RABBITMQ (else $CRISIS_TEST_RABBITMQ, else the crisis-test vhost): never a vhost
# another host consumes from, or its consumers would take the pages.
# usage: ops/bench/notify.sh [--pages N] [--warm-up N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash ops/start-servers.sh
dotnet build -c Release services/Crisis.Host -v quiet -nologo >/dev/null
dotnet build -c Release tests/Crisis.Benchmarks -v quiet -nologo >/dev/null
out=$(mktemp)
trap 'rm -f "$out" "$out".*' EXIT
dotnet tests/Crisis.Benchmarks/bin/Release/net10.0/Crisis.Benchmarks.dll notify --out "$out.table" "$@"
load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "## From the buzz page to the on-call channel (target: p99 under 1 s on an idle machine)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`ops/bench/notify.sh\` on the 2-core build machine (load average $load at the"
  echo "end; on a busy machine the figures are upper bounds). A real \`Crisis.Host\` (Release, every"
  echo "service on one node, log level Warning, planning round every 15 s as in production) on PostgreSQL 15 and"
  echo "RabbitMQ 3.10; one \`BuzzEscalated\` per brand, published and awaited one after the other. Measured: from just"
  echo "before \`Publish\` to the loopback webhook receiver's handler running for that brand's level-1 page. In between:"
  echo "the buzz consumer opens the incident (brand and incident lookups, append, inline projections), the commit"
  echo "signals the planner (no waiting for its periodic round), the planner sends \`DeliverNotification\`, the delivery"
  echo "consumer claims the key, builds the message and posts the signed webhook. Before planning was event-driven,"
  echo "every page also waited for the planner's periodic round: half of \`PlanningIntervalSeconds\` on average (7.5 s"
  echo "with the default 15 s), the whole of it at worst."
  echo
  cat "$out.table"
} > "$out"
bash ops/bench/write-section.sh notify "$out"
