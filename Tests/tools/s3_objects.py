#!/usr/bin/env python3
"""Reads a bucket back with boto3, as another S3 client would: prints JSON
{key: {size, md5, content_type, cache_control}} for every object, the MD5 computed from
the bytes fetched. Usage: s3_objects.py ENDPOINT ACCESS_KEY SECRET BUCKET

The whole bucket is listed (no prefix parameter): moto 5.2.1's signature check rebuilds
a query's `prefix=a/` decoded and rejects even boto3's own signature for it.
"""
import hashlib
import json
import sys

import boto3
from botocore.config import Config

endpoint, access_key, secret, bucket = sys.argv[1:5]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=access_key,
                  aws_secret_access_key=secret, config=Config(s3={"addressing_style": "path"}))
result = {}
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
    for entry in page.get("Contents", []):
        obj = s3.get_object(Bucket=bucket, Key=entry["Key"])
        body = obj["Body"].read()
        result[entry["Key"]] = {"size": len(body), "md5": hashlib.md5(body).hexdigest(),
                                "content_type": obj.get("ContentType"), "cache_control": obj.get("CacheControl")}
print(json.dumps(result))
