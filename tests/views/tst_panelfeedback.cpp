// What the panels show a user around an edit: the documents and lines an edit changed (and the
// reverse after undo), the findings that appeared or went; finding text in a document with the
// find bar; the document and the simulator's trace in windows of their own; and a first
// simulator run that matches a rule on every example.

#include "artifacttreemodel.h"
#include "checklistpanel.h"
#include "commands.h"
#include "findbar.h"
#include "policiespanel.h"
#include "popout.h"
#include "selection.h"
#include "simulatorpanel.h"
#include "testpaths.h"
#include "textdiff.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

using namespace s3rd;
using namespace s3rd::model;
using document::Document;
using views::Selection;
using s3rd::test::loadExample;

namespace {

const char *kExample = "cross-account-sse-kms.s3rd.json";

// Sets the replica key of rule-1 to `keyId` (an undoable property edit).
void setReplicaKey(Document &doc, QUndoStack &undo, const std::string &keyId)
{
    ReplicationRule after = doc.design().rules.front();
    after.replicaKey = keyId;
    undo.push(new document::UpdateElementCommand(doc, after, QStringLiteral("replicaKey")));
}

QString replicationPath(const Document &doc)
{
    for (const Artifact &a : doc.artifacts()) {
        if (a.kind == ArtifactKind::ReplicationConfiguration)
            return QString::fromStdString(a.path);
    }
    return {};
}

bool treeMarksChanged(QTreeView *tree, const QString &path)
{
    auto *model = static_cast<views::ArtifactTreeModel *>(tree->model());
    return model->indexOfPath(path).data(views::ChangedRole).toBool();
}

// The policies panel shown on the example, its replication configuration open.
struct ShownPolicies
{
    Document doc{loadExample(kExample)};
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel{doc, selection};
    QPlainTextEdit *text = panel.findChild<QPlainTextEdit *>("documentView");

    bool show(const QSize &size)
    {
        panel.resize(size);
        panel.show();
        return QTest::qWaitForWindowExposed(&panel) && panel.showArtifact(replicationPath(doc));
    }
};

} // namespace

class TestPanelFeedback : public QObject
{
    Q_OBJECT

private slots:
    void editMarksChangedDocumentsAndLines();
    void undoMarksTheReverse();
    void marksFadeAfterAFewSeconds();
    void openingADesignMarksNothing();
    void checklistFlashesAppearedAndGoneFindings();
    void renameChangesFindingsInPlace();
    void findBarFindsCountsAndCloses();
    void documentPopsOutAndComesBack();
    void documentWrapsOrScrolls();
    void firstRunMatchesARuleOnEveryExample_data();
    void firstRunMatchesARuleOnEveryExample();
    void selectingAnArrowProposesItsObject();
    void choicesFollowRenamesNotSettings();
    void renamedDocumentStaysShown();
    void typedKeyIsKept();
    void traceOpensInItsOwnWindow();
    void changesLieBetweenTheSharedEnds_data();
    void changesLieBetweenTheSharedEnds();
};

void TestPanelFeedback::editMarksChangedDocumentsAndLines()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    const QString path = replicationPath(doc);
    QVERIFY(panel.showArtifact(path));
    QVERIFY(panel.changedPaths().isEmpty());
    auto *text = panel.findChild<QPlainTextEdit *>("documentView");
    const QString before = text->toPlainText();
    QVERIFY(!before.contains("k-src") && before.contains("ReplicaKmsKeyID"));

    setReplicaKey(doc, undo, "k-src"); // the source key, in another region: the ARN changes
    panel.refresh();
    QVERIFY(panel.changedPaths().contains(path));
    QVERIFY(treeMarksChanged(panel.findChild<QTreeView *>("artifactTree"), path));
    // Only the documents generated again can be marked, and only those whose text changed.
    QVERIFY(panel.changedPaths().size() < int(doc.artifacts().size()));
    const QString marks = panel.lineMarks();
    QCOMPARE(marks.count('+'), 1);
    QCOMPARE(marks.count('-'), 1);
    // The removed line is shown (struck through) just before the line that replaced it.
    const QStringList lines = text->toPlainText().split('\n');
    const int removed = int(marks.indexOf('-'));
    QVERIFY(lines.at(removed).contains("ReplicaKmsKeyID"));
    QCOMPARE(marks.at(removed + 1), QChar('+'));
    QVERIFY(lines.at(removed + 1).contains("ReplicaKmsKeyID"));
    QVERIFY(lines.at(removed) != lines.at(removed + 1));
    bool struck = false;
    for (const QTextEdit::ExtraSelection &s : text->extraSelections())
        struck = struck || (s.format.fontStrikeOut() && s.cursor.block().blockNumber() == removed);
    QVERIFY(struck);
    // Copying takes the document as generated, without the removed line.
    panel.findChild<QPushButton *>("copyButton")->click();
    const QString copied = QApplication::clipboard()->text();
    QVERIFY(copied.contains("k-src") || copied.contains(lines.at(removed + 1).trimmed()));
    QVERIFY(!copied.contains(lines.at(removed).trimmed()));
}

void TestPanelFeedback::undoMarksTheReverse()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    const QString path = replicationPath(doc);
    QVERIFY(panel.showArtifact(path));
    auto *text = panel.findChild<QPlainTextEdit *>("documentView");
    const QString original = text->toPlainText();
    setReplicaKey(doc, undo, "k-src");
    panel.refresh();
    const QStringList editLines = text->toPlainText().split('\n');
    const QString editMarks = panel.lineMarks();
    const QString added = editLines.at(editMarks.indexOf('+'));
    const QString removed = editLines.at(editMarks.indexOf('-'));

    undo.undo();
    panel.refresh();
    QVERIFY(panel.changedPaths().contains(path));
    const QStringList undoLines = text->toPlainText().split('\n');
    const QString undoMarks = panel.lineMarks();
    QCOMPARE(undoLines.at(undoMarks.indexOf('+')), removed);
    QCOMPARE(undoLines.at(undoMarks.indexOf('-')), added);
    Q_UNUSED(original);
}

void TestPanelFeedback::marksFadeAfterAFewSeconds()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    const QString path = replicationPath(doc);
    QVERIFY(panel.showArtifact(path));
    auto *text = panel.findChild<QPlainTextEdit *>("documentView");
    setReplicaKey(doc, undo, "k-src");
    panel.refresh();
    QVERIFY(!panel.changedPaths().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(panel.changedPaths().isEmpty(),
                             views::PoliciesPanel::kChangeMarkMs + 2000);
    QVERIFY(!treeMarksChanged(panel.findChild<QTreeView *>("artifactTree"), path));
    QVERIFY(!panel.lineMarks().contains('-'));
    // Back to the document as generated: no removed line left in it.
    QCOMPARE(text->toPlainText(), QString::fromStdString([&] {
                 for (const Artifact &a : doc.artifacts())
                     if (a.path == path.toStdString())
                         return a.text;
                 return std::string();
             }()));
}

void TestPanelFeedback::openingADesignMarksNothing()
{
    Document doc; // the empty design a window starts with
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    doc.resetDesign(loadExample(kExample)); // what opening a file does
    panel.refresh();
    QVERIFY(panel.changedPaths().isEmpty());
    doc.resetDesign(loadExample("fan-out-two-regions.s3rd.json"));
    panel.refresh();
    QVERIFY(panel.changedPaths().isEmpty());
    QVERIFY(!panel.lineMarks().contains('+'));
}

void TestPanelFeedback::checklistFlashesAppearedAndGoneFindings()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::ChecklistPanel panel({doc, undo, selection});
    Bucket dst = *document::findElement<Bucket>(doc.design(), "b-dst");
    dst.versioning = Versioning::Unversioned;
    undo.push(new document::UpdateElementCommand(doc, dst, QStringLiteral("versioning")));
    panel.refresh();
    QTreeView *list = panel.findingList();
    int appeared = 0;
    QString appearedRule;
    for (int r = 0; r < list->model()->rowCount(); ++r) {
        if (list->model()->index(r, 0).data(views::ChecklistPanel::FindingAppearedRole).toBool()) {
            ++appeared;
            appearedRule = list->model()->index(r, 0).data(views::ChecklistPanel::RuleRole).toString();
        }
    }
    QVERIFY(appeared >= 1);
    QVERIFY(list->model()->index(0, 0).data(Qt::BackgroundRole).isValid()
            || appeared < list->model()->rowCount());
    QVERIFY(panel.goneFindings().isEmpty());

    undo.undo(); // the reverse: the finding goes, struck through
    panel.refresh();
    const QStringList gone = panel.goneFindings();
    QCOMPARE(gone.size(), 1);
    QVERIFY(gone.front().contains("<s>"));
    for (int r = 0; r < list->model()->rowCount(); ++r)
        QVERIFY(list->model()->index(r, 0).data(views::ChecklistPanel::RuleRole).toString() != appearedRule);
}

// A rename changes the texts of the findings that name the bucket, not the list: as many rows,
// the current one kept, the renamed findings tinted and their old texts listed as gone.
void TestPanelFeedback::renameChangesFindingsInPlace()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::ChecklistPanel panel({doc, undo, selection});
    QTreeView *list = panel.findingList();
    QAbstractItemModel *model = list->model();
    const int rows = model->rowCount();
    QVERIFY(rows > 2);
    list->setCurrentIndex(model->index(rows - 1, 0));
    const QString currentRule = list->currentIndex().data(views::ChecklistPanel::RuleRole).toString();
    Bucket dst = *document::findElement<Bucket>(doc.design(), "b-dst");
    const QString oldName = QString::fromStdString(dst.name);
    dst.name = "renamed-" + dst.name;
    undo.push(new document::UpdateElementCommand(doc, dst, QStringLiteral("name")));
    panel.refresh();
    QCOMPARE(model->rowCount(), rows);
    int renamed = 0;
    for (int r = 0; r < rows; ++r) {
        const QModelIndex i = model->index(r, 0);
        const bool names = i.data().toString().contains(QStringLiteral("renamed-"));
        renamed += names;
        QCOMPARE(i.data(views::ChecklistPanel::FindingAppearedRole).toBool(), names);
    }
    QVERIFY(renamed >= 1);
    const QStringList gone = panel.goneFindings();
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone.front().count(QStringLiteral("<s>")), renamed);
    QVERIFY(gone.front().contains(oldName));
    QCOMPARE(list->currentIndex().row(), rows - 1);
    QCOMPARE(list->currentIndex().data(views::ChecklistPanel::RuleRole).toString(), currentRule);
}

void TestPanelFeedback::findBarFindsCountsAndCloses()
{
    ShownPolicies shown;
    QVERIFY(shown.show(QSize(600, 800)));
    views::PoliciesPanel &panel = shown.panel;
    QPlainTextEdit *text = shown.text;
    text->setFocus();
    auto *bar = panel.findBar();
    QVERIFY(!bar->isVisible());
    QTest::keySequence(text, QKeySequence::Find);
    QTRY_VERIFY(bar->isVisible());
    auto *field = bar->findChild<QLineEdit *>("findField");
    QTRY_VERIFY(field->hasFocus());
    QTest::keyClicks(field, "status");
    const int count = bar->matchCount();
    QVERIFY(count >= 2);
    QCOMPARE(text->textCursor().selectedText().toLower(), QStringLiteral("status"));
    QCOMPARE(bar->statusText(), QStringLiteral("1 of %1").arg(count));
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(bar->statusText(), QStringLiteral("2 of %1").arg(count));
    QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(bar->statusText(), QStringLiteral("1 of %1").arg(count));
    QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier); // wraps to the last
    QCOMPARE(bar->statusText(), QStringLiteral("%1 of %1").arg(count));
    field->clear();
    QTest::keyClicks(field, "no-such-text-anywhere");
    QCOMPARE(bar->statusText(), QStringLiteral("No match"));
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    QTRY_VERIFY(text->hasFocus());
}

void TestPanelFeedback::documentPopsOutAndComesBack()
{
    ShownPolicies shown;
    QVERIFY(shown.show(QSize(400, 700)));
    views::PoliciesPanel &panel = shown.panel;
    QPlainTextEdit *text = shown.text;
    auto *button = panel.findChild<QToolButton *>("popOutButton");
    button->click();
    QVERIFY(panel.popOut()->isPoppedOut());
    QWidget *window = panel.popOut()->window();
    QVERIFY(window && window->isVisible());
    QVERIFY(window->isAncestorOf(text));
    QVERIFY(window->width() > panel.width() / 2);
    QVERIFY(window->windowTitle().contains(panel.currentPath()));
    // The text follows edits in its window, and Ctrl+F works there too.
    QVERIFY(!text->toPlainText().isEmpty());
    window->close(); // closing the window brings the document back
    QVERIFY(!panel.popOut()->isPoppedOut());
    QVERIFY(panel.isAncestorOf(text));
    QVERIFY(!button->isChecked());
}

void TestPanelFeedback::documentWrapsOrScrolls()
{
    ShownPolicies shown;
    QVERIFY(shown.show(QSize(360, 700)));
    views::PoliciesPanel &panel = shown.panel;
    QPlainTextEdit *text = shown.text;
    // Wrapped by default: a narrow dock shows long ARNs whole, with no sideways scrolling.
    QCOMPARE(text->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    QTRY_COMPARE(text->horizontalScrollBar()->maximum(), 0);
    panel.findChild<QToolButton *>("wrapButton")->click();
    QCOMPARE(text->lineWrapMode(), QPlainTextEdit::NoWrap);
    QTRY_VERIFY(text->horizontalScrollBar()->maximum() > 0);
}

void TestPanelFeedback::firstRunMatchesARuleOnEveryExample_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : QDir(s3rd::test::examplesDir()).entryList({"*.s3rd.json"}))
        QTest::newRow(qPrintable(f)) << f;
}

void TestPanelFeedback::firstRunMatchesARuleOnEveryExample()
{
    QFETCH(QString, file);
    Document doc(loadExample(file));
    QUndoStack undo;
    Selection selection;
    views::SimulatorPanel panel(doc, selection);
    // Nothing typed, nothing chosen: Run as a new user would.
    panel.findChild<QPushButton *>("runButton")->click();
    QVERIFY(panel.result().problems.empty());
    int matched = 0;
    for (const DestinationResult &d : panel.result().destinations)
        matched += d.matched ? 1 : 0;
    QVERIFY2(matched > 0, qPrintable(panel.findChild<QLineEdit *>("objectKey")->text()));
}

void TestPanelFeedback::selectingAnArrowProposesItsObject()
{
    Document doc(loadExample("fan-out-two-regions.s3rd.json"));
    QUndoStack undo;
    Selection selection;
    views::SimulatorPanel panel(doc, selection);
    for (const ReplicationRule &r : doc.design().rules) {
        selection.setSelected({QString::fromStdString(r.id)});
        QCOMPARE(panel.findChild<QComboBox *>("sourceBucket")->currentData().toString(),
                 QString::fromStdString(r.source));
        const QString key = panel.findChild<QLineEdit *>("objectKey")->text();
        QVERIFY(key.startsWith(QString::fromStdString(r.filterPrefix)));
        for (const Tag &t : r.filterTags)
            QVERIFY(panel.findChild<QLineEdit *>("tags")->text().contains(
                QString::fromStdString(t.key + '=' + t.value)));
        panel.run();
        bool matched = false;
        for (const DestinationResult &d : panel.result().destinations)
            matched = matched || (d.matched && d.destination == r.destination);
        QVERIFY2(matched, r.id.c_str());
    }
}

// The bucket and key choices list names and Regions: a rename shows at once, a setting changes
// nothing there, and the chosen bucket stays chosen through both.
void TestPanelFeedback::choicesFollowRenamesNotSettings()
{
    Document doc(loadExample("cross-account-sse-kms.s3rd.json"));
    QUndoStack undo;
    Selection selection;
    views::SimulatorPanel panel(doc, selection);
    auto *buckets = panel.findChild<QComboBox *>("sourceBucket");
    auto *keys = panel.findChild<QComboBox *>("kmsKey");
    QVERIFY(buckets && keys);
    const QString chosen = buckets->currentData().toString();
    Bucket b = *document::findElement<Bucket>(doc.design(), chosen.toStdString());
    const auto textOf = [](QComboBox *box, const std::string &id) {
        return box->itemText(box->findData(QString::fromStdString(id)));
    };
    const QString before = textOf(buckets, b.id);

    b.versioning = Versioning::Suspended;
    undo.push(new document::UpdateElementCommand(doc, b, QStringLiteral("versioning")));
    panel.refresh();
    QCOMPARE(textOf(buckets, b.id), before);

    b.name = "renamed-" + b.name;
    undo.push(new document::UpdateElementCommand(doc, b, QStringLiteral("name")));
    panel.refresh();
    QVERIFY2(textOf(buckets, b.id).startsWith(QString::fromStdString(b.name)),
             qPrintable(textOf(buckets, b.id)));
    QCOMPARE(buckets->currentData().toString(), chosen);

    KmsKey k = doc.design().keys.front();
    k.alias = "alias/renamed-key";
    undo.push(new document::UpdateElementCommand(doc, k, QStringLiteral("alias")));
    panel.refresh();
    QVERIFY2(textOf(keys, k.id).startsWith(QStringLiteral("alias/renamed-key")),
             qPrintable(textOf(keys, k.id)));
    undo.undo();
    undo.undo();
    panel.refresh();
    QCOMPARE(textOf(buckets, b.id), before);
}

// Renaming the bucket whose document is shown renames the document's file: the panel goes on
// showing it under its new path, in the same place of the tree, marked as changed.
void TestPanelFeedback::renamedDocumentStaysShown()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::PoliciesPanel panel(doc, selection);
    // The last document of a bucket: not the one the panel shows when it loses its place.
    const Artifact *shown = nullptr;
    for (const Artifact &a : doc.artifacts()) {
        if (document::findElement<Bucket>(doc.design(), a.element))
            shown = &a;
    }
    QVERIFY(shown && shown != &doc.artifacts().front());
    const QString path = QString::fromStdString(shown->path);
    QVERIFY(panel.showArtifact(path));
    auto *tree = panel.findChild<QTreeView *>("artifactTree");
    const int row = tree->currentIndex().row();
    Bucket b = *document::findElement<Bucket>(doc.design(), shown->element);
    b.name = "renamed-" + b.name;
    undo.push(new document::UpdateElementCommand(doc, b, QStringLiteral("name")));
    panel.refresh();
    QVERIFY2(panel.currentPath() != path && panel.currentPath().contains("renamed-"),
             qPrintable(panel.currentPath()));
    QCOMPARE(tree->currentIndex().data(views::PathRole).toString(), panel.currentPath());
    QCOMPARE(tree->currentIndex().row(), row);
    QVERIFY(treeMarksChanged(tree, panel.currentPath()));
    undo.undo();
    panel.refresh();
    QCOMPARE(panel.currentPath(), path);
}

void TestPanelFeedback::typedKeyIsKept()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::SimulatorPanel panel(doc, selection);
    auto *key = panel.findChild<QLineEdit *>("objectKey");
    key->selectAll();
    QTest::keyClicks(key, "mine/own.txt");
    panel.refresh();
    QCOMPARE(key->text(), QStringLiteral("mine/own.txt"));
}

void TestPanelFeedback::traceOpensInItsOwnWindow()
{
    Document doc(loadExample(kExample));
    QUndoStack undo;
    Selection selection;
    views::SimulatorPanel panel(doc, selection);
    panel.resize(900, 260); // docked under the canvas: inputs beside the trace
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.run();
    auto *results = panel.findChild<QTreeWidget *>("results");
    QVERIFY(results->topLevelItemCount() > 0);
    auto *inputs = panel.findChild<QLineEdit *>("objectKey");
    // Side by side: the trace gets the full height of the dock, beside the inputs.
    QVERIFY(results->mapTo(&panel, QPoint()).x() > inputs->mapTo(&panel, QPoint()).x());
    panel.findChild<QToolButton *>("traceWindowButton")->click();
    QWidget *window = results->window();
    QVERIFY(window != &panel);
    QVERIFY(window->isVisible());
    QVERIFY(window->width() * window->height() > panel.width() * panel.height());
    window->close();
    QCOMPARE(results->window(), &panel);
}

// What the checklist (findings) and the policies panel (lines) treat as changed by an edit: only
// what lies between the entries both versions share at their start and at their end.
void TestPanelFeedback::changesLieBetweenTheSharedEnds_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<int>("prefix");
    QTest::addColumn<int>("suffix");
    QTest::addColumn<QString>("diff"); // the kinds diffLines() gives, in order
    QTest::newRow("unchanged") << "abc" << "abc" << 3 << 0 << "   ";
    QTest::newRow("one changed") << "abcd" << "abXd" << 2 << 1 << "  -+ ";
    QTest::newRow("one inserted") << "abd" << "abcd" << 2 << 1 << "  + ";
    QTest::newRow("one removed") << "abcd" << "abd" << 2 << 1 << "  - ";
    QTest::newRow("all new") << "" << "ab" << 0 << 0 << "++";
    QTest::newRow("all gone") << "ab" << "" << 0 << 0 << "--";
    // A repeated entry is counted once: the two runs never overlap.
    QTest::newRow("repeat dropped") << "aa" << "a" << 1 << 0 << " -";
    QTest::newRow("nothing shared") << "ab" << "cd" << 0 << 0 << "--++";
}

void TestPanelFeedback::changesLieBetweenTheSharedEnds()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(int, prefix);
    QFETCH(int, suffix);
    QFETCH(QString, diff);
    const std::vector<QChar> a(before.begin(), before.end());
    const std::vector<QChar> b(after.begin(), after.end());
    const auto [shared, sharedAtEnd] = views::sharedEnds(a, b);
    QCOMPARE(int(shared), prefix);
    QCOMPARE(int(sharedAtEnd), suffix);

    // The same letters as lines of a document.
    std::string beforeText, afterText;
    for (QChar c : a)
        beforeText += char(c.toLatin1()) + std::string("\n");
    for (QChar c : b)
        afterText += char(c.toLatin1()) + std::string("\n");
    QString kinds;
    for (const views::DiffLine &line : views::diffLines(beforeText, afterText))
        kinds += line.kind == views::DiffLine::Kind::Added     ? u'+'
                 : line.kind == views::DiffLine::Kind::Removed ? u'-'
                                                               : u' ';
    QCOMPARE(kinds, diff);
}

QTEST_MAIN(TestPanelFeedback)
#include "tst_panelfeedback.moc"
