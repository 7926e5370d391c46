#!/usr/bin/env python3
"""Starts moto_server on a free 127.0.0.1 port with SigV4 checking, sets up a
caller and a role as ../shared/recipes/moto.md says, and prints one JSON
line: {"port", "pid", "access_key_id", "secret_access_key", "role_arn"}.
moto keeps running (in its own session) until the caller kills "pid"; it
also stops by itself after 600 s so a crashed test leaves nothing behind."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import boto3

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="4")
log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"moto-{port}.log"), "w")
proc = subprocess.Popen(["timeout", "600", "moto_server", "-H", "127.0.0.1", "-p", str(port)],
                        env=env, stdout=log, stderr=log, start_new_session=True)
url = f"http://127.0.0.1:{port}"
for _ in range(100):
    try:
        urllib.request.urlopen(url + "/moto-api/", timeout=1)
        break
    except Exception:
        time.sleep(0.1)
else:
    proc.kill()
    sys.exit("moto_server did not start")

iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1",
                   aws_access_key_id="testing", aws_secret_access_key="testing")
iam.create_user(UserName="sts-caller")
key = iam.create_access_key(UserName="sts-caller")["AccessKey"]
iam.put_user_policy(UserName="sts-caller", PolicyName="assume",
                    PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}))
role = iam.create_role(RoleName="pets-reader", AssumeRolePolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    "Principal": {"AWS": "arn:aws:iam::123456789012:user/sts-caller"}}]}))["Role"]
print(json.dumps({"port": port, "pid": proc.pid, "access_key_id": key["AccessKeyId"],
                  "secret_access_key": key["SecretAccessKey"], "role_arn": role["Arn"]}),
      flush=True)
