#!/usr/bin/env python3
"""Generates a realistic own ledger as JSON Lines (the interchange format), deterministically.

Every event type appears; 50 owners; most loops are long finished (reported, verified, monitored),
a realistic minority is live: open, active, blocked, proposed. Usage:

    generate_ledger.py --loops 100000 --events 1000000 > ledger.jsonl
    generate_ledger.py --loops 10000 --events 100000 --taskwarrior tasks.json > ledger.jsonl
"""
import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone

KINDS = ["feature", "bug", "test", "docs", "debt", "monitoring", "oncall", "incident", "review", "help", "process", "other"]
STAKES = ["routine", "low", "medium", "medium", "high", "critical"]
STAGES = ["requirement", "design", "implementation", "review", "deploy", "monitor", "iterate"]
WORDS = ("deploy pipeline cache payment webhook retry runbook alert schema index migration dashboard flaky "
         "latency queue worker auth token billing export import search report invoice ledger").split()


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loops", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--owners", type=int, default=50)
    parser.add_argument("--end", default="2026-11-27T16:00:00Z", help="the last instant of the history")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--taskwarrior", help="also write the same loops as a Taskwarrior import file here")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    end = datetime.strptime(args.end, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    span = timedelta(days=730)
    owners = [f"person{n:02d}" for n in range(args.owners)]
    per_loop = args.events / args.loops
    out = sys.stdout
    tasks = []
    written = 0
    for n in range(args.loops):
        key = f"loop-{n:06d}"
        owner = owners[n % len(owners)]
        # Older loops first, as an export of a real ledger would be.
        start = end - span + span * (n / args.loops) + timedelta(minutes=rng.randint(0, 600))
        stakes = rng.choice(STAKES)
        kind = rng.choice(KINDS)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()
        due = (start + timedelta(days=rng.randint(2, 30))).date().isoformat()
        t = start
        events = []

        def add(type_, **fields):
            nonlocal t
            t = min(t + timedelta(minutes=rng.randint(20, 60 * 30)), end)
            event = {"id": f"{key}-{len(events)}", "loop": key, "at": iso(t), "by": owner, "type": type_}
            event.update(fields)
            events.append(event)

        created = {"title": title, "owner": owner, "doneWhen": "it works in production", "due": due, "stakes": stakes,
                   "kind": kind, "estimateHours": rng.choice([1, 2, 4, 6, 8, 12]), "affects": [rng.choice(owners)]}
        if stakes in ("high", "critical"):
            created.update({"ux": "users see faster pages", "touches": "orders service", "ifItFails": "roll back"})
        add("created", **created)
        if stakes in ("high", "critical"):
            add("approved")
            events[-1]["by"] = "lead"
        budget = max(2, int(rng.gauss(per_loop + 1.6, 2)))
        recent = n > args.loops * 0.97  # the last 3 % are still live
        add("started")
        middle = ["noted", "noted", "noted", "staged", "risk", "scopeChanged", "dueChanged", "blocked", "edited"]
        while len(events) < budget - 3:
            kind_ = rng.choice(middle)
            if kind_ == "noted":
                add("noted", note="progress on " + rng.choice(WORDS))
            elif kind_ == "staged":
                add("staged", stage=rng.choice(STAGES))
            elif kind_ == "risk":
                add("risk", note="may slip if " + rng.choice(WORDS) + " is late", told=[rng.choice(owners)])
            elif kind_ == "scopeChanged":
                add("scopeChanged", note="also " + rng.choice(WORDS), estimateHours=rng.choice([8, 12, 16]),
                    told=[rng.choice(owners)])
            elif kind_ == "dueChanged":
                add("dueChanged", due=(t + timedelta(days=7)).date().isoformat(), reason="waiting on review",
                    told=[rng.choice(owners)])
            elif kind_ == "blocked":
                add("blocked", reason="waiting on " + rng.choice(WORDS))
                add("helpAsked", **{"from": "infra", "note": "asked in chat"})
                add("unblocked")
            elif kind_ == "edited":
                add("edited", title=title + " (revised)")
        ending = rng.random()
        if recent:
            if ending < 0.3:
                add("blocked", reason="waiting on " + rng.choice(WORDS))
        elif ending < 0.9:
            add("done", outcome="shipped", verified=True, monitoredBy="alert on errors")
            add("reported", channel=rng.choice(["standup", "weekly"]))
        elif ending < 0.95:
            add("dropped", reason="superseded", told=["lead"])
        else:
            add("handedOff", to=rng.choice(owners), note="their area")
        for event in events:
            out.write(json.dumps(event, separators=(",", ":")))
            out.write("\n")
        written += len(events)
        if args.taskwarrior:
            status = {"done": "completed", "dropped": "deleted"}.get(events[-1]["type"], "pending")
            task = {"uuid": f"00000000-0000-4000-8000-{n:012d}", "description": title, "status": status,
                    "entry": events[0]["at"].replace("-", "").replace(":", ""), "project": kind,
                    "due": due.replace("-", "") + "T000000Z",
                    "priority": {"high": "H", "critical": "H", "medium": "M", "low": "L"}.get(stakes, "L")}
            if status != "pending":
                task["end"] = events[-1]["at"].replace("-", "").replace(":", "")
            tasks.append(task)
    if args.taskwarrior:
        with open(args.taskwarrior, "w") as f:
            json.dump(tasks, f)
    print(f"generated {args.loops} loops, {written} events", file=sys.stderr)


if __name__ == "__main__":
    main()
