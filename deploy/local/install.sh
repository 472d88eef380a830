#!/usr/bin/env bash
# Installs what the local stack and the tests need and are missing, and reuses what is there:
#   - PostgreSQL server binaries and psql (Debian packages), and a `postgres` system user when
#     running as root (PostgreSQL refuses to run as root);
#   - Tansu, the Kafka-compatible broker: `cargo install tansu --locked --features
#     dynostore,libsql` into ~/.cargo/bin (about 10 minutes on 2 cores, once);
#   - cargo-nextest, the test runner.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v cargo >/dev/null 2>&1 || die "cargo is missing: install the Rust toolchain (https://rustup.rs) first"
command -v python3 >/dev/null 2>&1 || die "python3 is missing: apt-get install python3"

apt_packages=()
pg_bindir >/dev/null || apt_packages+=(postgresql)
command -v psql >/dev/null 2>&1 || apt_packages+=(postgresql-client)
if [ ${#apt_packages[@]} -gt 0 ]; then
    is_root || die "missing ${apt_packages[*]}: run 'sudo apt-get install ${apt_packages[*]}' (or run this script as root)"
    log "installing ${apt_packages[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
    pg_bindir >/dev/null || die "PostgreSQL binaries still not found after installing them; set PG_BIN"
fi
if is_root && ! id postgres >/dev/null 2>&1; then
    log "creating the 'postgres' system user (PostgreSQL does not run as root)"
    useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
fi

if ! tansu_bin >/dev/null; then
    log "installing Tansu into ~/.cargo/bin (about 10 minutes the first time)"
    cargo install tansu --locked --features dynostore,libsql
fi
tansu_bin >/dev/null || die "tansu is still not found after installing it; set TANSU_BIN"

if ! cargo nextest --version >/dev/null 2>&1; then
    log "installing cargo-nextest"
    cargo install cargo-nextest --locked
fi
log "prerequisites present: PostgreSQL $("$(pg_bindir)/postgres" --version | awk '{print $3}'), $("$(tansu_bin)" --version 2>/dev/null || echo tansu), $(cargo nextest --version | head -n 1)"
