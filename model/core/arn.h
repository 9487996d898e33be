#pragma once

// Partition-aware ARN builders (reference §7.2). They format; they do not validate — run the
// validators in names.h first where the input comes from a user.

#include "design.h"
#include "names.h"

#include <array>
#include <string>
#include <string_view>

namespace s3rd::model::arn {

// "aws", "aws-cn", "aws-us-gov": the one partition table is in names.h.
using names::partitionName;

std::string bucket(Partition p, std::string_view bucketName);                // arn:aws:s3:::name
std::string object(Partition p, std::string_view bucketName, std::string_view keyPattern); // …/key
std::string key(Partition p, std::string_view region, std::string_view accountId,
                std::string_view keyId);
std::string alias(Partition p, std::string_view region, std::string_view accountId,
                  std::string_view aliasName); // aliasName includes "alias/"
std::string role(Partition p, std::string_view accountId, std::string_view path,
                 std::string_view roleName);
std::string accountRoot(Partition p, std::string_view accountId);

// "s3.<region>.amazonaws.com": the kms:ViaService value for S3 in a Region, in every partition.
// KMS developer guide, kms:ViaService: "Use the .amazonaws.com suffix of the AWS KMS ViaService
// name in all AWS partitions." (a China-style ".amazonaws.com.cn" value never matches).
std::string s3ViaService(std::string_view region);

// Splits an ARN, "arn:partition:service:region:account-id:resource", into its six fields; the
// resource keeps its own colons. False (parts then unspecified) when there are fewer than five
// colons. The fields are not checked: parts[0] is "arn" only if the text said so. Inline: policy
// evaluation splits an ARN for every resource pattern it matches.
inline bool split(std::string_view text, std::array<std::string_view, 6> &parts)
{
    for (std::size_t i = 0; i < 5; ++i) {
        const auto colon = text.find(':');
        if (colon == std::string_view::npos)
            return false;
        parts[i] = text.substr(0, colon);
        text.remove_prefix(colon + 1);
    }
    parts[5] = text;
    return true;
}

} // namespace s3rd::model::arn
