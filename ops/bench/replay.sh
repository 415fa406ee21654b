#!/usr/bin/env bash
# Replay of one brand's day of mentions through the replay core (DetectionReplay over MentionsRecorded events,
# other brands reduced to their latest publication time), and the client-side cost of deserialising those
# events. Writes docs/benchmarks.md section "replay".
# usage: ops/bench/replay.sh [--mentions N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dotnet build -c Release tests/Crisis.Benchmarks -v quiet -nologo >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
row=$(dotnet tests/Crisis.Benchmarks/bin/Release/net10.0/Crisis.Benchmarks.dll replay "$@")
bash ops/start-servers.sh >/dev/null
stored=$(dotnet tests/Crisis.Benchmarks/bin/Release/net10.0/Crisis.Benchmarks.dll replay-store "$@")
{
  echo "## Replay of one brand's day (target: 1 million mentions in under 30 s)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`ops/bench/replay.sh\` on the 2-core build machine (shared with other work)."
  echo "Generated day: 80 % of the mentions spread evenly, 20 % in a 40-minute negative wave at 15:00, stored as"
  echo "\`MentionsRecorded\` events of at most 500 mentions (one brand, one hour each), fed to \`DetectionReplay\` in"
  echo "pages of 200 events as the daemon does. The last column deserialises the same events from camelCase JSON"
  echo "(System.Text.Json), the client-side half of reading them from the store."
  echo
  echo "| mentions | events | replay core | mentions/s | buzz events in the window | deserialising the events |"
  echo "|---|---|---|---|---|---|"
  echo "$row"
  echo
  echo "**End to end from the store** (\`replay-store\`): the same day stored in PostgreSQL 15 (schema"
  echo "\`bench_replay\`, one small batch of a second brand after each batch, so the server also reduces other brands'"
  echo "events to their latest publication time), then \`DetectionReplays.ReplayAsync\` timed — the code behind"
  echo "\`crisis replay\` and \`POST /api/replays\`: the scan in store order, transfer, deserialisation, detector."
  echo "Filling the store is set-up (Marten appends), not part of the replay time. The day is stored as ingestion stores it:"
  echo "pseudonymous events without words, the texts in \`mention_keys\`, which the replay joins back in for its term counts."
  echo
  echo "| mentions replayed | events (table size) | fill (untimed set-up) | replay from the store | mentions/s | buzz events | RSS before / peak |"
  echo "|---|---|---|---|---|---|---|"
  echo "$stored"
} > "$out"
bash ops/bench/write-section.sh replay "$out"
