#!/usr/bin/env python3
"""Times the team server's notices from push to webhook, beside a floor measured in the same run.

Usage (from the repository): python3 Benchmarks/delivery/run.py [--loops N] [--binary PATH]

Starts a webhook listener on 127.0.0.1 (a free port) in this process, and own-server (release,
unless --binary names one) on a fresh SQLite store with a webhook channel pointing at it. Pushes
--loops loops, each created and then given a risk (so each needs a notice), in one
POST /api/v1/events, and records when each notice arrives. Prints the median and p90 of push-to-
arrival, how long the last took, notices per second, and the floor: the median of the same listener
answering one POST from this process. The notifier reads new events every 2 s, so the wait is
mostly that interval.
"""
import argparse
import http.client
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from release import release_binary  # noqa: E402



class Listener(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.arrivals = []
        self.lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.server.lock:
            self.server.arrivals.append((time.monotonic(), body))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def run(binary, db, *arguments):
    return subprocess.run([binary, *arguments, "--db", db], check=True, capture_output=True, text=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loops", type=int, default=500)
    parser.add_argument("--binary", help="an own-server to time instead of building one in release")
    args = parser.parse_args()
    binary = release_binary("own-server", args.binary)

    listener = Listener()
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{listener.server_address[1]}/hook"

    # The floor: the listener answering one POST from here, 200 times.
    floor = []
    connection = http.client.HTTPConnection("127.0.0.1", listener.server_address[1])
    for _ in range(200):
        start = time.monotonic()
        connection.request("POST", "/floor", body=b"{}", headers={"Content-Type": "application/json"})
        connection.getresponse().read()
        floor.append(time.monotonic() - start)
    connection.close()
    with listener.lock:
        listener.arrivals.clear()

    folder = tempfile.mkdtemp(prefix="own-delivery-bench-")
    db = os.path.join(folder, "server.sqlite")
    run(binary, db, "team", "add", "bench")
    token = run(binary, db, "token", "add", "--team", "bench", "--person", "ana", "--role", "member").splitlines()[-1]
    run(binary, db, "channel", "add", "--team", "bench", "--webhook", hook)
    server = subprocess.Popen([binary, "serve", "--db", db, "--port", "0", "--log-level", "error"],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().strip().rsplit(":", 1)[1])
        time.sleep(3)  # the notifier's first look at the team, before anything is pushed
        now = datetime.now(timezone.utc)
        stamp = lambda delta: (now + timedelta(seconds=delta)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines = []
        for i in range(args.loops):
            lines.append(json.dumps({"id": f"c{i}", "loop": f"bench-{i}", "at": stamp(-120), "by": "ana",
                                     "type": "created", "title": f"Loop {i}", "affects": ["lee"]}))
            lines.append(json.dumps({"id": f"r{i}", "loop": f"bench-{i}", "at": stamp(-60), "by": "ana",
                                     "type": "risk", "note": "the vendor is late"}))
        api = http.client.HTTPConnection("127.0.0.1", port)
        start = time.monotonic()
        api.request("POST", "/api/v1/events", body="\n".join(lines) + "\n",
                    headers={"Authorization": "Bearer " + token, "Content-Type": "application/x-ndjson"})
        answer = api.getresponse()
        answer.read()
        pushed = time.monotonic()
        if answer.status != 200:
            sys.exit(f"the push was refused: HTTP {answer.status}")
        deadline = pushed + 300
        while time.monotonic() < deadline:
            with listener.lock:
                if len(listener.arrivals) >= args.loops:
                    break
            time.sleep(0.05)
        with listener.lock:
            arrivals = [at for at, _ in listener.arrivals]
    finally:
        server.terminate()
        server.wait()
    if len(arrivals) < args.loops:
        sys.exit(f"only {len(arrivals)} of {args.loops} notices arrived within 300 s")
    waits = sorted(at - pushed for at in arrivals)
    last = waits[-1]
    print(f"push of {2 * args.loops} events: {(pushed - start) * 1000:.1f} ms")
    print(f"{len(arrivals)} notices, push to arrival: median {statistics.median(waits) * 1000:.0f} ms, "
          f"p90 {waits[int(len(waits) * 0.9) - 1] * 1000:.0f} ms, last {last * 1000:.0f} ms")
    spread = last - waits[0]
    if spread > 0:
        print(f"delivery rate once the first arrived: {(len(waits) - 1) / spread:.0f} notices/s")
    print(f"floor (one POST to the same listener from here): median {statistics.median(floor) * 1000:.2f} ms; "
          f"median notice latency is {statistics.median(waits) / statistics.median(floor):.0f}x the floor")


if __name__ == "__main__":
    main()
