#!/usr/bin/env python3
"""Writes (or checks) the performance table of docs/performance.md from one
kept rolesel_bench JSON run, so the table cannot say other than the run.

  python3 bench/perf_table.py docs/bench/RUN.json --machine "TEXT" --write docs/performance.md
  python3 bench/perf_table.py --check docs/performance.md

The table goes between the lines <!-- perf-table:begin RUN.json --> and
<!-- perf-table:end -->; --check regenerates it from the run that line names
(and the machine line kept inside) and exits 1 when the page differs. CTest
runs --check.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goals import evaluate, floors, human, medians  # noqa: E402  (bench/goals.py, beside this script)

ROWS = [  # benchmark, what it is
    ("BM_Compile/20", "load + compile 20 rules"),
    ("BM_Compile/1000", "load + compile 1,000 rules"),
    ("BM_Decide/20", "a decision on 20 rules (request already read)"),
    ("BM_Decide/1000", "the same on 1,000 rules"),
    ("BM_DecideEvent/rest", "REST event bytes (4.9 KB) to a decision"),
    ("BM_DecideEvent/rest_copied", "the same, bytes copied first"),
    ("BM_DecideEvent/http", "HTTP API event bytes (2.6 KB) to a decision"),
    ("BM_DecideEvent/rest_1mb_body", "the REST event with a 1 MB body to a decision"),
    ("BM_SimdjsonIterate/rest", "simdjson stage 1 alone on the REST event (floor)"),
    ("BM_SimdjsonIterate/http", "the same on the HTTP API event (floor)"),
    ("BM_SimdjsonIterate/rest_1mb_body", "the same on the 1 MB body event (floor)"),
    ("BM_NlohmannParse/rest", "nlohmann::json::parse of the REST event (reference)"),
    ("BM_CompileOneLine/1000", "BM_Compile/1000's document on one line"),
    ("BM_NlohmannParseRules/1000", "nlohmann::json::parse of that document (reference)"),
    ("BM_DecideBearer", "a Lambda-authorizer event: RS256 token verified in full, 10 rules"),
    ("BM_DecideBearer/cached", "the same token again, from the verified-token cache"),
    ("BM_VerifyFloor", "OpenSSL's RS256 check of that token alone (floor)"),
    ("BM_DecideEventRules/10", "a generated event on 10 rules"),
    ("BM_DecideEventRules/10000", "the same on 10,000 rules"),
    ("BM_CacheHit", "a credential cache hit"),
]
BEGIN = re.compile(r"<!-- perf-table:begin (\S+) -->\n")
END = "<!-- perf-table:end -->"


def table(run_path, machine):
    median, counters = medians(run_path)
    lines = [f"Machine: {machine}", "",
             "| benchmark | what | median | allocations |", "|---|---|---|---|"]
    for name, what in ROWS:
        if name not in median:
            sys.exit(f"perf_table.py: {name} is not in {run_path}")
        allocs = counters[name].get("allocs")
        lines.append(f"| `{name}` | {what} | {human(median[name])} | "
                     f"{'' if allocs is None else int(allocs)} |")
    # The event read on each kernel the run's CPU had (no goal; the
    # kernels' figures side by side).
    for name in sorted(n for n in median if n.startswith("BM_ReadEvent/")):
        _, event, kernel = name.split("/")
        lines.append(f"| `{name}` | the {'REST' if event == 'rest' else 'HTTP API'} event read, "
                     f"not decided, walked on the {kernel} kernel | {human(median[name])} | |")
    lines += ["", "The goals, each a ratio within this run (bench/goals.py):", "",
              "| goal | figures | |", "|---|---|---|"]
    for goal, met, figures in evaluate(median, counters):
        lines.append(f"| {goal} | {figures} | {'met' if met else '**missed**'} |")
    under = floors(median)
    if under:
        lines += ["", "The floor under the event goals, in this run (no goal: stage 1 plus the "
                  "decision of the event already read, `BM_DecideRead`):", "",
                  "| bound | figures | |", "|---|---|---|"]
        for bound, reachable, figures in under:
            lines.append(f"| {bound} | {figures} | "
                         f"{'within the goal' if reachable else '**above the goal**'} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", nargs="?", help="a kept rolesel_bench JSON run")
    parser.add_argument("--machine", help="what the run was measured on")
    parser.add_argument("--write", metavar="PAGE")
    parser.add_argument("--check", metavar="PAGE")
    args = parser.parse_args()
    page_path = args.write or args.check
    if not page_path:
        parser.error("give --write PAGE or --check PAGE")
    with open(page_path) as f:
        page = f.read()
    begin = BEGIN.search(page)
    end = page.find(END)
    if not begin or end < begin.end():
        sys.exit(f"perf_table.py: {page_path} has no perf-table markers")
    old = page[begin.end():end]
    machine = args.machine
    if not machine:
        found = re.match(r"Machine: (.*)\n", old)
        machine = found.group(1) if found else "unknown"
    run = args.run or os.path.join(os.path.dirname(os.path.abspath(page_path)), begin.group(1))
    new = table(run, machine)
    if args.check:
        if new != old:
            print(f"perf_table.py: the table in {page_path} is not what {run} says;"
                  f" rerun with --write", file=sys.stderr)
            return 1
        print(f"{page_path}: the table matches {run}")
        return 0
    name = os.path.relpath(run, os.path.dirname(os.path.abspath(page_path)))
    page = page[:begin.start()] + f"<!-- perf-table:begin {name} -->\n" + new + page[end:]
    with open(page_path, "w") as f:
        f.write(page)
    print(f"{page_path}: table written from {run}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
