#!/usr/bin/env bash
# The team server under load (wrk, loopback, bounded): GET /api/v1/loops?owner= at 100k loops / 1M
# events beside /health, push of 10,000 events, pull of every event; on SQLite, then on a private
# PostgreSQL (.ci/postgres.sh). Prints medians of three runs each. LOOPS, EVENTS, DURATION (seconds
# per wrk run) and CONNECTIONS change the size; ENGINES=sqlite runs one engine. READS_ONLY=<team>
# with OWN_TEST_POSTGRES_URL times only the reads of a team an earlier run loaded into that database.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
    # As Benchmarks/run.py installs hyperfine: as root, what the benchmark drives is installed.
    [ "$(id -u)" = 0 ] || { echo "Benchmarks/server: needs wrk (sudo apt-get install -y wrk)" >&2; exit 2; }
    apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null
fi
loops=${LOOPS:-100000}
events=${EVENTS:-1000000}
engines=${ENGINES:-sqlite postgres}
swift build -c release --product own-server >/dev/null
server="$(swift build -c release --show-bin-path)/own-server"
if [ -n "${READS_ONLY:-}" ]; then
    [ -n "${OWN_TEST_POSTGRES_URL:-}" ] || { echo "Benchmarks/server: READS_ONLY needs OWN_TEST_POSTGRES_URL" >&2; exit 2; }
    exec python3 Benchmarks/server/bench.py --server "$server" --database-url "$OWN_TEST_POSTGRES_URL" \
        --reads-only "$READS_ONLY" --duration "${DURATION:-10}" --connections "${CONNECTIONS:-16}"
fi
work=$(mktemp -d /tmp/own-server-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/generate_ledger.py --loops "$loops" --events "$events" >"$work/ledger.jsonl"
for engine in $engines; do
    if [ "$engine" = postgres ]; then
        if [ -z "${OWN_TEST_POSTGRES_URL:-}" ]; then
            # shellcheck source=/dev/null
            source .ci/postgres.sh
        fi
        python3 Benchmarks/server/bench.py --server "$server" --ledger "$work/ledger.jsonl" \
            --database-url "$OWN_TEST_POSTGRES_URL" --duration "${DURATION:-10}" --connections "${CONNECTIONS:-16}"
    else
        python3 Benchmarks/server/bench.py --server "$server" --ledger "$work/ledger.jsonl" \
            --duration "${DURATION:-10}" --connections "${CONNECTIONS:-16}"
    fi
done
