// The designer's policy evaluator behind a line protocol, for the tests that compare it with an
// independent evaluator: one JSON case per line on stdin, one JSON answer per line on stdout.
//
// Case: {"id", "identity": [doc], "resource": doc|null, "resourceKind": "shared"|"authoritative",
//        "resourceAccount", "boundaries": [doc], "scps": [doc],
//        "request": {"principal", "action", "resource", "context": {"key": ["value"...]}}}
// Answer: {"id", "decision": "allowed"|"implicit-deny"|"explicit-deny", "problems": [...]}
// A line that is not a case gets {"id": null, "error": "..."}; the tool never stops early, so
// one process serves a whole run.

#include "evaluator.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <string>
#include <vector>

using nlohmann::json;
using namespace s3rd::model;

namespace {

std::vector<CompiledPolicy> compileAll(const json &list, const std::string &name)
{
    std::vector<CompiledPolicy> out;
    if (!list.is_array())
        return out;
    for (std::size_t i = 0; i < list.size(); ++i)
        out.push_back(CompiledPolicy::compile(name + std::to_string(i), list[i]));
    return out;
}

std::vector<const CompiledPolicy *> pointers(const std::vector<CompiledPolicy> &policies)
{
    std::vector<const CompiledPolicy *> out;
    for (const CompiledPolicy &p : policies)
        out.push_back(&p);
    return out;
}

json answer(const json &c)
{
    const json &req = c.at("request");
    Request r;
    r.principal = req.at("principal").get<std::string>();
    r.action = req.at("action").get<std::string>();
    r.resource = req.at("resource").get<std::string>();
    if (const auto ctx = req.find("context"); ctx != req.end()) {
        for (auto it = ctx->begin(); it != ctx->end(); ++it) {
            std::vector<std::string> values;
            if (it->is_array()) {
                for (const json &v : *it)
                    values.push_back(v.get<std::string>());
            } else {
                values.push_back(it->get<std::string>());
            }
            r.context[it.key()] = std::move(values);
        }
    }
    const auto identity = compileAll(c.value("identity", json::array()), "identity");
    const auto boundaries = compileAll(c.value("boundaries", json::array()), "boundary");
    const auto scps = compileAll(c.value("scps", json::array()), "scp");
    CompiledPolicy resource;
    const bool hasResource = c.contains("resource") && !c.at("resource").is_null();
    if (hasResource)
        resource = CompiledPolicy::compile("resource", c.at("resource"));
    const auto identityPtrs = pointers(identity);
    const auto boundaryPtrs = pointers(boundaries);
    const auto scpPtrs = pointers(scps);
    const std::string account = c.value("resourceAccount", std::string());

    PolicyContext ctx;
    ctx.identity = identityPtrs;
    ctx.boundaries = boundaryPtrs;
    ctx.scps = scpPtrs;
    ctx.resource = hasResource ? &resource : nullptr;
    ctx.resourceKind = c.value("resourceKind", std::string("shared")) == "authoritative"
                           ? ResourcePolicyKind::Authoritative
                           : ResourcePolicyKind::Shared;
    ctx.resourceAccount = account;
    const EvaluationResult result = evaluate(r, ctx);
    return {{"id", c.value("id", json())},
            {"decision", decisionName(result.decision)},
            {"problems", result.problems}};
}

} // namespace

int main()
{
    std::ios::sync_with_stdio(false);
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty())
            continue;
        const json c = json::parse(line, nullptr, false);
        json out;
        if (c.is_discarded() || !c.is_object()) {
            out = {{"id", nullptr}, {"error", "not a JSON object"}};
        } else {
            try {
                out = answer(c);
            } catch (const json::exception &e) {
                out = {{"id", c.value("id", json())}, {"error", e.what()}};
            }
        }
        std::cout << out.dump() << '\n';
    }
    std::cout.flush();
    return 0;
}
