#!/usr/bin/env python3
"""A packaged function, as package.sh stages it, answering through the
Runtime API emulator: STS from tests/tools/fake_sts.py, each --case event
invoked once and its answer checked.

Usage: function_smoke_test.py STAGE_DIR [--launcher PROGRAM]
           --case EVENT_FILE:STATUS[:TEXT_IN_BODY]...
STAGE_DIR holds bootstrap, bin/HANDLER, lib/ and rules.json. Without
--launcher the emulator runs STAGE_DIR/bootstrap, as Lambda does; with one
(qemu-aarch64-static, for an arm64 package on an x86-64 machine) it runs
what the bootstrap runs, the bundled loader with the bundled libraries,
through that program. Exits 1 with the reasons when a check fails."""
import argparse
import glob
import json
import os
import sys

from function_under_emulator import FunctionUnderEmulator


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("stage")
    parser.add_argument("--launcher")
    parser.add_argument("--case", action="append", required=True)
    args = parser.parse_args()
    stage = os.path.abspath(args.stage)
    if args.launcher:
        loader = glob.glob(os.path.join(stage, "lib", "ld-linux*"))
        handler = os.listdir(os.path.join(stage, "bin"))
        if len(loader) != 1 or len(handler) != 1:
            sys.exit(f"function_smoke_test.py: {stage} is not a package.sh stage")
        command = [args.launcher, loader[0], "--library-path", os.path.join(stage, "lib"),
                   os.path.join(stage, "bin", handler[0])]
    else:
        command = [os.path.join(stage, "bootstrap")]
    log_path = stage + ".smoke.log"
    failures = []
    with FunctionUnderEmulator(command, {"ROLESEL_RULES": os.path.join(stage, "rules.json")},
                               function_log=log_path) as function:
        for case in args.case:
            event_file, status, *text = case.split(":", 2)
            with open(event_file, "rb") as f:
                data = function.invoke(f.read()).decode()
            try:
                response = json.loads(data)
            except ValueError:
                response = {}
            ok = response.get("statusCode") == int(status) and (
                not text or text[0] in response.get("body", ""))
            print(("ok   " if ok else "FAIL ") + f"{os.path.basename(event_file)}: {data}")
            if not ok:
                failures.append(f"{case}: got {data}")
        init_error = function.get("/test/init-error")
        if init_error != "null":
            failures.append(f"the init failed: {init_error}")
    if failures:
        with open(log_path) as f:
            print("function log:\n" + f.read(), file=sys.stderr)
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
