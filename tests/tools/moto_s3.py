#!/usr/bin/env python3
"""moto_server as S3 on a free 127.0.0.1 port with SigV4 checking on
(INITIAL_NO_AUTH_ACTION_COUNT), for the s3:// rules source's tests.

  moto_s3.py serve BUCKET KEY FILE
      creates a user allowed s3:GetObject on BUCKET/*, the bucket, and the
      object from FILE; prints one JSON line {"port", "pid",
      "access_key_id", "secret_access_key"} and keeps moto running (it stops
      by itself after 600 s).
  moto_s3.py put PORT BUCKET KEY FILE
      replaces the object (with moto's setup key, unsigned checks spent)."""
import json
import os
import sys

import boto3

from moto_start import start_moto


def client(service, url, key="testing", secret="testing"):
    return boto3.client(service, endpoint_url=url, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret)


if sys.argv[1] == "serve":
    bucket, key, path = sys.argv[2:5]
    proc, url, port = start_moto("moto-s3", dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="5"))
    iam = client("iam", url)
    iam.create_user(UserName="rules-reader")
    access = iam.create_access_key(UserName="rules-reader")["AccessKey"]
    iam.put_user_policy(UserName="rules-reader", PolicyName="read-rules",
                        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject",
                                                           "s3:CreateBucket"],
                             "Resource": "*"}]}))
    s3 = client("s3", url)
    s3.create_bucket(Bucket=bucket)
    with open(path, "rb") as f:
        s3.put_object(Bucket=bucket, Key=key, Body=f.read())
    print(json.dumps({"port": port, "pid": proc.pid, "access_key_id": access["AccessKeyId"],
                      "secret_access_key": access["SecretAccessKey"]}), flush=True)
    proc.wait()
else:
    port, bucket, key, path = sys.argv[2:6]
    key_id, secret = os.environ["S3_KEY"], os.environ["S3_SECRET"]
    with open(path, "rb") as f:
        client("s3", f"http://127.0.0.1:{port}", key_id, secret).put_object(
            Bucket=bucket, Key=key, Body=f.read())
