#include "checks/findings.h"

#include "checks/checkcontext.h"
#include "checks/livechecks.h"
#include "core/designindex.h"
#include "core/enumnames.h"
#include "core/parallel.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <iterator>
#include <span>
#include <string_view>

namespace s3rd::model {

using checks::CheckContext;
using checks::RuleDefinition;

std::string_view severityName(Severity s)
{
    static constexpr EnumName<Severity> kNames[] = {
        {Severity::Error, "error"}, {Severity::Warning, "warning"}, {Severity::Info, "info"}};
    return enumName(kNames, s);
}

bool parseSeverity(std::string_view text, Severity &out)
{
    for (Severity s : {Severity::Error, Severity::Warning, Severity::Info}) {
        if (text == severityName(s)) {
            out = s;
            return true;
        }
    }
    return false;
}

std::string_view preflightLabel(PreflightCheck c)
{
    // In the order of PreflightCheck.
    static constexpr std::array<std::string_view, kPreflightCheckCount> kLabels = {
        "Versioning enabled on source and destination buckets",
        "Replication role in the source account, trusted by s3.amazonaws.com",
        "Role permissions cover the source and destination buckets",
        "Source KMS keys let the role decrypt",
        "Destination KMS keys let the role encrypt",
        "Cross-account: destination bucket policy, no Requester Pays, Regions enabled",
        "After applying, upload one test object and check that it arrives as expected",
        "Replication metrics and failure notifications enabled",
    };
    const auto i = std::size_t(c);
    return i < kLabels.size() ? kLabels[i] : std::string_view();
}

int CheckReport::count(Severity s) const
{
    return int(std::count_if(findings.begin(), findings.end(),
                             [s](const Finding &f) { return f.severity == s; }));
}

namespace {

// The position of each rule id in alphabetical order, so sorting compares integers.
const std::vector<int> &ruleRanks()
{
    static const std::vector<int> ranks = [] {
        const auto table = checks::ruleTable();
        std::vector<std::size_t> order(table.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return table[a].id < table[b].id; });
        std::vector<int> r(table.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            r[order[i]] = int(i);
        return r;
    }();
    return ranks;
}

void runOne(const RuleDefinition &def, const CheckContext &ctx, std::vector<Finding> &out,
            std::vector<int> &ranks)
{
    const std::size_t first = out.size();
    def.check(ctx, out);
    ranks.resize(out.size(), ruleRanks()[std::size_t(&def - checks::ruleTable().data())]);
    for (std::size_t i = first; i < out.size(); ++i) {
        Finding &f = out[i];
        f.rule = def.id;
        f.severity = def.severity;
        if (f.preflight == 0)
            f.preflight = def.preflight;
        if (f.explanation.empty())
            f.explanation = def.explanation;
        if (f.docUrl.empty())
            f.docUrl = def.docUrl;
    }
}

void sortFindings(std::vector<Finding> &findings, const std::vector<int> &ranks)
{
    // Sorting indices keeps the comparisons on small keys and moves each Finding once.
    std::vector<std::size_t> order(findings.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Finding &x = findings[a];
        const Finding &y = findings[b];
        if (x.severity != y.severity)
            return x.severity < y.severity;
        if (ranks[a] != ranks[b])
            return ranks[a] < ranks[b];
        if (x.elements != y.elements)
            return x.elements < y.elements;
        if (x.message != y.message)
            return x.message < y.message;
        return a < b;
    });
    // Put in place by following the permutation's cycles: no second vector of findings (tens
    // of thousands on a large design, each touching fresh memory).
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start)
            continue;
        Finding held = std::move(findings[start]);
        std::size_t at = start;
        while (order[at] != start) {
            const std::size_t from = order[at];
            findings[at] = std::move(findings[from]);
            order[at] = at;
            at = from;
        }
        findings[at] = std::move(held);
        order[at] = at;
    }
}

std::vector<PreflightItem> buildPreflight(const std::vector<Finding> &findings)
{
    std::vector<PreflightItem> items(kPreflightCheckCount);
    for (int i = 0; i < kPreflightCheckCount; ++i) {
        items[std::size_t(i)].check = PreflightCheck(i);
        items[std::size_t(i)].item = preflightLabel(PreflightCheck(i));
    }
    auto untick = [&](PreflightCheck c, const std::string &rule) {
        PreflightItem &item = items[std::size_t(c)];
        item.ok = false;
        // Findings are sorted by severity then rule id: a rule's findings are adjacent, but an
        // id may recur under another severity, hence the search.
        if (std::find(item.rules.begin(), item.rules.end(), rule) == item.rules.end())
            item.rules.push_back(rule);
    };
    for (const Finding &f : findings) {
        if (f.severity == Severity::Info)
            continue;
        for (int i = 0; i < kPreflightCheckCount; ++i) {
            const auto c = PreflightCheck(i);
            if (c != PreflightCheck::TestObject && (f.preflight & preflightBit(c)))
                untick(c, f.rule);
        }
        // The one-object test only proves something once the design has no error left.
        if (f.severity == Severity::Error)
            untick(PreflightCheck::TestObject, f.rule);
    }
    for (PreflightItem &item : items)
        std::sort(item.rules.begin(), item.rules.end());
    return items;
}

} // namespace

CheckReport runChecks(const Design &design, const std::vector<Artifact> &artifacts)
{
    const DesignIndex index(design);
    return runChecks(design, artifacts, index);
}

CheckReport runChecks(const Design &design, const std::vector<Artifact> &artifacts,
                      const DesignIndex &index)
{
    const CheckContext ctx(design, index, artifacts);
    CheckReport report;
    report.findings.reserve(design.rules.size() * 3 + design.buckets.size() * 2 + 32);
    std::vector<int> ranks;
    for (const RuleDefinition &def : checks::ruleTable())
        runOne(def, ctx, report.findings, ranks);
    sortFindings(report.findings, ranks);
    report.preflight = buildPreflight(report.findings);
    return report;
}

std::vector<Finding> runRule(std::string_view ruleId, const Design &design,
                             const std::vector<Artifact> &artifacts)
{
    std::vector<Finding> findings;
    const RuleDefinition *def = checks::findRule(ruleId);
    if (!def)
        return findings;
    const DesignIndex index(design);
    const CheckContext ctx(design, index, artifacts);
    std::vector<int> ranks;
    runOne(*def, ctx, findings, ranks);
    sortFindings(findings, ranks);
    return findings;
}

std::vector<RuleInfo> ruleCatalog()
{
    std::vector<RuleInfo> out;
    for (const RuleDefinition &def : checks::ruleTable())
        out.push_back({def.id, def.severity});
    return out;
}


// ---- The live checklist ----

namespace {

// The rules of the table in the order of their blocks of findings in a report: by severity,
// then rule id.
const std::vector<std::size_t> &blockOrder()
{
    static const std::vector<std::size_t> order = [] {
        const auto table = checks::ruleTable();
        std::vector<std::size_t> o(table.size());
        for (std::size_t i = 0; i < o.size(); ++i)
            o[i] = i;
        std::sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) {
            if (table[a].severity != table[b].severity)
                return table[a].severity < table[b].severity;
            return ruleRanks()[a] < ruleRanks()[b];
        });
        return o;
    }();
    return order;
}

// One rule's block of findings, sorted as runChecks() sorts them.
std::vector<Finding> blockOf(std::size_t rule, const CheckContext &ctx)
{
    std::vector<Finding> block;
    std::vector<int> ranks;
    runOne(checks::ruleTable()[rule], ctx, block, ranks);
    sortFindings(block, ranks);
    return block;
}

// Which rules of the checklist read which settings of a replication rule, bucket, key or role.
// Whole files of rules are listed (a rule file's helpers read for all its rules); a setting not
// listed (LiveChecks::settingsChanged()), or one the context of the checks reads (a rule's ends,
// role, replica key, KMS choice, enabled, ids; a bucket's id, account, default key; a key's
// account, Region, symmetry; a role's account), makes every rule run again.
using RuleIds = std::span<const std::string_view>;
constexpr std::string_view kMonitoringRules[] = {"metrics-off", "rtc-delete-markers-no-sla", "rtc-limits"};
constexpr std::string_view kNoticeRules[] = {"existing-objects-need-batch",
                                  "delete-markers-not-replicated",
                                  "version-deletes-never-replicated",
                                  "lifecycle-not-replicated",
                                  "glacier-objects-not-replicated",
                                  "tag-filter-needs-tags-at-put",
                                  "v1-config-regenerated"};
constexpr std::string_view kRuleRules[] = {"element-missing",         "rule-self",
                                "rule-duplicate-priority", "rule-id-duplicate",
                                "tag-filter-delete-markers", "rule-disabled",
                                "rules-overlap-same-destination"};
constexpr std::string_view kNamingRules[] = {"bucket-name-invalid", "bucket-name-duplicate",
                                  "account-id-invalid",  "region-unknown",
                                  "storage-class-invalid", "rule-limits",
                                  "role-name-invalid",   "key-id-invalid",
                                  "directory-bucket-unsupported"};
constexpr std::string_view kCrossAccountRules[] = {"requester-pays-destination",
                                        "owner-override-same-account",
                                        "owner-override-not-needed",
                                        "owner-override-missing",
                                        "dst-bucket-policy-needed",
                                        "region-opt-in",
                                        "partition-mismatch",
                                        "source-objects-foreign-owned"};
constexpr std::string_view kTopologyRules[] = {"chain-not-replicated", "two-way-without-replica-sync"};
constexpr std::string_view kVersioningRules[] = {"versioning-source-off", "versioning-destination-off",
                                                 "object-lock-destination-missing"};
constexpr std::string_view kKmsRules[] = {"kms-objects-not-selected",
                                          "kms-replica-key-missing",
                                          "kms-replica-key-region",
                                          "kms-aws-managed-cross-account",
                                          "kms-source-key-missing",
                                          "bucket-default-key-region",
                                          "replica-key-not-destination-owned",
                                          "kms-request-quota",
                                          "kms-key-state-invalid"};
constexpr std::string_view kKeyRules[] = {"kms-key-asymmetric",     "key-rotation-off",
                                          "key-shared-across-accounts", "multi-region-key",
                                          "aws-managed-key-policy", "key-policy-cross-account",
                                          "bucket-key-context",     "bucket-key-dsse"};
constexpr std::string_view kEncryptionRules[] = {"sse-c-destination-blocked", "sse-c-source",
                                                 "client-side-encryption",
                                                 "replica-encryption-not-destination-default"};
constexpr std::string_view kRoleRules[] = {"role-missing", "role-account", "role-multiple-per-source",
                                           "confused-deputy-test-object"};
constexpr std::string_view kCustomPolicyRules[] = {"custom-policy-blocks-replication",
                                                   "custom-policy-over-privileged",
                                                   "custom-policy-invalid", "policy-too-large"};
// The rules that read the generated documents, which hold every setting of a rule (its source's
// replication configuration), or simulate replication: they run after any edit of a rule. Only
// they parse documents (Artifact::document(), one thread at a time): a full run gives them one
// thread between them.
constexpr std::string_view kDocumentRules[] = {"rule-limits",
                                    "custom-policy-blocks-replication",
                                    "policy-too-large",
                                    "role-permissions-managed",
                                    "role-permissions-too-large",
                                    "custom-policy-invalid",
                                    "custom-policy-over-privileged"};

// A full run's pieces of work, for parallelFor(): the rules that read the documents together
// (first), every other rule on its own. By index in the rule table.
const std::vector<std::vector<std::size_t>> &workPieces()
{
    static const std::vector<std::vector<std::size_t>> pieces = [] {
        const auto table = checks::ruleTable();
        std::vector<std::vector<std::size_t>> out(1);
        for (std::size_t rule = 0; rule < table.size(); ++rule) {
            if (std::find(std::begin(kDocumentRules), std::end(kDocumentRules), table[rule].id) !=
                std::end(kDocumentRules))
                out.front().push_back(rule);
            else
                out.push_back({rule});
        }
        return out;
    }();
    return pieces;
}

} // namespace

LiveChecks::LiveChecks() = default;
LiveChecks::~LiveChecks() = default;

void LiveChecks::invalidateAll()
{
    m_all = true;
    m_pending.clear();
}

namespace {

// The rules of the checklist that read the settings an edit changed: those of the generated
// documents always, and for each setting listed with setting(), the rules given. complete()
// is false when a setting not listed changed too.
template<typename Element>
class SettingReaders
{
public:
    SettingReaders(const Element &before, const Element &after)
        : m_before(before), m_after(after), m_rest(before)
        , m_ids(std::begin(kDocumentRules), std::end(kDocumentRules))
    {
    }

    template<typename Value>
    void setting(Value Element::*member, std::initializer_list<RuleIds> fileRules)
    {
        if (m_before.*member == m_after.*member)
            return;
        m_rest.*member = m_after.*member;
        for (const RuleIds &rules : fileRules)
            m_ids.insert(m_ids.end(), rules.begin(), rules.end());
    }
    bool complete() const { return m_rest == m_after; }
    const std::vector<std::string_view> &ids() const { return m_ids; }

private:
    const Element &m_before;
    const Element &m_after;
    Element m_rest; // before, with the settings listed so far as after
    std::vector<std::string_view> m_ids;
};

// The settings of each kind of element and the rules that read them (listReaders()).
void listReaders(SettingReaders<ReplicationRule> &readers)
{
    readers.setting(&ReplicationRule::metrics, {kMonitoringRules});
    readers.setting(&ReplicationRule::replicationTimeControl, {kMonitoringRules, kRuleRules});
    readers.setting(&ReplicationRule::deleteMarkerReplication,
                    {kMonitoringRules, kNoticeRules, kRuleRules});
    readers.setting(&ReplicationRule::filterTags,
                    {kMonitoringRules, kNamingRules, kNoticeRules, kRuleRules});
    readers.setting(&ReplicationRule::filterPrefix, {kNamingRules, kRuleRules});
    readers.setting(&ReplicationRule::storageClass, {kNamingRules, kRuleRules});
    readers.setting(&ReplicationRule::ownerOverride, {kCrossAccountRules, kRuleRules});
    readers.setting(&ReplicationRule::replicaModificationSync, {kTopologyRules});
    readers.setting(&ReplicationRule::priority, {kNoticeRules, kRuleRules});
    readers.setting(&ReplicationRule::importedAsV1, {kNoticeRules});
    readers.setting(&ReplicationRule::note, {});
    readers.setting(&ReplicationRule::presentStep, {});
}

// A bucket's id, name, account, Region and default key are in the context of the checks and in
// most findings' messages: not listed, so an edit of them runs every rule. A test of the Bucket
// Key or default encryption through encryptsWithKms() and CheckContext::mayHoldKmsObjects() is a
// read of defaultEncryption and objectEncryptions.
void listReaders(SettingReaders<Bucket> &readers)
{
    readers.setting(&Bucket::versioning, {kVersioningRules});
    readers.setting(&Bucket::objectLock, {kVersioningRules});
    readers.setting(&Bucket::defaultEncryption,
                    {kEncryptionRules, kKeyRules, kKmsRules, kCustomPolicyRules});
    readers.setting(&Bucket::bucketKey, {kKeyRules, kKmsRules});
    readers.setting(&Bucket::objectEncryptions, {kEncryptionRules, kKmsRules, kCustomPolicyRules});
    readers.setting(&Bucket::sseCBlocked, {kEncryptionRules, kCustomPolicyRules});
    readers.setting(&Bucket::objectOwnership, {kCrossAccountRules});
    readers.setting(&Bucket::requesterPays, {kCrossAccountRules});
    readers.setting(&Bucket::otherAccountsWrite, {kCrossAccountRules});
    readers.setting(&Bucket::hasExistingObjects, {kNoticeRules});
    readers.setting(&Bucket::batchReplication, {kNoticeRules});
    readers.setting(&Bucket::lifecycle, {kNoticeRules});
    readers.setting(&Bucket::type, {kNamingRules});
    readers.setting(&Bucket::defaultRetention, {});
    readers.setting(&Bucket::customBucketPolicy, {kCrossAccountRules, kCustomPolicyRules});
    readers.setting(&Bucket::note, {});
    readers.setting(&Bucket::presentStep, {});
}

// A key's alias and key id name it in messages; keyIn() and replicaKeyCandidate() of the context
// read its kind and state for the rules of kmsrules.cpp.
void listReaders(SettingReaders<KmsKey> &readers)
{
    readers.setting(&KmsKey::kind, {kKeyRules, kKmsRules, kNamingRules, kCustomPolicyRules});
    readers.setting(&KmsKey::rotation, {kKeyRules, kKmsRules});
    readers.setting(&KmsKey::allowS3ServicePrincipal, {});
    readers.setting(&KmsKey::state, {kKmsRules});
    readers.setting(&KmsKey::customKeyPolicy, {kKeyRules, kCustomPolicyRules});
    readers.setting(&KmsKey::note, {});
    readers.setting(&KmsKey::presentStep, {});
}

// A role's name is in messages; rolesIn() of the context lists roles by account.
void listReaders(SettingReaders<Role> &readers)
{
    readers.setting(&Role::path, {kNamingRules, kCustomPolicyRules});
    readers.setting(&Role::confusedDeputyConditions, {kRoleRules});
    readers.setting(&Role::customTrustPolicy, {kCustomPolicyRules});
    readers.setting(&Role::customPermissionsPolicy, {kKeyRules, kCustomPolicyRules});
    readers.setting(&Role::permissionsAttachment, {});
    readers.setting(&Role::guardrails, {kKeyRules, kCustomPolicyRules});
    readers.setting(&Role::note, {});
    readers.setting(&Role::presentStep, {});
}

} // namespace

template<typename Element>
void LiveChecks::settingsChanged(const Element &before, const Element &after)
{
    if (m_all || before == after)
        return;
    SettingReaders readers(before, after);
    listReaders(readers);
    runAgain(readers.complete(), readers.ids());
}

template void LiveChecks::settingsChanged(const ReplicationRule &, const ReplicationRule &);
template void LiveChecks::settingsChanged(const Bucket &, const Bucket &);
template void LiveChecks::settingsChanged(const KmsKey &, const KmsKey &);
template void LiveChecks::settingsChanged(const Role &, const Role &);

void LiveChecks::runAgain(bool known, std::span<const std::string_view> ids)
{
    if (!known) {
        invalidateAll();
        return;
    }
    const auto table = checks::ruleTable();
    for (std::string_view id : ids) {
        const RuleDefinition *def = checks::findRule(id);
        if (!def) {
            invalidateAll();
            return;
        }
        const auto i = std::size_t(def - table.data());
        if (std::find(m_pending.begin(), m_pending.end(), i) == m_pending.end())
            m_pending.push_back(i);
    }
    if (m_pending.size() * 2 > table.size())
        invalidateAll(); // most of the checklist: as cheap to run it all
}

const CheckReport &LiveChecks::report(const Design &design, const std::vector<Artifact> &artifacts,
                                      const DesignIndex &index)
{
    if (m_report && !m_all && m_pending.empty())
        return *m_report;
    if (m_report && !m_all && m_design == &design && m_index == &index &&
        m_artifacts == &artifacts)
        runPending();
    else
        runAll(design, artifacts, index);
    return *m_report;
}

void LiveChecks::runAll(const Design &design, const std::vector<Artifact> &artifacts,
                        const DesignIndex &index)
{
    m_context.reset();
    m_context = std::make_unique<CheckContext>(design, index, artifacts);
    m_design = &design;
    m_index = &index;
    m_artifacts = &artifacts;
    // Every rule's block on its own, on every core (workPieces()); a small design stays on this
    // thread.
    const auto table = checks::ruleTable();
    std::vector<std::vector<Finding>> blocks(table.size());
    const auto &pieces = workPieces();
    constexpr std::size_t kElementsForThreads = 2000;
    const bool large = design.buckets.size() + design.rules.size() >= kElementsForThreads;
    parallelFor(pieces.size(), large ? 1 : pieces.size(), [&](std::size_t piece) {
        for (std::size_t rule : pieces[piece])
            blocks[rule] = blockOf(rule, *m_context);
    });
    CheckReport report;
    report.findings.reserve(design.rules.size() * 3 + design.buckets.size() * 2 + 32);
    m_blocks.assign(table.size(), Block{});
    for (std::size_t rule : blockOrder()) {
        m_blocks[rule] = {report.findings.size(), blocks[rule].size()};
        std::move(blocks[rule].begin(), blocks[rule].end(), std::back_inserter(report.findings));
    }
    report.preflight = buildPreflight(report.findings);
    m_report = std::move(report);
    m_all = false;
    m_pending.clear();
}

void LiveChecks::runPending()
{
    std::vector<bool> again(checks::ruleTable().size(), false);
    for (std::size_t rule : m_pending)
        again[rule] = true;
    std::vector<Finding> &findings = m_report->findings;
    std::vector<Finding> previous = std::move(findings);
    findings.clear();
    findings.reserve(previous.size() + 32);
    for (std::size_t rule : blockOrder()) {
        Block &block = m_blocks[rule];
        const std::size_t begin = findings.size();
        if (again[rule]) {
            std::vector<Finding> block = blockOf(rule, *m_context);
            std::move(block.begin(), block.end(), std::back_inserter(findings));
        } else {
            const auto from = previous.begin() + std::ptrdiff_t(block.begin);
            std::move(from, from + std::ptrdiff_t(block.size), std::back_inserter(findings));
        }
        block.begin = begin;
        block.size = findings.size() - begin;
    }
    m_report->preflight = buildPreflight(findings);
    m_pending.clear();
}

} // namespace s3rd::model
