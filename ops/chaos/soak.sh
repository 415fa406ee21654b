#!/usr/bin/env bash
# Chaos soak (issue 19): mentions over HTTP and the bus at a target rate for a set time, while host processes are
# SIGKILLed and restarted and PostgreSQL and RabbitMQ are stopped and started; then counts acknowledged against stored
# mentions (lost, doubled), dead letters, incidents per buzz and pages per idempotency key received by a local inbox,
# and writes a section of docs/benchmarks.md ("chaos", or "chaos-outage-<kinds>" for scripted outages).
#
# By default it uses servers of its own (a PostgreSQL 15 cluster on 5433 and a RabbitMQ node on 5673, created when
# missing: see ops/chaos/servers.sh), so it needs no lock and stops nobody else's servers. Build in Release first.
#   ops/chaos/soak.sh --minutes 10                      # random faults: what section "chaos" shows
#   ops/chaos/soak.sh --minutes 60                      # the issue's one-hour benchmark
#   ops/chaos/soak.sh --rate 1000 --outage postgres:600 # one 10-minute PostgreSQL outage under steady load
#   ops/chaos/soak.sh --rate 1000 --outage rabbitmq:600 # one 10-minute RabbitMQ outage under steady load
#   flock /tmp/crisis-integration.lock ops/chaos/soak.sh --servers shared --minutes 10   # on the shared servers
# Options: --minutes N (10; with --outage: long enough for the outages plus 2 minutes before and 4 after),
# --rate N mentions/s (5000), --hosts N (2), --buzzes N (3), --fault-every S (60: mean seconds between random faults),
# --faults LIST (kill,postgres,rabbitmq: the kinds to draw from), --outage KIND:SECONDS (repeatable: scripted outages
# of postgres or rabbitmq instead of random faults, the first --outage-at S (120) into the load, --outage-gap S (300) apart; the
# bus client then lets the intake queue grow to --max-backlog N (2,000,000) instead of 20,000), --servers own|shared
# (own), --section NAME, --no-write (report on stdout only).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# shellcheck source=ops/servers.env
source ops/servers.env

minutes="" rate=5000 hosts=2 buzzes=3 fault_every=60 write=1 faults=kill,postgres,rabbitmq servers=own section=""
outages=() outage_at=120 outage_gap=300 max_backlog=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --outage) [[ $2 =~ ^(postgres|rabbitmq):[0-9]+$ ]] || { echo "--outage takes postgres:SECONDS or rabbitmq:SECONDS" >&2; exit 2; }
       outages+=("$2"); shift 2 ;;
    --outage-at) outage_at=$2; shift 2 ;;
    --outage-gap) outage_gap=$2; shift 2 ;;
    --max-backlog) max_backlog=$2; shift 2 ;;
    --servers) [[ $2 =~ ^(own|shared)$ ]] || { echo "--servers takes own or shared" >&2; exit 2; }
       servers=$2; shift 2 ;;
    --section) section=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --hosts) hosts=$2; shift 2 ;;
    --buzzes) buzzes=$2; shift 2 ;;
    --fault-every) fault_every=$2; shift 2 ;;
    --faults) faults=$2; shift 2 ;;
    --no-write) write=0; shift ;;
    *) echo "usage: $0 [--minutes N] [--rate N] [--hosts N] [--buzzes N] [--fault-every S] [--faults kill,postgres,rabbitmq] [--outage postgres|rabbitmq:SECONDS]... [--outage-at S] [--outage-gap S] [--max-backlog N] [--servers own|shared] [--section NAME] [--no-write]" >&2; exit 2 ;;
  esac
done
# Scripted outages: --outage-gap seconds apart (300), then 4 minutes of load after the last, so that the catch-up is measured under load.
outage_seconds=0
for o in "${outages[@]}"; do outage_seconds=$((outage_seconds + ${o#*:})); done
if [ ${#outages[@]} -gt 0 ]; then
  : "${minutes:=$(( (outage_at + outage_seconds + outage_gap * (${#outages[@]} - 1) + 240 + 59) / 60 ))}"
  : "${max_backlog:=2000000}"
  : "${section:=chaos-outage-$(printf '%s\n' "${outages[@]%%:*}" | sort -u | paste -sd-)}"
fi
: "${minutes:=10}" "${max_backlog:=20000}" "${section:=chaos}"
# shellcheck source=ops/chaos/servers.sh
source ops/chaos/servers.sh

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
pg="Host=127.0.0.1;Port=$pg_port;Database=$CRISIS_PG_DATABASE;Username=$CRISIS_PG_USER;Password=$CRISIS_PG_PASSWORD;Maximum Pool Size=30"
rabbit="amqp://$CRISIS_RABBIT_USER:$CRISIS_RABBIT_PASSWORD@127.0.0.1:$rabbit_port/$vhost"
bin=Release/net10.0
host_dll="$root/services/Crisis.Host/bin/$bin/Crisis.Host.dll"
cli_dll="$root/services/Crisis.Cli/bin/$bin/crisis.dll"
bench_dll="$root/tests/Crisis.Benchmarks/bin/$bin/Crisis.Benchmarks.dll"
for dll in "$host_dll" "$cli_dll" "$bench_dll"; do [ -f "$dll" ] || { echo "build first (dotnet build Crisis.sln -c Release): $dll missing" >&2; exit 1; }; done
psql_do() { PGPASSWORD=$CRISIS_PG_PASSWORD psql -qtA -h 127.0.0.1 -p "$pg_port" -U "$CRISIS_PG_USER" -d "$CRISIS_PG_DATABASE" -c "$1"; }

inbox_pid=""
cleanup() {
  set +e
  [ -f "$work/stop" ] || touch "$work/stop"
  [ -n "${chaos_pid:-}" ] && kill "$chaos_pid" 2>/dev/null
  [ -n "${sampler_pid:-}" ] && kill "$sampler_pid" 2>/dev/null
  for f in "$work"/host-*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
  [ -n "$inbox_pid" ] && kill "$inbox_pid" 2>/dev/null
  servers_up
  log "logs and figures kept in $work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM  # so that a stopped soak still kills its hosts and restarts the servers (cleanup, on exit)

servers_up
# A virtual host of its own, emptied first: the soak's queues never meet the tests' or a developer's.
rmq -q delete_vhost "$vhost" >/dev/null 2>&1 || true
rmq -q add_vhost "$vhost" >/dev/null
rmq -q set_permissions -p "$vhost" "$CRISIS_RABBIT_USER" ".*" ".*" ".*" >/dev/null

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
    Logging__LogLevel__Marten.Events.Daemon=Information Logging__LogLevel__JasperFx.Events.Daemon=Information \
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
log "$hosts hosts up ($urls), $servers servers (PostgreSQL $pg_port, RabbitMQ $rabbit_port), schema $schema, vhost $vhost, inbox on $inbox_port; soak of $minutes min at $rate/s${outages:+, outages ${outages[*]} from ${outage_at}s}"

server_down() {
  case $1 in
    postgres) pg_stop || true ;;
    rabbitmq) rabbit_stop || true ;;
  esac
}
server_back() {
  case $1 in
    postgres) pg_start ;;
    rabbitmq) rabbit_start ;;
  esac
}

# Faults, one at a time, at random intervals around --fault-every; every fault is undone before the next.
chaos_loop() {
  while [ ! -f "$work/stop" ]; do
    local pause=$((fault_every / 2 + RANDOM % (fault_every + 1)))
    while [ "$pause" -gt 0 ] && [ ! -f "$work/stop" ]; do sleep 1; pause=$((pause - 1)); done
    [ -f "$work/stop" ] && break
    local down=$((5 + RANDOM % 11))
    local kinds
    IFS=, read -r -a kinds <<< "$faults"
    local kind=${kinds[$((RANDOM % ${#kinds[@]}))]}
    case $kind in
      kill) local i=$((1 + RANDOM % hosts))
         echo "$(date -u +%s) kill host-$i" >> "$work/faults.log"; log "kill -9 host $i, restart after ${down}s"
         kill -9 "$(cat "$work/host-$i.pid")" 2>/dev/null || true
         sleep "$down"; start_host "$i" || true ;;
      *) echo "$(date -u +%s) $kind ${down}s" >> "$work/faults.log"; log "$kind down for ${down}s"
         server_down "$kind"; sleep "$down"; server_back "$kind" ;;
    esac
  done
}

# Scripted outages (--outage): each server stopped for its full length, whatever the load does meanwhile.
outage_plan() {
  local wait=$outage_at
  for o in "${outages[@]}"; do
    local kind=${o%%:*} down=${o#*:}
    while [ "$wait" -gt 0 ] && [ ! -f "$work/stop" ]; do sleep 1; wait=$((wait - 1)); done
    [ -f "$work/stop" ] && break
    echo "$(date -u +%s) $kind ${down}s" >> "$work/faults.log"; log "$kind down for ${down}s"
    server_down "$kind"
    local left=$down
    while [ "$left" -gt 0 ] && [ ! -f "$work/stop" ]; do
      sleep 1; left=$((left - 1))
      # Halfway through, what an operator's probe reads (kept for the runbook and the report).
      if [ "$left" = $((down / 2)) ]; then
        curl -s -m 10 -w ' HTTP %{http_code}' http://127.0.0.1:5401/health/ready > "$work/ready-$kind.txt" 2>&1 || true
        log "halfway: host 1 /health/ready: $(jq -c '.failing' < <(sed 's/ HTTP [0-9]*$//' "$work/ready-$kind.txt") 2>/dev/null)$(grep -o ' HTTP [0-9]*$' "$work/ready-$kind.txt")"
      fi
    done
    server_back "$kind"; log "$kind back after $((down - left))s"
    wait=$outage_gap
  done
}

# What the broker holds while the load runs: the intake queue (ready, unacknowledged), the node's memory and its
# alarms, every 30 s (nothing while the broker is stopped). Read at the end for the report.
broker_sampler() {
  while [ ! -f "$work/stop" ]; do
    local q mem alarms
    # Bounded: a CLI call made while the node stops or starts can hang, and would end the sampling for the run.
    q=$(timeout 20 rabbitmqctl "${rabbit_node_args[@]}" -q list_queues -p "$vhost" name messages_ready messages_unacknowledged 2>/dev/null | awk '$1=="crisis-mentions" {print $2, $3}')
    mem=$(timeout 20 rabbitmqctl "${rabbit_node_args[@]}" -q eval 'erlang:memory(total).' 2>/dev/null)
    alarms=$(timeout 20 rabbitmqctl "${rabbit_node_args[@]}" -q eval 'rabbit_alarm:get_alarms().' 2>/dev/null | tr -d '\n ')
    [ -n "$q" ] && echo "$(date -u +%s) ${q} ${mem:-?} ${alarms:-?}" >> "$work/broker.log"
    sleep 30
  done
}
broker_sampler &
sampler_pid=$!

if [ ${#outages[@]} -gt 0 ]; then outage_plan & else chaos_loop & fi
chaos_pid=$!

nice dotnet "$bench_dll" chaos-load --hosts "$urls" --rabbitmq "$rabbit" --key "$work/key.json" --org chaos-org \
  --rate "$rate" --duration $((minutes * 60)) --buzzes "$buzzes" --max-backlog "$max_backlog" --acks "$work/acks.txt" --summary "$work/load.json" | tee "$work/load.log"

touch "$work/stop"
log "load over; waiting for the current fault to be undone"
wait "$chaos_pid" || true
servers_up
for i in $(seq 1 "$hosts"); do kill -0 "$(cat "$work/host-$i.pid")" 2>/dev/null || start_host "$i"; done

# Drain: the intake queue empty, every projection and subscription caught up, then a minute for pages in flight.
drain_started=$SECONDS
log "draining"
# At most 20 minutes: a shard that stopped for good must not hold the count back; it is named in the report instead.
for _ in $(seq 1 600); do
  queued=$(rmq -q list_queues -p "$vhost" name messages 2>/dev/null | awk '$1=="crisis-mentions" {print $2}')
  lag=$(psql_do "SELECT (SELECT coalesce(max(seq_id),0) FROM $schema.mt_events) - coalesce(min(last_seq_id),0) FROM $schema.mt_event_progression WHERE name LIKE '%:%'" 2>/dev/null || echo x)
  [ "${queued:-0}" = 0 ] && [ "$lag" = 0 ] && break
  [ $SECONDS -lt $((drain_started + 1200)) ] || break
  sleep 2
done
log "drained (queue ${queued:-?}, lag $lag); a minute for the last pages"
sleep 60

where="its own servers (PostgreSQL cluster 15/chaos, RabbitMQ node chaos@localhost)"
[ "$servers" = shared ] && where="the shared servers"
if [ ${#outages[@]} -gt 0 ]; then
  title="Outages under load: ${outages[*]}"
  note="Command: \`ops/chaos/soak.sh --rate $rate --outage ${outages[*]}\` ($minutes minutes of load on $where; the first outage began ${outage_at} s into the load$([ ${#outages[@]} -gt 1 ] && echo ", each next one ${outage_gap} s after the previous ended")). No other faults."
else
  title="Chaos soak"
  note="This was a $minutes-minute run on $where with a fault about every $fault_every s; the issue's benchmark is one hour: \`ops/chaos/soak.sh --minutes 60\`."
fi
kill "$sampler_pid" 2>/dev/null || true
status=0
dotnet "$bench_dll" chaos-report --connection "$pg" --schema "$schema" --acks "$work/acks.txt" --summary "$work/load.json" \
  --inbox "$work/inbox.ndjson" --rabbitmq "$rabbit" --faults "$work/faults.log" --host-logs "$work" --title "$title" --note "$note" --out "$work/section.md" || status=$?
# The broker's side, from the sampler: what the intake queue and the node's memory reached, and any alarm raised.
if [ -s "$work/broker.log" ]; then
  awk '{ if ($2 + $3 > q) q = $2 + $3; if ($4 > m) m = $4; if ($5 != "[]" && $5 != "?") a = a " " $5 }
       END { printf "| broker, sampled every 30 s | intake queue at most %d messages (ready + unacknowledged), node memory at most %.0f MB, alarms: %s |\n", q, m / 1048576, (a == "" ? "none" : a) }' \
    "$work/broker.log" | tee -a "$work/section.md"
fi
behind=$(psql_do "SELECT string_agg(name || ' ' || ((SELECT max(seq_id) FROM $schema.mt_events) - last_seq_id) || ' events behind (last progress ' || to_char(last_updated AT TIME ZONE 'UTC', 'HH24:MI:SS') || ' UTC)', ', ') FROM $schema.mt_event_progression WHERE name LIKE '%:%' AND last_seq_id < (SELECT max(seq_id) FROM $schema.mt_events)" 2>/dev/null || echo "unreadable")
echo "| projections and subscriptions at the count | ${behind:-all caught up} |" | tee -a "$work/section.md"
if [ "$write" = 1 ]; then bash ops/bench/write-section.sh "$section" "$work/section.md"; fi
for f in "$work"/host-*.pid; do kill -9 "$(cat "$f")" 2>/dev/null || true; done
psql_do "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null || true
rmq -q delete_vhost "$vhost" >/dev/null 2>&1 || true
exit $status
