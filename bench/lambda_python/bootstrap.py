#!/usr/bin/env python3
"""A minimal Python custom runtime (the loop AWS's managed Python runtime
runs, over the same Runtime API), so the article's handler can be started
the same way as rolesel's bootstrap for a cold-start comparison."""
import json
import os
import sys
import time
import urllib.request

start = time.monotonic()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import handler  # noqa: E402  (imports boto3: the init work)

print(f"python init {(time.monotonic() - start) * 1000:.1f} ms", file=sys.stderr, flush=True)
api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
while True:
    with urllib.request.urlopen(api + "next") as r:
        request_id = r.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(r.read())
    try:
        body = json.dumps(handler.lambda_handler(event, None)).encode()
        url = api + request_id + "/response"
    except Exception as e:  # what the managed runtime reports as the error
        body = json.dumps({"errorMessage": str(e), "errorType": type(e).__name__}).encode()
        url = api + request_id + "/error"
    urllib.request.urlopen(urllib.request.Request(url, data=body)).read()
