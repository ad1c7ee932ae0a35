#!/usr/bin/env python3
"""The team server under load on loopback, one engine per run (run.sh runs SQLite, then PostgreSQL).

Loads a generated ledger (every event's `by` becomes the benchmark's lead, owners stay as generated),
then measures, each three times, printing medians:
  push   one request of 10,000 new events (target <= 1 s)
  pull   every event of the team, in pages of 100,000 (target <= 5 s for 1,000,000)
  cold   GET /api/v1/loops?owner= once right after a push (the server keeps what it rendered until
         the team changes; this is the read that renders again)
  wrk    GET /api/v1/loops?owner=<--owner, person07> (target >= 5,000/s, p99 <= 10 ms), beside GET /health,
         the server's floor, in the same run; bounded by --duration and --connections. Each with the
         server's CPU time per request, which other processes on a shared machine move far less.
         Once the notifier has read every event (its cursor in the database), so that no event of
         its own changes the team meanwhile; on PostgreSQL, after VACUUM ANALYZE and CHECKPOINT
         (needs psql).
With --reads-only TEAM (PostgreSQL only), a team an earlier run loaded (its name is printed) is read
again: no load, push, pull or cold read, only the settling and wrk, in a minute rather than ten.
Only 127.0.0.1 is ever a target; the server listens on a port it picks.
"""
import argparse
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def request(url, token, method="GET", body=None, timeout=600):
    req = urllib.request.Request(url, data=body, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if body is not None:
        req.add_header("Content-Type", "application/x-ndjson")
    with urllib.request.urlopen(req, timeout=timeout) as answer:
        return answer.read()


def cpu_seconds(pid):
    """The CPU time a process has used so far, user and system (Linux /proc), in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(url, token, duration, connections, server):
    """wrk's rate, p99 (ms), non-2xx count and whether it saw socket errors, and the server's CPU per
    request (µs): the figure the machine's load moves least, since other processes' CPU is not in it."""
    used = cpu_seconds(server.pid)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s",
         "-H", "Authorization: Bearer " + token, url],
        capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: .*", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    cpu = (cpu_seconds(server.pid) - used) * 1e6 / max(requests, 1)
    return rate, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0, socket_errors is not None, cpu


def notifier_position(args, team):
    """The team's last event and the last one the notifier has read, from the database itself (the
    notifier's cursor: it reads every event from the team's first, in batches)."""
    query = ("SELECT t.last_seq, COALESCE(c.seq, 0) FROM teams t LEFT JOIN notify_cursor c ON c.team = t.name "
             "WHERE t.name = '" + team + "'")
    if args.database_url:
        out = subprocess.run(["psql", "-X", "-At", "-F", " ", "-d", args.database_url, "-c", query],
                             check=True, capture_output=True, text=True).stdout.split()
        return int(out[0]), int(out[1])
    with sqlite3.connect(f"file:{args.sqlite}?mode=ro", uri=True) as db:
        return db.execute(query).fetchone()


def wait_for_notifier(args, team, engine):
    """Waits until the notifier has read every event of the team, its own `reported` marks too: until
    then it writes events, each of which changes the team's stamp, so reads render again and the
    timed reads would measure the notifier's backlog (1M events loaded at once), not the reads."""
    waited = time.monotonic()
    last, read = notifier_position(args, team)
    while read < last and time.monotonic() - waited < 1800:
        time.sleep(1)
        last, read = notifier_position(args, team)
    print(f"{engine}: the notifier has read {read:,} of {last:,} events, after waiting {time.monotonic() - waited:.0f} s")


def load_and_time_writes(args, base, token, engine, team):
    """Loads the ledger into the team, then times push, pull and the read right after a push."""
    # Load: the ledger in batches of 10,000, in its order.
    lines = []
    with open(args.ledger) as ledger:
        for line in ledger:
            event = json.loads(line)
            event["by"] = "bench"
            lines.append(json.dumps(event, separators=(",", ":")))
    started = time.perf_counter()
    for start in range(0, len(lines), 10_000):
        request(base + "/api/v1/events", token, "POST", ("\n".join(lines[start:start + 10_000]) + "\n").encode())
    load = time.perf_counter() - started
    loops = len(json.loads(request(base + "/api/v1/loops?all=true", token)))
    print(f"{engine}: loaded {len(lines):,} events ({loops:,} loops) into team {team} in {load:.1f} s "
          f"({len(lines) / load:,.0f} events/s)")

    # Push: 10,000 new events (1,000 new loops of 10) in one request.
    pushes = []
    for round in range(3):
        batch = []
        for n in range(1000):
            key = f"push{round}-{n:04d}"
            batch.append(json.dumps({"id": key + "-0", "loop": key, "at": "2026-11-27T09:00:00Z", "by": "bench",
                                     "type": "created", "title": "Pushed " + key, "owner": "pusher"}))
            for k in range(1, 10):
                batch.append(json.dumps({"id": f"{key}-{k}", "loop": key, "at": f"2026-11-27T09:{k:02d}:00Z",
                                         "by": "bench", "type": "noted", "note": f"step {k}"}))
        body = ("\n".join(batch) + "\n").encode()
        started = time.perf_counter()
        answer = json.loads(request(base + "/api/v1/events", token, "POST", body))
        pushes.append(time.perf_counter() - started)
        assert answer["added"] == 10_000, answer
    total = len(lines) + 30_000

    # Pull: everything, in pages of 100,000.
    pulls = []
    for _ in range(3):
        started = time.perf_counter()
        after, count = 0, 0
        while True:
            page = request(base + f"/api/v1/events?after={after}&limit=100000", token)
            n = page.count(b"\n")
            count += n
            after += n
            if n < 100_000:
                break
        pulls.append(time.perf_counter() - started)
        # The server writes events of its own too (the notifier's `reported` marks): at least ours.
        assert count >= total, (count, total)

    print(f"{engine}: push 10,000 events: median {statistics.median(pushes) * 1000:.0f} ms (target <= 1000 ms)")
    print(f"{engine}: pull {count:,} events: median {statistics.median(pulls):.2f} s (target <= 5 s)")

    # The owner's loops read once right after a push, so never from what the server kept: the
    # price of the first read of each new state of the team.
    cold = []
    for n in range(5):
        note = json.dumps({"id": f"cold-{n}", "loop": "push0-0000", "at": f"2026-11-27T10:{n:02d}:00Z",
                           "by": "bench", "type": "noted", "note": f"cold read {n}"})
        request(base + "/api/v1/events", token, "POST", (note + "\n").encode())
        started = time.perf_counter()
        request(base + f"/api/v1/loops?owner={args.owner}", token)
        cold.append(time.perf_counter() - started)
    print(f"{engine}: GET /api/v1/loops?owner={args.owner} right after a push: "
          f"median {statistics.median(cold) * 1000:.1f} ms of 5")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True, help="the own-server executable (release)")
    parser.add_argument("--ledger", help="JSON Lines from generate_ledger.py (not with --reads-only)")
    parser.add_argument("--database-url", help="PostgreSQL; SQLite in a temporary folder when absent")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--owner", default="person07")
    parser.add_argument("--reads-only", metavar="TEAM", help="time the reads of a team already loaded (PostgreSQL)")
    args = parser.parse_args()
    if args.reads_only and not args.database_url:
        parser.error("--reads-only needs --database-url: a SQLite run's database is gone when it ends")
    if not args.reads_only and not args.ledger:
        parser.error("--ledger is needed to load a team (or --reads-only TEAM to read one already loaded)")

    folder = tempfile.mkdtemp(prefix="own-server-bench-")
    args.sqlite = folder + "/server.sqlite"
    store = ["--database-url", args.database_url] if args.database_url else ["--db", args.sqlite]
    engine = "PostgreSQL" if args.database_url else "SQLite"
    team = args.reads_only or "bench" + str(os.getpid())
    if not args.reads_only:
        subprocess.run([args.server, "team", "add", team] + store, check=True, capture_output=True)
    token = subprocess.run([args.server, "token", "add", "--team", team, "--person", "bench", "--role", "lead"] + store,
                           check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    log = open(folder + "/server.out", "w+")
    server = subprocess.Popen([args.server, "serve", "--port", "0", "--log-level", "warning"] + store,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        base = None
        for _ in range(200):
            log.seek(0)
            text = log.read()
            match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", text)
            if match:
                base = match.group(1)
                break
            time.sleep(0.05)
        if base is None:
            sys.exit("own-server did not start: " + text)

        if not args.reads_only:
            load_and_time_writes(args, base, token, engine, team)
        wait_for_notifier(args, team, engine)

        # PostgreSQL has just taken a million rows: settle it (statistics, dead rows, dirty pages) so
        # that the timed reads measure the server, not autovacuum and a checkpoint catching up.
        if args.database_url:
            started = time.perf_counter()
            subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", args.database_url,
                            "-c", "VACUUM ANALYZE", "-c", "CHECKPOINT"], check=True)
            print(f"{engine}: VACUUM ANALYZE and CHECKPOINT before the timed reads: "
                  f"{time.perf_counter() - started:.1f} s")

        # wrk: the owner's loops beside /health, three rounds each, alternating.
        owner, health = [], []
        for _ in range(3):
            owner.append(wrk(base + f"/api/v1/loops?owner={args.owner}", token, args.duration, args.connections,
                             server))
            health.append(wrk(base + "/health", token, args.duration, args.connections, server))
        mine = len(json.loads(request(base + f"/api/v1/loops?owner={args.owner}", token)))
        for name, runs in [(f"GET /api/v1/loops?owner={args.owner} ({mine} loops)", owner), ("GET /health (floor)", health)]:
            rate = statistics.median(r[0] for r in runs)
            p99 = statistics.median(r[1] for r in runs)
            errors = sum(r[2] for r in runs)
            cpu = statistics.median(r[4] for r in runs)
            print(f"{engine}: {name}: median {rate:,.0f} requests/s, p99 {p99:.2f} ms, "
                  f"server CPU {cpu:.0f} us/request, {errors} non-2xx, {args.connections} connections, "
                  f"{args.duration} s x 3")
        ratio = statistics.median(r[0] for r in owner) / statistics.median(r[0] for r in health)
        print(f"{engine}: loops?owner= runs at {ratio:.0%} of /health (target >= 5,000/s, p99 <= 10 ms); "
              f"load average {os.getloadavg()[0]:.1f} after the reads")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
