#!/usr/bin/env python3
"""rolesel against the article-style Python handler, on the same generated
rule sets (10 to 10,000 rules) and the same API Gateway REST event bytes:
per-decision medians (event bytes -> role), the ratio, and a plot.

  python3 bench/compare.py [--build build] [--plot docs/compare.png]

rolesel's times come from `rolesel_bench --benchmark_filter=BM_DecideEventRules`
(Google Benchmark, 5 repetitions, medians); the Python baseline
(bench/python_baseline.py) is timed with timeit (5 repetitions, median) in
this interpreter. Both decide the same rule, checked before timing."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import python_baseline  # noqa: E402

SIZES = [10, 100, 1000, 10000]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    parser.add_argument("--plot", help="write a PNG plot here (gnuplot)")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    # Checked before the minutes of measuring, not after them.
    if args.plot and shutil.which("gnuplot") is None:
        sys.exit("compare.py: --plot needs gnuplot (apt-get install gnuplot-nox)")
    genrules = os.path.join(args.build, "bin", "rolesel_genrules")
    bench = os.path.join(args.build, "bin", "rolesel_bench")

    python_us = {}
    for n in SIZES:
        rules = json.loads(subprocess.check_output([genrules, str(n)]))
        event = subprocess.check_output([genrules, str(n), "--event"])
        compiled = python_baseline.compile_rules(rules)
        role = python_baseline.decide(event, compiled)
        expected = f"arn:aws:iam::123456789012:role/svc{n - 2}-role"
        if role != expected:
            sys.exit(f"compare.py: the baseline decided {role} for {n} rules, not {expected}")
        timer = timeit.Timer(lambda: python_baseline.decide(event, compiled))
        number, _ = timer.autorange()
        python_us[n] = statistics.median(
            t / number * 1e6 for t in timer.repeat(repeat=5, number=number))

    out = subprocess.check_output([
        bench, "--benchmark_filter=BM_DecideEventRules", "--benchmark_repetitions=5",
        "--benchmark_report_aggregates_only=true", "--benchmark_format=json"])
    rolesel_us = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            n = int(b["run_name"].split("/")[1])
            rolesel_us[n] = b["real_time"] / 1000 if b["time_unit"] == "ns" else b["real_time"]

    print("| rules | rolesel (event bytes -> role) | Python baseline | ratio |")
    print("|---:|---:|---:|---:|")
    rows = []
    for n in SIZES:
        ratio = python_us[n] / rolesel_us[n]
        rows.append({"rules": n, "rolesel_us": rolesel_us[n], "python_us": python_us[n],
                     "ratio": ratio})
        print(f"| {n} | {rolesel_us[n]:.2f} us | {python_us[n]:.1f} us | {ratio:.0f}x |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    if args.plot:
        with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as data:
            for r in rows:
                data.write(f"{r['rules']} {r['rolesel_us']} {r['python_us']}\n")
        script = f"""
set terminal pngcairo size 800,480 font ",11"
set output "{args.plot}"
set title "Decision time per request: API Gateway REST event bytes -> role"
set xlabel "rules in the rule set"
set ylabel "microseconds per decision (median)"
set logscale xy
set grid
set key top left
set xrange [7:14000]
set xtics (10, 100, 1000, 10000)
plot "{data.name}" using 1:3 with linespoints lw 2 pt 7 title "article-style Python (json.loads + fnmatch)", \\
     "{data.name}" using 1:2 with linespoints lw 2 pt 5 title "rolesel"
"""
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
        os.unlink(data.name)
        print(f"\nplot: {args.plot}")


if __name__ == "__main__":
    main()
