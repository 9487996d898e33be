#pragma once

// Partition-aware ARN builders (reference §7.2). They format; they do not validate — run the
// validators in names.h first where the input comes from a user.

#include "design.h"

#include <string>
#include <string_view>

namespace s3rd::model::arn {

std::string_view partitionName(Partition p); // "aws", "aws-cn", "aws-us-gov"

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

} // namespace s3rd::model::arn
