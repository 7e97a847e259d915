#!/usr/bin/env python3
"""Signs a request with botocore's own S3 Signature Version 4 signer, for comparison with
stagefeed's. Reads JSON on stdin: {method, url (percent-encoded as sent), headers
{name: value} (host, x-amz-date, x-amz-content-sha256…), body (text), access_key, secret,
region}; prints the canonical request and the Authorization header as JSON.
"""
import json
import sys

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
request = AWSRequest(method=spec["method"], url=spec["url"], data=spec["body"].encode("utf-8"), headers=spec["headers"])
request.context["timestamp"] = spec["headers"]["x-amz-date"]
auth = S3SigV4Auth(Credentials(spec["access_key"], spec["secret"]), "s3", spec["region"])
canonical = auth.canonical_request(request)
string_to_sign = auth.string_to_sign(request, canonical)
signature = auth.signature(string_to_sign, request)
headers = ";".join(sorted(name.lower() for name in spec["headers"]))
scope = f"{spec['headers']['x-amz-date'][:8]}/{spec['region']}/s3/aws4_request"
print(json.dumps({"canonical_request": canonical,
                  "authorization": f"AWS4-HMAC-SHA256 Credential={spec['access_key']}/{scope}, SignedHeaders={headers}, Signature={signature}"}))
