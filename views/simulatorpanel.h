#pragma once

// The "Test an object" panel: a test object (source bucket, key, tags, how it was written,
// replica / delete marker / version delete) walked through the design by the simulator, with
// the outcome per destination and the trace of every check. The path lights up on the canvas:
// Pass on the elements of passing checks, Fail at the failing one.
//
// Contract: reads the Document, writes only Selection highlights. After a first run, it re-runs
// once per event-loop turn after every design change while it is visible; hidden, it drops its
// highlights.

#include "designpanel.h"

#include "simulator/simulator.h"

#include <QHash>
#include <QTimer>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QTreeWidget;

namespace s3rd::views {

class PopOut;

class SimulatorPanel : public DesignPanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatorPanel)

public:
    SimulatorPanel(document::Document &doc, Selection &selection, QWidget *parent = nullptr);

    // Runs the simulation with the current inputs and shows the result.
    void run();

    bool setSourceBucket(const QString &bucketId);
    const model::SimulationResult &result() const { return m_result; }
    // The test object the inputs describe; an error message in *problem for bad tags.
    model::TestObject testObject(QString *problem = nullptr) const;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    // Updates the input choices (and re-runs when due).
    void refreshContents() override;
    void refreshChoices(); // the bucket and key combo boxes
    void relabelChoices(); // the choices of renamed buckets and keys, in place
    void inputChanged();
    void showResult();
    void updateHighlights();
    void showStepDetails();
    // The rule a first run should match: the first enabled one from the chosen bucket, else
    // the first rule.
    const model::ReplicationRule *ruleToTest() const;
    // Fills the inputs with an object `rule` (or ruleToTest()) replicates: its source bucket,
    // a key under its prefix, its tags.
    void proposeObject(const model::ReplicationRule *rule);

    QTimer m_rerunTimer; // debounces automatic re-runs: compiling a big design's policies is slow

    QComboBox *m_bucket = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_tags = nullptr;
    QLabel *m_tagsError = nullptr;
    QComboBox *m_encryption = nullptr;
    QComboBox *m_kmsKey = nullptr;
    QComboBox *m_operation = nullptr;
    QCheckBox *m_replica = nullptr;
    QPushButton *m_run = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_results = nullptr;
    QLabel *m_details = nullptr;
    QToolButton *m_traceOut = nullptr;
    PopOut *m_tracePopOut = nullptr;

    std::unique_ptr<model::PolicySet> m_policies; // for the current design state
    model::SimulationResult m_result;
    bool m_hasRun = false;
    bool m_userEdited = false; // the user typed a key or tags: no more proposals
    bool m_choicesDirty = true; // a bucket or key changed: the choices need rebuilding
    QHash<QString, QString> m_choiceLabels; // element id -> its label in the choices, as built
    QStringList m_relabelled; // renamed buckets and keys whose choice keeps its place
    std::vector<std::string> m_ruleSources; // per rule, as the choices were built

};

} // namespace s3rd::views
