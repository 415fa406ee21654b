#!/usr/bin/env bash
# Installs (only when missing) and starts PostgreSQL 15 and RabbitMQ 3.10 on loopback with the project's
# credentials, then waits until both accept connections. Safe to run again: every step checks first.
# No Docker engine exists on our machines, so the servers come from Debian's packages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=ops/servers.env
source "$here/servers.env"

log() { printf '[servers] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ $apt_updated -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  # Keep the configuration this script wrote before the install (loopback only) rather than asking about it.
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" >/dev/null
}

start_postgres() {
  if ! command -v pg_ctlcluster >/dev/null || [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
    log "installing PostgreSQL 15"
    apt_install postgresql-15 postgresql-client-15
  fi
  if ! pg_lsclusters -h | awk '$1==15 && $2=="main"' | grep -q .; then
    as_root pg_createcluster 15 main >/dev/null
  fi
  local conf=/etc/postgresql/15/main/conf.d/crisis.conf
  if [ ! -f "$conf" ]; then
    # Loopback only; enough connections for several hosts plus the test suite; faster commits are
    # not traded for durability (synchronous_commit stays on: we acknowledge only committed mentions).
    as_root tee "$conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $CRISIS_PG_PORT
max_connections = 300
shared_buffers = 512MB
wal_buffers = 16MB
max_wal_size = 4GB
checkpoint_timeout = 15min
CONF
  fi
  if ! pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL 15"
    as_root pg_ctlcluster 15 main start
  fi
  for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$CRISIS_PG_PORT"; then break; fi
    sleep 1
  done
  pg_isready -q -h 127.0.0.1 -p "$CRISIS_PG_PORT" || { log "PostgreSQL did not accept connections"; exit 1; }
  as_root su postgres -c "psql -q -p $CRISIS_PG_PORT -tc \"SELECT 1 FROM pg_roles WHERE rolname='$CRISIS_PG_USER'\"" | grep -q 1 ||
    as_root su postgres -c "psql -q -p $CRISIS_PG_PORT -c \"CREATE ROLE $CRISIS_PG_USER LOGIN CREATEDB PASSWORD '$CRISIS_PG_PASSWORD'\""
  as_root su postgres -c "psql -q -p $CRISIS_PG_PORT -tc \"SELECT 1 FROM pg_database WHERE datname='$CRISIS_PG_DATABASE'\"" | grep -q 1 ||
    as_root su postgres -c "psql -q -p $CRISIS_PG_PORT -c \"CREATE DATABASE $CRISIS_PG_DATABASE OWNER $CRISIS_PG_USER\""
  log "PostgreSQL ready on 127.0.0.1:$CRISIS_PG_PORT (database $CRISIS_PG_DATABASE)"
}

rabbit_env() {
  # Written before the package is installed, so that even the package's own first start binds loopback only.
  as_root mkdir -p /etc/rabbitmq
  as_root tee /etc/rabbitmq/rabbitmq-env.conf >/dev/null <<CONF
# Written by Crisis ops/start-servers.sh: AMQP, inter-node and CLI traffic stay on loopback.
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=$CRISIS_RABBIT_PORT
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export ERL_EPMD_ADDRESS=127.0.0.1
CONF
}

rabbit_listens_on_loopback_only() {
  ! ss -ltn "( sport = :$CRISIS_RABBIT_PORT )" | awk 'NR>1 {print $4}' | grep -qvE '^127\.0\.0\.1:'
}

start_rabbitmq() {
  if ! grep -q "Written by Crisis" /etc/rabbitmq/rabbitmq-env.conf 2>/dev/null; then rabbit_env; fi
  if ! command -v rabbitmq-server >/dev/null; then
    log "installing RabbitMQ 3.10 (Debian package; the first install takes a minute or two)"
    apt_install rabbitmq-server
  fi
  if as_root rabbitmqctl -q status >/dev/null 2>&1 && ! rabbit_listens_on_loopback_only; then
    log "RabbitMQ is listening beyond loopback: restarting it with the project's settings"
    as_root rabbitmqctl -q stop >/dev/null
  fi
  if ! as_root rabbitmqctl -q status >/dev/null 2>&1; then
    # The package's install may have started the Erlang port mapper on every interface; the node restarts it on loopback.
    if ss -ltn "( sport = :4369 )" | awk 'NR>1 {print $4}' | grep -qvE '^(127\.0\.0\.1|\[::1\]):'; then as_root pkill -x epmd || true; fi
    log "starting RabbitMQ"
    as_root rabbitmq-server -detached >/dev/null 2>&1
  fi
  # -detached returns before the node registers with epmd, and await_startup fails on an absent node: poll.
  local waited=0
  until as_root rabbitmqctl -q await_startup --timeout 30 >/dev/null 2>&1; do
    waited=$((waited + 2))
    [ $waited -lt 180 ] || { log "RabbitMQ did not start; see /var/log/rabbitmq/"; exit 1; }
    sleep 2
  done
  if ! as_root rabbitmqctl -q list_users | awk '{print $1}' | grep -qx "$CRISIS_RABBIT_USER"; then
    as_root rabbitmqctl -q add_user "$CRISIS_RABBIT_USER" "$CRISIS_RABBIT_PASSWORD" >/dev/null
    as_root rabbitmqctl -q set_user_tags "$CRISIS_RABBIT_USER" administrator >/dev/null
  fi
  # One virtual host for running Crisis, one for its tests, so a test run never consumes a live queue.
  for vhost in "$CRISIS_RABBIT_VHOST" "$CRISIS_RABBIT_TEST_VHOST"; do
    if ! as_root rabbitmqctl -q list_vhosts | grep -qx "$vhost"; then
      as_root rabbitmqctl -q add_vhost "$vhost" >/dev/null
    fi
    as_root rabbitmqctl -q set_permissions -p "$vhost" "$CRISIS_RABBIT_USER" ".*" ".*" ".*" >/dev/null
  done
  log "RabbitMQ ready on 127.0.0.1:$CRISIS_RABBIT_PORT (vhosts $CRISIS_RABBIT_VHOST, $CRISIS_RABBIT_TEST_VHOST)"
}

case "${1:-all}" in
  postgres) start_postgres ;;
  rabbitmq) start_rabbitmq ;;
  all) start_postgres; start_rabbitmq ;;
  *) echo "usage: $0 [all|postgres|rabbitmq]" >&2; exit 2 ;;
esac
