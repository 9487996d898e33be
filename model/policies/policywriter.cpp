#include "policies/policywriter.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace s3rd::model::policy {

namespace {

// Up to this many statements, repeats are found by comparing every pair.
constexpr std::size_t kFewStatements = 16;

// The dimensions a merge pass may differ in.
enum Dimension
{
    DimConditionValues = 1,
    DimResources = 2,
    DimPrincipals = 4
};

// Whether two statements agree in every dimension except the masked one.
bool sameExcept(const Statement &a, const Statement &b, int masked, std::string_view unionKey)
{
    if (a.allow != b.allow || a.sidBase != b.sidBase || a.actions != b.actions)
        return false;
    if (!(masked & DimPrincipals) &&
        (a.principalAws != b.principalAws || a.principalService != b.principalService))
        return false;
    if (!(masked & DimResources) && a.resources != b.resources)
        return false;
    if (a.conditions.size() != b.conditions.size())
        return false;
    for (std::size_t i = 0; i < a.conditions.size(); ++i) {
        const Condition &x = a.conditions[i];
        const Condition &y = b.conditions[i];
        if (x.op != y.op || x.key != y.key)
            return false;
        const bool union_ = (masked & DimConditionValues) && x.key == unionKey;
        if (!union_ && x.values != y.values)
            return false;
    }
    return true;
}

void combine(std::size_t &seed, std::string_view text)
{
    seed ^= std::hash<std::string_view>{}(text) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

template <typename List> void combineAll(std::size_t &seed, const List &values)
{
    for (const auto &v : values)
        combine(seed, v);
    combine(seed, "\x1e");
}

// A hash that agrees for statements that are sameExcept() one another.
std::size_t hashExcept(const Statement &s, int masked, std::string_view unionKey)
{
    std::size_t seed = s.allow ? 1 : 2;
    combine(seed, s.sidBase);
    if (!(masked & DimPrincipals)) {
        combineAll(seed, s.principalAws);
        combineAll(seed, s.principalService);
    }
    combineAll(seed, s.actions);
    if (!(masked & DimResources))
        combineAll(seed, s.resources);
    for (const Condition &c : s.conditions) {
        combine(seed, c.op);
        combine(seed, c.key);
        if (!((masked & DimConditionValues) && c.key == unionKey))
            combineAll(seed, c.values);
    }
    return seed;
}

// Moves the values of `from` to the end of `into`; normalisePatterns() drops repeats after.
void moveAppend(std::vector<std::string> &into, std::vector<std::string> &from)
{
    into.insert(into.end(), std::make_move_iterator(from.begin()),
                std::make_move_iterator(from.end()));
}

// For each statement, the first statement it can merge with (itself when none).
std::vector<std::size_t> mergeTargets(const std::vector<Statement> &statements, int dimension,
                                      std::string_view unionKey)
{
    const std::size_t n = statements.size();
    std::vector<std::size_t> hashes(n), order(n), target(n);
    for (std::size_t i = 0; i < n; ++i) {
        hashes[i] = hashExcept(statements[i], dimension, unionKey);
        order[i] = i;
        target[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return hashes[a] < hashes[b]; });
    for (std::size_t run = 0; run < n;) {
        std::size_t end = run + 1;
        while (end < n && hashes[order[end]] == hashes[order[run]])
            ++end;
        // Within a run of equal hashes, in design order: the first equal statement wins.
        for (std::size_t p = run + 1; p < end; ++p) {
            for (std::size_t q = run; q < p; ++q) {
                const std::size_t i = order[p], j = order[q];
                if (target[j] == j &&
                    sameExcept(statements[i], statements[j], dimension, unionKey)) {
                    target[i] = j;
                    break;
                }
            }
        }
        run = end;
    }
    return target;
}

// One merge pass over one dimension.
void mergePass(std::vector<Statement> &statements, int dimension, std::string_view unionKey)
{
    if (statements.size() < 2)
        return;
    const std::vector<std::size_t> target = mergeTargets(statements, dimension, unionKey);
    std::vector<std::size_t> slot(statements.size()); // position in `merged`
    std::vector<Statement> merged;
    merged.reserve(statements.size());
    std::vector<bool> mergedInto(statements.size(), false); // by position in `merged`
    for (std::size_t i = 0; i < statements.size(); ++i) {
        Statement &s = statements[i];
        if (target[i] == i) {
            slot[i] = merged.size();
            merged.push_back(std::move(s));
            continue;
        }
        const std::size_t into = slot[target[i]];
        Statement &t = merged[into];
        switch (dimension) {
        case DimConditionValues:
            for (std::size_t c = 0; c < t.conditions.size(); ++c) {
                if (t.conditions[c].key == unionKey)
                    moveAppend(t.conditions[c].values, s.conditions[c].values);
            }
            break;
        case DimResources:
            moveAppend(t.resources, s.resources);
            break;
        case DimPrincipals:
            moveAppend(t.principalAws, s.principalAws);
            moveAppend(t.principalService, s.principalService);
            break;
        }
        t.elements.insert(t.elements.end(), s.elements.begin(), s.elements.end());
        mergedInto[into] = true;
    }
    for (std::size_t i = 0; i < merged.size(); ++i) {
        if (!mergedInto[i])
            continue;
        Statement &s = merged[i];
        dropRepeatedElements(s.elements);
        switch (dimension) {
        case DimConditionValues:
            for (Condition &c : s.conditions) {
                if (c.key == unionKey)
                    normalisePatterns(c.values);
            }
            break;
        case DimResources:
            normalisePatterns(s.resources);
            break;
        case DimPrincipals:
            normalisePatterns(s.principalAws);
            normalisePatterns(s.principalService);
            break;
        }
    }
    statements = std::move(merged);
}

template <typename List> void writeList(JsonWriter &w, const List &values)
{
    w.beginArray();
    for (const auto &v : values)
        w.value(std::string_view(v));
    w.endArray();
}

// One value as a scalar, several as a list.
void writeListOrScalar(JsonWriter &w, const std::vector<std::string> &values)
{
    if (values.size() == 1)
        w.value(values.front());
    else
        writeList(w, values);
}

// The number of each statement within its Sid base (1, 2, 3…), in order.
std::vector<int> numbersWithinBase(const std::vector<Statement> &statements)
{
    std::vector<int> numbers(statements.size(), 1);
    if (statements.size() <= kFewStatements) {
        for (std::size_t i = 0; i < statements.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j)
                numbers[i] += statements[j].sidBase == statements[i].sidBase;
        }
        return numbers;
    }
    std::vector<std::size_t> order(statements.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return statements[a].sidBase < statements[b].sidBase;
    });
    for (std::size_t p = 1; p < order.size(); ++p) {
        if (statements[order[p - 1]].sidBase == statements[order[p]].sidBase)
            numbers[order[p]] = numbers[order[p - 1]] + 1;
    }
    return numbers;
}

} // namespace

void dropRepeatedElements(std::vector<std::string_view> &elements)
{
    std::vector<std::pair<std::string_view, std::size_t>> sorted;
    sorted.reserve(elements.size());
    for (std::size_t i = 0; i < elements.size(); ++i)
        sorted.emplace_back(elements[i], i);
    std::sort(sorted.begin(), sorted.end());
    std::vector<bool> repeat(elements.size(), false);
    for (std::size_t i = 1; i < sorted.size(); ++i)
        repeat[sorted[i].second] = sorted[i].first == sorted[i - 1].first;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (!repeat[i])
            elements[kept++] = elements[i];
    }
    elements.resize(kept);
}

void normalisePatterns(std::vector<std::string> &values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (values.size() < 2)
        return;
    // The prefixes of the wildcards ("P" of "P*"), sorted, without those a shorter one covers:
    // then the only one that can be a prefix of a value is the greatest not above it.
    std::vector<std::string_view> prefixes;
    for (const std::string &v : values) {
        if (!v.empty() && v.back() == '*')
            prefixes.push_back(std::string_view(v).substr(0, v.size() - 1));
    }
    if (prefixes.empty())
        return;
    std::sort(prefixes.begin(), prefixes.end());
    std::vector<std::string_view> outer;
    for (std::string_view p : prefixes) {
        if (outer.empty() || !p.starts_with(outer.back()))
            outer.push_back(p);
    }
    // "P*" covers every other value starting with P (a "*" matches any characters, none too).
    auto covered = [&](const std::string &v) {
        auto it = std::upper_bound(outer.begin(), outer.end(), std::string_view(v));
        if (it == outer.begin())
            return false;
        const std::string_view p = *--it;
        const bool isSelf = v.size() == p.size() + 1 && v.back() == '*';
        return !isSelf && std::string_view(v).starts_with(p);
    };
    // Decided before any value moves: the prefixes are views of the values.
    std::vector<bool> drop(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        drop[i] = covered(values[i]);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!drop[i]) {
            if (kept != i)
                values[kept] = std::move(values[i]);
            ++kept;
        }
    }
    values.resize(kept);
}

void mergeStatements(std::vector<Statement> &statements, std::string_view unionConditionKey)
{
    for (Statement &s : statements) {
        normalisePatterns(s.resources);
        normalisePatterns(s.principalAws);
        normalisePatterns(s.principalService);
        for (Condition &c : s.conditions)
            normalisePatterns(c.values);
    }
    // Only statements with the same Sid base can merge; most policies have none in common.
    const std::vector<int> numbers = numbersWithinBase(statements);
    const bool repeated = std::any_of(numbers.begin(), numbers.end(), [](int n) { return n > 1; });
    if (repeated) {
        if (!unionConditionKey.empty())
            mergePass(statements, DimConditionValues, unionConditionKey);
        mergePass(statements, DimResources, unionConditionKey);
        mergePass(statements, DimPrincipals, unionConditionKey);
    }
    const auto byRank = [](const Statement &a, const Statement &b) { return a.rank < b.rank; };
    if (!std::is_sorted(statements.begin(), statements.end(), byRank))
        std::stable_sort(statements.begin(), statements.end(), byRank);
}

void assignSids(std::vector<Statement> &statements)
{
    const std::vector<int> numbers = numbersWithinBase(statements);
    bool numbered = false;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        Statement &s = statements[i];
        s.sid = s.sidBase;
        if (numbers[i] > 1) {
            s.sid += std::to_string(numbers[i]);
            numbered = true;
        }
    }
    if (!numbered)
        return;
    // A numbered Sid could collide with another base ending in a digit; renumber those.
    std::unordered_map<std::string, int> used;
    for (Statement &s : statements) {
        std::string sid = s.sid;
        for (int n = 2; used.count(sid); ++n)
            sid = s.sid + "x" + std::to_string(n);
        used.emplace(sid, 1);
        s.sid = std::move(sid);
    }
}

std::string policyText(const std::vector<Statement> &statements)
{
    JsonWriter w;
    w.beginObject().member("Version", kPolicyVersion).key("Statement").beginArray();
    for (const Statement &s : statements) {
        w.beginObject().member("Sid", s.sid).member("Effect", s.allow ? "Allow" : "Deny");
        if (!s.principalAws.empty() || !s.principalService.empty()) {
            w.key("Principal").beginObject();
            if (!s.principalAws.empty())
                writeListOrScalar(w.key("AWS"), s.principalAws);
            if (!s.principalService.empty())
                writeListOrScalar(w.key("Service"), s.principalService);
            w.endObject();
        }
        if (s.scalarAction && s.actions.size() == 1)
            w.member("Action", s.actions.front());
        else
            writeList(w.key("Action"), s.actions);
        // Trust policies name no resource.
        if (s.resources.size() == 1 && s.resources.front() == "*")
            w.member("Resource", "*");
        else if (!s.resources.empty())
            writeList(w.key("Resource"), s.resources);
        if (!s.conditions.empty()) {
            // Conditions come grouped by operator, in the order each operator first appears.
            w.key("Condition").beginObject();
            std::vector<bool> written(s.conditions.size(), false);
            for (std::size_t i = 0; i < s.conditions.size(); ++i) {
                if (written[i])
                    continue;
                w.key(s.conditions[i].op).beginObject();
                for (std::size_t j = i; j < s.conditions.size(); ++j) {
                    if (written[j] || s.conditions[j].op != s.conditions[i].op)
                        continue;
                    // A key given twice under one operator is written once, with its last values.
                    const Condition *last = &s.conditions[j];
                    for (std::size_t k = j; k < s.conditions.size(); ++k) {
                        if (s.conditions[k].op == last->op && s.conditions[k].key == last->key) {
                            written[k] = true;
                            last = &s.conditions[k];
                        }
                    }
                    const Condition &c = *last;
                    // Keys of the encryption context stay lists, as in AWS's examples.
                    if (c.key.rfind("kms:EncryptionContext:", 0) == 0)
                        writeList(w.key(c.key), c.values);
                    else
                        writeListOrScalar(w.key(c.key), c.values);
                }
                w.endObject();
            }
            w.endObject();
        }
        w.endObject();
    }
    w.endArray().endObject();
    return w.text();
}

std::vector<StatementNote> policyNotes(const std::vector<Statement> &statements)
{
    std::vector<StatementNote> notes;
    notes.reserve(statements.size());
    for (const Statement &s : statements)
        notes.push_back({s.sid, std::vector<std::string>(s.elements.begin(), s.elements.end()),
                         std::string(s.why), s.docUrl});
    return notes;
}

std::string escapeArnLiteral(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '*':
            out += "${*}";
            break;
        case '?':
            out += "${?}";
            break;
        case '$':
            out += "${$}";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string sidWord(std::string_view text)
{
    std::string out;
    bool upper = true;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 128) {
            out += upper ? char(std::toupper(u)) : c;
            upper = false;
        } else {
            upper = true;
        }
    }
    return out;
}

} // namespace s3rd::model::policy
