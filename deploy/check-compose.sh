#!/usr/bin/env bash
# Statically validates deploy/compose.yaml (no Docker engine needed) and the
# provisioned Grafana dashboards' JSON.
#
# Compose tool, in order of preference:
#   1. `docker compose` (the v2 plugin),
#   2. `docker-compose` (v1, e.g. Debian's 1.29 package),
#   3. Debian's `docker-compose`, installed with apt-get when running as root.
# With none of these it prints "SKIPPED: no compose tool" to stderr and exits 0
# if SAHEL_ALLOW_SKIP_COMPOSE=1, else 1.
#
# Usage: deploy/check-compose.sh   (from any directory)
set -euo pipefail

script="${BASH_SOURCE[0]}"
if [[ "$script" == */* ]]; then
    cd "${script%/*}"
fi

compose_file=compose.yaml
compose=()

if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
    compose=(docker-compose)
elif [[ "${EUID}" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "check-compose: no compose tool found; installing Debian's docker-compose" >&2
    apt_log="$(mktemp)"
    if { apt-get update -qq \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose; } >"$apt_log" 2>&1 \
        && command -v docker-compose >/dev/null 2>&1; then
        compose=(docker-compose)
    else
        echo "check-compose: installing docker-compose with apt-get failed:" >&2
        cat "$apt_log" >&2
    fi
    rm -f "$apt_log"
fi

if [[ ${#compose[@]} -eq 0 ]]; then
    echo "SKIPPED: no compose tool (neither 'docker compose' nor 'docker-compose', and cannot install one)" >&2
    if [[ "${SAHEL_ALLOW_SKIP_COMPOSE:-}" == 1 ]]; then
        exit 0
    fi
    echo "check-compose: set SAHEL_ALLOW_SKIP_COMPOSE=1 to allow skipping" >&2
    exit 1
fi

# The service roles' passwords are required (no defaults committed); validate
# with placeholders when they are not set.
for v in SAHEL_FETCHER_DB_PASSWORD SAHEL_NORMALIZER_DB_PASSWORD SAHEL_WRITER_DB_PASSWORD; do
    if [[ -z "${!v:-}" ]]; then
        export "$v=placeholder-for-validation"
    fi
done

echo "check-compose: ${compose[*]} -f ${compose_file} config -q"
"${compose[@]}" -f "${compose_file}" config -q
echo "check-compose: ${compose_file} OK"

# The dashboards are mounted into Grafana as-is; a JSON syntax error only shows
# up in Grafana's log, so catch it here.
if command -v python3 >/dev/null 2>&1; then
    for f in grafana/dashboards/*.json; do
        [[ -e "$f" ]] || continue
        python3 -m json.tool "$f" >/dev/null
        echo "check-compose: ${f} OK"
    done
fi
