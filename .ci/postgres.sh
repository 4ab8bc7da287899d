#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL on loopback, with a role and database for the
# classroom tests. Idempotent: safe to run on every CI run. Prints the URL the tests read:
#   eval "$(bash .ci/postgres.sh)"    # exports TEST_DATABASE_URL
# Everything it says for humans goes to stderr, so stdout is only the export line.
set -euo pipefail

DB_USER=${VETHLAB_PG_USER:-vethlab_test}
DB_NAME=${VETHLAB_PG_DB:-vethlab_test}
DB_PASS=${VETHLAB_PG_PASSWORD:-vethlab_test}
DB_PORT=${VETHLAB_PG_PORT:-5432}

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

# The newest installed major version.
PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
CLUSTER=main

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $CLUSTER"; then
  log "creating cluster $PG_VERSION/$CLUSTER"
  pg_createcluster "$PG_VERSION" "$CLUSTER" -p "$DB_PORT" >&2
fi

CONF_DIR=/etc/postgresql/$PG_VERSION/$CLUSTER
# Loopback only: the test database must never listen on a public interface.
if ! grep -q "^listen_addresses = 'localhost'" "$CONF_DIR/postgresql.conf"; then
  echo "listen_addresses = 'localhost'" >>"$CONF_DIR/postgresql.conf"
fi
# Tests create and drop many connections quickly; fsync stays on (crash-safety tests may rely on it).

status=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')
if [ "$status" != "online" ]; then
  log "starting cluster $PG_VERSION/$CLUSTER"
  pg_ctlcluster "$PG_VERSION" "$CLUSTER" start >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')

# Wait until it accepts connections.
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p $PORT"; then break; fi
  sleep 1
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $PORT -d postgres -tAc \"$1\""; }

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
  log "creating role $DB_USER"
  psql_admin "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASS'"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
  log "creating database $DB_NAME"
  psql_admin "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi

echo "export TEST_DATABASE_URL=postgres://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB_NAME"
