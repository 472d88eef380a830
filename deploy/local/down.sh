#!/usr/bin/env bash
# Stops the local stack cleanly: the services first (SIGTERM: they finish their batch and
# commit their offsets), then the broker, then PostgreSQL. Data stays in .local/ for the next
# `up.sh`; `down.sh --purge` deletes it too.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop_pid() { # name seconds
    local f="$LOCAL/run/$1.pid" pid i
    [ -f "$f" ] || return 0
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < $2 * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            warn "$1 did not stop within $2 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        else
            log "stopped $1"
        fi
    fi
    rm -f "$f"
}

for s in fetcher "${SERVICES[@]}"; do stop_pid "$s" 20; done
stop_pid tansu 10
if [ -f "$LOCAL/pg.path" ] && [ -d "$(cat "$LOCAL/pg.path")/data" ]; then
    pgdata="$(cat "$LOCAL/pg.path")/data"
    if [ -f "$pgdata/postmaster.pid" ]; then
        as_pg "$(pg_bindir)/pg_ctl" -D "$pgdata" -w -m fast stop >/dev/null && log "stopped PostgreSQL"
    fi
fi
rm -f "$LOCAL/run/postgres.pid"
if [ "${1:-}" = "--purge" ]; then
    [ -f "$LOCAL/pg.path" ] && rm -rf "$(dirname "$(cat "$LOCAL/pg.path")")"
    rm -rf "$LOCAL"
    log "deleted the local stack's data"
fi
