// The importer's inputs: each recognised by its shape and handed to its reader, then the
// design built (twice when the first build finds custom policies).
#include "exchange/importer.h"
#include "exchange/importinternal.h"

#include "core/limits.h"
#include "core/names.h"
#include "core/textposition.h"

#include <fstream>

namespace s3rd::model::exchange {

namespace importing {

namespace {

// get-bucket-lifecycle-configuration prints {"Rules": [...]} (and, since 2024,
// TransitionDefaultMinimumObjectSize); its rules carry lifecycle actions.
bool isLifecycleConfiguration(const ojson &doc)
{
    if (doc.contains("TransitionDefaultMinimumObjectSize"))
        return true;
    if (!doc.contains("Rules") || !doc["Rules"].is_array() || doc["Rules"].empty()
        || !doc["Rules"][0].is_object())
        return false;
    const ojson &rule = doc["Rules"][0];
    for (const char *action : {"Expiration", "Transitions", "NoncurrentVersionExpiration",
                               "NoncurrentVersionTransitions", "AbortIncompleteMultipartUpload"}) {
        if (rule.contains(action))
            return true;
    }
    return false;
}

// nlohmann's message without its "[json.exception.type_error.302] " prefix.
std::string withoutExceptionId(const nlohmann::json::exception &e)
{
    const std::string what = e.what();
    const std::size_t bracket = what.find("] ");
    return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

} // namespace

// --- Inputs ---

void Importer::add(const ImportInput &input)
{
    Origin o{input.name, ""};
    if (input.text.size() > limits::kMaxFileBytes) {
        problem(o, "the input is " + std::to_string(input.text.size() >> 20)
                       + " MB; inputs are limited to "
                       + std::to_string(limits::kMaxFileBytes >> 20) + " MB");
        return;
    }
    if (const std::size_t deep = limits::tooDeepAt(input.text); deep != std::string::npos) {
        problem({input.name, lineColumnAt(input.text, deep)},
                "nested more than " + std::to_string(limits::kMaxDepth)
                    + " levels deep; this is not an AWS CLI output");
        return;
    }
    ojson doc;
    try {
        doc = ojson::parse(input.text);
    } catch (const nlohmann::json::parse_error &e) {
        const std::string what = e.what();
        const std::size_t colon = what.rfind(": ");
        problem({input.name, errorPosition(input.text, e.byte)},
                "not JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
        return;
    } catch (const nlohmann::json::exception &e) {
        // Valid JSON syntax that nlohmann cannot hold, e.g. a number beyond a double's range.
        problem(o, "not usable JSON: " + withoutExceptionId(e));
        return;
    }
    if (!doc.is_object()) {
        problem(o, "expected a JSON object (an AWS CLI output or a document)");
        return;
    }
    const ImportSubject &s = input.subject;
    const auto at = [&](const std::string &location) { return Origin{input.name, location}; };
    // The readers check the shape of what they rely on; a member of an unexpected type that one
    // of them reads without checking (an object where S3 writes text) ends here as a problem of
    // this input instead of ending the program.
    try {
        if (doc.contains("ReplicationConfiguration"))
            replication(doc["ReplicationConfiguration"], s, at("ReplicationConfiguration"),
                        "ReplicationConfiguration");
        else if (doc.contains("Rules") && doc.contains("Role"))
            replication(doc, s, o, "");
        else if (doc.contains("ServerSideEncryptionConfiguration"))
            encryption(doc["ServerSideEncryptionConfiguration"], s,
                       at("ServerSideEncryptionConfiguration"),
                       "ServerSideEncryptionConfiguration");
        else if (doc.contains("Rules") && doc["Rules"].is_array() && !doc["Rules"].empty()
                 && doc["Rules"][0].is_object()
                 && doc["Rules"][0].contains("ApplyServerSideEncryptionByDefault"))
            encryption(doc, s, o, "");
        else if (doc.contains("OwnershipControls"))
            ownership(doc["OwnershipControls"], s, at("OwnershipControls"), "OwnershipControls");
        else if (doc.contains("Rules") && doc["Rules"].is_array() && !doc["Rules"].empty()
                 && doc["Rules"][0].is_object() && doc["Rules"][0].contains("ObjectOwnership"))
            ownership(doc, s, o, "");
        else if (isLifecycleConfiguration(doc))
            lifecycle(doc, s, o);
        else if (doc.contains("ObjectLockConfiguration"))
            objectLock(doc["ObjectLockConfiguration"], s, at("ObjectLockConfiguration"));
        else if (doc.contains("ObjectLockEnabled"))
            objectLock(doc, s, o);
        else if (doc.contains("KeyMetadata"))
            keyMetadata(doc["KeyMetadata"], s, at("KeyMetadata"), "KeyMetadata");
        else if (doc.contains("KeyId") && doc.contains("Arn") && doc.contains("KeyManager"))
            keyMetadata(doc, s, o, "");
        else if (doc.contains("KeyRotationEnabled")) {
            if (KeyInfo *k = subjectKey(s, o); k && doc["KeyRotationEnabled"].is_boolean())
                firm(k->rotation, doc["KeyRotationEnabled"].get<bool>(), at("KeyRotationEnabled"),
                     "the rotation of key " + k->keyId, "set");
        } else if (doc.contains("Role") && doc["Role"].is_object())
            role(doc["Role"], o, "Role");
        else if (doc.contains("RoleName") && doc.contains("AssumeRolePolicyDocument"))
            role(doc, o, "");
        else if (doc.contains("PolicyDocument"))
            rolePolicy(doc, s, o);
        else if (doc.contains("Policy"))
            wrappedPolicy(doc, s, o);
        else if (doc.contains("Statement"))
            barePolicy(doc, input.text, s, o);
        else if (doc.contains("Status") || doc.contains("MFADelete"))
            versioning(doc, s, o);
        else if (doc.empty())
            problem(o, "an empty object: for a bucket that was never versioned, "
                       "get-bucket-versioning prints nothing; give such a bucket with --bucket "
                       "NAME alone");
        else
            problem(o, "not an AWS CLI output this importer knows (get-bucket-replication, "
                       "get-bucket-versioning, get-bucket-encryption, get-bucket-policy, "
                       "get-object-lock-configuration, get-bucket-ownership-controls, "
                       "get-bucket-lifecycle-configuration, kms "
                       "describe-key, get-key-policy, iam get-role, get-role-policy) nor a bare "
                       "document of one (first key: \""
                           + doc.begin().key() + "\")");
    } catch (const nlohmann::json::exception &e) {
        problem(o, "a member has an unexpected type (" + withoutExceptionId(e)
                       + "); this is not the output AWS CLI prints");
    }
}

void Importer::declare(const ImportSubject &s)
{
    const Origin o{"command line", ""};
    if (!s.bucket.empty())
        subjectBucket(s, o, "declaration");
    else if (!s.role.empty() && s.role.rfind("arn:", 0) == 0)
        roleFromArn(s.role, o);
    else if (!s.key.empty())
        subjectKey(s, o);
    else if (!s.account.empty())
        noteAccount(s.account);
}

} // namespace importing

using importing::Importer;

ImportResult importDocuments(const std::vector<ImportInput> &inputs,
                             const std::vector<ImportSubject> &declarations,
                             const std::string &designName)
{
    if (inputs.size() + declarations.size() > limits::kMaxElements) {
        ImportResult tooMany;
        tooMany.problems.push_back(
            {"", "", std::to_string(inputs.size()) + " inputs and " + std::to_string(declarations.size())
                         + " subjects; an import takes at most "
                         + std::to_string(limits::kMaxElements) + " together"});
        return tooMany;
    }
    // Subject options come from the command line, not from JSON, so nothing has checked their
    // encoding yet; a design file holds UTF-8 only.
    ImportResult badText;
    const auto checkText = [&](const ImportSubject &s, const std::string &input) {
        const std::pair<const char *, const std::string *> fields[] = {
            {"account", &s.account}, {"region", &s.region}, {"bucket", &s.bucket},
            {"role", &s.role},       {"key", &s.key}};
        for (const auto &[option, value] : fields) {
            if (!names::isValidUtf8(*value))
                badText.problems.push_back(
                    {input, std::string("--") + option, "is not valid UTF-8 text"});
        }
    };
    for (const ImportSubject &s : declarations)
        checkText(s, "command line");
    for (const ImportInput &input : inputs)
        checkText(input.subject, input.name);
    if (!badText.problems.empty())
        return badText;
    Importer importer;
    for (const ImportSubject &s : declarations)
        importer.declare(s);
    for (const ImportInput &input : inputs)
        importer.add(input);
    ImportResult result;
    if (importer.problems.empty() && inputs.empty() && declarations.empty())
        importer.problems.push_back({"", "", "nothing to import: give at least one input"});
    if (!importer.problems.empty()) {
        result.problems = std::move(importer.problems);
        return result;
    }
    Importer first = importer;
    result.design = first.build(designName);
    Importer *final = &first;
    Importer second = importer;
    if (!first.customPermissions.empty() || !first.customTrust.empty()) {
        second.ignorePermissions = first.customPermissions;
        second.ignoreTrust = first.customTrust;
        result.design = second.build(designName);
        final = &second;
    }
    result.problems = std::move(final->problems);
    if (!result.problems.empty())
        result.design = Design();
    result.report = std::move(final->report);
    return result;
}

ImportResult importFiles(const std::vector<std::pair<std::string, ImportSubject>> &files,
                         const std::vector<ImportSubject> &declarations,
                         const std::string &designName)
{
    std::vector<ImportInput> inputs;
    std::vector<ImportProblem> problems;
    for (const auto &[path, subject] : files) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            problems.push_back({path, "", "cannot read the file"});
            continue;
        }
        // Read at most one byte more than the limit: a huge file (or /dev/zero) is refused by
        // importDocuments() without being read whole.
        std::string text;
        char buffer[65536];
        while (text.size() <= limits::kMaxFileBytes && in.read(buffer, sizeof buffer).gcount() > 0)
            text.append(buffer, std::size_t(in.gcount()));
        inputs.push_back({path, std::move(text), subject});
    }
    if (!problems.empty()) {
        ImportResult result;
        result.problems = std::move(problems);
        return result;
    }
    return importDocuments(inputs, declarations, designName);
}

} // namespace s3rd::model::exchange
