# Shared by the deploy/local scripts. Source it; do not run it.
#
# Layout of the local stack (all under .local/ at the repository root, or SAHEL_LOCAL_DIR):
#   stack.env            settings of the running stack (DATABASE_URL, KAFKA_BROKERS, ...)
#   pg/                  the PostgreSQL cluster (or a pointer to it, see pg_dir)
#   tansu/               the broker's working directory (sqlite storage: survives restarts)
#   logs/<name>.log      one log per process
#   run/<name>.pid       one pid file per process

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="${SAHEL_LOCAL_DIR:-$ROOT/.local}"
SERVICES=(writer normalizer extractor)

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# The directory with initdb and pg_ctl: PG_BIN, the one initdb on PATH lives in, or the
# newest /usr/lib/postgresql/*/bin.
pg_bindir() {
    if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return 0; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return 0; fi
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$d" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    return 1
}

# PostgreSQL refuses to run as root: when we are root, run its programs as `postgres`.
as_pg() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

tansu_bin() {
    if [ -n "${TANSU_BIN:-}" ]; then echo "$TANSU_BIN"; return 0; fi
    if command -v tansu >/dev/null 2>&1; then command -v tansu; return 0; fi
    if [ -x "$HOME/.cargo/bin/tansu" ]; then echo "$HOME/.cargo/bin/tansu"; return 0; fi
    return 1
}

# Warn, before a long build, when the disk holding target/ has less room than a cold build
# of the test suite takes (measured: see README, "The two commands"); a full disk otherwise
# shows up twenty minutes later as a linker crash.
check_build_room() { # megabytes_a_cold_build_takes
    local target dir have_mb free_mb
    target="$(target_dir)"
    dir="$target"
    while [ ! -d "$dir" ]; do dir="$(dirname "$dir")"; done
    free_mb="$(df -Pm "$dir" | awk 'NR == 2 { print $4 }')"
    have_mb=0
    [ -d "$target" ] && have_mb="$(du -sm "$target" 2>/dev/null | cut -f1)"
    if [ "$((free_mb + have_mb))" -lt "$1" ]; then
        warn "a cold build of the test suite takes about $(($1 / 1024)) GB under $target, and" \
            "only $((free_mb / 1024)) GB are free there (plus $((have_mb / 1024)) GB already built):" \
            "the build may fail with 'No space left on device'. Free some room, or set" \
            "CARGO_TARGET_DIR to a directory on a larger disk."
    fi
}

# Where cargo puts what it builds (CARGO_TARGET_DIR, else target/ at the repository root).
target_dir() { echo "${CARGO_TARGET_DIR:-$ROOT/target}"; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_port() { # port timeout_seconds what
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    die "$3 did not listen on 127.0.0.1:$1 within $2 s (see $LOCAL/logs)"
}

wait_healthy() { # url timeout_seconds what
    local i
    for ((i = 0; i < $2 * 5; i++)); do
        if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "$1" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    return 1
}

# Where the PostgreSQL data lives. The `postgres` user must be able to reach it; when the
# checkout sits where it cannot (under /root, say), the cluster goes to /var/tmp instead and
# .local/pg.path says where.
pg_dir() {
    if [ -f "$LOCAL/pg.path" ]; then cat "$LOCAL/pg.path"; return 0; fi
    local dir="$LOCAL/pg"
    if is_root && ! runuser -u postgres -- test -x "$LOCAL" 2>/dev/null; then
        dir="/var/tmp/sahel-monitor-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)/pg"
    fi
    echo "$dir" >"$LOCAL/pg.path"
    echo "$dir"
}

pid_alive() { # name
    local f="$LOCAL/run/$1.pid"
    [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

psql_stack() { # args...
    psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -P pager=off "$@"
}
