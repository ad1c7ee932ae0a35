#!/usr/bin/env bash
# Times `own gate` beside squawk on 2,000 generated migrations, in one hyperfine run.
# Generated data goes to Benchmarks/data/gate (git-ignored); squawk lives in Benchmarks/gate/venv.
# Both tools print one gcc-style line per finding to /dev/null; neither gets table sizes or git.
set -euo pipefail
cd "$(dirname "$0")/../.."

data=Benchmarks/data/gate
venv=Benchmarks/gate/venv
count=${COUNT:-2000}

python3 Benchmarks/gate/generate.py "$data" "$count"

if [ ! -x "$venv/bin/squawk" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q squawk-cli
fi

if ! command -v hyperfine >/dev/null 2>&1; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine >/dev/null
fi

# `own gate` runs own-gate from own's folder: both are timed, as a user runs them.
swift build -c release --product own >/dev/null
swift build -c release --product own-gate >/dev/null
own="$(swift build -c release --show-bin-path)/own"

echo "own:    $("$own" gate --explain all | wc -l) rules; squawk $("$venv/bin/squawk" --version)"
hyperfine --warmup 2 --runs "${RUNS:-15}" --ignore-failure --style basic \
    --export-json "$data/../gate-hyperfine.json" \
    -n "own gate" "$own gate --format gcc --fail-on never $data" \
    -n "squawk" "$venv/bin/squawk --reporter gcc $data/*.sql"

python3 - "$data/../gate-hyperfine.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
own, squawk = results["own gate"]["median"], results["squawk"]["median"]
print(f"median own gate: {own * 1000:.1f} ms; median squawk: {squawk * 1000:.1f} ms; own/squawk = {own / squawk:.2f}")
PY
