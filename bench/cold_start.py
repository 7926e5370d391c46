#!/usr/bin/env python3
"""Cold start and warm latency of the example function, against the Python
handler of AWS's article, measured the same way on this machine.

Both run as custom runtimes under tools/lambda_example/emulator.py (the
Lambda Runtime API) and both do the same work per call: decide (rolesel's
rules / the article's preferred role), AssumeRole, then GetCallerIdentity as
that role. STS is, by default, a stand-in that answers at once
(tests/tools/fake_sts.py: signed requests only, fixed credentials), so that
what is measured is the function and not moto's own Python; --sts moto uses
moto_server (signatures checked) instead. For each of --runs fresh processes:
  cold  = from the runtime process's spawn to the first response
  warm  = median time from handing out an event to its response, over
          --warm further calls of the same user (rolesel's credential cache
          hits; the article's handler assumes the role every time)
  init  = what each runtime reports: rolesel's whole init (rules load and
          compile, STS client, JWKS prefetch), Python's `import handler`
          (boto3 and its client)
The package size is the zip's, and what it unpacks to.
Usage: bench/cold_start.py [--runs N] [--warm N] [--sts instant|moto]
                           [--zip build/lambda/pets-function.zip]"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools", "lambda_example"))
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
import run_local  # noqa: E402
from moto_start import start_moto  # noqa: E402


def measure(command, env, event, warm, log_path):
    with open(log_path, "w") as log:
        emulator = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "tools", "lambda_example", "emulator.py"), "--",
             *command], env=env, stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            port = json.loads(emulator.stdout.readline())["port"]
            base = f"http://127.0.0.1:{port}"
            for _ in range(1 + warm):
                reply = json.loads(run_local.http(base + "/2015-03-31/functions/function/invocations",
                                        event))
                if reply.get("statusCode") != 200:
                    sys.exit(f"cold_start.py: {command[0]} answered {reply}")
            entries = json.loads(run_local.http(base + "/test/log"))
        finally:
            emulator.terminate()
            emulator.wait(10)
    with open(log_path) as f:
        text = f.read()
    return (entries[0]["answered_ms"], statistics.median(e["handled_ms"] for e in entries[1:]),
            init_ms(text))


def init_ms(log):
    """What the runtime reports as its init: rolesel's JSON "init" line
    (its "duration", absl's format: 812.5us, 1.2ms), the Python runtime's
    "python init N ms"."""
    units = {"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "ms": 1.0, "s": 1000.0}
    for line in log.splitlines():
        python = re.match(r"python init ([0-9.]+) ms", line)
        if python:
            return float(python.group(1))
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("event") == "init":
            duration = re.fullmatch(r"([0-9.]+)(ns|us|µs|ms|s)", entry.get("duration", ""))
            if duration:
                return float(duration.group(1)) * units[duration.group(2)]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sts", choices=("instant", "moto"), default="instant")
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--zip", default=os.path.join(ROOT, "build", "lambda",
                                                      "pets-function.zip"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="rolesel-cold-")
    if args.sts == "moto":
        sts, url, _ = start_moto("moto-cold-start", dict(
            os.environ, INITIAL_NO_AUTH_ACTION_COUNT=str(run_local.SETUP_UNSIGNED_CALLS)))
    else:
        sts = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "tools",
                                                             "fake_sts.py"), "ok"],
                               stdout=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{int(sts.stdout.readline())}"
    try:
        if args.sts == "moto":
            key, _, _ = run_local.setup_aws(url)
        else:
            key = {"AccessKeyId": "AKIAEXAMPLEEXAMPLE01", "SecretAccessKey": "example-secret"}
        task_root = os.path.join(work, "task")
        run_local.unzip(args.zip, task_root)
        env = dict(os.environ, AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1",
                   AWS_ACCESS_KEY_ID=key["AccessKeyId"],
                   AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"], AWS_ENDPOINT_URL_STS=url)
        env.pop("AWS_SESSION_TOKEN", None)
        with open(os.path.join(ROOT, "rules", "examples", "events",
                               "rest-admin-delete.json"), "rb") as f:
            event = f.read()
        runtimes = {
            "rolesel (C++, provided.al2023 bootstrap)": [os.path.join(task_root, "bootstrap")],
            "article's Python handler (boto3)": [sys.executable,
                                                 os.path.join(HERE, "lambda_python",
                                                              "bootstrap.py")],
        }
        results = {}
        for name, command in runtimes.items():
            runs = [measure(command, env, event, args.warm, os.path.join(work, "log"))
                    for _ in range(args.runs)]
            results[name] = {
                "cold_ms": statistics.median(r[0] for r in runs),
                "warm_ms": statistics.median(r[1] for r in runs),
                "init_ms": statistics.median(r[2] for r in runs if r[2] is not None),
            }
        t = []
        for _ in range(args.runs):
            t0 = time.monotonic()
            subprocess.run([sys.executable, "-c", "import boto3"], check=True)
            t.append((time.monotonic() - t0) * 1000)
        import_boto3 = statistics.median(t)
        package = {"zip_bytes": os.path.getsize(args.zip),
                   "unpacked_bytes": sum(os.path.getsize(os.path.join(d, f))
                                         for d, _, files in os.walk(task_root) for f in files)}
    finally:
        sts.terminate()
        sts.wait(10)
        shutil.rmtree(work, ignore_errors=True)

    if args.json:
        print(json.dumps({"runtimes": results, "package": package,
                          "python3 -c 'import boto3' ms": import_boto3}))
        return
    sts_name = ("moto_server" if args.sts == "moto" else
                "a stand-in answering at once (tests/tools/fake_sts.py)")
    print(f"medians of {args.runs} cold starts, {args.warm} warm calls each "
          f"(same event, same user; STS is {sts_name} on 127.0.0.1)\n")
    print("| runtime | cold start: spawn to first response | init | warm call |")
    print("|---|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {r['cold_ms']:.1f} ms | {r['init_ms']:.2f} ms | {r['warm_ms']:.2f} ms |")
    print(f"\nrolesel's package: {package['zip_bytes'] / 1024:,.0f} KiB zipped, "
          f"{package['unpacked_bytes'] / 1024:,.0f} KiB unpacked")
    print(f"`python3 -c 'import boto3'` alone: {import_boto3:.0f} ms")


if __name__ == "__main__":
    main()
