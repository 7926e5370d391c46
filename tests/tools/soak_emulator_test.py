#!/usr/bin/env python3
"""Weeks of warm reuse, compressed: the packaged bootstrap (the real
provided.al2023 function) under the Runtime API emulator answers 10,000
invocations of the bundled events, with STS from tests/tools/fake_sts.py,
while the bootstrap's resident memory (VmRSS) and open file descriptors are
sampled every 1,000. The run starts with the Runtime API misbehaving (HTTP
500s and a dropped connection on next), which the runtime must survive.

Checks: every invocation is answered with the status its event calls for;
after the warm-up (the first 2,000), the file descriptors do not grow at
all and the memory by at most --max-growth-kib (default 1024).
Usage: soak_emulator_test.py BOOTSTRAP [--invocations N] [--every K]
Prints one JSON object with the curve; exits 1 with the reasons on failure."""
import argparse
import json
import os
import sys

from function_under_emulator import FunctionUnderEmulator

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EVENTS = os.path.join(ROOT, "rules", "examples", "events")
# Each bundled event and the status the bundled rules answer it with.
CASES = [("rest-admin-delete.json", 200), ("http-reader-get.json", 200),
         ("rest-suspended.json", 403), ("rest-foreign-role.json", 403),
         ("http-encoded-slash.json", 403)]


def sample(pid):
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bootstrap")
    parser.add_argument("--invocations", type=int, default=10000)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--max-growth-kib", type=int, default=1024)
    args = parser.parse_args()

    events = []
    for name, status in CASES:
        with open(os.path.join(EVENTS, name), "rb") as f:
            events.append((f.read(), status))
    events.append((b'{"httpMethod": ', 400))
    failures = []
    samples = []
    wrong = 0
    # No STS rate limit: the example handler asks STS who it is on every
    # allowed call, which the process's default 20 calls a second would pace.
    with FunctionUnderEmulator([args.bootstrap], {"ROLESEL_STS_MAX_RATE": "0"},
                               emulator_args=["--fault", "500:3", "--fault", "reset:1"]) as function:
        for n in range(1, args.invocations + 1):
            body, expected = events[n % len(events)]
            data = function.invoke(body)
            try:
                got = json.loads(data).get("statusCode")
            except ValueError:
                got = None
            if got != expected:
                wrong += 1
                if wrong <= 3:
                    failures.append(f"invocation {n}: expected {expected}, got {data[:200]!r}")
            if n % args.every == 0:
                rss, fds = sample(function.runtime_pid)
                samples.append({"n": n, "rss_kib": rss, "fds": fds})
        stats = json.loads(function.get("/test/stats"))
    after = [s for s in samples if s["n"] > args.invocations // 5]
    rss_growth = max(s["rss_kib"] for s in after) - after[0]["rss_kib"] if after else None
    fd_growth = max(s["fds"] for s in after) - after[0]["fds"] if after else None
    report = {"invocations": args.invocations, "wrong_answers": wrong, "samples": samples,
              "rss_growth_kib": rss_growth, "fd_growth": fd_growth,
              "faults_served": stats["faults_served"]}
    print(json.dumps(report))
    if not after:
        failures.append("no samples after the warm-up")
    elif fd_growth > 0 or rss_growth > args.max_growth_kib:
        failures.append(f"grew after the warm-up: {rss_growth} KiB, {fd_growth} descriptors")
    if stats["faults_served"] != {"500": 3, "reset": 1}:
        failures.append(f"the faults were not all served: {stats['faults_served']}")
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
