#!/usr/bin/env python3
"""Checks a rolesel_bench JSON output against the performance goals.

Reads the medians of one run (--benchmark_repetitions=N with
--benchmark_out_format=json; aggregates only or not) and prints each goal
with the figures it was judged on; exits 1 when any goal is missed, 2 when a
benchmark it needs is absent. Every goal is a ratio within the one run (a
benchmark against its floor or its reference on the same machine at the same
time), so it holds on any machine: see docs/performance.md "Goals".

  build/bin/rolesel_bench --benchmark_repetitions=10 \\
      --benchmark_report_aggregates_only=true \\
      --benchmark_out=run.json --benchmark_out_format=json
  python3 bench/goals.py run.json

After the goals it prints, as information, the floor under each event goal
(stage 1 plus the decision of the event already read): a FLOOR line says the
goal cannot be met by any reader of that event on that machine.
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


def human(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} us"
    return f"{ns:.1f} ns"


class Missing(Exception):
    """A benchmark a goal needs is not in the run."""


def evaluate(median, counters):
    """[(goal, met, figures)] for the medians and counters of one run."""

    def ns(name):
        if name not in median:
            raise Missing(name)
        return median[name]

    def at_most(name, factor, reference):
        """`name` <= factor x `reference`, with both figures and the ratio."""
        value, base = ns(name), ns(reference)
        return (f"{name} <= {factor:g} x {reference}", value <= factor * base,
                f"{human(value)} against {human(base)} = {value / base:.2f} x")

    def fraction(name, denominator, reference):
        """`name` <= 1/denominator of `reference`."""
        value, base = ns(name), ns(reference)
        return (f"{name} <= 1/{denominator} of {reference}", value * denominator <= base,
                f"{human(value)} against {human(base)} = 1/{base / value:.0f}")

    def allocations(name):
        return counters.get(name, {}).get("allocs")

    goals = [
        at_most("BM_DecideEvent/rest", 1.5, "BM_SimdjsonIterate/rest"),
        at_most("BM_DecideEvent/http", 1.5, "BM_SimdjsonIterate/http"),
        at_most("BM_DecideEvent/rest_1mb_body", 1.5, "BM_SimdjsonIterate/rest_1mb_body"),
        fraction("BM_Decide/20", 300, "BM_NlohmannParse/rest"),
        at_most("BM_Decide/1000", 1.3, "BM_Decide/20"),
        ("BM_Decide/* allocate nothing",
         all(allocations(n) == 0 for n in ("BM_Decide/20", "BM_Decide/1000")),
         "allocs " + ", ".join(str(allocations(n)) for n in ("BM_Decide/20", "BM_Decide/1000"))),
        at_most("BM_CompileOneLine/1000", 1.2, "BM_Compile/1000"),
        at_most("BM_Compile/1000", 4, "BM_NlohmannParseRules/1000"),
        fraction("BM_CacheHit", 500, "BM_NlohmannParse/rest"),
        at_most("BM_DecideBearer", 1.2, "BM_VerifyFloor"),
        at_most("BM_DecideBearer/cached", 3, "BM_DecideEvent/rest"),
    ]
    return goals


def floors(median):
    """[(bound, reachable, figures)]: for each event goal, the least any reader
    could take, stage 1 (BM_SimdjsonIterate) plus deciding what the event says
    (BM_DecideRead, the decision of the event already read), against the
    goal's bound. Unreachable means the goal is missed whatever the walk costs.
    Only for runs that have BM_DecideRead (kept runs before it do not)."""
    out = []
    for event in ("rest", "http"):
        stage1 = median.get(f"BM_SimdjsonIterate/{event}")
        decide = median.get(f"BM_DecideRead/{event}")
        if stage1 is None or decide is None:
            continue
        floor = stage1 + decide
        out.append((f"BM_SimdjsonIterate/{event} + BM_DecideRead/{event} <= 1.5 x "
                    f"BM_SimdjsonIterate/{event}", floor <= 1.5 * stage1,
                    f"{human(stage1)} + {human(decide)} = {human(floor)} against "
                    f"{human(1.5 * stage1)} = {floor / stage1:.2f} x"))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", help="rolesel_bench --benchmark_out file")
    args = parser.parse_args()
    median, counters = medians(args.json)
    try:
        goals = evaluate(median, counters)
    except Missing as missing:
        print(f"goals.py: {missing} is not in {args.json}", file=sys.stderr)
        sys.exit(2)
    for goal, met, figures in goals:
        print(f"{'met    ' if met else 'MISSED '} {goal}: {figures}")
    # Not goals: whether the event goals can be met at all (see floors()).
    for bound, reachable, figures in floors(median):
        print(f"{'floor  ' if reachable else 'FLOOR  '} {bound}: {figures}"
              f"{'' if reachable else ' (the event goal is out of reach)'}")
    sys.exit(0 if all(met for _, met, _ in goals) else 1)


if __name__ == "__main__":
    main()
