#!/usr/bin/env python3
"""An S3-compatible server on loopback for stagefeed's publishing tests: moto's server
on a free port, with signature checking on (--auth) once the setup calls below are made.

Prints one JSON line: {"endpoint", "access_key", "secret", "buckets"}; then serves until
its standard input closes (the test process ending closes it too).

Setup, unauthenticated (INITIAL_NO_AUTH_ACTION_COUNT counts exactly these): an IAM user
with an access key and a policy allowing S3, and the buckets asked for. Every request
after them must carry a valid Signature Version 4 of that key, else moto answers 403
SignatureDoesNotMatch (or InvalidAccessKeyId).
"""
import argparse
import json
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--auth", action="store_true", help="check signatures after the setup calls")
parser.add_argument("--bucket", action="append", default=[])
args = parser.parse_args()

setup_calls = 3 + len(args.bucket)
if args.auth:
    os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = str(setup_calls)

import boto3  # noqa: E402  (after the environment is set: moto reads it on import)
from botocore.config import Config  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
endpoint = f"http://127.0.0.1:{port}"
setup = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
iam = boto3.client("iam", **setup)
iam.create_user(UserName="stagefeed")
key = iam.create_access_key(UserName="stagefeed")["AccessKey"]
policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
iam.put_user_policy(UserName="stagefeed", PolicyName="publish", PolicyDocument=json.dumps(policy))
s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"}), **setup)
for bucket in args.bucket:
    s3.create_bucket(Bucket=bucket)

print(json.dumps({"endpoint": endpoint, "access_key": key["AccessKeyId"], "secret": key["SecretAccessKey"],
                  "buckets": args.bucket}), flush=True)
sys.stdin.read()
server.stop()
