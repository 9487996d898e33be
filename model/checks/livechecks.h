#pragma once

// The checklist of a design while it is edited (the designer's document keeps one).
//
// Contract: report() is always what runChecks() gives for the design as it is, finding for
// finding and in the same order. After edits that only changed settings of replication rules,
// buckets, keys or roles (settingsChanged()), it runs again only the rules of the checklist that
// read those settings, and those that read the generated documents, and keeps the findings of
// every other rule; any other edit (invalidateAll()) runs every rule, as does an edit that
// changed anything else of those elements (an id, an account, a Region).
//
// A rename (a bucket's or role's name, a key's alias or key id) runs again the rules that read
// names, and of the others those with a finding that shows the element: one that concerns it
// or a rule naming it, or whose texts hold the old name. Their logic does not read names, so
// only such findings change; where a rule can make the findings of one first element alone
// (RuleDefinition::checkAnchored), only those findings are made again.
//
// The findings of one rule of the checklist are adjacent in a report (sorted by severity, then
// rule id, then elements): a rule run again replaces its own block of findings only.

#include "checks/findings.h"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model {

class DesignIndex;
namespace checks {
class CheckContext;
}

class LiveChecks
{
public:
    LiveChecks();
    ~LiveChecks();
    LiveChecks(const LiveChecks &) = delete;
    LiveChecks &operator=(const LiveChecks &) = delete;

    // The report of `design`, given its artifacts and an index of its current state. After
    // settingsChanged() only, the design, the index and the artifacts must be the same objects
    // as for the previous report (the index kept across the edit: the element stayed where it
    // was).
    const CheckReport &report(const Design &design, const std::vector<Artifact> &artifacts,
                              const DesignIndex &index);
    // True when report() would return the report it holds without running any rule.
    bool upToDate() const
    {
        return m_report.has_value() && m_pending.empty() && m_anchors.empty() && !m_all;
    }

    // The design changed (or may have) in any way: the next report runs every rule.
    void invalidateAll();
    // A replication rule, bucket, key or role (Element) was replaced in place by `after`, the
    // design's index being kept.
    template<typename Element>
    void settingsChanged(const Element &before, const Element &after);

private:
    void runAll(const Design &design, const std::vector<Artifact> &artifacts,
                const DesignIndex &index);
    void runPending();
    // Marks the rules with these ids to run again; all of them when !known.
    void runAgain(bool known, std::span<const std::string_view> ids);
    void runAllIfMostPending();
    // Marks the rules to run again that have a finding concerning one of the elements `ids` or
    // showing one of `names` (an element was renamed: the texts that named it change).
    void runAgainShowing(std::span<const std::string_view> ids,
                         std::span<const std::string> names);

    std::optional<CheckReport> m_report;
    bool m_all = true;                  // every rule runs at the next report
    std::vector<std::size_t> m_pending; // the rules (indices in the rule table) to run again
    // Rules (with RuleDefinition::checkAnchored) to run again for some of their findings' first
    // elements only.
    std::map<std::size_t, std::set<std::string>> m_anchors;
    // The context of the last full run, still valid while only settings change, and what
    // it was made for.
    std::unique_ptr<checks::CheckContext> m_context;
    const Design *m_design = nullptr;
    const DesignIndex *m_index = nullptr;
    const std::vector<Artifact> *m_artifacts = nullptr;
    bool m_large = false; // rules run on every core
    // Per rule of the table: the position of its findings in m_report->findings.
    struct Block
    {
        std::size_t begin = 0;
        std::size_t size = 0;
    };
    std::vector<Block> m_blocks;
};

} // namespace s3rd::model
