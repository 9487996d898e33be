#pragma once

// The artifacts of a design that changes one edit at a time, as the designer's document keeps
// them: after an edit, only the artifacts of the buckets, roles and keys the edit can affect
// are generated again. The result is always exactly generateArtifacts() of the design.
//
// Contract: before and after every change to the design, call invalidate() with the changed
// element and the design it is part of (before a removal or update: as it was; after an insert
// or update: as it is); for changes of several elements at once, of accounts, or of anything
// else, call invalidateAll(). Changes to an element's geometry alone need no call.

#include "core/design.h"
#include "core/designindex.h"
#include "policies/artifacts.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace s3rd::model {

namespace gen {
class Context;
}

class ArtifactCache
{
public:
    // Looks ids up by std::string_view without making strings.
    struct IdHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view id) const
        {
            return std::hash<std::string_view>{}(id);
        }
    };

    void invalidateAll();
    void invalidate(const Design &design, const Bucket &bucket);
    void invalidate(const Design &design, const KmsKey &key);
    void invalidate(const Design &design, const Role &role);
    void invalidate(const Design &design, const ReplicationRule &rule);
    // Whether a rule replaced by `after` differs only in settings that its source's replication
    // configuration alone shows (priority, metrics, RTC, delete markers, replica modification
    // sync, storage class) or no document shows: then invalidateConfiguration(after) is all the
    // edit needs, instead of invalidate() with both versions.
    static bool configurationOnly(const ReplicationRule &before, const ReplicationRule &after);
    void invalidateConfiguration(const ReplicationRule &rule);

    // The artifacts of `design`, which must be the design the last invalidation was made for.
    // `index`, when given, is an index of `design` as it is now (else one is made if needed).
    const std::vector<Artifact> &artifacts(const Design &design,
                                           const DesignIndex *index = nullptr);
    // True when artifacts() would return the artifacts it holds without generating any.
    bool upToDate() const { return m_current && m_artifacts.has_value(); }
    // The same, moved out of the cache, which then starts afresh (as after invalidateAll()).
    std::vector<Artifact> takeArtifacts(const Design &design);

    // What the last regeneration replaced: the previous versions of the artifacts it generated
    // again or dropped (all of them after invalidateAll()), for showing what an edit changed.
    // Counted by generation(), which grows by one per regeneration.
    const std::vector<Artifact> &replaced() const { return m_replaced; }
    // The indices (into artifacts()) of the artifacts the last regeneration generated again.
    const std::vector<std::size_t> &regenerated() const { return m_regenerated; }
    std::uint64_t generation() const { return m_generation; }
    // Whether the last regeneration left every other artifact where it was (by index).
    bool placesKept() const { return m_placesKept; }

private:
    // Marks the sources, destinations, roles and keys of every rule `matches` accepts.
    template <typename Predicate> void markRules(const Design &design, Predicate matches);
    void mark(const std::string &elementId);
    // Generates the artifacts of the marked elements alone and puts them where their previous
    // versions were; false (nothing changed) unless they are the same artifacts by kind and
    // element, so that the order of the whole set stays as it was, and no other artifact has
    // the new path of one whose element was renamed.
    bool replaceMarked(const gen::Context &ctx);

    std::optional<std::vector<Artifact>> m_artifacts; // of the design before the marks below
    bool m_current = false;                           // m_artifacts is up to date
    bool m_all = true;                                // everything must be generated
    bool m_renamed = false; // a repeated name made a path in m_artifacts longer
    std::unordered_set<std::string, IdHash, std::equal_to<>> m_dirty; // buckets, roles, keys
    std::vector<Artifact> m_replaced;
    std::vector<std::size_t> m_regenerated;
    std::uint64_t m_generation = 0;
    bool m_placesKept = false;
};

} // namespace s3rd::model
