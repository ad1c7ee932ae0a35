#!/usr/bin/env bash
# Times own-gate on hostile migrations (unterminated comments, strings and dollar quotes, deep parentheses, a
# 50,000-statement file, 5,000 findings on one line) at one and two times their size: the ratio shows the reading stays linear. The floor
# is own-gate on a one-statement file, measured in the same run. Prints medians of RUNS runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${RUNS:-5}
data=Benchmarks/data/gate-hostile
mkdir -p "$data"
python3 - "$data" <<'PY'
import sys
out = sys.argv[1]
shapes = {
    "comments": lambda n: "/*" * (200_000 * n),
    "string": lambda n: "'" + "x" * (1_000_000 * n),
    "dollar-tags": lambda n: "$" + "a" * 50_000 + "$" + ("$" + "a" * 49_999) * (20 * n),
    "dollars": lambda n: "$$" * (300_000 * n) + "$",
    "parentheses": lambda n: "((((" * (100_000 * n),
    "statements": lambda n: "ALTER TABLE orders ADD COLUMN a int;\n" * (50_000 * n),
    # Many findings on one line (a squashed or generated migration): each finding's column was
    # counted from the line's start, quadratic in the line's length.
    "one-line": lambda n: "ALTER TABLE users " + ", ".join(f"ADD COLUMN c{i} int DEFAULT random()" for i in range(5_000 * n)) + ";\n",
}
for name, make in shapes.items():
    for n in (1, 2):
        open(f"{out}/{name}-{n}x.sql", "w").write(make(n))
open(f"{out}/floor.sql", "w").write("SELECT 1;\n")
PY
gate=${GATE:-}
if [ -z "$gate" ]; then
    swift build --product own-gate >/dev/null
    gate="$(swift build --show-bin-path)/own-gate"
fi

median() {
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$gate" --format gcc --fail-on never "$1" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

floor=$(median "$data/floor.sql")
echo "floor (one statement): $floor ms; runs: $runs; own-gate: $gate"
for name in comments string dollar-tags dollars parentheses statements one-line; do
    one=$(median "$data/$name-1x.sql")
    two=$(median "$data/$name-2x.sql")
    ratio=$(python3 -c "print(f'{($two - $floor) / max(1, $one - $floor):.2f}')")
    echo "$name: 1x $one ms, 2x $two ms; (2x - floor) / (1x - floor) = $ratio (linear: about 2)"
done
