#pragma once

// Builds test designs in a few lines. Each add function fills the fields every test sets the
// same way and returns the element just added, by reference, so a test sets what differs:
//
//     DesignBuilder b("cross-account");
//     b.account("a1", "111122223333", "source");
//     b.key("k1", "a1", "us-east-1", "alias/src", "1234abcd-12ab-34cd-56ef-1234567890ab");
//     b.kmsBucket("b1", "source-bucket", "a1", "us-east-1", "k1").geometry = {20, 60, 0, 0};
//     b.bucket("b2", "destination-bucket", "a2", "eu-west-1").versioning = Versioning::Suspended;
//     b.rule("rule1", "b1", "b2", "r1").filterPrefix = "data/";
//     Design d = b.design();
//
// References stay valid until the next element of the same kind is added. Elements get no
// canvas position unless the builder is made with Layout::Grid.

#include "core/design.h"

#include <string>

namespace s3rd::test {

class DesignBuilder
{
public:
    enum class Layout
    {
        None, // every geometry stays zero (the view's default size, all at the account's corner)
        Grid, // accounts side by side, buckets and keys in columns: opens readable in the designer
    };

    explicit DesignBuilder(std::string name = {}, Layout layout = Layout::None);

    // name empty: the element id.
    model::Account &account(const std::string &id, const std::string &accountId,
                            const std::string &name = {});
    // Versioned, SSE-S3: the model's defaults.
    model::Bucket &bucket(const std::string &id, const std::string &name,
                          const std::string &account, const std::string &region);
    // Default encryption SSE-KMS with key, and SSE-KMS among the ways objects are written.
    model::Bucket &kmsBucket(const std::string &id, const std::string &name,
                             const std::string &account, const std::string &region,
                             const std::string &key, bool bucketKey = false);
    model::KmsKey &key(const std::string &id, const std::string &account, const std::string &region,
                       const std::string &alias, const std::string &keyId,
                       model::KeyKind kind = model::KeyKind::CustomerManaged);
    model::Role &role(const std::string &id, const std::string &account, const std::string &name);
    // The rule's ID in the replication configuration is its element id until changed.
    model::ReplicationRule &rule(const std::string &id, const std::string &source,
                                 const std::string &destination, const std::string &role);
    // rule() that also replicates SSE-KMS objects, encrypting replicas with replicaKey.
    model::ReplicationRule &kmsRule(const std::string &id, const std::string &source,
                                    const std::string &destination, const std::string &role,
                                    const std::string &replicaKey);

    model::Design &design() { return m_design; }

private:
    model::Geometry nextSlot(double x, double width, double height);

    model::Design m_design;
    Layout m_layout;
    int m_placed = 0;
};

} // namespace s3rd::test
