#!/usr/bin/env python3
"""Validates tools/lambda_example/tenants-template.yaml with aws-sam-translator:
it transforms; every role tenants.rules.json can select exists and trusts
only the function's execution role for sts:AssumeRole and sts:TagSession
(the rules send session tags); the execution role may do exactly that on
the orders-* roles; and no attribute that feeds the session policy is
writable by users. Exits non-zero with the reasons."""
import fnmatch
import json
import os
import re
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


class NoManagedPolicies:
    def load(self):
        return {}


os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
with open(os.path.join(ROOT, "tools", "lambda_example", "tenants-template.yaml")) as f:
    template = yaml_parse(f.read())
with open(os.path.join(ROOT, "rules", "examples", "tenants.rules.json")) as f:
    rules_text = f.read()
literal_roles = set(re.findall(r'"role": "arn:aws:iam::\d{12}:role/([\w+=,.@-]+)"', rules_text))
placeholders = set(re.findall(r"\{(custom:[\w.-]+)\}", rules_text))
template["Resources"]["OrdersFunction"]["Properties"]["CodeUri"] = "s3://bucket/f.zip"
out = transform(template, {}, NoManagedPolicies())
resources = out["Resources"]
roles = {n: r for n, r in resources.items() if r["Type"] == "AWS::IAM::Role"}
actions = ["sts:AssumeRole", "sts:TagSession"]

statements = [s for p in roles["OrdersFunctionRole"]["Properties"]["Policies"]
              for s in p["PolicyDocument"]["Statement"]]
check(len(statements) == 1 and statements[0]["Action"] == actions,
      "the execution role may AssumeRole and TagSession, nothing else")
check(statements[0]["Resource"]["Fn::Sub"] ==
      "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/orders-*",
      "only on the orders-* roles (settings.allowed_roles)")
names = set()
for name, role in roles.items():
    if name == "OrdersFunctionRole":
        continue
    properties = role["Properties"]
    names.add(properties["RoleName"])
    trust = properties["AssumeRolePolicyDocument"]["Statement"]
    check(len(trust) == 1 and trust[0]["Principal"] ==
          {"AWS": {"Fn::GetAtt": ["OrdersFunctionRole", "Arn"]}} and trust[0]["Action"] == actions,
          f"{name} trusts only the execution role, for AssumeRole and TagSession")
    check(fnmatch.fnmatchcase(properties["RoleName"], "orders-*"), f"{name} is an orders-* role")
check(literal_roles <= names, f"every role the rules name exists: missing {literal_roles - names}")

client = resources["UserPoolClient"]["Properties"]
writable = set(client.get("WriteAttributes", []))
check(placeholders and not (placeholders & writable),
      f"users cannot write the attributes the session policy uses ({placeholders & writable})")
check(placeholders <= set(client.get("ReadAttributes", [])),
      "the app client reads the attributes the rules use")

if failures:
    print("tenants-template.yaml:", *failures, sep="\n  ")
    sys.exit(1)
print("tenants-template.yaml: transforms with aws-sam-translator; checks pass")
