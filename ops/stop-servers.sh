#!/usr/bin/env bash
# Stops what start-servers.sh started. Data stays on disk.
set -uo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if command -v rabbitmqctl >/dev/null && as_root rabbitmqctl -q status >/dev/null 2>&1; then
  as_root rabbitmqctl -q stop && echo "[servers] RabbitMQ stopped"
fi
if command -v pg_ctlcluster >/dev/null && pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
  as_root pg_ctlcluster 15 main stop && echo "[servers] PostgreSQL stopped"
fi
