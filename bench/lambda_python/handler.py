"""The handler of AWS's article ("Role-based access control using Amazon
Cognito and an external identity provider" / the knowledge-center answer on
assuming a user pool group's role in a Lambda function behind API Gateway):
read the role Cognito chose from the authorizer's claims and assume it. To
do the same work as tools/lambda_example/pets_handler.cc, it then asks STS
who it is with those credentials."""
import json

import boto3

sts = boto3.client("sts")


def lambda_handler(event, context):
    claims = event["requestContext"]["authorizer"]["claims"]
    role_arn = claims["cognito:preferred_role"]
    credentials = sts.assume_role(RoleArn=role_arn,
                                  RoleSessionName=claims["cognito:username"])["Credentials"]
    as_role = boto3.client("sts", aws_access_key_id=credentials["AccessKeyId"],
                           aws_secret_access_key=credentials["SecretAccessKey"],
                           aws_session_token=credentials["SessionToken"])
    caller = as_role.get_caller_identity()["Arn"]
    return {"statusCode": 200, "body": json.dumps({"role": role_arn, "caller": caller})}
