#!/usr/bin/env bash
# The main job: start PostgreSQL, RabbitMQ and the Crisis host, register the demo brands, write the synthetic
# scenario and ingest it through the real intake, then print what the store holds. The host keeps running.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
run="$root/.run"
mkdir -p "$run"
port=${CRISIS_PORT:-5080}
# The demo gets a schema of its own, emptied on every run, so it always tells the same story.
schema=${CRISIS_DEMO_SCHEMA:-demo}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash ops/start-servers.sh
echo "[run] building (Release)"
dotnet build Crisis.sln -c Release -nologo -v quiet >/dev/null

bin="$root/services/Crisis.Host/bin/Release/net10.0"
cli() { dotnet "$root/services/Crisis.Cli/bin/Release/net10.0/crisis.dll" "$@" --schema "$schema"; }
sample() { dotnet "$root/services/Crisis.Cli/bin/Release/net10.0/crisis.dll" sample "$@"; }

if [ -f "$run/host.pid" ] && kill -0 "$(cat "$run/host.pid")" 2>/dev/null; then
  echo "[run] stopping the previous host"
  kill "$(cat "$run/host.pid")"; sleep 2
fi
# The API requires a token: the demo makes its own local signing key once (kept in .run/, readable by you only)
# and issues itself an admin token of the demo organisation with it.
key="$run/signing-key.json"
[ -f "$key" ] || dotnet "$root/services/Crisis.Cli/bin/Release/net10.0/crisis.dll" token --create-key "$key"
token=$(dotnet "$root/services/Crisis.Cli/bin/Release/net10.0/crisis.dll" token --key "$key" --org demo --role admin --name demo-operator --expires 8h)
echo "$token" >"$run/token"
auth=(-H "Authorization: Bearer $token")
PGPASSWORD=crisis psql -q -h 127.0.0.1 -U crisis crisis -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null
echo "[run] starting the host on http://127.0.0.1:$port (log: .run/host.log)"
# Development applies the store schema at start-up; production runs 'crisis db migrate' instead.
ASPNETCORE_ENVIRONMENT=Development EventStore__Schema="$schema" Authentication__Jwt__SigningKeyFiles__0="$key" nohup dotnet "$bin/Crisis.Host.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$port" \
  >"$run/host.log" 2>&1 &
echo $! >"$run/host.pid"
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 "$(cat "$run/host.pid")" 2>/dev/null || { echo "[run] the host stopped; see .run/host.log"; tail -20 "$run/host.log"; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "[run] the host did not become ready; see .run/host.log"; exit 1; }

for brand in "atlas-air:Atlas Air" "souk-market:Souk Market" "medina-telecom:Medina Telecom"; do
  curl -fs -X POST "http://127.0.0.1:$port/api/brands" "${auth[@]}" -H 'content-type: application/json' \
    -d "{\"id\":\"${brand%%:*}\",\"name\":\"${brand#*:}\",\"organisationId\":\"demo\"}" >/dev/null
done
echo "[run] registered brands atlas-air, souk-market, medina-telecom"

# Connectors post mentions with an ingest-only API key, which an admin creates (its secret is shown once).
secret=$(curl -fs -X POST "http://127.0.0.1:$port/api/keys" "${auth[@]}" -H 'content-type: application/json' -d '{"name":"demo-connector"}' \
  | sed -E 's/.*"secret":"([^"]+)".*/\1/')
echo "[run] created the ingest API key of demo-connector"

sample --out "$run/sample.ndjson"
# Through the real HTTP intake, in batches, as connectors would send them.
split -l 2000 "$run/sample.ndjson" "$run/batch-"
for batch in "$run"/batch-*; do
  curl -fs -X POST "http://127.0.0.1:$port/api/mentions" -H "X-Api-Key: $secret" -H 'content-type: application/x-ndjson' --data-binary @"$batch" >/dev/null
done
rm -f "$run"/batch-*
echo "[run] ingested over HTTP; the file intake now finds every mention already known:"
cli ingest "$run/sample.ndjson"
cli mentions summary
echo "[run] waiting for detection to catch up"
for _ in $(seq 1 60); do
  curl -fs "${auth[@]}" "http://127.0.0.1:$port/api/brands/medina-telecom/buzz" >/dev/null 2>&1 && break
  sleep 1
done
sleep 3
cli buzz

cat <<MSG
[run] the host is still running: http://127.0.0.1:$port; every API call needs the demo's admin token, saved in .run/token:
      curl -H "Authorization: Bearer \$(cat .run/token)" http://127.0.0.1:$port/api/incidents
      (incidents opened from the pages: GET /api/incidents; buzz: GET /api/buzz; API description: /openapi/v1.json)
[run] stop it with: kill \$(cat .run/host.pid); stop the servers with: bash ops/stop-servers.sh
MSG
