#!/usr/bin/env python3
"""The import floor: the naive way to load a JSON Lines ledger into SQLite. Reads each line,
`json.loads` it, and inserts (id, loop, at, line) with `executemany` into one table with one index
(its primary key, the event id), in one transaction. `own import` is timed beside it in Benchmarks/run.py (target: at most half its
wall time). Run: `Benchmarks/import_floor.py LEDGER.jsonl DB.sqlite`.
"""
import json
import sqlite3
import sys


def rows(path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            yield event["id"], event["loop"], event["at"], line


def main():
    source, target = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(target)
    db.execute("CREATE TABLE events (id TEXT PRIMARY KEY, loop TEXT NOT NULL, at TEXT NOT NULL, line TEXT NOT NULL)")
    with db:
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows(source))
    db.close()


if __name__ == "__main__":
    main()
