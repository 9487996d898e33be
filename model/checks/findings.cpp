#include "checks/findings.h"

#include "checks/checkcontext.h"
#include "checks/livechecks.h"
#include "core/designindex.h"
#include "core/enumnames.h"
#include "core/parallel.h"

#include <algorithm>
#include <array>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <span>
#include <string_view>
#include <type_traits>

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

// Gives the findings from `first` on what the rule table says of their rule.
void stamp(const RuleDefinition &def, std::vector<Finding> &out, std::size_t first)
{
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

void runOne(const RuleDefinition &def, const CheckContext &ctx, std::vector<Finding> &out,
            std::vector<int> &ranks)
{
    const std::size_t first = out.size();
    def.check(ctx, out);
    ranks.resize(out.size(), ruleRanks()[std::size_t(&def - checks::ruleTable().data())]);
    stamp(def, out, first);
}

// A finding's place in the sort order, as far as small keys tell it: its severity, its rule's
// rank and the first bytes of its first element id (zero-padded: a shorter id that begins
// another sorts first, as it does as a string).
struct SortKey
{
    Severity severity;
    int rank;
    std::array<unsigned char, 16> head;
    std::size_t index;
};

void sortFindings(std::vector<Finding> &findings, const std::vector<int> &ranks)
{
    // Sorting small keys, in one array, keeps the comparisons off the findings' strings but for
    // ties of those keys (tens of thousands of findings on a large design), and moves each
    // Finding once.
    std::vector<SortKey> keys(findings.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        SortKey &k = keys[i];
        k.severity = findings[i].severity;
        k.rank = ranks[i];
        k.head.fill(0);
        if (!findings[i].elements.empty()) {
            const std::string &first = findings[i].elements.front();
            std::copy_n(first.begin(), std::min(first.size(), k.head.size()), k.head.begin());
        }
        k.index = i;
    }
    std::sort(keys.begin(), keys.end(), [&](const SortKey &a, const SortKey &b) {
        if (a.severity != b.severity)
            return a.severity < b.severity;
        if (a.rank != b.rank)
            return a.rank < b.rank;
        if (a.head != b.head)
            return a.head < b.head;
        const Finding &x = findings[a.index];
        const Finding &y = findings[b.index];
        if (x.elements != y.elements)
            return x.elements < y.elements;
        if (x.message != y.message)
            return x.message < y.message;
        return a.index < b.index;
    });
    std::vector<std::size_t> order(keys.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = keys[i].index;
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

// A rule's block of findings with those of some anchors made again (RuleDefinition::
// checkAnchored), sorted as runChecks() sorts them.
void reanchor(std::size_t rule, const checks::Anchors &anchors, const CheckContext &ctx,
              std::vector<Finding> &block)
{
    const RuleDefinition &def = checks::ruleTable()[rule];
    std::vector<Finding> fresh;
    def.checkAnchored(ctx, anchors, fresh);
    stamp(def, fresh, 0);
    std::vector<std::size_t> at; // the block's findings of those anchors
    for (std::size_t i = 0; i < block.size(); ++i) {
        if (!block[i].elements.empty() && anchors.contains(block[i].elements.front()))
            at.push_back(i);
    }
    // The same findings with new texts (a rename): each stays where it was, unless another
    // finding about the same elements sorts by its message.
    bool sameElements = fresh.size() == at.size();
    for (std::size_t k = 0; sameElements && k < at.size(); ++k)
        sameElements = fresh[k].elements == block[at[k]].elements;
    bool sort = !sameElements;
    if (sameElements) {
        for (std::size_t k = 0; k < at.size(); ++k) {
            const std::size_t i = at[k];
            block[i] = std::move(fresh[k]);
            sort = sort || (i > 0 && block[i - 1].elements == block[i].elements) ||
                   (i + 1 < block.size() && block[i + 1].elements == block[i].elements);
        }
    } else {
        for (auto i = at.rbegin(); i != at.rend(); ++i)
            block.erase(block.begin() + std::ptrdiff_t(*i));
        std::move(fresh.begin(), fresh.end(), std::back_inserter(block));
    }
    if (sort)
        sortFindings(block, std::vector<int>(block.size(), ruleRanks()[rule]));
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
    m_anchors.clear();
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
    // A name of the element, shown in findings' texts: besides the rules given, those with a
    // finding that shows a previous name or concerns the element run again
    // (LiveChecks::runAgainShowing()). The rules given read the name itself.
    void name(std::string Element::*member, std::initializer_list<RuleIds> fileRules)
    {
        if (m_before.*member == m_after.*member)
            return;
        setting(member, fileRules);
        m_renamed = true;
    }
    bool complete() const { return m_rest == m_after; }
    bool renamed() const { return m_renamed; }
    const std::vector<std::string_view> &ids() const { return m_ids; }

private:
    const Element &m_before;
    const Element &m_after;
    Element m_rest; // before, with the settings listed so far as after
    std::vector<std::string_view> m_ids;
    bool m_renamed = false;
};

// The texts that name an element in findings (CheckContext::label() and the rules' own
// messages and fix labels): its name, or its id when it has none.
std::vector<std::string> shownNames(const Bucket &b)
{
    return {b.name.empty() ? b.id : b.name};
}

std::vector<std::string> shownNames(const Role &r)
{
    return {r.name.empty() ? r.id : r.name};
}

std::vector<std::string> shownNames(const KmsKey &k)
{
    std::vector<std::string> names;
    for (const std::string *name : {&k.alias, &k.keyId}) {
        if (!name->empty())
            names.push_back(*name);
    }
    if (names.empty())
        names.push_back(k.id);
    return names;
}

// The element and the elements whose findings show its name: the rules from and to a bucket,
// the rules and buckets using a key, the rules using a role.
std::vector<std::string_view> concerned(const Bucket &b, const CheckContext &ctx)
{
    std::vector<std::string_view> ids{b.id};
    for (const auto *list : {&ctx.index.rulesFrom(b.id), &ctx.index.rulesTo(b.id)}) {
        for (const ReplicationRule *r : *list)
            ids.push_back(r->id);
    }
    return ids;
}

std::vector<std::string_view> concerned(const KmsKey &k, const CheckContext &ctx)
{
    std::vector<std::string_view> ids{k.id};
    const checks::KeyUse &use = ctx.keyUse(k.id);
    for (const Bucket *b : use.defaultFor)
        ids.push_back(b->id);
    for (const ReplicationRule *r : use.replicaIn)
        ids.push_back(r->id);
    return ids;
}

std::vector<std::string_view> concerned(const Role &r, const CheckContext &ctx)
{
    std::vector<std::string_view> ids{r.id};
    for (const ReplicationRule *rule : ctx.index.rulesUsingRole(r.id))
        ids.push_back(rule->id);
    return ids;
}

// Whether a finding concerns one of `ids` or shows one of the names searched for in its texts
// (tens of thousands of findings on a large design: a Boyer-Moore-Horspool search skips most
// of their characters).
using NameSearch = std::boyer_moore_horspool_searcher<std::string::const_iterator>;
bool shows(const Finding &f, std::span<const std::string_view> ids,
           std::span<const NameSearch> names)
{
    for (const std::string &e : f.elements) {
        if (std::find(ids.begin(), ids.end(), e) != ids.end())
            return true;
    }
    const auto holds = [](const std::string &text, const NameSearch &name) {
        return std::search(text.begin(), text.end(), name) != text.end();
    };
    for (const NameSearch &name : names) {
        if (holds(f.message, name) || holds(f.explanation, name) ||
            (f.fix && holds(f.fix->label, name)))
            return true;
    }
    return false;
}

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

// A bucket's id, account, Region and default key are in the context of the checks and in most
// findings' messages: not listed, so an edit of them runs every rule. Its name is read by the
// naming rules and by the custom policies' probes (ARNs); elsewhere only shown. A test of the
// Bucket Key or default encryption through encryptsWithKms() and
// CheckContext::mayHoldKmsObjects() is a read of defaultEncryption and objectEncryptions.
void listReaders(SettingReaders<Bucket> &readers)
{
    readers.name(&Bucket::name, {kNamingRules, kCustomPolicyRules});
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

// A key's alias and key id name it in messages (and are checked by the naming rules, and in the
// custom policies' probes); keyIn() and replicaKeyCandidate() of the context read its kind and
// state for the rules of kmsrules.cpp.
void listReaders(SettingReaders<KmsKey> &readers)
{
    readers.name(&KmsKey::alias, {kNamingRules, kCustomPolicyRules});
    readers.name(&KmsKey::keyId, {kNamingRules, kCustomPolicyRules});
    readers.setting(&KmsKey::kind, {kKeyRules, kKmsRules, kNamingRules, kCustomPolicyRules});
    readers.setting(&KmsKey::rotation, {kKeyRules, kKmsRules});
    readers.setting(&KmsKey::allowS3ServicePrincipal, {});
    readers.setting(&KmsKey::state, {kKmsRules});
    readers.setting(&KmsKey::customKeyPolicy, {kKeyRules, kCustomPolicyRules});
    readers.setting(&KmsKey::note, {});
    readers.setting(&KmsKey::presentStep, {});
}

// A role's name is in messages (and checked by the naming rules, and in the custom policies'
// probes' ARNs); rolesIn() of the context lists roles by account.
void listReaders(SettingReaders<Role> &readers)
{
    readers.name(&Role::name, {kNamingRules, kCustomPolicyRules});
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
    // A rule's names (its id, its rule id) are in the context: not listed, never renamed().
    if constexpr (!std::is_same_v<Element, ReplicationRule>) {
        if (readers.renamed() && !m_all)
            runAgainShowing(concerned(after, *m_context), shownNames(before));
    }
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
    runAllIfMostPending();
}

void LiveChecks::runAllIfMostPending()
{
    if (m_pending.size() * 2 > checks::ruleTable().size())
        invalidateAll(); // most of the checklist: as cheap to run it all
}

void LiveChecks::runAgainShowing(std::span<const std::string_view> ids,
                                 std::span<const std::string> names)
{
    std::vector<bool> again(checks::ruleTable().size(), false);
    for (std::size_t rule : m_pending)
        again[rule] = true;
    std::vector<NameSearch> searches;
    for (const std::string &name : names) {
        if (name.empty()) { // in every text
            invalidateAll();
            return;
        }
        searches.emplace_back(name.begin(), name.end());
    }
    const auto table = checks::ruleTable();
    for (std::size_t rule = 0; rule < m_blocks.size(); ++rule) {
        if (again[rule])
            continue;
        const auto first = m_report->findings.begin() + std::ptrdiff_t(m_blocks[rule].begin);
        const auto last = first + std::ptrdiff_t(m_blocks[rule].size);
        if (!table[rule].checkAnchored) {
            if (std::any_of(first, last,
                            [&](const Finding &f) { return shows(f, ids, searches); }))
                m_pending.push_back(rule);
            continue;
        }
        // Only the findings showing the name are made again, by their first elements.
        for (auto f = first; f != last; ++f) {
            if (!f->elements.empty() && shows(*f, ids, searches))
                m_anchors[rule].insert(f->elements.front());
        }
    }
    runAllIfMostPending();
}

const CheckReport &LiveChecks::report(const Design &design, const std::vector<Artifact> &artifacts,
                                      const DesignIndex &index)
{
    if (upToDate())
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
    m_large = design.buckets.size() + design.rules.size() >= kElementsForThreads;
    parallelFor(pieces.size(), m_large ? 1 : pieces.size(), [&](std::size_t piece) {
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
    m_anchors.clear();
}

void LiveChecks::runPending()
{
    std::vector<bool> again(checks::ruleTable().size(), false);
    for (std::size_t rule : m_pending)
        again[rule] = true;
    // The rules to run again, as a full run spreads them (workPieces()) on a large design.
    std::vector<std::vector<std::size_t>> pieces;
    for (const std::vector<std::size_t> &piece : workPieces()) {
        std::vector<std::size_t> &mine = pieces.emplace_back();
        std::copy_if(piece.begin(), piece.end(), std::back_inserter(mine),
                     [&](std::size_t rule) { return again[rule]; });
    }
    // The rules whose findings of some anchors are made again, each on its own.
    std::vector<std::size_t> anchored;
    for (const auto &[rule, anchors] : m_anchors) {
        if (!again[rule]) {
            anchored.push_back(rule);
            pieces.push_back({});
        }
    }
    std::vector<Finding> &findings = m_report->findings;
    std::vector<Finding> previous = std::move(findings);
    std::vector<std::vector<Finding>> blocks(again.size());
    const std::size_t whole = pieces.size() - anchored.size();
    parallelFor(pieces.size(), m_large ? 1 : pieces.size(), [&](std::size_t piece) {
        if (piece >= whole) {
            const std::size_t rule = anchored[piece - whole];
            const Block &block = m_blocks[rule];
            const auto from = previous.begin() + std::ptrdiff_t(block.begin);
            blocks[rule].assign(std::make_move_iterator(from),
                                std::make_move_iterator(from + std::ptrdiff_t(block.size)));
            const std::set<std::string> &ids = m_anchors.at(rule);
            const checks::Anchors anchors(ids.begin(), ids.end());
            reanchor(rule, anchors, *m_context, blocks[rule]);
            return;
        }
        for (std::size_t rule : pieces[piece])
            blocks[rule] = blockOf(rule, *m_context);
    });
    for (std::size_t rule : anchored)
        again[rule] = true;
    findings.clear();
    findings.reserve(previous.size() + 32);
    for (std::size_t rule : blockOrder()) {
        Block &block = m_blocks[rule];
        const std::size_t begin = findings.size();
        if (again[rule]) {
            std::move(blocks[rule].begin(), blocks[rule].end(), std::back_inserter(findings));
        } else {
            const auto from = previous.begin() + std::ptrdiff_t(block.begin);
            std::move(from, from + std::ptrdiff_t(block.size), std::back_inserter(findings));
        }
        block.begin = begin;
        block.size = findings.size() - begin;
    }
    m_report->preflight = buildPreflight(findings);
    m_pending.clear();
    m_anchors.clear();
}

} // namespace s3rd::model
