#!/usr/bin/env python3
"""Starts moto_server on a free 127.0.0.1 port and makes a Cognito user pool
with a client, a group "readers" and user "alice" in it, then signs alice in
(ADMIN_USER_PASSWORD_AUTH). Prints one JSON line: {"port", "pid", "issuer",
"client_id", "jwks_url", "id_token", "access_token"}. moto runs until "pid"
is killed, or 600 s."""
import json

import boto3

from moto_start import start_moto

proc, url, port = start_moto("moto-cognito", None)
idp = boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1",
                   aws_access_key_id="testing", aws_secret_access_key="testing")
pool = idp.create_user_pool(PoolName="pets")["UserPool"]["Id"]
client = idp.create_user_pool_client(
    UserPoolId=pool, ClientName="web",
    ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
)["UserPoolClient"]["ClientId"]
idp.create_group(GroupName="readers", UserPoolId=pool,
                 RoleArn="arn:aws:iam::123456789012:role/pets-reader", Precedence=1)
idp.admin_create_user(UserPoolId=pool, Username="alice", MessageAction="SUPPRESS")
idp.admin_set_user_password(UserPoolId=pool, Username="alice", Password="Passw0rd!Passw0rd",
                            Permanent=True)
idp.admin_add_user_to_group(UserPoolId=pool, Username="alice", GroupName="readers")
auth = idp.admin_initiate_auth(UserPoolId=pool, ClientId=client,
                               AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "alice",
                                               "PASSWORD": "Passw0rd!Passw0rd"})
result = auth["AuthenticationResult"]
print(json.dumps({"port": port, "pid": proc.pid,
                  "issuer": f"https://cognito-idp.us-east-1.amazonaws.com/{pool}",
                  "client_id": client, "jwks_url": f"{url}/{pool}/.well-known/jwks.json",
                  "id_token": result["IdToken"], "access_token": result["AccessToken"]}),
      flush=True)
