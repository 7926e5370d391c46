#!/usr/bin/env python3
"""Writes the example API Gateway events in rules/examples/events/.

The events follow the shapes AWS documents for Lambda proxy integrations:
REST API (payload 1.0) with a Cognito user pool authorizer, HTTP API
(payload 2.0) with a JWT authorizer, and a REST API with a Lambda
authorizer (the bearer token only in the Authorization header). Run it
again after changing it; the JSON files are what the fixtures use.
"""
import copy
import json
import os

ACCOUNT = "123456789012"
POOL = "us-east-1_Ab12CdE34"
ISS = f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}"
CLIENT = "4k2p0d7v3u5l9s1n8m6q0r2t4"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/"
TOKEN = ("eyJraWQiOiJmYWtlLWtpZCIsImFsZyI6IlJTMjU2In0."
         "eyJzdWIiOiJiYjJmNGE2Yy0xMjM0LTQ1NjctODlhYi1jZGVmMDEyMzQ1NjciLCJpc3MiOiJodHRwczovL2NvZ25pdG8t"
         "aWRwLnVzLWVhc3QtMS5hbWF6b25hd3MuY29tL3VzLWVhc3QtMV9BYjEyQ2RFMzQifQ."
         "c2lnbmF0dXJlLW5vdC12ZXJpZmllZC1pbi10aGlzLWV4YW1wbGU")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "examples", "events")


def rest_headers(host, token=True):
    h = {
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate, br",
        "Authorization": TOKEN if token else None,
        "CloudFront-Forwarded-Proto": "https",
        "CloudFront-Is-Desktop-Viewer": "true",
        "CloudFront-Is-Mobile-Viewer": "false",
        "CloudFront-Is-SmartTV-Viewer": "false",
        "CloudFront-Is-Tablet-Viewer": "false",
        "CloudFront-Viewer-ASN": "16509",
        "CloudFront-Viewer-Country": "US",
        "Host": host,
        "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Via": "2.0 8a3b0d6c2b1f7e4e9a0c5d3b2a1f0e9d.cloudfront.net (CloudFront)",
        "X-Amz-Cf-Id": "k7pQ0x2rT9yU3vW1zA5bC8dE4fG6hJ0kL2mN4oP6qR8sT0uV2wX4yZ==",
        "X-Amzn-Trace-Id": "Root=1-6565a0f2-3c1d5e7f9a0b2c4d6e8f0a1b",
        "X-Forwarded-For": "203.0.113.42, 130.176.8.75",
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
    }
    return {k: v for k, v in h.items() if v is not None}


def rest_event(method, path, resource, path_params, claims, token=True, stage="prod",
               authorizer=None, body=None, query=None):
    host = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
    headers = rest_headers(host, token)
    event = {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": path_params,
        "stageVariables": None,
        "requestContext": {
            "resourceId": "x7y8z9",
            "authorizer": authorizer if authorizer is not None else {"claims": claims},
            "resourcePath": resource,
            "httpMethod": method,
            "extendedRequestId": "PnB4qFxzoAMFZ3A=",
            "requestTime": "27/Nov/2026:13:45:12 +0000",
            "path": f"/{stage}{path}",
            "accountId": ACCOUNT,
            "protocol": "HTTP/1.1",
            "stage": stage,
            "domainPrefix": "a1b2c3d4e5",
            "requestTimeEpoch": 1795787112345,
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "identity": {
                "cognitoIdentityPoolId": None, "accountId": None, "cognitoIdentityId": None,
                "caller": None, "sourceIp": "203.0.113.42", "principalOrgId": None,
                "accessKey": None, "cognitoAuthenticationType": None,
                "cognitoAuthenticationProvider": None, "userArn": None,
                "userAgent": headers["User-Agent"], "user": None,
            },
            "domainName": host,
            "deploymentId": "tq8bzp",
            "apiId": "a1b2c3d4e5",
        },
        "body": body,
        "isBase64Encoded": False,
    }
    return event


def rest_claims(username, groups, **extra):
    claims = {
        "sub": extra.pop("sub", "bb2f4a6c-1234-4567-89ab-cdef01234567"),
        "email_verified": "true",
        "iss": ISS,
        "cognito:username": username,
        "origin_jti": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "aud": CLIENT,
        "event_id": "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170",
        "token_use": "id",
        "auth_time": "1795786000",
        "exp": "Fri Nov 27 14:45:00 UTC 2026",
        "iat": "Fri Nov 27 13:45:00 UTC 2026",
        "jti": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
        "email": f"{username}@example.com",
    }
    if groups is not None:
        claims["cognito:groups"] = groups
    claims.update(extra)
    return claims


def http_event(method, raw_path, route_key, path_params, claims, stage="prod", token=True):
    host = "f9e8d7c6b5.execute-api.us-east-1.amazonaws.com"
    headers = {
        "accept": "application/json",
        "accept-encoding": "gzip, deflate, br",
        "authorization": "Bearer " + TOKEN if token else None,
        "content-length": "0",
        "host": host,
        "user-agent": "curl/8.4.0",
        "x-amzn-trace-id": "Root=1-6565a0f2-7d9e1f3a5b7c9d1e3f5a7b9c",
        "x-forwarded-for": "198.51.100.7",
        "x-forwarded-port": "443",
        "x-forwarded-proto": "https",
    }
    headers = {k: v for k, v in headers.items() if v is not None}
    event = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": raw_path,
        "rawQueryString": "include=owner&limit=10",
        "cookies": ["session=opaque-session-id", "theme=dark"],
        "headers": headers,
        "queryStringParameters": {"include": "owner", "limit": "10"},
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": "f9e8d7c6b5",
            "authentication": None,
            "authorizer": {
                "jwt": {
                    "claims": claims,
                    "scopes": None,
                }
            },
            "domainName": host,
            "domainPrefix": "f9e8d7c6b5",
            "http": {
                "method": method,
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": "198.51.100.7",
                "userAgent": "curl/8.4.0",
            },
            "requestId": "Pn9hVgWToAMEbVA=",
            "routeKey": route_key,
            "stage": stage,
            "time": "27/Nov/2026:13:45:12 +0000",
            "timeEpoch": 1795787112345,
        },
        "pathParameters": path_params,
        "isBase64Encoded": False,
    }
    return event


def http_claims(username, groups, **extra):
    claims = {
        "at_hash": "q1w2e3r4t5y6u7i8o9p0aa",
        "aud": CLIENT,
        "auth_time": "1795786000",
        "cognito:username": username,
        "email": f"{username}@example.com",
        "email_verified": "true",
        "event_id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
        "exp": "1795790700",
        "iat": "1795787100",
        "iss": ISS,
        "jti": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
        "origin_jti": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
        "sub": extra.pop("sub", "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f"),
        "token_use": "id",
    }
    if groups is not None:
        claims["cognito:groups"] = groups
    claims.update(extra)
    return claims


def write(name, event):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(event, f, indent=2)
        f.write("\n")


def main():
    # REST, Cognito authorizer: an admin deletes a pet (groups comma-separated).
    write("rest-admin-delete.json", rest_event(
        "DELETE", "/pets/7", "/pets/{petId}", {"petId": "7"},
        rest_claims("alice", "admins,users",
                    **{"cognito:roles": f"{ROLE}pets-admin,{ROLE}pets-reader",
                       "cognito:preferred_role": f"{ROLE}pets-admin",
                       "custom:tier": "gold"})))
    # REST: a suspended user (still in readers) is denied by the deny list.
    write("rest-suspended.json", rest_event(
        "GET", "/pets", "/pets", None,
        rest_claims("mallory", "readers,suspended",
                    **{"cognito:roles": f"{ROLE}pets-reader",
                       "cognito:preferred_role": f"{ROLE}pets-reader"}),
        query={"limit": "10"}))
    # REST: a reader whose token prefers a role outside the allowed set.
    write("rest-foreign-role.json", rest_event(
        "POST", "/orders", "/orders", None,
        rest_claims("trudy", "users",
                    **{"cognito:roles": "arn:aws:iam::999999999999:role/pets-admin",
                       "cognito:preferred_role": "arn:aws:iam::999999999999:role/pets-admin"}),
        body='{"pet":"7"}'))
    # REST, Lambda authorizer: no claims, only the bearer token.
    write("rest-lambda-authorizer.json", rest_event(
        "GET", "/pets/7", "/pets/{petId}", {"petId": "7"}, None,
        authorizer={"principalId": "bb2f4a6c-1234-4567-89ab-cdef01234567",
                    "integrationLatency": 42, "tier": "gold"}))
    # HTTP API, JWT authorizer, named stage: groups and roles in "[a b]" form.
    write("http-reader-get.json", http_event(
        "GET", "/prod/pets/42", "GET /pets/{petId}", {"petId": "42"},
        http_claims("bob", "[readers users]",
                    **{"cognito:roles": f"[{ROLE}pets-gold {ROLE}pets-reader]",
                       "cognito:preferred_role": f"{ROLE}pets-gold"})))
    # HTTP API, $default stage: a gold-tier photo upload.
    write("http-gold-photos.json", http_event(
        "POST", "/pets/42/photos/2026/cat.jpg", "POST /pets/{petId}/photos/{proxy+}",
        {"petId": "42", "proxy": "2026/cat.jpg"},
        http_claims("carol", "[users]", **{"custom:tier": "gold"}), stage="$default"))
    # HTTP API: an encoded-separator path trick.
    write("http-encoded-slash.json", http_event(
        "GET", "/prod/pets/..%2Fadmin", "GET /pets/{petId}", {"petId": "..%2Fadmin"},
        http_claims("eve", "[admins]")))


if __name__ == "__main__":
    main()
