#!/usr/bin/env python3
"""Runs the packaged example function on this machine, as Lambda would:

  1. unzips build/lambda/pets-function.zip (made by package.sh) into a
     temporary task root;
  2. starts moto_server on 127.0.0.1 as STS, IAM and Cognito, with SigV4
     signature checking on, and gives the function an execution identity;
  3. starts emulator.py (the Lambda Runtime API) running the zip's bootstrap;
  4. invokes it with the bundled API Gateway events, a bearer-token event
     (a real ID token from moto's Cognito) and a malformed event;
  5. prints each response, and how many times STS AssumeRole was called for
     each (role, session) - read from moto's own request recording.

Usage: run_local.py [--zip ZIP] [--repeat N] [--json [--out FILE]]
--json prints one JSON document instead (the end-to-end test reads it)."""
import argparse
import base64
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
from moto_start import start_moto  # noqa: E402

import boto3  # noqa: E402

EVENTS = os.path.join(ROOT, "rules", "examples", "events")
ACCOUNT = "123456789012"
SETUP_UNSIGNED_CALLS = 3


def http(url, data=None):
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as r:
        return r.read().decode()


def unzip(zip_path, into):
    # zipfile does not restore permissions; Lambda's extraction does.
    with zipfile.ZipFile(zip_path) as z:
        for info in z.infolist():
            path = z.extract(info, into)
            mode = info.external_attr >> 16
            if mode:
                os.chmod(path, mode & 0o777)


def setup_aws(url):
    """The function's execution identity (an IAM user's key stands in for
    the execution role's credentials), the group roles, and a Cognito pool
    whose user alice is in group readers."""
    # moto checks signatures after its first SETUP_UNSIGNED_CALLS calls: those
    # make an administrator, whose key signs the rest of the setup.
    kw = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="testing",
              aws_secret_access_key="testing")
    iam = boto3.client("iam", **kw)
    iam.create_user(UserName="setup-admin")
    admin = iam.create_access_key(UserName="setup-admin")["AccessKey"]
    iam.put_user_policy(UserName="setup-admin", PolicyName="all", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*",
                                                "Resource": "*"}]}))
    kw.update(aws_access_key_id=admin["AccessKeyId"],
              aws_secret_access_key=admin["SecretAccessKey"])
    iam = boto3.client("iam", **kw)
    iam.create_user(UserName="pets-function")
    key = iam.create_access_key(UserName="pets-function")["AccessKey"]
    # What template.yaml grants the execution role.
    iam.put_user_policy(UserName="pets-function", PolicyName="assume-group-roles",
                        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
                            "Effect": "Allow",
                            "Action": ["sts:AssumeRole", "sts:TagSession",
                                       "sts:SetSourceIdentity"],
                            "Resource": f"arn:aws:iam::{ACCOUNT}:role/pets-*"}]}))
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/pets-function"},
        "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]}]})
    for role in ("pets-admin", "pets-reader", "pets-gold", "pets-basic"):
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)
    idp = boto3.client("cognito-idp", **kw)
    pool = idp.create_user_pool(PoolName="pets")["UserPool"]["Id"]
    client = idp.create_user_pool_client(
        UserPoolId=pool, ClientName="web", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH",
                                                             "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.create_group(GroupName="readers", UserPoolId=pool, Precedence=1,
                     RoleArn=f"arn:aws:iam::{ACCOUNT}:role/pets-reader")
    idp.admin_create_user(UserPoolId=pool, Username="alice", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username="alice", Password="Passw0rd!Passw0rd",
                                Permanent=True)
    idp.admin_add_user_to_group(UserPoolId=pool, Username="alice", GroupName="readers")
    tokens = idp.admin_initiate_auth(
        UserPoolId=pool, ClientId=client, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!Passw0rd"},
    )["AuthenticationResult"]
    jwt = {"issuer": f"https://cognito-idp.us-east-1.amazonaws.com/{pool}",
           "client_ids": [client], "jwks": f"{url}/{pool}/.well-known/jwks.json"}
    return key, jwt, tokens["IdToken"]


def bearer_event(token):
    """A REST API event from a Lambda-authorizer (or no-authorizer) API: no
    claims, only the Authorization header."""
    with open(os.path.join(EVENTS, "rest-lambda-authorizer.json")) as f:
        event = json.load(f)
    event["headers"]["Authorization"] = "Bearer " + token
    event["multiValueHeaders"]["Authorization"] = ["Bearer " + token]
    return json.dumps(event)


def tampered(token):
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["cognito:groups"] = ["admins"]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return ".".join([header, forged, signature])


def assume_role_calls(recording):
    calls = collections.Counter()
    if not os.path.exists(recording):
        return calls
    with open(recording) as f:
        for line in f:
            entry = json.loads(line)
            body = entry.get("body") or ""
            try:
                body = base64.b64decode(body).decode()
            except Exception:
                pass
            form = urllib.parse.parse_qs(body)
            if form.get("Action") == ["AssumeRole"]:
                calls[(form["RoleArn"][0], form["RoleSessionName"][0])] += 1
    return calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--zip", default=os.path.join(ROOT, "build", "lambda",
                                                      "pets-function.zip"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--out", help="with --json: write the report to this file")
    args = parser.parse_args()
    if not os.path.exists(args.zip):
        sys.exit(f"run_local.py: {args.zip} not found; run tools/lambda_example/package.sh")

    work = tempfile.mkdtemp(prefix="rolesel-lambda-")
    recording = os.path.join(work, "moto-recording.jsonl")
    moto_env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT=str(SETUP_UNSIGNED_CALLS), MOTO_ENABLE_RECORDING="True",
                    MOTO_RECORDER_FILEPATH=recording)
    moto, url, _ = start_moto("moto-lambda", moto_env)
    emulator = None
    try:
        key, jwt, id_token = setup_aws(url)
        http(url + "/moto-api/recorder/start-recording", b"")
        task_root = os.path.join(work, "task")
        unzip(args.zip, task_root)
        # The packaged rules plus settings.jwt for moto's user pool, so that a
        # bearer token from a Lambda-authorizer API can be verified.
        with open(os.path.join(task_root, "rules.json")) as f:
            text = f.read()
        rules = json.loads("\n".join(l for l in text.splitlines()
                                     if not l.lstrip().startswith("//")))
        rules["settings"]["jwt"] = jwt
        # Real Cognito ID tokens carry cognito:roles for a group with a role;
        # moto's do not, so name the readers' role in a rule of its own, after
        # the bundled ones (which decide the bundled events as before).
        rules["rules"].append({
            "id": "bearer-readers", "groups": ["readers"], "path": "/pets/*",
            "methods": ["GET"], "role": f"arn:aws:iam::{ACCOUNT}:role/pets-reader"})
        with open(os.path.join(work, "rules-with-jwt.json"), "w") as f:
            json.dump(rules, f)

        env = dict(os.environ, AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID=key["AccessKeyId"],
                   AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"], AWS_SESSION_TOKEN="",
                   AWS_ENDPOINT_URL_STS=url, LAMBDA_TASK_ROOT=task_root,
                   ROLESEL_RULES=os.path.join(work, "rules-with-jwt.json"))
        log = open(os.path.join(work, "function.log"), "w")
        start = time.monotonic()
        emulator = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "emulator.py"), "--",
             os.path.join(task_root, "bootstrap")],
            env=env, stdout=subprocess.PIPE, stderr=log, text=True)
        port = json.loads(emulator.stdout.readline())["port"]
        invoke_url = f"http://127.0.0.1:{port}/2015-03-31/functions/function/invocations"

        def read(name):
            with open(os.path.join(EVENTS, name)) as f:
                return f.read()

        cases = [(f"rest-admin-delete.json #{i + 1}", read("rest-admin-delete.json"))
                 for i in range(args.repeat)]
        cases += [(f"http-reader-get.json #{i + 1}", read("http-reader-get.json"))
                  for i in range(args.repeat)]
        cases += [("rest-suspended.json", read("rest-suspended.json")),
                  ("rest-foreign-role.json", read("rest-foreign-role.json")),
                  ("http-encoded-slash.json", read("http-encoded-slash.json")),
                  ("bearer ID token from moto Cognito", bearer_event(id_token)),
                  ("bearer token with a forged payload", bearer_event(tampered(id_token))),
                  ("not JSON", "{\"httpMethod\": ")]
        results = []
        for name, event in cases:
            t0 = time.monotonic()
            reply = json.loads(http(invoke_url, event.encode()))
            elapsed = time.monotonic() - t0
            results.append({"case": name, "ms": round(elapsed * 1000, 2),
                            "first_ms": round((time.monotonic() - start) * 1000, 1),
                            "response": reply})
        invocations = json.loads(http(f"http://127.0.0.1:{port}/test/log"))
        init_error = json.loads(http(f"http://127.0.0.1:{port}/test/init-error"))
    finally:
        if emulator is not None:
            emulator.terminate()
            emulator.wait(10)
        moto.terminate()
        moto.wait(10)
    calls = assume_role_calls(recording)
    with open(os.path.join(work, "function.log")) as f:
        function_log = f.read()
    shutil.rmtree(work, ignore_errors=True)

    if args.json:
        out = open(args.out, "w") if args.out else sys.stdout
        print(json.dumps({
            "results": results, "invocations": invocations, "init_error": init_error,
            "assume_role_calls": [{"role": r, "session": s, "count": n}
                                  for (r, s), n in sorted(calls.items())],
            "function_log": function_log}), file=out)
        return
    for r in results:
        response = r["response"]
        status = response.get("statusCode", "error")
        body = response.get("body", json.dumps(response))
        print(f"{status}  {r['case']:<38} {body}")
    print("\nSTS AssumeRole calls (from moto's recording):")
    for (role, session), n in sorted(calls.items()):
        print(f"  {n}  {role}  session {session}")
    print("\nFunction log:\n" + function_log)


if __name__ == "__main__":
    main()
