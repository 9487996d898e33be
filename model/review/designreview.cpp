#include "review/designreview.h"

#include "core/designindex.h"
#include "policies/artifactcache.h"
#include "simulator/simulator.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <variant>

namespace s3rd::model::review {

bool DesignReview::risky() const
{
    return !access.granted.empty() ||
           std::any_of(introduced.begin(), introduced.end(),
                       [](const Finding &f) { return f.severity == Severity::Error; });
}

bool DesignReview::empty() const
{
    return elements.empty() && documents.empty() && access.empty() && introduced.empty() &&
           resolved.empty() && simulate.empty();
}

namespace {

using FindingKey = std::pair<std::string, std::vector<std::string>>;

FindingKey keyOf(const Finding &f)
{
    std::vector<std::string> elements = f.elements;
    std::sort(elements.begin(), elements.end());
    return {f.rule, std::move(elements)};
}

// The findings of `from` that `other` does not have (as many times as `from` has them more).
std::vector<Finding> missingFrom(const std::vector<Finding> &from,
                                 const std::vector<Finding> &other)
{
    std::map<FindingKey, int> count;
    for (const Finding &f : other)
        ++count[keyOf(f)];
    std::vector<Finding> out;
    for (const Finding &f : from) {
        int &left = count[keyOf(f)];
        if (left > 0)
            --left;
        else
            out.push_back(f);
    }
    return out;
}

// A representative object of a rule: a key under its prefix, with its tags.
struct TestCase
{
    std::string bucket; // source bucket element id
    std::string key;
    std::vector<Tag> tags;
    std::string rule;
};

// Whether anything a simulation of an object in `bucket` depends on changed: the bucket, every
// rule from it and what those rules name (destinations, roles, keys, their accounts), including
// the documents generated for them (a role's permissions also change with rules of other
// buckets, so the documents are compared, not only the elements).
class Dependencies
{
public:
    Dependencies(const DesignIndex &before, const DesignIndex &after,
                 const std::set<std::string, std::less<>> &affected)
        : m_before(before), m_after(after), m_affected(affected)
    {
    }

    bool changed(const std::string &bucket) const
    {
        std::set<std::string> ids{bucket};
        std::vector<std::string> buckets{bucket};
        for (const DesignIndex *ix : {&m_before, &m_after}) {
            for (const ReplicationRule *r : ix->rulesFrom(bucket)) {
                ids.insert({r->id, r->destination, r->role, r->replicaKey});
                buckets.push_back(r->destination);
            }
        }
        for (const DesignIndex *ix : {&m_before, &m_after}) {
            for (const std::string &b : buckets) {
                if (const Bucket *x = ix->bucket(b))
                    ids.insert({x->defaultKey, x->account});
            }
            for (const std::string &id : std::vector<std::string>(ids.begin(), ids.end())) {
                if (const KmsKey *k = ix->key(id))
                    ids.insert(k->account);
                if (const Role *r = ix->role(id))
                    ids.insert(r->account);
            }
        }
        return std::any_of(ids.begin(), ids.end(),
                           [&](const std::string &id) { return m_affected.count(id) != 0; });
    }

private:
    const DesignIndex &m_before;
    const DesignIndex &m_after;
    const std::set<std::string, std::less<>> &m_affected;
};

struct Outcomes
{
    std::string outcome = "none";
    std::string reason;
};

// Each destination's outcome for the object in one design, by destination bucket id.
std::map<std::string, Outcomes> outcomes(const PolicySet &ps, const TestCase &c)
{
    std::map<std::string, Outcomes> out;
    const Bucket *src = ps.index().bucket(c.bucket);
    if (!src)
        return out;
    TestObject o;
    o.bucket = c.bucket;
    o.key = c.key;
    o.tags = c.tags;
    o.encryption = defaultWrite(*src);
    for (const DestinationResult &d : simulate(ps, o).destinations)
        out[d.destination] = {std::string(outcomeName(d.outcome)), d.reason};
    return out;
}

std::string bucketName(const PolicySet &before, const PolicySet &after, const std::string &id)
{
    for (const PolicySet *ps : {&after, &before}) {
        if (const Bucket *b = ps->index().bucket(id))
            return b->name;
    }
    return id;
}

// The elements whose content or generated documents changed; a box moved or a note edited
// changes no outcome.
std::set<std::string, std::less<>> affectedElements(const std::vector<ElementChange> &elements,
                                                    const std::vector<DocumentChange> &documents,
                                                    const std::vector<Artifact> &oldArtifacts,
                                                    const std::vector<Artifact> &newArtifacts)
{
    std::set<std::string, std::less<>> ids;
    for (const ElementChange &e : elements) {
        if (std::any_of(e.fields.begin(), e.fields.end(), [](const FieldChange &f) {
                return f.field != "geometry" && f.field != "note";
            }))
            ids.insert(e.id);
    }
    std::set<std::string_view> paths;
    for (const DocumentChange &d : documents)
        paths.insert(d.path);
    for (const auto *artifacts : {&oldArtifacts, &newArtifacts}) {
        for (const Artifact &a : *artifacts) {
            if (paths.count(a.path))
                ids.insert(a.element);
        }
    }
    return ids;
}

std::vector<SimulateChange> simulateChanges(const PolicySet &before, const PolicySet &after,
                                            const std::set<std::string, std::less<>> &affected)
{
    std::map<std::tuple<std::string, std::string, std::vector<std::pair<std::string, std::string>>>,
             TestCase>
        cases;
    for (const PolicySet *ps : {&before, &after}) {
        for (const ReplicationRule &r : ps->design().rules) {
            TestCase c{r.source, r.filterPrefix + "example-object", r.filterTags, r.id};
            std::vector<std::pair<std::string, std::string>> tags;
            for (const Tag &t : r.filterTags)
                tags.emplace_back(t.key, t.value);
            cases.try_emplace({c.bucket, c.key, tags}, std::move(c));
        }
    }
    const Dependencies deps(before.index(), after.index(), affected);
    std::map<std::string, bool> bucketChanged;
    std::vector<SimulateChange> out;
    for (const auto &[where, c] : cases) {
        auto [it, inserted] = bucketChanged.try_emplace(c.bucket, false);
        if (inserted)
            it->second = deps.changed(c.bucket);
        if (!it->second)
            continue;
        const auto old = outcomes(before, c);
        const auto now = outcomes(after, c);
        std::set<std::string> destinations;
        for (const auto &[d, o] : old)
            destinations.insert(d);
        for (const auto &[d, o] : now)
            destinations.insert(d);
        for (const std::string &d : destinations) {
            const auto o = old.find(d);
            const auto n = now.find(d);
            const Outcomes a = o == old.end() ? Outcomes{} : o->second;
            const Outcomes b = n == now.end() ? Outcomes{} : n->second;
            if (a.outcome == b.outcome && a.reason == b.reason)
                continue;
            out.push_back({c.rule, bucketName(before, after, c.bucket), c.key, c.tags,
                           bucketName(before, after, d), a.outcome, b.outcome, a.reason, b.reason});
        }
    }
    return out;
}

} // namespace

void compareFindings(const std::vector<Finding> &before, const std::vector<Finding> &after,
                     std::vector<Finding> &introduced, std::vector<Finding> &resolved)
{
    introduced = missingFrom(after, before);
    resolved = missingFrom(before, after);
}

namespace {

// The new design's artifacts, generated again only where the change can affect them; those
// whose text did not change share the parsed documents of the old ones (and so their compiled
// policies, see PolicySet). `cache` holds the old design's artifacts.
std::vector<Artifact> newArtifactsAfter(ArtifactCache &cache, const Design &oldDesign,
                                        const std::vector<Artifact> &oldArtifacts,
                                        const Design &newDesign,
                                        const std::vector<ElementChange> &elements)
{
    if (oldDesign.name != newDesign.name || oldDesign.note != newDesign.note)
        cache.invalidateAll();
    for (const ElementChange &e : elements) {
        if (e.kind == ElementKind::Account) {
            cache.invalidateAll();
            continue;
        }
        for (const Design *d : {&oldDesign, &newDesign}) {
            if (const auto element = findElement(*d, e.kind, e.id))
                std::visit(
                    [&](const auto &x) {
                        if constexpr (!std::is_same_v<std::decay_t<decltype(x)>, Account>)
                            cache.invalidate(*d, x);
                    },
                    *element);
        }
    }
    std::vector<Artifact> out = cache.takeArtifacts(newDesign);
    std::unordered_map<std::string_view, const Artifact *> before;
    before.reserve(oldArtifacts.size());
    for (const Artifact &a : oldArtifacts)
        before.emplace(a.path, &a);
    for (Artifact &a : out) {
        const auto it = before.find(a.path);
        if (it != before.end() && it->second->text == a.text && it->second->kind == a.kind &&
            it->second->element == a.element)
            a.shareDocumentOf(*it->second);
    }
    return out;
}

} // namespace

DesignReview reviewChange(const Design &oldDesign, const Design &newDesign)
{
    DesignReview review;
    review.elements = elementChanges(oldDesign, newDesign);
    ArtifactCache cache;
    const std::vector<Artifact> oldArtifacts = cache.artifacts(oldDesign);
    const PolicySet oldPolicies(oldDesign, oldArtifacts); // parses the old documents
    const std::vector<Artifact> newArtifacts =
        newArtifactsAfter(cache, oldDesign, oldArtifacts, newDesign, review.elements);
    const PolicySet newPolicies(newDesign, newArtifacts, oldPolicies);
    review.documents = documentChanges(oldArtifacts, newArtifacts);
    review.access = accessChanges(oldPolicies, oldArtifacts, newPolicies, newArtifacts);
    compareFindings(runChecks(oldDesign, oldArtifacts).findings,
                    runChecks(newDesign, newArtifacts).findings, review.introduced,
                    review.resolved);
    review.simulate = simulateChanges(
        oldPolicies, newPolicies,
        affectedElements(review.elements, review.documents, oldArtifacts, newArtifacts));
    return review;
}

} // namespace s3rd::model::review
