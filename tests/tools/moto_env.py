#!/usr/bin/env python3
"""Starts moto_server on a free 127.0.0.1 port with SigV4 checking, sets up a
caller and a role (docs/testing.md, "moto"), and prints one JSON
line: {"port", "pid", "access_key_id", "secret_access_key", "role_arn"}.
moto keeps running (in its own session) until the caller kills "pid"; it
also stops by itself after 600 s so a crashed test leaves nothing behind."""
import json
import os

import boto3

from moto_start import start_moto

proc, url, port = start_moto("moto", dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="4"))
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
