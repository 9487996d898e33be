#include "names.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace s3rd::model::names {

namespace {

bool isLowerAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isLowerHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f');
}

bool isAsciiAlnum(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Number of code points in UTF-8 text; AWS counts characters, not bytes, for names and IDs.
std::size_t utf8Length(std::string_view s)
{
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

std::string inQuotes(std::string_view s)
{
    return "\"" + std::string(s) + "\"";
}

// A printable rendering of a character for messages.
// "<what> must be at most <max> characters long (this one has <length>)".
std::string tooLong(std::string_view what, std::size_t max, std::size_t length)
{
    return std::string(what) + " must be at most " + std::to_string(max) +
           " characters long (this one has " + std::to_string(length) + ")";
}

std::string shown(char c)
{
    if (c == ' ')
        return "a space";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
        return "a control character";
    if (static_cast<unsigned char>(c) >= 0x80)
        return "a non-ASCII character";
    return std::string("\"") + c + "\"";
}

bool isIpv4Form(std::string_view s)
{
    int parts = 0;
    std::size_t i = 0;
    while (i <= s.size()) {
        std::size_t j = i;
        while (j < s.size() && isDigit(s[j]))
            ++j;
        if (j == i || j - i > 3)
            return false;
        ++parts;
        if (j == s.size())
            break;
        if (s[j] != '.')
            return false;
        i = j + 1;
    }
    return parts == 4;
}

constexpr Region kRegions[] = {
    // aws. Regions launched after March 20, 2019 are opt-in and must be enabled in an account.
    {"us-east-1", "US East (N. Virginia)", Partition::Aws, false},
    {"us-east-2", "US East (Ohio)", Partition::Aws, false},
    {"us-west-1", "US West (N. California)", Partition::Aws, false},
    {"us-west-2", "US West (Oregon)", Partition::Aws, false},
    {"af-south-1", "Africa (Cape Town)", Partition::Aws, true},
    {"ap-east-1", "Asia Pacific (Hong Kong)", Partition::Aws, true},
    {"ap-east-2", "Asia Pacific (Taipei)", Partition::Aws, true},
    {"ap-south-1", "Asia Pacific (Mumbai)", Partition::Aws, false},
    {"ap-south-2", "Asia Pacific (Hyderabad)", Partition::Aws, true},
    {"ap-northeast-1", "Asia Pacific (Tokyo)", Partition::Aws, false},
    {"ap-northeast-2", "Asia Pacific (Seoul)", Partition::Aws, false},
    {"ap-northeast-3", "Asia Pacific (Osaka)", Partition::Aws, false},
    {"ap-southeast-1", "Asia Pacific (Singapore)", Partition::Aws, false},
    {"ap-southeast-2", "Asia Pacific (Sydney)", Partition::Aws, false},
    {"ap-southeast-3", "Asia Pacific (Jakarta)", Partition::Aws, true},
    {"ap-southeast-4", "Asia Pacific (Melbourne)", Partition::Aws, true},
    {"ap-southeast-5", "Asia Pacific (Malaysia)", Partition::Aws, true},
    {"ap-southeast-6", "Asia Pacific (New Zealand)", Partition::Aws, true},
    {"ap-southeast-7", "Asia Pacific (Thailand)", Partition::Aws, true},
    {"ca-central-1", "Canada (Central)", Partition::Aws, false},
    {"ca-west-1", "Canada West (Calgary)", Partition::Aws, true},
    {"eu-central-1", "Europe (Frankfurt)", Partition::Aws, false},
    {"eu-central-2", "Europe (Zurich)", Partition::Aws, true},
    {"eu-west-1", "Europe (Ireland)", Partition::Aws, false},
    {"eu-west-2", "Europe (London)", Partition::Aws, false},
    {"eu-west-3", "Europe (Paris)", Partition::Aws, false},
    {"eu-south-1", "Europe (Milan)", Partition::Aws, true},
    {"eu-south-2", "Europe (Spain)", Partition::Aws, true},
    {"eu-north-1", "Europe (Stockholm)", Partition::Aws, false},
    {"il-central-1", "Israel (Tel Aviv)", Partition::Aws, true},
    {"me-south-1", "Middle East (Bahrain)", Partition::Aws, true},
    {"me-central-1", "Middle East (UAE)", Partition::Aws, true},
    {"mx-central-1", "Mexico (Central)", Partition::Aws, true},
    {"sa-east-1", "South America (Sao Paulo)", Partition::Aws, false},
    // aws-cn
    {"cn-north-1", "China (Beijing)", Partition::AwsCn, false},
    {"cn-northwest-1", "China (Ningxia)", Partition::AwsCn, false},
    // aws-us-gov
    {"us-gov-west-1", "AWS GovCloud (US-West)", Partition::AwsUsGov, false},
    {"us-gov-east-1", "AWS GovCloud (US-East)", Partition::AwsUsGov, false},
};

// The S3 StorageClass enum less FSX_OPENZFS / FSX_ONTAP ("not an accepted value when
// replicating objects") and the classes of S3 on Outposts, Snow and directory buckets, which are
// not general purpose replication destinations.
constexpr std::string_view kReplicaStorageClasses[] = {
    "STANDARD",   "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
    "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR",
};

constexpr std::string_view kOtherStorageClasses[] = {
    "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP",
};

} // namespace

std::string checkBucketName(std::string_view name)
{
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    if (name.size() < 3 || name.size() > 63) {
        return "bucket names must be 3 to 63 characters long (this one has "
               + std::to_string(name.size()) + ")";
    }
    for (char c : name) {
        if (!isLowerAlnum(c) && c != '.' && c != '-') {
            return "bucket names may contain only lowercase letters, numbers, periods and hyphens "
                   "(this one contains "
                   + shown(c) + ")";
        }
    }
    if (!isLowerAlnum(name.front()) || !isLowerAlnum(name.back()))
        return "bucket names must begin and end with a lowercase letter or a number";
    if (name.find("..") != std::string_view::npos)
        return "bucket names must not contain two adjacent periods";
    if (isIpv4Form(name))
        return "bucket names must not be formatted as an IP address";
    for (std::string_view prefix : {"xn--", "sthree-", "amzn-s3-demo-"}) {
        if (name.starts_with(prefix))
            return "bucket names must not begin with the reserved prefix " + inQuotes(prefix);
    }
    for (std::string_view suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}) {
        if (name.ends_with(suffix))
            return "bucket names must not end with the reserved suffix " + inQuotes(suffix);
    }
    return {};
}

std::string checkAccountId(std::string_view accountId)
{
    if (accountId.empty())
        return "the AWS account id is empty; it must be exactly 12 digits";
    if (!std::all_of(accountId.begin(), accountId.end(), isDigit))
        return "AWS account ids must contain only digits (no hyphens or spaces)";
    if (accountId.size() != 12) {
        return "AWS account ids must be exactly 12 digits (this one has "
               + std::to_string(accountId.size()) + ")";
    }
    return {};
}

std::string checkRoleName(std::string_view name)
{
    // IAM roleNameType: 1-64 characters matching [\w+=,.@-]+
    if (name.empty())
        return "the IAM role name is empty";
    if (name.size() > 64)
        return tooLong("IAM role names", 64, utf8Length(name));
    for (char c : name) {
        if (!isAsciiAlnum(c) && std::string_view("_+=,.@-").find(c) == std::string_view::npos) {
            return "IAM role names may contain only letters, numbers and _+=,.@- (this one "
                   "contains "
                   + shown(c) + ")";
        }
    }
    return {};
}

std::string checkRolePath(std::string_view path)
{
    // IAM pathType: "/" or "/" + printable ASCII (no space) + "/", 1-512 characters.
    if (path.empty())
        return "the IAM role path is empty; use \"/\" for no path";
    if (path.size() > 512)
        return tooLong("IAM role paths", 512, path.size());
    if (path.front() != '/' || path.back() != '/')
        return "IAM role paths must begin and end with a slash, like \"/service-role/\"";
    for (char c : path) {
        if (c < 0x21 || c > 0x7E)
            return "IAM role paths may contain only printable ASCII characters without spaces "
                   "(this one contains "
                   + shown(c) + ")";
    }
    return {};
}

std::string checkKmsAliasName(std::string_view alias, KeyKind kind)
{
    if (kind == KeyKind::AwsManaged) {
        if (alias != "alias/aws/s3")
            return "the AWS managed key for S3 has the alias \"alias/aws/s3\"";
        return {};
    }
    if (alias.empty())
        return {}; // an alias is optional for customer managed keys
    if (!alias.starts_with("alias/"))
        return "KMS alias names must begin with \"alias/\"";
    if (alias.size() == 6)
        return "the KMS alias name has nothing after \"alias/\"";
    if (alias.size() > 256)
        return tooLong("KMS alias names", 256, alias.size());
    for (char c : alias) {
        if (!isAsciiAlnum(c) && std::string_view(":/_-").find(c) == std::string_view::npos) {
            return "KMS alias names may contain only letters, numbers and :/_- (this one "
                   "contains "
                   + shown(c) + ")";
        }
    }
    if (alias.starts_with("alias/aws/"))
        return "KMS alias names beginning with \"alias/aws/\" are reserved for AWS managed keys";
    return {};
}

std::string checkKmsKeyId(std::string_view keyId, KeyKind kind)
{
    // https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id
    const bool multiRegion =
        kind == KeyKind::MultiRegionPrimary || kind == KeyKind::MultiRegionReplica;
    if (keyId.empty())
        return "the KMS key id is empty";
    if (multiRegion) {
        if (!keyId.starts_with("mrk-"))
            return "multi-Region KMS key ids must begin with \"mrk-\"";
        const std::string_view hex = keyId.substr(4);
        if (hex.size() != 32 || !std::all_of(hex.begin(), hex.end(), isLowerHex))
            return "multi-Region KMS key ids must be \"mrk-\" followed by 32 lowercase hex "
                   "digits";
        return {};
    }
    if (keyId.starts_with("mrk-"))
        return "a key id beginning with \"mrk-\" belongs to a multi-Region key";
    static constexpr std::array<std::size_t, 5> groups = {8, 4, 4, 4, 12};
    std::size_t pos = 0;
    bool ok = keyId.size() == 36;
    for (std::size_t g = 0; ok && g < groups.size(); ++g) {
        for (std::size_t i = 0; i < groups[g]; ++i, ++pos) {
            if (!isLowerHex(keyId[pos])) {
                ok = false;
                break;
            }
        }
        if (ok && g + 1 < groups.size() && keyId[pos++] != '-')
            ok = false;
    }
    if (!ok)
        return "KMS key ids must be a UUID of lowercase hex digits, like "
               "\"1234abcd-12ab-34cd-56ef-1234567890ab\"";
    return {};
}

std::string checkRuleId(std::string_view ruleId)
{
    // An empty ID is allowed: S3 then assigns one.
    const std::size_t n = utf8Length(ruleId);
    if (n > 255)
        return tooLong("replication rule IDs", 255, n);
    return {};
}

std::string checkRulePrefix(std::string_view prefix)
{
    if (prefix.size() > 1024) {
        return "replication rule prefixes must be at most 1,024 bytes long (this one has "
               + std::to_string(prefix.size()) + ")";
    }
    return {};
}

std::string checkTag(const Tag &tag)
{
    // S3 object tags: key 1-128 and value 0-256 Unicode characters; letters, numbers, spaces
    // and + - = . _ : / @. Keys beginning with "aws:" are reserved.
    if (tag.key.empty())
        return "tag keys must not be empty";
    const std::size_t keyLength = utf8Length(tag.key);
    if (keyLength > 128)
        return tooLong("tag keys", 128, keyLength);
    const std::size_t valueLength = utf8Length(tag.value);
    if (valueLength > 256)
        return tooLong("tag values", 256, valueLength);
    auto badChar = [](const std::string &s) -> const char * {
        for (const char &c : s) {
            if (static_cast<unsigned char>(c) >= 0x80)
                continue; // Unicode letters and numbers are allowed
            if (!isAsciiAlnum(c) && std::string_view(" +-=._:/@").find(c) == std::string_view::npos)
                return &c;
        }
        return nullptr;
    };
    if (const char *c = badChar(tag.key))
        return "tag keys may contain only letters, numbers, spaces and +-=._:/@ (this one "
               "contains "
               + shown(*c) + ")";
    if (const char *c = badChar(tag.value))
        return "tag values may contain only letters, numbers, spaces and +-=._:/@ (this one "
               "contains "
               + shown(*c) + ")";
    if (tag.key.starts_with("aws:"))
        return "tag keys beginning with \"aws:\" are reserved for AWS";
    return {};
}

std::string checkRegion(std::string_view region, Partition partition)
{
    if (region.empty())
        return "no AWS Region is set";
    const Region *r = findRegion(region);
    if (!r)
        return inQuotes(region) + " is not an AWS Region known to this version";
    if (r->partition != partition) {
        return inQuotes(region) + " is in the " + std::string(partitionName(r->partition))
               + " partition, not in " + std::string(partitionName(partition));
    }
    return {};
}

std::string checkStorageClass(std::string_view storageClass)
{
    if (storageClass.empty())
        return {};
    const auto &valid = kReplicaStorageClasses;
    if (std::find(std::begin(valid), std::end(valid), storageClass) != std::end(valid))
        return {};
    const auto &other = kOtherStorageClasses;
    if (std::find(std::begin(other), std::end(other), storageClass) != std::end(other))
        return "the storage class " + inQuotes(storageClass)
               + " is not accepted for replicas in a general purpose bucket";
    return inQuotes(storageClass) + " is not an S3 storage class";
}

std::span<const Region> regions()
{
    return kRegions;
}

const Region *findRegion(std::string_view code)
{
    for (const Region &r : kRegions) {
        if (r.code == code)
            return &r;
    }
    return nullptr;
}

std::span<const std::string_view> replicaStorageClasses()
{
    return kReplicaStorageClasses;
}

bool parsePartition(std::string_view text, Partition &out)
{
    return enumValue(kPartitionNames, text, out);
}

bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t more = 0;
        unsigned char low = 0x80, high = 0xBF; // the range of the second byte
        if (c < 0x80)
            more = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            more = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            low = c == 0xE0 ? 0xA0 : 0x80; // overlong
            high = c == 0xED ? 0x9F : 0xBF; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            low = c == 0xF0 ? 0x90 : 0x80;  // overlong
            high = c == 0xF4 ? 0x8F : 0xBF; // past U+10FFFF
        } else
            return false;
        if (text.size() - i - 1 < more)
            return false;
        for (std::size_t k = 1; k <= more; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            if (k == 1 ? (b < low || b > high) : (b & 0xC0) != 0x80)
                return false;
        }
        i += more + 1;
    }
    return true;
}

} // namespace s3rd::model::names
