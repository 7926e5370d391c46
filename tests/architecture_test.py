#!/usr/bin/env python3
"""The engine's architecture, checked (docs/embedding.md, README "layout").

  - engine folders include one another only in the declared direction
    (ALLOWED below), so there is no include cycle between them;
  - no engine source file is longer than MAX_LINES;
  - a translation unit that includes only rolesel/rule_set.h pulls in no
    nlohmann/json, RE2 or simdjson header;
  - every engine source has its test file, tests/engine/X/Y_test.cc for
    engine/rolesel/X/Y.cc (EXEMPT lists the ones that cannot have one here).

  architecture_test.py --source DIR --cxx COMPILER --generated DIR
"""
import argparse
import os
import re
import subprocess
import sys

# folder -> the folders its files may include (besides itself). "." is the
# facade (rule_set, shadow) at engine/rolesel/.
ALLOWED = {
    "internal": set(),
    "core": {"internal"},
    "matchers": {"core", "internal"},
    "load": {"core", "internal", "matchers"},
    "compile": {"core", "internal", "load", "matchers"},
    "evaluate": {"compile", "core", "internal", "load", "matchers"},
    "event": {"core", "internal"},
    "jwt": {"core", "internal", "load"},
    "lint": {"compile", "core", "internal", "jwt", "load", "matchers"},
    ".": {"compile", "core", "evaluate", "event", "internal", "jwt", "load", "matchers"},
    "sts": {"core", "internal"},
    "source": {"core", "internal", "sts"},
    "lambda": {".", "core", "evaluate", "event", "internal", "lint", "source", "sts"},
}
MAX_LINES = 450
# aws_lambda_cpp_loop.cc is built only with aws-lambda-cpp, which Debian
# does not package; the built-in loop is tested instead.
# event/kernel_*.cc are each the event walk (event/event_walk.h and the
# headers it includes, which event/*_test.cc test through ReadEvent)
# compiled for one simdjson kernel: event_kernel_test.cc holds every kernel
# to the builtin one, CTest's engine_test_on_every_kernel runs the engine's tests
# on each, kernel_symbols checks their objects.
EXEMPT = {"lambda/aws_lambda_cpp_loop.cc", "event/kernel_builtin.cc", "event/kernel_haswell.cc",
          "event/kernel_icelake.cc"}


def engine_files(engine):
    for folder, _, files in os.walk(engine):
        for name in files:
            if name.endswith((".h", ".cc")):
                yield os.path.join(folder, name)


def folder_of(path, engine):
    return os.path.dirname(os.path.relpath(path, engine)) or "."


def check_layering(engine, problems):
    edges = {}
    for path in engine_files(engine):
        src = folder_of(path, engine)
        for include in re.findall(r'#include "rolesel/([^"]+)"', open(path).read()):
            dst = os.path.dirname(include) or "."
            if dst == src or include == "version.h":
                continue
            edges.setdefault(src, set()).add(dst)
            if src not in ALLOWED:
                problems.append(f"{path}: folder {src} is not in the declared layering")
            elif dst not in ALLOWED[src]:
                problems.append(f"{path}: {src}/ includes rolesel/{include}, against the layering")
    # The declared layering itself has no cycle (so neither has the code).
    state = {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                problems.append("include cycle: " + " -> ".join(stack + [node, nxt]))
            elif nxt not in state:
                visit(nxt, stack + [node])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    return edges


def check_sizes(engine, problems):
    for path in engine_files(engine):
        lines = sum(1 for _ in open(path))
        if lines > MAX_LINES:
            problems.append(f"{path}: {lines} lines (at most {MAX_LINES}: one job per file)")


def check_public_header(engine, cxx, generated, problems):
    command = [cxx, "-std=c++17", "-E", "-x", "c++", "-I", engine, "-I", generated, "-"]
    out = subprocess.run(command, input='#include "rolesel/rule_set.h"\n', text=True,
                         capture_output=True)
    if out.returncode != 0:
        problems.append("rolesel/rule_set.h does not preprocess: " + out.stderr[:500])
        return 0
    headers = set(re.findall(r'^# \d+ "([^"]+)"', out.stdout, flags=re.M))
    for header in sorted(headers):
        if re.search(r"nlohmann|/re2/|simdjson", header):
            problems.append(f"rolesel/rule_set.h pulls in {header}")
    return len(out.stdout.splitlines())


def check_tests(source, engine, problems):
    for path in engine_files(engine):
        if not path.endswith(".cc"):
            continue
        rel = os.path.relpath(path, engine)
        if rel in EXEMPT:
            continue
        test = os.path.join(source, "tests", "engine", rel[: -len(".cc")] + "_test.cc")
        if not os.path.exists(test):
            problems.append(f"engine/rolesel/{rel} has no test file "
                            f"({os.path.relpath(test, source)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--cxx", default="c++")
    parser.add_argument("--generated", required=True, help="the build's generated/ folder")
    args = parser.parse_args()
    engine = os.path.join(args.source, "engine")
    rolesel = os.path.join(engine, "rolesel")
    problems = []
    edges = check_layering(rolesel, problems)
    check_sizes(rolesel, problems)
    lines = check_public_header(engine, args.cxx, args.generated, problems)
    check_tests(args.source, rolesel, problems)
    for problem in problems:
        print("error:", problem)
    print(f"{len(edges)} folders, {sum(len(v) for v in edges.values())} folder edges; "
          f"rule_set.h preprocesses to {lines} lines; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
