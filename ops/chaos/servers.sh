# Sourced by ops/chaos/soak.sh: which PostgreSQL and RabbitMQ the soak uses, and how it stops and starts them.
#
# --servers own (the default): a PostgreSQL 15 cluster and a RabbitMQ node of the soak's own, created here when
# missing, on loopback, on ports of their own, so that stopping them for minutes breaks nobody else's work and the
# integration lock is not needed:
#   PostgreSQL: cluster 15/chaos on 127.0.0.1:$CHAOS_PG_PORT (5433), started and stopped with pg_ctlcluster
#   RabbitMQ:   node chaos@localhost on 127.0.0.1:$CHAOS_RABBIT_PORT (5673), distribution port 25673, no plugins,
#               its database and logs under $CHAOS_RABBIT_BASE (/var/lib/rabbitmq/chaos)
# Remove them with: pg_dropcluster --stop 15 chaos; rabbitmqctl -n chaos@localhost stop; rm -rf /var/lib/rabbitmq/chaos
#
# --servers shared: the servers of ops/start-servers.sh (5432, 5672), which the tests and other developers use;
# run the soak under `flock /tmp/crisis-integration.lock` then.
# The caller sets $servers (own|shared) and has sourced ops/servers.env.

CHAOS_PG_PORT=${CHAOS_PG_PORT:-5433}
CHAOS_RABBIT_PORT=${CHAOS_RABBIT_PORT:-5673}
CHAOS_RABBIT_NODE=${CHAOS_RABBIT_NODE:-chaos@localhost}
CHAOS_RABBIT_BASE=${CHAOS_RABBIT_BASE:-/var/lib/rabbitmq/chaos}

if [ "$servers" = own ]; then
  pg_cluster=chaos
  pg_port=$CHAOS_PG_PORT
  rabbit_port=$CHAOS_RABBIT_PORT
  rabbit_node_args=(-n "$CHAOS_RABBIT_NODE")
else
  pg_cluster=main
  pg_port=$CRISIS_PG_PORT
  rabbit_port=$CRISIS_RABBIT_PORT
  rabbit_node_args=()
fi

rmq() { rabbitmqctl "${rabbit_node_args[@]}" "$@"; }

pg_online() { pg_lsclusters -h | awk -v c="$pg_cluster" '$1==15 && $2==c {print $4}' | grep -q online; }
pg_start() { pg_online || pg_ctlcluster 15 "$pg_cluster" start; }
pg_stop() { pg_ctlcluster 15 "$pg_cluster" stop -m fast; }
rabbit_stop() { rmq -q stop_app; }
rabbit_start() { rmq -q start_app; rmq -q await_startup; }

# The own node's environment: every setting the shared node takes from /etc/rabbitmq, given here instead.
rabbit_own_env() {
  env RABBITMQ_NODENAME="$CHAOS_RABBIT_NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$CHAOS_RABBIT_PORT" \
    RABBITMQ_DIST_PORT=$((CHAOS_RABBIT_PORT + 20000)) RABBITMQ_CONF_ENV_FILE="$CHAOS_RABBIT_BASE/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$CHAOS_RABBIT_BASE/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$CHAOS_RABBIT_BASE/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$CHAOS_RABBIT_BASE/mnesia" RABBITMQ_LOG_BASE="$CHAOS_RABBIT_BASE/log" \
    RABBITMQ_PID_FILE="$CHAOS_RABBIT_BASE/chaos.pid" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" "$@"
}

own_postgres_up() {
  if ! pg_lsclusters -h | awk '$1==15 && $2=="chaos"' | grep -q .; then
    pg_createcluster 15 chaos --port "$CHAOS_PG_PORT" >/dev/null
    # Loopback only; the shared cluster's settings (ops/start-servers.sh) at a smaller size; commits stay synchronous.
    cat > /etc/postgresql/15/chaos/conf.d/crisis.conf <<CONF
listen_addresses = '127.0.0.1'
port = $CHAOS_PG_PORT
max_connections = 200
shared_buffers = 256MB
wal_buffers = 16MB
max_wal_size = 4GB
checkpoint_timeout = 15min
CONF
  fi
  pg_start
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$CHAOS_PG_PORT" && break; sleep 1; done
  su postgres -c "psql -q -p $CHAOS_PG_PORT -tc \"SELECT 1 FROM pg_roles WHERE rolname='$CRISIS_PG_USER'\"" | grep -q 1 ||
    su postgres -c "psql -q -p $CHAOS_PG_PORT -c \"CREATE ROLE $CRISIS_PG_USER LOGIN CREATEDB PASSWORD '$CRISIS_PG_PASSWORD'\""
  su postgres -c "psql -q -p $CHAOS_PG_PORT -tc \"SELECT 1 FROM pg_database WHERE datname='$CRISIS_PG_DATABASE'\"" | grep -q 1 ||
    su postgres -c "psql -q -p $CHAOS_PG_PORT -c \"CREATE DATABASE $CRISIS_PG_DATABASE OWNER $CRISIS_PG_USER\""
}

own_rabbitmq_up() {
  if [ ! -d "$CHAOS_RABBIT_BASE" ]; then
    mkdir -p "$CHAOS_RABBIT_BASE/mnesia" "$CHAOS_RABBIT_BASE/log"
    : > "$CHAOS_RABBIT_BASE/rabbitmq-env.conf"
    echo '[].' > "$CHAOS_RABBIT_BASE/enabled_plugins"
    # Loopback only, and the shared node's defaults otherwise (memory high watermark 0.4, consumer_timeout 30 min).
    printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users = none\n' "$CHAOS_RABBIT_PORT" > "$CHAOS_RABBIT_BASE/rabbitmq.conf"
    chown -R rabbitmq:rabbitmq "$CHAOS_RABBIT_BASE"
  fi
  if ! rmq -q status >/dev/null 2>&1; then
    (cd /var/lib/rabbitmq && rabbit_own_env su rabbitmq -s /bin/sh -c "/usr/lib/rabbitmq/bin/rabbitmq-server -detached") >/dev/null 2>&1
  fi
  # A stopped application (a soak interrupted mid-outage) is started again.
  local waited=0
  until rmq -q await_startup --timeout 30 >/dev/null 2>&1; do
    rmq -q start_app >/dev/null 2>&1 || true
    waited=$((waited + 2))
    [ $waited -lt 180 ] || { echo "RabbitMQ node $CHAOS_RABBIT_NODE did not start; see $CHAOS_RABBIT_BASE/log" >&2; return 1; }
    sleep 2
  done
  if ! rmq -q list_users | awk '{print $1}' | grep -qx "$CRISIS_RABBIT_USER"; then
    rmq -q add_user "$CRISIS_RABBIT_USER" "$CRISIS_RABBIT_PASSWORD" >/dev/null
    rmq -q set_user_tags "$CRISIS_RABBIT_USER" administrator >/dev/null
  fi
}

# Both servers up (created first when own and missing); also what undoes an outage interrupted by the soak's end.
servers_up() {
  if [ "$servers" = own ]; then
    own_postgres_up
    own_rabbitmq_up
  else
    bash ops/start-servers.sh >/dev/null
    pg_start
    rmq -q await_startup --timeout 5 >/dev/null 2>&1 || rabbit_start
  fi
}
