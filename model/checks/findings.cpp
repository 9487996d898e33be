#include "checks/findings.h"

#include "checks/checkcontext.h"
#include "core/designindex.h"
#include "core/enumnames.h"

#include <algorithm>
#include <array>

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

} // namespace s3rd::model
