// s3rd import: a design from AWS CLI outputs of what already runs.

#include "commands.h"

#include "core/designfile.h"
#include "exchange/importer.h"
#include "importargs.h"

#include <ostream>

namespace s3rd::cli {

namespace {

using namespace s3rd::model;

const char kImportUsage[] =
    "Usage: s3rd import --out FILE.s3rd.json [--name NAME] [SUBJECT...] INPUT...\n\n"
    "Builds a design from what already runs in AWS: the JSON that the AWS CLI prints (or the\n"
    "bare documents inside it). The kind of each INPUT is recognised from its shape:\n"
    "  aws s3api get-bucket-replication | get-bucket-versioning | get-bucket-encryption |\n"
    "            get-bucket-policy | get-object-lock-configuration |\n"
    "            get-bucket-ownership-controls\n"
    "  aws kms   describe-key | get-key-policy | get-key-rotation-status\n"
    "  aws iam   get-role | get-role-policy\n\n"
    "Subject options say what the INPUTs after them are about, until changed. Bucket outputs\n"
    "do not name their bucket, get-key-policy does not name its key, bare role policies do not\n"
    "name their role:\n"
    "  --bucket NAME      the following get-bucket-* outputs are about bucket NAME\n"
    "  --key ARN          the following key policies are about this key\n"
    "  --role NAME|ARN    the following bare role policies are about this role\n"
    "  --account ID       the account the following outputs were taken in\n"
    "  --region REGION    the Region of the following buckets\n"
    "--bucket, --key and --role replace each other; --account and --region stay until changed.\n"
    "A subject with no INPUT after it still adds the bucket (with its account and Region).\n\n"
    "Example:\n"
    "  s3rd import --out prod.s3rd.json \\\n"
    "      --account 111122223333 --region us-east-1 \\\n"
    "      --bucket src-logs replication.json versioning.json encryption.json \\\n"
    "      --account 444455556666 --region eu-west-1 --bucket dst-logs dst-policy.json \\\n"
    "      get-role.json get-role-policy.json describe-key.json\n\n"
    "What cannot be known from the inputs is reported and left unknown (an empty Region, an\n"
    "\"Unknown account\"); policies that differ from what the designer would generate are kept\n"
    "verbatim as custom policies; V1 configurations are imported and the checklist explains\n"
    "their regeneration as V2. The design is auto-arranged.\n\n"
    "Exit codes: 0 written, 2 bad input (nothing is written: every problem is listed with its\n"
    "file and JSON location).\n";

int runImport(const std::vector<std::string> &args, Io io)
{
    ImportArguments parsed;
    if (const std::string e = parseImportArguments(args, parsed); !e.empty())
        return usageError(io, "import", e);
    const std::string &out = parsed.out;

    const exchange::ImportResult result =
        exchange::importFiles(parsed.inputs, parsed.declarations, parsed.name);
    if (!result.ok()) {
        io.err << "s3rd import: nothing imported; " << out << " was not written:\n";
        for (const exchange::ImportProblem &p : result.problems) {
            io.err << "  " << (p.input.empty() ? "input" : p.input);
            if (!p.location.empty())
                io.err << ": " << p.location;
            io.err << ": " << p.message << "\n";
        }
        return kBadInput;
    }
    if (const std::string error = saveDesignFile(result.design, out); !error.empty()) {
        io.err << "s3rd import: " << error << "\n";
        return kBadInput;
    }
    const Design &d = result.design;
    io.out << "Imported " << d.accounts.size() << " accounts, " << d.buckets.size()
           << " buckets, " << d.keys.size() << " keys, " << d.roles.size() << " roles and "
           << d.rules.size() << " rules into " << out << "\n";
    for (const std::string &line : result.report)
        io.out << "  note: " << line << "\n";
    return kOk;
}

} // namespace

extern const Command kImportCommand = {
    "import", "Build a design from AWS CLI outputs of an existing setup", kImportUsage,
    &runImport};

} // namespace s3rd::cli
