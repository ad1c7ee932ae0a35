#!/usr/bin/env python3
"""Times each dashboard page beside /health, in one run, on a team of 100k loops / 1M events.

Usage (from the repository):
    python3 Benchmarks/dashboard/run.py [--loops N] [--events N] [--runs N] [--postgres] [--binary PATH]

Builds own-server in release, generates the ledger with Benchmarks/generate_ledger.py into
Benchmarks/data/dashboard (git-ignored), makes a store with one lead token per person in it, pushes
every event through POST /api/v1/events as its author, waits until the server's notifier has told of
them (its place is the team's last event: until then each read finds a new event), then signs in
once and GETs /health and each page `--runs` times on one keep-alive connection; then the board
`--runs` times more, each read after pushing one note on a live loop (a busy team, where each read
finds a new event; these notes stay in the store). Prints each one's median and p90 in
milliseconds, its ratio to /health's median measured in the same run, and the time of the server's
first read of it (before the dashboard keeps the team's doctor loops and verdict). Target: every
page <= 50 ms. Last, `--minutes` times, the board's first read of a new minute, one new event
before it (each waits for the minute to roll).

The loop page is timed on a loop whose history the busy board's notes do not grow, so that runs on
the same store compare.

The store is a SQLite file kept in Benchmarks/data/dashboard (loaded once, reused by later runs), or
with --postgres a database `own_dashboard_<loops>_<events>` made in the PostgreSQL of
OWN_TEST_POSTGRES_URL (`source .ci/postgres.sh` starts a private one on a free port), loaded when
it is new.
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from release import release_binary  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loops", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--minutes", type=int, default=3,
                        help="how many first reads of a new minute to time (each waits for the minute)")
    parser.add_argument("--binary", help="an own-server to time instead of building one in release")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL (OWN_TEST_POSTGRES_URL) instead of SQLite")
    args = parser.parse_args()

    binary = release_binary("own-server", args.binary)
    data = os.path.join(ROOT, "Benchmarks", "data", "dashboard")
    os.makedirs(data, exist_ok=True)
    ledger = os.path.join(data, f"ledger-{args.loops}-{args.events}.jsonl")
    if not os.path.exists(ledger):
        with open(ledger, "w") as out:
            subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_ledger.py"),
                            "--loops", str(args.loops), "--events", str(args.events)], stdout=out, check=True)
    by_person = {}
    with open(ledger) as lines:
        for line in lines:
            by_person.setdefault(json.loads(line)["by"], []).append(line)
    if args.postgres:
        base = os.environ.get("OWN_TEST_POSTGRES_URL")
        if not base:
            sys.exit("--postgres needs OWN_TEST_POSTGRES_URL: source .ci/postgres.sh first")
        name = f"own_dashboard_{args.loops}_{args.events}"
        exists = subprocess.run(["psql", "-tAq", base, "-c", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
                                check=True, capture_output=True, text=True).stdout.strip() == "1"
        if not exists:
            subprocess.run(["psql", "-q", base, "-c", f"CREATE DATABASE {name}"], check=True)
        store = ["--database-url", base.rsplit("/", 1)[0] + "/" + name]
        fresh = not exists
        tokens_file = os.path.join(data, f"{name}.tokens.json")
    else:
        db = os.path.join(data, f"server-{args.loops}-{args.events}.sqlite")
        store = ["--db", db]
        fresh = not os.path.exists(db)
        tokens_file = db + ".tokens.json"
    tokens = {}
    if fresh:
        run(binary, store, "team", "add", "bench")
    if fresh or not os.path.exists(tokens_file):
        for person in sorted(by_person):
            out = run(binary, store, "token", "add", "--team", "bench", "--person", person, "--role", "lead")
            tokens[person] = out.splitlines()[-1].strip()
        with open(tokens_file, "w") as f:
            json.dump(tokens, f)
    else:
        with open(tokens_file) as f:
            tokens = json.load(f)

    server = subprocess.Popen([binary, "serve", *store, "--port", "0", "--log-level", "error"],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().strip().rsplit(":", 1)[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        if fresh:
            started = time.monotonic()
            # Authors first and the lead (who approves their loops) last, so each loop exists when
            # its approval arrives.
            for person, lines in sorted(by_person.items(), key=lambda item: (item[0] == "lead", item[0])):
                for start in range(0, len(lines), 20_000):
                    body = "".join(lines[start:start + 20_000]).encode()
                    connection.request("POST", "/api/v1/events", body=body,
                                       headers={"Authorization": "Bearer " + tokens[person]})
                    response = connection.getresponse()
                    text = response.read().decode()
                    if response.status != 200:
                        sys.exit(f"push as {person} answered {response.status}: {text}")
            print(f"pushed {args.events} events in {time.monotonic() - started:.1f} s")
        # The server's notifier tells of the pushed changes and records each notice as a `reported`
        # event: until it has caught up, every read finds a new event. Time the pages on a quiet
        # team (the notifier's place is the team's last event, three checks in a row), and say how
        # long the catching up took.
        behind = ("SELECT (SELECT last_seq FROM teams WHERE name = 'bench') - "
                  "COALESCE((SELECT seq FROM notify_cursor WHERE team = 'bench'), 0)")
        if args.postgres:
            lag = ["psql", "-tAq", store[1], "-c", behind]
        else:
            lag = ["sqlite3", store[1], behind]
        waited = time.monotonic()
        still = 0
        while still < 3 and time.monotonic() - waited < 1800:
            left = subprocess.run(lag, check=True, capture_output=True, text=True).stdout.strip()
            still = still + 1 if left == "0" else 0
            time.sleep(1)
        print(f"the notifier caught up ({left} events behind) after {time.monotonic() - waited:.0f} s")
        lead = sorted(tokens)[0]
        cookie = "own_session=" + tokens[lead]
        connection.request("GET", "/api/v1/events?after=0&limit=1", headers={"Authorization": "Bearer " + tokens[lead]})
        connection.getresponse().read()
        person = sorted(p for p in by_person if p != "lead")[0]
        # Two loops of that person started last (live): one to time the loop page on, whose history
        # no run adds to (so runs compare), and one the busy board's notes go on.
        started_keys = []
        with open(ledger) as lines:
            for line in lines:
                event = json.loads(line)
                if event["by"] == person and event["type"] == "started":
                    started_keys.append(event["loop"])
        loop_key, busy_key = started_keys[-1], started_keys[-2]
        pages = {
            "/health": "/health",
            "board": "/teams/bench/",
            "person": f"/teams/bench/people/{person}",
            "loop": f"/teams/bench/loops/{loop_key}",
            "approvals": "/teams/bench/approvals",
            "monitors": "/teams/bench/monitors",
            "board ?at=": "/teams/bench/?at=2026-06-01T12:00:00Z",
            "person ?at=": f"/teams/bench/people/{person}?at=2026-06-01T12:00:00Z",
        }
        timings = {name: [] for name in pages}
        first = {}
        sizes = {}
        for round in range(args.runs + 2):
            for name, path in pages.items():
                started = time.perf_counter()
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                body = response.read()
                elapsed = (time.perf_counter() - started) * 1000
                if response.status != 200:
                    sys.exit(f"{path} answered {response.status}")
                sizes[name] = len(body)
                if round == 0:  # the server's first read of the page: nothing kept yet
                    first[name] = elapsed
                if round >= 2:  # two warm-up rounds
                    timings[name].append(elapsed)
        # The board of a busy team: one new event (a note on a live loop) before each read, so each
        # read finds a verdict one event old and judges again only the person that event touched.
        busy = "board, 1 new"
        timings[busy] = []

        def note_and_read_board():
            note = {"id": f"bench-note-{uuid.uuid4()}", "loop": busy_key, "by": person, "type": "noted",
                    "at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "note": "still on it"}
            connection.request("POST", "/api/v1/events", body=(json.dumps(note) + "\n").encode(),
                               headers={"Authorization": "Bearer " + tokens[person]})
            response = connection.getresponse()
            text = response.read().decode()
            if response.status != 200:
                sys.exit(f"a note as {person} answered {response.status}: {text}")
            started = time.perf_counter()
            connection.request("GET", pages["board"], headers={"Cookie": cookie})
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                sys.exit(f"the board answered {response.status}")
            return elapsed, len(body)

        for round in range(args.runs + 2):
            elapsed, sizes[busy] = note_and_read_board()
            if round == 0:
                first[busy] = elapsed
            if round >= 2:
                timings[busy].append(elapsed)
        # The first read of a new minute (the pages judge at the minute, and every rule depends on
        # the instant), one new event before it: the board read in the minute before had the next
        # minute's verdict judged ahead.
        rolled = "board, minute"
        timings[rolled] = []
        for _ in range(args.minutes):
            time.sleep(61.5 - time.time() % 60)
            elapsed, sizes[rolled] = note_and_read_board()
            timings[rolled].append(elapsed)
            first[rolled] = timings[rolled][0]
        floor = statistics.median(timings["/health"])
        engine = "PostgreSQL" if args.postgres else "SQLite"
        print(f"{engine}, {args.loops} loops, {args.events} events, {args.runs} runs each, one connection, {binary}")
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'page':<12} {'median ms':>10} {'p90 ms':>8} {'x /health':>10} {'first ms':>9} {'bytes':>9}")
        for name, values in timings.items():
            if not values:
                continue
            values.sort()
            median = statistics.median(values)
            p90 = values[int(len(values) * 0.9) - 1]
            print(f"{name:<12} {median:>10.2f} {p90:>8.2f} {median / floor:>10.1f} {first[name]:>9.1f} {sizes[name]:>9}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(binary, store, *arguments):
    result = subprocess.run([binary, *arguments, *store], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"own-server {' '.join(arguments)}: {result.stderr.strip()}")
    return result.stdout


if __name__ == "__main__":
    main()
