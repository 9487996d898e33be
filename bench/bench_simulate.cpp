// The policy evaluator and the simulator on the 1,000-bucket design.
// Targets: at least 1 million policy evaluations per second on one core; one object simulated
// through the large design in under 1 ms (policies compiled once, outside the timed loop).

#include "largedesign.h"

#include "core/arn.h"
#include "policies/artifacts.h"
#include "simulator/simulator.h"

#include <benchmark/benchmark.h>

using namespace s3rd::model;

namespace {

struct Fixture
{
    Design design = s3rd::bench::largeDesign();
    std::vector<Artifact> artifacts = generateArtifacts(design);
    PolicySet policies{design, artifacts};
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

struct Case
{
    Request request;
    std::vector<const CompiledPolicy *> identity;
    const CompiledPolicy *resource = nullptr;
    ResourcePolicyKind kind = ResourcePolicyKind::Shared;
    std::string account;
};

// The requests a replication of one object makes, with the policies of rule0 (bucket b0 to its
// cross-account destination): typical generated role, bucket and key policies.
std::vector<Case> typicalCases()
{
    Fixture &f = fixture();
    TestObject o;
    o.bucket = "b0";
    o.key = "report-0001.bin";
    o.encryption = ObjectWrite::SseKms;
    const SimulationResult r = simulate(f.policies, o);
    const DesignIndex &ix = f.policies.index();
    const ReplicationRule *rule = ix.rule("rule0");
    const Role *role = ix.role(rule->role);
    const Bucket *dst = ix.bucket(rule->destination);
    std::vector<Case> cases;
    for (const SimulationStep &s : r.destinations.at(0).steps) {
        if (s.request.action.empty() || s.check == "assume-role")
            continue;
        Case c;
        c.request = s.request;
        c.identity = {f.policies.permissionsPolicy(role->id)};
        const bool kms = s.request.action.starts_with("kms:");
        if (kms) {
            const Bucket *src = ix.bucket("b0");
            const KmsKey *key = ix.key(s.check == "decrypt-source" ? src->defaultKey : rule->replicaKey);
            c.resource = f.policies.keyPolicy(key->id);
            c.kind = ResourcePolicyKind::Authoritative;
            c.account = ix.accountOf(*key)->accountId;
        } else {
            const bool write = s.check == "write-replica";
            c.resource = f.policies.bucketPolicy(write ? dst->id : "b0");
            c.account = ix.accountOf(*ix.bucket(write ? dst->id : "b0"))->accountId;
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

void BM_PolicyEvaluation(benchmark::State &state)
{
    const std::vector<Case> cases = typicalCases();
    if (cases.empty()) {
        state.SkipWithError("no permission checks");
        return;
    }
    EvaluationResult out;
    std::size_t i = 0;
    int allowed = 0;
    for (auto _ : state) {
        const Case &c = cases[i];
        PolicyContext ctx;
        ctx.identity = c.identity;
        ctx.resource = c.resource;
        ctx.resourceKind = c.kind;
        ctx.resourceAccount = c.account;
        evaluate(c.request, ctx, out);
        allowed += out.decision == Decision::Allowed;
        benchmark::DoNotOptimize(out.decision);
        if (++i == cases.size())
            i = 0;
    }
    if (allowed != int(state.iterations()))
        state.SkipWithError("a typical replication check was not allowed");
    state.SetItemsProcessed(state.iterations());
    state.counters["cases"] = double(cases.size());
}
BENCHMARK(BM_PolicyEvaluation);

void BM_SimulateObjectLargeDesign(benchmark::State &state)
{
    Fixture &f = fixture();
    TestObject o;
    o.bucket = "b501";
    o.key = "logs/2026/11/27/app.log";
    o.encryption = ObjectWrite::SseKms;
    for (auto _ : state) {
        SimulationResult r = simulate(f.policies, o);
        benchmark::DoNotOptimize(r);
        if (r.destinations.empty() || r.destinations[0].outcome != Outcome::Replicated) {
            state.SkipWithError("the benchmark object does not replicate");
            break;
        }
    }
}
BENCHMARK(BM_SimulateObjectLargeDesign)->Unit(benchmark::kMicrosecond);

void BM_CompilePolicySetLargeDesign(benchmark::State &state)
{
    Fixture &f = fixture();
    for (auto _ : state) {
        PolicySet set(f.design, f.artifacts);
        benchmark::DoNotOptimize(set);
    }
}
BENCHMARK(BM_CompilePolicySetLargeDesign)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
