#!/usr/bin/env bash
# Runs every benchmark and rewrites its section of docs/benchmarks.md. Run it on a quiet machine: the
# figures are only as good as the machine is idle (two cores here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/ingestion.sh" "$@"
bash "$here/detector.sh"
bash "$here/replay.sh"
bash "$here/reporting.sh"
bash "$here/scoring.sh"
bash "$here/nab.sh"
bash "$here/scenarios.sh"
bash "$here/notify.sh"
