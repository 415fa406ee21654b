#!/usr/bin/env bash
# Runs every test: installs and starts PostgreSQL and RabbitMQ when missing, builds in Release, runs the unit
# and integration test projects, and ends with one line "N passed, N failed, N skipped".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash ops/start-servers.sh || { echo "could not start the servers"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# The browser tests drive Debian's Chromium; a fresh machine does not have it.
bash ops/install-browser.sh || { echo "could not install chromium"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build Crisis.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

log=$(mktemp)
# Test projects run one after another (-m:1): the integration suite starts host processes and 2 cores are few.
dotnet test Crisis.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary line per test assembly: "Passed!  - Failed: 0, Passed: 36, Skipped: 0, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | awk -F'[:,]' '
  { for (i = 1; i < NF; i++) { gsub(/ /, "", $i); v = $(i + 1); gsub(/ /, "", v);
      if ($i ~ /Failed$/) f += v; else if ($i == "Passed") p += v; else if ($i == "Skipped") s += v } }
  END { print p + 0, f + 0, s + 0 }')
aborted=$(grep -c 'Test Run Aborted' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=$((aborted > 0 ? aborted : 1)); fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
