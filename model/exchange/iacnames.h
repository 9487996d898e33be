#pragma once

// Internal to the CloudFormation and Terraform exporters: stable, unique identifiers for the
// resources of one template (CloudFormation logical ids, Terraform resource names), derived from
// validated names so a reader recognises them.

#include <cctype>
#include <string>
#include <unordered_set>

namespace s3rd::model::exchange::detail {

enum class IdStyle { Pascal, Snake }; // CloudFormation "BucketSrcLogs", Terraform "src_logs"

class IdMaker
{
public:
    explicit IdMaker(IdStyle style)
        : m_style(style)
    {}

    // prefix "Bucket" / "bucket", text "src-logs.eu" -> "BucketSrcLogsEu" / "bucket_src_logs_eu".
    // A repeat gets the element id appended, then a number.
    std::string make(const std::string &prefix, const std::string &text,
                     const std::string &elementId)
    {
        std::string id = prefix + part(text);
        if (id.size() > 200)
            id.resize(200);
        if (m_used.insert(id).second)
            return id;
        std::string alt = id + part(elementId);
        for (int n = 2; !m_used.insert(alt).second; ++n)
            alt = id + part(elementId) + (m_style == IdStyle::Snake ? "_" : "") + std::to_string(n);
        return alt;
    }

private:
    std::string part(const std::string &text) const
    {
        std::string out;
        bool upper = true;
        for (char c : text) {
            if (std::isalnum(static_cast<unsigned char>(c))) {
                if (m_style == IdStyle::Pascal) {
                    out += upper ? char(std::toupper(static_cast<unsigned char>(c))) : c;
                } else {
                    if (upper)
                        out += '_';
                    out += char(std::tolower(static_cast<unsigned char>(c)));
                }
                upper = false;
            } else {
                upper = true;
            }
        }
        if (m_style == IdStyle::Snake && out.empty())
            out = "_x";
        return out;
    }

    IdStyle m_style;
    std::unordered_set<std::string> m_used;
};

} // namespace s3rd::model::exchange::detail
