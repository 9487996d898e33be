// The policy bundle: one folder per account with the JSON documents that account applies, a
// README runbook in apply order and deploy.sh running the same steps with the AWS CLI.

#include "core/names.h"
#include "exchange/exportplan.h"

#include <sstream>

namespace s3rd::model::exchange::detail {

namespace {

// The deploy phases. Across accounts, a role must exist before another account's key policy or
// bucket policy names it (AWS rejects unknown principals), and a destination must be versioned
// before the source's replication configuration is put, so multi-account setups run each phase
// in every account before the next.
enum Phase { Prepare, Grants, Replicate };
const char *phaseName(int p)
{
    static const char *const names[] = {"prepare", "grants", "replicate"};
    return names[p];
}

struct Step
{
    Phase phase = Prepare;
    std::string title; // one line
    std::string why;   // README only
    std::string function = "awscli"; // the deploy.sh function that runs it
    std::vector<std::string> args;   // after the function name; every one single-quoted
    std::string readme;              // the AWS CLI call as shown in the README
    std::string file;                // the document it applies, if any
};

std::string cliLine(const std::vector<std::string> &args)
{
    std::string out = "aws";
    for (const std::string &a : args) {
        out += ' ';
        // Readable where quoting is not needed; every value is a validated name anyway.
        const bool plain = a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                               "0123456789-_./:=,@+")
                           == std::string::npos;
        out += plain && !a.empty() ? a : shellQuote(a);
    }
    return out;
}

Step awsStep(Phase phase, std::string title, std::string why, std::vector<std::string> args,
             std::string file = {})
{
    Step s;
    s.phase = phase;
    s.title = std::move(title);
    s.why = std::move(why);
    s.readme = cliLine(args);
    s.args = std::move(args);
    s.file = std::move(file);
    return s;
}

std::string bucketLabel(const Bucket &b)
{
    return b.name + " (" + b.region + ")";
}

std::string keyLabel(const KmsKey &k)
{
    return k.alias.empty() ? k.keyId : k.alias + " (" + k.keyId + ")";
}

const char *kindLabel(KeyKind kind)
{
    switch (kind) {
    case KeyKind::CustomerManaged: return "customer managed key";
    case KeyKind::AwsManaged: return "AWS managed key";
    case KeyKind::MultiRegionPrimary: return "multi-Region primary key";
    case KeyKind::MultiRegionReplica: return "multi-Region replica key";
    }
    return "key";
}

std::vector<Step> accountSteps(const ExportPlan &plan, const AccountPlan &account)
{
    std::vector<Step> steps;
    // 1. Keys exist (a key policy can only be put on an existing key) and rotate.
    for (const KeyStep &k : account.keys) {
        if (k.key->kind == KeyKind::AwsManaged)
            continue; // nothing to apply: its policy cannot be changed
        const std::string arn = plan.keyArn(*k.key);
        steps.push_back(awsStep(Prepare, "Check that key " + keyLabel(*k.key) + " exists",
                                "The key policy below is put on this existing "
                                    + std::string(kindLabel(k.key->kind)) + ".",
                                {"kms", "describe-key", "--region", k.key->region, "--key-id", arn}));
        steps.back().function = "awscli_quiet";
        // Replica keys rotate with their primary key.
        if (k.key->rotation && k.key->kind != KeyKind::MultiRegionReplica)
            steps.push_back(awsStep(Prepare, "Turn on automatic rotation of " + keyLabel(*k.key),
                                    "The design rotates this key yearly.",
                                    {"kms", "enable-key-rotation", "--region", k.key->region,
                                     "--key-id", arn}));
    }
    // 2. Roles before anything naming them: KMS and S3 reject policies with unknown principals.
    for (const RoleStep &r : account.roles) {
        if (!r.trust)
            continue;
        const std::string trustFile = baseName(r.trust->path);
        Step create;
        create.phase = Prepare;
        create.title = "Create role " + r.role->path + r.role->name + " with its trust policy";
        create.why = "S3 assumes this role to replicate; the trust policy (" + trustFile
                     + ") says who may assume it. If the role already exists, only its trust "
                       "policy is updated (aws iam update-assume-role-policy).";
        create.function = "ensure_role";
        create.args = {r.role->name, r.role->path, trustFile};
        create.readme = cliLine({"iam", "create-role", "--role-name", r.role->name, "--path",
                                 r.role->path, "--assume-role-policy-document",
                                 "file://" + trustFile});
        create.file = trustFile;
        steps.push_back(create);
        if (r.permissions) {
            const std::string file = baseName(r.permissions->path);
            steps.push_back(awsStep(Prepare,
                                    "Attach the permissions policy to role " + r.role->name,
                                    "What S3 may do with this role: read the sources, replicate "
                                    "to the destinations, use the keys.",
                                    {"iam", "put-role-policy", "--role-name", r.role->name,
                                     "--policy-name", "s3-replication", "--policy-document",
                                     "file://" + file},
                                    file));
        }
        for (const Artifact *m : r.managed) {
            const std::string file = baseName(m->path);
            Step attach;
            attach.phase = Prepare;
            attach.title = "Create managed policy " + m->name + " and attach it to role " +
                           r.role->name;
            attach.why = "Part " + std::to_string(m->part) + " of " +
                         std::to_string(r.managed.size()) +
                         " of what S3 may do with this role, as a customer managed policy (the "
                         "permissions outgrow the 10,240 characters of a role's inline "
                         "policies). If the policy exists, its document becomes a new default "
                         "version (IAM keeps 5: the oldest other one is deleted first).";
            attach.function = "ensure_managed_policy";
            attach.args = {r.role->name, m->name, r.role->path, file, m->target};
            attach.readme = cliLine({"iam", "create-policy", "--policy-name", m->name, "--path",
                                     r.role->path, "--policy-document", "file://" + file}) +
                            "\n   " +
                            cliLine({"iam", "attach-role-policy", "--role-name", r.role->name,
                                     "--policy-arn", m->target});
            attach.file = file;
            steps.push_back(std::move(attach));
        }
        if (r.permissions || !r.managed.empty()) {
            // After the new permissions are in place, so the role is never without them.
            Step tidy;
            tidy.phase = Prepare;
            tidy.title = "Remove permissions role " + r.role->name + " no longer uses";
            tidy.why = r.managed.empty()
                           ? "Detaches the managed policies " + r.role->name +
                                 "-permissions-N that an earlier, larger version of this "
                                 "setup attached, if any."
                           : "Deletes the inline policy s3-replication and detaches managed "
                             "policies " + r.role->name + "-permissions-N beyond the " +
                                 std::to_string(r.managed.size()) +
                                 " above that an earlier version of this setup left, if any.";
            tidy.function = "remove_stale_permissions";
            tidy.args = {r.role->name, r.managed.empty() ? "inline" : "managed",
                         std::to_string(r.managed.size())};
            tidy.readme =
                cliLine({"iam", "list-attached-role-policies", "--role-name", r.role->name}) +
                (r.managed.empty() ? std::string()
                                   : "\n   " + cliLine({"iam", "delete-role-policy",
                                                        "--role-name", r.role->name,
                                                        "--policy-name", "s3-replication"}));
            steps.push_back(std::move(tidy));
        }
    }
    // 3. Key policies.
    for (const KeyStep &k : account.keys) {
        if (!k.policy)
            continue;
        const std::string file = baseName(k.policy->path);
        steps.push_back(awsStep(Grants, "Put the key policy of " + keyLabel(*k.key),
                                k.policy->custom
                                    ? "The design keeps this key's own policy verbatim."
                                    : "Lets the replication roles use the key through S3 only.",
                                {"kms", "put-key-policy", "--region", k.key->region, "--key-id",
                                 plan.keyArn(*k.key), "--policy-name", "default", "--policy",
                                 "file://" + file},
                                file));
    }
    std::vector<const BucketStep *> touched;
    for (const BucketStep &b : account.buckets) {
        if (b.setVersioning || b.setEncryption || b.policy || b.replication)
            touched.push_back(&b);
    }
    for (const BucketStep *b : touched) {
        steps.push_back(awsStep(Grants, "Check that bucket " + bucketLabel(*b->bucket) + " exists",
                                "Every step below changes an existing bucket.",
                                {"s3api", "head-bucket", "--region", b->bucket->region, "--bucket",
                                 b->bucket->name}));
        steps.back().function = "awscli_quiet";
    }
    // 4. Bucket policies (cross-account destinations, or the user's own).
    for (const BucketStep *b : touched) {
        if (!b->policy)
            continue;
        const std::string file = baseName(b->policy->path);
        steps.push_back(awsStep(Grants, "Put the bucket policy of " + b->bucket->name,
                                b->policy->custom
                                    ? "The design keeps this bucket's own policy verbatim."
                                    : "Lets the source account's replication role write replicas "
                                      "into this bucket.",
                                {"s3api", "put-bucket-policy", "--region", b->bucket->region,
                                 "--bucket", b->bucket->name, "--policy", "file://" + file},
                                file));
    }
    // 5. Versioning, required on both sides.
    for (const BucketStep *b : touched) {
        if (!b->setVersioning)
            continue;
        steps.push_back(awsStep(Grants, "Turn on versioning of " + b->bucket->name,
                                "Replication needs versioning on the source and the destination.",
                                {"s3api", "put-bucket-versioning", "--region", b->bucket->region,
                                 "--bucket", b->bucket->name, "--versioning-configuration",
                                 "Status=Enabled"}));
    }
    // 6. Default encryption.
    for (const BucketStep *b : touched) {
        if (!b->setEncryption)
            continue;
        const std::string file = "encryption-" + b->bucket->name + ".json";
        steps.push_back(awsStep(Grants, "Set the default encryption of " + b->bucket->name,
                                "The design's default encryption for new objects.",
                                {"s3api", "put-bucket-encryption", "--region", b->bucket->region,
                                 "--bucket", b->bucket->name,
                                 "--server-side-encryption-configuration", "file://" + file},
                                file));
    }
    // 7. Replication configurations, last.
    for (const BucketStep *b : touched) {
        if (!b->replication)
            continue;
        const std::string file = baseName(b->replication->path);
        steps.push_back(awsStep(Replicate, "Put the replication configuration of " + b->bucket->name,
                                "The rules that replicate new objects from this bucket.",
                                {"s3api", "put-bucket-replication", "--region", b->bucket->region,
                                 "--bucket", b->bucket->name, "--replication-configuration",
                                 "file://" + file},
                                file));
    }
    return steps;
}

std::string deployScript(const ExportPlan &plan, const AccountPlan &account,
                         const std::vector<Step> &steps)
{
    const Account &a = *account.account;
    std::ostringstream s;
    s << "#!/usr/bin/env bash\n"
         "# Applies the replication setup of this folder in AWS account "
      << a.accountId
      << ".\n"
         "# Generated by S3 Replication Designer; README.md explains every step.\n"
         "set -euo pipefail\n\n"
         "EXPECTED_ACCOUNT="
      << shellQuote(a.accountId)
      << "\n"
         "ASSUME_YES=0\n"
         "DRY_RUN=0\n"
         "PHASE=all\n"
         "ENDPOINT=()\n\n"
         "usage() {\n"
         "    cat <<'USAGE'\n"
         "Usage: deploy.sh [--yes] [--dry-run] [--endpoint-url URL] [--phase PHASE]\n\n"
         "Applies this account's part of the replication setup with the AWS CLI, using the\n"
         "credentials of the environment (profile, SSO, role). Before changing anything it checks\n"
         "with 'aws sts get-caller-identity' that they belong to the expected account.\n\n"
         "  --yes               do not ask for confirmation\n"
         "  --dry-run           print the commands instead of running them\n"
         "  --endpoint-url URL  send every AWS call to URL (a test endpoint)\n"
         "  --phase PHASE       prepare (keys, roles), grants (key and bucket policies,\n"
         "                      versioning, encryption), replicate (replication configurations)\n"
         "                      or all (the default). With several accounts, run each phase in\n"
         "                      every account before the next (see ../README.md).\n"
         "USAGE\n"
         "}\n\n"
      << shellOptionLoop("deploy.sh", "",
                         "    --phase)\n"
                         "        [ $# -ge 2 ] || { echo 'deploy.sh: --phase needs a phase' >&2; "
                         "exit 2; }\n"
                         "        PHASE=\"$2\"\n"
                         "        shift ;;\n"
                         "    --phase=*) PHASE=\"${1#*=}\" ;;\n")
      << "case \"$PHASE\" in\n"
         "prepare | grants | replicate | all) ;;\n"
         "*) echo \"deploy.sh: unknown phase: $PHASE\" >&2; exit 2 ;;\n"
         "esac\n\n"
         "# The documents are referenced relative to this folder.\n"
         "cd \"$(dirname \"$0\")\"\n\n"
         "aws_call() {\n"
         "    aws ${ENDPOINT[@]+\"${ENDPOINT[@]}\"} \"$@\"\n"
         "}\n"
         "awscli() {\n"
         "    if [ \"$DRY_RUN\" = 1 ]; then\n"
         "        printf '%q ' aws ${ENDPOINT[@]+\"${ENDPOINT[@]}\"} \"$@\"\n"
         "        printf '\\n'\n"
         "    else\n"
         "        aws_call \"$@\"\n"
         "    fi\n"
         "}\n"
         "awscli_quiet() {\n"
         "    if [ \"$DRY_RUN\" = 1 ]; then\n"
         "        awscli \"$@\"\n"
         "    else\n"
         "        aws_call \"$@\" >/dev/null\n"
         "    fi\n"
         "}\n"
         "# Creates the role, or updates the trust policy of an existing one.\n"
         "ensure_role() {\n"
         "    if [ \"$DRY_RUN\" = 1 ]; then\n"
         "        awscli iam create-role --role-name \"$1\" --path \"$2\" "
         "--assume-role-policy-document \"file://$3\"\n"
         "    elif aws_call iam get-role --role-name \"$1\" >/dev/null 2>&1; then\n"
         "        aws_call iam update-assume-role-policy --role-name \"$1\" --policy-document "
         "\"file://$3\"\n"
         "    else\n"
         "        aws_call iam create-role --role-name \"$1\" --path \"$2\" "
         "--assume-role-policy-document \"file://$3\" >/dev/null\n"
         "    fi\n"
         "}\n"
         "# Creates a customer managed policy, or makes the document a new default version of\n"
         "# an existing one (IAM keeps 5 versions: the oldest other one goes first), then\n"
         "# attaches it to the role (attaching twice changes nothing).\n"
         "ensure_managed_policy() {\n"
         "    if [ \"$DRY_RUN\" = 1 ]; then\n"
         "        awscli iam create-policy --policy-name \"$2\" --path \"$3\" "
         "--policy-document \"file://$4\"\n"
         "    elif aws_call iam get-policy --policy-arn \"$5\" >/dev/null 2>&1; then\n"
         "        local versions\n"
         "        versions=\"$(aws_call iam list-policy-versions --policy-arn \"$5\" --query "
         "'length(Versions)' --output text)\"\n"
         "        if [ \"${versions:-0}\" -ge 5 ] 2>/dev/null; then\n"
         "            aws_call iam delete-policy-version --policy-arn \"$5\" --version-id "
         "\"$(aws_call iam list-policy-versions --policy-arn \"$5\" --query "
         "'sort_by(Versions[?!IsDefaultVersion], &CreateDate)[0].VersionId' --output text)\"\n"
         "        fi\n"
         "        aws_call iam create-policy-version --policy-arn \"$5\" --policy-document "
         "\"file://$4\" --set-as-default >/dev/null\n"
         "    else\n"
         "        aws_call iam create-policy --policy-name \"$2\" --path \"$3\" "
         "--policy-document \"file://$4\" >/dev/null\n"
         "    fi\n"
         "    awscli iam attach-role-policy --role-name \"$1\" --policy-arn \"$5\"\n"
         "}\n"
         "# Detaches the managed policies ROLE-permissions-N with N above $3 and, when the\n"
         "# permissions are managed ($2), deletes the inline policy s3-replication.\n"
         "remove_stale_permissions() {\n"
         "    if [ \"$DRY_RUN\" = 1 ]; then\n"
         "        awscli iam list-attached-role-policies --role-name \"$1\"\n"
         "        [ \"$2\" = inline ] || awscli iam delete-role-policy --role-name \"$1\" "
         "--policy-name s3-replication\n"
         "        return 0\n"
         "    fi\n"
         "    local name arn part\n"
         "    while read -r name arn; do\n"
         "        case \"$name\" in\n"
         "        \"$1-permissions-\"*) part=\"${name#\"$1-permissions-\"}\" ;;\n"
         "        *) continue ;;\n"
         "        esac\n"
         "        case \"$part\" in\n"
         "        '' | *[!0-9]*) continue ;;\n"
         "        esac\n"
         "        if [ \"$part\" -gt \"$3\" ]; then\n"
         "            aws_call iam detach-role-policy --role-name \"$1\" --policy-arn \"$arn\"\n"
         "        fi\n"
         "    done < <(aws_call iam list-attached-role-policies --role-name \"$1\" --query "
         "'AttachedPolicies[].[PolicyName,PolicyArn]' --output text)\n"
         "    if [ \"$2\" = managed ] && aws_call iam get-role-policy --role-name \"$1\" "
         "--policy-name s3-replication >/dev/null 2>&1; then\n"
         "        aws_call iam delete-role-policy --role-name \"$1\" --policy-name s3-replication\n"
         "    fi\n"
         "}\n"
         "step() {\n"
         "    printf '==> %s\\n' \"$1\"\n"
         "}\n"
         "in_phase() {\n"
         "    [ \"$PHASE\" = all ] || [ \"$PHASE\" = \"$1\" ]\n"
         "}\n\n"
         "# Refuse to touch anything with credentials of another account.\n"
         "if [ \"$DRY_RUN\" = 1 ]; then\n"
         "    printf '# would check that aws sts get-caller-identity returns account %s\\n' "
         "\"$EXPECTED_ACCOUNT\"\n"
         "else\n"
         "    CALLER_ACCOUNT=\"$(aws_call sts get-caller-identity --query Account --output "
         "text)\"\n"
         "    if [ \"$CALLER_ACCOUNT\" != \"$EXPECTED_ACCOUNT\" ]; then\n"
         "        echo \"deploy.sh: the current credentials belong to account $CALLER_ACCOUNT, not "
         "$EXPECTED_ACCOUNT: nothing changed\" >&2\n"
         "        exit 1\n"
         "    fi\n"
         "fi\n\n"
         "if [ \"$DRY_RUN\" != 1 ] && [ \"$ASSUME_YES\" != 1 ]; then\n"
         "    printf 'Apply phase %s of "
      << std::to_string(steps.size())
      << " steps to account %s? [y/N] ' \"$PHASE\" \"$EXPECTED_ACCOUNT\"\n"
         "    answer=''\n"
         "    read -r answer || true\n"
         "    case \"$answer\" in\n"
         "    y | Y | yes | YES) ;;\n"
         "    *) echo 'deploy.sh: nothing changed' >&2; exit 1 ;;\n"
         "    esac\n"
         "fi\n";
    for (int phase = Prepare; phase <= Replicate; ++phase) {
        s << "\nif in_phase " << phaseName(phase) << "; then\n";
        bool any = false;
        for (const Step &st : steps) {
            if (st.phase != phase)
                continue;
            any = true;
            s << "    step " << shellQuote(st.title) << "\n    " << st.function;
            for (const std::string &arg : st.args)
                s << ' ' << shellQuote(arg);
            s << '\n';
        }
        if (!any)
            s << "    : # nothing in this phase for this account\n";
        s << "fi\n";
    }
    (void)plan;
    s << "\necho 'Done: account '\"$EXPECTED_ACCOUNT\"', phase '\"$PHASE\"'.'\n";
    return s.str();
}

std::string findingLine(const Finding &f)
{
    std::string line = "- **" + std::string(severityName(f.severity)) + "** `" + f.rule + "`: "
                       + f.message;
    if (f.fix)
        line += " Fix: " + f.fix->label + ".";
    if (!f.docUrl.empty())
        line += " ([AWS](" + f.docUrl + "))";
    return line + "\n";
}

void preflight(std::ostringstream &s, const CheckReport &report)
{
    s << "## Pre-flight checklist\n\n";
    if (report.preflight.empty())
        s << "Nothing to check.\n";
    for (const PreflightItem &item : report.preflight) {
        s << "- [" << (item.ok ? 'x' : ' ') << "] " << item.item;
        if (!item.ok && !item.rules.empty()) {
            s << " (see";
            for (const std::string &r : item.rules)
                s << " `" << r << "`";
            s << ")";
        }
        s << '\n';
    }
}

std::string accountName(const Account &a)
{
    return a.name.empty() ? a.accountId : a.name + " (" + a.accountId + ")";
}

std::string accountReadme(const ExportPlan &plan, const AccountPlan &account,
                          const std::vector<Step> &steps)
{
    const Account &a = *account.account;
    std::ostringstream s;
    s << "# Replication runbook for account " << accountName(a) << "\n\n";
    if (!plan.design.name.empty())
        s << "Design: " << plan.design.name << ".\n\n";
    s << "Everything in this folder is applied **in account " << a.accountId
      << "** (partition " << names::partitionName(a.partition)
      << "), by someone who may change its IAM roles, KMS key policies and S3 bucket settings. "
         "`deploy.sh` runs the steps below with the AWS CLI; run it with `--dry-run` first to "
         "see the commands.\n\n";

    s << "## Who does what\n\n";
    // A list of the rules whose buckets exist, after `intro`: "- `rule`: " and their details.
    const auto ruleList = [&](const char *intro, const std::vector<const ReplicationRule *> &rules,
                              auto details) {
        if (rules.empty())
            return;
        s << intro;
        for (const ReplicationRule *r : rules) {
            const Bucket *src = plan.index.bucket(r->source);
            const Bucket *dst = plan.index.bucket(r->destination);
            if (!src || !dst)
                continue;
            s << "- `" << r->ruleId << "`: ";
            details(*r, *src, *dst);
            s << '\n';
        }
        s << '\n';
    };
    ruleList("This account owns the source buckets of these rules; it creates the replication "
             "role and puts the replication configuration:\n\n",
             account.rules, [&](const ReplicationRule &r, const Bucket &src, const Bucket &dst) {
                 s << src.name << " → " << dst.name;
                 const std::string dstAccount = plan.accountIdOf(dst.account);
                 if (dstAccount != a.accountId)
                     s << " in account " << dstAccount << " (its owner applies `../" << dstAccount
                       << "/` first)";
                 if (!r.enabled)
                     s << " (disabled)";
             });
    ruleList("Buckets of this account receive replicas from other accounts; this account lets "
             "their replication roles in (bucket policies, key policies):\n\n",
             account.incoming, [&](const ReplicationRule &, const Bucket &src, const Bucket &dst) {
                 s << src.name << " (account " << plan.accountIdOf(src.account) << ") → "
                   << dst.name;
             });
    if (account.rules.empty() && account.incoming.empty())
        s << "This account takes part in no cross-account rule; it applies only its own "
             "settings.\n\n";

    s << "## Steps, in apply order\n\n"
         "Roles come before key and bucket policies because KMS and S3 reject a policy naming a "
         "role that does not exist yet; versioning comes before the replication configuration "
         "because S3 rejects replication to or from an unversioned bucket.\n\n";
    if (steps.empty())
        s << "Nothing to apply in this account.\n\n";
    int n = 0;
    for (int phase = Prepare; phase <= Replicate; ++phase) {
        bool header = false;
        for (const Step &st : steps) {
            if (st.phase != phase)
                continue;
            if (!header) {
                s << "### Phase " << phaseName(phase) << "\n\n";
                header = true;
            }
            s << ++n << ". **" << st.title << ".** " << st.why;
            if (!st.file.empty())
                s << " Document: [`" << st.file << "`](" << st.file << ").";
            s << "\n\n   ```sh\n   " << st.readme << "\n   ```\n\n";
        }
    }
    bool lock = false;
    for (const BucketStep &b : account.buckets)
        lock = lock || (b.bucket->objectLock && b.replication);
    if (lock)
        s << "Object Lock cannot be turned on by these steps: the source buckets that use it, and "
             "their destinations, must already have it (`aws s3api "
             "put-object-lock-configuration`).\n\n";

    // Day two: the existing objects of the source buckets, after the steps above.
    s << batchReplicationRunbook(batchJobs(plan, account));

    s << "## Why each statement is there\n\n";
    bool anyNote = false;
    for (const Artifact &art : plan.artifacts) {
        if (art.account != a.id || art.notes.empty())
            continue;
        anyNote = true;
        s << "### `" << baseName(art.path) << "` (" << artifactKindName(art.kind) << ")\n\n";
        for (const StatementNote &note : art.notes) {
            s << "- `" << note.sid << "`: " << note.why;
            if (!note.docUrl.empty())
                s << " ([AWS](" << note.docUrl << "))";
            s << '\n';
        }
        s << '\n';
    }
    if (!anyNote)
        s << "This account's documents are custom policies kept verbatim.\n\n";

    s << "## Checklist findings\n\n";
    if (account.findings.empty())
        s << "No findings concern this account's elements.\n";
    for (const Finding *f : account.findings)
        s << findingLine(*f);
    s << '\n';
    preflight(s, plan.report);
    return s.str();
}

std::string indexReadme(const ExportPlan &plan)
{
    std::ostringstream s;
    s << "# Replication bundle"
      << (plan.design.name.empty() ? std::string() : ": " + plan.design.name) << "\n\n";
    if (!plan.design.note.empty())
        s << plan.design.note << "\n\n";
    s << "One folder per AWS account, named by its account id, holding exactly what that "
         "account's owner applies: the JSON documents, `README.md` (the runbook) and "
         "`deploy.sh` (the same steps with the AWS CLI); for a source bucket that already "
         "holds objects and is marked for Batch Replication, `batch-replication-<bucket>.sh` "
         "creates the S3 Batch Replication job that replicates them, run after `deploy.sh` "
         "(its README says when and how to follow it).\n\n"
         "| Account | Name | Roles | Key policies | Bucket policies | Replication "
         "configurations |\n|---|---|---|---|---|---|\n";
    for (const AccountPlan &ap : plan.accounts) {
        int roles = 0, keys = 0, policies = 0, configs = 0;
        for (const RoleStep &r : ap.roles)
            roles += r.trust ? 1 : 0;
        for (const KeyStep &k : ap.keys)
            keys += k.policy ? 1 : 0;
        for (const BucketStep &b : ap.buckets) {
            policies += b.policy ? 1 : 0;
            configs += b.replication ? 1 : 0;
        }
        s << "| [" << ap.account->accountId << "](" << ap.account->accountId << "/README.md) | "
          << ap.account->name << " | " << roles << " | " << keys << " | " << policies << " | "
          << configs << " |\n";
    }
    s << "\n## Order across accounts\n\n";
    if (plan.accounts.size() <= 1) {
        s << "Run `deploy.sh` in the account's folder (`--dry-run` first).\n\n";
    } else {
        s << "Each account runs its own `deploy.sh` with its own credentials. Run the phases in "
             "this order, each in every account before the next:\n\n"
             "1. `deploy.sh --phase prepare` (keys exist and rotate; replication roles),\n"
             "2. `deploy.sh --phase grants` (key policies and bucket policies naming those "
             "roles; versioning; default encryption),\n"
             "3. `deploy.sh --phase replicate` (replication configurations).\n\n";
    }
    s << "## Checklist\n\n"
      << plan.report.count(Severity::Error) << " errors, " << plan.report.count(Severity::Warning)
      << " warnings, " << plan.report.count(Severity::Info)
      << " notes. Each account's README lists the findings that concern it.\n\n";
    for (const Finding &f : plan.report.findings) {
        if (f.severity == Severity::Error)
            s << findingLine(f);
    }
    if (plan.report.count(Severity::Error) > 0)
        s << "\nFix the errors above before applying anything: AWS accepts some of them and "
             "replication then fails silently.\n";
    s << '\n';
    preflight(s, plan.report);
    return s.str();
}

} // namespace

std::vector<ExportFile> bundleFiles(const ExportPlan &plan)
{
    std::vector<ExportFile> files;
    files.push_back({"README.md", indexReadme(plan), false});
    for (const AccountPlan &account : plan.accounts) {
        const std::string folder = account.account->accountId + "/";
        const std::vector<Step> steps = accountSteps(plan, account);
        files.push_back({folder + "README.md", accountReadme(plan, account, steps), false});
        files.push_back({folder + "deploy.sh", deployScript(plan, account, steps), true});
        for (const BatchJob &job : batchJobs(plan, account))
            files.push_back({folder + batchScriptName(*job.bucket), batchReplicationScript(job),
                             true});
        for (const Artifact &a : plan.artifacts) {
            if (a.account == account.account->id)
                files.push_back({folder + baseName(a.path), a.text, false});
        }
        for (const BucketStep &b : account.buckets) {
            if (b.setEncryption)
                files.push_back({folder + "encryption-" + b.bucket->name + ".json",
                                 plan.encryptionConfiguration(*b.bucket), false});
        }
    }
    return files;
}

} // namespace s3rd::model::exchange::detail
