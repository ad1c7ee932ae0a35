#!/usr/bin/env bash
# The team store's engines: push of 10,000 events and pull of 1,000,000 (EVENTS=…), on SQLite and on
# a private PostgreSQL (.ci/postgres.sh), each beside its floor in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${OWN_TEST_POSTGRES_URL:-}" ]; then
    # shellcheck source=/dev/null
    source .ci/postgres.sh
fi
swift build -c release --product own-teamstore-bench >/dev/null
"$(swift build -c release --show-bin-path)/own-teamstore-bench" \
    --database-url "$OWN_TEST_POSTGRES_URL" --events "${EVENTS:-1000000}"
