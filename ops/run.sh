#!/usr/bin/env bash
# The main job, the demo a newcomer sees first: starts PostgreSQL, RabbitMQ, a local notification inbox, a local press
# feed, the Crisis host and a connectors node following that feed; registers three brands; streams the bundled synthetic scenario (36 hours of multilingual
# chatter, a bad buzz cascading from an influencer's complaint, a positive campaign spike) through the real HTTP
# intake — the first 34 hours at once, the next 110 minutes at 60x real time, the last minutes live — and prints where to look and what
# happened: the incident, how long after the onset it opened, who was paged, what the playbook asks next, its timeline, in the
# user's language and zone (LANG and TZ, or CRISIS_LOCALE=fr|ar|en and CRISIS_TIME_ZONE=Africa/Algiers). The host keeps running.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
run="$root/.run"
mkdir -p "$run"
port=${CRISIS_PORT:-5080}
# Fixed: ops/demo/on-call.json names this port in every contact URL.
inbox_port=5091
# The demo's local news feed (ops/demo/press-feed.tsv), followed by the host's rss connector.
feed_port=${CRISIS_FEED_PORT:-5092}
url="http://127.0.0.1:$port"
# The demo gets a schema of its own, emptied on every run, so it always tells the same story.
schema=${CRISIS_DEMO_SCHEMA:-demo}
speed=60
paced_minutes=110
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash ops/start-servers.sh
echo "[run] building (Release)"
dotnet build Crisis.sln -c Release -nologo -v quiet >/dev/null

bin="$root/services/Crisis.Host/bin/Release/net10.0"
crisis() { dotnet "$root/services/Crisis.Cli/bin/Release/net10.0/crisis.dll" "$@"; }

for name in host inbox feed connectors; do
  if [ -f "$run/$name.pid" ] && kill -0 "$(cat "$run/$name.pid")" 2>/dev/null; then
    echo "[run] stopping the previous $name"
    kill "$(cat "$run/$name.pid")"; sleep 2
  fi
done
# Both ports are fixed for the run: say who holds one before anything starts, rather than failing later in a log.
port_holder() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p' | head -1; }
if [ -n "$(ss -ltnH "sport = :$port" 2>/dev/null)" ]; then
  echo "[run] port $port (the Crisis host) is taken by $(port_holder "$port" || true); stop it, or run on another port: CRISIS_PORT=5180 bash ops/run.sh" >&2
  exit 1
fi
if [ -n "$(ss -ltnH "sport = :$inbox_port" 2>/dev/null)" ]; then
  echo "[run] port $inbox_port (the demo's notification inbox) is taken by $(port_holder "$inbox_port" || true); it cannot move by itself:" \
    "ops/demo/on-call.json names it in every contact URL. Stop that process, or change the port in both ops/demo/on-call.json and inbox_port in ops/run.sh." >&2
  exit 1
fi
# The API requires a credential: the demo makes its own local signing key once (kept in .run/, readable by you only)
# and issues itself an admin token of the demo organisation with it (saved in .run/token for curl and the dashboard).
key="$run/signing-key.json"
[ -f "$key" ] || crisis token --create-key "$key"
token=$(crisis token --key "$key" --org demo --role admin --name demo-operator --expires 8h)
echo "$token" >"$run/token"
auth=(-H "Authorization: Bearer $token")
PGPASSWORD=crisis psql -q -h 127.0.0.1 -U crisis crisis -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null
rm -f "$run/inbox.ndjson"

echo "[run] starting the notification inbox on http://127.0.0.1:$inbox_port (log: .run/inbox.log)"
nohup dotnet "$root/services/Crisis.Cli/bin/Release/net10.0/crisis.dll" inbox --port "$inbox_port" --out "$run/inbox.ndjson" --secret demo-webhook-secret \
  >"$run/inbox.log" 2>&1 &
echo $! >"$run/inbox.pid"

echo "[run] starting the press feed on http://127.0.0.1:$feed_port/press.atom (log: .run/feed.log)"
nohup dotnet "$root/services/Crisis.Cli/bin/Release/net10.0/crisis.dll" connectors serve-feed --items "$root/ops/demo/press-feed.tsv" \
  --port "$feed_port" >"$run/feed.log" 2>&1 &
echo $! >"$run/feed.pid"

echo "[run] starting the host on $url (log: .run/host.log)"
# Development applies the store schema at start-up; production runs 'crisis db migrate' instead.
ASPNETCORE_ENVIRONMENT=Development EventStore__Schema="$schema" Authentication__Jwt__SigningKeyFiles__0="$key" \
  Notifications__OnCallFiles__demo="$root/ops/demo/on-call.json" Notifications__PublicBaseUrl="$url/" \
  Desk__Organisations__demo__AnswerWebhook__Url="http://127.0.0.1:$inbox_port/desk/answers" \
  Desk__Organisations__demo__AnswerWebhook__Secret=demo-webhook-secret \
  nohup dotnet "$bin/Crisis.Host.dll" --contentRoot "$bin" --urls "$url" >"$run/host.log" 2>&1 &
echo $! >"$run/host.pid"
for _ in $(seq 1 120); do
  if curl -fs "$url/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 "$(cat "$run/host.pid")" 2>/dev/null || { echo "[run] the host stopped; see .run/host.log"; tail -20 "$run/host.log"; exit 1; }
  sleep 1
done
curl -fs "$url/health/ready" >/dev/null || { echo "[run] the host did not become ready; see .run/host.log"; exit 1; }

for brand in "atlas-air:Atlas Air" "souk-market:Souk Market" "medina-telecom:Medina Telecom"; do
  curl -fs -X POST "$url/api/brands" "${auth[@]}" -H 'content-type: application/json' \
    -d "{\"id\":\"${brand%%:*}\",\"name\":\"${brand#*:}\",\"organisationId\":\"demo\"}" >/dev/null
done
echo "[run] registered brands atlas-air, souk-market, medina-telecom (organisation demo)"

# A node of the connectors role only, as production runs them, following the press feed for the three brands (started
# once the brands exist: the intake refuses mentions of unregistered brands). 'env' passes the brand queries: their keys
# hold the brand ids' hyphens, which bash's own assignments cannot.
echo "[run] starting a connectors node following the press feed (log: .run/connectors.log)"
env EventStore__Schema="$schema" Authentication__Jwt__SigningKeyFiles__0="$key" \
  Crisis__Services__0=connectors Crisis__Services__1=connectors Crisis__Services__2=connectors \
  Connectors__Instances__press__Source=rss Connectors__Instances__press__Organisation=demo \
  Connectors__Instances__press__Targets__0="http://127.0.0.1:$feed_port/press.atom" Connectors__Instances__press__PollInterval=00:00:20 \
  "Connectors__Instances__press__Brands__atlas-air=\"atlas air\" OR أطلس" \
  "Connectors__Instances__press__Brands__souk-market=\"souk market\"" \
  "Connectors__Instances__press__Brands__medina-telecom=\"medina telecom\"" \
  nohup dotnet "$bin/Crisis.Host.dll" --contentRoot "$bin" --urls "http://127.0.0.1:${CRISIS_CONNECTORS_PORT:-5081}" >"$run/connectors.log" 2>&1 &
echo $! >"$run/connectors.pid"
# The stream below posts as a connector would: with an ingest-only API key an admin creates (its secret is shown once).
api_key=$(curl -fs -X POST "$url/api/keys" "${auth[@]}" -H 'content-type: application/json' -d '{"name":"demo-connector"}' \
  | sed -E 's/.*"secret":"([^"]+)".*/\1/')
echo "[run] created the ingest API key of demo-connector"

# The scenario ends three minutes from now. Its last 110 minutes are paced at 60x until they catch up with the
# clock (about two minutes in), then go out live. The buzz starts 25 minutes before the end: its cascade is
# detected while the stream is still ~15 minutes behind the clock, so the playbook's first deadline (30 minutes
# after detection) still lies ahead, as it would live. The campaign spike (100 minutes before the end) comes first.
end=$(date -u -d "@$(( ($(date +%s) / 60 + 3) * 60 ))" +%Y-%m-%dT%H:%M:%SZ)
from=$(date -u -d "$end - $paced_minutes minutes" +%Y-%m-%dT%H:%M:%SZ)
crisis sample --out "$run/sample.ndjson" --end "$end" --buzz-before-end 25 --campaign-before-end 100
echo "[run] dashboard: $url/dashboard/ (watch the buzz arrive; sign in with the token in .run/token)"
crisis stream --input "$run/sample.ndjson" --url "$url" --accelerate-from "$from" --speed "$speed" --api-key "$api_key"

echo "[run] waiting for the crisis cell to open the incident and page on-call"
for _ in $(seq 1 60); do
  [ -s "$run/inbox.ndjson" ] && break
  sleep 1
done
sleep 3
crisis connectors status --schema "$schema"
crisis mentions summary --schema "$schema"
crisis buzz --schema "$schema"
# The story of each incident in the user's language (LC_ALL, LC_MESSAGES or LANG; CRISIS_LOCALE wins) and zone (TZ, or CRISIS_TIME_ZONE).
echo "[run] the incident, as the crisis cell sees it:"
crisis incidents --schema "$schema" ${CRISIS_LOCALE:+--locale "$CRISIS_LOCALE"} ${CRISIS_TIME_ZONE:+--time-zone "$CRISIS_TIME_ZONE"}
# The desk's queue holds the 36 hours of chatter streamed at once too (their authors have waited since); a scripted
# responder answers the five people who wrote last, the buzz's, each in their language; the answers go out through the
# desk's signed webhook, here the local inbox.
echo "[run] the response desk: its first conversations, then a scripted responder answers the five people who wrote last"
crisis desk queue --url "$url" --token "$token" --limit 5 || true
crisis desk respond --url "$url" --token "$token" --answers "$root/ops/demo/desk-answers.json" --count 5 --newest || true
crisis desk kpis --url "$url" --token "$token" || true
echo "[run] notifications and answers the inbox received ($run/inbox.ndjson):"
grep -F '[inbox]' "$run/inbox.log" | grep -v listening || echo "  none"

cat <<MSG
[run] the host is still running: dashboard $url/dashboard/ ; API description $url/openapi/v1.json ;
      incidents GET $url/api/incidents ; buzz GET $url/api/buzz
[run] every API call and the dashboard's sign-in take the demo's admin token, saved in .run/token:
      curl -H "Authorization: Bearer \$(cat .run/token)" $url/api/incidents
[run] stop it with: kill \$(cat .run/host.pid .run/connectors.pid .run/inbox.pid .run/feed.pid); stop the servers with: bash ops/stop-servers.sh
MSG
