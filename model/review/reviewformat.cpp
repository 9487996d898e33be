#include "review/reviewformat.h"

#include <sstream>

namespace s3rd::model::review {

namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json accessJson(const std::vector<Access> &list)
{
    ordered_json out = ordered_json::array();
    for (const Access &a : list) {
        ordered_json conditions = ordered_json::object();
        for (const auto &[key, value] : a.conditions)
            conditions[key] = value;
        out.push_back({{"principal", a.principal},
                       {"action", a.action},
                       {"resource", a.resource},
                       {"conditions", conditions}});
    }
    return out;
}

ordered_json findingsJson(const std::vector<Finding> &list)
{
    ordered_json out = ordered_json::array();
    for (const Finding &f : list)
        out.push_back({{"rule", f.rule},
                       {"severity", std::string(severityName(f.severity))},
                       {"elements", f.elements},
                       {"message", f.message}});
    return out;
}

std::string value(const ordered_json &v)
{
    return v.is_null() ? "(none)" : v.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string tagsText(const std::vector<Tag> &tags)
{
    std::string out;
    for (const Tag &t : tags)
        out += (out.empty() ? "" : ",") + t.key + "=" + t.value;
    return out;
}

std::string objectText(const SimulateChange &s)
{
    std::string out = s.source + "/" + s.key;
    if (!s.tags.empty())
        out += " tagged " + tagsText(s.tags);
    return out;
}

std::string outcomeText(const std::string &outcome, const std::string &reason)
{
    return reason.empty() ? outcome : outcome + " (" + reason + ")";
}

std::string findingLine(const Finding &f)
{
    std::string elements;
    for (const std::string &e : f.elements)
        elements += (elements.empty() ? "" : ", ") + e;
    return std::string(severityName(f.severity)) + " " + f.rule + " [" + elements +
           "]: " + f.message;
}

std::string summary(const DesignReview &r)
{
    if (r.empty())
        return "No difference.";
    std::string out;
    if (!r.access.granted.empty())
        out += "grants new access";
    const auto errors =
        std::count_if(r.introduced.begin(), r.introduced.end(),
                      [](const Finding &f) { return f.severity == Severity::Error; });
    if (errors)
        out += std::string(out.empty() ? "" : " and ") + "introduces " + std::to_string(errors) +
               (errors == 1 ? " error" : " errors");
    if (out.empty())
        return "Nothing risky: no new access, no new error.";
    return "Risky: this change " + out + ".";
}

// A Markdown table cell: pipes escaped, no line breaks.
std::string cell(std::string text)
{
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string code(const std::string &text)
{
    return "`" + cell(text) + "`";
}

} // namespace

std::string accessLine(const Access &a)
{
    std::string out = a.principal + " " + a.action + " on " + a.resource;
    for (std::size_t i = 0; i < a.conditions.size(); ++i)
        out += (i ? ", " : " when ") + a.conditions[i].first + "=" + a.conditions[i].second;
    return out;
}

ordered_json reviewJson(const DesignReview &r)
{
    ordered_json elements = ordered_json::array();
    for (const ElementChange &e : r.elements) {
        ordered_json fields = ordered_json::array();
        for (const FieldChange &f : e.fields)
            fields.push_back({{"field", f.field}, {"old", f.before}, {"new", f.after}});
        elements.push_back({{"id", e.id},
                            {"kind", std::string(elementKindName(e.kind))},
                            {"change", std::string(changeName(e.change))},
                            {"fields", fields}});
    }
    ordered_json documents = ordered_json::array();
    for (const DocumentChange &d : r.documents)
        documents.push_back(
            {{"path", d.path}, {"change", std::string(changeName(d.change))}, {"diff", d.diff}});
    ordered_json simulate = ordered_json::array();
    for (const SimulateChange &s : r.simulate) {
        ordered_json tags = ordered_json::object();
        for (const Tag &t : s.tags)
            tags[t.key] = t.value;
        simulate.push_back({{"rule", s.rule},
                            {"source", s.source},
                            {"key", s.key},
                            {"tags", tags},
                            {"destination", s.destination},
                            {"before", s.before},
                            {"after", s.after},
                            {"beforeReason", s.beforeReason},
                            {"afterReason", s.afterReason}});
    }
    ordered_json out;
    out["elements"] = elements;
    out["documents"] = documents;
    out["access"] = {{"granted", accessJson(r.access.granted)},
                     {"removed", accessJson(r.access.removed)}};
    out["findings"] = {{"introduced", findingsJson(r.introduced)},
                       {"resolved", findingsJson(r.resolved)}};
    out["simulate"] = simulate;
    return out;
}

std::string reviewText(const DesignReview &r, std::string_view oldName, std::string_view newName)
{
    std::ostringstream out;
    out << "Comparing " << oldName << " with " << newName << ": " << summary(r) << "\n";
    auto section = [&](const char *title, std::size_t count) {
        if (count)
            out << "\n" << title << " (" << count << "):\n";
        return count != 0;
    };
    // A section of one line per item, each marked "+" (granted, introduced) or "-".
    auto lines = [&](const char *title, const auto &items, const char *mark, auto line) {
        if (section(title, items.size())) {
            for (const auto &item : items)
                out << mark << line(item) << "\n";
        }
    };
    lines("Access granted", r.access.granted, "  + ", accessLine);
    lines("Findings introduced", r.introduced, "  + ", findingLine);
    lines("Access removed", r.access.removed, "  - ", accessLine);
    lines("Findings resolved", r.resolved, "  - ", findingLine);
    if (section("Simulate outcomes that change", r.simulate.size())) {
        for (const SimulateChange &s : r.simulate)
            out << "  " << objectText(s) << " -> " << s.destination << ": "
                << outcomeText(s.before, s.beforeReason) << " => "
                << outcomeText(s.after, s.afterReason) << "\n";
    }
    if (section("Elements", r.elements.size())) {
        for (const ElementChange &e : r.elements) {
            out << "  " << changeName(e.change) << " " << elementKindName(e.kind) << " " << e.id
                << "\n";
            if (e.change != Change::Changed)
                continue;
            for (const FieldChange &f : e.fields)
                out << "      " << f.field << ": " << value(f.before) << " -> " << value(f.after)
                    << "\n";
        }
    }
    if (section("Documents", r.documents.size())) {
        for (const DocumentChange &d : r.documents)
            out << "  " << changeName(d.change) << " " << d.path << "\n";
        for (const DocumentChange &d : r.documents)
            out << "\n" << d.diff;
    }
    return out.str();
}

std::string reviewMarkdown(const DesignReview &r, std::string_view oldName,
                           std::string_view newName)
{
    std::ostringstream out;
    out << "### Design review: `" << cell(std::string(oldName)) << "` → `"
        << cell(std::string(newName)) << "`\n\n"
        << (r.risky() ? "**⚠️ " : "**") << summary(r) << "**\n";
    auto accessTable = [&](const char *title, const std::vector<Access> &list) {
        if (list.empty())
            return;
        out << "\n#### " << title << " (" << list.size() << ")\n\n"
            << "| Principal | Action | Resource | Conditions |\n|---|---|---|---|\n";
        for (const Access &a : list) {
            std::string conditions;
            for (const auto &[key, v] : a.conditions)
                conditions += (conditions.empty() ? "" : "<br>") + code(key + " = " + v);
            out << "| " << code(a.principal) << " | " << code(a.action) << " | " << code(a.resource)
                << " | " << conditions << " |\n";
        }
    };
    auto findings = [&](const char *title, const std::vector<Finding> &list) {
        if (list.empty())
            return;
        out << "\n#### " << title << " (" << list.size() << ")\n\n";
        for (const Finding &f : list) {
            std::string elements;
            for (const std::string &e : f.elements)
                elements += (elements.empty() ? "" : ", ") + code(e);
            out << "- **" << severityName(f.severity) << "** " << code(f.rule) << " (" << elements
                << "): " << cell(f.message) << "\n";
        }
    };
    accessTable("Access granted", r.access.granted);
    findings("Findings introduced", r.introduced);
    accessTable("Access removed", r.access.removed);
    findings("Findings resolved", r.resolved);
    if (!r.simulate.empty()) {
        out << "\n#### Simulate outcomes that change (" << r.simulate.size() << ")\n\n"
            << "| Object | Destination | Before | After |\n|---|---|---|---|\n";
        for (const SimulateChange &s : r.simulate)
            out << "| " << code(objectText(s)) << " | " << code(s.destination) << " | "
                << cell(outcomeText(s.before, s.beforeReason)) << " | "
                << cell(outcomeText(s.after, s.afterReason)) << " |\n";
    }
    if (!r.elements.empty()) {
        out << "\n#### Elements (" << r.elements.size() << ")\n\n";
        for (const ElementChange &e : r.elements) {
            out << "- " << changeName(e.change) << " " << elementKindName(e.kind) << " "
                << code(e.id);
            if (e.change == Change::Changed) {
                std::string fields;
                for (const FieldChange &f : e.fields)
                    fields += (fields.empty() ? "" : ", ") + code(f.field) + " " +
                              code(value(f.before)) + " → " + code(value(f.after));
                out << ": " << fields;
            }
            out << "\n";
        }
    }
    if (!r.documents.empty()) {
        out << "\n#### Documents (" << r.documents.size() << ")\n";
        for (const DocumentChange &d : r.documents)
            out << "\n<details><summary>" << changeName(d.change) << " <code>" << d.path
                << "</code></summary>\n\n```diff\n"
                << d.diff << "```\n\n</details>\n";
    }
    return out.str();
}

} // namespace s3rd::model::review
