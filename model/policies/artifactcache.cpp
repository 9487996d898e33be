#include "policies/artifactcache.h"

#include "policies/generators.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

namespace s3rd::model {

namespace {

// The previous artifacts, handed out once each. They come in the order they are asked for
// unless elements were added, removed or reordered; only then are they looked up.
class PreviousArtifacts : public gen::ArtifactReuse
{
public:
    using DirtySet = std::unordered_set<std::string, ArtifactCache::IdHash, std::equal_to<>>;

    PreviousArtifacts(std::vector<Artifact> &previous, const DirtySet &dirty, bool pathsPlain)
        : m_previous(previous), m_dirty(dirty), m_taken(previous.size(), false),
          m_pathsPlain(pathsPlain)
    {
    }

    bool pathsArePlain() const override { return m_pathsPlain; }

    // The previous artifacts not handed out: those generated again or gone.
    std::vector<Artifact> leftOver()
    {
        std::vector<Artifact> left;
        for (std::size_t i = 0; i < m_previous.size(); ++i) {
            if (!m_taken[i])
                left.push_back(std::move(m_previous[i]));
        }
        return left;
    }

    bool isClean(std::string_view elementId) const override { return !m_dirty.contains(elementId); }

    std::optional<Artifact> take(ArtifactKind kind, std::string_view elementId) override
    {
        // The next one in order, skipping those taken or of elements generated again.
        while (m_next < m_previous.size() &&
               (m_taken[m_next] || !isClean(m_previous[m_next].element)))
            ++m_next;
        if (m_next < m_previous.size() && m_previous[m_next].kind == kind &&
            m_previous[m_next].element == elementId)
            return takeAt(m_next++);
        const std::optional<std::size_t> found = lookUp(kind, elementId);
        if (!found)
            return std::nullopt;
        return takeAt(*found);
    }

private:
    Artifact takeAt(std::size_t i)
    {
        m_taken[i] = true;
        return std::move(m_previous[i]);
    }

    // The first one not yet taken (a design may repeat an id).
    std::optional<std::size_t> lookUp(ArtifactKind kind, std::string_view elementId)
    {
        if (m_byKey.empty()) {
            // Keys are copies: taking an artifact moves its strings away.
            for (std::size_t i = 0; i < m_previous.size(); ++i)
                m_byKey.emplace(Key{m_previous[i].kind, m_previous[i].element}, i);
        }
        const auto [first, last] = m_byKey.equal_range(Key{kind, std::string(elementId)});
        for (auto it = first; it != last; ++it) {
            if (!m_taken[it->second])
                return it->second;
        }
        return std::nullopt;
    }

    using Key = std::pair<ArtifactKind, std::string>;
    std::vector<Artifact> &m_previous;
    const DirtySet &m_dirty;
    std::vector<bool> m_taken;
    bool m_pathsPlain;
    std::size_t m_next = 0;
    std::multimap<Key, std::size_t> m_byKey; // made on the first miss
};

// The marked elements are the only ones generated; the others contribute nothing.
class MarkedOnly : public gen::ArtifactReuse
{
public:
    explicit MarkedOnly(const PreviousArtifacts::DirtySet &dirty) : m_dirty(dirty) {}
    bool pathsArePlain() const override { return false; }
    bool isClean(std::string_view elementId) const override { return !m_dirty.contains(elementId); }
    std::optional<Artifact> take(ArtifactKind, std::string_view) override { return std::nullopt; }

private:
    const PreviousArtifacts::DirtySet &m_dirty;
};

} // namespace

bool ArtifactCache::replaceMarked(const gen::Context &ctx)
{
    std::vector<Artifact> &current = *m_artifacts;
    std::vector<std::size_t> at; // where the previous artifacts of marked elements are
    for (std::size_t i = 0; i < current.size(); ++i) {
        if (m_dirty.contains(std::string_view(current[i].element)))
            at.push_back(i);
    }
    MarkedOnly marked(m_dirty);
    bool renamed = false;
    std::vector<Artifact> fresh = gen::assembleArtifacts(ctx, &marked, &renamed);
    if (renamed || fresh.size() != at.size())
        return false;
    // Artifacts are in order of account: one of another account would stand elsewhere.
    const auto folder = [](const std::string &path) {
        return std::string_view(path).substr(0, path.rfind('/') + 1);
    };
    std::vector<std::string_view> newPaths; // of a renamed bucket, role or key
    for (std::size_t k = 0; k < at.size(); ++k) {
        const Artifact &before = current[at[k]];
        if (before.kind != fresh[k].kind || before.element != fresh[k].element ||
            before.account != fresh[k].account || folder(before.path) != folder(fresh[k].path))
            return false;
        if (before.path != fresh[k].path)
            newPaths.push_back(fresh[k].path);
    }
    // A new path stands as it is unless another artifact has it (none was renamed: the paths
    // in place are plain); then the whole set is named again, the first of a name keeping it.
    if (!newPaths.empty()) {
        std::size_t next = 0; // in `at`, ascending
        for (std::size_t i = 0; i < current.size(); ++i) {
            if (next < at.size() && at[next] == i) {
                ++next;
                continue; // replaced: its path goes with it
            }
            if (std::find(newPaths.begin(), newPaths.end(), current[i].path) != newPaths.end())
                return false;
        }
    }
    m_replaced.clear();
    m_replaced.reserve(at.size());
    for (std::size_t k = 0; k < at.size(); ++k) {
        m_replaced.push_back(std::move(current[at[k]]));
        current[at[k]] = std::move(fresh[k]);
    }
    m_regenerated = std::move(at);
    return true;
}

void ArtifactCache::invalidateAll()
{
    m_all = true;
    m_current = false;
    m_dirty.clear();
}

void ArtifactCache::mark(const std::string &elementId)
{
    if (!elementId.empty())
        m_dirty.insert(elementId);
}

template <typename Predicate> void ArtifactCache::markRules(const Design &design, Predicate matches)
{
    m_current = false;
    if (m_all)
        return;
    std::unordered_set<std::string_view> sources;
    for (const ReplicationRule &r : design.rules) {
        if (!matches(r))
            continue;
        mark(r.source);
        mark(r.destination);
        mark(r.role);
        mark(r.replicaKey);
        sources.insert(r.source);
    }
    // A rule's source key is its source bucket's default key.
    if (sources.empty())
        return;
    for (const Bucket &b : design.buckets) {
        if (sources.count(b.id))
            mark(b.defaultKey);
    }
}

void ArtifactCache::invalidate(const Design &design, const Bucket &bucket)
{
    mark(bucket.id);
    mark(bucket.defaultKey);
    markRules(design, [&](const ReplicationRule &r) {
        return r.source == bucket.id || r.destination == bucket.id;
    });
}

void ArtifactCache::invalidate(const Design &design, const KmsKey &key)
{
    mark(key.id);
    std::unordered_set<std::string_view> encrypted; // buckets whose default key it is
    for (const Bucket &b : design.buckets) {
        if (b.defaultKey == key.id)
            encrypted.insert(b.id);
    }
    markRules(design, [&](const ReplicationRule &r) {
        return r.replicaKey == key.id || encrypted.count(r.source);
    });
}

void ArtifactCache::invalidate(const Design &design, const Role &role)
{
    mark(role.id);
    markRules(design, [&](const ReplicationRule &r) { return r.role == role.id; });
}

void ArtifactCache::invalidate(const Design &design, const ReplicationRule &rule)
{
    markRules(design, [&](const ReplicationRule &r) { return r.id == rule.id; });
}

bool ArtifactCache::configurationOnly(const ReplicationRule &before, const ReplicationRule &after)
{
    // The settings only the replication configuration writes (replicationconfig.cpp).
    ReplicationRule rest = before;
    rest.priority = after.priority;
    rest.metrics = after.metrics;
    rest.replicationTimeControl = after.replicationTimeControl;
    rest.deleteMarkerReplication = after.deleteMarkerReplication;
    rest.replicaModificationSync = after.replicaModificationSync;
    rest.storageClass = after.storageClass;
    rest.importedAsV1 = after.importedAsV1; // no document shows these
    rest.note = after.note;
    rest.presentStep = after.presentStep;
    return rest == after;
}

void ArtifactCache::invalidateConfiguration(const ReplicationRule &rule)
{
    m_current = false;
    if (!m_all)
        mark(rule.source);
}

const std::vector<Artifact> &ArtifactCache::artifacts(const Design &design,
                                                     const DesignIndex *index)
{
    if (m_current && m_artifacts)
        return *m_artifacts;
    const gen::Context ctx = index ? gen::Context(*index) : gen::Context(design);
    bool renamed = false;
    bool placesKept = false;
    m_regenerated.clear();
    if (m_all || !m_artifacts) {
        m_replaced = m_artifacts ? std::move(*m_artifacts) : std::vector<Artifact>{};
        m_artifacts = gen::assembleArtifacts(ctx, nullptr, &renamed);
        for (std::size_t i = 0; i < m_artifacts->size(); ++i)
            m_regenerated.push_back(i);
    } else if (!m_renamed && replaceMarked(ctx)) {
        // No artifact was added or dropped: the others stay where they are.
        placesKept = true;
    } else {
        PreviousArtifacts previous(*m_artifacts, m_dirty, !m_renamed);
        std::vector<Artifact> fresh = gen::assembleArtifacts(ctx, &previous, &renamed);
        m_replaced = previous.leftOver();
        m_artifacts = std::move(fresh);
        // An artifact is generated again exactly when its element was marked (see take()).
        for (std::size_t i = 0; i < m_artifacts->size(); ++i) {
            if (m_dirty.contains(std::string_view((*m_artifacts)[i].element)))
                m_regenerated.push_back(i);
        }
    }
    ++m_generation;
    m_placesKept = placesKept;
    m_renamed = renamed;
    m_all = false;
    m_current = true;
    m_dirty.clear();
    return *m_artifacts;
}

std::vector<Artifact> ArtifactCache::takeArtifacts(const Design &design)
{
    artifacts(design);
    std::vector<Artifact> out = std::move(*m_artifacts);
    m_artifacts.reset();
    invalidateAll();
    return out;
}

} // namespace s3rd::model
