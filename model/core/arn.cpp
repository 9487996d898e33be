#include "arn.h"

namespace s3rd::model::arn {

namespace {

std::string join(std::initializer_list<std::string_view> parts)
{
    std::string out;
    std::size_t n = 0;
    for (auto p : parts)
        n += p.size();
    out.reserve(n);
    for (auto p : parts)
        out.append(p);
    return out;
}

} // namespace

std::string bucket(Partition p, std::string_view bucketName)
{
    return join({"arn:", partitionName(p), ":s3:::", bucketName});
}

std::string object(Partition p, std::string_view bucketName, std::string_view keyPattern)
{
    return join({"arn:", partitionName(p), ":s3:::", bucketName, "/", keyPattern});
}

std::string key(Partition p, std::string_view region, std::string_view accountId,
                std::string_view keyId)
{
    return join({"arn:", partitionName(p), ":kms:", region, ":", accountId, ":key/", keyId});
}

std::string alias(Partition p, std::string_view region, std::string_view accountId,
                  std::string_view aliasName)
{
    return join({"arn:", partitionName(p), ":kms:", region, ":", accountId, ":", aliasName});
}

std::string role(Partition p, std::string_view accountId, std::string_view path,
                 std::string_view roleName)
{
    if (path.empty())
        path = "/";
    return join({"arn:", partitionName(p), ":iam::", accountId, ":role", path, roleName});
}

std::string accountRoot(Partition p, std::string_view accountId)
{
    return join({"arn:", partitionName(p), ":iam::", accountId, ":root"});
}

std::string s3ViaService(std::string_view region)
{
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
    return join({"s3.", region, ".amazonaws.com"});
}

} // namespace s3rd::model::arn
