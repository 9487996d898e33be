// The importer's readers of S3 bucket outputs: replication, versioning, encryption, Object
// Lock, ownership controls and lifecycle configuration.
#include "exchange/importinternal.h"

#include "core/names.h"

namespace s3rd::model::exchange::importing {

void Importer::replication(const ojson &config, const ImportSubject &s, const Origin &o,
                           const std::string &base)
{
    const auto loc = [&](const std::string &rest) {
        return Origin{o.input, base.empty() ? rest : base + "." + rest};
    };
    if (!config.is_object() || !config.contains("Role") || !config["Role"].is_string()) {
        problem(loc("Role"), "a replication configuration needs \"Role\" (the role ARN)");
        return;
    }
    if (!config.contains("Rules") || !config["Rules"].is_array() || config["Rules"].empty()) {
        problem(loc("Rules"), "a replication configuration needs a non-empty \"Rules\" array");
        return;
    }
    BucketInfo *src = subjectBucket(s, o, "replication configuration");
    RoleInfo *role = roleFromArn(config["Role"].get<std::string>(), loc("Role"));
    if (!src || !role)
        return;
    const std::string sourceName = src->name;
    if (src->hasReplication) {
        problem(o, "conflicting documents: a second replication configuration for bucket "
                       + sourceName);
        return;
    }
    src->hasReplication = true;
    // The role must be in the source bucket's account (reference §2).
    firm(bucket(sourceName).account, role->account, loc("Role"),
         "the account of bucket " + sourceName, role->account);
    weak(bucket(sourceName).partition, role->partition, loc("Role"));
    m_roleOfBucket[sourceName] = role->account + "/" + role->name;

    const ojson &rules = config["Rules"];
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const std::string at = "Rules[" + std::to_string(i) + "]";
        const ojson &r = rules[i];
        const auto here = [&](const std::string &rest) {
            return loc(rest.empty() ? at : at + "." + rest);
        };
        if (!r.is_object()) {
            problem(here(""), "expected a rule object");
            continue;
        }
        RuleInfo info;
        info.origin = here("");
        ReplicationRule &rule = info.rule;
        rule.source = sourceName;
        rule.role = m_roleOfBucket[sourceName];
        rule.ruleId = r.value("ID", std::string());
        if (!rule.ruleId.empty()) {
            const std::string key = sourceName + "\n" + rule.ruleId;
            if (auto [it, fresh] = m_ruleIds.emplace(key, here("ID")); !fresh) {
                problem(here("ID"), "rule ID \"" + rule.ruleId + "\" is used twice (also at "
                                        + it->second.location + ")");
                continue;
            }
        }
        const std::string status = r.value("Status", std::string());
        if (status != "Enabled" && status != "Disabled") {
            problem(here("Status"), "\"Status\" must be \"Enabled\" or \"Disabled\"");
            continue;
        }
        rule.enabled = status == "Enabled";
        const bool v2 = r.contains("Filter");
        if (v2 && r.contains("Prefix")) {
            problem(here("Prefix"), "a rule cannot have both the V1 \"Prefix\" and a \"Filter\"");
            continue;
        }
        if (r.contains("Priority")) {
            if (!r["Priority"].is_number_integer()) {
                problem(here("Priority"), "\"Priority\" must be an integer");
                continue;
            }
            rule.priority = r["Priority"].get<int>();
        } else {
            rule.priority = int(i) + 1;
        }
        if (v2) {
            const ojson &f = r["Filter"];
            if (!f.is_object()) {
                problem(here("Filter"), "\"Filter\" must be an object");
                continue;
            }
            const auto tagOf = [&](const ojson &t, const std::string &where) -> std::optional<Tag> {
                if (!t.is_object() || !t.contains("Key") || !t["Key"].is_string()
                    || !t.contains("Value") || !t["Value"].is_string()) {
                    problem(here(where), "a tag needs string \"Key\" and \"Value\"");
                    return std::nullopt;
                }
                return Tag{t["Key"].get<std::string>(), t["Value"].get<std::string>()};
            };
            int members = 0;
            if (f.contains("Prefix")) {
                ++members;
                rule.filterPrefix = f.value("Prefix", std::string());
            }
            if (f.contains("Tag")) {
                ++members;
                if (auto t = tagOf(f["Tag"], "Filter.Tag"))
                    rule.filterTags.push_back(*t);
                else
                    continue;
            }
            if (f.contains("And")) {
                ++members;
                const ojson &a = f["And"];
                rule.filterPrefix = a.value("Prefix", std::string());
                if (a.contains("Tags") && a["Tags"].is_array()) {
                    for (std::size_t t = 0; t < a["Tags"].size(); ++t) {
                        if (auto tag = tagOf(a["Tags"][t],
                                             "Filter.And.Tags[" + std::to_string(t) + "]"))
                            rule.filterTags.push_back(*tag);
                    }
                }
            }
            if (members > 1) {
                problem(here("Filter"), "a Filter holds exactly one of Prefix, Tag or And");
                continue;
            }
            const std::string dm =
                r.contains("DeleteMarkerReplication")
                    ? r["DeleteMarkerReplication"].value("Status", std::string("Disabled"))
                    : std::string("Disabled");
            rule.deleteMarkerReplication = dm == "Enabled";
        } else {
            // V1: a rule-level Prefix and no Filter; regenerated as V2 (the checklist explains).
            rule.importedAsV1 = true;
            rule.filterPrefix = r.value("Prefix", std::string());
        }
        if (r.contains("SourceSelectionCriteria")) {
            const ojson &ssc = r["SourceSelectionCriteria"];
            rule.replicateKmsObjects =
                ssc.contains("SseKmsEncryptedObjects")
                && ssc["SseKmsEncryptedObjects"].value("Status", std::string()) == "Enabled";
            rule.replicaModificationSync =
                ssc.contains("ReplicaModifications")
                && ssc["ReplicaModifications"].value("Status", std::string()) == "Enabled";
        }
        if (r.contains("ExistingObjectReplication"))
            report.push_back(here("ExistingObjectReplication").text()
                             + ": ExistingObjectReplication is no longer supported by S3 and is "
                               "dropped; existing objects need S3 Batch Replication");
        if (!r.contains("Destination") || !r["Destination"].is_object()
            || !r["Destination"].contains("Bucket") || !r["Destination"]["Bucket"].is_string()) {
            problem(here("Destination"), "a rule needs \"Destination\" with a \"Bucket\" ARN");
            continue;
        }
        const ojson &d = r["Destination"];
        const auto dstName = bucketFromArn(d["Bucket"].get<std::string>(),
                                           here("Destination.Bucket"), false);
        if (!dstName)
            continue;
        rule.destination = *dstName;
        BucketInfo &dst = bucket(*dstName);
        if (const auto a = parseArn(d["Bucket"].get<std::string>()))
            weak(dst.partition, a->partition, here("Destination.Bucket"));
        if (d.contains("Account")) {
            const std::string account = d["Account"].is_string() ? d["Account"].get<std::string>()
                                                                  : std::string();
            if (!names::checkAccountId(account).empty()) {
                problem(here("Destination.Account"), "not a 12-digit account id");
                continue;
            }
            noteAccount(account);
            firm(dst.account, account, here("Destination.Account"),
                 "the account of bucket " + *dstName, account);
        }
        if (d.contains("StorageClass"))
            rule.storageClass = d.value("StorageClass", std::string());
        if (d.contains("AccessControlTranslation"))
            rule.ownerOverride =
                d["AccessControlTranslation"].value("Owner", std::string()) == "Destination";
        if (d.contains("EncryptionConfiguration")
            && d["EncryptionConfiguration"].contains("ReplicaKmsKeyID")) {
            const std::string keyArn =
                d["EncryptionConfiguration"].value("ReplicaKmsKeyID", std::string());
            KeyInfo *k = keyFromArn(keyArn, here("Destination.EncryptionConfiguration"),
                                    dst.account.value.value_or(""), dst.region.value.value_or(""));
            if (!k)
                continue;
            rule.replicaKey = keyArn;
            // The replica key must be in the destination's Region: its ARN says where that is.
            if (!k->region.empty())
                weak(dst.region, k->region, here("Destination.EncryptionConfiguration"));
        }
        if (d.contains("ReplicationTime"))
            rule.replicationTimeControl =
                d["ReplicationTime"].value("Status", std::string()) == "Enabled";
        if (d.contains("Metrics"))
            rule.metrics = d["Metrics"].value("Status", std::string()) == "Enabled";
        m_rules.push_back(std::move(info));
    }
}

void Importer::versioning(const ojson &doc, const ImportSubject &s, const Origin &o)
{
    BucketInfo *b = subjectBucket(s, o, "versioning output");
    if (!b)
        return;
    const std::string status = doc.value("Status", std::string());
    Versioning v = Versioning::Unversioned;
    if (status == "Enabled")
        v = Versioning::Enabled;
    else if (status == "Suspended")
        v = Versioning::Suspended;
    else if (!status.empty()) {
        problem({o.input, "Status"}, "versioning \"Status\" must be Enabled or Suspended");
        return;
    }
    firm(b->versioning, v, {o.input, "Status"}, "the versioning of bucket " + b->name,
         status.empty() ? "off" : status);
}

void Importer::encryption(const ojson &config, const ImportSubject &s, const Origin &o,
                          const std::string &base)
{
    BucketInfo *b = subjectBucket(s, o, "encryption output");
    if (!b)
        return;
    const std::string name = b->name;
    const std::string at = base.empty() ? "Rules[0]" : base + ".Rules[0]";
    if (!config.contains("Rules") || !config["Rules"].is_array() || config["Rules"].empty()
        || !config["Rules"][0].is_object()) {
        problem({o.input, base.empty() ? "Rules" : base + ".Rules"},
                "expected a non-empty \"Rules\" array");
        return;
    }
    const ojson &rule = config["Rules"][0];
    const ojson def = rule.value("ApplyServerSideEncryptionByDefault", ojson::object());
    const std::string algorithm = def.value("SSEAlgorithm", std::string());
    const Origin here{o.input, at + ".ApplyServerSideEncryptionByDefault.SSEAlgorithm"};
    static constexpr EnumName<DefaultEncryption> kAlgorithms[] = {
        {DefaultEncryption::SseS3, "AES256"},
        {DefaultEncryption::SseKms, "aws:kms"},
        {DefaultEncryption::DsseKms, "aws:kms:dsse"}};
    const auto found = known(kAlgorithms, algorithm, here, "SSEAlgorithm");
    if (!found)
        return;
    const DefaultEncryption e = *found;
    firm(bucket(name).encryption, e, here, "the default encryption of bucket " + name, algorithm);
    if (e != DefaultEncryption::SseS3) {
        const std::string key = def.value("KMSMasterKeyID", std::string());
        if (key.empty()) {
            // No key: S3 uses the AWS managed key aws/s3 of the bucket's account.
            report.push_back(o.text() + ": bucket " + name
                             + " encrypts with the AWS managed key aws/s3; it is added as an "
                               "AWS managed key once the bucket's account and Region are known");
            bucket(name).defaultKey.value = "aws/s3";
            bucket(name).defaultKey.origin = here;
        } else {
            BucketInfo &bi = bucket(name);
            KeyInfo *k = keyFromArn(key, {o.input, at + ".ApplyServerSideEncryptionByDefault"},
                                    bi.account.value.value_or(""), bi.region.value.value_or(""));
            if (k)
                firm(bucket(name).defaultKey, key, here, "the default key of bucket " + name, key);
        }
    }
    if (rule.contains("BucketKeyEnabled") && rule["BucketKeyEnabled"].is_boolean())
        firm(bucket(name).bucketKey, rule["BucketKeyEnabled"].get<bool>(),
             {o.input, at + ".BucketKeyEnabled"}, "the Bucket Key of bucket " + name, "set");
    if (rule.contains("BlockedEncryptionTypes")) {
        const auto types = stringList(rule["BlockedEncryptionTypes"].value("EncryptionType",
                                                                            ojson::array()));
        firm(bucket(name).sseCBlocked, has(types, "SSE-C"),
             {o.input, at + ".BlockedEncryptionTypes"}, "SSE-C blocking of bucket " + name, "set");
    }
}

void Importer::objectLock(const ojson &config, const ImportSubject &s, const Origin &o)
{
    BucketInfo *b = subjectBucket(s, o, "Object Lock output");
    if (!b)
        return;
    firm(b->objectLock, config.value("ObjectLockEnabled", std::string()) == "Enabled",
         {o.input, o.location.empty() ? "ObjectLockEnabled" : o.location + ".ObjectLockEnabled"},
         "Object Lock of bucket " + b->name, "set");
}

void Importer::ownership(const ojson &config, const ImportSubject &s, const Origin &o,
                         const std::string &base)
{
    BucketInfo *b = subjectBucket(s, o, "ownership controls output");
    if (!b)
        return;
    const Origin here{o.input, (base.empty() ? "" : base + ".") + "Rules[0].ObjectOwnership"};
    const ojson rules = config.value("Rules", ojson::array());
    const std::string value =
        rules.is_array() && !rules.empty() ? rules[0].value("ObjectOwnership", std::string()) : "";
    // AWS spells the settings as the design file does.
    if (const auto own = known(names::kObjectOwnershipNames, value, here, "ObjectOwnership"))
        firm(b->ownership, *own, here, "the object ownership of bucket " + b->name, value);
}

void Importer::lifecycle(const ojson &config, const ImportSubject &s, const Origin &o)
{
    BucketInfo *b = subjectBucket(s, o, "lifecycle configuration output");
    if (!b)
        return;
    // Replication skips objects in S3 Glacier Flexible Retrieval (GLACIER) and S3 Glacier Deep
    // Archive (DEEP_ARCHIVE); Glacier Instant Retrieval objects replicate.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html
    Lifecycle found = Lifecycle::None;
    const ojson rules = config.value("Rules", ojson::array());
    for (std::size_t i = 0; rules.is_array() && i < rules.size(); ++i) {
        const ojson &rule = rules[i];
        if (!rule.is_object() || rule.value("Status", std::string()) != "Enabled")
            continue;
        if (found == Lifecycle::None)
            found = Lifecycle::Rules;
        for (const char *list : {"Transitions", "NoncurrentVersionTransitions"}) {
            const ojson transitions = rule.value(list, ojson::array());
            for (std::size_t t = 0; transitions.is_array() && t < transitions.size(); ++t) {
                const std::string cls = transitions[t].is_object()
                                            ? transitions[t].value("StorageClass", std::string())
                                            : std::string();
                if (cls == "GLACIER" || cls == "DEEP_ARCHIVE")
                    found = Lifecycle::GlacierTransitions;
            }
        }
    }
    firm(b->lifecycle, found, {o.input, "Rules"}, "the lifecycle rules of bucket " + b->name,
         "set");
}

} // namespace s3rd::model::exchange::importing
