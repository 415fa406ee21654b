#!/usr/bin/env bash
# Chaos soak (issue 19): mentions over HTTP and the bus at a target rate for a set time, while host processes are
# SIGKILLed and restarted and PostgreSQL and RabbitMQ are stopped and started; then counts acknowledged against stored
# mentions (lost, doubled), dead letters, incidents per buzz and pages per idempotency key received by a local inbox,
# and writes section "chaos" of docs/benchmarks.md.
#
# It stops the shared servers: run it under the integration lock, and build in Release first.
#   flock /tmp/crisis-integration.lock ops/chaos/soak.sh --minutes 10            # what docs/benchmarks.md shows
#   flock /tmp/crisis-integration.lock ops/chaos/soak.sh --minutes 60            # the issue's one-hour benchmark
# Options: --minutes N (10), --rate N mentions/s (5000), --hosts N (2), --buzzes N (3), --fault-every S (60: mean
# seconds between faults), --faults LIST (kill,postgres,rabbitmq: the kinds to draw from), --no-write (report on stdout
# only).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# shellcheck source=ops/servers.env
source ops/servers.env

minutes=10 rate=5000 hosts=2 buzzes=3 fault_every=60 write=1 faults=kill,postgres,rabbitmq
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --hosts) hosts=$2; shift 2 ;;
    --buzzes) buzzes=$2; shift 2 ;;
    --fault-every) fault_every=$2; shift 2 ;;
    --faults) faults=$2; shift 2 ;;
    --no-write) write=0; shift ;;
    *) echo "usage: $0 [--minutes N] [--rate N] [--hosts N] [--buzzes N] [--fault-every S] [--faults kill,postgres,rabbitmq] [--no-write]" >&2; exit 2 ;;
  esac
done

# The servers are restarted from this script: they must not inherit the integration lock's descriptor, or the lock
# would stay held by PostgreSQL or RabbitMQ after the soak. flock itself keeps the lock until the soak ends.
for fd in /proc/$$/fd/*; do
  if [ "$(readlink "$fd" 2>/dev/null)" = /tmp/crisis-integration.lock ]; then eval "exec $(basename "$fd")>&-"; fi
done

log() { printf '[soak %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
run=$(date -u +%m%d%H%M%S)
work=$(mktemp -d "/tmp/crisis-chaos-$run-XXXX")
schema="chaos_$run"
vhost=crisis-chaos
pg="Host=127.0.0.1;Port=$CRISIS_PG_PORT;Database=$CRISIS_PG_DATABASE;Username=$CRISIS_PG_USER;Password=$CRISIS_PG_PASSWORD;Maximum Pool Size=30"
rabbit="amqp://$CRISIS_RABBIT_USER:$CRISIS_RABBIT_PASSWORD@127.0.0.1:$CRISIS_RABBIT_PORT/$vhost"
bin=Release/net10.0
host_dll="$root/services/Crisis.Host/bin/$bin/Crisis.Host.dll"
cli_dll="$root/services/Crisis.Cli/bin/$bin/crisis.dll"
bench_dll="$root/tests/Crisis.Benchmarks/bin/$bin/Crisis.Benchmarks.dll"
for dll in "$host_dll" "$cli_dll" "$bench_dll"; do [ -f "$dll" ] || { echo "build first (dotnet build Crisis.sln -c Release): $dll missing" >&2; exit 1; }; done
psql_do() { PGPASSWORD=$CRISIS_PG_PASSWORD psql -qtA -h 127.0.0.1 -p "$CRISIS_PG_PORT" -U "$CRISIS_PG_USER" -d "$CRISIS_PG_DATABASE" -c "$1"; }

servers_up() {
  pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online || pg_ctlcluster 15 main start
  rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1 || { rabbitmqctl -q start_app; rabbitmqctl -q await_startup; }
}

inbox_pid=""
cleanup() {
  set +e
  [ -f "$work/stop" ] || touch "$work/stop"
  [ -n "${chaos_pid:-}" ] && kill "$chaos_pid" 2>/dev/null
  for f in "$work"/host-*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
  [ -n "$inbox_pid" ] && kill "$inbox_pid" 2>/dev/null
  servers_up
  log "logs and figures kept in $work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM  # so that a stopped soak still kills its hosts and restarts the servers (cleanup, on exit)

bash ops/start-servers.sh >/dev/null
# A virtual host of its own, emptied first: the soak's queues never meet the tests' or a developer's.
rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost "$vhost" >/dev/null
rabbitmqctl -q set_permissions -p "$vhost" "$CRISIS_RABBIT_USER" ".*" ".*" ".*" >/dev/null

# The run's signing key, detector options (two-hour warm-up, as the operations specs), on-call file paging the inbox.
dotnet "$bench_dll" chaos-key --out "$work/key.json" >/dev/null
jq '.WarmUp = "02:00:00" | .MinimumHistory = "01:00:00"' docs/detector-options.default.json > "$work/detector-options.json"
inbox_port=$((5900 + RANDOM % 90))
secret=chaos-secret
cat > "$work/on-call.json" <<JSON
{
  "rotations": [ { "id": "cell", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "oncall" } ] } ],
  "levels": [ { "level": 1, "afterUnacknowledged": "00:00:00", "rotationIds": [ "cell" ] } ],
  "repeatLimit": 0,
  "noise": { "maxNotificationsPerWindow": 50, "capWindow": "01:00:00", "quietRenotifyInterval": "01:00:00", "groupingWindow": "00:00:03" },
  "contacts": { "oncall": [ { "id": "webhook", "channel": "Webhook", "url": "http://127.0.0.1:$inbox_port/hooks/oncall", "secret": "$secret" } ] }
}
JSON
dotnet "$cli_dll" inbox --port "$inbox_port" --out "$work/inbox.ndjson" --secret "$secret" > "$work/inbox.log" 2>&1 &
inbox_pid=$!
touch "$work/inbox.ndjson" "$work/faults.log"

start_host() {
  local i=$1 port=$((5400 + $1))
  # env, not export: configuration keys such as the on-call file's organisation hold '-', which no shell variable may.
  env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Crisis="$pg" ConnectionStrings__RabbitMq="$rabbit" \
    EventStore__Schema="$schema" EventStore__ApplySchemaOnStartup=true Logging__LogLevel__Default=Warning \
    Authentication__Jwt__SigningKeyFiles__0="$work/key.json" \
    "Ingestion__Bus__Organisations__$CRISIS_RABBIT_USER=chaos-org" \
    Ingestion__RateLimit__Burst=100000000 Ingestion__RateLimit__PermitsPerPeriod=100000000 \
    "Notifications__OnCallFiles__chaos-org=$work/on-call.json" Notifications__PublicBaseUrl=http://crisis.chaos/ \
    Detection__OptionsFile="$work/detector-options.json" CrisisCell__LatePageHorizon=01:00:00 \
    nice dotnet "$host_dll" >> "$work/host-$i.log" 2>&1 &
  echo $! > "$work/host-$i.pid"
  disown  # killed on purpose: no job notice
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/live" && return 0
    sleep 1
  done
  log "host $i did not start; see $work/host-$i.log"
  return 1
}

# The first host creates the schema alone; the others start once it exists.
for i in $(seq 1 "$hosts"); do start_host "$i"; done
urls=$(for i in $(seq 1 "$hosts"); do printf 'http://127.0.0.1:%d,' $((5400 + i)); done)
urls=${urls%,}
log "$hosts hosts up ($urls), schema $schema, vhost $vhost, inbox on $inbox_port; soak of $minutes min at $rate/s"

# Faults, one at a time, at random intervals around --fault-every; every fault is undone before the next.
chaos_loop() {
  while [ ! -f "$work/stop" ]; do
    local pause=$((fault_every / 2 + RANDOM % (fault_every + 1)))
    while [ "$pause" -gt 0 ] && [ ! -f "$work/stop" ]; do sleep 1; pause=$((pause - 1)); done
    [ -f "$work/stop" ] && break
    local down=$((5 + RANDOM % 11))
    local kinds
    IFS=, read -r -a kinds <<< "$faults"
    case ${kinds[$((RANDOM % ${#kinds[@]}))]} in
      kill) local i=$((1 + RANDOM % hosts))
         echo "$(date -u +%s) kill host-$i" >> "$work/faults.log"; log "kill -9 host $i, restart after ${down}s"
         kill -9 "$(cat "$work/host-$i.pid")" 2>/dev/null || true
         sleep "$down"; start_host "$i" || true ;;
      postgres) echo "$(date -u +%s) postgres ${down}s" >> "$work/faults.log"; log "PostgreSQL down for ${down}s"
         pg_ctlcluster 15 main stop -m fast || true
         sleep "$down"; pg_ctlcluster 15 main start ;;
      rabbitmq) echo "$(date -u +%s) rabbitmq ${down}s" >> "$work/faults.log"; log "RabbitMQ down for ${down}s"
         rabbitmqctl -q stop_app || true
         sleep "$down"; rabbitmqctl -q start_app; rabbitmqctl -q await_startup ;;
    esac
  done
}
chaos_loop &
chaos_pid=$!

nice dotnet "$bench_dll" chaos-load --hosts "$urls" --rabbitmq "$rabbit" --key "$work/key.json" --org chaos-org \
  --rate "$rate" --duration $((minutes * 60)) --buzzes "$buzzes" --acks "$work/acks.txt" --summary "$work/load.json" | tee "$work/load.log"

touch "$work/stop"
log "load over; waiting for the current fault to be undone"
wait "$chaos_pid" || true
servers_up
for i in $(seq 1 "$hosts"); do kill -0 "$(cat "$work/host-$i.pid")" 2>/dev/null || start_host "$i"; done

# Drain: the intake queue empty, every projection and subscription caught up, then a minute for pages in flight.
log "draining"
for _ in $(seq 1 600); do
  queued=$(rabbitmqctl -q list_queues -p "$vhost" name messages 2>/dev/null | awk '$1=="crisis-mentions" {print $2}')
  lag=$(psql_do "SELECT (SELECT coalesce(max(seq_id),0) FROM $schema.mt_events) - coalesce(min(last_seq_id),0) FROM $schema.mt_event_progression WHERE name LIKE '%:%'" 2>/dev/null || echo x)
  [ "${queued:-0}" = 0 ] && [ "$lag" = 0 ] && break
  sleep 2
done
log "drained (queue ${queued:-?}, lag $lag); a minute for the last pages"
sleep 60

note="This was a $minutes-minute run with a fault about every $fault_every s; the issue's benchmark is one hour: \`flock /tmp/crisis-integration.lock ops/chaos/soak.sh --minutes 60\` (stops the shared servers)."
status=0
dotnet "$bench_dll" chaos-report --connection "$pg" --schema "$schema" --acks "$work/acks.txt" --summary "$work/load.json" \
  --inbox "$work/inbox.ndjson" --rabbitmq "$rabbit" --faults "$work/faults.log" --host-logs "$work" --note "$note" --out "$work/section.md" || status=$?
if [ "$write" = 1 ]; then bash ops/bench/write-section.sh chaos "$work/section.md"; fi
for f in "$work"/host-*.pid; do kill -9 "$(cat "$f")" 2>/dev/null || true; done
psql_do "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null || true
rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
exit $status
