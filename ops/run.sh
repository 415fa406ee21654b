#!/usr/bin/env bash
# The main job: start PostgreSQL, RabbitMQ and the Crisis host, register the demo brands, write the synthetic
# scenario and ingest it through the real intake, then print what the store holds. The host keeps running.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
run="$root/.run"
mkdir -p "$run"
port=${CRISIS_PORT:-5080}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash ops/start-servers.sh
echo "[run] building (Release)"
dotnet build Crisis.sln -c Release -nologo -v quiet >/dev/null

bin="$root/services/Crisis.Host/bin/Release/net10.0"
cli="dotnet $root/services/Crisis.Cli/bin/Release/net10.0/crisis.dll"

if [ -f "$run/host.pid" ] && kill -0 "$(cat "$run/host.pid")" 2>/dev/null; then
  echo "[run] stopping the previous host"
  kill "$(cat "$run/host.pid")"; sleep 2
fi
echo "[run] starting the host on http://127.0.0.1:$port (log: .run/host.log)"
# Development applies the store schema at start-up; production runs 'crisis db migrate' instead.
ASPNETCORE_ENVIRONMENT=Development nohup dotnet "$bin/Crisis.Host.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$port" \
  >"$run/host.log" 2>&1 &
echo $! >"$run/host.pid"
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 "$(cat "$run/host.pid")" 2>/dev/null || { echo "[run] the host stopped; see .run/host.log"; tail -20 "$run/host.log"; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "[run] the host did not become ready; see .run/host.log"; exit 1; }

for brand in "atlas-air:Atlas Air" "souk-market:Souk Market" "medina-telecom:Medina Telecom"; do
  curl -fs -X POST "http://127.0.0.1:$port/api/brands" -H 'content-type: application/json' \
    -d "{\"id\":\"${brand%%:*}\",\"name\":\"${brand#*:}\",\"organisationId\":\"demo\"}" >/dev/null
done
echo "[run] registered brands atlas-air, souk-market, medina-telecom"

$cli sample --out "$run/sample.ndjson"
$cli ingest "$run/sample.ndjson"
echo "[run] ingesting the same file again adds nothing:"
$cli ingest "$run/sample.ndjson"
$cli mentions summary

cat <<MSG
[run] the host is still running: http://127.0.0.1:$port (API: POST /api/mentions, GET /api/brands; health: /health/ready)
[run] stop it with: kill \$(cat .run/host.pid); stop the servers with: bash ops/stop-servers.sh
MSG
