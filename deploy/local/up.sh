#!/usr/bin/env bash
# Starts the local stack: a throwaway PostgreSQL and a Tansu broker on free local ports, and the
# normalizer, extractor and writer services, all under .local/. Reuses a stack that is already
# running. Settings go to .local/stack.env (source it to psql or kcat into the stack).
#
# As in a deployment, the migrations are applied by the database owner (sahel-migrate, as
# `postgres`) and each service connects as its own role (sahel_fetcher, sahel_normalizer,
# sahel_writer: schemas/migrations/0007_roles.sql), without a password: the cluster trusts
# connections from 127.0.0.1. DATABASE_URL in stack.env is the owner's, for people and psql.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$LOCAL/logs" "$LOCAL/run" "$LOCAL/tansu"

all_up=1
for p in postgres tansu "${SERVICES[@]}"; do pid_alive "$p" || all_up=0; done
# A stack started before the service roles existed is restarted (its data stays).
if [ "$all_up" = 1 ] && [ -f "$LOCAL/stack.env" ] && grep -q '^DATABASE_URL_WRITER=' "$LOCAL/stack.env"; then
    log "the local stack is already running ($LOCAL/stack.env)"
    exit 0
fi
# Something is half up: stop it all and start clean (the data stays).
"$(dirname "${BASH_SOURCE[0]}")/down.sh" >/dev/null 2>&1 || true
mkdir -p "$LOCAL/logs" "$LOCAL/run" "$LOCAL/tansu"

# PostgreSQL.
bindir="$(pg_bindir)" || die "PostgreSQL binaries not found: run deploy/local/install.sh"
pgdir="$(pg_dir)"
pgdata="$pgdir/data"
mkdir -p "$pgdir"
is_root && chown postgres: "$pgdir"
if [ ! -f "$pgdata/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $pgdata"
    as_pg "$bindir/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C >"$LOCAL/logs/initdb.log" 2>&1 \
        || die "initdb failed: see $LOCAL/logs/initdb.log"
fi
pg_port="$(free_port)"
log "starting PostgreSQL on 127.0.0.1:$pg_port"
as_pg "$bindir/pg_ctl" -D "$pgdata" -w -t 60 -l "$pgdir/postgres.log" \
    -o "-p $pg_port -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null \
    || die "PostgreSQL did not start: see $pgdir/postgres.log"
head -n 1 "$pgdata/postmaster.pid" >"$LOCAL/run/postgres.pid"
admin_url="postgres://postgres@127.0.0.1:$pg_port/postgres"
if [ "$(psql "$admin_url" -XtAc "SELECT 1 FROM pg_database WHERE datname = 'sahel'")" != 1 ]; then
    psql "$admin_url" -Xq -c "CREATE DATABASE sahel" || die "cannot create the database"
fi
DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/sahel"
# Each service's own role (created by the migrations; trusted on 127.0.0.1, no password).
role_url() { echo "postgres://sahel_$1@127.0.0.1:$pg_port/sahel"; }

# Tansu, with sqlite storage so topics and committed offsets survive a restart.
tansu="$(tansu_bin)" || die "tansu not found: run deploy/local/install.sh"
kafka_port="$(free_port)"
log "starting Tansu on 127.0.0.1:$kafka_port"
(
    cd "$LOCAL/tansu"
    RUST_LOG="${TANSU_LOG:-warn}" nohup "$tansu" broker \
        --listener-url "tcp://127.0.0.1:$kafka_port" \
        --advertised-listener-url "tcp://127.0.0.1:$kafka_port" \
        --storage-engine "sqlite://tansu.db" >"$LOCAL/logs/tansu.log" 2>&1 &
    echo $! >"$LOCAL/run/tansu.pid"
)
wait_port "$kafka_port" 30 "Tansu"
KAFKA_BROKERS="127.0.0.1:$kafka_port"

cat >"$LOCAL/stack.env" <<ENV
# Written by deploy/local/up.sh. Source it: set -a; . .local/stack.env; set +a
DATABASE_URL=$DATABASE_URL
DATABASE_URL_FETCHER=$(role_url fetcher)
DATABASE_URL_NORMALIZER=$(role_url normalizer)
DATABASE_URL_WRITER=$(role_url writer)
KAFKA_BROKERS=$KAFKA_BROKERS
TOPIC_PREFIX=
PGHOST=127.0.0.1
PGPORT=$pg_port
PGUSER=postgres
PGDATABASE=sahel
ENV

log "building the services"
(cd "$ROOT" && cargo build -q --bins -p sahel-fetcher -p sahel-normalizer -p sahel-extractor -p sahel-writer -p sahel-runtime)
bin="$(target_dir)/debug"

log "applying the migrations as the database owner"
DATABASE_URL="$DATABASE_URL" RUST_LOG="${RUST_LOG:-warn}" "$bin/sahel-migrate" >"$LOCAL/logs/migrate.log" 2>&1 \
    || die "the migrations failed: see $LOCAL/logs/migrate.log"

for s in "${SERVICES[@]}"; do
    port="$(free_port)"
    echo "HTTP_ADDR_${s^^}=127.0.0.1:$port" >>"$LOCAL/stack.env"
    db="$DATABASE_URL"
    case "$s" in writer | normalizer | fetcher) db="$(role_url "$s")" ;; esac
    DATABASE_URL="$db" KAFKA_BROKERS="$KAFKA_BROKERS" HTTP_ADDR="127.0.0.1:$port" RUST_LOG="${RUST_LOG:-info}" \
        nohup "$bin/sahel-$s" >"$LOCAL/logs/$s.log" 2>&1 &
    echo $! >"$LOCAL/run/$s.pid"
    wait_healthy "http://127.0.0.1:$port/healthz" 60 || die "$s did not become healthy: see $LOCAL/logs/$s.log"
    log "$s is up (http://127.0.0.1:$port/metrics)"
done
log "local stack ready; settings in $LOCAL/stack.env"
