#!/usr/bin/env python3
"""Writes rules/examples/pets.adversarial.fixtures.json: hostile requests
against pets.rules.json that must all be denied (or, for session names,
sanitized) as the spec says. Run from anywhere; CTest runs the output through
`rolesel test` with the other bundled fixtures."""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples",
                   "pets.adversarial.fixtures.json")
ACCOUNT = "123456789012"
READER = f"arn:aws:iam::{ACCOUNT}:role/pets-reader"


def claims():
    """A verified reader without a preferred role: each case changes one thing."""
    return {"cognito:username": "mallory", "sub": "5f3c-mallory", "email_verified": "true",
            "cognito:groups": ["readers"]}


def case(name, method, path, claim_set, expect):
    return {"name": name, "request": {"method": method, "path": path, "claims": claim_set},
            "expect": expect}


def deny(reason, rule=None):
    out = {"decision": "deny", "reason": reason}
    if rule:
        out["rule"] = rule
    return out


cases = []
reader = claims()
admin = dict(claims(), **{"cognito:groups": ["admins"]})

# ---- path tricks: a reader reaching for the admin area ----------------------
for path in ["/pets/../admin/users", "/pets/%2e%2e/admin/users", "/pets/%2E%2E/admin",
             "/admin%2fusers", "/admin%2Fusers", "/pets/%5c..%5cadmin", "//admin/users",
             "/pets/./7", "/pets/7%00", "/pets/%252e%252e/admin", "/pets/%", "/pets/%zz",
             "/pets/7%0a", "/pets/%7f", "pets/7", "", "/pets\x00/7", "/pets/\t7",
             "/" + "a/" * 256 + "x", "/" + "p" * 8192,
             # decoded bytes that are not UTF-8 (RE2 patterns cannot match them)
             "/pets/%ff", "/pets/%80", "/pets/%C3", "/pets/%C3/x", "/pets/%c0%ae",
             "/pets/%e0%80%af", "/pets/%ed%a0%80", "/pets/%f4%90%80%80", "/v1/pets/%ff",
             "/admin/%ff", "/pets/7%ff",
             # dot segments with path parameters, read as ".." by Java servers
             "/pets/..;/admin/users", "/pets/..;jsessionid=x/admin", "/pets/.;/7",
             "/pets/%2e%2e;/admin", "/pets/%2e%2e%3b/admin", "/admin/..;/pets"]:
    shown = path if len(path) < 40 else path[:20] + f"...({len(path)} bytes)"
    cases.append(case(f"path trick refused: {json.dumps(shown)}", "GET", path, reader,
                      deny("unsafe_path")))
cases.append(case("a trailing slash does not dodge the admin-area deny", "GET", "/admin/users/",
                  reader, deny("deny_rule", "admin-area-admins-only")))
cases.append(case("upper-case ADMIN is another path, not the admin area, and matches nothing",
                  "DELETE", "/ADMIN/users", reader, deny("no_match")))

# ---- methods ------------------------------------------------------------------
for method in ["get", "Get", "GET ", " GET", "G\u0130T", "", "GET\nX"]:
    cases.append(case(f"method {json.dumps(method)} is not an upper-case token", method,
                      "/pets/7", admin, deny("bad_request")))

# ---- look-alike groups: none of them is "admins" --------------------------------
for group in ["adm\u0456ns", "ADMINS", "Admins", "admins ", " admins", "admins\u200b",
              "\uff41\uff44\uff4d\uff49\uff4e\uff53", "admin", "admins\x00"]:
    cases.append(case(f"look-alike group {json.dumps(group)} is not admins", "DELETE", "/pets/7",
                      dict(claims(), **{"cognito:groups": [group]}), deny("no_match")))
cases.append(case("a group list smuggled in one array element is one group", "DELETE", "/pets/7",
                  dict(claims(), **{"cognito:groups": ["readers,admins"]}), deny("no_match")))

# ---- claims of the wrong JSON type ---------------------------------------------
for name, groups in [("an object", {"admins": True}), ("nested arrays", [["admins"]]),
                     ("an array of objects", [{"name": "admins"}])]:
    cases.append(case(f"cognito:groups as {name} is malformed", "DELETE", "/pets/7",
                      dict(claims(), **{"cognito:groups": groups}), deny("bad_request")))
cases.append({"name": "claims as a string", "request": {"method": "GET", "path": "/pets",
              "claims": "cognito:groups=admins"}, "expect": deny("bad_request")})
cases.append({"name": "claims as an array", "request": {"method": "GET", "path": "/pets",
              "claims": [{"cognito:groups": "admins"}]}, "expect": deny("bad_request")})
cases.append(case("a numeric group is not a group name", "DELETE", "/pets/7",
                  dict(claims(), **{"cognito:groups": 1}), deny("no_match")))
cases.append(case("a null preferred role is no role", "GET", "/search/x",
                  dict(claims(), **{"cognito:preferred_role": None}), deny("no_match")))

# ---- a JSON array inside a string reads exactly as the array -------------------------
for groups, expect in [
        (["suspended", None], deny("deny_rule", "suspended")),
        ('["suspended",null]', deny("deny_rule", "suspended")),
        (["suspended", {}], deny("bad_request")), ('["suspended",{}]', deny("bad_request")),
        (["suspended", []], deny("bad_request")), ('["suspended",[]]', deny("bad_request")),
        ('[{},"suspended"]', deny("bad_request")), ('[["suspended"]]', deny("bad_request")),
        (' [ "suspended" , "readers" ] ', deny("deny_rule", "suspended")),
        ('["suspended" readers]', deny("bad_request")), ('[{} suspended]', deny("bad_request")),
        ('["suspended"] [readers]', deny("bad_request")),
        ('[{"a":1,"a":2},"suspended"]', deny("bad_request"))]:
    cases.append(case(f"cognito:groups {json.dumps(groups)} reads as its array", "GET", "/pets/7",
                      dict(claims(), **{"cognito:groups": groups}), expect))
for groups in [["admins", {}], '["admins",{}]', '["admins",[]]', '[admins {}]',
               '["admins" "x"]']:
    cases.append(case(f"cognito:groups {json.dumps(groups)} is malformed, not admins", "DELETE",
                      "/pets/7", dict(admin, **{"cognito:groups": groups}),
                      deny("bad_request")))
for depth in [33, 100]:
    value = "x"
    for _ in range(depth):
        value = [value]
    cases.append(case(f"a claim nested {depth} levels deep", "GET", "/pets/7",
                      dict(admin, **{"custom:deep": value}), deny("bad_request")))

# ---- overlong inputs --------------------------------------------------------------
cases.append(case("a claim value over 16 KiB", "GET", "/pets/7",
                  dict(admin, **{"custom:bio": "x" * (16 * 1024 + 1)}), deny("bad_request")))
cases.append(case("more than 256 claims", "GET", "/pets/7",
                  dict(admin, **{f"custom:c{i}": "v" for i in range(260)}), deny("bad_request")))
cases.append(case("more than 256 groups", "GET", "/pets/7",
                  dict(claims(), **{"cognito:groups": ["admins"] + [f"g{i}" for i in range(256)]}),
                  deny("bad_request")))
cases.append(case("a claim name over 256 bytes", "GET", "/pets/7",
                  dict(admin, **{"n" * 257: "v"}), deny("bad_request")))

# ---- roles from the token that must never be assumed -------------------------------
for role, reason in [
        (f"arn:aws:iam::999999999999:role/pets-reader", "role_not_allowed"),
        (f"arn:aws-cn:iam::{ACCOUNT}:role/pets-reader", "role_not_allowed"),
        (f"arn:aws-us-gov:iam::{ACCOUNT}:role/pets-reader", "role_not_allowed"),
        (f"arn:aws:iam::{ACCOUNT}:role/pets-*", "role_not_allowed"),
        (f"arn:aws:iam::{ACCOUNT}:role/pets-reader*", "role_not_allowed"),
        (f"arn:aws:iam::{ACCOUNT}:role/*", "role_not_allowed"),
        (f"arn:aws:iam::*:role/pets-reader", "role_not_allowed"),
        (f"arn:aws:iam::{ACCOUNT}:role/PetsReader", "role_not_allowed"),
        (f"arn:aws:iam::{ACCOUNT}:user/pets-reader", "role_not_allowed"),
        (f"arn:aws:sts::{ACCOUNT}:assumed-role/pets-reader/x", "role_not_allowed"),
        (f"arn:aws:iam::{ACCOUNT}:role/pets-reader\n", "role_not_allowed"),
        (f" arn:aws:iam::{ACCOUNT}:role/pets-reader", "role_not_allowed"),
        (f"arn:aws:iam::{ACCOUNT}:role/pets-SuperAdmin", "role_denied"),
        (f"arn:aws:iam::{ACCOUNT}:role/pets-Admin", "role_denied"),
        (f"arn:aws:iam::0123456789012:role/pets-reader", "role_not_allowed"),
        (f"arn:aws:iam::{ACCOUNT}:role/pets-\u0430dmin", "role_not_allowed")]:
    cases.append(case(f"preferred role {json.dumps(role)}", "GET", "/search/x",
                      dict(claims(), **{"cognito:preferred_role": role}),
                      deny(reason, "token")))

# ---- session names: every character STS refuses becomes '-' -------------------
allowed = dict(admin)
for username, expected in [
        ("alice smith/<x>", "alice-smith--x-"),
        ("a\tb\nc\rd", "a-b-c-d"),
        ("o'brien;drop", "o-brien-drop"),
        ("x" * 100, "x" * 64),
        ("name:with|pipes*and?marks", "name-with-pipes-and-marks"),
        ("+=,.@-_", "+=,.@-_"),
        ("a", "5f3c-mallory"),
        ("", "5f3c-mallory")]:
    cases.append(case(f"session name from {json.dumps(username)}", "DELETE", "/pets/7",
                      dict(allowed, **{"cognito:username": username}),
                      {"decision": "allow", "role": f"arn:aws:iam::{ACCOUNT}:role/pets-admin",
                       "session_name": expected}))

# ---- hostile events, as raw bytes: what a JSON serializer cannot write ---------------
# Each is written to events/hostile/ and must be refused (bad_request): a
# last-wins reader in the handler would see a different request.
HOSTILE = os.path.join(os.path.dirname(OUT), "events", "hostile")
ADMIN_CLAIMS = '{"cognito:username":"alice","cognito:groups":"admins","email_verified":"true"}'
READER_CLAIMS = '{"cognito:username":"mallory","cognito:groups":"readers","email_verified":"true"}'


def rest(fields, claims_json=READER_CLAIMS, method="GET", path="/pets/7"):
    return ('{"resource":"/{proxy+}",' + fields + f'"httpMethod":"{method}","path":"{path}",'
            '"headers":{"Accept":"application/json"},"multiValueHeaders":{"Accept":'
            '["application/json"]},"requestContext":{"stage":"prod","authorizer":{"claims":'
            + claims_json + '}},"body":null}')


hostile = {
    "escaped-path-twice": rest('"pat\\u0068":"/admin/users",'),
    "null-path-first": rest('"path":null,'),
    "number-path-first": rest('"path":7,'),
    "escaped-method-twice": rest('"httpMetho\\u0064":"GET",', ADMIN_CLAIMS, "DELETE"),
    "two-request-contexts": rest('"requestContext":{"authorizer":{"claims":' + ADMIN_CLAIMS +
                                 '}},', READER_CLAIMS),
    "two-authorizers": ('{"httpMethod":"DELETE","path":"/pets/7","requestContext":{"authorizer":'
                        '{},"authorizer":{"claims":' + ADMIN_CLAIMS + '}}}'),
    "escaped-claims-twice": ('{"httpMethod":"DELETE","path":"/pets/7","requestContext":'
                             '{"authorizer":{"claim\\u0073":' + READER_CLAIMS + ',"claims":' +
                             ADMIN_CLAIMS + '}}}'),
    "claim-twice": ('{"httpMethod":"GET","path":"/pets/7","requestContext":{"authorizer":'
                    '{"claims":{"cognito:groups":"suspended","cognito:group\\u0073":"readers",'
                    '"cognito:username":"x"}}}}'),
    "trailing-document": rest("") + ' {"httpMethod":"DELETE","path":"/admin/users"}',
    "trailing-garbage": rest("") + " x",
    "http-api-rest-claims": ('{"version":"2.0","routeKey":"$default","rawPath":"/pets/7",'
                             '"requestContext":{"http":{"method":"DELETE"},"stage":"$default",'
                             '"authorizer":{"claims":' + ADMIN_CLAIMS + '}}}'),
    "http-api-with-rest-path": ('{"version":"2.0","routeKey":"$default","rawPath":"/pets/7",'
                                '"path":"/admin/users","requestContext":{"http":{"method":"GET"},'
                                '"stage":"$default","authorizer":{"jwt":{"claims":' +
                                READER_CLAIMS + '}}}}'),
    "two-authorization-values": ('{"httpMethod":"GET","path":"/pets/7","headers":'
                                 '{"Authorization":"a.b.c"},"multiValueHeaders":'
                                 '{"Authorization":["d.e.f"]},"requestContext":{}}'),
    "two-authorization-multi": ('{"httpMethod":"GET","path":"/pets/7","headers":null,'
                                '"multiValueHeaders":{"authorization":["a.b.c","d.e.f"]},'
                                '"requestContext":{}}'),
    "deep-claim": ('{"httpMethod":"GET","path":"/pets/7","requestContext":{"authorizer":'
                   '{"claims":{"cognito:username":"alice","x":' + "[" * 5000 + "]" * 5000 +
                   '}}}}'),
}
os.makedirs(HOSTILE, exist_ok=True)
for name, text in hostile.items():
    with open(os.path.join(HOSTILE, name + ".json"), "w") as f:
        f.write(text + "\n")
    cases.append({"name": f"hostile event {name} is refused",
                  "event": f"events/hostile/{name}.json", "expect": deny("bad_request")})

doc = {"rules": "pets.rules.json", "cases": cases}
with open(OUT, "w") as f:
    f.write("// Hostile requests against pets.rules.json, written by "
            "rules/tools/make_adversarial.py.\n// Every one is denied, or its session name "
            "sanitized, as the spec says.\n")
    json.dump(doc, f, indent=1, ensure_ascii=True)
    f.write("\n")
print(f"{OUT}: {len(cases)} cases")
