#pragma once

// The walk of one object through one replication rule, in the order S3 works: what S3 never
// replicates, the buckets, the role, reading the source, the destination as S3 finds it, the
// replica's encryption, writing and encrypting the replica. Used by simulate(); internal to
// this layer.

#include "core/design.h"
#include "core/designindex.h"
#include "simulator/evaluator.h"
#include "simulator/replicationsteps.h"
#include "simulator/simulator.h"

#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model {

// Whether the object is written with a KMS key (SSE-KMS or DSSE-KMS).
inline bool isKms(ObjectWrite w)
{
    return w == ObjectWrite::SseKms || w == ObjectWrite::DsseKms;
}

// One destination's walk. Each check either passes or ends the walk with S3's reason.
class ReplicationWalk
{
public:
    ReplicationWalk(const PolicySet &ps, const TestObject &obj, const Bucket &src,
                    const Account &srcAcct, SimulationResult &result)
        : m_ps(ps)
        , m_ix(ps.index())
        , m_obj(obj)
        , m_src(src)
        , m_srcAcct(srcAcct)
        , m_part(srcAcct.partition)
        , m_result(result)
    {
    }

    // Walks one destination's rule in the order S3 works; each step returns whether the walk
    // goes on, and on a failure has recorded S3's reason in the destination result.
    void run(const ReplicationRule &rule, DestinationResult &dr);

private:
    struct Target
    {
        const CompiledPolicy *resource = nullptr;
        ResourcePolicyKind kind = ResourcePolicyKind::Shared;
        std::string account;
        // RCPs "do not apply to AWS managed keys" (kms/latest/developerguide/
        // resource-control-policies.html).
        bool rcpExempt = false;
    };

    // A permission check: the request and the failure reason are the table's row for the
    // check (replicationsteps.h), resolved against m_subj. Returns whether it passed; on
    // failure of a fatal check the destination result is marked failed with the reason.
    bool permission(DestinationResult &dr, std::string_view check, const Target &target,
                    std::vector<std::string> elements, bool fatal = true);
    // The same with a request other than the row's (another action for the same step).
    bool permission(DestinationResult &dr, std::string_view check, Request req,
                    const Target &target, std::vector<std::string> elements, bool fatal);
    // A check that is not a permission: what was looked at, and whether it holds. The reason
    // is the row's unless given.
    bool fact(DestinationResult &dr, std::string_view check, bool ok, std::string detail,
              std::vector<std::string> elements, std::string_view reason = {});
    static void notReplicated(DestinationResult &dr, std::string check, std::string reason,
                              std::string detail);

    // The steps of run(), in order.
    bool excludedByS3(DestinationResult &dr) const;
    void resolveSubjects();
    bool findBuckets(DestinationResult &dr);
    bool assumeRole(DestinationResult &dr);
    bool readReplicationConfiguration(DestinationResult &dr);
    void replicateDeleteMarker(DestinationResult &dr);
    bool readSourceObject(DestinationResult &dr);
    bool decryptSource(DestinationResult &dr);
    bool checkDestinationBucket(DestinationResult &dr);
    bool chooseReplicaEncryption(DestinationResult &dr);
    bool isKmsReplica() const;
    bool writeReplica(DestinationResult &dr);
    bool encryptReplica(DestinationResult &dr);
    bool overrideOwner(DestinationResult &dr);
    bool readObjectLock(DestinationResult &dr);
    void recordReplica(DestinationResult &dr) const;

    std::string keyArn(const KmsKey &k) const;
    std::string accountIdOf(const std::string &accountElement) const;

    const PolicySet &m_ps;
    const DesignIndex &m_ix;
    const TestObject &m_obj;
    const Bucket &m_src;
    const Account &m_srcAcct;
    Partition m_part;
    SimulationResult &m_result;

    const Role *m_role = nullptr;
    std::string m_roleArn;
    std::string m_roleAccount;
    std::vector<const CompiledPolicy *> m_identity;
    steps::Subjects m_subj; // what the table's rows resolve to for this walk
    EvaluationResult m_eval;

    // What the walk of the current destination has learnt so far.
    const ReplicationRule *m_rule = nullptr;
    const Bucket *m_dst = nullptr;
    std::string m_dstAccountId;
    Target m_srcTarget;
    Target m_dstTarget;
    std::string m_replicaEncryption;   // "SSE-KMS", "SSE-S3", ...
    std::string m_replicaKeyElement;   // the key the replica is encrypted with, if KMS
    const KmsKey *m_replicaKey = nullptr;
    bool m_generateDataKey = false;    // a plaintext object into a KMS-default bucket
};

} // namespace s3rd::model
