#include "review/drift.h"

#include "core/arn.h"
#include "core/designindex.h"
#include "core/enumnames.h"
#include "policies/artifacts.h"

#include <map>
#include <set>

namespace s3rd::model::review {

namespace {

using ordered_json = nlohmann::ordered_json;
using Key = std::pair<ArtifactKind, std::string>; // what a document applies to

// "/Rules/1/Destination/Bucket" -> "Rules[1].Destination.Bucket"
std::string location(const std::string &pointer)
{
    std::string out;
    std::size_t pos = 1;
    while (pos <= pointer.size() && !pointer.empty()) {
        const std::size_t slash = pointer.find('/', pos);
        std::string part =
            pointer.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
        // RFC 6901 escapes.
        for (std::size_t at; (at = part.find("~1")) != std::string::npos;)
            part.replace(at, 2, "/");
        for (std::size_t at; (at = part.find("~0")) != std::string::npos;)
            part.replace(at, 2, "~");
        const bool index =
            !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
        out += index ? "[" + part + "]" : (out.empty() ? "" : ".") + part;
        if (slash == std::string::npos)
            break;
        pos = slash + 1;
    }
    return out;
}

std::string shown(const ordered_json &v)
{
    std::string text = v.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
    if (text.size() > 160)
        text = text.substr(0, 157) + "...";
    return text;
}

ordered_json documentOf(const Artifact &a)
{
    const ordered_json &doc = a.document();
    return doc.is_null() ? ordered_json(a.text) : doc;
}

std::string versioningName(Versioning v)
{
    static constexpr EnumName<Versioning> kNames[] = {
        {Versioning::Enabled, "enabled"}, {Versioning::Suspended, "suspended"},
        {Versioning::Unversioned, "off"}};
    return std::string(enumName(kNames, v));
}

} // namespace

std::vector<DriftFinding> findDrift(const Design &design, const Design &running)
{
    std::vector<DriftFinding> out;
    const std::vector<Artifact> ours = generateArtifacts(design);
    const std::vector<Artifact> theirs = generateArtifacts(running);
    std::map<Key, const Artifact *> byTarget;
    for (const Artifact &a : theirs) {
        if (!a.target.empty())
            byTarget.emplace(Key{a.kind, a.target}, &a);
    }
    // What the running setup holds at all: a document of an element the inputs did not show is
    // not known to be missing.
    std::set<std::string> known;
    for (const Artifact &a : theirs)
        known.insert(a.target);
    const DesignIndex runningIndex(running);
    for (const Bucket &b : running.buckets) {
        if (const Account *acct = runningIndex.accountOf(b))
            known.insert(arn::bucket(acct->partition, b.name));
    }
    auto add = [&](std::string document, std::string where, std::string rule, Severity severity,
                   std::string element, std::string message) {
        Finding f;
        f.rule = std::move(rule);
        f.severity = severity;
        f.elements = {std::move(element)};
        f.message = std::move(message);
        out.push_back({std::move(document), std::move(where), std::move(f)});
    };

    for (const Artifact &a : ours) {
        const auto it = byTarget.find(Key{a.kind, a.target});
        if (it == byTarget.end()) {
            // Known to be missing when AWS shows the bucket, key or role it belongs to.
            if (known.count(a.target))
                add(a.path, "", "drift-document-missing", Severity::Error, a.element,
                    a.path + " (" + std::string(artifactKindName(a.kind)) + " of " + a.target +
                        ") is in the design but not in AWS");
            continue;
        }
        const Artifact &runs = *it->second;
        byTarget.erase(it);
        if (runs.text == a.text)
            continue;
        const ordered_json expected = documentOf(a);
        const ordered_json actual = documentOf(runs);
        if (expected == actual)
            continue;
        for (const auto &op : ordered_json::diff(expected, actual)) {
            const std::string pointer = op.value("path", std::string());
            const std::string verb = op.value("op", std::string());
            const std::string where = location(pointer);
            ordered_json before;
            if (verb != "add" && expected.contains(ordered_json::json_pointer(pointer)))
                before = expected.at(ordered_json::json_pointer(pointer));
            std::string message = a.path + " at " + (where.empty() ? "the top" : where) + ": ";
            if (verb == "remove")
                message += "AWS does not have " + shown(before);
            else if (verb == "add")
                message += "AWS has " + shown(op.value("value", ordered_json())) + " in addition";
            else
                message += "AWS has " + shown(op.value("value", ordered_json())) + ", the design " +
                           shown(before);
            add(a.path, where, "drift-document", Severity::Error, a.element, message);
        }
    }
    for (const auto &[key, a] : byTarget) {
        add(a->path, "", "drift-document-extra", Severity::Warning, a->element,
            a->path + " (" + std::string(artifactKindName(a->kind)) + " of " + a->target +
                ") runs in AWS but is not in the design");
    }

    // Versioning: the importer takes a bucket without get-bucket-versioning output as enabled,
    // so only a state AWS stated is compared (anything but enabled, or enabled against off).
    std::map<std::string, const Bucket *> runningBuckets;
    for (const Bucket &b : running.buckets)
        runningBuckets.emplace(b.name, &b);
    for (const Bucket &b : design.buckets) {
        const auto it = runningBuckets.find(b.name);
        if (it == runningBuckets.end() || it->second->versioning == b.versioning)
            continue;
        if (it->second->versioning == Versioning::Enabled)
            continue; // may be the importer's assumption, not what AWS said
        add("", "versioning", "drift-versioning", Severity::Error, b.id,
            "bucket " + b.name + ": versioning is " + versioningName(it->second->versioning) +
                " in AWS, " + versioningName(b.versioning) + " in the design");
    }
    return out;
}

} // namespace s3rd::model::review
