#!/usr/bin/env python3
"""Exports checked by real tools: cfn-lint, an HCL2 parser and a deploy against moto.

  --check cfnlint     every example's CloudFormation templates pass cfn-lint with no errors
  --check hcl         every example's Terraform configuration parses as HCL2 (@cdktf/hcl2json)
  --check deploy      every example's deploy.sh runs against a local moto server, and reading
                      back with the AWS CLI gives what the design says

Exit 77 (skipped) only when the tool itself is absent (cfn-lint, npm registry, moto/aws).
"""

import argparse
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

SKIP = 77


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def export(args, example, fmt, out):
    shutil.rmtree(out, ignore_errors=True)
    r = run([args.s3rd, "export", example, "--out", out, "--format", fmt])
    if r.returncode != 0:
        sys.exit(f"s3rd export {example} --format {fmt} failed ({r.returncode}): {r.stderr}")
    return out


def examples(args):
    found = sorted(glob.glob(os.path.join(args.examples, "*.s3rd.json")))
    if not found:
        sys.exit(f"no example designs in {args.examples}")
    return found


def role_design(args, name, count, attachment=None):
    """A design written here: one role in account 111122223333 replicating `count` source
    buckets (us-east-1) to their own destinations in account 444455556666 (us-west-2). With 200
    sources its permissions outgrow an inline policy and become customer managed policies;
    `attachment` sets the role's permissionsAttachment."""
    role = {"id": "role", "account": "src", "name": "catalog-replication"}
    if attachment:
        role["permissionsAttachment"] = attachment
    design = {
        "format": "s3-replication-designer", "formatVersion": 1, "name": name,
        "accounts": [{"id": "src", "accountId": "111122223333", "name": "catalog"},
                     {"id": "dst", "accountId": "444455556666", "name": "replicas"}],
        "buckets": [], "keys": [], "roles": [role], "rules": [],
    }
    for i in range(1, count + 1):
        design["buckets"] += [
            {"id": f"s{i}", "name": f"catalog-src-{i:04d}", "account": "src",
             "region": "us-east-1", "versioning": "enabled"},
            {"id": f"d{i}", "name": f"catalog-dst-{i:04d}", "account": "dst",
             "region": "us-west-2", "versioning": "enabled"}]
        design["rules"].append({"id": f"r{i}", "ruleId": f"to-replica-{i:04d}", "source": f"s{i}",
                                "destination": f"d{i}", "role": "role", "metrics": True,
                                "filterPrefix": "data/" if i % 2 == 0 else ""})
    path = os.path.join(args.work, f"{name}.s3rd.json")
    with open(path, "w") as f:
        json.dump(design, f, indent=2)
    return path


def scale_designs(args):
    """Designs beyond the examples: a role serving 200 buckets (managed policies by size)."""
    return [role_design(args, "role-200-buckets", 200)]


def check_cfnlint(args):
    try:
        import cfnlint  # noqa: F401
    except ImportError:
        print("cfn-lint is not installed")
        return SKIP
    templates = []
    for example in examples(args) + scale_designs(args):
        name = os.path.basename(example).split(".")[0]
        out = export(args, example, "cloudformation", os.path.join(args.work, "cfn", name))
        found = [t for t in glob.glob(os.path.join(out, "*", "*.json"))
                 if not t.endswith("-resources-to-import.json")]
        if not found:
            sys.exit(f"{example}: no CloudFormation template exported")
        for t in found:
            doc = json.load(open(t))
            if doc.get("AWSTemplateFormatVersion") != "2010-09-09" or not doc.get("Resources"):
                sys.exit(f"{t}: not a CloudFormation template")
        templates += found
    cfn_lint = shutil.which("cfn-lint")
    cmd = [cfn_lint] if cfn_lint else [sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())"]
    r = run(cmd + ["--format", "parseable", "--"] + templates)
    # cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational.
    if r.returncode & 2 or r.returncode & 1:
        sys.exit(f"cfn-lint reports errors:\n{r.stdout}{r.stderr}")
    if r.stdout.strip():
        print("cfn-lint warnings (not errors):\n" + r.stdout)
    # The resource types the issue names are there.
    types = set()
    for t in templates:
        for res in json.load(open(t))["Resources"].values():
            types.add(res["Type"])
    for wanted in ("AWS::S3::Bucket", "AWS::IAM::Role", "AWS::KMS::Key", "AWS::S3::BucketPolicy",
                   "AWS::IAM::ManagedPolicy"):
        if wanted not in types:
            sys.exit(f"no {wanted} in any template")
    print(f"cfn-lint: {len(templates)} templates without errors")
    return 0


HCL2JSON_SCRIPT = r"""
const fs = require('fs');
const { parse } = require('@cdktf/hcl2json');
// Prints {"<file>": <parse>, ...} for every file named on the command line.
(async () => {
  const out = {};
  for (const file of process.argv.slice(2))
    out[file] = await parse(file, fs.readFileSync(file, 'utf8'));
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e) + '\n'); process.exit(1); });
"""


def hcl2json_command(args):
    """A command that prints the HCL2 parse of a file as JSON: @cdktf/hcl2json (the Go HCL
    parser compiled to WebAssembly), installed from npm into the build tree when missing."""
    node_dir = args.node_dir
    module = os.path.join(node_dir, "node_modules", "@cdktf", "hcl2json")
    if not os.path.exists(module):
        if not shutil.which("npm") or not shutil.which("node"):
            print("npm or node is not installed")
            return None
        os.makedirs(node_dir, exist_ok=True)
        r = run(["npm", "install", "--no-audit", "--no-fund", "--prefix", node_dir,
                 "@cdktf/hcl2json@0.21.0"], timeout=300)
        if r.returncode != 0 or not os.path.exists(module):
            print(f"npm install @cdktf/hcl2json failed (registry unreachable?):\n{r.stderr[-2000:]}")
            return None
    script = os.path.join(node_dir, "hcl2json.js")
    with open(script, "w") as f:
        f.write(HCL2JSON_SCRIPT)
    env = dict(os.environ, NODE_PATH=os.path.join(node_dir, "node_modules"))
    return lambda paths: run(["node", script] + paths, env=env)


def check_hcl(args):
    hcl2json = hcl2json_command(args)
    if not hcl2json:
        return SKIP
    jobs = []
    for example in examples(args) + scale_designs(args):
        name = os.path.basename(example).split(".")[0]
        out = export(args, example, "terraform", os.path.join(args.work, "tf", name))
        configs = glob.glob(os.path.join(out, "*", "main.tf"))
        if not configs:
            sys.exit(f"{example}: no Terraform configuration exported")
        jobs += [(example, tf) for tf in configs]
    r = hcl2json([tf for _, tf in jobs])
    if r.returncode != 0:
        sys.exit(f"not valid HCL2:\n{r.stderr}")
    results = json.loads(r.stdout)
    count = 0
    for example, tf in jobs:
        design = json.load(open(example))
        parsed = results[tf]
        account = os.path.basename(os.path.dirname(tf))
        providers = parsed.get("provider", {}).get("aws", [])
        aliases = {p["alias"] for p in providers}
        regions = {b["region"] for b in design["buckets"]
                   if any(a["id"] == b["account"] and a["accountId"] == account
                          for a in design["accounts"])}
        for region in regions:
            alias = f"a{account}_{region.replace('-', '_')}"
            if alias not in aliases:
                sys.exit(f"{tf}: no provider alias {alias} (has {sorted(aliases)})")
        for p in providers:
            if p.get("allowed_account_ids") != [account]:
                sys.exit(f"{tf}: provider {p['alias']} is not pinned to account {account}")
        resources = parsed.get("resource", {})
        for name_, blocks in resources.get("aws_s3_bucket_replication_configuration", {}).items():
            deps = blocks[0].get("depends_on", [])
            if not any("aws_s3_bucket_versioning" in d for d in deps):
                sys.exit(f"{tf}: replication {name_} does not depend on versioning")
        # The documents are the bundle's, verbatim.
        for kind in ("aws_iam_role_policy", "aws_s3_bucket_policy", "aws_kms_key_policy",
                     "aws_iam_policy"):
            for name_, blocks in resources.get(kind, {}).items():
                json.loads(blocks[0]["policy"])
        # Every managed policy is attached to a role of the configuration.
        policies = resources.get("aws_iam_policy", {})
        attached = {b[0]["policy_arn"] for b in
                    resources.get("aws_iam_role_policy_attachment", {}).values()}
        for name_ in policies:
            if "${aws_iam_policy." + name_ + ".arn}" not in attached:
                sys.exit(f"{tf}: managed policy {name_} is not attached ({sorted(attached)})")
        if os.path.basename(example).startswith("role-200-buckets") and account == "111122223333":
            if len(policies) < 2:
                sys.exit(f"{tf}: a role serving 200 buckets has {len(policies)} managed policies")
        count += 1
    print(f"hcl2json: {count} configurations parse")
    return 0


# --- deploy against moto ---

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self, work):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(work, "moto.log"), "w")
        self.proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(150):
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                return
            except Exception:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("moto_server did not start")

    def reset(self):
        req = urllib.request.Request(self.url + "/moto-api/reset", method="POST")
        urllib.request.urlopen(req, timeout=10)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def base_env(work):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("AWS_"):
            del env[k]
    env.update({
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.path.join(work, "no-config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(work, "no-credentials"),
        "AWS_PAGER": "",
    })
    return env


def client(moto, env, service, region="us-east-1"):
    import boto3
    return boto3.client(service, endpoint_url=moto.url, region_name=region,
                        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                        aws_session_token=env.get("AWS_SESSION_TOKEN"))


def account_env(moto, work, account):
    """Credentials of `account`: moto links the credentials of an assumed role to the
    account in the role's ARN, so get-caller-identity really returns that account."""
    env = base_env(work)
    creds = client(moto, env, "sts").assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/deployer", RoleSessionName="deploy")["Credentials"]
    env.update({"AWS_ACCESS_KEY_ID": creds["AccessKeyId"],
                "AWS_SECRET_ACCESS_KEY": creds["SecretAccessKey"],
                "AWS_SESSION_TOKEN": creds["SessionToken"]})
    who = client(moto, env, "sts").get_caller_identity()
    if who["Account"] != account:
        sys.exit(f"moto returned account {who['Account']} for credentials of {account}")
    return env


def aws(moto, env, *cmd, region=None, check=True):
    full = ["aws", "--endpoint-url", moto.url, "--output", "json"]
    if region:
        full += ["--region", region]
    r = run(full + list(cmd), env=env)
    if check and r.returncode != 0:
        sys.exit(f"aws {' '.join(cmd)} failed: {r.stderr}")
    if r.returncode != 0:
        return None
    return json.loads(r.stdout) if r.stdout.strip() else {}


def prepare_existing(moto, envs, design):
    """What the design says already exists before deploy.sh runs: the buckets and the keys
    (deploy.sh changes them, it does not create them). KMS chooses key ids, so the design is
    given the ids of the keys created here (moto cannot create a key with a chosen id)."""
    accounts = {a["id"]: a["accountId"] for a in design["accounts"]}
    for b in design["buckets"]:
        env = envs[accounts[b["account"]]]
        kw = {"Bucket": b["name"]}
        if b["region"] != "us-east-1":
            kw["CreateBucketConfiguration"] = {"LocationConstraint": b["region"]}
        if b.get("objectLock"):
            kw["ObjectLockEnabledForBucket"] = True
        client(moto, env, "s3", b["region"]).create_bucket(**kw)
    for k in design["keys"]:
        if k.get("kind") in ("aws-managed", "AwsManaged", "awsManaged"):
            continue
        env = envs[accounts[k["account"]]]
        made = client(moto, env, "kms", k["region"]).create_key(
            Description=k.get("alias", ""), MultiRegion=k["keyId"].startswith("mrk-"))
        k["keyId"] = made["KeyMetadata"]["KeyId"]


def deploy_example(args, moto, example):
    design = json.load(open(example))
    name = os.path.basename(example).split(".")[0]
    moto.reset()
    accounts = sorted({a["accountId"] for a in design["accounts"]})
    envs = {a: account_env(moto, args.work, a) for a in accounts}
    prepare_existing(moto, envs, design)
    variant = os.path.join(args.work, f"{name}.moto.s3rd.json")
    with open(variant, "w") as f:
        json.dump(design, f, indent=2)
    bundle = export(args, variant, "bundle", os.path.join(args.work, "bundle", name))
    folders = sorted(d for d in os.listdir(bundle) if os.path.isdir(os.path.join(bundle, d)))

    # A deploy.sh run with another account's credentials refuses and changes nothing.
    if len(folders) > 1:
        wrong = folders[1]
        r = run(["bash", os.path.join(bundle, folders[0], "deploy.sh"), "--yes", "--endpoint-url",
                 moto.url], env=envs[wrong])
        if r.returncode == 0 or "nothing changed" not in r.stderr:
            sys.exit(f"{name}: deploy.sh of {folders[0]} ran with credentials of {wrong}")

    for phase in ("prepare", "grants", "replicate"):
        for folder in folders:
            r = run(["bash", os.path.join(bundle, folder, "deploy.sh"), "--yes", "--endpoint-url",
                     moto.url, "--phase", phase], env=envs[folder])
            if r.returncode != 0:
                sys.exit(f"{name}: {folder}/deploy.sh --phase {phase} failed ({r.returncode}):\n"
                         f"{r.stdout}\n{r.stderr}")

    # Run again where customer managed policies exist: they get a new default version.
    if glob.glob(os.path.join(bundle, "*", "role-*-permissions-*.json")):
        for folder in folders:
            r = run(["bash", os.path.join(bundle, folder, "deploy.sh"), "--yes", "--endpoint-url",
                     moto.url, "--phase", "prepare"], env=envs[folder])
            if r.returncode != 0:
                sys.exit(f"{name}: {folder}/deploy.sh run again failed ({r.returncode}):\n"
                         f"{r.stdout}\n{r.stderr}")

    # Read back what the design says.
    accounts_by_id = {a["id"]: a["accountId"] for a in design["accounts"]}
    rules_of = {}
    for rule in design["rules"]:
        rules_of.setdefault(rule["source"], []).append(rule)
    involved = {r["source"] for r in design["rules"]} | {r["destination"] for r in design["rules"]}
    checked = 0
    for b in design["buckets"]:
        account = accounts_by_id[b["account"]]
        env = envs[account]
        folder = os.path.join(bundle, account)
        if b["id"] in involved and b["versioning"] == "enabled":
            v = aws(moto, env, "s3api", "get-bucket-versioning", "--bucket", b["name"],
                    region=b["region"])
            if v.get("Status") != "Enabled":
                sys.exit(f"{name}: versioning of {b['name']} is {v}")
            checked += 1
        config_file = os.path.join(folder, f"replication-{b['name']}.json")
        if os.path.exists(config_file):
            want = json.load(open(config_file))
            got = aws(moto, env, "s3api", "get-bucket-replication", "--bucket", b["name"],
                      region=b["region"])["ReplicationConfiguration"]
            if got["Role"] != want["Role"]:
                sys.exit(f"{name}: role of {b['name']} is {got['Role']}")
            got_rules = {r["ID"]: r for r in got["Rules"]}
            for rule in want["Rules"]:
                g = got_rules.get(rule["ID"])
                if g is None:
                    sys.exit(f"{name}: rule {rule['ID']} missing on {b['name']}: {got}")
                # moto 5 answers GetBucketReplication with every Filter as {"Prefix": ""},
                # DeleteMarkerReplication Disabled and no SourceSelectionCriteria, whatever was
                # put (moto/s3/responses.py); what it does keep is compared.
                for key in ("Priority", "Status"):
                    if g.get(key) != rule.get(key):
                        sys.exit(f"{name}: rule {rule['ID']} {key} is {g.get(key)}, "
                                 f"want {rule.get(key)}")
                for key, value in rule["Destination"].items():
                    if g["Destination"].get(key) != value:
                        sys.exit(f"{name}: rule {rule['ID']} Destination.{key} is "
                                 f"{g['Destination'].get(key)}, want {value}")
                design_rule = next(r for r in rules_of[b["id"]] if r["ruleId"] == rule["ID"])
                if (g["Status"] == "Enabled") != design_rule.get("enabled", True):
                    sys.exit(f"{name}: rule {rule['ID']} status differs from the design")
            checked += 1
        policy_file = os.path.join(folder, f"bucket-policy-{b['name']}.json")
        if os.path.exists(policy_file):
            got = aws(moto, env, "s3api", "get-bucket-policy", "--bucket", b["name"],
                      region=b["region"])
            if json.loads(got["Policy"]) != json.load(open(policy_file)):
                sys.exit(f"{name}: bucket policy of {b['name']} differs")
            checked += 1
    for role in design["roles"]:
        account = accounts_by_id[role["account"]]
        managed = sorted(glob.glob(os.path.join(bundle, account,
                                                f"role-{role['name']}-permissions-*.json")))
        if managed:
            # Customer managed policies, each attached with the bundle's document as default.
            attached = aws(moto, envs[account], "iam", "list-attached-role-policies",
                           "--role-name", role["name"])["AttachedPolicies"]
            arns = {p["PolicyName"]: p["PolicyArn"] for p in attached}
            for f in managed:
                policy = f"{role['name']}-permissions-{f.rsplit('-', 1)[1][:-len('.json')]}"
                if policy not in arns:
                    sys.exit(f"{name}: {policy} is not attached to {role['name']}: {attached}")
                got = aws(moto, envs[account], "iam", "get-policy", "--policy-arn", arns[policy])
                version = aws(moto, envs[account], "iam", "get-policy-version", "--policy-arn",
                              arns[policy], "--version-id", got["Policy"]["DefaultVersionId"])
                doc = version["PolicyVersion"]["Document"]
                if isinstance(doc, str):
                    doc = json.loads(urllib.parse.unquote(doc))
                if doc != json.load(open(f)):
                    sys.exit(f"{name}: managed policy {policy} differs")
                checked += 1
            inline = aws(moto, envs[account], "iam", "list-role-policies", "--role-name",
                         role["name"])["PolicyNames"]
            if inline:
                sys.exit(f"{name}: {role['name']} keeps inline policies {inline}")
        files = glob.glob(os.path.join(bundle, account, f"role-{role['name']}-permissions.json"))
        if not files:
            continue
        got = aws(moto, envs[account], "iam", "get-role-policy", "--role-name", role["name"],
                  "--policy-name", "s3-replication")
        if got["PolicyDocument"] != json.load(open(files[0])):
            sys.exit(f"{name}: permissions policy of {role['name']} differs")
        trust = aws(moto, envs[account], "iam", "get-role", "--role-name", role["name"])
        want_trust = json.load(open(os.path.join(bundle, account,
                                                 f"role-{role['name']}-trust.json")))
        if trust["Role"]["AssumeRolePolicyDocument"] != want_trust:
            sys.exit(f"{name}: trust policy of {role['name']} differs")
        if trust["Role"]["Path"] != role.get("path", "/"):
            sys.exit(f"{name}: path of {role['name']} is {trust['Role']['Path']}")
        checked += 1
    for key in design["keys"]:
        account = accounts_by_id[key["account"]]
        for f in glob.glob(os.path.join(bundle, account, "key-*.json")):
            pass
    if checked == 0:
        sys.exit(f"{name}: nothing was read back")
    print(f"deploy: {name}: {len(folders)} accounts deployed, {checked} settings read back")


def check_deploy(args):
    if not shutil.which("moto_server") or not shutil.which("aws"):
        print("moto_server or the aws CLI is not installed")
        return SKIP
    moto = Moto(args.work)
    try:
        # A small role asking for managed policies: created, then updated by a second run.
        managed = role_design(args, "role-managed", 2, "managed")
        for example in examples(args) + [managed]:
            deploy_example(args, moto, example)
    finally:
        moto.stop()
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--s3rd", required=True)
    p.add_argument("--examples", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--node-dir", default=None)
    p.add_argument("--check", required=True, choices=["cfnlint", "hcl", "deploy"])
    args = p.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.node_dir:
        args.node_dir = os.path.join(args.work, "node")
    return {"cfnlint": check_cfnlint, "hcl": check_hcl, "deploy": check_deploy}[args.check](args)


if __name__ == "__main__":
    sys.exit(main())
