#!/usr/bin/env python3
"""Compares rolesel_bench binaries on a noisy machine by interleaving them.

On a shared VM a benchmark's median can move by half from one minute to the
next, so two builds measured one after the other are not comparable. This
runs the binaries in turn, ROUNDS times, each time with 3 repetitions of
--benchmark_min_time=0.2, and prints per benchmark the minimum, the 25th
percentile and the median of all the runs.

  python3 bench/ab.py OLD/bin/rolesel_bench build/bin/rolesel_bench \\
      --filter 'BM_Decide/|BM_DecideEvent/' --rounds 8
"""
import argparse
import collections
import json
import subprocess

UNIT_NS = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", nargs="+", help="rolesel_bench binaries to compare")
    parser.add_argument("--filter", default=".", help="--benchmark_filter regex")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    times = {b: collections.defaultdict(list) for b in args.binaries}
    for _ in range(args.rounds):
        for binary in args.binaries:
            out = subprocess.run(
                [binary, f"--benchmark_filter={args.filter}", "--benchmark_repetitions=3",
                 "--benchmark_min_time=0.2", "--benchmark_format=json"],
                capture_output=True, text=True, check=True).stdout
            for run in json.loads(out)["benchmarks"]:
                if run.get("run_type") == "iteration":
                    times[binary][run["run_name"]].append(
                        run["real_time"] * UNIT_NS[run["time_unit"]])
    for binary in args.binaries:
        print(binary)
        for name, values in times[binary].items():
            values.sort()
            n = len(values)
            print(f"  {name:28s} min {values[0]:14.1f}  p25 {values[n // 4]:14.1f}  "
                  f"median {values[n // 2]:14.1f} ns  (n={n})")


if __name__ == "__main__":
    main()
