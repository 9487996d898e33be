// s3rd simulate: would this object replicate, and if not, why?

#include "commands.h"

#include "core/designfile.h"
#include "policies/artifactsubset.h"
#include "simulator/simulationelements.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace s3rd::cli {

namespace {

using namespace s3rd::model;

const char *const kUsage =
    "Usage: s3rd simulate FILE --bucket NAME --key KEY [--tags k=v,...]\n"
    "         [--encryption none|sse-s3|sse-kms[:KEY]|dsse-kms[:KEY]|sse-c|client-side]\n"
    "         [--replica] [--delete-marker] [--version-delete] [--format text|json]\n\n"
    "Walks the design as S3 would for one test object written to the source bucket NAME and\n"
    "decides every permission check with the policy evaluator: the generated policies, or the\n"
    "custom ones kept in the design, plus SCPs and permissions boundaries. Each request\n"
    "(principal, action, resource, context keys) comes from one table of what S3 sends,\n"
    "shown in docs/what-s3-sends.md.\n\n"
    "  --bucket NAME      the source bucket's name (or element id)\n"
    "  --key KEY          the object key\n"
    "  --tags k=v,...     the object's tags (set when it was uploaded)\n"
    "  --encryption E     how the object was written; KEY is the KMS key's key id, alias or\n"
    "                     element id (default: the bucket's default encryption)\n"
    "  --replica          the object is itself a replica\n"
    "  --delete-marker    a delete marker instead of an object\n"
    "  --version-delete   a delete of a specific version\n"
    "  --format F         text (default) or json\n\n"
    "Exit status: 0 when every destination whose rule matches replicates the object,\n"
    "1 otherwise (also when no rule matches), 2 on bad input.\n";

std::string parseTags(const std::string &text, std::vector<Tag> &tags)
{
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto comma = text.find(',', pos);
        const std::string item =
            text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            return "tag '" + item + "' is not key=value";
        tags.push_back({item.substr(0, eq), item.substr(eq + 1)});
        if (comma == std::string::npos)
            break;
        pos = comma + 1;
    }
    return {};
}

nlohmann::ordered_json stepJson(const SimulationStep &s)
{
    nlohmann::ordered_json context = nlohmann::ordered_json::object();
    for (const auto &[key, values] : s.request.context) {
        if (values.size() == 1)
            context[key] = values.front();
        else
            context[key] = values;
    }
    nlohmann::ordered_json matched = nlohmann::ordered_json::array();
    for (const MatchedStatement &m : s.matched)
        matched.push_back({{"policy", m.policy}, {"sid", m.sid}, {"effect", m.allow ? "Allow" : "Deny"}});
    nlohmann::ordered_json j;
    j["check"] = s.check;
    j["request"] = {{"principal", s.request.principal},
                    {"action", s.request.action},
                    {"resource", s.request.resource},
                    {"context", context}};
    j["policies"] = s.policies;
    j["decision"] = std::string(decisionName(s.decision));
    j["matched"] = matched;
    j["detail"] = s.detail;
    if (!s.problems.empty())
        j["problems"] = s.problems;
    return j;
}

nlohmann::ordered_json resultJson(const SimulationResult &r)
{
    nlohmann::ordered_json dests = nlohmann::ordered_json::array();
    for (const DestinationResult &d : r.destinations) {
        nlohmann::ordered_json j;
        j["bucket"] = d.bucketArn;
        j["rule"] = d.ruleId;
        j["outcome"] = std::string(outcomeName(d.outcome));
        j["reason"] = d.reason;
        nlohmann::ordered_json steps = nlohmann::ordered_json::array();
        for (const SimulationStep &s : d.steps)
            steps.push_back(stepJson(s));
        j["steps"] = steps;
        if (d.outcome == Outcome::Replicated && !d.replicaEncryption.empty())
            j["replica"] = {{"encryption", d.replicaEncryption},
                            {"key", d.replicaKeyArn},
                            {"owner", d.replicaOwner},
                            {"storageClass", d.replicaStorageClass},
                            {"tags", d.replicaTags}};
        dests.push_back(j);
    }
    nlohmann::ordered_json out;
    out["destinations"] = dests;
    out["problems"] = r.policyProblems;
    return out;
}

void printText(std::ostream &out, const Design &design, const Bucket &src, const TestObject &o,
               const SimulationResult &r)
{
    static const char *const kWrites[] = {"unencrypted", "SSE-S3", "SSE-KMS", "DSSE-KMS", "SSE-C",
                                          "client-side encrypted"};
    std::string what = o.deleteMarker    ? "delete marker"
                       : o.versionDelete ? "delete of a specific version"
                                         : kWrites[int(o.encryption)];
    if (!o.kmsKey.empty()) {
        for (const KmsKey &k : design.keys) {
            if (k.id == o.kmsKey)
                what += " with " + (k.alias.empty() ? k.keyId : k.alias);
        }
    }
    if (o.isReplica)
        what += ", itself a replica";
    out << "Object " << src.name << "/" << o.key << " (" << what << ")";
    if (!o.tags.empty()) {
        out << " tagged";
        for (const Tag &t : o.tags)
            out << " " << t.key << "=" << t.value;
    }
    out << "\n";
    if (r.destinations.empty())
        out << "  No replication rule has " << src.name << " as its source.\n";
    for (const DestinationResult &d : r.destinations) {
        out << "\n-> " << (d.bucketArn.empty() ? d.destination : d.bucketArn);
        if (!d.ruleId.empty())
            out << "  (rule " << d.ruleId << ")";
        out << ": " << outcomeName(d.outcome);
        if (!d.reason.empty())
            out << " (" << d.reason << ")";
        out << "\n";
        for (const SimulationStep &s : d.steps) {
            const char *mark = s.passed ? "ok  " : (s.fatal ? "FAIL" : "warn");
            std::string check = s.check;
            check.resize(std::max<std::size_t>(check.size() + 1, 20), ' ');
            out << "   [" << mark << "] " << check;
            if (!s.request.action.empty()) {
                out << s.request.action << " on " << s.request.resource << " by "
                    << s.request.principal << ": " << decisionName(s.decision) << "\n";
                for (const MatchedStatement &m : s.matched)
                    out << "          " << (m.allow ? "Allow" : "Deny ") << " " << m.policy
                        << " statement " << m.sid << "\n";
                if (!s.passed && !s.detail.empty())
                    out << "          " << s.detail << "\n";
                for (const std::string &p : s.problems)
                    out << "          problem: " << p << "\n";
            } else {
                out << s.detail << "\n";
            }
        }
        if (d.outcome == Outcome::Replicated)
            out << "   replica: " << d.replicaSummary << "\n";
    }
    if (!r.policyProblems.empty()) {
        out << "\nPolicy problems:\n";
        for (const std::string &p : r.policyProblems)
            out << "  " << p << "\n";
    }
}

int run(const std::vector<std::string> &argv, Io io)
{
    Args args(argv);
    const auto bucketName = args.value("bucket");
    const auto key = args.value("key");
    const auto tags = args.value("tags");
    const auto encryption = args.value("encryption");
    const auto format = args.value("format");
    TestObject object;
    object.isReplica = args.flag("replica");
    object.deleteMarker = args.flag("delete-marker");
    object.versionDelete = args.flag("version-delete");
    if (const std::string e = args.error(); !e.empty())
        return usageError(io, "simulate", e);
    const auto files = args.positional();
    if (files.size() != 1)
        return usageError(io, "simulate", files.empty() ? "missing FILE" : "expected one FILE");
    if (!bucketName)
        return usageError(io, "simulate", "missing --bucket NAME");
    if (!key || key->empty())
        return usageError(io, "simulate", "missing --key KEY");
    const std::string fmt = format.value_or("text");
    if (fmt != "text" && fmt != "json")
        return usageError(io, "simulate", "--format must be text or json");
    if (object.deleteMarker && object.versionDelete)
        return usageError(io, "simulate", "--delete-marker and --version-delete exclude each other");

    const std::optional<Design> loaded = loadDesignReporting(io, files.front());
    if (!loaded)
        return kBadInput;
    const Design &design = *loaded;
    const Bucket *src = nullptr;
    for (const Bucket &b : design.buckets) {
        if (b.name == *bucketName)
            src = &b;
    }
    for (const Bucket &b : design.buckets) {
        if (!src && b.id == *bucketName)
            src = &b;
    }
    if (!src) {
        io.err << "s3rd simulate: no bucket named '" << *bucketName << "' in " << files.front()
               << "\n";
        return kBadInput;
    }
    object.bucket = src->id;
    object.key = *key;
    if (tags && !tags->empty()) {
        if (const std::string e = parseTags(*tags, object.tags); !e.empty())
            return usageError(io, "simulate", "--tags: " + e);
    }
    object.encryption = defaultWrite(*src);
    if (encryption) {
        if (const std::string e = parseObjectEncryption(design, *encryption, object); !e.empty())
            return usageError(io, "simulate", "--encryption: " + e);
    }

    // Only the documents this object's path reads: a large design has thousands more.
    const std::vector<Artifact> artifacts =
        generateArtifactsFor(design, simulationElements(design, object));
    const SimulationResult result = simulate(design, artifacts, object);
    if (!result.problems.empty()) {
        for (const std::string &p : result.problems)
            io.err << "s3rd simulate: " << p << "\n";
        return kBadInput;
    }
    if (fmt == "json")
        io.out << resultJson(result).dump(2) << "\n";
    else
        printText(io.out, design, *src, object, result);

    bool anyMatched = false;
    bool allReplicated = true;
    for (const DestinationResult &d : result.destinations) {
        if (!d.matched)
            continue;
        anyMatched = true;
        allReplicated &= d.outcome == Outcome::Replicated;
    }
    return anyMatched && allReplicated ? kOk : kFindings;
}

} // namespace

int runSimulate(const std::vector<std::string> &args, Io io)
{
    return run(args, io);
}

extern const Command kSimulateCommand = {
    "simulate", "Would an object replicate? Walk every check S3 makes", kUsage, &runSimulate};

} // namespace s3rd::cli
