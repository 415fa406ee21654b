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
  echo "service on one node, log level Warning) on PostgreSQL 15 and RabbitMQ 3.10; one \`BuzzEscalated\` per brand,"
  echo "published and awaited one after the other. Measured: from just before \`Publish\` to the loopback webhook"
  echo "receiver's handler running for that brand's level-1 page. In between: the buzz consumer opens the incident (brand"
  echo "and incident lookups, append, inline projections); the commit's PostgreSQL NOTIFY wakes the async daemon"
  echo "(\`DaemonWakeup\`), which reads the committed \`IncidentOpened\` and hands it to the paging planner subscription, which"
  echo "folds the incident, plans and sends \`DeliverNotification\`; the delivery consumer starts the delivery's stream (the"
  echo "claim), builds the message and posts the signed webhook. Until issue 16 the planner heard of the commit"
  echo "in-process from the node that wrote it (no daemon in between), and before that it waited for a periodic round."
  echo
  cat "$out.table"
} > "$out"
bash ops/bench/write-section.sh notify "$out"
