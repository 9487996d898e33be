#!/usr/bin/env python3
"""The Batch Replication scripts of the bundle, checked against botocore and moto.

Every example whose buckets are marked for Batch Replication is exported; each
batch-replication-<bucket>.sh must pass `bash -n`, and run with a stub `aws` first on PATH that
records its argv. The recorded `aws s3control create-job` arguments are turned back into
CreateJob parameters the way the AWS CLI does (option --x-y is member XY, structures are JSON)
and validated with botocore's ParamValidator against the s3control model's CreateJobRequest.

moto: as of moto 5.2.1, s3control CreateJob is not implemented (the mock answers 404), so the
job cannot be created against moto; the check below tries it and reports the gap instead of
failing, and asserts a job id the day moto implements it.

Exit 77 (skipped) only when botocore is absent.
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys

SKIP = 77

STUB = r"""#!/usr/bin/env python3
import json, os, sys
with open(os.environ["AWS_ARGV_LOG"], "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\n")
args = " ".join(sys.argv[1:])
if "sts get-caller-identity" in args:
    print(os.environ["FAKE_ACCOUNT"])
elif "create-job" in args:
    print("00000000-0000-0000-0000-000000000001")
"""

GLOBAL_OPTIONS = {"--region": 1, "--query": 1, "--output": 1, "--endpoint-url": 1}


def create_job_params(argv, shape):
    """The CreateJob parameters of a recorded `aws s3control create-job ...` argv."""
    from botocore import xform_name
    assert argv[:2] == ["s3control", "create-job"], argv
    by_option = {"--" + xform_name(name, "-"): name for name in shape.members}
    params, rest, i = {}, argv[2:], 0
    while i < len(rest):
        opt = rest[i]
        if opt in GLOBAL_OPTIONS:
            i += 2
            continue
        if opt.startswith("--no-") and "--" + opt[5:] in by_option:
            params[by_option["--" + opt[5:]]] = False
            i += 1
            continue
        if opt not in by_option:
            sys.exit(f"create-job: option {opt} is not a CreateJob member")
        member = by_option[opt]
        kind = shape.members[member].type_name
        if kind == "boolean":
            params[member] = True
            i += 1
            continue
        value = rest[i + 1]
        if kind in ("structure", "list", "map"):
            value = json.loads(value)
        elif kind in ("integer", "long"):
            value = int(value)
        params[member] = value
        i += 2
    return params


def run_script(script, work, account, extra):
    stub_dir = os.path.join(work, "stub")
    os.makedirs(stub_dir, exist_ok=True)
    stub = os.path.join(stub_dir, "aws")
    with open(stub, "w") as f:
        f.write(STUB.replace("#!/usr/bin/env python3", "#!" + sys.executable, 1))
    os.chmod(stub, 0o755)
    log = os.path.join(work, "argv.log")
    if os.path.exists(log):
        os.remove(log)
    env = dict(os.environ, PATH=stub_dir + ":/usr/bin:/bin", AWS_ARGV_LOG=log,
               FAKE_ACCOUNT=account)
    r = subprocess.run(["bash", script, "--yes"] + extra, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f"{script} {' '.join(extra)} failed ({r.returncode}): {r.stderr}")
    with open(log) as f:
        return [json.loads(line) for line in f]


def script_value(script, name):
    with open(script) as f:
        for line in f:
            if line.startswith(name + "="):
                return line.split("=", 1)[1].strip().strip("'")
    sys.exit(f"{script}: no {name}=")


def try_moto(params):
    """Creates the job against moto's mock; None when moto lacks CreateJob."""
    try:
        import boto3
        from botocore.exceptions import ClientError
        from moto import mock_aws
    except ImportError:
        return None
    with mock_aws():
        client = boto3.client("s3control", region_name="us-east-1")
        try:
            return client.create_job(**params)["JobId"]
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("404", "NotImplemented"):
                return None
            raise


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--s3rd", required=True)
    p.add_argument("--examples", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--work", required=True)
    args = p.parse_args()
    try:
        import botocore.session
        from botocore.validate import ParamValidator
    except ImportError:
        print("botocore is not installed")
        return SKIP
    model = botocore.session.get_session().get_service_model("s3control")
    shape = model.operation_model("CreateJob").input_shape

    os.makedirs(args.work, exist_ok=True)
    scripts_checked = 0
    for example in sorted(glob.glob(os.path.join(args.examples, "*.s3rd.json"))):
        out = os.path.join(args.work, os.path.basename(example))
        shutil.rmtree(out, ignore_errors=True)
        r = subprocess.run([args.s3rd, "export", example, "--out", out, "--format", "bundle"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"s3rd export {example} failed ({r.returncode}): {r.stderr}")
        for script in sorted(glob.glob(os.path.join(out, "*", "batch-replication-*.sh"))):
            n = subprocess.run(["bash", "-n", script], capture_output=True, text=True)
            if n.returncode != 0:
                sys.exit(f"bash -n {script}: {n.stderr}")
            account = script_value(script, "ACCOUNT")
            bucket = script_value(script, "BUCKET")
            for extra, statuses in (([], ["NONE", "FAILED"]), (["--retry-failed"], ["FAILED"])):
                calls = run_script(script, args.work, account, extra)
                jobs = [c for c in calls if c[:2] == ["s3control", "create-job"]]
                if len(jobs) != 1:
                    sys.exit(f"{script}: expected one create-job call, got {calls}")
                params = create_job_params(jobs[0], shape)
                report = ParamValidator().validate(params, shape)
                if report.has_errors():
                    sys.exit(f"{script}: CreateJob parameters rejected by botocore:\n"
                             f"{report.generate_report()}\n{json.dumps(params, indent=2)}")
                gen = params["ManifestGenerator"]["S3JobManifestGenerator"]
                arn = f"arn:aws:s3:::{bucket}"
                expected = {
                    "AccountId": account,
                    "Operation": {"S3ReplicateObject": {}},
                    "ConfirmationRequired": False,
                }
                for key, value in expected.items():
                    if params.get(key) != value:
                        sys.exit(f"{script}: {key} is {params.get(key)!r}, not {value!r}")
                if gen["SourceBucket"] != arn or gen["Filter"]["ObjectReplicationStatuses"] \
                        != statuses or gen["Filter"]["EligibleForReplication"] is not True:
                    sys.exit(f"{script}: unexpected manifest generator {gen}")
                if params["Report"]["Bucket"] != arn or not params["Report"]["Enabled"]:
                    sys.exit(f"{script}: unexpected report {params['Report']}")
                if not params["RoleArn"].startswith(f"arn:aws:iam::{account}:role/"):
                    sys.exit(f"{script}: role {params['RoleArn']} is not in account {account}")
                job = try_moto(params)
                if job is None:
                    print(f"{os.path.basename(script)} {' '.join(extra)}: botocore accepts the "
                          "CreateJob parameters; moto does not implement s3control CreateJob")
                else:
                    print(f"{os.path.basename(script)} {' '.join(extra)}: moto created job {job}")
            scripts_checked += 1
    if scripts_checked == 0:
        sys.exit("no example has a Batch Replication script (fan-out-two-regions should)")
    print(f"{scripts_checked} Batch Replication script(s) checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
