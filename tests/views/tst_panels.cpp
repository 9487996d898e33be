// The panels against the model: edits through the properties panel go through undo commands and
// change the generated policies and the findings; the checklist selects and fixes; the policies
// panel groups artifacts and lights up the elements behind a statement; the simulator reports
// the outcome and lights the failing step.

#include "checklistpanel.h"
#include "commands.h"
#include "core/designfile.h"
#include "jsonhighlighter.h"
#include "policiespanel.h"
#include "propertiespanel.h"
#include "selection.h"
#include "simulatorpanel.h"
#include "testpaths.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QPointer>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>
#include <set>

using namespace s3rd;
using namespace s3rd::model;
using document::Document;
using views::Highlight;
using views::Selection;

namespace {

using s3rd::test::loadExample;

const char *kExample = "cross-account-sse-kms.s3rd.json";

std::string allText(const Document &doc)
{
    std::string text;
    for (const Artifact &a : doc.artifacts())
        text += a.path + '\n' + a.text;
    return text;
}

bool hasFinding(const Document &doc, const QString &rule, const QString &element = {})
{
    for (const Finding &f : doc.report().findings) {
        if (f.rule != rule.toStdString())
            continue;
        if (element.isEmpty()
            || std::find(f.elements.begin(), f.elements.end(), element.toStdString())
                   != f.elements.end())
            return true;
    }
    return false;
}

void setVersioning(Document &doc, QUndoStack &undo, const std::string &bucketId, Versioning v)
{
    for (const Bucket &b : doc.design().buckets) {
        if (b.id == bucketId) {
            Bucket after = b;
            after.versioning = v;
            undo.push(new document::UpdateElementCommand(doc, after, QStringLiteral("versioning")));
            return;
        }
    }
    QFAIL("no such bucket");
}

QModelIndex findingRow(QTreeView *list, const QString &rule)
{
    const QAbstractItemModel *model = list->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, 0).data(views::ChecklistPanel::RuleRole).toString() == rule)
            return model->index(r, 0);
    }
    return {};
}

} // namespace

class TestPanels : public QObject
{
    Q_OBJECT

private slots:
    void propertyEdit_data();
    void propertyEdit();
    void typingMergesIntoOneUndoStep();
    void multiSelectionShowsSummary();
    void findingRowsFollowARename();
    void clickingFindingSelectsItsElements();
    void fixButtonRemovesFinding();
    void severityFilterHidesFindings();
    void preflightTicksNothingForAnEmptyDesign();
    void policiesGroupedByAccount_data();
    void policiesGroupedByAccount();
    void selectingStatementHighlightsItsElements();
    void canvasSelectionListsItsStatements();
    void statementListFollowsEdits();
    void simulatorReplicatesThenFails();
    void simulatorRerunsWhenVisible();
    void simulatorOnEveryExample_data();
    void simulatorOnEveryExample();
    void jsonProblems_data();
    void jsonProblems();
    void panelsIgnoreAMoveButFollowAnEdit();
};

void TestPanels::propertyEdit_data()
{
    QTest::addColumn<QString>("element");
    QTest::addColumn<QString>("widget");
    QTest::addColumn<QString>("action"); // combo: select by item data; check: set; keys: type
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("rule");   // finding expected after the edit ("" for none)
    QTest::addColumn<bool>("jsonChanges");
    QTest::addColumn<QString>("errorLabel"); // validation label expected next to the field

    QTest::newRow("destination versioning off")
        << "b-dst" << "versioning" << "combo" << QString::number(int(Versioning::Unversioned))
        << "versioning-destination-off" << false << "";
    QTest::newRow("metrics off") << "rule-1" << "metrics" << "check" << "false" << "metrics-off"
                                 << true << "";
    QTest::newRow("replica key from the wrong region")
        << "rule-1" << "replicaKey" << "combo" << "k-src" << "kms-replica-key-region" << true
        << "replicaKeyError";
    QTest::newRow("bucket name invalid") << "b-src" << "name" << "keys" << "_X"
                                         << "bucket-name-invalid" << true << "nameError";
    QTest::newRow("rule ID typed") << "rule-1" << "ruleId" << "keys" << "-v2" << "" << true << "";
    QTest::newRow("account ID invalid") << "acct-backup" << "accountId" << "keys" << "9"
                                        << "account-id-invalid" << true << "accountIdError";
    QTest::newRow("key rotation off") << "k-dst" << "rotation" << "check" << "false"
                                      << "key-rotation-off" << false << "";
}

void TestPanels::propertyEdit()
{
    QFETCH(QString, element);
    QFETCH(QString, widget);
    QFETCH(QString, action);
    QFETCH(QString, value);
    QFETCH(QString, rule);
    QFETCH(bool, jsonChanges);
    QFETCH(QString, errorLabel);

    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PropertiesPanel panel({doc, undo, selection});
    selection.setSelected({element});
    panel.refresh();
    QCOMPARE(panel.shownElement(), element);

    const Design before = doc.design();
    const std::string textBefore = allText(doc);
    if (!rule.isEmpty())
        QVERIFY(!hasFinding(doc, rule, element));

    if (action == "combo") {
        auto *combo = panel.findChild<QComboBox *>(widget);
        QVERIFY(combo);
        const int index = combo->findData(value.toInt() || value == "0" ? QVariant(value.toInt())
                                                                        : QVariant(value));
        QVERIFY(index >= 0);
        combo->setCurrentIndex(index);
    } else if (action == "check") {
        auto *box = panel.findChild<QCheckBox *>(widget);
        QVERIFY(box);
        QVERIFY(box->isChecked() != (value == "true"));
        box->setChecked(value == "true");
    } else {
        auto *edit = panel.findChild<QLineEdit *>(widget);
        QVERIFY(edit);
        edit->end(false);
        QTest::keyClicks(edit, value);
    }

    QCOMPARE(undo.count(), 1);
    QVERIFY(doc.design() != before);
    if (jsonChanges)
        QVERIFY(allText(doc) != textBefore);
    if (!rule.isEmpty())
        QVERIFY2(hasFinding(doc, rule, element), qPrintable(rule));
    panel.refresh();
    if (!errorLabel.isEmpty()) {
        auto *label = panel.findChild<QLabel *>(errorLabel);
        QVERIFY(label);
        QVERIFY(!label->isHidden());
        QVERIFY(!label->text().isEmpty());
    }
    if (!rule.isEmpty()) // the finding is listed at the bottom of the panel too
        QVERIFY(panel.findChild<QWidget *>("finding:" + rule));

    undo.undo();
    QVERIFY(doc.design() == before);
    QCOMPARE(allText(doc), textBefore);
    if (!rule.isEmpty())
        QVERIFY(!hasFinding(doc, rule, element));
    panel.refresh();
    if (!errorLabel.isEmpty())
        QVERIFY(panel.findChild<QLabel *>(errorLabel)->isHidden());
}

void TestPanels::typingMergesIntoOneUndoStep()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PropertiesPanel panel({doc, undo, selection});
    selection.setSelected({"r-repl"});
    panel.refresh();
    auto *edit = panel.findChild<QLineEdit *>("name");
    QVERIFY(edit);
    edit->end(false);
    QTest::keyClicks(edit, "-eu");
    panel.refresh(); // a refresh in the middle of typing keeps the text and the cursor
    QTest::keyClicks(edit, "-2");
    QCOMPARE(undo.count(), 1);
    QCOMPARE(edit->text(), QStringLiteral("s3-replication-payments-eu-2"));
    QCOMPARE(doc.design().roles.front().name, std::string("s3-replication-payments-eu-2"));
    undo.undo();
    QCOMPARE(doc.design().roles.front().name, std::string("s3-replication-payments"));
    panel.refresh();
    QCOMPARE(edit->text(), QStringLiteral("s3-replication-payments"));
}

void TestPanels::multiSelectionShowsSummary()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PropertiesPanel panel({doc, undo, selection});
    selection.setSelected({"b-src", "b-dst", "rule-1"});
    panel.refresh();
    QVERIFY(panel.shownElement().isEmpty());
    QVERIFY(!panel.findChild<QComboBox *>("versioning"));
    QVERIFY(panel.findChild<QLabel *>("title")->text().contains(u'3'));
    selection.setSelected({"b-src"});
    panel.refresh();
    QCOMPARE(panel.shownElement(), QStringLiteral("b-src"));
    QVERIFY(panel.findChild<QComboBox *>("versioning"));
}

// The findings listed under a bucket name it: a rename shows the new name in the same rows.
void TestPanels::findingRowsFollowARename()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PropertiesPanel panel({doc, undo, selection});
    selection.setSelected({"b-dst"});
    panel.refresh();
    auto *findings = panel.findChild<QWidget *>("findings");
    QVERIFY(findings);
    const auto rowsOf = [&] {
        QList<QWidget *> rows;
        for (QWidget *w : findings->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
            if (w->objectName().startsWith("finding:"))
                rows << w;
        }
        return rows;
    };
    QList<QPointer<QWidget>> before;
    for (QWidget *row : rowsOf())
        before << row;
    QVERIFY(!before.isEmpty());
    Bucket b = *document::findElement<Bucket>(doc.design(), "b-dst");
    b.name = "renamed-" + b.name;
    undo.push(new document::UpdateElementCommand(doc, b, QStringLiteral("name")));
    panel.refresh();
    QCOMPARE(rowsOf().size(), before.size());
    bool shown = false;
    for (const QPointer<QWidget> &row : before) {
        QVERIFY(row); // the same rows, not new ones
        for (QLabel *label : row->findChildren<QLabel *>())
            shown = shown || label->text().contains(QString::fromStdString(b.name));
    }
    QVERIFY(shown);
}

void TestPanels::clickingFindingSelectsItsElements()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    setVersioning(doc, undo, "b-dst", Versioning::Unversioned);
    views::ChecklistPanel panel({doc, undo, selection});
    panel.resize(700, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.refresh();

    auto *list = panel.findChild<QTreeView *>("findingList");
    const QModelIndex item = findingRow(list, "versioning-destination-off");
    QVERIFY(item.isValid());
    QSignalSpy centre(&selection, &Selection::centreRequested);
    list->scrollTo(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(item).center());
    QVERIFY(selection.contains("b-dst"));
    QVERIFY(selection.contains("rule-1"));
    QVERIFY(centre.count() >= 1);
    QVERIFY(centre.last().at(0).toStringList().contains("b-dst"));
}

void TestPanels::fixButtonRemovesFinding()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    setVersioning(doc, undo, "b-dst", Versioning::Unversioned);
    views::ChecklistPanel panel({doc, undo, selection});
    panel.refresh();
    auto *list = panel.findChild<QTreeView *>("findingList");
    const QModelIndex item = findingRow(list, "versioning-destination-off");
    QVERIFY(item.isValid());
    list->setCurrentIndex(item);
    auto *fix = panel.findChild<QPushButton *>("fixButton");
    QVERIFY(fix && !fix->isHidden());
    std::string label;
    for (const Finding &f : doc.report().findings) {
        if (f.rule == "versioning-destination-off")
            label = f.fix->label;
    }
    const int steps = undo.count();
    QTest::mouseClick(fix, Qt::LeftButton);
    QCOMPARE(undo.count(), steps + 1);
    QCOMPARE(undo.text(undo.count() - 1), QString::fromStdString(label));
    QVERIFY(!hasFinding(doc, "versioning-destination-off"));
    panel.refresh();
    QVERIFY(!findingRow(list, "versioning-destination-off").isValid());
    undo.undo();
    panel.refresh();
    QVERIFY(findingRow(list, "versioning-destination-off").isValid());
}

void TestPanels::severityFilterHidesFindings()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    setVersioning(doc, undo, "b-dst", Versioning::Unversioned);
    views::ChecklistPanel panel({doc, undo, selection});
    auto *list = panel.findChild<QTreeView *>("findingList");
    QVERIFY(findingRow(list, "versioning-destination-off").isValid());
    auto *errors = panel.findChild<QAbstractButton *>("filter:error");
    QVERIFY(errors);
    QVERIFY(errors->text().startsWith(QString::number(doc.report().count(Severity::Error))));
    errors->click();
    QVERIFY(!findingRow(list, "versioning-destination-off").isValid());
    QVERIFY(findingRow(list, "metrics-off").isValid() == hasFinding(doc, "metrics-off"));
    errors->click();
    QVERIFY(findingRow(list, "versioning-destination-off").isValid());
}

// An empty design is ready for nothing: no pre-flight item is ticked and the panel says why; the
// first rule brings the ticks (and crosses) of a real check.
void TestPanels::preflightTicksNothingForAnEmptyDesign()
{
    Document doc;
    QUndoStack undo;
    Selection selection;
    views::ChecklistPanel panel({doc, undo, selection});
    panel.resize(400, 600);
    panel.show();
    auto *list = panel.findChild<QListWidget *>("preflightList");
    auto *note = panel.findChild<QLabel *>("preflightNote");
    QVERIFY(list && note);
    QVERIFY(list->count() > 0); // the items are listed, to say what will be checked
    for (int i = 0; i < list->count(); ++i) {
        QVERIFY2(!list->item(i)->data(Qt::UserRole).toBool(), qPrintable(list->item(i)->text()));
        QVERIFY2(!list->item(i)->text().contains(QStringLiteral("✔")),
                 qPrintable(list->item(i)->text()));
    }
    QVERIFY(note->isVisible());
    QVERIFY(note->text().contains(QStringLiteral("Nothing to check yet")));

    // With the example's rules the items are checked: ticked or crossed, none left open.
    undo.push(new document::ReplaceDesignCommand(doc, loadExample(kExample), QStringLiteral("open")));
    panel.refresh();
    QVERIFY(note->isHidden());
    int ticked = 0;
    for (int i = 0; i < list->count(); ++i) {
        const bool ok = list->item(i)->data(Qt::UserRole).toBool();
        ticked += ok ? 1 : 0;
        QCOMPARE(list->item(i)->text().startsWith(QStringLiteral("✔")), ok);
        QVERIFY(!list->item(i)->text().startsWith(QStringLiteral("○")));
    }
    QVERIFY(ticked > 0);
}

void TestPanels::policiesGroupedByAccount_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : s3rd::test::exampleNames())
        QTest::newRow(qPrintable(f)) << f;
}

void TestPanels::policiesGroupedByAccount()
{
    QFETCH(QString, file);
    Document doc(loadExample(file));
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    auto *tree = panel.findChild<QTreeView *>("artifactTree");
    QVERIFY(tree);
    const QAbstractItemModel *model = tree->model();
    std::set<QString> accounts;
    std::size_t listed = 0;
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        const QString account = group.data(Qt::UserRole + 2).toString();
        QVERIFY2(accounts.insert(account).second, "an account is listed twice");
        QVERIFY(model->rowCount(group) > 0);
        for (int r = 0; r < model->rowCount(group); ++r) {
            const QModelIndex a = model->index(r, 0, group);
            QCOMPARE(a.data(Qt::UserRole + 2).toString(), account);
            QVERIFY(!a.data(Qt::DisplayRole).toString().isEmpty());
            ++listed;
        }
    }
    QCOMPARE(listed, doc.artifacts().size());
    QVERIFY(!doc.artifacts().empty());
    // The first document is shown, highlighted JSON text exactly as generated.
    auto *text = panel.findChild<QPlainTextEdit *>("documentView");
    QCOMPARE(text->toPlainText().toStdString(), doc.artifacts().front().text);
}

void TestPanels::selectingStatementHighlightsItsElements()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    int checked = 0;
    for (const Artifact &a : doc.artifacts()) {
        if (a.notes.empty())
            continue;
        QVERIFY(panel.showArtifact(QString::fromStdString(a.path)));
        QCOMPARE(panel.currentPath(), QString::fromStdString(a.path));
        const auto &list = a.kind == ArtifactKind::ReplicationConfiguration ? a.document()["Rules"]
                                                                             : a.document()["Statement"];
        for (std::size_t i = 0; i < list.size(); ++i) {
            const char *idKey = a.kind == ArtifactKind::ReplicationConfiguration ? "ID" : "Sid";
            if (!list[i].contains(idKey))
                continue;
            const std::string sid = list[i][idKey];
            const auto note = std::find_if(a.notes.begin(), a.notes.end(),
                                           [&](const StatementNote &n) { return n.sid == sid; });
            if (note == a.notes.end() || note->elements.empty())
                continue;
            QVERIFY(panel.selectStatement(int(i)));
            const auto &h = selection.highlights();
            QCOMPARE(std::size_t(h.size()),
                     std::set<std::string>(note->elements.begin(), note->elements.end()).size());
            for (const std::string &e : note->elements)
                QCOMPARE(h.value(QString::fromStdString(e), Highlight::Fail), Highlight::Emphasis);
            QVERIFY(!panel.findChild<QLabel *>("annotation")->text().isEmpty());
            ++checked;
        }
    }
    QVERIFY(checked >= 3);

    // Moving the cursor out of every statement (to the first line) drops the emphasis.
    auto *text = panel.findChild<QPlainTextEdit *>("documentView");
    QTextCursor cursor = text->textCursor();
    cursor.setPosition(0);
    text->setTextCursor(cursor);
    QVERIFY(selection.highlights().isEmpty());
}

void TestPanels::canvasSelectionListsItsStatements()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    selection.setSelected({"k-dst"});
    panel.refresh();
    auto *list = panel.findChild<QTreeWidget *>("statementList");
    std::size_t expected = 0;
    for (const Artifact &a : doc.artifacts())
        for (const StatementNote &n : a.notes)
            expected += std::count(n.elements.begin(), n.elements.end(), "k-dst") > 0;
    QVERIFY(expected > 0);
    QCOMPARE(std::size_t(list->topLevelItemCount()), expected);
    // Picking one opens its document and emphasises its elements, the key among them.
    list->setCurrentItem(list->topLevelItem(0));
    QCOMPARE(panel.currentPath(), list->topLevelItem(0)->text(1));
    QCOMPARE(selection.highlights().value("k-dst", Highlight::Fail), Highlight::Emphasis);
}

// The statements a selected rule causes follow the edits of the design: the documents
// generated again are read again (the others are not).
void TestPanels::statementListFollowsEdits()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    selection.setSelected({"rule-1"});
    panel.refresh();
    auto *list = panel.findChild<QTreeWidget *>("statementList");
    const auto caused = [&] {
        std::size_t n = 0;
        for (const Artifact &a : doc.artifacts())
            for (const StatementNote &note : a.notes)
                n += std::count(note.elements.begin(), note.elements.end(), "rule-1") > 0;
        return n;
    };
    const std::size_t before = caused();
    QCOMPARE(std::size_t(list->topLevelItemCount()), before);
    ReplicationRule r = *document::findElement<ReplicationRule>(doc.design(), "rule-1");
    r.replicateKmsObjects = false; // no statement about the keys any more
    undo.push(new document::UpdateElementCommand(doc, r, QStringLiteral("replicateKms")));
    panel.refresh();
    QVERIFY(caused() < before);
    QCOMPARE(std::size_t(list->topLevelItemCount()), caused());
    undo.undo();
    panel.refresh();
    QCOMPARE(std::size_t(list->topLevelItemCount()), before);
}

void TestPanels::simulatorReplicatesThenFails()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::SimulatorPanel panel(doc, selection);
    QVERIFY(panel.setSourceBucket("b-src"));
    panel.run();
    const auto outcomeAt = [&](const char *dest) -> const DestinationResult * {
        for (const DestinationResult &d : panel.result().destinations)
            if (d.destination == dest)
                return &d;
        return nullptr;
    };
    QVERIFY(panel.result().problems.empty());
    QVERIFY(outcomeAt("b-dst"));
    QCOMPARE(outcomeAt("b-dst")->outcome, Outcome::Replicated);
    QVERIFY(!selection.highlights().isEmpty());
    QVERIFY(!selection.highlights().values().contains(Highlight::Fail));
    QCOMPARE(selection.highlights().value("b-dst"), Highlight::Pass);
    QVERIFY(panel.findChild<QTreeWidget *>("results")->topLevelItemCount() == 1);

    setVersioning(doc, undo, "b-dst", Versioning::Unversioned);
    panel.run();
    QVERIFY(outcomeAt("b-dst"));
    QCOMPARE(outcomeAt("b-dst")->outcome, Outcome::Failed);
    QCOMPARE(outcomeAt("b-dst")->reason, std::string("DstBucketUnversioned"));
    QVERIFY(selection.highlights().values().contains(Highlight::Fail));

    undo.undo();
    panel.run();
    QCOMPARE(outcomeAt("b-dst")->outcome, Outcome::Replicated);
}

void TestPanels::simulatorRerunsWhenVisible()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::SimulatorPanel panel(doc, selection);
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.setSourceBucket("b-src"));
    panel.run();
    QCOMPARE(panel.result().destinations.at(0).outcome, Outcome::Replicated);
    setVersioning(doc, undo, "b-dst", Versioning::Unversioned);
    QTRY_COMPARE(panel.result().destinations.at(0).outcome, Outcome::Failed);
    panel.hide(); // hidden, its highlights go
    QVERIFY(selection.highlights().isEmpty());
}

void TestPanels::simulatorOnEveryExample_data()
{
    policiesGroupedByAccount_data();
}

void TestPanels::simulatorOnEveryExample()
{
    QFETCH(QString, file);
    Document doc(loadExample(file));
    QUndoStack undo;
    Selection selection;
    views::SimulatorPanel panel(doc, selection);
    int destinations = 0;
    for (const ReplicationRule &r : doc.design().rules) {
        // An object the rule's filter selects.
        QVERIFY(panel.setSourceBucket(QString::fromStdString(r.source)));
        panel.findChild<QLineEdit *>("objectKey")->setText(QString::fromStdString(r.filterPrefix + "data/object.csv"));
        QStringList tags;
        for (const Tag &t : r.filterTags)
            tags << QString::fromStdString(t.key + '=' + t.value);
        panel.findChild<QLineEdit *>("tags")->setText(tags.join(", "));
        panel.run();
        QVERIFY(panel.result().problems.empty());
        for (const DestinationResult &d : panel.result().destinations) {
            if (!d.matched)
                continue;
            QVERIFY2(d.outcome == Outcome::Replicated, qPrintable(QString::fromStdString(d.reason)));
            ++destinations;
        }
    }
    QVERIFY(destinations > 0);
}

void TestPanels::jsonProblems_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("policy") << R"({"Version": "2012-10-17", "Statement": []})" << true << 0 << 0;
    QTest::newRow("trailing comma") << "{\n  \"a\": 1,\n}" << false << 3 << 1;
    QTest::newRow("unterminated string") << "{\n  \"a\": \"x\n}" << false << 2 << 10;
    QTest::newRow("array, not an object") << "[]" << false << 1 << 1;
    QTest::newRow("empty") << "" << false << 1 << 1;
}

void TestPanels::jsonProblems()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(int, line);
    QFETCH(int, column);
    const auto problem = views::checkJsonObject(text);
    QCOMPARE(!problem.has_value(), ok);
    if (!ok) {
        QCOMPARE(problem->line, line);
        QCOMPARE(problem->column, column);
        QVERIFY(!problem->message.isEmpty());
    }
}

void TestPanels::panelsIgnoreAMoveButFollowAnEdit()
{
    // Dragging a box on the canvas regenerates no policy, reruns no check or simulation and
    // rebuilds no panel; renaming it refreshes each panel once.
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    auto *properties = new views::PropertiesPanel({doc, undo, selection});
    auto *policies = new views::PoliciesPanel(doc, selection);
    auto *checklist = new views::ChecklistPanel({doc, undo, selection});
    auto *simulator = new views::SimulatorPanel(doc, selection);
    const QList<views::DesignPanel *> panels{properties, policies, checklist, simulator};
    for (views::DesignPanel *panel : panels)
        layout->addWidget(panel);
    window.resize(1400, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    selection.setSelected({QStringLiteral("b-src")});
    QVERIFY(simulator->setSourceBucket("b-src"));
    simulator->run();
    QCoreApplication::processEvents();
    QCOMPARE(properties->shownElement(), QStringLiteral("b-src"));

    QList<std::shared_ptr<QSignalSpy>> refreshes;
    for (views::DesignPanel *panel : panels)
        refreshes << std::make_shared<QSignalSpy>(panel, &views::DesignPanel::refreshed);
    const auto *nameEdit = properties->findChild<QLineEdit *>("name");
    QVERIFY(nameEdit);
    const Bucket *bucket = &doc.design().buckets.front();
    QCOMPARE(bucket->id, std::string("b-src"));

    for (int step = 1; step <= 10; ++step) {
        Bucket moved = *bucket;
        moved.geometry.x += step;
        undo.push(new document::MoveElementsCommand(doc, {moved}, 1));
        QCoreApplication::processEvents();
    }
    QTest::qWait(200); // longer than the simulator waits before an automatic re-run
    QCOMPARE(undo.count(), 1);
    for (int i = 0; i < panels.size(); ++i)
        QVERIFY2(refreshes[i]->isEmpty(), qPrintable(panels[i]->objectName()));
    QCOMPARE(properties->findChild<QLineEdit *>("name"), nameEdit); // the same form

    Bucket renamed = *bucket;
    renamed.name = "renamed-source-bucket";
    undo.push(new document::UpdateElementCommand(doc, renamed, QStringLiteral("name")));
    QCoreApplication::processEvents();
    for (int i = 0; i < panels.size(); ++i)
        QVERIFY2(refreshes[i]->count() == 1, qPrintable(panels[i]->objectName()));
    QCOMPARE(nameEdit->text(), QStringLiteral("renamed-source-bucket"));
    QVERIFY(allText(doc).find("renamed-source-bucket") != std::string::npos);
}

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
