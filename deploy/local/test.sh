#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing (PostgreSQL, Tansu,
# cargo-nextest), checks formatting and lints, validates the compose file, and runs every
# test. The end-to-end tests start their own PostgreSQL and Tansu on free ports; nothing
# else needs to be running.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/deploy/local/install.sh"
check_build_room 5120
log "cargo fmt --check"
cargo fmt --all --check
log "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -q -- -D warnings
log "validating deploy/compose.yaml"
"$ROOT/deploy/check-compose.sh"
# The fault tests (tests/tests/writer_faults.rs, tests/tests/faults.rs) run the service
# binaries as child processes (to SIGKILL them) and build them when they are stale; building
# them here keeps that build out of the tests' time limits on a fresh checkout.
log "building the service binaries for the fault tests"
cargo build --locked -q -p sahel-fetcher -p sahel-normalizer -p sahel-extractor -p sahel-writer --bins
log "cargo nextest run"
cargo nextest run --workspace --locked --profile ci "$@"
