#!/usr/bin/env python3
"""Runs `s3rd generate --format json` on every example and policy test design and checks:

- each replication configuration against the AWS S3 API model (botocore's ParamValidator on
  the PutBucketReplication input shape), plus the enums, which the validator does not check;
- each policy for structure: valid ARNs for the right service and partition, no "Action": "*",
  no empty lists, unique Sids, only condition keys that exist for the actions they guard;
- `--out` writes the same documents, one file per artifact, inside the folder.

Exits 77 (skipped) only when botocore is not installed.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys

try:
    import botocore.session
    from botocore.validate import ParamValidator
except ImportError:  # pragma: no cover
    print("botocore is not installed; skipping")
    sys.exit(77)

KINDS = {"replication-configuration", "role-trust-policy", "role-permissions-policy",
         "key-policy", "bucket-policy", "role-managed-policy"}
PARTITIONS = {"aws", "aws-cn", "aws-us-gov"}
SERVICE_PRINCIPALS = {"s3.amazonaws.com", "batchoperations.s3.amazonaws.com"}
OPERATORS = {"StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "ArnLike",
             "ArnEquals", "ArnNotLike", "Bool", "StringEqualsIfExists", "StringLikeIfExists",
             "NumericLessThan", "NumericGreaterThan", "IpAddress", "NotIpAddress", "Null"}
GLOBAL_KEYS = {"aws:SourceAccount", "aws:SourceArn", "aws:SecureTransport", "aws:PrincipalOrgID",
               "aws:SourceOrgID", "aws:PrincipalArn", "aws:SourceIp", "aws:SourceVpce"}
# Service-specific condition keys and the actions they exist for (from the IAM service
# authorization reference for S3 and KMS; only what replication policies use).
KMS_CRYPTO = {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKey*",
              "kms:ReEncrypt*", "kms:ReEncryptFrom", "kms:ReEncryptTo"}
SERVICE_KEYS = {
    "kms:ViaService": lambda a: a.startswith("kms:"),
    "kms:CallerAccount": lambda a: a.startswith("kms:"),
    "kms:EncryptionContext:aws:s3:arn": lambda a: a in KMS_CRYPTO,
    "kms:GrantIsForAWSResource": lambda a: a in {"kms:CreateGrant", "kms:ListGrants",
                                                 "kms:RevokeGrant"},
    "s3:x-amz-server-side-encryption": lambda a: a.startswith("s3:"),
    "s3:x-amz-server-side-encryption-aws-kms-key-id": lambda a: a.startswith("s3:"),
}
ACTION_RE = re.compile(r"^(s3|kms|sts|iam):[A-Za-z*]+$")
SID_RE = re.compile(r"^[A-Za-z0-9]+$")
KEY_ID_RE = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|"
                       r"mrk-[0-9a-f]{32})$")


class Failures:
    def __init__(self):
        self.items = []

    def add(self, where, message):
        self.items.append(f"{where}: {message}")


def as_list(value):
    return value if isinstance(value, list) else [value]


def partition_of(arn):
    parts = arn.split(":")
    return parts[1] if len(parts) > 1 else None


def check_no_empty_lists(value, where, failures):
    if isinstance(value, list):
        if not value:
            failures.add(where, "empty list")
        for v in value:
            check_no_empty_lists(v, where, failures)
    elif isinstance(value, dict):
        for k, v in value.items():
            check_no_empty_lists(v, f"{where}.{k}", failures)


def check_s3_resource(arn, partition, where, failures):
    m = re.match(r"^arn:([a-z-]+):s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?$", arn)
    if not m:
        failures.add(where, f"not an S3 bucket or object ARN: {arn}")
    elif m.group(1) != partition:
        failures.add(where, f"wrong partition in {arn}")


def check_kms_resource(arn, partition, where, failures):
    m = re.match(r"^arn:([a-z-]+):kms:([a-z]{2}(-gov)?-[a-z]+-\d):(\d{12}):key/(.+)$", arn)
    if not m or not KEY_ID_RE.match(m.group(5)):
        failures.add(where, f"not a KMS key ARN: {arn}")
    elif m.group(1) != partition:
        failures.add(where, f"wrong partition in {arn}")


def check_principal(principal, partition, where, failures):
    if principal == "*":
        return
    if not isinstance(principal, dict) or not principal:
        failures.add(where, "principal must be an object")
        return
    for kind, values in principal.items():
        for v in as_list(values):
            if kind == "AWS":
                if re.match(r"^\d{12}$", v):
                    continue
                m = re.match(r"^arn:([a-z-]+):iam::(\d{12}):(root|role/([\w+=,.@-]+/)*[\w+=,.@-]+)$",
                             v)
                if not m:
                    failures.add(where, f"not an IAM principal ARN: {v}")
                elif m.group(1) != partition:
                    failures.add(where, f"wrong partition in {v}")
            elif kind == "Service":
                if v not in SERVICE_PRINCIPALS:
                    failures.add(where, f"unexpected service principal {v}")
            else:
                failures.add(where, f"unexpected principal type {kind}")


def check_policy(item, failures):
    where = item["path"]
    doc = item["document"]
    kind = item["kind"]
    partition = partition_of(item["target"])
    if partition not in PARTITIONS:
        failures.add(where, f"bad target ARN {item['target']}")
        return
    if not isinstance(doc, dict) or doc.get("Version") != "2012-10-17":
        failures.add(where, "Version must be 2012-10-17")
        return
    if list(doc.keys())[0] != "Version":
        failures.add(where, "Version must come first")
    statements = doc.get("Statement")
    if not isinstance(statements, list) or not statements:
        failures.add(where, "Statement must be a non-empty list")
        return
    check_no_empty_lists(doc, where, failures)
    sids = set()
    for i, s in enumerate(statements):
        w = f"{where} Statement[{i}]"
        sid = s.get("Sid")
        if sid is not None:
            if sid in sids:
                failures.add(w, f"duplicate Sid {sid}")
            sids.add(sid)
            if kind != "key-policy" and kind != "bucket-policy" and not SID_RE.match(sid):
                failures.add(w, f"IAM Sids allow only letters and digits: {sid}")
        if s.get("Effect") not in ("Allow", "Deny"):
            failures.add(w, "Effect must be Allow or Deny")
        actions = as_list(s.get("Action", []))
        if not actions:
            failures.add(w, "no Action")
        for a in actions:
            if a == "*":
                failures.add(w, '"Action": "*"')
            elif not ACTION_RE.match(a):
                failures.add(w, f"malformed action {a}")
        if kind == "role-trust-policy":
            if actions != ["sts:AssumeRole"]:
                failures.add(w, "a trust policy allows only sts:AssumeRole")
            if "Resource" in s:
                failures.add(w, "a trust policy names no Resource")
        if kind in ("role-trust-policy", "key-policy", "bucket-policy"):
            check_principal(s.get("Principal"), partition, w, failures)
        elif "Principal" in s:
            failures.add(w, "an identity policy has no Principal")
        for r in as_list(s.get("Resource", [])):
            if r == "*":
                if kind != "key-policy":
                    failures.add(w, '"Resource": "*" outside a key policy')
                continue
            service = r.split(":")[2] if r.count(":") >= 5 else ""
            if service == "s3":
                check_s3_resource(r, partition, w, failures)
                if kind == "bucket-policy":
                    bucket = item["target"]
                    if r != bucket and not r.startswith(bucket + "/"):
                        failures.add(w, f"bucket policy resource of another bucket: {r}")
                if r.split(":::", 1)[1].split("/")[0] and any(a.startswith("kms:") for a in actions):
                    failures.add(w, "KMS action on an S3 resource")
            elif service == "kms":
                check_kms_resource(r, partition, w, failures)
                if any(not a.startswith("kms:") for a in actions):
                    failures.add(w, "non-KMS action on a KMS key")
            else:
                failures.add(w, f"unexpected resource {r}")
        for op, block in s.get("Condition", {}).items():
            if op not in OPERATORS:
                failures.add(w, f"unknown condition operator {op}")
            for key, values in block.items():
                if key in GLOBAL_KEYS:
                    if key == "aws:SourceAccount":
                        for v in as_list(values):
                            if not re.match(r"^\d{12}$", v):
                                failures.add(w, f"aws:SourceAccount not 12 digits: {v}")
                    if key == "aws:SourceArn":
                        for v in as_list(values):
                            if partition_of(v) != partition:
                                failures.add(w, f"aws:SourceArn of another partition: {v}")
                    continue
                valid_for = SERVICE_KEYS.get(key)
                if valid_for is None:
                    failures.add(w, f"unknown condition key {key}")
                    continue
                for a in actions:
                    if not valid_for(a.replace("*", "")) and not valid_for(a):
                        failures.add(w, f"condition key {key} does not exist for {a}")
                if key == "kms:ViaService":
                    # "Use the .amazonaws.com suffix of the AWS KMS ViaService name in all AWS
                    # partitions." (KMS developer guide, kms:ViaService)
                    for v in as_list(values):
                        if not re.match(r"^s3\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com$", v):
                            failures.add(w, f"bad kms:ViaService {v}")
                if key == "kms:EncryptionContext:aws:s3:arn":
                    for v in as_list(values):
                        check_s3_resource(v, partition, w, failures)


def enum_errors(shape, value, path):
    """botocore's validator skips enums: walk the shape and check them."""
    errors = []
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                errors += enum_errors(member, value[name], f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        for i, v in enumerate(value):
            errors += enum_errors(shape.member, v, f"{path}[{i}]")
    elif shape.type_name == "string" and shape.enum and value not in shape.enum:
        errors.append(f"{path}: {value!r} is not one of {shape.enum}")
    return errors


def order_errors(shape, value, path):
    """Members must come in the order of the S3 API model's shapes (botocore's member order),
    as the README promises "AWS's own key order"."""
    errors = []
    if shape.type_name == "structure" and isinstance(value, dict):
        order = list(shape.members)
        known = [k for k in value if k in shape.members]
        if known != sorted(known, key=order.index):
            errors.append(f"{path}: members {known} not in the order {order}")
        for name, member in shape.members.items():
            if name in value:
                errors += order_errors(member, value[name], f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        for i, v in enumerate(value):
            errors += order_errors(shape.member, v, f"{path}[{i}]")
    return errors


def check_replication(item, shape, failures):
    where = item["path"]
    doc = item["document"]
    bucket = item["target"].split(":::", 1)[1]
    params = {"Bucket": bucket, "ReplicationConfiguration": doc}
    report = ParamValidator().validate(params, shape)
    if report.has_errors():
        failures.add(where, report.generate_report())
    for e in enum_errors(shape, params, "PutBucketReplication"):
        failures.add(where, e)
    for e in order_errors(shape.members["ReplicationConfiguration"], doc,
                          "ReplicationConfiguration"):
        failures.add(where, e)
    check_no_empty_lists({k: v for k, v in doc.items()}, where, failures)
    rules = doc.get("Rules", [])
    if not rules or len(rules) > 1000:
        failures.add(where, "1 to 1,000 rules")
    ids = [r["ID"] for r in rules if "ID" in r]  # S3 assigns the missing ones
    if len(set(ids)) != len(ids):
        failures.add(where, "rule IDs must be unique")
    for r in rules:
        w = f"{where} rule {r.get('ID')}"
        for required in ("Filter", "Priority", "DeleteMarkerReplication"):
            if required not in r:
                failures.add(w, f"V2 rules need {required}")
        if "ExistingObjectReplication" in r or "Prefix" in r:
            failures.add(w, "ExistingObjectReplication and rule-level Prefix are not allowed")
        flt = r.get("Filter", {})
        if len(flt) > 1:
            failures.add(w, "Filter must hold one of Prefix, Tag, And")
        tags = "Tag" in flt or bool(flt.get("And", {}).get("Tags"))
        if tags and r["DeleteMarkerReplication"]["Status"] != "Disabled":
            failures.add(w, "tag filters require DeleteMarkerReplication Disabled")
        dest = r["Destination"]
        if "ReplicationTime" in dest:
            if dest.get("Metrics", {}).get("Status") != "Enabled":
                failures.add(w, "ReplicationTime needs Metrics")
            if dest["ReplicationTime"]["Time"]["Minutes"] != 15 or \
                    dest["Metrics"]["EventThreshold"]["Minutes"] != 15:
                failures.add(w, "RTC and Metrics accept only 15 minutes")
        if "AccessControlTranslation" in dest and "Account" not in dest:
            failures.add(w, "AccessControlTranslation needs Account")
        ssc = r.get("SourceSelectionCriteria")
        if ssc is not None and "SseKmsEncryptedObjects" not in ssc:
            failures.add(w, "SourceSelectionCriteria needs SseKmsEncryptedObjects")
        if ssc and ssc.get("SseKmsEncryptedObjects", {}).get("Status") == "Enabled":
            key = dest.get("EncryptionConfiguration", {}).get("ReplicaKmsKeyID")
            if key:
                check_kms_resource(key, partition_of(item["target"]), w, failures)
        if dest.get("StorageClass") in ("FSX_OPENZFS", "FSX_ONTAP"):
            failures.add(w, "storage class not accepted for replicas")
        check_s3_resource(dest["Bucket"], partition_of(item["target"]), w, failures)
        if "/" in dest["Bucket"].split(":::", 1)[1]:
            failures.add(w, "Destination.Bucket must be a bucket ARN")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--s3rd", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()

    session = botocore.session.get_session()
    model = session.get_service_model("s3")
    shape = model.operation_model("PutBucketReplication").input_shape

    designs = sorted(glob.glob(os.path.join(args.examples, "*.s3rd.json")))
    designs += sorted(glob.glob(os.path.join(args.data, "policies", "*", "design.s3rd.json")))
    if not designs:
        print("no designs found")
        return 1
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work, exist_ok=True)

    failures = Failures()
    counts = {k: 0 for k in KINDS}
    for n, design in enumerate(designs):
        run = subprocess.run([args.s3rd, "generate", design, "--format", "json"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            failures.add(design, f"exit {run.returncode}: {run.stderr.strip()}")
            continue
        result = json.loads(run.stdout)
        if list(result.keys()) != ["artifacts"]:
            failures.add(design, "output must be {\"artifacts\": [...]}")
            continue
        for item in result["artifacts"]:
            if list(item.keys()) != ["kind", "account", "target", "path", "document"]:
                failures.add(design, f"artifact keys {list(item.keys())}")
                continue
            if item["kind"] not in KINDS:
                failures.add(design, f"unknown kind {item['kind']}")
                continue
            if not re.match(r"^\d{12}$", item["account"]):
                failures.add(design, f"account {item['account']}")
            path = item["path"]
            if path.startswith("/") or ".." in path.split("/") or \
                    not path.startswith(item["account"] + "/") or not path.endswith(".json"):
                failures.add(design, f"path {path}")
            counts[item["kind"]] += 1
            if item["kind"] == "replication-configuration":
                check_replication(item, shape, failures)
            else:
                check_policy(item, failures)
            if item["kind"] == "role-managed-policy":
                # IAM quotas: "Managed policy size: 6,144 characters", whitespace not counted.
                size = len(re.sub(r"\s", "", json.dumps(item["document"], indent=2)))
                if size > 6144:
                    failures.add(path, f"managed policy of {size} characters")
                if not re.match(r"^arn:aws[a-z-]*:iam::\d{12}:policy/", item["target"]):
                    failures.add(path, f"managed policy target {item['target']}")

        # --out writes the same documents, one file each, under the folder.
        out = os.path.join(args.work, str(n))
        written = subprocess.run([args.s3rd, "generate", design, "--out", out],
                                 capture_output=True, text=True)
        if written.returncode != 0:
            failures.add(design, f"--out exit {written.returncode}: {written.stderr.strip()}")
            continue
        for item in result["artifacts"]:
            file = os.path.join(out, item["path"])
            if not os.path.isfile(file):
                failures.add(design, f"--out did not write {item['path']}")
                continue
            with open(file, encoding="utf-8") as f:
                text = f.read()
            if json.loads(text) != item["document"]:
                failures.add(design, f"--out wrote a different {item['path']}")

    # Bad input: exit 2 and FILE:LOCATION: message.
    broken = os.path.join(args.work, "broken.s3rd.json")
    with open(broken, "w", encoding="utf-8") as f:
        f.write('{"format": "s3-replication-designer", "formatVersion": 1, "accounts": [')
    run = subprocess.run([args.s3rd, "generate", broken], capture_output=True, text=True)
    if run.returncode != 2 or not run.stderr.startswith(broken + ":"):
        failures.add("bad input", f"exit {run.returncode}, stderr {run.stderr!r}")

    for kind in ("replication-configuration", "role-trust-policy", "role-permissions-policy",
                 "key-policy", "bucket-policy", "role-managed-policy"):
        if counts[kind] == 0:
            failures.add("coverage", f"no {kind} generated by any design")
    print(f"checked {len(designs)} designs: " +
          ", ".join(f"{counts[k]} {k}" for k in sorted(counts)))
    if failures.items:
        print("\n".join(failures.items))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
