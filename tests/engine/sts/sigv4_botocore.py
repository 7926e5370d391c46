#!/usr/bin/python3
"""SigV4 vectors from an independent signer: botocore's (Debian's python3-botocore).

Requests are generated (every method the STS and S3 clients use, paths with
reserved and UTF-8 characters, query strings with repeated, empty and encoded
keys, headers with mixed case, inner whitespace and multi-line values, with
and without a session token), signed by botocore.auth.SigV4Auth, and their
canonical request, string to sign and signature kept.

  sigv4_botocore.py --write tests/testdata/sigv4/botocore_vectors.json
      the fixed set the C++ test (SigV4Botocore, sigv4_test.cc) reads, so
      that test needs no botocore; rerun after changing the cases here.
  sigv4_botocore.py --check TOOL [--count N] [--seed S]
      fresh requests (a new seed each run unless given), signed by botocore
      and by rolesel's signer (TOOL: build/tests/sigv4_vector_tool, which
      reads the requests as JSON and prints its parts); exits 1 on any
      difference, printing the request.
"""
import argparse
import json
import random
import subprocess
import sys
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from urllib.parse import quote

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = ("IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/with+plus="
         "and/slashes")

# Hand-picked cases in the spirit of AWS's own suite; the generator adds more.
FIXED = [
    {"name": "sts-assume-role", "method": "POST", "path": "/", "query": [],
     "headers": [["Host", "sts.us-east-1.amazonaws.com"],
                 ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]],
     "body": "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr"
             "&RoleSessionName=alice&Version=2011-06-15", "token": False, "region": "us-east-1",
     "service": "sts", "time": "20261201T083000Z"},
    {"name": "sts-with-session-token", "method": "POST", "path": "/", "query": [],
     "headers": [["Host", "sts.eu-west-1.amazonaws.com"],
                 ["Content-Type", "application/x-www-form-urlencoded"]],
     "body": "Action=GetCallerIdentity&Version=2011-06-15", "token": True,
     "region": "eu-west-1", "service": "sts", "time": "20261201T083000Z"},
    {"name": "s3-get-utf8-key", "method": "GET", "path": "/bucket/r\u00e9gles/\u1234 rules.json",
     "query": [], "headers": [["Host", "s3.us-east-1.amazonaws.com"], ["If-None-Match", '"e1"']],
     "body": "", "token": True, "region": "us-east-1", "service": "s3",
     "time": "20261201T083000Z"},
    {"name": "get-vanilla-query-order", "method": "GET", "path": "/",
     "query": [["Param2", "value2"], ["Param1", "value1"], ["Param1", "value0"]],
     "headers": [["Host", "example.amazonaws.com"]], "body": "", "token": False,
     "region": "us-east-1", "service": "service", "time": "20150830T123600Z"},
    {"name": "get-empty-and-encoded-keys", "method": "GET", "path": "/",
     "query": [["", "v"], ["k", ""], ["k y", "a b"], ["\u00e9", "\u1234"], ["-_.~", "!*'()"]],
     "headers": [["Host", "example.amazonaws.com"]], "body": "", "token": False,
     "region": "us-east-1", "service": "service", "time": "20150830T123600Z"},
    {"name": "header-whitespace-case-and-lines", "method": "GET", "path": "/",
     "query": [],
     "headers": [["Host", "example.amazonaws.com"], ["My-Header1", "  value1  "],
                 ["my-header2", "\"a   b   c\""], ["MY-HEADER3", "value3\n  continued"],
                 ["my-header1", "value2"]],
     "body": "", "token": False, "region": "us-east-1", "service": "service",
     "time": "20150830T123600Z"},
    {"name": "path-dot-segments-and-reserved", "method": "GET",
     "path": "/a/./b/../c/!$&'()*+,;=:@/d", "query": [],
     "headers": [["Host", "example.amazonaws.com"]], "body": "", "token": False,
     "region": "us-east-1", "service": "service", "time": "20150830T123600Z"},
]

METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD"]
SEGMENT_CHARS = "abcXYZ019-_.~ !$&'()*+,;=:@" + "\u00e9\u00fc\u4e2d\u1234\U0001F600"
KEY_CHARS = "abcXYZ019-_.~ !*'()/:@" + "\u00e9\u4e2d"
VALUE_CHARS = KEY_CHARS + "=&?"  # a value may hold '=' and '&' once encoded
HEADER_VALUE_CHARS = "abc XYZ 019 -_.~!\"#$%&'()*+,/:;<=>?@[]^`{|}"


def word(rng, chars, low, high):
    return "".join(rng.choice(chars) for _ in range(rng.randint(low, high)))


def generated(rng, index):
    segments = [word(rng, SEGMENT_CHARS, 1, 6) for _ in range(rng.randint(0, 4))]
    path = "/" + "/".join(segments) + (rng.choice(["", "/"]) if segments else "")
    query = []
    for _ in range(rng.randint(0, 4)):
        key = rng.choice(["", "k", "Action", word(rng, KEY_CHARS, 1, 5)])
        value = rng.choice(["", "v", word(rng, VALUE_CHARS, 1, 6)])
        query.append([key, value])
        if rng.random() < 0.3:
            query.append([key, word(rng, VALUE_CHARS, 0, 4)])  # repeated key
    headers = [["Host", rng.choice(["example.amazonaws.com", "sts.us-east-1.amazonaws.com"])]]
    for _ in range(rng.randint(0, 4)):
        name = "".join(c.upper() if rng.random() < 0.5 else c
                       for c in rng.choice(["x-amz-meta-a", "my-header", "content-type",
                                            "x-custom", "if-none-match"]))
        value = word(rng, HEADER_VALUE_CHARS, 1, 12)
        if rng.random() < 0.3:
            value = "  " + value + "   "  # outer whitespace
        if rng.random() < 0.3:
            value = value.replace(" ", "    ")  # inner runs
        if rng.random() < 0.2:
            value = value + "\n  " + word(rng, HEADER_VALUE_CHARS, 1, 6)  # a second line
        headers.append([name, value])
    body = "" if rng.random() < 0.5 else word(rng, VALUE_CHARS, 1, 40)
    return {"name": f"generated-{index}", "method": rng.choice(METHODS), "path": path,
            "query": query, "headers": headers, "body": body, "token": rng.random() < 0.5,
            "region": rng.choice(["us-east-1", "eu-west-1", "ap-southeast-2"]),
            "service": rng.choice(["sts", "s3", "service"]),
            "time": time.strftime("%Y%m%dT%H%M%SZ",
                                  time.gmtime(1400000000 + rng.randint(0, 400000000)))}


def wire_query(pairs):
    """The query string as a client sends it: each key and value encoded."""
    return "&".join(quote(k, safe="-_.~") + "=" + quote(v, safe="-_.~") for k, v in pairs)


def botocore_parts(case):
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, TOKEN if case["token"] else None)
    request = AWSRequest(method=case["method"], url="https://" + case["headers"][0][1] +
                         case["path"], params=[tuple(p) for p in case["query"]],
                         data=case["body"].encode("utf-8"))
    for name, value in case["headers"]:
        request.headers.add_header(name, value)  # repeated names are kept, as sent
    auth = SigV4Auth(credentials, case["service"], case["region"])
    request.context["timestamp"] = case["time"]
    auth._modify_request_before_signing(request)
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    return {"canonical_request": canonical, "string_to_sign": string_to_sign,
            "signature": auth.signature(string_to_sign, request)}


def with_wire_form(case):
    out = dict(case)
    out["wire_query"] = wire_query(case["query"])
    return out


def cases(seed, count):
    rng = random.Random(seed)
    return [with_wire_form(c) for c in FIXED] + [with_wire_form(generated(rng, i))
                                                  for i in range(count)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", metavar="FILE")
    parser.add_argument("--check", metavar="TOOL")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    import botocore
    if args.write:
        vectors = []
        for case in cases(20261201, 120):
            vectors.append(dict(case, expected=botocore_parts(case)))
        doc = {"about": "SigV4 vectors signed by botocore " + botocore.__version__ +
                        "; written by tests/engine/sts/sigv4_botocore.py --write",
               "access_key_id": ACCESS_KEY, "secret_access_key": SECRET_KEY,
               "session_token": TOKEN, "vectors": vectors}
        with open(args.write, "w") as f:
            json.dump(doc, f, indent=1, ensure_ascii=True)
            f.write("\n")
        print(f"{args.write}: {len(vectors)} vectors")
        return 0
    if args.check:
        seed = args.seed if args.seed is not None else int(time.time())
        batch = cases(seed, args.count)
        doc = {"access_key_id": ACCESS_KEY, "secret_access_key": SECRET_KEY,
               "session_token": TOKEN, "vectors": batch}
        ours = json.loads(subprocess.run([args.check], input=json.dumps(doc), text=True,
                                         capture_output=True, check=True).stdout)
        failed = 0
        for case, mine in zip(batch, ours):
            theirs = botocore_parts(case)
            for key in ("canonical_request", "string_to_sign", "signature"):
                if mine[key] != theirs[key]:
                    failed += 1
                    print(f"MISMATCH {case['name']} ({key}); seed {seed}\n"
                          f"request: {json.dumps(case)}\n"
                          f"botocore: {theirs[key]!r}\nrolesel:  {mine[key]!r}")
                    break
        print(f"{len(batch) - failed} passed, {failed} failed "
              f"(botocore {botocore.__version__}, seed {seed})")
        return 1 if failed else 0
    parser.error("give --write FILE or --check TOOL")


if __name__ == "__main__":
    sys.exit(main())
