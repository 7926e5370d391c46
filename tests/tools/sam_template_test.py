#!/usr/bin/env python3
"""Validates tools/lambda_example/template.yaml with aws-sam-translator (the
library `sam validate` and CloudFormation's SAM transform use): the template
must transform, and the result must give the function what the rules need
and nothing more. Exits non-zero with the reasons."""
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
    """The template names managed policies by ARN; nothing to look up."""

    def load(self):
        return {}


os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # for pseudo parameters only
with open(os.path.join(ROOT, "tools", "lambda_example", "template.yaml")) as f:
    template = yaml_parse(f.read())
# Role ARNs and patterns the example rules name.
with open(os.path.join(ROOT, "rules", "examples", "pets.rules.json")) as f:
    rules_roles = set(re.findall(r"arn:aws:iam::\d{12}:role/([\w+=,.@*-]+)", f.read()))
# `sam package` uploads CodeUri and puts its S3 URI in; do the same here.
code_uri = template["Resources"]["PetsFunction"]["Properties"]["CodeUri"]
check(os.path.normpath(os.path.join("tools/lambda_example", code_uri)) ==
      "build/lambda/pets-function.zip", f"CodeUri {code_uri} is the zip package.sh makes")
template["Resources"]["PetsFunction"]["Properties"]["CodeUri"] = "s3://bucket/pets-function.zip"
out = transform(template, {}, NoManagedPolicies())
resources = out["Resources"]
by_type = {}
for name, resource in resources.items():
    by_type.setdefault(resource["Type"], {})[name] = resource

functions = by_type.get("AWS::Lambda::Function", {})
check(len(functions) == 1, "one Lambda function")
function = next(iter(functions.values()))["Properties"]
check(function["Runtime"] == "provided.al2023", "runtime provided.al2023")
check(function["Handler"] == "bootstrap", "handler bootstrap")
check(function["Environment"]["Variables"]["ROLESEL_RULES"] == "/var/task/rules.json",
      "ROLESEL_RULES points at the packaged rules")
check(function["Role"] == {"Fn::GetAtt": ["PetsFunctionRole", "Arn"]},
      "the function runs as PetsFunctionRole")

# Authorizers: Cognito user pools on the REST API, JWT on the HTTP API.
authorizers = by_type.get("AWS::ApiGateway::RestApi", {})
check(len(authorizers) == 1, "one REST API")
rest = json.dumps(next(iter(authorizers.values())))
check("cognito_user_pools" in rest, "the REST API has a Cognito user pool authorizer")
http_apis = by_type.get("AWS::ApiGatewayV2::Api", {})
check(len(http_apis) == 1 and '"jwt"' in json.dumps(http_apis).lower(),
      "the HTTP API has a JWT authorizer")

# The execution role may assume the pets-* roles and nothing else, with
# TagSession/SetSourceIdentity exactly when the rules use them.
role = resources["PetsFunctionRole"]["Properties"]
statements = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
check(len(statements) == 1, "one policy statement on the execution role")
session_actions = {"Fn::If": ["SessionIdentity",
                              ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                              ["sts:AssumeRole"]]}
check(statements[0]["Action"] == session_actions,
      "AssumeRole, plus TagSession and SetSourceIdentity under SessionIdentity")
check(out["Conditions"]["SessionIdentity"] ==
      {"Fn::Equals": [{"Ref": "RulesUseSessionIdentity"}, "true"]},
      "SessionIdentity follows the RulesUseSessionIdentity parameter")
resource = statements[0]["Resource"]["Fn::Sub"]
check(resource == "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/pets-*",
      f"the AssumeRole resource is the pets-* roles, not {resource}")

# Every group role trusts exactly the execution role.
group_roles = {n: r for n, r in by_type["AWS::IAM::Role"].items() if n != "PetsFunctionRole"}
check(len(group_roles) >= 3, "group roles")
for name, group_role in group_roles.items():
    trust = group_role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    check(len(trust) == 1 and trust[0]["Principal"] ==
          {"AWS": {"Fn::GetAtt": ["PetsFunctionRole", "Arn"]}} and
          trust[0]["Action"] == session_actions,
          f"{name} trusts only the function's execution role")
    role_name = group_role["Properties"]["RoleName"]
    check(fnmatch.fnmatchcase(role_name, "pets-*"), f"{role_name} is a pets-* role")
    check(any(fnmatch.fnmatchcase(role_name, r) for r in rules_roles),
          f"{role_name} is a role the rules can select")

if failures:
    print("template.yaml:", *failures, sep="\n  ")
    sys.exit(1)
print("template.yaml: transforms with aws-sam-translator; checks pass")
