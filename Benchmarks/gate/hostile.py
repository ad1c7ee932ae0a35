#!/usr/bin/env python3
"""Times `own gate` on hostile migrations (the inputs of SQLLexerTests' one-pass test), beside a
floor: the same command on one ordinary migration, in the same run. Prints each input's median of
RUNS runs and its ratio to the floor. The unit test counts work; speed is measured here.

Usage: Benchmarks/gate/hostile.py [path to own] (default: a release build, made if missing)."""
import os, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
runs = int(os.environ.get("RUNS", "5"))
if len(sys.argv) > 1:
    own = sys.argv[1]
else:
    subprocess.run(["swift", "build", "-c", "release", "--product", "own"], cwd=root, check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "own-gate"], cwd=root, check=True)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root,
                              check=True, capture_output=True, text=True).stdout.strip()
    own = os.path.join(bin_path, "own")

inputs = {
    "floor (one ALTER TABLE)": "ALTER TABLE orders ADD COLUMN a int;\n",
    "200k unclosed comments": "/*" * 200_000,
    "1 MB unclosed string": "'" + "x" * 1_000_000,
    "dollar tags, near misses": "$" + "a" * 50_000 + "$" + ("$" + "a" * 49_999) * 20,
    "300k $$ pairs": "$$" * 300_001,
    "400k parentheses": "((((" * 100_000,
    "50k statements": "ALTER TABLE orders ADD COLUMN a int;\n" * 50_000,
}

def median_seconds(folder):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([own, "gate", "--format", "gcc", "--fail-on", "never", folder],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

with tempfile.TemporaryDirectory() as scratch:
    results = {}
    for name, sql in inputs.items():
        folder = os.path.join(scratch, str(len(results)))
        os.makedirs(folder)
        with open(os.path.join(folder, "V1__hostile.sql"), "w") as f:
            f.write(sql)
        results[name] = median_seconds(folder)
    floor = results["floor (one ALTER TABLE)"]
    for name, seconds in results.items():
        print(f"{name:28} median {seconds * 1000:8.1f} ms   {seconds / floor:6.1f}x floor")
