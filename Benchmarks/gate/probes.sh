#!/usr/bin/env bash
# Times `own-gate --database-url` (the data probes) on tables of a few million rows, against a floor measured in
# the same run: the same gate without a database. Prints medians; a probe's share should stay within its budget.
# Starts a private PostgreSQL with .ci/postgres.sh (as scripts/test does) unless OWN_TEST_POSTGRES_URL is set.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${RUNS:-7}
rows=${ROWS:-3000000}
if [ -z "${OWN_TEST_POSTGRES_URL:-}" ]; then
    # shellcheck source=/dev/null
    source .ci/postgres.sh
fi
url=$OWN_TEST_POSTGRES_URL
swift build --product own-gate >/dev/null
gate="$(swift build --show-bin-path)/own-gate"

psql -q -v ON_ERROR_STOP=1 "$url" <<SQL
DROP SCHEMA IF EXISTS probe_bench CASCADE;
CREATE SCHEMA probe_bench;
CREATE TABLE probe_bench.events (id bigint PRIMARY KEY, code text, placed_at timestamptz);
INSERT INTO probe_bench.events
  SELECT g, 'code-' || (g % ($rows / 3)), CASE WHEN g % 100000 = 0 THEN NULL ELSE now() END
  FROM generate_series(1, $rows) g;
CREATE INDEX ON probe_bench.events (placed_at);
ANALYZE probe_bench.events;
SQL

dir=$(mktemp -d)
trap 'rm -rf "$dir"; psql -q "$url" -c "DROP SCHEMA IF EXISTS probe_bench CASCADE" >/dev/null 2>&1 || true' EXIT
timeouts="SET lock_timeout = '2s'; SET statement_timeout = '5s';"
echo "$timeouts
CREATE UNIQUE INDEX CONCURRENTLY events_code ON probe_bench.events (code);" >"$dir/unique.sql"
echo "$timeouts
ALTER TABLE probe_bench.events ALTER COLUMN placed_at SET NOT NULL;" >"$dir/not-null.sql"

# Median wall time in milliseconds of running the command $runs times.
median() {
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "rows: $rows; runs: $runs; own-gate: debug build at $gate"
for migration in unique not-null; do
    floor=$(median "$gate" "$dir/$migration.sql")
    for budget in 500ms 2s; do
        probed=$(median "$gate" --database-url "$url" --probe-budget "$budget" "$dir/$migration.sql")
        echo "$migration: budget $budget: median $probed ms with probes; floor (no database) $floor ms; the database (connect, sizes, probes) added $((probed - floor)) ms"
    done
    echo "  finding: $("$gate" --database-url "$url" --probe-budget 2s "$dir/$migration.sql" | grep -o '\[probe-[a-z-]*\].*' | head -1 | cut -c1-200)"
done
