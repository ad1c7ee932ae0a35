#!/usr/bin/env python3
"""The SQLite writes an import of a file into an empty ledger cannot avoid, timed alone: the rows are
parsed and in memory before the clock starts, and written into a fresh file with the ledger's own
tables, indexes and page size (read from LEDGER, an import of the same file), in one transaction, the way
`own import` writes them (rows first, then the indexes a bulk import builds at the end).

Prints the seconds each part takes and their sum, then the same rows written into a table with no
index in memory ("binding"): Python's share of the sum is at most that, since it binds each row
from C and SQLite's cheapest insert is in it too. With one writer to one SQLite file, no import can
take less than the sum less the binding, whatever parses the file and however many threads do it.
Benchmarks/run.py prints both beside the import floor.

Run: `Benchmarks/import_writes.py LEDGER.jsonl IMPORTED.sqlite SCRATCH.sqlite`.
"""
import json
import os
import sqlite3
import sys
import time


def main():
    source, imported, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(source, encoding="utf-8") as lines:
        events = []
        for line in lines:
            event = json.loads(line)
            seconds = time.mktime(time.strptime(event["at"][:19], "%Y-%m-%dT%H:%M:%S"))
            events.append((event["id"], event["loop"], seconds, line))
    ledger = sqlite3.connect(f"file:{imported}?mode=ro", uri=True)
    (page_size,) = ledger.execute("PRAGMA page_size").fetchone()
    loops = ledger.execute("SELECT * FROM loops").fetchall()
    tables = [sql for (sql,) in ledger.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'loops')")]
    indexes = [sql for (sql,) in ledger.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('events', 'loops') AND sql IS NOT NULL")]
    ledger.close()
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(scratch + suffix):
            os.unlink(scratch + suffix)
    db = sqlite3.connect(scratch, isolation_level=None)
    db.execute(f"PRAGMA page_size = {page_size}")
    db.execute("PRAGMA cache_size = -32768")
    for sql in tables:
        db.execute(sql)
    parts = {}
    db.execute("BEGIN")
    started = time.monotonic()
    db.executemany("INSERT INTO events (id, loop, at, line) VALUES (?, ?, ?, ?)", events)
    parts["events"] = time.monotonic() - started
    started = time.monotonic()
    marks = ",".join("?" * len(loops[0]))
    db.executemany(f"INSERT INTO loops VALUES ({marks})", loops)
    parts["loops"] = time.monotonic() - started
    started = time.monotonic()
    for sql in indexes:
        db.execute(sql)
    parts["indexes"] = time.monotonic() - started
    started = time.monotonic()
    db.execute("COMMIT")
    parts["commit"] = time.monotonic() - started
    db.close()
    for suffix in ("", "-journal"):
        if os.path.exists(scratch + suffix):
            os.unlink(scratch + suffix)
    memory = sqlite3.connect(":memory:")
    memory.execute("CREATE TABLE events (id, loop, at, line)")
    memory.execute("CREATE TABLE loops (" + ", ".join(f"c{i}" for i in range(len(loops[0]))) + ")")
    started = time.monotonic()
    memory.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", events)
    memory.executemany(f"INSERT INTO loops VALUES ({marks})", loops)
    binding = time.monotonic() - started
    memory.close()
    print(" ".join(f"{name}={seconds:.3f}" for name, seconds in parts.items()),
          f"total={sum(parts.values()):.3f} binding={binding:.3f}")


if __name__ == "__main__":
    main()
