#include "policiespanel.h"

#include "artifacttreemodel.h"

#include "findbar.h"
#include "jsonhighlighter.h"
#include "panelparts.h"
#include "popout.h"
#include "qtext.h"
#include "selection.h"
#include "textdiff.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <QTextBlock>

#include <unordered_map>
#include <unordered_set>

namespace s3rd::views {

using namespace s3rd::model;

namespace {

// The character ranges of the statements (or replication rules) of a pretty-printed or
// hand-written policy: the objects inside the top-level "Statement" / "Rules" array, or the
// single "Statement" object. A small scanner, so no second parse of the document is needed.
std::vector<std::pair<int, int>> scanStatements(const QString &text)
{
    struct Level
    {
        QChar open;
        bool statements = false; // the top-level Statement/Rules array
        bool single = false;     // a single Statement object
    };
    std::vector<Level> stack;
    std::vector<std::pair<int, int>> ranges;
    QString lastKey;
    QString valueKey; // the key whose value comes next (after ':')
    int begin = -1;
    const int n = int(text.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c == u'"') {
            int j = i + 1;
            while (j < n && text[j] != u'"')
                j += text[j] == u'\\' ? 2 : 1;
            int k = j + 1;
            while (k < n && text[k].isSpace())
                ++k;
            if (k < n && text[k] == u':')
                lastKey = text.mid(i + 1, j - i - 1);
            i = j;
        } else if (c == u':') {
            valueKey = lastKey;
        } else if (c == u',') {
            valueKey.clear();
        } else if (c == u'[') {
            const bool top = stack.size() == 1 && stack.back().open == u'{';
            stack.push_back({c, top && (valueKey == u"Statement" || valueKey == u"Rules"), false});
            valueKey.clear();
        } else if (c == u'{') {
            const bool inArray = stack.size() == 2 && stack.back().statements;
            const bool single = stack.size() == 1 && valueKey == u"Statement";
            if (inArray || single)
                begin = i;
            stack.push_back({c, false, single});
            valueKey.clear();
        } else if (c == u'}' || c == u']') {
            if (stack.empty())
                break;
            const Level closed = stack.back();
            stack.pop_back();
            const bool inArray = c == u'}' && stack.size() == 2 && stack.back().statements;
            if ((inArray || closed.single) && begin >= 0) {
                ranges.emplace_back(begin, i + 1);
                begin = -1;
            }
        }
    }
    return ranges;
}

// Adds a pane to the splitter: a word-wrapped title over the content. Returns its layout.
QVBoxLayout *addPane(QSplitter *splitter, QLabel *&title, const QString &titleName)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    title = new QLabel;
    title->setObjectName(titleName);
    title->setWordWrap(true);
    layout->addWidget(title);
    splitter->addWidget(box);
    return layout;
}

} // namespace

PoliciesPanel::PoliciesPanel(document::Document &doc, Selection &selection, QWidget *parent)
    : DesignPanel(doc, selection, QStringLiteral("PoliciesPanel"), parent)
{

    QVBoxLayout *layout = newPanelLayout();

    auto *buttons = new QHBoxLayout;
    m_copy = new QPushButton(tr("Copy"));
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_copy->setToolTip(tr("Copy the shown JSON document to the clipboard"));
    m_copyAll = new QPushButton(tr("Copy all"));
    m_copyAll->setObjectName(QStringLiteral("copyAllButton"));
    m_copyAll->setToolTip(tr("Copy every document, each after a line naming its file"));
    buttons->addWidget(m_copy);
    buttons->addWidget(m_copyAll);
    buttons->addStretch(1);
    const auto toolButton = [buttons](const QString &name, const QString &text,
                                      const QString &tip) {
        return addToolButton(buttons, name, text, tip);
    };
    QToolButton *find = toolButton(QStringLiteral("findButton"), tr("Find"),
                                   tr("Find text in the document (Ctrl+F)"));
    m_wrap = toolButton(QStringLiteral("wrapButton"), tr("Wrap"),
                        tr("Wrap long lines, or scroll sideways to read them"));
    m_wrap->setCheckable(true);
    m_wrap->setChecked(true);
    m_popOutButton = toolButton(QStringLiteral("popOutButton"), tr("Window"),
                                tr("Show the document in a window of its own, to widen it"));
    m_popOutButton->setCheckable(true);
    layout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    m_model = new ArtifactTreeModel(m_doc, this);
    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("artifactTree"));
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setMinimumHeight(80);
    splitter->addWidget(m_tree);

    QVBoxLayout *docLayout = addPane(splitter, m_docTitle, QStringLiteral("documentTitle"));
    m_docTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("documentView"));
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Long ARNs wrap where they can; the Wrap button switches to sideways scrolling.
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMinimumHeight(120);
    m_highlighter = new JsonHighlighter(m_text->document(), m_text->palette());
    // The text and its find bar move together into a window of their own and back.
    auto *docView = new QWidget;
    auto *docViewLayout = new QVBoxLayout(docView);
    docViewLayout->setContentsMargins(0, 0, 0, 0);
    docViewLayout->setSpacing(2);
    m_findBar = new FindBar(m_text, docView);
    docViewLayout->addWidget(m_findBar);
    docViewLayout->addWidget(m_text, 1);
    auto *holder = new QWidget;
    m_popOut = new PopOut(docView, holder, QSize(760, 680));
    docLayout->addWidget(holder, 1);

    QVBoxLayout *noteLayout = addPane(splitter, m_listTitle, QStringLiteral("statementListTitle"));
    m_statements = new QTreeWidget;
    m_statements->setObjectName(QStringLiteral("statementList"));
    m_statements->setColumnCount(2);
    m_statements->setHeaderLabels({tr("Statement"), tr("Document")});
    m_statements->setRootIsDecorated(false);
    m_statements->setUniformRowHeights(true);
    m_statements->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_statements->header()->setResizeContentsPrecision(0); // the rows in view, not thousands
    m_statements->header()->setStretchLastSection(true);
    m_statements->setMinimumHeight(60);
    noteLayout->addWidget(m_statements, 1);
    m_annotation = newExplanationLabel(QStringLiteral("annotation"));
    m_annotation->setMinimumHeight(m_annotation->fontMetrics().lineSpacing() * 3);
    noteLayout->addWidget(m_annotation);
    setStretchFactors(splitter, {2, 5, 2});

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const QString path = current.data(PathRole).toString();
                if (m_syncing || path.isEmpty() || path == m_currentPath)
                    return;
                m_currentPath = path;
                showCurrent();
                updateStatementList();
            });
    connect(m_text, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (!m_syncing)
            onCursorMoved();
    });
    connect(m_statements, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) {
                if (!m_syncing && item)
                    onStatementPicked(item);
            });
    connect(m_statements, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (!m_syncing && item)
            onStatementPicked(item);
    });
    connect(m_copy, &QPushButton::clicked, this, &PoliciesPanel::copyCurrent);
    connect(find, &QToolButton::clicked, m_findBar, &FindBar::open);
    connect(m_wrap, &QToolButton::toggled, this, [this](bool wrap) {
        m_text->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    });
    connect(m_popOutButton, &QToolButton::toggled, this, [this](bool out) {
        out ? m_popOut->popOut() : m_popOut->bringBack();
    });
    connect(m_popOut, &PopOut::poppedOutChanged, m_popOutButton, &QToolButton::setChecked);
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(kChangeMarkMs);
    connect(&m_changeTimer, &QTimer::timeout, this, &PoliciesPanel::clearChanges);
    connect(m_copyAll, &QPushButton::clicked, this, &PoliciesPanel::copyAll);
    // Rows name accounts, buckets, roles and keys; rules appear in no label, nor does geometry.
    connect(&m_doc, &document::Document::elementChanged, this,
            [this](document::ElementKind kind, const QString &, document::ChangedProperties what) {
                m_namesChanged = m_namesChanged
                                 || (kind != document::ElementKind::Rule
                                     && what != document::ChangedProperty::Geometry);
            });
    connect(&m_selection, &Selection::selectionChanged, this, &PoliciesPanel::scheduleRefresh);
    connect(&m_doc, &document::Document::designReset, this, [this] { m_designReset = true; });
    refresh();
}

void PoliciesPanel::refreshContents()
{
    // Expanded groups survive a reset of the tree model (an artifact added or removed).
    QStringList expanded;
    for (int g = 0; g < m_model->rowCount(); ++g) {
        const QModelIndex group = m_model->index(g, 0);
        if (m_tree->isExpanded(group))
            expanded << group.data(AccountRole).toString();
    }
    const bool firstFill = m_model->rowCount() == 0;
    m_syncing = true;
    const ArtifactTreeModel::Sync sync = m_model->sync();
    const bool marksChanged = collectChanges();
    const bool reset = sync == ArtifactTreeModel::Sync::Reset;
    // The document shown stays shown when its element is renamed.
    for (const auto &[before, after] : m_model->renamedPaths()) {
        if (m_currentPath == before) {
            m_currentPath = after;
            break;
        }
    }
    if (reset) {
        const bool expandAll = firstFill && m_doc.artifacts().size() <= 200;
        for (int g = 0; g < m_model->rowCount(); ++g) {
            const QModelIndex group = m_model->index(g, 0);
            if (expandAll || expanded.contains(group.data(AccountRole).toString()))
                m_tree->setExpanded(group, true);
        }
    }
    QModelIndex current = m_model->indexOfPath(m_currentPath);
    if (!current.isValid() && m_model->rowCount() > 0) {
        current = m_model->index(0, 0, m_model->index(0, 0));
        m_currentPath = current.data(PathRole).toString();
    }
    if (!current.isValid())
        m_currentPath.clear();
    // Rows read their labels on demand: repaint when a name, a flag or a change mark they
    // show changed (an edit and its undo mark the same documents: nothing to repaint).
    if (sync == ArtifactTreeModel::Sync::RowsChanged || (!reset && m_namesChanged)
        || marksChanged)
        m_tree->viewport()->update();
    m_namesChanged = false;
    if (reset || m_tree->currentIndex() != current) {
        m_tree->setCurrentIndex(current);
        if (current.isValid())
            m_tree->expand(current.parent());
    }
    m_syncing = false;
    showCurrent();
    updateStatementList();
}

const Artifact *PoliciesPanel::currentArtifact() const
{
    if (m_currentPath.isEmpty())
        return nullptr;
    const std::string path = m_currentPath.toStdString();
    for (const Artifact &a : m_doc.artifacts()) {
        if (a.path == path)
            return &a;
    }
    return nullptr;
}

bool PoliciesPanel::showArtifact(const QString &path)
{
    const QModelIndex index = m_model->indexOfPath(path);
    if (!index.isValid())
        return false;
    m_tree->expand(index.parent());
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    if (m_currentPath != path) {
        m_currentPath = path;
        showCurrent();
        updateStatementList();
    }
    return true;
}

void PoliciesPanel::showCurrent()
{
    const Artifact *a = currentArtifact();
    m_copy->setEnabled(a != nullptr);
    m_copyAll->setEnabled(!m_doc.artifacts().empty());
    if (!a) {
        m_docTitle->setText(m_doc.artifacts().empty()
                                ? tr("Nothing to generate yet: draw a replication arrow from one "
                                     "bucket to another.")
                                : tr("Choose a document above."));
        m_shownText.clear();
        m_shownMarked = false;
        m_lineKinds.clear();
        m_syncing = true;
        m_text->clear();
        m_text->setExtraSelections({});
        m_syncing = false;
        m_ranges.clear();
        m_activeRange = -2;
        onCursorMoved(false);
        return;
    }
    m_docTitle->setText(QStringLiteral("<b>%1</b><br>%2").arg(qs(a->path).toHtmlEscaped(),
                                                             qs(a->target).toHtmlEscaped()));
    m_popOut->setWindowTitle(tr("%1 — Generated policy").arg(qs(a->path)));
    const bool marked = m_changes.count(a->path) > 0;
    if (a->text != m_shownText || marked != m_shownMarked) {
        // Keep the reader's place when the same document is regenerated.
        const int position = m_text->textCursor().position();
        const int scroll = m_text->verticalScrollBar()->value();
        m_syncing = true;
        m_shownText = a->text;
        m_shownMarked = marked;
        const QString text = qs(a->text);
        std::vector<int> shift; // per line of `text`: characters of removed lines before it
        const QString shown = displayText(*a, &shift);
        m_text->setPlainText(shown);
        markLines();
        QTextCursor cursor = m_text->textCursor();
        cursor.setPosition(std::min(position, int(shown.size())));
        m_text->setTextCursor(cursor);
        m_text->verticalScrollBar()->setValue(scroll);
        // A change just marked is brought into view (the scroll bar counts lines, i.e. blocks).
        const auto firstMark = std::find_if(m_lineKinds.begin(), m_lineKinds.end(),
                                            [](char k) { return k != ' '; });
        if (marked && firstMark != m_lineKinds.end()) {
            const int line = int(firstMark - m_lineKinds.begin());
            const QTextBlock block = m_text->document()->findBlockByNumber(line);
            if (block.isValid() && !m_text->viewport()->rect().contains(
                                       m_text->cursorRect(QTextCursor(block)).topLeft()))
                m_text->verticalScrollBar()->setValue(std::max(0, line - 3));
        }
        m_syncing = false;

        m_ranges.clear();
        auto spans = scanStatements(text);
        if (!shift.empty()) { // offsets in `text` → offsets in `shown`
            std::vector<int> lineStarts{0};
            for (int i = 0; i < int(text.size()); ++i) {
                if (text[i] == u'\n')
                    lineStarts.push_back(i + 1);
            }
            const auto map = [&](int offset) {
                const auto line = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset)
                                  - lineStarts.begin() - 1;
                return offset + shift[std::min(std::size_t(line), shift.size() - 1)];
            };
            for (auto &[begin, end] : spans) {
                begin = map(begin);
                end = map(end - 1) + 1;
            }
        }
        // A statement's note is found by its Sid (a rule's by its ID); by position otherwise.
        const char *listKey = a->kind == ArtifactKind::ReplicationConfiguration ? "Rules"
                                                                                : "Statement";
        const char *idKey = a->kind == ArtifactKind::ReplicationConfiguration ? "ID" : "Sid";
        for (std::size_t i = 0; i < spans.size(); ++i) {
            StatementRange r{spans[i].first, spans[i].second, -1};
            std::string sid;
            if (a->document().is_object() && a->document().contains(listKey)) {
                const auto &list = a->document()[listKey];
                const auto *item = list.is_array() && i < list.size() ? &list[i]
                                   : list.is_object()                 ? &list
                                                                      : nullptr;
                if (item && item->is_object() && item->contains(idKey)
                    && (*item)[idKey].is_string())
                    sid = (*item)[idKey].get<std::string>();
            }
            for (std::size_t n = 0; n < a->notes.size(); ++n) {
                if (!sid.empty() && a->notes[n].sid == sid) {
                    r.note = int(n);
                    break;
                }
            }
            if (r.note < 0 && sid.empty() && a->notes.size() == spans.size())
                r.note = int(i);
            m_ranges.push_back(r);
        }
    }
    m_activeRange = -2;
    onCursorMoved(false);
}

void PoliciesPanel::updateStatementList()
{
    const Artifact *current = currentArtifact();
    std::vector<std::string> selected;
    for (const QString &id : m_selection.ids())
        selected.push_back(id.toStdString());

    struct Row
    {
        QString sid, path, why;
        int note, range;
    };
    std::vector<Row> rows;
    std::vector<std::string> signature;
    constexpr std::size_t kMaxRows = 500;
    if (!selected.empty()) {
        updateCauses(selected);
        const auto &artifacts = m_doc.artifacts();
        for (std::size_t i = 0; i < artifacts.size() && rows.size() < kMaxRows; ++i) {
            const Artifact &a = artifacts[i];
            for (std::size_t n : m_causes.notes[i]) {
                if (rows.size() == kMaxRows || n >= a.notes.size())
                    break;
                const StatementNote &note = a.notes[n];
                rows.push_back({qs(note.sid), qs(a.path), qs(note.why), int(n), -1});
                signature.push_back(a.path + '\n' + note.sid + '\n' + note.why);
            }
        }
        m_listTitle->setText(rows.empty()
                                 ? tr("No statement is there because of the selected elements.")
                                 : tr("Statements caused by the selection (%1):").arg(rows.size()));
    } else if (current) {
        for (std::size_t i = 0; i < m_ranges.size(); ++i) {
            const int n = m_ranges[i].note;
            const StatementNote *note = n >= 0 ? &current->notes[std::size_t(n)] : nullptr;
            rows.push_back({note ? qs(note->sid) : tr("Statement %1").arg(i + 1), qs(current->path),
                            note ? qs(note->why) : QString(), n, int(i)});
            signature.push_back(current->path + '\n' + (note ? note->sid : std::to_string(i)));
        }
        m_listTitle->setText(tr("Statements in this document — select one, or select elements "
                                "on the canvas to see the statements they cause:"));
    } else {
        m_listTitle->clear();
    }
    if (signature == m_listSignature)
        return;
    m_listSignature = std::move(signature);
    m_syncing = true;
    const auto show = [](QTreeWidgetItem *item, const Row &r) {
        item->setText(0, r.sid);
        item->setText(1, r.path);
        item->setToolTip(0, r.why);
        item->setToolTip(1, r.why);
        item->setData(0, PathRole, r.path);
        item->setData(0, NoteRole, r.note);
        item->setData(0, RangeRole, r.range);
    };
    if (m_statements->topLevelItemCount() == int(rows.size())) {
        // As many statements (a document renamed, a reason reworded): the rows stay, and only
        // those whose texts changed are repainted.
        for (std::size_t i = 0; i < rows.size(); ++i)
            show(m_statements->topLevelItem(int(i)), rows[i]);
    } else {
        m_statements->clear();
        QList<QTreeWidgetItem *> items;
        items.reserve(qsizetype(rows.size()));
        for (const Row &r : rows) {
            auto *item = new QTreeWidgetItem;
            show(item, r);
            items << item;
        }
        m_statements->addTopLevelItems(items);
    }
    m_syncing = false;
}

void PoliciesPanel::updateCauses(const std::vector<std::string> &selected)
{
    const auto &artifacts = m_doc.artifacts();
    const std::uint64_t generation = m_doc.artifactsGeneration();
    const auto causes = [&](std::size_t i) {
        std::vector<std::size_t> notes;
        const Artifact &a = artifacts[i];
        for (std::size_t n = 0; n < a.notes.size(); ++n) {
            const auto &elements = a.notes[n].elements;
            if (std::any_of(elements.begin(), elements.end(), [&](const std::string &e) {
                    return std::find(selected.begin(), selected.end(), e) != selected.end();
                }))
                notes.push_back(n);
        }
        return notes;
    };
    const bool same = selected == m_causes.selected && m_causes.notes.size() == artifacts.size();
    if (same && generation == m_causes.generation)
        return;
    if (same && generation == m_causes.generation + 1 && m_doc.artifactPlacesKept()) {
        for (std::size_t i : m_doc.regeneratedArtifacts())
            m_causes.notes[i] = causes(i);
    } else {
        m_causes.notes.resize(artifacts.size());
        for (std::size_t i = 0; i < artifacts.size(); ++i)
            m_causes.notes[i] = causes(i);
        m_causes.selected = selected;
    }
    m_causes.generation = generation;
}

void PoliciesPanel::onCursorMoved(bool userAction)
{
    const Artifact *a = currentArtifact();
    const int pos = m_text->textCursor().position();
    int found = -1;
    for (std::size_t i = 0; i < m_ranges.size(); ++i) {
        if (pos > m_ranges[i].begin && pos < m_ranges[i].end) {
            found = int(i);
            break;
        }
    }
    if (found == m_activeRange && userAction)
        return;
    m_activeRange = found;
    const int note = found >= 0 ? m_ranges[std::size_t(found)].note : -1;

    // Mirror the statement in the list (when it lists this document's statements).
    m_syncing = true;
    for (int i = 0; i < m_statements->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_statements->topLevelItem(i);
        if (item->data(0, RangeRole).toInt() == found && found >= 0) {
            m_statements->setCurrentItem(item);
            break;
        }
    }
    m_syncing = false;

    // A refresh re-applies the emphasis only while it is still ours (the simulator may have
    // lit its path since); a user's click always takes over.
    if (!userAction && !highlightsAreOwn())
        return;
    if (!a || note < 0) {
        m_annotation->setText(found >= 0 ? tr("No annotation for this statement.")
                                         : tr("Place the cursor in a statement to see why it "
                                              "exists and what it involves."));
        setOwnHighlights({});
        return;
    }
    activateNote(a, note);
}

void PoliciesPanel::activateNote(const Artifact *a, int note)
{
    const StatementNote &n = a->notes[std::size_t(note)];
    QString html = QStringLiteral("<b>%1</b> — %2").arg(qs(n.sid).toHtmlEscaped(),
                                                       qs(n.why).toHtmlEscaped());
    if (!n.docUrl.empty())
        html += QStringLiteral(" <a href=\"%1\">%2</a>")
                    .arg(qs(n.docUrl).toHtmlEscaped(), tr("AWS documentation"));
    m_annotation->setText(html);
    QHash<QString, Highlight> highlights;
    for (const std::string &e : n.elements)
        highlights.insert(qs(e), Highlight::Emphasis);
    setOwnHighlights(highlights);
}

void PoliciesPanel::onStatementPicked(QTreeWidgetItem *item)
{
    const QString path = item->data(0, PathRole).toString();
    int range = item->data(0, RangeRole).toInt();
    const int note = item->data(0, NoteRole).toInt();
    if (path != m_currentPath)
        showArtifact(path);
    if (range < 0) {
        for (std::size_t i = 0; i < m_ranges.size(); ++i) {
            if (m_ranges[i].note == note && note >= 0)
                range = int(i);
        }
    }
    if (range >= 0) {
        selectStatement(range);
    } else if (const Artifact *a = currentArtifact(); a && note >= 0
                                                      && std::size_t(note) < a->notes.size()) {
        activateNote(a, note);
    }
}

bool PoliciesPanel::selectStatement(int index)
{
    if (index < 0 || std::size_t(index) >= m_ranges.size())
        return false;
    const StatementRange &r = m_ranges[std::size_t(index)];
    m_syncing = true;
    QTextCursor cursor = m_text->textCursor();
    cursor.setPosition(r.begin + 1);
    m_text->setTextCursor(cursor);
    m_text->centerCursor();
    m_syncing = false;
    m_activeRange = -2;
    onCursorMoved(true);
    return true;
}

void PoliciesPanel::copyCurrent()
{
    if (const Artifact *a = currentArtifact())
        QApplication::clipboard()->setText(qs(a->text));
}

void PoliciesPanel::copyAll()
{
    QString all;
    for (const Artifact &a : m_doc.artifacts()) {
        all += QStringLiteral("// %1 (%2)\n").arg(qs(a.path), kindLabel(a.kind));
        all += qs(a.text);
        all += u'\n';
    }
    QApplication::clipboard()->setText(all);
}

// --- What an edit changed ---

bool PoliciesPanel::collectChanges()
{
    const std::vector<Artifact> &artifacts = m_doc.artifacts();
    const std::uint64_t generation = m_doc.artifactsGeneration();
    if (generation == m_seenGeneration)
        return false;
    if (generation != m_seenGeneration + 1)
        m_designReset = false;
    // Only a regeneration following the one shown last can be compared with it.
    const bool next = m_seenGeneration != 0 && generation == m_seenGeneration + 1;
    m_seenGeneration = generation;
    if (!next)
        return false;
    // Only the documents generated again can differ; their previous versions are at hand.
    std::unordered_map<std::string_view, const Artifact *> before;
    for (const Artifact &a : m_doc.replacedArtifacts())
        before.emplace(a.path, &a);
    std::unordered_map<std::string, Change> changes;
    std::size_t added = 0;
    for (const std::size_t i : m_doc.regeneratedArtifacts()) {
        const Artifact &a = artifacts[i];
        const auto it = before.find(a.path);
        if (it == before.end()) {
            changes[a.path] = Change{{}, true};
            ++added;
        } else if (it->second->text != a.text) {
            changes[a.path] = Change{it->second->text, false};
        }
    }
    // Another design was opened, not edited: no document of the new one existed before (a
    // fix replaces the design too, but keeps most documents), or nearly every one is new.
    const bool replaced = std::exchange(m_designReset, false);
    if (changes.empty() || (replaced && added == artifacts.size())
        || (added > 10 && added * 2 > artifacts.size()))
        return false;
    std::unordered_set<std::string> paths;
    for (const auto &[path, change] : changes)
        paths.insert(path);
    bool samePaths = paths.size() == m_changes.size();
    for (const auto &[path, change] : m_changes)
        samePaths = samePaths && paths.count(path) > 0;
    m_changes = std::move(changes);
    m_changeTimer.start();
    if (samePaths)
        return false;
    m_model->setChangedPaths(std::move(paths));
    return true;
}

void PoliciesPanel::clearChanges()
{
    m_changeTimer.stop();
    m_changes.clear();
    m_model->setChangedPaths({});
    m_tree->viewport()->update();
    showCurrent();
}

QStringList PoliciesPanel::changedPaths() const
{
    QStringList paths;
    for (const auto &[path, change] : m_changes)
        paths << qs(path);
    paths.sort();
    return paths;
}

QString PoliciesPanel::lineMarks() const
{
    return QString::fromLatin1(m_lineKinds.data(), qsizetype(m_lineKinds.size()));
}

QString PoliciesPanel::displayText(const Artifact &a, std::vector<int> *lineShift)
{
    m_lineKinds.clear();
    const auto it = m_changes.find(a.path);
    if (it == m_changes.end())
        return qs(a.text);
    if (it->second.added) {
        m_lineKinds.assign(std::size_t(std::count(a.text.begin(), a.text.end(), '\n')
                                       + (a.text.empty() || a.text.back() == '\n' ? 0 : 1)),
                           '+');
        return qs(a.text);
    }
    QString shown;
    int removedChars = 0;
    for (const DiffLine &line : diffLines(it->second.before, a.text)) {
        const QString text = qs(line.text) + u'\n';
        if (line.kind == DiffLine::Kind::Removed) {
            removedChars += int(text.size());
            m_lineKinds.push_back('-');
        } else {
            lineShift->push_back(removedChars);
            m_lineKinds.push_back(line.kind == DiffLine::Kind::Added ? '+' : ' ');
        }
        shown += text;
    }
    lineShift->push_back(removedChars); // the position after the last line
    if (!a.text.empty() && a.text.back() != '\n')
        shown.chop(1);
    return shown;
}

void PoliciesPanel::markLines()
{
    QList<QTextEdit::ExtraSelection> marks;
    const bool dark = isDarkPalette(m_text->palette());
    QTextBlock block = m_text->document()->begin();
    for (std::size_t i = 0; i < m_lineKinds.size() && block.isValid();
         ++i, block = block.next()) {
        if (m_lineKinds[i] == ' ')
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        if (m_lineKinds[i] == '+') {
            mark.format.setBackground(dark ? QColor(0x1f, 0x4d, 0x2b) : QColor(0xd4, 0xf7, 0xdc));
        } else {
            mark.format.setBackground(dark ? QColor(0x5c, 0x22, 0x22) : QColor(0xfb, 0xe0, 0xe0));
            mark.format.setFontStrikeOut(true);
            mark.format.setToolTip(tr("Removed by the last edit"));
        }
        marks << mark;
    }
    m_text->setExtraSelections(marks);
}

void PoliciesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_highlighter)
        m_highlighter->setPalette(m_text->palette());
    QWidget::changeEvent(event);
}

void PoliciesPanel::hideEvent(QHideEvent *event)
{
    setOwnHighlights({});
    QWidget::hideEvent(event);
}

} // namespace s3rd::views
