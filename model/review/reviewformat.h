#pragma once

// A DesignReview written for people and programs: plain text for a terminal, Markdown for a
// pull-request comment (new access and new findings first), JSON for scripts:
//
//   {"elements": [{"id", "kind", "change", "fields": [{"field", "old", "new"}]}],
//    "documents": [{"path", "change", "diff"}],
//    "access": {"granted": [{"principal", "action", "resource", "conditions": {key: value}}],
//               "removed": [...]},
//    "findings": {"introduced": [{"rule", "severity", "elements", "message"}], "resolved": [...]},
//    "simulate": [{"rule", "source", "key", "tags", "destination", "before", "after",
//                  "beforeReason", "afterReason"}]}
//
// Every output ends with a newline and is byte-stable for the same review.

#include "review/designreview.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace s3rd::model::review {

nlohmann::ordered_json reviewJson(const DesignReview &review);
std::string reviewText(const DesignReview &review, std::string_view oldName,
                       std::string_view newName);
std::string reviewMarkdown(const DesignReview &review, std::string_view oldName,
                           std::string_view newName);

// One access entry on one line: "PRINCIPAL ACTION on RESOURCE when k=v, k=v".
std::string accessLine(const Access &access);

} // namespace s3rd::model::review
