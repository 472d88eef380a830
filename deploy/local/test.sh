#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing (PostgreSQL, Tansu,
# cargo-nextest), checks formatting and lints, validates the compose file, and runs every
# test. The end-to-end tests start their own PostgreSQL and Tansu on free ports; nothing
# else needs to be running.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/deploy/local/install.sh"
log "cargo fmt --check"
cargo fmt --all --check
log "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -q -- -D warnings
log "validating deploy/compose.yaml"
"$ROOT/deploy/check-compose.sh"
# The writer fault tests run the writer binary as a child process (to SIGKILL it) and build it
# with exactly this command when it is stale; building it here keeps that build out of the
# tests' time limits on a fresh checkout.
log "building the writer binary for the fault tests"
cargo build --locked -q -p sahel-writer --bin sahel-writer
log "cargo nextest run"
cargo nextest run --workspace --locked --profile ci "$@"
