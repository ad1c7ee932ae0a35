#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for a bounded time on its seed corpus.
#   Fuzz/run.sh dates 60      # the date-expression parser, 60 seconds
#   Fuzz/run.sh events 60     # the JSON Lines event decoder
#   Fuzz/run.sh sql 60        # the SQL lexer and statement splitter
#   Fuzz/run.sh requests 60   # a push body, as the team server decodes it (Event.lines)
# Crashes land in Fuzz/out/<target>/ (git-ignored); each one becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?target: dates, events, requests or sql}
seconds=${2:-60}
out=Fuzz/out/$target
mkdir -p "$out/corpus"
case "$target" in
    dates|events|requests) sources=$(find Sources/OwnCore -name '*.swift') ;;
    sql) sources=$(find Sources/MigrationGate/Lexer Sources/MigrationGate/Statements -name '*.swift' 2>/dev/null) ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
# One module: the target and the sources it exercises, compiled with the fuzzer and AddressSanitizer.
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Fuzz$target \
    $sources "Fuzz/Targets/$target.swift" -o "$out/fuzz-$target"
cp -n Fuzz/Corpus/$target/* "$out/corpus/" 2>/dev/null || true
"$out/fuzz-$target" "$out/corpus" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -artifact_prefix="$out/" -print_final_stats=1 2>&1 | tail -25
