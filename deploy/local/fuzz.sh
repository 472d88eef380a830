#!/usr/bin/env bash
# Fuzzes the normalizer and the extractor with cargo-fuzz (libFuzzer), each target for a
# bounded time, and prints libFuzzer's figures (executions, execs/s, coverage, corpus).
#
#   deploy/local/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGETs among html_extract, date_resolve, event_code,
# syntax_parse (default: all four). Needs the nightly toolchain (`rustup toolchain install nightly`);
# installs cargo-fuzz when it is missing. The first run builds the whole dependency tree with
# nightly into fuzz/target (about 10 minutes on 2 cores); later runs reuse it.
#
# Environment:
#   SANITIZER  none (default: our code forbids `unsafe`, and without ASan the targets run
#              about twice as fast) or address (ASan, for the dependencies' unsafe code).
#   FUZZ_ARGS  more libFuzzer flags, e.g. "-max_len=65536" or "-runs=100000".
#
# Corpora: fuzz/seeds/<target> (hand-written EN/FR/NL snippets, committed) and
# fuzz/corpus/<target> (what libFuzzer grows, not committed). A crash, a hang over 10 s or a
# run over 2 GB of memory stops the target, leaves the input in fuzz/artifacts/<target>/ and
# makes this script exit non-zero; `cargo +nightly fuzz run <target> <file>` replays it.
# Keep such inputs as regression tests (services/*/tests/fuzz_regressions/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

secs="${1:-60}"
[[ "$secs" =~ ^[0-9]+$ ]] && [ "$secs" -gt 0 ] || { echo "error: SECONDS must be a positive integer, got '$secs'" >&2; exit 2; }
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(html_extract date_resolve event_code syntax_parse)
sanitizer="${SANITIZER:-none}"

rustup toolchain list | grep -q '^nightly' || { echo "error: the nightly toolchain is missing: rustup toolchain install nightly" >&2; exit 2; }
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz" >&2
    cargo +nightly install cargo-fuzz --locked
fi

failed=()
for t in "${targets[@]}"; do
    [ -f "fuzz/fuzz_targets/$t.rs" ] || { echo "error: no fuzz target '$t' (fuzz/fuzz_targets/)" >&2; exit 2; }
    mkdir -p "fuzz/corpus/$t"
    echo "==> fuzzing $t for $secs s (sanitizer: $sanitizer)" >&2
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
    if ! cargo +nightly fuzz run --sanitizer "$sanitizer" --debug-assertions "$t" \
        "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 ${FUZZ_ARGS:-}; then
        failed+=("$t")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "==> found problems in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "==> no crash, hang or out-of-memory in ${targets[*]} ($secs s each)" >&2
