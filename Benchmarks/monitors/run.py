#!/usr/bin/env python3
"""Pings per second with wrk on loopback, beside /health in the same run, and how soon a monitor past
its deadline is marked down among 100,000.

Usage (from the repository): python3 Benchmarks/monitors/run.py [--runs 3] [--seconds 10]
    [--connections 64] [--monitors 1000] [--scan-monitors 100000] [--postgres] [--binary PATH]

Builds own-server in release (unless --binary), starts it on a free 127.0.0.1 port over a fresh
SQLite store (or, with --postgres, the PostgreSQL of OWN_TEST_POSTGRES_URL: source .ci/postgres.sh),
creates --monitors checks through the Management API, then runs wrk (apt-get install wrk) for
--seconds with --connections connections: once on /health, once on /ping/<uuid> cycling through the
checks. Each run prints pings/s, p99, the server's CPU time per request (own-server alone: not
wrk, not PostgreSQL's backends; steadier than the rate when the machine is shared), wrk's own CPU
time per request (it shares the two cores: its script formats each request once, when it starts,
and reads no reply; formatting every request and handing every reply to the script took 14 µs of
wrk's CPU a request, against 10. A ping's only reply below 400 is its 200, so the 200s are the
replies wrk does not count as errors) and the 200s counted
against the pings stored (n_pings summed;
wrk stops with a request in flight on each connection, whose ping is stored but whose 200 is never
read, so the stored count may exceed the 200s by up to the number of connections, never fall short);
the last lines print the medians and the ratio to /health. Targets: SQLite >= 20,000 pings/s with
p99 <= 10 ms, PostgreSQL >= 10,000/s, every 200 stored.

The scan part writes --scan-monitors monitors straight into a fresh SQLite store (all up, due in a
day; one due 3 s after the server starts), starts the server and times from that deadline to the
check reading `down` with its incident loop. Target: within 2 s.

Every load is bounded (wrk's duration) and sent to 127.0.0.1 only.
"""
import argparse
import http.client
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid as uuidlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from release import release_binary  # noqa: E402


LUA = """
local uuids = {%s}
local requests = {}
local counter = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  for i, uuid in ipairs(uuids) do requests[i] = wrk.format("GET", "%s" .. uuid) end
end
function request()
  counter = counter + 1
  return requests[(counter %% #requests) + 1]
end
function done(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d\\n", summary.requests - summary.errors.status, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    latency:percentile(99)))
end
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--monitors", type=int, default=1000)
    parser.add_argument("--scan-monitors", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--binary", help="an own-server to time instead of building one in release")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        # As Benchmarks/run.py installs hyperfine: as root, what the benchmark drives is installed.
        if os.geteuid() != 0:
            sys.exit("Benchmarks/monitors: needs wrk; install it (sudo apt-get install -y wrk) and run again")
        subprocess.run("apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null", shell=True, check=True)
    binary = release_binary("own-server", args.binary)
    # The stores (and, on PostgreSQL, the database) are the benchmark's own: removed when it ends,
    # however it ends. A run leaves tens to hundreds of MB behind otherwise.
    folder = tempfile.mkdtemp(prefix="own-monitors-bench-")
    database = []
    try:
        measure(args, binary, folder, database)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if database:
            subprocess.run(["psql", "-q", os.environ["OWN_TEST_POSTGRES_URL"], "-c", f"DROP DATABASE {database[0]}"],
                           check=False)


def measure(args, binary, folder, database):
    """The ping runs beside /health, then the deadline scan, over stores made in `folder`."""

    store = ["--db", os.path.join(folder, "server.sqlite")]
    if args.postgres:
        base = os.environ.get("OWN_TEST_POSTGRES_URL")
        if not base:
            sys.exit("--postgres needs OWN_TEST_POSTGRES_URL: source .ci/postgres.sh first")
        name = "own_bench_" + uuidlib.uuid4().hex[:8]
        subprocess.run(["psql", "-q", base, "-c", f"CREATE DATABASE {name}"], check=True)
        database.append(name)
        store = ["--database-url", base.rsplit("/", 1)[0] + "/" + name]
    engine = "PostgreSQL" if args.postgres else "SQLite"

    admin(binary, store, "team", "add", "bench")
    key = admin(binary, store, "token", "add", "--team", "bench", "--person", "lee", "--role", "lead").splitlines()[-1]
    server, port = serve(binary, store)
    try:
        # Made in two halves, timed apart: a check made costs the same with many checks as with few.
        half = args.monitors // 2
        started = time.monotonic()
        uuids = [create(port, key, i) for i in range(half)]
        middle = time.monotonic()
        uuids += [create(port, key, i) for i in range(half, args.monitors)]
        ended = time.monotonic()
        each = [(middle - started) / max(1, half) * 1000, (ended - middle) / max(1, args.monitors - half) * 1000]
        print(f"{engine}: {args.monitors:,} checks made through the API in {ended - started:.2f} s: "
              f"{each[0]:.2f} ms each for the first half, {each[1]:.2f} ms for the second")
        health, pings = [], []
        for run in range(args.runs):
            h = timed(server, lambda: wrk(port, args, "/health", None))
            before = stored(port, key)
            p = timed(server, lambda: wrk(port, args, "/ping/", uuids))
            after = stored(port, key)
            p["stored"] = after - before
            health.append(h)
            pings.append(p)
            print(f"run {run + 1}: /health {h['rate']:,.0f}/s p99 {h['p99']:.2f} ms {h['cpu']:.0f} µs CPU; "
                  f"pings {p['rate']:,.0f}/s {p['cpu']:.0f} µs CPU (wrk {p['client']:.0f} µs) "
                  f"p99 {p['p99']:.2f} ms, {p['ok']:,} × 200, {p['errors']} errors, {p['stored']:,} stored "
                  f"({late(p, args)})", flush=True)
    finally:
        server.terminate()
        server.wait()
    rate = statistics.median(p["rate"] for p in pings)
    p99 = statistics.median(p["p99"] for p in pings)
    health_rate = statistics.median(h["rate"] for h in health)
    cpu = statistics.median(p["cpu"] for p in pings)
    health_cpu = statistics.median(h["cpu"] for h in health)
    print(f"{engine}: pings median {rate:,.0f}/s, p99 median {p99:.2f} ms; /health median {health_rate:,.0f}/s; "
          f"pings/health {rate / health_rate:.2f}; server CPU per request: pings {cpu:.0f} µs, /health "
          f"{health_cpu:.0f} µs ({cpu / health_cpu:.1f}x); every 200 stored: "
          f"{all(p['stored'] >= p['ok'] for p in pings)}; errors: {sum(p['errors'] for p in pings)}")
    target = 10_000 if args.postgres else 20_000
    print(f"target: >= {target:,}/s{'' if args.postgres else ' and p99 <= 10 ms'}: "
          f"{'met' if rate >= target and (args.postgres or p99 <= 10) else 'NOT met'}")

    if not args.postgres and args.scan_monitors > 0:
        scan(binary, folder, args.scan_monitors)


def late(p, args):
    """How the pings stored compare with the 200s wrk counted. wrk stops with up to one request in
    flight per connection: those pings are stored, but their 200s are never read, so the stored count
    may exceed the 200s by at most the number of connections, never fall short."""
    extra = p["stored"] - p["ok"]
    if extra < 0:
        return f"{-extra} PINGS WITH A 200 MISSING"
    if extra == 0:
        return "equal"
    verdict = "in flight when wrk stopped" if extra <= args.connections else "MORE THAN THE CONNECTIONS"
    return f"{extra} more stored than 200s read: {verdict}"


def admin(binary, store, *arguments):
    return subprocess.run([binary, *arguments, *store], check=True, capture_output=True, text=True).stdout.strip()


def timed(server, run):
    """`run()`'s wrk result with `cpu`: the server's CPU time (user and system, every thread) per
    request wrk sent, in µs. Steadier than the rate on a shared machine, where the rate follows
    whatever else runs; the server is the only process it counts."""
    def used():
        with open(f"/proc/{server.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    start = used()
    result = run()
    result["cpu"] = (used() - start) / max(1, result["total"]) * 1e6
    return result


def serve(binary, store):
    process = subprocess.Popen([binary, "serve", *store, "--port", "0", "--log-level", "error"],
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r":(\d+)\s*$", line)
    if not match:
        process.kill()
        sys.exit(f"own-server did not start: {line!r}")
    return process, int(match.group(1))


def request(port, method, path, key, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"X-Api-Key": key, "Content-Type": "application/json"}
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, json.loads(data) if data else None


def create(port, key, index):
    # With `unique`, as provisioning scripts make checks (an upsert): each create looks for a check
    # of that name first, which must not cost more as the team's checks grow.
    status, check = request(port, "POST", "/api/v3/checks/", key,
                            {"name": f"job {index}", "timeout": 86400, "grace": 3600, "unique": ["name"]})
    assert status == 201, (status, check)
    return check["uuid"]


def stored(port, key):
    status, answer = request(port, "GET", "/api/v3/checks/", key)
    assert status == 200
    return sum(check["n_pings"] for check in answer["checks"])


def wrk(port, args, path, uuids):
    items = ",".join(f'"{u}"' for u in uuids) if uuids else '""'
    with tempfile.TemporaryDirectory(prefix="own-wrk-") as scripts:
        script = os.path.join(scripts, "load.lua")
        with open(script, "w") as f:
            f.write(LUA % (items, path))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.seconds}s",
                              "--timeout", "5s", "-s", script, f"http://127.0.0.1:{port}{path}"],
                             check=True, capture_output=True, text=True).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+)", out)
    ok, total, errors, p99 = (int(x) for x in match.groups())
    # wrk's own CPU a request: it shares the machine's cores with the server it loads.
    client = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / max(1, total) * 1e6
    return {"rate": total / args.seconds, "ok": ok, "total": total, "errors": errors, "p99": p99 / 1000,
            "client": client}


def scan(binary, folder, count):
    """A fresh store with `count` monitors written straight into it, one due 3 s after the start."""
    store = ["--db", os.path.join(folder, "scan.sqlite")]
    admin(binary, store, "team", "add", "bench")
    key = admin(binary, store, "token", "add", "--team", "bench", "--person", "lee", "--role", "lead").splitlines()[-1]
    now = time.time()
    db = sqlite3.connect(store[1])
    columns = ("uuid, team, name, slug, owner, stakes, timeout, cron, tz, grace, max_runtime, min_runtime, "
               "failure_tolerance, parent, tags, descr, status, last_ping, last_start, last_start_rid, "
               "last_duration, failures, down_since, parent_down, held_failure, incident_open, incident_loop, "
               "next_deadline, check_at, created, last_n, version")
    rows = []
    for i in range(count):
        rows.append((str(uuidlib.uuid4()), "bench", f"job {i}", f"job-{i}", "lee", "medium", 86400.0, None, "UTC",
                     3600.0, None, 0.0, 1, None, "", "", "up", now, None, None, None, 0, None, 0, None, 0, None,
                     now + 86400 + 3600, now + 86400 + 3600, now, 1, 1))
    db.executemany(f"INSERT INTO monitors ({columns}) VALUES ({','.join('?' * 32)})", rows)
    target = rows[count // 2][0]
    db.commit()
    db.close()
    server, port = serve(binary, store)
    try:
        deadline = time.time() + 3
        db = sqlite3.connect(store[1])
        # The one due: pinged 'timeout + grace' before its deadline.
        db.execute("UPDATE monitors SET last_ping = ?, next_deadline = ?, check_at = ?, version = version + 1 "
                   "WHERE uuid = ?", (deadline - 86400 - 3600, deadline, deadline, target))
        db.commit()
        db.close()
        marked = None
        while time.time() < deadline + 10:
            status, check = request(port, "GET", f"/api/v3/checks/{target}", key)
            if check["status"] == "down" and check["loop"]:
                marked = time.time() - deadline
                break
            time.sleep(0.02)
    finally:
        server.terminate()
        server.wait()
    if marked is None:
        print(f"scan: the monitor due among {count:,} was NOT marked down within 10 s")
    else:
        print(f"scan: among {count:,} monitors, the one past its deadline was down with its incident loop "
              f"{marked:.2f} s after the deadline (target <= 2 s: {'met' if marked <= 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
