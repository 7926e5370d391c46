#!/usr/bin/python3
"""bench/goals.py judges a rolesel_bench JSON run: a kept run of this
project's (docs/bench/) meets every goal; the same run with the event made
slower than 1/20 of the parse, or with an allocation counted, misses; a run
without a benchmark a goal needs is an error; a run without aggregates is
judged on the median of its repetitions."""
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = sys.argv[1]
GOALS = os.path.join(ROOT, "bench", "goals.py")
failures = []


def judge(report):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(report, f)
    try:
        run = subprocess.run([sys.executable, GOALS, f.name], capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    return run.returncode, run.stdout + run.stderr


def check(what, ok, output):
    if not ok:
        failures.append(f"{what}:\n{output}")


def scaled(report, name, factor):
    out = json.loads(json.dumps(report))
    for b in out["benchmarks"]:
        if b.get("run_name", b["name"]) == name:
            b["real_time"] *= factor
    return out


runs = sorted(glob.glob(os.path.join(ROOT, "docs", "bench", "*.json")))
check("docs/bench holds runs", bool(runs), "none found")
for path in runs:
    with open(path) as f:
        report = json.load(f)
    code, out = judge(report)
    check(f"{path} meets every goal", code == 0 and "MISSED" not in out, out)

    event = next(b for b in report["benchmarks"]
                 if b.get("run_name") == "BM_DecideEvent/rest" and
                 b.get("aggregate_name") == "median")["real_time"]
    parse = next(b for b in report["benchmarks"]
                 if b.get("run_name") == "BM_NlohmannParse/rest" and
                 b.get("aggregate_name") == "median")["real_time"]
    # Just past 1/20 of the parse: missed.
    code, out = judge(scaled(report, "BM_DecideEvent/rest", parse / 20 / event * 1.01))
    check(f"{path}: an event slower than 1/20 of the parse misses", code == 1 and
          "MISSED  BM_DecideEvent/rest" in out, out)

    allocating = json.loads(json.dumps(report))
    for b in allocating["benchmarks"]:
        if b.get("run_name") == "BM_Decide/1000":
            b["allocs"] = 1
    code, out = judge(allocating)
    check(f"{path}: an allocation misses", code == 1 and "MISSED  BM_Decide/* allocate" in out,
          out)

    missing = dict(report, benchmarks=[b for b in report["benchmarks"]
                                       if b.get("run_name") != "BM_CacheHit"])
    code, out = judge(missing)
    check(f"{path}: a missing benchmark is an error", code == 2 and "BM_CacheHit" in out, out)

# Repetitions without aggregates: the median of the repetitions is judged.
plain = {"benchmarks": []}
for name, unit, times, extra in [
        ("BM_Decide/20", "ns", [100, 140, 200], {"allocs": 0}),  # median 140: met
        ("BM_Decide/1000", "ns", [150, 160, 170], {"allocs": 0}),
        ("BM_DecideEvent/rest", "ns", [1000, 1000, 1000], {}),
        ("BM_NlohmannParse/rest", "us", [19, 21, 23], {}),  # 1/21: met
        ("BM_Compile/1000", "ms", [5, 5, 5], {}),
        ("BM_CacheHit", "ns", [40, 40, 40], {})]:
    for t in times:
        plain["benchmarks"].append(dict(name=name, run_name=name, run_type="iteration",
                                        real_time=t, time_unit=unit, **extra))
code, out = judge(plain)
check("a run without aggregates is judged on its medians", code == 0 and "140.0 ns" in out, out)
plain["benchmarks"][1]["real_time"] = 160  # BM_Decide/20's median becomes 160 ns
code, out = judge(plain)
check("... and misses on them", code == 1 and "MISSED  BM_Decide/20 <= 150 ns: 160.0 ns" in out,
      out)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"ok: {len(runs)} kept runs judged, and the misses and errors found")
