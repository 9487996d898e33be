#include "review/unifieddiff.h"

#include <algorithm>
#include <vector>

namespace s3rd::model::review {

namespace {

struct Lines
{
    std::vector<std::string_view> lines; // without their '\n'
    bool finalNewline = true;            // false: the last line has no '\n'
};

Lines splitLines(std::string_view text)
{
    Lines out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) {
            out.lines.push_back(text.substr(pos));
            out.finalNewline = false;
            break;
        }
        out.lines.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return out;
}

enum class Op : unsigned char
{
    Keep,
    Remove,
    Add
};

// Myers' greedy forward search with the frontier of every step kept, then a walk back.
// Returns false when the script needs more than kMaxEdits edits.
// Lines are equal when their text is and neither is a last line missing its newline but the
// other (diff -u shows that as a change).
bool sameLine(const Lines &a, std::size_t i, const Lines &b, std::size_t j)
{
    const bool aOpen = !a.finalNewline && i + 1 == a.lines.size();
    const bool bOpen = !b.finalNewline && j + 1 == b.lines.size();
    return aOpen == bOpen && a.lines[i] == b.lines[j];
}

bool myers(const Lines &a, std::size_t a0, std::size_t a1, const Lines &b, std::size_t b0,
           std::size_t b1, std::vector<Op> &script)
{
    const int n = int(a1 - a0);
    const int m = int(b1 - b0);
    const int max = int(std::min<std::size_t>(std::size_t(n + m), kMaxEdits));
    // v[k]: the furthest x on diagonal k; trace[d] keeps v[-d..d] as it was before step d.
    std::vector<int> v(std::size_t(2 * max + 3), 0);
    auto at = [&](std::vector<int> &frontier, int k) -> int & {
        return frontier[std::size_t(k + max + 1)];
    };
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.emplace_back(v.begin() + (max + 1 - d), v.begin() + (max + 2 + d));
        for (int k = -d; k <= d; k += 2) {
            // Down (an insertion) from diagonal k + 1, or right (a deletion) from k - 1.
            int x = (k == -d || (k != d && at(v, k - 1) < at(v, k + 1))) ? at(v, k + 1)
                                                                         : at(v, k - 1) + 1;
            int y = x - k;
            while (x < n && y < m && sameLine(a, a0 + std::size_t(x), b, b0 + std::size_t(y))) {
                ++x;
                ++y;
            }
            at(v, k) = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0)
        return false;
    std::vector<Op> reversed;
    int x = n;
    int y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int> &prev = trace[std::size_t(d)];
        auto before = [&](int k) { return prev[std::size_t(k + d)]; };
        const int k = x - y;
        const bool down = k == -d || (k != d && before(k - 1) < before(k + 1));
        const int prevK = down ? k + 1 : k - 1;
        const int prevX = before(prevK);
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            reversed.push_back(Op::Keep);
            --x;
            --y;
        }
        reversed.push_back(down ? Op::Add : Op::Remove);
        x = prevX;
        y = prevY;
    }
    while (x > 0 && y > 0) {
        reversed.push_back(Op::Keep);
        --x;
        --y;
    }
    script.insert(script.end(), reversed.rbegin(), reversed.rend());
    return true;
}

// Within each run of changes, removals first, then additions (what diff -u prints).
void groupChanges(std::vector<Op> &script)
{
    std::size_t i = 0;
    while (i < script.size()) {
        if (script[i] == Op::Keep) {
            ++i;
            continue;
        }
        std::size_t j = i;
        std::size_t removes = 0;
        while (j < script.size() && script[j] != Op::Keep) {
            removes += script[j] == Op::Remove;
            ++j;
        }
        std::fill(script.begin() + long(i), script.begin() + long(i + removes), Op::Remove);
        std::fill(script.begin() + long(i + removes), script.begin() + long(j), Op::Add);
        i = j;
    }
}

std::string range(std::size_t start, std::size_t count)
{
    // GNU diff: "l" for one line, "l,0" naming the line before an empty range.
    if (count == 1)
        return std::to_string(start + 1);
    return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

} // namespace

std::string unifiedDiff(std::string_view oldText, std::string_view newText,
                        std::string_view oldName, std::string_view newName, int context)
{
    if (oldText == newText)
        return {};
    const Lines a = splitLines(oldText);
    const Lines b = splitLines(newText);
    const std::size_t n = a.lines.size();
    const std::size_t m = b.lines.size();

    // The common head and tail; a last line differing only in its final newline is a change.
    std::size_t head = 0;
    while (head < n && head < m && sameLine(a, head, b, head))
        ++head;
    std::size_t tail = 0;
    while (tail < n - head && tail < m - head && sameLine(a, n - 1 - tail, b, m - 1 - tail))
        ++tail;

    std::vector<Op> script(head, Op::Keep);
    if (!myers(a, head, n - tail, b, head, m - tail, script)) {
        script.insert(script.end(), n - tail - head, Op::Remove);
        script.insert(script.end(), m - tail - head, Op::Add);
    }
    script.insert(script.end(), tail, Op::Keep);
    groupChanges(script);

    std::string out;
    out += "--- ";
    out += oldName;
    out += "\n+++ ";
    out += newName;
    out += "\n";

    // Positions in a and b before each script entry.
    std::vector<std::size_t> ai(script.size() + 1), bi(script.size() + 1);
    for (std::size_t i = 0; i < script.size(); ++i) {
        ai[i + 1] = ai[i] + (script[i] != Op::Add);
        bi[i + 1] = bi[i] + (script[i] != Op::Remove);
    }
    const std::size_t ctx = std::size_t(std::max(context, 0));
    auto emit = [&](char mark, std::string_view line, bool last, bool finalNewline) {
        out += mark;
        out += line;
        out += '\n';
        if (last && !finalNewline)
            out += "\\ No newline at end of file\n";
    };
    std::size_t i = 0;
    while (i < script.size()) {
        if (script[i] == Op::Keep) {
            ++i;
            continue;
        }
        // A hunk: from ctx lines before this change to ctx lines after the last change that is
        // at most 2 * ctx unchanged lines from the next.
        const std::size_t start = i - std::min(i, ctx);
        std::size_t end = i;
        while (true) {
            while (end < script.size() && script[end] != Op::Keep)
                ++end;
            std::size_t next = end;
            while (next < script.size() && script[next] == Op::Keep)
                ++next;
            if (next < script.size() && next - end <= 2 * ctx) {
                end = next;
                continue;
            }
            end = std::min(end + ctx, script.size());
            break;
        }
        out += "@@ -" + range(ai[start], ai[end] - ai[start]) + " +" +
               range(bi[start], bi[end] - bi[start]) + " @@\n";
        for (std::size_t j = start; j < end; ++j) {
            switch (script[j]) {
            case Op::Keep:
                emit(' ', a.lines[ai[j]], ai[j] + 1 == n, a.finalNewline);
                break;
            case Op::Remove:
                emit('-', a.lines[ai[j]], ai[j] + 1 == n, a.finalNewline);
                break;
            case Op::Add:
                emit('+', b.lines[bi[j]], bi[j] + 1 == m, b.finalNewline);
                break;
            }
        }
        i = end;
    }
    return out;
}

} // namespace s3rd::model::review
