// A learner's progress through one lab, and what differs from its solution.

#include "labprogress.h"

#include "core/elements.h"

#include <QSettings>

#include <algorithm>
#include <type_traits>
#include <utility>

namespace s3rd::document {

namespace {

using model::labs::GoalResult;

QString key(const QString &labId, const char *field)
{
    return QStringLiteral("labs/%1/%2").arg(labId, QLatin1String(field));
}

// The name a user knows an element by: a bucket's name, a key's alias, a rule's ID…
QString labelOf(const model::Element &element)
{
    return std::visit(
        [](const auto &e) -> QString {
            using T = std::decay_t<decltype(e)>;
            std::string name;
            QString what;
            if constexpr (std::is_same_v<T, model::Account>) {
                name = e.name.empty() ? e.accountId : e.name;
                what = QStringLiteral("account");
            } else if constexpr (std::is_same_v<T, model::Bucket>) {
                name = e.name;
                what = QStringLiteral("bucket");
            } else if constexpr (std::is_same_v<T, model::KmsKey>) {
                name = e.alias;
                what = QStringLiteral("key");
            } else if constexpr (std::is_same_v<T, model::Role>) {
                name = e.name;
                what = QStringLiteral("role");
            } else {
                name = e.ruleId;
                what = QStringLiteral("rule");
            }
            return what + QLatin1Char(' ') + QString::fromStdString(name.empty() ? e.id : name);
        },
        element);
}

} // namespace

LabRecord labRecord(const QString &labId)
{
    QSettings s;
    LabRecord r;
    r.started = s.value(key(labId, "started")).toDateTime();
    r.hintsUsed =
        std::clamp(s.value(key(labId, "hints"), 0).toInt(), 0, int(model::labs::kHintCount));
    r.done = s.value(key(labId, "done"), false).toBool();
    r.seconds = s.value(key(labId, "seconds"), 0).toLongLong();
    r.solutionShown = s.value(key(labId, "solutionShown"), false).toBool();
    return r;
}

void forgetLab(const QString &labId)
{
    QSettings().remove(QStringLiteral("labs/") + labId);
}

std::vector<SolutionDifference> solutionDifferences(const model::Design &learner,
                                                    const model::labs::Lab &lab)
{
    std::vector<SolutionDifference> out;
    for (const model::review::ElementChange &c :
         model::review::elementChanges(learner, lab.solution)) {
        SolutionDifference d;
        d.kind = c.kind;
        d.id = QString::fromStdString(c.id);
        d.change = c.change;
        for (const model::review::FieldChange &f : c.fields) {
            // Where a box sits is the learner's business, not part of the answer.
            if (f.field != "geometry")
                d.fields << QString::fromStdString(f.field);
        }
        if (c.change == model::review::Change::Changed && d.fields.isEmpty())
            continue;
        const model::Design &holder =
            c.change == model::review::Change::Added ? lab.solution : learner;
        if (const std::optional<model::Element> e = model::findElement(holder, c.kind, c.id))
            d.label = labelOf(*e);
        else
            d.label = d.id;
        out.push_back(std::move(d));
    }
    return out;
}

LabProgress::LabProgress(model::labs::Lab lab, Clock clock)
    : m_lab(std::move(lab)), m_clock(std::move(clock)), m_record(labRecord(id()))
{
    if (!m_record.started.isValid()) {
        m_record.started = m_clock();
        save();
    }
}

bool LabProgress::update(const model::Design &design)
{
    std::vector<GoalResult> results = model::labs::grade(m_lab, design);
    const bool changed = results.size() != m_results.size() ||
                         !std::equal(results.begin(), results.end(), m_results.begin(),
                                     [](const GoalResult &a, const GoalResult &b) {
                                         return a.met == b.met && a.reason == b.reason;
                                     });
    m_results = std::move(results);
    if (allMet() && !m_record.done) {
        m_record.done = true;
        m_record.seconds = std::max<qint64>(0, m_record.started.secsTo(m_clock()));
        save();
    }
    return changed;
}

int LabProgress::goalsMet() const
{
    return int(std::count_if(m_results.begin(), m_results.end(),
                             [](const GoalResult &r) { return r.met; }));
}

bool LabProgress::allMet() const
{
    return !m_results.empty() && goalsMet() == int(m_results.size());
}

bool LabProgress::hasNextHint() const
{
    return m_record.hintsUsed < int(m_lab.hints.size());
}

QString LabProgress::revealNextHint()
{
    if (!hasNextHint())
        return {};
    const QString hint = QString::fromStdString(m_lab.hints[std::size_t(m_record.hintsUsed)]);
    ++m_record.hintsUsed;
    save();
    return hint;
}

QStringList LabProgress::revealedHints() const
{
    QStringList hints;
    for (int i = 0; i < m_record.hintsUsed && i < int(m_lab.hints.size()); ++i)
        hints << QString::fromStdString(m_lab.hints[std::size_t(i)]);
    return hints;
}

void LabProgress::markSolutionShown()
{
    if (std::exchange(m_record.solutionShown, true))
        return;
    save();
}

qint64 LabProgress::elapsedSeconds() const
{
    if (m_record.done)
        return m_record.seconds;
    return std::max<qint64>(0, m_record.started.secsTo(m_clock()));
}

QString LabProgress::completionText() const
{
    if (!m_record.done)
        return {};
    // Whole minutes, rounded up: a lab done in 20 seconds took "1 min", not "0 min".
    const qint64 minutes = std::max<qint64>(1, (m_record.seconds + 59) / 60);
    QString text =
        QStringLiteral("Lab complete in %1 min, %2 %3 used")
            .arg(minutes)
            .arg(m_record.hintsUsed)
            .arg(m_record.hintsUsed == 1 ? QStringLiteral("hint") : QStringLiteral("hints"));
    if (m_record.solutionShown)
        text += QStringLiteral(", solution shown");
    return text;
}

void LabProgress::save() const
{
    QSettings s;
    s.setValue(key(id(), "started"), m_record.started);
    s.setValue(key(id(), "hints"), m_record.hintsUsed);
    s.setValue(key(id(), "done"), m_record.done);
    s.setValue(key(id(), "seconds"), m_record.seconds);
    s.setValue(key(id(), "solutionShown"), m_record.solutionShown);
}

} // namespace s3rd::document
