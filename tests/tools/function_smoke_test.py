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
import http.client
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


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

    sts = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_sts.py"), "ok"],
                           stdout=subprocess.PIPE, text=True)
    sts_url = "http://127.0.0.1:" + sts.stdout.readline().strip()
    env = dict(os.environ, AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
               AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
               AWS_ENDPOINT_URL_STS=sts_url, ROLESEL_RULES=os.path.join(stage, "rules.json"))
    log_path = os.path.join(stage, "..", os.path.basename(stage) + ".smoke.log")
    emulator = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "tools", "lambda_example", "emulator.py"),
         "--function-log", log_path, "--"] + command,
        env=env, stdout=subprocess.PIPE, text=True)
    failures = []
    try:
        port = json.loads(emulator.stdout.readline())["port"]
        for case in args.case:
            event_file, status, *text = case.split(":", 2)
            with open(event_file, "rb") as f:
                event = f.read()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("POST", "/2015-03-31/functions/function/invocations", event)
            data = connection.getresponse().read().decode()
            try:
                response = json.loads(data)
            except ValueError:
                response = {}
            ok = response.get("statusCode") == int(status) and (
                not text or text[0] in response.get("body", ""))
            print(("ok   " if ok else "FAIL ") + f"{os.path.basename(event_file)}: {data}")
            if not ok:
                failures.append(f"{case}: got {data}")
        init_error = http_get(port, "/test/init-error")
        if init_error != "null":
            failures.append(f"the init failed: {init_error}")
    finally:
        emulator.terminate()
        emulator.wait(10)
        sts.terminate()
        sts.wait(10)
    if failures:
        with open(log_path) as f:
            print("function log:\n" + f.read(), file=sys.stderr)
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    return 1 if failures else 0


def http_get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    return connection.getresponse().read().decode()


if __name__ == "__main__":
    sys.exit(main())
