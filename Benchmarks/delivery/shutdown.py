#!/usr/bin/env python3
"""Times how long own-server takes to exit on SIGTERM while its sender posts to a channel that never
answers, beside the floor: the same server's exit on SIGTERM when idle, in the same run.

Usage (from the repository): python3 Benchmarks/delivery/shutdown.py [--loops N] [--binary PATH]

Starts a listener on 127.0.0.1 (a free port) that accepts connections and never answers, and
own-server (release, unless --binary names one) on a fresh SQLite store with a webhook channel
pointing at it. Pushes --loops loops, each created and given a risk (so each needs a notice), waits
until the first POST is under way, sends SIGTERM, and prints the seconds until the process exits
and the posts attempted. Each post waits for the transport's timeout (10 s), so a server that
finished its claimed batch (20 messages) before exiting would take minutes; one that stops after
the post under way takes at most one timeout.
"""
import argparse
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from release import release_binary  # noqa: E402



def black_hole():
    """A listener that accepts and never answers; returns its port and the list of connections."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(100)
    server.settimeout(1)
    connections = []

    def accept():
        end = time.monotonic() + 600
        while time.monotonic() < end:
            try:
                connection, _ = server.accept()
                connections.append(connection)
            except socket.timeout:
                continue

    threading.Thread(target=accept, daemon=True).start()
    return server.getsockname()[1], connections


def run(binary, db, *arguments):
    return subprocess.run([binary, *arguments, "--db", db], check=True, capture_output=True, text=True).stdout


def serve(binary, db):
    server = subprocess.Popen([binary, "serve", "--db", db, "--port", "0", "--log-level", "error"],
                              stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().strip().rsplit(":", 1)[1])
    return server, port


def stop(server):
    start = time.monotonic()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=600)
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loops", type=int, default=25)
    parser.add_argument("--binary", help="an own-server to time instead of building one in release")
    args = parser.parse_args()
    binary = release_binary("own-server", args.binary)

    port, connections = black_hole()
    folder = tempfile.mkdtemp(prefix="own-shutdown-bench-")
    db = os.path.join(folder, "server.sqlite")
    run(binary, db, "team", "add", "bench")
    token = run(binary, db, "token", "add", "--team", "bench", "--person", "ana", "--role", "member").splitlines()[-1]
    run(binary, db, "channel", "add", "--team", "bench", "--webhook", f"http://127.0.0.1:{port}/hook")

    # The floor: an idle server (nothing pushed yet) told to stop.
    server, _ = serve(binary, db)
    time.sleep(3)
    floor = stop(server)

    server, api = serve(binary, db)
    try:
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines = []
        for i in range(args.loops):
            lines.append(json.dumps({"id": f"c{i}", "loop": f"bench-{i}", "at": now, "by": "ana",
                                     "type": "created", "title": f"Loop {i}", "affects": ["lee"]}))
            lines.append(json.dumps({"id": f"r{i}", "loop": f"bench-{i}", "at": now, "by": "ana",
                                     "type": "risk", "note": "the vendor is late"}))
        push = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Authorization: Bearer " + token,
             "--data-binary", "@-", f"http://127.0.0.1:{api}/api/v1/events"],
            input="\n".join(lines) + "\n", capture_output=True, text=True)
        if push.stdout != "200":
            sys.exit(f"the push was refused: HTTP {push.stdout}")
        deadline = time.monotonic() + 60
        while not connections and time.monotonic() < deadline:
            time.sleep(0.05)
        if not connections:
            sys.exit("no post reached the listener within 60 s")
        time.sleep(1)
        busy = stop(server)
    finally:
        if server.poll() is None:
            server.kill()
    attempts = sqlite3.connect(db).execute("SELECT count(*) FROM delivery_attempts").fetchone()[0]
    print(f"SIGTERM while posting to a channel that never answers: exit after {busy:.1f} s, "
          f"{attempts} post(s) attempted of {args.loops} notices")
    print(f"floor (SIGTERM to the same server idle): exit after {floor:.2f} s; busy is {busy / max(floor, 1e-3):.0f}x")


if __name__ == "__main__":
    main()
