#pragma once

// A learner's run through one lab in the designer: which goals the design meets, which hints
// were revealed, how long it has taken, and whether it is complete; remembered per user.
//
// Contract: no widgets. update() grades a design (a pure function of the lab and the design,
// model/labs/goals.h) and, the first time every goal is met, records the completion. Progress is
// kept in QSettings under "labs/<id>/" (started, hints, done, seconds), so leaving the lab and
// coming back later resumes the clock and the hints; a completed lab keeps its first time.

#include "labs/goals.h"
#include "labs/lab.h"
#include "review/designdiff.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace s3rd::document {

// What is remembered of a lab for this user.
struct LabRecord
{
    QDateTime started;  // invalid when never started
    int hintsUsed = 0;  // hints revealed, 0 to kHintCount
    bool done = false;  // every goal was met once
    qint64 seconds = 0; // from the start to the completion, when done
    bool solutionShown = false;
};
LabRecord labRecord(const QString &labId);
// Forgets a lab's progress (for a fresh start).
void forgetLab(const QString &labId);

// One element where the learner's design and the solution differ, geometry left out.
struct SolutionDifference
{
    model::ElementKind kind = model::ElementKind::Bucket;
    QString id;
    model::review::Change change = model::review::Change::Changed; // Added: only in the solution
    QString label;      // the element's name as the user knows it ("acme-logs", "rule copy-logs")
    QStringList fields; // the fields that differ, as the design file names them
};
std::vector<SolutionDifference> solutionDifferences(const model::Design &learner,
                                                    const model::labs::Lab &lab);

class LabProgress
{
public:
    using Clock = std::function<QDateTime()>;
    // Starts or resumes the lab: the start time is the remembered one, or now.
    explicit LabProgress(model::labs::Lab lab, Clock clock = &QDateTime::currentDateTimeUtc);

    const model::labs::Lab &lab() const { return m_lab; }
    QString id() const { return QString::fromStdString(m_lab.id); }

    // Grades the design; true when a goal's result or reason changed. Records the completion
    // the first time every goal is met.
    bool update(const model::Design &design);
    const std::vector<model::labs::GoalResult> &results() const { return m_results; }
    int goalsMet() const;
    bool allMet() const;

    // Hints, revealed in order.
    int hintsUsed() const { return m_record.hintsUsed; }
    bool hasNextHint() const;
    // Reveals the next hint and returns it; empty when all were revealed.
    QString revealNextHint();
    QStringList revealedHints() const;

    void markSolutionShown();

    // Time since the start (or the recorded time, once complete).
    qint64 elapsedSeconds() const;
    bool completed() const { return m_record.done; }
    // "Lab complete in 12 min, 1 hint used" once complete; empty before.
    QString completionText() const;
    const LabRecord &record() const { return m_record; }

private:
    void save() const;

    model::labs::Lab m_lab;
    Clock m_clock;
    LabRecord m_record;
    std::vector<model::labs::GoalResult> m_results;
};

} // namespace s3rd::document
