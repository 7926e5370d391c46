#!/usr/bin/env python3
"""Checks a rolesel_bench JSON output against the performance goals.

Reads the medians of one run (--benchmark_repetitions=N with
--benchmark_out_format=json; aggregates only or not) and prints each goal
with the figures it was judged on; exits 1 when any goal is missed, 2 when a
benchmark it needs is absent. Ratios are taken within the one run.

  build/bin/rolesel_bench --benchmark_repetitions=10 \\
      --benchmark_report_aggregates_only=true \\
      --benchmark_out=run.json --benchmark_out_format=json
  python3 bench/goals.py run.json
"""
import argparse
import json
import statistics
import sys

from ab import UNIT_NS  # bench/ab.py, beside this script


def medians(path):
    """Median real time (ns) and counters per benchmark name."""
    with open(path) as f:
        report = json.load(f)
    times, counters, reported = {}, {}, {}
    for b in report["benchmarks"]:
        name = b.get("run_name", b["name"])
        ns = b["real_time"] * UNIT_NS[b["time_unit"]]
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                reported[name] = ns
                counters[name] = b
            continue
        times.setdefault(name, []).append(ns)
        counters.setdefault(name, b)
    out = {name: statistics.median(ts) for name, ts in times.items()}
    out.update(reported)  # Google Benchmark's own median wins when present
    return out, counters


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", help="rolesel_bench --benchmark_out file")
    args = parser.parse_args()
    median, counters = medians(args.json)

    def ns(name):
        if name not in median:
            print(f"goals.py: {name} is not in {args.json}", file=sys.stderr)
            sys.exit(2)
        return median[name]

    decide20, decide1000 = ns("BM_Decide/20"), ns("BM_Decide/1000")
    event, parse = ns("BM_DecideEvent/rest"), ns("BM_NlohmannParse/rest")
    goals = [
        ("BM_Decide/20 <= 150 ns", decide20 <= 150, f"{decide20:.1f} ns"),
        ("BM_Decide/* allocate nothing",
         all(counters[n].get("allocs", 1) == 0 for n in ("BM_Decide/20", "BM_Decide/1000")),
         "allocs " + ", ".join(str(counters[n].get("allocs")) for n in ("BM_Decide/20",
                                                                          "BM_Decide/1000"))),
        ("BM_Decide/1000 <= 3 x BM_Decide/20", decide1000 <= 3 * decide20,
         f"{decide1000:.1f} ns = {decide1000 / decide20:.2f} x"),
        ("BM_DecideEvent/rest <= 1/20 of BM_NlohmannParse/rest", event * 20 <= parse,
         f"{event:.0f} ns against {parse:.0f} ns = 1/{parse / event:.1f}"),
        ("BM_Compile/1000 <= 20 ms", ns("BM_Compile/1000") <= 20e6,
         f"{ns('BM_Compile/1000') / 1e6:.2f} ms"),
        ("BM_CacheHit <= 100 ns", ns("BM_CacheHit") <= 100, f"{ns('BM_CacheHit'):.1f} ns"),
    ]
    for goal, met, figures in goals:
        print(f"{'met    ' if met else 'MISSED '} {goal}: {figures}")
    print("(rolesel eval as a whole process <= 5 ms is measured with hyperfine; README)")
    sys.exit(0 if all(met for _, met, _ in goals) else 1)


if __name__ == "__main__":
    main()
