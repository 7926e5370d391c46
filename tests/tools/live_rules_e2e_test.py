#!/usr/bin/env python3
"""Rules that change without a redeploy, end to end, as a new user would try
it with the Lambda example: the packaged bootstrap under the Runtime API
emulator, its rules served from appconfig:// by a stand-in for the AppConfig
extension, STS from moto_server with signature checks.

  1. a new revision on the stand-in takes effect within one poll interval;
  2. a broken revision is refused and the old one keeps serving;
  3. with ROLESEL_SHADOW_SECONDS, a new revision is first shadowed: the
     enforced rules act, differences are counted and logged, then it is
     promoted;
  4. every line the function logs is JSON, and every decision, rules and
     metric line names the revision.
Usage: live_rules_e2e_test.py BOOTSTRAP. Prints what it measured; exits 1
with the reasons when a check fails."""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
POLL = 0.5
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def rules(extra_deny=None, broken=False):
    with open(os.path.join(ROOT, "rules", "examples", "pets.rules.json")) as f:
        doc = json.loads("\n".join(l for l in f.read().splitlines()
                                   if not l.lstrip().startswith("//")))
    if extra_deny:
        doc["deny"].insert(0, extra_deny)
    if broken:
        doc["rules"][0]["role"] = "not-an-arn"
    return json.dumps(doc).encode()


def post(url, data=b""):
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as r:
        return r.read().decode()


def start(cmd, env=None, stderr=None):
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
    return proc, proc.stdout.readline()


def main():
    bootstrap = sys.argv[1]
    work = tempfile.mkdtemp(prefix="rolesel-live-")
    v1 = os.path.join(work, "v1.json")
    with open(v1, "wb") as f:
        f.write(rules())
    procs = []
    try:
        moto, line = start([sys.executable, os.path.join(HERE, "moto_env.py")])
        procs.append(moto)
        aws = json.loads(line)
        procs.append(("pid", aws["pid"]))
        with open(os.path.join(ROOT, "rules", "examples", "events", "http-reader-get.json")) as f:
            reader_event = f.read().encode()

        def run(shadow_seconds, steps):
            extension, port_line = start([sys.executable, os.path.join(HERE, "appconfig_standin.py"),
                                          "pets", "prod", "rules", v1, "1"])
            procs.append(extension)
            ext = f"http://127.0.0.1:{int(port_line)}"
            env = dict(os.environ, AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID=aws["access_key_id"],
                       AWS_SECRET_ACCESS_KEY=aws["secret_access_key"], AWS_SESSION_TOKEN="",
                       AWS_ENDPOINT_URL_STS=f"http://127.0.0.1:{aws['port']}",
                       ROLESEL_RULES="appconfig://pets/prod/rules",
                       AWS_APPCONFIG_EXTENSION_HTTP_PORT=port_line.strip(),
                       ROLESEL_RULES_POLL_SECONDS=str(POLL),
                       ROLESEL_SHADOW_SECONDS=str(shadow_seconds))
            log_path = os.path.join(work, f"function-{shadow_seconds}.log")
            with open(os.path.join(work, "emulator.log"), "a") as emulator_log:
                emulator, info = start([sys.executable, os.path.join(ROOT, "tools", "lambda_example",
                                                                     "emulator.py"),
                                        "--function-log", log_path, "--", bootstrap],
                                       env=env, stderr=emulator_log)
                procs.append(emulator)
                invoke = f"http://127.0.0.1:{json.loads(info)['port']}/2015-03-31/functions/function/invocations"

                def status():
                    return json.loads(post(invoke, reader_event))["statusCode"]

                def deploy(body, version):
                    post(f"{ext}/_config?version={version}", body)

                steps(status, deploy)
                emulator.terminate()
                emulator.wait()
            with open(log_path) as f:
                return f.read()

        def enforcing(status, deploy):
            check(status() == 200, "revision 1 allows the reader")
            deploy(rules({"id": "readers-paused", "groups": ["readers"]}), "2")
            began = time.monotonic()
            while status() != 403 and time.monotonic() - began < 10 * POLL:
                time.sleep(0.02)
            took = time.monotonic() - began
            print(f"     revision 2 took effect after {took:.2f} s (poll interval {POLL} s)")
            check(took <= POLL + 1.0, "a new revision takes effect within one poll interval (+1 s for a loaded machine)")
            deploy(rules(broken=True), "3")
            time.sleep(3 * POLL)
            check(status() == 403, "a broken revision is refused: revision 2 keeps serving")

        log = run(0, enforcing)
        lines = [json.loads(l) for l in log.splitlines() if l.strip()]
        events = [l.get("event") for l in lines]
        check("rules_refused" in events, "the broken revision's refusal is logged")
        refused = next(l for l in lines if l.get("event") == "rules_refused")
        check(refused["revision"] == "appconfig:3", "the refusal names revision 3")
        decisions = [l for l in lines if l.get("event") == "decision"]
        check({d["revision"] for d in decisions} == {"appconfig:1", "appconfig:2"},
              "decisions name the revisions that made them (1, then 2; never 3)")

        def shadowing(status, deploy):
            check(status() == 200, "revision 1 serves (the function is initialized)")
            deploy(rules({"id": "readers-paused", "groups": ["readers"]}), "2")
            time.sleep(2 * POLL)
            check(status() == 200, "while shadowed, the enforced revision 1 acts")
            check(status() == 200, "(twice)")
            time.sleep(3.0)
            check(status() == 403, "after ROLESEL_SHADOW_SECONDS the candidate is promoted")

        shadow_log = run(2, shadowing)
        shadow_lines = [json.loads(l) for l in shadow_log.splitlines() if l.strip()]
        differences = [l for l in shadow_lines if l.get("event") == "shadow_difference"]
        check(len(differences) == 2, f"2 shadow differences logged ({len(differences)})")
        print(f"     shadow difference: {differences[0]['difference'] if differences else None}")
        counted = sum(l.get("ShadowDifferences", 0) for l in shadow_lines if "_aws" in l)
        check(counted == 2, f"2 shadow differences counted as metrics ({counted})")
        check(all(d["candidate_revision"] == "appconfig:2" and d["revision"] == "appconfig:1"
                  for d in differences), "each difference names both revisions")
        check("rules_promoted" in [l.get("event") for l in shadow_lines], "the promotion is logged")

        every = lines + shadow_lines
        named = all(("Revision" in l) if "_aws" in l else ("revision" in l)
                    for l in every if l.get("event") != "init_failed")
        check(named, f"all {len(every)} log lines are JSON and name the revision")
        text = log + shadow_log
        check(aws["secret_access_key"] not in text and "ASIA" not in text,
              "no secret key and no session credentials in the log")
    finally:
        for p in procs:
            if isinstance(p, tuple):
                try:
                    os.kill(p[1], 15)
                except OSError:
                    pass
            else:
                p.terminate()
    if failures:
        sys.exit("live rules: " + "; ".join(failures))


main()
