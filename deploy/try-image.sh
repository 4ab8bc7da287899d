#!/bin/sh
# Start the app image with PostgreSQL the way compose.yaml does, through the engine alone (for machines
# without `docker compose`), wait until /readyz answers, fetch a lesson page over loopback, and remove
# everything again (KEEP=1 leaves it running and prints how to remove it). docs/deploy.md, One image.
#
#   deploy/try-image.sh [APP_IMAGE] [POSTGRES_IMAGE]     defaults: vethlab-app, vethlab-postgres
#
# The database is on an --internal network with the app; the app is also on a network of its own to
# publish its port on 127.0.0.1 (a random free port) and nowhere else.
set -eu

DOCKER=${DOCKER:-docker}
APP_IMAGE=${1:-vethlab-app}
POSTGRES_IMAGE=${2:-vethlab-postgres}
NAME=${TRY_NAME:-vethlab-try-$$}
LESSON=${LESSON:-/en/lessons/1-1-veth-and-docker0/}
PASSWORD=try-$$-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')

log() { printf 'try-image: %s\n' "$*" >&2; }
remove() {
  $DOCKER rm -f "$NAME-app" "$NAME-db" >/dev/null 2>&1 || true
  $DOCKER network rm "$NAME-db-net" "$NAME-web-net" >/dev/null 2>&1 || true
}
fail() {
  log "$*"
  log "app log:"
  $DOCKER logs --tail 30 "$NAME-app" >&2 2>&1 || true
  exit 1
}
if [ "${KEEP:-0}" != 1 ]; then trap remove EXIT INT TERM; fi

START=$(date +%s)
$DOCKER network create --internal "$NAME-db-net" >/dev/null
$DOCKER network create "$NAME-web-net" >/dev/null
$DOCKER run -d --name "$NAME-db" --network "$NAME-db-net" --network-alias postgres \
  -e POSTGRES_USER=vethlab -e POSTGRES_PASSWORD="$PASSWORD" -e POSTGRES_DB=vethlab "$POSTGRES_IMAGE" >/dev/null
i=0
until $DOCKER exec "$NAME-db" pg_isready -q -h 127.0.0.1 -U vethlab -d vethlab 2>/dev/null; do
  i=$((i + 1))
  [ "$i" -lt 120 ] || fail "PostgreSQL did not become ready in 60 s"
  sleep 0.5
done
log "PostgreSQL ready after $(($(date +%s) - START)) s"

$DOCKER create --name "$NAME-app" --network "$NAME-web-net" -p 127.0.0.1::4321 \
  -e DATABASE_URL="postgres://vethlab:$PASSWORD@postgres:5432/vethlab" -e SANDBOX_DRIVER=simulator "$APP_IMAGE" >/dev/null
$DOCKER network connect "$NAME-db-net" "$NAME-app"
$DOCKER start "$NAME-app" >/dev/null
PORT=$($DOCKER port "$NAME-app" 4321/tcp | head -n 1 | sed 's/.*://')
URL="http://127.0.0.1:$PORT"
i=0
until curl -fsS -o /dev/null "$URL/readyz" 2>/dev/null; do
  i=$((i + 1))
  [ "$i" -lt 240 ] || fail "$URL/readyz did not answer 200 in 120 s: $(curl -sS "$URL/readyz" 2>&1 || true)"
  [ "$($DOCKER inspect --format '{{.State.Running}}' "$NAME-app")" = true ] || fail "the app container stopped"
  sleep 0.5
done
log "app ready on $URL after $(($(date +%s) - START)) s"

# Ready means the database answered `select 1`, and DATABASE_URL names PostgreSQL: the app is on it.
log "readyz: $(curl -sS "$URL/readyz")"
STATUS=$(curl -sS -o "${TMPDIR:-/tmp}/$NAME-page.html" -w '%{http_code}' "$URL$LESSON")
TITLE=$(grep -o '<title>[^<]*' "${TMPDIR:-/tmp}/$NAME-page.html" | head -n 1 | sed 's/<title>//')
rm -f "${TMPDIR:-/tmp}/$NAME-page.html"
[ "$STATUS" = 200 ] || fail "GET $LESSON answered $STATUS"
log "GET $URL$LESSON: $STATUS, <title> $TITLE"
echo "lesson $STATUS $TITLE"
if [ "${KEEP:-0}" = 1 ]; then log "left running: $URL; remove with: $DOCKER rm -f $NAME-app $NAME-db; $DOCKER network rm $NAME-db-net $NAME-web-net"; fi
