#include "review/designreview.h"

#include "review/policyfingerprint.h"
#include "simulator/simulator.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace s3rd::model::review {

bool DesignReview::risky() const
{
    return !access.granted.empty()
           || std::any_of(introduced.begin(), introduced.end(),
                          [](const Finding &f) { return f.severity == Severity::Error; });
}

bool DesignReview::empty() const
{
    return elements.empty() && documents.empty() && access.empty() && introduced.empty()
           && resolved.empty() && simulate.empty();
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
std::vector<Finding> missingFrom(const std::vector<Finding> &from, const std::vector<Finding> &other)
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

ObjectWrite defaultWrite(const Bucket &b)
{
    switch (b.defaultEncryption) {
    case DefaultEncryption::SseS3: return ObjectWrite::SseS3;
    case DefaultEncryption::SseKms: return ObjectWrite::SseKms;
    case DefaultEncryption::DsseKms: return ObjectWrite::DsseKms;
    }
    return ObjectWrite::SseS3;
}

// Whether anything a simulation of an object in `bucket` depends on changed: the bucket, every
// rule from it and what those rules name (destinations, roles, keys, their accounts), and the
// policies in effect for them (a role's permissions also change with rules of other buckets).
class Dependencies
{
public:
    Dependencies(const PolicySet &before, const PolicySet &after,
                 const std::set<std::string, std::less<>> &changedIds)
        : m_before(before)
        , m_after(after)
        , m_changed(changedIds)
    {
    }

    bool changed(const std::string &bucket)
    {
        std::set<std::string> buckets{bucket}, roles, keys, accounts, rules;
        for (const PolicySet *ps : {&m_before, &m_after}) {
            const DesignIndex &ix = ps->index();
            for (const ReplicationRule *r : ix.rulesFrom(bucket)) {
                rules.insert(r->id);
                buckets.insert(r->destination);
                roles.insert(r->role);
                keys.insert(r->replicaKey);
            }
        }
        for (const PolicySet *ps : {&m_before, &m_after}) {
            const DesignIndex &ix = ps->index();
            for (const std::string &b : buckets) {
                if (const Bucket *x = ix.bucket(b)) {
                    keys.insert(x->defaultKey);
                    accounts.insert(x->account);
                }
            }
            for (const std::string &k : keys) {
                if (const KmsKey *x = ix.key(k))
                    accounts.insert(x->account);
            }
            for (const std::string &r : roles) {
                if (const Role *x = ix.role(r))
                    accounts.insert(x->account);
            }
        }
        for (const auto *ids : {&buckets, &roles, &keys, &accounts, &rules}) {
            for (const std::string &id : *ids) {
                if (!id.empty() && m_changed.count(id))
                    return true;
            }
        }
        auto differ = [&](auto policiesOf) {
            return policiesOf(m_before) != policiesOf(m_after);
        };
        for (const std::string &r : roles) {
            if (differ([&](const PolicySet &ps) {
                    std::vector<std::size_t> prints{print(ps, ps.trustPolicy(r)),
                                                    print(ps, ps.permissionsPolicy(r))};
                    for (const CompiledPolicy *p : ps.managedPolicies(r))
                        prints.push_back(print(ps, p));
                    for (const CompiledPolicy *p : ps.boundaries(r))
                        prints.push_back(print(ps, p));
                    return prints;
                }))
                return true;
        }
        for (const std::string &b : buckets) {
            if (differ([&](const PolicySet &ps) { return print(ps, ps.bucketPolicy(b)); }))
                return true;
        }
        for (const std::string &k : keys) {
            if (differ([&](const PolicySet &ps) { return print(ps, ps.keyPolicy(k)); }))
                return true;
        }
        for (const std::string &a : accounts) {
            if (differ([&](const PolicySet &ps) {
                    std::vector<std::size_t> prints;
                    for (const CompiledPolicy *p : ps.scps(a))
                        prints.push_back(print(ps, p));
                    const Account *acct = ps.index().account(a);
                    for (const CompiledPolicy *p : ps.rcps(acct ? acct->accountId : ""))
                        prints.push_back(print(ps, p));
                    return prints;
                }))
                return true;
        }
        return false;
    }

private:
    std::size_t print(const PolicySet &ps, const CompiledPolicy *p)
    {
        return (&ps == &m_before ? m_beforePrints : m_afterPrints).of(p);
    }

    const PolicySet &m_before;
    const PolicySet &m_after;
    const std::set<std::string, std::less<>> &m_changed;
    PolicyFingerprints m_beforePrints, m_afterPrints;
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

std::vector<SimulateChange> simulateChanges(const PolicySet &before, const PolicySet &after,
                                            const std::vector<ElementChange> &elements)
{
    // Elements whose content changed; a box moved or a note edited changes no outcome.
    std::set<std::string, std::less<>> changedIds;
    for (const ElementChange &e : elements) {
        if (std::any_of(e.fields.begin(), e.fields.end(), [](const FieldChange &f) {
                return f.field != "geometry" && f.field != "note";
            }))
            changedIds.insert(e.id);
    }
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
    Dependencies deps(before, after, changedIds);
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
                           bucketName(before, after, d), a.outcome, b.outcome, a.reason,
                           b.reason});
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

DesignReview reviewChange(const Design &oldDesign, const Design &newDesign)
{
    DesignReview review;
    const std::vector<Artifact> oldArtifacts = generateArtifacts(oldDesign);
    const std::vector<Artifact> newArtifacts = generateArtifacts(newDesign);
    review.elements = elementChanges(oldDesign, newDesign);
    review.documents = documentChanges(oldArtifacts, newArtifacts);
    const PolicySet oldPolicies(oldDesign, oldArtifacts);
    const PolicySet newPolicies(newDesign, newArtifacts);
    review.access = accessChanges(oldPolicies, oldArtifacts, newPolicies, newArtifacts);
    compareFindings(runChecks(oldDesign, oldArtifacts).findings,
                    runChecks(newDesign, newArtifacts).findings, review.introduced,
                    review.resolved);
    review.simulate = simulateChanges(oldPolicies, newPolicies, review.elements);
    return review;
}

} // namespace s3rd::model::review
