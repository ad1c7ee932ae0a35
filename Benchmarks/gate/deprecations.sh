#!/usr/bin/env bash
# What a drop costs `own gate` in a repository with many deprecation marks: it dates only the marks
# on what the change drops, with one `git blame` for each file holding them. Two generated git
# repositories, timed in one hyperfine run: one with a single mark, one with COUNT marks (default
# 500, a file each) besides it; the drop is the same. The figure is their ratio (1.0: the other marks
# cost nothing). Generated repositories go to Benchmarks/data/deprecations (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."

data=Benchmarks/data/deprecations
count=${COUNT:-500}

if ! command -v hyperfine >/dev/null 2>&1; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine >/dev/null
fi
swift build -c release --product own >/dev/null
swift build -c release --product own-gate >/dev/null
own="$(swift build -c release --show-bin-path)/own"

# make REPO MARKS: a repository whose users table has MARKS deprecated columns besides legacy_name,
# each marked in a migration of its own committed 60 days before the run, and an uncommitted drop.
make() {
    local repo=$1 marks=$2
    rm -rf "$repo"
    mkdir -p "$repo/db/migrations"
    git -C "$repo" init -q -b main
    printf 'CREATE TABLE users (id bigint, legacy_name text);\n' >"$repo/db/migrations/0001_users.sql"
    printf "COMMENT ON COLUMN users.legacy_name IS 'deprecated: use name';\n" >"$repo/db/migrations/0002_mark.sql"
    for i in $(seq 1 "$marks"); do
        printf "ALTER TABLE users ADD COLUMN c%d text;\nCOMMENT ON COLUMN users.c%d IS 'deprecated';\n" "$i" "$i" \
            >"$repo/db/migrations/$((1000 + i))_c$i.sql"
    done
    GIT_AUTHOR_DATE=2026-01-01T09:00:00Z GIT_COMMITTER_DATE=2026-01-01T09:00:00Z \
        git -C "$repo" -c user.name=bench -c user.email=bench@own.invalid add -A
    GIT_AUTHOR_DATE=2026-01-01T09:00:00Z GIT_COMMITTER_DATE=2026-01-01T09:00:00Z \
        git -C "$repo" -c user.name=bench -c user.email=bench@own.invalid commit -q -m marks
    printf "SET lock_timeout = '2s';\nSET statement_timeout = '5s';\nALTER TABLE users DROP COLUMN legacy_name;\n" >"$repo/db/migrations/9999_drop.sql"
}
make "$data/one" 0
make "$data/many" "$count"

check="gate --now 2026-03-01T09:00:00Z --fail-on error --format gcc db/migrations/9999_drop.sql"
# Both pass: the drop's mark is 59 days old. A failure here fails the benchmark.
(cd "$data/one" && "$own" $check)
(cd "$data/many" && "$own" $check)
hyperfine --warmup 2 --runs "${RUNS:-20}" --style basic --export-json "$data/hyperfine.json" \
    -n "own gate, 1 mark" "cd $data/one && $own $check" \
    -n "own gate, $count more marks" "cd $data/many && $own $check"

python3 - "$data/hyperfine.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
one, many = (r["median"] for r in results)
print(f"median, 1 mark: {one * 1000:.1f} ms; with {results[1]['command'].split(', ')[1]}: {many * 1000:.1f} ms; "
      f"ratio {many / one:.2f}")
PY
